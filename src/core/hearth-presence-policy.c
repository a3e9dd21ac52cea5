/* hearth-presence-policy.c: when typing and read-receipt events go out
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-presence-policy"

#include "config.h"

#include "hearth-chat.h"
#include "hearth-connection.h"
#include "hearth-event.h"
#include "hearth-message.h"
#include "hearth-presence-policy.h"
#include "hearth-store.h"
#include "hearth-utils.h"

/* Rate limit of messages-read for one chat. */
typedef struct
{
  HearthPresencePolicy *policy;   /* borrowed */
  char                 *chat_id;
  gint64                last_us;  /* clock time of the last emission, 0: never */
  guint                 timer_id; /* a deferred emission */
} ReadState;

struct _HearthPresencePolicy
{
  GObject                  parent_instance;

  /* owned refs */
  HearthStore             *store;
  HearthConnection        *connection;
  HearthChat              *open_chat;       /* the store's object for open_chat_id */
  gulong                   message_added_id;
  gulong                   connection_state_id;
  gulong                   open_chat_unread_id;

  /* the view and the switches */
  char                    *open_chat_id;
  gboolean                 chat_at_bottom;
  gboolean                 window_active;
  gboolean                 send_typing;
  gboolean                 send_read_receipts;

  /* typing */
  char                    *typing_chat_id;  /* the chat I am typing in, NULL: not typing */
  gint64                   typing_started_us;
  guint                    typing_idle_id;

  /* read */
  GHashTable              *read_states;     /* chat id -> ReadState */

  /* timings */
  guint                    typing_refresh_ms;
  guint                    typing_idle_ms;
  guint                    read_interval_ms;
  HearthPresenceClockFunc  clock;
  gpointer                 clock_data;
};

