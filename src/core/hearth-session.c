/* hearth-session.c: one signed-in account, the composition root of the core
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-session"

#include "config.h"

#include "hearth-api.h"
#include "hearth-connection.h"
#include "hearth-database.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-message.h"
#include "hearth-outbox.h"
#include "hearth-presence-policy.h"
#include "hearth-session-private.h"
#include "hearth-session-resync.h"
#include "hearth-store.h"
#include "hearth-user.h"
#include "hearth-utils.h"

G_DEFINE_ENUM_TYPE (HearthSessionState, hearth_session_state,
                    G_DEFINE_ENUM_VALUE (HEARTH_SESSION_SIGNED_OUT, "signed-out"),
                    G_DEFINE_ENUM_VALUE (HEARTH_SESSION_SIGNING_IN, "signing-in"),
                    G_DEFINE_ENUM_VALUE (HEARTH_SESSION_SIGNED_IN, "signed-in"))

G_DEFINE_ENUM_TYPE (HearthSignOutReason, hearth_sign_out_reason,
                    G_DEFINE_ENUM_VALUE (HEARTH_SIGN_OUT_USER, "user"),
                    G_DEFINE_ENUM_VALUE (HEARTH_SIGN_OUT_AUTHORIZATION_FAILED,
                                         "authorization-failed"),
                    G_DEFINE_ENUM_VALUE (HEARTH_SIGN_OUT_ACCOUNT_TERMINATED, "account-terminated"))

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
  PROP_WELLBEING_LIVE,
  N_PROPS
  /* From N_PROPS on: the policy's (hearth_presence_policy_install_properties()). */
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

void
_hearth_session_set_state (HearthSession      *self,
                           HearthSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_hearth_session_set_wellbeing_live (HearthSession *self,
                                    gboolean       live)
{
  live = !!live;
  if (self->wellbeing_live == live)
    return;

  self->wellbeing_live = live;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WELLBEING_LIVE]);
}

void
_hearth_session_report_database_error (HearthSession *self,
                                       const GError  *error)
{
  g_message ("Database: %s", error->message);
  g_signal_emit (self, signals[DATABASE_ERROR], 0, error);
}

/* A refused token on any request signs out. */
void
_hearth_session_check_api_error (HearthSession *self,
                                 const GError  *error)
{
  if (g_error_matches (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED))
    _hearth_session_schedule_sign_out (self, HEARTH_SIGN_OUT_AUTHORIZATION_FAILED,
                                       error->message);
}

/* Sign-out. */

static void
session_sign_out_internal (HearthSession       *self,
                           HearthSignOutReason  reason,
                           const char          *message)
{
  G_GNUC_UNUSED g_autoptr(HearthSession) hold = g_object_ref (self);
  g_autofree char *message_copy = g_strdup (message);
  g_autofree char *reason_name = NULL;

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
  _hearth_session_stop_account (self);

  /* The state goes first: what the wipe triggers is not reported any more. */
  _hearth_session_set_state (self, HEARTH_SESSION_SIGNED_OUT);
  _hearth_session_delete_account_data (self);

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
void
_hearth_session_schedule_sign_out (HearthSession       *self,
                                   HearthSignOutReason  reason,
                                   const char          *message)
{
  if (self->state == HEARTH_SESSION_SIGNED_OUT || self->sign_out_id != 0)
    return;

  self->sign_out_reason = reason;
  hearth_set_str (&self->sign_out_message, message);
  self->sign_out_id = g_idle_add (session_sign_out_cb, self);
}

/* The policy's properties are the session's of the same names. */
static void
on_policy_notify_cb (HearthSession *self,
                     GParamSpec    *pspec)
{
  GParamSpec *own = g_object_class_find_property (G_OBJECT_GET_CLASS (self), pspec->name);

  g_assert (own != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), own);
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

  _hearth_session_set_state (self, HEARTH_SESSION_SIGNING_IN);
  return TRUE;
}

/* Undoes a sign-in that failed after the account's objects were made (nothing deleted). */
static void
session_abort_sign_in (HearthSession *self)
{
  _hearth_session_close_account (self);
  g_clear_pointer (&self->account_dir, g_free);
  self->used = FALSE;
  _hearth_session_set_state (self, HEARTH_SESSION_SIGNED_OUT);
}

void
_hearth_session_fail_sign_in (HearthSession *self,
                              GTask         *task,
                              GError        *error)
{
  if (self->state == HEARTH_SESSION_SIGNING_IN)
    session_abort_sign_in (self);

  g_task_return_error (task, error);
}

