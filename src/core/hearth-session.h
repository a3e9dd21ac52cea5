/* hearth-session.h: one signed-in account, the composition root of the core
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

/**
 * HearthSessionState:
 * @HEARTH_SESSION_SIGNED_OUT: no account (not signed in yet, sign-in failed, or signed out)
 * @HEARTH_SESSION_SIGNING_IN: sign_in/resume is running
 * @HEARTH_SESSION_SIGNED_IN: the account's objects exist and the connection runs (it may
 *   be offline: see the connection's own state)
 */
typedef enum
{
  HEARTH_SESSION_SIGNED_OUT,
  HEARTH_SESSION_SIGNING_IN,
  HEARTH_SESSION_SIGNED_IN,
} HearthSessionState;

/**
 * HearthSignOutReason:
 * @HEARTH_SIGN_OUT_USER: hearth_session_sign_out()
 * @HEARTH_SIGN_OUT_AUTHORIZATION_FAILED: the server refused the token (the
 *   authorization-failed event, a refused WebSocket handshake, or a REST 401)
 * @HEARTH_SIGN_OUT_ACCOUNT_TERMINATED: the account-terminated event
 */
typedef enum
{
  HEARTH_SIGN_OUT_USER,
  HEARTH_SIGN_OUT_AUTHORIZATION_FAILED,
  HEARTH_SIGN_OUT_ACCOUNT_TERMINATED,
} HearthSignOutReason;

#define HEARTH_TYPE_SESSION_STATE (hearth_session_state_get_type ())
GType hearth_session_state_get_type   (void) G_GNUC_CONST;
#define HEARTH_TYPE_SIGN_OUT_REASON (hearth_sign_out_reason_get_type ())
GType hearth_sign_out_reason_get_type (void) G_GNUC_CONST;

#define HEARTH_TYPE_SESSION (hearth_session_get_type ())
G_DECLARE_FINAL_TYPE (HearthSession, hearth_session, HEARTH, SESSION, GObject)

