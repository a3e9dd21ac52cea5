/* test-json.c: hardened JSON parsing and serialisation (hearth-json.c)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-test-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hearth-json.h"

static JsonNode *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = hearth_json_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_parse_error (const char *text,
                    gssize      length,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = hearth_json_parse (text, length, &error);

  g_assert_null (node);
  g_assert_error (error, HEARTH_JSON_ERROR, code);
  g_assert_nonnull (error->message);
}

/* Parses @text and checks that it serialises to @expected. */
static void
assert_round_trip (const char *text,
                   const char *expected)
{
  g_autoptr(JsonNode) node = parse_ok (text);
  g_autofree char *out = hearth_json_to_string (node);

  g_assert_cmpstr (out, ==, expected);
}

static char *
nested_arrays (guint depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');

  return g_string_free (s, FALSE);
}

static void
test_json_valid (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) scalar = NULL;
  JsonObject *object;
  JsonArray *array;
  double number = 0;
  gboolean flag = FALSE;

  node = parse_ok (" {\"name\":\"Raj\",\"age\":31,\"score\":7.5,\"online\":true,"
                   "\"tags\":[\"a\",null,{\"x\":[]}],\"chat\":{\"_id\":\"c1\"},\"none\":null} \n");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);

  g_assert_cmpstr (hearth_json_object_get_string (object, "name"), ==, "Raj");
  g_assert_true (hearth_json_object_get_number (object, "age", &number));
  g_assert_cmpfloat (number, ==, 31);
  g_assert_true (hearth_json_object_get_number (object, "score", &number));
  g_assert_cmpfloat (number, ==, 7.5);
  g_assert_true (hearth_json_object_get_bool (object, "online", &flag));
  g_assert_true (flag);

  array = hearth_json_object_get_array (object, "tags");
  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_array_get_element (array, 1)));

  g_assert_cmpstr (hearth_json_object_get_string (hearth_json_object_get_object (object, "chat"),
                                                  "_id"), ==, "c1");

  /* Parsed trees are immutable: they are shared by frames, events and the store. */
  g_assert_true (json_node_is_immutable (node));

  /* RFC 8259 allows any value at the top level. */
  scalar = parse_ok ("\"just a string\"");
  g_assert_cmpstr (json_node_get_string (scalar), ==, "just a string");
}

static void
test_json_explicit_length (void)
{
  g_autoptr(JsonNode) node = NULL;
  const char text[] = "[1,2]garbage";

  /* Only the first 5 bytes are JSON; the rest must not be read. */
  node = hearth_json_parse (text, 5, NULL);
  g_assert_nonnull (node);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 2);

  assert_parse_error (text, sizeof text - 1, HEARTH_JSON_ERROR_SYNTAX);
}

static void
test_json_invalid (void)
{
  static const char * const cases[] = {
    "{",
    "[",
    "]",
    "[1,]",
    "{\"a\":1,}",
    "{\"a\" 1}",
    "{a:1}",
    "{1:2}",
    "[1 2]",
    "[1][2]",           /* json-glib alone ignores the second value */
    "[1] x",
    "true false",
    "['single']",       /* json-glib alone accepts single quotes */
    "/* c */ [1]",      /* ... and comments */
    "[1] /* c */",
    "[0x10]",           /* ... and hex */
    "[01]",             /* ... and leading zeros */
    "[1.]",
    "[.5]",
    "[1.e5]",
    "[+1]",
    "[-]",
    "[1e]",
    "[NaN]",
    "[Infinity]",
    "[TRUE]",
    "[nul]",
    "[\"tab\there\"]",  /* raw control character */
    "[\"a\\x\"]",       /* invalid escape */
    "[\"\\u12\"]",
    "[\"\\uzzzz\"]",
    "[\"unterminated]",
    "\"abc",
    "{\"a\":1}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u: %s", i, cases[i]);
      assert_parse_error (cases[i], -1, HEARTH_JSON_ERROR_SYNTAX);
    }
}

