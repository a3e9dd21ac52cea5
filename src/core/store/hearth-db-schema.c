/* hearth-db-schema.c: the schema, one step per PRAGMA user_version
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-database"

#include "config.h"

#include "hearth-database-private.h"

/*
 * Times are INTEGER microseconds since the epoch (UTC), booleans INTEGER 0/1.
 *
 * Version 1, the first released schema: users, chats, members, messages and the outbox.
 * Messages have a stable insertion sequence (seq, the rowid) that breaks ties between equal
 * times; a message is known by its server id, its client id or both. There are no foreign keys
 * from messages to chats or users: an event may bring a message before its chat is stored,
 * and that must not make the whole batch fail. Members are only written with their chat.
 *
 * Never edit a released step: add a new one (and a fixture in tests/data/).
 */
static const char schema_v1[] =
  "CREATE TABLE users (\n"
  "  id        TEXT PRIMARY KEY NOT NULL,\n"
  "  name      TEXT,\n"
  "  username  TEXT,\n"
  "  photo     TEXT,\n"
  "  online    INTEGER NOT NULL DEFAULT 0,\n"
  "  last_seen INTEGER\n"
  ");\n"
  "CREATE TABLE chats (\n"
  "  id         TEXT PRIMARY KEY NOT NULL,\n"
  "  name       TEXT,\n"
  "  admin_id   TEXT,\n"
  "  created_at INTEGER,\n"
  "  unread     INTEGER NOT NULL DEFAULT 0,\n"
  "  has_left   INTEGER NOT NULL DEFAULT 0\n"
  ");\n"
  "CREATE TABLE members (\n"
  "  chat_id      TEXT NOT NULL REFERENCES chats (id) ON DELETE CASCADE,\n"
  "  user_id      TEXT NOT NULL REFERENCES users (id),\n"
  "  position     INTEGER NOT NULL,\n"
  "  last_read_at INTEGER,\n"
  "  PRIMARY KEY (chat_id, user_id)\n"
  ");\n"
  "CREATE TABLE messages (\n"
  "  seq       INTEGER PRIMARY KEY,\n"
  "  id        TEXT UNIQUE,\n"
  "  client_id TEXT UNIQUE,\n"
  "  chat_id   TEXT NOT NULL,\n"
  "  sender_id TEXT,\n"
  "  content   TEXT NOT NULL DEFAULT '',\n"
  "  reel      TEXT,\n"
  "  at        INTEGER NOT NULL,\n"
  "  state     TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('sent', 'queued', 'failed')),\n"
  "  CHECK (id IS NOT NULL OR client_id IS NOT NULL)\n"
  ");\n"
  /* Paging a chat's history and finding a chat's last message (the chat list). */
  "CREATE INDEX messages_by_chat_time ON messages (chat_id, at, seq);\n"
  "CREATE TABLE outbox (\n"
  "  seq       INTEGER PRIMARY KEY,\n"
  "  client_id TEXT NOT NULL UNIQUE,\n"
  "  chat_id   TEXT NOT NULL,\n"
  "  content   TEXT NOT NULL DEFAULT '',\n"
  "  reel      TEXT,\n"
  "  attempts  INTEGER NOT NULL DEFAULT 0\n"
  ");\n"
  "CREATE INDEX outbox_by_chat ON outbox (chat_id);\n";

/*
 * Version 2: drafts, rewards, scores with their actions, and the full-text index of message
 * content (FTS5, external content: the text lives once, in messages), kept in step by
 * triggers and filled from the messages already stored.
 */
static const char schema_v2[] =
  "CREATE TABLE drafts (\n"
  "  chat_id TEXT PRIMARY KEY NOT NULL,\n"
  "  text    TEXT NOT NULL\n"
  ");\n"
  "CREATE TABLE rewards (\n"
  "  seq             INTEGER PRIMARY KEY,\n"
  "  id              TEXT NOT NULL UNIQUE,\n"
  "  title           TEXT,\n"
  "  description     TEXT,\n"
  "  remaining       INTEGER NOT NULL DEFAULT -1,\n"
  "  is_expired      INTEGER NOT NULL DEFAULT 0,\n"
  "  expires_at      INTEGER,\n"
  "  consumed_by_you INTEGER NOT NULL DEFAULT 0\n"
  ");\n"
  "CREATE TABLE scores (\n"
  "  day               TEXT PRIMARY KEY NOT NULL,\n"
  "  at                INTEGER NOT NULL,\n"
  "  weekday           TEXT,\n"
  "  reels_seen        INTEGER NOT NULL DEFAULT 0,\n"
  "  total_score       REAL,\n"
  "  social_score      REAL,\n"
  "  mindfulness_score REAL\n"
  ");\n"
  "CREATE TABLE score_actions (\n"
  "  day         TEXT NOT NULL REFERENCES scores (day) ON DELETE CASCADE,\n"
  "  section     TEXT NOT NULL CHECK (section IN ('social', 'mindfulness')),\n"
  "  position    INTEGER NOT NULL,\n"
  "  action_type TEXT,\n"
  "  label       TEXT NOT NULL DEFAULT '',\n"
  "  sub_label   TEXT,\n"
  "  value       REAL,\n"
  "  completed   INTEGER NOT NULL DEFAULT 0,\n"
  "  start_at    INTEGER NOT NULL DEFAULT -1,\n"
  "  PRIMARY KEY (day, section, position)\n"
  ");\n"
  "CREATE VIRTUAL TABLE messages_fts USING fts5 (\n"
  "  content, content = 'messages', content_rowid = 'seq',\n"
  "  tokenize = 'unicode61 remove_diacritics 2'\n"
  ");\n"
  "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN\n"
  "  INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);\n"
  "END;\n"
  "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN\n"
  "  INSERT INTO messages_fts (messages_fts, rowid, content)\n"
  "    VALUES ('delete', old.seq, old.content);\n"
  "END;\n"
  "CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages\n"
  "  WHEN old.content IS NOT new.content BEGIN\n"
  "  INSERT INTO messages_fts (messages_fts, rowid, content)\n"
  "    VALUES ('delete', old.seq, old.content);\n"
  "  INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);\n"
  "END;\n"
  "INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');\n";

