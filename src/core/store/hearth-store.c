/* hearth-store.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-store"

#include "config.h"

#include <string.h>

#include "hearth-utils.h"

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-chat-list.h"
#include "hearth-database.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-store-private.h"
#include "hearth-user.h"

/*
 * How the store keeps its promises:
 *
 * - One main-loop turn, one transaction: every write goes into self->batch, which an idle
 *   at G_PRIORITY_DEFAULT_IDLE hands to the database.
 * - One turn, one items-changed on the chat list: the first change of a turn opens
 *   hearth_chat_list_begin() and an idle at G_PRIORITY_HIGH_IDLE (before GTK redraws) closes
 *   it. The chat objects themselves change at once.
 * - Events about a chat the store does not know wait in a ChatFetch while GET /chats/:id runs
 *   (one request per chat however many events arrive), then apply in order. chat-deleted
 *   drops the queue and marks the id deleted: later events do not bring the chat back, only
 *   chat-created / chat-joined do.
 * - Messages are deduplicated by server id (self->seen, the lists, the chats' last messages)
 *   and pending messages by client id.
 */

#define DEFAULT_TYPING_TIMEOUT_MS 15000
#define MAX_SEEN_IDS              4096

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
  GHashTable      *users;      /* id -> HearthUser */
  GHashTable      *lists;      /* chat id -> HearthMessageList (weak: removed when it dies) */
  GHashTable      *pending;    /* client id -> HearthMessage (queued / failed) */
  GHashTable      *confirmed;  /* client id -> HearthMessage (was pending, now sent) */
  GHashTable      *drafts;     /* chat id -> text */
  GHashTable      *typing;     /* "chat\nuser" -> Typing */
  GHashTable      *fetches;    /* chat id -> ChatFetch */
  GHashTable      *deleted;    /* chat ids deleted in this session */
  GHashTable      *seen;       /* message ids seen (bounded by MAX_SEEN_IDS) */
  GQueue           seen_order; /* the same ids, oldest first (borrowed from @seen) */
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
  guint            focused : 1;
};

G_DEFINE_FINAL_TYPE (HearthStore, hearth_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ME,
  PROP_DATABASE,
  PROP_BUS,
  PROP_API,
  PROP_OPEN_CHAT_ID,
  PROP_FOCUSED,
  PROP_SCORE,
  N_PROPS
};

enum {
  MESSAGE_ADDED,
  CHAT_REMOVED,
  CHAT_JOINED,
  REWARD_CHANGED,
  SCORE_CHANGED,
  DATABASE_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  HearthStore *store;    /* borrowed: the store's table owns this */
  HearthChat  *chat;
  char        *key;      /* "chat\nuser", borrowed by the table */
  char        *user_id;
  guint        source_id;
} Typing;

typedef struct
{
  guint      serial;
  GPtrArray *events;     /* HearthEvent, in arrival order */
} ChatFetch;

typedef struct
{
  GWeakRef   store;
  char      *chat_id;
  guint      serial;
} FetchData;

static void apply_chat_event (HearthStore *self,
                              HearthChat  *chat,
                              HearthEvent *event);

/* Small helpers {{{ */

static gboolean
is_me (HearthStore *self,
       const char  *user_id)
{
  return user_id != NULL && g_strcmp0 (user_id, hearth_user_get_id (self->me)) == 0;
}

static GWeakRef *
weak_new (HearthStore *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

/* Frees @ref and returns the store it pointed to (a new reference), or NULL. */
static HearthStore *
weak_take (GWeakRef *ref)
{
  HearthStore *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

static char *
dup_day_key (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return NULL;

  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%d");
}

static int
compare_times (GDateTime *a,
               GDateTime *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);

  return g_date_time_compare (a, b);
}

/* }}} */
/* Batches and turns {{{ */

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HearthStore) self = weak_take (user_data);
  g_autoptr(GError) error = NULL;

  if (hearth_database_write_finish (HEARTH_DATABASE (object), result, &error))
    return;

  g_debug ("A database batch failed: %s", error->message);

  if (self != NULL)
    g_signal_emit (self, signals[DATABASE_ERROR], 0, error);
}

static void
write_batch (HearthStore *self)
{
  g_autoptr(HearthDbBatch) batch = g_steal_pointer (&self->batch);

  g_clear_handle_id (&self->flush_source, g_source_remove);

  if (batch == NULL || hearth_db_batch_is_empty (batch))
    return;

  self->write_count++;
  hearth_database_write_async (self->database, batch, NULL, write_cb, weak_new (self));
}

static gboolean
flush_idle_cb (gpointer user_data)
{
  HearthStore *self = user_data;

  self->flush_source = 0;
  write_batch (self);

  return G_SOURCE_REMOVE;
}

/* A turn that queues more writes than this (a flood after a long offline spell) is split into
 * several transactions, so memory stays bounded even when the main loop is busy for seconds. */
#define MAX_BATCH_SIZE 2000

static HearthDbBatch *
get_batch (HearthStore *self)
{
  if (self->batch != NULL && hearth_db_batch_get_size (self->batch) >= MAX_BATCH_SIZE)
    write_batch (self);

  if (self->batch == NULL)
    self->batch = hearth_db_batch_new ();

  if (self->flush_source == 0)
    self->flush_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, flush_idle_cb, self, NULL);

  return self->batch;
}

static void
end_turn (HearthStore *self)
{
  if (self->turn_source == 0)
    return;

  g_clear_handle_id (&self->turn_source, g_source_remove);
  hearth_chat_list_end (self->chats);
}

static gboolean
end_turn_cb (gpointer user_data)
{
  HearthStore *self = user_data;

  self->turn_source = 0;
  hearth_chat_list_end (self->chats);

  return G_SOURCE_REMOVE;
}

/* Call before changing the chat list or a chat's sort key. */
static void
begin_turn (HearthStore *self)
{
  if (self->turn_source != 0)
    return;

  hearth_chat_list_begin (self->chats);
  self->turn_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, end_turn_cb, self, NULL);
}

/* }}} */
/* Users and messages {{{ */

static HearthUser *
ensure_user (HearthStore *self,
             const char  *user_id)
{
  HearthUser *user;

  g_assert (user_id != NULL);

  if (!(user = g_hash_table_lookup (self->users, user_id)))
    {
      user = hearth_user_new (user_id);
      g_hash_table_insert (self->users, g_strdup (user_id), user);
    }

  return user;
}

/* The shared user for @src's id, updated with what @src names (a new one copies all of it). */
static HearthUser *
merge_user (HearthStore *self,
            HearthUser  *src)
{
  const char *id = hearth_user_get_id (src);
  HearthUser *user;

  if ((user = g_hash_table_lookup (self->users, id)) == src)
    return user;

  if (user == NULL)
    {
      user = ensure_user (self, id);
      hearth_user_set_online (user, hearth_user_get_online (src));
      hearth_user_set_last_seen (user, hearth_user_get_last_seen (src));
    }

  if (hearth_user_get_name (src) != NULL)
    hearth_user_set_name (user, hearth_user_get_name (src));
  if (hearth_user_get_username (src) != NULL)
    hearth_user_set_username (user, hearth_user_get_username (src));
  if (hearth_user_get_photo (src) != NULL)
    hearth_user_set_photo (user, hearth_user_get_photo (src));

  return user;
}

/* Gives @message (an object the store adopts) the shared sender. */
static void
share_sender (HearthStore   *self,
              HearthMessage *message)
{
  HearthUser *sender = hearth_message_get_sender (message);
  const char *sender_id = hearth_message_get_sender_id (message);

  if (sender != NULL)
    hearth_message_set_sender (message, merge_user (self, sender));
  else if (sender_id != NULL)
    hearth_message_set_sender (message, ensure_user (self, sender_id));
}

/* A store-owned copy of @src (which belongs to an immutable event or to a caller). */
static HearthMessage *
copy_message (HearthStore   *self,
              HearthMessage *src)
{
  HearthMessage *message = hearth_message_new (hearth_message_get_id (src),
                                               hearth_message_get_chat_id (src));

  hearth_message_set_client_id (message, hearth_message_get_client_id (src));
  hearth_message_set_sender_id (message, hearth_message_get_sender_id (src));
  hearth_message_set_sender (message, hearth_message_get_sender (src));
  hearth_message_set_content (message, hearth_message_get_content (src));
  hearth_message_set_reel (message, hearth_message_get_reel (src));
  hearth_message_set_at (message, hearth_message_get_at (src));
  hearth_message_set_state (message, hearth_message_get_state (src));
  share_sender (self, message);

  return message;
}

