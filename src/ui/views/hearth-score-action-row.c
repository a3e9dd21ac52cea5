/* hearth-score-action-row.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-score-action-row"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-format-wellbeing.h"
#include "hearth-score-action-row.h"

struct _HearthScoreActionRow
{
  AdwActionRow       parent_instance;

  HearthScoreAction *action;
  HearthScore       *score;    /* weak: the row lives in the score's list */
  gboolean           locked;

  /* template */
  GtkImage          *check;
  GtkLabel          *note_label;
  GtkLabel          *value_label;
};

G_DEFINE_FINAL_TYPE (HearthScoreActionRow, hearth_score_action_row, ADW_TYPE_ACTION_ROW)

void
hearth_score_action_row_refresh (HearthScoreActionRow *self)
{
  const char *label, *sub_label;
  gboolean completed;
  g_autofree char *value = NULL;
  g_autofree char *note = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (HEARTH_IS_SCORE_ACTION_ROW (self));

  label = hearth_score_action_get_label (self->action);
  sub_label = hearth_score_action_get_sub_label (self->action);
  completed = hearth_score_action_get_completed (self->action);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 label != NULL && *label != '\0'
                                   ? label : hearth_score_action_get_action_type (self->action));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), sub_label != NULL ? sub_label : "");

  if (self->score != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      self->locked = hearth_score_action_is_locked (self->action, self->score, now);
    }
  else
    self->locked = FALSE;

  if (self->locked)
    note = hearth_format_start_at (hearth_score_action_get_start_at (self->action));

  value = hearth_format_score_value (hearth_score_action_get_value (self->action));
  gtk_label_set_text (self->value_label, value);
  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);

  if (completed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "completed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "completed");
  if (self->locked)
    gtk_widget_add_css_class (GTK_WIDGET (self), "locked");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "locked");

  /* Screen readers hear the state the eye gets from the check and the dimming. */
  if (completed)
    description = g_strdup_printf (_("Done, value %s"), value);
  else if (note != NULL)
    description = g_strdup (note);
  else
    description = g_strdup_printf (_("Not done yet, value %s"), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
}

static void
hearth_score_action_row_dispose (GObject *object)
{
  HearthScoreActionRow *self = HEARTH_SCORE_ACTION_ROW (object);

  if (self->action != NULL)
    g_signal_handlers_disconnect_by_data (self->action, self);
  g_clear_object (&self->action);
  g_clear_weak_pointer (&self->score);

  G_OBJECT_CLASS (hearth_score_action_row_parent_class)->dispose (object);
}

static void
hearth_score_action_row_class_init (HearthScoreActionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_score_action_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-score-action-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthScoreActionRow, check);
  gtk_widget_class_bind_template_child (widget_class, HearthScoreActionRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, HearthScoreActionRow, value_label);
}

static void
hearth_score_action_row_init (HearthScoreActionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hearth_score_action_row_new (HearthScoreAction *action,
                             HearthScore       *score)
{
  HearthScoreActionRow *self;

  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION (action), NULL);
  g_return_val_if_fail (score == NULL || HEARTH_IS_SCORE (score), NULL);

  self = g_object_new (HEARTH_TYPE_SCORE_ACTION_ROW, NULL);
  self->action = g_object_ref (action);
  g_set_weak_pointer (&self->score, score);

  g_signal_connect_object (action, "notify",
                           G_CALLBACK (hearth_score_action_row_refresh), self, G_CONNECT_SWAPPED);
  hearth_score_action_row_refresh (self);

  return GTK_WIDGET (self);
}

HearthScoreAction *
hearth_score_action_row_get_action (HearthScoreActionRow *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION_ROW (self), NULL);

  return self->action;
}

const char *
hearth_score_action_row_get_value_text (HearthScoreActionRow *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION_ROW (self), NULL);

  return gtk_label_get_text (self->value_label);
}

const char *
hearth_score_action_row_get_note (HearthScoreActionRow *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION_ROW (self), NULL);

  return gtk_label_get_text (self->note_label);
}

gboolean
hearth_score_action_row_get_locked (HearthScoreActionRow *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION_ROW (self), FALSE);

  return self->locked;
}
