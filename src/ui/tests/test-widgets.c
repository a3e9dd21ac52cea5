/* test-widgets.c: the Today page's score ring and score chart, drawn at every size
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: runs in the ui suite under xvfb. Warnings and criticals are fatal here: a
 * ring or a chart must never warn, whatever size or value it gets.
 */

#define G_LOG_DOMAIN "test-widgets"

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <math.h>

#include "hearth-score.h"
#include "hearth-score-bar.h"
#include "hearth-score-chart.h"
#include "hearth-score-ring.h"

/* A failure guard for waits on the frame clock, never an assertion about speed. */
#define WAIT_GUARD_MS 20000

static const int sizes[] = { 0, 1, 16, 120, 1000, 4000 };
static const double values[] = { -1.0, 0.0, 0.5, 1.0, 2.0, NAN, INFINITY };

/* Known colors instead of the theme's, to read back from pixels. */
static const char test_css[] =
  "scorering { color: rgb(255, 0, 0); }\n"
  "scorering.social { color: rgb(0, 255, 0); }\n"
  "scorebar { color: rgb(0, 0, 255); }\n";

/* {{{ Helpers */

static double
clamped (double value)
{
  return value > 0.0 ? MIN (value, 1.0) : 0.0;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
spin_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_GUARD_MS * 1000;
  guint wake_id = g_timeout_add (20, wake_cb, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);

  return ok;
}

static gboolean
is_mapped_and_allocated (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* The widget's own drawing (children included when they are mapped). */
static GskRenderNode *
snapshot_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);

  return gtk_snapshot_free_to_node (snapshot);
}

/* Draws @node, which covers @size × @size, onto a @pixels × @pixels image. */
static cairo_surface_t *
render (GskRenderNode *node,
        int            size,
        int            pixels)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels, pixels);
  cairo_t *cr = cairo_create (surface);

  if (size > 0)
    cairo_scale (cr, (double) pixels / size, (double) pixels / size);
  gsk_render_node_draw (node, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  return surface;
}

/* Premultiplied ARGB at (x, y). */
static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + x * 4);
}

#define ALPHA(p) (((p) >> 24) & 0xff)
#define RED(p)   (((p) >> 16) & 0xff)
#define GREEN(p) (((p) >> 8) & 0xff)
#define BLUE(p)  ((p) & 0xff)

static GskRenderNode *
node_child (GskRenderNode *node,
            guint          i)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      return i < gsk_container_node_get_n_children (node) ?
             gsk_container_node_get_child (node, i) : NULL;
    case GSK_TRANSFORM_NODE:
      return i == 0 ? gsk_transform_node_get_child (node) : NULL;
    case GSK_CLIP_NODE:
      return i == 0 ? gsk_clip_node_get_child (node) : NULL;
    case GSK_ROUNDED_CLIP_NODE:
      return i == 0 ? gsk_rounded_clip_node_get_child (node) : NULL;
    case GSK_OPACITY_NODE:
      return i == 0 ? gsk_opacity_node_get_child (node) : NULL;
    case GSK_DEBUG_NODE:
      return i == 0 ? gsk_debug_node_get_child (node) : NULL;
    default:
      return NULL;
    }
}

static guint
count_nodes (GskRenderNode  *node,
             GskRenderNodeType type)
{
  guint n = 0;
  GskRenderNode *child;

  if (node == NULL)
    return 0;

  if (gsk_render_node_get_node_type (node) == type)
    n++;

  for (guint i = 0; (child = node_child (node, i)) != NULL; i++)
    n += count_nodes (child, type);

  return n;
}

static GDateTime *
utc (const char *iso)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();

  return g_date_time_new_from_iso8601 (iso, zone);
}

/* As the server sends it: local (here IST) midnight, in UTC. */
static HearthScore *
score_at (const char *iso,
          double      total)
{
  g_autoptr(GDateTime) date = utc (iso);
  HearthScore *score = hearth_score_new (date);

  hearth_score_set_total_score (score, total);

  return score;
}

