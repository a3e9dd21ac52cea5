/* test-outbox.c: HearthOutbox with a real store, database and the reference server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-database.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-outbox.h"
#include "hearth-server.h"
#include "hearth-session-test.h"
#include "hearth-store.h"
#include "hearth-test-util.h"
#include "hearth-user.h"

typedef struct
{
  HearthServer   *server;
  guint           port;
  HearthApi      *api;
  char           *dir;
  char           *db_path;
  HearthDatabase *database;
  HearthEventBus *bus;
  HearthUser     *me;
  HearthStore    *store;
  HearthOutbox   *outbox;

  GPtrArray      *posted;        /* char *: message ids of "message-posted", in order */
  GPtrArray      *failures;      /* GError * of "send-failed" */
  HearthMessage  *echo_message;  /* dispatch its messages-sent echo when it is posted */
} Fixture;

/* Helpers. */

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* What the server's messages-sent event carries for @message stored as @id. */
static void
dispatch_echo (Fixture       *f,
               HearthMessage *message,
               const char    *id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(HearthEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *at = now_iso ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "_id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "_id");
  json_builder_add_string_value (builder, ME);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Alex Morgan");
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, "alex");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "chat");
  json_builder_add_string_value (builder, hearth_message_get_chat_id (message));
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, hearth_message_get_content (message));
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, at);
  json_builder_set_member_name (builder, "clientId");
  json_builder_add_string_value (builder, hearth_message_get_client_id (message));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  event = hearth_event_new_from_data_text ("messages-sent", text, -1, &error);
  g_assert_no_error (error);
  hearth_event_bus_dispatch (f->bus, event);
}

static void
on_message_posted_cb (HearthServer *server,
                      const char   *user_id,
                      const char   *chat_id,
                      const char   *message_id,
                      Fixture      *f)
{
  g_assert_cmpstr (user_id, ==, ME);
  g_ptr_array_add (f->posted, g_strdup (message_id));

  /* The echo overtakes the POST reply (it is sent before the reply is written). */
  if (f->echo_message != NULL)
    dispatch_echo (f, f->echo_message, message_id);
}

static void
on_send_failed_cb (HearthOutbox  *outbox,
                   HearthMessage *message,
                   const GError  *error,
                   Fixture       *f)
{
  g_assert_true (HEARTH_IS_MESSAGE (message));
  g_assert_nonnull (error);
  g_ptr_array_add (f->failures, g_error_copy (error));
}

static void
load_store (HearthStore *store)
{
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };

  hearth_store_load_async (store, NULL, test_sync_cb, &sync);
  hearth_store_load_finish (store, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);
}

static void
load_outbox (HearthOutbox *outbox)
{
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };

  hearth_outbox_load_async (outbox, NULL, test_sync_cb, &sync);
  hearth_outbox_load_finish (outbox, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);
}

static void
fetch_chats (Fixture *f)
{
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };

  hearth_api_list_chats_async (f->api, NULL, test_sync_cb, &sync);
  chats = hearth_api_list_chats_finish (f->api, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);
  hearth_store_apply_chats (f->store, chats);
  /* The chat list announces the turn's changes when the turn ends. */
  hearth_store_end_turn (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_store_get_chats (f->store)), ==,
                    N_SEED_CHATS);
}

/* The account's objects on the database file (again after a restart). */
static void
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->database = hearth_database_new (f->db_path, &error);
  g_assert_no_error (error);
  f->bus = hearth_event_bus_new ();
  f->store = hearth_store_new (f->me, f->database, f->bus, f->api);
  load_store (f->store);

  f->outbox = hearth_outbox_new (f->store, f->api);
  g_object_set (f->outbox, "backoff-base-ms", 20, "backoff-max-ms", 200, NULL);
  g_signal_connect (f->outbox, "send-failed", G_CALLBACK (on_send_failed_cb), f);
}

