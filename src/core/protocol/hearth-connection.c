/* hearth-connection.c: the connection object: properties, signals, state and public API
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-connection"

#include "config.h"

#include <libsoup/soup.h>

#include "hearth-codec.h"
#include "hearth-connection-private.h"
#include "hearth-enums.h"
#include "hearth-event.h"
#include "hearth-json.h"

#define DEFAULT_MAX_FRAME_SIZE       (16 * 1024 * 1024)
#define DEFAULT_RECONNECT_BASE_MS    1000
#define DEFAULT_RECONNECT_MAX_MS     30000
#define DEFAULT_HEARTBEAT_INTERVAL   20000
#define DEFAULT_HEARTBEAT_TIMEOUT    45000

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

static const char *
state_name (HearthConnectionState state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (HEARTH_TYPE_CONNECTION_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value != NULL ? value->value_nick : "?";
}

void
_hearth_connection_set_state (HearthConnection      *self,
                              HearthConnectionState  state)
{
  if (self->state == state)
    return;

  g_debug ("%s: %s -> %s", self->url, state_name (self->state), state_name (state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_hearth_connection_set_error (HearthConnection *self,
                              GError           *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

void
_hearth_connection_emit_event (HearthConnection *self,
                               HearthEvent      *event)
{
  g_signal_emit (self, signals[EVENT], 0, event);
}

void
_hearth_connection_emit_frame_error (HearthConnection *self,
                                     const GError     *error)
{
  g_signal_emit (self, signals[FRAME_ERROR], 0, error);
}

void
_hearth_connection_mark_connected (HearthConnection *self)
{
  self->failures = 0;
  _hearth_connection_set_error (self, NULL);

  if (self->effective_framing != self->attempt_framing)
    {
      self->effective_framing = self->attempt_framing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECTIVE_FRAMING]);
    }
  if (self->framing == HEARTH_FRAMING_AUTO)
    self->remembered_framing = self->attempt_framing;

  _hearth_connection_set_state (self, HEARTH_CONNECTION_CONNECTED);
}

static void
hearth_connection_constructed (GObject *object)
{
  HearthConnection *self = (HearthConnection *)object;

  G_OBJECT_CLASS (hearth_connection_parent_class)->constructed (object);

  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());

  _hearth_connection_watch_network (self);
}

static void
hearth_connection_dispose (GObject *object)
{
  HearthConnection *self = (HearthConnection *)object;

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  _hearth_connection_teardown_link (self, TRUE);
  _hearth_connection_queue_clear (self);
  _hearth_connection_sio_reset (self);
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
  _hearth_connection_set_error (self, NULL);
  _hearth_connection_set_state (self, HEARTH_CONNECTION_CONNECTING);
  _hearth_connection_connect_attempt (self);
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
  _hearth_connection_connect_attempt (self);
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
