/* hearth-connection-banner.h: "Connecting…", "Offline …", "Catching up…", "Verify your email"
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-session.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_CONNECTION_BANNER (hearth_connection_banner_get_type ())
G_DECLARE_FINAL_TYPE (HearthConnectionBanner, hearth_connection_banner, HEARTH, CONNECTION_BANNER, GtkWidget)

/*
 * A banner under the header bar (libadwaita 1.2 has no AdwBanner) that follows a session's
 * connection: "Connecting…" while the first connection is made, "Offline — messages will be
 * sent when you are back" with Retry (reconnect now) while it is lost, "Catching up…" from a
 * connection until the session's "resynced", then nothing, unless the server sent
 * verification-required ("Verify your email address to send messages", until the next
 * session). Hidden without a session.
 */

GtkWidget  *hearth_connection_banner_new         (void);
void        hearth_connection_banner_set_session (HearthConnectionBanner *self,
                                                  HearthSession          *session);
/* The text shown, or NULL when the banner is hidden. */
const char *hearth_connection_banner_get_text    (HearthConnectionBanner *self);
GtkLabel   *hearth_connection_banner_get_label   (HearthConnectionBanner *self);

G_END_DECLS
