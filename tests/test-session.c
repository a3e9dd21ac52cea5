/* test-session.c: HearthSession against the reference server: sign-in, resync, policies,
 * sign-out
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
#include "hearth-connection.h"
#include "hearth-database.h"
#include "hearth-event.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-outbox.h"
#include "hearth-server.h"
#include "hearth-session.h"
#include "hearth-session-private.h"
#include "hearth-session-test.h"
#include "hearth-store.h"
#include "hearth-test-util.h"
#include "hearth-user.h"
#include "hearth-utils.h"

typedef struct
{
  HearthEventKind  kind;
  char            *chat_id;
  gint64           at_us;    /* monotonic time of arrival at the server */
} ClientEvent;

typedef struct
{
  HearthServer  *server;
  guint          port;
  char          *url;
  HearthSession *session;

  GArray        *client_events;   /* ClientEvent */
  guint          resynced;
  guint          signed_out;
  HearthSignOutReason sign_out_reason;
  char          *sign_out_message;
  GPtrArray     *database_errors; /* GError */
} Fixture;

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
  g_array_append_val (f->client_events, record);
}

static void
on_resynced_cb (HearthSession *session,
                Fixture       *f)
{
  f->resynced++;
}

static void
on_signed_out_cb (HearthSession       *session,
                  HearthSignOutReason  reason,
                  const char          *message,
                  Fixture             *f)
{
  g_assert_cmpint (hearth_session_get_state (session), ==, HEARTH_SESSION_SIGNED_OUT);
  f->signed_out++;
  f->sign_out_reason = reason;
  hearth_set_str (&f->sign_out_message, message);
}

static void
on_database_error_cb (HearthSession *session,
                      const GError  *error,
                      Fixture       *f)
{
  g_ptr_array_add (f->database_errors, g_error_copy (error));
}

static HearthSession *
fixture_new_session (Fixture       *f,
                     HearthSession *session)
{
  g_signal_connect (session, "resynced", G_CALLBACK (on_resynced_cb), f);
  g_signal_connect (session, "signed-out", G_CALLBACK (on_signed_out_cb), f);
  g_signal_connect (session, "database-error", G_CALLBACK (on_database_error_cb), f);
  _hearth_session_set_retry_delays (session, 30, 200, 30, 200);

  return session;
}

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
  g_signal_connect (f->server, "client-event", G_CALLBACK (on_client_event_cb), f);

  f->client_events = g_array_new (FALSE, TRUE, sizeof (ClientEvent));
  g_array_set_clear_func (f->client_events, (GDestroyNotify) client_event_clear);
  f->database_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  f->session = fixture_new_session (f, hearth_session_new (f->url, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_clear_and_wait (&f->session);
  hearth_server_shutdown (f->server);
  g_clear_object (&f->server);
  g_free (f->url);
  g_free (f->sign_out_message);
  g_array_unref (f->client_events);
  g_ptr_array_unref (f->database_errors);
}

static void
sign_in (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };

  hearth_session_sign_in_async (f->session, "alex", "hearth-alex", NULL, test_sync_cb, &sync);
  g_assert_cmpint (hearth_session_get_state (f->session), ==, HEARTH_SESSION_SIGNING_IN);
  hearth_session_sign_in_finish (f->session, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);
  g_assert_cmpint (hearth_session_get_state (f->session), ==, HEARTH_SESSION_SIGNED_IN);
}

static gboolean
resynced_at_least (gpointer data)
{
  gpointer *args = data;
  Fixture *f = args[0];

  return f->resynced >= GPOINTER_TO_UINT (args[1]);
}

static void
wait_resynced (Fixture *f,
               guint    n)
{
  gpointer args[] = { f, GUINT_TO_POINTER (n) };

  g_assert_true (test_wait_until (resynced_at_least, args, WAIT_MS));
}

static gboolean
signed_out (gpointer data)
{
  return ((Fixture *) data)->signed_out > 0;
}

