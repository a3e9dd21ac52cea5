/* hearth-score-chart.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-score-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hearth-score.h"
#include "hearth-score-bar.h"
#include "hearth-format-wellbeing.h"
#include "hearth-score-chart.h"

#define DEFAULT_DAYS     7
#define MAX_DAYS         366
#define MIN_COLUMN       4
#define NATURAL_HEIGHT   180
/* Room above the plot for the value of a full bar, and between the plot and the labels. */
#define LABEL_GAP        8
#define LABEL_ALPHA      0.6
#define BASELINE_ALPHA   0.15
#define GOAL_ALPHA       0.5
#define GOAL_DASH        4.0
#define GOAL_WIDTH       1.5

struct _HearthScoreChart
{
  GtkWidget   parent_instance;

  /* Children, in date order (borrowed: the widget tree owns them) */
  GPtrArray  *bars;

  /* Owned */
  GListModel *model;
  GPtrArray  *shown;          /* per slot: a HearthScore reference or NULL */
  GArray     *shown_handlers; /* per slot: its notify::total-score handler */
  GPtrArray  *slot_days;      /* per slot: midday of its day, local */

  gulong      items_changed_id;
  double      goal;
  double      maximum;
  double      top;            /* the value at the top of the plot */
  guint       days;

  /* From the last size_allocate */
  int         plot_y;
  int         plot_height;
  gboolean    show_labels;
};

G_DEFINE_FINAL_TYPE (HearthScoreChart, hearth_score_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_DAYS,
  PROP_GOAL,
  PROP_MAXIMUM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
double_equal (double a,
              double b)
{
  return a == b || (isnan (a) && isnan (b));
}

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

static void
local_date (GDateTime *date_time,
            GDate     *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
}

/* The day a score belongs to: its server-local midnight may lie on the previous UTC day
 * (hearth_score_calendar_day()), so the local date of the instant could be a day early. */
static void
score_date (GDateTime *date_time,
            GDate     *date)
{
  g_autoptr(GDate) day = hearth_score_calendar_day (date_time);

  *date = *day;
}

/* Small, tabular figures: the axis labels. */
static PangoLayout *
create_axis_layout (HearthScoreChart *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static int
label_height (HearthScoreChart *self)
{
  g_autoptr(PangoLayout) layout = create_axis_layout (self);
  int height;

  pango_layout_set_text (layout, "0", -1);
  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

/* {{{ Slots */

static void
clear_shown (HearthScoreChart *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    {
      HearthScore *score = g_ptr_array_index (self->shown, i);

      if (score != NULL)
        {
          g_signal_handler_disconnect (score, g_array_index (self->shown_handlers, gulong, i));
          g_object_unref (score);
        }
    }

  g_ptr_array_set_size (self->shown, 0);
  g_array_set_size (self->shown_handlers, 0);
}

static void
update_bars (HearthScoreChart *self)
{
  double top = 0.0;

  if (self->maximum > 0.0 && isfinite (self->maximum))
    {
      top = self->maximum;
    }
  else
    {
      if (self->goal > 0.0 && isfinite (self->goal))
        top = self->goal;

      for (guint i = 0; i < self->shown->len; i++)
        {
          HearthScore *score = g_ptr_array_index (self->shown, i);
          double value = score != NULL ? hearth_score_get_total_score (score) : 0.0;

          if (isfinite (value) && value > top)
            top = value;
        }
    }

  if (!(top > 0.0))
    top = 1.0;
  self->top = top;

  for (guint i = 0; i < self->bars->len; i++)
    {
      HearthScore *score = i < self->shown->len ? g_ptr_array_index (self->shown, i) : NULL;
      double value = score != NULL ? hearth_score_get_total_score (score) : 0.0;
      GDateTime *day = i < self->slot_days->len ? g_ptr_array_index (self->slot_days, i) : NULL;

      /* Infinities are full (or empty) bars, not NaN fractions. */
      hearth_score_bar_set_day (g_ptr_array_index (self->bars, i),
                                day, score != NULL, value,
                                isinf (value) ? (value > 0 ? 1.0 : 0.0) : value / top);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
total_changed_cb (HearthScoreChart *self)
{
  update_bars (self);
}

/* Which item, if any, each of the last @days days shows; the day of each bar. */
static void
rebuild (HearthScoreChart *self)
{
  guint n_items = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  g_autoptr(GDateTime) newest = NULL;
  GDate end;

  clear_shown (self);
  g_ptr_array_set_size (self->shown, self->days);
  g_array_set_size (self->shown_handlers, self->days);
  g_ptr_array_set_size (self->slot_days, 0);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, i);
      GDateTime *date;

      if (!HEARTH_IS_SCORE (item) || (date = hearth_score_get_date (HEARTH_SCORE (item))) == NULL)
        continue;
      if (newest == NULL || g_date_time_compare (date, newest) > 0)
        {
          g_clear_pointer (&newest, g_date_time_unref);
          newest = g_date_time_ref (date);
        }
    }

  if (newest == NULL)
    {
      newest = g_date_time_new_now_local ();
      local_date (newest, &end);
    }
  else
    score_date (newest, &end);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, i);
      HearthScore *current;
      GDateTime *date;
      GDate day;
      int ago;

      if (!HEARTH_IS_SCORE (item) || (date = hearth_score_get_date (HEARTH_SCORE (item))) == NULL)
        continue;

      score_date (date, &day);
      ago = g_date_days_between (&day, &end);
      if (ago < 0 || ago >= (int) self->days)
        continue;

      /* Two items of one day: the later one wins. */
      current = g_ptr_array_index (self->shown, self->days - 1 - ago);
      if (current == NULL || g_date_time_compare (date, hearth_score_get_date (current)) >= 0)
        g_ptr_array_index (self->shown, self->days - 1 - ago) = item;
    }

  for (guint i = 0; i < self->days; i++)
    {
      HearthScore *score = g_ptr_array_index (self->shown, i);
      GDate day = end;

      if (score != NULL)
        {
          g_object_ref (score);
          g_array_index (self->shown_handlers, gulong, i) =
            g_signal_connect_object (score, "notify::total-score",
                                     G_CALLBACK (total_changed_cb), self, G_CONNECT_SWAPPED);
        }

      g_date_subtract_days (&day, self->days - 1 - i);
      g_ptr_array_add (self->slot_days,
                       g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day),
                                              g_date_get_day (&day), 12, 0, 0));
    }

  update_bars (self);
}

