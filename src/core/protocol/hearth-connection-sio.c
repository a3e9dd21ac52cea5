/* hearth-connection-sio.c: Socket.IO v4 over WebSocket (SOCKETIO.md §8), client side
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-connection"

#include "config.h"

#include "hearth-connection-private.h"
#include "hearth-json.h"

/* Socket.IO liveness: the server pings every pingInterval; no ping for
 * pingInterval + pingTimeout means the link is dead (SOCKETIO.md §3). The same timer guards the
 * handshake until the first ping can be expected. */
static gboolean
sio_dead_cb (gpointer user_data)
{
  HearthConnection *self = user_data;

  self->liveness_source = 0;
  _hearth_connection_schedule_reconnect (self, g_error_new (HEARTH_CONNECTION_ERROR,
                                         HEARTH_CONNECTION_ERROR_DEAD,
                                         self->sio_open ?
                                         "No ping from the server: connection lost" :
                                         "The server did not complete the handshake"));
  return G_SOURCE_REMOVE;
}

void
_hearth_connection_sio_arm_dead_timer (HearthConnection *self,
                                       guint             timeout_ms)
{
  _hearth_connection_clear_liveness (self);
  self->liveness_source = g_timeout_add (timeout_ms, sio_dead_cb, self);
}

static void
sio_send_connect (HearthConnection *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *text = NULL;

  /* As the JS client does: recovery fields first, auth merged over them. */
  json_builder_begin_object (builder);
  if (self->pid != NULL && self->last_offset != NULL)
    {
      json_builder_set_member_name (builder, "pid");
      json_builder_add_string_value (builder, self->pid);
      json_builder_set_member_name (builder, "offset");
      json_builder_add_string_value (builder, self->last_offset);
    }
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, self->token ? self->token : "");
  json_builder_end_object (builder);

  payload = json_builder_get_root (builder);
  text = hearth_codec_encode_connect (payload);
  _hearth_connection_send_text (self, text);
}

static void
sio_handle_event (HearthConnection *self,
                  HearthFrame      *frame)
{
  gint64 ack_id = hearth_frame_get_ack_id (frame);
  const char *offset = hearth_frame_get_offset (frame);

  if (g_strcmp0 (hearth_frame_get_namespace (frame), "/") != 0)
    return;

  if (ack_id >= 0)
    {
      g_autofree char *ack = hearth_codec_encode_ack (ack_id, NULL);

      _hearth_connection_send_text (self, ack);
    }

  if (offset != NULL)
    {
      g_free (self->last_offset);
      self->last_offset = g_strdup (offset);
    }

  /* Replayed events may precede the CONNECT reply (SOCKETIO.md §4, ordering pitfall). */
  if (!self->sio_connected)
    {
      g_ptr_array_add (self->early_frames, hearth_frame_ref (frame));
      return;
    }

  _hearth_connection_deliver_event (self, frame);
}

static void
sio_handle_connect (HearthConnection *self,
                    HearthFrame      *frame)
{
  g_autoptr(GPtrArray) early = NULL;
  const char *pid = hearth_frame_get_pid (frame);
  SoupWebsocketConnection *ws = self->ws;

  if (g_strcmp0 (hearth_frame_get_namespace (frame), "/") != 0 || self->sio_connected)
    return;

  if (g_strcmp0 (pid, self->pid) != 0)
    {
      /* A new session: offsets of the old one mean nothing any more. */
      g_clear_pointer (&self->last_offset, g_free);
      g_free (self->pid);
      self->pid = g_strdup (pid);
    }
  else if (pid != NULL)
    g_debug ("%s: session recovered", self->url);

  self->sio_connected = TRUE;
  _hearth_connection_sio_arm_dead_timer (self, self->ping_interval + self->ping_timeout);
  _hearth_connection_mark_connected (self);

  early = g_steal_pointer (&self->early_frames);
  self->early_frames = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_frame_unref);
  for (guint i = 0; i < early->len && self->ws == ws && self->sio_connected; i++)
    _hearth_connection_deliver_event (self, g_ptr_array_index (early, i));
}

void
_hearth_connection_sio_reset (HearthConnection *self)
{
  self->sio_open = FALSE;
  self->sio_connected = FALSE;
  if (self->early_frames != NULL)
    g_ptr_array_set_size (self->early_frames, 0);
}

void
_hearth_connection_sio_handle_frame (HearthConnection *self,
                                     HearthFrame      *frame)
{
  HearthFrameType type = hearth_frame_get_frame_type (frame);

  /* A frame of a link already lost, taken from the queue after it went down: its events are
   * still delivered and the server's verdicts (DISCONNECT, CONNECT_ERROR) still count, but it
   * drives no link any more (no CONNECT, no timers; acks have nowhere to go). */
  if (self->ws == NULL && type != HEARTH_FRAME_EVENT && type != HEARTH_FRAME_DISCONNECT &&
      type != HEARTH_FRAME_CONNECT_ERROR)
    return;

  switch (type)
    {
    case HEARTH_FRAME_OPEN:
      if (self->sio_open)
        break;
      self->sio_open = TRUE;
      self->ping_interval = hearth_frame_get_ping_interval (frame);
      self->ping_timeout = hearth_frame_get_ping_timeout (frame);
      if (self->ping_interval == 0)
        self->ping_interval = 25000;
      if (self->ping_timeout == 0)
        self->ping_timeout = 20000;
      _hearth_connection_sio_arm_dead_timer (self, self->ping_interval + self->ping_timeout);
      sio_send_connect (self);
      break;

    case HEARTH_FRAME_PING:
      {
        g_autofree char *pong = hearth_codec_encode_pong ();

        _hearth_connection_send_text (self, pong);
        if (self->sio_open)
          _hearth_connection_sio_arm_dead_timer (self, self->ping_interval + self->ping_timeout);
      }
      break;

    case HEARTH_FRAME_CONNECT:
      sio_handle_connect (self, frame);
      break;

    case HEARTH_FRAME_CONNECT_ERROR:
      if (g_strcmp0 (hearth_frame_get_namespace (frame), "/") == 0)
        _hearth_connection_stop_for_good (self, g_error_new (HEARTH_CONNECTION_ERROR,
                                          HEARTH_CONNECTION_ERROR_AUTH,
                                          "The server refused the connection: %s",
                                          hearth_frame_get_error_message (frame)));
      break;

    case HEARTH_FRAME_EVENT:
      sio_handle_event (self, frame);
      break;

    case HEARTH_FRAME_DISCONNECT:
      if (g_strcmp0 (hearth_frame_get_namespace (frame), "/") == 0)
        _hearth_connection_stop_for_good (self, g_error_new_literal (HEARTH_CONNECTION_ERROR,
                                                  HEARTH_CONNECTION_ERROR_KICKED,
                                                  "The server ended the session"));
      break;

    case HEARTH_FRAME_CLOSE:
      _hearth_connection_schedule_reconnect (self, g_error_new_literal (HEARTH_CONNECTION_ERROR,
                                                     HEARTH_CONNECTION_ERROR_CLOSED,
                                                     "The server closed the connection"));
      break;

    case HEARTH_FRAME_PONG:
    case HEARTH_FRAME_NOOP:
    case HEARTH_FRAME_ACK:
    default:
      break;
    }
}

