/* test-database.c: HearthDatabase, its batches, schema migrations and failure modes
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-test-database"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hearth-chat.h"
#include "hearth-database.h"
#include "hearth-database-private.h"
#include "hearth-message.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-test-util.h"
#include "hearth-user.h"

#define WAIT_MS 30000

/* 2024-05-04T10:00:00Z */
#define BASE_TIME G_GINT64_CONSTANT (1714816800)

/* Helpers {{{ */

static GDateTime *
at_seconds (gint64 seconds)
{
  return g_date_time_new_from_unix_utc (BASE_TIME + seconds);
}

/* Every test gets its own directory under the temporary $XDG_DATA_HOME set up by main(). */
static char *
temp_db_path (const char *name)
{
  g_autofree char *test_dir = NULL;

  test_dir = g_build_filename (g_get_user_data_dir (), "tests", g_test_get_path (), NULL);
  g_assert_cmpint (g_mkdir_with_parents (test_dir, 0700), ==, 0);

  return g_build_filename (test_dir, name, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if ((dir = g_dir_open (path, 0, NULL)))
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_assert_cmpint (g_unlink (child), ==, 0);
        }
    }

  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static HearthDatabase *
open_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  HearthDatabase *db = hearth_database_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (hearth_database_get_schema_version (db), ==, HEARTH_DATABASE_SCHEMA_VERSION);

  return db;
}

static HearthUser *
make_user (const char *id,
           const char *name)
{
  HearthUser *user = hearth_user_new (id);

  hearth_user_set_name (user, name);

  return user;
}

static HearthMessage *
make_message (const char         *id,
              const char         *client_id,
              const char         *chat_id,
              const char         *sender_id,
              const char         *content,
              gint64              seconds,
              HearthMessageState  state)
{
  HearthMessage *message = hearth_message_new (id, chat_id);
  g_autoptr(GDateTime) at = at_seconds (seconds);

  hearth_message_set_client_id (message, client_id);
  hearth_message_set_sender_id (message, sender_id);
  hearth_message_set_content (message, content);
  hearth_message_set_at (message, at);
  hearth_message_set_state (message, state);

  return message;
}

static const char *
message_key (HearthMessage *message)
{
  const char *id = hearth_message_get_id (message);

  return id != NULL ? id : hearth_message_get_client_id (message);
}

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  g_assert_false (wait->done);
  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_result (Wait *wait)
{
  g_assert_true (hearth_test_wait_for_flag (&wait->done, WAIT_MS));

  return wait->result;
}

static gboolean
db_write (HearthDatabase  *db,
          HearthDbBatch   *batch,
          GError         **error)
{
  Wait wait = { 0 };
  gboolean ok;

  hearth_database_write_async (db, batch, NULL, wait_cb, &wait);
  ok = hearth_database_write_finish (db, wait_result (&wait), error);
  g_clear_object (&wait.result);

  return ok;
}

static void
db_write_ok (HearthDatabase *db,
             HearthDbBatch  *batch)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (db_write (db, batch, &error));
  g_assert_no_error (error);
}

static GPtrArray *
db_load_chats (HearthDatabase *db)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GPtrArray *chats;

  hearth_database_load_chats_async (db, NULL, wait_cb, &wait);
  chats = hearth_database_load_chats_finish (db, wait_result (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (chats);

  return chats;
}

static GPtrArray *
db_load_messages (HearthDatabase *db,
                  const char     *chat_id,
                  GDateTime      *before_at,
                  const char     *before_key,
                  guint           limit)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GPtrArray *page;

  hearth_database_load_messages_async (db, chat_id, before_at, before_key, limit, NULL,
                                       wait_cb, &wait);
  page = hearth_database_load_messages_finish (db, wait_result (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (page);

  return page;
}

static GPtrArray *
db_search (HearthDatabase *db,
           const char     *chat_id,
           const char     *query,
           guint           limit)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GPtrArray *found;

  hearth_database_search_async (db, chat_id, query, limit, NULL, wait_cb, &wait);
  found = hearth_database_search_finish (db, wait_result (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (found);

  return found;
}

static GPtrArray *
db_load_outbox (HearthDatabase  *db,
                GArray         **attempts)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GPtrArray *outbox;

  hearth_database_load_outbox_async (db, NULL, wait_cb, &wait);
  outbox = hearth_database_load_outbox_finish (db, wait_result (&wait), attempts, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (outbox);
  if (attempts != NULL)
    {
      g_assert_nonnull (*attempts);
      g_assert_cmpuint ((*attempts)->len, ==, outbox->len);
    }

  return outbox;
}

static GHashTable *
db_load_drafts (HearthDatabase *db)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GHashTable *drafts;

  hearth_database_load_drafts_async (db, NULL, wait_cb, &wait);
  drafts = hearth_database_load_drafts_finish (db, wait_result (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (drafts);

  return drafts;
}

static GPtrArray *
db_load_rewards (HearthDatabase *db)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GPtrArray *rewards;

  hearth_database_load_rewards_async (db, NULL, wait_cb, &wait);
  rewards = hearth_database_load_rewards_finish (db, wait_result (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);
  g_assert_nonnull (rewards);

  return rewards;
}

static HearthScore *
db_load_score (HearthDatabase *db,
               const char     *day)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  HearthScore *score;

  hearth_database_load_score_async (db, day, NULL, wait_cb, &wait);
  score = hearth_database_load_score_finish (db, wait_result (&wait), &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  return score;
}

static HearthChat *
find_chat (GPtrArray  *chats,
           const char *id)
{
  for (guint i = 0; i < chats->len; i++)
    if (g_str_equal (hearth_chat_get_id (g_ptr_array_index (chats, i)), id))
      return g_ptr_array_index (chats, i);

  return NULL;
}

static HearthUser *
participant (HearthChat *chat,
             guint       position)
{
  g_autoptr(HearthUser) user = g_list_model_get_item (hearth_chat_get_participants (chat),
                                                      position);

  /* Still owned by the chat. */
  return user;
}

static void
assert_time (GDateTime *time,
             gint64     expected_usec)
{
  g_assert_nonnull (time);
  g_assert_cmpint (_hearth_db_time_to_usec (time), ==, expected_usec);
}

/* "m-1,m-2,..." */
static char *
join_keys (GPtrArray *messages)
{
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < messages->len; i++)
    {
      if (i > 0)
        g_string_append_c (keys, ',');
      g_string_append (keys, message_key (g_ptr_array_index (messages, i)));
    }

  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", path, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

typedef struct
{
  guint  count;
  GError *last;
} FailLog;

static void
on_write_failed (HearthDatabase *db,
                 const GError   *error,
                 FailLog        *log)
{
  g_assert_true (HEARTH_IS_DATABASE (db));
  g_assert_nonnull (error);
  log->count++;
  g_clear_error (&log->last);
  log->last = g_error_copy (error);
}

/* }}} */
/* Account directory and file modes {{{ */

static void
test_account_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *other = NULL;
  g_autofree char *absent = NULL;
  struct stat st;

  /* sha256 ("http://127.0.0.1:8080\nu-me"), first 32 hex digits */
  expected = g_build_filename (g_get_user_data_dir (), "hearth",
                               "8b30665d1d3d083561c2853c8ce2d2ae", NULL);

  absent = hearth_database_dup_account_dir ("http://127.0.0.1:8080", "u-me", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (absent, ==, expected);
  g_assert_false (g_file_test (absent, G_FILE_TEST_EXISTS));

  dir = hearth_database_dup_account_dir ("http://127.0.0.1:8080", "u-me", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dir, ==, expected);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Another user, another server: another directory. */
  other = hearth_database_dup_account_dir ("http://127.0.0.1:8080", "u-raj", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (other, !=, dir);
}

static void
test_file_modes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthDatabase) db = NULL;
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(HearthUser) user = make_user ("u-1", "One");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  struct stat st;

  dir = hearth_database_dup_account_dir ("https://chat.example.com", "u-1", TRUE, &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "hearth.db", NULL);
  wal = g_strconcat (path, "-wal", NULL);

  db = open_db (path);
  g_assert_cmpstr (hearth_database_get_path (db), ==, path);

  hearth_db_batch_put_user (batch, user);
  db_write_ok (db, batch);

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* WAL mode: the log exists while open, with the database's mode. */
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (hearth_database_delete_files (db, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* A missing parent directory is created 0700 too. */
static void
test_file_creates_dir (void)
{
  g_autofree char *dir = temp_db_path ("a/b");
  g_autofree char *path = g_build_filename (dir, "hearth.db", NULL);
  g_autoptr(HearthDatabase) db = open_db (path);
  struct stat st;

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* }}} */
/* Round trips {{{ */

static void
test_chats_round_trip (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(HearthUser) me = make_user ("u-me", "Ana Lima");
  g_autoptr(HearthUser) raj = make_user ("u-raj", "Raj Kumar");
  g_autoptr(HearthUser) mei = make_user ("u-mei", "Mei Chen");
  g_autoptr(HearthChat) direct = hearth_chat_new ("c-direct");
  g_autoptr(HearthChat) group = hearth_chat_new ("c-group");
  g_autoptr(HearthChat) empty = hearth_chat_new ("c-empty");
  g_autoptr(HearthChat) bare = hearth_chat_new ("c-bare");
  g_autoptr(HearthMessage) m1 = NULL;
  g_autoptr(HearthMessage) m2 = NULL;
  g_autoptr(HearthMessage) m3 = NULL;
  g_autoptr(GDateTime) created = at_seconds (-3600);
  g_autoptr(GDateTime) created_late = at_seconds (500);
  g_autoptr(GDateTime) last_seen = NULL;
  g_autoptr(GDateTime) read_at = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  HearthUser *direct_users[] = { me, raj };
  HearthUser *group_users[] = { raj, me, mei };
  HearthChat *chat;
  HearthMessage *last;
  HearthUser *user;

  /* Microseconds survive. */
  {
    g_autoptr(GDateTime) base = at_seconds (-60);

    last_seen = g_date_time_add (base, 123456);
    read_at = g_date_time_add (base, 654321);
  }
  hearth_user_set_username (raj, "raj");
  hearth_user_set_photo (raj, "https://example.com/raj.png");
  hearth_user_set_online (raj, TRUE);
  hearth_user_set_last_seen (raj, last_seen);

  hearth_chat_set_participants (direct, direct_users, G_N_ELEMENTS (direct_users));
  hearth_chat_set_created_at (direct, created);
  hearth_chat_set_unread (direct, 3);
  hearth_chat_set_last_read_at (direct, "u-raj", read_at);

  hearth_chat_set_participants (group, group_users, G_N_ELEMENTS (group_users));
  hearth_chat_set_name (group, "Book club");
  hearth_chat_set_admin (group, raj);
  hearth_chat_set_created_at (group, created);
  hearth_chat_set_left (group, TRUE);

  /* No messages: sorted by creation time. */
  hearth_chat_set_participants (empty, direct_users, G_N_ELEMENTS (direct_users));
  hearth_chat_set_created_at (empty, created_late);

  m1 = make_message ("m-1", NULL, "c-direct", "u-raj", "Hello", 100, HEARTH_MESSAGE_SENT);
  m2 = make_message ("m-2", "cl-2", "c-direct", "u-me", "Hi!", 200, HEARTH_MESSAGE_SENT);
  hearth_message_set_reel (m2, "https://example.com/reel/1");
  m3 = make_message ("m-3", NULL, "c-group", "u-mei", "Chapter one", 1000, HEARTH_MESSAGE_SENT);
  hearth_message_set_sender (m3, mei);

  hearth_db_batch_put_chat (batch, direct);
  hearth_db_batch_put_chat (batch, group);
  hearth_db_batch_put_chat (batch, empty);
  hearth_db_batch_put_chat (batch, bare);
  hearth_db_batch_put_message (batch, m2);
  hearth_db_batch_put_message (batch, m1);
  hearth_db_batch_put_message (batch, m3);
  g_assert_false (hearth_db_batch_is_empty (batch));
  g_assert_cmpuint (hearth_db_batch_get_size (batch), ==, 7);

  /* A put copies: later changes to the objects are not written. */
  db_write_ok (db, batch);
  hearth_user_set_name (raj, "Changed");

  chats = db_load_chats (db);
  g_assert_cmpuint (chats->len, ==, 4);

  /* Most recent activity first: group (t=1000), empty (created 500), direct (200), bare. */
  g_assert_cmpstr (hearth_chat_get_id (g_ptr_array_index (chats, 0)), ==, "c-group");
  g_assert_cmpstr (hearth_chat_get_id (g_ptr_array_index (chats, 1)), ==, "c-empty");
  g_assert_cmpstr (hearth_chat_get_id (g_ptr_array_index (chats, 2)), ==, "c-direct");
  g_assert_cmpstr (hearth_chat_get_id (g_ptr_array_index (chats, 3)), ==, "c-bare");

  chat = find_chat (chats, "c-direct");
  g_assert_null (hearth_chat_get_name (chat));
  g_assert_null (hearth_chat_get_admin (chat));
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 3);
  g_assert_false (hearth_chat_get_left (chat));
  assert_time (hearth_chat_get_created_at (chat), (BASE_TIME - 3600) * G_USEC_PER_SEC);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_participants (chat)), ==, 2);
  g_assert_cmpstr (hearth_user_get_id (participant (chat, 0)), ==, "u-me");
  g_assert_cmpstr (hearth_user_get_id (participant (chat, 1)), ==, "u-raj");
  assert_time (hearth_chat_get_last_read_at (chat, "u-raj"), _hearth_db_time_to_usec (read_at));
  g_assert_null (hearth_chat_get_last_read_at (chat, "u-me"));

  last = hearth_chat_get_last_message (chat);
  g_assert_nonnull (last);
  g_assert_cmpstr (hearth_message_get_id (last), ==, "m-2");
  g_assert_cmpstr (hearth_message_get_client_id (last), ==, "cl-2");
  g_assert_cmpstr (hearth_message_get_chat_id (last), ==, "c-direct");
  g_assert_cmpstr (hearth_message_get_content (last), ==, "Hi!");
  g_assert_cmpstr (hearth_message_get_reel (last), ==, "https://example.com/reel/1");
  g_assert_cmpint (hearth_message_get_state (last), ==, HEARTH_MESSAGE_SENT);
  assert_time (hearth_message_get_at (last), (BASE_TIME + 200) * G_USEC_PER_SEC);
  g_assert_nonnull (hearth_message_get_sender (last));
  g_assert_cmpstr (hearth_message_get_sender_id (last), ==, "u-me");
  /* The sender is the same object as the participant. */
  g_assert_true (hearth_message_get_sender (last) == participant (chat, 0));

  /* The user's fields, as they were at the put. */
  user = participant (chat, 1);
  g_assert_cmpstr (hearth_user_get_name (user), ==, "Raj Kumar");
  g_assert_cmpstr (hearth_user_get_username (user), ==, "raj");
  g_assert_cmpstr (hearth_user_get_photo (user), ==, "https://example.com/raj.png");
  g_assert_true (hearth_user_get_online (user));
  assert_time (hearth_user_get_last_seen (user), _hearth_db_time_to_usec (last_seen));

  chat = find_chat (chats, "c-group");
  g_assert_cmpstr (hearth_chat_get_name (chat), ==, "Book club");
  g_assert_true (hearth_chat_get_left (chat));
  g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_participants (chat)), ==, 3);
  g_assert_cmpstr (hearth_user_get_id (participant (chat, 0)), ==, "u-raj");
  g_assert_cmpstr (hearth_user_get_id (participant (chat, 1)), ==, "u-me");
  g_assert_cmpstr (hearth_user_get_id (participant (chat, 2)), ==, "u-mei");
  /* One user object per id across all chats. */
  g_assert_true (participant (chat, 0) == user);
  g_assert_true (hearth_chat_get_admin (chat) == user);
  g_assert_true (participant (chat, 1) == participant (find_chat (chats, "c-direct"), 0));
  last = hearth_chat_get_last_message (chat);
  g_assert_cmpstr (hearth_message_get_id (last), ==, "m-3");
  g_assert_true (hearth_message_get_sender (last) == participant (chat, 2));

  chat = find_chat (chats, "c-empty");
  g_assert_null (hearth_chat_get_last_message (chat));
  assert_time (hearth_chat_get_last_activity (chat), (BASE_TIME + 500) * G_USEC_PER_SEC);

  chat = find_chat (chats, "c-bare");
  g_assert_null (hearth_chat_get_created_at (chat));
  g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_participants (chat)), ==, 0);
}

