/* hearth-connection-queue.c: incoming frames, decoded and delivered in time-bounded slices
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-connection"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "hearth-codec.h"
#include "hearth-connection-private.h"
#include "hearth-event.h"
#include "hearth-fast-event.h"

/*
 * libsoup reads a WebSocket until the socket would block and emits "message" for every frame
 * inside that one dispatch. Decoding and delivering each frame there (the bus's subscribers,
 * the store, work synchronously) held the main loop for as long as a flood lasted. So:
 *
 * - On arrival a frame is only queued (copied, see Chunk). Engine.IO ping, pong and noop
 *   packets ('2', '3', '6') are handled at once instead, so that the heartbeat is answered on
 *   time however long the queue is; nothing an event depends on changes with them. Every other
 *   frame, malformed and binary ones included, keeps its place in the queue.
 * - A source at QUEUE_PRIORITY takes the frames in order, decodes and delivers them, and gives
 *   the main loop back once a slice has run for QUEUE_BUDGET_US (the clock is read every
 *   QUEUE_CHECK_EVERY frames). The priority is below GTK's redraw (GDK_PRIORITY_REDRAW,
 *   G_PRIORITY_HIGH_IDLE + 20) and the store's end of turn (G_PRIORITY_HIGH_IDLE): between two
 *   slices, input is handled, the store announces its changes and a frame is drawn.
 * - A lost link (closed, heartbeat timeout, Engine.IO close) does not drop the queue: its frames
 *   were received, so their events are delivered, in order. The next connect attempt waits for
 *   the queue to be empty (connect_pending): events never overtake each other across links,
 *   and the Socket.IO CONNECT carries the offset of the last event delivered. A stop (stop(),
 *   an auth failure, account-terminated, a Socket.IO DISCONNECT) and dispose drop the queue:
 *   a stopped connection delivers nothing more.
 * - Memory stays bounded (doc/DESIGN-NOTES.md): past QUEUE_MAX_BYTES of queued frames, each
 *   arriving frame first has the oldest ones processed, inside libsoup's dispatch, until the queue is under the bound
 *   again. libsoup's read then goes at our pace, and TCP holds the server back, as before the
 *   queue existed. libsoup 3.2 cannot pause a SoupWebsocketConnection's reading; this is the
 *   only back-pressure there is.
 *
 * What is left: libsoup's read loop itself. soup_websocket_connection_read() reads 1 KiB at a
 * time until the socket would block, and its input source is private, so a server that sends
 * faster than libsoup reads (~4 µs a frame) holds the main loop for the whole burst: about a
 * second for the 200,000 events of build-aux/bench, against several before the queue. Only a
 * link read on another thread would bound that (see doc/DESIGN-NOTES.md).
 */

#define QUEUE_PRIORITY     G_PRIORITY_DEFAULT_IDLE
#define QUEUE_BUDGET_US    (5 * 1000)
#define QUEUE_MAX_WAIT_MS  50
#define QUEUE_CHECK_EVERY  8
#define QUEUE_MAX_BYTES    (8 * 1024 * 1024)
#define QUEUE_CHUNK_SIZE   (64 * 1024 - 64)
/* Frames longer than this are cut in debug logs. */
#define LOG_FRAME_MAX      200

/* Frames are copied into chunks, one after the other, each as a FrameHeader, its text and a
 * NUL, padded to 8 bytes. libsoup's own buffers would cost twice the memory (rounded up to a
 * power of two, plus a GBytes each). A chunk is referenced by the queue while it holds unread
 * frames, and by process_next() while it works on one of them: a handler may drop the queue
 * meanwhile. */
typedef struct
{
  guint    ref;
  gsize    size;
  gsize    used;
  gsize    read;
  char     data[];
} Chunk;

typedef struct
{
  guint32  length;
  guint32  binary;
} FrameHeader;

#define ENTRY_SIZE(length) ((sizeof (FrameHeader) + (length) + 1 + 7) & ~(gsize) 7)

