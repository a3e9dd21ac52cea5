/* bench-frames.c: frame times of the window under a message flood (run by
 * build-aux/bench-startup, not a test)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-frames [--rate 1000] [--seconds 10] [--width 1000] [--height 700]
 *
 * The reference server runs in its own thread (its own main context), seeded with
 * tests/data/seed.json. The window signs in to it with a password, as a user would, and
 * opens Raj's chat; then the server thread posts --rate messages per second from Raj into
 * that chat for --seconds, paced by the clock (a 1 ms timer posts what is due), while the
 * main thread records the time of every "after-paint" of the window's GdkFrameClock. A tick
 * callback keeps the frame clock running, so an interval longer than the refresh period is a
 * frame the app could not deliver in time, not an idle pause. Then prints, as lines
 *   RESULT phase=idle|flood|catch-up|breakdown key=value ...
 * the intervals (longest, p99, p95, median, counts over 16 and 33 ms) of a 1 s idle baseline,
 * of the flood (every interval that overlaps it) and of the catch-up after it; the time the
 * frames themselves took (before-paint to after-paint); where the main thread's time went
 * during the flood (the update, layout, paint and after-paint stages of the frames, its CPU
 * time outside the frames, the longest main loop iteration); and how many flood messages the
 * conversation's message list received during the flood and in all.
 * It never asserts: problems are printed and make the exit status non-zero.
 *
 * Sign-in stores the token in the keyring: run it under tests/run-with-keyring.sh (a
 * throwaway keyring on a private bus; it refuses to run without HEARTH_TEST_KEYRING=1), under
 * an X server (xvfb-run), with GSK_RENDERER set as the figure needs.
 */

#define G_LOG_DOMAIN "bench-frames"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hearth-application.h"
#include "hearth-message.h"
#include "hearth-server.h"
#include "hearth-window-private.h"

/* tests/data/seed.json: Raj's direct chat with the seed's "me" (alex). */
#define CHAT_RAJ      "691719c0f252e6b4383a1f07"
#define FLOOD_PREFIX  "Flood message "
#define GUARD_S       30          /* a failure guard for each wait, not a measurement */
#define SETTLE_MS     1000        /* idle frames recorded before the flood (the baseline) */
#define DRAIN_S       20          /* how long the view may take to catch up after the flood */

/* The server thread. */
typedef struct
{
  GThread      *thread;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GMainContext *context;
  GMainLoop    *loop;
  HearthServer *server;
  char         *url;
  char         *raj_id;
  GError       *error;

  /* The flood, only touched in the server thread but for the atomics. */
  guint         rate;
  guint         total;
  guint         posted;
  gint64        started_us;
  gint64        ended_us;           /* written before @ended is set */
  gint          ended;              /* atomic */
  guint         failures;
} ServerThread;

/* Stages of a frame, each measured up to the end of GTK's own handlers of that frame clock
 * signal (ours are connected after them): update (tick callbacks, animations), layout
 * (measure and allocate: list views create and bind their rows here), paint (snapshot and
 * cairo rendering), after-paint (the rest of GTK's after-paint). */
enum
{
  STAGE_UPDATE,
  STAGE_LAYOUT,
  STAGE_PAINT,
  STAGE_AFTER,
  N_STAGES
};

static const char * const stage_names[N_STAGES] = { "update", "layout", "paint", "after" };

typedef struct
{
  gint64 at;                        /* monotonic µs of the after-paint */
  gint64 stage_us[N_STAGES];        /* µs in each stage; -1: before-paint was missed */
} Frame;

typedef struct
{
  GArray     *frames;               /* Frame, every after-paint while recording */
  gint64      mark;                 /* end of the last stage measured, 0 outside frames */
  gint64      stage_us[N_STAGES];   /* of the frame being painted */
  gboolean    recording;
  GHashTable *seen;                 /* flood message ids the message list announced */
  gint64      last_seen_us;
  guint       seen_by_flood_end;
  gboolean    done;
  GError     *error;
} Recorder;

