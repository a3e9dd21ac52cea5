/* hearth-avatar-cache.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-avatar-cache"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "hearth-avatar-cache.h"

#define DEFAULT_MEMORY_LIMIT (16 * 1024 * 1024)
#define READ_CHUNK           (64 * 1024)
#define MAX_REDIRECTS        5

struct _HearthAvatarCache
{
  GObject      parent_instance;

  /* owned */
  SoupSession *session;
  char        *cache_dir;
  GHashTable  *memory;      /* url -> GList link of lru (MemoryEntry) */
  GQueue       lru;         /* MemoryEntry, most recently used first */
  GHashTable  *downloads;   /* url -> Download (borrowed: a download owns itself) */

  gsize        memory_size;
  guint        memory_limit;
};

G_DEFINE_FINAL_TYPE (HearthAvatarCache, hearth_avatar_cache, G_TYPE_OBJECT)

G_DEFINE_QUARK (hearth-avatar-cache-error-quark, hearth_avatar_cache_error)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CACHE_DIR,
  PROP_MEMORY_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char   *url;
  GBytes *bytes;
} MemoryEntry;

typedef struct _Download Download;

typedef struct
{
  Download *download;       /* borrowed: it owns the waiter */
  GTask    *task;
  GSource  *cancel_source;  /* fires when the caller cancels */
} Waiter;

/* One fetch of one URL, shared by every load of it that comes while it runs. It lives until
 * its last step has run, also after its waiters left. */
struct _Download
{
  HearthAvatarCache *self;         /* strong */
  char              *url;
  char              *path;
  GUri              *uri;          /* the current one: redirects change it */
  gboolean           started_loopback;
  guint              redirects;
  GCancellable      *cancellable;  /* cancelled when no waiter is left */
  GPtrArray         *waiters;
  SoupMessage       *message;
  GInputStream      *stream;
  GByteArray        *body;
  char              *content_type;
  gboolean           in_table;
};

static const char * const image_types[] = {
  "image/png", "image/jpeg", "image/webp", "image/gif", NULL,
};

