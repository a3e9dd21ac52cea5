/* hearth-today-page-private.h: what the ui tests read of the Today page
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-score-chart.h"
#include "hearth-score-ring.h"
#include "hearth-today-page.h"

G_BEGIN_DECLS

typedef enum {
  HEARTH_TODAY_RING_TOTAL,
  HEARTH_TODAY_RING_SOCIAL,
  HEARTH_TODAY_RING_MINDFULNESS,
} HearthTodayRing;

/* "score", "empty" or "offline" */
const char      *_hearth_today_page_get_state    (HearthTodayPage *self);
const char      *_hearth_today_page_get_weekday  (HearthTodayPage *self);
const char      *_hearth_today_page_get_summary  (HearthTodayPage *self);
const char      *_hearth_today_page_get_streak   (HearthTodayPage *self);
const char      *_hearth_today_page_get_offline  (HearthTodayPage *self);
HearthScoreRing *_hearth_today_page_get_ring     (HearthTodayPage *self,
                                                  HearthTodayRing  ring);
HearthScoreChart *_hearth_today_page_get_chart   (HearthTodayPage *self);
/* The list box of the social (FALSE) or mindfulness (TRUE) actions. */
GtkListBox      *_hearth_today_page_get_actions  (HearthTodayPage *self,
                                                  gboolean         mindfulness);
GtkScrolledWindow *_hearth_today_page_get_scroller (HearthTodayPage *self);

G_END_DECLS
