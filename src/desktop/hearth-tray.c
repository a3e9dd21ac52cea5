/* hearth-tray.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-tray"

#include "config.h"

#include <unistd.h>
#include <glib/gi18n.h>

#include "hearth-chat.h"
#include "hearth-tray.h"
#include "hearth-utils.h"

/* The dbusmenu layout never changes: one revision. */
#define MENU_REVISION 1

static const char introspection_xml[] =
  "<node>"
  "<interface name='org.kde.StatusNotifierItem'>"
  "  <property name='Category' type='s' access='read'/>"
  "  <property name='Id' type='s' access='read'/>"
  "  <property name='Title' type='s' access='read'/>"
  "  <property name='Status' type='s' access='read'/>"
  "  <property name='WindowId' type='i' access='read'/>"
  "  <property name='IconName' type='s' access='read'/>"
  "  <property name='IconPixmap' type='a(iiay)' access='read'/>"
  "  <property name='OverlayIconName' type='s' access='read'/>"
  "  <property name='OverlayIconPixmap' type='a(iiay)' access='read'/>"
  "  <property name='AttentionIconName' type='s' access='read'/>"
  "  <property name='AttentionIconPixmap' type='a(iiay)' access='read'/>"
  "  <property name='AttentionMovieName' type='s' access='read'/>"
  "  <property name='ToolTip' type='(sa(iiay)ss)' access='read'/>"
  "  <property name='ItemIsMenu' type='b' access='read'/>"
  "  <property name='Menu' type='o' access='read'/>"
  "  <method name='ContextMenu'><arg type='i' name='x'/><arg type='i' name='y'/></method>"
  "  <method name='Activate'><arg type='i' name='x'/><arg type='i' name='y'/></method>"
  "  <method name='SecondaryActivate'><arg type='i' name='x'/><arg type='i' name='y'/></method>"
  "  <method name='Scroll'><arg type='i' name='delta'/><arg type='s' name='orientation'/></method>"
  "  <signal name='NewTitle'/><signal name='NewIcon'/><signal name='NewAttentionIcon'/>"
  "  <signal name='NewOverlayIcon'/><signal name='NewToolTip'/>"
  "  <signal name='NewStatus'><arg type='s' name='status'/></signal>"
  "</interface>"
  "<interface name='com.canonical.dbusmenu'>"
  "  <property name='Version' type='u' access='read'/>"
  "  <property name='TextDirection' type='s' access='read'/>"
  "  <property name='Status' type='s' access='read'/>"
  "  <property name='IconThemePath' type='as' access='read'/>"
  "  <method name='GetLayout'><arg type='i' name='parentId'/><arg type='i' name='recursionDepth'/>"
  "    <arg type='as' name='propertyNames'/><arg type='u' name='revision' direction='out'/>"
  "    <arg type='(ia{sv}av)' name='layout' direction='out'/></method>"
  "  <method name='GetGroupProperties'><arg type='ai' name='ids'/>"
  "    <arg type='as' name='propertyNames'/>"
  "    <arg type='a(ia{sv})' name='properties' direction='out'/></method>"
  "  <method name='GetProperty'><arg type='i' name='id'/><arg type='s' name='name'/>"
  "    <arg type='v' name='value' direction='out'/></method>"
  "  <method name='Event'><arg type='i' name='id'/><arg type='s' name='eventId'/>"
  "    <arg type='v' name='data'/><arg type='u' name='timestamp'/></method>"
  "  <method name='EventGroup'><arg type='a(isvu)' name='events'/>"
  "    <arg type='ai' name='idErrors' direction='out'/></method>"
  "  <method name='AboutToShow'><arg type='i' name='id'/>"
  "    <arg type='b' name='needUpdate' direction='out'/></method>"
  "  <method name='AboutToShowGroup'><arg type='ai' name='ids'/>"
  "    <arg type='ai' name='updatesNeeded' direction='out'/>"
  "    <arg type='ai' name='idErrors' direction='out'/></method>"
  "  <signal name='ItemsPropertiesUpdated'><arg type='a(ia{sv})' name='updatedProps'/>"
  "    <arg type='a(ias)' name='removedProps'/></signal>"
  "  <signal name='LayoutUpdated'><arg type='u' name='revision'/><arg type='i' name='parent'/>"
  "  </signal>"
  "  <signal name='ItemActivationRequested'><arg type='i' name='id'/>"
  "    <arg type='u' name='timestamp'/></signal>"
  "</interface>"
  "</node>";

