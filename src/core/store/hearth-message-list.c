/* hearth-message-list.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-message-list"

#include "config.h"

#include "hearth-api.h"
#include "hearth-database.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-store-private.h"

/*
 * The messages sit in a GPtrArray ordered by time (oldest first; equal times keep the order
 * they came in). @by_id maps both server ids and client ids to the message.
 *
 * Loading an older page: the database first (the page before the oldest loaded message), and
 * when the database page is short, the server (GET ...?before=<oldest server id>). The list is
 * "complete" once the server returns fewer messages than asked for. Callers of
 * load_older_async() that arrive while a load runs wait for the same load.
 */

struct _HearthMessageList
{
  GObject         parent_instance;

  char           *chat_id;
  GPtrArray      *items;       /* HearthMessage, owned */
  GHashTable     *by_id;       /* owned id (server or client) -> borrowed HearthMessage */

  /* owned */
  HearthDatabase *database;
  HearthApi      *api;
  GCancellable   *cancellable;
  GPtrArray      *waiters;     /* GTask waiting for the running load */

  GWeakRef        store;

  guint           page_size;
  guint           op_loaded;   /* messages inserted by the running load */
  guint           loading : 1;
  guint           complete : 1;
  guint           database_exhausted : 1;
};

static void hearth_message_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HearthMessageList, hearth_message_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      hearth_message_list_model_iface_init))

