/* hearth-format-wellbeing.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-format"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "hearth-format.h"
#include "hearth-format-wellbeing.h"

static const char * const english_weekdays[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

GDate *
hearth_score_calendar_day (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) noon = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  utc = g_date_time_to_utc (date);
  noon = g_date_time_add_hours (utc, 12);

  return g_date_new_dmy (g_date_time_get_day_of_month (noon),
                         g_date_time_get_month (noon),
                         g_date_time_get_year (noon));
}

static GDate *
local_today (GDateTime *now)
{
  return g_date_new_dmy (g_date_time_get_day_of_month (now),
                         g_date_time_get_month (now),
                         g_date_time_get_year (now));
}

static char *
format_gdate (const GDate *date,
              const char  *format)
{
  char buffer[128];

  if (g_date_strftime (buffer, sizeof buffer, format, date) == 0)
    return g_strdup ("");

  return g_locale_to_utf8 (buffer, -1, NULL, NULL, NULL);
}

char *
hearth_format_score_weekday (HearthScore *score)
{
  const char *day;
  g_autoptr(GDate) date = NULL;

  g_return_val_if_fail (HEARTH_IS_SCORE (score), NULL);

  day = hearth_score_get_day (score);

  if (day != NULL && *day != '\0')
    {
      for (guint i = 0; i < G_N_ELEMENTS (english_weekdays); i++)
        {
          if (g_ascii_strcasecmp (day, english_weekdays[i]) == 0)
            {
              /* 1 January 2024 was a Monday. */
              g_autoptr(GDate) weekday = g_date_new_dmy (1 + i, G_DATE_JANUARY, 2024);
              g_autofree char *text = format_gdate (weekday, "%A");

              if (text != NULL && *text != '\0')
                return g_steal_pointer (&text);
            }
        }

      /* Not an English weekday: the server's word, first letter up. */
      if (g_utf8_validate (day, -1, NULL))
        {
          g_autofree char *first = g_utf8_strup (day, g_utf8_next_char (day) - day);

          return g_strconcat (first, g_utf8_next_char (day), NULL);
        }
    }

  date = hearth_score_calendar_day (hearth_score_get_date (score));

  return format_gdate (date, "%A");
}

char *
hearth_format_score_date (HearthScore *score,
                          GDateTime   *now)
{
  g_autoptr(GDate) date = NULL;

  g_return_val_if_fail (HEARTH_IS_SCORE (score), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  date = hearth_score_calendar_day (hearth_score_get_date (score));

  if (g_date_get_year (date) == g_date_time_get_year (now))
    /* Translators: a day of the dashboard, strftime format: "8 November" */
    return format_gdate (date, _("%-d %B"));

  /* Translators: a day of the dashboard in another year, strftime format */
  return format_gdate (date, _("%-d %B %Y"));
}

char *
hearth_format_score_value (double value)
{
  g_autofree char *text = NULL;

  if (!isfinite (value))
    return g_strdup ("–");

  /* At most two decimals, trailing zeros dropped ("3", "3.5", "0.25"), with the locale's
   * decimal separator. */
  text = g_strdup_printf ("%.2f", round (value * 100) / 100);
  {
    const char *point = localeconv ()->decimal_point;
    char *sep = (point != NULL && *point != '\0') ? strstr (text, point) : NULL;

    if (sep != NULL)
      {
        char *end = text + strlen (text) - 1;

        while (end > sep && *end == '0')
          *end-- = '\0';
        if (end < sep + strlen (point))
          *sep = '\0';
      }
  }
  if (strcmp (text, "-0") == 0)
    return g_strdup ("0");

  return g_steal_pointer (&text);
}

gboolean
hearth_score_action_is_locked (HearthScoreAction *action,
                               HearthScore       *score,
                               GDateTime         *now)
{
  int start_at;
  g_autoptr(GDate) day = NULL;
  g_autoptr(GDate) today = NULL;
  int cmp;

  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION (action), FALSE);
  g_return_val_if_fail (HEARTH_IS_SCORE (score), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  start_at = hearth_score_action_get_start_at (action);
  if (start_at < 0 || start_at > 23 || hearth_score_action_get_completed (action))
    return FALSE;

  day = hearth_score_calendar_day (hearth_score_get_date (score));
  today = local_today (now);
  cmp = g_date_compare (day, today);

  if (cmp > 0)
    return TRUE;   /* the server's day has not begun here */
  if (cmp < 0)
    return FALSE;  /* a past day: nothing to wait for */

  return g_date_time_get_hour (now) < start_at;
}

char *
hearth_format_start_at (int hour)
{
  /* Translators: when a score action can be done, a 24 h time */
  return g_strdup_printf (_("Available from %02d:00"), CLAMP (hour, 0, 23));
}

guint
hearth_score_streak (GListModel *history,
                     double      goal,
                     GDateTime  *now)
{
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  g_autoptr(GDate) day = NULL;
  guint n, streak = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (history), 0);
  g_return_val_if_fail (now != NULL, 0);

  n = g_list_model_get_n_items (history);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthScore) score = g_list_model_get_item (history, i);
      g_autoptr(GDate) date = hearth_score_calendar_day (hearth_score_get_date (score));
      double total = hearth_score_get_total_score (score);

      if (isfinite (total) && total >= goal)
        g_hash_table_add (reached, GUINT_TO_POINTER (g_date_get_julian (date)));
    }

  day = local_today (now);

  /* Today still counts as in progress: a streak that ends yesterday is still on. */
  if (!g_hash_table_contains (reached, GUINT_TO_POINTER (g_date_get_julian (day))))
    g_date_subtract_days (day, 1);

  while (g_date_valid (day) &&
         g_hash_table_contains (reached, GUINT_TO_POINTER (g_date_get_julian (day))))
    {
      streak++;
      if (g_date_get_julian (day) <= 1)
        break;
      g_date_subtract_days (day, 1);
    }

  return streak;
}