static void
remember_id (HearthStore *self,
             const char  *id)
{
  char *key;

  if (id == NULL || g_hash_table_contains (self->seen, id))
    return;

  key = g_strdup (id);
  g_hash_table_add (self->seen, key);
  g_queue_push_tail (&self->seen_order, key);

  while (self->seen_order.length > MAX_SEEN_IDS)
    g_hash_table_remove (self->seen, g_queue_pop_head (&self->seen_order));
}

static HearthMessageList *
lookup_list (HearthStore *self,
             const char  *chat_id)
{
  return chat_id != NULL ? g_hash_table_lookup (self->lists, chat_id) : NULL;
}

/* The object the store holds for message @id of @chat, if any. */
static HearthMessage *
find_message_object (HearthStore *self,
                     HearthChat  *chat,
                     const char  *id)
{
  HearthMessageList *list;
  HearthMessage *last;

  if (id == NULL)
    return NULL;

  if ((list = lookup_list (self, hearth_chat_get_id (chat))) &&
      (last = hearth_message_list_lookup (list, id)))
    return last;

  if ((last = hearth_chat_get_last_message (chat)) &&
      g_strcmp0 (hearth_message_get_id (last), id) == 0)
    return last;

  return NULL;
}

/* Makes @message the chat's last message when it is at least as new; re-sorts. */
static void
update_last_message (HearthStore   *self,
                     HearthChat    *chat,
                     HearthMessage *message)
{
  HearthMessage *last = hearth_chat_get_last_message (chat);

  if (last != NULL && last != message &&
      compare_times (hearth_message_get_at (message), hearth_message_get_at (last)) < 0)
    return;

  begin_turn (self);
  hearth_chat_set_last_message (chat, message);
  hearth_chat_list_resort (self->chats, chat);
}

static void
set_read (HearthStore *self,
          HearthChat  *chat,
          const char  *user_id,
          GDateTime   *at)
{
  if (at != NULL && hearth_chat_set_last_read_at (chat, user_id, at))
    hearth_db_batch_set_read (get_batch (self), hearth_chat_get_id (chat), user_id, at);
}

static void
set_unread (HearthStore *self,
            HearthChat  *chat,
            guint        unread)
{
  if (hearth_chat_get_unread (chat) == unread)
    return;

  hearth_chat_set_unread (chat, unread);
  hearth_db_batch_set_unread (get_batch (self), hearth_chat_get_id (chat), unread);
}

/* }}} */
/* Typing {{{ */

static void
typing_free (gpointer data)
{
  Typing *typing = data;

  g_clear_handle_id (&typing->source_id, g_source_remove);
  g_clear_object (&typing->chat);
  g_free (typing->key);
  g_free (typing->user_id);
  g_free (typing);
}

static char *
typing_key (HearthChat *chat,
            const char *user_id)
{
  return g_strconcat (hearth_chat_get_id (chat), "\n", user_id, NULL);
}

static gboolean
typing_expired_cb (gpointer user_data)
{
  Typing *typing = user_data;

  typing->source_id = 0;
  hearth_chat_remove_typing_user (typing->chat, typing->user_id);
  g_hash_table_remove (typing->store->typing, typing->key);  /* frees @typing */

  return G_SOURCE_REMOVE;
}

static void
start_typing (HearthStore *self,
              HearthChat  *chat,
              HearthUser  *user)
{
  g_autofree char *key = NULL;
  Typing *typing;

  if (is_me (self, hearth_user_get_id (user)))
    return;

  key = typing_key (chat, hearth_user_get_id (user));
  if (!(typing = g_hash_table_lookup (self->typing, key)))
    {
      typing = g_new0 (Typing, 1);
      typing->store = self;
      typing->chat = g_object_ref (chat);
      typing->key = g_steal_pointer (&key);
      typing->user_id = g_strdup (hearth_user_get_id (user));
      g_hash_table_insert (self->typing, typing->key, typing);
    }

  hearth_chat_add_typing_user (chat, user);

  /* Each typing-started refreshes the expiry. */
  g_clear_handle_id (&typing->source_id, g_source_remove);
  typing->source_id = g_timeout_add (self->typing_timeout_ms, typing_expired_cb, typing);
}

static void
stop_typing (HearthStore *self,
             HearthChat  *chat,
             const char  *user_id)
{
  g_autofree char *key = NULL;

  if (user_id == NULL)
    return;

  hearth_chat_remove_typing_user (chat, user_id);
  key = typing_key (chat, user_id);
  g_hash_table_remove (self->typing, key);
}

static gboolean
typing_in_chat_cb (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  Typing *typing = value;

  return user_data == NULL || typing->chat == user_data;
}

/* Clears the typing users of @chat, or of every chat when @chat is NULL. */
static void
clear_typing (HearthStore *self,
              HearthChat  *chat)
{
  g_hash_table_foreach_remove (self->typing, typing_in_chat_cb, chat);

  if (chat != NULL)
    {
      hearth_chat_clear_typing_users (chat);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->chats)); i++)
    {
      g_autoptr(HearthChat) item = g_list_model_get_item (G_LIST_MODEL (self->chats), i);

      hearth_chat_clear_typing_users (item);
    }
}

static gboolean
typing_of_user_cb (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  Typing *typing = value;

  if (g_strcmp0 (typing->user_id, user_data) != 0)
    return FALSE;

  hearth_chat_remove_typing_user (typing->chat, typing->user_id);
  return TRUE;
}

/* }}} */
/* Chats {{{ */

static void
put_chat (HearthStore *self,
          HearthChat  *chat)
{
  HearthDbBatch *batch = get_batch (self);
  HearthMessage *last = hearth_chat_get_last_message (chat);

  hearth_db_batch_put_chat (batch, chat);
  if (last != NULL)
    hearth_db_batch_put_message (batch, last);
}

static GPtrArray *
dup_shared_participants (HearthStore *self,
                         HearthChat  *chat)
{
  GListModel *participants = hearth_chat_get_participants (chat);
  guint n = g_list_model_get_n_items (participants);
  GPtrArray *users = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthUser) user = g_list_model_get_item (participants, i);

      g_ptr_array_add (users, g_object_ref (merge_user (self, user)));
    }

  return users;
}

/* The object the store already has for @message (pending, confirmed), or NULL. */
static HearthMessage *
find_own_object (HearthStore   *self,
                 HearthMessage *message)
{
  const char *client_id = hearth_message_get_client_id (message);
  HearthMessage *own;

  if (client_id == NULL)
    return NULL;

  if ((own = g_hash_table_lookup (self->pending, client_id)) ||
      (own = g_hash_table_lookup (self->confirmed, client_id)))
    return own;

  return NULL;
}

/* Makes a chat from the api or the database the store's own: shared users and messages. */
static void
adopt_chat (HearthStore *self,
            HearthChat  *chat)
{
  g_autoptr(GPtrArray) users = dup_shared_participants (self, chat);
  HearthUser *admin = hearth_chat_get_admin (chat);
  HearthMessage *last = hearth_chat_get_last_message (chat);

  hearth_chat_set_me_id (chat, hearth_user_get_id (self->me));
  /* set_participants() keeps the objects it has when the ids are equal: empty it first so
   * that the shared users replace the chat's private copies. Nobody watches this chat yet. */
  hearth_chat_set_participants (chat, NULL, 0);
  hearth_chat_set_participants (chat, (HearthUser * const *)users->pdata, users->len);
  if (admin != NULL)
    hearth_chat_set_admin (chat, merge_user (self, admin));

  if (last != NULL)
    {
      HearthMessage *own = find_own_object (self, last);

      if (own != NULL)
        hearth_chat_set_last_message (chat, own);
      else
        share_sender (self, last);
      remember_id (self, hearth_message_get_id (last));
    }
}

