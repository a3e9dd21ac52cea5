/* hearth-test-util.h: helpers shared by the test programs
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  HEARTH_TEST_SECTION_LISTENING,
  HEARTH_TEST_SECTION_EMITTING,
  HEARTH_TEST_SECTION_ERRORS,
} HearthTestSection;

typedef struct
{
  HearthTestSection section;  /* the part of the seed document it stands in */
  char *name;       /* the payload's "event" */
  char *data_json;  /* its "data", as compact JSON text */
} HearthTestSample;

/* Every `{ "event": ... }` sample of the seed document (path: $HEARTH_SEED_EVENTS), in order,
 * trailing commas removed. Element type: HearthTestSample (free with the array). */
GPtrArray  *hearth_test_load_seed_samples (void);
/* The listening samples only: the first 14. */
#define HEARTH_TEST_N_LISTENING 14

/* Spins the default main context until *@flag is TRUE or @timeout_ms passes (a guard against
 * hangs, not a timing assertion). Returns *@flag. */
gboolean    hearth_test_wait_for_flag     (gboolean   *flag,
                                           guint       timeout_ms);
/* Same, until @counter reaches @target. */
gboolean    hearth_test_wait_for_count    (guint      *counter,
                                           guint       target,
                                           guint       timeout_ms);
/* Same, until the enum property @property of @object equals @value. */
gboolean    hearth_test_wait_for_enum     (gpointer    object,
                                           const char *property,
                                           int         value,
                                           guint       timeout_ms);
/* Spins for @ms (lets timers run; used only to prove that nothing happens). */
void        hearth_test_spin              (guint       ms);

/* The id of the first user of the seed fixture ($HEARTH_SEED_FIXTURE): the demo's "me". */
char       *hearth_test_seed_me_id        (void);

G_END_DECLS