/* put_user updates; a user known only by id keeps the stored names. */
static void
test_users_update (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) first = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) second = hearth_db_batch_new ();
  g_autoptr(HearthUser) raj = make_user ("u-raj", "Raj Kumar");
  g_autoptr(HearthUser) bare = hearth_user_new ("u-raj");
  g_autoptr(HearthUser) renamed = make_user ("u-raj", "Raj K.");
  g_autoptr(HearthChat) chat = hearth_chat_new ("c-1");
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) page = NULL;

  hearth_chat_set_participants (chat, &raj, 1);
  hearth_db_batch_put_chat (first, chat);
  db_write_ok (db, first);

  message = make_message ("m-1", NULL, "c-1", NULL, "yo", 0, HEARTH_MESSAGE_SENT);
  hearth_message_set_sender (message, bare);
  hearth_db_batch_put_message (second, message);
  db_write_ok (db, second);

  chats = db_load_chats (db);
  g_assert_cmpstr (hearth_user_get_name (participant (g_ptr_array_index (chats, 0), 0)), ==,
                   "Raj Kumar");
  g_clear_pointer (&chats, g_ptr_array_unref);
  g_clear_pointer (&second, hearth_db_batch_unref);

  second = hearth_db_batch_new ();
  hearth_db_batch_put_user (second, renamed);
  db_write_ok (db, second);

  chats = db_load_chats (db);
  g_assert_cmpstr (hearth_user_get_name (participant (g_ptr_array_index (chats, 0), 0)), ==,
                   "Raj K.");

  page = db_load_messages (db, "c-1", NULL, NULL, 10);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (hearth_user_get_name (hearth_message_get_sender (g_ptr_array_index (page, 0))),
                   ==, "Raj K.");
}

/* Putting a chat again replaces its members, keeping the later read time of each. */
static void
test_chat_members_replace (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthUser) a = make_user ("u-a", "A");
  g_autoptr(HearthUser) b = make_user ("u-b", "B");
  g_autoptr(HearthUser) c = make_user ("u-c", "C");
  g_autoptr(HearthChat) chat = hearth_chat_new ("c-1");
  g_autoptr(HearthChat) again = hearth_chat_new ("c-1");
  g_autoptr(HearthDbBatch) first = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) second = hearth_db_batch_new ();
  g_autoptr(GDateTime) t10 = at_seconds (10);
  g_autoptr(GDateTime) t5 = at_seconds (5);
  g_autoptr(GDateTime) t20 = at_seconds (20);
  g_autoptr(GPtrArray) chats = NULL;
  HearthUser *abc[] = { a, b, c };
  HearthUser *cb[] = { c, b };
  HearthChat *loaded;

  hearth_chat_set_participants (chat, abc, 3);
  hearth_chat_set_last_read_at (chat, "u-b", t10);
  hearth_chat_set_last_read_at (chat, "u-c", t10);
  hearth_db_batch_put_chat (first, chat);
  db_write_ok (db, first);

  /* The new copy knows an older time for b (kept: 10) and a newer one for c (20). */
  hearth_chat_set_participants (again, cb, 2);
  hearth_chat_set_last_read_at (again, "u-b", t5);
  hearth_chat_set_last_read_at (again, "u-c", t20);
  hearth_db_batch_put_chat (second, again);
  db_write_ok (db, second);

  chats = db_load_chats (db);
  loaded = g_ptr_array_index (chats, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_participants (loaded)), ==, 2);
  g_assert_cmpstr (hearth_user_get_id (participant (loaded, 0)), ==, "u-c");
  g_assert_cmpstr (hearth_user_get_id (participant (loaded, 1)), ==, "u-b");
  assert_time (hearth_chat_get_last_read_at (loaded, "u-b"), (BASE_TIME + 10) * G_USEC_PER_SEC);
  assert_time (hearth_chat_get_last_read_at (loaded, "u-c"), (BASE_TIME + 20) * G_USEC_PER_SEC);
  g_assert_null (hearth_chat_get_last_read_at (loaded, "u-a"));
}

