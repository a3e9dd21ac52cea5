/* test-window.c: the app against the in-process demo server, as a user sees it
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: runs in the ui suite under `xvfb-run -a dbus-run-session --`.
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <unistd.h>

#include "hearth-composer.h"
#include "hearth-format.h"
#include "hearth-ui-test.h"
#include "hearth-user.h"

static HearthChat *
shown_chat (Fixture *f,
            guint    position)
{
  GListModel *shown = hearth_chat_list_view_get_shown (_hearth_window_get_chat_list_view (f->window));
  g_autoptr(HearthChat) chat = g_list_model_get_item (shown, position);

  return chat;
}

/* The chat list shows the seeded chats of the demo user, newest activity first. */
static void
test_chat_list_seeded (Fixture       *f,
                       gconstpointer  data)
{
  GListModel *shown = hearth_chat_list_view_get_shown (_hearth_window_get_chat_list_view (f->window));
  GDateTime *previous = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      HearthChat *chat = shown_chat (f, i);

      if (previous != NULL)
        g_assert_cmpint (g_date_time_compare (previous, hearth_chat_get_last_activity (chat)), >=, 0);
      previous = hearth_chat_get_last_activity (chat);
    }

  wait_label (f, "Weekend hike");
  wait_label (f, "Raj Kumar");
  wait_label (f, "Ana Lima");
  wait_label (f, "Mei Chen, Tom Okafor");
  g_assert_cmpstr (_hearth_window_get_page (f->window), ==, "main");
}

typedef struct
{
  Fixture    *f;
  HearthChat *chat;
  guint       unread;
} RowWait;

static gboolean
chat_on_top_with_unread (gpointer data)
{
  RowWait *wait = data;

  return shown_chat (wait->f, 0) == wait->chat &&
         hearth_chat_get_unread (wait->chat) == wait->unread;
}

/* A message from Raj: his chat moves to the top, its unread count rises, the preview is the
 * text, literally (markup stays text). */
static void
test_incoming_message (Fixture       *f,
                       gconstpointer  data)
{
  HearthChat *chat = hearth_store_lookup_chat (store_of (f), CHAT_RAJ);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  RowWait wait = { f, chat, 0 };

  g_assert_nonnull (chat);
  wait.unread = hearth_chat_get_unread (chat) + 1;

  id = hearth_server_post_message (server_of (f), RAJ, CHAT_RAJ, "<b>Bold</b> & <i>brave</i>",
                                   NULL, &error);
  g_assert_no_error (error);

  g_assert_true (spin_until (chat_on_top_with_unread, &wait));
  wait_label (f, "<b>Bold</b> & <i>brave</i>");
}

static gboolean
someone_types (gpointer data)
{
  return g_list_model_get_n_items (hearth_chat_get_typing_users (HEARTH_CHAT (data))) > 0;
}

