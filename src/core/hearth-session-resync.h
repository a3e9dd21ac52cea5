/* hearth-session-resync.h: the catch-up of a session after every (re)connect
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

/* Catch-up page size: the server's default page. */
#define HEARTH_SESSION_RESYNC_PAGE_SIZE 50

#define HEARTH_TYPE_SESSION_RESYNC (hearth_session_resync_get_type ())
G_DECLARE_FINAL_TYPE (HearthSessionResync, hearth_session_resync, HEARTH, SESSION_RESYNC, GObject)

/*
 * HearthSessionResync: what HearthSession does on every transition of its connection to
 * CONNECTED (DESIGN.md §4). hearth_session_resync_start(): GET /chats, and for the open chat
 * and every history tracked with hearth_session_resync_track() that is still alive,
 * GET .../messages?after=<the newest message known when it started> repeated while pages come
 * back full → hearth_store_apply_messages(). When all have answered, the chats go to
 * hearth_store_apply_chats() (after the pages, so that the chats' last messages are found in
 * their histories), then hearth_outbox_flush(), then "finished". A failed request is logged,
 * reported with "request-failed" and skipped. Starting again or cancelling drops the running
 * one (it never finishes).
 *
 * Signals:
 *  "finished"       (): a resync ended and the outbox was flushed
 *  "request-failed" (const GError *error): one of its requests failed (not when cancelled)
 */
HearthSessionResync *hearth_session_resync_new           (HearthApi           *api,
                                                          HearthStore         *store,
                                                          HearthOutbox        *outbox);
/* Page size of the catch-ups (default HEARTH_SESSION_RESYNC_PAGE_SIZE); 0 keeps it. */
void                 hearth_session_resync_set_page_size (HearthSessionResync *self,
                                                          guint                page_size);
/* Catches up @list (held weakly) on every resync while it is alive. */
void                 hearth_session_resync_track         (HearthSessionResync *self,
                                                          const char          *chat_id,
                                                          HearthMessageList   *list);
/* @open_chat_id: nullable; caught up even without a tracked history. */
void                 hearth_session_resync_start         (HearthSessionResync *self,
                                                          const char          *open_chat_id);
void                 hearth_session_resync_cancel        (HearthSessionResync *self);

G_END_DECLS
