/* hearth-session.c: one signed-in account, the composition root of the core
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-session"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-connection.h"
#include "hearth-database.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-outbox.h"
#include "hearth-session-private.h"
#include "hearth-store.h"
#include "hearth-user.h"
#include "hearth-utils.h"

/* Catch-up page size: the server's default page. */
#define CATCH_UP_PAGE_SIZE 50

G_DEFINE_ENUM_TYPE (HearthSessionState, hearth_session_state,
                    G_DEFINE_ENUM_VALUE (HEARTH_SESSION_SIGNED_OUT, "signed-out"),
                    G_DEFINE_ENUM_VALUE (HEARTH_SESSION_SIGNING_IN, "signing-in"),
                    G_DEFINE_ENUM_VALUE (HEARTH_SESSION_SIGNED_IN, "signed-in"))

G_DEFINE_ENUM_TYPE (HearthSignOutReason, hearth_sign_out_reason,
                    G_DEFINE_ENUM_VALUE (HEARTH_SIGN_OUT_USER, "user"),
                    G_DEFINE_ENUM_VALUE (HEARTH_SIGN_OUT_AUTHORIZATION_FAILED,
                                         "authorization-failed"),
                    G_DEFINE_ENUM_VALUE (HEARTH_SIGN_OUT_ACCOUNT_TERMINATED, "account-terminated"))

/* One resync run. @session is valid while @cancellable is not cancelled (the session cancels
 * it before it goes away). */
typedef struct
{
  HearthSession *session;
  GCancellable  *cancellable;
  GPtrArray     *chats;       /* GET /chats, applied once the catch-ups are done */
  guint          pending;
} Resync;

/* The catch-up of one chat within a resync. */
typedef struct
{
  Resync   *resync;
  char     *chat_id;
  char     *after;       /* the cursor: the newest message known before the resync */
} CatchUp;

/* Rate limit of messages-read for one chat. */
typedef struct
{
  HearthSession *session;  /* borrowed */
  char          *chat_id;
  gint64         last_us;  /* monotonic time of the last emission, 0: never */
  guint          timer_id; /* a deferred emission */
} ReadState;

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
  Resync             *resync;          /* the running resync */
  GHashTable         *lists;           /* chat id -> GWeakRef * of HearthMessageList */
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

  /* policies */
  gboolean            send_typing;
  gboolean            send_read_receipts;
  gboolean            window_active;
  gboolean            chat_at_bottom;
  char               *open_chat_id;
  HearthChat         *open_chat;       /* the store's object for open_chat_id */
  gulong              open_chat_unread_id;
  char               *typing_chat_id;  /* the chat I am typing in, NULL: not typing */
  gint64              typing_started_us;
  guint               typing_idle_id;
  GHashTable         *read_states;     /* chat id -> ReadState */

  /* timings */
  guint               typing_refresh_ms;
  guint               typing_idle_ms;
  guint               read_interval_ms;
  guint               reconnect_base_ms;  /* 0: the connection's default */
  guint               reconnect_max_ms;
  guint               outbox_base_ms;     /* 0: the outbox's default */
  guint               outbox_max_ms;
  guint               catch_up_page_size;
};

