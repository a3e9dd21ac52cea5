/* test-format.c: the words and times the views show
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-format"

#include "config.h"

#include <locale.h>

#include "hearth-format.h"

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

  return g_test_run ();
}
