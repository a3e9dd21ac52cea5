/* hearth-window.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-accessible.h"
#include "hearth-api.h"
#include "hearth-chat-list-view.h"
#include "hearth-connection.h"
#include "hearth-connection-banner.h"
#include "hearth-conversation-view.h"
#include "hearth-event-bus.h"
#include "hearth-event.h"
#include "hearth-preferences-window.h"
#include "hearth-quick-switcher.h"
#include "hearth-rewards-page.h"
#include "hearth-sign-in-page.h"
#include "hearth-settings.h"
#include "hearth-store.h"
#include "hearth-today-page.h"
#include "hearth-user.h"
#include "hearth-window-private.h"

/* Database errors arrive per failed batch: one toast per this many seconds at most. */
#define DATABASE_TOAST_INTERVAL_S 30

struct _HearthWindow
{
  AdwApplicationWindow    parent_instance;

  HearthAccounts         *accounts;
  HearthSession          *session;
  HearthConnection       *connection;
  HearthStore            *store;
  HearthEventBus         *bus;
  char                   *last_toast;
  HearthQuickSwitcher    *quick_switcher;
  gint64                  last_database_toast;

  /* template */
  AdwToastOverlay        *toast_overlay;
  GtkStack               *main_stack;
  HearthSignInPage       *sign_in_page;
  AdwViewStack           *view_stack;
  HearthConnectionBanner *banner;
  AdwLeaflet             *leaflet;
  HearthChatListView     *chat_list_view;
  GtkStack               *content_stack;
  HearthConversationView *conversation_view;
  GSettings              *settings;  /* nullable: no schema installed */
  HearthRewardsPage      *rewards_page;
  HearthTodayPage        *today_page;
};

G_DEFINE_FINAL_TYPE (HearthWindow, hearth_window, ADW_TYPE_APPLICATION_WINDOW)

static void bind_session (HearthWindow *self);

/* libadwaita 1.2's toast close button has no accessible name: the toasts are the overlay's
 * children beside its main child. */
static void
name_toast_buttons (HearthWindow *self)
{
  /* Also called from an idle: the window may be disposed by then. */
  if (self->toast_overlay == NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->toast_overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (child != GTK_WIDGET (self->main_stack))
        hearth_accessible_name_icon_buttons (child, "window-close-symbolic", _("Dismiss"));
    }
}

static gboolean
name_toast_buttons_cb (gpointer data)
{
  name_toast_buttons (data);

  return G_SOURCE_REMOVE;
}

static void
on_toast_dismissed_cb (HearthWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, name_toast_buttons_cb, g_object_ref (self),
                   g_object_unref);
}

static void
show_toast (HearthWindow *self,
            const char   *title)
{
  AdwToast *toast;

  /* Titles are plain text: names may contain "<b>" or "&". Before libadwaita 1.4 a toast
   * title is always markup, so it is escaped. */
#if ADW_CHECK_VERSION (1, 4, 0)
  toast = adw_toast_new (title);
  adw_toast_set_use_markup (toast, FALSE);
#else
  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);

    toast = adw_toast_new (escaped);
  }
#endif
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  name_toast_buttons (self);
  /* A queued toast gets its widget when the one before it goes. */
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);
}

static void
on_page_toast_cb (HearthWindow *self,
                  const char   *text)
{
  show_toast (self, text);
}

/* Store and bus */

static void
on_chat_joined_cb (HearthWindow *self,
                   HearthChat   *chat,
                   HearthUser   *admin)
{
  g_autofree char *text = NULL;

  if (admin != NULL)
    /* Translators: "Raj added you to Weekend Plans" */
    text = g_strdup_printf (_("%s added you to “%s”"), hearth_user_get_display_name (admin),
                            hearth_chat_get_title (chat));
  else
    text = g_strdup_printf (_("You were added to “%s”"), hearth_chat_get_title (chat));

  show_toast (self, text);
}

static void
close_conversation (HearthWindow *self)
{
  hearth_conversation_view_set_chat (self->conversation_view, NULL);
  hearth_chat_list_view_select (self->chat_list_view, NULL);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->chat_list_view));
}

