/* test-api.c: HearthApi against the reference server and a misbehaving one
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-test-api"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-message.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-server.h"
#include "hearth-test-util.h"
#include "hearth-user.h"

#define WAIT_MS 10000

/* Seed ids (tests/data/seed.json). */
#define ALEX       "68ada1c0f252e6b4383a1f01"
#define RAJ        "68aef340f252e6b4383a1f02"
#define ANA        "68b044c0f252e6b4383a1f03"
#define MEI        "68b19640f252e6b4383a1f04"
#define TOM        "68b2e7c0f252e6b4383a1f05"
#define SAM        "68b43940f252e6b4383a1f06"
#define CHAT_RAJ   "691719c0f252e6b4383a1f07"
#define CHAT_ANA   "693ea6c0f252e6b4383a1f08"
#define CHAT_HIKE  "698091c0f252e6b4383a1f09"
#define CHAT_GAMES "698dc0c0f252e6b4383a1f0a"
#define CHAT_MEI   "696633c0f252e6b4383a1f0b"
#define CHAT_OTHER "699aefc0f252e6b4383a1f0c"
#define REWARD_COFFEE "69a81ec0f252e6b4383a1f2b"
#define REWARD_YOGA   "69aac1c0f252e6b4383a1f2c"
#define REWARD_MUSEUM "698dc0c0f252e6b4383a1f2d"

/* Waiting for one async call. */

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  g_assert_null (wait->result);
  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_result (Wait *wait)
{
  g_assert_true (hearth_test_wait_for_flag (&wait->done, WAIT_MS));
  return wait->result;
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->result);
  wait->done = FALSE;
}

/* Synchronous wrappers: each runs one call to completion. */

static char *
login (HearthApi   *api,
       const char  *username,
       const char  *password,
       HearthUser **user,
       GError     **error)
{
  Wait wait = { 0, };
  char *token;

  hearth_api_login_async (api, username, password, NULL, wait_cb, &wait);
  token = hearth_api_login_finish (api, wait_result (&wait), user, error);
  wait_clear (&wait);
  return token;
}

static HearthUser *
get_me (HearthApi  *api,
        GError    **error)
{
  Wait wait = { 0, };
  HearthUser *user;

  hearth_api_get_me_async (api, NULL, wait_cb, &wait);
  user = hearth_api_get_me_finish (api, wait_result (&wait), error);
  wait_clear (&wait);
  return user;
}

static GPtrArray *
list_chats (HearthApi     *api,
            GCancellable  *cancellable,
            GError       **error)
{
  Wait wait = { 0, };
  GPtrArray *chats;

  hearth_api_list_chats_async (api, cancellable, wait_cb, &wait);
  chats = hearth_api_list_chats_finish (api, wait_result (&wait), error);
  wait_clear (&wait);
  return chats;
}

static HearthChat *
get_chat (HearthApi   *api,
          const char  *chat_id,
          GError     **error)
{
  Wait wait = { 0, };
  HearthChat *chat;

  hearth_api_get_chat_async (api, chat_id, NULL, wait_cb, &wait);
  chat = hearth_api_get_chat_finish (api, wait_result (&wait), error);
  wait_clear (&wait);
  return chat;
}

static GPtrArray *
list_messages (HearthApi   *api,
               const char  *chat_id,
               const char  *before,
               const char  *after,
               guint        limit,
               GError     **error)
{
  Wait wait = { 0, };
  GPtrArray *messages;

  hearth_api_list_messages_async (api, chat_id, before, after, limit, NULL, wait_cb, &wait);
  messages = hearth_api_list_messages_finish (api, wait_result (&wait), error);
  wait_clear (&wait);
  return messages;
}

static HearthMessage *
post_message (HearthApi   *api,
              const char  *chat_id,
              const char  *content,
              const char  *reel,
              const char  *client_id,
              GError     **error)
{
  Wait wait = { 0, };
  HearthMessage *message;

  hearth_api_post_message_async (api, chat_id, content, reel, client_id, NULL, wait_cb, &wait);
  message = hearth_api_post_message_finish (api, wait_result (&wait), error);
  wait_clear (&wait);
  return message;
}

static GPtrArray *
list_rewards (HearthApi  *api,
              GError    **error)
{
  Wait wait = { 0, };
  GPtrArray *rewards;

  hearth_api_list_rewards_async (api, NULL, wait_cb, &wait);
  rewards = hearth_api_list_rewards_finish (api, wait_result (&wait), error);
  wait_clear (&wait);
  return rewards;
}

static HearthReward *
consume_reward (HearthApi   *api,
                const char  *reward_id,
                GError     **error)
{
  Wait wait = { 0, };
  HearthReward *reward;

  hearth_api_consume_reward_async (api, reward_id, NULL, wait_cb, &wait);
  reward = hearth_api_consume_reward_finish (api, wait_result (&wait), error);
  wait_clear (&wait);
  return reward;
}

static HearthScore *
get_score (HearthApi   *api,
           const char  *date,
           GError     **error)
{
  Wait wait = { 0, };
  HearthScore *score;

  hearth_api_get_score_async (api, date, NULL, wait_cb, &wait);
  score = hearth_api_get_score_finish (api, wait_result (&wait), error);
  wait_clear (&wait);
  return score;
}

static GPtrArray *
get_score_history (HearthApi  *api,
                   guint       days,
                   GError    **error)
{
  Wait wait = { 0, };
  GPtrArray *history;

  hearth_api_get_score_history_async (api, days, NULL, wait_cb, &wait);
  history = hearth_api_get_score_history_finish (api, wait_result (&wait), error);
  wait_clear (&wait);
  return history;
}

static const char *
message_id (GPtrArray *messages,
            guint      i)
{
  return hearth_message_get_id (g_ptr_array_index (messages, i));
}

/* The reference server, signed in as Alex through POST /auth/login. */

