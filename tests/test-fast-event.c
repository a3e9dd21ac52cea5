/* test-fast-event.c: the fast decoder of messages-received/-sent against the general path
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The general path (hearth_codec_decode() + hearth_event_new_from_json()) is the reference:
 * whenever _hearth_fast_event_decode() returns an event, the general path must give an equal
 * one (every accessor, see hearth-event-compare.h) and the same recovery offset.
 */

#define G_LOG_DOMAIN "hearth-test-fast-event"

#include "config.h"

#include <string.h>

#include "hearth-codec.h"
#include "hearth-event.h"
#include "hearth-fast-event.h"
#include "hearth-json.h"
#include "hearth-event-compare.h"
#include "hearth-test-util.h"

#define N_GENERATED 10000

typedef enum
{
  RESULT_FALLBACK,    /* the fast path declined */
  RESULT_FAST,        /* the fast path decoded it, equal to the general path */
} CheckResult;

/* Runs @text through both paths and compares. */
static CheckResult
check_frame (HearthFraming     framing,
             const char       *text,
             gsize             length,
             HearthCodecFlags  flags)
{
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(HearthEvent) expected = NULL;
  g_autoptr(HearthEvent) fast = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *diff = NULL;

  frame = hearth_codec_decode (framing, text, (gssize) length, flags, &error);
  if (frame != NULL && hearth_frame_get_frame_type (frame) == HEARTH_FRAME_EVENT &&
      g_strcmp0 (hearth_frame_get_namespace (frame), "/") == 0 &&
      hearth_frame_get_ack_id (frame) < 0)
    expected = hearth_event_new_from_json (hearth_frame_get_event_name (frame),
                                           hearth_frame_get_data (frame), &error);

  fast = _hearth_fast_event_decode (framing, text, length, flags, &offset);
  if (fast == NULL)
    {
      g_assert_null (offset);
      return RESULT_FALLBACK;
    }

  if (expected == NULL)
    g_error ("fast path accepted what the general path refuses (%s):\n%.*s",
             error != NULL ? error->message : "not an event", (int) length, text);

  if ((diff = hearth_compare_events (expected, fast)) != NULL)
    g_error ("fast path differs: %s\n%.*s", diff, (int) length, text);

  g_assert_cmpstr (offset, ==, hearth_frame_get_offset (frame));

  return RESULT_FAST;
}

static CheckResult
check_text (HearthFraming     framing,
            const char       *text,
            HearthCodecFlags  flags)
{
  return check_frame (framing, text, strlen (text), flags);
}

static char *
envelope_frame (const char *name,
                const char *data_json)
{
  g_autoptr(JsonNode) name_node = json_node_init_string (json_node_alloc (), name);
  g_autofree char *name_json = hearth_json_to_string (name_node);

  return g_strdup_printf ("{\"event\":%s,\"data\":%s}", name_json, data_json);
}

static char *
socket_io_frame (const char *name,
                 const char *data_json,
                 const char *offset)
{
  g_autoptr(JsonNode) name_node = json_node_init_string (json_node_alloc (), name);
  g_autofree char *name_json = hearth_json_to_string (name_node);

  if (offset != NULL)
    return g_strdup_printf ("42[%s,%s,\"%s\"]", name_json, data_json, offset);
  return g_strdup_printf ("42[%s,%s]", name_json, data_json);
}

static gboolean
is_hot (const char *name)
{
  HearthEventKind kind = hearth_event_kind_from_name (name);

  return kind == HEARTH_EVENT_MESSAGES_RECEIVED || kind == HEARTH_EVENT_MESSAGES_SENT;
}

/* Every seed sample in every framing: the messages-* ones must take the fast path, the others
 * must not. */
