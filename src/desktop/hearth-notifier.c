/* hearth-notifier.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-chat.h"
#include "hearth-connection.h"
#include "hearth-event.h"
#include "hearth-message.h"
#include "hearth-notifier.h"
#include "hearth-session.h"
#include "hearth-store.h"
#include "hearth-user.h"

/* Longer bodies are cut (notification servers show a few lines at most). */
#define BODY_MAX_CHARS 200

/* One chat with a notification shown or about to be. */
typedef struct
{
  HearthNotifier *notifier;
  char           *chat_id;
  HearthChat     *chat;
  gulong          unread_id;
  gulong          read_id;

  /* The burst in its merge window. */
  HearthMessage  *last;
  guint           n_pending;
  guint           timer_id;

  gboolean        shown;
} Entry;

struct _HearthNotifier
{
  GObject        parent_instance;

  /* Owned refs */
  HearthSession *session;
  HearthStore   *store;
  GHashTable    *entries;   /* chat id → Entry */

  /* Borrowed refs */
  GApplication  *application;   /* weak */

  guint          merge_window_ms;
  gboolean       enabled;
  gboolean       show_content;
  gboolean       signed_out;
};

G_DEFINE_FINAL_TYPE (HearthNotifier, hearth_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_SESSION,
  PROP_ENABLED,
  PROP_SHOW_CONTENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
hearth_notifier_dup_notification_id (const char *chat_id)
{
  g_return_val_if_fail (chat_id != NULL, NULL);

  return g_strconcat ("chat-", chat_id, NULL);
}

/* Entries. */

static void
entry_withdraw (Entry *entry)
{
  HearthNotifier *self = entry->notifier;

  g_clear_handle_id (&entry->timer_id, g_source_remove);
  g_clear_object (&entry->last);
  entry->n_pending = 0;

  if (entry->shown && self->application != NULL &&
      g_application_get_is_registered (self->application))
    {
      g_autofree char *id = hearth_notifier_dup_notification_id (entry->chat_id);

      g_debug ("Withdrawing %s", id);
      g_application_withdraw_notification (self->application, id);
    }
  entry->shown = FALSE;
}

/* Removing an entry from the table withdraws its notification. */
static void
entry_free (Entry *entry)
{
  entry_withdraw (entry);
  g_clear_signal_handler (&entry->unread_id, entry->chat);
  g_clear_signal_handler (&entry->read_id, entry->chat);
  g_clear_object (&entry->chat);
  g_free (entry->chat_id);
  g_free (entry);
}

static void
notifier_drop (HearthNotifier *self,
               const char     *chat_id)
{
  g_hash_table_remove (self->entries, chat_id);
}

static void
on_chat_unread_cb (HearthChat *chat,
                   GParamSpec *pspec,
                   Entry      *entry)
{
  if (hearth_chat_get_unread (chat) == 0)
    notifier_drop (entry->notifier, entry->chat_id);
}

static void
on_chat_read_changed_cb (HearthChat *chat,
                         const char *user_id,
                         Entry      *entry)
{
  HearthNotifier *self = entry->notifier;
  HearthUser *me = hearth_store_get_me (self->store);

  /* Read on another device while its unread count was already 0 (a catch-up does not count
   * what GET /chats counts). */
  if (g_strcmp0 (user_id, hearth_user_get_id (me)) == 0 && hearth_chat_get_unread (chat) == 0)
    notifier_drop (self, entry->chat_id);
}

static Entry *
notifier_ensure_entry (HearthNotifier *self,
                       HearthChat     *chat)
{
  const char *chat_id = hearth_chat_get_id (chat);
  Entry *entry = g_hash_table_lookup (self->entries, chat_id);

  if (entry != NULL && entry->chat == chat)
    return entry;

  if (entry != NULL)
    notifier_drop (self, chat_id);

  entry = g_new0 (Entry, 1);
  entry->notifier = self;
  entry->chat_id = g_strdup (chat_id);
  entry->chat = g_object_ref (chat);
  entry->unread_id = g_signal_connect (chat, "notify::unread",
                                       G_CALLBACK (on_chat_unread_cb), entry);
  entry->read_id = g_signal_connect (chat, "read-changed",
                                     G_CALLBACK (on_chat_read_changed_cb), entry);
  g_hash_table_insert (self->entries, entry->chat_id, entry);

  return entry;
}

/* Building the notification. */

/* @text on one line: runs of white space become one space; cut at BODY_MAX_CHARS. */
static char *
one_line (const char *text)
{
  GString *line = g_string_new (NULL);
  gboolean space = FALSE;
  guint n_chars = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x2028 || c == 0x2029)
        {
          space = line->len > 0;
          continue;
        }

      if (n_chars == BODY_MAX_CHARS)
        {
          g_string_append (line, "…");
          break;
        }

      if (space)
        {
          g_string_append_c (line, ' ');
          n_chars++;
          space = FALSE;
        }
      g_string_append_unichar (line, c);
      n_chars++;
    }

  return g_string_free (line, FALSE);
}