G_DEFINE_FINAL_TYPE (HearthSession, hearth_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SERVER_URL,
  PROP_DATA_DIR,
  PROP_TOKEN,
  PROP_USER_ID,
  PROP_STATE,
  PROP_ME,
  PROP_API,
  PROP_BUS,
  PROP_STORE,
  PROP_OUTBOX,
  PROP_CONNECTION,
  PROP_SEND_TYPING,
  PROP_SEND_READ_RECEIPTS,
  PROP_OPEN_CHAT_ID,
  PROP_CHAT_AT_BOTTOM,
  PROP_WINDOW_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNED_OUT,
  DATABASE_ERROR,
  RESYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh_me_cb             (GObject       *object,
                                       GAsyncResult  *result,
                                       gpointer       user_data);
static void session_read_policy_check (HearthSession *self,
                                       gboolean       new_message);
static void session_schedule_sign_out (HearthSession       *self,
                                       HearthSignOutReason  reason,
                                       const char          *message);

static void
session_set_state (HearthSession      *self,
                   HearthSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
session_report_database_error (HearthSession *self,
                               const GError  *error)
{
  g_message ("Database: %s", error->message);
  g_signal_emit (self, signals[DATABASE_ERROR], 0, error);
}

/* Emitting (never queued). */

static void
session_emit (HearthSession   *self,
              HearthEventKind  kind,
              const char      *chat_id)
{
  g_autoptr(HearthEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  if (self->connection == NULL ||
      hearth_connection_get_state (self->connection) != HEARTH_CONNECTION_CONNECTED)
    {
      g_debug ("Offline: not sending %s", hearth_event_kind_to_name (kind));
      return;
    }

  event = hearth_event_new_emitted (kind, chat_id);
  if (!hearth_connection_emit (self->connection, event, &error))
    g_debug ("Could not send %s: %s", hearth_event_kind_to_name (kind), error->message);
}

/* Typing policy. */

static void
session_typing_stop (HearthSession *self,
                     gboolean       emit)
{
  g_autofree char *chat_id = NULL;

  g_clear_handle_id (&self->typing_idle_id, g_source_remove);

  if (self->typing_chat_id == NULL)
    return;

  chat_id = g_steal_pointer (&self->typing_chat_id);
  self->typing_started_us = 0;

  if (emit)
    session_emit (self, HEARTH_EVENT_TYPING_STOPPED, chat_id);
}

static gboolean
session_typing_idle_cb (gpointer user_data)
{
  HearthSession *self = user_data;

  self->typing_idle_id = 0;
  session_typing_stop (self, TRUE);

  return G_SOURCE_REMOVE;
}

/* Read policy. */

static void
read_state_free (ReadState *rs)
{
  g_clear_handle_id (&rs->timer_id, g_source_remove);
  g_free (rs->chat_id);
  g_free (rs);
}

static gboolean
read_state_timer_cb (gpointer user_data)
{
  ReadState *rs = user_data;

  rs->timer_id = 0;
  rs->last_us = g_get_monotonic_time ();
  session_emit (rs->session, HEARTH_EVENT_MESSAGES_READ, rs->chat_id);

  return G_SOURCE_REMOVE;
}

static void
session_emit_read_limited (HearthSession *self,
                           const char    *chat_id)
{
  gint64 interval_us = (gint64) self->read_interval_ms * 1000;
  gint64 now = g_get_monotonic_time ();
  ReadState *rs = g_hash_table_lookup (self->read_states, chat_id);

  if (rs == NULL)
    {
      rs = g_new0 (ReadState, 1);
      rs->session = self;
      rs->chat_id = g_strdup (chat_id);
      g_hash_table_insert (self->read_states, rs->chat_id, rs);
    }

  /* A deferred one is coming: it covers this read too. */
  if (rs->timer_id != 0)
    return;

  if (rs->last_us == 0 || now - rs->last_us >= interval_us)
    {
      rs->last_us = now;
      session_emit (self, HEARTH_EVENT_MESSAGES_READ, chat_id);
    }
  else
    {
      guint delay_ms = (guint) ((rs->last_us + interval_us - now + 999) / 1000);

      rs->timer_id = g_timeout_add (MAX (delay_ms, 1), read_state_timer_cb, rs);
    }
}

static void
on_open_chat_unread_cb (HearthSession *self)
{
  if (self->open_chat != NULL && hearth_chat_get_unread (self->open_chat) > 0)
    session_read_policy_check (self, FALSE);
}

/* Follows the store's object for the open chat (it may appear with a resync). */
static void
session_track_open_chat (HearthSession *self)
{
  HearthChat *chat = NULL;

  if (self->store != NULL && self->open_chat_id != NULL && self->state != HEARTH_SESSION_SIGNED_OUT)
    chat = hearth_store_lookup_chat (self->store, self->open_chat_id);

  if (chat == self->open_chat)
    return;

  if (self->open_chat != NULL)
    g_clear_signal_handler (&self->open_chat_unread_id, self->open_chat);
  g_set_object (&self->open_chat, chat);
  if (chat != NULL)
    self->open_chat_unread_id = g_signal_connect_swapped (chat, "notify::unread",
                                                          G_CALLBACK (on_open_chat_unread_cb),
                                                          self);
}

static gboolean
session_is_looking (HearthSession *self)
{
  return self->window_active && self->chat_at_bottom && self->open_chat_id != NULL;
}

static void
session_read_policy_check (HearthSession *self,
                           gboolean       new_message)
{
  if (self->state != HEARTH_SESSION_SIGNED_IN || self->store == NULL)
    return;

  session_track_open_chat (self);

  if (!session_is_looking (self) || self->open_chat == NULL)
    return;

  if (!new_message && hearth_chat_get_unread (self->open_chat) == 0)
    return;

  hearth_store_mark_read_locally (self->store, self->open_chat_id);

  if (self->send_read_receipts)
    session_emit_read_limited (self, self->open_chat_id);
}

static void
session_sync_store_view (HearthSession *self)
{
  if (self->store == NULL || self->state == HEARTH_SESSION_SIGNED_OUT)
    return;

  hearth_store_set_open_chat_id (self->store, self->open_chat_id);
  hearth_store_set_focused (self->store, session_is_looking (self));
}

/* Sets what the user looks at; notifies what changed, then applies the policies once. */
static void
session_update_view (HearthSession *self,
                     const char    *open_chat_id,
                     gboolean       at_bottom,
                     gboolean       window_active)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->open_chat_id, open_chat_id) != 0)
    {
      /* Typing ends on a switch to another chat. */
      if (self->typing_chat_id != NULL && g_strcmp0 (self->typing_chat_id, open_chat_id) != 0)
        session_typing_stop (self, TRUE);

      hearth_set_str (&self->open_chat_id, open_chat_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_CHAT_ID]);
    }

  at_bottom = !!at_bottom;
  if (self->chat_at_bottom != at_bottom)
    {
      self->chat_at_bottom = at_bottom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAT_AT_BOTTOM]);
    }

  window_active = !!window_active;
  if (self->window_active != window_active)
    {
      self->window_active = window_active;
      /* ... and on window blur. */
      if (!window_active)
        session_typing_stop (self, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_ACTIVE]);
    }

  session_sync_store_view (self);
  session_read_policy_check (self, FALSE);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Histories to catch up. */

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
session_track_list (HearthSession     *self,
                    const char        *chat_id,
                    HearthMessageList *list)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, list);
  g_hash_table_replace (self->lists, g_strdup (chat_id), ref);
}

/* Resync. */

static Resync *
resync_ref (Resync *resync)
{
  return g_rc_box_acquire (resync);
}

static void
resync_clear (Resync *resync)
{
  g_clear_pointer (&resync->chats, g_ptr_array_unref);
  g_clear_object (&resync->cancellable);
}

