/* hearth-store-events.c: the 14 bus events, typing users and fetching unknown chats
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-store"

#include "config.h"

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-chat-list.h"
#include "hearth-database.h"
#include "hearth-event.h"
#include "hearth-event-bus.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-reward.h"
#include "hearth-store-private.h"
#include "hearth-user.h"

typedef struct
{
  HearthStore *store;    /* borrowed: the store's table owns this */
  HearthChat  *chat;
  char        *key;      /* "chat\nuser", borrowed by the table */
  char        *user_id;
  guint        source_id;
} Typing;

typedef struct
{
  guint      serial;
  GPtrArray *events;     /* HearthEvent, in arrival order */
} ChatFetch;

typedef struct
{
  GWeakRef   store;
  char      *chat_id;
  guint      serial;
} FetchData;

static void apply_chat_event (HearthStore *self,
                              HearthChat  *chat,
                              HearthEvent *event);

/* Typing {{{ */

void
_hearth_store_typing_free (gpointer data)
{
  Typing *typing = data;

  g_clear_handle_id (&typing->source_id, g_source_remove);
  g_clear_object (&typing->chat);
  g_free (typing->key);
  g_free (typing->user_id);
  g_free (typing);
}

static char *
typing_key (HearthChat *chat,
            const char *user_id)
{
  return g_strconcat (hearth_chat_get_id (chat), "\n", user_id, NULL);
}

static gboolean
typing_expired_cb (gpointer user_data)
{
  Typing *typing = user_data;

  typing->source_id = 0;
  hearth_chat_remove_typing_user (typing->chat, typing->user_id);
  g_hash_table_remove (typing->store->typing, typing->key);  /* frees @typing */

  return G_SOURCE_REMOVE;
}

static void
start_typing (HearthStore *self,
              HearthChat  *chat,
              HearthUser  *user)
{
  g_autofree char *key = NULL;
  Typing *typing;

  if (_hearth_store_is_me (self, hearth_user_get_id (user)))
    return;

  key = typing_key (chat, hearth_user_get_id (user));
  if (!(typing = g_hash_table_lookup (self->typing, key)))
    {
      typing = g_new0 (Typing, 1);
      typing->store = self;
      typing->chat = g_object_ref (chat);
      typing->key = g_steal_pointer (&key);
      typing->user_id = g_strdup (hearth_user_get_id (user));
      g_hash_table_insert (self->typing, typing->key, typing);
    }

  hearth_chat_add_typing_user (chat, user);

  /* Each typing-started refreshes the expiry. */
  g_clear_handle_id (&typing->source_id, g_source_remove);
  typing->source_id = g_timeout_add (self->typing_timeout_ms, typing_expired_cb, typing);
}

void
_hearth_store_stop_typing (HearthStore *self,
                           HearthChat  *chat,
                           const char  *user_id)
{
  g_autofree char *key = NULL;

  if (user_id == NULL)
    return;

  hearth_chat_remove_typing_user (chat, user_id);

  /* The common case, every message of a flood: nobody types anywhere. */
  if (g_hash_table_size (self->typing) == 0)
    return;

  key = typing_key (chat, user_id);
  g_hash_table_remove (self->typing, key);
}

static gboolean
typing_in_chat_cb (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  Typing *typing = value;

  return user_data == NULL || typing->chat == user_data;
}

/* Clears the typing users of @chat, or of every chat when @chat is NULL. */
void
_hearth_store_clear_typing (HearthStore *self,
                            HearthChat  *chat)
{
  g_hash_table_foreach_remove (self->typing, typing_in_chat_cb, chat);

  if (chat != NULL)
    {
      hearth_chat_clear_typing_users (chat);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->chats)); i++)
    {
      g_autoptr(HearthChat) item = g_list_model_get_item (G_LIST_MODEL (self->chats), i);

      hearth_chat_clear_typing_users (item);
    }
}

static gboolean
typing_of_user_cb (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  Typing *typing = value;

  if (g_strcmp0 (typing->user_id, user_data) != 0)
    return FALSE;

  hearth_chat_remove_typing_user (typing->chat, typing->user_id);
  return TRUE;
}

/* }}} */
/* Fetching unknown chats {{{ */

