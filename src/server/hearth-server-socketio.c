/* hearth-server-socketio.c: the Socket.IO v4 side of a client: Engine.IO open and heartbeat,
 * namespace CONNECT with auth, and connection-state recovery
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server"

#include "config.h"

#include "hearth-codec.h"
#include "hearth-json.h"
#include "hearth-server-private.h"

typedef struct
{
  char   *offset;
  char   *text;        /* the whole frame, offset included */
  gint64  queued_at;   /* monotonic usec */
} HearthServerPacket;

static gboolean on_ping_timer (gpointer data);

static void
packet_free (HearthServerPacket *packet)
{
  g_free (packet->offset);
  g_free (packet->text);
  g_free (packet);
}

void
_hearth_server_session_free (HearthServerSession *session)
{
  g_free (session->sid);
  g_free (session->pid);
  g_free (session->user_id);
  g_queue_clear_full (&session->buffer, (GDestroyNotify)packet_free);
  g_free (session);
}

static void
session_prune (HearthServerSession *session,
               gint64               now)
{
  HearthServerPacket *packet;

  while ((packet = g_queue_peek_head (&session->buffer)) != NULL &&
         (session->buffer.length > HEARTH_SERVER_RECOVERY_MAX_EVENTS ||
          now - packet->queued_at > HEARTH_SERVER_RECOVERY_WINDOW_USEC))
    packet_free (g_queue_pop_head (&session->buffer));
}

void
_hearth_server_sio_prune (HearthServer *self)
{
  GHashTableIter iter;
  HearthServerSession *session;
  gint64 now = g_get_monotonic_time ();

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&session))
    {
      if (session->client == NULL &&
          now - session->detached_at > HEARTH_SERVER_RECOVERY_WINDOW_USEC)
        g_hash_table_iter_remove (&iter);
      else
        session_prune (session, now);
    }
}

static HearthServerSession *
session_new (HearthServer *self,
             const char   *user_id)
{
  HearthServerSession *session = g_new0 (HearthServerSession, 1);

  session->sid = _hearth_server_random_sid ();
  session->pid = _hearth_server_random_sid ();
  session->user_id = g_strdup (user_id);
  g_queue_init (&session->buffer);
  g_hash_table_insert (self->sessions, session->pid, session);

  return session;
}

/* Stores the event with a fresh offset and sends it if the session has a live client. */
gboolean
_hearth_server_sio_push (HearthServer        *self,
                         HearthServerSession *session,
                         const char          *name,
                         JsonNode            *data)
{
  HearthServerPacket *packet = g_new0 (HearthServerPacket, 1);

  packet->offset = g_strdup_printf ("%" G_GUINT64_FORMAT, ++self->next_offset);
  packet->text = hearth_codec_encode_event_with_offset (name, data, packet->offset);
  packet->queued_at = g_get_monotonic_time ();
  g_queue_push_tail (&session->buffer, packet);
  session_prune (session, packet->queued_at);

  return session->client != NULL && session->client->connected &&
         _hearth_server_client_send (session->client, packet->text);
}

void
_hearth_server_sio_schedule_ping (HearthServerClient *client)
{
  _hearth_server_clear_source (&client->ping_source);
  client->ping_source = _hearth_server_timeout_add (client->server, client->server->ping_interval,
                                                    on_ping_timer, client);
}

static gboolean
on_pong_timeout (gpointer data)
{
  HearthServerClient *client = data;

  g_clear_pointer (&client->pong_timeout, g_source_unref);
  g_debug ("Closing a Socket.IO connection of %s: ping timeout",
           _hearth_server_client_user (client));
  _hearth_server_client_close (client);

  return G_SOURCE_REMOVE;
}

