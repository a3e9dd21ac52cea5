/* hearth-server.c: the reference server: object, listening, lifecycle and test hooks
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server"

#include "config.h"

#include <string.h>

#include "hearth-enums.h"
#include "hearth-event.h"
#include "hearth-json.h"
#include "hearth-server-private.h"
#include "hearth-server-resources.h"

G_DEFINE_QUARK (hearth-server-error-quark, hearth_server_error)

G_DEFINE_FINAL_TYPE (HearthServer, hearth_server, G_TYPE_OBJECT)

guint _hearth_server_signals[N_SIGNALS];

static void
hearth_server_dispose (GObject *object)
{
  HearthServer *self = (HearthServer *)object;

  hearth_server_shutdown (self);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (hearth_server_parent_class)->dispose (object);
}

static void
hearth_server_finalize (GObject *object)
{
  HearthServer *self = (HearthServer *)object;

  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->state, _hearth_server_state_free);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->user_tokens, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->id_machine, g_free);

  G_OBJECT_CLASS (hearth_server_parent_class)->finalize (object);
}

static void
hearth_server_class_init (HearthServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_server_dispose;
  object_class->finalize = hearth_server_finalize;

  _hearth_server_signals[SIGNAL_CLIENT_CONNECTED] =
    g_signal_new ("client-connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, HEARTH_TYPE_FRAMING);
  _hearth_server_signals[SIGNAL_CLIENT_DISCONNECTED] =
    g_signal_new ("client-disconnected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, HEARTH_TYPE_FRAMING);
  _hearth_server_signals[SIGNAL_CLIENT_EVENT] =
    g_signal_new ("client-event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, HEARTH_TYPE_EVENT);
  _hearth_server_signals[SIGNAL_CLIENT_PONG] =
    g_signal_new ("client-pong",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  _hearth_server_signals[SIGNAL_MESSAGE_POSTED] =
    g_signal_new ("message-posted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
hearth_server_init (HearthServer *self)
{
  self->state = _hearth_server_state_new ();
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->user_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->framing = HEARTH_FRAMING_AUTO;
  self->ping_interval = HEARTH_SERVER_PING_INTERVAL_DEFAULT;
  self->ping_timeout = HEARTH_SERVER_PING_TIMEOUT_DEFAULT;
  self->clients = g_ptr_array_new_with_free_func ((GDestroyNotify)_hearth_server_client_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify)_hearth_server_session_free);
  self->id_machine = g_strdup_printf ("%02x%08x", g_random_int_range (0, 256), g_random_int ());
  self->id_counter = g_random_int_range (0, 0x100000);
}

HearthServer *
hearth_server_new (void)
{
  return g_object_new (HEARTH_TYPE_SERVER, NULL);
}

/* Tokens are random per server instance; a user keeps theirs across seed reloads. */
static void
ensure_tokens (HearthServer *self)
{
  for (guint i = 0; i < self->state->user_order->len; i++)
    {
      HearthServerUser *user = g_ptr_array_index (self->state->user_order, i);
      g_autofree char *uuid = NULL;
      char *token;

      if (g_hash_table_contains (self->user_tokens, user->id))
        continue;

      uuid = g_uuid_string_random ();
      token = g_strdup_printf ("hearth.%s", uuid);
      g_hash_table_insert (self->tokens, token, g_strdup (user->id));
      g_hash_table_insert (self->user_tokens, g_strdup (user->id), g_strdup (token));
    }
}

gboolean
hearth_server_load_seed_data (HearthServer  *self,
                              const char    *json,
                              gssize         length,
                              GError       **error)
{
  HearthServerState *state;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (json != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(state = _hearth_server_state_load (json, length, error)))
    return FALSE;

  g_clear_pointer (&self->state, _hearth_server_state_free);
  self->state = state;
  ensure_tokens (self);

  return TRUE;
}

gboolean
hearth_server_load_seed_file (HearthServer  *self,
                              const char    *path,
                              GError       **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  return hearth_server_load_seed_data (self, contents, length, error);
}

