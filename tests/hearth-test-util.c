/* hearth-test-util.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hearth-json.h"
#include "hearth-test-util.h"

static void
sample_free (gpointer data)
{
  HearthTestSample *sample = data;

  g_free (sample->name);
  g_free (sample->data_json);
  g_free (sample);
}

/* Removes commas that stand before a closing brace or bracket (outside strings). */
static char *
strip_trailing_commas (const char *text,
                       gsize       length)
{
  GString *out = g_string_sized_new (length);
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          g_string_append_c (out, c);
          if (c == '\\' && i + 1 < length)
            g_string_append_c (out, text[++i]);
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == ',')
        {
          gsize j = i + 1;

          while (j < length && g_ascii_isspace (text[j]))
            j++;
          if (j < length && (text[j] == '}' || text[j] == ']'))
            continue;
        }

      g_string_append_c (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Returns the end (exclusive) of the balanced JSON object starting at @start. */
static gsize
object_end (const char *text,
            gsize       start,
            gsize       length)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = start; i < length; i++)
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

      if (c == '"')
        in_string = TRUE;
      else if (c == '{')
        depth++;
      else if (c == '}' && --depth == 0)
        return i + 1;
    }

  return 0;
}

GPtrArray *
hearth_test_load_seed_samples (void)
{
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (sample_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *path = g_getenv ("HEARTH_SEED_EVENTS");
  const char *emitting;
  const char *errors;
  gsize length = 0;

  g_assert_nonnull (path);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  emitting = strstr (contents, "Socket Events for Emitting");
  errors = strstr (contents, "Socket Error Events");
  g_assert_nonnull (emitting);
  g_assert_nonnull (errors);
  g_assert_true (emitting < errors);

  for (gsize i = 0; i < length; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *clean = NULL;
      JsonObject *object;
      HearthTestSample *sample;
      gsize end;
      gsize j = i + 1;

      /* "interface Payload { event: ..." is TypeScript, not a payload. */
      if (contents[i] != '{')
        continue;
      while (j < length && g_ascii_isspace (contents[j]))
        j++;
      if (strncmp (contents + j, "\"event\"", 7) != 0)
        continue;

      end = object_end (contents, i, length);
      g_assert_cmpuint (end, >, i);

      clean = strip_trailing_commas (contents + i, end - i);
      root = hearth_json_parse (clean, -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

      object = json_node_get_object (root);
      sample = g_new0 (HearthTestSample, 1);
      sample->section = contents + i < emitting ? HEARTH_TEST_SECTION_LISTENING
                      : contents + i < errors ? HEARTH_TEST_SECTION_EMITTING
                      : HEARTH_TEST_SECTION_ERRORS;
      sample->name = g_strdup (json_object_get_string_member (object, "event"));
      sample->data_json = hearth_json_to_string (json_object_get_member (object, "data"));
      g_ptr_array_add (samples, sample);

      i = end - 1;
    }

  return g_steal_pointer (&samples);
}

static gboolean
deadline_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
hearth_test_wait_for_flag (gboolean *flag,
                           guint     timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, deadline_cb, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return *flag;
}

gboolean
hearth_test_wait_for_count (guint *counter,
                            guint  target,
                            guint  timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, deadline_cb, &expired);

  while (*counter < target && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return *counter >= target;
}

static int
get_enum (gpointer    object,
          const char *property)
{
  int value = 0;

  g_object_get (object, property, &value, NULL);
  return value;
}

gboolean
hearth_test_wait_for_enum (gpointer    object,
                           const char *property,
                           int         value,
                           guint       timeout_ms)
{
  gboolean expired = FALSE;
  guint id = g_timeout_add (timeout_ms, deadline_cb, &expired);

  while (get_enum (object, property) != value && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (!expired)
    g_source_remove (id);

  return get_enum (object, property) == value;
}

void
hearth_test_spin (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, deadline_cb, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

char *
hearth_test_seed_me_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *contents = NULL;
  const char *path = g_getenv ("HEARTH_SEED_FIXTURE");
  JsonArray *users;
  gsize length = 0;

  g_assert_nonnull (path);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  root = hearth_json_parse (contents, (gssize) length, &error);
  g_assert_no_error (error);

  users = hearth_json_object_get_array (json_node_get_object (root), "users");
  g_assert_nonnull (users);
  g_assert_cmpuint (json_array_get_length (users), >, 0);

  return g_strdup (json_object_get_string_member (json_array_get_object_element (users, 0),
                                                  "_id"));
}
