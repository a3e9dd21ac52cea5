/* hearth-connection-link.c: one link to the server: handshake, teardown, liveness, reconnect
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-connection"

#include "config.h"

#include "hearth-utils.h"

#include <string.h>

#include <libsoup/soup.h>

#include "hearth-codec.h"
#include "hearth-connection-private.h"

void
_hearth_connection_clear_liveness (HearthConnection *self)
{
  g_clear_handle_id (&self->liveness_source, g_source_remove);
}

/* Drops the current link, but neither the frames it left in the queue nor the Socket.IO state
 * they are read with (see hearth-connection-queue.c). @graceful sends a Socket.IO DISCONNECT
 * and a close frame; otherwise the stream is closed at once (a dead or misbehaving peer gets
 * no more of our time). */
void
_hearth_connection_teardown_link (HearthConnection *self,
                                  gboolean          graceful)
{
  g_autoptr(SoupWebsocketConnection) ws = g_steal_pointer (&self->ws);

  _hearth_connection_clear_liveness (self);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->handshake);

  if (ws == NULL)
    return;

  g_signal_handlers_disconnect_by_data (ws, self);

  if (soup_websocket_connection_get_state (ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  if (graceful)
    {
      if (self->effective_framing == HEARTH_FRAMING_SOCKET_IO)
        {
          g_autofree char *disconnect = hearth_codec_encode_disconnect ();

          soup_websocket_connection_send_text (ws, disconnect);
        }
      soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    }
  else
    {
      GIOStream *stream = soup_websocket_connection_get_io_stream (ws);

      g_io_stream_close (stream, NULL, NULL);
    }
}

void
_hearth_connection_stop_for_good (HearthConnection *self,
                                  GError           *error)
{
  G_GNUC_UNUSED g_autoptr(GObject) hold = g_object_ref (G_OBJECT (self));

  if (error != NULL)
    g_message ("%s: stopped: %s", self->url, error->message);

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  self->connect_pending = FALSE;
  _hearth_connection_teardown_link (self, TRUE);
  /* Stopped means no more events, whatever was still queued. */
  _hearth_connection_queue_clear (self);
  _hearth_connection_sio_reset (self);
  _hearth_connection_set_error (self, error);
  _hearth_connection_set_state (self, HEARTH_CONNECTION_STOPPED);
}

static gboolean
reconnect_timeout_cb (gpointer user_data)
{
  HearthConnection *self = user_data;

  self->reconnect_source = 0;
  _hearth_connection_connect_attempt (self);

  return G_SOURCE_REMOVE;
}

/* The link failed or was lost: take @error as the reason and try again after a backoff. */
void
_hearth_connection_schedule_reconnect (HearthConnection *self,
                                       GError           *error)
{
  guint delay;

  if (self->state == HEARTH_CONNECTION_STOPPED || self->state == HEARTH_CONNECTION_DISCONNECTED)
    {
      g_clear_error (&error);
      return;
    }

  _hearth_connection_teardown_link (self, FALSE);
  _hearth_connection_set_error (self, error);

  delay = hearth_backoff_ms (self->reconnect_base_ms, self->reconnect_max_ms, self->failures);
  self->failures++;

  g_debug ("%s: reconnecting in %u ms (%s)", self->url, delay,
           self->error ? self->error->message : "no error");

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  self->reconnect_source = g_timeout_add (delay, reconnect_timeout_cb, self);

  _hearth_connection_set_state (self, HEARTH_CONNECTION_RECONNECTING);
}

void
_hearth_connection_send_text (HearthConnection *self,
                              const char       *text)
{
  if (self->ws != NULL &&
      soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (self->ws, text);
}

static void
on_ws_message_cb (SoupWebsocketConnection *ws,
                  gint                     type,
                  GBytes                  *message,
                  gpointer                 user_data)
{
  _hearth_connection_receive (user_data, type, message);
}

static void
on_ws_pong_cb (SoupWebsocketConnection *ws,
               GBytes                  *message,
               gpointer                 user_data)
{
  HearthConnection *self = user_data;

  self->last_activity = g_get_monotonic_time ();
}

static void
on_ws_error_cb (SoupWebsocketConnection *ws,
                GError                  *error,
                gpointer                 user_data)
{
  HearthConnection *self = user_data;

  /* Fatal errors are followed by ::closed, which does the work. */
  g_message ("%s: WebSocket error: %s", self->url, error->message);
}

static void
on_ws_closed_cb (SoupWebsocketConnection *ws,
                 gpointer                 user_data)
{
  HearthConnection *self = user_data;
  gushort code = soup_websocket_connection_get_close_code (ws);
  const char *data = soup_websocket_connection_get_close_data (ws);
  GError *error = g_error_new (HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_CLOSED,
                               "The server closed the connection (%u%s%s)",
                               code, data && *data ? ": " : "", data ? data : "");

  _hearth_connection_schedule_reconnect (self, error);
}

/* Envelope liveness: libsoup pings; we time the pongs (libsoup 3.2 has no pong timeout). */
static gboolean
envelope_liveness_cb (gpointer user_data)
{
  HearthConnection *self = user_data;
  gint64 idle_ms = (g_get_monotonic_time () - self->last_activity) / 1000;

  if (idle_ms < self->heartbeat_timeout_ms)
    return G_SOURCE_CONTINUE;

  self->liveness_source = 0;
  _hearth_connection_schedule_reconnect (self, g_error_new (HEARTH_CONNECTION_ERROR,
                                                            HEARTH_CONNECTION_ERROR_DEAD,
                                                            "No answer from the server for %u s: "
                                                            "connection lost",
                                                            self->heartbeat_timeout_ms / 1000));
  return G_SOURCE_REMOVE;
}

static void
on_websocket_connected_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(HearthConnection) self = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *ws;
  guint status;

  ws = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (ws == NULL)
    {
      status = self->handshake ? soup_message_get_status (self->handshake) : 0;

      if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
        {
          _hearth_connection_stop_for_good (self, g_error_new (HEARTH_CONNECTION_ERROR,
                                                               HEARTH_CONNECTION_ERROR_AUTH,
                                                               "The server refused the sign-in "
                                                               "token (HTTP %u)", status));
          return;
        }

      if (self->framing == HEARTH_FRAMING_AUTO &&
          self->attempt_framing == HEARTH_FRAMING_SOCKET_IO &&
          (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_BAD_REQUEST))
        {
          g_debug ("%s: no Socket.IO endpoint (HTTP %u), trying the envelope", self->url, status);
          g_clear_object (&self->handshake);
          g_clear_object (&self->cancellable);
          self->attempt_framing = HEARTH_FRAMING_ENVELOPE;
          _hearth_connection_connect_attempt (self);
          return;
        }

      if (status != 0 && self->framing == HEARTH_FRAMING_AUTO)
        self->remembered_framing = HEARTH_FRAMING_AUTO;

      _hearth_connection_schedule_reconnect (self, status != 0 ?
                          g_error_new (HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_HANDSHAKE,
                                       "The server refused the connection (HTTP %u %s)",
                                       status, soup_status_get_phrase (status)) :
                          g_error_new (HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_CLOSED,
                                       "Could not connect: %s", error->message));
      return;
    }

  g_clear_object (&self->handshake);
  self->ws = ws;
  self->link_framing = self->attempt_framing;
  self->last_activity = g_get_monotonic_time ();

  soup_websocket_connection_set_max_incoming_payload_size (ws, self->max_frame_size);
  g_signal_connect (ws, "message", G_CALLBACK (on_ws_message_cb), self);
  g_signal_connect (ws, "pong", G_CALLBACK (on_ws_pong_cb), self);
  g_signal_connect (ws, "error", G_CALLBACK (on_ws_error_cb), self);
  g_signal_connect (ws, "closed", G_CALLBACK (on_ws_closed_cb), self);

  if (self->attempt_framing == HEARTH_FRAMING_SOCKET_IO)
    {
      /* Wait for the open packet and the CONNECT reply. */
      _hearth_connection_sio_arm_dead_timer (self, self->heartbeat_timeout_ms);
    }
  else
    {
      guint interval_s = MAX (1, self->heartbeat_interval_ms / 1000);

      soup_websocket_connection_set_keepalive_interval (ws, interval_s);
      self->liveness_source = g_timeout_add (MAX (100, MIN (self->heartbeat_timeout_ms / 4, 1000)),
                                             envelope_liveness_cb, self);
      _hearth_connection_mark_connected (self);
    }
}

static GUri *
build_socket_uri (HearthConnection  *self,
                  HearthFraming      framing,
                  GError           **error)
{
  g_autoptr(GUri) base = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  const char *base_path;
  gsize len;

  base = g_uri_parse (self->url, G_URI_FLAGS_ENCODED, error);
  if (base == NULL)
    return NULL;

  scheme = g_uri_get_scheme (base);
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "ws") == 0)
    scheme = "ws";
  else if (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "wss") == 0)
    scheme = "wss";
  else
    {
      g_set_error (error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_BAD_URL,
                   "“%s” is not an http or https address", self->url);
      return NULL;
    }

  if (g_uri_get_host (base) == NULL || *g_uri_get_host (base) == '\0')
    {
      g_set_error (error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_BAD_URL,
                   "“%s” has no host name", self->url);
      return NULL;
    }

  base_path = g_uri_get_path (base);
  len = strlen (base_path);
  while (len > 0 && base_path[len - 1] == '/')
    len--;

  path = g_strdup_printf ("%.*s%s", (int) len, base_path,
                          framing == HEARTH_FRAMING_SOCKET_IO ? "/socket.io/" : "/ws");

  return g_uri_build (G_URI_FLAGS_ENCODED, scheme, NULL,
                      g_uri_get_host (base), g_uri_get_port (base), path,
                      framing == HEARTH_FRAMING_SOCKET_IO ? "EIO=4&transport=websocket" : NULL,
                      NULL);
}