/* ---- the policy ---- */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Parses @url and applies the scheme rule: https anywhere, http only on loopback. */
static GUri *
check_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_INVALID_URL,
                   "“%s” is not the web address of a picture", url);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_set_error (error, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_INSECURE,
                   "Refusing to fetch a picture from %s over plain http: only https is used",
                   host);
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* Which picture type the first bytes are, or NULL. */
static const char *
sniff_image_type (const guint8 *data,
                  gsize         len)
{
  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (len >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (len >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";

  return NULL;
}

/* ---- the memory cache ---- */

static void
memory_entry_free (MemoryEntry *entry)
{
  g_free (entry->url);
  g_bytes_unref (entry->bytes);
  g_free (entry);
}

static void
memory_remove_link (HearthAvatarCache *self,
                    GList             *link)
{
  MemoryEntry *entry = link->data;

  self->memory_size -= g_bytes_get_size (entry->bytes);
  g_hash_table_remove (self->memory, entry->url);
  g_queue_delete_link (&self->lru, link);
  memory_entry_free (entry);
}

static GBytes *
memory_lookup (HearthAvatarCache *self,
               const char        *url)
{
  GList *link = g_hash_table_lookup (self->memory, url);

  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return g_bytes_ref (((MemoryEntry *) link->data)->bytes);
}

static void
memory_insert (HearthAvatarCache *self,
               const char        *url,
               GBytes            *bytes)
{
  GList *link = g_hash_table_lookup (self->memory, url);
  MemoryEntry *entry;

  if (link != NULL)
    memory_remove_link (self, link);

  if (g_bytes_get_size (bytes) > self->memory_limit)
    return;

  entry = g_new0 (MemoryEntry, 1);
  entry->url = g_strdup (url);
  entry->bytes = g_bytes_ref (bytes);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->memory, entry->url, self->lru.head);
  self->memory_size += g_bytes_get_size (bytes);

  while (self->memory_size > self->memory_limit)
    memory_remove_link (self, self->lru.tail);
}

static void
memory_clear (HearthAvatarCache *self)
{
  while (self->lru.tail != NULL)
    memory_remove_link (self, self->lru.tail);
}

/* ---- the disk cache (on a worker thread) ---- */

typedef struct
{
  char   *path;
  GBytes *bytes;
} DiskJob;

static void
disk_job_free (DiskJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_free (job);
}

static void
disk_read_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DiskJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (job->path, &contents, &len, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Cannot read %s: %s", job->path, error->message);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* Whatever is on disk gets the same scrutiny as what comes from the network. */
  if (len > HEARTH_AVATAR_CACHE_MAX_SIZE || sniff_image_type ((guint8 *) contents, len) == NULL)
    {
      g_debug ("Discarding %s: not a picture", job->path);
      g_unlink (job->path);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_task_return_pointer (task, g_bytes_new_take (g_steal_pointer (&contents), len),
                         (GDestroyNotify) g_bytes_unref);
}

static void
disk_write_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  DiskJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (job->path);
  gsize len = 0;
  const char *data = g_bytes_get_data (job->bytes, &len);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "Cannot create %s: %s", dir, g_strerror (saved_errno));
      return;
    }
  /* It may have been made by someone less careful. */
  if (g_chmod (dir, 0700) != 0)
    g_debug ("Cannot restrict %s: %s", dir, g_strerror (errno));

  if (!g_file_set_contents_full (job->path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* ---- downloads ---- */

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
download_free (Download *download)
{
  g_assert (!download->in_table);

  g_ptr_array_unref (download->waiters);
  g_clear_object (&download->stream);
  g_clear_object (&download->message);
  g_clear_object (&download->cancellable);
  g_clear_pointer (&download->body, g_byte_array_unref);
  g_clear_pointer (&download->uri, g_uri_unref);
  g_free (download->content_type);
  g_free (download->path);
  g_free (download->url);
  g_clear_object (&download->self);
  g_free (download);
}

static void
download_leave_table (Download *download)
{
  if (download->in_table)
    {
      g_hash_table_remove (download->self->downloads, download->url);
      download->in_table = FALSE;
    }
}

/* The end of every download: hands @bytes (or @error) to whoever still waits, then frees
 * @download. Takes @error. */
static void
download_complete (Download *download,
                   GBytes   *bytes,
                   GError   *error)
{
  g_autoptr(GError) owned_error = error;
  g_autoptr(GPtrArray) waiters = NULL;

  download_leave_table (download);

  if (bytes != NULL)
    memory_insert (download->self, download->url, bytes);

  waiters = g_steal_pointer (&download->waiters);
  download->waiters = g_ptr_array_new ();
  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      if (bytes != NULL)
        g_task_return_pointer (waiter->task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
      else
        g_task_return_error (waiter->task, g_error_copy (owned_error));
    }

  download_free (download);
}

static void
download_fail (Download   *download,
               GQuark      domain,
               int         code,
               const char *format,
               ...) G_GNUC_PRINTF (4, 5);

static void
download_fail (Download   *download,
               GQuark      domain,
               int         code,
               const char *format,
               ...)
{
  va_list args;
  GError *error;

  va_start (args, format);
  error = g_error_new_valist (domain, code, format, args);
  va_end (args);

  download_complete (download, NULL, error);
}

static void
disk_write_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Download *download = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_bytes_ref (((DiskJob *) g_task_get_task_data (G_TASK (result)))->bytes);

  /* Not fatal: the picture is good, it will only be fetched again next time. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Cannot cache a picture in %s: %s", download->path, error->message);

  download_complete (download, bytes, NULL);
}

static void
download_body_done (Download *download)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GTask) task = NULL;
  DiskJob *job;
  const char *type;

  g_clear_object (&download->stream);

  type = sniff_image_type (download->body->data, download->body->len);
  if (type == NULL)
    {
      download_fail (download, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_NOT_AN_IMAGE,
                     "The picture at %s is not a PNG, JPEG, WebP or GIF image", download->url);
      return;
    }
  if (strcmp (type, download->content_type) != 0)
    {
      download_fail (download, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_NOT_AN_IMAGE,
                     "The picture at %s was announced as %s but is %s",
                     download->url, download->content_type, type);
      return;
    }

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&download->body));

  job = g_new0 (DiskJob, 1);
  job->path = g_strdup (download->path);
  job->bytes = g_bytes_ref (bytes);
  task = g_task_new (NULL, NULL, disk_write_cb, download);
  g_task_set_source_tag (task, download_body_done);
  g_task_set_task_data (task, job, (GDestroyNotify) disk_job_free);
  g_task_run_in_thread (task, disk_write_thread);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Download *download = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize len;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      download_complete (download, NULL, g_steal_pointer (&error));
      return;
    }

  len = g_bytes_get_size (chunk);
  if (len == 0)
    {
      download_body_done (download);
      return;
    }

  /* Stop reading as soon as it is too much: dropping the stream drops the connection. */
  if (download->body->len + len > HEARTH_AVATAR_CACHE_MAX_SIZE)
    {
      download_fail (download, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_TOO_LARGE,
                     "The picture at %s is larger than %u MiB", download->url,
                     HEARTH_AVATAR_CACHE_MAX_SIZE / (1024 * 1024));
      return;
    }

  g_byte_array_append (download->body, g_bytes_get_data (chunk, NULL), len);
  g_input_stream_read_bytes_async (download->stream, READ_CHUNK, G_PRIORITY_LOW,
                                   download->cancellable, read_cb, download);
}

static void download_fetch (Download *download);

static void
download_redirect (Download *download)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) target = NULL;
  g_autofree char *target_url = NULL;
  SoupMessageHeaders *headers = soup_message_get_response_headers (download->message);
  const char *location = soup_message_headers_get_one (headers, "Location");

  if (++download->redirects > MAX_REDIRECTS || location == NULL)
    {
      download_fail (download, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_HTTP,
                     "Cannot fetch the picture at %s: %s", download->url,
                     location == NULL ? "a redirect without a destination" : "too many redirects");
      return;
    }

  target = g_uri_parse_relative (download->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  target_url = target != NULL ? g_uri_to_string (target) : g_strdup (location);
  g_clear_pointer (&target, g_uri_unref);

  /* The same rules as for the first URL, and a remote server may not send us to one of this
   * machine's own services. */
  target = check_url (target_url, &error);
  if (target == NULL)
    {
      download_complete (download, NULL, g_steal_pointer (&error));
      return;
    }
  if (!download->started_loopback && host_is_loopback (g_uri_get_host (target)))
    {
      download_fail (download, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_INSECURE,
                     "Refusing to follow %s from %s to this computer", download->url,
                     g_uri_get_host (download->uri));
      return;
    }

  g_clear_pointer (&download->uri, g_uri_unref);
  download->uri = g_steal_pointer (&target);
  g_clear_object (&download->stream);
  download_fetch (download);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Download *download = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  guint status;

  download->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (download->stream == NULL)
    {
      download_complete (download, NULL, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (download->message);
  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      download_redirect (download);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      download_fail (download, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_HTTP,
                     "Cannot fetch the picture at %s: the server answered %u %s", download->url,
                     status, soup_message_get_reason_phrase (download->message));
      return;
    }

  headers = soup_message_get_response_headers (download->message);
  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type == NULL || !g_strv_contains (image_types, content_type))
    {
      download_fail (download, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_NOT_AN_IMAGE,
                     "The server sent %s for the picture at %s, not an image",
                     content_type != NULL ? content_type : "no content type", download->url);
      return;
    }
  download->content_type = g_strdup (content_type);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > HEARTH_AVATAR_CACHE_MAX_SIZE)
    {
      download_fail (download, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_TOO_LARGE,
                     "The picture at %s is larger than %u MiB", download->url,
                     HEARTH_AVATAR_CACHE_MAX_SIZE / (1024 * 1024));
      return;
    }

  download->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (download->stream, READ_CHUNK, G_PRIORITY_LOW,
                                   download->cancellable, read_cb, download);
}

