/* test-connection.c: HearthConnection + HearthEventBus against the reference server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <gio/gio.h>

#include "hearth-connection.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-message.h"
#include "hearth-score.h"
#include "hearth-server.h"
#include "hearth-test-util.h"
#include "hearth-user.h"

#define WAIT_MS 10000

typedef struct
{
  HearthServer     *server;
  HearthConnection *connection;
  HearthEventBus   *bus;
  char             *me;
  GPtrArray        *events;        /* HearthEvent received through the bus */
  GPtrArray        *client_events; /* HearthEvent received by the server */
  GPtrArray        *states;        /* HearthConnectionState, in order */
  guint             frame_errors;
} Fixture;

static void
on_bus_event_cb (HearthEventBus *bus,
                 HearthEvent    *event,
                 Fixture        *f)
{
  g_ptr_array_add (f->events, g_object_ref (event));
}

static void
on_client_event_cb (HearthServer *server,
                    const char   *user_id,
                    HearthEvent  *event,
                    Fixture      *f)
{
  g_assert_cmpstr (user_id, ==, f->me);
  g_ptr_array_add (f->client_events, g_object_ref (event));
}

static void
on_state_cb (HearthConnection *connection,
             GParamSpec       *pspec,
             Fixture          *f)
{
  g_ptr_array_add (f->states, GINT_TO_POINTER (hearth_connection_get_state (connection)));
}

static void
on_frame_error_cb (HearthConnection *connection,
                   const GError     *error,
                   Fixture          *f)
{
  g_assert_nonnull (error);
  f->frame_errors++;
}

static void
fixture_set_up_server (Fixture       *f,
                       HearthFraming  server_framing)
{
  g_autoptr(GError) error = NULL;

  f->server = hearth_server_new ();
  hearth_server_load_seed_file (f->server, g_getenv ("HEARTH_SEED_FIXTURE"), &error);
  g_assert_no_error (error);
  hearth_server_set_framing (f->server, server_framing);
  hearth_server_set_ping (f->server, 200, 200);
  hearth_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  g_signal_connect (f->server, "client-event", G_CALLBACK (on_client_event_cb), f);
}

static void
fixture_set_up_connection (Fixture       *f,
                           const char    *url,
                           const char    *token,
                           HearthFraming  framing)
{
  f->connection = hearth_connection_new (url, token);
  g_object_set (f->connection,
                "framing", framing,
                "reconnect-base-ms", 50,
                "reconnect-max-ms", 400,
                "heartbeat-interval-ms", 1000,
                "heartbeat-timeout-ms", 2500,
                NULL);
  g_signal_connect (f->connection, "notify::state", G_CALLBACK (on_state_cb), f);
  g_signal_connect (f->connection, "frame-error", G_CALLBACK (on_frame_error_cb), f);

  f->bus = hearth_event_bus_new ();
  hearth_event_bus_set_connection (f->bus, f->connection);
  g_signal_connect (f->bus, "event", G_CALLBACK (on_bus_event_cb), f);
}

static void
fixture_init (Fixture *f)
{
  f->me = hearth_test_seed_me_id ();
  f->events = g_ptr_array_new_with_free_func (g_object_unref);
  f->client_events = g_ptr_array_new_with_free_func (g_object_unref);
  f->states = g_ptr_array_new ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  HearthFraming framing = GPOINTER_TO_INT (data);
  g_autofree char *url = NULL;

  fixture_init (f);
  fixture_set_up_server (f, HEARTH_FRAMING_AUTO);
  url = hearth_server_dup_url (f->server);
  fixture_set_up_connection (f, url, hearth_server_get_token (f->server, f->me), framing);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->connection != NULL)
    hearth_connection_stop (f->connection);
  g_clear_object (&f->bus);
  g_clear_object (&f->connection);
  if (f->server != NULL)
    hearth_server_shutdown (f->server);
  g_clear_object (&f->server);
  /* Let cancelled operations and closing sockets finish. */
  hearth_test_spin (20);
  g_clear_pointer (&f->events, g_ptr_array_unref);
  g_clear_pointer (&f->client_events, g_ptr_array_unref);
  g_clear_pointer (&f->states, g_ptr_array_unref);
  g_clear_pointer (&f->me, g_free);
}

static void
start_and_wait_connected (Fixture *f)
{
  hearth_connection_start (f->connection);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));
  g_assert_null (hearth_connection_get_error (f->connection));
}

