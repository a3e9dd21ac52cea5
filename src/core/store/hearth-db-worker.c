/* hearth-db-worker.c: the worker's connection: opening, statements, errors, values
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>

#include "hearth-database-private.h"

/* Everything here runs on the worker thread (or before it exists, on the thread opening). */

#define BUSY_TIMEOUT_MS 5000

/* Statements, errors, values {{{ */

void
_hearth_db_stmt_release (HearthDbStmt *stmt)
{
  if (stmt == NULL)
    return;

  sqlite3_clear_bindings (stmt);
  sqlite3_reset (stmt);
}

gboolean
_hearth_db_set_error (HearthDbWorker  *worker,
                      int              rc,
                      GError         **error)
{
  const char *message;
  int code;

  g_assert (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE);

  if (worker != NULL && worker->db != NULL && sqlite3_extended_errcode (worker->db) == rc)
    message = sqlite3_errmsg (worker->db);
  else
    message = sqlite3_errstr (rc);

  /* A write that cannot open a file (journal, WAL) means the database is read-only; a read
   * that cannot is any other failure. */
  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
      code = HEARTH_DATABASE_ERROR_READ_ONLY;
      break;

    case SQLITE_CANTOPEN:
      code = worker != NULL && worker->writing ? HEARTH_DATABASE_ERROR_READ_ONLY
                                               : HEARTH_DATABASE_ERROR_FAILED;
      break;

    case SQLITE_FULL:
      code = HEARTH_DATABASE_ERROR_FULL;
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = HEARTH_DATABASE_ERROR_CORRUPT;
      break;

    default:
      code = HEARTH_DATABASE_ERROR_FAILED;
      break;
    }

  g_set_error (error, HEARTH_DATABASE_ERROR, code, "%s (SQLite error %d)", message, rc);

  return FALSE;
}