static void
test_seed_samples (void)
{
  g_autoptr(GPtrArray) samples = hearth_test_load_seed_samples ();
  guint n_fast = 0;

  g_assert_cmpuint (samples->len, >=, HEARTH_TEST_N_LISTENING);

  for (guint i = 0; i < samples->len; i++)
    {
      HearthTestSample *sample = g_ptr_array_index (samples, i);
      CheckResult expected = is_hot (sample->name) ? RESULT_FAST : RESULT_FALLBACK;
      g_autofree char *envelope = envelope_frame (sample->name, sample->data_json);
      g_autofree char *sio = socket_io_frame (sample->name, sample->data_json, NULL);
      g_autofree char *sio_offset = socket_io_frame (sample->name, sample->data_json, "1-42");

      g_test_message ("%s", sample->name);
      g_assert_cmpint (check_text (HEARTH_FRAMING_ENVELOPE, envelope, 0), ==, expected);
      g_assert_cmpint (check_text (HEARTH_FRAMING_AUTO, envelope, 0), ==, expected);
      g_assert_cmpint (check_text (HEARTH_FRAMING_SOCKET_IO, sio, 0), ==, expected);
      g_assert_cmpint (check_text (HEARTH_FRAMING_SOCKET_IO, sio, HEARTH_CODEC_FLAGS_RECOVERY), ==,
                       expected);
      g_assert_cmpint (check_text (HEARTH_FRAMING_SOCKET_IO, sio_offset,
                                   HEARTH_CODEC_FLAGS_RECOVERY), ==, expected);
      /* Without recovery the offset is one more argument: left to the general path. */
      g_assert_cmpint (check_text (HEARTH_FRAMING_SOCKET_IO, sio_offset, 0), ==, RESULT_FALLBACK);

      if (expected == RESULT_FAST)
        n_fast++;
    }

  /* messages-received and messages-sent */
  g_assert_cmpuint (n_fast, ==, 2);
}

/* Frames the fast path takes, each checked against the general path. */
static void
test_accepted (void)
{
  static const char * const frames[] = {
    /* sender as an id, data.chat as the default chat, unknown members of every kind */
    "42[\"messages-received\",{\"chat\":\"c1\",\"x\":[1,{\"a\":[]},\"s\"],"
      "\"message\":{\"_id\":\"m1\",\"user\":\"u1\",\"at\":\"2025-09-15T09:40:22Z\",\"n\":-1.5e3}}]",
    /* simple escapes, raw UTF-8, null optional members, "reel?" */
    "42[\"message-sent\",{\"message\":{\"_id\":\"m2\",\"chat\":\"c\",\"user\":{\"_id\":\"u\","
      "\"name\":\"Ra\\\"j\\n\\t\\\\ é 😀\",\"photo\":\"\",\"lastSeen\":\"2024-01-02T03:04:05.1Z\"},"
      "\"at\":\"2025-09-15T09:40:22.123456789Z\",\"content\":null,\"reel\":null,"
      "\"reel?\":\"r1\",\"clientId\":\"\"}}]",
    /* whitespace everywhere, members in any order */
    " { \"data\" : { \"message\" : { \"at\" : \"2025-12-31T23:59:59.999Z\" , \"chat\" : \"c\" ,"
      " \"_id\" : \"m3\" , \"user\" : \"u\" , \"content\" : \"\\/\" } } , \"event\" :"
      " \"messages-received\" } ",
    /* "reel" wins over "reel?"; non-string content counts as empty */
    "{\"event\":\"messages-sent\",\"data\":{\"message\":{\"_id\":\"m4\",\"chat\":\"c\","
      "\"user\":\"u\",\"at\":\"2025-01-01T00:00:00.5Z\",\"content\":12,\"reel\":\"a\","
      "\"reel?\":\"b\"}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      g_test_message ("%s", frames[i]);
      g_assert_cmpint (check_text (HEARTH_FRAMING_AUTO, frames[i], 0), ==, RESULT_FAST);
    }

  g_assert_cmpint (check_text (HEARTH_FRAMING_SOCKET_IO,
                               "42[\"messages-received\",{\"message\":{\"_id\":\"m\",\"chat\":\"c\","
                               "\"user\":\"u\",\"at\":\"2025-09-15T09:40:22Z\"}},\"off\\/set\"]",
                               HEARTH_CODEC_FLAGS_RECOVERY), ==, RESULT_FAST);
}

