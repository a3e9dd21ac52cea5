/* hearth-db-batch-private.h: the rows a HearthDbBatch holds (see hearth-db-batch.c)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hearth-database-private.h"

G_BEGIN_DECLS

/*
 * The rows of a batch: plain copies of model values, made on the calling thread, read on
 * the worker (GDateTime is immutable and its refcount atomic, so rows may hold refs).
 */

typedef enum
{
  HEARTH_DB_OP_USER,
  HEARTH_DB_OP_CHAT,
  HEARTH_DB_OP_DELETE_CHAT,
  HEARTH_DB_OP_SET_READ,
  HEARTH_DB_OP_SET_UNREAD,
  HEARTH_DB_OP_MESSAGE,
  HEARTH_DB_OP_OUTBOX,
  HEARTH_DB_OP_REMOVE_OUTBOX,
  HEARTH_DB_OP_DRAFT,
  HEARTH_DB_OP_REWARD,
  HEARTH_DB_OP_SCORE,
  HEARTH_DB_OP_SCORE_HISTORY,   /* row: GPtrArray of HearthDbHistoryRow */
  HEARTH_DB_OP_FETCH_TIME,      /* row: HearthDbKeyRow (key, at) */
  HEARTH_DB_OP_WIPE,
} HearthDbOpKind;

typedef struct
{
  char      *id;
  char      *name;
  char      *username;
  char      *photo;
  GDateTime *last_seen;
  gboolean   online;
} HearthDbUserRow;

typedef struct
{
  HearthDbUserRow *user;
  GDateTime       *last_read_at;
} HearthDbMemberRow;

typedef struct
{
  char            *id;
  char            *name;
  HearthDbUserRow *admin;
  GDateTime       *created_at;
  GPtrArray       *members;       /* HearthDbMemberRow, in server order */
  guint            unread;
  gboolean         left;
} HearthDbChatRow;

typedef struct
{
  char               *id;
  char               *client_id;
  char               *chat_id;
  char               *sender_id;
  HearthDbUserRow    *sender;
  char               *content;
  char               *reel;
  GDateTime          *at;
  HearthMessageState  state;
  HearthMessageKind   kind;
  guint               attempts;   /* outbox entries only */
} HearthDbMessageRow;

/* delete_chat, set_read, set_unread, remove_outbox, put_draft */
typedef struct
{
  char      *key;
  char      *user_id;
  char      *text;
  GDateTime *at;
  guint      number;
} HearthDbKeyRow;

typedef struct
{
  char      *id;
  char      *title;
  char      *description;
  GDateTime *expires_at;
  gint64     remaining;
  gboolean   is_expired;
  gboolean   consumed_by_you;
} HearthDbRewardRow;

typedef struct
{
  const char *section;      /* "social" or "mindfulness" */
  char       *action_type;
  char       *label;
  char       *sub_label;
  double      value;
  int         start_at;
  gboolean    completed;
} HearthDbActionRow;

typedef struct
{
  char      *day;
  GDateTime *at;
  char      *weekday;
  GPtrArray *actions;       /* HearthDbActionRow, social ones first, each section in order */
  double     total_score;
  double     social_score;
  double     mindfulness_score;
  int        reels_seen;
} HearthDbScoreRow;

/* One day of the score history. */
typedef struct
{
  char      *day;
  GDateTime *at;
  char      *weekday;
  double     total_score;
} HearthDbHistoryRow;

typedef struct
{
  HearthDbOpKind  kind;
  gpointer        row;
  GDestroyNotify  free_row;
} HearthDbOp;

struct _HearthDbBatch
{
  gatomicrefcount  ref_count;
  GArray          *ops;          /* HearthDbOp */
  /* The sender row of the newest message row that has one (owned by that row): a message
   * whose sender has exactly these values needs no row of its own (a flood from one sender
   * upserts the user once per batch). NULL after any other write of users. */
  HearthDbUserRow *last_sender;
};

G_END_DECLS
