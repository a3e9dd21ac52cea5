/* test-chat-list.c: HearthChatList ordering and items-changed coalescing
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "hearth-chat.h"
#include "hearth-chat-list.h"
#include "hearth-message.h"

/* A mirror of the model kept only through items-changed: if the signals are right, the mirror
 * equals the model after every change. */
typedef struct
{
  HearthChatList *list;
  GPtrArray      *mirror;   /* HearthChat, owned */
  guint           n_signals;
  guint           last_position;
  guint           last_removed;
  guint           last_added;
} Watch;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Watch      *w)
{
  g_assert_cmpuint (position + removed, <=, w->mirror->len);
  g_assert_true (removed > 0 || added > 0);

  g_ptr_array_remove_range (w->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (w->mirror, position + i, g_list_model_get_item (model, position + i));

  w->n_signals++;
  w->last_position = position;
  w->last_removed = removed;
  w->last_added = added;
}

static void
watch_init (Watch *w)
{
  w->list = hearth_chat_list_new ();
  w->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (w->list, "items-changed", G_CALLBACK (on_items_changed_cb), w);
}

static void
watch_clear (Watch *w)
{
  g_ptr_array_unref (w->mirror);
  g_assert_finalize_object (w->list);
}

static void
assert_mirror (Watch *w)
{
  GListModel *model = G_LIST_MODEL (w->list);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, w->mirror->len);
  for (guint i = 0; i < w->mirror->len; i++)
    {
      g_autoptr(HearthChat) chat = g_list_model_get_item (model, i);

      g_assert_true (chat == g_ptr_array_index (w->mirror, i));
    }
}

static HearthChat *
chat_at_time (const char *id,
              gint64      unix_seconds)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (unix_seconds);
  HearthChat *chat = hearth_chat_new (id);

  hearth_chat_set_created_at (chat, at);
  return chat;
}

static const char *
id_at (HearthChatList *list,
       guint           position)
{
  g_autoptr(HearthChat) chat = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (chat);
  return hearth_chat_get_id (chat);  /* the list keeps the chat alive */
}

static void
set_time (HearthChat *chat,
          gint64      unix_seconds)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (unix_seconds);

  hearth_chat_set_created_at (chat, at);
}

static void
test_chat_list_order (void)
{
  Watch w = { 0 };
  g_autoptr(HearthChat) a = chat_at_time ("a", 100);
  g_autoptr(HearthChat) b = chat_at_time ("b", 300);
  g_autoptr(HearthChat) c = chat_at_time ("c", 200);
  g_autoptr(HearthChat) d = chat_at_time ("d", 200);
  g_autoptr(HearthChat) again = chat_at_time ("a", 999);

  watch_init (&w);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (w.list)) == HEARTH_TYPE_CHAT);

  g_assert_true (hearth_chat_list_add (w.list, a));
  g_assert_cmpuint (w.last_position, ==, 0);
  g_assert_true (hearth_chat_list_add (w.list, b));
  g_assert_cmpuint (w.last_position, ==, 0);
  g_assert_true (hearth_chat_list_add (w.list, d));
  g_assert_cmpuint (w.last_position, ==, 1);
  /* Same time as d: ties by id, so c goes before d. */
  g_assert_true (hearth_chat_list_add (w.list, c));
  g_assert_cmpuint (w.last_position, ==, 1);
  g_assert_cmpuint (w.n_signals, ==, 4);

  /* An id already listed is not added twice. */
  g_assert_false (hearth_chat_list_add (w.list, again));
  g_assert_cmpuint (w.n_signals, ==, 4);

  g_assert_cmpstr (id_at (w.list, 0), ==, "b");
  g_assert_cmpstr (id_at (w.list, 1), ==, "c");
  g_assert_cmpstr (id_at (w.list, 2), ==, "d");
  g_assert_cmpstr (id_at (w.list, 3), ==, "a");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (w.list), 4));
  assert_mirror (&w);

  g_assert_true (hearth_chat_list_lookup (w.list, "c") == c);
  g_assert_null (hearth_chat_list_lookup (w.list, "zz"));
  g_assert_null (hearth_chat_list_lookup (w.list, NULL));

  /* a becomes the newest: one move from 3 to 0 */
  set_time (a, 400);
  hearth_chat_list_resort (w.list, a);
  g_assert_cmpuint (w.n_signals, ==, 5);
  g_assert_cmpuint (w.last_position, ==, 0);
  g_assert_cmpuint (w.last_removed, ==, 4);
  g_assert_cmpuint (w.last_added, ==, 4);
  g_assert_cmpstr (id_at (w.list, 0), ==, "a");
  assert_mirror (&w);

  /* A new time that keeps the place: no signal. */
  set_time (a, 500);
  hearth_chat_list_resort (w.list, a);
  g_assert_cmpuint (w.n_signals, ==, 5);

  /* Re-sorting a chat that is not listed (or another object with a listed id) is a no-op. */
  hearth_chat_list_resort (w.list, again);
  g_assert_cmpuint (w.n_signals, ==, 5);

  /* d moves down by one: the range covers both places. */
  set_time (d, 250);
  hearth_chat_list_resort (w.list, d);
  set_time (d, 150);
  hearth_chat_list_resort (w.list, d);
  g_assert_cmpuint (w.last_position, ==, 2);
  g_assert_cmpuint (w.last_removed, ==, 2);
  g_assert_cmpstr (id_at (w.list, 2), ==, "c");
  g_assert_cmpstr (id_at (w.list, 3), ==, "d");
  assert_mirror (&w);

  g_assert_true (hearth_chat_list_remove (w.list, "b"));
  g_assert_cmpuint (w.last_position, ==, 1);
  g_assert_cmpuint (w.last_removed, ==, 1);
  g_assert_false (hearth_chat_list_remove (w.list, "b"));
  g_assert_null (hearth_chat_list_lookup (w.list, "b"));
  assert_mirror (&w);

  hearth_chat_list_clear (w.list);
  g_assert_cmpuint (w.last_removed, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (w.list)), ==, 0);
  assert_mirror (&w);

  watch_clear (&w);
}

