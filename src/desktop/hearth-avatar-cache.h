/* hearth-avatar-cache.h: users' pictures, fetched carefully and cached on disk
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define HEARTH_AVATAR_CACHE_ERROR (hearth_avatar_cache_error_quark ())

/*
 * HearthAvatarCacheError:
 * @HEARTH_AVATAR_CACHE_ERROR_INVALID_URL: not an http(s) URL with a host
 * @HEARTH_AVATAR_CACHE_ERROR_INSECURE: plain http to a host that is not loopback (also when
 *     a redirect leads there, or from a remote host to a loopback one)
 * @HEARTH_AVATAR_CACHE_ERROR_HTTP: the server answered something else than 200 (or too
 *     many redirects)
 * @HEARTH_AVATAR_CACHE_ERROR_TOO_LARGE: more than HEARTH_AVATAR_CACHE_MAX_SIZE bytes
 * @HEARTH_AVATAR_CACHE_ERROR_NOT_AN_IMAGE: the Content-Type is not image/png, image/jpeg,
 *     image/webp or image/gif, or the bytes are not a picture of that type
 */
typedef enum
{
  HEARTH_AVATAR_CACHE_ERROR_INVALID_URL,
  HEARTH_AVATAR_CACHE_ERROR_INSECURE,
  HEARTH_AVATAR_CACHE_ERROR_HTTP,
  HEARTH_AVATAR_CACHE_ERROR_TOO_LARGE,
  HEARTH_AVATAR_CACHE_ERROR_NOT_AN_IMAGE,
} HearthAvatarCacheError;

/* The largest picture accepted: 5 MiB. */
#define HEARTH_AVATAR_CACHE_MAX_SIZE (5 * 1024 * 1024)

#define HEARTH_TYPE_AVATAR_CACHE (hearth_avatar_cache_get_type ())
G_DECLARE_FINAL_TYPE (HearthAvatarCache, hearth_avatar_cache, HEARTH, AVATAR_CACHE, GObject)

/*
 * Construct-only properties:
 *  "session" (SoupSession): the session to fetch with; a new one when NULL.
 *  "cache-dir" (string): where the files go; $XDG_CACHE_HOME/hearth/avatars when NULL.
 *      One file per URL, named by the SHA-256 of the URL, mode 0600, directories 0700.
 *  "memory-limit" (uint): bytes of pictures kept in memory (least recently used go first);
 *      16 MiB by default, 0 keeps none.
 *
 * Only https is fetched; plain http only from loopback hosts (127.0.0.0/8, ::1, localhost),
 * e.g. the demo server. Concurrent loads of one URL share one download.
 */

GQuark             hearth_avatar_cache_error_quark (void);

HearthAvatarCache *hearth_avatar_cache_new         (SoupSession          *session);

void               hearth_avatar_cache_load_async  (HearthAvatarCache    *self,
                                                    const char           *url,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
/* Returns: (transfer full): the picture's bytes (PNG, JPEG, WebP or GIF), from memory, from
 * the disk cache or from the network. */
GBytes            *hearth_avatar_cache_load_finish (HearthAvatarCache    *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
