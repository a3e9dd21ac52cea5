/* hearth-api-auth.c: POST /auth/login and GET /me
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-api"

#include "config.h"

#include "hearth-api-private.h"
#include "hearth-parse.h"
#include "hearth-user.h"

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

  if (!(object = _hearth_api_expect_object (node, error)))
    return NULL;

  if (!(token = hearth_parse_get_required_id (object, NULL, "token", error)))
    return NULL;

  if (!(user = parse_user_object (json_object_get_member (object, "user"), "user", error)))
    return NULL;

  _hearth_api_remember_me (self, user, token);

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
  _hearth_api_send (self, "POST", "/auth/login", NULL, body, FALSE,
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

  reply = _hearth_api_finish (self, result, hearth_api_login_async, error);
  if (reply == NULL)
    return NULL;

  token = g_steal_pointer (&reply->token);
  if (user != NULL)
    *user = g_steal_pointer (&reply->user);
  login_reply_free (reply);

  return token;
}

/* GET /me */

static GObject *
me_item_parser (HearthApi   *self,
                JsonNode    *node,
                const char  *path,
                gpointer     parser_data,
                GError     **error)
{
  HearthUser *user;

  /* @parser_data: the token the request was sent with. */
  if ((user = hearth_parse_user (node, path, error)))
    _hearth_api_remember_me (self, user, parser_data);

  return (GObject *) user;
}

void
hearth_api_get_me_async (HearthApi           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _hearth_api_send_for_items (self, "GET", "/me", NULL, NULL,
                              me_item_parser, "user", hearth_api_get_token (self),
                              hearth_api_get_me_async, cancellable, callback, user_data);
}

HearthUser *
hearth_api_get_me_finish (HearthApi     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return _hearth_api_finish (self, result, hearth_api_get_me_async, error);
}
