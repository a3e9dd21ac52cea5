/* hearth-background.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-background"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hearth-background.h"

#define PORTAL_BUS_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH   "/org/freedesktop/portal/desktop"
#define PORTAL_BACKGROUND    "org.freedesktop.portal.Background"
#define PORTAL_REQUEST       "org.freedesktop.portal.Request"

struct _HearthBackground
{
  GObject   parent_instance;

  char     *app_id;
  gboolean  sandboxed;
};

G_DEFINE_FINAL_TYPE (HearthBackground, hearth_background, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APP_ID,
  PROP_SANDBOXED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
hearth_background_dup_autostart_path (HearthBackground *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (HEARTH_IS_BACKGROUND (self), NULL);

  name = g_strconcat (self->app_id, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

gboolean
hearth_background_get_autostart (HearthBackground *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (HEARTH_IS_BACKGROUND (self), FALSE);

  if (self->sandboxed)
    return FALSE;

  path = hearth_background_dup_autostart_path (self);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* Writes (atomically) or removes the XDG autostart entry. */
static gboolean
set_autostart_entry (HearthBackground  *self,
                     gboolean           autostart,
                     GError           **error)
{
  g_autofree char *path = hearth_background_dup_autostart_path (self);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GKeyFile) entry = NULL;
  g_autofree char *data = NULL;

  if (!autostart)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not remove %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  entry = g_key_file_new ();
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME, "Hearth");
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Keeps Hearth connected for notifications"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC,
                         "hearth --gapplication-service");
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON,
                         self->app_id);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);

  data = g_key_file_to_data (entry, NULL, NULL);

  return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/* The portal {{{ */

typedef struct {
  GDBusConnection *bus;
  char            *handle_path;
  guint            response_id;
  gulong           cancel_id;
} PortalCall;

static void
portal_call_free (PortalCall *call)
{
  if (call->response_id != 0)
    g_dbus_connection_signal_unsubscribe (call->bus, call->response_id);
  g_clear_object (&call->bus);
  g_free (call->handle_path);
  g_free (call);
}

static void
on_response_cb (GDBusConnection *bus,
                const char      *sender,
                const char      *object_path,
                const char      *interface,
                const char      *signal,
                GVariant        *parameters,
                gpointer         user_data)
{
  GTask *task = G_TASK (user_data);
  PortalCall *call = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  guint32 response = 2;
  gboolean background = FALSE;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);

  g_dbus_connection_signal_unsubscribe (bus, call->response_id);
  call->response_id = 0;

  if (response == 0 && background)
    g_task_return_boolean (task, TRUE);
  else if (response == 1)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("Running in the background was not allowed"));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("Running in the background was not allowed"));

  g_object_unref (task);
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_dbus_error_strip_remote_error (error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The Response signal on the request handle finishes the task (subscribed before the
   * call, on the predicted handle, so it cannot be missed); keep the task alive for it. */
  g_steal_pointer (&task);
}

static void
request_portal (HearthBackground *self,
                GTask            *task,
                gboolean          autostart,
                const char       *parent_window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *reason = NULL;
  GVariantBuilder options;
  GVariantBuilder commandline;
  PortalCall *call;

  if (bus == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* The request's object path follows from our unique name and a token of ours. */
  token = g_strdup_printf ("hearth%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);
  g_strdelimit (sender, ".", '_');

  call = g_new0 (PortalCall, 1);
  call->bus = g_object_ref (bus);
  call->handle_path = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s",
                                       sender, token);
  g_task_set_task_data (task, call, (GDestroyNotify) portal_call_free);
  call->response_id = g_dbus_connection_signal_subscribe (bus, PORTAL_BUS_NAME, PORTAL_REQUEST,
                                                          "Response", call->handle_path, NULL,
                                                          G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                                          on_response_cb, task, NULL);

  reason = g_strdup (_("Hearth stays connected to show new messages"));
  g_variant_builder_init (&commandline, G_VARIANT_TYPE ("as"));
  g_variant_builder_add (&commandline, "s", "hearth");
  g_variant_builder_add (&commandline, "s", "--gapplication-service");

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason", g_variant_new_string (reason));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_builder_end (&commandline));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH, PORTAL_BACKGROUND,
                          "RequestBackground",
                          g_variant_new ("(sa{sv})", parent_window != NULL ? parent_window : "",
                                         &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), request_cb, task);
}

/* }}} */

void
hearth_background_request_async (HearthBackground   *self,
                                  gboolean            autostart,
                                  const char         *parent_window,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  GTask *task;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HEARTH_IS_BACKGROUND (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_background_request_async);

  if (self->sandboxed)
    {
      request_portal (self, task, autostart, parent_window);
      return;
    }

  if (set_autostart_entry (self, autostart, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
}

gboolean
hearth_background_request_finish (HearthBackground  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
hearth_background_finalize (GObject *object)
{
  HearthBackground *self = HEARTH_BACKGROUND (object);

  g_free (self->app_id);

  G_OBJECT_CLASS (hearth_background_parent_class)->finalize (object);
}

static void
hearth_background_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HearthBackground *self = HEARTH_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_APP_ID:
      g_value_set_string (value, self->app_id);
      break;

    case PROP_SANDBOXED:
      g_value_set_boolean (value, self->sandboxed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_background_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HearthBackground *self = HEARTH_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_APP_ID:
      self->app_id = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_background_class_init (HearthBackgroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hearth_background_finalize;
  object_class->get_property = hearth_background_get_property;
  object_class->set_property = hearth_background_set_property;

  properties[PROP_APP_ID] =
    g_param_spec_string ("app-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SANDBOXED] =
    g_param_spec_boolean ("sandboxed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_background_init (HearthBackground *self)
{
}

HearthBackground *
hearth_background_new_for_sandbox (const char *app_id,
                                   gboolean    sandboxed)
{
  HearthBackground *self;

  g_return_val_if_fail (app_id != NULL && g_application_id_is_valid (app_id), NULL);

  self = g_object_new (HEARTH_TYPE_BACKGROUND, "app-id", app_id, NULL);
  self->sandboxed = sandboxed;

  return self;
}

HearthBackground *
hearth_background_new (const char *app_id)
{
  return hearth_background_new_for_sandbox (app_id,
                                            g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS));
}

gboolean
hearth_background_get_sandboxed (HearthBackground *self)
{
  g_return_val_if_fail (HEARTH_IS_BACKGROUND (self), FALSE);

  return self->sandboxed;
}
