/* hearth-db-apply.c: applying a HearthDbBatch's rows, on the worker thread
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-database"

#include "config.h"

#include <math.h>

#include "hearth-database-private.h"
#include "hearth-db-batch-private.h"

static void
bind_double (HearthDbStmt *stmt,
             int           index,
             double        value)
{
  /* SQLite stores NaN as NULL anyway; say so explicitly. */
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

static gboolean
apply_user (HearthDbWorker   *worker,
            HearthDbUserRow  *row,
            GError          **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;

  /* A user known only by id (a message's sender) must not erase what is known: texts are
   * kept when the new value is NULL. */
  stmt = _hearth_db_prepare (worker,
                             "INSERT INTO users (id, name, username, photo, online, last_seen) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                             "ON CONFLICT (id) DO UPDATE SET "
                             "  name = coalesce (excluded.name, name), "
                             "  username = coalesce (excluded.username, username), "
                             "  photo = coalesce (excluded.photo, photo), "
                             "  online = excluded.online, "
                             "  last_seen = coalesce (excluded.last_seen, last_seen)",
                             error);
  if (stmt == NULL)
    return FALSE;

  _hearth_db_bind_text (stmt, 1, row->id);
  _hearth_db_bind_text (stmt, 2, row->name);
  _hearth_db_bind_text (stmt, 3, row->username);
  _hearth_db_bind_text (stmt, 4, row->photo);
  sqlite3_bind_int (stmt, 5, row->online ? 1 : 0);
  _hearth_db_bind_time (stmt, 6, row->last_seen);

  return _hearth_db_run (worker, stmt, error);
}

static gboolean
apply_chat (HearthDbWorker   *worker,
            HearthDbChatRow  *row,
            GError          **error)
{
  g_autoptr(HearthDbStmt) chat = NULL;
  g_autoptr(HearthDbStmt) mark = NULL;
  g_autoptr(HearthDbStmt) prune = NULL;

  if (row->admin != NULL && !apply_user (worker, row->admin, error))
    return FALSE;

  if (!(chat = _hearth_db_prepare (worker,
                                   "INSERT INTO chats (id, name, admin_id, created_at, unread, "
                                   "                   has_left) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                                   "ON CONFLICT (id) DO UPDATE SET "
                                   "  name = excluded.name, "
                                   "  admin_id = excluded.admin_id, "
                                   "  created_at = coalesce (excluded.created_at, created_at), "
                                   "  unread = excluded.unread, "
                                   "  has_left = excluded.has_left",
                                   error)))
    return FALSE;

  _hearth_db_bind_text (chat, 1, row->id);
  _hearth_db_bind_text (chat, 2, row->name);
  _hearth_db_bind_text (chat, 3, row->admin != NULL ? row->admin->id : NULL);
  _hearth_db_bind_time (chat, 4, row->created_at);
  sqlite3_bind_int64 (chat, 5, row->unread);
  sqlite3_bind_int (chat, 6, row->left ? 1 : 0);
  if (!_hearth_db_run (worker, chat, error))
    return FALSE;

  /* Replace the member list: mark the stored members, upsert the current ones (which clears
   * the mark and keeps the later read time), then drop the still-marked ones. */
  if (!(mark = _hearth_db_prepare (worker,
                                   "UPDATE members SET position = -1 WHERE chat_id = ?1",
                                   error)))
    return FALSE;

  _hearth_db_bind_text (mark, 1, row->id);
  if (!_hearth_db_run (worker, mark, error))
    return FALSE;

  for (guint i = 0; i < row->members->len; i++)
    {
      HearthDbMemberRow *member = g_ptr_array_index (row->members, i);
      g_autoptr(HearthDbStmt) upsert = NULL;

      if (!apply_user (worker, member->user, error))
        return FALSE;

      if (!(upsert = _hearth_db_prepare (worker,
                                         "INSERT INTO members (chat_id, user_id, position, "
                                         "                     last_read_at) "
                                         "VALUES (?1, ?2, ?3, ?4) "
                                         "ON CONFLICT (chat_id, user_id) DO UPDATE SET "
                                         "  position = excluded.position, "
                                         "  last_read_at = max ("
                                         "    coalesce (last_read_at, excluded.last_read_at), "
                                         "    coalesce (excluded.last_read_at, last_read_at))",
                                         error)))
        return FALSE;

      _hearth_db_bind_text (upsert, 1, row->id);
      _hearth_db_bind_text (upsert, 2, member->user->id);
      sqlite3_bind_int64 (upsert, 3, i);
      _hearth_db_bind_time (upsert, 4, member->last_read_at);
      if (!_hearth_db_run (worker, upsert, error))
        return FALSE;
    }

  if (!(prune = _hearth_db_prepare (worker,
                                    "DELETE FROM members WHERE chat_id = ?1 AND position < 0",
                                    error)))
    return FALSE;

  _hearth_db_bind_text (prune, 1, row->id);

  return _hearth_db_run (worker, prune, error);
}