static Chunk *
chunk_new (gsize size)
{
  Chunk *chunk = g_malloc (sizeof (Chunk) + size);

  chunk->ref = 1;
  chunk->size = size;
  chunk->used = 0;
  chunk->read = 0;

  return chunk;
}

static void
chunk_unref (Chunk *chunk)
{
  if (--chunk->ref == 0)
    g_free (chunk);
}

static void
report_frame_error (HearthConnection *self,
                    const GError     *error,
                    const char       *text,
                    gsize             length)
{
  g_autofree char *shown = g_utf8_make_valid (text, MIN (length, LOG_FRAME_MAX));

  g_message ("%s: dropped frame (%s): %s%s", self->url, error->message, shown,
             length > LOG_FRAME_MAX ? "…" : "");
  _hearth_connection_emit_frame_error (self, error);
}

static void
deliver_parsed_event (HearthConnection *self,
                      HearthEvent      *event)
{
  _hearth_connection_emit_event (self, event);

  /* The handlers may have stopped us; the server may have told us to stop. */
  switch (hearth_event_get_kind (event))
    {
    case HEARTH_EVENT_AUTHORIZATION_FAILED:
      _hearth_connection_stop_for_good (self, g_error_new (HEARTH_CONNECTION_ERROR,
                                        HEARTH_CONNECTION_ERROR_AUTH,
                                        "%s",
                                        hearth_event_get_server_message (event) ?
                                        hearth_event_get_server_message (event) :
                                        "The server refused the sign-in token"));
      break;

    case HEARTH_EVENT_ACCOUNT_TERMINATED:
      _hearth_connection_stop_for_good (self, g_error_new (HEARTH_CONNECTION_ERROR,
                                        HEARTH_CONNECTION_ERROR_TERMINATED,
                                        "%s",
                                        hearth_event_get_server_message (event) ?
                                        hearth_event_get_server_message (event) :
                                        "The account was terminated"));
      break;

    default:
      break;
    }
}

void
_hearth_connection_deliver_event (HearthConnection *self,
                                  HearthFrame      *frame)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthEvent) event = NULL;

  event = hearth_event_new_from_json (hearth_frame_get_event_name (frame),
                                      hearth_frame_get_data (frame),
                                      &error);
  if (event == NULL)
    {
      g_message ("%s: dropped event: %s", self->url, error->message);
      _hearth_connection_emit_frame_error (self, error);
      return;
    }

  deliver_parsed_event (self, event);
}

/* Decodes one text frame of the link the queue belongs to and acts on it. */
static void
process_text (HearthConnection *self,
              const char       *text,
              gsize             length)
{
  g_autoptr(HearthFrame) frame = NULL;
  g_autoptr(GError) error = NULL;
  HearthCodecFlags flags = HEARTH_CODEC_FLAGS_NONE;
  HearthFraming framing = self->link_framing;

  if (self->effective_framing == HEARTH_FRAMING_SOCKET_IO && self->pid != NULL)
    flags |= HEARTH_CODEC_FLAGS_RECOVERY;

  /* The hot frame (messages-received/-sent) without a JSON tree; anything else, or anything
   * unusual about it, takes the general path below. Socket.IO: only once connected (before,
   * events are held back as frames), and the fast path only takes main-namespace events
   * without an ack id, so there is nothing to acknowledge. */
  if (framing == HEARTH_FRAMING_ENVELOPE ||
      (framing == HEARTH_FRAMING_SOCKET_IO && self->sio_connected))
    {
      g_autoptr(HearthEvent) event = NULL;
      g_autofree char *offset = NULL;

      event = _hearth_fast_event_decode (framing, text, length, flags, &offset);
      if (event != NULL)
        {
          if (offset != NULL)
            {
              g_free (self->last_offset);
              self->last_offset = g_steal_pointer (&offset);
            }
          deliver_parsed_event (self, event);
          return;
        }
    }

  frame = hearth_codec_decode (framing, text, (gssize) length, flags, &error);
  if (frame == NULL)
    {
      report_frame_error (self, error, text, length);
      return;
    }

  if (framing == HEARTH_FRAMING_SOCKET_IO)
    _hearth_connection_sio_handle_frame (self, frame);
  else if (hearth_frame_get_frame_type (frame) == HEARTH_FRAME_EVENT)
    _hearth_connection_deliver_event (self, frame);
}

