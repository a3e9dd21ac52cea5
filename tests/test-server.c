/* test-server.c: the reference server's REST contract, plus Socket.IO and envelope smoke tests
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "hearth-codec.h"
#include "hearth-event.h"
#include "hearth-json.h"
#include "hearth-server.h"
#include "hearth-test-util.h"

#define WAIT_MS 10000

/* Ids of tests/data/seed.json. */
#define CHAT_RAJ       "691719c0f252e6b4383a1f07"   /* direct, me + Raj: 2 unread */
#define CHAT_HIKE      "698091c0f252e6b4383a1f09"   /* "Weekend hike": 7 messages */
#define CHAT_TRIO      "698dc0c0f252e6b4383a1f0a"   /* unnamed group */
#define CHAT_RAJ_TOM   "699aefc0f252e6b4383a1f0c"   /* me not in it */
#define REWARD_COFFEE  "69a81ec0f252e6b4383a1f2b"   /* 12 left */
#define REWARD_MUSEUM  "698dc0c0f252e6b4383a1f2d"   /* expired */
#define UNKNOWN_ID     "000000000000000000000000"

typedef struct
{
  HearthServer *server;
  SoupSession  *session;
  char         *url;
  char         *me;
  char         *raj;
  const char   *token;
  /* signals */
  guint         connected;
  guint         disconnected;
  GPtrArray    *client_events;
  guint         pongs;
} Fixture;

static void
on_client_connected (HearthServer  *server,
                     const char    *user_id,
                     HearthFraming  framing,
                     Fixture       *f)
{
  g_assert_nonnull (user_id);
  f->connected++;
}

static void
on_client_disconnected (HearthServer  *server,
                        const char    *user_id,
                        HearthFraming  framing,
                        Fixture       *f)
{
  g_assert_nonnull (user_id);
  f->disconnected++;
}

static void
on_client_event (HearthServer *server,
                 const char   *user_id,
                 HearthEvent  *event,
                 Fixture      *f)
{
  g_ptr_array_add (f->client_events, g_object_ref (event));
}

static void
on_client_pong (HearthServer *server,
                const char   *user_id,
                Fixture      *f)
{
  f->pongs++;
}

static void
fixture_set_up_framing (Fixture       *f,
                        HearthFraming  framing)
{
  g_autoptr(GError) error = NULL;

  f->server = hearth_server_new ();
  hearth_server_load_seed_file (f->server, g_getenv ("HEARTH_SEED_FIXTURE"), &error);
  g_assert_no_error (error);
  hearth_server_set_framing (f->server, framing);
  hearth_server_listen (f->server, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hearth_server_get_port (f->server), >, 0);

  f->url = hearth_server_dup_url (f->server);
  f->session = soup_session_new ();
  f->me = g_strdup (hearth_server_get_default_user (f->server));
  f->raj = g_strdup (hearth_server_find_user (f->server, "raj"));
  g_assert_nonnull (f->me);
  g_assert_nonnull (f->raj);
  f->token = hearth_server_get_token (f->server, f->me);
  g_assert_nonnull (f->token);
  f->client_events = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect (f->server, "client-connected", G_CALLBACK (on_client_connected), f);
  g_signal_connect (f->server, "client-disconnected", G_CALLBACK (on_client_disconnected), f);
  g_signal_connect (f->server, "client-event", G_CALLBACK (on_client_event), f);
  g_signal_connect (f->server, "client-pong", G_CALLBACK (on_client_pong), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_set_up_framing (f, HEARTH_FRAMING_AUTO);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  hearth_server_shutdown (f->server);
  g_assert_finalize_object (f->server);
  soup_session_abort (f->session);
  g_assert_finalize_object (f->session);
  /* Let both ends finish closing their connections. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_unref (f->client_events);
  g_free (f->url);
  g_free (f->me);
  g_free (f->raj);
}

/* REST helpers: the async API plus a main loop (the server runs in this thread). */

typedef struct
{
  GBytes   *body;
  GError   *error;
  gboolean  done;
} Reply;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Reply *reply = user_data;

  reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &reply->error);
  reply->done = TRUE;
}

/* Returns the parsed reply (NULL for an empty body) and its status. */
static JsonNode *
request (Fixture    *f,
         const char *method,
         const char *path,
         const char *token,
         const char *body,
         guint      *out_status)
{
  g_autofree char *uri = g_strconcat (f->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  JsonNode *node = NULL;
  Reply reply = { 0 };
  gsize length = 0;
  const char *data;

  g_assert_nonnull (msg);

  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &reply);
  g_assert_true (hearth_test_wait_for_flag (&reply.done, WAIT_MS));
  g_assert_no_error (reply.error);

  *out_status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, "application/json");

  data = g_bytes_get_data (reply.body, &length);
  if (length > 0)
    {
      node = hearth_json_parse (data, length, &error);
      g_assert_no_error (error);
    }
  g_bytes_unref (reply.body);

  return node;
}

static JsonNode *
get_ok (Fixture    *f,
        const char *path)
{
  guint status = 0;
  JsonNode *node = request (f, "GET", path, f->token, NULL, &status);

  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (node);

  return node;
}

/* Asserts an error reply {"event": @event, "message": non-empty}. */
static void
assert_error (JsonNode   *node,
              guint       status,
              guint       expected_status,
              const char *event)
{
  JsonObject *object;

  g_assert_cmpuint (status, ==, expected_status);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  g_assert_cmpstr (hearth_json_object_get_string (object, "event"), ==, event);
  g_assert_nonnull (hearth_json_object_get_string (object, "message"));
  g_assert_cmpstr (hearth_json_object_get_string (object, "message"), !=, "");
}

static void
request_error (Fixture    *f,
               const char *method,
               const char *path,
               const char *token,
               const char *body,
               guint       expected_status,
               const char *event)
{
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = request (f, method, path, token, body, &status);
  assert_error (node, status, expected_status, event);
}

static void
assert_user (JsonNode   *node,
             const char *id)
{
  JsonObject *object;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  if (id != NULL)
    g_assert_cmpstr (hearth_json_object_get_string (object, "_id"), ==, id);
  g_assert_nonnull (hearth_json_object_get_string (object, "name"));
  g_assert_nonnull (hearth_json_object_get_string (object, "username"));
  g_assert_false (json_object_has_member (object, "password"));
}

static const char *
member_string (JsonNode   *node,
               const char *member)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return hearth_json_object_get_string (json_node_get_object (node), member);
}

static gint64
member_int (JsonNode   *node,
            const char *member)
{
  double value = -1;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_true (hearth_json_object_get_number (json_node_get_object (node), member, &value));

  return (gint64)value;
}

/* REST cases. */

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  guint status = 0;

  node = request (f, "POST", "/auth/login", NULL,
                  "{\"username\":\"alex\",\"password\":\"hearth-alex\"}", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  object = json_node_get_object (node);
  g_assert_cmpstr (hearth_json_object_get_string (object, "token"), ==, f->token);
  assert_user (json_object_get_member (object, "user"), f->me);

  request_error (f, "POST", "/auth/login", NULL,
                 "{\"username\":\"alex\",\"password\":\"nope\"}",
                 SOUP_STATUS_UNAUTHORIZED, "authorization-failed");
  request_error (f, "POST", "/auth/login", NULL,
                 "{\"username\":\"nobody\",\"password\":\"hearth-alex\"}",
                 SOUP_STATUS_UNAUTHORIZED, "authorization-failed");
  request_error (f, "POST", "/auth/login", NULL, "{\"username\":\"alex\"}",
                 SOUP_STATUS_BAD_REQUEST, "validation-failed");
  request_error (f, "POST", "/auth/login", NULL, "{\"username\":\"alex\",\"password\":7}",
                 SOUP_STATUS_BAD_REQUEST, "validation-failed");
}

