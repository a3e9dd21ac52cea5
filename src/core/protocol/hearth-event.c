/* hearth-event.c: the only code that reads event JSON
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-event"

#include "config.h"

#include <string.h>

#include "hearth-event.h"
#include "hearth-event-private.h"
#include "hearth-json.h"
#include "hearth-message.h"
#include "hearth-parse.h"
#include "hearth-score.h"
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

  /* Known kinds: the static canonical name; unknown events: @owned_name. */
  const char      *name;
  char            *owned_name;
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

  g_clear_pointer (&self->owned_name, g_free);
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

/* Parsing goes through hearth-parse; these wrappers turn its errors into event errors named
 * after the event: "<event>: <path> <problem>". */

static gboolean
propagate_parse_error (GError     **error,
                       GError      *local,
                       const char  *event)
{
  HearthEventError code;

  g_assert (local != NULL);

  if (g_error_matches (local, HEARTH_PARSE_ERROR, HEARTH_PARSE_ERROR_MISSING_FIELD))
    code = HEARTH_EVENT_ERROR_MISSING_FIELD;
  else
    code = HEARTH_EVENT_ERROR_INVALID_FIELD;

  g_set_error (error, HEARTH_EVENT_ERROR, code, "%s: %s", event, local->message);
  g_error_free (local);

  return FALSE;
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

/* A required, non-empty id string at the top level of the data. */
static const char *
get_required_id (JsonObject  *object,
                 const char  *event,
                 const char  *member,
                 GError     **error)
{
  GError *local = NULL;
  const char *value = hearth_parse_get_required_id (object, NULL, member, &local);

  if (value == NULL)
    propagate_parse_error (error, local, event);

  return value;
}

/* A required ISO 8601 time at the top level of the data. */
static GDateTime *
get_required_time (JsonObject  *object,
                   const char  *event,
                   const char  *member,
                   GError     **error)
{
  GError *local = NULL;
  GDateTime *value = hearth_parse_get_required_time (object, NULL, member, &local);

  if (value == NULL)
    propagate_parse_error (error, local, event);

  return value;
}

/* The user under @member: an object or an id string. @error may be NULL (optional users). */
static HearthUser *
parse_user (JsonObject  *data,
            const char  *event,
            const char  *member,
            GError     **error)
{
  GError *local = NULL;
  HearthUser *user = hearth_parse_user (get_member (data, member), member, &local);

  if (user == NULL)
    propagate_parse_error (error, local, event);

  return user;
}

/* The message under @member. @default_chat is used when it has no "chat" of its own. */
static HearthMessage *
parse_message (JsonObject  *data,
               const char  *event,
               const char  *member,
               const char  *default_chat,
               GError     **error)
{
  GError *local = NULL;
  HearthMessage *message = hearth_parse_message (get_member (data, member), member,
                                                 default_chat, &local);

  if (message == NULL)
    propagate_parse_error (error, local, event);

  return message;
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
  return g_strdup (hearth_parse_get_string (data, "message"));
}

/* Fills @self from @data (an object, held by @data_node) according to self->kind. */
static gboolean
parse_known (HearthEvent  *self,
             JsonNode     *data_node,
             JsonObject   *data,
             GError      **error)
{
  const char *event = self->name;
  const char *chat;

  switch (self->kind)
    {
    case HEARTH_EVENT_USER_ONLINE:
    case HEARTH_EVENT_USER_OFFLINE:
      if (!(self->user = parse_user (data, event, "user", error)))
        return FALSE;
      hearth_user_set_online (self->user, self->kind == HEARTH_EVENT_USER_ONLINE);
      self->chat_id = g_strdup (hearth_parse_get_string (data, "chat"));
      self->chat_ids = parse_chat_ids (data);
      return TRUE;

    case HEARTH_EVENT_TYPING_STARTED:
    case HEARTH_EVENT_TYPING_STOPPED:
      if (!(self->user = parse_user (data, event, "user", error)))
        return FALSE;
      if (!(chat = get_required_id (data, event, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      return TRUE;

    case HEARTH_EVENT_MESSAGES_READ:
      if (!(self->user = parse_user (data, event, "user", error)))
        return FALSE;
      if (!(chat = get_required_id (data, event, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      if (!(self->last_read_at = get_required_time (data, event, "lastReadAt", error)))
        return FALSE;
      /* Optional: an unusable lastMessage is dropped, the receipt still counts. */
      self->message = parse_message (data, event, "lastMessage", chat, NULL);
      return TRUE;

    case HEARTH_EVENT_MESSAGES_RECEIVED:
    case HEARTH_EVENT_MESSAGES_SENT:
      if (!(self->message = parse_message (data, event, "message",
                                           hearth_parse_get_string (data, "chat"), error)))
        return FALSE;
      self->chat_id = g_strdup (hearth_message_get_chat_id (self->message));
      g_set_object (&self->user, hearth_message_get_sender (self->message));
      return TRUE;

    case HEARTH_EVENT_CHAT_CREATED:
      if (!(chat = get_required_id (data, event, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      return TRUE;

    case HEARTH_EVENT_CHAT_JOINED:
      if (!(chat = get_required_id (data, event, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      /* Optional: "admin", else "admin?"; an unusable one is dropped. */
      if (!(self->admin = parse_user (data, event, "admin", NULL)))
        self->admin = parse_user (data, event, "admin?", NULL);
      return TRUE;

    case HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED:
      if (!(chat = get_required_id (data, event, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      if (!(self->user = parse_user (data, event, "user", error)))
        return FALSE;
      return TRUE;

    case HEARTH_EVENT_CHAT_DELETED:
      if (!(chat = get_required_id (data, event, "chat", error)))
        return FALSE;
      self->chat_id = g_strdup (chat);
      self->user = parse_user (data, event, "user", NULL);
      self->event_ref = g_strdup (hearth_parse_get_optional_id (data, "event"));
      return TRUE;

    case HEARTH_EVENT_REWARD_CONSUMED:
      {
        const char *reward;
        double remaining;

        if (!(reward = get_required_id (data, event, "reward", error)))
          return FALSE;
        self->reward_id = g_strdup (reward);
        if (hearth_json_object_get_number (data, "remaining", &remaining))
          self->remaining = hearth_parse_number_to_int64 (remaining);
        self->is_expired = hearth_parse_get_bool_or (data, "isExpired", FALSE);
        self->is_consumed_by_you = hearth_parse_get_bool_or (data, "isConsumedByYou", FALSE);
        return TRUE;
      }

    case HEARTH_EVENT_SCORE_UPDATED:
      {
        GError *local = NULL;

        /* "": the score is the data itself, its fields are named without a prefix. */
        if (!(self->score = hearth_parse_score (data_node, "", &local)))
          return propagate_parse_error (error, local, event);
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

/* @name: for known kinds, the static canonical name (not copied); for unknown ones, the name
 * as received (copied). */
static HearthEvent *
event_new (HearthEventKind  kind,
           const char      *name)
{
  HearthEvent *self = g_object_new (HEARTH_TYPE_EVENT, NULL);

  self->kind = kind;
  if (kind == HEARTH_EVENT_UNKNOWN)
    self->name = self->owned_name = g_strdup (name);
  else
    self->name = name;

  return self;
}

HearthEvent *
_hearth_event_new_message (HearthEventKind  kind,
                           HearthMessage   *message)
{
  HearthEvent *self;

  g_return_val_if_fail (kind == HEARTH_EVENT_MESSAGES_RECEIVED ||
                        kind == HEARTH_EVENT_MESSAGES_SENT, NULL);
  g_return_val_if_fail (HEARTH_IS_MESSAGE (message), NULL);

  /* As parse_known() does for these kinds. */
  self = event_new (kind, hearth_event_kind_to_name (kind));
  self->message = g_object_ref (message);
  self->chat_id = g_strdup (hearth_message_get_chat_id (message));
  g_set_object (&self->user, hearth_message_get_sender (message));

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

  if (!parse_known (self, data, object, error))
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

  if (!(chat = get_required_id (object, self->name, "chat", error)))
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
