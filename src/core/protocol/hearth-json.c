/* hearth-json.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-json"

#include "config.h"

#include <string.h>

#include "hearth-json.h"

G_DEFINE_QUARK (hearth-json-error-quark, hearth_json_error)

/* Scans for the deepest array/object nesting outside strings. Stops early once past the
 * limit, so a 10,000-deep document costs no more than a 65-deep one. */
static gboolean
check_depth (const char *text,
             gsize       length,
             GError    **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '[':
        case '{':
          if (++depth > HEARTH_JSON_MAX_DEPTH)
            {
              g_set_error (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_TOO_DEEP,
                           "JSON nested deeper than %d levels", HEARTH_JSON_MAX_DEPTH);
              return FALSE;
            }
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;

        default:
          break;
        }
    }

  return TRUE;
}

JsonNode *
hearth_json_parse (const char  *text,
                   gssize       length,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;

  if (len == 0)
    {
      g_set_error_literal (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_EMPTY, "Empty JSON text");
      return NULL;
    }

  /* json-glib would validate too, but it rejects embedded NULs inconsistently; be explicit. */
  if (!g_utf8_validate_len (text, len, NULL))
    {
      g_set_error_literal (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_INVALID_UTF8,
                           "JSON text is not valid UTF-8");
      return NULL;
    }

  if (!check_depth (text, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) len, &local_error))
    {
      g_set_error (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_SYNTAX,
                   "Invalid JSON: %s", local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_EMPTY, "Empty JSON text");
      return NULL;
    }

  return json_parser_steal_root (parser);
}

char *
hearth_json_to_string (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  return json_to_string (node, FALSE);
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  if (object == NULL || member == NULL)
    return NULL;

  return json_object_get_member (object, member);
}

JsonObject *
hearth_json_object_get_object (JsonObject *object,
                               const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
hearth_json_object_get_array (JsonObject *object,
                              const char *member)
{
  JsonNode *node = get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
hearth_json_object_get_string (JsonObject *object,
                               const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
hearth_json_object_get_number (JsonObject *object,
                               const char *member,
                               double     *out_value)
{
  JsonNode *node = get_member (object, member);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out_value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out_value = json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

gboolean
hearth_json_object_get_bool (JsonObject *object,
                             const char *member,
                             gboolean   *out_value)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;

  *out_value = json_node_get_boolean (node);
  return TRUE;
}