static void
on_chat_removed_cb (HearthWindow *self,
                    const char   *chat_id,
                    const char   *title)
{
  HearthChat *open = hearth_conversation_view_get_chat (self->conversation_view);
  g_autofree char *text = NULL;

  text = title != NULL ? g_strdup_printf (_("“%s” was deleted"), title)
                       : g_strdup (_("A chat was deleted"));

  if (open != NULL && g_strcmp0 (hearth_chat_get_id (open), chat_id) == 0)
    close_conversation (self);

  show_toast (self, text);
}

static void
on_participant_removed_cb (HearthWindow *self,
                           HearthEvent  *event)
{
  HearthUser *user = hearth_event_get_user (event);
  HearthUser *me = self->session != NULL ? hearth_session_get_me (self->session) : NULL;
  HearthChat *chat;
  g_autofree char *text = NULL;

  if (user == NULL || me == NULL || self->store == NULL ||
      g_strcmp0 (hearth_user_get_id (user), hearth_user_get_id (me)) != 0)
    return;

  chat = hearth_store_lookup_chat (self->store, hearth_event_get_chat_id (event));
  text = chat != NULL ? g_strdup_printf (_("You were removed from “%s”"), hearth_chat_get_title (chat))
                      : g_strdup (_("You were removed from a chat"));
  show_toast (self, text);
}

static void
on_error_event_cb (HearthWindow *self,
                   HearthEvent  *event)
{
  const char *message = hearth_event_get_server_message (event);

  switch (hearth_event_get_kind (event))
    {
    case HEARTH_EVENT_VERIFICATION_REQUIRED:
      /* The banner says it. */
      break;

    case HEARTH_EVENT_AUTHORIZATION_FAILED:
      /* The session signs out; "signed-out" shows the sign-in page. */
      break;

    case HEARTH_EVENT_PERMISSION_DENIED:
      show_toast (self, message != NULL ? message : _("You are not allowed to do that"));
      break;

    case HEARTH_EVENT_NOT_FOUND:
      show_toast (self, message != NULL ? message : _("That no longer exists"));
      break;

    case HEARTH_EVENT_VALIDATION_FAILED:
      show_toast (self, message != NULL ? message : _("The server did not accept that"));
      break;

    case HEARTH_EVENT_SERVER_ERROR:
    default:
      show_toast (self, message != NULL ? message : _("The server had a problem"));
      break;
    }
}

static void
on_database_error_cb (HearthWindow *self,
                      const GError *error)
{
  gint64 now = g_get_monotonic_time ();

  g_warning ("Local cache: %s", error->message);

  if (self->last_database_toast != 0 &&
      now - self->last_database_toast < DATABASE_TOAST_INTERVAL_S * G_USEC_PER_SEC)
    return;

  self->last_database_toast = now;
  show_toast (self, _("Messages cannot be saved on this computer right now — nothing is lost while Hearth runs"));
}

static void
on_keyring_error_cb (HearthWindow *self)
{
  const char *message = hearth_accounts_get_keyring_error (self->accounts);
  g_autofree char *text = NULL;

  if (message == NULL)
    return;

  text = g_strdup_printf (_("Hearth will ask you to sign in again next time: %s"), message);
  show_toast (self, text);
}

/* Navigation */

gboolean
hearth_window_open_chat (HearthWindow *self,
                         const char   *chat_id)
{
  HearthChat *chat;

  g_return_val_if_fail (HEARTH_IS_WINDOW (self), FALSE);

  if (self->store == NULL || chat_id == NULL ||
      (chat = hearth_store_lookup_chat (self->store, chat_id)) == NULL)
    return FALSE;

  adw_view_stack_set_visible_child_name (self->view_stack, "chats");
  hearth_conversation_view_set_chat (self->conversation_view, chat);
  hearth_chat_list_view_select (self->chat_list_view, chat_id);
  gtk_stack_set_visible_child_name (self->content_stack, "conversation");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  hearth_conversation_view_focus_composer (self->conversation_view);

  return TRUE;
}

