/* test-balance.c: mass, water and energy balances, indicators, warnings
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Small audits whose answers are worked out by hand in the comments, and the
 * bundled sample against the figures build-aux/check-sample.py prints.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>

#include "ekv-balance.h"
#include "ekv-json-import.h"

static void
assert_close_impl (double      value,
                   double      expected,
                   double      tolerance,
                   const char *expr,
                   int         line)
{
  double scale = fmax (fabs (expected), 1e-300);

  if (!(fabs (value - expected) <= tolerance * scale) && !(value == expected))
    g_error ("line %d: %s = %.17g, expected %.17g", line, expr, value, expected);
}

#define assert_close(value, expected) \
  assert_close_impl ((value), (expected), 1e-9, #value, __LINE__)
#define assert_close_tol(value, expected, tol) \
  assert_close_impl ((value), (expected), (tol), #value, __LINE__)

static EkvDocument *
import (const char *json)
{
  g_autoptr(GError) error = NULL;
  EkvDocument *doc = ekv_json_import_data (json, -1, "test", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static guint
count_warnings (EkvBalance            *balance,
                EkvBalanceWarningKind  kind,
                const char            *flow_id)
{
  guint n = 0;

  for (guint i = 0; i < balance->warnings->len; i++)
    {
      EkvBalanceWarning *w = g_ptr_array_index (balance->warnings, i);

      if (w->kind == kind && (flow_id == NULL || g_strcmp0 (w->flow_id, flow_id) == 0))
        {
          g_assert_nonnull (w->message);
          g_assert_cmpstr (w->message, !=, "");
          n++;
        }
    }
  return n;
}

/* ------------------------------------------------------------------------ */
/* A two-unit plant: batch periods, a density, a recycle loop, energy in MWh,
 * kWh per hour and Sm3, water.
 *
 * Calendar: 250 days (default), 2 shifts, 16 hours → 500 shifts, 4 000 hours.
 * u1 "Mix": 500 batches a year.
 *
 * u1 in:  r1 raw 2 t/batch            = 1 000 000 kg   (invoice)
 *         a1 aux 400 L/month × 1.25   =     6 000 kg   (estimated)
 *         w1 water 3 m3/day           =   750 000 kg   (metered)
 *         rc recycle 100 kg/shift     =    50 000 kg   (estimated)
 *                                     = 1 806 000 kg
 * u1 out: i1 1 500 kg/batch           =   750 000 kg
 *         ww 2 000 L/batch            = 1 000 000 kg (density 1 by default)
 *         ev 100 kg/day               =    25 000 kg
 *         hw 5 kg/batch               =     2 500 kg
 *                                     = 1 777 500 kg → 28 500 kg, 1.578 % ok
 * u2 in:  i1                          =   750 000 kg
 * u2 out: rc 50 000 + p1 20 t/month = 240 000 + ev2 400 m3 = 400 000
 *                                     =   690 000 kg → 60 000 kg, 8 % warn
 * Plant:  in r1 + a1 + w1 = 1 756 000; out ww + ev + hw + p1 + ev2 = 1 667 500.
 * Water:  in 750 m3; out ww 1 000 + ev 25 + ev2 400 = 1 425; unaccounted −675 (−90 %).
 * Energy: el 1 200 MWh → 1 200 000 kWh, 120 000 × 0.000086... see below;
 *         el2 50 kWh/hour × 4 000 = 200 000 kWh (to u1);
 *         gas 10 000 Sm3/month = 120 000 Sm3 × 9.59475 = 1 151 370 kWh;
 *         hl heat loss 500 GJ (not an input).
 *         TEP 1 400 000 × 0.000086 = 120.4, + 120 000 × 0.000825 = 99 → 219.4.
 *         CO2 1 400 000 × 0.44 = 616 000 kg, + 120 000 × 1.938 = 232 560 kg.
 * Cost in: 1 000 t × 100 + 4 800 L × 2 + 750 m3 × 5 + 1 200 MWh × 3 000
 *          + 120 000 Sm3 × 10 + 200 000 kWh × 3 = 5 513 350.
 * Production: 20 t/month = 240 t. */
static const char plant_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1,"
  "  \"company\": { \"name\": \"Two units\", \"shifts_per_day\": 2, \"hours_per_day\": 16,"
  "    \"products\": [ { \"name\": \"Widget\", \"quantity\": 20, \"unit\": \"t\", \"period\": \"month\" } ] },"
  "  \"units\": [ { \"id\": \"u1\", \"name\": \"Mix\", \"mode\": \"batch\", \"batches_per_year\": 500 },"
  "             { \"id\": \"u2\", \"name\": \"Dry\" } ],"
  "  \"flows\": ["
  "    { \"id\": \"r1\", \"name\": \"Resin\", \"kind\": \"raw_material\", \"from\": null, \"to\": \"u1\","
  "      \"quantity\": 2, \"unit\": \"t\", \"period\": \"batch\", \"price\": 100, \"quality\": \"invoice\" },"
  "    { \"id\": \"a1\", \"name\": \"Additive\", \"kind\": \"auxiliary\", \"from\": null, \"to\": \"u1\","
  "      \"quantity\": 400, \"unit\": \"L\", \"period\": \"month\", \"density\": 1.25, \"price\": 2 },"
  "    { \"id\": \"w1\", \"name\": \"Mains water\", \"kind\": \"water\", \"from\": null, \"to\": \"u1\","
  "      \"quantity\": 3, \"unit\": \"m3\", \"period\": \"day\", \"price\": 5, \"quality\": \"metered\" },"
  "    { \"id\": \"rc\", \"name\": \"Fines\", \"kind\": \"recycle\", \"from\": \"u2\", \"to\": \"u1\","
  "      \"quantity\": 100, \"unit\": \"kg\", \"period\": \"shift\" },"
  "    { \"id\": \"i1\", \"name\": \"Wet mix\", \"kind\": \"intermediate\", \"from\": \"u1\", \"to\": \"u2\","
  "      \"quantity\": 1500, \"unit\": \"kg\", \"period\": \"batch\", \"quality\": \"calculated\" },"
  "    { \"id\": \"ww\", \"name\": \"Rinse\", \"kind\": \"wastewater\", \"from\": \"u1\", \"to\": null,"
  "      \"quantity\": 2000, \"unit\": \"L\", \"period\": \"batch\" },"
  "    { \"id\": \"ev\", \"name\": \"Vapour\", \"kind\": \"evaporation\", \"from\": \"u1\", \"to\": null,"
  "      \"quantity\": 100, \"unit\": \"kg\", \"period\": \"day\" },"
  "    { \"id\": \"hw\", \"name\": \"Sludge\", \"kind\": \"hazardous_waste\", \"from\": \"u1\", \"to\": null,"
  "      \"quantity\": 5, \"unit\": \"kg\", \"period\": \"batch\" },"
  "    { \"id\": \"p1\", \"name\": \"Widget\", \"kind\": \"product\", \"from\": \"u2\", \"to\": null,"
  "      \"quantity\": 20, \"unit\": \"t\", \"period\": \"month\", \"quality\": \"measured\" },"
  "    { \"id\": \"ev2\", \"name\": \"Drying vapour\", \"kind\": \"evaporation\", \"from\": \"u2\", \"to\": null,"
  "      \"quantity\": 400, \"unit\": \"m3\" },"
  "    { \"id\": \"el\", \"name\": \"Power\", \"kind\": \"energy\", \"carrier\": \"electricity\", \"from\": null, \"to\": \"u2\","
  "      \"quantity\": 1200, \"unit\": \"MWh\", \"price\": 3000 },"
  "    { \"id\": \"gas\", \"name\": \"Gas\", \"kind\": \"energy\", \"carrier\": \"natural_gas\", \"from\": null, \"to\": \"u2\","
  "      \"quantity\": 10000, \"unit\": \"Sm3\", \"period\": \"month\", \"price\": 10 },"
  "    { \"id\": \"el2\", \"name\": \"Mixer power\", \"kind\": \"energy\", \"carrier\": \"electricity\", \"from\": null, \"to\": \"u1\","
  "      \"quantity\": 50, \"unit\": \"kWh\", \"period\": \"hour\", \"price\": 3 },"
  "    { \"id\": \"hl\", \"name\": \"Dryer losses\", \"kind\": \"heat_loss\", \"from\": \"u2\", \"to\": null,"
  "      \"quantity\": 500, \"unit\": \"GJ\" } ] }";