typedef struct
{
  HearthServer *server;
  HearthApi    *api;
  char         *url;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthUser) user = NULL;
  g_autofree char *token = NULL;

  f->server = hearth_server_new ();
  hearth_server_load_seed_file (f->server, g_getenv ("HEARTH_SEED_FIXTURE"), &error);
  g_assert_no_error (error);
  hearth_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  f->url = hearth_server_dup_url (f->server);

  f->api = hearth_api_new (f->url, NULL);
  token = login (f->api, "alex", "hearth-alex", &user, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, hearth_server_get_token (f->server, ALEX));
  hearth_api_set_token (f->api, token);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->api));
  hearth_server_shutdown (f->server);
  g_assert_finalize_object (g_steal_pointer (&f->server));
  g_clear_pointer (&f->url, g_free);
}

static void
test_properties (void)
{
  g_autoptr(HearthApi) api = hearth_api_new ("http://127.0.0.1:8080/", "secret");
  g_autofree char *base_url = NULL;
  g_autofree char *token = NULL;
  guint timeout;

  g_assert_cmpstr (hearth_api_get_base_url (api), ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (hearth_api_get_token (api), ==, "secret");
  g_assert_cmpuint (hearth_api_get_timeout (api), ==, 30);

  hearth_api_set_token (api, NULL);
  hearth_api_set_timeout (api, 5);
  g_object_get (api, "base-url", &base_url, "token", &token, "timeout", &timeout, NULL);
  g_assert_cmpstr (base_url, ==, "http://127.0.0.1:8080");
  g_assert_null (token);
  g_assert_cmpuint (timeout, ==, 5);

  g_assert_finalize_object (g_steal_pointer (&api));
}

static void
test_error_is_transient (void)
{
  static const struct
  {
    GQuark   domain;
    int      code;
    gboolean transient;
  } cases[] = {
    { 0, HEARTH_API_ERROR_NETWORK, TRUE },
    { 0, HEARTH_API_ERROR_SERVER_ERROR, TRUE },
    { 0, HEARTH_API_ERROR_BAD_REPLY, TRUE },
    { 0, HEARTH_API_ERROR_AUTHORIZATION_FAILED, FALSE },
    { 0, HEARTH_API_ERROR_VERIFICATION_REQUIRED, FALSE },
    { 0, HEARTH_API_ERROR_VALIDATION_FAILED, FALSE },
    { 0, HEARTH_API_ERROR_NOT_FOUND, FALSE },
    { 0, HEARTH_API_ERROR_PERMISSION_DENIED, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (HEARTH_API_ERROR, cases[i].code, "x");

      g_assert_cmpint (hearth_api_error_is_transient (error), ==, cases[i].transient);
    }

  {
    g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");

    g_assert_true (hearth_api_error_is_transient (cancelled));
    g_assert_false (hearth_api_error_is_transient (NULL));
  }
}

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthUser) user = NULL;
  g_autofree char *token = NULL;
  g_autoptr(HearthApi) api = hearth_api_new (f->url, NULL);

  token = login (api, "raj", "hearth-raj", &user, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, hearth_server_get_token (f->server, RAJ));
  g_assert_nonnull (user);
  g_assert_cmpstr (hearth_user_get_id (user), ==, RAJ);
  g_assert_cmpstr (hearth_user_get_name (user), ==, "Raj Kumar");
  g_assert_cmpstr (hearth_user_get_username (user), ==, "raj");
  /* Signing in does not change the client's token by itself. */
  g_assert_null (hearth_api_get_token (api));

  /* The user out-parameter is optional. */
  g_clear_pointer (&token, g_free);
  token = login (api, "raj", "hearth-raj", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, hearth_server_get_token (f->server, RAJ));

  g_assert_finalize_object (g_steal_pointer (&user));
  g_assert_finalize_object (g_steal_pointer (&api));
}

static void
test_login_wrong_password (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthUser) user = NULL;
  g_autofree char *token = NULL;

  token = login (f->api, "alex", "wrong", &user, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED);
  g_assert_null (token);
  g_assert_null (user);
  /* The server's own words. */
  g_assert_cmpstr (error->message, ==, "Wrong username or password");
  g_assert_false (hearth_api_error_is_transient (error));
  g_clear_error (&error);

  token = login (f->api, "nobody", "hearth-nobody", NULL, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED);
  g_assert_null (token);
}

