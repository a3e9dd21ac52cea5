/* bench-ingest.c: ingest benchmark client (run by build-aux/bench, not a test)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Connects to `hearth-server --flood N` in one framing and lets the whole client pipeline take
 * the flood: HearthConnection (libsoup, codec, event parser) → HearthEventBus → HearthStore
 * with a real HearthDatabase file in a temporary directory (the store's own batching). It ends
 * when the server's "bench-done" marker has arrived and hearth_store_flush() has returned, and
 * prints one line:
 *
 *   RESULT client=c framing=F events=N expected=N seconds=S rate=R max_rss_kb=K ...
 *
 * where the time runs from hearth_connection_start() to the end of the final flush (the
 * handshake is a few ms of it; the first event is no starting point, as the connection may
 * queue much of the flood before delivering it) and "events" counts the messages the store
 * applied ("message-added"). Also printed: to_marker (start to the marker) and flush (the
 * final hearth_store_flush()), which split the time between the main thread and the database
 * worker; max_stall_ms, the longest gap between two runs of a 1 ms timeout at G_PRIORITY_HIGH
 * from the start of the connection to the marker (how long the main loop was blocked in one
 * dispatch: what input would wait for); max_redraw_ms, the same for a 1 ms timeout at GTK's
 * redraw priority (G_PRIORITY_HIGH_IDLE + 20: how long a window would go without a new frame,
 * as default-priority work that stays ready holds it back too); db_check, whether the newest
 * stored message of the chat is its last message. --no-store drops the store (the connection
 * and the bus alone, counted on the bus) to tell their cost from the store's.
 * It never asserts: problems are printed and make the exit status non-zero.
 */

#define G_LOG_DOMAIN "bench-ingest"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-connection.h"
#include "hearth-database.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-message.h"
#include "hearth-store.h"
#include "hearth-user.h"

#define MARKER_EVENT "bench-done"

typedef struct
{
  /* results of async calls */
  GAsyncResult *result;

  /* counters */
  guint         frames;            /* events out of the connection */
  guint         received;          /* messages-received on the bus */
  guint         added;             /* messages the store applied */
  guint         expected;          /* the marker's count */
  guint         db_errors;
  gboolean      done;              /* the marker arrived */
  gboolean      failed;            /* the connection failed */

  /* times (monotonic usec) */
  gint64        t_start;
  gint64        t_marker;

  char         *last_chat_id;

  /* main-loop responsiveness: 1 ms ticks at G_PRIORITY_HIGH and at GTK's redraw priority, and
   * the longest gap between two ticks of each until the marker */
  gint64        last_tick;
  gint64        max_gap;
  gint64        last_redraw;
  gint64        max_redraw_gap;
} Bench;

/* GDK_PRIORITY_REDRAW (gdk/gdkevents.h): when GTK lays out and paints a frame. */
#define REDRAW_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

/* Peak RSS of this process in KiB: VmHWM, as ru_maxrss also counts the RSS the parent had
 * when it forked (Linux keeps the larger across exec). */
static int
max_rss_kb (void)
{
  g_autofree char *status = NULL;
  struct rusage usage;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nVmHWM:")) != NULL)
    return (int)g_ascii_strtoll (line + strlen ("\nVmHWM:"), NULL, 10);

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;

  return (int)usage.ru_maxrss;
}

static void
on_async_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Bench *bench = user_data;

  g_assert (bench->result == NULL);
  bench->result = g_object_ref (result);
}

/* Spins the main context until an async call of @bench completes (or 60 s pass). */
static GAsyncResult *
wait_result (Bench *bench)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (bench->result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  if (bench->result == NULL)
    {
      g_printerr ("bench-ingest: an async call did not complete within 60 s\n");
      exit (EXIT_FAILURE);
    }

  return bench->result;
}

static void
clear_result (Bench *bench)
{
  g_clear_object (&bench->result);
}

static void
on_connection_event (HearthConnection *connection,
                     HearthEvent      *event,
                     Bench            *bench)
{
  bench->frames++;
}

static void
on_state_changed (HearthConnection *connection,
                  GParamSpec       *pspec,
                  Bench            *bench)
{
  HearthConnectionState state = hearth_connection_get_state (connection);
  const GError *error = hearth_connection_get_error (connection);

  if ((state == HEARTH_CONNECTION_DISCONNECTED || state == HEARTH_CONNECTION_RECONNECTING) &&
      !bench->done)
    {
      g_printerr ("bench-ingest: connection lost after %u events: %s\n", bench->frames,
                  error != NULL ? error->message : "no error");
      bench->failed = TRUE;
    }
}

static void
on_messages_received (HearthEventBus *bus,
                      HearthEvent    *event,
                      Bench          *bench)
{
  bench->received++;
}

