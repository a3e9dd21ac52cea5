/* hearth-json.h: hardened JSON parsing shared by the codec, the event parser and the server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deepest nesting of arrays/objects accepted. json-glib's parser recurses, so untrusted
 * input is depth-checked before it is handed over. */
#define HEARTH_JSON_MAX_DEPTH 64

#define HEARTH_JSON_ERROR (hearth_json_error_quark ())

typedef enum
{
  HEARTH_JSON_ERROR_INVALID_UTF8,
  HEARTH_JSON_ERROR_TOO_DEEP,
  HEARTH_JSON_ERROR_SYNTAX,
  HEARTH_JSON_ERROR_EMPTY,
} HearthJsonError;

GQuark      hearth_json_error_quark      (void);

/* Parses untrusted text (length -1: NUL-terminated). Never crashes, never logs criticals;
 * returns a new node (transfer full) or NULL with @error set. */
JsonNode   *hearth_json_parse            (const char   *text,
                                          gssize        length,
                                          GError      **error);

/* Serialises compactly (transfer full). */
char       *hearth_json_to_string        (JsonNode     *node);

/* Type-checked member lookups that never print criticals: NULL/FALSE when the member is
 * missing, null, or of another type. */
JsonObject *hearth_json_object_get_object (JsonObject  *object,
                                           const char  *member);
JsonArray  *hearth_json_object_get_array  (JsonObject  *object,
                                           const char  *member);
const char *hearth_json_object_get_string (JsonObject  *object,
                                           const char  *member);
gboolean    hearth_json_object_get_number (JsonObject  *object,
                                           const char  *member,
                                           double      *out_value);
gboolean    hearth_json_object_get_bool   (JsonObject  *object,
                                           const char  *member,
                                           gboolean    *out_value);

G_END_DECLS