static void
test_me (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthUser) me = get_me (f->api, &error);
  g_autoptr(HearthApi) sam = NULL;
  g_autoptr(HearthUser) sam_user = NULL;
  g_autoptr(GPtrArray) chats = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (hearth_user_get_id (me), ==, ALEX);
  g_assert_cmpstr (hearth_user_get_name (me), ==, "Alex Morgan");
  g_assert_cmpstr (hearth_user_get_username (me), ==, "alex");
  g_assert_null (hearth_user_get_photo (me));

  /* An unverified user gets /me but nothing else. */
  sam = hearth_api_new (f->url, hearth_server_get_token (f->server, SAM));
  sam_user = get_me (sam, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_user_get_username (sam_user), ==, "sam");

  chats = list_chats (sam, NULL, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_VERIFICATION_REQUIRED);
  g_assert_null (chats);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_list_chats (Fixture       *f,
                 gconstpointer  data)
{
  static const struct
  {
    const char *id;
    const char *title;
    const char *name;
    guint       n_participants;
    guint       unread;
    const char *admin;
    const char *last_message;
    gboolean    is_group;
  } expected[] = {
    /* Most recent activity first. */
    { CHAT_MEI, "Mei Chen", NULL, 2, 1, NULL, "69b54208f252e6b4383a1f28", FALSE },
    { CHAT_HIKE, "Weekend hike", "Weekend hike", 4, 3, ANA, "69b53d58f252e6b4383a1f1f", TRUE },
    { CHAT_RAJ, "Raj Kumar", NULL, 2, 2, NULL, "69b51aa8f252e6b4383a1f12", FALSE },
    { CHAT_ANA, "Ana Lima", NULL, 2, 0, NULL, "69b3aab0f252e6b4383a1f18", FALSE },
    { CHAT_GAMES, "Mei Chen, Tom Okafor", NULL, 3, 0, ALEX, "69b273acf252e6b4383a1f24", TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chats = list_chats (f->api, NULL, &error);
  HearthChat *hike;
  HearthMessage *last;
  g_autoptr(HearthUser) first = NULL;
  GDateTime *raj_read;
  GDateTime *alex_read;

  g_assert_no_error (error);
  g_assert_nonnull (chats);
  g_assert_cmpuint (chats->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < chats->len; i++)
    {
      HearthChat *chat = g_ptr_array_index (chats, i);
      HearthMessage *message = hearth_chat_get_last_message (chat);

      g_assert_cmpstr (hearth_chat_get_id (chat), ==, expected[i].id);
      g_assert_cmpstr (hearth_chat_get_me_id (chat), ==, ALEX);
      g_assert_cmpstr (hearth_chat_get_title (chat), ==, expected[i].title);
      g_assert_cmpstr (hearth_chat_get_name (chat), ==, expected[i].name);
      g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_participants (chat)), ==,
                        expected[i].n_participants);
      g_assert_cmpuint (hearth_chat_get_unread (chat), ==, expected[i].unread);
      g_assert_cmpint (hearth_chat_get_is_group (chat), ==, expected[i].is_group);
      g_assert_false (hearth_chat_get_left (chat));
      if (expected[i].admin != NULL)
        g_assert_cmpstr (hearth_user_get_id (hearth_chat_get_admin (chat)), ==, expected[i].admin);
      else
        g_assert_null (hearth_chat_get_admin (chat));
      g_assert_nonnull (message);
      g_assert_cmpstr (hearth_message_get_id (message), ==, expected[i].last_message);
      g_assert_cmpstr (hearth_message_get_chat_id (message), ==, expected[i].id);
      g_assert_nonnull (hearth_chat_get_created_at (chat));
      g_assert_true (hearth_chat_get_last_activity (chat) == hearth_message_get_at (message));

      /* Sorted by last activity, newest first. */
      if (i > 0)
        {
          HearthChat *previous = g_ptr_array_index (chats, i - 1);

          g_assert_cmpint (g_date_time_compare (hearth_chat_get_last_activity (previous),
                                                hearth_chat_get_last_activity (chat)), >, 0);
        }
    }

  hike = g_ptr_array_index (chats, 1);
  first = g_list_model_get_item (hearth_chat_get_participants (hike), 0);
  g_assert_cmpstr (hearth_user_get_id (first), ==, ALEX);
  g_assert_cmpstr (hearth_user_get_name (first), ==, "Alex Morgan");
  /* The admin and the last message's sender are the participants' objects. */
  g_assert_true (hearth_chat_get_admin (hike) == hearth_chat_find_participant (hike, ANA));
  last = hearth_chat_get_last_message (hike);
  g_assert_cmpstr (hearth_message_get_content (last), ==, "8 works. Don't forget water!");
  g_assert_cmpstr (hearth_message_get_sender_id (last), ==, ANA);
  g_assert_true (hearth_message_get_sender (last) == hearth_chat_find_participant (hike, ANA));
  g_assert_cmpint (hearth_message_get_state (last), ==, HEARTH_MESSAGE_SENT);

  /* lastReadAt: the seed's times, all moved by the same amount. Raj read the hike chat
   * 2026-03-14T10:52:00 and Alex 2026-03-10T07:30:30. */
  raj_read = hearth_chat_get_last_read_at (hike, RAJ);
  alex_read = hearth_chat_get_last_read_at (hike, ALEX);
  g_assert_nonnull (raj_read);
  g_assert_nonnull (alex_read);
  g_assert_cmpint (g_date_time_difference (raj_read, alex_read), ==,
                   ((((4 * 24) + 3) * 60 + 21) * 60 + 30) * G_TIME_SPAN_SECOND);
  /* The last message (10:50) is two minutes before Raj's read time. */
  g_assert_cmpint (g_date_time_difference (raj_read, hearth_message_get_at (last)), ==,
                   2 * G_TIME_SPAN_MINUTE);
  {
    g_auto(GStrv) readers = hearth_chat_dup_reader_ids (hike);

    g_assert_cmpuint (g_strv_length (readers), ==, 4);
  }
}

static void
test_get_chat (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthChat) chat = get_chat (f->api, CHAT_GAMES, &error);
  g_autoptr(HearthChat) other = NULL;
  g_autoptr(HearthChat) missing = NULL;
  g_autoptr(HearthChat) odd = NULL;
  g_autoptr(HearthUser) second = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (hearth_chat_get_id (chat), ==, CHAT_GAMES);
  g_assert_null (hearth_chat_get_name (chat));
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Mei Chen, Tom Okafor");
  g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_participants (chat)), ==, 3);
  second = g_list_model_get_item (hearth_chat_get_participants (chat), 1);
  g_assert_cmpstr (hearth_user_get_id (second), ==, MEI);
  g_assert_cmpstr (hearth_user_get_username (second), ==, "mei");
  g_assert_cmpstr (hearth_message_get_content (hearth_chat_get_last_message (chat)), ==,
                   "Absolutely");

  /* Raj and Tom's chat: Alex is not in it. */
  other = get_chat (f->api, CHAT_OTHER, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_PERMISSION_DENIED);
  g_assert_null (other);
  g_clear_error (&error);

  missing = get_chat (f->api, "000000000000000000000000", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  /* Ids are escaped into one path segment. */
  odd = get_chat (f->api, "a/b?c d", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NOT_FOUND);
  g_assert_null (odd);
}