static void
on_chat_activated_cb (HearthWindow *self,
                      HearthChat   *chat)
{
  hearth_window_open_chat (self, hearth_chat_get_id (chat));
}

static void
on_back_cb (HearthWindow *self)
{
  close_conversation (self);
}

static void
on_folded_cb (HearthWindow *self)
{
  hearth_conversation_view_set_folded (self->conversation_view,
                                       adw_leaflet_get_folded (self->leaflet));
}

static void
on_leaflet_child_cb (HearthWindow *self)
{
  /* Swiped back to the list of a folded window: the conversation is no longer visible. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->chat_list_view) &&
      hearth_conversation_view_get_chat (self->conversation_view) != NULL &&
      !adw_leaflet_get_child_transition_running (self->leaflet))
    close_conversation (self);
}

static void
on_active_cb (HearthWindow *self)
{
  if (self->session != NULL && hearth_session_get_state (self->session) == HEARTH_SESSION_SIGNED_IN)
    hearth_session_set_window_active (self->session, gtk_window_is_active (GTK_WINDOW (self)));
}

/* Chat by position: -1 previous, +1 next relative to the open chat. */
static void
open_relative (HearthWindow *self,
               int           delta,
               gboolean      unread_only)
{
  GListModel *shown = hearth_chat_list_view_get_shown (self->chat_list_view);
  HearthChat *open = hearth_conversation_view_get_chat (self->conversation_view);
  guint n = g_list_model_get_n_items (shown);
  int current = -1;

  for (guint i = 0; open != NULL && i < n; i++)
    {
      g_autoptr(HearthChat) chat = g_list_model_get_item (shown, i);

      if (chat == open)
        current = (int) i;
    }

  for (int i = current + delta; i >= 0 && i < (int) n; i += delta)
    {
      g_autoptr(HearthChat) chat = g_list_model_get_item (shown, (guint) i);

      if (!unread_only || hearth_chat_get_unread (chat) > 0)
        {
          hearth_window_open_chat (self, hearth_chat_get_id (chat));
          return;
        }
    }

  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
chat_relative_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);
  gboolean unread = g_str_has_suffix (action_name, "-unread");
  int delta = g_str_has_prefix (action_name, "win.previous") ? -1 : 1;

  open_relative (self, delta, unread);
}

static void
chat_at_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);
  GListModel *shown = hearth_chat_list_view_get_shown (self->chat_list_view);
  g_autoptr(HearthChat) chat = g_list_model_get_item (shown, (guint) g_variant_get_int32 (parameter) - 1);

  if (chat != NULL)
    hearth_window_open_chat (self, hearth_chat_get_id (chat));
  else
    gtk_widget_error_bell (widget);
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
search_chat_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  if (!hearth_conversation_view_start_search (self->conversation_view))
    gtk_widget_error_bell (widget);
}

static void
on_chat_chosen_cb (HearthWindow *self,
                   HearthChat   *chat)
{
  hearth_window_open_chat (self, hearth_chat_get_id (chat));
}

static void
find_chat_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);
  HearthQuickSwitcher *switcher;

  if (self->store == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }

  switcher = hearth_quick_switcher_new (GTK_WINDOW (self), hearth_store_get_chats (self->store));
  g_signal_connect_object (switcher, "chat-chosen",
                           G_CALLBACK (on_chat_chosen_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->quick_switcher, switcher);
  gtk_window_present (GTK_WINDOW (switcher));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  if (hearth_conversation_view_stop_search (self->conversation_view))
    return;

  if (adw_leaflet_get_folded (self->leaflet) &&
      hearth_conversation_view_get_chat (self->conversation_view) != NULL)
    close_conversation (self);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);

  hearth_accounts_sign_out (self->accounts);
}

/* Sign-in */

