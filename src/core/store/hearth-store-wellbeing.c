/* hearth-store-wellbeing.c: rewards, the score and its history, and when they were fetched
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hearth-database.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-store-private.h"

/* Small helpers {{{ */

static char *
dup_day_key (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return NULL;

  utc = g_date_time_to_utc (date);
  return g_date_time_format (utc, "%Y-%m-%d");
}

/* }}} */
/* The score history {{{ */

/*
 * One HearthScore per day (date, weekday, total), oldest first, at most
 * HEARTH_STORE_SCORE_HISTORY_DAYS of them: objects of the store, never the caller's (an
 * event's score is immutable), updated in place so that bound views stay bound. Every change
 * writes the whole history (30 rows) with the batch.
 */

/* A total views can draw: NaN and infinities (no server sends them, JSON cannot carry them,
 * but a bug or a hand-edited database could) count as 0. */
static double
sane_total (double total)
{
  if (isfinite (total))
    return total;

  g_debug ("A score total of %g counts as 0 in the history", total);
  return 0.0;
}

static HearthScore *
history_entry_new (HearthScore *src)
{
  HearthScore *entry = hearth_score_new (hearth_score_get_date (src));

  hearth_score_set_day (entry, hearth_score_get_day (src));
  hearth_score_set_total_score (entry, sane_total (hearth_score_get_total_score (src)));

  return entry;
}

static void
history_entry_update (HearthScore *entry,
                      HearthScore *src)
{
  if (hearth_score_get_day (src) != NULL)
    hearth_score_set_day (entry, hearth_score_get_day (src));
  hearth_score_set_total_score (entry, sane_total (hearth_score_get_total_score (src)));
}

static void
put_history (HearthStore *self)
{
  GListModel *model = G_LIST_MODEL (self->score_history);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (entries, g_list_model_get_item (model, i));

  hearth_db_batch_put_score_history (_hearth_store_get_batch (self), entries);
}

/* The entry of @score's day takes its total (a score-updated, or the score of a refresh); a
 * day not in the history yet is inserted at its place, the oldest day dropping out when
 * there are more than HEARTH_STORE_SCORE_HISTORY_DAYS. */
static void
follow_score (HearthStore *self,
              HearthScore *score)
{
  g_autofree char *day = dup_day_key (hearth_score_get_date (score));
  g_autoptr(HearthScore) entry = NULL;
  GListModel *model = G_LIST_MODEL (self->score_history);
  guint n = g_list_model_get_n_items (model);
  guint position = n;

  if (day == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthScore) known = g_list_model_get_item (model, i);
      g_autofree char *known_day = dup_day_key (hearth_score_get_date (known));
      int cmp = g_strcmp0 (known_day, day);

      if (cmp == 0)
        {
          history_entry_update (known, score);
          put_history (self);
          return;
        }

      if (cmp > 0)
        {
          position = i;
          break;
        }
    }

  /* Older than every day kept: no place for it. */
  if (position == 0 && n >= HEARTH_STORE_SCORE_HISTORY_DAYS)
    return;

  entry = history_entry_new (score);
  g_list_store_insert (self->score_history, position, entry);
  if (n + 1 > HEARTH_STORE_SCORE_HISTORY_DAYS)
    g_list_store_remove (self->score_history, 0);
  put_history (self);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

