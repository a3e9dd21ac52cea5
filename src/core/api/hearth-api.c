/* hearth-api.c: typed REST calls of doc/API.md
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-api"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-json.h"
#include "hearth-message.h"
#include "hearth-parse.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-user.h"

#define DEFAULT_TIMEOUT_SECONDS 30

struct _HearthApi
{
  GObject      parent_instance;

  char        *base_url;   /* without trailing slashes */
  char        *host;       /* "host:port", for error messages */
  char        *token;
  char        *me_id;      /* the user of me_token, once login or /me told us */
  char        *me_token;
  guint        timeout;    /* seconds; 0: none */

  /* owned refs */
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (HearthApi, hearth_api, G_TYPE_OBJECT)

G_DEFINE_QUARK (hearth-api-error-quark, hearth_api_error)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Turns the JSON of a successful reply into the call's result, or fails with @error (any
 * domain: the caller rewrites it into BAD_REPLY naming the endpoint). */
typedef gpointer (*ReplyParser) (HearthApi  *self,
                                 JsonNode   *node,
                                 gpointer    parser_data,
                                 GError    **error);

typedef struct
{
  HearthApi      *self;
  char           *endpoint;          /* "GET /chats": names the call in errors and logs */
  SoupMessage    *message;
  GCancellable   *cancellable;       /* cancels the transfer: the caller's or the timer */
  GCancellable   *user_cancellable;
  gulong          user_cancelled_id;
  GSource        *timeout_source;
  ReplyParser     parser;
  gpointer        parser_data;
  GDestroyNotify  parser_data_free;
  GDestroyNotify  result_free;
  guint           timed_out : 1;
} Request;

static void
request_stop_timer (Request *request)
{
  if (request->timeout_source != NULL)
    {
      g_source_destroy (request->timeout_source);
      g_clear_pointer (&request->timeout_source, g_source_unref);
    }

  if (request->user_cancellable != NULL && request->user_cancelled_id != 0)
    {
      g_cancellable_disconnect (request->user_cancellable, request->user_cancelled_id);
      request->user_cancelled_id = 0;
    }
}

static void
request_free (Request *request)
{
  request_stop_timer (request);

  if (request->parser_data_free != NULL)
    g_clear_pointer (&request->parser_data, request->parser_data_free);

  g_clear_object (&request->user_cancellable);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->message);
  g_clear_object (&request->self);
  g_clear_pointer (&request->endpoint, g_free);
  g_free (request);
}

gboolean
hearth_api_error_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (error->domain == HEARTH_API_ERROR)
    {
      switch ((HearthApiError) error->code)
        {
        case HEARTH_API_ERROR_NETWORK:
        case HEARTH_API_ERROR_SERVER_ERROR:
        case HEARTH_API_ERROR_BAD_REPLY:
          return TRUE;

        case HEARTH_API_ERROR_AUTHORIZATION_FAILED:
        case HEARTH_API_ERROR_VERIFICATION_REQUIRED:
        case HEARTH_API_ERROR_VALIDATION_FAILED:
        case HEARTH_API_ERROR_NOT_FOUND:
        case HEARTH_API_ERROR_PERMISSION_DENIED:
        default:
          return FALSE;
        }
    }

  /* Cancelled, or an I/O failure that never became an answer. */
  return error->domain == G_IO_ERROR;
}

/* The error code for an error event name of doc/API.md §2; FALSE for other names. */
static gboolean
error_code_from_event (const char     *event,
                       HearthApiError *code)
{
  static const struct
  {
    const char     *name;
    HearthApiError  code;
  } names[] = {
    { "authorization-failed", HEARTH_API_ERROR_AUTHORIZATION_FAILED },
    { "verification-required", HEARTH_API_ERROR_VERIFICATION_REQUIRED },
    { "validation-failed", HEARTH_API_ERROR_VALIDATION_FAILED },
    { "not-found", HEARTH_API_ERROR_NOT_FOUND },
    { "permission-denied", HEARTH_API_ERROR_PERMISSION_DENIED },
    { "server-error", HEARTH_API_ERROR_SERVER_ERROR },
    /* The account is gone: the token is as good as refused. */
    { "account-terminated", HEARTH_API_ERROR_AUTHORIZATION_FAILED },
  };

  if (event == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (names[i].name, event))
        {
          *code = names[i].code;
          return TRUE;
        }
    }

  return FALSE;
}

