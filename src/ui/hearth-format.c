/* hearth-format.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-format"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-format.h"

static GDateTime *
to_local_of (GDateTime *at,
             GDateTime *now)
{
  return g_date_time_to_timezone (at, g_date_time_get_timezone (now));
}

/* Whole calendar days from @at to @now in @now's zone (0: same day, 1: yesterday). */
static int
days_between (GDateTime *at,
              GDateTime *now)
{
  g_autoptr(GDateTime) local = to_local_of (at, now);
  g_autoptr(GDate) a = g_date_new_dmy (g_date_time_get_day_of_month (local),
                                       g_date_time_get_month (local),
                                       g_date_time_get_year (local));
  g_autoptr(GDate) b = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                       g_date_time_get_month (now),
                                       g_date_time_get_year (now));

  return g_date_days_between (a, b);
}

char *
hearth_format_clock (GDateTime *at)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (at != NULL, NULL);

  local = g_date_time_to_local (at);

  /* Translators: a message's time of day, strftime format */
  return g_date_time_format (local, _("%H:%M"));
}

char *
hearth_format_list_time (GDateTime *at,
                         GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  int days;

  g_return_val_if_fail (now != NULL, NULL);

  if (at == NULL)
    return g_strdup ("");

  local = to_local_of (at, now);
  days = days_between (at, now);

  if (days <= 0)
    return g_date_time_format (local, _("%H:%M"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days < 7)
    return g_date_time_format (local, "%A");
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a day of this year in the chat list, strftime format */
    return g_date_time_format (local, _("%-d %b"));

  /* Translators: a day of another year in the chat list, strftime format */
  return g_date_time_format (local, _("%-d %b %Y"));
}

char *
hearth_format_day (GDateTime *at,
                   GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;
  int days;

  g_return_val_if_fail (at != NULL && now != NULL, NULL);

  local = to_local_of (at, now);
  days = days_between (at, now);

  if (days <= 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days < 7)
    return g_date_time_format (local, "%A");
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a day separator in a conversation, strftime format */
    text = g_date_time_format (local, _("%A %-d %B"));
  else
    /* Translators: a day separator for another year, strftime format */
    text = g_date_time_format (local, _("%-d %B %Y"));

  return g_strdup (g_strstrip (text));
}

char *
hearth_format_presence (HearthUser *user,
                        GDateTime  *now)
{
  GDateTime *seen;
  GTimeSpan ago;
  int days;

  g_return_val_if_fail (HEARTH_IS_USER (user), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (hearth_user_get_online (user))
    return g_strdup (_("online"));

  seen = hearth_user_get_last_seen (user);
  if (seen == NULL)
    return g_strdup (_("offline"));

  ago = g_date_time_difference (now, seen);
  if (ago < G_TIME_SPAN_MINUTE)
    return g_strdup (_("last seen just now"));
  if (ago < G_TIME_SPAN_HOUR)
    {
      int minutes = (int) (ago / G_TIME_SPAN_MINUTE);

      return g_strdup_printf (ngettext ("last seen %d minute ago", "last seen %d minutes ago",
                                        minutes), minutes);
    }

  days = days_between (seen, now);
  if (days <= 0)
    {
      int hours = (int) (ago / G_TIME_SPAN_HOUR);

      return g_strdup_printf (ngettext ("last seen %d hour ago", "last seen %d hours ago",
                                        hours), hours);
    }
  if (days == 1)
    {
      g_autoptr(GDateTime) local = to_local_of (seen, now);
      g_autofree char *clock = g_date_time_format (local, _("%H:%M"));

      return g_strdup_printf (_("last seen yesterday at %s"), clock);
    }

  {
    g_autofree char *day = hearth_format_list_time (seen, now);

    return g_strdup_printf (_("last seen %s"), g_strstrip (day));
  }
}

char *
hearth_format_chat_subtitle (HearthChat *chat,
                             GDateTime  *now)
{
  GListModel *participants;
  const char *me_id;
  guint n_members;
  guint n_online = 0;

  g_return_val_if_fail (HEARTH_IS_CHAT (chat), NULL);

  participants = hearth_chat_get_participants (chat);
  me_id = hearth_chat_get_me_id (chat);
  n_members = g_list_model_get_n_items (participants);

  if (!hearth_chat_get_is_group (chat))
    {
      for (guint i = 0; i < n_members; i++)
        {
          g_autoptr(HearthUser) user = g_list_model_get_item (participants, i);

          if (g_strcmp0 (hearth_user_get_id (user), me_id) != 0)
            return hearth_format_presence (user, now);
        }

      return g_strdup ("");
    }

  for (guint i = 0; i < n_members; i++)
    {
      g_autoptr(HearthUser) user = g_list_model_get_item (participants, i);

      if (hearth_user_get_online (user) || g_strcmp0 (hearth_user_get_id (user), me_id) == 0)
        n_online++;
    }

  {
    g_autofree char *members = g_strdup_printf (ngettext ("%u member", "%u members", n_members),
                                                n_members);

    /* Translators: "3 members, 2 online" */
    return g_strdup_printf (_("%s, %u online"), members, n_online);
  }
}

char *
hearth_format_typing (HearthChat *chat)
{
  GListModel *typing;
  guint n;

  g_return_val_if_fail (HEARTH_IS_CHAT (chat), NULL);

  typing = hearth_chat_get_typing_users (chat);
  n = g_list_model_get_n_items (typing);

  if (n == 0)
    return NULL;

  if (n == 1)
    {
      g_autoptr(HearthUser) user = g_list_model_get_item (typing, 0);

      return g_strdup_printf (_("%s is typing…"), hearth_user_get_display_name (user));
    }

  if (n == 2)
    {
      g_autoptr(HearthUser) a = g_list_model_get_item (typing, 0);
      g_autoptr(HearthUser) b = g_list_model_get_item (typing, 1);

      return g_strdup_printf (_("%s and %s are typing…"),
                              hearth_user_get_display_name (a),
                              hearth_user_get_display_name (b));
    }

  return g_strdup_printf (ngettext ("%u person is typing…", "%u people are typing…", n), n);
}

char *
hearth_format_one_line (const char *text)
{
  GString *line;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  line = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = line->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (line, ' ');
      space = FALSE;
      g_string_append_unichar (line, c);
    }

  return g_string_free (line, FALSE);
}

char *
hearth_format_preview (HearthChat *chat)
{
  HearthMessage *last;
  g_autofree char *text = NULL;
  HearthUser *sender;
  const char *content;

  g_return_val_if_fail (HEARTH_IS_CHAT (chat), NULL);

  if (g_list_model_get_n_items (hearth_chat_get_typing_users (chat)) > 0)
    return g_strdup (_("typing…"));

  last = hearth_chat_get_last_message (chat);
  if (last == NULL)
    return g_strdup ("");

  content = hearth_message_get_content (last);
  if ((content == NULL || content[0] == '\0') && hearth_message_get_reel (last) != NULL)
    text = g_strdup (_("Reel"));
  else
    text = hearth_format_one_line (content);

  if (g_strcmp0 (hearth_message_get_sender_id (last), hearth_chat_get_me_id (chat)) == 0)
    /* Translators: the chat list's preview of my own last message */
    return g_strdup_printf (_("You: %s"), text);

  sender = hearth_message_get_sender (last);
  if (hearth_chat_get_is_group (chat) && sender != NULL)
    /* Translators: the chat list's preview of someone's last message in a group */
    return g_strdup_printf (_("%s: %s"), hearth_user_get_display_name (sender), text);

  return g_steal_pointer (&text);
}

char *
hearth_format_seen (HearthChat *chat,
                    guint       n_readers)
{
  guint others;

  g_return_val_if_fail (HEARTH_IS_CHAT (chat), NULL);

  if (n_readers == 0)
    return NULL;

  if (!hearth_chat_get_is_group (chat))
    return g_strdup (_("Seen"));

  others = g_list_model_get_n_items (hearth_chat_get_participants (chat));
  others = others > 0 ? others - 1 : 0;
  if (n_readers >= others)
    return g_strdup (_("Seen by everyone"));

  return g_strdup_printf (ngettext ("Seen by %u", "Seen by %u", n_readers), n_readers);
}

char *
hearth_format_member_line (HearthMessage *line,
                           const char    *me_id)
{
  HearthUser *user;
  const char *name = NULL;

  g_return_val_if_fail (HEARTH_IS_MESSAGE (line), NULL);

  user = hearth_message_get_sender (line);
  if (user != NULL)
    name = hearth_user_get_display_name (user);

  switch (hearth_message_get_kind (line))
    {
    case HEARTH_MESSAGE_KIND_MEMBER_JOINED:
      if (name == NULL || g_strcmp0 (hearth_message_get_sender_id (line), me_id) == 0)
        return g_strdup (_("You were added"));
      /* Translators: a line in a chat's history; %s is who added you */
      return g_strdup_printf (_("%s added you"), name);

    case HEARTH_MESSAGE_KIND_MEMBER_REMOVED:
      if (g_strcmp0 (hearth_message_get_sender_id (line), me_id) == 0)
        return g_strdup (_("You were removed"));
      /* Translators: a line in a chat's history; %s is who was removed */
      return g_strdup_printf (_("%s was removed"), name != NULL ? name : _("Someone"));

    case HEARTH_MESSAGE_KIND_TEXT:
    default:
      return NULL;
    }
}
