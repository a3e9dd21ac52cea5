/* hearth-score.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-score"

#include "config.h"

#include <math.h>

#include "hearth-score.h"
#include "hearth-score-action.h"

struct _HearthScore
{
  GObject     parent_instance;

  GDateTime  *date;
  char       *day;
  GListStore *social_actions;
  GListStore *mindfulness_actions;
  double      total_score;
  double      social_score;
  double      mindfulness_score;
  int         reels_seen;
};

G_DEFINE_FINAL_TYPE (HearthScore, hearth_score, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATE,
  PROP_DAY,
  PROP_REELS_SEEN,
  PROP_TOTAL_SCORE,
  PROP_SOCIAL_SCORE,
  PROP_MINDFULNESS_SCORE,
  PROP_SOCIAL_ACTIONS,
  PROP_MINDFULNESS_ACTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Exact comparison; two NaNs are equal so that repeating NaN does not notify. */
static inline gboolean
double_equal (double a,
              double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static void
hearth_score_dispose (GObject *object)
{
  HearthScore *self = (HearthScore *)object;

  g_clear_object (&self->social_actions);
  g_clear_object (&self->mindfulness_actions);

  G_OBJECT_CLASS (hearth_score_parent_class)->dispose (object);
}

static void
hearth_score_finalize (GObject *object)
{
  HearthScore *self = (HearthScore *)object;

  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->day, g_free);

  G_OBJECT_CLASS (hearth_score_parent_class)->finalize (object);
}

static void
hearth_score_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HearthScore *self = HEARTH_SCORE (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;

    case PROP_DAY:
      g_value_set_string (value, self->day);
      break;

    case PROP_REELS_SEEN:
      g_value_set_int (value, self->reels_seen);
      break;

    case PROP_TOTAL_SCORE:
      g_value_set_double (value, self->total_score);
      break;

    case PROP_SOCIAL_SCORE:
      g_value_set_double (value, self->social_score);
      break;

    case PROP_MINDFULNESS_SCORE:
      g_value_set_double (value, self->mindfulness_score);
      break;

    case PROP_SOCIAL_ACTIONS:
      g_value_set_object (value, self->social_actions);
      break;

    case PROP_MINDFULNESS_ACTIONS:
      g_value_set_object (value, self->mindfulness_actions);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_score_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HearthScore *self = HEARTH_SCORE (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_assert (self->date == NULL);
      self->date = g_value_dup_boxed (value);
      break;

    case PROP_DAY:
      hearth_score_set_day (self, g_value_get_string (value));
      break;

    case PROP_REELS_SEEN:
      hearth_score_set_reels_seen (self, g_value_get_int (value));
      break;

    case PROP_TOTAL_SCORE:
      hearth_score_set_total_score (self, g_value_get_double (value));
      break;

    case PROP_SOCIAL_SCORE:
      hearth_score_set_social_score (self, g_value_get_double (value));
      break;

    case PROP_MINDFULNESS_SCORE:
      hearth_score_set_mindfulness_score (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_score_class_init (HearthScoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_score_dispose;
  object_class->finalize = hearth_score_finalize;
  object_class->get_property = hearth_score_get_property;
  object_class->set_property = hearth_score_set_property;

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DAY] =
    g_param_spec_string ("day", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REELS_SEEN] =
    g_param_spec_int ("reels-seen", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOTAL_SCORE] =
    g_param_spec_double ("total-score", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOCIAL_SCORE] =
    g_param_spec_double ("social-score", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MINDFULNESS_SCORE] =
    g_param_spec_double ("mindfulness-score", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SOCIAL_ACTIONS] =
    g_param_spec_object ("social-actions", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_MINDFULNESS_ACTIONS] =
    g_param_spec_object ("mindfulness-actions", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_score_init (HearthScore *self)
{
  self->social_actions = g_list_store_new (HEARTH_TYPE_SCORE_ACTION);
  self->mindfulness_actions = g_list_store_new (HEARTH_TYPE_SCORE_ACTION);
}

HearthScore *
hearth_score_new (GDateTime *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  return g_object_new (HEARTH_TYPE_SCORE,
                       "date", date,
                       NULL);
}

GDateTime *
hearth_score_get_date (HearthScore *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE (self), NULL);

  return self->date;
}

const char *
hearth_score_get_day (HearthScore *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE (self), NULL);

  return self->day;
}

void
hearth_score_set_day (HearthScore *self,
                      const char  *day)
{
  g_return_if_fail (HEARTH_IS_SCORE (self));

  if (g_strcmp0 (self->day, day) == 0)
    return;

  g_free (self->day);
  self->day = g_strdup (day);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

int
hearth_score_get_reels_seen (HearthScore *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE (self), 0);

  return self->reels_seen;
}

void
hearth_score_set_reels_seen (HearthScore *self,
                             int          reels_seen)
{
  g_return_if_fail (HEARTH_IS_SCORE (self));

  if (self->reels_seen == reels_seen)
    return;

  self->reels_seen = reels_seen;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REELS_SEEN]);
}