static void
check_plant_audit (EkvBalance *b)
{
  const EkvUnitBalance *u1 = ekv_balance_find_unit (b, "u1");
  const EkvUnitBalance *u2 = ekv_balance_find_unit (b, "u2");
  const EkvCarrierBalance *el = ekv_balance_find_carrier (b, EKV_CARRIER_ELECTRICITY);
  const EkvCarrierBalance *gas = ekv_balance_find_carrier (b, EKV_CARRIER_NATURAL_GAS);
  const EkvFlowFigures *fig;
  const EkvPlantBalance *p = &b->plant;

  g_assert_nonnull (u1);
  g_assert_nonnull (u2);
  g_assert_null (ekv_balance_find_unit (b, "u3"));

  assert_close (u1->mass_in_kg, 1806000);
  assert_close (u1->mass_out_kg, 1777500);
  assert_close (u1->mass_imbalance_kg, 28500);
  assert_close (u1->mass_imbalance_pct, 100.0 * 28500 / 1806000);
  g_assert_null (u1->mass_imbalance_pct_note);
  assert_close (u1->estimated_pct, 100.0 * 56000 / 1806000);
  assert_close (u1->water_in_m3, 750);
  assert_close (u1->water_out_m3, 1025);
  assert_close (u1->energy_in_kwh, 200000);
  g_assert_cmpuint (u1->n_inputs, ==, 5);
  g_assert_cmpuint (u1->n_outputs, ==, 4);
  g_assert_cmpuint (u1->n_left_out, ==, 0);

  assert_close (u2->mass_in_kg, 750000);
  assert_close (u2->mass_out_kg, 690000);
  assert_close (u2->mass_imbalance_kg, 60000);
  assert_close (u2->mass_imbalance_pct, 8);
  assert_close (u2->estimated_pct, 0);
  assert_close (u2->water_in_m3, 0);
  assert_close (u2->water_out_m3, 400);
  assert_close (u2->energy_in_kwh, 1200000 + 120000 * 8250 * 0.001163);

  assert_close (p->mass_in_kg, 1756000);
  assert_close (p->mass_out_kg, 1667500);
  assert_close (p->mass_imbalance_kg, 88500);
  assert_close (p->mass_imbalance_pct, 100.0 * 88500 / 1756000);
  assert_close (p->estimated_pct, 100.0 * 6000 / 1756000);
  assert_close (p->water_in_m3, 750);
  assert_close (p->water_out_m3, 1425);
  assert_close (p->water_unaccounted_m3, -675);
  assert_close (p->water_unaccounted_pct, -90);
  assert_close (p->energy_in_kwh, 1400000 + 1151370);
  assert_close (p->tep, 219.4);
  assert_close (p->co2_t, 848.56);
  g_assert_cmpint (p->tep_band, ==, EKV_TEP_BAND_BELOW_500);
  assert_close (p->cost_in, 5513350);

  g_assert_cmpstr (p->production_name, ==, "Widget");
  g_assert_nonnull (p->product);
  assert_close (p->production_t, 240);
  g_assert_null (p->production_note);
  assert_close (p->water_m3_per_t, 750.0 / 240);
  assert_close (p->wastewater_m3_per_t, 1000.0 / 240);
  assert_close (p->energy_kwh_per_t, 2551370.0 / 240);
  assert_close (p->tep_per_t, 219.4 / 240);
  assert_close (p->waste_kg_per_t, 2500.0 / 240);
  assert_close (p->raw_material_yield_pct, 24);
  g_assert_null (p->indicators_note);
  g_assert_null (p->raw_material_yield_pct_note);
  assert_close (p->wastewater_out_m3, 1000);
  assert_close (p->waste_out_kg, 2500);
  assert_close (p->product_out_kg, 240000);
  assert_close (p->raw_material_in_kg, 1000000);

  g_assert_cmpuint (b->carriers->len, ==, 2);
  g_assert_true (&g_array_index (b->carriers, EkvCarrierBalance, 0) == el);
  g_assert_nonnull (el);
  assert_close (el->energy_kwh, 1400000);
  assert_close (el->tep, 120.4);
  assert_close (el->co2_t, 616);
  assert_close (el->cost, 4200000);
  g_assert_cmpint (el->unit, ==, EKV_QUANTITY_UNIT_MWH);  /* the first flow's */
  assert_close (el->quantity, 1400);  /* 1 200 MWh and 200 000 kWh */
  g_assert_false (el->mixed_units);
  g_assert_true (el->has_factor);
  g_assert_cmpint (el->factor.source, ==, EKV_FACTOR_SOURCE_BUILT_IN);
  g_assert_nonnull (gas);
  assert_close (gas->energy_kwh, 1151370);
  assert_close (gas->tep, 99);
  assert_close (gas->co2_t, 232.56);
  assert_close (gas->cost, 1200000);
  assert_close (gas->quantity, 120000);
  g_assert_cmpint (gas->unit, ==, EKV_QUANTITY_UNIT_SM3);
  g_assert_null (ekv_balance_find_carrier (b, EKV_CARRIER_LPG));

  g_assert_cmpuint (b->flows->len, ==, 14);
  fig = ekv_balance_find_flow (b, "a1");
  assert_close (fig->per_year, 12);
  assert_close (fig->yearly, 4800);
  assert_close (fig->kg, 6000);
  g_assert_true (isnan (fig->water_m3));
  g_assert_true (isnan (fig->energy_kwh));
  assert_close (fig->cost, 9600);
  fig = ekv_balance_find_flow (b, "hl");
  assert_close (fig->energy_kwh, 500000 / 3.6);
  g_assert_true (isnan (fig->kg));
  g_assert_true (isnan (fig->tep));
  fig = ekv_balance_find_flow (b, "el2");
  assert_close (fig->per_year, 4000);
  assert_close (fig->tep, 17.2);
  assert_close (fig->co2_kg, 88000);
  g_assert_null (ekv_balance_find_flow (b, "nope"));

  g_assert_cmpuint (b->warnings->len, ==, 0);
}

