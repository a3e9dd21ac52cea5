/* hearth-server-cast-scenes.c: the demo cast's scenes, what each step of the agenda does
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server-cast"

#include "config.h"

#include "hearth-server-cast-private.h"

/* The cast keeps at most this many chats of its own; creating one more deletes the oldest. */
#define CAST_CHATS_MAX       4
/* The structural scenes (create, add, remove, delete, reward, score) come round this often.
 * CYCLE_MAX plus the spread of a scene's offset in its cycle (1.5 s) stays under a minute:
 * a reward is consumed and the score moves at least once per demo minute. */
#define CYCLE_MIN            SECONDS (40)
#define CYCLE_MAX            SECONDS (50)
/* "Me" also writes from another device (messages-sent) every this many cycles. */
#define OTHER_DEVICE_CYCLES  5
/* How long a reward brought back from expiry stays valid (real milliseconds). */
#define REVIVED_MS           ((gint64) 7 * 24 * 3600 * 1000)

/* The scheduler's helpers (hearth-server-cast.c), by their short names. */
#define schedule(...)     _hearth_server_cast_schedule (__VA_ARGS__)
#define rand_between(...) _hearth_server_cast_rand_between (__VA_ARGS__)
#define pick_from(...)    _hearth_server_cast_pick_from (__VA_ARGS__)
#define demo_now(...)     _hearth_server_cast_now (__VA_ARGS__)

/* What people say. Short, plain text (never markup, never the user's own words). */

static const char * const chatter_lines[] = {
  "Morning! How did you sleep?",
  "Just back from a walk by the river, so nice out",
  "Anyone up for coffee later?",
  "Did you catch the sunset yesterday? Unreal colours",
  "Friendly reminder to drink some water 💧",
  "Reading a really good book at the moment, will lend it to you",
  "What are you up to this weekend?",
  "Tried that breathing exercise, it actually helps",
  "Making soup tonight, want the recipe?",
  "Can't believe it's almost the weekend already",
  "Found a new bakery near the station 🥐",
  "Taking a proper lunch break today, no screens",
  "How's your week going?",
  "That podcast you sent was great, thanks!",
};

static const char * const reply_lines[] = {
  "Haha, love it 😄",
  "Sounds good to me!",
  "Oh nice, tell me more",
  "Fair point",
  "Let me check and get back to you",
  "Yes! Count me in",
  "Ha, same here",
  "Good call 👍",
  "Sure thing!",
  "Thanks, that helps a lot 🙏",
  "Totally agree",
  "Aw, that made my day",
};

static const char * const group_names[] = {
  "Board games night",
  "Sunday brunch",
  "Book club",
  "Picnic planning",
  "Movie night 🍿",
  "Morning runs",
  "Pottery class",
  "Plant swap 🌱",
  "Climbing crew",
  "Cooking club",
};

static const char * const opener_lines[] = {
  "Made a group so we can plan this 🙂",
  "Starting a chat for this, ideas welcome!",
  "Here we go! When works for everyone?",
};

static const char * const welcome_lines[] = {
  "Added you, thought you'd like this one!",
  "Welcome! 👋 We were just getting started",
  "Glad you're in, it's more fun with you here",
};

static const char * const other_device_lines[] = {
  "On my way 🚶",
  "Running 5 minutes late, sorry!",
  "Just saw this, sounds great",
};

/* Who is who. */

static gboolean
is_contact (HearthServerCast *self,
            const char       *user_id)
{
  HearthServerUser *user = _hearth_server_get_user (self->server, user_id);

  /* Unverified users cannot do anything on a real backend. */
  return user != NULL && user->verified && g_strcmp0 (user->id, self->me) != 0;
}

/* The contacts of the seed (borrowed ids). */
static GPtrArray *
all_contacts (HearthServerCast *self)
{
  GPtrArray *order = self->server->state->user_order;
  GPtrArray *contacts = g_ptr_array_new ();

  for (guint i = 0; i < order->len; i++)
    {
      HearthServerUser *user = g_ptr_array_index (order, i);

      if (is_contact (self, user->id))
        g_ptr_array_add (contacts, user->id);
    }

  return contacts;
}

