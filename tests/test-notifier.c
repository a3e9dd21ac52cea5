/* test-notifier.c: HearthNotifier against python3-dbusmock's notification daemon
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson through tests/run-with-bus.sh: a private, empty session bus (no portal, no
 * org.gtk.Notifications, so GNotification takes its org.freedesktop.Notifications backend).
 * Each test starts `/usr/bin/python3 -m dbusmock --template notification_daemon` on it (the
 * Debian python: DESIGN.md §9), signs in to a reference server and reads what the daemon was
 * called with (org.freedesktop.DBus.Mock.GetCalls); it clicks the notification by making
 * the daemon emit ActionInvoked. Run bare, or without python3-dbusmock, everything skips.
 */

#include "config.h"

#include <signal.h>

#include "hearth-chat.h"
#include "hearth-connection.h"
#include "hearth-event.h"
#include "hearth-notifier.h"
#include "hearth-session-test.h"
#include "hearth-store.h"
#include "hearth-user.h"

#define PYTHON       "/usr/bin/python3"
#define FDO_NAME     "org.freedesktop.Notifications"
#define FDO_PATH     "/org/freedesktop/Notifications"
#define MOCK_IFACE   "org.freedesktop.DBus.Mock"
#define TEST_APP_ID  "io.github.hearthchat.Hearth.TestNotifier"

typedef struct
{
  HearthServer   *server;
  char           *url;
  char           *data_dir;
  HearthSession  *session;
  HearthNotifier *notifier;
  GSubprocess    *daemon;
  guint           n_added;     /* the store's message-added */
  GPtrArray      *read_events; /* chats of the messages-read the server got from me */
} Fixture;

/* One application for the whole program, as in the app; its actions record their targets. */
static GApplication *app;
static GPtrArray *opened;     /* app.open-chat targets */
static GPtrArray *marked;     /* app.mark-read targets */
static Fixture *current;

static void
open_chat_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_ptr_array_add (opened, g_variant_dup_string (parameter, NULL));
}

static void
mark_read_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_ptr_array_add (marked, g_variant_dup_string (parameter, NULL));
  hearth_notifier_mark_read (current->notifier, g_variant_get_string (parameter, NULL));
}

static GDBusConnection *
bus (void)
{
  return g_application_get_dbus_connection (app);
}

static gboolean
name_has_owner (const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus (), "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, WAIT_MS, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);

  return has_owner;
}

static gboolean
daemon_is_up (gpointer data)
{
  return name_has_owner (FDO_NAME);
}

static gboolean
daemon_is_gone (gpointer data)
{
  return !name_has_owner (FDO_NAME);
}

/* The mock daemon. */

static void
daemon_start (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                PYTHON, "-m", "dbusmock", "--template", "notification_daemon",
                                NULL);
  g_assert_no_error (error);
  g_assert_true (test_wait_until (daemon_is_up, NULL, WAIT_MS));
}

static void
daemon_stop (Fixture *f)
{
  if (f->daemon == NULL)
    return;

  g_subprocess_send_signal (f->daemon, SIGTERM);
  g_subprocess_wait (f->daemon, NULL, NULL);
  g_clear_object (&f->daemon);
  g_assert_true (test_wait_until (daemon_is_gone, NULL, WAIT_MS));
}

/* The arguments (av) of every call of @method the daemon got, oldest first. Returning means
 * the replies to those calls were in too: the daemon answers in order on one connection. */
static GPtrArray *
daemon_calls (const char *method)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariantIter) calls = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  const char *name;
  GVariant *args;

  reply = g_dbus_connection_call_sync (bus (), FDO_NAME, FDO_PATH, MOCK_IFACE, "GetCalls", NULL,
                                       G_VARIANT_TYPE ("(a(tsav))"), G_DBUS_CALL_FLAGS_NONE,
                                       WAIT_MS, NULL, &error);
  g_assert_no_error (error);

  g_variant_get (reply, "(a(tsav))", &calls);
  while (g_variant_iter_next (calls, "(t&s@av)", NULL, &name, &args))
    {
      if (g_str_equal (name, method))
        g_ptr_array_add (found, args);
      else
        g_variant_unref (args);
    }

  return found;
}

