/* hearth-server.h: the reference server (REST + WebSocket in both framings)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_SERVER_ERROR (hearth_server_error_quark ())

typedef enum
{
  HEARTH_SERVER_ERROR_SEED,        /* the seed fixture is not valid */
  HEARTH_SERVER_ERROR_LISTEN,      /* could not listen */
  HEARTH_SERVER_ERROR_NOT_FOUND,   /* no such user, chat or reward */
  HEARTH_SERVER_ERROR_INVALID,     /* invalid argument (empty message, not a participant) */
} HearthServerError;

#define HEARTH_TYPE_SERVER (hearth_server_get_type ())
G_DECLARE_FINAL_TYPE (HearthServer, hearth_server, HEARTH, SERVER, GObject)

/*
 * Runs in the thread-default main context of the thread that calls listen().
 *
 * Endpoints: the REST contract of doc/API.md, Socket.IO v4 at /socket.io/ and the envelope
 * framing at /ws. Every endpoint but /auth/login needs "Authorization: Bearer <token>"
 * (Socket.IO also accepts {"token"} in the CONNECT payload).
 *
 * Signals:
 *  "client-connected"    (const char *user_id, HearthFraming framing)
 *  "client-disconnected" (const char *user_id, HearthFraming framing)
 *  "client-event"        (const char *user_id, HearthEvent *event): a client emitted
 *                         typing-started / typing-stopped / messages-read
 *  "client-pong"         (const char *user_id): a Socket.IO client answered a ping
 *                         (user_id is NULL before the client authenticated)
 *  "message-posted"      (const char *user_id, const char *chat_id, const char *message_id):
 *                         a new message was stored (REST POST or post_message()); not
 *                         emitted for an idempotent replay
 *
 * A "live connection" below is an authenticated WebSocket connection: an envelope
 * connection once upgraded, a Socket.IO one once its CONNECT was accepted (between
 * "client-connected" and "client-disconnected").
 */

GQuark        hearth_server_error_quark      (void);

HearthServer *hearth_server_new              (void);
/* Replaces the in-memory state with a seed fixture (format: doc/API.md, "Seed fixture"). */
gboolean      hearth_server_load_seed_file   (HearthServer   *self,
                                              const char     *path,
                                              GError        **error);
gboolean      hearth_server_load_seed_data   (HearthServer   *self,
                                              const char     *json,
                                              gssize          length,
                                              GError        **error);
/* Loads the fixture compiled into the library (tests/data/seed.json, as the resource
 * /io/github/hearthchat/Hearth/server/seed.json). */
gboolean      hearth_server_load_default_seed (HearthServer  *self,
                                              GError        **error);
/* HEARTH_FRAMING_AUTO (default) serves both WebSocket endpoints; the others serve only one
 * (the other endpoint answers 404). Call before listen(). */
void          hearth_server_set_framing      (HearthServer   *self,
                                              HearthFraming   framing);
/* Socket.IO heartbeat advertised in the open packet (default 25000 / 20000 ms). */
void          hearth_server_set_ping         (HearthServer   *self,
                                              guint           interval_ms,
                                              guint           timeout_ms);
/* Listens on 127.0.0.1:@port (0: any free port). */
gboolean      hearth_server_listen           (HearthServer   *self,
                                              guint           port,
                                              GError        **error);
guint         hearth_server_get_port         (HearthServer   *self);
/* "http://127.0.0.1:PORT" (transfer full). */
char         *hearth_server_dup_url          (HearthServer   *self);
/* Stops listening and closes every connection. */
void          hearth_server_shutdown         (HearthServer   *self);

/* Test hooks. */
/* A valid token for a seeded user (what POST /auth/login would return). */
const char   *hearth_server_get_token        (HearthServer   *self,
                                              const char     *user_id);
/* Sends an event to every live connection of @user_id (NULL: everyone), in that
 * connection's framing. @data_json is the data as JSON text. Returns how many got it. */
guint         hearth_server_push_event       (HearthServer   *self,
                                              const char     *user_id,
                                              const char     *name,
                                              const char     *data_json);
/* Sends raw text as one frame, unframed (garbage, oversized frames). Returns how many. */
guint         hearth_server_push_raw         (HearthServer   *self,
                                              const char     *user_id,
                                              const char     *text);
/* Closes the connections of @user_id (NULL: all, authenticated or not) abruptly, without a
 * close frame (the TCP connection is shut down). A dropped Socket.IO session stays
 * recoverable for 2 minutes. Returns how many were dropped. */
guint         hearth_server_drop_connections (HearthServer   *self,
                                              const char     *user_id);
/* Stalled: the server stops sending anything (Socket.IO pings included) and stops
 * answering, as a hung server would; WebSocket pings still get libsoup's automatic pong.
 * Only WebSocket connections stall: REST keeps answering. Unstalling sends the Engine.IO
 * open packet to connections that were accepted meanwhile and restarts the pings. */
void          hearth_server_set_stalled      (HearthServer   *self,
                                              gboolean        stalled);
/* The next @n REST message POSTs that pass validation are handled as usual (stored,
 * broadcast, "message-posted") but get no answer: their HTTP connection is closed instead,
 * as if the server died right after storing them. */
void          hearth_server_set_fail_after_store (HearthServer *self,
                                                  guint         n);
/* Number of live WebSocket connections of @user_id (NULL: all). */
guint         hearth_server_count_connections (HearthServer  *self,
                                              const char     *user_id);