static HearthEvent *
nth_event (Fixture *f,
           guint    i)
{
  g_assert_cmpuint (i, <, f->events->len);
  return g_ptr_array_index (f->events, i);
}

/* All 14 listening events of the seed, pushed by the server, arrive in order and intact. */
static void
test_receive_all_events (Fixture       *f,
                         gconstpointer  data)
{
  enum { TERMINATED = 8 };
  g_autoptr(GPtrArray) samples = hearth_test_load_seed_samples ();
  HearthTestSample *order[HEARTH_TEST_N_LISTENING];
  HearthEvent *event;
  HearthScore *score;

  start_and_wait_connected (f);
  g_assert_cmpint (hearth_connection_get_effective_framing (f->connection), ==,
                   GPOINTER_TO_INT (data));

  /* account-terminated (sample 9) ends the connection: send it last. */
  for (guint i = 0; i < HEARTH_TEST_N_LISTENING; i++)
    {
      HearthTestSample *sample = g_ptr_array_index (samples, i == HEARTH_TEST_N_LISTENING - 1 ?
                                                             TERMINATED : i < TERMINATED ?
                                                             i : i + 1);

      order[i] = sample;
      g_assert_cmpuint (hearth_server_push_event (f->server, f->me, sample->name,
                                                  sample->data_json), ==, 1);
    }

  g_assert_true (hearth_test_wait_for_count (&f->events->len, HEARTH_TEST_N_LISTENING, WAIT_MS));
  g_assert_cmpuint (f->frame_errors, ==, 0);

  for (guint i = 0; i < HEARTH_TEST_N_LISTENING; i++)
    g_assert_cmpint (hearth_event_get_kind (nth_event (f, i)), ==,
                     hearth_event_kind_from_name (order[i]->name));

  event = nth_event (f, 0);
  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_USER_ONLINE);
  g_assert_cmpstr (hearth_user_get_id (hearth_event_get_user (event)), ==,
                   "68ac3f6dd7f5a437029aa88f");
  g_assert_cmpuint (g_strv_length ((char **) hearth_event_get_chat_ids (event)), ==, 6);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, "68d637d114789cc4f67a4582");

  event = nth_event (f, 5);
  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_MESSAGES_RECEIVED);
  g_assert_cmpstr (hearth_message_get_id (hearth_event_get_message (event)), ==,
                   "68c7df06d34e93befb486cda");
  g_assert_cmpstr (hearth_message_get_content (hearth_event_get_message (event)), ==,
                   "Hi John, All good ?");
  g_assert_cmpstr (hearth_message_get_reel (hearth_event_get_message (event)), ==,
                   "68bee79857ab80b69867946b");

  event = nth_event (f, 8);
  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_CHAT_JOINED);
  g_assert_cmpstr (hearth_user_get_name (hearth_event_get_admin (event)), ==, "Raj Kr");

  event = nth_event (f, 11);
  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_REWARD_CONSUMED);
  g_assert_cmpint (hearth_event_get_remaining (event), ==, 0);
  g_assert_true (hearth_event_get_is_expired (event));

  event = nth_event (f, 12);
  score = hearth_event_get_score (event);
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_mindfulness_actions (score)), ==, 4);

  event = nth_event (f, 13);
  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_ACCOUNT_TERMINATED);
  g_assert_true (g_str_has_prefix (hearth_event_get_server_message (event),
                                   "Your account has been terminated"));
  /* ...and it ends the connection for good, after delivering itself. */
  g_assert_cmpint (hearth_connection_get_state (f->connection), ==, HEARTH_CONNECTION_STOPPED);
  g_assert_error (hearth_connection_get_error (f->connection),
                  HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_TERMINATED);
}

/* The three emitted events reach the server with their chat ids. */
static void
test_emit (Fixture       *f,
           gconstpointer  data)
{
  static const HearthEventKind kinds[] = {
    HEARTH_EVENT_TYPING_STARTED, HEARTH_EVENT_TYPING_STOPPED, HEARTH_EVENT_MESSAGES_READ,
  };
  g_autoptr(GError) error = NULL;

  start_and_wait_connected (f);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(HearthEvent) event = NULL;
      g_autofree char *chat = g_strdup_printf ("68beebca57ab80b6986794d%u", i);

      event = hearth_event_new_emitted (kinds[i], chat);
      g_assert_true (hearth_connection_emit (f->connection, event, &error));
      g_assert_no_error (error);
    }

  g_assert_true (hearth_test_wait_for_count (&f->client_events->len, 3, WAIT_MS));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      HearthEvent *event = g_ptr_array_index (f->client_events, i);
      g_autofree char *chat = g_strdup_printf ("68beebca57ab80b6986794d%u", i);

      g_assert_cmpint (hearth_event_get_kind (event), ==, kinds[i]);
      g_assert_cmpstr (hearth_event_get_chat_id (event), ==, chat);
    }
}