static guint
count_events (Fixture         *f,
              HearthEventKind  kind,
              const char      *chat_id)
{
  guint n = 0;

  for (guint i = 0; i < f->client_events->len; i++)
    {
      ClientEvent *event = &g_array_index (f->client_events, ClientEvent, i);

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

static char *
database_path (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = hearth_database_dup_account_dir (f->url, ME, FALSE, &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "hearth.db", NULL);
}

/* The chat list as of now: the store's turn ends first (it announces a turn's changes when
 * the turn ends). */
static GListModel *
session_chats (Fixture *f)
{
  hearth_store_end_turn (hearth_session_get_store (f->session));

  return hearth_store_get_chats (hearth_session_get_store (f->session));
}

/* Tests. */

static void
test_session_sign_in (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = NULL;
  HearthStore *store;

  g_assert_nonnull (hearth_session_get_api (f->session));
  g_assert_null (hearth_session_get_store (f->session));

  sign_in (f);

  g_assert_cmpstr (hearth_user_get_id (hearth_session_get_me (f->session)), ==, ME);
  g_assert_cmpstr (hearth_user_get_name (hearth_session_get_me (f->session)), ==, "Alex Morgan");
  g_assert_cmpstr (hearth_session_get_token (f->session), ==,
                   hearth_server_get_token (f->server, ME));
  store = hearth_session_get_store (f->session);
  g_assert_nonnull (store);
  g_assert_true (hearth_store_get_me (store) == hearth_session_get_me (f->session));
  g_assert_nonnull (hearth_session_get_outbox (f->session));
  g_assert_nonnull (hearth_session_get_bus (f->session));
  g_assert_nonnull (hearth_session_get_connection (f->session));

  /* The account's database file, in the XDG data directory. */
  path = database_path (f);
  g_assert_cmpstr (hearth_database_get_path (hearth_store_get_database (store)), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Connected, resynced. */
  g_assert_true (hearth_test_wait_for_enum (hearth_session_get_connection (f->session), "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));
  wait_resynced (f, 1);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_store_get_chats (store)), ==, N_SEED_CHATS);
  g_assert_cmpuint (f->database_errors->len, ==, 0);

  /* Once. */
  {
    g_autoptr(GError) error = NULL;
    TestSync sync = { NULL };

    hearth_session_sign_in_async (f->session, "alex", "hearth-alex", NULL, test_sync_cb, &sync);
    hearth_session_sign_in_finish (f->session, test_sync_wait (&sync), &error);
    g_clear_object (&sync.result);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_assert_cmpint (hearth_session_get_state (f->session), ==, HEARTH_SESSION_SIGNED_IN);
  }
}

static void
test_session_wrong_password (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };

  hearth_session_sign_in_async (f->session, "alex", "wrong", NULL, test_sync_cb, &sync);
  hearth_session_sign_in_finish (f->session, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED);
  g_assert_cmpint (hearth_session_get_state (f->session), ==, HEARTH_SESSION_SIGNED_OUT);
  g_assert_null (hearth_session_get_token (f->session));
  g_assert_null (hearth_session_get_store (f->session));
  g_assert_cmpuint (f->signed_out, ==, 0);

  /* Nothing was made: the same session may try again. */
  sign_in (f);
}

static void
test_session_resume (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };
  const char *token;

  test_clear_and_wait (&f->session);
  token = hearth_server_get_token (f->server, ME);
  f->session = fixture_new_session (f, hearth_session_new_for_token (f->url, token, NULL, NULL));

  hearth_session_resume_async (f->session, NULL, test_sync_cb, &sync);
  hearth_session_resume_finish (f->session, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);

  g_assert_cmpstr (hearth_user_get_id (hearth_session_get_me (f->session)), ==, ME);
  g_assert_cmpstr (hearth_user_get_username (hearth_session_get_me (f->session)), ==, "alex");
  wait_resynced (f, 1);
}

static void
test_session_resume_offline (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };
  const char *token;
  HearthUser *me;

  /* A stored token and user id: the cache opens without the server. */
  test_clear_and_wait (&f->session);
  hearth_server_shutdown (f->server);
  token = hearth_server_get_token (f->server, ME);
  f->session = fixture_new_session (f, hearth_session_new_for_token (f->url, token, ME, NULL));

  hearth_session_resume_async (f->session, NULL, test_sync_cb, &sync);
  hearth_session_resume_finish (f->session, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);
  g_assert_cmpint (hearth_session_get_state (f->session), ==, HEARTH_SESSION_SIGNED_IN);
  me = hearth_session_get_me (f->session);
  g_assert_cmpstr (hearth_user_get_id (me), ==, ME);

  /* Back online: connected, resynced, and the profile refreshed. */
  test_server_restart (f->server, f->port);
  wait_resynced (f, 1);
  g_assert_cmpuint (g_list_model_get_n_items (session_chats (f)),
                    ==, N_SEED_CHATS);
  g_assert_true (hearth_session_get_me (f->session) == me);
  g_assert_cmpstr (hearth_user_get_name (me), ==, "Alex Morgan");
}