static const char *
sender_name (HearthMessage *message,
             HearthChat    *chat)
{
  HearthUser *sender = hearth_message_get_sender (message);

  if (sender != NULL)
    return hearth_user_get_display_name (sender);

  return hearth_chat_get_title (chat);
}

static char *
notification_title (Entry *entry)
{
  const char *sender = sender_name (entry->last, entry->chat);

  if (!hearth_chat_get_is_group (entry->chat))
    return g_strdup (sender);

  if (entry->n_pending > 1)
    return g_strdup (hearth_chat_get_title (entry->chat));

  /* Translators: the title of a notification: "Raj Kumar in Weekend hike" (sender, group). */
  return g_strdup_printf (_("%s in %s"), sender, hearth_chat_get_title (entry->chat));
}

static char *
notification_body (Entry *entry)
{
  HearthNotifier *self = entry->notifier;
  const char *content;

  if (entry->n_pending > 1)
    return g_strdup_printf (ngettext ("%u new message", "%u new messages", entry->n_pending),
                            entry->n_pending);

  if (!self->show_content)
    return g_strdup (_("New message"));

  content = hearth_message_get_content (entry->last);
  if (content != NULL)
    {
      g_autofree char *line = one_line (content);

      if (line[0] != '\0')
        return g_steal_pointer (&line);
    }

  if (hearth_message_get_reel (entry->last) != NULL)
    return g_strdup (_("Reel"));

  return g_strdup (_("New message"));
}

static gboolean
notifier_is_looking_at (HearthNotifier *self,
                        const char     *chat_id)
{
  return hearth_session_get_window_active (self->session) &&
         g_strcmp0 (hearth_session_get_open_chat_id (self->session), chat_id) == 0;
}

static void
entry_send (Entry *entry)
{
  HearthNotifier *self = entry->notifier;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_clear_handle_id (&entry->timer_id, g_source_remove);

  if (entry->last == NULL || self->application == NULL ||
      !g_application_get_is_registered (self->application))
    return;

  /* The chat came into view during the merge window. */
  if (notifier_is_looking_at (self, entry->chat_id))
    {
      notifier_drop (self, entry->chat_id);
      return;
    }

  id = hearth_notifier_dup_notification_id (entry->chat_id);
  title = notification_title (entry);
  body = notification_body (entry);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_category (notification, "im.received");
  g_notification_set_default_action_and_target_value (notification, "app.open-chat",
                                                      g_variant_new_string (entry->chat_id));
  g_notification_add_button_with_target_value (notification, _("Mark as read"), "app.mark-read",
                                               g_variant_new_string (entry->chat_id));

  g_debug ("Sending %s (%u message(s))", id, entry->n_pending);
  g_application_send_notification (self->application, id, notification);

  entry->shown = TRUE;
  entry->n_pending = 0;
  g_clear_object (&entry->last);
}

static gboolean
entry_timer_cb (gpointer user_data)
{
  Entry *entry = user_data;

  entry->timer_id = 0;
  entry_send (entry);

  return G_SOURCE_REMOVE;
}

/* The store. */

static gboolean
message_is_read (HearthNotifier *self,
                 HearthChat     *chat,
                 HearthMessage  *message)
{
  HearthUser *me = hearth_store_get_me (self->store);
  GDateTime *read_at = hearth_chat_get_last_read_at (chat, hearth_user_get_id (me));
  GDateTime *at = hearth_message_get_at (message);

  return read_at != NULL && at != NULL && g_date_time_compare (at, read_at) <= 0;
}

static void
on_message_added_cb (HearthStore    *store,
                     HearthMessage  *message,
                     gboolean        mine,
                     HearthNotifier *self)
{
  const char *chat_id = hearth_message_get_chat_id (message);
  HearthChat *chat;
  Entry *entry;

  if (mine || !self->enabled || self->signed_out || hearth_message_is_system (message))
    return;

  if (chat_id == NULL || (chat = hearth_store_lookup_chat (store, chat_id)) == NULL)
    return;

  if (message_is_read (self, chat, message) || notifier_is_looking_at (self, chat_id))
    return;

  entry = notifier_ensure_entry (self, chat);
  g_set_object (&entry->last, message);
  entry->n_pending++;

  if (entry->timer_id == 0)
    entry->timer_id = g_timeout_add (self->merge_window_ms, entry_timer_cb, entry);
}

static void
on_chat_removed_cb (HearthStore    *store,
                    const char     *chat_id,
                    const char     *title,
                    HearthNotifier *self)
{
  notifier_drop (self, chat_id);
}

static void
on_signed_out_cb (HearthNotifier *self)
{
  self->signed_out = TRUE;
  g_hash_table_remove_all (self->entries);
}

/* GObject. */