/* Emitting while not connected is an error, never a queued or silently lost frame. */
static void
test_emit_not_connected (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(HearthEvent) event = hearth_event_new_emitted (HEARTH_EVENT_TYPING_STARTED, "c1");
  g_autoptr(GError) error = NULL;

  g_assert_false (hearth_connection_emit (f->connection, event, &error));
  g_assert_error (error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_NOT_CONNECTED);
}

/* A connection dropped by the server comes back by itself, and events flow again. */
static void
test_drop_reconnects (Fixture       *f,
                      gconstpointer  data)
{
  start_and_wait_connected (f);

  g_assert_cmpuint (hearth_server_drop_connections (f->server, f->me), ==, 1);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_RECONNECTING, WAIT_MS));
  g_assert_nonnull (hearth_connection_get_error (f->connection));
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));

  hearth_server_push_event (f->server, f->me, "chat-created", "{\"chat\":\"c2b131b4d5c7189924c59721\"}");
  g_assert_true (hearth_test_wait_for_count (&f->events->len, 1, WAIT_MS));
  g_assert_cmpstr (hearth_event_get_chat_id (nth_event (f, 0)), ==, "c2b131b4d5c7189924c59721");
}

/* A Socket.IO server that stops pinging is declared dead after pingInterval + pingTimeout. */
static void
test_stalled_server_detected (Fixture       *f,
                              gconstpointer  data)
{
  const GError *error;

  start_and_wait_connected (f);

  hearth_server_set_stalled (f->server, TRUE);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_RECONNECTING, WAIT_MS));
  error = hearth_connection_get_error (f->connection);
  g_assert_error (error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_DEAD);

  hearth_server_set_stalled (f->server, FALSE);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));
}

typedef struct
{
  GSubprocess *process;
  char        *url;
  char        *token;
} ServerProcess;

static void
kill_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Runs hearth-server in its own process so that it can really hang (SIGSTOP). */
static void
server_process_start (ServerProcess *sp,
                      const char    *framing,
                      const char    *user_id)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *prefix = g_strdup_printf ("Token for %s: ", user_id);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, kill_with_parent, NULL, NULL);
  sp->process = g_subprocess_launcher_spawn (launcher, &error,
                                             g_getenv ("HEARTH_SERVER_BIN"),
                                             "--port", "0",
                                             "--framing", framing,
                                             "--seed", g_getenv ("HEARTH_SEED_FIXTURE"),
                                             "--ping-interval", "200",
                                             "--ping-timeout", "200",
                                             "--print-tokens-by-id",
                                             NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sp->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "Listening on "));
  sp->url = g_strdup (line + strlen ("Listening on "));

  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (sp->process));
  while (sp->token == NULL)
    {
      g_autofree char *eline = g_data_input_stream_read_line_utf8 (err, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (eline);
      if (g_str_has_prefix (eline, prefix))
        sp->token = g_strdup (eline + strlen (prefix));
    }
}

static void
server_process_stop (ServerProcess *sp)
{
  g_subprocess_send_signal (sp->process, SIGCONT);
  g_subprocess_force_exit (sp->process);
  g_subprocess_wait (sp->process, NULL, NULL);
  g_clear_object (&sp->process);
  g_clear_pointer (&sp->url, g_free);
  g_clear_pointer (&sp->token, g_free);
}

/* A server that hangs (SIGSTOP: no pong, no ping, no frame) is detected dead in either framing,
 * and the connection comes back once the server does. */
static void
test_hung_server_detected (Fixture       *f,
                           gconstpointer  data)
{
  HearthFraming framing = GPOINTER_TO_INT (data);
  ServerProcess sp = { 0 };

  server_process_start (&sp, framing == HEARTH_FRAMING_SOCKET_IO ? "socket.io" : "envelope",
                        f->me);
  g_clear_object (&f->bus);
  g_clear_object (&f->connection);
  fixture_set_up_connection (f, sp.url, sp.token, framing);
  start_and_wait_connected (f);

  g_subprocess_send_signal (sp.process, SIGSTOP);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_RECONNECTING, WAIT_MS));
  g_assert_error (hearth_connection_get_error (f->connection),
                  HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_DEAD);

  g_subprocess_send_signal (sp.process, SIGCONT);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_CONNECTED, 3 * WAIT_MS));

  hearth_connection_stop (f->connection);
  server_process_stop (&sp);
}

