/* test-background.c: the autostart entry and the Background portal (a fake one on the
 * private session bus that tests/run-with-keyring.sh provides)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-background"

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "hearth-background.h"

#define APP_ID "io.github.hearthchat.Hearth"

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct {
  guint32   response;       /* what the fake portal answers */
  guint     calls;
  gboolean  autostart;
  char     *commandline;    /* joined with spaces */
  char     *reason;
} FakePortal;

static void
portal_method_cb (GDBusConnection       *bus,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface,
                  const char            *method,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  FakePortal *portal = user_data;
  g_autoptr(GVariant) options = NULL;
  g_autofree char *token = NULL;
  g_autofree char *sender_path = NULL;
  g_autofree char *handle = NULL;
  g_autofree const char **argv = NULL;
  GVariantBuilder results;
  const char *parent;

  g_variant_get (parameters, "(&s@a{sv})", &parent, &options);
  portal->calls++;
  g_variant_lookup (options, "autostart", "b", &portal->autostart);
  g_variant_lookup (options, "handle_token", "s", &token);
  g_clear_pointer (&portal->reason, g_free);
  g_variant_lookup (options, "reason", "s", &portal->reason);
  if (g_variant_lookup (options, "commandline", "^a&s", &argv))
    {
      g_free (portal->commandline);
      portal->commandline = g_strjoinv (" ", (char **) argv);
    }

  sender_path = g_strdup (sender + 1);
  g_strdelimit (sender_path, ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender_path, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", handle));

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background",
                         g_variant_new_boolean (portal->response == 0));
  g_variant_builder_add (&results, "{sv}", "autostart",
                         g_variant_new_boolean (portal->response == 0 && portal->autostart));
  g_dbus_connection_emit_signal (bus, sender, handle, "org.freedesktop.portal.Request",
                                 "Response", g_variant_new ("(ua{sv})", portal->response, &results),
                                 NULL);
}

static const GDBusInterfaceVTable portal_vtable = { portal_method_cb, NULL, NULL, { 0 } };

typedef struct {
  GAsyncResult *result;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static gboolean
request (HearthBackground  *background,
         gboolean           autostart,
         GError           **error)
{
  Wait wait = { NULL };
  gboolean ok;

  hearth_background_request_async (background, autostart, "", NULL, done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  ok = hearth_background_request_finish (background, wait.result, error);
  g_object_unref (wait.result);

  return ok;
}

/* Outside a sandbox: an XDG autostart entry that starts the service, and its removal. */
static void
test_autostart_entry (void)
{
  g_autoptr(HearthBackground) background = hearth_background_new_for_sandbox (APP_ID, FALSE);
  g_autofree char *path = hearth_background_dup_autostart_path (background);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_true (g_str_has_suffix (path, "/autostart/" APP_ID ".desktop"));
  g_assert_false (hearth_background_get_autostart (background));

  g_assert_true (request (background, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (hearth_background_get_autostart (background));
  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, NULL);
  g_assert_cmpstr (exec, ==, "hearth --gapplication-service");
  g_assert_true (g_key_file_get_boolean (entry, G_KEY_FILE_DESKTOP_GROUP,
                                         G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, NULL));

  /* Asking twice is harmless; off removes it, twice too. */
  g_assert_true (request (background, TRUE, &error));
  g_assert_true (request (background, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (hearth_background_get_autostart (background));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (request (background, FALSE, &error));
  g_assert_no_error (error);
}

/* A config directory that cannot be written: a clear error, nothing half-written. */
static void
test_autostart_unwritable (void)
{
  g_autoptr(HearthBackground) background = hearth_background_new_for_sandbox (APP_ID, FALSE);
  g_autofree char *path = hearth_background_dup_autostart_path (background);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  /* A file where the directory should be. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_rmdir (dir);
  g_assert_true (g_file_set_contents (dir, "not a directory", -1, NULL));

  g_assert_false (request (background, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_false (hearth_background_get_autostart (background));
  g_unlink (dir);
}

/* In Flatpak: the portal is asked, with the command line and autostart; a refusal is an
 * error. */
static void
test_portal (void)
{
  g_autoptr(HearthBackground) background = hearth_background_new_for_sandbox (APP_ID, TRUE);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GError) error = NULL;
  FakePortal portal = { 0 };
  g_autofree char *path = NULL;
  guint object_id, name_id;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (bus, "/org/freedesktop/portal/desktop",
                                                 node->interfaces[0], &portal_vtable, &portal,
                                                 NULL, &error);
  g_assert_no_error (error);
  name_id = g_bus_own_name_on_connection (bus, "org.freedesktop.portal.Desktop",
                                          G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);
  /* Let the name be taken before asking it. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_usleep (50000);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_false (hearth_background_get_autostart (background));

  portal.response = 0;
  g_assert_true (request (background, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (portal.calls, ==, 1);
  g_assert_true (portal.autostart);
  g_assert_cmpstr (portal.commandline, ==, "hearth --gapplication-service");
  g_assert_nonnull (portal.reason);

  portal.response = 1;
  g_assert_false (request (background, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (portal.calls, ==, 2);
  g_assert_false (portal.autostart);
  g_clear_error (&error);

  portal.response = 2;
  g_assert_false (request (background, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);

  /* No file was written in the sandbox. */
  path = hearth_background_dup_autostart_path (background);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_free (portal.commandline);
  g_free (portal.reason);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *config = g_dir_make_tmp ("hearth-background-XXXXXX", NULL);

  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/Background/autostart-entry", test_autostart_entry);
  g_test_add_func ("/Hearth/Background/autostart-unwritable", test_autostart_unwritable);
  g_test_add_func ("/Hearth/Background/portal", test_portal);

  return g_test_run ();
}
