/* test-store.c: HearthStore applying bus events, against an in-memory database and the
 * reference server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-database.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-server.h"
#include "hearth-store.h"
#include "hearth-store-private.h"
#include "hearth-test-util.h"
#include "hearth-user.h"

#define WAIT_MS 10000

/* The seed fixture (tests/data/seed.json). */
#define ME          "68ada1c0f252e6b4383a1f01"
#define RAJ         "68aef340f252e6b4383a1f02"
#define ANA         "68b044c0f252e6b4383a1f03"
#define MEI         "68b19640f252e6b4383a1f04"
#define TOM         "68b2e7c0f252e6b4383a1f05"
#define CHAT_RAJ    "691719c0f252e6b4383a1f07"
#define CHAT_ANA    "693ea6c0f252e6b4383a1f08"
#define CHAT_HIKE   "698091c0f252e6b4383a1f09"
#define CHAT_GROUP  "698dc0c0f252e6b4383a1f0a"
#define CHAT_MEI    "696633c0f252e6b4383a1f0b"
#define REWARD_COFFEE "69a81ec0f252e6b4383a1f2b"
#define REWARD_YOGA   "69aac1c0f252e6b4383a1f2c"
#define N_HIKE_MESSAGES 7

#define RAJ_JSON "{\"_id\": \"" RAJ "\", \"name\": \"Raj Kumar\", \"username\": \"raj\"}"
#define ANA_JSON "{\"_id\": \"" ANA "\", \"name\": \"Ana Lima\", \"username\": \"ana\"}"
#define MEI_JSON "{\"_id\": \"" MEI "\", \"name\": \"Mei Chen\", \"username\": \"mei\"}"
#define TOM_JSON "{\"_id\": \"" TOM "\", \"name\": \"Tom Okafor\", \"username\": \"tom\"}"
#define ME_JSON  "{\"_id\": \"" ME "\", \"name\": \"Alex Morgan\", \"username\": \"alex\"}"

typedef struct
{
  HearthServer   *server;
  HearthApi      *api;
  HearthDatabase *database;
  HearthEventBus *bus;
  HearthUser     *me;
  HearthStore    *store;

  GPtrArray      *added;        /* HearthMessage from "message-added" */
  GArray         *added_mine;   /* gboolean, in the same order */
  GPtrArray      *removed;      /* "id\ntitle" from "chat-removed" */
  GPtrArray      *joined;       /* HearthChat from "chat-joined" */
  GPtrArray      *joined_admin; /* HearthUser (or NULL) from "chat-joined" */
  GPtrArray      *rewards_changed; /* HearthReward */
  guint           scores_changed;
  guint           db_errors;
  guint           chat_list_changes;
  guint           msg_serial;
} Fixture;

/* Helpers {{{ */

static void
on_message_added_cb (HearthStore   *store,
                     HearthMessage *message,
                     gboolean       mine,
                     Fixture       *f)
{
  g_ptr_array_add (f->added, g_object_ref (message));
  g_array_append_val (f->added_mine, mine);
}

static void
on_chat_removed_cb (HearthStore *store,
                    const char  *chat_id,
                    const char  *title,
                    Fixture     *f)
{
  g_ptr_array_add (f->removed, g_strconcat (chat_id, "\n", title, NULL));
}

static void
on_chat_joined_cb (HearthStore *store,
                   HearthChat  *chat,
                   HearthUser  *admin,
                   Fixture     *f)
{
  g_ptr_array_add (f->joined, g_object_ref (chat));
  g_ptr_array_add (f->joined_admin, admin != NULL ? g_object_ref (admin) : NULL);
}

static void
on_reward_changed_cb (HearthStore  *store,
                      HearthReward *reward,
                      Fixture      *f)
{
  g_ptr_array_add (f->rewards_changed, g_object_ref (reward));
}

static void
on_score_changed_cb (HearthStore *store,
                     HearthScore *score,
                     Fixture     *f)
{
  g_assert_true (score == hearth_store_get_score (store));
  f->scores_changed++;
}

static void
on_database_error_cb (HearthStore  *store,
                      const GError *error,
                      Fixture      *f)
{
  g_assert_nonnull (error);
  f->db_errors++;
}

static void
on_chats_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  f->chat_list_changes++;
}