static void
fixture_close (Fixture *f)
{
  hearth_outbox_stop (f->outbox);
  test_clear_and_wait (&f->outbox);
  hearth_store_flush (f->store);
  g_clear_object (&f->store);
  g_clear_object (&f->bus);
  hearth_database_close (f->database);
  g_clear_object (&f->database);
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
  f->port = hearth_server_get_port (f->server);
  g_signal_connect (f->server, "message-posted", G_CALLBACK (on_message_posted_cb), f);

  url = hearth_server_dup_url (f->server);
  f->api = hearth_api_new (url, hearth_server_get_token (f->server, ME));
  f->dir = g_dir_make_tmp ("hearth-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "hearth.db", NULL);
  f->me = hearth_user_new (ME);
  hearth_user_set_name (f->me, "Alex Morgan");

  f->posted = g_ptr_array_new_with_free_func (g_free);
  f->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  fixture_open (f);
  fetch_chats (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  fixture_close (f);
  g_clear_object (&f->echo_message);

  hearth_server_shutdown (f->server);
  g_clear_object (&f->server);
  g_clear_object (&f->api);
  g_clear_object (&f->me);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->db_path, suffixes[i], NULL);

      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->db_path);
  g_free (f->dir);

  g_ptr_array_unref (f->posted);
  g_ptr_array_unref (f->failures);
}

static gboolean
failures_at_least (gpointer data)
{
  gpointer *args = data;
  Fixture *f = args[0];

  return f->failures->len >= GPOINTER_TO_UINT (args[1]);
}

static void
wait_failures (Fixture *f,
               guint    n)
{
  gpointer args[] = { f, GUINT_TO_POINTER (n) };

  g_assert_true (test_wait_until (failures_at_least, args, WAIT_MS));
}

static gboolean
outbox_is_empty (gpointer data)
{
  return hearth_outbox_get_n_pending (HEARTH_OUTBOX (data)) == 0;
}

static HearthMessageList *
get_loaded_list (Fixture    *f,
                 const char *chat_id)
{
  HearthMessageList *list = hearth_store_get_messages (f->store, chat_id);

  g_assert_true (test_wait_until (test_list_is_idle, list, WAIT_MS));
  return list;
}

/* Tests. */

static void
test_outbox_send (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) on_server = NULL;
  HearthMessage *row;
  HearthChat *chat;
  const char *client_id;

  message = hearth_outbox_send (f->outbox, CHAT_ANA, "Hello from the outbox", NULL);
  client_id = hearth_message_get_client_id (message);

  /* Queued, with a client id, in the store: before any answer. */
  g_assert_cmpint (hearth_message_get_state (message), ==, HEARTH_MESSAGE_QUEUED);
  g_assert_nonnull (client_id);
  g_assert_true (g_uuid_string_is_valid (client_id));
  g_assert_null (hearth_message_get_id (message));
  g_assert_true (hearth_message_get_sender (message) == f->me);
  g_assert_nonnull (hearth_message_get_at (message));
  g_assert_true (hearth_store_lookup_pending (f->store, client_id) == message);
  chat = hearth_store_lookup_chat (f->store, CHAT_ANA);
  g_assert_true (hearth_chat_get_last_message (chat) == message);
  g_assert_cmpuint (hearth_outbox_get_n_pending (f->outbox), ==, 1);

  /* On disk before the POST could be answered (the main loop has not run; both reads are
   * queued on the database before anything else can be written). */
  hearth_store_flush (f->store);
  {
    g_autoptr(GError) error = NULL;
    TestSync outbox_sync = { NULL };

    hearth_database_load_outbox_async (f->database, NULL, test_sync_cb, &outbox_sync);
    rows = test_database_find (f->database, CHAT_ANA, "Hello from the outbox");
    outbox = hearth_database_load_outbox_finish (f->database, test_sync_wait (&outbox_sync),
                                                 NULL, &error);
    g_clear_object (&outbox_sync.result);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (hearth_message_get_state (g_ptr_array_index (rows, 0)), ==,
                   HEARTH_MESSAGE_QUEUED);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_client_id (g_ptr_array_index (outbox, 0)), ==, client_id);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&outbox, g_ptr_array_unref);

  g_assert_true (test_wait_until (test_message_is_sent, message, WAIT_MS));
  g_assert_true (test_wait_until (outbox_is_empty, f->outbox, WAIT_MS));

  g_assert_cmpuint (f->posted->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (message), ==, g_ptr_array_index (f->posted, 0));
  g_assert_cmpstr (hearth_message_get_client_id (message), ==, client_id);
  g_assert_null (hearth_store_lookup_pending (f->store, client_id));
  g_assert_true (hearth_chat_get_last_message (chat) == message);
  g_assert_cmpuint (f->failures->len, ==, 0);

  /* One row (the queued one, now sent), no outbox entry, one message on the server. */
  hearth_store_flush (f->store);
  rows = test_database_find (f->database, CHAT_ANA, "Hello from the outbox");
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpint (hearth_message_get_state (row), ==, HEARTH_MESSAGE_SENT);
  g_assert_cmpstr (hearth_message_get_id (row), ==, hearth_message_get_id (message));
  g_assert_cmpstr (hearth_message_get_client_id (row), ==, client_id);
  outbox = test_database_outbox (f->database);
  g_assert_cmpuint (outbox->len, ==, 0);

  on_server = test_server_find (f->server, ME, CHAT_ANA, "Hello from the outbox");
  g_assert_cmpuint (on_server->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (on_server, 0)), ==,
                   hearth_message_get_id (message));
}

