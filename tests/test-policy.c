/* test-policy.c: HearthPresencePolicy on its own, against the reference server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-connection.h"
#include "hearth-database.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-presence-policy.h"
#include "hearth-server.h"
#include "hearth-session-test.h"
#include "hearth-store.h"
#include "hearth-user.h"

typedef struct
{
  HearthEventKind  kind;
  char            *chat_id;
  gint64           at_us;     /* real monotonic time of arrival at the server */
} ClientEvent;

typedef struct
{
  HearthServer         *server;
  char                 *url;
  HearthApi            *api;
  HearthDatabase       *database;
  HearthEventBus       *bus;
  HearthStore          *store;
  HearthConnection     *connection;
  HearthPresencePolicy *policy;

  gint64                now_us;   /* the policy's clock */
  GArray               *events;   /* ClientEvent */
  GPtrArray            *notified; /* property names, in order */
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->now_us;
}

static void
client_event_clear (ClientEvent *event)
{
  g_free (event->chat_id);
}

static void
on_client_event_cb (HearthServer *server,
                    const char   *user_id,
                    HearthEvent  *event,
                    Fixture      *f)
{
  ClientEvent record = {
    hearth_event_get_kind (event),
    g_strdup (hearth_event_get_chat_id (event)),
    g_get_monotonic_time (),
  };

  g_assert_cmpstr (user_id, ==, ME);
  g_array_append_val (f->events, record);
}

static void
on_notify_cb (HearthPresencePolicy *policy,
              GParamSpec           *pspec,
              Fixture              *f)
{
  g_ptr_array_add (f->notified, g_strdup (pspec->name));
}

static guint
count_events (Fixture         *f,
              HearthEventKind  kind,
              const char      *chat_id)
{
  guint n = 0;

  for (guint i = 0; i < f->events->len; i++)
    {
      ClientEvent *event = &g_array_index (f->events, ClientEvent, i);

      if (event->kind == kind && g_strcmp0 (event->chat_id, chat_id) == 0)
        n++;
    }

  return n;
}

typedef struct
{
  Fixture         *f;
  HearthEventKind  kind;
  const char      *chat_id;
  guint            n;
} EventCount;

static gboolean
event_count_reached (gpointer data)
{
  EventCount *count = data;

  return count_events (count->f, count->kind, count->chat_id) >= count->n;
}

static gboolean
wait_events (Fixture         *f,
             HearthEventKind  kind,
             const char      *chat_id,
             guint            n)
{
  EventCount count = { f, kind, chat_id, n };

  return test_wait_until (event_count_reached, &count, WAIT_MS);
}

/* The policy alone; attach() gives it a loaded store and a connected connection. */
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
  f->url = hearth_server_dup_url (f->server);
  g_signal_connect (f->server, "client-event", G_CALLBACK (on_client_event_cb), f);

  f->events = g_array_new (FALSE, TRUE, sizeof (ClientEvent));
  g_array_set_clear_func (f->events, (GDestroyNotify) client_event_clear);
  f->notified = g_ptr_array_new_with_free_func (g_free);
  f->now_us = G_USEC_PER_SEC;

  f->policy = hearth_presence_policy_new ();
  hearth_presence_policy_set_clock (f->policy, fake_clock, f);
  g_signal_connect (f->policy, "notify", G_CALLBACK (on_notify_cb), f);
}

static void
attach (Fixture *f)
{
  g_autoptr(HearthUser) me = hearth_user_new (ME);
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };

  f->api = hearth_api_new (f->url, hearth_server_get_token (f->server, ME));
  f->database = hearth_database_new (":memory:", &error);
  g_assert_no_error (error);
  f->bus = hearth_event_bus_new ();
  f->store = hearth_store_new (me, f->database, f->bus, f->api);
  hearth_store_load_async (f->store, NULL, test_sync_cb, &sync);
  hearth_store_load_finish (f->store, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);

  hearth_api_list_chats_async (f->api, NULL, test_sync_cb, &sync);
  chats = hearth_api_list_chats_finish (f->api, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);
  hearth_store_apply_chats (f->store, chats);

  f->connection = hearth_connection_new (f->url, hearth_server_get_token (f->server, ME));
  g_object_set (f->connection, "reconnect-base-ms", 30, "reconnect-max-ms", 200, NULL);
  hearth_event_bus_set_connection (f->bus, f->connection);
  hearth_connection_start (f->connection);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));

  hearth_presence_policy_set_store (f->policy, f->store);
  hearth_presence_policy_set_connection (f->policy, f->connection);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_clear_and_wait (&f->policy);
  if (f->connection != NULL)
    hearth_connection_stop (f->connection);
  if (f->bus != NULL)
    hearth_event_bus_set_connection (f->bus, NULL);
  if (f->store != NULL)
    hearth_store_flush (f->store);
  if (f->database != NULL)
    hearth_database_close (f->database);
  test_clear_and_wait (&f->connection);
  test_clear_and_wait (&f->store);
  test_clear_and_wait (&f->bus);
  test_clear_and_wait (&f->database);
  test_clear_and_wait (&f->api);
  hearth_server_shutdown (f->server);
  g_clear_object (&f->server);
  g_free (f->url);
  g_array_unref (f->events);
  g_ptr_array_unref (f->notified);
}