static void
test_set_read (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthUser) a = make_user ("u-a", "A");
  g_autoptr(HearthUser) b = make_user ("u-b", "B");
  g_autoptr(HearthChat) chat = hearth_chat_new ("c-1");
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(GDateTime) t10 = at_seconds (10);
  g_autoptr(GDateTime) t5 = at_seconds (5);
  g_autoptr(GDateTime) t30 = at_seconds (30);
  HearthUser *ab[] = { a, b };
  struct {
    GDateTime *at;
    gint64     expected;
  } steps[] = {
    { t10, 10 },
    { t5, 10 },     /* never back */
    { t30, 30 },
    { t10, 30 },
  };

  hearth_chat_set_participants (chat, ab, 2);
  hearth_db_batch_put_chat (batch, chat);
  db_write_ok (db, batch);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(HearthDbBatch) step = hearth_db_batch_new ();
      g_autoptr(GPtrArray) chats = NULL;
      HearthChat *loaded;

      hearth_db_batch_set_read (step, "c-1", "u-b", steps[i].at);
      /* Not a member, not a chat: nothing happens, nothing fails. */
      hearth_db_batch_set_read (step, "c-1", "u-nobody", steps[i].at);
      hearth_db_batch_set_read (step, "c-none", "u-b", steps[i].at);
      hearth_db_batch_set_unread (step, "c-1", i + 1);
      db_write_ok (db, step);

      chats = db_load_chats (db);
      g_assert_cmpuint (chats->len, ==, 1);
      loaded = g_ptr_array_index (chats, 0);
      assert_time (hearth_chat_get_last_read_at (loaded, "u-b"),
                   (BASE_TIME + steps[i].expected) * G_USEC_PER_SEC);
      g_assert_null (hearth_chat_get_last_read_at (loaded, "u-a"));
      g_assert_cmpuint (hearth_chat_get_unread (loaded), ==, i + 1);
    }
}

static void
test_message_merge (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) setup = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) reply = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) echo = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) queued2 = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) link = hearth_db_batch_new ();
  g_autoptr(HearthMessage) before = NULL;
  g_autoptr(HearthMessage) queued = NULL;
  g_autoptr(HearthMessage) after = NULL;
  g_autoptr(HearthMessage) sent = NULL;
  g_autoptr(HearthMessage) echoed = NULL;
  g_autoptr(HearthMessage) pending = NULL;
  g_autoptr(HearthMessage) linked = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *keys = NULL;
  HearthMessage *merged;

  /* Equal times: the position is the insertion order. */
  before = make_message ("m-1", NULL, "c-1", "u-raj", "before", 0, HEARTH_MESSAGE_SENT);
  queued = make_message (NULL, "cl-1", "c-1", "u-me", "mine", 0, HEARTH_MESSAGE_QUEUED);
  after = make_message ("m-3", NULL, "c-1", "u-raj", "after", 0, HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (setup, before);
  hearth_db_batch_put_message (setup, queued);
  hearth_db_batch_put_message (setup, after);
  db_write_ok (db, setup);

  page = db_load_messages (db, "c-1", NULL, NULL, 10);
  keys = join_keys (page);
  g_assert_cmpstr (keys, ==, "m-1,cl-1,m-3");
  g_assert_cmpint (hearth_message_get_state (g_ptr_array_index (page, 1)), ==,
                   HEARTH_MESSAGE_QUEUED);
  g_clear_pointer (&page, g_ptr_array_unref);
  g_clear_pointer (&keys, g_free);

  /* The server's copy, with both ids: one row, sent, same place. */
  sent = make_message ("m-2", "cl-1", "c-1", "u-me", "mine", 0, HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (reply, sent);
  db_write_ok (db, reply);

  page = db_load_messages (db, "c-1", NULL, NULL, 10);
  keys = join_keys (page);
  g_assert_cmpstr (keys, ==, "m-1,m-2,m-3");
  merged = g_ptr_array_index (page, 1);
  g_assert_cmpstr (hearth_message_get_client_id (merged), ==, "cl-1");
  g_assert_cmpint (hearth_message_get_state (merged), ==, HEARTH_MESSAGE_SENT);
  g_clear_pointer (&page, g_ptr_array_unref);
  g_clear_pointer (&keys, g_free);

  /* The echo (server id only) merges into it too. */
  echoed = make_message ("m-2", NULL, "c-1", "u-me", "mine", 0, HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (echo, echoed);
  db_write_ok (db, echo);

  page = db_load_messages (db, "c-1", NULL, NULL, 10);
  keys = join_keys (page);
  g_assert_cmpstr (keys, ==, "m-1,m-2,m-3");
  g_assert_cmpstr (hearth_message_get_client_id (g_ptr_array_index (page, 1)), ==, "cl-1");
  g_clear_pointer (&page, g_ptr_array_unref);
  g_clear_pointer (&keys, g_free);

  /* The other order: a queued row, then the echo stored before the reply arrived (two rows),
   * then the reply with both ids: one row again, in the older row's place. */
  pending = make_message (NULL, "cl-4", "c-1", "u-me", "second", 0, HEARTH_MESSAGE_QUEUED);
  hearth_db_batch_put_message (queued2, pending);
  g_clear_object (&echoed);
  echoed = make_message ("m-4", NULL, "c-1", "u-me", "second", 0, HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (queued2, echoed);
  db_write_ok (db, queued2);

  page = db_load_messages (db, "c-1", NULL, NULL, 10);
  keys = join_keys (page);
  g_assert_cmpstr (keys, ==, "m-1,m-2,m-3,cl-4,m-4");
  g_clear_pointer (&page, g_ptr_array_unref);
  g_clear_pointer (&keys, g_free);

  linked = make_message ("m-4", "cl-4", "c-1", "u-me", "second", 0, HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (link, linked);
  db_write_ok (db, link);

  page = db_load_messages (db, "c-1", NULL, NULL, 10);
  keys = join_keys (page);
  g_assert_cmpstr (keys, ==, "m-1,m-2,m-3,m-4");
  g_assert_cmpstr (hearth_message_get_client_id (g_ptr_array_index (page, 3)), ==, "cl-4");
}

static void
test_delete_chat (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) deletion = hearth_db_batch_new ();
  g_autoptr(HearthUser) a = make_user ("u-a", "A");
  g_autoptr(HearthChat) doomed = hearth_chat_new ("c-doomed");
  g_autoptr(HearthChat) kept = hearth_chat_new ("c-kept");
  g_autoptr(HearthMessage) m1 = NULL;
  g_autoptr(HearthMessage) m2 = NULL;
  g_autoptr(HearthMessage) q1 = NULL;
  g_autoptr(HearthMessage) k1 = NULL;
  g_autoptr(HearthMessage) q2 = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GArray) attempts = NULL;
  g_autoptr(GHashTable) drafts = NULL;

  hearth_chat_set_participants (doomed, &a, 1);
  hearth_chat_set_participants (kept, &a, 1);
  m1 = make_message ("m-1", NULL, "c-doomed", "u-a", "zebra one", 1, HEARTH_MESSAGE_SENT);
  m2 = make_message ("m-2", NULL, "c-doomed", "u-a", "zebra two", 2, HEARTH_MESSAGE_SENT);
  q1 = make_message (NULL, "cl-1", "c-doomed", "u-a", "zebra queued", 3, HEARTH_MESSAGE_QUEUED);
  k1 = make_message ("m-3", NULL, "c-kept", "u-a", "zebra kept", 4, HEARTH_MESSAGE_SENT);
  q2 = make_message (NULL, "cl-2", "c-kept", "u-a", "kept queued", 5, HEARTH_MESSAGE_QUEUED);

  hearth_db_batch_put_chat (batch, doomed);
  hearth_db_batch_put_chat (batch, kept);
  hearth_db_batch_put_message (batch, m1);
  hearth_db_batch_put_message (batch, m2);
  hearth_db_batch_put_message (batch, q1);
  hearth_db_batch_put_outbox (batch, q1, 0);
  hearth_db_batch_put_message (batch, k1);
  hearth_db_batch_put_message (batch, q2);
  hearth_db_batch_put_outbox (batch, q2, 0);
  hearth_db_batch_put_draft (batch, "c-doomed", "unsent words");
  hearth_db_batch_put_draft (batch, "c-kept", "kept words");
  db_write_ok (db, batch);

  found = db_search (db, NULL, "zebra", 10);
  g_assert_cmpuint (found->len, ==, 4);
  g_clear_pointer (&found, g_ptr_array_unref);

  hearth_db_batch_delete_chat (deletion, "c-doomed");
  db_write_ok (db, deletion);

  chats = db_load_chats (db);
  g_assert_cmpuint (chats->len, ==, 1);
  g_assert_cmpstr (hearth_chat_get_id (g_ptr_array_index (chats, 0)), ==, "c-kept");

  page = db_load_messages (db, "c-doomed", NULL, NULL, 50);
  g_assert_cmpuint (page->len, ==, 0);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = db_load_messages (db, "c-kept", NULL, NULL, 50);
  g_assert_cmpuint (page->len, ==, 2);

  found = db_search (db, NULL, "zebra", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-3");

  outbox = db_load_outbox (db, &attempts);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_client_id (g_ptr_array_index (outbox, 0)), ==, "cl-2");

  drafts = db_load_drafts (db);
  g_assert_cmpuint (g_hash_table_size (drafts), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (drafts, "c-kept"), ==, "kept words");

  /* The members went with the chat (and its user stays, used by the other chat). */
  g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_participants (
                      g_ptr_array_index (chats, 0))), ==, 1);
}

