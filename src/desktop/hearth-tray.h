/* hearth-tray.h: a StatusNotifierItem tray icon with the unread count
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HEARTH_TRAY_ITEM_PATH        "/StatusNotifierItem"
#define HEARTH_TRAY_MENU_PATH        "/MenuBar"
#define HEARTH_TRAY_WATCHER_NAME     "org.kde.StatusNotifierWatcher"
#define HEARTH_TRAY_WATCHER_PATH     "/StatusNotifierWatcher"
#define HEARTH_TRAY_ITEM_INTERFACE   "org.kde.StatusNotifierItem"
#define HEARTH_TRAY_MENU_INTERFACE   "com.canonical.dbusmenu"

/* The ids of the menu's items. */
typedef enum
{
  HEARTH_TRAY_MENU_ROOT = 0,
  HEARTH_TRAY_MENU_OPEN = 1,
  HEARTH_TRAY_MENU_QUIT = 2,
} HearthTrayMenuItem;

#define HEARTH_TYPE_TRAY (hearth_tray_get_type ())
G_DECLARE_FINAL_TYPE (HearthTray, hearth_tray, HEARTH, TRAY, GObject)

/*
 * HearthTray: Hearth's icon in the desktop's tray (DESIGN.md §7), a StatusNotifierItem
 * (org.kde.StatusNotifierItem at HEARTH_TRAY_ITEM_PATH, Category "Communications", Title
 * "Hearth", IconName the app id, ToolTip "3 unread messages", Status NeedsAttention while
 * "unread" > 0, else Active; ItemIsMenu false) with a com.canonical.dbusmenu menu at
 * HEARTH_TRAY_MENU_PATH: "Open Hearth" and "Quit".
 *
 * On @connection it owns org.kde.StatusNotifierItem-<pid>-<n> (n counts the trays of the
 * process from 1) and registers that name with org.kde.StatusNotifierWatcher when a watcher
 * runs — at once, or when one appears later (again after a watcher restarts). Without a
 * watcher there is no tray: "available" stays FALSE and nothing else happens.
 *
 * Activate and SecondaryActivate (clicks on the icon) and the menu's "Open Hearth" emit
 * "activate"; the menu's "Quit" emits "quit".
 *
 * Properties:
 *  "connection"          (construct-only) GDBusConnection, the session bus
 *  "app-id"              (construct-only) the application id: the Id and IconName
 *  "attention-icon-name" (construct-only, nullable) AttentionIconName (default: the app id)
 *  "available"           (read-only) registered with a watcher: the icon is shown
 *  "unread"              guint: the count in the tooltip; NeedsAttention while > 0
 *  "chats"               (nullable) GListModel of HearthChat: while set, "unread" is the sum
 *                        of their unread counts and follows them
 *
 * Signals: "activate" (), "quit" ().
 */
HearthTray *hearth_tray_new          (GDBusConnection *connection,
                                      const char      *app_id);

gboolean    hearth_tray_get_available (HearthTray     *self);
/* The well-known name the item owns on the bus. */
const char *hearth_tray_get_bus_name (HearthTray      *self);

guint       hearth_tray_get_unread   (HearthTray      *self);
void        hearth_tray_set_unread   (HearthTray      *self,
                                      guint            unread);

GListModel *hearth_tray_get_chats    (HearthTray      *self);
void        hearth_tray_set_chats    (HearthTray      *self,
                                      GListModel      *chats);

G_END_DECLS