static void
append_score (GListStore *store,
              const char *iso,
              double      total)
{
  g_autoptr(HearthScore) score = score_at (iso, total);

  g_list_store_append (store, score);
}

static HearthScoreBar *
bar_at (HearthScoreChart *chart,
        guint             i)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (chart));

  for (; child != NULL && i > 0; i--)
    child = gtk_widget_get_next_sibling (child);

  g_assert_nonnull (child);
  g_assert_true (HEARTH_IS_SCORE_BAR (child));

  return HEARTH_SCORE_BAR (child);
}

static guint
n_bars (HearthScoreChart *chart)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (chart));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_assert_true (HEARTH_IS_SCORE_BAR (child));
      n++;
    }

  return n;
}

static GtkWindow *
window_with (GtkWidget *child,
             int        width,
             int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  g_assert_true (spin_until (is_mapped_and_allocated, child));

  return window;
}

/* }}} */
/* {{{ Ring */

static void
check_ring (HearthScoreRing *ring,
            int              size,
            double           value)
{
  g_autoptr(GskRenderNode) node = NULL;
  int min_w, nat_w, min_h, nat_h;

  hearth_score_ring_set_fraction (ring, value);
  g_assert_cmpfloat (hearth_score_ring_get_shown_fraction (ring), ==, clamped (value));
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, clamped (value));

  gtk_widget_measure (GTK_WIDGET (ring), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_w, &nat_w, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (ring), GTK_ORIENTATION_VERTICAL, size,
                      &min_h, &nat_h, NULL, NULL);
  g_assert_cmpint (nat_w, ==, 120);
  g_assert_cmpint (nat_h, ==, nat_w);
  g_assert_cmpint (min_w, ==, min_h);
  g_assert_cmpint (min_w, <=, nat_w);

  gtk_widget_size_allocate (GTK_WIDGET (ring), &(GtkAllocation) { 0, 0, size, size }, -1);
  node = snapshot_widget (GTK_WIDGET (ring));

  if (size == 0)
    return;

  g_assert_nonnull (node);
  cairo_surface_destroy (render (node, size, 64));
}

static void
test_ring_sizes (void)
{
  HearthScoreRing *ring = g_object_ref_sink (HEARTH_SCORE_RING (hearth_score_ring_new ()));
  GskRenderNode *node;

  hearth_score_ring_set_text (ring, "3.5");
  hearth_score_ring_set_caption (ring, "Mindfulness");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      check_ring (ring, sizes[s], values[v]);

  /* Not square: drawn in the middle, no warning either. */
  gtk_widget_size_allocate (GTK_WIDGET (ring), &(GtkAllocation) { 0, 0, 4000, 3 }, -1);
  node = snapshot_widget (GTK_WIDGET (ring));
  g_assert_nonnull (node);
  cairo_surface_destroy (render (node, 4000, 64));
  gsk_render_node_unref (node);

  g_assert_finalize_object (ring);
}

/* Clockwise from 12 o'clock in the CSS color, over a faint track of the same color. */
static void
test_ring_pixels (void)
{
  HearthScoreRing *ring = g_object_ref_sink (HEARTH_SCORE_RING (hearth_score_ring_new ()));
  const int size = 120, ring_x = 114, track_x = 6, y = 60;
  cairo_surface_t *surface;
  GskRenderNode *node;
  guint32 arc, track;

  gtk_widget_size_allocate (GTK_WIDGET (ring), &(GtkAllocation) { 0, 0, size, size }, -1);

  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    {
      hearth_score_ring_set_fraction (ring, values[v]);
      node = snapshot_widget (GTK_WIDGET (ring));
      surface = render (node, size, size);
      arc = pixel_at (surface, ring_x, y);      /* 3 o'clock */
      track = pixel_at (surface, track_x, y);   /* 9 o'clock */

      /* The track is always there, faint. */
      g_assert_cmpuint (ALPHA (track), >, 20);
      if (clamped (values[v]) == 0.0)
        {
          g_assert_cmpuint (ALPHA (arc), <, 80);
          g_assert_cmpuint (ALPHA (track), <, 80);
        }
      else if (clamped (values[v]) == 0.5)
        {
          g_assert_cmpuint (ALPHA (arc), >, 240);
          g_assert_cmpuint (RED (arc), >, 240);
          g_assert_cmpuint (ALPHA (track), <, 80);
        }
      else
        {
          g_assert_cmpuint (ALPHA (arc), >, 240);
          g_assert_cmpuint (ALPHA (track), >, 240);
        }

      cairo_surface_destroy (surface);
      gsk_render_node_unref (node);
    }

  /* A style class changes the color. */
  gtk_widget_add_css_class (GTK_WIDGET (ring), "social");
  hearth_score_ring_set_fraction (ring, 1.0);
  node = snapshot_widget (GTK_WIDGET (ring));
  surface = render (node, size, size);
  arc = pixel_at (surface, ring_x, y);
  g_assert_cmpuint (GREEN (arc), >, 240);
  g_assert_cmpuint (RED (arc), <, 16);
  cairo_surface_destroy (surface);
  gsk_render_node_unref (node);

  g_assert_finalize_object (ring);
}

