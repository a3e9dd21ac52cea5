/* test-avatar-cache.c: HearthAvatarCache against a loopback SoupServer
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "hearth-avatar-cache.h"
#include "hearth-test-util.h"

/* A 1×1 transparent PNG. */
static const guint8 png_data[] = {
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
  0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f,
  0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00,
  0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49,
  0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

#define BIG_SIZE (6 * 1024 * 1024)
#define HTML "<!doctype html><title>Sign in</title><p>Not a picture</p>"

typedef struct
{
  SoupServer        *server;
  GSocketService    *service;    /* accepts for the server (see fixture_set_up) */
  char              *base;       /* "http://127.0.0.1:PORT/" */
  GBytes            *big;        /* 6 MiB starting like a PNG */
  guint              requests;   /* every request the server saw */
  guint              queued;     /* every request the client session queued */
  SoupSession       *session;
  HearthAvatarCache *cache;
} Fixture;

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} Wait;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  g_assert_false (wait->done);
  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->result);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Wait, wait_clear)

static void
set_body (SoupServerMessage *msg,
          const char        *content_type,
          gconstpointer      data,
          gsize              len)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, len);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;

  f->requests++;

  if (g_str_equal (path, "/ok.png"))
    set_body (msg, "image/png", png_data, sizeof png_data);
  else if (g_str_equal (path, "/big.png"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             "image/png", NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), f->big);
    }
  else if (g_str_equal (path, "/big-chunked.png"))
    {
      /* No Content-Length: the client only finds out by reading. */
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
      SoupMessageBody *body = soup_server_message_get_response_body (msg);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (headers, "image/png", NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      for (gsize offset = 0; offset < BIG_SIZE; offset += 256 * 1024)
        {
          g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (f->big, offset, 256 * 1024);

          soup_message_body_append_bytes (body, chunk);
        }
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/page.html"))
    set_body (msg, "text/html", HTML, strlen (HTML));
  else if (g_str_equal (path, "/png-as-text.png"))
    set_body (msg, "text/plain", png_data, sizeof png_data);
  else if (g_str_equal (path, "/png-as-jpeg.jpg"))
    set_body (msg, "image/jpeg", png_data, sizeof png_data);
  else if (g_str_equal (path, "/html-as-png.png"))
    set_body (msg, "image/png", HTML, strlen (HTML));
  else if (g_str_equal (path, "/redirect"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/ok.png");
  else if (g_str_equal (path, "/redirect-insecure"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "http://example.com/a.png");
  else if (g_str_equal (path, "/redirect-loop"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/redirect-loop");
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
request_queued_cb (SoupSession *session,
                   SoupMessage *msg,
                   Fixture     *f)
{
  f->queued++;
}

static HearthAvatarCache *
new_cache (Fixture *f,
           guint    memory_limit)
{
  return g_object_new (HEARTH_TYPE_AVATAR_CACHE,
                       "session", f->session,
                       "memory-limit", memory_limit,
                       NULL);
}

/* Removes @path and, if it is a directory, what it holds. */
static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source_object,
                gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  if (f->server == NULL)
    return FALSE;

  soup_server_accept_iostream (f->server, G_IO_STREAM (connection), local, remote, &error);
  g_assert_no_error (error);

  return TRUE;
}

/* The server stops: no more connections, the open ones closed. */
static void
stop_server (Fixture *f)
{
  g_socket_service_stop (f->service);
  g_socket_listener_close (G_SOCKET_LISTENER (f->service));
  g_clear_object (&f->service);
  soup_server_disconnect (f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (g_steal_pointer (&f->server));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  guint8 *big;

  /* The server accepts through a GSocketService of ours, as the reference server does:
   * libsoup 3.2's own listener leaks its sockets under LeakSanitizer. */
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, server_cb, f, NULL);
  f->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (f->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  g_signal_connect (f->service, "incoming", G_CALLBACK (on_incoming_cb), f);
  g_socket_service_start (f->service);
  f->base = g_strdup_printf ("http://127.0.0.1:%u/",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));

  big = g_malloc0 (BIG_SIZE);
  memcpy (big, png_data, sizeof png_data);
  f->big = g_bytes_new_take (big, BIG_SIZE);

  f->session = soup_session_new ();
  g_signal_connect (f->session, "request-queued", G_CALLBACK (request_queued_cb), f);
  f->cache = new_cache (f, 16 * 1024 * 1024);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->cache));
  g_clear_object (&f->session);
  /* Closed client connections reach the server's sources only in a main-loop turn. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (f->server != NULL)
    stop_server (f);
  g_bytes_unref (f->big);
  g_free (f->base);

  /* Every test starts with an empty disk cache. */
  {
    g_autofree char *hearth_dir = g_build_filename (g_get_user_cache_dir (), "hearth", NULL);

    remove_tree (hearth_dir);
  }
}

static char *
url_for (Fixture    *f,
         const char *path)
{
  return g_strconcat (f->base, path, NULL);
}

static GBytes *
load_url (HearthAvatarCache  *cache,
          const char         *url,
          GError            **error)
{
  g_auto(Wait) wait = { NULL, FALSE };

  hearth_avatar_cache_load_async (cache, url, NULL, result_cb, &wait);
  g_assert_true (hearth_test_wait_for_flag (&wait.done, 20000));

  return hearth_avatar_cache_load_finish (cache, wait.result, error);
}

/* Loads @path of the test server. */
static GBytes *
load (Fixture            *f,
      HearthAvatarCache  *cache,
      const char         *path,
      GError            **error)
{
  g_autofree char *url = url_for (f, path);

  return load_url (cache, url, error);
}

static void
assert_png (GBytes *bytes)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   png_data, sizeof png_data);
}

static char *
cache_path_for (const char *url)
{
  g_autofree char *key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);

  return g_build_filename (g_get_user_cache_dir (), "hearth", "avatars", key, NULL);
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
assert_not_cached (Fixture    *f,
                   const char *path)
{
  g_autofree char *url = url_for (f, path);
  g_autofree char *file = cache_path_for (url);

  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

static void
test_fetch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autofree char *url = url_for (f, "ok.png");
  g_autofree char *file = cache_path_for (url);
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *hearth_dir = g_path_get_dirname (dir);
  g_autofree char *contents = NULL;
  gsize len = 0;

  bytes = load_url (f->cache, url, &error);
  g_assert_no_error (error);
  assert_png (bytes);
  g_assert_cmpuint (f->requests, ==, 1);

  /* On disk under $XDG_CACHE_HOME/hearth/avatars/<sha256(url)>, private. */
  g_assert_true (g_file_get_contents (file, &contents, &len, NULL));
  g_assert_cmpmem (contents, len, png_data, sizeof png_data);
  assert_mode (file, 0600);
  assert_mode (dir, 0700);
  assert_mode (hearth_dir, 0700);

  /* Again: from memory, no request (and no disk either: the file is gone). */
  g_assert_cmpint (g_unlink (file), ==, 0);
  again = load_url (f->cache, url, &error);
  g_assert_no_error (error);
  assert_png (again);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpuint (f->queued, ==, 1);
}

static void
test_disk_cache (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(HearthAvatarCache) fresh = NULL;
  g_autofree char *url = url_for (f, "ok.png");

  first = load_url (f->cache, url, &error);
  g_assert_no_error (error);
  assert_png (first);
  g_assert_cmpuint (f->requests, ==, 1);

  /* The server goes away; a new cache (empty memory) still has the picture, from disk. */
  stop_server (f);

  fresh = new_cache (f, 16 * 1024 * 1024);
  second = load_url (fresh, url, &error);
  g_assert_no_error (error);
  assert_png (second);
  g_assert_cmpuint (f->queued, ==, 1);

  /* A damaged cache file is not served: it is dropped and fetched again (here: fails). */
  g_clear_pointer (&second, g_bytes_unref);
  g_assert_finalize_object (g_steal_pointer (&fresh));
  {
    g_autofree char *file = cache_path_for (url);

    g_assert_true (g_file_set_contents (file, HTML, -1, NULL));
    fresh = new_cache (f, 16 * 1024 * 1024);
    second = load_url (fresh, url, &error);
    g_assert_null (second);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
    g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (f->queued, ==, 2);
  }
  g_assert_finalize_object (g_steal_pointer (&fresh));
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  const char *paths[] = { "big.png", "big-chunked.png" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      bytes = load (f, f->cache, paths[i], &error);
      g_assert_error (error, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_TOO_LARGE);
      g_assert_null (bytes);
      assert_not_cached (f, paths[i]);
    }
  g_assert_cmpuint (f->requests, ==, 2);

  /* Just at the limit is fine. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = NULL;
    guint8 *limit = g_malloc0 (HEARTH_AVATAR_CACHE_MAX_SIZE);

    memcpy (limit, png_data, sizeof png_data);
    g_bytes_unref (f->big);
    f->big = g_bytes_new_take (limit, HEARTH_AVATAR_CACHE_MAX_SIZE);
    bytes = load (f, f->cache, "big.png", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (bytes), ==, HEARTH_AVATAR_CACHE_MAX_SIZE);
  }
}

static void
test_not_an_image (Fixture       *f,
                   gconstpointer  data)
{
  /* HTML as HTML; a PNG said to be text; a PNG said to be a JPEG; HTML said to be a PNG. */
  const char *paths[] = { "page.html", "png-as-text.png", "png-as-jpeg.jpg", "html-as-png.png" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      bytes = load (f, f->cache, paths[i], &error);
      g_assert_error (error, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_NOT_AN_IMAGE);
      g_assert_null (bytes);
      assert_not_cached (f, paths[i]);
    }
  g_assert_cmpuint (f->requests, ==, G_N_ELEMENTS (paths));
}

static void
test_http_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = load (f, f->cache, "missing.png", &error);
  g_assert_error (error, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "404"));
  g_assert_null (bytes);
  assert_not_cached (f, "missing.png");
  g_clear_error (&error);

  /* Errors are not cached: the next load asks again. */
  bytes = load (f, f->cache, "missing.png", &error);
  g_assert_error (error, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_HTTP);
  g_assert_cmpuint (f->requests, ==, 2);
}

