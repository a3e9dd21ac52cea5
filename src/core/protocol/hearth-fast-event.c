/* hearth-fast-event.c: a single-pass decoder for the hot frame (messages-received/-sent)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-fast-event"

#include "config.h"

#include <string.h>

#include "hearth-event-private.h"
#include "hearth-fast-event.h"
#include "hearth-json-private.h"
#include "hearth-message.h"
#include "hearth-user.h"

/*
 * How it works: the frame passes the same checks as in hearth_codec_decode() (UTF-8, then the
 * strict RFC 8259 validator of hearth-json.c), so from then on the text is known to be valid
 * JSON and the scanner below only has to find the members it wants: values are located as spans
 * of the text (unknown members skipped whatever they hold), then the few strings needed are
 * copied once into a scratch buffer and handed to the model setters, in the same order and
 * with the same tolerance rules as hearth_parse_message() / hearth_parse_user().
 *
 * Every "return NULL" below means "not sure: let the general path decide", never "invalid".
 */

typedef enum
{
  SPAN_ABSENT = 0,
  SPAN_STRING,       /* start/end: the characters between the quotes */
  SPAN_NULL,
  SPAN_OBJECT,       /* start/end: from '{' to just after '}' */
  SPAN_OTHER,        /* number, boolean, array */
} SpanKind;

typedef struct
{
  const char *start;
  const char *end;
  SpanKind    kind;
  gboolean    escaped;   /* STRING with at least one backslash */
} Span;

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

typedef struct
{
  const char *name;
  gsize       len;
} Key;

#define KEY(str) { str, sizeof str - 1 }

/* Scratch space for the NUL-terminated copies of the strings used: each string is copied at
 * most once and is never longer than its span, so twice the frame is always enough. */
typedef struct
{
  char *p;
  char *end;
} Scratch;

enum { DATA_MESSAGE, DATA_CHAT, N_DATA_KEYS };
static const Key data_keys[N_DATA_KEYS] = { KEY ("message"), KEY ("chat") };

enum { ENVELOPE_EVENT, ENVELOPE_DATA, N_ENVELOPE_KEYS };
static const Key envelope_keys[N_ENVELOPE_KEYS] = { KEY ("event"), KEY ("data") };

enum
{
  MESSAGE_ID,
  MESSAGE_CHAT,
  MESSAGE_USER,
  MESSAGE_AT,
  MESSAGE_CONTENT,
  MESSAGE_REEL,
  MESSAGE_REEL_ALT,
  MESSAGE_CLIENT_ID,
  N_MESSAGE_KEYS
};
static const Key message_keys[N_MESSAGE_KEYS] = {
  KEY ("_id"), KEY ("chat"), KEY ("user"), KEY ("at"), KEY ("content"), KEY ("reel"),
  KEY ("reel?"), KEY ("clientId"),
};

enum { USER_ID, USER_NAME, USER_USERNAME, USER_PHOTO, USER_LAST_SEEN, N_USER_KEYS };
static const Key user_keys[N_USER_KEYS] = {
  KEY ("_id"), KEY ("name"), KEY ("username"), KEY ("photo"), KEY ("lastSeen"),
};

static const struct
{
  Key             name;
  HearthEventKind kind;
} hot_events[] = {
  { KEY ("messages-received"), HEARTH_EVENT_MESSAGES_RECEIVED },
  { KEY ("messages-sent"), HEARTH_EVENT_MESSAGES_SENT },
  { KEY ("message-received"), HEARTH_EVENT_MESSAGES_RECEIVED },
  { KEY ("message-sent"), HEARTH_EVENT_MESSAGES_SENT },
};

/* Scanning (the text is valid JSON: no bounds surprises, but stay defensive) */

static inline void
skip_ws (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t'))
    c->p++;
}

/* c->p is on the opening quote. */
static gboolean
scan_string (Cursor *c,
             Span   *out)
{
  const char *start = ++c->p;
  gboolean escaped = FALSE;

  while (c->p < c->end)
    {
      const char *quote_or_backslash = c->p;

      /* Runs of plain characters are the common case. */
      while (quote_or_backslash < c->end && *quote_or_backslash != '"' &&
             *quote_or_backslash != '\\')
        quote_or_backslash++;
      c->p = quote_or_backslash;

      if (c->p >= c->end)
        break;

      if (*c->p == '"')
        {
          out->start = start;
          out->end = c->p;
          out->kind = SPAN_STRING;
          out->escaped = escaped;
          c->p++;
          return TRUE;
        }

      /* A backslash and the character it escapes (\uXXXX: its hex digits are plain). */
      escaped = TRUE;
      c->p += 2;
    }

  return FALSE;
}

