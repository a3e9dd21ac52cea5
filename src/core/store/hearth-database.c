/* hearth-database.c: the account's SQLite cache, owned by one worker thread
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-database"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "hearth-database-private.h"

/*
 * One worker thread owns the sqlite3 connection. Every public call becomes a Job pushed on a
 * GAsyncQueue; the worker runs them in order and returns results through GTask, whose
 * callbacks run in the caller's thread-default main context. Closing pushes a last job that
 * makes the worker close the connection and exit.
 */

typedef enum
{
  JOB_TASK,       /* run func with task */
  JOB_SYNC,       /* wake the thread waiting in hearth_database_sync() */
  JOB_MAX_PAGES,  /* PRAGMA max_page_count */
  JOB_CLOSE,      /* close the connection and leave the thread */
} JobKind;

typedef struct _SyncPoint SyncPoint;

typedef HearthDbJobFunc JobFunc;

typedef struct
{
  JobKind    kind;
  JobFunc    func;
  GTask     *task;
  SyncPoint *sync;
  guint      max_pages;
} Job;

struct _SyncPoint
{
  GMutex   mutex;
  GCond    cond;
  gboolean done;
};

/* What hearth_database_new() hands the worker, and what it waits for. */
typedef struct
{
  SyncPoint       point;
  HearthDbWorker *worker;
  GAsyncQueue    *queue;
  const char     *path;
  gboolean        read_only;
  /* out */
  GError         *error;
  int             version;
} StartData;

struct _HearthDatabase
{
  GObject       parent_instance;

  char         *path;
  GMainContext *context;      /* where "write-failed" is emitted */
  GAsyncQueue  *queue;        /* Job */
  GThread      *thread;
  GMutex        mutex;        /* guards closed and the order of pushes against close */
  int           schema_version;
  gboolean      closed;
};

G_DEFINE_FINAL_TYPE (HearthDatabase, hearth_database, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (hearth-database-error-quark, hearth_database_error)

/* The worker thread {{{ */

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job);
}

static void
sync_point_signal (SyncPoint *point)
{
  g_mutex_lock (&point->mutex);
  point->done = TRUE;
  g_cond_signal (&point->cond);
  g_mutex_unlock (&point->mutex);
}

static void
sync_point_wait (SyncPoint *point)
{
  g_mutex_lock (&point->mutex);
  while (!point->done)
    g_cond_wait (&point->cond, &point->mutex);
  g_mutex_unlock (&point->mutex);
}

static gpointer
worker_thread (gpointer user_data)
{
  StartData *start = user_data;
  HearthDbWorker *worker = start->worker;
  g_autoptr(GAsyncQueue) queue = g_async_queue_ref (start->queue);
  gboolean opened;

  opened = _hearth_db_worker_open (worker, start->path, start->read_only,
                                   &start->version, &start->error);

  /* After this, start is gone (it lives on the opening thread's stack). */
  sync_point_signal (&start->point);
  start = NULL;

  if (!opened)
    {
      _hearth_db_worker_free (worker);
      return NULL;
    }

  for (;;)
    {
      Job *job = g_async_queue_pop (queue);
      JobKind kind = job->kind;

      switch (kind)
        {
        case JOB_TASK:
          if (!g_task_return_error_if_cancelled (job->task))
            job->func (worker, job->task);
          break;

        case JOB_SYNC:
          sync_point_signal (job->sync);
          break;

        case JOB_MAX_PAGES:
          _hearth_db_worker_set_max_pages (worker, job->max_pages);
          break;

        case JOB_CLOSE:
          break;

        default:
          g_assert_not_reached ();
        }

      /* The last ref of a task (and so of the database) may go here: see close(). */
      job_free (job);

      if (kind == JOB_CLOSE)
        break;
    }

  _hearth_db_worker_free (worker);

  return NULL;
}

/* }}} */
/* Jobs {{{ */

/* Queues @job, or fails it with CLOSED; takes ownership. */
static void
push_job (HearthDatabase *self,
          Job            *job)
{
  g_mutex_lock (&self->mutex);

  if (!self->closed)
    {
      g_async_queue_push (self->queue, job);
      g_mutex_unlock (&self->mutex);
      return;
    }

  g_mutex_unlock (&self->mutex);

  if (job->task != NULL)
    g_task_return_new_error (job->task, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_CLOSED,
                             "The database %s is closed", self->path);
  job_free (job);
}

