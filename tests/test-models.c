/* test-models.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-test-models"

#include "config.h"

#include <gio/gio.h>
#include <math.h>

#include "hearth-chat.h"
#include "hearth-enums.h"
#include "hearth-message.h"
#include "hearth-reward.h"
#include "hearth-score.h"
#include "hearth-score-action.h"
#include "hearth-user.h"

/* Counts "notify" emissions per property name. */
typedef struct
{
  GHashTable *counts;
  guint       total;
} NotifyLog;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           NotifyLog  *log)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, pspec->name));

  g_hash_table_insert (log->counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
  log->total++;
}

static NotifyLog *
notify_log_new (gpointer object)
{
  NotifyLog *log = g_new0 (NotifyLog, 1);

  log->counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (object, "notify", G_CALLBACK (on_notify), log);

  return log;
}

static guint
notify_log_count (NotifyLog  *log,
                  const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name));
}

static void
notify_log_free (NotifyLog *log,
                 gpointer   object)
{
  g_signal_handlers_disconnect_by_data (object, log);
  g_hash_table_unref (log->counts);
  g_free (log);
}

static GDateTime *
make_time (const char *iso8601)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *time = g_date_time_new_from_iso8601 (iso8601, utc);

  g_assert_nonnull (time);
  return time;
}

/* HearthUser */

static void
test_user_properties (void)
{
  HearthUser *user = hearth_user_new ("u1");
  g_autoptr(GDateTime) seen = make_time ("2025-09-12T15:36:43.453Z");
  g_autoptr(GDateTime) seen_out = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *username = NULL;
  g_autofree char *photo = NULL;
  gboolean online = FALSE;

  g_assert_cmpstr (hearth_user_get_id (user), ==, "u1");
  g_assert_null (hearth_user_get_name (user));
  g_assert_null (hearth_user_get_username (user));
  g_assert_null (hearth_user_get_photo (user));
  g_assert_false (hearth_user_get_online (user));
  g_assert_null (hearth_user_get_last_seen (user));

  /* Display name falls back from name to username to id. */
  g_assert_cmpstr (hearth_user_get_display_name (user), ==, "u1");
  hearth_user_set_username (user, "raj.example");
  g_assert_cmpstr (hearth_user_get_display_name (user), ==, "raj.example");
  hearth_user_set_name (user, "");
  g_assert_cmpstr (hearth_user_get_display_name (user), ==, "raj.example");
  hearth_user_set_name (user, "Raj Kr");
  g_assert_cmpstr (hearth_user_get_display_name (user), ==, "Raj Kr");

  g_object_set (user,
                "photo", "https://example.com/a.png",
                "online", TRUE,
                "last-seen", seen,
                NULL);
  g_object_get (user,
                "id", &id,
                "name", &name,
                "username", &username,
                "photo", &photo,
                "online", &online,
                "last-seen", &seen_out,
                NULL);
  g_assert_cmpstr (id, ==, "u1");
  g_assert_cmpstr (name, ==, "Raj Kr");
  g_assert_cmpstr (username, ==, "raj.example");
  g_assert_cmpstr (photo, ==, "https://example.com/a.png");
  g_assert_true (online);
  g_assert_true (g_date_time_equal (seen_out, seen));
  g_assert_true (hearth_user_get_last_seen (user) == seen);

  hearth_user_set_photo (user, NULL);
  g_assert_null (hearth_user_get_photo (user));

  g_assert_finalize_object (user);
}

static void
test_user_notify (void)
{
  HearthUser *user = hearth_user_new ("u1");
  NotifyLog *log = notify_log_new (user);
  g_autoptr(GDateTime) t1 = make_time ("2025-09-12T15:36:43Z");
  g_autoptr(GDateTime) t1_again = make_time ("2025-09-12T17:36:43+02:00");
  g_autoptr(GDateTime) t2 = make_time ("2025-09-12T15:36:44Z");

  hearth_user_set_name (user, "Raj");
  hearth_user_set_name (user, "Raj");
  g_assert_cmpuint (notify_log_count (log, "name"), ==, 1);
  hearth_user_set_name (user, NULL);
  hearth_user_set_name (user, NULL);
  g_assert_cmpuint (notify_log_count (log, "name"), ==, 2);

  hearth_user_set_username (user, "raj");
  hearth_user_set_username (user, "raj");
  g_assert_cmpuint (notify_log_count (log, "username"), ==, 1);

  hearth_user_set_photo (user, "p");
  hearth_user_set_photo (user, "p");
  hearth_user_set_photo (user, "q");
  g_assert_cmpuint (notify_log_count (log, "photo"), ==, 2);

  hearth_user_set_online (user, TRUE);
  hearth_user_set_online (user, 2);   /* another "true" is no change */
  hearth_user_set_online (user, TRUE);
  g_assert_cmpuint (notify_log_count (log, "online"), ==, 1);
  hearth_user_set_online (user, FALSE);
  g_assert_cmpuint (notify_log_count (log, "online"), ==, 2);

  /* Equal instants in other objects (even other zones) are no change. */
  hearth_user_set_last_seen (user, t1);
  hearth_user_set_last_seen (user, t1_again);
  g_assert_cmpuint (notify_log_count (log, "last-seen"), ==, 1);
  hearth_user_set_last_seen (user, t2);
  g_assert_cmpuint (notify_log_count (log, "last-seen"), ==, 2);
  hearth_user_set_last_seen (user, NULL);
  hearth_user_set_last_seen (user, NULL);
  g_assert_cmpuint (notify_log_count (log, "last-seen"), ==, 3);

  /* g_object_set() goes through the same setters. */
  g_object_set (user, "username", "raj", NULL);
  g_assert_cmpuint (notify_log_count (log, "username"), ==, 1);
  g_object_set (user, "username", "raj2", NULL);
  g_assert_cmpuint (notify_log_count (log, "username"), ==, 2);

  g_assert_cmpuint (log->total, ==, 2 + 2 + 2 + 2 + 3);

  notify_log_free (log, user);
  g_assert_finalize_object (user);
}

/* HearthMessage */

