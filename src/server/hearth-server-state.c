/* hearth-server-state.c: the seed fixture and the in-memory data set
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server"

#include "config.h"

#include <string.h>

#include "hearth-json.h"
#include "hearth-server-private.h"

#define MS_PER_DAY ((gint64)86400000)

static void
user_free (HearthServerUser *user)
{
  g_free (user->id);
  g_free (user->name);
  g_free (user->username);
  g_free (user->password);
  g_free (user->photo);
  g_free (user);
}

static void
message_free (HearthServerMessage *message)
{
  g_free (message->id);
  g_free (message->chat_id);
  g_free (message->user_id);
  g_free (message->content);
  g_free (message->reel);
  g_free (message->client_id);
  g_free (message);
}

static void
chat_free (HearthServerChat *chat)
{
  g_free (chat->id);
  g_free (chat->name);
  g_free (chat->admin_id);
  g_ptr_array_unref (chat->participants);
  g_hash_table_unref (chat->last_read_at);
  g_ptr_array_unref (chat->messages);
  g_free (chat);
}

/* An empty chat: no name, participants or messages; created_at 0. */
HearthServerChat *
_hearth_server_chat_new (const char *id)
{
  HearthServerChat *chat = g_new0 (HearthServerChat, 1);

  chat->id = g_strdup (id);
  chat->participants = g_ptr_array_new_with_free_func (g_free);
  chat->last_read_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  chat->messages = g_ptr_array_new_with_free_func ((GDestroyNotify)message_free);

  return chat;
}

static void
reward_free (HearthServerReward *reward)
{
  g_free (reward->id);
  g_free (reward->title);
  g_free (reward->description);
  g_hash_table_unref (reward->consumed_by);
  g_free (reward);
}

HearthServerState *
_hearth_server_state_new (void)
{
  HearthServerState *state = g_new0 (HearthServerState, 1);

  state->users = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)user_free);
  state->user_order = g_ptr_array_new ();
  state->chats = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)chat_free);
  state->chat_order = g_ptr_array_new ();
  state->messages = g_hash_table_new (g_str_hash, g_str_equal);
  state->client_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->rewards = g_ptr_array_new_with_free_func ((GDestroyNotify)reward_free);
  state->history = json_array_new ();

  return state;
}

void
_hearth_server_state_free (HearthServerState *state)
{
  /* Borrowed views first, then the owners. */
  g_hash_table_unref (state->client_ids);
  g_hash_table_unref (state->messages);
  g_ptr_array_unref (state->chat_order);
  g_hash_table_unref (state->chats);
  g_ptr_array_unref (state->user_order);
  g_hash_table_unref (state->users);
  g_ptr_array_unref (state->rewards);
  g_clear_pointer (&state->score, json_node_unref);
  json_array_unref (state->history);
  g_free (state->me_id);
  g_free (state);
}

/* Time helpers: the state keeps unix milliseconds, the wire has ISO 8601 UTC. */

gint64
_hearth_server_now_ms (void)
{
  return g_get_real_time () / 1000;
}

char *
_hearth_server_format_time (gint64 ms)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *base = NULL;
  gint64 seconds = ms / 1000;
  gint64 rest = ms % 1000;

  if (rest < 0)
    {
      rest += 1000;
      seconds--;
    }

  dt = g_date_time_new_from_unix_utc (seconds);
  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");

  base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", base, (int)rest);
}

gboolean
_hearth_server_parse_time (const char *text,
                           gint64     *out_ms)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || !(dt = g_date_time_new_from_iso8601 (text, utc)))
    return FALSE;

  *out_ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;

  return TRUE;
}

/* Loading. Every check names the offending entry so a broken fixture is easy to fix. */

typedef struct
{
  HearthServerState *state;
  gint64             shift_ms;  /* added to every time of the fixture ... */
  gint64             day_shift_ms; /* ... but whole days for score dates */
  gboolean           days;      /* get_time() applies day_shift_ms */
} Loader;

G_GNUC_PRINTF (2, 3)
static gboolean
seed_error (GError    **error,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_SEED, "Invalid seed: %s", text);

  return FALSE;
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_required_string (JsonObject  *object,
                     const char  *member,
                     const char  *what,
                     const char **out,
                     GError     **error)
{
  const char *value = hearth_json_object_get_string (object, member);

  if (value == NULL || *value == '\0')
    return seed_error (error, "%s needs a non-empty string \"%s\"", what, member);

  *out = value;

  return TRUE;
}

