/* test-event.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-test-event"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "hearth-enums.h"
#include "hearth-event.h"
#include "hearth-json.h"
#include "hearth-message.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-user.h"
#include "hearth-test-util.h"

/* The seed file, read at run time: every `{ "event": ... }` object, by section. */

typedef enum
{
  SECTION_LISTENING = HEARTH_TEST_SECTION_LISTENING,
  SECTION_EMITTING = HEARTH_TEST_SECTION_EMITTING,
  SECTION_ERRORS = HEARTH_TEST_SECTION_ERRORS,
} Section;

typedef struct
{
  Section   section;
  char     *name;
  JsonNode *root;
  JsonNode *data;   /* borrowed from root */
} SeedPayload;

static GPtrArray *seed_payloads;

static void
seed_payload_free (gpointer data)
{
  SeedPayload *payload = data;

  g_free (payload->name);
  json_node_unref (payload->root);
  g_free (payload);
}

static void
load_seed (void)
{
  g_autoptr(GPtrArray) samples = hearth_test_load_seed_samples ();

  seed_payloads = g_ptr_array_new_with_free_func (seed_payload_free);

  for (guint i = 0; i < samples->len; i++)
    {
      HearthTestSample *sample = g_ptr_array_index (samples, i);
      g_autoptr(GError) error = NULL;
      SeedPayload *payload = g_new0 (SeedPayload, 1);

      payload->section = (Section) sample->section;
      payload->name = g_strdup (sample->name);
      payload->root = hearth_json_parse (sample->data_json, -1, &error);
      g_assert_no_error (error);
      payload->data = payload->root;
      g_assert_nonnull (payload->name);
      g_ptr_array_add (seed_payloads, payload);
    }
}

static SeedPayload *
seed_find (Section     section,
           const char *name)
{
  for (guint i = 0; i < seed_payloads->len; i++)
    {
      SeedPayload *payload = g_ptr_array_index (seed_payloads, i);

      if (payload->section == section && g_strcmp0 (payload->name, name) == 0)
        return payload;
    }

  g_error ("No seed payload %s in section %d", name, section);
  return NULL;
}

static HearthEvent *
seed_event (Section     section,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  SeedPayload *payload = seed_find (section, name);
  HearthEvent *event = hearth_event_new_from_json (payload->name, payload->data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);
  g_assert_cmpstr (hearth_event_get_name (event), ==, name);

  return event;
}

/* Helpers */

enum {
  F_CHAT           = 1 << 0,
  F_CHATS          = 1 << 1,
  F_USER           = 1 << 2,
  F_ADMIN          = 1 << 3,
  F_MESSAGE        = 1 << 4,
  F_LAST_READ_AT   = 1 << 5,
  F_EVENT_REF      = 1 << 6,
  F_REWARD         = 1 << 7,
  F_SCORE          = 1 << 8,
  F_SERVER_MESSAGE = 1 << 9,
  F_RAW_DATA       = 1 << 10,
};

/* Every accessor not in @used must give its default. */
static void
assert_unused_fields (HearthEvent *event,
                      guint        used)
{
  const char * const *chats = hearth_event_get_chat_ids (event);

  g_assert_nonnull (chats);
  if (!(used & F_CHAT))
    g_assert_null (hearth_event_get_chat_id (event));
  if (!(used & F_CHATS))
    g_assert_null (chats[0]);
  if (!(used & F_USER))
    {
      g_assert_null (hearth_event_get_user (event));
      g_assert_null (hearth_event_get_user_id (event));
    }
  if (!(used & F_ADMIN))
    g_assert_null (hearth_event_get_admin (event));
  if (!(used & F_MESSAGE))
    g_assert_null (hearth_event_get_message (event));
  if (!(used & F_LAST_READ_AT))
    g_assert_null (hearth_event_get_last_read_at (event));
  if (!(used & F_EVENT_REF))
    g_assert_null (hearth_event_get_event_ref (event));
  if (!(used & F_REWARD))
    {
      g_assert_null (hearth_event_get_reward_id (event));
      g_assert_cmpint (hearth_event_get_remaining (event), ==, -1);
      g_assert_false (hearth_event_get_is_expired (event));
      g_assert_false (hearth_event_get_is_consumed_by_you (event));
    }
  if (!(used & F_SCORE))
    g_assert_null (hearth_event_get_score (event));
  if (!(used & F_SERVER_MESSAGE))
    g_assert_null (hearth_event_get_server_message (event));
  if (!(used & F_RAW_DATA))
    g_assert_null (hearth_event_get_raw_data (event));
}

static void
assert_time (GDateTime  *time,
             const char *expected_iso8601)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (expected_iso8601, utc);

  g_assert_nonnull (expected);
  g_assert_nonnull (time);
  g_assert_true (g_date_time_equal (time, expected));
  g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);
}

static void
assert_user (HearthUser *user,
             const char *id,
             const char *name,
             const char *username,
             const char *photo)
{
  g_assert_true (HEARTH_IS_USER (user));
  g_assert_cmpstr (hearth_user_get_id (user), ==, id);
  g_assert_cmpstr (hearth_user_get_name (user), ==, name);
  g_assert_cmpstr (hearth_user_get_username (user), ==, username);
  g_assert_cmpstr (hearth_user_get_photo (user), ==, photo);
  g_assert_null (hearth_user_get_last_seen (user));
}

#define SCANNER_ID "68ac3f6dd7f5a437029aa88f"
#define SCANNER_PHOTO "https://pub-569168ecc9d940c3892a9d7197875513.r2.dev/users/" \
  "68ac3f6dd7f5a437029aa88f/1760618979709-3310522348281584-1760618978233-" \
  "543e7038-2cf6-46b9-ac0d-9af0cb741d6b.jpeg.jpg"
#define RAJ_ID "68b5931b4d5c718924c59a40"
#define RAJ_PHOTO "https://pub-569168ecc9d940c3892a9d7197875513.r2.dev/users/" \
  "68b5931b4d5c718924c59a40/1757342480919-7356470458539326-boat.png"

static void
assert_raj (HearthUser *user)
{
  assert_user (user, RAJ_ID, "Raj Kr", "raj.example", RAJ_PHOTO);
}

/* Parse helpers for hand-written payloads. */

static HearthEvent *
parse_ok (const char *name,
          const char *data_text)
{
  g_autoptr(GError) error = NULL;
  HearthEvent *event = hearth_event_new_from_data_text (name, data_text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (HEARTH_IS_EVENT (event));

  return event;
}

static void
assert_parse_error (const char *name,
                    const char *data_text,
                    gssize      length,
                    GQuark      domain,
                    int         code,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthEvent) event = hearth_event_new_from_data_text (name, data_text, length, &error);

  g_assert_error (error, domain, code);
  g_assert_null (event);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

/* Seed: the 14 listening events */

static void
test_seed_payloads (void)
{
  guint counts[3] = { 0, 0, 0 };
  g_autoptr(GHashTable) kinds = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < seed_payloads->len; i++)
    {
      SeedPayload *payload = g_ptr_array_index (seed_payloads, i);

      counts[payload->section]++;
      if (payload->section == SECTION_LISTENING)
        {
          HearthEventKind kind = hearth_event_kind_from_name (payload->name);

          g_assert_cmpint (kind, !=, HEARTH_EVENT_UNKNOWN);
          g_hash_table_add (kinds, GINT_TO_POINTER (kind));
        }
    }

  g_assert_cmpuint (counts[SECTION_LISTENING], ==, 14);
  g_assert_cmpuint (counts[SECTION_EMITTING], ==, 3);
  g_assert_cmpuint (counts[SECTION_ERRORS], ==, 1);
  g_assert_cmpuint (g_hash_table_size (kinds), ==, 14);
}

static void
test_seed_presence (gconstpointer data)
{
  gboolean online = GPOINTER_TO_INT (data);
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING,
                                             online ? "user-online" : "user-offline");
  const char * const expected_chats[] = {
    "68c90eb8d4ec4fd41b3e8bb5", "68d637d114789cc4f67a4582", "68c91d441f5f189aa2c53780",
    "68eca782eab58ae34d040487", "6911fcc4b338e45e74dd0aaa", "68d144ba72f149b17a22391a", NULL
  };

  g_assert_cmpint (hearth_event_get_kind (event), ==,
                   online ? HEARTH_EVENT_USER_ONLINE : HEARTH_EVENT_USER_OFFLINE);
  g_assert_false (hearth_event_is_error (event));
  assert_user (hearth_event_get_user (event), SCANNER_ID, "ScannerScannerScanne", "bat_ma_n",
               SCANNER_PHOTO);
  g_assert_cmpint (hearth_user_get_online (hearth_event_get_user (event)), ==, online);
  g_assert_cmpstr (hearth_event_get_user_id (event), ==, SCANNER_ID);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, "68d637d114789cc4f67a4582");
  g_assert_cmpstrv (hearth_event_get_chat_ids (event), expected_chats);
  assert_unused_fields (event, F_USER | F_CHAT | F_CHATS);
}

