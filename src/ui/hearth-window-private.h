/* hearth-window-private.h: internals of HearthWindow shared with the ui tests
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-window.h"

G_BEGIN_DECLS

/* "welcome" (no demo) or "demo". */
const char    *_hearth_window_get_page         (HearthWindow *self);
AdwStatusPage *_hearth_window_get_welcome_page (HearthWindow *self);
AdwStatusPage *_hearth_window_get_status_page  (HearthWindow *self);
/* "empty" or "events". */
const char    *_hearth_window_get_events_page  (HearthWindow *self);
GtkListView   *_hearth_window_get_events_view  (HearthWindow *self);

G_END_DECLS