/* A refused token ends in STOPPED with an AUTH error, and no retry follows. */
static void
test_rejected_token (Fixture       *f,
                     gconstpointer  data)
{
  HearthFraming framing = GPOINTER_TO_INT (data);
  g_autofree char *url = hearth_server_dup_url (f->server);

  g_clear_object (&f->bus);
  g_clear_object (&f->connection);
  fixture_set_up_connection (f, url, "not-a-valid-token", framing);

  hearth_connection_start (f->connection);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_STOPPED, WAIT_MS));
  g_assert_error (hearth_connection_get_error (f->connection),
                  HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_AUTH);

  hearth_test_spin (300);
  g_assert_cmpint (hearth_connection_get_state (f->connection), ==, HEARTH_CONNECTION_STOPPED);
  g_assert_cmpuint (hearth_server_count_connections (f->server, NULL), ==, 0);
}

/* Socket.IO without a header: the token travels in CONNECT; a wrong one gets CONNECT_ERROR. */
static void
test_rejected_connect_payload (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *url = hearth_server_dup_url (f->server);

  g_clear_object (&f->bus);
  g_clear_object (&f->connection);
  fixture_set_up_connection (f, url, "", HEARTH_FRAMING_SOCKET_IO);

  hearth_connection_start (f->connection);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_STOPPED, WAIT_MS));
  g_assert_error (hearth_connection_get_error (f->connection),
                  HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_AUTH);
}

/* An authorization-failed event from a live server stops the connection too. */
static void
test_authorization_failed_event (Fixture       *f,
                                 gconstpointer  data)
{
  start_and_wait_connected (f);

  hearth_server_push_event (f->server, f->me, "authorization-failed",
                            "{\"message\":\"Session expired\"}");
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_STOPPED, WAIT_MS));
  g_assert_error (hearth_connection_get_error (f->connection),
                  HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_AUTH);
  g_assert_cmpstr (hearth_connection_get_error (f->connection)->message, ==, "Session expired");
  g_assert_cmpuint (f->events->len, ==, 1);
  g_assert_true (hearth_event_is_error (nth_event (f, 0)));
}

/* A 1 MiB frame (a long message) arrives intact. */
static void
test_large_frame (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) content = g_string_sized_new (1024 * 1024);
  g_autofree char *json = NULL;
  HearthMessage *message;

  start_and_wait_connected (f);

  for (guint i = 0; content->len < 1024 * 1024; i++)
    g_string_append_printf (content, "%07u ", i);

  json = g_strdup_printf ("{\"message\":{\"_id\":\"68c7df06d34e93befb486cdb\","
                          "\"user\":\"68b5931b4d5c718924c59a40\","
                          "\"chat\":\"68bee79857ab80b69867946b\","
                          "\"content\":\"%s\",\"at\":\"2025-09-15T09:40:22.000Z\"}}",
                          content->str);
  g_assert_cmpuint (strlen (json), >, 1024 * 1024);

  hearth_server_push_event (f->server, f->me, "messages-received", json);
  g_assert_true (hearth_test_wait_for_count (&f->events->len, 1, WAIT_MS));

  message = hearth_event_get_message (nth_event (f, 0));
  g_assert_cmpuint (strlen (hearth_message_get_content (message)), ==, content->len);
  g_assert_cmpstr (hearth_message_get_content (message), ==, content->str);
  g_assert_cmpint (hearth_connection_get_state (f->connection), ==, HEARTH_CONNECTION_CONNECTED);
}

