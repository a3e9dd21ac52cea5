/* test-tray.c: HearthTray against a fake StatusNotifierWatcher on a private bus
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson through tests/run-with-bus.sh (a private, empty session bus; it sets
 * HEARTH_TEST_PRIVATE_BUS=1). The test plays the desktop: a StatusNotifierWatcher of its
 * own, and a tray host that reads the item and clicks it, both on a second connection of
 * their own, so every call really goes over the bus. Run bare, everything skips: the user's
 * bus may have a real watcher.
 */

#include "config.h"

#include <unistd.h>

#include "hearth-chat.h"
#include "hearth-test-util.h"
#include "hearth-tray.h"

#define WAIT_MS 10000
#define APP_ID  "io.github.hearthchat.Hearth"

static const char watcher_xml[] =
  "<node>"
  "  <interface name='org.kde.StatusNotifierWatcher'>"
  "    <method name='RegisterStatusNotifierItem'><arg type='s' name='service'/></method>"
  "    <method name='RegisterStatusNotifierHost'><arg type='s' name='service'/></method>"
  "    <property name='RegisteredStatusNotifierItems' type='as' access='read'/>"
  "    <property name='IsStatusNotifierHostRegistered' type='b' access='read'/>"
  "    <property name='ProtocolVersion' type='i' access='read'/>"
  "  </interface>"
  "</node>";

typedef struct
{
  GDBusConnection *host;       /* the desktop's connection: watcher and host */
  GDBusNodeInfo   *watcher_info;
  guint            watcher_reg_id;
  guint            watcher_own_id;
  gboolean         watcher_owned;
  GPtrArray       *registered; /* services given to RegisterStatusNotifierItem */
  GPtrArray       *senders;    /* their senders */

  HearthTray      *tray;
  guint            n_activate;
  guint            n_quit;

  GPtrArray       *item_signals; /* "NewStatus:NeedsAttention", "NewToolTip", ... */
  guint            item_signals_id;
} Fixture;

/* The fake watcher. */

static void
watcher_method_call (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  Fixture *f = user_data;
  const char *service;

  g_variant_get (parameters, "(&s)", &service);
  if (g_str_equal (method_name, "RegisterStatusNotifierItem"))
    {
      g_ptr_array_add (f->registered, g_strdup (service));
      g_ptr_array_add (f->senders, g_strdup (sender));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static GVariant *
watcher_get_property (GDBusConnection  *connection,
                      const char       *sender,
                      const char       *object_path,
                      const char       *interface_name,
                      const char       *property_name,
                      GError          **error,
                      gpointer          user_data)
{
  Fixture *f = user_data;

  if (g_str_equal (property_name, "RegisteredStatusNotifierItems"))
    return g_variant_new_strv ((const char * const *) f->registered->pdata, f->registered->len);
  if (g_str_equal (property_name, "IsStatusNotifierHostRegistered"))
    return g_variant_new_boolean (TRUE);
  return g_variant_new_int32 (0);
}

static const GDBusInterfaceVTable watcher_vtable = {
  watcher_method_call, watcher_get_property, NULL, { 0 }
};

static void
on_watcher_acquired_cb (GDBusConnection *connection,
                        const char      *name,
                        gpointer         user_data)
{
  ((Fixture *) user_data)->watcher_owned = TRUE;
}

static void
on_watcher_lost_cb (GDBusConnection *connection,
                    const char      *name,
                    gpointer         user_data)
{
  ((Fixture *) user_data)->watcher_owned = FALSE;
}

static void
watcher_start (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->watcher_reg_id = g_dbus_connection_register_object (f->host, HEARTH_TRAY_WATCHER_PATH,
                                                         f->watcher_info->interfaces[0],
                                                         &watcher_vtable, f, NULL, &error);
  g_assert_no_error (error);
  f->watcher_own_id = g_bus_own_name_on_connection (f->host, HEARTH_TRAY_WATCHER_NAME,
                                                    G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                                    on_watcher_acquired_cb, on_watcher_lost_cb,
                                                    f, NULL);
  g_assert_true (hearth_test_wait_for_flag (&f->watcher_owned, WAIT_MS));
}

static void
watcher_stop (Fixture *f)
{
  g_clear_handle_id (&f->watcher_own_id, g_bus_unown_name);
  if (f->watcher_reg_id != 0)
    g_dbus_connection_unregister_object (f->host, f->watcher_reg_id);
  f->watcher_reg_id = 0;
  f->watcher_owned = FALSE;
}

/* Calls from the host (async: the tray answers on this same main context). */

typedef struct
{
  GVariant *reply;
  GError   *error;
  gboolean  done;
} Call;

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &call->error);
  call->done = TRUE;
}