/* 120 messages with one timestamp, read in pages of 50 from the newest. */
static void
test_paging (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) before_at = NULL;
  g_autofree char *before_key = NULL;
  guint expected_sizes[] = { 50, 50, 20, 0 };

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-%03u", i);
      g_autofree char *client_id = g_strdup_printf ("cl-%03u", i);
      g_autofree char *content = g_strdup_printf ("message %u", i);
      g_autoptr(HearthMessage) message = NULL;
      g_autoptr(HearthMessage) noise = NULL;

      /* Every seventh is still queued (known only by its client id). */
      if (i % 7 == 3)
        message = make_message (NULL, client_id, "c-1", "u-me", content, 0,
                                HEARTH_MESSAGE_QUEUED);
      else
        message = make_message (id, NULL, "c-1", "u-raj", content, 0, HEARTH_MESSAGE_SENT);

      hearth_db_batch_put_message (batch, message);

      /* Another chat, interleaved, with the same time. */
      g_free (g_steal_pointer (&id));
      id = g_strdup_printf ("other-%03u", i);
      noise = make_message (id, NULL, "c-2", "u-raj", "noise", 0, HEARTH_MESSAGE_SENT);
      hearth_db_batch_put_message (batch, noise);
    }
  db_write_ok (db, batch);

  for (guint p = 0; p < G_N_ELEMENTS (expected_sizes); p++)
    {
      g_autoptr(GPtrArray) page = db_load_messages (db, "c-1", before_at, before_key, 50);

      g_assert_cmpuint (page->len, ==, expected_sizes[p]);
      if (page->len == 0)
        break;

      /* Prepend the page: seen stays oldest first. */
      for (guint i = page->len; i > 0; i--)
        g_ptr_array_insert (seen, 0, g_object_ref (g_ptr_array_index (page, i - 1)));

      g_clear_pointer (&before_at, g_date_time_unref);
      before_at = g_date_time_ref (hearth_message_get_at (g_ptr_array_index (page, 0)));
      g_free (before_key);
      before_key = g_strdup (message_key (g_ptr_array_index (page, 0)));
    }

  /* No gaps, no repeats, in insertion order. */
  g_assert_cmpuint (seen->len, ==, 120);
  for (guint i = 0; i < 120; i++)
    {
      HearthMessage *message = g_ptr_array_index (seen, i);
      g_autofree char *content = g_strdup_printf ("message %u", i);

      g_assert_cmpstr (hearth_message_get_content (message), ==, content);
      g_assert_cmpstr (hearth_message_get_chat_id (message), ==, "c-1");
      g_assert_nonnull (hearth_message_get_sender (message));
    }

  /* A key that is not stored pages by time alone: nothing is older than t=0. */
  {
    g_autoptr(GDateTime) t0 = at_seconds (0);
    g_autoptr(GDateTime) t1 = at_seconds (1);
    g_autoptr(GPtrArray) none = db_load_messages (db, "c-1", t0, "m-unknown", 50);
    g_autoptr(GPtrArray) all = db_load_messages (db, "c-1", t1, "m-unknown", 200);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (all->len, ==, 120);
  }
}

/* Newer times come later whatever the insertion order. */
static void
test_paging_by_time (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) older = NULL;
  g_autofree char *keys = NULL;
  gint64 times[] = { 30, 10, 20, 40, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *id = g_strdup_printf ("m-%" G_GINT64_FORMAT, times[i]);
      g_autoptr(HearthMessage) message = make_message (id, NULL, "c-1", "u-a", "x", times[i],
                                                       HEARTH_MESSAGE_SENT);

      hearth_db_batch_put_message (batch, message);
    }
  db_write_ok (db, batch);

  page = db_load_messages (db, "c-1", NULL, NULL, 3);
  keys = join_keys (page);
  g_assert_cmpstr (keys, ==, "m-20,m-30,m-40");
  g_clear_pointer (&keys, g_free);

  older = db_load_messages (db, "c-1", hearth_message_get_at (g_ptr_array_index (page, 0)),
                            "m-20", 3);
  keys = join_keys (older);
  g_assert_cmpstr (keys, ==, "m-0,m-10");
}

static void
test_search (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) edit = hearth_db_batch_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(HearthMessage) edited = NULL;
  const struct {
    const char *id;
    const char *chat;
    const char *content;
  } rows[] = {
    { "m-1", "c-1", "Pancakes on Saturday?" },
    { "m-2", "c-1", "He said \"hi\" and left" },
    { "m-3", "c-2", "pancake recipe attached" },
    { "m-4", "c-2", "this AND OR that" },
    { "m-5", "c-1", "Meet at the café" },
    { "m-6", "c-2", "don't panic" },
  };
  const char *odd_queries[] = {
    "he said \"hi", "AND OR *", "\"", "*", "NEAR(", "col:", "-", "^", "'", "(", ")",
    "a\"b", "NOT", "OR", "\"\"\"", "{", "}", "+", ":", "pan* OR x", "", "   ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(HearthMessage) message = make_message (rows[i].id, NULL, rows[i].chat, "u-a",
                                                       rows[i].content, i,
                                                       HEARTH_MESSAGE_SENT);

      hearth_db_batch_put_message (batch, message);
    }
  db_write_ok (db, batch);

  /* Prefix, any chat, newest first. */
  found = db_search (db, NULL, "pan", 10);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-6");
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 1)), ==, "m-3");
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 2)), ==, "m-1");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Limit. */
  found = db_search (db, NULL, "pan", 1);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-6");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Per chat; case-insensitive. */
  found = db_search (db, "c-1", "PANCAKE", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-1");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Every word must match. */
  found = db_search (db, NULL, "pancake recipe", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-3");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Quotes and operators are plain text. */
  found = db_search (db, NULL, "he said \"hi", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-2");
  g_clear_pointer (&found, g_ptr_array_unref);

  found = db_search (db, NULL, "AND OR *", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-4");
  g_clear_pointer (&found, g_ptr_array_unref);

  found = db_search (db, NULL, "don't", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-6");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Diacritics fold both ways. */
  found = db_search (db, NULL, "cafe", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-5");
  g_clear_pointer (&found, g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (odd_queries); i++)
    {
      g_autoptr(GPtrArray) any = db_search (db, NULL, odd_queries[i], 10);

      g_assert_cmpuint (any->len, <=, G_N_ELEMENTS (rows));
    }

  /* Invalid UTF-8 does not fail either. */
  found = db_search (db, NULL, "pan\xff\xfe", 10);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* An edit re-indexes. */
  edited = make_message ("m-1", NULL, "c-1", "u-a", "Waffles on Sunday", 0,
                         HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (edit, edited);
  db_write_ok (db, edit);

  found = db_search (db, "c-1", "pancake", 10);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = db_search (db, NULL, "waff", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_content (g_ptr_array_index (found, 0)), ==,
                   "Waffles on Sunday");
}

static void
test_build_match (void)
{
  g_autofree char *a = _hearth_db_build_match ("he said \"hi");
  g_autofree char *b = _hearth_db_build_match ("AND OR *");
  g_autofree char *c = _hearth_db_build_match ("  * ( \" ");
  g_autofree char *d = _hearth_db_build_match (NULL);

  g_assert_cmpstr (a, ==, "\"he\"* \"said\"* \"\"\"hi\"*");
  g_assert_cmpstr (b, ==, "\"AND\"* \"OR\"*");
  g_assert_null (c);
  g_assert_null (d);
}

static void
test_drafts (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) first = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) second = hearth_db_batch_new ();
  g_autoptr(GHashTable) drafts = NULL;

  hearth_db_batch_put_draft (first, "c-1", "half a thought");
  hearth_db_batch_put_draft (first, "c-2", "to be cleared");
  hearth_db_batch_put_draft (first, "c-3", "also cleared");
  hearth_db_batch_put_draft (first, "c-4", "ünïcødé ✓\nsecond line");
  db_write_ok (db, first);

  drafts = db_load_drafts (db);
  g_assert_cmpuint (g_hash_table_size (drafts), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (drafts, "c-4"), ==, "ünïcødé ✓\nsecond line");
  g_clear_pointer (&drafts, g_hash_table_unref);

  hearth_db_batch_put_draft (second, "c-1", "a whole thought");
  hearth_db_batch_put_draft (second, "c-2", "");
  hearth_db_batch_put_draft (second, "c-3", NULL);
  hearth_db_batch_put_draft (second, "c-none", NULL);
  db_write_ok (db, second);

  drafts = db_load_drafts (db);
  g_assert_cmpuint (g_hash_table_size (drafts), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (drafts, "c-1"), ==, "a whole thought");
  g_assert_false (g_hash_table_contains (drafts, "c-2"));
  g_assert_false (g_hash_table_contains (drafts, "c-3"));
}

static void
test_rewards (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) first = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) second = hearth_db_batch_new ();
  g_autoptr(HearthReward) coffee = hearth_reward_new ("r-coffee");
  g_autoptr(HearthReward) book = hearth_reward_new ("r-book");
  g_autoptr(GDateTime) expires = at_seconds (86400);
  g_autoptr(GPtrArray) rewards = NULL;
  HearthReward *loaded;

  hearth_reward_set_title (coffee, "Free coffee");
  hearth_reward_set_description (coffee, "At the corner café");
  hearth_reward_set_remaining (coffee, 12);
  hearth_reward_set_expires_at (coffee, expires);
  hearth_reward_set_title (book, "A book");
  hearth_reward_set_remaining (book, -1);
  hearth_reward_set_is_expired (book, TRUE);

  hearth_db_batch_put_reward (first, coffee);
  hearth_db_batch_put_reward (first, book);
  db_write_ok (db, first);

  rewards = db_load_rewards (db);
  g_assert_cmpuint (rewards->len, ==, 2);
  loaded = g_ptr_array_index (rewards, 0);
  g_assert_cmpstr (hearth_reward_get_id (loaded), ==, "r-coffee");
  g_assert_cmpstr (hearth_reward_get_title (loaded), ==, "Free coffee");
  g_assert_cmpstr (hearth_reward_get_description (loaded), ==, "At the corner café");
  g_assert_cmpint (hearth_reward_get_remaining (loaded), ==, 12);
  g_assert_false (hearth_reward_get_is_expired (loaded));
  g_assert_false (hearth_reward_get_is_consumed_by_you (loaded));
  assert_time (hearth_reward_get_expires_at (loaded), (BASE_TIME + 86400) * G_USEC_PER_SEC);
  loaded = g_ptr_array_index (rewards, 1);
  g_assert_cmpstr (hearth_reward_get_id (loaded), ==, "r-book");
  g_assert_null (hearth_reward_get_description (loaded));
  g_assert_cmpint (hearth_reward_get_remaining (loaded), ==, -1);
  g_assert_true (hearth_reward_get_is_expired (loaded));
  g_assert_null (hearth_reward_get_expires_at (loaded));
  g_clear_pointer (&rewards, g_ptr_array_unref);

  /* Consumed: updated in place, order kept. */
  hearth_reward_set_remaining (coffee, 11);
  hearth_reward_set_is_consumed_by_you (coffee, TRUE);
  hearth_reward_set_expires_at (coffee, NULL);
  hearth_db_batch_put_reward (second, coffee);
  db_write_ok (db, second);

  rewards = db_load_rewards (db);
  g_assert_cmpuint (rewards->len, ==, 2);
  loaded = g_ptr_array_index (rewards, 0);
  g_assert_cmpstr (hearth_reward_get_id (loaded), ==, "r-coffee");
  g_assert_cmpint (hearth_reward_get_remaining (loaded), ==, 11);
  g_assert_true (hearth_reward_get_is_consumed_by_you (loaded));
  g_assert_null (hearth_reward_get_expires_at (loaded));
}

static HearthScoreAction *
make_action (const char *type,
             const char *label,
             const char *sub_label,
             double      value,
             gboolean    completed,
             int         start_at)
{
  HearthScoreAction *action = hearth_score_action_new (type);

  hearth_score_action_set_label (action, label);
  hearth_score_action_set_sub_label (action, sub_label);
  hearth_score_action_set_value (action, value);
  hearth_score_action_set_completed (action, completed);
  hearth_score_action_set_start_at (action, start_at);

  return action;
}

static HearthScoreAction *
action_at (GListModel *actions,
           guint       position)
{
  g_autoptr(HearthScoreAction) action = g_list_model_get_item (actions, position);

  return action;
}

static void
test_score (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) first = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) second = hearth_db_batch_new ();
  g_autoptr(GDateTime) saturday = g_date_time_new_utc (2024, 5, 4, 0, 0, 0);
  g_autoptr(GDateTime) friday = g_date_time_new_utc (2024, 5, 3, 23, 59, 59.5);
  g_autoptr(HearthScore) today = hearth_score_new (saturday);
  g_autoptr(HearthScore) yesterday = hearth_score_new (friday);
  g_autoptr(HearthScore) loaded = NULL;
  g_autoptr(HearthScore) missing = NULL;
  g_autoptr(GPtrArray) social = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) mindful = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fewer = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *actions;
  HearthScoreAction *action;

  g_ptr_array_add (social, make_action ("dm", "Send a DM to a friend", NULL, 10, TRUE, -1));
  g_ptr_array_add (social, make_action ("call", "Call someone", "5 minutes", 15.5, FALSE, 18));
  g_ptr_array_add (mindful, make_action ("breathe", "Breathe", "Box breathing", 5, FALSE, 7));

  hearth_score_set_day (today, "saturday");
  hearth_score_set_reels_seen (today, 4);
  hearth_score_set_total_score (today, 72.5);
  hearth_score_set_social_score (today, 40);
  hearth_score_set_mindfulness_score (today, 32.5);
  hearth_score_set_social_actions (today, social);
  hearth_score_set_mindfulness_actions (today, mindful);

  hearth_score_set_day (yesterday, "friday");
  hearth_score_set_total_score (yesterday, 50);

  hearth_db_batch_put_score (first, yesterday);
  hearth_db_batch_put_score (first, today);
  db_write_ok (db, first);

  /* NULL: the newest day. */
  loaded = db_load_score (db, NULL);
  g_assert_nonnull (loaded);
  assert_time (hearth_score_get_date (loaded), _hearth_db_time_to_usec (saturday));
  g_assert_cmpstr (hearth_score_get_day (loaded), ==, "saturday");
  g_assert_cmpint (hearth_score_get_reels_seen (loaded), ==, 4);
  g_assert_cmpfloat (hearth_score_get_total_score (loaded), ==, 72.5);
  g_assert_cmpfloat (hearth_score_get_social_score (loaded), ==, 40);
  g_assert_cmpfloat (hearth_score_get_mindfulness_score (loaded), ==, 32.5);

  actions = hearth_score_get_social_actions (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 2);
  action = action_at (actions, 0);
  g_assert_cmpstr (hearth_score_action_get_action_type (action), ==, "dm");
  g_assert_cmpstr (hearth_score_action_get_label (action), ==, "Send a DM to a friend");
  g_assert_null (hearth_score_action_get_sub_label (action));
  g_assert_cmpfloat (hearth_score_action_get_value (action), ==, 10);
  g_assert_true (hearth_score_action_get_completed (action));
  g_assert_cmpint (hearth_score_action_get_start_at (action), ==, -1);
  action = action_at (actions, 1);
  g_assert_cmpstr (hearth_score_action_get_action_type (action), ==, "call");
  g_assert_cmpstr (hearth_score_action_get_sub_label (action), ==, "5 minutes");
  g_assert_cmpfloat (hearth_score_action_get_value (action), ==, 15.5);
  g_assert_false (hearth_score_action_get_completed (action));
  g_assert_cmpint (hearth_score_action_get_start_at (action), ==, 18);

  actions = hearth_score_get_mindfulness_actions (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 1);
  action = action_at (actions, 0);
  g_assert_cmpstr (hearth_score_action_get_action_type (action), ==, "breathe");
  g_assert_cmpint (hearth_score_action_get_start_at (action), ==, 7);
  g_clear_object (&loaded);

  /* By day (the first 10 characters of the ISO date). */
  loaded = db_load_score (db, "2024-05-03");
  g_assert_nonnull (loaded);
  g_assert_cmpstr (hearth_score_get_day (loaded), ==, "friday");
  assert_time (hearth_score_get_date (loaded), _hearth_db_time_to_usec (friday));
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (loaded)), ==, 0);
  g_clear_object (&loaded);

  missing = db_load_score (db, "2020-01-01");
  g_assert_null (missing);

  /* An update replaces the actions. */
  g_ptr_array_add (fewer, make_action ("dm", "Send a DM to a friend", NULL, 10, TRUE, -1));
  hearth_score_set_social_actions (today, fewer);
  hearth_score_set_mindfulness_actions (today, fewer);
  hearth_score_set_total_score (today, 80);
  hearth_db_batch_put_score (second, today);
  db_write_ok (db, second);

  loaded = db_load_score (db, "2024-05-04");
  g_assert_cmpfloat (hearth_score_get_total_score (loaded), ==, 80);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (loaded)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_mindfulness_actions (loaded)), ==,
                    1);
}