/* A chat of "chats" and the unread count last added to the sum. */
typedef struct
{
  HearthTray *tray;
  HearthChat *chat;
  gulong      unread_id;
  guint       unread;
} TrackedChat;

struct _HearthTray
{
  GObject          parent_instance;

  /* Owned refs */
  GDBusConnection *connection;
  GCancellable    *cancellable;   /* the registration in flight */
  GListModel      *chats;
  GHashTable      *tracked;       /* HearthChat → TrackedChat */

  char            *app_id;
  char            *attention_icon_name;
  char            *bus_name;
  guint            item_reg_id;
  guint            menu_reg_id;
  guint            own_id;
  guint            watch_id;
  gulong           items_changed_id;

  guint            unread;
  gboolean         name_acquired;
  gboolean         watcher_present;
  gboolean         available;
};

G_DEFINE_FINAL_TYPE (HearthTray, hearth_tray, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_APP_ID,
  PROP_ATTENTION_ICON_NAME,
  PROP_AVAILABLE,
  PROP_UNREAD,
  PROP_CHATS,
  N_PROPS
};

enum {
  ACTIVATE,
  QUIT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GDBusNodeInfo *node_info;
static guint tray_counter;

static void
tray_set_available (HearthTray *self,
                    gboolean    available)
{
  if (self->available == available)
    return;

  self->available = available;
  g_debug ("Tray %s", available ? "registered" : "not shown");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

/* StatusNotifierItem. */

static const char *
tray_status (HearthTray *self)
{
  return self->unread > 0 ? "NeedsAttention" : "Active";
}

static char *
tray_tooltip_text (HearthTray *self)
{
  if (self->unread == 0)
    return g_strdup (_("No unread messages"));

  return g_strdup_printf (ngettext ("%u unread message", "%u unread messages", self->unread),
                          self->unread);
}

static GVariant *
empty_pixmaps (void)
{
  return g_variant_new_array (G_VARIANT_TYPE ("(iiay)"), NULL, 0);
}

static GVariant *
item_get_property (GDBusConnection  *connection,
                   const char       *sender,
                   const char       *object_path,
                   const char       *interface_name,
                   const char       *property_name,
                   GError          **error,
                   gpointer          user_data)
{
  HearthTray *self = user_data;

  if (g_str_equal (property_name, "Category"))
    return g_variant_new_string ("Communications");
  if (g_str_equal (property_name, "Id"))
    return g_variant_new_string (self->app_id);
  if (g_str_equal (property_name, "Title"))
    return g_variant_new_string (_("Hearth"));
  if (g_str_equal (property_name, "Status"))
    return g_variant_new_string (tray_status (self));
  if (g_str_equal (property_name, "WindowId"))
    return g_variant_new_int32 (0);
  if (g_str_equal (property_name, "IconName"))
    return g_variant_new_string (self->app_id);
  if (g_str_equal (property_name, "AttentionIconName"))
    return g_variant_new_string (self->attention_icon_name != NULL ? self->attention_icon_name
                                                                   : self->app_id);
  if (g_str_equal (property_name, "OverlayIconName") ||
      g_str_equal (property_name, "AttentionMovieName"))
    return g_variant_new_string ("");
  if (g_str_has_suffix (property_name, "Pixmap"))
    return empty_pixmaps ();
  if (g_str_equal (property_name, "ToolTip"))
    {
      g_autofree char *text = tray_tooltip_text (self);

      return g_variant_new ("(s@a(iiay)ss)", self->app_id, empty_pixmaps (), _("Hearth"), text);
    }
  if (g_str_equal (property_name, "ItemIsMenu"))
    return g_variant_new_boolean (FALSE);
  if (g_str_equal (property_name, "Menu"))
    return g_variant_new_object_path (HEARTH_TRAY_MENU_PATH);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY,
               "No such property: %s", property_name);
  return NULL;
}

static void
item_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  g_autoptr(HearthTray) self = g_object_ref (user_data);

