/* hearth-settings.h: the app's GSettings, when its schema is installed
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

/* The io.github.hearthchat.Hearth settings (data/io.github.hearthchat.Hearth.gschema.xml), or
 * NULL when the schema is not installed (a build run without GSETTINGS_SCHEMA_DIR): then
 * every setting keeps its default and the preferences are unavailable. (transfer full) */
GSettings     *hearth_settings_new          (void);
/* "framing" ("auto", "socket.io", "envelope") as a HearthFraming, and back. */
HearthFraming  hearth_settings_framing_from_string (const char   *framing);
const char    *hearth_settings_framing_to_string   (HearthFraming framing);

G_END_DECLS
