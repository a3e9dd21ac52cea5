/* test-secrets.c: HearthSecrets against a real gnome-keyring-daemon
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson through tests/run-with-keyring.sh, which sets up a private session bus with a
 * throwaway, unlocked keyring and sets HEARTH_TEST_KEYRING=1. Run bare, the keyring cases
 * skip (they never touch the user's own keyring); the "unavailable" cases run anywhere: each
 * runs in a subprocess on a bus of its own with no keyring, or on no bus at all.
 */

#include "config.h"

#include "hearth-secrets.h"
#include "hearth-test-util.h"

#define SERVER_A "https://chat.example.org"
#define SERVER_B "http://127.0.0.1:8123"
#define UNAVAILABLE_MESSAGE "No keyring is running: you will have to sign in again next time"

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} Wait;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  g_assert_false (wait->done);
  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_result (Wait *wait)
{
  g_assert_true (hearth_test_wait_for_flag (&wait->done, 20000));
  return wait->result;
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->result);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Wait, wait_clear)

static gboolean
store (HearthSecrets  *secrets,
       const char     *server_url,
       const char     *user_id,
       const char     *username,
       const char     *token,
       GError        **error)
{
  g_auto(Wait) result = { NULL, FALSE };

  hearth_secrets_store_async (secrets, server_url, user_id, username, token, NULL,
                              result_cb, &result);
  return hearth_secrets_store_finish (secrets, wait_result (&result), error);
}

static char *
lookup (HearthSecrets  *secrets,
        const char     *server_url,
        char          **out_server_url,
        char          **out_user_id,
        char          **out_username,
        GError        **error)
{
  g_auto(Wait) result = { NULL, FALSE };

  hearth_secrets_lookup_async (secrets, server_url, NULL, result_cb, &result);
  return hearth_secrets_lookup_finish (secrets, wait_result (&result),
                                       out_server_url, out_user_id, out_username, error);
}

static gboolean
clear (HearthSecrets  *secrets,
       const char     *server_url,
       const char     *user_id,
       GError        **error)
{
  g_auto(Wait) result = { NULL, FALSE };

  hearth_secrets_clear_async (secrets, server_url, user_id, NULL, result_cb, &result);
  return hearth_secrets_clear_finish (secrets, wait_result (&result), error);
}

/* Asserts that the most recent account (of @server_url if not NULL) is the given one. */
static void
assert_lookup (HearthSecrets *secrets,
               const char    *server_url,
               const char    *expected_token,
               const char    *expected_server_url,
               const char    *expected_user_id,
               const char    *expected_username)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *found_server = NULL;
  g_autofree char *found_user = NULL;
  g_autofree char *found_username = NULL;

  token = lookup (secrets, server_url, &found_server, &found_user, &found_username, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, expected_token);
  g_assert_cmpstr (found_server, ==, expected_server_url);
  g_assert_cmpstr (found_user, ==, expected_user_id);
  g_assert_cmpstr (found_username, ==, expected_username);
}

static void
clear_all (HearthSecrets *secrets)
{
  const char *accounts[][2] = {
    { SERVER_A, "u-alex" }, { SERVER_A, "u-sam" }, { SERVER_B, "u-alex" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accounts); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (clear (secrets, accounts[i][0], accounts[i][1], &error));
      g_assert_no_error (error);
    }
  assert_lookup (secrets, NULL, NULL, NULL, NULL, NULL);
}

static gboolean
need_keyring (void)
{
  if (g_strcmp0 (g_getenv ("HEARTH_TEST_KEYRING"), "1") != 0)
    {
      g_test_skip ("needs tests/run-with-keyring.sh (a private bus with a throwaway keyring)");
      return FALSE;
    }

  return TRUE;
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(HearthSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_keyring ())
    return;

  secrets = hearth_secrets_new ();
  clear_all (secrets);

  /* Nothing stored: no token and no error. */
  assert_lookup (secrets, NULL, NULL, NULL, NULL, NULL);

  g_assert_true (store (secrets, SERVER_A, "u-alex", "Alex", "tok-alex-1", &error));
  g_assert_no_error (error);
  assert_lookup (secrets, NULL, "tok-alex-1", SERVER_A, "u-alex", "Alex");
  assert_lookup (secrets, SERVER_A, "tok-alex-1", SERVER_A, "u-alex", "Alex");
  assert_lookup (secrets, SERVER_B, NULL, NULL, NULL, NULL);

  /* Storing again replaces: the old token is gone, not merely older. */
  g_assert_true (store (secrets, SERVER_A, "u-alex", "Alex", "tok-alex-2", &error));
  g_assert_no_error (error);
  assert_lookup (secrets, NULL, "tok-alex-2", SERVER_A, "u-alex", "Alex");

  g_assert_true (clear (secrets, SERVER_A, "u-alex", &error));
  g_assert_no_error (error);
  assert_lookup (secrets, NULL, NULL, NULL, NULL, NULL);

  /* Clearing what is not there is not an error (signing out twice). */
  g_assert_true (clear (secrets, SERVER_A, "u-alex", &error));
  g_assert_no_error (error);

  g_assert_finalize_object (g_steal_pointer (&secrets));
}

