/* fuzz-event.c: libFuzzer target for the event parser
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Input: "<event name>\n<data JSON text>". Both the server -> client parser and the client
 * -> server one run on it; every accessor is called on a successful event.
 */

#define G_LOG_DOMAIN "hearth-fuzz-event"

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "hearth-codec.h"
#include "hearth-event.h"
#include "hearth-fast-event.h"
#include "hearth-json.h"
#include "hearth-message.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-user.h"
#include "../hearth-event-compare.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static volatile gsize sink;

static void
consume_string (const char *str)
{
  if (str != NULL)
    sink += strlen (str);
}

static void
consume_time (GDateTime *time)
{
  if (time != NULL)
    sink += (gsize) g_date_time_to_unix (time);
}

static void
consume_user (HearthUser *user)
{
  if (user == NULL)
    return;

  consume_string (hearth_user_get_id (user));
  consume_string (hearth_user_get_name (user));
  consume_string (hearth_user_get_username (user));
  consume_string (hearth_user_get_photo (user));
  consume_string (hearth_user_get_display_name (user));
  consume_time (hearth_user_get_last_seen (user));
  sink += hearth_user_get_online (user);
}

static void
consume_message (HearthMessage *message)
{
  if (message == NULL)
    return;

  consume_string (hearth_message_get_id (message));
  consume_string (hearth_message_get_client_id (message));
  consume_string (hearth_message_get_chat_id (message));
  consume_string (hearth_message_get_sender_id (message));
  consume_user (hearth_message_get_sender (message));
  consume_string (hearth_message_get_content (message));
  consume_string (hearth_message_get_reel (message));
  consume_time (hearth_message_get_at (message));
  sink += hearth_message_get_state (message);
}

static void
consume_actions (GListModel *actions)
{
  guint n = g_list_model_get_n_items (actions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthScoreAction) action = g_list_model_get_item (actions, i);

      consume_string (hearth_score_action_get_action_type (action));
      consume_string (hearth_score_action_get_label (action));
      consume_string (hearth_score_action_get_sub_label (action));
      sink += hearth_score_action_get_value (action) != 0;
      sink += hearth_score_action_get_completed (action);
      sink += (gsize) (hearth_score_action_get_start_at (action) + 1);
    }
}

static void
consume_score (HearthScore *score)
{
  if (score == NULL)
    return;

  consume_time (hearth_score_get_date (score));
  consume_string (hearth_score_get_day (score));
  sink += (gsize) hearth_score_get_reels_seen (score);
  sink += hearth_score_get_total_score (score) != 0;
  sink += hearth_score_get_social_score (score) != 0;
  sink += hearth_score_get_mindfulness_score (score) != 0;
  consume_actions (hearth_score_get_social_actions (score));
  consume_actions (hearth_score_get_mindfulness_actions (score));
}

static void
consume_event (HearthEvent *event)
{
  const char * const *chats;
  HearthEventKind kind;

  g_assert (HEARTH_IS_EVENT (event));

  kind = hearth_event_get_kind (event);
  g_assert (hearth_event_get_name (event) != NULL);
  g_assert (hearth_event_is_error (event) == hearth_event_kind_is_error (kind));
  consume_string (hearth_event_kind_to_name (kind));
  consume_string (hearth_event_get_name (event));
  consume_string (hearth_event_get_chat_id (event));

  chats = hearth_event_get_chat_ids (event);
  g_assert (chats != NULL);
  for (guint i = 0; chats[i] != NULL; i++)
    consume_string (chats[i]);

  consume_user (hearth_event_get_user (event));
  consume_string (hearth_event_get_user_id (event));
  consume_user (hearth_event_get_admin (event));
  consume_message (hearth_event_get_message (event));
  consume_time (hearth_event_get_last_read_at (event));
  consume_string (hearth_event_get_event_ref (event));
  consume_string (hearth_event_get_reward_id (event));
  sink += (gsize) hearth_event_get_remaining (event);
  sink += hearth_event_get_is_expired (event);
  sink += hearth_event_get_is_consumed_by_you (event);
  consume_score (hearth_event_get_score (event));
  consume_string (hearth_event_get_server_message (event));
  consume_string (hearth_event_get_raw_data (event));

  /* Events of the emittable kinds serialise back to {"chat": id}. */
  if (kind == HEARTH_EVENT_TYPING_STARTED || kind == HEARTH_EVENT_TYPING_STOPPED ||
      kind == HEARTH_EVENT_MESSAGES_READ)
    {
      g_autoptr(JsonNode) json = hearth_event_to_json (event);
      g_autofree char *text = hearth_json_to_string (json);

      consume_string (text);
    }
}

