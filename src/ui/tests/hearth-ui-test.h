/* hearth-ui-test.h: what the ui tests share: waiting on the main loop, finding labels, and a
 * window signed in to the in-process demo server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-application.h"
#include "hearth-server.h"
#include "hearth-store.h"
#include "hearth-window-private.h"

G_BEGIN_DECLS

/* A failure guard for waits on real sockets, never an assertion about speed. */
#define WAIT_GUARD_MS 20000

#define ME        "68ada1c0f252e6b4383a1f01"
#define RAJ       "68aef340f252e6b4383a1f02"
#define ANA       "68b044c0f252e6b4383a1f03"
#define CHAT_RAJ  "691719c0f252e6b4383a1f07"
#define CHAT_HIKE "698091c0f252e6b4383a1f09"

/* The application every test window belongs to (ui_test_init() registers it). */
extern AdwApplication *shared_app;

typedef gboolean (*Condition) (gpointer data);

typedef struct
{
  HearthAccounts *accounts;
  HearthWindow   *window;
  char           *data_dir;
  gboolean        done;
  GError         *error;
} Fixture;

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelSearch;

/* Sets up a throwaway XDG_DATA_HOME / XDG_CACHE_HOME, GTK, libadwaita and shared_app; warnings
 * are logged, criticals fatal. */
void            ui_test_init      (int        *argc,
                                   char     ***argv);
void            ui_test_shutdown  (void);

/* Runs the main loop until @condition holds (TRUE) or WAIT_GUARD_MS passed (FALSE). */
gboolean        spin_until        (Condition   condition,
                                   gpointer    data);
/* A mapped label showing exactly @text somewhere under @widget. */
GtkLabel       *find_label        (GtkWidget  *widget,
                                   const char *text);
gboolean        label_shown       (gpointer    data);   /* LabelSearch */
gboolean        label_gone        (gpointer    data);   /* LabelSearch */
void            wait_label        (Fixture    *f,
                                   const char *text);
HearthSession  *session_of        (Fixture    *f);
HearthServer   *server_of         (Fixture    *f);
HearthStore    *store_of          (Fixture    *f);
void            setup_window      (Fixture    *f,
                                   int         width);
/* The window signed in to the demo server (no cast), its chats loaded. */
void            setup_demo        (Fixture    *f,
                                   int         width);
void            fixture_set_up    (Fixture    *f,
                                   gconstpointer data);
void            fixture_tear_down (Fixture    *f,
                                   gconstpointer data);
gboolean        is_done           (gpointer    data);   /* Fixture: f->done */
/* hearth_accounts_sign_in_async()'s callback: sets f->error and f->done (Fixture). */
void            sign_in_cb        (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data);
/* The token's trip to the keyring was answered (HearthAccounts): it holds them meanwhile. */
gboolean        keyring_answered  (gpointer    data);
gboolean        conversation_open (gpointer    data);   /* Fixture */
void            open_chat         (Fixture    *f,
                                   const char *chat_id);

G_END_DECLS
