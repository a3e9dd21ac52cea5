-- SPDX-License-Identifier: GPL-3.0-or-later
-- schema-v2.sql: a database as schema version 2 left it: the v1 fixture (schema-v1.sql),
-- then step 2 of src/core/store/hearth-db-schema.c verbatim (with its FTS insert trigger),
-- then rows written while version 2 was current. Times are microseconds since the epoch, UTC.

CREATE TABLE users (
  id        TEXT PRIMARY KEY NOT NULL,
  name      TEXT,
  username  TEXT,
  photo     TEXT,
  online    INTEGER NOT NULL DEFAULT 0,
  last_seen INTEGER
);
CREATE TABLE chats (
  id         TEXT PRIMARY KEY NOT NULL,
  name       TEXT,
  admin_id   TEXT,
  created_at INTEGER,
  unread     INTEGER NOT NULL DEFAULT 0,
  has_left   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE members (
  chat_id      TEXT NOT NULL REFERENCES chats (id) ON DELETE CASCADE,
  user_id      TEXT NOT NULL REFERENCES users (id),
  position     INTEGER NOT NULL,
  last_read_at INTEGER,
  PRIMARY KEY (chat_id, user_id)
);
CREATE TABLE messages (
  seq       INTEGER PRIMARY KEY,
  id        TEXT UNIQUE,
  client_id TEXT UNIQUE,
  chat_id   TEXT NOT NULL,
  sender_id TEXT,
  content   TEXT NOT NULL DEFAULT '',
  reel      TEXT,
  at        INTEGER NOT NULL,
  state     TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('sent', 'queued', 'failed')),
  CHECK (id IS NOT NULL OR client_id IS NOT NULL)
);
CREATE INDEX messages_by_chat_time ON messages (chat_id, at, seq);
CREATE TABLE outbox (
  seq       INTEGER PRIMARY KEY,
  client_id TEXT NOT NULL UNIQUE,
  chat_id   TEXT NOT NULL,
  content   TEXT NOT NULL DEFAULT '',
  reel      TEXT,
  attempts  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_by_chat ON outbox (chat_id);

-- Sample rows: two users besides me, a direct chat and a group, history, a queued message.
INSERT INTO users (id, name, username, photo, online, last_seen) VALUES
  ('u-me', 'Ana Lima', 'ana', NULL, 1, NULL),
  ('u-raj', 'Raj Kumar', 'raj', 'https://example.com/raj.png', 0, 1714815000000000),
  ('u-mei', 'Mei Chen', 'mei', NULL, 0, NULL);

INSERT INTO chats (id, name, admin_id, created_at, unread, has_left) VALUES
  ('c-direct', NULL, NULL, 1714780800000000, 1, 0),
  ('c-group', 'Book club', 'u-raj', 1714744800000000, 0, 0);

INSERT INTO members (chat_id, user_id, position, last_read_at) VALUES
  ('c-direct', 'u-me', 0, 1714816860000000),
  ('c-direct', 'u-raj', 1, 1714816920000000),
  ('c-group', 'u-raj', 0, NULL),
  ('c-group', 'u-me', 1, 1714816500000000),
  ('c-group', 'u-mei', 2, NULL);

INSERT INTO messages (seq, id, client_id, chat_id, sender_id, content, reel, at, state) VALUES
  (1, 'm-1', NULL, 'c-direct', 'u-raj', 'Pancakes on Saturday?', NULL, 1714816800000000, 'sent'),
  (2, 'm-2', 'cl-2', 'c-direct', 'u-me', 'Only if there is maple syrup', NULL, 1714816860000000, 'sent'),
  (3, 'm-3', NULL, 'c-direct', 'u-raj', 'Watch this', 'https://example.com/reel/42', 1714816980000000, 'sent'),
  (4, 'm-4', NULL, 'c-group', 'u-mei', 'Chapter seven was wonderful', NULL, 1714816200000000, 'sent'),
  (5, NULL, 'cl-5', 'c-group', 'u-me', 'I am still on chapter five', NULL, 1714817040000000, 'queued');

INSERT INTO outbox (seq, client_id, chat_id, content, reel, attempts) VALUES
  (1, 'cl-5', 'c-group', 'I am still on chapter five', NULL, 2);


-- Step 2.
CREATE TABLE drafts (
  chat_id TEXT PRIMARY KEY NOT NULL,
  text    TEXT NOT NULL
);
CREATE TABLE rewards (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  title           TEXT,
  description     TEXT,
  remaining       INTEGER NOT NULL DEFAULT -1,
  is_expired      INTEGER NOT NULL DEFAULT 0,
  expires_at      INTEGER,
  consumed_by_you INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE scores (
  day               TEXT PRIMARY KEY NOT NULL,
  at                INTEGER NOT NULL,
  weekday           TEXT,
  reels_seen        INTEGER NOT NULL DEFAULT 0,
  total_score       REAL,
  social_score      REAL,
  mindfulness_score REAL
);
CREATE TABLE score_actions (
  day         TEXT NOT NULL REFERENCES scores (day) ON DELETE CASCADE,
  section     TEXT NOT NULL CHECK (section IN ('social', 'mindfulness')),
  position    INTEGER NOT NULL,
  action_type TEXT,
  label       TEXT NOT NULL DEFAULT '',
  sub_label   TEXT,
  value       REAL,
  completed   INTEGER NOT NULL DEFAULT 0,
  start_at    INTEGER NOT NULL DEFAULT -1,
  PRIMARY KEY (day, section, position)
);
CREATE VIRTUAL TABLE messages_fts USING fts5 (
  content, content = 'messages', content_rowid = 'seq',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
  INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, content)
    VALUES ('delete', old.seq, old.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages
  WHEN old.content IS NOT new.content BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, content)
    VALUES ('delete', old.seq, old.content);
  INSERT INTO messages_fts (rowid, content) VALUES (new.seq, new.content);
END;
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

-- Written under version 2 (indexed by the trigger).
INSERT INTO messages (seq, id, client_id, chat_id, sender_id, content, reel, at, state) VALUES
  (100, 'm-v2', NULL, 'c-group', 'u-mei', 'Marmalade sandwiches on Sunday', NULL, 1773000000000000, 'sent');
INSERT INTO drafts (chat_id, text) VALUES ('c-direct', 'half-written reply');

PRAGMA user_version = 2;
