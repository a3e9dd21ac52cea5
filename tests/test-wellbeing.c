/* test-wellbeing.c: rewards, the score and its history, from the reference server through the
 * session to the store and the database
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <sqlite3.h>

#include "hearth-api.h"
#include "hearth-connection.h"
#include "hearth-database.h"
#include "hearth-database-private.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-server.h"
#include "hearth-session.h"
#include "hearth-session-private.h"
#include "hearth-session-test.h"
#include "hearth-store.h"
#include "hearth-store-private.h"
#include "hearth-test-util.h"
#include "hearth-user.h"

/* Rewards of tests/data/seed.json. */
#define COFFEE "69a81ec0f252e6b4383a1f2b"   /* 12 left */
#define YOGA   "69aac1c0f252e6b4383a1f2c"   /* 1 left */
#define MUSEUM "698dc0c0f252e6b4383a1f2d"   /* expired, consumed by me */

typedef struct
{
  HearthServer  *server;
  guint          port;
  char          *url;
  char          *data_dir;
  HearthSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = hearth_server_new ();
  hearth_server_load_seed_file (f->server, g_getenv ("HEARTH_SEED_FIXTURE"), &error);
  g_assert_no_error (error);
  hearth_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  f->port = hearth_server_get_port (f->server);
  f->url = hearth_server_dup_url (f->server);

  f->data_dir = g_dir_make_tmp ("hearth-wellbeing-XXXXXX", &error);
  g_assert_no_error (error);
  f->session = hearth_session_new (f->url, f->data_dir);
  _hearth_session_set_retry_delays (f->session, 30, 200, 30, 200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_clear_and_wait (&f->session);
  hearth_server_shutdown (f->server);
  g_clear_object (&f->server);
  test_remove_tree (f->data_dir);
  g_free (f->data_dir);
  g_free (f->url);
}

static void
sign_in (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };

  hearth_session_sign_in_async (f->session, "alex", "hearth-alex", NULL, test_sync_cb, &sync);
  hearth_session_sign_in_finish (f->session, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);
}

static gboolean
session_live (gpointer data)
{
  return hearth_session_get_wellbeing_live (data);
}

static gboolean
session_offline (gpointer data)
{
  return !hearth_session_get_wellbeing_live (data);
}

/* Signs in and waits for the first refresh (after the first resync). */
static HearthStore *
sign_in_live (Fixture *f)
{
  g_assert_false (hearth_session_get_wellbeing_live (f->session));
  sign_in (f);
  g_assert_true (test_wait_until (session_live, f->session, WAIT_MS));

  return hearth_session_get_store (f->session);
}

static HearthReward *
find_reward (HearthStore *store,
             const char  *reward_id)
{
  GListModel *rewards = hearth_store_get_rewards (store);

  for (guint i = 0; i < g_list_model_get_n_items (rewards); i++)
    {
      g_autoptr(HearthReward) reward = g_list_model_get_item (rewards, i);

      if (g_strcmp0 (hearth_reward_get_id (reward), reward_id) == 0)
        return reward;  /* the store keeps it */
    }

  return NULL;
}

/* The history entry at @position (transfer none: the store keeps it). */
static HearthScore *
history_at (HearthStore *store,
            guint        position)
{
  g_autoptr(HearthScore) entry = g_list_model_get_item (hearth_store_get_score_history (store),
                                                        position);

  g_assert_nonnull (entry);
  return entry;
}

static guint
history_length (HearthStore *store)
{
  return g_list_model_get_n_items (hearth_store_get_score_history (store));
}

static HearthScore *
history_last (HearthStore *store)
{
  return history_at (store, history_length (store) - 1);
}

static char *
day_of (HearthScore *score)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (hearth_score_get_date (score));

  return g_date_time_format (utc, "%Y-%m-%d");
}

/* Oldest first, one per day. */
static void
assert_history_ordered (HearthStore *store)
{
  g_autofree char *previous = NULL;

  for (guint i = 0; i < history_length (store); i++)
    {
      char *day = day_of (history_at (store, i));

      if (previous != NULL)
        g_assert_cmpstr (previous, <, day);
      g_free (previous);
      previous = day;
    }
}

