/* hearth-reward.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-reward"

#include "config.h"

#include "hearth-utils.h"

#include "hearth-reward.h"

struct _HearthReward
{
  GObject    parent_instance;

  char      *id;
  char      *title;
  char      *description;
  gint64     remaining;
  GDateTime *expires_at;
  guint      is_expired : 1;
  guint      is_consumed_by_you : 1;
};

G_DEFINE_FINAL_TYPE (HearthReward, hearth_reward, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_REMAINING,
  PROP_IS_EXPIRED,
  PROP_EXPIRES_AT,
  PROP_IS_CONSUMED_BY_YOU,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hearth_reward_finalize (GObject *object)
{
  HearthReward *self = (HearthReward *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->expires_at, g_date_time_unref);

  G_OBJECT_CLASS (hearth_reward_parent_class)->finalize (object);
}

static void
hearth_reward_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HearthReward *self = HEARTH_REWARD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_REMAINING:
      g_value_set_int64 (value, self->remaining);
      break;

    case PROP_IS_EXPIRED:
      g_value_set_boolean (value, self->is_expired);
      break;

    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;

    case PROP_IS_CONSUMED_BY_YOU:
      g_value_set_boolean (value, self->is_consumed_by_you);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_reward_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HearthReward *self = HEARTH_REWARD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      hearth_reward_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      hearth_reward_set_description (self, g_value_get_string (value));
      break;

    case PROP_REMAINING:
      hearth_reward_set_remaining (self, g_value_get_int64 (value));
      break;

    case PROP_IS_EXPIRED:
      hearth_reward_set_is_expired (self, g_value_get_boolean (value));
      break;

    case PROP_EXPIRES_AT:
      hearth_reward_set_expires_at (self, g_value_get_boxed (value));
      break;

    case PROP_IS_CONSUMED_BY_YOU:
      hearth_reward_set_is_consumed_by_you (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_reward_class_init (HearthRewardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hearth_reward_finalize;
  object_class->get_property = hearth_reward_get_property;
  object_class->set_property = hearth_reward_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REMAINING] =
    g_param_spec_int64 ("remaining", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IS_EXPIRED] =
    g_param_spec_boolean ("is-expired", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IS_CONSUMED_BY_YOU] =
    g_param_spec_boolean ("is-consumed-by-you", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_reward_init (HearthReward *self)
{
  self->remaining = -1;
}

HearthReward *
hearth_reward_new (const char *id)
{
  return g_object_new (HEARTH_TYPE_REWARD,
                       "id", id,
                       NULL);
}

const char *
hearth_reward_get_id (HearthReward *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARD (self), NULL);

  return self->id;
}

const char *
hearth_reward_get_title (HearthReward *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARD (self), NULL);

  return self->title;
}

void
hearth_reward_set_title (HearthReward *self,
                         const char   *title)
{
  g_return_if_fail (HEARTH_IS_REWARD (self));

  if (hearth_set_str (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
hearth_reward_get_description (HearthReward *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARD (self), NULL);

  return self->description;
}

void
hearth_reward_set_description (HearthReward *self,
                               const char   *description)
{
  g_return_if_fail (HEARTH_IS_REWARD (self));

  if (hearth_set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
hearth_reward_get_remaining (HearthReward *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARD (self), -1);

  return self->remaining;
}

void
hearth_reward_set_remaining (HearthReward *self,
                             gint64        remaining)
{
  g_return_if_fail (HEARTH_IS_REWARD (self));

  /* Any negative count means "unknown". */
  if (remaining < 0)
    remaining = -1;

  if (self->remaining == remaining)
    return;

  self->remaining = remaining;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
}

gboolean
hearth_reward_get_is_expired (HearthReward *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARD (self), FALSE);

  return self->is_expired;
}

void
hearth_reward_set_is_expired (HearthReward *self,
                              gboolean      is_expired)
{
  g_return_if_fail (HEARTH_IS_REWARD (self));

  is_expired = !!is_expired;

  if (self->is_expired == (guint) is_expired)
    return;

  self->is_expired = is_expired;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_EXPIRED]);
}

GDateTime *
hearth_reward_get_expires_at (HearthReward *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARD (self), NULL);

  return self->expires_at;
}

void
hearth_reward_set_expires_at (HearthReward *self,
                              GDateTime    *expires_at)
{
  g_return_if_fail (HEARTH_IS_REWARD (self));

  if (self->expires_at == expires_at)
    return;

  if (self->expires_at != NULL && expires_at != NULL &&
      g_date_time_equal (self->expires_at, expires_at))
    return;

  g_clear_pointer (&self->expires_at, g_date_time_unref);
  if (expires_at != NULL)
    self->expires_at = g_date_time_ref (expires_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPIRES_AT]);
}

gboolean
hearth_reward_get_is_consumed_by_you (HearthReward *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARD (self), FALSE);

  return self->is_consumed_by_you;
}

void
hearth_reward_set_is_consumed_by_you (HearthReward *self,
                                      gboolean      consumed)
{
  g_return_if_fail (HEARTH_IS_REWARD (self));

  consumed = !!consumed;

  if (self->is_consumed_by_you == (guint) consumed)
    return;

  self->is_consumed_by_you = consumed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_CONSUMED_BY_YOU]);
}