/* Garbage frames are dropped, each reported once, and the connection stays up. */
static void
test_garbage_frames (Fixture       *f,
                     gconstpointer  data)
{
  HearthFraming framing = GPOINTER_TO_INT (data);
  static const char *envelope_garbage[] = {
    "not json", "{\"event\":5}", "[1,2,3]", "{\"data\":{}}", "{\"event\":\"\"}",
    "{\"event\":\"messages-received\",\"data\":{\"message\":{}}}",
    "{\"event\":\"chat-created\",\"data\":\"c1\"}",
  };
  static const char *sio_garbage[] = {
    "abc", "4abc", "42{}", "42abc[\"x\"]", "42[", "451-[\"x\",{\"_placeholder\":true,\"num\":0}]",
    "42[\"messages-received\",{\"message\":{}}]", "42[\"chat-created\",\"c1\"]",
  };
  const char **garbage = framing == HEARTH_FRAMING_SOCKET_IO ? sio_garbage : envelope_garbage;
  guint n = framing == HEARTH_FRAMING_SOCKET_IO ? G_N_ELEMENTS (sio_garbage) :
                                                  G_N_ELEMENTS (envelope_garbage);
  guint states_before;

  start_and_wait_connected (f);
  states_before = f->states->len;

  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (hearth_server_push_raw (f->server, f->me, garbage[i]), ==, 1);
  hearth_server_push_event (f->server, f->me, "chat-created", "{\"chat\":\"c2b131b4d5c7189924c59721\"}");

  g_assert_true (hearth_test_wait_for_count (&f->events->len, 1, WAIT_MS));
  g_assert_cmpuint (f->frame_errors, ==, n);
  g_assert_cmpint (hearth_event_get_kind (nth_event (f, 0)), ==, HEARTH_EVENT_CHAT_CREATED);
  g_assert_cmpuint (f->states->len, ==, states_before);
  g_assert_cmpint (hearth_connection_get_state (f->connection), ==, HEARTH_CONNECTION_CONNECTED);
}

/* AUTO tries Socket.IO first and falls back to the envelope where only that is served. */
static void
test_auto_framing (Fixture       *f,
                   gconstpointer  data)
{
  HearthFraming served = GPOINTER_TO_INT (data);
  g_autofree char *url = NULL;

  hearth_server_shutdown (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->bus);
  g_clear_object (&f->connection);

  fixture_set_up_server (f, served);
  url = hearth_server_dup_url (f->server);
  fixture_set_up_connection (f, url, hearth_server_get_token (f->server, f->me),
                             HEARTH_FRAMING_AUTO);

  start_and_wait_connected (f);
  g_assert_cmpint (hearth_connection_get_effective_framing (f->connection), ==, served);

  /* What worked is remembered for the next connection. */
  hearth_server_drop_connections (f->server, NULL);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_RECONNECTING, WAIT_MS));
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));
  g_assert_cmpint (hearth_connection_get_effective_framing (f->connection), ==, served);
}

/* stop() closes cleanly and nothing reconnects afterwards; start() brings it back. */
static void
test_stop_start (Fixture       *f,
                 gconstpointer  data)
{
  start_and_wait_connected (f);

  hearth_connection_stop (f->connection);
  g_assert_cmpint (hearth_connection_get_state (f->connection), ==, HEARTH_CONNECTION_STOPPED);
  g_assert_null (hearth_connection_get_error (f->connection));
  hearth_test_spin (300);
  g_assert_cmpint (hearth_connection_get_state (f->connection), ==, HEARTH_CONNECTION_STOPPED);
  g_assert_cmpuint (hearth_server_count_connections (f->server, f->me), ==, 0);

  start_and_wait_connected (f);
  g_assert_cmpuint (hearth_server_count_connections (f->server, f->me), ==, 1);
}

/* Main-loop budget: a flood whose every event costs its handler 1 ms comes out of the
 * connection in slices, with a default-priority idle running in between (delivered inside
 * libsoup's read, as they used to be, whole 128-frame chunks of the flood came out in one
 * dispatch), and every event arrives, in order. */
#define FLOOD_EVENTS 400

typedef struct
{
  guint      received;        /* messages-received events */
  guint      since_tick;      /* deliveries since the idle last ran */
  guint      longest_run;     /* the most deliveries the idle did not run between */
  guint      ticks;           /* idle runs while events were still to come */
  guint      idle_id;
  gboolean   in_order;
  gboolean   done;            /* the flood's "bench-done" marker arrived */
  GDateTime *last_at;
} Flood;

static gboolean
flood_tick_cb (gpointer user_data)
{
  Flood *flood = user_data;

  flood->idle_id = 0;
  flood->since_tick = 0;
  if (!flood->done)
    flood->ticks++;

  return G_SOURCE_REMOVE;
}

