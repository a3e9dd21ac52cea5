/* hearth-composer.h: the message entry under a conversation
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-chat.h"
#include "hearth-session.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_COMPOSER (hearth_composer_get_type ())
G_DECLARE_FINAL_TYPE (HearthComposer, hearth_composer, HEARTH, COMPOSER, GtkWidget)

/*
 * Multi-line entry: Enter sends (hearth_session_send_message), Shift+Enter inserts a newline;
 * the text is the chat's draft (restored when the chat opens, kept by the store); every change
 * drives the session's typing policy. When I was removed from the chat it is replaced by an
 * explanation.
 */

GtkWidget *hearth_composer_new         (void);
void       hearth_composer_set_session (HearthComposer *self,
                                        HearthSession  *session);
void       hearth_composer_set_chat    (HearthComposer *self,
                                        HearthChat     *chat);
/* Sends the text (trimmed); FALSE when there was nothing to send. */
gboolean   hearth_composer_send        (HearthComposer *self);
void       hearth_composer_focus       (HearthComposer *self);
/* The text view (for tests and keyboard focus). */
GtkTextView *hearth_composer_get_text_view (HearthComposer *self);

G_END_DECLS