static void
items_changed_cb (HearthScoreChart *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  rebuild (self);
}

static void
set_n_bars (HearthScoreChart *self,
            guint             n_bars)
{
  while (self->bars->len < n_bars)
    {
      GtkWidget *bar = hearth_score_bar_new ();

      gtk_widget_insert_before (bar, GTK_WIDGET (self), NULL);
      g_ptr_array_add (self->bars, bar);
    }

  while (self->bars->len > n_bars)
    {
      GtkWidget *bar = g_ptr_array_steal_index (self->bars, self->bars->len - 1);

      gtk_widget_unparent (bar);
    }
}

/* }}} */
/* {{{ GtkWidget */

static void
hearth_score_chart_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  HearthScoreChart *self = HEARTH_SCORE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int column = self->days <= 7 ? 44 : self->days <= 14 ? 28 : 14;

      *minimum = (int) self->days * MIN_COLUMN;
      *natural = (int) self->days * column;
    }
  else
    {
      *minimum = 2 * (label_height (self) + LABEL_GAP) + 24;
      *natural = MAX (*minimum, NATURAL_HEIGHT);
    }
}

static void
hearth_score_chart_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  HearthScoreChart *self = HEARTH_SCORE_CHART (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int band = label_height (self) + LABEL_GAP;
  double column = self->days > 0 ? (double) width / self->days : 0;

  /* Too low for labels: all of it is plot. */
  self->show_labels = height >= 2 * band + 16;
  self->plot_y = self->show_labels ? band : 0;
  self->plot_height = MAX (0, height - (self->show_labels ? 2 * band : 0));

  for (guint i = 0; i < self->bars->len; i++)
    {
      GtkWidget *bar = g_ptr_array_index (self->bars, i);
      int x0 = (int) floor (i * column);
      int x1 = (int) floor ((i + 1) * column);

      gtk_widget_measure (bar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (bar,
                                &(GtkAllocation) {
                                  rtl ? width - x1 : x0, self->plot_y,
                                  x1 - x0, self->plot_height
                                },
                                -1);
    }
}

/* The dashed goal line, over the bars, with a gap where @gap (nullable) is: the value. */
static void
snapshot_goal (HearthScoreChart      *self,
               GtkSnapshot           *snapshot,
               const GdkRGBA         *color,
               const graphene_rect_t *gap)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  const double dash[] = { GOAL_DASH, GOAL_DASH };
  double y;
  cairo_t *cr;

  if (!(self->goal > 0.0) || !isfinite (self->goal) || self->plot_height <= 0 || width <= 0)
    return;

  y = self->plot_y + self->plot_height * (1.0 - MIN (self->goal / self->top, 1.0));
  y = round (y) + 0.5;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, (float) y - 2, (float) width, 4));
  if (gap != NULL)
    {
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_rectangle (cr, 0, y - 2, width, 4);
      cairo_rectangle (cr, gap->origin.x - GOAL_DASH, gap->origin.y,
                       gap->size.width + 2 * GOAL_DASH, gap->size.height);
      cairo_clip (cr);
    }
  cairo_set_line_width (cr, GOAL_WIDTH);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, width, y);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * GOAL_ALPHA);
  cairo_stroke (cr);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_warning ("Drawing the goal line: %s", cairo_status_to_string (cairo_status (cr)));
  cairo_destroy (cr);
}