static void
test_session_catch_up (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) caught = NULL;
  HearthConnection *connection;

  _hearth_session_set_catch_up_page_size (f->session, 2);
  sign_in (f);
  wait_resynced (f, 1);

  list = hearth_session_get_messages (f->session, CHAT_RAJ);
  g_assert_true (test_wait_until (test_list_is_idle, list, WAIT_MS));
  hearth_session_set_chat_visible (f->session, CHAT_RAJ, TRUE);

  /* Offline while Raj writes 5 messages. */
  connection = hearth_session_get_connection (f->session);
  hearth_server_shutdown (f->server);
  g_assert_true (hearth_test_wait_for_enum (connection, "state", HEARTH_CONNECTION_RECONNECTING,
                                            WAIT_MS));
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *content = g_strdup_printf ("Missed %u", i);

      g_ptr_array_add (ids, hearth_server_post_message (f->server, RAJ, CHAT_RAJ, content, NULL,
                                                        &error));
      g_assert_no_error (error);
    }

  test_server_restart (f->server, f->port);
  wait_resynced (f, 2);

  /* Every one, in order, through pages of 2 (the last page is not full). */
  caught = test_list_find (list, "Missed");
  g_assert_cmpuint (caught->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (caught, i)), ==,
                     g_ptr_array_index (ids, i));
  g_assert_cmpstr (hearth_message_get_id (hearth_chat_get_last_message (
                     hearth_store_lookup_chat (hearth_session_get_store (f->session), CHAT_RAJ))),
                   ==, g_ptr_array_index (ids, 4));
}

static void
test_session_flush_on_reconnect (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GPtrArray) on_server = NULL;

  /* The outbox's own retry would come far too late: only the reconnect flushes it. */
  _hearth_session_set_retry_delays (f->session, 0, 0, 60000, 60000);
  sign_in (f);
  wait_resynced (f, 1);

  hearth_server_shutdown (f->server);
  message = hearth_session_send_message (f->session, CHAT_ANA, "Sent on reconnect", NULL);
  hearth_test_spin (100);
  g_assert_cmpint (hearth_message_get_state (message), ==, HEARTH_MESSAGE_QUEUED);
  g_assert_cmpuint (hearth_outbox_get_attempts (hearth_session_get_outbox (f->session), message),
                    ==, 1);

  test_server_restart (f->server, f->port);
  g_assert_true (test_wait_until (test_message_is_sent, message, WAIT_MS));
  g_assert_cmpuint (f->resynced, >=, 2);

  on_server = test_server_find (f->server, ME, CHAT_ANA, "Sent on reconnect");
  g_assert_cmpuint (on_server->len, ==, 1);
}

