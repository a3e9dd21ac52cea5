/* hearth-api.h: typed REST calls of doc/API.md
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_API_ERROR (hearth_api_error_quark ())

/*
 * HearthApiError: the codes mirror the error events (doc/API.md §2), plus what can go wrong
 * before a documented answer arrives. The GError message is the server's "message" when it sent
 * one, else a sentence for humans ("Could not reach 127.0.0.1:8080: Connection refused").
 */
typedef enum
{
  HEARTH_API_ERROR_AUTHORIZATION_FAILED,   /* 401 */
  HEARTH_API_ERROR_VERIFICATION_REQUIRED,  /* 403 verification-required */
  HEARTH_API_ERROR_VALIDATION_FAILED,      /* 400 */
  HEARTH_API_ERROR_NOT_FOUND,              /* 404, 405 */
  HEARTH_API_ERROR_PERMISSION_DENIED,      /* 403 permission-denied (or 403 without a body) */
  HEARTH_API_ERROR_SERVER_ERROR,           /* 5xx, other statuses */
  HEARTH_API_ERROR_NETWORK,                /* no answer: refused, DNS, TLS, timeout */
  HEARTH_API_ERROR_BAD_REPLY,              /* an answer that is not the documented shape */
} HearthApiError;

GQuark      hearth_api_error_quark          (void);

/* Whether repeating the same request may succeed later (NETWORK, SERVER_ERROR, BAD_REPLY,
 * cancelled) rather than fail again the same way (the 4xx codes). */
gboolean    hearth_api_error_is_transient   (const GError *error);

#define HEARTH_TYPE_API (hearth_api_get_type ())
G_DECLARE_FINAL_TYPE (HearthApi, hearth_api, HEARTH, API, GObject)

/*
 * HearthApi: one SoupSession talking to @base_url (http or https; TLS verified). Properties:
 * "base-url" (construct-only), "token" (nullable; sent as Authorization: Bearer), "timeout"
 * (seconds, default 30: a request that takes longer fails with NETWORK). Every call may be
 * cancelled; a cancelled call fails with G_IO_ERROR_CANCELLED.
 */
HearthApi  *hearth_api_new                  (const char          *base_url,
                                             const char          *token);
const char *hearth_api_get_base_url         (HearthApi           *self);
const char *hearth_api_get_token            (HearthApi           *self);
void        hearth_api_set_token            (HearthApi           *self,
                                             const char          *token);
guint       hearth_api_get_timeout          (HearthApi           *self);
void        hearth_api_set_timeout          (HearthApi           *self,
                                             guint                seconds);

/* POST /auth/login. Returns the token; @user gets the signed-in user. */
void        hearth_api_login_async          (HearthApi           *self,
                                             const char          *username,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char       *hearth_api_login_finish         (HearthApi           *self,
                                             GAsyncResult        *result,
                                             HearthUser         **user,
                                             GError             **error);

/* GET /me */
void        hearth_api_get_me_async         (HearthApi           *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
HearthUser *hearth_api_get_me_finish        (HearthApi           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* GET /chats: a GPtrArray of HearthChat (free function set), most recent first. */
void        hearth_api_list_chats_async     (HearthApi           *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray  *hearth_api_list_chats_finish    (HearthApi           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* GET /chats/:id */
void        hearth_api_get_chat_async       (HearthApi           *self,
                                             const char          *chat_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
HearthChat *hearth_api_get_chat_finish      (HearthApi           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* GET /chats/:id/messages: a GPtrArray of HearthMessage (state SENT), oldest first.
 * @before / @after: nullable message ids; @limit: 0 for the server's default. */
void        hearth_api_list_messages_async  (HearthApi           *self,
                                             const char          *chat_id,
                                             const char          *before,
                                             const char          *after,
                                             guint                limit,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray  *hearth_api_list_messages_finish (HearthApi           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* POST /chats/:id/messages. @reel and @client_id are nullable. Returns the stored message
 * (state SENT, with the server's id and the client id). */
void        hearth_api_post_message_async   (HearthApi           *self,
                                             const char          *chat_id,
                                             const char          *content,
                                             const char          *reel,
                                             const char          *client_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
HearthMessage *hearth_api_post_message_finish (HearthApi         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* GET /rewards: a GPtrArray of HearthReward. */
void        hearth_api_list_rewards_async   (HearthApi           *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray  *hearth_api_list_rewards_finish  (HearthApi           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* POST /rewards/:id/consume */
void        hearth_api_consume_reward_async (HearthApi           *self,
                                             const char          *reward_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
HearthReward *hearth_api_consume_reward_finish (HearthApi        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* GET /score?date=YYYY-MM-DD; @date NULL: the current score. */
void        hearth_api_get_score_async      (HearthApi           *self,
                                             const char          *date,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
HearthScore *hearth_api_get_score_finish    (HearthApi           *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* GET /score/history?days=N: a GPtrArray of HearthScore with only "date" and "total-score"
 * set, newest last. */
void        hearth_api_get_score_history_async  (HearthApi           *self,
                                                 guint                days,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray  *hearth_api_get_score_history_finish (HearthApi           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