typedef struct
{
  const char *method;
  guint       n;
} CallCount;

static gboolean
calls_reached (gpointer data)
{
  CallCount *count = data;
  g_autoptr(GPtrArray) calls = daemon_calls (count->method);

  if (calls->len >= count->n)
    return TRUE;

  g_usleep (2000);
  return FALSE;
}

/* Waits until the daemon got @n calls of @method, then lets the replies run. */
static GPtrArray *
wait_calls (const char *method,
            guint       n)
{
  CallCount count = { method, n };

  g_assert_true (test_wait_until (calls_reached, &count, WAIT_MS));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  return daemon_calls (method);
}

/* Argument @index of a call, unboxed. */
static GVariant *
call_arg (GVariant *args,
          gsize     index)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (args, index);

  return g_variant_get_variant (boxed);
}

static char *
call_string (GVariant *args,
             gsize     index)
{
  g_autoptr(GVariant) value = call_arg (args, index);

  return g_variant_dup_string (value, NULL);
}

static guint32
call_uint (GVariant *args,
           gsize     index)
{
  g_autoptr(GVariant) value = call_arg (args, index);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return (guint32) g_variant_get_int32 (value);

  return g_variant_get_uint32 (value);
}

/* The daemon clicks: ActionInvoked (@id, @action), then NotificationClosed as daemons do. */
static void
daemon_invoke (guint32     id,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GVariant *args[2] = { g_variant_new_variant (g_variant_new_uint32 (id)),
                        g_variant_new_variant (g_variant_new_string (action)) };

  reply = g_dbus_connection_call_sync (bus (), FDO_NAME, FDO_PATH, MOCK_IFACE, "EmitSignal",
                                       g_variant_new ("(sss@av)", FDO_NAME, "ActionInvoked", "us",
                                                      g_variant_new_array (G_VARIANT_TYPE_VARIANT,
                                                                           args, 2)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, WAIT_MS, NULL, &error);
  g_assert_no_error (error);
}

/* The notifications sent. */

typedef struct
{
  guint32  replaces_id;
  char    *summary;
  char    *body;
  char   **actions;
} Notify;

static void
notify_clear (Notify *notify)
{
  g_free (notify->summary);
  g_free (notify->body);
  g_strfreev (notify->actions);
}

static GArray *
wait_notify (guint n)
{
  g_autoptr(GPtrArray) calls = wait_calls ("Notify", n);
  GArray *notifies = g_array_new (FALSE, TRUE, sizeof (Notify));

  g_array_set_clear_func (notifies, (GDestroyNotify) notify_clear);
  for (guint i = 0; i < calls->len; i++)
    {
      GVariant *args = g_ptr_array_index (calls, i);
      g_autoptr(GVariant) actions = call_arg (args, 5);
      Notify notify = {
        call_uint (args, 1),
        call_string (args, 3),
        call_string (args, 4),
        g_variant_dup_strv (actions, NULL),
      };

      g_array_append_val (notifies, notify);
    }

  return notifies;
}

#define NOTIFY(array, i) (&g_array_index ((array), Notify, (i)))

static void
assert_actions (Notify     *notify,
                const char *chat_id)
{
  /* GNotification prints the target as GAction does: app.mark-read::<id>. */
  g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new_string (chat_id));
  g_autofree char *mark_read = g_action_print_detailed_name ("app.mark-read", target);

  g_assert_cmpuint (g_strv_length (notify->actions), ==, 4);
  g_assert_cmpstr (notify->actions[0], ==, "default");
  g_assert_cmpstr (notify->actions[1], ==, "");
  g_assert_cmpstr (notify->actions[2], ==, mark_read);
  g_assert_cmpstr (notify->actions[3], ==, "Mark as read");
}

/* Fixture. */

static void
on_message_added_cb (HearthStore   *store,
                     HearthMessage *message,
                     gboolean       mine,
                     Fixture       *f)
{
  f->n_added++;
}

