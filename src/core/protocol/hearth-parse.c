/* hearth-parse.c: the object parsers shared by the event parser and the REST client
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-parse"

#include "config.h"

#include <math.h>

#include "hearth-chat.h"
#include "hearth-json.h"
#include "hearth-message.h"
#include "hearth-parse.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-user.h"

G_DEFINE_QUARK (hearth-parse-error-quark, hearth_parse_error)

static gboolean
path_is_top (const char *path)
{
  return path == NULL || path[0] == '\0';
}

/* Errors name the field by its path: "<path>.<member> <problem>", or "<member> <problem>"
 * at the top level (@path NULL or ""). */
static void
set_field_error (GError           **error,
                 HearthParseError   code,
                 const char        *path,
                 const char        *member,
                 const char        *problem)
{
  g_set_error (error, HEARTH_PARSE_ERROR, code, "%s%s%s %s",
               path_is_top (path) ? "" : path,
               path_is_top (path) ? "" : ".",
               member,
               problem);
}

static gboolean
node_is_absent (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static const char *
node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  if (object == NULL)
    return NULL;

  return json_object_get_member (object, member);
}

/* "<path>.<member>" (transfer full). */
static char *
join_path (const char *path,
           const char *member)
{
  return path_is_top (path) ? g_strdup (member) : g_strconcat (path, ".", member, NULL);
}

const char *
hearth_parse_get_string (JsonObject *object,
                         const char *member)
{
  const char *value;

  g_return_val_if_fail (member != NULL, NULL);

  if (object == NULL)
    return NULL;

  value = hearth_json_object_get_string (object, member);
  return value != NULL && value[0] != '\0' ? value : NULL;
}

const char *
hearth_parse_get_optional_id (JsonObject *object,
                              const char *member)
{
  g_autofree char *alt = NULL;
  const char *value;

  g_return_val_if_fail (member != NULL, NULL);

  if ((value = hearth_parse_get_string (object, member)) != NULL)
    return value;

  alt = g_strconcat (member, "?", NULL);
  return hearth_parse_get_string (object, alt);
}

const char *
hearth_parse_get_required_id (JsonObject  *object,
                              const char  *path,
                              const char  *member,
                              GError     **error)
{
  JsonNode *node;
  const char *value;

  g_return_val_if_fail (member != NULL, NULL);

  node = get_member (object, member);
  if (node_is_absent (node))
    {
      set_field_error (error, HEARTH_PARSE_ERROR_MISSING_FIELD, path, member, "is missing");
      return NULL;
    }

  value = node_get_string (node);
  if (value == NULL)
    {
      set_field_error (error, HEARTH_PARSE_ERROR_INVALID_FIELD, path, member, "is not a string");
      return NULL;
    }

  if (value[0] == '\0')
    {
      set_field_error (error, HEARTH_PARSE_ERROR_MISSING_FIELD, path, member, "is empty");
      return NULL;
    }

  return value;
}

GDateTime *
hearth_parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL || text[0] == '\0')
    return NULL;

  utc = g_time_zone_new_utc ();
  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return NULL;

  return g_date_time_to_utc (parsed);
}

GDateTime *
hearth_parse_get_required_time (JsonObject  *object,
                                const char  *path,
                                const char  *member,
                                GError     **error)
{
  JsonNode *node;
  const char *text;
  GDateTime *time;

  g_return_val_if_fail (member != NULL, NULL);

  node = get_member (object, member);
  if (node_is_absent (node))
    {
      set_field_error (error, HEARTH_PARSE_ERROR_MISSING_FIELD, path, member, "is missing");
      return NULL;
    }

  text = node_get_string (node);
  if (text == NULL)
    {
      set_field_error (error, HEARTH_PARSE_ERROR_INVALID_FIELD, path, member, "is not a string");
      return NULL;
    }

  if (text[0] == '\0')
    {
      set_field_error (error, HEARTH_PARSE_ERROR_MISSING_FIELD, path, member, "is empty");
      return NULL;
    }

  time = hearth_parse_time (text);
  if (time == NULL)
    {
      set_field_error (error, HEARTH_PARSE_ERROR_INVALID_FIELD, path, member,
                       "is not an ISO 8601 time");
      return NULL;
    }

  return time;
}

int
hearth_parse_number_to_int (double value)
{
  if (isnan (value))
    return 0;
  if (value >= (double) G_MAXINT)
    return G_MAXINT;
  if (value <= (double) G_MININT)
    return G_MININT;
  return (int) value;
}