static void
resync_unref (Resync *resync)
{
  g_rc_box_release_full (resync, (GDestroyNotify) resync_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Resync, resync_unref)

static gboolean
resync_is_cancelled (Resync *resync)
{
  return g_cancellable_is_cancelled (resync->cancellable);
}

static void
session_cancel_resync (HearthSession *self)
{
  if (self->resync == NULL)
    return;

  g_cancellable_cancel (self->resync->cancellable);
  g_clear_pointer (&self->resync, resync_unref);
}

static void
resync_done_one (Resync *resync)
{
  HearthSession *self;

  g_assert (resync->pending > 0);

  if (--resync->pending > 0 || resync_is_cancelled (resync))
    return;

  self = resync->session;
  g_debug ("Resync done");

  if (self->resync == resync)
    g_clear_pointer (&self->resync, resync_unref);

  /* After the catch-ups: the store takes a last message from GET /chats as known, so the
   * pages go in first and the chats find those messages in place. */
  if (resync->chats != NULL)
    hearth_store_apply_chats (self->store, resync->chats);

  hearth_outbox_flush (self->outbox);
  session_read_policy_check (self, FALSE);
  g_signal_emit (self, signals[RESYNCED], 0);
}

static void
session_check_api_error (HearthSession *self,
                         const GError  *error)
{
  if (g_error_matches (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED))
    session_schedule_sign_out (self, HEARTH_SIGN_OUT_AUTHORIZATION_FAILED, error->message);
}

static void
catch_up_free (CatchUp *cu)
{
  if (cu == NULL)
    return;

  g_clear_pointer (&cu->resync, resync_unref);
  g_free (cu->chat_id);
  g_free (cu->after);
  g_free (cu);
}

/* Ends a catch-up (consumes @cu). */
static void
catch_up_finish (CatchUp *cu)
{
  Resync *resync = resync_ref (cu->resync);

  catch_up_free (cu);
  resync_done_one (resync);
  resync_unref (resync);
}

static void catch_up_fetch (CatchUp *cu);

static void
catch_up_page_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CatchUp *cu = user_data;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  HearthSession *self;

  page = hearth_api_list_messages_finish (HEARTH_API (object), result, &error);

  if (resync_is_cancelled (cu->resync))
    {
      catch_up_finish (cu);
      return;
    }

  self = cu->resync->session;

  if (page == NULL)
    {
      g_message ("Could not catch up with %s: %s", cu->chat_id, error->message);
      session_check_api_error (self, error);
      catch_up_finish (cu);
      return;
    }

  g_debug ("Caught up %u messages of %s", page->len, cu->chat_id);
  hearth_store_apply_messages (self->store, cu->chat_id, page);

  /* After a cursor, the page holds the oldest newer messages: a full one means more. */
  if (cu->after != NULL && page->len > 0 && page->len >= self->catch_up_page_size)
    {
      HearthMessage *last = g_ptr_array_index (page, page->len - 1);

      if (hearth_message_get_id (last) != NULL &&
          hearth_set_str (&cu->after, hearth_message_get_id (last)))
        {
          catch_up_fetch (cu);
          return;
        }
    }

  catch_up_finish (cu);
}

/* Fetches the next page (consumes @cu). Without a cursor: the newest page. */
static void
catch_up_fetch (CatchUp *cu)
{
  HearthSession *self = cu->resync->session;

  hearth_api_list_messages_async (self->api, cu->chat_id, NULL, cu->after,
                                  self->catch_up_page_size, cu->resync->cancellable,
                                  catch_up_page_cb, cu);
}

/* The newest message with a server id known for @chat_id: the chat's last message, else the
 * newest sent one of its history (the last message may be a queued one of mine). */
static char *
session_dup_cursor (HearthSession     *self,
                    const char        *chat_id,
                    HearthMessageList *list)
{
  HearthChat *chat = hearth_store_lookup_chat (self->store, chat_id);
  HearthMessage *last = chat != NULL ? hearth_chat_get_last_message (chat) : NULL;

  if (last != NULL && hearth_message_get_id (last) != NULL &&
      hearth_message_get_state (last) == HEARTH_MESSAGE_SENT)
    return g_strdup (hearth_message_get_id (last));

  if (list != NULL && (last = hearth_message_list_get_newest_sent (list)) != NULL)
    return g_strdup (hearth_message_get_id (last));

  return NULL;
}

static void
resync_chats_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Resync) resync = user_data;
  g_autoptr(GError) error = NULL;

  resync->chats = hearth_api_list_chats_finish (HEARTH_API (object), result, &error);

  if (resync_is_cancelled (resync))
    return;

  if (resync->chats == NULL)
    {
      g_message ("Could not fetch the chats: %s", error->message);
      session_check_api_error (resync->session, error);
    }
  else
    g_debug ("Resync: %u chats", resync->chats->len);

  resync_done_one (resync);
}

/* Starts the catch-up of @chat_id from @after (transfer full; NULL: the newest page). */
static void
resync_catch_up (Resync     *resync,
                 const char *chat_id,
                 char       *after)
{
  CatchUp *cu = g_new0 (CatchUp, 1);

  cu->resync = resync_ref (resync);
  cu->chat_id = g_strdup (chat_id);
  cu->after = after;
  resync->pending++;
  catch_up_fetch (cu);
}

static void
session_start_resync (HearthSession *self)
{
  Resync *resync;
  GHashTableIter iter;
  gpointer key, value;

  session_cancel_resync (self);

  g_debug ("Connected: resync");

  resync = g_rc_box_new0 (Resync);
  resync->session = self;
  resync->cancellable = g_cancellable_new ();
  resync->pending = 1;
  self->resync = resync_ref (resync);

  hearth_api_list_chats_async (self->api, resync->cancellable, resync_chats_cb,
                               resync_ref (resync));
  if (self->me_stale)
    hearth_api_get_me_async (self->api, self->cancellable, refresh_me_cb, self);

  /* The open chat and every history still shown, from the newest message known now. */
  if (self->open_chat_id != NULL && hearth_store_lookup_chat (self->store, self->open_chat_id))
    {
      GWeakRef *ref = g_hash_table_lookup (self->lists, self->open_chat_id);
      g_autoptr(HearthMessageList) list = ref != NULL ? g_weak_ref_get (ref) : NULL;

      resync_catch_up (resync, self->open_chat_id,
                       session_dup_cursor (self, self->open_chat_id, list));
    }

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(HearthMessageList) list = g_weak_ref_get (value);

      if (list == NULL)
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      if (g_strcmp0 (key, self->open_chat_id) == 0 || !hearth_store_lookup_chat (self->store, key))
        continue;

      resync_catch_up (resync, key, session_dup_cursor (self, key, list));
    }

  resync_unref (resync);
}