char *
hearth_format_streak (guint  days,
                      double goal)
{
  if (days == 0)
    {
      g_autofree char *points = hearth_format_score_value (goal);

      /* Translators: %s is the daily goal, e.g. "3" */
      return g_strdup_printf (_("Reach %s points in a day to start a streak"), points);
    }

  return g_strdup_printf (ngettext ("%u day in a row", "%u days in a row", days), days);
}

char *
hearth_format_expiry (GDateTime *expires_at,
                      GDateTime *now)
{
  GTimeSpan left;
  gint64 minutes, hours, days;

  g_return_val_if_fail (now != NULL, NULL);

  if (expires_at == NULL)
    return NULL;

  left = g_date_time_difference (expires_at, now);
  if (left <= 0)
    return g_strdup (_("expired"));

  minutes = left / G_TIME_SPAN_MINUTE;
  if (minutes < 1)
    return g_strdup (_("expires in under a minute"));
  if (minutes < 60)
    /* Translators: a reward's countdown, in minutes */
    return g_strdup_printf (_("expires in %d min"), (int) minutes);

  hours = left / G_TIME_SPAN_HOUR;
  if (hours < 48)
    /* Translators: a reward's countdown, in hours */
    return g_strdup_printf (_("expires in %d h"), (int) hours);

  days = left / G_TIME_SPAN_DAY;
  return g_strdup_printf (ngettext ("expires in %d day", "expires in %d days", (gulong) days),
                          (int) MIN (days, G_MAXINT));
}

char *
hearth_format_remaining (gint64 remaining)
{
  if (remaining <= 0)
    return g_strdup (_("none left"));

  {
    guint shown = (guint) MIN (remaining, (gint64) G_MAXUINT);

    /* Translators: how many of a reward are left */
    return g_strdup_printf (ngettext ("%u left", "%u left", shown), shown);
  }
}

HearthRewardState
hearth_reward_state (HearthReward *reward,
                     GDateTime    *now)
{
  GDateTime *expires_at;

  g_return_val_if_fail (HEARTH_IS_REWARD (reward), HEARTH_REWARD_EXPIRED);
  g_return_val_if_fail (now != NULL, HEARTH_REWARD_EXPIRED);

  if (hearth_reward_get_is_consumed_by_you (reward))
    return HEARTH_REWARD_USED;

  expires_at = hearth_reward_get_expires_at (reward);
  if (hearth_reward_get_is_expired (reward) ||
      (expires_at != NULL && g_date_time_compare (expires_at, now) <= 0))
    return HEARTH_REWARD_EXPIRED;

  if (hearth_reward_get_remaining (reward) <= 0)
    return HEARTH_REWARD_SOLD_OUT;

  return HEARTH_REWARD_AVAILABLE;
}

char *
hearth_format_last_updated (GDateTime *updated,
                            GDateTime *now)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  if (updated == NULL)
    return g_strdup (_("Offline"));

  when = hearth_format_list_time (updated, now);

  /* Translators: %s is "14:05", "Yesterday" or "12 Mar" */
  return g_strdup_printf (_("Offline — last updated %s"), when);
}
