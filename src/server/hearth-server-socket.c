/* hearth-server-socket.c: WebSocket clients: upgrade, lifecycle, the envelope framing, hooks
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server"

#include "config.h"

#include <string.h>

#include "hearth-codec.h"
#include "hearth-event.h"
#include "hearth-json.h"
#include "hearth-server-private.h"

#define SOCKET_IO_PATH "/socket.io"
#define ENVELOPE_PATH  "/ws"

static void
client_finalize (HearthServerClient *client)
{
  _hearth_server_clear_source (&client->connect_timeout);
  _hearth_server_clear_source (&client->ping_source);
  _hearth_server_clear_source (&client->pong_timeout);

  if (client->conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (client->conn, client);
      g_clear_object (&client->conn);
    }

  g_free (client->user_id);
  g_free (client->header_user_id);
  g_free (client->eio_sid);
}

static HearthServerClient *
client_ref (HearthServerClient *client)
{
  return g_rc_box_acquire (client);
}

static void
client_unref (HearthServerClient *client)
{
  g_rc_box_release_full (client, (GDestroyNotify)client_finalize);
}

void
_hearth_server_client_free (HearthServerClient *client)
{
  client_unref (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthServerClient, client_unref)

const char *
_hearth_server_client_user (HearthServerClient *client)
{
  return client->user_id != NULL ? client->user_id : client->header_user_id;
}

static gboolean
client_matches (HearthServerClient *client,
                const char         *user_id)
{
  return user_id == NULL || g_strcmp0 (client->user_id, user_id) == 0;
}

/* Every frame goes out here: nothing leaves a stalled server or a closing connection. */
gboolean
_hearth_server_client_send (HearthServerClient *client,
                            const char         *text)
{
  if (client->server->stalled || client->gone ||
      soup_websocket_connection_get_state (client->conn) != SOUP_WEBSOCKET_STATE_OPEN)
    return FALSE;

  soup_websocket_connection_send_text (client->conn, text);

  return TRUE;
}

/* Sends one event to one connection, in its framing. */
static gboolean
client_send_event (HearthServerClient *client,
                   const char         *name,
                   JsonNode           *data)
{
  g_autofree char *text = NULL;

  if (client->framing == HEARTH_FRAMING_SOCKET_IO)
    return client->session != NULL &&
           _hearth_server_sio_push (client->server, client->session, name, data);

  text = hearth_codec_encode_event (HEARTH_FRAMING_ENVELOPE, name, data, -1);

  return _hearth_server_client_send (client, text);
}

static void
client_send_error (HearthServerClient *client,
                   const char         *name,
                   const char         *message)
{
  g_autoptr(JsonNode) data = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "message", message);
  json_node_take_object (data, object);
  client_send_event (client, name, data);
}

/* Lifecycle. */

void
_hearth_server_client_connected (HearthServerClient *client)
{
  HearthServerUser *user;

  client->connected = TRUE;
  g_debug ("%s connected (%s)", client->user_id,
           client->framing == HEARTH_FRAMING_SOCKET_IO ? "Socket.IO" : "envelope");
  g_signal_emit (client->server, _hearth_server_signals[SIGNAL_CLIENT_CONNECTED], 0,
                 client->user_id, client->framing);

  /* Looked up after the signal: a handler may have changed the data. */
  user = _hearth_server_get_user (client->server, client->user_id);
  if (user != NULL && !user->verified && !client->gone)
    client_send_error (client, "verification-required", "Please verify your email first");
}

/* Leaves the Socket.IO namespace (or ends an envelope client): the session is kept for
 * recovery when @recoverable, dropped otherwise. */
void
_hearth_server_client_disconnected (HearthServerClient *client,
                                    gboolean            recoverable)
{
  HearthServerSession *session = g_steal_pointer (&client->session);
  g_autofree char *user_id = NULL;

  if (session != NULL)
    {
      session->client = NULL;
      session->detached_at = g_get_monotonic_time ();
      if (!recoverable)
        g_hash_table_remove (client->server->sessions, session->pid);
    }

  if (!client->connected)
    return;

  client->connected = FALSE;
  user_id = g_steal_pointer (&client->user_id);
  g_debug ("%s disconnected", user_id);
  g_signal_emit (client->server, _hearth_server_signals[SIGNAL_CLIENT_DISCONNECTED], 0,
                 user_id, client->framing);
}

/* The connection is over for the server (it may still be closing underneath). */
static void
client_gone (HearthServerClient *client,
             gboolean            recoverable)
{
  if (client->gone)
    return;

  client->gone = TRUE;
  _hearth_server_clear_source (&client->connect_timeout);
  _hearth_server_clear_source (&client->ping_source);
  _hearth_server_clear_source (&client->pong_timeout);
  _hearth_server_client_disconnected (client, recoverable);
}

