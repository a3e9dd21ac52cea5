/* test-pages.c: the Rewards and Today pages against the reference server, as a user sees them
 *
 * Copyright 2026 The Hearth developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: runs in the ui suite under `xvfb-run -a dbus-run-session --`.
 */

#define G_LOG_DOMAIN "test-pages"

#include "config.h"

#include <math.h>
#include <string.h>

#include "hearth-format-wellbeing.h"
#include "hearth-reward-row.h"
#include "hearth-score-action-row.h"
#include "hearth-score-bar.h"
#include "hearth-today-page-private.h"
#include "hearth-ui-test.h"

#define REWARD_COFFEE "69a81ec0f252e6b4383a1f2b"
#define REWARD_YOGA   "69aac1c0f252e6b4383a1f2c"
#define REWARD_MUSEUM "698dc0c0f252e6b4383a1f2d"

static void
show_view (Fixture    *f,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", name));
}

/* Rewards {{{ */

static HearthRewardRow *
reward_row (Fixture    *f,
            const char *reward_id)
{
  GtkListBox *list_box = hearth_rewards_page_get_list_box (_hearth_window_get_rewards_page (f->window));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list_box));
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

static gboolean
rewards_listed (gpointer data)
{
  Fixture *f = data;

  return reward_row (f, REWARD_COFFEE) != NULL && reward_row (f, REWARD_YOGA) != NULL &&
         reward_row (f, REWARD_MUSEUM) != NULL;
}

typedef struct {
  Fixture    *f;
  const char *reward_id;
  const char *status;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;
  HearthRewardRow *row = reward_row (wait->f, wait->reward_id);

  return row != NULL && g_strcmp0 (hearth_reward_row_get_status (row), wait->status) == 0;
}

static void
wait_status (Fixture    *f,
             const char *reward_id,
             const char *status)
{
  StatusWait wait = { f, reward_id, status };

  if (!spin_until (status_is, &wait))
    g_error ("Reward %s never showed “%s” (shows “%s”)", reward_id, status,
             reward_row (f, reward_id) != NULL
               ? hearth_reward_row_get_status (reward_row (f, reward_id)) : "no row");
}

/* The seeded rewards, each in its state, with the countdown of the available ones. */
static void
test_rewards_listed (Fixture       *f,
                     gconstpointer  data)
{
  HearthRewardsPage *page = _hearth_window_get_rewards_page (f->window);
  HearthRewardRow *row;

  show_view (f, "rewards");
  g_assert_true (spin_until (rewards_listed, f));
  g_assert_cmpstr (hearth_rewards_page_get_state (page), ==, "list");

  wait_label (f, "Free coffee at Bean There");
  wait_label (f, "One hot drink of your choice, any size. Show the code at the counter.");

  row = reward_row (f, REWARD_COFFEE);
  g_assert_cmpstr (hearth_reward_row_get_status (row), ==, "12 left");
  g_assert_true (g_str_has_prefix (hearth_reward_row_get_countdown (row), "expires in "));
  g_assert_true (hearth_reward_row_can_use (row));

  row = reward_row (f, REWARD_YOGA);
  g_assert_cmpstr (hearth_reward_row_get_status (row), ==, "1 left");
  g_assert_true (hearth_reward_row_can_use (row));

  /* Expired, and used by the demo user before: what you did wins. */
  row = reward_row (f, REWARD_MUSEUM);
  g_assert_cmpstr (hearth_reward_row_get_status (row), ==, "You used this");
  g_assert_false (hearth_reward_row_can_use (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "used"));
}

static gboolean
toast_is (gpointer data)
{
  LabelSearch *search = data;

  return g_strcmp0 (_hearth_window_get_last_toast (HEARTH_WINDOW (search->root)), search->text) == 0;
}

/* reward-consumed moves the rows live: the count, used up, expired, used by you (with a
 * toast), and an unknown reward refetches the list. */