/* The contacts in @chat (borrowed ids). */
static GPtrArray *
chat_contacts (HearthServerCast *self,
               HearthServerChat *chat)
{
  GPtrArray *contacts = g_ptr_array_new ();

  for (guint i = 0; i < chat->participants->len; i++)
    {
      const char *user_id = g_ptr_array_index (chat->participants, i);

      if (is_contact (self, user_id))
        g_ptr_array_add (contacts, (gpointer)user_id);
    }

  return contacts;
}

/* The chats of me with at least one contact in them (borrowed). */
static GPtrArray *
my_chats (HearthServerCast *self)
{
  GPtrArray *order = self->server->state->chat_order;
  GPtrArray *chats = g_ptr_array_new ();

  for (guint i = 0; i < order->len; i++)
    {
      HearthServerChat *chat = g_ptr_array_index (order, i);
      g_autoptr(GPtrArray) contacts = NULL;

      if (!_hearth_server_chat_has_user (chat, self->me))
        continue;

      contacts = chat_contacts (self, chat);
      if (contacts->len > 0)
        g_ptr_array_add (chats, chat);
    }

  return chats;
}

/* Presence. */

static Presence *
get_presence (HearthServerCast *self,
              const char       *user_id)
{
  Presence *presence = g_hash_table_lookup (self->presence, user_id);

  if (presence == NULL)
    {
      presence = g_new0 (Presence, 1);
      g_hash_table_insert (self->presence, g_strdup (user_id), presence);
    }

  return presence;
}

static void
set_busy (HearthServerCast *self,
          const char       *user_id,
          gint64            until)
{
  Presence *presence = get_presence (self, user_id);

  presence->busy_until = MAX (presence->busy_until, until);
}

static void
ensure_online (HearthServerCast *self,
               const char       *user_id)
{
  Presence *presence = get_presence (self, user_id);
  g_autoptr(GError) error = NULL;

  if (presence->online)
    return;

  if (!hearth_server_set_online (self->server, user_id, TRUE, &error))
    {
      g_debug ("Skipping a scene: %s", error->message);
      return;
    }

  /* They stay a while, then drift off (SESSION_END waits for the scene they are in). */
  presence->online = TRUE;
  presence->session_end = demo_now (self) + rand_between (self, SECONDS (20), SECONDS (35));
  schedule (self, presence->session_end - demo_now (self), STEP_SESSION_END, user_id, NULL, NULL);
}

static void
run_session_end (HearthServerCast *self,
                 Step             *step)
{
  Presence *presence = get_presence (self, step->user_id);
  g_autoptr(GError) error = NULL;

  if (!presence->online)
    return;

  if (presence->busy_until > self->clock)
    {
      schedule (self, presence->busy_until - self->clock + SECONDS (1),
                STEP_SESSION_END, step->user_id, NULL, NULL);
      return;
    }

  presence->online = FALSE;
  if (!hearth_server_set_online (self->server, step->user_id, FALSE, &error))
    g_debug ("Could not take %s offline: %s", step->user_id, error->message);
}

/* Talking. */

/* Types for a few seconds, then posts: schedules TYPE and POST/REPLY from @start. Returns
 * when the scene ends. */
static gint64
schedule_talk (HearthServerCast *self,
               gint64            start,
               const char       *user_id,
               const char       *chat_id,
               StepKind          kind,
               const char       *text)
{
  gint64 posted = start + rand_between (self, SECONDS (2), SECONDS (4));

  schedule (self, start, STEP_TYPE, user_id, chat_id, NULL);
  schedule (self, posted, kind, user_id, chat_id, text);
  set_busy (self, user_id, demo_now (self) + posted);

  return posted;
}

