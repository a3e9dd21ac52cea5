/* hearth-secrets.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-secrets"

#include "config.h"

#include <libsecret/secret.h>

#include "hearth-secrets.h"

#define SECRET_SERVICE_NAME "org.freedesktop.secrets"

struct _HearthSecrets
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (HearthSecrets, hearth_secrets, G_TYPE_OBJECT)

G_DEFINE_QUARK (hearth-secrets-error-quark, hearth_secrets_error)

typedef enum
{
  OP_STORE,
  OP_LOOKUP,
  OP_CLEAR,
} OpKind;

typedef struct
{
  OpKind  kind;
  char   *server_url;
  char   *user_id;
  char   *username;
  char   *token;
  char   *label;
} Op;

typedef struct
{
  char *token;
  char *server_url;
  char *user_id;
  char *username;
} Account;

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.hearthchat.Hearth.Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "stored", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
op_free (Op *op)
{
  g_free (op->server_url);
  g_free (op->user_id);
  g_free (op->username);
  secret_password_wipe (op->token);
  g_free (op->token);
  g_free (op->label);
  g_free (op);
}

static void
account_free (Account *account)
{
  secret_password_wipe (account->token);
  g_free (account->token);
  g_free (account->server_url);
  g_free (account->user_id);
  g_free (account->username);
  g_free (account);
}

static GError *
unavailable_error (void)
{
  return g_error_new_literal (HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_UNAVAILABLE,
                              "No keyring is running: you will have to sign in again next time");
}

/* Takes @error. Cancellation stays G_IO_ERROR_CANCELLED; a D-Bus failure means there is no
 * working Secret Service; anything else is the keyring saying no. */
static void
return_secret_error (GTask  *task,
                     GError *error)
{
  g_autoptr(GError) owned = error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&owned));
  else if (error->domain == G_DBUS_ERROR ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_DBUS_ERROR) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    {
      g_debug ("Secret Service unavailable: %s", error->message);
      g_task_return_error (task, unavailable_error ());
    }
  else
    g_task_return_new_error (task, HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_FAILED,
                             "The keyring refused: %s", error->message);
}

/* libsecret keeps the table (not a copy) while it works: it owns copies of the values. */
static GHashTable *
account_attributes (const char *server_url,
                    const char *user_id)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (server_url != NULL)
    g_hash_table_insert (attributes, (gpointer) "server", g_strdup (server_url));
  if (user_id != NULL)
    g_hash_table_insert (attributes, (gpointer) "user", g_strdup (user_id));

  return attributes;
}

/* ---- store ---- */

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_secret_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
store_clear_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  Op *op = g_task_get_task_data (task);

  /* FALSE without an error: there was nothing to replace. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      return_secret_error (task, g_steal_pointer (&error));
      return;
    }

  attributes = account_attributes (op->server_url, op->user_id);
  g_hash_table_insert (attributes, (gpointer) "username",
                       g_strdup (op->username != NULL ? op->username : ""));
  g_hash_table_insert (attributes, (gpointer) "stored",
                       g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time ()));

  secret_password_storev (token_schema (), attributes, SECRET_COLLECTION_DEFAULT, op->label,
                          op->token, g_task_get_cancellable (task),
                          store_cb, g_object_ref (task));
}

/* ---- lookup ---- */

static void
lookup_retrieve_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  SecretRetrievable *item = SECRET_RETRIEVABLE (object);
  const char *text;
  Account *account;

  value = secret_retrievable_retrieve_secret_finish (item, result, &error);
  if (value == NULL)
    {
      if (error != NULL)
        return_secret_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_FAILED,
                                 "The keyring item has no secret");
      return;
    }

  text = secret_value_get_text (value);
  if (text == NULL || *text == '\0')
    {
      g_task_return_new_error (task, HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_FAILED,
                               "The keyring item does not hold a token");
      return;
    }

  attributes = secret_retrievable_get_attributes (item);
  account = g_new0 (Account, 1);
  account->token = g_strdup (text);
  account->server_url = g_strdup (g_hash_table_lookup (attributes, "server"));
  account->user_id = g_strdup (g_hash_table_lookup (attributes, "user"));
  account->username = g_strdup (g_hash_table_lookup (attributes, "username"));
  g_task_return_pointer (task, account, (GDestroyNotify) account_free);
}

static gint64
stored_at (SecretRetrievable *item)
{
  g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (item);
  const char *stored = g_hash_table_lookup (attributes, "stored");
  gint64 value = 0;

  if (stored == NULL || !g_ascii_string_to_signed (stored, 10, 0, G_MAXINT64, &value, NULL))
    value = (gint64) secret_retrievable_get_modified (item) * G_USEC_PER_SEC;

  return value;
}

static void
lookup_search_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items;
  SecretRetrievable *newest = NULL;
  gint64 newest_at = G_MININT64;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_list_free_full (items, g_object_unref);
      return_secret_error (task, g_steal_pointer (&error));
      return;
    }

  for (const GList *l = items; l != NULL; l = l->next)
    {
      gint64 at = stored_at (l->data);

      if (newest == NULL || at > newest_at)
        {
          newest = l->data;
          newest_at = at;
        }
    }

  if (newest == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    secret_retrievable_retrieve_secret (newest, g_task_get_cancellable (task),
                                        lookup_retrieve_cb, g_object_ref (task));

  g_list_free_full (items, g_object_unref);
}

/* ---- clear ---- */

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    return_secret_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- availability, then the operation ---- */