  /* Reply first: a handler of "activate" may take a while (presenting the window). */
  g_dbus_method_invocation_return_value (invocation, NULL);

  if (g_str_equal (method_name, "Activate") || g_str_equal (method_name, "SecondaryActivate"))
    g_signal_emit (self, signals[ACTIVATE], 0);
  /* ContextMenu: hosts show "Menu" themselves; Scroll: nothing to scroll. */
}

static const GDBusInterfaceVTable item_vtable = {
  item_method_call,
  item_get_property,
  NULL,
  { 0 }
};

static void
tray_emit_item_signal (HearthTray *self,
                       const char *name,
                       GVariant   *parameters)
{
  g_autoptr(GError) error = NULL;

  if (!g_dbus_connection_emit_signal (self->connection, NULL, HEARTH_TRAY_ITEM_PATH,
                                      HEARTH_TRAY_ITEM_INTERFACE, name, parameters, &error))
    g_debug ("Could not emit %s: %s", name, error->message);
}

/* dbusmenu. */

static gboolean
menu_item_exists (int id)
{
  return id >= HEARTH_TRAY_MENU_ROOT && id <= HEARTH_TRAY_MENU_QUIT;
}

static gboolean
menu_wants (const char * const *names,
            const char         *name)
{
  return names == NULL || names[0] == NULL || g_strv_contains (names, name);
}

/* The a{sv} of item @id, limited to @names (NULL or empty: all). */
static GVariant *
menu_item_properties (int                 id,
                      const char * const *names)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);

  if (id == HEARTH_TRAY_MENU_ROOT)
    {
      if (menu_wants (names, "children-display"))
        g_variant_builder_add (&builder, "{sv}", "children-display",
                               g_variant_new_string ("submenu"));
    }
  else
    {
      const char *label = id == HEARTH_TRAY_MENU_OPEN ? _("Open Hearth") : _("Quit");

      if (menu_wants (names, "label"))
        g_variant_builder_add (&builder, "{sv}", "label", g_variant_new_string (label));
      if (menu_wants (names, "enabled"))
        g_variant_builder_add (&builder, "{sv}", "enabled", g_variant_new_boolean (TRUE));
      if (menu_wants (names, "visible"))
        g_variant_builder_add (&builder, "{sv}", "visible", g_variant_new_boolean (TRUE));
    }

  return g_variant_builder_end (&builder);
}

/* (ia{sv}av) of @id with its children down to @depth levels (-1: all). */
static GVariant *
menu_layout (int                 id,
             int                 depth,
             const char * const *names)
{
  GVariantBuilder children;

  g_variant_builder_init (&children, G_VARIANT_TYPE ("av"));
  if (id == HEARTH_TRAY_MENU_ROOT && depth != 0)
    for (int child = HEARTH_TRAY_MENU_OPEN; child <= HEARTH_TRAY_MENU_QUIT; child++)
      g_variant_builder_add (&children, "v", menu_layout (child, depth - 1, names));

  return g_variant_new ("(i@a{sv}av)", id, menu_item_properties (id, names), &children);
}

static void
menu_event (HearthTray *self,
            int         id,
            const char *event_id)
{
  if (!g_str_equal (event_id, "clicked"))
    return;

  if (id == HEARTH_TRAY_MENU_OPEN)
    g_signal_emit (self, signals[ACTIVATE], 0);
  else if (id == HEARTH_TRAY_MENU_QUIT)
    g_signal_emit (self, signals[QUIT], 0);
}

static void
menu_return_unknown_id (GDBusMethodInvocation *invocation,
                        int                    id)
{
  g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                         "No menu item %d", id);
}

