/* test-codec.c: HearthFrame decoding and encoding in both framings
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-test-codec"

#include "config.h"

#include <string.h>

#include "hearth-codec.h"
#include "hearth-json.h"

/* Helpers */

static HearthFrame *
decode_ok (HearthFraming     framing,
           const char       *text,
           HearthCodecFlags  flags,
           HearthFrameType   type)
{
  g_autoptr(GError) error = NULL;
  HearthFrame *frame;

  frame = hearth_codec_decode (framing, text, -1, flags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (frame);
  g_assert_cmpint (hearth_frame_get_frame_type (frame), ==, type);

  return frame;
}

/* Socket.IO frames decode the same with SOCKET_IO and AUTO framing. */
static HearthFrame *
decode_sio (const char      *text,
            HearthFrameType  type)
{
  g_autoptr(HearthFrame) auto_frame = decode_ok (HEARTH_FRAMING_AUTO, text, 0, type);
  HearthFrame *frame = decode_ok (HEARTH_FRAMING_SOCKET_IO, text, 0, type);

  g_assert_cmpstr (hearth_frame_get_namespace (auto_frame), ==, hearth_frame_get_namespace (frame));
  g_assert_cmpstr (hearth_frame_get_event_name (auto_frame), ==, hearth_frame_get_event_name (frame));
  g_assert_cmpint (hearth_frame_get_ack_id (auto_frame), ==, hearth_frame_get_ack_id (frame));

  return frame;
}

static void
assert_error_len (HearthFraming     framing,
                  const char       *text,
                  gssize            length,
                  HearthCodecFlags  flags,
                  HearthCodecError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthFrame) frame = NULL;

  frame = hearth_codec_decode (framing, text, length, flags, &error);
  g_assert_null (frame);
  g_assert_error (error, HEARTH_CODEC_ERROR, (int) code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
assert_error (HearthFraming     framing,
              const char       *text,
              HearthCodecError  code)
{
  assert_error_len (framing, text, -1, HEARTH_CODEC_FLAGS_NONE, code);
}

static void
assert_sio_error (const char       *text,
                  HearthCodecError  code)
{
  assert_error_len (HEARTH_FRAMING_SOCKET_IO, text, -1, HEARTH_CODEC_FLAGS_NONE, code);
  assert_error_len (HEARTH_FRAMING_SOCKET_IO, text, -1, HEARTH_CODEC_FLAGS_RECOVERY, code);
  assert_error_len (HEARTH_FRAMING_AUTO, text, -1, HEARTH_CODEC_FLAGS_NONE, code);
}

static void
assert_json (JsonNode   *node,
             const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (node);
  text = hearth_json_to_string (node);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_args (HearthFrame *frame,
             const char  *expected)
{
  JsonArray *args = hearth_frame_get_args (frame);
  g_autoptr(JsonNode) node = NULL;

  g_assert_nonnull (args);
  node = json_node_init_array (json_node_alloc (), args);
  assert_json (node, expected);
}

/* Fields that are not set for a frame of that type. */
static void
assert_control_frame (HearthFrame *frame)
{
  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/");
  g_assert_null (hearth_frame_get_event_name (frame));
  g_assert_null (hearth_frame_get_data (frame));
  g_assert_null (hearth_frame_get_args (frame));
  g_assert_cmpint (hearth_frame_get_ack_id (frame), ==, -1);
  g_assert_null (hearth_frame_get_offset (frame));
  g_assert_null (hearth_frame_get_sid (frame));
  g_assert_null (hearth_frame_get_pid (frame));
  g_assert_null (hearth_frame_get_error_message (frame));
}

static JsonNode *
json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = hearth_json_parse (text, -1, &error);

  g_assert_no_error (error);
  return node;
}

/* SOCKETIO.md §9, one test per row */

static void
test_sio_row01_open (void)
{
  g_autoptr(HearthFrame) frame = NULL;
  JsonObject *handshake;

  frame = decode_sio ("0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"],"
                      "\"pingInterval\":25000,\"pingTimeout\":5000,\"maxPayload\":1000000}",
                      HEARTH_FRAME_OPEN);
  g_assert_cmpstr (hearth_frame_get_sid (frame), ==, "lv_VI97HAXpY6yYWAAAC");
  g_assert_cmpuint (hearth_frame_get_ping_interval (frame), ==, 25000);
  g_assert_cmpuint (hearth_frame_get_ping_timeout (frame), ==, 5000);
  g_assert_cmpuint (hearth_frame_get_max_payload (frame), ==, 1000000);
  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/");
  g_assert_null (hearth_frame_get_event_name (frame));
  g_assert_null (hearth_frame_get_args (frame));

  handshake = json_node_get_object (hearth_frame_get_data (frame));
  g_assert_nonnull (hearth_json_object_get_array (handshake, "upgrades"));
}

static void
test_sio_row02_ping (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("2", HEARTH_FRAME_PING);

  assert_control_frame (frame);
}

static void
test_sio_row03_pong (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("3", HEARTH_FRAME_PONG);

  assert_control_frame (frame);
}

static void
test_sio_row04_close (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("1", HEARTH_FRAME_CLOSE);

  assert_control_frame (frame);
}

/* Polling-to-WebSocket upgrade: probes are harmless pings/pongs, "5" is refused clearly. */
static void
test_sio_row05_upgrade (void)
{
  g_autoptr(HearthFrame) probe = decode_sio ("2probe", HEARTH_FRAME_PING);
  g_autoptr(HearthFrame) probe_reply = decode_sio ("3probe", HEARTH_FRAME_PONG);

  assert_control_frame (probe);
  assert_control_frame (probe_reply);
  assert_sio_error ("5", HEARTH_CODEC_ERROR_UNSUPPORTED);
}

static void
test_sio_row06_noop (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("6", HEARTH_FRAME_NOOP);

  assert_control_frame (frame);
}

/* A raw Engine.IO message that is not a Socket.IO packet ('h' is no packet type). */
static void
test_sio_row07_raw_message (void)
{
  assert_sio_error ("4hello", HEARTH_CODEC_ERROR_INVALID_PACKET);
}

static void
test_sio_row08_connect (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("40", HEARTH_FRAME_CONNECT);

  assert_control_frame (frame);
}

static void
test_sio_row09_connect_auth (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("40{\"token\":\"123\"}", HEARTH_FRAME_CONNECT);

  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/");
  assert_json (hearth_frame_get_data (frame), "{\"token\":\"123\"}");
  g_assert_null (hearth_frame_get_sid (frame));
  g_assert_null (hearth_frame_get_pid (frame));
  g_assert_null (hearth_frame_get_args (frame));
}

static void
test_sio_row10_connect_reply (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("40{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}",
                                             HEARTH_FRAME_CONNECT);

  g_assert_cmpstr (hearth_frame_get_sid (frame), ==, "wZX3oN0bSVIhsaknAAAI");
  g_assert_null (hearth_frame_get_pid (frame));
  assert_json (hearth_frame_get_data (frame), "{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}");
}

static void
test_sio_row11_connect_namespace_auth (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("40/custom,{\"token\":\"abc\"}", HEARTH_FRAME_CONNECT);

  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/custom");
  assert_json (hearth_frame_get_data (frame), "{\"token\":\"abc\"}");
  g_assert_null (hearth_frame_get_sid (frame));
}

static void
test_sio_row12_connect_namespace (void)
{
  g_autoptr(HearthFrame) request = decode_sio ("40/admin,", HEARTH_FRAME_CONNECT);
  g_autoptr(HearthFrame) reply = decode_sio ("40/admin,{\"sid\":\"-G5j-67EZFp-q59rADQM\"}",
                                             HEARTH_FRAME_CONNECT);

  g_assert_cmpstr (hearth_frame_get_namespace (request), ==, "/admin");
  g_assert_null (hearth_frame_get_data (request));
  g_assert_null (hearth_frame_get_sid (request));

  g_assert_cmpstr (hearth_frame_get_namespace (reply), ==, "/admin");
  g_assert_cmpstr (hearth_frame_get_sid (reply), ==, "-G5j-67EZFp-q59rADQM");
}

static void
test_sio_row13_connect_error_namespace (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("44/random,{\"message\":\"Invalid namespace\"}",
                                             HEARTH_FRAME_CONNECT_ERROR);

  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/random");
  g_assert_cmpstr (hearth_frame_get_error_message (frame), ==, "Invalid namespace");
  assert_json (hearth_frame_get_data (frame), "{\"message\":\"Invalid namespace\"}");
}

static void
test_sio_row14_connect_error (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("44{\"message\":\"Not authorized\",\"data\":{\"code\":7}}",
                                             HEARTH_FRAME_CONNECT_ERROR);
  g_autoptr(HearthFrame) v2 = decode_sio ("44\"Not authorized\"", HEARTH_FRAME_CONNECT_ERROR);

  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/");
  g_assert_cmpstr (hearth_frame_get_error_message (frame), ==, "Not authorized");
  g_assert_null (hearth_frame_get_args (frame));

  /* Socket.IO v2 servers send a bare string. */
  g_assert_cmpstr (hearth_frame_get_error_message (v2), ==, "Not authorized");
}

static void
test_sio_row15_disconnect (void)
{
  g_autoptr(HearthFrame) main_nsp = decode_sio ("41", HEARTH_FRAME_DISCONNECT);
  g_autoptr(HearthFrame) admin = decode_sio ("41/admin,", HEARTH_FRAME_DISCONNECT);

  assert_control_frame (main_nsp);
  g_assert_cmpstr (hearth_frame_get_namespace (admin), ==, "/admin");
  g_assert_null (hearth_frame_get_data (admin));
}

static void
test_sio_row16_event (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("42[\"hey\",\"Jude\"]", HEARTH_FRAME_EVENT);

  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "hey");
  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/");
  assert_json (hearth_frame_get_data (frame), "\"Jude\"");
  assert_args (frame, "[\"Jude\"]");
  g_assert_cmpint (hearth_frame_get_ack_id (frame), ==, -1);
  g_assert_null (hearth_frame_get_offset (frame));
}

