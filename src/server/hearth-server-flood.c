/* hearth-server-flood.c: the benchmark flood (hearth-server --flood N)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server"

#include "config.h"

#include <string.h>

#include "hearth-codec.h"
#include "hearth-json.h"
#include "hearth-server-private.h"

/*
 * Every connection that becomes live while a flood is set receives N messages-received events,
 * then one "bench-done" event ({"count": N}). The frames are cut from one template per
 * connection (encoded once with the codec, like any other event) and filled with a fresh id,
 * time and content per event: no JSON is built or parsed per event.
 *
 * Back-pressure: frames are written from a source on the connection's socket that fires when
 * the socket is writable, at a priority below libsoup's own output source: while libsoup holds
 * queued frames, its (higher priority) source is the one that runs. So when the flood's source
 * runs, libsoup's queue is empty and the flood writes a chunk of whole WebSocket frames to the
 * socket itself, in one send (libsoup would make one write per frame, which would limit the
 * flood to what the server's send() calls allow, not what the client can take). A chunk is
 * never left half-written: libsoup may queue a ping at any time and must find the stream at a
 * frame boundary. The frames are plain text frames, uncompressed, as socket.io sends them;
 * permessage-deflate is not offered while a flood is set.
 */

#define FLOOD_DATA_KEY  "hearth-server-flood"
#define FLOOD_CHUNK     128              /* frames per send */
#define FLOOD_PRIORITY  G_PRIORITY_DEFAULT_IDLE
#define FLOOD_MARKER    "bench-done"

/* Placeholders of the template; ids are hex and contents are JSON-encoded in the pool, so
 * neither needs escaping when spliced in. */
#define ID_MARKER      "@@FLOOD-ID@@"
#define CONTENT_TEXT   "@@FLOOD-CONTENT@@"
#define CONTENT_MARKER "\"" CONTENT_TEXT "\""
#define AT_MARKER      "\"1970-01-01T00:00:00.000Z\""

typedef struct _Flood Flood;

typedef enum
{
  PIECE_ID,
  PIECE_CONTENT,
  PIECE_AT,
  N_PIECES
} PieceKind;

typedef struct
{
  Flood              *flood;        /* borrowed */
  HearthServerClient *client;       /* owned reference */
  GSocket            *socket;
  GSource            *source;
  /* The template cut around its N_PIECES placeholders: N_PIECES + 1 segments, and which
   * placeholder follows each of the first N_PIECES segments. */
  char               *segments[N_PIECES + 1];
  PieceKind           order[N_PIECES];
  GString            *frame;
  GByteArray         *chunk;        /* frames generated but not written yet */
  guint               sent;
  gint64              first_at;     /* unix ms of the first event */
  gint64              second;       /* the second whose text is in @second_text */
  char               *second_text;  /* "YYYY-MM-DDTHH:MM:SS" */
} FloodJob;

struct _Flood
{
  HearthServer *server;             /* borrowed: the flood is the server's data */
  guint         n_events;
  GPtrArray    *jobs;               /* FloodJob (owned) */
  GPtrArray    *contents;           /* char *, JSON string literals, quotes included */
};

/* Chat lines of 60 to 120 characters. */
static const char * const flood_lines[] = {
  "Are we still on for the climb on Saturday? I can bring the spare harness and the rope.",
  "Just finished the 10k loop along the river, legs are jelly but the sunrise was worth it.",
  "Can you send me the recipe for that lentil soup? The one with lemon and a lot of cumin.",
  "I booked the cabin for the long weekend, there is a lake and apparently no phone signal.",
  "Reminder: dentist at 9:30 tomorrow, then we pick up the bikes from the repair shop.",
  "Did you see the meteor shower last night? We counted eleven before the clouds rolled in.",
  "Running ten minutes late, the tram is stuck behind a delivery van. Order me a coffee?",
  "The kids built a bird feeder out of a milk carton and now we have three very loud robins.",
  "Meditation streak is at 21 days! Still can't sit still for more than eight minutes though.",
  "Could we move our call to Thursday? Something came up at work and I need the afternoon.",
  "Happy birthday!!! Hope the day is full of cake, sunshine and absolutely zero emails.",
  "I tried the breathing exercise you sent before my presentation and it really helped, thanks.",
  "Grocery list for tonight: tomatoes, basil, mozzarella, the good bread, and maybe wine.",
  "Our book club picked a 700-page novel for next month, so I guess I live at the library now.",
  "The new yoga teacher is great, she explains every pose twice and never rushes anyone.",
  "Weather says rain all week, so indoor bouldering on Tuesday and board games on Friday?",
  "Slept eight hours for the first time this month. Feeling human!",
  "Quick update from the clinic: all good, the knee just needs rest, so no running for two "
  "weeks and lots of swimming.",
};