static void
menu_get_group_properties (GVariant              *parameters,
                           GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariantIter) ids = NULL;
  g_autofree const char **names = NULL;
  GVariantBuilder builder;
  gboolean all;
  int id;

  g_variant_get (parameters, "(ai^a&s)", &ids, &names);
  all = g_variant_iter_n_children (ids) == 0;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ia{sv})"));
  if (all)
    {
      for (id = HEARTH_TRAY_MENU_ROOT; id <= HEARTH_TRAY_MENU_QUIT; id++)
        g_variant_builder_add (&builder, "(i@a{sv})", id, menu_item_properties (id, names));
    }
  else
    {
      while (g_variant_iter_next (ids, "i", &id))
        if (menu_item_exists (id))
          g_variant_builder_add (&builder, "(i@a{sv})", id, menu_item_properties (id, names));
    }

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(a(ia{sv}))", &builder));
}

static void
menu_event_group (HearthTray            *self,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation)
{
  g_autoptr(GVariantIter) events = NULL;
  g_autoptr(GArray) clicked = g_array_new (FALSE, FALSE, sizeof (int));
  GVariantBuilder errors;
  const char *event_id;
  int id;

  g_variant_builder_init (&errors, G_VARIANT_TYPE ("ai"));
  g_variant_get (parameters, "(a(isvu))", &events);
  while (g_variant_iter_loop (events, "(i&svu)", &id, &event_id, NULL, NULL))
    {
      if (!menu_item_exists (id))
        g_variant_builder_add (&errors, "i", id);
      else if (g_str_equal (event_id, "clicked"))
        g_array_append_val (clicked, id);
    }

  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ai)", &errors));

  for (guint i = 0; i < clicked->len; i++)
    menu_event (self, g_array_index (clicked, int, i), "clicked");
}

static void
menu_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  g_autoptr(HearthTray) self = g_object_ref (user_data);
  int id;

  if (g_str_equal (method_name, "GetLayout"))
    {
      g_autofree const char **names = NULL;
      int depth;

      g_variant_get (parameters, "(ii^a&s)", &id, &depth, &names);
      if (!menu_item_exists (id))
        return menu_return_unknown_id (invocation, id);

      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u@(ia{sv}av))", MENU_REVISION,
                                                            menu_layout (id, depth, names)));
    }
  else if (g_str_equal (method_name, "GetGroupProperties"))
    {
      menu_get_group_properties (parameters, invocation);
    }
  else if (g_str_equal (method_name, "GetProperty"))
    {
      const char *name;
      const char *names[2] = { NULL, NULL };
      g_autoptr(GVariant) props = NULL;
      g_autoptr(GVariant) value = NULL;

      g_variant_get (parameters, "(i&s)", &id, &name);
      names[0] = name;
      if (menu_item_exists (id))
        {
          props = g_variant_ref_sink (menu_item_properties (id, names));
          value = g_variant_lookup_value (props, name, NULL);
        }
      if (value == NULL)
        return g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                                      G_DBUS_ERROR_INVALID_ARGS,
                                                      "No property %s on menu item %d",
                                                      name, id);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(v)", value));
    }
  else if (g_str_equal (method_name, "Event"))
    {
      const char *event_id;

      g_variant_get (parameters, "(i&svu)", &id, &event_id, NULL, NULL);
      if (!menu_item_exists (id))
        return menu_return_unknown_id (invocation, id);

      g_dbus_method_invocation_return_value (invocation, NULL);
      menu_event (self, id, event_id);
    }
  else if (g_str_equal (method_name, "EventGroup"))
    {
      menu_event_group (self, parameters, invocation);
    }
  else if (g_str_equal (method_name, "AboutToShow"))
    {
      g_variant_get (parameters, "(i)", &id);
      if (!menu_item_exists (id))
        return menu_return_unknown_id (invocation, id);

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(b)", FALSE));
    }
  else if (g_str_equal (method_name, "AboutToShowGroup"))
    {
      g_autoptr(GVariantIter) ids = NULL;
      GVariantBuilder errors;

      /* Nothing ever needs an update; unknown ids are errors. */
      g_variant_builder_init (&errors, G_VARIANT_TYPE ("ai"));
      g_variant_get (parameters, "(ai)", &ids);
      while (g_variant_iter_next (ids, "i", &id))
        if (!menu_item_exists (id))
          g_variant_builder_add (&errors, "i", id);
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aiai)", NULL, &errors));
    }
  else
    {
      g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR,
                                             G_DBUS_ERROR_UNKNOWN_METHOD,
                                             "No such method: %s", method_name);
    }
}