static void
test_seed_typing (gconstpointer data)
{
  gboolean started = GPOINTER_TO_INT (data);
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING,
                                             started ? "typing-started" : "typing-stopped");

  g_assert_cmpint (hearth_event_get_kind (event), ==,
                   started ? HEARTH_EVENT_TYPING_STARTED : HEARTH_EVENT_TYPING_STOPPED);
  g_assert_false (hearth_event_is_error (event));
  assert_raj (hearth_event_get_user (event));
  g_assert_cmpstr (hearth_event_get_user_id (event), ==, RAJ_ID);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, "24f83d46d7f5a437029aa4c3");
  assert_unused_fields (event, F_USER | F_CHAT);
}

static void
test_seed_messages_read (void)
{
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING, "messages-read");
  HearthMessage *last;

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_MESSAGES_READ);
  assert_raj (hearth_event_get_user (event));
  g_assert_cmpstr (hearth_event_get_user_id (event), ==, RAJ_ID);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, "68beebca57ab80b6986794df");
  assert_time (hearth_event_get_last_read_at (event), "2025-09-12T15:36:43.453Z");
  g_assert_cmpint (g_date_time_get_microsecond (hearth_event_get_last_read_at (event)), ==, 453000);

  last = hearth_event_get_message (event);
  g_assert_true (HEARTH_IS_MESSAGE (last));
  g_assert_cmpstr (hearth_message_get_id (last), ==, "68bef611862efa05c5a15438");
  g_assert_cmpstr (hearth_message_get_sender_id (last), ==, RAJ_ID);
  g_assert_null (hearth_message_get_sender (last));   /* an id string: only the id is known */
  g_assert_cmpstr (hearth_message_get_chat_id (last), ==, "68beebca57ab80b6986794df");
  g_assert_cmpstr (hearth_message_get_content (last), ==, "Hi There");
  assert_time (hearth_message_get_at (last), "2025-09-08T15:28:17.000Z");
  g_assert_null (hearth_message_get_reel (last));
  g_assert_null (hearth_message_get_client_id (last));
  g_assert_cmpint (hearth_message_get_state (last), ==, HEARTH_MESSAGE_SENT);

  assert_unused_fields (event, F_USER | F_CHAT | F_LAST_READ_AT | F_MESSAGE);
}

static void
test_seed_messages (gconstpointer data)
{
  gboolean received = GPOINTER_TO_INT (data);
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING,
                                             received ? "messages-received" : "messages-sent");
  HearthMessage *message = hearth_event_get_message (event);

  g_assert_cmpint (hearth_event_get_kind (event), ==,
                   received ? HEARTH_EVENT_MESSAGES_RECEIVED : HEARTH_EVENT_MESSAGES_SENT);
  g_assert_true (HEARTH_IS_MESSAGE (message));
  g_assert_cmpstr (hearth_message_get_id (message), ==, "68c7df06d34e93befb486cda");
  assert_raj (hearth_message_get_sender (message));
  g_assert_cmpstr (hearth_message_get_sender_id (message), ==, RAJ_ID);
  g_assert_cmpstr (hearth_message_get_chat_id (message), ==, "68bee79857ab80b69867946b");
  g_assert_cmpstr (hearth_message_get_content (message), ==, "Hi John, All good ?");
  assert_time (hearth_message_get_at (message), "2025-09-15T09:40:22.000Z");
  /* The seed spells it "reel?" in the received sample only. */
  g_assert_cmpstr (hearth_message_get_reel (message), ==,
                   received ? "68bee79857ab80b69867946b" : NULL);
  g_assert_null (hearth_message_get_client_id (message));
  g_assert_cmpint (hearth_message_get_state (message), ==, HEARTH_MESSAGE_SENT);

  /* The event exposes the message's chat and sender. */
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, "68bee79857ab80b69867946b");
  g_assert_true (hearth_event_get_user (event) == hearth_message_get_sender (message));
  g_assert_cmpstr (hearth_event_get_user_id (event), ==, RAJ_ID);

  assert_unused_fields (event, F_MESSAGE | F_CHAT | F_USER);
}

static void
test_seed_chat_created (void)
{
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING, "chat-created");

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_CHAT_CREATED);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, "68c7ed083834f8071f38346b");
  assert_unused_fields (event, F_CHAT);
}

static void
test_seed_account_terminated (void)
{
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING, "account-terminated");

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_ACCOUNT_TERMINATED);
  g_assert_true (hearth_event_is_error (event));
  g_assert_cmpstr (hearth_event_get_server_message (event), ==,
                   "Your account has been terminated due to a violation of our Terms and "
                   "Conditions and in accordance with our Privacy Policy.");
  assert_unused_fields (event, F_SERVER_MESSAGE);
}

static void
test_seed_chat_joined (void)
{
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING, "chat-joined");

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_CHAT_JOINED);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, "c2b131b4d5c7189924c59721");
  assert_raj (hearth_event_get_admin (event));   /* from "admin?" */
  assert_unused_fields (event, F_CHAT | F_ADMIN);
}

static void
test_seed_chat_participant_removed (void)
{
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING, "chat-participant-removed");

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_CHAT_PARTICIPANT_REMOVED);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, "c2b131b4d5c7189924c59721");
  assert_user (hearth_event_get_user (event), "24f83d46d7f5a437029aa4c3", NULL, NULL, NULL);
  g_assert_cmpstr (hearth_event_get_user_id (event), ==, "24f83d46d7f5a437029aa4c3");
  assert_unused_fields (event, F_CHAT | F_USER);
}

static void
test_seed_chat_deleted (void)
{
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING, "chat-deleted");

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_CHAT_DELETED);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, "c2b131b4d5c7189924c59721");
  assert_user (hearth_event_get_user (event), "24f83d46d7f5a437029aa6cb", NULL, NULL, NULL);
  g_assert_cmpstr (hearth_event_get_user_id (event), ==, "24f83d46d7f5a437029aa6cb");
  g_assert_cmpstr (hearth_event_get_event_ref (event), ==, "24f83d46d7f5a437029aa4c3");
  assert_unused_fields (event, F_CHAT | F_USER | F_EVENT_REF);
}

static void
test_seed_reward_consumed (void)
{
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING, "reward-consumed");

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_REWARD_CONSUMED);
  g_assert_cmpstr (hearth_event_get_reward_id (event), ==, "c2b131b4d5c7189924c59721");
  g_assert_true (hearth_event_get_is_expired (event));
  g_assert_cmpint (hearth_event_get_remaining (event), ==, 0);
  g_assert_true (hearth_event_get_is_consumed_by_you (event));
  assert_unused_fields (event, F_REWARD);
}

typedef struct
{
  const char *type;
  const char *label;
  const char *sub_label;
  double      value;
  gboolean    completed;
  int         start_at;
} ExpectedAction;

static void
assert_actions (GListModel           *model,
                const ExpectedAction *expected,
                guint                 n_expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      g_autoptr(HearthScoreAction) action = g_list_model_get_item (model, i);

      g_assert_cmpstr (hearth_score_action_get_action_type (action), ==, expected[i].type);
      g_assert_cmpstr (hearth_score_action_get_label (action), ==, expected[i].label);
      g_assert_cmpstr (hearth_score_action_get_sub_label (action), ==, expected[i].sub_label);
      g_assert_cmpfloat (hearth_score_action_get_value (action), ==, expected[i].value);
      g_assert_cmpint (hearth_score_action_get_completed (action), ==, expected[i].completed);
      g_assert_cmpint (hearth_score_action_get_start_at (action), ==, expected[i].start_at);
    }
}

