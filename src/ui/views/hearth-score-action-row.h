/* hearth-score-action-row.h: one action of the Today page's Social or Mindfulness list
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-score.h"
#include "hearth-score-action.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_SCORE_ACTION_ROW (hearth_score_action_row_get_type ())
G_DECLARE_FINAL_TYPE (HearthScoreActionRow, hearth_score_action_row, HEARTH, SCORE_ACTION_ROW, AdwActionRow)

/*
 * Label, sub-label, value and a completed check of a HearthScoreAction, following it live.
 * An action whose startAt hour is still ahead on its score's day is dimmed and says
 * "Available from 08:00" until then (hearth_score_action_row_refresh() re-reads the clock).
 */

GtkWidget         *hearth_score_action_row_new        (HearthScoreAction    *action,
                                                       HearthScore          *score);
HearthScoreAction *hearth_score_action_row_get_action (HearthScoreActionRow *self);
void               hearth_score_action_row_refresh    (HearthScoreActionRow *self);
/* For tests: the value text and the "Available from" note as shown ("" when none). */
const char        *hearth_score_action_row_get_value_text (HearthScoreActionRow *self);
const char        *hearth_score_action_row_get_note       (HearthScoreActionRow *self);
gboolean           hearth_score_action_row_get_locked     (HearthScoreActionRow *self);

G_END_DECLS