static void
test_message_properties (void)
{
  HearthMessage *message = hearth_message_new ("m1", "c1");
  HearthUser *sender = hearth_user_new ("u1");
  g_autoptr(GDateTime) at = make_time ("2025-09-15T09:40:22Z");
  g_autoptr(GDateTime) at_out = NULL;
  g_autoptr(HearthUser) sender_out = NULL;
  g_autofree char *id = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *chat_id = NULL;
  g_autofree char *sender_id = NULL;
  g_autofree char *content = NULL;
  g_autofree char *reel = NULL;
  HearthMessageState state = HEARTH_MESSAGE_SENT;

  g_assert_cmpstr (hearth_message_get_id (message), ==, "m1");
  g_assert_cmpstr (hearth_message_get_chat_id (message), ==, "c1");
  g_assert_null (hearth_message_get_client_id (message));
  g_assert_null (hearth_message_get_sender_id (message));
  g_assert_null (hearth_message_get_sender (message));
  g_assert_null (hearth_message_get_content (message));
  g_assert_null (hearth_message_get_reel (message));
  g_assert_null (hearth_message_get_at (message));
  g_assert_cmpint (hearth_message_get_state (message), ==, HEARTH_MESSAGE_SENT);

  g_object_set (message,
                "client-id", "local-1",
                "content", "Hi John, All good ?",
                "reel", "r1",
                "at", at,
                "state", HEARTH_MESSAGE_QUEUED,
                "sender", sender,
                NULL);
  g_object_get (message,
                "id", &id,
                "client-id", &client_id,
                "chat-id", &chat_id,
                "sender-id", &sender_id,
                "sender", &sender_out,
                "content", &content,
                "reel", &reel,
                "at", &at_out,
                "state", &state,
                NULL);
  g_assert_cmpstr (id, ==, "m1");
  g_assert_cmpstr (client_id, ==, "local-1");
  g_assert_cmpstr (chat_id, ==, "c1");
  g_assert_cmpstr (sender_id, ==, "u1");   /* follows the sender */
  g_assert_true (sender_out == sender);
  g_assert_cmpstr (content, ==, "Hi John, All good ?");
  g_assert_cmpstr (reel, ==, "r1");
  g_assert_true (g_date_time_equal (at_out, at));
  g_assert_cmpint (state, ==, HEARTH_MESSAGE_QUEUED);

  /* The pending row takes the server id. */
  hearth_message_set_id (message, "server-1");
  g_assert_cmpstr (hearth_message_get_id (message), ==, "server-1");
  hearth_message_set_chat_id (message, "c2");
  g_assert_cmpstr (hearth_message_get_chat_id (message), ==, "c2");

  /* Clearing the sender keeps the known id. */
  hearth_message_set_sender (message, NULL);
  g_assert_null (hearth_message_get_sender (message));
  g_assert_cmpstr (hearth_message_get_sender_id (message), ==, "u1");
  hearth_message_set_sender_id (message, "u9");
  g_assert_cmpstr (hearth_message_get_sender_id (message), ==, "u9");

  g_clear_object (&sender_out);
  g_assert_finalize_object (message);
  g_assert_finalize_object (sender);
}

static void
test_message_notify (void)
{
  HearthMessage *message = hearth_message_new ("m1", "c1");
  HearthUser *sender = hearth_user_new ("u1");
  HearthUser *other = hearth_user_new ("u1");
  NotifyLog *log = notify_log_new (message);
  g_autoptr(GDateTime) t1 = make_time ("2025-09-15T09:40:22Z");
  g_autoptr(GDateTime) t1_again = make_time ("2025-09-15T09:40:22.000Z");

  hearth_message_set_id (message, "m1");
  hearth_message_set_chat_id (message, "c1");
  g_assert_cmpuint (log->total, ==, 0);

  hearth_message_set_id (message, "m2");
  hearth_message_set_id (message, "m2");
  g_assert_cmpuint (notify_log_count (log, "id"), ==, 1);

  hearth_message_set_client_id (message, "x");
  hearth_message_set_client_id (message, "x");
  g_assert_cmpuint (notify_log_count (log, "client-id"), ==, 1);

  hearth_message_set_chat_id (message, "c2");
  hearth_message_set_chat_id (message, "c2");
  g_assert_cmpuint (notify_log_count (log, "chat-id"), ==, 1);

  /* Setting a sender notifies "sender" and "sender-id" once each. */
  hearth_message_set_sender (message, sender);
  hearth_message_set_sender (message, sender);
  g_assert_cmpuint (notify_log_count (log, "sender"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "sender-id"), ==, 1);
  /* Another user object with the same id: the sender changes, the id does not. */
  hearth_message_set_sender (message, other);
  g_assert_cmpuint (notify_log_count (log, "sender"), ==, 2);
  g_assert_cmpuint (notify_log_count (log, "sender-id"), ==, 1);
  hearth_message_set_sender_id (message, "u1");
  g_assert_cmpuint (notify_log_count (log, "sender-id"), ==, 1);

  hearth_message_set_content (message, "a");
  hearth_message_set_content (message, "a");
  hearth_message_set_content (message, "b");
  g_assert_cmpuint (notify_log_count (log, "content"), ==, 2);

  hearth_message_set_reel (message, "r");
  hearth_message_set_reel (message, "r");
  hearth_message_set_reel (message, NULL);
  g_assert_cmpuint (notify_log_count (log, "reel"), ==, 2);

  hearth_message_set_at (message, t1);
  hearth_message_set_at (message, t1_again);
  g_assert_cmpuint (notify_log_count (log, "at"), ==, 1);

  hearth_message_set_state (message, HEARTH_MESSAGE_SENT);
  g_assert_cmpuint (notify_log_count (log, "state"), ==, 0);
  hearth_message_set_state (message, HEARTH_MESSAGE_FAILED);
  hearth_message_set_state (message, HEARTH_MESSAGE_FAILED);
  g_assert_cmpuint (notify_log_count (log, "state"), ==, 1);

  g_assert_cmpuint (log->total, ==, 1 + 1 + 1 + 2 + 1 + 2 + 2 + 1 + 1);

  notify_log_free (log, message);
  g_assert_finalize_object (message);
  g_assert_finalize_object (sender);
  g_assert_finalize_object (other);
}