static void
test_sio_row17_event_mixed_args (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("42[\"message\",1,\"2\",{\"3\":[true]}]",
                                             HEARTH_FRAME_EVENT);

  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "message");
  assert_json (hearth_frame_get_data (frame), "1");
  assert_args (frame, "[1,\"2\",{\"3\":[true]}]");
  g_assert_cmpint (hearth_frame_get_ack_id (frame), ==, -1);
}

static void
test_sio_row18_event_namespace (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("42/admin,[\"bar\"]", HEARTH_FRAME_EVENT);

  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/admin");
  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "bar");
  g_assert_null (hearth_frame_get_data (frame));
  assert_args (frame, "[]");
  g_assert_cmpint (hearth_frame_get_ack_id (frame), ==, -1);
}

static void
test_sio_row19_event_ack_id (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("4212[\"foo\"]", HEARTH_FRAME_EVENT);

  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "foo");
  g_assert_cmpint (hearth_frame_get_ack_id (frame), ==, 12);
  g_assert_null (hearth_frame_get_data (frame));
  assert_args (frame, "[]");
}

static void
test_sio_row20_event_ack_and_reply (void)
{
  g_autoptr(HearthFrame) event = NULL;
  g_autoptr(HearthFrame) ack = NULL;
  g_autofree char *reply = NULL;

  event = decode_sio ("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]", HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (event), ==, "message-with-ack");
  g_assert_cmpint (hearth_frame_get_ack_id (event), ==, 456);
  assert_args (event, "[1,\"2\",{\"3\":[false]}]");

  /* The reply echoes the arguments under the same id. */
  reply = hearth_codec_encode_ack (hearth_frame_get_ack_id (event), hearth_frame_get_args (event));
  g_assert_cmpstr (reply, ==, "43456[1,\"2\",{\"3\":[false]}]");

  ack = decode_sio (reply, HEARTH_FRAME_ACK);
  g_assert_cmpint (hearth_frame_get_ack_id (ack), ==, 456);
  assert_args (ack, "[1,\"2\",{\"3\":[false]}]");
  assert_json (hearth_frame_get_data (ack), "1");
  g_assert_null (hearth_frame_get_event_name (ack));
}

static void
test_sio_row21_ack_namespace (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("43/admin,13[\"bar\"]", HEARTH_FRAME_ACK);

  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/admin");
  g_assert_cmpint (hearth_frame_get_ack_id (frame), ==, 13);
  assert_args (frame, "[\"bar\"]");
  g_assert_null (hearth_frame_get_event_name (frame));
}

static void
test_sio_row22_event_namespace_ack (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("42/admin,1[\"tellme\"]", HEARTH_FRAME_EVENT);

  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/admin");
  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "tellme");
  g_assert_cmpint (hearth_frame_get_ack_id (frame), ==, 1);
}

static void
assert_binary_error (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthFrame) frame = NULL;

  assert_sio_error (text, HEARTH_CODEC_ERROR_BINARY);

  frame = hearth_codec_decode (HEARTH_FRAMING_SOCKET_IO, text, -1, 0, &error);
  g_assert_null (frame);
  g_assert_cmpstr (error->message, ==, "binary packets are not supported");
}

static void
test_sio_row23_binary_event (void)
{
  assert_binary_error ("451-[\"baz\",{\"_placeholder\":true,\"num\":0}]");
  /* The attachment itself is a binary WebSocket frame, never a text frame: read as text
   * it is not an Engine.IO packet. */
  assert_error (HEARTH_FRAMING_SOCKET_IO, "\x01\x02\x03\x04", HEARTH_CODEC_ERROR_INVALID_PACKET);
}

static void
test_sio_row24_binary_event_two (void)
{
  assert_binary_error ("452-[\"message\",{\"_placeholder\":true,\"num\":0},"
                       "{\"_placeholder\":true,\"num\":1}]");
}