static void
test_plant (void)
{
  g_autoptr(EkvDocument) doc = import (plant_audit);
  g_autoptr(EkvBalance) b = ekv_balance_compute (doc);

  assert_close (b->threshold_warn, 5);
  assert_close (b->threshold_error, 10);
  check_plant_audit (b);
  g_assert_cmpint (ekv_balance_find_unit (b, "u1")->status, ==, EKV_BALANCE_STATUS_OK);
  g_assert_cmpint (ekv_balance_find_unit (b, "u2")->status, ==, EKV_BALANCE_STATUS_WARN);
}

/* The same figures whatever the order the flows come in. */
static void
test_recompute (void)
{
  g_autoptr(EkvDocument) doc = import (plant_audit);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  EkvRecord *p1 = ekv_document_find (doc, EKV_ENTITY_FLOW, "p1");
  EkvBalance *b;

  /* 19.5 t/month of product: u2 out 684 000 → 66 000 kg, 8.8 % */
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 19.5);
  g_assert_true (ekv_document_set_value (doc, p1, EKV_FLOW_QUANTITY, &value, &error));
  g_assert_no_error (error);
  b = ekv_balance_compute (doc);
  assert_close (ekv_balance_find_unit (b, "u2")->mass_out_kg, 684000);
  assert_close (ekv_balance_find_unit (b, "u2")->mass_imbalance_pct, 8.8);
  assert_close (b->plant.mass_out_kg, 1661500);
  assert_close (b->plant.raw_material_yield_pct, 23.4);
  ekv_balance_free (b);

  /* back, and the flows moved around */
  g_value_set_double (&value, 20);
  g_assert_true (ekv_document_set_value (doc, p1, EKV_FLOW_QUANTITY, &value, &error));
  g_assert_true (ekv_document_move (doc, p1, 0, &error));
  g_assert_true (ekv_document_move (doc, ekv_document_find (doc, EKV_ENTITY_FLOW, "el2"), 0, &error));
  g_assert_no_error (error);
  b = ekv_balance_compute (doc);
  /* el2 (kWh) now comes first: the carrier's quantity is in kWh, the MWh of
   * the other flow converted */
  g_assert_cmpint (ekv_balance_find_carrier (b, EKV_CARRIER_ELECTRICITY)->unit, ==, EKV_QUANTITY_UNIT_KWH);
  assert_close (ekv_balance_find_carrier (b, EKV_CARRIER_ELECTRICITY)->quantity, 1400000);
  assert_close (ekv_balance_find_unit (b, "u1")->mass_imbalance_kg, 28500);
  assert_close (b->plant.tep, 219.4);
  ekv_balance_free (b);
}

static void
test_thresholds (void)
{
  g_autoptr(EkvDocument) doc = import (plant_audit);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  EkvRecord *audit = ekv_document_get_audit (doc);
  g_autoptr(EkvBalance) b = NULL;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 1);
  g_assert_true (ekv_document_set_value (doc, audit, EKV_AUDIT_THRESHOLD_WARN, &value, &error));
  g_value_set_double (&value, 7);
  g_assert_true (ekv_document_set_value (doc, audit, EKV_AUDIT_THRESHOLD_ERROR, &value, &error));
  g_assert_no_error (error);

  b = ekv_balance_compute (doc);
  assert_close (b->threshold_warn, 1);
  assert_close (b->threshold_error, 7);
  g_assert_cmpint (ekv_balance_find_unit (b, "u1")->status, ==, EKV_BALANCE_STATUS_WARN);
  g_assert_cmpint (ekv_balance_find_unit (b, "u2")->status, ==, EKV_BALANCE_STATUS_ERROR);

  /* strictly above the threshold; the sign does not matter */
  g_assert_cmpint (ekv_balance_status_for (5, 5, 10), ==, EKV_BALANCE_STATUS_OK);
  g_assert_cmpint (ekv_balance_status_for (5.0001, 5, 10), ==, EKV_BALANCE_STATUS_WARN);
  g_assert_cmpint (ekv_balance_status_for (-6.44, 5, 10), ==, EKV_BALANCE_STATUS_WARN);
  g_assert_cmpint (ekv_balance_status_for (10, 5, 10), ==, EKV_BALANCE_STATUS_WARN);
  g_assert_cmpint (ekv_balance_status_for (-10.5, 5, 10), ==, EKV_BALANCE_STATUS_ERROR);
  g_assert_cmpint (ekv_balance_status_for (NAN, 5, 10), ==, EKV_BALANCE_STATUS_OK);
  g_assert_cmpstr (ekv_balance_status_to_string (EKV_BALANCE_STATUS_OK), ==, "ok");
  g_assert_cmpstr (ekv_balance_status_to_string (EKV_BALANCE_STATUS_WARN), ==, "warn");
  g_assert_cmpstr (ekv_balance_status_to_string (EKV_BALANCE_STATUS_ERROR), ==, "error");
  g_assert_cmpstr (ekv_balance_status_describe (EKV_BALANCE_STATUS_ERROR), !=, "");
}