/* Sign-out. */

static void
session_stop_policies (HearthSession *self)
{
  session_typing_stop (self, FALSE);
  g_hash_table_remove_all (self->read_states);
  if (self->open_chat != NULL)
    g_clear_signal_handler (&self->open_chat_unread_id, self->open_chat);
  g_clear_object (&self->open_chat);
}

static void
session_sign_out_internal (HearthSession       *self,
                           HearthSignOutReason  reason,
                           const char          *message)
{
  G_GNUC_UNUSED g_autoptr(HearthSession) hold = g_object_ref (self);
  g_autofree char *message_copy = g_strdup (message);
  g_autofree char *reason_name = NULL;
  g_autoptr(GError) error = NULL;

  if (self->state == HEARTH_SESSION_SIGNED_OUT)
    return;

  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (HEARTH_TYPE_SIGN_OUT_REASON);
    GEnumValue *value = g_enum_get_value (klass, reason);

    reason_name = g_strdup (value != NULL ? value->value_nick : "?");
  }
  g_message ("Signing out (%s)%s%s", reason_name,
             message != NULL ? ": " : "", message != NULL ? message : "");

  g_clear_handle_id (&self->sign_out_id, g_source_remove);
  g_clear_pointer (&self->sign_out_message, g_free);
  self->signed_out_reason = reason;
  hearth_set_str (&self->signed_out_message, message);

  g_cancellable_cancel (self->cancellable);
  session_cancel_resync (self);
  session_stop_policies (self);

  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      hearth_connection_stop (self->connection);
    }
  if (self->outbox != NULL)
    hearth_outbox_stop (self->outbox);

  /* The state goes first: what the wipe triggers is not reported any more. */
  session_set_state (self, HEARTH_SESSION_SIGNED_OUT);

  if (self->store != NULL)
    {
      hearth_store_wipe (self->store);
      hearth_store_flush (self->store);
    }
  if (self->database != NULL && !self->files_deleted)
    {
      self->files_deleted = TRUE;
      if (!hearth_database_delete_files (self->database, &error))
        g_warning ("Could not delete the account's database: %s", error->message);
    }
  if (self->account_dir != NULL)
    g_rmdir (self->account_dir);

  g_clear_pointer (&self->token, g_free);
  hearth_api_set_token (self->api, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);

  g_signal_emit (self, signals[SIGNED_OUT], 0, reason, message_copy);
}

static gboolean
session_sign_out_cb (gpointer user_data)
{
  HearthSession *self = user_data;
  g_autofree char *message = g_steal_pointer (&self->sign_out_message);

  self->sign_out_id = 0;
  session_sign_out_internal (self, self->sign_out_reason, message);

  return G_SOURCE_REMOVE;
}

/* Server-side sign-outs happen from an idle: they are found in the middle of the
 * connection's or the outbox's work. The first reason wins. */
static void
session_schedule_sign_out (HearthSession       *self,
                           HearthSignOutReason  reason,
                           const char          *message)
{
  if (self->state == HEARTH_SESSION_SIGNED_OUT || self->sign_out_id != 0)
    return;

  self->sign_out_reason = reason;
  hearth_set_str (&self->sign_out_message, message);
  self->sign_out_id = g_idle_add (session_sign_out_cb, self);
}

/* Signals of the account's objects. */

static void
on_connection_state_cb (HearthConnection *connection,
                        GParamSpec       *pspec,
                        HearthSession    *self)
{
  HearthConnectionState state = hearth_connection_get_state (connection);
  const GError *error = hearth_connection_get_error (connection);

  /* The server forgot my typing state with the link: start again with the next keystroke. */
  session_typing_stop (self, FALSE);

  if (state == HEARTH_CONNECTION_CONNECTED)
    {
      session_start_resync (self);
      return;
    }

  session_cancel_resync (self);

  if (state == HEARTH_CONNECTION_STOPPED && error != NULL)
    {
      if (g_error_matches (error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_AUTH))
        session_schedule_sign_out (self, HEARTH_SIGN_OUT_AUTHORIZATION_FAILED, error->message);
      else if (g_error_matches (error, HEARTH_CONNECTION_ERROR, HEARTH_CONNECTION_ERROR_TERMINATED))
        session_schedule_sign_out (self, HEARTH_SIGN_OUT_ACCOUNT_TERMINATED, error->message);
    }
}

static void
on_account_terminated_cb (HearthEventBus *bus,
                          HearthEvent    *event,
                          HearthSession  *self)
{
  session_schedule_sign_out (self, HEARTH_SIGN_OUT_ACCOUNT_TERMINATED,
                             hearth_event_get_server_message (event));
}

static void
on_authorization_failed_cb (HearthEventBus *bus,
                            HearthEvent    *event,
                            HearthSession  *self)
{
  session_schedule_sign_out (self, HEARTH_SIGN_OUT_AUTHORIZATION_FAILED,
                             hearth_event_get_server_message (event));
}

static void
on_store_database_error_cb (HearthStore   *store,
                            const GError  *error,
                            HearthSession *self)
{
  if (self->state != HEARTH_SESSION_SIGNED_OUT)
    session_report_database_error (self, error);
}

static void
on_store_message_added_cb (HearthStore   *store,
                           HearthMessage *message,
                           gboolean       mine,
                           HearthSession *self)
{
  if (!mine && self->open_chat_id != NULL &&
      g_strcmp0 (hearth_message_get_chat_id (message), self->open_chat_id) == 0)
    session_read_policy_check (self, TRUE);
}

