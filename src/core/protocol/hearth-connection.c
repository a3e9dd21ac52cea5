/* hearth-connection.c
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
#include "hearth-enums.h"
#include "hearth-event.h"
#include "hearth-fast-event.h"
#include "hearth-json.h"

#define DEFAULT_MAX_FRAME_SIZE       (16 * 1024 * 1024)
#define DEFAULT_RECONNECT_BASE_MS    1000
#define DEFAULT_RECONNECT_MAX_MS     30000
#define DEFAULT_HEARTBEAT_INTERVAL   20000
#define DEFAULT_HEARTBEAT_TIMEOUT    45000
/* Frames longer than this are cut in debug logs. */
#define LOG_FRAME_MAX                200


G_DEFINE_FINAL_TYPE (HearthConnection, hearth_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_TOKEN,
  PROP_NETWORK_MONITOR,
  PROP_FRAMING,
  PROP_EFFECTIVE_FRAMING,
  PROP_STATE,
  PROP_MAX_FRAME_SIZE,
  PROP_RECONNECT_BASE_MS,
  PROP_RECONNECT_MAX_MS,
  PROP_HEARTBEAT_INTERVAL_MS,
  PROP_HEARTBEAT_TIMEOUT_MS,
  N_PROPS
};

enum {
  EVENT,
  FRAME_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (hearth-connection-error-quark, hearth_connection_error)

static void connect_attempt (HearthConnection *self);

static const char *
state_name (HearthConnectionState state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (HEARTH_TYPE_CONNECTION_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value != NULL ? value->value_nick : "?";
}

static void
set_state (HearthConnection      *self,
           HearthConnectionState  state)
{
  if (self->state == state)
    return;

  g_debug ("%s: %s -> %s", self->url, state_name (self->state), state_name (state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (HearthConnection *self,
           GError           *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

void
_hearth_connection_clear_liveness (HearthConnection *self)
{
  g_clear_handle_id (&self->liveness_source, g_source_remove);
}

/* Drops the current link. @graceful sends a Socket.IO DISCONNECT and a close frame; otherwise
 * the stream is closed at once (a dead or misbehaving peer gets no more of our time). */
static void
teardown_link (HearthConnection *self,
               gboolean          graceful)
{
  g_autoptr(SoupWebsocketConnection) ws = g_steal_pointer (&self->ws);

  _hearth_connection_clear_liveness (self);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->handshake);

  self->sio_open = FALSE;
  self->sio_connected = FALSE;
  if (self->early_frames != NULL)
    g_ptr_array_set_size (self->early_frames, 0);

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
  teardown_link (self, TRUE);
  set_error (self, error);
  set_state (self, HEARTH_CONNECTION_STOPPED);
}

static gboolean
reconnect_timeout_cb (gpointer user_data)
{
  HearthConnection *self = user_data;

  self->reconnect_source = 0;
  connect_attempt (self);

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

  teardown_link (self, FALSE);
  set_error (self, error);

  delay = hearth_backoff_ms (self->reconnect_base_ms, self->reconnect_max_ms, self->failures);
  self->failures++;

  g_debug ("%s: reconnecting in %u ms (%s)", self->url, delay,
           self->error ? self->error->message : "no error");

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  self->reconnect_source = g_timeout_add (delay, reconnect_timeout_cb, self);

  set_state (self, HEARTH_CONNECTION_RECONNECTING);
}

static void deliver_parsed_event (HearthConnection *self,
                                  HearthEvent      *event);

void
_hearth_connection_deliver_event (HearthConnection *self,
                                  HearthFrame      *frame)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthEvent) event = NULL;

  event = hearth_event_new_from_json (hearth_frame_get_event_name (frame),
                                      hearth_frame_get_data (frame),
                                      &error);
  if (event == NULL)
    {
      g_message ("%s: dropped event: %s", self->url, error->message);
      g_signal_emit (self, signals[FRAME_ERROR], 0, error);
      return;
    }

  deliver_parsed_event (self, event);
}

static void
deliver_parsed_event (HearthConnection *self,
                      HearthEvent      *event)
{
  g_signal_emit (self, signals[EVENT], 0, event);

  /* The handlers may have stopped us; the server may have told us to stop. */
  switch (hearth_event_get_kind (event))
    {
    case HEARTH_EVENT_AUTHORIZATION_FAILED:
      _hearth_connection_stop_for_good (self, g_error_new (HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_AUTH,
                                        "%s",
                                        hearth_event_get_server_message (event) ?
                                        hearth_event_get_server_message (event) :
                                        "The server refused the sign-in token"));
      break;

    case HEARTH_EVENT_ACCOUNT_TERMINATED:
      _hearth_connection_stop_for_good (self, g_error_new (HEARTH_CONNECTION_ERROR,
                                        HEARTH_CONNECTION_ERROR_TERMINATED,
                                        "%s",
                                        hearth_event_get_server_message (event) ?
                                        hearth_event_get_server_message (event) :
                                        "The account was terminated"));
      break;

    default:
      break;
    }
}

static void
report_frame_error (HearthConnection *self,
                    const GError     *error,
                    const char       *text,
                    gsize             length)
{
  g_autofree char *shown = g_utf8_make_valid (text, MIN (length, LOG_FRAME_MAX));

  g_message ("%s: dropped frame (%s): %s%s", self->url, error->message, shown,
             length > LOG_FRAME_MAX ? "…" : "");
  g_signal_emit (self, signals[FRAME_ERROR], 0, error);
}

void
_hearth_connection_send_text (HearthConnection *self,
                              const char       *text)
{
  if (self->ws != NULL && soup_websocket_connection_get_state (self->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (self->ws, text);
}

void
_hearth_connection_mark_connected (HearthConnection *self)
{
  self->failures = 0;
  set_error (self, NULL);

  if (self->effective_framing != self->attempt_framing)
    {
      self->effective_framing = self->attempt_framing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECTIVE_FRAMING]);
    }
  if (self->framing == HEARTH_FRAMING_AUTO)
    self->remembered_framing = self->attempt_framing;

  set_state (self, HEARTH_CONNECTION_CONNECTED);
}

static void
on_ws_message_cb (SoupWebsocketConnection *ws,
                  gint                     type,
                  GBytes                  *message,
                  gpointer                 user_data)
{
  HearthConnection *self = user_data;
  G_GNUC_UNUSED g_autoptr(HearthConnection) hold = g_object_ref (self);
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(GError) error = NULL;
  HearthCodecFlags flags = HEARTH_CODEC_FLAGS_NONE;
  const char *text;
  gsize length;

  self->last_activity = g_get_monotonic_time ();

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      error = g_error_new_literal (HEARTH_CODEC_ERROR, HEARTH_CODEC_ERROR_BINARY,
                                   "Binary frames are not supported");
      report_frame_error (self, error, "", 0);
      return;
    }

  text = g_bytes_get_data (message, &length);
  if (self->effective_framing == HEARTH_FRAMING_SOCKET_IO && self->pid != NULL)
    flags |= HEARTH_CODEC_FLAGS_RECOVERY;

  /* The hot frame (messages-received/-sent) without a JSON tree; anything else, or anything
   * unusual about it, takes the general path below. Socket.IO: only once connected (before,
   * events are held back as frames), and the fast path only takes main-namespace events
   * without an ack id, so there is nothing to acknowledge. */
  if (self->attempt_framing == HEARTH_FRAMING_ENVELOPE ||
      (self->attempt_framing == HEARTH_FRAMING_SOCKET_IO && self->sio_connected))
    {
      g_autoptr(HearthEvent) event = NULL;
      g_autofree char *offset = NULL;

      event = _hearth_fast_event_decode (self->attempt_framing, text, length, flags, &offset);
      if (event != NULL)
        {
          if (offset != NULL)
            {
              g_free (self->last_offset);
              self->last_offset = g_steal_pointer (&offset);
            }
          deliver_parsed_event (self, event);
          return;
        }
    }

  frame = hearth_codec_decode (self->attempt_framing, text, (gssize) length, flags, &error);
  if (frame == NULL)
    {
      report_frame_error (self, error, text, length);
      return;
    }

  if (self->attempt_framing == HEARTH_FRAMING_SOCKET_IO)
    _hearth_connection_sio_handle_frame (self, frame);
  else if (hearth_frame_get_frame_type (frame) == HEARTH_FRAME_EVENT)
    _hearth_connection_deliver_event (self, frame);
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

  _hearth_connection_schedule_reconnect (self, g_error_new (HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_CLOSED,
                                         "The server closed the connection (%u%s%s)",
                                         code, data && *data ? ": " : "", data ? data : ""));
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
  _hearth_connection_schedule_reconnect (self, g_error_new (HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_DEAD,
                                         "No answer from the server for %u s: connection lost",
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
          _hearth_connection_stop_for_good (self, g_error_new (HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_AUTH,
                                            "The server refused the sign-in token (HTTP %u)",
                                            status));
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
          connect_attempt (self);
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

static void
connect_attempt (HearthConnection *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL;

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  teardown_link (self, FALSE);

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

static void
hearth_connection_constructed (GObject *object)
{
  HearthConnection *self = (HearthConnection *)object;

  G_OBJECT_CLASS (hearth_connection_parent_class)->constructed (object);

  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());

  g_signal_connect_object (self->monitor, "network-changed",
                           G_CALLBACK (on_network_changed_cb), self, 0);
}

static void
hearth_connection_dispose (GObject *object)
{
  HearthConnection *self = (HearthConnection *)object;

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  teardown_link (self, TRUE);
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (hearth_connection_parent_class)->dispose (object);
}

static void
hearth_connection_finalize (GObject *object)
{
  HearthConnection *self = (HearthConnection *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->pid, g_free);
  g_clear_pointer (&self->last_offset, g_free);
  g_clear_pointer (&self->early_frames, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (hearth_connection_parent_class)->finalize (object);
}

static void
hearth_connection_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HearthConnection *self = HEARTH_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;

    case PROP_FRAMING:
      g_value_set_enum (value, self->framing);
      break;

    case PROP_EFFECTIVE_FRAMING:
      g_value_set_enum (value, self->effective_framing);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_MAX_FRAME_SIZE:
      g_value_set_uint64 (value, self->max_frame_size);
      break;

    case PROP_RECONNECT_BASE_MS:
      g_value_set_uint (value, self->reconnect_base_ms);
      break;

    case PROP_RECONNECT_MAX_MS:
      g_value_set_uint (value, self->reconnect_max_ms);
      break;

    case PROP_HEARTBEAT_INTERVAL_MS:
      g_value_set_uint (value, self->heartbeat_interval_ms);
      break;

    case PROP_HEARTBEAT_TIMEOUT_MS:
      g_value_set_uint (value, self->heartbeat_timeout_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint_prop (HearthConnection *self,
               guint            *field,
               guint             value,
               guint             prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
hearth_connection_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HearthConnection *self = HEARTH_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    case PROP_TOKEN:
      self->token = g_value_dup_string (value);
      break;

    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;

    case PROP_FRAMING:
      hearth_connection_set_framing (self, g_value_get_enum (value));
      break;

    case PROP_MAX_FRAME_SIZE:
      if (self->max_frame_size != g_value_get_uint64 (value))
        {
          self->max_frame_size = g_value_get_uint64 (value);
          if (self->ws != NULL)
            soup_websocket_connection_set_max_incoming_payload_size (self->ws,
                                                                     self->max_frame_size);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_RECONNECT_BASE_MS:
      set_uint_prop (self, &self->reconnect_base_ms, g_value_get_uint (value), prop_id);
      break;

    case PROP_RECONNECT_MAX_MS:
      set_uint_prop (self, &self->reconnect_max_ms, g_value_get_uint (value), prop_id);
      break;

    case PROP_HEARTBEAT_INTERVAL_MS:
      set_uint_prop (self, &self->heartbeat_interval_ms, g_value_get_uint (value), prop_id);
      break;

    case PROP_HEARTBEAT_TIMEOUT_MS:
      set_uint_prop (self, &self->heartbeat_timeout_ms, g_value_get_uint (value), prop_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_connection_class_init (HearthConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = hearth_connection_constructed;
  object_class->dispose = hearth_connection_dispose;
  object_class->finalize = hearth_connection_finalize;
  object_class->get_property = hearth_connection_get_property;
  object_class->set_property = hearth_connection_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Write-only: the token never leaves the object through a property. */
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL, G_TYPE_NETWORK_MONITOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FRAMING] =
    g_param_spec_enum ("framing", NULL, NULL, HEARTH_TYPE_FRAMING, HEARTH_FRAMING_AUTO, rw);

  properties[PROP_EFFECTIVE_FRAMING] =
    g_param_spec_enum ("effective-framing", NULL, NULL, HEARTH_TYPE_FRAMING, HEARTH_FRAMING_AUTO,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       HEARTH_TYPE_CONNECTION_STATE, HEARTH_CONNECTION_DISCONNECTED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_FRAME_SIZE] =
    g_param_spec_uint64 ("max-frame-size", NULL, NULL,
                         0, G_MAXUINT64, DEFAULT_MAX_FRAME_SIZE, rw);

  properties[PROP_RECONNECT_BASE_MS] =
    g_param_spec_uint ("reconnect-base-ms", NULL, NULL,
                       1, G_MAXINT, DEFAULT_RECONNECT_BASE_MS, rw);

  properties[PROP_RECONNECT_MAX_MS] =
    g_param_spec_uint ("reconnect-max-ms", NULL, NULL,
                       1, G_MAXINT, DEFAULT_RECONNECT_MAX_MS, rw);

  properties[PROP_HEARTBEAT_INTERVAL_MS] =
    g_param_spec_uint ("heartbeat-interval-ms", NULL, NULL,
                       1, G_MAXINT, DEFAULT_HEARTBEAT_INTERVAL, rw);

  properties[PROP_HEARTBEAT_TIMEOUT_MS] =
    g_param_spec_uint ("heartbeat-timeout-ms", NULL, NULL,
                       1, G_MAXINT, DEFAULT_HEARTBEAT_TIMEOUT, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthConnection::event:
   * @self: the connection
   * @event: a valid incoming event
   */
  signals[EVENT] =
    g_signal_new ("event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HEARTH_TYPE_EVENT);

  /**
   * HearthConnection::frame-error:
   * @self: the connection
   * @error: why an incoming frame was dropped
   */
  signals[FRAME_ERROR] =
    g_signal_new ("frame-error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
hearth_connection_init (HearthConnection *self)
{
  self->framing = HEARTH_FRAMING_AUTO;
  self->effective_framing = HEARTH_FRAMING_AUTO;
  self->remembered_framing = HEARTH_FRAMING_AUTO;
  self->attempt_framing = HEARTH_FRAMING_AUTO;
  self->state = HEARTH_CONNECTION_DISCONNECTED;
  self->max_frame_size = DEFAULT_MAX_FRAME_SIZE;
  self->reconnect_base_ms = DEFAULT_RECONNECT_BASE_MS;
  self->reconnect_max_ms = DEFAULT_RECONNECT_MAX_MS;
  self->heartbeat_interval_ms = DEFAULT_HEARTBEAT_INTERVAL;
  self->heartbeat_timeout_ms = DEFAULT_HEARTBEAT_TIMEOUT;
  self->early_frames = g_ptr_array_new_with_free_func ((GDestroyNotify) hearth_frame_unref);
}

HearthConnection *
hearth_connection_new (const char *url,
                       const char *token)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (HEARTH_TYPE_CONNECTION,
                       "url", url,
                       "token", token,
                       NULL);
}

const char *
hearth_connection_get_url (HearthConnection *self)
{
  g_return_val_if_fail (HEARTH_IS_CONNECTION (self), NULL);

  return self->url;
}

HearthFraming
hearth_connection_get_framing (HearthConnection *self)
{
  g_return_val_if_fail (HEARTH_IS_CONNECTION (self), HEARTH_FRAMING_AUTO);

  return self->framing;
}

void
hearth_connection_set_framing (HearthConnection *self,
                               HearthFraming     framing)
{
  g_return_if_fail (HEARTH_IS_CONNECTION (self));
  g_return_if_fail (framing <= HEARTH_FRAMING_ENVELOPE);

  if (self->framing == framing)
    return;

  self->framing = framing;
  self->remembered_framing = HEARTH_FRAMING_AUTO;
  self->attempt_framing = HEARTH_FRAMING_AUTO;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMING]);
}

HearthFraming
hearth_connection_get_effective_framing (HearthConnection *self)
{
  g_return_val_if_fail (HEARTH_IS_CONNECTION (self), HEARTH_FRAMING_AUTO);

  return self->effective_framing;
}

HearthConnectionState
hearth_connection_get_state (HearthConnection *self)
{
  g_return_val_if_fail (HEARTH_IS_CONNECTION (self), HEARTH_CONNECTION_DISCONNECTED);

  return self->state;
}

const GError *
hearth_connection_get_error (HearthConnection *self)
{
  g_return_val_if_fail (HEARTH_IS_CONNECTION (self), NULL);

  return self->error;
}

void
hearth_connection_start (HearthConnection *self)
{
  g_return_if_fail (HEARTH_IS_CONNECTION (self));

  if (self->state != HEARTH_CONNECTION_DISCONNECTED && self->state != HEARTH_CONNECTION_STOPPED)
    return;

  self->failures = 0;
  self->attempt_framing = HEARTH_FRAMING_AUTO;
  set_error (self, NULL);
  set_state (self, HEARTH_CONNECTION_CONNECTING);
  connect_attempt (self);
}

void
hearth_connection_stop (HearthConnection *self)
{
  g_return_if_fail (HEARTH_IS_CONNECTION (self));

  if (self->state == HEARTH_CONNECTION_STOPPED)
    return;

  _hearth_connection_stop_for_good (self, NULL);
}

void
hearth_connection_reconnect_now (HearthConnection *self)
{
  g_return_if_fail (HEARTH_IS_CONNECTION (self));

  if (self->state != HEARTH_CONNECTION_RECONNECTING)
    return;

  g_debug ("%s: reconnecting now", self->url);
  self->failures = 0;
  connect_attempt (self);
}

gboolean
hearth_connection_emit (HearthConnection  *self,
                        HearthEvent       *event,
                        GError           **error)
{
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (HEARTH_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (HEARTH_IS_EVENT (event), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->state != HEARTH_CONNECTION_CONNECTED || self->ws == NULL ||
      soup_websocket_connection_get_state (self->ws) != SOUP_WEBSOCKET_STATE_OPEN)
    {
      g_set_error (error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_NOT_CONNECTED,
                   "Not connected: %s was not sent", hearth_event_get_name (event));
      return FALSE;
    }

  data = hearth_event_to_json (event);
  text = hearth_codec_encode_event (self->effective_framing, hearth_event_get_name (event),
                                    data, -1);
  soup_websocket_connection_send_text (self->ws, text);

  return TRUE;
}
