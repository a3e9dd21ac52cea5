/* hearth-server-actions.c: state changes and the events a real backend broadcasts for them
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server"

#include "config.h"

#include <string.h>

#include "hearth-json.h"
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

/* reward-consumed to every user: everyone sees the same rewards, isConsumedByYou differs. */
static void
broadcast_reward (HearthServer       *self,
                  HearthServerReward *reward)
{
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
}

gboolean
_hearth_server_consume (HearthServer        *self,
                        const char          *user_id,
                        HearthServerReward  *reward,
                        const char         **error_event,
                        const char         **error_message)
{
  /* Consuming twice is not an error: the second call just reports the state. */
  if (user_id != NULL && g_hash_table_contains (reward->consumed_by, user_id))
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
  if (user_id != NULL)
    g_hash_table_add (reward->consumed_by, g_strdup (user_id));

  broadcast_reward (self, reward);

  return TRUE;
}

void
_hearth_server_restock (HearthServer       *self,
                        HearthServerReward *reward,
                        gint64              remaining)
{
  g_assert (remaining >= 0);

  if (reward->remaining == remaining)
    return;

  reward->remaining = remaining;
  broadcast_reward (self, reward);
}

/* Presence. */

/* The chats @user_id shares with @other, in seed order. */
static GPtrArray *
shared_chats (HearthServer *self,
              const char   *user_id,
              const char   *other_id)
{
  GPtrArray *chats = g_ptr_array_new ();

  for (guint i = 0; i < self->state->chat_order->len; i++)
    {
      HearthServerChat *chat = g_ptr_array_index (self->state->chat_order, i);

      if (_hearth_server_chat_has_user (chat, user_id) &&
          _hearth_server_chat_has_user (chat, other_id))
        g_ptr_array_add (chats, chat);
    }

  return chats;
}

void
_hearth_server_set_online (HearthServer *self,
                           const char   *user_id,
                           gboolean      online)
{
  HearthServerUser *user = _hearth_server_get_user (self, user_id);

  g_assert (user != NULL);

  /* Everyone who shares a chat with the user, each told about the chats they share
   * (never about the others), "chat" being their direct chat if they have one. */
  for (guint i = 0; i < self->state->user_order->len; i++)
    {
      HearthServerUser *other = g_ptr_array_index (self->state->user_order, i);
      g_autoptr(GPtrArray) chats = NULL;
      g_autoptr(JsonNode) data = NULL;
      HearthServerChat *concerned = NULL;
      JsonObject *object;
      JsonArray *ids;

      if (other == user)
        continue;

      chats = shared_chats (self, user->id, other->id);
      if (chats->len == 0)
        continue;

      ids = json_array_new ();
      for (guint j = 0; j < chats->len; j++)
        {
          HearthServerChat *chat = g_ptr_array_index (chats, j);

          json_array_add_string_element (ids, chat->id);
          if (concerned == NULL && chat->participants->len == 2)
            concerned = chat;
        }
      if (concerned == NULL)
        concerned = g_ptr_array_index (chats, 0);

      object = json_object_new ();
      json_object_set_member (object, "user", _hearth_server_user_to_json (user));
      json_object_set_array_member (object, "chats", ids);
      json_object_set_string_member (object, "chat", concerned->id);
      data = object_node (object);

      _hearth_server_send_event (self, other->id, online ? "user-online" : "user-offline",
                                 data, NULL);
    }
}

/* Chats and participants. */

static void
send_to_participants (HearthServer     *self,
                      HearthServerChat *chat,
                      const char       *name,
                      JsonNode         *data)
{
  for (guint i = 0; i < chat->participants->len; i++)
    _hearth_server_send_event (self, g_ptr_array_index (chat->participants, i), name, data, NULL);
}

static JsonNode *
chat_data (HearthServerChat *chat)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "chat", chat->id);

  return object_node (object);
}