static void
on_client_event_cb (HearthServer *server,
                    const char   *user_id,
                    HearthEvent  *event,
                    Fixture      *f)
{
  if (hearth_event_get_kind (event) == HEARTH_EVENT_MESSAGES_READ)
    g_ptr_array_add (f->read_events, g_strdup (hearth_event_get_chat_id (event)));
}

static void
on_resynced_cb (HearthSession *session,
                gboolean      *resynced)
{
  *resynced = TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TestSync sync = { NULL };
  gboolean resynced = FALSE;
  gulong resynced_id;

  current = f;
  g_ptr_array_set_size (opened, 0);
  g_ptr_array_set_size (marked, 0);
  f->read_events = g_ptr_array_new_with_free_func (g_free);

  f->server = hearth_server_new ();
  hearth_server_load_seed_file (f->server, g_getenv ("HEARTH_SEED_FIXTURE"), &error);
  g_assert_no_error (error);
  hearth_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  f->url = hearth_server_dup_url (f->server);
  g_signal_connect (f->server, "client-event", G_CALLBACK (on_client_event_cb), f);

  f->data_dir = g_dir_make_tmp ("hearth-notifier-XXXXXX", &error);
  g_assert_no_error (error);
  f->session = hearth_session_new_for_token (f->url, hearth_server_get_token (f->server, ME), ME,
                                             f->data_dir);
  resynced_id = g_signal_connect (f->session, "resynced", G_CALLBACK (on_resynced_cb),
                                  &resynced);
  hearth_session_resume_async (f->session, NULL, test_sync_cb, &sync);
  hearth_session_resume_finish (f->session, test_sync_wait (&sync), &error);
  g_clear_object (&sync.result);
  g_assert_no_error (error);
  g_assert_true (hearth_test_wait_for_flag (&resynced, WAIT_MS));
  g_signal_handler_disconnect (f->session, resynced_id);
  g_signal_connect (hearth_session_get_store (f->session), "message-added",
                    G_CALLBACK (on_message_added_cb), f);

  daemon_start (f);
  f->notifier = hearth_notifier_new (app, f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Withdraws what is shown while the daemon still runs. */
  g_assert_finalize_object (g_steal_pointer (&f->notifier));
  hearth_test_spin (20);
  daemon_stop (f);

  test_clear_and_wait (&f->session);
  hearth_server_shutdown (f->server);
  g_clear_object (&f->server);
  test_remove_tree (f->data_dir);
  g_free (f->data_dir);
  g_free (f->url);
  g_ptr_array_unref (f->read_events);
  current = NULL;
}

static void
post (Fixture    *f,
      const char *user_id,
      const char *chat_id,
      const char *content,
      const char *reel)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = hearth_server_post_message (f->server, user_id, chat_id, content, reel,
                                                    &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

/* Posts and waits until the store has the message. */
static void
post_and_wait (Fixture    *f,
               const char *user_id,
               const char *chat_id,
               const char *content,
               const char *reel)
{
  guint target = f->n_added + 1;

  post (f, user_id, chat_id, content, reel);
  g_assert_true (hearth_test_wait_for_count (&f->n_added, target, WAIT_MS));
}

static HearthChat *
chat (Fixture    *f,
      const char *chat_id)
{
  return hearth_store_lookup_chat (hearth_session_get_store (f->session), chat_id);
}

typedef struct
{
  GPtrArray  *array;
  const char *value;
} Contains;

static gboolean
array_contains (gpointer data)
{
  Contains *contains = data;

  for (guint i = 0; i < contains->array->len; i++)
    if (g_str_equal (g_ptr_array_index (contains->array, i), contains->value))
      return TRUE;

  return FALSE;
}

static void
wait_contains (GPtrArray  *array,
               const char *value)
{
  Contains contains = { array, value };

  g_assert_true (test_wait_until (array_contains, &contains, WAIT_MS));
}

/* Tests. */

static void
test_notifier_message (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GArray) notifies = NULL;

  post (f, RAJ, CHAT_RAJ, "Are we still on\nfor Saturday?\n\n  Bring snacks", NULL);
  notifies = wait_notify (1);

  g_assert_cmpuint (notifies->len, ==, 1);
  g_assert_cmpuint (NOTIFY (notifies, 0)->replaces_id, ==, 0);
  g_assert_cmpstr (NOTIFY (notifies, 0)->summary, ==, "Raj Kumar");
  g_assert_cmpstr (NOTIFY (notifies, 0)->body, ==, "Are we still on for Saturday? Bring snacks");
  assert_actions (NOTIFY (notifies, 0), CHAT_RAJ);

  /* Clicking it opens the chat (the daemon's first notification has id 1). */
  daemon_invoke (1, "default");
  wait_contains (opened, CHAT_RAJ);
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_cmpuint (marked->len, ==, 0);
}

static void
test_notifier_mark_read (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GArray) notifies = NULL;
  g_autoptr(GPtrArray) closed = NULL;

  post (f, RAJ, CHAT_RAJ, "Ping", NULL);
  notifies = wait_notify (1);
  g_assert_cmpuint (hearth_chat_get_unread (chat (f, CHAT_RAJ)), >, 0);

  /* "Mark as read": app.mark-read('<chat>') → the chat is read here and on the server, and
   * the notification goes. */
  daemon_invoke (1, NOTIFY (notifies, 0)->actions[2]);
  wait_contains (marked, CHAT_RAJ);
  g_assert_cmpuint (marked->len, ==, 1);
  g_assert_cmpuint (opened->len, ==, 0);
  g_assert_cmpuint (hearth_chat_get_unread (chat (f, CHAT_RAJ)), ==, 0);
  wait_contains (f->read_events, CHAT_RAJ);
  closed = wait_calls ("CloseNotification", 1);
  g_assert_cmpuint (closed->len, ==, 1);
  g_assert_cmpuint (call_uint (g_ptr_array_index (closed, 0), 0), ==, 1);
}

