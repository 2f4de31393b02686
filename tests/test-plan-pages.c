/* test-plan-pages.c: Ranking, Portfolio, Action plan and Monitoring on the sample
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ekv-action-plan-page.h"
#include "ekv-enums.h"
#include "ekv-monitoring-page.h"
#include "ekv-portfolio-page.h"
#include "ekv-ranking-page.h"
#include "ekv-test-gui.h"
#include "ekv-window.h"

typedef struct
{
  EkvApplication *app;
  char           *dir;
  char           *path;
  EkvWindow      *window;
  EkvDocument    *document;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ekv_test_open_sample ("ekv-plan-pages", TRUE, &fixture->app, &fixture->dir, &fixture->window);
  fixture->document = ekv_window_get_document (fixture->window);
  fixture->path = g_strdup (ekv_document_get_path (fixture->document));
  ekv_test_spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ekv_test_close_sample (&fixture->app, &fixture->dir, &fixture->window);
  g_free (fixture->path);
}

static double
stored_score (EkvDocument *document,
              const char  *option_id,
              const char  *criterion)
{
  EkvRecord *option = ekv_document_find (document, EKV_ENTITY_OPTION, option_id);
  GListModel *scores = ekv_record_get_children (option, EKV_ENTITY_SCORE);

  for (guint i = 0; i < g_list_model_get_n_items (scores); i++)
    {
      g_autoptr(EkvRecord) score = g_list_model_get_item (scores, i);

      if (g_strcmp0 (ekv_record_get_string (score, EKV_SCORE_CRITERION), criterion) == 0)
        return ekv_record_get_double (score, EKV_SCORE_VALUE);
    }
  return NAN;
}

/* Typing scores moves an option up the ranking at once, and they are stored. */
static void
test_ranking (Fixture       *fixture,
              gconstpointer  data)
{
  EkvRankingPage *page = EKV_RANKING_PAGE (ekv_window_show_page (fixture->window, "ranking"));
  GPtrArray *criteria = ekv_ranking_page_get_criteria (page);
  g_autoptr(EkvDocument) stored = NULL;
  double before;

  ekv_test_spin ();
  /* the sample's four criteria, from its scores */
  g_assert_cmpuint (criteria->len, ==, 4);
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o11"), ==, 0);   /* rejected */
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o7"), >, 3);
  /* Hand-computed (DOMAIN.md §2.8, equal weights, min–max over the 13 options
   * not rejected): o1 (5,5,4,4), o2 (4,5,5,4) and o8 (5,4,4,5) share the top
   * with (1 + 1 + ½ + ⅔)/4; o6 (5,5,3,5) has (1 + 1 + 0 + 1)/4. */
  g_assert_cmpfloat_with_epsilon (ekv_ranking_page_get_total (page, "o1"), (2.5 + 2.0 / 3) / 4,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (ekv_ranking_page_get_total (page, "o6"), 0.75, 1e-12);
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o1"), ==, 1);
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o2"), ==, 1);
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o8"), ==, 1);
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o6"), ==, 4);
  before = ekv_ranking_page_get_total (page, "o7");

  for (guint c = 0; c < criteria->len; c++)
    {
      GtkEditable *entry = ekv_ranking_page_get_score_entry (page, "o7",
                                                             g_ptr_array_index (criteria, c));

      g_assert_nonnull (entry);
      gtk_editable_set_text (entry, "9");
    }
  /* no main loop turn needed: the totals follow each keystroke */
  g_assert_cmpfloat (ekv_ranking_page_get_total (page, "o7"), >, before);
  g_assert_cmpfloat_with_epsilon (ekv_ranking_page_get_total (page, "o7"), 1.0, 1e-12);
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o7"), ==, 1);
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o1"), ==, 2);

  /* A weight changes the order: only "environmental" counts now. */
  for (guint c = 0; c < criteria->len; c++)
    ekv_ranking_page_set_weight (page, g_ptr_array_index (criteria, c),
                                 g_str_equal (g_ptr_array_index (criteria, c), "environmental"));
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o6"), >, 1);   /* environmental 3 */

  /* The decision: rejecting o7 takes it out of the ranking, approving o11 puts it in. */
  gtk_drop_down_set_selected (ekv_ranking_page_get_decision (page, "o7"),
                              EKV_OPTION_STATUS_REJECTED);
  gtk_drop_down_set_selected (ekv_ranking_page_get_decision (page, "o11"),
                              EKV_OPTION_STATUS_APPROVED);
  ekv_test_spin ();
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o7"), ==, 0);
  g_assert_true (isnan (ekv_ranking_page_get_total (page, "o7")));
  g_assert_cmpuint (ekv_ranking_page_get_rank (page, "o11"), >, 0);

  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpint (ekv_record_get_enum (ekv_document_find (stored, EKV_ENTITY_OPTION, "o7"),
                                        EKV_OPTION_STATUS), ==, EKV_OPTION_STATUS_REJECTED);
  g_assert_cmpint (ekv_record_get_enum (ekv_document_find (stored, EKV_ENTITY_OPTION, "o11"),
                                        EKV_OPTION_STATUS), ==, EKV_OPTION_STATUS_APPROVED);
  g_assert_cmpfloat (stored_score (stored, "o7", "technical"), ==, 9);
  g_assert_cmpfloat (stored_score (stored, "o7", "economic"), ==, 9);

  /* the weights are stored with every criterion shown, in the order shown */
  {
    GListModel *list = ekv_document_get_list (stored, EKV_ENTITY_CRITERION);

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, criteria->len);
    for (guint c = 0; c < criteria->len; c++)
      {
        g_autoptr(EkvRecord) record = g_list_model_get_item (list, c);
        const char *name = ekv_record_get_string (record, EKV_CRITERION_CRITERION);

        g_assert_cmpstr (name, ==, g_ptr_array_index (criteria, c));
        g_assert_cmpfloat (ekv_record_get_double (record, EKV_CRITERION_WEIGHT), ==,
                           g_str_equal (name, "environmental") ? 1 : 0);
      }
  }

  /* a new criterion is stored after them, weighing their average */
  ekv_ranking_page_add_criterion (page, "odour");
  g_clear_object (&stored);
  stored = ekv_test_reopen (fixture->path);
  {
    GListModel *list = ekv_document_get_list (stored, EKV_ENTITY_CRITERION);
    g_autoptr(EkvRecord) odour = g_list_model_get_item (list, 4);

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 5);
    g_assert_cmpstr (ekv_record_get_string (odour, EKV_CRITERION_CRITERION), ==, "odour");
    g_assert_cmpfloat (ekv_record_get_double (odour, EKV_CRITERION_WEIGHT), ==, 0.25);
  }
}

