/* hearth-db-batch.c: a list of writes applied in one transaction
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-database"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hearth-chat.h"
#include "hearth-database-private.h"
#include "hearth-db-batch-private.h"
#include "hearth-message.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-user.h"

/* Every put copies the model's values into a plain row (hearth-db-batch-private.h) on the
 * calling thread; the worker only ever sees these rows. */

G_DEFINE_BOXED_TYPE (HearthDbBatch, hearth_db_batch, hearth_db_batch_ref, hearth_db_batch_unref)

/* Rows {{{ */

static void
user_row_free (HearthDbUserRow *row)
{
  if (row == NULL)
    return;

  g_free (row->id);
  g_free (row->name);
  g_free (row->username);
  g_free (row->photo);
  g_clear_pointer (&row->last_seen, g_date_time_unref);
  g_free (row);
}

static HearthDbUserRow *
user_row_new (HearthUser *user)
{
  HearthDbUserRow *row = g_new0 (HearthDbUserRow, 1);
  GDateTime *last_seen = hearth_user_get_last_seen (user);

  row->id = g_strdup (hearth_user_get_id (user));
  row->name = g_strdup (hearth_user_get_name (user));
  row->username = g_strdup (hearth_user_get_username (user));
  row->photo = g_strdup (hearth_user_get_photo (user));
  row->online = hearth_user_get_online (user);
  row->last_seen = last_seen != NULL ? g_date_time_ref (last_seen) : NULL;

  return row;
}

static void
member_row_free (HearthDbMemberRow *row)
{
  user_row_free (row->user);
  g_clear_pointer (&row->last_read_at, g_date_time_unref);
  g_free (row);
}

static void
chat_row_free (HearthDbChatRow *row)
{
  g_free (row->id);
  g_free (row->name);
  user_row_free (row->admin);
  g_clear_pointer (&row->created_at, g_date_time_unref);
  g_clear_pointer (&row->members, g_ptr_array_unref);
  g_free (row);
}

static void
message_row_free (HearthDbMessageRow *row)
{
  g_free (row->id);
  g_free (row->client_id);
  g_free (row->chat_id);
  g_free (row->sender_id);
  user_row_free (row->sender);
  g_free (row->content);
  g_free (row->reel);
  g_clear_pointer (&row->at, g_date_time_unref);
  g_free (row);
}

static gboolean
user_row_matches (const HearthDbUserRow *row,
                  HearthUser            *user)
{
  GDateTime *last_seen = hearth_user_get_last_seen (user);

  return g_strcmp0 (row->id, hearth_user_get_id (user)) == 0 &&
         g_strcmp0 (row->name, hearth_user_get_name (user)) == 0 &&
         g_strcmp0 (row->username, hearth_user_get_username (user)) == 0 &&
         g_strcmp0 (row->photo, hearth_user_get_photo (user)) == 0 &&
         row->online == hearth_user_get_online (user) &&
         (row->last_seen == last_seen ||
          (row->last_seen != NULL && last_seen != NULL &&
           g_date_time_equal (row->last_seen, last_seen)));
}

/* @with_sender: FALSE when the batch has a row of the sender with the same values. */
static HearthDbMessageRow *
message_row_new (HearthMessage *message,
                 gboolean       with_sender)
{
  HearthDbMessageRow *row = g_new0 (HearthDbMessageRow, 1);
  HearthUser *sender = hearth_message_get_sender (message);
  GDateTime *at = hearth_message_get_at (message);

  row->id = g_strdup (hearth_message_get_id (message));
  row->client_id = g_strdup (hearth_message_get_client_id (message));
  row->chat_id = g_strdup (hearth_message_get_chat_id (message));
  row->sender_id = g_strdup (hearth_message_get_sender_id (message));
  row->sender = sender != NULL && with_sender ? user_row_new (sender) : NULL;
  row->content = g_strdup (hearth_message_get_content (message));
  row->reel = g_strdup (hearth_message_get_reel (message));
  /* A message without a time is ordered as of when it was put. */
  row->at = at != NULL ? g_date_time_ref (at) : g_date_time_new_now_utc ();
  row->state = hearth_message_get_state (message);
  row->kind = hearth_message_get_kind (message);

  return row;
}