gboolean
hearth_server_load_default_seed (HearthServer  *self,
                                 GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Looked up in the library's own resource rather than the global registry, so the
   * resource object is linked even though this is a static library. */
  bytes = g_resource_lookup_data (hearth_server_get_resource (), HEARTH_SERVER_RESOURCE_SEED,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);

  return hearth_server_load_seed_data (self, data, length, error);
}

void
hearth_server_set_framing (HearthServer  *self,
                           HearthFraming  framing)
{
  g_return_if_fail (HEARTH_IS_SERVER (self));
  g_return_if_fail (framing <= HEARTH_FRAMING_ENVELOPE);
  g_return_if_fail (self->soup == NULL);

  self->framing = framing;
}

void
hearth_server_set_ping (HearthServer *self,
                        guint         interval_ms,
                        guint         timeout_ms)
{
  g_return_if_fail (HEARTH_IS_SERVER (self));
  g_return_if_fail (interval_ms > 0);
  g_return_if_fail (timeout_ms > 0);

  self->ping_interval = interval_ms;
  self->ping_timeout = timeout_ms;
}

/* libsoup 3.2's own listener leaks every accepted GSocket (and soup_server_get_uris() an
 * address): accept with a GSocketService and hand the connections over instead. */
static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  HearthServer *self = user_data;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = NULL;
  g_autoptr(GError) error = NULL;

  if (self->soup == NULL)
    return FALSE;

  local = g_socket_connection_get_local_address (connection, NULL);
  remote = g_socket_connection_get_remote_address (connection, NULL);
  if (!soup_server_accept_iostream (self->soup, G_IO_STREAM (connection), local, remote, &error))
    g_debug ("Could not accept a connection: %s", error->message);

  return TRUE;
}

gboolean
hearth_server_listen (HearthServer  *self,
                      guint          port,
                      GError       **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->soup != NULL)
    {
      g_set_error_literal (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_LISTEN,
                           "The server is already listening");
      return FALSE;
    }

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  self->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                      NULL, &effective, &local_error))
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_LISTEN,
                   "Could not listen on 127.0.0.1:%u: %s", port, local_error->message);
      g_clear_object (&self->service);
      return FALSE;
    }

  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();

  self->soup = soup_server_new ("server-header", "hearth-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->soup, NULL, _hearth_server_rest_handler, self, NULL);
  _hearth_server_socket_register (self);

  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (self->service);

  g_debug ("Listening on 127.0.0.1:%u", self->port);

  return TRUE;
}

guint
hearth_server_get_port (HearthServer *self)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (self), 0);

  return self->port;
}

char *
hearth_server_dup_url (HearthServer *self)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (self), NULL);

  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

void
hearth_server_shutdown (HearthServer *self)
{
  g_return_if_fail (HEARTH_IS_SERVER (self));

  _hearth_server_close_all (self);

  if (self->service != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->service, self);
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_clear_object (&self->service);
    }

  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
}

const char *
hearth_server_get_token (HearthServer *self,
                         const char   *user_id)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  return g_hash_table_lookup (self->user_tokens, user_id);
}

guint
hearth_server_push_event (HearthServer *self,
                          const char   *user_id,
                          const char   *name,
                          const char   *data_json)
{
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), 0);
  g_return_val_if_fail (name != NULL && *name != '\0', 0);

  if (data_json == NULL)
    data = json_node_new (JSON_NODE_NULL);
  else if (!(data = hearth_json_parse (data_json, -1, &error)))
    {
      g_critical ("hearth_server_push_event: data of %s is not JSON: %s", name, error->message);
      return 0;
    }

  return _hearth_server_send_event (self, user_id, name, data, NULL);
}

guint
hearth_server_push_raw (HearthServer *self,
                        const char   *user_id,
                        const char   *text)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (self), 0);
  g_return_val_if_fail (text != NULL, 0);
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), 0);

  return _hearth_server_send_raw (self, user_id, text);
}

guint
hearth_server_drop_connections (HearthServer *self,
                                const char   *user_id)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (self), 0);

  return _hearth_server_drop (self, user_id);
}

void
hearth_server_set_stalled (HearthServer *self,
                           gboolean      stalled)
{
  g_return_if_fail (HEARTH_IS_SERVER (self));

  stalled = !!stalled;
  if (self->stalled == stalled)
    return;

  self->stalled = stalled;
  _hearth_server_stall_changed (self);
}

