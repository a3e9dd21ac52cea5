/* hearth-chat.h
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_CHAT (hearth_chat_get_type ())
G_DECLARE_FINAL_TYPE (HearthChat, hearth_chat, HEARTH, CHAT, GObject)

/*
 * A chat (doc/API.md §3). Plain data, no I/O. Setters notify only when the value changes.
 *
 * Properties:
 *   "id"            construct-only string
 *   "name"          nullable string: the chat's own name
 *   "me-id"         nullable string: the signed-in user, so "title" can leave them out
 *   "title"         read-only string: "name", or else the other participants' display names
 *                   joined by ", " ("Raj Kumar", "Mei Chen, Tom Okafor"); never NULL (falls
 *                   back to the id). Notified when any input changes (participants, names).
 *   "admin"         nullable HearthUser
 *   "last-message"  nullable HearthMessage
 *   "last-activity" GDateTime: the last message's time, else "created-at" (sort key of lists)
 *   "created-at"    nullable GDateTime
 *   "unread"        guint
 *   "left"          gboolean: the signed-in user was removed (read-only chat)
 *   "is-group"      read-only gboolean: a name or more than two participants
 */
HearthChat   *hearth_chat_new                (const char *id);
const char   *hearth_chat_get_id             (HearthChat *self);
const char   *hearth_chat_get_name           (HearthChat *self);
void          hearth_chat_set_name           (HearthChat *self,
                                              const char *name);
const char   *hearth_chat_get_me_id          (HearthChat *self);
void          hearth_chat_set_me_id          (HearthChat *self,
                                              const char *me_id);
const char   *hearth_chat_get_title          (HearthChat *self);
HearthUser   *hearth_chat_get_admin          (HearthChat *self);
void          hearth_chat_set_admin          (HearthChat *self,
                                              HearthUser *admin);
HearthMessage *hearth_chat_get_last_message  (HearthChat *self);
void          hearth_chat_set_last_message   (HearthChat    *self,
                                              HearthMessage *message);
GDateTime    *hearth_chat_get_last_activity  (HearthChat *self);
GDateTime    *hearth_chat_get_created_at     (HearthChat *self);
void          hearth_chat_set_created_at     (HearthChat *self,
                                              GDateTime  *created_at);
guint         hearth_chat_get_unread         (HearthChat *self);
void          hearth_chat_set_unread         (HearthChat *self,
                                              guint       unread);
gboolean      hearth_chat_get_left           (HearthChat *self);
void          hearth_chat_set_left           (HearthChat *self,
                                              gboolean    left);
gboolean      hearth_chat_get_is_group       (HearthChat *self);

/* Participants: a GListModel of HearthUser in server order. */
GListModel   *hearth_chat_get_participants   (HearthChat *self);
/* Replaces all participants (one items-changed; none when equal by id). */
void          hearth_chat_set_participants   (HearthChat *self,
                                              HearthUser * const *users,
                                              guint       n_users);
gboolean      hearth_chat_add_participant    (HearthChat *self,
                                              HearthUser *user);
gboolean      hearth_chat_remove_participant (HearthChat *self,
                                              const char *user_id);
HearthUser   *hearth_chat_find_participant   (HearthChat *self,
                                              const char *user_id);

/* Read receipts: when each participant last read the chat (NULL: never). Emits
 * "read-changed" (user id) when a time moves forward; an older time is ignored (returns FALSE). */
GDateTime    *hearth_chat_get_last_read_at   (HearthChat *self,
                                              const char *user_id);
gboolean      hearth_chat_set_last_read_at   (HearthChat *self,
                                              const char *user_id,
                                              GDateTime  *at);
/* The ids of participants with a read time, unordered; free with g_strfreev(). */
char        **hearth_chat_dup_reader_ids     (HearthChat *self);

/* Who is typing now: a GListModel of HearthUser, kept by HearthStore (which expires entries). */
GListModel   *hearth_chat_get_typing_users   (HearthChat *self);
gboolean      hearth_chat_add_typing_user    (HearthChat *self,
                                              HearthUser *user);
gboolean      hearth_chat_remove_typing_user (HearthChat *self,
                                              const char *user_id);
void          hearth_chat_clear_typing_users (HearthChat *self);

G_END_DECLS
