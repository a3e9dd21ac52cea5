/* hearth-conversation-view.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-conversation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-avatar.h"
#include "hearth-composer.h"
#include "hearth-conversation-view.h"
#include "hearth-database.h"
#include "hearth-format.h"
#include "hearth-message-row.h"
#include "hearth-store.h"

/* Within this many pixels of the end counts as "at the bottom". */
#define BOTTOM_SLACK 24.0
#define SEARCH_LIMIT 50

struct _HearthConversationView
{
  GtkWidget          parent_instance;

  HearthSession     *session;
  HearthChat        *chat;
  HearthMessageList *messages;
  HearthTimeline    *timeline;
  GPtrArray         *watched_users;
  GCancellable      *cancellable;
  GCancellable      *search_cancellable;
  guint              subtitle_timer;
  guint              new_messages;
  gboolean           at_bottom;
  gboolean           stick_to_bottom;

  /* template */
  GtkWidget         *back_button;
  HearthAvatar      *avatar;
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkToggleButton   *search_button;
  GtkSearchBar      *search_bar;
  GtkSearchEntry    *search_entry;
  GtkStack          *body_stack;
  GtkScrolledWindow *scroller;
  GtkListView       *message_view;
  GtkRevealer       *loading_revealer;
  GtkRevealer       *jump_revealer;
  GtkLabel          *jump_label;
  GtkListBox        *results_list;
  GtkRevealer       *typing_revealer;
  GtkLabel          *typing_label;
  HearthComposer    *composer;
};

G_DEFINE_FINAL_TYPE (HearthConversationView, hearth_conversation_view, GTK_TYPE_WIDGET)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_subtitle (HearthConversationView *self);

/* Header */

static void
update_title (HearthConversationView *self)
{
  gtk_label_set_text (self->title_label, self->chat != NULL ? hearth_chat_get_title (self->chat) : "");
}

static void
unwatch_users (HearthConversationView *self)
{
  for (guint i = 0; i < self->watched_users->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched_users, i), self);
  g_ptr_array_set_size (self->watched_users, 0);
}

static void
watch_users (HearthConversationView *self)
{
  GListModel *participants;

  unwatch_users (self);

  if (self->chat == NULL)
    return;

  participants = hearth_chat_get_participants (self->chat);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      HearthUser *user = g_list_model_get_item (participants, i);

      g_signal_connect_object (user, "notify::online",
                               G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (user, "notify::last-seen",
                               G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->watched_users, user);
    }
}

static void
update_subtitle (HearthConversationView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *subtitle = NULL;

  if (self->chat != NULL)
    subtitle = hearth_format_chat_subtitle (self->chat, now);

  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
}

static void
on_participants_changed_cb (HearthConversationView *self)
{
  watch_users (self);
  update_subtitle (self);
}

static gboolean
subtitle_tick_cb (gpointer data)
{
  /* "last seen 5 minutes ago" ages. */
  update_subtitle (HEARTH_CONVERSATION_VIEW (data));

  return G_SOURCE_CONTINUE;
}

static void
update_typing (HearthConversationView *self)
{
  g_autofree char *typing = self->chat != NULL ? hearth_format_typing (self->chat) : NULL;

  if (typing != NULL)
    gtk_label_set_text (self->typing_label, typing);
  gtk_revealer_set_reveal_child (self->typing_revealer, typing != NULL);
}

/* Scrolling */

static GtkAdjustment *
vadjustment (HearthConversationView *self)
{
  return gtk_scrolled_window_get_vadjustment (self->scroller);
}

static void
update_jump (HearthConversationView *self)
{
  g_autofree char *count = NULL;

  gtk_revealer_set_reveal_child (self->jump_revealer, !self->at_bottom);
  gtk_widget_set_visible (GTK_WIDGET (self->jump_label), self->new_messages > 0);

  if (self->new_messages > 0)
    {
      count = g_strdup_printf ("%u", self->new_messages);
      gtk_label_set_text (self->jump_label, count);
    }
}

static void
tell_session (HearthConversationView *self)
{
  if (self->session == NULL || hearth_session_get_state (self->session) != HEARTH_SESSION_SIGNED_IN)
    return;

  hearth_session_set_chat_visible (self->session,
                                   self->chat != NULL ? hearth_chat_get_id (self->chat) : NULL,
                                   self->at_bottom);
}