static gboolean
consume (Fixture     *f,
         const char  *reward_id,
         GError     **error)
{
  TestSync sync = { NULL };
  gboolean ok;

  hearth_session_consume_reward_async (f->session, reward_id, NULL, test_sync_cb, &sync);
  ok = hearth_session_consume_reward_finish (f->session, test_sync_wait (&sync), error);
  g_clear_object (&sync.result);

  return ok;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

/* A store on a database file of its own, without a session. */

typedef struct
{
  char           *dir;
  char           *path;
  HearthDatabase *database;
  HearthEventBus *bus;
  HearthUser     *me;
  HearthStore    *store;
} StoreFixture;

static HearthStore *
store_open (StoreFixture *s,
            HearthApi    *api)
{
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };

  if (s->database == NULL)
    {
      s->database = hearth_database_new (s->path, &error);
      g_assert_no_error (error);
    }
  s->store = hearth_store_new (s->me, s->database, s->bus, api);
  hearth_store_load_async (s->store, NULL, test_sync_cb, &sync);
  hearth_store_load_finish (s->store, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);

  return s->store;
}

/* Writes everything and forgets the store and the database (the file stays). */
static void
store_close (StoreFixture *s)
{
  if (s->store != NULL)
    {
      hearth_store_flush (s->store);
      g_assert_finalize_object (g_steal_pointer (&s->store));
    }
  if (s->database != NULL)
    {
      hearth_database_close (s->database);
      g_clear_object (&s->database);
    }
}

static void
store_set_up (StoreFixture *s)
{
  g_autoptr(GError) error = NULL;

  s->dir = g_dir_make_tmp ("hearth-wellbeing-XXXXXX", &error);
  g_assert_no_error (error);
  s->path = g_build_filename (s->dir, "hearth.db", NULL);
  s->bus = hearth_event_bus_new ();
  s->me = hearth_user_new (ME);
}

static void
store_tear_down (StoreFixture *s)
{
  store_close (s);
  g_clear_object (&s->bus);
  g_clear_object (&s->me);
  test_remove_tree (s->dir);
  g_free (s->dir);
  g_free (s->path);
}

static void
dispatch (HearthEventBus *bus,
          const char     *name,
          const char     *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthEvent) event = hearth_event_new_from_data_text (name, data, -1, &error);

  g_assert_no_error (error);
  hearth_event_bus_dispatch (bus, event);
}

/* The seed fixture as JSON, for a test to change. */
static JsonParser *
load_seed (JsonObject **root)
{
  JsonParser *parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, g_getenv ("HEARTH_SEED_FIXTURE"), &error);
  g_assert_no_error (error);
  *root = json_node_get_object (json_parser_get_root (parser));

  return parser;
}

/* The seed with the museum ticket (expired) not consumed by me. */
static char *
seed_with_expired_reward (void)
{
  JsonObject *root;
  g_autoptr(JsonParser) parser = load_seed (&root);
  JsonArray *rewards = json_object_get_array_member (root, "rewards");

  for (guint i = 0; i < json_array_get_length (rewards); i++)
    {
      JsonObject *reward = json_array_get_object_element (rewards, i);

      if (g_strcmp0 (json_object_get_string_member (reward, "_id"), MUSEUM) == 0)
        {
          json_object_set_int_member (reward, "remaining", 3);
          json_object_set_array_member (reward, "consumedBy", json_array_new ());
        }
    }

  return json_to_string (json_parser_get_root (parser), FALSE);
}

/* Session: refresh, consume, live {{{ */

