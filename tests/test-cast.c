/* test-cast.c: the demo cast of the reference server, seen from a client signed in as "me"
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "hearth-api.h"
#include "hearth-connection.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-message.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-server.h"
#include "hearth-server-cast.h"
#include "hearth-test-util.h"
#include "hearth-user.h"

#define WAIT_MS 20000
/* Real seconds per demo second: a demo minute takes 0.3 s. */
#define FAST   0.005
#define MARKER "test-marker"

/* Ids of tests/data/seed.json. */
#define CHAT_RAJ   "691719c0f252e6b4383a1f07"   /* direct, me + Raj */
#define CHAT_HIKE  "698091c0f252e6b4383a1f09"   /* "Weekend hike": me, Raj, Ana, Tom */
#define CHAT_TRIO  "698dc0c0f252e6b4383a1f0a"   /* unnamed group: me, Mei, Tom */
#define CHAT_ANA   "693ea6c0f252e6b4383a1f08"
#define CHAT_MEI   "696633c0f252e6b4383a1f0b"

typedef struct
{
  HearthServer     *server;
  HearthServerCast *cast;
  HearthConnection *connection;
  HearthEventBus   *bus;
  char             *me;
  GPtrArray        *events;       /* HearthEvent, in order (markers included) */
  guint             markers;      /* MARKER events received */
  guint             frame_errors;
  GHashTable       *my_chats;     /* chat ids the events say I am in (beyond the seed's) */
  guint             max_my_chats;
} Fixture;

static void
on_event_cb (HearthEventBus *bus,
             HearthEvent    *event,
             Fixture        *f)
{
  const char *name = hearth_event_get_name (event);
  const char *chat_id = hearth_event_get_chat_id (event);

  g_ptr_array_add (f->events, g_object_ref (event));

  if (g_strcmp0 (name, MARKER) == 0)
    f->markers++;

  /* The chats the cast made me a member of, as an app would track them. */
  switch (hearth_event_get_kind (event))
    {
    case HEARTH_EVENT_CHAT_CREATED:
    case HEARTH_EVENT_CHAT_JOINED:
      g_hash_table_add (f->my_chats, g_strdup (chat_id));
      f->max_my_chats = MAX (f->max_my_chats, g_hash_table_size (f->my_chats));
      break;
    case HEARTH_EVENT_CHAT_DELETED:
      g_hash_table_remove (f->my_chats, chat_id);
      break;
    case HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED:
      if (g_strcmp0 (hearth_event_get_user_id (event), f->me) == 0)
        g_hash_table_remove (f->my_chats, chat_id);
      break;
    default:
      break;
    }
}

static void
on_frame_error_cb (HearthConnection *connection,
                   const GError     *error,
                   Fixture          *f)
{
  g_test_message ("frame error: %s", error->message);
  f->frame_errors++;
}

/* Starts a server with @seed_json (NULL: the seed fixture), me connected to it, and a cast
 * (not started) with the scene generator's @seed. */