static void
test_json_depth (void)
{
  g_autofree char *ok = nested_arrays (HEARTH_JSON_MAX_DEPTH);
  g_autofree char *too_deep = nested_arrays (HEARTH_JSON_MAX_DEPTH + 1);
  g_autofree char *very_deep = nested_arrays (10000);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) objects = g_string_new (NULL);
  JsonNode *inner;
  guint depth = 0;

  g_assert_cmpint (HEARTH_JSON_MAX_DEPTH, ==, 64);

  node = parse_ok (ok);
  for (inner = node; JSON_NODE_HOLDS_ARRAY (inner); depth++)
    {
      JsonArray *array = json_node_get_array (inner);

      if (json_array_get_length (array) == 0)
        {
          depth++;
          break;
        }
      inner = json_array_get_element (array, 0);
    }
  g_assert_cmpuint (depth, ==, 64);

  assert_parse_error (too_deep, -1, HEARTH_JSON_ERROR_TOO_DEEP);
  assert_parse_error (very_deep, -1, HEARTH_JSON_ERROR_TOO_DEEP);

  /* Objects count too: 64 levels of {"a":...} plus one array is 65. */
  for (guint i = 0; i < 64; i++)
    g_string_append (objects, "{\"a\":");
  g_string_append (objects, "1");
  for (guint i = 0; i < 64; i++)
    g_string_append_c (objects, '}');
  g_clear_pointer (&node, json_node_unref);
  node = parse_ok (objects->str);

  g_string_truncate (objects, 0);
  for (guint i = 0; i < 64; i++)
    g_string_append (objects, "{\"a\":");
  g_string_append (objects, "[]");
  for (guint i = 0; i < 64; i++)
    g_string_append_c (objects, '}');
  assert_parse_error (objects->str, -1, HEARTH_JSON_ERROR_TOO_DEEP);
}

/* json-glib accepts single-quoted strings and comments. A depth scan that only knows
 * double-quoted strings can be tricked by a '"' inside them into skipping the rest of the
 * text, letting a very deep document reach json-glib's recursive parser (stack overflow). */
static void
test_json_depth_check_not_fooled (void)
{
  g_autofree char *deep = nested_arrays (100000);
  g_autofree char *single_quote = g_strdup_printf ("['\"', %s]", deep);
  g_autofree char *comment = g_strdup_printf ("[/* \" */ %s]", deep);

  assert_parse_error (single_quote, -1, HEARTH_JSON_ERROR_SYNTAX);
  assert_parse_error (comment, -1, HEARTH_JSON_ERROR_SYNTAX);
}

static void
test_json_brackets_in_strings (void)
{
  g_autoptr(GString) text = g_string_new ("[\"");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) object = NULL;
  JsonArray *array;

  /* 200 brackets inside a string are not nesting. */
  for (guint i = 0; i < 100; i++)
    g_string_append (text, "[{");
  g_string_append (text, "\", \"]]]}}}\"]");

  node = parse_ok (text->str);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpuint (strlen (json_array_get_string_element (array, 0)), ==, 200);
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "]]]}}}");

  object = parse_ok ("{\"a\":\"}{\",\"b]\":\"[\"}");
  g_assert_cmpstr (hearth_json_object_get_string (json_node_get_object (object), "a"), ==, "}{");
  g_assert_cmpstr (hearth_json_object_get_string (json_node_get_object (object), "b]"), ==, "[");
}

static void
test_json_escaped_quotes (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *deep = nested_arrays (HEARTH_JSON_MAX_DEPTH);
  g_autofree char *backslash_then_deep = NULL;
  JsonArray *array;

  node = parse_ok ("[\"say \\\"[hi]\\\"\", \"back\\\\\", \"\\/\\b\\f\\n\\r\\t\"]");
  array = json_node_get_array (node);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "say \"[hi]\"");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "back\\");
  g_assert_cmpstr (json_array_get_string_element (array, 2), ==, "/\b\f\n\r\t");

  /* A string ending in an escaped backslash ends at the next quote: the 64 arrays after it
   * are nesting, one level below the outer array, so 65 in all. */
  backslash_then_deep = g_strdup_printf ("[\"\\\\\", %s]", deep);
  assert_parse_error (backslash_then_deep, -1, HEARTH_JSON_ERROR_TOO_DEEP);

  /* An escaped quote does not end the string: the brackets stay inside it. */
  g_clear_pointer (&node, json_node_unref);
  node = parse_ok ("[\"\\\"[[[[\"]");
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 0), ==, "\"[[[[");
}

static void
test_json_unicode_escapes (void)
{
  g_autoptr(JsonNode) node = parse_ok ("[\"\\u00e9\", \"\\ud83d\\ude00\", \"caf\xc3\xa9\"]");
  JsonArray *array = json_node_get_array (node);

  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "\xc3\xa9");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (json_array_get_string_element (array, 2), ==, "caf\xc3\xa9");

  assert_parse_error ("[\"\\ud83d\"]", -1, HEARTH_JSON_ERROR_SYNTAX);
  assert_parse_error ("[\"\\ud83dx\"]", -1, HEARTH_JSON_ERROR_SYNTAX);
  assert_parse_error ("[\"\\ud83d\\u0041\"]", -1, HEARTH_JSON_ERROR_SYNTAX);
  assert_parse_error ("[\"\\ude00\"]", -1, HEARTH_JSON_ERROR_SYNTAX);
  /* json-glib would cut the string at the NUL: refused rather than truncated. */
  assert_parse_error ("[\"a\\u0000b\"]", -1, HEARTH_JSON_ERROR_SYNTAX);
}