/* The first refresh fills rewards, score and history from the server. */
static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *score_day = NULL;
  g_autofree char *last_day = NULL;
  HearthStore *store;
  HearthReward *reward;
  HearthScore *score;
  g_autoptr(GDateTime) updated = NULL;

  /* Not signed in: nothing to refresh, nothing breaks. */
  hearth_session_refresh_wellbeing (f->session);
  g_assert_false (hearth_session_get_wellbeing_live (f->session));

  store = sign_in_live (f);
  after = g_date_time_new_now_utc ();

  g_assert_cmpuint (g_list_model_get_n_items (hearth_store_get_rewards (store)), ==, 3);
  reward = find_reward (store, COFFEE);
  g_assert_cmpstr (hearth_reward_get_title (reward), ==, "Free coffee at Bean There");
  g_assert_cmpint (hearth_reward_get_remaining (reward), ==, 12);
  g_assert_false (hearth_reward_get_is_consumed_by_you (reward));
  reward = find_reward (store, MUSEUM);
  g_assert_true (hearth_reward_get_is_expired (reward));
  g_assert_true (hearth_reward_get_is_consumed_by_you (reward));

  score = hearth_store_get_score (store);
  g_assert_nonnull (score);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 1.5);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (score)), ==, 2);

  /* The seed's 30 days, the last one today's score. */
  g_assert_cmpuint (history_length (store), ==, HEARTH_STORE_SCORE_HISTORY_DAYS);
  assert_history_ordered (store);
  g_assert_cmpfloat (hearth_score_get_total_score (history_at (store, 0)), ==, 2.0);
  score_day = day_of (score);
  last_day = day_of (history_last (store));
  g_assert_cmpstr (last_day, ==, score_day);
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 1.5);
  g_assert_true (history_last (store) != score);

  updated = g_date_time_ref (hearth_store_get_wellbeing_updated (store));
  g_assert_cmpint (g_date_time_compare (before, updated), <=, 0);
  g_assert_cmpint (g_date_time_compare (updated, after), <=, 0);

  /* Retry, twice at once: the second replaces the first; live all along. */
  {
    guint live_notes = 0;
    guint updated_notes = 0;

    g_signal_connect (f->session, "notify::wellbeing-live", G_CALLBACK (count_notify_cb),
                      &live_notes);
    g_signal_connect (store, "notify::wellbeing-updated", G_CALLBACK (count_notify_cb),
                      &updated_notes);
    hearth_session_refresh_wellbeing (f->session);
    hearth_session_refresh_wellbeing (f->session);
    g_assert_true (hearth_test_wait_for_count (&updated_notes, 1, WAIT_MS));
    hearth_test_spin (100);
    g_assert_cmpuint (updated_notes, ==, 1);
    g_assert_cmpuint (live_notes, ==, 0);
    g_assert_true (hearth_session_get_wellbeing_live (f->session));
    g_assert_cmpint (g_date_time_compare (hearth_store_get_wellbeing_updated (store), updated),
                     >, 0);
  }
}

/* A new account: no score yet (GET /score is a 404), no history. Not an error. */
static void
test_no_score (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = NULL;
  JsonObject *root;
  g_autoptr(JsonParser) parser = load_seed (&root);
  HearthStore *store;

  json_object_remove_member (root, "score");
  json_object_set_array_member (root, "history", json_array_new ());
  seed = json_to_string (json_parser_get_root (parser), FALSE);
  hearth_server_load_seed_data (f->server, seed, -1, &error);
  g_assert_no_error (error);

  store = sign_in_live (f);
  g_assert_null (hearth_store_get_score (store));
  g_assert_cmpuint (history_length (store), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_store_get_rewards (store)), ==, 3);
  g_assert_nonnull (hearth_store_get_wellbeing_updated (store));
}

