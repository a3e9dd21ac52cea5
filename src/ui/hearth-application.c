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
#include "hearth-background.h"
#include "hearth-notifier.h"
#include "hearth-settings.h"
#include "hearth-store.h"
#include "hearth-tray.h"
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
  GSettings      *settings;          /* nullable: no schema installed */

  /* The desktop side of the signed-in session (DESIGN.md §7): made when it is signed in,
   * dropped when it signs out. */
  HearthSession  *desktop_session;
  HearthNotifier *notifier;
  HearthTray     *tray;
  HearthBackground *background;

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

/* Notifications and the tray icon. */

static void
on_tray_activate_cb (HearthApplication *self)
{
  /* Shows the (maybe hidden, running in the background) window. */
  g_application_activate (G_APPLICATION (self));
}

static void
on_tray_quit_cb (HearthApplication *self)
{
  g_application_quit (G_APPLICATION (self));
}

static void
drop_desktop_objects (HearthApplication *self)
{
  /* The notifier withdraws what it showed. */
  g_clear_object (&self->notifier);
  if (self->tray != NULL)
    g_signal_handlers_disconnect_by_data (self->tray, self);
  g_clear_object (&self->tray);
}

static void
sync_desktop_objects (HearthApplication *self)
{
  HearthSession *session = self->desktop_session;
  GDBusConnection *connection;

  if (session == NULL || hearth_session_get_state (session) != HEARTH_SESSION_SIGNED_IN)
    {
      drop_desktop_objects (self);
      return;
    }

  if (self->notifier != NULL)
    return;

  self->notifier = hearth_notifier_new (G_APPLICATION (self), session);
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "notifications", self->notifier, "enabled",
                       G_SETTINGS_BIND_GET);
      g_settings_bind (self->settings, "notification-content", self->notifier, "show-content",
                       G_SETTINGS_BIND_GET);
    }

  /* Not registered on a bus (no session bus): no tray. */
  connection = g_application_get_dbus_connection (G_APPLICATION (self));
  if (connection == NULL)
    return;

  self->tray = hearth_tray_new (connection, APPLICATION_ID);
  hearth_tray_set_chats (self->tray, hearth_store_get_chats (hearth_session_get_store (session)));
  g_signal_connect_object (self->tray, "activate",
                           G_CALLBACK (on_tray_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tray, "quit",
                           G_CALLBACK (on_tray_quit_cb), self, G_CONNECT_SWAPPED);
}

static void
on_session_changed_cb (HearthApplication *self)
{
  HearthSession *session = hearth_accounts_get_session (self->accounts);

  if (session != self->desktop_session)
    {
      drop_desktop_objects (self);
      if (self->desktop_session != NULL)
        g_signal_handlers_disconnect_by_data (self->desktop_session, self);
      g_set_object (&self->desktop_session, session);
      if (session != NULL)
        g_signal_connect_object (session, "notify::state",
                                 G_CALLBACK (sync_desktop_objects), self, G_CONNECT_SWAPPED);
    }

  sync_desktop_objects (self);
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

/* Background and autostart (DESIGN.md §7): the preferences' "start-at-login" writes or
 * removes the autostart entry, or asks the Background portal in Flatpak, which also has to
 * allow running without a window. A refusal turns the switch back off. */
static void
background_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HearthApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (hearth_background_request_finish (HEARTH_BACKGROUND (object), result, &error))
    return;

  g_message ("Running in the background or at login not allowed: %s", error->message);
  if (self->settings != NULL && g_settings_get_boolean (self->settings, "start-at-login"))
    g_settings_set_boolean (self->settings, "start-at-login", FALSE);
}

static void
request_background (HearthApplication *self)
{
  gboolean autostart = g_settings_get_boolean (self->settings, "start-at-login");

  /* Outside a sandbox only the autostart entry needs writing; inside, the portal is asked
   * whenever either switch wants it. */
  if (!hearth_background_get_sandboxed (self->background) ||
      autostart || g_settings_get_boolean (self->settings, "run-in-background"))
    hearth_background_request_async (self->background, autostart, "", NULL, background_cb,
                                     g_object_ref (self));
}

static void
hearth_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  HearthApplication *self = HEARTH_APPLICATION (application);

  G_APPLICATION_CLASS (hearth_application_parent_class)->startup (application);

  if (avatar_cache == NULL)
    avatar_cache = hearth_avatar_cache_new (NULL);
  hearth_avatar_set_loader (avatar_load, avatar_finish);

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "window.close", close_accels);

  /* Notifications and the tray follow the signed-in session (the primary instance only). */
  self->settings = hearth_settings_new ();
  g_signal_connect_object (self->accounts, "notify::session",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  on_session_changed_cb (self);

  self->background = hearth_background_new (APPLICATION_ID);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::start-at-login",
                               G_CALLBACK (request_background), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::run-in-background",
                               G_CALLBACK (request_background), self, G_CONNECT_SWAPPED);
      if (hearth_background_get_sandboxed (self->background))
        request_background (self);
    }

  /* Started at login (`hearth --gapplication-service`): sign in with no window shown; the
   * window appears when the app is activated (launcher, tray, notification). */
  if (g_application_get_flags (application) & G_APPLICATION_IS_SERVICE)
    hearth_application_start (self);
}

static void
hearth_application_shutdown (GApplication *application)
{
  HearthApplication *self = HEARTH_APPLICATION (application);

  /* Withdraw the notifications and leave the tray while the bus connection is up. */
  drop_desktop_objects (self);
  if (self->desktop_session != NULL)
    g_signal_handlers_disconnect_by_data (self->desktop_session, self);
  g_clear_object (&self->desktop_session);

  /* Close the sockets and the demo server while the main context still runs. */
  hearth_accounts_shutdown (self->accounts);

  G_APPLICATION_CLASS (hearth_application_parent_class)->shutdown (application);
}

static void
hearth_application_dispose (GObject *object)
{
  HearthApplication *self = (HearthApplication *)object;

  drop_desktop_objects (self);
  g_clear_object (&self->desktop_session);
  g_clear_object (&self->settings);
  g_clear_object (&self->background);
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

/* The notification's "Mark as read" button. */
static void
hearth_application_mark_read_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  HearthApplication *self = user_data;

  g_assert (HEARTH_IS_APPLICATION (self));

  if (self->notifier != NULL)
    hearth_notifier_mark_read (self->notifier, g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { "quit", hearth_application_quit_action },
  { "about", hearth_application_about_action },
  { "open-chat", hearth_application_open_chat_action, "s" },
  { "mark-read", hearth_application_mark_read_action, "s" },
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
