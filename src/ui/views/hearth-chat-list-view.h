/* hearth-chat-list-view.h: the sidebar: search and the chat list
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-chat.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_CHAT_LIST_VIEW (hearth_chat_list_view_get_type ())
G_DECLARE_FINAL_TYPE (HearthChatListView, hearth_chat_list_view, HEARTH, CHAT_LIST_VIEW, GtkWidget)

/*
 * Property "chats": the GListModel of HearthChat to show (the store's sorted chat list);
 * the search entry filters it by title. Signal "chat-activated" (HearthChat *chat).
 */

GtkWidget  *hearth_chat_list_view_new            (void);
void        hearth_chat_list_view_set_chats      (HearthChatListView *self,
                                                  GListModel         *chats);
/* The filtered list as shown (for keyboard navigation and tests). */
GListModel *hearth_chat_list_view_get_shown      (HearthChatListView *self);
/* Selects the row of @chat_id (NULL: none) without activating it. */
void        hearth_chat_list_view_select         (HearthChatListView *self,
                                                  const char         *chat_id);
void        hearth_chat_list_view_focus_search   (HearthChatListView *self);

G_END_DECLS
