/* hearth-composer.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-composer.h"
#include "hearth-message.h"
#include "hearth-store.h"

struct _HearthComposer
{
  GtkWidget      parent_instance;

  HearthSession *session;
  HearthChat    *chat;
  gboolean       loading_draft;

  /* template */
  GtkStack      *stack;
  GtkTextView   *text_view;
  GtkWidget     *placeholder;
  GtkWidget     *send_button;
};

G_DEFINE_FINAL_TYPE (HearthComposer, hearth_composer, GTK_TYPE_WIDGET)

static char *
dup_text (HearthComposer *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_buffer_changed_cb (HearthComposer *self,
                      GtkTextBuffer  *buffer)
{
  g_autofree char *text = dup_text (self);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  gtk_widget_set_visible (self->placeholder, text[0] == '\0');
  gtk_widget_set_sensitive (self->send_button, trimmed[0] != '\0');

  if (self->loading_draft || self->session == NULL || self->chat == NULL)
    return;

  if (hearth_session_get_store (self->session) != NULL)
    hearth_store_set_draft (hearth_session_get_store (self->session),
                            hearth_chat_get_id (self->chat), text);

  if (text[0] != '\0')
    hearth_session_composer_changed (self->session, hearth_chat_get_id (self->chat));
}

static gboolean
on_key_pressed_cb (HearthComposer        *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return GDK_EVENT_PROPAGATE;

  /* Shift+Enter: the text view inserts the newline. */
  if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  hearth_composer_send (self);

  return GDK_EVENT_STOP;
}

static void
on_send_clicked_cb (HearthComposer *self,
                    GtkButton      *button)
{
  hearth_composer_send (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
update_left (HearthComposer *self)
{
  gboolean left = self->chat != NULL && hearth_chat_get_left (self->chat);

  gtk_stack_set_visible_child_name (self->stack, left ? "left" : "compose");
}

static void
hearth_composer_dispose (GObject *object)
{
  GtkWidget *child;
  HearthComposer *self = (HearthComposer *)object;

  hearth_composer_set_chat (self, NULL);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_COMPOSER);
  /* Template children without an id are not cleared by dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hearth_composer_parent_class)->dispose (object);
}

static void
hearth_composer_class_init (HearthComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_composer_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthComposer, stack);
  gtk_widget_class_bind_template_child (widget_class, HearthComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, HearthComposer, placeholder);
  gtk_widget_class_bind_template_child (widget_class, HearthComposer, send_button);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked_cb);
}

static void
hearth_composer_init (HearthComposer *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (on_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_buffer_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
hearth_composer_new (void)
{
  return g_object_new (HEARTH_TYPE_COMPOSER, NULL);
}

void
hearth_composer_set_session (HearthComposer *self,
                             HearthSession  *session)
{
  g_return_if_fail (HEARTH_IS_COMPOSER (self));

  hearth_composer_set_chat (self, NULL);
  g_set_object (&self->session, session);
}

void
hearth_composer_set_chat (HearthComposer *self,
                          HearthChat     *chat)
{
  const char *draft = NULL;

  g_return_if_fail (HEARTH_IS_COMPOSER (self));

  if (self->chat == chat)
    return;

  if (self->chat != NULL)
    g_signal_handlers_disconnect_by_data (self->chat, self);
  g_set_object (&self->chat, chat);

  if (chat != NULL)
    {
      g_signal_connect_object (chat, "notify::left",
                               G_CALLBACK (update_left), self, G_CONNECT_SWAPPED);
      if (self->session != NULL && hearth_session_get_store (self->session) != NULL)
        draft = hearth_store_get_draft (hearth_session_get_store (self->session),
                                        hearth_chat_get_id (chat));
    }

  self->loading_draft = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            draft != NULL ? draft : "", -1);
  self->loading_draft = FALSE;

  update_left (self);
}

gboolean
hearth_composer_send (HearthComposer *self)
{
  g_autofree char *text = NULL;
  g_autoptr(HearthMessage) message = NULL;

  g_return_val_if_fail (HEARTH_IS_COMPOSER (self), FALSE);

  if (self->session == NULL || self->chat == NULL || hearth_chat_get_left (self->chat))
    return FALSE;

  text = dup_text (self);
  g_strstrip (text);
  if (text[0] == '\0')
    return FALSE;

  /* Stored as queued before any network call: clearing the entry loses nothing. */
  message = hearth_session_send_message (self->session, hearth_chat_get_id (self->chat),
                                         text, NULL);
  if (message == NULL)
    return FALSE;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);

  return TRUE;
}

void
hearth_composer_focus (HearthComposer *self)
{
  g_return_if_fail (HEARTH_IS_COMPOSER (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

GtkTextView *
hearth_composer_get_text_view (HearthComposer *self)
{
  g_return_val_if_fail (HEARTH_IS_COMPOSER (self), NULL);

  return self->text_view;
}