static void
run_read (HearthServerCast *self,
          Step             *step)
{
  Reply *reply = g_hash_table_lookup (self->replies, step->chat_id);
  g_autoptr(GError) error = NULL;

  if (reply != NULL && g_strcmp0 (reply->member, step->user_id) == 0)
    reply->read_queued = FALSE;

  ensure_online (self, step->user_id);
  if (!hearth_server_mark_read (self->server, step->user_id, step->chat_id, &error))
    g_debug ("Skipping a read: %s", error->message);
}

static void
run_type (HearthServerCast *self,
          Step             *step)
{
  g_autoptr(GError) error = NULL;

  ensure_online (self, step->user_id);
  if (!hearth_server_set_typing (self->server, step->user_id, step->chat_id, TRUE, &error))
    g_debug ("Skipping typing: %s", error->message);
}

static void
run_post (HearthServerCast *self,
          Step             *step)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *text = step->text;

  if (step->kind == STEP_REPLY)
    {
      g_hash_table_remove (self->replies, step->chat_id);
      text = DEAL (self, &self->reply_deck, reply_lines);
    }

  if (!hearth_server_set_typing (self->server, step->user_id, step->chat_id, FALSE, &error))
    {
      g_debug ("Skipping a message: %s", error->message);
      return;
    }

  ensure_online (self, step->user_id);
  if (!(id = hearth_server_post_message (self->server, step->user_id, step->chat_id, text,
                                         NULL, &error)))
    g_debug ("Skipping a message: %s", error->message);
}

/* The ambient scene: someone in one of my chats comes online, reads, types and writes. */
static void
run_chatter (HearthServerCast *self)
{
  g_autoptr(GPtrArray) chats = my_chats (self);

  if (chats->len > 0)
    {
      HearthServerChat *chat = pick_from (self, chats);
      g_autoptr(GPtrArray) contacts = chat_contacts (self, chat);
      const char *user_id = pick_from (self, contacts);
      Presence *presence;
      gint64 t = 0;

      /* Rather someone who is not about to leave. */
      presence = get_presence (self, user_id);
      if (presence->online && presence->session_end - self->clock < SECONDS (10))
        user_id = pick_from (self, contacts);
      presence = get_presence (self, user_id);

      if (!presence->online)
        {
          schedule (self, 0, STEP_ONLINE, user_id, NULL, NULL);
          t += rand_between (self, 600, 1200);
        }
      schedule (self, t, STEP_READ, user_id, chat->id, NULL);
      t += rand_between (self, 700, 1500);
      schedule_talk (self, t, user_id, chat->id, STEP_POST,
                     DEAL (self, &self->chatter_deck, chatter_lines));
    }

  schedule (self, rand_between (self, SECONDS (9), SECONDS (16)), STEP_CHATTER, NULL, NULL, NULL);
}

/* Reactions: me wrote in a chat; one of the others reads it soon, then answers. */
void
_hearth_server_cast_on_message_posted (HearthServer     *server,
                                       const char       *user_id,
                                       const char       *chat_id,
                                       const char       *message_id,
                                       HearthServerCast *self)
{
  HearthServerChat *chat;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) online = NULL;
  Reply *reply;
  const char *member;
  gint64 read_at;

  if (!self->running || g_strcmp0 (user_id, self->me) != 0 ||
      !(chat = _hearth_server_get_chat (server, chat_id)))
    return;

  contacts = chat_contacts (self, chat);
  if (contacts->len == 0)
    return;

  /* Writing a DM is one of today's actions. */
  if (chat->participants->len == 2)
    schedule (self, SECONDS (1), STEP_SCORE, NULL, NULL, "send-dm-message");

  if ((reply = g_hash_table_lookup (self->replies, chat_id)) != NULL)
    {
      /* Already answering: just make sure this one is read too. */
      if (!reply->read_queued)
        {
          reply->read_queued = TRUE;
          schedule (self, rand_between (self, 500, 1500), STEP_READ, reply->member, chat_id,
                    NULL);
        }
      return;
    }

  /* Someone already online answers first. */
  online = g_ptr_array_new ();
  for (guint i = 0; i < contacts->len; i++)
    {
      if (get_presence (self, g_ptr_array_index (contacts, i))->online)
        g_ptr_array_add (online, g_ptr_array_index (contacts, i));
    }
  member = pick_from (self, online->len > 0 ? online : contacts);

  reply = g_new0 (Reply, 1);
  reply->member = g_strdup (member);
  reply->read_queued = TRUE;
  g_hash_table_insert (self->replies, g_strdup (chat_id), reply);

  read_at = rand_between (self, 500, 1800);
  schedule (self, read_at, STEP_READ, member, chat_id, NULL);
  schedule_talk (self, read_at + rand_between (self, 800, 1500), member, chat_id, STEP_REPLY,
                 NULL);
}

