/* hearth-user.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-user"

#include "config.h"

#include "hearth-utils.h"

#include "hearth-user.h"

struct _HearthUser
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *username;
  char      *photo;
  GDateTime *last_seen;
  guint      online : 1;
};

G_DEFINE_FINAL_TYPE (HearthUser, hearth_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_USERNAME,
  PROP_PHOTO,
  PROP_ONLINE,
  PROP_LAST_SEEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Replaces *@dest by a copy of @value; TRUE if the value changed. */
static void
hearth_user_finalize (GObject *object)
{
  HearthUser *self = (HearthUser *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->photo, g_free);
  g_clear_pointer (&self->last_seen, g_date_time_unref);

  G_OBJECT_CLASS (hearth_user_parent_class)->finalize (object);
}

static void
hearth_user_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HearthUser *self = HEARTH_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;

    case PROP_PHOTO:
      g_value_set_string (value, self->photo);
      break;

    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;

    case PROP_LAST_SEEN:
      g_value_set_boxed (value, self->last_seen);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_user_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HearthUser *self = HEARTH_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      hearth_user_set_name (self, g_value_get_string (value));
      break;

    case PROP_USERNAME:
      hearth_user_set_username (self, g_value_get_string (value));
      break;

    case PROP_PHOTO:
      hearth_user_set_photo (self, g_value_get_string (value));
      break;

    case PROP_ONLINE:
      hearth_user_set_online (self, g_value_get_boolean (value));
      break;

    case PROP_LAST_SEEN:
      hearth_user_set_last_seen (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_user_class_init (HearthUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hearth_user_finalize;
  object_class->get_property = hearth_user_get_property;
  object_class->set_property = hearth_user_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PHOTO] =
    g_param_spec_string ("photo", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_SEEN] =
    g_param_spec_boxed ("last-seen", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_user_init (HearthUser *self)
{
}

HearthUser *
hearth_user_new (const char *id)
{
  return g_object_new (HEARTH_TYPE_USER,
                       "id", id,
                       NULL);
}

const char *
hearth_user_get_id (HearthUser *self)
{
  g_return_val_if_fail (HEARTH_IS_USER (self), NULL);

  return self->id;
}

const char *
hearth_user_get_name (HearthUser *self)
{
  g_return_val_if_fail (HEARTH_IS_USER (self), NULL);

  return self->name;
}

void
hearth_user_set_name (HearthUser *self,
                      const char *name)
{
  g_return_if_fail (HEARTH_IS_USER (self));

  if (hearth_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
hearth_user_get_username (HearthUser *self)
{
  g_return_val_if_fail (HEARTH_IS_USER (self), NULL);

  return self->username;
}

void
hearth_user_set_username (HearthUser *self,
                          const char *username)
{
  g_return_if_fail (HEARTH_IS_USER (self));

  if (hearth_set_str (&self->username, username))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
}

const char *
hearth_user_get_photo (HearthUser *self)
{
  g_return_val_if_fail (HEARTH_IS_USER (self), NULL);

  return self->photo;
}

void
hearth_user_set_photo (HearthUser *self,
                       const char *photo)
{
  g_return_if_fail (HEARTH_IS_USER (self));

  if (hearth_set_str (&self->photo, photo))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTO]);
}

gboolean
hearth_user_get_online (HearthUser *self)
{
  g_return_val_if_fail (HEARTH_IS_USER (self), FALSE);

  return self->online;
}

void
hearth_user_set_online (HearthUser *self,
                        gboolean    online)
{
  g_return_if_fail (HEARTH_IS_USER (self));

  online = !!online;

  if (self->online == (guint) online)
    return;

  self->online = online;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
}

GDateTime *
hearth_user_get_last_seen (HearthUser *self)
{
  g_return_val_if_fail (HEARTH_IS_USER (self), NULL);

  return self->last_seen;
}

void
hearth_user_set_last_seen (HearthUser *self,
                           GDateTime  *last_seen)
{
  g_return_if_fail (HEARTH_IS_USER (self));

  if (self->last_seen == last_seen)
    return;

  if (self->last_seen != NULL && last_seen != NULL &&
      g_date_time_equal (self->last_seen, last_seen))
    return;

  g_clear_pointer (&self->last_seen, g_date_time_unref);
  if (last_seen != NULL)
    self->last_seen = g_date_time_ref (last_seen);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SEEN]);
}

const char *
hearth_user_get_display_name (HearthUser *self)
{
  g_return_val_if_fail (HEARTH_IS_USER (self), NULL);

  if (self->name != NULL && self->name[0] != '\0')
    return self->name;

  if (self->username != NULL && self->username[0] != '\0')
    return self->username;

  return self->id;
}
