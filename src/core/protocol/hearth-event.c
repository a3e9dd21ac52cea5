/* hearth-event.c: the only code that reads event JSON
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-event"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hearth-event.h"
#include "hearth-json.h"
#include "hearth-message.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-user.h"

/*
 * What each event requires (everything else is optional; a missing or ill-typed optional
 * field is ignored):
 *
 *   user-online, user-offline   user (object or id)            chat, chats optional
 *   typing-started/-stopped     user, chat
 *   messages-read               user, chat, lastReadAt         lastMessage optional
 *   messages-received/-sent     message{_id, chat, user, at}   reel/"reel?", content, clientId
 *   chat-created                chat
 *   chat-joined                 chat                           admin/"admin?" optional
 *   chat-participant-removed    chat, user
 *   chat-deleted                chat                           user, event/"event?" optional
 *   reward-consumed             reward                         remaining, isExpired, ...
 *   score-updated               date                           everything else
 *   errors, account-terminated  nothing                        message
 *
 * Presence (user-online/-offline) does not require "chat": the store's effect is on the
 * user, so losing it for a missing hint would be worse than accepting it.
 */

struct _HearthEvent
{
  GObject          parent_instance;

  char            *name;
  char            *chat_id;
  char           **chat_ids;
  HearthUser      *user;
  HearthUser      *admin;
  HearthMessage   *message;
  GDateTime       *last_read_at;
  char            *event_ref;
  char            *reward_id;
  HearthScore     *score;
  char            *server_message;
  char            *raw_data;
  gint64           remaining;
  HearthEventKind  kind;
  guint            is_expired : 1;
  guint            is_consumed_by_you : 1;
};

G_DEFINE_FINAL_TYPE (HearthEvent, hearth_event, G_TYPE_OBJECT)

G_DEFINE_QUARK (hearth-event-error-quark, hearth_event_error)

static const char * const empty_strv[] = { NULL };

static const struct
{
  HearthEventKind  kind;
  const char      *name;
} event_names[] = {
  { HEARTH_EVENT_USER_ONLINE, "user-online" },
  { HEARTH_EVENT_USER_OFFLINE, "user-offline" },
  { HEARTH_EVENT_TYPING_STARTED, "typing-started" },
  { HEARTH_EVENT_TYPING_STOPPED, "typing-stopped" },
  { HEARTH_EVENT_MESSAGES_READ, "messages-read" },
  { HEARTH_EVENT_MESSAGES_RECEIVED, "messages-received" },
  { HEARTH_EVENT_MESSAGES_SENT, "messages-sent" },
  { HEARTH_EVENT_CHAT_CREATED, "chat-created" },
  { HEARTH_EVENT_CHAT_JOINED, "chat-joined" },
  { HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED, "chat-participant-removed" },
  { HEARTH_EVENT_CHAT_DELETED, "chat-deleted" },
  { HEARTH_EVENT_ACCOUNT_TERMINATED, "account-terminated" },
  { HEARTH_EVENT_REWARD_CONSUMED, "reward-consumed" },
  { HEARTH_EVENT_SCORE_UPDATED, "score-updated" },
  { HEARTH_EVENT_AUTHORIZATION_FAILED, "authorization-failed" },
  { HEARTH_EVENT_VERIFICATION_REQUIRED, "verification-required" },
  { HEARTH_EVENT_SERVER_ERROR, "server-error" },
  { HEARTH_EVENT_VALIDATION_FAILED, "validation-failed" },
  { HEARTH_EVENT_NOT_FOUND, "not-found" },
  { HEARTH_EVENT_PERMISSION_DENIED, "permission-denied" },
  /* Aliases: the seed's headings use the singular. */
  { HEARTH_EVENT_MESSAGES_RECEIVED, "message-received" },
  { HEARTH_EVENT_MESSAGES_SENT, "message-sent" },
};

static void
hearth_event_dispose (GObject *object)
{
  HearthEvent *self = (HearthEvent *)object;

  g_clear_object (&self->user);
  g_clear_object (&self->admin);
  g_clear_object (&self->message);
  g_clear_object (&self->score);

  G_OBJECT_CLASS (hearth_event_parent_class)->dispose (object);
}

