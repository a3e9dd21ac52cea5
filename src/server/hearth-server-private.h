/* hearth-server-private.h: the struct and internals shared by the hearth-server-*.c files
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "hearth-server.h"

G_BEGIN_DECLS

/* Socket.IO heartbeat defaults (the reference server's, SOCKETIO.md §1). */
#define HEARTH_SERVER_PING_INTERVAL_DEFAULT 25000
#define HEARTH_SERVER_PING_TIMEOUT_DEFAULT  20000
/* Socket.IO closes a connection that sends no namespace CONNECT within this time. */
#define HEARTH_SERVER_CONNECT_TIMEOUT_MS    45000
/* Largest incoming frame, also advertised as "maxPayload". */
#define HEARTH_SERVER_MAX_PAYLOAD           (16 * 1024 * 1024)
/* Connection-state recovery: buffer size and how long a detached session lives. */
#define HEARTH_SERVER_RECOVERY_MAX_EVENTS   1000
#define HEARTH_SERVER_RECOVERY_WINDOW_USEC  (120 * G_USEC_PER_SEC)
/* Messages paging. */
#define HEARTH_SERVER_PAGE_DEFAULT          50
#define HEARTH_SERVER_PAGE_MAX              200
/* Longest message content and client id accepted by POST /chats/:id/messages. */
#define HEARTH_SERVER_CONTENT_MAX           4000
#define HEARTH_SERVER_CLIENT_ID_MAX         128

#define HEARTH_SERVER_RESOURCE_SEED "/io/github/hearthchat/Hearth/server/seed.json"

typedef struct
{
  char     *id;
  char     *name;
  char     *username;
  char     *password;
  char     *photo;          /* nullable */
  gboolean  verified;
} HearthServerUser;

typedef struct
{
  char   *id;
  char   *chat_id;
  char   *user_id;
  char   *content;
  char   *reel;             /* nullable */
  char   *client_id;        /* nullable */
  gint64  at;               /* unix milliseconds */
} HearthServerMessage;

typedef struct
{
  char       *id;
  char       *name;         /* nullable */
  char       *admin_id;     /* nullable */
  GPtrArray  *participants; /* char *user ids */
  GHashTable *last_read_at; /* user id -> gint64 * (unix ms) */
  GPtrArray  *messages;     /* HearthServerMessage *, oldest first (owned) */
  gint64      created_at;   /* unix ms */
} HearthServerChat;

typedef struct
{
  char       *id;
  char       *title;
  char       *description;
  gint64      remaining;
  gboolean    expired;      /* as seeded; also expired once expires_at has passed */
  gint64      expires_at;   /* unix ms, 0: never */
  GHashTable *consumed_by;  /* set of user ids */
} HearthServerReward;

/* The whole in-memory data set; replaced atomically by a seed load. */
typedef struct
{
  char       *me_id;        /* nullable */
  GHashTable *users;        /* id -> HearthServerUser (owned) */
  GPtrArray  *user_order;   /* HearthServerUser *, seed order (borrowed) */
  GHashTable *chats;        /* id -> HearthServerChat (owned) */
  GPtrArray  *chat_order;   /* HearthServerChat *, seed order (borrowed) */
  GHashTable *messages;     /* id -> HearthServerMessage (borrowed from the chats) */
  GHashTable *client_ids;   /* "user-id\nclient-id" -> HearthServerMessage (borrowed) */
  GPtrArray  *rewards;      /* HearthServerReward (owned) */
  JsonNode   *score;        /* today's score-updated data, nullable */
  JsonArray  *history;      /* [{"date","totalScore"}], oldest first */
} HearthServerState;

typedef struct _HearthServerClient  HearthServerClient;
typedef struct _HearthServerSession HearthServerSession;

/* A Socket.IO session that survives a dropped transport (connection-state recovery). */
struct _HearthServerSession
{
  char               *sid;
  char               *pid;
  char               *user_id;
  GQueue              buffer;       /* HearthServerPacket *, oldest first */
  HearthServerClient *client;       /* attached client (borrowed), NULL when detached */
  gint64              detached_at;  /* monotonic usec */
};

/* One WebSocket connection. */
struct _HearthServerClient
{
  HearthServer            *server;        /* borrowed */
  SoupWebsocketConnection *conn;
  HearthFraming            framing;       /* SOCKET_IO or ENVELOPE */
  char                    *user_id;       /* authenticated user; NULL until known */
  char                    *header_user_id;/* user of a valid Authorization header, or NULL */
  gboolean                 connected;     /* client-connected was emitted */
  gboolean                 gone;          /* detached from the server */
  /* Socket.IO only */
  char                    *eio_sid;
  gboolean                 open_sent;
  HearthServerSession     *session;       /* borrowed from server->sessions */
  GSource                 *connect_timeout;
  GSource                 *ping_source;
  GSource                 *pong_timeout;
};