static gboolean
run_with_key (HearthDbWorker  *worker,
              const char      *sql,
              const char      *key,
              GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = _hearth_db_prepare (worker, sql, error);

  if (stmt == NULL)
    return FALSE;

  _hearth_db_bind_text (stmt, 1, key);

  return _hearth_db_run (worker, stmt, error);
}

static gboolean
apply_delete_chat (HearthDbWorker  *worker,
                   HearthDbKeyRow  *row,
                   GError         **error)
{
  /* Explicit rather than by foreign keys: messages may exist for a chat never stored. */
  return run_with_key (worker, "DELETE FROM messages WHERE chat_id = ?1", row->key, error) &&
         run_with_key (worker, "DELETE FROM outbox WHERE chat_id = ?1", row->key, error) &&
         run_with_key (worker, "DELETE FROM drafts WHERE chat_id = ?1", row->key, error) &&
         run_with_key (worker, "DELETE FROM members WHERE chat_id = ?1", row->key, error) &&
         run_with_key (worker, "DELETE FROM chats WHERE id = ?1", row->key, error);
}

static gboolean
apply_set_read (HearthDbWorker  *worker,
                HearthDbKeyRow  *row,
                GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;

  if (!(stmt = _hearth_db_prepare (worker,
                                   "UPDATE members SET last_read_at = ?3 "
                                   "WHERE chat_id = ?1 AND user_id = ?2 "
                                   "  AND (last_read_at IS NULL OR last_read_at < ?3)",
                                   error)))
    return FALSE;

  _hearth_db_bind_text (stmt, 1, row->key);
  _hearth_db_bind_text (stmt, 2, row->user_id);
  _hearth_db_bind_time (stmt, 3, row->at);

  return _hearth_db_run (worker, stmt, error);
}

static gboolean
apply_set_unread (HearthDbWorker  *worker,
                  HearthDbKeyRow  *row,
                  GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;

  if (!(stmt = _hearth_db_prepare (worker, "UPDATE chats SET unread = ?2 WHERE id = ?1", error)))
    return FALSE;

  _hearth_db_bind_text (stmt, 1, row->key);
  sqlite3_bind_int64 (stmt, 2, row->number);

  return _hearth_db_run (worker, stmt, error);
}

static const char *
kind_to_string (HearthMessageKind kind)
{
  switch (kind)
    {
    case HEARTH_MESSAGE_KIND_MEMBER_JOINED:
      return "member-joined";
    case HEARTH_MESSAGE_KIND_MEMBER_REMOVED:
      return "member-removed";
    case HEARTH_MESSAGE_KIND_TEXT:
    default:
      return "message";
    }
}

static const char *
state_to_string (HearthMessageState state)
{
  switch (state)
    {
    case HEARTH_MESSAGE_QUEUED:
      return "queued";
    case HEARTH_MESSAGE_FAILED:
      return "failed";
    case HEARTH_MESSAGE_SENT:
    default:
      return "sent";
    }
}

static gboolean
find_message (HearthDbWorker  *worker,
              const char      *sql,
              const char      *key,
              gint64          *seq,
              GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;

  *seq = 0;
  if (key == NULL)
    return TRUE;

  if (!(stmt = _hearth_db_prepare (worker, sql, error)))
    return FALSE;

  _hearth_db_bind_text (stmt, 1, key);

  return _hearth_db_query_int64 (worker, stmt, seq, error);
}

