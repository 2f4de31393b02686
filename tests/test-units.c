/* test-units.c: units, periods, carriers and the built-in factors
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>

#include "ekv-factors.h"
#include "ekv-json-import.h"
#include "ekv-units.h"

#define REL_TOL 1e-9

static void
assert_close_impl (double      value,
                   double      expected,
                   const char *expr,
                   int         line)
{
  double scale = fmax (fabs (expected), 1e-300);

  if (!(fabs (value - expected) <= REL_TOL * scale) && !(value == expected))
    g_error ("line %d: %s = %.17g, expected %.17g", line, expr, value, expected);
}

#define assert_close(value, expected) assert_close_impl ((value), (expected), #value, __LINE__)

/* ------------------------------------------------------------------------ */

static void
test_dimensions (void)
{
  static const struct { EkvQuantityUnit unit; EkvDimension dim; double base; } cases[] = {
    { EKV_QUANTITY_UNIT_G,    EKV_DIMENSION_MASS,       0.001 },
    { EKV_QUANTITY_UNIT_KG,   EKV_DIMENSION_MASS,       1 },
    { EKV_QUANTITY_UNIT_T,    EKV_DIMENSION_MASS,       1000 },
    { EKV_QUANTITY_UNIT_L,    EKV_DIMENSION_VOLUME,     0.001 },
    { EKV_QUANTITY_UNIT_M3,   EKV_DIMENSION_VOLUME,     1 },
    { EKV_QUANTITY_UNIT_SM3,  EKV_DIMENSION_GAS_VOLUME, 1 },
    { EKV_QUANTITY_UNIT_NM3,  EKV_DIMENSION_GAS_VOLUME, 1 },
    { EKV_QUANTITY_UNIT_KWH,  EKV_DIMENSION_ENERGY,     1 },
    { EKV_QUANTITY_UNIT_MWH,  EKV_DIMENSION_ENERGY,     1000 },
    { EKV_QUANTITY_UNIT_MJ,   EKV_DIMENSION_ENERGY,     1 / 3.6 },
    { EKV_QUANTITY_UNIT_GJ,   EKV_DIMENSION_ENERGY,     1000 / 3.6 },
    { EKV_QUANTITY_UNIT_KCAL, EKV_DIMENSION_ENERGY,     0.001163 },
    { EKV_QUANTITY_UNIT_MCAL, EKV_DIMENSION_ENERGY,     1.163 },
    { EKV_QUANTITY_UNIT_TEP,  EKV_DIMENSION_ENERGY,     11630 },
    { EKV_QUANTITY_UNIT_PCS,  EKV_DIMENSION_COUNT,      1 },
  };

  g_assert_cmpuint (G_N_ELEMENTS (cases), ==, EKV_QUANTITY_UNIT_PCS + 1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (ekv_quantity_unit_get_dimension (cases[i].unit), ==, cases[i].dim);
      assert_close (ekv_quantity_unit_to_base (cases[i].unit), cases[i].base);
    }
}

static void
test_convert (void)
{
  double r = -1;

  g_assert_true (ekv_quantity_unit_convert (2.5, EKV_QUANTITY_UNIT_T, EKV_QUANTITY_UNIT_KG, &r));
  assert_close (r, 2500);
  g_assert_true (ekv_quantity_unit_convert (2500, EKV_QUANTITY_UNIT_G, EKV_QUANTITY_UNIT_KG, &r));
  assert_close (r, 2.5);
  g_assert_true (ekv_quantity_unit_convert (1500, EKV_QUANTITY_UNIT_KG, EKV_QUANTITY_UNIT_T, &r));
  assert_close (r, 1.5);
  g_assert_true (ekv_quantity_unit_convert (1, EKV_QUANTITY_UNIT_T, EKV_QUANTITY_UNIT_G, &r));
  assert_close (r, 1e6);
  g_assert_true (ekv_quantity_unit_convert (250, EKV_QUANTITY_UNIT_L, EKV_QUANTITY_UNIT_M3, &r));
  assert_close (r, 0.25);
  g_assert_true (ekv_quantity_unit_convert (2, EKV_QUANTITY_UNIT_M3, EKV_QUANTITY_UNIT_L, &r));
  assert_close (r, 2000);
  g_assert_true (ekv_quantity_unit_convert (3.6, EKV_QUANTITY_UNIT_GJ, EKV_QUANTITY_UNIT_MWH, &r));
  assert_close (r, 1);
  g_assert_true (ekv_quantity_unit_convert (1, EKV_QUANTITY_UNIT_TEP, EKV_QUANTITY_UNIT_GJ, &r));
  assert_close (r, 41.868);
  g_assert_true (ekv_quantity_unit_convert (1000, EKV_QUANTITY_UNIT_KCAL, EKV_QUANTITY_UNIT_MCAL, &r));
  assert_close (r, 1);
  g_assert_true (ekv_quantity_unit_convert (7, EKV_QUANTITY_UNIT_SM3, EKV_QUANTITY_UNIT_SM3, &r));
  assert_close (r, 7);

  r = -1;
  g_assert_false (ekv_quantity_unit_convert (1, EKV_QUANTITY_UNIT_SM3, EKV_QUANTITY_UNIT_NM3, &r));
  g_assert_false (ekv_quantity_unit_convert (1, EKV_QUANTITY_UNIT_SM3, EKV_QUANTITY_UNIT_M3, &r));
  g_assert_false (ekv_quantity_unit_convert (1, EKV_QUANTITY_UNIT_KG, EKV_QUANTITY_UNIT_L, &r));
  g_assert_false (ekv_quantity_unit_convert (1, EKV_QUANTITY_UNIT_KWH, EKV_QUANTITY_UNIT_KG, &r));
  g_assert_false (ekv_quantity_unit_convert (1, EKV_QUANTITY_UNIT_PCS, EKV_QUANTITY_UNIT_KG, &r));
  g_assert_cmpfloat (r, ==, -1);
}

