/* hearth-message.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-message"

#include "config.h"

#include "hearth-utils.h"

#include "hearth-enums.h"
#include "hearth-message.h"
#include "hearth-user.h"

struct _HearthMessage
{
  GObject             parent_instance;

  char               *id;
  char               *client_id;
  char               *chat_id;
  char               *sender_id;
  HearthUser         *sender;
  char               *content;
  char               *reel;
  GDateTime          *at;
  HearthMessageState  state;
  HearthMessageKind   kind;
};

G_DEFINE_FINAL_TYPE (HearthMessage, hearth_message, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_CHAT_ID,
  PROP_SENDER_ID,
  PROP_SENDER,
  PROP_CONTENT,
  PROP_REEL,
  PROP_AT,
  PROP_STATE,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hearth_message_dispose (GObject *object)
{
  HearthMessage *self = (HearthMessage *)object;

  g_clear_object (&self->sender);

  G_OBJECT_CLASS (hearth_message_parent_class)->dispose (object);
}

static void
hearth_message_finalize (GObject *object)
{
  HearthMessage *self = (HearthMessage *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->chat_id, g_free);
  g_clear_pointer (&self->sender_id, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_pointer (&self->reel, g_free);
  g_clear_pointer (&self->at, g_date_time_unref);

  G_OBJECT_CLASS (hearth_message_parent_class)->finalize (object);
}

static void
hearth_message_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HearthMessage *self = HEARTH_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;

    case PROP_CHAT_ID:
      g_value_set_string (value, self->chat_id);
      break;

    case PROP_SENDER_ID:
      g_value_set_string (value, self->sender_id);
      break;

    case PROP_SENDER:
      g_value_set_object (value, self->sender);
      break;

    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;

    case PROP_REEL:
      g_value_set_string (value, self->reel);
      break;

    case PROP_AT:
      g_value_set_boxed (value, self->at);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_message_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HearthMessage *self = HEARTH_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      hearth_message_set_id (self, g_value_get_string (value));
      break;

    case PROP_CLIENT_ID:
      hearth_message_set_client_id (self, g_value_get_string (value));
      break;

    case PROP_CHAT_ID:
      hearth_message_set_chat_id (self, g_value_get_string (value));
      break;

    case PROP_SENDER_ID:
      hearth_message_set_sender_id (self, g_value_get_string (value));
      break;

    case PROP_SENDER:
      hearth_message_set_sender (self, g_value_get_object (value));
      break;

    case PROP_CONTENT:
      hearth_message_set_content (self, g_value_get_string (value));
      break;

    case PROP_REEL:
      hearth_message_set_reel (self, g_value_get_string (value));
      break;

    case PROP_AT:
      hearth_message_set_at (self, g_value_get_boxed (value));
      break;

    case PROP_STATE:
      hearth_message_set_state (self, g_value_get_enum (value));
      break;

    case PROP_KIND:
      hearth_message_set_kind (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_message_class_init (HearthMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_message_dispose;
  object_class->finalize = hearth_message_finalize;
  object_class->get_property = hearth_message_get_property;
  object_class->set_property = hearth_message_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHAT_ID] =
    g_param_spec_string ("chat-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SENDER_ID] =
    g_param_spec_string ("sender-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SENDER] =
    g_param_spec_object ("sender", NULL, NULL,
                         HEARTH_TYPE_USER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REEL] =
    g_param_spec_string ("reel", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AT] =
    g_param_spec_boxed ("at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       HEARTH_TYPE_MESSAGE_STATE,
                       HEARTH_MESSAGE_SENT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       HEARTH_TYPE_MESSAGE_KIND,
                       HEARTH_MESSAGE_KIND_TEXT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_message_init (HearthMessage *self)
{
  self->state = HEARTH_MESSAGE_SENT;
}

HearthMessage *
hearth_message_new (const char *id,
                    const char *chat_id)
{
  return g_object_new (HEARTH_TYPE_MESSAGE,
                       "id", id,
                       "chat-id", chat_id,
                       NULL);
}

const char *
hearth_message_get_id (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), NULL);

  return self->id;
}

void
hearth_message_set_id (HearthMessage *self,
                       const char    *id)
{
  g_return_if_fail (HEARTH_IS_MESSAGE (self));

  if (hearth_set_str (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
hearth_message_get_client_id (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), NULL);

  return self->client_id;
}

void
hearth_message_set_client_id (HearthMessage *self,
                              const char    *client_id)
{
  g_return_if_fail (HEARTH_IS_MESSAGE (self));

  if (hearth_set_str (&self->client_id, client_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

const char *
hearth_message_get_chat_id (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), NULL);

  return self->chat_id;
}

void
hearth_message_set_chat_id (HearthMessage *self,
                            const char    *chat_id)
{
  g_return_if_fail (HEARTH_IS_MESSAGE (self));

  if (hearth_set_str (&self->chat_id, chat_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAT_ID]);
}

const char *
hearth_message_get_sender_id (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), NULL);

  return self->sender_id;
}

void
hearth_message_set_sender_id (HearthMessage *self,
                              const char    *sender_id)
{
  g_return_if_fail (HEARTH_IS_MESSAGE (self));

  if (hearth_set_str (&self->sender_id, sender_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDER_ID]);
}

HearthUser *
hearth_message_get_sender (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), NULL);

  return self->sender;
}

void
hearth_message_set_sender (HearthMessage *self,
                           HearthUser    *sender)
{
  g_return_if_fail (HEARTH_IS_MESSAGE (self));
  g_return_if_fail (sender == NULL || HEARTH_IS_USER (sender));

  /* Freeze so that "sender" and "sender-id" arrive together, after both are updated. */
  g_object_freeze_notify (G_OBJECT (self));

  if (g_set_object (&self->sender, sender))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDER]);

  if (sender != NULL)
    hearth_message_set_sender_id (self, hearth_user_get_id (sender));

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
hearth_message_get_content (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), NULL);

  return self->content;
}

