/* hearth-chat-row.h: one chat in the chat list
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-chat.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_CHAT_ROW (hearth_chat_row_get_type ())
G_DECLARE_FINAL_TYPE (HearthChatRow, hearth_chat_row, HEARTH, CHAT_ROW, GtkWidget)

/* Property "chat" (nullable): avatar, title, one-line preview or "typing…", time, unread
 * badge and online dot follow the chat's properties. */
GtkWidget  *hearth_chat_row_new      (void);
HearthChat *hearth_chat_row_get_chat (HearthChatRow *self);
void        hearth_chat_row_set_chat (HearthChatRow *self,
                                      HearthChat    *chat);

G_END_DECLS
