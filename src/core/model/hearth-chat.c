/* hearth-chat.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-chat"

#include "config.h"

#include "hearth-utils.h"

#include "hearth-chat.h"
#include "hearth-message.h"
#include "hearth-user.h"

struct _HearthChat
{
  GObject        parent_instance;

  char          *id;
  char          *name;
  char          *me_id;
  char          *title;          /* cached, recomputed when an input changes */
  GDateTime     *created_at;
  guint          unread;
  guint          left : 1;
  guint          is_group : 1;   /* cached, to notify only on change */

  /* owned refs */
  HearthUser    *admin;
  HearthMessage *last_message;
  gulong         last_message_at_id;  /* "notify::at" of last_message */
  GListStore    *participants;   /* HearthUser, server order */
  GListStore    *typing_users;   /* HearthUser */
  GHashTable    *last_read_at;   /* user id (owned) -> GDateTime (owned) */
};

G_DEFINE_FINAL_TYPE (HearthChat, hearth_chat, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ME_ID,
  PROP_TITLE,
  PROP_ADMIN,
  PROP_LAST_MESSAGE,
  PROP_LAST_ACTIVITY,
  PROP_CREATED_AT,
  PROP_UNREAD,
  PROP_LEFT,
  PROP_IS_GROUP,
  PROP_PARTICIPANTS,
  PROP_TYPING_USERS,
  N_PROPS
};

enum {
  READ_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
date_time_equal0 (GDateTime *a,
                  GDateTime *b)
{
  if (a == b)
    return TRUE;

  if (a == NULL || b == NULL)
    return FALSE;

  return g_date_time_equal (a, b);
}

static char *
hearth_chat_compute_title (HearthChat *self)
{
  g_autoptr(GString) str = NULL;
  guint n;

  if (self->name != NULL && self->name[0] != '\0')
    return g_strdup (self->name);

  str = g_string_new (NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthUser) user = g_list_model_get_item (G_LIST_MODEL (self->participants), i);
      const char *display_name;

      if (self->me_id != NULL && g_strcmp0 (hearth_user_get_id (user), self->me_id) == 0)
        continue;

      display_name = hearth_user_get_display_name (user);
      if (display_name == NULL || display_name[0] == '\0')
        continue;

      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, display_name);
    }

  if (str->len == 0)
    return g_strdup (self->id != NULL ? self->id : "");

  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* Recomputes the derived "title" and "is-group", notifying only what changed. */
static void
hearth_chat_update_derived (HearthChat *self)
{
  g_autofree char *title = NULL;
  gboolean is_group;

  g_assert (HEARTH_IS_CHAT (self));

  title = hearth_chat_compute_title (self);
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }

  is_group = (self->name != NULL && self->name[0] != '\0') ||
             g_list_model_get_n_items (G_LIST_MODEL (self->participants)) > 2;
  if ((guint) is_group != self->is_group)
    {
      self->is_group = is_group;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_GROUP]);
    }
}

static void
participant_notify_cb (HearthChat *self,
                       GParamSpec *pspec,
                       HearthUser *user)
{
  g_assert (HEARTH_IS_CHAT (self));
  g_assert (HEARTH_IS_USER (user));

  hearth_chat_update_derived (self);
}

static void
hearth_chat_watch_participant (HearthChat *self,
                               HearthUser *user)
{
  g_signal_connect_swapped (user, "notify::name", G_CALLBACK (participant_notify_cb), self);
  g_signal_connect_swapped (user, "notify::username", G_CALLBACK (participant_notify_cb), self);
}

static void
hearth_chat_unwatch_participant (HearthChat *self,
                                 HearthUser *user)
{
  g_signal_handlers_disconnect_by_func (user, participant_notify_cb, self);
}

static void
last_message_notify_at_cb (HearthChat    *self,
                           GParamSpec    *pspec,
                           HearthMessage *message)
{
  g_assert (HEARTH_IS_CHAT (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ACTIVITY]);
}

static gboolean
find_user_by_id (HearthUser *user,
                 const char *user_id)
{
  return g_strcmp0 (hearth_user_get_id (user), user_id) == 0;
}

static gboolean
hearth_chat_store_find (GListStore *store,
                        const char *user_id,
                        guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthUser) user = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (find_user_by_id (user, user_id))
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
hearth_chat_dispose (GObject *object)
{
  HearthChat *self = (HearthChat *)object;

  if (self->participants != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HearthUser) user = g_list_model_get_item (G_LIST_MODEL (self->participants), i);

          hearth_chat_unwatch_participant (self, user);
        }
    }

  if (self->last_message != NULL)
    g_clear_signal_handler (&self->last_message_at_id, self->last_message);

  g_clear_object (&self->participants);
  g_clear_object (&self->typing_users);
  g_clear_object (&self->admin);
  g_clear_object (&self->last_message);

  G_OBJECT_CLASS (hearth_chat_parent_class)->dispose (object);
}

