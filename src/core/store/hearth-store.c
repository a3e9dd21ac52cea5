/* hearth-store.c: the store object: properties, signals, turns and batches, public glue
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
 *
 * The code is split by concern: this file (the object, turns and batches, the public glue),
 * hearth-store-models.c (users, messages, chats), hearth-store-wellbeing.c (rewards, the
 * score and its history), hearth-store-events.c (the bus events, typing, unknown chats),
 * hearth-store-pending.c (the outbox side) and hearth-store-load.c (loading from the
 * database); they share hearth-store-private.h.
 */

#define DEFAULT_TYPING_TIMEOUT_MS 15000

G_DEFINE_FINAL_TYPE (HearthStore, hearth_store, G_TYPE_OBJECT)

/* What a batch must still write about a chat: its unread count, its members' read times. */
typedef struct
{
  HearthChat *chat;
  GPtrArray  *readers;   /* user ids (owned), NULL when none */
  gboolean    unread;
} DirtyChat;

GParamSpec *_hearth_store_properties[N_STORE_PROPS];
guint _hearth_store_signals[N_STORE_SIGNALS];

/* Small helpers {{{ */

gboolean
_hearth_store_is_me (HearthStore *self,
                     const char  *user_id)
{
  return user_id != NULL && g_strcmp0 (user_id, hearth_user_get_id (self->me)) == 0;
}

GWeakRef *
_hearth_store_weak_new (HearthStore *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

/* Frees @ref and returns the store it pointed to (a new reference), or NULL. */
HearthStore *
_hearth_store_weak_take (GWeakRef *ref)
{
  HearthStore *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

int
_hearth_store_compare_times (GDateTime *a,
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
  g_autoptr(HearthStore) self = _hearth_store_weak_take (user_data);
  g_autoptr(GError) error = NULL;

  if (hearth_database_write_finish (HEARTH_DATABASE (object), result, &error))
    return;

  g_debug ("A database batch failed: %s", error->message);

  if (self != NULL)
    g_signal_emit (self, _hearth_store_signals[STORE_SIGNAL_DATABASE_ERROR], 0, error);
}

/* Read times and unread counts changed in this batch are written once per chat, with the
 * values they have when the batch goes out: a flood into one chat makes one UPDATE of each,
 * not one per message. Both are plain UPDATEs of rows that put_chat writes whole, and memory
 * is authoritative, so the latest values at the end of the batch are the right ones. */
static void
add_dirty_rows (HearthStore   *self,
                HearthDbBatch *batch)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      DirtyChat *dirty = value;
      const char *chat_id = hearth_chat_get_id (dirty->chat);

      /* Dropped meanwhile (its rows are deleted) or replaced by a newer object. */
      if (self->chats == NULL || hearth_chat_list_lookup (self->chats, chat_id) != dirty->chat)
        continue;

      if (dirty->unread)
        hearth_db_batch_set_unread (batch, chat_id, hearth_chat_get_unread (dirty->chat));

      for (guint i = 0; dirty->readers != NULL && i < dirty->readers->len; i++)
        {
          const char *user_id = g_ptr_array_index (dirty->readers, i);
          GDateTime *at = hearth_chat_get_last_read_at (dirty->chat, user_id);

          if (at != NULL)
            hearth_db_batch_set_read (batch, chat_id, user_id, at);
        }
    }

  g_hash_table_remove_all (self->dirty);
}

static void
write_batch (HearthStore *self)
{
  g_autoptr(HearthDbBatch) batch = NULL;

  if (g_hash_table_size (self->dirty) > 0)
    {
      if (self->batch == NULL)
        self->batch = hearth_db_batch_new ();
      add_dirty_rows (self, self->batch);
    }

  batch = g_steal_pointer (&self->batch);
  g_clear_handle_id (&self->flush_source, g_source_remove);

  if (batch == NULL || hearth_db_batch_is_empty (batch))
    return;

  self->write_count++;
  hearth_database_write_async (self->database, batch, NULL, write_cb,
                               _hearth_store_weak_new (self));
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

HearthDbBatch *
_hearth_store_get_batch (HearthStore *self)
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
dirty_chat_free (gpointer data)
{
  DirtyChat *dirty = data;

  g_clear_object (&dirty->chat);
  g_clear_pointer (&dirty->readers, g_ptr_array_unref);
  g_free (dirty);
}

static DirtyChat *
ensure_dirty (HearthStore *self,
              HearthChat  *chat)
{
  DirtyChat *dirty;

  /* Through get_batch(): schedules the write (and writes a full batch first). */
  _hearth_store_get_batch (self);

  if (!(dirty = g_hash_table_lookup (self->dirty, chat)))
    {
      dirty = g_new0 (DirtyChat, 1);
      dirty->chat = g_object_ref (chat);
      g_hash_table_insert (self->dirty, chat, dirty);
    }

  return dirty;
}

void
_hearth_store_mark_unread_dirty (HearthStore *self,
                                 HearthChat  *chat)
{
  ensure_dirty (self, chat)->unread = TRUE;
}

void
_hearth_store_mark_read_dirty (HearthStore *self,
                               HearthChat  *chat,
                               const char  *user_id)
{
  DirtyChat *dirty = ensure_dirty (self, chat);

  if (dirty->readers == NULL)
    dirty->readers = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < dirty->readers->len; i++)
    {
      if (strcmp (g_ptr_array_index (dirty->readers, i), user_id) == 0)
        return;
    }

  g_ptr_array_add (dirty->readers, g_strdup (user_id));
}