static void
hearth_notifier_constructed (GObject *object)
{
  HearthNotifier *self = (HearthNotifier *)object;

  G_OBJECT_CLASS (hearth_notifier_parent_class)->constructed (object);

  g_assert (G_IS_APPLICATION (self->application));
  g_assert (HEARTH_IS_SESSION (self->session));

  g_signal_connect_object (self->session, "signed-out",
                           G_CALLBACK (on_signed_out_cb), self, G_CONNECT_SWAPPED);

  if (hearth_session_get_state (self->session) != HEARTH_SESSION_SIGNED_IN ||
      hearth_session_get_store (self->session) == NULL)
    {
      g_warning ("HearthNotifier needs a signed-in session");
      self->signed_out = TRUE;
      return;
    }

  self->store = g_object_ref (hearth_session_get_store (self->session));
  g_signal_connect_object (self->store, "message-added",
                           G_CALLBACK (on_message_added_cb), self, 0);
  g_signal_connect_object (self->store, "chat-removed",
                           G_CALLBACK (on_chat_removed_cb), self, 0);
}

static void
hearth_notifier_dispose (GObject *object)
{
  HearthNotifier *self = (HearthNotifier *)object;

  if (self->entries != NULL)
    g_hash_table_remove_all (self->entries);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (hearth_notifier_parent_class)->dispose (object);
}

static void
hearth_notifier_finalize (GObject *object)
{
  HearthNotifier *self = (HearthNotifier *)object;

  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (hearth_notifier_parent_class)->finalize (object);
}

static void
hearth_notifier_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HearthNotifier *self = HEARTH_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_SHOW_CONTENT:
      g_value_set_boolean (value, self->show_content);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_notifier_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HearthNotifier *self = HEARTH_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_set_weak_pointer (&self->application, g_value_get_object (value));
      break;

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_ENABLED:
      hearth_notifier_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_CONTENT:
      hearth_notifier_set_show_content (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_notifier_class_init (HearthNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_notifier_constructed;
  object_class->dispose = hearth_notifier_dispose;
  object_class->finalize = hearth_notifier_finalize;
  object_class->get_property = hearth_notifier_get_property;
  object_class->set_property = hearth_notifier_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, G_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, HEARTH_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_CONTENT] =
    g_param_spec_boolean ("show-content", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_notifier_init (HearthNotifier *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) entry_free);
  self->merge_window_ms = HEARTH_NOTIFIER_MERGE_WINDOW_MS;
  self->enabled = TRUE;
  self->show_content = TRUE;
}

HearthNotifier *
hearth_notifier_new (GApplication  *application,
                     HearthSession *session)
{
  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (HEARTH_IS_SESSION (session), NULL);

  return g_object_new (HEARTH_TYPE_NOTIFIER,
                       "application", application,
                       "session", session,
                       NULL);
}

gboolean
hearth_notifier_get_enabled (HearthNotifier *self)
{
  g_return_val_if_fail (HEARTH_IS_NOTIFIER (self), FALSE);

  return self->enabled;
}

void
hearth_notifier_set_enabled (HearthNotifier *self,
                             gboolean        enabled)
{
  g_return_if_fail (HEARTH_IS_NOTIFIER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  if (!enabled)
    g_hash_table_remove_all (self->entries);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

gboolean
hearth_notifier_get_show_content (HearthNotifier *self)
{
  g_return_val_if_fail (HEARTH_IS_NOTIFIER (self), FALSE);

  return self->show_content;
}

void
hearth_notifier_set_show_content (HearthNotifier *self,
                                  gboolean        show_content)
{
  g_return_if_fail (HEARTH_IS_NOTIFIER (self));

  show_content = !!show_content;
  if (self->show_content == show_content)
    return;

  self->show_content = show_content;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CONTENT]);
}

void
hearth_notifier_set_merge_window (HearthNotifier *self,
                                  guint           merge_window_ms)
{
  g_return_if_fail (HEARTH_IS_NOTIFIER (self));

  self->merge_window_ms = merge_window_ms;
}

void
hearth_notifier_flush (HearthNotifier *self)
{
  g_autoptr(GPtrArray) pending = NULL;
  GHashTableIter iter;
  Entry *entry;

  g_return_if_fail (HEARTH_IS_NOTIFIER (self));

  /* entry_send() may drop entries: collect the chat ids first. */
  pending = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->timer_id != 0)
      g_ptr_array_add (pending, g_strdup (entry->chat_id));

  for (guint i = 0; i < pending->len; i++)
    if ((entry = g_hash_table_lookup (self->entries, g_ptr_array_index (pending, i))) != NULL)
      entry_send (entry);
}

void
hearth_notifier_mark_read (HearthNotifier *self,
                           const char     *chat_id)
{
  HearthConnection *connection;

  g_return_if_fail (HEARTH_IS_NOTIFIER (self));
  g_return_if_fail (chat_id != NULL);

  if (self->signed_out || hearth_store_lookup_chat (self->store, chat_id) == NULL)
    return;

  hearth_store_mark_read_locally (self->store, chat_id);

  connection = hearth_session_get_connection (self->session);
  if (hearth_session_get_send_read_receipts (self->session) && connection != NULL &&
      hearth_connection_get_state (connection) == HEARTH_CONNECTION_CONNECTED)
    {
      g_autoptr(HearthEvent) event = hearth_event_new_emitted (HEARTH_EVENT_MESSAGES_READ,
                                                               chat_id);
      g_autoptr(GError) error = NULL;

      if (!hearth_connection_emit (connection, event, &error))
        g_debug ("Could not send messages-read: %s", error->message);
    }
}