/* ------------------------------------------------------------------------ */
/* The DOMAIN.md §3.2 worked example through a whole audit: 2 500 000 kWh and
 * 1 200 000 Sm3 with the built-in factors → 215 + 990 = 1 205 TEP. */
static const char tep_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1, \"company\": { \"name\": \"TEP\" },"
  "  \"units\": [ { \"id\": \"u\", \"name\": \"Plant\" } ],"
  "  \"flows\": ["
  "    { \"id\": \"e\", \"name\": \"Power\", \"kind\": \"energy\", \"carrier\": \"electricity\", \"to\": \"u\","
  "      \"quantity\": 2500000, \"unit\": \"kWh\" },"
  "    { \"id\": \"g\", \"name\": \"Gas\", \"kind\": \"energy\", \"carrier\": \"natural_gas\", \"to\": \"u\","
  "      \"quantity\": 1200000, \"unit\": \"Sm3\" } ] }";

static void
test_tep_example (void)
{
  g_autoptr(EkvDocument) doc = import (tep_audit);
  g_autoptr(EkvBalance) b = ekv_balance_compute (doc);

  assert_close (ekv_balance_find_carrier (b, EKV_CARRIER_ELECTRICITY)->tep, 215);
  assert_close (ekv_balance_find_carrier (b, EKV_CARRIER_NATURAL_GAS)->tep, 990);
  assert_close (b->plant.tep, 1205);
  g_assert_cmpint (b->plant.tep_band, ==, EKV_TEP_BAND_FROM_1000);
  assert_close (b->plant.energy_in_kwh, 2500000 + 1200000 * 9.59475);
  assert_close (b->plant.co2_t, 2500 * 0.44 + 1200 * 1.938);

  /* no mass, no water, no product: figures that cannot be computed say why */
  assert_close (b->plant.mass_in_kg, 0);
  g_assert_true (isnan (b->plant.mass_imbalance_pct));
  g_assert_nonnull (b->plant.mass_imbalance_pct_note);
  g_assert_true (isnan (b->plant.water_unaccounted_pct));
  g_assert_nonnull (b->plant.water_unaccounted_pct_note);
  g_assert_true (isnan (ekv_balance_find_unit (b, "u")->mass_imbalance_pct));
  g_assert_true (isnan (ekv_balance_find_unit (b, "u")->estimated_pct));
  g_assert_nonnull (ekv_balance_find_unit (b, "u")->mass_imbalance_pct_note);
  g_assert_cmpint (ekv_balance_find_unit (b, "u")->status, ==, EKV_BALANCE_STATUS_OK);
}

static void
test_tep_bands (void)
{
  g_assert_cmpint (ekv_tep_band_for (0), ==, EKV_TEP_BAND_BELOW_500);
  g_assert_cmpint (ekv_tep_band_for (499.99), ==, EKV_TEP_BAND_BELOW_500);
  g_assert_cmpint (ekv_tep_band_for (500), ==, EKV_TEP_BAND_FROM_500);
  g_assert_cmpint (ekv_tep_band_for (999), ==, EKV_TEP_BAND_FROM_500);
  g_assert_cmpint (ekv_tep_band_for (1000), ==, EKV_TEP_BAND_FROM_1000);
  g_assert_cmpint (ekv_tep_band_for (4999), ==, EKV_TEP_BAND_FROM_1000);
  g_assert_cmpint (ekv_tep_band_for (5000), ==, EKV_TEP_BAND_FROM_5000);
  g_assert_cmpint (ekv_tep_band_for (50000), ==, EKV_TEP_BAND_FROM_50000);
  for (EkvTepBand band = EKV_TEP_BAND_BELOW_500; band <= EKV_TEP_BAND_FROM_50000; band++)
    {
      g_assert_cmpstr (ekv_tep_band_title (band), !=, "");
      g_assert_cmpstr (ekv_tep_band_describe (band), !=, "");
    }
  g_assert_cmpstr (ekv_tep_band_to_string (EKV_TEP_BAND_FROM_1000), ==, "from_1000");
  g_assert_cmpstr (ekv_tep_band_note (), !=, "");
}

/* ------------------------------------------------------------------------ */
/* The audit's own factors win, and say so: gas at 10 kWh and 2 kg CO2 per Sm3,
 * electricity at 0.5 kg CO2/kWh with the built-in TEP factor (unset field);
 * fuel oil given in kg against the built-in per tonne; coal in GJ, through its
 * heating value; diesel in litres with its density against the built-in per
 * tonne (0.84 t); LPG in m3 without a density cannot be converted. */
static const char factor_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1, \"company\": { \"name\": \"Factors\" },"
  "  \"units\": [ { \"id\": \"u\", \"name\": \"Boilers\" } ],"
  "  \"flows\": ["
  "    { \"id\": \"g\", \"name\": \"Gas\", \"kind\": \"energy\", \"carrier\": \"natural_gas\", \"to\": \"u\","
  "      \"quantity\": 1000, \"unit\": \"Sm3\" },"
  "    { \"id\": \"e\", \"name\": \"Power\", \"kind\": \"energy\", \"carrier\": \"electricity\", \"to\": \"u\","
  "      \"quantity\": 2, \"unit\": \"MWh\" },"
  "    { \"id\": \"o\", \"name\": \"Fuel oil\", \"kind\": \"energy\", \"carrier\": \"fuel_oil\", \"to\": \"u\","
  "      \"quantity\": 500, \"unit\": \"kg\" },"
  "    { \"id\": \"c\", \"name\": \"Coal\", \"kind\": \"energy\", \"carrier\": \"coal\", \"to\": \"u\","
  "      \"quantity\": 36, \"unit\": \"GJ\" },"
  "    { \"id\": \"d\", \"name\": \"Diesel\", \"kind\": \"energy\", \"carrier\": \"diesel\", \"to\": \"u\","
  "      \"quantity\": 1000, \"unit\": \"L\", \"density\": 0.84 },"
  "    { \"id\": \"l\", \"name\": \"LPG\", \"kind\": \"energy\", \"carrier\": \"lpg\", \"to\": \"u\","
  "      \"quantity\": 10, \"unit\": \"m3\" } ],"
  "  \"factors\": ["
  "    { \"carrier\": \"natural_gas\", \"unit\": \"Sm3\", \"lhv_kwh\": 10, \"tep\": 0.00086, \"co2_kg\": 2, \"source\": \"supplier\" },"
  "    { \"carrier\": \"electricity\", \"unit\": \"kWh\", \"co2_kg\": 0.5 } ] }";

