/* hearth-score-ring.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-score-ring"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hearth-score-ring.h"

#define NATURAL_SIZE   120
#define MINIMUM_SIZE   32
#define DURATION_MS    400
/* Of the diameter. */
#define LINE_WIDTH     0.1
#define TRACK_ALPHA    0.18
/* The text's box may take this much of the inner circle's diameter. */
#define TEXT_WIDTH     0.8
#define TEXT_HEIGHT    0.66
/* Below this scale the text would be unreadable: the ring goes without it. */
#define TEXT_MIN_SCALE 0.6

struct _HearthScoreRing
{
  GtkWidget     parent_instance;

  /* Children */
  GtkWidget    *box;
  GtkLabel     *text_label;
  GtkLabel     *caption_label;

  /* Owned */
  AdwAnimation *animation;
  char         *text;
  char         *caption;

  double        fraction;
  double        shown;
  guint         animate : 1;
  guint         text_fits : 1;
};

G_DEFINE_FINAL_TYPE (HearthScoreRing, hearth_score_ring, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_TEXT,
  PROP_CAPTION,
  PROP_ANIMATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* NaN and negatives are empty, anything above 1 (infinity too) is full. */
static double
clamp_fraction (double fraction)
{
  if (!(fraction > 0.0))
    return 0.0;

  return MIN (fraction, 1.0);
}

static gboolean
double_equal (double a,
              double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
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

/* Thin rings stay visible: at least a pixel (half the diameter below 2 px). */
static double
line_width_for (double diameter)
{
  return MAX (diameter * LINE_WIDTH, MIN (1.0, diameter / 2.0));
}

static void
update_accessible (HearthScoreRing *self)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (self);

  gtk_accessible_update_property (accessible,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, clamp_fraction (self->fraction),
                                  -1);

  if (!is_empty (self->text))
    gtk_accessible_update_property (accessible,
                                    GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->text,
                                    -1);
  else
    gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);

  if (!is_empty (self->caption) && !is_empty (self->text))
    {
      /* Translators: a score ring's accessible name, e.g. "Total: 3.5" */
      g_autofree char *label = g_strdup_printf (_("%s: %s"), self->caption, self->text);

      gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  else if (!is_empty (self->caption) || !is_empty (self->text))
    {
      const char *label = !is_empty (self->caption) ? self->caption : self->text;

      gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  else
    {
      gtk_accessible_reset_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL);
    }
}

static void
update_labels (HearthScoreRing *self)
{
  gtk_label_set_text (self->text_label, self->text != NULL ? self->text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->text_label), !is_empty (self->text));
  gtk_label_set_text (self->caption_label, self->caption != NULL ? self->caption : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caption_label), !is_empty (self->caption));
}

static void
animation_cb (double   value,
              gpointer user_data)
{
  HearthScoreRing *self = user_data;

  self->shown = value;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
hearth_score_ring_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  /* The text scales with the ring (see size_allocate), so it asks for no size of its own. */
  *minimum = MINIMUM_SIZE;
  *natural = NATURAL_SIZE;
}

static void
hearth_score_ring_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  HearthScoreRing *self = HEARTH_SCORE_RING (widget);
  double diameter = MIN (width, height);
  double inner = diameter - 2.0 * line_width_for (diameter);
  double scale = 0.0;
  GskTransform *transform;
  int box_width, box_height;

  gtk_widget_measure (self->box, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &box_width, NULL, NULL);
  gtk_widget_measure (self->box, GTK_ORIENTATION_VERTICAL, box_width, NULL, &box_height,
                      NULL, NULL);

  if (box_width > 0 && box_height > 0 && inner > 0)
    {
      /* Bigger rings get bigger text; small ones shrink it a little, then drop it. */
      double grow = MAX (1.0, diameter / NATURAL_SIZE);
      double fit = MIN (inner * TEXT_WIDTH / box_width, inner * TEXT_HEIGHT / box_height);

      scale = MIN (grow, fit);
    }

  self->text_fits = scale >= TEXT_MIN_SCALE;
  if (!self->text_fits)
    scale = 1.0;

  transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width / 2.0f, height / 2.0f));
  transform = gsk_transform_scale (transform, (float) scale, (float) scale);
  transform = gsk_transform_translate (transform,
                                       &GRAPHENE_POINT_INIT (-box_width / 2.0f, -box_height / 2.0f));
  gtk_widget_allocate (self->box, box_width, box_height, -1, transform);
}

static void
hearth_score_ring_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  HearthScoreRing *self = HEARTH_SCORE_RING (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double diameter = MIN (width, height);
  double line_width, radius, shown;
  GdkRGBA color;
  cairo_t *cr;

  if (diameter <= 0)
    return;

  get_color (widget, &color);
  line_width = line_width_for (diameter);
  radius = (diameter - line_width) / 2.0;
  shown = clamp_fraction (self->shown);

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT ((width - diameter) / 2.0f,
                                                       (height - diameter) / 2.0f,
                                                       (float) diameter, (float) diameter));
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_set_line_width (cr, line_width);

  cairo_arc (cr, 0, 0, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * TRACK_ALPHA);
  cairo_stroke (cr);

  if (shown > 0)
    {
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_arc (cr, 0, 0, radius, -G_PI / 2, -G_PI / 2 + 2 * G_PI * shown);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_stroke (cr);
    }

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    g_warning ("Drawing a %dx%d ring: %s", width, height,
               cairo_status_to_string (cairo_status (cr)));
  cairo_destroy (cr);

  if (self->text_fits)
    gtk_widget_snapshot_child (widget, self->box, snapshot);
}