enum {
  PROP_0,
  PROP_CHAT_ID,
  PROP_LOADING,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_server_load (HearthMessageList *self);

/* NULL times sort last (a message without a time is treated as the newest). */
static int
compare_at (GDateTime *a,
            GDateTime *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  return g_date_time_compare (a, b);
}

static GDateTime *
item_at (HearthMessageList *self,
         guint              position)
{
  return hearth_message_get_at (g_ptr_array_index (self->items, position));
}

/* The first position whose message is newer than @at. */
static guint
find_upper_bound (HearthMessageList *self,
                  GDateTime         *at)
{
  guint lo = 0;
  guint hi = self->items->len;

  /* Live messages almost always go at the end. */
  if (hi == 0 || compare_at (item_at (self, hi - 1), at) <= 0)
    return hi;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_at (item_at (self, mid), at) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gboolean
find_message (HearthMessageList *self,
              HearthMessage     *message,
              guint             *position)
{
  for (guint i = self->items->len; i > 0; i--)
    {
      if (g_ptr_array_index (self->items, i - 1) == message)
        {
          *position = i - 1;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_known (HearthMessageList *self,
          HearthMessage     *message)
{
  const char *id = hearth_message_get_id (message);
  const char *client_id = hearth_message_get_client_id (message);

  return (id != NULL && g_hash_table_contains (self->by_id, id)) ||
         (client_id != NULL && g_hash_table_contains (self->by_id, client_id));
}

static void
index_message (HearthMessageList *self,
               HearthMessage     *message)
{
  const char *id = hearth_message_get_id (message);
  const char *client_id = hearth_message_get_client_id (message);

  if (id != NULL)
    g_hash_table_insert (self->by_id, g_strdup (id), message);
  if (client_id != NULL)
    g_hash_table_insert (self->by_id, g_strdup (client_id), message);
}

static void
unindex_message (HearthMessageList *self,
                 HearthMessage     *message)
{
  const char *id = hearth_message_get_id (message);
  const char *client_id = hearth_message_get_client_id (message);

  if (id != NULL && g_hash_table_lookup (self->by_id, id) == message)
    g_hash_table_remove (self->by_id, id);
  if (client_id != NULL && g_hash_table_lookup (self->by_id, client_id) == message)
    g_hash_table_remove (self->by_id, client_id);
}

static void
set_loading (HearthMessageList *self,
             gboolean           loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_complete (HearthMessageList *self,
              gboolean           complete)
{
  if (self->complete == !!complete)
    return;

  self->complete = !!complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

/* Inserts a page (oldest first) of older messages; returns how many were new. */
static guint
insert_page (HearthMessageList *self,
             GPtrArray         *page)
{
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < page->len; i++)
    {
      HearthMessage *message = g_ptr_array_index (page, i);

      if (is_known (self, message))
        continue;

      index_message (self, message);
      g_ptr_array_add (fresh, g_object_ref (message));
    }

  if (fresh->len == 0)
    return 0;

  /* The usual case: the whole page is older than what is loaded. */
  if (self->items->len == 0 ||
      compare_at (hearth_message_get_at (g_ptr_array_index (fresh, fresh->len - 1)),
                  item_at (self, 0)) <= 0)
    {
      GPtrArray *loaded = g_steal_pointer (&self->items);
      guint n = fresh->len;

      self->items = g_steal_pointer (&fresh);
      g_ptr_array_extend_and_steal (self->items, loaded);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n);
      return n;
    }

  /* Pages that overlap live messages (e.g. the first page racing new messages). */
  for (guint i = 0; i < fresh->len; i++)
    {
      HearthMessage *message = g_ptr_array_index (fresh, i);
      guint position = find_upper_bound (self, hearth_message_get_at (message));

      g_ptr_array_insert (self->items, position, g_object_ref (message));
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }

  return fresh->len;
}

static void
finish_load (HearthMessageList *self,
             GError            *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  guint n = self->op_loaded;

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->op_loaded = 0;
  set_loading (self, FALSE);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_int (task, n);
    }
}

static void
server_page_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HearthMessageList) self = user_data;
  g_autoptr(HearthStore) store = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;

  page = hearth_api_list_messages_finish (HEARTH_API (object), result, &error);

  if (page == NULL)
    {
      g_debug ("Could not load older messages of %s: %s", self->chat_id, error->message);
      /* What the database gave still counts. */
      finish_load (self, self->op_loaded > 0 ? NULL : error);
      return;
    }

  if (self->complete)
    {
      /* Cleared (the chat was deleted) while the page was on its way. */
      finish_load (self, NULL);
      return;
    }

  if (page->len < self->page_size)
    set_complete (self, TRUE);

  if ((store = g_weak_ref_get (&self->store)))
    _hearth_store_merge_page (store, self->chat_id, page, TRUE);

  self->op_loaded += insert_page (self, page);
  finish_load (self, NULL);
}

static void
start_server_load (HearthMessageList *self)
{
  const char *before = NULL;

  if (self->api == NULL)
    {
      set_complete (self, TRUE);
      finish_load (self, NULL);
      return;
    }

  for (guint i = 0; i < self->items->len && before == NULL; i++)
    {
      HearthMessage *message = g_ptr_array_index (self->items, i);

      /* Lines about the membership have local ids the server does not know. */
      if (hearth_message_get_state (message) == HEARTH_MESSAGE_SENT &&
          !hearth_message_is_system (message))
        before = hearth_message_get_id (message);
    }

  hearth_api_list_messages_async (self->api, self->chat_id, before, NULL, self->page_size,
                                  self->cancellable, server_page_cb, g_object_ref (self));
}

static void
database_page_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HearthMessageList) self = user_data;
  g_autoptr(HearthStore) store = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean full;

  page = hearth_database_load_messages_finish (HEARTH_DATABASE (object), result, &error);

  if (page == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          finish_load (self, error);
          return;
        }

      g_debug ("Could not load cached messages of %s: %s", self->chat_id, error->message);
      page = g_ptr_array_new_with_free_func (g_object_unref);
    }

  if (self->complete)
    {
      finish_load (self, NULL);
      return;
    }

  full = page->len >= self->page_size;
  if (!full)
    self->database_exhausted = TRUE;

  if ((store = g_weak_ref_get (&self->store)))
    _hearth_store_merge_page (store, self->chat_id, page, FALSE);

  self->op_loaded += insert_page (self, page);

  if (full)
    finish_load (self, NULL);
  else
    start_server_load (self);
}