/* The chats of the cast. */

static void
prune_cast_chats (HearthServerCast *self)
{
  for (GList *l = self->cast_chats.head; l != NULL;)
    {
      GList *next = l->next;

      if (_hearth_server_get_chat (self->server, l->data) == NULL)
        {
          g_free (l->data);
          g_queue_delete_link (&self->cast_chats, l);
        }
      l = next;
    }
}

/* Deletes the oldest chat of the cast, as its admin (or another contact in it). */
static void
delete_oldest (HearthServerCast *self)
{
  g_autofree char *chat_id = NULL;
  g_autoptr(GError) error = NULL;
  HearthServerChat *chat;
  const char *deleter = NULL;

  prune_cast_chats (self);
  if (!(chat_id = g_queue_pop_head (&self->cast_chats)))
    return;

  chat = _hearth_server_get_chat (self->server, chat_id);
  if (chat->admin_id != NULL && is_contact (self, chat->admin_id))
    deleter = chat->admin_id;
  else
    {
      g_autoptr(GPtrArray) contacts = chat_contacts (self, chat);

      /* Only me is left: the chat is the user's now. */
      if (contacts->len == 0)
        return;
      deleter = g_ptr_array_index (contacts, 0);
    }

  if (!hearth_server_delete_chat (self->server, deleter, chat_id, &error))
    g_debug ("Could not delete chat %s: %s", chat_id, error->message);
}

/* Two different contacts, or FALSE. */
static gboolean
pick_pair (HearthServerCast  *self,
           const char       **out_a,
           const char       **out_b)
{
  g_autoptr(GPtrArray) contacts = all_contacts (self);
  guint i, j;

  if (contacts->len < 2)
    return FALSE;

  i = g_rand_int_range (self->rand, 0, contacts->len);
  j = (i + g_rand_int_range (self->rand, 1, contacts->len)) % contacts->len;
  *out_a = g_ptr_array_index (contacts, i);
  *out_b = g_ptr_array_index (contacts, j);

  return TRUE;
}

static void
run_create (HearthServerCast *self,
            gboolean          with_me)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *chat_id = NULL;
  g_autofree char *a = NULL;
  const char *pa, *pb;
  gint64 t;

  if (!pick_pair (self, &pa, &pb))
    return;
  a = g_strdup (pa);

  prune_cast_chats (self);
  if (self->cast_chats.length >= CAST_CHATS_MAX)
    delete_oldest (self);

  ensure_online (self, a);

  if (with_me)
    {
      const char *others[] = { self->me, pb, NULL };

      chat_id = hearth_server_create_chat (self->server, a, others, PICK (self, group_names),
                                           &error);
    }
  else
    {
      const char *others[] = { pb, NULL };

      /* A group of theirs that I am added to. */
      chat_id = hearth_server_create_chat (self->server, a, others, PICK (self, group_names),
                                           &error);
      if (chat_id != NULL &&
          !hearth_server_add_participant (self->server, a, chat_id, self->me, &error))
        {
          g_debug ("Could not add me to %s: %s", chat_id, error->message);
          g_clear_pointer (&chat_id, g_free);
        }
    }

  if (chat_id == NULL)
    {
      if (error != NULL)
        g_debug ("Could not create a chat: %s", error->message);
      return;
    }

  g_queue_push_tail (&self->cast_chats, g_strdup (chat_id));

  t = rand_between (self, 1000, 2000);
  schedule_talk (self, t, a, chat_id, STEP_POST,
                 with_me ? PICK (self, opener_lines) : PICK (self, welcome_lines));
}