void
hearth_store_apply_score_history (HearthStore *self,
                                  GPtrArray   *scores)
{
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) days = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = NULL;
  GListModel *model;
  gboolean same;
  guint n;
  guint first;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (scores != NULL);

  for (guint i = 0; i < scores->len; i++)
    g_return_if_fail (HEARTH_IS_SCORE (g_ptr_array_index (scores, i)));

  /* One source per day, the last one given winning (days borrowed from @sources). */
  for (guint i = 0; i < scores->len; i++)
    {
      HearthScore *score = g_ptr_array_index (scores, i);
      char *day;

      if (!(day = dup_day_key (hearth_score_get_date (score))))
        continue;
      if (!g_hash_table_contains (sources, day))
        g_ptr_array_add (days, day);
      g_hash_table_insert (sources, day, score);
    }
  g_ptr_array_sort (days, compare_days);

  /* Today's entry follows the score: the score of the newest day (or a newer one) wins over
   * the history's entry, which may be older than the last score-updated. */
  if (self->score != NULL)
    {
      char *day = dup_day_key (hearth_score_get_date (self->score));

      if (days->len == 0 || strcmp (day, g_ptr_array_index (days, days->len - 1)) >= 0)
        {
          if (!g_hash_table_contains (sources, day))
            g_ptr_array_add (days, day);
          g_hash_table_insert (sources, day, self->score);
        }
      else
        g_free (day);
    }

  /* The objects of days already shown stay (updated in place). */
  model = G_LIST_MODEL (self->score_history);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      HearthScore *entry = g_list_model_get_item (model, i);

      g_hash_table_insert (known, dup_day_key (hearth_score_get_date (entry)), entry);
      g_object_unref (entry);  /* the list store keeps it */
    }

  first = days->len > HEARTH_STORE_SCORE_HISTORY_DAYS
          ? days->len - HEARTH_STORE_SCORE_HISTORY_DAYS : 0;
  entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = first; i < days->len; i++)
    {
      const char *day = g_ptr_array_index (days, i);
      HearthScore *source = g_hash_table_lookup (sources, day);
      HearthScore *entry = g_hash_table_lookup (known, day);

      if (entry != NULL)
        {
          history_entry_update (entry, source);
          g_ptr_array_add (entries, g_object_ref (entry));
        }
      else
        g_ptr_array_add (entries, history_entry_new (source));
    }

  same = n == entries->len;
  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(HearthScore) entry = g_list_model_get_item (model, i);

      same = entry == g_ptr_array_index (entries, i);
    }
  if (!same)
    g_list_store_splice (self->score_history, 0, n, entries->pdata, entries->len);

  hearth_db_batch_put_score_history (_hearth_store_get_batch (self), entries);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  HearthScore *sa = *(HearthScore * const *) a;
  HearthScore *sb = *(HearthScore * const *) b;

  return g_date_time_compare (hearth_score_get_date (sa), hearth_score_get_date (sb));
}

void
_hearth_store_load_score_history (HearthStore *self,
                                  GPtrArray   *scores)
{
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (self->score_history);
  guint n = g_list_model_get_n_items (model);
  guint first;

  /* The days the server gave meanwhile (only when events came before the load) win. */
  for (guint i = 0; i < n; i++)
    {
      HearthScore *entry = g_list_model_get_item (model, i);

      g_hash_table_add (days, dup_day_key (hearth_score_get_date (entry)));
      g_ptr_array_add (entries, entry);
    }

  for (guint i = 0; i < scores->len; i++)
    {
      HearthScore *score = g_ptr_array_index (scores, i);
      char *day = dup_day_key (hearth_score_get_date (score));

      if (!g_hash_table_add (days, day))
        continue;
      hearth_score_set_total_score (score, sane_total (hearth_score_get_total_score (score)));
      g_ptr_array_add (entries, g_object_ref (score));
    }

  if (entries->len == n)
    return;

  g_ptr_array_sort (entries, compare_entries);
  first = entries->len > HEARTH_STORE_SCORE_HISTORY_DAYS
          ? entries->len - HEARTH_STORE_SCORE_HISTORY_DAYS : 0;
  g_list_store_splice (self->score_history, 0, n, entries->pdata + first, entries->len - first);
  if (n > 0)
    put_history (self);
}

/* }}} */
/* Rewards and the score {{{ */

HearthReward *
_hearth_store_lookup_reward (HearthStore *self,
                             const char  *reward_id,
                             guint       *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rewards));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthReward) reward = g_list_model_get_item (G_LIST_MODEL (self->rewards), i);

      if (g_strcmp0 (hearth_reward_get_id (reward), reward_id) == 0)
        {
          if (position != NULL)
            *position = i;
          return reward;  /* the list store keeps it alive */
        }
    }

  return NULL;
}

static void
copy_reward (HearthReward *dst,
             HearthReward *src)
{
  hearth_reward_set_title (dst, hearth_reward_get_title (src));
  hearth_reward_set_description (dst, hearth_reward_get_description (src));
  hearth_reward_set_remaining (dst, hearth_reward_get_remaining (src));
  hearth_reward_set_is_expired (dst, hearth_reward_get_is_expired (src));
  hearth_reward_set_expires_at (dst, hearth_reward_get_expires_at (src));
  hearth_reward_set_is_consumed_by_you (dst, hearth_reward_get_is_consumed_by_you (src));
}