/* Frames the fast path must leave to the general path. */
static void
test_declined (void)
{
  static const char * const frames[] = {
    /* \u escapes */
    "42[\"messages-received\",{\"message\":{\"_id\":\"m\",\"chat\":\"c\",\"user\":\"u\","
      "\"at\":\"2025-09-15T09:40:22Z\",\"content\":\"caf\\u00e9\"}}]",
    /* a duplicated member */
    "42[\"messages-received\",{\"message\":{\"_id\":\"m\",\"_id\":\"n\",\"chat\":\"c\","
      "\"user\":\"u\",\"at\":\"2025-09-15T09:40:22Z\"}}]",
    /* a time with an offset, a leap second, an impossible date, lowercase z */
    "42[\"messages-received\",{\"message\":{\"_id\":\"m\",\"chat\":\"c\",\"user\":\"u\","
      "\"at\":\"2025-09-15T09:40:22+02:00\"}}]",
    "42[\"messages-received\",{\"message\":{\"_id\":\"m\",\"chat\":\"c\",\"user\":\"u\","
      "\"at\":\"2025-09-15T09:40:60Z\"}}]",
    "42[\"messages-received\",{\"message\":{\"_id\":\"m\",\"chat\":\"c\",\"user\":\"u\","
      "\"at\":\"2025-02-30T09:40:22Z\"}}]",
    "42[\"messages-received\",{\"message\":{\"_id\":\"m\",\"chat\":\"c\",\"user\":\"u\","
      "\"at\":\"2025-09-15T09:40:22z\"}}]",
    /* missing or ill-typed required fields */
    "42[\"messages-received\",{\"message\":{\"chat\":\"c\",\"user\":\"u\","
      "\"at\":\"2025-09-15T09:40:22Z\"}}]",
    "42[\"messages-received\",{\"message\":{\"_id\":\"m\",\"chat\":\"c\",\"user\":7,"
      "\"at\":\"2025-09-15T09:40:22Z\"}}]",
    "42[\"messages-received\",{\"message\":{\"_id\":\"m\",\"user\":\"u\","
      "\"at\":\"2025-09-15T09:40:22Z\"}}]",
    "42[\"messages-received\",null]",
    /* namespaces, ack ids, other packets and events, broken JSON */
    "42/admin,[\"messages-received\",{}]",
    "4212[\"messages-received\",{\"message\":{\"_id\":\"m\",\"chat\":\"c\",\"user\":\"u\","
      "\"at\":\"2025-09-15T09:40:22Z\"}}]",
    "42[\"chat-created\",{\"chat\":\"c\"}]",
    "42[\"messages-received\",{\"message\":{\"_id\":\"m\",\"chat\":\"c\",\"user\":\"u\","
      "\"at\":\"2025-09-15T09:40:22Z\",}}]",
    "{\"event\":\"messages-received\",\"data\":{\"message\":{\"_id\":\"m\",\"chat\":\"c\","
      "\"user\":\"u\",\"at\":\"2025-09-15T09:40:22Z\"}},\"event\":\"x\"}",
    "{\"event\":\"messages-\\u0072eceived\",\"data\":{}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    {
      g_test_message ("%s", frames[i]);
      g_assert_cmpint (check_text (HEARTH_FRAMING_AUTO, frames[i], 0), ==, RESULT_FALLBACK);
      g_assert_cmpint (check_text (HEARTH_FRAMING_AUTO, frames[i], HEARTH_CODEC_FLAGS_RECOVERY),
                       ==, RESULT_FALLBACK);
    }
}

/* Generated frames */

