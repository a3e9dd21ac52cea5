-- SPDX-License-Identifier: GPL-3.0-or-later
-- schema-v2-rows.sql: rows written while schema version 2 was current. test-database builds
-- the v2 database as version 2 left it: schema-v1.sql, then step 2 of
-- src/core/store/hearth-db-schema.c (with its FTS insert trigger), then these rows.
-- Times are microseconds since the epoch, UTC.

-- Indexed by the version 2 trigger.
INSERT INTO messages (seq, id, client_id, chat_id, sender_id, content, reel, at, state) VALUES
  (100, 'm-v2', NULL, 'c-group', 'u-mei', 'Marmalade sandwiches on Sunday', NULL, 1773000000000000, 'sent');
INSERT INTO drafts (chat_id, text) VALUES ('c-direct', 'half-written reply');

PRAGMA user_version = 2;
