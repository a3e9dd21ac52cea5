/* hearth-session-account.c: the objects of a signed-in account, made, wired and closed
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-session"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "hearth-api.h"
#include "hearth-connection.h"
#include "hearth-database.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-outbox.h"
#include "hearth-presence-policy.h"
#include "hearth-session-private.h"
#include "hearth-session-resync.h"
#include "hearth-store.h"
#include "hearth-user.h"
#include "hearth-utils.h"

/* Signals of the account's objects. */

static void
on_connection_state_cb (HearthConnection *connection,
                        GParamSpec       *pspec,
                        HearthSession    *self)
{
  HearthConnectionState state = hearth_connection_get_state (connection);
  const GError *error = hearth_connection_get_error (connection);

  /* (The policy forgets the typing state by itself.) */
  if (state == HEARTH_CONNECTION_CONNECTED)
    {
      hearth_session_resync_start (self->resync,
                                   hearth_presence_policy_get_open_chat_id (self->policy));
      if (self->me_stale)
        _hearth_session_refresh_me (self);
      return;
    }

  hearth_session_resync_cancel (self->resync);

  if (state == HEARTH_CONNECTION_STOPPED && error != NULL)
    {
      if (g_error_matches (error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_AUTH))
        _hearth_session_schedule_sign_out (self, HEARTH_SIGN_OUT_AUTHORIZATION_FAILED,
                                           error->message);
      else if (g_error_matches (error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_TERMINATED))
        _hearth_session_schedule_sign_out (self, HEARTH_SIGN_OUT_ACCOUNT_TERMINATED,
                                           error->message);
    }
}

static void
on_account_terminated_cb (HearthEventBus *bus,
                          HearthEvent    *event,
                          HearthSession  *self)
{
  _hearth_session_schedule_sign_out (self, HEARTH_SIGN_OUT_ACCOUNT_TERMINATED,
                                     hearth_event_get_server_message (event));
}

static void
on_authorization_failed_cb (HearthEventBus *bus,
                            HearthEvent    *event,
                            HearthSession  *self)
{
  _hearth_session_schedule_sign_out (self, HEARTH_SIGN_OUT_AUTHORIZATION_FAILED,
                                     hearth_event_get_server_message (event));
}

static void
on_store_database_error_cb (HearthStore   *store,
                            const GError  *error,
                            HearthSession *self)
{
  if (self->state != HEARTH_SESSION_SIGNED_OUT)
    _hearth_session_report_database_error (self, error);
}

static void
on_outbox_send_failed_cb (HearthOutbox  *outbox,
                          HearthMessage *message,
                          const GError  *error,
                          HearthSession *self)
{
  _hearth_session_check_api_error (self, error);
}

static void
on_resync_request_failed_cb (HearthSessionResync *resync,
                             const GError        *error,
                             HearthSession       *self)
{
  _hearth_session_check_api_error (self, error);
}

static void
on_resync_finished_cb (HearthSessionResync *resync,
                       HearthSession       *self)
{
  hearth_presence_policy_check_read (self->policy);
  /* Views reading the chat list on "resynced" see the resync's result. */
  if (self->store != NULL)
    hearth_store_end_turn (self->store);
  g_signal_emit_by_name (self, "resynced");
}

static void
session_start_connection (HearthSession *self)
{
  self->connection = hearth_connection_new (self->server_url, self->token);
  if (self->reconnect_base_ms > 0)
    g_object_set (self->connection, "reconnect-base-ms", self->reconnect_base_ms, NULL);
  if (self->reconnect_max_ms > 0)
    g_object_set (self->connection, "reconnect-max-ms", self->reconnect_max_ms, NULL);

  hearth_event_bus_set_connection (self->bus, self->connection);
  g_signal_connect (self->connection, "notify::state",
                    G_CALLBACK (on_connection_state_cb), self);
  g_object_notify (G_OBJECT (self), "connection");

  hearth_connection_start (self->connection);
}