static void
thaw_chat (gpointer data)
{
  g_object_thaw_notify (data);
  g_object_unref (data);
}

/* Lets the chats held in this turn notify (once per property). */
static void
release_held (HearthStore *self)
{
  g_autoptr(GHashTable) held = NULL;

  if (self->held == NULL || g_hash_table_size (self->held) == 0)
    return;

  /* Handlers of the notifications may hold chats again: for the next turn. */
  held = g_steal_pointer (&self->held);
  self->held = g_hash_table_new_full (NULL, NULL, thaw_chat, NULL);
  self->last_held = NULL;
}

static void
end_turn (HearthStore *self)
{
  if (self->turn_source == 0)
    return;

  g_clear_handle_id (&self->turn_source, g_source_remove);
  hearth_chat_list_end (self->chats);
  release_held (self);
}

static gboolean
end_turn_cb (gpointer user_data)
{
  HearthStore *self = user_data;

  self->turn_source = 0;
  hearth_chat_list_end (self->chats);
  release_held (self);

  return G_SOURCE_REMOVE;
}

/* Call before changing the chat list or a chat's sort key. */
void
_hearth_store_begin_turn (HearthStore *self)
{
  if (self->turn_source != 0)
    return;

  hearth_chat_list_begin (self->chats);
  self->turn_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, end_turn_cb, self, NULL);
}

void
_hearth_store_hold_chat (HearthStore *self,
                         HearthChat  *chat)
{
  if (chat == self->last_held)
    return;

  _hearth_store_begin_turn (self);

  if (!g_hash_table_contains (self->held, chat))
    {
      g_object_freeze_notify (G_OBJECT (chat));
      g_hash_table_add (self->held, g_object_ref (chat));
    }

  self->last_held = chat;
}

/* }}} */
/* Message lists {{{ */

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

void
_hearth_store_forget_list (HearthStore *self,
                           const char  *chat_id)
{
  HearthMessageList *list;

  if (!(list = _hearth_store_lookup_list (self, chat_id)))
    return;

  g_object_weak_unref (G_OBJECT (list), list_weak_notify, self);
  _hearth_message_list_clear (list);
  g_hash_table_remove (self->lists, chat_id);
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
                                           G_CALLBACK (_hearth_store_on_bus_event), self,
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
  release_held (self);
  if (self->dirty != NULL)
    g_hash_table_remove_all (self->dirty);

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
  g_clear_object (&self->score_history);
  g_clear_object (&self->bus);
  g_clear_object (&self->api);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (hearth_store_parent_class)->dispose (object);
}

