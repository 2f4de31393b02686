/* test-cli-options.c: ekv results with options, portfolio and the after scenario
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Runs the built program on tests/data/json/results-options.json, whose figures
 * were computed by hand and, for NPV, IRR, EAC and the paybacks, year by year in
 * an independent script (see the comments): every figure to 1e-9 relative.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ekv-test-cli.h"

/* Runs ekv under LOCALE; its stdout, with *STATUS and *ERR (stderr). */
static char *
run_ekv (const char *locale,
         int        *status,
         char      **err,
         ...)
{
  EkvTestRun run = { 0 };
  va_list args;

  va_start (args, err);
  ekv_test_run_valist (&run, NULL, locale, args);
  va_end (args);
  *status = run.status;
  *err = run.err;
  return run.out;
}

static char *
fixture (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "json", name, NULL);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    g_error ("“%s” is not an object", name);
  return json_node_get_object (node);
}

static void
assert_figure (JsonObject *object,
               const char *key,
               double      expected)
{
  JsonNode *node = json_object_get_member (object, key);
  double actual;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    g_error ("“%s” is not a number", key);
  actual = json_node_get_double (node);
  if (expected == 0.0 ? fabs (actual) > 1e-12 : fabs (actual - expected) > 1e-9 * fabs (expected))
    g_error ("“%s” is %.17g, expected %.17g", key, actual, expected);
}

static void
assert_null_figure (JsonObject *object,
                    const char *key)
{
  g_autofree char *note = g_strconcat (key, "_note", NULL);
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_NULL (node))
    g_error ("“%s” is not null", key);
  g_assert_true (json_object_has_member (object, note));
  g_assert_cmpstr (json_object_get_string_member (object, note), !=, "");
}

/* The documented keys, in the documented order. */
static void
assert_keys (JsonObject         *object,
             const char * const *keys)
{
  g_autoptr(GList) members = json_object_get_members (object);
  GList *l = members;

  for (guint k = 0; keys[k] != NULL; k++)
    {
      /* a "_note" sibling may follow a null figure */
      while (l != NULL && g_str_has_suffix (l->data, "_note"))
        l = l->next;
      g_assert_nonnull (l);
      g_assert_cmpstr (l->data, ==, keys[k]);
      l = l->next;
    }
}

/* Hand-computed (see tests/test-options.c for the flows):
 *   o1 approved: I 10 000, n 5, S 1 000, O&M 500; water −2 m³/batch × 1 000 × 2,
 *      wastewater −2 × 1 000 × 1, gas −10 % of 120 000 Sm³ × 0.3: CF 9 100;
 *      CO₂ 12 000 × 1.9 kg = 22.8 t.
 *   o2 done: I 0, n 3, other 300; gas −500/month = −6 000 × 0.3, electricity +5 %
 *      = +12 000 kWh × 0.1: CF 900; CO₂ 11.4 − 6 = 5.4 t.
 *   o3 proposed: I 5 000, n 10; waste −5 t × 50, raw −10 t × 1 000: CF 10 250.
 *   o4 rejected: I 100, n 2; gas −20 000 × 12 × 0.3: CF 72 000; CO₂ 456 t.
 * At r = 8 %, year by year in Python (NPV = −I + Σ CF/1.08^t + S/1.08^n, IRR by
 * bisection of that sum, EAC = I r (1+r)^n / ((1+r)^n − 1)):
 *   o1 NPV 27014.244534444326, IRR 87.445399423916 %, discounted payback
 *      1.2017582417582418, PI 3.7014244534444325, EAC 2504.564545668364
 *   o2 NPV 2319.387288523091
 *   o3 NPV 63778.33433914979, IRR 204.99705695180347 %, DPB 0.526829268292683,
 *      PI 13.755666867829959, EAC 745.1474434853767
 *   o4 NPV 128295.06172839506, IRR 71999.8614955792 %, DPB 0.0015, PI
 *      1283.9506172839506, EAC 56.076923076923045 */
