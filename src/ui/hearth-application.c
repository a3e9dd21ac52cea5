/* hearth-application.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-application"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-application.h"
#include "hearth-demo.h"
#include "hearth-window.h"

struct _HearthApplication
{
  AdwApplication  parent_instance;

  /* owned */
  HearthDemo     *demo;
};

G_DEFINE_FINAL_TYPE (HearthApplication, hearth_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start the built-in demo server and sign in to it"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static void
hearth_application_start_demo (HearthApplication *self)
{
  g_autoptr(HearthDemo) demo = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (HEARTH_IS_APPLICATION (self));

  if (self->demo != NULL)
    return;

  /* On failure the demo keeps the reason in "error-message" and the window shows it. */
  demo = hearth_demo_new ();
  if (!hearth_demo_start (demo, &error))
    g_debug ("Demo not started: %s", error->message);

  self->demo = g_steal_pointer (&demo);
}

static int
hearth_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("hearth %s\n", PACKAGE_VERSION);
      return 0;
    }

  return G_APPLICATION_CLASS (hearth_application_parent_class)->handle_local_options (application,
                                                                                      options);
}

static int
hearth_application_command_line (GApplication            *application,
                                 GApplicationCommandLine *command_line)
{
  HearthApplication *self = HEARTH_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);

  /* Runs in the primary instance, also for `hearth --demo` started while Hearth runs. */
  if (g_variant_dict_contains (options, "demo"))
    hearth_application_start_demo (self);

  g_application_activate (application);

  return EXIT_SUCCESS;
}

static void
hearth_application_activate (GApplication *application)
{
  HearthApplication *self = HEARTH_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (hearth_window_new (ADW_APPLICATION (self), self->demo));
  else if (self->demo != NULL)
    hearth_window_set_demo (HEARTH_WINDOW (window), self->demo);

  gtk_window_present (window);
}

static void
hearth_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (hearth_application_parent_class)->startup (application);

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
}

static void
hearth_application_shutdown (GApplication *application)
{
  HearthApplication *self = HEARTH_APPLICATION (application);

  /* Close the socket and the server while the main context still runs. */
  if (self->demo != NULL)
    hearth_demo_stop (self->demo);

  G_APPLICATION_CLASS (hearth_application_parent_class)->shutdown (application);
}

static void
hearth_application_dispose (GObject *object)
{
  HearthApplication *self = (HearthApplication *)object;

  g_clear_object (&self->demo);

  G_OBJECT_CLASS (hearth_application_parent_class)->dispose (object);
}

static void
hearth_application_class_init (HearthApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = hearth_application_dispose;

  app_class->handle_local_options = hearth_application_handle_local_options;
  app_class->command_line = hearth_application_command_line;
  app_class->startup = hearth_application_startup;
  app_class->activate = hearth_application_activate;
  app_class->shutdown = hearth_application_shutdown;
}

static void
hearth_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  HearthApplication *self = user_data;

  g_assert (HEARTH_IS_APPLICATION (self));

  g_application_quit (G_APPLICATION (self));
}

static void
hearth_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  static const char *developers[] = { "The Hearth developers", NULL };
  HearthApplication *self = user_data;
  GtkWindow *window;

  g_assert (HEARTH_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (window,
                         "application-name", _("Hearth"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Chat with friends and follow your daily wellbeing"),
                         "developers", developers,
                         "copyright", "© 2026 The Hearth developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", hearth_application_quit_action },
  { "about", hearth_application_about_action },
};

static void
hearth_application_init (HearthApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
}

HearthApplication *
hearth_application_new (void)
{
  /* The resource base is fixed: the .Devel app ID must not move style.css and the
   * help overlay to another path. */
  return g_object_new (HEARTH_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/hearthchat/Hearth",
                       NULL);
}

HearthDemo *
hearth_application_get_demo (HearthApplication *self)
{
  g_return_val_if_fail (HEARTH_IS_APPLICATION (self), NULL);

  return self->demo;
}