void
_hearth_server_client_close (HearthServerClient *client)
{
  client_gone (client, TRUE);

  /* An empty close frame, as engine.io's ws.close() sends. */
  if (soup_websocket_connection_get_state (client->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (client->conn, SOUP_WEBSOCKET_CLOSE_NO_STATUS, NULL);
}

/* Client events: typing-started, typing-stopped, messages-read. */

void
_hearth_server_client_event (HearthServerClient *client,
                             const char         *name,
                             JsonNode           *data)
{
  HearthServer *self = client->server;
  g_autoptr(HearthEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  HearthServerUser *user;
  HearthServerChat *chat;

  if (!(event = hearth_event_new_from_client_json (name, data, &error)))
    {
      g_debug ("Ignoring an invalid client event from %s: %s", client->user_id, error->message);
      return;
    }

  g_signal_emit (self, _hearth_server_signals[SIGNAL_CLIENT_EVENT], 0, client->user_id, event);
  if (client->gone || !client->connected)
    return;

  /* Like a real backend: semantic failures come back as error events. */
  user = _hearth_server_get_user (self, client->user_id);
  if (user == NULL)
    return;

  if (!user->verified)
    {
      client_send_error (client, "verification-required", "Please verify your email first");
      return;
    }

  if (!(chat = _hearth_server_get_chat (self, hearth_event_get_chat_id (event))))
    {
      client_send_error (client, "not-found", "No such chat");
      return;
    }

  if (!_hearth_server_chat_has_user (chat, user->id))
    {
      client_send_error (client, "permission-denied", "You are not a participant of this chat");
      return;
    }

  switch (hearth_event_get_kind (event))
    {
    case HEARTH_EVENT_TYPING_STARTED:
    case HEARTH_EVENT_TYPING_STOPPED:
      _hearth_server_typing (self, user->id, chat,
                             hearth_event_get_kind (event) == HEARTH_EVENT_TYPING_STARTED);
      break;

    case HEARTH_EVENT_MESSAGES_READ:
      _hearth_server_mark_read (self, user->id, chat, client);
      break;

    default:
      break;
    }
}

/* Envelope. */

static void
handle_envelope_frame (HearthServerClient *client,
                       const char         *text,
                       gsize               length)
{
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(GError) error = NULL;

  if (!(frame = hearth_codec_decode (HEARTH_FRAMING_ENVELOPE, text, length,
                                     HEARTH_CODEC_FLAGS_NONE, &error)))
    {
      g_debug ("Ignoring an invalid envelope frame from %s: %s", client->user_id, error->message);
      return;
    }

  if (hearth_frame_get_frame_type (frame) == HEARTH_FRAME_EVENT)
    _hearth_server_client_event (client, hearth_frame_get_event_name (frame),
                                 hearth_frame_get_data (frame));
}

/* WebSocket plumbing. */

static void
on_message (SoupWebsocketConnection *conn,
            int                      type,
            GBytes                  *message,
            gpointer                 user_data)
{
  g_autoptr(HearthServerClient) client = client_ref (user_data);
  gsize length = 0;
  const char *text = g_bytes_get_data (message, &length);

  /* A stalled server reads nothing. */
  if (client->gone || client->server->stalled)
    return;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      g_debug ("Ignoring a binary frame from %s", _hearth_server_client_user (client));
      return;
    }

  if (client->framing == HEARTH_FRAMING_SOCKET_IO)
    _hearth_server_sio_frame (client, text, length);
  else
    handle_envelope_frame (client, text, length);
}

static void
on_error (SoupWebsocketConnection *conn,
          GError                  *error,
          gpointer                 user_data)
{
  HearthServerClient *client = user_data;

  g_debug ("WebSocket error on a connection of %s: %s",
           _hearth_server_client_user (client), error->message);
}

static void
on_closed (SoupWebsocketConnection *conn,
           gpointer                 user_data)
{
  HearthServerClient *client = user_data;
  HearthServer *self = client->server;

  client_gone (client, TRUE);
  g_ptr_array_remove_fast (self->clients, client);
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  HearthServer *self = user_data;
  HearthServerClient *client;
  gboolean present = FALSE;
  const char *user_id;

  user_id = _hearth_server_auth_header_user (self, soup_server_message_get_request_headers (msg),
                                             &present);

  client = g_rc_box_new0 (HearthServerClient);
  client->server = self;
  client->conn = g_object_ref (conn);
  client->framing = g_str_has_prefix (path, SOCKET_IO_PATH) ? HEARTH_FRAMING_SOCKET_IO
                                                            : HEARTH_FRAMING_ENVELOPE;
  client->header_user_id = user_id != NULL && *user_id != '\0' ? g_strdup (user_id) : NULL;
  g_ptr_array_add (self->clients, client);

  soup_websocket_connection_set_max_incoming_payload_size (conn, HEARTH_SERVER_MAX_PAYLOAD);
  g_signal_connect (conn, "message", G_CALLBACK (on_message), client);
  g_signal_connect (conn, "error", G_CALLBACK (on_error), client);
  g_signal_connect (conn, "closed", G_CALLBACK (on_closed), client);

  if (client->framing == HEARTH_FRAMING_ENVELOPE)
    {
      client->user_id = g_strdup (client->header_user_id);
      _hearth_server_client_connected (client);
    }
  else
    {
      _hearth_server_sio_open (client);
    }
}

static void
reject (SoupServerMessage *msg,
        guint              status,
        const char        *event,
        const char        *message)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  char *text;

  json_object_set_string_member (object, "event", event);
  json_object_set_string_member (object, "message", message);
  json_node_take_object (node, object);
  text = hearth_json_to_string (node);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

/* Runs before the upgrade: setting a status here refuses the handshake. */
static void
on_upgrade_request (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  HearthServer *self = user_data;
  gboolean socket_io = g_str_has_prefix (path, SOCKET_IO_PATH);
  gboolean present = FALSE;
  const char *user_id;

  user_id = _hearth_server_auth_header_user (self, soup_server_message_get_request_headers (msg),
                                             &present);

  if (present && *user_id == '\0')
    {
      reject (msg, SOUP_STATUS_UNAUTHORIZED, "authorization-failed", "Invalid or expired token");
      return;
    }

  if (!socket_io && !present)
    {
      reject (msg, SOUP_STATUS_UNAUTHORIZED, "authorization-failed", "Missing bearer token");
      return;
    }

  if (socket_io)
    {
      const char *eio = query != NULL ? g_hash_table_lookup (query, "EIO") : NULL;
      const char *transport = query != NULL ? g_hash_table_lookup (query, "transport") : NULL;

      if (g_strcmp0 (transport, "websocket") != 0)
        {
          reject (msg, SOUP_STATUS_BAD_REQUEST, "validation-failed",
                  "Transport unknown: only transport=websocket is served");
          return;
        }

      if (g_strcmp0 (eio, "4") != 0)
        {
          reject (msg, SOUP_STATUS_BAD_REQUEST, "validation-failed",
                  "Unsupported protocol version");
          return;
        }
    }
}

void
_hearth_server_socket_register (HearthServer *self)
{
  if (self->framing != HEARTH_FRAMING_ENVELOPE)
    {
      soup_server_add_handler (self->soup, SOCKET_IO_PATH, on_upgrade_request, self, NULL);
      soup_server_add_websocket_handler (self->soup, SOCKET_IO_PATH, NULL, NULL,
                                         on_websocket, self, NULL);
    }

  if (self->framing != HEARTH_FRAMING_SOCKET_IO)
    {
      soup_server_add_handler (self->soup, ENVELOPE_PATH, on_upgrade_request, self, NULL);
      soup_server_add_websocket_handler (self->soup, ENVELOPE_PATH, NULL, NULL,
                                         on_websocket, self, NULL);
    }
}

/* Hooks behind the public API. */

guint
_hearth_server_send_event (HearthServer       *self,
                           const char         *user_id,
                           const char         *name,
                           JsonNode           *data,
                           HearthServerClient *except)
{
  g_autofree char *envelope = NULL;
  GHashTableIter iter;
  HearthServerSession *session;
  guint count = 0;

  _hearth_server_sio_prune (self);

  /* Socket.IO: every session of the user, live or waiting for recovery. */
  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&session))
    {
      if ((user_id == NULL || g_strcmp0 (session->user_id, user_id) == 0) &&
          (except == NULL || session->client != except) &&
          _hearth_server_sio_push (self, session, name, data))
        count++;
    }

  for (guint i = 0; i < self->clients->len; i++)
    {
      HearthServerClient *client = g_ptr_array_index (self->clients, i);

      if (client->framing != HEARTH_FRAMING_ENVELOPE || !client->connected ||
          client == except || !client_matches (client, user_id))
        continue;

      if (envelope == NULL)
        envelope = hearth_codec_encode_event (HEARTH_FRAMING_ENVELOPE, name, data, -1);
      if (_hearth_server_client_send (client, envelope))
        count++;
    }

  return count;
}