void
_hearth_database_push_task (HearthDatabase *self,
                            GTask          *task,
                            JobFunc         func)
{
  Job *job = g_new0 (Job, 1);

  job->kind = JOB_TASK;
  job->func = func;
  job->task = task;
  push_job (self, job);
}

GTask *
_hearth_database_task_new (HearthDatabase      *self,
                           gpointer             source_tag,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);

  return task;
}

void
_hearth_database_return_pointer (GTask          *task,
                                 gpointer        result,
                                 GDestroyNotify  free_result,
                                 GError         *error)
{
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, free_result);
}

/* Their short names in this file. */
#define push_task      _hearth_database_push_task
#define task_new       _hearth_database_task_new
#define return_pointer _hearth_database_return_pointer

typedef struct
{
  HearthDatabase *self;
  GError         *error;
} WriteFailed;

static gboolean
emit_write_failed_cb (gpointer user_data)
{
  WriteFailed *failed = user_data;

  g_signal_emit (failed->self, signals[WRITE_FAILED], 0, failed->error);

  return G_SOURCE_REMOVE;
}

static void
write_failed_free (gpointer user_data)
{
  WriteFailed *failed = user_data;

  g_object_unref (failed->self);
  g_error_free (failed->error);
  g_free (failed);
}

static void
write_job (HearthDbWorker *worker,
           GTask          *task)
{
  HearthDatabase *self = g_task_get_source_object (task);
  HearthDbBatch *batch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) source = NULL;
  WriteFailed *failed;
  gboolean ok;

  if (hearth_db_batch_is_empty (batch))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  worker->writing = TRUE;
  ok = _hearth_db_exec (worker, "BEGIN IMMEDIATE", &error) &&
       _hearth_db_batch_apply (batch, worker, &error) &&
       _hearth_db_exec (worker, "COMMIT", &error);

  /* SQLite may have rolled back already (SQLITE_FULL does). */
  if (!ok && !sqlite3_get_autocommit (worker->db))
    sqlite3_exec (worker->db, "ROLLBACK", NULL, NULL, NULL);
  worker->writing = FALSE;

  if (!ok)
    g_debug ("A batch of %u writes failed: %s", hearth_db_batch_get_size (batch), error->message);

  /* Drop the task's reference here, on the worker: when the caller let go of the batch already
   * (the store does), its rows are freed now rather than when the main loop gets to the
   * callback — which, during a flood, can be seconds and hundreds of megabytes later. */
  batch = NULL;
  g_task_set_task_data (task, NULL, NULL);

  if (ok)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Emitted before the task's callback runs (same priority, queued first). */
  failed = g_new0 (WriteFailed, 1);
  failed->self = g_object_ref (self);
  failed->error = g_error_copy (error);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_write_failed_cb, failed, write_failed_free);
  g_source_set_static_name (source, "[hearth] database write-failed");
  g_source_attach (source, self->context);

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
load_chats_job (HearthDbWorker *worker,
                GTask          *task)
{
  GError *error = NULL;
  GPtrArray *chats = _hearth_db_load_chats (worker, &error);

  return_pointer (task, chats, (GDestroyNotify) g_ptr_array_unref, error);
}

typedef struct
{
  char      *chat_id;
  GDateTime *before_at;
  char      *before_key;
  char      *query;
  guint      limit;
} Query;

static void
query_free (Query *query)
{
  g_free (query->chat_id);
  g_clear_pointer (&query->before_at, g_date_time_unref);
  g_free (query->before_key);
  g_free (query->query);
  g_free (query);
}

static void
load_messages_job (HearthDbWorker *worker,
                   GTask          *task)
{
  Query *query = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *page;

  page = _hearth_db_load_messages (worker, query->chat_id, query->before_at,
                                   query->before_key, query->limit, &error);
  return_pointer (task, page, (GDestroyNotify) g_ptr_array_unref, error);
}

static void
search_job (HearthDbWorker *worker,
            GTask          *task)
{
  Query *query = g_task_get_task_data (task);
  GError *error = NULL;
  GPtrArray *found;

  found = _hearth_db_search (worker, query->chat_id, query->query, query->limit, &error);
  return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref, error);
}

typedef struct
{
  GPtrArray *messages;
  GArray    *attempts;
} Outbox;