typedef struct
{
  GRand   *rand;
  GString *out;
} Gen;

static gboolean
chance (Gen    *gen,
        double  probability)
{
  return g_rand_double (gen->rand) < probability;
}

static guint
pick (Gen   *gen,
      guint  n)
{
  return (guint) g_rand_int_range (gen->rand, 0, (gint32) n);
}

static void
gen_ws (Gen *gen)
{
  static const char * const spaces[] = { " ", "\n", "\t", "\r\n  " };

  if (chance (gen, 0.1))
    g_string_append (gen->out, spaces[pick (gen, G_N_ELEMENTS (spaces))]);
}

static void
gen_string (Gen *gen)
{
  static const char * const pieces[] = {
    "a", "Raj Kr", "68c7df06d34e93befb486cda", "é", "😀", "\\\"", "\\\\", "\\/", "\\n",
    "\\t", "\\b", "\\f", "\\r", "\\u00e9", "\\ud83d\\ude00", " ", "x y z", "\x7f",
  };
  guint n = pick (gen, 6);

  g_string_append_c (gen->out, '"');
  for (guint i = 0; i < n; i++)
    {
      /* Mostly plain text, as real frames are. */
      guint index = chance (gen, 0.8) ? pick (gen, 5) : pick (gen, G_N_ELEMENTS (pieces));

      g_string_append (gen->out, pieces[index]);
    }
  g_string_append_c (gen->out, '"');
}

static void
gen_time (Gen *gen)
{
  static const char * const odd[] = {
    "\"2025-09-15T09:40:22+02:00\"", "\"2025-09-15T09:40:60Z\"", "\"2025-02-29T00:00:00Z\"",
    "\"2024-02-29T23:59:59.9999999Z\"", "\"2025-09-15 09:40:22Z\"", "\"2025-09-15T09:40:22z\"",
    "\"2025-09-15T24:00:00Z\"", "\"2025-13-01T00:00:00Z\"", "\"2025-09-15T09:40:22.Z\"",
    "\"2025-09-15\"", "\"\"", "\"0000-01-01T00:00:00Z\"", "\"2025-09-15T09:40:22.1234567890Z\"",
    "\"9999-12-31T23:59:59.999999Z\"", "12", "null",
  };

  if (chance (gen, 0.85))
    {
      guint digits = pick (gen, 10);

      g_string_append_printf (gen->out, "\"%04u-%02u-%02uT%02u:%02u:%02u",
                              1970 + pick (gen, 80), 1 + pick (gen, 12), 1 + pick (gen, 31),
                              pick (gen, 24), pick (gen, 60), pick (gen, 60));
      if (digits > 0)
        {
          g_string_append_c (gen->out, '.');
          for (guint i = 0; i < digits; i++)
            g_string_append_c (gen->out, (char) ('0' + pick (gen, 10)));
        }
      g_string_append (gen->out, "Z\"");
    }
  else
    {
      g_string_append (gen->out, odd[pick (gen, G_N_ELEMENTS (odd))]);
    }
}

static void gen_any_value (Gen  *gen,
                           guint depth);

static void
gen_unknown_member (Gen *gen)
{
  static const char * const names[] = { "__v", "extra", "x\\ny", "createdAt", "_id2" };

  g_string_append_printf (gen->out, "\"%s\":", names[pick (gen, G_N_ELEMENTS (names))]);
  gen_any_value (gen, 0);
}

