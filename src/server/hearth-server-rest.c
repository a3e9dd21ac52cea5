/* hearth-server-rest.c: the REST endpoints of doc/API.md
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server"

#include "config.h"

#include <string.h>

#include "hearth-json.h"
#include "hearth-server-private.h"

typedef struct
{
  HearthServer      *self;
  SoupServerMessage *msg;
  GHashTable        *query;
  const char        *user_id;    /* the authenticated user (routes with auth) */
  char             **params;     /* the ":" segments of the route, in order */
} Request;

typedef void (*RouteHandler) (Request *req);

typedef enum
{
  ROUTE_PUBLIC   = 0,
  ROUTE_AUTH     = 1 << 0,       /* needs a valid bearer token */
  ROUTE_VERIFIED = 1 << 1,       /* ... of a verified user */
} RouteFlags;

/* Responses. */

static void
reply_json (Request  *req,
            guint     status,
            JsonNode *node)
{
  char *text = hearth_json_to_string (node);

  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, "application/json", SOUP_MEMORY_TAKE,
                                    text, strlen (text));
}

static void
reply_error (Request    *req,
             guint       status,
             const char *event,
             const char *message)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "event", event);
  json_object_set_string_member (object, "message", message);
  json_node_take_object (node, object);

  g_debug ("%s %s -> %u %s",
           soup_server_message_get_method (req->msg),
           g_uri_get_path (soup_server_message_get_uri (req->msg)),
           status, event);

  reply_json (req, status, node);
}

static void
reply_validation (Request    *req,
                  const char *message)
{
  reply_error (req, SOUP_STATUS_BAD_REQUEST, "validation-failed", message);
}

static void
reply_not_found (Request    *req,
                 const char *message)
{
  reply_error (req, SOUP_STATUS_NOT_FOUND, "not-found", message);
}

/* Request helpers. */

/* The body as a JSON object, or NULL after answering 400. */
static JsonNode *
read_body_object (Request *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!(node = hearth_json_parse (data, length, &error)))
    {
      g_autofree char *message = g_strdup_printf ("The body is not valid JSON: %s", error->message);

      reply_validation (req, message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      reply_validation (req, "The body must be a JSON object");
      return NULL;
    }

  return g_steal_pointer (&node);
}

/* TRUE when the member is absent or a string (stored in @out, NULL when absent). */
static gboolean
optional_string (JsonObject  *object,
                 const char  *member,
                 const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *out = json_node_get_string (node);

  return TRUE;
}

/* Reads an unsigned query parameter; FALSE after answering 400 when it is not one. */
static gboolean
query_uint (Request    *req,
            const char *name,
            guint64     min,
            guint64     max,
            guint64     fallback,
            guint64    *out)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;

  *out = fallback;
  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, min, G_MAXUINT64, out, NULL))
    {
      g_autofree char *message = g_strdup_printf ("\"%s\" must be an integer >= %" G_GUINT64_FORMAT,
                                                  name, min);

      reply_validation (req, message);
      return FALSE;
    }

  *out = MIN (*out, max);

  return TRUE;
}

static const char *
query_string (Request    *req,
              const char *name)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;

  return text != NULL && *text != '\0' ? text : NULL;
}

/* The chat of the first route parameter, or NULL after answering 404 / 403. */
static HearthServerChat *
request_chat (Request *req)
{
  HearthServerChat *chat = _hearth_server_get_chat (req->self, req->params[0]);

  if (chat == NULL)
    {
      reply_not_found (req, "No such chat");
      return NULL;
    }

  if (!_hearth_server_chat_has_user (chat, req->user_id))
    {
      reply_error (req, SOUP_STATUS_FORBIDDEN, "permission-denied",
                   "You are not a participant of this chat");
      return NULL;
    }

  return chat;
}

/* Handlers. */

static void
handle_login (Request *req)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonObject *object;
  const char *username, *password;
  HearthServerUser *user;

  if (!(body = read_body_object (req)))
    return;

  object = json_node_get_object (body);
  if (!optional_string (object, "username", &username) || username == NULL ||
      !optional_string (object, "password", &password) || password == NULL)
    {
      reply_validation (req, "\"username\" and \"password\" are required strings");
      return;
    }

  user = _hearth_server_get_user (req->self, hearth_server_find_user (req->self, username));
  if (user == NULL || g_strcmp0 (user->password, password) != 0)
    {
      reply_error (req, SOUP_STATUS_UNAUTHORIZED, "authorization-failed",
                   "Wrong username or password");
      return;
    }

  reply = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  json_object_set_string_member (object, "token", hearth_server_get_token (req->self, user->id));
  json_object_set_member (object, "user", _hearth_server_user_to_json (user));
  json_node_take_object (reply, object);

  reply_json (req, SOUP_STATUS_OK, reply);
}