static void
flood_job_free (FloodJob *job)
{
  if (job->source != NULL)
    {
      g_source_destroy (job->source);
      g_source_unref (job->source);
    }
  g_clear_object (&job->socket);
  g_clear_pointer (&job->client, _hearth_server_client_free);
  for (guint i = 0; i < G_N_ELEMENTS (job->segments); i++)
    g_free (job->segments[i]);
  if (job->frame != NULL)
    g_string_free (job->frame, TRUE);
  if (job->chunk != NULL)
    g_byte_array_unref (job->chunk);
  g_free (job->second_text);
  g_free (job);
}

static void
flood_free (Flood *flood)
{
  g_ptr_array_unref (flood->jobs);
  g_ptr_array_unref (flood->contents);
  g_free (flood);
}

/* The socket under a server-side WebSocket connection (libsoup wraps it in a SoupIOStream
 * with a "base-iostream"), or NULL. */
static GSocket *
dup_socket (SoupWebsocketConnection *conn)
{
  GIOStream *io = soup_websocket_connection_get_io_stream (conn);
  g_autoptr(GIOStream) base = NULL;

  if (G_IS_SOCKET_CONNECTION (io))
    base = g_object_ref (io);
  else if (g_object_class_find_property (G_OBJECT_GET_CLASS (io), "base-iostream") != NULL)
    g_object_get (io, "base-iostream", &base, NULL);

  if (base == NULL || !G_IS_SOCKET_CONNECTION (base))
    return NULL;

  return g_object_ref (g_socket_connection_get_socket (G_SOCKET_CONNECTION (base)));
}

/* Cuts @text around the placeholders; FALSE if one is missing or appears twice. */
static gboolean
flood_job_set_template (FloodJob   *job,
                        const char *text)
{
  static const char * const markers[N_PIECES] = { ID_MARKER, CONTENT_MARKER, AT_MARKER };
  const char *found[N_PIECES];
  const char *cursor = text;

  for (guint i = 0; i < N_PIECES; i++)
    {
      found[i] = strstr (text, markers[i]);
      if (found[i] == NULL || strstr (found[i] + 1, markers[i]) != NULL)
        return FALSE;
      job->order[i] = i;
    }

  /* Sort the placeholders by position (three of them: insertion sort). */
  for (guint i = 1; i < N_PIECES; i++)
    for (guint j = i; j > 0 && found[job->order[j]] < found[job->order[j - 1]]; j--)
      {
        PieceKind tmp = job->order[j];

        job->order[j] = job->order[j - 1];
        job->order[j - 1] = tmp;
      }

  for (guint i = 0; i < N_PIECES; i++)
    {
      PieceKind kind = job->order[i];

      job->segments[i] = g_strndup (cursor, found[kind] - cursor);
      cursor = found[kind] + strlen (markers[kind]);
    }
  job->segments[N_PIECES] = g_strdup (cursor);

  return TRUE;
}

/* The chat of the seed the flood goes to: the first one @user_id is in, and a sender. */
static HearthServerChat *
find_chat (HearthServer  *self,
           const char    *user_id,
           const char   **out_sender)
{
  for (guint i = 0; i < self->state->chat_order->len; i++)
    {
      HearthServerChat *chat = g_ptr_array_index (self->state->chat_order, i);

      if (!_hearth_server_chat_has_user (chat, user_id))
        continue;

      *out_sender = user_id;
      for (guint j = 0; j < chat->participants->len; j++)
        {
          const char *participant = g_ptr_array_index (chat->participants, j);

          if (g_strcmp0 (participant, user_id) != 0)
            {
              *out_sender = participant;
              break;
            }
        }

      return chat;
    }

  return NULL;
}