G_DEFINE_FINAL_TYPE (HearthPresencePolicy, hearth_presence_policy, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SEND_TYPING,
  PROP_SEND_READ_RECEIPTS,
  PROP_OPEN_CHAT_ID,
  PROP_CHAT_AT_BOTTOM,
  PROP_WINDOW_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
policy_now (HearthPresencePolicy *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : g_get_monotonic_time ();
}

static gboolean
policy_is_attached (HearthPresencePolicy *self)
{
  return self->store != NULL && self->connection != NULL;
}

/* Emitting (never queued). */

static void
policy_emit (HearthPresencePolicy *self,
             HearthEventKind       kind,
             const char           *chat_id)
{
  g_autoptr(HearthEvent) event = NULL;
  g_autoptr(GError) error = NULL;

  if (self->connection == NULL ||
      hearth_connection_get_state (self->connection) != HEARTH_CONNECTION_CONNECTED)
    {
      g_debug ("Offline: not sending %s", hearth_event_kind_to_name (kind));
      return;
    }

  event = hearth_event_new_emitted (kind, chat_id);
  if (!hearth_connection_emit (self->connection, event, &error))
    g_debug ("Could not send %s: %s", hearth_event_kind_to_name (kind), error->message);
}

/* Typing. */

static void
policy_typing_stop (HearthPresencePolicy *self,
                    gboolean              emit)
{
  g_autofree char *chat_id = NULL;

  g_clear_handle_id (&self->typing_idle_id, g_source_remove);

  if (self->typing_chat_id == NULL)
    return;

  chat_id = g_steal_pointer (&self->typing_chat_id);
  self->typing_started_us = 0;

  if (emit)
    policy_emit (self, HEARTH_EVENT_TYPING_STOPPED, chat_id);
}

static gboolean
typing_idle_cb (gpointer user_data)
{
  HearthPresencePolicy *self = user_data;

  self->typing_idle_id = 0;
  policy_typing_stop (self, TRUE);

  return G_SOURCE_REMOVE;
}

/* Read. */

static void
read_state_free (ReadState *rs)
{
  g_clear_handle_id (&rs->timer_id, g_source_remove);
  g_free (rs->chat_id);
  g_free (rs);
}

static gboolean
read_state_timer_cb (gpointer user_data)
{
  ReadState *rs = user_data;

  rs->timer_id = 0;
  rs->last_us = policy_now (rs->policy);
  policy_emit (rs->policy, HEARTH_EVENT_MESSAGES_READ, rs->chat_id);

  return G_SOURCE_REMOVE;
}

static void
policy_emit_read_limited (HearthPresencePolicy *self,
                          const char           *chat_id)
{
  gint64 interval_us = (gint64) self->read_interval_ms * 1000;
  gint64 now = policy_now (self);
  ReadState *rs = g_hash_table_lookup (self->read_states, chat_id);

  if (rs == NULL)
    {
      rs = g_new0 (ReadState, 1);
      rs->policy = self;
      rs->chat_id = g_strdup (chat_id);
      g_hash_table_insert (self->read_states, rs->chat_id, rs);
    }

  /* A deferred one is coming: it covers this read too. */
  if (rs->timer_id != 0)
    return;

  if (rs->last_us == 0 || now - rs->last_us >= interval_us)
    {
      rs->last_us = now;
      policy_emit (self, HEARTH_EVENT_MESSAGES_READ, chat_id);
    }
  else
    {
      guint delay_ms = (guint) ((rs->last_us + interval_us - now + 999) / 1000);

      rs->timer_id = g_timeout_add (MAX (delay_ms, 1), read_state_timer_cb, rs);
    }
}

static void policy_read_check (HearthPresencePolicy *self,
                               gboolean              new_message);

static void
on_open_chat_unread_cb (HearthPresencePolicy *self)
{
  if (self->open_chat != NULL && hearth_chat_get_unread (self->open_chat) > 0)
    policy_read_check (self, FALSE);
}

static void
policy_untrack_open_chat (HearthPresencePolicy *self)
{
  if (self->open_chat != NULL)
    g_clear_signal_handler (&self->open_chat_unread_id, self->open_chat);
  g_clear_object (&self->open_chat);
}

/* Follows the store's object for the open chat (it may appear with a resync). */
static void
policy_track_open_chat (HearthPresencePolicy *self)
{
  HearthChat *chat = NULL;

  if (self->store != NULL && self->open_chat_id != NULL)
    chat = hearth_store_lookup_chat (self->store, self->open_chat_id);

  if (chat == self->open_chat)
    return;

  policy_untrack_open_chat (self);
  if (chat != NULL)
    {
      self->open_chat = g_object_ref (chat);
      self->open_chat_unread_id = g_signal_connect_swapped (chat, "notify::unread",
                                                            G_CALLBACK (on_open_chat_unread_cb),
                                                            self);
    }
}

static gboolean
policy_is_looking (HearthPresencePolicy *self)
{
  return self->window_active && self->chat_at_bottom && self->open_chat_id != NULL;
}

static void
policy_read_check (HearthPresencePolicy *self,
                   gboolean              new_message)
{
  if (!policy_is_attached (self))
    return;

  policy_track_open_chat (self);

  if (!policy_is_looking (self) || self->open_chat == NULL)
    return;

  if (!new_message && hearth_chat_get_unread (self->open_chat) == 0)
    return;

  hearth_store_mark_read_locally (self->store, self->open_chat_id);

  if (self->send_read_receipts)
    policy_emit_read_limited (self, self->open_chat_id);
}

static void
policy_sync_store_view (HearthPresencePolicy *self)
{
  if (self->store == NULL)
    return;

  hearth_store_set_open_chat_id (self->store, self->open_chat_id);
  hearth_store_set_focused (self->store, policy_is_looking (self));
}

/* Forgets what was typed and read, without emitting anything. */
static void
policy_forget (HearthPresencePolicy *self)
{
  policy_typing_stop (self, FALSE);
  g_hash_table_remove_all (self->read_states);
}

/* Signals of the store and the connection. */

static void
on_message_added_cb (HearthStore          *store,
                     HearthMessage        *message,
                     gboolean              mine,
                     HearthPresencePolicy *self)
{
  if (!mine && self->open_chat_id != NULL &&
      g_strcmp0 (hearth_message_get_chat_id (message), self->open_chat_id) == 0)
    policy_read_check (self, TRUE);
}

static void
on_connection_state_cb (HearthPresencePolicy *self)
{
  /* The server forgot my typing state with the link: start again with the next keystroke. */
  policy_typing_stop (self, FALSE);
}

/* GObject. */

static void
hearth_presence_policy_dispose (GObject *object)
{
  HearthPresencePolicy *self = (HearthPresencePolicy *)object;

  hearth_presence_policy_set_connection (self, NULL);
  hearth_presence_policy_set_store (self, NULL);
  policy_forget (self);

  G_OBJECT_CLASS (hearth_presence_policy_parent_class)->dispose (object);
}

static void
hearth_presence_policy_finalize (GObject *object)
{
  HearthPresencePolicy *self = (HearthPresencePolicy *)object;

  g_clear_pointer (&self->read_states, g_hash_table_unref);
  g_free (self->open_chat_id);
  g_free (self->typing_chat_id);

  G_OBJECT_CLASS (hearth_presence_policy_parent_class)->finalize (object);
}

static void
hearth_presence_policy_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  HearthPresencePolicy *self = HEARTH_PRESENCE_POLICY (object);

  switch (prop_id)
    {
    case PROP_SEND_TYPING:
      g_value_set_boolean (value, self->send_typing);
      break;

    case PROP_SEND_READ_RECEIPTS:
      g_value_set_boolean (value, self->send_read_receipts);
      break;

    case PROP_OPEN_CHAT_ID:
      g_value_set_string (value, self->open_chat_id);
      break;

    case PROP_CHAT_AT_BOTTOM:
      g_value_set_boolean (value, self->chat_at_bottom);
      break;

    case PROP_WINDOW_ACTIVE:
      g_value_set_boolean (value, self->window_active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_presence_policy_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  HearthPresencePolicy *self = HEARTH_PRESENCE_POLICY (object);

  switch (prop_id)
    {
    case PROP_SEND_TYPING:
      hearth_presence_policy_set_send_typing (self, g_value_get_boolean (value));
      break;

    case PROP_SEND_READ_RECEIPTS:
      hearth_presence_policy_set_send_read_receipts (self, g_value_get_boolean (value));
      break;

    case PROP_OPEN_CHAT_ID:
      hearth_presence_policy_set_open_chat_id (self, g_value_get_string (value));
      break;

    case PROP_CHAT_AT_BOTTOM:
      hearth_presence_policy_set_chat_at_bottom (self, g_value_get_boolean (value));
      break;

    case PROP_WINDOW_ACTIVE:
      hearth_presence_policy_set_window_active (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The properties, in the order of the enum (from PROP_0 + 1 on). */
static void
policy_make_param_specs (GParamSpec **pspecs)
{
  pspecs[PROP_SEND_TYPING - 1] =
    g_param_spec_boolean ("send-typing", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_SEND_READ_RECEIPTS - 1] =
    g_param_spec_boolean ("send-read-receipts", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_OPEN_CHAT_ID - 1] =
    g_param_spec_string ("open-chat-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_CHAT_AT_BOTTOM - 1] =
    g_param_spec_boolean ("chat-at-bottom", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  pspecs[PROP_WINDOW_ACTIVE - 1] =
    g_param_spec_boolean ("window-active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
hearth_presence_policy_class_init (HearthPresencePolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_presence_policy_dispose;
  object_class->finalize = hearth_presence_policy_finalize;
  object_class->get_property = hearth_presence_policy_get_property;
  object_class->set_property = hearth_presence_policy_set_property;

  policy_make_param_specs (&properties[1]);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_presence_policy_init (HearthPresencePolicy *self)
{
  self->read_states = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) read_state_free);
  self->send_typing = TRUE;
  self->send_read_receipts = TRUE;
  self->chat_at_bottom = TRUE;
  self->typing_refresh_ms = HEARTH_PRESENCE_POLICY_TYPING_REFRESH_MS;
  self->typing_idle_ms = HEARTH_PRESENCE_POLICY_TYPING_IDLE_MS;
  self->read_interval_ms = HEARTH_PRESENCE_POLICY_READ_INTERVAL_MS;
}

/* Public API. */

HearthPresencePolicy *
hearth_presence_policy_new (void)
{
  return g_object_new (HEARTH_TYPE_PRESENCE_POLICY, NULL);
}

guint
hearth_presence_policy_install_properties (GObjectClass *object_class,
                                           guint         first_prop_id)
{
  GParamSpec *pspecs[N_PROPS - 1];

  g_return_val_if_fail (G_IS_OBJECT_CLASS (object_class), 0);
  g_return_val_if_fail (first_prop_id > 0, 0);

  policy_make_param_specs (pspecs);
  for (guint i = 0; i < G_N_ELEMENTS (pspecs); i++)
    g_object_class_install_property (object_class, first_prop_id + i, pspecs[i]);

  return first_prop_id + G_N_ELEMENTS (pspecs);
}

void
hearth_presence_policy_delegate_get_property (HearthPresencePolicy *self,
                                              GParamSpec           *pspec,
                                              GValue               *value)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  g_object_get_property (G_OBJECT (self), pspec->name, value);
}

void
hearth_presence_policy_delegate_set_property (HearthPresencePolicy *self,
                                              GParamSpec           *pspec,
                                              const GValue         *value)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  g_object_set_property (G_OBJECT (self), pspec->name, value);
}

HearthStore *
hearth_presence_policy_get_store (HearthPresencePolicy *self)
{
  g_return_val_if_fail (HEARTH_IS_PRESENCE_POLICY (self), NULL);

  return self->store;
}

void
hearth_presence_policy_set_store (HearthPresencePolicy *self,
                                  HearthStore          *store)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));
  g_return_if_fail (store == NULL || HEARTH_IS_STORE (store));

  if (self->store == store)
    return;

  policy_untrack_open_chat (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->message_added_id, self->store);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      self->message_added_id = g_signal_connect (store, "message-added",
                                                 G_CALLBACK (on_message_added_cb), self);
      policy_sync_store_view (self);
    }
}

HearthConnection *
hearth_presence_policy_get_connection (HearthPresencePolicy *self)
{
  g_return_val_if_fail (HEARTH_IS_PRESENCE_POLICY (self), NULL);

  return self->connection;
}

void
hearth_presence_policy_set_connection (HearthPresencePolicy *self,
                                       HearthConnection     *connection)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));
  g_return_if_fail (connection == NULL || HEARTH_IS_CONNECTION (connection));

  if (self->connection == connection)
    return;

  policy_forget (self);
  if (self->connection != NULL)
    g_clear_signal_handler (&self->connection_state_id, self->connection);
  g_set_object (&self->connection, connection);

  if (connection != NULL)
    self->connection_state_id = g_signal_connect_swapped (connection, "notify::state",
                                                          G_CALLBACK (on_connection_state_cb),
                                                          self);
}

