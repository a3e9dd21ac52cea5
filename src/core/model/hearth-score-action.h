/* hearth-score-action.h: one action of a score section ("Send a DM to a friend")
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_SCORE_ACTION (hearth_score_action_get_type ())
G_DECLARE_FINAL_TYPE (HearthScoreAction, hearth_score_action, HEARTH, SCORE_ACTION, GObject)

/* Properties: "action-type" (the wire "type"), "label", "sub-label" (nullable), "value"
 * (double), "completed", "start-at" (local hour 0-23, or -1 when the action has none). */
/* "label" is never NULL: setting NULL stores "". start-at outside -1..23 is a programming
 * error (g_return_if_fail); the event parser maps such wire values to -1. */
HearthScoreAction *hearth_score_action_new            (const char        *action_type);
const char        *hearth_score_action_get_action_type (HearthScoreAction *self);
const char        *hearth_score_action_get_label      (HearthScoreAction *self);
void               hearth_score_action_set_label      (HearthScoreAction *self,
                                                       const char        *label);
const char        *hearth_score_action_get_sub_label  (HearthScoreAction *self);
void               hearth_score_action_set_sub_label  (HearthScoreAction *self,
                                                       const char        *sub_label);
double             hearth_score_action_get_value      (HearthScoreAction *self);
void               hearth_score_action_set_value      (HearthScoreAction *self,
                                                       double             value);
gboolean           hearth_score_action_get_completed  (HearthScoreAction *self);
void               hearth_score_action_set_completed  (HearthScoreAction *self,
                                                       gboolean           completed);
int                hearth_score_action_get_start_at   (HearthScoreAction *self);
void               hearth_score_action_set_start_at   (HearthScoreAction *self,
                                                       int                start_at);

G_END_DECLS