static void
sign_in_done (HearthWindow *self,
              GError       *error)
{
  hearth_sign_in_page_set_busy (self->sign_in_page, FALSE);

  if (error == NULL)
    {
      hearth_sign_in_page_clear_password (self->sign_in_page);
      return;
    }

  if (g_error_matches (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED))
    hearth_sign_in_page_set_error (self->sign_in_page, _("Wrong username or password"));
  else if (g_error_matches (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK))
    {
      g_autofree char *text = g_strdup_printf (_("Could not reach the server: %s"), error->message);

      hearth_sign_in_page_set_error (self->sign_in_page, text);
    }
  else
    hearth_sign_in_page_set_error (self->sign_in_page, error->message);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HearthWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  hearth_accounts_sign_in_finish (HEARTH_ACCOUNTS (object), result, &error);
  sign_in_done (self, error);
}

static void
on_sign_in_cb (HearthWindow *self,
               const char   *server_url,
               const char   *username,
               const char   *password)
{
  hearth_sign_in_page_set_busy (self->sign_in_page, TRUE);
  hearth_accounts_sign_in_async (self->accounts, server_url, username, password, NULL,
                                 sign_in_cb, g_object_ref (self));
}

static void
demo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HearthWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  hearth_accounts_start_demo_finish (HEARTH_ACCOUNTS (object), result, &error);
  sign_in_done (self, error);
}

static void
on_try_demo_cb (HearthWindow *self)
{
  hearth_sign_in_page_set_busy (self->sign_in_page, TRUE);
  hearth_accounts_start_demo_async (self->accounts, NULL, demo_cb, g_object_ref (self));
}

static void
on_signed_out_cb (HearthWindow        *self,
                  HearthSignOutReason  reason,
                  const char          *message)
{
  switch (reason)
    {
    case HEARTH_SIGN_OUT_ACCOUNT_TERMINATED:
      {
        GtkWidget *dialog;

        hearth_window_show_sign_in (self, NULL);
        dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Your Account Was Closed"),
                                         NULL);
        adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                     message != NULL ? message :
                                     _("The server closed this account. Its messages were removed from this computer."));
        adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
        gtk_window_present (GTK_WINDOW (dialog));
      }
      break;

    case HEARTH_SIGN_OUT_AUTHORIZATION_FAILED:
      {
        g_autofree char *text = g_strdup_printf (_("You were signed out: %s"),
                                                 message != NULL ? message :
                                                 _("the server no longer accepts this sign-in"));

        hearth_window_show_sign_in (self, text);
      }
      break;

    case HEARTH_SIGN_OUT_USER:
    default:
      hearth_window_show_sign_in (self, NULL);
      break;
    }
}

/* Session */

static void
unbind_session (HearthWindow *self)
{
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->bus != NULL)
    g_signal_handlers_disconnect_by_data (self->bus, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  g_clear_object (&self->connection);
  g_clear_object (&self->store);
  g_clear_object (&self->bus);
  g_clear_object (&self->session);
}