static void
test_message_state_enum (void)
{
  GEnumClass *klass = g_type_class_ref (HEARTH_TYPE_MESSAGE_STATE);
  HearthMessage *message = hearth_message_new (NULL, NULL);

  g_assert_nonnull (g_enum_get_value (klass, HEARTH_MESSAGE_QUEUED));
  g_assert_null (hearth_message_get_id (message));
  g_assert_null (hearth_message_get_chat_id (message));

  g_type_class_unref (klass);
  g_assert_finalize_object (message);
}

/* HearthScoreAction */

static void
test_score_action_properties (void)
{
  HearthScoreAction *action = hearth_score_action_new ("focus-video");
  g_autofree char *type = NULL;
  g_autofree char *label = NULL;
  g_autofree char *sub_label = NULL;
  double value = 0;
  gboolean completed = FALSE;
  int start_at = 0;

  g_assert_cmpstr (hearth_score_action_get_action_type (action), ==, "focus-video");
  g_assert_cmpstr (hearth_score_action_get_label (action), ==, "");
  g_assert_null (hearth_score_action_get_sub_label (action));
  g_assert_cmpfloat (hearth_score_action_get_value (action), ==, 0.0);
  g_assert_false (hearth_score_action_get_completed (action));
  g_assert_cmpint (hearth_score_action_get_start_at (action), ==, -1);

  g_object_set (action,
                "label", "Watch a Focus video (1 min)",
                "sub-label", "Sub",
                "value", 0.5,
                "completed", TRUE,
                "start-at", 8,
                NULL);
  g_object_get (action,
                "action-type", &type,
                "label", &label,
                "sub-label", &sub_label,
                "value", &value,
                "completed", &completed,
                "start-at", &start_at,
                NULL);
  g_assert_cmpstr (type, ==, "focus-video");
  g_assert_cmpstr (label, ==, "Watch a Focus video (1 min)");
  g_assert_cmpstr (sub_label, ==, "Sub");
  g_assert_cmpfloat (value, ==, 0.5);
  g_assert_true (completed);
  g_assert_cmpint (start_at, ==, 8);

  /* The label is never NULL. */
  hearth_score_action_set_label (action, NULL);
  g_assert_cmpstr (hearth_score_action_get_label (action), ==, "");

  hearth_score_action_set_start_at (action, 23);
  g_assert_cmpint (hearth_score_action_get_start_at (action), ==, 23);
  hearth_score_action_set_start_at (action, -1);
  g_assert_cmpint (hearth_score_action_get_start_at (action), ==, -1);

  g_assert_finalize_object (action);
}

static void
test_score_action_notify (void)
{
  HearthScoreAction *action = hearth_score_action_new ("t");
  NotifyLog *log = notify_log_new (action);

  hearth_score_action_set_label (action, "");
  hearth_score_action_set_label (action, NULL);
  g_assert_cmpuint (notify_log_count (log, "label"), ==, 0);
  hearth_score_action_set_label (action, "L");
  hearth_score_action_set_label (action, "L");
  g_assert_cmpuint (notify_log_count (log, "label"), ==, 1);
  hearth_score_action_set_label (action, NULL);
  g_assert_cmpuint (notify_log_count (log, "label"), ==, 2);

  hearth_score_action_set_sub_label (action, "s");
  hearth_score_action_set_sub_label (action, "s");
  hearth_score_action_set_sub_label (action, NULL);
  g_assert_cmpuint (notify_log_count (log, "sub-label"), ==, 2);

  /* Exact comparison: 0.1 + 0.2 is not 0.3. */
  hearth_score_action_set_value (action, 0.0);
  g_assert_cmpuint (notify_log_count (log, "value"), ==, 0);
  hearth_score_action_set_value (action, 0.3);
  hearth_score_action_set_value (action, 0.3);
  g_assert_cmpuint (notify_log_count (log, "value"), ==, 1);
  hearth_score_action_set_value (action, 0.1 + 0.2);
  g_assert_cmpuint (notify_log_count (log, "value"), ==, 2);
  hearth_score_action_set_value (action, NAN);
  hearth_score_action_set_value (action, NAN);
  g_assert_cmpuint (notify_log_count (log, "value"), ==, 3);
  g_assert_true (isnan (hearth_score_action_get_value (action)));

  hearth_score_action_set_completed (action, FALSE);
  hearth_score_action_set_completed (action, TRUE);
  hearth_score_action_set_completed (action, TRUE);
  g_assert_cmpuint (notify_log_count (log, "completed"), ==, 1);

  hearth_score_action_set_start_at (action, -1);
  hearth_score_action_set_start_at (action, 0);
  hearth_score_action_set_start_at (action, 0);
  g_assert_cmpuint (notify_log_count (log, "start-at"), ==, 1);

  g_assert_cmpuint (log->total, ==, 2 + 2 + 3 + 1 + 1);

  notify_log_free (log, action);
  g_assert_finalize_object (action);
}

static void
test_score_action_start_at_range (void)
{
  HearthScoreAction *action = hearth_score_action_new ("t");

  hearth_score_action_set_start_at (action, 15);

  /* Out of range is a programming error (the event parser maps it to -1). */
  g_test_expect_message ("hearth-score-action", G_LOG_LEVEL_CRITICAL, "*start_at*");
  hearth_score_action_set_start_at (action, 24);
  g_test_assert_expected_messages ();
  g_assert_cmpint (hearth_score_action_get_start_at (action), ==, 15);

  g_test_expect_message ("hearth-score-action", G_LOG_LEVEL_CRITICAL, "*start_at*");
  hearth_score_action_set_start_at (action, -2);
  g_test_assert_expected_messages ();
  g_assert_cmpint (hearth_score_action_get_start_at (action), ==, 15);

  g_assert_finalize_object (action);
}

/* HearthScore */

