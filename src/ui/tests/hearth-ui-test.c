/* hearth-ui-test.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-ui-test"

#include "config.h"

#include <unistd.h>

#include "hearth-ui-test.h"

AdwApplication *shared_app;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
spin_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_GUARD_MS * 1000;
  guint wake_id = g_timeout_add (20, wake_cb, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);

  return ok;
}

/* A mapped label showing exactly @text somewhere under @widget. */
GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}



gboolean
label_shown (gpointer data)
{
  LabelSearch *search = data;

  return find_label (search->root, search->text) != NULL;
}

gboolean
label_gone (gpointer data)
{
  return !label_shown (data);
}

void
wait_label (Fixture    *f,
            const char *text)
{
  LabelSearch search = { GTK_WIDGET (f->window), text };

  if (!spin_until (label_shown, &search))
    g_error ("The label “%s” never showed", text);
}

HearthSession *
session_of (Fixture *f)
{
  return hearth_accounts_get_session (f->accounts);
}

HearthServer *
server_of (Fixture *f)
{
  return hearth_demo_get_server (hearth_accounts_get_demo_server (f->accounts));
}

HearthStore *
store_of (Fixture *f)
{
  return hearth_session_get_store (session_of (f));
}

static void
demo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  hearth_accounts_start_demo_finish (HEARTH_ACCOUNTS (object), result, &f->error);
  f->done = TRUE;
}

gboolean
is_done (gpointer data)
{
  return ((Fixture *) data)->done;
}

static gboolean
chats_loaded (gpointer data)
{
  Fixture *f = data;
  HearthChatListView *list = _hearth_window_get_chat_list_view (f->window);

  return g_strcmp0 (_hearth_window_get_page (f->window), "main") == 0 &&
         g_list_model_get_n_items (hearth_chat_list_view_get_shown (list)) >= 5 &&
         _hearth_window_get_banner (f->window) == NULL;
}

void
setup_window (Fixture *f,
              int      width)
{
  f->accounts = hearth_accounts_new ();
  f->window = hearth_window_new (shared_app, f->accounts);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, 700);
  gtk_window_present (GTK_WINDOW (f->window));
}

void
setup_demo (Fixture *f,
            int      width)
{
  setup_window (f, width);

  hearth_accounts_set_demo_cast (f->accounts, FALSE);
  hearth_accounts_start_demo_async (f->accounts, NULL, demo_cb, f);
  g_assert_true (spin_until (is_done, f));
  g_assert_no_error (f->error);
  g_assert_true (spin_until (chats_loaded, f));
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  setup_demo (f, 1000);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  hearth_accounts_shutdown (f->accounts);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->accounts);
  g_clear_error (&f->error);
}

gboolean
conversation_open (gpointer data)
{
  Fixture *f = data;
  HearthConversationView *view = _hearth_window_get_conversation_view (f->window);
  HearthTimeline *timeline = hearth_conversation_view_get_timeline (view);

  return timeline != NULL && g_list_model_get_n_items (G_LIST_MODEL (timeline)) > 0;
}

void
open_chat (Fixture    *f,
           const char *chat_id)
{
  g_assert_true (hearth_window_open_chat (f->window, chat_id));
  g_assert_true (spin_until (conversation_open, f));
}

static char *data_home;

void
ui_test_init (int    *argc,
              char ***argv)
{
  g_autofree char *app_id = NULL;

  /* The account caches go to a throwaway XDG_DATA_HOME. */
  data_home = g_dir_make_tmp ("hearth-ui-test-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", data_home, TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* GTK 4.8 warns ("GtkText - did not receive a focus-out event") when an X11 focus change
   * reaches an entry of a hidden page; Xvfb has no window manager to order focus changes.
   * Warnings are logged, criticals stay fatal. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  app_id = g_strdup_printf ("io.github.hearthchat.Hearth.Test%u", (guint) getpid ());
  shared_app = ADW_APPLICATION (hearth_application_new ());
  g_application_set_application_id (G_APPLICATION (shared_app), app_id);
  g_application_set_flags (G_APPLICATION (shared_app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (shared_app), NULL, NULL));
}

void
ui_test_shutdown (void)
{
  g_clear_object (&shared_app);
  g_clear_pointer (&data_home, g_free);
}

void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  hearth_accounts_sign_in_finish (HEARTH_ACCOUNTS (object), result, &f->error);
  f->done = TRUE;
}

gboolean
keyring_answered (gpointer data)
{
  HearthAccounts *accounts = data;

  return hearth_accounts_get_remembered (accounts) ||
         hearth_accounts_get_keyring_error (accounts) != NULL;
}