static void
test_ring_accessible (void)
{
  HearthScoreRing *ring = g_object_ref_sink (HEARTH_SCORE_RING (hearth_score_ring_new ()));

  gtk_test_accessible_assert_role (ring, GTK_ACCESSIBLE_ROLE_METER);
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0);
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 1.0);
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0);

  g_object_set (ring, "fraction", INFINITY, "caption", "Total", "text", "3.5", NULL);
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 1.0);
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_LABEL, "Total: 3.5");
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "3.5");
  g_assert_true (isinf (hearth_score_ring_get_fraction (ring)));

  g_object_set (ring, "fraction", NAN, "text", "<b>4</b>", NULL);
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.0);
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_LABEL, "Total: <b>4</b>");

  hearth_score_ring_set_fraction (ring, 0.25);
  hearth_score_ring_set_text (ring, NULL);
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 0.25);
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_LABEL, "Total");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (ring),
                                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT));

  g_assert_finalize_object (ring);
}

static gboolean
ring_shows_one (gpointer data)
{
  return hearth_score_ring_get_shown_fraction (data) == 1.0;
}

static gboolean
label_shows_markup_as_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), "<i>3</i>") == 0 &&
          !gtk_label_get_use_markup (GTK_LABEL (child)))
        return TRUE;
      if (label_shows_markup_as_text (child))
        return TRUE;
    }

  return FALSE;
}

/* Mapped: a new fraction eases in; not animating, or with animations off, it jumps. */
static void
test_ring_animation (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  HearthScoreRing *ring = HEARTH_SCORE_RING (hearth_score_ring_new ());
  GtkWindow *window;

  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  hearth_score_ring_set_text (ring, "<i>3</i>");
  window = window_with (GTK_WIDGET (ring), 200, 200);
  g_object_ref (ring);

  g_assert_true (label_shows_markup_as_text (GTK_WIDGET (ring)));

  hearth_score_ring_set_fraction (ring, 1.0);
  gtk_test_accessible_assert_property (ring, GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 1.0);
  g_assert_cmpfloat (hearth_score_ring_get_shown_fraction (ring), <, 1.0);
  g_assert_true (spin_until (ring_shows_one, ring));

  hearth_score_ring_set_animate (ring, FALSE);
  hearth_score_ring_set_fraction (ring, 0.25);
  g_assert_cmpfloat (hearth_score_ring_get_shown_fraction (ring), ==, 0.25);

  hearth_score_ring_set_animate (ring, TRUE);
  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  hearth_score_ring_set_fraction (ring, 0.75);
  g_assert_cmpfloat (hearth_score_ring_get_shown_fraction (ring), ==, 0.75);

  /* Destroyed halfway through an animation: nothing keeps it alive. */
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  hearth_score_ring_set_fraction (ring, 0.0);
  g_assert_cmpfloat (hearth_score_ring_get_shown_fraction (ring), ==, 0.75);
  gtk_window_destroy (window);
  g_assert_finalize_object (ring);
}