static void
nullable_unref (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

static HearthStore *
make_store (Fixture        *f,
            HearthDatabase *database,
            HearthEventBus *bus,
            HearthApi      *api)
{
  HearthStore *store = hearth_store_new (f->me, database, bus, api);

  g_signal_connect (store, "message-added", G_CALLBACK (on_message_added_cb), f);
  g_signal_connect (store, "chat-removed", G_CALLBACK (on_chat_removed_cb), f);
  g_signal_connect (store, "chat-joined", G_CALLBACK (on_chat_joined_cb), f);
  g_signal_connect (store, "reward-changed", G_CALLBACK (on_reward_changed_cb), f);
  g_signal_connect (store, "score-changed", G_CALLBACK (on_score_changed_cb), f);
  g_signal_connect (store, "database-error", G_CALLBACK (on_database_error_cb), f);
  g_signal_connect (hearth_store_get_chats (store), "items-changed",
                    G_CALLBACK (on_chats_changed_cb), f);

  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->server = hearth_server_new ();
  hearth_server_load_seed_file (f->server, g_getenv ("HEARTH_SEED_FIXTURE"), &error);
  g_assert_no_error (error);
  hearth_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  url = hearth_server_dup_url (f->server);

  f->api = hearth_api_new (url, hearth_server_get_token (f->server, ME));
  f->database = hearth_database_new (":memory:", &error);
  g_assert_no_error (error);
  f->bus = hearth_event_bus_new ();
  f->me = hearth_user_new (ME);

  f->added = g_ptr_array_new_with_free_func (g_object_unref);
  f->added_mine = g_array_new (FALSE, FALSE, sizeof (gboolean));
  f->removed = g_ptr_array_new_with_free_func (g_free);
  f->joined = g_ptr_array_new_with_free_func (g_object_unref);
  f->joined_admin = g_ptr_array_new_with_free_func (nullable_unref);
  f->rewards_changed = g_ptr_array_new_with_free_func (g_object_unref);

  f->store = make_store (f, f->database, f->bus, f->api);
}

static void
spin_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->store != NULL)
    {
      hearth_store_flush (f->store);
      g_assert_finalize_object (f->store);
    }
  spin_idle ();

  g_clear_pointer (&f->added, g_ptr_array_unref);
  g_clear_pointer (&f->added_mine, g_array_unref);
  g_clear_pointer (&f->removed, g_ptr_array_unref);
  g_clear_pointer (&f->joined, g_ptr_array_unref);
  g_clear_pointer (&f->joined_admin, g_ptr_array_unref);
  g_clear_pointer (&f->rewards_changed, g_ptr_array_unref);

  hearth_database_close (f->database);
  g_clear_object (&f->database);
  g_clear_object (&f->bus);
  g_clear_object (&f->api);
  g_clear_object (&f->me);
  hearth_server_shutdown (f->server);
  g_clear_object (&f->server);
  spin_idle ();
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins until @condition holds (a guard against hangs, not a timing assertion). */
static gboolean
wait_until (Fixture       *f,
            Condition      condition,
            gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (5, wake_cb, NULL);
  gboolean ok;

  while (!(ok = condition (f, data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);
  return ok;
}

static gboolean
no_fetch_running (Fixture       *f,
                  gconstpointer  data)
{
  return _hearth_store_count_running_fetches (f->store) == 0;
}

static gboolean
chat_known (Fixture       *f,
            gconstpointer  data)
{
  return hearth_store_lookup_chat (f->store, data) != NULL;
}

static gboolean
list_idle (Fixture       *f,
           gconstpointer  data)
{
  return !hearth_message_list_get_loading ((HearthMessageList *)data);
}

static gboolean
result_ready (Fixture       *f,
              gconstpointer  data)
{
  return *(GAsyncResult * const *)data != NULL;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_result (Fixture       *f,
             GAsyncResult **slot)
{
  g_assert_true (wait_until (f, result_ready, slot));
  return *slot;
}

static void
dispatch (Fixture    *f,
          const char *name,
          const char *format,
          ...) G_GNUC_PRINTF (3, 4);

static void
dispatch (Fixture    *f,
          const char *name,
          const char *format,
          ...)
{
  g_autoptr(HearthEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  va_list args;

  va_start (args, format);
  data = g_strdup_vprintf (format, args);
  va_end (args);

  event = hearth_event_new_from_data_text (name, data, -1, &error);
  g_assert_no_error (error);
  hearth_event_bus_dispatch (f->bus, event);
}

/* A time @seconds from now, in whole seconds (UTC). */
static GDateTime *
from_now (int seconds)
{
  return g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + seconds);
}

static char *
iso (GDateTime *at)
{
  return g_date_time_format_iso8601 (at);
}

/* Dispatches a messages-received / messages-sent event; returns the message id (owned). */
static char *
dispatch_message (Fixture    *f,
                  const char *event_name,
                  const char *chat_id,
                  const char *user_json,
                  const char *content,
                  GDateTime  *at,
                  const char *client_id)
{
  g_autofree char *at_text = iso (at);
  g_autofree char *client = NULL;
  char *id = g_strdup_printf ("ffff%020u", ++f->msg_serial);

  client = client_id != NULL ? g_strdup_printf (", \"clientId\": \"%s\"", client_id)
                             : g_strdup ("");

  dispatch (f, event_name,
            "{\"message\": {\"_id\": \"%s\", \"chat\": \"%s\", \"user\": %s, "
            "\"content\": \"%s\", \"at\": \"%s\"%s}}",
            id, chat_id, user_json, content, at_text, client);

  return id;
}

static void
apply_server_chats (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;

  hearth_api_list_chats_async (f->api, NULL, store_result_cb, &result);
  wait_result (f, &result);
  chats = hearth_api_list_chats_finish (f->api, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chats->len, ==, 5);

  hearth_store_apply_chats (f->store, chats);
  spin_idle ();
}

static GPtrArray *
server_messages (Fixture    *f,
                 const char *chat_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;

  hearth_api_list_messages_async (f->api, chat_id, NULL, NULL, 200, NULL,
                                  store_result_cb, &result);
  wait_result (f, &result);
  messages = hearth_api_list_messages_finish (f->api, result, &error);
  g_assert_no_error (error);

  return messages;
}

static HearthMessageList *
get_loaded_messages (Fixture    *f,
                     const char *chat_id)
{
  HearthMessageList *list = hearth_store_get_messages (f->store, chat_id);

  g_assert_true (wait_until (f, list_idle, list));
  return list;
}

static HearthMessage *
list_item (HearthMessageList *list,
           guint              position)
{
  g_autoptr(HearthMessage) message = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (message);
  return message;  /* the list keeps it alive */
}

static guint
n_items (gpointer model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static guint
chat_count (Fixture *f)
{
  hearth_store_end_turn (f->store);

  return g_list_model_get_n_items (hearth_store_get_chats (f->store));
}

static HearthChat *
chat_at (Fixture *f,
         guint    position)
{
  g_autoptr(HearthChat) chat = NULL;

  hearth_store_end_turn (f->store);
  chat = g_list_model_get_item (hearth_store_get_chats (f->store), position);

  g_assert_nonnull (chat);
  return chat;
}

static guint
load_older (Fixture           *f,
            HearthMessageList *list)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint n = G_MAXUINT;

  hearth_message_list_load_older_async (list, NULL, store_result_cb, &result);
  wait_result (f, &result);
  g_assert_true (hearth_message_list_load_older_finish (list, result, &n, &error));
  g_assert_no_error (error);

  return n;
}

/* Every stored message of @chat_id, oldest first. */
static GPtrArray *
database_messages (Fixture        *f,
                   HearthDatabase *database,
                   const char     *chat_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;

  hearth_database_load_messages_async (database, chat_id, NULL, NULL, 10000, NULL,
                                       store_result_cb, &result);
  wait_result (f, &result);
  messages = hearth_database_load_messages_finish (database, result, &error);
  g_assert_no_error (error);

  return messages;
}

static GPtrArray *
database_outbox (Fixture *f,
                 GArray **attempts)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *outbox;

  hearth_database_load_outbox_async (f->database, NULL, store_result_cb, &result);
  wait_result (f, &result);
  outbox = hearth_database_load_outbox_finish (f->database, result, attempts, &error);
  g_assert_no_error (error);

  return outbox;
}

static GPtrArray *
database_chats (Fixture        *f,
                HearthDatabase *database)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *chats;

  hearth_database_load_chats_async (database, NULL, store_result_cb, &result);
  wait_result (f, &result);
  chats = hearth_database_load_chats_finish (database, result, &error);
  g_assert_no_error (error);

  return chats;
}

static HearthUser *
participant_at (HearthChat *chat,
                guint       position)
{
  g_autoptr(HearthUser) user = g_list_model_get_item (hearth_chat_get_participants (chat),
                                                      position);

  return user;  /* the chat keeps it alive */
}

/* }}} */
/* Tests {{{ */

static void
test_store_seed_samples (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) samples = hearth_test_load_seed_samples ();
  HearthScore *score;
  HearthUser *user;

  g_assert_cmpuint (samples->len, >=, HEARTH_TEST_N_LISTENING);

  for (guint i = 0; i < HEARTH_TEST_N_LISTENING; i++)
    {
      HearthTestSample *sample = g_ptr_array_index (samples, i);
      g_autoptr(HearthEvent) event = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (sample->section, ==, HEARTH_TEST_SECTION_LISTENING);
      event = hearth_event_new_from_data_text (sample->name, sample->data_json, -1, &error);
      g_assert_no_error (error);
      hearth_event_bus_dispatch (f->bus, event);
    }

  /* The seed's chats do not exist on the reference server: one fetch per chat id (typing,
   * read, messages, created, joined+removed+deleted), each answered 404, events dropped. */
  g_assert_cmpuint (_hearth_store_get_chat_fetch_count (f->store), ==, 5);
  g_assert_true (wait_until (f, no_fetch_running, NULL));
  g_assert_cmpuint (chat_count (f), ==, 0);
  g_assert_cmpuint (f->added->len, ==, 0);
  /* chat-deleted about a chat the store never had: nothing to announce. */
  g_assert_cmpuint (f->removed->len, ==, 0);

  /* user-online then user-offline */
  user = hearth_store_lookup_user (f->store, "68ac3f6dd7f5a437029aa88f");
  g_assert_nonnull (user);
  g_assert_cmpstr (hearth_user_get_name (user), ==, "ScannerScannerScanne");
  g_assert_cmpstr (hearth_user_get_username (user), ==, "bat_ma_n");
  g_assert_false (hearth_user_get_online (user));
  g_assert_nonnull (hearth_user_get_last_seen (user));

  /* reward-consumed about an unknown reward: GET /rewards */
  g_assert_cmpuint (n_items (hearth_store_get_rewards (f->store)), ==, 3);

  /* score-updated */
  score = hearth_store_get_score (f->store);
  g_assert_nonnull (score);
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 3);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 1);
  g_assert_cmpfloat (hearth_score_get_social_score (score), ==, 0.5);
  g_assert_cmpstr (hearth_score_get_day (score), ==, "saturday");
  g_assert_cmpuint (n_items (hearth_score_get_social_actions (score)), ==, 2);
  g_assert_cmpuint (n_items (hearth_score_get_mindfulness_actions (score)), ==, 4);
  g_assert_cmpuint (f->scores_changed, ==, 1);
}

static void
test_store_presence (Fixture       *f,
                     gconstpointer  data)
{
  HearthUser *raj;
  HearthUser *stranger;
  HearthChat *chat;
  g_autoptr(GDateTime) before = from_now (-1);

  apply_server_chats (f);

  chat = hearth_store_lookup_chat (f->store, CHAT_RAJ);
  raj = hearth_store_lookup_user (f->store, RAJ);
  g_assert_nonnull (raj);
  g_assert_true (hearth_chat_find_participant (chat, RAJ) == raj);
  g_assert_false (hearth_user_get_online (raj));

  dispatch (f, "user-online", "{\"user\": %s, \"chats\": [\"%s\"], \"chat\": \"%s\"}",
            RAJ_JSON, CHAT_RAJ, CHAT_RAJ);
  g_assert_true (hearth_store_lookup_user (f->store, RAJ) == raj);
  g_assert_true (hearth_user_get_online (raj));

  dispatch (f, "user-offline", "{\"user\": \"%s\"}", RAJ);
  g_assert_false (hearth_user_get_online (raj));
  g_assert_nonnull (hearth_user_get_last_seen (raj));
  g_assert_cmpint (g_date_time_compare (hearth_user_get_last_seen (raj), before), >=, 0);
  /* A bare id does not erase the name. */
  g_assert_cmpstr (hearth_user_get_name (raj), ==, "Raj Kumar");

  /* Someone the store never heard of: a user with only an id. */
  dispatch (f, "user-online", "{\"user\": \"0123456789abcdef01234567\"}");
  stranger = hearth_store_lookup_user (f->store, "0123456789abcdef01234567");
  g_assert_nonnull (stranger);
  g_assert_true (hearth_user_get_online (stranger));
  g_assert_null (hearth_user_get_name (stranger));
  g_assert_cmpuint (_hearth_store_get_chat_fetch_count (f->store), ==, 0);
}

static gboolean
nobody_typing (Fixture       *f,
               gconstpointer  data)
{
  return n_items (hearth_chat_get_typing_users ((HearthChat *)data)) == 0;
}

