/* hearth-presence-policy.h: when typing and read-receipt events go out
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

/* The policies of DESIGN.md §3. */
#define HEARTH_PRESENCE_POLICY_TYPING_REFRESH_MS 10000  /* typing-started again while typing */
#define HEARTH_PRESENCE_POLICY_TYPING_IDLE_MS     3000  /* typing-stopped after no keystroke */
#define HEARTH_PRESENCE_POLICY_READ_INTERVAL_MS    500  /* at most one messages-read per chat */

/* A monotonic clock in microseconds (g_get_monotonic_time() by default). */
typedef gint64 (*HearthPresenceClockFunc) (gpointer user_data);

#define HEARTH_TYPE_PRESENCE_POLICY (hearth_presence_policy_get_type ())
G_DECLARE_FINAL_TYPE (HearthPresencePolicy, hearth_presence_policy, HEARTH, PRESENCE_POLICY, GObject)

/*
 * HearthPresencePolicy: what the others learn of my activity in a chat — the typing and
 * read-receipt policies of one account (DESIGN.md §3). HearthSession owns one and exposes its
 * properties under the same names.
 *
 * It acts once it has a store (hearth_presence_policy_set_store()) and a connection
 * (hearth_presence_policy_set_connection()): the session gives it the store when the account
 * opens and the connection once signed in, and takes both away on sign-out. Events go out
 * through hearth_connection_emit() while the connection is CONNECTED, else they are dropped
 * (never queued). With a store, the view ("open-chat-id", and whether that chat is at the
 * bottom of an active window) is mirrored into the store's "open-chat-id" and "focused".
 *
 * Typing ("send-typing"): hearth_presence_policy_composer_changed() on each keystroke emits
 * typing-started on the first one and again on a keystroke typing-refresh or more after the
 * last typing-started; typing-stopped typing-idle after the last keystroke, on
 * hearth_presence_policy_stop_typing() (send), on a switch to another chat (another open chat
 * or a keystroke in another chat), when the window becomes inactive and when the switch is
 * turned off while typing. The typing state is forgotten (nothing emitted) on every change of
 * the connection's state.
 *
 * Read ("send-read-receipts"): when the open chat is at the bottom of an active window and
 * has unread messages, or a message of someone else arrives in it, the chat is marked read in
 * the store and messages-read is emitted — at most one per chat per read-interval: a read
 * within that interval is emitted when it ends. With the switch off, the chat is still marked
 * read locally and nothing is emitted.
 *
 * Properties: "send-typing", "send-read-receipts" (default TRUE), "open-chat-id" (nullable),
 * "chat-at-bottom" (default TRUE), "window-active" (default FALSE).
 */
HearthPresencePolicy *hearth_presence_policy_new                (void);

/* For a class that shows a policy's properties as its own (HearthSession): installs the five
 * properties above on @object_class with ids from @first_prop_id on; returns the next free
 * id. Its get_property/set_property hand those ids to the delegate functions, which forward
 * them to the policy by name; forward the policy's "notify" likewise. */
guint                 hearth_presence_policy_install_properties (GObjectClass            *object_class,
                                                                 guint                    first_prop_id);
void                  hearth_presence_policy_delegate_get_property (HearthPresencePolicy *self,
                                                                   GParamSpec           *pspec,
                                                                   GValue               *value);
void                  hearth_presence_policy_delegate_set_property (HearthPresencePolicy *self,
                                                                   GParamSpec           *pspec,
                                                                   const GValue         *value);

HearthStore          *hearth_presence_policy_get_store          (HearthPresencePolicy    *self);
/* @store: nullable; the view is mirrored into it at once. */
void                  hearth_presence_policy_set_store          (HearthPresencePolicy    *self,
                                                                 HearthStore             *store);
HearthConnection     *hearth_presence_policy_get_connection     (HearthPresencePolicy    *self);
/* @connection: nullable. Any change forgets the typing and read states without emitting. */
void                  hearth_presence_policy_set_connection     (HearthPresencePolicy    *self,
                                                                 HearthConnection        *connection);

/* The timings; 0 keeps the current value. Each takes effect from its next use. */
void                  hearth_presence_policy_set_intervals      (HearthPresencePolicy    *self,
                                                                 guint                    typing_refresh_ms,
                                                                 guint                    typing_idle_ms,
                                                                 guint                    read_interval_ms);
/* @clock: NULL for g_get_monotonic_time(). Timers still run on the main loop's clock. */
void                  hearth_presence_policy_set_clock          (HearthPresencePolicy    *self,
                                                                 HearthPresenceClockFunc  clock,
                                                                 gpointer                 user_data);

/* Typing: call on every change of the composer's text in @chat_id. */
void                  hearth_presence_policy_composer_changed   (HearthPresencePolicy    *self,
                                                                 const char              *chat_id);
/* typing-stopped now if typing (a message was sent). */
void                  hearth_presence_policy_stop_typing        (HearthPresencePolicy    *self);

/* Read: applies the read policy now (the open chat may have appeared or changed). */
void                  hearth_presence_policy_check_read         (HearthPresencePolicy    *self);

/* Sets the view at once: notifies what changed, then applies the policies once. */
void                  hearth_presence_policy_set_view           (HearthPresencePolicy    *self,
                                                                 const char              *open_chat_id,
                                                                 gboolean                 at_bottom,
                                                                 gboolean                 window_active);
const char           *hearth_presence_policy_get_open_chat_id   (HearthPresencePolicy    *self);
void                  hearth_presence_policy_set_open_chat_id   (HearthPresencePolicy    *self,
                                                                 const char              *chat_id);
gboolean              hearth_presence_policy_get_chat_at_bottom (HearthPresencePolicy    *self);
void                  hearth_presence_policy_set_chat_at_bottom (HearthPresencePolicy    *self,
                                                                 gboolean                 at_bottom);
gboolean              hearth_presence_policy_get_window_active  (HearthPresencePolicy    *self);
void                  hearth_presence_policy_set_window_active  (HearthPresencePolicy    *self,
                                                                 gboolean                 active);

/* Privacy switches. */
gboolean              hearth_presence_policy_get_send_typing    (HearthPresencePolicy    *self);
void                  hearth_presence_policy_set_send_typing    (HearthPresencePolicy    *self,
                                                                 gboolean                 send_typing);
gboolean              hearth_presence_policy_get_send_read_receipts (HearthPresencePolicy *self);
void                  hearth_presence_policy_set_send_read_receipts (HearthPresencePolicy *self,
                                                                     gboolean              send);

G_END_DECLS