static char *
encode_template (HearthServer     *self,
                 HearthFraming     framing,
                 HearthServerChat *chat,
                 const char       *sender_id)
{
  HearthServerMessage message = { 0, };
  g_autoptr(JsonNode) data = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  message.id = (char *)ID_MARKER;
  message.chat_id = chat->id;
  message.user_id = (char *)sender_id;
  /* The marker without its quotes: the codec adds them. */
  message.content = (char *)CONTENT_TEXT;
  message.at = 0;

  json_object_set_member (object, "message", _hearth_server_message_to_json (self, &message, FALSE));
  json_node_take_object (data, object);

  return hearth_codec_encode_event (framing, "messages-received", data, -1);
}

static void
flood_job_send_marker (FloodJob *job)
{
  g_autoptr(JsonNode) data = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "count", job->sent);
  json_node_take_object (data, object);
  text = hearth_codec_encode_event (job->client->framing, FLOOD_MARKER, data, -1);
  _hearth_server_client_send (job->client, text);
}

/* Fills job->frame with event number job->sent. */
static void
flood_job_build (FloodJob *job)
{
  Flood *flood = job->flood;
  gint64 at = job->first_at + job->sent;
  gint64 second = at / 1000;
  g_autofree char *id = _hearth_server_new_object_id (flood->server);

  if (job->second_text == NULL || second != job->second)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (second);

      g_free (job->second_text);
      job->second_text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
      job->second = second;
    }

  g_string_truncate (job->frame, 0);
  for (guint i = 0; i < N_PIECES; i++)
    {
      g_string_append (job->frame, job->segments[i]);
      switch (job->order[i])
        {
        case PIECE_ID:
          g_string_append (job->frame, id);
          break;

        case PIECE_CONTENT:
          g_string_append (job->frame,
                           g_ptr_array_index (flood->contents, job->sent % flood->contents->len));
          break;

        case PIECE_AT:
        case N_PIECES:
        default:
          g_string_append_printf (job->frame, "\"%s.%03dZ\"", job->second_text, (int)(at % 1000));
          break;
        }
    }
  g_string_append (job->frame, job->segments[N_PIECES]);
}

static void
flood_job_finish (FloodJob *job)
{
  g_debug ("Flood of %s done: %u events", job->client->user_id, job->sent);
  /* Frees @job (and destroys its source). */
  g_ptr_array_remove_fast (job->flood->jobs, job);
}

/* One WebSocket text frame as a server sends it: FIN, unmasked (RFC 6455 §5.2). */
static void
append_frame (GByteArray *out,
              const char *text,
              gsize       length)
{
  guint8 header[10];
  guint n = 0;

  header[n++] = 0x81;
  if (length < 126)
    {
      header[n++] = (guint8)length;
    }
  else if (length <= G_MAXUINT16)
    {
      header[n++] = 126;
      header[n++] = (guint8)(length >> 8);
      header[n++] = (guint8)length;
    }
  else
    {
      header[n++] = 127;
      for (int shift = 56; shift >= 0; shift -= 8)
        header[n++] = (guint8)((guint64)length >> shift);
    }

  g_byte_array_append (out, header, n);
  g_byte_array_append (out, (const guint8 *)text, length);
}

/* Writes job->chunk. Returns FALSE on a socket error; leaves the chunk in place when the
 * socket took nothing; once any byte is out, finishes the chunk even if it has to wait. */
static gboolean
flood_job_write_chunk (FloodJob *job)
{
  gboolean blocking = FALSE;
  gsize done = 0;

  while (done < job->chunk->len)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send_with_blocking (job->socket,
                                              (const char *)job->chunk->data + done,
                                              job->chunk->len - done, blocking, NULL, &error);

      if (n < 0 && done == 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return TRUE;

      if (n < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_debug ("Flood of %s: %s", job->client->user_id, error->message);
          return FALSE;
        }

      done += MAX (n, 0);
      blocking = TRUE;
    }

  g_byte_array_set_size (job->chunk, 0);

  return TRUE;
}

/* Writes one chunk; TRUE while more is to come. */
static gboolean
flood_job_step (FloodJob *job)
{
  HearthServerClient *client = job->client;

  if (client->gone || !client->connected || client->server->stalled ||
      soup_websocket_connection_get_state (client->conn) != SOUP_WEBSOCKET_STATE_OPEN)
    {
      flood_job_finish (job);
      return FALSE;
    }

  /* A chunk the socket refused last time goes out first, as it is. */
  if (job->chunk->len == 0)
    {
      for (guint i = 0; i < FLOOD_CHUNK && job->sent < job->flood->n_events; i++)
        {
          flood_job_build (job);
          append_frame (job->chunk, job->frame->str, job->frame->len);
          job->sent++;
        }
    }

  if (!flood_job_write_chunk (job))
    {
      flood_job_finish (job);
      return FALSE;
    }

  if (job->sent < job->flood->n_events || job->chunk->len > 0)
    return TRUE;

  flood_job_send_marker (job);
  flood_job_finish (job);

  return FALSE;
}