static void
test_session_typing (Fixture       *f,
                     gconstpointer  data)
{
  gint64 last_keystroke = 0;
  ClientEvent *stopped;
  guint n_started;

  _hearth_session_set_policy_intervals (f->session, 250, 400, 0);
  sign_in (f);
  wait_resynced (f, 1);
  hearth_session_set_window_active (f->session, TRUE);

  /* First keystroke: typing-started at once. */
  hearth_session_composer_changed (f->session, CHAT_ANA);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_ANA, 1));

  /* Keystrokes every 20 ms for 600 ms: typing-started again every 250 ms, no stop. */
  for (guint i = 0; i < 30; i++)
    {
      hearth_test_spin (20);
      last_keystroke = g_get_monotonic_time ();
      hearth_session_composer_changed (f->session, CHAT_ANA);
    }
  hearth_test_spin (50);
  n_started = count_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_ANA);
  g_assert_cmpuint (n_started, >=, 2);
  g_assert_cmpuint (n_started, <=, 4);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_ANA), ==, 0);

  /* typing-stopped once the keystrokes stop for 400 ms, not before. */
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_ANA, 1));
  stopped = &g_array_index (f->client_events, ClientEvent, f->client_events->len - 1);
  g_assert_cmpint (stopped->kind, ==, HEARTH_EVENT_TYPING_STOPPED);
  g_assert_cmpint (stopped->at_us - last_keystroke, >=, 400 * 1000);
  hearth_test_spin (300);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_ANA), ==, 1);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_ANA), ==, n_started);
}

static void
test_session_typing_stops (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HearthMessage) message = NULL;

  /* Long intervals: every typing-stopped below comes from its trigger. */
  _hearth_session_set_policy_intervals (f->session, 60000, 60000, 0);
  sign_in (f);
  wait_resynced (f, 1);
  hearth_session_set_window_active (f->session, TRUE);
  hearth_session_set_chat_visible (f->session, CHAT_ANA, TRUE);

  /* On send. */
  hearth_session_composer_changed (f->session, CHAT_ANA);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_ANA, 1));
  message = hearth_session_send_message (f->session, CHAT_ANA, "Typed and sent", NULL);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_ANA, 1));
  g_assert_true (test_wait_until (test_message_is_sent, message, WAIT_MS));

  /* On a keystroke in another chat: stopped here, started there. */
  hearth_session_composer_changed (f->session, CHAT_ANA);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_ANA, 2));
  hearth_session_composer_changed (f->session, CHAT_MEI);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_ANA, 2));
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_MEI, 1));

  /* On a chat switch. */
  hearth_session_set_chat_visible (f->session, CHAT_HIKE, TRUE);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_MEI, 1));

  /* On window blur. */
  hearth_session_composer_changed (f->session, CHAT_HIKE);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_HIKE, 1));
  hearth_session_set_window_active (f->session, FALSE);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_HIKE, 1));

  /* The privacy switch: nothing at all. */
  hearth_session_set_window_active (f->session, TRUE);
  hearth_session_set_send_typing (f->session, FALSE);
  g_assert_false (hearth_session_get_send_typing (f->session));
  hearth_session_composer_changed (f->session, CHAT_HIKE);
  hearth_test_spin (200);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_HIKE), ==, 1);

  /* Turning it off while typing stops at once. */
  hearth_session_set_send_typing (f->session, TRUE);
  hearth_session_composer_changed (f->session, CHAT_HIKE);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STARTED, CHAT_HIKE, 2));
  hearth_session_set_send_typing (f->session, FALSE);
  g_assert_true (wait_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_HIKE, 2));

  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_ANA), ==, 2);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_TYPING_STOPPED, CHAT_MEI), ==, 1);
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
post_as_raj (Fixture    *f,
             const char *content)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = hearth_server_post_message (f->server, RAJ, CHAT_RAJ, content, NULL,
                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static void
test_session_read_receipts (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(HearthMessageList) list = NULL;
  HearthChat *chat;
  ClientEvent *first, *second;
  UnreadWait wait;
  guint n;

  _hearth_session_set_policy_intervals (f->session, 0, 0, 500);
  sign_in (f);
  wait_resynced (f, 1);
  chat = hearth_store_lookup_chat (hearth_session_get_store (f->session), CHAT_RAJ);
  g_assert_nonnull (chat);
  list = hearth_session_get_messages (f->session, CHAT_RAJ);

  /* Unread messages while the window is inactive: nothing emitted. */
  hearth_session_set_chat_visible (f->session, CHAT_RAJ, TRUE);
  post_as_raj (f, "Are you there?");
  wait = (UnreadWait) { chat, hearth_chat_get_unread (chat) + 1 };
  g_assert_true (test_wait_until (unread_reached, &wait, WAIT_MS));
  hearth_test_spin (100);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ), ==, 0);

  /* The window becomes active with the chat at the bottom: read. */
  hearth_session_set_window_active (f->session, TRUE);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_true (wait_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ, 1));

  /* A new message while looking: read again, but not sooner than 500 ms after the first. */
  post_as_raj (f, "Hello?");
  g_assert_true (wait_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ, 2));
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  first = &g_array_index (f->client_events, ClientEvent, f->client_events->len - 2);
  second = &g_array_index (f->client_events, ClientEvent, f->client_events->len - 1);
  g_assert_cmpint (first->kind, ==, HEARTH_EVENT_MESSAGES_READ);
  g_assert_cmpint (second->kind, ==, HEARTH_EVENT_MESSAGES_READ);
  g_assert_cmpint (second->at_us - first->at_us, >=, 400 * 1000);

  /* A burst within the window gives one more, not three. */
  hearth_test_spin (600);
  post_as_raj (f, "One");
  post_as_raj (f, "Two");
  post_as_raj (f, "Three");
  g_assert_true (wait_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ, 3));
  hearth_test_spin (800);
  n = count_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ);
  g_assert_cmpuint (n, ==, 4);

  /* Scrolled up: unread counts, nothing emitted; back at the bottom: read. */
  hearth_test_spin (600);
  hearth_session_set_chat_at_bottom (f->session, FALSE);
  post_as_raj (f, "Scrolled up");
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  wait = (UnreadWait) { chat, 1 };
  g_assert_true (test_wait_until (unread_reached, &wait, WAIT_MS));
  hearth_test_spin (100);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ), ==, n);
  hearth_session_set_chat_at_bottom (f->session, TRUE);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_true (wait_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ, n + 1));

  /* The privacy switch: read here, nothing emitted. */
  hearth_session_set_send_read_receipts (f->session, FALSE);
  hearth_session_set_chat_at_bottom (f->session, FALSE);
  /* Later than the local read time (the server's times have milliseconds). */
  hearth_test_spin (20);
  post_as_raj (f, "Private");
  g_assert_true (test_wait_until (unread_reached, &wait, WAIT_MS));
  hearth_session_set_chat_at_bottom (f->session, TRUE);
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  hearth_test_spin (700);
  g_assert_cmpuint (count_events (f, HEARTH_EVENT_MESSAGES_READ, CHAT_RAJ), ==, n + 1);
}