static char *
axis_text (HearthScoreChart *self,
           GDateTime        *day,
           gboolean          initials)
{
  g_autofree char *weekday = NULL;

  if (day == NULL)
    return g_strdup ("");
  if (self->days > 14)
    return g_date_time_format (day, "%-d");

  weekday = g_date_time_format (day, "%a");
  if (weekday == NULL || !initials)
    return g_steal_pointer (&weekday);

  /* The first letter: "F" for "Fri". */
  return g_utf8_substring (weekday, 0, 1);
}

/* Weekdays (abbreviated, or initials when narrow) under a week; day numbers under a month,
 * thinned out so that they never touch, always counting back from the newest day. */
static void
snapshot_labels (HearthScoreChart *self,
                 GtkSnapshot      *snapshot,
                 const GdkRGBA    *color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(PangoLayout) layout = create_axis_layout (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double column = self->days > 0 ? (double) width / self->days : 0;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  gboolean initials = FALSE;
  GdkRGBA dim = *color;
  int widest = 0;
  guint step;

  if (!self->show_labels || column <= 0)
    return;

  dim.alpha *= LABEL_ALPHA;

  for (int pass = 0; pass < 2; pass++)
    {
      widest = 0;
      for (guint i = 0; i < self->bars->len; i++)
        {
          GDateTime *day = hearth_score_bar_get_day (g_ptr_array_index (self->bars, i));
          g_autofree char *text = axis_text (self, day, initials);
          int text_width;

          pango_layout_set_text (layout, text, -1);
          pango_layout_get_pixel_size (layout, &text_width, NULL);
          widest = MAX (widest, text_width);
        }

      if (self->days > 14 || initials || widest + LABEL_GAP <= column)
        break;
      initials = TRUE;
    }

  step = (guint) ceil ((widest + LABEL_GAP) / column);
  step = MAX (step, 1);

  for (guint i = 0; i < self->bars->len; i++)
    {
      GDateTime *day = hearth_score_bar_get_day (g_ptr_array_index (self->bars, i));
      g_autofree char *text = NULL;
      int text_width, text_height;
      double center;

      if ((self->bars->len - 1 - i) % step != 0)
        continue;

      text = axis_text (self, day, initials);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      center = (i + 0.5) * column;
      if (rtl)
        center = width - center;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT ((float) round (center - text_width / 2.0),
                                                    (float) (height - text_height)));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
    }
}

