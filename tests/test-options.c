/* test-options.c: option savings, CO₂ avoided, the portfolio and the "after" scenario
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>

#include "ekv-balance.h"
#include "ekv-entity.h"
#include "ekv-json-import.h"
#include "ekv-options.h"
#include "ekv-scenario.h"
#include "ekv-test-util.h"

static void
assert_close (double      actual,
              double      expected,
              const char *what)
{
  if (expected == 0 ? fabs (actual) > 1e-12
                    : !(fabs (actual - expected) <= 1e-12 * fabs (expected)))
    g_error ("%s is %.17g, expected %.17g", what, actual, expected);
}

/* tests/data/json/results-options.json: 1 000 batches a year, gas 10 000 Sm³ a
 * month at 0.30 (9.6 kWh, 0.000825 TEP, 1.9 kg CO₂ per Sm³), electricity 20 000
 * kWh a month at 0.10 (0.000086 TEP, 0.5 kg CO₂ per kWh), water 10 m³ a batch at
 * 2, wastewater 9 m³ a batch at 1, waste 5 t a year at 50, raw material 100 t a
 * year at 1 000, internal steam 80 000 kWh a month; discount rate 8 %. */
static EkvDocument *
load_fixture (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "json", "results-options.json", NULL);

  return ekv_test_import_json (path, NULL);
}

static void
set_status (EkvDocument    *doc,
            const char     *option_id,
            EkvOptionStatus status)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, status);
  g_assert_true (ekv_document_set_value (doc, ekv_document_find (doc, EKV_ENTITY_OPTION, option_id),
                                         EKV_OPTION_STATUS, &value, &error));
  g_assert_no_error (error);
}

static void
add_change (EkvDocument *doc,
            const char  *option_id,
            const char  *flow_id,
            double       delta)
{
  g_autoptr(EkvRecord) change = ekv_record_new (EKV_ENTITY_CHANGE);
  g_autoptr(GError) error = NULL;

  ekv_record_set_string (change, EKV_CHANGE_FLOW, flow_id);
  ekv_record_set_double (change, EKV_CHANGE_DELTA, delta);
  g_assert_true (ekv_document_insert (doc, change,
                                      ekv_document_find (doc, EKV_ENTITY_OPTION, option_id),
                                      -1, &error));
  g_assert_no_error (error);
}

/* Savings from changes in percent and absolute, per batch and per month. */
static void
test_savings (void)
{
  g_autoptr(EkvDocument) doc = load_fixture ();
  g_autoptr(EkvOptions) options = ekv_options_compute (doc, NULL);
  const EkvOptionResult *o1 = ekv_options_find (options, "o1");
  const EkvOptionResult *o2 = ekv_options_find (options, "o2");
  const EkvOptionResult *o3 = ekv_options_find (options, "o3");
  const EkvOptionResult *o4 = ekv_options_find (options, "o4");

  g_assert_cmpuint (options->options->len, ==, 4);
  assert_close (options->discount_rate, 8, "rate");

  /* o1: water −2 m³/batch × 1 000 × 2 = 4 000; wastewater −2 × 1 000 × 1 = 2 000;
   * gas −10 % of 120 000 Sm³ = −12 000 × 0.3 = 3 600; minus 500 of O&M. */
  assert_close (o1->flow_saving, 4000 + 2000 + 3600, "o1 flow saving");
  assert_close (o1->annual_saving, 9100, "o1 saving");
  g_assert_null (o1->annual_saving_note);
  assert_close (o1->co2_avoided_t, 12000 * 1.9 / 1000, "o1 CO2");
  assert_close (o1->water_saved_m3, 2000, "o1 water");
  assert_close (o1->wastewater_saved_m3, 2000, "o1 wastewater");
  assert_close (o1->energy_saved_kwh, 12000 * 9.6, "o1 energy");
  assert_close (o1->tep_saved, 12000 * 0.000825, "o1 TEP");
  /* I 10 000, CF 9 100, n 5, S 1 000, r 8 %: by the definitions (computed
   * independently, year by year). */
  assert_close (o1->finance.npv, 27014.244534444326, "o1 NPV");
  g_assert_cmpfloat (fabs (o1->finance.irr_pct - 87.445399423916), <, 1e-9);
  assert_close (o1->finance.eac, 2504.564545668364, "o1 EAC");
  assert_close (o1->cost_per_t_co2, (2504.564545668364 - 9100) / 22.8, "o1 cost per t");

  /* o2: gas −500 Sm³/month = −6 000 × 0.3 = 1 800; electricity +5 % = +12 000 kWh
   * × 0.1 = −1 200; other savings 300. CO₂ 6 000 × 1.9 − 12 000 × 0.5 kg. */
  assert_close (o2->annual_saving, 900, "o2 saving");
  assert_close (o2->co2_avoided_t, 11.4 - 6, "o2 CO2");
  assert_close (o2->energy_saved_kwh, 6000 * 9.6 - 12000, "o2 energy");
  g_assert_cmpint (o2->finance.irr_status, ==, EKV_IRR_NO_INVESTMENT);
  assert_close (o2->cost_per_t_co2, -900 / 5.4, "o2 cost per t");

  /* o3: waste −100 % of 5 t × 50 = 250; raw material −10 t × 1 000; no CO₂. */
  assert_close (o3->annual_saving, 10250, "o3 saving");
  assert_close (o3->waste_avoided_kg, 5000, "o3 waste");
  assert_close (o3->raw_material_saved_t, 10, "o3 raw material");
  assert_close (o3->co2_avoided_t, 0, "o3 CO2");
  g_assert_true (isnan (o3->cost_per_t_co2));
  g_assert_nonnull (o3->cost_per_t_co2_note);

  /* o4: gas −20 000 Sm³/month × 12 × 0.3. */
  assert_close (o4->annual_saving, 72000, "o4 saving");
  g_assert_false (o4->in_portfolio);
}