static void
test_me (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(JsonNode) me = get_ok (f, "/me");
  g_autoptr(JsonNode) raj = NULL;
  guint status = 0;

  assert_user (me, f->me);
  g_assert_cmpstr (member_string (me, "username"), ==, "alex");

  raj = request (f, "GET", "/me", hearth_server_get_token (f->server, f->raj), NULL, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  assert_user (raj, f->raj);
}

static void
assert_chat_shape (Fixture  *f,
                   JsonNode *node)
{
  JsonObject *chat = json_node_get_object (node);
  JsonArray *participants = hearth_json_object_get_array (chat, "participants");
  JsonObject *last_read = hearth_json_object_get_object (chat, "lastReadAt");
  JsonObject *last_message = hearth_json_object_get_object (chat, "lastMessage");
  gboolean has_me = FALSE;
  double unread = -1;

  g_assert_nonnull (hearth_json_object_get_string (chat, "_id"));
  g_assert_nonnull (participants);
  g_assert_cmpuint (json_array_get_length (participants), >=, 2);
  for (guint i = 0; i < json_array_get_length (participants); i++)
    {
      JsonNode *user = json_array_get_element (participants, i);

      assert_user (user, NULL);
      has_me |= g_strcmp0 (member_string (user, "_id"), f->me) == 0;
    }
  g_assert_true (has_me);
  g_assert_true (hearth_json_object_get_number (chat, "unread", &unread));
  g_assert_cmpfloat (unread, >=, 0);
  g_assert_nonnull (last_read);
  g_assert_nonnull (hearth_json_object_get_string (last_read, f->me));
  g_assert_nonnull (last_message);
  g_assert_cmpstr (hearth_json_object_get_string (last_message, "chat"), ==,
                   hearth_json_object_get_string (chat, "_id"));
}

static void
test_chats (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) node = get_ok (f, "/chats");
  g_autofree char *previous = NULL;
  JsonArray *chats;
  gboolean saw_unnamed_group = FALSE;

  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  chats = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (chats), ==, 5);

  for (guint i = 0; i < json_array_get_length (chats); i++)
    {
      JsonNode *chat = json_array_get_element (chats, i);
      JsonObject *object = json_node_get_object (chat);
      const char *id = member_string (chat, "_id");
      JsonArray *participants;
      const char *at;

      assert_chat_shape (f, chat);
      g_assert_cmpstr (id, !=, CHAT_RAJ_TOM);

      /* Most recent activity first. */
      at = member_string (json_object_get_member (object, "lastMessage"), "at");
      if (previous != NULL)
        g_assert_cmpstr (at, <=, previous);
      g_free (previous);
      previous = g_strdup (at);

      if (g_strcmp0 (id, CHAT_RAJ) == 0)
        {
          g_assert_cmpint (member_int (chat, "unread"), ==, 2);
          g_assert_false (json_object_has_member (object, "name"));
        }
      else if (g_strcmp0 (id, CHAT_HIKE) == 0)
        {
          g_assert_cmpstr (member_string (chat, "name"), ==, "Weekend hike");
          g_assert_cmpint (member_int (chat, "unread"), ==, 3);
          assert_user (json_object_get_member (object, "admin"), NULL);
        }
      else if (g_strcmp0 (id, CHAT_TRIO) == 0)
        {
          saw_unnamed_group = TRUE;
          g_assert_false (json_object_has_member (object, "name"));
          participants = hearth_json_object_get_array (object, "participants");
          g_assert_cmpuint (json_array_get_length (participants), ==, 3);
        }
    }

  g_assert_true (saw_unnamed_group);
}

static void
test_chat (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) node = get_ok (f, "/chats/" CHAT_HIKE);
  g_autoptr(JsonNode) for_raj = NULL;
  guint status = 0;

  assert_chat_shape (f, node);
  g_assert_cmpstr (member_string (node, "_id"), ==, CHAT_HIKE);
  g_assert_cmpint (member_int (node, "unread"), ==, 3);

  /* unread is per requesting user. */
  for_raj = request (f, "GET", "/chats/" CHAT_HIKE, hearth_server_get_token (f->server, f->raj),
                     NULL, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (member_int (for_raj, "unread"), ==, 0);

  request_error (f, "GET", "/chats/" UNKNOWN_ID, f->token, NULL,
                 SOUP_STATUS_NOT_FOUND, "not-found");
  request_error (f, "GET", "/chats/" CHAT_RAJ_TOM, f->token, NULL,
                 SOUP_STATUS_FORBIDDEN, "permission-denied");
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  request_error (f, "GET", "/nothing/here", f->token, NULL, SOUP_STATUS_NOT_FOUND, "not-found");
  request_error (f, "GET", "/chats/" CHAT_HIKE "/members", f->token, NULL,
                 SOUP_STATUS_NOT_FOUND, "not-found");
  request_error (f, "POST", "/rewards/" UNKNOWN_ID "/consume", f->token, NULL,
                 SOUP_STATUS_NOT_FOUND, "not-found");
  request_error (f, "GET", "/chats/" UNKNOWN_ID "/messages", f->token, NULL,
                 SOUP_STATUS_NOT_FOUND, "not-found");
  request_error (f, "DELETE", "/chats", f->token, NULL,
                 SOUP_STATUS_METHOD_NOT_ALLOWED, "not-found");
}

/* The ids of a page of messages, oldest first (checked). */
static GPtrArray *
get_page (Fixture    *f,
          const char *query)
{
  g_autofree char *path = g_strdup_printf ("/chats/" CHAT_HIKE "/messages%s", query);
  g_autoptr(JsonNode) node = get_ok (f, path);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = json_node_get_array (node);
  const char *previous_at = NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *message = json_array_get_element (array, i);
      JsonObject *object = json_node_get_object (message);
      const char *at = member_string (message, "at");

      g_assert_cmpstr (member_string (message, "chat"), ==, CHAT_HIKE);
      g_assert_nonnull (member_string (message, "content"));
      assert_user (json_object_get_member (object, "user"), NULL);
      if (previous_at != NULL)
        g_assert_cmpstr (previous_at, <=, at);
      previous_at = at;
      g_ptr_array_add (ids, g_strdup (member_string (message, "_id")));
    }

  return ids;
}

static void
test_messages_paging (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) all = get_page (f, "");
  g_autoptr(GPtrArray) last3 = get_page (f, "?limit=3");
  g_autoptr(GPtrArray) clamped = get_page (f, "?limit=100000");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) between = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *query = NULL;

  g_assert_cmpuint (all->len, ==, 7);
  g_assert_cmpuint (clamped->len, ==, 7);

  g_assert_cmpuint (last3->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (g_ptr_array_index (last3, i), ==, g_ptr_array_index (all, 4 + i));

  /* before: the newest page older than the message. */
  query = g_strdup_printf ("?before=%s&limit=2", (char *)g_ptr_array_index (all, 4));
  before = get_page (f, query);
  g_assert_cmpuint (before->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (before, 0), ==, g_ptr_array_index (all, 2));
  g_assert_cmpstr (g_ptr_array_index (before, 1), ==, g_ptr_array_index (all, 3));

  /* after: the oldest page newer than the message. */
  g_free (query);
  query = g_strdup_printf ("?after=%s&limit=2", (char *)g_ptr_array_index (all, 1));
  after = get_page (f, query);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (after, 0), ==, g_ptr_array_index (all, 2));
  g_assert_cmpstr (g_ptr_array_index (after, 1), ==, g_ptr_array_index (all, 3));

  g_free (query);
  query = g_strdup_printf ("?after=%s&before=%s", (char *)g_ptr_array_index (all, 1),
                           (char *)g_ptr_array_index (all, 5));
  between = get_page (f, query);
  g_assert_cmpuint (between->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (between, 0), ==, g_ptr_array_index (all, 2));
  g_assert_cmpstr (g_ptr_array_index (between, 2), ==, g_ptr_array_index (all, 4));

  g_free (query);
  query = g_strdup_printf ("?after=%s", (char *)g_ptr_array_index (all, 6));
  none = get_page (f, query);
  g_assert_cmpuint (none->len, ==, 0);

  request_error (f, "GET", "/chats/" CHAT_HIKE "/messages?limit=0", f->token, NULL,
                 SOUP_STATUS_BAD_REQUEST, "validation-failed");
  request_error (f, "GET", "/chats/" CHAT_HIKE "/messages?limit=ten", f->token, NULL,
                 SOUP_STATUS_BAD_REQUEST, "validation-failed");
  request_error (f, "GET", "/chats/" CHAT_HIKE "/messages?before=" UNKNOWN_ID, f->token, NULL,
                 SOUP_STATUS_NOT_FOUND, "not-found");
  request_error (f, "GET", "/chats/" CHAT_RAJ_TOM "/messages", f->token, NULL,
                 SOUP_STATUS_FORBIDDEN, "permission-denied");
}