static void
test_json_invalid_utf8 (void)
{
  static const char nul_inside[] = "[\"a\0b\"]";

  assert_parse_error ("[\"\xff\"]", -1, HEARTH_JSON_ERROR_INVALID_UTF8);
  assert_parse_error ("[\"\xc0\xaf\"]", -1, HEARTH_JSON_ERROR_INVALID_UTF8);   /* overlong */
  assert_parse_error ("[\"\xed\xa0\x80\"]", -1, HEARTH_JSON_ERROR_INVALID_UTF8); /* surrogate */
  assert_parse_error ("[\"\xe2\x82\"]", -1, HEARTH_JSON_ERROR_INVALID_UTF8);   /* truncated */
  assert_parse_error ("\xef\xbb\xbf[1]", -1, HEARTH_JSON_ERROR_SYNTAX);        /* BOM: valid UTF-8, not JSON */
  assert_parse_error (nul_inside, sizeof nul_inside - 1, HEARTH_JSON_ERROR_INVALID_UTF8);
}

static void
test_json_empty (void)
{
  assert_parse_error ("", -1, HEARTH_JSON_ERROR_EMPTY);
  assert_parse_error ("", 0, HEARTH_JSON_ERROR_EMPTY);
  assert_parse_error (NULL, 0, HEARTH_JSON_ERROR_EMPTY);
  assert_parse_error (" \t\r\n ", -1, HEARTH_JSON_ERROR_EMPTY);
}

static void
test_json_numbers (void)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  node = parse_ok ("[9223372036854775807, -9223372036854775808, 0, -0, 1.5, 1e21, 1E-400]");
  array = json_node_get_array (node);
  g_assert_cmpint (json_array_get_int_element (array, 0), ==, G_MAXINT64);
  g_assert_cmpint (json_array_get_int_element (array, 1), ==, G_MININT64);
  g_assert_cmpint (json_array_get_int_element (array, 2), ==, 0);
  g_assert_cmpint (json_array_get_int_element (array, 3), ==, 0);
  g_assert_cmpfloat (json_array_get_double_element (array, 4), ==, 1.5);
  g_assert_cmpfloat (json_array_get_double_element (array, 5), ==, 1e21);
  g_assert_cmpfloat (json_array_get_double_element (array, 6), ==, 0.0);

  /* json-glib alone wraps these silently (to -9223372036854775808 and -1). */
  assert_parse_error ("[9223372036854775808]", -1, HEARTH_JSON_ERROR_SYNTAX);
  assert_parse_error ("[-9223372036854775809]", -1, HEARTH_JSON_ERROR_SYNTAX);
  assert_parse_error ("[123456789012345678901]", -1, HEARTH_JSON_ERROR_SYNTAX);
  /* ... and turns these into infinities. */
  assert_parse_error ("[1e400]", -1, HEARTH_JSON_ERROR_SYNTAX);
  assert_parse_error ("[-1.5E+999]", -1, HEARTH_JSON_ERROR_SYNTAX);
}

static void
test_json_getters_wrong_types (void)
{
  g_autoptr(JsonNode) node = parse_ok ("{\"s\":\"text\",\"n\":3,\"d\":2.5,\"b\":false,"
                                       "\"z\":null,\"a\":[1],\"o\":{}}");
  JsonObject *object = json_node_get_object (node);
  double number = -1;
  gboolean flag = TRUE;

  g_assert_null (hearth_json_object_get_string (object, "n"));
  g_assert_null (hearth_json_object_get_string (object, "z"));
  g_assert_null (hearth_json_object_get_string (object, "a"));
  g_assert_null (hearth_json_object_get_string (object, "missing"));
  g_assert_null (hearth_json_object_get_object (object, "a"));
  g_assert_null (hearth_json_object_get_object (object, "s"));
  g_assert_null (hearth_json_object_get_object (object, "z"));
  g_assert_null (hearth_json_object_get_array (object, "o"));
  g_assert_null (hearth_json_object_get_array (object, "n"));
  g_assert_nonnull (hearth_json_object_get_array (object, "a"));
  g_assert_nonnull (hearth_json_object_get_object (object, "o"));

  g_assert_false (hearth_json_object_get_number (object, "s", &number));
  g_assert_false (hearth_json_object_get_number (object, "b", &number));
  g_assert_false (hearth_json_object_get_number (object, "z", &number));
  g_assert_false (hearth_json_object_get_number (object, "o", &number));
  g_assert_cmpfloat (number, ==, -1);
  g_assert_true (hearth_json_object_get_number (object, "d", &number));
  g_assert_cmpfloat (number, ==, 2.5);

  g_assert_false (hearth_json_object_get_bool (object, "n", &flag));
  g_assert_false (hearth_json_object_get_bool (object, "s", &flag));
  g_assert_false (hearth_json_object_get_bool (object, "missing", &flag));
  g_assert_true (flag);
  g_assert_true (hearth_json_object_get_bool (object, "b", &flag));
  g_assert_false (flag);

  /* A NULL object (e.g. from a failed get_object) is not an error either. */
  g_assert_null (hearth_json_object_get_string (NULL, "s"));
  g_assert_null (hearth_json_object_get_object (hearth_json_object_get_object (object, "s"), "x"));
  g_assert_false (hearth_json_object_get_number (NULL, "n", &number));
  g_assert_false (hearth_json_object_get_bool (NULL, "b", &flag));
}

