/* hearth-accessible.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-accessible"

#include "config.h"

#include "hearth-accessible.h"

static gboolean
shows_icon (GtkWidget  *button,
            const char *icon_name)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (button) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (button)), icon_name) == 0)
    return TRUE;

  child = gtk_widget_get_first_child (button);

  return child != NULL && gtk_widget_get_next_sibling (child) == NULL && GTK_IS_IMAGE (child) &&
         g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (child)), icon_name) == 0;
}

guint
hearth_accessible_name_icon_buttons (GtkWidget  *root,
                                     const char *icon_name,
                                     const char *label)
{
  guint named = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (root), 0);
  g_return_val_if_fail (icon_name != NULL && label != NULL, 0);

  if ((GTK_IS_BUTTON (root) || GTK_IS_TOGGLE_BUTTON (root)) && shows_icon (root, icon_name))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      named++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    named += hearth_accessible_name_icon_buttons (child, icon_name, label);

  return named;
}
