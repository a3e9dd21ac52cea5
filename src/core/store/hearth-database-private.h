/* hearth-database-private.h: what the database's files share (worker thread only)
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "hearth-database.h"

G_BEGIN_DECLS

/*
 * The state the worker thread owns: the connection and its prepared statements. Nothing here
 * is touched by any other thread once the worker runs.
 */
typedef struct
{
  sqlite3    *db;
  GHashTable *stmts;            /* SQL text (not owned: string literals) -> sqlite3_stmt */
  gint64      default_max_pages;
  gboolean    read_only;
  gboolean    writing;          /* inside a write job (see _hearth_db_set_error()) */
} HearthDbWorker;

/* hearth-database.c: the jobs of the worker thread, for the files that add readers
 * (hearth-database-wellbeing.c). A job runs @func on the worker with @task, which it must
 * return; _hearth_database_return_pointer() returns @result, or @error when set. */
typedef void (*HearthDbJobFunc) (HearthDbWorker *worker,
                                 GTask          *task);

GTask          *_hearth_database_task_new       (HearthDatabase      *self,
                                                 gpointer             source_tag,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
void            _hearth_database_push_task      (HearthDatabase      *self,
                                                 GTask               *task,
                                                 HearthDbJobFunc      func);
void            _hearth_database_return_pointer (GTask               *task,
                                                 gpointer             result,
                                                 GDestroyNotify       free_result,
                                                 GError              *error);

/* hearth-db-worker.c: the connection. Open creates the file (0600) and its directory (0700)
 * unless @read_only, checks the schema version (@version: the one found), sets WAL and
 * migrates. */
HearthDbWorker *_hearth_db_worker_new          (void);
void            _hearth_db_worker_free         (HearthDbWorker *worker);
gboolean        _hearth_db_worker_open         (HearthDbWorker *worker,
                                                const char     *path,
                                                gboolean        read_only,
                                                int            *version,
                                                GError        **error);
/* 0 restores the limit found when opening. */
void            _hearth_db_worker_set_max_pages (HearthDbWorker *worker,
                                                 guint           max_pages);

/* A cached statement; releasing it (g_autoptr) clears its bindings and resets it, so that no
 * read transaction outlives its use. */
typedef sqlite3_stmt HearthDbStmt;

void          _hearth_db_stmt_release   (HearthDbStmt   *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthDbStmt, _hearth_db_stmt_release)

/* Maps an SQLite result code to HEARTH_DATABASE_ERROR (see the header); returns FALSE. */
gboolean      _hearth_db_set_error      (HearthDbWorker *worker,
                                         int             rc,
                                         GError        **error);
/* @sql must be a string literal (its address is not copied). */
HearthDbStmt *_hearth_db_prepare        (HearthDbWorker *worker,
                                         const char     *sql,
                                         GError        **error);
/* Steps a statement that returns no rows (or whose rows are ignored) to completion. */
gboolean      _hearth_db_run            (HearthDbWorker *worker,
                                         HearthDbStmt   *stmt,
                                         GError        **error);
/* One or more statements, not cached. */
gboolean      _hearth_db_exec           (HearthDbWorker *worker,
                                         const char     *sql,
                                         GError        **error);
/* The first column of a one-row query (0 when there is no row). */
gboolean      _hearth_db_query_int64    (HearthDbWorker *worker,
                                         HearthDbStmt   *stmt,
                                         gint64         *value,
                                         GError        **error);

/* Times are stored as microseconds since the Unix epoch (UTC); NULL binds NULL. */
void          _hearth_db_bind_text      (HearthDbStmt   *stmt,
                                         int             index,
                                         const char     *text);
void          _hearth_db_bind_time      (HearthDbStmt   *stmt,
                                         int             index,
                                         GDateTime      *time);
gint64        _hearth_db_time_to_usec   (GDateTime      *time);
GDateTime    *_hearth_db_column_time    (HearthDbStmt   *stmt,
                                         int             column);
const char   *_hearth_db_column_text    (HearthDbStmt   *stmt,
                                         int             column);

/* hearth-db-schema.c: brings the file to HEARTH_DATABASE_SCHEMA_VERSION in one transaction;
 * @version is the user_version found. */
gboolean      _hearth_db_schema_migrate (HearthDbWorker *worker,
                                         int             version,
                                         GError        **error);
/* The SQL of each schema step (tests compare the v1 fixture with it). */
const char   *_hearth_db_schema_get_step (int           to_version);

/* hearth-db-batch.c: applies the batch's writes (the caller owns the transaction). */
gboolean      _hearth_db_batch_apply    (HearthDbBatch  *batch,
                                         HearthDbWorker *worker,
                                         GError        **error);

/* hearth-db-load.c: the readers, each building model objects on the worker thread. */
GPtrArray    *_hearth_db_load_chats     (HearthDbWorker *worker,
                                         GError        **error);
GPtrArray    *_hearth_db_load_messages  (HearthDbWorker *worker,
                                         const char     *chat_id,
                                         GDateTime      *before_at,
                                         const char     *before_key,
                                         guint           limit,
                                         GError        **error);
GPtrArray    *_hearth_db_load_outbox    (HearthDbWorker *worker,
                                         GArray        **attempts,
                                         GError        **error);
GHashTable   *_hearth_db_load_drafts    (HearthDbWorker *worker,
                                         GError        **error);
GPtrArray    *_hearth_db_search         (HearthDbWorker *worker,
                                         const char     *chat_id,
                                         const char     *query,
                                         guint           limit,
                                         GError        **error);
GPtrArray    *_hearth_db_load_rewards   (HearthDbWorker *worker,
                                         GError        **error);
HearthScore  *_hearth_db_load_score     (HearthDbWorker *worker,
                                         const char     *day,
                                         GError        **error);
GPtrArray    *_hearth_db_load_score_history (HearthDbWorker *worker,
                                             GError        **error);
/* NULL without error when @what was never fetched. */
GDateTime    *_hearth_db_load_fetch_time (HearthDbWorker *worker,
                                          const char     *what,
                                          GError        **error);
/* The FTS5 query for words a user typed (each word a quoted prefix phrase); NULL when no
 * word can match anything. Exposed for the tests. */
char         *_hearth_db_build_match    (const char     *query);

G_END_DECLS