static GVariant *
host_call (Fixture     *f,
           const char  *path,
           const char  *interface,
           const char  *method,
           GVariant    *parameters,
           GError     **error)
{
  Call call = { NULL, NULL, FALSE };

  g_dbus_connection_call (f->host, hearth_tray_get_bus_name (f->tray), path, interface, method,
                          parameters, NULL, G_DBUS_CALL_FLAGS_NONE, WAIT_MS, NULL, call_cb,
                          &call);
  g_assert_true (hearth_test_wait_for_flag (&call.done, WAIT_MS + 1000));
  if (call.error != NULL)
    g_propagate_error (error, call.error);

  return call.reply;
}

static GVariant *
item_get (Fixture    *f,
          const char *path,
          const char *interface,
          const char *property)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = host_call (f, path, "org.freedesktop.DBus.Properties", "Get",
                                         g_variant_new ("(ss)", interface, property), &error);
  GVariant *value = NULL;

  g_assert_no_error (error);
  g_variant_get (reply, "(v)", &value);

  return value;
}

static char *
item_get_string (Fixture    *f,
                 const char *property)
{
  g_autoptr(GVariant) value = item_get (f, HEARTH_TRAY_ITEM_PATH, HEARTH_TRAY_ITEM_INTERFACE,
                                        property);

  return g_variant_dup_string (value, NULL);
}

/* The ToolTip's description. */
static char *
item_get_tooltip (Fixture *f)
{
  g_autoptr(GVariant) value = item_get (f, HEARTH_TRAY_ITEM_PATH, HEARTH_TRAY_ITEM_INTERFACE,
                                        "ToolTip");
  const char *icon, *title, *text;

  g_assert_cmpstr (g_variant_get_type_string (value), ==, "(sa(iiay)ss)");
  g_variant_get (value, "(&sa(iiay)&s&s)", &icon, NULL, &title, &text);
  g_assert_cmpstr (icon, ==, APP_ID);
  g_assert_cmpstr (title, ==, "Hearth");

  return g_strdup (text);
}

static void
on_item_signal_cb (GDBusConnection *connection,
                   const char      *sender,
                   const char      *path,
                   const char      *interface,
                   const char      *signal,
                   GVariant        *parameters,
                   gpointer         user_data)
{
  Fixture *f = user_data;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(s)")))
    {
      const char *arg;

      g_variant_get (parameters, "(&s)", &arg);
      g_ptr_array_add (f->item_signals, g_strconcat (signal, ":", arg, NULL));
    }
  else
    {
      g_ptr_array_add (f->item_signals, g_strdup (signal));
    }
}

/* Fixture. */

static void
on_activate_cb (HearthTray *tray,
                Fixture    *f)
{
  f->n_activate++;
}

static void
on_quit_cb (HearthTray *tray,
            Fixture    *f)
{
  f->n_quit++;
}

static void
tray_start (Fixture *f)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  f->tray = hearth_tray_new (bus, APP_ID);
  g_signal_connect (f->tray, "activate", G_CALLBACK (on_activate_cb), f);
  g_signal_connect (f->tray, "quit", G_CALLBACK (on_quit_cb), f);
  f->item_signals_id = g_dbus_connection_signal_subscribe (f->host, NULL,
                                                           HEARTH_TRAY_ITEM_INTERFACE, NULL,
                                                           HEARTH_TRAY_ITEM_PATH, NULL,
                                                           G_DBUS_SIGNAL_FLAGS_NONE,
                                                           on_item_signal_cb, f, NULL);
}

static gboolean
tray_available (gpointer data)
{
  return hearth_tray_get_available (HEARTH_TRAY (data));
}

