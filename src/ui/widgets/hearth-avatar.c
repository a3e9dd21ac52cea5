/* hearth-avatar.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-avatar"

#include "config.h"

#include "hearth-avatar.h"

struct _HearthAvatar
{
  GtkWidget     parent_instance;

  AdwAvatar    *avatar;
  HearthUser   *user;
  HearthChat   *chat;
  GCancellable *cancellable;
  char         *photo;
};

G_DEFINE_FINAL_TYPE (HearthAvatar, hearth_avatar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SIZE,
  PROP_USER,
  PROP_CHAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static HearthAvatarLoadFunc loader_load;
static HearthAvatarFinishFunc loader_finish;

static void
photo_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HearthAvatar) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = loader_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (texture == NULL)
    {
      g_debug ("No photo for %s: %s", self->photo, error->message);
      return;
    }

  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

static void
update_photo (HearthAvatar *self,
              const char   *photo)
{
  if (g_strcmp0 (self->photo, photo) == 0)
    return;

  g_free (self->photo);
  self->photo = g_strdup (photo);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  adw_avatar_set_custom_image (self->avatar, NULL);

  if (photo == NULL || photo[0] == '\0' || loader_load == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  loader_load (photo, self->cancellable, photo_cb, g_object_ref (self));
}

static HearthUser *
shown_user (HearthAvatar *self)
{
  if (self->user != NULL)
    return self->user;

  if (self->chat != NULL && !hearth_chat_get_is_group (self->chat))
    {
      GListModel *participants = hearth_chat_get_participants (self->chat);
      const char *me_id = hearth_chat_get_me_id (self->chat);

      for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
        {
          g_autoptr(HearthUser) user = g_list_model_get_item (participants, i);

          if (g_strcmp0 (hearth_user_get_id (user), me_id) != 0)
            return user;
        }
    }

  return NULL;
}

static void
update (HearthAvatar *self)
{
  HearthUser *user = shown_user (self);

  if (self->chat != NULL && user == NULL)
    adw_avatar_set_text (self->avatar, hearth_chat_get_title (self->chat));
  else if (user != NULL)
    adw_avatar_set_text (self->avatar, hearth_user_get_display_name (user));
  else
    adw_avatar_set_text (self->avatar, NULL);

  update_photo (self, user != NULL ? hearth_user_get_photo (user) : NULL);
}

static void
hearth_avatar_dispose (GObject *object)
{
  HearthAvatar *self = (HearthAvatar *)object;

  hearth_avatar_set_user (self, NULL);
  hearth_avatar_set_chat (self, NULL);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer ((GtkWidget **) &self->avatar, gtk_widget_unparent);

  G_OBJECT_CLASS (hearth_avatar_parent_class)->dispose (object);
}

static void
hearth_avatar_finalize (GObject *object)
{
  HearthAvatar *self = (HearthAvatar *)object;

  g_free (self->photo);

  G_OBJECT_CLASS (hearth_avatar_parent_class)->finalize (object);
}

static void
hearth_avatar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HearthAvatar *self = HEARTH_AVATAR (object);

  switch (prop_id)
    {
    case PROP_SIZE:
      g_value_set_int (value, adw_avatar_get_size (self->avatar));
      break;

    case PROP_USER:
      g_value_set_object (value, self->user);
      break;

    case PROP_CHAT:
      g_value_set_object (value, self->chat);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_avatar_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HearthAvatar *self = HEARTH_AVATAR (object);

  switch (prop_id)
    {
    case PROP_SIZE:
      hearth_avatar_set_size (self, g_value_get_int (value));
      break;

    case PROP_USER:
      hearth_avatar_set_user (self, g_value_get_object (value));
      break;

    case PROP_CHAT:
      hearth_avatar_set_chat (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_avatar_class_init (HearthAvatarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_avatar_dispose;
  object_class->finalize = hearth_avatar_finalize;
  object_class->get_property = hearth_avatar_get_property;
  object_class->set_property = hearth_avatar_set_property;

  properties[PROP_SIZE] =
    g_param_spec_int ("size", NULL, NULL, 0, 512, 32,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL, HEARTH_TYPE_USER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHAT] =
    g_param_spec_object ("chat", NULL, NULL, HEARTH_TYPE_CHAT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hearth_avatar_init (HearthAvatar *self)
{
  self->avatar = ADW_AVATAR (adw_avatar_new (32, NULL, TRUE));
  gtk_widget_set_parent (GTK_WIDGET (self->avatar), GTK_WIDGET (self));
}

GtkWidget *
hearth_avatar_new (void)
{
  return g_object_new (HEARTH_TYPE_AVATAR, NULL);
}

void
hearth_avatar_set_size (HearthAvatar *self,
                        int           size)
{
  g_return_if_fail (HEARTH_IS_AVATAR (self));

  adw_avatar_set_size (self->avatar, size);
}

void
hearth_avatar_set_user (HearthAvatar *self,
                        HearthUser   *user)
{
  g_return_if_fail (HEARTH_IS_AVATAR (self));

  if (self->user == user)
    return;

  if (self->user != NULL)
    g_signal_handlers_disconnect_by_data (self->user, self);
  g_set_object (&self->user, user);
  if (user != NULL)
    {
      g_signal_connect_object (user, "notify::name", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (user, "notify::username", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (user, "notify::photo", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

void
hearth_avatar_set_chat (HearthAvatar *self,
                        HearthChat   *chat)
{
  g_return_if_fail (HEARTH_IS_AVATAR (self));

  if (self->chat == chat)
    return;

  if (self->chat != NULL)
    g_signal_handlers_disconnect_by_data (self->chat, self);
  g_set_object (&self->chat, chat);
  if (chat != NULL)
    {
      g_signal_connect_object (chat, "notify::title", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (chat, "notify::is-group", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (hearth_chat_get_participants (chat), "items-changed",
                               G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAT]);
}

void
hearth_avatar_set_loader (HearthAvatarLoadFunc   load,
                          HearthAvatarFinishFunc finish)
{
  loader_load = load;
  loader_finish = finish;
}
