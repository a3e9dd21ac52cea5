/* hearth-store-models.c: the shared models: users, messages and chats
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-store"

#include "config.h"

#include "hearth-chat.h"
#include "hearth-chat-list.h"
#include "hearth-database.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-store-private.h"
#include "hearth-user.h"

/* Users and messages {{{ */

static HearthUser *
ensure_user (HearthStore *self,
             const char  *user_id)
{
  HearthUser *user;

  g_assert (user_id != NULL);

  if (!(user = g_hash_table_lookup (self->users, user_id)))
    {
      user = hearth_user_new (user_id);
      g_hash_table_insert (self->users, g_strdup (user_id), user);
    }

  return user;
}

/* The shared user for @src's id, updated with what @src names (a new one copies all of it). */
HearthUser *
_hearth_store_merge_user (HearthStore *self,
                          HearthUser  *src)
{
  const char *id = hearth_user_get_id (src);
  HearthUser *user;

  if ((user = g_hash_table_lookup (self->users, id)) == src)
    return user;

  if (user == NULL)
    {
      user = ensure_user (self, id);
      hearth_user_set_online (user, hearth_user_get_online (src));
      hearth_user_set_last_seen (user, hearth_user_get_last_seen (src));
    }

  if (hearth_user_get_name (src) != NULL)
    hearth_user_set_name (user, hearth_user_get_name (src));
  if (hearth_user_get_username (src) != NULL)
    hearth_user_set_username (user, hearth_user_get_username (src));
  if (hearth_user_get_photo (src) != NULL)
    hearth_user_set_photo (user, hearth_user_get_photo (src));

  return user;
}

/* Gives @message (an object the store adopts) the shared sender. */
void
_hearth_store_share_sender (HearthStore   *self,
                            HearthMessage *message)
{
  HearthUser *sender = hearth_message_get_sender (message);
  const char *sender_id = hearth_message_get_sender_id (message);

  if (sender != NULL)
    hearth_message_set_sender (message, _hearth_store_merge_user (self, sender));
  else if (sender_id != NULL)
    hearth_message_set_sender (message, ensure_user (self, sender_id));
}

/* A store-owned copy of @src (which belongs to an immutable event or to a caller). */
HearthMessage *
_hearth_store_copy_message (HearthStore   *self,
                            HearthMessage *src)
{
  HearthMessage *message = hearth_message_new (hearth_message_get_id (src),
                                               hearth_message_get_chat_id (src));

  HearthUser *sender = hearth_message_get_sender (src);
  const char *sender_id = hearth_message_get_sender_id (src);

  hearth_message_set_client_id (message, hearth_message_get_client_id (src));
  hearth_message_set_sender_id (message, sender_id);
  /* The shared sender straight away (what share_sender() would replace @src's with). */
  if (sender != NULL)
    hearth_message_set_sender (message, _hearth_store_merge_user (self, sender));
  else if (sender_id != NULL)
    hearth_message_set_sender (message, ensure_user (self, sender_id));
  hearth_message_set_content (message, hearth_message_get_content (src));
  hearth_message_set_reel (message, hearth_message_get_reel (src));
  hearth_message_set_at (message, hearth_message_get_at (src));
  hearth_message_set_state (message, hearth_message_get_state (src));

  return message;
}

/* @id is not in self->seen: adds it, forgetting the oldest id when the ring is full. */
void
_hearth_store_remember_new_id (HearthStore *self,
                               const char  *id)
{
  char *key = g_strdup (id);
  char **slot = &self->seen_ring[self->seen_next];

  if (*slot != NULL)
    g_hash_table_remove (self->seen, *slot);  /* frees it */

  g_hash_table_add (self->seen, key);
  *slot = key;
  self->seen_next = (self->seen_next + 1) % HEARTH_STORE_MAX_SEEN_IDS;
}

void
_hearth_store_remember_id (HearthStore *self,
                           const char  *id)
{
  if (id != NULL && !g_hash_table_contains (self->seen, id))
    _hearth_store_remember_new_id (self, id);
}

