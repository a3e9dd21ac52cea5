/* hearth-preferences-window.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-preferences-window.h"
#include "hearth-settings.h"

struct _HearthPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* template */
  AdwActionRow         *content_row;
  GtkSwitch            *notifications_switch;
  GtkSwitch            *content_switch;
  GtkSwitch            *typing_switch;
  GtkSwitch            *receipts_switch;
  GtkSwitch            *background_switch;
  GtkSwitch            *login_switch;
  AdwEntryRow          *server_row;
  AdwComboRow          *framing_row;
  AdwPreferencesGroup  *account_group;
};

G_DEFINE_FINAL_TYPE (HearthPreferencesWindow, hearth_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
framing_to_selected (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  HearthFraming framing = hearth_settings_framing_from_string (g_variant_get_string (variant, NULL));

  g_value_set_uint (value, (guint) framing);

  return TRUE;
}

static GVariant *
selected_to_framing (const GValue       *value,
                     const GVariantType *type,
                     gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected > HEARTH_FRAMING_ENVELOPE)
    selected = HEARTH_FRAMING_AUTO;

  return g_variant_new_string (hearth_settings_framing_to_string ((HearthFraming) selected));
}

/* The framing choices as labels that also name their list item for screen readers (GTK 4.8
 * has no GtkListItem:accessible-label). */
static void
framing_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
framing_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *parent = gtk_widget_get_parent (label);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (parent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
on_sign_out_clicked_cb (HearthPreferencesWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.sign-out", NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
hearth_preferences_window_dispose (GObject *object)
{
  HearthPreferencesWindow *self = HEARTH_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hearth_preferences_window_parent_class)->dispose (object);
}

static void
hearth_preferences_window_class_init (HearthPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/hearth-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, content_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, content_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, typing_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, receipts_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, login_switch);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, framing_row);
  gtk_widget_class_bind_template_child (widget_class, HearthPreferencesWindow, account_group);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_out_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hearth_preferences_window_init (HearthPreferencesWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (framing_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (framing_bind_cb), NULL);
  adw_combo_row_set_factory (self->framing_row, factory);
}

GtkWidget *
hearth_preferences_window_new (GtkWindow *parent,
                               GSettings *settings,
                               gboolean   signed_in)
{
  HearthPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (HEARTH_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "notification-content", self->content_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "notifications", self->content_row, "sensitive",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "send-typing", self->typing_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "send-read-receipts", self->receipts_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "start-at-login", self->login_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "server-url", self->server_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "framing", self->framing_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, framing_to_selected,
                                selected_to_framing, NULL, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->account_group), signed_in);

  return GTK_WIDGET (self);
}