static gboolean
skip_value (Cursor *c,
            Span   *out)
{
  if (c->p >= c->end)
    return FALSE;

  out->escaped = FALSE;

  switch (*c->p)
    {
    case '"':
      return scan_string (c, out);

    case '{':
    case '[':
      {
        guint depth = 0;
        Span ignored;

        out->start = c->p;
        out->kind = *c->p == '{' ? SPAN_OBJECT : SPAN_OTHER;

        while (c->p < c->end)
          {
            switch (*c->p)
              {
              case '"':
                if (!scan_string (c, &ignored))
                  return FALSE;
                continue;

              case '{':
              case '[':
                depth++;
                break;

              case '}':
              case ']':
                if (--depth == 0)
                  {
                    out->end = ++c->p;
                    return TRUE;
                  }
                break;

              default:
                break;
              }
            c->p++;
          }
        return FALSE;
      }

    default:
      out->start = c->p;
      out->kind = *c->p == 'n' ? SPAN_NULL : SPAN_OTHER;
      while (c->p < c->end && *c->p != ',' && *c->p != '}' && *c->p != ']' &&
             *c->p != ' ' && *c->p != '\n' && *c->p != '\r' && *c->p != '\t')
        c->p++;
      out->end = c->p;
      return out->end > out->start;
    }
}

/* Scans the object at c->p, filling @values for the members named in @keys (SPAN_ABSENT for
 * the others). FALSE for a duplicated wanted member or an escaped member name (json-glib would
 * decide which copy wins, or what the name means). */
static gboolean
scan_object (Cursor    *c,
             const Key *keys,
             guint      n_keys,
             Span      *values)
{
  memset (values, 0, n_keys * sizeof *values);

  skip_ws (c);
  if (c->p >= c->end || *c->p != '{')
    return FALSE;
  c->p++;

  skip_ws (c);
  if (c->p < c->end && *c->p == '}')
    {
      c->p++;
      return TRUE;
    }

  for (;;)
    {
      Span key;
      Span value;
      int index = -1;

      skip_ws (c);
      if (c->p >= c->end || *c->p != '"' || !scan_string (c, &key) || key.escaped)
        return FALSE;

      for (guint i = 0; i < n_keys; i++)
        {
          if ((gsize) (key.end - key.start) == keys[i].len &&
              memcmp (key.start, keys[i].name, keys[i].len) == 0)
            {
              index = (int) i;
              break;
            }
        }

      skip_ws (c);
      if (c->p >= c->end || *c->p != ':')
        return FALSE;
      c->p++;
      skip_ws (c);

      if (!skip_value (c, &value))
        return FALSE;

      if (index >= 0)
        {
          if (values[index].kind != SPAN_ABSENT)
            return FALSE;
          values[index] = value;
        }

      skip_ws (c);
      if (c->p >= c->end)
        return FALSE;
      if (*c->p == '}')
        {
          c->p++;
          return TRUE;
        }
      if (*c->p != ',')
        return FALSE;
      c->p++;
    }
}

/* Values */

static gboolean
span_is_nonempty_string (const Span *span)
{
  return span->kind == SPAN_STRING && span->end > span->start;
}

/* A NUL-terminated copy of a STRING span; NULL for \u escapes (left to json-glib). */
static const char *
scratch_string (Scratch    *scratch,
                const Span *span)
{
  gsize len = (gsize) (span->end - span->start);
  char *out = scratch->p;
  char *o = out;

  g_assert (span->kind == SPAN_STRING);

  if ((gsize) (scratch->end - scratch->p) < len + 1)
    return NULL;

  if (!span->escaped)
    {
      memcpy (out, span->start, len);
      out[len] = '\0';
      scratch->p += len + 1;
      return out;
    }

  for (const char *q = span->start; q < span->end; q++)
    {
      if (*q != '\\')
        {
          *o++ = *q;
          continue;
        }

      if (++q >= span->end)
        return NULL;

      switch (*q)
        {
        case '"':  *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/':  *o++ = '/'; break;
        case 'b':  *o++ = '\b'; break;
        case 'f':  *o++ = '\f'; break;
        case 'n':  *o++ = '\n'; break;
        case 'r':  *o++ = '\r'; break;
        case 't':  *o++ = '\t'; break;
        default:   return NULL;
        }
    }

  *o = '\0';
  scratch->p = o + 1;
  return out;
}