static void
hearth_score_ring_dispose (GObject *object)
{
  HearthScoreRing *self = (HearthScoreRing *)object;

  /* A playing animation holds a reference and a tick callback: stop it first. */
  if (self->animation != NULL)
    adw_animation_skip (self->animation);
  g_clear_object (&self->animation);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (hearth_score_ring_parent_class)->dispose (object);
}

static void
hearth_score_ring_finalize (GObject *object)
{
  HearthScoreRing *self = (HearthScoreRing *)object;

  g_free (self->text);
  g_free (self->caption);

  G_OBJECT_CLASS (hearth_score_ring_parent_class)->finalize (object);
}

static void
hearth_score_ring_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HearthScoreRing *self = HEARTH_SCORE_RING (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;

    case PROP_ANIMATE:
      g_value_set_boolean (value, self->animate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_score_ring_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HearthScoreRing *self = HEARTH_SCORE_RING (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      hearth_score_ring_set_fraction (self, g_value_get_double (value));
      break;

    case PROP_TEXT:
      hearth_score_ring_set_text (self, g_value_get_string (value));
      break;

    case PROP_CAPTION:
      hearth_score_ring_set_caption (self, g_value_get_string (value));
      break;

    case PROP_ANIMATE:
      hearth_score_ring_set_animate (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_score_ring_class_init (HearthScoreRingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_score_ring_dispose;
  object_class->finalize = hearth_score_ring_finalize;
  object_class->get_property = hearth_score_ring_get_property;
  object_class->set_property = hearth_score_ring_set_property;

  widget_class->measure = hearth_score_ring_measure;
  widget_class->size_allocate = hearth_score_ring_size_allocate;
  widget_class->snapshot = hearth_score_ring_snapshot;

  /* Unbounded and lax so that g_object_set() of NaN or infinity never warns (NaN is outside
   * any range: GLib validates it as a change). */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL,
                         -INFINITY, INFINITY, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_LAX_VALIDATION | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ANIMATE] =
    g_param_spec_boolean ("animate", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "scorering");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
hearth_score_ring_init (HearthScoreRing *self)
{
  AdwAnimationTarget *target;

  self->animate = TRUE;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_can_target (self->box, FALSE);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->text_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "value");
  gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (self->text_label), "numeric");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->text_label));

  self->caption_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->caption_label), "caption");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->caption_label));

  /* The meter speaks for them. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->box), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  update_labels (self);

  target = adw_callback_animation_target_new (animation_cb, self, NULL);
  self->animation = adw_timed_animation_new (GTK_WIDGET (self), 0.0, 0.0, DURATION_MS, target);
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->animation), ADW_EASE_OUT_CUBIC);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 1.0,
                                  -1);
  update_accessible (self);
}

GtkWidget *
hearth_score_ring_new (void)
{
  return g_object_new (HEARTH_TYPE_SCORE_RING, NULL);
}

double
hearth_score_ring_get_fraction (HearthScoreRing *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_RING (self), 0.0);

  return self->fraction;
}

void
hearth_score_ring_set_fraction (HearthScoreRing *self,
                                double           fraction)
{
  double target;

  g_return_if_fail (HEARTH_IS_SCORE_RING (self));

  if (double_equal (self->fraction, fraction))
    return;

  self->fraction = fraction;
  target = clamp_fraction (fraction);

  if (self->animate)
    {
      /* From what is on screen, also when a previous animation is halfway. The animation
       * skips itself (jumps) when the ring is unmapped or animations are off. */
      adw_timed_animation_set_value_from (ADW_TIMED_ANIMATION (self->animation), self->shown);
      adw_timed_animation_set_value_to (ADW_TIMED_ANIMATION (self->animation), target);
      adw_animation_play (self->animation);
    }
  else
    {
      adw_animation_reset (self->animation);
      self->shown = target;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

const char *
hearth_score_ring_get_text (HearthScoreRing *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_RING (self), NULL);

  return self->text;
}

void
hearth_score_ring_set_text (HearthScoreRing *self,
                            const char      *text)
{
  g_return_if_fail (HEARTH_IS_SCORE_RING (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  update_labels (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
hearth_score_ring_get_caption (HearthScoreRing *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_RING (self), NULL);

  return self->caption;
}

void
hearth_score_ring_set_caption (HearthScoreRing *self,
                               const char      *caption)
{
  g_return_if_fail (HEARTH_IS_SCORE_RING (self));

  if (g_strcmp0 (self->caption, caption) == 0)
    return;

  g_free (self->caption);
  self->caption = g_strdup (caption);
  update_labels (self);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
}

gboolean
hearth_score_ring_get_animate (HearthScoreRing *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_RING (self), FALSE);

  return self->animate;
}

void
hearth_score_ring_set_animate (HearthScoreRing *self,
                               gboolean         animate)
{
  g_return_if_fail (HEARTH_IS_SCORE_RING (self));

  animate = !!animate;
  if (self->animate == animate)
    return;

  self->animate = animate;
  if (!animate)
    adw_animation_skip (self->animation);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANIMATE]);
}

double
hearth_score_ring_get_shown_fraction (HearthScoreRing *self)
{
  g_return_val_if_fail (HEARTH_IS_SCORE_RING (self), 0.0);

  return clamp_fraction (self->shown);
}
