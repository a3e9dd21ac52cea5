/* hearth-event.h: an immutable, typed event of the socket contract
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_EVENT_ERROR (hearth_event_error_quark ())

typedef enum
{
  HEARTH_EVENT_ERROR_INVALID_NAME,     /* empty or not valid UTF-8 */
  HEARTH_EVENT_ERROR_INVALID_DATA,     /* data is not an object where one is required */
  HEARTH_EVENT_ERROR_MISSING_FIELD,    /* a required field is absent, null or empty */
  HEARTH_EVENT_ERROR_INVALID_FIELD,    /* a field has the wrong type or an unusable value */
  HEARTH_EVENT_ERROR_NOT_EMITTABLE,    /* client side: only the 3 emitted events exist */
} HearthEventError;

#define HEARTH_TYPE_EVENT (hearth_event_get_type ())
G_DECLARE_FINAL_TYPE (HearthEvent, hearth_event, HEARTH, EVENT, GObject)

GQuark              hearth_event_error_quark         (void);

/* Wire name <-> kind. from_name() accepts the aliases message-received / message-sent and
 * returns HEARTH_EVENT_UNKNOWN for anything else. to_name() gives the canonical wire name
 * ("unknown" for HEARTH_EVENT_UNKNOWN). */
HearthEventKind     hearth_event_kind_from_name      (const char       *name);
const char         *hearth_event_kind_to_name        (HearthEventKind   kind);
gboolean            hearth_event_kind_is_error       (HearthEventKind   kind);

/* A server -> client event, as delivered by the codec (name + data). Follows the tolerance
 * rules of DESIGN.md §3. Unknown names give a HEARTH_EVENT_UNKNOWN event (never an error)
 * that keeps its name and data. Returns NULL with @error set on invalid input. */
HearthEvent        *hearth_event_new_from_json       (const char       *name,
                                                      JsonNode         *data,
                                                      GError          **error);
/* Same, from the text of the data member (used by fuzzing and tests). */
HearthEvent        *hearth_event_new_from_data_text  (const char       *name,
                                                      const char       *data_text,
                                                      gssize            length,
                                                      GError          **error);
/* A client -> server event (typing-started, typing-stopped, messages-read with {"chat"}),
 * as the server receives it. Other names: HEARTH_EVENT_ERROR_NOT_EMITTABLE. */
HearthEvent        *hearth_event_new_from_client_json (const char      *name,
                                                      JsonNode         *data,
                                                      GError          **error);
/* An event the app emits: @kind is TYPING_STARTED, TYPING_STOPPED or MESSAGES_READ. */
HearthEvent        *hearth_event_new_emitted         (HearthEventKind   kind,
                                                      const char       *chat_id);
/* The data of an emitted event, {"chat": id} (transfer full). */
JsonNode           *hearth_event_to_json             (HearthEvent      *self);

HearthEventKind     hearth_event_get_kind            (HearthEvent      *self);
/* The canonical name (for unknown events: the name as received). */
const char         *hearth_event_get_name            (HearthEvent      *self);
gboolean            hearth_event_is_error            (HearthEvent      *self);

/* "chat": the chat id (presence, typing, messages-read, messages-*, chat-*). */
const char         *hearth_event_get_chat_id         (HearthEvent      *self);
/* "chats" of user-online/user-offline: NULL-terminated, never NULL (may be empty). */
const char * const *hearth_event_get_chat_ids        (HearthEvent      *self);
/* "user": presence, typing, messages-read (object); chat-participant-removed and
 * chat-deleted (id string; the user then only has an id). */
HearthUser         *hearth_event_get_user            (HearthEvent      *self);
const char         *hearth_event_get_user_id         (HearthEvent      *self);
/* chat-joined: the optional "admin" who added us (NULL when absent). */
HearthUser         *hearth_event_get_admin           (HearthEvent      *self);
/* messages-received / messages-sent: "message"; messages-read: "lastMessage" (nullable). */
HearthMessage      *hearth_event_get_message         (HearthEvent      *self);
/* messages-read: "lastReadAt". */
GDateTime          *hearth_event_get_last_read_at    (HearthEvent      *self);
/* chat-deleted: the optional "event" id (NULL when absent). */
const char         *hearth_event_get_event_ref       (HearthEvent      *self);
/* reward-consumed. remaining is -1 when absent. */
const char         *hearth_event_get_reward_id       (HearthEvent      *self);
gint64              hearth_event_get_remaining       (HearthEvent      *self);
gboolean            hearth_event_get_is_expired      (HearthEvent      *self);
gboolean            hearth_event_get_is_consumed_by_you (HearthEvent   *self);
/* score-updated. */
HearthScore        *hearth_event_get_score           (HearthEvent      *self);
/* Error events and account-terminated: the server's "message" (may be NULL for errors
 * sent without one). */
const char         *hearth_event_get_server_message  (HearthEvent      *self);
/* Unknown events: the data as compact JSON text (for logs); NULL for known events. */
const char         *hearth_event_get_raw_data        (HearthEvent      *self);

G_END_DECLS
