/* test-lifecycle.c: the connection banner, server errors and the conversation's recoveries, as
 * a user sees them
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: runs in the ui suite under `xvfb-run -a dbus-run-session --`.
 */

#define G_LOG_DOMAIN "test-lifecycle"

#include "config.h"

#include <string.h>

#include "hearth-composer.h"
#include "hearth-connection.h"
#include "hearth-message.h"
#include "hearth-settings.h"
#include "hearth-timeline-row.h"
#include "hearth-ui-test.h"

static void
on_banner_text_cb (GtkLabel   *label,
                   GParamSpec *pspec,
                   GPtrArray  *seen)
{
  const char *text = gtk_label_get_text (label);

  if (seen->len == 0 || g_strcmp0 (g_ptr_array_index (seen, seen->len - 1), text) != 0)
    g_ptr_array_add (seen, g_strdup (text));
}

static gboolean
banner_hidden (gpointer data)
{
  return _hearth_window_get_banner (HEARTH_WINDOW (data)) == NULL;
}

typedef struct {
  HearthWindow *window;
  const char   *text;
} BannerWait;

static gboolean
banner_is (gpointer data)
{
  BannerWait *wait = data;

  return g_strcmp0 (_hearth_window_get_banner (wait->window), wait->text) == 0;
}

static gboolean
seen_contains (GPtrArray  *seen,
               const char *text)
{
  for (guint i = 0; i < seen->len; i++)
    if (g_strcmp0 (g_ptr_array_index (seen, i), text) == 0)
      return TRUE;

  return FALSE;
}

/* A lost connection: "Offline …" with Retry; back: "Catching up…" until the resync, then no
 * banner. */
static void
test_offline_banner (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  GtkLabel *label = _hearth_window_get_banner_label (f->window);
  BannerWait offline = { f->window, "Offline — messages will be sent when you are back" };
  HearthConnection *connection = hearth_session_get_connection (session_of (f));

  g_signal_connect (label, "notify::label", G_CALLBACK (on_banner_text_cb), seen);

  /* The server goes silent and drops us: the dead connection is noticed and retried. */
  g_assert_cmpuint (hearth_server_drop_connections (server_of (f), ME), >=, 1);
  g_assert_true (spin_until (banner_is, &offline));
  wait_label (f, "Retry");

  /* Retry (the banner's button) reconnects now, resyncs, and the banner goes. */
  hearth_connection_reconnect_now (connection);
  g_assert_true (spin_until (banner_hidden, f->window));
  g_assert_cmpint (hearth_connection_get_state (connection), ==, HEARTH_CONNECTION_CONNECTED);

  g_assert_true (seen_contains (seen, offline.text));
  g_assert_true (seen_contains (seen, "Catching up…"));
  g_signal_handlers_disconnect_by_data (label, seen);
}

