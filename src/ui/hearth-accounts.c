/* hearth-accounts.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-accounts"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-accounts.h"
#include "hearth-settings.h"
#include "hearth-api.h"
#include "hearth-connection.h"
#include "hearth-enums.h"
#include "hearth-secrets.h"
#include "hearth-user.h"
#include "hearth-utils.h"

struct _HearthAccounts
{
  GObject        parent_instance;

  HearthSession *session;
  HearthDemo    *demo;
  HearthSecrets *secrets;
  GSettings     *settings;      /* nullable: no schema installed */
  char          *data_dir;
  char          *keyring_error;
  gboolean       remembered;
  gboolean       demo_cast;
};

G_DEFINE_FINAL_TYPE (HearthAccounts, hearth_accounts, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_DEMO,
  PROP_REMEMBERED,
  PROP_KEYRING_ERROR,
  N_PROPS
};

enum {
  SIGNED_OUT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_demo_session (HearthAccounts *self,
                 HearthSession  *session)
{
  return self->demo != NULL &&
         g_strcmp0 (hearth_session_get_server_url (session), hearth_demo_get_url (self->demo)) == 0;
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!hearth_secrets_clear_finish (HEARTH_SECRETS (object), result, &error))
    g_message ("The keyring still holds the token: %s", error->message);
}

static void
set_remembered (HearthAccounts *self,
                gboolean        remembered,
                const char     *keyring_error)
{
  self->remembered = remembered;
  hearth_set_str (&self->keyring_error, keyring_error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMEMBERED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYRING_ERROR]);
}

static void
on_session_signed_out_cb (HearthAccounts      *self,
                          HearthSignOutReason  reason,
                          const char          *message,
                          HearthSession       *session)
{
  g_autoptr(HearthSession) ended = NULL;

  g_assert (HEARTH_IS_ACCOUNTS (self));
  g_assert (HEARTH_IS_SESSION (session));

  if (session != self->session)
    return;

  /* Keep the session alive until the handlers ran: views may still read it. */
  ended = g_steal_pointer (&self->session);
  g_signal_handlers_disconnect_by_data (ended, self);

  if (!is_demo_session (self, ended) && hearth_session_get_me (ended) != NULL)
    hearth_secrets_clear_async (self->secrets, hearth_session_get_server_url (ended),
                                hearth_user_get_id (hearth_session_get_me (ended)),
                                NULL, clear_cb, NULL);

  self->remembered = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMEMBERED]);

  g_signal_emit (self, signals[SIGNED_OUT], 0, reason, message);
}