static gboolean
get_time (Loader      *loader,
          JsonObject  *object,
          const char  *member,
          const char  *what,
          gint64      *out_ms,
          GError     **error)
{
  const char *text = NULL;

  if (!get_required_string (object, member, what, &text, error))
    return FALSE;

  if (!_hearth_server_parse_time (text, out_ms))
    return seed_error (error, "%s: \"%s\" is not an ISO 8601 time", what, member);

  *out_ms += loader->days ? loader->day_shift_ms : loader->shift_ms;

  return TRUE;
}

static gboolean
load_users (Loader      *loader,
            JsonArray   *users,
            GError     **error)
{
  HearthServerState *state = loader->state;

  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonNode *node = json_array_get_element (users, i);
      JsonObject *object;
      HearthServerUser *user;
      const char *id = NULL, *name = NULL, *username = NULL, *password = NULL;
      gboolean verified = TRUE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return seed_error (error, "users[%u] is not an object", i);

      object = json_node_get_object (node);
      if (!get_required_string (object, "_id", "a user", &id, error) ||
          !get_required_string (object, "name", id, &name, error) ||
          !get_required_string (object, "username", id, &username, error) ||
          !get_required_string (object, "password", id, &password, error))
        return FALSE;

      if (g_hash_table_contains (state->users, id))
        return seed_error (error, "user %s appears twice", id);

      for (guint j = 0; j < state->user_order->len; j++)
        {
          HearthServerUser *other = g_ptr_array_index (state->user_order, j);

          if (g_strcmp0 (other->username, username) == 0)
            return seed_error (error, "username %s appears twice", username);
        }

      hearth_json_object_get_bool (object, "verified", &verified);

      user = g_new0 (HearthServerUser, 1);
      user->id = g_strdup (id);
      user->name = g_strdup (name);
      user->username = g_strdup (username);
      user->password = g_strdup (password);
      user->photo = g_strdup (hearth_json_object_get_string (object, "photo"));
      user->verified = verified;
      g_hash_table_insert (state->users, user->id, user);
      g_ptr_array_add (state->user_order, user);
    }

  return TRUE;
}

static gboolean
load_chats (Loader      *loader,
            JsonArray   *chats,
            GError     **error)
{
  HearthServerState *state = loader->state;

  for (guint i = 0; i < json_array_get_length (chats); i++)
    {
      JsonNode *node = json_array_get_element (chats, i);
      JsonObject *object, *last_read;
      JsonArray *participants;
      HearthServerChat *chat;
      const char *id = NULL, *admin;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return seed_error (error, "chats[%u] is not an object", i);

      object = json_node_get_object (node);
      if (!get_required_string (object, "_id", "a chat", &id, error))
        return FALSE;

      if (g_hash_table_contains (state->chats, id))
        return seed_error (error, "chat %s appears twice", id);

      chat = _hearth_server_chat_new (id);
      chat->name = g_strdup (hearth_json_object_get_string (object, "name"));
      g_hash_table_insert (state->chats, chat->id, chat);
      g_ptr_array_add (state->chat_order, chat);

      if (hearth_json_object_get_string (object, "createdAt") != NULL)
        {
          if (!get_time (loader, object, "createdAt", id, &chat->created_at, error))
            return FALSE;
        }

      if (!(participants = hearth_json_object_get_array (object, "participants")) ||
          json_array_get_length (participants) < 2)
        return seed_error (error, "chat %s needs \"participants\" with 2 or more user ids", id);

      for (guint j = 0; j < json_array_get_length (participants); j++)
        {
          const char *user_id = node_string (json_array_get_element (participants, j));

          if (user_id == NULL || !g_hash_table_contains (state->users, user_id))
            return seed_error (error, "chat %s: participants[%u] is not a known user id", id, j);

          if (_hearth_server_chat_has_user (chat, user_id))
            return seed_error (error, "chat %s: user %s appears twice", id, user_id);

          g_ptr_array_add (chat->participants, g_strdup (user_id));
        }

      if ((admin = hearth_json_object_get_string (object, "admin")) != NULL)
        {
          if (!_hearth_server_chat_has_user (chat, admin))
            return seed_error (error, "chat %s: admin %s is not a participant", id, admin);
          chat->admin_id = g_strdup (admin);
        }

      if ((last_read = hearth_json_object_get_object (object, "lastReadAt")) != NULL)
        {
          JsonObjectIter iter;
          const char *user_id;
          JsonNode *value;

          json_object_iter_init (&iter, last_read);
          while (json_object_iter_next (&iter, &user_id, &value))
            {
              gint64 ms;

              if (!_hearth_server_chat_has_user (chat, user_id))
                return seed_error (error, "chat %s: lastReadAt of non-participant %s", id, user_id);
              if (!get_time (loader, last_read, user_id, id, &ms, error))
                return FALSE;
              g_hash_table_insert (chat->last_read_at, g_strdup (user_id),
                                   g_memdup2 (&ms, sizeof ms));
            }
        }
    }

  return TRUE;
}

