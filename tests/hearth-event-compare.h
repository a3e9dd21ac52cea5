/* hearth-event-compare.h: field-by-field comparison of two HearthEvents (header-only; used by
 * test-fast-event and the codec fuzz target to hold the fast decoder to the general path)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hearth-event.h"
#include "hearth-message.h"
#include "hearth-user.h"

G_BEGIN_DECLS

/* NULL when equal, else what differs (transfer full). */
static inline char *
hearth_compare_times (const char *what,
                      GDateTime  *a,
                      GDateTime  *b)
{
  g_autofree char *ia = NULL;
  g_autofree char *ib = NULL;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  if (a == NULL && b == NULL)
    return NULL;
  if (a != NULL && b != NULL)
    {
      ia = g_date_time_format_iso8601 (a);
      ib = g_date_time_format_iso8601 (b);
      if (g_date_time_equal (a, b) &&
          g_date_time_get_utc_offset (a) == g_date_time_get_utc_offset (b) &&
          g_date_time_get_microsecond (a) == g_date_time_get_microsecond (b) &&
          g_strcmp0 (ia, ib) == 0)
        return NULL;
    }

  ta = a != NULL ? g_date_time_format_iso8601 (a) : g_strdup ("(null)");
  tb = b != NULL ? g_date_time_format_iso8601 (b) : g_strdup ("(null)");
  return g_strdup_printf ("%s: %s != %s", what, ta, tb);
}

#define HEARTH_COMPARE_STR(what, a, b) \
  G_STMT_START { \
    const char *sa_ = (a), *sb_ = (b); \
    if (g_strcmp0 (sa_, sb_) != 0) \
      return g_strdup_printf ("%s: “%s” != “%s”", (what), sa_ ? sa_ : "(null)", \
                              sb_ ? sb_ : "(null)"); \
  } G_STMT_END

#define HEARTH_COMPARE_INT(what, a, b) \
  G_STMT_START { \
    gint64 ia_ = (gint64) (a), ib_ = (gint64) (b); \
    if (ia_ != ib_) \
      return g_strdup_printf ("%s: %" G_GINT64_FORMAT " != %" G_GINT64_FORMAT, (what), ia_, ib_); \
  } G_STMT_END

static inline char *
hearth_compare_users (const char *what,
                      HearthUser *a,
                      HearthUser *b)
{
  char *diff;

  if (a == NULL || b == NULL)
    {
      if (a == b)
        return NULL;
      return g_strdup_printf ("%s: only one is NULL", what);
    }

  HEARTH_COMPARE_STR ("user id", hearth_user_get_id (a), hearth_user_get_id (b));
  HEARTH_COMPARE_STR ("user name", hearth_user_get_name (a), hearth_user_get_name (b));
  HEARTH_COMPARE_STR ("user username", hearth_user_get_username (a), hearth_user_get_username (b));
  HEARTH_COMPARE_STR ("user photo", hearth_user_get_photo (a), hearth_user_get_photo (b));
  HEARTH_COMPARE_STR ("user display name", hearth_user_get_display_name (a),
                      hearth_user_get_display_name (b));
  HEARTH_COMPARE_INT ("user online", hearth_user_get_online (a), hearth_user_get_online (b));
  if ((diff = hearth_compare_times ("user last seen", hearth_user_get_last_seen (a),
                                    hearth_user_get_last_seen (b))))
    return diff;

  return NULL;
}

static inline char *
hearth_compare_messages (HearthMessage *a,
                         HearthMessage *b)
{
  char *diff;

  if (a == NULL || b == NULL)
    {
      if (a == b)
        return NULL;
      return g_strdup ("message: only one is NULL");
    }

  HEARTH_COMPARE_STR ("message id", hearth_message_get_id (a), hearth_message_get_id (b));
  HEARTH_COMPARE_STR ("message client id", hearth_message_get_client_id (a),
                      hearth_message_get_client_id (b));
  HEARTH_COMPARE_STR ("message chat", hearth_message_get_chat_id (a),
                      hearth_message_get_chat_id (b));
  HEARTH_COMPARE_STR ("message sender id", hearth_message_get_sender_id (a),
                      hearth_message_get_sender_id (b));
  HEARTH_COMPARE_STR ("message content", hearth_message_get_content (a),
                      hearth_message_get_content (b));
  HEARTH_COMPARE_STR ("message reel", hearth_message_get_reel (a), hearth_message_get_reel (b));
  HEARTH_COMPARE_INT ("message state", hearth_message_get_state (a), hearth_message_get_state (b));
  if ((diff = hearth_compare_times ("message at", hearth_message_get_at (a),
                                    hearth_message_get_at (b))))
    return diff;
  if ((diff = hearth_compare_users ("message sender", hearth_message_get_sender (a),
                                    hearth_message_get_sender (b))))
    return diff;

  return NULL;
}

/* Every accessor of HearthEvent; NULL when @a and @b are equal (transfer full). */
static inline char *
hearth_compare_events (HearthEvent *a,
                       HearthEvent *b)
{
  const char * const *ca;
  const char * const *cb;
  char *diff;

  HEARTH_COMPARE_INT ("kind", hearth_event_get_kind (a), hearth_event_get_kind (b));
  HEARTH_COMPARE_STR ("name", hearth_event_get_name (a), hearth_event_get_name (b));
  HEARTH_COMPARE_INT ("is error", hearth_event_is_error (a), hearth_event_is_error (b));
  HEARTH_COMPARE_STR ("chat id", hearth_event_get_chat_id (a), hearth_event_get_chat_id (b));
  ca = hearth_event_get_chat_ids (a);
  cb = hearth_event_get_chat_ids (b);
  if (!g_strv_equal (ca, cb))
    return g_strdup ("chat ids differ");
  HEARTH_COMPARE_STR ("user id", hearth_event_get_user_id (a), hearth_event_get_user_id (b));
  if ((diff = hearth_compare_users ("user", hearth_event_get_user (a), hearth_event_get_user (b))))
    return diff;
  if ((diff = hearth_compare_users ("admin", hearth_event_get_admin (a),
                                    hearth_event_get_admin (b))))
    return diff;
  if ((diff = hearth_compare_messages (hearth_event_get_message (a), hearth_event_get_message (b))))
    return diff;
  if ((diff = hearth_compare_times ("last read at", hearth_event_get_last_read_at (a),
                                    hearth_event_get_last_read_at (b))))
    return diff;
  HEARTH_COMPARE_STR ("event ref", hearth_event_get_event_ref (a), hearth_event_get_event_ref (b));
  HEARTH_COMPARE_STR ("reward id", hearth_event_get_reward_id (a), hearth_event_get_reward_id (b));
  HEARTH_COMPARE_INT ("remaining", hearth_event_get_remaining (a), hearth_event_get_remaining (b));
  HEARTH_COMPARE_INT ("is expired", hearth_event_get_is_expired (a),
                      hearth_event_get_is_expired (b));
  HEARTH_COMPARE_INT ("consumed by you", hearth_event_get_is_consumed_by_you (a),
                      hearth_event_get_is_consumed_by_you (b));
  if ((hearth_event_get_score (a) == NULL) != (hearth_event_get_score (b) == NULL))
    return g_strdup ("score: only one is NULL");
  HEARTH_COMPARE_STR ("server message", hearth_event_get_server_message (a),
                      hearth_event_get_server_message (b));
  HEARTH_COMPARE_STR ("raw data", hearth_event_get_raw_data (a), hearth_event_get_raw_data (b));

  return NULL;
}

#undef HEARTH_COMPARE_STR
#undef HEARTH_COMPARE_INT

G_END_DECLS
