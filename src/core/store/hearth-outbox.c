/* hearth-outbox.c: my unsent messages, persisted and retried until the server has them
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-outbox"

#include "config.h"

#include "hearth-utils.h"

#include "hearth-api.h"
#include "hearth-database.h"
#include "hearth-message.h"
#include "hearth-outbox.h"
#include "hearth-store.h"

#define BACKOFF_BASE_MS_DEFAULT 1000
#define BACKOFF_MAX_MS_DEFAULT  30000

/* One held message (QUEUED or FAILED). */
typedef struct
{
  HearthOutbox  *outbox;      /* borrowed */
  HearthMessage *message;
  char          *client_id;
  char          *chat_id;
  guint          attempts;
  gulong         notify_id;
} Entry;

/* The send queue of one chat. Only QUEUED entries are in @queue, in sending order. */
typedef struct
{
  HearthOutbox *outbox;       /* borrowed */
  char         *chat_id;
  GQueue        queue;        /* Entry * (borrowed from outbox->entries) */
  gboolean      busy;         /* a POST is in flight */
  guint         failures;     /* consecutive transient failures (backoff exponent) */
  guint         retry_id;     /* backoff timer */
  guint         kick_id;      /* idle: the head was confirmed by the echo */
} ChatQueue;

/* What a POST callback needs; holds the outbox alive until the request ends. */
typedef struct
{
  HearthOutbox *outbox;
  char         *chat_id;
  char         *client_id;
} PostData;

struct _HearthOutbox
{
  GObject       parent_instance;

  /* owned */
  HearthStore  *store;
  HearthApi    *api;
  GCancellable *cancellable;
  GHashTable   *entries;      /* client id -> Entry (owned) */
  GQueue        order;        /* Entry *, creation order (borrowed) */
  GHashTable   *chats;        /* chat id -> ChatQueue (owned) */

  guint         backoff_base_ms;
  guint         backoff_max_ms;
  gboolean      loading;      /* nothing is POSTed while the stored outbox loads */
  gboolean      load_started;
  gboolean      stopped;
  gboolean      db_dirty;     /* a database write failed: write every entry again */
};