static void
bind_session (HearthWindow *self)
{
  HearthSession *session = hearth_accounts_get_session (self->accounts);

  if (session == self->session)
    return;

  close_conversation (self);
  unbind_session (self);

  hearth_conversation_view_set_session (self->conversation_view, session);
  hearth_rewards_page_set_session (self->rewards_page, session);
  hearth_today_page_set_session (self->today_page, session);
  hearth_connection_banner_set_session (self->banner, session);

  if (session == NULL)
    {
      hearth_chat_list_view_set_chats (self->chat_list_view, NULL);
      return;
    }

  self->session = g_object_ref (session);
  self->store = g_object_ref (hearth_session_get_store (session));
  self->bus = g_object_ref (hearth_session_get_bus (session));
  self->connection = g_object_ref (hearth_session_get_connection (session));

  hearth_chat_list_view_set_chats (self->chat_list_view, hearth_store_get_chats (self->store));

  g_signal_connect_object (session, "database-error",
                           G_CALLBACK (on_database_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "chat-joined",
                           G_CALLBACK (on_chat_joined_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "chat-removed",
                           G_CALLBACK (on_chat_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bus, "event::chat-participant-removed",
                           G_CALLBACK (on_participant_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bus, "error-event",
                           G_CALLBACK (on_error_event_cb), self, G_CONNECT_SWAPPED);

  hearth_session_set_window_active (session, gtk_window_is_active (GTK_WINDOW (self)));
  /* Focus leaves the sign-in form before it is hidden. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  adw_view_stack_set_visible_child_name (self->view_stack, "chats");
}

static void
hearth_window_dispose (GObject *object)
{
  HearthWindow *self = (HearthWindow *)object;

  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->accounts, self);
  if (self->quick_switcher != NULL)
    gtk_window_destroy (GTK_WINDOW (self->quick_switcher));
  g_clear_weak_pointer (&self->quick_switcher);
  unbind_session (self);
  g_clear_object (&self->accounts);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_WINDOW);

  G_OBJECT_CLASS (hearth_window_parent_class)->dispose (object);
}

static void
hearth_window_finalize (GObject *object)
{
  HearthWindow *self = (HearthWindow *)object;

  g_free (self->last_toast);

  G_OBJECT_CLASS (hearth_window_parent_class)->finalize (object);
}

/* Preferences, help, closing */

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HearthWindow *self = HEARTH_WINDOW (widget);
  GtkWidget *preferences;

  if (self->settings == NULL)
    {
      show_toast (self, _("Preferences are not available: the settings schema is not installed"));
      return;
    }

  preferences = hearth_preferences_window_new (GTK_WINDOW (self), self->settings,
                                               self->session != NULL);
  gtk_window_present (GTK_WINDOW (preferences));
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
help_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HearthWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_uri_launcher_launch_finish (GTK_URI_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    {
      g_message ("Could not open the help: %s", error->message);
      show_toast (self, _("The help could not be opened"));
    }
}
#endif

static void
help_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new ("help:hearth");

  gtk_uri_launcher_launch (launcher, GTK_WINDOW (widget), NULL, help_cb, g_object_ref (widget));
#else
  gtk_show_uri (GTK_WINDOW (widget), "help:hearth", GDK_CURRENT_TIME);
#endif
}

static gboolean
hearth_window_close_request (GtkWindow *window)
{
  HearthWindow *self = HEARTH_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

      /* Signed in and running in the background: the window hides, the connection and the
       * notifications go on (app.quit or Ctrl+Q ends them). */
      if (self->session != NULL && g_settings_get_boolean (self->settings, "run-in-background"))
        {
          gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
          return TRUE;
        }
    }

  return GTK_WINDOW_CLASS (hearth_window_parent_class)->close_request (window);
}

static void
hearth_window_class_init (HearthWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_window_dispose;
  object_class->finalize = hearth_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = hearth_window_close_request;

  g_type_ensure (HEARTH_TYPE_SIGN_IN_PAGE);
  g_type_ensure (HEARTH_TYPE_CHAT_LIST_VIEW);
  g_type_ensure (HEARTH_TYPE_CONVERSATION_VIEW);
  g_type_ensure (HEARTH_TYPE_REWARDS_PAGE);
  g_type_ensure (HEARTH_TYPE_TODAY_PAGE);
  g_type_ensure (HEARTH_TYPE_CONNECTION_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/hearth-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, chat_list_view);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, conversation_view);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, rewards_page);
  gtk_widget_class_bind_template_child (widget_class, HearthWindow, today_page);
  gtk_widget_class_bind_template_callback (widget_class, on_page_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_try_demo_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_chat_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_cb);

  gtk_widget_class_install_action (widget_class, "win.previous-chat", NULL, chat_relative_action);
  gtk_widget_class_install_action (widget_class, "win.next-chat", NULL, chat_relative_action);
  gtk_widget_class_install_action (widget_class, "win.previous-unread", NULL, chat_relative_action);
  gtk_widget_class_install_action (widget_class, "win.next-unread", NULL, chat_relative_action);
  gtk_widget_class_install_action (widget_class, "win.chat-at", "i", chat_at_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_action);
  gtk_widget_class_install_action (widget_class, "win.search-chat", NULL, search_chat_action);
  gtk_widget_class_install_action (widget_class, "win.find-chat", NULL, find_chat_action);
  gtk_widget_class_install_action (widget_class, "win.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, help_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK | GDK_SHIFT_MASK, "win.previous-unread", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK | GDK_SHIFT_MASK, "win.next-unread", NULL);
  for (int i = 1; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_CONTROL_MASK, "win.chat-at", "i", i);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.view", "s", "chats");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.view", "s", "rewards");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.view", "s", "today");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.find-chat", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
}

static void
hearth_window_init (HearthWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (on_folded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (on_leaflet_child_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::child-transition-running",
                           G_CALLBACK (on_leaflet_child_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_cb), NULL);

  on_folded_cb (self);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");

  self->settings = hearth_settings_new ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
}

HearthWindow *
hearth_window_new (AdwApplication *application,
                   HearthAccounts *accounts)
{
  HearthWindow *self;

  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (HEARTH_IS_ACCOUNTS (accounts), NULL);

  self = g_object_new (HEARTH_TYPE_WINDOW, "application", application, NULL);
  self->accounts = g_object_ref (accounts);

  g_signal_connect_object (accounts, "notify::session",
                           G_CALLBACK (bind_session), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (accounts, "signed-out",
                           G_CALLBACK (on_signed_out_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (accounts, "notify::keyring-error",
                           G_CALLBACK (on_keyring_error_cb), self, G_CONNECT_SWAPPED);
  bind_session (self);

  /* GTK 4.8's shortcuts window has an icon-only search toggle. */
  if (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self)) != NULL)
    hearth_accessible_name_icon_buttons (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self))),
                                         "edit-find-symbolic", _("Search Shortcuts"));

  return self;
}

