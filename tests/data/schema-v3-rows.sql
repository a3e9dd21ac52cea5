-- SPDX-License-Identifier: GPL-3.0-or-later
-- schema-v3-rows.sql: rows written while schema version 3 was current. test-wellbeing builds
-- the v3 database as version 3 left it: schema-v1.sql, then steps 2 and 3 of
-- src/core/store/hearth-db-schema.c, then these rows. Times are microseconds since the epoch,
-- UTC.

-- 32 days of scores, 2026-01-01 to 2026-02-01: total i / 2 on day i (from 0); the day before
-- the last has no total (NaN is stored as NULL), the last one is a Sunday with an action.
WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 31)
INSERT INTO scores (day, at, weekday, reels_seen, total_score, social_score, mindfulness_score)
  SELECT date ('2026-01-01', '+' || i || ' days'),
         CAST (strftime ('%s', date ('2026-01-01', '+' || i || ' days')) AS INTEGER) * 1000000,
         CASE WHEN i = 31 THEN 'sunday' END,
         i,
         CASE WHEN i = 30 THEN NULL ELSE i * 0.5 END,
         i * 0.25,
         i * 0.25
  FROM n;
INSERT INTO score_actions (day, section, position, action_type, label, sub_label, value,
                           completed, start_at) VALUES
  ('2026-02-01', 'social', 0, 'send-dm-message', 'Send a DM to a friend', NULL, 1, 1, -1);
INSERT INTO rewards (id, title, description, remaining, is_expired, expires_at,
                     consumed_by_you) VALUES
  ('r-v3', 'Free coffee', 'Any size', 4, 0, NULL, 1);

PRAGMA user_version = 3;