static gboolean
server_flood_tick (gpointer data)
{
  ServerThread *st = data;
  gint64 now = g_get_monotonic_time ();
  guint due;

  if (st->started_us == 0)
    st->started_us = now;

  due = (guint) MIN ((gint64) st->total, (now - st->started_us) * st->rate / G_USEC_PER_SEC + 1);
  while (st->posted < due)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *content = g_strdup_printf (FLOOD_PREFIX "%u of %u: the quick brown fox",
                                                  st->posted + 1, st->total);
      g_autofree char *id = hearth_server_post_message (st->server, st->raj_id, CHAT_RAJ,
                                                        content, NULL, &error);

      if (id == NULL)
        st->failures++;
      st->posted++;
    }

  if (st->posted < st->total)
    return G_SOURCE_CONTINUE;

  st->ended_us = now;
  g_atomic_int_set (&st->ended, 1);
  return G_SOURCE_REMOVE;
}

static gboolean
server_quit_cb (gpointer data)
{
  ServerThread *st = data;

  g_main_loop_quit (st->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
server_thread_main (gpointer data)
{
  ServerThread *st = data;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (st->context);
  st->server = hearth_server_new ();
  if (hearth_server_load_default_seed (st->server, &error) &&
      hearth_server_listen (st->server, 0, &error))
    {
      st->url = hearth_server_dup_url (st->server);
      st->raj_id = g_strdup (hearth_server_find_user (st->server, "raj"));
    }

  g_mutex_lock (&st->lock);
  st->error = g_steal_pointer (&error);
  st->ready = TRUE;
  g_cond_signal (&st->cond);
  g_mutex_unlock (&st->lock);

  if (st->url != NULL)
    g_main_loop_run (st->loop);

  hearth_server_shutdown (st->server);
  while (g_main_context_iteration (st->context, FALSE))
    ;
  g_clear_object (&st->server);
  g_main_context_pop_thread_default (st->context);

  return NULL;
}

static gboolean
server_thread_start (ServerThread  *st,
                     GError       **error)
{
  g_mutex_init (&st->lock);
  g_cond_init (&st->cond);
  st->context = g_main_context_new ();
  st->loop = g_main_loop_new (st->context, FALSE);
  st->thread = g_thread_new ("bench-server", server_thread_main, st);

  g_mutex_lock (&st->lock);
  while (!st->ready)
    g_cond_wait (&st->cond, &st->lock);
  g_mutex_unlock (&st->lock);

  if (st->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&st->error));
      return FALSE;
    }
  if (st->raj_id == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "The seed has no user raj");
      return FALSE;
    }

  return TRUE;
}

static void
server_thread_start_flood (ServerThread *st,
                           guint         rate,
                           guint         seconds)
{
  GSource *source = g_timeout_source_new (1);

  st->rate = rate;
  st->total = rate * seconds;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, server_flood_tick, st, NULL);
  g_source_attach (source, st->context);
  g_source_unref (source);
}

/* When the last message was posted (monotonic µs), or 0. */
static gint64
server_thread_get_ended (ServerThread *st)
{
  return g_atomic_int_get (&st->ended) ? st->ended_us : 0;
}

static void
server_thread_stop (ServerThread *st)
{
  if (st->thread != NULL)
    {
      g_main_context_invoke (st->context, server_quit_cb, st);
      g_thread_join (st->thread);
    }
  g_clear_pointer (&st->loop, g_main_loop_unref);
  g_clear_pointer (&st->context, g_main_context_unref);
  g_clear_error (&st->error);
  g_free (st->url);
  g_free (st->raj_id);
  g_mutex_clear (&st->lock);
  g_cond_clear (&st->cond);
}

/* Main loop iterations: the default context's poll function, wrapped, tells when the main
 * thread stops waiting and when it waits again; in between it works (one iteration). */
static GPollFunc real_poll;
static gint64 poll_returned;
static gint64 longest_iteration_us;
static gboolean watching_iterations;

static gint
timed_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint result;

  if (watching_iterations && poll_returned > 0)
    longest_iteration_us = MAX (longest_iteration_us, now - poll_returned);
  result = real_poll (fds, nfds, timeout);
  poll_returned = g_get_monotonic_time ();

  return result;
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Frames. */

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Recorder      *rec)
{
  rec->mark = g_get_monotonic_time ();
  memset (rec->stage_us, 0, sizeof rec->stage_us);
}