G_DEFINE_FINAL_TYPE (HearthOutbox, hearth_outbox, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_API,
  PROP_BACKOFF_BASE_MS,
  PROP_BACKOFF_MAX_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SEND_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void chat_queue_pump (ChatQueue *cq);

/* Entries and queues. */

static void
entry_free (Entry *entry)
{
  g_clear_signal_handler (&entry->notify_id, entry->message);
  g_clear_object (&entry->message);
  g_free (entry->client_id);
  g_free (entry->chat_id);
  g_free (entry);
}

static void
chat_queue_free (ChatQueue *cq)
{
  g_clear_handle_id (&cq->retry_id, g_source_remove);
  g_clear_handle_id (&cq->kick_id, g_source_remove);
  g_queue_clear (&cq->queue);
  g_free (cq->chat_id);
  g_free (cq);
}

static ChatQueue *
outbox_get_chat_queue (HearthOutbox *self,
                       const char   *chat_id)
{
  ChatQueue *cq = g_hash_table_lookup (self->chats, chat_id);

  if (cq == NULL)
    {
      cq = g_new0 (ChatQueue, 1);
      cq->outbox = self;
      cq->chat_id = g_strdup (chat_id);
      g_queue_init (&cq->queue);
      g_hash_table_insert (self->chats, cq->chat_id, cq);
    }

  return cq;
}

static void
outbox_remove_entry (HearthOutbox *self,
                     Entry        *entry)
{
  ChatQueue *cq = g_hash_table_lookup (self->chats, entry->chat_id);

  if (cq != NULL)
    g_queue_remove (&cq->queue, entry);
  g_queue_remove (&self->order, entry);
  g_hash_table_remove (self->entries, entry->client_id);
}

/* Whether @entry must still be sent: QUEUED, and still pending in the store (not confirmed by
 * the echo, not dropped with its chat). */
static gboolean
entry_is_pending (Entry *entry)
{
  HearthOutbox *self = entry->outbox;

  return hearth_message_get_state (entry->message) == HEARTH_MESSAGE_QUEUED &&
         hearth_store_lookup_pending (self->store, entry->client_id) != NULL;
}

/* After a failed database write, every entry goes into the store's next batch again. */
static void
outbox_rewrite_if_dirty (HearthOutbox *self)
{
  if (!self->db_dirty)
    return;

  self->db_dirty = FALSE;
  g_debug ("Writing %u outbox entries again after a database error", self->order.length);

  for (GList *l = self->order.head; l != NULL; l = l->next)
    {
      Entry *entry = l->data;

      hearth_store_update_pending (self->store, entry->message, entry->attempts);
    }
}

static gboolean
chat_queue_kick_cb (gpointer user_data)
{
  ChatQueue *cq = user_data;
  HearthOutbox *self = cq->outbox;
  GList *l = self->order.head;

  cq->kick_id = 0;

  /* Drop what the echo confirmed. The one in flight may go too: its reply then finds no entry
   * and is not applied a second time. */
  while (l != NULL)
    {
      Entry *entry = l->data;

      l = l->next;
      if (g_strcmp0 (entry->chat_id, cq->chat_id) == 0 &&
          hearth_message_get_state (entry->message) == HEARTH_MESSAGE_SENT)
        outbox_remove_entry (self, entry);
    }

  /* The chat may have been waiting for a backoff on the message just confirmed: go on now. */
  if (!cq->busy)
    {
      g_clear_handle_id (&cq->retry_id, g_source_remove);
      cq->failures = 0;
      chat_queue_pump (cq);
    }

  return G_SOURCE_REMOVE;
}

static void
on_message_state_cb (HearthMessage *message,
                     GParamSpec    *pspec,
                     Entry         *entry)
{
  HearthOutbox *self = entry->outbox;
  ChatQueue *cq;

  if (hearth_message_get_state (message) != HEARTH_MESSAGE_SENT || self->stopped)
    return;

  /* Confirmed by the messages-sent echo. The store is in the middle of confirming it: look
   * at the queue from an idle instead of re-entering it now. */
  cq = outbox_get_chat_queue (self, entry->chat_id);
  if (cq->kick_id == 0)
    cq->kick_id = g_idle_add (chat_queue_kick_cb, cq);
}

static Entry *
outbox_add_entry (HearthOutbox  *self,
                  HearthMessage *message,
                  guint          attempts)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->outbox = self;
  entry->message = g_object_ref (message);
  entry->client_id = g_strdup (hearth_message_get_client_id (message));
  entry->chat_id = g_strdup (hearth_message_get_chat_id (message));
  entry->attempts = attempts;
  entry->notify_id = g_signal_connect (message, "notify::state",
                                       G_CALLBACK (on_message_state_cb), entry);
  g_hash_table_insert (self->entries, entry->client_id, entry);

  return entry;
}

/* Sending. */

static PostData *
post_data_new (HearthOutbox *self,
               Entry        *entry)
{
  PostData *data = g_new0 (PostData, 1);

  data->outbox = g_object_ref (self);
  data->chat_id = g_strdup (entry->chat_id);
  data->client_id = g_strdup (entry->client_id);

  return data;
}