/* Criteria and weights stored in the document are what the matrix shows when
 * the audit is opened: the ranking reads as it was left. */
static void
test_ranking_weights_reopen (Fixture       *fixture,
                             gconstpointer  data)
{
  EkvDocument *document = ekv_window_get_document (fixture->window);
  const char *order[] = { "technical", "economic" };
  EkvRankingPage *page;
  GPtrArray *criteria;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(EkvRecord) record = ekv_record_new (EKV_ENTITY_CRITERION);
      g_autoptr(GError) error = NULL;

      ekv_record_set_string (record, EKV_CRITERION_CRITERION, order[i]);
      ekv_record_set_double (record, EKV_CRITERION_WEIGHT, i == 0 ? 3 : 0);
      g_assert_true (ekv_document_insert (document, record, NULL, -1, &error));
      g_assert_no_error (error);
    }

  page = EKV_RANKING_PAGE (ekv_window_show_page (fixture->window, "ranking"));
  ekv_test_spin ();
  criteria = ekv_ranking_page_get_criteria (page);
  /* stored first, in their order; then the scores' other criteria */
  g_assert_cmpuint (criteria->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (criteria, 0), ==, "technical");
  g_assert_cmpstr (g_ptr_array_index (criteria, 1), ==, "economic");
  /* technical 3, economic 0, and the two not stored (environmental,
   * implementation) the stored average 1.5 each; scores scaled over the 13
   * options ranked: o1 (5,5,4,4) → (1, 1, ½, ⅔), o6 (5,5,3,5) → (1, 1, 0, 1). */
  g_assert_cmpfloat_with_epsilon (ekv_ranking_page_get_total (page, "o1"),
                                  (3 * 1.0 + 0 * 1.0 + 1.5 * 0.5 + 1.5 * 2.0 / 3) / 6, 1e-12);
  g_assert_cmpfloat_with_epsilon (ekv_ranking_page_get_total (page, "o6"),
                                  (3 * 1.0 + 0 * 1.0 + 1.5 * 0 + 1.5 * 1.0) / 6, 1e-12);
}

