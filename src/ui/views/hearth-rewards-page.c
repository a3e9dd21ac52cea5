/* hearth-rewards-page.c
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hearth-rewards-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hearth-format-wellbeing.h"
#include "hearth-reward-row.h"
#include "hearth-rewards-page.h"
#include "hearth-store.h"

/* The countdowns move in minutes; half a minute keeps them at most that late. */
#define REFRESH_INTERVAL_S 30

struct _HearthRewardsPage
{
  GtkWidget      parent_instance;

  HearthSession *session;
  HearthStore   *store;
  GListModel    *rewards;
  /* ids of rewards known to be used by you: a toast only for a new one */
  GHashTable    *used;
  guint          refresh_id;

  /* template */
  GtkStack      *stack;
  GtkLabel      *offline_label;
  GtkListBox    *list_box;
};

G_DEFINE_FINAL_TYPE (HearthRewardsPage, hearth_rewards_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (HearthRewardsPage *self,
       const char        *text)
{
  g_signal_emit (self, signals[SIGNAL_TOAST], 0, text);
}

static void
update_state (HearthRewardsPage *self)
{
  guint n = self->rewards != NULL ? g_list_model_get_n_items (self->rewards) : 0;
  GDateTime *updated = self->store != NULL ? hearth_store_get_wellbeing_updated (self->store) : NULL;
  gboolean live = self->session != NULL && hearth_session_get_wellbeing_live (self->session);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (live || updated != NULL)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "offline");

  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), !live && self->session != NULL);
  if (!live)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *text = hearth_format_last_updated (updated, now);

      gtk_label_set_text (self->offline_label, text);
    }
}

static void
remember_used (HearthRewardsPage *self)
{
  guint n = self->rewards != NULL ? g_list_model_get_n_items (self->rewards) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HearthReward) reward = g_list_model_get_item (self->rewards, i);

      if (hearth_reward_get_is_consumed_by_you (reward))
        g_hash_table_add (self->used, g_strdup (hearth_reward_get_id (reward)));
    }
}

static void
on_rewards_changed_cb (HearthRewardsPage *self)
{
  /* Rewards arriving already used (loaded, refetched) are not news. */
  remember_used (self);
  update_state (self);
}

static void
on_reward_changed_cb (HearthRewardsPage *self,
                      HearthReward      *reward)
{
  const char *id = hearth_reward_get_id (reward);

  if (!hearth_reward_get_is_consumed_by_you (reward) || g_hash_table_contains (self->used, id))
    return;

  g_hash_table_add (self->used, g_strdup (id));
  {
    const char *title = hearth_reward_get_title (reward);
    /* Translators: a toast; %s is a reward's title */
    g_autofree char *text = g_strdup_printf (_("You used “%s”"),
                                             title != NULL && *title != '\0' ? title : _("a reward"));

    toast (self, text);
  }
}

static HearthRewardRow *
find_row (HearthRewardsPage *self,
          const char        *reward_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (HEARTH_IS_REWARD_ROW (child) &&
          g_strcmp0 (hearth_reward_get_id (hearth_reward_row_get_reward (HEARTH_REWARD_ROW (child))),
                     reward_id) == 0)
        return HEARTH_REWARD_ROW (child);
    }

  return NULL;
}

typedef struct {
  HearthRewardsPage *self;   /* weak */
  char              *reward_id;
} UseData;

static void
use_data_free (UseData *data)
{
  g_clear_weak_pointer (&data->self);
  g_free (data->reward_id);
  g_free (data);
}

static void
consume_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  UseData *data = user_data;
  g_autoptr(GError) error = NULL;
  HearthRewardRow *row;

  hearth_session_consume_reward_finish (HEARTH_SESSION (object), result, &error);

  if (data->self == NULL)
    {
      use_data_free (data);
      return;
    }

  row = find_row (data->self, data->reward_id);
  if (row != NULL)
    hearth_reward_row_set_busy (row, FALSE);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: a toast; %s is the server's reason */
      g_autofree char *text = g_strdup_printf (_("Could not use the reward: %s"), error->message);

      g_debug ("Consuming %s failed: %s", data->reward_id, error->message);
      toast (data->self, text);
    }

  use_data_free (data);
}

void
hearth_rewards_page_use (HearthRewardsPage *self,
                         const char        *reward_id)
{
  HearthRewardRow *row;
  UseData *data;

  g_return_if_fail (HEARTH_IS_REWARDS_PAGE (self));
  g_return_if_fail (reward_id != NULL);

  if (self->session == NULL)
    return;

  row = find_row (self, reward_id);
  if (row != NULL)
    hearth_reward_row_set_busy (row, TRUE);

  data = g_new0 (UseData, 1);
  g_set_weak_pointer (&data->self, self);
  data->reward_id = g_strdup (reward_id);
  hearth_session_consume_reward_async (self->session, reward_id, NULL, consume_cb, data);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  HearthRewardsPage *self = HEARTH_REWARDS_PAGE (user_data);
  const char *reward_id = g_object_get_data (G_OBJECT (dialog), "reward-id");

  if (g_strcmp0 (response, "use") == 0 && reward_id != NULL)
    hearth_rewards_page_use (self, reward_id);
}

