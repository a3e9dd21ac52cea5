/* hearth-score-ring.h: a progress ring with a value and a caption in the middle
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HEARTH_TYPE_SCORE_RING (hearth_score_ring_get_type ())
G_DECLARE_FINAL_TYPE (HearthScoreRing, hearth_score_ring, HEARTH, SCORE_RING, GtkWidget)

/*
 * A ring filled clockwise from 12 o'clock, in the widget's CSS color (style classes "total",
 * "social", "mindfulness" in style.css) over a faint track, with "text" (e.g. "3.5") and
 * "caption" (e.g. "Total") in the middle as plain text. Natural size 120 px, square; the text
 * grows with the ring and is hidden when the ring is too small for it.
 *
 * Properties: "fraction" (double, any value: drawn clamped to 0..1, NaN as 0), "text",
 * "caption" (strings, nullable), "animate" (default TRUE: a new fraction eases in over
 * 400 ms unless gtk-enable-animations is off or the ring is not mapped).
 *
 * Accessible: a meter from 0 to 1 whose value is the clamped fraction, labelled
 * "Caption: text" with the text as its value text.
 */

GtkWidget  *hearth_score_ring_new                (void);
double      hearth_score_ring_get_fraction       (HearthScoreRing *self);
void        hearth_score_ring_set_fraction       (HearthScoreRing *self,
                                                  double           fraction);
const char *hearth_score_ring_get_text           (HearthScoreRing *self);
void        hearth_score_ring_set_text           (HearthScoreRing *self,
                                                  const char      *text);
const char *hearth_score_ring_get_caption        (HearthScoreRing *self);
void        hearth_score_ring_set_caption        (HearthScoreRing *self,
                                                  const char      *caption);
gboolean    hearth_score_ring_get_animate        (HearthScoreRing *self);
void        hearth_score_ring_set_animate        (HearthScoreRing *self,
                                                  gboolean         animate);
/* The fraction drawn right now (0..1): differs from the clamped "fraction" while animating. */
double      hearth_score_ring_get_shown_fraction (HearthScoreRing *self);

G_END_DECLS
