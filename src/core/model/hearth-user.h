/* hearth-user.h
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_USER (hearth_user_get_type ())
G_DECLARE_FINAL_TYPE (HearthUser, hearth_user, HEARTH, USER, GObject)

/* Properties: "id" (construct-only), "name", "username", "photo", "online", "last-seen".
 * Setters notify only when the value changes. */
HearthUser *hearth_user_new           (const char *id);
const char *hearth_user_get_id        (HearthUser *self);
const char *hearth_user_get_name      (HearthUser *self);
void        hearth_user_set_name      (HearthUser *self,
                                       const char *name);
const char *hearth_user_get_username  (HearthUser *self);
void        hearth_user_set_username  (HearthUser *self,
                                       const char *username);
const char *hearth_user_get_photo     (HearthUser *self);
void        hearth_user_set_photo     (HearthUser *self,
                                       const char *photo);
gboolean    hearth_user_get_online    (HearthUser *self);
void        hearth_user_set_online    (HearthUser *self,
                                       gboolean    online);
GDateTime  *hearth_user_get_last_seen (HearthUser *self);
void        hearth_user_set_last_seen (HearthUser *self,
                                       GDateTime  *last_seen);
/* The name to show: name, else username, else id. */
const char *hearth_user_get_display_name (HearthUser *self);

G_END_DECLS
