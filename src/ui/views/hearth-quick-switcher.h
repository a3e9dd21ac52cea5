/* hearth-quick-switcher.h: Ctrl+K, type a name, Enter opens the chat
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-chat.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_QUICK_SWITCHER (hearth_quick_switcher_get_type ())
G_DECLARE_FINAL_TYPE (HearthQuickSwitcher, hearth_quick_switcher, HEARTH, QUICK_SWITCHER, AdwWindow)

/* A modal dialog over @chats (a GListModel of HearthChat) filtered by title as the user types;
 * Enter or a click emits "chat-chosen" (HearthChat *) and closes it; Escape closes it. */
HearthQuickSwitcher *hearth_quick_switcher_new         (GtkWindow           *parent,
                                                        GListModel          *chats);
/* The filtered list (tests). */
GListModel          *hearth_quick_switcher_get_shown   (HearthQuickSwitcher *self);
void                 hearth_quick_switcher_set_query   (HearthQuickSwitcher *self,
                                                        const char          *query);
/* Chooses the first match (what Enter does). FALSE when nothing matches. */
gboolean             hearth_quick_switcher_choose_first (HearthQuickSwitcher *self);

G_END_DECLS