static void
test_outbox_reel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GPtrArray) on_server = NULL;

  message = hearth_outbox_send (f->outbox, CHAT_HIKE, "", "6602b7e3c1f2a94d8e5b1c70");
  g_assert_cmpstr (hearth_message_get_reel (message), ==, "6602b7e3c1f2a94d8e5b1c70");
  g_assert_true (test_wait_until (test_message_is_sent, message, WAIT_MS));

  on_server = test_server_find (f->server, ME, CHAT_HIKE, "");
  g_assert_cmpuint (on_server->len, >, 0);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (on_server, on_server->len - 1)), ==,
                   hearth_message_get_id (message));
  g_assert_cmpstr (hearth_message_get_reel (g_ptr_array_index (on_server, on_server->len - 1)),
                   ==, "6602b7e3c1f2a94d8e5b1c70");
}

static void
assert_one_object (Fixture           *f,
                   HearthMessageList *list,
                   HearthMessage     *message,
                   const char        *content)
{
  g_autoptr(GPtrArray) found = test_list_find (list, content);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_ptr_array_index (found, 0) == message);
  g_assert_cmpint (hearth_message_get_state (message), ==, HEARTH_MESSAGE_SENT);
  g_assert_true (hearth_message_list_lookup (list, hearth_message_get_id (message)) == message);
  g_assert_true (hearth_message_list_lookup (list, hearth_message_get_client_id (message)) ==
                 message);
  g_assert_true (hearth_chat_get_last_message (hearth_store_lookup_chat (f->store, CHAT_ANA)) ==
                 message);

  hearth_store_flush (f->store);
  rows = test_database_find (f->database, CHAT_ANA, content);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (rows, 0)), ==,
                   hearth_message_get_id (message));
}

static void
test_outbox_echo_before_reply (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(HearthMessageList) list = get_loaded_list (f, CHAT_ANA);
  g_autoptr(GPtrArray) on_server = NULL;
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (list));

  f->echo_message = hearth_outbox_send (f->outbox, CHAT_ANA, "The echo comes first", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_before + 1);

  g_assert_true (test_wait_until (test_message_is_sent, f->echo_message, WAIT_MS));
  g_assert_true (test_wait_until (outbox_is_empty, f->outbox, WAIT_MS));
  /* Let the POST reply (which comes after the echo) arrive too. */
  hearth_test_spin (200);

  g_assert_cmpuint (f->posted->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (f->echo_message), ==, g_ptr_array_index (f->posted, 0));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_before + 1);
  assert_one_object (f, list, f->echo_message, "The echo comes first");

  on_server = test_server_find (f->server, ME, CHAT_ANA, "The echo comes first");
  g_assert_cmpuint (on_server->len, ==, 1);
}

static void
test_outbox_reply_before_echo (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(HearthMessageList) list = get_loaded_list (f, CHAT_ANA);
  g_autoptr(HearthMessage) message = NULL;
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (list));

  message = hearth_outbox_send (f->outbox, CHAT_ANA, "The reply comes first", NULL);
  g_assert_true (test_wait_until (test_message_is_sent, message, WAIT_MS));
  g_assert_true (test_wait_until (outbox_is_empty, f->outbox, WAIT_MS));

  /* Now the echo, late. */
  dispatch_echo (f, message, hearth_message_get_id (message));
  hearth_test_spin (50);

  g_assert_cmpuint (f->posted->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_before + 1);
  assert_one_object (f, list, message, "The reply comes first");
}