static void
test_score_properties (void)
{
  g_autoptr(GDateTime) date = make_time ("2025-11-07T18:30:00.000Z");
  g_autoptr(GDateTime) date_out = NULL;
  g_autoptr(GListModel) social_out = NULL;
  g_autoptr(GListModel) mindfulness_out = NULL;
  g_autofree char *day = NULL;
  HearthScore *score = hearth_score_new (date);
  int reels_seen = 0;
  double total = 0, social = 0, mindfulness = 0;

  g_assert_true (g_date_time_equal (hearth_score_get_date (score), date));
  g_assert_null (hearth_score_get_day (score));
  g_assert_cmpint (hearth_score_get_reels_seen (score), ==, 0);
  g_assert_cmpfloat (hearth_score_get_total_score (score), ==, 0.0);
  g_assert_cmpfloat (hearth_score_get_social_score (score), ==, 0.0);
  g_assert_cmpfloat (hearth_score_get_mindfulness_score (score), ==, 0.0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (score)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_mindfulness_actions (score)), ==, 0);
  g_assert_true (g_list_model_get_item_type (hearth_score_get_social_actions (score)) ==
                 HEARTH_TYPE_SCORE_ACTION);

  g_object_set (score,
                "day", "saturday",
                "reels-seen", 3,
                "total-score", 1.0,
                "social-score", 0.5,
                "mindfulness-score", 0.25,
                NULL);
  g_object_get (score,
                "date", &date_out,
                "day", &day,
                "reels-seen", &reels_seen,
                "total-score", &total,
                "social-score", &social,
                "mindfulness-score", &mindfulness,
                "social-actions", &social_out,
                "mindfulness-actions", &mindfulness_out,
                NULL);
  g_assert_true (g_date_time_equal (date_out, date));
  g_assert_cmpstr (day, ==, "saturday");
  g_assert_cmpint (reels_seen, ==, 3);
  g_assert_cmpfloat (total, ==, 1.0);
  g_assert_cmpfloat (social, ==, 0.5);
  g_assert_cmpfloat (mindfulness, ==, 0.25);
  g_assert_true (social_out == hearth_score_get_social_actions (score));
  g_assert_true (mindfulness_out == hearth_score_get_mindfulness_actions (score));
  g_assert_true (social_out != mindfulness_out);

  g_clear_object (&social_out);
  g_clear_object (&mindfulness_out);
  g_assert_finalize_object (score);
}

static void
test_score_notify (void)
{
  g_autoptr(GDateTime) date = make_time ("2025-11-07T18:30:00Z");
  HearthScore *score = hearth_score_new (date);
  NotifyLog *log = notify_log_new (score);

  hearth_score_set_day (score, NULL);
  hearth_score_set_day (score, "monday");
  hearth_score_set_day (score, "monday");
  g_assert_cmpuint (notify_log_count (log, "day"), ==, 1);

  hearth_score_set_reels_seen (score, 0);
  hearth_score_set_reels_seen (score, 4);
  hearth_score_set_reels_seen (score, 4);
  g_assert_cmpuint (notify_log_count (log, "reels-seen"), ==, 1);

  hearth_score_set_total_score (score, 0.0);
  hearth_score_set_total_score (score, 0.7);
  hearth_score_set_total_score (score, 0.7);
  hearth_score_set_total_score (score, 7.0 / 10.0);   /* the same double */
  g_assert_cmpuint (notify_log_count (log, "total-score"), ==, 1);
  hearth_score_set_total_score (score, nextafter (0.7, 1.0));
  g_assert_cmpuint (notify_log_count (log, "total-score"), ==, 2);

  hearth_score_set_social_score (score, 0.5);
  hearth_score_set_social_score (score, 0.5);
  g_assert_cmpuint (notify_log_count (log, "social-score"), ==, 1);

  hearth_score_set_mindfulness_score (score, 1.0);
  hearth_score_set_mindfulness_score (score, 1.0);
  hearth_score_set_mindfulness_score (score, 0.0);
  g_assert_cmpuint (notify_log_count (log, "mindfulness-score"), ==, 2);

  g_assert_cmpuint (log->total, ==, 1 + 1 + 2 + 1 + 2);

  notify_log_free (log, score);
  g_assert_finalize_object (score);
}

typedef struct
{
  guint n_calls;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->n_calls++;
  record->position = position;
  record->removed = removed;
  record->added = added;
}

static GPtrArray *
make_actions (guint n)
{
  GPtrArray *actions = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *type = g_strdup_printf ("type-%u", i);

      g_ptr_array_add (actions, hearth_score_action_new (type));
    }

  return actions;
}

static void
check_actions (GListModel *model,
               GPtrArray  *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);

  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(HearthScoreAction) item = g_list_model_get_item (model, i);

      g_assert_true (item == g_ptr_array_index (expected, i));
    }
}