/* Consuming: the reply updates the store's reward. */
static void
test_consume (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  HearthStore *store;
  HearthReward *coffee;

  /* Not signed in. */
  g_assert_false (consume (f, COFFEE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);

  store = sign_in_live (f);
  coffee = find_reward (store, COFFEE);
  g_assert_true (consume (f, COFFEE, &error));
  g_assert_no_error (error);
  g_assert_true (find_reward (store, COFFEE) == coffee);
  g_assert_cmpint (hearth_reward_get_remaining (coffee), ==, 11);
  g_assert_true (hearth_reward_get_is_consumed_by_you (coffee));

  /* Again: not an error, nothing more taken. */
  g_assert_true (consume (f, COFFEE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hearth_reward_get_remaining (coffee), ==, 11);
}

static gboolean
yoga_gone (gpointer data)
{
  return hearth_reward_get_remaining (data) == 0;
}

/* Expired, used up, unknown: the server's error, and the store is left as it was. */
static void
test_consume_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = seed_with_expired_reward ();
  HearthStore *store;
  HearthReward *museum;
  HearthReward *yoga;
  guint notes = 0;

  hearth_server_load_seed_data (f->server, seed, -1, &error);
  g_assert_no_error (error);
  store = sign_in_live (f);
  museum = find_reward (store, MUSEUM);
  yoga = find_reward (store, YOGA);
  g_assert_true (hearth_reward_get_is_expired (museum));
  g_assert_false (hearth_reward_get_is_consumed_by_you (museum));

  /* Expired (though some are left). */
  g_signal_connect (museum, "notify", G_CALLBACK (count_notify_cb), &notes);
  g_assert_false (consume (f, MUSEUM, &error));
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "This reward has expired");
  g_clear_error (&error);
  g_assert_cmpint (hearth_reward_get_remaining (museum), ==, 3);
  g_assert_false (hearth_reward_get_is_consumed_by_you (museum));

  /* Used up: Raj takes the last yoga pass (I see it go), then mine fails. */
  g_assert_true (hearth_server_consume_reward (f->server, RAJ, YOGA, &error));
  g_assert_no_error (error);
  g_assert_true (test_wait_until (yoga_gone, yoga, WAIT_MS));
  g_signal_connect (yoga, "notify", G_CALLBACK (count_notify_cb), &notes);

  g_assert_false (consume (f, YOGA, &error));
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "This reward is no longer available");
  g_clear_error (&error);
  g_assert_cmpint (hearth_reward_get_remaining (yoga), ==, 0);
  g_assert_false (hearth_reward_get_is_consumed_by_you (yoga));

  /* Unknown. */
  g_assert_false (consume (f, "000000000000000000000000", &error));
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No such reward");
  g_clear_error (&error);

  /* Nothing moved, nothing came. */
  hearth_test_spin (50);
  g_assert_cmpuint (notes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_store_get_rewards (store)), ==, 3);
}

/* wellbeing-live: FALSE when the server goes away, TRUE again after the refresh that follows
 * the reconnect; the data stays, with its time. */
