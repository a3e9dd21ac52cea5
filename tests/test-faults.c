/* test-faults.c: the session through server restarts, lost replies and a database that
 * cannot be written
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/fsuid.h>
#endif

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-connection.h"
#include "hearth-database.h"
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

typedef struct
{
  HearthServer  *server;
  guint          port;
  char          *url;
  HearthSession *session;

  GPtrArray     *posted;          /* char *: ids of "message-posted" */
  GPtrArray     *database_errors; /* GError */
  guint          resynced;
  guint          send_failures;
  gboolean       shutdown_on_post;
  gboolean       shut_down;
} Fixture;

static gboolean
shutdown_idle_cb (gpointer user_data)
{
  Fixture *f = user_data;

  hearth_server_shutdown (f->server);
  f->shut_down = TRUE;

  return G_SOURCE_REMOVE;
}

static void
on_message_posted_cb (HearthServer *server,
                      const char   *user_id,
                      const char   *chat_id,
                      const char   *message_id,
                      Fixture      *f)
{
  g_ptr_array_add (f->posted, g_strdup (message_id));

  /* The server dies right after storing it (the reply is never written, see
   * hearth_server_set_fail_after_store()). */
  if (f->shutdown_on_post)
    {
      f->shutdown_on_post = FALSE;
      g_idle_add (shutdown_idle_cb, f);
    }
}

static void
on_resynced_cb (HearthSession *session,
                Fixture       *f)
{
  f->resynced++;
}

static void
on_database_error_cb (HearthSession *session,
                      const GError  *error,
                      Fixture       *f)
{
  g_ptr_array_add (f->database_errors, g_error_copy (error));
}

static void
on_send_failed_cb (HearthOutbox  *outbox,
                   HearthMessage *message,
                   const GError  *error,
                   Fixture       *f)
{
  f->send_failures++;
}

static void
fixture_take_session (Fixture       *f,
                      HearthSession *session)
{
  f->session = session;
  f->resynced = 0;
  g_signal_connect (session, "resynced", G_CALLBACK (on_resynced_cb), f);
  g_signal_connect (session, "database-error", G_CALLBACK (on_database_error_cb), f);
  _hearth_session_set_retry_delays (session, 30, 200, 30, 200);
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
  g_signal_connect (f->server, "message-posted", G_CALLBACK (on_message_posted_cb), f);

  f->posted = g_ptr_array_new_with_free_func (g_free);
  f->database_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_clear_and_wait (&f->session);
  hearth_server_shutdown (f->server);
  g_clear_object (&f->server);
  g_free (f->url);
  g_ptr_array_unref (f->posted);
  g_ptr_array_unref (f->database_errors);
}

static gboolean
resynced_at_least_one (gpointer data)
{
  return ((Fixture *) data)->resynced > 0;
}

static void
finish_sign_in (Fixture *f,
                gboolean resume)
{
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };

  if (resume)
    {
      hearth_session_resume_async (f->session, NULL, test_sync_cb, &sync);
      hearth_session_resume_finish (f->session, test_sync_wait (&sync), &error);
    }
  else
    {
      hearth_session_sign_in_async (f->session, "alex", "hearth-alex", NULL, test_sync_cb, &sync);
      hearth_session_sign_in_finish (f->session, test_sync_wait (&sync), &error);
    }
  g_clear_object (&sync.result);
  g_assert_no_error (error);
  g_assert_cmpint (hearth_session_get_state (f->session), ==, HEARTH_SESSION_SIGNED_IN);
  g_signal_connect (hearth_session_get_outbox (f->session), "send-failed",
                    G_CALLBACK (on_send_failed_cb), f);
}

/* Signs in with a password and waits for the first resync. */
static void
sign_in (Fixture    *f,
         const char *data_dir)
{
  fixture_take_session (f, hearth_session_new (f->url, data_dir));
  finish_sign_in (f, FALSE);
  g_assert_true (test_wait_until (resynced_at_least_one, f, WAIT_MS));
}

/* A restarted app: the stored token and user id. */
static void
resume (Fixture    *f,
        const char *data_dir)
{
  fixture_take_session (f, hearth_session_new_for_token (f->url,
                                                         hearth_server_get_token (f->server, ME),
                                                         ME, data_dir));
  finish_sign_in (f, TRUE);
}

static HearthOutbox *
session_outbox (Fixture *f)
{
  return hearth_session_get_outbox (f->session);
}

static gboolean
outbox_is_empty (gpointer data)
{
  return hearth_outbox_get_n_pending (HEARTH_OUTBOX (data)) == 0;
}

static gboolean
database_error_seen (gpointer data)
{
  return ((Fixture *) data)->database_errors->len > 0;
}

static gboolean
send_failed_once (gpointer data)
{
  return ((Fixture *) data)->send_failures > 0;
}

