/* hearth-utils.h: small helpers shared by the core
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * hearth_set_str:
 * Replaces the string at @dest with a copy of @value; returns whether it changed.
 * The same contract as g_set_str(), which needs GLib 2.76 (our floor is 2.74).
 */
static inline gboolean
hearth_set_str (char       **dest,
                const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;

  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

/*
 * hearth_backoff_ms:
 * An exponential backoff with jitter: @base_ms doubled @doublings times, capped at @max_ms,
 * then spread by ±50 % so that clients that lost a server together do not all come back at
 * the same instant. At least 1 ms.
 */
static inline guint
hearth_backoff_ms (guint base_ms,
                   guint max_ms,
                   guint doublings)
{
  double delay = base_ms;

  for (guint i = 0; i < doublings && delay < max_ms; i++)
    delay *= 2;
  delay = MIN (delay, (double) max_ms);
  delay *= g_random_double_range (0.5, 1.5);

  return (guint) MAX (delay, 1.0);
}

G_END_DECLS
