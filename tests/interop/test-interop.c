/* test-interop.c: HearthConnection against the real npm socket.io 4.8 server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-test-interop"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hearth-connection.h"
#include "hearth-enums.h"
#include "hearth-event.h"
#include "hearth-message.h"
#include "hearth-score.h"
#include "hearth-user.h"

#ifndef HEARTH_INTEROP_SRCDIR
# error "HEARTH_INTEROP_SRCDIR must be defined by the build"
#endif

/* A guard against a hang, not a timed assertion: the whole script takes about 2 s. */
#define DEADLINE_SECONDS 30

#define TOKEN "interop-token"

/* Seed ids (tests/data/socket-events.txt). */
#define SCANNER_ID      "68ac3f6dd7f5a437029aa88f"
#define RAJ_ID          "68b5931b4d5c718924c59a40"
#define PRESENCE_CHAT   "68d637d114789cc4f67a4582"
#define TYPING_CHAT     "24f83d46d7f5a437029aa4c3"
#define READ_CHAT       "68beebca57ab80b6986794df"
#define MESSAGE_ID      "68c7df06d34e93befb486cda"
#define MESSAGE_CHAT    "68bee79857ab80b69867946b"
#define MESSAGE_TEXT    "Hi John, All good ?"
#define CREATED_CHAT    "68c7ed083834f8071f38346b"
#define GROUP_CHAT      "c2b131b4d5c7189924c59721"
/* Set by server.js for the chat-created it broadcasts while the client is away. */
#define MISSED_CHAT     "6a1f00c0ffee00000000beef"

typedef struct
{
  HearthEvent           *event;
  HearthConnectionState  state;     /* connection state at delivery */
  guint                  n_states;  /* state changes seen before delivery */
} Received;

typedef struct
{
  GSubprocess       *node;
  GDataInputStream  *node_stdout;
  GCancellable      *cancellable;
  guint              port;
  char              *port_error;
  gboolean           node_exited;

  guint              deadline_id;
  gboolean           timed_out;

  HearthConnection  *connection;
  GPtrArray         *received;    /* Received */
  GArray            *states;      /* HearthConnectionState, one per notify::state */
} Fixture;

static void
received_free (gpointer data)
{
  Received *r = data;

  g_clear_object (&r->event);
  g_free (r);
}

static gboolean
on_deadline (gpointer user_data)
{
  Fixture *f = user_data;

  f->timed_out = TRUE;
  f->deadline_id = 0;
  return G_SOURCE_REMOVE;
}

static void
fail_wait (Fixture    *f,
           const char *what)
{
  if (f->timed_out)
    g_error ("gave up after %d s waiting for %s (%u events, %u state changes)",
             DEADLINE_SECONDS, what, f->received->len, f->states->len);
  if (f->node_exited)
    g_error ("the node server exited while waiting for %s", what);
  if (f->port_error != NULL)
    g_error ("waiting for %s: %s", what, f->port_error);
  g_assert_not_reached ();
}

/* Runs the main context until @cond holds; fails if the deadline passes, the server dies
 * or its PORT line cannot be read. */
#define spin_until(f, cond, what)                                                   \
  G_STMT_START                                                                      \
  {                                                                                 \
    while (!(cond) && !(f)->timed_out && !(f)->node_exited && (f)->port_error == NULL) \
      g_main_context_iteration (NULL, TRUE);                                        \
    if (!(cond))                                                                    \
      fail_wait ((f), (what));                                                      \
  }                                                                                 \
  G_STMT_END

static const char *
interop_dir (void)
{
  const char *dir = g_getenv ("INTEROP_DIR");

  return dir != NULL && *dir != '\0' ? dir : HEARTH_INTEROP_SRCDIR;
}

/* Returns FALSE (test skipped or failed) when node or node_modules is missing. */
static gboolean
check_prerequisites (char **out_node)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *modules = g_build_filename (interop_dir (), "node_modules", "socket.io",
                                               "package.json", NULL);
  g_autofree char *why = NULL;

  if (node == NULL)
    why = g_strdup ("`node` (Node.js >= 18) was not found in PATH");
  else if (!g_file_test (modules, G_FILE_TEST_IS_REGULAR))
    why = g_strdup_printf ("%s is missing", modules);

  if (why == NULL)
    {
      *out_node = g_steal_pointer (&node);
      return TRUE;
    }

  if (g_strcmp0 (g_getenv ("HEARTH_REQUIRE_INTEROP"), "1") == 0)
    g_test_fail_printf ("HEARTH_REQUIRE_INTEROP=1 but %s: run `npm ci` in %s",
                        why, interop_dir ());
  else
    g_test_skip_printf ("%s: run `npm ci` in tests/interop (set HEARTH_REQUIRE_INTEROP=1 "
                        "to make this a failure)", why);
  return FALSE;
}