static void
test_factors (void)
{
  g_autoptr(EkvDocument) doc = import (factor_audit);
  g_autoptr(EkvBalance) b = ekv_balance_compute (doc);
  const EkvCarrierBalance *g = ekv_balance_find_carrier (b, EKV_CARRIER_NATURAL_GAS);
  const EkvCarrierBalance *e = ekv_balance_find_carrier (b, EKV_CARRIER_ELECTRICITY);
  const EkvCarrierBalance *o = ekv_balance_find_carrier (b, EKV_CARRIER_FUEL_OIL);
  const EkvCarrierBalance *c = ekv_balance_find_carrier (b, EKV_CARRIER_COAL);
  const EkvCarrierBalance *d = ekv_balance_find_carrier (b, EKV_CARRIER_DIESEL);
  double coal_kwh_per_t = 6100 * 1000 * 0.001163;

  assert_close (g->energy_kwh, 10000);
  assert_close (g->tep, 0.86);
  assert_close (g->co2_t, 2);
  g_assert_cmpint (g->factor.source, ==, EKV_FACTOR_SOURCE_AUDIT);
  g_assert_cmpstr (g->factor.title, ==, "supplier");
  g_assert_true (EKV_IS_RECORD (g->factor.record));

  assert_close (e->energy_kwh, 2000);
  assert_close (e->tep, 0.172);
  assert_close (e->co2_t, 1);
  g_assert_cmpint (e->factor.source, ==, EKV_FACTOR_SOURCE_AUDIT);

  assert_close (o->energy_kwh, 0.5 * 9600 * 1000 * 0.001163);
  assert_close (o->tep, 0.48);
  assert_close (o->co2_t, 0.5 * 77400 * 9600 * 4.1868e-9);
  g_assert_cmpint (o->factor.source, ==, EKV_FACTOR_SOURCE_BUILT_IN);

  /* 36 GJ = 10 000 kWh = 10 000 / coal_kwh_per_t tonnes */
  assert_close (c->energy_kwh, 10000);
  assert_close (c->tep, 10000 * 0.61 / coal_kwh_per_t);
  assert_close (c->co2_t, 10000 / coal_kwh_per_t * 94600 * 6100 * 4.1868e-9);

  assert_close (d->energy_kwh, 0.84 * 10200 * 1000 * 0.001163);
  assert_close (d->tep, 0.84 * 1.02);
  assert_close (d->co2_t, 0.84 * 74100 * 10200 * 4.1868e-9);
  g_assert_cmpint (d->factor.source, ==, EKV_FACTOR_SOURCE_BUILT_IN);

  assert_close (b->plant.tep, 0.86 + 0.172 + 0.48 + 10000 * 0.61 / coal_kwh_per_t + 0.84 * 1.02);
  assert_close (ekv_balance_find_unit (b, "u")->energy_in_kwh,
                10000 + 2000 + 0.5 * 9600 * 1000 * 0.001163 + 10000 + 0.84 * 10200 * 1000 * 0.001163);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NOT_IN_ENERGY, "l"), ==, 1);
  g_assert_cmpuint (b->warnings->len, ==, 1);
  g_assert_null (ekv_balance_find_carrier (b, EKV_CARRIER_LPG));

  /* the balance outlives the audit's factor: what it used stays readable */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EkvRecord) record = g_object_ref (g->factor.record);

    g_assert_true (ekv_document_remove (doc, record, &error));
    g_assert_no_error (error);
    g_clear_object (&record);
    g_assert_cmpstr (g->factor.title, ==, "supplier");
    assert_close (ekv_record_get_double (g->factor.record, EKV_FACTOR_LHV_KWH), 10);
  }
}

/* ------------------------------------------------------------------------ */
/* Flows that cannot be counted are left out and reported, never a crash.
 *
 * u1 in:  r 1 t raw (counted) = 1 000 kg; c 100 L of acid, no density (left out);
 *         k per batch, u1 has no batches (left out of everything);
 *         pc 100 pcs of packaging (left out of mass);
 *         e 100 kWh without a carrier (TEP at 1/11 630, no CO2);
 *         s 5 t of bought steam (no heating value: left out of energy);
 *         wz water in Sm3 (left out of mass and water)
 * u1 out: x 1 t product to u2 (flagged, counted);
 * u3 out: sw 5 kg of waste, nothing in (flagged). */
static const char warning_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1, \"company\": { \"name\": \"Warnings\" },"
  "  \"units\": [ { \"id\": \"u1\", \"name\": \"First\", \"batches_per_year\": 10 },"
  "             { \"id\": \"u2\", \"name\": \"Second\" }, { \"id\": \"u3\", \"name\": \"Third\" } ],"
  "  \"flows\": ["
  "    { \"id\": \"r\", \"name\": \"Fibre\", \"kind\": \"raw_material\", \"to\": \"u1\", \"quantity\": 1, \"unit\": \"t\","
  "      \"quality\": \"measured\" },"
  "    { \"id\": \"c\", \"name\": \"Acid\", \"kind\": \"auxiliary\", \"to\": \"u1\", \"quantity\": 100, \"unit\": \"L\" },"
  "    { \"id\": \"k\", \"name\": \"Kit\", \"kind\": \"auxiliary\", \"to\": \"u1\", \"quantity\": 3, \"unit\": \"kg\","
  "      \"period\": \"batch\" },"
  "    { \"id\": \"pc\", \"name\": \"Boxes\", \"kind\": \"packaging\", \"to\": \"u1\", \"quantity\": 100, \"unit\": \"pcs\" },"
  "    { \"id\": \"e\", \"name\": \"Power\", \"kind\": \"energy\", \"to\": \"u1\", \"quantity\": 11630, \"unit\": \"kWh\" },"
  "    { \"id\": \"s\", \"name\": \"Steam\", \"kind\": \"energy\", \"carrier\": \"steam\", \"to\": \"u1\","
  "      \"quantity\": 5, \"unit\": \"t\" },"
  "    { \"id\": \"wz\", \"name\": \"Odd water\", \"kind\": \"water\", \"to\": \"u1\", \"quantity\": 5, \"unit\": \"Sm3\" },"
  "    { \"id\": \"x\", \"name\": \"Yarn\", \"kind\": \"intermediate\", \"from\": \"u1\", \"to\": \"u2\", \"quantity\": 1, \"unit\": \"t\" },"
  "    { \"id\": \"sw\", \"name\": \"Sweepings\", \"kind\": \"solid_waste\", \"from\": \"u3\", \"quantity\": 5, \"unit\": \"kg\" } ] }";