/* Typing shows in the list and above the composer, and goes away by itself. */
static void
test_typing_indicator (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LabelSearch typing = { NULL, "Raj Kumar is typing…" };

  hearth_store_set_typing_timeout (store_of (f), 1500);
  open_chat (f, CHAT_RAJ);
  typing.root = GTK_WIDGET (f->window);

  g_assert_true (hearth_server_set_typing (server_of (f), RAJ, CHAT_RAJ, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (spin_until (someone_types, hearth_store_lookup_chat (store_of (f), CHAT_RAJ)));
  wait_label (f, "Raj Kumar is typing…");
  wait_label (f, "typing…");

  /* No typing-stopped: the store's timeout clears it. */
  g_assert_true (spin_until (label_gone, &typing));
}

static gboolean
key_press (GtkWidget *widget,
           guint      keyval,
           GdkModifierType state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }

  return handled;
}

typedef struct
{
  char *chat_id;
  char *message_id;
} Posted;

static void
on_posted_cb (HearthServer *server,
              const char   *user_id,
              const char   *chat_id,
              const char   *message_id,
              Posted       *posted)
{
  if (g_strcmp0 (user_id, ME) != 0)
    return;

  g_free (posted->chat_id);
  g_free (posted->message_id);
  posted->chat_id = g_strdup (chat_id);
  posted->message_id = g_strdup (message_id);
}

static gboolean
was_posted (gpointer data)
{
  return ((Posted *) data)->message_id != NULL;
}

static gboolean
newest_seen (gpointer data)
{
  HearthTimeline *timeline = data;

  return hearth_timeline_get_seen_position (timeline) ==
         g_list_model_get_n_items (G_LIST_MODEL (timeline)) - 1;
}

/* Enter sends (Shift+Enter does not), the message reaches the server, and the seen label
 * appears when Raj reads it. */
static void
test_send_and_seen (Fixture       *f,
                    gconstpointer  data)
{
  HearthConversationView *view;
  GtkTextView *text_view;
  GtkTextBuffer *buffer;
  g_autoptr(GError) error = NULL;
  Posted posted = { NULL, NULL };
  gulong handler;
  GtkWidget *composer;

  open_chat (f, CHAT_RAJ);
  view = _hearth_window_get_conversation_view (f->window);
  composer = gtk_widget_get_last_child (GTK_WIDGET (view));
  g_assert_true (HEARTH_IS_COMPOSER (composer));
  text_view = hearth_composer_get_text_view (HEARTH_COMPOSER (composer));
  buffer = gtk_text_view_get_buffer (text_view);

  handler = g_signal_connect (server_of (f), "message-posted", G_CALLBACK (on_posted_cb), &posted);

  gtk_text_buffer_set_text (buffer, "Lunch at <12:30> & later?", -1);
  key_press (GTK_WIDGET (text_view), GDK_KEY_Return, GDK_SHIFT_MASK);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >=, 25);
  gtk_text_buffer_set_text (buffer, "Lunch at <12:30> & later?", -1);
  g_assert_true (key_press (GTK_WIDGET (text_view), GDK_KEY_Return, 0));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);

  g_assert_true (spin_until (was_posted, &posted));
  g_assert_cmpstr (posted.chat_id, ==, CHAT_RAJ);
  wait_label (f, "Lunch at <12:30> & later?");
  wait_label (f, "You: Lunch at <12:30> & later?");

  g_assert_true (hearth_server_mark_read (server_of (f), RAJ, CHAT_RAJ, &error));
  g_assert_no_error (error);
  g_assert_true (spin_until (newest_seen, hearth_conversation_view_get_timeline (view)));
  wait_label (f, "Seen");

  g_signal_handler_disconnect (server_of (f), handler);
  g_free (posted.chat_id);
  g_free (posted.message_id);
}

/* The draft of a chat survives switching chats. */
static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  HearthConversationView *view;
  GtkTextBuffer *buffer;
  GtkWidget *composer;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  open_chat (f, CHAT_RAJ);
  view = _hearth_window_get_conversation_view (f->window);
  composer = gtk_widget_get_last_child (GTK_WIDGET (view));
  buffer = gtk_text_view_get_buffer (hearth_composer_get_text_view (HEARTH_COMPOSER (composer)));

  gtk_text_buffer_set_text (buffer, "half a thought", -1);
  open_chat (f, CHAT_HIKE);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, 0);
  open_chat (f, CHAT_RAJ);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "half a thought");
  g_assert_cmpstr (hearth_store_get_draft (store_of (f), CHAT_RAJ), ==, "half a thought");
}

/* A group chat someone names with markup: the row and the toast keep it as text. */
static void
test_markup_literal (Fixture       *f,
                     gconstpointer  data)
{
  const char *members[] = { ANA, RAJ, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *chat_id = NULL;

  chat_id = hearth_server_create_chat (server_of (f), ANA, members, "<i>Party</i> & <b>more</b>",
                                       &error);
  g_assert_no_error (error);
  g_assert_true (hearth_server_add_participant (server_of (f), ANA, chat_id, ME, &error));
  g_assert_no_error (error);
  wait_label (f, "<i>Party</i> & <b>more</b>");
  g_assert_cmpstr (_hearth_window_get_last_toast (f->window), ==,
                   "Ana Lima added you to “<i>Party</i> & <b>more</b>”");
}

static gboolean
conversation_closed (gpointer data)
{
  return hearth_conversation_view_get_chat (HEARTH_CONVERSATION_VIEW (data)) == NULL;
}

/* A deleted open chat closes the conversation and says so. */
static void
test_chat_deleted (Fixture       *f,
                   gconstpointer  data)
{
  const char *payload = "{\"chat\":\"" CHAT_HIKE "\"}";
  HearthConversationView *view = _hearth_window_get_conversation_view (f->window);

  open_chat (f, CHAT_HIKE);
  g_assert_cmpuint (hearth_server_push_event (server_of (f), ME, "chat-deleted", payload), >=, 1);
  g_assert_true (spin_until (conversation_closed, view));
  g_assert_cmpstr (_hearth_window_get_last_toast (f->window), ==, "“Weekend hike” was deleted");
  g_assert_null (hearth_store_lookup_chat (store_of (f), CHAT_HIKE));
}

/* Ctrl+K: type part of a name, Enter opens the chat. */
static void
test_quick_switcher (Fixture       *f,
                     gconstpointer  data)
{
  HearthQuickSwitcher *switcher;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find-chat", NULL));
  switcher = _hearth_window_get_quick_switcher (f->window);
  g_assert_nonnull (switcher);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_quick_switcher_get_shown (switcher)), ==, 5);

  hearth_quick_switcher_set_query (switcher, "hike");
  g_assert_cmpuint (g_list_model_get_n_items (hearth_quick_switcher_get_shown (switcher)), ==, 1);
  g_assert_true (hearth_quick_switcher_choose_first (switcher));
  g_assert_true (spin_until (conversation_open, f));
  g_assert_cmpstr (hearth_chat_get_id (hearth_conversation_view_get_chat (_hearth_window_get_conversation_view (f->window))),
                   ==, CHAT_HIKE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (_hearth_window_get_quick_switcher (f->window));
}

