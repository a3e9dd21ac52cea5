/* hearth-json.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hearth-json.h"
#include "hearth-json-private.h"

G_DEFINE_QUARK (hearth-json-error-quark, hearth_json_error)

/* json-glib 1.6 is a lenient parser: it accepts single-quoted strings, comments, hex and
 * leading-zero numbers, raw control characters and trailing data ("[1][2]"), silently wraps
 * integers that do not fit in 64 bits and turns 1e999 into infinity (which its generator
 * then writes as the invalid "inf.0"). Its parser also recurses once per nesting level.
 * So untrusted text is first checked against the strict RFC 8259 grammar below, in one
 * pass without recursion, and only then handed to json-glib. */

typedef enum
{
  STATE_VALUE,         /* a value is expected */
  STATE_FIRST_VALUE,   /* just after '[': a value or ']' */
  STATE_KEY,           /* after ',' in an object: a member name */
  STATE_FIRST_KEY,     /* just after '{': a member name or '}' */
  STATE_AFTER_VALUE,   /* after a complete value */
} ScanState;

typedef struct
{
  const guchar *start;
  const guchar *p;
  const guchar *end;
} Scanner;

static gboolean
scan_fail (Scanner     *scanner,
           GError     **error,
           const char  *what)
{
  if (scanner->p >= scanner->end)
    g_set_error (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_SYNTAX,
                 "Invalid JSON: %s at end of text", what);
  else
    g_set_error (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_SYNTAX,
                 "Invalid JSON: %s at byte %" G_GSIZE_FORMAT,
                 what, (gsize) (scanner->p - scanner->start));
  return FALSE;
}

