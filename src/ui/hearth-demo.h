/* hearth-demo.h: the in-process demo: reference server + a connection signed in to it
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-server.h"
#include "hearth-types.h"

G_BEGIN_DECLS

/* How many received events the log keeps (newest first). */
#define HEARTH_DEMO_MAX_EVENTS 100

#define HEARTH_TYPE_DEMO (hearth_demo_get_type ())
G_DECLARE_FINAL_TYPE (HearthDemo, hearth_demo, HEARTH, DEMO, GObject)

/*
 * Properties (read-only):
 *  "state"          HearthConnectionState of the connection (DISCONNECTED until started)
 *  "framing"        HearthFraming the connection negotiated (AUTO until the first handshake)
 *  "url"            the demo server's base URL, or NULL before start()
 *  "error-message"  why the server could not start or the connection is down, or NULL
 *  "events"         GListModel of HearthEventRecord: the last HEARTH_DEMO_MAX_EVENTS events
 *                   received, newest first
 */

HearthDemo            *hearth_demo_new               (void);
/* Starts the reference server on 127.0.0.1 (any free port) with the demo cast, then connects
 * to it as the demo user. On failure sets "error-message" too. */
gboolean               hearth_demo_start             (HearthDemo  *self,
                                                      GError     **error);
/* Closes the connection and shuts the server down. Safe to call twice. */
void                   hearth_demo_stop              (HearthDemo  *self);
HearthConnectionState  hearth_demo_get_state         (HearthDemo  *self);
HearthFraming          hearth_demo_get_framing       (HearthDemo  *self);
const char            *hearth_demo_get_url           (HearthDemo  *self);
const char            *hearth_demo_get_error_message (HearthDemo  *self);
GListModel            *hearth_demo_get_events        (HearthDemo  *self);
/* The connection once started (NULL before), e.g. to emit events. */
HearthConnection      *hearth_demo_get_connection    (HearthDemo  *self);
/* The in-process server once started (NULL before): the demo cast acts through it. */
HearthServer          *hearth_demo_get_server        (HearthDemo  *self);

G_END_DECLS