static void
start_load (HearthMessageList *self)
{
  GDateTime *before_at = NULL;
  const char *before_key = NULL;

  g_assert (!self->loading);

  set_loading (self, TRUE);
  self->op_loaded = 0;

  if (self->database == NULL || self->database_exhausted)
    {
      start_server_load (self);
      return;
    }

  if (self->items->len > 0)
    {
      HearthMessage *oldest = g_ptr_array_index (self->items, 0);

      before_at = hearth_message_get_at (oldest);
      before_key = hearth_message_get_id (oldest);
      if (before_key == NULL)
        before_key = hearth_message_get_client_id (oldest);
    }

  hearth_database_load_messages_async (self->database, self->chat_id, before_at, before_key,
                                       self->page_size, self->cancellable,
                                       database_page_cb, g_object_ref (self));
}

static GType
hearth_message_list_get_item_type (GListModel *model)
{
  return HEARTH_TYPE_MESSAGE;
}

static guint
hearth_message_list_get_n_items (GListModel *model)
{
  return HEARTH_MESSAGE_LIST (model)->items->len;
}

static gpointer
hearth_message_list_get_item (GListModel *model,
                              guint       position)
{
  HearthMessageList *self = HEARTH_MESSAGE_LIST (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position))
                                     : NULL;
}

static void
hearth_message_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hearth_message_list_get_item_type;
  iface->get_n_items = hearth_message_list_get_n_items;
  iface->get_item = hearth_message_list_get_item;
}

static void
hearth_message_list_dispose (GObject *object)
{
  HearthMessageList *self = (HearthMessageList *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->api);
  g_weak_ref_set (&self->store, NULL);

  G_OBJECT_CLASS (hearth_message_list_parent_class)->dispose (object);
}

static void
hearth_message_list_finalize (GObject *object)
{
  HearthMessageList *self = (HearthMessageList *)object;

  g_clear_pointer (&self->chat_id, g_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_weak_ref_clear (&self->store);

  G_OBJECT_CLASS (hearth_message_list_parent_class)->finalize (object);
}

static void
hearth_message_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HearthMessageList *self = HEARTH_MESSAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_CHAT_ID:
      g_value_set_string (value, self->chat_id);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_message_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HearthMessageList *self = HEARTH_MESSAGE_LIST (object);

  switch (prop_id)
    {
    case PROP_CHAT_ID:
      self->chat_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_message_list_class_init (HearthMessageListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_message_list_dispose;
  object_class->finalize = hearth_message_list_finalize;
  object_class->get_property = hearth_message_list_get_property;
  object_class->set_property = hearth_message_list_set_property;

  properties[PROP_CHAT_ID] =
    g_param_spec_string ("chat-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_message_list_init (HearthMessageList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->page_size = HEARTH_MESSAGE_LIST_PAGE_SIZE;
  g_weak_ref_init (&self->store, NULL);
}

HearthMessageList *
_hearth_message_list_new (HearthStore    *store,
                          HearthDatabase *database,
                          HearthApi      *api,
                          const char     *chat_id,
                          guint           page_size)
{
  HearthMessageList *self;

  g_return_val_if_fail (!store || HEARTH_IS_STORE (store), NULL);
  g_return_val_if_fail (!database || HEARTH_IS_DATABASE (database), NULL);
  g_return_val_if_fail (!api || HEARTH_IS_API (api), NULL);
  g_return_val_if_fail (chat_id != NULL, NULL);

  self = g_object_new (HEARTH_TYPE_MESSAGE_LIST,
                       "chat-id", chat_id,
                       NULL);
  g_weak_ref_set (&self->store, store);
  g_set_object (&self->database, database);
  g_set_object (&self->api, api);
  self->page_size = page_size > 0 ? page_size : HEARTH_MESSAGE_LIST_PAGE_SIZE;

  return self;
}

gboolean
_hearth_message_list_add (HearthMessageList *self,
                          HearthMessage     *message)
{
  guint position;

  g_return_val_if_fail (HEARTH_IS_MESSAGE_LIST (self), FALSE);
  g_return_val_if_fail (HEARTH_IS_MESSAGE (message), FALSE);

  if (is_known (self, message))
    return FALSE;

  position = find_upper_bound (self, hearth_message_get_at (message));
  g_ptr_array_insert (self->items, position, g_object_ref (message));
  index_message (self, message);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);

  return TRUE;
}

gboolean
_hearth_message_list_remove (HearthMessageList *self,
                             HearthMessage     *message)
{
  guint position;

  g_return_val_if_fail (HEARTH_IS_MESSAGE_LIST (self), FALSE);
  g_return_val_if_fail (HEARTH_IS_MESSAGE (message), FALSE);

  if (!find_message (self, message, &position))
    return FALSE;

  unindex_message (self, message);
  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);

  return TRUE;
}

void
_hearth_message_list_reindex (HearthMessageList *self,
                              HearthMessage     *message)
{
  HearthMessage *other;
  const char *id;
  guint position;
  guint target;
  gboolean in_order;

  g_return_if_fail (HEARTH_IS_MESSAGE_LIST (self));
  g_return_if_fail (HEARTH_IS_MESSAGE (message));

  if (!find_message (self, message, &position))
    return;

  /* Another object with the same server id (an echo merged before the pending row got its
   * id) would be a second row for one message: the pending object wins. */
  id = hearth_message_get_id (message);
  if (id != NULL &&
      (other = g_hash_table_lookup (self->by_id, id)) != NULL &&
      other != message)
    {
      _hearth_message_list_remove (self, other);
      if (!find_message (self, message, &position))
        g_assert_not_reached ();
    }

  index_message (self, message);

  in_order = (position == 0 ||
              compare_at (item_at (self, position - 1), hearth_message_get_at (message)) <= 0) &&
             (position + 1 == self->items->len ||
              compare_at (hearth_message_get_at (message), item_at (self, position + 1)) <= 0);
  if (in_order)
    return;

  g_ptr_array_steal_index (self->items, position);
  target = find_upper_bound (self, hearth_message_get_at (message));
  g_ptr_array_insert (self->items, target, message);

  {
    guint first = MIN (position, target);
    guint n = MAX (position, target) - first + 1;

    g_list_model_items_changed (G_LIST_MODEL (self), first, n, n);
  }
}

void
_hearth_message_list_clear (HearthMessageList *self)
{
  guint n;

  g_return_if_fail (HEARTH_IS_MESSAGE_LIST (self));

  set_complete (self, TRUE);

  n = self->items->len;
  if (n == 0)
    return;

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->items, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
}

const char *
hearth_message_list_get_chat_id (HearthMessageList *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE_LIST (self), NULL);

  return self->chat_id;
}

