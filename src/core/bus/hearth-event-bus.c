/* hearth-event-bus.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-event-bus"

#include "config.h"

#include "hearth-connection.h"
#include "hearth-enums.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"

struct _HearthEventBus
{
  GObject           parent_instance;

  /* owned */
  HearthConnection *connection;
  GSignalGroup     *connection_signals;

  HearthConnectionState state;
};

G_DEFINE_FINAL_TYPE (HearthEventBus, hearth_event_bus, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_STATE,
  N_PROPS
};

enum {
  EVENT,
  ERROR_EVENT,
  STATE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_state (HearthEventBus *self)
{
  HearthConnectionState state = HEARTH_CONNECTION_DISCONNECTED;
  const GError *error = NULL;

  if (self->connection != NULL)
    {
      state = hearth_connection_get_state (self->connection);
      error = hearth_connection_get_error (self->connection);
    }

  if (state == self->state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_signal_emit (self, signals[STATE_CHANGED], 0, state, error);
}

static void
on_connection_event_cb (HearthEventBus   *self,
                        HearthEvent      *event,
                        HearthConnection *connection)
{
  g_assert (HEARTH_IS_EVENT_BUS (self));
  g_assert (HEARTH_IS_EVENT (event));

  hearth_event_bus_dispatch (self, event);
}

static void
on_connection_state_cb (HearthEventBus   *self,
                        GParamSpec       *pspec,
                        HearthConnection *connection)
{
  g_assert (HEARTH_IS_EVENT_BUS (self));

  update_state (self);
}

static void
hearth_event_bus_dispose (GObject *object)
{
  HearthEventBus *self = (HearthEventBus *)object;

  if (self->connection_signals != NULL)
    g_signal_group_set_target (self->connection_signals, NULL);
  g_clear_object (&self->connection_signals);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (hearth_event_bus_parent_class)->dispose (object);
}

static void
hearth_event_bus_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HearthEventBus *self = HEARTH_EVENT_BUS (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_event_bus_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HearthEventBus *self = HEARTH_EVENT_BUS (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      hearth_event_bus_set_connection (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_event_bus_class_init (HearthEventBusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_event_bus_dispose;
  object_class->get_property = hearth_event_bus_get_property;
  object_class->set_property = hearth_event_bus_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         HEARTH_TYPE_CONNECTION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       HEARTH_TYPE_CONNECTION_STATE,
                       HEARTH_CONNECTION_DISCONNECTED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthEventBus::event:
   * @self: the bus
   * @event: the event
   *
   * Emitted for every event, detailed by its canonical name ("event::chat-created").
   */
  signals[EVENT] =
    g_signal_new ("event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HEARTH_TYPE_EVENT);

  signals[ERROR_EVENT] =
    g_signal_new ("error-event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HEARTH_TYPE_EVENT);

  signals[STATE_CHANGED] =
    g_signal_new ("state-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, HEARTH_TYPE_CONNECTION_STATE, G_TYPE_ERROR);
}

static void
hearth_event_bus_init (HearthEventBus *self)
{
  self->state = HEARTH_CONNECTION_DISCONNECTED;
  self->connection_signals = g_signal_group_new (HEARTH_TYPE_CONNECTION);
  g_signal_group_connect_object (self->connection_signals, "event",
                                 G_CALLBACK (on_connection_event_cb), self,
                                 G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->connection_signals, "notify::state",
                                 G_CALLBACK (on_connection_state_cb), self,
                                 G_CONNECT_SWAPPED);
}

HearthEventBus *
hearth_event_bus_new (void)
{
  return g_object_new (HEARTH_TYPE_EVENT_BUS, NULL);
}

void
hearth_event_bus_set_connection (HearthEventBus   *self,
                                 HearthConnection *connection)
{
  g_return_if_fail (HEARTH_IS_EVENT_BUS (self));
  g_return_if_fail (!connection || HEARTH_IS_CONNECTION (connection));

  if (!g_set_object (&self->connection, connection))
    return;

  g_signal_group_set_target (self->connection_signals, connection);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
  update_state (self);
}

HearthConnection *
hearth_event_bus_get_connection (HearthEventBus *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT_BUS (self), NULL);

  return self->connection;
}

HearthConnectionState
hearth_event_bus_get_state (HearthEventBus *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT_BUS (self), HEARTH_CONNECTION_DISCONNECTED);

  return self->state;
}

void
hearth_event_bus_dispatch (HearthEventBus *self,
                           HearthEvent    *event)
{
  GQuark detail;

  g_return_if_fail (HEARTH_IS_EVENT_BUS (self));
  g_return_if_fail (HEARTH_IS_EVENT (event));

  /* Canonical names are static strings; unknown events all share the detail "unknown" so
   * that a hostile server cannot grow the quark table without bound. */
  detail = g_quark_from_static_string (hearth_event_kind_to_name (hearth_event_get_kind (event)));

  g_object_ref (self);
  g_object_ref (event);

  g_signal_emit (self, signals[EVENT], detail, event);
  if (hearth_event_is_error (event))
    g_signal_emit (self, signals[ERROR_EVENT], 0, event);

  g_object_unref (event);
  g_object_unref (self);
}
