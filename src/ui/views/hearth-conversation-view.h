/* hearth-conversation-view.h: one open chat: header, history, typing line and composer
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-chat.h"
#include "hearth-session.h"
#include "hearth-timeline.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_CONVERSATION_VIEW (hearth_conversation_view_get_type ())
G_DECLARE_FINAL_TYPE (HearthConversationView, hearth_conversation_view, HEARTH, CONVERSATION_VIEW, GtkWidget)

/*
 * Shows the session's history of one chat through a HearthTimeline. Keeps the session's read
 * policy informed (hearth_session_set_chat_visible) of the open chat and whether it is
 * scrolled to the bottom; loads older pages when scrolled to the top; follows new messages
 * while at the bottom, otherwise counts them on the jump-to-bottom button.
 *
 * Properties: "session", "chat" (nullable), "folded" (the back button shows).
 * Signal "back" (): the back button was used (the window returns to the chat list).
 */

GtkWidget      *hearth_conversation_view_new          (void);
void            hearth_conversation_view_set_session  (HearthConversationView *self,
                                                       HearthSession          *session);
HearthChat     *hearth_conversation_view_get_chat     (HearthConversationView *self);
void            hearth_conversation_view_set_chat     (HearthConversationView *self,
                                                       HearthChat             *chat);
void            hearth_conversation_view_set_folded   (HearthConversationView *self,
                                                       gboolean                folded);
HearthTimeline *hearth_conversation_view_get_timeline (HearthConversationView *self);
void            hearth_conversation_view_focus_composer (HearthConversationView *self);
/* Opens the in-chat search (Ctrl+F); FALSE when no chat is open. */
gboolean        hearth_conversation_view_start_search (HearthConversationView *self);
/* Closes the search if open; FALSE when it was not. */
gboolean        hearth_conversation_view_stop_search  (HearthConversationView *self);
void            hearth_conversation_view_scroll_to_bottom (HearthConversationView *self);

G_END_DECLS
