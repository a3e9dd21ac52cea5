/* hearth-server-cast-private.h: what the files of the demo cast share
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-server-cast.h"
#include "hearth-server-private.h"

G_BEGIN_DECLS

/*
 * The cast is split by concern: hearth-server-cast.c holds the class, the agenda (the steps
 * to come, by due time), the demo clock, the dispatcher and the randomness; the scenes, what
 * each step does and what it schedules next, are in hearth-server-cast-scenes.c.
 */

/* Demo milliseconds. */
#define SECONDS(s) ((gint64)((s) * 1000))

typedef enum
{
  STEP_CHATTER,         /* an ambient scene; schedules the next one */
  STEP_CYCLE,           /* the structural scenes; schedules the next cycle */
  STEP_ONLINE,          /* user comes online */
  STEP_SESSION_END,     /* user goes offline, unless in the middle of something */
  STEP_READ,            /* user reads chat */
  STEP_TYPE,            /* user starts typing in chat */
  STEP_POST,            /* user stops typing and posts text in chat */
  STEP_REPLY,           /* user stops typing and answers me in chat */
  STEP_CREATE_WITH_ME,
  STEP_ADD_ME,
  STEP_REMOVE,
  STEP_DELETE,
  STEP_CONSUME,
  STEP_SCORE,           /* text: the action type, NULL for the next one */
  STEP_OTHER_DEVICE,    /* me writes from another device */
} StepKind;

typedef struct
{
  gint64    due;        /* demo ms since start() */
  guint64   order;      /* ties run in scheduling order */
  StepKind  kind;
  char     *user_id;
  char     *chat_id;
  char     *text;
} Step;

typedef struct
{
  gboolean online;
  gint64   session_end; /* when they mean to go offline */
  gint64   busy_until;  /* the end of the scene they are in */
} Presence;

/* Lines are dealt from a shuffled deck: no line comes back before the others were used. */
#define DECK_MAX 32

typedef struct
{
  guint order[DECK_MAX];
  guint n;              /* cards left to deal, from the end of order */
} Deck;

/* A reply in progress in a chat where me wrote. */
typedef struct
{
  char     *member;
  gboolean  read_queued;
} Reply;

struct _HearthServerCast
{
  GObject       parent_instance;

  HearthServer *server;
  char         *me;
  double        time_scale;
  guint         seed;
  gboolean      ambient;

  gboolean      running;
  GRand        *rand;
  GSequence    *agenda;       /* Step (owned, freed by clear_agenda()), by (due, order) */
  guint64       next_order;
  GSource      *timer;
  gboolean      in_step;
  gint64        clock;        /* demo ms: the due time of the last step run */
  gint64        clock_real;   /* monotonic usec when the clock was set */
  guint         cycle;        /* cycles started */
  GHashTable   *presence;     /* user id -> Presence */
  GHashTable   *replies;      /* chat id -> Reply */
  GQueue        cast_chats;   /* char * ids of the chats the cast created, oldest first */
  Deck          chatter_deck;
  Deck          reply_deck;
  gulong        posted_id;
};

/* hearth-server-cast.c: the clock, the agenda, randomness. */

/* The demo clock (demo ms since start()). Inside a step it is the step's due time, so that
 * lagging never shifts the script; elsewhere it runs with real time from there. */
gint64      _hearth_server_cast_now          (HearthServerCast   *self);
/* Schedules a step @delay demo ms from now. */
void        _hearth_server_cast_schedule     (HearthServerCast   *self,
                                              gint64              delay,
                                              StepKind            kind,
                                              const char         *user_id,
                                              const char         *chat_id,
                                              const char         *text);
/* A number in [@lo, @hi]. */
gint64      _hearth_server_cast_rand_between (HearthServerCast   *self,
                                              gint64              lo,
                                              gint64              hi);
/* The next line of @lines from @deck, reshuffled when it runs out. */
const char *_hearth_server_cast_deal         (HearthServerCast   *self,
                                              Deck               *deck,
                                              const char * const *lines,
                                              guint               n_lines);
/* A random element of @array (not empty). */
gpointer    _hearth_server_cast_pick_from    (HearthServerCast   *self,
                                              GPtrArray          *array);

#define DEAL(self, deck, array) \
  (_hearth_server_cast_deal ((self), (deck), (array), G_N_ELEMENTS (array)))

#define PICK(self, array) \
  ((array)[g_rand_int_range ((self)->rand, 0, (gint32)G_N_ELEMENTS (array))])

/* hearth-server-cast-scenes.c: what the steps do. */

void        _hearth_server_cast_run_step     (HearthServerCast   *self,
                                              Step               *step);
/* "message-posted" of the server while the cast runs: the reactions to what me writes. */
void        _hearth_server_cast_on_message_posted (HearthServer       *server,
                                                   const char         *user_id,
                                                   const char         *chat_id,
                                                   const char         *message_id,
                                                   HearthServerCast   *self);

G_END_DECLS