/* ------------------------------------------------------------------------ */

static void
test_periods (void)
{
  EkvCalendar cal = { .days_per_year = 320, .shifts_per_day = 3, .hours_per_day = 24 };
  EkvCalendar def;
  g_autoptr(GError) error = NULL;
  double n = -1;
  static const struct { EkvPeriod period; double expected; } cases[] = {
    { EKV_PERIOD_YEAR,  1 },
    { EKV_PERIOD_MONTH, 12 },
    { EKV_PERIOD_WEEK,  52 },
    { EKV_PERIOD_DAY,   320 },
    { EKV_PERIOD_SHIFT, 960 },
    { EKV_PERIOD_HOUR,  7680 },
    { EKV_PERIOD_BATCH, 8000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (ekv_period_get_per_year (cases[i].period, &cal, 8000, &n, &error));
      g_assert_no_error (error);
      assert_close (n, cases[i].expected);
    }

  ekv_calendar_init_default (&def);
  g_assert_true (ekv_period_get_per_year (EKV_PERIOD_DAY, &def, 0, &n, NULL));
  assert_close (n, 250);
  g_assert_true (ekv_period_get_per_year (EKV_PERIOD_SHIFT, &def, 0, &n, NULL));
  assert_close (n, 250);
  g_assert_true (ekv_period_get_per_year (EKV_PERIOD_HOUR, &def, 0, &n, NULL));
  assert_close (n, 2000);

  n = -1;
  g_assert_false (ekv_period_get_per_year (EKV_PERIOD_BATCH, &def, 0, &n, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_BATCHES);
  g_clear_error (&error);
  g_assert_false (ekv_period_get_per_year (EKV_PERIOD_BATCH, &def, NAN, &n, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_BATCHES);
  g_assert_cmpfloat (n, ==, -1);
}

static const char batch_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1,"
  "  \"company\": { \"name\": \"B\", \"days_per_year\": 300, \"shifts_per_day\": 2, \"hours_per_day\": 16 },"
  "  \"units\": [ { \"id\": \"a\", \"name\": \"A\" },"
  "             { \"id\": \"b\", \"name\": \"B\", \"mode\": \"batch\", \"batches_per_year\": 400 },"
  "             { \"id\": \"c\", \"name\": \"C\", \"mode\": \"batch\", \"batches_per_year\": 900 } ],"
  "  \"flows\": [ { \"id\": \"f1\", \"name\": \"x\", \"kind\": \"intermediate\", \"from\": \"a\", \"to\": \"b\","
  "                 \"quantity\": 1, \"unit\": \"kg\", \"period\": \"batch\" },"
  "             { \"id\": \"f2\", \"name\": \"y\", \"kind\": \"intermediate\", \"from\": \"c\", \"to\": \"b\","
  "                 \"quantity\": 1, \"unit\": \"kg\", \"period\": \"batch\" },"
  "             { \"id\": \"f3\", \"name\": \"z\", \"kind\": \"water\", \"from\": null, \"to\": \"a\","
  "                 \"quantity\": 1, \"unit\": \"m3\", \"period\": \"shift\" } ] }";

static void
test_flow_per_year (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_json_import_data (batch_audit, -1, "batch", NULL, &error);
  EkvCalendar cal;
  double n = -1;

  g_assert_no_error (error);
  ekv_calendar_init_from_company (&cal, ekv_document_get_company (doc));
  assert_close (cal.days_per_year, 300);
  assert_close (cal.shifts_per_day, 2);
  assert_close (cal.hours_per_day, 16);

  /* from has no batches: those of to */
  g_assert_true (ekv_flow_get_per_year (ekv_document_find (doc, EKV_ENTITY_FLOW, "f1"), &cal,
                                        ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "a"),
                                        ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "b"),
                                        &n, &error));
  assert_close (n, 400);
  /* from has them: they win */
  g_assert_true (ekv_flow_get_per_year (ekv_document_find (doc, EKV_ENTITY_FLOW, "f2"), &cal,
                                        ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "c"),
                                        ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "b"),
                                        &n, &error));
  assert_close (n, 900);
  g_assert_true (ekv_flow_get_per_year (ekv_document_find (doc, EKV_ENTITY_FLOW, "f3"), &cal,
                                        NULL, ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "a"),
                                        &n, &error));
  assert_close (n, 600);
  g_assert_no_error (error);

  /* neither unit has batches */
  g_assert_false (ekv_flow_get_per_year (ekv_document_find (doc, EKV_ENTITY_FLOW, "f1"), &cal,
                                         ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "a"),
                                         NULL, &n, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_BATCHES);
}