static void
test_two_accounts (void)
{
  g_autoptr(HearthSecrets) secrets = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_keyring ())
    return;

  secrets = hearth_secrets_new ();
  clear_all (secrets);

  g_assert_true (store (secrets, SERVER_A, "u-alex", "Alex", "tok-alex", &error));
  g_assert_no_error (error);
  g_assert_true (store (secrets, SERVER_A, "u-sam", NULL, "tok-sam", &error));
  g_assert_no_error (error);
  /* The same user id on another server is another account. */
  g_assert_true (store (secrets, SERVER_B, "u-alex", "Alex (demo)", "tok-demo", &error));
  g_assert_no_error (error);

  /* The most recent one wins; a server narrows the search. */
  assert_lookup (secrets, NULL, "tok-demo", SERVER_B, "u-alex", "Alex (demo)");
  assert_lookup (secrets, SERVER_A, "tok-sam", SERVER_A, "u-sam", "");

  /* Storing Alex again makes Alex the most recent on A. */
  g_assert_true (store (secrets, SERVER_A, "u-alex", "Alex", "tok-alex-2", &error));
  g_assert_no_error (error);
  assert_lookup (secrets, NULL, "tok-alex-2", SERVER_A, "u-alex", "Alex");

  /* Clearing one account leaves the others. */
  g_assert_true (clear (secrets, SERVER_A, "u-alex", &error));
  g_assert_no_error (error);
  assert_lookup (secrets, SERVER_A, "tok-sam", SERVER_A, "u-sam", "");
  assert_lookup (secrets, SERVER_B, "tok-demo", SERVER_B, "u-alex", "Alex (demo)");

  clear_all (secrets);
  g_assert_finalize_object (g_steal_pointer (&secrets));
}

static void
test_invalid (void)
{
  g_autoptr(HearthSecrets) secrets = hearth_secrets_new ();
  g_autoptr(GError) error = NULL;

  /* Refused before the keyring is asked: runs with or without one. */
  g_assert_false (store (secrets, "not a url", "u-alex", NULL, "tok", &error));
  g_assert_error (error, HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (store (secrets, SERVER_A, "u-alex", NULL, "", &error));
  g_assert_error (error, HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_INVALID);
}

static void
test_cancelled (void)
{
  g_autoptr(HearthSecrets) secrets = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(Wait) result = { NULL, FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  if (!need_keyring ())
    return;

  secrets = hearth_secrets_new ();
  g_cancellable_cancel (cancellable);
  hearth_secrets_lookup_async (secrets, NULL, cancellable, result_cb, &result);
  token = hearth_secrets_lookup_finish (secrets, wait_result (&result), NULL, NULL, NULL,
                                        &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (token);
}

/* Every call fails with UNAVAILABLE and the sentence the UI shows. */
static void
assert_all_unavailable (void)
{
  g_autoptr(HearthSecrets) secrets = hearth_secrets_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *user_id = NULL;

  g_assert_false (store (secrets, SERVER_A, "u-alex", "Alex", "tok-alex", &error));
  g_assert_error (error, HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_UNAVAILABLE);
  g_assert_cmpstr (error->message, ==, UNAVAILABLE_MESSAGE);
  g_clear_error (&error);

  token = lookup (secrets, NULL, NULL, &user_id, NULL, &error);
  g_assert_error (error, HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_UNAVAILABLE);
  g_assert_null (token);
  g_assert_null (user_id);
  g_clear_error (&error);

  g_assert_false (clear (secrets, SERVER_A, "u-alex", &error));
  g_assert_error (error, HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_UNAVAILABLE);

  g_assert_finalize_object (g_steal_pointer (&secrets));
}

static void
test_unavailable_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      /* A bus of our own with no services at all: nothing owns or can start
       * org.freedesktop.secrets. Nothing in this process has used the session bus yet. */
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);

      g_test_dbus_up (bus);
      assert_all_unavailable ();
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_unavailable_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *address = g_strdup_printf ("unix:path=%s/no-such-bus",
                                                  g_get_tmp_dir ());

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      assert_all_unavailable ();
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/Secrets/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/Hearth/Secrets/two-accounts", test_two_accounts);
  g_test_add_func ("/Hearth/Secrets/invalid", test_invalid);
  g_test_add_func ("/Hearth/Secrets/cancelled", test_cancelled);
  g_test_add_func ("/Hearth/Secrets/unavailable/no-keyring", test_unavailable_no_keyring);
  g_test_add_func ("/Hearth/Secrets/unavailable/no-bus", test_unavailable_no_bus);

  return g_test_run ();
}