static void
on_port_line (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  Fixture *f;
  guint64 port = 0;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                    NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  f = user_data;
  if (error != NULL)
    f->port_error = g_strdup_printf ("reading the server's stdout: %s", error->message);
  else if (line == NULL)
    f->port_error = g_strdup ("the server closed stdout before printing PORT");
  else if (!g_str_has_prefix (line, "PORT ") ||
           !g_ascii_string_to_unsigned (line + 5, 10, 1, G_MAXUINT16, &port, NULL))
    f->port_error = g_strdup_printf ("unexpected first line from the server: %s", line);
  else
    f->port = (guint) port;
}

static void
on_node_exited (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  ((Fixture *) user_data)->node_exited = TRUE;
}

static void
on_event (HearthConnection *connection,
          HearthEvent      *event,
          gpointer          user_data)
{
  Fixture *f = user_data;
  Received *r = g_new0 (Received, 1);

  g_assert_true (HEARTH_IS_EVENT (event));
  r->event = g_object_ref (event);
  r->state = hearth_connection_get_state (connection);
  r->n_states = f->states->len;
  g_ptr_array_add (f->received, r);
}

static void
on_notify_state (HearthConnection *connection,
                 GParamSpec       *pspec,
                 gpointer          user_data)
{
  Fixture *f = user_data;
  HearthConnectionState state = hearth_connection_get_state (connection);

  g_array_append_val (f->states, state);
}

