/* hearth-session-wellbeing.c: rewards, the score and its history, fetched and consumed
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-session"

#include "config.h"

#include "hearth-api.h"
#include "hearth-connection.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-session-private.h"
#include "hearth-store.h"

/*
 * A refresh is three requests (GET /rewards, GET /score, GET /score/history?days=30), each
 * applied to the store as it answers. When all have answered without error, the store's
 * "wellbeing-updated" becomes now and "wellbeing-live" TRUE if the connection is up. A new
 * refresh cancels the running one; so do sign-out and dispose, so that a cancelled refresh
 * never touches the session again (it holds no reference to it).
 */

typedef struct
{
  HearthSession *self;          /* valid while cancellable is not cancelled */
  GCancellable  *cancellable;
  guint          pending;
  gboolean       failed;
} Refresh;

static gboolean
session_is_connected (HearthSession *self)
{
  return self->connection != NULL &&
         hearth_connection_get_state (self->connection) == HEARTH_CONNECTION_CONNECTED;
}

/* TRUE when the answer of one request may be applied: not cancelled (then the session may be
 * gone), not failed (logged; a refused token signs out). */
static gboolean
refresh_check (Refresh      *refresh,
               const GError *error,
               const char   *what)
{
  if (g_cancellable_is_cancelled (refresh->cancellable))
    return FALSE;

  if (error == NULL)
    return refresh->self->store != NULL;

  g_message ("Could not fetch %s: %s", what, error->message);
  refresh->failed = TRUE;
  _hearth_session_check_api_error (refresh->self, error);

  return FALSE;
}

/* One request answered; the last one ends the refresh. */
static void
refresh_done (Refresh *refresh)
{
  HearthSession *self = refresh->self;

  if (--refresh->pending > 0)
    return;

  if (!g_cancellable_is_cancelled (refresh->cancellable))
    {
      if (self->wellbeing_cancellable == refresh->cancellable)
        g_clear_object (&self->wellbeing_cancellable);

      if (!refresh->failed && self->store != NULL)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          hearth_store_set_wellbeing_updated (self->store, now);
        }

      _hearth_session_set_wellbeing_live (self, !refresh->failed && session_is_connected (self));
    }

  g_object_unref (refresh->cancellable);
  g_free (refresh);
}

static void
list_rewards_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Refresh *refresh = user_data;
  g_autoptr(GPtrArray) rewards = NULL;
  g_autoptr(GError) error = NULL;

  rewards = hearth_api_list_rewards_finish (HEARTH_API (object), result, &error);
  if (refresh_check (refresh, error, "the rewards"))
    hearth_store_apply_rewards (refresh->self->store, rewards);

  refresh_done (refresh);
}

static void
get_score_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Refresh *refresh = user_data;
  g_autoptr(HearthScore) score = NULL;
  g_autoptr(GError) error = NULL;

  score = hearth_api_get_score_finish (HEARTH_API (object), result, &error);

  /* No score yet (a new account): nothing to show, nothing wrong. */
  if (g_error_matches (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NOT_FOUND))
    g_clear_error (&error);
  else if (refresh_check (refresh, error, "the score"))
    hearth_store_apply_score (refresh->self->store, score);

  refresh_done (refresh);
}

static void
get_score_history_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Refresh *refresh = user_data;
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GError) error = NULL;

  scores = hearth_api_get_score_history_finish (HEARTH_API (object), result, &error);
  if (refresh_check (refresh, error, "the score history"))
    hearth_store_apply_score_history (refresh->self->store, scores);

  refresh_done (refresh);
}

/* Stops the running refresh, if any (it will not touch the session again). */
static void
cancel_refresh (HearthSession *self)
{
  if (self->wellbeing_cancellable == NULL)
    return;

  g_cancellable_cancel (self->wellbeing_cancellable);
  g_clear_object (&self->wellbeing_cancellable);
}

