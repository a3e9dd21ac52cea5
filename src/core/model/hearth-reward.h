/* hearth-reward.h
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_REWARD (hearth_reward_get_type ())
G_DECLARE_FINAL_TYPE (HearthReward, hearth_reward, HEARTH, REWARD, GObject)

/*
 * A reward (doc/API.md §3). Properties: "id" (construct-only), "title", "description",
 * "remaining" (gint64, -1 when unknown), "is-expired", "expires-at" (nullable GDateTime: never
 * expires), "is-consumed-by-you". Setters notify only when the value changes.
 */
HearthReward *hearth_reward_new                    (const char   *id);
const char   *hearth_reward_get_id                 (HearthReward *self);
const char   *hearth_reward_get_title              (HearthReward *self);
void          hearth_reward_set_title              (HearthReward *self,
                                                    const char   *title);
const char   *hearth_reward_get_description        (HearthReward *self);
void          hearth_reward_set_description        (HearthReward *self,
                                                    const char   *description);
gint64        hearth_reward_get_remaining          (HearthReward *self);
void          hearth_reward_set_remaining          (HearthReward *self,
                                                    gint64        remaining);
gboolean      hearth_reward_get_is_expired         (HearthReward *self);
void          hearth_reward_set_is_expired         (HearthReward *self,
                                                    gboolean      is_expired);
GDateTime    *hearth_reward_get_expires_at         (HearthReward *self);
void          hearth_reward_set_expires_at         (HearthReward *self,
                                                    GDateTime    *expires_at);
gboolean      hearth_reward_get_is_consumed_by_you (HearthReward *self);
void          hearth_reward_set_is_consumed_by_you (HearthReward *self,
                                                    gboolean      consumed);

G_END_DECLS
