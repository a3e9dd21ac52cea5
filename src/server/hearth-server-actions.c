/* hearth-server-actions.c: state changes and the events a real backend broadcasts for them
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server"

#include "config.h"

#include "hearth-server-private.h"

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);

  return node;
}

HearthServerMessage *
_hearth_server_post_message (HearthServer     *self,
                             const char       *user_id,
                             HearthServerChat *chat,
                             const char       *content,
                             const char       *reel,
                             const char       *client_id,
                             gboolean         *out_created)
{
  HearthServerMessage *message;
  HearthServerMessage *last;
  g_autofree char *key = NULL;
  g_autoptr(JsonNode) received = NULL;
  g_autoptr(JsonNode) sent = NULL;
  gint64 now = _hearth_server_now_ms ();

  g_assert (HEARTH_IS_SERVER (self));
  g_assert (user_id != NULL);
  g_assert (chat != NULL);

  /* Idempotent per (user, clientId): a retry gets the message the first call stored. */
  if (client_id != NULL)
    {
      key = g_strdup_printf ("%s\n%s", user_id, client_id);
      if ((message = g_hash_table_lookup (self->state->client_ids, key)) != NULL)
        {
          if (out_created != NULL)
            *out_created = FALSE;
          return message;
        }
    }

  /* Keep the history ordered even if a fixture has times in the future. */
  if ((last = _hearth_server_chat_last_message (chat)) != NULL && now <= last->at)
    now = last->at + 1;

  message = g_new0 (HearthServerMessage, 1);
  message->id = _hearth_server_new_object_id (self);
  message->chat_id = g_strdup (chat->id);
  message->user_id = g_strdup (user_id);
  message->content = g_strdup (content != NULL ? content : "");
  message->reel = g_strdup (reel);
  message->client_id = g_strdup (client_id);
  message->at = now;
  g_ptr_array_add (chat->messages, message);
  g_hash_table_insert (self->state->messages, message->id, message);
  if (key != NULL)
    g_hash_table_insert (self->state->client_ids, g_steal_pointer (&key), message);

  /* Sending a message means having read the chat up to it. */
  g_hash_table_insert (chat->last_read_at, g_strdup (user_id), g_memdup2 (&now, sizeof now));

  received = object_node (json_object_new ());
  json_object_set_member (json_node_get_object (received), "message",
                          _hearth_server_message_to_json (self, message, FALSE));
  sent = object_node (json_object_new ());
  json_object_set_member (json_node_get_object (sent), "message",
                          _hearth_server_message_to_json (self, message, TRUE));

  for (guint i = 0; i < chat->participants->len; i++)
    {
      const char *participant = g_ptr_array_index (chat->participants, i);

      if (g_strcmp0 (participant, user_id) != 0)
        _hearth_server_send_event (self, participant, "messages-received", received, NULL);
    }
  _hearth_server_send_event (self, user_id, "messages-sent", sent, NULL);

  if (out_created != NULL)
    *out_created = TRUE;

  g_signal_emit (self, _hearth_server_signals[SIGNAL_MESSAGE_POSTED], 0,
                 user_id, chat->id, message->id);

  return message;
}

void
_hearth_server_mark_read (HearthServer       *self,
                          const char         *user_id,
                          HearthServerChat   *chat,
                          HearthServerClient *origin)
{
  HearthServerUser *user = _hearth_server_get_user (self, user_id);
  HearthServerMessage *last = _hearth_server_chat_last_message (chat);
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *read_at = NULL;
  JsonObject *object;
  gint64 now = _hearth_server_now_ms ();

  g_assert (user != NULL);

  if (last != NULL && now < last->at)
    now = last->at;

  g_hash_table_insert (chat->last_read_at, g_strdup (user_id), g_memdup2 (&now, sizeof now));

  read_at = _hearth_server_format_time (now);
  object = json_object_new ();
  json_object_set_member (object, "user", _hearth_server_user_to_json (user));
  json_object_set_string_member (object, "chat", chat->id);
  json_object_set_string_member (object, "lastReadAt", read_at);
  if (last != NULL)
    {
      g_autofree char *at = _hearth_server_format_time (last->at);
      JsonObject *message = json_object_new ();

      /* As in the seed events: the message's user is an id here. */
      json_object_set_string_member (message, "_id", last->id);
      json_object_set_string_member (message, "user", last->user_id);
      json_object_set_string_member (message, "chat", last->chat_id);
      json_object_set_string_member (message, "content", last->content);
      if (last->reel != NULL)
        json_object_set_string_member (message, "reel", last->reel);
      json_object_set_string_member (message, "at", at);
      json_object_set_object_member (object, "lastMessage", message);
    }
  data = object_node (object);

  /* The other participants, and the reader's other devices (their unread count drops). */
  for (guint i = 0; i < chat->participants->len; i++)
    _hearth_server_send_event (self, g_ptr_array_index (chat->participants, i),
                               "messages-read", data, origin);
}

void
_hearth_server_typing (HearthServer     *self,
                       const char       *user_id,
                       HearthServerChat *chat,
                       gboolean          started)
{
  HearthServerUser *user = _hearth_server_get_user (self, user_id);
  g_autoptr(JsonNode) data = NULL;
  JsonObject *object;

  g_assert (user != NULL);

  object = json_object_new ();
  json_object_set_member (object, "user", _hearth_server_user_to_json (user));
  json_object_set_string_member (object, "chat", chat->id);
  data = object_node (object);

  for (guint i = 0; i < chat->participants->len; i++)
    {
      const char *participant = g_ptr_array_index (chat->participants, i);

      if (g_strcmp0 (participant, user_id) != 0)
        _hearth_server_send_event (self, participant,
                                   started ? "typing-started" : "typing-stopped",
                                   data, NULL);
    }
}

gboolean
_hearth_server_consume (HearthServer        *self,
                        const char          *user_id,
                        HearthServerReward  *reward,
                        const char         **error_event,
                        const char         **error_message)
{
  /* Consuming twice is not an error: the second call just reports the state. */
  if (g_hash_table_contains (reward->consumed_by, user_id))
    return TRUE;

  if (_hearth_server_reward_is_expired (reward))
    {
      *error_event = "permission-denied";
      *error_message = "This reward has expired";
      return FALSE;
    }

  if (reward->remaining <= 0)
    {
      *error_event = "permission-denied";
      *error_message = "This reward is no longer available";
      return FALSE;
    }

  reward->remaining--;
  g_hash_table_add (reward->consumed_by, g_strdup (user_id));

  /* Everyone sees the same rewards; isConsumedByYou differs per user. */
  for (guint i = 0; i < self->state->user_order->len; i++)
    {
      HearthServerUser *user = g_ptr_array_index (self->state->user_order, i);
      g_autoptr(JsonNode) data = object_node (json_object_new ());
      JsonObject *object = json_node_get_object (data);

      json_object_set_string_member (object, "reward", reward->id);
      json_object_set_boolean_member (object, "isExpired",
                                      _hearth_server_reward_is_expired (reward));
      json_object_set_int_member (object, "remaining", reward->remaining);
      json_object_set_boolean_member (object, "isConsumedByYou",
                                      g_hash_table_contains (reward->consumed_by, user->id));
      _hearth_server_send_event (self, user->id, "reward-consumed", data, NULL);
    }

  return TRUE;
}
