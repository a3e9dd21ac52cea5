/* hearth-format-wellbeing.h: the words, days and numbers of the Rewards and Today pages
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"

G_BEGIN_DECLS

/* The daily goal of the total score: the goal line of the history chart, what a streak day
 * reaches and what fills the total ring. */
#define HEARTH_SCORE_GOAL 3.0

/* Functions take "now" so that tests pin the clock; strings are (transfer full) plain text. */

/* The calendar day a score (or history entry) belongs to. The server dates a day by its
 * local midnight, which may lie on the previous UTC day ("2025-11-07T18:30:00.000Z" is
 * Saturday 8 November in India): the day is the UTC date of @date + 12 h, right for every
 * zone from UTC−12 to UTC+12. (transfer full) */
GDate *hearth_score_calendar_day     (GDateTime         *date);
/* The day the server names ("saturday" → "Saturday", in the user's language when it is an
 * English weekday), else the weekday of the calendar day. */
char  *hearth_format_score_weekday   (HearthScore       *score);
/* "8 November" (with the year when it is not @now's). */
char  *hearth_format_score_date      (HearthScore       *score,
                                      GDateTime         *now);
/* A score value: "3", "3.5", "0.25"; "–" for NaN or infinity. */
char  *hearth_format_score_value     (double             value);
/* Whether @action of @score cannot be done yet: its startAt hour (local) is still ahead on
 * the score's day, or the score's day has not begun here. */
gboolean hearth_score_action_is_locked (HearthScoreAction *action,
                                        HearthScore       *score,
                                        GDateTime         *now);
/* "Available from 08:00". */
char  *hearth_format_start_at        (int                hour);
/* Days in a row, ending today or (while today's goal is not reached yet) yesterday, whose
 * total reached @goal; @history is a GListModel of HearthScore in any order. */
guint  hearth_score_streak           (GListModel        *history,
                                      double             goal,
                                      GDateTime         *now);
/* "4 days in a row", "1 day in a row"; "Reach 3 points to start a streak" for 0. */
char  *hearth_format_streak          (guint              days,
                                      double             goal);
/* "expires in 45 min", "expires in 3 h", "expires in 2 days", "expired"; NULL: no expiry. */
char  *hearth_format_expiry          (GDateTime         *expires_at,
                                      GDateTime         *now);
/* "12 left", "1 left", "none left". */
char  *hearth_format_remaining       (gint64             remaining);
/* The state of a reward for the user. */
typedef enum {
  HEARTH_REWARD_AVAILABLE,
  HEARTH_REWARD_USED,        /* used by you */
  HEARTH_REWARD_EXPIRED,
  HEARTH_REWARD_SOLD_OUT,    /* nothing left, not expired, not used by you */
} HearthRewardState;
HearthRewardState hearth_reward_state (HearthReward *reward,
                                       GDateTime    *now);
/* "Offline — last updated 14:05" (or "… yesterday", "… 12 Mar"); "Offline" for NULL. */
char  *hearth_format_last_updated    (GDateTime         *updated,
                                      GDateTime         *now);

G_END_DECLS