static gboolean
on_socket_writable (GSocket      *socket,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  FloodJob *job = user_data;

  if (condition & (G_IO_HUP | G_IO_ERR))
    {
      flood_job_finish (job);
      return G_SOURCE_REMOVE;
    }

  return flood_job_step (job) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
flood_start (Flood              *flood,
             HearthServerClient *client)
{
  HearthServer *self = flood->server;
  g_autofree char *text = NULL;
  HearthServerChat *chat;
  const char *sender_id = NULL;
  FloodJob *job;

  job = g_new0 (FloodJob, 1);
  job->flood = flood;
  job->client = g_rc_box_acquire (client);
  job->frame = g_string_sized_new (1024);
  job->chunk = g_byte_array_sized_new (FLOOD_CHUNK * 512);
  job->first_at = _hearth_server_now_ms () - flood->n_events;
  g_ptr_array_add (flood->jobs, job);

  if (!(chat = find_chat (self, client->user_id, &sender_id)))
    {
      g_warning ("Flood: %s is in no chat; sending only the marker", client->user_id);
      flood_job_send_marker (job);
      flood_job_finish (job);
      return;
    }

  text = encode_template (self, client->framing, chat, sender_id);
  if (!flood_job_set_template (job, text))
    {
      g_warning ("Flood: could not cut the event template: %s", text);
      flood_job_send_marker (job);
      flood_job_finish (job);
      return;
    }

  g_debug ("Flooding %s with %u events in chat %s", client->user_id, flood->n_events, chat->id);

  if (!(job->socket = dup_socket (client->conn)))
    {
      g_warning ("Flood: no socket under the connection of %s; sending only the marker",
                 client->user_id);
      flood_job_send_marker (job);
      flood_job_finish (job);
      return;
    }

  job->source = g_socket_create_source (job->socket, G_IO_OUT, NULL);
  g_source_set_callback (job->source, G_SOURCE_FUNC (on_socket_writable), job, NULL);
  g_source_set_priority (job->source, FLOOD_PRIORITY);
  g_source_set_static_name (job->source, "[hearth-server] flood");
  g_source_attach (job->source, self->context);
}

static void
on_client_connected (HearthServer  *self,
                     const char    *user_id,
                     HearthFraming  framing,
                     Flood         *flood)
{
  if (flood->n_events == 0)
    return;

  /* The signal names the user and framing: find the connection that just went live. */
  for (guint i = 0; i < self->clients->len; i++)
    {
      HearthServerClient *client = g_ptr_array_index (self->clients, i);
      gboolean busy = FALSE;

      if (!client->connected || client->gone || client->framing != framing ||
          g_strcmp0 (client->user_id, user_id) != 0)
        continue;

      for (guint j = 0; j < flood->jobs->len && !busy; j++)
        busy = ((FloodJob *)g_ptr_array_index (flood->jobs, j))->client == client;

      if (!busy)
        {
          flood_start (flood, client);
          return;
        }
    }
}

void
hearth_server_set_flood (HearthServer *self,
                         guint         n_events)
{
  Flood *flood;

  g_return_if_fail (HEARTH_IS_SERVER (self));

  if (!(flood = g_object_get_data (G_OBJECT (self), FLOOD_DATA_KEY)))
    {
      flood = g_new0 (Flood, 1);
      flood->server = self;
      flood->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)flood_job_free);
      flood->contents = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < G_N_ELEMENTS (flood_lines); i++)
        {
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

          json_node_set_string (node, flood_lines[i]);
          g_ptr_array_add (flood->contents, hearth_json_to_string (node));
        }
      g_object_set_data_full (G_OBJECT (self), FLOOD_DATA_KEY, flood, (GDestroyNotify)flood_free);
      g_signal_connect (self, "client-connected", G_CALLBACK (on_client_connected), flood);
    }

  flood->n_events = n_events;

  /* libsoup's server negotiates permessage-deflate by default; socket.io's does not, and the
   * flood's frames are written uncompressed. */
  if (self->soup != NULL)
    soup_server_remove_websocket_extension (self->soup, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);
}