void
hearth_store_apply_rewards (HearthStore *self,
                            GPtrArray   *rewards)
{
  g_autoptr(GPtrArray) order = NULL;
  GListModel *model;
  gboolean same_order;
  guint n;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (rewards != NULL);

  model = G_LIST_MODEL (self->rewards);
  n = g_list_model_get_n_items (model);
  order = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rewards->len; i++)
    {
      HearthReward *reward = g_ptr_array_index (rewards, i);
      HearthReward *known = _hearth_store_lookup_reward (self, hearth_reward_get_id (reward), NULL);

      if (known != NULL)
        copy_reward (known, reward);
      else
        known = reward;

      hearth_db_batch_put_reward (_hearth_store_get_batch (self), known);
      g_ptr_array_add (order, g_object_ref (known));
    }

  /* Rewarded views stay bound: only a different set or order changes the list. */
  same_order = n == order->len;
  for (guint i = 0; same_order && i < n; i++)
    {
      g_autoptr(HearthReward) item = g_list_model_get_item (model, i);

      same_order = item == g_ptr_array_index (order, i);
    }

  if (!same_order)
    g_list_store_splice (self->rewards, 0, n, order->pdata, order->len);
}

void
hearth_store_apply_reward (HearthStore  *self,
                           HearthReward *reward)
{
  HearthReward *known;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (HEARTH_IS_REWARD (reward));

  if ((known = _hearth_store_lookup_reward (self, hearth_reward_get_id (reward), NULL)))
    copy_reward (known, reward);
  else
    g_list_store_append (self->rewards, (known = reward));

  hearth_db_batch_put_reward (_hearth_store_get_batch (self), known);
  g_signal_emit (self, _hearth_store_signals[STORE_SIGNAL_REWARD_CHANGED], 0, known);
}

/* Updates the actions of @dst in place when they are the same actions (by type, in order),
 * else replaces them. */
static void
update_actions (HearthScore *dst,
                GListModel  *dst_actions,
                GListModel  *src_actions,
                void       (*replace) (HearthScore *, GPtrArray *))
{
  g_autoptr(GPtrArray) actions = NULL;
  guint n = g_list_model_get_n_items (src_actions);
  gboolean same = n == g_list_model_get_n_items (dst_actions);

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(HearthScoreAction) a = g_list_model_get_item (dst_actions, i);
      g_autoptr(HearthScoreAction) b = g_list_model_get_item (src_actions, i);

      same = g_strcmp0 (hearth_score_action_get_action_type (a),
                        hearth_score_action_get_action_type (b)) == 0;
    }

  if (same)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HearthScoreAction) a = g_list_model_get_item (dst_actions, i);
          g_autoptr(HearthScoreAction) b = g_list_model_get_item (src_actions, i);

          hearth_score_action_set_label (a, hearth_score_action_get_label (b));
          hearth_score_action_set_sub_label (a, hearth_score_action_get_sub_label (b));
          hearth_score_action_set_value (a, hearth_score_action_get_value (b));
          hearth_score_action_set_completed (a, hearth_score_action_get_completed (b));
          hearth_score_action_set_start_at (a, hearth_score_action_get_start_at (b));
        }
      return;
    }

  actions = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthScoreAction) b = g_list_model_get_item (src_actions, i);
      HearthScoreAction *a = hearth_score_action_new (hearth_score_action_get_action_type (b));

      hearth_score_action_set_label (a, hearth_score_action_get_label (b));
      hearth_score_action_set_sub_label (a, hearth_score_action_get_sub_label (b));
      hearth_score_action_set_value (a, hearth_score_action_get_value (b));
      hearth_score_action_set_completed (a, hearth_score_action_get_completed (b));
      hearth_score_action_set_start_at (a, hearth_score_action_get_start_at (b));
      g_ptr_array_add (actions, a);
    }

  replace (dst, actions);
}