static void
post_as_raj (Fixture    *f,
             const char *content)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = hearth_server_post_message (f->server, RAJ, CHAT_RAJ, content, NULL,
                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

/* Tests. */

static void
test_policy_defaults (Fixture       *f,
                      gconstpointer  data)
{
  g_assert_true (hearth_presence_policy_get_send_typing (f->policy));
  g_assert_true (hearth_presence_policy_get_send_read_receipts (f->policy));
  g_assert_null (hearth_presence_policy_get_open_chat_id (f->policy));
  g_assert_true (hearth_presence_policy_get_chat_at_bottom (f->policy));
  g_assert_false (hearth_presence_policy_get_window_active (f->policy));
  g_assert_null (hearth_presence_policy_get_store (f->policy));
  g_assert_null (hearth_presence_policy_get_connection (f->policy));
}

static void
test_policy_view_notifies (Fixture       *f,
                           gconstpointer  data)
{
  /* One notification per property that changed, after all of them changed. */
  hearth_presence_policy_set_view (f->policy, CHAT_ANA, FALSE, TRUE);
  g_assert_cmpuint (f->notified->len, ==, 3);
  g_assert_cmpstr (hearth_presence_policy_get_open_chat_id (f->policy), ==, CHAT_ANA);
  g_assert_false (hearth_presence_policy_get_chat_at_bottom (f->policy));
  g_assert_true (hearth_presence_policy_get_window_active (f->policy));

  /* Nothing changed: nothing notified. */
  hearth_presence_policy_set_view (f->policy, CHAT_ANA, FALSE, TRUE);
  hearth_presence_policy_set_window_active (f->policy, TRUE);
  hearth_presence_policy_set_send_typing (f->policy, TRUE);
  g_assert_cmpuint (f->notified->len, ==, 3);

  hearth_presence_policy_set_chat_at_bottom (f->policy, TRUE);
  g_assert_cmpuint (f->notified->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (f->notified, 3), ==, "chat-at-bottom");

  g_object_set (f->policy, "send-read-receipts", FALSE, NULL);
  g_assert_false (hearth_presence_policy_get_send_read_receipts (f->policy));
  g_assert_cmpstr (g_ptr_array_index (f->notified, 4), ==, "send-read-receipts");
}

static void
test_policy_detached (Fixture       *f,
                      gconstpointer  data)
{
  /* Neither store nor connection: keystrokes and reads do nothing (and crash nothing). */
  hearth_presence_policy_set_view (f->policy, CHAT_RAJ, TRUE, TRUE);
  hearth_presence_policy_composer_changed (f->policy, CHAT_RAJ);
  hearth_presence_policy_check_read (f->policy);
  hearth_presence_policy_stop_typing (f->policy);
  hearth_test_spin (100);
  g_assert_cmpuint (f->events->len, ==, 0);

  /* With a store: the view is mirrored at once. */
  attach (f);
  g_assert_cmpstr (hearth_store_get_open_chat_id (f->store), ==, CHAT_RAJ);
  g_assert_true (hearth_store_get_focused (f->store));
  hearth_presence_policy_set_window_active (f->policy, FALSE);
  g_assert_false (hearth_store_get_focused (f->store));

  /* Taken away: typing stops without a word, and nothing is sent any more. */
  hearth_presence_policy_set_window_active (f->policy, TRUE);
  hearth_presence_policy_composer_changed (f->policy, CHAT_RAJ);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_RAJ, 1));
  hearth_presence_policy_set_connection (f->policy, NULL);
  hearth_presence_policy_set_store (f->policy, NULL);
  hearth_presence_policy_composer_changed (f->policy, CHAT_RAJ);
  hearth_presence_policy_stop_typing (f->policy);
  hearth_test_spin (100);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_RAJ), ==, 1);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_RAJ), ==, 0);
}

