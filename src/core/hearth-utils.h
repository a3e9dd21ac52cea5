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

G_END_DECLS