static void
test_live_offline (Fixture       *f,
                   gconstpointer  data)
{
  HearthStore *store = sign_in_live (f);
  g_autoptr(GDateTime) first = g_date_time_ref (hearth_store_get_wellbeing_updated (store));

  hearth_server_shutdown (f->server);
  g_assert_true (test_wait_until (session_offline, f->session, WAIT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (hearth_store_get_rewards (store)), ==, 3);
  g_assert_nonnull (hearth_store_get_score (store));
  g_assert_true (g_date_time_equal (hearth_store_get_wellbeing_updated (store), first));

  /* A retry while offline fails: still not live, the time stays. */
  hearth_session_refresh_wellbeing (f->session);
  hearth_test_spin (100);
  g_assert_false (hearth_session_get_wellbeing_live (f->session));
  g_assert_true (g_date_time_equal (hearth_store_get_wellbeing_updated (store), first));

  test_server_restart (f->server, f->port);
  g_assert_true (test_wait_until (session_live, f->session, WAIT_MS));
  g_assert_cmpint (g_date_time_compare (hearth_store_get_wellbeing_updated (store), first), >, 0);

  /* Signed out: not live. */
  hearth_session_sign_out (f->session);
  g_assert_false (hearth_session_get_wellbeing_live (f->session));
}

static gboolean
history_follows_score (gpointer data)
{
  HearthStore *store = data;

  return hearth_score_get_total_score (hearth_store_get_score (store)) != 1.5 &&
         hearth_score_get_total_score (history_last (store)) ==
           hearth_score_get_total_score (hearth_store_get_score (store));
}

/* The history is in the database: a store opened on it offline shows it, and it follows
 * score-updated there too. */
static void
test_history_offline (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autofree char *today = NULL;
  g_autofree char *json = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *last = NULL;
  HearthStore *live = sign_in_live (f);
  StoreFixture s = { NULL };
  HearthStore *store;
  HearthScore *entry;
  double total;

  /* Live: a score-updated moves today's entry. */
  g_assert_true (hearth_server_update_score (f->server, ME, "send-dm-message", &error));
  g_assert_no_error (error);
  g_assert_true (test_wait_until (history_follows_score, live, WAIT_MS));
  total = hearth_score_get_total_score (history_last (live));
  g_assert_cmpuint (history_length (live), ==, HEARTH_STORE_SCORE_HISTORY_DAYS);
  today = day_of (history_last (live));
  updated = g_date_time_ref (hearth_store_get_wellbeing_updated (live));

  /* The session goes (its store is written out); a fresh store opens the file offline. */
  test_clear_and_wait (&f->session);
  hearth_server_shutdown (f->server);
  store_set_up (&s);
  g_free (s.path);
  s.path = g_build_filename (f->data_dir, "hearth.db", NULL);
  store = store_open (&s, NULL);

  g_assert_cmpuint (history_length (store), ==, HEARTH_STORE_SCORE_HISTORY_DAYS);
  assert_history_ordered (store);
  g_assert_cmpfloat (hearth_score_get_total_score (history_at (store, 0)), ==, 2.0);
  last = day_of (history_last (store));
  g_assert_cmpstr (last, ==, today);
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, total);
  g_assert_true (g_date_time_equal (hearth_store_get_wellbeing_updated (store), updated));
  g_assert_cmpuint (g_list_model_get_n_items (hearth_store_get_rewards (store)), ==, 3);

  /* score-updated of today: its entry takes the total, in place. */
  entry = history_last (store);
  json = g_strdup_printf ("{\"date\": \"%sT00:00:00.000Z\", \"totalScore\": 4.25}", today);
  dispatch (s.bus, "score-updated", json);
  g_assert_true (history_last (store) == entry);
  g_assert_cmpfloat (hearth_score_get_total_score (entry), ==, 4.25);

  /* A new day: appended, the oldest day drops out. */
  first_day = day_of (history_at (store, 0));
  tomorrow = g_date_time_add_days (hearth_score_get_date (entry), 1);
  g_free (last);
  last = g_date_time_format_iso8601 (tomorrow);
  g_free (json);
  json = g_strdup_printf ("{\"date\": \"%s\", \"totalScore\": 0.5, "
                          "\"social\": {\"day\": \"someday\"}}", last);
  dispatch (s.bus, "score-updated", json);
  g_assert_cmpuint (history_length (store), ==, HEARTH_STORE_SCORE_HISTORY_DAYS);
  assert_history_ordered (store);
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 0.5);
  g_assert_cmpstr (hearth_score_get_day (history_last (store)), ==, "someday");
  oldest = day_of (history_at (store, 0));
  g_assert_cmpstr (oldest, >, first_day);

  /* And that is stored too. */
  store_close (&s);
  store = store_open (&s, NULL);
  g_assert_cmpuint (history_length (store), ==, HEARTH_STORE_SCORE_HISTORY_DAYS);
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 0.5);
  g_assert_cmpfloat (hearth_score_get_total_score (history_at (store, 28)), ==, 4.25);

  store_tear_down (&s);
}

/* }}} */
/* Store: unknown rewards, history rules, bad input {{{ */

static gboolean
no_fetch_running (gpointer data)
{
  return _hearth_store_count_running_fetches (data) == 0;
}

static void
on_reward_changed_cb (HearthStore  *store,
                      HearthReward *reward,
                      GPtrArray    *changed)
{
  g_ptr_array_add (changed, g_strdup (hearth_reward_get_id (reward)));
}

