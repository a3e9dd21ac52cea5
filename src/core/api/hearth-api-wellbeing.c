/* hearth-api-wellbeing.c: rewards, the score and its history
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-api"

#include "config.h"

#include "hearth-api-private.h"
#include "hearth-parse.h"
#include "hearth-reward.h"
#include "hearth-score.h"

/* GET /rewards, POST /rewards/:id/consume */

static GObject *
reward_item_parser (HearthApi   *self,
                    JsonNode    *node,
                    const char  *path,
                    gpointer     parser_data,
                    GError     **error)
{
  return (GObject *) hearth_parse_reward (node, path, error);
}

void
hearth_api_list_rewards_async (HearthApi           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_API (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _hearth_api_send_for_items (self, "GET", "/rewards", NULL, NULL,
                              reward_item_parser, NULL, NULL,
                              hearth_api_list_rewards_async, cancellable, callback, user_data);
}

GPtrArray *
hearth_api_list_rewards_finish (HearthApi     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _hearth_api_finish (self, result, hearth_api_list_rewards_async, error);
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

  path = _hearth_api_build_path ("/rewards", reward_id, "/consume");
  _hearth_api_send_for_items (self, "POST", path, NULL, NULL,
                              reward_item_parser, "reward", NULL,
                              hearth_api_consume_reward_async, cancellable, callback, user_data);
}

HearthReward *
hearth_api_consume_reward_finish (HearthApi     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _hearth_api_finish (self, result, hearth_api_consume_reward_async, error);
}

/* GET /score, GET /score/history */

static GObject *
score_item_parser (HearthApi   *self,
                   JsonNode    *node,
                   const char  *path,
                   gpointer     parser_data,
                   GError     **error)
{
  return (GObject *) hearth_parse_score (node, path, error);
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

  query = g_string_new (NULL);
  if (date != NULL)
    _hearth_api_append_query (query, "date", date);

  _hearth_api_send_for_items (self, "GET", "/score", query->len > 0 ? query->str : NULL, NULL,
                              score_item_parser, "score", NULL,
                              hearth_api_get_score_async, cancellable, callback, user_data);
}

HearthScore *
hearth_api_get_score_finish (HearthApi     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _hearth_api_finish (self, result, hearth_api_get_score_async, error);
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

  _hearth_api_send_for_items (self, "GET", "/score/history", query, NULL,
                              score_item_parser, NULL, NULL,
                              hearth_api_get_score_history_async, cancellable, callback,
                              user_data);
}

GPtrArray *
hearth_api_get_score_history_finish (HearthApi     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _hearth_api_finish (self, result, hearth_api_get_score_history_async, error);
}