/* }}} */
/* {{{ Chart */

static void
test_chart_sizes (void)
{
  HearthScoreChart *chart = g_object_ref_sink (HEARTH_SCORE_CHART (hearth_score_chart_new ()));
  g_autoptr(GListStore) store = g_list_store_new (HEARTH_TYPE_SCORE);
  const char *days[] = { "2025-11-01T18:30:00Z", "2025-11-02T18:30:00Z", "2025-11-03T18:30:00Z",
                         "2025-11-04T18:30:00Z", "2025-11-05T18:30:00Z", "2025-11-06T18:30:00Z",
                         "2025-11-07T18:30:00Z" };

  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    append_score (store, days[v], values[v]);
  hearth_score_chart_set_model (chart, G_LIST_MODEL (store));
  hearth_score_chart_set_goal (chart, 1.0);

  for (guint d = 0; d < 2; d++)
    {
      hearth_score_chart_set_days (chart, d == 0 ? 7 : 30);

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          int size = sizes[s];
          g_autoptr(GskRenderNode) node = NULL;
          int min_w, nat_w, min_h, nat_h;

          gtk_widget_measure (GTK_WIDGET (chart), GTK_ORIENTATION_HORIZONTAL, -1,
                              &min_w, &nat_w, NULL, NULL);
          gtk_widget_measure (GTK_WIDGET (chart), GTK_ORIENTATION_VERTICAL, size,
                              &min_h, &nat_h, NULL, NULL);
          g_assert_cmpint (min_w, <=, nat_w);
          g_assert_cmpint (min_h, <=, nat_h);
          g_assert_cmpint (nat_w, >=, (d == 0 ? 7 : 30) * 12);

          gtk_widget_size_allocate (GTK_WIDGET (chart), &(GtkAllocation) { 0, 0, size, size }, -1);
          node = snapshot_widget (GTK_WIDGET (chart));
          if (size > 0)
            {
              g_assert_nonnull (node);
              cairo_surface_destroy (render (node, size, 64));
            }

          /* Unmapped bars are not drawn by the chart: draw them here. */
          for (guint i = 0; i < n_bars (chart); i++)
            {
              g_autoptr(GskRenderNode) bar_node = snapshot_widget (GTK_WIDGET (bar_at (chart, i)));
              double fraction = hearth_score_bar_get_fraction (bar_at (chart, i));

              g_assert_cmpfloat (fraction, >=, 0.0);
              g_assert_cmpfloat (fraction, <=, 1.0);
              if (bar_node != NULL)
                cairo_surface_destroy (render (bar_node, MAX (size, 1), 16));
            }
        }
    }

  g_assert_finalize_object (chart);
}

/* Out of range values are clamped; NaN is no value. */
static void
test_chart_values (void)
{
  HearthScoreChart *chart = g_object_ref_sink (HEARTH_SCORE_CHART (hearth_score_chart_new ()));
  g_autoptr(GListStore) store = g_list_store_new (HEARTH_TYPE_SCORE);
  g_autoptr(HearthScore) huge = NULL;

  /* Sunday 2 … Saturday 8 November (IST): -1, 0, 0.5, 1, 2, NaN, ∞. */
  append_score (store, "2025-11-01T18:30:00Z", -1.0);
  append_score (store, "2025-11-02T18:30:00Z", 0.0);
  append_score (store, "2025-11-03T18:30:00Z", 0.5);
  append_score (store, "2025-11-04T18:30:00Z", 1.0);
  append_score (store, "2025-11-05T18:30:00Z", 2.0);
  append_score (store, "2025-11-06T18:30:00Z", NAN);
  append_score (store, "2025-11-07T18:30:00Z", INFINITY);
  g_object_set (chart, "model", store, "goal", 4.0, NULL);
  huge = g_list_model_get_item (G_LIST_MODEL (store), 4);

  /* Automatic maximum: the goal (4) beats every finite value. */
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 0)), ==, 0.0);
  g_assert_true (hearth_score_bar_get_has_value (bar_at (chart, 0)));
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 1)), ==, 0.0);
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 2)), ==, 0.125);
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 4)), ==, 0.5);
  g_assert_false (hearth_score_bar_get_has_value (bar_at (chart, 5)));
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 6)), ==, 1.0);
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 5)), ==,
                   "Friday 7 November: no score");
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 6)), ==, "Saturday 8 November: ∞");
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 0)), ==, "Sunday 2 November: -1");

  /* Without a goal the largest finite value is the top. */
  g_object_set (chart, "goal", NAN, NULL);
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 4)), ==, 1.0);
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 3)), ==, 0.5);

  /* A fixed maximum clamps what is above it. */
  g_object_set (chart, "maximum", 0.5, NULL);
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 2)), ==, 1.0);
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 4)), ==, 1.0);
  g_object_set (chart, "maximum", INFINITY, "goal", -INFINITY, NULL);
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 3)), ==, 0.5);

  /* A huge value dwarfs the others but stays in range. */
  hearth_score_set_total_score (huge, 1e300);
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 4)), ==, 1.0);
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 3)), <, 1e-6);
  g_assert_cmpstr (hearth_score_bar_get_value_text (bar_at (chart, 4)), ==, "1e+300");

  g_assert_finalize_object (chart);
}