/* Starts server.js and waits (on the main loop) for its PORT line. */
static gboolean
fixture_setup (Fixture *f)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *node = NULL;

  memset (f, 0, sizeof *f);
  f->received = g_ptr_array_new_with_free_func (received_free);
  f->states = g_array_new (FALSE, FALSE, sizeof (HearthConnectionState));

  if (!check_prerequisites (&node))
    return FALSE;

  f->cancellable = g_cancellable_new ();
  f->deadline_id = g_timeout_add_seconds (DEADLINE_SECONDS, on_deadline, f);

  /* stdin is a pipe the server watches: if this test dies, the server exits too. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_set_cwd (launcher, interop_dir ());
  f->node = g_subprocess_launcher_spawn (launcher, &error, node, "server.js", NULL);
  g_assert_no_error (error);

  g_subprocess_wait_async (f->node, f->cancellable, on_node_exited, f);

  f->node_stdout = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->node));
  g_data_input_stream_read_line_async (f->node_stdout, G_PRIORITY_DEFAULT, f->cancellable,
                                       on_port_line, f);
  spin_until (f, f->port != 0, "the server's PORT line");
  return TRUE;
}

static void
fixture_connect (Fixture    *f,
                 const char *token)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", f->port);

  f->connection = hearth_connection_new (url, token);
  g_assert_nonnull (f->connection);
  hearth_connection_set_framing (f->connection, HEARTH_FRAMING_SOCKET_IO);
  g_object_set (f->connection, "reconnect-base-ms", 100u, NULL);

  g_signal_connect (f->connection, "event", G_CALLBACK (on_event), f);
  g_signal_connect (f->connection, "notify::state", G_CALLBACK (on_notify_state), f);

  g_assert_cmpint (hearth_connection_get_state (f->connection), ==,
                   HEARTH_CONNECTION_DISCONNECTED);
  hearth_connection_start (f->connection);
}

static void
fixture_teardown (Fixture *f)
{
  if (f->connection != NULL)
    {
      HearthConnection *weak = f->connection;

      hearth_connection_stop (f->connection);
      g_assert_cmpint (hearth_connection_get_state (f->connection), ==,
                       HEARTH_CONNECTION_STOPPED);
      g_signal_handlers_disconnect_by_data (f->connection, f);

      /* stop() + the last unref must release it; pending I/O may hold a ref for a turn. */
      g_object_add_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
      g_clear_object (&f->connection);
      spin_until (f, weak == NULL, "the connection to be finalized after stop()");
    }

  if (f->node != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The server exits when its stdin closes; SIGKILL only if it does not. */
      g_output_stream_close (g_subprocess_get_stdin_pipe (f->node), NULL, NULL);
      while (!f->node_exited && !f->timed_out)
        g_main_context_iteration (NULL, TRUE);
      if (!f->node_exited)
        g_subprocess_force_exit (f->node);
      g_subprocess_wait (f->node, NULL, &error);
      g_assert_no_error (error);
    }

  if (f->cancellable != NULL)
    g_cancellable_cancel (f->cancellable);

  /* Let the cancelled callbacks run while the fixture still exists. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_clear_handle_id (&f->deadline_id, g_source_remove);
  g_clear_object (&f->node_stdout);
  g_clear_object (&f->node);
  g_clear_object (&f->cancellable);
  g_clear_pointer (&f->port_error, g_free);
  g_clear_pointer (&f->received, g_ptr_array_unref);
  g_clear_pointer (&f->states, g_array_unref);
}

static HearthEvent *
event_at (Fixture *f,
          guint    i)
{
  g_assert_cmpuint (i, <, f->received->len);
  return ((Received *) g_ptr_array_index (f->received, i))->event;
}

static guint
count_states (Fixture               *f,
              HearthConnectionState  state)
{
  guint n = 0;

  for (guint i = 0; i < f->states->len; i++)
    if (g_array_index (f->states, HearthConnectionState, i) == state)
      n++;
  return n;
}

static void
assert_time (GDateTime  *actual,
             const char *expected_iso8601)
{
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (expected_iso8601, NULL);
  g_autofree char *text = NULL;

  g_assert_nonnull (expected);
  g_assert_nonnull (actual);
  text = g_date_time_format_iso8601 (actual);
  if (!g_date_time_equal (actual, expected))
    g_error ("time %s != %s", text, expected_iso8601);
}

static void
assert_user (HearthUser *user,
             const char *id,
             const char *name)
{
  g_assert_nonnull (user);
  g_assert_cmpstr (hearth_user_get_id (user), ==, id);
  if (name != NULL)
    g_assert_cmpstr (hearth_user_get_name (user), ==, name);
}

static void
assert_presence (HearthEvent     *event,
                 HearthEventKind  kind)
{
  const char * const *chats;

  g_assert_cmpint (hearth_event_get_kind (event), ==, kind);
  assert_user (hearth_event_get_user (event), SCANNER_ID, "ScannerScannerScanne");
  g_assert_cmpstr (hearth_user_get_username (hearth_event_get_user (event)), ==, "bat_ma_n");
  g_assert_cmpstr (hearth_event_get_user_id (event), ==, SCANNER_ID);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, PRESENCE_CHAT);
  chats = hearth_event_get_chat_ids (event);
  g_assert_nonnull (chats);
  g_assert_cmpuint (g_strv_length ((char **) chats), ==, 6);
  g_assert_cmpstr (chats[0], ==, "68c90eb8d4ec4fd41b3e8bb5");
  g_assert_cmpstr (chats[1], ==, PRESENCE_CHAT);
  g_assert_cmpstr (chats[5], ==, "68d144ba72f149b17a22391a");
}

static void
assert_typing (HearthEvent     *event,
               HearthEventKind  kind)
{
  g_assert_cmpint (hearth_event_get_kind (event), ==, kind);
  assert_user (hearth_event_get_user (event), RAJ_ID, "Raj Kr");
  g_assert_cmpstr (hearth_event_get_user_id (event), ==, RAJ_ID);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, TYPING_CHAT);
}

static void
assert_chat_message (HearthEvent     *event,
                     HearthEventKind  kind,
                     const char      *reel)
{
  HearthMessage *message;

  g_assert_cmpint (hearth_event_get_kind (event), ==, kind);
  message = hearth_event_get_message (event);
  g_assert_nonnull (message);
  g_assert_cmpstr (hearth_message_get_id (message), ==, MESSAGE_ID);
  g_assert_cmpstr (hearth_message_get_chat_id (message), ==, MESSAGE_CHAT);
  g_assert_cmpstr (hearth_message_get_content (message), ==, MESSAGE_TEXT);
  g_assert_cmpstr (hearth_message_get_sender_id (message), ==, RAJ_ID);
  g_assert_cmpstr (hearth_message_get_reel (message), ==, reel);
  assert_time (hearth_message_get_at (message), "2025-09-15T09:40:22.000Z");
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, MESSAGE_CHAT);
}

/* The seed's listening events in its order, account-terminated excepted (server.js sends
 * it last: the connection stops for good on it). */