static int
compare_messages (gconstpointer a,
                  gconstpointer b)
{
  const HearthServerMessage *ma = *(HearthServerMessage * const *)a;
  const HearthServerMessage *mb = *(HearthServerMessage * const *)b;

  if (ma->at != mb->at)
    return ma->at < mb->at ? -1 : 1;

  return strcmp (ma->id, mb->id);
}

static gboolean
load_messages (Loader      *loader,
               JsonArray   *messages,
               GError     **error)
{
  HearthServerState *state = loader->state;
  GHashTableIter iter;
  HearthServerChat *chat;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonNode *node = json_array_get_element (messages, i);
      JsonObject *object;
      HearthServerMessage *message;
      const char *id = NULL, *chat_id = NULL, *user_id = NULL, *content;
      gint64 at;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return seed_error (error, "messages[%u] is not an object", i);

      object = json_node_get_object (node);
      if (!get_required_string (object, "_id", "a message", &id, error) ||
          !get_required_string (object, "chat", id, &chat_id, error) ||
          !get_required_string (object, "user", id, &user_id, error) ||
          !get_time (loader, object, "at", id, &at, error))
        return FALSE;

      if (g_hash_table_contains (state->messages, id))
        return seed_error (error, "message %s appears twice", id);
      if (!(chat = g_hash_table_lookup (state->chats, chat_id)))
        return seed_error (error, "message %s: unknown chat %s", id, chat_id);
      if (!_hearth_server_chat_has_user (chat, user_id))
        return seed_error (error, "message %s: %s is not a participant", id, user_id);

      content = hearth_json_object_get_string (object, "content");

      message = g_new0 (HearthServerMessage, 1);
      message->id = g_strdup (id);
      message->chat_id = g_strdup (chat_id);
      message->user_id = g_strdup (user_id);
      message->content = g_strdup (content != NULL ? content : "");
      message->reel = g_strdup (hearth_json_object_get_string (object, "reel"));
      message->at = at;
      g_ptr_array_add (chat->messages, message);
      g_hash_table_insert (state->messages, message->id, message);
    }

  g_hash_table_iter_init (&iter, state->chats);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&chat))
    {
      g_ptr_array_sort (chat->messages, compare_messages);

      /* Without "createdAt", a chat is as old as its first message. */
      if (chat->created_at == 0)
        {
          if (chat->messages->len > 0)
            chat->created_at = ((HearthServerMessage *)g_ptr_array_index (chat->messages, 0))->at;
          else
            chat->created_at = _hearth_server_now_ms ();
        }
    }

  return TRUE;
}

static gboolean
load_rewards (Loader      *loader,
              JsonArray   *rewards,
              GError     **error)
{
  HearthServerState *state = loader->state;

  for (guint i = 0; i < json_array_get_length (rewards); i++)
    {
      JsonNode *node = json_array_get_element (rewards, i);
      JsonObject *object;
      JsonArray *consumed;
      HearthServerReward *reward;
      const char *id = NULL, *title = NULL;
      double remaining = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return seed_error (error, "rewards[%u] is not an object", i);

      object = json_node_get_object (node);
      if (!get_required_string (object, "_id", "a reward", &id, error) ||
          !get_required_string (object, "title", id, &title, error))
        return FALSE;

      if (_hearth_server_state_find_reward (state, id) != NULL)
        return seed_error (error, "reward %s appears twice", id);

      if (!hearth_json_object_get_number (object, "remaining", &remaining) || remaining < 0)
        return seed_error (error, "reward %s needs a number \"remaining\" >= 0", id);

      reward = g_new0 (HearthServerReward, 1);
      reward->id = g_strdup (id);
      reward->title = g_strdup (title);
      reward->description = g_strdup (hearth_json_object_get_string (object, "description"));
      reward->remaining = (gint64)remaining;
      reward->consumed_by = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      hearth_json_object_get_bool (object, "isExpired", &reward->expired);
      g_ptr_array_add (state->rewards, reward);

      if (hearth_json_object_get_string (object, "expiresAt") != NULL &&
          !get_time (loader, object, "expiresAt", id, &reward->expires_at, error))
        return FALSE;

      if ((consumed = hearth_json_object_get_array (object, "consumedBy")) != NULL)
        {
          for (guint j = 0; j < json_array_get_length (consumed); j++)
            {
              const char *user_id = node_string (json_array_get_element (consumed, j));

              if (user_id == NULL || !g_hash_table_contains (state->users, user_id))
                return seed_error (error, "reward %s: consumedBy[%u] is not a known user", id, j);
              g_hash_table_add (reward->consumed_by, g_strdup (user_id));
            }
        }
    }

  return TRUE;
}

