/* hearth-api-chats.c: GET /chats and GET /chats/:id
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-api"

#include "config.h"

#include "hearth-api-private.h"
#include "hearth-chat.h"
#include "hearth-parse.h"

static GObject *
chat_item_parser (HearthApi   *self,
                  JsonNode    *node,
                  const char  *path,
                  gpointer     parser_data,
                  GError     **error)
{
  HearthChat *chat = hearth_parse_chat (node, path, error);

  if (chat != NULL && _hearth_api_get_me_id (self) != NULL)
    hearth_chat_set_me_id (chat, _hearth_api_get_me_id (self));

  return (GObject *) chat;
}

void
hearth_api_list_chats_async (HearthApi           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _hearth_api_send_for_items (self, "GET", "/chats", NULL, NULL,
                              chat_item_parser, NULL, NULL,
                              hearth_api_list_chats_async, cancellable, callback, user_data);
}

GPtrArray *
hearth_api_list_chats_finish (HearthApi     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _hearth_api_finish (self, result, hearth_api_list_chats_async, error);
}

void
hearth_api_get_chat_async (HearthApi           *self,
                           const char          *chat_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (chat_id != NULL && chat_id[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = _hearth_api_build_path ("/chats", chat_id, NULL);
  _hearth_api_send_for_items (self, "GET", path, NULL, NULL,
                              chat_item_parser, "chat", NULL,
                              hearth_api_get_chat_async, cancellable, callback, user_data);
}

HearthChat *
hearth_api_get_chat_finish (HearthApi     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _hearth_api_finish (self, result, hearth_api_get_chat_async, error);
}
