/* hearth-codec.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-codec"

#include "config.h"

#include <string.h>

#include "hearth-codec.h"
#include "hearth-json.h"
#include "hearth-json-private.h"

/* A decoded frame. The JSON payload is parsed once into @root (immutable nodes); the name,
 * data, sid, pid, offset and error message all point into it, so nothing is copied. */
struct _HearthFrame
{
  HearthFrameType  type;
  char            *namespace_;     /* NULL: the main namespace "/" */
  JsonNode        *root;           /* owns everything below */
  JsonNode        *data;
  JsonArray       *args;
  const char      *event_name;
  const char      *offset;
  const char      *sid;
  const char      *pid;
  const char      *error_message;
  gint64           ack_id;
  guint            ping_interval;
  guint            ping_timeout;
  guint64          max_payload;
};

G_DEFINE_QUARK (hearth-codec-error-quark, hearth_codec_error)

G_DEFINE_BOXED_TYPE (HearthFrame, hearth_frame, hearth_frame_ref, hearth_frame_unref)

/* Event names that Socket.IO reserves for itself (socket.io-parser RESERVED_EVENTS). */
static const char * const reserved_events[] = {
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
};

static HearthFrame *
hearth_frame_new (HearthFrameType type)
{
  HearthFrame *frame = g_atomic_rc_box_new0 (HearthFrame);

  frame->type = type;
  frame->ack_id = -1;

  return frame;
}

static void
hearth_frame_clear (HearthFrame *frame)
{
  g_clear_pointer (&frame->namespace_, g_free);
  g_clear_pointer (&frame->args, json_array_unref);
  g_clear_pointer (&frame->root, json_node_unref);
}

HearthFrame *
hearth_frame_ref (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return g_atomic_rc_box_acquire (frame);
}

void
hearth_frame_unref (HearthFrame *frame)
{
  g_return_if_fail (frame != NULL);

  g_atomic_rc_box_release_full (frame, (GDestroyNotify) hearth_frame_clear);
}

HearthFrameType
hearth_frame_get_frame_type (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, HEARTH_FRAME_EVENT);

  return frame->type;
}

const char *
hearth_frame_get_namespace (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->namespace_ != NULL ? frame->namespace_ : "/";
}

const char *
hearth_frame_get_event_name (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->event_name;
}

JsonNode *
hearth_frame_get_data (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->data;
}

JsonArray *
hearth_frame_get_args (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->args;
}

gint64
hearth_frame_get_ack_id (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, -1);

  return frame->ack_id;
}

const char *
hearth_frame_get_offset (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->offset;
}

const char *
hearth_frame_get_sid (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->sid;
}

const char *
hearth_frame_get_pid (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->pid;
}

guint
hearth_frame_get_ping_interval (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, 0);

  return frame->ping_interval;
}

guint
hearth_frame_get_ping_timeout (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, 0);

  return frame->ping_timeout;
}

guint64
hearth_frame_get_max_payload (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, 0);

  return frame->max_payload;
}

const char *
hearth_frame_get_error_message (HearthFrame *frame)
{
  g_return_val_if_fail (frame != NULL, NULL);

  return frame->error_message;
}

/* Decoding */

static gboolean
set_packet_error (GError     **error,
                  const char  *message)
{
  g_set_error_literal (error, HEARTH_CODEC_ERROR, HEARTH_CODEC_ERROR_INVALID_PACKET, message);
  return FALSE;
}

static JsonNode *
parse_payload (const char  *text,
               gsize        length,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  /* hearth_codec_decode() has checked the whole frame's UTF-8 already. */
  node = _hearth_json_parse_utf8 (text, length, &local_error);
  if (node == NULL)
    {
      int code = g_error_matches (local_error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_INVALID_UTF8)
                 ? HEARTH_CODEC_ERROR_INVALID_UTF8 : HEARTH_CODEC_ERROR_INVALID_JSON;

      g_set_error (error, HEARTH_CODEC_ERROR, code, "Invalid payload: %s", local_error->message);
    }

  return node;
}

