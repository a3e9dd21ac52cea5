/* bench-cache.c: cache benchmark (run by build-aux/bench, not a test)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-cache generate --db PATH [--chats 500] [--messages 200000]
 *       writes a database through the HearthDatabase batch API: --chats chats (1:1 and groups)
 *       of 100 users, and --messages messages, a tenth of them in the largest chat.
 *   bench-cache load --db PATH
 *       in a fresh process, what a start-up does: open the file, load the chat list through
 *       HearthStore and the first page of the largest chat through HearthMessageList, timed
 *       with g_get_monotonic_time(); prints one line
 *         RESULT phase=load total_ms=T open_ms=O chats_ms=C page_ms=P chats=N page=M max_rss_kb=K
 *
 * It never asserts: problems are printed and make the exit status non-zero.
 */

#define G_LOG_DOMAIN "bench-cache"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-database.h"
#include "hearth-event-bus.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-store.h"
#include "hearth-user.h"

#define N_USERS          100
#define LARGEST_SHARE    10      /* the largest chat holds 1/10 of the messages */
#define GROUP_EVERY      8       /* every 8th chat is a group */
#define MESSAGES_PER_TX  5000
#define PAGE_SIZE        50
/* "now" of the generated history: 2026-03-01T12:00:00Z */
#define HISTORY_END      G_GINT64_CONSTANT (1772366400)

static const char * const first_names[] = {
  "Alex", "Raj", "Ana", "Mia", "Noah", "Lena", "Omar", "Yuki", "Ines", "Tom",
};
static const char * const last_names[] = {
  "Morgan", "Kumar", "Lima", "Novak", "Okafor", "Berg", "Haddad", "Sato", "Costa", "Reed",
};
static const char * const phrases[] = {
  "Are we still on for Saturday?",
  "Just finished the 10k loop along the river, legs are jelly but the sunrise was worth it.",
  "Can you send me the recipe for that lentil soup?",
  "I booked the cabin for the long weekend, apparently there is no phone signal at all.",
  "Running ten minutes late, order me a coffee?",
  "Did you see the meteor shower last night? We counted eleven before the clouds came.",
  "Meditation streak is at 21 days!",
  "Could we move our call to Thursday? Something came up at work and I need the afternoon.",
  "Happy birthday!!! Hope the day is full of cake and sunshine.",
  "Grocery list: tomatoes, basil, mozzarella, the good bread.",
  "Our book club picked a 700-page novel for next month, so I guess I live at the library now.",
  "Weather says rain all week, indoor bouldering on Tuesday?",
  "ok",
  "haha yes",
  "The new yoga teacher is great, she explains every pose twice and never rushes anyone.",
  "Sent you the photos from the hike, the one with the goat is my favourite.",
};

typedef struct
{
  GAsyncResult *result;
} Waiter;

/* Peak RSS of this process in KiB: VmHWM, as ru_maxrss also counts the RSS the parent had
 * when it forked (Linux keeps the larger across exec). */
static int
max_rss_kb (void)
{
  g_autofree char *status = NULL;
  struct rusage usage;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nVmHWM:")) != NULL)
    return (int)g_ascii_strtoll (line + strlen ("\nVmHWM:"), NULL, 10);

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;

  return (int)usage.ru_maxrss;
}

static void
on_async_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static GAsyncResult *
wait_result (Waiter *waiter)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (waiter->result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  if (waiter->result == NULL)
    {
      g_printerr ("bench-cache: an async call did not complete within 120 s\n");
      exit (EXIT_FAILURE);
    }

  return waiter->result;
}

/* Object-id-like ids, the same in both phases. */
static char *
user_id (guint i)
{
  return g_strdup_printf ("65f00000aaaa%012x", i);
}

static char *
chat_id (guint i)
{
  return g_strdup_printf ("65f00000cccc%012x", i);
}

static char *
message_id (guint64 i)
{
  return g_strdup_printf ("65f00000eeee%012" G_GINT64_MODIFIER "x", i);
}

/* Messages of chat @i: the largest chat (0) gets a tenth, the rest share the others. */
static guint
chat_size (guint i,
           guint n_chats,
           guint n_messages)
{
  guint largest = n_chats > 1 ? n_messages / LARGEST_SHARE : n_messages;
  guint rest = n_messages - largest;

  if (i == 0)
    return largest;

  return rest / (n_chats - 1) + ((i - 1) < rest % (n_chats - 1) ? 1 : 0);
}