/* The admin of a group of the cast removes another contact from it. */
static void
run_remove (HearthServerCast *self)
{
  prune_cast_chats (self);

  for (GList *l = self->cast_chats.head; l != NULL; l = l->next)
    {
      HearthServerChat *chat = _hearth_server_get_chat (self->server, l->data);
      g_autoptr(GError) error = NULL;

      if (chat->participants->len < 3 || chat->admin_id == NULL ||
          !is_contact (self, chat->admin_id) || !_hearth_server_chat_has_user (chat, self->me))
        continue;

      for (guint i = 0; i < chat->participants->len; i++)
        {
          const char *user_id = g_ptr_array_index (chat->participants, i);

          if (g_strcmp0 (user_id, self->me) == 0 || g_strcmp0 (user_id, chat->admin_id) == 0)
            continue;

          if (!hearth_server_remove_participant (self->server, chat->admin_id, chat->id, user_id,
                                                 &error))
            g_debug ("Could not remove %s: %s", user_id, error->message);
          return;
        }
    }
}

static void
run_delete (HearthServerCast *self)
{
  prune_cast_chats (self);

  /* Keep the newest around for a while. */
  if (self->cast_chats.length >= 2)
    delete_oldest (self);
}

/* When no reward has more than one left: the one with the fewest left (not expired) is
 * restocked; when every reward has expired (a demo left running for days), the first one
 * comes back for a week. NULL when the server has no reward at all. */
static HearthServerReward *
restock_one (HearthServerCast   *self,
             HearthServerReward *lowest)
{
  GPtrArray *rewards = self->server->state->rewards;
  HearthServerReward *reward = lowest;
  g_autoptr(GError) error = NULL;

  if (reward == NULL)
    {
      if (rewards->len == 0)
        return NULL;

      reward = g_ptr_array_index (rewards, 0);
      reward->expired = FALSE;
      reward->expires_at = _hearth_server_now_ms () + REVIVED_MS;
    }

  if (!hearth_server_restock_reward (self->server, reward->id, rand_between (self, 8, 15),
                                     &error))
    {
      g_debug ("Could not restock: %s", error->message);
      return NULL;
    }

  return reward;
}

/* Someone (a contact who has not yet, or a stranger) takes a reward, never the last one: me
 * should be able to get it too. When none is left to take, one is restocked first: every
 * cycle consumes one, so the demo never runs out. */
static void
run_consume (HearthServerCast *self)
{
  GPtrArray *rewards = self->server->state->rewards;
  g_autoptr(GPtrArray) available = g_ptr_array_new ();
  g_autoptr(GPtrArray) consumers = NULL;
  g_autoptr(GError) error = NULL;
  HearthServerReward *reward;
  HearthServerReward *lowest = NULL;
  const char *consumer = NULL;

  for (guint i = 0; i < rewards->len; i++)
    {
      reward = g_ptr_array_index (rewards, i);

      if (_hearth_server_reward_is_expired (reward))
        continue;
      if (reward->remaining > 1)
        g_ptr_array_add (available, reward);
      if (lowest == NULL || reward->remaining < lowest->remaining)
        lowest = reward;
    }

  if (available->len > 0)
    reward = pick_from (self, available);
  else if (!(reward = restock_one (self, lowest)))
    return;

  consumers = all_contacts (self);
  for (guint i = consumers->len; i > 0; i--)
    {
      if (g_hash_table_contains (reward->consumed_by, g_ptr_array_index (consumers, i - 1)))
        g_ptr_array_remove_index (consumers, i - 1);
    }
  if (consumers->len > 0)
    consumer = pick_from (self, consumers);

  if (!hearth_server_consume_reward (self->server, consumer, reward->id, &error))
    g_debug ("Could not consume: %s", error->message);
}

