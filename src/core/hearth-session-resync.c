/* hearth-session-resync.c: the catch-up of a session after every (re)connect
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-session"

#include "config.h"

#include "hearth-api.h"
#include "hearth-chat.h"
#include "hearth-message.h"
#include "hearth-message-list.h"
#include "hearth-outbox.h"
#include "hearth-session-resync.h"
#include "hearth-store.h"
#include "hearth-utils.h"

/* One resync run. @owner is valid while @cancellable is not cancelled (the owner cancels it
 * before it goes away). */
typedef struct
{
  HearthSessionResync *owner;
  GCancellable        *cancellable;
  GPtrArray           *chats;       /* GET /chats, applied once the catch-ups are done */
  guint                pending;
} Run;

/* The catch-up of one chat within a run. */
typedef struct
{
  Run  *run;
  char *chat_id;
  char *after;       /* the cursor: the newest message known before the run */
} CatchUp;

struct _HearthSessionResync
{
  GObject       parent_instance;

  /* owned refs */
  HearthApi    *api;
  HearthStore  *store;
  HearthOutbox *outbox;

  Run          *run;        /* the running one */
  GHashTable   *lists;      /* chat id -> GWeakRef * of HearthMessageList */
  guint         page_size;
};

G_DEFINE_FINAL_TYPE (HearthSessionResync, hearth_session_resync, G_TYPE_OBJECT)

enum
{
  FINISHED,
  REQUEST_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Run *
run_ref (Run *run)
{
  return g_rc_box_acquire (run);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->chats, g_ptr_array_unref);
  g_clear_object (&run->cancellable);
}

static void
run_unref (Run *run)
{
  g_rc_box_release_full (run, (GDestroyNotify) run_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_unref)

static gboolean
run_is_cancelled (Run *run)
{
  return g_cancellable_is_cancelled (run->cancellable);
}

static void
run_report_error (Run          *run,
                  const char   *what,
                  const GError *error)
{
  g_message ("Could not %s: %s", what, error->message);
  g_signal_emit (run->owner, signals[REQUEST_FAILED], 0, error);
}

static void
run_done_one (Run *run)
{
  HearthSessionResync *self;

  g_assert (run->pending > 0);

  if (--run->pending > 0 || run_is_cancelled (run))
    return;

  self = run->owner;
  g_debug ("Resync done");

  if (self->run == run)
    g_clear_pointer (&self->run, run_unref);

  /* After the catch-ups: the store takes a last message from GET /chats as known, so the
   * pages go in first and the chats find those messages in place. */
  if (run->chats != NULL)
    hearth_store_apply_chats (self->store, run->chats);

  hearth_outbox_flush (self->outbox);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
catch_up_free (CatchUp *cu)
{
  if (cu == NULL)
    return;

  g_clear_pointer (&cu->run, run_unref);
  g_free (cu->chat_id);
  g_free (cu->after);
  g_free (cu);
}

/* Ends a catch-up (consumes @cu). */
static void
catch_up_finish (CatchUp *cu)
{
  g_autoptr(Run) run = run_ref (cu->run);

  catch_up_free (cu);
  run_done_one (run);
}

static void catch_up_fetch (CatchUp *cu);

static void
catch_up_page_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CatchUp *cu = user_data;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  HearthSessionResync *self;

  page = hearth_api_list_messages_finish (HEARTH_API (object), result, &error);

  if (run_is_cancelled (cu->run))
    {
      catch_up_finish (cu);
      return;
    }

  self = cu->run->owner;

  if (page == NULL)
    {
      g_autofree char *what = g_strdup_printf ("catch up with %s", cu->chat_id);

      run_report_error (cu->run, what, error);
      catch_up_finish (cu);
      return;
    }

  g_debug ("Caught up %u messages of %s", page->len, cu->chat_id);
  hearth_store_apply_messages (self->store, cu->chat_id, page);

  /* After a cursor, the page holds the oldest newer messages: a full one means more. */
  if (cu->after != NULL && page->len > 0 && page->len >= self->page_size)
    {
      HearthMessage *last = g_ptr_array_index (page, page->len - 1);

      if (hearth_message_get_id (last) != NULL &&
          hearth_set_str (&cu->after, hearth_message_get_id (last)))
        {
          catch_up_fetch (cu);
          return;
        }
    }

  catch_up_finish (cu);
}

/* Fetches the next page (consumes @cu). Without a cursor: the newest page. */
static void
catch_up_fetch (CatchUp *cu)
{
  HearthSessionResync *self = cu->run->owner;

  hearth_api_list_messages_async (self->api, cu->chat_id, NULL, cu->after,
                                  self->page_size, cu->run->cancellable,
                                  catch_up_page_cb, cu);
}

/* The newest message with a server id known for @chat_id: the chat's last message, else the
 * newest sent one of its history (the last message may be a queued one of mine). */
static char *
resync_dup_cursor (HearthSessionResync *self,
                   const char          *chat_id,
                   HearthMessageList   *list)
{
  HearthChat *chat = hearth_store_lookup_chat (self->store, chat_id);
  HearthMessage *last = chat != NULL ? hearth_chat_get_last_message (chat) : NULL;

  if (last != NULL && hearth_message_get_id (last) != NULL &&
      hearth_message_get_state (last) == HEARTH_MESSAGE_SENT)
    return g_strdup (hearth_message_get_id (last));

  if (list != NULL && (last = hearth_message_list_get_newest_sent (list)) != NULL)
    return g_strdup (hearth_message_get_id (last));

  return NULL;
}

static void
chats_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(GError) error = NULL;

  run->chats = hearth_api_list_chats_finish (HEARTH_API (object), result, &error);

  if (run_is_cancelled (run))
    return;

  if (run->chats == NULL)
    run_report_error (run, "fetch the chats", error);
  else
    g_debug ("Resync: %u chats", run->chats->len);

  run_done_one (run);
}