/* The value of the focused (else the hovered) bar, laid out above it: FALSE for none. */
static gboolean
layout_value (HearthScoreChart  *self,
              PangoLayout      **out_layout,
              graphene_rect_t   *out_bounds,
              GdkRGBA           *out_color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  HearthScoreBar *bar = NULL;
  PangoLayout *layout;
  PangoAttrList *attrs;
  graphene_rect_t bounds;
  graphene_point_t top;
  int text_width, text_height;
  float x, y;

  for (guint i = 0; i < self->bars->len && bar == NULL; i++)
    if (gtk_widget_has_visible_focus (g_ptr_array_index (self->bars, i)))
      bar = g_ptr_array_index (self->bars, i);

  for (guint i = 0; i < self->bars->len && bar == NULL; i++)
    if (gtk_widget_get_state_flags (g_ptr_array_index (self->bars, i)) & GTK_STATE_FLAG_PRELIGHT)
      bar = g_ptr_array_index (self->bars, i);

  if (bar == NULL || !hearth_score_bar_get_has_value (bar) || self->plot_height <= 0)
    return FALSE;

  hearth_score_bar_get_bar_bounds (bar, &bounds);
  if (!gtk_widget_compute_point (GTK_WIDGET (bar), widget,
                                 &GRAPHENE_POINT_INIT (bounds.origin.x + bounds.size.width / 2,
                                                       bounds.origin.y),
                                 &top))
    return FALSE;

  layout = gtk_widget_create_pango_layout (widget, hearth_score_bar_get_value_text (bar));
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  x = CLAMP (roundf (top.x - text_width / 2.0f), 0.0f,
             MAX (0.0f, (float) (gtk_widget_get_width (widget) - text_width)));
  y = MAX (0.0f, roundf (top.y - text_height - LABEL_GAP / 2.0f));

  *out_layout = layout;
  graphene_rect_init (out_bounds, x, y, (float) text_width, (float) text_height);
  get_color (GTK_WIDGET (bar), out_color);

  return TRUE;
}

static void
hearth_score_chart_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  HearthScoreChart *self = HEARTH_SCORE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  g_autoptr(PangoLayout) value_layout = NULL;
  graphene_rect_t value_bounds;
  GdkRGBA color, baseline, value_color;
  gboolean has_value;

  if (width <= 0 || gtk_widget_get_height (widget) <= 0)
    return;

  get_color (widget, &color);
  baseline = color;
  baseline.alpha *= BASELINE_ALPHA;
  gtk_snapshot_append_color (snapshot, &baseline,
                             &GRAPHENE_RECT_INIT (0, (float) (self->plot_y + self->plot_height),
                                                  (float) width, 1));

  for (guint i = 0; i < self->bars->len; i++)
    gtk_widget_snapshot_child (widget, g_ptr_array_index (self->bars, i), snapshot);

  has_value = layout_value (self, &value_layout, &value_bounds, &value_color);
  snapshot_goal (self, snapshot, &color, has_value ? &value_bounds : NULL);
  snapshot_labels (self, snapshot, &color);

  if (has_value)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &value_bounds.origin);
      gtk_snapshot_append_layout (snapshot, value_layout, &value_color);
      gtk_snapshot_restore (snapshot);
    }
}

/* }}} */
/* {{{ GObject */

static void
hearth_score_chart_dispose (GObject *object)
{
  HearthScoreChart *self = (HearthScoreChart *)object;

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);
  clear_shown (self);
  set_n_bars (self, 0);

  G_OBJECT_CLASS (hearth_score_chart_parent_class)->dispose (object);
}

static void
hearth_score_chart_finalize (GObject *object)
{
  HearthScoreChart *self = (HearthScoreChart *)object;

  g_ptr_array_unref (self->bars);
  g_ptr_array_unref (self->shown);
  g_array_unref (self->shown_handlers);
  g_ptr_array_unref (self->slot_days);

  G_OBJECT_CLASS (hearth_score_chart_parent_class)->finalize (object);
}