guint
_hearth_server_send_raw (HearthServer *self,
                         const char   *user_id,
                         const char   *text)
{
  guint count = 0;

  for (guint i = 0; i < self->clients->len; i++)
    {
      HearthServerClient *client = g_ptr_array_index (self->clients, i);

      if (client->connected && client_matches (client, user_id) &&
          _hearth_server_client_send (client, text))
        count++;
    }

  return count;
}

/* Closes the TCP connection under the WebSocket without a close frame. */
static void
shutdown_transport (SoupWebsocketConnection *conn)
{
  GIOStream *io = soup_websocket_connection_get_io_stream (conn);
  g_autoptr(GIOStream) base = NULL;
  g_autoptr(GError) error = NULL;

  /* libsoup wraps the socket connection in a SoupIOStream with a "base-iostream". */
  if (G_IS_SOCKET_CONNECTION (io))
    base = g_object_ref (io);
  else if (g_object_class_find_property (G_OBJECT_GET_CLASS (io), "base-iostream") != NULL)
    g_object_get (io, "base-iostream", &base, NULL);

  if (base != NULL && G_IS_SOCKET_CONNECTION (base))
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (base));

      /* Shut down rather than close: libsoup still polls the socket, sees EOF and
       * finishes the connection (emitting "closed") without writing anything. */
      if (!g_socket_shutdown (socket, TRUE, TRUE, &error))
        g_debug ("Could not shut down a connection: %s", error->message);
      return;
    }

  g_io_stream_close (io, NULL, NULL);
}