static gboolean
on_ping_timer (gpointer data)
{
  HearthServerClient *client = data;
  g_autofree char *ping = hearth_codec_encode_ping ();

  g_clear_pointer (&client->ping_source, g_source_unref);

  if (_hearth_server_client_send (client, ping))
    {
      _hearth_server_clear_source (&client->pong_timeout);
      client->pong_timeout = _hearth_server_timeout_add (client->server,
                                                         client->server->ping_timeout,
                                                         on_pong_timeout, client);
    }

  return G_SOURCE_REMOVE;
}

gboolean
_hearth_server_sio_connect_timeout (gpointer data)
{
  HearthServerClient *client = data;

  g_clear_pointer (&client->connect_timeout, g_source_unref);
  g_debug ("Closing a Socket.IO connection: no CONNECT within %d ms",
           HEARTH_SERVER_CONNECT_TIMEOUT_MS);
  _hearth_server_client_close (client);

  return G_SOURCE_REMOVE;
}

void
_hearth_server_sio_open (HearthServerClient *client)
{
  HearthServer *self = client->server;
  g_autofree char *open = NULL;

  g_free (client->eio_sid);
  client->eio_sid = _hearth_server_random_sid ();
  open = hearth_codec_encode_open (client->eio_sid, self->ping_interval, self->ping_timeout,
                                   HEARTH_SERVER_MAX_PAYLOAD);
  if (!_hearth_server_client_send (client, open))
    return;

  client->open_sent = TRUE;
  _hearth_server_sio_schedule_ping (client);
  _hearth_server_clear_source (&client->connect_timeout);
  client->connect_timeout = _hearth_server_timeout_add (self, HEARTH_SERVER_CONNECT_TIMEOUT_MS,
                                                        _hearth_server_sio_connect_timeout, client);
}

static void
send_connect_error (HearthServerClient *client,
                    const char         *nsp,
                    const char         *message)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (nsp, "/") == 0)
    {
      text = hearth_codec_encode_connect_error (message);
    }
  else
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *json = NULL;
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "message", message);
      json_node_take_object (node, object);
      json = hearth_json_to_string (node);
      text = g_strdup_printf ("44%s,%s", nsp, json);
    }

  _hearth_server_client_send (client, text);
}

/* A detached session of @user_id with @pid that still holds @offset, or NULL. */
static HearthServerSession *
find_recoverable (HearthServer *self,
                  const char   *user_id,
                  const char   *pid,
                  const char   *offset,
                  GList       **out_after)
{
  HearthServerSession *session;

  _hearth_server_sio_prune (self);

  if (pid == NULL || offset == NULL ||
      !(session = g_hash_table_lookup (self->sessions, pid)) ||
      session->client != NULL || g_strcmp0 (session->user_id, user_id) != 0)
    return NULL;

  for (GList *l = session->buffer.head; l != NULL; l = l->next)
    {
      HearthServerPacket *packet = l->data;

      if (g_strcmp0 (packet->offset, offset) == 0)
        {
          *out_after = l->next;
          return session;
        }
    }

  return NULL;
}