void
hearth_server_set_fail_after_store (HearthServer *self,
                                    guint         n)
{
  g_return_if_fail (HEARTH_IS_SERVER (self));

  self->fail_after_store = n;
}

guint
hearth_server_count_connections (HearthServer *self,
                                 const char   *user_id)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (self), 0);

  return _hearth_server_count (self, user_id);
}

const char *
hearth_server_find_user (HearthServer *self,
                         const char   *username)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);

  for (guint i = 0; i < self->state->user_order->len; i++)
    {
      HearthServerUser *user = g_ptr_array_index (self->state->user_order, i);

      if (g_strcmp0 (user->username, username) == 0)
        return user->id;
    }

  return NULL;
}

const char *
hearth_server_get_default_user (HearthServer *self)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (self), NULL);

  return self->state->me_id;
}

char **
hearth_server_dup_usernames (HearthServer *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->state->user_order->len; i++)
    {
      HearthServerUser *user = g_ptr_array_index (self->state->user_order, i);

      g_strv_builder_add (builder, user->username);
    }

  return g_strv_builder_end (builder);
}

static HearthServerChat *
lookup_member_chat (HearthServer  *self,
                    const char    *user_id,
                    const char    *chat_id,
                    GError       **error)
{
  HearthServerChat *chat;

  if (_hearth_server_get_user (self, user_id) == NULL)
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND,
                   "No user %s", user_id);
      return NULL;
    }

  if (!(chat = _hearth_server_get_chat (self, chat_id)))
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND,
                   "No chat %s", chat_id);
      return NULL;
    }

  if (!_hearth_server_chat_has_user (chat, user_id))
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID,
                   "User %s is not a participant of chat %s", user_id, chat_id);
      return NULL;
    }

  return chat;
}

char *
hearth_server_post_message (HearthServer  *self,
                            const char    *user_id,
                            const char    *chat_id,
                            const char    *content,
                            const char    *reel,
                            GError       **error)
{
  HearthServerChat *chat;
  HearthServerMessage *message;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (chat_id != NULL, NULL);
  g_return_val_if_fail (content == NULL || g_utf8_validate (content, -1, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(chat = lookup_member_chat (self, user_id, chat_id, error)))
    return NULL;

  if ((content == NULL || *content == '\0') && reel == NULL)
    {
      g_set_error_literal (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID,
                           "A message needs content or a reel");
      return NULL;
    }

  message = _hearth_server_post_message (self, user_id, chat, content, reel, NULL, NULL);

  return g_strdup (message->id);
}

gboolean
hearth_server_mark_read (HearthServer  *self,
                         const char    *user_id,
                         const char    *chat_id,
                         GError       **error)
{
  HearthServerChat *chat;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (chat_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(chat = lookup_member_chat (self, user_id, chat_id, error)))
    return FALSE;

  _hearth_server_mark_read (self, user_id, chat, NULL);

  return TRUE;
}

gboolean
hearth_server_set_typing (HearthServer  *self,
                          const char    *user_id,
                          const char    *chat_id,
                          gboolean       typing,
                          GError       **error)
{
  HearthServerChat *chat;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (chat_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(chat = lookup_member_chat (self, user_id, chat_id, error)))
    return FALSE;

  _hearth_server_typing (self, user_id, chat, typing);

  return TRUE;
}

static HearthServerUser *
lookup_user (HearthServer  *self,
             const char    *user_id,
             GError       **error)
{
  HearthServerUser *user = _hearth_server_get_user (self, user_id);

  if (user == NULL)
    g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND,
                 "No user %s", user_id);

  return user;
}

gboolean
hearth_server_set_online (HearthServer  *self,
                          const char    *user_id,
                          gboolean       online,
                          GError       **error)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lookup_user (self, user_id, error))
    return FALSE;

  _hearth_server_set_online (self, user_id, online);

  return TRUE;
}

/* An unnamed chat of exactly @a and @b. */
static HearthServerChat *
find_direct_chat (HearthServer *self,
                  const char   *a,
                  const char   *b)
{
  for (guint i = 0; i < self->state->chat_order->len; i++)
    {
      HearthServerChat *chat = g_ptr_array_index (self->state->chat_order, i);

      if (chat->name == NULL && chat->participants->len == 2 &&
          _hearth_server_chat_has_user (chat, a) && _hearth_server_chat_has_user (chat, b))
        return chat;
    }

  return NULL;
}