static void
test_policy_typing (Fixture       *f,
                    gconstpointer  data)
{
  /* The refresh follows the policy's clock; the idle timer is far away. */
  hearth_presence_policy_set_intervals (f->policy, 1000, 60000, 0);
  attach (f);
  hearth_presence_policy_set_view (f->policy, CHAT_ANA, TRUE, TRUE);

  hearth_presence_policy_composer_changed (f->policy, CHAT_ANA);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_ANA, 1));

  /* 900 ms later by the clock: no refresh yet; 1000 ms after the first: again. */
  f->now_us += 900 * 1000;
  hearth_presence_policy_composer_changed (f->policy, CHAT_ANA);
  hearth_test_spin (100);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_ANA), ==, 1);
  f->now_us += 100 * 1000;
  hearth_presence_policy_composer_changed (f->policy, CHAT_ANA);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_ANA, 2));

  /* A keystroke in another chat: stopped here, started there. */
  hearth_presence_policy_composer_changed (f->policy, CHAT_MEI);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_ANA, 1));
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_MEI, 1));

  /* Sent. */
  hearth_presence_policy_stop_typing (f->policy);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_MEI, 1));

  /* The privacy switch: nothing. */
  hearth_presence_policy_set_send_typing (f->policy, FALSE);
  hearth_presence_policy_composer_changed (f->policy, CHAT_MEI);
  hearth_test_spin (100);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_MEI), ==, 1);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_MEI), ==, 1);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_ANA), ==, 2);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_ANA), ==, 1);
}

static void
test_policy_typing_idle (Fixture       *f,
                         gconstpointer  data)
{
  gint64 last_keystroke;
  ClientEvent *stopped;

  hearth_presence_policy_set_intervals (f->policy, 0, 150, 0);
  attach (f);

  hearth_presence_policy_composer_changed (f->policy, CHAT_HIKE);
  hearth_test_spin (50);
  last_keystroke = g_get_monotonic_time ();
  hearth_presence_policy_composer_changed (f->policy, CHAT_HIKE);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_HIKE, 1));

  stopped = &g_array_index (f->events, ClientEvent, f->events->len - 1);
  g_assert_cmpint (stopped->at_us - last_keystroke, >=, 150 * 1000);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_HIKE), ==, 1);

  /* A change of the connection's state forgets the typing: no stop comes after it. */
  hearth_presence_policy_composer_changed (f->policy, CHAT_HIKE);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_HIKE, 2));
  g_assert_cmpuint (hearth_server_drop_connections (f->server, ME), ==, 1);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_RECONNECTING, WAIT_MS));
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));
  hearth_test_spin (300);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_HIKE), ==, 1);
}

typedef struct
{
  HearthChat *chat;
  guint       unread;
} UnreadWait;

static gboolean
unread_reached (gpointer data)
{
  UnreadWait *wait = data;

  return hearth_chat_get_unread (wait->chat) >= wait->unread;
}

static void
test_policy_read (Fixture       *f,
                  gconstpointer  data)
{
  HearthChat *chat;
  gint64 first_us;
  UnreadWait wait;

  hearth_presence_policy_set_intervals (f->policy, 0, 0, 200);
  attach (f);
  chat = hearth_store_lookup_chat (f->store, CHAT_RAJ);
  g_assert_nonnull (chat);

  /* Not looking (window inactive): unread, nothing sent. */
  hearth_presence_policy_set_view (f->policy, CHAT_RAJ, TRUE, FALSE);
  post_as_raj (f, "Anyone?");
  wait = (UnreadWait) { chat, MAX (hearth_chat_get_unread (chat), 1) };
  g_assert_true (test_wait_until (unread_reached, &wait, WAIT_MS));
  hearth_test_spin (50);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ), ==, 0);

  /* Looking: read here and sent at once. */
  hearth_presence_policy_set_window_active (f->policy, TRUE);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_true (wait_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ, 1));
  first_us = g_get_monotonic_time ();

  /* 50 ms later by the clock: deferred to the end of the interval (150 ms more), once. */
  f->now_us += 50 * 1000;
  post_as_raj (f, "Hello?");
  post_as_raj (f, "Hello??");
  g_assert_true (wait_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ, 2));
  g_assert_cmpint (g_get_monotonic_time () - first_us, >=, 140 * 1000);
  hearth_test_spin (300);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ), ==, 2);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);

  /* Long after by the clock: at once again. */
  f->now_us += G_USEC_PER_SEC;
  post_as_raj (f, "Still there?");
  g_assert_true (wait_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ, 3));

  /* The privacy switch: read here, nothing sent. */
  f->now_us += G_USEC_PER_SEC;
  hearth_presence_policy_set_send_read_receipts (f->policy, FALSE);
  post_as_raj (f, "Private");
  hearth_test_spin (300);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  data_home = test_make_data_home ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Hearth/Policy/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("defaults", test_policy_defaults);
  ADD ("view-notifies", test_policy_view_notifies);
  ADD ("detached", test_policy_detached);
  ADD ("typing", test_policy_typing);
  ADD ("typing-idle", test_policy_typing_idle);
  ADD ("read", test_policy_read);

#undef ADD

  ret = g_test_run ();
  test_remove_tree (data_home);

  return ret;
}