static void
on_flood_event_cb (HearthConnection *connection,
                   HearthEvent      *event,
                   Flood            *flood)
{
  GDateTime *at;

  if (hearth_event_get_kind (event) != HEARTH_EVENT_MESSAGES_RECEIVED)
    {
      flood->done = g_strcmp0 (hearth_event_get_name (event), "bench-done") == 0;
      return;
    }

  /* The flood's messages are 1 ms apart. */
  at = hearth_message_get_at (hearth_event_get_message (event));
  if (flood->last_at != NULL && g_date_time_compare (flood->last_at, at) >= 0)
    flood->in_order = FALSE;
  g_clear_pointer (&flood->last_at, g_date_time_unref);
  flood->last_at = g_date_time_ref (at);
  flood->received++;

  flood->since_tick++;
  flood->longest_run = MAX (flood->longest_run, flood->since_tick);
  if (flood->idle_id == 0)
    flood->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, flood_tick_cb, flood, NULL);

  /* What a busy subscriber costs (the store takes ~10 µs). */
  g_usleep (1000);
}

static void
test_flood_in_slices (Fixture       *f,
                      gconstpointer  data)
{
  Flood flood = { .in_order = TRUE };

  hearth_server_set_flood (f->server, FLOOD_EVENTS);
  g_signal_connect (f->connection, "event", G_CALLBACK (on_flood_event_cb), &flood);
  start_and_wait_connected (f);

  g_assert_true (hearth_test_wait_for_flag (&flood.done, 6 * WAIT_MS));
  g_assert_cmpuint (flood.received, ==, FLOOD_EVENTS);
  g_assert_true (flood.in_order);
  g_assert_cmpuint (f->frame_errors, ==, 0);

  /* A slice ends after ~5 ms of work, so a handful of 1 ms events; 32 leaves room and stays
   * far below one chunk of the flood. The idle ran between all those slices. */
  g_assert_cmpuint (flood.longest_run, <, 32);
  g_assert_cmpuint (flood.ticks, >=, FLOOD_EVENTS / 32);

  g_signal_handlers_disconnect_by_data (f->connection, &flood);
  g_clear_handle_id (&flood.idle_id, g_source_remove);
  g_clear_pointer (&flood.last_at, g_date_time_unref);
}

/* A link lost with frames still queued: their events are all delivered, in order, while
 * RECONNECTING, and the next link starts only then (so a recovered Socket.IO session resumes
 * from the last of them: nothing is replayed twice). */
#define DROP_EVENTS 150

typedef struct
{
  guint    received;
  guint    while_reconnecting;
  guint    after_reconnect;     /* delivered in CONNECTED after RECONNECTING was seen */
  gboolean lost;
  gboolean in_order;
} Drain;

static void
on_drain_state_cb (HearthConnection *connection,
                   GParamSpec       *pspec,
                   Drain            *drain)
{
  if (hearth_connection_get_state (connection) == HEARTH_CONNECTION_RECONNECTING)
    drain->lost = TRUE;
}

static void
on_drain_event_cb (HearthConnection *connection,
                   HearthEvent      *event,
                   Drain            *drain)
{
  g_autofree char *expected = g_strdup_printf ("c2b131b4d5c71899%08x", drain->received);
  HearthConnectionState state = hearth_connection_get_state (connection);

  if (g_strcmp0 (hearth_event_get_chat_id (event), expected) != 0)
    drain->in_order = FALSE;
  drain->received++;
  if (state == HEARTH_CONNECTION_RECONNECTING)
    drain->while_reconnecting++;
  else if (state == HEARTH_CONNECTION_CONNECTED && drain->lost)
    drain->after_reconnect++;

  g_usleep (1000);
}

static void
test_lost_link_drains (Fixture       *f,
                       gconstpointer  data)
{
  Drain drain = { .in_order = TRUE };

  start_and_wait_connected (f);
  g_signal_connect (f->connection, "event", G_CALLBACK (on_drain_event_cb), &drain);
  g_signal_connect (f->connection, "notify::state", G_CALLBACK (on_drain_state_cb), &drain);

  for (guint i = 0; i < DROP_EVENTS; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"chat\":\"c2b131b4d5c71899%08x\"}", i);

      g_assert_cmpuint (hearth_server_push_event (f->server, f->me, "chat-created", json), ==, 1);
    }
  g_assert_cmpuint (hearth_server_drop_connections (f->server, f->me), ==, 1);

  g_assert_true (hearth_test_wait_for_count (&drain.received, DROP_EVENTS, WAIT_MS));
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));
  hearth_test_spin (200);

  g_assert_true (drain.in_order);
  g_assert_cmpuint (drain.received, ==, DROP_EVENTS);
  g_assert_true (drain.lost);
  g_assert_cmpuint (drain.while_reconnecting, >, 0);
  g_assert_cmpuint (drain.after_reconnect, ==, 0);

  g_signal_handlers_disconnect_by_data (f->connection, &drain);
}