void
hearth_window_show_sign_in (HearthWindow *self,
                            const char   *message)
{
  g_return_if_fail (HEARTH_IS_WINDOW (self));

  hearth_sign_in_page_set_busy (self->sign_in_page, FALSE);
  hearth_sign_in_page_set_error (self->sign_in_page, message);
  if (self->settings != NULL)
    {
      g_autofree char *server = g_settings_get_string (self->settings, "server-url");
      const char *shown = hearth_sign_in_page_get_server (self->sign_in_page);

      if ((shown == NULL || *shown == '\0') && *server != '\0')
        hearth_sign_in_page_set_server (self->sign_in_page, server);
    }
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
  hearth_sign_in_page_focus (self->sign_in_page);
}

void
hearth_window_show_loading (HearthWindow *self)
{
  g_return_if_fail (HEARTH_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->main_stack, "loading");
}

const char *
_hearth_window_get_page (HearthWindow *self)
{
  return gtk_stack_get_visible_child_name (self->main_stack);
}

HearthSignInPage *
_hearth_window_get_sign_in_page (HearthWindow *self)
{
  return self->sign_in_page;
}

HearthChatListView *
_hearth_window_get_chat_list_view (HearthWindow *self)
{
  return self->chat_list_view;
}

HearthConversationView *
_hearth_window_get_conversation_view (HearthWindow *self)
{
  return self->conversation_view;
}

AdwLeaflet *
_hearth_window_get_leaflet (HearthWindow *self)
{
  return self->leaflet;
}

const char *
_hearth_window_get_banner (HearthWindow *self)
{
  return hearth_connection_banner_get_text (self->banner);
}

HearthQuickSwitcher *
_hearth_window_get_quick_switcher (HearthWindow *self)
{
  return self->quick_switcher;
}

const char *
_hearth_window_get_last_toast (HearthWindow *self)
{
  return self->last_toast;
}

HearthRewardsPage *
_hearth_window_get_rewards_page (HearthWindow *self)
{
  return self->rewards_page;
}

HearthTodayPage *
_hearth_window_get_today_page (HearthWindow *self)
{
  return self->today_page;
}

GtkLabel *
_hearth_window_get_banner_label (HearthWindow *self)
{
  return hearth_connection_banner_get_label (self->banner);
}