static void
download_fetch (Download *download)
{
  SoupMessageHeaders *headers;

  g_clear_object (&download->message);
  download->message = soup_message_new_from_uri (SOUP_METHOD_GET, download->uri);
  /* Redirects are followed by hand, so that each one passes check_url(). */
  soup_message_add_flags (download->message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (download->message);
  soup_message_headers_replace (headers, "Accept", "image/png, image/jpeg, image/webp, image/gif");

  soup_session_send_async (download->self->session, download->message, G_PRIORITY_LOW,
                           download->cancellable, send_cb, download);
}

static void
disk_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Download *download = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes != NULL)
    download_complete (download, bytes, NULL);
  else if (g_cancellable_set_error_if_cancelled (download->cancellable, &error))
    download_complete (download, NULL, g_steal_pointer (&error));
  else
    download_fetch (download);
}

static void
download_start (Download *download)
{
  g_autoptr(GTask) task = NULL;
  DiskJob *job;

  job = g_new0 (DiskJob, 1);
  job->path = g_strdup (download->path);
  task = g_task_new (NULL, NULL, disk_read_cb, download);
  g_task_set_source_tag (task, download_start);
  g_task_set_task_data (task, job, (GDestroyNotify) disk_job_free);
  g_task_run_in_thread (task, disk_read_thread);
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  Download *download = waiter->download;
  g_autoptr(GTask) task = g_object_ref (waiter->task);

  g_ptr_array_remove_fast (download->waiters, waiter);
  g_task_return_error_if_cancelled (task);

  /* Nobody else wants it: stop, and let a new load start afresh. */
  if (download->waiters->len == 0)
    {
      download_leave_table (download);
      g_cancellable_cancel (download->cancellable);
    }

  return G_SOURCE_REMOVE;
}