static void
key_row_free (HearthDbKeyRow *row)
{
  g_free (row->key);
  g_free (row->user_id);
  g_free (row->text);
  g_clear_pointer (&row->at, g_date_time_unref);
  g_free (row);
}

static HearthDbKeyRow *
key_row_new (const char *key)
{
  HearthDbKeyRow *row = g_new0 (HearthDbKeyRow, 1);

  row->key = g_strdup (key);

  return row;
}

static void
reward_row_free (HearthDbRewardRow *row)
{
  g_free (row->id);
  g_free (row->title);
  g_free (row->description);
  g_clear_pointer (&row->expires_at, g_date_time_unref);
  g_free (row);
}

static void
action_row_free (HearthDbActionRow *row)
{
  g_free (row->action_type);
  g_free (row->label);
  g_free (row->sub_label);
  g_free (row);
}

static void
score_row_free (HearthDbScoreRow *row)
{
  g_free (row->day);
  g_clear_pointer (&row->at, g_date_time_unref);
  g_free (row->weekday);
  g_clear_pointer (&row->actions, g_ptr_array_unref);
  g_free (row);
}

static void
history_row_free (HearthDbHistoryRow *row)
{
  g_free (row->day);
  g_clear_pointer (&row->at, g_date_time_unref);
  g_free (row->weekday);
  g_free (row);
}

/* The key of a score's day: the first 10 characters of its date's ISO form. */
static char *
dup_day (HearthScore *score)
{
  GDateTime *date = hearth_score_get_date (score);
  g_autofree char *iso = date != NULL ? g_date_time_format_iso8601 (date) : NULL;

  return iso != NULL && strlen (iso) >= 10 ? g_strndup (iso, 10) : NULL;
}

static void
add_actions (GPtrArray  *rows,
             const char *section,
             GListModel *actions)
{
  guint n = g_list_model_get_n_items (actions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthScoreAction) action = g_list_model_get_item (actions, i);
      HearthDbActionRow *row = g_new0 (HearthDbActionRow, 1);

      row->section = section;
      row->action_type = g_strdup (hearth_score_action_get_action_type (action));
      row->label = g_strdup (hearth_score_action_get_label (action));
      row->sub_label = g_strdup (hearth_score_action_get_sub_label (action));
      row->value = hearth_score_action_get_value (action);
      row->completed = hearth_score_action_get_completed (action);
      row->start_at = hearth_score_action_get_start_at (action);
      g_ptr_array_add (rows, row);
    }
}

/* }}} */
/* Public API {{{ */

static void
op_clear (gpointer data)
{
  HearthDbOp *op = data;

  if (op->free_row != NULL)
    g_clear_pointer (&op->row, op->free_row);
}

static void
add_op (HearthDbBatch  *self,
        HearthDbOpKind  kind,
        gpointer        row,
        GDestroyNotify  free_row)
{
  HearthDbOp op = { kind, row, free_row };

  g_array_append_val (self->ops, op);
}

HearthDbBatch *
hearth_db_batch_new (void)
{
  HearthDbBatch *self = g_new0 (HearthDbBatch, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->ops = g_array_new (FALSE, FALSE, sizeof (HearthDbOp));
  g_array_set_clear_func (self->ops, op_clear);

  return self;
}

HearthDbBatch *
hearth_db_batch_ref (HearthDbBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
hearth_db_batch_unref (HearthDbBatch *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->ops);
      g_free (self);
    }
}

gboolean
hearth_db_batch_is_empty (HearthDbBatch *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->ops->len == 0;
}

guint
hearth_db_batch_get_size (HearthDbBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ops->len;
}

void
hearth_db_batch_put_user (HearthDbBatch *self,
                          HearthUser    *user)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (HEARTH_IS_USER (user));

  self->last_sender = NULL;
  add_op (self, HEARTH_DB_OP_USER, user_row_new (user), (GDestroyNotify) user_row_free);
}

