/* bench-floor.c: the toolkit floor of the startup benchmark (run by build-aux/bench-startup)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwApplication that presents one empty AdwApplicationWindow titled "Hearth Floor", of
 * Hearth's default size (1000 × 700, src/ui/hearth-window.ui), and does nothing else: what
 * any GTK 4 + libadwaita app pays before its own code runs (toolkit, theme, first frame).
 * It registers on the session bus like Hearth does (a unique application id), so the bus
 * round trip is in the floor too. Not a test: it never exits by itself.
 */

#define G_LOG_DOMAIN "bench-floor"

#include "config.h"

#include <adwaita.h>

/* Keep in sync with the template of HearthWindow. */
#define FLOOR_WIDTH  1000
#define FLOOR_HEIGHT 700

static void
on_activate_cb (GtkApplication *app,
                gpointer        user_data)
{
  GtkWidget *window = adw_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Hearth Floor");
  gtk_window_set_default_size (GTK_WINDOW (window), FLOOR_WIDTH, FLOOR_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("io.github.hearthchat.Hearth.BenchFloor", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
