/* hearth-chat-list-view.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-chat-list-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-chat-list-view.h"
#include "hearth-chat-row.h"

struct _HearthChatListView
{
  GtkWidget           parent_instance;

  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkStringFilter    *filter;
  char               *selected_id;
  gboolean            selecting;
  guint               reselect_id;

  /* template */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
};

G_DEFINE_FINAL_TYPE (HearthChatListView, hearth_chat_list_view, GTK_TYPE_WIDGET)

enum {
  CHAT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
reselect (HearthChatListView *self)
{
  g_autofree char *chat_id = g_strdup (self->selected_id);

  /* A re-sorted chat leaves and re-enters the list, which drops the selection. */
  hearth_chat_list_view_select (self, chat_id);
}

static gboolean
reselect_idle_cb (gpointer data)
{
  HearthChatListView *self = data;

  self->reselect_id = 0;
  reselect (self);

  return G_SOURCE_REMOVE;
}

static void
on_items_changed_cb (HearthChatListView *self)
{
  /* Not inside the emission: the list view updates its rows first. */
  if (self->reselect_id == 0 && self->selected_id != NULL)
    self->reselect_id = g_idle_add (reselect_idle_cb, self);
}

static void
on_map_cb (HearthChatListView *self)
{
  reselect (self);
}

static void
update_empty (HearthChatListView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (shown > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (search[0] != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "system-search-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Chats Found"));
      adw_status_page_set_description (self->empty_page, _("Try another name"));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "emoji-people-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Chats Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Chats appear here when someone writes to you"));
    }

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_search_changed_cb (HearthChatListView *self,
                      GtkSearchEntry     *entry)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate_cb (HearthChatListView *self,
                       GtkSearchEntry     *entry)
{
  g_autoptr(HearthChat) chat = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

  if (chat != NULL)
    g_signal_emit (self, signals[CHAT_ACTIVATED], 0, chat);
}

static void
on_activate_cb (HearthChatListView *self,
                guint               position,
                GtkListView        *list_view)
{
  g_autoptr(HearthChat) chat = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (chat != NULL)
    g_signal_emit (self, signals[CHAT_ACTIVATED], 0, chat);
}

static void
on_selected_cb (HearthChatListView *self)
{
  g_autoptr(HearthChat) chat = NULL;

  /* Only a user's click or arrow key opens a chat; select() is quiet. */
  if (self->selecting)
    return;

  chat = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                gtk_single_selection_get_selected (self->selection));
  /* The open chat moving to another position is not a choice. */
  if (chat != NULL && g_strcmp0 (hearth_chat_get_id (chat), self->selected_id) != 0)
    g_signal_emit (self, signals[CHAT_ACTIVATED], 0, chat);
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
  HearthChat *chat = gtk_list_item_get_item (item);

  hearth_chat_row_set_chat (HEARTH_CHAT_ROW (gtk_list_item_get_child (item)), chat);
}

static void
unbind_cb (GtkListItemFactory *factory,
           GtkListItem        *item,
           gpointer            user_data)
{
  hearth_chat_row_set_chat (HEARTH_CHAT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
hearth_chat_list_view_dispose (GObject *object)
{
  GtkWidget *child;
  HearthChatListView *self = (HearthChatListView *)object;

  g_clear_handle_id (&self->reselect_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_CHAT_LIST_VIEW);
  /* Template children without an id are not cleared by dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->selected_id, g_free);
  self->filtered = NULL;

  G_OBJECT_CLASS (hearth_chat_list_view_parent_class)->dispose (object);
}

static void
hearth_chat_list_view_class_init (HearthChatListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_chat_list_view_dispose;

  signals[CHAT_ACTIVATED] =
    g_signal_new ("chat-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, HEARTH_TYPE_CHAT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-chat-list-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthChatListView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HearthChatListView, stack);
  gtk_widget_class_bind_template_child (widget_class, HearthChatListView, list_view);
  gtk_widget_class_bind_template_child (widget_class, HearthChatListView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
}

static void
hearth_chat_list_view_init (HearthChatListView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_string_filter_new (gtk_property_expression_new (HEARTH_TYPE_CHAT, NULL,
                                                                     "title"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);

  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "map",
                           G_CALLBACK (on_map_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selected_cb), self, G_CONNECT_SWAPPED);

  update_empty (self);
}

GtkWidget *
hearth_chat_list_view_new (void)
{
  return g_object_new (HEARTH_TYPE_CHAT_LIST_VIEW, NULL);
}

void
hearth_chat_list_view_set_chats (HearthChatListView *self,
                                 GListModel         *chats)
{
  g_return_if_fail (HEARTH_IS_CHAT_LIST_VIEW (self));

  gtk_filter_list_model_set_model (self->filtered, chats);
  update_empty (self);
}

GListModel *
hearth_chat_list_view_get_shown (HearthChatListView *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT_LIST_VIEW (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

void
hearth_chat_list_view_select (HearthChatListView *self,
                              const char         *chat_id)
{
  guint n;

  g_return_if_fail (HEARTH_IS_CHAT_LIST_VIEW (self));

  if (chat_id != self->selected_id)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (chat_id);
    }

  /* GTK 4.8's list view crashes on a selection change before its rows exist: select once
   * it is mapped (see on_map_cb). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; chat_id != NULL && i < n; i++)
    {
      g_autoptr(HearthChat) chat = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (g_strcmp0 (hearth_chat_get_id (chat), chat_id) == 0)
        {
          self->selecting = TRUE;
          gtk_single_selection_set_selected (self->selection, i);
          self->selecting = FALSE;
          return;
        }
    }

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}

void
hearth_chat_list_view_focus_search (HearthChatListView *self)
{
  g_return_if_fail (HEARTH_IS_CHAT_LIST_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