static gboolean
server_shut_down (gpointer data)
{
  return ((Fixture *) data)->shut_down;
}

static GPtrArray *
send_numbered (Fixture    *f,
               const char *prefix,
               guint       n,
               guint       padding)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *filler = g_strnfill (padding, 'a' + (i % 26));
      g_autofree char *content = g_strdup_printf ("%s %03u%s%s", prefix, i,
                                                  padding > 0 ? " " : "", filler);

      g_ptr_array_add (messages, hearth_session_send_message (f->session, CHAT_ANA, content,
                                                              NULL));
    }

  return messages;
}

/* Delivered exactly once each, in order: on the server, in the store, in the database. */
static void
assert_delivered_once (Fixture    *f,
                       const char *prefix,
                       GPtrArray  *messages)
{
  HearthStore *store = hearth_session_get_store (f->session);
  g_autoptr(GPtrArray) on_server = test_server_find (f->server, ME, CHAT_ANA, prefix);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (on_server->len, ==, messages->len);
  for (guint i = 0; i < messages->len; i++)
    {
      HearthMessage *mine = g_ptr_array_index (messages, i);
      HearthMessage *theirs = g_ptr_array_index (on_server, i);

      g_assert_cmpint (hearth_message_get_state (mine), ==, HEARTH_MESSAGE_SENT);
      g_assert_cmpstr (hearth_message_get_content (theirs), ==, hearth_message_get_content (mine));
      g_assert_cmpstr (hearth_message_get_id (theirs), ==, hearth_message_get_id (mine));
      g_assert_true (g_hash_table_add (ids, (gpointer) hearth_message_get_id (mine)));
    }

  /* Nothing else was stored for them (a replay by client id stores nothing). */
  g_assert_cmpuint (f->posted->len, ==, messages->len);
  for (guint i = 0; i < f->posted->len; i++)
    g_assert_true (g_hash_table_contains (ids, g_ptr_array_index (f->posted, i)));

  hearth_store_flush (store);
  rows = test_database_find (hearth_store_get_database (store), CHAT_ANA, prefix);
  g_assert_cmpuint (rows->len, ==, messages->len);
  for (guint i = 0; i < rows->len; i++)
    {
      HearthMessage *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (hearth_message_get_state (row), ==, HEARTH_MESSAGE_SENT);
      g_assert_true (g_hash_table_contains (ids, hearth_message_get_id (row)));
    }
  outbox = test_database_outbox (hearth_store_get_database (store));
  g_assert_cmpuint (outbox->len, ==, 0);
  g_assert_cmpuint (hearth_outbox_get_n_pending (hearth_session_get_outbox (f->session)), ==, 0);
}

/* 100 messages sent while the server is down, the app quits and starts again from disk,
 * then the server comes back. */
static void
test_faults_restart (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GPtrArray) restored = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(HearthMessageList) list = NULL;
  HearthStore *store;
  guint n_shown;

  sign_in (f, NULL);
  hearth_server_shutdown (f->server);

  sent = send_numbered (f, "Offline", 100, 0);
  g_assert_true (test_wait_until (send_failed_once, f, WAIT_MS));
  g_assert_cmpuint (hearth_outbox_get_n_pending (hearth_session_get_outbox (f->session)), ==, 100);

  /* Quit. */
  test_clear_and_wait (&f->session);

  /* Start again, still offline: every message is back, queued, in its chat. */
  resume (f, NULL);
  store = hearth_session_get_store (f->session);
  g_assert_cmpuint (hearth_outbox_get_n_pending (hearth_session_get_outbox (f->session)), ==, 100);
  for (guint i = 0; i < sent->len; i++)
    {
      HearthMessage *before = g_ptr_array_index (sent, i);
      const char *client_id = hearth_message_get_client_id (before);
      HearthMessage *after = hearth_store_lookup_pending (store, client_id);

      g_assert_nonnull (after);
      g_assert_cmpstr (hearth_message_get_content (after), ==, hearth_message_get_content (before));
      g_assert_cmpint (hearth_message_get_state (after), ==, HEARTH_MESSAGE_QUEUED);
      g_ptr_array_add (restored, g_object_ref (after));
    }

  list = hearth_session_get_messages (f->session, CHAT_ANA);
  g_assert_true (test_wait_until (test_list_is_idle, list, WAIT_MS));
  shown = test_list_find (list, "Offline");
  n_shown = shown->len;
  g_assert_cmpuint (n_shown, >=, 50);
  for (guint i = 0; i < n_shown; i++)
    g_assert_true (g_ptr_array_index (shown, i) == g_ptr_array_index (restored, 100 - n_shown + i));
  g_assert_cmpuint (f->posted->len, ==, 0);

  /* The server is back. */
  test_server_restart (f->server, f->port);
  g_assert_true (test_wait_until (test_all_sent, restored, WAIT_MS));
  g_assert_true (test_wait_until (outbox_is_empty, session_outbox (f), WAIT_MS));
  hearth_test_spin (100);

  assert_delivered_once (f, "Offline", restored);
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = test_list_find (list, "Offline");
  g_assert_cmpuint (shown->len, ==, n_shown);
}