static gboolean
wait_until (gboolean (*predicate) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * (gint64) 1000;

  while (!predicate (data) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  return predicate (data);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  f->host = g_dbus_connection_new_for_address_sync (address,
                                                    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                    G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                    NULL, NULL, &error);
  g_assert_no_error (error);
  f->watcher_info = g_dbus_node_info_new_for_xml (watcher_xml, &error);
  g_assert_no_error (error);
  f->registered = g_ptr_array_new_with_free_func (g_free);
  f->senders = g_ptr_array_new_with_free_func (g_free);
  f->item_signals = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->tray != NULL)
    g_assert_finalize_object (g_steal_pointer (&f->tray));
  if (f->item_signals_id != 0)
    g_dbus_connection_signal_unsubscribe (f->host, f->item_signals_id);
  watcher_stop (f);
  hearth_test_spin (50);
  g_dbus_connection_close_sync (f->host, NULL, NULL);
  g_clear_object (&f->host);
  g_dbus_node_info_unref (f->watcher_info);
  g_ptr_array_unref (f->registered);
  g_ptr_array_unref (f->senders);
  g_ptr_array_unref (f->item_signals);
}

static gboolean
has_signal (gpointer data)
{
  gpointer *args = data;
  GPtrArray *signals = args[0];

  for (guint i = 0; i < signals->len; i++)
    if (g_str_equal (g_ptr_array_index (signals, i), args[1]))
      return TRUE;

  return FALSE;
}

static void
wait_signal (Fixture    *f,
             const char *signal)
{
  gpointer args[2] = { f->item_signals, (gpointer) signal };

  g_assert_true (wait_until (has_signal, args));
}

/* Tests. */

static void
test_tray_registers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) owner = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *prefix = g_strdup_printf ("org.kde.StatusNotifierItem-%d-", (int) getpid ());
  const char *owner_name;

  watcher_start (f);
  tray_start (f);
  g_assert_true (wait_until (tray_available, f->tray));

  g_assert_cmpuint (f->registered->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->registered, 0), ==, hearth_tray_get_bus_name (f->tray));
  g_assert_true (g_str_has_prefix (hearth_tray_get_bus_name (f->tray), prefix));
  g_assert_cmpstr (g_ptr_array_index (f->senders, 0), ==, g_dbus_connection_get_unique_name (bus));

  /* The name the watcher was given is the tray's, on the app's connection. */
  owner = g_dbus_connection_call_sync (f->host, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "GetNameOwner",
                                       g_variant_new ("(s)", hearth_tray_get_bus_name (f->tray)),
                                       G_VARIANT_TYPE ("(s)"), G_DBUS_CALL_FLAGS_NONE, WAIT_MS,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (owner, "(&s)", &owner_name);
  g_assert_cmpstr (owner_name, ==, g_dbus_connection_get_unique_name (bus));
}