/* Only energy bought from outside counts for CO₂, whatever else changes. */
static void
test_co2_bought_only (void)
{
  g_autoptr(EkvDocument) doc = load_fixture ();
  g_autoptr(EkvOptions) before = ekv_options_compute (doc, NULL);
  g_autoptr(EkvOptions) after = NULL;
  const EkvOptionResult *o3;

  /* o3 also saves internal steam and the boiler's heat loss: no CO₂, no energy. */
  add_change (doc, "o3", "f7", -10000);
  add_change (doc, "o3", "f9", -50000);
  after = ekv_options_compute (doc, NULL);
  o3 = ekv_options_find (after, "o3");
  assert_close (o3->co2_avoided_t, 0, "CO2 of internal steam");
  assert_close (o3->energy_saved_kwh, 0, "energy of internal steam");
  assert_close (o3->annual_saving, ekv_options_find (before, "o3")->annual_saving,
                "saving without prices");

  /* Bought electricity does count, through the audit's factor. */
  add_change (doc, "o3", "f8", -1000);
  g_clear_pointer (&after, ekv_options_free);
  after = ekv_options_compute (doc, NULL);
  o3 = ekv_options_find (after, "o3");
  assert_close (o3->co2_avoided_t, 12000 * 0.5 / 1000, "CO2 of electricity");
  assert_close (o3->annual_saving, 10250 + 1200, "saving with electricity");
}

/* The portfolio counts approved, in-progress and done options only. */
static void
test_portfolio (void)
{
  g_autoptr(EkvDocument) doc = load_fixture ();
  g_autoptr(EkvOptions) options = ekv_options_compute (doc, NULL);
  const EkvPortfolio *p = &options->portfolio;

  g_assert_true (ekv_option_status_in_portfolio (EKV_OPTION_STATUS_APPROVED));
  g_assert_true (ekv_option_status_in_portfolio (EKV_OPTION_STATUS_IN_PROGRESS));
  g_assert_true (ekv_option_status_in_portfolio (EKV_OPTION_STATUS_DONE));
  g_assert_false (ekv_option_status_in_portfolio (EKV_OPTION_STATUS_PROPOSED));
  g_assert_false (ekv_option_status_in_portfolio (EKV_OPTION_STATUS_REJECTED));

  /* o1 (approved) and o2 (done). */
  g_assert_cmpuint (p->n_options, ==, 2);
  assert_close (p->investment, 10000, "investment");
  assert_close (p->annual_saving, 10000, "saving");
  assert_close (p->simple_payback_years, 1, "payback");
  assert_close (p->co2_avoided_t, 22.8 + 5.4, "CO2");
  assert_close (p->water_saved_m3, 2000, "water");
  assert_close (p->energy_saved_kwh, 18000 * 9.6 - 12000, "energy");
  assert_close (p->tep_saved, 18000 * 0.000825 - 12000 * 0.000086, "TEP");
  assert_close (p->waste_avoided_kg, 0, "waste");

  /* o3 in progress joins, o1 back to proposed leaves. */
  set_status (doc, "o3", EKV_OPTION_STATUS_IN_PROGRESS);
  set_status (doc, "o1", EKV_OPTION_STATUS_PROPOSED);
  g_clear_pointer (&options, ekv_options_free);
  options = ekv_options_compute (doc, NULL);
  p = &options->portfolio;
  g_assert_cmpuint (p->n_options, ==, 2);
  assert_close (p->investment, 5000, "investment");
  assert_close (p->annual_saving, 900 + 10250, "saving");
  assert_close (p->waste_avoided_kg, 5000, "waste");
  assert_close (p->raw_material_saved_t, 10, "raw material");
  assert_close (p->water_saved_m3, 0, "water");
}