/* Updates @chat in place from @src (a fresh chat from the server). */
static void
update_chat (HearthStore *self,
             HearthChat  *chat,
             HearthChat  *src)
{
  g_autoptr(GPtrArray) users = dup_shared_participants (self, src);
  g_auto(GStrv) readers = hearth_chat_dup_reader_ids (src);
  HearthUser *admin = hearth_chat_get_admin (src);
  HearthMessage *last = hearth_chat_get_last_message (src);

  hearth_chat_set_name (chat, hearth_chat_get_name (src));
  hearth_chat_set_participants (chat, (HearthUser * const *)users->pdata, users->len);
  hearth_chat_set_admin (chat, admin != NULL ? merge_user (self, admin) : NULL);
  if (hearth_chat_get_created_at (src) != NULL)
    hearth_chat_set_created_at (chat, hearth_chat_get_created_at (src));
  hearth_chat_set_left (chat, FALSE);
  hearth_chat_set_unread (chat, hearth_chat_get_unread (src));

  for (guint i = 0; readers != NULL && readers[i] != NULL; i++)
    hearth_chat_set_last_read_at (chat, readers[i], hearth_chat_get_last_read_at (src, readers[i]));

  if (last != NULL)
    {
      HearthMessage *own = find_message_object (self, chat, hearth_message_get_id (last));

      /* Not remembered as seen nor stored: the cache must not get a message with a gap
       * before it. It is stored when it arrives with its history (insert_network_message). */
      if (own == NULL)
        {
          own = last;
          share_sender (self, own);
        }

      update_last_message (self, chat, own);
    }

  begin_turn (self);
  hearth_chat_list_resort (self->chats, chat);
}

static gboolean
pending_in_chat_cb (gpointer key,
                    gpointer value,
                    gpointer user_data)
{
  return g_strcmp0 (hearth_message_get_chat_id (value), user_data) == 0;
}

static gboolean
list_is_cb (gpointer key,
            gpointer value,
            gpointer user_data)
{
  return value == user_data;
}

static void
list_weak_notify (gpointer  data,
                  GObject  *where_the_object_was)
{
  HearthStore *self = data;

  g_hash_table_foreach_remove (self->lists, list_is_cb, where_the_object_was);
}

static void
forget_list (HearthStore *self,
             const char  *chat_id)
{
  HearthMessageList *list;

  if (!(list = lookup_list (self, chat_id)))
    return;

  g_object_weak_unref (G_OBJECT (list), list_weak_notify, self);
  _hearth_message_list_clear (list);
  g_hash_table_remove (self->lists, chat_id);
}

/* Removes everything about @chat_id: the chat, its list, pending messages, draft, typing. */
static void
drop_chat (HearthStore *self,
           const char  *chat_id,
           gboolean     emit_removed)
{
  g_autofree char *id = g_strdup (chat_id);
  g_autofree char *title = NULL;
  HearthChat *chat = hearth_chat_list_lookup (self->chats, id);

  forget_list (self, id);
  g_hash_table_foreach_remove (self->pending, pending_in_chat_cb, id);
  g_hash_table_foreach_remove (self->confirmed, pending_in_chat_cb, id);
  g_hash_table_remove (self->drafts, id);
  hearth_db_batch_delete_chat (get_batch (self), id);

  if (chat != NULL)
    {
      title = g_strdup (hearth_chat_get_title (chat));
      clear_typing (self, chat);
      begin_turn (self);
      hearth_chat_list_remove (self->chats, id);

      if (emit_removed)
        g_signal_emit (self, signals[CHAT_REMOVED], 0, id, title);
    }

  if (g_strcmp0 (self->open_chat_id, id) == 0)
    hearth_store_set_open_chat_id (self, NULL);
}

/* Adds @chat (fresh from the api or the database) or merges it into the known one. */
static HearthChat *
add_or_update_chat (HearthStore *self,
                    HearthChat  *chat)
{
  HearthChat *known = hearth_chat_list_lookup (self->chats, hearth_chat_get_id (chat));

  if (known != NULL)
    {
      update_chat (self, known, chat);
      put_chat (self, known);
      return known;
    }

  adopt_chat (self, chat);
  begin_turn (self);
  hearth_chat_list_add (self->chats, chat);
  put_chat (self, chat);

  return chat;
}

/* }}} */
/* Fetching unknown chats {{{ */

static void
chat_fetch_free (gpointer data)
{
  ChatFetch *fetch = data;

  g_clear_pointer (&fetch->events, g_ptr_array_unref);
  g_free (fetch);
}

static void
fetch_data_free (FetchData *data)
{
  g_weak_ref_clear (&data->store);
  g_free (data->chat_id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchData, fetch_data_free)

static void
get_chat_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FetchData) data = user_data;
  g_autoptr(HearthStore) self = g_weak_ref_get (&data->store);
  g_autoptr(HearthChat) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  ChatFetch *fetch;
  HearthChat *chat;

  fetched = hearth_api_get_chat_finish (HEARTH_API (object), result, &error);

  if (self == NULL)
    return;

  /* A chat-deleted (or a wipe) may have dropped this fetch meanwhile. */
  fetch = g_hash_table_lookup (self->fetches, data->chat_id);
  if (fetch == NULL || fetch->serial != data->serial)
    return;

  events = g_steal_pointer (&fetch->events);
  g_hash_table_remove (self->fetches, data->chat_id);

  if (fetched == NULL)
    {
      g_debug ("Could not fetch chat %s, dropping %u events: %s",
               data->chat_id, events->len, error->message);
      return;
    }

  if (g_strcmp0 (hearth_chat_get_id (fetched), data->chat_id) != 0)
    {
      g_debug ("Asked for chat %s, got %s: dropping %u events",
               data->chat_id, hearth_chat_get_id (fetched), events->len);
      return;
    }

  chat = add_or_update_chat (self, fetched);

  for (guint i = 0; i < events->len; i++)
    {
      /* An event applied may delete the chat (or a handler may): stop then. */
      if (hearth_chat_list_lookup (self->chats, data->chat_id) != chat)
        break;

      apply_chat_event (self, chat, g_ptr_array_index (events, i));
    }
}

/* Queues @event until its chat arrives, starting GET /chats/:id unless one runs. */
static void
queue_for_fetch (HearthStore *self,
                 HearthEvent *event)
{
  const char *chat_id = hearth_event_get_chat_id (event);
  ChatFetch *fetch;
  FetchData *data;

  if ((fetch = g_hash_table_lookup (self->fetches, chat_id)))
    {
      g_ptr_array_add (fetch->events, g_object_ref (event));
      return;
    }

  if (self->api == NULL)
    {
      g_debug ("No api to fetch chat %s: dropping %s", chat_id, hearth_event_get_name (event));
      return;
    }

  fetch = g_new0 (ChatFetch, 1);
  fetch->serial = ++self->fetch_serial;
  fetch->events = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fetch->events, g_object_ref (event));
  g_hash_table_insert (self->fetches, g_strdup (chat_id), fetch);

  data = g_new0 (FetchData, 1);
  g_weak_ref_init (&data->store, self);
  data->chat_id = g_strdup (chat_id);
  data->serial = fetch->serial;

  self->chat_fetch_count++;
  hearth_api_get_chat_async (self->api, chat_id, self->cancellable, get_chat_cb, data);
}

/* }}} */
/* Applying events {{{ */

/*
 * Puts a message from the network into @chat (deduplicated by id): its list, last message,
 * the sender's read time, unread. Returns FALSE when it was already known.
 */