static gboolean
history_complete (gpointer data)
{
  HearthMessageList *messages = hearth_timeline_get_messages (HEARTH_TIMELINE (data));

  return hearth_message_list_get_complete (messages) && !hearth_message_list_get_loading (messages);
}

/* Ctrl+F searches the open chat's messages (the full-text index), Escape closes it. */
static void
test_search_in_chat (Fixture       *f,
                     gconstpointer  data)
{
  HearthConversationView *view;
  GtkEditable *entry;

  open_chat (f, CHAT_RAJ);
  view = _hearth_window_get_conversation_view (f->window);
  /* Let the history reach the database first. */
  g_assert_true (spin_until (history_complete, hearth_conversation_view_get_timeline (view)));
  hearth_store_flush (store_of (f));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search-chat", NULL));
  entry = GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (f->window)));
  g_assert_true (GTK_IS_EDITABLE (entry));
  gtk_editable_set_text (entry, "rame");
  wait_label (f, "Yes! The ramen place near the station?");
  {
    HearthTimeline *timeline = hearth_conversation_view_get_timeline (view);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *when = NULL;
    g_autofree char *meta = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (timeline)) && when == NULL; i++)
      {
        g_autoptr(HearthTimelineRow) row = g_list_model_get_item (G_LIST_MODEL (timeline), i);
        HearthMessage *message = hearth_timeline_row_get_message (row);

        if (g_strcmp0 (hearth_message_get_content (message), "Yes! The ramen place near the station?") == 0)
          when = hearth_format_list_time (hearth_message_get_at (message), now);
      }
    g_assert_nonnull (when);
    meta = g_strdup_printf ("Alex Morgan · %s", when);
    wait_label (f, meta);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.escape", NULL));
  g_assert_false (hearth_conversation_view_stop_search (view));
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (ADW_LEAFLET (data));
}

/* Below ~600 px the leaflet folds: a chat replaces the list, Escape goes back. */
static void
test_folds_when_narrow (void)
{
  Fixture fixture = { 0, };
  Fixture *f = &fixture;
  AdwLeaflet *leaflet;

  setup_demo (f, 400);
  leaflet = _hearth_window_get_leaflet (f->window);
  g_assert_true (spin_until (is_folded, leaflet));

  open_chat (f, CHAT_RAJ);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) !=
                 GTK_WIDGET (_hearth_window_get_chat_list_view (f->window)));
  wait_label (f, "Raj Kumar");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.escape", NULL));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) ==
                 GTK_WIDGET (_hearth_window_get_chat_list_view (f->window)));
  g_assert_null (hearth_conversation_view_get_chat (_hearth_window_get_conversation_view (f->window)));

  fixture_tear_down (f, NULL);
}

/* Sign-in errors are inline and specific. */
static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  hearth_accounts_restore_finish (HEARTH_ACCOUNTS (object), result, &f->error);
  f->done = TRUE;
}