static gboolean
apply_message (HearthDbWorker      *worker,
               HearthDbMessageRow  *row,
               GError             **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;
  gint64 by_id;
  gint64 by_client_id;
  gint64 seq;

  if (row->sender != NULL && !apply_user (worker, row->sender, error))
    return FALSE;

  if (!find_message (worker, "SELECT seq FROM messages WHERE id = ?1", row->id, &by_id, error) ||
      !find_message (worker, "SELECT seq FROM messages WHERE client_id = ?1", row->client_id,
                     &by_client_id, error))
    return FALSE;

  /* Two rows for one message (the server's copy stored before the reply that links it to
   * the queued one): keep the older row, so the message keeps its place. */
  if (by_id != 0 && by_client_id != 0 && by_id != by_client_id)
    {
      g_autoptr(HearthDbStmt) drop = NULL;

      if (!(drop = _hearth_db_prepare (worker, "DELETE FROM messages WHERE seq = ?1", error)))
        return FALSE;

      sqlite3_bind_int64 (drop, 1, MAX (by_id, by_client_id));
      if (!_hearth_db_run (worker, drop, error))
        return FALSE;

      seq = MIN (by_id, by_client_id);
    }
  else
    {
      seq = by_id != 0 ? by_id : by_client_id;
    }

  if (seq != 0)
    stmt = _hearth_db_prepare (worker,
                               "UPDATE messages SET "
                               "  id = coalesce (?1, id), "
                               "  client_id = coalesce (?2, client_id), "
                               "  chat_id = ?3, "
                               "  sender_id = coalesce (?4, sender_id), "
                               "  content = ?5, reel = ?6, at = ?7, state = ?8, kind = ?10 "
                               "WHERE seq = ?9",
                               error);
  else
    stmt = _hearth_db_prepare (worker,
                               "INSERT INTO messages (id, client_id, chat_id, sender_id, "
                               "                      content, reel, at, state, kind) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10)",
                               error);
  if (stmt == NULL)
    return FALSE;

  _hearth_db_bind_text (stmt, 1, row->id);
  _hearth_db_bind_text (stmt, 2, row->client_id);
  _hearth_db_bind_text (stmt, 3, row->chat_id);
  _hearth_db_bind_text (stmt, 4, row->sender_id);
  _hearth_db_bind_text (stmt, 5, row->content != NULL ? row->content : "");
  _hearth_db_bind_text (stmt, 6, row->reel);
  _hearth_db_bind_time (stmt, 7, row->at);
  _hearth_db_bind_text (stmt, 8, state_to_string (row->state));
  if (seq != 0)
    sqlite3_bind_int64 (stmt, 9, seq);
  _hearth_db_bind_text (stmt, 10, kind_to_string (row->kind));

  if (!_hearth_db_run (worker, stmt, error))
    return FALSE;

  /* Lines about the membership are not searchable text. */
  if (seq != 0 || row->kind != HEARTH_MESSAGE_KIND_TEXT)
    return TRUE;

  /* Schema v3: the full-text index of a new message (see hearth-db-schema.c). */
  stmt = _hearth_db_prepare (worker,
                             "INSERT INTO messages_fts (rowid, content) VALUES (?1, ?2)",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, sqlite3_last_insert_rowid (worker->db));
  _hearth_db_bind_text (stmt, 2, row->content != NULL ? row->content : "");

  return _hearth_db_run (worker, stmt, error);
}

static gboolean
apply_outbox (HearthDbWorker      *worker,
              HearthDbMessageRow  *row,
              GError             **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;

  /* The upsert keeps seq, so an entry keeps its place in the queue when put again. */
  if (!(stmt = _hearth_db_prepare (worker,
                                   "INSERT INTO outbox (client_id, chat_id, content, reel, "
                                   "                    attempts) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5) "
                                   "ON CONFLICT (client_id) DO UPDATE SET "
                                   "  chat_id = excluded.chat_id, "
                                   "  content = excluded.content, "
                                   "  reel = excluded.reel, "
                                   "  attempts = excluded.attempts",
                                   error)))
    return FALSE;

  _hearth_db_bind_text (stmt, 1, row->client_id);
  _hearth_db_bind_text (stmt, 2, row->chat_id);
  _hearth_db_bind_text (stmt, 3, row->content != NULL ? row->content : "");
  _hearth_db_bind_text (stmt, 4, row->reel);
  sqlite3_bind_int64 (stmt, 5, row->attempts);

  return _hearth_db_run (worker, stmt, error);
}