static void
test_outbox (void)
{
  g_autoptr(HearthDatabase) db = open_db (":memory:");
  g_autoptr(HearthDbBatch) first = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) second = hearth_db_batch_new ();
  g_autoptr(HearthUser) me = make_user ("u-me", "Me");
  g_autoptr(HearthMessage) a = NULL;
  g_autoptr(HearthMessage) b = NULL;
  g_autoptr(HearthMessage) c = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GArray) attempts = NULL;
  HearthMessage *loaded;

  a = make_message (NULL, "cl-a", "c-1", NULL, "first", 30, HEARTH_MESSAGE_QUEUED);
  hearth_message_set_sender (a, me);
  b = make_message (NULL, "cl-b", "c-2", "u-me", "second", 10, HEARTH_MESSAGE_QUEUED);
  hearth_message_set_reel (b, "https://example.com/reel/7");
  c = make_message (NULL, "cl-c", "c-1", "u-me", "third", 20, HEARTH_MESSAGE_QUEUED);

  /* The order of the first put, not of the times. */
  hearth_db_batch_put_message (first, a);
  hearth_db_batch_put_outbox (first, a, 0);
  hearth_db_batch_put_message (first, b);
  hearth_db_batch_put_outbox (first, b, 0);
  hearth_db_batch_put_message (first, c);
  hearth_db_batch_put_outbox (first, c, 0);
  db_write_ok (db, first);

  outbox = db_load_outbox (db, &attempts);
  g_assert_cmpuint (outbox->len, ==, 3);
  loaded = g_ptr_array_index (outbox, 0);
  g_assert_cmpstr (hearth_message_get_client_id (loaded), ==, "cl-a");
  g_assert_null (hearth_message_get_id (loaded));
  g_assert_cmpstr (hearth_message_get_chat_id (loaded), ==, "c-1");
  g_assert_cmpstr (hearth_message_get_content (loaded), ==, "first");
  g_assert_cmpint (hearth_message_get_state (loaded), ==, HEARTH_MESSAGE_QUEUED);
  g_assert_cmpstr (hearth_message_get_sender_id (loaded), ==, "u-me");
  g_assert_cmpstr (hearth_user_get_name (hearth_message_get_sender (loaded)), ==, "Me");
  assert_time (hearth_message_get_at (loaded), (BASE_TIME + 30) * G_USEC_PER_SEC);
  loaded = g_ptr_array_index (outbox, 1);
  g_assert_cmpstr (hearth_message_get_client_id (loaded), ==, "cl-b");
  g_assert_cmpstr (hearth_message_get_reel (loaded), ==, "https://example.com/reel/7");
  g_assert_cmpstr (hearth_message_get_client_id (g_ptr_array_index (outbox, 2)), ==, "cl-c");
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (g_array_index (attempts, guint, i), ==, 0);
  g_clear_pointer (&outbox, g_ptr_array_unref);
  g_clear_pointer (&attempts, g_array_unref);

  /* a retried twice (keeps its place), b failed for good, c sent and removed. */
  hearth_db_batch_put_outbox (second, a, 2);
  hearth_message_set_state (b, HEARTH_MESSAGE_FAILED);
  hearth_db_batch_put_message (second, b);
  hearth_db_batch_put_outbox (second, b, 5);
  hearth_message_set_id (c, "m-c");
  hearth_message_set_state (c, HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (second, c);
  hearth_db_batch_remove_outbox (second, "cl-c");
  hearth_db_batch_remove_outbox (second, "cl-unknown");
  db_write_ok (db, second);

  outbox = db_load_outbox (db, &attempts);
  g_assert_cmpuint (outbox->len, ==, 2);
  g_assert_cmpstr (hearth_message_get_client_id (g_ptr_array_index (outbox, 0)), ==, "cl-a");
  g_assert_cmpuint (g_array_index (attempts, guint, 0), ==, 2);
  g_assert_cmpint (hearth_message_get_state (g_ptr_array_index (outbox, 0)), ==,
                   HEARTH_MESSAGE_QUEUED);
  g_assert_cmpstr (hearth_message_get_client_id (g_ptr_array_index (outbox, 1)), ==, "cl-b");
  g_assert_cmpuint (g_array_index (attempts, guint, 1), ==, 5);
  g_assert_cmpint (hearth_message_get_state (g_ptr_array_index (outbox, 1)), ==,
                   HEARTH_MESSAGE_FAILED);
  g_clear_pointer (&outbox, g_ptr_array_unref);

  /* attempts is optional */
  outbox = db_load_outbox (db, NULL);
  g_assert_cmpuint (outbox->len, ==, 2);
}