/* The same name and data as one frame of each framing through the fast decoder of messages-*
 * frames: whatever it accepts must equal what the general path makes of the data. */
static void
check_fast_path (const char *name,
                 const char *data_text,
                 gsize       data_length,
                 HearthEvent *expected)
{
  static const HearthFraming framings[] = { HEARTH_FRAMING_ENVELOPE, HEARTH_FRAMING_SOCKET_IO };
  g_autoptr(JsonNode) name_node = NULL;
  g_autofree char *name_json = NULL;

  if (!g_utf8_validate (name, -1, NULL))
    return;

  name_node = json_node_init_string (json_node_alloc (), name);
  name_json = hearth_json_to_string (name_node);

  for (guint i = 0; i < G_N_ELEMENTS (framings); i++)
    {
      g_autoptr(GString) frame = g_string_new (NULL);
      g_autoptr(HearthEvent) fast = NULL;
      g_autofree char *offset = NULL;
      g_autofree char *diff = NULL;

      if (framings[i] == HEARTH_FRAMING_ENVELOPE)
        g_string_append_printf (frame, "{\"event\":%s,\"data\":", name_json);
      else
        g_string_append_printf (frame, "42[%s,", name_json);
      g_string_append_len (frame, data_text, (gssize) data_length);
      g_string_append_c (frame, framings[i] == HEARTH_FRAMING_ENVELOPE ? '}' : ']');

      fast = _hearth_fast_event_decode (framings[i], frame->str, frame->len,
                                        HEARTH_CODEC_FLAGS_NONE, &offset);
      if (fast == NULL)
        continue;

      /* The general path on the same frame is the reference; for a data text that parses on
       * its own it is also @expected. */
      g_assert (offset == NULL);
      if (expected != NULL && (diff = hearth_compare_events (expected, fast)) != NULL)
        g_error ("fast path differs: %s", diff);
      if (expected == NULL)
        {
          g_autoptr(HearthFrame) decoded = hearth_codec_decode (framings[i], frame->str,
                                                                (gssize) frame->len,
                                                                HEARTH_CODEC_FLAGS_NONE, NULL);
          g_autoptr(HearthEvent) reference = NULL;

          g_assert (decoded != NULL);
          reference = hearth_event_new_from_json (hearth_frame_get_event_name (decoded),
                                                  hearth_frame_get_data (decoded), NULL);
          g_assert (reference != NULL);
          if ((diff = hearth_compare_events (reference, fast)) != NULL)
            g_error ("fast path differs: %s", diff);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthEvent) event = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *text = (const char *) data;
  const char *newline;
  const char *data_text;
  gsize data_length;

  newline = memchr (text, '\n', size);
  if (newline == NULL)
    return 0;

  /* The name may hold NULs or invalid UTF-8: that is part of what is tested. */
  name = g_strndup (text, newline - text);
  data_text = newline + 1;
  data_length = size - (gsize) (data_text - text);

  event = hearth_event_new_from_data_text (name, data_text, (gssize) data_length, &error);
  g_assert ((event == NULL) != (error == NULL));
  if (event != NULL)
    consume_event (event);
  check_fast_path (name, data_text, data_length, event);
  g_clear_object (&event);
  g_clear_error (&error);

  node = hearth_json_parse (data_text, (gssize) data_length, NULL);
  if (node != NULL)
    {
      event = hearth_event_new_from_client_json (name, node, &error);
      g_assert ((event == NULL) != (error == NULL));
      if (event != NULL)
        consume_event (event);
    }

  return 0;
}
