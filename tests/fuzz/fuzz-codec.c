/* fuzz-codec.c: libFuzzer target for hearth_codec_decode() and the encoders
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-fuzz-codec"

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hearth-codec.h"
#include "hearth-event.h"
#include "hearth-fast-event.h"
#include "../hearth-event-compare.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check (gboolean    condition,
       const char *what)
{
  if (!condition)
    {
      g_printerr ("fuzz-codec: %s\n", what);
      abort ();
    }
}

static gboolean
same_string (const char *a,
             const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* The envelope writes NULL data as "data": null, which decodes back to NULL. */
static gboolean
same_data (JsonNode *expected,
           JsonNode *actual,
           gboolean  null_is_absent)
{
  if (null_is_absent && expected != NULL && JSON_NODE_HOLDS_NULL (expected))
    expected = NULL;

  if (expected == NULL || actual == NULL)
    return expected == actual;

  return json_node_equal (expected, actual);
}

static HearthFrame *
must_decode (HearthFraming     framing,
             const char       *text,
             HearthCodecFlags  flags,
             HearthFrameType   expected_type)
{
  g_autoptr(GError) error = NULL;
  HearthFrame *frame;

  check (text != NULL, "encoder returned NULL");

  frame = hearth_codec_decode (framing, text, -1, flags, &error);
  if (frame == NULL)
    {
      g_printerr ("fuzz-codec: re-encoded frame does not decode: %s\n%s\n", error->message, text);
      abort ();
    }

  check (hearth_frame_get_frame_type (frame) == expected_type, "round trip changed the frame type");
  return frame;
}

static void
round_trip_event (HearthFrame      *frame,
                  HearthCodecFlags  flags)
{
  const char *name = hearth_frame_get_event_name (frame);
  JsonNode *data = hearth_frame_get_data (frame);
  gint64 ack_id = hearth_frame_get_ack_id (frame);
  g_autofree char *sio = NULL;
  g_autofree char *envelope = NULL;
  g_autoptr(HearthFrame) sio_frame = NULL;
  g_autoptr(HearthFrame) envelope_frame = NULL;

  check (name != NULL && name[0] != '\0', "EVENT without a name");
  check (hearth_frame_get_args (frame) != NULL, "EVENT without args");

  /* Without the recovery flag a trailing string argument must stay an argument. */
  sio = hearth_codec_encode_event (HEARTH_FRAMING_SOCKET_IO, name, data, ack_id);
  sio_frame = must_decode (HEARTH_FRAMING_SOCKET_IO, sio, HEARTH_CODEC_FLAGS_NONE,
                           HEARTH_FRAME_EVENT);
  check (same_string (hearth_frame_get_event_name (sio_frame), name), "Socket.IO name changed");
  check (hearth_frame_get_ack_id (sio_frame) == ack_id, "Socket.IO ack id changed");
  check (same_data (data, hearth_frame_get_data (sio_frame), FALSE), "Socket.IO data changed");

  envelope = hearth_codec_encode_event (HEARTH_FRAMING_ENVELOPE, name, data, -1);
  envelope_frame = must_decode (HEARTH_FRAMING_AUTO, envelope, flags, HEARTH_FRAME_EVENT);
  check (same_string (hearth_frame_get_event_name (envelope_frame), name), "envelope name changed");
  check (same_data (data, hearth_frame_get_data (envelope_frame), TRUE), "envelope data changed");

  if (hearth_frame_get_offset (frame) != NULL)
    {
      g_autofree char *with_offset = NULL;
      g_autoptr(HearthFrame) offset_frame = NULL;

      with_offset = hearth_codec_encode_event_with_offset (name, data, hearth_frame_get_offset (frame));
      offset_frame = must_decode (HEARTH_FRAMING_SOCKET_IO, with_offset,
                                  HEARTH_CODEC_FLAGS_RECOVERY, HEARTH_FRAME_EVENT);
      check (same_string (hearth_frame_get_offset (offset_frame), hearth_frame_get_offset (frame)),
             "offset changed");
      check (same_data (data, hearth_frame_get_data (offset_frame), FALSE), "offset data changed");
    }
}