void
hearth_presence_policy_set_intervals (HearthPresencePolicy *self,
                                      guint                 typing_refresh_ms,
                                      guint                 typing_idle_ms,
                                      guint                 read_interval_ms)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  if (typing_refresh_ms > 0)
    self->typing_refresh_ms = typing_refresh_ms;
  if (typing_idle_ms > 0)
    self->typing_idle_ms = typing_idle_ms;
  if (read_interval_ms > 0)
    self->read_interval_ms = read_interval_ms;
}

void
hearth_presence_policy_set_clock (HearthPresencePolicy    *self,
                                  HearthPresenceClockFunc  clock,
                                  gpointer                 user_data)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  self->clock = clock;
  self->clock_data = clock != NULL ? user_data : NULL;
}

void
hearth_presence_policy_composer_changed (HearthPresencePolicy *self,
                                         const char           *chat_id)
{
  gint64 now;

  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));
  g_return_if_fail (chat_id != NULL);

  if (!self->send_typing || !policy_is_attached (self))
    return;

  now = policy_now (self);

  /* Typing in another chat ends typing in the previous one. */
  if (self->typing_chat_id != NULL && g_strcmp0 (self->typing_chat_id, chat_id) != 0)
    policy_typing_stop (self, TRUE);

  if (self->typing_chat_id == NULL ||
      now - self->typing_started_us >= (gint64) self->typing_refresh_ms * 1000)
    {
      hearth_set_str (&self->typing_chat_id, chat_id);
      self->typing_started_us = now;
      policy_emit (self, HEARTH_EVENT_TYPING_STARTED, chat_id);
    }

  g_clear_handle_id (&self->typing_idle_id, g_source_remove);
  self->typing_idle_id = g_timeout_add (self->typing_idle_ms, typing_idle_cb, self);
}

