/* hearth-message-row.h: one message of the conversation
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-timeline-row.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_MESSAGE_ROW (hearth_message_row_get_type ())
G_DECLARE_FINAL_TYPE (HearthMessageRow, hearth_message_row, HEARTH, MESSAGE_ROW, GtkWidget)

/*
 * Shows a HearthTimelineRow: day separator, sender name, the bubble (mine on the right) with
 * the text (never markup) or a reel card, the time and delivery state, "Retry" for a failed
 * message (activates "conversation.retry" with the client id) and the seen label.
 */

GtkWidget *hearth_message_row_new     (void);
void       hearth_message_row_set_row (HearthMessageRow  *self,
                                       HearthTimelineRow *row);

G_END_DECLS