static void
test_notifier_group (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GArray) notifies = NULL;

  post (f, RAJ, CHAT_HIKE, NULL, "https://reels.example.org/r/42");
  notifies = wait_notify (1);

  g_assert_cmpstr (NOTIFY (notifies, 0)->summary, ==, "Raj Kumar in Weekend hike");
  g_assert_cmpstr (NOTIFY (notifies, 0)->body, ==, "Reel");
  assert_actions (NOTIFY (notifies, 0), CHAT_HIKE);

  daemon_invoke (1, "default");
  wait_contains (opened, CHAT_HIKE);
}

static void
test_notifier_burst (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GArray) notifies = NULL;
  g_autoptr(GPtrArray) none = NULL;

  /* A merge window no test machine can outrun: the burst goes out on flush(). */
  hearth_notifier_set_merge_window (f->notifier, 3600 * 1000);
  post_and_wait (f, RAJ, CHAT_RAJ, "one", NULL);
  post_and_wait (f, RAJ, CHAT_RAJ, "two", NULL);
  post_and_wait (f, RAJ, CHAT_RAJ, "three", NULL);
  none = daemon_calls ("Notify");
  g_assert_cmpuint (none->len, ==, 0);

  hearth_notifier_flush (f->notifier);
  notifies = wait_notify (1);
  g_assert_cmpuint (notifies->len, ==, 1);
  g_assert_cmpstr (NOTIFY (notifies, 0)->summary, ==, "Raj Kumar");
  g_assert_cmpstr (NOTIFY (notifies, 0)->body, ==, "3 new messages");
  assert_actions (NOTIFY (notifies, 0), CHAT_RAJ);
  g_clear_pointer (&notifies, g_array_unref);

  /* A burst in a group is titled with the group; the next one replaces the notification. */
  post_and_wait (f, RAJ, CHAT_HIKE, "a", NULL);
  post_and_wait (f, ANA, CHAT_HIKE, "b", NULL);
  hearth_notifier_flush (f->notifier);
  notifies = wait_notify (2);
  g_assert_cmpstr (NOTIFY (notifies, 1)->summary, ==, "Weekend hike");
  g_assert_cmpstr (NOTIFY (notifies, 1)->body, ==, "2 new messages");
  g_clear_pointer (&notifies, g_array_unref);

  post_and_wait (f, RAJ, CHAT_RAJ, "four", NULL);
  hearth_notifier_flush (f->notifier);
  notifies = wait_notify (3);
  g_assert_cmpuint (notifies->len, ==, 3);
  g_assert_cmpuint (NOTIFY (notifies, 2)->replaces_id, ==, 1);
  g_assert_cmpstr (NOTIFY (notifies, 2)->body, ==, "four");
}