static void
hearth_chat_finalize (GObject *object)
{
  HearthChat *self = (HearthChat *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->me_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->last_read_at, g_hash_table_unref);

  G_OBJECT_CLASS (hearth_chat_parent_class)->finalize (object);
}

static void
hearth_chat_constructed (GObject *object)
{
  HearthChat *self = (HearthChat *)object;

  G_OBJECT_CLASS (hearth_chat_parent_class)->constructed (object);

  /* The title falls back to the id, which is only known now. */
  g_free (self->title);
  self->title = hearth_chat_compute_title (self);
}

static void
hearth_chat_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HearthChat *self = HEARTH_CHAT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ME_ID:
      g_value_set_string (value, self->me_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, hearth_chat_get_title (self));
      break;

    case PROP_ADMIN:
      g_value_set_object (value, self->admin);
      break;

    case PROP_LAST_MESSAGE:
      g_value_set_object (value, self->last_message);
      break;

    case PROP_LAST_ACTIVITY:
      g_value_set_boxed (value, hearth_chat_get_last_activity (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UNREAD:
      g_value_set_uint (value, self->unread);
      break;

    case PROP_LEFT:
      g_value_set_boolean (value, self->left);
      break;

    case PROP_IS_GROUP:
      g_value_set_boolean (value, self->is_group);
      break;

    case PROP_PARTICIPANTS:
      g_value_set_object (value, self->participants);
      break;

    case PROP_TYPING_USERS:
      g_value_set_object (value, self->typing_users);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_chat_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HearthChat *self = HEARTH_CHAT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      hearth_chat_set_name (self, g_value_get_string (value));
      break;

    case PROP_ME_ID:
      hearth_chat_set_me_id (self, g_value_get_string (value));
      break;

    case PROP_ADMIN:
      hearth_chat_set_admin (self, g_value_get_object (value));
      break;

    case PROP_LAST_MESSAGE:
      hearth_chat_set_last_message (self, g_value_get_object (value));
      break;

    case PROP_CREATED_AT:
      hearth_chat_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UNREAD:
      hearth_chat_set_unread (self, g_value_get_uint (value));
      break;

    case PROP_LEFT:
      hearth_chat_set_left (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_chat_class_init (HearthChatClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_chat_constructed;
  object_class->dispose = hearth_chat_dispose;
  object_class->finalize = hearth_chat_finalize;
  object_class->get_property = hearth_chat_get_property;
  object_class->set_property = hearth_chat_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ME_ID] =
    g_param_spec_string ("me-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ADMIN] =
    g_param_spec_object ("admin", NULL, NULL,
                         HEARTH_TYPE_USER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_MESSAGE] =
    g_param_spec_object ("last-message", NULL, NULL,
                         HEARTH_TYPE_MESSAGE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_ACTIVITY] =
    g_param_spec_boxed ("last-activity", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UNREAD] =
    g_param_spec_uint ("unread", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LEFT] =
    g_param_spec_boolean ("left", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IS_GROUP] =
    g_param_spec_boolean ("is-group", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PARTICIPANTS] =
    g_param_spec_object ("participants", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TYPING_USERS] =
    g_param_spec_object ("typing-users", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthChat::read-changed:
   * @self: the chat
   * @user_id: the participant whose read time moved forward
   */
  signals[READ_CHANGED] =
    g_signal_new ("read-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
hearth_chat_init (HearthChat *self)
{
  self->participants = g_list_store_new (HEARTH_TYPE_USER);
  self->typing_users = g_list_store_new (HEARTH_TYPE_USER);
  self->last_read_at = g_hash_table_new_full (g_str_hash, g_str_equal,
                                              g_free, (GDestroyNotify) g_date_time_unref);
}

HearthChat *
hearth_chat_new (const char *id)
{
  return g_object_new (HEARTH_TYPE_CHAT,
                       "id", id,
                       NULL);
}

const char *
hearth_chat_get_id (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  return self->id;
}

const char *
hearth_chat_get_name (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  return self->name;
}

void
hearth_chat_set_name (HearthChat *self,
                      const char *name)
{
  g_return_if_fail (HEARTH_IS_CHAT (self));

  if (!hearth_set_str (&self->name, name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  hearth_chat_update_derived (self);
}

const char *
hearth_chat_get_me_id (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  return self->me_id;
}

void
hearth_chat_set_me_id (HearthChat *self,
                       const char *me_id)
{
  g_return_if_fail (HEARTH_IS_CHAT (self));

  if (!hearth_set_str (&self->me_id, me_id))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ME_ID]);
  hearth_chat_update_derived (self);
}

const char *
hearth_chat_get_title (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  return self->title != NULL ? self->title : "";
}

HearthUser *
hearth_chat_get_admin (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  return self->admin;
}

void
hearth_chat_set_admin (HearthChat *self,
                       HearthUser *admin)
{
  g_return_if_fail (HEARTH_IS_CHAT (self));
  g_return_if_fail (admin == NULL || HEARTH_IS_USER (admin));

  if (g_set_object (&self->admin, admin))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADMIN]);
}

HearthMessage *
hearth_chat_get_last_message (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  return self->last_message;
}

void
hearth_chat_set_last_message (HearthChat    *self,
                              HearthMessage *message)
{
  g_autoptr(GDateTime) old_activity = NULL;
  GDateTime *activity;

  g_return_if_fail (HEARTH_IS_CHAT (self));
  g_return_if_fail (message == NULL || HEARTH_IS_MESSAGE (message));

  if (self->last_message == message)
    return;

  old_activity = hearth_chat_get_last_activity (self);
  if (old_activity != NULL)
    g_date_time_ref (old_activity);

  if (self->last_message != NULL)
    g_clear_signal_handler (&self->last_message_at_id, self->last_message);

  g_set_object (&self->last_message, message);

  /* By id: disconnecting by function walks every handler, once per incoming message. */
  if (self->last_message != NULL)
    self->last_message_at_id = g_signal_connect_swapped (self->last_message, "notify::at",
                                                         G_CALLBACK (last_message_notify_at_cb),
                                                         self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_MESSAGE]);

  activity = hearth_chat_get_last_activity (self);
  if (!date_time_equal0 (old_activity, activity))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ACTIVITY]);
}

GDateTime *
hearth_chat_get_last_activity (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  if (self->last_message != NULL && hearth_message_get_at (self->last_message) != NULL)
    return hearth_message_get_at (self->last_message);

  return self->created_at;
}

GDateTime *
hearth_chat_get_created_at (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  return self->created_at;
}

void
hearth_chat_set_created_at (HearthChat *self,
                            GDateTime  *created_at)
{
  g_autoptr(GDateTime) old_activity = NULL;

  g_return_if_fail (HEARTH_IS_CHAT (self));

  if (date_time_equal0 (self->created_at, created_at))
    return;

  old_activity = hearth_chat_get_last_activity (self);
  if (old_activity != NULL)
    g_date_time_ref (old_activity);

  g_clear_pointer (&self->created_at, g_date_time_unref);
  if (created_at != NULL)
    self->created_at = g_date_time_ref (created_at);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);

  if (!date_time_equal0 (old_activity, hearth_chat_get_last_activity (self)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ACTIVITY]);
}

