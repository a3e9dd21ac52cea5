/* hearth-connection-private.h: internals shared by the connection's files
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "hearth-codec.h"
#include "hearth-connection.h"

G_BEGIN_DECLS

struct _HearthConnection
{
  GObject                  parent_instance;

  /* construct-only */
  char                    *url;
  char                    *token;
  GNetworkMonitor         *monitor;

  /* settings */
  HearthFraming            framing;
  guint64                  max_frame_size;
  guint                    reconnect_base_ms;
  guint                    reconnect_max_ms;
  guint                    heartbeat_interval_ms;
  guint                    heartbeat_timeout_ms;

  /* state */
  HearthConnectionState    state;
  HearthFraming            effective_framing;
  /* AUTO: what worked last time with this server (the object is per server). */
  HearthFraming            remembered_framing;
  GError                  *error;
  guint                    failures;
  guint                    reconnect_source;

  /* the current attempt / link */
  SoupSession             *session;
  GCancellable            *cancellable;
  SoupMessage             *handshake;
  HearthFraming            attempt_framing;
  SoupWebsocketConnection *ws;
  guint                    liveness_source;
  gint64                   last_activity;

  /* Socket.IO */
  gboolean                 sio_open;
  gboolean                 sio_connected;
  guint                    ping_interval;
  guint                    ping_timeout;
  char                    *pid;
  char                    *last_offset;
  GPtrArray               *early_frames;
};

void _hearth_connection_stop_for_good           (HearthConnection *self,
                                                 GError           *error);
void _hearth_connection_schedule_reconnect      (HearthConnection *self,
                                                 GError           *error);
void _hearth_connection_deliver_event           (HearthConnection *self,
                                                 HearthFrame      *frame);
void _hearth_connection_send_text               (HearthConnection *self,
                                                 const char       *text);
void _hearth_connection_mark_connected          (HearthConnection *self);
void _hearth_connection_clear_liveness          (HearthConnection *self);

/* hearth-connection-sio.c: the Socket.IO side of the link */
void _hearth_connection_sio_arm_dead_timer      (HearthConnection *self,
                                                 guint             timeout_ms);
void _hearth_connection_sio_handle_frame        (HearthConnection *self,
                                                 HearthFrame      *frame);

G_END_DECLS
