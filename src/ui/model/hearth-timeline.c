/* hearth-timeline.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-timeline"

#include "config.h"

#include "hearth-format.h"
#include "hearth-timeline.h"

/* Messages of one sender further apart than this start a new run. */
#define RUN_GAP G_TIME_SPAN_MINUTE * 5

struct _HearthTimeline
{
  GObject            parent_instance;

  HearthMessageList *messages;
  HearthChat        *chat;
  GPtrArray         *rows;
  GDateTime         *now;
  guint              seen_position;
  /* Rows after my newest message cannot be "Seen": update_seen() starts below them.
   * G_MAXUINT: not known (after a removal or an insertion inside the list). */
  guint              scan_end;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HearthTimeline, hearth_timeline, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
hearth_timeline_get_item_type (GListModel *model)
{
  return HEARTH_TYPE_TIMELINE_ROW;
}

static guint
hearth_timeline_get_n_items (GListModel *model)
{
  return HEARTH_TIMELINE (model)->rows->len;
}

static gpointer
hearth_timeline_get_item (GListModel *model,
                          guint       position)
{
  HearthTimeline *self = HEARTH_TIMELINE (model);

  if (position >= self->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = hearth_timeline_get_item_type;
  iface->get_n_items = hearth_timeline_get_n_items;
  iface->get_item = hearth_timeline_get_item;
}

static HearthMessage *
message_at (HearthTimeline *self,
            guint           position)
{
  return hearth_timeline_row_get_message (g_ptr_array_index (self->rows, position));
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  g_autoptr(GDateTime) la = g_date_time_to_local (a);
  g_autoptr(GDateTime) lb = g_date_time_to_local (b);

  return g_date_time_get_year (la) == g_date_time_get_year (lb) &&
         g_date_time_get_day_of_year (la) == g_date_time_get_day_of_year (lb);
}

/* Whether @b continues the run of @a (same sender, same day, close in time). */
static gboolean
same_run (HearthMessage *a,
          HearthMessage *b)
{
  GDateTime *at_a = hearth_message_get_at (a);
  GDateTime *at_b = hearth_message_get_at (b);

  if (g_strcmp0 (hearth_message_get_sender_id (a), hearth_message_get_sender_id (b)) != 0 ||
      hearth_message_is_system (a) || hearth_message_is_system (b))
    return FALSE;
  if (at_a == NULL || at_b == NULL)
    return TRUE;

  return same_day (at_a, at_b) && g_date_time_difference (at_b, at_a) < RUN_GAP;
}

static void
update_row (HearthTimeline *self,
            guint           position)
{
  HearthTimelineRow *row = g_ptr_array_index (self->rows, position);
  HearthMessage *message = hearth_timeline_row_get_message (row);
  HearthMessage *previous = position > 0 ? message_at (self, position - 1) : NULL;
  HearthMessage *next = position + 1 < self->rows->len ? message_at (self, position + 1) : NULL;
  GDateTime *at = hearth_message_get_at (message);
  g_autofree char *day = NULL;
  gboolean run_start;

  if (at != NULL &&
      (previous == NULL || hearth_message_get_at (previous) == NULL ||
       !same_day (hearth_message_get_at (previous), at)))
    day = hearth_format_day (at, self->now);

  run_start = previous == NULL || !same_run (previous, message);

  hearth_timeline_row_set_day_label (row, day);
  hearth_timeline_row_set_show_sender (row, run_start &&
                                            !hearth_timeline_row_get_mine (row) &&
                                            !hearth_message_is_system (message) &&
                                            hearth_chat_get_is_group (self->chat));
  hearth_timeline_row_set_group_end (row, next == NULL || !same_run (message, next));
}

static void
update_seen (HearthTimeline *self)
{
  g_auto(GStrv) readers = hearth_chat_dup_reader_ids (self->chat);
  const char *me_id = hearth_chat_get_me_id (self->chat);
  guint found = G_MAXUINT;
  guint n_readers = 0;

  guint start = MIN (self->scan_end, self->rows->len);
  gboolean mine_seen = FALSE;

  /* The newest of my messages at or before someone else's read time. A flood from others
   * only appends rows that are not mine: the scan starts at my newest message. */
  for (guint i = start; i > 0 && found == G_MAXUINT; i--)
    {
      HearthTimelineRow *row = g_ptr_array_index (self->rows, i - 1);
      HearthMessage *message = hearth_timeline_row_get_message (row);

      if (!mine_seen && hearth_timeline_row_get_mine (row))
        {
          mine_seen = TRUE;
          self->scan_end = i;
        }
      GDateTime *at = hearth_message_get_at (message);

      if (!hearth_timeline_row_get_mine (row) || at == NULL ||
          hearth_message_get_state (message) != HEARTH_MESSAGE_SENT)
        continue;

      for (guint r = 0; readers != NULL && readers[r] != NULL; r++)
        {
          GDateTime *read_at;

          if (g_strcmp0 (readers[r], me_id) == 0)
            continue;

          read_at = hearth_chat_get_last_read_at (self->chat, readers[r]);
          if (read_at != NULL && g_date_time_compare (read_at, at) >= 0)
            n_readers++;
        }

      if (n_readers > 0)
        found = i - 1;
    }

  if (!mine_seen && start == self->rows->len)
    self->scan_end = 0;   /* none of mine at all */

  if (self->seen_position != found && self->seen_position < self->rows->len)
    hearth_timeline_row_set_seen_label (g_ptr_array_index (self->rows, self->seen_position), NULL);

  self->seen_position = found;

  if (found != G_MAXUINT)
    {
      g_autofree char *label = hearth_format_seen (self->chat, n_readers);

      hearth_timeline_row_set_seen_label (g_ptr_array_index (self->rows, found), label);
    }
}

static void
on_messages_changed_cb (HearthTimeline *self,
                        guint           position,
                        guint           removed,
                        guint           added,
                        GListModel     *messages)
{
  const char *me_id = hearth_chat_get_me_id (self->chat);

  /* The seen row may be among the removed ones: forget it before the positions move. */
  if (self->seen_position != G_MAXUINT && self->seen_position < self->rows->len)
    hearth_timeline_row_set_seen_label (g_ptr_array_index (self->rows, self->seen_position), NULL);
  self->seen_position = G_MAXUINT;

  g_ptr_array_remove_range (self->rows, position, removed);
  /* Only a pure append keeps the position of my newest message. */
  if (removed > 0 || position != self->rows->len)
    self->scan_end = G_MAXUINT;

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(HearthMessage) message = g_list_model_get_item (messages, position + i);
      HearthTimelineRow *row;

      /* A line about the membership is nobody's bubble, even when it is about me. */
      row = hearth_timeline_row_new (message,
                                     !hearth_message_is_system (message) &&
                                     g_strcmp0 (hearth_message_get_sender_id (message),
                                                me_id) == 0);
      if (hearth_message_is_system (message))
        {
          g_autofree char *line = hearth_format_member_line (message, me_id);

          hearth_timeline_row_set_system_text (row, line);
        }
      g_ptr_array_insert (self->rows, position + i, row);
      if (self->scan_end != G_MAXUINT && hearth_timeline_row_get_mine (row))
        self->scan_end = position + i + 1;
    }

  /* The new rows and one neighbour on each side. */
  for (guint i = position > 0 ? position - 1 : 0;
       i < MIN (position + added + 1, self->rows->len);
       i++)
    update_row (self, i);

  update_seen (self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
on_read_changed_cb (HearthTimeline *self)
{
  update_seen (self);
}

static void
on_is_group_cb (HearthTimeline *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    update_row (self, i);
}

static void
hearth_timeline_dispose (GObject *object)
{
  HearthTimeline *self = (HearthTimeline *)object;

  if (self->messages != NULL)
    g_signal_handlers_disconnect_by_data (self->messages, self);
  if (self->chat != NULL)
    g_signal_handlers_disconnect_by_data (self->chat, self);

  g_clear_object (&self->messages);
  g_clear_object (&self->chat);

  G_OBJECT_CLASS (hearth_timeline_parent_class)->dispose (object);
}

static void
hearth_timeline_finalize (GObject *object)
{
  HearthTimeline *self = (HearthTimeline *)object;

  g_ptr_array_unref (self->rows);
  g_date_time_unref (self->now);

  G_OBJECT_CLASS (hearth_timeline_parent_class)->finalize (object);
}

static void
hearth_timeline_class_init (HearthTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_timeline_dispose;
  object_class->finalize = hearth_timeline_finalize;
}

static void
hearth_timeline_init (HearthTimeline *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->now = g_date_time_new_now_local ();
  self->seen_position = G_MAXUINT;
  self->scan_end = G_MAXUINT;
}

HearthTimeline *
hearth_timeline_new (HearthMessageList *messages,
                     HearthChat        *chat)
{
  HearthTimeline *self;
  guint n;

  g_return_val_if_fail (HEARTH_IS_MESSAGE_LIST (messages), NULL);
  g_return_val_if_fail (HEARTH_IS_CHAT (chat), NULL);

  self = g_object_new (HEARTH_TYPE_TIMELINE, NULL);
  self->messages = g_object_ref (messages);
  self->chat = g_object_ref (chat);

  g_signal_connect_object (messages, "items-changed",
                           G_CALLBACK (on_messages_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chat, "read-changed",
                           G_CALLBACK (on_read_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (chat, "notify::is-group",
                           G_CALLBACK (on_is_group_cb), self, G_CONNECT_SWAPPED);

  n = g_list_model_get_n_items (G_LIST_MODEL (messages));
  if (n > 0)
    on_messages_changed_cb (self, 0, 0, n, G_LIST_MODEL (messages));

  return self;
}

HearthMessageList *
hearth_timeline_get_messages (HearthTimeline *self)
{
  g_return_val_if_fail (HEARTH_IS_TIMELINE (self), NULL);

  return self->messages;
}

HearthChat *
hearth_timeline_get_chat (HearthTimeline *self)
{
  g_return_val_if_fail (HEARTH_IS_TIMELINE (self), NULL);

  return self->chat;
}

guint
hearth_timeline_get_seen_position (HearthTimeline *self)
{
  g_return_val_if_fail (HEARTH_IS_TIMELINE (self), G_MAXUINT);

  return self->seen_position;
}

void
hearth_timeline_set_now (HearthTimeline *self,
                         GDateTime      *now)
{
  g_return_if_fail (HEARTH_IS_TIMELINE (self));
  g_return_if_fail (now != NULL);

  g_date_time_unref (self->now);
  self->now = g_date_time_ref (now);

  for (guint i = 0; i < self->rows->len; i++)
    update_row (self, i);
}
