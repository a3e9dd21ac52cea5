/* test-event-bus.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hearth-connection.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-test-util.h"

typedef struct
{
  guint any;
  guint chat_created;
  guint typing_started;
  guint server_error;
  guint unknown;
  guint error_events;
  GPtrArray *states;
} Counts;

static void
count_cb (HearthEventBus *bus,
          HearthEvent    *event,
          guint          *counter)
{
  g_assert_true (HEARTH_IS_EVENT (event));
  (*counter)++;
}

static void
state_changed_cb (HearthEventBus        *bus,
                  HearthConnectionState  state,
                  const GError          *error,
                  Counts                *counts)
{
  g_ptr_array_add (counts->states, GINT_TO_POINTER (state));
  if (state == HEARTH_CONNECTION_RECONNECTING)
    g_assert_nonnull (error);
}

static HearthEvent *
make_event (const char *name,
            const char *data)
{
  g_autoptr(GError) error = NULL;
  HearthEvent *event = hearth_event_new_from_data_text (name, data, -1, &error);

  g_assert_no_error (error);
  return event;
}

static void
connect_counters (HearthEventBus *bus,
                  Counts         *counts)
{
  g_signal_connect (bus, "event", G_CALLBACK (count_cb), &counts->any);
  g_signal_connect (bus, "event::chat-created", G_CALLBACK (count_cb), &counts->chat_created);
  g_signal_connect (bus, "event::typing-started", G_CALLBACK (count_cb), &counts->typing_started);
  g_signal_connect (bus, "event::server-error", G_CALLBACK (count_cb), &counts->server_error);
  g_signal_connect (bus, "event::unknown", G_CALLBACK (count_cb), &counts->unknown);
  g_signal_connect (bus, "error-event", G_CALLBACK (count_cb), &counts->error_events);
}

static void
test_event_bus_detail (void)
{
  g_autoptr(HearthEventBus) bus = hearth_event_bus_new ();
  g_autoptr(HearthEvent) created = make_event ("chat-created", "{\"chat\":\"c1\"}");
  g_autoptr(HearthEvent) failed = make_event ("server-error", "{\"message\":\"boom\"}");
  g_autoptr(HearthEvent) odd = make_event ("party-started", "{\"x\":1}");
  Counts counts = { 0 };

  connect_counters (bus, &counts);

  hearth_event_bus_dispatch (bus, created);
  g_assert_cmpuint (counts.any, ==, 1);
  g_assert_cmpuint (counts.chat_created, ==, 1);
  g_assert_cmpuint (counts.typing_started, ==, 0);
  g_assert_cmpuint (counts.error_events, ==, 0);

  hearth_event_bus_dispatch (bus, failed);
  g_assert_cmpuint (counts.any, ==, 2);
  g_assert_cmpuint (counts.server_error, ==, 1);
  g_assert_cmpuint (counts.error_events, ==, 1);
  g_assert_cmpuint (counts.chat_created, ==, 1);

  hearth_event_bus_dispatch (bus, odd);
  g_assert_cmpuint (counts.any, ==, 3);
  g_assert_cmpuint (counts.unknown, ==, 1);
  g_assert_cmpuint (counts.error_events, ==, 1);
}

/* Every seed sample reaches exactly its own detail. */
static void
test_event_bus_seed_details (void)
{
  g_autoptr(GPtrArray) samples = hearth_test_load_seed_samples ();
  g_autoptr(HearthEventBus) bus = hearth_event_bus_new ();

  for (guint i = 0; i < HEARTH_TEST_N_LISTENING; i++)
    {
      HearthTestSample *sample = g_ptr_array_index (samples, i);
      g_autoptr(HearthEvent) event = make_event (sample->name, sample->data_json);
      g_autofree char *detailed = g_strdup_printf ("event::%s", hearth_event_get_name (event));
      guint hits = 0;
      gulong id = g_signal_connect (bus, detailed, G_CALLBACK (count_cb), &hits);

      g_assert_cmpint (hearth_event_get_kind (event), !=, HEARTH_EVENT_UNKNOWN);
      hearth_event_bus_dispatch (bus, event);
      g_assert_cmpuint (hits, ==, 1);
      g_signal_handler_disconnect (bus, id);
    }
}

/* The bus mirrors the state of the connection it follows and reports why it changed. */
static void
test_event_bus_state (void)
{
  g_autoptr(HearthEventBus) bus = hearth_event_bus_new ();
  g_autoptr(HearthConnection) connection = NULL;
  Counts counts = { 0 };

  counts.states = g_ptr_array_new ();
  g_signal_connect (bus, "state-changed", G_CALLBACK (state_changed_cb), &counts);

  /* Port 1 on loopback: refused at once, so the connection goes to RECONNECTING. */
  connection = hearth_connection_new ("http://127.0.0.1:1", "token");
  g_object_set (connection, "reconnect-base-ms", 60000, NULL);
  hearth_event_bus_set_connection (bus, connection);
  g_assert_true (hearth_event_bus_get_connection (bus) == connection);
  g_assert_cmpint (hearth_event_bus_get_state (bus), ==, HEARTH_CONNECTION_DISCONNECTED);

  hearth_connection_start (connection);
  g_assert_cmpint (hearth_event_bus_get_state (bus), ==, HEARTH_CONNECTION_CONNECTING);
  g_assert_true (hearth_test_wait_for_enum (bus, "state", HEARTH_CONNECTION_RECONNECTING, 10000));

  hearth_connection_stop (connection);
  g_assert_cmpint (hearth_event_bus_get_state (bus), ==, HEARTH_CONNECTION_STOPPED);

  hearth_event_bus_set_connection (bus, NULL);
  g_assert_cmpint (hearth_event_bus_get_state (bus), ==, HEARTH_CONNECTION_DISCONNECTED);

  g_assert_cmpuint (counts.states->len, ==, 4);
  g_assert_cmpint (GPOINTER_TO_INT (counts.states->pdata[0]), ==, HEARTH_CONNECTION_CONNECTING);
  g_assert_cmpint (GPOINTER_TO_INT (counts.states->pdata[1]), ==, HEARTH_CONNECTION_RECONNECTING);
  g_assert_cmpint (GPOINTER_TO_INT (counts.states->pdata[2]), ==, HEARTH_CONNECTION_STOPPED);
  g_assert_cmpint (GPOINTER_TO_INT (counts.states->pdata[3]), ==, HEARTH_CONNECTION_DISCONNECTED);
  g_ptr_array_unref (counts.states);

  g_assert_finalize_object (g_steal_pointer (&bus));
  g_assert_finalize_object (g_steal_pointer (&connection));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/EventBus/detail", test_event_bus_detail);
  g_test_add_func ("/Hearth/EventBus/seed-details", test_event_bus_seed_details);
  g_test_add_func ("/Hearth/EventBus/state", test_event_bus_state);

  return g_test_run ();
}