void
_hearth_store_chat_fetch_free (gpointer data)
{
  ChatFetch *fetch = data;

  g_clear_pointer (&fetch->events, g_ptr_array_unref);
  g_free (fetch);
}

static void
fetch_data_free (FetchData *data)
{
  g_weak_ref_clear (&data->store);
  g_free (data->chat_id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FetchData, fetch_data_free)

static void
get_chat_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(FetchData) data = user_data;
  g_autoptr(HearthStore) self = g_weak_ref_get (&data->store);
  g_autoptr(HearthChat) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  ChatFetch *fetch;
  HearthChat *chat;

  fetched = hearth_api_get_chat_finish (HEARTH_API (object), result, &error);

  if (self == NULL)
    return;

  /* A chat-deleted (or a wipe) may have dropped this fetch meanwhile. */
  fetch = g_hash_table_lookup (self->fetches, data->chat_id);
  if (fetch == NULL || fetch->serial != data->serial)
    return;

  events = g_steal_pointer (&fetch->events);
  g_hash_table_remove (self->fetches, data->chat_id);

  if (fetched == NULL)
    {
      g_debug ("Could not fetch chat %s, dropping %u events: %s",
               data->chat_id, events->len, error->message);
      return;
    }

  if (g_strcmp0 (hearth_chat_get_id (fetched), data->chat_id) != 0)
    {
      g_debug ("Asked for chat %s, got %s: dropping %u events",
               data->chat_id, hearth_chat_get_id (fetched), events->len);
      return;
    }

  chat = _hearth_store_add_or_update_chat (self, fetched);

  for (guint i = 0; i < events->len; i++)
    {
      /* An event applied may delete the chat (or a handler may): stop then. */
      if (hearth_chat_list_lookup (self->chats, data->chat_id) != chat)
        break;

      apply_chat_event (self, chat, g_ptr_array_index (events, i));
    }
}

/* Queues @event until its chat arrives, starting GET /chats/:id unless one runs. */
static void
queue_for_fetch (HearthStore *self,
                 HearthEvent *event)
{
  const char *chat_id = hearth_event_get_chat_id (event);
  ChatFetch *fetch;
  FetchData *data;

  if ((fetch = g_hash_table_lookup (self->fetches, chat_id)))
    {
      g_ptr_array_add (fetch->events, g_object_ref (event));
      return;
    }

  if (self->api == NULL)
    {
      g_debug ("No api to fetch chat %s: dropping %s", chat_id, hearth_event_get_name (event));
      return;
    }

  fetch = g_new0 (ChatFetch, 1);
  fetch->serial = ++self->fetch_serial;
  fetch->events = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fetch->events, g_object_ref (event));
  g_hash_table_insert (self->fetches, g_strdup (chat_id), fetch);

  data = g_new0 (FetchData, 1);
  g_weak_ref_init (&data->store, self);
  data->chat_id = g_strdup (chat_id);
  data->serial = fetch->serial;

  self->chat_fetch_count++;
  hearth_api_get_chat_async (self->api, chat_id, self->cancellable, get_chat_cb, data);
}

/* }}} */
/* Applying events {{{ */

/*
 * Puts a message from the network into @chat (deduplicated by id): its list, last message,
 * the sender's read time, unread. Returns FALSE when it was already known.
 */