static void
test_wipe (void)
{
  g_autofree char *path = temp_db_path ("wipe.db");
  g_autoptr(HearthDatabase) db = open_db (path);
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) wipe = hearth_db_batch_new ();
  g_autoptr(HearthUser) a = make_user ("u-a", "A");
  g_autoptr(HearthChat) chat = hearth_chat_new ("c-1");
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(HearthReward) reward = hearth_reward_new ("r-1");
  g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 5, 4, 0, 0, 0);
  g_autoptr(HearthScore) score = hearth_score_new (day);
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) rewards = NULL;
  g_autoptr(GHashTable) drafts = NULL;
  g_autoptr(HearthScore) loaded = NULL;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (actions, make_action ("dm", "DM", NULL, 1, FALSE, -1));
  hearth_score_set_social_actions (score, actions);
  hearth_chat_set_participants (chat, &a, 1);
  message = make_message (NULL, "cl-1", "c-1", "u-a", "secret words", 0, HEARTH_MESSAGE_QUEUED);

  hearth_db_batch_put_chat (batch, chat);
  hearth_db_batch_put_message (batch, message);
  hearth_db_batch_put_outbox (batch, message, 1);
  hearth_db_batch_put_draft (batch, "c-1", "draft");
  hearth_db_batch_put_reward (batch, reward);
  hearth_db_batch_put_score (batch, score);
  db_write_ok (db, batch);

  hearth_db_batch_wipe (wipe);
  db_write_ok (db, wipe);

  chats = db_load_chats (db);
  page = db_load_messages (db, "c-1", NULL, NULL, 10);
  found = db_search (db, NULL, "secret", 10);
  outbox = db_load_outbox (db, NULL);
  rewards = db_load_rewards (db);
  drafts = db_load_drafts (db);
  loaded = db_load_score (db, NULL);
  g_assert_cmpuint (chats->len, ==, 0);
  g_assert_cmpuint (page->len, ==, 0);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_cmpuint (outbox->len, ==, 0);
  g_assert_cmpuint (rewards->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (drafts), ==, 0);
  g_assert_null (loaded);

  hearth_database_close (db);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM users"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM members"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM score_actions"), ==, 0);
  /* The full-text index is consistent (no leftover or missing entries). */
  exec_sql (path, "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')");
}

/* }}} */
/* Migrations {{{ */

static char *
normalize_sql (const char *sql)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, sql, -1, 0, " ", 0, NULL);
}

static char *
dump_schema (const char *path)
{
  g_autoptr(GString) dump = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT type, name, sql FROM sqlite_master "
                                       "WHERE sql IS NOT NULL ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *sql = normalize_sql ((const char *) sqlite3_column_text (stmt, 2));

      g_string_append_printf (dump, "%s %s: %s\n", sqlite3_column_text (stmt, 0),
                              sqlite3_column_text (stmt, 1), sql);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&dump), FALSE);
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

static void
test_migration_empty (void)
{
  g_autofree char *path = temp_db_path ("v0.db");
  g_autofree char *empty = temp_db_path ("empty.db");
  g_autoptr(HearthDatabase) db = NULL;
  g_autoptr(HearthDatabase) again = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *schema_again = NULL;

  /* No file at all. */
  db = open_db (path);
  hearth_database_close (db);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, HEARTH_DATABASE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_master "
                                    "WHERE name IN ('users', 'chats', 'members', 'messages', "
                                    "'outbox', 'drafts', 'rewards', 'scores', "
                                    "'score_actions', 'messages_fts')"), ==, 10);
  /* WAL mode is persistent. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM pragma_journal_mode "
                                    "WHERE journal_mode = 'wal'"), ==, 1);

  /* An empty file (v0) is a new database too. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  again = open_db (empty);
  hearth_database_close (again);

  schema = dump_schema (path);
  schema_again = dump_schema (empty);
  g_assert_cmpstr (schema, ==, schema_again);

  /* Opening a current database changes nothing. */
  g_clear_object (&db);
  db = open_db (path);
  hearth_database_close (db);
  g_free (schema_again);
  schema_again = dump_schema (path);
  g_assert_cmpstr (schema, ==, schema_again);
}

static void
test_migration_v1 (void)
{
  g_autofree char *fixture = load_fixture ("schema-v1.sql");
  g_autofree char *path = temp_db_path ("v1.db");
  g_autofree char *reference = temp_db_path ("v1-reference.db");
  g_autofree char *fixture_schema = NULL;
  g_autofree char *step_schema = NULL;
  g_autoptr(HearthDatabase) db = NULL;
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GArray) attempts = NULL;
  g_autoptr(GHashTable) drafts = NULL;
  g_autoptr(HearthMessage) fresh = NULL;
  HearthChat *chat;

  exec_sql (path, fixture);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 1);

  /* The fixture's schema is the released step 1, as the code has it. */
  exec_sql (reference, _hearth_db_schema_get_step (1));
  fixture_schema = dump_schema (path);
  step_schema = dump_schema (reference);
  g_assert_cmpstr (fixture_schema, ==, step_schema);

  db = open_db (path);

  /* Data survives. */
  chats = db_load_chats (db);
  g_assert_cmpuint (chats->len, ==, 2);
  /* c-group's last message (queued, t+4 min) is newer than c-direct's (t+3 min). */
  g_assert_cmpstr (hearth_chat_get_id (g_ptr_array_index (chats, 0)), ==, "c-group");
  chat = find_chat (chats, "c-group");
  g_assert_cmpstr (hearth_chat_get_name (chat), ==, "Book club");
  g_assert_cmpstr (hearth_user_get_id (hearth_chat_get_admin (chat)), ==, "u-raj");
  g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_participants (chat)), ==, 3);
  g_assert_cmpstr (hearth_message_get_client_id (hearth_chat_get_last_message (chat)), ==,
                   "cl-5");
  chat = find_chat (chats, "c-direct");
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 1);
  assert_time (hearth_chat_get_last_read_at (chat, "u-raj"),
               (BASE_TIME + 120) * G_USEC_PER_SEC);
  g_assert_cmpstr (hearth_user_get_name (participant (chat, 1)), ==, "Raj Kumar");
  g_assert_cmpstr (hearth_message_get_reel (hearth_chat_get_last_message (chat)), ==,
                   "https://example.com/reel/42");

  page = db_load_messages (db, "c-direct", NULL, NULL, 50);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (page, 0)), ==, "m-1");

  outbox = db_load_outbox (db, &attempts);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_client_id (g_ptr_array_index (outbox, 0)), ==, "cl-5");
  g_assert_cmpuint (g_array_index (attempts, guint, 0), ==, 2);

  /* The new index knows the old messages. */
  found = db_search (db, NULL, "pancake", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-1");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = db_search (db, "c-group", "chapter", 10);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The new tables work, and so does the index for new rows. */
  fresh = make_message ("m-9", NULL, "c-group", "u-mei", "Chapter eight next", 600,
                        HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (batch, fresh);
  hearth_db_batch_put_draft (batch, "c-group", "see you");
  db_write_ok (db, batch);
  found = db_search (db, "c-group", "chapter", 10);
  g_assert_cmpuint (found->len, ==, 3);
  drafts = db_load_drafts (db);
  g_assert_cmpstr (g_hash_table_lookup (drafts, "c-group"), ==, "see you");

  hearth_database_close (db);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, HEARTH_DATABASE_SCHEMA_VERSION);
  exec_sql (path, "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')");

  /* Migrated and created databases have the same schema. */
  {
    g_autofree char *fresh_path = temp_db_path ("fresh.db");
    g_autoptr(HearthDatabase) fresh_db = open_db (fresh_path);
    g_autofree char *migrated = NULL;
    g_autofree char *created = NULL;

    hearth_database_close (fresh_db);
    migrated = dump_schema (path);
    created = dump_schema (fresh_path);
    g_assert_cmpstr (migrated, ==, created);
  }
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static void
assert_open_fails_untouched (const char *path,
                             int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthDatabase) db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize before_length;
  gsize after_length;

  before = read_file (path, &before_length);
  db = hearth_database_new (path, &error);
  g_assert_error (error, HEARTH_DATABASE_ERROR, code);
  g_assert_null (db);
  g_test_message ("Expected failure: %s", error->message);

  after = read_file (path, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* From version 2: the FTS insert trigger goes, and every message stays indexed exactly once. */
static void
test_migration_v2 (void)
{
  g_autofree char *fixture = load_fixture ("schema-v1.sql");
  g_autofree char *rows = load_fixture ("schema-v2-rows.sql");
  g_autofree char *path = temp_db_path ("v2.db");
  g_autoptr(HearthDatabase) db = NULL;
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GHashTable) drafts = NULL;
  g_autoptr(HearthMessage) fresh = NULL;

  /* The database as version 2 left it: the v1 fixture, step 2 as released, then rows. */
  exec_sql (path, fixture);
  exec_sql (path, _hearth_db_schema_get_step (2));
  exec_sql (path, rows);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema "
                                    "WHERE name = 'messages_fts_insert'"), ==, 1);

  db = open_db (path);
  g_assert_cmpint (hearth_database_get_schema_version (db), ==, HEARTH_DATABASE_SCHEMA_VERSION);

  /* Rows of both earlier versions are found. */
  found = db_search (db, NULL, "pancake", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = db_search (db, "c-group", "marmalade", 10);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_id (g_ptr_array_index (found, 0)), ==, "m-v2");
  g_clear_pointer (&found, g_ptr_array_unref);
  drafts = db_load_drafts (db);
  g_assert_cmpstr (g_hash_table_lookup (drafts, "c-direct"), ==, "half-written reply");

  /* A new message is indexed once (not by a leftover trigger as well). */
  fresh = make_message ("m-v3", NULL, "c-group", "u-mei", "Marmalade again next week", 700,
                        HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (batch, fresh);
  db_write_ok (db, batch);
  found = db_search (db, "c-group", "marmalade", 10);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (g_strcmp0 (hearth_message_get_id (g_ptr_array_index (found, 0)), "m-v3") == 0 ||
                 g_strcmp0 (hearth_message_get_id (g_ptr_array_index (found, 1)), "m-v3") == 0);

  hearth_database_close (db);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_schema "
                                    "WHERE name = 'messages_fts_insert'"), ==, 0);
  exec_sql (path, "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')");
}