static void
test_url_policy (Fixture       *f,
                 gconstpointer  data)
{
  const struct {
    const char *url;
    int         code;
  } refused[] = {
    { "http://example.com/a.png", HEARTH_AVATAR_CACHE_ERROR_INSECURE },
    { "HTTP://Example.COM/a.png", HEARTH_AVATAR_CACHE_ERROR_INSECURE },
    { "http://127.0.0.1.example.com/a.png", HEARTH_AVATAR_CACHE_ERROR_INSECURE },
    { "http://localhost.example.com/a.png", HEARTH_AVATAR_CACHE_ERROR_INSECURE },
    { "http://10.0.0.1/a.png", HEARTH_AVATAR_CACHE_ERROR_INSECURE },
    { "http://[::ffff:8.8.8.8]/a.png", HEARTH_AVATAR_CACHE_ERROR_INSECURE },
    { "ftp://example.com/a.png", HEARTH_AVATAR_CACHE_ERROR_INVALID_URL },
    { "file:///etc/passwd", HEARTH_AVATAR_CACHE_ERROR_INVALID_URL },
    { "not a url", HEARTH_AVATAR_CACHE_ERROR_INVALID_URL },
    { "https:///a.png", HEARTH_AVATAR_CACHE_ERROR_INVALID_URL },
  };
  /* Loopback over plain http is allowed: these reach the network (nothing listens there). */
  const char *loopback[] = {
    "http://127.0.0.2:9/a.png", "http://[::1]:9/a.png", "http://localhost:9/a.png",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = load_url (f->cache, refused[i].url, &error);

      g_test_message ("%s", refused[i].url);
      g_assert_error (error, HEARTH_AVATAR_CACHE_ERROR, refused[i].code);
      g_assert_null (bytes);
    }
  /* Refused without touching the network. */
  g_assert_cmpuint (f->queued, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (loopback); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = load_url (f->cache, loopback[i], &error);

      g_test_message ("%s: %s", loopback[i], error != NULL ? error->message : "fetched");
      g_assert_null (bytes);
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR);
    }
  g_assert_cmpuint (f->queued, ==, G_N_ELEMENTS (loopback));
}

