/* hearth-db-load.c: the database's readers, building model objects on the worker thread
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-database"

#include "config.h"

#include <math.h>

#include "hearth-chat.h"
#include "hearth-database-private.h"
#include "hearth-message.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-user.h"

/* The columns every message query selects first, in this order (see message_from_row()). */
#define MESSAGE_COLUMNS \
  "m.id, m.client_id, m.chat_id, m.sender_id, m.content, m.reel, m.at, m.state, m.kind"
#define N_MESSAGE_COLUMNS 9

/* Users {{{ */

/* One HearthUser per id for everything a load returns; @cache maps id -> HearthUser. A user
 * with no row (only the id is known) is returned bare. */
static HearthUser *
lookup_user (HearthDbWorker  *worker,
             GHashTable      *cache,
             const char      *id,
             GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;
  g_autoptr(HearthUser) user = NULL;
  HearthUser *cached;
  int rc;

  if ((cached = g_hash_table_lookup (cache, id)))
    return cached;

  if (!(stmt = _hearth_db_prepare (worker,
                                   "SELECT name, username, photo, online, last_seen "
                                   "FROM users WHERE id = ?1",
                                   error)))
    return NULL;

  _hearth_db_bind_text (stmt, 1, id);
  user = hearth_user_new (id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autoptr(GDateTime) last_seen = _hearth_db_column_time (stmt, 4);

      hearth_user_set_name (user, _hearth_db_column_text (stmt, 0));
      hearth_user_set_username (user, _hearth_db_column_text (stmt, 1));
      hearth_user_set_photo (user, _hearth_db_column_text (stmt, 2));
      hearth_user_set_online (user, sqlite3_column_int (stmt, 3) != 0);
      hearth_user_set_last_seen (user, last_seen);
    }
  else if (rc != SQLITE_DONE)
    {
      _hearth_db_set_error (worker, rc, error);
      return NULL;
    }

  g_hash_table_insert (cache, g_strdup (id), user);

  return g_steal_pointer (&user);
}

static GHashTable *
user_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* }}} */
/* Messages {{{ */

static HearthMessageState
state_from_string (const char *state)
{
  if (g_strcmp0 (state, "queued") == 0)
    return HEARTH_MESSAGE_QUEUED;
  if (g_strcmp0 (state, "failed") == 0)
    return HEARTH_MESSAGE_FAILED;

  return HEARTH_MESSAGE_SENT;
}

static HearthMessageKind
kind_from_string (const char *kind)
{
  if (g_strcmp0 (kind, "member-joined") == 0)
    return HEARTH_MESSAGE_KIND_MEMBER_JOINED;
  if (g_strcmp0 (kind, "member-removed") == 0)
    return HEARTH_MESSAGE_KIND_MEMBER_REMOVED;

  return HEARTH_MESSAGE_KIND_TEXT;
}

/* Reads MESSAGE_COLUMNS starting at @first. */
static HearthMessage *
message_from_row (HearthDbWorker  *worker,
                  GHashTable      *users,
                  HearthDbStmt    *stmt,
                  int              first,
                  GError         **error)
{
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GDateTime) at = NULL;
  const char *sender_id;

  message = hearth_message_new (_hearth_db_column_text (stmt, first),
                                _hearth_db_column_text (stmt, first + 2));
  hearth_message_set_client_id (message, _hearth_db_column_text (stmt, first + 1));
  hearth_message_set_content (message, _hearth_db_column_text (stmt, first + 4));
  hearth_message_set_reel (message, _hearth_db_column_text (stmt, first + 5));
  at = _hearth_db_column_time (stmt, first + 6);
  hearth_message_set_at (message, at);
  hearth_message_set_state (message, state_from_string (_hearth_db_column_text (stmt, first + 7)));
  hearth_message_set_kind (message, kind_from_string (_hearth_db_column_text (stmt, first + 8)));

  if ((sender_id = _hearth_db_column_text (stmt, first + 3)))
    {
      HearthUser *sender = lookup_user (worker, users, sender_id, error);

      if (sender == NULL)
        return NULL;

      hearth_message_set_sender (message, sender);
    }

  return g_steal_pointer (&message);
}

