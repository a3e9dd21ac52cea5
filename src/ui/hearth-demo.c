/* hearth-demo.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-connection.h"
#include "hearth-demo.h"
#include "hearth-enums.h"
#include "hearth-event-record.h"
#include "hearth-event.h"
#include "hearth-server.h"

struct _HearthDemo
{
  GObject                parent_instance;

  /* owned */
  HearthServer          *server;
  HearthConnection      *connection;
  GListStore            *events;
  char                  *url;
  char                  *error_message;

  HearthConnectionState  state;
  HearthFraming          framing;
};

G_DEFINE_FINAL_TYPE (HearthDemo, hearth_demo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_FRAMING,
  PROP_URL,
  PROP_ERROR_MESSAGE,
  PROP_EVENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hearth_demo_set_error_message (HearthDemo *self,
                               const char *error_message)
{
  g_assert (HEARTH_IS_DEMO (self));

  if (g_strcmp0 (self->error_message, error_message) == 0)
    return;

  g_free (self->error_message);
  self->error_message = g_strdup (error_message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
on_connection_state_cb (HearthDemo       *self,
                        GParamSpec       *pspec,
                        HearthConnection *connection)
{
  HearthConnectionState state;
  const GError *error;

  g_assert (HEARTH_IS_DEMO (self));
  g_assert (HEARTH_IS_CONNECTION (connection));

  state = hearth_connection_get_state (connection);
  error = hearth_connection_get_error (connection);

  /* The message first: a view reacting to "state" then reads the matching reason. */
  hearth_demo_set_error_message (self,
                                 state != HEARTH_CONNECTION_CONNECTED && error != NULL ?
                                 error->message : NULL);

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
on_connection_framing_cb (HearthDemo       *self,
                          GParamSpec       *pspec,
                          HearthConnection *connection)
{
  HearthFraming framing;

  g_assert (HEARTH_IS_DEMO (self));
  g_assert (HEARTH_IS_CONNECTION (connection));

  framing = hearth_connection_get_effective_framing (connection);

  if (self->framing != framing)
    {
      self->framing = framing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAMING]);
    }
}

static void
on_connection_event_cb (HearthDemo       *self,
                        HearthEvent      *event,
                        HearthConnection *connection)
{
  g_autoptr(HearthEventRecord) record = NULL;
  guint n_items;

  g_assert (HEARTH_IS_DEMO (self));
  g_assert (HEARTH_IS_EVENT (event));

  record = hearth_event_record_new (hearth_event_get_name (event),
                                    NULL,
                                    hearth_event_is_error (event));
  g_list_store_insert (self->events, 0, record);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  if (n_items > HEARTH_DEMO_MAX_EVENTS)
    g_list_store_splice (self->events,
                         HEARTH_DEMO_MAX_EVENTS,
                         n_items - HEARTH_DEMO_MAX_EVENTS,
                         NULL, 0);
}

static void
hearth_demo_dispose (GObject *object)
{
  HearthDemo *self = (HearthDemo *)object;

  hearth_demo_stop (self);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (hearth_demo_parent_class)->dispose (object);
}

static void
hearth_demo_finalize (GObject *object)
{
  HearthDemo *self = (HearthDemo *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (hearth_demo_parent_class)->finalize (object);
}

static void
hearth_demo_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HearthDemo *self = HEARTH_DEMO (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_FRAMING:
      g_value_set_enum (value, self->framing);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_EVENTS:
      g_value_set_object (value, self->events);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_demo_class_init (HearthDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_demo_dispose;
  object_class->finalize = hearth_demo_finalize;
  object_class->get_property = hearth_demo_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       HEARTH_TYPE_CONNECTION_STATE,
                       HEARTH_CONNECTION_DISCONNECTED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FRAMING] =
    g_param_spec_enum ("framing", NULL, NULL,
                       HEARTH_TYPE_FRAMING,
                       HEARTH_FRAMING_AUTO,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EVENTS] =
    g_param_spec_object ("events", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_demo_init (HearthDemo *self)
{
  self->events = g_list_store_new (HEARTH_TYPE_EVENT_RECORD);
  self->state = HEARTH_CONNECTION_DISCONNECTED;
  self->framing = HEARTH_FRAMING_AUTO;
}

HearthDemo *
hearth_demo_new (void)
{
  return g_object_new (HEARTH_TYPE_DEMO, NULL);
}

static gboolean
hearth_demo_start_server (HearthDemo  *self,
                          GError     **error)
{
  g_autoptr(HearthServer) server = hearth_server_new ();

  g_assert (HEARTH_IS_DEMO (self));

  if (!hearth_server_load_default_seed (server, error))
    return FALSE;

  if (hearth_server_get_default_user (server) == NULL)
    {
      g_set_error_literal (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_SEED,
                           _("the demo cast names no user to sign in as"));
      return FALSE;
    }

  if (!hearth_server_listen (server, 0, error))
    return FALSE;

  self->server = g_steal_pointer (&server);

  return TRUE;
}

gboolean
hearth_demo_start (HearthDemo  *self,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *token;

  g_return_val_if_fail (HEARTH_IS_DEMO (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  if (!hearth_demo_start_server (self, &local_error))
    {
      g_autofree char *message = g_strdup_printf (_("The demo server could not start: %s"),
                                                  local_error->message);

      g_warning ("%s", message);
      hearth_demo_set_error_message (self, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_free (self->url);
  self->url = hearth_server_dup_url (self->server);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);

  token = hearth_server_get_token (self->server, hearth_server_get_default_user (self->server));

  self->connection = hearth_connection_new (self->url, token);
  g_signal_connect_object (self->connection, "notify::state",
                           G_CALLBACK (on_connection_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "notify::effective-framing",
                           G_CALLBACK (on_connection_framing_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->connection, "event",
                           G_CALLBACK (on_connection_event_cb), self,
                           G_CONNECT_SWAPPED);

  g_debug ("Demo server listening on %s", self->url);

  hearth_connection_start (self->connection);

  return TRUE;
}

void
hearth_demo_stop (HearthDemo *self)
{
  g_return_if_fail (HEARTH_IS_DEMO (self));

  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      hearth_connection_stop (self->connection);
      g_clear_object (&self->connection);
    }

  if (self->server != NULL)
    {
      hearth_server_shutdown (self->server);
      g_clear_object (&self->server);
    }

  if (self->state != HEARTH_CONNECTION_STOPPED && self->state != HEARTH_CONNECTION_DISCONNECTED)
    {
      self->state = HEARTH_CONNECTION_STOPPED;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

HearthConnectionState
hearth_demo_get_state (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), HEARTH_CONNECTION_DISCONNECTED);

  return self->state;
}

HearthFraming
hearth_demo_get_framing (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), HEARTH_FRAMING_AUTO);

  return self->framing;
}

const char *
hearth_demo_get_url (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), NULL);

  return self->url;
}

const char *
hearth_demo_get_error_message (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), NULL);

  return self->error_message;
}

/**
 * hearth_demo_get_events:
 *
 * Returns: (transfer none): a #GListModel of #HearthEventRecord, newest first
 */
GListModel *
hearth_demo_get_events (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), NULL);

  return G_LIST_MODEL (self->events);
}

HearthConnection *
hearth_demo_get_connection (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), NULL);

  return self->connection;
}

HearthServer *
hearth_demo_get_server (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), NULL);

  return self->server;
}
