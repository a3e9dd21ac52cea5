/* hearth-store.h: the local state of one account, kept in step with the server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

/* Days of score history the store keeps (and the session asks for). */
#define HEARTH_STORE_SCORE_HISTORY_DAYS 30

#define HEARTH_TYPE_STORE (hearth_store_get_type ())
G_DECLARE_FINAL_TYPE (HearthStore, hearth_store, HEARTH, STORE, GObject)

/*
 * HearthStore subscribes to @bus and applies the 14 listening events as DESIGN.md §3 says,
 * to its models and to @database. Model changes happen at once (so views stay live); database
 * writes of one main-loop turn go out as one batch (one transaction; a turn with more than
 * 2000 writes, as in a flood, is split into transactions of 2000). Users are shared: one
 * HearthUser per id, whatever chat or message refers to it. An event about an unknown chat is
 * answered by fetching that chat with @api (GET /chats/:id) and then applied; an unknown user
 * in a message becomes a user with only an id until a chat fetch names it.
 *
 * Writes that fail are reported once per failure through "database-error" (const GError *)
 * and the in-memory state stays authoritative; nothing in memory is dropped.
 *
 * Signals:
 *   "message-added"  (HearthMessage *message, gboolean mine): a new message entered the store
 *                    from the network (not from the cache; not my own queued messages)
 *   "chat-removed"   (const char *chat_id, const char *title): chat-deleted, for toasts
 *   "chat-joined"    (HearthChat *chat, HearthUser *admin nullable)
 *   "reward-changed" (HearthReward *reward)
 *   "score-changed"  (HearthScore *score)
 *   "database-error" (const GError *error)
 *
 * Properties: "me" (HearthUser, construct-only), "open-chat-id" (nullable), "focused"
 * (the open chat is visible in an active window: incoming messages do not count as unread),
 * "score" (read-only, nullable: the object hearth_store_get_score() returns; notified when a
 * newer day replaces it — the same day is updated in place), "wellbeing-updated" (read-only,
 * nullable GDateTime: when rewards, score and history were last fetched from the server;
 * persisted).
 *
 * Score history (hearth_store_get_score_history()): a GListModel of HearthScore with only
 * "date", "day" (when known) and "total-score", oldest first, one per day, the newest
 * HEARTH_STORE_SCORE_HISTORY_DAYS days; loaded from the database (so it shows offline),
 * replaced by hearth_store_apply_score_history(). The entry of the current score's day
 * follows it: every applied score (score-updated, a refresh) replaces its day's total or
 * inserts its day. The entries are the store's objects, updated in place; a total that is
 * not a finite number counts as 0.
 */
HearthStore    *hearth_store_new                (HearthUser     *me,
                                                 HearthDatabase *database,
                                                 HearthEventBus *bus,
                                                 HearthApi      *api);
HearthUser     *hearth_store_get_me             (HearthStore    *self);
HearthDatabase *hearth_store_get_database       (HearthStore    *self);
HearthApi      *hearth_store_get_api            (HearthStore    *self);

/* Loads chats, drafts, rewards, the newest score, the score history and the wellbeing fetch
 * time from the database. */