static void
test_outbox_validation_failed (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *too_long = g_strnfill (4001, 'x');
  g_autoptr(HearthMessage) failing = NULL;
  g_autoptr(HearthMessage) next = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  GError *error;

  failing = hearth_outbox_send (f->outbox, CHAT_ANA, too_long, NULL);
  next = hearth_outbox_send (f->outbox, CHAT_ANA, "Sent after a failure", NULL);

  g_assert_true (test_wait_until (test_message_is_failed, failing, WAIT_MS));
  /* The chat's later messages go on. */
  g_assert_true (test_wait_until (test_message_is_sent, next, WAIT_MS));

  g_assert_cmpuint (f->failures->len, ==, 1);
  error = g_ptr_array_index (f->failures, 0);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_VALIDATION_FAILED);
  g_assert_cmpuint (hearth_outbox_get_attempts (f->outbox, failing), ==, 1);
  g_assert_cmpuint (hearth_outbox_get_n_pending (f->outbox), ==, 1);
  g_assert_null (hearth_message_get_id (failing));
  g_assert_cmpuint (f->posted->len, ==, 1);

  /* Kept (persisted) for a retry. */
  hearth_store_flush (f->store);
  outbox = test_database_outbox (f->database);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpint (hearth_message_get_state (g_ptr_array_index (outbox, 0)), ==,
                   HEARTH_MESSAGE_FAILED);

  /* The same content fails the same way again. */
  hearth_outbox_retry (f->outbox, failing);
  g_assert_cmpint (hearth_message_get_state (failing), ==, HEARTH_MESSAGE_QUEUED);
  g_assert_true (test_wait_until (test_message_is_failed, failing, WAIT_MS));
  g_assert_cmpuint (f->failures->len, ==, 2);
  g_assert_error ((GError *) g_ptr_array_index (f->failures, 1), HEARTH_API_ERROR,
                  HEARTH_API_ERROR_VALIDATION_FAILED);
  g_assert_cmpuint (hearth_outbox_get_attempts (f->outbox, failing), ==, 2);
  g_assert_cmpuint (f->posted->len, ==, 1);
}

static GPtrArray *
send_numbered (Fixture    *f,
               const char *chat_id,
               const char *prefix,
               guint       n)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *content = g_strdup_printf ("%s %03u", prefix, i);

      g_ptr_array_add (messages, hearth_outbox_send (f->outbox, chat_id, content, NULL));
    }

  return messages;
}

static void
assert_server_order (Fixture    *f,
                     const char *chat_id,
                     const char *prefix,
                     GPtrArray  *messages)
{
  g_autoptr(GPtrArray) on_server = test_server_find (f->server, ME, chat_id, prefix);

  g_assert_cmpuint (on_server->len, ==, messages->len);
  for (guint i = 0; i < messages->len; i++)
    {
      HearthMessage *mine = g_ptr_array_index (messages, i);
      HearthMessage *theirs = g_ptr_array_index (on_server, i);

      g_assert_cmpstr (hearth_message_get_content (theirs), ==, hearth_message_get_content (mine));
      g_assert_cmpstr (hearth_message_get_id (theirs), ==, hearth_message_get_id (mine));
    }
}

static void
test_outbox_order_under_retries (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) to_ana = NULL;
  g_autoptr(GPtrArray) to_mei = NULL;

  hearth_server_shutdown (f->server);

  to_ana = send_numbered (f, CHAT_ANA, "Ordered A", 5);
  to_mei = send_numbered (f, CHAT_MEI, "Ordered M", 3);

  /* Each chat failed at least once (and retries with backoff). */
  wait_failures (f, 4);
  for (guint i = 0; i < f->failures->len; i++)
    g_assert_true (hearth_api_error_is_transient (g_ptr_array_index (f->failures, i)));
  g_assert_cmpuint (f->posted->len, ==, 0);
  g_assert_cmpuint (hearth_outbox_get_n_pending (f->outbox), ==, 8);

  /* Back, and the first POST it gets is stored but not answered: it is sent again. */
  hearth_server_set_fail_after_store (f->server, 1);
  test_server_restart (f->server, f->port);

  g_assert_true (test_wait_until (test_all_sent, to_ana, WAIT_MS));
  g_assert_true (test_wait_until (test_all_sent, to_mei, WAIT_MS));
  g_assert_true (test_wait_until (outbox_is_empty, f->outbox, WAIT_MS));

  /* Exactly once each, in order per chat. */
  g_assert_cmpuint (f->posted->len, ==, 8);
  assert_server_order (f, CHAT_ANA, "Ordered A", to_ana);
  assert_server_order (f, CHAT_MEI, "Ordered M", to_mei);
}