static const char *
node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
is_reserved_event (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (reserved_events); i++)
    {
      if (strcmp (name, reserved_events[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Reads an optional non-negative integer member (absent: 0). */
static gboolean
get_unsigned_member (JsonObject *object,
                     const char *member,
                     guint64     max_value,
                     guint64    *out_value)
{
  JsonNode *node = json_object_get_member (object, member);

  *out_value = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      if (value < 0 || (guint64) value > max_value)
        return FALSE;
      *out_value = (guint64) value;
      return TRUE;
    }

  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      guint64 integer;

      /* 1e6 and 25000.0 are fine; fractions, negatives and huge values are not. */
      if (!(value >= 0 && value < 18446744073709551616.0))
        return FALSE;
      integer = (guint64) value;
      if ((double) integer != value || integer > max_value)
        return FALSE;
      *out_value = integer;
      return TRUE;
    }

  return FALSE;
}

/* Engine.IO "0{...}" */
static HearthFrame *
decode_open (const char  *payload,
             gsize        length,
             GError     **error)
{
  g_autoptr(HearthFrame) frame = NULL;
  JsonObject *object;
  guint64 value;

  if (length == 0)
    {
      set_packet_error (error, "Engine.IO open packet without handshake data");
      return NULL;
    }

  frame = hearth_frame_new (HEARTH_FRAME_OPEN);
  if (!(frame->root = parse_payload (payload, length, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (frame->root))
    {
      set_packet_error (error, "Engine.IO open packet: handshake data is not an object");
      return NULL;
    }

  object = json_node_get_object (frame->root);
  frame->data = frame->root;

  frame->sid = hearth_json_object_get_string (object, "sid");
  if (frame->sid == NULL || frame->sid[0] == '\0')
    {
      set_packet_error (error, "Engine.IO open packet without a \"sid\" string");
      return NULL;
    }

  if (!get_unsigned_member (object, "pingInterval", G_MAXUINT, &value))
    {
      set_packet_error (error, "Engine.IO open packet: invalid \"pingInterval\"");
      return NULL;
    }
  frame->ping_interval = (guint) value;

  if (!get_unsigned_member (object, "pingTimeout", G_MAXUINT, &value))
    {
      set_packet_error (error, "Engine.IO open packet: invalid \"pingTimeout\"");
      return NULL;
    }
  frame->ping_timeout = (guint) value;

  /* JSON integers are read as gint64: a larger maxPayload could not round-trip. */
  if (!get_unsigned_member (object, "maxPayload", G_MAXINT64, &frame->max_payload))
    {
      set_packet_error (error, "Engine.IO open packet: invalid \"maxPayload\"");
      return NULL;
    }

  return g_steal_pointer (&frame);
}

/* Fills in an EVENT from its parsed [name, args...] array. */
static gboolean
fill_event (HearthFrame       *frame,
            HearthCodecFlags   flags,
            GError           **error)
{
  JsonArray *array;
  guint n_elements;
  guint n_args;

  if (!JSON_NODE_HOLDS_ARRAY (frame->root))
    return set_packet_error (error, "Socket.IO EVENT payload is not an array");

  array = json_node_get_array (frame->root);
  n_elements = json_array_get_length (array);
  if (n_elements == 0)
    return set_packet_error (error, "Socket.IO EVENT payload is an empty array");

  frame->event_name = node_get_string (json_array_get_element (array, 0));
  if (frame->event_name == NULL)
    return set_packet_error (error, "Socket.IO EVENT name is not a string");
  if (frame->event_name[0] == '\0')
    return set_packet_error (error, "Socket.IO EVENT name is empty");
  if (is_reserved_event (frame->event_name))
    return set_packet_error (error, "Socket.IO EVENT uses a reserved event name");

  n_args = n_elements - 1;

  /* Connection-state recovery: the server appends its offset to every stored event, and
   * stores only events without an ack id. */
  if ((flags & HEARTH_CODEC_FLAGS_RECOVERY) != 0 && frame->ack_id < 0 && n_args > 0)
    {
      frame->offset = node_get_string (json_array_get_element (array, n_elements - 1));
      if (frame->offset != NULL)
        n_args--;
    }

  frame->args = json_array_sized_new (n_args);
  for (guint i = 0; i < n_args; i++)
    json_array_add_element (frame->args, json_node_ref (json_array_get_element (array, i + 1)));
  json_array_seal (frame->args);

  frame->data = n_args > 0 ? json_array_get_element (array, 1) : NULL;

  return TRUE;
}

/* Engine.IO message "4" + a Socket.IO packet; @p/@end cover what follows the '4'. */
static HearthFrame *
decode_socket_io_packet (const char        *p,
                         const char        *end,
                         HearthCodecFlags   flags,
                         GError           **error)
{
  g_autoptr(HearthFrame) frame = NULL;
  HearthFrameType type;
  gint64 ack_id = -1;
  char packet_type;

  if (p == end)
    {
      set_packet_error (error, "Engine.IO message without a Socket.IO packet");
      return NULL;
    }

  packet_type = *p++;
  switch (packet_type)
    {
    case '0': type = HEARTH_FRAME_CONNECT; break;
    case '1': type = HEARTH_FRAME_DISCONNECT; break;
    case '2': type = HEARTH_FRAME_EVENT; break;
    case '3': type = HEARTH_FRAME_ACK; break;
    case '4': type = HEARTH_FRAME_CONNECT_ERROR; break;

    case '5':
    case '6':
      g_set_error_literal (error, HEARTH_CODEC_ERROR, HEARTH_CODEC_ERROR_BINARY,
                           "binary packets are not supported");
      return NULL;

    default:
      set_packet_error (error, "Unknown Socket.IO packet type");
      return NULL;
    }

  frame = hearth_frame_new (type);

  /* Namespace: from a leading '/' up to ',' or the end (socket.io-parser decodeString). */
  if (p < end && *p == '/')
    {
      const char *start = p;
      const char *comma = memchr (p, ',', end - p);

      p = comma != NULL ? comma : end;
      if (p - start > 1)
        frame->namespace_ = g_strndup (start, p - start);
      if (comma != NULL)
        p++;
    }

  /* Ack id: the run of digits before the payload; must fit in a gint64. */
  if (p < end && g_ascii_isdigit (*p))
    {
      ack_id = 0;
      while (p < end && g_ascii_isdigit (*p))
        {
          int digit = *p++ - '0';

          if (ack_id > (G_MAXINT64 - digit) / 10)
            {
              set_packet_error (error, "Socket.IO ack id out of range");
              return NULL;
            }
          ack_id = ack_id * 10 + digit;
        }
    }

  if (ack_id >= 0 && type != HEARTH_FRAME_EVENT && type != HEARTH_FRAME_ACK)
    {
      set_packet_error (error, "Socket.IO ack id on a packet that cannot carry one");
      return NULL;
    }
  frame->ack_id = ack_id;

  if (p < end)
    {
      /* Check the payload's shape by its first byte before parsing it: this tells a bad ack
       * id ("42abc[...]") or a wrong shape ("42{}") from truncated JSON ("42[") cheaply. */
      switch (type)
        {
        case HEARTH_FRAME_DISCONNECT:
          set_packet_error (error, "Socket.IO DISCONNECT packets carry no payload");
          return NULL;

        case HEARTH_FRAME_CONNECT:
          if (*p != '{')
            {
              set_packet_error (error, "Socket.IO CONNECT payload is not an object");
              return NULL;
            }
          break;

        case HEARTH_FRAME_EVENT:
        case HEARTH_FRAME_ACK:
          if (*p != '[')
            {
              set_packet_error (error, "Socket.IO EVENT or ACK: invalid ack id or payload "
                                       "that is not an array");
              return NULL;
            }
          break;

        case HEARTH_FRAME_CONNECT_ERROR:
          if (*p != '{' && *p != '"')
            {
              set_packet_error (error, "Socket.IO CONNECT_ERROR payload is neither an object "
                                       "nor a string");
              return NULL;
            }
          break;

        case HEARTH_FRAME_OPEN:
        case HEARTH_FRAME_CLOSE:
        case HEARTH_FRAME_PING:
        case HEARTH_FRAME_PONG:
        case HEARTH_FRAME_NOOP:
        default:
          g_assert_not_reached ();
        }

      if (!(frame->root = parse_payload (p, end - p, error)))
        return NULL;
    }

  switch (type)
    {
    case HEARTH_FRAME_CONNECT:
      if (frame->root != NULL)
        {
          JsonObject *object;

          if (!JSON_NODE_HOLDS_OBJECT (frame->root))
            {
              set_packet_error (error, "Socket.IO CONNECT payload is not an object");
              return NULL;
            }
          object = json_node_get_object (frame->root);
          frame->data = frame->root;
          frame->sid = hearth_json_object_get_string (object, "sid");
          frame->pid = hearth_json_object_get_string (object, "pid");
        }
      break;

    case HEARTH_FRAME_DISCONNECT:
      break;

    case HEARTH_FRAME_EVENT:
      if (frame->root == NULL)
        {
          set_packet_error (error, "Socket.IO EVENT without payload");
          return NULL;
        }
      if (!fill_event (frame, flags, error))
        return NULL;
      break;

    case HEARTH_FRAME_ACK:
      if (ack_id < 0)
        {
          set_packet_error (error, "Socket.IO ACK without an ack id");
          return NULL;
        }
      if (frame->root == NULL || !JSON_NODE_HOLDS_ARRAY (frame->root))
        {
          set_packet_error (error, "Socket.IO ACK payload is not an array");
          return NULL;
        }
      frame->args = json_array_ref (json_node_get_array (frame->root));
      frame->data = json_array_get_length (frame->args) > 0
                    ? json_array_get_element (frame->args, 0) : NULL;
      break;

    case HEARTH_FRAME_CONNECT_ERROR:
      if (frame->root == NULL)
        {
          set_packet_error (error, "Socket.IO CONNECT_ERROR without payload");
          return NULL;
        }
      if (JSON_NODE_HOLDS_OBJECT (frame->root))
        frame->error_message = hearth_json_object_get_string (json_node_get_object (frame->root),
                                                              "message");
      else
        frame->error_message = node_get_string (frame->root);  /* Socket.IO v2 compat */
      if (frame->error_message == NULL)
        {
          set_packet_error (error, "Socket.IO CONNECT_ERROR without a message");
          return NULL;
        }
      frame->data = frame->root;
      break;

    case HEARTH_FRAME_OPEN:
    case HEARTH_FRAME_CLOSE:
    case HEARTH_FRAME_PING:
    case HEARTH_FRAME_PONG:
    case HEARTH_FRAME_NOOP:
    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&frame);
}

static gboolean
rest_is (const char *p,
         const char *end,
         const char *expected)
{
  gsize len = strlen (expected);

  return (gsize) (end - p) == len && memcmp (p, expected, len) == 0;
}

static HearthFrame *
decode_socket_io (const char        *text,
                  gsize              length,
                  HearthCodecFlags   flags,
                  GError           **error)
{
  const char *end = text + length;
  const char *p = text + 1;

  switch (text[0])
    {
    case '0':
      return decode_open (p, end - p, error);

    case '1':
      if (p != end)
        break;
      return hearth_frame_new (HEARTH_FRAME_CLOSE);

    case '2':
      /* "2probe" only appears while upgrading from polling, but is a harmless ping. */
      if (p != end && !rest_is (p, end, "probe"))
        break;
      return hearth_frame_new (HEARTH_FRAME_PING);

    case '3':
      if (p != end && !rest_is (p, end, "probe"))
        break;
      return hearth_frame_new (HEARTH_FRAME_PONG);

    case '4':
      return decode_socket_io_packet (p, end, flags, error);

    case '5':
      g_set_error_literal (error, HEARTH_CODEC_ERROR, HEARTH_CODEC_ERROR_UNSUPPORTED,
                           "Engine.IO upgrade packets are only used with HTTP long-polling");
      return NULL;

    case '6':
      if (p != end)
        break;
      return hearth_frame_new (HEARTH_FRAME_NOOP);

    default:
      set_packet_error (error, "Not an Engine.IO packet");
      return NULL;
    }

  set_packet_error (error, "Unexpected data after an Engine.IO control packet");
  return NULL;
}

static HearthFrame *
decode_envelope (const char  *text,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(HearthFrame) frame = hearth_frame_new (HEARTH_FRAME_EVENT);
  JsonObject *object;
  JsonNode *data;

  if (!(frame->root = parse_payload (text, length, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (frame->root))
    {
      set_packet_error (error, "Envelope is not a JSON object");
      return NULL;
    }

  object = json_node_get_object (frame->root);
  frame->event_name = hearth_json_object_get_string (object, "event");
  if (frame->event_name == NULL || frame->event_name[0] == '\0')
    {
      set_packet_error (error, "Envelope without a non-empty \"event\" string");
      return NULL;
    }

  /* Same names as Socket.IO: an event must mean the same whatever the framing, and these
   * would be confused with the connection's own lifecycle. */
  if (is_reserved_event (frame->event_name))
    {
      set_packet_error (error, "Envelope uses a reserved event name");
      return NULL;
    }

  /* "data": null is what the encoder writes for no data: treat it as absent. */
  data = json_object_get_member (object, "data");
  if (data != NULL && JSON_NODE_HOLDS_NULL (data))
    data = NULL;

  frame->data = data;
  frame->args = json_array_sized_new (data != NULL ? 1 : 0);
  if (data != NULL)
    json_array_add_element (frame->args, json_node_ref (data));
  json_array_seal (frame->args);

  return g_steal_pointer (&frame);
}

HearthFrame *
hearth_codec_decode (HearthFraming     framing,
                     const char       *text,
                     gssize            length,
                     HearthCodecFlags  flags,
                     GError          **error)
{
  const char *invalid = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (framing == HEARTH_FRAMING_AUTO ||
                        framing == HEARTH_FRAMING_SOCKET_IO ||
                        framing == HEARTH_FRAMING_ENVELOPE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;

  if (len == 0)
    {
      g_set_error_literal (error, HEARTH_CODEC_ERROR, HEARTH_CODEC_ERROR_EMPTY, "Empty frame");
      return NULL;
    }

  /* One check up front for the whole frame; g_utf8_validate_len() refuses NUL bytes too. */
  if (!g_utf8_validate_len (text, len, &invalid))
    {
      if (invalid < text + len && *invalid == '\0')
        g_set_error (error, HEARTH_CODEC_ERROR, HEARTH_CODEC_ERROR_INVALID_UTF8,
                     "Frame contains a NUL byte at offset %" G_GSIZE_FORMAT,
                     (gsize) (invalid - text));
      else
        g_set_error (error, HEARTH_CODEC_ERROR, HEARTH_CODEC_ERROR_INVALID_UTF8,
                     "Frame is not valid UTF-8 (offset %" G_GSIZE_FORMAT ")",
                     (gsize) (invalid - text));
      return NULL;
    }

  if (framing == HEARTH_FRAMING_AUTO)
    framing = g_ascii_isdigit (text[0]) ? HEARTH_FRAMING_SOCKET_IO : HEARTH_FRAMING_ENVELOPE;

  if (framing == HEARTH_FRAMING_SOCKET_IO)
    return decode_socket_io (text, len, flags, error);
  else
    return decode_envelope (text, len, error);
}

/* Encoding */

static void
append_json_string (GString    *out,
                    const char *str)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  const char *p;

  /* Fast path for the usual names and ids: printable ASCII that needs no escaping. */
  for (p = str; *p != '\0'; p++)
    {
      if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\')
        break;
    }

  if (*p == '\0')
    {
      g_string_append_c (out, '"');
      g_string_append_len (out, str, p - str);
      g_string_append_c (out, '"');
      return;
    }

  node = json_node_init_string (json_node_alloc (), str);
  json = hearth_json_to_string (node);
  g_string_append (out, json);
}

static void
append_json_node (GString  *out,
                  JsonNode *node)
{
  g_autofree char *json = hearth_json_to_string (node);

  g_string_append (out, json);
}

/* Socket.IO "42[<ack>][name(,data)(,"offset")]" */
static char *
encode_socket_io_event (const char *name,
                        JsonNode   *data,
                        gint64      ack_id,
                        const char *offset)
{
  GString *out = g_string_sized_new (64);

  g_string_append (out, "42");
  if (ack_id >= 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, ack_id);
  g_string_append_c (out, '[');
  append_json_string (out, name);
  if (data != NULL)
    {
      g_string_append_c (out, ',');
      append_json_node (out, data);
    }
  if (offset != NULL)
    {
      g_string_append_c (out, ',');
      append_json_string (out, offset);
    }
  g_string_append_c (out, ']');

  return g_string_free (out, FALSE);
}

char *
hearth_codec_encode_event (HearthFraming  framing,
                           const char    *name,
                           JsonNode      *data,
                           gint64         ack_id)
{
  GString *out;

  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);
  g_return_val_if_fail (!is_reserved_event (name), NULL);

  /* AUTO only makes sense for decoding; a connection that has not settled on a framing
   * yet is attempting Socket.IO first. */
  if (framing != HEARTH_FRAMING_ENVELOPE)
    return encode_socket_io_event (name, data, ack_id, NULL);

  /* The envelope has no acks: @ack_id is ignored. */
  out = g_string_sized_new (64);
  g_string_append (out, "{\"event\":");
  append_json_string (out, name);
  g_string_append (out, ",\"data\":");
  if (data != NULL)
    append_json_node (out, data);
  else
    g_string_append (out, "null");
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

char *
hearth_codec_encode_event_with_offset (const char *name,
                                       JsonNode   *data,
                                       const char *offset)
{
  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);
  g_return_val_if_fail (!is_reserved_event (name), NULL);
  g_return_val_if_fail (offset != NULL, NULL);

  return encode_socket_io_event (name, data, -1, offset);
}

char *
hearth_codec_encode_connect (JsonNode *payload)
{
  GString *out;

  g_return_val_if_fail (payload == NULL || JSON_NODE_HOLDS_OBJECT (payload), NULL);

  out = g_string_new ("40");
  if (payload != NULL)
    append_json_node (out, payload);

  return g_string_free (out, FALSE);
}

char *
hearth_codec_encode_connect_error (const char *message)
{
  GString *out;

  g_return_val_if_fail (message != NULL, NULL);

  out = g_string_new ("44{\"message\":");
  append_json_string (out, message);
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

char *
hearth_codec_encode_ack (gint64     ack_id,
                         JsonArray *args)
{
  GString *out;

  g_return_val_if_fail (ack_id >= 0, NULL);

  out = g_string_sized_new (32);
  g_string_append_printf (out, "43%" G_GINT64_FORMAT, ack_id);

  if (args != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), args);

      append_json_node (out, node);
    }
  else
    {
      g_string_append (out, "[]");
    }

  return g_string_free (out, FALSE);
}

char *
hearth_codec_encode_disconnect (void)
{
  return g_strdup ("41");
}

char *
hearth_codec_encode_open (const char *sid,
                          guint       ping_interval_ms,
                          guint       ping_timeout_ms,
                          guint64     max_payload)
{
  GString *out;

  g_return_val_if_fail (sid != NULL && sid[0] != '\0', NULL);

  /* Beyond G_MAXINT64 the integer would not read back; it means "unlimited" anyway. */
  max_payload = MIN (max_payload, (guint64) G_MAXINT64);

  out = g_string_new ("0{\"sid\":");
  append_json_string (out, sid);
  /* WebSocket only: nothing to upgrade to. */
  g_string_append_printf (out,
                          ",\"upgrades\":[],\"pingInterval\":%u,\"pingTimeout\":%u,"
                          "\"maxPayload\":%" G_GUINT64_FORMAT "}",
                          ping_interval_ms, ping_timeout_ms, max_payload);

  return g_string_free (out, FALSE);
}

char *
hearth_codec_encode_ping (void)
{
  return g_strdup ("2");
}

char *
hearth_codec_encode_pong (void)
{
  return g_strdup ("3");
}