static void
download_add_waiter (Download *download,
                     GTask    *task)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->download = download;
  waiter->task = g_object_ref (task);
  if (cancellable != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb),
                             waiter, NULL);
      g_source_attach (waiter->cancel_source, g_task_get_context (task));
    }
  g_ptr_array_add (download->waiters, waiter);
}

/* ---- the object ---- */

static void
hearth_avatar_cache_constructed (GObject *object)
{
  HearthAvatarCache *self = (HearthAvatarCache *) object;

  G_OBJECT_CLASS (hearth_avatar_cache_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = soup_session_new_with_options ("user-agent", "Hearth/" PACKAGE_VERSION,
                                                   "timeout", 60,
                                                   NULL);
  if (self->cache_dir == NULL)
    self->cache_dir = g_build_filename (g_get_user_cache_dir (), "hearth", "avatars", NULL);
}

static void
hearth_avatar_cache_dispose (GObject *object)
{
  HearthAvatarCache *self = (HearthAvatarCache *) object;

  GHashTableIter iter;
  Download *download;

  /* Downloads hold a reference, so this only finds some after g_object_run_dispose(): they
   * end as cancelled (and keep the session until then, hence its release in finalize). */
  g_hash_table_iter_init (&iter, self->downloads);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &download))
    g_cancellable_cancel (download->cancellable);

  memory_clear (self);

  G_OBJECT_CLASS (hearth_avatar_cache_parent_class)->dispose (object);
}

static void
hearth_avatar_cache_finalize (GObject *object)
{
  HearthAvatarCache *self = (HearthAvatarCache *) object;

  g_clear_object (&self->session);
  g_hash_table_unref (self->memory);
  g_hash_table_unref (self->downloads);
  g_free (self->cache_dir);

  G_OBJECT_CLASS (hearth_avatar_cache_parent_class)->finalize (object);
}

static void
hearth_avatar_cache_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HearthAvatarCache *self = HEARTH_AVATAR_CACHE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;

    case PROP_MEMORY_LIMIT:
      g_value_set_uint (value, self->memory_limit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_avatar_cache_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HearthAvatarCache *self = HEARTH_AVATAR_CACHE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;

    case PROP_MEMORY_LIMIT:
      self->memory_limit = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hearth_avatar_cache_class_init (HearthAvatarCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hearth_avatar_cache_constructed;
  object_class->dispose = hearth_avatar_cache_dispose;
  object_class->finalize = hearth_avatar_cache_finalize;
  object_class->get_property = hearth_avatar_cache_get_property;
  object_class->set_property = hearth_avatar_cache_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MEMORY_LIMIT] =
    g_param_spec_uint ("memory-limit", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_MEMORY_LIMIT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hearth_avatar_cache_init (HearthAvatarCache *self)
{
  self->memory = g_hash_table_new (g_str_hash, g_str_equal);
  self->downloads = g_hash_table_new (g_str_hash, g_str_equal);
  self->memory_limit = DEFAULT_MEMORY_LIMIT;
}

HearthAvatarCache *
hearth_avatar_cache_new (SoupSession *session)
{
  g_return_val_if_fail (!session || SOUP_IS_SESSION (session), NULL);

  return g_object_new (HEARTH_TYPE_AVATAR_CACHE, "session", session, NULL);
}

void
hearth_avatar_cache_load_async (HearthAvatarCache   *self,
                                const char          *url,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *key = NULL;
  Download *download;

  g_return_if_fail (HEARTH_IS_AVATAR_CACHE (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hearth_avatar_cache_load_async);

  uri = check_url (url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  bytes = memory_lookup (self, url);
  if (bytes != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
      return;
    }

  download = g_hash_table_lookup (self->downloads, url);
  if (download != NULL)
    {
      download_add_waiter (download, task);
      return;
    }

  key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  download = g_new0 (Download, 1);
  download->self = g_object_ref (self);
  download->url = g_strdup (url);
  download->path = g_build_filename (self->cache_dir, key, NULL);
  download->uri = g_steal_pointer (&uri);
  download->started_loopback = host_is_loopback (g_uri_get_host (download->uri));
  download->cancellable = g_cancellable_new ();
  download->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  download->in_table = TRUE;
  g_hash_table_insert (self->downloads, download->url, download);

  download_add_waiter (download, task);
  download_start (download);
}

GBytes *
hearth_avatar_cache_load_finish (HearthAvatarCache  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (HEARTH_IS_AVATAR_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