static inline int
digits_value (const char *p,
              guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (p[i] < '0' || p[i] > '9')
        return -1;
      value = value * 10 + (p[i] - '0');
    }

  return value;
}

/* "YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z" only, computed as g_date_time_new_from_iso8601() does
 * (seconds = all digits / 10^fraction digits, then g_date_time_new()); NULL otherwise. */
static GDateTime *
parse_time (const Span *span)
{
  const char *s = span->start;
  gsize len = (gsize) (span->end - span->start);
  int year, month, day, hour, minute, second;
  guint64 value;
  guint64 divisor = 1;

  if (span->kind != SPAN_STRING || span->escaped || len < 20 || len > 30 ||
      s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
      s[len - 1] != 'Z')
    return NULL;

  year = digits_value (s, 4);
  month = digits_value (s + 5, 2);
  day = digits_value (s + 8, 2);
  hour = digits_value (s + 11, 2);
  minute = digits_value (s + 14, 2);
  second = digits_value (s + 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 ||
      second >= 60)
    return NULL;

  value = (guint64) second;
  if (len > 20)
    {
      /* ".": at least one digit, at most 9 (s + 20 .. s + len - 2). */
      if (s[19] != '.' || len < 22)
        return NULL;
      for (const char *q = s + 20; q < s + len - 1; q++)
        {
          if (*q < '0' || *q > '9')
            return NULL;
          value = value * 10 + (guint64) (*q - '0');
          divisor *= 10;
        }
    }

  return g_date_time_new_utc (year, month, day, hour, minute, (gdouble) value / divisor);
}

static HearthUser *
build_user (Scratch    *scratch,
            const Span *object)
{
  g_autoptr(HearthUser) user = NULL;
  g_autoptr(GDateTime) last_seen = NULL;
  Cursor c = { object->start, object->end };
  Span v[N_USER_KEYS];
  const char *id;
  const char *name = NULL;
  const char *username = NULL;
  const char *photo = NULL;

  if (!scan_object (&c, user_keys, N_USER_KEYS, v))
    return NULL;

  if (!span_is_nonempty_string (&v[USER_ID]) || !(id = scratch_string (scratch, &v[USER_ID])))
    return NULL;
  if (v[USER_NAME].kind == SPAN_STRING && !(name = scratch_string (scratch, &v[USER_NAME])))
    return NULL;
  if (v[USER_USERNAME].kind == SPAN_STRING &&
      !(username = scratch_string (scratch, &v[USER_USERNAME])))
    return NULL;
  if (span_is_nonempty_string (&v[USER_PHOTO]) &&
      !(photo = scratch_string (scratch, &v[USER_PHOTO])))
    return NULL;
  /* An unparsable lastSeen is dropped by the general path; whether it is unparsable is its
   * call, not ours. */
  if (span_is_nonempty_string (&v[USER_LAST_SEEN]) && !(last_seen = parse_time (&v[USER_LAST_SEEN])))
    return NULL;

  user = hearth_user_new (id);
  hearth_user_set_name (user, name);
  hearth_user_set_username (user, username);
  hearth_user_set_photo (user, photo);
  if (last_seen != NULL)
    hearth_user_set_last_seen (user, last_seen);

  return g_steal_pointer (&user);
}