void
hearth_db_batch_put_chat (HearthDbBatch *self,
                          HearthChat    *chat)
{
  HearthDbChatRow *row;
  HearthUser *admin;
  GDateTime *created_at;
  GListModel *participants;
  guint n;

  g_return_if_fail (self != NULL);
  g_return_if_fail (HEARTH_IS_CHAT (chat));

  admin = hearth_chat_get_admin (chat);
  created_at = hearth_chat_get_created_at (chat);
  participants = hearth_chat_get_participants (chat);
  n = g_list_model_get_n_items (participants);

  row = g_new0 (HearthDbChatRow, 1);
  row->id = g_strdup (hearth_chat_get_id (chat));
  row->name = g_strdup (hearth_chat_get_name (chat));
  row->admin = admin != NULL ? user_row_new (admin) : NULL;
  row->created_at = created_at != NULL ? g_date_time_ref (created_at) : NULL;
  row->unread = hearth_chat_get_unread (chat);
  row->left = hearth_chat_get_left (chat);
  row->members = g_ptr_array_new_full (n, (GDestroyNotify) member_row_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthUser) user = g_list_model_get_item (participants, i);
      HearthDbMemberRow *member = g_new0 (HearthDbMemberRow, 1);
      GDateTime *read_at = hearth_chat_get_last_read_at (chat, hearth_user_get_id (user));

      member->user = user_row_new (user);
      member->last_read_at = read_at != NULL ? g_date_time_ref (read_at) : NULL;
      g_ptr_array_add (row->members, member);
    }

  self->last_sender = NULL;
  add_op (self, HEARTH_DB_OP_CHAT, row, (GDestroyNotify) chat_row_free);
}

void
hearth_db_batch_delete_chat (HearthDbBatch *self,
                             const char    *chat_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (chat_id != NULL);

  add_op (self, HEARTH_DB_OP_DELETE_CHAT, key_row_new (chat_id), (GDestroyNotify) key_row_free);
}

void
hearth_db_batch_set_read (HearthDbBatch *self,
                          const char    *chat_id,
                          const char    *user_id,
                          GDateTime     *at)
{
  HearthDbKeyRow *row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (chat_id != NULL);
  g_return_if_fail (user_id != NULL);
  g_return_if_fail (at != NULL);

  row = key_row_new (chat_id);
  row->user_id = g_strdup (user_id);
  row->at = g_date_time_ref (at);
  add_op (self, HEARTH_DB_OP_SET_READ, row, (GDestroyNotify) key_row_free);
}

void
hearth_db_batch_set_unread (HearthDbBatch *self,
                            const char    *chat_id,
                            guint          unread)
{
  HearthDbKeyRow *row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (chat_id != NULL);

  row = key_row_new (chat_id);
  row->number = unread;
  add_op (self, HEARTH_DB_OP_SET_UNREAD, row, (GDestroyNotify) key_row_free);
}

void
hearth_db_batch_put_message (HearthDbBatch *self,
                             HearthMessage *message)
{
  HearthDbMessageRow *row;
  HearthUser *sender;
  gboolean known;

  g_return_if_fail (self != NULL);
  g_return_if_fail (HEARTH_IS_MESSAGE (message));
  g_return_if_fail (hearth_message_get_chat_id (message) != NULL);
  g_return_if_fail (hearth_message_get_id (message) != NULL ||
                    hearth_message_get_client_id (message) != NULL);

  /* A flood from one sender upserts the user once per batch, not once per message. */
  sender = hearth_message_get_sender (message);
  known = sender != NULL && self->last_sender != NULL &&
          user_row_matches (self->last_sender, sender);
  row = message_row_new (message, !known);
  if (row->sender != NULL)
    self->last_sender = row->sender;

  add_op (self, HEARTH_DB_OP_MESSAGE, row, (GDestroyNotify) message_row_free);
}

void
hearth_db_batch_put_outbox (HearthDbBatch *self,
                            HearthMessage *message,
                            guint          attempts)
{
  HearthDbMessageRow *row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (HEARTH_IS_MESSAGE (message));
  g_return_if_fail (hearth_message_get_client_id (message) != NULL);
  g_return_if_fail (hearth_message_get_chat_id (message) != NULL);

  row = message_row_new (message, TRUE);
  row->attempts = attempts;
  add_op (self, HEARTH_DB_OP_OUTBOX, row, (GDestroyNotify) message_row_free);
}

void
hearth_db_batch_remove_outbox (HearthDbBatch *self,
                               const char    *client_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (client_id != NULL);

  add_op (self, HEARTH_DB_OP_REMOVE_OUTBOX, key_row_new (client_id), (GDestroyNotify) key_row_free);
}