static void
on_outbox_send_failed_cb (HearthOutbox  *outbox,
                          HearthMessage *message,
                          const GError  *error,
                          HearthSession *self)
{
  session_check_api_error (self, error);
}

/* Signing in. */

static gboolean
session_begin_sign_in (HearthSession *self,
                       GTask         *task)
{
  if (self->state != HEARTH_SESSION_SIGNED_OUT || self->used)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               self->used ? "This session was already signed in"
                                          : "A sign-in is already running");
      return FALSE;
    }

  session_set_state (self, HEARTH_SESSION_SIGNING_IN);
  return TRUE;
}

/* Undoes a sign-in that failed after the account's objects were made (nothing deleted). */
static void
session_abort_account (HearthSession *self)
{
  if (self->outbox != NULL)
    hearth_outbox_stop (self->outbox);
  if (self->store != NULL && !self->files_deleted)
    hearth_store_flush (self->store);
  if (self->database != NULL)
    hearth_database_close (self->database);

  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->database);
  g_clear_object (&self->bus);
  g_clear_pointer (&self->account_dir, g_free);
  self->used = FALSE;
}

static void
session_fail_sign_in (HearthSession *self,
                      GTask         *task,
                      GError        *error)
{
  if (self->state == HEARTH_SESSION_SIGNING_IN)
    {
      session_abort_account (self);
      session_set_state (self, HEARTH_SESSION_SIGNED_OUT);
    }

  g_task_return_error (task, error);
}

/* Returns FALSE (and fails @task) when the sign-in must stop here. */
static gboolean
session_sign_in_continues (HearthSession *self,
                           GTask         *task)
{
  if (self->state != HEARTH_SESSION_SIGNING_IN)
    {
      /* Signed out meanwhile: the server refused the token (GET /me of a resume). */
      if (self->signed_out_reason == HEARTH_SIGN_OUT_AUTHORIZATION_FAILED)
        g_task_return_new_error (task, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED,
                                 "%s", self->signed_out_message != NULL ? self->signed_out_message
                                                                        : "Signed out");
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Signed out");
      return FALSE;
    }

  if (g_task_return_error_if_cancelled (task))
    {
      session_abort_account (self);
      session_set_state (self, HEARTH_SESSION_SIGNED_OUT);
      return FALSE;
    }

  return TRUE;
}

static void
session_start_connection (HearthSession *self)
{
  self->connection = hearth_connection_new (self->server_url, self->token);
  if (self->reconnect_base_ms > 0)
    g_object_set (self->connection, "reconnect-base-ms", self->reconnect_base_ms, NULL);
  if (self->reconnect_max_ms > 0)
    g_object_set (self->connection, "reconnect-max-ms", self->reconnect_max_ms, NULL);

  hearth_event_bus_set_connection (self->bus, self->connection);
  g_signal_connect (self->connection, "notify::state",
                    G_CALLBACK (on_connection_state_cb), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);

  hearth_connection_start (self->connection);
}

static void
outbox_load_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  /* Reported; what was sent meanwhile still goes out, the session goes on. */
  if (!hearth_outbox_load_finish (HEARTH_OUTBOX (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    session_report_database_error (self, error);

  if (!session_sign_in_continues (self, task))
    return;

  session_start_connection (self);
  session_set_state (self, HEARTH_SESSION_SIGNED_IN);
  session_sync_store_view (self);

  g_task_return_boolean (task, TRUE);
}

static void
store_load_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  /* A cache that cannot be read is reported; the session goes on with what it has. */
  if (!hearth_store_load_finish (HEARTH_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    session_report_database_error (self, error);

  if (!session_sign_in_continues (self, task))
    return;

  cancellable = g_task_get_cancellable (task);
  hearth_outbox_load_async (self->outbox, cancellable, outbox_load_cb, g_steal_pointer (&task));
}

static char *
session_dup_database_path (HearthSession  *self,
                           const char     *user_id,
                           GError        **error)
{
  g_autofree char *dir = NULL;

  if (self->data_dir != NULL)
    {
      if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_OPEN,
                       "Could not create %s: %s", self->data_dir, g_strerror (saved_errno));
          return NULL;
        }

      return g_build_filename (self->data_dir, "hearth.db", NULL);
    }

  if (!(dir = hearth_database_dup_account_dir (self->server_url, user_id, TRUE, error)))
    return NULL;

  hearth_set_str (&self->account_dir, dir);

  return g_build_filename (dir, "hearth.db", NULL);
}

/* Makes the account's objects for @me and loads them (then the connection starts). */
static void
session_open_account (HearthSession *self,
                      HearthUser    *me,
                      GTask         *task)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert (self->state == HEARTH_SESSION_SIGNING_IN);

  self->used = TRUE;
  g_set_object (&self->me, me);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ME]);

  path = session_dup_database_path (self, hearth_user_get_id (me), &error);
  if (path != NULL)
    self->database = hearth_database_new (path, &error);

  if (self->database == NULL)
    {
      g_autoptr(GError) memory_error = NULL;

      /* Work in memory: nothing is cached, nothing is lost while the app runs. */
      session_report_database_error (self, error);
      self->database = hearth_database_new (":memory:", &memory_error);
      if (self->database == NULL)
        {
          session_fail_sign_in (self, task, g_steal_pointer (&memory_error));
          g_object_unref (task);
          return;
        }
    }

  self->bus = hearth_event_bus_new ();
  g_signal_connect_object (self->bus, "event::account-terminated",
                           G_CALLBACK (on_account_terminated_cb), self, 0);
  g_signal_connect_object (self->bus, "event::authorization-failed",
                           G_CALLBACK (on_authorization_failed_cb), self, 0);

  self->store = hearth_store_new (me, self->database, self->bus, self->api);
  g_signal_connect_object (self->store, "database-error",
                           G_CALLBACK (on_store_database_error_cb), self, 0);
  g_signal_connect_object (self->store, "message-added",
                           G_CALLBACK (on_store_message_added_cb), self, 0);

  self->outbox = hearth_outbox_new (self->store, self->api);
  if (self->outbox_base_ms > 0)
    hearth_outbox_set_backoff_base_ms (self->outbox, self->outbox_base_ms);
  if (self->outbox_max_ms > 0)
    hearth_outbox_set_backoff_max_ms (self->outbox, self->outbox_max_ms);
  g_signal_connect_object (self->outbox, "send-failed",
                           G_CALLBACK (on_outbox_send_failed_cb), self, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);

  hearth_store_load_async (self->store, g_task_get_cancellable (task), store_load_cb, task);
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthSession *self = g_task_get_source_object (task);
  g_autoptr(HearthUser) me = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = hearth_api_login_finish (HEARTH_API (object), result, &me, &error);
  if (token == NULL)
    {
      session_fail_sign_in (self, task, g_steal_pointer (&error));
      return;
    }

  if (!session_sign_in_continues (self, task))
    return;

  hearth_set_str (&self->token, token);
  hearth_api_set_token (self->api, token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);

  session_open_account (self, me, g_steal_pointer (&task));
}

