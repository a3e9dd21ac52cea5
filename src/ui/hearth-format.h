/* hearth-format.h: the words and times the views show, as plain functions
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-chat.h"
#include "hearth-message.h"
#include "hearth-user.h"

G_BEGIN_DECLS

/* Every function takes "now" so that tests pin the clock; all return (transfer full) plain
 * text (never markup) in the local time zone of @now. */

/* The chat list's time column: "14:05" today, "Yesterday", "Tuesday" within a week,
 * "12 Mar" this year, "12 Mar 2025" before. */
char *hearth_format_list_time      (GDateTime  *at,
                                    GDateTime  *now);
/* A message's time: "14:05". */
char *hearth_format_clock          (GDateTime  *at);
/* A day separator: "Today", "Yesterday", "Tuesday", "Saturday 14 March", "14 March 2025". */
char *hearth_format_day            (GDateTime  *at,
                                    GDateTime  *now);
/* "online", "last seen just now", "last seen 5 minutes ago", "last seen 3 hours ago",
 * "last seen yesterday at 14:05", "last seen 12 Mar", "offline" (never seen). */
char *hearth_format_presence       (HearthUser *user,
                                    GDateTime  *now);
/* The conversation subtitle: a direct chat → the other's presence; a group → "3 members,
 * 2 online" (me counted as a member and as online). */
char *hearth_format_chat_subtitle  (HearthChat *chat,
                                    GDateTime  *now);
/* "Raj is typing…", "Raj and Mei are typing…", "3 people are typing…"; NULL when nobody. */
char *hearth_format_typing         (HearthChat *chat);
/* The chat list's preview: "typing…" while someone types, else the last message on one line
 * ("You: …" for mine, "Raj: …" in groups), "Reel" for a reel without text, "" for none. */
char *hearth_format_preview        (HearthChat *chat);
/* One line of @text: runs of whitespace (newlines included) become one space, trimmed. */
char *hearth_format_one_line       (const char *text);
/* Under the newest message others read: "Seen" in a direct chat, "Seen by 2" / "Seen by
 * everyone" in a group. */
char *hearth_format_seen           (HearthChat *chat,
                                    guint       n_readers);
/* A line about the chat's membership (hearth_message_is_system()): "Raj Kumar added you",
 * "You were added", "Mei Chen was removed", "You were removed"; NULL for a message. */
char *hearth_format_member_line    (HearthMessage *line,
                                    const char    *me_id);

G_END_DECLS