gboolean
_hearth_store_insert_network_message (HearthStore   *self,
                                      HearthChat    *chat,
                                      HearthMessage *src,
                                      gboolean       count_unread,
                                      gboolean       emit)
{
  g_autoptr(HearthMessage) message = NULL;
  HearthMessageList *list;
  const char *id = hearth_message_get_id (src);
  const char *sender_id;
  GDateTime *at;
  const char *my_id = hearth_user_get_id (self->me);
  gboolean mine;

  HearthMessage *last = hearth_chat_get_last_message (chat);

  list = _hearth_store_lookup_list (self, hearth_chat_get_id (chat));

  if (id == NULL ||
      g_hash_table_contains (self->seen, id) ||
      (list != NULL && hearth_message_list_lookup (list, id) != NULL))
    {
      g_debug ("Message %s is known already", id);
      return FALSE;
    }

  /* Known only as the chat's last message from GET /chats (counted in the server's unread
   * already): now that it comes with its history, store it — the same object, no new unread. */
  if (last != NULL && g_strcmp0 (hearth_message_get_id (last), id) == 0)
    {
      _hearth_store_remember_new_id (self, id);
      if (list != NULL)
        _hearth_message_list_add (list, last);
      hearth_db_batch_put_message (_hearth_store_get_batch (self), last);
      return FALSE;
    }

  message = _hearth_store_copy_message (self, src);
  hearth_message_set_chat_id (message, hearth_chat_get_id (chat));
  sender_id = hearth_message_get_sender_id (message);
  at = hearth_message_get_at (message);
  mine = _hearth_store_is_me (self, sender_id);

  _hearth_store_remember_new_id (self, id);
  _hearth_store_stop_typing (self, chat, sender_id);

  if (list != NULL)
    _hearth_message_list_add (list, message);

  _hearth_store_update_last_message (self, chat, message);

  /* Posting counts as reading the chat up to the message (doc/API.md). */
  if (sender_id != NULL)
    _hearth_store_set_read (self, chat, sender_id, at);

  if (mine)
    {
      if (hearth_chat_get_last_message (chat) == message)
        _hearth_store_set_unread (self, chat, 0);
    }
  else if (count_unread &&
           !(self->focused && g_strcmp0 (self->open_chat_id, hearth_chat_get_id (chat)) == 0) &&
           _hearth_store_compare_times (at, hearth_chat_get_last_read_at (chat, my_id)) > 0)
    {
      _hearth_store_set_unread (self, chat, hearth_chat_get_unread (chat) + 1);
    }

  hearth_db_batch_put_message (_hearth_store_get_batch (self), message);

  if (emit)
    g_signal_emit (self, _hearth_store_signals[STORE_SIGNAL_MESSAGE_ADDED], 0, message, mine);

  return TRUE;
}

static void
apply_presence (HearthStore *self,
                HearthEvent *event)
{
  HearthUser *user = _hearth_store_merge_user (self, hearth_event_get_user (event));
  gboolean online = hearth_event_get_kind (event) == HEARTH_EVENT_USER_ONLINE;

  hearth_user_set_online (user, online);
  if (!online)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      hearth_user_set_last_seen (user, now);
      /* Whoever went away stopped typing. */
      g_hash_table_foreach_remove (self->typing, typing_of_user_cb,
                                   (gpointer)hearth_user_get_id (user));
    }

  hearth_db_batch_put_user (_hearth_store_get_batch (self), user);
}

/* A line of the chat's history about its membership (hearth-types.h, HearthMessageKind):
 * local, now, shown in the history and stored with it; never unread, never the chat's last
 * message, never announced as a new message. */
static void
add_member_line (HearthStore       *self,
                 HearthChat        *chat,
                 HearthMessageKind  kind,
                 HearthUser        *user)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *id = g_strconcat ("local-", uuid, NULL);
  g_autoptr(HearthMessage) line = hearth_message_new (id, hearth_chat_get_id (chat));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  HearthMessageList *list = _hearth_store_lookup_list (self, hearth_chat_get_id (chat));

  hearth_message_set_kind (line, kind);
  hearth_message_set_at (line, now);
  if (user != NULL)
    hearth_message_set_sender (line, user);

  if (list != NULL)
    _hearth_message_list_add (list, line);
  hearth_db_batch_put_message (_hearth_store_get_batch (self), line);
}