static void
session_update_me (HearthSession *self,
                   HearthUser    *user)
{
  if (self->me == NULL || g_strcmp0 (hearth_user_get_id (self->me), hearth_user_get_id (user)) != 0)
    return;

  if (hearth_user_get_name (user) != NULL)
    hearth_user_set_name (self->me, hearth_user_get_name (user));
  if (hearth_user_get_username (user) != NULL)
    hearth_user_set_username (self->me, hearth_user_get_username (user));
  hearth_user_set_photo (self->me, hearth_user_get_photo (user));
}

static void
refresh_me_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  HearthSession *self = user_data;
  g_autoptr(HearthUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = hearth_api_get_me_finish (HEARTH_API (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (user == NULL)
    {
      g_message ("Could not refresh my profile: %s", error->message);
      session_check_api_error (self, error);
      return;
    }

  self->me_stale = FALSE;

  if (g_strcmp0 (hearth_user_get_id (user), self->user_id) != 0)
    {
      /* The token belongs to someone else than the cache: do not mix them. */
      session_schedule_sign_out (self, HEARTH_SIGN_OUT_AUTHORIZATION_FAILED,
                                 "The sign-in token belongs to another account");
      return;
    }

  session_update_me (self, user);
}

static void
resume_me_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthSession *self = g_task_get_source_object (task);
  g_autoptr(HearthUser) me = NULL;
  g_autoptr(GError) error = NULL;

  me = hearth_api_get_me_finish (HEARTH_API (object), result, &error);
  if (me == NULL)
    {
      session_fail_sign_in (self, task, g_steal_pointer (&error));
      return;
    }

  if (!session_sign_in_continues (self, task))
    return;

  session_open_account (self, me, g_steal_pointer (&task));
}

/* GObject. */

static void
hearth_session_constructed (GObject *object)
{
  HearthSession *self = (HearthSession *)object;

  G_OBJECT_CLASS (hearth_session_parent_class)->constructed (object);

  g_assert (self->server_url != NULL);
  self->api = hearth_api_new (self->server_url, self->token);
}

static void
hearth_session_dispose (GObject *object)
{
  HearthSession *self = (HearthSession *)object;

  g_cancellable_cancel (self->cancellable);
  session_cancel_resync (self);
  g_clear_handle_id (&self->sign_out_id, g_source_remove);
  if (self->read_states != NULL)
    session_stop_policies (self);

  /* Nothing the shutdown below triggers is reported any more. */
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->outbox != NULL)
    g_signal_handlers_disconnect_by_data (self->outbox, self);
  if (self->bus != NULL)
    g_signal_handlers_disconnect_by_data (self->bus, self);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      hearth_connection_stop (self->connection);
    }
  if (self->bus != NULL)
    hearth_event_bus_set_connection (self->bus, NULL);
  if (self->outbox != NULL)
    hearth_outbox_stop (self->outbox);

  /* What is queued in memory reaches the disk before the file closes. */
  if (self->store != NULL && !self->files_deleted)
    hearth_store_flush (self->store);
  if (self->database != NULL && !self->files_deleted)
    hearth_database_close (self->database);

  g_clear_object (&self->connection);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->database);
  g_clear_object (&self->bus);
  g_clear_object (&self->api);
  g_clear_object (&self->me);
  g_clear_pointer (&self->lists, g_hash_table_unref);
  g_clear_pointer (&self->read_states, g_hash_table_unref);

  G_OBJECT_CLASS (hearth_session_parent_class)->dispose (object);
}

static void
hearth_session_finalize (GObject *object)
{
  HearthSession *self = (HearthSession *)object;

  g_clear_object (&self->cancellable);
  g_free (self->server_url);
  g_free (self->data_dir);
  g_free (self->user_id);
  g_free (self->token);
  g_free (self->account_dir);
  g_free (self->sign_out_message);
  g_free (self->signed_out_message);
  g_free (self->open_chat_id);
  g_free (self->typing_chat_id);

  G_OBJECT_CLASS (hearth_session_parent_class)->finalize (object);
}