struct _HearthServer
{
  GObject             parent_instance;

  HearthServerState  *state;
  GHashTable         *tokens;          /* token -> user id */
  GHashTable         *user_tokens;     /* user id -> token */

  SoupServer         *soup;
  GSocketService     *service;         /* accepts for soup (see hearth_server_listen) */
  GMainContext       *context;         /* where the server runs (set by listen) */
  HearthFraming       framing;
  guint               ping_interval;
  guint               ping_timeout;
  guint               port;
  gboolean            stalled;
  guint               fail_after_store; /* REST POSTs left to leave unanswered */

  GPtrArray          *clients;         /* HearthServerClient (owned) */
  GHashTable         *sessions;        /* pid -> HearthServerSession (owned) */
  guint64             next_offset;
  guint32             id_counter;
  char               *id_machine;      /* 10 hex digits, random per instance */
};

enum
{
  SIGNAL_CLIENT_CONNECTED,
  SIGNAL_CLIENT_DISCONNECTED,
  SIGNAL_CLIENT_EVENT,
  SIGNAL_CLIENT_PONG,
  SIGNAL_MESSAGE_POSTED,
  N_SIGNALS
};

extern guint _hearth_server_signals[N_SIGNALS];

/* hearth-server.c */
GSource             *_hearth_server_timeout_add         (HearthServer        *self,
                                                         guint                ms,
                                                         GSourceFunc          func,
                                                         gpointer             data);
void                 _hearth_server_clear_source        (GSource            **source);
const char          *_hearth_server_user_for_token      (HearthServer        *self,
                                                         const char          *token);
/* NULL when no Authorization header; "" when present but not a valid bearer token. */
const char          *_hearth_server_auth_header_user    (HearthServer        *self,
                                                         SoupMessageHeaders  *headers,
                                                         gboolean            *present);
char                *_hearth_server_new_object_id       (HearthServer        *self);
char                *_hearth_server_random_sid          (void);

/* hearth-server-state.c */
HearthServerState   *_hearth_server_state_new           (void);
void                 _hearth_server_state_free          (HearthServerState   *state);
HearthServerState   *_hearth_server_state_load          (const char          *json,
                                                         gssize               length,
                                                         GError             **error);
gint64               _hearth_server_now_ms              (void);
char                *_hearth_server_format_time         (gint64               ms);
gboolean             _hearth_server_parse_time          (const char          *text,
                                                         gint64              *out_ms);
HearthServerChat    *_hearth_server_chat_new            (const char          *id);
HearthServerUser    *_hearth_server_get_user            (HearthServer        *self,
                                                         const char          *user_id);
HearthServerChat    *_hearth_server_get_chat            (HearthServer        *self,
                                                         const char          *chat_id);
gboolean             _hearth_server_chat_has_user       (HearthServerChat    *chat,
                                                         const char          *user_id);
HearthServerMessage *_hearth_server_chat_last_message   (HearthServerChat    *chat);
guint                _hearth_server_chat_unread         (HearthServerChat    *chat,
                                                         const char          *user_id);
gint64               _hearth_server_chat_activity       (HearthServerChat    *chat);
HearthServerReward  *_hearth_server_state_find_reward   (HearthServerState   *state,
                                                         const char          *reward_id);
HearthServerReward  *_hearth_server_get_reward          (HearthServer        *self,
                                                         const char          *reward_id);
gboolean             _hearth_server_reward_is_expired   (HearthServerReward  *reward);
JsonNode            *_hearth_server_user_to_json        (HearthServerUser    *user);
JsonNode            *_hearth_server_message_to_json     (HearthServer        *self,
                                                         HearthServerMessage *message,
                                                         gboolean             with_client_id);
JsonNode            *_hearth_server_chat_to_json        (HearthServer        *self,
                                                         HearthServerChat    *chat,
                                                         const char          *for_user_id);
JsonNode            *_hearth_server_reward_to_json      (HearthServerReward  *reward,
                                                         const char          *for_user_id);

/* hearth-server-actions.c: state changes shared by REST, sockets and the public API.
 * Each broadcasts the events a real backend would. */
HearthServerMessage *_hearth_server_post_message        (HearthServer        *self,
                                                         const char          *user_id,
                                                         HearthServerChat    *chat,
                                                         const char          *content,
                                                         const char          *reel,
                                                         const char          *client_id,
                                                         gboolean            *out_created);
void                 _hearth_server_mark_read           (HearthServer        *self,
                                                         const char          *user_id,
                                                         HearthServerChat    *chat,
                                                         HearthServerClient  *origin);
void                 _hearth_server_typing              (HearthServer        *self,
                                                         const char          *user_id,
                                                         HearthServerChat    *chat,
                                                         gboolean             started);