/* verification-required: a banner that stays; other error events: a toast each. */
static void
test_error_events (Fixture       *f,
                   gconstpointer  data)
{
  BannerWait verify = { f->window, "Verify your email address to send messages" };
  LabelSearch toast = { GTK_WIDGET (f->window), "Something <b>broke</b> & burned" };

  g_assert_cmpuint (hearth_server_push_event (server_of (f), ME, "verification-required",
                                              "{\"message\": \"Please verify your email first\"}"), ==, 1);
  g_assert_true (spin_until (banner_is, &verify));

  g_assert_cmpuint (hearth_server_push_event (server_of (f), ME, "server-error",
                                              "{\"message\": \"Something <b>broke</b> & burned\"}"), ==, 1);
  g_assert_true (spin_until (label_shown, &toast));

  /* Still connected, still verifying. */
  g_assert_cmpint (hearth_connection_get_state (hearth_session_get_connection (session_of (f))), ==,
                   HEARTH_CONNECTION_CONNECTED);
  g_assert_cmpstr (_hearth_window_get_banner (f->window), ==, verify.text);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

/* account-terminated: the server's words in a blocking dialog over the sign-in page, and the
 * account's data gone from this computer. */
static void
test_account_terminated (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *database = g_build_filename (hearth_session_get_data_dir (session_of (f)),
                                                "hearth.db", NULL);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_test (database, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (hearth_server_push_event (server_of (f), ME, "account-terminated",
                                              "{\"message\": \"Your account was closed for <spam> & abuse\"}"), ==, 1);
  g_assert_true (spin_until (dialog_shown, NULL));

  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Your account was closed for <spam> & abuse");
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_cmpstr (_hearth_window_get_page (f->window), ==, "sign-in");
  g_assert_null (session_of (f));
  g_assert_false (g_file_test (database, G_FILE_TEST_EXISTS));

  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkScrolledWindow *
conversation_scroller (Fixture *f)
{
  GtkWidget *view = GTK_WIDGET (_hearth_window_get_conversation_view (f->window));

  return GTK_SCROLLED_WINDOW (find_widget_of_type (view, GTK_TYPE_SCROLLED_WINDOW));
}

static gboolean
scrollable (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (data);

  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > 200;
}

static GtkWidget *
find_widget_with_class (GtkWidget  *widget,
                        const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_with_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static HearthMessage *find_message (Fixture    *f,
                                    const char *content);

static gboolean
warmed_up (gpointer data)
{
  return find_message (data, "Warm-up message 11") != NULL;
}

static gboolean
jump_button_shown (gpointer data)
{
  Fixture *f = data;
  GtkWidget *view = GTK_WIDGET (_hearth_window_get_conversation_view (f->window));
  GtkWidget *button = find_widget_with_class (view, "jump-button");

  return button != NULL && gtk_widget_get_mapped (button) &&
         gtk_revealer_get_child_revealed (GTK_REVEALER (gtk_widget_get_parent (button)));
}

/* Scrolled up in a chat, new messages are counted on the jump-to-bottom button; using it goes
 * to the newest one. */
static void
test_jump_to_bottom (Fixture       *f,
                     gconstpointer  data)
{
  LabelSearch count = { NULL, "3" };
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  g_autoptr(GError) error = NULL;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 400);
  open_chat (f, CHAT_HIKE);
  scroller = conversation_scroller (f);
  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);

  /* Enough history to scroll: a few messages of Raj's. */
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *text = g_strdup_printf ("Warm-up message %u", i);
      g_autofree char *id = hearth_server_post_message (server_of (f), RAJ, CHAT_HIKE, text, NULL, &error);

      g_assert_no_error (error);
    }
  /* In the conversation's timeline itself (the chat list's preview shows it first). */
  g_assert_true (spin_until (warmed_up, f));
  g_assert_true (spin_until (scrollable, scroller));

  /* Up to the top: the newest messages are out of sight, and the view knows it (its jump
   * button shows). */
  gtk_adjustment_set_value (adjustment, 0);
  g_assert_true (spin_until (jump_button_shown, f));

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("While you were away %u", i);
      g_autofree char *id = hearth_server_post_message (server_of (f), RAJ, CHAT_HIKE, text, NULL, &error);

      g_assert_no_error (error);
    }

  count.root = GTK_WIDGET (_hearth_window_get_conversation_view (f->window));
  if (!spin_until (label_shown, &count))
    {
      GtkWidget *button = find_widget_with_class (count.root, "jump-button");
      GtkWidget *label = find_widget_of_type (button, GTK_TYPE_LABEL);

      g_error ("No count on the jump button: mapped %d, label “%s”, value %f of %f",
               gtk_widget_get_mapped (button), label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : "-",
               gtk_adjustment_get_value (adjustment), gtk_adjustment_get_upper (adjustment));
    }
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <,
                     gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 100);

  hearth_conversation_view_scroll_to_bottom (_hearth_window_get_conversation_view (f->window));
  g_assert_true (spin_until (label_gone, &count));
  wait_label (f, "While you were away 2");
}

typedef struct {
  Fixture      *f;
  const char   *content;
  HearthMessageState state;
} MessageWait;

static HearthMessage *
find_message (Fixture    *f,
              const char *content)
{
  HearthTimeline *timeline = hearth_conversation_view_get_timeline (_hearth_window_get_conversation_view (f->window));
  guint n = timeline != NULL ? g_list_model_get_n_items (G_LIST_MODEL (timeline)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthTimelineRow) row = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      HearthMessage *message = hearth_timeline_row_get_message (row);

      if (message != NULL && g_strcmp0 (hearth_message_get_content (message), content) == 0)
        return message;
    }

  return NULL;
}

static gboolean
message_state_is (gpointer data)
{
  MessageWait *wait = data;
  HearthMessage *message = find_message (wait->f, wait->content);

  return message != NULL && hearth_message_get_state (message) == wait->state;
}

static void
on_posted_cb (HearthServer *server,
              const char   *chat_id,
              const char   *message_id,
              const char   *sender_id,
              gpointer      user_data)
{
  (*(guint *) user_data)++;
}

static gboolean
posted (gpointer data)
{
  return *(guint *) data > 0;
}

/* A message the server refuses for good (we were removed meanwhile, and did not hear it yet)
 * fails with Retry; once we are back in the chat, Retry sends it. */
static void
test_retry_failed_message (Fixture       *f,
                           gconstpointer  data)
{
  HearthServer *server = server_of (f);
  const char *text = "Sent while out of the group";
  MessageWait failed = { f, text, HEARTH_MESSAGE_FAILED };
  MessageWait sent = { f, text, HEARTH_MESSAGE_SENT };
  g_autoptr(GError) error = NULL;
  HearthMessage *message;
  guint n_posted = 0;

  open_chat (f, CHAT_HIKE);

  /* The socket goes quiet, so the removal is not heard before sending. */
  hearth_server_set_stalled (server, TRUE);
  g_assert_true (hearth_server_remove_participant (server, ANA, CHAT_HIKE, ME, &error));
  g_assert_no_error (error);

  g_assert_nonnull (hearth_session_send_message (session_of (f), CHAT_HIKE, text, NULL));
  g_assert_true (spin_until (message_state_is, &failed));
  wait_label (f, "Retry");

  /* Back in the group; the socket talks again. */
  g_assert_true (hearth_server_add_participant (server, ANA, CHAT_HIKE, ME, &error));
  g_assert_no_error (error);
  hearth_server_set_stalled (server, FALSE);

  g_signal_connect (server, "message-posted", G_CALLBACK (on_posted_cb), &n_posted);
  message = find_message (f, text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (_hearth_window_get_conversation_view (f->window)),
                                             "conversation.retry", "s",
                                             hearth_message_get_client_id (message)));
  g_assert_true (spin_until (message_state_is, &sent));
  g_assert_true (spin_until (posted, &n_posted));
  g_signal_handlers_disconnect_by_data (server, &n_posted);
}