static void
handle_me (Request *req)
{
  g_autoptr(JsonNode) reply = NULL;

  reply = _hearth_server_user_to_json (_hearth_server_get_user (req->self, req->user_id));
  reply_json (req, SOUP_STATUS_OK, reply);
}

static int
compare_activity (gconstpointer a,
                  gconstpointer b)
{
  gint64 ta = _hearth_server_chat_activity (*(HearthServerChat * const *)a);
  gint64 tb = _hearth_server_chat_activity (*(HearthServerChat * const *)b);

  return ta > tb ? -1 : ta < tb ? 1 : 0;
}

static void
handle_chats (Request *req)
{
  g_autoptr(GPtrArray) chats = g_ptr_array_new ();
  g_autoptr(JsonNode) reply = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  GPtrArray *order = req->self->state->chat_order;

  for (guint i = 0; i < order->len; i++)
    {
      HearthServerChat *chat = g_ptr_array_index (order, i);

      if (_hearth_server_chat_has_user (chat, req->user_id))
        g_ptr_array_add (chats, chat);
    }

  /* Most recent activity first; g_ptr_array_sort is stable, so ties keep seed order. */
  g_ptr_array_sort (chats, compare_activity);

  for (guint i = 0; i < chats->len; i++)
    json_array_add_element (array,
                            _hearth_server_chat_to_json (req->self, g_ptr_array_index (chats, i),
                                                         req->user_id));
  json_node_take_array (reply, array);

  reply_json (req, SOUP_STATUS_OK, reply);
}

static void
handle_chat (Request *req)
{
  g_autoptr(JsonNode) reply = NULL;
  HearthServerChat *chat;

  if (!(chat = request_chat (req)))
    return;

  reply = _hearth_server_chat_to_json (req->self, chat, req->user_id);
  reply_json (req, SOUP_STATUS_OK, reply);
}

/* Index of @message_id in the chat, or -1 after answering 404. */
static gint64
find_message_index (Request          *req,
                    HearthServerChat *chat,
                    const char       *message_id)
{
  for (guint i = 0; i < chat->messages->len; i++)
    {
      HearthServerMessage *message = g_ptr_array_index (chat->messages, i);

      if (g_strcmp0 (message->id, message_id) == 0)
        return i;
    }

  reply_not_found (req, "No such message in this chat");

  return -1;
}

static void
handle_messages (Request *req)
{
  g_autoptr(JsonNode) reply = json_node_new (JSON_NODE_ARRAY);
  HearthServerChat *chat;
  JsonArray *array;
  const char *before, *after;
  guint64 limit;
  gint64 start = 0;
  gint64 end;

  if (!(chat = request_chat (req)))
    return;

  if (!query_uint (req, "limit", 1, HEARTH_SERVER_PAGE_MAX, HEARTH_SERVER_PAGE_DEFAULT, &limit))
    return;

  end = chat->messages->len;
  before = query_string (req, "before");
  after = query_string (req, "after");

  if (after != NULL && (start = find_message_index (req, chat, after) + 1) == 0)
    return;
  if (before != NULL && (end = find_message_index (req, chat, before)) < 0)
    return;

  /* "after" pages forward from it; otherwise the newest page before "before" (or the end).
   * Both ways the page is sent oldest first. */
  if (end < start)
    end = start;
  if (after != NULL)
    end = MIN (end, start + (gint64)limit);
  else
    start = MAX (start, end - (gint64)limit);

  array = json_array_new ();
  for (gint64 i = start; i < end; i++)
    json_array_add_element (array,
                            _hearth_server_message_to_json (req->self,
                                                            g_ptr_array_index (chat->messages, i),
                                                            FALSE));
  json_node_take_array (reply, array);

  reply_json (req, SOUP_STATUS_OK, reply);
}