static void
test_seed_score_updated (void)
{
  static const ExpectedAction social[] = {
    { "mindful-comment-reply", "Reply mindfully to a comment in the home feed",
      "Cultivate empathy by responding with kindness and understanding different perspectives",
      1, TRUE, -1 },
    { "send-dm-message", "Send a DM to a friend",
      "Strengthen real connection and presence through one-to-one mindful conversation",
      0, FALSE, -1 },
  };
  static const ExpectedAction mindfulness[] = {
    { "focus-video", "Watch a Focus video (1 min)", NULL, 0, FALSE, 8 },
    { "mindfulness-video", "Watch a Mindfulness video (1 min)", NULL, 0, FALSE, 15 },
    { "reflection-video", "Watch a Reflection video (1 min)", NULL, 0, FALSE, 20 },
    { "journalism", "Write in Your Journal", NULL, 0, FALSE, 20 },
  };
  g_autoptr(HearthEvent) event = seed_event (SECTION_LISTENING, "score-updated");
  HearthScore *score = hearth_event_get_score (event);

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_SCORE_UPDATED);
  g_assert_true (HEARTH_IS_SCORE (score));
  assert_time (hearth_score_get_date (score), "2025-11-07T18:30:00.000Z");
  g_assert_cmpstr (hearth_score_get_day (score), ==, "saturday");
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 3);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 1.0);
  g_assert_cmpfloat (hearth_score_get_social_score (score), ==, 0.5);
  g_assert_cmpfloat (hearth_score_get_mindfulness_score (score), ==, 0.0);
  assert_actions (hearth_score_get_social_actions (score), social, G_N_ELEMENTS (social));
  assert_actions (hearth_score_get_mindfulness_actions (score), mindfulness,
                  G_N_ELEMENTS (mindfulness));
  assert_unused_fields (event, F_SCORE);
}

/* Seed: the 3 emitted events, as the server receives them */

static void
test_seed_emitted (gconstpointer data)
{
  const char *name = data;
  SeedPayload *payload = seed_find (SECTION_EMITTING, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthEvent) event = hearth_event_new_from_client_json (name, payload->data, &error);
  g_autoptr(HearthEvent) emitted = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) emitted_json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *emitted_text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (hearth_event_get_kind (event), ==, hearth_event_kind_from_name (name));
  g_assert_cmpstr (hearth_event_get_name (event), ==, name);
  g_assert_false (hearth_event_is_error (event));
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==,
                   hearth_json_object_get_string (json_node_get_object (payload->data), "chat"));
  assert_unused_fields (event, F_CHAT);

  /* What the app sends is exactly the seed's data. */
  emitted = hearth_event_new_emitted (hearth_event_get_kind (event),
                                      hearth_event_get_chat_id (event));
  g_assert_cmpstr (hearth_event_get_name (emitted), ==, name);
  assert_unused_fields (emitted, F_CHAT);
  seed_text = hearth_json_to_string (payload->data);
  json = hearth_event_to_json (event);
  text = hearth_json_to_string (json);
  emitted_json = hearth_event_to_json (emitted);
  emitted_text = hearth_json_to_string (emitted_json);
  g_assert_cmpstr (text, ==, seed_text);
  g_assert_cmpstr (emitted_text, ==, seed_text);
}

static void
test_seed_error_example (void)
{
  g_autoptr(HearthEvent) event = seed_event (SECTION_ERRORS, "verification-required");

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_VERIFICATION_REQUIRED);
  g_assert_true (hearth_event_is_error (event));
  g_assert_cmpstr (hearth_event_get_server_message (event), ==, "Please verify your email first");
  assert_unused_fields (event, F_SERVER_MESSAGE);
}

/* One test per error event name */

static const char * const error_names[] = {
  "authorization-failed", "verification-required", "account-terminated", "server-error",
  "validation-failed", "not-found", "permission-denied",
};

static void
test_error_event (gconstpointer data)
{
  const char *name = data;
  HearthEventKind kind = hearth_event_kind_from_name (name);
  static const char * const no_message[] = {
    "{}", "{\"message\": null}", "{\"message\": 42}", "{\"message\": \"\"}",
    "{\"message\": {\"text\": \"x\"}}",
  };
  g_autoptr(HearthEvent) event = NULL;

  g_assert_cmpint (kind, !=, HEARTH_EVENT_UNKNOWN);
  g_assert_true (hearth_event_kind_is_error (kind));
  g_assert_cmpstr (hearth_event_kind_to_name (kind), ==, name);

  event = parse_ok (name, "{\"message\": \"Something went wrong\", \"code\": 500}");
  g_assert_cmpint (hearth_event_get_kind (event), ==, kind);
  g_assert_cmpstr (hearth_event_get_name (event), ==, name);
  g_assert_true (hearth_event_is_error (event));
  g_assert_cmpstr (hearth_event_get_server_message (event), ==, "Something went wrong");
  assert_unused_fields (event, F_SERVER_MESSAGE);

  /* Without a usable message the event still reaches the app. */
  for (guint i = 0; i < G_N_ELEMENTS (no_message); i++)
    {
      g_autoptr(HearthEvent) bare = parse_ok (name, no_message[i]);

      g_assert_cmpint (hearth_event_get_kind (bare), ==, kind);
      g_assert_true (hearth_event_is_error (bare));
      assert_unused_fields (bare, 0);
    }

  /* But data must still be an object. */
  assert_parse_error (name, "\"Something went wrong\"", -1, HEARTH_EVENT_ERROR,
                      HEARTH_EVENT_ERROR_INVALID_DATA, NULL);
}

/* Names and kinds */

static void
test_kind_names (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (HEARTH_TYPE_EVENT_KIND);
  guint n_errors = 0;

  for (guint i = 0; i < klass->n_values; i++)
    {
      HearthEventKind kind = klass->values[i].value;
      const char *name = hearth_event_kind_to_name (kind);

      if (kind == HEARTH_EVENT_UNKNOWN)
        {
          g_assert_cmpstr (name, ==, "unknown");
          continue;
        }

      g_assert_cmpint (hearth_event_kind_from_name (name), ==, kind);
      if (hearth_event_kind_is_error (kind))
        n_errors++;
    }

  g_assert_cmpuint (klass->n_values, ==, 21);
  g_assert_cmpuint (n_errors, ==, G_N_ELEMENTS (error_names));

  g_assert_cmpint (hearth_event_kind_from_name ("message-received"), ==,
                   HEARTH_EVENT_MESSAGES_RECEIVED);
  g_assert_cmpint (hearth_event_kind_from_name ("message-sent"), ==, HEARTH_EVENT_MESSAGES_SENT);
  g_assert_cmpint (hearth_event_kind_from_name ("unknown"), ==, HEARTH_EVENT_UNKNOWN);
  g_assert_cmpint (hearth_event_kind_from_name ("Messages-Received"), ==, HEARTH_EVENT_UNKNOWN);
  g_assert_cmpint (hearth_event_kind_from_name (""), ==, HEARTH_EVENT_UNKNOWN);
  g_assert_cmpint (hearth_event_kind_from_name (NULL), ==, HEARTH_EVENT_UNKNOWN);
  g_assert_false (hearth_event_kind_is_error (HEARTH_EVENT_UNKNOWN));
  g_assert_false (hearth_event_kind_is_error (HEARTH_EVENT_MESSAGES_RECEIVED));
}

/* Malformed input: each case asserts the exact domain and code. */

typedef struct
{
  const char *path;
  const char *name;
  const char *data;
  gboolean    json_domain;   /* HEARTH_JSON_ERROR rather than HEARTH_EVENT_ERROR */
  int         code;
  const char *message;       /* exact GError message, or NULL */
} InvalidCase;

#define MSG_OK "\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"user\": \"u1\", " \
  "\"at\": \"2025-09-15T09:40:22.000Z\""