static void
test_warnings (void)
{
  g_autoptr(EkvDocument) doc = import (warning_audit);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvBalance) b = NULL;
  g_auto(GValue) kind = G_VALUE_INIT;
  const EkvUnitBalance *u1;
  const EkvFlowFigures *fig;

  /* what the import refuses, an edit can still make: the balance copes */
  g_assert_true (ekv_document_set_value (doc, ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "u1"),
                                         EKV_UNIT_OPERATION_BATCHES_PER_YEAR, NULL, &error));
  g_value_init (&kind, ekv_field_get_gtype (ekv_entity_get_field (EKV_ENTITY_FLOW, EKV_FLOW_KIND)));
  g_value_set_enum (&kind, EKV_FLOW_KIND_PRODUCT);
  g_assert_true (ekv_document_set_value (doc, ekv_document_find (doc, EKV_ENTITY_FLOW, "x"),
                                         EKV_FLOW_KIND, &kind, &error));
  g_assert_no_error (error);

  b = ekv_balance_compute (doc);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NO_DENSITY, "c"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NO_BATCHES, "k"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NOT_IN_MASS, "pc"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NOT_IN_MASS, "wz"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NOT_IN_WATER, "wz"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NO_CARRIER, "e"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NOT_IN_ENERGY, "s"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_PRODUCT_TO_UNIT, "x"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NO_MASS_IN, NULL), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_MAGNITUDE, NULL), ==, 0);
  g_assert_cmpuint (b->warnings->len, ==, 9);
  for (guint i = 0; i < b->warnings->len; i++)
    {
      EkvBalanceWarning *w = g_ptr_array_index (b->warnings, i);

      if (w->kind == EKV_BALANCE_WARNING_NO_MASS_IN)
        {
          g_assert_cmpstr (w->unit_id, ==, "u3");
          g_assert_null (w->flow_id);
          g_assert_cmpint (w->field, ==, -1);
        }
      else if (w->kind == EKV_BALANCE_WARNING_NO_DENSITY)
        g_assert_cmpint (w->field, ==, EKV_FLOW_DENSITY);
      else if (w->kind == EKV_BALANCE_WARNING_NO_BATCHES)
        g_assert_cmpint (w->field, ==, EKV_FLOW_PERIOD);
      g_assert_nonnull (strstr (w->message, "“"));
    }

  u1 = ekv_balance_find_unit (b, "u1");
  assert_close (u1->mass_in_kg, 1000);
  assert_close (u1->mass_out_kg, 1000);
  assert_close (u1->estimated_pct, 0);
  assert_close (u1->energy_in_kwh, 11630);
  assert_close (u1->water_in_m3, 0);
  g_assert_cmpuint (u1->n_inputs, ==, 7);
  g_assert_cmpuint (u1->n_left_out, ==, 5);   /* c, k, pc, s, wz */
  assert_close (ekv_balance_find_unit (b, "u2")->mass_in_kg, 1000);
  assert_close (ekv_balance_find_unit (b, "u3")->mass_out_kg, 5);
  g_assert_true (isnan (ekv_balance_find_unit (b, "u3")->mass_imbalance_pct));

  fig = ekv_balance_find_flow (b, "k");
  g_assert_true (isnan (fig->per_year));
  g_assert_true (isnan (fig->yearly));
  g_assert_true (isnan (fig->kg));

  /* no carrier: 1 TEP per 11 630 kWh, no CO2, under "other" */
  assert_close (b->plant.tep, 1);
  assert_close (b->plant.co2_t, 0);
  assert_close (b->plant.energy_in_kwh, 11630);
  g_assert_false (ekv_balance_find_carrier (b, EKV_CARRIER_OTHER)->has_factor);
  g_assert_null (ekv_balance_find_carrier (b, EKV_CARRIER_STEAM));

  /* no product: no denominator, no indicators, and a reason */
  g_assert_null (b->plant.product);
  g_assert_null (b->plant.production_name);
  g_assert_true (isnan (b->plant.production_t));
  g_assert_nonnull (b->plant.production_note);
  g_assert_true (isnan (b->plant.water_m3_per_t));
  g_assert_true (isnan (b->plant.wastewater_m3_per_t));
  g_assert_true (isnan (b->plant.energy_kwh_per_t));
  g_assert_true (isnan (b->plant.tep_per_t));
  g_assert_true (isnan (b->plant.waste_kg_per_t));
  g_assert_nonnull (b->plant.indicators_note);
  /* 100 × product mass out (none: x goes to u2) / 1 000 kg raw */
  assert_close (b->plant.raw_material_yield_pct, 0);
}

static const char magnitude_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1, \"company\": { \"name\": \"Big\" },"
  "  \"units\": [ { \"id\": \"u\", \"name\": \"U\" } ],"
  "  \"flows\": ["
  "    { \"id\": \"m\", \"name\": \"Ore\", \"kind\": \"raw_material\", \"to\": \"u\", \"quantity\": 2000000, \"unit\": \"t\","
  "      \"period\": \"day\" },"
  "    { \"id\": \"d\", \"name\": \"Paste\", \"kind\": \"auxiliary\", \"to\": \"u\", \"quantity\": 1, \"unit\": \"L\","
  "      \"density\": 1200 },"
  "    { \"id\": \"w\", \"name\": \"Water\", \"kind\": \"water\", \"to\": \"u\", \"quantity\": 1e6, \"unit\": \"m3\","
  "      \"period\": \"hour\" },"
  "    { \"id\": \"e\", \"name\": \"Power\", \"kind\": \"energy\", \"carrier\": \"electricity\", \"to\": \"u\","
  "      \"quantity\": 50000, \"unit\": \"GJ\", \"period\": \"hour\" },"
  "    { \"id\": \"ok\", \"name\": \"Fine\", \"kind\": \"auxiliary\", \"to\": \"u\", \"quantity\": 5, \"unit\": \"t\" } ] }";

