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

/*
 * The connection is split by concern, all sharing this struct:
 *
 *   hearth-connection.c        the object: properties, signals, state, public API
 *   hearth-connection-link.c   one link: handshake, teardown, liveness (envelope heartbeat),
 *                              reconnect with backoff, the network monitor
 *   hearth-connection-queue.c  incoming frames: queued on arrival, decoded and delivered in
 *                              time-bounded slices (see there)
 *   hearth-connection-sio.c    the Socket.IO side of a link
 */

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
  /* A (re)connect waits for the frames of the lost link to be delivered first. */
  gboolean                 connect_pending;

  /* the current attempt / link */
  SoupSession             *session;
  GCancellable            *cancellable;
  SoupMessage             *handshake;
  HearthFraming            attempt_framing;
  SoupWebsocketConnection *ws;
  guint                    liveness_source;
  gint64                   last_activity;

  /* incoming frames not delivered yet (hearth-connection-queue.c); they belong to self->ws,
   * or to the link just lost when it is NULL, whose framing link_framing still is */
  GQueue                   chunks;
  guint                    queued_frames;
  gsize                    queued_bytes;
  GSource                 *drain_source;
  GSource                 *drain_guard;   /* QUEUE_MAX_WAIT_MS: no starving behind redraws */
  HearthFraming            link_framing;

  /* Socket.IO, as of the last frame taken from the queue */
  gboolean                 sio_open;
  gboolean                 sio_connected;
  guint                    ping_interval;
  guint                    ping_timeout;
  char                    *pid;
  char                    *last_offset;
  GPtrArray               *early_frames;
};

/* hearth-connection.c */
void _hearth_connection_set_state               (HearthConnection      *self,
                                                 HearthConnectionState  state);
void _hearth_connection_set_error               (HearthConnection      *self,
                                                 GError                *error);
void _hearth_connection_mark_connected          (HearthConnection      *self);
void _hearth_connection_emit_event              (HearthConnection      *self,
                                                 HearthEvent           *event);
void _hearth_connection_emit_frame_error        (HearthConnection      *self,
                                                 const GError          *error);

/* hearth-connection-link.c */
void _hearth_connection_connect_attempt         (HearthConnection *self);
void _hearth_connection_teardown_link           (HearthConnection *self,
                                                 gboolean          graceful);
void _hearth_connection_stop_for_good           (HearthConnection *self,
                                                 GError           *error);
void _hearth_connection_schedule_reconnect      (HearthConnection *self,
                                                 GError           *error);
void _hearth_connection_send_text               (HearthConnection *self,
                                                 const char       *text);
void _hearth_connection_clear_liveness          (HearthConnection *self);
void _hearth_connection_watch_network           (HearthConnection *self);

/* hearth-connection-queue.c */
void _hearth_connection_receive                 (HearthConnection *self,
                                                 gint              type,
                                                 GBytes           *message);
gboolean _hearth_connection_queue_is_empty      (HearthConnection *self);
void _hearth_connection_queue_clear             (HearthConnection *self);
void _hearth_connection_deliver_event           (HearthConnection *self,
                                                 HearthFrame      *frame);

/* hearth-connection-sio.c: the Socket.IO side of the link */
void _hearth_connection_sio_arm_dead_timer      (HearthConnection *self,
                                                 guint             timeout_ms);
void _hearth_connection_sio_handle_frame        (HearthConnection *self,
                                                 HearthFrame      *frame);
void _hearth_connection_sio_reset               (HearthConnection *self);

G_END_DECLS