void            hearth_store_load_async         (HearthStore         *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        hearth_store_load_finish        (HearthStore         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* The chat list (HearthChatList, a GListModel of HearthChat). */
GListModel     *hearth_store_get_chats          (HearthStore    *self);
HearthChat     *hearth_store_lookup_chat        (HearthStore    *self,
                                                 const char     *chat_id);
/* The one HearthUser for @user_id, or NULL. */
HearthUser     *hearth_store_lookup_user        (HearthStore    *self,
                                                 const char     *user_id);
/* The chat's history (kept while referenced; the same object for the same chat while alive).
 * A new list starts loading its newest page at once. Returns: (transfer full). */
HearthMessageList *hearth_store_get_messages    (HearthStore    *self,
                                                 const char     *chat_id);
/* Rewards (GListModel of HearthReward) and today's score (nullable). */
GListModel     *hearth_store_get_rewards        (HearthStore    *self);
HearthScore    *hearth_store_get_score          (HearthStore    *self);
/* The score history (GListModel of HearthScore, see above). */
GListModel     *hearth_store_get_score_history  (HearthStore    *self);
/* When rewards and score were last fetched from the server (nullable; the session's
 * refresh sets it). */
GDateTime      *hearth_store_get_wellbeing_updated (HearthStore *self);
void            hearth_store_set_wellbeing_updated (HearthStore *self,
                                                    GDateTime   *updated);

const char     *hearth_store_get_open_chat_id   (HearthStore    *self);
void            hearth_store_set_open_chat_id   (HearthStore    *self,
                                                 const char     *chat_id);
gboolean        hearth_store_get_focused        (HearthStore    *self);
void            hearth_store_set_focused        (HearthStore    *self,
                                                 gboolean        focused);

/* Resync (after every (re)connect, from the session): merges GET /chats (adds, updates and
 * removes chats; unread counts and last messages), clears stale typing users. */
void            hearth_store_apply_chats        (HearthStore    *self,
                                                 GPtrArray      *chats);
/* Merges a page of messages fetched from the server (deduplicated by id), e.g. catch-up. */
void            hearth_store_apply_messages     (HearthStore    *self,
                                                 const char     *chat_id,
                                                 GPtrArray      *messages);
void            hearth_store_apply_rewards      (HearthStore    *self,
                                                 GPtrArray      *rewards);
void            hearth_store_apply_reward       (HearthStore    *self,
                                                 HearthReward   *reward);
void            hearth_store_apply_score        (HearthStore    *self,
                                                 HearthScore    *score);
/* GET /score/history: replaces the history (one entry per day, the last given winning; the
 * newest HEARTH_STORE_SCORE_HISTORY_DAYS). */
void            hearth_store_apply_score_history (HearthStore   *self,
                                                  GPtrArray     *scores);

/* Outgoing messages (used by HearthOutbox): adds my queued message to its chat's list and as
 * the chat's last message, and puts it (with its outbox entry) in the next batch. */
void            hearth_store_add_pending        (HearthStore    *self,
                                                 HearthMessage  *message,
                                                 guint           attempts);
/* The POST reply or the messages-sent echo for a pending message: gives the pending object the
 * server id, time and state SENT and removes its outbox entry — the same object, never a
 * second row. Returns the message object now holding it (the pending one when found). */
HearthMessage  *hearth_store_confirm_sent       (HearthStore    *self,
                                                 HearthMessage  *server_message);
/* Records a new state (QUEUED, FAILED) and attempt count of a pending message. */
void            hearth_store_update_pending     (HearthStore    *self,
                                                 HearthMessage  *message,
                                                 guint           attempts);
/* The pending message with this client id, or NULL. */
HearthMessage  *hearth_store_lookup_pending     (HearthStore    *self,
                                                 const char     *client_id);

/* Drafts (kept in memory, written with the next batch). */
const char     *hearth_store_get_draft          (HearthStore    *self,
                                                 const char     *chat_id);
void            hearth_store_set_draft          (HearthStore    *self,
                                                 const char     *chat_id,
                                                 const char     *text);

/* Marks @chat_id read by me up to its newest message locally (unread 0, my read time). */
void            hearth_store_mark_read_locally  (HearthStore    *self,
                                                 const char     *chat_id);

/* Typing users expire this long after their last typing-started (default 15000 ms; tests
 * shorten it). */
void            hearth_store_set_typing_timeout (HearthStore    *self,
                                                 guint           timeout_ms);

/* The chat list announces a main-loop turn's changes in one items-changed when the turn ends
 * (and serves the state it last announced until then). This ends the turn now: call it
 * before reading the chat list right after changing the store in the same turn. */
void            hearth_store_end_turn           (HearthStore    *self);
/* Writes the pending batch now and waits for the database (tests, shutdown); ends the turn. */
void            hearth_store_flush              (HearthStore    *self);
/* Forgets everything, in memory and in the database. */
void            hearth_store_wipe               (HearthStore    *self);

G_END_DECLS
