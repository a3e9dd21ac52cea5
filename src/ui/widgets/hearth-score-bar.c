/* hearth-score-bar.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-score-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hearth-score-bar.h"

/* Of the column's width, and at most this many pixels. */
#define BAR_WIDTH       0.5
#define BAR_MAX_WIDTH   36.0
#define BAR_MAX_RADIUS  6.0
/* A zero or a missing day still shows a pill this high. */
#define STUB_HEIGHT     4.0
#define ZERO_ALPHA      0.35
#define EMPTY_ALPHA     0.14
#define FOCUS_ALPHA     0.5
#define FOCUS_WIDTH     2.0
#define FOCUS_OFFSET    2.0

struct _HearthScoreBar
{
  GtkWidget  parent_instance;

  GDateTime *day;
  char      *value_text;
  char      *label;
  double     value;
  double     fraction;
  gboolean   has_value;
};

G_DEFINE_FINAL_TYPE (HearthScoreBar, hearth_score_bar, GTK_TYPE_WIDGET)

static void
get_color (GtkWidget *widget,
           GdkRGBA   *color)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
}

static char *
format_value (double value)
{
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");

  if (fabs (value) >= 1e6)
    return g_strdup_printf ("%.3g", value);

  /* One decimal, none for whole numbers: "3.5", "4". */
  if (fabs (round (value * 10.0) - round (value) * 10.0) < 0.5)
    return g_strdup_printf ("%.0f", round (value) == 0.0 ? 0.0 : round (value));

  return g_strdup_printf ("%.1f", value);
}

static void
update_label (HearthScoreBar *self)
{
  g_autofree char *date = NULL;

  g_clear_pointer (&self->label, g_free);

  if (self->day == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      return;
    }

  /* Translators: a day in the score chart, strftime format: "Friday 6 November" */
  date = g_date_time_format (self->day, _("%A %-d %B"));
  if (self->has_value)
    /* Translators: a day's bar in the score chart: "Friday 6 November: 3.5" */
    self->label = g_strdup_printf (_("%s: %s"), g_strstrip (date), self->value_text);
  else
    /* Translators: a day without a score in the chart: "Friday 6 November: no score" */
    self->label = g_strdup_printf (_("%s: no score"), g_strstrip (date));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->label,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->label);
}

static void
compute_bar_bounds (HearthScoreBar  *self,
                    double           width,
                    double           height,
                    graphene_rect_t *bounds)
{
  double bar_width = CLAMP (width * BAR_WIDTH, MIN (width, 2.0), BAR_MAX_WIDTH);
  double stub = MIN (height, MIN (bar_width, STUB_HEIGHT));
  double bar_height = stub;

  if (self->has_value)
    bar_height = MAX (self->fraction * height, stub);

  graphene_rect_init (bounds,
                      (float) ((width - bar_width) / 2.0), (float) (height - bar_height),
                      (float) bar_width, (float) bar_height);
}

static void
hearth_score_bar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* The chart decides the columns. */
  *minimum = 0;
  *natural = 0;
}

static void
hearth_score_bar_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  HearthScoreBar *self = HEARTH_SCORE_BAR (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t bounds;
  GskRoundedRect rounded;
  GdkRGBA color;
  float radius;

  if (width <= 0 || height <= 0)
    return;

  get_color (widget, &color);
  compute_bar_bounds (self, width, height, &bounds);
  radius = MIN ((float) BAR_MAX_RADIUS, MIN (bounds.size.width, bounds.size.height) / 2.0f);

  if (!self->has_value)
    color.alpha *= EMPTY_ALPHA;
  else if (!(self->fraction > 0.0))
    color.alpha *= ZERO_ALPHA;

  gsk_rounded_rect_init_from_rect (&rounded, &bounds, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &color, &bounds);
  gtk_snapshot_pop (snapshot);

  if (gtk_widget_has_visible_focus (widget))
    {
      const float offset = FOCUS_OFFSET + FOCUS_WIDTH;
      const float widths[4] = { FOCUS_WIDTH, FOCUS_WIDTH, FOCUS_WIDTH, FOCUS_WIDTH };
      GdkRGBA ring;
      GdkRGBA colors[4];

      get_color (widget, &ring);
      ring.alpha *= FOCUS_ALPHA;
      for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
        colors[i] = ring;

      gsk_rounded_rect_init_from_rect (&rounded,
                                       &GRAPHENE_RECT_INIT (bounds.origin.x - offset,
                                                            bounds.origin.y - offset,
                                                            bounds.size.width + 2 * offset,
                                                            bounds.size.height + 2 * offset),
                                       radius + offset);
      gtk_snapshot_append_border (snapshot, &rounded, widths, colors);
    }
}