static GVariant *
menu_get_property (GDBusConnection  *connection,
                   const char       *sender,
                   const char       *object_path,
                   const char       *interface_name,
                   const char       *property_name,
                   GError          **error,
                   gpointer          user_data)
{
  if (g_str_equal (property_name, "Version"))
    return g_variant_new_uint32 (3);
  if (g_str_equal (property_name, "TextDirection"))
    return g_variant_new_string ("ltr");
  if (g_str_equal (property_name, "Status"))
    return g_variant_new_string ("normal");
  if (g_str_equal (property_name, "IconThemePath"))
    return g_variant_new_strv (NULL, 0);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY,
               "No such property: %s", property_name);
  return NULL;
}

static const GDBusInterfaceVTable menu_vtable = {
  menu_method_call,
  menu_get_property,
  NULL,
  { 0 }
};

/* Registering with the watcher. */

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  HearthTray *self;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = HEARTH_TRAY (user_data);
  g_clear_object (&self->cancellable);

  if (reply == NULL)
    {
      g_debug ("The StatusNotifierWatcher refused the tray: %s", error->message);
      tray_set_available (self, FALSE);
      return;
    }

  tray_set_available (self, TRUE);
}

static void
tray_try_register (HearthTray *self)
{
  if (!self->name_acquired || !self->watcher_present)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_dbus_connection_call (self->connection,
                          HEARTH_TRAY_WATCHER_NAME,
                          HEARTH_TRAY_WATCHER_PATH,
                          HEARTH_TRAY_WATCHER_NAME,
                          "RegisterStatusNotifierItem",
                          g_variant_new ("(s)", self->bus_name),
                          NULL,
                          G_DBUS_CALL_FLAGS_NONE,
                          -1,
                          self->cancellable,
                          register_cb,
                          self);
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  HearthTray *self = user_data;

  self->name_acquired = TRUE;
  tray_try_register (self);
}

static void
on_name_lost_cb (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  HearthTray *self = user_data;
  const char *unique = connection != NULL ? g_dbus_connection_get_unique_name (connection) : NULL;

  /* Not allowed to own it (a Flatpak sandbox may not own org.kde.*): watchers accept the
   * unique name as well. Without a connection there is no tray. */
  g_debug ("No bus name %s: %s", name, unique != NULL ? unique : "no tray");
  if ((self->name_acquired = unique != NULL) && hearth_set_str (&self->bus_name, unique))
    tray_try_register (self);
  else if (unique == NULL)
    tray_set_available (self, FALSE);
}

static void
on_watcher_appeared_cb (GDBusConnection *connection,
                        const char      *name,
                        const char      *name_owner,
                        gpointer         user_data)
{
  HearthTray *self = user_data;

  self->watcher_present = TRUE;
  tray_try_register (self);
}

static void
on_watcher_vanished_cb (GDBusConnection *connection,
                        const char      *name,
                        gpointer         user_data)
{
  HearthTray *self = user_data;

  self->watcher_present = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  tray_set_available (self, FALSE);
}

/* Following the chats. */

static void
tracked_chat_free (TrackedChat *tracked)
{
  g_clear_signal_handler (&tracked->unread_id, tracked->chat);
  g_clear_object (&tracked->chat);
  g_free (tracked);
}

static void
tray_apply_unread (HearthTray *self,
                   guint       unread)
{
  gboolean status_changed;

  if (self->unread == unread)
    return;

  status_changed = (self->unread > 0) != (unread > 0);
  self->unread = unread;

  if (self->item_reg_id != 0)
    {
      tray_emit_item_signal (self, "NewToolTip", NULL);
      if (status_changed)
        tray_emit_item_signal (self, "NewStatus", g_variant_new ("(s)", tray_status (self)));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD]);
}