static void
test_store_typing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) at = from_now (5);
  g_autofree char *id = NULL;
  GListModel *typing;
  HearthChat *chat;
  gint64 started;
  gint64 elapsed;

  apply_server_chats (f);
  chat = hearth_store_lookup_chat (f->store, CHAT_HIKE);
  typing = hearth_chat_get_typing_users (chat);

  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", RAJ_JSON, CHAT_HIKE);
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", ANA_JSON, CHAT_HIKE);
  /* Repeating a start does not add twice. */
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", RAJ_JSON, CHAT_HIKE);
  /* My own typing (another device) is not shown. */
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", ME_JSON, CHAT_HIKE);
  g_assert_cmpuint (n_items (typing), ==, 2);
  {
    g_autoptr(HearthUser) first = g_list_model_get_item (typing, 0);

    g_assert_true (first == hearth_store_lookup_user (f->store, RAJ));
  }

  dispatch (f, "typing-stopped", "{\"user\": %s, \"chat\": \"%s\"}", RAJ_JSON, CHAT_HIKE);
  g_assert_cmpuint (n_items (typing), ==, 1);

  /* A message from Ana ends her typing. */
  id = dispatch_message (f, "messages-received", CHAT_HIKE, ANA_JSON, "here", at, NULL);
  g_assert_cmpuint (n_items (typing), ==, 0);

  /* Expiry: 50 ms after the last typing-started. */
  hearth_store_set_typing_timeout (f->store, 50);
  started = g_get_monotonic_time ();
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", TOM_JSON, CHAT_HIKE);
  g_assert_cmpuint (n_items (typing), ==, 1);
  g_assert_true (wait_until (f, nobody_typing, chat));
  elapsed = g_get_monotonic_time () - started;
  g_assert_cmpint (elapsed, >=, 50 * G_TIME_SPAN_MILLISECOND);

  /* A refresh restarts the clock. */
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", TOM_JSON, CHAT_HIKE);
  hearth_test_spin (30);
  started = g_get_monotonic_time ();
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", TOM_JSON, CHAT_HIKE);
  g_assert_cmpuint (n_items (typing), ==, 1);
  g_assert_true (wait_until (f, nobody_typing, chat));
  elapsed = g_get_monotonic_time () - started;
  g_assert_cmpint (elapsed, >=, 50 * G_TIME_SPAN_MILLISECOND);

  /* Going offline ends typing too. */
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", TOM_JSON, CHAT_HIKE);
  dispatch (f, "user-offline", "{\"user\": %s}", TOM_JSON);
  g_assert_cmpuint (n_items (typing), ==, 0);
}

static void
test_store_messages_read (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) later = from_now (10);
  g_autoptr(GDateTime) earlier = from_now (-3600);
  g_autoptr(GDateTime) msg_at = from_now (5);
  g_autofree char *later_text = iso (later);
  g_autofree char *earlier_text = iso (earlier);
  g_autofree char *id = NULL;
  HearthChat *chat;

  apply_server_chats (f);
  chat = hearth_store_lookup_chat (f->store, CHAT_RAJ);

  dispatch (f, "messages-read", "{\"user\": %s, \"chat\": \"%s\", \"lastReadAt\": \"%s\"}",
            RAJ_JSON, CHAT_RAJ, later_text);
  g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (chat, RAJ), later));

  /* Read times never go back. */
  dispatch (f, "messages-read", "{\"user\": %s, \"chat\": \"%s\", \"lastReadAt\": \"%s\"}",
            RAJ_JSON, CHAT_RAJ, earlier_text);
  g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (chat, RAJ), later));

  /* Raj's message makes one unread; my other device reading clears it. */
  hearth_chat_set_unread (chat, 0);
  id = dispatch_message (f, "messages-received", CHAT_RAJ, RAJ_JSON, "hi", msg_at, NULL);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 1);

  dispatch (f, "messages-read", "{\"user\": %s, \"chat\": \"%s\", \"lastReadAt\": \"%s\", "
            "\"lastMessage\": {\"_id\": \"%s\", \"user\": \"%s\", \"chat\": \"%s\", "
            "\"content\": \"hi\", \"at\": \"%s\"}}",
            ME_JSON, CHAT_RAJ, later_text, id, RAJ, CHAT_RAJ, later_text);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (chat, ME), later));

  /* It is in the database with the next batch. */
  hearth_store_flush (f->store);
  {
    g_autoptr(GPtrArray) chats = database_chats (f, f->database);
    HearthChat *stored = NULL;

    for (guint i = 0; i < chats->len; i++)
      if (g_strcmp0 (hearth_chat_get_id (g_ptr_array_index (chats, i)), CHAT_RAJ) == 0)
        stored = g_ptr_array_index (chats, i);

    g_assert_nonnull (stored);
    g_assert_cmpuint (hearth_chat_get_unread (stored), ==, 0);
    g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (stored, RAJ), later));
    g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (stored, ME), later));
  }
}

static void
test_store_messages_received (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(GDateTime) at1 = from_now (5);
  g_autoptr(GDateTime) at2 = from_now (6);
  g_autoptr(GDateTime) at3 = from_now (7);
  g_autofree char *at1_text = iso (at1);
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  g_autofree char *id3 = NULL;
  HearthMessage *message;
  HearthChat *chat;
  guint n0;
  guint unread0;

  apply_server_chats (f);
  chat = hearth_store_lookup_chat (f->store, CHAT_ANA);
  list = get_loaded_messages (f, CHAT_ANA);
  n0 = n_items (list);
  g_assert_cmpuint (n0, ==, 6);
  unread0 = hearth_chat_get_unread (chat);

  /* With a reel, sent by the "reel?" spelling of the seed. */
  id1 = g_strdup ("eeee00000000000000000001");
  dispatch (f, "messages-received",
            "{\"message\": {\"_id\": \"%s\", \"chat\": \"%s\", \"user\": %s, "
            "\"content\": \"Look!\", \"reel?\": \"6602b7e3c1f2a94d8e5b1c70\", \"at\": \"%s\"}}",
            id1, CHAT_ANA, ANA_JSON, at1_text);

  g_assert_cmpuint (n_items (list), ==, n0 + 1);
  message = list_item (list, n0);
  g_assert_cmpstr (hearth_message_get_id (message), ==, id1);
  g_assert_cmpstr (hearth_message_get_content (message), ==, "Look!");
  g_assert_cmpstr (hearth_message_get_reel (message), ==, "6602b7e3c1f2a94d8e5b1c70");
  g_assert_true (g_date_time_equal (hearth_message_get_at (message), at1));
  g_assert_true (hearth_message_get_sender (message) == hearth_store_lookup_user (f->store, ANA));
  g_assert_true (hearth_chat_get_last_message (chat) == message);
  g_assert_true (hearth_message_list_lookup (list, id1) == message);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, unread0 + 1);
  g_assert_true (chat_at (f, 0) == chat);
  g_assert_cmpuint (f->added->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->added, 0) == message);
  g_assert_false (g_array_index (f->added_mine, gboolean, 0));

  /* The same event again (a replay): nothing changes. */
  dispatch (f, "messages-received",
            "{\"message\": {\"_id\": \"%s\", \"chat\": \"%s\", \"user\": %s, "
            "\"content\": \"Look!\", \"at\": \"%s\"}}",
            id1, CHAT_ANA, ANA_JSON, at1_text);
  g_assert_cmpuint (n_items (list), ==, n0 + 1);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, unread0 + 1);
  g_assert_cmpuint (f->added->len, ==, 1);

  /* Open and focused: not unread. */
  hearth_store_set_open_chat_id (f->store, CHAT_ANA);
  hearth_store_set_focused (f->store, TRUE);
  id2 = dispatch_message (f, "message-received", CHAT_ANA, "\"" ANA "\"", "seen", at2, NULL);
  g_assert_cmpuint (n_items (list), ==, n0 + 2);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, unread0 + 1);
  g_assert_cmpuint (f->added->len, ==, 2);

  /* Open but the window is not active: unread. */
  hearth_store_set_focused (f->store, FALSE);
  id3 = dispatch_message (f, "messages-received", CHAT_ANA, ANA_JSON, "and again", at3, NULL);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, unread0 + 2);
  g_assert_cmpstr (hearth_message_get_id (hearth_chat_get_last_message (chat)), ==, id3);

  /* Posting counts as reading up to the message. */
  g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (chat, ANA), at3));

  /* Stored once each. */
  hearth_store_flush (f->store);
  {
    g_autoptr(GPtrArray) stored = database_messages (f, f->database, CHAT_ANA);
    guint n_id1 = 0;

    for (guint i = 0; i < stored->len; i++)
      if (g_strcmp0 (hearth_message_get_id (g_ptr_array_index (stored, i)), id1) == 0)
        n_id1++;

    g_assert_cmpuint (n_id1, ==, 1);
    g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (stored, stored->len - 1)), ==, id3);
  }
}

static void
test_store_messages_sent (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) at1 = from_now (5);
  g_autoptr(GDateTime) at2 = from_now (6);
  g_autofree char *id1 = NULL;
  g_autofree char *id2 = NULL;
  HearthChat *chat;

  apply_server_chats (f);
  chat = hearth_store_lookup_chat (f->store, CHAT_RAJ);

  id1 = dispatch_message (f, "messages-received", CHAT_RAJ, RAJ_JSON, "ping", at1, NULL);
  g_assert_cmpuint (hearth_chat_get_unread (chat), >=, 1);

  /* Sent from another device of mine: my message, and the chat is read. */
  id2 = dispatch_message (f, "messages-sent", CHAT_RAJ, ME_JSON, "pong", at2, "other-device");
  g_assert_cmpstr (hearth_message_get_id (hearth_chat_get_last_message (chat)), ==, id2);
  g_assert_true (hearth_message_get_sender (hearth_chat_get_last_message (chat)) == f->me);
  g_assert_cmpint (hearth_message_get_state (hearth_chat_get_last_message (chat)), ==,
                   HEARTH_MESSAGE_SENT);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_cmpuint (f->added->len, ==, 2);
  g_assert_true (g_array_index (f->added_mine, gboolean, 1));

  /* The echo again: deduplicated. */
  dispatch (f, "message-sent", "{\"message\": {\"_id\": \"%s\", \"chat\": \"%s\", \"user\": \"%s\", "
            "\"content\": \"pong\", \"at\": \"2020-01-01T00:00:00.000Z\"}}", id2, CHAT_RAJ, ME);
  g_assert_cmpuint (f->added->len, ==, 2);
}