static void
run_score (HearthServerCast *self,
           Step             *step)
{
  g_autoptr(GError) error = NULL;
  const char *type = step->text;

  /* The next action of the day, or (all done) one more reel. */
  if (type == NULL)
    type = _hearth_server_score_next_action (self->server);

  if (!hearth_server_update_score (self->server, self->me, type, &error))
    g_debug ("Could not update the score: %s", error->message);
}

/* Me, from another device, in a direct chat (the others answer as usual). */
static void
run_other_device (HearthServerCast *self)
{
  g_autoptr(GPtrArray) chats = my_chats (self);
  g_autoptr(GPtrArray) direct = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  HearthServerChat *chat;

  for (guint i = 0; i < chats->len; i++)
    {
      chat = g_ptr_array_index (chats, i);
      if (chat->participants->len == 2)
        g_ptr_array_add (direct, chat);
    }

  if (direct->len == 0)
    return;

  chat = pick_from (self, direct);
  if (!(id = hearth_server_post_message (self->server, self->me, chat->id,
                                         PICK (self, other_device_lines), NULL, &error)))
    g_debug ("Skipping a message: %s", error->message);
}

static void
run_cycle (HearthServerCast *self)
{
  guint cycle = self->cycle++;

  schedule (self, 0, STEP_CREATE_WITH_ME, NULL, NULL, NULL);
  schedule (self, SECONDS (6) + rand_between (self, 0, 1500), STEP_CONSUME, NULL, NULL, NULL);
  schedule (self, SECONDS (10) + rand_between (self, 0, 1500), STEP_SCORE, NULL, NULL, NULL);
  schedule (self, SECONDS (15) + rand_between (self, 0, 1500), STEP_ADD_ME, NULL, NULL, NULL);
  if (cycle % OTHER_DEVICE_CYCLES == 0)
    schedule (self, SECONDS (20) + rand_between (self, 0, 1500), STEP_OTHER_DEVICE,
              NULL, NULL, NULL);
  schedule (self, SECONDS (25) + rand_between (self, 0, 1500), STEP_REMOVE, NULL, NULL, NULL);
  schedule (self, SECONDS (32) + rand_between (self, 0, 1500), STEP_DELETE, NULL, NULL, NULL);
  schedule (self, rand_between (self, CYCLE_MIN, CYCLE_MAX), STEP_CYCLE, NULL, NULL, NULL);
}

void
_hearth_server_cast_run_step (HearthServerCast *self,
                              Step             *step)
{
  switch (step->kind)
    {
    case STEP_CHATTER:
      run_chatter (self);
      break;
    case STEP_CYCLE:
      run_cycle (self);
      break;
    case STEP_ONLINE:
      ensure_online (self, step->user_id);
      break;
    case STEP_SESSION_END:
      run_session_end (self, step);
      break;
    case STEP_READ:
      run_read (self, step);
      break;
    case STEP_TYPE:
      run_type (self, step);
      break;
    case STEP_POST:
    case STEP_REPLY:
      run_post (self, step);
      break;
    case STEP_CREATE_WITH_ME:
      run_create (self, TRUE);
      break;
    case STEP_ADD_ME:
      run_create (self, FALSE);
      break;
    case STEP_REMOVE:
      run_remove (self);
      break;
    case STEP_DELETE:
      run_delete (self);
      break;
    case STEP_CONSUME:
      run_consume (self);
      break;
    case STEP_SCORE:
      run_score (self, step);
      break;
    case STEP_OTHER_DEVICE:
      run_other_device (self);
      break;
    default:
      g_assert_not_reached ();
    }
}