static const HearthEventKind seed_kinds[] = {
  HEARTH_EVENT_USER_ONLINE, HEARTH_EVENT_USER_OFFLINE,
  HEARTH_EVENT_TYPING_STARTED, HEARTH_EVENT_TYPING_STOPPED,
  HEARTH_EVENT_MESSAGES_READ, HEARTH_EVENT_MESSAGES_RECEIVED, HEARTH_EVENT_MESSAGES_SENT,
  HEARTH_EVENT_CHAT_CREATED, HEARTH_EVENT_CHAT_JOINED,
  HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED, HEARTH_EVENT_CHAT_DELETED,
  HEARTH_EVENT_REWARD_CONSUMED, HEARTH_EVENT_SCORE_UPDATED,
};
#define N_SEED G_N_ELEMENTS (seed_kinds)

static void
assert_seed_events (Fixture *f)
{
  HearthEvent *e;
  HearthMessage *last;
  HearthScore *score;

  for (guint i = 0; i < N_SEED; i++)
    {
      Received *r = g_ptr_array_index (f->received, i);

      g_test_message ("event %u: %s", i, hearth_event_get_name (r->event));
      g_assert_cmpint (hearth_event_get_kind (r->event), ==, seed_kinds[i]);
      g_assert_cmpstr (hearth_event_get_name (r->event), ==,
                       hearth_event_kind_to_name (seed_kinds[i]));
      g_assert_cmpint (r->state, ==, HEARTH_CONNECTION_CONNECTED);
      g_assert_cmpuint (r->n_states, ==, 2);
    }

  assert_presence (event_at (f, 0), HEARTH_EVENT_USER_ONLINE);
  assert_presence (event_at (f, 1), HEARTH_EVENT_USER_OFFLINE);
  assert_typing (event_at (f, 2), HEARTH_EVENT_TYPING_STARTED);
  assert_typing (event_at (f, 3), HEARTH_EVENT_TYPING_STOPPED);

  e = event_at (f, 4);
  assert_user (hearth_event_get_user (e), RAJ_ID, "Raj Kr");
  g_assert_cmpstr (hearth_event_get_user_id (e), ==, RAJ_ID);
  g_assert_cmpstr (hearth_event_get_chat_id (e), ==, READ_CHAT);
  assert_time (hearth_event_get_last_read_at (e), "2025-09-12T15:36:43.453Z");
  last = hearth_event_get_message (e);
  g_assert_nonnull (last);
  g_assert_cmpstr (hearth_message_get_id (last), ==, "68bef611862efa05c5a15438");
  g_assert_cmpstr (hearth_message_get_content (last), ==, "Hi There");
  g_assert_cmpstr (hearth_message_get_sender_id (last), ==, RAJ_ID);

  /* server.js sends the seed's optional "reel?" as "reel", like a real backend. */
  assert_chat_message (event_at (f, 5), HEARTH_EVENT_MESSAGES_RECEIVED, MESSAGE_CHAT);
  assert_chat_message (event_at (f, 6), HEARTH_EVENT_MESSAGES_SENT, NULL);

  g_assert_cmpstr (hearth_event_get_chat_id (event_at (f, 7)), ==, CREATED_CHAT);

  e = event_at (f, 8);
  g_assert_cmpstr (hearth_event_get_chat_id (e), ==, GROUP_CHAT);
  assert_user (hearth_event_get_admin (e), RAJ_ID, "Raj Kr");

  e = event_at (f, 9);
  g_assert_cmpstr (hearth_event_get_chat_id (e), ==, GROUP_CHAT);
  g_assert_cmpstr (hearth_event_get_user_id (e), ==, "24f83d46d7f5a437029aa4c3");

  e = event_at (f, 10);
  g_assert_cmpstr (hearth_event_get_chat_id (e), ==, GROUP_CHAT);
  g_assert_cmpstr (hearth_event_get_user_id (e), ==, "24f83d46d7f5a437029aa6cb");
  g_assert_cmpstr (hearth_event_get_event_ref (e), ==, "24f83d46d7f5a437029aa4c3");

  e = event_at (f, 11);
  g_assert_cmpstr (hearth_event_get_reward_id (e), ==, GROUP_CHAT);
  g_assert_cmpint (hearth_event_get_remaining (e), ==, 0);
  g_assert_true (hearth_event_get_is_expired (e));
  g_assert_true (hearth_event_get_is_consumed_by_you (e));

  score = hearth_event_get_score (event_at (f, 12));
  g_assert_nonnull (score);
  assert_time (hearth_score_get_date (score), "2025-11-07T18:30:00.000Z");
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 3);
  g_assert_cmpfloat_with_epsilon (hearth_score_get_total_score (score), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (hearth_score_get_social_score (score), 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (hearth_score_get_mindfulness_score (score), 0.0, 1e-9);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (score)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_mindfulness_actions (score)),
                    ==, 4);
}

