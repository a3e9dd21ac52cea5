/* hearth-database.h: the account's SQLite cache, owned by one worker thread
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hearth-types.h"

G_BEGIN_DECLS

#define HEARTH_DATABASE_ERROR (hearth_database_error_quark ())

typedef enum
{
  HEARTH_DATABASE_ERROR_OPEN,      /* cannot create / open the file or its directory */
  HEARTH_DATABASE_ERROR_CORRUPT,   /* not a database, or a schema newer than this build */
  HEARTH_DATABASE_ERROR_READ_ONLY, /* the file or the disk cannot be written */
  HEARTH_DATABASE_ERROR_FULL,      /* the disk (or the page limit) is full */
  HEARTH_DATABASE_ERROR_FAILED,    /* any other SQLite error; the message says which */
  HEARTH_DATABASE_ERROR_CLOSED,    /* the database was closed */
} HearthDatabaseError;

GQuark          hearth_database_error_quark   (void);

/* The schema version this build writes (PRAGMA user_version). */
#define HEARTH_DATABASE_SCHEMA_VERSION 5

/*
 * HearthDbBatch: a list of writes, applied in ONE transaction on the worker thread, in the
 * order they were added. Every "put" copies what it needs from the model object at the time of
 * the call (on the calling thread), so the objects may change afterwards. Not thread-safe: fill
 * it on one thread, then hand it to hearth_database_write().
 */
#define HEARTH_TYPE_DB_BATCH (hearth_db_batch_get_type ())
GType           hearth_db_batch_get_type      (void) G_GNUC_CONST;
HearthDbBatch  *hearth_db_batch_new           (void);
HearthDbBatch  *hearth_db_batch_ref           (HearthDbBatch *self);
void            hearth_db_batch_unref         (HearthDbBatch *self);
gboolean        hearth_db_batch_is_empty      (HearthDbBatch *self);
guint           hearth_db_batch_get_size      (HearthDbBatch *self);

/* Users: insert or update by id (name, username, photo, online, last seen). */
void            hearth_db_batch_put_user      (HearthDbBatch *self,
                                               HearthUser    *user);
/* Chats: insert or update by id: name, admin id, created-at, unread, left, the participant
 * list (members; replaces the stored one, keeping known read times) and their read times;
 * the participants' users are put too. The last message is NOT written: put it separately. */
void            hearth_db_batch_put_chat      (HearthDbBatch *self,
                                               HearthChat    *chat);
/* Removes the chat, its members, messages, outbox entries and draft. */
void            hearth_db_batch_delete_chat   (HearthDbBatch *self,
                                               const char    *chat_id);
/* Moves a member's read time forward (never back). */
void            hearth_db_batch_set_read      (HearthDbBatch *self,
                                               const char    *chat_id,
                                               const char    *user_id,
                                               GDateTime     *at);
void            hearth_db_batch_set_unread    (HearthDbBatch *self,
                                               const char    *chat_id,
                                               guint          unread);
/*
 * Messages: insert or update. A message is identified by its server id when it has one, else
 * by its client id. Putting a message that has both ids merges it with a stored row that has
 * either one (a queued row gaining its server id): never two rows for one message.
 * Stores id, client id, chat id, sender id (and the sender user when set), content, reel, at,
 * state, and keeps the full-text index in step.
 */
void            hearth_db_batch_put_message   (HearthDbBatch *self,
                                               HearthMessage *message);
/* Outbox: the send queue. An entry holds the message's client id, its chat, content, reel,
 * creation order and attempt count; the message row itself is put with put_message (state
 * QUEUED or FAILED). */
void            hearth_db_batch_put_outbox    (HearthDbBatch *self,
                                               HearthMessage *message,
                                               guint          attempts);
void            hearth_db_batch_remove_outbox (HearthDbBatch *self,
                                               const char    *client_id);
/* Drafts: NULL or "" removes the chat's draft. */
void            hearth_db_batch_put_draft     (HearthDbBatch *self,
                                               const char    *chat_id,
                                               const char    *text);
void            hearth_db_batch_put_reward    (HearthDbBatch *self,
                                               HearthReward  *reward);
/* Scores are keyed by the first 10 characters of their date's ISO form (the server's day). */
void            hearth_db_batch_put_score     (HearthDbBatch *self,
                                               HearthScore   *score);
/* Replaces the stored score history with @scores (HearthScore: each one's day, as for
 * put_score, weekday and total; one per day, the last one of a day wins). */
void            hearth_db_batch_put_score_history (HearthDbBatch *self,
                                                   GPtrArray     *scores);
/* When @what (e.g. "wellbeing") was last fetched from the server; NULL forgets it. */
void            hearth_db_batch_put_fetch_time (HearthDbBatch *self,
                                                const char    *what,
                                                GDateTime     *at);
/* Deletes every row of every table (account-terminated, sign-out before the file goes). */
void            hearth_db_batch_wipe          (HearthDbBatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HearthDbBatch, hearth_db_batch_unref)

#define HEARTH_TYPE_DATABASE (hearth_database_get_type ())
G_DECLARE_FINAL_TYPE (HearthDatabase, hearth_database, HEARTH, DATABASE, GObject)

/*
 * The directory of one account's data: $XDG_DATA_HOME/hearth/<hash>/ where <hash> is the first
 * 32 hex digits of SHA-256 over "<server url>\n<user id>". Created with mode 0700 when
 * @create is TRUE.
 */