static void
test_list_messages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page = NULL;
  HearthMessage *message;

  all = list_messages (f->api, CHAT_HIKE, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 7);
  g_assert_cmpstr (message_id (all, 0), ==, "69afc170f252e6b4383a1f19");
  g_assert_cmpstr (message_id (all, 6), ==, "69b53d58f252e6b4383a1f1f");

  /* Oldest first, every field. */
  message = g_ptr_array_index (all, 5);
  g_assert_cmpstr (hearth_message_get_chat_id (message), ==, CHAT_HIKE);
  g_assert_cmpstr (hearth_message_get_sender_id (message), ==, TOM);
  g_assert_cmpstr (hearth_user_get_name (hearth_message_get_sender (message)), ==, "Tom Okafor");
  g_assert_cmpstr (hearth_message_get_content (message), ==, "Meeting at the trailhead at 8?");
  g_assert_null (hearth_message_get_reel (message));
  g_assert_null (hearth_message_get_client_id (message));
  g_assert_cmpint (hearth_message_get_state (message), ==, HEARTH_MESSAGE_SENT);
  g_assert_cmpint (g_date_time_difference (hearth_message_get_at (g_ptr_array_index (all, 6)),
                                           hearth_message_get_at (message)), ==,
                   20 * G_TIME_SPAN_MINUTE);

  /* The newest two. */
  page = list_messages (f->api, CHAT_HIKE, NULL, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (message_id (page, 0), ==, message_id (all, 5));
  g_assert_cmpstr (message_id (page, 1), ==, message_id (all, 6));
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Scrolling back. */
  page = list_messages (f->api, CHAT_HIKE, message_id (all, 5), NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (message_id (page, 0), ==, message_id (all, 3));
  g_assert_cmpstr (message_id (page, 1), ==, message_id (all, 4));
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Catching up: the oldest after. */
  page = list_messages (f->api, CHAT_HIKE, NULL, message_id (all, 2), 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (message_id (page, 0), ==, message_id (all, 3));
  g_assert_cmpstr (message_id (page, 1), ==, message_id (all, 4));
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Both bounds. */
  page = list_messages (f->api, CHAT_HIKE, message_id (all, 6), message_id (all, 2), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpstr (message_id (page, 0), ==, message_id (all, 3));
  g_assert_cmpstr (message_id (page, 2), ==, message_id (all, 5));
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Nothing newer: an empty page, not an error. */
  page = list_messages (f->api, CHAT_HIKE, NULL, message_id (all, 6), 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->len, ==, 0);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* The reel of Raj's message. */
  page = list_messages (f->api, CHAT_RAJ, NULL, NULL, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (hearth_message_get_reel (g_ptr_array_index (page, 0)), ==,
                   "6602b7e3c1f2a94d8e5b1c70");
  g_clear_pointer (&page, g_ptr_array_unref);

  /* A message of another chat as the cursor. */
  page = list_messages (f->api, CHAT_HIKE, "69b22960f252e6b4383a1f0d", NULL, 0, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NOT_FOUND);
  g_assert_null (page);
  g_clear_error (&error);

  page = list_messages (f->api, CHAT_OTHER, NULL, NULL, 0, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_PERMISSION_DENIED);
  g_assert_null (page);
}

static void
test_post_message (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(HearthMessage) again = NULL;
  g_autoptr(HearthMessage) other = NULL;
  g_autoptr(HearthMessage) empty = NULL;
  g_autoptr(HearthMessage) reel = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(HearthChat) chat = NULL;

  message = post_message (f->api, CHAT_RAJ, "See you at 12:30 ✨", NULL, "client-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (hearth_message_get_id (message));
  g_assert_cmpstr (hearth_message_get_chat_id (message), ==, CHAT_RAJ);
  g_assert_cmpstr (hearth_message_get_sender_id (message), ==, ALEX);
  g_assert_cmpstr (hearth_message_get_content (message), ==, "See you at 12:30 ✨");
  g_assert_cmpstr (hearth_message_get_client_id (message), ==, "client-1");
  g_assert_null (hearth_message_get_reel (message));
  g_assert_nonnull (hearth_message_get_at (message));
  g_assert_cmpint (hearth_message_get_state (message), ==, HEARTH_MESSAGE_SENT);

  /* A retry with the same client id gives the same message and stores nothing. */
  again = post_message (f->api, CHAT_RAJ, "See you at 12:30 ✨", NULL, "client-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_message_get_id (again), ==, hearth_message_get_id (message));
  g_assert_true (g_date_time_equal (hearth_message_get_at (again),
                                    hearth_message_get_at (message)));

  other = post_message (f->api, CHAT_RAJ, "And one more", NULL, "client-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_message_get_id (other), !=, hearth_message_get_id (message));

  page = list_messages (f->api, CHAT_RAJ, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 8);
  g_assert_cmpstr (message_id (page, 6), ==, hearth_message_get_id (message));
  g_assert_cmpstr (message_id (page, 7), ==, hearth_message_get_id (other));

  /* The chat's last message follows; posting reads the chat. */
  chat = get_chat (f->api, CHAT_RAJ, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_message_get_id (hearth_chat_get_last_message (chat)), ==,
                   hearth_message_get_id (other));
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);

  /* A reel alone may go without text; no client id is fine too. */
  reel = post_message (f->api, CHAT_RAJ, "", "6602b7e3c1f2a94d8e5b1c70", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_message_get_reel (reel), ==, "6602b7e3c1f2a94d8e5b1c70");
  g_assert_null (hearth_message_get_client_id (reel));

  /* Empty content without a reel: refused, with the server's message. */
  empty = post_message (f->api, CHAT_RAJ, "", NULL, "client-3", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_VALIDATION_FAILED);
  g_assert_null (empty);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_false (hearth_api_error_is_transient (error));
  g_clear_error (&error);

  empty = post_message (f->api, CHAT_OTHER, "Hi", NULL, NULL, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_PERMISSION_DENIED);
  g_assert_null (empty);
  g_clear_error (&error);

  empty = post_message (f->api, "000000000000000000000000", "Hi", NULL, NULL, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NOT_FOUND);
  g_assert_null (empty);
}

/* The server stores the message and drops the connection: the reply is lost, the retry with
 * the same client id gets the stored message. */
static void
test_post_message_reply_lost (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthMessage) lost = NULL;
  g_autoptr(HearthMessage) retry = NULL;
  g_autoptr(GPtrArray) page = NULL;

  hearth_api_set_timeout (f->api, 5);
  hearth_server_set_fail_after_store (f->server, 1);

  lost = post_message (f->api, CHAT_ANA, "Lost in transit", NULL, "client-lost", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK);
  g_assert_null (lost);
  g_assert_true (hearth_api_error_is_transient (error));
  g_clear_error (&error);

  retry = post_message (f->api, CHAT_ANA, "Lost in transit", NULL, "client-lost", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_message_get_client_id (retry), ==, "client-lost");

  page = list_messages (f->api, CHAT_ANA, NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 7);
  g_assert_cmpstr (message_id (page, 6), ==, hearth_message_get_id (retry));
}

/* The server goes away and comes back on the same port (stale pooled connections), and the
 * first POST it stores then loses its reply: every call still ends. */
static void
test_server_restart (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error_a = NULL;
  g_autoptr(GError) error_b = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(HearthMessage) refused = NULL;
  Wait a = { 0, };
  Wait b = { 0, };
  g_autoptr(HearthMessage) to_ana = NULL;
  g_autoptr(HearthMessage) to_mei = NULL;
  guint port = hearth_server_get_port (f->server);

  hearth_api_set_timeout (f->api, 5);
  chats = list_chats (f->api, NULL, &error);
  g_assert_no_error (error);

  hearth_server_shutdown (f->server);
  refused = post_message (f->api, CHAT_ANA, "Nobody there", NULL, "client-a", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK);
  g_clear_error (&error);

  hearth_server_listen (f->server, port, &error);
  g_assert_no_error (error);
  hearth_server_set_fail_after_store (f->server, 1);

  hearth_api_post_message_async (f->api, CHAT_ANA, "One", NULL, "client-a", NULL, wait_cb, &a);
  hearth_api_post_message_async (f->api, CHAT_MEI, "Two", NULL, "client-b", NULL, wait_cb, &b);
  /* The two requests race on two connections: whichever the server stores first loses its
   * reply, the other one succeeds. */
  to_ana = hearth_api_post_message_finish (f->api, wait_result (&a), &error_a);
  to_mei = hearth_api_post_message_finish (f->api, wait_result (&b), &error_b);
  g_assert_true ((to_ana == NULL) != (to_mei == NULL));
  if (to_ana == NULL)
    {
      g_assert_error (error_a, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK);
      g_assert_no_error (error_b);
      g_assert_cmpstr (hearth_message_get_client_id (to_mei), ==, "client-b");
    }
  else
    {
      g_assert_error (error_b, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK);
      g_assert_no_error (error_a);
      g_assert_cmpstr (hearth_message_get_client_id (to_ana), ==, "client-a");
    }
  wait_clear (&a);
  wait_clear (&b);
}

static HearthReward *
find_reward (GPtrArray  *rewards,
             const char *id)
{
  for (guint i = 0; i < rewards->len; i++)
    {
      HearthReward *reward = g_ptr_array_index (rewards, i);

      if (g_strcmp0 (hearth_reward_get_id (reward), id) == 0)
        return reward;
    }

  return NULL;
}

static void
test_rewards (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rewards = list_rewards (f->api, &error);
  g_autoptr(HearthReward) consumed = NULL;
  g_autoptr(HearthReward) twice = NULL;
  g_autoptr(HearthReward) refused = NULL;
  g_autoptr(HearthApi) raj = NULL;
  HearthReward *coffee;
  HearthReward *museum;

  g_assert_no_error (error);
  g_assert_cmpuint (rewards->len, ==, 3);

  coffee = find_reward (rewards, REWARD_COFFEE);
  g_assert_nonnull (coffee);
  g_assert_cmpstr (hearth_reward_get_title (coffee), ==, "Free coffee at Bean There");
  g_assert_cmpstr (hearth_reward_get_description (coffee), ==,
                   "One hot drink of your choice, any size. Show the code at the counter.");
  g_assert_cmpint (hearth_reward_get_remaining (coffee), ==, 12);
  g_assert_false (hearth_reward_get_is_expired (coffee));
  g_assert_false (hearth_reward_get_is_consumed_by_you (coffee));
  g_assert_nonnull (hearth_reward_get_expires_at (coffee));

  museum = find_reward (rewards, REWARD_MUSEUM);
  g_assert_nonnull (museum);
  g_assert_cmpint (hearth_reward_get_remaining (museum), ==, 0);
  g_assert_true (hearth_reward_get_is_expired (museum));
  g_assert_true (hearth_reward_get_is_consumed_by_you (museum));
  /* The coffee expires 12 days after the museum ticket did. */
  g_assert_cmpint (g_date_time_difference (hearth_reward_get_expires_at (coffee),
                                           hearth_reward_get_expires_at (museum)), ==,
                   12 * G_TIME_SPAN_DAY);

  consumed = consume_reward (f->api, REWARD_COFFEE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_reward_get_id (consumed), ==, REWARD_COFFEE);
  g_assert_cmpint (hearth_reward_get_remaining (consumed), ==, 11);
  g_assert_true (hearth_reward_get_is_consumed_by_you (consumed));

  /* Again: nothing changes. */
  twice = consume_reward (f->api, REWARD_COFFEE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hearth_reward_get_remaining (twice), ==, 11);
  g_assert_true (hearth_reward_get_is_consumed_by_you (twice));

  /* Alex already had the museum ticket: that stays a success. Raj is refused. */
  g_clear_object (&twice);
  twice = consume_reward (f->api, REWARD_MUSEUM, &error);
  g_assert_no_error (error);
  g_assert_true (hearth_reward_get_is_consumed_by_you (twice));

  raj = hearth_api_new (f->url, hearth_server_get_token (f->server, RAJ));
  refused = consume_reward (raj, REWARD_MUSEUM, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "This reward has expired");
  g_assert_null (refused);
  g_clear_error (&error);

  /* The last yoga pass goes to Alex; Raj is too late. */
  g_clear_object (&consumed);
  consumed = consume_reward (f->api, REWARD_YOGA, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hearth_reward_get_remaining (consumed), ==, 0);

  refused = consume_reward (raj, REWARD_YOGA, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_PERMISSION_DENIED);
  g_assert_cmpstr (error->message, ==, "This reward is no longer available");
  g_assert_null (refused);
  g_clear_error (&error);

  refused = consume_reward (f->api, "000000000000000000000000", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NOT_FOUND);
  g_assert_null (refused);
}

static void
test_score (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthScore) score = get_score (f->api, NULL, &error);
  g_autoptr(HearthScore) same = NULL;
  g_autoptr(HearthScore) none = NULL;
  g_autofree char *day = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (score);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 1.5);
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 3);
  g_assert_cmpfloat (hearth_score_get_social_score (score), ==, 1.0);
  g_assert_cmpfloat (hearth_score_get_mindfulness_score (score), ==, 0.5);
  g_assert_nonnull (hearth_score_get_day (score));
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (score)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_mindfulness_actions (score)), >, 0);
  /* The start of a day. */
  g_assert_cmpint (g_date_time_get_hour (hearth_score_get_date (score)), ==, 0);
  g_assert_cmpint (g_date_time_get_minute (hearth_score_get_date (score)), ==, 0);

  day = g_date_time_format (hearth_score_get_date (score), "%Y-%m-%d");
  same = get_score (f->api, day, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (hearth_score_get_date (same), hearth_score_get_date (score)));
  g_assert_cmpfloat (hearth_score_get_total_score (same), ==, 1.5);

  none = get_score (f->api, "2000-01-01", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NOT_FOUND);
  g_assert_null (none);
  g_clear_error (&error);

  none = get_score (f->api, "2026-13-45", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_VALIDATION_FAILED);
  g_assert_null (none);
  g_clear_error (&error);

  /* Escaped into the query: still one (invalid) value. */
  none = get_score (f->api, "2026-03-14&date=x y", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_VALIDATION_FAILED);
  g_assert_null (none);
}