static void
test_chart_days (void)
{
  HearthScoreChart *chart = g_object_ref_sink (HEARTH_SCORE_CHART (hearth_score_chart_new ()));
  g_autoptr(GListStore) store = g_list_store_new (HEARTH_TYPE_SCORE);
  g_autoptr(HearthScore) saturday = score_at ("2025-11-07T18:30:00Z", 3.5);
  guint notify_id = g_signal_lookup ("notify", G_TYPE_OBJECT);
  GQuark total_quark = g_quark_from_static_string ("total-score");

  /* No model: the last days up to today, all empty. */
  g_assert_cmpuint (hearth_score_chart_get_days (chart), ==, 7);
  g_assert_cmpuint (n_bars (chart), ==, 7);
  for (guint i = 0; i < 7; i++)
    g_assert_false (hearth_score_bar_get_has_value (bar_at (chart, i)));

  /* Out of order, with a day twice (the later wins) and one too old to show. */
  g_list_store_append (store, saturday);
  append_score (store, "2025-11-05T18:30:00Z", 1.0);      /* Thursday 6 */
  append_score (store, "2025-11-01T18:30:00Z", 2.0);      /* Sunday 2 */
  append_score (store, "2025-11-05T20:00:00Z", 1.5);      /* Thursday 6, later */
  append_score (store, "2025-10-31T18:30:00Z", 9.0);      /* Saturday 1: out */
  hearth_score_chart_set_model (chart, G_LIST_MODEL (store));
  hearth_score_chart_set_goal (chart, 5.0);

  g_assert_cmpuint (n_bars (chart), ==, 7);
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 0)), ==, "Sunday 2 November: 2");
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 4)), ==, "Thursday 6 November: 1.5");
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 6)), ==, "Saturday 8 November: 3.5");
  gtk_test_accessible_assert_role (bar_at (chart, 6), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (bar_at (chart, 6), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Saturday 8 November: 3.5");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (bar_at (chart, 6))), ==,
                   "Saturday 8 November: 3.5");
  g_assert_cmpfloat_with_epsilon (hearth_score_bar_get_fraction (bar_at (chart, 6)), 0.7, 1e-9);
  for (guint i = 1; i <= 5; i++)
    if (i != 4)
      g_assert_false (hearth_score_bar_get_has_value (bar_at (chart, i)));

  /* items-changed: a new bar in an empty slot… */
  append_score (store, "2025-11-06T18:30:00Z", 4.0);      /* Friday 7 */
  g_assert_cmpuint (n_bars (chart), ==, 7);
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 5)), ==, "Friday 7 November: 4");

  /* …a new day moves the window… */
  append_score (store, "2025-11-08T18:30:00Z", 6.0);      /* Sunday 9 */
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 6)), ==, "Sunday 9 November: 6");
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 0)), ==, "Monday 3 November: no score");
  g_assert_cmpfloat (hearth_score_bar_get_fraction (bar_at (chart, 6)), ==, 1.0);

  /* …and a shown item's total follows live. */
  hearth_score_set_total_score (saturday, 3.0);
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 5)), ==, "Saturday 8 November: 3");

  /* A month, then a week again. */
  hearth_score_chart_set_days (chart, 30);
  g_assert_cmpuint (n_bars (chart), ==, 30);
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 0)), ==,
                   "Saturday 11 October: no score");
  g_assert_cmpstr (hearth_score_bar_get_label (bar_at (chart, 21)), ==, "Saturday 1 November: 9");
  hearth_score_chart_set_days (chart, 7);
  g_assert_cmpuint (n_bars (chart), ==, 7);

  /* Removing items empties their slots. */
  g_list_store_remove_all (store);
  for (guint i = 0; i < 7; i++)
    g_assert_false (hearth_score_bar_get_has_value (bar_at (chart, i)));

  /* Nothing stays connected once the chart is gone. */
  g_list_store_append (store, saturday);
  g_assert_true (g_signal_has_handler_pending (saturday, notify_id, total_quark, FALSE));
  g_assert_finalize_object (chart);
  g_assert_false (g_signal_has_handler_pending (saturday, notify_id, total_quark, FALSE));
  g_assert_false (g_signal_has_handler_pending (store, g_signal_lookup ("items-changed",
                                                                       G_TYPE_LIST_MODEL),
                                                0, FALSE));
}