static void
add_stage (Recorder *rec,
           guint     stage)
{
  gint64 now = g_get_monotonic_time ();

  if (rec->mark > 0)
    rec->stage_us[stage] += now - rec->mark;
  rec->mark = now;
}

static void
on_update_cb (GdkFrameClock *clock,
              Recorder      *rec)
{
  add_stage (rec, STAGE_UPDATE);
}

static void
on_layout_cb (GdkFrameClock *clock,
              Recorder      *rec)
{
  add_stage (rec, STAGE_LAYOUT);
}

static void
on_paint_cb (GdkFrameClock *clock,
             Recorder      *rec)
{
  add_stage (rec, STAGE_PAINT);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Recorder      *rec)
{
  Frame frame;
  gboolean complete = rec->mark > 0;

  add_stage (rec, STAGE_AFTER);
  frame.at = rec->mark;
  for (guint i = 0; i < N_STAGES; i++)
    frame.stage_us[i] = complete ? rec->stage_us[i] : -1;
  rec->mark = 0;

  if (rec->recording)
    g_array_append_val (rec->frames, frame);
}

static gboolean
keep_ticking_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Flood messages in the open chat's message list (the conversation view's model). */
static void
on_messages_changed_cb (GListModel *list,
                        guint       position,
                        guint       removed,
                        guint       added,
                        Recorder   *rec)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(HearthMessage) message = g_list_model_get_item (list, i);
      const char *content = hearth_message_get_content (message);
      const char *id = hearth_message_get_id (message);

      if (content != NULL && id != NULL && g_str_has_prefix (content, FLOOD_PREFIX) &&
          !g_hash_table_contains (rec->seen, id))
        {
          g_hash_table_add (rec->seen, g_strdup (id));
          rec->last_seen_us = g_get_monotonic_time ();
        }
    }
}

static void
delete_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFile *child;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) &&
         child != NULL)
    delete_tree (child);

  if (!g_file_delete (file, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_printerr ("bench-frames: could not delete %s: %s\n", g_file_peek_path (file),
                error->message);
}

/* Main loop helpers. */

typedef gboolean (*Condition) (gpointer data);

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
spin_until (Condition condition,
            gpointer  data,
            gint64    deadline_us)
{
  guint wake_id = g_timeout_add (10, wake_cb, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline_us)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
  return ok;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

static void
spin_for_ms (guint ms)
{
  spin_until (never, NULL, g_get_monotonic_time () + (gint64) ms * 1000);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Recorder *rec = user_data;

  hearth_accounts_sign_in_finish (HEARTH_ACCOUNTS (object), result, &rec->error);
  rec->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Recorder *) data)->done;
}

static gboolean
main_page_shown (gpointer data)
{
  HearthWindow *window = data;
  GListModel *shown = hearth_chat_list_view_get_shown (_hearth_window_get_chat_list_view (window));

  return g_strcmp0 (_hearth_window_get_page (window), "main") == 0 &&
         g_list_model_get_n_items (shown) > 0;
}

static gboolean
keyring_answered (gpointer data)
{
  HearthAccounts *accounts = data;

  return hearth_accounts_get_remembered (accounts) ||
         hearth_accounts_get_keyring_error (accounts) != NULL;
}

static gboolean
history_shown (gpointer data)
{
  HearthTimeline *timeline = hearth_conversation_view_get_timeline (data);

  return timeline != NULL && g_list_model_get_n_items (G_LIST_MODEL (timeline)) > 0 &&
         !hearth_message_list_get_loading (hearth_timeline_get_messages (timeline));
}

typedef struct
{
  ServerThread *st;
  Recorder     *rec;
} FloodWait;

static gboolean
flood_ended (gpointer data)
{
  FloodWait *wait = data;

  if (server_thread_get_ended (wait->st) == 0)
    return FALSE;
  wait->rec->seen_by_flood_end = g_hash_table_size (wait->rec->seen);
  return TRUE;
}

static gboolean
all_seen (gpointer data)
{
  FloodWait *wait = data;

  return g_hash_table_size (wait->rec->seen) >= wait->st->total;
}

typedef struct
{
  Recorder *rec;
  gint64    after;
} FrameWait;

