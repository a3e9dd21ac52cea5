/* hearth-types.h
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _HearthApi          HearthApi;
typedef struct _HearthChat         HearthChat;
typedef struct _HearthChatList     HearthChatList;
typedef struct _HearthConnection   HearthConnection;
typedef struct _HearthDatabase     HearthDatabase;
typedef struct _HearthDbBatch      HearthDbBatch;
typedef struct _HearthMessageList  HearthMessageList;
typedef struct _HearthOutbox       HearthOutbox;
typedef struct _HearthReward       HearthReward;
typedef struct _HearthSession      HearthSession;
typedef struct _HearthStore        HearthStore;
typedef struct _HearthEvent        HearthEvent;
typedef struct _HearthEventBus     HearthEventBus;
typedef struct _HearthFrame        HearthFrame;
typedef struct _HearthMessage      HearthMessage;
typedef struct _HearthScore        HearthScore;
typedef struct _HearthScoreAction  HearthScoreAction;
typedef struct _HearthUser         HearthUser;

/**
 * HearthFraming:
 * @HEARTH_FRAMING_AUTO: try Socket.IO first, fall back to the envelope
 * @HEARTH_FRAMING_SOCKET_IO: Socket.IO v4 (Engine.IO v4) over WebSocket only
 * @HEARTH_FRAMING_ENVELOPE: one `{"event": NAME, "data": VALUE}` object per text frame
 */
typedef enum
{
  HEARTH_FRAMING_AUTO,
  HEARTH_FRAMING_SOCKET_IO,
  HEARTH_FRAMING_ENVELOPE,
} HearthFraming;

/**
 * HearthConnectionState:
 * @HEARTH_CONNECTION_DISCONNECTED: not started yet
 * @HEARTH_CONNECTION_CONNECTING: first attempt in progress
 * @HEARTH_CONNECTION_CONNECTED: handshake done, events flow
 * @HEARTH_CONNECTION_RECONNECTING: lost; waiting for the next attempt or attempting
 * @HEARTH_CONNECTION_STOPPED: stopped for good (by the app, or the server refused us)
 */
typedef enum
{
  HEARTH_CONNECTION_DISCONNECTED,
  HEARTH_CONNECTION_CONNECTING,
  HEARTH_CONNECTION_CONNECTED,
  HEARTH_CONNECTION_RECONNECTING,
  HEARTH_CONNECTION_STOPPED,
} HearthConnectionState;

/**
 * HearthFrameType:
 * What one decoded WebSocket text frame is.
 */
typedef enum
{
  HEARTH_FRAME_EVENT,          /* an application event: name + data (both framings) */
  HEARTH_FRAME_OPEN,           /* Engine.IO open "0{...}" */
  HEARTH_FRAME_CLOSE,          /* Engine.IO close "1" */
  HEARTH_FRAME_PING,           /* Engine.IO ping "2" */
  HEARTH_FRAME_PONG,           /* Engine.IO pong "3" */
  HEARTH_FRAME_NOOP,           /* Engine.IO noop "6" */
  HEARTH_FRAME_CONNECT,        /* Socket.IO CONNECT "40[/nsp,][{...}]" */
  HEARTH_FRAME_DISCONNECT,     /* Socket.IO DISCONNECT "41[/nsp,]" */
  HEARTH_FRAME_ACK,            /* Socket.IO ACK "43[/nsp,]<id>[...]" */
  HEARTH_FRAME_CONNECT_ERROR,  /* Socket.IO CONNECT_ERROR "44[/nsp,]{...}" */
} HearthFrameType;

/**
 * HearthEventKind:
 * Every event of seed/socket-events.txt: the 14 the app listens for (the 3 it emits share
 * their names with listened ones), the 7 error events, and %HEARTH_EVENT_UNKNOWN for any
 * other name.
 */
typedef enum
{
  HEARTH_EVENT_UNKNOWN,
  HEARTH_EVENT_USER_ONLINE,
  HEARTH_EVENT_USER_OFFLINE,
  HEARTH_EVENT_TYPING_STARTED,
  HEARTH_EVENT_TYPING_STOPPED,
  HEARTH_EVENT_MESSAGES_READ,
  HEARTH_EVENT_MESSAGES_RECEIVED,
  HEARTH_EVENT_MESSAGES_SENT,
  HEARTH_EVENT_CHAT_CREATED,
  HEARTH_EVENT_CHAT_JOINED,
  HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED,
  HEARTH_EVENT_CHAT_DELETED,
  HEARTH_EVENT_ACCOUNT_TERMINATED,
  HEARTH_EVENT_REWARD_CONSUMED,
  HEARTH_EVENT_SCORE_UPDATED,
  HEARTH_EVENT_AUTHORIZATION_FAILED,
  HEARTH_EVENT_VERIFICATION_REQUIRED,
  HEARTH_EVENT_SERVER_ERROR,
  HEARTH_EVENT_VALIDATION_FAILED,
  HEARTH_EVENT_NOT_FOUND,
  HEARTH_EVENT_PERMISSION_DENIED,
} HearthEventKind;

/**
 * HearthMessageState:
 * Delivery state of a message.
 */
typedef enum
{
  HEARTH_MESSAGE_SENT,
  HEARTH_MESSAGE_QUEUED,
  HEARTH_MESSAGE_FAILED,
} HearthMessageState;

/**
 * HearthMessageKind:
 * What a row of a chat's history is: a message someone wrote, or a line the app writes
 * about the chat's membership (local only: never sent, never counted as unread, never a
 * chat's last message).
 * @HEARTH_MESSAGE_KIND_TEXT: a message (content and/or reel)
 * @HEARTH_MESSAGE_KIND_MEMBER_JOINED: I was added to the chat; the sender is the admin who
 *   added me (unknown: no sender)
 * @HEARTH_MESSAGE_KIND_MEMBER_REMOVED: the sender was removed from the chat (me: I was)
 */
typedef enum
{
  HEARTH_MESSAGE_KIND_TEXT,
  HEARTH_MESSAGE_KIND_MEMBER_JOINED,
  HEARTH_MESSAGE_KIND_MEMBER_REMOVED,
} HearthMessageKind;

G_END_DECLS