static void
test_notifier_read_elsewhere (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) notifies = NULL;
  g_autoptr(GPtrArray) closed = NULL;

  post (f, RAJ, CHAT_RAJ, "Hello", NULL);
  notifies = wait_notify (1);

  /* Read on my phone: messages-read of me → unread 0 → withdrawn. */
  hearth_server_mark_read (f->server, ME, CHAT_RAJ, &error);
  g_assert_no_error (error);
  closed = wait_calls ("CloseNotification", 1);
  g_assert_cmpuint (closed->len, ==, 1);
  g_assert_cmpuint (call_uint (g_ptr_array_index (closed, 0), 0), ==, 1);
  g_assert_cmpuint (hearth_chat_get_unread (chat (f, CHAT_RAJ)), ==, 0);
}

static void
test_notifier_chat_deleted (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) notifies = NULL;
  g_autoptr(GPtrArray) closed = NULL;

  post (f, RAJ, CHAT_RAJ, "Hello", NULL);
  notifies = wait_notify (1);

  hearth_server_delete_chat (f->server, RAJ, CHAT_RAJ, &error);
  g_assert_no_error (error);
  closed = wait_calls ("CloseNotification", 1);
  g_assert_cmpuint (closed->len, ==, 1);
  g_assert_cmpuint (call_uint (g_ptr_array_index (closed, 0), 0), ==, 1);
}

static void
test_notifier_pending_read (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GArray) notifies = NULL;

  /* Read while in the merge window: nothing is shown, nothing to close. */
  hearth_notifier_set_merge_window (f->notifier, 3600 * 1000);
  post_and_wait (f, RAJ, CHAT_RAJ, "Hello", NULL);
  hearth_store_mark_read_locally (hearth_session_get_store (f->session), CHAT_RAJ);
  post_and_wait (f, ANA, CHAT_ANA, "Hi", NULL);
  hearth_notifier_flush (f->notifier);

  notifies = wait_notify (1);
  g_assert_cmpuint (notifies->len, ==, 1);
  g_assert_cmpstr (NOTIFY (notifies, 0)->summary, ==, "Ana Lima");
}

static void
test_notifier_disabled (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) notifies = NULL;

  g_assert_true (hearth_notifier_get_enabled (f->notifier));
  g_object_set (f->notifier, "enabled", FALSE, NULL);
  post_and_wait (f, RAJ, CHAT_RAJ, "Nobody sees this", NULL);
  hearth_notifier_flush (f->notifier);

  /* On again: only what comes now is notified. */
  hearth_notifier_set_enabled (f->notifier, TRUE);
  post (f, ANA, CHAT_ANA, "Hi", NULL);
  notifies = wait_notify (1);
  g_assert_cmpuint (notifies->len, ==, 1);
  g_assert_cmpstr (NOTIFY (notifies, 0)->summary, ==, "Ana Lima");
  g_assert_cmpstr (NOTIFY (notifies, 0)->body, ==, "Hi");
}

static void
test_notifier_hide_content (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GArray) notifies = NULL;

  g_object_set (f->notifier, "show-content", FALSE, NULL);
  g_assert_false (hearth_notifier_get_show_content (f->notifier));
  post (f, RAJ, CHAT_RAJ, "My PIN is 1234", NULL);
  notifies = wait_notify (1);
  g_assert_cmpstr (NOTIFY (notifies, 0)->summary, ==, "Raj Kumar");
  g_assert_cmpstr (NOTIFY (notifies, 0)->body, ==, "New message");
  assert_actions (NOTIFY (notifies, 0), CHAT_RAJ);
}