static gboolean
apply_draft (HearthDbWorker  *worker,
             HearthDbKeyRow  *row,
             GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;

  if (row->text == NULL)
    return run_with_key (worker, "DELETE FROM drafts WHERE chat_id = ?1", row->key, error);

  if (!(stmt = _hearth_db_prepare (worker,
                                   "INSERT INTO drafts (chat_id, text) VALUES (?1, ?2) "
                                   "ON CONFLICT (chat_id) DO UPDATE SET text = excluded.text",
                                   error)))
    return FALSE;

  _hearth_db_bind_text (stmt, 1, row->key);
  _hearth_db_bind_text (stmt, 2, row->text);

  return _hearth_db_run (worker, stmt, error);
}

static gboolean
apply_reward (HearthDbWorker     *worker,
              HearthDbRewardRow  *row,
              GError            **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;

  if (!(stmt = _hearth_db_prepare (worker,
                                   "INSERT INTO rewards (id, title, description, remaining, "
                                   "                     is_expired, expires_at, "
                                   "                     consumed_by_you) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                   "ON CONFLICT (id) DO UPDATE SET "
                                   "  title = excluded.title, "
                                   "  description = excluded.description, "
                                   "  remaining = excluded.remaining, "
                                   "  is_expired = excluded.is_expired, "
                                   "  expires_at = excluded.expires_at, "
                                   "  consumed_by_you = excluded.consumed_by_you",
                                   error)))
    return FALSE;

  _hearth_db_bind_text (stmt, 1, row->id);
  _hearth_db_bind_text (stmt, 2, row->title);
  _hearth_db_bind_text (stmt, 3, row->description);
  sqlite3_bind_int64 (stmt, 4, row->remaining);
  sqlite3_bind_int (stmt, 5, row->is_expired ? 1 : 0);
  _hearth_db_bind_time (stmt, 6, row->expires_at);
  sqlite3_bind_int (stmt, 7, row->consumed_by_you ? 1 : 0);

  return _hearth_db_run (worker, stmt, error);
}