static void
test_post_message (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) other_user = NULL;
  g_autoptr(JsonNode) chat = NULL;
  g_autoptr(GPtrArray) before = get_page (f, "");
  g_autoptr(GPtrArray) after = NULL;
  const char *body = "{\"content\":\"See you at 8!\",\"clientId\":\"c-1\"}";
  JsonNode *last;
  guint status = 0;

  first = request (f, "POST", "/chats/" CHAT_HIKE "/messages", f->token, body, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_CREATED);
  g_assert_cmpstr (member_string (first, "content"), ==, "See you at 8!");
  g_assert_cmpstr (member_string (first, "chat"), ==, CHAT_HIKE);
  g_assert_cmpstr (member_string (first, "clientId"), ==, "c-1");
  g_assert_cmpuint (strlen (member_string (first, "_id")), ==, 24);
  assert_user (json_object_get_member (json_node_get_object (first), "user"), f->me);

  /* A retry with the same clientId: the same message, never a second one. */
  again = request (f, "POST", "/chats/" CHAT_HIKE "/messages", f->token, body, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (member_string (again, "_id"), ==, member_string (first, "_id"));

  after = get_page (f, "");
  g_assert_cmpuint (after->len, ==, before->len + 1);
  g_assert_cmpstr (g_ptr_array_index (after, after->len - 1), ==, member_string (first, "_id"));

  /* Idempotency is per user: Raj's c-1 is another message. */
  other_user = request (f, "POST", "/chats/" CHAT_HIKE "/messages",
                        hearth_server_get_token (f->server, f->raj), body, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_CREATED);
  g_assert_cmpstr (member_string (other_user, "_id"), !=, member_string (first, "_id"));

  /* The chat follows: lastMessage is Raj's, and I have 1 unread (I read up to mine). */
  chat = get_ok (f, "/chats/" CHAT_HIKE);
  last = json_object_get_member (json_node_get_object (chat), "lastMessage");
  g_assert_cmpstr (member_string (last, "_id"), ==, member_string (other_user, "_id"));
  g_assert_cmpint (member_int (chat, "unread"), ==, 1);

  request_error (f, "POST", "/chats/" CHAT_HIKE "/messages", f->token,
                 "{\"content\":\"   \",\"clientId\":\"c-2\"}",
                 SOUP_STATUS_BAD_REQUEST, "validation-failed");
  request_error (f, "POST", "/chats/" CHAT_HIKE "/messages", f->token,
                 "{\"content\":42,\"clientId\":\"c-3\"}",
                 SOUP_STATUS_BAD_REQUEST, "validation-failed");
  request_error (f, "POST", "/chats/" CHAT_RAJ_TOM "/messages", f->token, body,
                 SOUP_STATUS_FORBIDDEN, "permission-denied");
}

static JsonObject *
find_by_id (JsonArray  *array,
            const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (hearth_json_object_get_string (object, "_id"), id) == 0)
        return object;
    }

  g_assert_not_reached ();
}

static void
test_rewards (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) list = get_ok (f, "/rewards");
  g_autoptr(JsonNode) consumed = NULL;
  g_autoptr(JsonNode) twice = NULL;
  g_autoptr(JsonNode) for_raj = NULL;
  JsonArray *rewards = json_node_get_array (list);
  JsonObject *coffee = find_by_id (rewards, REWARD_COFFEE);
  gboolean flag = TRUE;
  double remaining = 0;
  guint status = 0;

  g_assert_cmpuint (json_array_get_length (rewards), ==, 3);
  g_assert_nonnull (hearth_json_object_get_string (coffee, "title"));
  g_assert_nonnull (hearth_json_object_get_string (coffee, "description"));
  g_assert_nonnull (hearth_json_object_get_string (coffee, "expiresAt"));
  g_assert_true (hearth_json_object_get_number (coffee, "remaining", &remaining));
  g_assert_cmpfloat (remaining, ==, 12);
  g_assert_true (hearth_json_object_get_bool (coffee, "isExpired", &flag));
  g_assert_false (flag);
  g_assert_true (hearth_json_object_get_bool (coffee, "isConsumedByYou", &flag));
  g_assert_false (flag);

  consumed = request (f, "POST", "/rewards/" REWARD_COFFEE "/consume", f->token, NULL, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (member_int (consumed, "remaining"), ==, 11);
  g_assert_true (hearth_json_object_get_bool (json_node_get_object (consumed), "isConsumedByYou",
                                              &flag));
  g_assert_true (flag);

  /* Consuming again changes nothing. */
  twice = request (f, "POST", "/rewards/" REWARD_COFFEE "/consume", f->token, NULL, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (member_int (twice, "remaining"), ==, 11);

  /* Others see the new count, not consumed by them. */
  for_raj = request (f, "GET", "/rewards", hearth_server_get_token (f->server, f->raj), NULL,
                     &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  coffee = find_by_id (json_node_get_array (for_raj), REWARD_COFFEE);
  g_assert_true (hearth_json_object_get_bool (coffee, "isConsumedByYou", &flag));
  g_assert_false (flag);
  g_assert_true (hearth_json_object_get_number (coffee, "remaining", &remaining));
  g_assert_cmpfloat (remaining, ==, 11);

  request_error (f, "POST", "/rewards/" REWARD_MUSEUM "/consume",
                 hearth_server_get_token (f->server, f->raj), NULL,
                 SOUP_STATUS_FORBIDDEN, "permission-denied");
}

static void
test_score (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) score = get_ok (f, "/score");
  g_autoptr(JsonNode) same = NULL;
  g_autofree char *path = NULL;
  g_autofree char *day = NULL;
  JsonObject *object = json_node_get_object (score);
  JsonObject *social = hearth_json_object_get_object (object, "social");
  JsonObject *mindfulness = hearth_json_object_get_object (object, "mindfulness");
  double number = -1;

  g_assert_nonnull (member_string (score, "date"));
  g_assert_true (hearth_json_object_get_number (object, "totalScore", &number));
  g_assert_true (hearth_json_object_get_number (object, "reelsSeen", &number));
  g_assert_nonnull (social);
  g_assert_nonnull (mindfulness);
  g_assert_cmpuint (json_array_get_length (hearth_json_object_get_array (social, "actions")), >, 0);
  g_assert_cmpuint (json_array_get_length (hearth_json_object_get_array (mindfulness, "actions")),
                    >, 0);

  day = g_strndup (member_string (score, "date"), 10);
  path = g_strdup_printf ("/score?date=%s", day);
  same = get_ok (f, path);
  g_assert_true (json_node_equal (same, score));

  request_error (f, "GET", "/score?date=2000-01-01", f->token, NULL,
                 SOUP_STATUS_NOT_FOUND, "not-found");
  request_error (f, "GET", "/score?date=yesterday", f->token, NULL,
                 SOUP_STATUS_BAD_REQUEST, "validation-failed");
  request_error (f, "GET", "/score?date=2026-02-30", f->token, NULL,
                 SOUP_STATUS_BAD_REQUEST, "validation-failed");
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) score = get_ok (f, "/score");
  g_autoptr(JsonNode) week = get_ok (f, "/score/history?days=7");
  g_autoptr(JsonNode) month = get_ok (f, "/score/history");
  JsonArray *array = json_node_get_array (week);
  JsonObject *last;
  double score_total = -2;
  double total = -1;

  g_assert_cmpuint (json_array_get_length (array), ==, 7);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (month)), ==, 30);

  /* Newest last: today's entry is the score's. */
  for (guint i = 1; i < 7; i++)
    g_assert_cmpstr (member_string (json_array_get_element (array, i - 1), "date"),
                     <, member_string (json_array_get_element (array, i), "date"));
  last = json_array_get_object_element (array, 6);
  g_assert_cmpstr (hearth_json_object_get_string (last, "date"), ==, member_string (score, "date"));
  g_assert_true (hearth_json_object_get_number (last, "totalScore", &total));
  g_assert_true (hearth_json_object_get_number (json_node_get_object (score), "totalScore",
                                                &score_total));
  g_assert_cmpfloat (total, ==, score_total);

  request_error (f, "GET", "/score/history?days=0", f->token, NULL,
                 SOUP_STATUS_BAD_REQUEST, "validation-failed");
  request_error (f, "GET", "/score/history?days=-3", f->token, NULL,
                 SOUP_STATUS_BAD_REQUEST, "validation-failed");
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  const char *paths[] = { "/me", "/chats", "/chats/" CHAT_HIKE "/messages", "/rewards", "/score" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      request_error (f, "GET", paths[i], NULL, NULL,
                     SOUP_STATUS_UNAUTHORIZED, "authorization-failed");
      request_error (f, "GET", paths[i], "not-a-token", NULL,
                     SOUP_STATUS_UNAUTHORIZED, "authorization-failed");
    }

  request_error (f, "POST", "/chats/" CHAT_HIKE "/messages", NULL,
                 "{\"content\":\"hi\",\"clientId\":\"x\"}",
                 SOUP_STATUS_UNAUTHORIZED, "authorization-failed");
}

static void
test_malformed_json (Fixture       *f,
                     gconstpointer  data)
{
  const char *bodies[] = { "{oops", "", "[1,2]", "\"text\"", "{\"content\":\"hi\"" };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      request_error (f, "POST", "/auth/login", NULL, bodies[i],
                     SOUP_STATUS_BAD_REQUEST, "validation-failed");
      request_error (f, "POST", "/chats/" CHAT_HIKE "/messages", f->token, bodies[i],
                     SOUP_STATUS_BAD_REQUEST, "validation-failed");
    }
}