static void
test_session_sign_out (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  sign_in (f);
  wait_resynced (f, 1);
  hearth_store_flush (hearth_session_get_store (f->session));
  path = database_path (f);
  dir = g_path_get_dirname (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (hearth_server_count_connections (f->server, ME), ==, 1);

  hearth_session_sign_out (f->session);

  g_assert_cmpuint (f->signed_out, ==, 1);
  g_assert_cmpint (f->sign_out_reason, ==, HEARTH_SIGN_OUT_USER);
  g_assert_null (f->sign_out_message);
  g_assert_cmpint (hearth_session_get_state (f->session), ==, HEARTH_SESSION_SIGNED_OUT);
  g_assert_null (hearth_session_get_token (f->session));
  g_assert_null (hearth_api_get_token (hearth_session_get_api (f->session)));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (session_chats (f)),
                    ==, 0);
  g_assert_cmpint (hearth_connection_get_state (hearth_session_get_connection (f->session)), ==,
                   HEARTH_CONNECTION_STOPPED);

  /* Once. */
  hearth_session_sign_out (f->session);
  hearth_test_spin (100);
  g_assert_cmpuint (f->signed_out, ==, 1);
  g_assert_cmpuint (hearth_server_count_connections (f->server, ME), ==, 0);
}

static void
assert_pushed_sign_out (Fixture             *f,
                        const char          *event,
                        HearthSignOutReason  reason,
                        const char          *message)
{
  g_autofree char *path = NULL;
  g_autofree char *data_json = g_strdup_printf ("{\"message\": \"%s\"}", message);

  sign_in (f);
  wait_resynced (f, 1);
  hearth_store_flush (hearth_session_get_store (f->session));
  path = database_path (f);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_cmpuint (hearth_server_push_event (f->server, ME, event, data_json), ==, 1);
  g_assert_true (test_wait_until (signed_out, f, WAIT_MS));

  g_assert_cmpuint (f->signed_out, ==, 1);
  g_assert_cmpint (f->sign_out_reason, ==, reason);
  g_assert_cmpstr (f->sign_out_message, ==, message);
  g_assert_null (hearth_session_get_token (f->session));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (hearth_connection_get_state (hearth_session_get_connection (f->session)), ==,
                   HEARTH_CONNECTION_STOPPED);

  /* No reconnect. */
  hearth_test_spin (300);
  g_assert_cmpuint (hearth_server_count_connections (f->server, ME), ==, 0);
  g_assert_cmpuint (f->signed_out, ==, 1);
}

