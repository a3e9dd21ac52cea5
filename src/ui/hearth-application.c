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
#include "hearth-avatar-cache.h"
#include "hearth-avatar.h"
#include "hearth-window.h"

/* Photos for HearthAvatar: one cache per process (memory LRU + $XDG_CACHE_HOME). */
static HearthAvatarCache *avatar_cache;

static void
avatar_load (const char          *url,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  hearth_avatar_cache_load_async (avatar_cache, url, cancellable, callback, user_data);
}

static GdkTexture *
avatar_finish (GAsyncResult  *result,
               GError       **error)
{
  g_autoptr(GBytes) bytes = hearth_avatar_cache_load_finish (avatar_cache, result, error);

  if (bytes == NULL)
    return NULL;

  return gdk_texture_new_from_bytes (bytes, error);
}

struct _HearthApplication
{
  AdwApplication  parent_instance;

  HearthAccounts *accounts;
  gboolean        want_demo;
  gboolean        started;
};

G_DEFINE_FINAL_TYPE (HearthApplication, hearth_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start the built-in demo server and sign in to it"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static HearthWindow *
get_window (HearthApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (hearth_window_new (ADW_APPLICATION (self), self->accounts));

  return HEARTH_WINDOW (window);
}

static void
demo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HearthApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hearth_accounts_start_demo_finish (self->accounts, result, &error))
    {
      g_warning ("%s", error->message);
      hearth_window_show_sign_in (get_window (self), error->message);
    }
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HearthApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (hearth_accounts_restore_finish (self->accounts, result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    hearth_window_show_sign_in (get_window (self), NULL);
  else
    hearth_window_show_sign_in (get_window (self), error->message);
}

static void
hearth_application_start (HearthApplication *self)
{
  HearthWindow *window = get_window (self);

  if (self->want_demo && !hearth_accounts_get_demo (self->accounts))
    {
      self->want_demo = FALSE;
      self->started = TRUE;
      if (hearth_accounts_get_session (self->accounts) != NULL)
        hearth_accounts_sign_out (self->accounts);
      hearth_window_show_loading (window);
      hearth_accounts_start_demo_async (self->accounts, NULL, demo_cb, g_object_ref (self));
      return;
    }

  if (self->started)
    return;

  self->started = TRUE;
  hearth_window_show_loading (window);
  hearth_accounts_restore_async (self->accounts, NULL, restore_cb, g_object_ref (self));
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
    self->want_demo = TRUE;

  g_application_activate (application);

  return EXIT_SUCCESS;
}

static void
hearth_application_activate (GApplication *application)
{
  HearthApplication *self = HEARTH_APPLICATION (application);

  hearth_application_start (self);
  gtk_window_present (GTK_WINDOW (get_window (self)));
}

static void
hearth_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (hearth_application_parent_class)->startup (application);

  if (avatar_cache == NULL)
    avatar_cache = hearth_avatar_cache_new (NULL);
  hearth_avatar_set_loader (avatar_load, avatar_finish);

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close", close_accels);
}

static void
hearth_application_shutdown (GApplication *application)
{
  HearthApplication *self = HEARTH_APPLICATION (application);

  /* Close the sockets and the demo server while the main context still runs. */
  hearth_accounts_shutdown (self->accounts);

  G_APPLICATION_CLASS (hearth_application_parent_class)->shutdown (application);
}

static void
hearth_application_dispose (GObject *object)
{
  HearthApplication *self = (HearthApplication *)object;

  g_clear_object (&self->accounts);

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

static void
hearth_application_open_chat_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  HearthApplication *self = user_data;
  HearthWindow *window = get_window (self);

  hearth_window_open_chat (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", hearth_application_quit_action },
  { "about", hearth_application_about_action },
  { "open-chat", hearth_application_open_chat_action, "s" },
};

static void
hearth_application_init (HearthApplication *self)
{
  self->accounts = hearth_accounts_new ();
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

HearthAccounts *
hearth_application_get_accounts (HearthApplication *self)
{
  g_return_val_if_fail (HEARTH_IS_APPLICATION (self), NULL);

  return self->accounts;
}