static void
test_seed (void)
{
  g_autoptr(HearthServer) server = hearth_server_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) usernames = NULL;
  const char *broken[] = {
    "not json",
    "[]",
    "{\"users\":[]}",
    "{\"users\":[{\"_id\":\"u1\",\"name\":\"A\",\"username\":\"a\"}]}",
    "{\"users\":[{\"_id\":\"u1\",\"name\":\"A\",\"username\":\"a\",\"password\":\"p\"}],"
    " \"chats\":[{\"_id\":\"c1\",\"participants\":[\"u1\",\"u2\"]}]}",
    "{\"users\":[{\"_id\":\"u1\",\"name\":\"A\",\"username\":\"a\",\"password\":\"p\"},"
    "            {\"_id\":\"u2\",\"name\":\"B\",\"username\":\"b\",\"password\":\"p\"}],"
    " \"chats\":[{\"_id\":\"c1\",\"participants\":[\"u1\",\"u2\"]}],"
    " \"messages\":[{\"_id\":\"m1\",\"chat\":\"c1\",\"user\":\"u1\",\"content\":\"x\","
    "                \"at\":\"yesterday\"}]}",
    "{\"users\":[{\"_id\":\"u1\",\"name\":\"A\",\"username\":\"a\",\"password\":\"p\"}],"
    " \"me\":\"u9\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_assert_false (hearth_server_load_seed_data (server, broken[i], -1, &error));
      g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_SEED);
      g_clear_error (&error);
    }

  /* The embedded default is the test fixture. */
  g_assert_true (hearth_server_load_default_seed (server, &error));
  g_assert_no_error (error);
  usernames = hearth_server_dup_usernames (server);
  g_assert_cmpuint (g_strv_length (usernames), >=, 4);
  g_assert_cmpstr (usernames[0], ==, "alex");
  g_assert_cmpstr (hearth_server_find_user (server, "alex"), ==,
                   hearth_server_get_default_user (server));
  g_assert_nonnull (hearth_server_get_token (server, hearth_server_get_default_user (server)));
  g_assert_null (hearth_server_find_user (server, "nobody"));
}

/* WebSocket smoke tests with a raw SoupWebsocketConnection. */

typedef struct
{
  SoupWebsocketConnection *conn;
  GPtrArray               *frames;   /* char * */
  guint                    n_frames;
  gboolean                 closed;
} WsClient;

typedef struct
{
  SoupWebsocketConnection *conn;
  GError                  *error;
  gboolean                 done;
} WsConnect;

static void
on_ws_message (SoupWebsocketConnection *conn,
               int                      type,
               GBytes                  *message,
               WsClient                *ws)
{
  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_ptr_array_add (ws->frames,
                   g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message)));
  ws->n_frames++;
}

static void
on_ws_closed (SoupWebsocketConnection *conn,
              WsClient                *ws)
{
  ws->closed = TRUE;
}

static void
on_ws_connected (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  WsConnect *connect = user_data;

  connect->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result,
                                                         &connect->error);
  connect->done = TRUE;
}

