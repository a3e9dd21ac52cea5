/* hearth-rewards-page.h: the Rewards page of the window's view switcher
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-session.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_REWARDS_PAGE (hearth_rewards_page_get_type ())
G_DECLARE_FINAL_TYPE (HearthRewardsPage, hearth_rewards_page, HEARTH, REWARDS_PAGE, GtkWidget)

/*
 * The store's rewards as a boxed list (HearthRewardRow), with designed empty and offline
 * states. "Use" asks for confirmation, then consumes through the session. While the session
 * is not live the page says the list is the last known one ("Offline — last updated …").
 * Signal "toast" (const char *text): something to tell the user (a reward you used, an error).
 */

GtkWidget  *hearth_rewards_page_new          (void);
void        hearth_rewards_page_set_session  (HearthRewardsPage *self,
                                              HearthSession     *session);
/* For tests: "list", "empty" or "offline"; and the rows' list box. */
const char *hearth_rewards_page_get_state    (HearthRewardsPage *self);
GtkListBox *hearth_rewards_page_get_list_box (HearthRewardsPage *self);
/* Consumes @reward_id without the confirmation dialog, as its "Use" response does. */
void        hearth_rewards_page_use          (HearthRewardsPage *self,
                                              const char        *reward_id);

G_END_DECLS