static void
test_score_history (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = get_score_history (f->api, 0, &error);
  g_autoptr(GPtrArray) week = NULL;
  g_autoptr(HearthScore) today = NULL;
  HearthScore *first;
  HearthScore *last;

  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 30);
  first = g_ptr_array_index (history, 0);
  last = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpfloat (hearth_score_get_total_score (first), ==, 2.0);
  g_assert_cmpfloat (hearth_score_get_total_score (last), ==, 1.5);
  /* Newest last, one day apart. */
  g_assert_cmpint (g_date_time_difference (hearth_score_get_date (last),
                                           hearth_score_get_date (first)), ==,
                   29 * G_TIME_SPAN_DAY);

  today = get_score (f->api, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (hearth_score_get_date (last), hearth_score_get_date (today)));

  week = get_score_history (f->api, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (week->len, ==, 7);
  g_assert_true (g_date_time_equal (hearth_score_get_date (g_ptr_array_index (week, 6)),
                                    hearth_score_get_date (last)));
}

static void
test_unauthenticated (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthApi) anonymous = hearth_api_new (f->url, NULL);
  g_autoptr(HearthApi) wrong = hearth_api_new (f->url, "hearth.not-a-token");
  g_autoptr(GPtrArray) chats = NULL;
  g_autoptr(HearthUser) me = NULL;

  chats = list_chats (anonymous, NULL, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED);
  g_assert_null (chats);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  me = get_me (wrong, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED);
  g_assert_null (me);
}