void
_hearth_connection_connect_attempt (HearthConnection *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL;

  g_clear_handle_id (&self->reconnect_source, g_source_remove);

  /* Frames of the lost link are delivered before the next link starts: their events come
   * first, and their Socket.IO offsets go into the next CONNECT. The queue calls us again
   * once it is empty. */
  if (!_hearth_connection_queue_is_empty (self))
    {
      g_debug ("%s: connecting once the queued frames are delivered", self->url);
      self->connect_pending = TRUE;
      return;
    }
  self->connect_pending = FALSE;

  _hearth_connection_teardown_link (self, FALSE);
  _hearth_connection_sio_reset (self);

  if (self->attempt_framing == HEARTH_FRAMING_AUTO ||
      (self->framing != HEARTH_FRAMING_AUTO && self->attempt_framing != self->framing))
    self->attempt_framing = self->framing;
  if (self->attempt_framing == HEARTH_FRAMING_AUTO)
    self->attempt_framing = self->remembered_framing != HEARTH_FRAMING_AUTO ?
                            self->remembered_framing : HEARTH_FRAMING_SOCKET_IO;

  uri = build_socket_uri (self, self->attempt_framing, &error);
  if (uri == NULL)
    {
      if (!g_error_matches (error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_BAD_URL))
        {
          g_autoptr(GError) wrapped = g_steal_pointer (&error);

          error = g_error_new (HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_BAD_URL,
                               "“%s” is not a valid address: %s", self->url, wrapped->message);
        }
      _hearth_connection_stop_for_good (self, g_steal_pointer (&error));
      return;
    }

  if (self->session == NULL)
    {
      /* The I/O timeout bounds a handshake with a server that accepts TCP but never answers. */
      self->session = soup_session_new_with_options ("timeout",
                                                     MAX (1u, self->heartbeat_timeout_ms / 1000),
                                                     NULL);
    }

  self->cancellable = g_cancellable_new ();
  self->handshake = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  if (self->token != NULL && *self->token != '\0')
    {
      auth = g_strdup_printf ("Bearer %s", self->token);
      soup_message_headers_replace (soup_message_get_request_headers (self->handshake),
                                    "Authorization", auth);
    }

  g_debug ("%s: connecting (%s)", self->url,
           self->attempt_framing == HEARTH_FRAMING_SOCKET_IO ? "socket.io" : "envelope");

  soup_session_websocket_connect_async (self->session, self->handshake, NULL, NULL,
                                        G_PRIORITY_DEFAULT, self->cancellable,
                                        on_websocket_connected_cb, g_object_ref (self));
}

static void
on_network_changed_cb (GNetworkMonitor  *monitor,
                       gboolean          available,
                       HearthConnection *self)
{
  /* Only ever a shortcut: a monitor that wrongly says "offline" must never keep us down. */
  if (available && self->state == HEARTH_CONNECTION_RECONNECTING && self->reconnect_source != 0)
    hearth_connection_reconnect_now (self);
}

void
_hearth_connection_watch_network (HearthConnection *self)
{
  g_signal_connect_object (self->monitor, "network-changed",
                           G_CALLBACK (on_network_changed_cb), self, 0);
}