static void
fixture_start (Fixture    *f,
               guint       seed,
               const char *seed_json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->events = g_ptr_array_new_with_free_func (g_object_unref);
  f->my_chats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  f->server = hearth_server_new ();
  if (seed_json != NULL)
    hearth_server_load_seed_data (f->server, seed_json, -1, &error);
  else
    hearth_server_load_seed_file (f->server, g_getenv ("HEARTH_SEED_FIXTURE"), &error);
  g_assert_no_error (error);
  hearth_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  f->me = g_strdup (hearth_server_get_default_user (f->server));
  g_assert_nonnull (f->me);

  url = hearth_server_dup_url (f->server);
  f->connection = hearth_connection_new (url, hearth_server_get_token (f->server, f->me));
  g_signal_connect (f->connection, "frame-error", G_CALLBACK (on_frame_error_cb), f);
  f->bus = hearth_event_bus_new ();
  hearth_event_bus_set_connection (f->bus, f->connection);
  g_signal_connect (f->bus, "event", G_CALLBACK (on_event_cb), f);

  hearth_connection_start (f->connection);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));

  f->cast = hearth_server_cast_new (f->server, f->me);
  hearth_server_cast_set_time_scale (f->cast, FAST);
  hearth_server_cast_set_seed (f->cast, seed);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_start (f, GPOINTER_TO_UINT (data), NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->cast != NULL)
    {
      hearth_server_cast_stop (f->cast);
      g_assert_finalize_object (f->cast);
    }
  hearth_connection_stop (f->connection);
  g_clear_object (&f->bus);
  g_clear_object (&f->connection);
  hearth_server_shutdown (f->server);
  /* The cast held the only other reference: nothing of it is left behind. */
  g_assert_finalize_object (f->server);
  hearth_test_spin (20);
  g_ptr_array_unref (f->events);
  g_hash_table_unref (f->my_chats);
  g_free (f->me);
}

static gboolean
deadline_cb (gpointer data)
{
  *(gboolean *)data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Spins until the script has played @demo_ms. */
static void
play_until (Fixture *f,
            gint64   demo_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (WAIT_MS, deadline_cb, &expired);

  while (hearth_server_cast_get_elapsed (f->cast) < demo_ms && !expired)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (expired);
  g_source_remove (id);
}

/* Everything the server sent me so far has arrived once a marker pushed now arrives. */
static guint
sync_events (Fixture *f)
{
  guint target = f->markers + 1;

  g_assert_cmpuint (hearth_server_push_event (f->server, f->me, MARKER, "{}"), ==, 1);
  g_assert_true (hearth_test_wait_for_count (&f->markers, target, WAIT_MS));

  return f->events->len;
}

static guint
count_events (Fixture    *f,
              guint       from,
              guint       to,
              const char *name)
{
  guint n = 0;

  for (guint i = from; i < to; i++)
    {
      if (g_strcmp0 (hearth_event_get_name (g_ptr_array_index (f->events, i)), name) == 0)
        n++;
    }

  return n;
}

/* Sanity checks of one event of the cast, beyond what parsing checked. */
static void
check_event (Fixture     *f,
             HearthEvent *event)
{
  switch (hearth_event_get_kind (event))
    {
    case HEARTH_EVENT_USER_ONLINE:
    case HEARTH_EVENT_USER_OFFLINE:
      g_assert_cmpstr (hearth_user_get_id (hearth_event_get_user (event)), !=, f->me);
      g_assert_nonnull (hearth_event_get_chat_id (event));
      g_assert_true (g_strv_contains (hearth_event_get_chat_ids (event),
                                      hearth_event_get_chat_id (event)));
      break;
    case HEARTH_EVENT_TYPING_STARTED:
    case HEARTH_EVENT_TYPING_STOPPED:
    case HEARTH_EVENT_MESSAGES_READ:
      g_assert_nonnull (hearth_event_get_user (event));
      g_assert_nonnull (hearth_event_get_chat_id (event));
      break;
    case HEARTH_EVENT_MESSAGES_RECEIVED:
      g_assert_cmpstr (hearth_message_get_sender_id (hearth_event_get_message (event)), !=, f->me);
      g_assert_cmpstr (hearth_message_get_content (hearth_event_get_message (event)), !=, "");
      break;
    case HEARTH_EVENT_MESSAGES_SENT:
      g_assert_cmpstr (hearth_message_get_sender_id (hearth_event_get_message (event)), ==, f->me);
      break;
    case HEARTH_EVENT_CHAT_JOINED:
      g_assert_nonnull (hearth_event_get_admin (event));
      g_assert_cmpstr (hearth_user_get_id (hearth_event_get_admin (event)), !=, f->me);
      break;
    case HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED:
    case HEARTH_EVENT_CHAT_DELETED:
      g_assert_nonnull (hearth_event_get_user_id (event));
      break;
    case HEARTH_EVENT_REWARD_CONSUMED:
      g_assert_cmpint (hearth_event_get_remaining (event), >=, 0);
      g_assert_false (hearth_event_get_is_expired (event));
      break;
    case HEARTH_EVENT_SCORE_UPDATED:
      g_assert_nonnull (hearth_event_get_score (event));
      g_assert_cmpfloat (hearth_score_get_total_score (hearth_event_get_score (event)), >=, 1.5);
      break;
    default:
      break;
    }
}

/* Within the first 60 demo seconds "me" gets every listening event of the contract but
 * account-terminated, each one valid. */
static void
test_every_event (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) samples = hearth_test_load_seed_samples ();
  guint n;

  hearth_server_cast_start (f->cast);
  g_assert_true (hearth_server_cast_get_running (f->cast));
  play_until (f, 60000);
  n = sync_events (f);

  for (guint i = 0; i < HEARTH_TEST_N_LISTENING; i++)
    {
      HearthTestSample *sample = g_ptr_array_index (samples, i);
      g_autoptr(HearthEvent) parsed = NULL;
      guint count;

      /* The seed's sample names (message-received is an alias). */
      parsed = hearth_event_new_from_data_text (sample->name, sample->data_json, -1, NULL);
      g_assert_nonnull (parsed);
      count = count_events (f, 0, n, hearth_event_get_name (parsed));

      if (hearth_event_get_kind (parsed) == HEARTH_EVENT_ACCOUNT_TERMINATED)
        g_assert_cmpuint (count, ==, 0);
      else if (count == 0)
        g_error ("No %s within the first demo minute (seed %u)", hearth_event_get_name (parsed),
                 GPOINTER_TO_UINT (data));
    }

  g_assert_cmpuint (f->frame_errors, ==, 0);
  for (guint i = 0; i < n; i++)
    {
      HearthEvent *event = g_ptr_array_index (f->events, i);

      g_assert_false (hearth_event_is_error (event));
      check_event (f, event);
    }
}