static void
round_trip (HearthFrame      *frame,
            HearthCodecFlags  flags)
{
  g_autofree char *text = NULL;
  g_autoptr(HearthFrame) again = NULL;

  switch (hearth_frame_get_frame_type (frame))
    {
    case HEARTH_FRAME_EVENT:
      round_trip_event (frame, flags);
      break;

    case HEARTH_FRAME_ACK:
      check (hearth_frame_get_ack_id (frame) >= 0, "ACK without an id");
      text = hearth_codec_encode_ack (hearth_frame_get_ack_id (frame), hearth_frame_get_args (frame));
      again = must_decode (HEARTH_FRAMING_SOCKET_IO, text, flags, HEARTH_FRAME_ACK);
      check (hearth_frame_get_ack_id (again) == hearth_frame_get_ack_id (frame), "ACK id changed");
      check (json_array_get_length (hearth_frame_get_args (again)) ==
             json_array_get_length (hearth_frame_get_args (frame)), "ACK args changed");
      break;

    case HEARTH_FRAME_CONNECT:
      text = hearth_codec_encode_connect (hearth_frame_get_data (frame));
      again = must_decode (HEARTH_FRAMING_SOCKET_IO, text, flags, HEARTH_FRAME_CONNECT);
      check (same_data (hearth_frame_get_data (frame), hearth_frame_get_data (again), FALSE),
             "CONNECT payload changed");
      check (same_string (hearth_frame_get_pid (frame), hearth_frame_get_pid (again)), "pid changed");
      break;

    case HEARTH_FRAME_CONNECT_ERROR:
      check (hearth_frame_get_error_message (frame) != NULL, "CONNECT_ERROR without a message");
      text = hearth_codec_encode_connect_error (hearth_frame_get_error_message (frame));
      again = must_decode (HEARTH_FRAMING_SOCKET_IO, text, flags, HEARTH_FRAME_CONNECT_ERROR);
      check (same_string (hearth_frame_get_error_message (frame),
                          hearth_frame_get_error_message (again)), "error message changed");
      break;

    case HEARTH_FRAME_OPEN:
      text = hearth_codec_encode_open (hearth_frame_get_sid (frame),
                                       hearth_frame_get_ping_interval (frame),
                                       hearth_frame_get_ping_timeout (frame),
                                       hearth_frame_get_max_payload (frame));
      again = must_decode (HEARTH_FRAMING_SOCKET_IO, text, flags, HEARTH_FRAME_OPEN);
      check (same_string (hearth_frame_get_sid (frame), hearth_frame_get_sid (again)), "sid changed");
      check (hearth_frame_get_ping_interval (frame) == hearth_frame_get_ping_interval (again) &&
             hearth_frame_get_ping_timeout (frame) == hearth_frame_get_ping_timeout (again) &&
             hearth_frame_get_max_payload (frame) == hearth_frame_get_max_payload (again),
             "heartbeat parameters changed");
      break;

    case HEARTH_FRAME_CLOSE:
    case HEARTH_FRAME_PING:
    case HEARTH_FRAME_PONG:
    case HEARTH_FRAME_NOOP:
    case HEARTH_FRAME_DISCONNECT:
    default:
      check (hearth_frame_get_namespace (frame) != NULL, "frame without a namespace");
      break;
    }
}

/* The fast decoder of messages-* frames against the general path (the reference): whatever it
 * accepts, the general path must accept too and give an equal event and offset. */
static void
check_fast_path (HearthFraming     framing,
                 const char       *text,
                 gsize             length,
                 HearthCodecFlags  flags,
                 HearthFrame      *frame)
{
  g_autoptr(HearthEvent) fast = NULL;
  g_autoptr(HearthEvent) expected = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *diff = NULL;

  fast = _hearth_fast_event_decode (framing, text, length, flags, &offset);
  if (fast == NULL)
    {
      check (offset == NULL, "fast path: an offset without an event");
      return;
    }

  check (frame != NULL, "fast path accepted a frame the codec refuses");
  check (hearth_frame_get_frame_type (frame) == HEARTH_FRAME_EVENT &&
         hearth_frame_get_ack_id (frame) < 0 &&
         same_string (hearth_frame_get_namespace (frame), "/"),
         "fast path accepted a frame that is not a plain event");
  expected = hearth_event_new_from_json (hearth_frame_get_event_name (frame),
                                         hearth_frame_get_data (frame), NULL);
  check (expected != NULL, "fast path accepted an event the event parser refuses");
  if ((diff = hearth_compare_events (expected, fast)) != NULL)
    {
      g_printerr ("fuzz-codec: fast path differs: %s\n", diff);
      abort ();
    }
  check (same_string (offset, hearth_frame_get_offset (frame)), "fast path: offset differs");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const HearthFraming framings[] = {
    HEARTH_FRAMING_AUTO, HEARTH_FRAMING_SOCKET_IO, HEARTH_FRAMING_ENVELOPE,
  };
  static const HearthCodecFlags all_flags[] = {
    HEARTH_CODEC_FLAGS_NONE, HEARTH_CODEC_FLAGS_RECOVERY,
  };
  static gboolean initialized;

  if (!initialized)
    {
      /* A critical or a warning is a bug the fuzzer should report. */
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      initialized = TRUE;
    }

  /* The input is used as is: not NUL-terminated, so reads past @size are caught by ASan. */
  for (guint i = 0; i < G_N_ELEMENTS (framings); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (all_flags); j++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(HearthFrame) frame = NULL;

          frame = hearth_codec_decode (framings[i], (const char *) data, (gssize) size,
                                       all_flags[j], &error);
          check_fast_path (framings[i], (const char *) data, size, all_flags[j], frame);
          if (frame == NULL)
            {
              check (error != NULL && error->domain == HEARTH_CODEC_ERROR, "NULL without an error");
              continue;
            }

          check (error == NULL, "frame and an error");
          round_trip (frame, all_flags[j]);
        }
    }

  return 0;
}
