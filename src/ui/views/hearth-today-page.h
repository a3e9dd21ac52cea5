/* hearth-today-page.h: the Today page: the daily score dashboard
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-session.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_TODAY_PAGE (hearth_today_page_get_type ())
G_DECLARE_FINAL_TYPE (HearthTodayPage, hearth_today_page, HEARTH, TODAY_PAGE, GtkWidget)

/*
 * The store's score of the day: the day the server names, reels seen and the total; rings for
 * the total (against the daily goal), social and mindfulness (actions done); the history
 * chart of the last 7 or 30 days with the goal line and the streak; the actions of both
 * sections. It follows "score-updated" in place: no rebuilt rows, no lost scroll position.
 * While the session is not live the page says it shows the last known state.
 */

GtkWidget *hearth_today_page_new         (void);
void       hearth_today_page_set_session (HearthTodayPage *self,
                                          HearthSession   *session);

G_END_DECLS