static void
handle_post_message (Request *req)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *stripped = NULL;
  HearthServerChat *chat;
  HearthServerMessage *message;
  JsonObject *object;
  const char *content, *reel, *client_id;
  gboolean created = FALSE;

  if (!(chat = request_chat (req)) || !(body = read_body_object (req)))
    return;

  object = json_node_get_object (body);
  if (!optional_string (object, "content", &content))
    {
      reply_validation (req, "\"content\" must be a string");
      return;
    }
  if (!optional_string (object, "reel", &reel))
    {
      reply_validation (req, "\"reel\" must be a string");
      return;
    }
  if (!optional_string (object, "clientId", &client_id))
    {
      reply_validation (req, "\"clientId\" must be a string");
      return;
    }

  stripped = g_strstrip (g_strdup (content != NULL ? content : ""));
  if (*stripped == '\0' && (reel == NULL || *reel == '\0'))
    {
      reply_validation (req, "The message is empty");
      return;
    }
  if (content != NULL && g_utf8_strlen (content, -1) > HEARTH_SERVER_CONTENT_MAX)
    {
      reply_validation (req, "The message is too long");
      return;
    }
  if (client_id != NULL &&
      (*client_id == '\0' || strlen (client_id) > HEARTH_SERVER_CLIENT_ID_MAX))
    {
      reply_validation (req, "\"clientId\" must have 1 to 128 characters");
      return;
    }

  message = _hearth_server_post_message (req->self, req->user_id, chat, content,
                                         reel != NULL && *reel != '\0' ? reel : NULL,
                                         client_id, &created);

  if (req->self->fail_after_store > 0)
    {
      g_autoptr(GIOStream) stream = NULL;

      /* Test hook: the message is stored, the answer never comes: the connection is taken
       * from libsoup and closed. */
      req->self->fail_after_store--;
      stream = soup_server_message_steal_connection (req->msg);
      if (stream != NULL)
        g_io_stream_close (stream, NULL, NULL);
      return;
    }

  reply = _hearth_server_message_to_json (req->self, message, TRUE);
  reply_json (req, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, reply);
}

static void
handle_rewards (Request *req)
{
  g_autoptr(JsonNode) reply = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();
  GPtrArray *rewards = req->self->state->rewards;

  for (guint i = 0; i < rewards->len; i++)
    json_array_add_element (array,
                            _hearth_server_reward_to_json (g_ptr_array_index (rewards, i),
                                                           req->user_id));
  json_node_take_array (reply, array);

  reply_json (req, SOUP_STATUS_OK, reply);
}

static void
handle_consume (Request *req)
{
  g_autoptr(JsonNode) reply = NULL;
  HearthServerReward *reward = _hearth_server_get_reward (req->self, req->params[0]);
  const char *event = NULL;
  const char *message = NULL;

  if (reward == NULL)
    {
      reply_not_found (req, "No such reward");
      return;
    }

  if (!_hearth_server_consume (req->self, req->user_id, reward, &event, &message))
    {
      reply_error (req, SOUP_STATUS_FORBIDDEN, event, message);
      return;
    }

  reply = _hearth_server_reward_to_json (reward, req->user_id);
  reply_json (req, SOUP_STATUS_OK, reply);
}

static gboolean
is_date (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  int year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  dt = g_date_time_new_utc (year, month, day, 0, 0, 0);

  return dt != NULL;
}

static void
handle_score (Request *req)
{
  JsonNode *score = req->self->state->score;
  const char *date = query_string (req, "date");
  const char *score_date;

  if (date != NULL && !is_date (date))
    {
      reply_validation (req, "\"date\" must be YYYY-MM-DD");
      return;
    }

  if (score == NULL)
    {
      reply_not_found (req, "No score yet");
      return;
    }

  /* The score's "date" is an ISO time; a day matches its first 10 characters. */
  score_date = hearth_json_object_get_string (json_node_get_object (score), "date");
  if (date != NULL && (score_date == NULL || strncmp (score_date, date, 10) != 0))
    {
      reply_not_found (req, "No score for that day");
      return;
    }

  reply_json (req, SOUP_STATUS_OK, score);
}

static void
handle_history (Request *req)
{
  g_autoptr(JsonNode) reply = json_node_new (JSON_NODE_ARRAY);
  JsonArray *history = req->self->state->history;
  JsonArray *array;
  guint64 days;
  guint length = json_array_get_length (history);

  if (!query_uint (req, "days", 1, 365, 30, &days))
    return;

  array = json_array_new ();
  for (guint i = length > days ? length - (guint)days : 0; i < length; i++)
    json_array_add_element (array, json_node_copy (json_array_get_element (history, i)));
  json_node_take_array (reply, array);

  reply_json (req, SOUP_STATUS_OK, reply);
}

