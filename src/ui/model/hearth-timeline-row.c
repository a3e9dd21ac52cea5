/* hearth-timeline-row.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-timeline-row"

#include "config.h"

#include "hearth-timeline-row.h"
#include "hearth-utils.h"

struct _HearthTimelineRow
{
  GObject        parent_instance;

  HearthMessage *message;
  char          *day_label;
  char          *seen_label;
  char          *system_text;
  gboolean       mine;
  gboolean       show_sender;
  gboolean       group_end;
};

G_DEFINE_FINAL_TYPE (HearthTimelineRow, hearth_timeline_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_MINE,
  PROP_DAY_LABEL,
  PROP_SHOW_SENDER,
  PROP_GROUP_END,
  PROP_SEEN_LABEL,
  PROP_SYSTEM_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hearth_timeline_row_finalize (GObject *object)
{
  HearthTimelineRow *self = (HearthTimelineRow *)object;

  g_clear_object (&self->message);
  g_free (self->day_label);
  g_free (self->seen_label);
  g_free (self->system_text);

  G_OBJECT_CLASS (hearth_timeline_row_parent_class)->finalize (object);
}

static void
hearth_timeline_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HearthTimelineRow *self = HEARTH_TIMELINE_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;

    case PROP_MINE:
      g_value_set_boolean (value, self->mine);
      break;

    case PROP_DAY_LABEL:
      g_value_set_string (value, self->day_label);
      break;

    case PROP_SHOW_SENDER:
      g_value_set_boolean (value, self->show_sender);
      break;

    case PROP_GROUP_END:
      g_value_set_boolean (value, self->group_end);
      break;

    case PROP_SEEN_LABEL:
      g_value_set_string (value, self->seen_label);
      break;

    case PROP_SYSTEM_TEXT:
      g_value_set_string (value, self->system_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_timeline_row_class_init (HearthTimelineRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hearth_timeline_row_finalize;
  object_class->get_property = hearth_timeline_row_get_property;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, HEARTH_TYPE_MESSAGE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MINE] =
    g_param_spec_boolean ("mine", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DAY_LABEL] =
    g_param_spec_string ("day-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_SENDER] =
    g_param_spec_boolean ("show-sender", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_END] =
    g_param_spec_boolean ("group-end", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEEN_LABEL] =
    g_param_spec_string ("seen-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SYSTEM_TEXT] =
    g_param_spec_string ("system-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_timeline_row_init (HearthTimelineRow *self)
{
  self->group_end = TRUE;
}

HearthTimelineRow *
hearth_timeline_row_new (HearthMessage *message,
                         gboolean       mine)
{
  HearthTimelineRow *self;

  g_return_val_if_fail (HEARTH_IS_MESSAGE (message), NULL);

  self = g_object_new (HEARTH_TYPE_TIMELINE_ROW, NULL);
  self->message = g_object_ref (message);
  self->mine = !!mine;

  return self;
}

HearthMessage *
hearth_timeline_row_get_message (HearthTimelineRow *self)
{
  g_return_val_if_fail (HEARTH_IS_TIMELINE_ROW (self), NULL);

  return self->message;
}

gboolean
hearth_timeline_row_get_mine (HearthTimelineRow *self)
{
  g_return_val_if_fail (HEARTH_IS_TIMELINE_ROW (self), FALSE);

  return self->mine;
}

const char *
hearth_timeline_row_get_day_label (HearthTimelineRow *self)
{
  g_return_val_if_fail (HEARTH_IS_TIMELINE_ROW (self), NULL);

  return self->day_label;
}

void
hearth_timeline_row_set_day_label (HearthTimelineRow *self,
                                   const char        *day_label)
{
  g_return_if_fail (HEARTH_IS_TIMELINE_ROW (self));

  if (hearth_set_str (&self->day_label, day_label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY_LABEL]);
}

gboolean
hearth_timeline_row_get_show_sender (HearthTimelineRow *self)
{
  g_return_val_if_fail (HEARTH_IS_TIMELINE_ROW (self), FALSE);

  return self->show_sender;
}

void
hearth_timeline_row_set_show_sender (HearthTimelineRow *self,
                                     gboolean           show_sender)
{
  g_return_if_fail (HEARTH_IS_TIMELINE_ROW (self));

  show_sender = !!show_sender;
  if (self->show_sender == show_sender)
    return;

  self->show_sender = show_sender;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SENDER]);
}

gboolean
hearth_timeline_row_get_group_end (HearthTimelineRow *self)
{
  g_return_val_if_fail (HEARTH_IS_TIMELINE_ROW (self), FALSE);

  return self->group_end;
}

void
hearth_timeline_row_set_group_end (HearthTimelineRow *self,
                                   gboolean           group_end)
{
  g_return_if_fail (HEARTH_IS_TIMELINE_ROW (self));

  group_end = !!group_end;
  if (self->group_end == group_end)
    return;

  self->group_end = group_end;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_END]);
}

const char *
hearth_timeline_row_get_seen_label (HearthTimelineRow *self)
{
  g_return_val_if_fail (HEARTH_IS_TIMELINE_ROW (self), NULL);

  return self->seen_label;
}

void
hearth_timeline_row_set_seen_label (HearthTimelineRow *self,
                                    const char        *seen_label)
{
  g_return_if_fail (HEARTH_IS_TIMELINE_ROW (self));

  if (hearth_set_str (&self->seen_label, seen_label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEEN_LABEL]);
}

const char *
hearth_timeline_row_get_system_text (HearthTimelineRow *self)
{
  g_return_val_if_fail (HEARTH_IS_TIMELINE_ROW (self), NULL);

  return self->system_text;
}

void
hearth_timeline_row_set_system_text (HearthTimelineRow *self,
                                     const char        *system_text)
{
  g_return_if_fail (HEARTH_IS_TIMELINE_ROW (self));

  if (hearth_set_str (&self->system_text, system_text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYSTEM_TEXT]);
}