static void
hearth_event_finalize (GObject *object)
{
  HearthEvent *self = (HearthEvent *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->chat_id, g_free);
  g_clear_pointer (&self->chat_ids, g_strfreev);
  g_clear_pointer (&self->last_read_at, g_date_time_unref);
  g_clear_pointer (&self->event_ref, g_free);
  g_clear_pointer (&self->reward_id, g_free);
  g_clear_pointer (&self->server_message, g_free);
  g_clear_pointer (&self->raw_data, g_free);

  G_OBJECT_CLASS (hearth_event_parent_class)->finalize (object);
}

static void
hearth_event_class_init (HearthEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_event_dispose;
  object_class->finalize = hearth_event_finalize;
}

static void
hearth_event_init (HearthEvent *self)
{
  self->remaining = -1;
}

HearthEventKind
hearth_event_kind_from_name (const char *name)
{
  if (name == NULL)
    return HEARTH_EVENT_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (event_names); i++)
    {
      if (strcmp (event_names[i].name, name) == 0)
        return event_names[i].kind;
    }

  return HEARTH_EVENT_UNKNOWN;
}

const char *
hearth_event_kind_to_name (HearthEventKind kind)
{
  /* The canonical names come first in the table, so the first match is the canonical one. */
  for (guint i = 0; i < G_N_ELEMENTS (event_names); i++)
    {
      if (event_names[i].kind == kind)
        return event_names[i].name;
    }

  return "unknown";
}

gboolean
hearth_event_kind_is_error (HearthEventKind kind)
{
  switch (kind)
    {
    case HEARTH_EVENT_ACCOUNT_TERMINATED:
    case HEARTH_EVENT_AUTHORIZATION_FAILED:
    case HEARTH_EVENT_VERIFICATION_REQUIRED:
    case HEARTH_EVENT_SERVER_ERROR:
    case HEARTH_EVENT_VALIDATION_FAILED:
    case HEARTH_EVENT_NOT_FOUND:
    case HEARTH_EVENT_PERMISSION_DENIED:
      return TRUE;

    case HEARTH_EVENT_UNKNOWN:
    case HEARTH_EVENT_USER_ONLINE:
    case HEARTH_EVENT_USER_OFFLINE:
    case HEARTH_EVENT_TYPING_STARTED:
    case HEARTH_EVENT_TYPING_STOPPED:
    case HEARTH_EVENT_MESSAGES_READ:
    case HEARTH_EVENT_MESSAGES_RECEIVED:
    case HEARTH_EVENT_MESSAGES_SENT:
    case HEARTH_EVENT_CHAT_CREATED:
    case HEARTH_EVENT_CHAT_JOINED:
    case HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED:
    case HEARTH_EVENT_CHAT_DELETED:
    case HEARTH_EVENT_REWARD_CONSUMED:
    case HEARTH_EVENT_SCORE_UPDATED:
    default:
      return FALSE;
    }
}

static gboolean
kind_is_emittable (HearthEventKind kind)
{
  return kind == HEARTH_EVENT_TYPING_STARTED ||
         kind == HEARTH_EVENT_TYPING_STOPPED ||
         kind == HEARTH_EVENT_MESSAGES_READ;
}

/* Parsing helpers.  @event is the canonical event name and @prefix the path of the object
 * being read ("message", "message.user", or NULL at the top level): both only serve to
 * name the field in error messages. */