static void
hearth_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HearthSession *self = HEARTH_SESSION (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;

    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;

    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ME:
      g_value_set_object (value, self->me);
      break;

    case PROP_API:
      g_value_set_object (value, self->api);
      break;

    case PROP_BUS:
      g_value_set_object (value, self->bus);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;

    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;

    case PROP_SEND_TYPING:
      g_value_set_boolean (value, self->send_typing);
      break;

    case PROP_SEND_READ_RECEIPTS:
      g_value_set_boolean (value, self->send_read_receipts);
      break;

    case PROP_OPEN_CHAT_ID:
      g_value_set_string (value, self->open_chat_id);
      break;

    case PROP_CHAT_AT_BOTTOM:
      g_value_set_boolean (value, self->chat_at_bottom);
      break;

    case PROP_WINDOW_ACTIVE:
      g_value_set_boolean (value, self->window_active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HearthSession *self = HEARTH_SESSION (object);

  switch (prop_id)
    {
    case PROP_SERVER_URL:
      self->server_url = g_value_dup_string (value);
      break;

    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;

    case PROP_TOKEN:
      self->token = g_value_dup_string (value);
      break;

    case PROP_USER_ID:
      self->user_id = g_value_dup_string (value);
      break;

    case PROP_SEND_TYPING:
      hearth_session_set_send_typing (self, g_value_get_boolean (value));
      break;

    case PROP_SEND_READ_RECEIPTS:
      hearth_session_set_send_read_receipts (self, g_value_get_boolean (value));
      break;

    case PROP_OPEN_CHAT_ID:
      hearth_session_set_open_chat_id (self, g_value_get_string (value));
      break;

    case PROP_CHAT_AT_BOTTOM:
      hearth_session_set_chat_at_bottom (self, g_value_get_boolean (value));
      break;

    case PROP_WINDOW_ACTIVE:
      hearth_session_set_window_active (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_session_class_init (HearthSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_session_constructed;
  object_class->dispose = hearth_session_dispose;
  object_class->finalize = hearth_session_finalize;
  object_class->get_property = hearth_session_get_property;
  object_class->set_property = hearth_session_set_property;

  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       HEARTH_TYPE_SESSION_STATE, HEARTH_SESSION_SIGNED_OUT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ME] =
    g_param_spec_object ("me", NULL, NULL, HEARTH_TYPE_USER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_API] =
    g_param_spec_object ("api", NULL, NULL, HEARTH_TYPE_API,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUS] =
    g_param_spec_object ("bus", NULL, NULL, HEARTH_TYPE_EVENT_BUS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HEARTH_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, HEARTH_TYPE_OUTBOX,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, HEARTH_TYPE_CONNECTION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEND_TYPING] =
    g_param_spec_boolean ("send-typing", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEND_READ_RECEIPTS] =
    g_param_spec_boolean ("send-read-receipts", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPEN_CHAT_ID] =
    g_param_spec_string ("open-chat-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHAT_AT_BOTTOM] =
    g_param_spec_boolean ("chat-at-bottom", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WINDOW_ACTIVE] =
    g_param_spec_boolean ("window-active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNED_OUT] =
    g_signal_new ("signed-out",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  HEARTH_TYPE_SIGN_OUT_REASON,
                  G_TYPE_STRING);

  signals[DATABASE_ERROR] =
    g_signal_new ("database-error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  signals[RESYNCED] =
    g_signal_new ("resynced",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
hearth_session_init (HearthSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) weak_ref_free);
  self->read_states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) read_state_free);
  self->send_typing = TRUE;
  self->send_read_receipts = TRUE;
  self->chat_at_bottom = TRUE;
  self->typing_refresh_ms = HEARTH_SESSION_TYPING_REFRESH_MS;
  self->typing_idle_ms = HEARTH_SESSION_TYPING_IDLE_MS;
  self->read_interval_ms = HEARTH_SESSION_READ_INTERVAL_MS;
  self->catch_up_page_size = CATCH_UP_PAGE_SIZE;
}

/* Public API. */

HearthSession *
hearth_session_new (const char *server_url,
                    const char *data_dir)
{
  g_return_val_if_fail (server_url != NULL, NULL);

  return g_object_new (HEARTH_TYPE_SESSION,
                       "server-url", server_url,
                       "data-dir", data_dir,
                       NULL);
}

HearthSession *
hearth_session_new_for_token (const char *server_url,
                              const char *token,
                              const char *user_id,
                              const char *data_dir)
{
  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  return g_object_new (HEARTH_TYPE_SESSION,
                       "server-url", server_url,
                       "token", token,
                       "user-id", user_id,
                       "data-dir", data_dir,
                       NULL);
}

void
hearth_session_sign_in_async (HearthSession       *self,
                              const char          *username,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HEARTH_IS_SESSION (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_session_sign_in_async);

  if (!session_begin_sign_in (self, task))
    return;

  hearth_api_login_async (self->api, username, password, cancellable,
                          login_cb, g_steal_pointer (&task));
}

gboolean
hearth_session_sign_in_finish (HearthSession  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
hearth_session_resume_async (HearthSession       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HEARTH_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_session_resume_async);

  if (self->token == NULL)
    {
      g_task_return_new_error (task, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED,
                               "No sign-in token to resume with");
      return;
    }

  if (!session_begin_sign_in (self, task))
    return;

  if (self->user_id != NULL)
    {
      g_autoptr(HearthUser) me = hearth_user_new (self->user_id);

      /* Offline-capable: the cache opens now, the profile is refreshed when it can be (now,
       * else with the next resync). */
      self->me_stale = TRUE;
      hearth_api_get_me_async (self->api, self->cancellable, refresh_me_cb, self);
      session_open_account (self, me, g_steal_pointer (&task));
      return;
    }

  hearth_api_get_me_async (self->api, cancellable, resume_me_cb, g_steal_pointer (&task));
}

gboolean
hearth_session_resume_finish (HearthSession  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
hearth_session_sign_out (HearthSession *self)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  session_sign_out_internal (self, HEARTH_SIGN_OUT_USER, NULL);
}

const char *
hearth_session_get_server_url (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->server_url;
}

const char *
hearth_session_get_data_dir (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->data_dir;
}

const char *
hearth_session_get_token (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->token;
}

HearthSessionState
hearth_session_get_state (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), HEARTH_SESSION_SIGNED_OUT);

  return self->state;
}

HearthUser *
hearth_session_get_me (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->me;
}

HearthApi *
hearth_session_get_api (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->api;
}

HearthEventBus *
hearth_session_get_bus (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->bus;
}

HearthStore *
hearth_session_get_store (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->store;
}

HearthOutbox *
hearth_session_get_outbox (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->outbox;
}

HearthConnection *
hearth_session_get_connection (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->connection;
}

HearthMessageList *
hearth_session_get_messages (HearthSession *self,
                             const char    *chat_id)
{
  HearthMessageList *list;

  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);
  g_return_val_if_fail (chat_id != NULL, NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  list = hearth_store_get_messages (self->store, chat_id);
  if (list != NULL)
    session_track_list (self, chat_id, list);

  return list;
}

HearthMessage *
hearth_session_send_message (HearthSession *self,
                             const char    *chat_id,
                             const char    *content,
                             const char    *reel)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);
  g_return_val_if_fail (chat_id != NULL, NULL);
  g_return_val_if_fail (self->outbox != NULL, NULL);

  /* typing-stopped on send. */
  session_typing_stop (self, TRUE);

  return hearth_outbox_send (self->outbox, chat_id, content, reel);
}