static void
test_sio_row25_binary_ack (void)
{
  assert_binary_error ("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0}]");
  assert_binary_error ("462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
}

static void
test_sio_row26_binary_ack_namespace (void)
{
  assert_binary_error ("461-/admin,1[{\"_placeholder\":true,\"num\":0}]");
}

static void
test_sio_row27_invalid_sio_type (void)
{
  assert_sio_error ("4abc", HEARTH_CODEC_ERROR_INVALID_PACKET);
  assert_sio_error ("47[\"x\"]", HEARTH_CODEC_ERROR_INVALID_PACKET);
}

static void
test_sio_row28_event_not_array (void)
{
  assert_sio_error ("42{}", HEARTH_CODEC_ERROR_INVALID_PACKET);
}

static void
test_sio_row29_invalid_ack_id (void)
{
  assert_sio_error ("42abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]",
                    HEARTH_CODEC_ERROR_INVALID_PACKET);
}

static void
test_sio_row30_invalid_eio_packet (void)
{
  assert_error (HEARTH_FRAMING_SOCKET_IO, "abc", HEARTH_CODEC_ERROR_INVALID_PACKET);
  /* With AUTO a non-digit first byte means the envelope, and "abc" is not JSON. */
  assert_error (HEARTH_FRAMING_AUTO, "abc", HEARTH_CODEC_ERROR_INVALID_JSON);
  assert_error (HEARTH_FRAMING_SOCKET_IO, "7", HEARTH_CODEC_ERROR_INVALID_PACKET);
}

static void
test_sio_row31_connect_recovery (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("40{\"sid\":\"Xy9_sid\",\"pid\":\"Pq4-pid\"}",
                                             HEARTH_FRAME_CONNECT);

  g_assert_cmpstr (hearth_frame_get_sid (frame), ==, "Xy9_sid");
  g_assert_cmpstr (hearth_frame_get_pid (frame), ==, "Pq4-pid");
}

static void
test_sio_row32_event_offset (void)
{
  const char *text = "42[\"evt\",{\"x\":1},\"MzUwMjQ4\"]";
  g_autoptr(HearthFrame) recovered = NULL;
  g_autoptr(HearthFrame) plain = NULL;

  recovered = decode_ok (HEARTH_FRAMING_SOCKET_IO, text, HEARTH_CODEC_FLAGS_RECOVERY,
                         HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (recovered), ==, "evt");
  assert_json (hearth_frame_get_data (recovered), "{\"x\":1}");
  assert_args (recovered, "[{\"x\":1}]");
  g_assert_cmpstr (hearth_frame_get_offset (recovered), ==, "MzUwMjQ4");

  /* Without recovery the trailing string is an ordinary argument. */
  plain = decode_ok (HEARTH_FRAMING_SOCKET_IO, text, HEARTH_CODEC_FLAGS_NONE, HEARTH_FRAME_EVENT);
  assert_args (plain, "[{\"x\":1},\"MzUwMjQ4\"]");
  g_assert_null (hearth_frame_get_offset (plain));
}

static void
test_sio_row33_connect_with_recovery_request (void)
{
  const char *text = "40{\"pid\":\"Pq4-pid\",\"offset\":\"MzUwMjQ4\",\"token\":\"abc\"}";
  g_autoptr(HearthFrame) frame = decode_sio (text, HEARTH_FRAME_CONNECT);
  g_autofree char *encoded = NULL;
  JsonObject *object;

  g_assert_cmpstr (hearth_frame_get_pid (frame), ==, "Pq4-pid");
  g_assert_null (hearth_frame_get_sid (frame));
  object = json_node_get_object (hearth_frame_get_data (frame));
  g_assert_cmpstr (hearth_json_object_get_string (object, "offset"), ==, "MzUwMjQ4");
  g_assert_cmpstr (hearth_json_object_get_string (object, "token"), ==, "abc");

  /* What the client sends when reconnecting, byte for byte. */
  encoded = hearth_codec_encode_connect (hearth_frame_get_data (frame));
  g_assert_cmpstr (encoded, ==, text);
}

/* More Socket.IO decoding rules */

static void
test_sio_recovery_rules (void)
{
  g_autoptr(HearthFrame) only_offset = NULL;
  g_autoptr(HearthFrame) with_ack = NULL;
  g_autoptr(HearthFrame) no_args = NULL;
  g_autoptr(HearthFrame) not_string = NULL;

  /* An event with no arguments still gets an offset appended by the server. */
  only_offset = decode_ok (HEARTH_FRAMING_SOCKET_IO, "42[\"evt\",\"off1\"]",
                           HEARTH_CODEC_FLAGS_RECOVERY, HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_offset (only_offset), ==, "off1");
  g_assert_null (hearth_frame_get_data (only_offset));
  assert_args (only_offset, "[]");

  /* Events with an ack id are never stored, so carry no offset. */
  with_ack = decode_ok (HEARTH_FRAMING_SOCKET_IO, "427[\"evt\",\"arg\"]",
                        HEARTH_CODEC_FLAGS_RECOVERY, HEARTH_FRAME_EVENT);
  g_assert_null (hearth_frame_get_offset (with_ack));
  assert_args (with_ack, "[\"arg\"]");

  /* The name itself is never taken for an offset. */
  no_args = decode_ok (HEARTH_FRAMING_SOCKET_IO, "42[\"evt\"]",
                       HEARTH_CODEC_FLAGS_RECOVERY, HEARTH_FRAME_EVENT);
  g_assert_null (hearth_frame_get_offset (no_args));
  g_assert_cmpstr (hearth_frame_get_event_name (no_args), ==, "evt");

  not_string = decode_ok (HEARTH_FRAMING_SOCKET_IO, "42[\"evt\",\"a\",5]",
                          HEARTH_CODEC_FLAGS_RECOVERY, HEARTH_FRAME_EVENT);
  g_assert_null (hearth_frame_get_offset (not_string));
  assert_args (not_string, "[\"a\",5]");
}

static void
test_sio_reserved_names (void)
{
  static const char * const names[] = {
    "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener",
  };
  g_autoptr(HearthFrame) similar = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = g_strdup_printf ("42[\"%s\",{}]", names[i]);

      assert_sio_error (text, HEARTH_CODEC_ERROR_INVALID_PACKET);
    }

  similar = decode_sio ("42[\"connected\"]", HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (similar), ==, "connected");
}