static void
set_field_error (GError           **error,
                 HearthEventError   code,
                 const char        *event,
                 const char        *prefix,
                 const char        *member,
                 const char        *problem)
{
  g_set_error (error, HEARTH_EVENT_ERROR, code, "%s: %s%s%s %s",
               event,
               prefix != NULL ? prefix : "",
               prefix != NULL ? "." : "",
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

/* A non-empty string member, or NULL. */
static const char *
get_optional_string (JsonObject *object,
                     const char *member)
{
  const char *value = hearth_json_object_get_string (object, member);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* For keys printed with "?" in the seed ("reel?", "event?"): a non-empty string under the
 * plain key wins, "key?" is the fallback. */
static const char *
get_optional_id (JsonObject *object,
                 const char *member)
{
  g_autofree char *alt = NULL;
  const char *value = get_optional_string (object, member);

  if (value != NULL)
    return value;

  alt = g_strconcat (member, "?", NULL);
  return get_optional_string (object, alt);
}

/* A required, non-empty id string. */
static const char *
get_required_id (JsonObject  *object,
                 const char  *event,
                 const char  *prefix,
                 const char  *member,
                 GError     **error)
{
  JsonNode *node = get_member (object, member);
  const char *value;

  if (node_is_absent (node))
    {
      set_field_error (error, HEARTH_EVENT_ERROR_MISSING_FIELD, event, prefix, member,
                       "is missing");
      return NULL;
    }

  value = node_get_string (node);
  if (value == NULL)
    {
      set_field_error (error, HEARTH_EVENT_ERROR_INVALID_FIELD, event, prefix, member,
                       "is not a string");
      return NULL;
    }

  if (value[0] == '\0')
    {
      set_field_error (error, HEARTH_EVENT_ERROR_MISSING_FIELD, event, prefix, member, "is empty");
      return NULL;
    }

  return value;
}

static GDateTime *
parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL || text[0] == '\0')
    return NULL;

  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return NULL;

  return g_date_time_to_utc (parsed);
}

/* A required ISO 8601 time. */
static GDateTime *
get_required_time (JsonObject  *object,
                   const char  *event,
                   const char  *prefix,
                   const char  *member,
                   GError     **error)
{
  JsonNode *node = get_member (object, member);
  const char *text;
  GDateTime *time;

  if (node_is_absent (node))
    {
      set_field_error (error, HEARTH_EVENT_ERROR_MISSING_FIELD, event, prefix, member,
                       "is missing");
      return NULL;
    }

  text = node_get_string (node);
  if (text == NULL)
    {
      set_field_error (error, HEARTH_EVENT_ERROR_INVALID_FIELD, event, prefix, member,
                       "is not a string");
      return NULL;
    }

  if (text[0] == '\0')
    {
      set_field_error (error, HEARTH_EVENT_ERROR_MISSING_FIELD, event, prefix, member, "is empty");
      return NULL;
    }

  time = parse_time (text);
  if (time == NULL)
    {
      set_field_error (error, HEARTH_EVENT_ERROR_INVALID_FIELD, event, prefix, member,
                       "is not an ISO 8601 time");
      return NULL;
    }

  return time;
}

/* Conversions that never overflow (a float-to-int overflow is undefined behaviour). */
static int
number_to_int (double value)
{
  if (isnan (value))
    return 0;
  if (value >= (double) G_MAXINT)
    return G_MAXINT;
  if (value <= (double) G_MININT)
    return G_MININT;
  return (int) value;
}

static gint64
number_to_int64 (double value)
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

static double
get_number_or (JsonObject *object,
               const char *member,
               double      fallback)
{
  double value;

  if (object != NULL && hearth_json_object_get_number (object, member, &value))
    return value;

  return fallback;
}

static gboolean
get_bool_or (JsonObject *object,
             const char *member,
             gboolean    fallback)
{
  gboolean value;

  if (object != NULL && hearth_json_object_get_bool (object, member, &value))
    return value;

  return fallback;
}

/* A user given as an object {_id, name, username, photo, lastSeen?} or as an id string. */
static HearthUser *
parse_user (JsonNode    *node,
            const char  *event,
            const char  *prefix,
            const char  *member,
            GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(HearthUser) user = NULL;
  g_autoptr(GDateTime) last_seen = NULL;
  JsonObject *object;
  const char *id;

  if (node_is_absent (node))
    {
      set_field_error (error, HEARTH_EVENT_ERROR_MISSING_FIELD, event, prefix, member,
                       "is missing");
      return NULL;
    }

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      id = node_get_string (node);
      if (id == NULL)
        {
          set_field_error (error, HEARTH_EVENT_ERROR_INVALID_FIELD, event, prefix, member,
                           "is neither an id nor an object");
          return NULL;
        }
      if (id[0] == '\0')
        {
          set_field_error (error, HEARTH_EVENT_ERROR_MISSING_FIELD, event, prefix, member,
                           "is empty");
          return NULL;
        }
      return hearth_user_new (id);
    }

  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL)
    {
      set_field_error (error, HEARTH_EVENT_ERROR_INVALID_FIELD, event, prefix, member,
                       "is neither an id nor an object");
      return NULL;
    }

  path = prefix != NULL ? g_strconcat (prefix, ".", member, NULL) : g_strdup (member);
  id = get_required_id (object, event, path, "_id", error);
  if (id == NULL)
    return NULL;

  user = hearth_user_new (id);
  hearth_user_set_name (user, hearth_json_object_get_string (object, "name"));
  hearth_user_set_username (user, hearth_json_object_get_string (object, "username"));
  hearth_user_set_photo (user, get_optional_string (object, "photo"));

  last_seen = parse_time (hearth_json_object_get_string (object, "lastSeen"));
  if (last_seen != NULL)
    hearth_user_set_last_seen (user, last_seen);

  return g_steal_pointer (&user);
}