/* Benchmarks (hearth-server --flood N, hearth-server-flood.c): every connection that becomes
 * live from now on receives @n_events messages-received events in a chat of its user, as fast
 * as its socket takes them, then one "bench-done" event {"count": N}. 0 turns it off.
 * Call after listen(): it also stops offering permessage-deflate (socket.io does not). */
void          hearth_server_set_flood        (HearthServer   *self,
                                              guint           n_events);

/* Seed lookups. */
/* The user id of @username, or NULL. */
const char   *hearth_server_find_user        (HearthServer   *self,
                                              const char     *username);
/* The seed's "me": the user the demo signs in as (NULL if the seed names none). */
const char   *hearth_server_get_default_user (HearthServer   *self);
/* Usernames of every user, in seed order (transfer full). */
char        **hearth_server_dup_usernames    (HearthServer   *self);

/* Acting as a user, exactly as the REST API and the sockets do (for the demo cast). */
/* Posts a message as @user_id, broadcasting messages-received / messages-sent.
 * Returns the new message id (transfer full) or NULL with @error set. */
char         *hearth_server_post_message     (HearthServer   *self,
                                              const char     *user_id,
                                              const char     *chat_id,
                                              const char     *content,
                                              const char     *reel,
                                              GError        **error);
/* @user_id read @chat_id up to now: updates lastReadAt and broadcasts messages-read. */
gboolean      hearth_server_mark_read        (HearthServer   *self,
                                              const char     *user_id,
                                              const char     *chat_id,
                                              GError        **error);
/* Broadcasts typing-started / typing-stopped of @user_id in @chat_id. */
gboolean      hearth_server_set_typing       (HearthServer   *self,
                                              const char     *user_id,
                                              const char     *chat_id,
                                              gboolean        typing,
                                              GError        **error);
/* Broadcasts user-online / user-offline of @user_id to every user sharing a chat with them
 * ({user, chats: the chats they share, chat: their direct chat, else the first shared}). */
gboolean      hearth_server_set_online       (HearthServer   *self,
                                              const char     *user_id,
                                              gboolean        online,
                                              GError        **error);
/* @creator_id creates a chat with @participant_ids (NULL-terminated, the creator may be
 * among them; 2 or more distinct users in all). A named chat or one of 3 or more is a group
 * with the creator as admin. Every participant gets chat-created {chat}. An unnamed chat of
 * two users who already have one is refused (HEARTH_SERVER_ERROR_INVALID).
 * Returns the new chat id (transfer full) or NULL with @error set. */
char         *hearth_server_create_chat      (HearthServer       *self,
                                              const char         *creator_id,
                                              const char * const *participant_ids,
                                              const char         *name,
                                              GError            **error);
/* @admin_id adds @user_id to @chat_id: @admin_id must be a participant, and the admin if
 * the chat has one. The added user gets chat-joined {chat, admin}. */
gboolean      hearth_server_add_participant  (HearthServer   *self,
                                              const char     *admin_id,
                                              const char     *chat_id,
                                              const char     *user_id,
                                              GError        **error);
/* @by_id removes @user_id from @chat_id: the chat's admin may remove anyone, anyone may
 * remove themselves (leave). Every participant, the removed one included, gets
 * chat-participant-removed {chat, user}. A removed admin leaves the chat without one. */
gboolean      hearth_server_remove_participant (HearthServer *self,
                                              const char     *by_id,
                                              const char     *chat_id,
                                              const char     *user_id,
                                              GError        **error);
/* @user_id (a participant) deletes @chat_id and its messages for everyone; every
 * participant gets chat-deleted {chat, user}. */
gboolean      hearth_server_delete_chat      (HearthServer   *self,
                                              const char     *user_id,
                                              const char     *chat_id,
                                              GError        **error);
/* @user_id consumes @reward_id as POST /rewards/:id/consume does (everyone gets
 * reward-consumed). @user_id NULL: someone outside the seed (only the count drops).
 * HEARTH_SERVER_ERROR_INVALID when the reward expired or ran out. */
gboolean      hearth_server_consume_reward   (HearthServer   *self,
                                              const char     *user_id,
                                              const char     *reward_id,
                                              GError        **error);
/* Sets the number of @reward_id left (a restock); everyone gets reward-consumed with the
 * new count when it changed. */
gboolean      hearth_server_restock_reward   (HearthServer   *self,
                                              const char     *reward_id,
                                              guint           remaining,
                                              GError        **error);
/* @user_id did the score action @action_type of today's score ("send-dm-message",
 * "focus-video", …; NULL: watched a reel). A first completion marks it completed and adds
 * its worth to its section's score, totalScore and today's history entry; a repeat changes
 * nothing and sends nothing. @user_id gets score-updated with the whole score (the server
 * keeps one score, shared by all users). HEARTH_SERVER_ERROR_NOT_FOUND: no score or no such
 * action. */
gboolean      hearth_server_update_score     (HearthServer   *self,
                                              const char     *user_id,
                                              const char     *action_type,
                                              GError        **error);
/* Replaces the server's score (the GET /score and score-updated shape, as JSON text) as it
 * is, times unshifted; nobody is told. HEARTH_SERVER_ERROR_INVALID: not JSON, or no numeric
 * "totalScore" and "date". */
gboolean      hearth_server_set_score        (HearthServer   *self,
                                              const char     *score_json,
                                              GError        **error);

G_END_DECLS