static void
test_json_to_string (void)
{
  g_autoptr(JsonNode) built = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *out = NULL;

  assert_round_trip (" { \"b\" : [ 1 , 2.5 , true , null ] , \"a\" : { } , \"c\" : [ ] } ",
                     "{\"b\":[1,2.5,true,null],\"a\":{},\"c\":[]}");
  assert_round_trip ("[\"q\\\"b\\\\s\\/\\n\\t\\u0001\\u001f\\u00e9\"]",
                     "[\"q\\\"b\\\\s/\\n\\t\\u0001\\u001f\xc3\xa9\"]");
  /* Doubles: shortest exact form, still a double when read back, and never the invalid
   * "1e+21.0" json-glib's own generator writes. */
  assert_round_trip ("[0.1, 1.0, -0.0, 1e21, 1.5e300, 5e-324, 100, 123456.789]",
                     "[0.1,1.0,-0.0,1e+21,1.5e+300,4.94065645841247e-324,100,123456.789]");

  /* Non-finite numbers can only come from hand-built nodes: written as null, like
   * JSON.stringify() does. */
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, INFINITY);
  json_builder_add_double_value (builder, NAN);
  json_builder_add_string_value (builder, "bad \xff utf8");
  json_builder_end_array (builder);
  built = json_builder_get_root (builder);
  out = hearth_json_to_string (built);
  g_assert_cmpstr (out, ==, "[null,null,\"bad \xef\xbf\xbd utf8\"]");
}

static void
test_json_to_string_round_trips (void)
{
  static const char * const cases[] = {
    ("{\"event\":\"messages-received\",\"data\":{\"_id\":\"m1\",\"content\":\"hi \\\"you\\\"\","
     "\"createdAt\":\"2026-01-01T00:00:00Z\",\"reel\":null,\"n\":[1,-2,3.25]}}"),
    "[1e+22,2e-07,0.30000000000000004,-123456789.125,9007199254740993]",
    "\"\\ud83d\\ude00\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) first = parse_ok (cases[i]);
      g_autofree char *text = hearth_json_to_string (first);
      g_autoptr(JsonNode) second = parse_ok (text);

      g_test_message ("case %u: %s -> %s", i, cases[i], text);
      g_assert_true (json_node_equal (first, second));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/Json/valid", test_json_valid);
  g_test_add_func ("/Hearth/Json/explicit-length", test_json_explicit_length);
  g_test_add_func ("/Hearth/Json/invalid", test_json_invalid);
  g_test_add_func ("/Hearth/Json/depth", test_json_depth);
  g_test_add_func ("/Hearth/Json/depth-check-not-fooled", test_json_depth_check_not_fooled);
  g_test_add_func ("/Hearth/Json/brackets-in-strings", test_json_brackets_in_strings);
  g_test_add_func ("/Hearth/Json/escaped-quotes", test_json_escaped_quotes);
  g_test_add_func ("/Hearth/Json/unicode-escapes", test_json_unicode_escapes);
  g_test_add_func ("/Hearth/Json/invalid-utf8", test_json_invalid_utf8);
  g_test_add_func ("/Hearth/Json/empty", test_json_empty);
  g_test_add_func ("/Hearth/Json/numbers", test_json_numbers);
  g_test_add_func ("/Hearth/Json/getters-wrong-types", test_json_getters_wrong_types);
  g_test_add_func ("/Hearth/Json/to-string", test_json_to_string);
  g_test_add_func ("/Hearth/Json/to-string-round-trips", test_json_to_string_round_trips);

  return g_test_run ();
}
