/* hearth-database-wellbeing.c: the readers of rewards, scores and the score history
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-database"

#include "config.h"

#include "hearth-database-private.h"
#include "hearth-score.h"

/* Jobs (worker thread) {{{ */

static void
load_rewards_job (HearthDbWorker *worker,
                  GTask          *task)
{
  GError *error = NULL;
  GPtrArray *rewards = _hearth_db_load_rewards (worker, &error);

  _hearth_database_return_pointer (task, rewards, (GDestroyNotify) g_ptr_array_unref, error);
}

static void
load_score_job (HearthDbWorker *worker,
                GTask          *task)
{
  GError *error = NULL;
  HearthScore *score = _hearth_db_load_score (worker, g_task_get_task_data (task), &error);

  _hearth_database_return_pointer (task, score, g_object_unref, error);
}

static void
load_score_history_job (HearthDbWorker *worker,
                        GTask          *task)
{
  GError *error = NULL;
  GPtrArray *scores = _hearth_db_load_score_history (worker, &error);

  _hearth_database_return_pointer (task, scores, (GDestroyNotify) g_ptr_array_unref, error);
}

static void
load_fetch_time_job (HearthDbWorker *worker,
                     GTask          *task)
{
  GError *error = NULL;
  GDateTime *at = _hearth_db_load_fetch_time (worker, g_task_get_task_data (task), &error);

  _hearth_database_return_pointer (task, at, (GDestroyNotify) g_date_time_unref, error);
}

/* }}} */
/* Public API {{{ */

void
hearth_database_load_rewards_async (HearthDatabase      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_DATABASE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _hearth_database_push_task (self,
                              _hearth_database_task_new (self,
                                                         hearth_database_load_rewards_async,
                                                         cancellable, callback, user_data),
                              load_rewards_job);
}

GPtrArray *
hearth_database_load_rewards_finish (HearthDatabase  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hearth_database_load_score_async (HearthDatabase      *self,
                                  const char          *day,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (HEARTH_IS_DATABASE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _hearth_database_task_new (self, hearth_database_load_score_async, cancellable,
                                    callback, user_data);
  g_task_set_task_data (task, g_strdup (day), g_free);
  _hearth_database_push_task (self, task, load_score_job);
}

HearthScore *
hearth_database_load_score_finish (HearthDatabase  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hearth_database_load_score_history_async (HearthDatabase      *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_DATABASE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _hearth_database_push_task (self,
                              _hearth_database_task_new (self,
                                                         hearth_database_load_score_history_async,
                                                         cancellable, callback, user_data),
                              load_score_history_job);
}

GPtrArray *
hearth_database_load_score_history_finish (HearthDatabase  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hearth_database_load_fetch_time_async (HearthDatabase      *self,
                                       const char          *what,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (HEARTH_IS_DATABASE (self));
  g_return_if_fail (what != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = _hearth_database_task_new (self, hearth_database_load_fetch_time_async, cancellable,
                                    callback, user_data);
  g_task_set_task_data (task, g_strdup (what), g_free);
  _hearth_database_push_task (self, task, load_fetch_time_job);
}

GDateTime *
hearth_database_load_fetch_time_finish (HearthDatabase  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* }}} */