static HearthApiError
error_code_from_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      return HEARTH_API_ERROR_VALIDATION_FAILED;

    case SOUP_STATUS_UNAUTHORIZED:
      return HEARTH_API_ERROR_AUTHORIZATION_FAILED;

    case SOUP_STATUS_FORBIDDEN:
      return HEARTH_API_ERROR_PERMISSION_DENIED;

    case SOUP_STATUS_NOT_FOUND:
    case SOUP_STATUS_METHOD_NOT_ALLOWED:
      return HEARTH_API_ERROR_NOT_FOUND;

    default:
      return HEARTH_API_ERROR_SERVER_ERROR;
    }
}

/* An error answer: {"event"?, "message"} with a 4xx/5xx status. */
static GError *
error_from_reply (Request *request,
                  GBytes  *body)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object = NULL;
  const char *event = NULL;
  const char *text = NULL;
  guint status = soup_message_get_status (request->message);
  HearthApiError code;

  if (body != NULL && g_bytes_get_size (body) > 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (body, &size);

      node = hearth_json_parse (data, size, NULL);
    }

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      object = json_node_get_object (node);
      event = hearth_parse_get_string (object, "event");
      text = hearth_parse_get_string (object, "message");
    }

  if (!error_code_from_event (event, &code))
    code = error_code_from_status (status);

  if (text != NULL)
    return g_error_new_literal (HEARTH_API_ERROR, code, text);

  return g_error_new (HEARTH_API_ERROR, code, "%s: the server answered %u %s",
                      request->endpoint, status,
                      soup_message_get_reason_phrase (request->message) != NULL
                        ? soup_message_get_reason_phrase (request->message)
                        : soup_status_get_phrase (status));
}

static void
send_and_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SoupSession *session = (SoupSession *)object;
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *data;
  gpointer value;
  gsize size;
  guint status;

  g_assert (SOUP_IS_SESSION (session));
  g_assert (G_IS_TASK (task));

  body = soup_session_send_and_read_finish (session, result, &error);
  request_stop_timer (request);

  if (body == NULL)
    {
      if (request->timed_out)
        {
          g_debug ("%s: no answer within %u s", request->endpoint, request->self->timeout);
          g_task_return_new_error (task, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK,
                                   "No answer from %s within %u seconds",
                                   request->self->host, request->self->timeout);
        }
      else if (g_cancellable_is_cancelled (request->user_cancellable) ||
               g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "%s was cancelled", request->endpoint);
        }
      else
        {
          g_debug ("%s: %s", request->endpoint, error->message);
          g_task_return_new_error (task, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK,
                                   "Could not reach %s: %s", request->self->host, error->message);
        }
      return;
    }

  status = soup_message_get_status (request->message);
  g_debug ("%s: %u", request->endpoint, status);

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, error_from_reply (request, body));
      return;
    }

  data = g_bytes_get_data (body, &size);
  if (data == NULL || size == 0)
    {
      g_task_return_new_error (task, HEARTH_API_ERROR, HEARTH_API_ERROR_BAD_REPLY,
                               "%s: the reply is empty", request->endpoint);
      return;
    }

  if (!(node = hearth_json_parse (data, size, &parse_error)))
    {
      g_task_return_new_error (task, HEARTH_API_ERROR, HEARTH_API_ERROR_BAD_REPLY,
                               "%s: the reply is not JSON (%s)",
                               request->endpoint, parse_error->message);
      return;
    }

  if (!(value = request->parser (request->self, node, request->parser_data, &parse_error)))
    {
      g_assert (parse_error != NULL);
      g_task_return_new_error (task, HEARTH_API_ERROR, HEARTH_API_ERROR_BAD_REPLY,
                               "%s: %s", request->endpoint, parse_error->message);
      return;
    }

  g_task_return_pointer (task, value, request->result_free);
}