static gboolean
bar_has_focus (gpointer data)
{
  return gtk_widget_has_focus (data);
}

/* Tab and the arrow keys go from bar to bar; the focused bar shows a ring and its value. */
static void
test_chart_focus (void)
{
  HearthScoreChart *chart = HEARTH_SCORE_CHART (hearth_score_chart_new ());
  g_autoptr(GListStore) store = g_list_store_new (HEARTH_TYPE_SCORE);
  GskRenderNode *node;
  GtkWindow *window;
  guint n_labels;

  append_score (store, "2025-11-05T18:30:00Z", 1.0);      /* Thursday 6 */
  append_score (store, "2025-11-07T18:30:00Z", 3.5);      /* Saturday 8 */
  hearth_score_chart_set_model (chart, G_LIST_MODEL (store));
  window = window_with (GTK_WIDGET (chart), 420, 240);
  g_object_ref (chart);
  gtk_window_set_focus (window, NULL);
  gtk_window_set_focus_visible (window, FALSE);

  node = snapshot_widget (GTK_WIDGET (chart));
  n_labels = count_nodes (node, GSK_TEXT_NODE);
  g_assert_cmpuint (n_labels, ==, 7);      /* a weekday under each bar */
  g_assert_cmpuint (count_nodes (node, GSK_BORDER_NODE), ==, 0);
  gsk_render_node_unref (node);

  /* Tab, as the window's key binding does it. */
  for (guint i = 0; i < 7; i++)
    {
      g_signal_emit_by_name (window, "move-focus", GTK_DIR_TAB_FORWARD);
      g_assert_true (spin_until (bar_has_focus, bar_at (chart, i)));
    }

  g_signal_emit_by_name (window, "move-focus", GTK_DIR_LEFT);
  g_assert_true (spin_until (bar_has_focus, bar_at (chart, 5)));
  g_signal_emit_by_name (window, "move-focus", GTK_DIR_LEFT);
  g_assert_true (spin_until (bar_has_focus, bar_at (chart, 4)));
  g_signal_emit_by_name (window, "move-focus", GTK_DIR_RIGHT);
  g_assert_true (spin_until (bar_has_focus, bar_at (chart, 5)));
  g_signal_emit_by_name (window, "move-focus", GTK_DIR_TAB_BACKWARD);
  g_assert_true (spin_until (bar_has_focus, bar_at (chart, 4)));

  /* Thursday has a value: a focus ring and its value drawn above it. */
  gtk_window_set_focus_visible (window, TRUE);
  node = snapshot_widget (GTK_WIDGET (chart));
  g_assert_cmpuint (count_nodes (node, GSK_TEXT_NODE), ==, n_labels + 1);
  g_assert_cmpuint (count_nodes (node, GSK_BORDER_NODE), ==, 1);
  gsk_render_node_unref (node);

  /* Friday has none: the ring only. */
  g_signal_emit_by_name (window, "move-focus", GTK_DIR_RIGHT);
  g_assert_true (spin_until (bar_has_focus, bar_at (chart, 5)));
  node = snapshot_widget (GTK_WIDGET (chart));
  g_assert_cmpuint (count_nodes (node, GSK_TEXT_NODE), ==, n_labels);
  g_assert_cmpuint (count_nodes (node, GSK_BORDER_NODE), ==, 1);
  gsk_render_node_unref (node);

  gtk_window_destroy (window);
  g_assert_finalize_object (chart);
}

