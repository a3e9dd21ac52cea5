/* hearth-window.h
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-accounts.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_WINDOW (hearth_window_get_type ())
G_DECLARE_FINAL_TYPE (HearthWindow, hearth_window, HEARTH, WINDOW, AdwApplicationWindow)

/*
 * The main window: the sign-in page while signed out; then Chats (an AdwLeaflet of the chat
 * list and the conversation, folding below ~600 px), Rewards and Today in an AdwViewStack, a
 * banner for the connection state and toasts for chat lifecycle and error events. It follows
 * HearthAccounts' "session".
 */

HearthWindow *hearth_window_new            (AdwApplication *application,
                                            HearthAccounts *accounts);
/* Shows the sign-in page (with @message, plain text, or NULL). */
void          hearth_window_show_sign_in   (HearthWindow   *self,
                                            const char     *message);
/* Shows the spinner page (a silent sign-in runs). */
void          hearth_window_show_loading   (HearthWindow   *self);
/* Opens the chat in the conversation pane (app.open-chat). FALSE if unknown. */
gboolean      hearth_window_open_chat      (HearthWindow   *self,
                                            const char     *chat_id);

G_END_DECLS