static gboolean
request_timeout_cb (gpointer user_data)
{
  Request *request = user_data;

  request->timed_out = TRUE;
  g_clear_pointer (&request->timeout_source, g_source_unref);
  g_cancellable_cancel (request->cancellable);

  return G_SOURCE_REMOVE;
}

static void
user_cancelled_cb (GCancellable *user_cancellable,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/*
 * Sends @method @path (segments already escaped) with an optional @query (already escaped,
 * without "?") and an optional JSON @body; the reply is turned into the task's result by
 * @parser. Takes ownership of @parser_data.
 */
static void
hearth_api_send (HearthApi           *self,
                 const char          *method,
                 const char          *path,
                 const char          *query,
                 JsonNode            *body,
                 gboolean             authenticated,
                 ReplyParser          parser,
                 gpointer             parser_data,
                 GDestroyNotify       parser_data_free,
                 GDestroyNotify       result_free,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  SoupMessageHeaders *headers;
  Request *request;

  g_assert (HEARTH_IS_API (self));
  g_assert (method != NULL);
  g_assert (path != NULL && path[0] == '/');
  g_assert (parser != NULL);

  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->endpoint = g_strdup_printf ("%s %s", method, path);
  request->parser = parser;
  request->parser_data = parser_data;
  request->parser_data_free = parser_data_free;
  request->result_free = result_free;
  request->cancellable = g_cancellable_new ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  url = g_strconcat (self->base_url, path, query != NULL ? "?" : "", query, NULL);
  if (!(uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error)) ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_task_return_new_error (task, HEARTH_API_ERROR, HEARTH_API_ERROR_NETWORK,
                               "“%s” is not a valid server address", self->base_url);
      return;
    }

  request->message = soup_message_new_from_uri (method, uri);
  headers = soup_message_get_request_headers (request->message);
  soup_message_headers_replace (headers, "Accept", "application/json");

  if (authenticated && self->token != NULL && self->token[0] != '\0')
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }

  if (body != NULL)
    {
      g_autofree char *text = hearth_json_to_string (body);
      gsize length = strlen (text);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), length);

      soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
    }

  if (cancellable != NULL)
    {
      request->user_cancellable = g_object_ref (cancellable);
      request->user_cancelled_id =
        g_cancellable_connect (cancellable, G_CALLBACK (user_cancelled_cb),
                               g_object_ref (request->cancellable), g_object_unref);
    }

  if (self->timeout > 0)
    {
      request->timeout_source = g_timeout_source_new ((guint) MIN ((guint64) self->timeout * 1000,
                                                                   G_MAXUINT));
      g_source_set_static_name (request->timeout_source, "[hearth-api] request timeout");
      g_source_set_callback (request->timeout_source, request_timeout_cb, request, NULL);
      g_source_attach (request->timeout_source, g_main_context_get_thread_default ());
    }

  g_debug ("%s", request->endpoint);

  soup_session_send_and_read_async (self->session,
                                    request->message,
                                    G_PRIORITY_DEFAULT,
                                    request->cancellable,
                                    send_and_read_cb,
                                    g_steal_pointer (&task));
}