/* A bar's drawing: as high as its fraction, in its CSS color, a faint stub when empty. */
static void
test_bar_pixels (void)
{
  HearthScoreBar *bar = g_object_ref_sink (HEARTH_SCORE_BAR (hearth_score_bar_new ()));
  g_autoptr(GDateTime) day = utc ("2025-11-07T12:00:00Z");
  cairo_surface_t *surface;
  GskRenderNode *node;

  gtk_widget_measure (GTK_WIDGET (bar), GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_size_allocate (GTK_WIDGET (bar), &(GtkAllocation) { 0, 0, 100, 100 }, -1);

  hearth_score_bar_set_day (bar, day, TRUE, 2.0, 0.5);
  node = snapshot_widget (GTK_WIDGET (bar));
  surface = render (node, 100, 100);
  g_assert_cmpuint (BLUE (pixel_at (surface, 50, 60)), >, 240);
  g_assert_cmpuint (ALPHA (pixel_at (surface, 50, 40)), ==, 0);
  g_assert_cmpuint (ALPHA (pixel_at (surface, 5, 90)), ==, 0);
  cairo_surface_destroy (surface);
  gsk_render_node_unref (node);

  hearth_score_bar_set_day (bar, day, FALSE, 0.0, 1.0);
  node = snapshot_widget (GTK_WIDGET (bar));
  surface = render (node, 100, 100);
  g_assert_cmpuint (ALPHA (pixel_at (surface, 50, 99)), >, 0);
  g_assert_cmpuint (ALPHA (pixel_at (surface, 50, 99)), <, 80);
  g_assert_cmpuint (ALPHA (pixel_at (surface, 50, 60)), ==, 0);
  cairo_surface_destroy (surface);
  gsk_render_node_unref (node);

  g_assert_finalize_object (bar);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) provider = NULL;

  /* Untranslated strings and C formats; India's time zone (no DST, needs no tzdata), where
   * the server's "2025-11-07T18:30:00Z" is Saturday 8 November. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "IST-5:30", TRUE);
  /* The suite runs with GTK_A11Y=none (no AT-SPI); the test context keeps the accessible
   * properties for gtk_test_accessible_assert_property(). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, test_css, -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add_func ("/Hearth/Widgets/ring/sizes", test_ring_sizes);
  g_test_add_func ("/Hearth/Widgets/ring/pixels", test_ring_pixels);
  g_test_add_func ("/Hearth/Widgets/ring/accessible", test_ring_accessible);
  g_test_add_func ("/Hearth/Widgets/ring/animation", test_ring_animation);
  g_test_add_func ("/Hearth/Widgets/chart/sizes", test_chart_sizes);
  g_test_add_func ("/Hearth/Widgets/chart/values", test_chart_values);
  g_test_add_func ("/Hearth/Widgets/chart/days", test_chart_days);
  g_test_add_func ("/Hearth/Widgets/chart/focus", test_chart_focus);
  g_test_add_func ("/Hearth/Widgets/bar/pixels", test_bar_pixels);

  return g_test_run ();
}
