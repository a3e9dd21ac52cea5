/* hearth-secrets.h: the session token in the keyring (libsecret)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HEARTH_SECRETS_ERROR (hearth_secrets_error_quark ())

/*
 * HearthSecretsError:
 * @HEARTH_SECRETS_ERROR_UNAVAILABLE: no Secret Service on the session bus (or no session bus,
 *     or the keyring failed with a D-Bus error): sign-in will not be remembered.
 * @HEARTH_SECRETS_ERROR_FAILED: the keyring refused (e.g. the unlock prompt was dismissed).
 * @HEARTH_SECRETS_ERROR_INVALID: an argument is not usable (e.g. the server is not a URL).
 */
typedef enum
{
  HEARTH_SECRETS_ERROR_UNAVAILABLE,
  HEARTH_SECRETS_ERROR_FAILED,
  HEARTH_SECRETS_ERROR_INVALID,
} HearthSecretsError;

#define HEARTH_TYPE_SECRETS (hearth_secrets_get_type ())
G_DECLARE_FINAL_TYPE (HearthSecrets, hearth_secrets, HEARTH, SECRETS, GObject)

/*
 * One keyring item per account, schema "io.github.hearthchat.Hearth.Token", attributes:
 *  "server"   the server URL, as given to hearth_secrets_store_async()
 *  "user"     the user id
 *  "username" the display name of the account (for the sign-in page; may be empty)
 *  "stored"   when it was stored (microseconds since the epoch, decimal): "most recent"
 * The secret is the token. Nothing of it ever goes into GSettings or a file of ours.
 */

GQuark         hearth_secrets_error_quark   (void);

HearthSecrets *hearth_secrets_new           (void);

/* Stores (replacing any earlier token of the same server and user id) and makes it the
 * most recent account. @username is nullable. */
void           hearth_secrets_store_async   (HearthSecrets        *self,
                                             const char           *server_url,
                                             const char           *user_id,
                                             const char           *username,
                                             const char           *token,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       hearth_secrets_store_finish  (HearthSecrets        *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Finds the most recently stored account, of @server_url if it is not NULL. */
void           hearth_secrets_lookup_async  (HearthSecrets        *self,
                                             const char           *server_url,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
/*
 * Returns: (transfer full) (nullable): the token, or NULL with no error set when the keyring
 * holds no account (then the out arguments are set to NULL). @server_url, @user_id and
 * @username are optional out arguments (transfer full).
 */
char          *hearth_secrets_lookup_finish (HearthSecrets        *self,
                                             GAsyncResult         *result,
                                             char                **server_url,
                                             char                **user_id,
                                             char                **username,
                                             GError              **error);

/* Removes the token of @user_id on @server_url (signing out). Succeeds if there was none. */
void           hearth_secrets_clear_async   (HearthSecrets        *self,
                                             const char           *server_url,
                                             const char           *user_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean       hearth_secrets_clear_finish  (HearthSecrets        *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
