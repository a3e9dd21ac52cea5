/* hearth-sign-in-page.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-accessible.h"
#include "hearth-sign-in-page.h"

struct _HearthSignInPage
{
  GtkWidget    parent_instance;

  gboolean     busy;

  /* template */
  AdwEntryRow *server_row;
  AdwEntryRow *username_row;
  AdwEntryRow *password_row;
  GtkLabel    *error_label;
  GtkWidget   *sign_in_button;
  GtkWidget   *demo_button;
  GtkSpinner  *spinner;
};

G_DEFINE_FINAL_TYPE (HearthSignInPage, hearth_sign_in_page, GTK_TYPE_WIDGET)

enum {
  SIGN_IN,
  TRY_DEMO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "localhost") == 0 ||
         g_strcmp0 (host, "::1") == 0 ||
         g_str_has_prefix (host, "127.");
}

char *
hearth_sign_in_page_check_url (const char  *text,
                               GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter the address of your Hearth server"));
      return NULL;
    }

  /* "chat.example.org" means https. */
  with_scheme = strstr (trimmed, "://") != NULL ? g_strdup (trimmed)
                                                : g_strconcat ("https://", trimmed, NULL);
  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a server address: use one like https://chat.example.org"),
                   trimmed);
      return NULL;
    }

  if (g_strcmp0 (scheme, "http") == 0 && !is_loopback (g_uri_get_host (uri)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Unencrypted http:// is only allowed for this computer: use https://"));
      return NULL;
    }

  /* No trailing slash: the API appends its paths. */
  while (g_str_has_suffix (with_scheme, "/"))
    with_scheme[strlen (with_scheme) - 1] = '\0';

  return g_steal_pointer (&with_scheme);
}

static void
update_sensitivity (HearthSignInPage *self)
{
  gboolean filled = text_of (self->server_row)[0] != '\0' &&
                    text_of (self->username_row)[0] != '\0' &&
                    text_of (self->password_row)[0] != '\0';

  gtk_widget_set_sensitive (self->sign_in_button, filled && !self->busy);
  gtk_widget_set_sensitive (self->demo_button, !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !self->busy);
}

static void
on_changed_cb (HearthSignInPage *self)
{
  update_sensitivity (self);
}

void
hearth_sign_in_page_submit (HearthSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *username = NULL;

  g_return_if_fail (HEARTH_IS_SIGN_IN_PAGE (self));

  if (self->busy)
    return;

  url = hearth_sign_in_page_check_url (text_of (self->server_row), &error);
  if (url == NULL)
    {
      hearth_sign_in_page_set_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
      return;
    }

  username = g_strstrip (g_strdup (text_of (self->username_row)));
  if (username[0] == '\0')
    {
      hearth_sign_in_page_set_error (self, _("Enter your username"));
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return;
    }

  if (text_of (self->password_row)[0] == '\0')
    {
      hearth_sign_in_page_set_error (self, _("Enter your password"));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  hearth_sign_in_page_set_error (self, NULL);
  g_signal_emit (self, signals[SIGN_IN], 0, url, username, text_of (self->password_row));
}

static void
on_entry_activated_cb (HearthSignInPage *self,
                       AdwEntryRow      *row)
{
  if (row == self->server_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  else if (row == self->username_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    hearth_sign_in_page_submit (self);
}

static void
on_sign_in_clicked_cb (HearthSignInPage *self)
{
  hearth_sign_in_page_submit (self);
}

static void
on_demo_clicked_cb (HearthSignInPage *self)
{
  hearth_sign_in_page_set_error (self, NULL);
  g_signal_emit (self, signals[TRY_DEMO], 0);
}

static void
hearth_sign_in_page_dispose (GObject *object)
{
  GtkWidget *child;
  gtk_widget_dispose_template (GTK_WIDGET (object), HEARTH_TYPE_SIGN_IN_PAGE);
  /* Template children without an id are not cleared by dispose_template(). */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hearth_sign_in_page_parent_class)->dispose (object);
}

static void
hearth_sign_in_page_class_init (HearthSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_sign_in_page_dispose;

  signals[SIGN_IN] =
    g_signal_new ("sign-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  signals[TRY_DEMO] =
    g_signal_new ("try-demo",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthSignInPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, HearthSignInPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, HearthSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, HearthSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, HearthSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, HearthSignInPage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, HearthSignInPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_demo_clicked_cb);
}

static void
hearth_sign_in_page_init (HearthSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* libadwaita 1.2's show-text toggle of the password row has only a tooltip. */
  hearth_accessible_name_icon_buttons (GTK_WIDGET (self->password_row), "view-reveal-symbolic",
                                       _("Show Text"));
  hearth_accessible_name_icon_buttons (GTK_WIDGET (self->password_row), "view-conceal-symbolic",
                                       _("Show Text"));
}

GtkWidget *
hearth_sign_in_page_new (void)
{
  return g_object_new (HEARTH_TYPE_SIGN_IN_PAGE, NULL);
}

void
hearth_sign_in_page_set_busy (HearthSignInPage *self,
                              gboolean          busy)
{
  g_return_if_fail (HEARTH_IS_SIGN_IN_PAGE (self));

  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, self->busy);
  update_sensitivity (self);
}

void
hearth_sign_in_page_set_error (HearthSignInPage *self,
                               const char       *message)
{
  g_return_if_fail (HEARTH_IS_SIGN_IN_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

void
hearth_sign_in_page_set_server (HearthSignInPage *self,
                                const char       *server_url)
{
  g_return_if_fail (HEARTH_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_url != NULL ? server_url : "");
}

const char *
hearth_sign_in_page_get_server (HearthSignInPage *self)
{
  g_return_val_if_fail (HEARTH_IS_SIGN_IN_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->server_row));
}

void
hearth_sign_in_page_clear_password (HearthSignInPage *self)
{
  g_return_if_fail (HEARTH_IS_SIGN_IN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
}

void
hearth_sign_in_page_focus (HearthSignInPage *self)
{
  g_return_if_fail (HEARTH_IS_SIGN_IN_PAGE (self));

  if (text_of (self->server_row)[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
}
