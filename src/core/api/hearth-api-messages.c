/* hearth-api-messages.c: GET and POST /chats/:id/messages
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-api"

#include "config.h"

#include "hearth-api-private.h"
#include "hearth-message.h"
#include "hearth-parse.h"

/* @parser_data: the chat id. */
static GObject *
message_item_parser (HearthApi   *self,
                     JsonNode    *node,
                     const char  *path,
                     gpointer     parser_data,
                     GError     **error)
{
  return (GObject *) hearth_parse_message (node, path, parser_data, error);
}

void
hearth_api_list_messages_async (HearthApi           *self,
                                const char          *chat_id,
                                const char          *before,
                                const char          *after,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GString) query = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (chat_id != NULL && chat_id[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  query = g_string_new (NULL);
  if (before != NULL)
    _hearth_api_append_query (query, "before", before);
  if (after != NULL)
    _hearth_api_append_query (query, "after", after);
  if (limit > 0)
    g_string_append_printf (query, "%slimit=%u", query->len > 0 ? "&" : "", limit);

  path = _hearth_api_build_path ("/chats", chat_id, "/messages");
  _hearth_api_send_for_items (self, "GET", path, query->len > 0 ? query->str : NULL, NULL,
                              message_item_parser, NULL, chat_id,
                              hearth_api_list_messages_async, cancellable, callback, user_data);
}

GPtrArray *
hearth_api_list_messages_finish (HearthApi     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _hearth_api_finish (self, result, hearth_api_list_messages_async, error);
}

void
hearth_api_post_message_async (HearthApi           *self,
                               const char          *chat_id,
                               const char          *content,
                               const char          *reel,
                               const char          *client_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (chat_id != NULL && chat_id[0] != '\0');
  g_return_if_fail (content != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  if (reel != NULL)
    {
      json_builder_set_member_name (builder, "reel");
      json_builder_add_string_value (builder, reel);
    }
  if (client_id != NULL)
    {
      json_builder_set_member_name (builder, "clientId");
      json_builder_add_string_value (builder, client_id);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = _hearth_api_build_path ("/chats", chat_id, "/messages");
  _hearth_api_send_for_items (self, "POST", path, NULL, body,
                              message_item_parser, "message", chat_id,
                              hearth_api_post_message_async, cancellable, callback, user_data);
}

HearthMessage *
hearth_api_post_message_finish (HearthApi     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _hearth_api_finish (self, result, hearth_api_post_message_async, error);
}