char           *hearth_database_dup_account_dir (const char  *server_url,
                                                 const char  *user_id,
                                                 gboolean     create,
                                                 GError     **error);

/*
 * Opens (creating when missing) the database at @path — ":memory:" for a private in-memory
 * one — on a new worker thread: mode 0600, WAL, foreign keys, migrations from any earlier
 * user_version to HEARTH_DATABASE_SCHEMA_VERSION in one transaction. Blocks until the worker
 * has opened it. A newer schema than this build knows fails with CORRUPT.
 *
 * Every call below queues a job for the worker; jobs run in the order they were queued, so a
 * read sees every write queued before it. Callbacks run in the thread-default main context of
 * the caller.
 *
 * Signal "write-failed" (const GError *): a write batch failed and was rolled back. The
 * caller's in-memory state stays authoritative; the database keeps accepting jobs (a later
 * batch may succeed, e.g. once space is free).
 */
HearthDatabase *hearth_database_new            (const char          *path,
                                                GError             **error);
/* The same, opened read-only (SQLITE_OPEN_READONLY): every write fails with READ_ONLY. For
 * tests (a read-only file cannot be made with chmod when running as root) and for looking at
 * a database without changing it; fails with READ_ONLY when the schema needs a migration. */
HearthDatabase *hearth_database_new_read_only  (const char          *path,
                                                GError             **error);
const char     *hearth_database_get_path       (HearthDatabase      *self);
int             hearth_database_get_schema_version (HearthDatabase  *self);

/* Applies @batch in one transaction. @callback may be NULL. */
void            hearth_database_write_async    (HearthDatabase      *self,
                                                HearthDbBatch       *batch,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        hearth_database_write_finish   (HearthDatabase      *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Every chat: a GPtrArray of HearthChat with participants (HearthUser objects, one per id
 * across all chats), admin, read times, unread, left and last message (sender set) filled in;
 * most recent activity first. */
void            hearth_database_load_chats_async  (HearthDatabase      *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray      *hearth_database_load_chats_finish (HearthDatabase      *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* One page of a chat's history, oldest first: the @limit newest messages older than the
 * message (@before_at, @before_key) — or the newest ones when @before_at is NULL. Order is by
 * time, then by insertion; @before_key is the id (server id, else client id) of that message
 * and breaks ties. Senders are set (HearthUser). */
void            hearth_database_load_messages_async  (HearthDatabase      *self,
                                                      const char          *chat_id,
                                                      GDateTime           *before_at,
                                                      const char          *before_key,
                                                      guint                limit,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GPtrArray      *hearth_database_load_messages_finish (HearthDatabase      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The outbox, in the order entries were first put: a GPtrArray of HearthMessage (state
 * QUEUED or FAILED, client id set); the attempt counts go to @attempts (a GArray of guint in
 * the same order) when not NULL. */
void            hearth_database_load_outbox_async  (HearthDatabase      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray      *hearth_database_load_outbox_finish (HearthDatabase      *self,
                                                    GAsyncResult        *result,
                                                    GArray             **attempts,
                                                    GError             **error);

/* Every draft: a GHashTable chat id -> text (both owned). */
void            hearth_database_load_drafts_async  (HearthDatabase      *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GHashTable     *hearth_database_load_drafts_finish (HearthDatabase      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Full-text search of message content (FTS5; @query is words typed by a user, not FTS
 * syntax: each word matches as a prefix, quotes and operators are taken literally).
 * @chat_id NULL searches every chat. Newest first, at most @limit. */
void            hearth_database_search_async  (HearthDatabase      *self,
                                               const char          *chat_id,
                                               const char          *query,
                                               guint                limit,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray      *hearth_database_search_finish (HearthDatabase      *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Rewards (GPtrArray of HearthReward) and the score of a day ("YYYY-MM-DD"; NULL: the newest
 * stored); a missing score is NULL without error. */
void            hearth_database_load_rewards_async  (HearthDatabase      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray      *hearth_database_load_rewards_finish (HearthDatabase      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            hearth_database_load_score_async    (HearthDatabase      *self,
                                                     const char          *day,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
HearthScore    *hearth_database_load_score_finish   (HearthDatabase      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
/* The score history: a GPtrArray of HearthScore (date, day when known, total score), oldest
 * first. */
void            hearth_database_load_score_history_async  (HearthDatabase      *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GPtrArray      *hearth_database_load_score_history_finish (HearthDatabase      *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* When @what was last fetched (put_fetch_time()); NULL without error when never. */
void            hearth_database_load_fetch_time_async  (HearthDatabase      *self,
                                                        const char          *what,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GDateTime      *hearth_database_load_fetch_time_finish (HearthDatabase      *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* Blocks until every job queued so far has run (tests, benchmarks, shutdown). */
void            hearth_database_sync           (HearthDatabase      *self);

/* Test hook: PRAGMA max_page_count, to provoke SQLITE_FULL. 0 restores the default. */
void            hearth_database_set_max_pages  (HearthDatabase      *self,
                                                guint                max_pages);

/* Finishes the queued jobs, closes the file and stops the worker. Later calls fail with
 * CLOSED. Also done on finalize. */
void            hearth_database_close          (HearthDatabase      *self);

/* Closes @self if open and deletes the database file with its -wal/-shm companions. */
gboolean        hearth_database_delete_files   (HearthDatabase      *self,
                                                GError             **error);

G_END_DECLS