static void
test_rewards_live (Fixture       *f,
                   gconstpointer  data)
{
  HearthRewardsPage *page = _hearth_window_get_rewards_page (f->window);
  HearthServer *server = server_of (f);
  g_autoptr(GError) error = NULL;
  LabelSearch toast = { GTK_WIDGET (f->window), "You used “Free coffee at Bean There”" };
  HearthRewardRow *row;

  show_view (f, "rewards");
  g_assert_true (spin_until (rewards_listed, f));

  /* Someone else takes a coffee. */
  g_assert_true (hearth_server_consume_reward (server, RAJ, REWARD_COFFEE, &error));
  g_assert_no_error (error);
  wait_status (f, REWARD_COFFEE, "11 left");

  /* The last yoga pass goes. */
  g_assert_true (hearth_server_restock_reward (server, REWARD_YOGA, 0, &error));
  g_assert_no_error (error);
  wait_status (f, REWARD_YOGA, "none left");
  row = reward_row (f, REWARD_YOGA);
  g_assert_false (hearth_reward_row_can_use (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "sold-out"));

  /* It expires. */
  g_assert_cmpuint (hearth_server_push_event (server, ME, "reward-consumed",
                                              "{\"reward\": \"" REWARD_YOGA "\", \"isExpired\": true,"
                                              " \"remaining\": 0, \"isConsumedByYou\": false}"), ==, 1);
  wait_status (f, REWARD_YOGA, "Expired");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (reward_row (f, REWARD_YOGA)), "expired"));

  /* Using one: the page's "Use" response consumes it through the server. */
  hearth_rewards_page_use (page, REWARD_COFFEE);
  wait_status (f, REWARD_COFFEE, "You used this");
  g_assert_true (spin_until (toast_is, &toast));
  g_assert_false (hearth_reward_row_can_use (reward_row (f, REWARD_COFFEE)));

  /* An unknown reward: the list is fetched again and stays whole. */
  g_assert_cmpuint (hearth_server_push_event (server, ME, "reward-consumed",
                                              "{\"reward\": \"ffffffffffffffffffffffff\","
                                              " \"isExpired\": false, \"remaining\": 3,"
                                              " \"isConsumedByYou\": false}"), ==, 1);
  g_assert_true (spin_until (rewards_listed, f));
  wait_status (f, REWARD_COFFEE, "You used this");
  g_assert_cmpstr (hearth_rewards_page_get_state (page), ==, "list");
}

/* A reward you cannot use any more: the server's refusal comes back as a toast, nothing
 * changes. */
static void
test_rewards_refused (Fixture       *f,
                      gconstpointer  data)
{
  HearthRewardsPage *page = _hearth_window_get_rewards_page (f->window);
  g_autoptr(GError) error = NULL;
  LabelSearch toast = { GTK_WIDGET (f->window), NULL };

  show_view (f, "rewards");
  g_assert_true (spin_until (rewards_listed, f));

  /* Raj takes the last yoga pass while the app still shows one left. */
  g_assert_true (hearth_server_consume_reward (server_of (f), NULL, REWARD_YOGA, &error));
  g_assert_no_error (error);
  hearth_rewards_page_use (page, REWARD_YOGA);

  toast.text = "Could not use the reward: This reward is no longer available";
  g_assert_true (spin_until (toast_is, &toast));
  wait_status (f, REWARD_YOGA, "none left");
}

/* }}} */

/* Today {{{ */

static HearthTodayPage *
today_page (Fixture *f)
{
  return _hearth_window_get_today_page (f->window);
}

static gboolean
score_shown (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (_hearth_today_page_get_state (today_page (f)), "score") == 0 &&
         gtk_widget_get_first_child (GTK_WIDGET (_hearth_today_page_get_actions (today_page (f), FALSE))) != NULL;
}

static HearthScoreActionRow *
action_row (Fixture  *f,
            gboolean  mindfulness,
            guint     position)
{
  GtkListBox *list_box = _hearth_today_page_get_actions (today_page (f), mindfulness);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, (int) position);

  return row != NULL ? HEARTH_SCORE_ACTION_ROW (row) : NULL;
}

static void
assert_action (Fixture    *f,
               gboolean    mindfulness,
               guint       position,
               const char *label,
               const char *sub_label,
               const char *value,
               gboolean    completed)
{
  HearthScoreActionRow *row = action_row (f, mindfulness, position);

  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, label);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, sub_label);
  g_assert_cmpstr (hearth_score_action_row_get_value_text (row), ==, value);
  g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (row), "completed"), ==, completed);
}

static void
assert_ring (Fixture         *f,
             HearthTodayRing  which,
             double           fraction,
             const char      *text)
{
  HearthScoreRing *ring = _hearth_today_page_get_ring (today_page (f), which);

  g_assert_cmpfloat_with_epsilon (hearth_score_ring_get_fraction (ring), fraction, 1e-9);
  g_assert_cmpstr (hearth_score_ring_get_text (ring), ==, text);
}