static gpointer
hearth_api_finish (HearthApi     *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   GError       **error)
{
  g_return_val_if_fail (HEARTH_IS_API (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* "/chats/<escaped id><suffix>" (transfer full). */
static char *
build_path (const char *prefix,
            const char *id,
            const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat (prefix, "/", escaped, suffix, NULL);
}

/* Reply shapes. */

static JsonObject *
expect_object (JsonNode  *node,
               GError   **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HEARTH_PARSE_ERROR, HEARTH_PARSE_ERROR_INVALID_FIELD,
                   "expected an object, got %s",
                   JSON_NODE_HOLDS_ARRAY (node) ? "an array" : "a value");
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonArray *
expect_array (JsonNode  *node,
              GError   **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HEARTH_PARSE_ERROR, HEARTH_PARSE_ERROR_INVALID_FIELD,
                   "expected an array, got %s",
                   JSON_NODE_HOLDS_OBJECT (node) ? "an object" : "a value");
      return NULL;
    }

  return json_node_get_array (node);
}

typedef GObject *(*ItemParser) (HearthApi   *self,
                                JsonNode    *node,
                                const char  *path,
                                gpointer     parser_data,
                                GError     **error);

/* A JSON array of items, all of which must parse: never a partial result. */
static GPtrArray *
parse_array (HearthApi   *self,
             JsonNode    *node,
             ItemParser   item_parser,
             gpointer     parser_data,
             GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;
  guint n;

  if (!(array = expect_array (node, error)))
    return NULL;

  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("[%u]", i);
      GObject *item = item_parser (self, json_array_get_element (array, i), path, parser_data,
                                   error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

/* A full user object (not a bare id). */
static HearthUser *
parse_user_object (JsonNode    *node,
                   const char  *path,
                   GError     **error)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      g_set_error (error, HEARTH_PARSE_ERROR, HEARTH_PARSE_ERROR_INVALID_FIELD,
                   "%s is not an object", path != NULL ? path : "the user");
      return NULL;
    }

  return hearth_parse_user (node, path, error);
}

/* Chats get the signed-in user as their "me-id" (for their titles) once login or /me said
 * who the token belongs to. */
static void
hearth_api_remember_me (HearthApi  *self,
                        HearthUser *user,
                        const char *token)
{
  g_free (self->me_id);
  self->me_id = g_strdup (hearth_user_get_id (user));
  g_free (self->me_token);
  self->me_token = g_strdup (token);
}

static const char *
hearth_api_get_me_id (HearthApi *self)
{
  if (self->me_id == NULL || self->token == NULL || g_strcmp0 (self->me_token, self->token) != 0)
    return NULL;

  return self->me_id;
}

static GObject *
chat_item_parser (HearthApi   *self,
                  JsonNode    *node,
                  const char  *path,
                  gpointer     parser_data,
                  GError     **error)
{
  HearthChat *chat = hearth_parse_chat (node, path, error);

  if (chat != NULL && hearth_api_get_me_id (self) != NULL)
    hearth_chat_set_me_id (chat, hearth_api_get_me_id (self));

  return (GObject *) chat;
}

static GObject *
message_item_parser (HearthApi   *self,
                     JsonNode    *node,
                     const char  *path,
                     gpointer     parser_data,
                     GError     **error)
{
  const char *chat_id = parser_data;

  return (GObject *) hearth_parse_message (node, path, chat_id, error);
}

static GObject *
reward_item_parser (HearthApi   *self,
                    JsonNode    *node,
                    const char  *path,
                    gpointer     parser_data,
                    GError     **error)
{
  return (GObject *) hearth_parse_reward (node, path, error);
}

static GObject *
score_item_parser (HearthApi   *self,
                   JsonNode    *node,
                   const char  *path,
                   gpointer     parser_data,
                   GError     **error)
{
  return (GObject *) hearth_parse_score (node, path, error);
}

/* GObject */

static void
hearth_api_dispose (GObject *object)
{
  HearthApi *self = (HearthApi *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hearth_api_parent_class)->dispose (object);
}

static void
hearth_api_finalize (GObject *object)
{
  HearthApi *self = (HearthApi *)object;

  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->me_id, g_free);
  g_clear_pointer (&self->me_token, g_free);

  G_OBJECT_CLASS (hearth_api_parent_class)->finalize (object);
}

static void
hearth_api_set_base_url (HearthApi  *self,
                         const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  gsize length;

  g_assert (self->base_url == NULL);

  self->base_url = g_strdup (base_url != NULL ? base_url : "");

  /* "http://host/" and "http://host" are the same base: paths start with a slash. */
  length = strlen (self->base_url);
  while (length > 0 && self->base_url[length - 1] == '/')
    self->base_url[--length] = '\0';

  uri = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri != NULL && g_uri_get_host (uri) != NULL)
    {
      if (g_uri_get_port (uri) > 0)
        self->host = g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
      else
        self->host = g_strdup (g_uri_get_host (uri));
    }
  else
    self->host = g_strdup (self->base_url);
}