static void
test_sign_in_errors (void)
{
  Fixture fixture = { 0, };
  Fixture *f = &fixture;
  g_autoptr(HearthServer) server = hearth_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  HearthSignInPage *page;

  setup_window (f, 1000);
  hearth_window_show_sign_in (f->window, NULL);
  page = _hearth_window_get_sign_in_page (f->window);
  g_assert_cmpstr (_hearth_window_get_page (f->window), ==, "sign-in");

  g_assert_true (hearth_server_load_default_seed (server, &error));
  g_assert_true (hearth_server_listen (server, 0, &error));
  g_assert_no_error (error);
  url = hearth_server_dup_url (server);

  /* A bad URL never reaches the network. */
  hearth_sign_in_page_set_server (page, "ftp://example.org");
  hearth_sign_in_page_submit (page);
  wait_label (f, "“ftp://example.org” is not a server address: use one like https://chat.example.org");

  /* Wrong password. */
  g_signal_emit_by_name (page, "sign-in", url, "alex", "not-the-password");
  wait_label (f, "Wrong username or password");
  g_assert_null (session_of (f));

  /* The right one signs in and shows the chats. */
  f->done = FALSE;
  hearth_accounts_sign_in_async (f->accounts, url, "alex", "hearth-alex", NULL, sign_in_cb, f);
  g_assert_true (spin_until (is_done, f));
  g_assert_no_error (f->error);
  g_assert_cmpstr (_hearth_window_get_page (f->window), ==, "main");

  /* The token went to the (throwaway) keyring: the next start signs in silently. */
  g_assert_true (spin_until (keyring_answered, f->accounts));
  g_assert_null (hearth_accounts_get_keyring_error (f->accounts));
  g_assert_true (hearth_accounts_get_remembered (f->accounts));
  {
    g_autoptr(HearthAccounts) next_start = hearth_accounts_new ();

    f->done = FALSE;
    hearth_accounts_restore_async (next_start, NULL, restore_cb, f);
    g_assert_true (spin_until (is_done, f));
    g_assert_no_error (f->error);
    g_assert_nonnull (hearth_accounts_get_session (next_start));
    g_assert_cmpstr (hearth_user_get_id (hearth_session_get_me (hearth_accounts_get_session (next_start))),
                     ==, ME);
    hearth_accounts_shutdown (next_start);
  }

  /* Signing out wipes, forgets the token and returns to the sign-in page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sign-out", NULL));
  g_assert_cmpstr (_hearth_window_get_page (f->window), ==, "sign-in");
  g_assert_null (session_of (f));
  {
    g_autoptr(HearthAccounts) next_start = hearth_accounts_new ();

    f->done = FALSE;
    hearth_accounts_restore_async (next_start, NULL, restore_cb, f);
    g_assert_true (spin_until (is_done, f));
    g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&f->error);
    g_assert_null (hearth_accounts_get_session (next_start));
  }

  gtk_window_destroy (GTK_WINDOW (f->window));
  hearth_server_shutdown (server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->accounts);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);

  g_test_add ("/Hearth/Window/chat-list-seeded", Fixture, NULL,
              fixture_set_up, test_chat_list_seeded, fixture_tear_down);
  g_test_add ("/Hearth/Window/incoming-message", Fixture, NULL,
              fixture_set_up, test_incoming_message, fixture_tear_down);
  g_test_add ("/Hearth/Window/typing-indicator", Fixture, NULL,
              fixture_set_up, test_typing_indicator, fixture_tear_down);
  g_test_add ("/Hearth/Window/send-and-seen", Fixture, NULL,
              fixture_set_up, test_send_and_seen, fixture_tear_down);
  g_test_add ("/Hearth/Window/draft", Fixture, NULL,
              fixture_set_up, test_draft, fixture_tear_down);
  g_test_add ("/Hearth/Window/markup-literal", Fixture, NULL,
              fixture_set_up, test_markup_literal, fixture_tear_down);
  g_test_add ("/Hearth/Window/chat-deleted", Fixture, NULL,
              fixture_set_up, test_chat_deleted, fixture_tear_down);
  g_test_add ("/Hearth/Window/quick-switcher", Fixture, NULL,
              fixture_set_up, test_quick_switcher, fixture_tear_down);
  g_test_add ("/Hearth/Window/search-in-chat", Fixture, NULL,
              fixture_set_up, test_search_in_chat, fixture_tear_down);
  g_test_add_func ("/Hearth/Window/folds-when-narrow", test_folds_when_narrow);
  g_test_add_func ("/Hearth/Window/sign-in-errors", test_sign_in_errors);

  status = g_test_run ();

  ui_test_shutdown ();

  return status;
}