guint
_hearth_server_drop (HearthServer *self,
                     const char   *user_id)
{
  g_autoptr(GPtrArray) victims = g_ptr_array_new_with_free_func ((GDestroyNotify)client_unref);
  guint count = 0;

  for (guint i = 0; i < self->clients->len; i++)
    {
      HearthServerClient *client = g_ptr_array_index (self->clients, i);

      if (!client->gone &&
          (user_id == NULL || g_strcmp0 (_hearth_server_client_user (client), user_id) == 0))
        g_ptr_array_add (victims, client_ref (client));
    }

  /* Signal handlers run in client_gone(): work on a snapshot. */
  for (guint i = 0; i < victims->len; i++)
    {
      HearthServerClient *client = g_ptr_array_index (victims, i);

      if (client->gone)
        continue;

      client_gone (client, TRUE);
      shutdown_transport (client->conn);
      count++;
    }

  return count;
}

guint
_hearth_server_count (HearthServer *self,
                      const char   *user_id)
{
  guint count = 0;

  for (guint i = 0; i < self->clients->len; i++)
    {
      HearthServerClient *client = g_ptr_array_index (self->clients, i);

      if (client->connected && !client->gone && client_matches (client, user_id))
        count++;
    }

  return count;
}

void
_hearth_server_stall_changed (HearthServer *self)
{
  for (guint i = 0; i < self->clients->len; i++)
    {
      HearthServerClient *client = g_ptr_array_index (self->clients, i);

      if (client->gone || client->framing != HEARTH_FRAMING_SOCKET_IO)
        continue;

      if (self->stalled)
        {
          /* A hung server neither pings nor times anyone out. */
          _hearth_server_clear_source (&client->ping_source);
          _hearth_server_clear_source (&client->pong_timeout);
          _hearth_server_clear_source (&client->connect_timeout);
        }
      else if (!client->open_sent)
        {
          _hearth_server_sio_open (client);
        }
      else
        {
          _hearth_server_sio_schedule_ping (client);
          if (!client->connected)
            client->connect_timeout =
              _hearth_server_timeout_add (self, HEARTH_SERVER_CONNECT_TIMEOUT_MS,
                                          _hearth_server_sio_connect_timeout, client);
        }
    }
}

void
_hearth_server_close_all (HearthServer *self)
{
  g_autoptr(GPtrArray) clients = NULL;

  if (self->clients == NULL)
    return;

  /* Steal the list first: signal handlers may call back into the server. */
  clients = g_steal_pointer (&self->clients);
  self->clients = g_ptr_array_new_with_free_func ((GDestroyNotify)client_unref);

  for (guint i = 0; i < clients->len; i++)
    {
      HearthServerClient *client = g_ptr_array_index (clients, i);

      g_signal_handlers_disconnect_by_data (client->conn, client);
      client_gone (client, FALSE);
      if (soup_websocket_connection_get_state (client->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (client->conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
    }

  g_hash_table_remove_all (self->sessions);
}