static gboolean
painted_after (gpointer data)
{
  FrameWait *wait = data;
  GArray *frames = wait->rec->frames;

  return frames->len > 0 && g_array_index (frames, Frame, frames->len - 1).at > wait->after;
}

/* Statistics. */

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Intervals between consecutive after-paints, sorted: with @overlap, those that overlap
 * [from, to] (a frame that took the whole flood counts), else those inside it. */
static GArray *
intervals_between (GArray   *frames,
                   gint64    from,
                   gint64    to,
                   gboolean  overlap)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 1; i < frames->len; i++)
    {
      gint64 a = g_array_index (frames, Frame, i - 1).at;
      gint64 b = g_array_index (frames, Frame, i).at;

      if (overlap ? (a < to && b > from) : (a >= from && b <= to))
        {
          gint64 d = b - a;

          g_array_append_val (out, d);
        }
    }
  g_array_sort (out, compare_gint64);

  return out;
}

/* The time of @stage (N_STAGES: all stages) of the frames that ended in [from, to], sorted. */
static GArray *
stages_between (GArray *frames,
                guint   stage,
                gint64  from,
                gint64  to)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < frames->len; i++)
    {
      const Frame *frame = &g_array_index (frames, Frame, i);
      gint64 value = 0;

      if (frame->at < from || frame->at > to || frame->stage_us[0] < 0)
        continue;
      for (guint k = 0; k < N_STAGES; k++)
        if (k == stage || stage == N_STAGES)
          value += frame->stage_us[k];
      g_array_append_val (out, value);
    }
  g_array_sort (out, compare_gint64);

  return out;
}

static gint64
sum_of (GArray *values)
{
  gint64 sum = 0;

  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, gint64, i);

  return sum;
}

static double
quantile_ms (GArray *sorted,
             double  q)
{
  guint index;

  if (sorted->len == 0)
    return 0;
  index = (guint) MIN ((double) sorted->len - 1, q * (sorted->len - 1) + 0.5);
  return g_array_index (sorted, gint64, index) / 1000.0;
}

static guint
count_over (GArray *sorted,
            gint64  limit_us)
{
  guint n = 0;

  for (guint i = 0; i < sorted->len; i++)
    n += g_array_index (sorted, gint64, i) > limit_us;

  return n;
}

static void
print_stats (const char *name,
             GArray     *sorted)
{
  g_print ("RESULT phase=%s frames=%u max_ms=%.1f p99_ms=%.1f p95_ms=%.1f median_ms=%.1f "
           "over16=%u over33=%u",
           name, sorted->len, quantile_ms (sorted, 1.0), quantile_ms (sorted, 0.99),
           quantile_ms (sorted, 0.95), quantile_ms (sorted, 0.5),
           count_over (sorted, 16000), count_over (sorted, 33000));
}

