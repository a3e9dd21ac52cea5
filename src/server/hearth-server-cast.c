/* hearth-server-cast.c: the demo cast, scripted contacts acting on the reference server
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-server-cast"

#include "config.h"

#include <math.h>

#include "hearth-server-cast-private.h"

/* Steps run per dispatch when the script lags behind (then the main loop gets a turn). */
#define STEPS_PER_DISPATCH   32

G_DEFINE_FINAL_TYPE (HearthServerCast, hearth_server_cast, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SERVER,
  PROP_ME,
  PROP_TIME_SCALE,
  PROP_SEED,
  PROP_AMBIENT,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Steps. */

static void
step_free (Step *step)
{
  g_free (step->user_id);
  g_free (step->chat_id);
  g_free (step->text);
  g_free (step);
}

/* The agenda does not free its steps, so that the dispatcher can take one off it. */
static void
free_step_cb (gpointer data,
              gpointer user_data)
{
  step_free (data);
}

static void
clear_agenda (HearthServerCast *self)
{
  g_sequence_foreach (self->agenda, free_step_cb, NULL);
  g_sequence_remove_range (g_sequence_get_begin_iter (self->agenda),
                           g_sequence_get_end_iter (self->agenda));
}

static int
compare_steps (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const Step *sa = a;
  const Step *sb = b;

  if (sa->due != sb->due)
    return sa->due < sb->due ? -1 : 1;

  return sa->order < sb->order ? -1 : sa->order > sb->order ? 1 : 0;
}

static void
reply_free (Reply *reply)
{
  g_free (reply->member);
  g_free (reply);
}

/* The clock. */
gint64
_hearth_server_cast_now (HearthServerCast *self)
{
  gint64 real_ms;

  if (self->in_step || !self->running)
    return self->clock;

  real_ms = (g_get_monotonic_time () - self->clock_real) / 1000;

  return self->clock + (gint64)(real_ms / self->time_scale);
}

static void reschedule (HearthServerCast *self);

void
_hearth_server_cast_schedule (HearthServerCast *self,
                              gint64            delay,
                              StepKind          kind,
                              const char       *user_id,
                              const char       *chat_id,
                              const char       *text)
{
  Step *step = g_new0 (Step, 1);
  gboolean first;

  step->due = _hearth_server_cast_now (self) + MAX (delay, 0);
  step->order = self->next_order++;
  step->kind = kind;
  step->user_id = g_strdup (user_id);
  step->chat_id = g_strdup (chat_id);
  step->text = g_strdup (text);

  g_sequence_insert_sorted (self->agenda, step, compare_steps, NULL);

  /* Inside a step the dispatcher reschedules when it is done. */
  first = g_sequence_get (g_sequence_get_begin_iter (self->agenda)) == step;
  if (!self->in_step && first)
    reschedule (self);
}

/* Randomness. */

gint64
_hearth_server_cast_rand_between (HearthServerCast *self,
                                  gint64            lo,
                                  gint64            hi)
{
  return lo + g_rand_int_range (self->rand, 0, (gint32)(hi - lo + 1));
}

const char *
_hearth_server_cast_deal (HearthServerCast   *self,
                          Deck               *deck,
                          const char * const *lines,
                          guint               n_lines)
{
  g_assert (n_lines > 0 && n_lines <= DECK_MAX);

  if (deck->n == 0)
    {
      /* Fisher-Yates. */
      for (guint i = 0; i < n_lines; i++)
        deck->order[i] = i;
      for (guint i = n_lines - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (self->rand, 0, i + 1);
          guint swap = deck->order[i];

          deck->order[i] = deck->order[j];
          deck->order[j] = swap;
        }
      deck->n = n_lines;
    }

  return lines[deck->order[--deck->n]];
}

gpointer
_hearth_server_cast_pick_from (HearthServerCast *self,
                               GPtrArray        *array)
{
  g_assert (array->len > 0);

  return g_ptr_array_index (array, g_rand_int_range (self->rand, 0, array->len));
}

/* The dispatcher: one timeout for the earliest step. */

static gboolean
on_timer (gpointer data)
{
  HearthServerCast *self = g_object_ref (data);

  g_clear_pointer (&self->timer, g_source_unref);

  for (guint n = 0; n < STEPS_PER_DISPATCH && self->running; n++)
    {
      GSequenceIter *iter = g_sequence_get_begin_iter (self->agenda);
      Step *step;

      if (g_sequence_iter_is_end (iter))
        break;

      step = g_sequence_get (iter);
      if (step->due > _hearth_server_cast_now (self))
        break;

      /* Taken off the agenda first: the step may schedule others (or stop the cast). */
      g_sequence_remove (iter);
      self->clock = MAX (self->clock, step->due);
      self->clock_real = g_get_monotonic_time ();
      self->in_step = TRUE;
      _hearth_server_cast_run_step (self, step);
      self->in_step = FALSE;
      step_free (step);
    }

  if (self->running)
    reschedule (self);
  g_object_unref (self);

  return G_SOURCE_REMOVE;
}

static void
reschedule (HearthServerCast *self)
{
  GSequenceIter *iter;
  Step *step;
  double delay;

  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }

  iter = g_sequence_get_begin_iter (self->agenda);
  if (!self->running || g_sequence_iter_is_end (iter))
    return;

  step = g_sequence_get (iter);
  delay = ceil (MAX (step->due - _hearth_server_cast_now (self), 0) * self->time_scale);
  self->timer = _hearth_server_timeout_add (self->server, (guint)MIN (delay, G_MAXUINT),
                                            on_timer, self);
}

