/* hearth-score.h: the daily wellbeing score (the score-updated shape)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_SCORE (hearth_score_get_type ())
G_DECLARE_FINAL_TYPE (HearthScore, hearth_score, HEARTH, SCORE, GObject)

/* Properties: "date" (GDateTime as the server sent it, UTC), "day" (e.g. "saturday",
 * nullable), "reels-seen" (int), "total-score", "social-score", "mindfulness-score" (double),
 * and two GListModels of HearthScoreAction: "social-actions", "mindfulness-actions". */
HearthScore *hearth_score_new                     (GDateTime   *date);
GDateTime   *hearth_score_get_date                (HearthScore *self);
const char  *hearth_score_get_day                 (HearthScore *self);
void         hearth_score_set_day                 (HearthScore *self,
                                                   const char  *day);
int          hearth_score_get_reels_seen          (HearthScore *self);
void         hearth_score_set_reels_seen          (HearthScore *self,
                                                   int          reels_seen);
double       hearth_score_get_total_score         (HearthScore *self);
void         hearth_score_set_total_score         (HearthScore *self,
                                                   double       total_score);
double       hearth_score_get_social_score        (HearthScore *self);
void         hearth_score_set_social_score        (HearthScore *self,
                                                   double       score);
double       hearth_score_get_mindfulness_score   (HearthScore *self);
void         hearth_score_set_mindfulness_score   (HearthScore *self,
                                                   double       score);
GListModel  *hearth_score_get_social_actions      (HearthScore *self);
GListModel  *hearth_score_get_mindfulness_actions (HearthScore *self);
/* Replace the actions of a section (array of HearthScoreAction; one items-changed). */
void         hearth_score_set_social_actions      (HearthScore *self,
                                                   GPtrArray   *actions);
void         hearth_score_set_mindfulness_actions (HearthScore *self,
                                                   GPtrArray   *actions);

G_END_DECLS