/* The server stores a POST and dies before replying. @data: TRUE when the messages-sent echo
 * still reaches the app first, FALSE when nothing comes back. */
static void
test_faults_lost_reply (Fixture       *f,
                        gconstpointer  data)
{
  gboolean with_echo = GPOINTER_TO_INT (data);
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(GPtrArray) shown = NULL;

  sign_in (f, NULL);
  list = hearth_session_get_messages (f->session, CHAT_ANA);
  g_assert_true (test_wait_until (test_list_is_idle, list, WAIT_MS));

  if (!with_echo)
    hearth_server_set_stalled (f->server, TRUE);
  hearth_server_set_fail_after_store (f->server, 1);
  f->shutdown_on_post = TRUE;

  message = hearth_session_send_message (f->session, CHAT_ANA, "Died before replying", NULL);
  g_ptr_array_add (messages, g_object_ref (message));
  g_assert_true (test_wait_until (server_shut_down, f, WAIT_MS));
  g_assert_cmpuint (f->posted->len, ==, 1);

  if (!with_echo)
    {
      /* No answer at all: still queued. */
      g_assert_true (test_wait_until (send_failed_once, f, WAIT_MS));
      g_assert_cmpint (hearth_message_get_state (message), ==, HEARTH_MESSAGE_QUEUED);
      hearth_server_set_stalled (f->server, FALSE);
    }

  test_server_restart (f->server, f->port);
  g_assert_true (test_wait_until (test_message_is_sent, message, WAIT_MS));
  g_assert_true (test_wait_until (outbox_is_empty, session_outbox (f), WAIT_MS));
  /* The replayed POST, the resync and any late echo. */
  g_assert_true (hearth_test_wait_for_enum (hearth_session_get_connection (f->session), "state",
                                            HEARTH_CONNECTION_CONNECTED, WAIT_MS));
  hearth_test_spin (300);

  g_assert_cmpstr (hearth_message_get_id (message), ==, g_ptr_array_index (f->posted, 0));
  assert_delivered_once (f, "Died before replying", messages);
  shown = test_list_find (list, "Died before replying");
  g_assert_cmpuint (shown->len, ==, 1);
  g_assert_true (g_ptr_array_index (shown, 0) == message);
}