void
hearth_presence_policy_stop_typing (HearthPresencePolicy *self)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  policy_typing_stop (self, TRUE);
}

void
hearth_presence_policy_check_read (HearthPresencePolicy *self)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  policy_read_check (self, FALSE);
}

void
hearth_presence_policy_set_view (HearthPresencePolicy *self,
                                 const char           *open_chat_id,
                                 gboolean              at_bottom,
                                 gboolean              window_active)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->open_chat_id, open_chat_id) != 0)
    {
      /* Typing ends on a switch to another chat. */
      if (self->typing_chat_id != NULL && g_strcmp0 (self->typing_chat_id, open_chat_id) != 0)
        policy_typing_stop (self, TRUE);

      hearth_set_str (&self->open_chat_id, open_chat_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPEN_CHAT_ID]);
    }

  at_bottom = !!at_bottom;
  if (self->chat_at_bottom != at_bottom)
    {
      self->chat_at_bottom = at_bottom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHAT_AT_BOTTOM]);
    }

  window_active = !!window_active;
  if (self->window_active != window_active)
    {
      self->window_active = window_active;
      /* ... and on window blur. */
      if (!window_active)
        policy_typing_stop (self, TRUE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WINDOW_ACTIVE]);
    }

  policy_sync_store_view (self);
  policy_read_check (self, FALSE);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
