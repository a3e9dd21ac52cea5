/* hearth-window-private.h: internals of HearthWindow shared with the ui tests
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-chat-list-view.h"
#include "hearth-conversation-view.h"
#include "hearth-quick-switcher.h"
#include "hearth-rewards-page.h"
#include "hearth-sign-in-page.h"
#include "hearth-today-page.h"
#include "hearth-window.h"

G_BEGIN_DECLS

/* "loading", "sign-in" or "main". */
const char             *_hearth_window_get_page              (HearthWindow *self);
HearthSignInPage       *_hearth_window_get_sign_in_page      (HearthWindow *self);
HearthChatListView     *_hearth_window_get_chat_list_view    (HearthWindow *self);
HearthConversationView *_hearth_window_get_conversation_view (HearthWindow *self);
AdwLeaflet             *_hearth_window_get_leaflet           (HearthWindow *self);
/* The banner's text, or NULL when it is hidden. */
const char             *_hearth_window_get_banner            (HearthWindow *self);
GtkLabel               *_hearth_window_get_banner_label      (HearthWindow *self);
/* The Ctrl+K switcher while open, or NULL. */
HearthQuickSwitcher    *_hearth_window_get_quick_switcher    (HearthWindow *self);
HearthRewardsPage      *_hearth_window_get_rewards_page      (HearthWindow *self);
HearthTodayPage        *_hearth_window_get_today_page        (HearthWindow *self);
/* The title of the last toast shown (tests). */
const char             *_hearth_window_get_last_toast        (HearthWindow *self);

G_END_DECLS