static void
test_redirect (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = load (f, f->cache, "redirect", &error);
  g_assert_no_error (error);
  assert_png (bytes);
  g_assert_cmpuint (f->requests, ==, 2);

  /* A redirect to plain http elsewhere is refused before it is followed. */
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = load (f, f->cache, "redirect-insecure", &error);
  g_assert_error (error, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_INSECURE);
  g_assert_cmpuint (f->requests, ==, 3);
  g_assert_cmpuint (f->queued, ==, 3);
  g_clear_error (&error);

  bytes = load (f, f->cache, "redirect-loop", &error);
  g_assert_error (error, HEARTH_AVATAR_CACHE_ERROR, HEARTH_AVATAR_CACHE_ERROR_HTTP);
  g_assert_cmpuint (f->requests, ==, 3 + 6);
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Wait) first = { NULL, FALSE };
  g_auto(Wait) second = { NULL, FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes1 = NULL;
  g_autoptr(GBytes) bytes2 = NULL;
  g_autofree char *url = url_for (f, "ok.png");

  hearth_avatar_cache_load_async (f->cache, url, NULL, result_cb, &first);
  hearth_avatar_cache_load_async (f->cache, url, NULL, result_cb, &second);
  g_assert_true (hearth_test_wait_for_flag (&first.done, 20000));
  g_assert_true (hearth_test_wait_for_flag (&second.done, 20000));

  bytes1 = hearth_avatar_cache_load_finish (f->cache, first.result, &error);
  g_assert_no_error (error);
  bytes2 = hearth_avatar_cache_load_finish (f->cache, second.result, &error);
  g_assert_no_error (error);
  assert_png (bytes1);
  assert_png (bytes2);
  g_assert_cmpuint (f->requests, ==, 1);
  g_assert_cmpuint (f->queued, ==, 1);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *url = url_for (f, "ok.png");

  /* One of two waiters leaves: it gets CANCELLED, the other still gets the picture. */
  {
    g_auto(Wait) leaving = { NULL, FALSE };
    g_auto(Wait) staying = { NULL, FALSE };

    hearth_avatar_cache_load_async (f->cache, url, cancellable, result_cb, &leaving);
    hearth_avatar_cache_load_async (f->cache, url, NULL, result_cb, &staying);
    g_cancellable_cancel (cancellable);
    g_assert_true (hearth_test_wait_for_flag (&leaving.done, 20000));
    g_assert_true (hearth_test_wait_for_flag (&staying.done, 20000));

    bytes = hearth_avatar_cache_load_finish (f->cache, leaving.result, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (bytes);
    g_clear_error (&error);
    bytes = hearth_avatar_cache_load_finish (f->cache, staying.result, &error);
    g_assert_no_error (error);
    assert_png (bytes);
    g_assert_cmpuint (f->queued, ==, 1);
  }

  /* The only waiter leaves: the download stops, and a later load starts a new one. */
  {
    g_auto(Wait) only = { NULL, FALSE };
    g_autoptr(GCancellable) other = g_cancellable_new ();
    g_autofree char *url2 = url_for (f, "ok.png?size=64");

    g_clear_pointer (&bytes, g_bytes_unref);
    hearth_avatar_cache_load_async (f->cache, url2, other, result_cb, &only);
    g_cancellable_cancel (other);
    g_assert_true (hearth_test_wait_for_flag (&only.done, 20000));
    bytes = hearth_avatar_cache_load_finish (f->cache, only.result, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);

    bytes = load_url (f->cache, url2, &error);
    g_assert_no_error (error);
    assert_png (bytes);
  }
}

static void
test_memory_lru (Fixture       *f,
                 gconstpointer  data)
{
  const char *paths[] = { "ok.png?u=a", "ok.png?u=b", "ok.png?u=c" };

  g_assert_finalize_object (g_steal_pointer (&f->cache));
  /* Room for two pictures. */
  f->cache = new_cache (f, 2 * sizeof png_data);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = load (f, f->cache, paths[i], &error);
      g_autofree char *url = url_for (f, paths[i]);
      g_autofree char *file = cache_path_for (url);

      g_assert_no_error (error);
      assert_png (bytes);
      /* Only memory is left to serve it again. */
      g_assert_cmpint (g_unlink (file), ==, 0);
    }
  g_assert_cmpuint (f->requests, ==, 3);

  /* c and b are in memory (b becomes the most recent); a was evicted. */
  for (guint i = 3; i-- > 1;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = load (f, f->cache, paths[i], &error);

      g_assert_no_error (error);
      assert_png (bytes);
    }
  g_assert_cmpuint (f->requests, ==, 3);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = load (f, f->cache, paths[0], &error);

    g_assert_no_error (error);
    assert_png (bytes);
    g_assert_cmpuint (f->requests, ==, 4);
  }

  /* Loading a evicted c, the least recently used; b stays. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) b = load (f, f->cache, paths[1], &error);
    g_autoptr(GBytes) c = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (f->requests, ==, 4);
    c = load (f, f->cache, paths[2], &error);
    g_assert_no_error (error);
    g_assert_cmpuint (f->requests, ==, 5);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = NULL;
  int status;

  /* The default cache location, $XDG_CACHE_HOME/hearth/avatars, in a throwaway directory.
   * (Not G_TEST_OPTION_ISOLATE_DIRS: it also hides the GSettings schemas that GIO's proxy
   * resolver reads.) */
  cache_home = g_dir_make_tmp ("hearth-test-avatar-cache-XXXXXX", NULL);
  g_assert_nonnull (cache_home);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/Hearth/AvatarCache/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("fetch", test_fetch);
  ADD ("disk-cache", test_disk_cache);
  ADD ("too-large", test_too_large);
  ADD ("not-an-image", test_not_an_image);
  ADD ("http-error", test_http_error);
  ADD ("url-policy", test_url_policy);
  ADD ("redirect", test_redirect);
  ADD ("concurrent", test_concurrent);
  ADD ("cancel", test_cancel);
  ADD ("memory-lru", test_memory_lru);
#undef ADD

  status = g_test_run ();
  remove_tree (cache_home);

  return status;
}