static void
test_outbox_flush (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HearthMessage) message = NULL;

  /* Only a flush can bring it out now. */
  hearth_outbox_set_backoff_base_ms (f->outbox, 60000);
  hearth_outbox_set_backoff_max_ms (f->outbox, 60000);
  hearth_server_shutdown (f->server);

  message = hearth_outbox_send (f->outbox, CHAT_ANA, "Flushed", NULL);
  wait_failures (f, 1);
  g_assert_error ((GError *) g_ptr_array_index (f->failures, 0), HEARTH_API_ERROR,
                  HEARTH_API_ERROR_NETWORK);
  g_assert_cmpuint (hearth_outbox_get_attempts (f->outbox, message), ==, 1);

  test_server_restart (f->server, f->port);
  hearth_test_spin (200);
  g_assert_cmpint (hearth_message_get_state (message), ==, HEARTH_MESSAGE_QUEUED);
  g_assert_cmpuint (f->posted->len, ==, 0);

  hearth_outbox_flush (f->outbox);
  g_assert_true (test_wait_until (test_message_is_sent, message, WAIT_MS));
  g_assert_cmpuint (f->posted->len, ==, 1);
}

static void
test_outbox_lost_reply (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GPtrArray) on_server = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  hearth_server_set_fail_after_store (f->server, 1);
  message = hearth_outbox_send (f->outbox, CHAT_ANA, "The reply is lost", NULL);

  g_assert_true (test_wait_until (test_message_is_sent, message, WAIT_MS));
  g_assert_cmpuint (f->failures->len, ==, 1);
  g_assert_true (hearth_api_error_is_transient (g_ptr_array_index (f->failures, 0)));

  /* Stored once: the retry got the first message back. */
  g_assert_cmpuint (f->posted->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (message), ==, g_ptr_array_index (f->posted, 0));
  on_server = test_server_find (f->server, ME, CHAT_ANA, "The reply is lost");
  g_assert_cmpuint (on_server->len, ==, 1);

  hearth_store_flush (f->store);
  rows = test_database_find (f->database, CHAT_ANA, "The reply is lost");
  g_assert_cmpuint (rows->len, ==, 1);
}

static void
test_outbox_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GPtrArray) restored = NULL;
  g_autoptr(HearthMessageList) list = NULL;

  hearth_server_shutdown (f->server);
  sent = send_numbered (f, CHAT_ANA, "Restored", 3);
  wait_failures (f, 1);

  /* Quit and start again from the database. */
  fixture_close (f);
  fixture_open (f);

  load_outbox (f->outbox);
  g_assert_cmpuint (hearth_outbox_get_n_pending (f->outbox), ==, 3);

  list = get_loaded_list (f, CHAT_ANA);
  restored = test_list_find (list, "Restored");
  g_assert_cmpuint (restored->len, ==, 3);
  for (guint i = 0; i < restored->len; i++)
    {
      HearthMessage *before = g_ptr_array_index (sent, i);
      HearthMessage *after = g_ptr_array_index (restored, i);

      g_assert_cmpstr (hearth_message_get_content (after), ==, hearth_message_get_content (before));
      g_assert_cmpstr (hearth_message_get_client_id (after), ==,
                       hearth_message_get_client_id (before));
      g_assert_cmpint (hearth_message_get_state (after), ==, HEARTH_MESSAGE_QUEUED);
      g_assert_true (hearth_store_lookup_pending (f->store, hearth_message_get_client_id (after)) ==
                     after);
      /* Only the head of the chat's queue was tried (and failed). */
      if (i == 0)
        g_assert_cmpuint (hearth_outbox_get_attempts (f->outbox, after), >=, 1);
      else
        g_assert_cmpuint (hearth_outbox_get_attempts (f->outbox, after), ==, 0);
    }

  test_server_restart (f->server, f->port);
  g_assert_true (test_wait_until (test_all_sent, restored, WAIT_MS));
  g_assert_cmpuint (f->posted->len, ==, 3);
  assert_server_order (f, CHAT_ANA, "Restored", restored);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Hearth/Outbox/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("send", test_outbox_send);
  ADD ("reel", test_outbox_reel);
  ADD ("echo-before-reply", test_outbox_echo_before_reply);
  ADD ("reply-before-echo", test_outbox_reply_before_echo);
  ADD ("validation-failed", test_outbox_validation_failed);
  ADD ("order-under-retries", test_outbox_order_under_retries);
  ADD ("flush", test_outbox_flush);
  ADD ("lost-reply", test_outbox_lost_reply);
  ADD ("restore", test_outbox_restore);

#undef ADD

  return g_test_run ();
}
