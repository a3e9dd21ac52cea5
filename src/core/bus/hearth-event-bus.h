/* hearth-event-bus.h: fans connection events out as detailed signals
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_EVENT_BUS (hearth_event_bus_get_type ())
G_DECLARE_FINAL_TYPE (HearthEventBus, hearth_event_bus, HEARTH, EVENT_BUS, GObject)

/*
 * Signals:
 *  "event::<name>" (HearthEvent *): detailed by the canonical event name, e.g.
 *      "event::messages-received"; unknown events use the detail "unknown".
 *  "error-event" (HearthEvent *): the 7 error events (also emitted as "event::<name>").
 *  "state-changed" (HearthConnectionState state, GError *error nullable)
 * Property "state": the attached connection's state.
 */

HearthEventBus        *hearth_event_bus_new              (void);
/* Follows @connection (nullable to detach); the bus keeps a reference. */
void                   hearth_event_bus_set_connection   (HearthEventBus   *self,
                                                          HearthConnection *connection);
HearthConnection      *hearth_event_bus_get_connection   (HearthEventBus   *self);
HearthConnectionState  hearth_event_bus_get_state        (HearthEventBus   *self);
/* Emits @event on the bus as if it came from the connection. */
void                   hearth_event_bus_dispatch         (HearthEventBus   *self,
                                                          HearthEvent      *event);

G_END_DECLS