gint64
hearth_parse_number_to_int64 (double value)
{
  /* 2^63 is exactly representable; G_MAXINT64 is not. */
  if (isnan (value))
    return 0;
  if (value >= 9223372036854775808.0)
    return G_MAXINT64;
  if (value <= -9223372036854775808.0)
    return G_MININT64;
  return (gint64) value;
}

double
hearth_parse_get_number_or (JsonObject *object,
                            const char *member,
                            double      fallback)
{
  double value;

  g_return_val_if_fail (member != NULL, fallback);

  if (object != NULL && hearth_json_object_get_number (object, member, &value))
    return value;

  return fallback;
}

gboolean
hearth_parse_get_bool_or (JsonObject *object,
                          const char *member,
                          gboolean    fallback)
{
  gboolean value;

  g_return_val_if_fail (member != NULL, fallback);

  if (object != NULL && hearth_json_object_get_bool (object, member, &value))
    return value;

  return fallback;
}

/* The node itself must be an object: "<path> is missing" / "<path> is not an object". */
static JsonObject *
require_object (JsonNode    *node,
                const char  *path,
                GError     **error)
{
  if (path_is_top (path))
    path = "data";

  if (node_is_absent (node))
    {
      g_set_error (error, HEARTH_PARSE_ERROR, HEARTH_PARSE_ERROR_MISSING_FIELD,
                   "%s is missing", path);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HEARTH_PARSE_ERROR, HEARTH_PARSE_ERROR_INVALID_FIELD,
                   "%s is not an object", path);
      return NULL;
    }

  return json_node_get_object (node);
}

HearthUser *
hearth_parse_user (JsonNode    *node,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(HearthUser) user = NULL;
  g_autoptr(GDateTime) last_seen = NULL;
  JsonObject *object;
  const char *id;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = "user";

  if (node_is_absent (node))
    {
      g_set_error (error, HEARTH_PARSE_ERROR, HEARTH_PARSE_ERROR_MISSING_FIELD,
                   "%s is missing", path);
      return NULL;
    }

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      id = node_get_string (node);
      if (id == NULL)
        {
          g_set_error (error, HEARTH_PARSE_ERROR, HEARTH_PARSE_ERROR_INVALID_FIELD,
                       "%s is neither an id nor an object", path);
          return NULL;
        }
      if (id[0] == '\0')
        {
          g_set_error (error, HEARTH_PARSE_ERROR, HEARTH_PARSE_ERROR_MISSING_FIELD,
                       "%s is empty", path);
          return NULL;
        }
      return hearth_user_new (id);
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HEARTH_PARSE_ERROR, HEARTH_PARSE_ERROR_INVALID_FIELD,
                   "%s is neither an id nor an object", path);
      return NULL;
    }

  object = json_node_get_object (node);
  if (!(id = hearth_parse_get_required_id (object, path, "_id", error)))
    return NULL;

  user = hearth_user_new (id);
  hearth_user_set_name (user, hearth_json_object_get_string (object, "name"));
  hearth_user_set_username (user, hearth_json_object_get_string (object, "username"));
  hearth_user_set_photo (user, hearth_parse_get_string (object, "photo"));

  last_seen = hearth_parse_time (hearth_json_object_get_string (object, "lastSeen"));
  if (last_seen != NULL)
    hearth_user_set_last_seen (user, last_seen);

  return g_steal_pointer (&user);
}

HearthMessage *
hearth_parse_message (JsonNode    *node,
                      const char  *path,
                      const char  *default_chat,
                      GError     **error)
{
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(GDateTime) at = NULL;
  JsonObject *object;
  JsonNode *user_node;
  const char *id;
  const char *chat;
  const char *content;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = "message";

  if (!(object = require_object (node, path, error)))
    return NULL;

  if (!(id = hearth_parse_get_required_id (object, path, "_id", error)))
    return NULL;

  if (default_chat != NULL && node_is_absent (get_member (object, "chat")))
    chat = default_chat;
  else if (!(chat = hearth_parse_get_required_id (object, path, "chat", error)))
    return NULL;

  message = hearth_message_new (id, chat);

  /* The sender: an object (full user) or an id string (only the id is known). */
  user_node = get_member (object, "user");
  if (!node_is_absent (user_node) && JSON_NODE_HOLDS_VALUE (user_node))
    {
      const char *sender_id = hearth_parse_get_required_id (object, path, "user", error);

      if (sender_id == NULL)
        return NULL;
      hearth_message_set_sender_id (message, sender_id);
    }
  else
    {
      g_autofree char *user_path = join_path (path, "user");
      g_autoptr(HearthUser) sender = hearth_parse_user (user_node, user_path, error);

      if (sender == NULL)
        return NULL;
      hearth_message_set_sender (message, sender);
    }

  if (!(at = hearth_parse_get_required_time (object, path, "at", error)))
    return NULL;
  hearth_message_set_at (message, at);

  content = hearth_json_object_get_string (object, "content");
  hearth_message_set_content (message, content != NULL ? content : "");

  hearth_message_set_reel (message, hearth_parse_get_optional_id (object, "reel"));

  hearth_message_set_client_id (message, hearth_parse_get_string (object, "clientId"));
  hearth_message_set_state (message, HEARTH_MESSAGE_SENT);

  return g_steal_pointer (&message);
}

