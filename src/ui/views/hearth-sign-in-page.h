/* hearth-sign-in-page.h: server, username, password, "Sign In", "Try the Demo"
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_SIGN_IN_PAGE (hearth_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (HearthSignInPage, hearth_sign_in_page, HEARTH, SIGN_IN_PAGE, GtkWidget)

/*
 * Signals: "sign-in" (const char *server_url, const char *username, const char *password),
 * emitted only with a well-formed http(s) URL and non-empty fields (otherwise the page shows
 * the problem inline); "try-demo" ().
 */

GtkWidget *hearth_sign_in_page_new        (void);
/* Disables the form and spins while a sign-in runs. */
void       hearth_sign_in_page_set_busy   (HearthSignInPage *self,
                                           gboolean          busy);
/* Shows @message (plain text; NULL hides it) under the form, e.g. a wrong password. */
void       hearth_sign_in_page_set_error  (HearthSignInPage *self,
                                           const char       *message);
const char *hearth_sign_in_page_get_server (HearthSignInPage *self);
void       hearth_sign_in_page_set_server (HearthSignInPage *self,
                                           const char       *server_url);
void       hearth_sign_in_page_clear_password (HearthSignInPage *self);
void       hearth_sign_in_page_focus      (HearthSignInPage *self);
/* Fills the form and presses "Sign In" (tests, accessibility drivers). */
void       hearth_sign_in_page_submit     (HearthSignInPage *self);

/* Validates a server URL typed by a user; returns the normalised URL or NULL with a
 * user-facing @error. Public for tests. */
char      *hearth_sign_in_page_check_url  (const char       *text,
                                           GError          **error);

G_END_DECLS
