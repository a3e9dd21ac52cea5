/* hearth-chat-list.h: the chats, most recent activity first
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_CHAT_LIST (hearth_chat_list_get_type ())
G_DECLARE_FINAL_TYPE (HearthChatList, hearth_chat_list, HEARTH, CHAT_LIST, GObject)

/*
 * A GListModel of HearthChat sorted by "last-activity" (newest first, ties by id). Only
 * HearthStore changes it. Changes made between hearth_chat_list_begin() and
 * hearth_chat_list_end() are announced with ONE items-changed covering the smallest range
 * that contains them (none when nothing moved, was added or removed); outside such a pair every
 * change emits at once. get_item and lookup are O(1); re-sorting a moved chat is O(log n) to
 * find its place plus the move.
 */
HearthChatList *hearth_chat_list_new        (void);
HearthChat     *hearth_chat_list_lookup     (HearthChatList *self,
                                             const char     *chat_id);
/* Adds @chat, or replaces nothing and returns FALSE when its id is already in the list. */
gboolean        hearth_chat_list_add        (HearthChatList *self,
                                             HearthChat     *chat);
gboolean        hearth_chat_list_remove     (HearthChatList *self,
                                             const char     *chat_id);
/* Re-sorts @chat after its last activity changed. */
void            hearth_chat_list_resort     (HearthChatList *self,
                                             HearthChat     *chat);
void            hearth_chat_list_clear      (HearthChatList *self);
void            hearth_chat_list_begin      (HearthChatList *self);
void            hearth_chat_list_end        (HearthChatList *self);

G_END_DECLS