HearthMessageList *
_hearth_store_lookup_list (HearthStore *self,
                           const char  *chat_id)
{
  if (chat_id == NULL || g_hash_table_size (self->lists) == 0)
    return NULL;

  return g_hash_table_lookup (self->lists, chat_id);
}

/* The object the store holds for message @id of @chat, if any. */
HearthMessage *
_hearth_store_find_message_object (HearthStore *self,
                                   HearthChat  *chat,
                                   const char  *id)
{
  HearthMessageList *list;
  HearthMessage *last;

  if (id == NULL)
    return NULL;

  if ((list = _hearth_store_lookup_list (self, hearth_chat_get_id (chat))) &&
                    (last = hearth_message_list_lookup (list, id)))
    return last;

  if ((last = hearth_chat_get_last_message (chat)) &&
      g_strcmp0 (hearth_message_get_id (last), id) == 0)
    return last;

  return NULL;
}

/* Makes @message the chat's last message when it is at least as new; re-sorts. */
void
_hearth_store_update_last_message (HearthStore   *self,
                                   HearthChat    *chat,
                                   HearthMessage *message)
{
  HearthMessage *last = hearth_chat_get_last_message (chat);

  if (last != NULL && last != message &&
      _hearth_store_compare_times (hearth_message_get_at (message),
                                   hearth_message_get_at (last)) < 0)
    return;

  _hearth_store_hold_chat (self, chat);
  hearth_chat_set_last_message (chat, message);
  hearth_chat_list_resort (self->chats, chat);
}

void
_hearth_store_set_read (HearthStore *self,
                        HearthChat  *chat,
                        const char  *user_id,
                        GDateTime   *at)
{
  if (at != NULL && hearth_chat_set_last_read_at (chat, user_id, at))
    _hearth_store_mark_read_dirty (self, chat, user_id);
}

void
_hearth_store_set_unread (HearthStore *self,
                          HearthChat  *chat,
                          guint        unread)
{
  if (hearth_chat_get_unread (chat) == unread)
    return;

  _hearth_store_hold_chat (self, chat);
  hearth_chat_set_unread (chat, unread);
  _hearth_store_mark_unread_dirty (self, chat);
}

/* }}} */
/* Chats {{{ */

void
_hearth_store_put_chat (HearthStore *self,
                        HearthChat  *chat)
{
  HearthDbBatch *batch = _hearth_store_get_batch (self);
  HearthMessage *last = hearth_chat_get_last_message (chat);

  hearth_db_batch_put_chat (batch, chat);
  if (last != NULL)
    hearth_db_batch_put_message (batch, last);
}

static GPtrArray *
dup_shared_participants (HearthStore *self,
                         HearthChat  *chat)
{
  GListModel *participants = hearth_chat_get_participants (chat);
  guint n = g_list_model_get_n_items (participants);
  GPtrArray *users = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthUser) user = g_list_model_get_item (participants, i);

      g_ptr_array_add (users, g_object_ref (_hearth_store_merge_user (self, user)));
    }

  return users;
}

/* The object the store already has for @message (pending, confirmed), or NULL. */
HearthMessage *
_hearth_store_find_own_object (HearthStore   *self,
                               HearthMessage *message)
{
  const char *client_id = hearth_message_get_client_id (message);
  HearthMessage *own;

  if (client_id == NULL)
    return NULL;

  if ((own = g_hash_table_lookup (self->pending, client_id)) ||
      (own = g_hash_table_lookup (self->confirmed, client_id)))
    return own;

  return NULL;
}

