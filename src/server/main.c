/* main.c: hearth-server, the reference server as a standalone program
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib-unix.h>

#include "hearth-server.h"
#include "hearth-server-cast.h"

static gboolean
on_signal (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_CONTINUE;
}

static gboolean
parse_framing (const char     *text,
               HearthFraming  *out)
{
  if (g_strcmp0 (text, "auto") == 0)
    *out = HEARTH_FRAMING_AUTO;
  else if (g_strcmp0 (text, "envelope") == 0)
    *out = HEARTH_FRAMING_ENVELOPE;
  else if (g_strcmp0 (text, "socket.io") == 0)
    *out = HEARTH_FRAMING_SOCKET_IO;
  else
    return FALSE;

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HearthServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(HearthServerCast) cast = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) usernames = NULL;
  g_autofree char *framing_text = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *url = NULL;
  HearthFraming framing = HEARTH_FRAMING_AUTO;
  int port = 0;
  int ping_interval = 25000;
  int ping_timeout = 20000;
  int flood = 0;
  gboolean tokens_by_id = FALSE;
  gboolean demo = FALSE;
  double demo_speed = 1.0;
  guint sigint_id, sigterm_id;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on (default: any free port)", "N" },
    { "framing", 'f', 0, G_OPTION_ARG_STRING, &framing_text,
      "WebSocket endpoints to serve: auto (both), envelope or socket.io", "FRAMING" },
    { "seed", 's', 0, G_OPTION_ARG_FILENAME, &seed,
      "Seed fixture (default: the built-in demo cast)", "FILE" },
    { "ping-interval", 0, 0, G_OPTION_ARG_INT, &ping_interval,
      "Socket.IO ping interval in ms (default 25000)", "MS" },
    { "ping-timeout", 0, 0, G_OPTION_ARG_INT, &ping_timeout,
      "Socket.IO ping timeout in ms (default 20000)", "MS" },
    { "print-tokens-by-id", 0, 0, G_OPTION_ARG_NONE, &tokens_by_id,
      "Name users by id instead of username in the token lines (for tests)", NULL },
    { "demo", 'd', 0, G_OPTION_ARG_NONE, &demo,
      "Run the demo cast: the seed's other users chat, read, reply and make chats with the "
      "seed's default user", NULL },
    { "demo-speed", 0, 0, G_OPTION_ARG_DOUBLE, &demo_speed,
      "With --demo: how many demo seconds pass per second (default 1)", "FACTOR" },
    { "flood", 0, 0, G_OPTION_ARG_INT, &flood,
      "Benchmark: send N messages-received events to every connection, then \"bench-done\"",
      "N" },
    { NULL }
  };

  context = g_option_context_new ("- the Hearth reference server");
  g_option_context_set_summary (context,
                                "Serves the Hearth REST API and its WebSocket events "
                                "(Socket.IO v4 and the envelope framing) on 127.0.0.1.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("hearth-server: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (port < 0 || port > 65535)
    {
      g_printerr ("hearth-server: --port must be between 0 and 65535\n");
      return EXIT_FAILURE;
    }

  if (framing_text != NULL && !parse_framing (framing_text, &framing))
    {
      g_printerr ("hearth-server: --framing must be auto, envelope or socket.io\n");
      return EXIT_FAILURE;
    }

  if (ping_interval <= 0 || ping_timeout <= 0)
    {
      g_printerr ("hearth-server: --ping-interval and --ping-timeout must be positive\n");
      return EXIT_FAILURE;
    }

  if (flood < 0)
    {
      g_printerr ("hearth-server: --flood must not be negative\n");
      return EXIT_FAILURE;
    }

  if (demo_speed <= 0 || demo_speed > 1000)
    {
      g_printerr ("hearth-server: --demo-speed must be above 0 and at most 1000\n");
      return EXIT_FAILURE;
    }

  server = hearth_server_new ();

  if (seed != NULL ? !hearth_server_load_seed_file (server, seed, &error)
                   : !hearth_server_load_default_seed (server, &error))
    {
      g_printerr ("hearth-server: %s\n", error->message);
      return EXIT_FAILURE;
    }

  hearth_server_set_framing (server, framing);
  hearth_server_set_ping (server, ping_interval, ping_timeout);

  if (!hearth_server_listen (server, port, &error))
    {
      g_printerr ("hearth-server: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (flood > 0)
    hearth_server_set_flood (server, flood);

  if (demo)
    {
      const char *me = hearth_server_get_default_user (server);

      if (me == NULL)
        {
          g_printerr ("hearth-server: --demo needs a seed with a default user (\"me\")\n");
          return EXIT_FAILURE;
        }

      cast = hearth_server_cast_new (server, me);
      hearth_server_cast_set_time_scale (cast, 1.0 / demo_speed);
      hearth_server_cast_start (cast);
    }

  /* Tests spawn this binary and wait for exactly this line. */
  url = hearth_server_dup_url (server);
  g_print ("Listening on %s\n", url);
  fflush (stdout);

  /* For humans trying the server with curl or websocat. */
  usernames = hearth_server_dup_usernames (server);
  for (guint i = 0; usernames[i] != NULL; i++)
    {
      const char *user_id = hearth_server_find_user (server, usernames[i]);

      g_printerr ("Token for %s: %s\n", tokens_by_id ? user_id : usernames[i],
                  hearth_server_get_token (server, user_id));
    }

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_signal, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, loop);

  g_main_loop_run (loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  if (cast != NULL)
    hearth_server_cast_stop (cast);
  hearth_server_shutdown (server);

  return EXIT_SUCCESS;
}