static void
gen_any_value (Gen   *gen,
               guint  depth)
{
  static const char * const scalars[] = {
    "0", "-1", "1.5e3", "true", "false", "null", "123456789012345678901", "1e999", "-0.0",
  };

  switch (depth < 3 ? pick (gen, 5) : pick (gen, 3))
    {
    case 0:
      gen_string (gen);
      break;

    case 1:
    case 2:
      g_string_append (gen->out, scalars[pick (gen, G_N_ELEMENTS (scalars))]);
      break;

    case 3:
      g_string_append_c (gen->out, '[');
      for (guint i = 0, n = pick (gen, 3); i < n; i++)
        {
          if (i > 0)
            g_string_append_c (gen->out, ',');
          gen_any_value (gen, depth + 1);
        }
      g_string_append_c (gen->out, ']');
      break;

    default:
      g_string_append_c (gen->out, '{');
      for (guint i = 0, n = pick (gen, 3); i < n; i++)
        {
          if (i > 0)
            g_string_append_c (gen->out, ',');
          g_string_append_printf (gen->out, "\"k%u\":", i);
          gen_any_value (gen, depth + 1);
        }
      g_string_append_c (gen->out, '}');
      break;
    }
}

typedef void (*GenValue) (Gen *gen);

typedef struct
{
  const char *name;
  GenValue    value;
  double      presence;
} Member;

/* An object with @members (each present with its probability, in a random order, sometimes
 * twice), values of the wrong type now and then, and unknown members. */
static void
gen_object (Gen          *gen,
            const Member *members,
            guint         n_members)
{
  guint order[16];
  gboolean first = TRUE;

  g_assert (n_members <= G_N_ELEMENTS (order));

  for (guint i = 0; i < n_members; i++)
    order[i] = i;
  if (chance (gen, 0.5))
    {
      for (guint i = n_members - 1; i > 0; i--)
        {
          guint j = pick (gen, i + 1);
          guint tmp = order[i];

          order[i] = order[j];
          order[j] = tmp;
        }
    }

  g_string_append_c (gen->out, '{');
  gen_ws (gen);
  for (guint i = 0; i < n_members; i++)
    {
      const Member *member = &members[order[i]];
      guint copies = chance (gen, 0.02) ? 2 : 1;

      if (!chance (gen, member->presence))
        continue;

      for (guint c = 0; c < copies; c++)
        {
          if (!first)
            g_string_append_c (gen->out, ',');
          first = FALSE;
          gen_ws (gen);
          g_string_append_printf (gen->out, "\"%s\"", member->name);
          gen_ws (gen);
          g_string_append_c (gen->out, ':');
          gen_ws (gen);
          if (chance (gen, 0.04))
            gen_any_value (gen, 0);
          else
            member->value (gen);
          gen_ws (gen);
        }
    }

  if (chance (gen, 0.15))
    {
      if (!first)
        g_string_append_c (gen->out, ',');
      gen_unknown_member (gen);
    }
  g_string_append_c (gen->out, '}');
}

static void
gen_id (Gen *gen)
{
  if (chance (gen, 0.97))
    g_string_append_printf (gen->out, "\"%08x%08x\"", g_rand_int (gen->rand),
                            g_rand_int (gen->rand));
  else
    g_string_append (gen->out, chance (gen, 0.5) ? "\"\"" : "null");
}

static void
gen_user_object (Gen *gen)
{
  static const Member members[] = {
    { "_id", gen_id, 0.97 },
    { "name", gen_string, 0.8 },
    { "username", gen_string, 0.6 },
    { "photo", gen_string, 0.5 },
    { "lastSeen", gen_time, 0.3 },
  };

  gen_object (gen, members, G_N_ELEMENTS (members));
}

static void
gen_user (Gen *gen)
{
  if (chance (gen, 0.7))
    gen_user_object (gen);
  else
    gen_id (gen);
}

static void
gen_message (Gen *gen)
{
  static const Member members[] = {
    { "_id", gen_id, 0.97 },
    { "chat", gen_id, 0.9 },
    { "user", gen_user, 0.97 },
    { "at", gen_time, 0.97 },
    { "content", gen_string, 0.9 },
    { "reel", gen_id, 0.2 },
    { "reel?", gen_id, 0.2 },
    { "clientId", gen_id, 0.3 },
  };

  gen_object (gen, members, G_N_ELEMENTS (members));
}