static void
test_magnitude (void)
{
  g_autoptr(EkvDocument) doc = import (magnitude_audit);
  g_autoptr(EkvBalance) b = ekv_balance_compute (doc);

  /* suspicious, not refused: every one is still counted */
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_MAGNITUDE, "m"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_MAGNITUDE, "d"), ==, 1);
  /* water: once as a mass, once as a volume */
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_MAGNITUDE, "w"), ==, 2);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_MAGNITUDE, "e"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_MAGNITUDE, "ok"), ==, 0);
  assert_close (b->plant.mass_in_kg, 2e9 * 250 + 1200 + 1e9 * 2000 + 5000);
  assert_close (b->plant.water_in_m3, 2e9);
}

/* A product given in kg per shift, the second one marked as the denominator. */
static const char denominator_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1,"
  "  \"company\": { \"name\": \"Denominator\", \"days_per_year\": 300, \"shifts_per_day\": 3,"
  "    \"products\": [ { \"name\": \"Scrap\", \"quantity\": 1, \"unit\": \"t\" },"
  "                    { \"name\": \"Yarn\", \"quantity\": 2000, \"unit\": \"kg\", \"period\": \"shift\","
  "                      \"denominator\": true } ] },"
  "  \"units\": [ { \"id\": \"u\", \"name\": \"U\" } ],"
  "  \"flows\": ["
  "    { \"id\": \"w\", \"name\": \"Water\", \"kind\": \"water\", \"to\": \"u\", \"quantity\": 18000, \"unit\": \"m3\" } ] }";

static void
test_denominator (void)
{
  g_autoptr(EkvDocument) doc = import (denominator_audit);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  EkvBalance *b;
  EkvRecord *yarn;

  b = ekv_balance_compute (doc);
  /* 2 000 kg × 900 shifts = 1 800 t */
  g_assert_cmpstr (b->plant.production_name, ==, "Yarn");
  assert_close (b->plant.production_t, 1800);
  assert_close (b->plant.water_m3_per_t, 10);
  assert_close (b->plant.energy_kwh_per_t, 0);
  g_assert_true (isnan (b->plant.raw_material_yield_pct));
  g_assert_nonnull (b->plant.raw_material_yield_pct_note);
  yarn = b->plant.product;
  ekv_balance_free (b);

  /* a denominator in pieces gives no indicators, with a reason */
  g_value_init (&value, ekv_field_get_gtype (ekv_entity_get_field (EKV_ENTITY_PRODUCT, EKV_PRODUCT_UNIT)));
  g_value_set_enum (&value, EKV_QUANTITY_UNIT_PCS);
  g_assert_true (ekv_document_set_value (doc, yarn, EKV_PRODUCT_UNIT, &value, &error));
  g_assert_no_error (error);
  b = ekv_balance_compute (doc);
  g_assert_cmpstr (b->plant.production_name, ==, "Yarn");
  g_assert_true (isnan (b->plant.production_t));
  g_assert_nonnull (b->plant.production_note);
  g_assert_true (isnan (b->plant.water_m3_per_t));
  g_assert_true (b->plant.indicators_note == b->plant.production_note);
  ekv_balance_free (b);

  /* per batch: no year for it */
  g_value_set_enum (&value, EKV_QUANTITY_UNIT_T);
  g_assert_true (ekv_document_set_value (doc, yarn, EKV_PRODUCT_UNIT, &value, &error));
  g_value_unset (&value);
  g_value_init (&value, ekv_field_get_gtype (ekv_entity_get_field (EKV_ENTITY_PRODUCT, EKV_PRODUCT_PERIOD)));
  g_value_set_enum (&value, EKV_PERIOD_BATCH);
  g_assert_true (ekv_document_set_value (doc, yarn, EKV_PRODUCT_PERIOD, &value, &error));
  g_assert_no_error (error);
  b = ekv_balance_compute (doc);
  g_assert_true (isnan (b->plant.production_t));
  g_assert_nonnull (b->plant.production_note);
  ekv_balance_free (b);

  /* zero production */
  g_value_set_enum (&value, EKV_PERIOD_YEAR);
  g_assert_true (ekv_document_set_value (doc, yarn, EKV_PRODUCT_PERIOD, &value, &error));
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 0);
  g_assert_true (ekv_document_set_value (doc, yarn, EKV_PRODUCT_QUANTITY, &value, &error));
  g_assert_no_error (error);
  b = ekv_balance_compute (doc);
  assert_close (b->plant.production_t, 0);
  g_assert_null (b->plant.production_note);
  g_assert_true (isnan (b->plant.tep_per_t));
  g_assert_nonnull (b->plant.indicators_note);
  ekv_balance_free (b);
}

/* ------------------------------------------------------------------------ */
/* The bundled sample, against build-aux/check-sample.py (its own factors). */