static void
test_score_actions (gconstpointer data)
{
  gboolean social = GPOINTER_TO_INT (data);
  g_autoptr(GDateTime) date = make_time ("2025-11-07T18:30:00Z");
  HearthScore *score = hearth_score_new (date);
  GListModel *model = social ? hearth_score_get_social_actions (score)
                             : hearth_score_get_mindfulness_actions (score);
  GListModel *other = social ? hearth_score_get_mindfulness_actions (score)
                             : hearth_score_get_social_actions (score);
  void (*set_actions) (HearthScore *, GPtrArray *) =
    social ? hearth_score_set_social_actions : hearth_score_set_mindfulness_actions;
  ItemsChanged record = { 0 };
  NotifyLog *log = notify_log_new (score);
  g_autoptr(GPtrArray) three = make_actions (3);
  g_autoptr(GPtrArray) two = make_actions (2);
  g_autoptr(GPtrArray) empty = make_actions (0);
  HearthScoreAction *first;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &record);

  /* Empty to empty: nothing to say. */
  set_actions (score, empty);
  set_actions (score, NULL);
  g_assert_cmpuint (record.n_calls, ==, 0);

  set_actions (score, three);
  g_assert_cmpuint (record.n_calls, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 3);
  check_actions (model, three);
  g_assert_cmpuint (g_list_model_get_n_items (other), ==, 0);

  /* Replacing is one splice. */
  set_actions (score, two);
  g_assert_cmpuint (record.n_calls, ==, 2);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 3);
  g_assert_cmpuint (record.added, ==, 2);
  check_actions (model, two);

  set_actions (score, NULL);
  g_assert_cmpuint (record.n_calls, ==, 3);
  g_assert_cmpuint (record.removed, ==, 2);
  g_assert_cmpuint (record.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* The action lists are not properties that change: no notify. */
  g_assert_cmpuint (log->total, ==, 0);

  /* The store holds its own references. */
  set_actions (score, three);
  first = g_object_ref (g_ptr_array_index (three, 0));
  g_ptr_array_set_size (three, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  {
    g_autoptr(HearthScoreAction) item = g_list_model_get_item (model, 0);

    g_assert_true (item == first);
  }

  notify_log_free (log, score);
  g_signal_handlers_disconnect_by_data (model, &record);
  g_assert_finalize_object (score);
  /* The score released its actions: only our reference remains. */
  g_assert_finalize_object (first);
}

static void
test_score_actions_invalid (void)
{
  g_autoptr(GDateTime) date = make_time ("2025-11-07T18:30:00Z");
  HearthScore *score = hearth_score_new (date);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (bad, hearth_user_new ("not an action"));

  g_test_expect_message ("hearth-score", G_LOG_LEVEL_CRITICAL, "*actions_are_valid*");
  hearth_score_set_social_actions (score, bad);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (g_list_model_get_n_items (hearth_score_get_social_actions (score)), ==, 0);

  g_assert_finalize_object (score);
}

/* HearthChat */

static HearthUser *
make_user (const char *id,
           const char *name,
           const char *username)
{
  HearthUser *user = hearth_user_new (id);

  hearth_user_set_name (user, name);
  hearth_user_set_username (user, username);
  return user;
}

static void
test_chat_properties (void)
{
  g_autoptr(HearthChat) chat = hearth_chat_new ("c1");
  g_autoptr(HearthUser) admin = make_user ("u1", "Raj Kumar", "raj");
  g_autoptr(HearthMessage) message = hearth_message_new ("m1", "c1");
  g_autoptr(GDateTime) created = make_time ("2026-01-01T10:00:00Z");
  g_autoptr(GDateTime) at = make_time ("2026-01-02T10:00:00Z");
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GListModel) typing = NULL;
  g_autoptr(GDateTime) activity = NULL;
  guint unread;
  gboolean left, is_group;

  g_assert_cmpstr (hearth_chat_get_id (chat), ==, "c1");
  g_assert_null (hearth_chat_get_name (chat));
  g_assert_null (hearth_chat_get_me_id (chat));
  /* No name, no participants: falls back to the id. */
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "c1");
  g_assert_null (hearth_chat_get_admin (chat));
  g_assert_null (hearth_chat_get_last_message (chat));
  g_assert_null (hearth_chat_get_last_activity (chat));
  g_assert_null (hearth_chat_get_created_at (chat));
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_false (hearth_chat_get_left (chat));
  g_assert_false (hearth_chat_get_is_group (chat));
  g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_participants (chat)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hearth_chat_get_typing_users (chat)), ==, 0);
  g_assert_true (g_list_model_get_item_type (hearth_chat_get_participants (chat)) ==
                 HEARTH_TYPE_USER);

  hearth_chat_set_admin (chat, admin);
  hearth_chat_set_created_at (chat, created);
  hearth_chat_set_unread (chat, 3);
  hearth_chat_set_left (chat, TRUE);
  g_assert_true (hearth_chat_get_admin (chat) == admin);
  g_assert_true (hearth_chat_get_created_at (chat) == created);
  g_assert_true (hearth_chat_get_last_activity (chat) == created);

  hearth_message_set_at (message, at);
  hearth_chat_set_last_message (chat, message);
  g_assert_true (hearth_chat_get_last_message (chat) == message);
  g_assert_true (g_date_time_equal (hearth_chat_get_last_activity (chat), at));

  g_object_get (chat,
                "id", &id,
                "title", &title,
                "unread", &unread,
                "left", &left,
                "is-group", &is_group,
                "last-activity", &activity,
                "participants", &participants,
                "typing-users", &typing,
                NULL);
  g_assert_cmpstr (id, ==, "c1");
  g_assert_cmpstr (title, ==, "c1");
  g_assert_cmpuint (unread, ==, 3);
  g_assert_true (left);
  g_assert_false (is_group);
  g_assert_true (g_date_time_equal (activity, at));
  g_assert_true (participants == hearth_chat_get_participants (chat));
  g_assert_true (typing == hearth_chat_get_typing_users (chat));

  g_object_set (chat, "name", "Book club", "unread", 0, "left", FALSE, NULL);
  g_assert_cmpstr (hearth_chat_get_name (chat), ==, "Book club");
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Book club");
  g_assert_true (hearth_chat_get_is_group (chat));
  g_assert_cmpuint (hearth_chat_get_unread (chat), ==, 0);
  g_assert_false (hearth_chat_get_left (chat));

  /* Clearing the last message falls back to the creation time. */
  hearth_chat_set_last_message (chat, NULL);
  g_assert_true (hearth_chat_get_last_activity (chat) == created);

  g_clear_object (&participants);
  g_clear_object (&typing);
  g_assert_finalize_object (g_steal_pointer (&chat));
}