/* No server at all: a port nobody listens on. */
static guint16
closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  return port;
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  g_autoptr(HearthApi) api = hearth_api_new (url, "token");
  g_autoptr(GPtrArray) chats = NULL;

  chats = list_chats (api, NULL, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK);
  g_assert_null (chats);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_true (hearth_api_error_is_transient (error));
  g_clear_error (&error);

  /* Not a URL at all: NETWORK too, never a crash. */
  {
    g_autoptr(HearthApi) bogus = hearth_api_new ("not a url", NULL);

    chats = list_chats (bogus, NULL, &error);
    g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK);
    g_assert_null (chats);
  }
}

/* A server that accepts TCP connections (the kernel's backlog does) and never answers. */
static GSocketListener *
silent_listener (guint16 *port)
{
  g_autoptr(GError) error = NULL;
  /* A stopped service accepts nothing itself (the kernel's backlog does). */
  GSocketService *service = g_socket_service_new ();
  GSocketListener *listener = G_SOCKET_LISTENER (service);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_service_stop (service);

  return listener;
}

static void
test_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = NULL;
  g_autoptr(HearthApi) api = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  g_autofree char *url = NULL;
  guint16 port;
  gint64 start, elapsed;

  listener = silent_listener (&port);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  api = hearth_api_new (url, "token");
  hearth_api_set_timeout (api, 1);

  start = g_get_monotonic_time ();
  chats = list_chats (api, NULL, &error);
  elapsed = g_get_monotonic_time () - start;

  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK);
  g_assert_null (chats);
  g_assert_cmpint (elapsed, >=, 900 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (elapsed, <, 5 * G_TIME_SPAN_SECOND);

  g_socket_listener_close (listener);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = NULL;
  g_autoptr(HearthApi) api = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GPtrArray) chats = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  listener = silent_listener (&port);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);
  api = hearth_api_new (url, "token");
  hearth_api_set_timeout (api, 30);

  /* Cancelled while waiting for the answer. */
  g_timeout_add (50, cancel_cb, cancellable);
  chats = list_chats (api, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (chats);
  g_assert_true (hearth_api_error_is_transient (error));
  g_clear_error (&error);

  /* Cancelled before it started. */
  g_cancellable_cancel (cancelled);
  chats = list_chats (api, cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (chats);

  g_socket_listener_close (listener);
  g_clear_object (&listener);
  g_assert_finalize_object (g_steal_pointer (&api));
}

/* A tiny SoupServer with wrong answers. */

typedef struct
{
  SoupServer     *server;
  GSocketService *service;
  HearthApi      *api;
  char       *last_path;
  char       *last_query;
  char       *last_authorization;
  guint       n_requests;
} BadFixture;

typedef struct
{
  const char *path;
  guint       status;
  const char *body;   /* NULL: no body */
} Canned;

static const Canned canned[] = {
  { "/chats", 200, "this is not JSON" },
  { "/rewards", 200, "{\"_id\": \"r1\", \"title\": \"An object\"}" },
  { "/chats/c1/messages", 200,
    "[{\"_id\": \"m1\", \"chat\": \"c1\", \"user\": \"u1\", \"at\": \"2026-03-14T10:00:00Z\"},"
    " {\"chat\": \"c1\", \"user\": \"u1\", \"at\": \"2026-03-14T10:01:00Z\"}]" },
  { "/me", 500, NULL },
  { "/score", 403, "{\"event\": \"verification-required\", \"message\": \"Verify\"}" },
  { "/chats/c2", 200, "{\"_id\": 42, \"participants\": []}" },
  { "/chats/c3", 200, "[]" },
  { "/chats/c4", 403, NULL },
  { "/chats/c5", 405, "{\"event\": \"not-found\", \"message\": \"Use GET\"}" },
  { "/chats/c6", 200, "{\"_id\": \"c6\", \"participants\": [{\"name\": \"No id\"}]}" },
  { "/chats/c7", 418, "{\"message\": \"I am a teapot\"}" },
  { "/chats/c8", 400, "{\"event\": \"something-new\", \"message\": \"Odd\"}" },
  { "/chats/c9", 200, "" },
  { "/chats/c10", 200,
    "{\"_id\": \"c10\", \"participants\": [\"u1\", {\"_id\": \"u2\", \"name\": \"Two\"}],"
    " \"admin\": 7, \"lastMessage\": \"broken\", \"unread\": -4, \"surprise\": [1, 2],"
    " \"lastReadAt\": {\"u1\": \"not a time\", \"u2\": \"2026-03-14T10:00:00Z\"}}" },
  { "/score/history", 200, "[{\"date\": \"2026-03-14T00:00:00Z\", \"totalScore\": 1}, 3]" },
  { "/rewards/r1/consume", 200, "{\"_id\": \"r1\", \"remaining\": \"twelve\", \"isExpired\": 1}" },
  { "/auth/login", 200, "{\"user\": {\"_id\": \"u1\"}}" },
};

static void
bad_server_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  BadFixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  f->n_requests++;
  g_free (f->last_path);
  f->last_path = g_strdup (path);
  g_free (f->last_query);
  f->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  g_free (f->last_authorization);
  f->last_authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));

  for (guint i = 0; i < G_N_ELEMENTS (canned); i++)
    {
      if (g_str_equal (canned[i].path, path))
        {
          soup_server_message_set_status (msg, canned[i].status, NULL);
          if (canned[i].body != NULL)
            soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                              canned[i].body, strlen (canned[i].body));
          return;
        }
    }

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