/* From version 4: every stored row is a message (kind 'message'); a line about the membership
 * is stored beside them, is never a chat's last message and is not searchable. */
static void
test_migration_v4 (void)
{
  g_autofree char *fixture = load_fixture ("schema-v1.sql");
  g_autofree char *rows = load_fixture ("schema-v2-rows.sql");
  g_autofree char *path = temp_db_path ("v4.db");
  g_autoptr(HearthDatabase) db = NULL;
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(HearthMessage) line = NULL;
  HearthMessage *newest;

  /* The database as version 4 left it: v1, steps 2 to 4 as released, v2's rows. */
  exec_sql (path, fixture);
  exec_sql (path, _hearth_db_schema_get_step (2));
  exec_sql (path, rows);
  exec_sql (path, _hearth_db_schema_get_step (3));
  exec_sql (path, _hearth_db_schema_get_step (4));
  exec_sql (path, "PRAGMA user_version = 4");

  db = open_db (path);
  g_assert_cmpint (hearth_database_get_schema_version (db), ==, HEARTH_DATABASE_SCHEMA_VERSION);

  page = db_load_messages (db, "c-group", NULL, NULL, 100);
  g_assert_cmpuint (page->len, >, 0);
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpint (hearth_message_get_kind (g_ptr_array_index (page, i)), ==,
                     HEARTH_MESSAGE_KIND_TEXT);
  newest = g_ptr_array_index (page, page->len - 1);
  g_assert_cmpstr (hearth_message_get_id (newest), ==, "m-v2");

  /* "Mei was removed", newer than every message. */
  line = make_message ("local-1", NULL, "c-group", "u-mei", "", 1900000000, HEARTH_MESSAGE_SENT);
  hearth_message_set_kind (line, HEARTH_MESSAGE_KIND_MEMBER_REMOVED);
  hearth_db_batch_put_message (batch, line);
  db_write_ok (db, batch);

  g_clear_pointer (&page, g_ptr_array_unref);
  page = db_load_messages (db, "c-group", NULL, NULL, 100);
  newest = g_ptr_array_index (page, page->len - 1);
  g_assert_cmpstr (hearth_message_get_id (newest), ==, "local-1");
  g_assert_cmpint (hearth_message_get_kind (newest), ==, HEARTH_MESSAGE_KIND_MEMBER_REMOVED);

  chats = db_load_chats (db);
  for (guint i = 0; i < chats->len; i++)
    {
      HearthChat *chat = g_ptr_array_index (chats, i);

      if (g_strcmp0 (hearth_chat_get_id (chat), "c-group") == 0)
        g_assert_cmpstr (hearth_message_get_id (hearth_chat_get_last_message (chat)), ==, "m-v2");
    }

  found = db_search (db, "c-group", "marmalade", 10);
  g_assert_cmpuint (found->len, ==, 1);

  hearth_database_close (db);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM messages WHERE kind = 'message'"), >, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM messages WHERE kind = 'member-removed'"), ==, 1);
  exec_sql (path, "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')");
}

static void
test_migration_newer (void)
{
  g_autofree char *path = temp_db_path ("future.db");
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE future (x); PRAGMA user_version = %d;",
                                          HEARTH_DATABASE_SCHEMA_VERSION + 1);

  exec_sql (path, sql);
  assert_open_fails_untouched (path, HEARTH_DATABASE_ERROR_CORRUPT);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, HEARTH_DATABASE_SCHEMA_VERSION + 1);
}

static void
test_corrupt (void)
{
  g_autofree char *path = temp_db_path ("corrupt.db");
  g_autofree char *noise = g_malloc (8192);

  for (guint i = 0; i < 8192; i++)
    noise[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (path, noise, 8192, NULL));

  assert_open_fails_untouched (path, HEARTH_DATABASE_ERROR_CORRUPT);
}

static void
test_open_fails (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthDatabase) db = NULL;
  g_autofree char *file = temp_db_path ("a-file");
  g_autofree char *path = g_build_filename (file, "hearth.db", NULL);

  /* The parent "directory" is a file. */
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  db = hearth_database_new (path, &error);
  g_assert_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_OPEN);
  g_assert_null (db);
}

/* }}} */
/* Failures {{{ */

static void
fill_batch (HearthDbBatch *batch,
            const char    *prefix,
            guint          n)
{
  g_autofree char *filler = g_strnfill (2000, 'x');

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, i);
      g_autofree char *content = g_strdup_printf ("%s word%u %s", prefix, i, filler);
      g_autoptr(HearthMessage) message = make_message (id, NULL, "c-1", "u-a", content, i,
                                                       HEARTH_MESSAGE_SENT);

      hearth_db_batch_put_message (batch, message);
    }
}

static void
check_read_only (HearthDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) second = hearth_db_batch_new ();
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) found = NULL;
  FailLog log = { 0 };
  gulong handler;

  handler = g_signal_connect (db, "write-failed", G_CALLBACK (on_write_failed), &log);

  message = make_message ("m-2", NULL, "c-1", "u-a", "never stored", 5, HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (batch, message);
  g_assert_false (db_write (db, batch, &error));
  g_assert_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_READ_ONLY);
  g_test_message ("Expected failure: %s", error->message);
  g_clear_error (&error);

  /* Emitted in the main context, before the write's callback. */
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_error (log.last, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_READ_ONLY);

  /* Reads still work, and later writes are still tried. */
  page = db_load_messages (db, "c-1", NULL, NULL, 10);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_content (g_ptr_array_index (page, 0)), ==, "stored");
  found = db_search (db, NULL, "stored", 10);
  g_assert_cmpuint (found->len, ==, 1);

  hearth_db_batch_put_draft (second, "c-1", "nope");
  g_assert_false (db_write (db, second, &error));
  g_assert_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_READ_ONLY);
  g_assert_cmpuint (log.count, ==, 2);

  g_signal_handler_disconnect (db, handler);
  g_clear_error (&log.last);
}

static void
test_read_only (void)
{
  g_autofree char *path = temp_db_path ("read-only.db");
  g_autoptr(HearthDatabase) db = NULL;
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  db = open_db (path);
  message = make_message ("m-1", NULL, "c-1", "u-a", "stored", 0, HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (batch, message);
  db_write_ok (db, batch);
  g_clear_object (&db);

  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  /* Opened read-only by SQLite itself: works for root too. */
  db = hearth_database_new_read_only (path, &error);
  g_assert_no_error (error);
  check_read_only (db);
  g_clear_object (&db);

  /* A file that cannot be written. Root writes anyway, so this part needs a normal user. */
  if (geteuid () != 0)
    {
      db = open_db (path);
      check_read_only (db);
      g_clear_object (&db);
    }
  else
    {
      g_test_message ("Running as root: chmod does not stop writes; "
                      "checked with hearth_database_new_read_only() only");
    }

  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
}

/* A read-only open of a database that needs a migration fails. */
static void
test_read_only_old (void)
{
  g_autofree char *fixture = load_fixture ("schema-v1.sql");
  g_autofree char *path = temp_db_path ("v1-read-only.db");
  g_autoptr(HearthDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  exec_sql (path, fixture);
  db = hearth_database_new_read_only (path, &error);
  g_assert_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_READ_ONLY);
  g_assert_null (db);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 1);
}

static void
test_full (void)
{
  g_autofree char *path = temp_db_path ("full.db");
  g_autoptr(HearthDatabase) db = open_db (path);
  g_autoptr(HearthDbBatch) small = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) large = hearth_db_batch_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  FailLog log = { 0 };

  g_signal_connect (db, "write-failed", G_CALLBACK (on_write_failed), &log);

  fill_batch (small, "small", 3);
  db_write_ok (db, small);

  /* As low as SQLite allows: the current size. */
  hearth_database_set_max_pages (db, 1);
  fill_batch (large, "large", 1000);
  g_assert_false (db_write (db, large, &error));
  g_assert_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_FULL);
  g_test_message ("Expected failure: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_error (log.last, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_FULL);

  /* Rolled back entirely. */
  page = db_load_messages (db, "c-1", NULL, NULL, 2000);
  g_assert_cmpuint (page->len, ==, 3);
  g_clear_pointer (&page, g_ptr_array_unref);
  found = db_search (db, NULL, "large", 10);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Space again: the same batch goes through. */
  hearth_database_set_max_pages (db, 0);
  db_write_ok (db, large);
  g_assert_cmpuint (log.count, ==, 1);

  page = db_load_messages (db, "c-1", NULL, NULL, 2000);
  g_assert_cmpuint (page->len, ==, 1003);
  found = db_search (db, NULL, "word999", 10);
  g_assert_cmpuint (found->len, ==, 1);

  hearth_database_close (db);
  exec_sql (path, "INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')");
  g_clear_error (&log.last);
}

typedef struct
{
  guint       done;
  guint       failed;
  GPtrArray  *page;
} CloseLog;

static void
close_write_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CloseLog *log = user_data;
  g_autoptr(GError) error = NULL;

  if (!hearth_database_write_finish (HEARTH_DATABASE (object), result, &error))
    {
      g_assert_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_CLOSED);
      log->failed++;
    }
  log->done++;
}

static void
close_load_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CloseLog *log = user_data;
  g_autoptr(GError) error = NULL;

  log->page = hearth_database_load_messages_finish (HEARTH_DATABASE (object), result, &error);
  if (log->page == NULL)
    {
      g_assert_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_CLOSED);
      log->failed++;
    }
  log->done++;
}

