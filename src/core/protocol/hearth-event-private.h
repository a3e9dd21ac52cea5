/* hearth-event-private.h: HearthEvent constructors for the protocol layer
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-event.h"

G_BEGIN_DECLS

/* A messages-received / messages-sent event around an already parsed @message, exactly as
 * hearth_event_new_from_json() builds it (used by the fast decoder, hearth-fast-event.c). */
HearthEvent *_hearth_event_new_message (HearthEventKind  kind,
                                        HearthMessage   *message);

G_END_DECLS