static void
test_store_pending (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(HearthMessage) pending = NULL;
  g_autoptr(HearthMessage) pending2 = NULL;
  g_autoptr(HearthMessage) reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) at = from_now (1);
  g_autoptr(GDateTime) at2 = from_now (3);
  g_autoptr(GError) error = NULL;
  g_autofree char *echo_id = NULL;
  HearthChat *chat;
  guint n0;

  apply_server_chats (f);
  chat = hearth_store_lookup_chat (f->store, CHAT_RAJ);
  list = get_loaded_messages (f, CHAT_RAJ);
  n0 = n_items (list);

  pending = hearth_message_new (NULL, CHAT_RAJ);
  hearth_message_set_client_id (pending, "client-0001");
  hearth_message_set_content (pending, "On my way");
  hearth_message_set_at (pending, at);
  hearth_message_set_state (pending, HEARTH_MESSAGE_QUEUED);
  hearth_store_add_pending (f->store, pending, 0);

  g_assert_cmpuint (n_items (list), ==, n0 + 1);
  g_assert_true (list_item (list, n0) == pending);
  g_assert_true (hearth_message_get_sender (pending) == f->me);
  g_assert_true (hearth_store_lookup_pending (f->store, "client-0001") == pending);
  g_assert_true (hearth_message_list_lookup (list, "client-0001") == pending);
  g_assert_true (hearth_chat_get_last_message (chat) == pending);
  g_assert_true (chat_at (f, 0) == chat);
  g_assert_cmpuint (f->added->len, ==, 0);

  hearth_store_flush (f->store);
  {
    g_autoptr(GArray) attempts = NULL;
    g_autoptr(GPtrArray) outbox = database_outbox (f, &attempts);

    g_assert_cmpuint (outbox->len, ==, 1);
    g_assert_cmpstr (hearth_message_get_client_id (g_ptr_array_index (outbox, 0)), ==,
                     "client-0001");
  }

  /* A failed attempt is recorded. */
  hearth_store_update_pending (f->store, pending, 2);
  hearth_store_flush (f->store);
  {
    g_autoptr(GArray) attempts = NULL;
    g_autoptr(GPtrArray) outbox = database_outbox (f, &attempts);

    g_assert_cmpuint (outbox->len, ==, 1);
    g_assert_cmpuint (g_array_index (attempts, guint, 0), ==, 2);
  }

  /* The POST reply (from the real server). */
  hearth_api_post_message_async (f->api, CHAT_RAJ, "On my way", NULL, "client-0001", NULL,
                                 store_result_cb, &result);
  wait_result (f, &result);
  reply = hearth_api_post_message_finish (f->api, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hearth_message_get_id (reply));

  g_assert_true (hearth_store_confirm_sent (f->store, reply) == pending);
  g_assert_cmpstr (hearth_message_get_id (pending), ==, hearth_message_get_id (reply));
  g_assert_cmpint (hearth_message_get_state (pending), ==, HEARTH_MESSAGE_SENT);
  g_assert_true (g_date_time_equal (hearth_message_get_at (pending),
                                    hearth_message_get_at (reply)));
  g_assert_null (hearth_store_lookup_pending (f->store, "client-0001"));
  g_assert_cmpuint (n_items (list), ==, n0 + 1);
  g_assert_true (hearth_message_list_lookup (list, hearth_message_get_id (reply)) == pending);
  g_assert_true (hearth_message_list_get_newest_sent (list) == pending);

  /* The echo after the reply: no second row, no signal. */
  {
    g_autofree char *reply_at = iso (hearth_message_get_at (reply));

    dispatch (f, "messages-sent", "{\"message\": {\"_id\": \"%s\", \"chat\": \"%s\", "
              "\"user\": %s, \"content\": \"On my way\", \"at\": \"%s\", "
              "\"clientId\": \"client-0001\"}}",
              hearth_message_get_id (reply), CHAT_RAJ, ME_JSON, reply_at);
  }
  g_assert_cmpuint (n_items (list), ==, n0 + 1);
  g_assert_cmpuint (f->added->len, ==, 0);
  /* The reply once more (a retried POST answered 200): the same object. */
  g_assert_true (hearth_store_confirm_sent (f->store, reply) == pending);

  /* The echo before the reply. */
  pending2 = hearth_message_new (NULL, CHAT_RAJ);
  hearth_message_set_client_id (pending2, "client-0002");
  hearth_message_set_content (pending2, "Second");
  hearth_message_set_at (pending2, at2);
  hearth_message_set_state (pending2, HEARTH_MESSAGE_QUEUED);
  hearth_store_add_pending (f->store, pending2, 0);
  g_assert_cmpuint (n_items (list), ==, n0 + 2);

  echo_id = dispatch_message (f, "messages-sent", CHAT_RAJ, ME_JSON, "Second", at2, "client-0002");
  g_assert_cmpuint (n_items (list), ==, n0 + 2);
  g_assert_cmpstr (hearth_message_get_id (pending2), ==, echo_id);
  g_assert_cmpint (hearth_message_get_state (pending2), ==, HEARTH_MESSAGE_SENT);
  g_assert_null (hearth_store_lookup_pending (f->store, "client-0002"));
  g_assert_cmpuint (f->added->len, ==, 0);
  {
    g_autoptr(HearthMessage) late_reply = hearth_message_new (echo_id, CHAT_RAJ);

    hearth_message_set_client_id (late_reply, "client-0002");
    hearth_message_set_at (late_reply, at2);
    g_assert_true (hearth_store_confirm_sent (f->store, late_reply) == pending2);
  }
  g_assert_cmpuint (n_items (list), ==, n0 + 2);

  /* On disk: one row per message (merged by client id), the outbox empty. */
  hearth_store_flush (f->store);
  {
    g_autoptr(GPtrArray) outbox = database_outbox (f, NULL);
    g_autoptr(GPtrArray) stored = database_messages (f, f->database, CHAT_RAJ);
    guint n_first = 0;
    guint n_second = 0;

    g_assert_cmpuint (outbox->len, ==, 0);
    for (guint i = 0; i < stored->len; i++)
      {
        HearthMessage *message = g_ptr_array_index (stored, i);

        if (g_strcmp0 (hearth_message_get_content (message), "On my way") == 0)
          {
            n_first++;
            g_assert_cmpstr (hearth_message_get_id (message), ==, hearth_message_get_id (reply));
            g_assert_cmpint (hearth_message_get_state (message), ==, HEARTH_MESSAGE_SENT);
          }
        else if (g_strcmp0 (hearth_message_get_content (message), "Second") == 0)
          n_second++;
      }
    g_assert_cmpuint (n_first, ==, 1);
    g_assert_cmpuint (n_second, ==, 1);
  }
}

static void
test_store_chat_created (Fixture       *f,
                         gconstpointer  data)
{
  HearthChat *chat;
  HearthUser *ana;

  dispatch (f, "chat-created", "{\"chat\": \"%s\"}", CHAT_HIKE);
  g_assert_cmpuint (_hearth_store_get_chat_fetch_count (f->store), ==, 1);
  g_assert_true (wait_until (f, chat_known, CHAT_HIKE));

  chat = hearth_store_lookup_chat (f->store, CHAT_HIKE);
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Weekend hike");
  g_assert_cmpstr (hearth_chat_get_me_id (chat), ==, ME);
  g_assert_true (hearth_chat_get_is_group (chat));
  g_assert_cmpuint (n_items (hearth_chat_get_participants (chat)), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      HearthUser *user = participant_at (chat, i);

      g_assert_true (hearth_store_lookup_user (f->store, hearth_user_get_id (user)) == user);
    }
  g_assert_true (participant_at (chat, 0) == f->me);
  ana = hearth_store_lookup_user (f->store, ANA);
  g_assert_cmpstr (hearth_user_get_name (ana), ==, "Ana Lima");
  g_assert_true (hearth_chat_get_admin (chat) == ana);
  g_assert_nonnull (hearth_chat_get_last_message (chat));
  g_assert_true (hearth_message_get_sender (hearth_chat_get_last_message (chat)) ==
                 hearth_store_lookup_user (f->store,
                                           hearth_message_get_sender_id (hearth_chat_get_last_message (chat))));
  g_assert_cmpuint (f->joined->len, ==, 0);

  /* chat-joined: "Mei added you". */
  dispatch (f, "chat-joined", "{\"chat\": \"%s\", \"admin?\": %s}", CHAT_GROUP, MEI_JSON);
  g_assert_true (wait_until (f, chat_known, CHAT_GROUP));
  chat = hearth_store_lookup_chat (f->store, CHAT_GROUP);
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Mei Chen, Tom Okafor");
  g_assert_cmpuint (f->joined->len, ==, 1);
  g_assert_true (g_ptr_array_index (f->joined, 0) == chat);
  g_assert_true (g_ptr_array_index (f->joined_admin, 0) == hearth_store_lookup_user (f->store, MEI));
  g_assert_cmpuint (chat_count (f), ==, 2);

  /* The joined chat's history opens with "Mei Chen added you". */
  hearth_store_flush (f->store);
  {
    g_autoptr(GPtrArray) stored = database_messages (f, f->database, CHAT_GROUP);
    HearthMessage *newest = g_ptr_array_index (stored, stored->len - 1);

    g_assert_cmpint (hearth_message_get_kind (newest), ==, HEARTH_MESSAGE_KIND_MEMBER_JOINED);
    g_assert_cmpstr (hearth_message_get_sender_id (newest), ==, MEI);
  }

  /* Persisted. */
  hearth_store_flush (f->store);
  {
    g_autoptr(GPtrArray) stored = database_chats (f, f->database);

    g_assert_cmpuint (stored->len, ==, 2);
  }
}

