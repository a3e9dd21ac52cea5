/* hearth-json-private.h: hearth-json internals for the protocol layer
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-json.h"

G_BEGIN_DECLS

/* The strict RFC 8259 check (depth HEARTH_JSON_MAX_DEPTH) alone: one linear pass, no
 * allocation. @text must already be valid UTF-8 without NUL bytes; it need not be
 * NUL-terminated. */
gboolean  _hearth_json_validate    (const char  *text,
                                    gsize        length,
                                    GError     **error);

/* hearth_json_parse() for text already known to be valid UTF-8 without NUL bytes (the codec
 * checks a whole frame once). */
JsonNode *_hearth_json_parse_utf8  (const char  *text,
                                    gsize        length,
                                    GError     **error);

G_END_DECLS
