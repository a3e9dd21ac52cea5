/* hearth-window.h: the main window
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-demo.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_WINDOW (hearth_window_get_type ())
G_DECLARE_FINAL_TYPE (HearthWindow, hearth_window, HEARTH, WINDOW, AdwApplicationWindow)

/*
 * Properties:
 *  "demo"  the HearthDemo it shows, or NULL: then the window shows the sign-in placeholder
 */

HearthWindow *hearth_window_new      (AdwApplication *application,
                                      HearthDemo     *demo);
HearthDemo   *hearth_window_get_demo (HearthWindow   *self);
void          hearth_window_set_demo (HearthWindow   *self,
                                      HearthDemo     *demo);

G_END_DECLS