static gboolean
insert_network_message (HearthStore   *self,
                        HearthChat    *chat,
                        HearthMessage *src,
                        gboolean       count_unread,
                        gboolean       emit)
{
  g_autoptr(HearthMessage) message = NULL;
  HearthMessageList *list;
  const char *id = hearth_message_get_id (src);
  const char *sender_id;
  GDateTime *at;
  gboolean mine;

  HearthMessage *last = hearth_chat_get_last_message (chat);

  list = lookup_list (self, hearth_chat_get_id (chat));

  if (id == NULL ||
      g_hash_table_contains (self->seen, id) ||
      (list != NULL && hearth_message_list_lookup (list, id) != NULL))
    {
      g_debug ("Message %s is known already", id);
      return FALSE;
    }

  /* Known only as the chat's last message from GET /chats (counted in the server's unread
   * already): now that it comes with its history, store it — the same object, no new unread. */
  if (last != NULL && g_strcmp0 (hearth_message_get_id (last), id) == 0)
    {
      remember_id (self, id);
      if (list != NULL)
        _hearth_message_list_add (list, last);
      hearth_db_batch_put_message (get_batch (self), last);
      return FALSE;
    }

  message = copy_message (self, src);
  hearth_message_set_chat_id (message, hearth_chat_get_id (chat));
  sender_id = hearth_message_get_sender_id (message);
  at = hearth_message_get_at (message);
  mine = is_me (self, sender_id);

  remember_id (self, id);
  stop_typing (self, chat, sender_id);

  if (list != NULL)
    _hearth_message_list_add (list, message);

  update_last_message (self, chat, message);

  /* Posting counts as reading the chat up to the message (doc/API.md). */
  if (sender_id != NULL)
    set_read (self, chat, sender_id, at);

  if (mine)
    {
      if (hearth_chat_get_last_message (chat) == message)
        set_unread (self, chat, 0);
    }
  else if (count_unread &&
           !(self->focused && g_strcmp0 (self->open_chat_id, hearth_chat_get_id (chat)) == 0) &&
           compare_times (at, hearth_chat_get_last_read_at (chat, hearth_user_get_id (self->me))) > 0)
    {
      set_unread (self, chat, hearth_chat_get_unread (chat) + 1);
    }

  hearth_db_batch_put_message (get_batch (self), message);

  if (emit)
    g_signal_emit (self, signals[MESSAGE_ADDED], 0, message, mine);

  return TRUE;
}

static void
apply_presence (HearthStore *self,
                HearthEvent *event)
{
  HearthUser *user = merge_user (self, hearth_event_get_user (event));
  gboolean online = hearth_event_get_kind (event) == HEARTH_EVENT_USER_ONLINE;

  hearth_user_set_online (user, online);
  if (!online)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      hearth_user_set_last_seen (user, now);
      /* Whoever went away stopped typing. */
      g_hash_table_foreach_remove (self->typing, typing_of_user_cb,
                                   (gpointer)hearth_user_get_id (user));
    }

  hearth_db_batch_put_user (get_batch (self), user);
}

static void
apply_chat_event (HearthStore *self,
                  HearthChat  *chat,
                  HearthEvent *event)
{
  HearthEventKind kind = hearth_event_get_kind (event);

  switch (kind)
    {
    case HEARTH_EVENT_TYPING_STARTED:
      start_typing (self, chat, merge_user (self, hearth_event_get_user (event)));
      break;

    case HEARTH_EVENT_TYPING_STOPPED:
      merge_user (self, hearth_event_get_user (event));
      stop_typing (self, chat, hearth_event_get_user_id (event));
      break;

    case HEARTH_EVENT_MESSAGES_READ:
      {
        HearthUser *user = merge_user (self, hearth_event_get_user (event));

        set_read (self, chat, hearth_user_get_id (user), hearth_event_get_last_read_at (event));
        if (user == self->me)
          set_unread (self, chat, 0);
      }
      break;

    case HEARTH_EVENT_MESSAGES_RECEIVED:
      insert_network_message (self, chat, hearth_event_get_message (event), TRUE, TRUE);
      break;

    case HEARTH_EVENT_MESSAGES_SENT:
      {
        HearthMessage *message = hearth_event_get_message (event);
        const char *client_id = hearth_message_get_client_id (message);

        if (client_id != NULL && g_hash_table_contains (self->pending, client_id))
          hearth_store_confirm_sent (self, message);
        else
          insert_network_message (self, chat, message, FALSE, TRUE);
      }
      break;

    case HEARTH_EVENT_CHAT_CREATED:
      /* Fetching the chat was the effect. */
      break;

    case HEARTH_EVENT_CHAT_JOINED:
      {
        HearthUser *admin = hearth_event_get_admin (event);

        g_signal_emit (self, signals[CHAT_JOINED], 0,
                       chat, admin != NULL ? merge_user (self, admin) : NULL);
      }
      break;

    case HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED:
      {
        const char *user_id = hearth_event_get_user_id (event);

        if (is_me (self, user_id))
          {
            hearth_chat_set_left (chat, TRUE);
            clear_typing (self, chat);
          }
        else
          {
            stop_typing (self, chat, user_id);
            hearth_chat_remove_participant (chat, user_id);
          }
        put_chat (self, chat);
      }
      break;

    case HEARTH_EVENT_UNKNOWN:
    case HEARTH_EVENT_USER_ONLINE:
    case HEARTH_EVENT_USER_OFFLINE:
    case HEARTH_EVENT_CHAT_DELETED:
    case HEARTH_EVENT_ACCOUNT_TERMINATED:
    case HEARTH_EVENT_REWARD_CONSUMED:
    case HEARTH_EVENT_SCORE_UPDATED:
    case HEARTH_EVENT_AUTHORIZATION_FAILED:
    case HEARTH_EVENT_VERIFICATION_REQUIRED:
    case HEARTH_EVENT_SERVER_ERROR:
    case HEARTH_EVENT_VALIDATION_FAILED:
    case HEARTH_EVENT_NOT_FOUND:
    case HEARTH_EVENT_PERMISSION_DENIED:
    default:
      g_assert_not_reached ();
    }
}

static HearthReward *
lookup_reward (HearthStore *self,
               const char  *reward_id,
               guint       *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rewards));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthReward) reward = g_list_model_get_item (G_LIST_MODEL (self->rewards), i);

      if (g_strcmp0 (hearth_reward_get_id (reward), reward_id) == 0)
        {
          if (position != NULL)
            *position = i;
          return reward;  /* the list store keeps it alive */
        }
    }

  return NULL;
}

static void
list_rewards_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HearthStore) self = weak_take (user_data);
  g_autoptr(GPtrArray) rewards = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;

  rewards = hearth_api_list_rewards_finish (HEARTH_API (object), result, &error);

  if (self == NULL)
    return;

  waiters = g_steal_pointer (&self->reward_waiters);

  if (rewards == NULL)
    {
      g_debug ("Could not fetch the rewards: %s", error->message);
      return;
    }

  hearth_store_apply_rewards (self, rewards);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      HearthReward *reward = lookup_reward (self, g_ptr_array_index (waiters, i), NULL);

      if (reward != NULL)
        g_signal_emit (self, signals[REWARD_CHANGED], 0, reward);
    }
}

static void
apply_reward_consumed (HearthStore *self,
                       HearthEvent *event)
{
  const char *reward_id = hearth_event_get_reward_id (event);
  HearthReward *reward = lookup_reward (self, reward_id, NULL);

  if (reward != NULL)
    {
      if (hearth_event_get_remaining (event) >= 0)
        hearth_reward_set_remaining (reward, hearth_event_get_remaining (event));
      hearth_reward_set_is_expired (reward, hearth_event_get_is_expired (event));
      hearth_reward_set_is_consumed_by_you (reward, hearth_event_get_is_consumed_by_you (event));
      hearth_db_batch_put_reward (get_batch (self), reward);
      g_signal_emit (self, signals[REWARD_CHANGED], 0, reward);
      return;
    }

  /* Unknown: the list is stale, fetch it again (once for a burst). */
  if (self->api == NULL)
    return;

  if (self->reward_waiters != NULL)
    {
      g_ptr_array_add (self->reward_waiters, g_strdup (reward_id));
      return;
    }

  self->reward_waiters = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->reward_waiters, g_strdup (reward_id));
  hearth_api_list_rewards_async (self->api, self->cancellable, list_rewards_cb, weak_new (self));
}

