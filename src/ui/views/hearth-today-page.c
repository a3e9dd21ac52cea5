/* hearth-today-page.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-today-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "hearth-format-wellbeing.h"
#include "hearth-score-action-row.h"
#include "hearth-store.h"
#include "hearth-today-page-private.h"

/* "Available from 08:00" turns on the hour; a minute keeps it at most that late. */
#define REFRESH_INTERVAL_S 60

struct _HearthTodayPage
{
  GtkWidget          parent_instance;

  HearthSession     *session;
  HearthStore       *store;
  HearthScore       *score;
  GListModel        *history;
  guint              refresh_id;

  /* template */
  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkLabel          *weekday_label;
  GtkLabel          *summary_label;
  GtkLabel          *offline_label;
  HearthScoreRing   *total_ring;
  HearthScoreRing   *social_ring;
  HearthScoreRing   *mindfulness_ring;
  GtkToggleButton   *week_button;
  GtkToggleButton   *month_button;
  HearthScoreChart  *chart;
  GtkLabel          *streak_label;
  GtkListBox        *social_list;
  GtkListBox        *mindfulness_list;
};

G_DEFINE_FINAL_TYPE (HearthTodayPage, hearth_today_page, GTK_TYPE_WIDGET)

/* Done actions over all actions of a section, 0 … 1. */
static double
done_fraction (GListModel *actions)
{
  guint n = g_list_model_get_n_items (actions);
  guint done = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthScoreAction) action = g_list_model_get_item (actions, i);

      if (hearth_score_action_get_completed (action))
        done++;
    }

  return n > 0 ? (double) done / n : 0.0;
}

static void
set_ring (HearthScoreRing *ring,
          double           fraction,
          double           value)
{
  g_autofree char *text = hearth_format_score_value (value);

  hearth_score_ring_set_fraction (ring, fraction);
  hearth_score_ring_set_text (ring, text);
}

static void
update_streak (HearthTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  guint days = 0;

  if (self->history != NULL)
    days = hearth_score_streak (self->history, HEARTH_SCORE_GOAL, now);

  text = hearth_format_streak (days, HEARTH_SCORE_GOAL);
  gtk_label_set_text (self->streak_label, text);
}

static void
update_state (HearthTodayPage *self)
{
  GDateTime *updated = self->store != NULL ? hearth_store_get_wellbeing_updated (self->store) : NULL;
  gboolean live = self->session != NULL && hearth_session_get_wellbeing_live (self->session);

  if (self->score != NULL)
    gtk_stack_set_visible_child_name (self->stack, "score");
  else if (live || updated != NULL)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "offline");

  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), !live && self->session != NULL);
  if (!live)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *text = hearth_format_last_updated (updated, now);

      gtk_label_set_text (self->offline_label, text);
    }
}

static void
update_score (HearthTodayPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *weekday = NULL;
  g_autofree char *date = NULL;
  g_autofree char *total = NULL;
  g_autofree char *reels = NULL;
  g_autofree char *summary = NULL;
  double total_score;
  int reels_seen;

  if (self->score == NULL)
    return;

  now = g_date_time_new_now_local ();
  weekday = hearth_format_score_weekday (self->score);
  date = hearth_format_score_date (self->score, now);
  total_score = hearth_score_get_total_score (self->score);
  total = hearth_format_score_value (total_score);
  reels_seen = MAX (hearth_score_get_reels_seen (self->score), 0);

  reels = g_strdup_printf (ngettext ("%d reel seen", "%d reels seen", reels_seen), reels_seen);
  /* Translators: the dashboard's summary: "8 November · 3 reels seen · total 1" */
  summary = g_strdup_printf (_("%s · %s · total %s"), date, reels, total);

  gtk_label_set_text (self->weekday_label, weekday);
  gtk_label_set_text (self->summary_label, summary);

  set_ring (self->total_ring,
            isfinite (total_score) ? total_score / HEARTH_SCORE_GOAL : 0.0, total_score);
  set_ring (self->social_ring,
            done_fraction (hearth_score_get_social_actions (self->score)),
            hearth_score_get_social_score (self->score));
  set_ring (self->mindfulness_ring,
            done_fraction (hearth_score_get_mindfulness_actions (self->score)),
            hearth_score_get_mindfulness_score (self->score));

  update_streak (self);
}

static GtkWidget *
create_action_row (gpointer item,
                   gpointer user_data)
{
  HearthTodayPage *self = HEARTH_TODAY_PAGE (user_data);

  return hearth_score_action_row_new (HEARTH_SCORE_ACTION (item), self->score);
}

static void
bind_score (HearthTodayPage *self)
{
  HearthScore *score = self->store != NULL ? hearth_store_get_score (self->store) : NULL;

  if (score == self->score)
    return;

  gtk_list_box_bind_model (self->social_list, NULL, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->mindfulness_list, NULL, NULL, NULL, NULL);
  g_set_object (&self->score, score);

  if (score != NULL)
    {
      gtk_list_box_bind_model (self->social_list, hearth_score_get_social_actions (score),
                               create_action_row, self, NULL);
      gtk_list_box_bind_model (self->mindfulness_list, hearth_score_get_mindfulness_actions (score),
                               create_action_row, self, NULL);
      update_score (self);
    }

  update_state (self);
}

static void
refresh_rows (GtkListBox *list_box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (HEARTH_IS_SCORE_ACTION_ROW (child))
        hearth_score_action_row_refresh (HEARTH_SCORE_ACTION_ROW (child));
    }
}