/* ------------------------------------------------------------------------ */

static void
test_to_kg (void)
{
  g_autoptr(GError) error = NULL;
  double kg = -1;

  g_assert_true (ekv_quantity_to_kg (1500, EKV_QUANTITY_UNIT_G, 0, &kg, &error));
  assert_close (kg, 1.5);
  g_assert_true (ekv_quantity_to_kg (3, EKV_QUANTITY_UNIT_KG, NAN, &kg, &error));
  assert_close (kg, 3);
  g_assert_true (ekv_quantity_to_kg (2.5, EKV_QUANTITY_UNIT_T, 0, &kg, &error));
  assert_close (kg, 2500);
  g_assert_true (ekv_quantity_to_kg (23000, EKV_QUANTITY_UNIT_L, 1.07, &kg, &error));
  assert_close (kg, 24610);
  g_assert_true (ekv_quantity_to_kg (2, EKV_QUANTITY_UNIT_M3, 0.85, &kg, &error));
  assert_close (kg, 1700);
  /* a standard cubic metre of natural gas at 0.000717 kg/L */
  g_assert_true (ekv_quantity_to_kg (1000, EKV_QUANTITY_UNIT_SM3, 0.000717, &kg, &error));
  assert_close (kg, 717);
  g_assert_true (ekv_quantity_to_kg (1000, EKV_QUANTITY_UNIT_NM3, 0.001293, &kg, &error));
  assert_close (kg, 1293);
  g_assert_true (ekv_quantity_to_kg (0, EKV_QUANTITY_UNIT_T, 0, &kg, &error));
  assert_close (kg, 0);
  g_assert_no_error (error);

  kg = -1;
  for (EkvQuantityUnit u = EKV_QUANTITY_UNIT_L; u <= EKV_QUANTITY_UNIT_NM3; u++)
    {
      g_assert_false (ekv_quantity_to_kg (1, u, 0, &kg, &error));
      g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_DENSITY);
      g_clear_error (&error);
      g_assert_false (ekv_quantity_to_kg (1, u, NAN, &kg, &error));
      g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_DENSITY);
      g_clear_error (&error);
    }
  for (EkvQuantityUnit u = EKV_QUANTITY_UNIT_KWH; u <= EKV_QUANTITY_UNIT_PCS; u++)
    {
      g_assert_false (ekv_quantity_to_kg (1, u, 1, &kg, &error));
      g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INCOMPATIBLE);
      g_clear_error (&error);
    }
  g_assert_false (ekv_quantity_to_kg (-1, EKV_QUANTITY_UNIT_KG, 0, &kg, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ekv_quantity_to_kg (INFINITY, EKV_QUANTITY_UNIT_KG, 0, &kg, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ekv_quantity_to_kg (NAN, EKV_QUANTITY_UNIT_KG, 0, &kg, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INVALID);
  g_assert_cmpfloat (kg, ==, -1);
}

static const char density_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1, \"company\": { \"name\": \"D\" },"
  "  \"units\": [ { \"id\": \"a\", \"name\": \"A\" } ],"
  "  \"flows\": ["
  "    { \"id\": \"w\", \"name\": \"w\", \"kind\": \"water\", \"to\": \"a\", \"quantity\": 5, \"unit\": \"m3\" },"
  "    { \"id\": \"ww\", \"name\": \"ww\", \"kind\": \"wastewater\", \"from\": \"a\", \"quantity\": 5, \"unit\": \"L\" },"
  "    { \"id\": \"ev\", \"name\": \"ev\", \"kind\": \"evaporation\", \"from\": \"a\", \"quantity\": 5, \"unit\": \"m3\" },"
  "    { \"id\": \"wd\", \"name\": \"wd\", \"kind\": \"water\", \"to\": \"a\", \"quantity\": 5, \"unit\": \"m3\", \"density\": 1.02 },"
  "    { \"id\": \"ch\", \"name\": \"ch\", \"kind\": \"auxiliary\", \"to\": \"a\", \"quantity\": 5, \"unit\": \"L\" },"
  "    { \"id\": \"chd\", \"name\": \"chd\", \"kind\": \"auxiliary\", \"to\": \"a\", \"quantity\": 5, \"unit\": \"L\", \"density\": 1.84 },"
  "    { \"id\": \"ws\", \"name\": \"ws\", \"kind\": \"water\", \"to\": \"a\", \"quantity\": 5, \"unit\": \"Sm3\" },"
  "    { \"id\": \"air\", \"name\": \"air\", \"kind\": \"air_emission\", \"from\": \"a\", \"quantity\": 5, \"unit\": \"Nm3\", \"density\": 0.0013 } ] }";

static void
test_flow_to_kg (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_json_import_data (density_audit, -1, "density", NULL, &error);
  double kg = -1;

  g_assert_no_error (error);
#define FLOW(id) ekv_document_find (doc, EKV_ENTITY_FLOW, id)
  assert_close (ekv_flow_get_mass_density (FLOW ("w")), 1);
  assert_close (ekv_flow_get_mass_density (FLOW ("ww")), 1);
  assert_close (ekv_flow_get_mass_density (FLOW ("ev")), 1);
  assert_close (ekv_flow_get_mass_density (FLOW ("wd")), 1.02);
  assert_close (ekv_flow_get_mass_density (FLOW ("ch")), 0);
  assert_close (ekv_flow_get_mass_density (FLOW ("chd")), 1.84);
  assert_close (ekv_flow_get_mass_density (FLOW ("ws")), 0);

  g_assert_true (ekv_flow_quantity_to_kg (FLOW ("w"), 5, &kg, &error));
  assert_close (kg, 5000);
  g_assert_true (ekv_flow_quantity_to_kg (FLOW ("ww"), 5, &kg, &error));
  assert_close (kg, 5);
  g_assert_true (ekv_flow_quantity_to_kg (FLOW ("wd"), 5, &kg, &error));
  assert_close (kg, 5100);
  g_assert_true (ekv_flow_quantity_to_kg (FLOW ("chd"), 5, &kg, &error));
  assert_close (kg, 9.2);
  g_assert_true (ekv_flow_quantity_to_kg (FLOW ("air"), 5, &kg, &error));
  assert_close (kg, 6.5);
  g_assert_no_error (error);

  g_assert_false (ekv_flow_quantity_to_kg (FLOW ("ch"), 5, &kg, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_DENSITY);
  g_clear_error (&error);
  /* Sm3 water: no default density */
  g_assert_false (ekv_flow_quantity_to_kg (FLOW ("ws"), 5, &kg, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_DENSITY);
#undef FLOW

  for (EkvFlowKind k = EKV_FLOW_KIND_RAW_MATERIAL; k <= EKV_FLOW_KIND_RECYCLE; k++)
    g_assert_cmpint (ekv_flow_kind_counts_in_mass (k), ==,
                     k != EKV_FLOW_KIND_ENERGY && k != EKV_FLOW_KIND_HEAT_LOSS);
}

static void
test_to_water (void)
{
  g_autoptr(GError) error = NULL;
  double m3 = -1;

  g_assert_true (ekv_quantity_to_water_m3 (2500, EKV_QUANTITY_UNIT_L, &m3, &error));
  assert_close (m3, 2.5);
  g_assert_true (ekv_quantity_to_water_m3 (7, EKV_QUANTITY_UNIT_M3, &m3, &error));
  assert_close (m3, 7);
  g_assert_true (ekv_quantity_to_water_m3 (900, EKV_QUANTITY_UNIT_T, &m3, &error));
  assert_close (m3, 900);
  g_assert_true (ekv_quantity_to_water_m3 (1500, EKV_QUANTITY_UNIT_KG, &m3, &error));
  assert_close (m3, 1.5);
  g_assert_true (ekv_quantity_to_water_m3 (2e6, EKV_QUANTITY_UNIT_G, &m3, &error));
  assert_close (m3, 2);
  g_assert_no_error (error);

  m3 = -1;
  for (EkvQuantityUnit u = EKV_QUANTITY_UNIT_SM3; u <= EKV_QUANTITY_UNIT_PCS; u++)
    {
      g_assert_false (ekv_quantity_to_water_m3 (1, u, &m3, &error));
      g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INCOMPATIBLE);
      g_clear_error (&error);
    }
  g_assert_cmpfloat (m3, ==, -1);
}

static void
test_to_kwh (void)
{
  g_autoptr(GError) error = NULL;
  const EkvFactor *gas = ekv_factors_lookup_builtin (EKV_CARRIER_NATURAL_GAS, EKV_QUANTITY_UNIT_SM3);
  const EkvFactor *coal = ekv_factors_lookup_builtin (EKV_CARRIER_COAL, EKV_QUANTITY_UNIT_T);
  static const struct { EkvQuantityUnit unit; double q, kwh; } energy[] = {
    { EKV_QUANTITY_UNIT_KWH,  1234.5, 1234.5 },
    { EKV_QUANTITY_UNIT_MWH,  2.5,    2500 },
    { EKV_QUANTITY_UNIT_MJ,   36,     10 },
    { EKV_QUANTITY_UNIT_GJ,   3.6,    1000 },
    { EKV_QUANTITY_UNIT_KCAL, 1e6,    1163 },
    { EKV_QUANTITY_UNIT_MCAL, 1000,   1163 },
    { EKV_QUANTITY_UNIT_TEP,  2,      23260 },
  };
  double kwh = -1;

  for (guint i = 0; i < G_N_ELEMENTS (energy); i++)
    {
      /* the factor plays no part for energy units */
      g_assert_true (ekv_quantity_to_kwh (energy[i].q, energy[i].unit, NULL, &kwh, &error));
      assert_close (kwh, energy[i].kwh);
      g_assert_true (ekv_quantity_to_kwh (energy[i].q, energy[i].unit, gas, &kwh, &error));
      assert_close (kwh, energy[i].kwh);
    }

  g_assert_true (ekv_quantity_to_kwh (1000, EKV_QUANTITY_UNIT_SM3, gas, &kwh, &error));
  assert_close (kwh, 9594.75);
  g_assert_true (ekv_quantity_to_kwh (2, EKV_QUANTITY_UNIT_T, coal, &kwh, &error));
  assert_close (kwh, 2 * 6100 * 1000 * 0.001163);
  /* kg of coal against a factor per tonne */
  g_assert_true (ekv_quantity_to_kwh (500, EKV_QUANTITY_UNIT_KG, coal, &kwh, &error));
  assert_close (kwh, 0.5 * 6100 * 1000 * 0.001163);
  g_assert_no_error (error);

  kwh = -1;
  g_assert_false (ekv_quantity_to_kwh (1, EKV_QUANTITY_UNIT_SM3, NULL, &kwh, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_FACTOR);
  g_clear_error (&error);
  g_assert_false (ekv_quantity_to_kwh (1, EKV_QUANTITY_UNIT_L, coal, &kwh, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INCOMPATIBLE);
  g_clear_error (&error);
  g_assert_false (ekv_quantity_to_kwh (1, EKV_QUANTITY_UNIT_NM3, gas, &kwh, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INCOMPATIBLE);
  g_clear_error (&error);
  g_assert_false (ekv_quantity_to_kwh (-5, EKV_QUANTITY_UNIT_KWH, NULL, &kwh, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INVALID);
  g_assert_cmpfloat (kwh, ==, -1);
}

/* ------------------------------------------------------------------------ */

static void
test_builtin_factors (void)
{
  guint n = 0;
  const EkvFactor *table = ekv_factors_get_builtin (&n);
  const EkvFactor *f;
  static const EkvCarrier expected[] = {
    EKV_CARRIER_ELECTRICITY, EKV_CARRIER_NATURAL_GAS, EKV_CARRIER_FUEL_OIL, EKV_CARRIER_DIESEL,
    EKV_CARRIER_LPG, EKV_CARRIER_COAL, EKV_CARRIER_LIGNITE, EKV_CARRIER_POMACE,
  };

  g_assert_cmpuint (n, >=, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (isfinite (table[i].lhv_kwh) && table[i].lhv_kwh > 0);
      g_assert_true (table[i].tep > 0);
      g_assert_true (table[i].co2_kg >= 0);
      g_assert_nonnull (table[i].title);
      g_assert_cmpint (table[i].year, >, 2000);
      g_assert_cmpint (table[i].source, ==, EKV_FACTOR_SOURCE_BUILT_IN);
      g_assert_null (table[i].record);
      /* TEP and heating value agree: 1 TEP = 11 630 kWh, within the table's rounding */
      g_assert_cmpfloat (fabs (table[i].lhv_kwh / 11630 - table[i].tep) / table[i].tep, <, 0.01);
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (ekv_factors_lookup_builtin (expected[i], EKV_QUANTITY_UNIT_T));

  f = ekv_factors_lookup_builtin (EKV_CARRIER_ELECTRICITY, EKV_QUANTITY_UNIT_KWH);
  g_assert_cmpint (f->unit, ==, EKV_QUANTITY_UNIT_KWH);
  assert_close (f->lhv_kwh, 1);
  assert_close (f->tep, 0.000086);
  assert_close (f->co2_kg, 0.44);
  g_assert_cmpint (f->year, ==, 2020);
  g_assert_nonnull (f->note);
  /* another unit of the carrier: its preferred row */
  g_assert_true (ekv_factors_lookup_builtin (EKV_CARRIER_ELECTRICITY, EKV_QUANTITY_UNIT_MWH) == f);

  f = ekv_factors_lookup_builtin (EKV_CARRIER_NATURAL_GAS, EKV_QUANTITY_UNIT_SM3);
  g_assert_cmpint (f->unit, ==, EKV_QUANTITY_UNIT_SM3);
  assert_close (f->lhv_kwh, 9.59475);
  assert_close (f->tep, 0.000825);
  assert_close (f->co2_kg, 1.938);

  f = ekv_factors_lookup_builtin (EKV_CARRIER_FUEL_OIL, EKV_QUANTITY_UNIT_T);
  assert_close (f->tep, 0.96);
  assert_close (f->lhv_kwh, 11164.8);
  assert_close (f->co2_kg, 77400 * 9600 * 4.1868e-6);
  f = ekv_factors_lookup_builtin (EKV_CARRIER_DIESEL, EKV_QUANTITY_UNIT_T);
  assert_close (f->tep, 1.02);
  assert_close (f->co2_kg, 74100 * 10200 * 4.1868e-6);
  f = ekv_factors_lookup_builtin (EKV_CARRIER_LPG, EKV_QUANTITY_UNIT_T);
  assert_close (f->tep, 1.09);
  assert_close (f->co2_kg, 63100 * 10900 * 4.1868e-6);
  f = ekv_factors_lookup_builtin (EKV_CARRIER_COAL, EKV_QUANTITY_UNIT_T);
  assert_close (f->tep, 0.61);
  assert_close (f->co2_kg, 94600 * 6100 * 4.1868e-6);
  f = ekv_factors_lookup_builtin (EKV_CARRIER_LIGNITE, EKV_QUANTITY_UNIT_T);
  assert_close (f->tep, 0.3);
  assert_close (f->co2_kg, 101000 * 3000 * 4.1868e-6);
  f = ekv_factors_lookup_builtin (EKV_CARRIER_POMACE, EKV_QUANTITY_UNIT_T);
  assert_close (f->tep, 0.43);
  assert_close (f->co2_kg, 0);
  g_assert_nonnull (f->note);   /* biogenic */

  g_assert_null (ekv_factors_lookup_builtin (EKV_CARRIER_STEAM, EKV_QUANTITY_UNIT_T));
  g_assert_null (ekv_factors_lookup_builtin (EKV_CARRIER_COMPRESSED_AIR, EKV_QUANTITY_UNIT_NM3));
  g_assert_null (ekv_factors_lookup_builtin (EKV_CARRIER_OTHER, EKV_QUANTITY_UNIT_KWH));

  g_assert_cmpstr (ekv_confidence_to_tag (EKV_CONFIDENCE_VERIFIED), ==, "[V]");
  g_assert_cmpstr (ekv_confidence_to_tag (EKV_CONFIDENCE_SECONDARY), ==, "[S]");
  g_assert_cmpstr (ekv_confidence_to_tag (EKV_CONFIDENCE_DERIVED), ==, "[D]");
  g_assert_cmpstr (ekv_confidence_to_tag (EKV_CONFIDENCE_RECALLED), ==, "[R]");
  g_assert_cmpstr (ekv_factor_source_to_string (EKV_FACTOR_SOURCE_AUDIT), ==, "audit");
  g_assert_cmpstr (ekv_factor_source_to_string (EKV_FACTOR_SOURCE_BUILT_IN), ==, "built-in");
  for (EkvConfidence c = EKV_CONFIDENCE_VERIFIED; c <= EKV_CONFIDENCE_RECALLED; c++)
    g_assert_cmpstr (ekv_confidence_describe (c), !=, "");
}

static const char fuel_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1, \"company\": { \"name\": \"Fuel\" },"
  "  \"units\": [ { \"id\": \"u\", \"name\": \"U\" } ],"
  "  \"flows\": ["
  "    { \"id\": \"d\", \"name\": \"Diesel\", \"kind\": \"energy\", \"carrier\": \"diesel\", \"to\": \"u\","
  "      \"quantity\": 1, \"unit\": \"m3\", \"density\": 0.835 },"
  "    { \"id\": \"n\", \"name\": \"Diesel, no density\", \"kind\": \"energy\", \"carrier\": \"diesel\", \"to\": \"u\","
  "      \"quantity\": 1, \"unit\": \"L\" },"
  "    { \"id\": \"k\", \"name\": \"Coal\", \"kind\": \"energy\", \"carrier\": \"coal\", \"to\": \"u\","
  "      \"quantity\": 3, \"unit\": \"t\", \"density\": 0.8 },"
  "    { \"id\": \"e\", \"name\": \"Power\", \"kind\": \"energy\", \"carrier\": \"electricity\", \"to\": \"u\","
  "      \"quantity\": 3, \"unit\": \"MWh\", \"density\": 0.8 } ] }";

static void
test_flow_to_kwh (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_json_import_data (fuel_audit, -1, "fuel", NULL, &error);
  const EkvFactor *diesel = ekv_factors_lookup_builtin (EKV_CARRIER_DIESEL, EKV_QUANTITY_UNIT_T);
  const EkvFactor *coal = ekv_factors_lookup_builtin (EKV_CARRIER_COAL, EKV_QUANTITY_UNIT_T);
  const EkvFactor *elec = ekv_factors_lookup_builtin (EKV_CARRIER_ELECTRICITY, EKV_QUANTITY_UNIT_KWH);
  double kwh = -1, tep = -1, co2 = -1;

  g_assert_no_error (error);
#define FLOW(id) ekv_document_find (doc, EKV_ENTITY_FLOW, id)
  /* 1 m3 × 0.835 kg/L = 835 kg = 0.835 t */
  g_assert_true (ekv_flow_quantity_to_kwh (FLOW ("d"), 1, diesel, &kwh, &error));
  assert_close (kwh, 0.835 * 10200 * 1000 * 0.001163);
  g_assert_true (ekv_flow_quantity_to_tep_co2 (FLOW ("d"), 1, diesel, &tep, &co2, &error));
  assert_close (tep, 0.835 * 1.02);
  assert_close (co2, 0.835 * 74100 * 10200 * 4.1868e-6);
  /* the density plays no part where the units already agree */
  g_assert_true (ekv_flow_quantity_to_kwh (FLOW ("k"), 3, coal, &kwh, &error));
  assert_close (kwh, 3 * 6100 * 1000 * 0.001163);
  g_assert_true (ekv_flow_quantity_to_tep_co2 (FLOW ("e"), 3, elec, &tep, &co2, &error));
  assert_close (tep, 3000 * 0.000086);
  assert_close (co2, 3000 * 0.44);
  g_assert_no_error (error);

  g_assert_false (ekv_flow_quantity_to_kwh (FLOW ("n"), 1, diesel, &kwh, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INCOMPATIBLE);
  g_clear_error (&error);
  g_assert_false (ekv_flow_quantity_to_tep_co2 (FLOW ("n"), 1, diesel, &tep, &co2, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INCOMPATIBLE);
#undef FLOW
}

static const char factor_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1, \"company\": { \"name\": \"F\" },"
  "  \"factors\": ["
  "    { \"carrier\": \"natural_gas\", \"unit\": \"Sm3\", \"lhv_kwh\": 9.59, \"co2_kg\": 2.0, \"source\": \"supplier\" },"
  "    { \"carrier\": \"coal\", \"unit\": \"kg\", \"lhv_kwh\": 7.5, \"tep\": 0.00065 },"
  "    { \"carrier\": \"steam\", \"unit\": \"t\", \"lhv_kwh\": 678 } ] }";

static void
test_factor_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_json_import_data (factor_audit, -1, "factors", NULL, &error);
  EkvFactor f;

  g_assert_no_error (error);

  /* the audit's own, unset fields from the built-in of the same unit */
  g_assert_true (ekv_factors_lookup (doc, EKV_CARRIER_NATURAL_GAS, EKV_QUANTITY_UNIT_SM3, &f));
  g_assert_cmpint (f.source, ==, EKV_FACTOR_SOURCE_AUDIT);
  g_assert_nonnull (f.record);
  assert_close (f.lhv_kwh, 9.59);
  assert_close (f.tep, 0.000825);
  assert_close (f.co2_kg, 2.0);
  g_assert_cmpstr (f.title, ==, "supplier");

  /* the audit's factor in kg: the built-in per tonne does not fill its fields */
  g_assert_true (ekv_factors_lookup (doc, EKV_CARRIER_COAL, EKV_QUANTITY_UNIT_T, &f));
  g_assert_cmpint (f.source, ==, EKV_FACTOR_SOURCE_AUDIT);
  g_assert_cmpint (f.unit, ==, EKV_QUANTITY_UNIT_KG);
  assert_close (f.tep, 0.00065);
  assert_close (f.co2_kg, 0);
  g_assert_null (f.title);

  g_assert_true (ekv_factors_lookup (doc, EKV_CARRIER_STEAM, EKV_QUANTITY_UNIT_T, &f));
  assert_close (f.lhv_kwh, 678);
  assert_close (f.tep, 0);

  /* not in the audit: the built-in */
  g_assert_true (ekv_factors_lookup (doc, EKV_CARRIER_ELECTRICITY, EKV_QUANTITY_UNIT_KWH, &f));
  g_assert_cmpint (f.source, ==, EKV_FACTOR_SOURCE_BUILT_IN);
  assert_close (f.tep, 0.000086);
  g_assert_true (ekv_factors_lookup (NULL, EKV_CARRIER_NATURAL_GAS, EKV_QUANTITY_UNIT_SM3, &f));
  g_assert_cmpint (f.source, ==, EKV_FACTOR_SOURCE_BUILT_IN);
  assert_close (f.co2_kg, 1.938);

  memset (&f, 0xab, sizeof f);
  g_assert_false (ekv_factors_lookup (doc, EKV_CARRIER_HOT_WATER, EKV_QUANTITY_UNIT_KWH, &f));
  g_assert_false (ekv_factors_lookup (NULL, EKV_CARRIER_STEAM, EKV_QUANTITY_UNIT_T, &f));
}

/* ------------------------------------------------------------------------ */

static void
test_tep_co2 (void)
{
  g_autoptr(GError) error = NULL;
  const EkvFactor *elec = ekv_factors_lookup_builtin (EKV_CARRIER_ELECTRICITY, EKV_QUANTITY_UNIT_KWH);
  const EkvFactor *gas = ekv_factors_lookup_builtin (EKV_CARRIER_NATURAL_GAS, EKV_QUANTITY_UNIT_SM3);
  const EkvFactor *coal = ekv_factors_lookup_builtin (EKV_CARRIER_COAL, EKV_QUANTITY_UNIT_T);
  double tep_e, tep_g, co2_e, co2_g, tep, co2;

  /* DOMAIN.md §3.2 worked example */
  g_assert_true (ekv_quantity_to_tep_co2 (2500000, EKV_QUANTITY_UNIT_KWH, elec, &tep_e, &co2_e, &error));
  g_assert_true (ekv_quantity_to_tep_co2 (1200000, EKV_QUANTITY_UNIT_SM3, gas, &tep_g, &co2_g, &error));
  g_assert_no_error (error);
  assert_close (tep_e, 215);
  assert_close (tep_g, 990);
  assert_close (tep_e + tep_g, 1205);
  assert_close (co2_e, 2500000 * 0.44);
  assert_close (co2_g, 1200000 * 1.938);

  /* electricity given in MWh: the same */
  g_assert_true (ekv_quantity_to_tep_co2 (2500, EKV_QUANTITY_UNIT_MWH, elec, &tep, &co2, &error));
  assert_close (tep, 215);
  assert_close (co2, 1100000);

  /* gas given in kWh of its heating value: per kWh of the factor */
  g_assert_true (ekv_quantity_to_tep_co2 (1200000 * 9.59475, EKV_QUANTITY_UNIT_KWH, gas, &tep, &co2, &error));
  assert_close (tep, 990);
  assert_close (co2, 1200000 * 1.938);
  g_assert_true (ekv_quantity_to_tep_co2 (1200 * 9.59475 * 3.6, EKV_QUANTITY_UNIT_GJ, gas, &tep, &co2, &error));
  assert_close (tep, 990);

  /* coal in kg against the factor per tonne */
  g_assert_true (ekv_quantity_to_tep_co2 (10000, EKV_QUANTITY_UNIT_KG, coal, &tep, &co2, &error));
  assert_close (tep, 6.1);
  assert_close (co2, 10.0 * 94600 * 6100 * 4.1868e-6);

  /* no factor: 1/11630 TEP per kWh, no CO2 */
  g_assert_true (ekv_quantity_to_tep_co2 (23260, EKV_QUANTITY_UNIT_KWH, NULL, &tep, &co2, &error));
  assert_close (tep, 2);
  assert_close (co2, 0);
  g_assert_true (ekv_quantity_to_tep_co2 (3, EKV_QUANTITY_UNIT_TEP, NULL, &tep, NULL, &error));
  assert_close (tep, 3);
  g_assert_no_error (error);

  /* cannot be converted */
  g_assert_false (ekv_quantity_to_tep_co2 (5, EKV_QUANTITY_UNIT_SM3, NULL, &tep, &co2, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_FACTOR);
  g_clear_error (&error);
  g_assert_false (ekv_quantity_to_tep_co2 (5, EKV_QUANTITY_UNIT_L, coal, &tep, &co2, &error));
  g_assert_error (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INCOMPATIBLE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/units/dimensions", test_dimensions);
  g_test_add_func ("/ekv/units/convert", test_convert);
  g_test_add_func ("/ekv/units/periods", test_periods);
  g_test_add_func ("/ekv/units/flow-per-year", test_flow_per_year);
  g_test_add_func ("/ekv/units/to-kg", test_to_kg);
  g_test_add_func ("/ekv/units/flow-to-kg", test_flow_to_kg);
  g_test_add_func ("/ekv/units/to-water", test_to_water);
  g_test_add_func ("/ekv/units/to-kwh", test_to_kwh);
  g_test_add_func ("/ekv/units/flow-to-kwh", test_flow_to_kwh);
  g_test_add_func ("/ekv/units/factors/built-in", test_builtin_factors);
  g_test_add_func ("/ekv/units/factors/lookup", test_factor_lookup);
  g_test_add_func ("/ekv/units/tep-co2", test_tep_co2);

  return g_test_run ();
}