static void
hearth_score_bar_state_flags_changed (GtkWidget     *widget,
                                      GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);

  GTK_WIDGET_CLASS (hearth_score_bar_parent_class)->state_flags_changed (widget, previous);

  /* The focus ring is ours, the value above the bar is the chart's. */
  if (changed & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_PRELIGHT))
    {
      gtk_widget_queue_draw (widget);
      if (parent != NULL)
        gtk_widget_queue_draw (parent);
    }
}

static void
hearth_score_bar_finalize (GObject *object)
{
  HearthScoreBar *self = (HearthScoreBar *)object;

  g_clear_pointer (&self->day, g_date_time_unref);
  g_free (self->value_text);
  g_free (self->label);

  G_OBJECT_CLASS (hearth_score_bar_parent_class)->finalize (object);
}

static void
hearth_score_bar_class_init (HearthScoreBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hearth_score_bar_finalize;

  widget_class->measure = hearth_score_bar_measure;
  widget_class->snapshot = hearth_score_bar_snapshot;
  widget_class->state_flags_changed = hearth_score_bar_state_flags_changed;

  gtk_widget_class_set_css_name (widget_class, "scorebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hearth_score_bar_init (HearthScoreBar *self)
{
  self->value_text = g_strdup ("");
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
}

GtkWidget *
hearth_score_bar_new (void)
{
  return g_object_new (HEARTH_TYPE_SCORE_BAR, NULL);
}

void
hearth_score_bar_set_day (HearthScoreBar *self,
                          GDateTime      *day,
                          gboolean        has_value,
                          double          value,
                          double          fraction)
{
  g_autofree char *value_text = NULL;

  g_return_if_fail (HEARTH_IS_SCORE_BAR (self));

  has_value = has_value && !isnan (value);
  if (!has_value)
    value = 0.0;
  fraction = fraction > 0.0 ? MIN (fraction, 1.0) : 0.0;
  value_text = has_value ? format_value (value) : g_strdup ("");

  if (self->has_value == has_value && self->fraction == fraction &&
      g_strcmp0 (self->value_text, value_text) == 0 && self->value == value &&
      ((self->day == NULL && day == NULL) ||
       (self->day != NULL && day != NULL && g_date_time_equal (self->day, day))))
    return;

  if (day != NULL)
    g_date_time_ref (day);
  g_clear_pointer (&self->day, g_date_time_unref);
  self->day = day;
  self->has_value = has_value;
  self->value = value;
  self->fraction = fraction;
  g_free (self->value_text);
  self->value_text = g_steal_pointer (&value_text);

  update_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GDateTime *
hearth_score_bar_get_day (HearthScoreBar *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_BAR (self), NULL);

  return self->day;
}

gboolean
hearth_score_bar_get_has_value (HearthScoreBar *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_BAR (self), FALSE);

  return self->has_value;
}

double
hearth_score_bar_get_value (HearthScoreBar *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_BAR (self), 0.0);

  return self->value;
}

double
hearth_score_bar_get_fraction (HearthScoreBar *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_BAR (self), 0.0);

  return self->fraction;
}

const char *
hearth_score_bar_get_value_text (HearthScoreBar *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_BAR (self), NULL);

  return self->value_text;
}

const char *
hearth_score_bar_get_label (HearthScoreBar *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_BAR (self), NULL);

  return self->label;
}

void
hearth_score_bar_get_bar_bounds (HearthScoreBar  *self,
                                 graphene_rect_t *bounds)
{
  g_return_if_fail (HEARTH_IS_SCORE_BAR (self));
  g_return_if_fail (bounds != NULL);

  compute_bar_bounds (self,
                      gtk_widget_get_width (GTK_WIDGET (self)),
                      gtk_widget_get_height (GTK_WIDGET (self)),
                      bounds);
}