static void
test_session_account_terminated (Fixture       *f,
                                 gconstpointer  data)
{
  assert_pushed_sign_out (f, "account-terminated", HEARTH_SIGN_OUT_ACCOUNT_TERMINATED,
                          "Your account has been terminated for testing.");
}

static void
test_session_authorization_failed (Fixture       *f,
                                   gconstpointer  data)
{
  assert_pushed_sign_out (f, "authorization-failed", HEARTH_SIGN_OUT_AUTHORIZATION_FAILED,
                          "Your session expired.");
}

static void
test_session_bad_token (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  TestSync sync = { NULL };

  /* A stored token the server no longer accepts: the cache opens, then the refusal (GET /me
   * 401 or the WebSocket handshake) signs out and deletes it. */
  test_clear_and_wait (&f->session);
  f->session = fixture_new_session (f, hearth_session_new_for_token (f->url, "hearth.stale", ME,
                                                                     NULL));
  hearth_session_resume_async (f->session, NULL, test_sync_cb, &sync);
  /* Whether the refusal comes before the cache is open or after. */
  if (!hearth_session_resume_finish (f->session, test_sync_wait (&sync), &error))
    {
      g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED);
      g_assert_cmpuint (f->signed_out, ==, 1);
    }
  g_clear_object (&sync.result);

  g_assert_true (test_wait_until (signed_out, f, WAIT_MS));
  g_assert_cmpint (f->sign_out_reason, ==, HEARTH_SIGN_OUT_AUTHORIZATION_FAILED);
  g_assert_nonnull (f->sign_out_message);
  path = database_path (f);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  hearth_test_spin (200);
  g_assert_cmpuint (f->signed_out, ==, 1);
}

static void
test_session_data_dir (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hearth-session-XXXXXX", &error);
  g_autofree char *account = g_build_filename (dir, "account", NULL);
  g_autofree char *path = g_build_filename (account, "hearth.db", NULL);

  g_assert_no_error (error);
  test_clear_and_wait (&f->session);
  f->session = fixture_new_session (f, hearth_session_new (f->url, account));
  sign_in (f);
  g_assert_cmpstr (hearth_session_get_data_dir (f->session), ==, account);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  hearth_session_sign_out (f->session);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* A directory given by the caller is the caller's. */
  g_assert_cmpint (g_rmdir (account), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_make_data_home ();
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Hearth/Session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sign-in", test_session_sign_in);
  ADD ("wrong-password", test_session_wrong_password);
  ADD ("resume", test_session_resume);
  ADD ("resume-offline", test_session_resume_offline);
  ADD ("data-dir", test_session_data_dir);
  ADD ("catch-up", test_session_catch_up);
  ADD ("flush-on-reconnect", test_session_flush_on_reconnect);
  ADD ("typing", test_session_typing);
  ADD ("typing-stops", test_session_typing_stops);
  ADD ("read-receipts", test_session_read_receipts);
  ADD ("sign-out", test_session_sign_out);
  ADD ("account-terminated", test_session_account_terminated);
  ADD ("authorization-failed", test_session_authorization_failed);
  ADD ("bad-token", test_session_bad_token);

#undef ADD

  ret = g_test_run ();
  test_remove_tree (data_home);

  return ret;
}
