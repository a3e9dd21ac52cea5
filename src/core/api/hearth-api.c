/* hearth-api.c: the REST transport: requests, timeouts, error mapping, reply shapes
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-api"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "hearth-api-private.h"
#include "hearth-json.h"
#include "hearth-parse.h"
#include "hearth-user.h"
#include "hearth-utils.h"

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

typedef struct
{
  HearthApi            *self;
  char                 *endpoint;          /* "GET /chats": names the call in errors and logs */
  SoupMessage          *message;
  GCancellable         *cancellable;       /* cancels the transfer: the caller's or the timer */
  GCancellable         *user_cancellable;
  gulong                user_cancelled_id;
  GSource              *timeout_source;
  HearthApiReplyParser  parser;
  gpointer              parser_data;
  GDestroyNotify        parser_data_free;
  GDestroyNotify        result_free;
  guint                 timed_out : 1;
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

void
_hearth_api_send (HearthApi            *self,
                  const char           *method,
                  const char           *path,
                  const char           *query,
                  JsonNode             *body,
                  gboolean              authenticated,
                  HearthApiReplyParser  parser,
                  gpointer              parser_data,
                  GDestroyNotify        parser_data_free,
                  GDestroyNotify        result_free,
                  gpointer              source_tag,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data)
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

gpointer
_hearth_api_finish (HearthApi     *self,
                    GAsyncResult  *result,
                    gpointer       source_tag,
                    GError       **error)
{
  g_return_val_if_fail (HEARTH_IS_API (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
_hearth_api_build_path (const char *prefix,
                        const char *id,
                        const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat (prefix, "/", escaped, suffix, NULL);
}

void
_hearth_api_append_query (GString    *query,
                          const char *name,
                          const char *value)
{
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append (query, name);
  g_string_append_c (query, '=');
  g_string_append_uri_escaped (query, value, NULL, FALSE);
}

/* Reply shapes. */

JsonObject *
_hearth_api_expect_object (JsonNode  *node,
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

/* A JSON array of items, all of which must parse: never a partial result. */
static GPtrArray *
parse_array (HearthApi           *self,
             JsonNode            *node,
             HearthApiItemParser  item_parser,
             gpointer             parser_data,
             GError             **error)
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

/* What _hearth_api_send_for_items() expects. */
typedef struct
{
  HearthApiItemParser  parse;
  const char          *name;   /* of the one item; NULL: an array of them */
  char                *data;
} ItemsReply;

static void
items_reply_free (gpointer data)
{
  ItemsReply *items = data;

  g_free (items->data);
  g_free (items);
}

static gpointer
items_reply_parser (HearthApi  *self,
                    JsonNode   *node,
                    gpointer    parser_data,
                    GError    **error)
{
  ItemsReply *items = parser_data;

  if (items->name == NULL)
    return parse_array (self, node, items->parse, items->data, error);

  if (!_hearth_api_expect_object (node, error))
    return NULL;

  return items->parse (self, node, items->name, items->data, error);
}

void
_hearth_api_send_for_items (HearthApi            *self,
                            const char           *method,
                            const char           *path,
                            const char           *query,
                            JsonNode             *body,
                            HearthApiItemParser   item_parser,
                            const char           *name,
                            const char           *parser_data,
                            gpointer              source_tag,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  ItemsReply *items = g_new0 (ItemsReply, 1);

  items->parse = item_parser;
  items->name = name;
  items->data = g_strdup (parser_data);

  _hearth_api_send (self, method, path, query, body, TRUE,
                    items_reply_parser, items, items_reply_free,
                    name != NULL ? g_object_unref : (GDestroyNotify) g_ptr_array_unref,
                    source_tag, cancellable, callback, user_data);
}

/* Who the token belongs to. */

void
_hearth_api_remember_me (HearthApi  *self,
                         HearthUser *user,
                         const char *token)
{
  hearth_set_str (&self->me_id, hearth_user_get_id (user));
  hearth_set_str (&self->me_token, token);
}

const char *
_hearth_api_get_me_id (HearthApi *self)
{
  if (self->me_id == NULL || self->token == NULL || g_strcmp0 (self->me_token, self->token) != 0)
    return NULL;

  return self->me_id;
}


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