static void
test_chat_notify (void)
{
  g_autoptr(HearthChat) chat = hearth_chat_new ("c1");
  g_autoptr(HearthUser) admin = make_user ("u1", "Raj", NULL);
  g_autoptr(HearthMessage) m1 = hearth_message_new ("m1", "c1");
  g_autoptr(HearthMessage) m2 = hearth_message_new ("m2", "c1");
  g_autoptr(GDateTime) t1 = make_time ("2026-01-01T10:00:00Z");
  g_autoptr(GDateTime) t1_copy = make_time ("2026-01-01T10:00:00Z");
  g_autoptr(GDateTime) t2 = make_time ("2026-01-02T10:00:00Z");
  g_autoptr(GDateTime) t3 = make_time ("2026-01-03T10:00:00Z");
  NotifyLog *log = notify_log_new (chat);

  hearth_chat_set_name (chat, "Trip");
  hearth_chat_set_name (chat, "Trip");
  g_assert_cmpuint (notify_log_count (log, "name"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "title"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "is-group"), ==, 1);

  hearth_chat_set_me_id (chat, "u9");
  hearth_chat_set_me_id (chat, "u9");
  g_assert_cmpuint (notify_log_count (log, "me-id"), ==, 1);
  /* The name wins: the title does not change. */
  g_assert_cmpuint (notify_log_count (log, "title"), ==, 1);

  hearth_chat_set_admin (chat, admin);
  hearth_chat_set_admin (chat, admin);
  g_assert_cmpuint (notify_log_count (log, "admin"), ==, 1);

  hearth_chat_set_unread (chat, 2);
  hearth_chat_set_unread (chat, 2);
  g_assert_cmpuint (notify_log_count (log, "unread"), ==, 1);

  hearth_chat_set_left (chat, TRUE);
  hearth_chat_set_left (chat, 42);
  g_assert_cmpuint (notify_log_count (log, "left"), ==, 1);

  /* created-at drives last-activity while there is no last message. */
  hearth_chat_set_created_at (chat, t1);
  hearth_chat_set_created_at (chat, t1_copy);
  g_assert_cmpuint (notify_log_count (log, "created-at"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "last-activity"), ==, 1);

  hearth_message_set_at (m1, t2);
  hearth_chat_set_last_message (chat, m1);
  hearth_chat_set_last_message (chat, m1);
  g_assert_cmpuint (notify_log_count (log, "last-message"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "last-activity"), ==, 2);

  /* A new last message at the same time: last-activity does not change. */
  hearth_message_set_at (m2, t2);
  hearth_chat_set_last_message (chat, m2);
  g_assert_cmpuint (notify_log_count (log, "last-message"), ==, 2);
  g_assert_cmpuint (notify_log_count (log, "last-activity"), ==, 2);

  /* The last message's time changes (a queued message gets its server time). */
  hearth_message_set_at (m2, t3);
  g_assert_cmpuint (notify_log_count (log, "last-activity"), ==, 3);
  g_assert_true (g_date_time_equal (hearth_chat_get_last_activity (chat), t3));

  /* The old last message no longer drives it. */
  hearth_message_set_at (m1, t1);
  g_assert_cmpuint (notify_log_count (log, "last-activity"), ==, 3);

  /* created-at changes behind a last message: created-at notifies, last-activity not. */
  hearth_chat_set_created_at (chat, t2);
  g_assert_cmpuint (notify_log_count (log, "created-at"), ==, 2);
  g_assert_cmpuint (notify_log_count (log, "last-activity"), ==, 3);

  hearth_chat_set_last_message (chat, NULL);
  g_assert_cmpuint (notify_log_count (log, "last-message"), ==, 3);
  g_assert_cmpuint (notify_log_count (log, "last-activity"), ==, 4);
  g_assert_true (g_date_time_equal (hearth_chat_get_last_activity (chat), t2));

  /* m2 is no longer watched. */
  hearth_message_set_at (m2, t1);
  g_assert_cmpuint (notify_log_count (log, "last-activity"), ==, 4);

  notify_log_free (log, chat);
  g_assert_finalize_object (g_steal_pointer (&chat));
  g_assert_finalize_object (g_steal_pointer (&m1));
  g_assert_finalize_object (g_steal_pointer (&m2));
}

static void
test_chat_title (void)
{
  g_autoptr(HearthChat) chat = hearth_chat_new ("c1");
  g_autoptr(HearthUser) me = make_user ("me", "Ana Lima", "ana");
  g_autoptr(HearthUser) raj = make_user ("u1", "Raj Kumar", "raj");
  g_autoptr(HearthUser) mei = make_user ("u2", NULL, "mei");
  g_autoptr(HearthUser) tom = make_user ("u3", "Tom Okafor", "tom");
  HearthUser *two[] = { me, raj };
  NotifyLog *log;

  hearth_chat_set_me_id (chat, "me");
  log = notify_log_new (chat);

  hearth_chat_set_participants (chat, two, G_N_ELEMENTS (two));
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Raj Kumar");
  g_assert_false (hearth_chat_get_is_group (chat));
  g_assert_cmpuint (notify_log_count (log, "title"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "is-group"), ==, 0);

  /* A participant renames: the title follows. */
  hearth_user_set_name (raj, "Raj K");
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Raj K");
  g_assert_cmpuint (notify_log_count (log, "title"), ==, 2);

  /* My own name does not take part in the title. */
  hearth_user_set_name (me, "Ana L");
  g_assert_cmpuint (notify_log_count (log, "title"), ==, 2);

  /* A third participant makes a group; a user without a name is shown by username. */
  g_assert_true (hearth_chat_add_participant (chat, mei));
  g_assert_false (hearth_chat_add_participant (chat, mei));
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Raj K, mei");
  g_assert_true (hearth_chat_get_is_group (chat));
  g_assert_cmpuint (notify_log_count (log, "title"), ==, 3);
  g_assert_cmpuint (notify_log_count (log, "is-group"), ==, 1);

  hearth_user_set_username (mei, "meichen");
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Raj K, meichen");
  hearth_user_set_name (mei, "Mei Chen");
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Raj K, Mei Chen");
  g_assert_cmpuint (notify_log_count (log, "title"), ==, 5);

  g_assert_true (hearth_chat_add_participant (chat, tom));
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Raj K, Mei Chen, Tom Okafor");

  g_assert_true (hearth_chat_remove_participant (chat, "u1"));
  g_assert_false (hearth_chat_remove_participant (chat, "u1"));
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Mei Chen, Tom Okafor");
  g_assert_null (hearth_chat_find_participant (chat, "u1"));
  g_assert_true (hearth_chat_find_participant (chat, "u3") == tom);

  /* A removed participant no longer drives the title. */
  g_assert_cmpuint (notify_log_count (log, "title"), ==, 7);
  hearth_user_set_name (raj, "Someone else");
  g_assert_cmpuint (notify_log_count (log, "title"), ==, 7);

  /* A name overrides the participants. */
  hearth_chat_set_name (chat, "Book club");
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Book club");
  hearth_user_set_name (tom, "Tom O");
  g_assert_cmpuint (notify_log_count (log, "title"), ==, 8);
  hearth_chat_set_name (chat, "");
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Mei Chen, Tom O");

  /* Without me-id everyone is listed. */
  hearth_chat_set_me_id (chat, NULL);
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "Ana L, Mei Chen, Tom O");

  notify_log_free (log, chat);
  g_assert_finalize_object (g_steal_pointer (&chat));

  /* The chat is gone: its handlers on the users went with it. */
  hearth_user_set_name (tom, "Tom");
  g_assert_finalize_object (g_steal_pointer (&tom));
  g_assert_finalize_object (g_steal_pointer (&raj));
}

