/* hearth-demo.h: the in-process demo: the reference server with its cast
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-server.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_DEMO (hearth_demo_get_type ())
G_DECLARE_FINAL_TYPE (HearthDemo, hearth_demo, HEARTH, DEMO, GObject)

/*
 * HearthDemo (DESIGN.md §8): the reference server on 127.0.0.1 (any free port) with the seed
 * fixture and the demo cast, plus a private data directory for the demo account's cache,
 * deleted by stop(). The app signs in to it like to any server, with the seed user's token.
 */

HearthDemo   *hearth_demo_new          (void);
/* Before start(): whether the cast acts (default TRUE; tests turn it off to be deterministic). */
void          hearth_demo_set_cast_enabled (HearthDemo *self,
                                        gboolean    enabled);
gboolean      hearth_demo_start        (HearthDemo  *self,
                                        GError     **error);
/* Stops the cast, shuts the server down and deletes the data directory. Safe twice. */
void          hearth_demo_stop         (HearthDemo  *self);
gboolean      hearth_demo_get_running  (HearthDemo  *self);
const char   *hearth_demo_get_url      (HearthDemo  *self);
const char   *hearth_demo_get_user_id  (HearthDemo  *self);
const char   *hearth_demo_get_token    (HearthDemo  *self);
const char   *hearth_demo_get_data_dir (HearthDemo  *self);
HearthServer *hearth_demo_get_server   (HearthDemo  *self);

G_END_DECLS
