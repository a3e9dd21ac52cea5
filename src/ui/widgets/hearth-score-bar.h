/* hearth-score-bar.h: one day's bar in a HearthScoreChart (internal to the chart)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_SCORE_BAR (hearth_score_bar_get_type ())
G_DECLARE_FINAL_TYPE (HearthScoreBar, hearth_score_bar, HEARTH, SCORE_BAR, GtkWidget)

/*
 * A focusable column (CSS name "scorebar") that draws its bar from the bottom of its
 * allocation, "fraction" of its height high, in its CSS color; a day without a value is a
 * faint stub. Focused (keyboard) it draws a focus ring; the chart draws the value above it.
 * Its accessible label and tooltip read "Friday 6 November: 3.5" ("…: no score" when empty).
 */

GtkWidget  *hearth_score_bar_new            (void);
/* @day: the day shown (any time of that day, local); @value is ignored without @has_value;
 * @fraction: the bar's height, clamped to 0..1. */
void        hearth_score_bar_set_day        (HearthScoreBar  *self,
                                             GDateTime       *day,
                                             gboolean         has_value,
                                             double           value,
                                             double           fraction);
GDateTime  *hearth_score_bar_get_day        (HearthScoreBar  *self);
gboolean    hearth_score_bar_get_has_value  (HearthScoreBar  *self);
double      hearth_score_bar_get_value      (HearthScoreBar  *self);
double      hearth_score_bar_get_fraction   (HearthScoreBar  *self);
/* "3.5", "4", "1.2e+06"; "" without a value. */
const char *hearth_score_bar_get_value_text (HearthScoreBar  *self);
/* "Friday 6 November: 3.5", as the accessible label and the tooltip. */
const char *hearth_score_bar_get_label      (HearthScoreBar  *self);
/* Where the bar (or the empty stub) is drawn, in the bar's coordinates. */
void        hearth_score_bar_get_bar_bounds (HearthScoreBar  *self,
                                             graphene_rect_t *bounds);

G_END_DECLS