static void
on_row_use_cb (HearthRewardsPage *self,
               HearthReward      *reward)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *title = hearth_reward_get_title (reward);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: a confirmation's heading; %s is a reward's title */
  heading = g_strdup_printf (_("Use “%s”?"), title != NULL && *title != '\0' ? title : _("Reward"));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("A reward can be used only once. Use it when you are ready to "
                                     "show it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "use", _("_Use Reward"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "use",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "use");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "reward-id",
                          g_strdup (hearth_reward_get_id (reward)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  HearthRewardsPage *self = HEARTH_REWARDS_PAGE (user_data);
  GtkWidget *row = hearth_reward_row_new (HEARTH_REWARD (item));

  g_signal_connect_object (row, "use", G_CALLBACK (on_row_use_cb), self, G_CONNECT_SWAPPED);

  return row;
}

static void
on_retry_clicked_cb (HearthRewardsPage *self)
{
  if (self->session != NULL)
    hearth_session_refresh_wellbeing (self->session);
}

static gboolean
refresh_rows_cb (gpointer data)
{
  HearthRewardsPage *self = HEARTH_REWARDS_PAGE (data);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (HEARTH_IS_REWARD_ROW (child))
        hearth_reward_row_refresh (HEARTH_REWARD_ROW (child));
    }
  update_state (self);

  return G_SOURCE_CONTINUE;
}

static void
hearth_rewards_page_map (GtkWidget *widget)
{
  HearthRewardsPage *self = HEARTH_REWARDS_PAGE (widget);

  GTK_WIDGET_CLASS (hearth_rewards_page_parent_class)->map (widget);

  refresh_rows_cb (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (REFRESH_INTERVAL_S, refresh_rows_cb, self);
}

static void
hearth_rewards_page_unmap (GtkWidget *widget)
{
  HearthRewardsPage *self = HEARTH_REWARDS_PAGE (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  GTK_WIDGET_CLASS (hearth_rewards_page_parent_class)->unmap (widget);
}

static void
unbind (HearthRewardsPage *self)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->rewards != NULL)
    g_signal_handlers_disconnect_by_data (self->rewards, self);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  g_clear_object (&self->rewards);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_hash_table_remove_all (self->used);
}

void
hearth_rewards_page_set_session (HearthRewardsPage *self,
                                 HearthSession     *session)
{
  g_return_if_fail (HEARTH_IS_REWARDS_PAGE (self));
  g_return_if_fail (session == NULL || HEARTH_IS_SESSION (session));

  if (self->session == session)
    return;

  unbind (self);

  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->store = g_object_ref (hearth_session_get_store (session));
      self->rewards = g_object_ref (hearth_store_get_rewards (self->store));

      remember_used (self);
      gtk_list_box_bind_model (self->list_box, self->rewards, create_row, self, NULL);

      g_signal_connect_object (self->rewards, "items-changed",
                               G_CALLBACK (on_rewards_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "reward-changed",
                               G_CALLBACK (on_reward_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "notify::wellbeing-updated",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "notify::wellbeing-live",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
    }

  update_state (self);
}

const char *
hearth_rewards_page_get_state (HearthRewardsPage *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARDS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkListBox *
hearth_rewards_page_get_list_box (HearthRewardsPage *self)
{
  g_return_val_if_fail (HEARTH_IS_REWARDS_PAGE (self), NULL);

  return self->list_box;
}

static void
hearth_rewards_page_dispose (GObject *object)
{
  HearthRewardsPage *self = HEARTH_REWARDS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  unbind (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HEARTH_TYPE_REWARDS_PAGE);

  G_OBJECT_CLASS (hearth_rewards_page_parent_class)->dispose (object);
}

static void
hearth_rewards_page_finalize (GObject *object)
{
  HearthRewardsPage *self = HEARTH_REWARDS_PAGE (object);

  g_hash_table_unref (self->used);

  G_OBJECT_CLASS (hearth_rewards_page_parent_class)->finalize (object);
}

static void
hearth_rewards_page_class_init (HearthRewardsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hearth_rewards_page_dispose;
  object_class->finalize = hearth_rewards_page_finalize;
  widget_class->map = hearth_rewards_page_map;
  widget_class->unmap = hearth_rewards_page_unmap;

  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hearthchat/Hearth/views/hearth-rewards-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HearthRewardsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HearthRewardsPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, HearthRewardsPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked_cb);
}

static void
hearth_rewards_page_init (HearthRewardsPage *self)
{
  self->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hearth_rewards_page_new (void)
{
  return g_object_new (HEARTH_TYPE_REWARDS_PAGE, NULL);
}