char *
hearth_server_create_chat (HearthServer       *self,
                           const char         *creator_id,
                           const char * const *participant_ids,
                           const char         *name,
                           GError            **error)
{
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  HearthServerChat *chat;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), NULL);
  g_return_val_if_fail (creator_id != NULL, NULL);
  g_return_val_if_fail (participant_ids != NULL, NULL);
  g_return_val_if_fail (name == NULL || g_utf8_validate (name, -1, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lookup_user (self, creator_id, error))
    return NULL;

  for (guint i = 0; participant_ids[i] != NULL; i++)
    {
      if (!lookup_user (self, participant_ids[i], error))
        return NULL;
      if (g_strcmp0 (participant_ids[i], creator_id) != 0 &&
          !g_ptr_array_find_with_equal_func (others, participant_ids[i], g_str_equal, NULL))
        g_ptr_array_add (others, (gpointer)participant_ids[i]);
    }
  g_ptr_array_add (others, NULL);

  if (others->len < 2)
    {
      g_set_error_literal (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID,
                           "A chat needs 2 or more participants");
      return NULL;
    }

  if (name != NULL && *name == '\0')
    name = NULL;

  if (name == NULL && others->len == 2 &&
      find_direct_chat (self, creator_id, g_ptr_array_index (others, 0)) != NULL)
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID,
                   "Users %s and %s already have a chat", creator_id,
                   (const char *)g_ptr_array_index (others, 0));
      return NULL;
    }

  chat = _hearth_server_create_chat (self, creator_id, (const char * const *)others->pdata, name);

  return g_strdup (chat->id);
}

gboolean
hearth_server_add_participant (HearthServer  *self,
                               const char    *admin_id,
                               const char    *chat_id,
                               const char    *user_id,
                               GError       **error)
{
  HearthServerChat *chat;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (admin_id != NULL, FALSE);
  g_return_val_if_fail (chat_id != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(chat = lookup_member_chat (self, admin_id, chat_id, error)) ||
      !lookup_user (self, user_id, error))
    return FALSE;

  if (chat->admin_id != NULL && g_strcmp0 (chat->admin_id, admin_id) != 0)
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID,
                   "User %s is not the admin of chat %s", admin_id, chat_id);
      return FALSE;
    }

  if (_hearth_server_chat_has_user (chat, user_id))
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID,
                   "User %s is already a participant of chat %s", user_id, chat_id);
      return FALSE;
    }

  _hearth_server_add_participant (self, admin_id, chat, user_id);

  return TRUE;
}

gboolean
hearth_server_remove_participant (HearthServer  *self,
                                  const char    *by_id,
                                  const char    *chat_id,
                                  const char    *user_id,
                                  GError       **error)
{
  HearthServerChat *chat;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (by_id != NULL, FALSE);
  g_return_val_if_fail (chat_id != NULL, FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(chat = lookup_member_chat (self, by_id, chat_id, error)))
    return FALSE;

  if (g_strcmp0 (by_id, user_id) != 0 && g_strcmp0 (chat->admin_id, by_id) != 0)
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID,
                   "Only the admin of chat %s may remove others", chat_id);
      return FALSE;
    }

  if (!_hearth_server_chat_has_user (chat, user_id))
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID,
                   "User %s is not a participant of chat %s", user_id, chat_id);
      return FALSE;
    }

  _hearth_server_remove_participant (self, chat, user_id);

  return TRUE;
}

gboolean
hearth_server_delete_chat (HearthServer  *self,
                           const char    *user_id,
                           const char    *chat_id,
                           GError       **error)
{
  HearthServerChat *chat;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (chat_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(chat = lookup_member_chat (self, user_id, chat_id, error)))
    return FALSE;

  _hearth_server_delete_chat (self, user_id, chat);

  return TRUE;
}

static HearthServerReward *
lookup_reward (HearthServer  *self,
               const char    *reward_id,
               GError       **error)
{
  HearthServerReward *reward = _hearth_server_get_reward (self, reward_id);

  if (reward == NULL)
    g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND,
                 "No reward %s", reward_id);

  return reward;
}

