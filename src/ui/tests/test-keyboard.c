/* test-keyboard.c: every shortcut of DESIGN.md §7 is bound, listed in the shortcuts window,
 * and does what it says
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: runs in the ui suite under `xvfb-run -a dbus-run-session --`. The shortcuts
 * are driven through the window's own shortcut controllers (the trigger is looked up, its action
 * activated as a key press would), so no synthetic X events are needed.
 */

#define G_LOG_DOMAIN "test-keyboard"

#include "config.h"

#include <string.h>

#include "hearth-ui-test.h"

/* The shortcut of @window (its class's bindings) whose trigger is @accel, or NULL. */
static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *accel)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accel);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  g_assert_nonnull (wanted);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return shortcut;  /* the controller keeps it */
        }
    }

  return NULL;
}

/* Presses @accel on the window: its shortcut's action runs. */
static void
press (Fixture    *f,
       const char *accel)
{
  GtkShortcut *shortcut = find_shortcut (GTK_WIDGET (f->window), accel);

  if (shortcut == NULL)
    g_error ("No shortcut for %s", accel);

  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                               GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (f->window),
                                               gtk_shortcut_get_arguments (shortcut)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static const char *
open_chat_id (Fixture *f)
{
  HearthChat *chat = hearth_conversation_view_get_chat (_hearth_window_get_conversation_view (f->window));

  return chat != NULL ? hearth_chat_get_id (chat) : NULL;
}

static const char *
shown_id (Fixture *f,
          guint    position)
{
  GListModel *shown = hearth_chat_list_view_get_shown (_hearth_window_get_chat_list_view (f->window));
  g_autoptr(HearthChat) chat = g_list_model_get_item (shown, position);

  return chat != NULL ? hearth_chat_get_id (chat) : NULL;
}

static const char *
visible_view (Fixture *f)
{
  GtkWidget *widget = GTK_WIDGET (_hearth_window_get_conversation_view (f->window));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (widget, ADW_TYPE_VIEW_STACK));

  return adw_view_stack_get_visible_child_name (stack);
}

/* Chats: by position, previous / next, previous / next unread. */
static void
test_chat_navigation (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  /* Ctrl+1 … Ctrl+9 open the chat at that position. */
  press (f, "<Control>1");
  g_assert_cmpstr (open_chat_id (f), ==, shown_id (f, 0));
  press (f, "<Control>3");
  g_assert_cmpstr (open_chat_id (f), ==, shown_id (f, 2));

  /* Alt+Down / Ctrl+Page Down: the next one; Alt+Up / Ctrl+Page Up: the previous one. */
  press (f, "<Alt>Down");
  g_assert_cmpstr (open_chat_id (f), ==, shown_id (f, 3));
  press (f, "<Control>Page_Down");
  g_assert_cmpstr (open_chat_id (f), ==, shown_id (f, 4));
  press (f, "<Alt>Up");
  g_assert_cmpstr (open_chat_id (f), ==, shown_id (f, 3));
  press (f, "<Control>Page_Up");
  g_assert_cmpstr (open_chat_id (f), ==, shown_id (f, 2));

  /* Alt+Shift+Down / Up: the next / previous chat with unread messages. A message from Raj
   * makes his chat unread (and first in the list). */
  press (f, "<Control>5");
  if (g_strcmp0 (open_chat_id (f), CHAT_RAJ) == 0)
    press (f, "<Control>4");
  id = hearth_server_post_message (server_of (f), RAJ, CHAT_RAJ, "Are you there?", NULL, &error);
  g_assert_no_error (error);
  wait_label (f, "Are you there?");
  g_assert_cmpuint (hearth_chat_get_unread (hearth_store_lookup_chat (store_of (f), CHAT_RAJ)), >, 0);
  {
    GListModel *shown = hearth_chat_list_view_get_shown (_hearth_window_get_chat_list_view (f->window));
    const char *expected = NULL;
    guint from = 0;

    press (f, "<Control>5");
    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      if (g_strcmp0 (shown_id (f, i), open_chat_id (f)) == 0)
        from = i;
    /* The nearest chat above with unread messages. */
    for (guint i = from; i > 0 && expected == NULL; i--)
      {
        g_autoptr(HearthChat) chat = g_list_model_get_item (shown, i - 1);

        if (hearth_chat_get_unread (chat) > 0)
          expected = shown_id (f, i - 1);
      }
    g_assert_nonnull (expected);
    press (f, "<Alt><Shift>Up");
    g_assert_cmpstr (open_chat_id (f), ==, expected);

    /* And back down to the next one with unread messages (or stays when none is below). */
    from = 0;
    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      if (g_strcmp0 (shown_id (f, i), open_chat_id (f)) == 0)
        from = i;
    expected = open_chat_id (f);
    for (guint i = from + 1; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(HearthChat) chat = g_list_model_get_item (shown, i);

        if (hearth_chat_get_unread (chat) > 0)
          {
            expected = shown_id (f, i);
            break;
          }
      }
    {
      g_autofree char *want = g_strdup (expected);

      press (f, "<Alt><Shift>Down");
      g_assert_cmpstr (open_chat_id (f), ==, want);
    }
  }
}