/* SQLITE_FULL: the page limit is reached while messages are queued. */
static void
test_faults_database_full (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(GPtrArray) more = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  HearthDatabase *database;
  HearthStore *store;
  GError *error;

  sign_in (f, NULL);
  store = hearth_session_get_store (f->session);
  database = hearth_store_get_database (store);
  list = hearth_session_get_messages (f->session, CHAT_ANA);
  g_assert_true (test_wait_until (test_list_is_idle, list, WAIT_MS));
  hearth_store_flush (store);
  g_assert_cmpuint (f->database_errors->len, ==, 0);

  hearth_server_shutdown (f->server);
  hearth_database_set_max_pages (database, 1);

  /* Big messages: they need new pages. */
  sent = send_numbered (f, "Full", 5, 3900);
  g_assert_true (test_wait_until (database_error_seen, f, WAIT_MS));
  error = g_ptr_array_index (f->database_errors, 0);
  g_assert_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_FULL);
  g_assert_nonnull (error->message);

  /* Still working, in memory: every message queued and shown. */
  g_assert_cmpint (hearth_session_get_state (f->session), ==, HEARTH_SESSION_SIGNED_IN);
  g_assert_cmpuint (hearth_outbox_get_n_pending (hearth_session_get_outbox (f->session)), ==, 5);
  shown = test_list_find (list, "Full");
  g_assert_cmpuint (shown->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_true (g_ptr_array_index (shown, i) == g_ptr_array_index (sent, i));

  /* Space again: the next action writes every held entry again, in order. */
  hearth_database_set_max_pages (database, 0);
  more = send_numbered (f, "Full later", 1, 0);
  g_ptr_array_add (sent, g_object_ref (g_ptr_array_index (more, 0)));
  hearth_store_flush (store);
  outbox = test_database_outbox (database);
  g_assert_cmpuint (outbox->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (hearth_message_get_client_id (g_ptr_array_index (outbox, i)), ==,
                     hearth_message_get_client_id (g_ptr_array_index (sent, i)));

  /* And all of them go out, once, in order. */
  test_server_restart (f->server, f->port);
  g_assert_true (test_wait_until (test_all_sent, sent, WAIT_MS));
  g_assert_true (test_wait_until (outbox_is_empty, session_outbox (f), WAIT_MS));
  hearth_test_spin (100);
  assert_delivered_once (f, "Full", sent);
}

#ifdef __linux__
/* Makes the calling thread (and the threads it starts) see files as the user @uid. */
static void
set_fs_user (uid_t uid)
{
  setfsuid (uid);
}

static void
chown_to (const char *path,
          uid_t       uid)
{
  g_assert_cmpint (chown (path, uid, uid), ==, 0);
}
#endif

/* A read-only database file: opened read-only, every write fails. */
static void
test_faults_database_read_only (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("hearth-faults-XXXXXX", &error);
  g_autofree char *dir = g_build_filename (tmp, "account", NULL);
  g_autofree char *path = g_build_filename (dir, "hearth.db", NULL);
  g_autoptr(GPtrArray) sent = NULL;
  g_autoptr(HearthMessageList) list = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  gboolean as_nobody = geteuid () == 0;
  const uid_t nobody = 65534;
  GError *db_error;
  int fd;

  g_assert_no_error (error);

  /* A first run leaves the account's database behind. */
  sign_in (f, dir);
  test_clear_and_wait (&f->session);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  /* root writes anything: look at the files as an ordinary user instead. */
  if (as_nobody)
    {
#ifdef __linux__
      const char *suffixes[] = { "", "-wal", "-shm" };

      g_assert_cmpint (g_chmod (tmp, 0755), ==, 0);
      chown_to (dir, nobody);
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

          if (g_file_test (file, G_FILE_TEST_EXISTS))
            chown_to (file, nobody);
        }
      set_fs_user (nobody);
#else
      g_test_skip ("Cannot make a file read-only for root here");
      return;
#endif
    }

  fd = g_open (path, O_WRONLY, 0);
  if (fd >= 0)
    {
      g_close (fd, NULL);
#ifdef __linux__
      if (as_nobody)
        set_fs_user (0);
#endif
      g_test_skip ("The database file stays writable here");
      goto out;
    }
  g_assert_cmpint (errno, ==, EACCES);

  resume (f, dir);
  g_assert_true (test_wait_until (resynced_at_least_one, f, WAIT_MS));

  /* A clear error: the first write (the resync) failed. */
  g_assert_true (test_wait_until (database_error_seen, f, WAIT_MS));
  db_error = g_ptr_array_index (f->database_errors, 0);
  g_assert_true (db_error->domain == HEARTH_DATABASE_ERROR);
  g_assert_true (db_error->code == HEARTH_DATABASE_ERROR_READ_ONLY ||
                 db_error->code == HEARTH_DATABASE_ERROR_OPEN);
  g_test_message ("Reported: %s", db_error->message);

  /* Working in memory: messages queued while offline are all delivered once, in order. */
  list = hearth_session_get_messages (f->session, CHAT_ANA);
  g_assert_true (test_wait_until (test_list_is_idle, list, WAIT_MS));
  hearth_server_shutdown (f->server);
  sent = send_numbered (f, "Read-only", 3, 0);
  g_assert_true (test_wait_until (send_failed_once, f, WAIT_MS));
  g_assert_cmpuint (hearth_outbox_get_n_pending (hearth_session_get_outbox (f->session)), ==, 3);
  shown = test_list_find (list, "Read-only");
  g_assert_cmpuint (shown->len, ==, 3);

  test_server_restart (f->server, f->port);
  g_assert_true (test_wait_until (test_all_sent, sent, WAIT_MS));
  g_assert_true (test_wait_until (outbox_is_empty, session_outbox (f), WAIT_MS));
  g_assert_cmpint (hearth_session_get_state (f->session), ==, HEARTH_SESSION_SIGNED_IN);

  {
    g_autoptr(GPtrArray) on_server = test_server_find (f->server, ME, CHAT_ANA, "Read-only");

    g_assert_cmpuint (on_server->len, ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (on_server, i)), ==,
                       hearth_message_get_id (g_ptr_array_index (sent, i)));
    g_assert_cmpuint (f->posted->len, ==, 3);
  }

  test_clear_and_wait (&f->session);
#ifdef __linux__
  if (as_nobody)
    set_fs_user (0);
#endif

out:
  {
    const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
    g_assert_cmpint (g_rmdir (dir), ==, 0);
    g_assert_cmpint (g_rmdir (tmp), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_make_data_home ();
  int ret;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add ("/Hearth/Faults/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("restart-100", test_faults_restart, NULL);
  ADD ("lost-reply/no-echo", test_faults_lost_reply, GINT_TO_POINTER (FALSE));
  ADD ("lost-reply/echo", test_faults_lost_reply, GINT_TO_POINTER (TRUE));
  ADD ("database-full", test_faults_database_full, NULL);
  ADD ("database-read-only", test_faults_database_read_only, NULL);

#undef ADD

  ret = g_test_run ();
  test_remove_tree (data_home);

  return ret;
}