static void
post_data_free (PostData *data)
{
  g_clear_object (&data->outbox);
  g_free (data->chat_id);
  g_free (data->client_id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PostData, post_data_free)

/* The first retry waits the base delay; each further failure doubles it. The jitter may not
 * take it past the maximum. */
static guint
outbox_backoff_ms (HearthOutbox *self,
                   guint         failures)
{
  guint delay = hearth_backoff_ms (MAX (self->backoff_base_ms, 1), self->backoff_max_ms,
                                   failures > 0 ? failures - 1 : 0);

  return MAX (MIN (delay, self->backoff_max_ms), 1);
}

static gboolean
chat_queue_retry_cb (gpointer user_data)
{
  ChatQueue *cq = user_data;

  cq->retry_id = 0;
  chat_queue_pump (cq);

  return G_SOURCE_REMOVE;
}

static void
post_message_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PostData) data = user_data;
  HearthOutbox *self = data->outbox;
  g_autoptr(HearthMessage) reply = NULL;
  g_autoptr(GError) error = NULL;
  ChatQueue *cq;
  Entry *entry;

  reply = hearth_api_post_message_finish (HEARTH_API (object), result, &error);

  if (self->chats == NULL)
    return;

  cq = g_hash_table_lookup (self->chats, data->chat_id);
  g_assert (cq != NULL);
  cq->busy = FALSE;

  if (self->stopped || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  entry = g_hash_table_lookup (self->entries, data->client_id);
  if (entry == NULL)
    {
      /* Dropped meanwhile (its chat was deleted). */
      chat_queue_pump (cq);
      return;
    }

  if (reply != NULL)
    {
      g_debug ("Sent %s as %s", entry->client_id, hearth_message_get_id (reply));

      if (hearth_message_get_client_id (reply) == NULL)
        hearth_message_set_client_id (reply, entry->client_id);

      /* The echo may have confirmed it already: then the store has it, do not apply twice. */
      if (hearth_message_get_state (entry->message) != HEARTH_MESSAGE_SENT)
        hearth_store_confirm_sent (self->store, reply);

      cq->failures = 0;
      outbox_remove_entry (self, entry);
      chat_queue_pump (cq);
      return;
    }

  g_assert (error != NULL);

  if (hearth_message_get_state (entry->message) == HEARTH_MESSAGE_SENT)
    {
      /* The echo confirmed it while the POST failed (the reply was lost). */
      outbox_remove_entry (self, entry);
      chat_queue_pump (cq);
      return;
    }

  if (hearth_api_error_is_transient (error) ||
      g_error_matches (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED))
    {
      G_GNUC_UNUSED g_autoptr(HearthMessage) hold = g_object_ref (entry->message);
      guint delay;

      g_debug ("Sending %s failed (attempt %u), will retry: %s",
               entry->client_id, entry->attempts, error->message);

      outbox_rewrite_if_dirty (self);
      hearth_store_update_pending (self->store, entry->message, entry->attempts);
      g_signal_emit (self, signals[SEND_FAILED], 0, hold, error);

      /* A handler may have stopped us (sign-out). */
      if (self->stopped)
        return;

      cq->failures++;
      delay = outbox_backoff_ms (self, cq->failures);
      g_clear_handle_id (&cq->retry_id, g_source_remove);
      cq->retry_id = g_timeout_add (delay, chat_queue_retry_cb, cq);
    }
  else
    {
      G_GNUC_UNUSED g_autoptr(HearthMessage) hold = g_object_ref (entry->message);

      g_message ("Could not send a message to %s: %s", entry->chat_id, error->message);

      g_queue_remove (&cq->queue, entry);
      hearth_message_set_state (entry->message, HEARTH_MESSAGE_FAILED);
      outbox_rewrite_if_dirty (self);
      hearth_store_update_pending (self->store, entry->message, entry->attempts);
      g_signal_emit (self, signals[SEND_FAILED], 0, hold, error);

      if (self->stopped)
        return;

      /* The chat's later messages go on. */
      cq->failures = 0;
      chat_queue_pump (cq);
    }
}

static void
chat_queue_pump (ChatQueue *cq)
{
  HearthOutbox *self = cq->outbox;
  Entry *entry;

  if (self->stopped || self->loading || cq->busy || cq->retry_id != 0)
    return;

  while ((entry = g_queue_peek_head (&cq->queue)) != NULL && !entry_is_pending (entry))
    {
      g_debug ("%s is no longer pending", entry->client_id);
      outbox_remove_entry (self, entry);
    }

  if (entry == NULL)
    return;

  outbox_rewrite_if_dirty (self);

  entry->attempts++;
  cq->busy = TRUE;
  hearth_api_post_message_async (self->api,
                                 entry->chat_id,
                                 hearth_message_get_content (entry->message),
                                 hearth_message_get_reel (entry->message),
                                 entry->client_id,
                                 self->cancellable,
                                 post_message_cb,
                                 post_data_new (self, entry));
}

static void
outbox_pump_all (HearthOutbox *self)
{
  g_autoptr(GList) queues = g_hash_table_get_values (self->chats);

  for (GList *l = queues; l != NULL; l = l->next)
    chat_queue_pump (l->data);
}

/* Store signals. */

static void
on_store_database_error_cb (HearthStore  *store,
                            const GError *error,
                            HearthOutbox *self)
{
  /* The batch that failed may have held outbox entries: write them all again with the next
   * action (not now: the database would fail again at once, in a loop). */
  if (self->entries != NULL && g_hash_table_size (self->entries) > 0)
    self->db_dirty = TRUE;
}