static void
test_results_options (void)
{
  static const char *const top_keys[] = { "audit", "plant", "units", "carriers", "options",
                                          "portfolio", "after", NULL };
  static const char *const option_keys[] = {
    "id", "annual_saving", "simple_payback_years", "npv", "irr_pct", "discounted_payback_years",
    "profitability_index", "eac", "co2_avoided_t", "cost_per_t_co2", NULL };
  static const char *const portfolio_keys[] = {
    "investment", "annual_saving", "co2_avoided_t", "water_saved_m3", "energy_saved_kwh",
    "tep_saved", "waste_avoided_kg", NULL };
  static const char *const after_keys[] = { "mass_in_kg", "water_in_m3", "energy_in_kwh", "tep",
                                            "co2_t", NULL };
  g_autofree char *path = fixture ("results-options.json");
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *top;
  JsonArray *options;
  JsonObject *o;
  int status;

  out = run_ekv ("C.UTF-8", &status, &err, "results", "--json", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  top = json_node_get_object (root);
  assert_keys (top, top_keys);
  g_assert_cmpstr (json_object_get_string_member (member_object (top, "audit"), "currency"), ==,
                   "EUR");

  options = json_object_get_array_member (top, "options");
  g_assert_cmpuint (json_array_get_length (options), ==, 4);

  o = json_array_get_object_element (options, 0);
  assert_keys (o, option_keys);
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, "o1");
  assert_figure (o, "annual_saving", 9100);
  assert_figure (o, "simple_payback_years", 10000.0 / 9100);
  assert_figure (o, "npv", 27014.244534444326);
  assert_figure (o, "irr_pct", 87.445399423916);
  assert_figure (o, "discounted_payback_years", 1.2017582417582418);
  assert_figure (o, "profitability_index", 3.7014244534444325);
  assert_figure (o, "eac", 2504.564545668364);
  assert_figure (o, "co2_avoided_t", 22.8);
  assert_figure (o, "cost_per_t_co2", (2504.564545668364 - 9100) / 22.8);

  o = json_array_get_object_element (options, 1);
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, "o2");
  assert_figure (o, "annual_saving", 900);
  assert_figure (o, "simple_payback_years", 0);
  assert_figure (o, "npv", 2319.387288523091);
  assert_null_figure (o, "irr_pct");
  assert_figure (o, "discounted_payback_years", 0);
  assert_null_figure (o, "profitability_index");
  assert_figure (o, "eac", 0);
  assert_figure (o, "co2_avoided_t", 5.4);
  assert_figure (o, "cost_per_t_co2", -900 / 5.4);

  o = json_array_get_object_element (options, 2);
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, "o3");
  assert_figure (o, "annual_saving", 10250);
  assert_figure (o, "simple_payback_years", 5000.0 / 10250);
  assert_figure (o, "npv", 63778.33433914979);
  assert_figure (o, "irr_pct", 204.99705695180347);
  assert_figure (o, "discounted_payback_years", 0.526829268292683);
  assert_figure (o, "profitability_index", 13.755666867829959);
  assert_figure (o, "eac", 745.1474434853767);
  assert_figure (o, "co2_avoided_t", 0);
  assert_null_figure (o, "cost_per_t_co2");

  o = json_array_get_object_element (options, 3);
  g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, "o4");
  assert_figure (o, "annual_saving", 72000);
  assert_figure (o, "npv", 128295.06172839506);
  assert_figure (o, "irr_pct", 71999.8614955792);
  assert_figure (o, "discounted_payback_years", 0.0015);
  assert_figure (o, "profitability_index", 1283.9506172839506);
  assert_figure (o, "eac", 56.076923076923045);
  assert_figure (o, "co2_avoided_t", 456);
  assert_figure (o, "cost_per_t_co2", (56.076923076923045 - 72000) / 456);

  /* o1 and o2. */
  o = member_object (top, "portfolio");
  assert_keys (o, portfolio_keys);
  assert_figure (o, "investment", 10000);
  assert_figure (o, "annual_saving", 10000);
  assert_figure (o, "co2_avoided_t", 28.2);
  assert_figure (o, "water_saved_m3", 2000);
  assert_figure (o, "energy_saved_kwh", 18000 * 9.6 - 12000);
  assert_figure (o, "tep_saved", 18000 * 0.000825 - 12000 * 0.000086);
  assert_figure (o, "waste_avoided_kg", 0);

  /* Water 8 m³/batch → 8 000 m³ = 8 000 000 kg + raw 100 t; gas 8 500 Sm³/month,
   * electricity 21 000 kWh/month. */
  o = member_object (top, "after");
  assert_keys (o, after_keys);
  assert_figure (o, "mass_in_kg", 8100000);
  assert_figure (o, "water_in_m3", 8000);
  assert_figure (o, "energy_in_kwh", 102000 * 9.6 + 252000);
  assert_figure (o, "tep", 102000 * 0.000825 + 252000 * 0.000086);
  assert_figure (o, "co2_t", (102000 * 1.9 + 252000 * 0.5) / 1000);
}

/* The table shows the options, the portfolio and the after totals. */
static void
test_results_table (void)
{
  g_autofree char *path = fixture ("results-options.json");
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  int status;

  out = run_ekv ("C.UTF-8", &status, &err, "results", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Options (money per year; NPV at 8 %)"));
  g_assert_nonnull (strstr (out, "Kesikli durulama ve gaz ayarı"));
  g_assert_nonnull (strstr (out, "87.4 %"));
  g_assert_nonnull (strstr (out, "\nPortfolio\n"));
  g_assert_nonnull (strstr (out, "After the approved options"));
  g_assert_nonnull (strstr (out, "8,100,000") != NULL ? "" : strstr (out, "8100000"));

  /* In Turkish, translated and with Turkish numbers. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  out = run_ekv ("tr_TR.UTF-8", &status, &err, "results", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strstr (out, "\nPortfolio\n"));
  g_assert_nonnull (strstr (out, "87,4"));
}

/* Clamped quantities are reported on stderr, the JSON stays clean. */
static void
test_results_clamped (void)
{
  g_autofree char *path = fixture ("results-options.json");
  g_autofree char *text = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *rejected = "\"status\": \"rejected\"";
  char *at;
  int status;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  /* o4 (the only rejected option) approved: gas driven below zero. */
  at = strstr (text, rejected);
  g_assert_nonnull (at);
  copy = g_strdup_printf ("%.*s\"status\": \"approved\"%s", (int) (at - text), text,
                          at + strlen (rejected));
  g_clear_pointer (&path, g_free);
  path = g_build_filename (g_get_tmp_dir (), "clamped.json", NULL);
  g_assert_true (g_file_set_contents (path, copy, -1, &error));

  out = run_ekv ("C.UTF-8", &status, &err, "results", "--json", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "counted as zero"));
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  assert_figure (member_object (json_node_get_object (root), "after"), "energy_in_kwh", 252000);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/cli/results-options/json", test_results_options);
  g_test_add_func ("/ekv/cli/results-options/table", test_results_table);
  g_test_add_func ("/ekv/cli/results-options/clamped", test_results_clamped);

  return g_test_run ();
}