static HearthMessage *
build_message (Scratch    *scratch,
               const Span *object,
               const char *default_chat)
{
  g_autoptr(HearthMessage) message = NULL;
  g_autoptr(HearthUser) sender = NULL;
  g_autoptr(GDateTime) at = NULL;
  Cursor c = { object->start, object->end };
  Span v[N_MESSAGE_KEYS];
  const char *id;
  const char *chat;
  const char *sender_id = NULL;
  const char *content = "";
  const char *reel = NULL;
  const char *client_id = NULL;

  if (!scan_object (&c, message_keys, N_MESSAGE_KEYS, v))
    return NULL;

  if (!span_is_nonempty_string (&v[MESSAGE_ID]) ||
      !(id = scratch_string (scratch, &v[MESSAGE_ID])))
    return NULL;

  if (default_chat != NULL &&
      (v[MESSAGE_CHAT].kind == SPAN_ABSENT || v[MESSAGE_CHAT].kind == SPAN_NULL))
    chat = default_chat;
  else if (!span_is_nonempty_string (&v[MESSAGE_CHAT]) ||
           !(chat = scratch_string (scratch, &v[MESSAGE_CHAT])))
    return NULL;

  if (v[MESSAGE_USER].kind == SPAN_OBJECT)
    {
      if (!(sender = build_user (scratch, &v[MESSAGE_USER])))
        return NULL;
    }
  else if (!span_is_nonempty_string (&v[MESSAGE_USER]) ||
           !(sender_id = scratch_string (scratch, &v[MESSAGE_USER])))
    {
      return NULL;
    }

  if (!(at = parse_time (&v[MESSAGE_AT])))
    return NULL;

  if (v[MESSAGE_CONTENT].kind == SPAN_STRING &&
      !(content = scratch_string (scratch, &v[MESSAGE_CONTENT])))
    return NULL;

  /* "reel" when it is a non-empty string, else "reel?" (hearth_parse_get_optional_id). */
  if (span_is_nonempty_string (&v[MESSAGE_REEL]))
    {
      if (!(reel = scratch_string (scratch, &v[MESSAGE_REEL])))
        return NULL;
    }
  else if (span_is_nonempty_string (&v[MESSAGE_REEL_ALT]) &&
           !(reel = scratch_string (scratch, &v[MESSAGE_REEL_ALT])))
    {
      return NULL;
    }

  if (span_is_nonempty_string (&v[MESSAGE_CLIENT_ID]) &&
      !(client_id = scratch_string (scratch, &v[MESSAGE_CLIENT_ID])))
    return NULL;

  /* The calls of hearth_parse_message(), in its order. */
  message = hearth_message_new (id, chat);
  if (sender != NULL)
    hearth_message_set_sender (message, sender);
  else
    hearth_message_set_sender_id (message, sender_id);
  hearth_message_set_at (message, at);
  hearth_message_set_content (message, content);
  hearth_message_set_reel (message, reel);
  hearth_message_set_client_id (message, client_id);
  hearth_message_set_state (message, HEARTH_MESSAGE_SENT);

  return g_steal_pointer (&message);
}

static gboolean
hot_event_kind (const Span      *name,
                HearthEventKind *out_kind)
{
  if (name->kind != SPAN_STRING || name->escaped)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (hot_events); i++)
    {
      if ((gsize) (name->end - name->start) == hot_events[i].name.len &&
          memcmp (name->start, hot_events[i].name.name, hot_events[i].name.len) == 0)
        {
          *out_kind = hot_events[i].kind;
          return TRUE;
        }
    }

  return FALSE;
}

/* The data object of a messages-* event, as hearth_event_new_from_json() reads it. */
static HearthEvent *
build_event (Scratch         *scratch,
             HearthEventKind  kind,
             const Span      *data)
{
  g_autoptr(HearthMessage) message = NULL;
  Cursor c = { data->start, data->end };
  Span v[N_DATA_KEYS];
  const char *default_chat = NULL;

  if (data->kind != SPAN_OBJECT || !scan_object (&c, data_keys, N_DATA_KEYS, v))
    return NULL;

  if (v[DATA_MESSAGE].kind != SPAN_OBJECT)
    return NULL;

  /* hearth_parse_get_string (data, "chat"): a non-empty string or nothing. */
  if (span_is_nonempty_string (&v[DATA_CHAT]) &&
      !(default_chat = scratch_string (scratch, &v[DATA_CHAT])))
    return NULL;

  if (!(message = build_message (scratch, &v[DATA_MESSAGE], default_chat)))
    return NULL;

  return _hearth_event_new_message (kind, message);
}