/* reward-consumed about a reward the store does not know: GET /rewards, once for a burst. */
static void
test_unknown_reward (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(HearthApi) api = hearth_api_new (f->url, hearth_server_get_token (f->server, ME));
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  StoreFixture s = { NULL };
  HearthStore *store;

  store_set_up (&s);
  store = store_open (&s, api);
  g_signal_connect (store, "reward-changed", G_CALLBACK (on_reward_changed_cb), changed);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_store_get_rewards (store)), ==, 0);

  dispatch (s.bus, "reward-consumed", "{\"reward\": \"" COFFEE "\", \"remaining\": 11}");
  dispatch (s.bus, "reward-consumed", "{\"reward\": \"" YOGA "\", \"remaining\": 0}");
  g_assert_cmpuint (_hearth_store_count_running_fetches (store), ==, 1);
  g_assert_true (test_wait_until (no_fetch_running, store, WAIT_MS));

  /* The list as the server has it, and a change for each reward the events named. */
  g_assert_cmpuint (g_list_model_get_n_items (hearth_store_get_rewards (store)), ==, 3);
  g_assert_cmpint (hearth_reward_get_remaining (find_reward (store, COFFEE)), ==, 12);
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (changed, 0), ==, COFFEE);
  g_assert_cmpstr (g_ptr_array_index (changed, 1), ==, YOGA);

  /* Known now: applied at once, no fetch. */
  dispatch (s.bus, "reward-consumed", "{\"reward\": \"" COFFEE "\", \"remaining\": 10, "
                                      "\"isConsumedByYou\": true}");
  g_assert_cmpuint (_hearth_store_count_running_fetches (store), ==, 0);
  g_assert_cmpint (hearth_reward_get_remaining (find_reward (store, COFFEE)), ==, 10);
  g_assert_true (hearth_reward_get_is_consumed_by_you (find_reward (store, COFFEE)));

  store_tear_down (&s);
}

static HearthScore *
make_score (const char *iso,
            double      total)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (iso, NULL);
  HearthScore *score;

  g_assert_nonnull (date);
  score = hearth_score_new (date);
  hearth_score_set_total_score (score, total);

  return score;
}

/* Replacing the history: one per day (the last given wins), sorted, the newest 30 kept, the
 * objects of days still shown kept; today's entry is the current score's. */
static void
test_history_rules (void)
{
  g_autoptr(GPtrArray) scores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HearthScore) today = NULL;
  StoreFixture s = { NULL };
  HearthStore *store;
  HearthScore *kept;
  guint changes = 0;

  store_set_up (&s);
  store = store_open (&s, NULL);

  /* 40 days (2025-12-23 to 2026-01-31, total = day of January or 0) given newest first,
   * 2026-01-10 twice. */
  for (int i = 39; i >= 0; i--)
    {
      g_autoptr(GDateTime) first = g_date_time_new_utc (2025, 12, 23, 0, 0, 0);
      g_autoptr(GDateTime) day = g_date_time_add_days (first, i);
      HearthScore *score = hearth_score_new (day);

      hearth_score_set_total_score (score, MAX (i - 8, 0));
      g_ptr_array_add (scores, score);
    }
  g_ptr_array_add (scores, make_score ("2026-01-10T00:00:00Z", 99));

  hearth_store_apply_score_history (store, scores);
  g_assert_cmpuint (history_length (store), ==, HEARTH_STORE_SCORE_HISTORY_DAYS);
  assert_history_ordered (store);
  {
    g_autofree char *first = day_of (history_at (store, 0));
    g_autofree char *last = day_of (history_last (store));

    g_assert_cmpstr (first, ==, "2026-01-02");
    g_assert_cmpstr (last, ==, "2026-01-31");
  }
  g_assert_cmpfloat (hearth_score_get_total_score (history_at (store, 8)), ==, 99);
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 31);

  /* Again with a newer total for a day shown: the same objects, no items-changed. */
  kept = history_at (store, 8);
  g_signal_connect (hearth_store_get_score_history (store), "items-changed",
                    G_CALLBACK (count_items_changed_cb), &changes);
  for (guint i = 0; i < scores->len; i++)
    g_ptr_array_add (again, g_object_ref (g_ptr_array_index (scores, i)));
  g_ptr_array_add (again, make_score ("2026-01-10T00:00:00Z", 7));
  hearth_store_apply_score_history (store, again);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_true (history_at (store, 8) == kept);
  g_assert_cmpfloat (hearth_score_get_total_score (kept), ==, 7);

  /* The current score of the newest day wins over the history's entry of that day. */
  today = make_score ("2026-01-31T00:00:00Z", 42);
  hearth_store_apply_score (store, today);
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 42);
  hearth_store_apply_score_history (store, scores);
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 42);

  /* A score of an older day, not in the history any more: no place for it. */
  {
    g_autoptr(HearthScore) old = make_score ("2025-12-01T00:00:00Z", 3);

    hearth_store_apply_score (store, old);
    g_assert_cmpuint (history_length (store), ==, HEARTH_STORE_SCORE_HISTORY_DAYS);
    g_assert_cmpfloat (hearth_score_get_total_score (history_at (store, 0)), !=, 3);
  }

  /* An empty history leaves today's entry. */
  g_ptr_array_set_size (again, 0);
  hearth_store_apply_score_history (store, again);
  g_assert_cmpuint (history_length (store), ==, 1);
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 42);

  /* A wipe empties it, and the fetch time. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    hearth_store_set_wellbeing_updated (store, now);
    g_assert_true (g_date_time_equal (hearth_store_get_wellbeing_updated (store), now));
    hearth_store_wipe (store);
    g_assert_cmpuint (history_length (store), ==, 0);
    g_assert_null (hearth_store_get_wellbeing_updated (store));
    g_assert_null (hearth_store_get_score (store));
  }

  store_close (&s);
  store_open (&s, NULL);
  g_assert_cmpuint (history_length (s.store), ==, 0);
  g_assert_null (hearth_store_get_wellbeing_updated (s.store));

  store_tear_down (&s);
}

/* What a server may send that makes no sense: logged at most, never a crash, and the
 * history stays drawable (finite totals). */
