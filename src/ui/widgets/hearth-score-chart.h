/* hearth-score-chart.h: a bar chart of daily total scores
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_SCORE_CHART (hearth_score_chart_get_type ())
G_DECLARE_FINAL_TYPE (HearthScoreChart, hearth_score_chart, HEARTH, SCORE_CHART, GtkWidget)

/*
 * The last "days" days (local time) ending with the newest item's day, one focusable bar
 * each (a HearthScoreBar, in date order; a day without an item, or with a NaN total, is an
 * empty slot), weekday or date labels under them, and a dashed line at "goal". Follows the
 * model's items-changed and each shown item's "total-score" live. Focus or hover shows a
 * bar's value above it; its tooltip and accessible label read "Friday 6 November: 3.5".
 *
 * Properties: "model" (GListModel of HearthScore, nullable), "days" (1..366, default 7),
 * "goal" (double; none unless > 0), "maximum" (double: the top of the chart; 0, negative or
 * NaN: the largest of the goal and the shown values). Values are drawn clamped to 0..maximum.
 */

GtkWidget  *hearth_score_chart_new         (void);
GListModel *hearth_score_chart_get_model   (HearthScoreChart *self);
void        hearth_score_chart_set_model   (HearthScoreChart *self,
                                            GListModel       *model);
guint       hearth_score_chart_get_days    (HearthScoreChart *self);
void        hearth_score_chart_set_days    (HearthScoreChart *self,
                                            guint             days);
double      hearth_score_chart_get_goal    (HearthScoreChart *self);
void        hearth_score_chart_set_goal    (HearthScoreChart *self,
                                            double            goal);
double      hearth_score_chart_get_maximum (HearthScoreChart *self);
void        hearth_score_chart_set_maximum (HearthScoreChart *self,
                                            double            maximum);

G_END_DECLS