HearthDbStmt *
_hearth_db_prepare (HearthDbWorker  *worker,
                    const char      *sql,
                    GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (worker != NULL);
  g_assert (sql != NULL);

  if ((stmt = g_hash_table_lookup (worker->stmts, sql)))
    {
      sqlite3_reset (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (worker->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _hearth_db_set_error (worker, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (worker->stmts, (gpointer) sql, stmt);

  return stmt;
}

gboolean
_hearth_db_run (HearthDbWorker  *worker,
                HearthDbStmt    *stmt,
                GError         **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;

  if (rc != SQLITE_DONE)
    return _hearth_db_set_error (worker, rc, error);

  return TRUE;
}

gboolean
_hearth_db_exec (HearthDbWorker  *worker,
                 const char      *sql,
                 GError         **error)
{
  int rc = sqlite3_exec (worker->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _hearth_db_set_error (worker, rc, error);

  return TRUE;
}

gboolean
_hearth_db_query_int64 (HearthDbWorker  *worker,
                        HearthDbStmt    *stmt,
                        gint64          *value,
                        GError         **error)
{
  int rc = sqlite3_step (stmt);

  *value = 0;

  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return _hearth_db_set_error (worker, rc, error);

  return TRUE;
}

void
_hearth_db_bind_text (HearthDbStmt *stmt,
                      int           index,
                      const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

gint64
_hearth_db_time_to_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

void
_hearth_db_bind_time (HearthDbStmt *stmt,
                      int           index,
                      GDateTime    *time)
{
  if (time == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, _hearth_db_time_to_usec (time));
}

GDateTime *
_hearth_db_column_time (HearthDbStmt *stmt,
                        int           column)
{
  g_autoptr(GDateTime) seconds = NULL;
  gint64 usec;
  gint64 secs;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  usec = sqlite3_column_int64 (stmt, column);
  secs = usec / G_USEC_PER_SEC;
  usec %= G_USEC_PER_SEC;
  if (usec < 0)
    {
      secs--;
      usec += G_USEC_PER_SEC;
    }

  if (!(seconds = g_date_time_new_from_unix_utc (secs)))
    return NULL;

  return g_date_time_add (seconds, usec);
}

const char *
_hearth_db_column_text (HearthDbStmt *stmt,
                        int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* }}} */
/* Opening and closing {{{ */

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

HearthDbWorker *
_hearth_db_worker_new (void)
{
  HearthDbWorker *worker = g_new0 (HearthDbWorker, 1);

  worker->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_stmt);

  return worker;
}

void
_hearth_db_worker_free (HearthDbWorker *worker)
{
  g_clear_pointer (&worker->stmts, g_hash_table_unref);

  if (worker->db != NULL)
    {
      int rc = sqlite3_close (worker->db);

      if (rc != SQLITE_OK)
        g_warning ("Could not close the database: %s", sqlite3_errstr (rc));
      worker->db = NULL;
    }

  g_free (worker);
}

/* Creates the file with mode 0600 before SQLite does (SQLite would use 0644 and the umask);
 * its -wal and -shm files take the mode of the database file. An existing file is left as
 * it is. */
static gboolean
create_file (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_OPEN,
                   "Could not create the directory %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        return TRUE;

      g_set_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_OPEN,
                   "Could not create %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  g_close (fd, NULL);

  return TRUE;
}

gboolean
_hearth_db_worker_open (HearthDbWorker  *worker,
                        const char      *path,
                        gboolean         read_only,
                        int             *version,
                        GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HearthDbStmt) stmt = NULL;
  gboolean in_memory = g_str_equal (path, ":memory:");
  gint64 value;
  int flags;
  int rc;

  if (!in_memory && !read_only && !create_file (path, error))
    return FALSE;

  /* Only this thread uses the connection: no mutex needed inside SQLite. */
  flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE;
  flags |= read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  rc = sqlite3_open_v2 (path, &worker->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, HEARTH_DATABASE_ERROR,
                   (rc & 0xff) == SQLITE_NOTADB ? HEARTH_DATABASE_ERROR_CORRUPT
                                                : HEARTH_DATABASE_ERROR_OPEN,
                   "Could not open %s: %s", path,
                   worker->db != NULL ? sqlite3_errmsg (worker->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (worker->db, 1);
  sqlite3_busy_timeout (worker->db, BUSY_TIMEOUT_MS);

  /* Read the version before anything writes: a file that is not a database, or comes from a
   * newer build, is left exactly as it is. */
  stmt = _hearth_db_prepare (worker, "PRAGMA user_version", &local_error);
  if (stmt == NULL || !_hearth_db_query_int64 (worker, stmt, &value, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Could not read %s: ", path);
      return FALSE;
    }
  _hearth_db_stmt_release (g_steal_pointer (&stmt));

  if (value < 0 || value > HEARTH_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_CORRUPT,
                   "%s has schema version %" G_GINT64_FORMAT ", newer than this version of "
                   "Hearth knows (%d)", path, value, HEARTH_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }

  *version = (int) value;
  worker->read_only = read_only || sqlite3_db_readonly (worker->db, "main") == 1;

  if (!worker->read_only &&
      !_hearth_db_exec (worker, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  if (!_hearth_db_exec (worker,
                        "PRAGMA synchronous = NORMAL;"
                        "PRAGMA foreign_keys = ON;",
                        error))
    return FALSE;

  stmt = _hearth_db_prepare (worker, "PRAGMA max_page_count", error);
  if (stmt == NULL || !_hearth_db_query_int64 (worker, stmt, &worker->default_max_pages, error))
    return FALSE;
  _hearth_db_stmt_release (g_steal_pointer (&stmt));

  if (*version < HEARTH_DATABASE_SCHEMA_VERSION && worker->read_only)
    {
      g_set_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_READ_ONLY,
                   "%s needs an upgrade from schema version %d but is read-only",
                   path, *version);
      return FALSE;
    }

  worker->writing = TRUE;
  if (!_hearth_db_schema_migrate (worker, *version, error))
    return FALSE;
  worker->writing = FALSE;

  return TRUE;
}

void
_hearth_db_worker_set_max_pages (HearthDbWorker *worker,
                                 guint           max_pages)
{
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                         max_pages > 0 ? (gint64) max_pages : worker->default_max_pages);
  if (!_hearth_db_exec (worker, sql, &error))
    g_warning ("Could not set the page limit: %s", error->message);
}

/* }}} */