HearthServerChat *
_hearth_server_create_chat (HearthServer       *self,
                            const char         *creator_id,
                            const char * const *others,
                            const char         *name)
{
  g_autofree char *id = _hearth_server_new_object_id (self);
  HearthServerChat *chat = _hearth_server_chat_new (id);
  g_autoptr(JsonNode) data = NULL;

  chat->name = g_strdup (name);
  chat->created_at = _hearth_server_now_ms ();

  g_ptr_array_add (chat->participants, g_strdup (creator_id));
  for (guint i = 0; others[i] != NULL; i++)
    {
      if (!_hearth_server_chat_has_user (chat, others[i]))
        g_ptr_array_add (chat->participants, g_strdup (others[i]));
    }
  g_assert (chat->participants->len >= 2);

  /* A group (named, or of three or more) is managed by whoever made it. */
  if (name != NULL || chat->participants->len > 2)
    chat->admin_id = g_strdup (creator_id);

  g_hash_table_insert (self->state->chats, chat->id, chat);
  g_ptr_array_add (self->state->chat_order, chat);

  /* Every participant, the creator's other devices included. */
  data = chat_data (chat);
  send_to_participants (self, chat, "chat-created", data);

  return chat;
}

void
_hearth_server_add_participant (HearthServer     *self,
                                const char       *admin_id,
                                HearthServerChat *chat,
                                const char       *user_id)
{
  HearthServerUser *admin = _hearth_server_get_user (self, admin_id);
  g_autoptr(JsonNode) data = NULL;
  JsonObject *object;

  g_assert (!_hearth_server_chat_has_user (chat, user_id));

  g_ptr_array_add (chat->participants, g_strdup (user_id));

  /* Only the added user is told (the contract has no event for the others: they see the
   * new member the next time they fetch the chat). */
  object = json_object_new ();
  json_object_set_string_member (object, "chat", chat->id);
  if (admin != NULL)
    json_object_set_member (object, "admin", _hearth_server_user_to_json (admin));
  data = object_node (object);
  _hearth_server_send_event (self, user_id, "chat-joined", data, NULL);
}

void
_hearth_server_remove_participant (HearthServer     *self,
                                   HearthServerChat *chat,
                                   const char       *removed_id)
{
  /* @removed_id may be the chat's own copy, freed below. */
  g_autofree char *user_id = g_strdup (removed_id);
  g_autoptr(JsonNode) data = NULL;
  JsonObject *object;

  g_assert (_hearth_server_chat_has_user (chat, user_id));

  /* Everyone in the chat, the removed user included (their app marks the chat left). */
  object = json_object_new ();
  json_object_set_string_member (object, "chat", chat->id);
  json_object_set_string_member (object, "user", user_id);
  data = object_node (object);
  send_to_participants (self, chat, "chat-participant-removed", data);

  for (guint i = 0; i < chat->participants->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (chat->participants, i), user_id) == 0)
        {
          g_ptr_array_remove_index (chat->participants, i);
          break;
        }
    }
  g_hash_table_remove (chat->last_read_at, user_id);
  if (g_strcmp0 (chat->admin_id, user_id) == 0)
    g_clear_pointer (&chat->admin_id, g_free);
}

static gboolean
client_id_in_chat (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  HearthServerMessage *message = value;

  return g_strcmp0 (message->chat_id, user_data) == 0;
}

void
_hearth_server_delete_chat (HearthServer     *self,
                            const char       *user_id,
                            HearthServerChat *chat)
{
  g_autoptr(JsonNode) data = NULL;
  JsonObject *object;

  object = json_object_new ();
  json_object_set_string_member (object, "chat", chat->id);
  json_object_set_string_member (object, "user", user_id);
  data = object_node (object);
  send_to_participants (self, chat, "chat-deleted", data);

  /* The borrowed views first, then the chat (which owns its messages). */
  for (guint i = 0; i < chat->messages->len; i++)
    {
      HearthServerMessage *message = g_ptr_array_index (chat->messages, i);

      g_hash_table_remove (self->state->messages, message->id);
    }
  g_hash_table_foreach_remove (self->state->client_ids, client_id_in_chat, chat->id);
  g_ptr_array_remove (self->state->chat_order, chat);
  g_hash_table_remove (self->state->chats, chat->id);
}

/* The score. */

static const char * const score_sections[] = { "social", "mindfulness" };