/* The newest row of @list is a line about the membership: @kind, about @user_id. */
static void
assert_member_line (HearthMessageList *list,
                    HearthMessageKind  kind,
                    const char        *user_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  HearthMessage *line;

  g_assert_cmpuint (n, >, 0);
  line = list_item (list, n - 1);
  g_assert_cmpint (hearth_message_get_kind (line), ==, kind);
  g_assert_true (hearth_message_is_system (line));
  g_assert_cmpstr (hearth_message_get_sender_id (line), ==, user_id);
  g_assert_true (g_str_has_prefix (hearth_message_get_id (line), "local-"));
}

static void
test_store_participant_removed (Fixture       *f,
                                gconstpointer  data)
{
  HearthChat *chat;
  g_autoptr(HearthMessageList) list = NULL;
  HearthMessage *last;
  guint unread, n_added;

  apply_server_chats (f);
  chat = hearth_store_lookup_chat (f->store, CHAT_HIKE);
  g_assert_nonnull (hearth_chat_find_participant (chat, TOM));
  list = get_loaded_messages (f, CHAT_HIKE);
  last = hearth_chat_get_last_message (chat);
  unread = hearth_chat_get_unread (chat);
  n_added = f->added->len;

  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", TOM_JSON, CHAT_HIKE);
  dispatch (f, "chat-participant-removed", "{\"chat\": \"%s\", \"user\": \"%s\"}", CHAT_HIKE, TOM);
  g_assert_null (hearth_chat_find_participant (chat, TOM));
  g_assert_cmpuint (n_items (hearth_chat_get_participants (chat)), ==, 3);
  g_assert_cmpuint (n_items (hearth_chat_get_typing_users (chat)), ==, 0);
  g_assert_false (hearth_chat_get_left (chat));

  /* "Tom Okafor was removed" in the history: not unread, not the chat's last message, not
   * news, and never a cursor for the server. */
  assert_member_line (list, HEARTH_MESSAGE_KIND_MEMBER_REMOVED, TOM);
  g_assert_true (hearth_chat_get_last_message (chat) == last);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, unread);
  g_assert_cmpuint (f->added->len, ==, n_added);
  g_assert_false (hearth_message_is_system (hearth_message_list_get_newest_sent (list)));

  dispatch (f, "chat-participant-removed", "{\"chat\": \"%s\", \"user\": \"%s\"}", CHAT_HIKE, ME);
  g_assert_true (hearth_chat_get_left (chat));
  g_assert_true (hearth_store_lookup_chat (f->store, CHAT_HIKE) == chat);
  assert_member_line (list, HEARTH_MESSAGE_KIND_MEMBER_REMOVED, ME);

  /* Stored with the history, and still not the last message when the chats load again. */
  hearth_store_flush (f->store);
  {
    g_autoptr(GPtrArray) stored = database_messages (f, f->database, CHAT_HIKE);
    g_autoptr(GPtrArray) chats = database_chats (f, f->database);
    HearthMessage *newest = g_ptr_array_index (stored, stored->len - 1);
    HearthMessage *before = g_ptr_array_index (stored, stored->len - 2);

    g_assert_cmpint (hearth_message_get_kind (newest), ==, HEARTH_MESSAGE_KIND_MEMBER_REMOVED);
    g_assert_cmpstr (hearth_message_get_sender_id (newest), ==, ME);
    g_assert_cmpint (hearth_message_get_kind (before), ==, HEARTH_MESSAGE_KIND_MEMBER_REMOVED);
    g_assert_cmpstr (hearth_message_get_sender_id (before), ==, TOM);
    for (guint i = 0; i < chats->len; i++)
      {
        HearthChat *stored_chat = g_ptr_array_index (chats, i);

        if (g_strcmp0 (hearth_chat_get_id (stored_chat), CHAT_HIKE) == 0)
          g_assert_cmpstr (hearth_message_get_id (hearth_chat_get_last_message (stored_chat)), ==,
                           hearth_message_get_id (last));
      }
  }

  /* About a chat we never had and were removed from: nothing to fetch. */
  dispatch (f, "chat-participant-removed", "{\"chat\": \"aaaaaaaaaaaaaaaaaaaaaaaa\", \"user\": \"%s\"}",
            ME);
  g_assert_cmpuint (_hearth_store_get_chat_fetch_count (f->store), ==, 0);
}

static void
test_store_chat_deleted (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(HearthMessageList) list2 = NULL;
  g_autoptr(HearthMessage) pending = NULL;
  g_autoptr(GDateTime) at = from_now (5);
  g_autofree char *id = NULL;
  HearthChat *chat;
  guint n_chats;

  apply_server_chats (f);
  n_chats = chat_count (f);
  chat = hearth_store_lookup_chat (f->store, CHAT_MEI);
  list = get_loaded_messages (f, CHAT_MEI);
  g_assert_cmpuint (n_items (list), ==, 4);

  pending = hearth_message_new (NULL, CHAT_MEI);
  hearth_message_set_client_id (pending, "client-mei");
  hearth_message_set_at (pending, at);
  hearth_message_set_state (pending, HEARTH_MESSAGE_QUEUED);
  hearth_store_add_pending (f->store, pending, 0);
  hearth_store_set_draft (f->store, CHAT_MEI, "unfinished");
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", MEI_JSON, CHAT_MEI);
  g_assert_cmpuint (n_items (hearth_chat_get_typing_users (chat)), ==, 1);

  dispatch (f, "chat-deleted", "{\"chat\": \"%s\", \"user\": \"%s\"}", CHAT_MEI, MEI);

  g_assert_null (hearth_store_lookup_chat (f->store, CHAT_MEI));
  g_assert_cmpuint (chat_count (f), ==, n_chats - 1);
  g_assert_cmpuint (f->removed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->removed, 0), ==, CHAT_MEI "\nMei Chen");
  g_assert_cmpuint (n_items (list), ==, 0);
  g_assert_true (hearth_message_list_get_complete (list));
  g_assert_null (hearth_store_lookup_pending (f->store, "client-mei"));
  g_assert_null (hearth_store_get_draft (f->store, CHAT_MEI));

  /* Late events about it: no resurrection, no fetch. */
  id = dispatch_message (f, "messages-received", CHAT_MEI, MEI_JSON, "too late", at, NULL);
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", MEI_JSON, CHAT_MEI);
  dispatch (f, "messages-read", "{\"user\": %s, \"chat\": \"%s\", "
            "\"lastReadAt\": \"2026-01-01T00:00:00.000Z\"}", MEI_JSON, CHAT_MEI);
  dispatch (f, "chat-deleted", "{\"chat\": \"%s\"}", CHAT_MEI);
  spin_idle ();
  g_assert_cmpuint (_hearth_store_get_chat_fetch_count (f->store), ==, 0);
  g_assert_null (hearth_store_lookup_chat (f->store, CHAT_MEI));
  g_assert_cmpuint (f->added->len, ==, 0);
  g_assert_cmpuint (f->removed->len, ==, 1);

  /* Gone from the database too. */
  hearth_store_flush (f->store);
  {
    g_autoptr(GPtrArray) stored = database_messages (f, f->database, CHAT_MEI);
    g_autoptr(GPtrArray) chats = database_chats (f, f->database);

    g_assert_cmpuint (stored->len, ==, 0);
    g_assert_cmpuint (chats->len, ==, n_chats - 1);
  }

  /* Only chat-created brings it back. */
  dispatch (f, "chat-created", "{\"chat\": \"%s\"}", CHAT_MEI);
  g_assert_true (wait_until (f, chat_known, CHAT_MEI));
  g_assert_cmpuint (_hearth_store_get_chat_fetch_count (f->store), ==, 1);
  g_assert_cmpstr (hearth_chat_get_title (hearth_store_lookup_chat (f->store, CHAT_MEI)), ==,
                   "Mei Chen");

  /* A new list for it: the old one stays cleared. */
  list2 = get_loaded_messages (f, CHAT_MEI);
  g_assert_true (list2 != list);
  g_assert_cmpuint (n_items (list2), ==, 4);
  g_assert_cmpuint (n_items (list), ==, 0);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_store_chat_deleted_open (Fixture       *f,
                              gconstpointer  data)
{
  guint notified = 0;

  apply_server_chats (f);
  hearth_store_set_open_chat_id (f->store, CHAT_ANA);
  hearth_store_set_focused (f->store, TRUE);
  g_signal_connect (f->store, "notify::open-chat-id", G_CALLBACK (on_notify_cb), &notified);

  dispatch (f, "chat-deleted", "{\"chat\": \"%s\"}", CHAT_ANA);
  g_assert_null (hearth_store_get_open_chat_id (f->store));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (f->removed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->removed, 0), ==, CHAT_ANA "\nAna Lima");
  g_assert_null (hearth_store_lookup_chat (f->store, CHAT_ANA));
}