/* Rewrites an ISO time member shifted by the loader's days. */
static gboolean
shift_date_member (Loader      *loader,
                   JsonObject  *object,
                   const char  *member,
                   const char  *what,
                   gint64      *out_ms,
                   GError     **error)
{
  g_autofree char *text = NULL;

  if (!get_time (loader, object, member, what, out_ms, error))
    return FALSE;

  text = _hearth_server_format_time (*out_ms);
  json_object_set_string_member (object, member, text);

  return TRUE;
}

static gboolean
load_score (Loader      *loader,
            JsonObject  *root,
            GError     **error)
{
  HearthServerState *state = loader->state;
  JsonObject *score;
  JsonArray *history;

  if ((score = hearth_json_object_get_object (root, "score")) != NULL)
    {
      g_autofree char *text = NULL;
      JsonObject *social;
      double total;
      gint64 ms;

      if (!hearth_json_object_get_number (score, "totalScore", &total))
        return seed_error (error, "score needs a number \"totalScore\"");

      /* The parsed tree is immutable: edit a deep copy (serialised, then reparsed by the
       * ordinary, mutable parser: the text is our own). */
      text = json_to_string (json_object_get_member (root, "score"), FALSE);
      state->score = json_from_string (text, NULL);
      g_assert (state->score != NULL);
      score = json_node_get_object (state->score);

      if (!shift_date_member (loader, score, "date", "score", &ms, error))
        return FALSE;

      /* The weekday follows the (shifted) date. The date is a local midnight, which east of
       * UTC lies on the previous UTC day ("2025-11-07T18:30:00.000Z" is a Saturday): the
       * day is the UTC date 12 hours later, right for every zone from UTC-12 to UTC+12. */
      if ((social = hearth_json_object_get_object (score, "social")) != NULL &&
          hearth_json_object_get_string (social, "day") != NULL)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000 + 12 * 3600);
          g_autofree char *day = g_date_time_format (dt, "%A");
          g_autofree char *lower = g_ascii_strdown (day, -1);

          json_object_set_string_member (social, "day", lower);
        }
    }

  if ((history = hearth_json_object_get_array (root, "history")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (history); i++)
        {
          JsonNode *node = json_array_get_element (history, i);
          JsonObject *entry;
          JsonObject *copy;
          g_autofree char *text = NULL;
          double total;
          gint64 ms;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return seed_error (error, "history[%u] is not an object", i);

          entry = json_node_get_object (node);
          if (!get_time (loader, entry, "date", "a history entry", &ms, error))
            return FALSE;
          if (!hearth_json_object_get_number (entry, "totalScore", &total))
            return seed_error (error, "history[%u] needs a number \"totalScore\"", i);

          text = _hearth_server_format_time (ms);
          copy = json_object_new ();
          json_object_set_string_member (copy, "date", text);
          json_object_set_double_member (copy, "totalScore", total);
          json_array_add_object_element (state->history, copy);
        }
    }

  return TRUE;
}

