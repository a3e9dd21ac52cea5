/* hearth-preferences-window.h: the preferences (Ctrl+,)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_PREFERENCES_WINDOW (hearth_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (HearthPreferencesWindow, hearth_preferences_window, HEARTH, PREFERENCES_WINDOW, AdwPreferencesWindow)

/*
 * Every row is bound to a key of @settings (hearth-settings.h): the server and its framing,
 * notifications and their content, the privacy switches (typing indicators, read receipts),
 * running in the background and starting at login. "Sign Out" activates win.sign-out of the
 * transient parent and closes the preferences.
 */

GtkWidget *hearth_preferences_window_new (GtkWindow *parent,
                                          GSettings *settings,
                                          gboolean   signed_in);

G_END_DECLS