static void
assert_close (double a,
              double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (fabs (a - b), <=, 1e-9 * MAX (1, fabs (b)));
}

static void
assert_portfolio (EkvPortfolioPage *page,
                  EkvDocument      *document)
{
  g_autoptr(EkvOptions) expected = ekv_options_compute (document, NULL);
  const EkvPortfolio *p = &expected->portfolio;

  assert_close (ekv_portfolio_page_get_figure (page, "investment"), p->investment);
  assert_close (ekv_portfolio_page_get_figure (page, "annual-saving"), p->annual_saving);
  assert_close (ekv_portfolio_page_get_figure (page, "payback"), p->simple_payback_years);
  assert_close (ekv_portfolio_page_get_figure (page, "co2"), p->co2_avoided_t);
  assert_close (ekv_portfolio_page_get_figure (page, "water"), p->water_saved_m3);
  assert_close (ekv_portfolio_page_get_figure (page, "wastewater"), p->wastewater_saved_m3);
  assert_close (ekv_portfolio_page_get_figure (page, "energy"), p->energy_saved_kwh);
  assert_close (ekv_portfolio_page_get_figure (page, "tep"), p->tep_saved);
  assert_close (ekv_portfolio_page_get_figure (page, "waste"), p->waste_avoided_kg / 1000);
  assert_close (ekv_portfolio_page_get_figure (page, "raw-material"), p->raw_material_saved_t);
}

static gboolean
macc_drawn (gpointer chart)
{
  return ekv_macc_chart_get_bars (chart)->len > 0;
}

/* The summary shows the figures of ekv_options_compute(), and follows an edit. */
static void
test_portfolio (Fixture       *fixture,
                gconstpointer  data)
{
  EkvPortfolioPage *page = EKV_PORTFOLIO_PAGE (ekv_window_show_page (fixture->window, "portfolio"));
  EkvRecord *o4 = ekv_document_find (fixture->document, EKV_ENTITY_OPTION, "o4");
  double before;

  ekv_test_spin ();
  assert_portfolio (page, fixture->document);
  /* the sample's programme, as `ekv results` gives it */
  assert_close (ekv_portfolio_page_get_figure (page, "investment"), 13725000);
  g_assert_cmpfloat (fabs (ekv_portfolio_page_get_figure (page, "co2") - 1149.419104), <, 1e-6);
  /* the chart's bars are those of its last drawing: wait for the first one */
  ekv_test_wait_until (macc_drawn, ekv_portfolio_page_get_chart (page), 5000);
  g_assert_cmpuint (ekv_macc_chart_get_bars (ekv_portfolio_page_get_chart (page))->len, >, 0);

  before = ekv_portfolio_page_get_figure (page, "investment");
  ekv_record_set_enum (o4, EKV_OPTION_STATUS, EKV_OPTION_STATUS_APPROVED);
  ekv_test_spin ();
  assert_close (ekv_portfolio_page_get_figure (page, "investment"),
                before + ekv_record_get_double (o4, EKV_OPTION_INVESTMENT));
  assert_portfolio (page, fixture->document);
}