static void
test_bad_input (void)
{
  g_autoptr(HearthScore) nan_score = NULL;
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func (g_object_unref);
  StoreFixture s = { NULL };
  HearthStore *store;
  HearthScore *score;
  HearthReward *reward;

  store_set_up (&s);
  store = store_open (&s, NULL);

  /* Out-of-range numbers, an empty action list, an unknown action type, one without. */
  dispatch (s.bus, "score-updated",
            "{\"date\": \"2026-03-14T00:00:00.000Z\", \"totalScore\": 1e300, "
            "\"reelsSeen\": -1e300, \"social\": {\"score\": \"x\", \"actions\": []}, "
            "\"mindfulness\": {\"actions\": [{\"type\": \"brand-new-kind\", \"label\": \"New\", "
            "\"value\": -5, \"startAt\": 99}, {\"label\": \"no type\"}, 7]}}");
  score = hearth_store_get_score (store);
  g_assert_nonnull (score);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (score)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_mindfulness_actions (score)),
                    ==, 1);
  g_assert_cmpuint (history_length (store), ==, 1);
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 1e300);

  /* Missing numbers are 0. */
  dispatch (s.bus, "score-updated", "{\"date\": \"2026-03-14T00:00:00.000Z\"}");
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 0);
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 0);

  /* NaN (no JSON carries it, code may): the score keeps it, the history draws 0. */
  nan_score = make_score ("2026-03-14T00:00:00.000Z", NAN);
  hearth_store_apply_score (store, nan_score);
  g_assert_true (isnan (hearth_score_get_total_score (score)));
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 0);
  g_ptr_array_add (history, make_score ("2026-03-12T00:00:00.000Z", INFINITY));
  g_ptr_array_add (history, make_score ("2026-03-13T00:00:00.000Z", -INFINITY));
  g_ptr_array_add (history, make_score ("2026-03-11T00:00:00.000Z", -2));
  hearth_store_apply_score_history (store, history);
  g_assert_cmpuint (history_length (store), ==, 4);
  for (guint i = 0; i < history_length (store); i++)
    g_assert_true (isfinite (hearth_score_get_total_score (history_at (store, i))));
  g_assert_cmpfloat (hearth_score_get_total_score (history_at (store, 0)), ==, -2);

  /* Rewards: a count below zero or missing leaves the known count. */
  {
    g_autoptr(HearthReward) r = hearth_reward_new ("r1");
    g_autoptr(GPtrArray) rewards = g_ptr_array_new ();

    hearth_reward_set_remaining (r, 4);
    g_ptr_array_add (rewards, r);
    hearth_store_apply_rewards (store, rewards);
  }
  reward = find_reward (store, "r1");
  dispatch (s.bus, "reward-consumed", "{\"reward\": \"r1\", \"remaining\": -5}");
  g_assert_cmpint (hearth_reward_get_remaining (reward), ==, 4);
  dispatch (s.bus, "reward-consumed", "{\"reward\": \"r1\", \"isConsumedByYou\": true}");
  g_assert_cmpint (hearth_reward_get_remaining (reward), ==, 4);
  g_assert_true (hearth_reward_get_is_consumed_by_you (reward));

  /* All of it survives the database (NaN is stored as NULL). */
  store_close (&s);
  store = store_open (&s, NULL);
  g_assert_cmpuint (history_length (store), ==, 4);
  for (guint i = 0; i < history_length (store); i++)
    g_assert_true (isfinite (hearth_score_get_total_score (history_at (store, i))));
  g_assert_true (isnan (hearth_score_get_total_score (hearth_store_get_score (store))));
  g_assert_cmpint (hearth_reward_get_remaining (find_reward (store, "r1")), ==, 4);

  store_tear_down (&s);
}