static void
outbox_free (Outbox *outbox)
{
  g_clear_pointer (&outbox->messages, g_ptr_array_unref);
  g_clear_pointer (&outbox->attempts, g_array_unref);
  g_free (outbox);
}

static void
load_outbox_job (HearthDbWorker *worker,
                 GTask          *task)
{
  GError *error = NULL;
  Outbox *outbox = g_new0 (Outbox, 1);

  if (!(outbox->messages = _hearth_db_load_outbox (worker, &outbox->attempts, &error)))
    g_clear_pointer (&outbox, outbox_free);

  return_pointer (task, outbox, (GDestroyNotify) outbox_free, error);
}

static void
load_drafts_job (HearthDbWorker *worker,
                 GTask          *task)
{
  GError *error = NULL;
  GHashTable *drafts = _hearth_db_load_drafts (worker, &error);

  return_pointer (task, drafts, (GDestroyNotify) g_hash_table_unref, error);
}

/* }}} */
/* GObject {{{ */

static void
hearth_database_finalize (GObject *object)
{
  HearthDatabase *self = (HearthDatabase *)object;

  hearth_database_close (self);

  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (hearth_database_parent_class)->finalize (object);
}

static void
hearth_database_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HearthDatabase *self = HEARTH_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_database_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HearthDatabase *self = HEARTH_DATABASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_database_class_init (HearthDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hearth_database_finalize;
  object_class->get_property = hearth_database_get_property;
  object_class->set_property = hearth_database_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HearthDatabase::write-failed:
   * @error: what failed
   *
   * A write batch failed and was rolled back; emitted in the main context the database was
   * opened in.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
hearth_database_init (HearthDatabase *self)
{
  g_mutex_init (&self->mutex);
  self->queue = g_async_queue_new ();
  self->context = g_main_context_ref_thread_default ();
}

/* }}} */
/* Public API {{{ */

static HearthDatabase *
database_open (const char  *path,
               gboolean     read_only,
               GError     **error)
{
  g_autoptr(HearthDatabase) self = NULL;
  StartData start = { 0 };

  self = g_object_new (HEARTH_TYPE_DATABASE, "path", path, NULL);

  g_mutex_init (&start.point.mutex);
  g_cond_init (&start.point.cond);
  start.worker = _hearth_db_worker_new ();
  start.queue = self->queue;
  start.path = self->path;
  start.read_only = read_only;

  self->thread = g_thread_new ("hearth-database", worker_thread, &start);
  sync_point_wait (&start.point);

  g_mutex_clear (&start.point.mutex);
  g_cond_clear (&start.point.cond);

  if (start.error != NULL)
    {
      /* The worker has freed its state and is leaving. */
      g_thread_join (g_steal_pointer (&self->thread));
      self->closed = TRUE;
      g_propagate_error (error, start.error);
      return NULL;
    }

  self->schema_version = start.version < HEARTH_DATABASE_SCHEMA_VERSION
                         ? HEARTH_DATABASE_SCHEMA_VERSION : start.version;

  g_debug ("Opened %s%s (schema version %d, found %d)", path, read_only ? " read-only" : "",
           self->schema_version, start.version);

  return g_steal_pointer (&self);
}

HearthDatabase *
hearth_database_new (const char  *path,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return database_open (path, FALSE, error);
}

HearthDatabase *
hearth_database_new_read_only (const char  *path,
                               GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return database_open (path, TRUE, error);
}

const char *
hearth_database_get_path (HearthDatabase *self)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), NULL);

  return self->path;
}

int
hearth_database_get_schema_version (HearthDatabase *self)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), 0);

  return self->schema_version;
}

