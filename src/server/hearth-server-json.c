/* hearth-server-json.c: the JSON shapes of users, messages, chats and rewards (doc/API.md)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server"

#include "config.h"

#include "hearth-server-private.h"

static void
set_time_member (JsonObject *object,
                 const char *member,
                 gint64      ms)
{
  g_autofree char *text = _hearth_server_format_time (ms);

  json_object_set_string_member (object, member, text);
}

JsonNode *
_hearth_server_user_to_json (HearthServerUser *user)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "_id", user->id);
  json_object_set_string_member (object, "name", user->name);
  json_object_set_string_member (object, "username", user->username);
  if (user->photo != NULL)
    json_object_set_string_member (object, "photo", user->photo);
  json_node_take_object (node, object);

  return node;
}

JsonNode *
_hearth_server_message_to_json (HearthServer        *self,
                                HearthServerMessage *message,
                                gboolean             with_client_id)
{
  HearthServerUser *user = _hearth_server_get_user (self, message->user_id);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "_id", message->id);
  if (user != NULL)
    json_object_set_member (object, "user", _hearth_server_user_to_json (user));
  else
    json_object_set_string_member (object, "user", message->user_id);
  json_object_set_string_member (object, "chat", message->chat_id);
  json_object_set_string_member (object, "content", message->content);
  if (message->reel != NULL)
    json_object_set_string_member (object, "reel", message->reel);
  set_time_member (object, "at", message->at);
  if (with_client_id && message->client_id != NULL)
    json_object_set_string_member (object, "clientId", message->client_id);
  json_node_take_object (node, object);

  return node;
}

JsonNode *
_hearth_server_chat_to_json (HearthServer     *self,
                             HearthServerChat *chat,
                             const char       *for_user_id)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *participants = json_array_new ();
  JsonObject *last_read = json_object_new ();
  HearthServerMessage *last = _hearth_server_chat_last_message (chat);
  HearthServerUser *admin = _hearth_server_get_user (self, chat->admin_id);

  json_object_set_string_member (object, "_id", chat->id);
  if (chat->name != NULL)
    json_object_set_string_member (object, "name", chat->name);

  for (guint i = 0; i < chat->participants->len; i++)
    {
      const char *user_id = g_ptr_array_index (chat->participants, i);
      HearthServerUser *user = _hearth_server_get_user (self, user_id);
      gint64 *ms = g_hash_table_lookup (chat->last_read_at, user_id);

      if (user != NULL)
        json_array_add_element (participants, _hearth_server_user_to_json (user));
      if (ms != NULL)
        set_time_member (last_read, user_id, *ms);
    }
  json_object_set_array_member (object, "participants", participants);

  if (admin != NULL)
    json_object_set_member (object, "admin", _hearth_server_user_to_json (admin));
  if (last != NULL)
    json_object_set_member (object, "lastMessage",
                            _hearth_server_message_to_json (self, last, FALSE));
  json_object_set_int_member (object, "unread", _hearth_server_chat_unread (chat, for_user_id));
  json_object_set_object_member (object, "lastReadAt", last_read);
  set_time_member (object, "createdAt", chat->created_at);
  json_node_take_object (node, object);

  return node;
}

JsonNode *
_hearth_server_reward_to_json (HearthServerReward *reward,
                               const char         *for_user_id)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "_id", reward->id);
  json_object_set_string_member (object, "title", reward->title);
  json_object_set_string_member (object, "description",
                                 reward->description != NULL ? reward->description : "");
  json_object_set_int_member (object, "remaining", reward->remaining);
  json_object_set_boolean_member (object, "isExpired", _hearth_server_reward_is_expired (reward));
  if (reward->expires_at != 0)
    set_time_member (object, "expiresAt", reward->expires_at);
  else
    json_object_set_null_member (object, "expiresAt");
  json_object_set_boolean_member (object, "isConsumedByYou",
                                  for_user_id != NULL &&
                                  g_hash_table_contains (reward->consumed_by, for_user_id));
  json_node_take_object (node, object);

  return node;
}