gboolean
hearth_server_consume_reward (HearthServer  *self,
                              const char    *user_id,
                              const char    *reward_id,
                              GError       **error)
{
  HearthServerReward *reward;
  const char *event = NULL;
  const char *message = NULL;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (reward_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((user_id != NULL && !lookup_user (self, user_id, error)) ||
      !(reward = lookup_reward (self, reward_id, error)))
    return FALSE;

  if (!_hearth_server_consume (self, user_id, reward, &event, &message))
    {
      g_set_error_literal (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID, message);
      return FALSE;
    }

  return TRUE;
}

gboolean
hearth_server_restock_reward (HearthServer  *self,
                              const char    *reward_id,
                              guint          remaining,
                              GError       **error)
{
  HearthServerReward *reward;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (reward_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(reward = lookup_reward (self, reward_id, error)))
    return FALSE;

  _hearth_server_restock (self, reward, remaining);

  return TRUE;
}

gboolean
hearth_server_update_score (HearthServer  *self,
                            const char    *user_id,
                            const char    *action_type,
                            GError       **error)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (user_id != NULL && !lookup_user (self, user_id, error))
    return FALSE;

  if (!_hearth_server_score_action (self, user_id, action_type))
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_NOT_FOUND,
                   self->state->score == NULL ? "No score" : "No score action %s",
                   action_type);
      return FALSE;
    }

  return TRUE;
}

gboolean
hearth_server_set_score (HearthServer  *self,
                         const char    *score_json,
                         GError       **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *score;
  double total;

  g_return_val_if_fail (HEARTH_IS_SERVER (self), FALSE);
  g_return_val_if_fail (score_json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  node = json_from_string (score_json, error);
  if (node == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID, "No score");
      return FALSE;
    }

  /* The seed loader's rules: an object with a numeric totalScore and a date. */
  score = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (score == NULL || !hearth_json_object_get_number (score, "totalScore", &total) ||
      hearth_json_object_get_string (score, "date") == NULL)
    {
      g_set_error_literal (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_INVALID,
                           "A score needs a number \"totalScore\" and a \"date\"");
      return FALSE;
    }

  g_clear_pointer (&self->state->score, json_node_unref);
  self->state->score = g_steal_pointer (&node);

  return TRUE;
}

/* Internals shared by the other files. */

GSource *
_hearth_server_timeout_add (HearthServer *self,
                            guint         ms,
                            GSourceFunc   func,
                            gpointer      data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, self->context);

  return source;
}

void
_hearth_server_clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

const char *
_hearth_server_user_for_token (HearthServer *self,
                               const char   *token)
{
  const char *user_id;

  if (token == NULL || *token == '\0')
    return NULL;

  user_id = g_hash_table_lookup (self->tokens, token);

  /* A token of a user that a later seed dropped is no longer valid. */
  if (user_id != NULL && _hearth_server_get_user (self, user_id) == NULL)
    return NULL;

  return user_id;
}

const char *
_hearth_server_auth_header_user (HearthServer       *self,
                                 SoupMessageHeaders *headers,
                                 gboolean           *present)
{
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  const char *user_id;

  *present = value != NULL;
  if (value == NULL)
    return NULL;

  if (g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return "";

  value += 7;
  while (*value == ' ')
    value++;

  user_id = _hearth_server_user_for_token (self, value);

  return user_id != NULL ? user_id : "";
}

/* MongoDB-like: 8 hex digits of seconds, 10 of per-instance randomness, 6 of a counter. */
char *
_hearth_server_new_object_id (HearthServer *self)
{
  self->id_counter = (self->id_counter + 1) & 0xffffff;

  return g_strdup_printf ("%08x%s%06x",
                          (guint32)(g_get_real_time () / G_USEC_PER_SEC),
                          self->id_machine,
                          self->id_counter);
}

/* A 20 character URL-safe id, like Engine.IO's. */
char *
_hearth_server_random_sid (void)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  char *sid = g_malloc (21);

  for (guint i = 0; i < 20; i++)
    sid[i] = alphabet[g_random_int_range (0, 64)];
  sid[20] = '\0';

  return sid;
}