static inline void
skip_whitespace (Scanner *scanner)
{
  while (scanner->p < scanner->end &&
         (*scanner->p == ' ' || *scanner->p == '\n' || *scanner->p == '\r' || *scanner->p == '\t'))
    scanner->p++;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the 4 hex digits of a \u escape; scanner->p is on the 'u'. */
static gboolean
scan_unicode_escape (Scanner   *scanner,
                     gunichar  *out_value)
{
  gunichar value = 0;

  if (scanner->end - scanner->p < 5)
    return FALSE;

  for (guint i = 1; i <= 4; i++)
    {
      int digit = hex_value (scanner->p[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (gunichar) digit;
    }

  scanner->p += 5;
  *out_value = value;
  return TRUE;
}

/* scanner->p is on the opening quote. The text is already known to be valid UTF-8. */
static gboolean
scan_string (Scanner  *scanner,
             GError  **error)
{
  scanner->p++;

  for (;;)
    {
      guchar c;

      if (scanner->p >= scanner->end)
        return scan_fail (scanner, error, "unterminated string");

      c = *scanner->p;

      if (c == '"')
        {
          scanner->p++;
          return TRUE;
        }

      if (c < 0x20)
        return scan_fail (scanner, error, "unescaped control character in string");

      if (c != '\\')
        {
          scanner->p++;
          continue;
        }

      scanner->p++;
      if (scanner->p >= scanner->end)
        return scan_fail (scanner, error, "unterminated string");

      switch (*scanner->p)
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          scanner->p++;
          break;

        case 'u':
          {
            gunichar value;

            if (!scan_unicode_escape (scanner, &value))
              return scan_fail (scanner, error, "invalid \\u escape");

            /* json-glib stores strings NUL-terminated: "\u0000" would silently cut them. */
            if (value == 0)
              return scan_fail (scanner, error, "\\u0000 in string is not supported");

            if (value >= 0xDC00 && value <= 0xDFFF)
              return scan_fail (scanner, error, "unpaired low surrogate in string");

            if (value >= 0xD800 && value <= 0xDBFF)
              {
                gunichar low;

                if (scanner->end - scanner->p < 2 || scanner->p[0] != '\\' || scanner->p[1] != 'u')
                  return scan_fail (scanner, error, "unpaired high surrogate in string");
                scanner->p++;
                if (!scan_unicode_escape (scanner, &low) || low < 0xDC00 || low > 0xDFFF)
                  return scan_fail (scanner, error, "unpaired high surrogate in string");
              }
          }
          break;

        default:
          return scan_fail (scanner, error, "invalid escape in string");
        }
    }
}

static gsize
scan_digits (Scanner *scanner)
{
  const guchar *begin = scanner->p;

  while (scanner->p < scanner->end && g_ascii_isdigit (*scanner->p))
    scanner->p++;

  return (gsize) (scanner->p - begin);
}

/* scanner->p is on '-' or a digit. */
static gboolean
scan_number (Scanner  *scanner,
             GError  **error)
{
  const guchar *begin = scanner->p;
  gboolean negative = FALSE;
  gboolean is_integer = TRUE;
  gboolean has_exponent = FALSE;
  gsize int_digits;

  if (*scanner->p == '-')
    {
      negative = TRUE;
      scanner->p++;
    }

  if (scanner->p >= scanner->end || !g_ascii_isdigit (*scanner->p))
    return scan_fail (scanner, error, "invalid number");

  if (*scanner->p == '0')
    {
      scanner->p++;
      int_digits = 1;
      if (scanner->p < scanner->end && g_ascii_isdigit (*scanner->p))
        return scan_fail (scanner, error, "leading zero in number");
    }
  else
    {
      int_digits = scan_digits (scanner);
    }

  if (scanner->p < scanner->end && *scanner->p == '.')
    {
      is_integer = FALSE;
      scanner->p++;
      if (scan_digits (scanner) == 0)
        return scan_fail (scanner, error, "invalid number");
    }

  if (scanner->p < scanner->end && (*scanner->p == 'e' || *scanner->p == 'E'))
    {
      is_integer = FALSE;
      has_exponent = TRUE;
      scanner->p++;
      if (scanner->p < scanner->end && (*scanner->p == '+' || *scanner->p == '-'))
        scanner->p++;
      if (scan_digits (scanner) == 0)
        return scan_fail (scanner, error, "invalid number");
    }

  if (is_integer)
    {
      /* json-glib reads integers as gint64 and wraps on overflow: refuse instead. */
      static const char max_digits[] = "9223372036854775807";
      static const char min_digits[] = "9223372036854775808";
      const char *limit = negative ? min_digits : max_digits;

      if (int_digits > 19 ||
          (int_digits == 19 && memcmp (scanner->p - 19, limit, 19) > 0))
        {
          scanner->p = begin;
          return scan_fail (scanner, error, "integer out of the 64-bit range");
        }
    }
  else if (has_exponent || int_digits > 300)
    {
      /* Only these can overflow a double; json-glib would make them infinite. */
      gsize len = (gsize) (scanner->p - begin);
      char buf[128];
      g_autofree char *heap = NULL;
      char *copy = buf;

      /* The text need not be NUL-terminated: strtod() reads a copy. Only absurdly long
       * numbers (a rare, hostile case) need the heap. */
      if (len >= sizeof buf)
        copy = heap = g_malloc (len + 1);
      memcpy (copy, begin, len);
      copy[len] = '\0';

      if (!isfinite (g_ascii_strtod (copy, NULL)))
        {
          scanner->p = begin;
          return scan_fail (scanner, error, "number out of the double range");
        }
    }

  return TRUE;
}

static gboolean
scan_literal (Scanner    *scanner,
              const char *literal,
              gsize       len,
              GError    **error)
{
  if ((gsize) (scanner->end - scanner->p) < len || memcmp (scanner->p, literal, len) != 0)
    return scan_fail (scanner, error, "unexpected character");

  scanner->p += len;
  return TRUE;
}

/* Checks @text against RFC 8259 with at most HEARTH_JSON_MAX_DEPTH nested containers.
 * Iterative: one bit per level says whether it is an object (1) or an array (0). */
static gboolean
validate_json (const char  *text,
               gsize        length,
               GError     **error)
{
  Scanner scanner = { (const guchar *) text, (const guchar *) text, (const guchar *) text + length };
  ScanState state = STATE_VALUE;
  guint64 object_bits = 0;
  guint depth = 0;

  G_STATIC_ASSERT (HEARTH_JSON_MAX_DEPTH <= 64);

  skip_whitespace (&scanner);
  if (scanner.p == scanner.end)
    {
      g_set_error_literal (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_EMPTY, "Empty JSON text");
      return FALSE;
    }

  for (;;)
    {
      skip_whitespace (&scanner);

      switch (state)
        {
        case STATE_FIRST_KEY:
          if (scanner.p < scanner.end && *scanner.p == '}')
            {
              scanner.p++;
              depth--;
              state = STATE_AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;

        case STATE_KEY:
          if (scanner.p >= scanner.end || *scanner.p != '"')
            return scan_fail (&scanner, error, "expected a member name");
          if (!scan_string (&scanner, error))
            return FALSE;
          skip_whitespace (&scanner);
          if (scanner.p >= scanner.end || *scanner.p != ':')
            return scan_fail (&scanner, error, "expected ':'");
          scanner.p++;
          state = STATE_VALUE;
          break;

        case STATE_FIRST_VALUE:
          if (scanner.p < scanner.end && *scanner.p == ']')
            {
              scanner.p++;
              depth--;
              state = STATE_AFTER_VALUE;
              break;
            }
          G_GNUC_FALLTHROUGH;

        case STATE_VALUE:
          if (scanner.p >= scanner.end)
            return scan_fail (&scanner, error, "expected a value");

          switch (*scanner.p)
            {
            case '{':
            case '[':
              if (depth >= HEARTH_JSON_MAX_DEPTH)
                {
                  g_set_error (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_TOO_DEEP,
                               "JSON nested deeper than %d levels", HEARTH_JSON_MAX_DEPTH);
                  return FALSE;
                }
              if (*scanner.p == '{')
                {
                  object_bits |= G_GUINT64_CONSTANT (1) << depth;
                  state = STATE_FIRST_KEY;
                }
              else
                {
                  object_bits &= ~(G_GUINT64_CONSTANT (1) << depth);
                  state = STATE_FIRST_VALUE;
                }
              depth++;
              scanner.p++;
              continue;

            case '"':
              if (!scan_string (&scanner, error))
                return FALSE;
              break;

            case 't':
              if (!scan_literal (&scanner, "true", 4, error))
                return FALSE;
              break;

            case 'f':
              if (!scan_literal (&scanner, "false", 5, error))
                return FALSE;
              break;

            case 'n':
              if (!scan_literal (&scanner, "null", 4, error))
                return FALSE;
              break;

            case '-':
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
              if (!scan_number (&scanner, error))
                return FALSE;
              break;

            default:
              return scan_fail (&scanner, error, "unexpected character");
            }
          state = STATE_AFTER_VALUE;
          break;

        case STATE_AFTER_VALUE:
          if (depth == 0)
            {
              if (scanner.p != scanner.end)
                return scan_fail (&scanner, error, "trailing data");
              return TRUE;
            }

          if (scanner.p >= scanner.end)
            return scan_fail (&scanner, error, "unterminated array or object");

          if (object_bits & (G_GUINT64_CONSTANT (1) << (depth - 1)))
            {
              if (*scanner.p == ',')
                state = STATE_KEY;
              else if (*scanner.p == '}')
                depth--;
              else
                return scan_fail (&scanner, error, "expected ',' or '}'");
            }
          else
            {
              if (*scanner.p == ',')
                state = STATE_VALUE;
              else if (*scanner.p == ']')
                depth--;
              else
                return scan_fail (&scanner, error, "expected ',' or ']'");
            }
          scanner.p++;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Creating a JsonParser per call costs about 12 % of a typical event's decode time, so each
 * thread keeps one. Safe: nothing connects to its signals, and it never calls back out. */
static GPrivate parser_key = G_PRIVATE_INIT (g_object_unref);

static JsonParser *
get_thread_parser (void)
{
  JsonParser *parser = g_private_get (&parser_key);

  if (G_UNLIKELY (parser == NULL))
    {
      parser = json_parser_new_immutable ();
      g_private_set (&parser_key, parser);
    }

  return parser;
}

gboolean
_hearth_json_validate (const char  *text,
                       gsize        length,
                       GError     **error)
{
  return validate_json (text, length, error);
}

JsonNode *
hearth_json_parse (const char  *text,
                   gssize       length,
                   GError     **error)
{
  gsize len;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;

  /* g_utf8_validate_len() also refuses NUL bytes, which JSON never allows outside strings
   * and json-glib cannot represent inside them. */
  if (len > 0 && !g_utf8_validate_len (text, len, NULL))
    {
      g_set_error_literal (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_INVALID_UTF8,
                           "JSON text is not valid UTF-8");
      return NULL;
    }

  return _hearth_json_parse_utf8 (text, len, error);
}

JsonNode *
_hearth_json_parse_utf8 (const char  *text,
                         gsize        len,
                         GError     **error)
{
  JsonParser *parser;
  g_autoptr(GError) local_error = NULL;

  if (len == 0)
    {
      g_set_error_literal (error, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_EMPTY, "Empty JSON text");
      return NULL;
    }

  if (!validate_json (text, len, error))
    return NULL;

  parser = get_thread_parser ();
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

/* Serialisation. json-glib 1.6's generator writes doubles with "%.17g" plus ".0" when there
 * is no '.', which gives invalid JSON for 1e21 ("1e+21.0") and infinities ("inf.0"), so
 * Hearth writes JSON itself: compact, members in insertion order, always valid UTF-8. */

static void
append_escaped (GString    *out,
                const char *str,
                gsize       len)
{
  const char *run = str;
  const char *end = str + len;

  for (const char *p = str; p < end; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
    }

  g_string_append_len (out, run, end - run);
}

static void
append_string (GString    *out,
               const char *str)
{
  gsize len = strlen (str);

  g_string_append_c (out, '"');

  if (G_LIKELY (g_utf8_validate_len (str, len, NULL)))
    {
      append_escaped (out, str, len);
    }
  else
    {
      /* Only reachable for nodes built by hand: never emit invalid UTF-8. */
      g_autofree char *valid = g_utf8_make_valid (str, (gssize) len);

      append_escaped (out, valid, strlen (valid));
    }

  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      /* JSON has no infinities or NaN; JSON.stringify() writes null too. */
      g_string_append (out, "null");
      return;
    }

  /* The shortest of %.15g..%.17g that reads back exactly ("0.1", not "0.10000000000000001"). */
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    {
      g_ascii_formatd (buf, sizeof buf, "%.16g", value);
      if (g_ascii_strtod (buf, NULL) != value)
        g_ascii_formatd (buf, sizeof buf, "%.17g", value);
    }

  g_string_append (out, buf);

  /* Keep it a double when read back (1.0 must not come back as the integer 1). */
  if (strpbrk (buf, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void append_node (GString  *out,
                         JsonNode *node);

typedef struct
{
  GString  *out;
  gboolean  first;
} MemberClosure;

static void
append_member (JsonObject  *object,
               const char  *member_name,
               JsonNode    *member_node,
               gpointer     user_data)
{
  MemberClosure *closure = user_data;

  if (!closure->first)
    g_string_append_c (closure->out, ',');
  closure->first = FALSE;

  append_string (closure->out, member_name);
  g_string_append_c (closure->out, ':');
  append_node (closure->out, member_node);
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        MemberClosure closure = { out, TRUE };

        g_string_append_c (out, '{');
        json_object_foreach_member (json_node_get_object (node), append_member, &closure);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING && json_node_get_string (node) != NULL)
          append_string (out, json_node_get_string (node));
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else if (type == G_TYPE_DOUBLE)
          append_double (out, json_node_get_double (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else
          g_string_append (out, "null");
      }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
hearth_json_to_string (JsonNode *node)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_sized_new (64);
  append_node (out, node);

  return g_string_free (out, FALSE);
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
    {
      if (out_value != NULL)
        *out_value = (double) json_node_get_int (node);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      if (out_value != NULL)
        *out_value = json_node_get_double (node);
    }
  else
    {
      return FALSE;
    }

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

  if (out_value != NULL)
    *out_value = json_node_get_boolean (node);
  return TRUE;
}
