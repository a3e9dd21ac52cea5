/* hearth-event-record.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-event-record"

#include "config.h"

#include "hearth-event-record.h"

struct _HearthEventRecord
{
  GObject    parent_instance;

  char      *name;
  GDateTime *received_at;
  char      *time_label;
  gboolean   is_error;
};

G_DEFINE_FINAL_TYPE (HearthEventRecord, hearth_event_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_RECEIVED_AT,
  PROP_TIME_LABEL,
  PROP_IS_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hearth_event_record_constructed (GObject *object)
{
  HearthEventRecord *self = (HearthEventRecord *)object;
  g_autoptr(GDateTime) local = NULL;

  G_OBJECT_CLASS (hearth_event_record_parent_class)->constructed (object);

  if (self->received_at == NULL)
    self->received_at = g_date_time_new_now_utc ();

  local = g_date_time_to_local (self->received_at);
  self->time_label = g_date_time_format (local, "%H:%M:%S");
}

static void
hearth_event_record_finalize (GObject *object)
{
  HearthEventRecord *self = (HearthEventRecord *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->received_at, g_date_time_unref);
  g_clear_pointer (&self->time_label, g_free);

  G_OBJECT_CLASS (hearth_event_record_parent_class)->finalize (object);
}

static void
hearth_event_record_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HearthEventRecord *self = HEARTH_EVENT_RECORD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_RECEIVED_AT:
      g_value_set_boxed (value, self->received_at);
      break;

    case PROP_TIME_LABEL:
      g_value_set_string (value, self->time_label);
      break;

    case PROP_IS_ERROR:
      g_value_set_boolean (value, self->is_error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_event_record_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HearthEventRecord *self = HEARTH_EVENT_RECORD (object);

  /* All construct-only: set once, before anyone can listen. */
  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_RECEIVED_AT:
      self->received_at = g_value_dup_boxed (value);
      break;

    case PROP_IS_ERROR:
      self->is_error = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_event_record_class_init (HearthEventRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_event_record_constructed;
  object_class->finalize = hearth_event_record_finalize;
  object_class->get_property = hearth_event_record_get_property;
  object_class->set_property = hearth_event_record_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_RECEIVED_AT] =
    g_param_spec_boxed ("received-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIME_LABEL] =
    g_param_spec_string ("time-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IS_ERROR] =
    g_param_spec_boolean ("is-error", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_event_record_init (HearthEventRecord *self)
{
}

/**
 * hearth_event_record_new:
 * @name: the event name
 * @received_at: (nullable): when it arrived; %NULL for now
 * @is_error: whether it is one of the contract's error events
 *
 * Returns: (transfer full): a new #HearthEventRecord
 */
HearthEventRecord *
hearth_event_record_new (const char *name,
                         GDateTime  *received_at,
                         gboolean    is_error)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (HEARTH_TYPE_EVENT_RECORD,
                       "name", name,
                       "received-at", received_at,
                       "is-error", is_error,
                       NULL);
}

const char *
hearth_event_record_get_name (HearthEventRecord *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT_RECORD (self), NULL);

  return self->name;
}

GDateTime *
hearth_event_record_get_received_at (HearthEventRecord *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT_RECORD (self), NULL);

  return self->received_at;
}

const char *
hearth_event_record_get_time_label (HearthEventRecord *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT_RECORD (self), NULL);

  return self->time_label;
}

gboolean
hearth_event_record_get_is_error (HearthEventRecord *self)
{
  g_return_val_if_fail (HEARTH_IS_EVENT_RECORD (self), FALSE);

  return self->is_error;
}
