/* hearth-accounts.h: which account the app is signed in to, and how it got there
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-demo.h"
#include "hearth-session.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_ACCOUNTS (hearth_accounts_get_type ())
G_DECLARE_FINAL_TYPE (HearthAccounts, hearth_accounts, HEARTH, ACCOUNTS, GObject)

/*
 * HearthAccounts: the app's one signed-in HearthSession and the ways to get one — a sign-in
 * with a password (the token then goes to the keyring), the embedded demo, or a token from the
 * keyring at start-up. No widget code: the window binds to "session" and calls these.
 *
 * Properties:
 *  "session"        HearthSession (nullable): SIGNED_IN or on its way there; NULL when signed out
 *  "demo"           gboolean: the session is the embedded demo's
 *  "remembered"     gboolean: the token is in the keyring (FALSE for the demo and when no
 *                   keyring is running)
 *  "keyring-error"  (nullable) why the token could not be stored
 *
 * Signals:
 *  "signed-out" (HearthSignOutReason reason, const char *message nullable): the session ended;
 *               "session" is NULL again, the token is gone from the keyring
 */

HearthAccounts *hearth_accounts_new                 (void);
/* @data_dir: NULL for the XDG default (tests give a temporary one). */
void            hearth_accounts_set_data_dir        (HearthAccounts      *self,
                                                     const char          *data_dir);

/* Whether the demo's cast acts (default TRUE; tests turn it off). Before start_demo. */
void            hearth_accounts_set_demo_cast       (HearthAccounts      *self,
                                                     gboolean             enabled);

void            hearth_accounts_sign_in_async       (HearthAccounts      *self,
                                                     const char          *server_url,
                                                     const char          *username,
                                                     const char          *password,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        hearth_accounts_sign_in_finish      (HearthAccounts      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* Starts the embedded demo server (once) and signs in to it. */
void            hearth_accounts_start_demo_async    (HearthAccounts      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        hearth_accounts_start_demo_finish   (HearthAccounts      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* Signs in silently with the keyring's token. Fails with G_IO_ERROR_NOT_FOUND when the keyring
 * has none. */
void            hearth_accounts_restore_async       (HearthAccounts      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        hearth_accounts_restore_finish      (HearthAccounts      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            hearth_accounts_sign_out            (HearthAccounts      *self);
/* Ends everything before the main loop stops (the demo server included). */
void            hearth_accounts_shutdown            (HearthAccounts      *self);

HearthSession  *hearth_accounts_get_session         (HearthAccounts      *self);
HearthDemo     *hearth_accounts_get_demo_server     (HearthAccounts      *self);
gboolean        hearth_accounts_get_demo            (HearthAccounts      *self);
gboolean        hearth_accounts_get_remembered      (HearthAccounts      *self);
const char     *hearth_accounts_get_keyring_error   (HearthAccounts      *self);

G_END_DECLS