static int
run (guint rate,
     guint seconds,
     int   width,
     int   height)
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(HearthAccounts) accounts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = NULL;
  g_autofree char *data_dir = NULL;
  ServerThread st = { 0, };
  Recorder rec = { 0, };
  FloodWait wait = { &st, &rec };
  HearthWindow *window;
  HearthConversationView *view;
  HearthTimeline *timeline;
  GdkFrameClock *clock;
  GListModel *messages;
  gulong handler_ids[5], messages_id;
  guint tick_id;
  gint64 settle_start, flood_start, flood_end, drained, cpu_start, cpu_end;
  int status = EXIT_SUCCESS;

  if (!server_thread_start (&st, &error))
    {
      g_printerr ("bench-frames: the server did not start: %s\n", error->message);
      server_thread_stop (&st);
      return EXIT_FAILURE;
    }

  app_id = g_strdup_printf ("io.github.hearthchat.Hearth.BenchFrames%u", (guint) getpid ());
  app = ADW_APPLICATION (hearth_application_new ());
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bench-frames: %s\n", error->message);
      server_thread_stop (&st);
      return EXIT_FAILURE;
    }

  data_dir = g_build_filename (g_get_user_data_dir (), "bench-frames-account", NULL);
  accounts = hearth_accounts_new ();
  hearth_accounts_set_data_dir (accounts, data_dir);
  window = hearth_window_new (app, accounts);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));

  rec.frames = g_array_new (FALSE, FALSE, sizeof (Frame));
  rec.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  hearth_accounts_sign_in_async (accounts, st.url, "alex", "hearth-alex", NULL, sign_in_cb, &rec);
  if (!spin_until (is_done, &rec, g_get_monotonic_time () + GUARD_S * G_USEC_PER_SEC) ||
      rec.error != NULL)
    {
      g_printerr ("bench-frames: sign-in failed: %s\n", rec.error ? rec.error->message : "timeout");
      status = EXIT_FAILURE;
      goto out;
    }
  if (!spin_until (main_page_shown, window, g_get_monotonic_time () + GUARD_S * G_USEC_PER_SEC) ||
      !spin_until (keyring_answered, accounts, g_get_monotonic_time () + GUARD_S * G_USEC_PER_SEC))
    {
      g_printerr ("bench-frames: the chat list never showed\n");
      status = EXIT_FAILURE;
      goto out;
    }

  view = _hearth_window_get_conversation_view (window);
  if (!hearth_window_open_chat (window, CHAT_RAJ) ||
      !spin_until (history_shown, view, g_get_monotonic_time () + GUARD_S * G_USEC_PER_SEC))
    {
      g_printerr ("bench-frames: Raj's chat did not open\n");
      status = EXIT_FAILURE;
      goto out;
    }
  timeline = hearth_conversation_view_get_timeline (view);
  messages = G_LIST_MODEL (hearth_timeline_get_messages (timeline));
  messages_id = g_signal_connect (messages, "items-changed",
                                  G_CALLBACK (on_messages_changed_cb), &rec);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler_ids[0] = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &rec);
  handler_ids[1] = g_signal_connect (clock, "update", G_CALLBACK (on_update_cb), &rec);
  handler_ids[2] = g_signal_connect (clock, "layout", G_CALLBACK (on_layout_cb), &rec);
  handler_ids[3] = g_signal_connect (clock, "paint", G_CALLBACK (on_paint_cb), &rec);
  handler_ids[4] = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &rec);
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), keep_ticking_cb, NULL, NULL);

  /* Baseline: what an idle, ticking window's intervals are on this display. */
  spin_for_ms (200);
  rec.recording = TRUE;
  settle_start = g_get_monotonic_time ();
  spin_for_ms (SETTLE_MS);

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  watching_iterations = TRUE;
  flood_start = g_get_monotonic_time ();
  cpu_start = thread_cpu_us ();
  server_thread_start_flood (&st, rate, seconds);
  spin_until (flood_ended, &wait, flood_start + (gint64) (seconds + GUARD_S) * G_USEC_PER_SEC);
  flood_end = g_get_monotonic_time ();
  cpu_end = thread_cpu_us ();
  spin_until (all_seen, &wait, flood_end + (gint64) DRAIN_S * G_USEC_PER_SEC);
  drained = g_get_monotonic_time ();
  /* The iteration that ended the wait has not polled again yet. */
  longest_iteration_us = MAX (longest_iteration_us, drained - poll_returned);
  {
    /* One more frame: an iteration that kept the main loop from painting until now ends a
     * frame interval only with the next frame. */
    FrameWait frame_wait = { &rec, drained };

    spin_until (painted_after, &frame_wait, drained + G_USEC_PER_SEC);
  }
  rec.recording = FALSE;
  watching_iterations = FALSE;
  g_main_context_set_poll_func (NULL, real_poll);

  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);
  for (guint i = 0; i < G_N_ELEMENTS (handler_ids); i++)
    g_signal_handler_disconnect (clock, handler_ids[i]);
  g_signal_handler_disconnect (messages, messages_id);

  {
    g_autoptr(GArray) idle = intervals_between (rec.frames, settle_start, flood_start, FALSE);
    g_autoptr(GArray) flood = intervals_between (rec.frames, flood_start, flood_end, TRUE);
    g_autoptr(GArray) catch_up = intervals_between (rec.frames, flood_end, drained, FALSE);
    g_autoptr(GArray) phases = stages_between (rec.frames, N_STAGES, flood_start, flood_end);
    guint seen = g_hash_table_size (rec.seen);
    gint64 in_frames = sum_of (phases);

    print_stats ("idle", idle);
    g_print ("\n");
    print_stats ("flood", flood);
    g_print (" frame_median_ms=%.1f frame_p95_ms=%.1f frame_max_ms=%.1f posted=%u "
             "post_failures=%u flood_s=%.2f received_in_flood=%u received=%u catch_up_ms=%.0f\n",
             quantile_ms (phases, 0.5), quantile_ms (phases, 0.95), quantile_ms (phases, 1.0),
             st.posted, st.failures,
             (server_thread_get_ended (&st) - st.started_us) / (double) G_USEC_PER_SEC,
             rec.seen_by_flood_end, seen,
             seen > 0 ? MAX (0, rec.last_seen_us - server_thread_get_ended (&st)) / 1000.0 : -1.0);

    /* Where the main thread's time went during the flood: each frame stage, and its CPU time
     * outside the frames (the main loop: socket, decoding, store, models, the list views'
     * items-changed); and the longest main loop iteration (frames included) of the flood and
     * the catch-up. */
    g_print ("RESULT phase=breakdown wall_ms=%.0f", (flood_end - flood_start) / 1000.0);
    for (guint k = 0; k < N_STAGES; k++)
      {
        g_autoptr(GArray) stage = stages_between (rec.frames, k, flood_start, flood_end);

        g_print (" %s_total_ms=%.0f %s_median_ms=%.1f %s_p95_ms=%.1f %s_max_ms=%.1f",
                 stage_names[k], sum_of (stage) / 1000.0, stage_names[k], quantile_ms (stage, 0.5),
                 stage_names[k], quantile_ms (stage, 0.95), stage_names[k],
                 quantile_ms (stage, 1.0));
      }
    g_print (" main_cpu_ms=%.0f outside_frames_cpu_ms=%.0f longest_iteration_ms=%.1f\n",
             (cpu_end - cpu_start) / 1000.0,
             MAX (0, cpu_end - cpu_start - in_frames) / 1000.0, longest_iteration_us / 1000.0);
    print_stats ("catch-up", catch_up);
    g_print ("\n");

    if (seen < st.total)
      {
        g_printerr ("bench-frames: the view got %u of %u messages\n", seen, st.total);
        status = EXIT_FAILURE;
      }
  }