void
hearth_message_set_content (HearthMessage *self,
                            const char    *content)
{
  g_return_if_fail (HEARTH_IS_MESSAGE (self));

  if (hearth_set_str (&self->content, content))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

const char *
hearth_message_get_reel (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), NULL);

  return self->reel;
}

void
hearth_message_set_reel (HearthMessage *self,
                         const char    *reel)
{
  g_return_if_fail (HEARTH_IS_MESSAGE (self));

  if (hearth_set_str (&self->reel, reel))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REEL]);
}

GDateTime *
hearth_message_get_at (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), NULL);

  return self->at;
}

void
hearth_message_set_at (HearthMessage *self,
                       GDateTime     *at)
{
  g_return_if_fail (HEARTH_IS_MESSAGE (self));

  if (self->at == at)
    return;

  if (self->at != NULL && at != NULL && g_date_time_equal (self->at, at))
    return;

  g_clear_pointer (&self->at, g_date_time_unref);
  if (at != NULL)
    self->at = g_date_time_ref (at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AT]);
}

HearthMessageState
hearth_message_get_state (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), HEARTH_MESSAGE_SENT);

  return self->state;
}

void
hearth_message_set_state (HearthMessage      *self,
                          HearthMessageState  state)
{
  g_return_if_fail (HEARTH_IS_MESSAGE (self));
  g_return_if_fail ((guint) state <= HEARTH_MESSAGE_FAILED);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

HearthMessageKind
hearth_message_get_kind (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), HEARTH_MESSAGE_KIND_TEXT);

  return self->kind;
}

void
hearth_message_set_kind (HearthMessage     *self,
                         HearthMessageKind  kind)
{
  g_return_if_fail (HEARTH_IS_MESSAGE (self));
  g_return_if_fail ((guint) kind <= HEARTH_MESSAGE_KIND_MEMBER_REMOVED);

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

gboolean
hearth_message_is_system (HearthMessage *self)
{
  g_return_val_if_fail (HEARTH_IS_MESSAGE (self), FALSE);

  return self->kind != HEARTH_MESSAGE_KIND_TEXT;
}
