/* test-window.c: the foundation screen of the app against the in-process demo server
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
#include <unistd.h>

#include "hearth-application.h"
#include "hearth-connection.h"
#include "hearth-demo.h"
#include "hearth-event-record.h"
#include "hearth-server.h"
#include "hearth-window-private.h"

/* A failure guard for waits on real sockets, never an assertion about speed. */
#define WAIT_GUARD_MS 20000

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the default main context until @condition holds or the guard expires. */
static gboolean
spin_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_GUARD_MS * 1000;
  guint wake_id = g_timeout_add (50, wake_cb, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);

  return ok;
}

static gboolean
demo_connected (gpointer data)
{
  return hearth_demo_get_state (HEARTH_DEMO (data)) == HEARTH_CONNECTION_CONNECTED;
}

static gboolean
demo_reconnecting (gpointer data)
{
  return hearth_demo_get_state (HEARTH_DEMO (data)) == HEARTH_CONNECTION_RECONNECTING;
}

typedef struct
{
  HearthDemo *demo;
  guint       n_events;
} EventCount;

static gboolean
demo_has_events (gpointer data)
{
  EventCount *count = data;

  return g_list_model_get_n_items (hearth_demo_get_events (count->demo)) >= count->n_events;
}

static const char *
record_name (GListModel *model,
             guint       position)
{
  g_autoptr(HearthEventRecord) record = g_list_model_get_item (model, position);

  g_assert_nonnull (record);

  /* The model keeps its own reference: the string outlives this one. */
  return hearth_event_record_get_name (record);
}

static gboolean
record_is_error (GListModel *model,
                 guint       position)
{
  g_autoptr(HearthEventRecord) record = g_list_model_get_item (model, position);

  g_assert_nonnull (record);

  return hearth_event_record_get_is_error (record);
}

static gboolean
demo_newest_is_last (gpointer data)
{
  GListModel *events = hearth_demo_get_events (HEARTH_DEMO (data));

  return g_list_model_get_n_items (events) > 0 &&
         g_strcmp0 (record_name (events, 0), "demo-event-105") == 0;
}

