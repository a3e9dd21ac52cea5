/* hearth-message.h
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_MESSAGE (hearth_message_get_type ())
G_DECLARE_FINAL_TYPE (HearthMessage, hearth_message, HEARTH, MESSAGE, GObject)

/* Properties: "id", "client-id", "chat-id", "sender-id", "sender" (HearthUser, nullable: only
 * the id may be known), "content", "reel" (nullable), "at" (GDateTime), "state"
 * (HearthMessageState). Setters notify only when the value changes. */
HearthMessage      *hearth_message_new            (const char         *id,
                                                   const char         *chat_id);
const char         *hearth_message_get_id         (HearthMessage      *self);
void                hearth_message_set_id         (HearthMessage      *self,
                                                   const char         *id);
const char         *hearth_message_get_client_id  (HearthMessage      *self);
void                hearth_message_set_client_id  (HearthMessage      *self,
                                                   const char         *client_id);
const char         *hearth_message_get_chat_id    (HearthMessage      *self);
void                hearth_message_set_chat_id    (HearthMessage      *self,
                                                   const char         *chat_id);
const char         *hearth_message_get_sender_id  (HearthMessage      *self);
void                hearth_message_set_sender_id  (HearthMessage      *self,
                                                   const char         *sender_id);
/* Setting a sender also sets sender-id to the user's id. */
HearthUser         *hearth_message_get_sender     (HearthMessage      *self);
void                hearth_message_set_sender     (HearthMessage      *self,
                                                   HearthUser         *sender);
const char         *hearth_message_get_content    (HearthMessage      *self);
void                hearth_message_set_content    (HearthMessage      *self,
                                                   const char         *content);
const char         *hearth_message_get_reel       (HearthMessage      *self);
void                hearth_message_set_reel       (HearthMessage      *self,
                                                   const char         *reel);
GDateTime          *hearth_message_get_at         (HearthMessage      *self);
void                hearth_message_set_at         (HearthMessage      *self,
                                                   GDateTime          *at);
HearthMessageState  hearth_message_get_state      (HearthMessage      *self);
void                hearth_message_set_state      (HearthMessage      *self,
                                                   HearthMessageState  state);
HearthMessageKind   hearth_message_get_kind       (HearthMessage      *self);
void                hearth_message_set_kind       (HearthMessage      *self,
                                                   HearthMessageKind   kind);
/* Not a message someone wrote (kind other than TEXT). */
gboolean            hearth_message_is_system      (HearthMessage      *self);

G_END_DECLS