static gboolean
write_batch (HearthDatabase  *database,
             HearthDbBatch  **batch)
{
  g_autoptr(HearthDbBatch) full = g_steal_pointer (batch);
  g_autoptr(GError) error = NULL;
  Waiter waiter = { NULL, };
  gboolean ok;

  *batch = hearth_db_batch_new ();
  hearth_database_write_async (database, full, NULL, on_async_ready, &waiter);
  ok = hearth_database_write_finish (database, wait_result (&waiter), &error);
  g_clear_object (&waiter.result);
  if (!ok)
    g_printerr ("bench-cache: write failed: %s\n", error->message);

  return ok;
}

static int
generate (const char *path,
          guint       n_chats,
          guint       n_messages)
{
  g_autoptr(HearthDatabase) database = NULL;
  g_autoptr(HearthDbBatch) batch = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *me_id = user_id (0);
  gint64 start = g_get_monotonic_time ();
  guint64 next_message = 0;
  guint in_batch = 0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-cache: %s exists; generate writes a new file\n", path);
      return EXIT_FAILURE;
    }

  if (!(database = hearth_database_new (path, &error)))
    {
      g_printerr ("bench-cache: %s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < N_USERS; i++)
    {
      g_autofree char *id = user_id (i);
      g_autofree char *name = g_strdup_printf ("%s %s",
                                               first_names[i % G_N_ELEMENTS (first_names)],
                                               last_names[(i / G_N_ELEMENTS (first_names)) %
                                                          G_N_ELEMENTS (last_names)]);
      g_autofree char *username = g_ascii_strdown (name, -1);
      HearthUser *user = hearth_user_new (id);

      g_strdelimit (username, " ", '.');
      hearth_user_set_name (user, name);
      hearth_user_set_username (user, username);
      g_ptr_array_add (users, user);
    }

  batch = hearth_db_batch_new ();
  for (guint i = 0; i < N_USERS; i++)
    hearth_db_batch_put_user (batch, g_ptr_array_index (users, i));

  for (guint c = 0; c < n_chats; c++)
    {
      g_autoptr(HearthChat) chat = NULL;
      g_autoptr(GDateTime) created = NULL;
      g_autofree char *id = chat_id (c);
      HearthUser *members[5];
      guint n_members = 1;
      guint size = chat_size (c, n_chats, n_messages);
      /* Chats end at different times: the list has an order to keep. */
      gint64 end = HISTORY_END - (gint64)c * 37 * 60;
      gint64 step = size > 0 ? MAX (1, (90 * 24 * 3600) / size) : 60;

      members[0] = g_ptr_array_index (users, 0);
      if (c % GROUP_EVERY == 0)
        {
          for (guint k = 1; k < 5; k++)
            members[n_members++] = g_ptr_array_index (users, 1 + (c + k * 7) % (N_USERS - 1));
        }
      else
        {
          members[n_members++] = g_ptr_array_index (users, 1 + c % (N_USERS - 1));
        }

      chat = hearth_chat_new (id);
      hearth_chat_set_me_id (chat, me_id);
      if (c % GROUP_EVERY == 0)
        {
          g_autofree char *name = g_strdup_printf ("Group %u", c / GROUP_EVERY + 1);

          hearth_chat_set_name (chat, name);
          hearth_chat_set_admin (chat, members[1]);
        }
      hearth_chat_set_participants (chat, members, n_members);
      created = g_date_time_new_from_unix_utc (end - (gint64)size * step - 3600);
      hearth_chat_set_created_at (chat, created);
      hearth_chat_set_unread (chat, c % 5 == 0 ? c % 7 : 0);
      hearth_db_batch_put_chat (batch, chat);

      for (guint m = 0; m < size; m++)
        {
          g_autoptr(HearthMessage) message = NULL;
          g_autoptr(GDateTime) at = NULL;
          g_autofree char *mid = message_id (next_message);
          g_autofree char *content = NULL;
          HearthUser *sender = members[(m * 7 + c) % n_members];
          const char *phrase = phrases[(next_message * 31 + m) % G_N_ELEMENTS (phrases)];

          content = (m % 3 == 0) ? g_strdup_printf ("%s (%u)", phrase, m) : g_strdup (phrase);
          at = g_date_time_new_from_unix_utc (end - (gint64)(size - 1 - m) * step);

          message = hearth_message_new (mid, id);
          hearth_message_set_sender (message, sender);
          hearth_message_set_sender_id (message, hearth_user_get_id (sender));
          hearth_message_set_content (message, content);
          hearth_message_set_at (message, at);
          hearth_message_set_state (message, HEARTH_MESSAGE_SENT);
          hearth_db_batch_put_message (batch, message);
          next_message++;

          if (++in_batch == MESSAGES_PER_TX)
            {
              if (!write_batch (database, &batch))
                return EXIT_FAILURE;
              in_batch = 0;
            }
        }
    }

  if (!hearth_db_batch_is_empty (batch) && !write_batch (database, &batch))
    return EXIT_FAILURE;

  hearth_database_sync (database);
  hearth_database_close (database);

  g_print ("RESULT phase=generate chats=%u messages=%" G_GUINT64_FORMAT " seconds=%.1f\n",
           n_chats, next_message, (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC);

  return EXIT_SUCCESS;
}

static int
load (const char *path)
{
  g_autoptr(HearthDatabase) database = NULL;
  g_autoptr(HearthApi) api = NULL;
  g_autoptr(HearthUser) me = NULL;
  g_autoptr(HearthEventBus) bus = NULL;
  g_autoptr(HearthStore) store = NULL;
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *me_id = user_id (0);
  g_autofree char *largest = chat_id (0);
  Waiter waiter = { NULL, };
  gint64 t0, t_open, t_chats, t_page, deadline;
  guint n_chats, n_page;
  gboolean ok;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("bench-cache: %s does not exist: run generate first\n", path);
      return EXIT_FAILURE;
    }

  t0 = g_get_monotonic_time ();

  if (!(database = hearth_database_new (path, &error)))
    {
      g_printerr ("bench-cache: %s\n", error->message);
      return EXIT_FAILURE;
    }
  t_open = g_get_monotonic_time ();

  /* Nothing here needs the network: an address that refuses at once if something tries. */
  api = hearth_api_new ("http://127.0.0.1:9", "bench-cache");
  me = hearth_user_new (me_id);
  bus = hearth_event_bus_new ();
  store = hearth_store_new (me, database, bus, api);

  hearth_store_load_async (store, NULL, on_async_ready, &waiter);
  ok = hearth_store_load_finish (store, wait_result (&waiter), &error);
  g_clear_object (&waiter.result);
  if (!ok)
    {
      g_printerr ("bench-cache: loading the store: %s\n", error->message);
      return EXIT_FAILURE;
    }
  /* The chat list announces the load when the turn ends: end it now, as a view's first
   * frame would see it. */
  hearth_store_end_turn (store);
  n_chats = g_list_model_get_n_items (hearth_store_get_chats (store));
  t_chats = g_get_monotonic_time ();

  /* The list starts loading its newest page at once. */
  list = hearth_store_get_messages (store, largest);  /* transfer full */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while ((hearth_message_list_get_loading (list) ||
          g_list_model_get_n_items (G_LIST_MODEL (list)) == 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  n_page = g_list_model_get_n_items (G_LIST_MODEL (list));
  t_page = g_get_monotonic_time ();

  g_print ("RESULT phase=load total_ms=%.1f open_ms=%.1f chats_ms=%.1f page_ms=%.1f "
           "chats=%u page=%u max_rss_kb=%d\n",
           (t_page - t0) / 1000.0, (t_open - t0) / 1000.0, (t_chats - t_open) / 1000.0,
           (t_page - t_chats) / 1000.0, n_chats, n_page, max_rss_kb ());

  if (n_page != PAGE_SIZE)
    {
      g_printerr ("bench-cache: the first page has %u messages, not %u\n", n_page, PAGE_SIZE);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int n_chats = 500;
  int n_messages = 200000;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &path, "Database file", "PATH" },
    { "chats", 0, 0, G_OPTION_ARG_INT, &n_chats, "Chats to generate (default 500)", "N" },
    { "messages", 0, 0, G_OPTION_ARG_INT, &n_messages,
      "Messages to generate (default 200000)", "N" },
    { NULL }
  };

  context = g_option_context_new ("generate|load - Hearth cache benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-cache: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (argc != 2 || path == NULL || n_chats < 1 || n_messages < 0)
    {
      g_printerr ("usage: bench-cache generate|load --db PATH [--chats N] [--messages N]\n");
      return EXIT_FAILURE;
    }

  if (g_strcmp0 (argv[1], "generate") == 0)
    return generate (path, n_chats, n_messages);
  if (g_strcmp0 (argv[1], "load") == 0)
    return load (path);

  g_printerr ("bench-cache: unknown phase %s\n", argv[1]);
  return EXIT_FAILURE;
}