static gboolean
apply_score (HearthDbWorker    *worker,
             HearthDbScoreRow  *row,
             GError           **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;
  int positions[2] = { 0, 0 };

  if (!(stmt = _hearth_db_prepare (worker,
                                   "INSERT INTO scores (day, at, weekday, reels_seen, "
                                   "                    total_score, social_score, "
                                   "                    mindfulness_score) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                                   "ON CONFLICT (day) DO UPDATE SET "
                                   "  at = excluded.at, "
                                   "  weekday = excluded.weekday, "
                                   "  reels_seen = excluded.reels_seen, "
                                   "  total_score = excluded.total_score, "
                                   "  social_score = excluded.social_score, "
                                   "  mindfulness_score = excluded.mindfulness_score",
                                   error)))
    return FALSE;

  _hearth_db_bind_text (stmt, 1, row->day);
  _hearth_db_bind_time (stmt, 2, row->at);
  _hearth_db_bind_text (stmt, 3, row->weekday);
  sqlite3_bind_int64 (stmt, 4, row->reels_seen);
  bind_double (stmt, 5, row->total_score);
  bind_double (stmt, 6, row->social_score);
  bind_double (stmt, 7, row->mindfulness_score);
  if (!_hearth_db_run (worker, stmt, error))
    return FALSE;

  if (!run_with_key (worker, "DELETE FROM score_actions WHERE day = ?1", row->day, error))
    return FALSE;

  for (guint i = 0; i < row->actions->len; i++)
    {
      HearthDbActionRow *action = g_ptr_array_index (row->actions, i);
      g_autoptr(HearthDbStmt) insert = NULL;
      int *position = &positions[g_str_equal (action->section, "social") ? 0 : 1];

      if (!(insert = _hearth_db_prepare (worker,
                                         "INSERT INTO score_actions (day, section, position, "
                                         "  action_type, label, sub_label, value, completed, "
                                         "  start_at) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                         error)))
        return FALSE;

      _hearth_db_bind_text (insert, 1, row->day);
      _hearth_db_bind_text (insert, 2, action->section);
      sqlite3_bind_int (insert, 3, (*position)++);
      _hearth_db_bind_text (insert, 4, action->action_type);
      _hearth_db_bind_text (insert, 5, action->label != NULL ? action->label : "");
      _hearth_db_bind_text (insert, 6, action->sub_label);
      bind_double (insert, 7, action->value);
      sqlite3_bind_int (insert, 8, action->completed ? 1 : 0);
      sqlite3_bind_int (insert, 9, action->start_at);
      if (!_hearth_db_run (worker, insert, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
apply_score_history (HearthDbWorker  *worker,
                     GPtrArray       *rows,
                     GError         **error)
{
  if (!_hearth_db_exec (worker, "DELETE FROM score_history", error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      HearthDbHistoryRow *row = g_ptr_array_index (rows, i);
      g_autoptr(HearthDbStmt) stmt = NULL;

      /* Two entries of one day: the last one wins. */
      if (!(stmt = _hearth_db_prepare (worker,
                                       "INSERT OR REPLACE INTO score_history "
                                       "  (day, at, weekday, total_score) "
                                       "VALUES (?1, ?2, ?3, ?4)",
                                       error)))
        return FALSE;

      _hearth_db_bind_text (stmt, 1, row->day);
      _hearth_db_bind_time (stmt, 2, row->at);
      _hearth_db_bind_text (stmt, 3, row->weekday);
      bind_double (stmt, 4, row->total_score);
      if (!_hearth_db_run (worker, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
apply_fetch_time (HearthDbWorker  *worker,
                  HearthDbKeyRow  *row,
                  GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;

  if (row->at == NULL)
    return run_with_key (worker, "DELETE FROM fetch_times WHERE what = ?1", row->key, error);

  if (!(stmt = _hearth_db_prepare (worker,
                                   "INSERT INTO fetch_times (what, at) VALUES (?1, ?2) "
                                   "ON CONFLICT (what) DO UPDATE SET at = excluded.at",
                                   error)))
    return FALSE;

  _hearth_db_bind_text (stmt, 1, row->key);
  _hearth_db_bind_time (stmt, 2, row->at);

  return _hearth_db_run (worker, stmt, error);
}

static gboolean
apply_wipe (HearthDbWorker  *worker,
            GError         **error)
{
  /* Children before parents (foreign keys); deleting messages row by row keeps the
   * full-text index consistent through its triggers. */
  return _hearth_db_exec (worker,
                          "DELETE FROM members;"
                          "DELETE FROM score_actions;"
                          "DELETE FROM scores;"
                          "DELETE FROM score_history;"
                          "DELETE FROM fetch_times;"
                          "DELETE FROM rewards;"
                          "DELETE FROM drafts;"
                          "DELETE FROM outbox;"
                          "DELETE FROM messages;"
                          "DELETE FROM chats;"
                          "DELETE FROM users;",
                          error);
}

gboolean
_hearth_db_batch_apply (HearthDbBatch   *self,
                        HearthDbWorker  *worker,
                        GError         **error)
{
  g_assert (self != NULL);
  g_assert (worker != NULL);

  for (guint i = 0; i < self->ops->len; i++)
    {
      HearthDbOp *op = &g_array_index (self->ops, HearthDbOp, i);
      gboolean ok = FALSE;

      switch (op->kind)
        {
        case HEARTH_DB_OP_USER:
          ok = apply_user (worker, op->row, error);
          break;
        case HEARTH_DB_OP_CHAT:
          ok = apply_chat (worker, op->row, error);
          break;
        case HEARTH_DB_OP_DELETE_CHAT:
          ok = apply_delete_chat (worker, op->row, error);
          break;
        case HEARTH_DB_OP_SET_READ:
          ok = apply_set_read (worker, op->row, error);
          break;
        case HEARTH_DB_OP_SET_UNREAD:
          ok = apply_set_unread (worker, op->row, error);
          break;
        case HEARTH_DB_OP_MESSAGE:
          ok = apply_message (worker, op->row, error);
          break;
        case HEARTH_DB_OP_OUTBOX:
          ok = apply_outbox (worker, op->row, error);
          break;
        case HEARTH_DB_OP_REMOVE_OUTBOX:
          ok = run_with_key (worker, "DELETE FROM outbox WHERE client_id = ?1",
                             ((HearthDbKeyRow *) op->row)->key, error);
          break;
        case HEARTH_DB_OP_DRAFT:
          ok = apply_draft (worker, op->row, error);
          break;
        case HEARTH_DB_OP_REWARD:
          ok = apply_reward (worker, op->row, error);
          break;
        case HEARTH_DB_OP_SCORE:
          ok = apply_score (worker, op->row, error);
          break;
        case HEARTH_DB_OP_SCORE_HISTORY:
          ok = apply_score_history (worker, op->row, error);
          break;
        case HEARTH_DB_OP_FETCH_TIME:
          ok = apply_fetch_time (worker, op->row, error);
          break;
        case HEARTH_DB_OP_WIPE:
          ok = apply_wipe (worker, error);
          break;
        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* }}} */
