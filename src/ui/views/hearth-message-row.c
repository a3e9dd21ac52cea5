/* hearth-message-row.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-message-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-format.h"
#include "hearth-message-row.h"

struct _HearthMessageRow
{
  GtkWidget          parent_instance;

  HearthTimelineRow *row;
  HearthMessage     *message;

  /* template */
  GtkLabel          *day_label;
  GtkLabel          *system_label;
  GtkLabel          *sender_label;
  GtkWidget         *bubble;
  GtkWidget         *reel_card;
  GtkLabel          *reel_label;
  GtkLabel          *content_label;
  GtkLabel          *time_label;
  GtkImage          *state_image;
  GtkWidget         *failed_box;
  GtkLabel          *seen_label;
};

G_DEFINE_FINAL_TYPE (HearthMessageRow, hearth_message_row, GTK_TYPE_WIDGET)

static void
set_optional_label (GtkLabel   *label,
                    const char *text)
{
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
  gtk_label_set_text (label, text != NULL ? text : "");
}

static void
update_layout (HearthMessageRow *self)
{
  gboolean mine = hearth_timeline_row_get_mine (self->row);
  GtkAlign align = mine ? GTK_ALIGN_END : GTK_ALIGN_START;

  gtk_widget_set_halign (self->bubble, align);
  gtk_widget_set_halign (GTK_WIDGET (self->sender_label), GTK_ALIGN_START);

  if (mine)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "mine");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "theirs");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "theirs");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "mine");
    }
}

static void
update_decorations (HearthMessageRow *self)
{
  HearthUser *sender = hearth_message_get_sender (self->message);

  set_optional_label (self->day_label, hearth_timeline_row_get_day_label (self->row));
  set_optional_label (self->sender_label,
                      hearth_timeline_row_get_show_sender (self->row) && sender != NULL ?
                      hearth_user_get_display_name (sender) : NULL);
  set_optional_label (self->seen_label, hearth_timeline_row_get_seen_label (self->row));

  if (hearth_timeline_row_get_group_end (self->row))
    gtk_widget_add_css_class (GTK_WIDGET (self), "run-end");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "run-end");
}

static void
update_content (HearthMessageRow *self)
{
  const char *content = hearth_message_get_content (self->message);
  const char *reel = hearth_message_get_reel (self->message);
  const char *line = hearth_timeline_row_get_system_text (self->row);

  set_optional_label (self->system_label, line);
  gtk_widget_set_visible (self->bubble, line == NULL);

  set_optional_label (self->content_label, content);
  gtk_widget_set_visible (self->reel_card, reel != NULL && reel[0] != '\0');
  gtk_widget_set_tooltip_text (self->reel_card, reel);
}

/* GTK 4.8 has no GtkListItem:accessible-label: the row names its list item (its parent),
 * "Raj Kumar: see you there, 14:05", or the line about the membership. */
static void
update_accessible (HearthMessageRow *self)
{
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (self));
  const char *line = hearth_timeline_row_get_system_text (self->row);
  HearthUser *sender = hearth_message_get_sender (self->message);
  const char *content = hearth_message_get_content (self->message);
  g_autoptr(GString) text = g_string_new (NULL);

  if (item == NULL)
    return;

  if (line != NULL)
    g_string_append (text, line);
  else
    {
      g_string_append (text, hearth_timeline_row_get_mine (self->row) ? _("You") :
                       sender != NULL ? hearth_user_get_display_name (sender) : _("Someone"));
      g_string_append (text, ": ");
      g_string_append (text, content != NULL && *content != '\0' ? content : _("Reel"));
      if (*gtk_label_get_text (self->time_label) != '\0')
        g_string_append_printf (text, ", %s", gtk_label_get_text (self->time_label));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
}

static void
update_time (HearthMessageRow *self)
{
  GDateTime *at = hearth_message_get_at (self->message);
  g_autofree char *clock = at != NULL ? hearth_format_clock (at) : NULL;

  gtk_label_set_text (self->time_label, clock != NULL ? clock : "");
}

static void
update_state (HearthMessageRow *self)
{
  HearthMessageState state = hearth_message_get_state (self->message);
  const char *icon = NULL;
  const char *description = NULL;

  switch (state)
    {
    case HEARTH_MESSAGE_QUEUED:
      icon = "document-open-recent-symbolic";
      description = _("Sending");
      break;

    case HEARTH_MESSAGE_FAILED:
      icon = "dialog-error-symbolic";
      description = _("Not sent");
      break;

    case HEARTH_MESSAGE_SENT:
    default:
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->state_image), icon != NULL);
  if (icon != NULL)
    {
      gtk_image_set_from_icon_name (self->state_image, icon);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->state_image),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                      -1);
    }

  gtk_widget_set_visible (self->failed_box, state == HEARTH_MESSAGE_FAILED);
}

static void
on_retry_clicked_cb (HearthMessageRow *self,
                     GtkButton        *button)
{
  const char *client_id;

  if (self->message == NULL)
    return;

  client_id = hearth_message_get_client_id (self->message);
  if (client_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "conversation.retry", "s", client_id);
}

static void
hearth_message_row_dispose (GObject *object)
{
  GtkWidget *child;
  HearthMessageRow *self = (HearthMessageRow *)object;

  hearth_message_row_set_row (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_MESSAGE_ROW);
  /* Template children without an id are not cleared by dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hearth_message_row_parent_class)->dispose (object);
}

static void
hearth_message_row_class_init (HearthMessageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_message_row_dispose;

  gtk_widget_class_set_css_name (widget_class, "messagerow");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-message-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, system_label);
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, sender_label);
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, bubble);
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, reel_card);
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, reel_label);
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, content_label);
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, state_image);
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, failed_box);
  gtk_widget_class_bind_template_child (widget_class, HearthMessageRow, seen_label);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
}

static void
hearth_message_row_init (HearthMessageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hearth_message_row_new (void)
{
  return g_object_new (HEARTH_TYPE_MESSAGE_ROW, NULL);
}

void
hearth_message_row_set_row (HearthMessageRow  *self,
                            HearthTimelineRow *row)
{
  g_return_if_fail (HEARTH_IS_MESSAGE_ROW (self));

  if (self->row == row)
    return;

  if (self->row != NULL)
    g_signal_handlers_disconnect_by_data (self->row, self);
  if (self->message != NULL)
    g_signal_handlers_disconnect_by_data (self->message, self);

  g_set_object (&self->row, row);
  g_clear_object (&self->message);
  if (row != NULL)
    self->message = g_object_ref (hearth_timeline_row_get_message (row));

  if (row == NULL)
    return;

  g_signal_connect_object (row, "notify::day-label",
                           G_CALLBACK (update_decorations), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "notify::show-sender",
                           G_CALLBACK (update_decorations), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "notify::group-end",
                           G_CALLBACK (update_decorations), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "notify::seen-label",
                           G_CALLBACK (update_decorations), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->message, "notify::content",
                           G_CALLBACK (update_content), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->message, "notify::content",
                           G_CALLBACK (update_accessible), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->message, "notify::reel",
                           G_CALLBACK (update_content), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->message, "notify::at",
                           G_CALLBACK (update_time), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->message, "notify::state",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  update_layout (self);
  update_decorations (self);
  update_content (self);
  update_time (self);
  update_state (self);
  update_accessible (self);
}
