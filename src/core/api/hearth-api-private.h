/* hearth-api-private.h: the REST transport, shared by the per-resource files of HearthApi
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "hearth-api.h"

G_BEGIN_DECLS

/* Turns the JSON of a successful reply into the call's result, or fails with @error (any
 * domain: the transport rewrites it into BAD_REPLY naming the endpoint). */
typedef gpointer (*HearthApiReplyParser) (HearthApi   *self,
                                          JsonNode    *node,
                                          gpointer     parser_data,
                                          GError     **error);

/* Turns one item of a reply into a model object; @path names it in errors ("chat", "[3]"). */
typedef GObject *(*HearthApiItemParser)  (HearthApi   *self,
                                          JsonNode    *node,
                                          const char  *path,
                                          gpointer     parser_data,
                                          GError     **error);

/*
 * Sends @method @path (segments already escaped) with an optional @query (already escaped,
 * without "?") and an optional JSON @body, with the token when @authenticated; the reply is
 * turned into the task's result by @parser (freed with @result_free). Takes ownership of
 * @parser_data. Timeouts, cancellation and error answers become HEARTH_API_ERROR (or
 * G_IO_ERROR_CANCELLED).
 */
void        _hearth_api_send           (HearthApi            *self,
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
                                        gpointer              user_data);
/* An authenticated _hearth_api_send() whose reply is one object called @name (the result is
 * a GObject) or, with @name NULL, an array of them (a GPtrArray, never partial); each is
 * parsed by @item_parser with a copy of @parser_data. */
void        _hearth_api_send_for_items (HearthApi            *self,
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
                                        gpointer              user_data);
/* The task's result (transfer full), checking that it comes from @source_tag. */
gpointer    _hearth_api_finish         (HearthApi            *self,
                                        GAsyncResult         *result,
                                        gpointer              source_tag,
                                        GError              **error);

/* "<prefix>/<escaped id><suffix>" (transfer full; @suffix nullable). */
char       *_hearth_api_build_path     (const char           *prefix,
                                        const char           *id,
                                        const char           *suffix);
/* Appends "name=<escaped value>" to @query, after a "&" unless it is empty. */
void        _hearth_api_append_query   (GString              *query,
                                        const char           *name,
                                        const char           *value);
/* The object @node holds, else NULL and a HEARTH_PARSE_ERROR. */
JsonObject *_hearth_api_expect_object  (JsonNode             *node,
                                        GError              **error);

/* Chats get the signed-in user as their "me-id" (for their titles) once login or /me said
 * who @token belongs to. _get_me_id(): NULL unless that is the current token. */
void        _hearth_api_remember_me    (HearthApi            *self,
                                        HearthUser           *user,
                                        const char           *token);
const char *_hearth_api_get_me_id      (HearthApi            *self);

G_END_DECLS