/* The seed's score-updated payload: the "data" of the seed file's own line, cut out as text
 * (the server parses it). */
static char *
seed_score_json (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "..", "tests", "data",
                                                 "socket-events.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *data = strstr (lines[i], "\"data\":");
      const char *end = strrchr (lines[i], '}');

      if (strstr (lines[i], "\"event\": \"score-updated\"") != NULL && data != NULL && end > data)
        return g_strstrip (g_strndup (data + strlen ("\"data\":"), end - data - strlen ("\"data\":")));
    }

  g_error ("No score-updated payload in %s", path);
  return NULL;
}

/* The demo seed, with the seed file's score as the server's score, its date unshifted. */
static HearthServer *
new_server_with_seed_score (void)
{
  g_autofree char *score_json = seed_score_json ();
  g_autoptr(GError) error = NULL;
  HearthServer *server = hearth_server_new ();

  g_assert_true (hearth_server_load_default_seed (server, &error));
  g_assert_true (hearth_server_set_score (server, score_json, &error));
  g_assert_true (hearth_server_listen (server, 0, &error));
  g_assert_no_error (error);

  return server;
}

/* The dashboard renders the seed's score-updated payload: every value of it. */
static void
test_today_seed_score (void)
{
  Fixture fixture = { 0, };
  Fixture *f = &fixture;
  g_autoptr(HearthServer) server = new_server_with_seed_score ();
  g_autofree char *url = hearth_server_dup_url (server);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *summary;

  setup_window (f, 1000);
  hearth_accounts_sign_in_async (f->accounts, url, "alex", "hearth-alex", NULL, sign_in_cb, f);
  g_assert_true (spin_until (is_done, f));
  g_assert_no_error (f->error);

  show_view (f, "today");
  g_assert_true (spin_until (score_shown, f));

  /* "2025-11-07T18:30:00.000Z" is local midnight of Saturday 8 November east of UTC: the day
   * the server names. */
  g_assert_cmpstr (_hearth_today_page_get_weekday (today_page (f)), ==, "Saturday");
  summary = _hearth_today_page_get_summary (today_page (f));
  g_assert_cmpstr (summary, ==, "8 November 2025 · 3 reels seen · total 1");
  wait_label (f, "Saturday");

  /* Total 1 of a daily goal of 3; social: 1 of 2 actions done, score 0.5; mindfulness: none
   * of 4, score 0. */
  assert_ring (f, HEARTH_TODAY_RING_TOTAL, 1.0 / HEARTH_SCORE_GOAL, "1");
  assert_ring (f, HEARTH_TODAY_RING_SOCIAL, 0.5, "0.5");
  assert_ring (f, HEARTH_TODAY_RING_MINDFULNESS, 0.0, "0");

  assert_action (f, FALSE, 0, "Reply mindfully to a comment in the home feed",
                 "Cultivate empathy by responding with kindness and understanding different perspectives",
                 "1", TRUE);
  assert_action (f, FALSE, 1, "Send a DM to a friend",
                 "Strengthen real connection and presence through one-to-one mindful conversation",
                 "0", FALSE);
  g_assert_null (action_row (f, FALSE, 2));
  assert_action (f, TRUE, 0, "Watch a Focus video (1 min)", "", "0", FALSE);
  assert_action (f, TRUE, 1, "Watch a Mindfulness video (1 min)", "", "0", FALSE);
  assert_action (f, TRUE, 2, "Watch a Reflection video (1 min)", "", "0", FALSE);
  assert_action (f, TRUE, 3, "Write in Your Journal", "", "0", FALSE);
  g_assert_null (action_row (f, TRUE, 4));

  /* A past day: nothing is waiting for its hour any more. */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_false (hearth_score_action_row_get_locked (action_row (f, TRUE, i)));
      g_assert_cmpstr (hearth_score_action_row_get_note (action_row (f, TRUE, i)), ==, "");
    }

  /* The next day's score replaces it; an action whose hour has not come is dimmed. */
  {
    g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                           g_date_time_get_month (now),
                                                           g_date_time_get_day_of_month (now),
                                                           0, 0, 0);
    g_autoptr(GDateTime) utc = g_date_time_to_utc (midnight);
    g_autofree char *date = g_date_time_format_iso8601 (utc);
    int later = MIN (g_date_time_get_hour (now) + 1, 23);
    g_autofree char *json = g_strdup_printf (
      "{\"date\": \"%s\", \"reelsSeen\": 0, \"totalScore\": 0.5,"
      " \"social\": {\"score\": 0.5, \"actions\": []},"
      " \"mindfulness\": {\"score\": 0, \"actions\": [{\"label\": \"Evening walk\","
      " \"type\": \"evening-walk\", \"value\": 0, \"startAt\": %d}]}}", date, later);
    g_autofree char *expected = hearth_format_start_at (later);
    gboolean locked = g_date_time_get_hour (now) < later;

    g_assert_cmpuint (hearth_server_push_event (server, ME, "score-updated", json), ==, 1);
    wait_label (f, "Evening walk");
    g_assert_null (action_row (f, FALSE, 0));
    g_assert_cmpint (hearth_score_action_row_get_locked (action_row (f, TRUE, 0)), ==, locked);
    g_assert_cmpstr (hearth_score_action_row_get_note (action_row (f, TRUE, 0)), ==,
                     locked ? expected : "");
    g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (action_row (f, TRUE, 0)), "locked"), ==,
                     locked);
  }

  /* The token's trip to the keyring holds the accounts until it is answered. */
  g_assert_true (spin_until (keyring_answered, f->accounts));
  gtk_window_destroy (GTK_WINDOW (f->window));
  hearth_accounts_shutdown (f->accounts);
  hearth_server_shutdown (server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->accounts);
}

