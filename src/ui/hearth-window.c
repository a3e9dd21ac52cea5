/* hearth-window.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-demo.h"
#include "hearth-event-record.h"
#include "hearth-window-private.h"

struct _HearthWindow
{
  AdwApplicationWindow  parent_instance;

  /* template widgets */
  GtkStack             *stack;
  AdwStatusPage        *welcome_page;
  AdwStatusPage        *status_page;
  GtkStack             *events_stack;
  GtkListView          *events_view;
  GtkNoSelection       *events_selection;

  /* owned */
  HearthDemo           *demo;
};

G_DEFINE_FINAL_TYPE (HearthWindow, hearth_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Expression closures of hearth-window.ui. They only map values to presentation; the state
 * itself lives in HearthDemo. Returned strings are owned by the caller (GTK). */

static char *
page_for_demo (HearthWindow *self,
               HearthDemo   *demo)
{
  return g_strdup (demo != NULL ? "demo" : "welcome");
}

static char *
events_page_for_count (HearthWindow *self,
                       guint         n_items)
{
  return g_strdup (n_items > 0 ? "events" : "empty");
}

static char *
status_icon_name (HearthWindow          *self,
                  HearthConnectionState  state,
                  const char            *error_message)
{
  switch (state)
    {
    case HEARTH_CONNECTION_CONNECTED:
      return g_strdup ("network-transmit-receive-symbolic");

    case HEARTH_CONNECTION_RECONNECTING:
    case HEARTH_CONNECTION_STOPPED:
      return g_strdup ("network-offline-symbolic");

    case HEARTH_CONNECTION_CONNECTING:
      return g_strdup ("content-loading-symbolic");

    case HEARTH_CONNECTION_DISCONNECTED:
    default:
      /* Not started: either starting right now or the server failed to start. */
      return g_strdup (error_message != NULL ? "dialog-error-symbolic" : "content-loading-symbolic");
    }
}

static char *
status_title (HearthWindow          *self,
              HearthConnectionState  state,
              const char            *error_message)
{
  switch (state)
    {
    case HEARTH_CONNECTION_CONNECTED:
      return g_strdup (_("Connected to the demo server"));

    case HEARTH_CONNECTION_CONNECTING:
      return g_strdup (_("Connecting…"));

    case HEARTH_CONNECTION_RECONNECTING:
      return g_strdup (_("Reconnecting…"));

    case HEARTH_CONNECTION_STOPPED:
      return g_strdup (_("Disconnected"));

    case HEARTH_CONNECTION_DISCONNECTED:
    default:
      return g_strdup (error_message != NULL ? _("The demo could not start")
                                             : _("Starting the demo server…"));
    }
}

static const char *
framing_label (HearthFraming framing)
{
  switch (framing)
    {
    case HEARTH_FRAMING_SOCKET_IO:
      return _("Socket.IO");

    case HEARTH_FRAMING_ENVELOPE:
      return _("JSON envelope");

    case HEARTH_FRAMING_AUTO:
    default:
      return NULL;
    }
}

static char *
status_description (HearthWindow          *self,
                    HearthConnectionState  state,
                    const char            *error_message,
                    const char            *url,
                    HearthFraming          framing)
{
  const char *framing_name = framing_label (framing);
  g_autofree char *text = NULL;

  switch (state)
    {
    case HEARTH_CONNECTION_CONNECTED:
      if (framing_name != NULL)
        /* Translators: "http://127.0.0.1:PORT over Socket.IO" */
        text = g_strdup_printf (_("%s over %s"), url, framing_name);
      else
        text = g_strdup (url);
      break;

    case HEARTH_CONNECTION_CONNECTING:
      text = g_strdup (url);
      break;

    case HEARTH_CONNECTION_RECONNECTING:
      text = g_strdup (error_message != NULL ? error_message
                                             : _("The connection to the demo server was lost"));
      break;

    case HEARTH_CONNECTION_STOPPED:
      text = g_strdup (error_message != NULL ? error_message : _("The connection is closed"));
      break;

    case HEARTH_CONNECTION_DISCONNECTED:
    default:
      text = g_strdup (error_message);
      break;
    }

  /* The description is Pango markup; URLs and server messages are plain text. */
  return text != NULL ? g_markup_escape_text (text, -1) : NULL;
}

static void
hearth_window_dispose (GObject *object)
{
  HearthWindow *self = (HearthWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_WINDOW);
  g_clear_object (&self->demo);

  G_OBJECT_CLASS (hearth_window_parent_class)->dispose (object);
}

static void
hearth_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HearthWindow *self = HEARTH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DEMO:
      g_value_set_object (value, self->demo);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HearthWindow *self = HEARTH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DEMO:
      hearth_window_set_demo (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_window_class_init (HearthWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_window_dispose;
  object_class->get_property = hearth_window_get_property;
  object_class->set_property = hearth_window_set_property;

  /* Not construct-only: set after the template exists, its notify updates the bindings. */
  properties[PROP_DEMO] =
    g_param_spec_object ("demo", NULL, NULL,
                         HEARTH_TYPE_DEMO,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/hearth-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, events_stack);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, events_view);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, events_selection);
  gtk_widget_class_bind_template_callback (widget_class, page_for_demo);
  gtk_widget_class_bind_template_callback (widget_class, events_page_for_count);
  gtk_widget_class_bind_template_callback (widget_class, status_icon_name);
  gtk_widget_class_bind_template_callback (widget_class, status_title);
  gtk_widget_class_bind_template_callback (widget_class, status_description);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);

  g_type_ensure (HEARTH_TYPE_DEMO);
  g_type_ensure (HEARTH_TYPE_EVENT_RECORD);
}

static void
hearth_window_init (HearthWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/**
 * hearth_window_new:
 * @application: the application
 * @demo: (nullable): the demo to show, or %NULL for the sign-in placeholder
 *
 * Returns: (transfer full): a new #HearthWindow
 */
HearthWindow *
hearth_window_new (AdwApplication *application,
                   HearthDemo     *demo)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (demo == NULL || HEARTH_IS_DEMO (demo), NULL);

  return g_object_new (HEARTH_TYPE_WINDOW,
                       "application", application,
                       "demo", demo,
                       NULL);
}

HearthDemo *
hearth_window_get_demo (HearthWindow *self)
{
  g_return_val_if_fail (HEARTH_IS_WINDOW (self), NULL);

  return self->demo;
}

void
hearth_window_set_demo (HearthWindow *self,
                        HearthDemo   *demo)
{
  g_return_if_fail (HEARTH_IS_WINDOW (self));
  g_return_if_fail (demo == NULL || HEARTH_IS_DEMO (demo));

  if (g_set_object (&self->demo, demo))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

const char *
_hearth_window_get_page (HearthWindow *self)
{
  g_return_val_if_fail (HEARTH_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

AdwStatusPage *
_hearth_window_get_welcome_page (HearthWindow *self)
{
  g_return_val_if_fail (HEARTH_IS_WINDOW (self), NULL);

  return self->welcome_page;
}

AdwStatusPage *
_hearth_window_get_status_page (HearthWindow *self)
{
  g_return_val_if_fail (HEARTH_IS_WINDOW (self), NULL);

  return self->status_page;
}

const char *
_hearth_window_get_events_page (HearthWindow *self)
{
  g_return_val_if_fail (HEARTH_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->events_stack);
}

GtkListView *
_hearth_window_get_events_view (HearthWindow *self)
{
  g_return_val_if_fail (HEARTH_IS_WINDOW (self), NULL);

  return self->events_view;
}