static JsonObject *
parse_unknown_event (HearthEvent *event,
                     const char  *name,
                     JsonParser  *parser)
{
  g_autoptr(GError) error = NULL;
  const char *raw;
  JsonNode *root;

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_UNKNOWN);
  g_assert_cmpstr (hearth_event_get_name (event), ==, name);
  raw = hearth_event_get_raw_data (event);
  g_assert_nonnull (raw);
  g_test_message ("%s: %s", name, raw);
  json_parser_load_from_data (parser, raw, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static void
assert_interop_status (HearthEvent *event)
{
  static const struct { const char *name; const char *chat; } sent[] = {
    { "typing-started", TYPING_CHAT },
    { "typing-stopped", TYPING_CHAT },
    { "messages-read", READ_CHAT },
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *status = parse_unknown_event (event, "interop-status", parser);
  JsonArray *emitted;
  JsonNode *pongs;

  g_assert_true (json_object_has_member (status, "emitted"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (status, "emitted")));
  emitted = json_object_get_array_member (status, "emitted");
  g_assert_cmpuint (json_array_get_length (emitted), ==, G_N_ELEMENTS (sent));

  for (guint i = 0; i < G_N_ELEMENTS (sent); i++)
    {
      JsonNode *item = json_array_get_element (emitted, i);
      JsonObject *object;
      JsonObject *data;

      g_assert_true (JSON_NODE_HOLDS_OBJECT (item));
      object = json_node_get_object (item);
      g_assert_cmpstr (json_object_get_string_member_with_default (object, "event", NULL), ==,
                       sent[i].name);
      g_assert_true (json_object_has_member (object, "data"));
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "data")));
      data = json_object_get_object_member (object, "data");
      g_assert_cmpstr (json_object_get_string_member_with_default (data, "chat", NULL), ==,
                       sent[i].chat);
      g_assert_cmpuint (json_object_get_size (data), ==, 1);
    }

  pongs = json_object_get_member (status, "pongs");
  g_assert_nonnull (pongs);
  g_assert_true (JSON_NODE_HOLDS_VALUE (pongs));
  g_assert_cmpint (json_node_get_int (pongs), >=, 3);
}

static void
assert_interop_done (HearthEvent *event)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *done = parse_unknown_event (event, "interop-done", parser);

  g_assert_true (json_object_get_boolean_member_with_default (done, "recovered", FALSE));
  g_assert_cmpint (json_object_get_int_member_with_default (done, "missed", -1), ==, 3);
}

static gboolean
emit_event (Fixture         *f,
            HearthEventKind  kind,
            const char      *chat_id)
{
  g_autoptr(HearthEvent) event = hearth_event_new_emitted (kind, chat_id);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert_nonnull (event);
  ok = hearth_connection_emit (f->connection, event, &error);
  g_assert_no_error (error);
  return ok;
}

