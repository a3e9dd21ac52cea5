/* hearth-message-list.h: one chat's history, paged from the cache and the server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_MESSAGE_LIST (hearth_message_list_get_type ())
G_DECLARE_FINAL_TYPE (HearthMessageList, hearth_message_list, HEARTH, MESSAGE_LIST, GObject)

/*
 * A GListModel of HearthMessage, oldest first (position 0 is the oldest loaded), for one chat.
 * Made by HearthStore (hearth_store_get_messages), which loads the newest page first and feeds
 * it live messages. get_item is O(1).
 *
 * Properties: "chat-id", "loading" (a page is being fetched), "complete" (the oldest message of
 * the chat is loaded: nothing older exists locally or on the server).
 */
const char *hearth_message_list_get_chat_id       (HearthMessageList   *self);
gboolean    hearth_message_list_get_loading       (HearthMessageList   *self);
gboolean    hearth_message_list_get_complete      (HearthMessageList   *self);

/* Loads the page before the oldest loaded message: from the database first, then from the
 * server (GET ...?before=<oldest id>) when the database has no more; prepends it with one
 * items-changed (0, 0, n). Succeeds with 0 when "complete". Only one load runs at a time: a
 * second call while one runs joins it. */
void        hearth_message_list_load_older_async  (HearthMessageList   *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean    hearth_message_list_load_older_finish (HearthMessageList   *self,
                                                   GAsyncResult        *result,
                                                   guint               *n_loaded,
                                                   GError             **error);

/* The object for a message id (server id or client id) if it is loaded; O(1). */
HearthMessage *hearth_message_list_lookup         (HearthMessageList   *self,
                                                   const char          *id);
/* The newest message with a server id ("after" cursor for catch-up), or NULL. */
HearthMessage *hearth_message_list_get_newest_sent (HearthMessageList  *self);

G_END_DECLS