/* Makes a chat from the api or the database the store's own: shared users and messages. */
void
_hearth_store_adopt_chat (HearthStore *self,
                          HearthChat  *chat)
{
  g_autoptr(GPtrArray) users = dup_shared_participants (self, chat);
  HearthUser *admin = hearth_chat_get_admin (chat);
  HearthMessage *last = hearth_chat_get_last_message (chat);

  hearth_chat_set_me_id (chat, hearth_user_get_id (self->me));
  /* set_participants() keeps the objects it has when the ids are equal: empty it first so
   * that the shared users replace the chat's private copies. Nobody watches this chat yet. */
  hearth_chat_set_participants (chat, NULL, 0);
  hearth_chat_set_participants (chat, (HearthUser * const *)users->pdata, users->len);
  if (admin != NULL)
    hearth_chat_set_admin (chat, _hearth_store_merge_user (self, admin));

  if (last != NULL)
    {
      HearthMessage *own = _hearth_store_find_own_object (self, last);

      if (own != NULL)
        hearth_chat_set_last_message (chat, own);
      else
        _hearth_store_share_sender (self, last);
      _hearth_store_remember_id (self, hearth_message_get_id (last));
    }
}

/* Updates @chat in place from @src (a fresh chat from the server). */
static void
update_chat (HearthStore *self,
             HearthChat  *chat,
             HearthChat  *src)
{
  g_autoptr(GPtrArray) users = dup_shared_participants (self, src);
  g_auto(GStrv) readers = hearth_chat_dup_reader_ids (src);
  HearthUser *admin = hearth_chat_get_admin (src);
  HearthMessage *last = hearth_chat_get_last_message (src);

  hearth_chat_set_name (chat, hearth_chat_get_name (src));
  hearth_chat_set_participants (chat, (HearthUser * const *)users->pdata, users->len);
  hearth_chat_set_admin (chat, admin != NULL ? _hearth_store_merge_user (self, admin) : NULL);
  if (hearth_chat_get_created_at (src) != NULL)
    hearth_chat_set_created_at (chat, hearth_chat_get_created_at (src));
  hearth_chat_set_left (chat, FALSE);
  hearth_chat_set_unread (chat, hearth_chat_get_unread (src));

  for (guint i = 0; readers != NULL && readers[i] != NULL; i++)
    hearth_chat_set_last_read_at (chat, readers[i], hearth_chat_get_last_read_at (src, readers[i]));

  if (last != NULL)
    {
      HearthMessage *own = _hearth_store_find_message_object (self, chat,
                                                              hearth_message_get_id (last));

      /* Not remembered as seen nor stored: the cache must not get a message with a gap
       * before it. It is stored when it arrives with its history
       * (_hearth_store_insert_network_message). */
      if (own == NULL)
        {
          own = last;
          _hearth_store_share_sender (self, own);
        }

      _hearth_store_update_last_message (self, chat, own);
    }

  _hearth_store_begin_turn (self);
  hearth_chat_list_resort (self->chats, chat);
}

static gboolean
pending_in_chat_cb (gpointer key,
                    gpointer value,
                    gpointer user_data)
{
  return g_strcmp0 (hearth_message_get_chat_id (value), user_data) == 0;
}


/* Removes everything about @chat_id: the chat, its list, pending messages, draft, typing. */
void
_hearth_store_drop_chat (HearthStore *self,
                         const char  *chat_id,
                         gboolean     emit_removed)
{
  g_autofree char *id = g_strdup (chat_id);
  g_autofree char *title = NULL;
  HearthChat *chat = hearth_chat_list_lookup (self->chats, id);

  _hearth_store_forget_list (self, id);
  g_hash_table_foreach_remove (self->pending, pending_in_chat_cb, id);
  g_hash_table_foreach_remove (self->confirmed, pending_in_chat_cb, id);
  g_hash_table_remove (self->drafts, id);
  hearth_db_batch_delete_chat (_hearth_store_get_batch (self), id);

  if (chat != NULL)
    {
      title = g_strdup (hearth_chat_get_title (chat));
      _hearth_store_clear_typing (self, chat);
      g_hash_table_remove (self->dirty, chat);
      _hearth_store_begin_turn (self);
      hearth_chat_list_remove (self->chats, id);

      if (emit_removed)
        g_signal_emit (self, _hearth_store_signals[STORE_SIGNAL_CHAT_REMOVED], 0, id, title);
    }

  if (g_strcmp0 (self->open_chat_id, id) == 0)
    hearth_store_set_open_chat_id (self, NULL);
}