gboolean
_hearth_connection_queue_is_empty (HearthConnection *self)
{
  return self->queued_frames == 0;
}

/* The oldest frame: its chunk (a new reference) and where it is in there. */
static Chunk *
queue_pop (HearthConnection  *self,
           const char       **text,
           gsize             *length,
           gboolean          *binary)
{
  FrameHeader *header;
  Chunk *chunk;

  if (self->queued_frames == 0)
    return NULL;

  /* Chunks read to the end go, except the last, which frames are still added to. */
  for (chunk = g_queue_peek_head (&self->chunks); chunk->read == chunk->used;
       chunk = g_queue_peek_head (&self->chunks))
    chunk_unref (g_queue_pop_head (&self->chunks));

  header = (FrameHeader *) (chunk->data + chunk->read);
  *text = chunk->data + chunk->read + sizeof (FrameHeader);
  *length = header->length;
  *binary = header->binary;

  chunk->read += ENTRY_SIZE (header->length);
  self->queued_bytes -= ENTRY_SIZE (header->length);
  self->queued_frames--;
  chunk->ref++;

  return chunk;
}

/* Takes the oldest frame from the queue and acts on it. */
static void
process_next (HearthConnection *self)
{
  const char *text;
  gsize length;
  gboolean binary;
  Chunk *chunk;

  if (!(chunk = queue_pop (self, &text, &length, &binary)))
    return;

  if (binary)
    {
      g_autoptr(GError) error = g_error_new_literal (HEARTH_CODEC_ERROR, HEARTH_CODEC_ERROR_BINARY,
                                                     "Binary frames are not supported");

      report_frame_error (self, error, "", 0);
    }
  else
    process_text (self, text, length);

  chunk_unref (chunk);
}

/* The queue is empty: keep one chunk of the usual size, started over, for the next frames;
 * not one that a frame is being worked on in, nor one made for a long frame. */
static void
queue_trim (HearthConnection *self)
{
  Chunk *tail;

  g_assert (self->queued_frames == 0);

  while (self->chunks.length > 1)
    chunk_unref (g_queue_pop_head (&self->chunks));

  if ((tail = g_queue_peek_tail (&self->chunks)) == NULL)
    return;

  if (tail->ref == 1 && tail->size <= QUEUE_CHUNK_SIZE)
    tail->used = tail->read = 0;
  else
    chunk_unref (g_queue_pop_tail (&self->chunks));
}

static void
stop_draining (HearthConnection *self)
{
  if (self->drain_source != NULL)
    g_source_destroy (self->drain_source);
  g_clear_pointer (&self->drain_source, g_source_unref);
  if (self->drain_guard != NULL)
    g_source_destroy (self->drain_guard);
  g_clear_pointer (&self->drain_guard, g_source_unref);
}

/* One slice of at most QUEUE_BUDGET_US; TRUE while frames remain for this drain. */
static gboolean
drain_slice (HearthConnection *self)
{
  G_GNUC_UNUSED g_autoptr(HearthConnection) hold = g_object_ref (self);
  GSource *source = self->drain_source;
  gint64 deadline = g_get_monotonic_time () + QUEUE_BUDGET_US;
  guint n = 0;

  /* A handler may stop us (the queue is dropped and the sources destroyed) or even start
   * again (new sources): then this slice is over. */
  while (source != NULL && self->drain_source == source &&
         !_hearth_connection_queue_is_empty (self))
    {
      process_next (self);
      if (++n % QUEUE_CHECK_EVERY == 0 && g_get_monotonic_time () >= deadline)
        break;
    }

  if (source == NULL || self->drain_source != source)
    return FALSE;

  if (!_hearth_connection_queue_is_empty (self))
    return TRUE;

  stop_draining (self);
  queue_trim (self);

  if (self->connect_pending)
    _hearth_connection_connect_attempt (self);

  return FALSE;
}