static const InvalidCase invalid_cases[] = {
  /* Not JSON */
  { "not-json", "user-online", "{\"user\": ", TRUE, HEARTH_JSON_ERROR_SYNTAX, NULL },
  { "not-json-bare-word", "chat-created", "chat", TRUE, HEARTH_JSON_ERROR_SYNTAX, NULL },
  { "not-json-empty", "chat-created", "", TRUE, HEARTH_JSON_ERROR_EMPTY, NULL },
  { "not-json-too-deep-small", "chat-created",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    TRUE, HEARTH_JSON_ERROR_TOO_DEEP, NULL },
  { "invalid-utf8-data", "typing-started", "{\"chat\": \"\xc3\x28\"}", TRUE,
    HEARTH_JSON_ERROR_INVALID_UTF8, NULL },
  /* Names */
  { "name-empty", "", "{}", FALSE, HEARTH_EVENT_ERROR_INVALID_NAME, NULL },
  { "name-invalid-utf8", "typing-\xff", "{}", FALSE, HEARTH_EVENT_ERROR_INVALID_NAME, NULL },
  { "name-invalid-utf8-unknown", "\xe2\x82", "{}", FALSE, HEARTH_EVENT_ERROR_INVALID_NAME, NULL },
  /* Data that is not an object */
  { "data-array", "chat-created", "[\"c1\"]", FALSE, HEARTH_EVENT_ERROR_INVALID_DATA,
    "chat-created: data is not an object" },
  { "data-string", "typing-started", "\"c1\"", FALSE, HEARTH_EVENT_ERROR_INVALID_DATA, NULL },
  { "data-null", "score-updated", "null", FALSE, HEARTH_EVENT_ERROR_INVALID_DATA, NULL },
  { "data-number", "messages-received", "42", FALSE, HEARTH_EVENT_ERROR_INVALID_DATA, NULL },
  { "data-alias", "message-received", "true", FALSE, HEARTH_EVENT_ERROR_INVALID_DATA,
    "messages-received: data is not an object" },
  /* Wrong types of required fields */
  { "chat-number", "typing-started", "{\"user\": \"u1\", \"chat\": 42}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "typing-started: chat is not a string" },
  { "chat-object", "chat-created", "{\"chat\": {\"_id\": \"c1\"}}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "chat-created: chat is not a string" },
  { "user-number", "typing-stopped", "{\"user\": 42, \"chat\": \"c1\"}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "typing-stopped: user is neither an id nor an object" },
  { "user-array", "user-online", "{\"user\": [\"u1\"]}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "user-online: user is neither an id nor an object" },
  { "user-id-number", "user-offline", "{\"user\": {\"_id\": 5}}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "user-offline: user._id is not a string" },
  { "message-string", "messages-received", "{\"message\": \"m1\"}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "messages-received: message is not an object" },
  { "message-id-number", "messages-sent",
    "{\"message\": {\"_id\": 1, \"chat\": \"c1\", \"user\": \"u1\", "
    "\"at\": \"2025-09-15T09:40:22Z\"}}",
    FALSE, HEARTH_EVENT_ERROR_INVALID_FIELD, "messages-sent: message._id is not a string" },
  { "message-user-id-bool", "messages-received",
    "{\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"user\": {\"_id\": true}, "
    "\"at\": \"2025-09-15T09:40:22Z\"}}",
    FALSE, HEARTH_EVENT_ERROR_INVALID_FIELD,
    "messages-received: message.user._id is not a string" },
  { "message-user-number", "messages-received",
    "{\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"user\": 7, "
    "\"at\": \"2025-09-15T09:40:22Z\"}}",
    FALSE, HEARTH_EVENT_ERROR_INVALID_FIELD, "messages-received: message.user is not a string" },
  { "message-at-garbage", "messages-received",
    "{\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"user\": \"u1\", \"at\": \"yesterday\"}}",
    FALSE, HEARTH_EVENT_ERROR_INVALID_FIELD,
    "messages-received: message.at is not an ISO 8601 time" },
  { "message-at-number", "messages-received",
    "{\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"user\": \"u1\", \"at\": 1757929222}}",
    FALSE, HEARTH_EVENT_ERROR_INVALID_FIELD, "messages-received: message.at is not a string" },
  { "last-read-at-garbage", "messages-read",
    "{\"user\": \"u1\", \"chat\": \"c1\", \"lastReadAt\": \"2025-13-45T99:00:00Z\"}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "messages-read: lastReadAt is not an ISO 8601 time" },
  { "last-read-at-number", "messages-read",
    "{\"user\": \"u1\", \"chat\": \"c1\", \"lastReadAt\": 5}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "messages-read: lastReadAt is not a string" },
  { "reward-object", "reward-consumed", "{\"reward\": {}}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "reward-consumed: reward is not a string" },
  { "date-number", "score-updated", "{\"date\": 20251107}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "score-updated: date is not a string" },
  { "date-garbage", "score-updated", "{\"date\": \"saturday\"}", FALSE,
    HEARTH_EVENT_ERROR_INVALID_FIELD, "score-updated: date is not an ISO 8601 time" },
  /* Missing or null required fields */
  { "missing-chat", "typing-started", "{\"user\": \"u1\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "typing-started: chat is missing" },
  { "null-chat", "typing-stopped", "{\"user\": \"u1\", \"chat\": null}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "typing-stopped: chat is missing" },
  { "missing-user", "user-online", "{\"chat\": \"c1\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "user-online: user is missing" },
  { "missing-user-id", "user-online", "{\"user\": {\"name\": \"Raj\"}}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "user-online: user._id is missing" },
  { "null-user-id", "typing-started", "{\"user\": {\"_id\": null}, \"chat\": \"c1\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "typing-started: user._id is missing" },
  { "missing-message", "messages-received", "{\"chat\": \"c1\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-received: message is missing" },
  { "missing-message-id", "messages-received",
    "{\"message\": {\"chat\": \"c1\", \"user\": \"u1\", \"at\": \"2025-09-15T09:40:22Z\"}}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-received: message._id is missing" },
  { "missing-message-chat", "messages-sent",
    "{\"message\": {\"_id\": \"m1\", \"user\": \"u1\", \"at\": \"2025-09-15T09:40:22Z\"}}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-sent: message.chat is missing" },
  { "missing-message-user", "messages-received",
    "{\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"at\": \"2025-09-15T09:40:22Z\"}}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-received: message.user is missing" },
  { "missing-message-user-id", "messages-received",
    "{\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"user\": {\"name\": \"Raj\"}, "
    "\"at\": \"2025-09-15T09:40:22Z\"}}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-received: message.user._id is missing" },
  { "missing-message-at", "messages-received",
    "{\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"user\": \"u1\"}}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-received: message.at is missing" },
  { "missing-last-read-at", "messages-read", "{\"user\": \"u1\", \"chat\": \"c1\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-read: lastReadAt is missing" },
  { "missing-read-user", "messages-read",
    "{\"chat\": \"c1\", \"lastReadAt\": \"2025-09-12T15:36:43.453Z\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-read: user is missing" },
  { "missing-chat-created", "chat-created", "{}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "chat-created: chat is missing" },
  { "missing-chat-joined", "chat-joined", "{\"admin\": \"u1\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "chat-joined: chat is missing" },
  { "missing-removed-user", "chat-participant-removed", "{\"chat\": \"c1\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "chat-participant-removed: user is missing" },
  { "missing-removed-chat", "chat-participant-removed", "{\"user\": \"u1\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "chat-participant-removed: chat is missing" },
  { "missing-deleted-chat", "chat-deleted", "{\"user\": \"u1\", \"event?\": \"e\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "chat-deleted: chat is missing" },
  { "missing-reward", "reward-consumed", "{\"remaining\": 1}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "reward-consumed: reward is missing" },
  { "missing-date", "score-updated", "{\"reelsSeen\": 3}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "score-updated: date is missing" },
  /* Empty strings */
  { "empty-chat", "chat-created", "{\"chat\": \"\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "chat-created: chat is empty" },
  { "empty-user", "typing-started", "{\"user\": \"\", \"chat\": \"c1\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "typing-started: user is empty" },
  { "empty-user-id", "user-online", "{\"user\": {\"_id\": \"\"}}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "user-online: user._id is empty" },
  { "empty-message-id", "messages-received",
    "{\"message\": {\"_id\": \"\", \"chat\": \"c1\", \"user\": \"u1\", "
    "\"at\": \"2025-09-15T09:40:22Z\"}}",
    FALSE, HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-received: message._id is empty" },
  { "empty-message-user", "messages-received",
    "{\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"user\": \"\", "
    "\"at\": \"2025-09-15T09:40:22Z\"}}",
    FALSE, HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-received: message.user is empty" },
  { "empty-reward", "reward-consumed", "{\"reward\": \"\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "reward-consumed: reward is empty" },
  { "empty-last-read-at", "messages-read",
    "{\"user\": \"u1\", \"chat\": \"c1\", \"lastReadAt\": \"\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-read: lastReadAt is empty" },
  { "empty-date", "score-updated", "{\"date\": \"\"}", FALSE,
    HEARTH_EVENT_ERROR_MISSING_FIELD, "score-updated: date is empty" },
};

static void
test_invalid_case (gconstpointer data)
{
  const InvalidCase *c = data;

  assert_parse_error (c->name, c->data, -1,
                      c->json_domain ? HEARTH_JSON_ERROR : HEARTH_EVENT_ERROR,
                      c->code, c->message);
}

static void
test_invalid_name_null (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = hearth_json_parse ("{}", -1, NULL);
  g_autoptr(HearthEvent) event = hearth_event_new_from_json (NULL, data, &error);

  g_assert_error (error, HEARTH_EVENT_ERROR, HEARTH_EVENT_ERROR_INVALID_NAME);
  g_assert_null (event);
}

/* Every known event rejects every non-object data, including a missing one. */
static void
test_invalid_data_all_kinds (void)
{
  static const char * const not_objects[] = { "[]", "[{}]", "\"x\"", "0", "1.5", "true", "null" };

  for (guint kind = HEARTH_EVENT_USER_ONLINE; kind <= HEARTH_EVENT_PERMISSION_DENIED; kind++)
    {
      const char *name = hearth_event_kind_to_name (kind);

      for (guint i = 0; i < G_N_ELEMENTS (not_objects); i++)
        assert_parse_error (name, not_objects[i], -1, HEARTH_EVENT_ERROR,
                            HEARTH_EVENT_ERROR_INVALID_DATA, NULL);

      {
        g_autoptr(GError) error = NULL;
        g_autoptr(HearthEvent) event = hearth_event_new_from_json (name, NULL, &error);

        g_assert_error (error, HEARTH_EVENT_ERROR, HEARTH_EVENT_ERROR_INVALID_DATA);
        g_assert_null (event);
      }
    }
}

static void
test_invalid_deep_nesting (void)
{
  GString *text = g_string_new ("{\"chat\": \"c1\", \"extra\": ");
  g_autofree char *data = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "{\"a\": [");
  for (guint i = 0; i < 10000; i++)
    g_string_append (text, "]}");
  g_string_append (text, "}");
  data = g_string_free (text, FALSE);

  assert_parse_error ("chat-created", data, -1, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_TOO_DEEP,
                      NULL);
  /* Unknown events too: depth is checked before anything else. */
  assert_parse_error ("brand-new-event", data, -1, HEARTH_JSON_ERROR, HEARTH_JSON_ERROR_TOO_DEEP,
                      NULL);
}

static void
test_invalid_embedded_nul (void)
{
  static const char data[] = "{\"chat\": \"c1\0\"}";

  assert_parse_error ("chat-created", data, sizeof data - 1, HEARTH_JSON_ERROR,
                      HEARTH_JSON_ERROR_INVALID_UTF8, NULL);
}

/* Tolerance */

static void
test_user_as_id_or_object (void)
{
  g_autoptr(HearthEvent) by_id = parse_ok ("typing-started",
                                           "{\"user\": \"u1\", \"chat\": \"c1\"}");
  g_autoptr(HearthEvent) by_object = NULL;
  g_autoptr(HearthEvent) removed = NULL;
  g_autoptr(HearthEvent) message = NULL;
  HearthMessage *m;

  assert_user (hearth_event_get_user (by_id), "u1", NULL, NULL, NULL);
  g_assert_cmpstr (hearth_event_get_user_id (by_id), ==, "u1");

  by_object = parse_ok ("typing-started",
                        "{\"user\": {\"_id\": \"u1\", \"name\": \"Raj\", \"username\": 5, "
                        "\"photo\": \"\", \"lastSeen\": \"2025-09-12T15:36:43+02:00\"}, "
                        "\"chat\": \"c1\"}");
  /* Wrong-typed or empty optional fields are ignored, not fatal. */
  g_assert_cmpstr (hearth_user_get_id (hearth_event_get_user (by_object)), ==, "u1");
  g_assert_cmpstr (hearth_user_get_name (hearth_event_get_user (by_object)), ==, "Raj");
  g_assert_null (hearth_user_get_username (hearth_event_get_user (by_object)));
  g_assert_null (hearth_user_get_photo (hearth_event_get_user (by_object)));
  assert_time (hearth_user_get_last_seen (hearth_event_get_user (by_object)),
               "2025-09-12T13:36:43Z");

  removed = parse_ok ("chat-participant-removed",
                      "{\"chat\": \"c1\", \"user\": {\"_id\": \"u2\", \"name\": \"Ana\"}}");
  g_assert_cmpstr (hearth_event_get_user_id (removed), ==, "u2");
  g_assert_cmpstr (hearth_user_get_name (hearth_event_get_user (removed)), ==, "Ana");

  /* A message sender given as an id: no user object, but the id is there. */
  message = parse_ok ("messages-received", "{" MSG_OK "}}");
  m = hearth_event_get_message (message);
  g_assert_null (hearth_message_get_sender (m));
  g_assert_cmpstr (hearth_message_get_sender_id (m), ==, "u1");
  g_assert_null (hearth_event_get_user (message));
  g_assert_cmpstr (hearth_event_get_user_id (message), ==, "u1");
  g_assert_cmpstr (hearth_message_get_content (m), ==, "");   /* missing content */
  g_assert_null (hearth_message_get_reel (m));
}

static void
test_reel_optional_key (void)
{
  static const struct
  {
    const char *extra;
    const char *reel;
  } cases[] = {
    { "", NULL },
    { ", \"reel\": \"r1\"", "r1" },
    { ", \"reel?\": \"r2\"", "r2" },
    { ", \"reel\": \"r1\", \"reel?\": \"r2\"", "r1" },
    { ", \"reel?\": \"r2\", \"reel\": \"r1\"", "r1" },
    { ", \"reel\": null, \"reel?\": \"r2\"", "r2" },
    { ", \"reel\": 5, \"reel?\": \"r2\"", "r2" },
    { ", \"reel\": 5", NULL },
    { ", \"reel\": {\"_id\": \"r1\"}", NULL },
    { ", \"reel\": \"\"", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = g_strconcat ("{" MSG_OK, cases[i].extra, "}}", NULL);
      g_autoptr(HearthEvent) event = parse_ok ("messages-sent", data);

      g_assert_cmpstr (hearth_message_get_reel (hearth_event_get_message (event)), ==,
                       cases[i].reel);
    }
}

static void
test_admin_optional_key (void)
{
  g_autoptr(HearthEvent) plain = parse_ok ("chat-joined",
                                           "{\"chat\": \"c1\", \"admin\": {\"_id\": \"a1\"}, "
                                           "\"admin?\": {\"_id\": \"a2\"}}");
  g_autoptr(HearthEvent) question = parse_ok ("chat-joined",
                                              "{\"chat\": \"c1\", \"admin?\": \"a2\"}");
  g_autoptr(HearthEvent) by_id = parse_ok ("chat-joined", "{\"chat\": \"c1\", \"admin\": \"a1\"}");
  g_autoptr(HearthEvent) invalid = parse_ok ("chat-joined",
                                             "{\"chat\": \"c1\", \"admin\": {\"name\": \"x\"}}");
  g_autoptr(HearthEvent) fallback = parse_ok ("chat-joined",
                                              "{\"chat\": \"c1\", \"admin\": 5, "
                                              "\"admin?\": {\"_id\": \"a2\"}}");
  g_autoptr(HearthEvent) absent = parse_ok ("chat-joined", "{\"chat\": \"c1\"}");

  g_assert_cmpstr (hearth_user_get_id (hearth_event_get_admin (plain)), ==, "a1");
  g_assert_cmpstr (hearth_user_get_id (hearth_event_get_admin (question)), ==, "a2");
  g_assert_cmpstr (hearth_user_get_id (hearth_event_get_admin (by_id)), ==, "a1");
  g_assert_null (hearth_event_get_admin (invalid));
  g_assert_cmpstr (hearth_user_get_id (hearth_event_get_admin (fallback)), ==, "a2");
  g_assert_null (hearth_event_get_admin (absent));
  g_assert_cmpstr (hearth_event_get_chat_id (absent), ==, "c1");
}

static void
test_event_optional_key (void)
{
  g_autoptr(HearthEvent) plain = parse_ok ("chat-deleted",
                                           "{\"chat\": \"c1\", \"event\": \"e1\", "
                                           "\"event?\": \"e2\"}");
  g_autoptr(HearthEvent) question = parse_ok ("chat-deleted",
                                              "{\"chat\": \"c1\", \"event?\": \"e2\"}");
  g_autoptr(HearthEvent) wrong = parse_ok ("chat-deleted",
                                           "{\"chat\": \"c1\", \"event\": 3, \"user\": 4}");

  g_assert_cmpstr (hearth_event_get_event_ref (plain), ==, "e1");
  g_assert_cmpstr (hearth_event_get_event_ref (question), ==, "e2");
  /* user and event are optional here: wrong types are dropped. */
  g_assert_null (hearth_event_get_event_ref (wrong));
  g_assert_null (hearth_event_get_user (wrong));
  g_assert_cmpstr (hearth_event_get_chat_id (wrong), ==, "c1");
}

static void
test_message_aliases (void)
{
  g_autoptr(HearthEvent) received = parse_ok ("message-received", "{" MSG_OK "}}");
  g_autoptr(HearthEvent) sent = parse_ok ("message-sent", "{" MSG_OK "}}");

  g_assert_cmpint (hearth_event_get_kind (received), ==, HEARTH_EVENT_MESSAGES_RECEIVED);
  g_assert_cmpstr (hearth_event_get_name (received), ==, "messages-received");
  g_assert_cmpint (hearth_event_get_kind (sent), ==, HEARTH_EVENT_MESSAGES_SENT);
  g_assert_cmpstr (hearth_event_get_name (sent), ==, "messages-sent");
  g_assert_cmpstr (hearth_message_get_id (hearth_event_get_message (sent)), ==, "m1");

  /* Errors name the canonical event. */
  assert_parse_error ("message-sent", "{}", -1, HEARTH_EVENT_ERROR,
                      HEARTH_EVENT_ERROR_MISSING_FIELD, "messages-sent: message is missing");
}

static void
test_message_fields (void)
{
  g_autoptr(HearthEvent) event = NULL;
  g_autoptr(HearthEvent) data_chat = NULL;
  HearthMessage *m;

  event = parse_ok ("messages-sent",
                    "{\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"user\": \"u1\", "
                    "\"at\": \"2025-09-15T11:40:22.250+02:00\", \"content\": 5, "
                    "\"clientId\": \"local-7\", \"unknown\": [1, 2]}, \"other\": true}");
  m = hearth_event_get_message (event);
  assert_time (hearth_message_get_at (m), "2025-09-15T09:40:22.250Z");
  g_assert_cmpstr (hearth_message_get_content (m), ==, "");
  g_assert_cmpstr (hearth_message_get_client_id (m), ==, "local-7");

  /* A message without its own chat takes the data's one. */
  data_chat = parse_ok ("messages-received",
                        "{\"chat\": \"c9\", \"message\": {\"_id\": \"m1\", \"user\": \"u1\", "
                        "\"at\": \"2025-09-15T09:40:22\"}}");
  g_assert_cmpstr (hearth_event_get_chat_id (data_chat), ==, "c9");
  g_assert_cmpstr (hearth_message_get_chat_id (hearth_event_get_message (data_chat)), ==, "c9");
  /* No zone: UTC. */
  assert_time (hearth_message_get_at (hearth_event_get_message (data_chat)),
               "2025-09-15T09:40:22Z");
}

static void
test_messages_read_optional (void)
{
  static const char * const unusable[] = {
    "", ", \"lastMessage\": null", ", \"lastMessage\": \"m1\"", ", \"lastMessage\": {}",
    ", \"lastMessage\": {\"_id\": \"m1\", \"user\": \"u1\"}",
  };
  g_autoptr(HearthEvent) defaulted = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
    {
      g_autofree char *data = g_strconcat ("{\"user\": \"u1\", \"chat\": \"c1\", "
                                           "\"lastReadAt\": \"2025-09-12T21:06:43.453+05:30\"",
                                           unusable[i], "}", NULL);
      g_autoptr(HearthEvent) event = parse_ok ("messages-read", data);

      g_assert_null (hearth_event_get_message (event));
      assert_time (hearth_event_get_last_read_at (event), "2025-09-12T15:36:43.453Z");
    }

  /* A lastMessage without "chat" belongs to the event's chat. */
  defaulted = parse_ok ("messages-read",
                        "{\"user\": \"u1\", \"chat\": \"c1\", "
                        "\"lastReadAt\": \"2025-09-12T15:36:43Z\", "
                        "\"lastMessage\": {\"_id\": \"m1\", \"user\": \"u1\", "
                        "\"at\": \"2025-09-12T15:36:40Z\"}}");
  g_assert_cmpstr (hearth_message_get_chat_id (hearth_event_get_message (defaulted)), ==, "c1");
}

static void
test_presence_optional (void)
{
  const char * const expected[] = { "a", "b", NULL };
  g_autoptr(HearthEvent) no_chat = parse_ok ("user-online", "{\"user\": \"u1\"}");
  g_autoptr(HearthEvent) wrong = parse_ok ("user-offline",
                                           "{\"user\": \"u1\", \"chat\": 5, \"chats\": \"a\"}");
  g_autoptr(HearthEvent) mixed = parse_ok ("user-online",
                                           "{\"user\": \"u1\", \"chats\": [\"a\", 1, null, \"\", "
                                           "{\"_id\": \"x\"}, \"b\"]}");

  g_assert_null (hearth_event_get_chat_id (no_chat));
  g_assert_nonnull (hearth_event_get_chat_ids (no_chat));
  g_assert_null (hearth_event_get_chat_ids (no_chat)[0]);
  g_assert_true (hearth_user_get_online (hearth_event_get_user (no_chat)));
  g_assert_false (hearth_user_get_online (hearth_event_get_user (wrong)));
  g_assert_null (hearth_event_get_chat_id (wrong));
  g_assert_null (hearth_event_get_chat_ids (wrong)[0]);
  g_assert_cmpstrv (hearth_event_get_chat_ids (mixed), expected);
}

static void
test_reward_numbers (void)
{
  static const struct
  {
    const char *data;
    gint64      remaining;
    gboolean    expired;
    gboolean    consumed;
  } cases[] = {
    { "{\"reward\": \"r\"}", -1, FALSE, FALSE },
    { "{\"reward\": \"r\", \"remaining\": 2.0}", 2, FALSE, FALSE },
    { "{\"reward\": \"r\", \"remaining\": 7.9}", 7, FALSE, FALSE },
    { "{\"reward\": \"r\", \"remaining\": 12}", 12, FALSE, FALSE },
    { "{\"reward\": \"r\", \"remaining\": \"3\"}", -1, FALSE, FALSE },
    { "{\"reward\": \"r\", \"remaining\": null}", -1, FALSE, FALSE },
    { "{\"reward\": \"r\", \"remaining\": 1e300}", G_MAXINT64, FALSE, FALSE },
    { "{\"reward\": \"r\", \"remaining\": -1e300}", G_MININT64, FALSE, FALSE },
    { "{\"reward\": \"r\", \"remaining\": 9007199254740993}", 9007199254740992, FALSE, FALSE },
    { "{\"reward\": \"r\", \"isExpired\": \"yes\", \"isConsumedByYou\": 1}", -1, FALSE, FALSE },
    { "{\"reward\": \"r\", \"isExpired\": true, \"isConsumedByYou\": false}", -1, TRUE, FALSE },
    { "{\"reward\": \"r\", \"isExpired\": false, \"isConsumedByYou\": true}", -1, FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HearthEvent) event = parse_ok ("reward-consumed", cases[i].data);

      g_assert_cmpstr (hearth_event_get_reward_id (event), ==, "r");
      g_assert_cmpint (hearth_event_get_remaining (event), ==, cases[i].remaining);
      g_assert_cmpint (hearth_event_get_is_expired (event), ==, cases[i].expired);
      g_assert_cmpint (hearth_event_get_is_consumed_by_you (event), ==, cases[i].consumed);
    }
}

static void
test_score_tolerance (void)
{
  static const ExpectedAction social[] = {
    { "a", "", NULL, 0, FALSE, 8 },        /* startAt 8.0 */
    { "b", "B", NULL, 0.25, FALSE, 23 },   /* startAt 23.5 */
    { "c", "", NULL, 0, FALSE, -1 },       /* startAt 24 */
    { "d", "", NULL, 0, FALSE, -1 },       /* startAt -1 */
    { "e", "", NULL, 0, FALSE, -1 },       /* startAt "8", value "1", completed 1 */
    { "f", "", NULL, 3, FALSE, 0 },        /* startAt 0 */
  };
  g_autoptr(HearthEvent) event = NULL;
  g_autoptr(HearthEvent) bare = NULL;
  g_autoptr(HearthEvent) mindful_day = NULL;
  g_autoptr(HearthEvent) wrong = NULL;
  HearthScore *score;

  event = parse_ok ("score-updated",
                    "{\"date\": \"2025-11-08T00:00:00+05:30\", \"day\": \"friday\", "
                    "\"reelsSeen\": 3.9, \"totalScore\": 2, "
                    "\"social\": {\"score\": 1, \"day\": \"saturday\", \"actions\": ["
                    "  {\"type\": \"a\", \"startAt\": 8.0},"
                    "  {\"label\": \"no type\"},"
                    "  {\"type\": \"b\", \"label\": \"B\", \"value\": 0.25, \"startAt\": 23.5},"
                    "  {\"type\": 5},"
                    "  {\"type\": \"\"},"
                    "  \"not an object\","
                    "  null,"
                    "  {\"type\": \"c\", \"startAt\": 24},"
                    "  {\"type\": \"d\", \"startAt\": -1, \"label\": null},"
                    "  {\"type\": \"e\", \"startAt\": \"8\", \"value\": \"1\", \"completed\": 1,"
                    "   \"subLabel\": 5},"
                    "  {\"type\": \"f\", \"startAt\": 0, \"value\": 3}"
                    "]}, \"mindfulness\": {\"score\": 0.75, \"actions\": {}}}");
  score = hearth_event_get_score (event);
  assert_time (hearth_score_get_date (score), "2025-11-07T18:30:00Z");
  g_assert_cmpstr (hearth_score_get_day (score), ==, "friday");   /* data.day wins */
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 3);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 2.0);
  g_assert_cmpfloat (hearth_score_get_social_score (score), ==, 1.0);
  g_assert_cmpfloat (hearth_score_get_mindfulness_score (score), ==, 0.75);
  assert_actions (hearth_score_get_social_actions (score), social, G_N_ELEMENTS (social));
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_mindfulness_actions (score)), ==, 0);

  /* Only the date is required. */
  bare = parse_ok ("score-updated", "{\"date\": \"2025-11-07T18:30:00.000Z\"}");
  score = hearth_event_get_score (bare);
  g_assert_null (hearth_score_get_day (score));
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 0);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 0.0);
  g_assert_cmpfloat (hearth_score_get_social_score (score), ==, 0.0);
  g_assert_cmpfloat (hearth_score_get_mindfulness_score (score), ==, 0.0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (score)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_mindfulness_actions (score)), ==, 0);

  mindful_day = parse_ok ("score-updated",
                          "{\"date\": \"2025-11-07T18:30:00Z\", \"social\": {\"day\": 5}, "
                          "\"mindfulness\": {\"day\": \"sunday\"}}");
  g_assert_cmpstr (hearth_score_get_day (hearth_event_get_score (mindful_day)), ==, "sunday");

  wrong = parse_ok ("score-updated",
                    "{\"date\": \"2025-11-07T18:30:00Z\", \"reelsSeen\": \"3\", "
                    "\"totalScore\": true, \"social\": \"x\", \"mindfulness\": [1], "
                    "\"day\": 7}");
  score = hearth_event_get_score (wrong);
  g_assert_null (hearth_score_get_day (score));
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 0);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 0.0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (score)), ==, 0);
}

static void
test_score_huge_numbers (void)
{
  g_autoptr(HearthEvent) high = parse_ok ("score-updated",
                                          "{\"date\": \"2025-11-07T18:30:00Z\", "
                                          "\"reelsSeen\": 1e300, \"totalScore\": 1e300}");
  g_autoptr(HearthEvent) low = parse_ok ("score-updated",
                                         "{\"date\": \"2025-11-07T18:30:00Z\", "
                                         "\"reelsSeen\": -1e300, \"totalScore\": -0.5}");

  /* No clamping of scores here (the UI decides); integer conversions never overflow. */
  g_assert_cmpint (hearth_score_get_reels_seen (hearth_event_get_score (high)), ==, G_MAXINT);
  g_assert_cmpfloat (hearth_score_get_total_score (hearth_event_get_score (high)), ==, 1e300);
  g_assert_cmpint (hearth_score_get_reels_seen (hearth_event_get_score (low)), ==, G_MININT);
  g_assert_cmpfloat (hearth_score_get_total_score (hearth_event_get_score (low)), ==, -0.5);
}

static void
test_unknown_event (void)
{
  g_autoptr(HearthEvent) event = parse_ok ("story-posted",
                                           "{ \"b\": [1, 2.5, null], \"a\": \"x\\u00e9\",\n"
                                           "  \"c\": {\"d\": true} }");
  g_autoptr(HearthEvent) array = parse_ok ("événement", "[1, \"two\"]");
  g_autoptr(HearthEvent) scalar = parse_ok ("ping", "null");
  g_autoptr(GError) error = NULL;
  g_autoptr(HearthEvent) no_data = hearth_event_new_from_json ("bare", NULL, &error);

  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_UNKNOWN);
  g_assert_cmpstr (hearth_event_get_name (event), ==, "story-posted");
  g_assert_false (hearth_event_is_error (event));
  g_assert_cmpstr (hearth_event_get_raw_data (event), ==,
                   "{\"b\":[1,2.5,null],\"a\":\"x\xc3\xa9\",\"c\":{\"d\":true}}");
  assert_unused_fields (event, F_RAW_DATA);

  g_assert_cmpint (hearth_event_get_kind (array), ==, HEARTH_EVENT_UNKNOWN);
  g_assert_cmpstr (hearth_event_get_name (array), ==, "événement");
  g_assert_cmpstr (hearth_event_get_raw_data (array), ==, "[1,\"two\"]");

  g_assert_cmpstr (hearth_event_get_raw_data (scalar), ==, "null");

  g_assert_no_error (error);
  g_assert_cmpstr (hearth_event_get_name (no_data), ==, "bare");
  g_assert_cmpstr (hearth_event_get_raw_data (no_data), ==, "null");
}

static void
test_huge_content (void)
{
  const gsize size = 10 * 1024 * 1024;
  g_autofree char *content = g_malloc (size + 1);
  g_autofree char *data = NULL;
  g_autoptr(HearthEvent) event = NULL;
  g_autoptr(HearthEvent) unknown = NULL;
  const char *got;

  /* 10 MB of mixed ASCII and two-byte UTF-8 ("é"), so a truncation would show. */
  for (gsize i = 0; i < size; i += 3)
    {
      content[i] = 'a' + (i / 3) % 26;
      if (i + 2 < size)
        {
          content[i + 1] = '\xc3';
          content[i + 2] = '\xa9';
        }
      else
        memset (content + i, 'z', size - i);
    }
  content[size] = '\0';
  g_assert_true (g_utf8_validate (content, -1, NULL));

  data = g_strconcat ("{\"message\": {\"_id\": \"m1\", \"chat\": \"c1\", \"user\": \"u1\", "
                      "\"at\": \"2025-09-15T09:40:22Z\", \"content\": \"", content, "\"}}", NULL);
  event = parse_ok ("messages-received", data);
  got = hearth_message_get_content (hearth_event_get_message (event));
  g_assert_cmpuint (strlen (got), ==, size);
  g_assert_true (memcmp (got, content, size) == 0);

  /* A 10 MB unknown event is kept whole as well. */
  unknown = parse_ok ("big-unknown", data);
  g_assert_cmpuint (strlen (hearth_event_get_raw_data (unknown)), >, size);
}

/* Client side (what the server receives) */

static void
test_client_json_invalid (void)
{
  static const struct
  {
    const char *name;
    const char *data;
    int         code;
    const char *message;
  } cases[] = {
    { "messages-received", "{\"chat\": \"c1\"}", HEARTH_EVENT_ERROR_NOT_EMITTABLE, NULL },
    { "message-received", "{\"chat\": \"c1\"}", HEARTH_EVENT_ERROR_NOT_EMITTABLE, NULL },
    { "user-online", "{\"chat\": \"c1\"}", HEARTH_EVENT_ERROR_NOT_EMITTABLE, NULL },
    { "server-error", "{\"message\": \"x\"}", HEARTH_EVENT_ERROR_NOT_EMITTABLE, NULL },
    { "whatever", "{\"chat\": \"c1\"}", HEARTH_EVENT_ERROR_NOT_EMITTABLE, NULL },
    { "", "{\"chat\": \"c1\"}", HEARTH_EVENT_ERROR_INVALID_NAME, NULL },
    { "typing-\xc3", "{\"chat\": \"c1\"}", HEARTH_EVENT_ERROR_INVALID_NAME, NULL },
    { "typing-started", "[\"c1\"]", HEARTH_EVENT_ERROR_INVALID_DATA,
      "typing-started: data is not an object" },
    { "typing-stopped", "{}", HEARTH_EVENT_ERROR_MISSING_FIELD, "typing-stopped: chat is missing" },
    { "messages-read", "{\"chat\": \"\"}", HEARTH_EVENT_ERROR_MISSING_FIELD,
      "messages-read: chat is empty" },
    { "messages-read", "{\"chat\": 12}", HEARTH_EVENT_ERROR_INVALID_FIELD,
      "messages-read: chat is not a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) data = hearth_json_parse (cases[i].data, -1, NULL);
      g_autoptr(HearthEvent) event = hearth_event_new_from_client_json (cases[i].name, data,
                                                                        &error);

      g_assert_error (error, HEARTH_EVENT_ERROR, cases[i].code);
      g_assert_null (event);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_client_json_extra_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = hearth_json_parse ("{\"chat\": \"c1\", \"user\": \"u1\", "
                                                "\"lastReadAt\": 5}", -1, NULL);
  g_autoptr(HearthEvent) event = hearth_event_new_from_client_json ("messages-read", data, &error);
  g_autoptr(HearthEvent) null_data = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (hearth_event_get_kind (event), ==, HEARTH_EVENT_MESSAGES_READ);
  g_assert_cmpstr (hearth_event_get_chat_id (event), ==, "c1");
  assert_unused_fields (event, F_CHAT);

  null_data = hearth_event_new_from_client_json ("typing-started", NULL, &error);
  g_assert_error (error, HEARTH_EVENT_ERROR, HEARTH_EVENT_ERROR_INVALID_DATA);
  g_assert_null (null_data);
}

static void
test_emitted (void)
{
  static const HearthEventKind kinds[] = {
    HEARTH_EVENT_TYPING_STARTED, HEARTH_EVENT_TYPING_STOPPED, HEARTH_EVENT_MESSAGES_READ,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(HearthEvent) event = hearth_event_new_emitted (kinds[i], "chat \"1\"");
      g_autoptr(JsonNode) json = hearth_event_to_json (event);
      g_autofree char *text = hearth_json_to_string (json);
      g_autoptr(GError) error = NULL;
      g_autoptr(HearthEvent) back = NULL;

      g_assert_cmpint (hearth_event_get_kind (event), ==, kinds[i]);
      g_assert_cmpstr (hearth_event_get_name (event), ==, hearth_event_kind_to_name (kinds[i]));
      g_assert_cmpstr (text, ==, "{\"chat\":\"chat \\\"1\\\"\"}");

      /* What we send is what the server side parses. */
      back = hearth_event_new_from_client_json (hearth_event_get_name (event), json, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (hearth_event_get_chat_id (back), ==, "chat \"1\"");
    }
}

static void
test_emitted_invalid (void)
{
  HearthEvent *event;

  g_test_expect_message ("hearth-event", G_LOG_LEVEL_CRITICAL, "*kind_is_emittable*");
  event = hearth_event_new_emitted (HEARTH_EVENT_USER_ONLINE, "c1");
  g_test_assert_expected_messages ();
  g_assert_null (event);

  g_test_expect_message ("hearth-event", G_LOG_LEVEL_CRITICAL, "*chat_id*");
  event = hearth_event_new_emitted (HEARTH_EVENT_TYPING_STARTED, "");
  g_test_assert_expected_messages ();
  g_assert_null (event);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  load_seed ();

  g_test_add_func ("/Hearth/Event/seed/payloads", test_seed_payloads);
  g_test_add_data_func ("/Hearth/Event/seed/user-online", GINT_TO_POINTER (TRUE),
                        test_seed_presence);
  g_test_add_data_func ("/Hearth/Event/seed/user-offline", GINT_TO_POINTER (FALSE),
                        test_seed_presence);
  g_test_add_data_func ("/Hearth/Event/seed/typing-started", GINT_TO_POINTER (TRUE),
                        test_seed_typing);
  g_test_add_data_func ("/Hearth/Event/seed/typing-stopped", GINT_TO_POINTER (FALSE),
                        test_seed_typing);
  g_test_add_func ("/Hearth/Event/seed/messages-read", test_seed_messages_read);
  g_test_add_data_func ("/Hearth/Event/seed/messages-received", GINT_TO_POINTER (TRUE),
                        test_seed_messages);
  g_test_add_data_func ("/Hearth/Event/seed/messages-sent", GINT_TO_POINTER (FALSE),
                        test_seed_messages);
  g_test_add_func ("/Hearth/Event/seed/chat-created", test_seed_chat_created);
  g_test_add_func ("/Hearth/Event/seed/account-terminated", test_seed_account_terminated);
  g_test_add_func ("/Hearth/Event/seed/chat-joined", test_seed_chat_joined);
  g_test_add_func ("/Hearth/Event/seed/chat-participant-removed",
                   test_seed_chat_participant_removed);
  g_test_add_func ("/Hearth/Event/seed/chat-deleted", test_seed_chat_deleted);
  g_test_add_func ("/Hearth/Event/seed/reward-consumed", test_seed_reward_consumed);
  g_test_add_func ("/Hearth/Event/seed/score-updated", test_seed_score_updated);
  g_test_add_data_func ("/Hearth/Event/seed/emit-typing-started", "typing-started",
                        test_seed_emitted);
  g_test_add_data_func ("/Hearth/Event/seed/emit-typing-stopped", "typing-stopped",
                        test_seed_emitted);
  g_test_add_data_func ("/Hearth/Event/seed/emit-messages-read", "messages-read",
                        test_seed_emitted);
  g_test_add_func ("/Hearth/Event/seed/verification-required", test_seed_error_example);

  for (guint i = 0; i < G_N_ELEMENTS (error_names); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Hearth/Event/error/%s", error_names[i]);

      g_test_add_data_func (path, error_names[i], test_error_event);
    }

  g_test_add_func ("/Hearth/Event/kind-names", test_kind_names);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Hearth/Event/invalid/%s", invalid_cases[i].path);

      g_test_add_data_func (path, &invalid_cases[i], test_invalid_case);
    }
  g_test_add_func ("/Hearth/Event/invalid/name-null", test_invalid_name_null);
  g_test_add_func ("/Hearth/Event/invalid/data-all-kinds", test_invalid_data_all_kinds);
  g_test_add_func ("/Hearth/Event/invalid/deep-nesting", test_invalid_deep_nesting);
  g_test_add_func ("/Hearth/Event/invalid/embedded-nul", test_invalid_embedded_nul);

  g_test_add_func ("/Hearth/Event/tolerance/user-as-id-or-object", test_user_as_id_or_object);
  g_test_add_func ("/Hearth/Event/tolerance/reel-optional-key", test_reel_optional_key);
  g_test_add_func ("/Hearth/Event/tolerance/admin-optional-key", test_admin_optional_key);
  g_test_add_func ("/Hearth/Event/tolerance/event-optional-key", test_event_optional_key);
  g_test_add_func ("/Hearth/Event/tolerance/message-aliases", test_message_aliases);
  g_test_add_func ("/Hearth/Event/tolerance/message-fields", test_message_fields);
  g_test_add_func ("/Hearth/Event/tolerance/messages-read-optional", test_messages_read_optional);
  g_test_add_func ("/Hearth/Event/tolerance/presence-optional", test_presence_optional);
  g_test_add_func ("/Hearth/Event/tolerance/reward-numbers", test_reward_numbers);
  g_test_add_func ("/Hearth/Event/tolerance/score", test_score_tolerance);
  g_test_add_func ("/Hearth/Event/tolerance/score-huge-numbers", test_score_huge_numbers);
  g_test_add_func ("/Hearth/Event/tolerance/unknown-event", test_unknown_event);
  g_test_add_func ("/Hearth/Event/tolerance/huge-content", test_huge_content);

  g_test_add_func ("/Hearth/Event/client/invalid", test_client_json_invalid);
  g_test_add_func ("/Hearth/Event/client/extra-fields", test_client_json_extra_fields);
  g_test_add_func ("/Hearth/Event/emitted/to-json", test_emitted);
  g_test_add_func ("/Hearth/Event/emitted/invalid", test_emitted_invalid);

  ret = g_test_run ();

  g_clear_pointer (&seed_payloads, g_ptr_array_unref);

  return ret;
}