static void
ws_client_free (WsClient *ws)
{
  g_signal_handlers_disconnect_by_data (ws->conn, ws);
  if (soup_websocket_connection_get_state (ws->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (ws->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_object_unref (ws->conn);
  g_ptr_array_unref (ws->frames);
  g_free (ws);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WsClient, ws_client_free)

/* Connects to @path; returns NULL and the HTTP status when the handshake is refused. */
static WsClient *
ws_connect (Fixture    *f,
            const char *path,
            const char *token,
            guint      *out_status)
{
  g_autofree char *uri = g_strconcat (f->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  WsConnect connect = { 0 };
  WsClient *ws;

  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }

  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        on_ws_connected, &connect);
  g_assert_true (hearth_test_wait_for_flag (&connect.done, WAIT_MS));

  if (out_status != NULL)
    *out_status = soup_message_get_status (msg);

  if (connect.conn == NULL)
    {
      g_assert_error (connect.error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_ERROR_NOT_WEBSOCKET);
      g_clear_error (&connect.error);
      return NULL;
    }

  ws = g_new0 (WsClient, 1);
  ws->conn = connect.conn;
  ws->frames = g_ptr_array_new_with_free_func (g_free);
  soup_websocket_connection_set_max_incoming_payload_size (ws->conn, 16 * 1024 * 1024);
  g_signal_connect (ws->conn, "message", G_CALLBACK (on_ws_message), ws);
  g_signal_connect (ws->conn, "closed", G_CALLBACK (on_ws_closed), ws);

  return ws;
}

/* Waits for frame number @index (0-based) and returns it. */
static const char *
ws_frame (WsClient *ws,
          guint     index)
{
  g_assert_true (hearth_test_wait_for_count (&ws->n_frames, index + 1, WAIT_MS));

  return g_ptr_array_index (ws->frames, index);
}

static HearthFrame *
decode (HearthFraming     framing,
        const char       *text,
        HearthCodecFlags  flags)
{
  g_autoptr(GError) error = NULL;
  HearthFrame *frame = hearth_codec_decode (framing, text, -1, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (frame);

  return frame;
}

#define SOCKET_IO_PATH "/socket.io/?EIO=4&transport=websocket"

static void
test_unverified (Fixture       *f,
                 gconstpointer  data)
{
  const char *sam = hearth_server_find_user (f->server, "sam");
  g_autoptr(JsonNode) me = NULL;
  g_autoptr(WsClient) ws = NULL;
  g_autoptr(HearthFrame) frame = NULL;
  guint status = 0;

  g_assert_nonnull (sam);
  me = request (f, "GET", "/me", hearth_server_get_token (f->server, sam), NULL, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  assert_user (me, sam);

  request_error (f, "GET", "/chats", hearth_server_get_token (f->server, sam), NULL,
                 SOUP_STATUS_FORBIDDEN, "verification-required");

  /* The socket connects, and says so at once. */
  ws = ws_connect (f, "/ws", hearth_server_get_token (f->server, sam), NULL);
  g_assert_nonnull (ws);
  frame = decode (HEARTH_FRAMING_ENVELOPE, ws_frame (ws, 0), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, "verification-required");
  g_assert_nonnull (member_string (hearth_frame_get_data (frame), "message"));
}

static void
test_socket_io (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(WsClient) ws = NULL;
  g_autoptr(WsClient) rejected = NULL;
  g_autoptr(HearthFrame) open = NULL;
  g_autoptr(HearthFrame) connected = NULL;
  g_autoptr(HearthFrame) event = NULL;
  g_autoptr(HearthFrame) error_frame = NULL;
  g_autofree char *connect = NULL;
  g_autofree char *bad_connect = NULL;
  gboolean acked = FALSE;
  guint status = 0;

  hearth_server_set_ping (f->server, 100, 5000);

  /* No header: the token comes in the CONNECT payload. */
  ws = ws_connect (f, SOCKET_IO_PATH, NULL, NULL);
  g_assert_nonnull (ws);
  open = decode (HEARTH_FRAMING_SOCKET_IO, ws_frame (ws, 0), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpint (hearth_frame_get_frame_type (open), ==, HEARTH_FRAME_OPEN);
  g_assert_nonnull (hearth_frame_get_sid (open));
  g_assert_cmpuint (hearth_frame_get_ping_interval (open), ==, 100);
  g_assert_cmpuint (hearth_frame_get_ping_timeout (open), ==, 5000);
  g_assert_cmpuint (hearth_frame_get_max_payload (open), ==, 16 * 1024 * 1024);
  g_assert_cmpuint (hearth_server_count_connections (f->server, f->me), ==, 0);

  connect = g_strdup_printf ("40{\"token\":\"%s\"}", f->token);
  soup_websocket_connection_send_text (ws->conn, connect);
  connected = decode (HEARTH_FRAMING_SOCKET_IO, ws_frame (ws, 1), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpint (hearth_frame_get_frame_type (connected), ==, HEARTH_FRAME_CONNECT);
  g_assert_nonnull (hearth_frame_get_sid (connected));
  g_assert_nonnull (hearth_frame_get_pid (connected));
  g_assert_cmpuint (f->connected, ==, 1);
  g_assert_cmpuint (hearth_server_count_connections (f->server, f->me), ==, 1);
  g_assert_cmpuint (hearth_server_count_connections (f->server, f->raj), ==, 0);

  /* A pushed event carries a recovery offset. */
  g_assert_cmpuint (hearth_server_push_event (f->server, f->me, "chat-created",
                                              "{\"chat\":\"" CHAT_HIKE "\"}"), ==, 1);
  event = decode (HEARTH_FRAMING_SOCKET_IO, ws_frame (ws, 2), HEARTH_CODEC_FLAGS_RECOVERY);
  g_assert_cmpint (hearth_frame_get_frame_type (event), ==, HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (event), ==, "chat-created");
  g_assert_nonnull (hearth_frame_get_offset (event));
  g_assert_cmpstr (member_string (hearth_frame_get_data (event), "chat"), ==, CHAT_HIKE);

  /* A client event with an ack id: acted on, acknowledged, and invalid ones ignored. */
  soup_websocket_connection_send_text (ws->conn, "42[\"typing-started\"]");
  soup_websocket_connection_send_text (ws->conn, "garbage");
  soup_websocket_connection_send_text (ws->conn,
                                       "427[\"typing-started\",{\"chat\":\"" CHAT_HIKE "\"}]");
  g_assert_true (hearth_test_wait_for_count (&f->client_events->len, 1, WAIT_MS));
  g_assert_cmpint (hearth_event_get_kind (g_ptr_array_index (f->client_events, 0)), ==,
                   HEARTH_EVENT_TYPING_STARTED);

  /* The ack, and the heartbeat: the server pings, the pong is reported. */
  for (guint i = 3; !acked || f->pongs == 0; i++)
    {
      const char *text = ws_frame (ws, i);

      if (strcmp (text, "2") == 0)
        {
          soup_websocket_connection_send_text (ws->conn, "3");
          g_assert_true (hearth_test_wait_for_count (&f->pongs, 1, WAIT_MS));
        }
      else
        {
          g_assert_cmpstr (text, ==, "437[]");
          acked = TRUE;
        }
    }
  g_assert_cmpuint (f->pongs, >=, 1);
  g_assert_false (ws->closed);

  /* A wrong token in the CONNECT payload: 44, the connection stays up. */
  rejected = ws_connect (f, SOCKET_IO_PATH, NULL, NULL);
  g_assert_nonnull (rejected);
  ws_frame (rejected, 0);
  bad_connect = g_strdup ("40{\"token\":\"wrong\"}");
  soup_websocket_connection_send_text (rejected->conn, bad_connect);
  error_frame = decode (HEARTH_FRAMING_SOCKET_IO, ws_frame (rejected, 1), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpint (hearth_frame_get_frame_type (error_frame), ==, HEARTH_FRAME_CONNECT_ERROR);
  g_assert_nonnull (hearth_frame_get_error_message (error_frame));
  g_assert_false (rejected->closed);
  g_assert_cmpuint (f->connected, ==, 1);

  /* A wrong token in the header: the upgrade is refused with 401. */
  g_assert_null (ws_connect (f, SOCKET_IO_PATH, "wrong", &status));
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);
  /* Not Engine.IO v4 over WebSocket: 400. */
  g_assert_null (ws_connect (f, "/socket.io/?EIO=3&transport=websocket", f->token, &status));
  g_assert_cmpuint (status, ==, SOUP_STATUS_BAD_REQUEST);

  /* Leaving the namespace ends the session. */
  soup_websocket_connection_send_text (ws->conn, "41");
  g_assert_true (hearth_test_wait_for_count (&f->disconnected, 1, WAIT_MS));
  g_assert_cmpuint (hearth_server_count_connections (f->server, NULL), ==, 0);
}

static void
test_socket_io_recovery (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(WsClient) first = NULL;
  g_autoptr(WsClient) second = NULL;
  g_autoptr(HearthFrame) connected = NULL;
  g_autoptr(HearthFrame) event = NULL;
  g_autoptr(HearthFrame) missed = NULL;
  g_autoptr(HearthFrame) recovered = NULL;
  g_autofree char *pid = NULL;
  g_autofree char *sid = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *reconnect = NULL;
  guint pushed;

  /* Header auth this time; CONNECT without payload. */
  first = ws_connect (f, SOCKET_IO_PATH, f->token, NULL);
  g_assert_nonnull (first);
  ws_frame (first, 0);
  soup_websocket_connection_send_text (first->conn, "40");
  connected = decode (HEARTH_FRAMING_SOCKET_IO, ws_frame (first, 1), HEARTH_CODEC_FLAGS_NONE);
  pid = g_strdup (hearth_frame_get_pid (connected));
  sid = g_strdup (hearth_frame_get_sid (connected));

  hearth_server_push_event (f->server, f->me, "chat-created", "{\"chat\":\"" CHAT_HIKE "\"}");
  event = decode (HEARTH_FRAMING_SOCKET_IO, ws_frame (first, 2), HEARTH_CODEC_FLAGS_RECOVERY);
  offset = g_strdup (hearth_frame_get_offset (event));
  g_assert_nonnull (offset);

  /* Dropped abruptly: the client sees no close frame. */
  g_assert_cmpuint (hearth_server_drop_connections (f->server, f->me), ==, 1);
  g_assert_cmpuint (f->disconnected, ==, 1);
  g_assert_cmpuint (hearth_server_count_connections (f->server, f->me), ==, 0);
  g_assert_true (hearth_test_wait_for_flag (&first->closed, WAIT_MS));
  g_assert_cmpuint (soup_websocket_connection_get_close_code (first->conn), ==, 0);

  /* Missed while away: no live connection, but kept for the session. */
  pushed = hearth_server_push_event (f->server, f->me, "chat-deleted",
                                     "{\"chat\":\"" CHAT_TRIO "\",\"user\":\"x\"}");
  g_assert_cmpuint (pushed, ==, 0);

  second = ws_connect (f, SOCKET_IO_PATH, NULL, NULL);
  g_assert_nonnull (second);
  ws_frame (second, 0);
  reconnect = g_strdup_printf ("40{\"token\":\"%s\",\"pid\":\"%s\",\"offset\":\"%s\"}",
                               f->token, pid, offset);
  soup_websocket_connection_send_text (second->conn, reconnect);

  /* The missed event comes first, then the CONNECT reply with the same sid/pid. */
  missed = decode (HEARTH_FRAMING_SOCKET_IO, ws_frame (second, 1), HEARTH_CODEC_FLAGS_RECOVERY);
  g_assert_cmpint (hearth_frame_get_frame_type (missed), ==, HEARTH_FRAME_EVENT);
  g_assert_cmpstr (hearth_frame_get_event_name (missed), ==, "chat-deleted");
  recovered = decode (HEARTH_FRAMING_SOCKET_IO, ws_frame (second, 2), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpint (hearth_frame_get_frame_type (recovered), ==, HEARTH_FRAME_CONNECT);
  g_assert_cmpstr (hearth_frame_get_pid (recovered), ==, pid);
  g_assert_cmpstr (hearth_frame_get_sid (recovered), ==, sid);
  g_assert_cmpuint (hearth_server_count_connections (f->server, f->me), ==, 1);
}

/* Connects a Socket.IO client and completes the CONNECT; frames 0 and 1 are consumed. */
static WsClient *
socket_io_connect (Fixture *f)
{
  WsClient *ws = ws_connect (f, SOCKET_IO_PATH, f->token, NULL);
  g_autoptr(HearthFrame) connected = NULL;

  g_assert_nonnull (ws);
  ws_frame (ws, 0);
  soup_websocket_connection_send_text (ws->conn, "40");
  connected = decode (HEARTH_FRAMING_SOCKET_IO, ws_frame (ws, 1), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpint (hearth_frame_get_frame_type (connected), ==, HEARTH_FRAME_CONNECT);

  return ws;
}

static void
test_socket_io_ping_timeout (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(WsClient) ws = NULL;

  hearth_server_set_ping (f->server, 20, 20);
  ws = socket_io_connect (f);

  /* Never answer the ping: the server closes the connection. */
  g_assert_cmpstr (ws_frame (ws, 2), ==, "2");
  g_assert_true (hearth_test_wait_for_flag (&ws->closed, WAIT_MS));
  g_assert_cmpuint (f->disconnected, ==, 1);
  g_assert_cmpuint (f->pongs, ==, 0);
  g_assert_cmpuint (hearth_server_count_connections (f->server, NULL), ==, 0);
}

static void
test_stalled (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(WsClient) ws = NULL;
  g_autoptr(WsClient) late = NULL;
  guint frames;

  /* The pong timeout outlasts the set-up; stalling cancels it anyway. */
  hearth_server_set_ping (f->server, 50, 1000);
  ws = socket_io_connect (f);

  hearth_server_set_stalled (f->server, TRUE);
  frames = ws->n_frames;
  g_assert_cmpuint (hearth_server_push_event (f->server, f->me, "chat-created",
                                              "{\"chat\":\"" CHAT_HIKE "\"}"), ==, 0);
  late = ws_connect (f, SOCKET_IO_PATH, f->token, NULL);
  g_assert_nonnull (late);

  /* Many ping periods: nothing is sent, nothing times out, input is ignored. */
  soup_websocket_connection_send_text (ws->conn,
                                       "42[\"typing-started\",{\"chat\":\"" CHAT_HIKE "\"}]");
  hearth_test_spin (200);
  g_assert_cmpuint (ws->n_frames, ==, frames);
  g_assert_cmpuint (late->n_frames, ==, 0);
  g_assert_false (ws->closed);
  g_assert_cmpuint (f->client_events->len, ==, 0);
  g_assert_cmpuint (hearth_server_count_connections (f->server, f->me), ==, 1);

  /* Back to life: pings resume, and the late connection gets its open packet. */
  hearth_server_set_stalled (f->server, FALSE);
  g_assert_cmpstr (ws_frame (ws, frames), ==, "2");
  g_assert_cmpint (ws_frame (late, 0)[0], ==, '0');
}

static void
test_envelope (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(WsClient) me = NULL;
  g_autoptr(WsClient) raj = NULL;
  g_autoptr(HearthFrame) pushed = NULL;
  g_autoptr(HearthFrame) typing = NULL;
  g_autoptr(HearthFrame) received = NULL;
  g_autoptr(HearthFrame) sent = NULL;
  g_autoptr(HearthFrame) read = NULL;
  g_autoptr(JsonNode) posted = NULL;
  g_autoptr(JsonNode) chat = NULL;
  JsonNode *message;
  guint status = 0;

  me = ws_connect (f, "/ws", f->token, NULL);
  raj = ws_connect (f, "/ws", hearth_server_get_token (f->server, f->raj), NULL);
  g_assert_nonnull (me);
  g_assert_nonnull (raj);
  g_assert_cmpuint (f->connected, ==, 2);
  g_assert_cmpuint (hearth_server_count_connections (f->server, NULL), ==, 2);

  g_assert_cmpuint (hearth_server_push_event (f->server, f->me, "score-updated",
                                              "{\"date\":\"2026-01-01T00:00:00.000Z\","
                                              "\"totalScore\":2}"), ==, 1);
  pushed = decode (HEARTH_FRAMING_ENVELOPE, ws_frame (me, 0), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpstr (hearth_frame_get_event_name (pushed), ==, "score-updated");
  g_assert_cmpint (member_int (hearth_frame_get_data (pushed), "totalScore"), ==, 2);

  /* typing-started goes to the other participants, with my user object. */
  soup_websocket_connection_send_text (me->conn, "{\"event\":\"oops\"");
  soup_websocket_connection_send_text (me->conn, "{\"event\":\"typing-started\","
                                                 "\"data\":{\"chat\":\"" CHAT_RAJ "\"}}");
  typing = decode (HEARTH_FRAMING_ENVELOPE, ws_frame (raj, 0), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpstr (hearth_frame_get_event_name (typing), ==, "typing-started");
  g_assert_cmpstr (member_string (hearth_frame_get_data (typing), "chat"), ==, CHAT_RAJ);
  assert_user (json_object_get_member (json_node_get_object (hearth_frame_get_data (typing)),
                                       "user"), f->me);
  g_assert_cmpuint (f->client_events->len, ==, 1);

  /* A POST: messages-received to Raj, messages-sent to me. */
  posted = request (f, "POST", "/chats/" CHAT_RAJ "/messages", f->token,
                    "{\"content\":\"On my way\",\"clientId\":\"env-1\"}", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_CREATED);
  received = decode (HEARTH_FRAMING_ENVELOPE, ws_frame (raj, 1), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpstr (hearth_frame_get_event_name (received), ==, "messages-received");
  message = json_object_get_member (json_node_get_object (hearth_frame_get_data (received)),
                                    "message");
  g_assert_cmpstr (member_string (message, "_id"), ==, member_string (posted, "_id"));
  sent = decode (HEARTH_FRAMING_ENVELOPE, ws_frame (me, 1), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpstr (hearth_frame_get_event_name (sent), ==, "messages-sent");

  /* messages-read: Raj is told, and my unread count drops to 0. */
  soup_websocket_connection_send_text (me->conn, "{\"event\":\"messages-read\","
                                                 "\"data\":{\"chat\":\"" CHAT_RAJ "\"}}");
  read = decode (HEARTH_FRAMING_ENVELOPE, ws_frame (raj, 2), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpstr (hearth_frame_get_event_name (read), ==, "messages-read");
  g_assert_nonnull (member_string (hearth_frame_get_data (read), "lastReadAt"));
  chat = get_ok (f, "/chats/" CHAT_RAJ);
  g_assert_cmpint (member_int (chat, "unread"), ==, 0);

  /* The upgrade needs a valid bearer token. */
  g_assert_null (ws_connect (f, "/ws", NULL, &status));
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);
  g_assert_null (ws_connect (f, "/ws", "wrong", &status));
  g_assert_cmpuint (status, ==, SOUP_STATUS_UNAUTHORIZED);

  /* Dropping closes without a close frame. */
  g_assert_cmpuint (hearth_server_drop_connections (f->server, NULL), ==, 2);
  g_assert_true (hearth_test_wait_for_flag (&me->closed, WAIT_MS));
  g_assert_cmpuint (f->disconnected, ==, 2);
}

static void
on_message_posted (HearthServer *server,
                   const char   *user_id,
                   const char   *chat_id,
                   const char   *message_id,
                   char        **out)
{
  g_assert_cmpstr (chat_id, ==, CHAT_RAJ);
  g_free (*out);
  *out = g_strdup_printf ("%s/%s", user_id, message_id);
}

static void
test_act_as_user (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(WsClient) me = NULL;
  g_autoptr(HearthFrame) typing = NULL;
  g_autoptr(HearthFrame) received = NULL;
  g_autoptr(JsonNode) chat = NULL;
  g_autoptr(HearthFrame) read_frame = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *posted = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected = NULL;
  JsonNode *message;

  g_signal_connect (f->server, "message-posted", G_CALLBACK (on_message_posted), &posted);
  me = ws_connect (f, "/ws", f->token, NULL);
  g_assert_nonnull (me);

  g_assert_true (hearth_server_set_typing (f->server, f->raj, CHAT_RAJ, TRUE, &error));
  g_assert_no_error (error);
  typing = decode (HEARTH_FRAMING_ENVELOPE, ws_frame (me, 0), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpstr (hearth_frame_get_event_name (typing), ==, "typing-started");

  id = hearth_server_post_message (f->server, f->raj, CHAT_RAJ, "Made it, see you soon", NULL,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  expected = g_strdup_printf ("%s/%s", f->raj, id);
  g_assert_cmpstr (posted, ==, expected);

  received = decode (HEARTH_FRAMING_ENVELOPE, ws_frame (me, 1), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpstr (hearth_frame_get_event_name (received), ==, "messages-received");
  message = json_object_get_member (json_node_get_object (hearth_frame_get_data (received)),
                                    "message");
  g_assert_cmpstr (member_string (message, "_id"), ==, id);
  g_assert_cmpstr (member_string (message, "content"), ==, "Made it, see you soon");

  chat = get_ok (f, "/chats/" CHAT_RAJ);
  g_assert_cmpint (member_int (chat, "unread"), ==, 3);

  /* Raj reads: I am told. */
  g_assert_true (hearth_server_mark_read (f->server, f->raj, CHAT_RAJ, &error));
  g_assert_no_error (error);
  read_frame = decode (HEARTH_FRAMING_ENVELOPE, ws_frame (me, 2), HEARTH_CODEC_FLAGS_NONE);
  g_assert_cmpstr (hearth_frame_get_event_name (read_frame), ==, "messages-read");
  g_assert_cmpstr (member_string (hearth_frame_get_data (read_frame), "chat"), ==, CHAT_RAJ);
  assert_user (json_object_get_member (json_node_get_object (hearth_frame_get_data (read_frame)),
                                       "user"), f->raj);

  g_assert_null (hearth_server_post_message (f->server, f->me, CHAT_RAJ_TOM, "hi", NULL, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hearth_server_mark_read (f->server, f->me, UNKNOWN_ID, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (hearth_server_post_message (f->server, f->raj, CHAT_RAJ, "", NULL, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
}

/* The next frame of @ws must be event @name; it parses as a HearthEvent. */
static HearthFrame *
expect_event (WsClient   *ws,
              guint       index,
              const char *name)
{
  HearthFrame *frame = decode (HEARTH_FRAMING_ENVELOPE, ws_frame (ws, index),
                               HEARTH_CODEC_FLAGS_NONE);
  g_autoptr(HearthEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (hearth_frame_get_event_name (frame), ==, name);
  event = hearth_event_new_from_json (name, hearth_frame_get_data (frame), &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);

  return frame;
}

static JsonObject *
frame_data (HearthFrame *frame)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (hearth_frame_get_data (frame)));

  return json_node_get_object (hearth_frame_get_data (frame));
}

/* Nothing more arrives on @ws than @n frames (after the others had time to). */
static void
assert_frames (WsClient *ws,
               guint     n)
{
  hearth_test_spin (50);
  g_assert_cmpuint (ws->n_frames, ==, n);
}

static void
test_presence (Fixture       *f,
               gconstpointer  data)
{
  const char *tom = hearth_server_find_user (f->server, "tom");
  const char *sam = hearth_server_find_user (f->server, "sam");
  g_autoptr(WsClient) me = ws_connect (f, "/ws", f->token, NULL);
  g_autoptr(WsClient) raj = ws_connect (f, "/ws", hearth_server_get_token (f->server, f->raj),
                                        NULL);
  g_autoptr(WsClient) sam_ws = ws_connect (f, "/ws", hearth_server_get_token (f->server, sam),
                                           NULL);
  g_autoptr(HearthFrame) online = NULL;
  g_autoptr(HearthFrame) for_raj = NULL;
  g_autoptr(HearthFrame) offline = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *chats;

  /* Tom shares the hike and the trio with me, the hike and a direct chat with Raj. */
  g_assert_true (hearth_server_set_online (f->server, tom, TRUE, &error));
  g_assert_no_error (error);
  online = expect_event (me, 0, "user-online");
  g_assert_cmpstr (member_string (json_object_get_member (frame_data (online), "user"), "_id"),
                   ==, tom);
  chats = json_object_get_array_member (frame_data (online), "chats");
  g_assert_cmpuint (json_array_get_length (chats), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (chats, 0), ==, CHAT_HIKE);
  g_assert_cmpstr (json_array_get_string_element (chats, 1), ==, CHAT_TRIO);
  g_assert_cmpstr (hearth_json_object_get_string (frame_data (online), "chat"), ==, CHAT_HIKE);

  for_raj = expect_event (raj, 0, "user-online");
  g_assert_cmpstr (hearth_json_object_get_string (frame_data (for_raj), "chat"), ==,
                   CHAT_RAJ_TOM);

  g_assert_true (hearth_server_set_online (f->server, tom, FALSE, &error));
  offline = expect_event (me, 1, "user-offline");
  g_assert_cmpstr (hearth_json_object_get_string (frame_data (offline), "chat"), ==, CHAT_HIKE);

  /* Sam shares no chat with anyone: nobody is told, and he hears of nobody (he only got
   * verification-required on connecting). */
  g_assert_true (hearth_server_set_online (f->server, sam, TRUE, &error));
  assert_frames (me, 2);
  assert_frames (sam_ws, 1);
  g_clear_pointer (&online, hearth_frame_unref);
  online = expect_event (sam_ws, 0, "verification-required");

  g_assert_false (hearth_server_set_online (f->server, UNKNOWN_ID, TRUE, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND);
}

static void
test_chat_actions (Fixture       *f,
                   gconstpointer  data)
{
  const char *ana = hearth_server_find_user (f->server, "ana");
  const char *mei = hearth_server_find_user (f->server, "mei");
  const char *tom = hearth_server_find_user (f->server, "tom");
  const char *with_me_ana[] = { f->me, ana, NULL };
  const char *only_mei[] = { mei, NULL };
  const char *with_raj[] = { f->raj, NULL };
  const char *nobody[] = { NULL };
  const char *unknown[] = { UNKNOWN_ID, NULL };
  g_autoptr(WsClient) me = ws_connect (f, "/ws", f->token, NULL);
  g_autoptr(WsClient) ana_ws = ws_connect (f, "/ws", hearth_server_get_token (f->server, ana),
                                           NULL);
  g_autoptr(WsClient) mei_ws = ws_connect (f, "/ws", hearth_server_get_token (f->server, mei),
                                           NULL);
  g_autoptr(HearthFrame) created = NULL;
  g_autoptr(HearthFrame) joined = NULL;
  g_autoptr(HearthFrame) removed = NULL;
  g_autoptr(HearthFrame) removed_for_mei = NULL;
  g_autoptr(HearthFrame) deleted = NULL;
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(JsonNode) chat = NULL;
  g_autoptr(JsonNode) chats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *group = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  g_autofree char *messages_path = NULL;
  guint status = 0;

  /* Raj makes a group with Ana and me: all three are told (Raj has no connection). */
  group = hearth_server_create_chat (f->server, f->raj, with_me_ana, "Board games", &error);
  g_assert_no_error (error);
  g_assert_nonnull (group);
  created = expect_event (me, 0, "chat-created");
  g_assert_cmpstr (hearth_json_object_get_string (frame_data (created), "chat"), ==, group);
  g_clear_pointer (&created, hearth_frame_unref);
  created = expect_event (ana_ws, 0, "chat-created");
  assert_frames (mei_ws, 0);

  path = g_strdup_printf ("/chats/%s", group);
  chat = get_ok (f, path);
  g_assert_cmpstr (member_string (chat, "name"), ==, "Board games");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (chat),
                                                                         "participants")), ==, 3);
  g_assert_cmpstr (member_string (json_object_get_member (json_node_get_object (chat), "admin"),
                                  "_id"), ==, f->raj);
  g_clear_pointer (&chat, json_node_unref);
  /* Most recent first: the new chat (no message yet, just created) leads. */
  chats = get_ok (f, "/chats");
  g_assert_cmpstr (member_string (json_array_get_element (json_node_get_array (chats), 0), "_id"),
                   ==, group);

  /* Refused: too few participants, unknown users, a second direct chat. */
  g_assert_null (hearth_server_create_chat (f->server, f->raj, nobody, NULL, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (hearth_server_create_chat (f->server, f->raj, unknown, NULL, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (hearth_server_create_chat (f->server, tom, with_raj, NULL, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);

  /* Raj adds Mei: she (only) gets chat-joined with Raj as admin. Only the admin may add. */
  g_assert_false (hearth_server_add_participant (f->server, ana, group, tom, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (hearth_server_add_participant (f->server, f->raj, group, mei, &error));
  g_assert_no_error (error);
  joined = expect_event (mei_ws, 0, "chat-joined");
  g_assert_cmpstr (hearth_json_object_get_string (frame_data (joined), "chat"), ==, group);
  g_assert_cmpstr (member_string (json_object_get_member (frame_data (joined), "admin"), "_id"),
                   ==, f->raj);
  g_assert_false (hearth_server_add_participant (f->server, f->raj, group, mei, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  assert_frames (me, 1);

  /* Raj removes Mei: everyone, Mei included, is told; then she has no access. */
  g_assert_false (hearth_server_remove_participant (f->server, ana, group, mei, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (hearth_server_remove_participant (f->server, f->raj, group, mei, &error));
  g_assert_no_error (error);
  removed = expect_event (me, 1, "chat-participant-removed");
  g_assert_cmpstr (hearth_json_object_get_string (frame_data (removed), "chat"), ==, group);
  g_assert_cmpstr (hearth_json_object_get_string (frame_data (removed), "user"), ==, mei);
  removed_for_mei = expect_event (mei_ws, 1, "chat-participant-removed");
  request_error (f, "GET", path, hearth_server_get_token (f->server, mei), NULL,
                 SOUP_STATUS_FORBIDDEN, "permission-denied");

  /* Ana leaves by herself. */
  g_assert_true (hearth_server_remove_participant (f->server, ana, group, ana, &error));
  g_assert_no_error (error);
  frame = expect_event (me, 2, "chat-participant-removed");
  g_assert_cmpstr (hearth_json_object_get_string (frame_data (frame), "user"), ==, ana);
  g_clear_pointer (&frame, hearth_frame_unref);

  /* A message, then I delete the chat: messages and all are gone. */
  message = hearth_server_post_message (f->server, f->raj, group, "Dice or cards?", NULL, &error);
  g_assert_no_error (error);
  frame = expect_event (me, 3, "messages-received");
  g_assert_true (hearth_server_delete_chat (f->server, f->me, group, &error));
  g_assert_no_error (error);
  deleted = expect_event (me, 4, "chat-deleted");
  g_assert_cmpstr (hearth_json_object_get_string (frame_data (deleted), "chat"), ==, group);
  g_assert_cmpstr (hearth_json_object_get_string (frame_data (deleted), "user"), ==, f->me);
  assert_frames (ana_ws, 3);  /* created, Mei removed, herself removed */
  request_error (f, "GET", path, f->token, NULL, SOUP_STATUS_NOT_FOUND, "not-found");
  messages_path = g_strdup_printf ("/chats/%s/messages", group);
  request_error (f, "GET", messages_path, f->token, NULL, SOUP_STATUS_NOT_FOUND, "not-found");
  g_assert_false (hearth_server_delete_chat (f->server, f->me, group, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Not mine to delete; a direct chat of two new users is fine, and has no admin. */
  g_assert_false (hearth_server_delete_chat (f->server, f->me, CHAT_RAJ_TOM, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  theirs = hearth_server_create_chat (f->server, ana, only_mei, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&frame, hearth_frame_unref);
  frame = expect_event (mei_ws, 2, "chat-created");
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/chats/%s", theirs);
  chat = request (f, "GET", path, hearth_server_get_token (f->server, mei), NULL, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_false (json_object_has_member (json_node_get_object (chat), "admin"));
  g_assert_false (json_object_has_member (json_node_get_object (chat), "name"));
  /* Without an admin, nobody removes others. */
  g_assert_false (hearth_server_remove_participant (f->server, ana, theirs, mei, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
}

static void
test_reward_actions (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(WsClient) me = ws_connect (f, "/ws", f->token, NULL);
  g_autoptr(WsClient) raj = ws_connect (f, "/ws", hearth_server_get_token (f->server, f->raj),
                                        NULL);
  g_autoptr(HearthFrame) stranger = NULL;
  g_autoptr(HearthFrame) by_raj = NULL;
  g_autoptr(HearthFrame) for_raj = NULL;
  g_autoptr(HearthFrame) restocked = NULL;
  g_autoptr(JsonNode) rewards = NULL;
  g_autoptr(GError) error = NULL;
  gboolean flag = TRUE;

  /* Someone outside the seed: the count drops for everyone, consumed by nobody we know. */
  g_assert_true (hearth_server_consume_reward (f->server, NULL, REWARD_COFFEE, &error));
  g_assert_no_error (error);
  stranger = expect_event (me, 0, "reward-consumed");
  g_assert_cmpint (member_int (hearth_frame_get_data (stranger), "remaining"), ==, 11);
  g_assert_true (hearth_json_object_get_bool (frame_data (stranger), "isConsumedByYou", &flag));
  g_assert_false (flag);

  g_assert_true (hearth_server_consume_reward (f->server, f->raj, REWARD_COFFEE, &error));
  by_raj = expect_event (me, 1, "reward-consumed");
  g_assert_cmpint (member_int (hearth_frame_get_data (by_raj), "remaining"), ==, 10);
  g_assert_true (hearth_json_object_get_bool (frame_data (by_raj), "isConsumedByYou", &flag));
  g_assert_false (flag);
  for_raj = expect_event (raj, 1, "reward-consumed");
  g_assert_true (hearth_json_object_get_bool (frame_data (for_raj), "isConsumedByYou", &flag));
  g_assert_true (flag);

  /* Twice by Raj: nothing. Expired: refused. */
  g_assert_true (hearth_server_consume_reward (f->server, f->raj, REWARD_COFFEE, &error));
  g_assert_false (hearth_server_consume_reward (f->server, NULL, REWARD_MUSEUM, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hearth_server_consume_reward (f->server, NULL, UNKNOWN_ID, &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_frames (me, 2);

  /* A restock. */
  g_assert_true (hearth_server_restock_reward (f->server, REWARD_COFFEE, 20, &error));
  restocked = expect_event (me, 2, "reward-consumed");
  g_assert_cmpint (member_int (hearth_frame_get_data (restocked), "remaining"), ==, 20);
  g_assert_true (hearth_server_restock_reward (f->server, REWARD_COFFEE, 20, &error));
  assert_frames (me, 3);

  rewards = get_ok (f, "/rewards");
  g_assert_cmpint (member_int (json_array_get_element (json_node_get_array (rewards), 0),
                               "remaining"), ==, 20);
}

static gboolean
score_action_completed (JsonObject *score,
                        const char *section,
                        const char *type)
{
  JsonArray *actions = hearth_json_object_get_array (hearth_json_object_get_object (score, section),
                                                     "actions");

  for (guint i = 0; i < json_array_get_length (actions); i++)
    {
      JsonObject *action = json_array_get_object_element (actions, i);
      gboolean completed = FALSE;

      if (g_strcmp0 (hearth_json_object_get_string (action, "type"), type) == 0)
        {
          hearth_json_object_get_bool (action, "completed", &completed);
          return completed;
        }
    }

  g_assert_not_reached ();
}

static void
test_score_actions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(WsClient) me = ws_connect (f, "/ws", f->token, NULL);
  g_autoptr(WsClient) raj = ws_connect (f, "/ws", hearth_server_get_token (f->server, f->raj),
                                        NULL);
  g_autoptr(HearthFrame) dm = NULL;
  g_autoptr(HearthFrame) video = NULL;
  g_autoptr(HearthFrame) reel = NULL;
  g_autoptr(JsonNode) score = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *days;
  JsonObject *data_object;
  double value = 0;

  /* Seed: 1.5 = social 1 (one action) + mindfulness 0.5 (one action); 3 reels. */
  g_assert_true (hearth_server_update_score (f->server, f->me, "send-dm-message", &error));
  g_assert_no_error (error);
  dm = expect_event (me, 0, "score-updated");
  data_object = frame_data (dm);
  g_assert_true (score_action_completed (data_object, "social", "send-dm-message"));
  g_assert_true (hearth_json_object_get_number (data_object, "totalScore", &value));
  g_assert_cmpfloat (value, ==, 2.5);
  g_assert_true (hearth_json_object_get_number (hearth_json_object_get_object (data_object,
                                                                               "social"),
                                                "score", &value));
  g_assert_cmpfloat (value, ==, 2);

  /* Again: nothing changes, nothing is sent. */
  g_assert_true (hearth_server_update_score (f->server, f->me, "send-dm-message", &error));
  g_assert_true (hearth_server_update_score (f->server, f->me, "mindfulness-video", &error));
  video = expect_event (me, 1, "score-updated");
  data_object = frame_data (video);
  g_assert_true (score_action_completed (data_object, "mindfulness", "mindfulness-video"));
  g_assert_true (hearth_json_object_get_number (data_object, "totalScore", &value));
  g_assert_cmpfloat (value, ==, 3);

  g_assert_true (hearth_server_update_score (f->server, f->me, NULL, &error));
  reel = expect_event (me, 2, "score-updated");
  g_assert_cmpint (member_int (hearth_frame_get_data (reel), "reelsSeen"), ==, 4);
  g_assert_true (hearth_json_object_get_number (frame_data (reel), "totalScore", &value));
  g_assert_cmpfloat (value, ==, 3);
  assert_frames (me, 3);
  assert_frames (raj, 0);

  /* REST agrees, today's history entry too. */
  score = get_ok (f, "/score");
  g_assert_true (json_node_equal (score, hearth_frame_get_data (reel)));
  history = get_ok (f, "/score/history?days=1");
  days = json_node_get_array (history);
  g_assert_true (hearth_json_object_get_number (json_array_get_object_element (days, 0),
                                                "totalScore", &value));
  g_assert_cmpfloat (value, ==, 3);

  g_assert_false (hearth_server_update_score (f->server, f->me, "juggling", &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND);
}

static void
test_framing_envelope_only (void)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  g_autoptr(WsClient) ws = NULL;
  guint status = 0;

  fixture_set_up_framing (f, HEARTH_FRAMING_ENVELOPE);

  g_assert_null (ws_connect (f, SOCKET_IO_PATH, f->token, &status));
  g_assert_cmpuint (status, ==, SOUP_STATUS_NOT_FOUND);
  ws = ws_connect (f, "/ws", f->token, NULL);
  g_assert_nonnull (ws);
  g_clear_pointer (&ws, ws_client_free);

  fixture_tear_down (f, NULL);
}

/* A test's own score replaces the seed's as it is; what is not a score is refused. */
static void
test_set_score (void)
{
  g_autoptr(HearthServer) server = hearth_server_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (hearth_server_load_default_seed (server, &error));
  g_assert_no_error (error);

  g_assert_false (hearth_server_set_score (server, "{\"totalScore\": ", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (hearth_server_set_score (server, "[1, 2]", &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hearth_server_set_score (server, "{\"date\": \"2025-11-07T18:30:00.000Z\"}", &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID);
  g_clear_error (&error);

  /* The seed's score still stands: its actions can be done. */
  g_assert_true (hearth_server_update_score (server, NULL, "send-dm-message", &error));
  g_assert_no_error (error);

  g_assert_true (hearth_server_set_score (server,
                                          "{\"date\": \"2025-11-07T18:30:00.000Z\", \"totalScore\": 0,"
                                          " \"social\": {\"score\": 0, \"actions\": [{\"label\": \"Walk\","
                                          " \"type\": \"walk\", \"value\": 0}]}}", &error));
  g_assert_no_error (error);
  g_assert_true (hearth_server_update_score (server, NULL, "walk", &error));
  g_assert_no_error (error);
  g_assert_false (hearth_server_update_score (server, NULL, "send-dm-message", &error));
  g_assert_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND);
  hearth_server_shutdown (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Hearth/Server/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("login", test_login);
  ADD ("me", test_me);
  ADD ("chats", test_chats);
  ADD ("chat", test_chat);
  ADD ("not-found", test_not_found);
  ADD ("messages-paging", test_messages_paging);
  ADD ("post-message", test_post_message);
  ADD ("rewards", test_rewards);
  ADD ("score", test_score);
  ADD ("history", test_history);
  ADD ("unauthorized", test_unauthorized);
  ADD ("unverified", test_unverified);
  ADD ("malformed-json", test_malformed_json);
  ADD ("socket-io", test_socket_io);
  ADD ("socket-io-recovery", test_socket_io_recovery);
  ADD ("socket-io-ping-timeout", test_socket_io_ping_timeout);
  ADD ("stalled", test_stalled);
  ADD ("envelope", test_envelope);
  ADD ("act-as-user", test_act_as_user);
  ADD ("presence", test_presence);
  ADD ("chat-actions", test_chat_actions);
  ADD ("reward-actions", test_reward_actions);
  ADD ("score-actions", test_score_actions);
  g_test_add_func ("/Hearth/Server/seed", test_seed);
  g_test_add_func ("/Hearth/Server/set-score", test_set_score);
  g_test_add_func ("/Hearth/Server/framing-envelope-only", test_framing_envelope_only);

#undef ADD

  return g_test_run ();
}
