/* hearth-chat-list.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-chat-list"

#include "config.h"

#include <string.h>

#include "hearth-chat.h"
#include "hearth-chat-list.h"

/*
 * The chats live in a GPtrArray of Entry, sorted by (sort key descending, id ascending). An
 * entry keeps the sort key it was placed with: when resort() is called the chat's
 * "last-activity" has already changed, and the old key is what finds the entry's current
 * position by binary search.
 *
 * Between begin() and end() no items-changed is emitted and get_item/get_n_items serve a
 * snapshot of the order at begin() (with references, so that no address is reused); end()
 * announces the span between
 * the common prefix and the common suffix of the old and the new order: the smallest range
 * containing every change.
 */

typedef struct
{
  HearthChat *chat;
  const char *id;   /* the chat's id (construct-only, lives as long as the chat) */
  gint64      key;  /* last activity in µs since the epoch; G_MININT64 when unknown */
} Entry;

struct _HearthChatList
{
  GObject     parent_instance;

  GPtrArray  *items;     /* Entry, owned */
  GHashTable *by_id;     /* borrowed id -> Entry */

  GPtrArray  *snapshot;  /* HearthChat (owned refs), the order at begin(); NULL outside */
  guint       depth;
};

static void hearth_chat_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HearthChatList, hearth_chat_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      hearth_chat_list_model_iface_init))

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->chat);
  g_free (entry);
}

static gint64
chat_sort_key (HearthChat *chat)
{
  GDateTime *at = hearth_chat_get_last_activity (chat);

  return at != NULL ? g_date_time_to_unix (at) * G_USEC_PER_SEC + g_date_time_get_microsecond (at)
                    : G_MININT64;
}

/* Newest first, then by id: negative when (key_a, id_a) sorts before (key_b, id_b). */
static inline int
compare_keys (gint64      key_a,
              const char *id_a,
              gint64      key_b,
              const char *id_b)
{
  if (key_a != key_b)
    return key_a > key_b ? -1 : 1;

  return strcmp (id_a, id_b);
}