/* An action added and typed in is in the file; deleting it takes it out. */
static void
test_action (Fixture       *fixture,
             gconstpointer  data)
{
  EkvActionPlanPage *page = EKV_ACTION_PLAN_PAGE (ekv_window_show_page (fixture->window,
                                                                        "action-plan"));
  GListModel *actions = ekv_document_get_list (fixture->document, EKV_ENTITY_ACTION);
  guint n = g_list_model_get_n_items (actions);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) stored = NULL;
  GListModel *stored_actions;
  EkvRecord *action;
  EkvFieldRow *row;
  gboolean found = FALSE;

  ekv_test_spin ();
  /* one group per option of the programme (o1–o3, o5, o6, o8, o10, o13, o14) */
  g_assert_cmpuint (ekv_action_plan_page_get_n_groups (page), ==, 9);

  action = ekv_action_plan_page_add_action (page, "o14", &error);
  g_assert_no_error (error);
  g_assert_nonnull (action);
  ekv_test_spin ();
  row = ekv_action_plan_page_get_field_row (page, action, "responsible");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Ayşe Test");
  g_assert_true (ekv_field_row_apply (row));
  row = ekv_action_plan_page_get_field_row (page, action, "start");
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-07-01");
  g_assert_true (ekv_field_row_apply (row));
  row = ekv_action_plan_page_get_field_row (page, action, "end");
  gtk_editable_set_text (GTK_EDITABLE (row), "2026-13-01");   /* no such month */
  g_assert_false (ekv_field_row_apply (row));
  g_assert_false (ekv_record_is_set (action, EKV_ACTION_END));

  stored = ekv_test_reopen (fixture->path);
  stored_actions = ekv_document_get_list (stored, EKV_ENTITY_ACTION);
  g_assert_cmpuint (g_list_model_get_n_items (stored_actions), ==, n + 1);
  for (guint i = 0; i < g_list_model_get_n_items (stored_actions); i++)
    {
      g_autoptr(EkvRecord) a = g_list_model_get_item (stored_actions, i);

      if (g_strcmp0 (ekv_record_get_string (a, EKV_ACTION_RESPONSIBLE), "Ayşe Test") == 0)
        {
          g_assert_cmpstr (ekv_record_get_string (a, EKV_ACTION_OPTION), ==, "o14");
          g_assert_cmpstr (ekv_record_get_string (a, EKV_ACTION_START), ==, "2026-07-01");
          g_assert_cmpint (ekv_record_get_enum (a, EKV_ACTION_STATUS), ==,
                           EKV_ACTION_STATUS_PLANNED);
          found = TRUE;
        }
    }
  g_assert_true (found);

  ekv_action_plan_page_remove_action (page, action);
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, n);
}

/* A value added for a new period is the last point of its KPI's chart. */
static void
test_kpi (Fixture       *fixture,
          gconstpointer  data)
{
  EkvMonitoringPage *page = EKV_MONITORING_PAGE (ekv_window_show_page (fixture->window,
                                                                       "monitoring"));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) stored = NULL;
  EkvKpiChart *chart;
  double value;
  guint n;

  ekv_test_spin ();
  chart = ekv_monitoring_page_get_chart (page, "k1");
  g_assert_nonnull (chart);
  n = ekv_kpi_chart_get_n_points (chart);
  g_assert_cmpuint (n, ==, 4);

  g_assert_nonnull (ekv_monitoring_page_add_value (page, "k1", "2026-05", 93.5, &error));
  g_assert_no_error (error);
  ekv_test_spin ();
  chart = ekv_monitoring_page_get_chart (page, "k1");
  g_assert_cmpuint (ekv_kpi_chart_get_n_points (chart), ==, n + 1);
  g_assert_cmpstr (ekv_kpi_chart_get_point (chart, n, &value), ==, "2026-05");
  g_assert_cmpfloat (value, ==, 93.5);

  /* An earlier period goes in its place in the chart, whatever the list's order. */
  g_assert_nonnull (ekv_monitoring_page_add_value (page, "k1", "2025-12", 102, &error));
  ekv_test_spin ();
  chart = ekv_monitoring_page_get_chart (page, "k1");
  g_assert_cmpstr (ekv_kpi_chart_get_point (chart, 0, &value), ==, "2025-12");
  g_assert_cmpfloat (value, ==, 102);

  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_record_get_children (
                      ekv_document_find (stored, EKV_ENTITY_KPI, "k1"), EKV_ENTITY_KPI_VALUE)),
                    ==, n + 2);
}

/* Export writes a whole PNG of the cost curve. */
static void
test_macc_export (Fixture       *fixture,
                  gconstpointer  data)
{
  EkvPortfolioPage *page = EKV_PORTFOLIO_PAGE (ekv_window_show_page (fixture->window, "portfolio"));
  g_autofree char *path = g_build_filename (fixture->dir, "curve.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  cairo_surface_t *png;
  gsize length;

  ekv_test_spin ();
  g_assert_true (ekv_portfolio_page_export (page, EKV_CHART_FORMAT_PNG, path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 10000);
  g_assert_true (memcmp (contents, "\x89PNG\r\n\x1a\n", 8) == 0);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1600);
  cairo_surface_destroy (png);
}

int
main (int   argc,
      char *argv[])
{
  if (!ekv_test_gui_init (&argc, &argv))
    return 0;

#define ADD(name, fn) \
  g_test_add ("/ekv/plan-pages/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("ranking", test_ranking);
  ADD ("ranking-weights-reopen", test_ranking_weights_reopen);
  ADD ("portfolio", test_portfolio);
  ADD ("action", test_action);
  ADD ("kpi", test_kpi);
  ADD ("macc-export", test_macc_export);
#undef ADD

  return g_test_run ();
}