static guint
tray_sum_tracked (HearthTray *self)
{
  GHashTableIter iter;
  TrackedChat *tracked;
  guint sum = 0;

  g_hash_table_iter_init (&iter, self->tracked);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tracked))
    sum += tracked->unread;

  return sum;
}

static void
on_tracked_unread_cb (HearthChat  *chat,
                      GParamSpec  *pspec,
                      TrackedChat *tracked)
{
  HearthTray *self = tracked->tray;
  guint unread = hearth_chat_get_unread (chat);
  guint sum = self->unread - tracked->unread + unread;

  tracked->unread = unread;
  tray_apply_unread (self, sum);
}

/* Tracks exactly the chats of the model now (the chat list may reorder them in any batch). */
static void
on_chats_changed_cb (HearthTray *self)
{
  g_autoptr(GHashTable) tracked = g_hash_table_new_full (NULL, NULL, NULL,
                                                         (GDestroyNotify) tracked_chat_free);
  guint n = g_list_model_get_n_items (self->chats);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthChat) chat = g_list_model_get_item (self->chats, i);
      TrackedChat *entry = NULL;

      if (g_hash_table_steal_extended (self->tracked, chat, NULL, (gpointer *) &entry))
        {
          g_hash_table_insert (tracked, entry->chat, entry);
          continue;
        }
      if (g_hash_table_contains (tracked, chat))
        continue;

      entry = g_new0 (TrackedChat, 1);
      entry->tray = self;
      entry->chat = g_object_ref (chat);
      entry->unread = hearth_chat_get_unread (chat);
      entry->unread_id = g_signal_connect (chat, "notify::unread",
                                           G_CALLBACK (on_tracked_unread_cb), entry);
      g_hash_table_insert (tracked, entry->chat, entry);
    }

  /* What is left in self->tracked went away with the old table. */
  g_hash_table_unref (self->tracked);
  self->tracked = g_steal_pointer (&tracked);

  tray_apply_unread (self, tray_sum_tracked (self));
}

/* GObject. */

static void
hearth_tray_constructed (GObject *object)
{
  HearthTray *self = (HearthTray *)object;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (hearth_tray_parent_class)->constructed (object);

  g_assert (G_IS_DBUS_CONNECTION (self->connection));
  g_assert (self->app_id != NULL);

  self->bus_name = g_strdup_printf ("org.kde.StatusNotifierItem-%d-%u",
                                    (int) getpid (), ++tray_counter);

  self->item_reg_id = g_dbus_connection_register_object (self->connection,
                                                         HEARTH_TRAY_ITEM_PATH,
                                                         node_info->interfaces[0],
                                                         &item_vtable, self, NULL, &error);
  if (self->item_reg_id != 0)
    self->menu_reg_id = g_dbus_connection_register_object (self->connection,
                                                           HEARTH_TRAY_MENU_PATH,
                                                           node_info->interfaces[1],
                                                           &menu_vtable, self, NULL, &error);
  if (self->menu_reg_id == 0)
    {
      /* Another item on this connection already: no tray. */
      g_warning ("No tray icon: %s", error->message);
      return;
    }

  self->own_id = g_bus_own_name_on_connection (self->connection, self->bus_name,
                                               G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                               on_name_acquired_cb, on_name_lost_cb,
                                               self, NULL);
  self->watch_id = g_bus_watch_name_on_connection (self->connection, HEARTH_TRAY_WATCHER_NAME,
                                                   G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   on_watcher_appeared_cb,
                                                   on_watcher_vanished_cb,
                                                   self, NULL);
}