HearthScoreAction *
hearth_parse_score_action (JsonNode *node)
{
  g_autoptr(HearthScoreAction) action = NULL;
  JsonObject *object;
  const char *type;
  const char *label;
  double start_at;

  object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL)
    return NULL;

  if (!(type = hearth_parse_get_string (object, "type")))
    return NULL;

  action = hearth_score_action_new (type);

  label = hearth_json_object_get_string (object, "label");
  hearth_score_action_set_label (action, label != NULL ? label : "");
  hearth_score_action_set_sub_label (action, hearth_parse_get_string (object, "subLabel"));
  hearth_score_action_set_value (action, hearth_parse_get_number_or (object, "value", 0.0));
  hearth_score_action_set_completed (action, hearth_parse_get_bool_or (object, "completed", FALSE));

  /* A local hour; anything else means "no start time". */
  start_at = hearth_parse_get_number_or (object, "startAt", -1.0);
  if (start_at >= 0.0 && start_at < 24.0)
    hearth_score_action_set_start_at (action, (int) start_at);

  return g_steal_pointer (&action);
}

GPtrArray *
hearth_parse_score_actions (JsonObject *section)
{
  GPtrArray *actions = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = section != NULL ? hearth_json_object_get_array (section, "actions") : NULL;
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      HearthScoreAction *action = hearth_parse_score_action (json_array_get_element (array, i));

      /* An action without a type cannot be shown or matched: skip just that one. */
      if (action != NULL)
        g_ptr_array_add (actions, action);
    }

  return actions;
}

HearthScore *
hearth_parse_score (JsonNode    *node,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(HearthScore) score = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GPtrArray) social_actions = NULL;
  g_autoptr(GPtrArray) mindfulness_actions = NULL;
  JsonObject *object;
  JsonObject *social;
  JsonObject *mindfulness;
  const char *day;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = "score";

  if (!(object = require_object (node, path, error)))
    return NULL;

  if (!(date = hearth_parse_get_required_time (object, path, "date", error)))
    return NULL;

  social = hearth_json_object_get_object (object, "social");
  mindfulness = hearth_json_object_get_object (object, "mindfulness");

  score = hearth_score_new (date);

  /* "day" sits in "social" in the seed; accept it at any of the three places. */
  if (!(day = hearth_parse_get_string (object, "day")) &&
      !(day = hearth_parse_get_string (social, "day")))
    day = hearth_parse_get_string (mindfulness, "day");
  hearth_score_set_day (score, day);

  hearth_score_set_reels_seen (score,
                               hearth_parse_number_to_int (hearth_parse_get_number_or (object,
                                                                                       "reelsSeen",
                                                                                       0.0)));
  hearth_score_set_total_score (score, hearth_parse_get_number_or (object, "totalScore", 0.0));
  hearth_score_set_social_score (score, hearth_parse_get_number_or (social, "score", 0.0));
  hearth_score_set_mindfulness_score (score,
                                      hearth_parse_get_number_or (mindfulness, "score", 0.0));

  social_actions = hearth_parse_score_actions (social);
  mindfulness_actions = hearth_parse_score_actions (mindfulness);
  hearth_score_set_social_actions (score, social_actions);
  hearth_score_set_mindfulness_actions (score, mindfulness_actions);

  return g_steal_pointer (&score);
}