static void
copy_score (HearthScore *dst,
            HearthScore *src)
{
  hearth_score_set_day (dst, hearth_score_get_day (src));
  hearth_score_set_reels_seen (dst, hearth_score_get_reels_seen (src));
  hearth_score_set_total_score (dst, hearth_score_get_total_score (src));
  hearth_score_set_social_score (dst, hearth_score_get_social_score (src));
  hearth_score_set_mindfulness_score (dst, hearth_score_get_mindfulness_score (src));
  update_actions (dst, hearth_score_get_social_actions (dst),
                  hearth_score_get_social_actions (src), hearth_score_set_social_actions);
  update_actions (dst, hearth_score_get_mindfulness_actions (dst),
                  hearth_score_get_mindfulness_actions (src),
                  hearth_score_set_mindfulness_actions);
}

void
hearth_store_apply_score (HearthStore *self,
                          HearthScore *score)
{
  g_autofree char *day = NULL;
  g_autofree char *current_day = NULL;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (HEARTH_IS_SCORE (score));

  hearth_db_batch_put_score (_hearth_store_get_batch (self), score);
  follow_score (self, score);

  if (score == self->score)
    {
      g_signal_emit (self, _hearth_store_signals[STORE_SIGNAL_SCORE_CHANGED], 0, self->score);
      return;
    }

  day = dup_day_key (hearth_score_get_date (score));
  if (self->score != NULL)
    current_day = dup_day_key (hearth_score_get_date (self->score));

  if (self->score != NULL && g_strcmp0 (day, current_day) == 0)
    {
      /* The same day: views bound to this object stay bound. */
      copy_score (self->score, score);
    }
  else if (self->score == NULL || g_strcmp0 (day, current_day) > 0)
    {
      /* A new day: a fresh object that the caller (an immutable event) does not share. */
      g_autoptr(HearthScore) copy = hearth_score_new (hearth_score_get_date (score));

      copy_score (copy, score);
      g_set_object (&self->score, copy);
      g_object_notify_by_pspec (G_OBJECT (self), _hearth_store_properties[STORE_PROP_SCORE]);
    }
  else
    {
      /* An older day: stored, not shown. */
      return;
    }

  g_signal_emit (self, _hearth_store_signals[STORE_SIGNAL_SCORE_CHANGED], 0, self->score);
}

/* }}} */
/* Getters, fetch time, wipe {{{ */

GListModel *
hearth_store_get_rewards (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->rewards);
}

HearthScore *
hearth_store_get_score (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return self->score;
}

GListModel *
hearth_store_get_score_history (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->score_history);
}

GDateTime *
hearth_store_get_wellbeing_updated (HearthStore *self)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return self->wellbeing_updated;
}

static gboolean
set_wellbeing_updated (HearthStore *self,
                       GDateTime   *updated)
{
  if (self->wellbeing_updated == updated ||
      (self->wellbeing_updated != NULL && updated != NULL &&
       g_date_time_equal (self->wellbeing_updated, updated)))
    return FALSE;

  g_clear_pointer (&self->wellbeing_updated, g_date_time_unref);
  self->wellbeing_updated = updated != NULL ? g_date_time_ref (updated) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self),
                            _hearth_store_properties[STORE_PROP_WELLBEING_UPDATED]);

  return TRUE;
}

void
hearth_store_set_wellbeing_updated (HearthStore *self,
                                    GDateTime   *updated)
{
  g_return_if_fail (HEARTH_IS_STORE (self));

  if (set_wellbeing_updated (self, updated))
    hearth_db_batch_put_fetch_time (_hearth_store_get_batch (self), HEARTH_STORE_FETCH_WELLBEING,
                                    updated);
}

void
_hearth_store_load_wellbeing_updated (HearthStore *self,
                                      GDateTime   *updated)
{
  /* A refresh that finished meanwhile is newer. */
  if (self->wellbeing_updated == NULL)
    set_wellbeing_updated (self, updated);
}

void
_hearth_store_wipe_wellbeing (HearthStore *self)
{
  g_list_store_remove_all (self->rewards);
  g_list_store_remove_all (self->score_history);
  if (self->score != NULL)
    {
      g_clear_object (&self->score);
      g_object_notify_by_pspec (G_OBJECT (self), _hearth_store_properties[STORE_PROP_SCORE]);
    }
  set_wellbeing_updated (self, NULL);
}

/* }}} */