static void
apply_chat_event (HearthStore *self,
                  HearthChat  *chat,
                  HearthEvent *event)
{
  HearthEventKind kind = hearth_event_get_kind (event);

  switch (kind)
    {
    case HEARTH_EVENT_TYPING_STARTED:
      start_typing (self, chat, _hearth_store_merge_user (self, hearth_event_get_user (event)));
      break;

    case HEARTH_EVENT_TYPING_STOPPED:
      _hearth_store_merge_user (self, hearth_event_get_user (event));
      _hearth_store_stop_typing (self, chat, hearth_event_get_user_id (event));
      break;

    case HEARTH_EVENT_MESSAGES_READ:
      {
        HearthUser *user = _hearth_store_merge_user (self, hearth_event_get_user (event));

        _hearth_store_set_read (self, chat, hearth_user_get_id (user),
                                hearth_event_get_last_read_at (event));
        if (user == self->me)
          _hearth_store_set_unread (self, chat, 0);
      }
      break;

    case HEARTH_EVENT_MESSAGES_RECEIVED:
      _hearth_store_insert_network_message (self, chat, hearth_event_get_message (event),
                                            TRUE, TRUE);
      break;

    case HEARTH_EVENT_MESSAGES_SENT:
      {
        HearthMessage *message = hearth_event_get_message (event);
        const char *client_id = hearth_message_get_client_id (message);

        if (client_id != NULL && g_hash_table_contains (self->pending, client_id))
          hearth_store_confirm_sent (self, message);
        else
          _hearth_store_insert_network_message (self, chat, message, FALSE, TRUE);
      }
      break;

    case HEARTH_EVENT_CHAT_CREATED:
      /* Fetching the chat was the effect. */
      break;

    case HEARTH_EVENT_CHAT_JOINED:
      {
        HearthUser *admin = hearth_event_get_admin (event);

        if (admin != NULL)
          admin = _hearth_store_merge_user (self, admin);
        add_member_line (self, chat, HEARTH_MESSAGE_KIND_MEMBER_JOINED, admin);
        g_signal_emit (self, _hearth_store_signals[STORE_SIGNAL_CHAT_JOINED], 0, chat, admin);
      }
      break;

    case HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED:
      {
        const char *user_id = hearth_event_get_user_id (event);

        add_member_line (self, chat, HEARTH_MESSAGE_KIND_MEMBER_REMOVED,
                         _hearth_store_merge_user (self, hearth_event_get_user (event)));

        if (_hearth_store_is_me (self, user_id))
          {
            hearth_chat_set_left (chat, TRUE);
            _hearth_store_clear_typing (self, chat);
          }
        else
          {
            _hearth_store_stop_typing (self, chat, user_id);
            hearth_chat_remove_participant (chat, user_id);
          }
        _hearth_store_put_chat (self, chat);
      }
      break;

    case HEARTH_EVENT_UNKNOWN:
    case HEARTH_EVENT_USER_ONLINE:
    case HEARTH_EVENT_USER_OFFLINE:
    case HEARTH_EVENT_CHAT_DELETED:
    case HEARTH_EVENT_ACCOUNT_TERMINATED:
    case HEARTH_EVENT_REWARD_CONSUMED:
    case HEARTH_EVENT_SCORE_UPDATED:
    case HEARTH_EVENT_AUTHORIZATION_FAILED:
    case HEARTH_EVENT_VERIFICATION_REQUIRED:
    case HEARTH_EVENT_SERVER_ERROR:
    case HEARTH_EVENT_VALIDATION_FAILED:
    case HEARTH_EVENT_NOT_FOUND:
    case HEARTH_EVENT_PERMISSION_DENIED:
    default:
      g_assert_not_reached ();
    }
}

static void
list_rewards_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HearthStore) self = _hearth_store_weak_take (user_data);
  g_autoptr(GPtrArray) rewards = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;

  rewards = hearth_api_list_rewards_finish (HEARTH_API (object), result, &error);

  if (self == NULL)
    return;

  waiters = g_steal_pointer (&self->reward_waiters);

  if (rewards == NULL)
    {
      g_debug ("Could not fetch the rewards: %s", error->message);
      return;
    }

  hearth_store_apply_rewards (self, rewards);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      HearthReward *reward = _hearth_store_lookup_reward (self, g_ptr_array_index (waiters, i),
                                                          NULL);

      if (reward != NULL)
        g_signal_emit (self, _hearth_store_signals[STORE_SIGNAL_REWARD_CHANGED], 0, reward);
    }
}