static void
test_chat_list_last_message (void)
{
  g_autoptr(HearthChatList) list = hearth_chat_list_new ();
  g_autoptr(HearthChat) a = chat_at_time ("a", 100);
  g_autoptr(HearthChat) b = chat_at_time ("b", 200);
  g_autoptr(HearthMessage) message = hearth_message_new ("m1", "a");
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (300);

  hearth_chat_list_add (list, a);
  hearth_chat_list_add (list, b);
  g_assert_cmpstr (id_at (list, 0), ==, "b");

  /* The last message's time is the sort key when there is one. */
  hearth_message_set_at (message, at);
  hearth_chat_set_last_message (a, message);
  hearth_chat_list_resort (list, a);
  g_assert_cmpstr (id_at (list, 0), ==, "a");
}

static void
test_chat_list_coalesce (void)
{
  Watch w = { 0 };
  g_autoptr(GPtrArray) chats = g_ptr_array_new_with_free_func (g_object_unref);

  watch_init (&w);

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);

      g_ptr_array_add (chats, chat_at_time (id, 1000 - i * 10));
      hearth_chat_list_add (w.list, g_ptr_array_index (chats, i));
    }
  g_assert_cmpuint (w.n_signals, ==, 10);
  assert_mirror (&w);

  /* Nothing changes: no signal at all. */
  hearth_chat_list_begin (w.list);
  hearth_chat_list_end (w.list);
  g_assert_cmpuint (w.n_signals, ==, 10);

  /* A move there and back again: nothing to announce. */
  hearth_chat_list_begin (w.list);
  set_time (g_ptr_array_index (chats, 5), 2000);
  hearth_chat_list_resort (w.list, g_ptr_array_index (chats, 5));
  set_time (g_ptr_array_index (chats, 5), 950);
  hearth_chat_list_resort (w.list, g_ptr_array_index (chats, 5));
  hearth_chat_list_end (w.list);
  g_assert_cmpuint (w.n_signals, ==, 10);

  /* c7 and c4 move up by one each, c2 goes: positions 2..7 change; nested pairs count once. */
  hearth_chat_list_begin (w.list);
  hearth_chat_list_begin (w.list);
  set_time (g_ptr_array_index (chats, 7), 945);
  hearth_chat_list_resort (w.list, g_ptr_array_index (chats, 7));
  hearth_chat_list_end (w.list);
  set_time (g_ptr_array_index (chats, 4), 975);
  hearth_chat_list_resort (w.list, g_ptr_array_index (chats, 4));
  hearth_chat_list_remove (w.list, "c2");
  g_assert_cmpuint (w.n_signals, ==, 10);
  /* Inside the pair readers still see what was announced (the GListModel contract): the
   * removed c2 included; lookups by id already know the new state. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (w.list)), ==, 10);
  {
    g_autoptr(HearthChat) still = g_list_model_get_item (G_LIST_MODEL (w.list), 2);

    g_assert_true (still == g_ptr_array_index (chats, 2));
  }
  g_assert_null (hearth_chat_list_lookup (w.list, "c2"));
  hearth_chat_list_end (w.list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (w.list)), ==, 9);

  g_assert_cmpuint (w.n_signals, ==, 11);
  g_assert_cmpuint (w.last_position, ==, 2);
  g_assert_cmpuint (w.last_removed, ==, 6);
  g_assert_cmpuint (w.last_added, ==, 5);
  assert_mirror (&w);

  /* Removing and adding the same chat object at the same place is not a change. */
  hearth_chat_list_begin (w.list);
  hearth_chat_list_remove (w.list, "c9");
  hearth_chat_list_add (w.list, g_ptr_array_index (chats, 9));
  hearth_chat_list_end (w.list);
  g_assert_cmpuint (w.n_signals, ==, 11);

  /* Clearing and adding one back inside a pair: one signal over the whole list. */
  hearth_chat_list_begin (w.list);
  hearth_chat_list_clear (w.list);
  hearth_chat_list_add (w.list, g_ptr_array_index (chats, 0));
  hearth_chat_list_end (w.list);
  g_assert_cmpuint (w.n_signals, ==, 12);
  g_assert_cmpuint (w.last_position, ==, 1);
  g_assert_cmpuint (w.last_removed, ==, 8);
  g_assert_cmpuint (w.last_added, ==, 0);
  assert_mirror (&w);

  g_clear_pointer (&chats, g_ptr_array_unref);
  watch_clear (&w);
}