static void
test_chat_participants (void)
{
  g_autoptr(HearthChat) chat = hearth_chat_new ("c1");
  g_autoptr(HearthUser) a = make_user ("a", "A", NULL);
  g_autoptr(HearthUser) b = make_user ("b", "B", NULL);
  g_autoptr(HearthUser) b2 = make_user ("b", "B again", NULL);
  g_autoptr(HearthUser) c = make_user ("c", "C", NULL);
  HearthUser *ab[] = { a, b };
  HearthUser *ab2[] = { a, b2 };
  HearthUser *cab[] = { c, a, b };
  ItemsChanged changes = { 0, };
  GListModel *model = hearth_chat_get_participants (chat);
  g_autoptr(HearthUser) first = NULL;

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);

  hearth_chat_set_participants (chat, ab, G_N_ELEMENTS (ab));
  g_assert_cmpuint (changes.n_calls, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* Equal by id: nothing happens, the existing objects stay. */
  hearth_chat_set_participants (chat, ab2, G_N_ELEMENTS (ab2));
  g_assert_cmpuint (changes.n_calls, ==, 1);
  g_assert_true (hearth_chat_find_participant (chat, "b") == b);

  /* Replaced in one items-changed, in server order. */
  hearth_chat_set_participants (chat, cab, G_N_ELEMENTS (cab));
  g_assert_cmpuint (changes.n_calls, ==, 2);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 2);
  g_assert_cmpuint (changes.added, ==, 3);
  first = g_list_model_get_item (model, 0);
  g_assert_true (first == c);

  hearth_chat_set_participants (chat, NULL, 0);
  g_assert_cmpuint (changes.n_calls, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (hearth_chat_get_title (chat), ==, "c1");

  g_signal_handlers_disconnect_by_data (model, &changes);
  g_assert_finalize_object (g_steal_pointer (&chat));
  g_clear_object (&first);
  g_assert_finalize_object (g_steal_pointer (&c));
  g_assert_finalize_object (g_steal_pointer (&b2));
}

static void
on_read_changed (HearthChat *chat,
                 const char *user_id,
                 GPtrArray  *ids)
{
  g_ptr_array_add (ids, g_strdup (user_id));
}

static void
test_chat_read_receipts (void)
{
  g_autoptr(HearthChat) chat = hearth_chat_new ("c1");
  g_autoptr(GDateTime) t1 = make_time ("2026-01-01T10:00:00Z");
  g_autoptr(GDateTime) t1_copy = make_time ("2026-01-01T10:00:00Z");
  g_autoptr(GDateTime) t0 = make_time ("2025-12-31T10:00:00Z");
  g_autoptr(GDateTime) t2 = make_time ("2026-01-02T10:00:00Z");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) readers = NULL;

  g_signal_connect (chat, "read-changed", G_CALLBACK (on_read_changed), ids);

  g_assert_null (hearth_chat_get_last_read_at (chat, "u1"));
  readers = hearth_chat_dup_reader_ids (chat);
  g_assert_nonnull (readers);
  g_assert_cmpuint (g_strv_length (readers), ==, 0);
  g_clear_pointer (&readers, g_strfreev);

  g_assert_true (hearth_chat_set_last_read_at (chat, "u1", t1));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, "u1");
  g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (chat, "u1"), t1));

  /* Same or older: ignored. */
  g_assert_false (hearth_chat_set_last_read_at (chat, "u1", t1_copy));
  g_assert_false (hearth_chat_set_last_read_at (chat, "u1", t0));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (chat, "u1"), t1));

  g_assert_true (hearth_chat_set_last_read_at (chat, "u1", t2));
  g_assert_true (hearth_chat_set_last_read_at (chat, "u2", t0));
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (ids, 2), ==, "u2");
  g_assert_true (g_date_time_equal (hearth_chat_get_last_read_at (chat, "u1"), t2));

  readers = hearth_chat_dup_reader_ids (chat);
  g_assert_cmpuint (g_strv_length (readers), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) readers, "u1"));
  g_assert_true (g_strv_contains ((const char * const *) readers, "u2"));

  g_signal_handlers_disconnect_by_data (chat, ids);
  g_assert_finalize_object (g_steal_pointer (&chat));
}

static void
test_chat_typing (void)
{
  g_autoptr(HearthChat) chat = hearth_chat_new ("c1");
  g_autoptr(HearthUser) raj = make_user ("u1", "Raj", NULL);
  g_autoptr(HearthUser) raj_again = make_user ("u1", "Raj", NULL);
  g_autoptr(HearthUser) mei = make_user ("u2", "Mei", NULL);
  GListModel *typing = hearth_chat_get_typing_users (chat);
  ItemsChanged changes = { 0, };
  g_autoptr(HearthUser) item = NULL;

  g_assert_true (g_list_model_get_item_type (typing) == HEARTH_TYPE_USER);
  g_signal_connect (typing, "items-changed", G_CALLBACK (on_items_changed), &changes);

  g_assert_true (hearth_chat_add_typing_user (chat, raj));
  g_assert_false (hearth_chat_add_typing_user (chat, raj_again));
  g_assert_true (hearth_chat_add_typing_user (chat, mei));
  g_assert_cmpuint (g_list_model_get_n_items (typing), ==, 2);
  g_assert_cmpuint (changes.n_calls, ==, 2);
  item = g_list_model_get_item (typing, 1);
  g_assert_true (item == mei);

  g_assert_true (hearth_chat_remove_typing_user (chat, "u1"));
  g_assert_false (hearth_chat_remove_typing_user (chat, "u1"));
  g_assert_cmpuint (g_list_model_get_n_items (typing), ==, 1);
  g_assert_cmpuint (changes.n_calls, ==, 3);

  hearth_chat_clear_typing_users (chat);
  g_assert_cmpuint (g_list_model_get_n_items (typing), ==, 0);
  g_assert_cmpuint (changes.n_calls, ==, 4);
  /* Clearing an empty set says nothing. */
  hearth_chat_clear_typing_users (chat);
  g_assert_cmpuint (changes.n_calls, ==, 4);

  g_signal_handlers_disconnect_by_data (typing, &changes);
  g_clear_object (&item);
  g_assert_finalize_object (g_steal_pointer (&chat));
  g_assert_finalize_object (g_steal_pointer (&raj));
  g_assert_finalize_object (g_steal_pointer (&mei));
}