#define TOM        "68b2e7c0f252e6b4383a1f05"
#define CHAT_RAJ_TOM "699aefc0f252e6b4383a1f0c"

static gboolean
chat_known (gpointer data)
{
  Fixture *f = data;

  return hearth_store_lookup_chat (store_of (f), CHAT_RAJ_TOM) != NULL;
}

/* Lines about the membership in the history: someone removed, and being added. */
static void
test_member_lines (Fixture       *f,
                   gconstpointer  data)
{
  LabelSearch removed = { NULL, "Tom Okafor was removed" };
  g_autoptr(GError) error = NULL;

  open_chat (f, CHAT_HIKE);
  removed.root = GTK_WIDGET (_hearth_window_get_conversation_view (f->window));
  g_assert_true (hearth_server_remove_participant (server_of (f), ANA, CHAT_HIKE, TOM, &error));
  g_assert_no_error (error);
  g_assert_true (spin_until (label_shown, &removed));

  /* Raj adds me to his chat with Tom: it opens with "Raj Kumar added you". */
  g_assert_true (hearth_server_add_participant (server_of (f), RAJ, CHAT_RAJ_TOM, ME, &error));
  g_assert_no_error (error);
  g_assert_true (spin_until (chat_known, f));
  open_chat (f, CHAT_RAJ_TOM);
  wait_label (f, "Raj Kumar added you");
}

/* Closing the signed-in window with "run in background" on hides it (the session stays, so
 * do notifications); off, the window goes. */
static void
test_close_runs_in_background (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GSettings) settings = hearth_settings_new ();
  HearthSession *session = session_of (f);

  if (settings == NULL)
    {
      g_test_skip ("The settings schema is not compiled into the build tree");
      return;
    }

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  gtk_window_close (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_true (session_of (f) == session);
  g_assert_cmpint (hearth_session_get_state (session), ==, HEARTH_SESSION_SIGNED_IN);

  /* Shown again (as activating the app does), then closed for good. */
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  {
    g_autoptr(HearthWindow) closed = g_object_ref (f->window);

    gtk_window_close (GTK_WINDOW (closed));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (closed)));
    g_assert_null (gtk_window_get_application (GTK_WINDOW (closed)));

    /* A window of the same accounts for the fixture's teardown. */
    f->window = hearth_window_new (shared_app, f->accounts);
  }
  g_settings_reset (settings, "run-in-background");
}

/* The preferences' privacy switches reach the signed-in session at once. */
static void
test_privacy_settings (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = hearth_settings_new ();
  HearthSession *session = session_of (f);

  if (settings == NULL)
    {
      g_test_skip ("The settings schema is not compiled into the build tree");
      return;
    }

  g_assert_true (hearth_session_get_send_typing (session));
  g_assert_true (hearth_session_get_send_read_receipts (session));
  g_settings_set_boolean (settings, "send-typing", FALSE);
  g_settings_set_boolean (settings, "send-read-receipts", FALSE);
  g_assert_false (hearth_session_get_send_typing (session));
  g_assert_false (hearth_session_get_send_read_receipts (session));
  g_settings_reset (settings, "send-typing");
  g_settings_reset (settings, "send-read-receipts");
  g_assert_true (hearth_session_get_send_typing (session));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);

  g_test_add ("/Hearth/Lifecycle/offline-banner", Fixture, NULL,
              fixture_set_up, test_offline_banner, fixture_tear_down);
  g_test_add ("/Hearth/Lifecycle/error-events", Fixture, NULL,
              fixture_set_up, test_error_events, fixture_tear_down);
  g_test_add ("/Hearth/Lifecycle/account-terminated", Fixture, NULL,
              fixture_set_up, test_account_terminated, fixture_tear_down);
  g_test_add ("/Hearth/Lifecycle/jump-to-bottom", Fixture, NULL,
              fixture_set_up, test_jump_to_bottom, fixture_tear_down);
  g_test_add ("/Hearth/Lifecycle/retry-failed-message", Fixture, NULL,
              fixture_set_up, test_retry_failed_message, fixture_tear_down);

  g_test_add ("/Hearth/Lifecycle/member-lines", Fixture, NULL,
              fixture_set_up, test_member_lines, fixture_tear_down);

  g_test_add ("/Hearth/Lifecycle/close-runs-in-background", Fixture, NULL,
              fixture_set_up, test_close_runs_in_background, fixture_tear_down);

  g_test_add ("/Hearth/Lifecycle/privacy-settings", Fixture, NULL,
              fixture_set_up, test_privacy_settings, fixture_tear_down);

  status = g_test_run ();

  ui_test_shutdown ();

  return status;
}