HearthServerState *
_hearth_server_state_load (const char  *json,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  Loader loader = { 0 };
  JsonObject *object;
  JsonArray *array;
  const char *me;
  gint64 now_ms;
  gint64 real_now;

  if (!(root = hearth_json_parse (json, length, &local_error)))
    {
      g_set_error (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_SEED,
                   "Invalid seed: %s", local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      seed_error (error, "the top level is not an object");
      return NULL;
    }

  object = json_node_get_object (root);

  /* "now": when the fixture was written. Every time moves so that "now" becomes the
   * present (the newest message stays as recent as it was), and score dates move by whole
   * days so that the fixture's day becomes today (today's score stays today's). */
  if (hearth_json_object_get_string (object, "now") != NULL)
    {
      if (!_hearth_server_parse_time (hearth_json_object_get_string (object, "now"), &now_ms))
        {
          seed_error (error, "\"now\" is not an ISO 8601 time");
          return NULL;
        }

      real_now = _hearth_server_now_ms ();
      loader.shift_ms = real_now - now_ms;
      loader.day_shift_ms = (real_now / MS_PER_DAY - now_ms / MS_PER_DAY) * MS_PER_DAY;
    }

  loader.state = _hearth_server_state_new ();

  if (!(array = hearth_json_object_get_array (object, "users")) ||
      json_array_get_length (array) == 0)
    {
      seed_error (error, "\"users\" must be a non-empty array");
      goto failed;
    }

  if (!load_users (&loader, array, error))
    goto failed;

  if ((array = hearth_json_object_get_array (object, "chats")) != NULL &&
      !load_chats (&loader, array, error))
    goto failed;

  if ((array = hearth_json_object_get_array (object, "messages")) != NULL &&
      !load_messages (&loader, array, error))
    goto failed;

  if ((array = hearth_json_object_get_array (object, "rewards")) != NULL &&
      !load_rewards (&loader, array, error))
    goto failed;

  loader.days = TRUE;
  if (!load_score (&loader, object, error))
    goto failed;

  if ((me = hearth_json_object_get_string (object, "me")) != NULL)
    {
      if (!g_hash_table_contains (loader.state->users, me))
        {
          seed_error (error, "\"me\" is not a known user id");
          goto failed;
        }
      loader.state->me_id = g_strdup (me);
    }

  return loader.state;

failed:
  _hearth_server_state_free (loader.state);
  return NULL;
}

/* Lookups. */

HearthServerUser *
_hearth_server_get_user (HearthServer *self,
                         const char   *user_id)
{
  return user_id != NULL ? g_hash_table_lookup (self->state->users, user_id) : NULL;
}

HearthServerChat *
_hearth_server_get_chat (HearthServer *self,
                         const char   *chat_id)
{
  return chat_id != NULL ? g_hash_table_lookup (self->state->chats, chat_id) : NULL;
}

gboolean
_hearth_server_chat_has_user (HearthServerChat *chat,
                              const char       *user_id)
{
  for (guint i = 0; i < chat->participants->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (chat->participants, i), user_id) == 0)
        return TRUE;
    }

  return FALSE;
}

HearthServerMessage *
_hearth_server_chat_last_message (HearthServerChat *chat)
{
  if (chat->messages->len == 0)
    return NULL;

  return g_ptr_array_index (chat->messages, chat->messages->len - 1);
}

/* Messages of the others newer than the user's lastReadAt. */
guint
_hearth_server_chat_unread (HearthServerChat *chat,
                            const char       *user_id)
{
  gint64 *last_read = g_hash_table_lookup (chat->last_read_at, user_id);
  guint unread = 0;

  for (guint i = chat->messages->len; i > 0; i--)
    {
      HearthServerMessage *message = g_ptr_array_index (chat->messages, i - 1);

      if (last_read != NULL && message->at <= *last_read)
        break;

      if (g_strcmp0 (message->user_id, user_id) != 0)
        unread++;
    }

  return unread;
}

gint64
_hearth_server_chat_activity (HearthServerChat *chat)
{
  HearthServerMessage *last = _hearth_server_chat_last_message (chat);

  return last != NULL ? last->at : chat->created_at;
}

HearthServerReward *
_hearth_server_state_find_reward (HearthServerState *state,
                                  const char        *reward_id)
{
  for (guint i = 0; i < state->rewards->len; i++)
    {
      HearthServerReward *reward = g_ptr_array_index (state->rewards, i);

      if (g_strcmp0 (reward->id, reward_id) == 0)
        return reward;
    }

  return NULL;
}

HearthServerReward *
_hearth_server_get_reward (HearthServer *self,
                           const char   *reward_id)
{
  return _hearth_server_state_find_reward (self->state, reward_id);
}

gboolean
_hearth_server_reward_is_expired (HearthServerReward *reward)
{
  return reward->expired ||
         (reward->expires_at != 0 && reward->expires_at <= _hearth_server_now_ms ());
}
