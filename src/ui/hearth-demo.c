/* hearth-demo.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "hearth-demo.h"
#include "hearth-server-cast.h"

struct _HearthDemo
{
  GObject       parent_instance;

  HearthServer     *server;
  HearthServerCast *cast;
  gboolean          cast_enabled;
  char             *url;
  char         *user_id;
  char         *token;
  char         *data_dir;
};

G_DEFINE_FINAL_TYPE (HearthDemo, hearth_demo, G_TYPE_OBJECT)

static void
delete_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFile *child;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) &&
         child != NULL)
    delete_tree (child);

  if (!g_file_delete (file, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("Could not delete the demo data %s: %s", g_file_peek_path (file), error->message);
}

static void
hearth_demo_finalize (GObject *object)
{
  HearthDemo *self = (HearthDemo *)object;

  hearth_demo_stop (self);

  G_OBJECT_CLASS (hearth_demo_parent_class)->finalize (object);
}

static void
hearth_demo_class_init (HearthDemoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hearth_demo_finalize;
}

static void
hearth_demo_init (HearthDemo *self)
{
  self->cast_enabled = TRUE;
}

HearthDemo *
hearth_demo_new (void)
{
  return g_object_new (HEARTH_TYPE_DEMO, NULL);
}

gboolean
hearth_demo_start (HearthDemo  *self,
                   GError     **error)
{
  g_autoptr(HearthServer) server = hearth_server_new ();
  g_autofree char *data_dir = NULL;
  const char *user_id;

  g_return_val_if_fail (HEARTH_IS_DEMO (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  if (!hearth_server_load_default_seed (server, error))
    return FALSE;

  user_id = hearth_server_get_default_user (server);
  if (user_id == NULL)
    {
      g_set_error_literal (error, HEARTH_SERVER_ERROR, HEARTH_SERVER_ERROR_SEED,
                           _("The demo cast names no user to sign in as"));
      return FALSE;
    }

  data_dir = g_dir_make_tmp ("hearth-demo-XXXXXX", error);
  if (data_dir == NULL)
    return FALSE;

  if (!hearth_server_listen (server, 0, error))
    {
      g_rmdir (data_dir);
      return FALSE;
    }

  self->url = hearth_server_dup_url (server);
  self->user_id = g_strdup (user_id);
  self->token = g_strdup (hearth_server_get_token (server, user_id));
  self->data_dir = g_steal_pointer (&data_dir);
  self->server = g_steal_pointer (&server);

  if (self->cast_enabled)
    {
      self->cast = hearth_server_cast_new (self->server, self->user_id);
      hearth_server_cast_start (self->cast);
    }

  g_debug ("Demo server listening on %s", self->url);

  return TRUE;
}

void
hearth_demo_stop (HearthDemo *self)
{
  g_return_if_fail (HEARTH_IS_DEMO (self));

  if (self->cast != NULL)
    {
      hearth_server_cast_stop (self->cast);
      g_clear_object (&self->cast);
    }

  if (self->server != NULL)
    {
      hearth_server_shutdown (self->server);
      g_clear_object (&self->server);
    }

  if (self->data_dir != NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (self->data_dir);

      delete_tree (dir);
    }

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->data_dir, g_free);
}

gboolean
hearth_demo_get_running (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), FALSE);

  return self->server != NULL;
}

const char *
hearth_demo_get_url (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), NULL);

  return self->url;
}

const char *
hearth_demo_get_user_id (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), NULL);

  return self->user_id;
}

const char *
hearth_demo_get_token (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), NULL);

  return self->token;
}

const char *
hearth_demo_get_data_dir (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), NULL);

  return self->data_dir;
}

HearthServer *
hearth_demo_get_server (HearthDemo *self)
{
  g_return_val_if_fail (HEARTH_IS_DEMO (self), NULL);

  return self->server;
}

void
hearth_demo_set_cast_enabled (HearthDemo *self,
                              gboolean    enabled)
{
  g_return_if_fail (HEARTH_IS_DEMO (self));

  self->cast_enabled = !!enabled;
}