static void
hearth_store_finalize (GObject *object)
{
  HearthStore *self = (HearthStore *)object;

  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->seen_ring, g_free);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->held, g_hash_table_unref);
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
  g_clear_pointer (&self->wellbeing_updated, g_date_time_unref);
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
    case STORE_PROP_ME:
      g_value_set_object (value, self->me);
      break;

    case STORE_PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case STORE_PROP_BUS:
      g_value_set_object (value, self->bus);
      break;

    case STORE_PROP_API:
      g_value_set_object (value, self->api);
      break;

    case STORE_PROP_OPEN_CHAT_ID:
      g_value_set_string (value, self->open_chat_id);
      break;

    case STORE_PROP_FOCUSED:
      g_value_set_boolean (value, self->focused);
      break;

    case STORE_PROP_SCORE:
      g_value_set_object (value, self->score);
      break;

    case STORE_PROP_WELLBEING_UPDATED:
      g_value_set_boxed (value, self->wellbeing_updated);
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
    case STORE_PROP_ME:
      self->me = g_value_dup_object (value);
      break;

    case STORE_PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;

    case STORE_PROP_BUS:
      self->bus = g_value_dup_object (value);
      break;

    case STORE_PROP_API:
      self->api = g_value_dup_object (value);
      break;

    case STORE_PROP_OPEN_CHAT_ID:
      hearth_store_set_open_chat_id (self, g_value_get_string (value));
      break;

    case STORE_PROP_FOCUSED:
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

  _hearth_store_properties[STORE_PROP_ME] =
    g_param_spec_object ("me", NULL, NULL,
                         HEARTH_TYPE_USER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  _hearth_store_properties[STORE_PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         HEARTH_TYPE_DATABASE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  _hearth_store_properties[STORE_PROP_BUS] =
    g_param_spec_object ("bus", NULL, NULL,
                         HEARTH_TYPE_EVENT_BUS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  _hearth_store_properties[STORE_PROP_API] =
    g_param_spec_object ("api", NULL, NULL,
                         HEARTH_TYPE_API,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  _hearth_store_properties[STORE_PROP_OPEN_CHAT_ID] =
    g_param_spec_string ("open-chat-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _hearth_store_properties[STORE_PROP_FOCUSED] =
    g_param_spec_boolean ("focused", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _hearth_store_properties[STORE_PROP_SCORE] =
    g_param_spec_object ("score", NULL, NULL,
                         HEARTH_TYPE_SCORE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  _hearth_store_properties[STORE_PROP_WELLBEING_UPDATED] =
    g_param_spec_boxed ("wellbeing-updated", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_STORE_PROPS,
                                     _hearth_store_properties);

  _hearth_store_signals[STORE_SIGNAL_MESSAGE_ADDED] =
    g_signal_new ("message-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, HEARTH_TYPE_MESSAGE, G_TYPE_BOOLEAN);

  _hearth_store_signals[STORE_SIGNAL_CHAT_REMOVED] =
    g_signal_new ("chat-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  _hearth_store_signals[STORE_SIGNAL_CHAT_JOINED] =
    g_signal_new ("chat-joined",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, HEARTH_TYPE_CHAT, HEARTH_TYPE_USER);

  _hearth_store_signals[STORE_SIGNAL_REWARD_CHANGED] =
    g_signal_new ("reward-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HEARTH_TYPE_REWARD);

  _hearth_store_signals[STORE_SIGNAL_SCORE_CHANGED] =
    g_signal_new ("score-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HEARTH_TYPE_SCORE);

  _hearth_store_signals[STORE_SIGNAL_DATABASE_ERROR] =
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
  self->score_history = g_list_store_new (HEARTH_TYPE_SCORE);
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->confirmed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->typing = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _hearth_store_typing_free);
  self->fetches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         _hearth_store_chat_fetch_free);
  self->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->seen_ring = g_new0 (char *, HEARTH_STORE_MAX_SEEN_IDS);
  self->dirty = g_hash_table_new_full (NULL, NULL, NULL, dirty_chat_free);
  self->held = g_hash_table_new_full (NULL, NULL, thaw_chat, NULL);
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

  if ((list = _hearth_store_lookup_list (self, chat_id)))
    return g_object_ref (list);

  /* The first page is read from the database: let it see this turn's writes. */
  write_batch (self);

  list = _hearth_message_list_new (self, self->database, self->api, chat_id, self->page_size);
  g_hash_table_insert (self->lists, g_strdup (chat_id), list);
  g_object_weak_ref (G_OBJECT (list), list_weak_notify, self);

  hearth_message_list_load_older_async (list, NULL, NULL, NULL);

  return list;
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
    g_object_notify_by_pspec (G_OBJECT (self), _hearth_store_properties[STORE_PROP_OPEN_CHAT_ID]);
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
  g_object_notify_by_pspec (G_OBJECT (self), _hearth_store_properties[STORE_PROP_FOCUSED]);
}

void
hearth_store_set_typing_timeout (HearthStore *self,
                                 guint        timeout_ms)
{
  g_return_if_fail (HEARTH_IS_STORE (self));

  self->typing_timeout_ms = timeout_ms > 0 ? timeout_ms : DEFAULT_TYPING_TIMEOUT_MS;
}

void
hearth_store_end_turn (HearthStore *self)
{
  g_return_if_fail (HEARTH_IS_STORE (self));

  end_turn (self);
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
  memset (self->seen_ring, 0, HEARTH_STORE_MAX_SEEN_IDS * sizeof (char *));
  self->seen_next = 0;
  g_hash_table_remove_all (self->dirty);

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_object_weak_unref (value, list_weak_notify, self);
      _hearth_message_list_clear (value);
    }
  g_hash_table_remove_all (self->lists);

  _hearth_store_begin_turn (self);
  hearth_chat_list_clear (self->chats);
  end_turn (self);

  _hearth_store_wipe_wellbeing (self);

  me = g_object_ref (self->me);
  g_hash_table_remove_all (self->users);
  g_hash_table_insert (self->users, g_strdup (hearth_user_get_id (me)), me);

  g_clear_pointer (&self->batch, hearth_db_batch_unref);
  hearth_db_batch_wipe (_hearth_store_get_batch (self));
  write_batch (self);

  if (self->open_chat_id != NULL)
    hearth_store_set_open_chat_id (self, NULL);
}

/* }}} */
/* Test hooks {{{ */

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
