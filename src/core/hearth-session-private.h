/* hearth-session-private.h: internals of HearthSession, shared by its files and the tests
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-presence-policy.h"
#include "hearth-session.h"
#include "hearth-session-resync.h"

G_BEGIN_DECLS

/* The policies of DESIGN.md §3 (see HearthPresencePolicy). */
#define HEARTH_SESSION_TYPING_REFRESH_MS HEARTH_PRESENCE_POLICY_TYPING_REFRESH_MS
#define HEARTH_SESSION_TYPING_IDLE_MS    HEARTH_PRESENCE_POLICY_TYPING_IDLE_MS
#define HEARTH_SESSION_READ_INTERVAL_MS  HEARTH_PRESENCE_POLICY_READ_INTERVAL_MS

/* Test hooks. Each takes effect from the next use; 0 keeps the current value. */
void _hearth_session_set_policy_intervals (HearthSession *self,
                                           guint          typing_refresh_ms,
                                           guint          typing_idle_ms,
                                           guint          read_interval_ms);
/* Applied to the connection and the outbox made at sign-in (call before signing in). */
void _hearth_session_set_retry_delays     (HearthSession *self,
                                           guint          reconnect_base_ms,
                                           guint          reconnect_max_ms,
                                           guint          outbox_base_ms,
                                           guint          outbox_max_ms);
/* Page size of the catch-up after a reconnect (default HEARTH_SESSION_RESYNC_PAGE_SIZE). */
void _hearth_session_set_catch_up_page_size (HearthSession *self,
                                             guint          page_size);

/*
 * Internals. hearth-session.c: the class, sign-in, resume and sign-out;
 * hearth-session-account.c: the account's objects (database, bus, store, outbox, resync,
 * connection), made, loaded, wired to the session and closed.
 */
struct _HearthSession
{
  GObject             parent_instance;

  /* construct */
  char               *server_url;
  char               *data_dir;
  char               *user_id;

  /* owned */
  char               *token;
  HearthUser         *me;
  HearthApi          *api;
  HearthEventBus     *bus;
  HearthDatabase     *database;
  HearthStore        *store;
  HearthOutbox       *outbox;
  HearthConnection   *connection;
  GCancellable       *cancellable;     /* everything of the account */
  HearthSessionResync *resync;         /* with the store */
  HearthPresencePolicy *policy;        /* typing and read receipts; the view */
  char               *account_dir;     /* made by us: removed when empty on sign-out */

  HearthSessionState  state;
  gboolean            used;            /* the account's objects were made once */
  gboolean            me_stale;        /* resumed offline: GET /me still to do */
  gboolean            files_deleted;

  /* sign-out: pending, and the last one */
  guint               sign_out_id;
  HearthSignOutReason signed_out_reason;
  char               *signed_out_message;
  HearthSignOutReason sign_out_reason;
  char               *sign_out_message;

  /* wellbeing (hearth-session-wellbeing.c) */
  GCancellable       *wellbeing_cancellable; /* the running refresh; NULL: none */
  gboolean            wellbeing_live;

  /* timings */
  guint               reconnect_base_ms;  /* 0: the connection's default */
  guint               reconnect_max_ms;
  guint               outbox_base_ms;     /* 0: the outbox's default */
  guint               outbox_max_ms;
  guint               catch_up_page_size; /* 0: the resync's default */
};

/* hearth-session.c */
void     _hearth_session_set_state             (HearthSession       *self,
                                                HearthSessionState   state);
void     _hearth_session_report_database_error (HearthSession       *self,
                                                const GError        *error);
void     _hearth_session_schedule_sign_out     (HearthSession       *self,
                                                HearthSignOutReason  reason,
                                                const char          *message);
void     _hearth_session_check_api_error       (HearthSession       *self,
                                                const GError        *error);
void     _hearth_session_set_wellbeing_live    (HearthSession       *self,
                                                gboolean             live);
gboolean _hearth_session_sign_in_continues     (HearthSession       *self,
                                                GTask               *task);
void     _hearth_session_fail_sign_in          (HearthSession       *self,
                                                GTask               *task,
                                                GError              *error);

/* hearth-session-account.c */
void     _hearth_session_open_account          (HearthSession       *self,
                                                HearthUser          *me,
                                                GTask               *task);
void     _hearth_session_refresh_me            (HearthSession       *self);
void     _hearth_session_stop_account          (HearthSession       *self);
void     _hearth_session_delete_account_data   (HearthSession       *self);
void     _hearth_session_close_account         (HearthSession       *self);

/* hearth-session-wellbeing.c: init connects to the session's own signals (the refresh after
 * every resync, "wellbeing-live" following the connection and the state); dispose cancels
 * the running refresh. */
void     _hearth_session_wellbeing_init        (HearthSession       *self);
void     _hearth_session_wellbeing_dispose     (HearthSession       *self);

G_END_DECLS