/* Routing. */

static const struct
{
  const char   *method;
  const char   *pattern;  /* segments; ":" matches any one segment */
  RouteFlags    flags;
  RouteHandler  handler;
} routes[] = {
  { "POST", "auth/login",          ROUTE_PUBLIC, handle_login },
  { "GET",  "me",                  ROUTE_AUTH, handle_me },
  { "GET",  "chats",               ROUTE_AUTH | ROUTE_VERIFIED, handle_chats },
  { "GET",  "chats/:",             ROUTE_AUTH | ROUTE_VERIFIED, handle_chat },
  { "GET",  "chats/:/messages",    ROUTE_AUTH | ROUTE_VERIFIED, handle_messages },
  { "POST", "chats/:/messages",    ROUTE_AUTH | ROUTE_VERIFIED, handle_post_message },
  { "GET",  "rewards",             ROUTE_AUTH | ROUTE_VERIFIED, handle_rewards },
  { "POST", "rewards/:/consume",   ROUTE_AUTH | ROUTE_VERIFIED, handle_consume },
  { "GET",  "score",               ROUTE_AUTH | ROUTE_VERIFIED, handle_score },
  { "GET",  "score/history",       ROUTE_AUTH | ROUTE_VERIFIED, handle_history },
};

/* Matches @segments against @pattern, collecting the ":" segments into @params. */
static gboolean
route_matches (const char  *pattern,
               GPtrArray   *segments,
               GPtrArray   *params)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);

  if (g_strv_length (parts) != segments->len)
    return FALSE;

  g_ptr_array_set_size (params, 0);
  for (guint i = 0; i < segments->len; i++)
    {
      const char *segment = g_ptr_array_index (segments, i);

      if (strcmp (parts[i], ":") == 0)
        g_ptr_array_add (params, (gpointer)segment);
      else if (strcmp (parts[i], segment) != 0)
        return FALSE;
    }
  g_ptr_array_add (params, NULL);

  return TRUE;
}

void
_hearth_server_rest_handler (SoupServer        *server,
                             SoupServerMessage *msg,
                             const char        *path,
                             GHashTable        *query,
                             gpointer           user_data)
{
  HearthServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) split = g_strsplit (path != NULL ? path : "/", "/", -1);
  g_autoptr(GPtrArray) segments = g_ptr_array_new ();
  g_autoptr(GPtrArray) params = g_ptr_array_new ();
  Request req = { self, msg, query, NULL, NULL };
  g_autoptr(GString) allow = g_string_new (NULL);

  g_assert (HEARTH_IS_SERVER (self));

  /* Empty segments (leading, trailing or doubled slashes) do not count. */
  for (guint i = 0; split[i] != NULL; i++)
    {
      if (*split[i] != '\0')
        g_ptr_array_add (segments, split[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      gboolean present = FALSE;
      const char *user_id;

      if (!route_matches (routes[i].pattern, segments, params))
        continue;

      if (strcmp (routes[i].method, method) != 0)
        {
          g_string_append_printf (allow, "%s%s", allow->len > 0 ? ", " : "", routes[i].method);
          continue;
        }

      req.params = (char **)params->pdata;

      if (routes[i].flags & ROUTE_AUTH)
        {
          SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

          user_id = _hearth_server_auth_header_user (self, headers, &present);
          if (!present)
            {
              reply_error (&req, SOUP_STATUS_UNAUTHORIZED, "authorization-failed",
                           "Missing bearer token");
              return;
            }
          if (*user_id == '\0')
            {
              reply_error (&req, SOUP_STATUS_UNAUTHORIZED, "authorization-failed",
                           "Invalid or expired token");
              return;
            }
          req.user_id = user_id;

          if ((routes[i].flags & ROUTE_VERIFIED) &&
              !_hearth_server_get_user (self, user_id)->verified)
            {
              reply_error (&req, SOUP_STATUS_FORBIDDEN, "verification-required",
                           "Please verify your email first");
              return;
            }
        }

      routes[i].handler (&req);
      return;
    }

  if (allow->len > 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    allow->str);
      reply_error (&req, SOUP_STATUS_METHOD_NOT_ALLOWED, "not-found", "Method not allowed");
      return;
    }

  reply_not_found (&req, "No such endpoint");
}
