/* hearth-session-test.h: helpers shared by test-outbox, test-session and test-faults
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "hearth-api.h"
#include "hearth-database.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-server.h"
#include "hearth-session.h"
#include "hearth-test-util.h"

G_BEGIN_DECLS

#define WAIT_MS 15000

/* The seed fixture (tests/data/seed.json). */
#define ME          "68ada1c0f252e6b4383a1f01"
#define RAJ         "68aef340f252e6b4383a1f02"
#define ANA         "68b044c0f252e6b4383a1f03"
#define MEI         "68b19640f252e6b4383a1f04"
#define CHAT_RAJ    "691719c0f252e6b4383a1f07"
#define CHAT_ANA    "693ea6c0f252e6b4383a1f08"
#define CHAT_HIKE   "698091c0f252e6b4383a1f09"
#define CHAT_MEI    "696633c0f252e6b4383a1f0b"
#define N_SEED_CHATS 5

/* Waiting for async results. */

typedef struct
{
  GAsyncResult *result;
} TestSync;

static inline void
test_sync_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TestSync *sync = user_data;

  g_assert_null (sync->result);
  sync->result = g_object_ref (result);
}

static inline GAsyncResult *
test_sync_wait (TestSync *sync)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_MS * 1000;

  while (sync->result == NULL && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }

  g_assert_nonnull (sync->result);
  return sync->result;
}

static inline const char *
test_content (HearthMessage *message)
{
  const char *content = hearth_message_get_content (message);

  return content != NULL ? content : "";
}

typedef gboolean (*TestPredicate) (gpointer data);

/* Spins until @predicate holds or @timeout_ms passes; returns the predicate's last value. */
static inline gboolean
test_wait_until (TestPredicate predicate,
                 gpointer      data,
                 guint         timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return predicate (data);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }

  return TRUE;
}

static inline gboolean
test_message_is_sent (gpointer data)
{
  return hearth_message_get_state (HEARTH_MESSAGE (data)) == HEARTH_MESSAGE_SENT;
}

static inline gboolean
test_message_is_failed (gpointer data)
{
  return hearth_message_get_state (HEARTH_MESSAGE (data)) == HEARTH_MESSAGE_FAILED;
}

static inline gboolean
test_all_sent (gpointer data)
{
  GPtrArray *messages = data;

  for (guint i = 0; i < messages->len; i++)
    if (!test_message_is_sent (g_ptr_array_index (messages, i)))
      return FALSE;

  return TRUE;
}

static inline gboolean
test_list_is_idle (gpointer data)
{
  return !hearth_message_list_get_loading (HEARTH_MESSAGE_LIST (data));
}

/* The objects of @list whose content starts with @prefix, in list order. */
static inline GPtrArray *
test_list_find (HearthMessageList *list,
                const char        *prefix)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthMessage) message = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_str_has_prefix (test_content (message), prefix))
        g_ptr_array_add (found, g_steal_pointer (&message));
    }

  return found;
}

/* The server's messages of @chat_id (newest 200, oldest first) whose content starts with
 * @prefix, asked over REST as @user_id. */
static inline GPtrArray *
test_server_find (HearthServer *server,
                  const char   *user_id,
                  const char   *chat_id,
                  const char   *prefix)
{
  g_autofree char *url = hearth_server_dup_url (server);
  g_autoptr(HearthApi) api = hearth_api_new (url, hearth_server_get_token (server, user_id));
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  TestSync sync = { NULL };

  hearth_api_list_messages_async (api, chat_id, NULL, NULL, 200, NULL, test_sync_cb, &sync);
  page = hearth_api_list_messages_finish (api, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);

  for (guint i = 0; i < page->len; i++)
    {
      HearthMessage *message = g_ptr_array_index (page, i);

      if (g_str_has_prefix (test_content (message), prefix))
        g_ptr_array_add (found, g_object_ref (message));
    }

  return found;
}

/* The database's rows of @chat_id (newest 500) whose content starts with @prefix. */
static inline GPtrArray *
test_database_find (HearthDatabase *database,
                    const char     *chat_id,
                    const char     *prefix)
{
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  TestSync sync = { NULL };

  hearth_database_load_messages_async (database, chat_id, NULL, NULL, 500, NULL,
                                       test_sync_cb, &sync);
  page = hearth_database_load_messages_finish (database, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);

  for (guint i = 0; i < page->len; i++)
    {
      HearthMessage *message = g_ptr_array_index (page, i);

      if (g_str_has_prefix (test_content (message), prefix))
        g_ptr_array_add (found, g_object_ref (message));
    }

  return found;
}

/* The database's outbox. */
static inline GPtrArray *
test_database_outbox (HearthDatabase *database)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *outbox;
  TestSync sync = { NULL };

  hearth_database_load_outbox_async (database, NULL, test_sync_cb, &sync);
  outbox = hearth_database_load_outbox_finish (database, test_sync_wait (&sync), NULL, &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);

  return outbox;
}

static inline gboolean
test_pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Drops the last reference of *@pointer and waits (spinning) until the object is finalized:
 * requests still running hold it until their cancelled callbacks ran. */
static inline void
test_clear_and_wait (gpointer pointer)
{
  GObject **object = pointer;

  if (*object == NULL)
    return;

  g_object_add_weak_pointer (*object, (gpointer *) object);
  g_object_unref (*object);
  g_assert_true (test_wait_until (test_pointer_is_null, object, WAIT_MS));
}

/* Deletes @path and everything under it. */
static inline void
test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }
    }

  g_remove (path);
}

/*
 * A private $XDG_DATA_HOME for the whole test program, made before GLib reads it (call first
 * in main()). Not G_TEST_OPTION_ISOLATE_DIRS: that also hides the system's GSettings schemas,
 * which GIO's proxy resolver needs. Every test's server has its own port, hence its own
 * account directories. Returns the directory (remove it with test_remove_tree()).
 */
static inline char *
test_make_data_home (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("hearth-data-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);

  return dir;
}

/* Lets a shut-down server listen again on the same port. */
static inline void
test_server_restart (HearthServer *server,
                     guint         port)
{
  g_autoptr(GError) error = NULL;

  hearth_server_listen (server, port, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hearth_server_get_port (server), ==, port);
}

G_END_DECLS