static void
test_store_deleted_while_fetching (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GDateTime) at = from_now (5);
  g_autofree char *id = NULL;

  /* created, a message, deleted: all before GET /chats/:id answers. */
  dispatch (f, "chat-created", "{\"chat\": \"%s\"}", CHAT_RAJ);
  id = dispatch_message (f, "messages-received", CHAT_RAJ, RAJ_JSON, "hey", at, NULL);
  dispatch (f, "chat-deleted", "{\"chat\": \"%s\"}", CHAT_RAJ);
  g_assert_cmpuint (_hearth_store_get_chat_fetch_count (f->store), ==, 1);
  g_assert_cmpuint (_hearth_store_count_running_fetches (f->store), ==, 0);

  /* Let the answer arrive: it is dropped. */
  hearth_test_spin (200);
  g_assert_null (hearth_store_lookup_chat (f->store, CHAT_RAJ));
  g_assert_cmpuint (chat_count (f), ==, 0);
  g_assert_cmpuint (f->added->len, ==, 0);
}

static void
test_store_unknown_chat_once (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HearthChat) server_chat = NULL;
  g_autoptr(GDateTime) at = from_now (5);
  g_autoptr(GDateTime) read_at = from_now (6);
  g_autoptr(GError) error = NULL;
  g_autofree char *read_text = iso (read_at);
  g_autofree char *id = NULL;
  HearthChat *chat;

  hearth_api_get_chat_async (f->api, CHAT_RAJ, NULL, store_result_cb, &result);
  wait_result (f, &result);
  server_chat = hearth_api_get_chat_finish (f->api, result, &error);
  g_assert_no_error (error);

  id = dispatch_message (f, "messages-received", CHAT_RAJ, RAJ_JSON, "first", at, NULL);
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", RAJ_JSON, CHAT_RAJ);
  dispatch (f, "messages-read", "{\"user\": %s, \"chat\": \"%s\", \"lastReadAt\": \"%s\"}",
            RAJ_JSON, CHAT_RAJ, read_text);

  g_assert_cmpuint (_hearth_store_get_chat_fetch_count (f->store), ==, 1);
  g_assert_null (hearth_store_lookup_chat (f->store, CHAT_RAJ));
  g_assert_true (wait_until (f, chat_known, CHAT_RAJ));
  g_assert_cmpuint (_hearth_store_get_chat_fetch_count (f->store), ==, 1);

  /* All three applied, in order. */
  chat = hearth_store_lookup_chat (f->store, CHAT_RAJ);
  g_assert_cmpstr (hearth_message_get_id (hearth_chat_get_last_message (chat)), ==, id);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, hearth_chat_get_unread (server_chat) + 1);
  g_assert_cmpuint (n_items (hearth_chat_get_typing_users (chat)), ==, 1);
  g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (chat, RAJ), read_at));
  g_assert_cmpuint (f->added->len, ==, 1);
}

static void
test_store_read_before_message (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GDateTime) read_at = from_now (60);
  g_autoptr(GDateTime) raj_read_at = from_now (90);
  g_autoptr(GDateTime) msg_at = from_now (30);
  g_autofree char *read_text = iso (read_at);
  g_autofree char *raj_read_text = iso (raj_read_at);
  g_autofree char *id = NULL;
  HearthChat *chat;

  apply_server_chats (f);
  chat = hearth_store_lookup_chat (f->store, CHAT_RAJ);

  /* My other device read up to a message that has not reached this one yet; Raj read too. */
  dispatch (f, "messages-read", "{\"user\": %s, \"chat\": \"%s\", \"lastReadAt\": \"%s\"}",
            ME_JSON, CHAT_RAJ, read_text);
  dispatch (f, "messages-read", "{\"user\": %s, \"chat\": \"%s\", \"lastReadAt\": \"%s\"}",
            RAJ_JSON, CHAT_RAJ, raj_read_text);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);

  id = dispatch_message (f, "messages-received", CHAT_RAJ, RAJ_JSON, "late", msg_at, NULL);
  g_assert_cmpstr (hearth_message_get_id (hearth_chat_get_last_message (chat)), ==, id);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (chat, RAJ), raj_read_at));
  g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (chat, ME), read_at));
}

static void
test_store_rewards (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rewards = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model = hearth_store_get_rewards (f->store);
  HearthReward *coffee = NULL;

  /* Unknown reward: GET /rewards, then "reward-changed" for it. */
  dispatch (f, "reward-consumed", "{\"reward\": \"%s\", \"isExpired\": false, \"remaining\": 0, "
            "\"isConsumedByYou\": false}", REWARD_YOGA);
  dispatch (f, "reward-consumed", "{\"reward\": \"%s\", \"remaining\": 11}", REWARD_COFFEE);
  g_assert_cmpuint (_hearth_store_count_running_fetches (f->store), ==, 1);
  g_assert_true (wait_until (f, no_fetch_running, NULL));
  g_assert_cmpuint (n_items (model), ==, 3);
  g_assert_cmpuint (f->rewards_changed->len, ==, 2);
  g_assert_cmpstr (hearth_reward_get_id (g_ptr_array_index (f->rewards_changed, 0)), ==,
                   REWARD_YOGA);

  for (guint i = 0; i < n_items (model); i++)
    {
      g_autoptr(HearthReward) reward = g_list_model_get_item (model, i);

      if (g_strcmp0 (hearth_reward_get_id (reward), REWARD_COFFEE) == 0)
        coffee = reward;
    }
  g_assert_nonnull (coffee);
  g_assert_cmpint (hearth_reward_get_remaining (coffee), ==, 12);
  g_assert_false (hearth_reward_get_is_consumed_by_you (coffee));

  /* Known: updated in place. */
  dispatch (f, "reward-consumed", "{\"reward\": \"%s\", \"isExpired\": false, \"remaining\": 11, "
            "\"isConsumedByYou\": true}", REWARD_COFFEE);
  g_assert_cmpint (hearth_reward_get_remaining (coffee), ==, 11);
  g_assert_true (hearth_reward_get_is_consumed_by_you (coffee));
  g_assert_false (hearth_reward_get_is_expired (coffee));
  g_assert_cmpuint (f->rewards_changed->len, ==, 3);
  g_assert_true (g_ptr_array_index (f->rewards_changed, 2) == coffee);

  /* A resync keeps the objects. */
  hearth_api_list_rewards_async (f->api, NULL, store_result_cb, &result);
  wait_result (f, &result);
  rewards = hearth_api_list_rewards_finish (f->api, result, &error);
  g_assert_no_error (error);
  hearth_store_apply_rewards (f->store, rewards);
  g_assert_cmpuint (n_items (model), ==, 3);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < n_items (model); i++)
      {
        g_autoptr(HearthReward) reward = g_list_model_get_item (model, i);

        found |= reward == coffee;
      }
    g_assert_true (found);
  }
  /* The server's value wins (nobody consumed it there). */
  g_assert_cmpint (hearth_reward_get_remaining (coffee), ==, 12);
  g_assert_cmpuint (_hearth_store_count_running_fetches (f->store), ==, 0);
}

#define SAME_DAY_SCORE \
  "{\"date\": \"2026-03-14T00:00:00.000Z\", \"reelsSeen\": %d, \"totalScore\": %s, " \
  "\"social\": {\"score\": 1, \"day\": \"saturday\", \"actions\": [" \
  "{\"label\": \"Send a DM to a friend\", \"type\": \"send-dm-message\", \"value\": %d%s}]}, " \
  "\"mindfulness\": {\"score\": 0.5, \"actions\": []}}"

static void
test_store_score (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(HearthScoreAction) action = NULL;
  HearthScore *score;
  guint notified = 0;

  g_signal_connect (f->store, "notify::score", G_CALLBACK (on_notify_cb), &notified);

  dispatch (f, "score-updated", SAME_DAY_SCORE, 3, "1.5", 0, "");
  score = hearth_store_get_score (f->store);
  g_assert_nonnull (score);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (f->scores_changed, ==, 1);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 1.5);
  action = g_list_model_get_item (hearth_score_get_social_actions (score), 0);
  g_assert_false (hearth_score_action_get_completed (action));

  /* The same day again: the same objects, new values. */
  dispatch (f, "score-updated", SAME_DAY_SCORE, 5, "2.5", 1, ", \"completed\": true");
  g_assert_true (hearth_store_get_score (f->store) == score);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (f->scores_changed, ==, 2);
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 5);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 2.5);
  g_assert_cmpfloat (hearth_score_get_social_score (score), ==, 1);
  g_assert_cmpfloat (hearth_score_get_mindfulness_score (score), ==, 0.5);
  {
    g_autoptr(HearthScoreAction) again = g_list_model_get_item (hearth_score_get_social_actions (score), 0);

    g_assert_true (again == action);
    g_assert_true (hearth_score_action_get_completed (action));
    g_assert_cmpfloat (hearth_score_action_get_value (action), ==, 1);
  }

  /* An older day: stored, not shown. */
  dispatch (f, "score-updated", "{\"date\": \"2026-03-13T00:00:00.000Z\", \"totalScore\": 9}");
  g_assert_true (hearth_store_get_score (f->store) == score);
  g_assert_cmpuint (f->scores_changed, ==, 2);

  /* The next day: a new object. */
  dispatch (f, "score-updated", "{\"date\": \"2026-03-15T00:00:00.000Z\", \"totalScore\": 0.5}");
  g_assert_true (hearth_store_get_score (f->store) != score);
  g_assert_cmpfloat (hearth_score_get_total_score (hearth_store_get_score (f->store)), ==, 0.5);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (f->scores_changed, ==, 3);
}

