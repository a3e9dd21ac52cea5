/* hearth-timeline.h: a chat's history as the conversation shows it
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-chat.h"
#include "hearth-message-list.h"
#include "hearth-timeline-row.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_TIMELINE (hearth_timeline_get_type ())
G_DECLARE_FINAL_TYPE (HearthTimeline, hearth_timeline, HEARTH, TIMELINE, GObject)

/*
 * HearthTimeline: a GListModel of HearthTimelineRow over a HearthMessageList (same order,
 * same positions, same items-changed), deciding what the views draw around each message: day
 * separators, sender names at the start of a run, the end of a run, and the "Seen" label under
 * the newest of my messages that others read (from the chat's read times). When messages come
 * or go, the rows next to them are updated through their properties, never re-created.
 */

HearthTimeline    *hearth_timeline_new          (HearthMessageList *messages,
                                                 HearthChat        *chat);
HearthMessageList *hearth_timeline_get_messages (HearthTimeline    *self);
HearthChat        *hearth_timeline_get_chat     (HearthTimeline    *self);
/* Position of the row showing the seen label, or G_MAXUINT. */
guint              hearth_timeline_get_seen_position (HearthTimeline *self);
/* Recomputes the day labels ("Today" turns "Yesterday" after midnight) against @now. */
void               hearth_timeline_set_now      (HearthTimeline    *self,
                                                 GDateTime         *now);

G_END_DECLS
