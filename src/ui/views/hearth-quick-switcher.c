/* hearth-quick-switcher.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-quick-switcher"

#include "config.h"

#include "hearth-chat-row.h"
#include "hearth-quick-switcher.h"

struct _HearthQuickSwitcher
{
  AdwWindow           parent_instance;

  GtkFilterListModel *filtered;
  GtkStringFilter    *filter;

  /* template */
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (HearthQuickSwitcher, hearth_quick_switcher, ADW_TYPE_WINDOW)

enum {
  CHAT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choose (HearthQuickSwitcher *self,
        guint                position)
{
  g_autoptr(HearthChat) chat = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (chat == NULL)
    return;

  g_signal_emit (self, signals[CHAT_CHOSEN], 0, chat);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_search_changed_cb (HearthQuickSwitcher *self,
                      GtkSearchEntry      *entry)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_activate_entry_cb (HearthQuickSwitcher *self)
{
  if (!hearth_quick_switcher_choose_first (self))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
on_stop_search_cb (HearthQuickSwitcher *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_activate_row_cb (HearthQuickSwitcher *self,
                    guint                position)
{
  choose (self, position);
}

static void
setup_cb (GtkListItemFactory *factory,
          GtkListItem        *item,
          gpointer            user_data)
{
  gtk_list_item_set_child (item, hearth_chat_row_new ());
}

static void
bind_cb (GtkListItemFactory *factory,
         GtkListItem        *item,
         gpointer            user_data)
{
  hearth_chat_row_set_chat (HEARTH_CHAT_ROW (gtk_list_item_get_child (item)),
                            gtk_list_item_get_item (item));
}

static void
unbind_cb (GtkListItemFactory *factory,
           GtkListItem        *item,
           gpointer            user_data)
{
  hearth_chat_row_set_chat (HEARTH_CHAT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
hearth_quick_switcher_dispose (GObject *object)
{
  HearthQuickSwitcher *self = (HearthQuickSwitcher *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_QUICK_SWITCHER);
  g_clear_object (&self->filter);
  self->filtered = NULL;

  G_OBJECT_CLASS (hearth_quick_switcher_parent_class)->dispose (object);
}

static void
hearth_quick_switcher_class_init (HearthQuickSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_quick_switcher_dispose;

  signals[CHAT_CHOSEN] =
    g_signal_new ("chat-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HEARTH_TYPE_CHAT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-quick-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthQuickSwitcher, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HearthQuickSwitcher, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_entry_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_row_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hearth_quick_switcher_init (HearthQuickSwitcher *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_string_filter_new (gtk_property_expression_new (HEARTH_TYPE_CHAT, NULL,
                                                                     "title"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
}

HearthQuickSwitcher *
hearth_quick_switcher_new (GtkWindow  *parent,
                           GListModel *chats)
{
  HearthQuickSwitcher *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (chats), NULL);

  self = g_object_new (HEARTH_TYPE_QUICK_SWITCHER, "transient-for", parent, NULL);
  gtk_filter_list_model_set_model (self->filtered, chats);

  return self;
}

GListModel *
hearth_quick_switcher_get_shown (HearthQuickSwitcher *self)
{
  g_return_val_if_fail (HEARTH_IS_QUICK_SWITCHER (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

void
hearth_quick_switcher_set_query (HearthQuickSwitcher *self,
                                 const char          *query)
{
  g_return_if_fail (HEARTH_IS_QUICK_SWITCHER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  gtk_string_filter_set_search (self->filter, query);
}

gboolean
hearth_quick_switcher_choose_first (HearthQuickSwitcher *self)
{
  g_return_val_if_fail (HEARTH_IS_QUICK_SWITCHER (self), FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    return FALSE;

  choose (self, 0);

  return TRUE;
}