/* Returns FALSE (and fails @task) when the sign-in must stop here. */
gboolean
_hearth_session_sign_in_continues (HearthSession *self,
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
      session_abort_sign_in (self);
      return FALSE;
    }

  return TRUE;
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
      _hearth_session_fail_sign_in (self, task, g_steal_pointer (&error));
      return;
    }

  if (!_hearth_session_sign_in_continues (self, task))
    return;

  hearth_set_str (&self->token, token);
  hearth_api_set_token (self->api, token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);

  _hearth_session_open_account (self, me, g_steal_pointer (&task));
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
      _hearth_session_fail_sign_in (self, task, g_steal_pointer (&error));
      return;
    }

  if (!_hearth_session_sign_in_continues (self, task))
    return;

  _hearth_session_open_account (self, me, g_steal_pointer (&task));
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
  _hearth_session_wellbeing_dispose (self);
  g_clear_handle_id (&self->sign_out_id, g_source_remove);
  _hearth_session_close_account (self);
  g_clear_object (&self->api);
  g_clear_object (&self->me);

  G_OBJECT_CLASS (hearth_session_parent_class)->dispose (object);
}

static void
hearth_session_finalize (GObject *object)
{
  HearthSession *self = (HearthSession *)object;

  /* Holds nothing since dispose (_hearth_session_close_account()): kept for the getters. */
  g_clear_object (&self->policy);
  g_clear_object (&self->cancellable);
  g_free (self->server_url);
  g_free (self->data_dir);
  g_free (self->user_id);
  g_free (self->token);
  g_free (self->account_dir);
  g_free (self->sign_out_message);
  g_free (self->signed_out_message);

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

    case PROP_WELLBEING_LIVE:
      g_value_set_boolean (value, self->wellbeing_live);
      break;

    default:
      if (prop_id >= N_PROPS)
        hearth_presence_policy_delegate_get_property (self->policy, pspec, value);
      else
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

    default:
      if (prop_id >= N_PROPS)
        hearth_presence_policy_delegate_set_property (self->policy, pspec, value);
      else
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
  properties[PROP_WELLBEING_LIVE] =
    g_param_spec_boolean ("wellbeing-live", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  hearth_presence_policy_install_properties (object_class, N_PROPS);

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
  self->policy = hearth_presence_policy_new ();
  g_signal_connect_swapped (self->policy, "notify", G_CALLBACK (on_policy_notify_cb), self);
  _hearth_session_wellbeing_init (self);
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
      _hearth_session_refresh_me (self);
      _hearth_session_open_account (self, me, g_steal_pointer (&task));
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
    hearth_session_resync_track (self->resync, chat_id, list);

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
  hearth_presence_policy_stop_typing (self->policy);

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

/* The policies: see hearth-presence-policy.h. */

void
hearth_session_composer_changed (HearthSession *self,
                                 const char    *chat_id)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));
  g_return_if_fail (chat_id != NULL);

  hearth_presence_policy_composer_changed (self->policy, chat_id);
}

void
hearth_session_set_chat_visible (HearthSession *self,
                                 const char    *chat_id,
                                 gboolean       at_bottom)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  hearth_presence_policy_set_view (self->policy, chat_id, at_bottom,
                                   hearth_presence_policy_get_window_active (self->policy));
}

const char *
hearth_session_get_open_chat_id (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), NULL);

  return hearth_presence_policy_get_open_chat_id (self->policy);
}

void
hearth_session_set_open_chat_id (HearthSession *self,
                                 const char    *chat_id)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  hearth_presence_policy_set_open_chat_id (self->policy, chat_id);
}

gboolean
hearth_session_get_chat_at_bottom (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  return hearth_presence_policy_get_chat_at_bottom (self->policy);
}

void
hearth_session_set_chat_at_bottom (HearthSession *self,
                                   gboolean       at_bottom)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  hearth_presence_policy_set_chat_at_bottom (self->policy, at_bottom);
}

gboolean
hearth_session_get_window_active (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  return hearth_presence_policy_get_window_active (self->policy);
}

void
hearth_session_set_window_active (HearthSession *self,
                                  gboolean       active)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  hearth_presence_policy_set_window_active (self->policy, active);
}

gboolean
hearth_session_get_send_typing (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  return hearth_presence_policy_get_send_typing (self->policy);
}

void
hearth_session_set_send_typing (HearthSession *self,
                                gboolean       send_typing)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  hearth_presence_policy_set_send_typing (self->policy, send_typing);
}

gboolean
hearth_session_get_send_read_receipts (HearthSession *self)
{
  g_return_val_if_fail (HEARTH_IS_SESSION (self), FALSE);

  return hearth_presence_policy_get_send_read_receipts (self->policy);
}

void
hearth_session_set_send_read_receipts (HearthSession *self,
                                       gboolean       send)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  hearth_presence_policy_set_send_read_receipts (self->policy, send);
}

/* Test hooks. */

void
_hearth_session_set_policy_intervals (HearthSession *self,
                                      guint          typing_refresh_ms,
                                      guint          typing_idle_ms,
                                      guint          read_interval_ms)
{
  g_return_if_fail (HEARTH_IS_SESSION (self));

  hearth_presence_policy_set_intervals (self->policy, typing_refresh_ms, typing_idle_ms,
                                        read_interval_ms);
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
  if (self->resync != NULL)
    hearth_session_resync_set_page_size (self->resync, page_size);
}