static void
hearth_accounts_set_session (HearthAccounts *self,
                             HearthSession  *session)
{
  g_assert (HEARTH_IS_ACCOUNTS (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  g_set_object (&self->session, session);

  if (session != NULL)
    g_signal_connect_object (session, "signed-out",
                             G_CALLBACK (on_session_signed_out_cb), self,
                             G_CONNECT_SWAPPED);

  /* The privacy switches and the framing of the preferences (hearth-settings.h). */
  if (session != NULL && self->settings != NULL)
    {
      g_autofree char *framing = g_settings_get_string (self->settings, "framing");
      HearthConnection *connection = hearth_session_get_connection (session);

      g_settings_bind (self->settings, "send-typing", session, "send-typing",
                       G_SETTINGS_BIND_GET);
      g_settings_bind (self->settings, "send-read-receipts", session, "send-read-receipts",
                       G_SETTINGS_BIND_GET);
      if (connection != NULL && !is_demo_session (self, session))
        hearth_connection_set_framing (connection,
                                       hearth_settings_framing_from_string (framing));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

static void
hearth_accounts_dispose (GObject *object)
{
  HearthAccounts *self = (HearthAccounts *)object;

  hearth_accounts_shutdown (self);

  G_OBJECT_CLASS (hearth_accounts_parent_class)->dispose (object);
}

static void
hearth_accounts_finalize (GObject *object)
{
  HearthAccounts *self = (HearthAccounts *)object;

  g_free (self->data_dir);
  g_free (self->keyring_error);
  g_clear_object (&self->secrets);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hearth_accounts_parent_class)->finalize (object);
}

static void
hearth_accounts_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HearthAccounts *self = HEARTH_ACCOUNTS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, hearth_accounts_get_demo (self));
      break;

    case PROP_REMEMBERED:
      g_value_set_boolean (value, self->remembered);
      break;

    case PROP_KEYRING_ERROR:
      g_value_set_string (value, self->keyring_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_accounts_class_init (HearthAccountsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_accounts_dispose;
  object_class->finalize = hearth_accounts_finalize;
  object_class->get_property = hearth_accounts_get_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, HEARTH_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMEMBERED] =
    g_param_spec_boolean ("remembered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEYRING_ERROR] =
    g_param_spec_string ("keyring-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNED_OUT] =
    g_signal_new ("signed-out",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, HEARTH_TYPE_SIGN_OUT_REASON, G_TYPE_STRING);
}

static void
hearth_accounts_init (HearthAccounts *self)
{
  self->demo_cast = TRUE;
  self->secrets = hearth_secrets_new ();
  self->settings = hearth_settings_new ();
}

HearthAccounts *
hearth_accounts_new (void)
{
  return g_object_new (HEARTH_TYPE_ACCOUNTS, NULL);
}

void
hearth_accounts_set_data_dir (HearthAccounts *self,
                              const char     *data_dir)
{
  g_return_if_fail (HEARTH_IS_ACCOUNTS (self));

  hearth_set_str (&self->data_dir, data_dir);
}

void
hearth_accounts_set_demo_cast (HearthAccounts *self,
                               gboolean        enabled)
{
  g_return_if_fail (HEARTH_IS_ACCOUNTS (self));

  self->demo_cast = !!enabled;
}

/* Password sign-in */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HearthAccounts) self = user_data;
  g_autoptr(GError) error = NULL;

  if (hearth_secrets_store_finish (HEARTH_SECRETS (object), result, &error))
    set_remembered (self, TRUE, NULL);
  else
    {
      g_message ("Sign-in not remembered: %s", error->message);
      set_remembered (self, FALSE, error->message);
    }
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  HearthSession *session = HEARTH_SESSION (object);
  g_autoptr(GTask) task = user_data;
  HearthAccounts *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!hearth_session_sign_in_finish (session, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  hearth_accounts_set_session (self, session);
  g_task_return_boolean (task, TRUE);

  /* The sign-in page offers this server next time. */
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "server-url", hearth_session_get_server_url (session));

  /* The token goes to the keyring, never to a file; without a keyring this run works and
   * "keyring-error" says why the next start will ask again. */
  hearth_secrets_store_async (self->secrets,
                              hearth_session_get_server_url (session),
                              hearth_user_get_id (hearth_session_get_me (session)),
                              hearth_user_get_display_name (hearth_session_get_me (session)),
                              hearth_session_get_token (session),
                              NULL, store_cb, g_object_ref (self));
}

void
hearth_accounts_sign_in_async (HearthAccounts      *self,
                               const char          *server_url,
                               const char          *username,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(HearthSession) session = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HEARTH_IS_ACCOUNTS (self));
  g_return_if_fail (server_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_accounts_sign_in_async);

  session = hearth_session_new (server_url, self->data_dir);
  hearth_session_sign_in_async (session, username, password, cancellable,
                                sign_in_cb, g_steal_pointer (&task));
}

gboolean
hearth_accounts_sign_in_finish (HearthAccounts  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Demo */

static void
demo_resume_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HearthSession *session = HEARTH_SESSION (object);
  g_autoptr(GTask) task = user_data;
  HearthAccounts *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!hearth_session_resume_finish (session, result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  hearth_accounts_set_session (self, session);
  g_task_return_boolean (task, TRUE);
}

void
hearth_accounts_start_demo_async (HearthAccounts      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(HearthSession) session = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HEARTH_IS_ACCOUNTS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_accounts_start_demo_async);

  if (self->demo == NULL)
    {
      g_autoptr(HearthDemo) demo = hearth_demo_new ();

      hearth_demo_set_cast_enabled (demo, self->demo_cast);
      if (!hearth_demo_start (demo, &error))
        {
          g_task_return_new_error (task, error->domain, error->code,
                                   _("The demo server could not start: %s"), error->message);
          return;
        }

      self->demo = g_steal_pointer (&demo);
    }

  session = hearth_session_new_for_token (hearth_demo_get_url (self->demo),
                                          hearth_demo_get_token (self->demo),
                                          hearth_demo_get_user_id (self->demo),
                                          hearth_demo_get_data_dir (self->demo));
  hearth_session_resume_async (session, cancellable, demo_resume_cb, g_steal_pointer (&task));
}

gboolean
hearth_accounts_start_demo_finish (HearthAccounts  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Keyring */

static void
restore_resume_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  HearthSession *session = HEARTH_SESSION (object);
  g_autoptr(GTask) task = user_data;
  HearthAccounts *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!hearth_session_resume_finish (session, result, &error))
    {
      /* A refused token is gone for good; a network problem is not (next start retries). */
      if (g_error_matches (error, HEARTH_API_ERROR, HEARTH_API_ERROR_AUTHORIZATION_FAILED) &&
          hearth_session_get_me (session) != NULL)
        hearth_secrets_clear_async (self->secrets, hearth_session_get_server_url (session),
                                    hearth_user_get_id (hearth_session_get_me (session)),
                                    NULL, clear_cb, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  hearth_accounts_set_session (self, session);
  set_remembered (self, TRUE, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HearthAccounts *self = g_task_get_source_object (task);
  g_autoptr(HearthSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server_url = NULL;
  g_autofree char *user_id = NULL;
  g_autofree char *token = NULL;
  GCancellable *cancellable;

  token = hearth_secrets_lookup_finish (HEARTH_SECRETS (object), result,
                                        &server_url, &user_id, NULL, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_UNAVAILABLE))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (token == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No stored sign-in"));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  session = hearth_session_new_for_token (server_url, token, user_id, self->data_dir);
  hearth_session_resume_async (session, cancellable, restore_resume_cb, g_steal_pointer (&task));
}

void
hearth_accounts_restore_async (HearthAccounts      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (HEARTH_IS_ACCOUNTS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_accounts_restore_async);
  hearth_secrets_lookup_async (self->secrets, NULL, cancellable, lookup_cb, task);
}

gboolean
hearth_accounts_restore_finish (HearthAccounts  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
hearth_accounts_sign_out (HearthAccounts *self)
{
  g_return_if_fail (HEARTH_IS_ACCOUNTS (self));

  /* The session's "signed-out" does the rest. */
  if (self->session != NULL)
    hearth_session_sign_out (self->session);
}

void
hearth_accounts_shutdown (HearthAccounts *self)
{
  g_return_if_fail (HEARTH_IS_ACCOUNTS (self));

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_clear_object (&self->session);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
    }

  if (self->demo != NULL)
    {
      hearth_demo_stop (self->demo);
      g_clear_object (&self->demo);
    }
}

HearthSession *
hearth_accounts_get_session (HearthAccounts *self)
{
  g_return_val_if_fail (HEARTH_IS_ACCOUNTS (self), NULL);

  return self->session;
}

HearthDemo *
hearth_accounts_get_demo_server (HearthAccounts *self)
{
  g_return_val_if_fail (HEARTH_IS_ACCOUNTS (self), NULL);

  return self->demo;
}

gboolean
hearth_accounts_get_demo (HearthAccounts *self)
{
  g_return_val_if_fail (HEARTH_IS_ACCOUNTS (self), FALSE);

  return self->session != NULL && self->demo != NULL &&
         g_strcmp0 (hearth_session_get_server_url (self->session),
                    hearth_demo_get_url (self->demo)) == 0;
}

gboolean
hearth_accounts_get_remembered (HearthAccounts *self)
{
  g_return_val_if_fail (HEARTH_IS_ACCOUNTS (self), FALSE);

  return self->remembered;
}

const char *
hearth_accounts_get_keyring_error (HearthAccounts *self)
{
  g_return_val_if_fail (HEARTH_IS_ACCOUNTS (self), NULL);

  return self->keyring_error;
}