/* 42[NAME, DATA] or, with recovery, 42[NAME, DATA, "offset"]; @c covers the JSON array. */
static HearthEvent *
decode_socket_io (Cursor            *c,
                  Scratch           *scratch,
                  HearthCodecFlags   flags,
                  char             **out_offset)
{
  g_autoptr(HearthEvent) event = NULL;
  HearthEventKind kind;
  Span name;
  Span data;
  Span offset = { NULL, NULL, SPAN_ABSENT, FALSE };

  c->p++;   /* '[' */
  skip_ws (c);
  if (c->p >= c->end || *c->p != '"' || !scan_string (c, &name) || !hot_event_kind (&name, &kind))
    return NULL;

  skip_ws (c);
  if (c->p >= c->end || *c->p != ',')
    return NULL;
  c->p++;
  skip_ws (c);
  if (!skip_value (c, &data))
    return NULL;

  skip_ws (c);
  if (c->p < c->end && *c->p == ',' && (flags & HEARTH_CODEC_FLAGS_RECOVERY) != 0)
    {
      c->p++;
      skip_ws (c);
      if (c->p >= c->end || *c->p != '"' || !scan_string (c, &offset))
        return NULL;
      skip_ws (c);
    }

  if (c->p >= c->end || *c->p != ']')
    return NULL;
  c->p++;
  skip_ws (c);
  if (c->p != c->end)
    return NULL;

  if (!(event = build_event (scratch, kind, &data)))
    return NULL;

  if (offset.kind == SPAN_STRING)
    {
      const char *text = scratch_string (scratch, &offset);

      if (text == NULL)
        return NULL;
      *out_offset = g_strdup (text);
    }

  return g_steal_pointer (&event);
}

static HearthEvent *
decode_envelope (Cursor  *c,
                 Scratch *scratch)
{
  HearthEventKind kind;
  Span v[N_ENVELOPE_KEYS];

  if (!scan_object (c, envelope_keys, N_ENVELOPE_KEYS, v))
    return NULL;
  skip_ws (c);
  if (c->p != c->end || !hot_event_kind (&v[ENVELOPE_EVENT], &kind))
    return NULL;

  return build_event (scratch, kind, &v[ENVELOPE_DATA]);
}

HearthEvent *
_hearth_fast_event_decode (HearthFraming      framing,
                           const char        *text,
                           gsize              length,
                           HearthCodecFlags   flags,
                           char             **out_offset)
{
  char stack_buffer[4096];
  g_autofree char *heap_buffer = NULL;
  HearthEvent *event;
  Scratch scratch;
  Cursor c;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (out_offset != NULL && *out_offset == NULL, NULL);

  if (length < 2)
    return NULL;

  if (framing == HEARTH_FRAMING_AUTO)
    framing = g_ascii_isdigit (text[0]) ? HEARTH_FRAMING_SOCKET_IO : HEARTH_FRAMING_ENVELOPE;

  c.p = text;
  c.end = text + length;
  if (framing == HEARTH_FRAMING_SOCKET_IO)
    {
      if (length < 3 || text[0] != '4' || text[1] != '2' || text[2] != '[')
        return NULL;
      c.p += 2;
    }
  else
    {
      /* Cheap reject before any full pass: an envelope starts with '{'. */
      const char *p = text;

      while (p < c.end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
      if (p >= c.end || *p != '{')
        return NULL;
    }

  /* What hearth_codec_decode() checks first, in its order. */
  if (!g_utf8_validate_len (text, length, NULL) ||
      !_hearth_json_validate (c.p, (gsize) (c.end - c.p), NULL))
    return NULL;

  if (length <= sizeof stack_buffer / 2)
    {
      scratch.p = stack_buffer;
      scratch.end = stack_buffer + sizeof stack_buffer;
    }
  else
    {
      heap_buffer = g_malloc (2 * length + 1);
      scratch.p = heap_buffer;
      scratch.end = heap_buffer + 2 * length + 1;
    }

  if (framing == HEARTH_FRAMING_SOCKET_IO)
    event = decode_socket_io (&c, &scratch, flags, out_offset);
  else
    event = decode_envelope (&c, &scratch);

  if (event == NULL)
    g_clear_pointer (out_offset, g_free);

  return event;
}