guint
hearth_chat_get_unread (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), 0);

  return self->unread;
}

void
hearth_chat_set_unread (HearthChat *self,
                        guint       unread)
{
  g_return_if_fail (HEARTH_IS_CHAT (self));

  if (self->unread == unread)
    return;

  self->unread = unread;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNREAD]);
}

gboolean
hearth_chat_get_left (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), FALSE);

  return self->left;
}

void
hearth_chat_set_left (HearthChat *self,
                      gboolean    left)
{
  g_return_if_fail (HEARTH_IS_CHAT (self));

  left = !!left;

  if (self->left == (guint) left)
    return;

  self->left = left;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEFT]);
}

gboolean
hearth_chat_get_is_group (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), FALSE);

  return self->is_group;
}

GListModel *
hearth_chat_get_participants (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  return G_LIST_MODEL (self->participants);
}

void
hearth_chat_set_participants (HearthChat        *self,
                              HearthUser * const *users,
                              guint              n_users)
{
  guint n_old;
  gboolean same;

  g_return_if_fail (HEARTH_IS_CHAT (self));
  g_return_if_fail (users != NULL || n_users == 0);

  for (guint i = 0; i < n_users; i++)
    g_return_if_fail (HEARTH_IS_USER (users[i]));

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  same = n_old == n_users;

  for (guint i = 0; same && i < n_users; i++)
    {
      g_autoptr(HearthUser) old = g_list_model_get_item (G_LIST_MODEL (self->participants), i);

      same = g_strcmp0 (hearth_user_get_id (old), hearth_user_get_id (users[i])) == 0;
    }

  if (same)
    return;

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(HearthUser) old = g_list_model_get_item (G_LIST_MODEL (self->participants), i);

      hearth_chat_unwatch_participant (self, old);
    }

  for (guint i = 0; i < n_users; i++)
    hearth_chat_watch_participant (self, users[i]);

  g_list_store_splice (self->participants, 0, n_old, (gpointer *) users, n_users);

  hearth_chat_update_derived (self);
}

