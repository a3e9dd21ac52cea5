/* hearth-store-pending.c: my side: queued, sent and failed messages, drafts
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

void
hearth_store_add_pending (HearthStore   *self,
                          HearthMessage *message,
                          guint          attempts)
{
  const char *client_id;
  HearthMessageList *list;
  HearthChat *chat;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (HEARTH_IS_MESSAGE (message));
  g_return_if_fail (hearth_message_get_client_id (message) != NULL);
  g_return_if_fail (hearth_message_get_chat_id (message) != NULL);

  client_id = hearth_message_get_client_id (message);

  if (hearth_message_get_sender (message) == NULL && hearth_message_get_sender_id (message) == NULL)
    hearth_message_set_sender (message, self->me);
  else
    _hearth_store_share_sender (self, message);

  g_hash_table_replace (self->pending, g_strdup (client_id), g_object_ref (message));

  if ((list = _hearth_store_lookup_list (self, hearth_message_get_chat_id (message))))
    _hearth_message_list_add (list, message);

  if (!(chat = hearth_chat_list_lookup (self->chats, hearth_message_get_chat_id (message))))
    {
      /* Its rows exist already (restored from the outbox) or cannot exist yet. */
      return;
    }

  _hearth_store_update_last_message (self, chat, message);
  hearth_db_batch_put_message (_hearth_store_get_batch (self), message);
  hearth_db_batch_put_outbox (_hearth_store_get_batch (self), message, attempts);
}

HearthMessage *
hearth_store_confirm_sent (HearthStore   *self,
                           HearthMessage *server_message)
{
  g_autoptr(HearthMessage) pending = NULL;
  const char *client_id;
  const char *chat_id;
  HearthMessageList *list;
  HearthMessage *known;
  HearthChat *chat;

  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);
  g_return_val_if_fail (HEARTH_IS_MESSAGE (server_message), NULL);

  client_id = hearth_message_get_client_id (server_message);
  chat_id = hearth_message_get_chat_id (server_message);
  chat = hearth_chat_list_lookup (self->chats, chat_id);

  /* Confirmed already (the echo after the reply, or the reply after the echo). */
  if (client_id != NULL && (known = g_hash_table_lookup (self->confirmed, client_id)))
    return known;

  if (client_id != NULL && (pending = g_hash_table_lookup (self->pending, client_id)))
    {
      g_object_ref (pending);
      g_hash_table_remove (self->pending, client_id);
    }

  if (pending == NULL)
    {
      /* Not ours (any more): an ordinary message of mine, deduplicated by id. */
      if (chat == NULL)
        return server_message;

      _hearth_store_insert_network_message (self, chat, server_message, FALSE, FALSE);
      known = _hearth_store_find_message_object (self, chat,
                                                 hearth_message_get_id (server_message));

      return known != NULL ? known : server_message;
    }

  hearth_message_set_id (pending, hearth_message_get_id (server_message));
  if (hearth_message_get_at (server_message) != NULL)
    hearth_message_set_at (pending, hearth_message_get_at (server_message));
  hearth_message_set_state (pending, HEARTH_MESSAGE_SENT);
  _hearth_store_remember_id (self, hearth_message_get_id (pending));

  g_hash_table_insert (self->confirmed, g_strdup (client_id), g_object_ref (pending));

  if ((list = _hearth_store_lookup_list (self, hearth_message_get_chat_id (pending))))
    _hearth_message_list_reindex (list, pending);

  if (chat != NULL)
    {
      if (hearth_chat_get_last_message (chat) == pending)
        {
          _hearth_store_begin_turn (self);
          hearth_chat_list_resort (self->chats, chat);
        }
      else
        _hearth_store_update_last_message (self, chat, pending);

      _hearth_store_set_read (self, chat, hearth_user_get_id (self->me),
                              hearth_message_get_at (pending));
      hearth_db_batch_put_message (_hearth_store_get_batch (self), pending);
      hearth_db_batch_remove_outbox (_hearth_store_get_batch (self), client_id);
    }

  return g_hash_table_lookup (self->confirmed, client_id);
}

void
hearth_store_update_pending (HearthStore   *self,
                             HearthMessage *message,
                             guint          attempts)
{
  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (HEARTH_IS_MESSAGE (message));

  if (hearth_message_get_client_id (message) == NULL ||
      !hearth_chat_list_lookup (self->chats, hearth_message_get_chat_id (message)))
    return;

  hearth_db_batch_put_message (_hearth_store_get_batch (self), message);
  hearth_db_batch_put_outbox (_hearth_store_get_batch (self), message, attempts);
}

HearthMessage *
hearth_store_lookup_pending (HearthStore *self,
                             const char  *client_id)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return client_id != NULL ? g_hash_table_lookup (self->pending, client_id) : NULL;
}

const char *
hearth_store_get_draft (HearthStore *self,
                        const char  *chat_id)
{
  g_return_val_if_fail (HEARTH_IS_STORE (self), NULL);

  return chat_id != NULL ? g_hash_table_lookup (self->drafts, chat_id) : NULL;
}

void
hearth_store_set_draft (HearthStore *self,
                        const char  *chat_id,
                        const char  *text)
{
  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (chat_id != NULL);

  if (g_strcmp0 (g_hash_table_lookup (self->drafts, chat_id), text) == 0)
    return;

  if (text == NULL || text[0] == '\0')
    {
      if (!g_hash_table_remove (self->drafts, chat_id))
        return;
    }
  else
    g_hash_table_insert (self->drafts, g_strdup (chat_id), g_strdup (text));

  hearth_db_batch_put_draft (_hearth_store_get_batch (self), chat_id, text);
}

/* Private {{{ */

void
_hearth_store_merge_page (HearthStore *self,
                          const char  *chat_id,
                          GPtrArray   *page,
                          gboolean     from_server)
{
  HearthChat *chat;
  HearthMessage *last;

  g_return_if_fail (HEARTH_IS_STORE (self));
  g_return_if_fail (page != NULL);

  chat = hearth_chat_list_lookup (self->chats, chat_id);
  last = chat != NULL ? hearth_chat_get_last_message (chat) : NULL;

  for (guint i = 0; i < page->len; i++)
    {
      HearthMessage *message = g_ptr_array_index (page, i);
      HearthMessage *own = _hearth_store_find_own_object (self, message);
      const char *id = hearth_message_get_id (message);

      if (own == NULL && last != NULL && id != NULL &&
          g_strcmp0 (hearth_message_get_id (last), id) == 0)
        own = last;

      if (own != NULL && own != message)
        {
          /* The page's array owns its elements: swap the reference. */
          page->pdata[i] = g_object_ref (own);
          g_object_unref (message);
          continue;
        }

      _hearth_store_share_sender (self, message);
      _hearth_store_remember_id (self, id);

      if (from_server && chat != NULL)
        hearth_db_batch_put_message (_hearth_store_get_batch (self), message);
    }
}

/* }}} */