static void
hearth_api_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HearthApi *self = HEARTH_API (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_api_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  HearthApi *self = HEARTH_API (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      hearth_api_set_base_url (self, g_value_get_string (value));
      break;

    case PROP_TOKEN:
      hearth_api_set_token (self, g_value_get_string (value));
      break;

    case PROP_TIMEOUT:
      hearth_api_set_timeout (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_api_class_init (HearthApiClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_api_dispose;
  object_class->finalize = hearth_api_finalize;
  object_class->get_property = hearth_api_get_property;
  object_class->set_property = hearth_api_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT_SECONDS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_api_init (HearthApi *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  /* Our own timer bounds each request as a whole; libsoup's I/O timeout stays off. */
  self->session = soup_session_new_with_options ("user-agent", "Hearth/" PACKAGE_VERSION " ",
                                                 "timeout", 0,
                                                 NULL);
}

HearthApi *
hearth_api_new (const char *base_url,
                const char *token)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (HEARTH_TYPE_API,
                       "base-url", base_url,
                       "token", token,
                       NULL);
}

const char *
hearth_api_get_base_url (HearthApi *self)
{
  g_return_val_if_fail (HEARTH_IS_API (self), NULL);

  return self->base_url;
}

const char *
hearth_api_get_token (HearthApi *self)
{
  g_return_val_if_fail (HEARTH_IS_API (self), NULL);

  return self->token;
}

void
hearth_api_set_token (HearthApi  *self,
                      const char *token)
{
  g_return_if_fail (HEARTH_IS_API (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;

  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

guint
hearth_api_get_timeout (HearthApi *self)
{
  g_return_val_if_fail (HEARTH_IS_API (self), 0);

  return self->timeout;
}

void
hearth_api_set_timeout (HearthApi *self,
                        guint      seconds)
{
  g_return_if_fail (HEARTH_IS_API (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/* POST /auth/login */

typedef struct
{
  char       *token;
  HearthUser *user;
} LoginReply;

static void
login_reply_free (gpointer data)
{
  LoginReply *reply = data;

  g_clear_pointer (&reply->token, g_free);
  g_clear_object (&reply->user);
  g_free (reply);
}

static gpointer
login_parser (HearthApi  *self,
              JsonNode   *node,
              gpointer    parser_data,
              GError    **error)
{
  g_autoptr(HearthUser) user = NULL;
  JsonObject *object;
  const char *token;
  LoginReply *reply;

  if (!(object = expect_object (node, error)))
    return NULL;

  if (!(token = hearth_parse_get_required_id (object, NULL, "token", error)))
    return NULL;

  if (!(user = parse_user_object (json_object_get_member (object, "user"), "user", error)))
    return NULL;

  hearth_api_remember_me (self, user, token);

  reply = g_new0 (LoginReply, 1);
  reply->token = g_strdup (token);
  reply->user = g_steal_pointer (&user);
  return reply;
}

void
hearth_api_login_async (HearthApi           *self,
                        const char          *username,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  /* No Authorization: a stale token has nothing to do with signing in. */
  hearth_api_send (self, "POST", "/auth/login", NULL, body, FALSE,
                   login_parser, NULL, NULL, login_reply_free,
                   hearth_api_login_async, cancellable, callback, user_data);
}

char *
hearth_api_login_finish (HearthApi     *self,
                         GAsyncResult  *result,
                         HearthUser   **user,
                         GError       **error)
{
  LoginReply *reply;
  char *token;

  if (user != NULL)
    *user = NULL;

  reply = hearth_api_finish (self, result, hearth_api_login_async, error);
  if (reply == NULL)
    return NULL;

  token = g_steal_pointer (&reply->token);
  if (user != NULL)
    *user = g_steal_pointer (&reply->user);
  login_reply_free (reply);

  return token;
}

/* GET /me */

static gpointer
user_parser (HearthApi  *self,
             JsonNode   *node,
             gpointer    parser_data,
             GError    **error)
{
  HearthUser *user;

  if (!expect_object (node, error))
    return NULL;

  /* @parser_data: the token the request was sent with. */
  if ((user = hearth_parse_user (node, "user", error)))
    hearth_api_remember_me (self, user, parser_data);

  return user;
}

void
hearth_api_get_me_async (HearthApi           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  hearth_api_send (self, "GET", "/me", NULL, NULL, TRUE,
                   user_parser, g_strdup (self->token), g_free, g_object_unref,
                   hearth_api_get_me_async, cancellable, callback, user_data);
}

HearthUser *
hearth_api_get_me_finish (HearthApi     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return hearth_api_finish (self, result, hearth_api_get_me_async, error);
}

/* GET /chats, GET /chats/:id */

static gpointer
chats_parser (HearthApi  *self,
              JsonNode   *node,
              gpointer    parser_data,
              GError    **error)
{
  return parse_array (self, node, chat_item_parser, NULL, error);
}

static gpointer
chat_parser (HearthApi  *self,
             JsonNode   *node,
             gpointer    parser_data,
             GError    **error)
{
  if (!expect_object (node, error))
    return NULL;

  return chat_item_parser (self, node, "chat", NULL, error);
}

void
hearth_api_list_chats_async (HearthApi           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  hearth_api_send (self, "GET", "/chats", NULL, NULL, TRUE,
                   chats_parser, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                   hearth_api_list_chats_async, cancellable, callback, user_data);
}

GPtrArray *
hearth_api_list_chats_finish (HearthApi     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return hearth_api_finish (self, result, hearth_api_list_chats_async, error);
}

void
hearth_api_get_chat_async (HearthApi           *self,
                           const char          *chat_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (chat_id != NULL && chat_id[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = build_path ("/chats", chat_id, NULL);
  hearth_api_send (self, "GET", path, NULL, NULL, TRUE,
                   chat_parser, NULL, NULL, g_object_unref,
                   hearth_api_get_chat_async, cancellable, callback, user_data);
}

HearthChat *
hearth_api_get_chat_finish (HearthApi     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return hearth_api_finish (self, result, hearth_api_get_chat_async, error);
}

/* GET /chats/:id/messages, POST /chats/:id/messages */

static gpointer
messages_parser (HearthApi  *self,
                 JsonNode   *node,
                 gpointer    parser_data,
                 GError    **error)
{
  return parse_array (self, node, message_item_parser, parser_data, error);
}

static gpointer
message_parser (HearthApi  *self,
                JsonNode   *node,
                gpointer    parser_data,
                GError    **error)
{
  if (!expect_object (node, error))
    return NULL;

  return hearth_parse_message (node, "message", parser_data, error);
}

void
hearth_api_list_messages_async (HearthApi           *self,
                                const char          *chat_id,
                                const char          *before,
                                const char          *after,
                                guint                limit,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GString) query = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (chat_id != NULL && chat_id[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  query = g_string_new (NULL);
  if (before != NULL)
    {
      g_string_append (query, "before=");
      g_string_append_uri_escaped (query, before, NULL, FALSE);
    }
  if (after != NULL)
    {
      g_string_append (query, query->len > 0 ? "&after=" : "after=");
      g_string_append_uri_escaped (query, after, NULL, FALSE);
    }
  if (limit > 0)
    g_string_append_printf (query, "%slimit=%u", query->len > 0 ? "&" : "", limit);

  path = build_path ("/chats", chat_id, "/messages");
  hearth_api_send (self, "GET", path, query->len > 0 ? query->str : NULL, NULL, TRUE,
                   messages_parser, g_strdup (chat_id), g_free,
                   (GDestroyNotify) g_ptr_array_unref,
                   hearth_api_list_messages_async, cancellable, callback, user_data);
}

GPtrArray *
hearth_api_list_messages_finish (HearthApi     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return hearth_api_finish (self, result, hearth_api_list_messages_async, error);
}

void
hearth_api_post_message_async (HearthApi           *self,
                               const char          *chat_id,
                               const char          *content,
                               const char          *reel,
                               const char          *client_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (chat_id != NULL && chat_id[0] != '\0');
  g_return_if_fail (content != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  if (reel != NULL)
    {
      json_builder_set_member_name (builder, "reel");
      json_builder_add_string_value (builder, reel);
    }
  if (client_id != NULL)
    {
      json_builder_set_member_name (builder, "clientId");
      json_builder_add_string_value (builder, client_id);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = build_path ("/chats", chat_id, "/messages");
  hearth_api_send (self, "POST", path, NULL, body, TRUE,
                   message_parser, g_strdup (chat_id), g_free, g_object_unref,
                   hearth_api_post_message_async, cancellable, callback, user_data);
}

HearthMessage *
hearth_api_post_message_finish (HearthApi     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return hearth_api_finish (self, result, hearth_api_post_message_async, error);
}

/* GET /rewards, POST /rewards/:id/consume */

static gpointer
rewards_parser (HearthApi  *self,
                JsonNode   *node,
                gpointer    parser_data,
                GError    **error)
{
  return parse_array (self, node, reward_item_parser, NULL, error);
}

static gpointer
reward_parser (HearthApi  *self,
               JsonNode   *node,
               gpointer    parser_data,
               GError    **error)
{
  if (!expect_object (node, error))
    return NULL;

  return hearth_parse_reward (node, "reward", error);
}

void
hearth_api_list_rewards_async (HearthApi           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  hearth_api_send (self, "GET", "/rewards", NULL, NULL, TRUE,
                   rewards_parser, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                   hearth_api_list_rewards_async, cancellable, callback, user_data);
}

GPtrArray *
hearth_api_list_rewards_finish (HearthApi     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return hearth_api_finish (self, result, hearth_api_list_rewards_async, error);
}

void
hearth_api_consume_reward_async (HearthApi           *self,
                                 const char          *reward_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (reward_id != NULL && reward_id[0] != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  path = build_path ("/rewards", reward_id, "/consume");
  hearth_api_send (self, "POST", path, NULL, NULL, TRUE,
                   reward_parser, NULL, NULL, g_object_unref,
                   hearth_api_consume_reward_async, cancellable, callback, user_data);
}

HearthReward *
hearth_api_consume_reward_finish (HearthApi     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return hearth_api_finish (self, result, hearth_api_consume_reward_async, error);
}

/* GET /score, GET /score/history */

static gpointer
score_parser (HearthApi  *self,
              JsonNode   *node,
              gpointer    parser_data,
              GError    **error)
{
  if (!expect_object (node, error))
    return NULL;

  return hearth_parse_score (node, "score", error);
}

static gpointer
score_history_parser (HearthApi  *self,
                      JsonNode   *node,
                      gpointer    parser_data,
                      GError    **error)
{
  return parse_array (self, node, score_item_parser, NULL, error);
}

void
hearth_api_get_score_async (HearthApi           *self,
                            const char          *date,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GString) query = NULL;

  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (date != NULL)
    {
      query = g_string_new ("date=");
      g_string_append_uri_escaped (query, date, NULL, FALSE);
    }

  hearth_api_send (self, "GET", "/score", query != NULL ? query->str : NULL, NULL, TRUE,
                   score_parser, NULL, NULL, g_object_unref,
                   hearth_api_get_score_async, cancellable, callback, user_data);
}

HearthScore *
hearth_api_get_score_finish (HearthApi     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return hearth_api_finish (self, result, hearth_api_get_score_async, error);
}

void
hearth_api_get_score_history_async (HearthApi           *self,
                                    guint                days,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *query = NULL;

  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (days > 0)
    query = g_strdup_printf ("days=%u", days);

  hearth_api_send (self, "GET", "/score/history", query, NULL, TRUE,
                   score_history_parser, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                   hearth_api_get_score_history_async, cancellable, callback, user_data);
}

GPtrArray *
hearth_api_get_score_history_finish (HearthApi     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return hearth_api_finish (self, result, hearth_api_get_score_history_async, error);
}
