/* hearth-timeline-row.h: one message as the conversation shows it
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-message.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_TIMELINE_ROW (hearth_timeline_row_get_type ())
G_DECLARE_FINAL_TYPE (HearthTimelineRow, hearth_timeline_row, HEARTH, TIMELINE_ROW, GObject)

/*
 * Properties (all read-only for views; HearthTimeline sets them, notify only on change):
 *  "message"     HearthMessage (construct-only)
 *  "mine"        gboolean (construct-only)
 *  "day-label"   (nullable) "Today", … when this is the first message of its day
 *  "show-sender" gboolean: the first of a run of messages of someone else in a group
 *  "group-end"   gboolean: the last message of its sender's run (the bubble's tail)
 *  "seen-label"  (nullable) "Seen", "Seen by 2": the newest of my messages others read
 *  "system-text" (nullable) the line of a row about the membership ("Raj Kumar added you")
 */

HearthTimelineRow *hearth_timeline_row_new             (HearthMessage     *message,
                                                        gboolean           mine);
HearthMessage     *hearth_timeline_row_get_message     (HearthTimelineRow *self);
gboolean           hearth_timeline_row_get_mine        (HearthTimelineRow *self);
const char        *hearth_timeline_row_get_day_label   (HearthTimelineRow *self);
void               hearth_timeline_row_set_day_label   (HearthTimelineRow *self,
                                                        const char        *day_label);
gboolean           hearth_timeline_row_get_show_sender (HearthTimelineRow *self);
void               hearth_timeline_row_set_show_sender (HearthTimelineRow *self,
                                                        gboolean           show_sender);
gboolean           hearth_timeline_row_get_group_end   (HearthTimelineRow *self);
void               hearth_timeline_row_set_group_end   (HearthTimelineRow *self,
                                                        gboolean           group_end);
const char        *hearth_timeline_row_get_seen_label  (HearthTimelineRow *self);
void               hearth_timeline_row_set_seen_label  (HearthTimelineRow *self,
                                                        const char        *seen_label);
const char        *hearth_timeline_row_get_system_text (HearthTimelineRow *self);
void               hearth_timeline_row_set_system_text (HearthTimelineRow *self,
                                                        const char        *system_text);

G_END_DECLS
