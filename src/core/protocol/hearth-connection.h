/* hearth-connection.h: the WebSocket link to the server (both framings)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_CONNECTION_ERROR (hearth_connection_error_quark ())

typedef enum
{
  HEARTH_CONNECTION_ERROR_BAD_URL,          /* the server URL is not http(s) */
  HEARTH_CONNECTION_ERROR_AUTH,             /* token refused (HTTP 401/403, CONNECT_ERROR, authorization-failed) */
  HEARTH_CONNECTION_ERROR_TERMINATED,       /* account-terminated */
  HEARTH_CONNECTION_ERROR_KICKED,           /* Socket.IO server-side DISCONNECT */
  HEARTH_CONNECTION_ERROR_HANDSHAKE,        /* upgrade refused for another reason */
  HEARTH_CONNECTION_ERROR_DEAD,             /* heartbeat timed out */
  HEARTH_CONNECTION_ERROR_CLOSED,           /* the server closed or the network failed */
  HEARTH_CONNECTION_ERROR_NOT_CONNECTED,    /* emit() while not connected */
} HearthConnectionError;

#define HEARTH_TYPE_CONNECTION (hearth_connection_get_type ())
G_DECLARE_FINAL_TYPE (HearthConnection, hearth_connection, HEARTH, CONNECTION, GObject)

/*
 * Properties:
 *  "url"                  server base URL (construct-only), e.g. http://127.0.0.1:8080
 *  "token"                bearer token (construct-only; never logged)
 *  "framing"              HearthFraming asked for (default AUTO)
 *  "effective-framing"    what the last successful handshake used (read-only)
 *  "state"                HearthConnectionState (read-only)
 *  "max-frame-size"       largest incoming frame in bytes (default 16 MiB)
 *  "reconnect-base-ms"    first reconnect delay (default 1000); doubles per failure
 *  "reconnect-max-ms"     cap of the delay (default 30000); ±50 % jitter on top
 *  "heartbeat-interval-ms" envelope framing: WebSocket ping period (default 20000)
 *  "heartbeat-timeout-ms" envelope framing: dead after this long without pong or frame (45000)
 *  "network-monitor"      GNetworkMonitor (construct-only; default: the system's)
 *
 * Signals:
 *  "event" (HearthEvent *event): every valid incoming application event, in order.
 *  "frame-error" (GError *error): an incoming frame was malformed and dropped (logged too).
 * Both are emitted from a main-loop source at G_PRIORITY_DEFAULT_IDLE, in slices of a few ms,
 * never inside libsoup's read: frames are queued as they arrive (hearth-connection-queue.c).
 * Events received before the link was lost are still delivered (while RECONNECTING, before
 * the next link starts); after stop() nothing is.
 */

GQuark                 hearth_connection_error_quark        (void);

HearthConnection      *hearth_connection_new                (const char        *url,
                                                             const char        *token);
const char            *hearth_connection_get_url            (HearthConnection  *self);
HearthFraming          hearth_connection_get_framing        (HearthConnection  *self);
void                   hearth_connection_set_framing        (HearthConnection  *self,
                                                             HearthFraming      framing);
HearthFraming          hearth_connection_get_effective_framing (HearthConnection *self);
HearthConnectionState  hearth_connection_get_state          (HearthConnection  *self);
/* Why the connection is not connected (last failure), or NULL. */
const GError          *hearth_connection_get_error          (HearthConnection  *self);

/* Starts connecting (DISCONNECTED or STOPPED -> CONNECTING). */
void                   hearth_connection_start              (HearthConnection  *self);
/* Closes cleanly and stays STOPPED until start() is called again. */
void                   hearth_connection_stop               (HearthConnection  *self);
/* Skips the backoff wait: used on network-back and resume-from-suspend. */
void                   hearth_connection_reconnect_now      (HearthConnection  *self);
/* Sends an event created by hearth_event_new_emitted(). Never queued: fails with
 * HEARTH_CONNECTION_ERROR_NOT_CONNECTED when not connected. */
gboolean               hearth_connection_emit               (HearthConnection  *self,
                                                             HearthEvent       *event,
                                                             GError           **error);

G_END_DECLS