static EkvDocument *
import_sample (void)
{
  g_autoptr(GError) error = NULL;
  const char *root = g_getenv ("EKV_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  EkvDocument *doc;

  g_assert_nonnull (root);
  path = g_build_filename (root, "resources", "samples", "ege-orme-boya.json", NULL);
  file = g_file_new_for_path (path);
  doc = ekv_json_import_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  return doc;
}

static void
test_sample (void)
{
  g_autoptr(EkvDocument) doc = import_sample ();
  g_autoptr(EkvBalance) b = ekv_balance_compute (doc);
  const EkvPlantBalance *p = &b->plant;
  static const struct {
    const char *id;
    double in, out, water_in, water_out, energy_in;
    EkvBalanceStatus status;
  } units[] = {
    { "u1", 3424000.0, 3424000.0, 0.0, 0.0, 60000.0, EKV_BALANCE_STATUS_OK },
    { "u2", 111578210.0, 111252000.0, 96000.0, 100900.0, 5477200.0, EKV_BALANCE_STATUS_OK },
    { "u3", 41669000.0, 41885000.0, 29800.0, 31300.0, 4605600.0, EKV_BALANCE_STATUS_OK },
    { "u4", 162708750.0, 173185000.0, 152000.0, 150500.0, 4548000.0, EKV_BALANCE_STATUS_WARN },
    { "u5", 10685000.0, 10668000.0, 0.0, 4992.0, 180000.0, EKV_BALANCE_STATUS_OK },
    { "u6", 6183000.0, 6181000.0, 480.0, 2820.0, 6098400.0, EKV_BALANCE_STATUS_OK },
    { "u7", 3294000.0, 3292000.0, 0.0, 0.0, 873300.0, EKV_BALANCE_STATUS_OK },
    { "u8", 3288000.0, 3289760.0, 0.0, 0.0, 143100.0, EKV_BALANCE_STATUS_OK },
    { "u9", 9760200.0, 9750000.0, 9756.0, 9750.0, 15891436.0, EKV_BALANCE_STATUS_OK },
    { "u10", 310852200.0, 300536000.0, 310800.0, 12500.0, 140000.0, EKV_BALANCE_STATUS_OK },
    { "u11", 305137080.0, 304940200.0, 0.0, 304860.0, 180000.0, EKV_BALANCE_STATUS_OK },
    { "u12", 600.3, 585.0, 0.0, 0.0, 620400.0, EKV_BALANCE_STATUS_OK },
  };
  const EkvCarrierBalance *el, *gas;

  g_assert_cmpuint (b->units->len, ==, G_N_ELEMENTS (units));
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      const EkvUnitBalance *u = &g_array_index (b->units, EkvUnitBalance, i);

      g_assert_cmpstr (u->id, ==, units[i].id);
      assert_close (u->mass_in_kg, units[i].in);
      assert_close (u->mass_out_kg, units[i].out);
      assert_close (u->water_in_m3, units[i].water_in);
      assert_close (u->water_out_m3, units[i].water_out);
      assert_close (u->energy_in_kwh, units[i].energy_in);
      g_assert_cmpint (u->status, ==, units[i].status);
    }
  assert_close (ekv_balance_find_unit (b, "u4")->mass_imbalance_pct, -6.438651885654582);

  assert_close (p->mass_in_kg, 316209040.3);
  assert_close (p->mass_out_kg, 316032545.0);
  assert_close (p->water_in_m3, 310800);
  assert_close (p->water_out_m3, 312530);
  assert_close (p->wastewater_out_m3, 303360);
  assert_close (p->water_unaccounted_m3, -1730);
  assert_close (p->energy_in_kwh, 24876836);
  assert_close (p->tep, 2139.9644);
  assert_close (p->co2_t, 6062.2712);
  assert_close (p->cost_in, 697634100);
  assert_close (p->waste_out_kg, 230545);
  assert_close (p->product_out_kg, 3260000);
  assert_close (p->raw_material_in_kg, 3400000);
  g_assert_cmpint (p->tep_band, ==, EKV_TEP_BAND_FROM_1000);

  /* first product: 3 110 t */
  assert_close (p->production_t, 3110);
  assert_close (p->water_m3_per_t, 310800.0 / 3110);
  assert_close (p->wastewater_m3_per_t, 303360.0 / 3110);
  assert_close (p->energy_kwh_per_t, 24876836.0 / 3110);
  assert_close (p->tep_per_t, 2139.9644 / 3110);
  assert_close (p->waste_kg_per_t, 230545.0 / 3110);
  assert_close (p->raw_material_yield_pct, 100.0 * 3260000 / 3400000);
  /* the checker prints these rounded */
  assert_close_tol (p->water_m3_per_t, 99.9, 1e-3);
  assert_close_tol (p->energy_kwh_per_t, 7999, 1e-4);
  assert_close_tol (p->raw_material_yield_pct, 95.9, 1e-3);

  el = ekv_balance_find_carrier (b, EKV_CARRIER_ELECTRICITY);
  gas = ekv_balance_find_carrier (b, EKV_CARRIER_NATURAL_GAS);
  g_assert_cmpuint (b->carriers->len, ==, 2);
  assert_close (el->energy_kwh, 4350400);
  assert_close (el->tep, 374.1344);
  assert_close (el->co2_t, 1914.176);
  assert_close (el->cost, 15008880);
  assert_close (el->quantity, 4350400);
  g_assert_cmpint (el->factor.source, ==, EKV_FACTOR_SOURCE_AUDIT);
  assert_close (gas->energy_kwh, 20526436);
  assert_close (gas->tep, 1765.83);
  assert_close (gas->co2_t, 4148.0952);
  assert_close (gas->cost, 32534080);
  assert_close (gas->quantity, 2140400);
  g_assert_cmpint (gas->factor.source, ==, EKV_FACTOR_SOURCE_AUDIT);

  /* what the checker lists as "not brought to kg", and nothing else */
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NOT_IN_MASS, "f54"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NOT_IN_MASS, "f64"), ==, 1);
  g_assert_cmpuint (count_warnings (b, EKV_BALANCE_WARNING_NOT_IN_MASS, "f77"), ==, 1);
  g_assert_cmpuint (b->warnings->len, ==, 3);
}

/* Not a timed assertion: the figure is printed for people (the GUI recomputes
 * on every edit, so a balance of the sample should take well under 10 ms). */
static void
test_sample_timing (void)
{
  g_autoptr(EkvDocument) doc = import_sample ();
  const guint rounds = 200;
  gint64 start = g_get_monotonic_time ();
  double ms;

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(EkvBalance) b = ekv_balance_compute (doc);

      g_assert_cmpuint (b->flows->len, ==, 96);
    }
  ms = (g_get_monotonic_time () - start) / 1000.0 / rounds;
  g_test_message ("a balance of the sample takes %.3f ms", ms);
  if (g_test_verbose ())
    g_printerr ("a balance of the sample takes %.3f ms\n", ms);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/balance/plant", test_plant);
  g_test_add_func ("/ekv/balance/recompute", test_recompute);
  g_test_add_func ("/ekv/balance/thresholds", test_thresholds);
  g_test_add_func ("/ekv/balance/tep/example", test_tep_example);
  g_test_add_func ("/ekv/balance/tep/bands", test_tep_bands);
  g_test_add_func ("/ekv/balance/factors", test_factors);
  g_test_add_func ("/ekv/balance/warnings", test_warnings);
  g_test_add_func ("/ekv/balance/magnitude", test_magnitude);
  g_test_add_func ("/ekv/balance/denominator", test_denominator);
  g_test_add_func ("/ekv/balance/sample", test_sample);
  g_test_add_func ("/ekv/balance/sample/timing", test_sample_timing);

  return g_test_run ();
}