void
hearth_session_retry_message (HearthSession *self,
                              HearthMessage *message)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));
  g_return_if_fail (HEARTH_IS_MESSAGE (message));
  g_return_if_fail (self->outbox != NULL);

  hearth_outbox_retry (self->outbox, message);
}

void
hearth_session_composer_changed (HearthSession *self,
                                 const char    *chat_id)
{
  gint64 now;

  g_return_if_fail (HEARTH_IS_SESSION (self));
  g_return_if_fail (chat_id != NULL);

  if (!self->send_typing || self->state != HEARTH_SESSION_SIGNED_IN)
    return;

  now = g_get_monotonic_time ();

  /* Typing in another chat ends typing in the previous one. */
  if (self->typing_chat_id != NULL && g_strcmp0 (self->typing_chat_id, chat_id) != 0)
    session_typing_stop (self, TRUE);

  if (self->typing_chat_id == NULL ||
      now - self->typing_started_us >= (gint64) self->typing_refresh_ms * 1000)
    {
      hearth_set_str (&self->typing_chat_id, chat_id);
      self->typing_started_us = now;
      session_emit (self, HEARTH_EVENT_TYPING_STARTED, chat_id);
    }

  g_clear_handle_id (&self->typing_idle_id, g_source_remove);
  self->typing_idle_id = g_timeout_add (self->typing_idle_ms, session_typing_idle_cb, self);
}

void
hearth_session_set_chat_visible (HearthSession *self,
                                 const char    *chat_id,
                                 gboolean       at_bottom)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  session_update_view (self, chat_id, at_bottom, self->window_active);
}

const char *
hearth_session_get_open_chat_id (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return self->open_chat_id;
}

void
hearth_session_set_open_chat_id (HearthSession *self,
                                 const char    *chat_id)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  session_update_view (self, chat_id, self->chat_at_bottom, self->window_active);
}

gboolean
hearth_session_get_chat_at_bottom (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  return self->chat_at_bottom;
}

void
hearth_session_set_chat_at_bottom (HearthSession *self,
                                   gboolean       at_bottom)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  session_update_view (self, self->open_chat_id, at_bottom, self->window_active);
}

gboolean
hearth_session_get_window_active (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  return self->window_active;
}

void
hearth_session_set_window_active (HearthSession *self,
                                  gboolean       active)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  session_update_view (self, self->open_chat_id, self->chat_at_bottom, active);
}

gboolean
hearth_session_get_send_typing (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  return self->send_typing;
}

void
hearth_session_set_send_typing (HearthSession *self,
                                gboolean       send_typing)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  send_typing = !!send_typing;
  if (self->send_typing == send_typing)
    return;

  self->send_typing = send_typing;
  if (!send_typing)
    session_typing_stop (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_TYPING]);
}

gboolean
hearth_session_get_send_read_receipts (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  return self->send_read_receipts;
}

void
hearth_session_set_send_read_receipts (HearthSession *self,
                                       gboolean       send)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  send = !!send;
  if (self->send_read_receipts == send)
    return;

  self->send_read_receipts = send;
  if (!send)
    g_hash_table_remove_all (self->read_states);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_READ_RECEIPTS]);
}

/* Test hooks. */

void
_hearth_session_set_policy_intervals (HearthSession *self,
                                      guint          typing_refresh_ms,
                                      guint          typing_idle_ms,
                                      guint          read_interval_ms)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  if (typing_refresh_ms > 0)
    self->typing_refresh_ms = typing_refresh_ms;
  if (typing_idle_ms > 0)
    self->typing_idle_ms = typing_idle_ms;
  if (read_interval_ms > 0)
    self->read_interval_ms = read_interval_ms;
}

void
_hearth_session_set_retry_delays (HearthSession *self,
                                  guint          reconnect_base_ms,
                                  guint          reconnect_max_ms,
                                  guint          outbox_base_ms,
                                  guint          outbox_max_ms)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  if (reconnect_base_ms > 0)
    self->reconnect_base_ms = reconnect_base_ms;
  if (reconnect_max_ms > 0)
    self->reconnect_max_ms = reconnect_max_ms;
  if (outbox_base_ms > 0)
    self->outbox_base_ms = outbox_base_ms;
  if (outbox_max_ms > 0)
    self->outbox_max_ms = outbox_max_ms;
}

void
_hearth_session_set_catch_up_page_size (HearthSession *self,
                                        guint          page_size)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  if (page_size > 0)
    self->catch_up_page_size = page_size;
}
