/* hearth-parse.h: the object parsers shared by the event parser and the REST client
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_PARSE_ERROR (hearth_parse_error_quark ())

typedef enum
{
  HEARTH_PARSE_ERROR_MISSING_FIELD,   /* a required field is absent, null or empty */
  HEARTH_PARSE_ERROR_INVALID_FIELD,   /* a field has the wrong type or an unusable value */
} HearthParseError;

GQuark             hearth_parse_error_quark       (void);

/*
 * The parsers follow the tolerance rules of DESIGN.md §3: unknown members are ignored, a
 * missing or ill-typed optional member is dropped, a missing or ill-typed required member is
 * an error. They never print criticals, whatever the input.
 *
 * @path names the node being parsed in error messages ("message", "chats[3]"); a field error
 * reads "<path>.<member> <problem>" ("message.user._id is missing") and an error about the
 * node itself "<path> <problem>" ("message is not an object"). NULL: a default ("user",
 * "message", ...); "": the top level (field errors read "<member> <problem>", as for the data
 * of an event). The error domain is HEARTH_PARSE_ERROR.
 */

/* An ISO 8601 time, converted to UTC; NULL for NULL, empty or unparsable text. */
GDateTime         *hearth_parse_time              (const char   *text);

/* A user: an object {_id, name?, username?, photo?, lastSeen?} or an id string (the user then
 * only has an id). */
HearthUser        *hearth_parse_user              (JsonNode     *node,
                                                   const char   *path,
                                                   GError      **error);
/* A message {_id, chat, user (object or id), at, content?, reel?/"reel?", clientId?}, state
 * SENT. @default_chat (nullable) stands in for a missing "chat". */
HearthMessage     *hearth_parse_message           (JsonNode     *node,
                                                   const char   *path,
                                                   const char   *default_chat,
                                                   GError      **error);
/* A chat (doc/API.md §3): {_id, participants:[user], name?, admin?, lastMessage?, unread?,
 * lastReadAt?, createdAt?}. A last message whose sender is a participant gets that
 * participant's HearthUser as its sender. */
HearthChat        *hearth_parse_chat              (JsonNode     *node,
                                                   const char   *path,
                                                   GError      **error);
/* A reward {_id, title?, description?, remaining?, isExpired?, expiresAt?, isConsumedByYou?};
 * "remaining" is -1 when absent. */
HearthReward      *hearth_parse_reward            (JsonNode     *node,
                                                   const char   *path,
                                                   GError      **error);
/* A score: the data of score-updated (or a history entry {date, totalScore}); only "date"
 * is required. */
HearthScore       *hearth_parse_score             (JsonNode     *node,
                                                   const char   *path,
                                                   GError      **error);
/* One score action; NULL when it is not an object or has no "type" (callers skip it). */
HearthScoreAction *hearth_parse_score_action      (JsonNode     *node);
/* The usable actions of a score section's "actions" (element type HearthScoreAction, with a
 * free function; empty when @section is NULL). */
GPtrArray         *hearth_parse_score_actions     (JsonObject   *section);

/* Tolerant getters. @object may be NULL. */
/* A non-empty string member, or NULL. */
const char        *hearth_parse_get_string        (JsonObject   *object,
                                                   const char   *member);
/* For keys printed with "?" in the seed ("reel?", "event?"): a non-empty string under the plain
 * key wins, "key?" is the fallback. */
const char        *hearth_parse_get_optional_id   (JsonObject   *object,
                                                   const char   *member);
/* A required, non-empty id string; NULL with @error set otherwise. @path: as above, NULL or ""
 * for the top level. */
const char        *hearth_parse_get_required_id   (JsonObject   *object,
                                                   const char   *path,
                                                   const char   *member,
                                                   GError      **error);
/* A required ISO 8601 time (transfer full); NULL with @error set otherwise. */
GDateTime         *hearth_parse_get_required_time (JsonObject   *object,
                                                   const char   *path,
                                                   const char   *member,
                                                   GError      **error);
double             hearth_parse_get_number_or     (JsonObject   *object,
                                                   const char   *member,
                                                   double        fallback);
gboolean           hearth_parse_get_bool_or       (JsonObject   *object,
                                                   const char   *member,
                                                   gboolean      fallback);
/* Saturating conversions of JSON numbers (NaN gives 0): never undefined behaviour. */
int                hearth_parse_number_to_int     (double        value);
gint64             hearth_parse_number_to_int64   (double        value);

G_END_DECLS