void
hearth_database_write_async (HearthDatabase      *self,
                             HearthDbBatch       *batch,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (HEARTH_IS_DATABASE (self));
  g_return_if_fail (batch != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = task_new (self, hearth_database_write_async, cancellable, callback, user_data);
  g_task_set_task_data (task, hearth_db_batch_ref (batch), (GDestroyNotify) hearth_db_batch_unref);
  push_task (self, task, write_job);
}

gboolean
hearth_database_write_finish (HearthDatabase  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
hearth_database_load_chats_async (HearthDatabase      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_DATABASE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  push_task (self,
             task_new (self, hearth_database_load_chats_async, cancellable, callback, user_data),
             load_chats_job);
}

GPtrArray *
hearth_database_load_chats_finish (HearthDatabase  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hearth_database_load_messages_async (HearthDatabase      *self,
                                     const char          *chat_id,
                                     GDateTime           *before_at,
                                     const char          *before_key,
                                     guint                limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  Query *query;

  g_return_if_fail (HEARTH_IS_DATABASE (self));
  g_return_if_fail (chat_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  query = g_new0 (Query, 1);
  query->chat_id = g_strdup (chat_id);
  query->before_at = before_at != NULL ? g_date_time_ref (before_at) : NULL;
  query->before_key = g_strdup (before_key);
  query->limit = limit;

  task = task_new (self, hearth_database_load_messages_async, cancellable, callback, user_data);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  push_task (self, task, load_messages_job);
}

GPtrArray *
hearth_database_load_messages_finish (HearthDatabase  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hearth_database_load_outbox_async (HearthDatabase      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_DATABASE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  push_task (self,
             task_new (self, hearth_database_load_outbox_async, cancellable, callback, user_data),
             load_outbox_job);
}

GPtrArray *
hearth_database_load_outbox_finish (HearthDatabase  *self,
                                    GAsyncResult    *result,
                                    GArray         **attempts,
                                    GError         **error)
{
  Outbox *outbox;
  GPtrArray *messages;

  g_return_val_if_fail (HEARTH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (attempts != NULL)
    *attempts = NULL;

  if (!(outbox = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  messages = g_steal_pointer (&outbox->messages);
  if (attempts != NULL)
    *attempts = g_steal_pointer (&outbox->attempts);
  outbox_free (outbox);

  return messages;
}

void
hearth_database_load_drafts_async (HearthDatabase      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (HEARTH_IS_DATABASE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  push_task (self,
             task_new (self, hearth_database_load_drafts_async, cancellable, callback, user_data),
             load_drafts_job);
}

GHashTable *
hearth_database_load_drafts_finish (HearthDatabase  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hearth_database_search_async (HearthDatabase      *self,
                              const char          *chat_id,
                              const char          *query,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  Query *data;

  g_return_if_fail (HEARTH_IS_DATABASE (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (Query, 1);
  data->chat_id = g_strdup (chat_id);
  data->query = g_strdup (query);
  data->limit = limit;

  task = task_new (self, hearth_database_search_async, cancellable, callback, user_data);
  g_task_set_task_data (task, data, (GDestroyNotify) query_free);
  push_task (self, task, search_job);
}

GPtrArray *
hearth_database_search_finish (HearthDatabase  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (HEARTH_IS_DATABASE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hearth_database_sync (HearthDatabase *self)
{
  SyncPoint point = { 0 };
  Job *job;

  g_return_if_fail (HEARTH_IS_DATABASE (self));

  g_mutex_lock (&self->mutex);
  if (self->closed)
    {
      g_mutex_unlock (&self->mutex);
      return;
    }

  g_mutex_init (&point.mutex);
  g_cond_init (&point.cond);

  job = g_new0 (Job, 1);
  job->kind = JOB_SYNC;
  job->sync = &point;
  g_async_queue_push (self->queue, job);
  g_mutex_unlock (&self->mutex);

  sync_point_wait (&point);

  g_mutex_clear (&point.mutex);
  g_cond_clear (&point.cond);
}

void
hearth_database_set_max_pages (HearthDatabase *self,
                               guint           max_pages)
{
  Job *job;

  g_return_if_fail (HEARTH_IS_DATABASE (self));

  job = g_new0 (Job, 1);
  job->kind = JOB_MAX_PAGES;
  job->max_pages = max_pages;
  push_job (self, job);
}

void
hearth_database_close (HearthDatabase *self)
{
  GThread *thread;
  Job *job;

  g_return_if_fail (HEARTH_IS_DATABASE (self));

  g_mutex_lock (&self->mutex);
  if (self->closed)
    {
      g_mutex_unlock (&self->mutex);
      return;
    }

  self->closed = TRUE;
  job = g_new0 (Job, 1);
  job->kind = JOB_CLOSE;
  g_async_queue_push (self->queue, job);
  thread = g_steal_pointer (&self->thread);
  g_mutex_unlock (&self->mutex);

  /* When a task finished on the worker drops the last ref, this runs on the worker itself:
   * it cannot wait for itself, and leaves after the close job on its own. */
  if (thread == g_thread_self ())
    {
      g_debug ("Closing %s from its own worker", self->path);
      g_thread_unref (thread);
    }
  else
    g_thread_join (thread);
}

/* }}} */