/* The first position whose entry sorts after (key, id). */
static guint
find_insert_position (HearthChatList *self,
                      gint64          key,
                      const char     *id)
{
  guint lo = 0;
  guint hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Entry *entry = g_ptr_array_index (self->items, mid);

      if (compare_keys (entry->key, entry->id, key, id) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* The current position of @entry, found with the key it was placed with. */
static guint
find_position (HearthChatList *self,
               Entry          *entry)
{
  guint lo = 0;
  guint hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Entry *other = g_ptr_array_index (self->items, mid);
      int cmp = compare_keys (other->key, other->id, entry->key, entry->id);

      if (cmp == 0)
        return mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  g_assert_not_reached ();
  return G_MAXUINT;
}

static void
emit_changed (HearthChatList *self,
              guint           position,
              guint           removed,
              guint           added)
{
  /* Inside begin()/end() the snapshot tells at end() what changed. */
  if (self->depth > 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static GType
hearth_chat_list_get_item_type (GListModel *model)
{
  return HEARTH_TYPE_CHAT;
}

/* Between begin() and end() the GListModel side shows the order of begin(): a reader sees
 * exactly what the last items-changed announced, as the GListModel contract requires
 * (a list view asks for items between a change and its announcement). */
static guint
hearth_chat_list_get_n_items (GListModel *model)
{
  HearthChatList *self = HEARTH_CHAT_LIST (model);

  if (self->snapshot != NULL)
    return self->snapshot->len;

  return self->items->len;
}

static gpointer
hearth_chat_list_get_item (GListModel *model,
                           guint       position)
{
  HearthChatList *self = HEARTH_CHAT_LIST (model);
  Entry *entry;

  if (self->snapshot != NULL)
    return position < self->snapshot->len ?
           g_object_ref (g_ptr_array_index (self->snapshot, position)) : NULL;

  if (position >= self->items->len)
    return NULL;

  entry = g_ptr_array_index (self->items, position);
  return g_object_ref (entry->chat);
}

static void
hearth_chat_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hearth_chat_list_get_item_type;
  iface->get_n_items = hearth_chat_list_get_n_items;
  iface->get_item = hearth_chat_list_get_item;
}

static void
hearth_chat_list_dispose (GObject *object)
{
  HearthChatList *self = (HearthChatList *)object;

  g_hash_table_remove_all (self->by_id);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  g_clear_pointer (&self->snapshot, g_ptr_array_unref);

  G_OBJECT_CLASS (hearth_chat_list_parent_class)->dispose (object);
}

static void
hearth_chat_list_finalize (GObject *object)
{
  HearthChatList *self = (HearthChatList *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (hearth_chat_list_parent_class)->finalize (object);
}

static void
hearth_chat_list_class_init (HearthChatListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_chat_list_dispose;
  object_class->finalize = hearth_chat_list_finalize;
}

static void
hearth_chat_list_init (HearthChatList *self)
{
  self->items = g_ptr_array_new_with_free_func (entry_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

HearthChatList *
hearth_chat_list_new (void)
{
  return g_object_new (HEARTH_TYPE_CHAT_LIST, NULL);
}

HearthChat *
hearth_chat_list_lookup (HearthChatList *self,
                         const char     *chat_id)
{
  Entry *entry;

  g_return_val_if_fail (HEARTH_IS_CHAT_LIST (self), NULL);

  if (chat_id == NULL)
    return NULL;

  entry = g_hash_table_lookup (self->by_id, chat_id);
  return entry != NULL ? entry->chat : NULL;
}

gboolean
hearth_chat_list_add (HearthChatList *self,
                      HearthChat     *chat)
{
  Entry *entry;
  guint position;

  g_return_val_if_fail (HEARTH_IS_CHAT_LIST (self), FALSE);
  g_return_val_if_fail (HEARTH_IS_CHAT (chat), FALSE);

  if (g_hash_table_contains (self->by_id, hearth_chat_get_id (chat)))
    return FALSE;

  entry = g_new0 (Entry, 1);
  entry->chat = g_object_ref (chat);
  entry->id = hearth_chat_get_id (chat);
  entry->key = chat_sort_key (chat);

  position = find_insert_position (self, entry->key, entry->id);
  g_ptr_array_insert (self->items, position, entry);
  g_hash_table_insert (self->by_id, (gpointer)entry->id, entry);

  emit_changed (self, position, 0, 1);
  return TRUE;
}

gboolean
hearth_chat_list_remove (HearthChatList *self,
                         const char     *chat_id)
{
  Entry *entry;
  guint position;

  g_return_val_if_fail (HEARTH_IS_CHAT_LIST (self), FALSE);

  if (chat_id == NULL || !(entry = g_hash_table_lookup (self->by_id, chat_id)))
    return FALSE;

  position = find_position (self, entry);
  g_hash_table_remove (self->by_id, entry->id);
  g_ptr_array_remove_index (self->items, position);  /* frees the entry */

  emit_changed (self, position, 1, 0);
  return TRUE;
}

void
hearth_chat_list_resort (HearthChatList *self,
                         HearthChat     *chat)
{
  Entry *entry;
  guint old_position;
  guint new_position;
  gint64 key;

  g_return_if_fail (HEARTH_IS_CHAT_LIST (self));
  g_return_if_fail (HEARTH_IS_CHAT (chat));

  entry = g_hash_table_lookup (self->by_id, hearth_chat_get_id (chat));
  if (entry == NULL || entry->chat != chat)
    return;

  key = chat_sort_key (chat);
  if (key == entry->key)
    return;

  old_position = find_position (self, entry);
  g_ptr_array_steal_index (self->items, old_position);
  entry->key = key;
  new_position = find_insert_position (self, entry->key, entry->id);
  g_ptr_array_insert (self->items, new_position, entry);

  if (new_position != old_position)
    {
      guint first = MIN (old_position, new_position);
      guint n = MAX (old_position, new_position) - first + 1;

      emit_changed (self, first, n, n);
    }
}

void
hearth_chat_list_clear (HearthChatList *self)
{
  guint n;

  g_return_if_fail (HEARTH_IS_CHAT_LIST (self));

  n = self->items->len;
  if (n == 0)
    return;

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->items, 0);

  emit_changed (self, 0, n, 0);
}

void
hearth_chat_list_begin (HearthChatList *self)
{
  g_return_if_fail (HEARTH_IS_CHAT_LIST (self));

  if (self->depth++ > 0)
    return;

  g_assert (self->snapshot == NULL);
  self->snapshot = g_ptr_array_new_full (self->items->len, g_object_unref);
  for (guint i = 0; i < self->items->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->items, i);

      g_ptr_array_add (self->snapshot, g_object_ref (entry->chat));
    }
}

void
hearth_chat_list_end (HearthChatList *self)
{
  g_autoptr(GPtrArray) snapshot = NULL;
  guint old_len;
  guint new_len;
  guint prefix = 0;
  guint suffix = 0;

  g_return_if_fail (HEARTH_IS_CHAT_LIST (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;

  snapshot = g_steal_pointer (&self->snapshot);
  old_len = snapshot->len;
  new_len = self->items->len;

  while (prefix < old_len && prefix < new_len &&
         g_ptr_array_index (snapshot, prefix) ==
         ((Entry *)g_ptr_array_index (self->items, prefix))->chat)
    prefix++;

  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_ptr_array_index (snapshot, old_len - 1 - suffix) ==
         ((Entry *)g_ptr_array_index (self->items, new_len - 1 - suffix))->chat)
    suffix++;

  if (prefix == old_len && prefix == new_len)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                              old_len - prefix - suffix,
                              new_len - prefix - suffix);
}
