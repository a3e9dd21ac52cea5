/* hearth-store-load.c: loading the store from the database
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-store"

#include "config.h"

#include "hearth-chat.h"
#include "hearth-chat-list.h"
#include "hearth-database.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-store-private.h"

/* Loading {{{ */

typedef struct
{
  guint   n_pending;
  GError *error;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_clear_error (&load->error);
  g_free (load);
}

static void
load_step_done (GTask  *task,
                GError *error)
{
  LoadData *load = g_task_get_task_data (task);

  if (error != NULL && load->error == NULL)
    load->error = g_error_copy (error);

  if (--load->n_pending > 0)
    return;

  if (load->error != NULL)
    g_task_return_error (task, g_steal_pointer (&load->error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
load_chats_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthStore *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(GError) error = NULL;

  chats = hearth_database_load_chats_finish (HEARTH_DATABASE (object), result, &error);

  if (chats != NULL && self->chats != NULL)
    {
      _hearth_store_begin_turn (self);

      for (guint i = 0; i < chats->len; i++)
        {
          HearthChat *chat = g_ptr_array_index (chats, i);
          const char *chat_id = hearth_chat_get_id (chat);

          /* Events that arrived first know better. */
          if (hearth_chat_list_lookup (self->chats, chat_id) != NULL ||
              g_hash_table_contains (self->deleted, chat_id))
            continue;

          _hearth_store_adopt_chat (self, chat);
          hearth_chat_list_add (self->chats, chat);
        }
    }

  load_step_done (task, error);
}

static void
load_drafts_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthStore *self = g_task_get_source_object (task);
  g_autoptr(GHashTable) drafts = NULL;
  g_autoptr(GError) error = NULL;

  drafts = hearth_database_load_drafts_finish (HEARTH_DATABASE (object), result, &error);

  if (drafts != NULL && self->drafts != NULL)
    {
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      g_hash_table_iter_init (&iter, drafts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (!g_hash_table_contains (self->drafts, key))
            g_hash_table_insert (self->drafts, g_strdup (key), g_strdup (value));
        }
    }

  load_step_done (task, error);
}

static void
load_rewards_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthStore *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) rewards = NULL;
  g_autoptr(GError) error = NULL;

  rewards = hearth_database_load_rewards_finish (HEARTH_DATABASE (object), result, &error);

  if (rewards != NULL && self->rewards != NULL)
    {
      for (guint i = 0; i < rewards->len; i++)
        {
          HearthReward *reward = g_ptr_array_index (rewards, i);

          if (_hearth_store_lookup_reward (self, hearth_reward_get_id (reward), NULL) == NULL)
            g_list_store_append (self->rewards, reward);
        }
    }

  load_step_done (task, error);
}

static void
load_score_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthStore *self = g_task_get_source_object (task);
  g_autoptr(HearthScore) score = NULL;
  g_autoptr(GError) error = NULL;

  score = hearth_database_load_score_finish (HEARTH_DATABASE (object), result, &error);

  if (score != NULL && self->chats != NULL && self->score == NULL)
    {
      self->score = g_steal_pointer (&score);
      g_object_notify_by_pspec (G_OBJECT (self), _hearth_store_properties[STORE_PROP_SCORE]);
    }

  load_step_done (task, error);
}

static void
load_score_history_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthStore *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GError) error = NULL;

  scores = hearth_database_load_score_history_finish (HEARTH_DATABASE (object), result, &error);

  if (scores != NULL && self->score_history != NULL)
    _hearth_store_load_score_history (self, scores);

  load_step_done (task, error);
}

static void
load_fetch_time_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthStore *self = g_task_get_source_object (task);
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(GError) error = NULL;

  updated = hearth_database_load_fetch_time_finish (HEARTH_DATABASE (object), result, &error);

  if (updated != NULL && self->score_history != NULL)
    _hearth_store_load_wellbeing_updated (self, updated);

  load_step_done (task, error);
}

void
hearth_store_load_async (HearthStore         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *load;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_store_load_async);

  load = g_new0 (LoadData, 1);
  load->n_pending = 6;
  g_task_set_task_data (task, load, load_data_free);

  hearth_database_load_chats_async (self->database, cancellable,
                                    load_chats_cb, g_object_ref (task));
  hearth_database_load_drafts_async (self->database, cancellable,
                                     load_drafts_cb, g_object_ref (task));
  hearth_database_load_rewards_async (self->database, cancellable,
                                      load_rewards_cb, g_object_ref (task));
  hearth_database_load_score_async (self->database, NULL, cancellable,
                                    load_score_cb, g_object_ref (task));
  hearth_database_load_score_history_async (self->database, cancellable,
                                            load_score_history_cb, g_object_ref (task));
  hearth_database_load_fetch_time_async (self->database, HEARTH_STORE_FETCH_WELLBEING,
                                         cancellable, load_fetch_time_cb, g_object_ref (task));
}

gboolean
hearth_store_load_finish (HearthStore   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* }}} */
