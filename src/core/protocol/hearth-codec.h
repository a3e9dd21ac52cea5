/* hearth-codec.h: one WebSocket text frame <-> one HearthFrame, in both framings
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_CODEC_ERROR (hearth_codec_error_quark ())

typedef enum
{
  HEARTH_CODEC_ERROR_EMPTY,            /* zero-length frame */
  HEARTH_CODEC_ERROR_INVALID_UTF8,
  HEARTH_CODEC_ERROR_INVALID_JSON,     /* payload is not JSON (or too deep) */
  HEARTH_CODEC_ERROR_INVALID_PACKET,   /* unknown packet type, bad ack id, wrong payload shape */
  HEARTH_CODEC_ERROR_BINARY,           /* BINARY_EVENT / BINARY_ACK: not supported */
  HEARTH_CODEC_ERROR_UNSUPPORTED,      /* polling-only Engine.IO packets (upgrade "5") */
} HearthCodecError;

typedef enum
{
  HEARTH_CODEC_FLAGS_NONE     = 0,
  /* Connection-state recovery is active (the CONNECT reply carried a "pid"): a trailing string
   * argument of an EVENT is the server's offset; strip it into hearth_frame_get_offset(). */
  HEARTH_CODEC_FLAGS_RECOVERY = 1 << 0,
} HearthCodecFlags;

#define HEARTH_TYPE_FRAME (hearth_frame_get_type ())

GType            hearth_frame_get_type           (void) G_GNUC_CONST;
HearthFrame     *hearth_frame_ref                (HearthFrame *frame);
void             hearth_frame_unref              (HearthFrame *frame);

HearthFrameType  hearth_frame_get_frame_type     (HearthFrame *frame);
/* Socket.IO namespace; "/" for the main namespace and for the envelope framing. */
const char      *hearth_frame_get_namespace      (HearthFrame *frame);
/* EVENT: the event name. */
const char      *hearth_frame_get_event_name     (HearthFrame *frame);
/* EVENT: the first argument after the name (the envelope's "data"); NULL when absent.
 * CONNECT: the payload object (auth from a client, {"sid","pid"} from a server) or NULL.
 * CONNECT_ERROR: the payload ({"message", "data"?}).  OPEN: the handshake object. */
JsonNode        *hearth_frame_get_data           (HearthFrame *frame);
/* EVENT and ACK: all arguments after the name (offset stripped); never NULL for those. */
JsonArray       *hearth_frame_get_args           (HearthFrame *frame);
/* EVENT and ACK: the ack id, or -1 when there is none. */
gint64           hearth_frame_get_ack_id         (HearthFrame *frame);
/* EVENT with HEARTH_CODEC_FLAGS_RECOVERY: the stripped offset, or NULL. */
const char      *hearth_frame_get_offset         (HearthFrame *frame);
/* OPEN: sid; CONNECT reply: sid. */
const char      *hearth_frame_get_sid            (HearthFrame *frame);
/* CONNECT reply: pid when the server offers connection-state recovery. */
const char      *hearth_frame_get_pid            (HearthFrame *frame);
/* OPEN: heartbeat parameters in milliseconds, and max payload in bytes (0 when absent). */
guint            hearth_frame_get_ping_interval  (HearthFrame *frame);
guint            hearth_frame_get_ping_timeout   (HearthFrame *frame);
guint64          hearth_frame_get_max_payload    (HearthFrame *frame);
/* CONNECT_ERROR: the server's message (never NULL for that type). */
const char      *hearth_frame_get_error_message  (HearthFrame *frame);

GQuark           hearth_codec_error_quark        (void);

/* Decodes one text frame. @length may be -1 for NUL-terminated text. Any input, however
 * malformed, yields either a frame or a HEARTH_CODEC_ERROR; never a crash or a critical. */
HearthFrame     *hearth_codec_decode             (HearthFraming     framing,
                                                  const char       *text,
                                                  gssize            length,
                                                  HearthCodecFlags  flags,
                                                  GError          **error);

/* Encoders return newly allocated frame text. */
/* EVENT: envelope {"event":name,"data":data} or Socket.IO 42[<ack_id>]["name",data].
 * @data may be NULL (envelope: null; Socket.IO: no argument). @ack_id -1 for none (Socket.IO). */
char            *hearth_codec_encode_event       (HearthFraming     framing,
                                                  const char       *name,
                                                  JsonNode         *data,
                                                  gint64            ack_id);
/* Socket.IO, server side: an EVENT whose last argument is a recovery @offset. */
char            *hearth_codec_encode_event_with_offset (const char *name,
                                                  JsonNode         *data,
                                                  const char       *offset);
/* Socket.IO CONNECT "40" or "40{...}" (@payload nullable, must be an object). */
char            *hearth_codec_encode_connect     (JsonNode         *payload);
/* Socket.IO CONNECT_ERROR "44{"message":...}" */
char            *hearth_codec_encode_connect_error (const char     *message);
/* Socket.IO ACK "43<id>[...]" (@args nullable: empty array). */
char            *hearth_codec_encode_ack         (gint64            ack_id,
                                                  JsonArray        *args);
/* Socket.IO DISCONNECT "41". */
char            *hearth_codec_encode_disconnect  (void);
/* Engine.IO open "0{...}" (server side). */
char            *hearth_codec_encode_open        (const char       *sid,
                                                  guint             ping_interval_ms,
                                                  guint             ping_timeout_ms,
                                                  guint64           max_payload);
/* Engine.IO ping "2" and pong "3". */
char            *hearth_codec_encode_ping        (void);
char            *hearth_codec_encode_pong        (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthFrame, hearth_frame_unref)

G_END_DECLS