/* Lifecycle. */

void
hearth_server_cast_start (HearthServerCast *self)
{
  g_return_if_fail (HEARTH_IS_SERVER_CAST (self));

  if (self->running)
    return;

  self->running = TRUE;
  g_clear_pointer (&self->rand, g_rand_free);
  self->rand = g_rand_new_with_seed (self->seed);
  self->clock = 0;
  self->clock_real = g_get_monotonic_time ();
  self->next_order = 0;
  self->cycle = 0;
  self->chatter_deck.n = 0;
  self->reply_deck.n = 0;

  self->posted_id = g_signal_connect (self->server, "message-posted",
                                      G_CALLBACK (_hearth_server_cast_on_message_posted), self);

  if (self->ambient)
    {
      _hearth_server_cast_schedule (self, SECONDS (1), STEP_CHATTER, NULL, NULL, NULL);
      _hearth_server_cast_schedule (self, SECONDS (3), STEP_CYCLE, NULL, NULL, NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
hearth_server_cast_stop (HearthServerCast *self)
{
  GHashTableIter iter;
  const char *user_id;
  Presence *presence;

  g_return_if_fail (HEARTH_IS_SERVER_CAST (self));

  if (!self->running)
    return;

  self->clock = _hearth_server_cast_now (self);
  self->running = FALSE;

  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
  g_clear_signal_handler (&self->posted_id, self->server);
  clear_agenda (self);
  g_hash_table_remove_all (self->replies);

  /* The cast leaves: whoever it brought online goes offline. */
  g_hash_table_iter_init (&iter, self->presence);
  while (g_hash_table_iter_next (&iter, (gpointer *)&user_id, (gpointer *)&presence))
    {
      if (presence->online && _hearth_server_get_user (self->server, user_id) != NULL)
        hearth_server_set_online (self->server, user_id, FALSE, NULL);
    }
  g_hash_table_remove_all (self->presence);

  /* Its chats stay (they are the user's too); a new start() begins a new list. */
  g_queue_clear_full (&self->cast_chats, g_free);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gint64
hearth_server_cast_get_elapsed (HearthServerCast *self)
{
  g_return_val_if_fail (HEARTH_IS_SERVER_CAST (self), 0);

  return self->clock;
}

/* GObject. */

HearthServerCast *
hearth_server_cast_new (HearthServer *server,
                        const char   *me_user_id)
{
  g_return_val_if_fail (HEARTH_IS_SERVER (server), NULL);
  g_return_val_if_fail (me_user_id != NULL, NULL);

  return g_object_new (HEARTH_TYPE_SERVER_CAST,
                       "server", server,
                       "me", me_user_id,
                       NULL);
}

HearthServer *
hearth_server_cast_get_server (HearthServerCast *self)
{
  g_return_val_if_fail (HEARTH_IS_SERVER_CAST (self), NULL);

  return self->server;
}

const char *
hearth_server_cast_get_me (HearthServerCast *self)
{
  g_return_val_if_fail (HEARTH_IS_SERVER_CAST (self), NULL);

  return self->me;
}

double
hearth_server_cast_get_time_scale (HearthServerCast *self)
{
  g_return_val_if_fail (HEARTH_IS_SERVER_CAST (self), 1.0);

  return self->time_scale;
}

void
hearth_server_cast_set_time_scale (HearthServerCast *self,
                                   double            time_scale)
{
  g_return_if_fail (HEARTH_IS_SERVER_CAST (self));
  g_return_if_fail (time_scale > 0);

  if (self->time_scale == time_scale)
    return;

  /* The demo time reached so far stays; only the pace from now on changes. */
  self->clock = _hearth_server_cast_now (self);
  self->clock_real = g_get_monotonic_time ();
  self->time_scale = time_scale;
  if (self->running && !self->in_step)
    reschedule (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_SCALE]);
}

guint
hearth_server_cast_get_seed (HearthServerCast *self)
{
  g_return_val_if_fail (HEARTH_IS_SERVER_CAST (self), 0);

  return self->seed;
}

void
hearth_server_cast_set_seed (HearthServerCast *self,
                             guint             seed)
{
  g_return_if_fail (HEARTH_IS_SERVER_CAST (self));

  if (self->seed == seed)
    return;

  self->seed = seed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
}

gboolean
hearth_server_cast_get_ambient (HearthServerCast *self)
{
  g_return_val_if_fail (HEARTH_IS_SERVER_CAST (self), FALSE);

  return self->ambient;
}

void
hearth_server_cast_set_ambient (HearthServerCast *self,
                                gboolean          ambient)
{
  g_return_if_fail (HEARTH_IS_SERVER_CAST (self));
  g_return_if_fail (!self->running);

  ambient = !!ambient;
  if (self->ambient == ambient)
    return;

  self->ambient = ambient;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMBIENT]);
}

gboolean
hearth_server_cast_get_running (HearthServerCast *self)
{
  g_return_val_if_fail (HEARTH_IS_SERVER_CAST (self), FALSE);

  return self->running;
}

static void
hearth_server_cast_dispose (GObject *object)
{
  HearthServerCast *self = (HearthServerCast *)object;

  if (self->running)
    hearth_server_cast_stop (self);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (hearth_server_cast_parent_class)->dispose (object);
}

static void
hearth_server_cast_finalize (GObject *object)
{
  HearthServerCast *self = (HearthServerCast *)object;

  g_clear_pointer (&self->me, g_free);
  g_clear_pointer (&self->rand, g_rand_free);
  clear_agenda (self);
  g_clear_pointer (&self->agenda, g_sequence_free);
  g_clear_pointer (&self->presence, g_hash_table_unref);
  g_clear_pointer (&self->replies, g_hash_table_unref);
  g_queue_clear_full (&self->cast_chats, g_free);

  G_OBJECT_CLASS (hearth_server_cast_parent_class)->finalize (object);
}

static void
hearth_server_cast_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HearthServerCast *self = HEARTH_SERVER_CAST (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_object (value, self->server);
      break;
    case PROP_ME:
      g_value_set_string (value, self->me);
      break;
    case PROP_TIME_SCALE:
      g_value_set_double (value, self->time_scale);
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    case PROP_AMBIENT:
      g_value_set_boolean (value, self->ambient);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_server_cast_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HearthServerCast *self = HEARTH_SERVER_CAST (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      self->server = g_value_dup_object (value);
      break;
    case PROP_ME:
      self->me = g_value_dup_string (value);
      break;
    case PROP_TIME_SCALE:
      hearth_server_cast_set_time_scale (self, g_value_get_double (value));
      break;
    case PROP_SEED:
      hearth_server_cast_set_seed (self, g_value_get_uint (value));
      break;
    case PROP_AMBIENT:
      hearth_server_cast_set_ambient (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_server_cast_constructed (GObject *object)
{
  G_GNUC_UNUSED HearthServerCast *self = HEARTH_SERVER_CAST (object);  /* asserts only */

  G_OBJECT_CLASS (hearth_server_cast_parent_class)->constructed (object);

  g_assert (HEARTH_IS_SERVER (self->server));
  g_assert (self->me != NULL);
}

static void
hearth_server_cast_class_init (HearthServerCastClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_server_cast_constructed;
  object_class->dispose = hearth_server_cast_dispose;
  object_class->finalize = hearth_server_cast_finalize;
  object_class->get_property = hearth_server_cast_get_property;
  object_class->set_property = hearth_server_cast_set_property;

  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL,
                         HEARTH_TYPE_SERVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ME] =
    g_param_spec_string ("me", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME_SCALE] =
    g_param_spec_double ("time-scale", NULL, NULL,
                         0.0001, 1000.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL,
                       0, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AMBIENT] =
    g_param_spec_boolean ("ambient", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_server_cast_init (HearthServerCast *self)
{
  self->time_scale = 1.0;
  self->seed = 1;
  self->ambient = TRUE;
  self->agenda = g_sequence_new (NULL);
  self->presence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)reply_free);
  g_queue_init (&self->cast_chats);
}