static gboolean
drain_cb (gpointer user_data)
{
  return drain_slice (user_data) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* The idle source runs when the main loop has nothing more urgent; while a window redraws
 * without pause (an animation on a slow machine) that may be never. The guard gives the queue
 * one slice every QUEUE_MAX_WAIT_MS ahead of the redraw, so events keep arriving. */
static gboolean
drain_guard_cb (gpointer user_data)
{
  return drain_slice (user_data) ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
queue_push (HearthConnection *self,
            const char       *text,
            gsize             length,
            gboolean          binary)
{
  gsize entry = ENTRY_SIZE (length);
  FrameHeader header = { (guint32) length, binary };
  Chunk *tail;

  if (self->queued_frames == 0)
    queue_trim (self);

  tail = g_queue_peek_tail (&self->chunks);
  if (tail == NULL || tail->size - tail->used < entry)
    {
      tail = chunk_new (MAX (QUEUE_CHUNK_SIZE, entry));
      g_queue_push_tail (&self->chunks, tail);
    }

  memcpy (tail->data + tail->used, &header, sizeof header);
  memcpy (tail->data + tail->used + sizeof header, text, length);
  tail->data[tail->used + sizeof header + length] = '\0';
  tail->used += entry;
  self->queued_bytes += entry;
  self->queued_frames++;

  if (self->drain_source == NULL)
    {
      self->drain_source = g_idle_source_new ();
      g_source_set_priority (self->drain_source, QUEUE_PRIORITY);
      g_source_set_callback (self->drain_source, drain_cb, self, NULL);
      g_source_set_static_name (self->drain_source, "[hearth] connection frames");
      g_source_attach (self->drain_source, g_main_context_get_thread_default ());

      self->drain_guard = g_timeout_source_new (QUEUE_MAX_WAIT_MS);
      g_source_set_priority (self->drain_guard, G_PRIORITY_HIGH_IDLE);
      g_source_set_callback (self->drain_guard, drain_guard_cb, self, NULL);
      g_source_set_static_name (self->drain_guard, "[hearth] connection frames (guard)");
      g_source_attach (self->drain_guard, g_main_context_get_thread_default ());
    }
}

void
_hearth_connection_queue_clear (HearthConnection *self)
{
  stop_draining (self);

  g_queue_clear_full (&self->chunks, (GDestroyNotify) chunk_unref);
  self->queued_bytes = 0;
  self->queued_frames = 0;
}

/* Engine.IO packets that only concern the heartbeat: ping, pong, noop. */
static gboolean
is_engine_io_heartbeat (const char *text,
                        gsize       length)
{
  return length > 0 && (text[0] == '2' || text[0] == '3' || text[0] == '6');
}

/* libsoup's "message": every frame of the live link, in order. */
void
_hearth_connection_receive (HearthConnection *self,
                            gint              type,
                            GBytes           *message)
{
  G_GNUC_UNUSED g_autoptr(HearthConnection) hold = g_object_ref (self);
  gsize length;
  const char *text = g_bytes_get_data (message, &length);

  self->last_activity = g_get_monotonic_time ();

  if (type == SOUP_WEBSOCKET_DATA_TEXT && self->link_framing == HEARTH_FRAMING_SOCKET_IO &&
      is_engine_io_heartbeat (text, length))
    {
      g_autoptr(HearthFrame) frame = NULL;
      g_autoptr(GError) error = NULL;

      frame = hearth_codec_decode (HEARTH_FRAMING_SOCKET_IO, text, (gssize) length,
                                   HEARTH_CODEC_FLAGS_NONE, &error);
      if (frame == NULL)
        report_frame_error (self, error, text, length);
      else
        _hearth_connection_sio_handle_frame (self, frame);
      return;
    }

  queue_push (self, text, length, type != SOUP_WEBSOCKET_DATA_TEXT);

  while (self->queued_bytes > QUEUE_MAX_BYTES)
    process_next (self);
}