static void
outbox_load_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* Reported; what was sent meanwhile still goes out, the session goes on. */
  if (!hearth_outbox_load_finish (HEARTH_OUTBOX (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _hearth_session_report_database_error (self, error);

  if (!_hearth_session_sign_in_continues (self, task))
    return;

  session_start_connection (self);
  _hearth_session_set_state (self, HEARTH_SESSION_SIGNED_IN);
  hearth_presence_policy_set_connection (self->policy, self->connection);

  g_task_return_boolean (task, TRUE);
}

static void
store_load_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  /* A cache that cannot be read is reported; the session goes on with what it has. */
  if (!hearth_store_load_finish (HEARTH_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _hearth_session_report_database_error (self, error);

  if (!_hearth_session_sign_in_continues (self, task))
    return;

  cancellable = g_task_get_cancellable (task);
  hearth_outbox_load_async (self->outbox, cancellable, outbox_load_cb, g_steal_pointer (&task));
}

static char *
session_dup_database_path (HearthSession  *self,
                           const char     *user_id,
                           GError        **error)
{
  g_autofree char *dir = NULL;

  if (self->data_dir != NULL)
    {
      if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_OPEN,
                       "Could not create %s: %s", self->data_dir, g_strerror (saved_errno));
          return NULL;
        }

      return g_build_filename (self->data_dir, "hearth.db", NULL);
    }

  if (!(dir = hearth_database_dup_account_dir (self->server_url, user_id, TRUE, error)))
    return NULL;

  hearth_set_str (&self->account_dir, dir);

  return g_build_filename (dir, "hearth.db", NULL);
}

/* Makes the account's objects for @me and loads them; then the connection starts and @task
 * returns. */
void
_hearth_session_open_account (HearthSession *self,
                              HearthUser    *me,
                              GTask         *task)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert (self->state == HEARTH_SESSION_SIGNING_IN);

  self->used = TRUE;
  g_set_object (&self->me, me);
  g_object_notify (G_OBJECT (self), "me");

  path = session_dup_database_path (self, hearth_user_get_id (me), &error);
  if (path != NULL)
    self->database = hearth_database_new (path, &error);

  if (self->database == NULL)
    {
      g_autoptr(GError) memory_error = NULL;

      /* Work in memory: nothing is cached, nothing is lost while the app runs. */
      _hearth_session_report_database_error (self, error);
      self->database = hearth_database_new (":memory:", &memory_error);
      if (self->database == NULL)
        {
          _hearth_session_fail_sign_in (self, task, g_steal_pointer (&memory_error));
          g_object_unref (task);
          return;
        }
    }

  self->bus = hearth_event_bus_new ();
  g_signal_connect_object (self->bus, "event::account-terminated",
                           G_CALLBACK (on_account_terminated_cb), self, 0);
  g_signal_connect_object (self->bus, "event::authorization-failed",
                           G_CALLBACK (on_authorization_failed_cb), self, 0);

  self->store = hearth_store_new (me, self->database, self->bus, self->api);
  g_signal_connect_object (self->store, "database-error",
                           G_CALLBACK (on_store_database_error_cb), self, 0);

  self->outbox = hearth_outbox_new (self->store, self->api);
  if (self->outbox_base_ms > 0)
    hearth_outbox_set_backoff_base_ms (self->outbox, self->outbox_base_ms);
  if (self->outbox_max_ms > 0)
    hearth_outbox_set_backoff_max_ms (self->outbox, self->outbox_max_ms);
  g_signal_connect_object (self->outbox, "send-failed",
                           G_CALLBACK (on_outbox_send_failed_cb), self, 0);

  self->resync = hearth_session_resync_new (self->api, self->store, self->outbox);
  hearth_session_resync_set_page_size (self->resync, self->catch_up_page_size);
  g_signal_connect_object (self->resync, "finished",
                           G_CALLBACK (on_resync_finished_cb), self, 0);
  g_signal_connect_object (self->resync, "request-failed",
                           G_CALLBACK (on_resync_request_failed_cb), self, 0);

  /* The view reaches the store from now on; the policies act once signed in. */
  hearth_presence_policy_set_store (self->policy, self->store);

  g_object_notify (G_OBJECT (self), "bus");
  g_object_notify (G_OBJECT (self), "store");
  g_object_notify (G_OBJECT (self), "outbox");

  hearth_store_load_async (self->store, g_task_get_cancellable (task), store_load_cb, task);
}