static void
on_bus_event_cb (HearthStore    *self,
                 HearthEvent    *event,
                 HearthEventBus *bus)
{
  HearthEventKind kind = hearth_event_get_kind (event);
  const char *chat_id = hearth_event_get_chat_id (event);
  HearthChat *chat;

  g_assert (HEARTH_IS_STORE (self));
  g_assert (HEARTH_IS_EVENT (event));

  switch (kind)
    {
    case HEARTH_EVENT_USER_ONLINE:
    case HEARTH_EVENT_USER_OFFLINE:
      apply_presence (self, event);
      return;

    case HEARTH_EVENT_REWARD_CONSUMED:
      apply_reward_consumed (self, event);
      return;

    case HEARTH_EVENT_SCORE_UPDATED:
      hearth_store_apply_score (self, hearth_event_get_score (event));
      return;

    case HEARTH_EVENT_CHAT_CREATED:
    case HEARTH_EVENT_CHAT_JOINED:
      /* The only way back for a deleted chat. */
      g_hash_table_remove (self->deleted, chat_id);
      queue_for_fetch (self, event);
      return;

    case HEARTH_EVENT_CHAT_DELETED:
      g_hash_table_remove (self->fetches, chat_id);
      g_hash_table_add (self->deleted, g_strdup (chat_id));
      drop_chat (self, chat_id, TRUE);
      return;

    case HEARTH_EVENT_TYPING_STARTED:
    case HEARTH_EVENT_TYPING_STOPPED:
    case HEARTH_EVENT_MESSAGES_READ:
    case HEARTH_EVENT_MESSAGES_RECEIVED:
    case HEARTH_EVENT_MESSAGES_SENT:
    case HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED:
      break;

    case HEARTH_EVENT_ACCOUNT_TERMINATED:  /* the session's business */
    case HEARTH_EVENT_UNKNOWN:
    case HEARTH_EVENT_AUTHORIZATION_FAILED:
    case HEARTH_EVENT_VERIFICATION_REQUIRED:
    case HEARTH_EVENT_SERVER_ERROR:
    case HEARTH_EVENT_VALIDATION_FAILED:
    case HEARTH_EVENT_NOT_FOUND:
    case HEARTH_EVENT_PERMISSION_DENIED:
    default:
      return;
    }

  if (chat_id == NULL)
    return;

  /* Keep the order: while the chat is being fetched, everything about it waits. */
  if (g_hash_table_contains (self->fetches, chat_id))
    {
      queue_for_fetch (self, event);
      return;
    }

  if ((chat = hearth_chat_list_lookup (self->chats, chat_id)))
    {
      apply_chat_event (self, chat, event);
      return;
    }

  if (g_hash_table_contains (self->deleted, chat_id))
    {
      g_debug ("Ignoring %s for deleted chat %s", hearth_event_get_name (event), chat_id);
      return;
    }

  /* Removed from a chat we never had: nothing to fetch (we may not read it any more). */
  if (kind == HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED && is_me (self, hearth_event_get_user_id (event)))
    return;

  queue_for_fetch (self, event);
}

/* }}} */
/* GObject {{{ */

static void
disconnect_bus (HearthStore *self)
{
  if (self->bus != NULL && self->bus_handlers != NULL)
    {
      for (guint i = 0; i < self->bus_handlers->len; i++)
        g_signal_handler_disconnect (self->bus, g_array_index (self->bus_handlers, gulong, i));
    }

  if (self->bus_handlers != NULL)
    g_array_set_size (self->bus_handlers, 0);
}

static void
hearth_store_constructed (GObject *object)
{
  HearthStore *self = (HearthStore *)object;
  static const HearthEventKind kinds[] = {
    HEARTH_EVENT_USER_ONLINE,
    HEARTH_EVENT_USER_OFFLINE,
    HEARTH_EVENT_TYPING_STARTED,
    HEARTH_EVENT_TYPING_STOPPED,
    HEARTH_EVENT_MESSAGES_READ,
    HEARTH_EVENT_MESSAGES_RECEIVED,
    HEARTH_EVENT_MESSAGES_SENT,
    HEARTH_EVENT_CHAT_CREATED,
    HEARTH_EVENT_CHAT_JOINED,
    HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED,
    HEARTH_EVENT_CHAT_DELETED,
    HEARTH_EVENT_REWARD_CONSUMED,
    HEARTH_EVENT_SCORE_UPDATED,
    /* account-terminated is the session's. */
  };

  G_OBJECT_CLASS (hearth_store_parent_class)->constructed (object);

  g_assert (HEARTH_IS_USER (self->me));

  g_hash_table_insert (self->users, g_strdup (hearth_user_get_id (self->me)),
                       g_object_ref (self->me));

  if (self->bus == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *detailed = g_strconcat ("event::", hearth_event_kind_to_name (kinds[i]),
                                               NULL);
      gulong id = g_signal_connect_object (self->bus, detailed,
                                           G_CALLBACK (on_bus_event_cb), self,
                                           G_CONNECT_SWAPPED);

      g_array_append_val (self->bus_handlers, id);
    }
}

static void
hearth_store_dispose (GObject *object)
{
  HearthStore *self = (HearthStore *)object;
  GHashTableIter iter;
  gpointer value;

  disconnect_bus (self);
  g_cancellable_cancel (self->cancellable);

  /* Nothing written is lost: the last batch goes out now. */
  if (self->database != NULL)
    write_batch (self);
  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_clear_pointer (&self->batch, hearth_db_batch_unref);
  if (self->chats != NULL)
    end_turn (self);

  if (self->lists != NULL)
    {
      g_hash_table_iter_init (&iter, self->lists);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, list_weak_notify, self);
      g_hash_table_remove_all (self->lists);
    }

  if (self->typing != NULL)
    g_hash_table_remove_all (self->typing);
  if (self->fetches != NULL)
    g_hash_table_remove_all (self->fetches);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->chats);
  g_clear_object (&self->rewards);
  g_clear_object (&self->score);
  g_clear_object (&self->bus);
  g_clear_object (&self->api);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (hearth_store_parent_class)->dispose (object);
}

static void
hearth_store_finalize (GObject *object)
{
  HearthStore *self = (HearthStore *)object;

  g_queue_clear (&self->seen_order);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->users, g_hash_table_unref);
  g_clear_pointer (&self->lists, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->confirmed, g_hash_table_unref);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->typing, g_hash_table_unref);
  g_clear_pointer (&self->fetches, g_hash_table_unref);
  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_pointer (&self->reward_waiters, g_ptr_array_unref);
  g_clear_pointer (&self->bus_handlers, g_array_unref);
  g_clear_pointer (&self->open_chat_id, g_free);
  g_clear_object (&self->me);

  G_OBJECT_CLASS (hearth_store_parent_class)->finalize (object);
}