static void
test_interop_script (void)
{
  static const HearthConnectionState expected_states[] = {
    HEARTH_CONNECTION_CONNECTING, HEARTH_CONNECTION_CONNECTED,
    HEARTH_CONNECTION_RECONNECTING, HEARTH_CONNECTION_CONNECTED,
    HEARTH_CONNECTION_STOPPED,
  };
  Fixture fixture;
  Fixture *f = &fixture;
  const GError *error;
  HearthEvent *e;

  if (!fixture_setup (f))
    {
      fixture_teardown (f);
      return;
    }
  fixture_connect (f, TOKEN);

  /* 1. The seed events, in order, typed. */
  spin_until (f, f->received->len >= N_SEED, "the seed events");
  g_assert_cmpint (hearth_connection_get_state (f->connection), ==, HEARTH_CONNECTION_CONNECTED);
  g_assert_cmpint (hearth_connection_get_effective_framing (f->connection), ==,
                   HEARTH_FRAMING_SOCKET_IO);
  g_assert_null (hearth_connection_get_error (f->connection));
  assert_seed_events (f);

  /* 2. The 3 emitted events reach the server, which has also counted our pongs. */
  g_assert_true (emit_event (f, HEARTH_EVENT_TYPING_STARTED, TYPING_CHAT));
  g_assert_true (emit_event (f, HEARTH_EVENT_TYPING_STOPPED, TYPING_CHAT));
  g_assert_true (emit_event (f, HEARTH_EVENT_MESSAGES_READ, READ_CHAT));

  spin_until (f, f->received->len > N_SEED, "interop-status");
  g_assert_cmpuint (f->received->len, ==, N_SEED + 1);
  assert_interop_status (event_at (f, N_SEED));
  g_assert_cmpuint (((Received *) g_ptr_array_index (f->received, N_SEED))->n_states, ==, 2);

  /* 3. The forced close is recovered: RECONNECTING -> CONNECTED, the missed events
   * replayed once, interop-done; 4. account-terminated stops the connection for good. */
  spin_until (f, hearth_connection_get_state (f->connection) == HEARTH_CONNECTION_STOPPED,
              "the reconnect, interop-done and account-terminated");

  for (guint i = 0; i < f->states->len; i++)
    {
      g_autofree char *nick =
        g_enum_to_string (HEARTH_TYPE_CONNECTION_STATE,
                          g_array_index (f->states, HearthConnectionState, i));

      g_test_message ("state %u: %s", i, nick);
    }
  g_assert_cmpuint (f->states->len, ==, G_N_ELEMENTS (expected_states));
  for (guint i = 0; i < G_N_ELEMENTS (expected_states); i++)
    g_assert_cmpint (g_array_index (f->states, HearthConnectionState, i), ==,
                     expected_states[i]);

  /* seed + status + 3 missed + done + account-terminated: nothing delivered twice. */
  for (guint i = N_SEED + 1; i < f->received->len; i++)
    {
      Received *r = g_ptr_array_index (f->received, i);

      g_test_message ("event %u: %s (state changes before it: %u)", i,
                      hearth_event_get_name (r->event), r->n_states);
    }
  g_assert_cmpuint (f->received->len, ==, N_SEED + 6);
  for (guint i = N_SEED + 1; i < N_SEED + 6; i++)
    {
      Received *r = g_ptr_array_index (f->received, i);

      /* Delivered once the reconnect completed: the replayed events reach the wire before
       * the CONNECT reply and must be held back until it. */
      g_assert_cmpuint (r->n_states, ==, 4);
      g_assert_cmpint (r->state, ==, HEARTH_CONNECTION_CONNECTED);
    }

  assert_presence (event_at (f, N_SEED + 1), HEARTH_EVENT_USER_OFFLINE);
  assert_typing (event_at (f, N_SEED + 2), HEARTH_EVENT_TYPING_STOPPED);
  e = event_at (f, N_SEED + 3);
  g_assert_cmpint (hearth_event_get_kind (e), ==, HEARTH_EVENT_CHAT_CREATED);
  g_assert_cmpstr (hearth_event_get_chat_id (e), ==, MISSED_CHAT);
  assert_interop_done (event_at (f, N_SEED + 4));

  e = event_at (f, N_SEED + 5);
  g_assert_cmpint (hearth_event_get_kind (e), ==, HEARTH_EVENT_ACCOUNT_TERMINATED);
  g_assert_true (g_str_has_prefix (hearth_event_get_server_message (e),
                                   "Your account has been terminated"));
  error = hearth_connection_get_error (f->connection);
  g_assert_nonnull (error);
  g_assert_error ((GError *) error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_TERMINATED);

  fixture_teardown (f);
}

static void
test_interop_wrong_token (void)
{
  Fixture fixture;
  Fixture *f = &fixture;
  const GError *error;

  if (!fixture_setup (f))
    {
      fixture_teardown (f);
      return;
    }
  fixture_connect (f, "not-the-" TOKEN);

  spin_until (f, hearth_connection_get_state (f->connection) == HEARTH_CONNECTION_STOPPED,
              "the refused connection to stop");

  error = hearth_connection_get_error (f->connection);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_error ((GError *) error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_AUTH);
  g_assert_cmpuint (f->received->len, ==, 0);
  g_assert_cmpuint (count_states (f, HEARTH_CONNECTION_CONNECTED), ==, 0);
  g_assert_cmpuint (count_states (f, HEARTH_CONNECTION_RECONNECTING), ==, 0);

  fixture_teardown (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/Interop/script", test_interop_script);
  g_test_add_func ("/Hearth/Interop/wrong-token", test_interop_wrong_token);

  return g_test_run ();
}