void
hearth_db_batch_put_draft (HearthDbBatch *self,
                           const char    *chat_id,
                           const char    *text)
{
  HearthDbKeyRow *row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (chat_id != NULL);

  row = key_row_new (chat_id);
  row->text = text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
  add_op (self, HEARTH_DB_OP_DRAFT, row, (GDestroyNotify) key_row_free);
}

void
hearth_db_batch_put_reward (HearthDbBatch *self,
                            HearthReward  *reward)
{
  HearthDbRewardRow *row;
  GDateTime *expires_at;

  g_return_if_fail (self != NULL);
  g_return_if_fail (HEARTH_IS_REWARD (reward));

  expires_at = hearth_reward_get_expires_at (reward);

  row = g_new0 (HearthDbRewardRow, 1);
  row->id = g_strdup (hearth_reward_get_id (reward));
  row->title = g_strdup (hearth_reward_get_title (reward));
  row->description = g_strdup (hearth_reward_get_description (reward));
  row->remaining = hearth_reward_get_remaining (reward);
  row->is_expired = hearth_reward_get_is_expired (reward);
  row->expires_at = expires_at != NULL ? g_date_time_ref (expires_at) : NULL;
  row->consumed_by_you = hearth_reward_get_is_consumed_by_you (reward);
  add_op (self, HEARTH_DB_OP_REWARD, row, (GDestroyNotify) reward_row_free);
}

void
hearth_db_batch_put_score (HearthDbBatch *self,
                           HearthScore   *score)
{
  g_autofree char *day = NULL;
  HearthDbScoreRow *row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (HEARTH_IS_SCORE (score));

  day = dup_day (score);
  g_return_if_fail (day != NULL);

  row = g_new0 (HearthDbScoreRow, 1);
  row->day = g_steal_pointer (&day);
  row->at = g_date_time_ref (hearth_score_get_date (score));
  row->weekday = g_strdup (hearth_score_get_day (score));
  row->reels_seen = hearth_score_get_reels_seen (score);
  row->total_score = hearth_score_get_total_score (score);
  row->social_score = hearth_score_get_social_score (score);
  row->mindfulness_score = hearth_score_get_mindfulness_score (score);
  row->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) action_row_free);
  add_actions (row->actions, "social", hearth_score_get_social_actions (score));
  add_actions (row->actions, "mindfulness", hearth_score_get_mindfulness_actions (score));
  add_op (self, HEARTH_DB_OP_SCORE, row, (GDestroyNotify) score_row_free);
}

void
hearth_db_batch_put_score_history (HearthDbBatch *self,
                                   GPtrArray     *scores)
{
  GPtrArray *rows;

  g_return_if_fail (self != NULL);
  g_return_if_fail (scores != NULL);
  for (guint i = 0; i < scores->len; i++)
    g_return_if_fail (HEARTH_IS_SCORE (g_ptr_array_index (scores, i)));

  rows = g_ptr_array_new_full (scores->len, (GDestroyNotify) history_row_free);
  for (guint i = 0; i < scores->len; i++)
    {
      HearthScore *score = g_ptr_array_index (scores, i);
      HearthDbHistoryRow *row;
      char *day;

      if (!(day = dup_day (score)))
        continue;

      row = g_new0 (HearthDbHistoryRow, 1);
      row->day = day;
      row->at = g_date_time_ref (hearth_score_get_date (score));
      row->weekday = g_strdup (hearth_score_get_day (score));
      row->total_score = hearth_score_get_total_score (score);
      g_ptr_array_add (rows, row);
    }

  add_op (self, HEARTH_DB_OP_SCORE_HISTORY, rows, (GDestroyNotify) g_ptr_array_unref);
}

void
hearth_db_batch_put_fetch_time (HearthDbBatch *self,
                                const char    *what,
                                GDateTime     *at)
{
  HearthDbKeyRow *row;

  g_return_if_fail (self != NULL);
  g_return_if_fail (what != NULL);

  row = key_row_new (what);
  row->at = at != NULL ? g_date_time_ref (at) : NULL;
  add_op (self, HEARTH_DB_OP_FETCH_TIME, row, (GDestroyNotify) key_row_free);
}

void
hearth_db_batch_wipe (HearthDbBatch *self)
{
  g_return_if_fail (self != NULL);

  self->last_sender = NULL;
  add_op (self, HEARTH_DB_OP_WIPE, NULL, NULL);
}

/* }}} */
