/* test-format.c: the words and times the views show
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-format"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "hearth-format.h"
#include "hearth-format-wellbeing.h"

static GDateTime *
at (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return g_date_time_new_from_iso8601 (iso, utc);
}

static void
test_list_time (void)
{
  g_autoptr(GDateTime) now = at ("2026-03-14T12:00:00Z");
  g_autoptr(GDateTime) today = at ("2026-03-14T09:05:00Z");
  g_autoptr(GDateTime) yesterday = at ("2026-03-13T23:59:00Z");
  g_autoptr(GDateTime) tuesday = at ("2026-03-10T08:00:00Z");
  g_autoptr(GDateTime) january = at ("2026-01-02T08:00:00Z");
  g_autoptr(GDateTime) last_year = at ("2025-12-24T08:00:00Z");
  g_autofree char *a = hearth_format_list_time (today, now);
  g_autofree char *b = hearth_format_list_time (yesterday, now);
  g_autofree char *c = hearth_format_list_time (tuesday, now);
  g_autofree char *d = hearth_format_list_time (january, now);
  g_autofree char *e = hearth_format_list_time (last_year, now);
  g_autofree char *none = hearth_format_list_time (NULL, now);

  g_assert_cmpstr (a, ==, "09:05");
  g_assert_cmpstr (b, ==, "Yesterday");
  g_assert_cmpstr (c, ==, "Tuesday");
  g_assert_cmpstr (g_strstrip (d), ==, "2 Jan");
  g_assert_cmpstr (g_strstrip (e), ==, "24 Dec 2025");
  g_assert_cmpstr (none, ==, "");
}

static void
test_day (void)
{
  g_autoptr(GDateTime) now = at ("2026-03-14T12:00:00Z");
  g_autoptr(GDateTime) today = at ("2026-03-14T00:00:00Z");
  g_autoptr(GDateTime) old = at ("2026-02-03T10:00:00Z");
  g_autofree char *a = hearth_format_day (today, now);
  g_autofree char *b = hearth_format_day (old, now);

  g_assert_cmpstr (a, ==, "Today");
  g_assert_cmpstr (b, ==, "Tuesday 3 February");
}

static void
test_presence (void)
{
  g_autoptr(GDateTime) now = at ("2026-03-14T12:00:00Z");
  g_autoptr(HearthUser) raj = hearth_user_new ("raj");
  g_autoptr(GDateTime) seen = NULL;
  g_autofree char *never = NULL;
  g_autofree char *online = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *one_minute = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *yesterday = NULL;

  never = hearth_format_presence (raj, now);
  g_assert_cmpstr (never, ==, "offline");

  hearth_user_set_online (raj, TRUE);
  online = hearth_format_presence (raj, now);
  g_assert_cmpstr (online, ==, "online");
  hearth_user_set_online (raj, FALSE);

  seen = at ("2026-03-14T11:55:00Z");
  hearth_user_set_last_seen (raj, seen);
  minutes = hearth_format_presence (raj, now);
  g_assert_cmpstr (minutes, ==, "last seen 5 minutes ago");
  g_date_time_unref (seen);

  seen = at ("2026-03-14T11:58:30Z");
  hearth_user_set_last_seen (raj, seen);
  one_minute = hearth_format_presence (raj, now);
  g_assert_cmpstr (one_minute, ==, "last seen 1 minute ago");
  g_date_time_unref (seen);

  seen = at ("2026-03-14T09:00:00Z");
  hearth_user_set_last_seen (raj, seen);
  hours = hearth_format_presence (raj, now);
  g_assert_cmpstr (hours, ==, "last seen 3 hours ago");
  g_date_time_unref (seen);

  seen = at ("2026-03-13T14:05:00Z");
  hearth_user_set_last_seen (raj, seen);
  yesterday = hearth_format_presence (raj, now);
  g_assert_cmpstr (yesterday, ==, "last seen yesterday at 14:05");
}

static HearthChat *
group_chat (void)
{
  HearthChat *chat = hearth_chat_new ("c1");
  g_autoptr(HearthUser) me = hearth_user_new ("me");
  g_autoptr(HearthUser) raj = hearth_user_new ("raj");
  g_autoptr(HearthUser) mei = hearth_user_new ("mei");
  HearthUser *users[3];

  hearth_user_set_name (me, "Alex");
  hearth_user_set_name (raj, "Raj Kumar");
  hearth_user_set_name (mei, "Mei <Chen> & co");
  hearth_user_set_online (raj, TRUE);
  users[0] = me;
  users[1] = raj;
  users[2] = mei;
  hearth_chat_set_me_id (chat, "me");
  hearth_chat_set_name (chat, "Trip");
  hearth_chat_set_participants (chat, users, 3);

  return chat;
}

static void
test_group_subtitle_and_typing (void)
{
  g_autoptr(GDateTime) now = at ("2026-03-14T12:00:00Z");
  g_autoptr(HearthChat) chat = group_chat ();
  g_autofree char *subtitle = hearth_format_chat_subtitle (chat, now);
  g_autofree char *nobody = hearth_format_typing (chat);
  g_autofree char *one = NULL;
  g_autofree char *two = NULL;
  g_autofree char *preview = NULL;

  g_assert_cmpstr (subtitle, ==, "3 members, 2 online");
  g_assert_null (nobody);

  hearth_chat_add_typing_user (chat, hearth_chat_find_participant (chat, "mei"));
  one = hearth_format_typing (chat);
  g_assert_cmpstr (one, ==, "Mei <Chen> & co is typing…");
  preview = hearth_format_preview (chat);
  g_assert_cmpstr (preview, ==, "typing…");

  hearth_chat_add_typing_user (chat, hearth_chat_find_participant (chat, "raj"));
  two = hearth_format_typing (chat);
  g_assert_true (g_str_has_suffix (two, " are typing…"));
}

static void
test_preview (void)
{
  g_autoptr(HearthChat) chat = group_chat ();
  g_autoptr(HearthMessage) message = hearth_message_new ("m1", "c1");
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *reel = NULL;
  g_autofree char *line = hearth_format_one_line ("  two\n\nlines\t here  ");

  g_assert_cmpstr (line, ==, "two lines here");

  hearth_message_set_sender_id (message, "raj");
  hearth_message_set_sender (message, hearth_chat_find_participant (chat, "raj"));
  hearth_message_set_content (message, "<b>hi</b>\nthere");
  hearth_chat_set_last_message (chat, message);
  theirs = hearth_format_preview (chat);
  g_assert_cmpstr (theirs, ==, "Raj Kumar: <b>hi</b> there");

  hearth_message_set_sender_id (message, "me");
  mine = hearth_format_preview (chat);
  g_assert_cmpstr (mine, ==, "You: <b>hi</b> there");

  hearth_message_set_content (message, "");
  hearth_message_set_reel (message, "https://example.org/reel/1");
  reel = hearth_format_preview (chat);
  g_assert_cmpstr (reel, ==, "You: Reel");
}

static void
test_seen (void)
{
  g_autoptr(HearthChat) chat = group_chat ();
  g_autofree char *none = hearth_format_seen (chat, 0);
  g_autofree char *one = hearth_format_seen (chat, 1);
  g_autofree char *all = hearth_format_seen (chat, 2);

  g_assert_null (none);
  g_assert_cmpstr (one, ==, "Seen by 1");
  g_assert_cmpstr (all, ==, "Seen by everyone");
}

static HearthScore *
score_at (const char *iso,
          const char *day)
{
  g_autoptr(GDateTime) date = at (iso);
  HearthScore *score = hearth_score_new (date);

  hearth_score_set_day (score, day);

  return score;
}

/* The seed's date is a local midnight east of UTC: the day it names, wherever the user is. */
static void
test_score_day (void)
{
  g_autoptr(HearthScore) seed = score_at ("2025-11-07T18:30:00.000Z", "saturday");
  g_autoptr(HearthScore) unnamed = score_at ("2025-11-07T18:30:00.000Z", NULL);
  g_autoptr(HearthScore) west = score_at ("2026-03-14T05:00:00.000Z", NULL);
  g_autoptr(HearthScore) other = score_at ("2026-03-14T00:00:00.000Z", "día de fiesta");
  g_autoptr(GDateTime) now = at ("2026-03-14T12:00:00Z");
  g_autoptr(GDate) day = hearth_score_calendar_day (hearth_score_get_date (seed));
  g_autofree char *a = hearth_format_score_weekday (seed);
  g_autofree char *b = hearth_format_score_weekday (unnamed);
  g_autofree char *c = hearth_format_score_weekday (west);
  g_autofree char *d = hearth_format_score_weekday (other);
  g_autofree char *e = hearth_format_score_date (seed, now);
  g_autofree char *f = hearth_format_score_date (west, now);

  g_assert_cmpint (g_date_get_day (day), ==, 8);
  g_assert_cmpint (g_date_get_month (day), ==, G_DATE_NOVEMBER);
  g_assert_cmpstr (a, ==, "Saturday");
  g_assert_cmpstr (b, ==, "Saturday");
  g_assert_cmpstr (c, ==, "Saturday");     /* midnight in UTC−5 */
  g_assert_cmpstr (d, ==, "Día de fiesta");
  g_assert_cmpstr (e, ==, "8 November 2025");
  g_assert_cmpstr (f, ==, "14 March");
}