void
hearth_session_refresh_wellbeing (HearthSession *self)
{
  Refresh *refresh;

  g_return_if_fail (HEARTH_IS_SESSION (self));

  if (self->state != HEARTH_SESSION_SIGNED_IN || self->store == NULL)
    {
      g_debug ("Not refreshing rewards and score: not signed in");
      return;
    }

  cancel_refresh (self);
  self->wellbeing_cancellable = g_cancellable_new ();

  refresh = g_new0 (Refresh, 1);
  refresh->self = self;
  refresh->cancellable = g_object_ref (self->wellbeing_cancellable);
  refresh->pending = 3;

  hearth_api_list_rewards_async (self->api, refresh->cancellable, list_rewards_cb, refresh);
  hearth_api_get_score_async (self->api, NULL, refresh->cancellable, get_score_cb, refresh);
  hearth_api_get_score_history_async (self->api, HEARTH_STORE_SCORE_HISTORY_DAYS,
                                      refresh->cancellable, get_score_history_cb, refresh);
}

gboolean
hearth_session_get_wellbeing_live (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  return self->wellbeing_live;
}

/* Consuming a reward. */

static void
consume_reward_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthSession *self = g_task_get_source_object (task);
  g_autoptr(HearthReward) reward = NULL;
  GError *error = NULL;

  reward = hearth_api_consume_reward_finish (HEARTH_API (object), result, &error);
  if (reward == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _hearth_session_check_api_error (self, error);
      g_task_return_error (task, error);
      return;
    }

  /* Signed out meanwhile: the store was wiped, leave it so. */
  if (self->state == HEARTH_SESSION_SIGNED_IN && self->store != NULL)
    hearth_store_apply_reward (self->store, reward);

  g_task_return_boolean (task, TRUE);
}

void
hearth_session_consume_reward_async (HearthSession       *self,
                                     const char          *reward_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HEARTH_IS_SESSION (self));
  g_return_if_fail (reward_id != NULL && reward_id[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_session_consume_reward_async);

  if (self->state != HEARTH_SESSION_SIGNED_IN)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "Not signed in");
      return;
    }

  hearth_api_consume_reward_async (self->api, reward_id, cancellable, consume_reward_cb,
                                   g_steal_pointer (&task));
}

gboolean
hearth_session_consume_reward_finish (HearthSession  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        hearth_session_consume_reward_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Hooks on the session's own signals. */

static void
on_connection_state_cb (HearthConnection *connection,
                        GParamSpec       *pspec,
                        HearthSession    *self)
{
  /* Back online, it stays FALSE until the refresh after the resync succeeds. */
  if (hearth_connection_get_state (connection) != HEARTH_CONNECTION_CONNECTED)
    _hearth_session_set_wellbeing_live (self, FALSE);
}

static void
on_notify_connection_cb (HearthSession *self,
                         GParamSpec    *pspec,
                         gpointer       user_data)
{
  if (self->connection != NULL)
    g_signal_connect_object (self->connection, "notify::state",
                             G_CALLBACK (on_connection_state_cb), self, 0);
}

static void
on_notify_state_cb (HearthSession *self,
                    GParamSpec    *pspec,
                    gpointer       user_data)
{
  if (self->state == HEARTH_SESSION_SIGNED_IN)
    return;

  cancel_refresh (self);
  _hearth_session_set_wellbeing_live (self, FALSE);
}

static void
on_resynced_cb (HearthSession *self,
                gpointer       user_data)
{
  hearth_session_refresh_wellbeing (self);
}

void
_hearth_session_wellbeing_init (HearthSession *self)
{
  g_signal_connect (self, "notify::connection", G_CALLBACK (on_notify_connection_cb), NULL);
  g_signal_connect (self, "notify::state", G_CALLBACK (on_notify_state_cb), NULL);
  g_signal_connect (self, "resynced", G_CALLBACK (on_resynced_cb), NULL);
}

void
_hearth_session_wellbeing_dispose (HearthSession *self)
{
  cancel_refresh (self);
}