static gboolean
action_completed (gpointer data)
{
  HearthScoreActionRow *row = data;

  return gtk_widget_has_css_class (GTK_WIDGET (row), "completed");
}

static gboolean
page_scrollable (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (data);

  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > 50;
}

/* score-updated changes the rings and the action in place: the same rows, the same scroll
 * position. */
static void
test_today_live (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkScrolledWindow *scroller = _hearth_today_page_get_scroller (today_page (f));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  HearthScoreActionRow *dm_row = NULL;
  HearthScore *score;
  g_autofree char *total = NULL;
  g_autofree char *social = NULL;
  double scrolled;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 500);
  show_view (f, "today");
  g_assert_true (spin_until (score_shown, f));
  g_assert_true (spin_until (page_scrollable, scroller));

  for (guint i = 0; action_row (f, FALSE, i) != NULL; i++)
    {
      HearthScoreAction *action = hearth_score_action_row_get_action (action_row (f, FALSE, i));

      if (g_strcmp0 (hearth_score_action_get_action_type (action), "send-dm-message") == 0)
        dm_row = action_row (f, FALSE, i);
    }
  g_assert_nonnull (dm_row);
  g_assert_false (action_completed (dm_row));

  /* Part way down (a bottom edge would follow the content's height). */
  scrolled = MIN (120, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, scrolled);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (hearth_server_update_score (server_of (f), ME, "send-dm-message", &error));
  g_assert_no_error (error);
  g_assert_true (spin_until (action_completed, dm_row));

  /* The very same row widget, and the page did not jump. */
  g_assert_true (HEARTH_SCORE_ACTION_ROW (action_row (f, FALSE, 1)) == dm_row ||
                 HEARTH_SCORE_ACTION_ROW (action_row (f, FALSE, 0)) == dm_row);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), scrolled, 0.5);

  score = hearth_store_get_score (store_of (f));
  total = hearth_format_score_value (hearth_score_get_total_score (score));
  assert_ring (f, HEARTH_TODAY_RING_TOTAL,
               hearth_score_get_total_score (score) / HEARTH_SCORE_GOAL, total);
  social = hearth_format_score_value (hearth_score_get_social_score (score));
  assert_ring (f, HEARTH_TODAY_RING_SOCIAL, 1.0, social);
}

static gboolean
chart_shows_month (gpointer data)
{
  return hearth_score_chart_get_days (data) == 30;
}

static gboolean
history_loaded (gpointer data)
{
  /* The seed has 30 days of history. */
  return g_list_model_get_n_items (data) >= 30;
}