/* Adds @chat (fresh from the api or the database) or merges it into the known one. */
HearthChat *
_hearth_store_add_or_update_chat (HearthStore *self,
                                  HearthChat  *chat)
{
  HearthChat *known = hearth_chat_list_lookup (self->chats, hearth_chat_get_id (chat));

  if (known != NULL)
    {
      update_chat (self, known, chat);
      _hearth_store_put_chat (self, known);
      return known;
    }

  _hearth_store_adopt_chat (self, chat);
  _hearth_store_begin_turn (self);
  hearth_chat_list_add (self->chats, chat);
  _hearth_store_put_chat (self, chat);

  return chat;
}

void
hearth_store_mark_read_locally (HearthStore *self,
                                const char  *chat_id)
{
  g_autoptr(GDateTime) now = NULL;
  HearthMessage *last;
  HearthChat *chat;
  GDateTime *at;

  g_return_if_fail (HEARTH_IS_STORE (self));

  if (!(chat = hearth_chat_list_lookup (self->chats, chat_id)))
    return;

  /* Up to the newest message; "now" covers clocks that lag the server's. */
  now = g_date_time_new_now_utc ();
  at = now;
  if ((last = hearth_chat_get_last_message (chat)) &&
      _hearth_store_compare_times (hearth_message_get_at (last), now) > 0)
    at = hearth_message_get_at (last);

  _hearth_store_set_unread (self, chat, 0);
  _hearth_store_set_read (self, chat, hearth_user_get_id (self->me), at);
}

/* }}} */
/* Chats from the server {{{ */

void
hearth_store_apply_chats (HearthStore *self,
                          GPtrArray   *chats)
{
  g_autoptr(GHashTable) listed = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  GListModel *model;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (chats != NULL);

  listed = g_hash_table_new (g_str_hash, g_str_equal);
  model = G_LIST_MODEL (self->chats);

  _hearth_store_begin_turn (self);
  hearth_chat_list_begin (self->chats);

  /* Typing states from before a reconnect are stale. */
  _hearth_store_clear_typing (self, NULL);

  for (guint i = 0; i < chats->len; i++)
    {
      HearthChat *chat = g_ptr_array_index (chats, i);
      const char *chat_id = hearth_chat_get_id (chat);

      g_hash_table_remove (self->deleted, chat_id);
      chat = _hearth_store_add_or_update_chat (self, chat);
      g_hash_table_add (listed, (gpointer)hearth_chat_get_id (chat));
    }

  gone = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HearthChat) chat = g_list_model_get_item (model, i);

      if (!g_hash_table_contains (listed, hearth_chat_get_id (chat)))
        g_ptr_array_add (gone, g_strdup (hearth_chat_get_id (chat)));
    }

  for (guint i = 0; i < gone->len; i++)
    _hearth_store_drop_chat (self, g_ptr_array_index (gone, i), FALSE);

  hearth_chat_list_end (self->chats);
}

void
hearth_store_apply_messages (HearthStore *self,
                             const char  *chat_id,
                             GPtrArray   *messages)
{
  HearthChat *chat;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (chat_id != NULL);
  g_return_if_fail (messages != NULL);

  if (!(chat = hearth_chat_list_lookup (self->chats, chat_id)))
    return;

  for (guint i = 0; i < messages->len; i++)
    {
      HearthMessage *message = g_ptr_array_index (messages, i);
      const char *client_id = hearth_message_get_client_id (message);

      if (client_id != NULL && g_hash_table_contains (self->pending, client_id))
        hearth_store_confirm_sent (self, message);
      else
        /* GET /chats already counted them as unread. */
        _hearth_store_insert_network_message (self, chat, message, FALSE, TRUE);
    }
}

/* }}} */