gboolean
hearth_chat_add_participant (HearthChat *self,
                             HearthUser *user)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), FALSE);
  g_return_val_if_fail (HEARTH_IS_USER (user), FALSE);

  if (hearth_chat_store_find (self->participants, hearth_user_get_id (user), NULL))
    return FALSE;

  hearth_chat_watch_participant (self, user);
  g_list_store_append (self->participants, user);
  hearth_chat_update_derived (self);

  return TRUE;
}

gboolean
hearth_chat_remove_participant (HearthChat *self,
                                const char *user_id)
{
  g_autoptr(HearthUser) user = NULL;
  guint position;

  g_return_val_if_fail (HEARTH_IS_CHAT (self), FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);

  if (!hearth_chat_store_find (self->participants, user_id, &position))
    return FALSE;

  user = g_list_model_get_item (G_LIST_MODEL (self->participants), position);
  hearth_chat_unwatch_participant (self, user);
  g_list_store_remove (self->participants, position);
  hearth_chat_update_derived (self);

  return TRUE;
}

HearthUser *
hearth_chat_find_participant (HearthChat *self,
                              const char *user_id)
{
  g_autoptr(HearthUser) user = NULL;
  guint position;

  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  if (!hearth_chat_store_find (self->participants, user_id, &position))
    return NULL;

  /* The store keeps its own reference: hand out a borrowed pointer. */
  user = g_list_model_get_item (G_LIST_MODEL (self->participants), position);
  return user;
}

GDateTime *
hearth_chat_get_last_read_at (HearthChat *self,
                              const char *user_id)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  return g_hash_table_lookup (self->last_read_at, user_id);
}

gboolean
hearth_chat_set_last_read_at (HearthChat *self,
                              const char *user_id,
                              GDateTime  *at)
{
  GDateTime *old;

  g_return_val_if_fail (HEARTH_IS_CHAT (self), FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  old = g_hash_table_lookup (self->last_read_at, user_id);
  if (old != NULL && g_date_time_compare (at, old) <= 0)
    return FALSE;

  g_hash_table_replace (self->last_read_at, g_strdup (user_id), g_date_time_ref (at));
  g_signal_emit (self, signals[READ_CHANGED], 0, user_id);

  return TRUE;
}

char **
hearth_chat_dup_reader_ids (HearthChat *self)
{
  GHashTableIter iter;
  gpointer key;
  GPtrArray *ids;

  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  ids = g_ptr_array_new_full (g_hash_table_size (self->last_read_at) + 1, NULL);

  g_hash_table_iter_init (&iter, self->last_read_at);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, g_strdup (key));
  g_ptr_array_add (ids, NULL);

  return (char **) g_ptr_array_free (ids, FALSE);
}

GListModel *
hearth_chat_get_typing_users (HearthChat *self)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), NULL);

  return G_LIST_MODEL (self->typing_users);
}

gboolean
hearth_chat_add_typing_user (HearthChat *self,
                             HearthUser *user)
{
  g_return_val_if_fail (HEARTH_IS_CHAT (self), FALSE);
  g_return_val_if_fail (HEARTH_IS_USER (user), FALSE);

  if (hearth_chat_store_find (self->typing_users, hearth_user_get_id (user), NULL))
    return FALSE;

  g_list_store_append (self->typing_users, user);

  return TRUE;
}

gboolean
hearth_chat_remove_typing_user (HearthChat *self,
                                const char *user_id)
{
  guint position;

  g_return_val_if_fail (HEARTH_IS_CHAT (self), FALSE);
  g_return_val_if_fail (user_id != NULL, FALSE);

  if (!hearth_chat_store_find (self->typing_users, user_id, &position))
    return FALSE;

  g_list_store_remove (self->typing_users, position);

  return TRUE;
}

void
hearth_chat_clear_typing_users (HearthChat *self)
{
  g_return_if_fail (HEARTH_IS_CHAT (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->typing_users)) > 0)
    g_list_store_remove_all (self->typing_users);
}