/* Steps @stmt to the end, one message per row. */
static GPtrArray *
collect_messages (HearthDbWorker  *worker,
                  GHashTable      *users,
                  HearthDbStmt    *stmt,
                  GError         **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HearthMessage *message = message_from_row (worker, users, stmt, 0, error);

      if (message == NULL)
        return NULL;

      g_ptr_array_add (messages, message);
    }

  if (rc != SQLITE_DONE)
    {
      _hearth_db_set_error (worker, rc, error);
      return NULL;
    }

  return g_steal_pointer (&messages);
}

GPtrArray *
_hearth_db_load_messages (HearthDbWorker  *worker,
                          const char      *chat_id,
                          GDateTime       *before_at,
                          const char      *before_key,
                          guint            limit,
                          GError         **error)
{
  g_autoptr(GHashTable) users = user_cache_new ();
  g_autoptr(HearthDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) page = NULL;
  gint64 before_seq = 0;

  g_assert (worker != NULL);
  g_assert (chat_id != NULL);

  /* The position of the message the page ends at: its time, then its sequence. */
  if (before_at != NULL && before_key != NULL)
    {
      g_autoptr(HearthDbStmt) find = NULL;

      if (!(find = _hearth_db_prepare (worker,
                                       "SELECT seq FROM messages WHERE id = ?1 AND chat_id = ?2 "
                                       "UNION ALL "
                                       "SELECT seq FROM messages "
                                       "WHERE client_id = ?1 AND chat_id = ?2 "
                                       "LIMIT 1",
                                       error)))
        return NULL;

      _hearth_db_bind_text (find, 1, before_key);
      _hearth_db_bind_text (find, 2, chat_id);
      if (!_hearth_db_query_int64 (worker, find, &before_seq, error))
        return NULL;
    }

  if (before_at == NULL)
    stmt = _hearth_db_prepare (worker,
                               "SELECT " MESSAGE_COLUMNS " FROM messages AS m "
                               "WHERE m.chat_id = ?1 "
                               "ORDER BY m.at DESC, m.seq DESC LIMIT ?2",
                               error);
  else if (before_seq != 0)
    stmt = _hearth_db_prepare (worker,
                               "SELECT " MESSAGE_COLUMNS " FROM messages AS m "
                               "WHERE m.chat_id = ?1 AND (m.at, m.seq) < (?3, ?4) "
                               "ORDER BY m.at DESC, m.seq DESC LIMIT ?2",
                               error);
  else
    /* An unknown key (not stored): everything strictly older than its time. */
    stmt = _hearth_db_prepare (worker,
                               "SELECT " MESSAGE_COLUMNS " FROM messages AS m "
                               "WHERE m.chat_id = ?1 AND m.at < ?3 "
                               "ORDER BY m.at DESC, m.seq DESC LIMIT ?2",
                               error);
  if (stmt == NULL)
    return NULL;

  _hearth_db_bind_text (stmt, 1, chat_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  if (before_at != NULL)
    _hearth_db_bind_time (stmt, 3, before_at);
  if (before_seq != 0)
    sqlite3_bind_int64 (stmt, 4, before_seq);

  if (!(page = collect_messages (worker, users, stmt, error)))
    return NULL;

  /* Newest first from the index; the page is oldest first. */
  for (guint i = 0, j = page->len; i + 1 < j; i++, j--)
    {
      gpointer tmp = page->pdata[i];

      page->pdata[i] = page->pdata[j - 1];
      page->pdata[j - 1] = tmp;
    }

  return g_steal_pointer (&page);
}

char *
_hearth_db_build_match (const char *query)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) match = g_string_new (NULL);

  if (query == NULL)
    return NULL;

  valid = g_utf8_make_valid (query, -1);
  words = g_strsplit_set (g_strstrip (valid), " \t\n\r\f\v", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      gboolean has_token = FALSE;

      /* A word without a letter or digit has no token for FTS5 to match; as a phrase it
       * would be empty. Skip it. */
      for (const char *p = words[i]; *p != '\0' && !has_token; p = g_utf8_next_char (p))
        has_token = g_unichar_isalnum (g_utf8_get_char (p));

      if (!has_token)
        continue;

      /* A quoted phrase takes operators (AND, OR, NOT, NEAR, *, ^, :) literally; quotes
       * inside it are doubled. The trailing * makes its last token a prefix. */
      if (match->len > 0)
        g_string_append_c (match, ' ');

      g_string_append_c (match, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append (match, "\"*");
    }

  if (match->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

GPtrArray *
_hearth_db_search (HearthDbWorker  *worker,
                   const char      *chat_id,
                   const char      *query,
                   guint            limit,
                   GError         **error)
{
  g_autoptr(GHashTable) users = user_cache_new ();
  g_autoptr(HearthDbStmt) stmt = NULL;
  g_autofree char *match = NULL;

  g_assert (worker != NULL);

  if (!(match = _hearth_db_build_match (query)))
    return g_ptr_array_new_with_free_func (g_object_unref);

  if (!(stmt = _hearth_db_prepare (worker,
                                   "SELECT " MESSAGE_COLUMNS " "
                                   "FROM messages_fts AS f JOIN messages AS m ON m.seq = f.rowid "
                                   "WHERE messages_fts MATCH ?1 "
                                   "  AND (?2 IS NULL OR m.chat_id = ?2) "
                                   "ORDER BY m.at DESC, m.seq DESC LIMIT ?3",
                                   error)))
    return NULL;

  _hearth_db_bind_text (stmt, 1, match);
  _hearth_db_bind_text (stmt, 2, chat_id);
  sqlite3_bind_int64 (stmt, 3, limit);

  return collect_messages (worker, users, stmt, error);
}

/* }}} */
/* Chats {{{ */

static gboolean
load_members (HearthDbWorker  *worker,
              GHashTable      *users,
              GHashTable      *chats,
              GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) participants = g_ptr_array_new ();
  HearthChat *chat = NULL;
  int rc;

  if (!(stmt = _hearth_db_prepare (worker,
                                   "SELECT chat_id, user_id, last_read_at FROM members "
                                   "ORDER BY chat_id, position",
                                   error)))
    return FALSE;

  for (;;)
    {
      const char *chat_id = NULL;
      g_autoptr(GDateTime) read_at = NULL;
      HearthUser *user;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        chat_id = _hearth_db_column_text (stmt, 0);
      else if (rc != SQLITE_DONE)
        return _hearth_db_set_error (worker, rc, error);

      /* The rows come grouped by chat: hand each group over when the next one starts. */
      if (chat != NULL && g_strcmp0 (chat_id, hearth_chat_get_id (chat)) != 0)
        {
          hearth_chat_set_participants (chat, (HearthUser * const *) participants->pdata,
                                        participants->len);
          g_ptr_array_set_size (participants, 0);
          chat = NULL;
        }

      if (rc == SQLITE_DONE)
        break;

      if (chat == NULL && !(chat = g_hash_table_lookup (chats, chat_id)))
        continue;

      if (!(user = lookup_user (worker, users, _hearth_db_column_text (stmt, 1), error)))
        return FALSE;

      g_ptr_array_add (participants, user);
      if ((read_at = _hearth_db_column_time (stmt, 2)))
        hearth_chat_set_last_read_at (chat, hearth_user_get_id (user), read_at);
    }

  return TRUE;
}

GPtrArray *
_hearth_db_load_chats (HearthDbWorker  *worker,
                       GError         **error)
{
  g_autoptr(GHashTable) users = user_cache_new ();
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) chats = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HearthDbStmt) stmt = NULL;
  int rc;

  g_assert (worker != NULL);

  /* The last message of each chat comes from the (chat_id, at, seq) index, one probe per
   * chat. Chats without messages sort by creation; chats with neither come last. */
  if (!(stmt = _hearth_db_prepare (worker,
                                   "SELECT " MESSAGE_COLUMNS ", "
                                   "  c.id, c.name, c.admin_id, c.created_at, c.unread, "
                                   "  c.has_left "
                                   "FROM chats AS c LEFT JOIN messages AS m ON m.seq = ("
                                   "  SELECT seq FROM messages WHERE chat_id = c.id "
                                   "  AND kind = 'message' "
                                   "  ORDER BY at DESC, seq DESC LIMIT 1) "
                                   "ORDER BY coalesce (m.at, c.created_at) DESC, c.id",
                                   error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const int c = N_MESSAGE_COLUMNS;
      g_autoptr(HearthChat) chat = hearth_chat_new (_hearth_db_column_text (stmt, c));
      g_autoptr(GDateTime) created_at = _hearth_db_column_time (stmt, c + 3);
      const char *admin_id = _hearth_db_column_text (stmt, c + 2);

      hearth_chat_set_name (chat, _hearth_db_column_text (stmt, c + 1));
      hearth_chat_set_created_at (chat, created_at);
      hearth_chat_set_unread (chat, (guint) CLAMP (sqlite3_column_int64 (stmt, c + 4),
                                                   0, G_MAXUINT));
      hearth_chat_set_left (chat, sqlite3_column_int (stmt, c + 5) != 0);

      if (admin_id != NULL)
        {
          HearthUser *admin = lookup_user (worker, users, admin_id, error);

          if (admin == NULL)
            return NULL;

          hearth_chat_set_admin (chat, admin);
        }

      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          g_autoptr(HearthMessage) last = message_from_row (worker, users, stmt, 0, error);

          if (last == NULL)
            return NULL;

          hearth_chat_set_last_message (chat, last);
        }

      g_hash_table_insert (by_id, (gpointer) hearth_chat_get_id (chat), chat);
      g_ptr_array_add (chats, g_steal_pointer (&chat));
    }

  if (rc != SQLITE_DONE)
    {
      _hearth_db_set_error (worker, rc, error);
      return NULL;
    }

  _hearth_db_stmt_release (g_steal_pointer (&stmt));

  if (!load_members (worker, users, by_id, error))
    return NULL;

  return g_steal_pointer (&chats);
}