static void
test_notifier_visible_chat (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GArray) notifies = NULL;

  /* My own message (another device) and one in the chat I am looking at: nothing. The same
   * chat open in an inactive window: notified. */
  hearth_session_set_chat_visible (f->session, CHAT_RAJ, FALSE);
  hearth_session_set_window_active (f->session, TRUE);
  hearth_notifier_set_merge_window (f->notifier, 0);
  post_and_wait (f, ME, CHAT_ANA, "from my phone", NULL);
  post_and_wait (f, RAJ, CHAT_RAJ, "you see this one", NULL);
  hearth_notifier_flush (f->notifier);

  hearth_session_set_window_active (f->session, FALSE);
  post (f, RAJ, CHAT_RAJ, "now you don't", NULL);
  notifies = wait_notify (1);
  g_assert_cmpuint (notifies->len, ==, 1);
  g_assert_cmpstr (NOTIFY (notifies, 0)->body, ==, "now you don't");
}

static void
test_notifier_sign_out (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) notifies = NULL;
  g_autoptr(GPtrArray) closed = NULL;

  post (f, RAJ, CHAT_RAJ, "Hello", NULL);
  notifies = wait_notify (1);

  hearth_session_sign_out (f->session);
  closed = wait_calls ("CloseNotification", 1);
  g_assert_cmpuint (closed->len, ==, 1);
  g_assert_cmpuint (call_uint (g_ptr_array_index (closed, 0), 0), ==, 1);
}

static void
skip_all (void)
{
  g_test_skip ("needs tests/run-with-bus.sh (a private session bus) and " PYTHON
               " with python3-dbusmock");
}

static gboolean
have_dbusmock (void)
{
  int status = -1;

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;

  g_spawn_sync (NULL, (char *[]) { (char *) PYTHON, (char *) "-c", (char *) "import dbusmock",
                                   NULL },
                NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, NULL);

  return status == 0;
}

int
main (int   argc,
      char *argv[])
{
  static const GActionEntry actions[] = {
    { "open-chat", open_chat_action, "s", NULL, NULL, { 0 } },
    { "mark-read", mark_read_action, "s", NULL, NULL, { 0 } },
  };
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (g_getenv ("HEARTH_TEST_PRIVATE_BUS"), "1") != 0 || !have_dbusmock ())
    {
      g_test_add_func ("/Hearth/Notifier/private-bus", skip_all);
      return g_test_run ();
    }

  opened = g_ptr_array_new_with_free_func (g_free);
  marked = g_ptr_array_new_with_free_func (g_free);
  app = g_application_new (TEST_APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), NULL);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);

  /* GNotification must take its org.freedesktop.Notifications backend. */
  g_assert_false (name_has_owner ("org.gtk.Notifications"));
  g_assert_false (name_has_owner ("org.freedesktop.portal.Desktop"));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/Hearth/Notifier/message", test_notifier_message);
  ADD ("/Hearth/Notifier/mark-read", test_notifier_mark_read);
  ADD ("/Hearth/Notifier/group", test_notifier_group);
  ADD ("/Hearth/Notifier/burst", test_notifier_burst);
  ADD ("/Hearth/Notifier/read-elsewhere", test_notifier_read_elsewhere);
  ADD ("/Hearth/Notifier/chat-deleted", test_notifier_chat_deleted);
  ADD ("/Hearth/Notifier/pending-read", test_notifier_pending_read);
  ADD ("/Hearth/Notifier/disabled", test_notifier_disabled);
  ADD ("/Hearth/Notifier/hide-content", test_notifier_hide_content);
  ADD ("/Hearth/Notifier/visible-chat", test_notifier_visible_chat);
  ADD ("/Hearth/Notifier/sign-out", test_notifier_sign_out);
#undef ADD

  status = g_test_run ();

  g_assert_finalize_object (app);
  g_ptr_array_unref (opened);
  g_ptr_array_unref (marked);

  return status;
}
