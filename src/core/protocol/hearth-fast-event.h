/* hearth-fast-event.h: a single-pass decoder for the hot frame (messages-received/-sent)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-codec.h"
#include "hearth-event.h"

G_BEGIN_DECLS

/*
 * Decodes one text frame straight into a HearthEvent, without a JsonNode tree, when it is a
 * plain messages-received / messages-sent EVENT (or their singular aliases):
 *
 *   envelope    {"event": NAME, "data": {...}}
 *   Socket.IO   42[NAME, {...}]  and, with HEARTH_CODEC_FLAGS_RECOVERY, 42[NAME, {...}, "offset"]
 *               (main namespace, no ack id)
 *
 * The frame goes through the same UTF-8 and strict JSON checks as hearth_codec_decode().
 * Anything this decoder does not handle exactly as the general path would — another event,
 * another packet, a missing or ill-typed required field, a \u escape, a time that is not
 * "YYYY-MM-DDTHH:MM:SS[.fff]Z", a duplicated member, ... — gives NULL, never an error: the
 * caller then takes the general path (hearth_codec_decode() + hearth_event_new_from_json()),
 * which is the reference. When it returns an event, that event is equal, field by field, to the
 * one the general path gives (tests/test-fast-event.c, tests/fuzz/fuzz-codec.c).
 *
 * @out_offset (Socket.IO with recovery): the stripped offset (transfer full), or NULL.
 */
HearthEvent *_hearth_fast_event_decode (HearthFraming      framing,
                                        const char        *text,
                                        gsize              length,
                                        HearthCodecFlags   flags,
                                        char             **out_offset);

G_END_DECLS