HearthChat *
hearth_parse_chat (JsonNode    *node,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(HearthChat) chat = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autofree char *participants_path = NULL;
  JsonObject *object;
  JsonNode *participants_node;
  JsonNode *optional_node;
  JsonObject *last_read;
  JsonArray *array;
  const char *id;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = "chat";

  if (!(object = require_object (node, path, error)))
    return NULL;

  if (!(id = hearth_parse_get_required_id (object, path, "_id", error)))
    return NULL;

  /* Participants are what a chat is made of (and its title): required. */
  participants_node = get_member (object, "participants");
  if (node_is_absent (participants_node))
    {
      set_field_error (error, HEARTH_PARSE_ERROR_MISSING_FIELD, path, "participants",
                       "is missing");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (participants_node))
    {
      set_field_error (error, HEARTH_PARSE_ERROR_INVALID_FIELD, path, "participants",
                       "is not an array");
      return NULL;
    }

  array = json_node_get_array (participants_node);
  n = json_array_get_length (array);
  participants = g_ptr_array_new_full (n, g_object_unref);
  participants_path = join_path (path, "participants");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", participants_path, i);
      HearthUser *user = hearth_parse_user (json_array_get_element (array, i), item_path, error);

      if (user == NULL)
        return NULL;
      g_ptr_array_add (participants, user);
    }

  chat = hearth_chat_new (id);
  hearth_chat_set_name (chat, hearth_parse_get_string (object, "name"));
  hearth_chat_set_participants (chat, (HearthUser * const *) participants->pdata,
                                participants->len);

  /* Optional members: an unusable one is dropped, the chat still counts. */
  optional_node = get_member (object, "admin");
  if (!node_is_absent (optional_node))
    {
      g_autoptr(HearthUser) admin = hearth_parse_user (optional_node, NULL, NULL);

      if (admin != NULL)
        {
          HearthUser *participant = hearth_chat_find_participant (chat, hearth_user_get_id (admin));

          hearth_chat_set_admin (chat, participant != NULL ? participant : admin);
        }
      else
        g_debug ("%s: ignoring an unusable admin", path);
    }

  created_at = hearth_parse_time (hearth_json_object_get_string (object, "createdAt"));
  hearth_chat_set_created_at (chat, created_at);

  optional_node = get_member (object, "lastMessage");
  if (!node_is_absent (optional_node))
    {
      g_autoptr(HearthMessage) last_message = hearth_parse_message (optional_node, NULL, id, NULL);

      if (last_message != NULL)
        {
          const char *sender_id = hearth_message_get_sender_id (last_message);
          HearthUser *sender = sender_id != NULL ? hearth_chat_find_participant (chat, sender_id)
                                                 : NULL;

          if (sender != NULL)
            hearth_message_set_sender (last_message, sender);
          hearth_chat_set_last_message (chat, last_message);
        }
      else
        g_debug ("%s: ignoring an unusable lastMessage", path);
    }

  hearth_chat_set_unread (chat,
                          (guint) CLAMP (hearth_parse_get_number_or (object, "unread", 0.0),
                                         0.0, (double) G_MAXUINT));

  last_read = hearth_json_object_get_object (object, "lastReadAt");
  if (last_read != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (last_read);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          const char *user_id = l->data;
          g_autoptr(GDateTime) at = NULL;

          if (user_id[0] == '\0')
            continue;

          at = hearth_parse_time (hearth_json_object_get_string (last_read, user_id));
          if (at != NULL)
            hearth_chat_set_last_read_at (chat, user_id, at);
        }
    }

  return g_steal_pointer (&chat);
}

HearthReward *
hearth_parse_reward (JsonNode    *node,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(HearthReward) reward = NULL;
  g_autoptr(GDateTime) expires_at = NULL;
  JsonObject *object;
  const char *id;
  const char *text;
  double remaining;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = "reward";

  if (!(object = require_object (node, path, error)))
    return NULL;

  if (!(id = hearth_parse_get_required_id (object, path, "_id", error)))
    return NULL;

  reward = hearth_reward_new (id);

  text = hearth_json_object_get_string (object, "title");
  hearth_reward_set_title (reward, text != NULL ? text : "");
  text = hearth_json_object_get_string (object, "description");
  hearth_reward_set_description (reward, text != NULL ? text : "");

  if (object != NULL && hearth_json_object_get_number (object, "remaining", &remaining))
    hearth_reward_set_remaining (reward, hearth_parse_number_to_int64 (remaining));

  hearth_reward_set_is_expired (reward, hearth_parse_get_bool_or (object, "isExpired", FALSE));
  hearth_reward_set_is_consumed_by_you (reward,
                                        hearth_parse_get_bool_or (object, "isConsumedByYou",
                                                                  FALSE));

  expires_at = hearth_parse_time (hearth_json_object_get_string (object, "expiresAt"));
  hearth_reward_set_expires_at (reward, expires_at);

  return g_steal_pointer (&reward);
}
