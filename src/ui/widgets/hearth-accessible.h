/* hearth-accessible.h: names for the unnamed buttons inside GTK and libadwaita widgets
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives every button under @root that shows only the icon @icon_name (a GtkButton's
 * "icon-name", or a GtkImage child of a button) the accessible label @label. GTK 4.8 and
 * libadwaita 1.2 leave some of their own icon buttons unnamed (the password entry's
 * show-text toggle, a toast's close button, the shortcuts window's search toggle). Returns
 * how many it named. */
guint hearth_accessible_name_icon_buttons (GtkWidget  *root,
                                           const char *icon_name,
                                           const char *label);

G_END_DECLS