static gboolean
refresh_cb (gpointer data)
{
  HearthTodayPage *self = HEARTH_TODAY_PAGE (data);

  refresh_rows (self->social_list);
  refresh_rows (self->mindfulness_list);
  update_streak (self);
  update_state (self);

  return G_SOURCE_CONTINUE;
}

static void
on_range_toggled_cb (HearthTodayPage *self)
{
  hearth_score_chart_set_days (self->chart, gtk_toggle_button_get_active (self->month_button) ? 30 : 7);
}

static void
on_retry_clicked_cb (HearthTodayPage *self)
{
  if (self->session != NULL)
    hearth_session_refresh_wellbeing (self->session);
}

static void
hearth_today_page_map (GtkWidget *widget)
{
  HearthTodayPage *self = HEARTH_TODAY_PAGE (widget);

  GTK_WIDGET_CLASS (hearth_today_page_parent_class)->map (widget);

  refresh_cb (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (REFRESH_INTERVAL_S, refresh_cb, self);
}

static void
hearth_today_page_unmap (GtkWidget *widget)
{
  HearthTodayPage *self = HEARTH_TODAY_PAGE (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  GTK_WIDGET_CLASS (hearth_today_page_parent_class)->unmap (widget);
}

static void
unbind (HearthTodayPage *self)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);

  if (self->social_list != NULL)
    gtk_list_box_bind_model (self->social_list, NULL, NULL, NULL, NULL);
  if (self->mindfulness_list != NULL)
    gtk_list_box_bind_model (self->mindfulness_list, NULL, NULL, NULL, NULL);
  if (self->chart != NULL)
    hearth_score_chart_set_model (self->chart, NULL);

  g_clear_object (&self->score);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
}

void
hearth_today_page_set_session (HearthTodayPage *self,
                               HearthSession   *session)
{
  g_return_if_fail (HEARTH_IS_TODAY_PAGE (self));
  g_return_if_fail (session == NULL || HEARTH_IS_SESSION (session));

  if (self->session == session)
    return;

  unbind (self);

  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->store = g_object_ref (hearth_session_get_store (session));
      self->history = g_object_ref (hearth_store_get_score_history (self->store));

      hearth_score_chart_set_model (self->chart, self->history);

      g_signal_connect_object (self->store, "notify::score",
                               G_CALLBACK (bind_score), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "score-changed",
                               G_CALLBACK (update_score), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "notify::wellbeing-updated",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "items-changed",
                               G_CALLBACK (update_streak), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::wellbeing-live",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

      bind_score (self);
      update_streak (self);
    }

  update_state (self);
}

static void
hearth_today_page_dispose (GObject *object)
{
  HearthTodayPage *self = HEARTH_TODAY_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_TODAY_PAGE);

  G_OBJECT_CLASS (hearth_today_page_parent_class)->dispose (object);
}

static void
hearth_today_page_class_init (HearthTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_today_page_dispose;
  widget_class->map = hearth_today_page_map;
  widget_class->unmap = hearth_today_page_unmap;

  g_type_ensure (HEARTH_TYPE_SCORE_RING);
  g_type_ensure (HEARTH_TYPE_SCORE_CHART);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, weekday_label);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, total_ring);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, social_ring);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, mindfulness_ring);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, week_button);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, month_button);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, chart);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, streak_label);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, social_list);
  gtk_widget_class_bind_template_child (widget_class, HearthTodayPage, mindfulness_list);
  gtk_widget_class_bind_template_callback (widget_class, on_range_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
}

static void
hearth_today_page_init (HearthTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hearth_score_chart_set_goal (self->chart, HEARTH_SCORE_GOAL);
}

GtkWidget *
hearth_today_page_new (void)
{
  return g_object_new (HEARTH_TYPE_TODAY_PAGE, NULL);
}

const char *
_hearth_today_page_get_state (HearthTodayPage *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
_hearth_today_page_get_weekday (HearthTodayPage *self)
{
  return gtk_label_get_text (self->weekday_label);
}

const char *
_hearth_today_page_get_summary (HearthTodayPage *self)
{
  return gtk_label_get_text (self->summary_label);
}

const char *
_hearth_today_page_get_streak (HearthTodayPage *self)
{
  return gtk_label_get_text (self->streak_label);
}

const char *
_hearth_today_page_get_offline (HearthTodayPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->offline_label))
           ? gtk_label_get_text (self->offline_label) : NULL;
}

HearthScoreRing *
_hearth_today_page_get_ring (HearthTodayPage *self,
                             HearthTodayRing  ring)
{
  switch (ring)
    {
    case HEARTH_TODAY_RING_TOTAL:
      return self->total_ring;
    case HEARTH_TODAY_RING_SOCIAL:
      return self->social_ring;
    case HEARTH_TODAY_RING_MINDFULNESS:
    default:
      return self->mindfulness_ring;
    }
}

HearthScoreChart *
_hearth_today_page_get_chart (HearthTodayPage *self)
{
  return self->chart;
}

GtkListBox *
_hearth_today_page_get_actions (HearthTodayPage *self,
                                gboolean         mindfulness)
{
  return mindfulness ? self->mindfulness_list : self->social_list;
}

GtkScrolledWindow *
_hearth_today_page_get_scroller (HearthTodayPage *self)
{
  return self->scroller;
}