/*
 * HearthSession: everything of one account on one server (DESIGN.md §1, §2, §3, §4).
 *
 * Signing in (hearth_session_sign_in_async() or hearth_session_resume_async()) makes, in this
 * order: the database (data-dir/hearth.db, or hearth_database_dup_account_dir() of the server
 * URL and my user id when "data-dir" is NULL; a database that cannot be opened is reported
 * with "database-error" and replaced by an in-memory one: the session works, nothing is
 * cached), the HearthEventBus, the HearthStore (loaded from the database), the HearthOutbox
 * (its stored queue restored and resent), then the HearthConnection (the token, framing AUTO),
 * which is started. The _finish() returns once all of that is done: message lists handed out
 * afterwards already hold the restored queued messages. A session signs in once: after
 * sign-out, make a new one. After a failed sign-in nothing was made and the same session may
 * try again.
 *
 * Resync: on every transition of the connection to CONNECTED, at once: GET /chats, and for the
 * open chat and every history handed out by hearth_session_get_messages() that is still alive,
 * GET .../messages?after=<the newest message known when the link came up> repeated while pages
 * come back full → hearth_store_apply_messages(). When all have answered, the chats go to
 * hearth_store_apply_chats() (unread counts, last messages, stale typing cleared; after the
 * pages, so that the chats' last messages are found in their histories), then
 * hearth_outbox_flush(), then "resynced". A failed request is logged and skipped.
 *
 * Typing policy (switch "send-typing"): hearth_session_composer_changed() on each keystroke
 * emits typing-started on the first one and again on a keystroke 10 s or more after the last
 * typing-started; typing-stopped 3 s after the last keystroke, on send, on a switch to another
 * chat (another open chat, or a keystroke in another chat), when the window becomes inactive
 * and when the switch is turned off while typing. Nothing is emitted while offline; the
 * typing state is forgotten on every connection change (the next keystroke starts again).
 *
 * Read policy (switch "send-read-receipts"): when the open chat is at the bottom in an active
 * window ("open-chat-id", "chat-at-bottom", "window-active") and it has unread messages, or a
 * message of someone else arrives in it, the chat is marked read locally
 * (hearth_store_mark_read_locally()) and messages-read is emitted — at most one per chat per
 * 500 ms: a read within that window is emitted when it ends. With the switch off, the chat is
 * still marked read locally and nothing is emitted. The store's "open-chat-id" and "focused"
 * (open chat at the bottom in an active window) follow these properties.
 *
 * Wellbeing: after every resync (so after every (re)connect), and when the UI asks with
 * hearth_session_refresh_wellbeing(), GET /rewards, GET /score and
 * GET /score/history?days=HEARTH_STORE_SCORE_HISTORY_DAYS go to the store
 * (hearth_store_apply_rewards(), _apply_score(), _apply_score_history(); a 404 of /score is
 * "no score yet"). Each is applied as it answers; when all three succeeded the store's
 * "wellbeing-updated" becomes now and "wellbeing-live" TRUE if still connected, else
 * "wellbeing-live" is FALSE. A refresh started while one runs replaces it; sign-out cancels it.
 * Between refreshes the store follows reward-consumed and score-updated.
 *
 * Emitted events go through hearth_connection_emit(): never queued, dropped when offline.
 *
 * Sign-out: hearth_session_sign_out() (reason USER), the account-terminated event, and a
 * refused token (authorization-failed event, WebSocket handshake 401/403, any 401 on a REST call
 * the session or the outbox makes) stop the connection and the outbox, wipe the store, delete
 * the database files (and the account directory when empty), forget the token, turn "state"
 * to SIGNED_OUT and emit "signed-out". The objects (store, api, ...) stay readable until the
 * session is finalized. Storing the token (keyring) is the caller's business: the session
 * only exposes "token" and "me".
 *
 * Properties:
 *  "server-url"  (construct-only) the REST base URL
 *  "data-dir"    (construct-only, nullable) where hearth.db goes; NULL: the XDG default
 *  "token"       (construct-only via new_for_token, read-only afterwards; nullable)
 *  "user-id"     (construct-only, nullable) the user of a stored token (see resume)
 *  "state"       HearthSessionState
 *  "me"          HearthUser (nullable before sign-in)
 *  "store", "api", "bus", "connection", "outbox"  (read-only; api always, the others from
 *                sign-in on)
 *  "send-typing", "send-read-receipts"  privacy switches (default TRUE)
 *  "open-chat-id" (nullable) the chat shown in the conversation pane
 *  "chat-at-bottom" (default TRUE) the conversation pane is scrolled to the bottom
 *  "window-active" (default FALSE) the window showing the session is active
 *  "wellbeing-live" (read-only) the last refresh of rewards and score succeeded while
 *                connected: FALSE before the first one, while offline and after one failed
 *                (the UI then shows the store's data as of "wellbeing-updated")
 *
 * Signals:
 *  "signed-out"     (HearthSignOutReason reason, const char *message nullable): the server's
 *                   message for the two server-side reasons
 *  "database-error" (const GError *error): the database could not be opened (an in-memory
 *                   one is used instead) or a write failed (memory stays authoritative)
 *  "resynced"       (): a resync after a (re)connect finished and the outbox was flushed
 */
HearthSession      *hearth_session_new                 (const char          *server_url,
                                                        const char          *data_dir);
/* A session for a stored @token. @user_id (nullable) is the user the token belongs to: with
 * it, resume opens the cached data at once and works offline (GET /me then refreshes "me" in
 * the background; a 401 there signs out); without it, resume needs GET /me to succeed. */
HearthSession      *hearth_session_new_for_token       (const char          *server_url,
                                                        const char          *token,
                                                        const char          *user_id,
                                                        const char          *data_dir);

/* POST /auth/login, then opens the account (see above). Fails with the HearthApiError of the
 * login; "state" is then SIGNED_OUT again. */