static void
handle_connect (HearthServerClient *client,
                HearthFrame        *frame)
{
  HearthServer *self = client->server;
  JsonNode *payload = hearth_frame_get_data (frame);
  JsonObject *auth = payload != NULL && JSON_NODE_HOLDS_OBJECT (payload) ?
                     json_node_get_object (payload) : NULL;
  const char *nsp = hearth_frame_get_namespace (frame);
  const char *token = auth != NULL ? hearth_json_object_get_string (auth, "token") : NULL;
  const char *user_id = client->header_user_id;
  g_autoptr(JsonNode) reply_node = NULL;
  g_autofree char *reply = NULL;
  HearthServerSession *session;
  JsonObject *reply_object;
  GList *after = NULL;

  if (g_strcmp0 (nsp, "/") != 0)
    {
      send_connect_error (client, nsp, "Invalid namespace");
      return;
    }

  if (client->connected)
    {
      g_debug ("Ignoring a second CONNECT from %s", client->user_id);
      return;
    }

  if (auth != NULL && json_object_has_member (auth, "token"))
    {
      const char *token_user = _hearth_server_user_for_token (self, token);

      if (token_user == NULL || (user_id != NULL && g_strcmp0 (user_id, token_user) != 0))
        {
          send_connect_error (client, nsp, "Invalid or expired token");
          return;
        }
      user_id = token_user;
    }

  if (user_id == NULL)
    {
      send_connect_error (client, nsp, "Authentication required");
      return;
    }

  _hearth_server_clear_source (&client->connect_timeout);

  session = find_recoverable (self, user_id,
                              auth != NULL ? hearth_json_object_get_string (auth, "pid") : NULL,
                              auth != NULL ? hearth_json_object_get_string (auth, "offset") : NULL,
                              &after);
  if (session != NULL)
    {
      /* Missed events go out before the CONNECT reply, as socket.io's do. */
      g_debug ("Recovered the Socket.IO session of %s", user_id);
      for (GList *l = after; l != NULL; l = l->next)
        _hearth_server_client_send (client, ((HearthServerPacket *)l->data)->text);
    }
  else
    {
      session = session_new (self, user_id);
    }

  session->client = client;
  client->session = session;
  g_free (client->user_id);
  client->user_id = g_strdup (user_id);

  reply_node = json_node_new (JSON_NODE_OBJECT);
  reply_object = json_object_new ();
  json_object_set_string_member (reply_object, "sid", session->sid);
  json_object_set_string_member (reply_object, "pid", session->pid);
  json_node_take_object (reply_node, reply_object);
  reply = hearth_codec_encode_connect (reply_node);
  _hearth_server_client_send (client, reply);

  _hearth_server_client_connected (client);
}

void
_hearth_server_sio_frame (HearthServerClient *client,
                          const char         *text,
                          gsize               length)
{
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  if (!(frame = hearth_codec_decode (HEARTH_FRAMING_SOCKET_IO, text, length,
                                     HEARTH_CODEC_FLAGS_NONE, &error)))
    {
      g_debug ("Ignoring an invalid Socket.IO frame from %s: %s",
               _hearth_server_client_user (client), error->message);
      return;
    }

  switch (hearth_frame_get_frame_type (frame))
    {
    case HEARTH_FRAME_PONG:
      if (client->pong_timeout != NULL)
        {
          _hearth_server_clear_source (&client->pong_timeout);
          _hearth_server_sio_schedule_ping (client);
        }
      g_signal_emit (client->server, _hearth_server_signals[SIGNAL_CLIENT_PONG], 0,
                     _hearth_server_client_user (client));
      break;

    case HEARTH_FRAME_CLOSE:
      _hearth_server_client_close (client);
      break;

    case HEARTH_FRAME_CONNECT:
      handle_connect (client, frame);
      break;

    case HEARTH_FRAME_DISCONNECT:
      if (g_strcmp0 (hearth_frame_get_namespace (frame), "/") == 0)
        _hearth_server_client_disconnected (client, FALSE);
      break;

    case HEARTH_FRAME_EVENT:
      if (!client->connected || g_strcmp0 (hearth_frame_get_namespace (frame), "/") != 0)
        {
          g_debug ("Ignoring an event outside a connected namespace");
          break;
        }

      _hearth_server_client_event (client, hearth_frame_get_event_name (frame),
                           hearth_frame_get_data (frame));

      if (hearth_frame_get_ack_id (frame) >= 0 && !client->gone)
        {
          g_autofree char *ack = hearth_codec_encode_ack (hearth_frame_get_ack_id (frame), NULL);

          _hearth_server_client_send (client, ack);
        }
      break;

    case HEARTH_FRAME_PING:
    case HEARTH_FRAME_OPEN:
    case HEARTH_FRAME_NOOP:
    case HEARTH_FRAME_ACK:
    case HEARTH_FRAME_CONNECT_ERROR:
    default:
      g_debug ("Ignoring an unexpected Socket.IO packet (type %d) from %s",
               hearth_frame_get_frame_type (frame), _hearth_server_client_user (client));
      break;
    }
}