static void
hearth_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HearthStore *self = HEARTH_STORE (object);

  switch (prop_id)
    {
    case PROP_ME:
      g_value_set_object (value, self->me);
      break;

    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_BUS:
      g_value_set_object (value, self->bus);
      break;

    case PROP_API:
      g_value_set_object (value, self->api);
      break;

    case PROP_OPEN_CHAT_ID:
      g_value_set_string (value, self->open_chat_id);
      break;

    case PROP_FOCUSED:
      g_value_set_boolean (value, self->focused);
      break;

    case PROP_SCORE:
      g_value_set_object (value, self->score);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HearthStore *self = HEARTH_STORE (object);

  switch (prop_id)
    {
    case PROP_ME:
      self->me = g_value_dup_object (value);
      break;

    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case PROP_BUS:
      self->bus = g_value_dup_object (value);
      break;

    case PROP_API:
      self->api = g_value_dup_object (value);
      break;

    case PROP_OPEN_CHAT_ID:
      hearth_store_set_open_chat_id (self, g_value_get_string (value));
      break;

    case PROP_FOCUSED:
      hearth_store_set_focused (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_store_class_init (HearthStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_store_constructed;
  object_class->dispose = hearth_store_dispose;
  object_class->finalize = hearth_store_finalize;
  object_class->get_property = hearth_store_get_property;
  object_class->set_property = hearth_store_set_property;

  properties[PROP_ME] =
    g_param_spec_object ("me", NULL, NULL,
                         HEARTH_TYPE_USER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         HEARTH_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUS] =
    g_param_spec_object ("bus", NULL, NULL,
                         HEARTH_TYPE_EVENT_BUS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_API] =
    g_param_spec_object ("api", NULL, NULL,
                         HEARTH_TYPE_API,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_OPEN_CHAT_ID] =
    g_param_spec_string ("open-chat-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FOCUSED] =
    g_param_spec_boolean ("focused", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SCORE] =
    g_param_spec_object ("score", NULL, NULL,
                         HEARTH_TYPE_SCORE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MESSAGE_ADDED] =
    g_signal_new ("message-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, HEARTH_TYPE_MESSAGE, G_TYPE_BOOLEAN);

  signals[CHAT_REMOVED] =
    g_signal_new ("chat-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  signals[CHAT_JOINED] =
    g_signal_new ("chat-joined",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, HEARTH_TYPE_CHAT, HEARTH_TYPE_USER);

  signals[REWARD_CHANGED] =
    g_signal_new ("reward-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HEARTH_TYPE_REWARD);

  signals[SCORE_CHANGED] =
    g_signal_new ("score-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HEARTH_TYPE_SCORE);

  signals[DATABASE_ERROR] =
    g_signal_new ("database-error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
hearth_store_init (HearthStore *self)
{
  self->cancellable = g_cancellable_new ();
  self->chats = hearth_chat_list_new ();
  self->rewards = g_list_store_new (HEARTH_TYPE_REWARD);
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->confirmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->typing = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, typing_free);
  self->fetches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, chat_fetch_free);
  self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->seen_order);
  self->bus_handlers = g_array_new (FALSE, FALSE, sizeof (gulong));
  self->typing_timeout_ms = DEFAULT_TYPING_TIMEOUT_MS;
  self->page_size = HEARTH_MESSAGE_LIST_PAGE_SIZE;
}

/* }}} */
/* Public API {{{ */

HearthStore *
hearth_store_new (HearthUser     *me,
                  HearthDatabase *database,
                  HearthEventBus *bus,
                  HearthApi      *api)
{
  g_return_val_if_fail (HEARTH_IS_USER (me), NULL);
  g_return_val_if_fail (HEARTH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (!bus || HEARTH_IS_EVENT_BUS (bus), NULL);
  g_return_val_if_fail (!api || HEARTH_IS_API (api), NULL);

  return g_object_new (HEARTH_TYPE_STORE,
                       "me", me,
                       "database", database,
                       "bus", bus,
                       "api", api,
                       NULL);
}

HearthUser *
hearth_store_get_me (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return self->me;
}

HearthDatabase *
hearth_store_get_database (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return self->database;
}

HearthApi *
hearth_store_get_api (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return self->api;
}

/* Loading {{{ */

typedef struct
{
  guint   n_pending;
  GError *error;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_error (&load->error);
  g_free (load);
}

static void
load_step_done (GTask  *task,
                GError *error)
{
  LoadData *load = g_task_get_task_data (task);

  if (error != NULL && load->error == NULL)
    load->error = g_error_copy (error);

  if (--load->n_pending > 0)
    return;

  if (load->error != NULL)
    g_task_return_error (task, g_steal_pointer (&load->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_chats_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthStore *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;

  chats = hearth_database_load_chats_finish (HEARTH_DATABASE (object), result, &error);

  if (chats != NULL && self->chats != NULL)
    {
      begin_turn (self);

      for (guint i = 0; i < chats->len; i++)
        {
          HearthChat *chat = g_ptr_array_index (chats, i);
          const char *chat_id = hearth_chat_get_id (chat);

          /* Events that arrived first know better. */
          if (hearth_chat_list_lookup (self->chats, chat_id) != NULL ||
              g_hash_table_contains (self->deleted, chat_id))
            continue;

          adopt_chat (self, chat);
          hearth_chat_list_add (self->chats, chat);
        }
    }

  load_step_done (task, error);
}

static void
load_drafts_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthStore *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) drafts = NULL;
  g_autoptr(GError) error = NULL;

  drafts = hearth_database_load_drafts_finish (HEARTH_DATABASE (object), result, &error);

  if (drafts != NULL && self->drafts != NULL)
    {
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      g_hash_table_iter_init (&iter, drafts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (!g_hash_table_contains (self->drafts, key))
            g_hash_table_insert (self->drafts, g_strdup (key), g_strdup (value));
        }
    }

  load_step_done (task, error);
}

static void
load_rewards_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthStore *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) rewards = NULL;
  g_autoptr(GError) error = NULL;

  rewards = hearth_database_load_rewards_finish (HEARTH_DATABASE (object), result, &error);

  if (rewards != NULL && self->rewards != NULL)
    {
      for (guint i = 0; i < rewards->len; i++)
        {
          HearthReward *reward = g_ptr_array_index (rewards, i);

          if (lookup_reward (self, hearth_reward_get_id (reward), NULL) == NULL)
            g_list_store_append (self->rewards, reward);
        }
    }

  load_step_done (task, error);
}

static void
load_score_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthStore *self = g_task_get_source_object (task);
  g_autoptr(HearthScore) score = NULL;
  g_autoptr(GError) error = NULL;

  score = hearth_database_load_score_finish (HEARTH_DATABASE (object), result, &error);

  if (score != NULL && self->chats != NULL && self->score == NULL)
    {
      self->score = g_steal_pointer (&score);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
    }

  load_step_done (task, error);
}

void
hearth_store_load_async (HearthStore         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_store_load_async);

  load = g_new0 (LoadData, 1);
  load->n_pending = 4;
  g_task_set_task_data (task, load, load_data_free);

  hearth_database_load_chats_async (self->database, cancellable,
                                    load_chats_cb, g_object_ref (task));
  hearth_database_load_drafts_async (self->database, cancellable,
                                     load_drafts_cb, g_object_ref (task));
  hearth_database_load_rewards_async (self->database, cancellable,
                                      load_rewards_cb, g_object_ref (task));
  hearth_database_load_score_async (self->database, NULL, cancellable,
                                    load_score_cb, g_object_ref (task));
}

gboolean
hearth_store_load_finish (HearthStore   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */

GListModel *
hearth_store_get_chats (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->chats);
}

HearthChat *
hearth_store_lookup_chat (HearthStore *self,
                          const char  *chat_id)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return hearth_chat_list_lookup (self->chats, chat_id);
}

HearthUser *
hearth_store_lookup_user (HearthStore *self,
                          const char  *user_id)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return user_id != NULL ? g_hash_table_lookup (self->users, user_id) : NULL;
}

HearthMessageList *
hearth_store_get_messages (HearthStore *self,
                           const char  *chat_id)
{
  HearthMessageList *list;

  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);
  g_return_val_if_fail (chat_id != NULL, NULL);

  if ((list = lookup_list (self, chat_id)))
    return g_object_ref (list);

  /* The first page is read from the database: let it see this turn's writes. */
  write_batch (self);

  list = _hearth_message_list_new (self, self->database, self->api, chat_id, self->page_size);
  g_hash_table_insert (self->lists, g_strdup (chat_id), list);
  g_object_weak_ref (G_OBJECT (list), list_weak_notify, self);

  hearth_message_list_load_older_async (list, NULL, NULL, NULL);

  return list;
}

GListModel *
hearth_store_get_rewards (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->rewards);
}

HearthScore *
hearth_store_get_score (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return self->score;
}

const char *
hearth_store_get_open_chat_id (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return self->open_chat_id;
}

void
hearth_store_set_open_chat_id (HearthStore *self,
                               const char  *chat_id)
{
  g_return_if_fail (HEARTH_IS_STORE (self));

  if (hearth_set_str (&self->open_chat_id, chat_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_CHAT_ID]);
}

gboolean
hearth_store_get_focused (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), FALSE);

  return self->focused;
}

void
hearth_store_set_focused (HearthStore *self,
                          gboolean     focused)
{
  g_return_if_fail (HEARTH_IS_STORE (self));

  focused = !!focused;
  if (self->focused == focused)
    return;

  self->focused = focused;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUSED]);
}

void
hearth_store_apply_chats (HearthStore *self,
                          GPtrArray   *chats)
{
  g_autoptr(GHashTable) listed = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  GListModel *model;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (chats != NULL);

  listed = g_hash_table_new (g_str_hash, g_str_equal);
  model = G_LIST_MODEL (self->chats);

  begin_turn (self);
  hearth_chat_list_begin (self->chats);

  /* Typing states from before a reconnect are stale. */
  clear_typing (self, NULL);

  for (guint i = 0; i < chats->len; i++)
    {
      HearthChat *chat = g_ptr_array_index (chats, i);
      const char *chat_id = hearth_chat_get_id (chat);

      g_hash_table_remove (self->deleted, chat_id);
      chat = add_or_update_chat (self, chat);
      g_hash_table_add (listed, (gpointer)hearth_chat_get_id (chat));
    }

  gone = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HearthChat) chat = g_list_model_get_item (model, i);

      if (!g_hash_table_contains (listed, hearth_chat_get_id (chat)))
        g_ptr_array_add (gone, g_strdup (hearth_chat_get_id (chat)));
    }

  for (guint i = 0; i < gone->len; i++)
    drop_chat (self, g_ptr_array_index (gone, i), FALSE);

  hearth_chat_list_end (self->chats);
}