void                hearth_session_sign_in_async       (HearthSession       *self,
                                                        const char          *username,
                                                        const char          *password,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            hearth_session_sign_in_finish      (HearthSession       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Signs in with the token given to hearth_session_new_for_token(). With a user id, a 401 of
 * the background GET /me that comes before the sign-in finished makes it fail with
 * HEARTH_API_ERROR_AUTHORIZATION_FAILED (after "signed-out"). */
void                hearth_session_resume_async        (HearthSession       *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            hearth_session_resume_finish       (HearthSession       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Signs out and deletes the account's local data (reason USER). */
void                hearth_session_sign_out            (HearthSession       *self);

const char         *hearth_session_get_server_url      (HearthSession       *self);
const char         *hearth_session_get_data_dir        (HearthSession       *self);
const char         *hearth_session_get_token           (HearthSession       *self);
HearthSessionState  hearth_session_get_state           (HearthSession       *self);
HearthUser         *hearth_session_get_me              (HearthSession       *self);
HearthApi          *hearth_session_get_api             (HearthSession       *self);
HearthEventBus     *hearth_session_get_bus             (HearthSession       *self);
HearthStore        *hearth_session_get_store           (HearthSession       *self);
HearthOutbox       *hearth_session_get_outbox          (HearthSession       *self);
HearthConnection   *hearth_session_get_connection      (HearthSession       *self);

/* A chat's history (as hearth_store_get_messages(), transfer full); the session catches it
 * up after every reconnect while it is alive. Views get histories here. */
HearthMessageList  *hearth_session_get_messages        (HearthSession       *self,
                                                        const char          *chat_id);
/* Sends a message (hearth_outbox_send()) and stops typing. Returns: (transfer full). */
HearthMessage      *hearth_session_send_message        (HearthSession       *self,
                                                        const char          *chat_id,
                                                        const char          *content,
                                                        const char          *reel);
/* Retry of a FAILED message (hearth_outbox_retry()). */
void                hearth_session_retry_message       (HearthSession       *self,
                                                        HearthMessage       *message);

/* Typing policy: call on every change of the composer's text in @chat_id. */
void                hearth_session_composer_changed    (HearthSession       *self,
                                                        const char          *chat_id);

/* Read policy inputs. set_chat_visible() sets "open-chat-id" and "chat-at-bottom" at once. */
void                hearth_session_set_chat_visible    (HearthSession       *self,
                                                        const char          *chat_id,
                                                        gboolean             at_bottom);
const char         *hearth_session_get_open_chat_id    (HearthSession       *self);
void                hearth_session_set_open_chat_id    (HearthSession       *self,
                                                        const char          *chat_id);
gboolean            hearth_session_get_chat_at_bottom  (HearthSession       *self);
void                hearth_session_set_chat_at_bottom  (HearthSession       *self,
                                                        gboolean             at_bottom);
gboolean            hearth_session_get_window_active   (HearthSession       *self);
void                hearth_session_set_window_active   (HearthSession       *self,
                                                        gboolean             active);

/* Wellbeing (see above). Refresh: does nothing unless signed in. */
void                hearth_session_refresh_wellbeing   (HearthSession       *self);
gboolean            hearth_session_get_wellbeing_live  (HearthSession       *self);
/* POST /rewards/:id/consume; the reply updates the store's reward (remaining,
 * is-consumed-by-you, ...). Fails with the HearthApiError of the request (its message is the
 * server's: "This reward has expired", "This reward is no longer available") and changes
 * nothing then; G_IO_ERROR_NOT_INITIALIZED when not signed in. Consuming a reward I already
 * consumed succeeds and reports its state. */
void                hearth_session_consume_reward_async  (HearthSession       *self,
                                                          const char          *reward_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            hearth_session_consume_reward_finish (HearthSession       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Privacy switches. */
gboolean            hearth_session_get_send_typing     (HearthSession       *self);
void                hearth_session_set_send_typing     (HearthSession       *self,
                                                        gboolean             send_typing);
gboolean            hearth_session_get_send_read_receipts (HearthSession    *self);
void                hearth_session_set_send_read_receipts (HearthSession    *self,
                                                        gboolean             send);

G_END_DECLS