static void
on_unknown_event (HearthEventBus *bus,
                  HearthEvent    *event,
                  Bench          *bench)
{
  const char *raw;
  const char *count;

  if (g_strcmp0 (hearth_event_get_name (event), MARKER_EVENT) != 0)
    return;

  bench->t_marker = g_get_monotonic_time ();
  bench->done = TRUE;
  bench->max_gap = MAX (bench->max_gap, bench->t_marker - bench->last_tick);
  bench->max_redraw_gap = MAX (bench->max_redraw_gap, bench->t_marker - bench->last_redraw);

  /* {"count":N}: read without a JSON parser (the only JSON code lives in src/core). */
  raw = hearth_event_get_raw_data (event);
  if (raw != NULL && (count = strstr (raw, "\"count\":")) != NULL)
    bench->expected = (guint)g_ascii_strtoull (count + 8, NULL, 10);
}

static void
on_message_added (HearthStore   *store,
                  HearthMessage *message,
                  gboolean       mine,
                  Bench         *bench)
{
  bench->added++;
  if (G_UNLIKELY (bench->last_chat_id == NULL))
    bench->last_chat_id = g_strdup (hearth_message_get_chat_id (message));
}

static void
on_database_error (HearthStore  *store,
                   const GError *error,
                   Bench        *bench)
{
  if (bench->db_errors++ < 5)
    g_printerr ("bench-ingest: database error: %s\n", error->message);
}