static void
run_op (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GHashTable) attributes = account_attributes (op->server_url, op->user_id);

  switch (op->kind)
    {
    case OP_STORE:
      secret_password_clearv (token_schema (), attributes, cancellable,
                              store_clear_cb, g_object_ref (task));
      break;

    case OP_LOOKUP:
      secret_password_searchv (token_schema (), attributes,
                               SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, cancellable,
                               lookup_search_cb, g_object_ref (task));
      break;

    case OP_CLEAR:
      secret_password_clearv (token_schema (), attributes, cancellable,
                              clear_cb, g_object_ref (task));
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
name_in_list (GVariant   *reply,
              const char *name)
{
  g_autoptr(GVariant) names = g_variant_get_child_value (reply, 0);
  g_autofree const char **strv = g_variant_get_strv (names, NULL);

  return g_strv_contains (strv, name);
}

static void
list_activatable_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (reply != NULL && name_in_list (reply, SECRET_SERVICE_NAME))
    run_op (task);
  else
    g_task_return_error (task, unavailable_error ());
}

static void
name_has_owner_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, unavailable_error ());
      return;
    }

  g_variant_get (reply, "(b)", &has_owner);
  if (has_owner)
    {
      run_op (task);
      return;
    }

  /* Not running, but the bus may start it on demand. */
  g_dbus_connection_call (G_DBUS_CONNECTION (object), "org.freedesktop.DBus",
                          "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task),
                          list_activatable_cb, g_object_ref (task));
}

static void
bus_get_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      g_debug ("No session bus: %s", error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, unavailable_error ());
      return;
    }

  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", SECRET_SERVICE_NAME), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task),
                          name_has_owner_cb, g_object_ref (task));
}

/* Checks that a Secret Service can answer before handing @task's op to libsecret, so that a
 * missing keyring is a quick, specific error rather than a libsecret timeout or warning. */
static void
start_op (HearthSecrets *self,
          GTask         *task)
{
  /* Inside Flatpak libsecret may keep secrets through the Secret portal without any
   * org.freedesktop.secrets: leave the decision to it (its D-Bus errors still map). */
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      run_op (task);
      return;
    }

  g_bus_get (G_BUS_TYPE_SESSION, g_task_get_cancellable (task), bus_get_cb, g_object_ref (task));
}

static GTask *
new_task (HearthSecrets       *self,
          gpointer             source_tag,
          Op                  *op,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);

  return task;
}

static void
hearth_secrets_class_init (HearthSecretsClass *klass)
{
}

static void
hearth_secrets_init (HearthSecrets *self)
{
}

HearthSecrets *
hearth_secrets_new (void)
{
  return g_object_new (HEARTH_TYPE_SECRETS, NULL);
}

void
hearth_secrets_store_async (HearthSecrets       *self,
                            const char          *server_url,
                            const char          *user_id,
                            const char          *username,
                            const char          *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  Op *op;

  g_return_if_fail (HEARTH_IS_SECRETS (self));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (user_id != NULL);
  g_return_if_fail (token != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (Op, 1);
  op->kind = OP_STORE;
  op->server_url = g_strdup (server_url);
  op->user_id = g_strdup (user_id);
  op->username = g_strdup (username);
  op->token = g_strdup (token);
  task = new_task (self, hearth_secrets_store_async, op, cancellable, callback, user_data);

  uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      *user_id == '\0' || *token == '\0')
    {
      g_task_return_new_error (task, HEARTH_SECRETS_ERROR, HEARTH_SECRETS_ERROR_INVALID,
                               "Cannot remember a sign-in without a server URL, user and token");
      return;
    }

  op->label = g_strdup_printf ("Hearth token for %s on %s",
                               username != NULL && *username != '\0' ? username : user_id,
                               g_uri_get_host (uri));
  start_op (self, task);
}

gboolean
hearth_secrets_store_finish (HearthSecrets  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (HEARTH_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
hearth_secrets_lookup_async (HearthSecrets       *self,
                             const char          *server_url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (HEARTH_IS_SECRETS (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (Op, 1);
  op->kind = OP_LOOKUP;
  op->server_url = g_strdup (server_url);
  task = new_task (self, hearth_secrets_lookup_async, op, cancellable, callback, user_data);
  start_op (self, task);
}

char *
hearth_secrets_lookup_finish (HearthSecrets  *self,
                              GAsyncResult   *result,
                              char          **server_url,
                              char          **user_id,
                              char          **username,
                              GError        **error)
{
  Account *account;
  char *token = NULL;

  g_return_val_if_fail (HEARTH_IS_SECRETS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  account = g_task_propagate_pointer (G_TASK (result), error);

  if (server_url != NULL)
    *server_url = account != NULL ? g_steal_pointer (&account->server_url) : NULL;
  if (user_id != NULL)
    *user_id = account != NULL ? g_steal_pointer (&account->user_id) : NULL;
  if (username != NULL)
    *username = account != NULL ? g_steal_pointer (&account->username) : NULL;

  if (account != NULL)
    {
      token = g_steal_pointer (&account->token);
      account_free (account);
    }

  return token;
}

void
hearth_secrets_clear_async (HearthSecrets       *self,
                            const char          *server_url,
                            const char          *user_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (HEARTH_IS_SECRETS (self));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (user_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  op = g_new0 (Op, 1);
  op->kind = OP_CLEAR;
  op->server_url = g_strdup (server_url);
  op->user_id = g_strdup (user_id);
  task = new_task (self, hearth_secrets_clear_async, op, cancellable, callback, user_data);
  start_op (self, task);
}

gboolean
hearth_secrets_clear_finish (HearthSecrets  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (HEARTH_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