/* My profile. */

static void
session_update_me (HearthSession *self,
                   HearthUser    *user)
{
  if (self->me == NULL || g_strcmp0 (hearth_user_get_id (self->me), hearth_user_get_id (user)) != 0)
    return;

  if (hearth_user_get_name (user) != NULL)
    hearth_user_set_name (self->me, hearth_user_get_name (user));
  if (hearth_user_get_username (user) != NULL)
    hearth_user_set_username (self->me, hearth_user_get_username (user));
  hearth_user_set_photo (self->me, hearth_user_get_photo (user));
}

static void
refresh_me_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  HearthSession *self = user_data;
  g_autoptr(HearthUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = hearth_api_get_me_finish (HEARTH_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (user == NULL)
    {
      g_message ("Could not refresh my profile: %s", error->message);
      _hearth_session_check_api_error (self, error);
      return;
    }

  self->me_stale = FALSE;

  if (g_strcmp0 (hearth_user_get_id (user), self->user_id) != 0)
    {
      /* The token belongs to someone else than the cache: do not mix them. */
      _hearth_session_schedule_sign_out (self, HEARTH_SIGN_OUT_AUTHORIZATION_FAILED,
                                         "The sign-in token belongs to another account");
      return;
    }

  session_update_me (self, user);
}

/* GET /me in the background: refreshes "me" (resumed with a user id, maybe offline). */
void
_hearth_session_refresh_me (HearthSession *self)
{
  hearth_api_get_me_async (self->api, self->cancellable, refresh_me_cb, self);
}

/* Stopping and closing. */

/* Stops what works in the background: the policies, the resync, the connection and the
 * outbox. The objects stay readable. */
void
_hearth_session_stop_account (HearthSession *self)
{
  hearth_presence_policy_set_connection (self->policy, NULL);
  hearth_presence_policy_set_store (self->policy, NULL);

  if (self->resync != NULL)
    hearth_session_resync_cancel (self->resync);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      hearth_connection_stop (self->connection);
    }
  if (self->outbox != NULL)
    hearth_outbox_stop (self->outbox);
}

/* Forgets the account's data: the store's content, the database files and the account
 * directory (when empty). */
void
_hearth_session_delete_account_data (HearthSession *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL)
    {
      hearth_store_wipe (self->store);
      hearth_store_flush (self->store);
    }
  if (self->database != NULL && !self->files_deleted)
    {
      self->files_deleted = TRUE;
      if (!hearth_database_delete_files (self->database, &error))
        g_warning ("Could not delete the account's database: %s", error->message);
    }
  if (self->account_dir != NULL)
    g_rmdir (self->account_dir);
}

/* Stops the account's objects and drops them; their files stay (a sign-out deleted them
 * already). Nothing the shutdown triggers is reported any more. */
void
_hearth_session_close_account (HearthSession *self)
{
  if (self->resync != NULL)
    g_signal_handlers_disconnect_by_data (self->resync, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  if (self->bus != NULL)
    g_signal_handlers_disconnect_by_data (self->bus, self);
  _hearth_session_stop_account (self);
  if (self->bus != NULL)
    hearth_event_bus_set_connection (self->bus, NULL);

  /* What is queued in memory reaches the disk before the file closes. */
  if (self->store != NULL && !self->files_deleted)
    hearth_store_flush (self->store);
  if (self->database != NULL && !self->files_deleted)
    hearth_database_close (self->database);

  g_clear_object (&self->resync);
  g_clear_object (&self->connection);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->database);
  g_clear_object (&self->bus);
}