/* A flow per batch whose units have no batches per year: no saving, a reason. */
static void
test_no_batches (void)
{
  g_autoptr(EkvDocument) doc = load_fixture ();
  g_autoptr(EkvOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  const EkvOptionResult *o1;

  g_assert_true (ekv_document_set_value (doc,
                                         ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "u1"),
                                         EKV_UNIT_OPERATION_BATCHES_PER_YEAR, NULL, &error));
  g_assert_no_error (error);
  options = ekv_options_compute (doc, NULL);
  o1 = ekv_options_find (options, "o1");
  g_assert_true (isnan (o1->annual_saving));
  g_assert_nonnull (o1->annual_saving_note);
  g_assert_true (isnan (o1->finance.npv));
  g_assert_cmpstr (o1->finance.npv_note, ==, o1->annual_saving_note);
  g_assert_true (isnan (o1->water_saved_m3));
  g_assert_nonnull (o1->dimensions_note);
  /* The gas is per month: its CO₂ is still known. */
  assert_close (o1->co2_avoided_t, 22.8, "CO2");
  g_assert_true (isnan (options->portfolio.annual_saving));
  g_assert_nonnull (options->portfolio.annual_saving_note);
}

/* The after scenario: a new document with the portfolio's changes, whose
 * balances are the baseline's minus the portfolio's savings. */
static void
test_after (void)
{
  g_autoptr(EkvDocument) doc = load_fixture ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) after = ekv_scenario_after_full (doc, warnings, &error);
  g_autoptr(EkvBalance) before_balance = NULL;
  g_autoptr(EkvBalance) after_balance = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (after);
  g_assert_true (after != doc);
  g_assert_cmpuint (warnings->len, ==, 0);

  /* Several options on one flow add up: gas 10 000 − 10 % − 500 per month. */
  assert_close (ekv_record_get_double (ekv_document_find (after, EKV_ENTITY_FLOW, "f6"),
                                       EKV_FLOW_QUANTITY), 8500, "gas after");
  assert_close (ekv_record_get_double (ekv_document_find (after, EKV_ENTITY_FLOW, "f1"),
                                       EKV_FLOW_QUANTITY), 8, "water per batch after");
  assert_close (ekv_record_get_double (ekv_document_find (after, EKV_ENTITY_FLOW, "f8"),
                                       EKV_FLOW_QUANTITY), 21000, "electricity after");
  /* o3 is only proposed: its flows stay. */
  assert_close (ekv_record_get_double (ekv_document_find (after, EKV_ENTITY_FLOW, "f5"),
                                       EKV_FLOW_QUANTITY), 5, "waste after");
  /* A whole copy: the options too. */
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (after, EKV_ENTITY_OPTION)),
                    ==, g_list_model_get_n_items (ekv_document_get_list (doc, EKV_ENTITY_OPTION)));
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (after, EKV_ENTITY_FACTOR)),
                    ==, 2);
  /* The original is untouched. */
  assert_close (ekv_record_get_double (ekv_document_find (doc, EKV_ENTITY_FLOW, "f6"),
                                       EKV_FLOW_QUANTITY), 10000, "gas before");

  before_balance = ekv_balance_compute (doc);
  after_balance = ekv_balance_compute (after);
  /* Water 8 000 m³ = 8 000 000 kg, raw material 100 000 kg. */
  assert_close (after_balance->plant.mass_in_kg, 8100000, "mass in");
  assert_close (after_balance->plant.water_in_m3, 8000, "water in");
  assert_close (after_balance->plant.water_out_m3, 7000, "water out");
  /* Gas 102 000 Sm³ × 9.6 + electricity 252 000 kWh. */
  assert_close (after_balance->plant.energy_in_kwh, 102000 * 9.6 + 252000, "energy in");
  assert_close (after_balance->plant.tep, 102000 * 0.000825 + 252000 * 0.000086, "TEP");
  assert_close (after_balance->plant.co2_t, (102000 * 1.9 + 252000 * 0.5) / 1000, "CO2");
  assert_close (ekv_balance_find_unit (after_balance, "u1")->water_in_m3, 8000, "u1 water in");

  /* Before − after = the portfolio, in every dimension. */
  {
    g_autoptr(EkvOptions) options = ekv_options_compute (doc, before_balance);
    const EkvPortfolio *p = &options->portfolio;

    assert_close (before_balance->plant.water_in_m3 - after_balance->plant.water_in_m3,
                  p->water_saved_m3, "water saved");
    assert_close (before_balance->plant.energy_in_kwh - after_balance->plant.energy_in_kwh,
                  p->energy_saved_kwh, "energy saved");
    g_assert_cmpfloat (fabs (before_balance->plant.co2_t - after_balance->plant.co2_t
                             - p->co2_avoided_t), <, 1e-9);
  }
}