void
hearth_store_apply_messages (HearthStore *self,
                             const char  *chat_id,
                             GPtrArray   *messages)
{
  HearthChat *chat;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (chat_id != NULL);
  g_return_if_fail (messages != NULL);

  if (!(chat = hearth_chat_list_lookup (self->chats, chat_id)))
    return;

  for (guint i = 0; i < messages->len; i++)
    {
      HearthMessage *message = g_ptr_array_index (messages, i);
      const char *client_id = hearth_message_get_client_id (message);

      if (client_id != NULL && g_hash_table_contains (self->pending, client_id))
        hearth_store_confirm_sent (self, message);
      else
        /* GET /chats already counted them as unread. */
        insert_network_message (self, chat, message, FALSE, TRUE);
    }
}

static void
copy_reward (HearthReward *dst,
             HearthReward *src)
{
  hearth_reward_set_title (dst, hearth_reward_get_title (src));
  hearth_reward_set_description (dst, hearth_reward_get_description (src));
  hearth_reward_set_remaining (dst, hearth_reward_get_remaining (src));
  hearth_reward_set_is_expired (dst, hearth_reward_get_is_expired (src));
  hearth_reward_set_expires_at (dst, hearth_reward_get_expires_at (src));
  hearth_reward_set_is_consumed_by_you (dst, hearth_reward_get_is_consumed_by_you (src));
}

void
hearth_store_apply_rewards (HearthStore *self,
                            GPtrArray   *rewards)
{
  g_autoptr(GPtrArray) order = NULL;
  GListModel *model;
  gboolean same_order;
  guint n;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (rewards != NULL);

  model = G_LIST_MODEL (self->rewards);
  n = g_list_model_get_n_items (model);
  order = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rewards->len; i++)
    {
      HearthReward *reward = g_ptr_array_index (rewards, i);
      HearthReward *known = lookup_reward (self, hearth_reward_get_id (reward), NULL);

      if (known != NULL)
        copy_reward (known, reward);
      else
        known = reward;

      hearth_db_batch_put_reward (get_batch (self), known);
      g_ptr_array_add (order, g_object_ref (known));
    }

  /* Rewarded views stay bound: only a different set or order changes the list. */
  same_order = n == order->len;
  for (guint i = 0; same_order && i < n; i++)
    {
      g_autoptr(HearthReward) item = g_list_model_get_item (model, i);

      same_order = item == g_ptr_array_index (order, i);
    }

  if (!same_order)
    g_list_store_splice (self->rewards, 0, n, order->pdata, order->len);
}

void
hearth_store_apply_reward (HearthStore  *self,
                           HearthReward *reward)
{
  HearthReward *known;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (HEARTH_IS_REWARD (reward));

  if ((known = lookup_reward (self, hearth_reward_get_id (reward), NULL)))
    copy_reward (known, reward);
  else
    g_list_store_append (self->rewards, (known = reward));

  hearth_db_batch_put_reward (get_batch (self), known);
  g_signal_emit (self, signals[REWARD_CHANGED], 0, known);
}

/* Updates the actions of @dst in place when they are the same actions (by type, in order),
 * else replaces them. */
static void
update_actions (HearthScore *dst,
                GListModel  *dst_actions,
                GListModel  *src_actions,
                void       (*replace) (HearthScore *, GPtrArray *))
{
  g_autoptr(GPtrArray) actions = NULL;
  guint n = g_list_model_get_n_items (src_actions);
  gboolean same = n == g_list_model_get_n_items (dst_actions);

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(HearthScoreAction) a = g_list_model_get_item (dst_actions, i);
      g_autoptr(HearthScoreAction) b = g_list_model_get_item (src_actions, i);

      same = g_strcmp0 (hearth_score_action_get_action_type (a),
                        hearth_score_action_get_action_type (b)) == 0;
    }

  if (same)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HearthScoreAction) a = g_list_model_get_item (dst_actions, i);
          g_autoptr(HearthScoreAction) b = g_list_model_get_item (src_actions, i);

          hearth_score_action_set_label (a, hearth_score_action_get_label (b));
          hearth_score_action_set_sub_label (a, hearth_score_action_get_sub_label (b));
          hearth_score_action_set_value (a, hearth_score_action_get_value (b));
          hearth_score_action_set_completed (a, hearth_score_action_get_completed (b));
          hearth_score_action_set_start_at (a, hearth_score_action_get_start_at (b));
        }
      return;
    }

  actions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthScoreAction) b = g_list_model_get_item (src_actions, i);
      HearthScoreAction *a = hearth_score_action_new (hearth_score_action_get_action_type (b));

      hearth_score_action_set_label (a, hearth_score_action_get_label (b));
      hearth_score_action_set_sub_label (a, hearth_score_action_get_sub_label (b));
      hearth_score_action_set_value (a, hearth_score_action_get_value (b));
      hearth_score_action_set_completed (a, hearth_score_action_get_completed (b));
      hearth_score_action_set_start_at (a, hearth_score_action_get_start_at (b));
      g_ptr_array_add (actions, a);
    }

  replace (dst, actions);
}

static void
copy_score (HearthScore *dst,
            HearthScore *src)
{
  hearth_score_set_day (dst, hearth_score_get_day (src));
  hearth_score_set_reels_seen (dst, hearth_score_get_reels_seen (src));
  hearth_score_set_total_score (dst, hearth_score_get_total_score (src));
  hearth_score_set_social_score (dst, hearth_score_get_social_score (src));
  hearth_score_set_mindfulness_score (dst, hearth_score_get_mindfulness_score (src));
  update_actions (dst, hearth_score_get_social_actions (dst),
                  hearth_score_get_social_actions (src), hearth_score_set_social_actions);
  update_actions (dst, hearth_score_get_mindfulness_actions (dst),
                  hearth_score_get_mindfulness_actions (src),
                  hearth_score_set_mindfulness_actions);
}

void
hearth_store_apply_score (HearthStore *self,
                          HearthScore *score)
{
  g_autofree char *day = NULL;
  g_autofree char *current_day = NULL;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (HEARTH_IS_SCORE (score));

  hearth_db_batch_put_score (get_batch (self), score);

  if (score == self->score)
    {
      g_signal_emit (self, signals[SCORE_CHANGED], 0, self->score);
      return;
    }

  day = dup_day_key (hearth_score_get_date (score));
  if (self->score != NULL)
    current_day = dup_day_key (hearth_score_get_date (self->score));

  if (self->score != NULL && g_strcmp0 (day, current_day) == 0)
    {
      /* The same day: views bound to this object stay bound. */
      copy_score (self->score, score);
    }
  else if (self->score == NULL || g_strcmp0 (day, current_day) > 0)
    {
      /* A new day: a fresh object that the caller (an immutable event) does not share. */
      g_autoptr(HearthScore) copy = hearth_score_new (hearth_score_get_date (score));

      copy_score (copy, score);
      g_set_object (&self->score, copy);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
    }
  else
    {
      /* An older day: stored, not shown. */
      return;
    }

  g_signal_emit (self, signals[SCORE_CHANGED], 0, self->score);
}

void
hearth_store_add_pending (HearthStore   *self,
                          HearthMessage *message,
                          guint          attempts)
{
  const char *client_id;
  HearthMessageList *list;
  HearthChat *chat;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (HEARTH_IS_MESSAGE (message));
  g_return_if_fail (hearth_message_get_client_id (message) != NULL);
  g_return_if_fail (hearth_message_get_chat_id (message) != NULL);

  client_id = hearth_message_get_client_id (message);

  if (hearth_message_get_sender (message) == NULL && hearth_message_get_sender_id (message) == NULL)
    hearth_message_set_sender (message, self->me);
  else
    share_sender (self, message);

  g_hash_table_replace (self->pending, g_strdup (client_id), g_object_ref (message));

  if ((list = lookup_list (self, hearth_message_get_chat_id (message))))
    _hearth_message_list_add (list, message);

  if (!(chat = hearth_chat_list_lookup (self->chats, hearth_message_get_chat_id (message))))
    {
      /* Its rows exist already (restored from the outbox) or cannot exist yet. */
      return;
    }

  update_last_message (self, chat, message);
  hearth_db_batch_put_message (get_batch (self), message);
  hearth_db_batch_put_outbox (get_batch (self), message, attempts);
}

