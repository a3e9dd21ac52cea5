/* bench-decode.c: per-stage cost of one flood frame, in µs/event (run by hand, not a test)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-decode [--events N]
 *
 * Times, on one thread and without any I/O, the stages an incoming messages-received frame of
 * the flood's shape goes through, for both framings:
 *
 *   general  hearth_codec_decode() + hearth_event_new_from_json() (the json-glib path)
 *   fast     _hearth_fast_event_decode() (the single-pass decoder)
 *   bus      hearth_event_bus_dispatch() with one "event::messages-received" handler
 *
 * and prints one RESULT line with µs/event per stage.
 */

#define G_LOG_DOMAIN "bench-decode"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hearth-codec.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-fast-event.h"
#include "hearth-json.h"

/* One flood frame's data (hearth-server-flood.c: the seed's user object and a line of text). */
#define DATA_JSON \
  "{\"message\":{\"_id\":\"68c7df06d34e93befb486cda\",\"user\":{\"_id\":\"68b5931b4d5c718924c59a40\"," \
  "\"name\":\"Raj Kr\",\"username\":\"raj.example\",\"photo\":\"https://pub-569168ecc9d940c3892a9d" \
  "7197875513.r2.dev/users/68b5931b4d5c718924c59a40/1757342480919-7356470458539326-boat.png\"," \
  "\"lastSeen\":\"2025-09-15T09:30:00.000Z\"},\"chat\":\"68bee79857ab80b69867946b\"," \
  "\"content\":\"Are we still on for the climb on Saturday? I can bring the spare harness and " \
  "the rope.\",\"at\":\"2025-09-15T09:40:22.123Z\"}}"

static guint handled;

static void
on_event (HearthEventBus *bus,
          HearthEvent    *event,
          gpointer        user_data)
{
  handled++;
}

static double
per_event_us (gint64 start,
              guint  n)
{
  return (double) (g_get_monotonic_time () - start) / n;
}

int
main (int   argc,
      char *argv[])
{
  static const HearthFraming framings[] = { HEARTH_FRAMING_ENVELOPE, HEARTH_FRAMING_SOCKET_IO };
  static const char * const framing_names[] = { "envelope", "socket.io" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(HearthEventBus) bus = NULL;
  int n_events = 200000;
  const GOptionEntry entries[] = {
    { "events", 0, 0, G_OPTION_ARG_INT, &n_events, "Events per stage", "N" },
    { NULL }
  };

  context = g_option_context_new ("- per-stage decode cost");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_events <= 0)
    {
      g_printerr ("bench-decode: %s\n", error != NULL ? error->message : "bad --events");
      return EXIT_FAILURE;
    }

  data = hearth_json_parse (DATA_JSON, -1, &error);
  g_assert_no_error (error);
  bus = hearth_event_bus_new ();
  g_signal_connect (bus, "event::messages-received", G_CALLBACK (on_event), NULL);

  g_print ("RESULT");
  for (guint f = 0; f < G_N_ELEMENTS (framings); f++)
    {
      g_autofree char *text = hearth_codec_encode_event (framings[f], "messages-received", data, -1);
      gsize length = strlen (text);
      g_autoptr(HearthEvent) sample = NULL;
      char *offset = NULL;
      gint64 start;
      double general_us, fast_us, bus_us;

      start = g_get_monotonic_time ();
      for (int i = 0; i < n_events; i++)
        {
          g_autoptr(HearthFrame) frame = hearth_codec_decode (framings[f], text, (gssize) length,
                                                              HEARTH_CODEC_FLAGS_NONE, NULL);
          g_autoptr(HearthEvent) event = hearth_event_new_from_json (hearth_frame_get_event_name (frame),
                                                                     hearth_frame_get_data (frame),
                                                                     NULL);
          g_assert (event != NULL);
        }
      general_us = per_event_us (start, (guint) n_events);

      start = g_get_monotonic_time ();
      for (int i = 0; i < n_events; i++)
        {
          g_autoptr(HearthEvent) event = _hearth_fast_event_decode (framings[f], text, length,
                                                                    HEARTH_CODEC_FLAGS_NONE,
                                                                    &offset);
          if (event == NULL)
            {
              g_printerr ("bench-decode: the fast path declined the flood frame\n");
              return EXIT_FAILURE;
            }
        }
      fast_us = per_event_us (start, (guint) n_events);

      sample = _hearth_fast_event_decode (framings[f], text, length, HEARTH_CODEC_FLAGS_NONE,
                                          &offset);
      start = g_get_monotonic_time ();
      for (int i = 0; i < n_events; i++)
        hearth_event_bus_dispatch (bus, sample);
      bus_us = per_event_us (start, (guint) n_events);

      g_print (" %s_general_us=%.3f %s_fast_us=%.3f %s_bus_us=%.3f %s_bytes=%" G_GSIZE_FORMAT,
               framing_names[f], general_us, framing_names[f], fast_us, framing_names[f], bus_us,
               framing_names[f], length);
    }
  g_print ("\n");

  return handled > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