static void
on_scrolled_cb (HearthConversationView *self)
{
  GtkAdjustment *adj = vadjustment (self);
  double value = gtk_adjustment_get_value (adj);
  double bottom = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  gboolean at_bottom = value >= bottom - BOTTOM_SLACK;

  /* A user scroll away from the end stops following new messages. */
  self->stick_to_bottom = at_bottom;

  if (at_bottom == self->at_bottom)
    return;

  self->at_bottom = at_bottom;
  if (at_bottom)
    self->new_messages = 0;

  update_jump (self);
  tell_session (self);
}

static void
on_upper_changed_cb (HearthConversationView *self)
{
  GtkAdjustment *adj = vadjustment (self);

  if (self->stick_to_bottom)
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
}

void
hearth_conversation_view_scroll_to_bottom (HearthConversationView *self)
{
  GtkAdjustment *adj;

  g_return_if_fail (HEARTH_IS_CONVERSATION_VIEW (self));

  adj = vadjustment (self);
  self->stick_to_bottom = TRUE;
  self->new_messages = 0;
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  update_jump (self);
}

static void
on_jump_clicked_cb (HearthConversationView *self)
{
  hearth_conversation_view_scroll_to_bottom (self);
}

static void
load_older_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HearthConversationView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_loaded = 0;

  if (!hearth_message_list_load_older_finish (HEARTH_MESSAGE_LIST (object), result,
                                              &n_loaded, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Older messages could not be loaded: %s", error->message);
}

static void
load_older (HearthConversationView *self)
{
  if (self->messages == NULL ||
      hearth_message_list_get_complete (self->messages) ||
      hearth_message_list_get_loading (self->messages))
    return;

  hearth_message_list_load_older_async (self->messages, self->cancellable,
                                        load_older_cb, g_object_ref (self));
}

static void
on_edge_reached_cb (HearthConversationView *self,
                    GtkPositionType         position)
{
  if (position == GTK_POS_TOP)
    load_older (self);
}

static void
on_loading_cb (HearthConversationView *self)
{
  gtk_revealer_set_reveal_child (self->loading_revealer,
                                 self->messages != NULL &&
                                 hearth_message_list_get_loading (self->messages));
}

static void
on_timeline_changed_cb (HearthConversationView *self,
                        guint                   position,
                        guint                   removed,
                        guint                   added,
                        GListModel             *timeline)
{
  guint n = g_list_model_get_n_items (timeline);

  /* New messages at the end while the user reads older ones: count them. */
  if (added > removed && position + added == n && !self->stick_to_bottom)
    {
      for (guint i = position; i < n; i++)
        {
          g_autoptr(HearthTimelineRow) row = g_list_model_get_item (timeline, i);

          if (!hearth_timeline_row_get_mine (row))
            self->new_messages++;
        }
      update_jump (self);
    }

  /* A short history does not fill the view: fetch more so that it can scroll. */
  if (position == 0 && n > 0 && n < 20)
    load_older (self);
}

/* Search */

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HearthConversationView) self = user_data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  found = hearth_database_search_finish (HEARTH_DATABASE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  if (found == NULL)
    {
      g_message ("Search failed: %s", error->message);
      gtk_stack_set_visible_child_name (self->body_stack, "no-results");
      return;
    }

  for (guint i = 0; i < found->len; i++)
    {
      HearthMessage *message = g_ptr_array_index (found, i);
      HearthUser *sender = hearth_message_get_sender (message);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *when = hearth_message_get_at (message) != NULL ?
                              hearth_format_list_time (hearth_message_get_at (message), now) :
                              g_strdup ("");
      g_autofree char *line = hearth_format_one_line (hearth_message_get_content (message));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *meta = gtk_label_new (NULL);
      GtkWidget *text = gtk_label_new (line);
      g_autofree char *meta_text = g_strdup_printf ("%s · %s",
                                                    sender != NULL ?
                                                    hearth_user_get_display_name (sender) :
                                                    _("Unknown"),
                                                    when);

      gtk_label_set_text (GTK_LABEL (meta), meta_text);
      gtk_label_set_xalign (GTK_LABEL (meta), 0);
      gtk_widget_add_css_class (meta, "caption");
      gtk_widget_add_css_class (meta, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (box), meta);
      gtk_box_append (GTK_BOX (box), text);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_list_box_append (self->results_list, box);
    }

  gtk_stack_set_visible_child_name (self->body_stack, found->len > 0 ? "results" : "no-results");
}

