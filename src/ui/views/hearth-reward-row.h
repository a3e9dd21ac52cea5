/* hearth-reward-row.h: one reward of the Rewards page
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-reward.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_REWARD_ROW (hearth_reward_row_get_type ())
G_DECLARE_FINAL_TYPE (HearthRewardRow, hearth_reward_row, HEARTH, REWARD_ROW, AdwActionRow)

/*
 * Shows a HearthReward: title, description, what is left, the expiry countdown and its state
 * (available with a "Use" button, used by you, expired, none left). It follows the reward's
 * properties live. Signal "use" (HearthReward *reward): the user pressed "Use" (the page
 * confirms and consumes). "busy" (boolean) shows a spinner instead of the button while a
 * consume request runs.
 */

GtkWidget    *hearth_reward_row_new          (HearthReward    *reward);
HearthReward *hearth_reward_row_get_reward   (HearthRewardRow *self);
/* Recomputes the countdown and the state against the clock (the page calls it each minute). */
void          hearth_reward_row_refresh      (HearthRewardRow *self);
void          hearth_reward_row_set_busy     (HearthRewardRow *self,
                                              gboolean         busy);
/* For tests: the state and countdown texts as shown. */
const char   *hearth_reward_row_get_status   (HearthRewardRow *self);
const char   *hearth_reward_row_get_countdown (HearthRewardRow *self);
gboolean      hearth_reward_row_can_use      (HearthRewardRow *self);

G_END_DECLS