static void
test_score_value (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 3, "3" }, { 3.5, "3.5" }, { 0.25, "0.25" }, { 1.0 / 3, "0.33" }, { 0, "0" },
    { -0.001, "0" }, { -2, "-2" }, { 1e9, "1000000000" }, { NAN, "–" }, { INFINITY, "–" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hearth_format_score_value (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* startAt is a local hour of the score's day. */
static void
test_action_locked (void)
{
  g_autoptr(GTimeZone) india = g_time_zone_new_identifier ("+05:30");
  g_autoptr(GDateTime) morning = g_date_time_new (india, 2025, 11, 8, 7, 59, 0);
  g_autoptr(GDateTime) eight = g_date_time_new (india, 2025, 11, 8, 8, 0, 0);
  g_autoptr(GDateTime) day_before = g_date_time_new (india, 2025, 11, 7, 22, 0, 0);
  g_autoptr(GDateTime) day_after = g_date_time_new (india, 2025, 11, 9, 6, 0, 0);
  g_autoptr(HearthScore) score = score_at ("2025-11-07T18:30:00.000Z", "saturday");
  g_autoptr(HearthScoreAction) focus = hearth_score_action_new ("focus-video");
  g_autoptr(HearthScoreAction) anytime = hearth_score_action_new ("send-dm-message");
  g_autofree char *note = hearth_format_start_at (8);

  hearth_score_action_set_start_at (focus, 8);

  g_assert_true (hearth_score_action_is_locked (focus, score, morning));
  g_assert_false (hearth_score_action_is_locked (focus, score, eight));
  g_assert_true (hearth_score_action_is_locked (focus, score, day_before));
  g_assert_false (hearth_score_action_is_locked (focus, score, day_after));
  g_assert_false (hearth_score_action_is_locked (anytime, score, morning));

  /* Done early (another device): not locked. */
  hearth_score_action_set_completed (focus, TRUE);
  g_assert_false (hearth_score_action_is_locked (focus, score, morning));

  g_assert_cmpstr (note, ==, "Available from 08:00");
}

static void
append_day (GListStore *history,
            const char *iso,
            double      total)
{
  g_autoptr(HearthScore) score = score_at (iso, NULL);

  hearth_score_set_total_score (score, total);
  g_list_store_append (history, score);
}

static void
test_streak (void)
{
  g_autoptr(GListStore) history = g_list_store_new (HEARTH_TYPE_SCORE);
  g_autoptr(GDateTime) now = at ("2026-03-14T12:00:00Z");
  g_autofree char *four = NULL;
  g_autofree char *one = hearth_format_streak (1, 3);
  g_autofree char *none = hearth_format_streak (0, 3);

  g_assert_cmpuint (hearth_score_streak (G_LIST_MODEL (history), 3, now), ==, 0);

  append_day (history, "2026-03-09T00:00:00.000Z", 4);    /* broken by the 10th */
  append_day (history, "2026-03-10T00:00:00.000Z", 1);
  append_day (history, "2026-03-11T00:00:00.000Z", 3);
  append_day (history, "2026-03-12T00:00:00.000Z", NAN);  /* not a number: not reached */
  g_assert_cmpuint (hearth_score_streak (G_LIST_MODEL (history), 3, now), ==, 0);

  append_day (history, "2026-03-12T18:30:00.000Z", 3.5);  /* the 13th, east of UTC */
  append_day (history, "2026-03-12T00:00:00.000Z", 3);
  /* Today (the 14th) not reached yet: the streak up to yesterday still counts. */
  append_day (history, "2026-03-14T00:00:00.000Z", 1);
  g_assert_cmpuint (hearth_score_streak (G_LIST_MODEL (history), 3, now), ==, 3);

  append_day (history, "2026-03-14T00:00:00.000Z", 3);
  g_assert_cmpuint (hearth_score_streak (G_LIST_MODEL (history), 3, now), ==, 4);

  four = hearth_format_streak (4, 3);
  g_assert_cmpstr (four, ==, "4 days in a row");
  g_assert_cmpstr (one, ==, "1 day in a row");
  g_assert_cmpstr (none, ==, "Reach 3 points in a day to start a streak");
}

static void
test_rewards (void)
{
  g_autoptr(GDateTime) now = at ("2026-03-14T12:00:00Z");
  g_autoptr(GDateTime) soon = at ("2026-03-14T12:45:30Z");
  g_autoptr(GDateTime) later = at ("2026-03-14T15:10:00Z");
  g_autoptr(GDateTime) days = at ("2026-03-24T12:00:00Z");
  g_autoptr(GDateTime) past = at ("2026-03-14T11:00:00Z");
  g_autoptr(HearthReward) reward = hearth_reward_new ("r1");
  g_autofree char *a = hearth_format_expiry (soon, now);
  g_autofree char *b = hearth_format_expiry (later, now);
  g_autofree char *c = hearth_format_expiry (days, now);
  g_autofree char *d = hearth_format_expiry (past, now);
  g_autofree char *e = hearth_format_expiry (NULL, now);
  g_autofree char *left = hearth_format_remaining (12);
  g_autofree char *gone = hearth_format_remaining (-3);
  g_autofree char *offline = hearth_format_last_updated (later, later);
  g_autofree char *never = hearth_format_last_updated (NULL, now);

  g_assert_cmpstr (a, ==, "expires in 45 min");
  g_assert_cmpstr (b, ==, "expires in 3 h");
  g_assert_cmpstr (c, ==, "expires in 10 days");
  g_assert_cmpstr (d, ==, "expired");
  g_assert_null (e);
  g_assert_cmpstr (left, ==, "12 left");
  g_assert_cmpstr (gone, ==, "none left");
  g_assert_cmpstr (offline, ==, "Offline — last updated 15:10");
  g_assert_cmpstr (never, ==, "Offline");

  hearth_reward_set_remaining (reward, 2);
  hearth_reward_set_expires_at (reward, days);
  g_assert_cmpint (hearth_reward_state (reward, now), ==, HEARTH_REWARD_AVAILABLE);
  g_assert_cmpint (hearth_reward_state (reward, days), ==, HEARTH_REWARD_EXPIRED);
  hearth_reward_set_remaining (reward, 0);
  g_assert_cmpint (hearth_reward_state (reward, now), ==, HEARTH_REWARD_SOLD_OUT);
  hearth_reward_set_is_expired (reward, TRUE);
  g_assert_cmpint (hearth_reward_state (reward, now), ==, HEARTH_REWARD_EXPIRED);
  hearth_reward_set_is_consumed_by_you (reward, TRUE);
  g_assert_cmpint (hearth_reward_state (reward, now), ==, HEARTH_REWARD_USED);
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated strings and the C time formats; times in UTC. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/Format/list-time", test_list_time);
  g_test_add_func ("/Hearth/Format/day", test_day);
  g_test_add_func ("/Hearth/Format/presence", test_presence);
  g_test_add_func ("/Hearth/Format/group-subtitle-typing", test_group_subtitle_and_typing);
  g_test_add_func ("/Hearth/Format/preview", test_preview);
  g_test_add_func ("/Hearth/Format/seen", test_seen);
  g_test_add_func ("/Hearth/Format/score-day", test_score_day);
  g_test_add_func ("/Hearth/Format/score-value", test_score_value);
  g_test_add_func ("/Hearth/Format/action-locked", test_action_locked);
  g_test_add_func ("/Hearth/Format/streak", test_streak);
  g_test_add_func ("/Hearth/Format/rewards", test_rewards);

  return g_test_run ();
}