/* A message object. @default_chat is used when the message has no "chat" of its own. */
static HearthMessage *
parse_message (JsonNode    *node,
               const char  *event,
               const char  *member,
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

  if (node_is_absent (node))
    {
      set_field_error (error, HEARTH_EVENT_ERROR_MISSING_FIELD, event, NULL, member, "is missing");
      return NULL;
    }

  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL)
    {
      set_field_error (error, HEARTH_EVENT_ERROR_INVALID_FIELD, event, NULL, member,
                       "is not an object");
      return NULL;
    }

  if (!(id = get_required_id (object, event, member, "_id", error)))
    return NULL;

  if (default_chat != NULL && node_is_absent (get_member (object, "chat")))
    chat = default_chat;
  else if (!(chat = get_required_id (object, event, member, "chat", error)))
    return NULL;

  message = hearth_message_new (id, chat);

  /* The sender: an object (full user) or an id string (only the id is known). */
  user_node = get_member (object, "user");
  if (!node_is_absent (user_node) && JSON_NODE_HOLDS_VALUE (user_node))
    {
      const char *sender_id = get_required_id (object, event, member, "user", error);

      if (sender_id == NULL)
        return NULL;
      hearth_message_set_sender_id (message, sender_id);
    }
  else
    {
      g_autoptr(HearthUser) sender = parse_user (user_node, event, member, "user", error);

      if (sender == NULL)
        return NULL;
      hearth_message_set_sender (message, sender);
    }

  if (!(at = get_required_time (object, event, member, "at", error)))
    return NULL;
  hearth_message_set_at (message, at);

  content = hearth_json_object_get_string (object, "content");
  hearth_message_set_content (message, content != NULL ? content : "");

  hearth_message_set_reel (message, get_optional_id (object, "reel"));

  hearth_message_set_client_id (message, get_optional_string (object, "clientId"));
  hearth_message_set_state (message, HEARTH_MESSAGE_SENT);

  return g_steal_pointer (&message);
}

static HearthScoreAction *
parse_score_action (JsonNode *node)
{
  g_autoptr(HearthScoreAction) action = NULL;
  JsonObject *object;
  const char *type;
  const char *label;
  double start_at;

  object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL)
    return NULL;

  if (!(type = get_optional_string (object, "type")))
    return NULL;

  action = hearth_score_action_new (type);

  label = hearth_json_object_get_string (object, "label");
  hearth_score_action_set_label (action, label != NULL ? label : "");
  hearth_score_action_set_sub_label (action, get_optional_string (object, "subLabel"));
  hearth_score_action_set_value (action, get_number_or (object, "value", 0.0));
  hearth_score_action_set_completed (action, get_bool_or (object, "completed", FALSE));

  /* A local hour; anything else means "no start time". */
  start_at = get_number_or (object, "startAt", -1.0);
  if (start_at >= 0.0 && start_at < 24.0)
    hearth_score_action_set_start_at (action, (int) start_at);

  return g_steal_pointer (&action);
}

static GPtrArray *
parse_score_actions (JsonObject *section)
{
  GPtrArray *actions = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array = hearth_json_object_get_array (section, "actions");
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      HearthScoreAction *action = parse_score_action (json_array_get_element (array, i));

      /* An action without a type cannot be shown or matched: skip just that one. */
      if (action != NULL)
        g_ptr_array_add (actions, action);
    }

  return actions;
}

