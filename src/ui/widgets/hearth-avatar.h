/* hearth-avatar.h: an AdwAvatar for a user or a chat, with the photo when it loads
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hearth-chat.h"
#include "hearth-user.h"

G_BEGIN_DECLS

#define HEARTH_TYPE_AVATAR (hearth_avatar_get_type ())
G_DECLARE_FINAL_TYPE (HearthAvatar, hearth_avatar, HEARTH, AVATAR, GtkWidget)

/*
 * Shows initials of the user's display name (or the chat's title) at once, and the user's
 * photo once HearthAvatar's loader (hearth_avatar_set_loader) fetched it; initials stay on
 * failure. A direct chat shows the other participant. Properties: "size", "user", "chat".
 */

typedef void (*HearthAvatarLoadFunc) (const char          *url,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
typedef GdkTexture *(*HearthAvatarFinishFunc) (GAsyncResult  *result,
                                               GError       **error);

GtkWidget  *hearth_avatar_new        (void);
void        hearth_avatar_set_size   (HearthAvatar *self,
                                      int           size);
void        hearth_avatar_set_user   (HearthAvatar *self,
                                      HearthUser   *user);
void        hearth_avatar_set_chat   (HearthAvatar *self,
                                      HearthChat   *chat);
/* The process-wide photo loader (the application sets it; NULL: initials only). */
void        hearth_avatar_set_loader (HearthAvatarLoadFunc   load,
                                      HearthAvatarFinishFunc finish);

G_END_DECLS
