/* hearth-database-files.c: where an account's database lives, and deleting its files
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

char *
hearth_database_dup_account_dir (const char  *server_url,
                                 const char  *user_id,
                                 gboolean     create,
                                 GError     **error)
{
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *input = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (server_url != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = g_strdup_printf ("%s\n%s", server_url, user_id);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) input, -1);
  hash = g_strndup (g_checksum_get_string (checksum), 32);
  dir = g_build_filename (g_get_user_data_dir (), "hearth", hash, NULL);

  if (create)
    {
      /* Also tightens a directory that exists already: it holds private messages. */
      if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, HEARTH_DATABASE_ERROR, HEARTH_DATABASE_ERROR_OPEN,
                       "Could not create the directory %s: %s", dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&dir);
}

gboolean
hearth_database_delete_files (HearthDatabase  *self,
                              GError         **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  const char *path;

  g_return_val_if_fail (HEARTH_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  hearth_database_close (self);

  path = hearth_database_get_path (self);
  if (g_str_equal (path, ":memory:"))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not delete %s: %s", file, g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}