static void
test_close (void)
{
  g_autofree char *path = temp_db_path ("close.db");
  g_autoptr(HearthDatabase) db = open_db (path);
  g_autoptr(HearthDatabase) reopened = NULL;
  g_autoptr(HearthDbBatch) late = hearth_db_batch_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  CloseLog log = { 0 };
  Wait wait = { 0 };

  /* Queued, then closed at once: every job still runs. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
      g_autofree char *id = g_strdup_printf ("m-%u", i);
      g_autoptr(HearthMessage) message = make_message (id, NULL, "c-1", "u-a", "queued", i,
                                                       HEARTH_MESSAGE_SENT);

      hearth_db_batch_put_message (batch, message);
      hearth_database_write_async (db, batch, NULL, close_write_cb, &log);
    }
  hearth_database_load_messages_async (db, "c-1", NULL, NULL, 50, NULL, close_load_cb, &log);
  hearth_database_close (db);

  g_assert_true (hearth_test_wait_for_count (&log.done, 6, WAIT_MS));
  g_assert_cmpuint (log.failed, ==, 0);
  g_assert_nonnull (log.page);
  g_assert_cmpuint (log.page->len, ==, 5);
  g_clear_pointer (&log.page, g_ptr_array_unref);

  /* After close: CLOSED, from the caller's main context. */
  log.done = 0;
  hearth_db_batch_put_draft (late, "c-1", "late");
  hearth_database_write_async (db, late, NULL, close_write_cb, &log);
  hearth_database_load_messages_async (db, "c-1", NULL, NULL, 50, NULL, close_load_cb, &log);
  g_assert_cmpuint (log.done, ==, 0);
  g_assert_true (hearth_test_wait_for_count (&log.done, 2, WAIT_MS));
  g_assert_cmpuint (log.failed, ==, 2);

  hearth_database_load_chats_async (db, NULL, wait_cb, &wait);
  g_assert_null (hearth_database_load_chats_finish (db, wait_result (&wait), &error));
  g_assert_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_CLOSED);
  g_clear_object (&wait.result);

  /* These do nothing, and do not hang. */
  hearth_database_sync (db);
  hearth_database_set_max_pages (db, 10);
  hearth_database_close (db);

  /* The writes are in the file. */
  reopened = open_db (path);
  page = db_load_messages (reopened, "c-1", NULL, NULL, 50);
  g_assert_cmpuint (page->len, ==, 5);

  g_assert_finalize_object (g_steal_pointer (&db));
}

/* Dropping the last ref closes; a cancelled job does not run. */
static void
test_finalize_and_cancel (void)
{
  g_autofree char *path = temp_db_path ("finalize.db");
  HearthDatabase *db = open_db (path);
  g_autoptr(HearthDatabase) reopened = NULL;
  g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
  g_autoptr(HearthDbBatch) cancelled_batch = hearth_db_batch_new ();
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(HearthMessage) other = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  message = make_message ("m-1", NULL, "c-1", "u-a", "kept", 0, HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (batch, message);
  other = make_message ("m-2", NULL, "c-1", "u-a", "cancelled", 1, HEARTH_MESSAGE_SENT);
  hearth_db_batch_put_message (cancelled_batch, other);

  g_cancellable_cancel (cancellable);
  hearth_database_write_async (db, cancelled_batch, cancellable, wait_cb, &wait);
  g_assert_false (hearth_database_write_finish (db, wait_result (&wait), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&wait.result);

  /* No callback: nothing to wait for but the worker. */
  hearth_database_write_async (db, batch, NULL, NULL, NULL);
  hearth_database_sync (db);
  /* Let the task's completion (queued in this context) release its ref. */
  hearth_test_spin (50);
  g_assert_finalize_object (db);

  reopened = open_db (path);
  page = db_load_messages (reopened, "c-1", NULL, NULL, 50);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (hearth_message_get_content (g_ptr_array_index (page, 0)), ==, "kept");
}

static void
flag_write_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hearth_database_write_finish (HEARTH_DATABASE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The caller drops its ref while a job runs: the task then holds the last one, and drops it
 * either here (after the callback) or on the worker (right after returning). Either way the
 * database closes without waiting for itself. */
static void
test_last_ref_in_task (void)
{
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();
      HearthDatabase *db = open_db (":memory:");
      gboolean done = FALSE;

      hearth_db_batch_put_draft (batch, "c-1", "text");
      hearth_database_write_async (db, batch, NULL, flag_write_cb, &done);
      g_object_unref (db);
      g_assert_true (hearth_test_wait_for_flag (&done, WAIT_MS));
    }
}

/* }}} */
/* Timing {{{ */

/* Not an assertion: prints how long a large history takes. 200,000 messages with -m perf,
 * 10,000 otherwise. */
static void
test_timing (void)
{
  g_autofree char *path = temp_db_path ("timing.db");
  g_autoptr(HearthDatabase) db = open_db (path);
  g_autoptr(GTimer) timer = g_timer_new ();
  guint total = g_test_perf () ? 200000 : 10000;
  guint n_batches = 20;
  guint per_batch = total / n_batches;
  double fill_time;
  double write_time;
  double page_time;
  double older_time;
  double search_time;
  double chats_time;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) older = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(HearthDbBatch) chat_batch = hearth_db_batch_new ();

  for (guint c = 0; c < 10; c++)
    {
      g_autofree char *chat_id = g_strdup_printf ("c-%u", c);
      g_autoptr(HearthChat) chat = hearth_chat_new (chat_id);

      hearth_db_batch_put_chat (chat_batch, chat);
    }
  db_write_ok (db, chat_batch);

  g_timer_start (timer);
  for (guint b = 0; b < n_batches; b++)
    {
      g_autoptr(HearthDbBatch) batch = hearth_db_batch_new ();

      for (guint i = 0; i < per_batch; i++)
        {
          guint n = b * per_batch + i;
          g_autofree char *id = g_strdup_printf ("m-%u", n);
          g_autofree char *chat_id = g_strdup_printf ("c-%u", n % 10);
          g_autofree char *content = g_strdup_printf ("message number %u about topic%u", n,
                                                      n % 97);
          g_autoptr(HearthMessage) message = make_message (id, NULL, chat_id, "u-a", content,
                                                           n / 3, HEARTH_MESSAGE_SENT);

          hearth_db_batch_put_message (batch, message);
        }
      hearth_database_write_async (db, batch, NULL, NULL, NULL);
    }
  fill_time = g_timer_elapsed (timer, NULL);
  hearth_database_sync (db);
  /* Let the writes' completions run (they free the batches) before timing reads. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  write_time = g_timer_elapsed (timer, NULL);

  g_timer_start (timer);
  page = db_load_messages (db, "c-3", NULL, NULL, 50);
  page_time = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (page->len, ==, 50);

  g_timer_start (timer);
  older = db_load_messages (db, "c-3", hearth_message_get_at (g_ptr_array_index (page, 0)),
                            hearth_message_get_id (g_ptr_array_index (page, 0)), 50);
  older_time = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (older->len, ==, 50);

  g_timer_start (timer);
  found = db_search (db, NULL, "topic42", 50);
  search_time = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (found->len, ==, 50);

  g_timer_start (timer);
  chats = db_load_chats (db);
  chats_time = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (chats->len, ==, 10);

  g_test_message ("%u messages in %u batches: %.3f s (%.3f s of it filling the batches); "
                  "newest page of 50: %.2f ms; the page before: %.2f ms; "
                  "search (50 of %u): %.2f ms; chat list: %.2f ms",
                  total, n_batches, write_time, fill_time, page_time * 1000, older_time * 1000,
                  total / 97, search_time * 1000, chats_time * 1000);
  if (g_test_perf ())
    g_test_minimized_result (page_time, "newest page of 50 from %u messages: %.2f ms",
                             total, page_time * 1000);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  /* Before anything asks GLib for the data dir (it is cached). G_TEST_OPTION_ISOLATE_DIRS
   * would do this per test, but leaks the previous paths by design (LSan reports them). */
  data_home = g_dir_make_tmp ("hearth-test-database-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/Database/account-dir", test_account_dir);
  g_test_add_func ("/Hearth/Database/file-modes", test_file_modes);
  g_test_add_func ("/Hearth/Database/file-creates-dir", test_file_creates_dir);
  g_test_add_func ("/Hearth/Database/chats-round-trip", test_chats_round_trip);
  g_test_add_func ("/Hearth/Database/users-update", test_users_update);
  g_test_add_func ("/Hearth/Database/chat-members-replace", test_chat_members_replace);
  g_test_add_func ("/Hearth/Database/set-read", test_set_read);
  g_test_add_func ("/Hearth/Database/message-merge", test_message_merge);
  g_test_add_func ("/Hearth/Database/delete-chat", test_delete_chat);
  g_test_add_func ("/Hearth/Database/paging", test_paging);
  g_test_add_func ("/Hearth/Database/paging-by-time", test_paging_by_time);
  g_test_add_func ("/Hearth/Database/search", test_search);
  g_test_add_func ("/Hearth/Database/build-match", test_build_match);
  g_test_add_func ("/Hearth/Database/drafts", test_drafts);
  g_test_add_func ("/Hearth/Database/rewards", test_rewards);
  g_test_add_func ("/Hearth/Database/score", test_score);
  g_test_add_func ("/Hearth/Database/outbox", test_outbox);
  g_test_add_func ("/Hearth/Database/wipe", test_wipe);
  g_test_add_func ("/Hearth/Database/migration/empty", test_migration_empty);
  g_test_add_func ("/Hearth/Database/migration/v1", test_migration_v1);
  g_test_add_func ("/Hearth/Database/migration/v2", test_migration_v2);
  g_test_add_func ("/Hearth/Database/migration/v4", test_migration_v4);
  g_test_add_func ("/Hearth/Database/migration/newer", test_migration_newer);
  g_test_add_func ("/Hearth/Database/corrupt", test_corrupt);
  g_test_add_func ("/Hearth/Database/open-fails", test_open_fails);
  g_test_add_func ("/Hearth/Database/read-only", test_read_only);
  g_test_add_func ("/Hearth/Database/read-only-old", test_read_only_old);
  g_test_add_func ("/Hearth/Database/full", test_full);
  g_test_add_func ("/Hearth/Database/close", test_close);
  g_test_add_func ("/Hearth/Database/finalize-and-cancel", test_finalize_and_cancel);
  g_test_add_func ("/Hearth/Database/last-ref-in-task", test_last_ref_in_task);
  g_test_add_func ("/Hearth/Database/timing", test_timing);

  status = g_test_run ();
  remove_tree (data_home);

  return status;
}