static void
test_tray_properties (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GVariant) item_is_menu = NULL;
  g_autoptr(GVariant) menu = NULL;
  g_autoptr(GVariant) version = NULL;
  g_autofree char *category = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *icon = NULL;
  g_autofree char *status = NULL;
  g_autofree char *tooltip = NULL;

  watcher_start (f);
  tray_start (f);
  g_assert_true (wait_until (tray_available, f->tray));

  category = item_get_string (f, "Category");
  id = item_get_string (f, "Id");
  title = item_get_string (f, "Title");
  icon = item_get_string (f, "IconName");
  status = item_get_string (f, "Status");
  tooltip = item_get_tooltip (f);
  g_assert_cmpstr (category, ==, "Communications");
  g_assert_cmpstr (id, ==, APP_ID);
  g_assert_cmpstr (title, ==, "Hearth");
  g_assert_cmpstr (icon, ==, APP_ID);
  g_assert_cmpstr (status, ==, "Active");
  g_assert_cmpstr (tooltip, ==, "No unread messages");

  item_is_menu = item_get (f, HEARTH_TRAY_ITEM_PATH, HEARTH_TRAY_ITEM_INTERFACE, "ItemIsMenu");
  g_assert_false (g_variant_get_boolean (item_is_menu));
  menu = item_get (f, HEARTH_TRAY_ITEM_PATH, HEARTH_TRAY_ITEM_INTERFACE, "Menu");
  g_assert_true (g_variant_is_of_type (menu, G_VARIANT_TYPE_OBJECT_PATH));
  g_assert_cmpstr (g_variant_get_string (menu, NULL), ==, HEARTH_TRAY_MENU_PATH);
  version = item_get (f, HEARTH_TRAY_MENU_PATH, HEARTH_TRAY_MENU_INTERFACE, "Version");
  g_assert_cmpuint (g_variant_get_uint32 (version), ==, 3);

  /* Unread messages: NeedsAttention, the count in the tooltip. */
  hearth_tray_set_unread (f->tray, 3);
  wait_signal (f, "NewStatus:NeedsAttention");
  wait_signal (f, "NewToolTip");
  g_clear_pointer (&status, g_free);
  g_clear_pointer (&tooltip, g_free);
  status = item_get_string (f, "Status");
  tooltip = item_get_tooltip (f);
  g_assert_cmpstr (status, ==, "NeedsAttention");
  g_assert_cmpstr (tooltip, ==, "3 unread messages");

  hearth_tray_set_unread (f->tray, 1);
  g_clear_pointer (&tooltip, g_free);
  tooltip = item_get_tooltip (f);
  g_assert_cmpstr (tooltip, ==, "1 unread message");

  /* Read: Active again. */
  hearth_tray_set_unread (f->tray, 0);
  wait_signal (f, "NewStatus:Active");
  g_clear_pointer (&status, g_free);
  status = item_get_string (f, "Status");
  g_assert_cmpstr (status, ==, "Active");
}