static void
on_store_chat_removed_cb (HearthStore  *store,
                          const char   *chat_id,
                          const char   *title,
                          HearthOutbox *self)
{
  ChatQueue *cq = g_hash_table_lookup (self->chats, chat_id);
  GList *l = self->order.head;

  /* The store removed the chat with its messages and outbox entries. */
  while (l != NULL)
    {
      Entry *entry = l->data;

      l = l->next;
      if (g_strcmp0 (entry->chat_id, chat_id) == 0)
        outbox_remove_entry (self, entry);
    }

  if (cq != NULL)
    {
      g_clear_handle_id (&cq->retry_id, g_source_remove);
      cq->failures = 0;
    }
}

/* GObject. */

static void
hearth_outbox_constructed (GObject *object)
{
  HearthOutbox *self = (HearthOutbox *)object;

  G_OBJECT_CLASS (hearth_outbox_parent_class)->constructed (object);

  g_assert (HEARTH_IS_STORE (self->store));
  g_assert (HEARTH_IS_API (self->api));

  g_signal_connect_object (self->store, "database-error",
                           G_CALLBACK (on_store_database_error_cb), self, 0);
  g_signal_connect_object (self->store, "chat-removed",
                           G_CALLBACK (on_store_chat_removed_cb), self, 0);
}

static void
hearth_outbox_dispose (GObject *object)
{
  HearthOutbox *self = (HearthOutbox *)object;

  hearth_outbox_stop (self);
  g_queue_clear (&self->order);
  g_clear_pointer (&self->chats, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->api);

  G_OBJECT_CLASS (hearth_outbox_parent_class)->dispose (object);
}

static void
hearth_outbox_finalize (GObject *object)
{
  HearthOutbox *self = (HearthOutbox *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hearth_outbox_parent_class)->finalize (object);
}

static void
hearth_outbox_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HearthOutbox *self = HEARTH_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_API:
      g_value_set_object (value, self->api);
      break;

    case PROP_BACKOFF_BASE_MS:
      g_value_set_uint (value, self->backoff_base_ms);
      break;

    case PROP_BACKOFF_MAX_MS:
      g_value_set_uint (value, self->backoff_max_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_outbox_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HearthOutbox *self = HEARTH_OUTBOX (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_API:
      self->api = g_value_dup_object (value);
      break;

    case PROP_BACKOFF_BASE_MS:
      hearth_outbox_set_backoff_base_ms (self, g_value_get_uint (value));
      break;

    case PROP_BACKOFF_MAX_MS:
      hearth_outbox_set_backoff_max_ms (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_outbox_class_init (HearthOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_outbox_constructed;
  object_class->dispose = hearth_outbox_dispose;
  object_class->finalize = hearth_outbox_finalize;
  object_class->get_property = hearth_outbox_get_property;
  object_class->set_property = hearth_outbox_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HEARTH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_API] =
    g_param_spec_object ("api", NULL, NULL,
                         HEARTH_TYPE_API,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BACKOFF_BASE_MS] =
    g_param_spec_uint ("backoff-base-ms", NULL, NULL,
                       1, G_MAXUINT, BACKOFF_BASE_MS_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BACKOFF_MAX_MS] =
    g_param_spec_uint ("backoff-max-ms", NULL, NULL,
                       1, G_MAXUINT, BACKOFF_MAX_MS_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SEND_FAILED] =
    g_signal_new ("send-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  HEARTH_TYPE_MESSAGE,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
hearth_outbox_init (HearthOutbox *self)
{
  self->cancellable = g_cancellable_new ();
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) entry_free);
  self->chats = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) chat_queue_free);
  g_queue_init (&self->order);
  self->backoff_base_ms = BACKOFF_BASE_MS_DEFAULT;
  self->backoff_max_ms = BACKOFF_MAX_MS_DEFAULT;
}

/* Public API. */

HearthOutbox *
hearth_outbox_new (HearthStore *store,
                   HearthApi   *api)
{
  g_return_val_if_fail (HEARTH_IS_STORE (store), NULL);
  g_return_val_if_fail (HEARTH_IS_API (api), NULL);

  return g_object_new (HEARTH_TYPE_OUTBOX,
                       "store", store,
                       "api", api,
                       NULL);
}

HearthStore *
hearth_outbox_get_store (HearthOutbox *self)
{
  g_return_val_if_fail (HEARTH_IS_OUTBOX (self), NULL);

  return self->store;
}