static void
on_search_changed_cb (HearthConversationView *self,
                      GtkSearchEntry         *entry)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (entry));
  HearthStore *store;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (query[0] == '\0' || self->chat == NULL || self->session == NULL ||
      (store = hearth_session_get_store (self->session)) == NULL)
    {
      gtk_stack_set_visible_child_name (self->body_stack, "timeline");
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  hearth_database_search_async (hearth_store_get_database (store),
                                hearth_chat_get_id (self->chat), query, SEARCH_LIMIT,
                                self->search_cancellable, search_cb, g_object_ref (self));
}

static void
on_stop_search_cb (HearthConversationView *self)
{
  hearth_conversation_view_stop_search (self);
}

static void
on_search_mode_cb (HearthConversationView *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_stack_set_visible_child_name (self->body_stack, "timeline");
    }
}

/* Actions */

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HearthConversationView *self = HEARTH_CONVERSATION_VIEW (widget);
  const char *client_id = g_variant_get_string (parameter, NULL);
  HearthMessage *message;

  if (self->session == NULL || hearth_session_get_store (self->session) == NULL)
    return;

  message = hearth_store_lookup_pending (hearth_session_get_store (self->session), client_id);
  if (message != NULL)
    hearth_session_retry_message (self->session, message);
}

static void
on_back_clicked_cb (HearthConversationView *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

/* Factory */

static void
setup_cb (GtkListItemFactory *factory,
          GtkListItem        *item,
          gpointer            user_data)
{
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, hearth_message_row_new ());
}

