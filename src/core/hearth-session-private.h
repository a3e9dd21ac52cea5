/* hearth-session-private.h: timings of HearthSession, for tests
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-session.h"

G_BEGIN_DECLS

/* The policies of DESIGN.md §3. */
#define HEARTH_SESSION_TYPING_REFRESH_MS 10000  /* typing-started again while typing */
#define HEARTH_SESSION_TYPING_IDLE_MS     3000  /* typing-stopped after no keystroke */
#define HEARTH_SESSION_READ_INTERVAL_MS    500  /* at most one messages-read per chat */

/* Test hooks. Each takes effect from the next use; 0 keeps the current value. */
void _hearth_session_set_policy_intervals (HearthSession *self,
                                           guint          typing_refresh_ms,
                                           guint          typing_idle_ms,
                                           guint          read_interval_ms);
/* Applied to the connection and the outbox made at sign-in (call before signing in). */
void _hearth_session_set_retry_delays     (HearthSession *self,
                                           guint          reconnect_base_ms,
                                           guint          reconnect_max_ms,
                                           guint          outbox_base_ms,
                                           guint          outbox_max_ms);
/* Page size of the catch-up after a reconnect (default HEARTH_MESSAGE_LIST_PAGE_SIZE). */
void _hearth_session_set_catch_up_page_size (HearthSession *self,
                                             guint          page_size);

G_END_DECLS
