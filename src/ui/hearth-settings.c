/* hearth-settings.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-settings"

#include "config.h"

#include "hearth-settings.h"

/* The schema id is the base app id: the development profile shares the user's settings. */
#define SCHEMA_ID "io.github.hearthchat.Hearth"

GSettings *
hearth_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("The settings schema %s is not installed: defaults only", SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

HearthFraming
hearth_settings_framing_from_string (const char *framing)
{
  if (g_strcmp0 (framing, "socket.io") == 0)
    return HEARTH_FRAMING_SOCKET_IO;
  if (g_strcmp0 (framing, "envelope") == 0)
    return HEARTH_FRAMING_ENVELOPE;

  return HEARTH_FRAMING_AUTO;
}

const char *
hearth_settings_framing_to_string (HearthFraming framing)
{
  switch (framing)
    {
    case HEARTH_FRAMING_SOCKET_IO:
      return "socket.io";
    case HEARTH_FRAMING_ENVELOPE:
      return "envelope";
    case HEARTH_FRAMING_AUTO:
    default:
      return "auto";
    }
}