static void
gen_data (Gen *gen)
{
  static const Member members[] = {
    { "message", gen_message, 0.97 },
    { "chat", gen_id, 0.3 },
  };

  gen_object (gen, members, G_N_ELEMENTS (members));
}

static void
gen_name (Gen *gen)
{
  static const char * const names[] = {
    "\"messages-received\"", "\"messages-sent\"", "\"message-received\"", "\"message-sent\"",
    "\"messages-read\"", "\"messages-\\u0073ent\"", "\"connect\"", "\"\"",
  };

  g_string_append (gen->out, names[chance (gen, 0.9) ? pick (gen, 4)
                                                     : pick (gen, G_N_ELEMENTS (names))]);
}

/* Random edits: what a broken or hostile server might send. */
static void
mutate (Gen *gen)
{
  static const char bytes[] = "\"\\{}[],: 0aZ-\x01\xc3\xff";

  for (guint i = 0, n = 1 + pick (gen, 3); i < n && gen->out->len > 0; i++)
    {
      guint pos = pick (gen, (guint) gen->out->len);

      switch (pick (gen, 3))
        {
        case 0:
          g_string_erase (gen->out, pos, 1);
          break;

        case 1:
          g_string_insert_c (gen->out, pos, bytes[pick (gen, sizeof bytes - 1)]);
          break;

        default:
          gen->out->str[pos] = bytes[pick (gen, sizeof bytes - 1)];
          break;
        }
    }
}

static void
test_generated (void)
{
  guint32 seed = g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) out = g_string_new (NULL);
  Gen gen = { rand, out };
  guint counts[2] = { 0, 0 };

  g_test_message ("seed %u", seed);

  for (guint i = 0; i < N_GENERATED; i++)
    {
      HearthFraming framing;
      HearthCodecFlags flags = chance (&gen, 0.3) ? HEARTH_CODEC_FLAGS_RECOVERY : 0;

      g_string_truncate (out, 0);
      if (chance (&gen, 0.5))
        {
          framing = HEARTH_FRAMING_SOCKET_IO;
          g_string_append (out, "42[");
          gen_name (&gen);
          g_string_append_c (out, ',');
          gen_ws (&gen);
          gen_data (&gen);
          if (chance (&gen, 0.3))
            g_string_append_printf (out, ",\"%u-%u\"", pick (&gen, 9), pick (&gen, 999));
          g_string_append_c (out, ']');
        }
      else
        {
          framing = HEARTH_FRAMING_ENVELOPE;
          gen_ws (&gen);
          if (chance (&gen, 0.9))
            {
              g_string_append (out, "{\"event\":");
              gen_name (&gen);
              g_string_append (out, ",\"data\":");
              gen_data (&gen);
            }
          else
            {
              g_string_append (out, "{\"data\":");
              gen_data (&gen);
              g_string_append (out, ",\"event\":");
              gen_name (&gen);
            }
          g_string_append_c (out, '}');
        }

      if (chance (&gen, 0.25))
        mutate (&gen);

      counts[check_frame (chance (&gen, 0.2) ? HEARTH_FRAMING_AUTO : framing,
                          out->str, out->len, flags)]++;
    }

  g_test_message ("%u fast, %u fallback", counts[RESULT_FAST], counts[RESULT_FALLBACK]);

  /* Not a vacuous comparison: most well-formed frames take the fast path... */
  g_assert_cmpuint (counts[RESULT_FAST], >=, N_GENERATED / 10);
  /* ...and the unusual ones do not. */
  g_assert_cmpuint (counts[RESULT_FALLBACK], >=, N_GENERATED / 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fast-event/seed-samples", test_seed_samples);
  g_test_add_func ("/fast-event/accepted", test_accepted);
  g_test_add_func ("/fast-event/declined", test_declined);
  g_test_add_func ("/fast-event/generated", test_generated);

  return g_test_run ();
}