/* Alt+1/2/3 switch the pages; Ctrl+K opens the quick switcher; Ctrl+F searches the open
 * chat and Escape closes the search, then goes back to the list when folded. */
static void
test_views_and_search (Fixture       *f,
                       gconstpointer  data)
{
  HearthConversationView *view = _hearth_window_get_conversation_view (f->window);

  press (f, "<Alt>2");
  g_assert_cmpstr (visible_view (f), ==, "rewards");
  press (f, "<Alt>3");
  g_assert_cmpstr (visible_view (f), ==, "today");
  press (f, "<Alt>1");
  g_assert_cmpstr (visible_view (f), ==, "chats");

  press (f, "<Control>k");
  g_assert_nonnull (_hearth_window_get_quick_switcher (f->window));
  gtk_window_close (GTK_WINDOW (_hearth_window_get_quick_switcher (f->window)));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (_hearth_window_get_quick_switcher (f->window));

  open_chat (f, CHAT_HIKE);
  press (f, "<Control>f");
  /* Open: stopping it says it was. */
  g_assert_true (hearth_conversation_view_stop_search (view));
  press (f, "<Control>f");
  press (f, "Escape");
  g_assert_false (hearth_conversation_view_stop_search (view));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Ctrl+, opens the preferences (when the settings schema is installed); F1 is bound to the
 * help; Ctrl+?, Ctrl+W and Ctrl+Q are the application's accelerators. */
static void
test_application_shortcuts (Fixture       *f,
                            gconstpointer  data)
{
  GtkApplication *app = GTK_APPLICATION (shared_app);
  g_auto(GStrv) help_overlay = gtk_application_get_accels_for_action (app, "win.show-help-overlay");
  g_auto(GStrv) close = gtk_application_get_accels_for_action (app, "window.close");
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (app, "app.quit");
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ?
    g_settings_schema_source_lookup (source, "io.github.hearthchat.Hearth", TRUE) : NULL;
  GtkShortcut *help = find_shortcut (GTK_WIDGET (f->window), "F1");

  g_assert_true (g_strv_contains ((const char * const *) help_overlay, "<Control>question"));
  g_assert_true (g_strv_contains ((const char * const *) close, "<Control>w"));
  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));

  g_assert_nonnull (help);
  g_assert_true (GTK_IS_NAMED_ACTION (gtk_shortcut_get_action (help)));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (gtk_shortcut_get_action (help))),
                   ==, "win.help");

  press (f, "<Control>comma");
  if (schema != NULL)
    {
      GtkWindow *preferences = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);

      g_assert_nonnull (preferences);
      g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (f->window));
      gtk_window_destroy (preferences);
    }
  else
    {
      g_test_message ("No settings schema installed: the preferences say so");
      g_assert_nonnull (_hearth_window_get_last_toast (f->window));
    }
}

/* Every one of those shortcuts is listed in the shortcuts window. */
static void
test_shortcuts_window_lists_all (void)
{
  const char *accels[] = {
    "<Control>question", "<Control>comma", "F1", "<Control>k", "<Alt>1", "<Alt>2", "<Alt>3",
    "<Control>w", "<Control>q", "<Alt>Up", "<Control>Page_Up", "<Alt>Down", "<Control>Page_Down",
    "<Alt><Shift>Up", "<Alt><Shift>Down", "<Control>f", "Escape", "Return", "<Shift>Return",
  };
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/hearthchat/Hearth/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");
  g_autoptr(GString) listed = g_string_new (" ");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);

  g_assert_nonnull (overlay);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accel = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accel, NULL);
      if (accel != NULL)
        g_string_append_printf (listed, "%s ", accel);
    }

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_autofree char *needle = g_strdup_printf (" %s ", accels[i]);

      if (strstr (listed->str, needle) == NULL)
        g_error ("%s is not in the shortcuts window (it lists:%s)", accels[i], listed->str);
    }

  /* Ctrl+1…9 is one entry. */
  g_assert_nonnull (strstr (listed->str, "<Control>1...<Control>9"));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);

  g_test_add ("/Hearth/Keyboard/chat-navigation", Fixture, NULL,
              fixture_set_up, test_chat_navigation, fixture_tear_down);
  g_test_add ("/Hearth/Keyboard/views-and-search", Fixture, NULL,
              fixture_set_up, test_views_and_search, fixture_tear_down);
  g_test_add ("/Hearth/Keyboard/application-shortcuts", Fixture, NULL,
              fixture_set_up, test_application_shortcuts, fixture_tear_down);
  g_test_add_func ("/Hearth/Keyboard/shortcuts-window", test_shortcuts_window_lists_all);

  status = g_test_run ();

  ui_test_shutdown ();

  return status;
}
