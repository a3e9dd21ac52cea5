/* hearth-reward-row.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-reward-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-format-wellbeing.h"
#include "hearth-reward-row.h"

struct _HearthRewardRow
{
  AdwActionRow  parent_instance;

  HearthReward *reward;
  gboolean      busy;

  /* template */
  GtkImage     *icon;
  GtkLabel     *status_label;
  GtkLabel     *countdown_label;
  GtkStack     *action_stack;
  GtkButton    *use_button;
  GtkSpinner   *spinner;
};

G_DEFINE_FINAL_TYPE (HearthRewardRow, hearth_reward_row, ADW_TYPE_ACTION_ROW)

enum {
  SIGNAL_USE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *state_classes[] = { "available", "used", "expired", "sold-out" };

static void
update_texts (HearthRewardRow *self)
{
  const char *title = hearth_reward_get_title (self->reward);
  const char *description = hearth_reward_get_description (self->reward);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 title != NULL && *title != '\0' ? title : _("Reward"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), description != NULL ? description : "");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->use_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  title != NULL ? title : "", -1);
}

void
hearth_reward_row_refresh (HearthRewardRow *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *status = NULL;
  g_autofree char *countdown = NULL;
  HearthRewardState state;

  g_return_if_fail (HEARTH_IS_REWARD_ROW (self));

  now = g_date_time_new_now_local ();
  state = hearth_reward_state (self->reward, now);

  switch (state)
    {
    case HEARTH_REWARD_AVAILABLE:
      status = hearth_format_remaining (hearth_reward_get_remaining (self->reward));
      countdown = hearth_format_expiry (hearth_reward_get_expires_at (self->reward), now);
      gtk_image_set_from_icon_name (self->icon, "starred-symbolic");
      break;

    case HEARTH_REWARD_USED:
      status = g_strdup (_("You used this"));
      gtk_image_set_from_icon_name (self->icon, "object-select-symbolic");
      break;

    case HEARTH_REWARD_EXPIRED:
      status = g_strdup (_("Expired"));
      gtk_image_set_from_icon_name (self->icon, "alarm-symbolic");
      break;

    case HEARTH_REWARD_SOLD_OUT:
    default:
      status = hearth_format_remaining (0);
      countdown = hearth_format_expiry (hearth_reward_get_expires_at (self->reward), now);
      gtk_image_set_from_icon_name (self->icon, "starred-symbolic");
      break;
    }

  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->countdown_label, countdown != NULL ? countdown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), countdown != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    {
      if (i == (guint) state)
        gtk_widget_add_css_class (GTK_WIDGET (self), state_classes[i]);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self), state_classes[i]);
    }

  if (self->busy)
    gtk_stack_set_visible_child_name (self->action_stack, "busy");
  else if (state == HEARTH_REWARD_AVAILABLE)
    gtk_stack_set_visible_child_name (self->action_stack, "use");
  else
    gtk_stack_set_visible_child_name (self->action_stack, "none");

  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
on_use_clicked_cb (HearthRewardRow *self)
{
  if (self->busy || !hearth_reward_row_can_use (self))
    return;

  g_signal_emit (self, signals[SIGNAL_USE], 0, self->reward);
}

static void
hearth_reward_row_dispose (GObject *object)
{
  HearthRewardRow *self = HEARTH_REWARD_ROW (object);

  if (self->reward != NULL)
    g_signal_handlers_disconnect_by_data (self->reward, self);
  g_clear_object (&self->reward);

  G_OBJECT_CLASS (hearth_reward_row_parent_class)->dispose (object);
}

static void
hearth_reward_row_class_init (HearthRewardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_reward_row_dispose;

  signals[SIGNAL_USE] =
    g_signal_new ("use", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HEARTH_TYPE_REWARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-reward-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthRewardRow, icon);
  gtk_widget_class_bind_template_child (widget_class, HearthRewardRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, HearthRewardRow, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, HearthRewardRow, action_stack);
  gtk_widget_class_bind_template_child (widget_class, HearthRewardRow, use_button);
  gtk_widget_class_bind_template_child (widget_class, HearthRewardRow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_use_clicked_cb);
}

static void
hearth_reward_row_init (HearthRewardRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hearth_reward_row_new (HearthReward *reward)
{
  HearthRewardRow *self;

  g_return_val_if_fail (HEARTH_IS_REWARD (reward), NULL);

  self = g_object_new (HEARTH_TYPE_REWARD_ROW, NULL);
  self->reward = g_object_ref (reward);

  g_signal_connect_object (reward, "notify::title",
                           G_CALLBACK (update_texts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reward, "notify::description",
                           G_CALLBACK (update_texts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reward, "notify",
                           G_CALLBACK (hearth_reward_row_refresh), self, G_CONNECT_SWAPPED);

  update_texts (self);
  hearth_reward_row_refresh (self);

  return GTK_WIDGET (self);
}

HearthReward *
hearth_reward_row_get_reward (HearthRewardRow *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARD_ROW (self), NULL);

  return self->reward;
}

void
hearth_reward_row_set_busy (HearthRewardRow *self,
                            gboolean         busy)
{
  g_return_if_fail (HEARTH_IS_REWARD_ROW (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;
  hearth_reward_row_refresh (self);
}

const char *
hearth_reward_row_get_status (HearthRewardRow *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARD_ROW (self), NULL);

  return gtk_label_get_text (self->status_label);
}

const char *
hearth_reward_row_get_countdown (HearthRewardRow *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARD_ROW (self), NULL);

  return gtk_label_get_text (self->countdown_label);
}

gboolean
hearth_reward_row_can_use (HearthRewardRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (HEARTH_IS_REWARD_ROW (self), FALSE);

  return hearth_reward_state (self->reward, now) == HEARTH_REWARD_AVAILABLE;
}