static void
hearth_score_chart_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HearthScoreChart *self = HEARTH_SCORE_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_DAYS:
      g_value_set_uint (value, self->days);
      break;

    case PROP_GOAL:
      g_value_set_double (value, self->goal);
      break;

    case PROP_MAXIMUM:
      g_value_set_double (value, self->maximum);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_score_chart_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HearthScoreChart *self = HEARTH_SCORE_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      hearth_score_chart_set_model (self, g_value_get_object (value));
      break;

    case PROP_DAYS:
      hearth_score_chart_set_days (self, g_value_get_uint (value));
      break;

    case PROP_GOAL:
      hearth_score_chart_set_goal (self, g_value_get_double (value));
      break;

    case PROP_MAXIMUM:
      hearth_score_chart_set_maximum (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_score_chart_class_init (HearthScoreChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_score_chart_dispose;
  object_class->finalize = hearth_score_chart_finalize;
  object_class->get_property = hearth_score_chart_get_property;
  object_class->set_property = hearth_score_chart_set_property;

  widget_class->measure = hearth_score_chart_measure;
  widget_class->size_allocate = hearth_score_chart_size_allocate;
  widget_class->snapshot = hearth_score_chart_snapshot;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DAYS] =
    g_param_spec_uint ("days", NULL, NULL,
                       1, MAX_DAYS, DEFAULT_DAYS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Unbounded and lax so that g_object_set() of NaN or infinity never warns (NaN is outside
   * any range: GLib validates it as a change). */
  properties[PROP_GOAL] =
    g_param_spec_double ("goal", NULL, NULL,
                         -INFINITY, INFINITY, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_LAX_VALIDATION | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_MAXIMUM] =
    g_param_spec_double ("maximum", NULL, NULL,
                         -INFINITY, INFINITY, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_LAX_VALIDATION | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "scorechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hearth_score_chart_init (HearthScoreChart *self)
{
  self->bars = g_ptr_array_new ();
  self->shown = g_ptr_array_new ();
  self->shown_handlers = g_array_new (FALSE, TRUE, sizeof (gulong));
  self->slot_days = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  self->days = DEFAULT_DAYS;
  self->top = 1.0;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Daily scores"),
                                  -1);

  set_n_bars (self, self->days);
  rebuild (self);
}

/* }}} */

GtkWidget *
hearth_score_chart_new (void)
{
  return g_object_new (HEARTH_TYPE_SCORE_CHART, NULL);
}

GListModel *
hearth_score_chart_get_model (HearthScoreChart *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_CHART (self), NULL);

  return self->model;
}

void
hearth_score_chart_set_model (HearthScoreChart *self,
                              GListModel       *model)
{
  g_return_if_fail (HEARTH_IS_SCORE_CHART (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_set_object (&self->model, model);
  if (model != NULL)
    self->items_changed_id = g_signal_connect_swapped (model, "items-changed",
                                                       G_CALLBACK (items_changed_cb), self);

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

guint
hearth_score_chart_get_days (HearthScoreChart *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_CHART (self), DEFAULT_DAYS);

  return self->days;
}

void
hearth_score_chart_set_days (HearthScoreChart *self,
                             guint             days)
{
  g_return_if_fail (HEARTH_IS_SCORE_CHART (self));
  g_return_if_fail (days >= 1 && days <= MAX_DAYS);

  if (self->days == days)
    return;

  /* No item keeps a slot that may go away. */
  clear_shown (self);
  self->days = days;
  set_n_bars (self, days);
  rebuild (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS]);
}

double
hearth_score_chart_get_goal (HearthScoreChart *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_CHART (self), 0.0);

  return self->goal;
}

void
hearth_score_chart_set_goal (HearthScoreChart *self,
                             double            goal)
{
  g_return_if_fail (HEARTH_IS_SCORE_CHART (self));

  if (double_equal (self->goal, goal))
    return;

  self->goal = goal;
  update_bars (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOAL]);
}

double
hearth_score_chart_get_maximum (HearthScoreChart *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_CHART (self), 0.0);

  return self->maximum;
}

void
hearth_score_chart_set_maximum (HearthScoreChart *self,
                                double            maximum)
{
  g_return_if_fail (HEARTH_IS_SCORE_CHART (self));

  if (double_equal (self->maximum, maximum))
    return;

  self->maximum = maximum;
  update_bars (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAXIMUM]);
}
