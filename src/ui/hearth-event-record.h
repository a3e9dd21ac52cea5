/* hearth-event-record.h: one line of the demo's event log (name and arrival time)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_EVENT_RECORD (hearth_event_record_get_type ())
G_DECLARE_FINAL_TYPE (HearthEventRecord, hearth_event_record, HEARTH, EVENT_RECORD, GObject)

/*
 * Immutable. Properties (read-only after construction):
 *  "name"         the event name as received (canonical for known events)
 *  "received-at"  GDateTime of arrival
 *  "time-label"   arrival time as local HH:MM:SS
 *  "is-error"     TRUE for the error events of the contract
 */

HearthEventRecord *hearth_event_record_new            (const char        *name,
                                                       GDateTime         *received_at,
                                                       gboolean           is_error);
const char        *hearth_event_record_get_name       (HearthEventRecord *self);
GDateTime         *hearth_event_record_get_received_at (HearthEventRecord *self);
const char        *hearth_event_record_get_time_label (HearthEventRecord *self);
gboolean           hearth_event_record_get_is_error   (HearthEventRecord *self);

G_END_DECLS
