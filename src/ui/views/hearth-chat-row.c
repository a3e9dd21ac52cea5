/* hearth-chat-row.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-chat-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-avatar.h"
#include "hearth-chat-row.h"
#include "hearth-format.h"

struct _HearthChatRow
{
  GtkWidget     parent_instance;

  HearthChat   *chat;
  HearthUser   *other;

  /* template */
  HearthAvatar *avatar;
  GtkWidget    *online_dot;
  GtkLabel     *title_label;
  GtkLabel     *time_label;
  GtkLabel     *preview_label;
  GtkLabel     *unread_label;
};

G_DEFINE_FINAL_TYPE (HearthChatRow, hearth_chat_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GTK 4.8 has no GtkListItem:accessible-label: the row names the list item (its parent)
 * that screen readers land on: "Weekend hike, Raj: see you there, 2 unread messages". */
static void
update_accessible (HearthChatRow *self)
{
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (self));
  g_autoptr(GString) text = NULL;
  guint unread;

  if (item == NULL || self->chat == NULL)
    return;

  text = g_string_new (hearth_chat_get_title (self->chat));
  if (*gtk_label_get_text (self->preview_label) != '\0')
    g_string_append_printf (text, ", %s", gtk_label_get_text (self->preview_label));
  unread = hearth_chat_get_unread (self->chat);
  if (unread > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, ngettext ("%u unread message", "%u unread messages", unread),
                              unread);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
}

static void
update_title (HearthChatRow *self)
{
  gtk_label_set_text (self->title_label, hearth_chat_get_title (self->chat));
  update_accessible (self);
}

static void
update_preview (HearthChatRow *self)
{
  g_autofree char *preview = hearth_format_preview (self->chat);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = hearth_format_list_time (hearth_chat_get_last_activity (self->chat), now);
  gboolean typing = g_list_model_get_n_items (hearth_chat_get_typing_users (self->chat)) > 0;

  gtk_label_set_text (self->preview_label, preview);
  gtk_label_set_text (self->time_label, time);

  if (typing)
    gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->preview_label), "accent");
  update_accessible (self);
}

static void
update_unread (HearthChatRow *self)
{
  guint unread = hearth_chat_get_unread (self->chat);
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->unread_label), unread > 0);
  update_accessible (self);

  if (unread == 0)
    return;

  text = unread > 999 ? g_strdup ("999+") : g_strdup_printf ("%u", unread);
  description = g_strdup_printf (ngettext ("%u unread message", "%u unread messages", unread),
                                 unread);
  gtk_label_set_text (self->unread_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unread_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
}

static void
update_online (HearthChatRow *self)
{
  gboolean online = self->other != NULL && hearth_user_get_online (self->other);

  gtk_widget_set_visible (self->online_dot, online);
}

static void
update_other (HearthChatRow *self)
{
  HearthUser *other = NULL;

  if (self->chat != NULL && !hearth_chat_get_is_group (self->chat))
    {
      GListModel *participants = hearth_chat_get_participants (self->chat);
      const char *me_id = hearth_chat_get_me_id (self->chat);

      for (guint i = 0; i < g_list_model_get_n_items (participants) && other == NULL; i++)
        {
          g_autoptr(HearthUser) user = g_list_model_get_item (participants, i);

          if (g_strcmp0 (hearth_user_get_id (user), me_id) != 0)
            other = user;
        }
    }

  if (other != self->other)
    {
      if (self->other != NULL)
        g_signal_handlers_disconnect_by_data (self->other, self);
      g_set_object (&self->other, other);
      if (other != NULL)
        g_signal_connect_object (other, "notify::online",
                                 G_CALLBACK (update_online), self, G_CONNECT_SWAPPED);
    }

  update_online (self);
}

static void
hearth_chat_row_dispose (GObject *object)
{
  GtkWidget *child;
  HearthChatRow *self = (HearthChatRow *)object;

  hearth_chat_row_set_chat (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_CHAT_ROW);
  /* Template children without an id are not cleared by dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hearth_chat_row_parent_class)->dispose (object);
}

static void
hearth_chat_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HearthChatRow *self = HEARTH_CHAT_ROW (object);

  switch (prop_id)
    {
    case PROP_CHAT:
      g_value_set_object (value, self->chat);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_chat_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HearthChatRow *self = HEARTH_CHAT_ROW (object);

  switch (prop_id)
    {
    case PROP_CHAT:
      hearth_chat_row_set_chat (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_chat_row_class_init (HearthChatRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_chat_row_dispose;
  object_class->get_property = hearth_chat_row_get_property;
  object_class->set_property = hearth_chat_row_set_property;

  properties[PROP_CHAT] =
    g_param_spec_object ("chat", NULL, NULL, HEARTH_TYPE_CHAT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HEARTH_TYPE_AVATAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-chat-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthChatRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, HearthChatRow, online_dot);
  gtk_widget_class_bind_template_child (widget_class, HearthChatRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HearthChatRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, HearthChatRow, preview_label);
  gtk_widget_class_bind_template_child (widget_class, HearthChatRow, unread_label);
}

static void
hearth_chat_row_init (HearthChatRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hearth_chat_row_new (void)
{
  return g_object_new (HEARTH_TYPE_CHAT_ROW, NULL);
}

HearthChat *
hearth_chat_row_get_chat (HearthChatRow *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT_ROW (self), NULL);

  return self->chat;
}

void
hearth_chat_row_set_chat (HearthChatRow *self,
                          HearthChat    *chat)
{
  g_return_if_fail (HEARTH_IS_CHAT_ROW (self));
  g_return_if_fail (chat == NULL || HEARTH_IS_CHAT (chat));

  if (self->chat == chat)
    return;

  if (self->chat != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chat, self);
      g_signal_handlers_disconnect_by_data (hearth_chat_get_typing_users (self->chat), self);
      g_signal_handlers_disconnect_by_data (hearth_chat_get_participants (self->chat), self);
    }
  if (self->other != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->other, self);
      g_clear_object (&self->other);
    }

  g_set_object (&self->chat, chat);

  if (self->avatar != NULL)
    hearth_avatar_set_chat (self->avatar, chat);

  if (chat != NULL)
    {
      g_signal_connect_object (chat, "notify::title",
                               G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (chat, "notify::last-message",
                               G_CALLBACK (update_preview), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (chat, "notify::last-activity",
                               G_CALLBACK (update_preview), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (chat, "notify::unread",
                               G_CALLBACK (update_unread), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (chat, "notify::is-group",
                               G_CALLBACK (update_other), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (hearth_chat_get_typing_users (chat), "items-changed",
                               G_CALLBACK (update_preview), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (hearth_chat_get_participants (chat), "items-changed",
                               G_CALLBACK (update_other), self, G_CONNECT_SWAPPED);

      update_title (self);
      update_preview (self);
      update_unread (self);
      update_other (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAT]);
}