/* Starts the catch-up of @chat_id from @after (transfer full; NULL: the newest page). */
static void
run_catch_up (Run        *run,
              const char *chat_id,
              char       *after)
{
  CatchUp *cu = g_new0 (CatchUp, 1);

  cu->run = run_ref (run);
  cu->chat_id = g_strdup (chat_id);
  cu->after = after;
  run->pending++;
  catch_up_fetch (cu);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* GObject. */

static void
hearth_session_resync_dispose (GObject *object)
{
  HearthSessionResync *self = (HearthSessionResync *)object;

  hearth_session_resync_cancel (self);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->api);
  g_clear_pointer (&self->lists, g_hash_table_unref);

  G_OBJECT_CLASS (hearth_session_resync_parent_class)->dispose (object);
}

static void
hearth_session_resync_class_init (HearthSessionResyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hearth_session_resync_dispose;

  signals[FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[REQUEST_FAILED] =
    g_signal_new ("request-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
hearth_session_resync_init (HearthSessionResync *self)
{
  self->lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) weak_ref_free);
  self->page_size = HEARTH_SESSION_RESYNC_PAGE_SIZE;
}

/* Public API. */

HearthSessionResync *
hearth_session_resync_new (HearthApi    *api,
                           HearthStore  *store,
                           HearthOutbox *outbox)
{
  HearthSessionResync *self;

  g_return_val_if_fail (HEARTH_IS_API (api), NULL);
  g_return_val_if_fail (HEARTH_IS_STORE (store), NULL);
  g_return_val_if_fail (HEARTH_IS_OUTBOX (outbox), NULL);

  self = g_object_new (HEARTH_TYPE_SESSION_RESYNC, NULL);
  self->api = g_object_ref (api);
  self->store = g_object_ref (store);
  self->outbox = g_object_ref (outbox);

  return self;
}

void
hearth_session_resync_set_page_size (HearthSessionResync *self,
                                     guint                page_size)
{
  g_return_if_fail (HEARTH_IS_SESSION_RESYNC (self));

  if (page_size > 0)
    self->page_size = page_size;
}

void
hearth_session_resync_track (HearthSessionResync *self,
                             const char          *chat_id,
                             HearthMessageList   *list)
{
  GWeakRef *ref;

  g_return_if_fail (HEARTH_IS_SESSION_RESYNC (self));
  g_return_if_fail (chat_id != NULL);
  g_return_if_fail (HEARTH_IS_MESSAGE_LIST (list));

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, list);
  g_hash_table_replace (self->lists, g_strdup (chat_id), ref);
}

void
hearth_session_resync_start (HearthSessionResync *self,
                             const char          *open_chat_id)
{
  g_autoptr(Run) run = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (HEARTH_IS_SESSION_RESYNC (self));

  hearth_session_resync_cancel (self);

  g_debug ("Connected: resync");

  run = g_rc_box_new0 (Run);
  run->owner = self;
  run->cancellable = g_cancellable_new ();
  run->pending = 1;
  self->run = run_ref (run);

  hearth_api_list_chats_async (self->api, run->cancellable, chats_cb, run_ref (run));

  /* The open chat and every history still shown, from the newest message known now. */
  if (open_chat_id != NULL && hearth_store_lookup_chat (self->store, open_chat_id))
    {
      GWeakRef *ref = g_hash_table_lookup (self->lists, open_chat_id);
      g_autoptr(HearthMessageList) list = ref != NULL ? g_weak_ref_get (ref) : NULL;

      run_catch_up (run, open_chat_id, resync_dup_cursor (self, open_chat_id, list));
    }

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(HearthMessageList) list = g_weak_ref_get (value);

      if (list == NULL)
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      if (g_strcmp0 (key, open_chat_id) == 0 || !hearth_store_lookup_chat (self->store, key))
        continue;

      run_catch_up (run, key, resync_dup_cursor (self, key, list));
    }
}

void
hearth_session_resync_cancel (HearthSessionResync *self)
{
  g_return_if_fail (HEARTH_IS_SESSION_RESYNC (self));

  if (self->run == NULL)
    return;

  g_cancellable_cancel (self->run->cancellable);
  g_clear_pointer (&self->run, run_unref);
}
