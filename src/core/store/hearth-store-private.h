/* hearth-store-private.h: what HearthStore and HearthMessageList share (and test hooks)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-message-list.h"
#include "hearth-store.h"

G_BEGIN_DECLS

/* Messages per page, for the database and the server (both lists and the store). */
#define HEARTH_MESSAGE_LIST_PAGE_SIZE 50

/*
 * Only HearthStore makes message lists. @store is held weakly (a list may outlive it): pages
 * fetched for the list go through _hearth_store_merge_page() while it is alive. @database
 * and @api are referenced; @api may be NULL (then the database is the whole history).
 */
HearthMessageList *_hearth_message_list_new           (HearthStore       *store,
                                                       HearthDatabase    *database,
                                                       HearthApi         *api,
                                                       const char        *chat_id,
                                                       guint              page_size);
/* Inserts @message at its place by time (after messages of the same time): at the end for a
 * live message, earlier for a late one. FALSE (nothing done) when its server id or client id
 * is already in the list. */
gboolean           _hearth_message_list_add           (HearthMessageList *self,
                                                       HearthMessage     *message);
/* Removes @message (this object) if it is in the list. */
gboolean           _hearth_message_list_remove        (HearthMessageList *self,
                                                       HearthMessage     *message);
/* @message (in the list) got a server id or a new time: indexes the id (dropping another
 * object that claimed it) and moves the message to its place if its time moved it. */
void               _hearth_message_list_reindex       (HearthMessageList *self,
                                                       HearthMessage     *message);
/* Empties the list and marks it complete (its chat was deleted). */
void               _hearth_message_list_clear         (HearthMessageList *self);

/* Called by a list with a page it fetched (oldest first), before inserting it: replaces each
 * message by the object the store already has for it (a pending message, the chat's last
 * message), gives messages the shared senders and, for @from_server pages, puts them in the
 * next database batch. */
void               _hearth_store_merge_page           (HearthStore       *self,
                                                       const char        *chat_id,
                                                       GPtrArray         *page,
                                                       gboolean           from_server);

/* Test hooks. */
/* Database batches written so far (one per main-loop turn with changes). */
guint              _hearth_store_get_write_count      (HearthStore       *self);
/* GET /chats/:id requests started so far. */
guint              _hearth_store_get_chat_fetch_count (HearthStore       *self);
/* Fetches running now: GET /chats/:id per chat, plus 1 while GET /rewards runs. */
guint              _hearth_store_count_running_fetches (HearthStore      *self);
/* Page size of the message lists made from now on (default HEARTH_MESSAGE_LIST_PAGE_SIZE). */
void               _hearth_store_set_page_size        (HearthStore       *self,
                                                       guint              page_size);

G_END_DECLS