/*
 * Version 3: new messages enter the full-text index from hearth-db-apply.c (a statement of
 * its own) instead of a trigger. A trigger runs inside a statement savepoint, and FTS5 flushes
 * its pending terms to disk at every savepoint: one index segment per message, which made
 * inserts several times slower than the rest of the write. Deletes and edits keep their
 * triggers (they are rare).
 */
static const char schema_v3[] =
  "DROP TRIGGER messages_fts_insert;\n";

/*
 * Version 4: the score history (the last days' totals, shown offline; filled from the scores
 * already stored, newest 30 days) and when a kind of data was last fetched from the server
 * ("wellbeing": rewards, score and history).
 */
static const char schema_v4[] =
  "CREATE TABLE score_history (\n"
  "  day         TEXT PRIMARY KEY NOT NULL,\n"
  "  at          INTEGER NOT NULL,\n"
  "  weekday     TEXT,\n"
  "  total_score REAL\n"
  ");\n"
  "INSERT INTO score_history (day, at, weekday, total_score)\n"
  "  SELECT day, at, weekday, total_score FROM scores ORDER BY day DESC LIMIT 30;\n"
  "CREATE TABLE fetch_times (\n"
  "  what TEXT PRIMARY KEY NOT NULL,\n"
  "  at   INTEGER NOT NULL\n"
  ");\n";

/*
 * Version 5: the kind of a history row: a message, or a local line about the chat's
 * membership ("Raj added you", "Mei was removed"). Those rows have a local id, are never in
 * the full-text index and are never a chat's last message. (The CHECK is written with OR:
 * an IN list opens a temporary b-tree on every insert.)
 */
static const char schema_v5[] =
  "ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'message'\n"
  "  CHECK (kind = 'message' OR kind = 'member-joined' OR kind = 'member-removed');\n";

static const char * const schema_steps[] = {
  NULL,
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
};

G_STATIC_ASSERT (G_N_ELEMENTS (schema_steps) == HEARTH_DATABASE_SCHEMA_VERSION + 1);

const char *
_hearth_db_schema_get_step (int to_version)
{
  g_return_val_if_fail (to_version >= 1 && to_version <= HEARTH_DATABASE_SCHEMA_VERSION, NULL);

  return schema_steps[to_version];
}

gboolean
_hearth_db_schema_migrate (HearthDbWorker  *worker,
                           int              version,
                           GError         **error)
{
  g_autofree char *set_version = NULL;

  g_assert (worker != NULL);
  g_assert (version >= 0 && version <= HEARTH_DATABASE_SCHEMA_VERSION);

  if (version == HEARTH_DATABASE_SCHEMA_VERSION)
    return TRUE;

  if (!_hearth_db_exec (worker, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (int v = version + 1; v <= HEARTH_DATABASE_SCHEMA_VERSION; v++)
    {
      g_debug ("Migrating the database to schema version %d", v);

      if (!_hearth_db_exec (worker, schema_steps[v], error))
        goto failed;
    }

  /* user_version is part of the database header, so it commits (or not) with the rest. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", HEARTH_DATABASE_SCHEMA_VERSION);
  if (!_hearth_db_exec (worker, set_version, error) ||
      !_hearth_db_exec (worker, "COMMIT", error))
    goto failed;

  return TRUE;

failed:
  if (!sqlite3_get_autocommit (worker->db))
    sqlite3_exec (worker->db, "ROLLBACK", NULL, NULL, NULL);

  g_prefix_error (error, "Could not migrate the database from schema version %d: ", version);
  return FALSE;
}