static char **
parse_chat_ids (JsonObject *data)
{
  GPtrArray *ids = g_ptr_array_new ();
  JsonArray *array = hearth_json_object_get_array (data, "chats");
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      const char *id = node_get_string (json_array_get_element (array, i));

      if (id != NULL && id[0] != '\0')
        g_ptr_array_add (ids, g_strdup (id));
    }

  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

static char *
dup_server_message (JsonObject *data)
{
  return g_strdup (get_optional_string (data, "message"));
}

/* Fills @self from @data (an object) according to self->kind. */
static gboolean
parse_known (HearthEvent  *self,
             JsonObject   *data,
             GError      **error)
{
  const char *event = self->name;
  const char *chat;

  switch (self->kind)
    {
    case HEARTH_EVENT_USER_ONLINE:
    case HEARTH_EVENT_USER_OFFLINE:
      if (!(self->user = parse_user (get_member (data, "user"), event, NULL, "user", error)))
        return FALSE;
      hearth_user_set_online (self->user, self->kind == HEARTH_EVENT_USER_ONLINE);
      self->chat_id = g_strdup (get_optional_string (data, "chat"));
      self->chat_ids = parse_chat_ids (data);
      return TRUE;

    case HEARTH_EVENT_TYPING_STARTED:
    case HEARTH_EVENT_TYPING_STOPPED:
      if (!(self->user = parse_user (get_member (data, "user"), event, NULL, "user", error)))
        return FALSE;
      if (!(chat = get_required_id (data, event, NULL, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      return TRUE;

    case HEARTH_EVENT_MESSAGES_READ:
      if (!(self->user = parse_user (get_member (data, "user"), event, NULL, "user", error)))
        return FALSE;
      if (!(chat = get_required_id (data, event, NULL, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      if (!(self->last_read_at = get_required_time (data, event, NULL, "lastReadAt", error)))
        return FALSE;
      /* Optional: an unusable lastMessage is dropped, the receipt still counts. */
      self->message = parse_message (get_member (data, "lastMessage"), event, "lastMessage",
                                     chat, NULL);
      return TRUE;

    case HEARTH_EVENT_MESSAGES_RECEIVED:
    case HEARTH_EVENT_MESSAGES_SENT:
      if (!(self->message = parse_message (get_member (data, "message"), event, "message",
                                           get_optional_string (data, "chat"), error)))
        return FALSE;
      self->chat_id = g_strdup (hearth_message_get_chat_id (self->message));
      g_set_object (&self->user, hearth_message_get_sender (self->message));
      return TRUE;

    case HEARTH_EVENT_CHAT_CREATED:
      if (!(chat = get_required_id (data, event, NULL, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      return TRUE;

    case HEARTH_EVENT_CHAT_JOINED:
      if (!(chat = get_required_id (data, event, NULL, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      /* Optional: "admin", else "admin?"; an unusable one is dropped. */
      if (!(self->admin = parse_user (get_member (data, "admin"), event, NULL, "admin", NULL)))
        self->admin = parse_user (get_member (data, "admin?"), event, NULL, "admin?", NULL);
      return TRUE;

    case HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED:
      if (!(chat = get_required_id (data, event, NULL, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      if (!(self->user = parse_user (get_member (data, "user"), event, NULL, "user", error)))
        return FALSE;
      return TRUE;

    case HEARTH_EVENT_CHAT_DELETED:
      if (!(chat = get_required_id (data, event, NULL, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      self->user = parse_user (get_member (data, "user"), event, NULL, "user", NULL);
      self->event_ref = g_strdup (get_optional_id (data, "event"));
      return TRUE;

    case HEARTH_EVENT_REWARD_CONSUMED:
      {
        const char *reward;
        double remaining;

        if (!(reward = get_required_id (data, event, NULL, "reward", error)))
          return FALSE;
        self->reward_id = g_strdup (reward);
        if (hearth_json_object_get_number (data, "remaining", &remaining))
          self->remaining = number_to_int64 (remaining);
        self->is_expired = get_bool_or (data, "isExpired", FALSE);
        self->is_consumed_by_you = get_bool_or (data, "isConsumedByYou", FALSE);
        return TRUE;
      }

    case HEARTH_EVENT_SCORE_UPDATED:
      {
        g_autoptr(GDateTime) date = NULL;
        g_autoptr(GPtrArray) social_actions = NULL;
        g_autoptr(GPtrArray) mindfulness_actions = NULL;
        JsonObject *social = hearth_json_object_get_object (data, "social");
        JsonObject *mindfulness = hearth_json_object_get_object (data, "mindfulness");
        const char *day;

        if (!(date = get_required_time (data, event, NULL, "date", error)))
          return FALSE;

        self->score = hearth_score_new (date);

        /* "day" sits in "social" in the seed; accept it at any of the three places. */
        if (!(day = get_optional_string (data, "day")) &&
            !(day = get_optional_string (social, "day")))
          day = get_optional_string (mindfulness, "day");
        hearth_score_set_day (self->score, day);

        hearth_score_set_reels_seen (self->score,
                                     number_to_int (get_number_or (data, "reelsSeen", 0.0)));
        hearth_score_set_total_score (self->score, get_number_or (data, "totalScore", 0.0));
        hearth_score_set_social_score (self->score, get_number_or (social, "score", 0.0));
        hearth_score_set_mindfulness_score (self->score,
                                            get_number_or (mindfulness, "score", 0.0));

        social_actions = parse_score_actions (social);
        mindfulness_actions = parse_score_actions (mindfulness);
        hearth_score_set_social_actions (self->score, social_actions);
        hearth_score_set_mindfulness_actions (self->score, mindfulness_actions);
        return TRUE;
      }

    case HEARTH_EVENT_ACCOUNT_TERMINATED:
    case HEARTH_EVENT_AUTHORIZATION_FAILED:
    case HEARTH_EVENT_VERIFICATION_REQUIRED:
    case HEARTH_EVENT_SERVER_ERROR:
    case HEARTH_EVENT_VALIDATION_FAILED:
    case HEARTH_EVENT_NOT_FOUND:
    case HEARTH_EVENT_PERMISSION_DENIED:
      /* Without a usable message the event must still reach the app. */
      self->server_message = dup_server_message (data);
      return TRUE;

    case HEARTH_EVENT_UNKNOWN:
    default:
      g_assert_not_reached ();
      return FALSE;
    }
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name == NULL || name[0] == '\0')
    {
      g_set_error_literal (error, HEARTH_EVENT_ERROR, HEARTH_EVENT_ERROR_INVALID_NAME,
                           "Event name is empty");
      return FALSE;
    }

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error_literal (error, HEARTH_EVENT_ERROR, HEARTH_EVENT_ERROR_INVALID_NAME,
                           "Event name is not valid UTF-8");
      return FALSE;
    }

  return TRUE;
}

static JsonObject *
data_get_object (JsonNode *data)
{
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return NULL;

  return json_node_get_object (data);
}

static HearthEvent *
event_new (HearthEventKind  kind,
           const char      *name)
{
  HearthEvent *self = g_object_new (HEARTH_TYPE_EVENT, NULL);

  self->kind = kind;
  self->name = g_strdup (name);

  return self;
}

HearthEvent *
hearth_event_new_from_json (const char  *name,
                            JsonNode    *data,
                            GError     **error)
{
  g_autoptr(HearthEvent) self = NULL;
  HearthEventKind kind;
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_name (name, error))
    return NULL;

  kind = hearth_event_kind_from_name (name);

  if (kind == HEARTH_EVENT_UNKNOWN)
    {
      self = event_new (kind, name);
      self->raw_data = data != NULL ? hearth_json_to_string (data) : g_strdup ("null");
      return g_steal_pointer (&self);
    }

  self = event_new (kind, hearth_event_kind_to_name (kind));

  if (!(object = data_get_object (data)))
    {
      g_set_error (error, HEARTH_EVENT_ERROR, HEARTH_EVENT_ERROR_INVALID_DATA,
                   "%s: data is not an object", self->name);
      return NULL;
    }

  if (!parse_known (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

HearthEvent *
hearth_event_new_from_data_text (const char  *name,
                                 const char  *data_text,
                                 gssize       length,
                                 GError     **error)
{
  g_autoptr(JsonNode) data = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_name (name, error))
    return NULL;

  if (data_text == NULL)
    {
      data_text = "";
      length = 0;
    }

  if (!(data = hearth_json_parse (data_text, length, error)))
    return NULL;

  return hearth_event_new_from_json (name, data, error);
}

HearthEvent *
hearth_event_new_from_client_json (const char  *name,
                                   JsonNode    *data,
                                   GError     **error)
{
  g_autoptr(HearthEvent) self = NULL;
  HearthEventKind kind;
  JsonObject *object;
  const char *chat;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_name (name, error))
    return NULL;

  kind = hearth_event_kind_from_name (name);

  /* Only the canonical names: the aliases are a server-side tolerance. */
  if (!kind_is_emittable (kind) || strcmp (name, hearth_event_kind_to_name (kind)) != 0)
    {
      g_set_error (error, HEARTH_EVENT_ERROR, HEARTH_EVENT_ERROR_NOT_EMITTABLE,
                   "Clients cannot emit “%s”", name);
      return NULL;
    }

  self = event_new (kind, hearth_event_kind_to_name (kind));

  if (!(object = data_get_object (data)))
    {
      g_set_error (error, HEARTH_EVENT_ERROR, HEARTH_EVENT_ERROR_INVALID_DATA,
                   "%s: data is not an object", self->name);
      return NULL;
    }

  if (!(chat = get_required_id (object, self->name, NULL, "chat", error)))
    return NULL;
  self->chat_id = g_strdup (chat);

  return g_steal_pointer (&self);
}

HearthEvent *
hearth_event_new_emitted (HearthEventKind  kind,
                          const char      *chat_id)
{
  HearthEvent *self;

  g_return_val_if_fail (kind_is_emittable (kind), NULL);
  g_return_val_if_fail (chat_id != NULL && chat_id[0] != '\0', NULL);

  self = event_new (kind, hearth_event_kind_to_name (kind));
  self->chat_id = g_strdup (chat_id);

  return self;
}

JsonNode *
hearth_event_to_json (HearthEvent *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);
  g_return_val_if_fail (kind_is_emittable (self->kind), NULL);
  g_return_val_if_fail (self->chat_id != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "chat");
  json_builder_add_string_value (builder, self->chat_id);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

HearthEventKind
hearth_event_get_kind (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), HEARTH_EVENT_UNKNOWN);

  return self->kind;
}

const char *
hearth_event_get_name (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->name;
}

gboolean
hearth_event_is_error (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), FALSE);

  return hearth_event_kind_is_error (self->kind);
}

const char *
hearth_event_get_chat_id (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->chat_id;
}

const char * const *
hearth_event_get_chat_ids (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), empty_strv);

  return self->chat_ids != NULL ? (const char * const *) self->chat_ids : empty_strv;
}

HearthUser *
hearth_event_get_user (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->user;
}

const char *
hearth_event_get_user_id (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  if (self->user != NULL)
    return hearth_user_get_id (self->user);

  /* messages-*: a sender given as an id string has no HearthUser. */
  if (self->message != NULL &&
      (self->kind == HEARTH_EVENT_MESSAGES_RECEIVED || self->kind == HEARTH_EVENT_MESSAGES_SENT))
    return hearth_message_get_sender_id (self->message);

  return NULL;
}

HearthUser *
hearth_event_get_admin (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->admin;
}

HearthMessage *
hearth_event_get_message (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->message;
}

GDateTime *
hearth_event_get_last_read_at (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->last_read_at;
}

const char *
hearth_event_get_event_ref (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->event_ref;
}

const char *
hearth_event_get_reward_id (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->reward_id;
}

gint64
hearth_event_get_remaining (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), -1);

  return self->remaining;
}

gboolean
hearth_event_get_is_expired (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), FALSE);

  return self->is_expired;
}

gboolean
hearth_event_get_is_consumed_by_you (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), FALSE);

  return self->is_consumed_by_you;
}

HearthScore *
hearth_event_get_score (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->score;
}

const char *
hearth_event_get_server_message (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->server_message;
}

const char *
hearth_event_get_raw_data (HearthEvent *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT (self), NULL);

  return self->raw_data;
}