/* A quantity driven below zero is counted as zero, with a warning. */
static void
test_after_clamped (void)
{
  g_autoptr(EkvDocument) doc = load_fixture ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) after = NULL;
  g_autoptr(EkvBalance) balance = NULL;

  /* o4 takes 20 000 Sm³ a month more off the gas. */
  set_status (doc, "o4", EKV_OPTION_STATUS_APPROVED);
  after = ekv_scenario_after_full (doc, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "Doğal gaz"));
  g_assert_cmpfloat (ekv_record_get_double (ekv_document_find (after, EKV_ENTITY_FLOW, "f6"),
                                            EKV_FLOW_QUANTITY), ==, 0);
  balance = ekv_balance_compute (after);
  assert_close (balance->plant.energy_in_kwh, 252000, "electricity only");

  /* Without the warnings array too. */
  {
    g_autoptr(EkvDocument) again = ekv_scenario_after (doc, &error);

    g_assert_no_error (error);
    g_assert_nonnull (again);
  }
}

/* An audit without options: the after scenario is the baseline. */
static void
test_no_options (void)
{
  static const char *json =
    "{ \"format\": \"ekoverim-audit\", \"version\": 1, \"company\": { \"name\": \"A\" },"
    "  \"units\": [ { \"id\": \"u1\", \"name\": \"U\" } ],"
    "  \"flows\": [ { \"id\": \"f1\", \"name\": \"Su\", \"kind\": \"water\", \"from\": null,"
    "                 \"to\": \"u1\", \"quantity\": 12, \"unit\": \"m3\", \"period\": \"month\" } ] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_json_import_data (json, -1, "test", NULL, &error);
  g_autoptr(EkvDocument) after = NULL;
  g_autoptr(EkvBalance) balance = NULL;
  g_autoptr(EkvOptions) options = NULL;

  g_assert_no_error (error);
  after = ekv_scenario_after (doc, &error);
  g_assert_no_error (error);
  balance = ekv_balance_compute (after);
  assert_close (balance->plant.water_in_m3, 144, "water");
  options = ekv_options_compute (doc, NULL);
  g_assert_cmpuint (options->options->len, ==, 0);
  g_assert_cmpuint (options->portfolio.n_options, ==, 0);
  assert_close (options->portfolio.annual_saving, 0, "saving");
  g_assert_true (isnan (options->portfolio.simple_payback_years));
}

/* The MACC: options with CO₂ avoided, cheapest tonne first. */
static void
test_macc_order (void)
{
  g_autoptr(EkvDocument) doc = load_fixture ();
  g_autoptr(EkvOptions) options = ekv_options_compute (doc, NULL);
  g_autoptr(GPtrArray) all = ekv_options_macc_order (options, FALSE);
  g_autoptr(GPtrArray) portfolio = ekv_options_macc_order (options, TRUE);
  static const char *const all_ids[] = { "o1", "o2", "o4" };

  /* o1 −289.3, o2 −166.7, o4 −157.8 per tonne; o3 avoids none. */
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (all_ids));
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (((EkvOptionResult *) g_ptr_array_index (all, i))->id, ==, all_ids[i]);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpfloat (((EkvOptionResult *) g_ptr_array_index (all, i - 1))->cost_per_t_co2, <=,
                       ((EkvOptionResult *) g_ptr_array_index (all, i))->cost_per_t_co2);
  g_assert_cmpuint (portfolio->len, ==, 2);

  /* A dearer o1 moves to the end. */
  {
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) again = NULL;

    g_value_init (&value, G_TYPE_DOUBLE);
    g_value_set_double (&value, 200000);
    g_assert_true (ekv_document_set_value (doc, ekv_document_find (doc, EKV_ENTITY_OPTION, "o1"),
                                           EKV_OPTION_INVESTMENT, &value, &error));
    g_assert_no_error (error);
    g_clear_pointer (&options, ekv_options_free);
    options = ekv_options_compute (doc, NULL);
    again = ekv_options_macc_order (options, FALSE);
    g_assert_cmpstr (((EkvOptionResult *) g_ptr_array_index (again, 2))->id, ==, "o1");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/options/savings", test_savings);
  g_test_add_func ("/ekv/options/co2-bought-only", test_co2_bought_only);
  g_test_add_func ("/ekv/options/portfolio", test_portfolio);
  g_test_add_func ("/ekv/options/no-batches", test_no_batches);
  g_test_add_func ("/ekv/options/after", test_after);
  g_test_add_func ("/ekv/options/after-clamped", test_after_clamped);
  g_test_add_func ("/ekv/options/no-options", test_no_options);
  g_test_add_func ("/ekv/options/macc-order", test_macc_order);

  return g_test_run ();
}