gboolean
hearth_message_list_get_loading (HearthMessageList *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE_LIST (self), FALSE);

  return self->loading;
}

gboolean
hearth_message_list_get_complete (HearthMessageList *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE_LIST (self), FALSE);

  return self->complete;
}

void
hearth_message_list_load_older_async (HearthMessageList   *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HEARTH_IS_MESSAGE_LIST (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_message_list_load_older_async);

  if (self->complete && !self->loading)
    {
      g_task_return_int (task, 0);
      return;
    }

  g_ptr_array_add (self->waiters, g_steal_pointer (&task));

  if (!self->loading)
    start_load (self);
}

gboolean
hearth_message_list_load_older_finish (HearthMessageList  *self,
                                       GAsyncResult       *result,
                                       guint              *n_loaded,
                                       GError            **error)
{
  gssize n;

  g_return_val_if_fail (HEARTH_IS_MESSAGE_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;

  if (n_loaded != NULL)
    *n_loaded = (guint)n;

  return TRUE;
}

HearthMessage *
hearth_message_list_lookup (HearthMessageList *self,
                            const char        *id)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE_LIST (self), NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_id, id);
}

HearthMessage *
hearth_message_list_get_newest_sent (HearthMessageList *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE_LIST (self), NULL);

  for (guint i = self->items->len; i > 0; i--)
    {
      HearthMessage *message = g_ptr_array_index (self->items, i - 1);

      if (hearth_message_get_id (message) != NULL &&
          hearth_message_get_state (message) == HEARTH_MESSAGE_SENT &&
          !hearth_message_is_system (message))
        return message;
    }

  return NULL;
}