static void
hearth_tray_dispose (GObject *object)
{
  HearthTray *self = (HearthTray *)object;

  hearth_tray_set_chats (self, NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  g_clear_handle_id (&self->own_id, g_bus_unown_name);
  if (self->item_reg_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->item_reg_id);
  if (self->menu_reg_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->menu_reg_id);
  self->item_reg_id = self->menu_reg_id = 0;
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (hearth_tray_parent_class)->dispose (object);
}

static void
hearth_tray_finalize (GObject *object)
{
  HearthTray *self = (HearthTray *)object;

  g_clear_pointer (&self->tracked, g_hash_table_unref);
  g_free (self->app_id);
  g_free (self->attention_icon_name);
  g_free (self->bus_name);

  G_OBJECT_CLASS (hearth_tray_parent_class)->finalize (object);
}

static void
hearth_tray_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HearthTray *self = HEARTH_TRAY (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;

    case PROP_APP_ID:
      g_value_set_string (value, self->app_id);
      break;

    case PROP_ATTENTION_ICON_NAME:
      g_value_set_string (value, self->attention_icon_name);
      break;

    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    case PROP_UNREAD:
      g_value_set_uint (value, self->unread);
      break;

    case PROP_CHATS:
      g_value_set_object (value, self->chats);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_tray_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HearthTray *self = HEARTH_TRAY (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;

    case PROP_APP_ID:
      self->app_id = g_value_dup_string (value);
      break;

    case PROP_ATTENTION_ICON_NAME:
      self->attention_icon_name = g_value_dup_string (value);
      break;

    case PROP_UNREAD:
      hearth_tray_set_unread (self, g_value_get_uint (value));
      break;

    case PROP_CHATS:
      hearth_tray_set_chats (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_tray_class_init (HearthTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_tray_constructed;
  object_class->dispose = hearth_tray_dispose;
  object_class->finalize = hearth_tray_finalize;
  object_class->get_property = hearth_tray_get_property;
  object_class->set_property = hearth_tray_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, G_TYPE_DBUS_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_APP_ID] =
    g_param_spec_string ("app-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTENTION_ICON_NAME] =
    g_param_spec_string ("attention-icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNREAD] =
    g_param_spec_uint ("unread", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHATS] =
    g_param_spec_object ("chats", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATE] = g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[QUIT] = g_signal_new ("quit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  node_info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  g_assert (node_info != NULL);
}

static void
hearth_tray_init (HearthTray *self)
{
  self->tracked = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) tracked_chat_free);
}

HearthTray *
hearth_tray_new (GDBusConnection *connection,
                 const char      *app_id)
{
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), NULL);
  g_return_val_if_fail (app_id != NULL, NULL);

  return g_object_new (HEARTH_TYPE_TRAY,
                       "connection", connection,
                       "app-id", app_id,
                       NULL);
}

gboolean
hearth_tray_get_available (HearthTray *self)
{
  g_return_val_if_fail (HEARTH_IS_TRAY (self), FALSE);

  return self->available;
}

const char *
hearth_tray_get_bus_name (HearthTray *self)
{
  g_return_val_if_fail (HEARTH_IS_TRAY (self), NULL);

  return self->bus_name;
}

guint
hearth_tray_get_unread (HearthTray *self)
{
  g_return_val_if_fail (HEARTH_IS_TRAY (self), 0);

  return self->unread;
}

void
hearth_tray_set_unread (HearthTray *self,
                        guint       unread)
{
  g_return_if_fail (HEARTH_IS_TRAY (self));

  tray_apply_unread (self, unread);
}

GListModel *
hearth_tray_get_chats (HearthTray *self)
{
  g_return_val_if_fail (HEARTH_IS_TRAY (self), NULL);

  return self->chats;
}

void
hearth_tray_set_chats (HearthTray *self,
                       GListModel *chats)
{
  g_return_if_fail (HEARTH_IS_TRAY (self));
  g_return_if_fail (chats == NULL || G_IS_LIST_MODEL (chats));

  if (self->chats == chats)
    return;

  if (self->chats != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->chats);
  g_hash_table_remove_all (self->tracked);
  g_set_object (&self->chats, chats);

  if (chats != NULL)
    {
      self->items_changed_id = g_signal_connect_swapped (chats, "items-changed",
                                                         G_CALLBACK (on_chats_changed_cb),
                                                         self);
      on_chats_changed_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHATS]);
}
