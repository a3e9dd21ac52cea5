/* hearth-server-cast.h: the demo cast, scripted contacts acting on the reference server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-server.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_SERVER_CAST (hearth_server_cast_get_type ())
G_DECLARE_FINAL_TYPE (HearthServerCast, hearth_server_cast, HEARTH, SERVER_CAST, GObject)

/*
 * The cast of `hearth --demo` and `hearth-server --demo`: the other users of the seed come
 * online and go offline, type and chat, read and answer what "me" sends, create chats with
 * me, add me to groups, remove someone from a group, delete chats they created, consume
 * rewards and move today's score. Every listening event of the contract but
 * account-terminated fires within the first 60 s of demo time, and the scenes go on at about
 * that pace. In particular a reward is consumed (reward-consumed) and me's score is updated
 * (score-updated) at least once in every demo minute, forever: a reward is restocked when
 * none has more than one left (and brought back from expiry when all have expired), and once
 * every action of the day is completed the score goes on with reels seen. The script is
 * deterministic for a given seed.
 *
 * The cast acts only as the server's acting API does (hearth_server_post_message() and
 * friends; bringing a reward back from expiry, for which there is no acting call, is the one
 * exception), from timeouts attached to the server's main context. It keeps ids, never
 * pointers, so chats deleted or left by the app's user are simply skipped; it never touches
 * the seed's chats' membership and keeps at most a few chats of its own (deleting the
 * oldest), so it runs forever in bounded memory.
 *
 * Properties:
 *  "server"      HearthServer (construct-only)
 *  "me"          the user the demo signs in as (construct-only)
 *  "time-scale"  real seconds per demo second (default 1; tests use e.g. 0.005)
 *  "seed"        seed of the scene generator, applied by start() (default 1)
 *  "ambient"     run the scripted scenes (default TRUE); FALSE leaves only the reactions to
 *                the messages "me" sends (read, then a reply)
 *  "running"     between start() and stop() (read-only)
 */

HearthServerCast *hearth_server_cast_new            (HearthServer     *server,
                                                     const char       *me_user_id);
HearthServer     *hearth_server_cast_get_server     (HearthServerCast *self);
const char       *hearth_server_cast_get_me         (HearthServerCast *self);
double            hearth_server_cast_get_time_scale (HearthServerCast *self);
void              hearth_server_cast_set_time_scale (HearthServerCast *self,
                                                     double            time_scale);
guint             hearth_server_cast_get_seed       (HearthServerCast *self);
void              hearth_server_cast_set_seed       (HearthServerCast *self,
                                                     guint             seed);
gboolean          hearth_server_cast_get_ambient    (HearthServerCast *self);
void              hearth_server_cast_set_ambient    (HearthServerCast *self,
                                                     gboolean          ambient);
gboolean          hearth_server_cast_get_running    (HearthServerCast *self);

/* Starts the script from its beginning (demo time 0). */
void              hearth_server_cast_start          (HearthServerCast *self);
/* Stops: contacts the cast brought online go offline, pending scenes are dropped and no
 * source of the cast stays attached. */
void              hearth_server_cast_stop           (HearthServerCast *self);
/* How far the script has played since start(), in demo milliseconds: the due time of the
 * last step it ran (every step due earlier has run). */
gint64            hearth_server_cast_get_elapsed    (HearthServerCast *self);

G_END_DECLS