/* HearthReward */

static void
test_reward_properties (void)
{
  g_autoptr(HearthReward) reward = hearth_reward_new ("r1");
  g_autoptr(GDateTime) expires = make_time ("2026-02-01T00:00:00Z");
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GDateTime) expires_out = NULL;
  gint64 remaining;
  gboolean is_expired, consumed;

  g_assert_cmpstr (hearth_reward_get_id (reward), ==, "r1");
  g_assert_null (hearth_reward_get_title (reward));
  g_assert_null (hearth_reward_get_description (reward));
  g_assert_cmpint (hearth_reward_get_remaining (reward), ==, -1);
  g_assert_false (hearth_reward_get_is_expired (reward));
  g_assert_null (hearth_reward_get_expires_at (reward));
  g_assert_false (hearth_reward_get_is_consumed_by_you (reward));

  g_object_set (reward,
                "title", "Free coffee",
                "description", "One cup",
                "remaining", (gint64) 5,
                "is-expired", TRUE,
                "expires-at", expires,
                "is-consumed-by-you", TRUE,
                NULL);

  g_object_get (reward,
                "id", &id,
                "title", &title,
                "description", &description,
                "remaining", &remaining,
                "is-expired", &is_expired,
                "expires-at", &expires_out,
                "is-consumed-by-you", &consumed,
                NULL);
  g_assert_cmpstr (id, ==, "r1");
  g_assert_cmpstr (title, ==, "Free coffee");
  g_assert_cmpstr (description, ==, "One cup");
  g_assert_cmpint (remaining, ==, 5);
  g_assert_true (is_expired);
  g_assert_true (g_date_time_equal (expires_out, expires));
  g_assert_true (consumed);

  hearth_reward_set_remaining (reward, 0);
  g_assert_cmpint (hearth_reward_get_remaining (reward), ==, 0);
  hearth_reward_set_remaining (reward, -7);
  g_assert_cmpint (hearth_reward_get_remaining (reward), ==, -1);
  hearth_reward_set_expires_at (reward, NULL);
  g_assert_null (hearth_reward_get_expires_at (reward));

  g_assert_finalize_object (g_steal_pointer (&reward));
}

static void
test_reward_notify (void)
{
  g_autoptr(HearthReward) reward = hearth_reward_new ("r1");
  g_autoptr(GDateTime) expires = make_time ("2026-02-01T00:00:00Z");
  g_autoptr(GDateTime) expires_copy = make_time ("2026-02-01T00:00:00Z");
  NotifyLog *log = notify_log_new (reward);

  hearth_reward_set_title (reward, "T");
  hearth_reward_set_title (reward, "T");
  hearth_reward_set_description (reward, "D");
  hearth_reward_set_description (reward, "D");
  hearth_reward_set_remaining (reward, 2);
  hearth_reward_set_remaining (reward, 2);
  hearth_reward_set_is_expired (reward, TRUE);
  hearth_reward_set_is_expired (reward, 7);
  hearth_reward_set_expires_at (reward, expires);
  hearth_reward_set_expires_at (reward, expires_copy);
  hearth_reward_set_is_consumed_by_you (reward, TRUE);
  hearth_reward_set_is_consumed_by_you (reward, TRUE);

  g_assert_cmpuint (notify_log_count (log, "title"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "description"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "remaining"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "is-expired"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "expires-at"), ==, 1);
  g_assert_cmpuint (notify_log_count (log, "is-consumed-by-you"), ==, 1);
  g_assert_cmpuint (log->total, ==, 6);

  hearth_reward_set_remaining (reward, 1);
  hearth_reward_set_expires_at (reward, NULL);
  hearth_reward_set_expires_at (reward, NULL);
  g_assert_cmpuint (notify_log_count (log, "remaining"), ==, 2);
  g_assert_cmpuint (notify_log_count (log, "expires-at"), ==, 2);

  notify_log_free (log, reward);
  g_assert_finalize_object (g_steal_pointer (&reward));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Hearth/Models/user-properties", test_user_properties);
  g_test_add_func ("/Hearth/Models/user-notify", test_user_notify);
  g_test_add_func ("/Hearth/Models/message-properties", test_message_properties);
  g_test_add_func ("/Hearth/Models/message-notify", test_message_notify);
  g_test_add_func ("/Hearth/Models/message-state-enum", test_message_state_enum);
  g_test_add_func ("/Hearth/Models/score-action-properties", test_score_action_properties);
  g_test_add_func ("/Hearth/Models/score-action-notify", test_score_action_notify);
  g_test_add_func ("/Hearth/Models/score-action-start-at-range", test_score_action_start_at_range);
  g_test_add_func ("/Hearth/Models/score-properties", test_score_properties);
  g_test_add_func ("/Hearth/Models/score-notify", test_score_notify);
  g_test_add_data_func ("/Hearth/Models/score-social-actions", GINT_TO_POINTER (TRUE),
                        test_score_actions);
  g_test_add_data_func ("/Hearth/Models/score-mindfulness-actions", GINT_TO_POINTER (FALSE),
                        test_score_actions);
  g_test_add_func ("/Hearth/Models/score-actions-invalid", test_score_actions_invalid);
  g_test_add_func ("/Hearth/Models/chat-properties", test_chat_properties);
  g_test_add_func ("/Hearth/Models/chat-notify", test_chat_notify);
  g_test_add_func ("/Hearth/Models/chat-title", test_chat_title);
  g_test_add_func ("/Hearth/Models/chat-participants", test_chat_participants);
  g_test_add_func ("/Hearth/Models/chat-read-receipts", test_chat_read_receipts);
  g_test_add_func ("/Hearth/Models/chat-typing", test_chat_typing);
  g_test_add_func ("/Hearth/Models/reward-properties", test_reward_properties);
  g_test_add_func ("/Hearth/Models/reward-notify", test_reward_notify);

  return g_test_run ();
}