/* }}} */
/* Database: schema v4, migration from v3 {{{ */

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s", message);
  sqlite3_close (db);
}

static char *
load_fixture (const char *name)
{
  g_autofree char *file = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (file, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* From version 3: the stored scores become the history (newest 30 days), no fetch time. */
static void
test_migration_v3 (void)
{
  g_autofree char *v1 = load_fixture ("schema-v1.sql");
  g_autofree char *rows = load_fixture ("schema-v3-rows.sql");
  StoreFixture s = { NULL };
  HearthStore *store;
  HearthScore *score;

  store_set_up (&s);

  /* The database as version 3 left it: v1, steps 2 and 3 as released, then rows. */
  exec_sql (s.path, v1);
  exec_sql (s.path, _hearth_db_schema_get_step (2));
  exec_sql (s.path, _hearth_db_schema_get_step (3));
  exec_sql (s.path, rows);
  store = store_open (&s, NULL);
  g_assert_cmpint (hearth_database_get_schema_version (s.database), ==,
                   HEARTH_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (HEARTH_DATABASE_SCHEMA_VERSION, >=, 4);

  g_assert_cmpuint (history_length (store), ==, 30);
  assert_history_ordered (store);
  {
    g_autofree char *first = day_of (history_at (store, 0));
    g_autofree char *last = day_of (history_last (store));

    g_assert_cmpstr (first, ==, "2026-01-03");
    g_assert_cmpstr (last, ==, "2026-02-01");
  }
  g_assert_cmpfloat (hearth_score_get_total_score (history_at (store, 0)), ==, 1.0);
  g_assert_cmpstr (hearth_score_get_day (history_last (store)), ==, "sunday");
  g_assert_cmpfloat (hearth_score_get_total_score (history_last (store)), ==, 15.5);
  /* The day without a total (NULL) draws as 0. */
  g_assert_cmpfloat (hearth_score_get_total_score (history_at (store, 28)), ==, 0);
  g_assert_null (hearth_store_get_wellbeing_updated (store));

  /* The rest of version 3 is still there. */
  score = hearth_store_get_score (store);
  g_assert_nonnull (score);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 15.5);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (score)), ==, 1);
  g_assert_cmpint (hearth_reward_get_remaining (find_reward (store, "r-v3")), ==, 4);

  /* The new tables work. Migrated and created schemas are compared by test-database
   * (migration/v1 goes through every step). */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    hearth_store_set_wellbeing_updated (store, now);
    store_close (&s);
    store = store_open (&s, NULL);
    g_assert_true (g_date_time_equal (hearth_store_get_wellbeing_updated (store), now));
  }

  store_tear_down (&s);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_make_data_home ();
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Hearth/Wellbeing/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("refresh", test_refresh);
  ADD ("no-score", test_no_score);
  ADD ("consume", test_consume);
  ADD ("consume-errors", test_consume_errors);
  ADD ("live-offline", test_live_offline);
  ADD ("history-offline", test_history_offline);
  ADD ("unknown-reward", test_unknown_reward);
  g_test_add_func ("/Hearth/Wellbeing/history-rules", test_history_rules);
  g_test_add_func ("/Hearth/Wellbeing/bad-input", test_bad_input);
  g_test_add_func ("/Hearth/Wellbeing/migration-v3", test_migration_v3);

#undef ADD

  ret = g_test_run ();
  test_remove_tree (data_home);

  return ret;
}