static void
bind_cb (GtkListItemFactory *factory,
         GtkListItem        *item,
         gpointer            user_data)
{
  hearth_message_row_set_row (HEARTH_MESSAGE_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
unbind_cb (GtkListItemFactory *factory,
           GtkListItem        *item,
           gpointer            user_data)
{
  hearth_message_row_set_row (HEARTH_MESSAGE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
hearth_conversation_view_dispose (GObject *object)
{
  GtkWidget *child;
  HearthConversationView *self = (HearthConversationView *)object;

  hearth_conversation_view_set_chat (self, NULL);
  g_clear_object (&self->session);
  g_clear_handle_id (&self->subtitle_timer, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_CONVERSATION_VIEW);
  /* Template children without an id are not cleared by dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hearth_conversation_view_parent_class)->dispose (object);
}

static void
hearth_conversation_view_finalize (GObject *object)
{
  HearthConversationView *self = (HearthConversationView *)object;

  g_ptr_array_unref (self->watched_users);

  G_OBJECT_CLASS (hearth_conversation_view_parent_class)->finalize (object);
}

static void
hearth_conversation_view_class_init (HearthConversationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_conversation_view_dispose;
  object_class->finalize = hearth_conversation_view_finalize;

  signals[BACK] =
    g_signal_new ("back",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "conversation.retry", "s", retry_action);

  g_type_ensure (HEARTH_TYPE_AVATAR);
  g_type_ensure (HEARTH_TYPE_COMPOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-conversation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, back_button);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, avatar);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, title_label);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, search_button);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, body_stack);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, scroller);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, message_view);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, loading_revealer);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, jump_revealer);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, jump_label);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, results_list);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, typing_revealer);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, typing_label);
  gtk_widget_class_bind_template_child (widget_class, HearthConversationView, composer);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_jump_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
}

static void
hearth_conversation_view_init (HearthConversationView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->watched_users = g_ptr_array_new_with_free_func (g_object_unref);
  self->at_bottom = TRUE;
  self->stick_to_bottom = TRUE;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_list_view_set_factory (self->message_view, factory);

  g_signal_connect_object (vadjustment (self), "value-changed",
                           G_CALLBACK (on_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment (self), "notify::upper",
                           G_CALLBACK (on_upper_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_cb), self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  self->subtitle_timer = g_timeout_add_seconds (30, subtitle_tick_cb, self);
}

GtkWidget *
hearth_conversation_view_new (void)
{
  return g_object_new (HEARTH_TYPE_CONVERSATION_VIEW, NULL);
}

void
hearth_conversation_view_set_session (HearthConversationView *self,
                                      HearthSession          *session)
{
  g_return_if_fail (HEARTH_IS_CONVERSATION_VIEW (self));

  hearth_conversation_view_set_chat (self, NULL);
  g_set_object (&self->session, session);
  hearth_composer_set_session (self->composer, session);
}

HearthChat *
hearth_conversation_view_get_chat (HearthConversationView *self)
{
  g_return_val_if_fail (HEARTH_IS_CONVERSATION_VIEW (self), NULL);

  return self->chat;
}

void
hearth_conversation_view_set_chat (HearthConversationView *self,
                                   HearthChat             *chat)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (HEARTH_IS_CONVERSATION_VIEW (self));

  if (self->chat == chat)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  hearth_conversation_view_stop_search (self);

  if (self->chat != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chat, self);
      g_signal_handlers_disconnect_by_data (hearth_chat_get_participants (self->chat), self);
      g_signal_handlers_disconnect_by_data (hearth_chat_get_typing_users (self->chat), self);
    }
  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_data (self->messages, self);
  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);

  gtk_list_view_set_model (self->message_view, NULL);
  g_clear_object (&self->timeline);
  g_clear_object (&self->messages);
  unwatch_users (self);

  g_set_object (&self->chat, chat);
  self->new_messages = 0;
  self->at_bottom = TRUE;
  self->stick_to_bottom = TRUE;

  hearth_avatar_set_chat (self->avatar, chat);
  hearth_composer_set_chat (self->composer, chat);

  if (chat != NULL && self->session != NULL)
    {
      self->cancellable = g_cancellable_new ();
      self->messages = hearth_session_get_messages (self->session, hearth_chat_get_id (chat));
      self->timeline = hearth_timeline_new (self->messages, chat);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->timeline)));
      gtk_list_view_set_model (self->message_view, GTK_SELECTION_MODEL (selection));

      g_signal_connect_object (chat, "notify::title",
                               G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (chat, "notify::is-group",
                               G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (hearth_chat_get_participants (chat), "items-changed",
                               G_CALLBACK (on_participants_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (hearth_chat_get_typing_users (chat), "items-changed",
                               G_CALLBACK (update_typing), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->messages, "notify::loading",
                               G_CALLBACK (on_loading_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->timeline, "items-changed",
                               G_CALLBACK (on_timeline_changed_cb), self, G_CONNECT_SWAPPED);
      watch_users (self);
    }

  update_title (self);
  update_subtitle (self);
  update_typing (self);
  update_jump (self);
  on_loading_cb (self);
  tell_session (self);

  if (chat != NULL)
    hearth_conversation_view_scroll_to_bottom (self);
}

void
hearth_conversation_view_set_folded (HearthConversationView *self,
                                     gboolean                folded)
{
  g_return_if_fail (HEARTH_IS_CONVERSATION_VIEW (self));

  gtk_widget_set_visible (self->back_button, folded);
}

HearthTimeline *
hearth_conversation_view_get_timeline (HearthConversationView *self)
{
  g_return_val_if_fail (HEARTH_IS_CONVERSATION_VIEW (self), NULL);

  return self->timeline;
}

void
hearth_conversation_view_focus_composer (HearthConversationView *self)
{
  g_return_if_fail (HEARTH_IS_CONVERSATION_VIEW (self));

  hearth_composer_focus (self->composer);
}

gboolean
hearth_conversation_view_start_search (HearthConversationView *self)
{
  g_return_val_if_fail (HEARTH_IS_CONVERSATION_VIEW (self), FALSE);

  if (self->chat == NULL)
    return FALSE;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return TRUE;
}

gboolean
hearth_conversation_view_stop_search (HearthConversationView *self)
{
  g_return_val_if_fail (HEARTH_IS_CONVERSATION_VIEW (self), FALSE);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (self->search_bar == NULL || !gtk_search_bar_get_search_mode (self->search_bar))
    return FALSE;

  gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  return TRUE;
}