/* Returns FALSE with a REST error name and message when the reward cannot be consumed.
 * @user_id may be NULL: someone outside the seed (the remaining count still drops). */
gboolean             _hearth_server_consume             (HearthServer        *self,
                                                         const char          *user_id,
                                                         HearthServerReward  *reward,
                                                         const char         **error_event,
                                                         const char         **error_message);
/* Sets the remaining count; broadcasts reward-consumed (the one reward event) if it changed. */
void                 _hearth_server_restock             (HearthServer        *self,
                                                         HearthServerReward  *reward,
                                                         gint64               remaining);
/* user-online / user-offline to everyone sharing a chat with @user_id. */
void                 _hearth_server_set_online          (HearthServer        *self,
                                                         const char          *user_id,
                                                         gboolean             online);
/* A new chat of @creator_id and @others (known users; duplicates ignored; 2+ in all);
 * chat-created to every participant. Groups (named or 3+) get the creator as admin. */
HearthServerChat    *_hearth_server_create_chat         (HearthServer        *self,
                                                         const char          *creator_id,
                                                         const char * const  *others,
                                                         const char          *name);
/* chat-joined {chat, admin} to the added user (@admin_id nullable). */
void                 _hearth_server_add_participant     (HearthServer        *self,
                                                         const char          *admin_id,
                                                         HearthServerChat    *chat,
                                                         const char          *user_id);
/* chat-participant-removed {chat, user} to every participant, the removed one included. */
void                 _hearth_server_remove_participant  (HearthServer        *self,
                                                         HearthServerChat    *chat,
                                                         const char          *user_id);
/* chat-deleted {chat, user} to every participant; then frees @chat and its messages. */
void                 _hearth_server_delete_chat         (HearthServer        *self,
                                                         const char          *user_id,
                                                         HearthServerChat    *chat);
/* The type of the first action of today's score not completed yet, or NULL. */
const char          *_hearth_server_score_next_action   (HearthServer        *self);
/* Completes the action @type (NULL: one more reel seen) and sends score-updated to @user_id
 * (NULL: everyone). FALSE when there is no score or no such action. */
gboolean             _hearth_server_score_action        (HearthServer        *self,
                                                         const char          *user_id,
                                                         const char          *type);

/* hearth-server-rest.c */
void                 _hearth_server_rest_handler        (SoupServer          *server,
                                                         SoupServerMessage   *msg,
                                                         const char          *path,
                                                         GHashTable          *query,
                                                         gpointer             user_data);

/* hearth-server-socket.c: connections in general and the envelope framing */
void                 _hearth_server_socket_register     (HearthServer        *self);
void                 _hearth_server_client_free         (HearthServerClient  *client);
const char          *_hearth_server_client_user         (HearthServerClient  *client);
/* Sends one frame unless the server is stalled or the connection is going. */
gboolean             _hearth_server_client_send         (HearthServerClient  *client,
                                                         const char          *text);
void                 _hearth_server_client_connected    (HearthServerClient  *client);
void                 _hearth_server_client_disconnected (HearthServerClient  *client,
                                                         gboolean             recoverable);
void                 _hearth_server_client_close        (HearthServerClient  *client);
void                 _hearth_server_client_event        (HearthServerClient  *client,
                                                         const char          *name,
                                                         JsonNode            *data);

/* hearth-server-socketio.c: the Socket.IO side */
void                 _hearth_server_session_free        (HearthServerSession *session);
void                 _hearth_server_sio_prune           (HearthServer        *self);
/* Buffers the event in @session with a new offset; sends it if the session is live. */
gboolean             _hearth_server_sio_push            (HearthServer        *self,
                                                         HearthServerSession *session,
                                                         const char          *name,
                                                         JsonNode            *data);
void                 _hearth_server_sio_open            (HearthServerClient  *client);
void                 _hearth_server_sio_schedule_ping   (HearthServerClient  *client);
gboolean             _hearth_server_sio_connect_timeout (gpointer             data);
void                 _hearth_server_sio_frame           (HearthServerClient  *client,
                                                         const char          *text,
                                                         gsize                length);
/* Sends an event to the live connections of @user_id (NULL: all), skipping @except, and
 * buffers it in that user's Socket.IO sessions. Returns how many connections got it. */
guint                _hearth_server_send_event          (HearthServer        *self,
                                                         const char          *user_id,
                                                         const char          *name,
                                                         JsonNode            *data,
                                                         HearthServerClient  *except);
guint                _hearth_server_send_raw            (HearthServer        *self,
                                                         const char          *user_id,
                                                         const char          *text);
guint                _hearth_server_drop                (HearthServer        *self,
                                                         const char          *user_id);
guint                _hearth_server_count               (HearthServer        *self,
                                                         const char          *user_id);
void                 _hearth_server_stall_changed       (HearthServer        *self);
void                 _hearth_server_close_all           (HearthServer        *self);

G_END_DECLS