static void
test_store_one_turn (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const chat_ids[] = { CHAT_RAJ, CHAT_ANA, CHAT_HIKE, CHAT_GROUP, CHAT_MEI };
  static const char * const senders[] = { RAJ_JSON, ANA_JSON, TOM_JSON, MEI_JSON, MEI_JSON };
  g_autoptr(GPtrArray) order_before = g_ptr_array_new ();
  guint writes;
  guint changes;
  guint total = 0;

  apply_server_chats (f);
  hearth_store_flush (f->store);
  spin_idle ();
  writes = _hearth_store_get_write_count (f->store);
  changes = f->chat_list_changes;
  for (guint i = 0; i < 5; i++)
    g_ptr_array_add (order_before, chat_at (f, i));

  /* 100 events in one turn, each moving a chat to the top. */
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GDateTime) at = from_now (10 + i);
      g_autofree char *id = dispatch_message (f, "messages-received", chat_ids[i % 5],
                                              senders[i % 5], "burst", at, NULL);
    }

  /* The chats already changed; the chat list keeps serving what it announced, and the
   * signal and the write wait for the end of the turn. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(HearthChat) shown = g_list_model_get_item (hearth_store_get_chats (f->store), i);

      g_assert_true (shown == g_ptr_array_index (order_before, i));
    }
  g_assert_cmpuint (f->chat_list_changes, ==, changes);
  g_assert_cmpuint (_hearth_store_get_write_count (f->store), ==, writes);

  spin_idle ();
  g_assert_cmpuint (f->chat_list_changes, ==, changes + 1);
  g_assert_true (chat_at (f, 0) == hearth_store_lookup_chat (f->store, CHAT_MEI));
  g_assert_true (chat_at (f, 1) == hearth_store_lookup_chat (f->store, CHAT_GROUP));
  g_assert_cmpuint (f->chat_list_changes, ==, changes + 1);
  g_assert_cmpuint (_hearth_store_get_write_count (f->store), ==, writes + 1);
  g_assert_cmpuint (f->added->len, ==, 100);

  hearth_store_flush (f->store);
  g_assert_cmpuint (_hearth_store_get_write_count (f->store), ==, writes + 1);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GPtrArray) stored = database_messages (f, f->database, chat_ids[i]);

      for (guint j = 0; j < stored->len; j++)
        total += g_strcmp0 (hearth_message_get_content (g_ptr_array_index (stored, j)), "burst") == 0;
    }
  g_assert_cmpuint (total, ==, 100);
}

static void
test_store_database_error (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *big = g_strnfill (3000, 'x');
  HearthChat *chat;

  apply_server_chats (f);
  hearth_store_flush (f->store);
  spin_idle ();
  g_assert_cmpuint (f->db_errors, ==, 0);

  /* No room to grow: the next batch fails as a whole. */
  hearth_database_set_max_pages (f->database, 1);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GDateTime) at = from_now (10 + i);
      g_autofree char *id = dispatch_message (f, "messages-received", CHAT_HIKE, ANA_JSON, big, at,
                                              NULL);
    }
  hearth_store_flush (f->store);
  spin_idle ();
  g_assert_cmpuint (f->db_errors, ==, 1);

  /* Memory keeps the state. */
  chat = hearth_store_lookup_chat (f->store, CHAT_HIKE);
  g_assert_cmpstr (hearth_message_get_content (hearth_chat_get_last_message (chat)), ==, big);
  g_assert_cmpuint (f->added->len, ==, 200);

  /* Room again: later batches go through, no more errors. */
  hearth_database_set_max_pages (f->database, 0);
  hearth_store_set_draft (f->store, CHAT_HIKE, "hello");
  hearth_store_flush (f->store);
  spin_idle ();
  g_assert_cmpuint (f->db_errors, ==, 1);
}

static void
load_store (Fixture     *f,
            HearthStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hearth_store_load_async (store, NULL, store_result_cb, &result);
  wait_result (f, &result);
  g_assert_true (hearth_store_load_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
test_store_persistence (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthDatabase) database = NULL;
  g_autoptr(HearthDatabase) database2 = NULL;
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(HearthMessageList) list2 = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) message_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unread = g_ptr_array_new ();
  g_autoptr(GDateTime) at = from_now (5);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rewards = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;
  HearthStore *store2;

  dir = g_dir_make_tmp ("hearth-store-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "hearth.db", NULL);

  /* The first store, on a file. */
  g_clear_object (&f->store);
  database = hearth_database_new (path, &error);
  g_assert_no_error (error);
  f->store = make_store (f, database, f->bus, f->api);

  apply_server_chats (f);
  list = get_loaded_messages (f, CHAT_HIKE);
  g_assert_cmpuint (n_items (list), ==, N_HIKE_MESSAGES);
  id = dispatch_message (f, "messages-received", CHAT_HIKE, ANA_JSON, "new one", at, NULL);
  dispatch (f, "score-updated", "{\"date\": \"2026-03-14T00:00:00.000Z\", \"totalScore\": 2}");
  hearth_store_set_draft (f->store, CHAT_ANA, "draft text");
  hearth_api_list_rewards_async (f->api, NULL, store_result_cb, &result);
  wait_result (f, &result);
  rewards = hearth_api_list_rewards_finish (f->api, result, &error);
  g_assert_no_error (error);
  hearth_store_apply_rewards (f->store, rewards);

  for (guint i = 0; i < chat_count (f); i++)
    {
      HearthChat *chat = chat_at (f, i);

      g_ptr_array_add (ids, g_strdup_printf ("%s|%s|%s", hearth_chat_get_id (chat),
                                             hearth_chat_get_title (chat),
                                             hearth_message_get_id (hearth_chat_get_last_message (chat))));
      g_ptr_array_add (unread, GUINT_TO_POINTER (hearth_chat_get_unread (chat)));
    }
  for (guint i = 0; i < n_items (list); i++)
    g_ptr_array_add (message_ids, g_strdup (hearth_message_get_id (list_item (list, i))));
  g_assert_cmpuint (message_ids->len, ==, N_HIKE_MESSAGES + 1);

  hearth_store_flush (f->store);
  g_clear_object (&list);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  hearth_database_close (database);

  /* A second store over the same file, offline (no api, no bus): everything from disk. */
  database2 = hearth_database_new (path, &error);
  g_assert_no_error (error);
  store2 = f->store = make_store (f, database2, NULL, NULL);
  load_store (f, store2);

  g_assert_cmpuint (chat_count (f), ==, ids->len);
  for (guint i = 0; i < chat_count (f); i++)
    {
      HearthChat *chat = chat_at (f, i);
      g_autofree char *text = g_strdup_printf ("%s|%s|%s", hearth_chat_get_id (chat),
                                               hearth_chat_get_title (chat),
                                               hearth_message_get_id (hearth_chat_get_last_message (chat)));

      g_assert_cmpstr (text, ==, g_ptr_array_index (ids, i));
      g_assert_cmpuint (hearth_chat_get_unread (chat), ==,
                        GPOINTER_TO_UINT (g_ptr_array_index (unread, i)));
      for (guint j = 0; j < n_items (hearth_chat_get_participants (chat)); j++)
        {
          HearthUser *user = participant_at (chat, j);

          g_assert_true (hearth_store_lookup_user (store2, hearth_user_get_id (user)) == user);
        }
    }
  g_assert_true (hearth_store_lookup_user (store2, ME) == f->me);
  g_assert_cmpstr (hearth_store_get_draft (store2, CHAT_ANA), ==, "draft text");
  g_assert_cmpuint (n_items (hearth_store_get_rewards (store2)), ==, 3);
  g_assert_nonnull (hearth_store_get_score (store2));
  g_assert_cmpfloat (hearth_score_get_total_score (hearth_store_get_score (store2)), ==, 2);

  list2 = get_loaded_messages (f, CHAT_HIKE);
  g_assert_true (hearth_message_list_get_complete (list2));
  g_assert_cmpuint (n_items (list2), ==, message_ids->len);
  for (guint i = 0; i < n_items (list2); i++)
    g_assert_cmpstr (hearth_message_get_id (list_item (list2, i)), ==,
                     g_ptr_array_index (message_ids, i));
  /* The chat's last message and the list's newest are one object. */
  g_assert_true (list_item (list2, n_items (list2) - 1) ==
                 hearth_chat_get_last_message (hearth_store_lookup_chat (store2, CHAT_HIKE)));

  g_clear_object (&list2);
  hearth_store_flush (store2);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  hearth_database_delete_files (database2, &error);
  g_assert_no_error (error);
  g_rmdir (dir);
}

static void
on_load_older_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GArray *counts = user_data;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (hearth_message_list_load_older_finish (HEARTH_MESSAGE_LIST (object), result,
                                                        &n, &error));
  g_assert_no_error (error);
  g_array_append_val (counts, n);
}

static gboolean
two_counts (Fixture       *f,
            gconstpointer  data)
{
  return ((GArray *)data)->len == 2;
}