HearthApi *
hearth_outbox_get_api (HearthOutbox *self)
{
  g_return_val_if_fail (HEARTH_IS_OUTBOX (self), NULL);

  return self->api;
}

static void
load_outbox_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthOutbox *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GArray) attempts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) restored = NULL;   /* chat id -> GPtrArray of Entry, in order */
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  HearthUser *me;

  messages = hearth_database_load_outbox_finish (HEARTH_DATABASE (object), result,
                                                 &attempts, &error);
  self->loading = FALSE;

  if (messages == NULL || self->stopped)
    {
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The outbox was stopped");
      else
        g_message ("Could not load the outbox: %s", error->message);

      /* What was sent meanwhile still goes out. */
      outbox_pump_all (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  me = hearth_store_get_me (self->store);
  restored = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                    (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < messages->len; i++)
    {
      HearthMessage *message = g_ptr_array_index (messages, i);
      guint n_attempts = attempts != NULL && i < attempts->len ?
                         g_array_index (attempts, guint, i) : 0;
      const char *client_id = hearth_message_get_client_id (message);
      const char *chat_id = hearth_message_get_chat_id (message);
      GPtrArray *chat_entries;
      Entry *entry;

      if (client_id == NULL || chat_id == NULL ||
          g_hash_table_contains (self->entries, client_id))
        continue;

      if (hearth_message_get_state (message) != HEARTH_MESSAGE_FAILED)
        hearth_message_set_state (message, HEARTH_MESSAGE_QUEUED);
      if (me != NULL)
        hearth_message_set_sender (message, me);

      hearth_store_add_pending (self->store, message, n_attempts);
      entry = outbox_add_entry (self, message, n_attempts);
      g_ptr_array_add (all, entry);

      if (hearth_message_get_state (message) != HEARTH_MESSAGE_QUEUED)
        continue;

      if (!(chat_entries = g_hash_table_lookup (restored, entry->chat_id)))
        {
          chat_entries = g_ptr_array_new ();
          g_hash_table_insert (restored, entry->chat_id, chat_entries);
        }
      g_ptr_array_add (chat_entries, entry);
    }

  g_debug ("Restored %u outbox entries", all->len);

  /* The restored entries go before anything sent while they loaded. */
  for (guint i = all->len; i > 0; i--)
    g_queue_push_head (&self->order, g_ptr_array_index (all, i - 1));

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, restored);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        ChatQueue *cq = outbox_get_chat_queue (self, key);
        GPtrArray *chat_entries = value;

        for (guint i = chat_entries->len; i > 0; i--)
          g_queue_push_head (&cq->queue, g_ptr_array_index (chat_entries, i - 1));
      }
  }

  outbox_pump_all (self);
  g_task_return_boolean (task, TRUE);
}

void
hearth_outbox_load_async (HearthOutbox        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HEARTH_IS_OUTBOX (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_outbox_load_async);

  if (self->load_started || self->stopped)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               self->stopped ? "The outbox was stopped"
                                             : "The outbox was already loaded");
      return;
    }

  self->load_started = TRUE;
  self->loading = TRUE;
  hearth_database_load_outbox_async (hearth_store_get_database (self->store),
                                     cancellable,
                                     load_outbox_cb,
                                     g_steal_pointer (&task));
}

