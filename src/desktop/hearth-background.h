/* hearth-background.h: running in the background and starting at login
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_BACKGROUND (hearth_background_get_type ())
G_DECLARE_FINAL_TYPE (HearthBackground, hearth_background, HEARTH, BACKGROUND, GObject)

/*
 * Outside a sandbox, "start at login" is an XDG autostart entry
 * ($XDG_CONFIG_HOME/autostart/<app id>.desktop) that starts `hearth --gapplication-service`
 * (the connection and notifications, no window). Inside Flatpak both running in the
 * background and starting at login are asked of the Background portal
 * (org.freedesktop.portal.Background.RequestBackground), which the user may refuse.
 *
 * Properties: "app-id" (construct-only), "sandboxed" (read-only: /.flatpak-info exists, or
 * forced for tests with hearth_background_new_for_sandbox()).
 */

HearthBackground *hearth_background_new             (const char        *app_id);
HearthBackground *hearth_background_new_for_sandbox (const char        *app_id,
                                                     gboolean           sandboxed);
gboolean          hearth_background_get_sandboxed   (HearthBackground  *self);
/* The autostart entry's path (outside a sandbox). (transfer full) */
char             *hearth_background_dup_autostart_path (HearthBackground *self);
/* Whether the autostart entry exists (outside a sandbox; FALSE inside). */
gboolean          hearth_background_get_autostart   (HearthBackground  *self);

/* Asks to keep running with no window and (@autostart) to start at login. Outside a sandbox
 * it writes or removes the autostart entry at once; inside it asks the portal (@parent_window:
 * an XDG foreign handle or ""). Finishes with TRUE when granted, FALSE with an error when
 * refused or impossible. */
void              hearth_background_request_async   (HearthBackground   *self,
                                                     gboolean            autostart,
                                                     const char         *parent_window,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean          hearth_background_request_finish  (HearthBackground   *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

G_END_DECLS
