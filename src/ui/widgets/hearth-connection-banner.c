/* hearth-connection-banner.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-connection-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-connection.h"
#include "hearth-connection-banner.h"
#include "hearth-event-bus.h"
#include "hearth-event.h"

struct _HearthConnectionBanner
{
  GtkWidget         parent_instance;

  HearthSession    *session;
  HearthConnection *connection;
  HearthEventBus   *bus;
  gboolean          caught_up;
  gboolean          verification_required;

  /* template */
  GtkRevealer      *revealer;
  GtkLabel         *label;
  GtkButton        *button;
};

G_DEFINE_FINAL_TYPE (HearthConnectionBanner, hearth_connection_banner, GTK_TYPE_WIDGET)

static void
show (HearthConnectionBanner *self,
      const char             *text,
      const char             *button)
{
  if (text != NULL)
    gtk_label_set_text (self->label, text);

  gtk_revealer_set_reveal_child (self->revealer, text != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->button), button != NULL);
  if (button != NULL)
    gtk_button_set_label (self->button, button);
}

static void
update (HearthConnectionBanner *self)
{
  if (self->connection == NULL)
    {
      show (self, NULL, NULL);
      return;
    }

  switch (hearth_connection_get_state (self->connection))
    {
    case HEARTH_CONNECTION_DISCONNECTED:
    case HEARTH_CONNECTION_CONNECTING:
      show (self, _("Connecting…"), NULL);
      break;

    case HEARTH_CONNECTION_RECONNECTING:
    case HEARTH_CONNECTION_STOPPED:
      show (self, _("Offline — messages will be sent when you are back"), _("_Retry"));
      break;

    case HEARTH_CONNECTION_CONNECTED:
    default:
      if (!self->caught_up)
        show (self, _("Catching up…"), NULL);
      else if (self->verification_required)
        show (self, _("Verify your email address to send messages"), NULL);
      else
        show (self, NULL, NULL);
      break;
    }
}

static void
on_button_clicked_cb (HearthConnectionBanner *self)
{
  if (self->connection != NULL)
    hearth_connection_reconnect_now (self->connection);
}

static void
on_state_cb (HearthConnectionBanner *self)
{
  if (hearth_connection_get_state (self->connection) != HEARTH_CONNECTION_CONNECTED)
    self->caught_up = FALSE;

  update (self);
}

static void
on_resynced_cb (HearthConnectionBanner *self)
{
  self->caught_up = TRUE;
  update (self);
}

static void
on_verification_required_cb (HearthConnectionBanner *self)
{
  self->verification_required = TRUE;
  update (self);
}

static void
unbind (HearthConnectionBanner *self)
{
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  if (self->bus != NULL)
    g_signal_handlers_disconnect_by_data (self->bus, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  g_clear_object (&self->connection);
  g_clear_object (&self->bus);
  g_clear_object (&self->session);
}

void
hearth_connection_banner_set_session (HearthConnectionBanner *self,
                                      HearthSession          *session)
{
  g_return_if_fail (HEARTH_IS_CONNECTION_BANNER (self));
  g_return_if_fail (session == NULL || HEARTH_IS_SESSION (session));

  if (self->session == session)
    return;

  unbind (self);
  self->caught_up = FALSE;
  self->verification_required = FALSE;

  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->connection = g_object_ref (hearth_session_get_connection (session));
      self->bus = g_object_ref (hearth_session_get_bus (session));

      g_signal_connect_object (self->connection, "notify::state",
                               G_CALLBACK (on_state_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "resynced",
                               G_CALLBACK (on_resynced_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->bus, "event::verification-required",
                               G_CALLBACK (on_verification_required_cb), self, G_CONNECT_SWAPPED);
    }

  update (self);
}

const char *
hearth_connection_banner_get_text (HearthConnectionBanner *self)
{
  g_return_val_if_fail (HEARTH_IS_CONNECTION_BANNER (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->revealer))
    return NULL;

  return gtk_label_get_text (self->label);
}

GtkLabel *
hearth_connection_banner_get_label (HearthConnectionBanner *self)
{
  g_return_val_if_fail (HEARTH_IS_CONNECTION_BANNER (self), NULL);

  return self->label;
}

static void
hearth_connection_banner_dispose (GObject *object)
{
  HearthConnectionBanner *self = HEARTH_CONNECTION_BANNER (object);

  unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_CONNECTION_BANNER);

  G_OBJECT_CLASS (hearth_connection_banner_parent_class)->dispose (object);
}

static void
hearth_connection_banner_class_init (HearthConnectionBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_connection_banner_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/widgets/hearth-connection-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthConnectionBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, HearthConnectionBanner, label);
  gtk_widget_class_bind_template_child (widget_class, HearthConnectionBanner, button);
  gtk_widget_class_bind_template_callback (widget_class, on_button_clicked_cb);
}

static void
hearth_connection_banner_init (HearthConnectionBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hearth_connection_banner_new (void)
{
  return g_object_new (HEARTH_TYPE_CONNECTION_BANNER, NULL);
}