static void
test_tray_activate (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  watcher_start (f);
  tray_start (f);
  g_assert_true (wait_until (tray_available, f->tray));

  reply = host_call (f, HEARTH_TRAY_ITEM_PATH, HEARTH_TRAY_ITEM_INTERFACE, "Activate",
                     g_variant_new ("(ii)", 10, 20), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_activate, ==, 1);
  g_clear_pointer (&reply, g_variant_unref);

  reply = host_call (f, HEARTH_TRAY_ITEM_PATH, HEARTH_TRAY_ITEM_INTERFACE, "SecondaryActivate",
                     g_variant_new ("(ii)", 10, 20), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_activate, ==, 2);
  g_clear_pointer (&reply, g_variant_unref);

  /* The host shows the menu itself; scrolling does nothing. */
  reply = host_call (f, HEARTH_TRAY_ITEM_PATH, HEARTH_TRAY_ITEM_INTERFACE, "ContextMenu",
                     g_variant_new ("(ii)", 10, 20), &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, g_variant_unref);
  reply = host_call (f, HEARTH_TRAY_ITEM_PATH, HEARTH_TRAY_ITEM_INTERFACE, "Scroll",
                     g_variant_new ("(is)", 120, "vertical"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_activate, ==, 2);
  g_assert_cmpuint (f->n_quit, ==, 0);
}

/* The label of item @id in a layout's children (NULL when absent). */
static char *
layout_child_label (GVariant *layout,
                    int       id)
{
  g_autoptr(GVariantIter) children = NULL;
  GVariant *child;
  int root_id;

  g_variant_get (layout, "(ia{sv}av)", &root_id, NULL, &children);
  g_assert_cmpint (root_id, ==, HEARTH_TRAY_MENU_ROOT);
  while (g_variant_iter_next (children, "v", &child))
    {
      g_autoptr(GVariant) item = child;
      g_autoptr(GVariant) props = g_variant_get_child_value (item, 1);
      const char *label = NULL;
      int child_id;

      g_variant_get_child (item, 0, "i", &child_id);
      if (child_id == id && g_variant_lookup (props, "label", "&s", &label))
        return g_strdup (label);
    }

  return NULL;
}

static void
test_tray_menu (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) layout = NULL;
  g_autoptr(GVariant) props = NULL;
  g_autofree char *open_label = NULL;
  g_autofree char *quit_label = NULL;
  const char *no_names[] = { NULL };
  const char *label_only[] = { "label", NULL };
  const int ids[] = { HEARTH_TRAY_MENU_OPEN, HEARTH_TRAY_MENU_QUIT };
  guint revision;
  gboolean need_update = TRUE;

  watcher_start (f);
  tray_start (f);
  g_assert_true (wait_until (tray_available, f->tray));

  reply = host_call (f, HEARTH_TRAY_MENU_PATH, HEARTH_TRAY_MENU_INTERFACE, "GetLayout",
                     g_variant_new ("(ii^as)", 0, -1, no_names), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_type_string (reply), ==, "(u(ia{sv}av))");
  g_variant_get (reply, "(u@(ia{sv}av))", &revision, &layout);
  open_label = layout_child_label (layout, HEARTH_TRAY_MENU_OPEN);
  quit_label = layout_child_label (layout, HEARTH_TRAY_MENU_QUIT);
  g_assert_cmpstr (open_label, ==, "Open Hearth");
  g_assert_cmpstr (quit_label, ==, "Quit");
  g_clear_pointer (&reply, g_variant_unref);

  reply = host_call (f, HEARTH_TRAY_MENU_PATH, HEARTH_TRAY_MENU_INTERFACE, "GetGroupProperties",
                     g_variant_new ("(@ai^as)",
                                    g_variant_new_fixed_array (G_VARIANT_TYPE_INT32, ids, 2,
                                                               sizeof (int)),
                                    label_only),
                     &error);
  g_assert_no_error (error);
  props = g_variant_get_child_value (reply, 0);
  g_assert_cmpuint (g_variant_n_children (props), ==, 2);
  g_clear_pointer (&reply, g_variant_unref);

  reply = host_call (f, HEARTH_TRAY_MENU_PATH, HEARTH_TRAY_MENU_INTERFACE, "AboutToShow",
                     g_variant_new ("(i)", 0), &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &need_update);
  g_assert_false (need_update);
  g_clear_pointer (&reply, g_variant_unref);

  /* Hovering does nothing; clicking "Quit" quits, "Open Hearth" activates. */
  reply = host_call (f, HEARTH_TRAY_MENU_PATH, HEARTH_TRAY_MENU_INTERFACE, "Event",
                     g_variant_new ("(isvu)", HEARTH_TRAY_MENU_QUIT, "hovered",
                                    g_variant_new_int32 (0), 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_quit, ==, 0);
  g_clear_pointer (&reply, g_variant_unref);

  reply = host_call (f, HEARTH_TRAY_MENU_PATH, HEARTH_TRAY_MENU_INTERFACE, "Event",
                     g_variant_new ("(isvu)", HEARTH_TRAY_MENU_QUIT, "clicked",
                                    g_variant_new_int32 (0), 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_quit, ==, 1);
  g_assert_cmpuint (f->n_activate, ==, 0);
  g_clear_pointer (&reply, g_variant_unref);

  reply = host_call (f, HEARTH_TRAY_MENU_PATH, HEARTH_TRAY_MENU_INTERFACE, "Event",
                     g_variant_new ("(isvu)", HEARTH_TRAY_MENU_OPEN, "clicked",
                                    g_variant_new_int32 (0), 0), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_activate, ==, 1);
  g_clear_pointer (&reply, g_variant_unref);

  /* An item that does not exist. */
  reply = host_call (f, HEARTH_TRAY_MENU_PATH, HEARTH_TRAY_MENU_INTERFACE, "Event",
                     g_variant_new ("(isvu)", 42, "clicked", g_variant_new_int32 (0), 0),
                     &error);
  g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
  g_assert_null (reply);
  g_assert_cmpuint (f->n_quit, ==, 1);
}

typedef struct
{
  GDBusConnection *connection;
  const char      *name;
} NameQuery;

static gboolean
name_has_owner (gpointer data)
{
  NameQuery *query = data;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (query->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", query->name),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, WAIT_MS,
                                       NULL, NULL);

  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

static gboolean
tray_unavailable (gpointer data)
{
  return !hearth_tray_get_available (HEARTH_TRAY (data));
}

static void
test_tray_watcher_later (Fixture       *f,
                         gconstpointer  data)
{
  NameQuery query = { NULL, NULL };

  /* No watcher: no tray, but the item is on the bus, waiting. */
  tray_start (f);
  query.connection = f->host;
  query.name = hearth_tray_get_bus_name (f->tray);
  g_assert_true (wait_until (name_has_owner, &query));
  hearth_test_spin (50);
  g_assert_false (hearth_tray_get_available (f->tray));
  g_assert_cmpuint (f->registered->len, ==, 0);

  /* A watcher appears (the desktop's tray started): the item registers. */
  watcher_start (f);
  g_assert_true (wait_until (tray_available, f->tray));
  g_assert_cmpuint (f->registered->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->registered, 0), ==, hearth_tray_get_bus_name (f->tray));

  /* It goes away, and comes back: registered again. */
  watcher_stop (f);
  g_assert_true (wait_until (tray_unavailable, f->tray));
  watcher_start (f);
  g_assert_true (wait_until (tray_available, f->tray));
  g_assert_cmpuint (f->registered->len, ==, 2);
}

static HearthChat *
chat_with_unread (const char *id,
                  guint       unread)
{
  HearthChat *chat = hearth_chat_new (id);

  hearth_chat_set_unread (chat, unread);
  return chat;
}

static void
test_tray_chats (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GListStore) chats = g_list_store_new (HEARTH_TYPE_CHAT);
  g_autoptr(HearthChat) a = chat_with_unread ("a", 2);
  g_autoptr(HearthChat) b = chat_with_unread ("b", 1);
  g_autoptr(HearthChat) c = chat_with_unread ("c", 5);
  g_autofree char *tooltip = NULL;

  watcher_start (f);
  tray_start (f);
  g_assert_true (wait_until (tray_available, f->tray));

  g_list_store_append (chats, a);
  g_list_store_append (chats, b);
  hearth_tray_set_chats (f->tray, G_LIST_MODEL (chats));
  g_assert_cmpuint (hearth_tray_get_unread (f->tray), ==, 3);
  tooltip = item_get_tooltip (f);
  g_assert_cmpstr (tooltip, ==, "3 unread messages");

  hearth_chat_set_unread (a, 0);
  g_assert_cmpuint (hearth_tray_get_unread (f->tray), ==, 1);
  g_list_store_insert (chats, 0, c);
  g_assert_cmpuint (hearth_tray_get_unread (f->tray), ==, 6);
  /* A reorder (the chat list moves a chat to the top) counts each chat once. */
  g_list_store_remove (chats, 2);
  g_list_store_insert (chats, 0, b);
  g_assert_cmpuint (hearth_tray_get_unread (f->tray), ==, 6);
  g_list_store_remove (chats, 1);
  g_assert_cmpuint (hearth_tray_get_unread (f->tray), ==, 1);
  hearth_chat_set_unread (c, 9);
  g_assert_cmpuint (hearth_tray_get_unread (f->tray), ==, 1);
  hearth_chat_set_unread (b, 4);
  g_assert_cmpuint (hearth_tray_get_unread (f->tray), ==, 4);

  /* Unset: the chats are no longer followed. */
  hearth_tray_set_chats (f->tray, NULL);
  hearth_chat_set_unread (b, 7);
  g_assert_cmpuint (hearth_tray_get_unread (f->tray), ==, 4);
}

static void
skip_without_private_bus (void)
{
  g_test_skip ("needs tests/run-with-bus.sh (a private session bus: it plays the desktop)");
}

int
main (int   argc,
      char *argv[])
{
  gboolean private_bus = g_strcmp0 (g_getenv ("HEARTH_TEST_PRIVATE_BUS"), "1") == 0;

  g_test_init (&argc, &argv, NULL);

  if (!private_bus)
    {
      g_test_add_func ("/Hearth/Tray/private-bus", skip_without_private_bus);
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/Hearth/Tray/registers", test_tray_registers);
  ADD ("/Hearth/Tray/properties", test_tray_properties);
  ADD ("/Hearth/Tray/activate", test_tray_activate);
  ADD ("/Hearth/Tray/menu", test_tray_menu);
  ADD ("/Hearth/Tray/watcher-later", test_tray_watcher_later);
  ADD ("/Hearth/Tray/chats", test_tray_chats);
#undef ADD

  return g_test_run ();
}