gboolean
hearth_outbox_load_finish (HearthOutbox  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (HEARTH_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

HearthMessage *
hearth_outbox_send (HearthOutbox *self,
                    const char   *chat_id,
                    const char   *content,
                    const char   *reel)
{
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *client_id = NULL;
  HearthUser *me;
  ChatQueue *cq;
  Entry *entry;

  g_return_val_if_fail (HEARTH_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (chat_id != NULL && *chat_id != '\0', NULL);

  client_id = g_uuid_string_random ();
  now = g_date_time_new_now_utc ();
  me = hearth_store_get_me (self->store);

  message = hearth_message_new (NULL, chat_id);
  hearth_message_set_client_id (message, client_id);
  if (me != NULL)
    hearth_message_set_sender (message, me);
  hearth_message_set_content (message, content != NULL ? content : "");
  hearth_message_set_reel (message, reel != NULL && *reel != '\0' ? reel : NULL);
  hearth_message_set_at (message, now);
  hearth_message_set_state (message, HEARTH_MESSAGE_QUEUED);

  /* Stored (memory at once, disk with the next batch) before any network call. */
  outbox_rewrite_if_dirty (self);
  hearth_store_add_pending (self->store, message, 0);

  entry = outbox_add_entry (self, message, 0);
  g_queue_push_tail (&self->order, entry);
  cq = outbox_get_chat_queue (self, chat_id);
  g_queue_push_tail (&cq->queue, entry);

  chat_queue_pump (cq);

  return g_steal_pointer (&message);
}

void
hearth_outbox_retry (HearthOutbox  *self,
                     HearthMessage *message)
{
  ChatQueue *cq;
  Entry *entry;

  g_return_if_fail (HEARTH_IS_OUTBOX (self));
  g_return_if_fail (HEARTH_IS_MESSAGE (message));

  entry = hearth_message_get_client_id (message) != NULL ?
          g_hash_table_lookup (self->entries, hearth_message_get_client_id (message)) : NULL;
  g_return_if_fail (entry != NULL);

  if (hearth_message_get_state (entry->message) != HEARTH_MESSAGE_FAILED)
    return;

  hearth_message_set_state (entry->message, HEARTH_MESSAGE_QUEUED);
  outbox_rewrite_if_dirty (self);
  hearth_store_update_pending (self->store, entry->message, entry->attempts);

  cq = outbox_get_chat_queue (self, entry->chat_id);
  g_queue_push_tail (&cq->queue, entry);
  chat_queue_pump (cq);
}

void
hearth_outbox_flush (HearthOutbox *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (HEARTH_IS_OUTBOX (self));

  if (self->stopped)
    return;

  outbox_rewrite_if_dirty (self);

  g_hash_table_iter_init (&iter, self->chats);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ChatQueue *cq = value;

      g_clear_handle_id (&cq->retry_id, g_source_remove);
      cq->failures = 0;
    }

  outbox_pump_all (self);
}

void
hearth_outbox_stop (HearthOutbox *self)
{
  g_return_if_fail (HEARTH_IS_OUTBOX (self));

  self->stopped = TRUE;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  if (self->chats != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->chats);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          ChatQueue *cq = value;

          g_clear_handle_id (&cq->retry_id, g_source_remove);
          g_clear_handle_id (&cq->kick_id, g_source_remove);
        }
    }
}

guint
hearth_outbox_get_n_pending (HearthOutbox *self)
{
  g_return_val_if_fail (HEARTH_IS_OUTBOX (self), 0);

  return self->entries != NULL ? g_hash_table_size (self->entries) : 0;
}

guint
hearth_outbox_get_attempts (HearthOutbox  *self,
                            HearthMessage *message)
{
  const char *client_id;
  Entry *entry;

  g_return_val_if_fail (HEARTH_IS_OUTBOX (self), 0);
  g_return_val_if_fail (HEARTH_IS_MESSAGE (message), 0);

  client_id = hearth_message_get_client_id (message);
  if (client_id == NULL || self->entries == NULL)
    return 0;

  entry = g_hash_table_lookup (self->entries, client_id);

  return entry != NULL ? entry->attempts : 0;
}

guint
hearth_outbox_get_backoff_base_ms (HearthOutbox *self)
{
  g_return_val_if_fail (HEARTH_IS_OUTBOX (self), 0);

  return self->backoff_base_ms;
}

void
hearth_outbox_set_backoff_base_ms (HearthOutbox *self,
                                   guint         base_ms)
{
  g_return_if_fail (HEARTH_IS_OUTBOX (self));
  g_return_if_fail (base_ms > 0);

  if (self->backoff_base_ms == base_ms)
    return;

  self->backoff_base_ms = base_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKOFF_BASE_MS]);
}

guint
hearth_outbox_get_backoff_max_ms (HearthOutbox *self)
{
  g_return_val_if_fail (HEARTH_IS_OUTBOX (self), 0);

  return self->backoff_max_ms;
}

void
hearth_outbox_set_backoff_max_ms (HearthOutbox *self,
                                  guint         max_ms)
{
  g_return_if_fail (HEARTH_IS_OUTBOX (self));
  g_return_if_fail (max_ms > 0);

  if (self->backoff_max_ms == max_ms)
    return;

  self->backoff_max_ms = max_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKOFF_MAX_MS]);
}