static HearthDemo *
start_demo (void)
{
  g_autoptr(HearthDemo) demo = hearth_demo_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (hearth_demo_start (demo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (hearth_demo_get_url (demo));
  g_assert_true (g_str_has_prefix (hearth_demo_get_url (demo), "http://127.0.0.1:"));
  g_assert_nonnull (hearth_demo_get_server (demo));
  g_assert_nonnull (hearth_demo_get_connection (demo));

  g_assert_true (spin_until (demo_connected, demo));
  g_assert_null (hearth_demo_get_error_message (demo));

  return g_steal_pointer (&demo);
}

static void
push_event (HearthDemo *demo,
            const char *name,
            const char *data_json)
{
  HearthServer *server = hearth_demo_get_server (demo);
  const char *me = hearth_server_get_default_user (server);

  g_assert_nonnull (me);
  g_assert_cmpuint (hearth_server_push_event (server, me, name, data_json), ==, 1);
}

static void
destroy_window (HearthWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  /* Let GTK drop its own references before the leak check. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The application windows belong to: registered once for the whole run (GtkApplication
 * keeps itself alive from startup to shutdown, and two registered applications would
 * collide on their D-Bus object path). */
static AdwApplication *shared_app;

/* A fresh application for g_application_run(): its own ID, so it never meets another
 * instance on the bus; run() registers it and shuts it down. */
static AdwApplication *
new_run_application (void)
{
  static guint counter;
  HearthApplication *app = hearth_application_new ();
  g_autofree char *app_id = g_strdup_printf ("io.github.hearthchat.Hearth.Test%u.Run%u",
                                             (guint) getpid (), ++counter);

  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);

  return ADW_APPLICATION (app);
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  GtkWidget *child;

  if (GTK_IS_LABEL (widget) &&
      gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (find_label (child, text))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelSearch;

static gboolean
label_shown (gpointer data)
{
  LabelSearch *search = data;

  return find_label (search->root, search->text);
}

/* Without a demo: the sign-in placeholder, which says how to start the demo. */
static void
test_window_welcome (void)
{
  AdwApplication *app = shared_app;
  HearthWindow *window = hearth_window_new (app, NULL);

  g_assert_null (hearth_window_get_demo (window));
  g_assert_cmpstr (_hearth_window_get_page (window), ==, "welcome");
  g_assert_cmpstr (adw_status_page_get_title (_hearth_window_get_welcome_page (window)),
                   ==, "Sign-in arrives in a later version");
  g_assert_nonnull (strstr (adw_status_page_get_description (_hearth_window_get_welcome_page (window)),
                            "hearth --demo"));

  destroy_window (window);
}

/* The status page follows the connection: connected, lost, back, stopped. */
static void
test_window_connection_state (void)
{
  AdwApplication *app = shared_app;
  g_autoptr(HearthDemo) demo = start_demo ();
  HearthWindow *window = hearth_window_new (app, demo);
  AdwStatusPage *status = _hearth_window_get_status_page (window);
  g_autofree char *expected = NULL;

  g_assert_true (hearth_window_get_demo (window) == demo);
  g_assert_cmpstr (_hearth_window_get_page (window), ==, "demo");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Connected to the demo server");
  expected = g_strdup_printf ("%s over %s", hearth_demo_get_url (demo),
                              hearth_demo_get_framing (demo) == HEARTH_FRAMING_ENVELOPE ?
                              "JSON envelope" : "Socket.IO");
  g_assert_cmpstr (adw_status_page_get_description (status), ==, expected);
  g_assert_cmpstr (adw_status_page_get_icon_name (status), ==, "network-transmit-receive-symbolic");
  g_assert_cmpstr (_hearth_window_get_events_page (window), ==, "empty");

  /* The server drops the socket: the window says so, then the connection comes back. */
  g_assert_cmpuint (hearth_server_drop_connections (hearth_demo_get_server (demo), NULL), >=, 1);
  g_assert_true (spin_until (demo_reconnecting, demo));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Reconnecting…");
  g_assert_cmpstr (adw_status_page_get_icon_name (status), ==, "network-offline-symbolic");
  g_assert_true (spin_until (demo_connected, demo));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Connected to the demo server");

  hearth_demo_stop (demo);
  g_assert_cmpint (hearth_demo_get_state (demo), ==, HEARTH_CONNECTION_STOPPED);
  g_assert_null (hearth_demo_get_server (demo));
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Disconnected");

  destroy_window (window);
  g_assert_finalize_object (g_steal_pointer (&demo));
}

/* Received events show up in the list, newest first, with error events marked. */
static void
test_window_events (void)
{
  AdwApplication *app = shared_app;
  g_autoptr(HearthDemo) demo = start_demo ();
  HearthWindow *window = hearth_window_new (app, demo);
  GListModel *events = hearth_demo_get_events (demo);
  EventCount count = { demo, 2 };
  LabelSearch search = { NULL, "chat-created" };

  gtk_window_present (GTK_WINDOW (window));

  push_event (demo, "chat-created", "{\"chat\": \"68c7ed083834f8071f38346b\"}");
  push_event (demo, "server-error", "{\"message\": \"Something broke\"}");
  g_assert_true (spin_until (demo_has_events, &count));

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
  g_assert_cmpstr (record_name (events, 0), ==, "server-error");
  g_assert_true (record_is_error (events, 0));
  g_assert_cmpstr (record_name (events, 1), ==, "chat-created");
  g_assert_false (record_is_error (events, 1));
  g_assert_cmpstr (_hearth_window_get_events_page (window), ==, "events");

  /* The list view really renders rows bound to the records. */
  search.root = GTK_WIDGET (_hearth_window_get_events_view (window));
  g_assert_true (spin_until (label_shown, &search));
  search.text = "server-error";
  g_assert_true (label_shown (&search));

  destroy_window (window);
  hearth_demo_stop (demo);
  g_assert_finalize_object (g_steal_pointer (&demo));
}

/* The log keeps the last HEARTH_DEMO_MAX_EVENTS events only. */
static void
test_demo_event_cap (void)
{
  g_autoptr(HearthDemo) demo = start_demo ();
  GListModel *events = hearth_demo_get_events (demo);
  EventCount count = { demo, HEARTH_DEMO_MAX_EVENTS };
  guint total = HEARTH_DEMO_MAX_EVENTS + 5;

  for (guint i = 1; i <= total; i++)
    {
      g_autofree char *name = g_strdup_printf ("demo-event-%u", i);

      push_event (demo, name, "{}");
    }

  g_assert_true (spin_until (demo_has_events, &count));
  /* Events arrive in order: wait for the last one. */
  g_assert_true (spin_until (demo_newest_is_last, demo));

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, HEARTH_DEMO_MAX_EVENTS);
  g_assert_cmpstr (record_name (events, 0), ==, "demo-event-105");
  g_assert_cmpstr (record_name (events, HEARTH_DEMO_MAX_EVENTS - 1), ==, "demo-event-6");

  hearth_demo_stop (demo);
  g_assert_finalize_object (g_steal_pointer (&demo));
}

static gboolean
has_shortcut (GtkWidget  *widget,
              const char *trigger,
              const char *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *shortcut_trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *text = gtk_shortcut_trigger_to_string (shortcut_trigger);

          if (g_strcmp0 (text, trigger) == 0 &&
              GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                         action_name) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* Ctrl+Q quits the application, Ctrl+W closes the window. */
static void
test_application_shortcuts (void)
{
  AdwApplication *app = shared_app;
  g_auto(GStrv) accels = NULL;
  HearthWindow *window;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));

  window = hearth_window_new (app, NULL);
  g_assert_true (has_shortcut (GTK_WIDGET (window), "<Control>w", "window.close"));
  g_assert_false (has_shortcut (GTK_WIDGET (window), "<Control>w", "app.quit"));

  destroy_window (window);
}

typedef struct
{
  AdwApplication *app;
  gboolean        want_demo;
  gboolean        saw_window;
  gboolean        saw_connected;
  char           *page;
  gboolean        timed_out;
  guint           check_id;
} RunCheck;

static gboolean
run_check_cb (gpointer data)
{
  RunCheck *check = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (check->app));
  HearthDemo *demo = hearth_application_get_demo (HEARTH_APPLICATION (check->app));

  if (window == NULL)
    return G_SOURCE_CONTINUE;

  check->saw_window = TRUE;

  if (check->want_demo &&
      (demo == NULL || hearth_demo_get_state (demo) != HEARTH_CONNECTION_CONNECTED))
    return G_SOURCE_CONTINUE;

  check->saw_connected = demo != NULL &&
                         hearth_demo_get_state (demo) == HEARTH_CONNECTION_CONNECTED;
  check->page = g_strdup (_hearth_window_get_page (HEARTH_WINDOW (window)));

  /* The same path as Ctrl+Q. */
  g_action_group_activate_action (G_ACTION_GROUP (check->app), "quit", NULL);

  check->check_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
run_guard_cb (gpointer data)
{
  RunCheck *check = data;

  check->timed_out = TRUE;
  g_application_quit (G_APPLICATION (check->app));

  return G_SOURCE_REMOVE;
}

static void
run_application (RunCheck *check,
                 char    **argv)
{
  guint guard_id = g_timeout_add (WAIT_GUARD_MS, run_guard_cb, check);
  int status;

  check->check_id = g_timeout_add (20, run_check_cb, check);
  status = g_application_run (G_APPLICATION (check->app), g_strv_length (argv), argv);

  g_assert_false (check->timed_out);
  g_assert_cmpint (status, ==, 0);
  g_source_remove (guard_id);
  g_clear_handle_id (&check->check_id, g_source_remove);
}

/* `hearth --demo` starts the server, connects, shows it; quitting stops the demo. */
static void
test_application_demo_option (void)
{
  g_autoptr(AdwApplication) app = new_run_application ();
  char *argv[] = { (char *) "hearth", (char *) "--demo", NULL };
  RunCheck check = { app, TRUE };
  HearthDemo *demo;

  run_application (&check, argv);

  g_assert_true (check.saw_window);
  g_assert_true (check.saw_connected);
  g_assert_cmpstr (check.page, ==, "demo");

  demo = hearth_application_get_demo (HEARTH_APPLICATION (app));
  g_assert_nonnull (demo);
  g_assert_cmpint (hearth_demo_get_state (demo), ==, HEARTH_CONNECTION_STOPPED);
  g_assert_null (hearth_demo_get_server (demo));

  g_free (check.page);
}

/* Plain `hearth`: no server, the sign-in placeholder. */
static void
test_application_no_demo (void)
{
  g_autoptr(AdwApplication) app = new_run_application ();
  char *argv[] = { (char *) "hearth", NULL };
  RunCheck check = { app, FALSE };

  run_application (&check, argv);

  g_assert_true (check.saw_window);
  g_assert_false (check.saw_connected);
  g_assert_cmpstr (check.page, ==, "welcome");
  g_assert_null (hearth_application_get_demo (HEARTH_APPLICATION (app)));

  g_free (check.page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  shared_app = new_run_application ();
  if (!g_application_register (G_APPLICATION (shared_app), NULL, &error))
    g_error ("Cannot register the test application: %s", error->message);

  g_test_add_func ("/Hearth/Window/welcome", test_window_welcome);
  g_test_add_func ("/Hearth/Window/connection-state", test_window_connection_state);
  g_test_add_func ("/Hearth/Window/events", test_window_events);
  g_test_add_func ("/Hearth/Demo/event-cap", test_demo_event_cap);
  g_test_add_func ("/Hearth/Application/shortcuts", test_application_shortcuts);
  g_test_add_func ("/Hearth/Application/demo-option", test_application_demo_option);
  g_test_add_func ("/Hearth/Application/no-demo", test_application_no_demo);

  return g_test_run ();
}