static void
test_store_paging (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(HearthMessageList) list2 = NULL;
  g_autoptr(GPtrArray) expected = server_messages (f, CHAT_HIKE);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  HearthStore *store2;

  g_assert_cmpuint (expected->len, ==, N_HIKE_MESSAGES);

  _hearth_store_set_page_size (f->store, 3);
  apply_server_chats (f);

  /* The database holds only the last message: 1 from there, then 3 from the server. */
  list = get_loaded_messages (f, CHAT_HIKE);
  g_assert_cmpuint (n_items (list), ==, 4);
  g_assert_false (hearth_message_list_get_complete (list));

  /* Two callers while one load runs: both get its result. */
  hearth_message_list_load_older_async (list, NULL, on_load_older_cb, counts);
  hearth_message_list_load_older_async (list, NULL, on_load_older_cb, counts);
  g_assert_true (hearth_message_list_get_loading (list));
  g_assert_true (wait_until (f, two_counts, counts));
  g_assert_cmpuint (g_array_index (counts, guint, 0), ==, 3);
  g_assert_cmpuint (g_array_index (counts, guint, 1), ==, 3);
  g_assert_cmpuint (n_items (list), ==, 7);
  g_assert_false (hearth_message_list_get_complete (list));

  /* Nothing older on the server: complete. */
  g_assert_cmpuint (load_older (f, list), ==, 0);
  g_assert_true (hearth_message_list_get_complete (list));
  g_assert_cmpuint (load_older (f, list), ==, 0);

  for (guint i = 0; i < expected->len; i++)
    {
      HearthMessage *message = list_item (list, i);

      g_assert_cmpstr (hearth_message_get_id (message), ==,
                       hearth_message_get_id (g_ptr_array_index (expected, i)));
      g_assert_true (hearth_message_get_sender (message) ==
                     hearth_store_lookup_user (f->store, hearth_message_get_sender_id (message)));
    }
  g_assert_true (list_item (list, 6) ==
                 hearth_chat_get_last_message (hearth_store_lookup_chat (f->store, CHAT_HIKE)));
  g_assert_true (hearth_message_list_get_newest_sent (list) == list_item (list, 6));

  /* Server pages were stored: a store without network pages them from the database. */
  hearth_store_flush (f->store);
  g_clear_object (&list);
  g_assert_finalize_object (g_steal_pointer (&f->store));

  store2 = f->store = make_store (f, f->database, NULL, NULL);
  _hearth_store_set_page_size (store2, 3);
  load_store (f, store2);

  list2 = get_loaded_messages (f, CHAT_HIKE);
  g_assert_cmpuint (n_items (list2), ==, 3);
  g_assert_false (hearth_message_list_get_complete (list2));
  g_assert_cmpuint (load_older (f, list2), ==, 3);
  g_assert_cmpuint (load_older (f, list2), ==, 1);
  g_assert_true (hearth_message_list_get_complete (list2));
  g_assert_cmpuint (n_items (list2), ==, N_HIKE_MESSAGES);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (hearth_message_get_id (list_item (list2, i)), ==,
                     hearth_message_get_id (g_ptr_array_index (expected, i)));
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} Change;

static void
on_list_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static void
test_store_late_delivery (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(GDateTime) between = NULL;
  g_autofree char *id = NULL;
  HearthMessage *newest;
  Change change = { 0 };
  GTimeSpan gap;

  apply_server_chats (f);
  list = get_loaded_messages (f, CHAT_HIKE);
  g_assert_cmpuint (n_items (list), ==, N_HIKE_MESSAGES);
  newest = list_item (list, 6);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_list_changed_cb), &change);

  gap = g_date_time_difference (hearth_message_get_at (newest),
                                hearth_message_get_at (list_item (list, 5)));
  g_assert_cmpint (gap, >, 2 * G_TIME_SPAN_SECOND);
  between = g_date_time_add (hearth_message_get_at (list_item (list, 5)), gap / 2);

  id = dispatch_message (f, "messages-received", CHAT_HIKE, TOM_JSON, "delayed", between, NULL);
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 6);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (list_item (list, 6)), ==, id);
  g_assert_true (list_item (list, 7) == newest);
  /* The chat's last message stays the newest one. */
  g_assert_true (hearth_chat_get_last_message (hearth_store_lookup_chat (f->store, CHAT_HIKE)) ==
                 newest);

  for (guint i = 1; i < n_items (list); i++)
    g_assert_cmpint (g_date_time_compare (hearth_message_get_at (list_item (list, i - 1)),
                                          hearth_message_get_at (list_item (list, i))), <=, 0);
}

static void
test_store_resync (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = from_now (5);
  g_autofree char *id = NULL;
  HearthChat *raj_chat;
  HearthChat *hike;
  guint changes;

  apply_server_chats (f);
  raj_chat = hearth_store_lookup_chat (f->store, CHAT_RAJ);
  hike = hearth_store_lookup_chat (f->store, CHAT_HIKE);
  dispatch (f, "typing-started", "{\"user\": %s, \"chat\": \"%s\"}", RAJ_JSON, CHAT_RAJ);
  hearth_chat_set_unread (raj_chat, 42);
  spin_idle ();
  changes = f->chat_list_changes;

  /* Meanwhile on the server: a new message in the hike chat, and Ana's chat is gone for us. */
  id = hearth_server_post_message (f->server, TOM, CHAT_HIKE, "Trail is muddy", NULL, &error);
  g_assert_no_error (error);

  hearth_api_list_chats_async (f->api, NULL, store_result_cb, &result);
  wait_result (f, &result);
  chats = hearth_api_list_chats_finish (f->api, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < chats->len; i++)
    if (g_strcmp0 (hearth_chat_get_id (g_ptr_array_index (chats, i)), CHAT_ANA) == 0)
      g_ptr_array_remove_index (chats, i--);

  hearth_store_apply_chats (f->store, chats);

  g_assert_null (hearth_store_lookup_chat (f->store, CHAT_ANA));
  g_assert_cmpuint (f->removed->len, ==, 0);
  g_assert_true (hearth_store_lookup_chat (f->store, CHAT_RAJ) == raj_chat);
  g_assert_true (hearth_store_lookup_chat (f->store, CHAT_HIKE) == hike);
  g_assert_cmpuint (hearth_chat_get_unread (raj_chat), !=, 42);
  g_assert_cmpuint (n_items (hearth_chat_get_typing_users (raj_chat)), ==, 0);
  g_assert_cmpstr (hearth_message_get_id (hearth_chat_get_last_message (hike)), ==, id);
  g_assert_true (chat_at (f, 0) == hike);
  g_assert_cmpuint (chat_count (f), ==, 4);

  spin_idle ();
  g_assert_cmpuint (f->chat_list_changes, ==, changes + 1);
}

static void
test_store_wipe (Fixture       *f,
                 gconstpointer  data)
{
  apply_server_chats (f);
  hearth_store_set_draft (f->store, CHAT_RAJ, "bye");
  dispatch (f, "score-updated", "{\"date\": \"2026-03-14T00:00:00.000Z\", \"totalScore\": 2}");
  hearth_store_flush (f->store);

  hearth_store_wipe (f->store);
  g_assert_cmpuint (chat_count (f), ==, 0);
  g_assert_null (hearth_store_lookup_user (f->store, RAJ));
  g_assert_true (hearth_store_lookup_user (f->store, ME) == f->me);
  g_assert_null (hearth_store_get_draft (f->store, CHAT_RAJ));
  g_assert_null (hearth_store_get_score (f->store));

  hearth_store_flush (f->store);
  {
    g_autoptr(GPtrArray) chats = database_chats (f, f->database);
    g_autoptr(GPtrArray) stored = database_messages (f, f->database, CHAT_RAJ);

    g_assert_cmpuint (chats->len, ==, 0);
    g_assert_cmpuint (stored->len, ==, 0);
  }
}

static void
test_store_mark_read_locally (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) at = from_now (-5);
  g_autoptr(GDateTime) before = from_now (-1);
  g_autofree char *id = NULL;
  HearthChat *chat;

  apply_server_chats (f);
  chat = hearth_store_lookup_chat (f->store, CHAT_RAJ);
  id = dispatch_message (f, "messages-received", CHAT_RAJ, RAJ_JSON, "read me", at, NULL);
  g_assert_cmpuint (hearth_chat_get_unread (chat), >, 0);

  hearth_store_mark_read_locally (f->store, CHAT_RAJ);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_cmpint (g_date_time_compare (hearth_chat_get_last_read_at (chat, ME), before), >=, 0);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Hearth/Store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("seed-samples", test_store_seed_samples);
  ADD ("presence", test_store_presence);
  ADD ("typing", test_store_typing);
  ADD ("messages-read", test_store_messages_read);
  ADD ("messages-received", test_store_messages_received);
  ADD ("messages-sent", test_store_messages_sent);
  ADD ("pending", test_store_pending);
  ADD ("chat-created", test_store_chat_created);
  ADD ("participant-removed", test_store_participant_removed);
  ADD ("chat-deleted", test_store_chat_deleted);
  ADD ("chat-deleted-open", test_store_chat_deleted_open);
  ADD ("deleted-while-fetching", test_store_deleted_while_fetching);
  ADD ("unknown-chat-once", test_store_unknown_chat_once);
  ADD ("read-before-message", test_store_read_before_message);
  ADD ("rewards", test_store_rewards);
  ADD ("score", test_store_score);
  ADD ("one-turn", test_store_one_turn);
  ADD ("database-error", test_store_database_error);
  ADD ("persistence", test_store_persistence);
  ADD ("paging", test_store_paging);
  ADD ("late-delivery", test_store_late_delivery);
  ADD ("resync", test_store_resync);
  ADD ("wipe", test_store_wipe);
  ADD ("mark-read-locally", test_store_mark_read_locally);

#undef ADD

  return g_test_run ();
}