/* Property test {{{ */

typedef struct
{
  HearthChat *chat;
  gint64      key;
} RefEntry;

static int
compare_ref (gconstpointer a,
             gconstpointer b)
{
  const RefEntry *x = a;
  const RefEntry *y = b;

  if (x->key != y->key)
    return x->key > y->key ? -1 : 1;

  return strcmp (hearth_chat_get_id (x->chat), hearth_chat_get_id (y->chat));
}

/* The reference: every listed chat with the time it was given, sorted from scratch. */
static void
assert_sorted_like_reference (HearthChatList *list,
                              GHashTable     *reference)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (RefEntry));
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, reference);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RefEntry entry = { key, *(gint64 *)value };

      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_ref);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, entries->len);
  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(HearthChat) chat = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (chat == g_array_index (entries, RefEntry, i).chat);
      g_assert_true (hearth_chat_list_lookup (list, hearth_chat_get_id (chat)) == chat);
    }
}

/* A random chat of the list's current state (the reference: inside a batch the model still
 * serves the state of begin()). */
static HearthChat *
pick_member (GHashTable *reference,
             GRand      *rand)
{
  guint k = (guint) g_rand_int_range (rand, 0, (gint32) g_hash_table_size (reference));
  GHashTableIter iter;
  gpointer chat;

  g_hash_table_iter_init (&iter, reference);
  while (g_hash_table_iter_next (&iter, &chat, NULL))
    if (k-- == 0)
      return g_object_ref (chat);

  g_assert_not_reached ();
  return NULL;
}