static gboolean
on_tick (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (!bench->done)
    bench->max_gap = MAX (bench->max_gap, now - bench->last_tick);
  bench->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
on_redraw_tick (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();

  if (!bench->done)
    bench->max_redraw_gap = MAX (bench->max_redraw_gap, now - bench->last_redraw);
  bench->last_redraw = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
parse_framing (const char    *text,
               HearthFraming *out)
{
  if (g_strcmp0 (text, "envelope") == 0)
    *out = HEARTH_FRAMING_ENVELOPE;
  else if (g_strcmp0 (text, "socket.io") == 0)
    *out = HEARTH_FRAMING_SOCKET_IO;
  else
    return FALSE;

  return TRUE;
}

/* The newest stored message of @chat_id is the chat's last message: the flood reached the
 * file, not only memory. */
static gboolean
check_database (Bench          *bench,
                HearthStore    *store,
                HearthDatabase *database)
{
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  HearthMessage *last;
  HearthChat *chat;

  if (bench->last_chat_id == NULL ||
      !(chat = hearth_store_lookup_chat (store, bench->last_chat_id)) ||
      !(last = hearth_chat_get_last_message (chat)))
    return FALSE;

  hearth_database_load_messages_async (database, bench->last_chat_id, NULL, NULL, 1, NULL,
                                       on_async_ready, bench);
  page = hearth_database_load_messages_finish (database, wait_result (bench), &error);
  clear_result (bench);

  if (page == NULL)
    {
      g_printerr ("bench-ingest: reading back the chat failed: %s\n", error->message);
      return FALSE;
    }

  return page->len == 1 &&
         g_strcmp0 (hearth_message_get_id (g_ptr_array_index (page, 0)),
                    hearth_message_get_id (last)) == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *framing_text = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(HearthApi) api = NULL;
  g_autoptr(HearthUser) me = NULL;
  g_autoptr(HearthDatabase) database = NULL;
  g_autoptr(HearthEventBus) bus = NULL;
  g_autoptr(HearthStore) store = NULL;
  g_autoptr(HearthConnection) connection = NULL;
  g_autoptr(GPtrArray) chats = NULL;
  HearthFraming framing = HEARTH_FRAMING_ENVELOPE;
  Bench bench = { 0, };
  gint64 t_flushed, deadline;
  guint tick_id, redraw_id;
  double seconds, to_marker;
  int timeout = 300;
  gboolean keep = FALSE;
  gboolean no_store = FALSE;
  gboolean db_ok;
  int status = EXIT_SUCCESS;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, "Server base URL", "URL" },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token, "Bearer token", "TOKEN" },
    { "framing", 0, 0, G_OPTION_ARG_STRING, &framing_text, "envelope or socket.io", "FRAMING" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Give up after this many seconds", "S" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the database directory", NULL },
    { "no-store", 0, 0, G_OPTION_ARG_NONE, &no_store,
      "Diagnosis: no store, count messages-received on the bus (connection + bus only)", NULL },
    { NULL }
  };

  context = g_option_context_new ("- Hearth ingest benchmark client");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-ingest: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (url == NULL || token == NULL || !parse_framing (framing_text, &framing))
    {
      g_printerr ("bench-ingest: --url, --token and --framing envelope|socket.io are needed\n");
      return EXIT_FAILURE;
    }

  if (!(dir = g_dir_make_tmp ("hearth-bench-ingest-XXXXXX", &error)))
    {
      g_printerr ("bench-ingest: %s\n", error->message);
      return EXIT_FAILURE;
    }
  path = g_build_filename (dir, "hearth.db", NULL);

  if (!(database = hearth_database_new (path, &error)))
    {
      g_printerr ("bench-ingest: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* What a session does before its socket is up: who am I, then the chat list. */
  api = hearth_api_new (url, token);
  hearth_api_get_me_async (api, NULL, on_async_ready, &bench);
  me = hearth_api_get_me_finish (api, wait_result (&bench), &error);
  clear_result (&bench);
  if (me == NULL)
    {
      g_printerr ("bench-ingest: GET /me: %s\n", error->message);
      return EXIT_FAILURE;
    }

  bus = hearth_event_bus_new ();
  store = hearth_store_new (me, database, bus, api);
  g_signal_connect (store, "message-added", G_CALLBACK (on_message_added), &bench);
  g_signal_connect (store, "database-error", G_CALLBACK (on_database_error), &bench);
  g_signal_connect (bus, "event::messages-received", G_CALLBACK (on_messages_received), &bench);
  g_signal_connect (bus, "event::unknown", G_CALLBACK (on_unknown_event), &bench);

  hearth_store_load_async (store, NULL, on_async_ready, &bench);
  if (!hearth_store_load_finish (store, wait_result (&bench), &error))
    {
      g_printerr ("bench-ingest: loading the store: %s\n", error->message);
      return EXIT_FAILURE;
    }
  clear_result (&bench);

  hearth_api_list_chats_async (api, NULL, on_async_ready, &bench);
  chats = hearth_api_list_chats_finish (api, wait_result (&bench), &error);
  clear_result (&bench);
  if (chats == NULL)
    {
      g_printerr ("bench-ingest: GET /chats: %s\n", error->message);
      return EXIT_FAILURE;
    }
  hearth_store_apply_chats (store, chats);
  hearth_store_flush (store);

  /* Diagnosis: what the connection and the bus alone cost. */
  if (no_store)
    g_clear_object (&store);

  connection = hearth_connection_new (url, token);
  hearth_connection_set_framing (connection, framing);
  g_signal_connect (connection, "event", G_CALLBACK (on_connection_event), &bench);
  g_signal_connect (connection, "notify::state", G_CALLBACK (on_state_changed), &bench);
  hearth_event_bus_set_connection (bus, connection);
  /* The ticks run from the start: libsoup may read much of the flood before the first event
   * comes out of the connection. */
  bench.t_start = bench.last_tick = bench.last_redraw = g_get_monotonic_time ();
  tick_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, on_tick, &bench, NULL);
  redraw_id = g_timeout_add_full (REDRAW_PRIORITY, 1, on_redraw_tick, &bench, NULL);
  hearth_connection_start (connection);

  deadline = g_get_monotonic_time () + (gint64)timeout * G_USEC_PER_SEC;
  while (!bench.done && !bench.failed && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick_id);
  g_source_remove (redraw_id);

  if (!bench.done)
    {
      g_printerr ("bench-ingest: no marker (%u events, %u applied)%s\n", bench.frames,
                  bench.added, bench.failed ? "" : ": timed out");
      return EXIT_FAILURE;
    }

  /* Whatever the store still holds goes to the file; the clock stops when it is there. */
  if (store != NULL)
    hearth_store_flush (store);
  else
    bench.added = bench.received;
  t_flushed = g_get_monotonic_time ();

  hearth_connection_stop (connection);
  db_ok = store == NULL || check_database (&bench, store, database);

  seconds = (t_flushed - bench.t_start) / (double)G_USEC_PER_SEC;
  to_marker = (bench.t_marker - bench.t_start) / (double)G_USEC_PER_SEC;
  g_print ("RESULT client=c framing=%s events=%u expected=%u received=%u seconds=%.3f "
           "rate=%.0f to_marker=%.3f flush=%.3f max_rss_kb=%d db_check=%s db_errors=%u "
           "max_stall_ms=%.0f max_redraw_ms=%.0f\n",
           framing_text, bench.added, bench.expected, bench.received, seconds,
           seconds > 0 ? bench.added / seconds : 0.0, to_marker, seconds - to_marker,
           max_rss_kb (), store == NULL ? "skipped" : db_ok ? "ok" : "FAILED", bench.db_errors,
           bench.max_gap / 1000.0, bench.max_redraw_gap / 1000.0);

  if (bench.added != bench.expected || !db_ok || bench.db_errors > 0)
    status = EXIT_FAILURE;

  g_clear_object (&connection);
  g_clear_object (&store);
  g_clear_object (&bus);
  if (!keep)
    {
      if (!hearth_database_delete_files (database, &error))
        g_printerr ("bench-ingest: %s\n", error->message);
      g_rmdir (dir);
    }
  else
    {
      hearth_database_close (database);
      g_printerr ("bench-ingest: kept %s\n", path);
    }
  g_free (bench.last_chat_id);

  return status;
}