/* Integral values stay integers on the wire (as in the seed), others are doubles. */
static void
set_number_member (JsonObject *object,
                   const char *member,
                   double      value)
{
  if (value == (double)(gint64)value)
    json_object_set_int_member (object, member, (gint64)value);
  else
    json_object_set_double_member (object, member, value);
}

static gboolean
action_completed (JsonObject *action)
{
  gboolean completed = FALSE;

  hearth_json_object_get_bool (action, "completed", &completed);

  return completed;
}

/* Finds the action of @type; @out_section is its section. */
static JsonObject *
find_action (JsonObject  *score,
             const char  *type,
             JsonObject **out_section)
{
  for (guint i = 0; i < G_N_ELEMENTS (score_sections); i++)
    {
      JsonObject *section = hearth_json_object_get_object (score, score_sections[i]);
      JsonArray *actions;

      if (section == NULL || !(actions = hearth_json_object_get_array (section, "actions")))
        continue;

      for (guint j = 0; j < json_array_get_length (actions); j++)
        {
          JsonNode *node = json_array_get_element (actions, j);
          JsonObject *action;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;

          action = json_node_get_object (node);
          if (type == NULL ? !action_completed (action)
                           : g_strcmp0 (hearth_json_object_get_string (action, "type"), type) == 0)
            {
              if (out_section != NULL)
                *out_section = section;
              return action;
            }
        }
    }

  return NULL;
}

const char *
_hearth_server_score_next_action (HearthServer *self)
{
  JsonObject *action;

  if (self->state->score == NULL)
    return NULL;

  action = find_action (json_node_get_object (self->state->score), NULL, NULL);

  return action != NULL ? hearth_json_object_get_string (action, "type") : NULL;
}

/* What completing one more action of @section is worth: the section's score spread over
 * the actions completed so far (the seed: 1 per social action, 0.5 per mindfulness one). */
static double
action_weight (JsonObject *section)
{
  JsonArray *actions = hearth_json_object_get_array (section, "actions");
  double score = 0;
  guint completed = 0;

  for (guint i = 0; actions != NULL && i < json_array_get_length (actions); i++)
    {
      JsonNode *node = json_array_get_element (actions, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && action_completed (json_node_get_object (node)))
        completed++;
    }

  if (completed > 0 && hearth_json_object_get_number (section, "score", &score) && score > 0)
    return score / completed;

  return 0.5;
}

gboolean
_hearth_server_score_action (HearthServer *self,
                             const char   *user_id,
                             const char   *type)
{
  JsonObject *score;
  double total = 0;

  if (self->state->score == NULL)
    return FALSE;

  score = json_node_get_object (self->state->score);
  hearth_json_object_get_number (score, "totalScore", &total);

  if (type == NULL)
    {
      double reels = 0;

      /* Watching a reel counts as seen; it does not score. */
      hearth_json_object_get_number (score, "reelsSeen", &reels);
      set_number_member (score, "reelsSeen", reels + 1);
    }
  else
    {
      JsonObject *section = NULL;
      JsonObject *action = find_action (score, type, &section);
      double weight, value = 0, section_score = 0;
      const char *day;

      if (action == NULL)
        return FALSE;

      /* An action completes once a day: doing it again changes nothing. */
      if (action_completed (action))
        return TRUE;

      weight = action_weight (section);
      hearth_json_object_get_number (action, "value", &value);
      set_number_member (action, "value", MAX (value, 1));
      json_object_set_boolean_member (action, "completed", TRUE);
      hearth_json_object_get_number (section, "score", &section_score);
      set_number_member (section, "score", section_score + weight);
      set_number_member (score, "totalScore", total + weight);
      total += weight;

      /* Today's entry of the history follows. */
      day = hearth_json_object_get_string (score, "date");
      if (day != NULL && json_array_get_length (self->state->history) > 0)
        {
          JsonArray *history = self->state->history;
          JsonObject *last = json_array_get_object_element (history,
                                                            json_array_get_length (history) - 1);
          const char *last_day = hearth_json_object_get_string (last, "date");

          if (last_day != NULL && strncmp (last_day, day, 10) == 0)
            json_object_set_double_member (last, "totalScore", total);
        }
    }

  _hearth_server_send_event (self, user_id, "score-updated", self->state->score, NULL);

  return TRUE;
}