hearth_presence_policy_get_open_chat_id (HearthPresencePolicy *self)
{
  g_return_val_if_fail (HEARTH_IS_PRESENCE_POLICY (self), NULL);

  return self->open_chat_id;
}

void
hearth_presence_policy_set_open_chat_id (HearthPresencePolicy *self,
                                         const char           *chat_id)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  hearth_presence_policy_set_view (self, chat_id, self->chat_at_bottom, self->window_active);
}

gboolean
hearth_presence_policy_get_chat_at_bottom (HearthPresencePolicy *self)
{
  g_return_val_if_fail (HEARTH_IS_PRESENCE_POLICY (self), FALSE);

  return self->chat_at_bottom;
}

void
hearth_presence_policy_set_chat_at_bottom (HearthPresencePolicy *self,
                                           gboolean              at_bottom)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  hearth_presence_policy_set_view (self, self->open_chat_id, at_bottom, self->window_active);
}

gboolean
hearth_presence_policy_get_window_active (HearthPresencePolicy *self)
{
  g_return_val_if_fail (HEARTH_IS_PRESENCE_POLICY (self), FALSE);

  return self->window_active;
}

void
hearth_presence_policy_set_window_active (HearthPresencePolicy *self,
                                          gboolean              active)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  hearth_presence_policy_set_view (self, self->open_chat_id, self->chat_at_bottom, active);
}

gboolean
hearth_presence_policy_get_send_typing (HearthPresencePolicy *self)
{
  g_return_val_if_fail (HEARTH_IS_PRESENCE_POLICY (self), FALSE);

  return self->send_typing;
}

void
hearth_presence_policy_set_send_typing (HearthPresencePolicy *self,
                                        gboolean              send_typing)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  send_typing = !!send_typing;
  if (self->send_typing == send_typing)
    return;

  self->send_typing = send_typing;
  if (!send_typing)
    policy_typing_stop (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_TYPING]);
}

gboolean
hearth_presence_policy_get_send_read_receipts (HearthPresencePolicy *self)
{
  g_return_val_if_fail (HEARTH_IS_PRESENCE_POLICY (self), FALSE);

  return self->send_read_receipts;
}

void
hearth_presence_policy_set_send_read_receipts (HearthPresencePolicy *self,
                                               gboolean              send)
{
  g_return_if_fail (HEARTH_IS_PRESENCE_POLICY (self));

  send = !!send;
  if (self->send_read_receipts == send)
    return;

  self->send_read_receipts = send;
  if (!send)
    g_hash_table_remove_all (self->read_states);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_READ_RECEIPTS]);
}