HearthMessage *
hearth_store_confirm_sent (HearthStore   *self,
                           HearthMessage *server_message)
{
  g_autoptr(HearthMessage) pending = NULL;
  const char *client_id;
  const char *chat_id;
  HearthMessageList *list;
  HearthMessage *known;
  HearthChat *chat;

  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);
  g_return_val_if_fail (HEARTH_IS_MESSAGE (server_message), NULL);

  client_id = hearth_message_get_client_id (server_message);
  chat_id = hearth_message_get_chat_id (server_message);
  chat = hearth_chat_list_lookup (self->chats, chat_id);

  /* Confirmed already (the echo after the reply, or the reply after the echo). */
  if (client_id != NULL && (known = g_hash_table_lookup (self->confirmed, client_id)))
    return known;

  if (client_id != NULL && (pending = g_hash_table_lookup (self->pending, client_id)))
    {
      g_object_ref (pending);
      g_hash_table_remove (self->pending, client_id);
    }

  if (pending == NULL)
    {
      /* Not ours (any more): an ordinary message of mine, deduplicated by id. */
      if (chat == NULL)
        return server_message;

      insert_network_message (self, chat, server_message, FALSE, FALSE);
      known = find_message_object (self, chat, hearth_message_get_id (server_message));

      return known != NULL ? known : server_message;
    }

  hearth_message_set_id (pending, hearth_message_get_id (server_message));
  if (hearth_message_get_at (server_message) != NULL)
    hearth_message_set_at (pending, hearth_message_get_at (server_message));
  hearth_message_set_state (pending, HEARTH_MESSAGE_SENT);
  remember_id (self, hearth_message_get_id (pending));

  g_hash_table_insert (self->confirmed, g_strdup (client_id), g_object_ref (pending));

  if ((list = lookup_list (self, hearth_message_get_chat_id (pending))))
    _hearth_message_list_reindex (list, pending);

  if (chat != NULL)
    {
      if (hearth_chat_get_last_message (chat) == pending)
        {
          begin_turn (self);
          hearth_chat_list_resort (self->chats, chat);
        }
      else
        update_last_message (self, chat, pending);

      set_read (self, chat, hearth_user_get_id (self->me), hearth_message_get_at (pending));
      hearth_db_batch_put_message (get_batch (self), pending);
      hearth_db_batch_remove_outbox (get_batch (self), client_id);
    }

  return g_hash_table_lookup (self->confirmed, client_id);
}

void
hearth_store_update_pending (HearthStore   *self,
                             HearthMessage *message,
                             guint          attempts)
{
  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (HEARTH_IS_MESSAGE (message));

  if (hearth_message_get_client_id (message) == NULL ||
      !hearth_chat_list_lookup (self->chats, hearth_message_get_chat_id (message)))
    return;

  hearth_db_batch_put_message (get_batch (self), message);
  hearth_db_batch_put_outbox (get_batch (self), message, attempts);
}

HearthMessage *
hearth_store_lookup_pending (HearthStore *self,
                             const char  *client_id)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return client_id != NULL ? g_hash_table_lookup (self->pending, client_id) : NULL;
}

const char *
hearth_store_get_draft (HearthStore *self,
                        const char  *chat_id)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return chat_id != NULL ? g_hash_table_lookup (self->drafts, chat_id) : NULL;
}

void
hearth_store_set_draft (HearthStore *self,
                        const char  *chat_id,
                        const char  *text)
{
  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (chat_id != NULL);

  if (g_strcmp0 (g_hash_table_lookup (self->drafts, chat_id), text) == 0)
    return;

  if (text == NULL || text[0] == '\0')
    {
      if (!g_hash_table_remove (self->drafts, chat_id))
        return;
    }
  else
    g_hash_table_insert (self->drafts, g_strdup (chat_id), g_strdup (text));

  hearth_db_batch_put_draft (get_batch (self), chat_id, text);
}

void
hearth_store_mark_read_locally (HearthStore *self,
                                const char  *chat_id)
{
  g_autoptr(GDateTime) now = NULL;
  HearthMessage *last;
  HearthChat *chat;
  GDateTime *at;

  g_return_if_fail (HEARTH_IS_STORE (self));

  if (!(chat = hearth_chat_list_lookup (self->chats, chat_id)))
    return;

  /* Up to the newest message; "now" covers clocks that lag the server's. */
  now = g_date_time_new_now_utc ();
  at = now;
  if ((last = hearth_chat_get_last_message (chat)) &&
      compare_times (hearth_message_get_at (last), now) > 0)
    at = hearth_message_get_at (last);

  set_unread (self, chat, 0);
  set_read (self, chat, hearth_user_get_id (self->me), at);
}

void
hearth_store_set_typing_timeout (HearthStore *self,
                                 guint        timeout_ms)
{
  g_return_if_fail (HEARTH_IS_STORE (self));

  self->typing_timeout_ms = timeout_ms > 0 ? timeout_ms : DEFAULT_TYPING_TIMEOUT_MS;
}

void
hearth_store_flush (HearthStore *self)
{
  g_return_if_fail (HEARTH_IS_STORE (self));

  end_turn (self);
  write_batch (self);
  hearth_database_sync (self->database);
}

void
hearth_store_wipe (HearthStore *self)
{
  GHashTableIter iter;
  gpointer value;
  HearthUser *me;

  g_return_if_fail (HEARTH_IS_STORE (self));

  /* Whatever is on its way belongs to the old state. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->reward_waiters, g_ptr_array_unref);

  g_hash_table_remove_all (self->fetches);
  g_hash_table_remove_all (self->typing);
  g_hash_table_remove_all (self->pending);
  g_hash_table_remove_all (self->confirmed);
  g_hash_table_remove_all (self->drafts);
  g_hash_table_remove_all (self->deleted);
  g_hash_table_remove_all (self->seen);
  g_queue_clear (&self->seen_order);

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_object_weak_unref (value, list_weak_notify, self);
      _hearth_message_list_clear (value);
    }
  g_hash_table_remove_all (self->lists);

  begin_turn (self);
  hearth_chat_list_clear (self->chats);
  end_turn (self);

  g_list_store_remove_all (self->rewards);
  if (self->score != NULL)
    {
      g_clear_object (&self->score);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
    }

  me = g_object_ref (self->me);
  g_hash_table_remove_all (self->users);
  g_hash_table_insert (self->users, g_strdup (hearth_user_get_id (me)), me);

  g_clear_pointer (&self->batch, hearth_db_batch_unref);
  hearth_db_batch_wipe (get_batch (self));
  write_batch (self);

  if (self->open_chat_id != NULL)
    hearth_store_set_open_chat_id (self, NULL);
}

/* }}} */
/* Private {{{ */

void
_hearth_store_merge_page (HearthStore *self,
                          const char  *chat_id,
                          GPtrArray   *page,
                          gboolean     from_server)
{
  HearthChat *chat;
  HearthMessage *last;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (page != NULL);

  chat = hearth_chat_list_lookup (self->chats, chat_id);
  last = chat != NULL ? hearth_chat_get_last_message (chat) : NULL;

  for (guint i = 0; i < page->len; i++)
    {
      HearthMessage *message = g_ptr_array_index (page, i);
      HearthMessage *own = find_own_object (self, message);
      const char *id = hearth_message_get_id (message);

      if (own == NULL && last != NULL && id != NULL &&
          g_strcmp0 (hearth_message_get_id (last), id) == 0)
        own = last;

      if (own != NULL && own != message)
        {
          /* The page's array owns its elements: swap the reference. */
          page->pdata[i] = g_object_ref (own);
          g_object_unref (message);
          continue;
        }

      share_sender (self, message);
      remember_id (self, id);

      if (from_server && chat != NULL)
        hearth_db_batch_put_message (get_batch (self), message);
    }
}

guint
_hearth_store_get_write_count (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), 0);

  return self->write_count;
}

guint
_hearth_store_get_chat_fetch_count (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), 0);

  return self->chat_fetch_count;
}

guint
_hearth_store_count_running_fetches (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), 0);

  return g_hash_table_size (self->fetches) + (self->reward_waiters != NULL ? 1 : 0);
}

void
_hearth_store_set_page_size (HearthStore *self,
                             guint        page_size)
{
  g_return_if_fail (HEARTH_IS_STORE (self));

  self->page_size = page_size > 0 ? page_size : HEARTH_MESSAGE_LIST_PAGE_SIZE;
}

/* }}} */