static void
apply_reward_consumed (HearthStore *self,
                       HearthEvent *event)
{
  const char *reward_id = hearth_event_get_reward_id (event);
  HearthReward *reward = _hearth_store_lookup_reward (self, reward_id, NULL);

  if (reward != NULL)
    {
      if (hearth_event_get_remaining (event) >= 0)
        hearth_reward_set_remaining (reward, hearth_event_get_remaining (event));
      hearth_reward_set_is_expired (reward, hearth_event_get_is_expired (event));
      hearth_reward_set_is_consumed_by_you (reward, hearth_event_get_is_consumed_by_you (event));
      hearth_db_batch_put_reward (_hearth_store_get_batch (self), reward);
      g_signal_emit (self, _hearth_store_signals[STORE_SIGNAL_REWARD_CHANGED], 0, reward);
      return;
    }

  /* Unknown: the list is stale, fetch it again (once for a burst). */
  if (self->api == NULL)
    return;

  if (self->reward_waiters != NULL)
    {
      g_ptr_array_add (self->reward_waiters, g_strdup (reward_id));
      return;
    }

  self->reward_waiters = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->reward_waiters, g_strdup (reward_id));
  hearth_api_list_rewards_async (self->api, self->cancellable, list_rewards_cb,
                                 _hearth_store_weak_new (self));
}

void
_hearth_store_on_bus_event (HearthStore    *self,
                            HearthEvent    *event,
                            HearthEventBus *bus)
{
  HearthEventKind kind = hearth_event_get_kind (event);
  const char *chat_id = hearth_event_get_chat_id (event);
  HearthChat *chat;

  g_assert (HEARTH_IS_STORE (self));
  g_assert (HEARTH_IS_EVENT (event));

  switch (kind)
    {
    case HEARTH_EVENT_USER_ONLINE:
    case HEARTH_EVENT_USER_OFFLINE:
      apply_presence (self, event);
      return;

    case HEARTH_EVENT_REWARD_CONSUMED:
      apply_reward_consumed (self, event);
      return;

    case HEARTH_EVENT_SCORE_UPDATED:
      hearth_store_apply_score (self, hearth_event_get_score (event));
      return;

    case HEARTH_EVENT_CHAT_CREATED:
    case HEARTH_EVENT_CHAT_JOINED:
      /* The only way back for a deleted chat. */
      g_hash_table_remove (self->deleted, chat_id);
      queue_for_fetch (self, event);
      return;

    case HEARTH_EVENT_CHAT_DELETED:
      g_hash_table_remove (self->fetches, chat_id);
      g_hash_table_add (self->deleted, g_strdup (chat_id));
      _hearth_store_drop_chat (self, chat_id, TRUE);
      return;

    case HEARTH_EVENT_TYPING_STARTED:
    case HEARTH_EVENT_TYPING_STOPPED:
    case HEARTH_EVENT_MESSAGES_READ:
    case HEARTH_EVENT_MESSAGES_RECEIVED:
    case HEARTH_EVENT_MESSAGES_SENT:
    case HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED:
      break;

    case HEARTH_EVENT_ACCOUNT_TERMINATED:  /* the session's business */
    case HEARTH_EVENT_UNKNOWN:
    case HEARTH_EVENT_AUTHORIZATION_FAILED:
    case HEARTH_EVENT_VERIFICATION_REQUIRED:
    case HEARTH_EVENT_SERVER_ERROR:
    case HEARTH_EVENT_VALIDATION_FAILED:
    case HEARTH_EVENT_NOT_FOUND:
    case HEARTH_EVENT_PERMISSION_DENIED:
    default:
      return;
    }

  if (chat_id == NULL)
    return;

  /* Keep the order: while the chat is being fetched, everything about it waits. */
  if (g_hash_table_size (self->fetches) > 0 && g_hash_table_contains (self->fetches, chat_id))
    {
      queue_for_fetch (self, event);
      return;
    }

  if ((chat = hearth_chat_list_lookup (self->chats, chat_id)))
    {
      apply_chat_event (self, chat, event);
      return;
    }

  if (g_hash_table_contains (self->deleted, chat_id))
    {
      g_debug ("Ignoring %s for deleted chat %s", hearth_event_get_name (event), chat_id);
      return;
    }

  /* Removed from a chat we never had: nothing to fetch (we may not read it any more). */
  if (kind == HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED &&
      _hearth_store_is_me (self, hearth_event_get_user_id (event)))
    return;

  queue_for_fetch (self, event);
}

/* }}} */
