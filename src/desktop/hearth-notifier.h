/* hearth-notifier.h: desktop notifications for incoming messages
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

/* Messages of one chat closer together than this become one notification (DESIGN.md §7). */
#define HEARTH_NOTIFIER_MERGE_WINDOW_MS 300

#define HEARTH_TYPE_NOTIFIER (hearth_notifier_get_type ())
G_DECLARE_FINAL_TYPE (HearthNotifier, hearth_notifier, HEARTH, NOTIFIER, GObject)

/*
 * HearthNotifier: one GNotification per chat (id "chat-<chat id>") for the messages that
 * arrive in the session's store (DESIGN.md §7).
 *
 * A "message-added" of someone else, newer than my last read time of its chat, notifies
 * unless the chat is the session's "open-chat-id" while its "window-active" is TRUE. The
 * messages of one chat arriving within the merge window (HEARTH_NOTIFIER_MERGE_WINDOW_MS,
 * counted from the first) go out together, when the window ends:
 *  - one message: title the sender's display name (in a group: "Raj Kumar in Weekend
 *    hike"), body the text on one line ("Reel" for a reel without text), or "New message"
 *    when "show-content" is FALSE;
 *  - several: title the sender (a direct chat) or the chat's title (a group), body
 *    "3 new messages".
 * Default action app.open-chat('<chat id>'), one button "Mark as read"
 * (app.mark-read('<chat id>')). A newer notification of a chat replaces the older.
 *
 * The notification of a chat is withdrawn (and a pending one dropped) when its unread count
 * drops to 0 (read here or on another device), when the chat is deleted, when "enabled"
 * turns FALSE and when the session signs out; after sign-out nothing more is sent. Nothing
 * is sent while "enabled" is FALSE.
 *
 * The application must be registered (g_application_register()) before the first message.
 * The notifier does not keep it alive.
 *
 * Properties:
 *  "application"  (construct-only) GApplication
 *  "session"      (construct-only) HearthSession, signed in
 *  "enabled"      gboolean, default TRUE (GSettings key `notifications`)
 *  "show-content" gboolean, default TRUE (GSettings key `notification-content`)
 */
HearthNotifier *hearth_notifier_new              (GApplication   *application,
                                                  HearthSession  *session);

gboolean        hearth_notifier_get_enabled      (HearthNotifier *self);
void            hearth_notifier_set_enabled      (HearthNotifier *self,
                                                  gboolean        enabled);
gboolean        hearth_notifier_get_show_content (HearthNotifier *self);
void            hearth_notifier_set_show_content (HearthNotifier *self,
                                                  gboolean        show_content);

/* The merge window in ms (default HEARTH_NOTIFIER_MERGE_WINDOW_MS; tests lengthen it). Takes
 * effect from the next burst. */
void            hearth_notifier_set_merge_window (HearthNotifier *self,
                                                  guint           merge_window_ms);
/* Sends the notifications of the bursts still in their merge window now. */
void            hearth_notifier_flush            (HearthNotifier *self);

/* The "Mark as read" button (app.mark-read): marks @chat_id read locally and, when the
 * session's "send-read-receipts" is on and it is online, emits messages-read. */
void            hearth_notifier_mark_read        (HearthNotifier *self,
                                                  const char     *chat_id);

/* The id of @chat_id's notification, "chat-<chat id>" (transfer full). */
char           *hearth_notifier_dup_notification_id (const char *chat_id);

G_END_DECLS