/* What me writes is read within seconds by another member, who then answers (with their
 * own words); a DM completes today's send-dm-message action. */
static void
test_reply (Fixture       *f,
            gconstpointer  data)
{
  static const char * const chats[] = { CHAT_RAJ, CHAT_HIKE };
  const char *text = "See you at <b>8</b> & bring snacks";

  hearth_server_cast_set_ambient (f->cast, FALSE);
  hearth_server_cast_start (f->cast);

  for (guint c = 0; c < G_N_ELEMENTS (chats); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      guint start = f->events->len;
      const char *reader = NULL;
      gboolean replied = FALSE;
      gboolean scored = FALSE;

      id = hearth_server_post_message (f->server, f->me, chats[c], text, NULL, &error);
      g_assert_no_error (error);

      /* Read, typing, the reply: about 6 demo seconds. */
      for (guint round = 0; round < 50 && !replied; round++)
        {
          guint n;

          hearth_test_spin (20);
          n = sync_events (f);
          for (guint i = start; i < n; i++)
            {
              HearthEvent *event = g_ptr_array_index (f->events, i);
              HearthMessage *message = hearth_event_get_message (event);

              if (g_strcmp0 (hearth_event_get_chat_id (event), chats[c]) != 0 &&
                  hearth_event_get_kind (event) != HEARTH_EVENT_SCORE_UPDATED)
                continue;

              switch (hearth_event_get_kind (event))
                {
                case HEARTH_EVENT_MESSAGES_READ:
                  if (reader == NULL)
                    {
                      reader = hearth_user_get_id (hearth_event_get_user (event));
                      g_assert_cmpstr (reader, !=, f->me);
                      /* It covers my message. */
                      g_assert_nonnull (message);
                      g_assert_cmpstr (hearth_message_get_id (message), ==, id);
                    }
                  break;
                case HEARTH_EVENT_MESSAGES_RECEIVED:
                  /* The reader answers, after reading. */
                  g_assert_nonnull (reader);
                  g_assert_cmpstr (hearth_message_get_sender_id (message), ==, reader);
                  g_assert_cmpstr (hearth_message_get_content (message), !=, "");
                  g_assert_null (strstr (hearth_message_get_content (message), "<b>"));
                  g_assert_null (strstr (hearth_message_get_content (message), "snacks"));
                  replied = TRUE;
                  break;
                case HEARTH_EVENT_SCORE_UPDATED:
                  {
                    HearthScore *score = hearth_event_get_score (event);
                    GListModel *actions = hearth_score_get_social_actions (score);

                    for (guint j = 0; j < g_list_model_get_n_items (actions); j++)
                      {
                        g_autoptr(HearthScoreAction) action = g_list_model_get_item (actions, j);

                        if (g_strcmp0 (hearth_score_action_get_action_type (action),
                                       "send-dm-message") == 0)
                          scored = hearth_score_action_get_completed (action);
                      }
                  }
                  break;
                default:
                  break;
                }
            }
        }

      g_assert_nonnull (reader);
      g_assert_true (replied);
      /* Only the DM counts as one. */
      g_assert_cmpint (scored, ==, g_strcmp0 (chats[c], CHAT_RAJ) == 0);
    }

  /* Without ambient scenes nothing else happened. */
  g_assert_cmpuint (count_events (f, 0, f->events->len, "chat-created"), ==, 0);
  g_assert_cmpuint (count_events (f, 0, f->events->len, "reward-consumed"), ==, 0);
}

