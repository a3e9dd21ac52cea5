/* hearth-score-action.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-score-action"

#include "config.h"

#include <math.h>

#include "hearth-score-action.h"

struct _HearthScoreAction
{
  GObject  parent_instance;

  char    *action_type;
  char    *label;       /* never NULL: "" when unset */
  char    *sub_label;
  double   value;
  int      start_at;    /* local hour 0-23, -1 when none */
  guint    completed : 1;
};

G_DEFINE_FINAL_TYPE (HearthScoreAction, hearth_score_action, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTION_TYPE,
  PROP_LABEL,
  PROP_SUB_LABEL,
  PROP_VALUE,
  PROP_COMPLETED,
  PROP_START_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hearth_score_action_finalize (GObject *object)
{
  HearthScoreAction *self = (HearthScoreAction *)object;

  g_clear_pointer (&self->action_type, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->sub_label, g_free);

  G_OBJECT_CLASS (hearth_score_action_parent_class)->finalize (object);
}

static void
hearth_score_action_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HearthScoreAction *self = HEARTH_SCORE_ACTION (object);

  switch (prop_id)
    {
    case PROP_ACTION_TYPE:
      g_value_set_string (value, self->action_type);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_SUB_LABEL:
      g_value_set_string (value, self->sub_label);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    case PROP_COMPLETED:
      g_value_set_boolean (value, self->completed);
      break;

    case PROP_START_AT:
      g_value_set_int (value, self->start_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_score_action_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HearthScoreAction *self = HEARTH_SCORE_ACTION (object);

  switch (prop_id)
    {
    case PROP_ACTION_TYPE:
      g_assert (self->action_type == NULL);
      self->action_type = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      hearth_score_action_set_label (self, g_value_get_string (value));
      break;

    case PROP_SUB_LABEL:
      hearth_score_action_set_sub_label (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      hearth_score_action_set_value (self, g_value_get_double (value));
      break;

    case PROP_COMPLETED:
      hearth_score_action_set_completed (self, g_value_get_boolean (value));
      break;

    case PROP_START_AT:
      hearth_score_action_set_start_at (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_score_action_class_init (HearthScoreActionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hearth_score_action_finalize;
  object_class->get_property = hearth_score_action_get_property;
  object_class->set_property = hearth_score_action_set_property;

  properties[PROP_ACTION_TYPE] =
    g_param_spec_string ("action-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUB_LABEL] =
    g_param_spec_string ("sub-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPLETED] =
    g_param_spec_boolean ("completed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_START_AT] =
    g_param_spec_int ("start-at", NULL, NULL,
                      -1, 23, -1,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_score_action_init (HearthScoreAction *self)
{
  self->label = g_strdup ("");
  self->start_at = -1;
}

HearthScoreAction *
hearth_score_action_new (const char *action_type)
{
  return g_object_new (HEARTH_TYPE_SCORE_ACTION,
                       "action-type", action_type,
                       NULL);
}

const char *
hearth_score_action_get_action_type (HearthScoreAction *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION (self), NULL);

  return self->action_type;
}

const char *
hearth_score_action_get_label (HearthScoreAction *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION (self), NULL);

  return self->label;
}

void
hearth_score_action_set_label (HearthScoreAction *self,
                               const char        *label)
{
  g_return_if_fail (HEARTH_IS_SCORE_ACTION (self));

  /* The label is always shown: keep it a string. */
  if (label == NULL)
    label = "";

  if (g_strcmp0 (self->label, label) == 0)
    return;

  g_free (self->label);
  self->label = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
hearth_score_action_get_sub_label (HearthScoreAction *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION (self), NULL);

  return self->sub_label;
}

void
hearth_score_action_set_sub_label (HearthScoreAction *self,
                                   const char        *sub_label)
{
  g_return_if_fail (HEARTH_IS_SCORE_ACTION (self));

  if (g_strcmp0 (self->sub_label, sub_label) == 0)
    return;

  g_free (self->sub_label);
  self->sub_label = g_strdup (sub_label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUB_LABEL]);
}

double
hearth_score_action_get_value (HearthScoreAction *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION (self), 0.0);

  return self->value;
}

void
hearth_score_action_set_value (HearthScoreAction *self,
                               double             value)
{
  g_return_if_fail (HEARTH_IS_SCORE_ACTION (self));

  /* Exact comparison on purpose: any real change must reach the UI. Two NaNs count as
   * equal so that setting NaN twice does not notify twice. */
  if (self->value == value || (isnan (self->value) && isnan (value)))
    return;

  self->value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

gboolean
hearth_score_action_get_completed (HearthScoreAction *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION (self), FALSE);

  return self->completed;
}

void
hearth_score_action_set_completed (HearthScoreAction *self,
                                   gboolean           completed)
{
  g_return_if_fail (HEARTH_IS_SCORE_ACTION (self));

  completed = !!completed;

  if (self->completed == (guint) completed)
    return;

  self->completed = completed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETED]);
}

int
hearth_score_action_get_start_at (HearthScoreAction *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_ACTION (self), -1);

  return self->start_at;
}

void
hearth_score_action_set_start_at (HearthScoreAction *self,
                                  int                start_at)
{
  g_return_if_fail (HEARTH_IS_SCORE_ACTION (self));
  g_return_if_fail (start_at >= -1 && start_at <= 23);

  if (self->start_at == start_at)
    return;

  self->start_at = start_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_AT]);
}
