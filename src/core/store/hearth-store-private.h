/* hearth-store-private.h: what HearthStore and HearthMessageList share (and test hooks)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-database.h"
#include "hearth-message-list.h"
#include "hearth-store.h"

G_BEGIN_DECLS

/* Messages per page, for the database and the server (both lists and the store). */
#define HEARTH_MESSAGE_LIST_PAGE_SIZE 50

/* The name of the fetch time of rewards, score and history in the database. */
#define HEARTH_STORE_FETCH_WELLBEING "wellbeing"

/* Message ids remembered for deduplication (the newest ones). */
#define HEARTH_STORE_MAX_SEEN_IDS 4096

/* What the files of HearthStore share (hearth-store*.c): the instance, the property and signal
 * tables, and the internal helpers. Nothing outside src/core/store/hearth-store*.c uses these. */

struct _HearthStore
{
  GObject          parent_instance;

  /* owned */
  HearthUser      *me;
  HearthDatabase  *database;
  HearthEventBus  *bus;
  HearthApi       *api;
  GCancellable    *cancellable;
  HearthChatList  *chats;
  GListStore      *rewards;
  HearthScore     *score;
  GListStore      *score_history;  /* HearthScore, oldest first (hearth-store-wellbeing.c) */
  GDateTime       *wellbeing_updated;
  GHashTable      *users;      /* id -> HearthUser */
  GHashTable      *lists;      /* chat id -> HearthMessageList (weak: removed when it dies) */
  GHashTable      *pending;    /* client id -> HearthMessage (queued / failed) */
  GHashTable      *confirmed;  /* client id -> HearthMessage (was pending, now sent) */
  GHashTable      *drafts;     /* chat id -> text */
  GHashTable      *typing;     /* "chat\nuser" -> Typing */
  GHashTable      *fetches;    /* chat id -> ChatFetch */
  GHashTable      *deleted;    /* chat ids deleted in this session */
  GHashTable      *seen;       /* message ids seen (bounded by HEARTH_STORE_MAX_SEEN_IDS) */
  char           **seen_ring;  /* the same ids in a ring, oldest at seen_next (borrowed) */
  GHashTable      *dirty;      /* HearthChat -> DirtyChat: read/unread rows of this batch */
  GHashTable      *held;       /* HearthChat (owned) with notifications frozen this turn */
  HearthChat      *last_held;  /* the last chat held this turn (borrowed from @held) */
  GPtrArray       *reward_waiters; /* reward ids waiting for GET /rewards; NULL: none runs */
  GArray          *bus_handlers;   /* gulong */
  HearthDbBatch   *batch;
  char            *open_chat_id;

  guint            flush_source;
  guint            turn_source;
  guint            typing_timeout_ms;
  guint            page_size;
  guint            write_count;
  guint            chat_fetch_count;
  guint            fetch_serial;
  guint            seen_next;
  guint            focused : 1;
};

enum {
  STORE_PROP_0,
  STORE_PROP_ME,
  STORE_PROP_DATABASE,
  STORE_PROP_BUS,
  STORE_PROP_API,
  STORE_PROP_OPEN_CHAT_ID,
  STORE_PROP_FOCUSED,
  STORE_PROP_SCORE,
  STORE_PROP_WELLBEING_UPDATED,
  N_STORE_PROPS
};

enum {
  STORE_SIGNAL_MESSAGE_ADDED,
  STORE_SIGNAL_CHAT_REMOVED,
  STORE_SIGNAL_CHAT_JOINED,
  STORE_SIGNAL_REWARD_CHANGED,
  STORE_SIGNAL_SCORE_CHANGED,
  STORE_SIGNAL_DATABASE_ERROR,
  N_STORE_SIGNALS
};

extern GParamSpec *_hearth_store_properties[N_STORE_PROPS];
extern guint       _hearth_store_signals[N_STORE_SIGNALS];

/* hearth-store.c: helpers, turns and batches, message lists. */
gboolean           _hearth_store_is_me                (HearthStore       *self,
                                                       const char        *user_id);
/* A weak reference to @self for an async callback; _weak_take() frees it and returns the
 * store (a new reference) or NULL. */
GWeakRef          *_hearth_store_weak_new             (HearthStore       *self);
HearthStore       *_hearth_store_weak_take            (GWeakRef          *ref);
/* g_date_time_compare() where NULL sorts first. */
int                _hearth_store_compare_times        (GDateTime         *a,
                                                       GDateTime         *b);
/* The batch of this turn (written at idle, or at once when it is full). */
HearthDbBatch     *_hearth_store_get_batch            (HearthStore       *self);
/* Call before changing the chat list or a chat's sort key. */
void               _hearth_store_begin_turn           (HearthStore       *self);
/* Freezes the notifications of @chat until the end of the turn: a turn that changes a chat
 * many times (a flood) notifies each property once. */
void               _hearth_store_hold_chat            (HearthStore       *self,
                                                       HearthChat        *chat);
/* The chat's unread count / @user_id's read time changed: written with the batch. */
void               _hearth_store_mark_unread_dirty    (HearthStore       *self,
                                                       HearthChat        *chat);
void               _hearth_store_mark_read_dirty      (HearthStore       *self,
                                                       HearthChat        *chat,
                                                       const char        *user_id);
/* Forgets and empties the message list of @chat_id (the chat is gone). */
void               _hearth_store_forget_list          (HearthStore       *self,
                                                       const char        *chat_id);

/* hearth-store-models.c: users, messages, chats. */
HearthUser        *_hearth_store_merge_user           (HearthStore       *self,
                                                       HearthUser        *src);