/* The user deletes the cast's chats and leaves its groups: the cast goes on with others. */
static void
test_user_deletes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GHashTableIter iter;
  const char *chat_id;
  guint n;

  hearth_server_cast_start (f->cast);
  play_until (f, 40000);
  sync_events (f);
  g_assert_cmpuint (g_hash_table_size (f->my_chats), >, 0);

  /* Leave every other one, delete the rest, as me. */
  g_hash_table_iter_init (&iter, f->my_chats);
  while (g_hash_table_iter_next (&iter, (gpointer *)&chat_id, NULL))
    g_ptr_array_add (ids, g_strdup (chat_id));
  for (guint i = 0; i < ids->len; i++)
    {
      const char *chat = g_ptr_array_index (ids, i);

      if (i % 2 == 0)
        g_assert_true (hearth_server_remove_participant (f->server, f->me, chat, f->me, &error));
      else
        g_assert_true (hearth_server_delete_chat (f->server, f->me, chat, &error));
      g_assert_no_error (error);
    }

  /* The seed's chats are also the user's to leave: leave the trio too. */
  g_assert_true (hearth_server_remove_participant (f->server, f->me, CHAT_TRIO, f->me, &error));
  g_assert_no_error (error);

  n = sync_events (f);
  play_until (f, 200000);
  sync_events (f);

  /* The cast carried on. */
  g_assert_true (hearth_server_cast_get_running (f->cast));
  g_assert_cmpuint (count_events (f, n, f->events->len, "chat-created"), >, 0);
  g_assert_cmpuint (count_events (f, n, f->events->len, "chat-joined"), >, 0);
  g_assert_cmpuint (count_events (f, n, f->events->len, "chat-deleted"), >, 0);
  g_assert_cmpuint (count_events (f, n, f->events->len, "messages-received"), >, 0);
  g_assert_cmpuint (f->frame_errors, ==, 0);

  /* It never wrote in the chats I left or that are gone (my own left chat refuses me). */
  for (guint i = n; i < f->events->len; i++)
    {
      HearthEvent *event = g_ptr_array_index (f->events, i);

      if (hearth_event_get_kind (event) == HEARTH_EVENT_MESSAGES_RECEIVED)
        {
          g_assert_false (g_ptr_array_find_with_equal_func (ids, hearth_event_get_chat_id (event),
                                                            g_str_equal, NULL));
          g_assert_cmpstr (hearth_event_get_chat_id (event), !=, CHAT_TRIO);
        }
    }
  g_assert_null (hearth_server_post_message (f->server, f->me, CHAT_TRIO, "hi", NULL, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);

  /* The seed's other chats are all there. */
  id = hearth_server_post_message (f->server, f->me, CHAT_HIKE, "Still here", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
}

/* A long run: every scene comes round at least once a minute, state stays bounded. */
static void
test_long_run (Fixture       *f,
               gconstpointer  data)
{
  static const char * const every_minute[] = {
    "user-online", "user-offline", "typing-started", "typing-stopped", "messages-read",
    "messages-received", "chat-created", "chat-joined", "chat-participant-removed",
    "chat-deleted", "reward-consumed", "score-updated",
  };
  const guint minutes = 20;
  guint n;

  hearth_server_cast_set_time_scale (f->cast, 0.0001);
  hearth_server_cast_start (f->cast);
  play_until (f, minutes * 60000);
  n = sync_events (f);

  for (guint i = 0; i < G_N_ELEMENTS (every_minute); i++)
    {
      guint count = count_events (f, 0, n, every_minute[i]);

      if (count < minutes)
        g_error ("Only %u %s in %u demo minutes", count, every_minute[i], minutes);
    }

  /* The cast keeps a few chats of its own at most; the seed's are untouched. */
  g_assert_cmpuint (f->max_my_chats, <=, 4);
  g_assert_cmpuint (f->max_my_chats, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      HearthEvent *event = g_ptr_array_index (f->events, i);
      const char *chat_id = hearth_event_get_chat_id (event);

      if (hearth_event_get_kind (event) == HEARTH_EVENT_CHAT_DELETED ||
          hearth_event_get_kind (event) == HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED)
        {
          g_assert_cmpstr (chat_id, !=, CHAT_RAJ);
          g_assert_cmpstr (chat_id, !=, CHAT_ANA);
          g_assert_cmpstr (chat_id, !=, CHAT_MEI);
          g_assert_cmpstr (chat_id, !=, CHAT_HIKE);
          g_assert_cmpstr (chat_id, !=, CHAT_TRIO);
        }
    }
  g_assert_cmpuint (f->frame_errors, ==, 0);
}

/* Wellbeing: a reward consumed and the score updated in every demo minute, forever. */

/* Real seconds per demo second that keep the cast standing still while a test looks. */
#define FROZEN 1000.0

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* What me sees of the rewards now (GET /rewards): id -> remaining (gint64 *). */
static GHashTable *
fetch_remaining (Fixture *f)
{
  g_autofree char *url = hearth_server_dup_url (f->server);
  g_autoptr(HearthApi) api = hearth_api_new (url, hearth_server_get_token (f->server, f->me));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rewards = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *remaining = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean expired = FALSE;
  guint id = g_timeout_add (WAIT_MS, deadline_cb, &expired);

  hearth_api_list_rewards_async (api, NULL, store_result_cb, &result);
  while (result == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (expired);
  g_source_remove (id);

  rewards = hearth_api_list_rewards_finish (api, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rewards->len, >, 0);
  for (guint i = 0; i < rewards->len; i++)
    {
      HearthReward *reward = g_ptr_array_index (rewards, i);

      g_hash_table_insert (remaining, g_strdup (hearth_reward_get_id (reward)),
                           g_memdup2 (&(gint64) { hearth_reward_get_remaining (reward) },
                                      sizeof (gint64)));
    }

  return remaining;
}

/* The reward-consumed events of events[@from, @to) that took one (the count went down; a
 * restock sends the event too, with a higher count), following @remaining. */
static guint
count_consumed (Fixture    *f,
                GHashTable *remaining,
                guint       from,
                guint       to,
                guint      *restocked)
{
  guint n = 0;

  for (guint i = from; i < to; i++)
    {
      HearthEvent *event = g_ptr_array_index (f->events, i);
      gint64 *known;

      if (hearth_event_get_kind (event) != HEARTH_EVENT_REWARD_CONSUMED)
        continue;

      known = g_hash_table_lookup (remaining, hearth_event_get_reward_id (event));
      g_assert_nonnull (known);
      g_assert_cmpint (hearth_event_get_remaining (event), >=, 0);
      if (hearth_event_get_remaining (event) < *known)
        n++;
      else if (hearth_event_get_remaining (event) > *known && restocked != NULL)
        (*restocked)++;
      *known = hearth_event_get_remaining (event);
    }

  return n;
}

/* Starts the cast and plays @minutes demo minutes at @scale, one at a time (the cast
 * frozen while the events of a minute are collected, so that each is a whole minute); each
 * brings me at least one reward taken and one score update. Returns the restocks seen. */
static guint
play_wellbeing_minutes (Fixture *f,
                        guint    minutes,
                        double   scale)
{
  g_autoptr(GHashTable) remaining = fetch_remaining (f);
  guint restocked = 0;
  guint from = 0;

  hearth_server_cast_start (f->cast);
  for (guint minute = 1; minute <= minutes; minute++)
    {
      gint64 start = hearth_server_cast_get_elapsed (f->cast);
      guint n, consumed, scored;

      hearth_server_cast_set_time_scale (f->cast, scale);
      play_until (f, start + 60000);
      hearth_server_cast_set_time_scale (f->cast, FROZEN);
      n = sync_events (f);

      consumed = count_consumed (f, remaining, from, n, &restocked);
      scored = count_events (f, from, n, "score-updated");
      if (consumed == 0 || scored == 0)
        g_error ("Demo minute %u (from %" G_GINT64_FORMAT " ms, seed %u): %u rewards taken, "
                 "%u score updates", minute, start, hearth_server_cast_get_seed (f->cast),
                 consumed, scored);
      from = n;
    }

  g_assert_cmpuint (f->frame_errors, ==, 0);
  for (guint i = 0; i < f->events->len; i++)
    {
      g_assert_false (hearth_event_is_error (g_ptr_array_index (f->events, i)));
      check_event (f, g_ptr_array_index (f->events, i));
    }

  return restocked;
}

/* Half an hour of the seed: its rewards run out (the last one of each is never taken) and
 * get restocked, the day's actions all get done and reels go on; no minute goes without. */
static void
test_wellbeing_every_minute (Fixture       *f,
                             gconstpointer  data)
{
  g_assert_cmpuint (play_wellbeing_minutes (f, 30, 0.0005), >, 0);
}

/* Every reward used up from the start: the first consumption restocks one. */
static void
test_wellbeing_used_up (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GHashTable) remaining = fetch_remaining (f);
  GHashTableIter iter;
  const char *reward_id;

  g_hash_table_iter_init (&iter, remaining);
  while (g_hash_table_iter_next (&iter, (gpointer *) &reward_id, NULL))
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (hearth_server_restock_reward (f->server, reward_id, 0, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpuint (play_wellbeing_minutes (f, 5, FAST), >, 0);
}

/* The seed with every reward expired and used up (a demo left running for days): one comes
 * back (reward-consumed says it is not expired), restocked. */
static char *
expired_seed (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *rewards;

  json_parser_load_from_file (parser, g_getenv ("HEARTH_SEED_FIXTURE"), &error);
  g_assert_no_error (error);
  rewards = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "rewards");
  g_assert_cmpuint (json_array_get_length (rewards), >, 0);
  for (guint i = 0; i < json_array_get_length (rewards); i++)
    {
      JsonObject *reward = json_array_get_object_element (rewards, i);

      json_object_set_boolean_member (reward, "isExpired", TRUE);
      json_object_set_int_member (reward, "remaining", 0);
    }

  return json_to_string (json_parser_get_root (parser), FALSE);
}

static void
test_wellbeing_expired (void)
{
  g_autofree char *seed = expired_seed ();
  Fixture fixture = { 0 };

  fixture_start (&fixture, 1, seed);
  g_assert_cmpuint (play_wellbeing_minutes (&fixture, 5, FAST), >, 0);
  fixture_tear_down (&fixture, NULL);
}

/* The same seed plays the same script. */
static void
test_deterministic (void)
{
  GPtrArray *names[2] = { NULL, NULL };

  for (guint run = 0; run < 2; run++)
    {
      Fixture fixture = { 0 };
      Fixture *f = &fixture;
      guint n;

      fixture_set_up (f, GUINT_TO_POINTER (7));
      hearth_server_cast_start (f->cast);
      play_until (f, 30000);
      n = sync_events (f);

      names[run] = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n; i++)
        {
          HearthEvent *event = g_ptr_array_index (f->events, i);

          /* Ids are new each run; names, chats of the seed and contents are the script. */
          g_ptr_array_add (names[run], g_strdup (hearth_event_get_name (event)));
        }
      fixture_tear_down (f, NULL);
    }

  /* Steps due after 30 s may or may not have run when play_until() returned. */
  g_assert_cmpuint (names[0]->len, >, 20);
  g_assert_cmpuint (names[1]->len, >, 20);
  for (guint i = 0; i < MIN (names[0]->len, names[1]->len) - 5; i++)
    g_assert_cmpstr (g_ptr_array_index (names[0], i), ==, g_ptr_array_index (names[1], i));
  g_ptr_array_unref (names[0]);
  g_ptr_array_unref (names[1]);
}

/* stop() ends everything: no more events, no sources left (ASan would catch a late timer on
 * the finalized cast), and the cast can start again. */
static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  guint n;

  hearth_server_cast_start (f->cast);
  play_until (f, 20000);
  hearth_server_cast_stop (f->cast);
  g_assert_false (hearth_server_cast_get_running (f->cast));
  g_assert_null (g_main_context_find_source_by_user_data (NULL, f->cast));
  n = sync_events (f);

  /* Whoever was online went offline on stop. */
  g_assert_cmpuint (count_events (f, 0, n, "user-online"), >, 0);

  /* 0.2 s is 40 demo seconds: nothing. */
  hearth_test_spin (200);
  g_assert_cmpuint (sync_events (f), ==, n + 1);

  /* Again, then finalized while running (dispose stops it). */
  hearth_server_cast_start (f->cast);
  play_until (f, 5000);
  g_assert_finalize_object (g_steal_pointer (&f->cast));
  n = sync_events (f);
  hearth_test_spin (100);
  g_assert_cmpuint (sync_events (f), ==, n + 1);
}

int
main (int   argc,
      char *argv[])
{
  static const guint seeds[] = { 1, 2, 3, 5, 8, 13, 21, 34 };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Hearth/Cast/every-event/seed-%u", seeds[i]);

      g_test_add (path, Fixture, GUINT_TO_POINTER (seeds[i]), fixture_set_up, test_every_event,
                  fixture_tear_down);
    }

#define ADD(path, func) \
  g_test_add ("/Hearth/Cast/" path, Fixture, GUINT_TO_POINTER (1), fixture_set_up, func, \
              fixture_tear_down)

  ADD ("reply", test_reply);
  ADD ("user-deletes", test_user_deletes);
  ADD ("long-run", test_long_run);
  ADD ("stop", test_stop);
  ADD ("wellbeing-every-minute", test_wellbeing_every_minute);
  ADD ("wellbeing-used-up", test_wellbeing_used_up);
  g_test_add_func ("/Hearth/Cast/wellbeing-expired", test_wellbeing_expired);
  g_test_add_func ("/Hearth/Cast/deterministic", test_deterministic);

#undef ADD

  return g_test_run ();
}