double
hearth_score_get_total_score (HearthScore *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE (self), 0.0);

  return self->total_score;
}

void
hearth_score_set_total_score (HearthScore *self,
                              double       total_score)
{
  g_return_if_fail (HEARTH_IS_SCORE (self));

  if (double_equal (self->total_score, total_score))
    return;

  self->total_score = total_score;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_SCORE]);
}

double
hearth_score_get_social_score (HearthScore *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE (self), 0.0);

  return self->social_score;
}

void
hearth_score_set_social_score (HearthScore *self,
                               double       score)
{
  g_return_if_fail (HEARTH_IS_SCORE (self));

  if (double_equal (self->social_score, score))
    return;

  self->social_score = score;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOCIAL_SCORE]);
}

double
hearth_score_get_mindfulness_score (HearthScore *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE (self), 0.0);

  return self->mindfulness_score;
}

void
hearth_score_set_mindfulness_score (HearthScore *self,
                                    double       score)
{
  g_return_if_fail (HEARTH_IS_SCORE (self));

  if (double_equal (self->mindfulness_score, score))
    return;

  self->mindfulness_score = score;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINDFULNESS_SCORE]);
}

GListModel *
hearth_score_get_social_actions (HearthScore *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE (self), NULL);

  return G_LIST_MODEL (self->social_actions);
}

GListModel *
hearth_score_get_mindfulness_actions (HearthScore *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE (self), NULL);

  return G_LIST_MODEL (self->mindfulness_actions);
}

static gboolean
actions_are_valid (GPtrArray *actions)
{
  if (actions == NULL)
    return TRUE;

  for (guint i = 0; i < actions->len; i++)
    {
      if (!HEARTH_IS_SCORE_ACTION (g_ptr_array_index (actions, i)))
        return FALSE;
    }

  return TRUE;
}

/* Replaces the whole content of @store with one items-changed (none when both the old and
 * the new lists are empty). */
static void
replace_actions (GListStore *store,
                 GPtrArray  *actions)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_new = actions != NULL ? actions->len : 0;

  if (n_old == 0 && n_new == 0)
    return;

  g_list_store_splice (store, 0, n_old, n_new > 0 ? actions->pdata : NULL, n_new);
}

void
hearth_score_set_social_actions (HearthScore *self,
                                 GPtrArray   *actions)
{
  g_return_if_fail (HEARTH_IS_SCORE (self));
  g_return_if_fail (actions_are_valid (actions));

  replace_actions (self->social_actions, actions);
}

void
hearth_score_set_mindfulness_actions (HearthScore *self,
                                      GPtrArray   *actions)
{
  g_return_if_fail (HEARTH_IS_SCORE (self));
  g_return_if_fail (actions_are_valid (actions));

  replace_actions (self->mindfulness_actions, actions);
}