static void
test_chat_list_property (void)
{
  Watch w = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260314);
  g_autoptr(GHashTable) reference = NULL;  /* HearthChat -> gint64 (seconds) */
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  guint next_id = 0;
  guint n_batches = 0;

  reference = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  watch_init (&w);

  for (guint step = 0; step < 1000; step++)
    {
      g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
      gboolean batch = g_rand_int_range (rand, 0, 4) == 0;
      guint n_ops = batch ? (guint)g_rand_int_range (rand, 0, 12) : 1;
      guint signals_before = w.n_signals;

      for (guint i = 0; i < w.mirror->len; i++)
        g_ptr_array_add (before, g_object_ref (g_ptr_array_index (w.mirror, i)));

      if (batch)
        hearth_chat_list_begin (w.list);

      for (guint op = 0; op < n_ops; op++)
        {
          guint n = g_hash_table_size (reference);
          int what = g_rand_int_range (rand, 0, 10);

          if (n == 0 || what < 3)
            {
              /* add: a new chat, or one removed earlier (same object back) */
              HearthChat *chat;
              gint64 *time = g_new (gint64, 1);

              /* Few distinct times, so that ties by id matter. */
              *time = g_rand_int_range (rand, 0, 40);
              if (all->len > 0 && g_rand_boolean (rand))
                chat = g_ptr_array_index (all, g_rand_int_range (rand, 0, all->len));
              else
                {
                  g_autofree char *id = g_strdup_printf ("chat-%03u", next_id++);

                  chat = hearth_chat_new (id);
                  g_ptr_array_add (all, chat);
                }

              if (g_hash_table_contains (reference, chat))
                {
                  g_assert_false (hearth_chat_list_add (w.list, chat));
                  g_free (time);
                  continue;
                }

              set_time (chat, *time);
              g_assert_true (hearth_chat_list_add (w.list, chat));
              g_hash_table_insert (reference, chat, time);
            }
          else if (what < 5)
            {
              /* remove */
              g_autoptr(HearthChat) chat = pick_member (reference, rand);

              g_assert_true (hearth_chat_list_remove (w.list, hearth_chat_get_id (chat)));
              g_hash_table_remove (reference, chat);
            }
          else if (what < 6 && batch)
            {
              /* clear (rare, inside batches only, to keep the list populated) */
              if (g_rand_int_range (rand, 0, 8) != 0)
                continue;
              hearth_chat_list_clear (w.list);
              g_hash_table_remove_all (reference);
            }
          else
            {
              /* new activity, sometimes twice before the resort */
              g_autoptr(HearthChat) chat = pick_member (reference, rand);
              gint64 *time = g_hash_table_lookup (reference, chat);

              *time = g_rand_int_range (rand, 0, 40);
              set_time (chat, *time);
              if (g_rand_boolean (rand))
                {
                  *time = g_rand_int_range (rand, 0, 40);
                  set_time (chat, *time);
                }
              hearth_chat_list_resort (w.list, chat);
            }
        }

      if (batch)
        {
          g_assert_cmpuint (w.n_signals, ==, signals_before);
          hearth_chat_list_end (w.list);
          n_batches++;
        }

      assert_sorted_like_reference (w.list, reference);
      assert_mirror (&w);

      if (batch)
        {
          guint old_len = before->len;
          guint new_len = w.mirror->len;
          guint prefix = 0;
          guint suffix = 0;

          /* ONE signal, over the smallest range: from the first to the last difference. */
          while (prefix < old_len && prefix < new_len &&
                 before->pdata[prefix] == w.mirror->pdata[prefix])
            prefix++;
          while (suffix < old_len - prefix && suffix < new_len - prefix &&
                 before->pdata[old_len - 1 - suffix] == w.mirror->pdata[new_len - 1 - suffix])
            suffix++;

          if (prefix == old_len && prefix == new_len)
            g_assert_cmpuint (w.n_signals, ==, signals_before);
          else
            {
              g_assert_cmpuint (w.n_signals, ==, signals_before + 1);
              g_assert_cmpuint (w.last_position, ==, prefix);
              g_assert_cmpuint (w.last_removed, ==, old_len - prefix - suffix);
              g_assert_cmpuint (w.last_added, ==, new_len - prefix - suffix);
            }
        }
      else
        g_assert_cmpuint (w.n_signals, <=, signals_before + 1);
    }

  g_assert_cmpuint (n_batches, >, 100);
  g_clear_pointer (&reference, g_hash_table_unref);
  g_clear_pointer (&all, g_ptr_array_unref);
  watch_clear (&w);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/ChatList/order", test_chat_list_order);
  g_test_add_func ("/Hearth/ChatList/last-message", test_chat_list_last_message);
  g_test_add_func ("/Hearth/ChatList/coalesce", test_chat_list_coalesce);
  g_test_add_func ("/Hearth/ChatList/property", test_chat_list_property);

  return g_test_run ();
}