/* The history chart and the streak come from GET /score/history; the range switches. */
static void
test_today_history (Fixture       *f,
                    gconstpointer  data)
{
  HearthScoreChart *chart = _hearth_today_page_get_chart (today_page (f));
  GListModel *history = hearth_store_get_score_history (store_of (f));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *streak = NULL;

  show_view (f, "today");
  g_assert_true (spin_until (score_shown, f));

  g_assert_true (spin_until (history_loaded, history));
  g_assert_cmpuint (hearth_score_chart_get_days (chart), ==, 7);
  g_assert_cmpfloat (hearth_score_chart_get_goal (chart), ==, HEARTH_SCORE_GOAL);

  streak = hearth_format_streak (hearth_score_streak (history, HEARTH_SCORE_GOAL, now),
                                 HEARTH_SCORE_GOAL);
  g_assert_cmpstr (_hearth_today_page_get_streak (today_page (f)), ==, streak);
  wait_label (f, streak);

  wait_label (f, "30 Days");
  g_assert_true (gtk_widget_activate (gtk_widget_get_ancestor (GTK_WIDGET (find_label (GTK_WIDGET (f->window), "30 Days")),
                                                           GTK_TYPE_TOGGLE_BUTTON)));
  /* A button's activation clicks it after its pressed look has shown. */
  g_assert_true (spin_until (chart_shows_month, chart));
}

/* }}} */

/* Keyboard {{{ */

/* Every widget Tab reaches from the window's current focus, going round once or more. */
static GHashTable *
tab_round (Fixture *f)
{
  GHashTable *reached = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      if (focus != NULL)
        g_hash_table_add (reached, focus);
    }

  return reached;
}

static gboolean
reached_within (GHashTable *reached,
                GtkWidget  *widget)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, reached);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (key == (gpointer) widget || gtk_widget_is_ancestor (key, widget))
      return TRUE;

  return FALSE;
}

static void
collect_of_type (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_of_type (child, type, found);
}

/* Tab reaches every "Use" button, both range buttons and every bar of the chart. */
static void
test_keyboard_reaches (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();
  g_autoptr(GHashTable) reached = NULL;
  guint n_use = 0;

  show_view (f, "rewards");
  g_assert_true (spin_until (rewards_listed, f));
  reached = tab_round (f);
  collect_of_type (GTK_WIDGET (_hearth_window_get_rewards_page (f->window)), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "_Use") == 0)
        {
          g_assert_true (reached_within (reached, button));
          n_use++;
        }
    }
  g_assert_cmpuint (n_use, ==, 2);   /* coffee and yoga; the museum ticket is used */
  g_clear_pointer (&reached, g_hash_table_unref);

  show_view (f, "today");
  g_assert_true (spin_until (score_shown, f));
  reached = tab_round (f);
  g_assert_true (reached_within (reached, GTK_WIDGET (find_label (GTK_WIDGET (f->window), "7 Days"))) ||
                 reached_within (reached, gtk_widget_get_ancestor (GTK_WIDGET (find_label (GTK_WIDGET (f->window), "7 Days")),
                                                                   GTK_TYPE_TOGGLE_BUTTON)));
  g_assert_true (reached_within (reached, gtk_widget_get_ancestor (GTK_WIDGET (find_label (GTK_WIDGET (f->window), "30 Days")),
                                                                   GTK_TYPE_TOGGLE_BUTTON)));
  collect_of_type (GTK_WIDGET (_hearth_today_page_get_chart (today_page (f))), HEARTH_TYPE_SCORE_BAR, bars);
  g_assert_cmpuint (bars->len, ==, 7);
  for (guint i = 0; i < bars->len; i++)
    g_assert_true (reached_within (reached, g_ptr_array_index (bars, i)));
}

/* }}} */

static void
wellbeing_set_up (Fixture       *f,
                  gconstpointer  data)
{
  setup_demo (f, 1000);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);

  g_test_add ("/Hearth/Rewards/listed", Fixture, NULL,
              wellbeing_set_up, test_rewards_listed, fixture_tear_down);
  g_test_add ("/Hearth/Rewards/live", Fixture, NULL,
              wellbeing_set_up, test_rewards_live, fixture_tear_down);
  g_test_add ("/Hearth/Rewards/refused", Fixture, NULL,
              wellbeing_set_up, test_rewards_refused, fixture_tear_down);
  g_test_add_func ("/Hearth/Today/seed-score", test_today_seed_score);
  g_test_add ("/Hearth/Today/live", Fixture, NULL,
              wellbeing_set_up, test_today_live, fixture_tear_down);
  g_test_add ("/Hearth/Today/history", Fixture, NULL,
              wellbeing_set_up, test_today_history, fixture_tear_down);

  g_test_add ("/Hearth/Pages/keyboard-reaches", Fixture, NULL,
              wellbeing_set_up, test_keyboard_reaches, fixture_tear_down);

  status = g_test_run ();

  ui_test_shutdown ();

  return status;
}