void               _hearth_store_share_sender         (HearthStore       *self,
                                                       HearthMessage     *message);
HearthMessage     *_hearth_store_copy_message         (HearthStore       *self,
                                                       HearthMessage     *src);
void               _hearth_store_remember_id          (HearthStore       *self,
                                                       const char        *id);
void               _hearth_store_remember_new_id      (HearthStore       *self,
                                                       const char        *id);
HearthMessageList *_hearth_store_lookup_list          (HearthStore       *self,
                                                       const char        *chat_id);
HearthMessage     *_hearth_store_find_message_object  (HearthStore       *self,
                                                       HearthChat        *chat,
                                                       const char        *id);
HearthMessage     *_hearth_store_find_own_object      (HearthStore       *self,
                                                       HearthMessage     *message);
void               _hearth_store_update_last_message  (HearthStore       *self,
                                                       HearthChat        *chat,
                                                       HearthMessage     *message);
void               _hearth_store_set_read             (HearthStore       *self,
                                                       HearthChat        *chat,
                                                       const char        *user_id,
                                                       GDateTime         *at);
void               _hearth_store_set_unread           (HearthStore       *self,
                                                       HearthChat        *chat,
                                                       guint              unread);
void               _hearth_store_put_chat             (HearthStore       *self,
                                                       HearthChat        *chat);
void               _hearth_store_adopt_chat           (HearthStore       *self,
                                                       HearthChat        *chat);
void               _hearth_store_drop_chat            (HearthStore       *self,
                                                       const char        *chat_id,
                                                       gboolean           emit_removed);
HearthChat        *_hearth_store_add_or_update_chat   (HearthStore       *self,
                                                       HearthChat        *chat);

/* hearth-store-wellbeing.c: rewards, the score, its history. */
HearthReward      *_hearth_store_lookup_reward        (HearthStore       *self,
                                                       const char        *reward_id,
                                                       guint             *position);
/* From the database at load: ignored when the server's came first. */
void               _hearth_store_load_score_history   (HearthStore       *self,
                                                       GPtrArray         *scores);
void               _hearth_store_load_wellbeing_updated (HearthStore     *self,
                                                         GDateTime       *updated);
/* Empties rewards, score, history and the fetch time (in memory; the wipe op does the
 * database). */
void               _hearth_store_wipe_wellbeing       (HearthStore       *self);

/* hearth-store-events.c: the bus events, typing users, unknown chats. */
void               _hearth_store_on_bus_event         (HearthStore       *self,
                                                       HearthEvent       *event,
                                                       HearthEventBus    *bus);
gboolean           _hearth_store_insert_network_message (HearthStore     *self,
                                                         HearthChat      *chat,
                                                         HearthMessage   *src,
                                                         gboolean         count_unread,
                                                         gboolean         emit);
void               _hearth_store_stop_typing          (HearthStore       *self,
                                                       HearthChat        *chat,
                                                       const char        *user_id);
void               _hearth_store_clear_typing         (HearthStore       *self,
                                                       HearthChat        *chat);
void               _hearth_store_typing_free          (gpointer           data);
void               _hearth_store_chat_fetch_free      (gpointer           data);

/*
 * Only HearthStore makes message lists. @store is held weakly (a list may outlive it): pages
 * fetched for the list go through _hearth_store_merge_page() while it is alive. @database
 * and @api are referenced; @api may be NULL (then the database is the whole history).
 */
HearthMessageList *_hearth_message_list_new           (HearthStore       *store,
                                                       HearthDatabase    *database,
                                                       HearthApi         *api,
                                                       const char        *chat_id,
                                                       guint              page_size);
/* Inserts @message at its place by time (after messages of the same time): at the end for a
 * live message, earlier for a late one. FALSE (nothing done) when its server id or client id
 * is already in the list. */
gboolean           _hearth_message_list_add           (HearthMessageList *self,
                                                       HearthMessage     *message);
/* Removes @message (this object) if it is in the list. */
gboolean           _hearth_message_list_remove        (HearthMessageList *self,
                                                       HearthMessage     *message);
/* @message (in the list) got a server id or a new time: indexes the id (dropping another
 * object that claimed it) and moves the message to its place if its time moved it. */
void               _hearth_message_list_reindex       (HearthMessageList *self,
                                                       HearthMessage     *message);
/* Empties the list and marks it complete (its chat was deleted). */
void               _hearth_message_list_clear         (HearthMessageList *self);

/* Called by a list with a page it fetched (oldest first), before inserting it: replaces each
 * message by the object the store already has for it (a pending message, the chat's last
 * message), gives messages the shared senders and, for @from_server pages, puts them in the
 * next database batch. */
void               _hearth_store_merge_page           (HearthStore       *self,
                                                       const char        *chat_id,
                                                       GPtrArray         *page,
                                                       gboolean           from_server);

/* Test hooks. */
/* Database batches written so far (one per main-loop turn with changes). */
guint              _hearth_store_get_write_count      (HearthStore       *self);
/* GET /chats/:id requests started so far. */
guint              _hearth_store_get_chat_fetch_count (HearthStore       *self);
/* Fetches running now: GET /chats/:id per chat, plus 1 while GET /rewards runs. */
guint              _hearth_store_count_running_fetches (HearthStore      *self);
/* Page size of the message lists made from now on (default HEARTH_MESSAGE_LIST_PAGE_SIZE). */
void               _hearth_store_set_page_size        (HearthStore       *self,
                                                       guint              page_size);

G_END_DECLS