/* libsoup 3.2's own listener leaks every accepted GSocket (as hearth-server.c notes): accept
 * with a GSocketService and hand the connections over. */
static gboolean
bad_incoming_cb (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source_object,
                 gpointer           user_data)
{
  BadFixture *f = user_data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  soup_server_accept_iostream (f->server, G_IO_STREAM (connection), local, remote, &error);
  g_assert_no_error (error);

  return TRUE;
}

static void
bad_fixture_set_up (BadFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *url = NULL;
  guint16 port;

  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, bad_server_cb, f, NULL);

  f->service = G_SOCKET_SERVICE (silent_listener (&port));
  g_signal_connect (f->service, "incoming", G_CALLBACK (bad_incoming_cb), f);
  g_socket_service_start (f->service);

  /* With a trailing slash: paths must not double it. */
  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  f->api = hearth_api_new (url, "hearth.secret-token");
}

static void
bad_fixture_tear_down (BadFixture    *f,
                       gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->api));
  g_socket_service_stop (f->service);
  g_socket_listener_close (G_SOCKET_LISTENER (f->service));
  g_clear_object (&f->service);
  soup_server_disconnect (f->server);
  g_assert_finalize_object (g_steal_pointer (&f->server));
  g_clear_pointer (&f->last_path, g_free);
  g_clear_pointer (&f->last_query, g_free);
  g_clear_pointer (&f->last_authorization, g_free);
}

static void
assert_bad_reply (const GError *error,
                  const char   *endpoint,
                  const char   *problem)
{
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_BAD_REPLY);
  if (!g_str_has_prefix (error->message, endpoint) || strstr (error->message, problem) == NULL)
    g_error ("“%s” should name “%s” and “%s”", error->message, endpoint, problem);
  g_assert_true (hearth_api_error_is_transient (error));
}

static void
test_bad_not_json (BadFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) chats = list_chats (f->api, NULL, &error);

  assert_bad_reply (error, "GET /chats", "not JSON");
  g_assert_null (chats);
  g_assert_cmpstr (f->last_path, ==, "/chats");
  g_assert_cmpstr (f->last_authorization, ==, "Bearer hearth.secret-token");
}

static void
test_bad_object_for_array (BadFixture    *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rewards = list_rewards (f->api, &error);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(HearthChat) chat = NULL;

  assert_bad_reply (error, "GET /rewards", "expected an array, got an object");
  g_assert_null (rewards);
  g_clear_error (&error);

  /* And the other way round. */
  chat = get_chat (f->api, "c3", &error);
  assert_bad_reply (error, "GET /chats/c3", "expected an object, got an array");
  g_assert_null (chat);
  g_clear_error (&error);

  /* One item of the wrong kind spoils the whole list. */
  history = get_score_history (f->api, 3, &error);
  assert_bad_reply (error, "GET /score/history", "[1]");
  g_assert_null (history);
  g_assert_cmpstr (f->last_query, ==, "days=3");
}

static void
test_bad_item_without_id (BadFixture    *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(HearthChat) chat = NULL;

  messages = list_messages (f->api, "c1", "m0", NULL, 10, &error);
  assert_bad_reply (error, "GET /chats/c1/messages", "[1]._id is missing");
  g_assert_null (messages);
  g_assert_cmpstr (f->last_path, ==, "/chats/c1/messages");
  g_assert_cmpstr (f->last_query, ==, "before=m0&limit=10");
  g_clear_error (&error);

  chat = get_chat (f->api, "c2", &error);
  assert_bad_reply (error, "GET /chats/c2", "chat._id is not a string");
  g_assert_null (chat);
  g_clear_error (&error);

  chat = get_chat (f->api, "c6", &error);
  assert_bad_reply (error, "GET /chats/c6", "chat.participants[0]._id is missing");
  g_assert_null (chat);
  g_clear_error (&error);

  chat = get_chat (f->api, "c9", &error);
  assert_bad_reply (error, "GET /chats/c9", "empty");
  g_assert_null (chat);
}