static void
test_sio_invalid_shapes (void)
{
  static const struct {
    const char       *text;
    HearthCodecError  code;
  } cases[] = {
    { "42[]", HEARTH_CODEC_ERROR_INVALID_PACKET },             /* no name */
    { "42[1,2]", HEARTH_CODEC_ERROR_INVALID_PACKET },          /* name not a string */
    { "42[null]", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "42[\"\"]", HEARTH_CODEC_ERROR_INVALID_PACKET },         /* empty name */
    { "42\"evt\"", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "42 [\"evt\"]", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "42[\"evt\"] x", HEARTH_CODEC_ERROR_INVALID_JSON },
    { "42[\"evt\"][1]", HEARTH_CODEC_ERROR_INVALID_JSON },
    { "42/admin", HEARTH_CODEC_ERROR_INVALID_PACKET },         /* namespace, no payload */
    { "41{}", HEARTH_CODEC_ERROR_INVALID_PACKET },             /* DISCONNECT payload */
    { "41/admin,[]", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "415", HEARTH_CODEC_ERROR_INVALID_PACKET },              /* ack id on DISCONNECT */
    { "4012{}", HEARTH_CODEC_ERROR_INVALID_PACKET },           /* ack id on CONNECT */
    { "40[]", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "40\"token\"", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "40{\"token\":}", HEARTH_CODEC_ERROR_INVALID_JSON },
    { "43[]", HEARTH_CODEC_ERROR_INVALID_PACKET },             /* ACK without id */
    { "4312", HEARTH_CODEC_ERROR_INVALID_PACKET },             /* ACK without payload */
    { "4312{}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "44", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "44{}", HEARTH_CODEC_ERROR_INVALID_PACKET },             /* no message */
    { "44{\"message\":3}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "44[\"x\"]", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "441{\"message\":\"x\"}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0", HEARTH_CODEC_ERROR_INVALID_PACKET },                /* open without handshake */
    { "0{}", HEARTH_CODEC_ERROR_INVALID_PACKET },              /* no sid */
    { "0{\"sid\":\"\"}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0{\"sid\":5}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0[\"sid\"]", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0{\"sid\":\"s\",\"pingInterval\":-1}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0{\"sid\":\"s\",\"pingInterval\":\"25000\"}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0{\"sid\":\"s\",\"pingTimeout\":4294967296}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0{\"sid\":\"s\",\"pingTimeout\":2.5}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0{\"sid\":\"s\",\"maxPayload\":-5}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0{\"sid\":\"s\",\"maxPayload\":1e19}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0{\"sid\":\"s\",\"maxPayload\":9223372036854775808.0}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "0{\"sid\":\"s\"", HEARTH_CODEC_ERROR_INVALID_JSON },
    { "1x", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "2x", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "2probex", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "3pro", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "6 ", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "5probe", HEARTH_CODEC_ERROR_UNSUPPORTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i].text);
      assert_sio_error (cases[i].text, cases[i].code);
    }
}

static void
test_sio_open_optional_fields (void)
{
  g_autoptr(HearthFrame) minimal = decode_sio ("0{\"sid\":\"s1\"}", HEARTH_FRAME_OPEN);
  g_autoptr(HearthFrame) big = NULL;

  g_assert_cmpstr (hearth_frame_get_sid (minimal), ==, "s1");
  g_assert_cmpuint (hearth_frame_get_ping_interval (minimal), ==, 0);
  g_assert_cmpuint (hearth_frame_get_ping_timeout (minimal), ==, 0);
  g_assert_cmpuint (hearth_frame_get_max_payload (minimal), ==, 0);

  /* A JS server may write maxHttpBufferSize: 1e8 as a double. */
  big = decode_sio ("0{\"sid\":\"s2\",\"pingInterval\":4294967295,\"pingTimeout\":0,"
                    "\"maxPayload\":1e8}", HEARTH_FRAME_OPEN);
  g_assert_cmpuint (hearth_frame_get_ping_interval (big), ==, G_MAXUINT);
  g_assert_cmpuint (hearth_frame_get_max_payload (big), ==, 100000000);
}

static void
test_sio_namespace_forms (void)
{
  g_autoptr(HearthFrame) no_comma = decode_sio ("41/admin", HEARTH_FRAME_DISCONNECT);
  g_autoptr(HearthFrame) root = decode_sio ("42/,[\"evt\"]", HEARTH_FRAME_EVENT);
  g_autoptr(HearthFrame) utf8 = decode_sio ("42/caf\xc3\xa9,7[\"evt\"]", HEARTH_FRAME_EVENT);

  g_assert_cmpstr (hearth_frame_get_namespace (no_comma), ==, "/admin");
  g_assert_cmpstr (hearth_frame_get_namespace (root), ==, "/");
  g_assert_cmpstr (hearth_frame_get_namespace (utf8), ==, "/caf\xc3\xa9");
  g_assert_cmpint (hearth_frame_get_ack_id (utf8), ==, 7);
}

static void
test_sio_ack_id_limits (void)
{
  g_autoptr(HearthFrame) max = decode_sio ("429223372036854775807[\"evt\"]", HEARTH_FRAME_EVENT);
  g_autoptr(HearthFrame) zero = decode_sio ("430[]", HEARTH_FRAME_ACK);

  g_assert_cmpint (hearth_frame_get_ack_id (max), ==, G_MAXINT64);
  g_assert_cmpint (hearth_frame_get_ack_id (zero), ==, 0);
  assert_args (zero, "[]");
  g_assert_null (hearth_frame_get_data (zero));

  assert_sio_error ("429223372036854775808[\"evt\"]", HEARTH_CODEC_ERROR_INVALID_PACKET);
  assert_sio_error ("4299999999999999999999999[\"evt\"]", HEARTH_CODEC_ERROR_INVALID_PACKET);
  assert_sio_error ("4399999999999999999999999[]", HEARTH_CODEC_ERROR_INVALID_PACKET);
}

/* Envelope framing */

static void
test_envelope_event (void)
{
  const char *text = "{\"event\":\"typing-started\",\"data\":{\"chat\":\"c1\",\"user\":\"u2\"},"
                     "\"extra\":[1]}";
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(HearthFrame) auto_frame = NULL;

  frame = decode_ok (HEARTH_FRAMING_ENVELOPE, text, 0, HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "typing-started");
  g_assert_cmpstr (hearth_frame_get_namespace (frame), ==, "/");
  assert_json (hearth_frame_get_data (frame), "{\"chat\":\"c1\",\"user\":\"u2\"}");
  assert_args (frame, "[{\"chat\":\"c1\",\"user\":\"u2\"}]");
  g_assert_cmpint (hearth_frame_get_ack_id (frame), ==, -1);
  g_assert_null (hearth_frame_get_offset (frame));

  /* The recovery flag means nothing to the envelope. */
  auto_frame = decode_ok (HEARTH_FRAMING_AUTO, text, HEARTH_CODEC_FLAGS_RECOVERY,
                          HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (auto_frame), ==, "typing-started");
  assert_args (auto_frame, "[{\"chat\":\"c1\",\"user\":\"u2\"}]");
}

static void
test_envelope_without_data (void)
{
  g_autoptr(HearthFrame) absent = NULL;
  g_autoptr(HearthFrame) null_data = NULL;
  g_autoptr(HearthFrame) scalar = NULL;

  absent = decode_ok (HEARTH_FRAMING_ENVELOPE, "{\"event\":\"ping-me\"}", 0, HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (absent), ==, "ping-me");
  g_assert_null (hearth_frame_get_data (absent));
  assert_args (absent, "[]");

  /* "data": null is what encode_event() writes for no data. */
  null_data = decode_ok (HEARTH_FRAMING_AUTO, " {\"data\":null,\"event\":\"ping-me\"}", 0,
                         HEARTH_FRAME_EVENT);
  g_assert_null (hearth_frame_get_data (null_data));
  assert_args (null_data, "[]");

  scalar = decode_ok (HEARTH_FRAMING_ENVELOPE, "{\"event\":\"n\",\"data\":[false]}", 0,
                      HEARTH_FRAME_EVENT);
  assert_json (hearth_frame_get_data (scalar), "[false]");
  assert_args (scalar, "[[false]]");
}

static void
test_envelope_invalid (void)
{
  static const struct {
    const char       *text;
    HearthCodecError  code;
  } cases[] = {
    { "[\"event\",\"x\"]", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "\"event\"", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "{}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "{\"data\":{}}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "{\"event\":\"\"}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "{\"event\":42}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "{\"event\":null}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "{\"event\":[\"x\"]}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "{\"event\":\"connect\"}", HEARTH_CODEC_ERROR_INVALID_PACKET },   /* reserved */
    { "{\"event\":\"disconnecting\",\"data\":{}}", HEARTH_CODEC_ERROR_INVALID_PACKET },
    { "{\"event\":\"x\"", HEARTH_CODEC_ERROR_INVALID_JSON },
    { "{'event':'x'}", HEARTH_CODEC_ERROR_INVALID_JSON },
    { "{\"event\":\"x\"} trailing", HEARTH_CODEC_ERROR_INVALID_JSON },
    { "   ", HEARTH_CODEC_ERROR_INVALID_JSON },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i].text);
      assert_error (HEARTH_FRAMING_ENVELOPE, cases[i].text, cases[i].code);
      assert_error (HEARTH_FRAMING_AUTO, cases[i].text, cases[i].code);
    }

  /* Forced envelope framing does not fall back to Socket.IO. */
  assert_error (HEARTH_FRAMING_ENVELOPE, "42[\"evt\"]", HEARTH_CODEC_ERROR_INVALID_JSON);
  assert_error (HEARTH_FRAMING_ENVELOPE, "2", HEARTH_CODEC_ERROR_INVALID_PACKET);
}

/* Malformed input of every kind */

static void
test_malformed_empty (void)
{
  for (HearthFraming framing = HEARTH_FRAMING_AUTO; framing <= HEARTH_FRAMING_ENVELOPE; framing++)
    {
      assert_error_len (framing, "", -1, 0, HEARTH_CODEC_ERROR_EMPTY);
      assert_error_len (framing, "42[\"evt\"]", 0, 0, HEARTH_CODEC_ERROR_EMPTY);
      assert_error_len (framing, NULL, 0, 0, HEARTH_CODEC_ERROR_EMPTY);
    }
}

static void
test_malformed_invalid_utf8 (void)
{
  for (HearthFraming framing = HEARTH_FRAMING_AUTO; framing <= HEARTH_FRAMING_ENVELOPE; framing++)
    {
      assert_error (framing, "\xff", HEARTH_CODEC_ERROR_INVALID_UTF8);
      assert_error (framing, "42[\"caf\xe9\"]", HEARTH_CODEC_ERROR_INVALID_UTF8);
      assert_error (framing, "42/\xc0\xaf,[\"evt\"]", HEARTH_CODEC_ERROR_INVALID_UTF8);
      assert_error (framing, "{\"event\":\"\xed\xa0\x80\"}", HEARTH_CODEC_ERROR_INVALID_UTF8);
      assert_error (framing, "4\xf0\x9f\x98", HEARTH_CODEC_ERROR_INVALID_UTF8);
    }
}

static void
test_malformed_truncated (void)
{
  assert_sio_error ("4", HEARTH_CODEC_ERROR_INVALID_PACKET);
  assert_sio_error ("42", HEARTH_CODEC_ERROR_INVALID_PACKET);
  assert_sio_error ("42[", HEARTH_CODEC_ERROR_INVALID_JSON);
  assert_sio_error ("42[\"evt\"", HEARTH_CODEC_ERROR_INVALID_JSON);
  assert_sio_error ("42[\"evt", HEARTH_CODEC_ERROR_INVALID_JSON);
  assert_sio_error ("42/admin,", HEARTH_CODEC_ERROR_INVALID_PACKET);
  assert_sio_error ("4212", HEARTH_CODEC_ERROR_INVALID_PACKET);
  assert_sio_error ("43", HEARTH_CODEC_ERROR_INVALID_PACKET);
  assert_sio_error ("44/x,", HEARTH_CODEC_ERROR_INVALID_PACKET);
}

static void
test_malformed_big_string (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autoptr(GString) text = g_string_sized_new (size + 32);
  g_autoptr(HearthFrame) frame = NULL;
  JsonNode *data;

  g_string_append (text, "42[\"big\",\"");
  for (gsize i = 0; i < size / 16; i++)
    g_string_append (text, "0123456789abcdef");
  g_string_append (text, "\"]");

  frame = decode_ok (HEARTH_FRAMING_SOCKET_IO, text->str, 0, HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "big");
  data = hearth_frame_get_data (frame);
  g_assert_cmpuint (strlen (json_node_get_string (data)), ==, size);
  g_assert_true (g_str_has_suffix (json_node_get_string (data), "89abcdef"));

  /* Truncated by one byte it is no longer JSON. */
  assert_error_len (HEARTH_FRAMING_SOCKET_IO, text->str, (gssize) text->len - 1, 0,
                    HEARTH_CODEC_ERROR_INVALID_JSON);
}

static void
test_malformed_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("42[\"deep\",");
  g_autoptr(GString) ok = g_string_new ("42[\"deep\",");
  g_autoptr(HearthFrame) frame = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, ']');
  assert_sio_error (text->str, HEARTH_CODEC_ERROR_INVALID_JSON);

  /* The outer array is level 1: 63 more fit. */
  for (guint i = 0; i < 63; i++)
    g_string_append_c (ok, '[');
  for (guint i = 0; i < 63; i++)
    g_string_append_c (ok, ']');
  g_string_append_c (ok, ']');
  frame = decode_sio (ok->str, HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "deep");

  g_string_insert_c (ok, 11, '[');
  g_string_insert_c (ok, ok->len - 1, ']');
  assert_sio_error (ok->str, HEARTH_CODEC_ERROR_INVALID_JSON);
}

static void
test_malformed_nul_bytes (void)
{
  static const char sio[] = "42[\"evt\",\"a\0b\"]";
  static const char envelope[] = "{\"event\":\"evt\"}\0{}";
  static const char before_payload[] = "42\0[\"evt\"]";
  g_autoptr(HearthFrame) frame = NULL;

  for (HearthFraming framing = HEARTH_FRAMING_AUTO; framing <= HEARTH_FRAMING_ENVELOPE; framing++)
    {
      assert_error_len (framing, sio, sizeof sio - 1, 0, HEARTH_CODEC_ERROR_INVALID_UTF8);
      assert_error_len (framing, envelope, sizeof envelope - 1, 0, HEARTH_CODEC_ERROR_INVALID_UTF8);
      assert_error_len (framing, before_payload, sizeof before_payload - 1, 0,
                        HEARTH_CODEC_ERROR_INVALID_UTF8);
      assert_error_len (framing, "\0", 1, 0, HEARTH_CODEC_ERROR_INVALID_UTF8);
    }

  /* With length -1 the text ends at the first NUL. */
  frame = hearth_codec_decode (HEARTH_FRAMING_AUTO, envelope, -1, 0, NULL);
  g_assert_nonnull (frame);
  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "evt");
}

static void
test_malformed_explicit_length (void)
{
  const char text[] = "42[\"evt\",1]GARBAGE";
  g_autoptr(HearthFrame) frame = NULL;

  /* Only @length bytes count: the frame is not NUL-terminated on the wire. */
  frame = hearth_codec_decode (HEARTH_FRAMING_SOCKET_IO, text, 11, 0, NULL);
  g_assert_nonnull (frame);
  assert_args (frame, "[1]");

  assert_error_len (HEARTH_FRAMING_SOCKET_IO, text, sizeof text - 1, 0,
                    HEARTH_CODEC_ERROR_INVALID_JSON);
  assert_error_len (HEARTH_FRAMING_SOCKET_IO, "2probe", 2, 0, HEARTH_CODEC_ERROR_INVALID_PACKET);
}

/* Encoders: exact text, and decode(encode(x)) gives x back */

static void
test_encode_event_socket_io (void)
{
  g_autoptr(JsonNode) data = json ("{\"chat\":\"c1\",\"n\":[1,2.5,null]}");
  g_autofree char *plain = hearth_codec_encode_event (HEARTH_FRAMING_SOCKET_IO, "messages-read",
                                                      data, -1);
  g_autofree char *with_ack = hearth_codec_encode_event (HEARTH_FRAMING_SOCKET_IO, "typing-started",
                                                         data, 42);
  g_autofree char *no_data = hearth_codec_encode_event (HEARTH_FRAMING_SOCKET_IO, "ping-me", NULL, -1);
  g_autofree char *auto_framing = hearth_codec_encode_event (HEARTH_FRAMING_AUTO, "x", NULL, 0);
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(HearthFrame) ack_frame = NULL;
  g_autoptr(HearthFrame) empty_frame = NULL;

  g_assert_cmpstr (plain, ==, "42[\"messages-read\",{\"chat\":\"c1\",\"n\":[1,2.5,null]}]");
  g_assert_cmpstr (with_ack, ==, "4242[\"typing-started\",{\"chat\":\"c1\",\"n\":[1,2.5,null]}]");
  g_assert_cmpstr (no_data, ==, "42[\"ping-me\"]");
  g_assert_cmpstr (auto_framing, ==, "420[\"x\"]");

  frame = decode_sio (plain, HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "messages-read");
  g_assert_true (json_node_equal (hearth_frame_get_data (frame), data));
  g_assert_cmpint (hearth_frame_get_ack_id (frame), ==, -1);

  ack_frame = decode_sio (with_ack, HEARTH_FRAME_EVENT);
  g_assert_cmpint (hearth_frame_get_ack_id (ack_frame), ==, 42);
  g_assert_true (json_node_equal (hearth_frame_get_data (ack_frame), data));

  empty_frame = decode_sio (no_data, HEARTH_FRAME_EVENT);
  g_assert_null (hearth_frame_get_data (empty_frame));
}

static void
test_encode_event_envelope (void)
{
  g_autoptr(JsonNode) data = json ("{\"chat\":\"c1\",\"ok\":true}");
  g_autofree char *text = hearth_codec_encode_event (HEARTH_FRAMING_ENVELOPE, "messages-read",
                                                     data, 17);
  g_autofree char *no_data = hearth_codec_encode_event (HEARTH_FRAMING_ENVELOPE, "ping-me",
                                                        NULL, -1);
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(HearthFrame) empty_frame = NULL;

  /* The envelope has no acks: the id is dropped. */
  g_assert_cmpstr (text, ==, "{\"event\":\"messages-read\",\"data\":{\"chat\":\"c1\",\"ok\":true}}");
  g_assert_cmpstr (no_data, ==, "{\"event\":\"ping-me\",\"data\":null}");

  frame = decode_ok (HEARTH_FRAMING_ENVELOPE, text, 0, HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "messages-read");
  g_assert_true (json_node_equal (hearth_frame_get_data (frame), data));

  empty_frame = decode_ok (HEARTH_FRAMING_AUTO, no_data, 0, HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (empty_frame), ==, "ping-me");
  g_assert_null (hearth_frame_get_data (empty_frame));
}

static void
test_encode_event_escaping (void)
{
  const char *name = "say \"hi\"\\\n\xc3\xa9\xf0\x9f\x98\x80";
  g_autoptr(JsonNode) data = json ("\"tab\\there \\u0001 \\\"q\\\"\"");

  for (HearthFraming framing = HEARTH_FRAMING_SOCKET_IO; framing <= HEARTH_FRAMING_ENVELOPE; framing++)
    {
      g_autofree char *text = hearth_codec_encode_event (framing, name, data, -1);
      g_autoptr(HearthFrame) frame = decode_ok (framing, text, 0, HEARTH_FRAME_EVENT);

      g_test_message ("%s", text);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_null (strchr (text, '\n'));
      g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, name);
      g_assert_cmpstr (json_node_get_string (hearth_frame_get_data (frame)), ==,
                       "tab\there \x01 \"q\"");
    }
}

/* Reserved names never decode, so encoding one is a programmer error. */
static void
test_encode_event_reserved (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *text = NULL;

      text = hearth_codec_encode_event (HEARTH_FRAMING_ENVELOPE, "connect", NULL, -1);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*is_reserved_event*");
}

static void
test_encode_event_with_offset (void)
{
  g_autoptr(JsonNode) data = json ("{\"x\":1}");
  g_autofree char *text = hearth_codec_encode_event_with_offset ("evt", data, "MzUwMjQ4");
  g_autofree char *no_data = hearth_codec_encode_event_with_offset ("evt", NULL, "off\"2");
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(HearthFrame) empty_frame = NULL;

  g_assert_cmpstr (text, ==, "42[\"evt\",{\"x\":1},\"MzUwMjQ4\"]");
  g_assert_cmpstr (no_data, ==, "42[\"evt\",\"off\\\"2\"]");

  frame = decode_ok (HEARTH_FRAMING_SOCKET_IO, text, HEARTH_CODEC_FLAGS_RECOVERY,
                     HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_offset (frame), ==, "MzUwMjQ4");
  g_assert_true (json_node_equal (hearth_frame_get_data (frame), data));
  assert_args (frame, "[{\"x\":1}]");

  empty_frame = decode_ok (HEARTH_FRAMING_AUTO, no_data, HEARTH_CODEC_FLAGS_RECOVERY,
                           HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_offset (empty_frame), ==, "off\"2");
  g_assert_null (hearth_frame_get_data (empty_frame));
}

static void
test_encode_connect (void)
{
  g_autoptr(JsonNode) auth = json ("{\"token\":\"abc\"}");
  g_autoptr(JsonNode) reply = json ("{\"sid\":\"s1\",\"pid\":\"p1\"}");
  g_autofree char *bare = hearth_codec_encode_connect (NULL);
  g_autofree char *with_auth = hearth_codec_encode_connect (auth);
  g_autofree char *server_reply = hearth_codec_encode_connect (reply);
  g_autoptr(HearthFrame) bare_frame = NULL;
  g_autoptr(HearthFrame) auth_frame = NULL;
  g_autoptr(HearthFrame) reply_frame = NULL;

  g_assert_cmpstr (bare, ==, "40");
  g_assert_cmpstr (with_auth, ==, "40{\"token\":\"abc\"}");
  g_assert_cmpstr (server_reply, ==, "40{\"sid\":\"s1\",\"pid\":\"p1\"}");

  bare_frame = decode_sio (bare, HEARTH_FRAME_CONNECT);
  g_assert_null (hearth_frame_get_data (bare_frame));
  auth_frame = decode_sio (with_auth, HEARTH_FRAME_CONNECT);
  g_assert_true (json_node_equal (hearth_frame_get_data (auth_frame), auth));
  reply_frame = decode_sio (server_reply, HEARTH_FRAME_CONNECT);
  g_assert_cmpstr (hearth_frame_get_sid (reply_frame), ==, "s1");
  g_assert_cmpstr (hearth_frame_get_pid (reply_frame), ==, "p1");
}

static void
test_encode_connect_error (void)
{
  g_autofree char *text = hearth_codec_encode_connect_error ("Not \"authorized\"");
  g_autoptr(HearthFrame) frame = NULL;

  g_assert_cmpstr (text, ==, "44{\"message\":\"Not \\\"authorized\\\"\"}");
  frame = decode_sio (text, HEARTH_FRAME_CONNECT_ERROR);
  g_assert_cmpstr (hearth_frame_get_error_message (frame), ==, "Not \"authorized\"");
}

static void
test_encode_ack (void)
{
  g_autoptr(JsonNode) args = json ("[{\"ok\":true},\"x\"]");
  g_autofree char *empty = hearth_codec_encode_ack (0, NULL);
  g_autofree char *full = hearth_codec_encode_ack (G_MAXINT64, json_node_get_array (args));
  g_autoptr(HearthFrame) empty_frame = NULL;
  g_autoptr(HearthFrame) full_frame = NULL;

  g_assert_cmpstr (empty, ==, "430[]");
  g_assert_cmpstr (full, ==, "439223372036854775807[{\"ok\":true},\"x\"]");

  empty_frame = decode_sio (empty, HEARTH_FRAME_ACK);
  g_assert_cmpint (hearth_frame_get_ack_id (empty_frame), ==, 0);
  assert_args (empty_frame, "[]");

  full_frame = decode_sio (full, HEARTH_FRAME_ACK);
  g_assert_cmpint (hearth_frame_get_ack_id (full_frame), ==, G_MAXINT64);
  assert_args (full_frame, "[{\"ok\":true},\"x\"]");
}

static void
test_encode_control (void)
{
  g_autofree char *disconnect = hearth_codec_encode_disconnect ();
  g_autofree char *ping = hearth_codec_encode_ping ();
  g_autofree char *pong = hearth_codec_encode_pong ();
  g_autoptr(HearthFrame) disconnect_frame = NULL;
  g_autoptr(HearthFrame) ping_frame = NULL;
  g_autoptr(HearthFrame) pong_frame = NULL;

  g_assert_cmpstr (disconnect, ==, "41");
  g_assert_cmpstr (ping, ==, "2");
  g_assert_cmpstr (pong, ==, "3");

  disconnect_frame = decode_sio (disconnect, HEARTH_FRAME_DISCONNECT);
  ping_frame = decode_sio (ping, HEARTH_FRAME_PING);
  pong_frame = decode_sio (pong, HEARTH_FRAME_PONG);
}

static void
test_encode_open (void)
{
  g_autofree char *text = hearth_codec_encode_open ("lv_VI97HAXpY6yYWAAAC", 25000, 20000, 1000000);
  g_autofree char *huge = hearth_codec_encode_open ("s", G_MAXUINT, 0, G_MAXUINT64);
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(HearthFrame) huge_frame = NULL;

  g_assert_cmpstr (text, ==, "0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[],"
                             "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");

  frame = decode_sio (text, HEARTH_FRAME_OPEN);
  g_assert_cmpstr (hearth_frame_get_sid (frame), ==, "lv_VI97HAXpY6yYWAAAC");
  g_assert_cmpuint (hearth_frame_get_ping_interval (frame), ==, 25000);
  g_assert_cmpuint (hearth_frame_get_ping_timeout (frame), ==, 20000);
  g_assert_cmpuint (hearth_frame_get_max_payload (frame), ==, 1000000);

  /* JSON integers are read as gint64: a bigger maxPayload is clamped so it reads back. */
  huge_frame = decode_sio (huge, HEARTH_FRAME_OPEN);
  g_assert_cmpuint (hearth_frame_get_ping_interval (huge_frame), ==, G_MAXUINT);
  g_assert_cmpuint (hearth_frame_get_ping_timeout (huge_frame), ==, 0);
  g_assert_cmpuint (hearth_frame_get_max_payload (huge_frame), ==, G_MAXINT64);
}

/* The boxed type */

static void
test_frame_boxed (void)
{
  g_autoptr(HearthFrame) frame = decode_sio ("42[\"evt\",{\"x\":1}]", HEARTH_FRAME_EVENT);
  g_autoptr(JsonNode) data = NULL;
  HearthFrame *copy;
  GValue value = G_VALUE_INIT;

  g_assert_true (G_TYPE_IS_BOXED (HEARTH_TYPE_FRAME));
  g_assert_cmpstr (g_type_name (HEARTH_TYPE_FRAME), ==, "HearthFrame");

  /* Boxed copy is a reference, not a deep copy. */
  copy = g_boxed_copy (HEARTH_TYPE_FRAME, frame);
  g_assert_true (copy == frame);
  g_boxed_free (HEARTH_TYPE_FRAME, copy);

  g_value_init (&value, HEARTH_TYPE_FRAME);
  g_value_set_boxed (&value, frame);
  g_assert_true (g_value_get_boxed (&value) == frame);
  g_value_unset (&value);

  /* The data outlives the frame when referenced, and the parsed tree is read-only. */
  data = json_node_ref (hearth_frame_get_data (frame));
  g_assert_true (json_node_is_immutable (data));
  g_assert_true (json_array_is_immutable (hearth_frame_get_args (frame)));
  g_clear_pointer (&frame, hearth_frame_unref);
  assert_json (data, "{\"x\":1}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/Codec/socketio/row01-open", test_sio_row01_open);
  g_test_add_func ("/Hearth/Codec/socketio/row02-ping", test_sio_row02_ping);
  g_test_add_func ("/Hearth/Codec/socketio/row03-pong", test_sio_row03_pong);
  g_test_add_func ("/Hearth/Codec/socketio/row04-close", test_sio_row04_close);
  g_test_add_func ("/Hearth/Codec/socketio/row05-upgrade", test_sio_row05_upgrade);
  g_test_add_func ("/Hearth/Codec/socketio/row06-noop", test_sio_row06_noop);
  g_test_add_func ("/Hearth/Codec/socketio/row07-raw-message", test_sio_row07_raw_message);
  g_test_add_func ("/Hearth/Codec/socketio/row08-connect", test_sio_row08_connect);
  g_test_add_func ("/Hearth/Codec/socketio/row09-connect-auth", test_sio_row09_connect_auth);
  g_test_add_func ("/Hearth/Codec/socketio/row10-connect-reply", test_sio_row10_connect_reply);
  g_test_add_func ("/Hearth/Codec/socketio/row11-connect-namespace-auth",
                   test_sio_row11_connect_namespace_auth);
  g_test_add_func ("/Hearth/Codec/socketio/row12-connect-namespace",
                   test_sio_row12_connect_namespace);
  g_test_add_func ("/Hearth/Codec/socketio/row13-connect-error-namespace",
                   test_sio_row13_connect_error_namespace);
  g_test_add_func ("/Hearth/Codec/socketio/row14-connect-error", test_sio_row14_connect_error);
  g_test_add_func ("/Hearth/Codec/socketio/row15-disconnect", test_sio_row15_disconnect);
  g_test_add_func ("/Hearth/Codec/socketio/row16-event", test_sio_row16_event);
  g_test_add_func ("/Hearth/Codec/socketio/row17-event-mixed-args", test_sio_row17_event_mixed_args);
  g_test_add_func ("/Hearth/Codec/socketio/row18-event-namespace", test_sio_row18_event_namespace);
  g_test_add_func ("/Hearth/Codec/socketio/row19-event-ack-id", test_sio_row19_event_ack_id);
  g_test_add_func ("/Hearth/Codec/socketio/row20-event-ack-and-reply",
                   test_sio_row20_event_ack_and_reply);
  g_test_add_func ("/Hearth/Codec/socketio/row21-ack-namespace", test_sio_row21_ack_namespace);
  g_test_add_func ("/Hearth/Codec/socketio/row22-event-namespace-ack",
                   test_sio_row22_event_namespace_ack);
  g_test_add_func ("/Hearth/Codec/socketio/row23-binary-event", test_sio_row23_binary_event);
  g_test_add_func ("/Hearth/Codec/socketio/row24-binary-event-two", test_sio_row24_binary_event_two);
  g_test_add_func ("/Hearth/Codec/socketio/row25-binary-ack", test_sio_row25_binary_ack);
  g_test_add_func ("/Hearth/Codec/socketio/row26-binary-ack-namespace",
                   test_sio_row26_binary_ack_namespace);
  g_test_add_func ("/Hearth/Codec/socketio/row27-invalid-sio-type", test_sio_row27_invalid_sio_type);
  g_test_add_func ("/Hearth/Codec/socketio/row28-event-not-array", test_sio_row28_event_not_array);
  g_test_add_func ("/Hearth/Codec/socketio/row29-invalid-ack-id", test_sio_row29_invalid_ack_id);
  g_test_add_func ("/Hearth/Codec/socketio/row30-invalid-eio-packet",
                   test_sio_row30_invalid_eio_packet);
  g_test_add_func ("/Hearth/Codec/socketio/row31-connect-recovery", test_sio_row31_connect_recovery);
  g_test_add_func ("/Hearth/Codec/socketio/row32-event-offset", test_sio_row32_event_offset);
  g_test_add_func ("/Hearth/Codec/socketio/row33-connect-with-recovery-request",
                   test_sio_row33_connect_with_recovery_request);

  g_test_add_func ("/Hearth/Codec/socketio/recovery-rules", test_sio_recovery_rules);
  g_test_add_func ("/Hearth/Codec/socketio/reserved-names", test_sio_reserved_names);
  g_test_add_func ("/Hearth/Codec/socketio/invalid-shapes", test_sio_invalid_shapes);
  g_test_add_func ("/Hearth/Codec/socketio/open-optional-fields", test_sio_open_optional_fields);
  g_test_add_func ("/Hearth/Codec/socketio/namespace-forms", test_sio_namespace_forms);
  g_test_add_func ("/Hearth/Codec/socketio/ack-id-limits", test_sio_ack_id_limits);

  g_test_add_func ("/Hearth/Codec/envelope/event", test_envelope_event);
  g_test_add_func ("/Hearth/Codec/envelope/without-data", test_envelope_without_data);
  g_test_add_func ("/Hearth/Codec/envelope/invalid", test_envelope_invalid);

  g_test_add_func ("/Hearth/Codec/malformed/empty", test_malformed_empty);
  g_test_add_func ("/Hearth/Codec/malformed/invalid-utf8", test_malformed_invalid_utf8);
  g_test_add_func ("/Hearth/Codec/malformed/truncated", test_malformed_truncated);
  g_test_add_func ("/Hearth/Codec/malformed/big-string", test_malformed_big_string);
  g_test_add_func ("/Hearth/Codec/malformed/deep-nesting", test_malformed_deep_nesting);
  g_test_add_func ("/Hearth/Codec/malformed/nul-bytes", test_malformed_nul_bytes);
  g_test_add_func ("/Hearth/Codec/malformed/explicit-length", test_malformed_explicit_length);

  g_test_add_func ("/Hearth/Codec/encode/event-socket-io", test_encode_event_socket_io);
  g_test_add_func ("/Hearth/Codec/encode/event-envelope", test_encode_event_envelope);
  g_test_add_func ("/Hearth/Codec/encode/event-escaping", test_encode_event_escaping);
  g_test_add_func ("/Hearth/Codec/encode/event-reserved", test_encode_event_reserved);
  g_test_add_func ("/Hearth/Codec/encode/event-with-offset", test_encode_event_with_offset);
  g_test_add_func ("/Hearth/Codec/encode/connect", test_encode_connect);
  g_test_add_func ("/Hearth/Codec/encode/connect-error", test_encode_connect_error);
  g_test_add_func ("/Hearth/Codec/encode/ack", test_encode_ack);
  g_test_add_func ("/Hearth/Codec/encode/control", test_encode_control);
  g_test_add_func ("/Hearth/Codec/encode/open", test_encode_open);

  g_test_add_func ("/Hearth/Codec/frame/boxed", test_frame_boxed);

  return g_test_run ();
}