static void
test_bad_url (void)
{
  static const char *urls[] = { "ftp://example.com", "not a url", "http://", "" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(HearthConnection) connection = hearth_connection_new (urls[i], "t");

      hearth_connection_start (connection);
      g_assert_cmpint (hearth_connection_get_state (connection), ==, HEARTH_CONNECTION_STOPPED);
      g_assert_error (hearth_connection_get_error (connection),
                      HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_BAD_URL);
    }
}

/* A GNetworkMonitor we control, to prove "network back" reconnects at once. */
#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject parent_instance;
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_monitor_iface_init))

static gboolean
test_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case 1:
      g_value_set_boolean (value, TRUE);
      break;

    case 2:
      g_value_set_boolean (value, FALSE);
      break;

    case 3:
      g_value_set_enum (value, G_NETWORK_CONNECTIVITY_FULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, 1, "network-available");
  g_object_class_override_property (object_class, 2, "network-metered");
  g_object_class_override_property (object_class, 3, "connectivity");
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
test_monitor_init (TestMonitor *self)
{
}

static void
test_network_back (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GObject) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autofree char *url = hearth_server_dup_url (f->server);

  g_clear_object (&f->bus);
  g_clear_object (&f->connection);
  f->connection = g_object_new (HEARTH_TYPE_CONNECTION,
                                "url", url,
                                "token", hearth_server_get_token (f->server, f->me),
                                "network-monitor", monitor,
                                /* Far longer than the test: only "network back" can help. */
                                "reconnect-base-ms", 600000,
                                "reconnect-max-ms", 600000,
                                NULL);
  start_and_wait_connected (f);

  hearth_server_drop_connections (f->server, NULL);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_RECONNECTING, WAIT_MS));
  hearth_test_spin (100);
  g_assert_cmpint (hearth_connection_get_state (f->connection), ==, HEARTH_CONNECTION_RECONNECTING);

  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  g_assert_true (hearth_test_wait_for_enum (f->connection, "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));
}

static void
add_both (const char *name,
          void      (*func) (Fixture *, gconstpointer))
{
  g_autofree char *sio = g_strdup_printf ("/Hearth/Connection/socket.io/%s", name);
  g_autofree char *env = g_strdup_printf ("/Hearth/Connection/envelope/%s", name);

  g_test_add (sio, Fixture, GINT_TO_POINTER (HEARTH_FRAMING_SOCKET_IO),
              fixture_set_up, func, fixture_tear_down);
  g_test_add (env, Fixture, GINT_TO_POINTER (HEARTH_FRAMING_ENVELOPE),
              fixture_set_up, func, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_both ("receive-all-events", test_receive_all_events);
  add_both ("emit", test_emit);
  add_both ("emit-not-connected", test_emit_not_connected);
  add_both ("drop-reconnects", test_drop_reconnects);
  add_both ("hung-server-detected", test_hung_server_detected);
  add_both ("rejected-token", test_rejected_token);
  add_both ("authorization-failed-event", test_authorization_failed_event);
  add_both ("large-frame", test_large_frame);
  add_both ("garbage-frames", test_garbage_frames);
  add_both ("auto-framing", test_auto_framing);
  add_both ("stop-start", test_stop_start);
  add_both ("network-back", test_network_back);
  add_both ("flood-in-slices", test_flood_in_slices);
  add_both ("lost-link-drains", test_lost_link_drains);
  g_test_add ("/Hearth/Connection/socket.io/stalled-server-detected", Fixture,
              GINT_TO_POINTER (HEARTH_FRAMING_SOCKET_IO),
              fixture_set_up, test_stalled_server_detected, fixture_tear_down);
  g_test_add ("/Hearth/Connection/socket.io/rejected-connect-payload", Fixture,
              GINT_TO_POINTER (HEARTH_FRAMING_SOCKET_IO),
              fixture_set_up, test_rejected_connect_payload, fixture_tear_down);
  g_test_add_func ("/Hearth/Connection/bad-url", test_bad_url);

  return g_test_run ();
}
