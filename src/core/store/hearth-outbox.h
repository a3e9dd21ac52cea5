/* hearth-outbox.h: my unsent messages, persisted and retried until the server has them
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_OUTBOX (hearth_outbox_get_type ())
G_DECLARE_FINAL_TYPE (HearthOutbox, hearth_outbox, HEARTH, OUTBOX, GObject)

/*
 * HearthOutbox sends my messages (DESIGN.md §2, "Outbound message").
 *
 * hearth_outbox_send() makes the message (a random client id, "at" = now, sender = the store's
 * "me", state QUEUED) and hands it to hearth_store_add_pending() BEFORE any network call: it is
 * in its chat's list at once and in the database with the store's next batch (message row and
 * outbox entry). Then POST /chats/:id/messages carries the client id; the server deduplicates
 * by it, so a POST repeated after a lost reply never makes a second message.
 *
 * Order: one POST in flight per chat, strictly in the order the messages were sent; chats are
 * independent of each other.
 *
 * Outcome of a POST:
 *  - success: hearth_store_confirm_sent() with the reply (the pending object takes the server
 *    id and time, state SENT; the store drops the outbox entry). If the messages-sent echo
 *    came first (the store confirms it by itself), the reply is not applied again.
 *  - transient error (hearth_api_error_is_transient(): no answer, 5xx, bad reply): the message
 *    stays QUEUED (attempt count recorded with hearth_store_update_pending()) and its chat
 *    waits "backoff-base-ms" × 2^(n-1) (n = consecutive failures), capped at "backoff-max-ms",
 *    ±50 % jitter, then tries the same message again. hearth_outbox_flush() (the session calls
 *    it after every (re)connect) retries every waiting chat at once.
 *  - 401 authorization-failed: as a transient error (the message is not at fault; the session
 *    signs out on it).
 *  - other 4xx (validation-failed, not-found, permission-denied, verification-required):
 *    state FAILED, the entry stays (persisted) until hearth_outbox_retry(); the chat's later
 *    messages go on.
 *  Every failed attempt is reported with "send-failed".
 *
 * Before each attempt the outbox checks that the message is still pending (QUEUED and known to
 * hearth_store_lookup_pending()): one confirmed by the echo, or dropped with its chat
 * (chat-deleted), is not sent again. A message confirmed by the echo while its chat waits for
 * a backoff lets the chat go on at once.
 *
 * Restarts: the store's load does not touch the outbox. hearth_outbox_load_async() reads the
 * database's outbox (hearth_database_load_outbox_async()) and registers every entry with
 * hearth_store_add_pending() (so they show in their chats, in their original order, with their
 * client ids), then sends the QUEUED ones in that order, ahead of anything sent meanwhile
 * (nothing is POSTed while the load runs). FAILED entries come back FAILED. Call it once,
 * after hearth_store_load_async() and before message lists are handed out (HearthSession
 * does): a list loaded earlier may hold a second object for a queued message.
 *
 * Database failures: when the store reports "database-error", the outbox writes every entry it
 * holds again with its next action (send, attempt, flush, retry), so an entry lost with a failed
 * batch reaches the disk once the database accepts writes again. Sending never depends on the
 * database: the in-memory outbox is authoritative.
 *
 * Properties:
 *  "store" (HearthStore, construct-only), "api" (HearthApi, construct-only)
 *  "backoff-base-ms" first retry delay (default 1000), "backoff-max-ms" cap (default 30000)
 *
 * Signals:
 *  "send-failed" (HearthMessage *message, const GError *error): an attempt failed (error in
 *      HEARTH_API_ERROR); the message's state says whether it will be retried (QUEUED) or
 *      waits for hearth_outbox_retry() (FAILED).
 */
HearthOutbox  *hearth_outbox_new           (HearthStore         *store,
                                            HearthApi           *api);
HearthStore   *hearth_outbox_get_store     (HearthOutbox        *self);
HearthApi     *hearth_outbox_get_api       (HearthOutbox        *self);

void           hearth_outbox_load_async    (HearthOutbox        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean       hearth_outbox_load_finish   (HearthOutbox        *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/*
 * Queues a message of mine for @chat_id: @content (may be "" with a @reel), @reel nullable.
 * Returns: (transfer full): the queued message, already in the store.
 */
HearthMessage *hearth_outbox_send          (HearthOutbox        *self,
                                            const char          *chat_id,
                                            const char          *content,
                                            const char          *reel);
/* Queues a FAILED message again (at the end of its chat's queue). */
void           hearth_outbox_retry         (HearthOutbox        *self,
                                            HearthMessage       *message);
/* Retries every waiting chat now (after a (re)connect) and resets their backoff. */
void           hearth_outbox_flush         (HearthOutbox        *self);
/* Cancels the POSTs in flight and sends nothing more (sign-out). Also done on dispose. */
void           hearth_outbox_stop          (HearthOutbox        *self);

/* Messages held (QUEUED and FAILED). */
guint          hearth_outbox_get_n_pending (HearthOutbox        *self);
/* Attempts made so far for a held message (0 when not held). */
guint          hearth_outbox_get_attempts  (HearthOutbox        *self,
                                            HearthMessage       *message);

guint          hearth_outbox_get_backoff_base_ms (HearthOutbox  *self);
void           hearth_outbox_set_backoff_base_ms (HearthOutbox  *self,
                                                  guint          base_ms);
guint          hearth_outbox_get_backoff_max_ms  (HearthOutbox  *self);
void           hearth_outbox_set_backoff_max_ms  (HearthOutbox  *self,
                                                  guint          max_ms);

G_END_DECLS