/* }}} */
/* Outbox and drafts {{{ */

GPtrArray *
_hearth_db_load_outbox (HearthDbWorker  *worker,
                        GArray         **attempts,
                        GError         **error)
{
  g_autoptr(GHashTable) users = user_cache_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(HearthDbStmt) stmt = NULL;
  int rc;

  g_assert (worker != NULL);

  if (!(stmt = _hearth_db_prepare (worker,
                                   "SELECT o.client_id, o.chat_id, o.content, o.reel, "
                                   "  o.attempts, m.id, m.sender_id, m.at, m.state "
                                   "FROM outbox AS o "
                                   "LEFT JOIN messages AS m ON m.client_id = o.client_id "
                                   "ORDER BY o.seq",
                                   error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HearthMessage) message = NULL;
      g_autoptr(GDateTime) at = _hearth_db_column_time (stmt, 7);
      const char *sender_id = _hearth_db_column_text (stmt, 6);
      gint64 n = sqlite3_column_int64 (stmt, 4);
      guint count = (guint) CLAMP (n, 0, G_MAXUINT);

      message = hearth_message_new (_hearth_db_column_text (stmt, 5),
                                    _hearth_db_column_text (stmt, 1));
      hearth_message_set_client_id (message, _hearth_db_column_text (stmt, 0));
      hearth_message_set_content (message, _hearth_db_column_text (stmt, 2));
      hearth_message_set_reel (message, _hearth_db_column_text (stmt, 3));
      hearth_message_set_at (message, at);
      hearth_message_set_state (message,
                                g_strcmp0 (_hearth_db_column_text (stmt, 8), "failed") == 0
                                ? HEARTH_MESSAGE_FAILED : HEARTH_MESSAGE_QUEUED);

      if (sender_id != NULL)
        {
          HearthUser *sender = lookup_user (worker, users, sender_id, error);

          if (sender == NULL)
            return NULL;

          hearth_message_set_sender (message, sender);
        }

      g_ptr_array_add (messages, g_steal_pointer (&message));
      g_array_append_val (counts, count);
    }

  if (rc != SQLITE_DONE)
    {
      _hearth_db_set_error (worker, rc, error);
      return NULL;
    }

  if (attempts != NULL)
    *attempts = g_steal_pointer (&counts);

  return g_steal_pointer (&messages);
}

GHashTable *
_hearth_db_load_drafts (HearthDbWorker  *worker,
                        GError         **error)
{
  g_autoptr(GHashTable) drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(HearthDbStmt) stmt = NULL;
  int rc;

  g_assert (worker != NULL);

  if (!(stmt = _hearth_db_prepare (worker, "SELECT chat_id, text FROM drafts", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (drafts,
                         g_strdup (_hearth_db_column_text (stmt, 0)),
                         g_strdup (_hearth_db_column_text (stmt, 1)));

  if (rc != SQLITE_DONE)
    {
      _hearth_db_set_error (worker, rc, error);
      return NULL;
    }

  return g_steal_pointer (&drafts);
}

/* }}} */
/* Rewards and scores {{{ */

GPtrArray *
_hearth_db_load_rewards (HearthDbWorker  *worker,
                         GError         **error)
{
  g_autoptr(GPtrArray) rewards = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HearthDbStmt) stmt = NULL;
  int rc;

  g_assert (worker != NULL);

  if (!(stmt = _hearth_db_prepare (worker,
                                   "SELECT id, title, description, remaining, is_expired, "
                                   "  expires_at, consumed_by_you "
                                   "FROM rewards ORDER BY seq",
                                   error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HearthReward) reward = hearth_reward_new (_hearth_db_column_text (stmt, 0));
      g_autoptr(GDateTime) expires_at = _hearth_db_column_time (stmt, 5);

      hearth_reward_set_title (reward, _hearth_db_column_text (stmt, 1));
      hearth_reward_set_description (reward, _hearth_db_column_text (stmt, 2));
      hearth_reward_set_remaining (reward, sqlite3_column_int64 (stmt, 3));
      hearth_reward_set_is_expired (reward, sqlite3_column_int (stmt, 4) != 0);
      hearth_reward_set_expires_at (reward, expires_at);
      hearth_reward_set_is_consumed_by_you (reward, sqlite3_column_int (stmt, 6) != 0);
      g_ptr_array_add (rewards, g_steal_pointer (&reward));
    }

  if (rc != SQLITE_DONE)
    {
      _hearth_db_set_error (worker, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rewards);
}

/* NaN is stored as NULL (SQLite has no NaN). */
static double
column_double (HearthDbStmt *stmt,
               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;

  return sqlite3_column_double (stmt, column);
}

static gboolean
load_actions (HearthDbWorker  *worker,
              HearthScore     *score,
              const char      *day,
              GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) social = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) mindfulness = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  if (!(stmt = _hearth_db_prepare (worker,
                                   "SELECT section, action_type, label, sub_label, value, "
                                   "  completed, start_at "
                                   "FROM score_actions WHERE day = ?1 "
                                   "ORDER BY section, position",
                                   error)))
    return FALSE;

  _hearth_db_bind_text (stmt, 1, day);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HearthScoreAction *action = hearth_score_action_new (_hearth_db_column_text (stmt, 1));
      int start_at = sqlite3_column_int (stmt, 6);

      hearth_score_action_set_label (action, _hearth_db_column_text (stmt, 2));
      hearth_score_action_set_sub_label (action, _hearth_db_column_text (stmt, 3));
      hearth_score_action_set_value (action, column_double (stmt, 4));
      hearth_score_action_set_completed (action, sqlite3_column_int (stmt, 5) != 0);
      hearth_score_action_set_start_at (action, start_at >= -1 && start_at <= 23 ? start_at : -1);

      if (g_strcmp0 (_hearth_db_column_text (stmt, 0), "social") == 0)
        g_ptr_array_add (social, action);
      else
        g_ptr_array_add (mindfulness, action);
    }

  if (rc != SQLITE_DONE)
    return _hearth_db_set_error (worker, rc, error);

  hearth_score_set_social_actions (score, social);
  hearth_score_set_mindfulness_actions (score, mindfulness);

  return TRUE;
}

HearthScore *
_hearth_db_load_score (HearthDbWorker  *worker,
                       const char      *day,
                       GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;
  g_autoptr(HearthScore) score = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *found_day = NULL;
  int rc;

  g_assert (worker != NULL);

  if (day != NULL)
    stmt = _hearth_db_prepare (worker,
                               "SELECT day, at, weekday, reels_seen, total_score, "
                               "  social_score, mindfulness_score "
                               "FROM scores WHERE day = ?1",
                               error);
  else
    stmt = _hearth_db_prepare (worker,
                               "SELECT day, at, weekday, reels_seen, total_score, "
                               "  social_score, mindfulness_score "
                               "FROM scores ORDER BY day DESC LIMIT 1",
                               error);
  if (stmt == NULL)
    return NULL;

  if (day != NULL)
    _hearth_db_bind_text (stmt, 1, day);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      _hearth_db_set_error (worker, rc, error);
      return NULL;
    }

  found_day = g_strdup (_hearth_db_column_text (stmt, 0));
  at = _hearth_db_column_time (stmt, 1);
  score = hearth_score_new (at);
  hearth_score_set_day (score, _hearth_db_column_text (stmt, 2));
  hearth_score_set_reels_seen (score, sqlite3_column_int (stmt, 3));
  hearth_score_set_total_score (score, column_double (stmt, 4));
  hearth_score_set_social_score (score, column_double (stmt, 5));
  hearth_score_set_mindfulness_score (score, column_double (stmt, 6));
  _hearth_db_stmt_release (g_steal_pointer (&stmt));

  if (!load_actions (worker, score, found_day, error))
    return NULL;

  return g_steal_pointer (&score);
}

GPtrArray *
_hearth_db_load_score_history (HearthDbWorker  *worker,
                               GError         **error)
{
  g_autoptr(GPtrArray) scores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HearthDbStmt) stmt = NULL;
  int rc;

  g_assert (worker != NULL);

  if (!(stmt = _hearth_db_prepare (worker,
                                   "SELECT at, weekday, total_score FROM score_history "
                                   "ORDER BY day",
                                   error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) at = _hearth_db_column_time (stmt, 0);
      HearthScore *score;

      /* NOT NULL in the schema: only a hand-edited file gets here. */
      if (at == NULL)
        continue;

      score = hearth_score_new (at);
      hearth_score_set_day (score, _hearth_db_column_text (stmt, 1));
      hearth_score_set_total_score (score, column_double (stmt, 2));
      g_ptr_array_add (scores, score);
    }

  if (rc != SQLITE_DONE)
    {
      _hearth_db_set_error (worker, rc, error);
      return NULL;
    }

  return g_steal_pointer (&scores);
}

GDateTime *
_hearth_db_load_fetch_time (HearthDbWorker  *worker,
                            const char      *what,
                            GError         **error)
{
  g_autoptr(HearthDbStmt) stmt = NULL;
  int rc;

  g_assert (worker != NULL);

  if (!(stmt = _hearth_db_prepare (worker, "SELECT at FROM fetch_times WHERE what = ?1",
                                   error)))
    return NULL;

  _hearth_db_bind_text (stmt, 1, what);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _hearth_db_column_time (stmt, 0);
  if (rc != SQLITE_DONE)
    _hearth_db_set_error (worker, rc, error);

  return NULL;
}

/* }}} */