out:
  gtk_window_destroy (GTK_WINDOW (window));
  hearth_accounts_shutdown (accounts);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  server_thread_stop (&st);
  g_clear_pointer (&rec.frames, g_array_unref);
  g_clear_pointer (&rec.seen, g_hash_table_unref);
  g_clear_error (&rec.error);

  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int rate = 1000;
  int seconds = 10;
  int width = 1000;
  int height = 700;
  int status;
  const GOptionEntry entries[] = {
    { "rate", 0, 0, G_OPTION_ARG_INT, &rate, "Messages per second (default 1000)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Length of the flood (default 10)", "S" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width (default 1000)", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height (default 700)", "PX" },
    { NULL }
  };

  context = g_option_context_new ("- Hearth frame times under a message flood");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-frames: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (rate < 1 || seconds < 1 || width < 360 || height < 400)
    {
      g_printerr ("bench-frames: --rate and --seconds must be positive, the window at least "
                  "360 × 400\n");
      return EXIT_FAILURE;
    }

  /* The sign-in stores a token: never in the user's own keyring. */
  if (g_strcmp0 (g_getenv ("HEARTH_TEST_KEYRING"), "1") != 0)
    {
      g_printerr ("bench-frames: run it under tests/run-with-keyring.sh (a throwaway keyring)\n");
      return EXIT_FAILURE;
    }

  /* The account's cache and the avatar cache go to a throwaway XDG_DATA_HOME. */
  data_home = g_dir_make_tmp ("hearth-bench-frames-XXXXXX", &error);
  if (data_home == NULL)
    {
      g_printerr ("bench-frames: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", data_home, TRUE);

  gtk_init ();
  adw_init ();

  status = run ((guint) rate, (guint) seconds, width, height);

  /* Whatever the session left in the throwaway directory goes with it. */
  {
    g_autoptr(GFile) dir = g_file_new_for_path (data_home);

    delete_tree (dir);
  }

  return status;
}