static void
test_bad_tolerated (BadFixture    *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthChat) chat = NULL;
  g_autoptr(HearthReward) reward = NULL;
  g_autofree char *token = NULL;

  /* Unusable optional members are dropped, unknown ones ignored. */
  chat = get_chat (f->api, "c10", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hearth_chat_get_id (chat), ==, "c10");
  g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_participants (chat)), ==, 2);
  g_assert_null (hearth_chat_get_admin (chat));
  g_assert_null (hearth_chat_get_last_message (chat));
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_null (hearth_chat_get_last_read_at (chat, "u1"));
  g_assert_nonnull (hearth_chat_get_last_read_at (chat, "u2"));
  /* Without a me-id, everyone is in the title; a bare id stands for its user. */
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "u1, Two");

  reward = consume_reward (f->api, "r1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hearth_reward_get_remaining (reward), ==, -1);
  g_assert_false (hearth_reward_get_is_expired (reward));
  g_assert_cmpstr (f->last_path, ==, "/rewards/r1/consume");

  /* A login reply without a token is not a login. */
  token = login (f->api, "alex", "pw", NULL, &error);
  assert_bad_reply (error, "POST /auth/login", "token is missing");
  g_assert_null (token);
  /* The token is never sent to the login endpoint. */
  g_assert_null (f->last_authorization);
}

static void
test_bad_statuses (BadFixture    *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthUser) me = NULL;
  g_autoptr(HearthScore) score = NULL;
  g_autoptr(HearthChat) chat = NULL;

  /* 500 without a body. */
  me = get_me (f->api, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_SERVER_ERROR);
  g_assert_null (me);
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_true (hearth_api_error_is_transient (error));
  g_clear_error (&error);

  /* 403 verification-required: the event decides, the message is the server's. */
  score = get_score (f->api, NULL, &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_VERIFICATION_REQUIRED);
  g_assert_cmpstr (error->message, ==, "Verify");
  g_assert_null (score);
  g_assert_null (f->last_query);
  g_clear_error (&error);

  /* 403 without a body. */
  chat = get_chat (f->api, "c4", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_PERMISSION_DENIED);
  g_assert_null (chat);
  g_clear_error (&error);

  chat = get_chat (f->api, "c5", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Use GET");
  g_clear_error (&error);

  /* Another status: a server error, with the server's message. */
  chat = get_chat (f->api, "c7", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_SERVER_ERROR);
  g_assert_cmpstr (error->message, ==, "I am a teapot");
  g_clear_error (&error);

  /* An unknown event: the status decides. */
  chat = get_chat (f->api, "c8", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_VALIDATION_FAILED);
  g_assert_cmpstr (error->message, ==, "Odd");
  g_clear_error (&error);

  /* The unknown path. */
  chat = get_chat (f->api, "nope", &error);
  g_assert_error (error, HEARTH_API_ERROR, HEARTH_API_ERROR_NOT_FOUND);
  g_assert_null (chat);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/Api/properties", test_properties);
  g_test_add_func ("/Hearth/Api/error-is-transient", test_error_is_transient);
  g_test_add ("/Hearth/Api/login", Fixture, NULL, fixture_set_up, test_login, fixture_tear_down);
  g_test_add ("/Hearth/Api/login-wrong-password", Fixture, NULL,
              fixture_set_up, test_login_wrong_password, fixture_tear_down);
  g_test_add ("/Hearth/Api/me", Fixture, NULL, fixture_set_up, test_me, fixture_tear_down);
  g_test_add ("/Hearth/Api/list-chats", Fixture, NULL,
              fixture_set_up, test_list_chats, fixture_tear_down);
  g_test_add ("/Hearth/Api/get-chat", Fixture, NULL,
              fixture_set_up, test_get_chat, fixture_tear_down);
  g_test_add ("/Hearth/Api/list-messages", Fixture, NULL,
              fixture_set_up, test_list_messages, fixture_tear_down);
  g_test_add ("/Hearth/Api/post-message", Fixture, NULL,
              fixture_set_up, test_post_message, fixture_tear_down);
  g_test_add ("/Hearth/Api/post-message-reply-lost", Fixture, NULL,
              fixture_set_up, test_post_message_reply_lost, fixture_tear_down);
  g_test_add ("/Hearth/Api/server-restart", Fixture, NULL,
              fixture_set_up, test_server_restart, fixture_tear_down);
  g_test_add ("/Hearth/Api/rewards", Fixture, NULL,
              fixture_set_up, test_rewards, fixture_tear_down);
  g_test_add ("/Hearth/Api/score", Fixture, NULL, fixture_set_up, test_score, fixture_tear_down);
  g_test_add ("/Hearth/Api/score-history", Fixture, NULL,
              fixture_set_up, test_score_history, fixture_tear_down);
  g_test_add ("/Hearth/Api/unauthenticated", Fixture, NULL,
              fixture_set_up, test_unauthenticated, fixture_tear_down);
  g_test_add_func ("/Hearth/Api/unreachable", test_unreachable);
  g_test_add_func ("/Hearth/Api/timeout", test_timeout);
  g_test_add_func ("/Hearth/Api/cancel", test_cancel);
  g_test_add ("/Hearth/Api/bad-not-json", BadFixture, NULL,
              bad_fixture_set_up, test_bad_not_json, bad_fixture_tear_down);
  g_test_add ("/Hearth/Api/bad-object-for-array", BadFixture, NULL,
              bad_fixture_set_up, test_bad_object_for_array, bad_fixture_tear_down);
  g_test_add ("/Hearth/Api/bad-item-without-id", BadFixture, NULL,
              bad_fixture_set_up, test_bad_item_without_id, bad_fixture_tear_down);
  g_test_add ("/Hearth/Api/bad-tolerated", BadFixture, NULL,
              bad_fixture_set_up, test_bad_tolerated, bad_fixture_tear_down);
  g_test_add ("/Hearth/Api/bad-statuses", BadFixture, NULL,
              bad_fixture_set_up, test_bad_statuses, bad_fixture_tear_down);

  return g_test_run ();
}
