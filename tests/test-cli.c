/* test-cli.c: the ekv program as users run it
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "ekv-document.h"
#include "ekv-test-cli.h"

static char *workdir;


/* Runs ekv with ARGS (NULL-terminated) in the work folder, in English, or
 * under LOCALE (LC_ALL). */
#define run_ekv(run, ...) ekv_test_run ((run), workdir, "C.UTF-8", __VA_ARGS__)
#define run_ekv_in(run, locale, ...) ekv_test_run ((run), workdir, (locale), __VA_ARGS__)

static char *
work_path (const char *name)
{
  return g_build_filename (workdir, name, NULL);
}

static void
write_work_file (const char *name,
                 const char *contents,
                 gssize      length)
{
  g_autofree char *path = work_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static char *
read_work_file (const char *name,
                gsize      *length)
{
  g_autofree char *path = work_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static gboolean
work_file_exists (const char *name)
{
  g_autofree char *path = work_path (name);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
remove_work_file (const char *name)
{
  g_autofree char *path = work_path (name);

  g_unlink (path);
}

static char *
work_file_sha256 (const char *name)
{
  gsize length;
  g_autofree char *contents = read_work_file (name, &length);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static char *
fixture (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "json", name, NULL);
}

/* One line on stderr: "ekv: ...\n". */
static void
assert_one_error_line (const EkvTestRun  *run,
                       const char *prefix)
{
  if (!g_str_has_prefix (run->err, prefix))
    g_error ("stderr “%s” does not start with “%s”", run->err, prefix);
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
}

/* ------------------------------------------------------------------------ */

static void
test_help (void)
{
  static const char *commands[] = { "import", "export", "check", "results" };

  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      g_assert_nonnull (strstr (run.out, commands[i]));
  }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(EkvTestRun) run = { 0 };
      g_autofree char *usage = g_strdup_printf ("ekv %s", commands[i]);

      run_ekv (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, usage));
    }
}

static void
test_version (void)
{
  g_auto(EkvTestRun) run = { 0 };

  run_ekv (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "ekv " PACKAGE_VERSION "\n");
}

static void
test_bad_usage (void)
{
  static const char *const cases[][4] = {
    { NULL },
    { "frobnicate", NULL },
    { "--frobnicate", NULL },
    { "import", NULL },
    { "import", "a.json", NULL },
    { "import", "a.json", "b.ekv", "c" },
    { "import", "--frobnicate", "a.json", "b.ekv" },
    { "export", "a.ekv", NULL },
    { "export", "--json", NULL },
    { "check", NULL },
    { "check", "a", "b", NULL },
    { "results", NULL },
    { "results", "a", "b", NULL },
    { "results", "--frobnicate", "a", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(EkvTestRun) run = { 0 };

      run_ekv (&run, cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, "ekv"));
      g_assert_cmpstr (run.out, ==, "");
    }
}

/* ------------------------------------------------------------------------ */
/* import                                                                   */

#define HEAD "{\n\"format\": \"ekoverim-audit\", \"version\": 1, \"company\": {\"name\": \"X\"},\n" \
             "\"units\": [{\"id\": \"u1\", \"name\": \"A\"}],\n"

static const struct
{
  const char *name;
  const char *json;
  const char *expected;  /* follows "ekv: bad.json:" */
} bad_imports[] = {
  { "string-number", HEAD "\"flows\": [{\"id\": \"f1\", \"name\": \"W\", \"kind\": \"water\",\n"
    "\"quantity\": \"12\", \"unit\": \"m3\"}]}", "5: flows[0].quantity: expected a number" },
  { "dangling", HEAD "\"flows\": [{\"id\": \"f1\", \"name\": \"W\", \"kind\": \"water\", \"from\": \"u99\", "
    "\"quantity\": 12, \"unit\": \"m3\"}]}", "4: flows[0].from: no unit operation “u99”" },
  { "unknown-unit", HEAD "\"flows\": [{\"id\": \"f1\", \"name\": \"W\", \"kind\": \"water\", "
    "\"quantity\": 12, \"unit\": \"M3\"}]}", "4: flows[0].unit: unknown value “M3”; expected one of g, kg" },
  { "newer", "{\"format\": \"ekoverim-audit\",\n\"version\": 7}", "2: version: this file is written in version 7" },
  { "truncated", HEAD "\"flows\": [\n", "5: Parse error: unexpected end of file" },
  { "text", "Just some notes\n", "1: " },
  { "empty", "", "1: the file is empty" },
};

static void
test_import_bad (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_auto(EkvTestRun) run = { 0 };
  g_autofree char *prefix = g_strdup_printf ("ekv: bad.json:%s", bad_imports[i].expected);

  write_work_file ("bad.json", bad_imports[i].json, -1);
  run_ekv (&run, "import", "bad.json", "out.ekv", NULL);

  g_assert_cmpint (run.status, ==, 1);
  assert_one_error_line (&run, prefix);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_false (work_file_exists ("out.ekv"));
  remove_work_file ("bad.json");
}

static void
test_import_missing (void)
{
  g_auto(EkvTestRun) run = { 0 };

  run_ekv (&run, "import", "no-such-file.json", "out.ekv", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_error_line (&run, "ekv: no-such-file.json: ");
  g_assert_false (work_file_exists ("out.ekv"));
}

static void
test_import_overwrite (void)
{
  g_autofree char *full = fixture ("full.json");
  g_autofree char *before = NULL;

  write_work_file ("taken.ekv", "precious", -1);

  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "import", full, "taken.ekv", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run, "ekv: taken.ekv: already exists");
    before = read_work_file ("taken.ekv", NULL);
    g_assert_cmpstr (before, ==, "precious");
  }

  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "import", "--force", full, "taken.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
  }

  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "check", "taken.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  remove_work_file ("taken.ekv");
}

static void
test_import_warnings (void)
{
  g_auto(EkvTestRun) run = { 0 };

  write_work_file ("typo.json",
                   "{\n"
                   "  \"format\": \"ekoverim-audit\",\n"
                   "  \"version\": 1,\n"
                   "  \"company\": {\"name\": \"X\",\n"
                   "              \"emplyees\": 12}\n"
                   "}\n", -1);
  run_ekv (&run, "import", "typo.json", "typo.ekv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "typo.json:5: warning: company.emplyees: unknown key\n");
  g_assert_true (work_file_exists ("typo.ekv"));
  remove_work_file ("typo.json");
  remove_work_file ("typo.ekv");
}

/* ------------------------------------------------------------------------ */
/* export and check                                                         */

static void
test_export_round_trip (void)
{
  g_autofree char *full = fixture ("full.json");
  g_autofree char *expected = NULL;
  g_autofree char *from_document = NULL;
  g_autofree char *from_json = NULL;

  g_file_get_contents (full, &expected, NULL, NULL);
  g_assert_nonnull (expected);

  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "import", full, "round.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "export", "round.ekv", "--json", "round.json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    from_document = read_work_file ("round.json", NULL);
    g_assert_cmpstr (from_document, ==, expected);
  }
  {
    g_auto(EkvTestRun) run = { 0 };

    /* IN may be a JSON audit too. */
    run_ekv (&run, "export", full, "--json", "direct.json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    from_json = read_work_file ("direct.json", NULL);
    g_assert_cmpstr (from_json, ==, expected);
  }
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "export", "missing.ekv", "--json", "never.json", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run, "ekv: ");
    g_assert_false (work_file_exists ("never.json"));
  }

  remove_work_file ("round.ekv");
  remove_work_file ("round.json");
  remove_work_file ("direct.json");
}

/* Writing the JSON audit over IN would replace the document (or a hand-written
 * audit with its unknown keys) by the export. */
static void
test_export_over_input (void)
{
  g_autofree char *full = fixture ("full.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "import", full, "self.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  before = work_file_sha256 ("self.ekv");
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "export", "self.ekv", "--json", "./self.ekv", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run, "ekv: ./self.ekv: ");
  }
  after = work_file_sha256 ("self.ekv");
  g_assert_cmpstr (before, ==, after);
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "check", "self.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  write_work_file ("self.json", "{\"format\": \"ekoverim-audit\", \"version\": 1,\n"
                   " \"company\": {\"name\": \"Acme\", \"kept\": 1}}\n", -1);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = work_file_sha256 ("self.json");
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "export", "self.json", "--json", "self.json", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "ekv: self.json: "));
  }
  after = work_file_sha256 ("self.json");
  g_assert_cmpstr (before, ==, after);

  remove_work_file ("self.ekv");
  remove_work_file ("self.json");
}

static void
test_check_ok (void)
{
  g_autofree char *full = fixture ("full.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "import", full, "good.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  before = work_file_sha256 ("good.ekv");
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "check", "good.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "good.ekv: OK — 3 unit operations, 6 flows, 2 options\n");
  }
  after = work_file_sha256 ("good.ekv");
  g_assert_cmpstr (before, ==, after);
  g_assert_false (work_file_exists ("good.ekv-journal"));
  g_assert_false (work_file_exists ("good.ekv-wal"));
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "check", full, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_suffix (run.out, ": OK — 3 unit operations, 6 flows, 2 options\n"));
  }
  {
    g_auto(EkvTestRun) run = { 0 };
    g_autofree char *minimal = fixture ("minimal.json");

    run_ekv (&run, "check", minimal, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_suffix (run.out, ": OK — 0 unit operations, 0 flows, 0 options\n"));
  }
  remove_work_file ("good.ekv");
}

/* A new audit from the window has no firm name yet: valid as a document, but its
 * JSON would not import. check and export say so and still succeed. */
static void
test_incomplete_document (void)
{
  g_autofree char *path = work_path ("blank.ekv");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = ekv_document_create (path, &error);

  g_assert_no_error (error);
  g_clear_object (&document);
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "check", "blank.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "blank.ekv: warning: company.name"));
  }
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "export", "blank.ekv", "--json", "blank.json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "blank.ekv: warning: company.name"));
  }
  {
    g_auto(EkvTestRun) run = { 0 };
    g_autofree char *full = fixture ("full.json");

    /* A complete audit gets no such warning. */
    run_ekv (&run, "check", full, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
  }
  remove_work_file ("blank.ekv");
  remove_work_file ("blank.json");
}

static void
assert_check_refuses (const char *name)
{
  g_auto(EkvTestRun) run = { 0 };
  g_autofree char *before = work_file_sha256 (name);
  g_autofree char *after = NULL;

  run_ekv (&run, "check", name, NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_error_line (&run, "ekv: ");
  g_assert_nonnull (strstr (run.err, name));
  g_assert_cmpstr (run.out, ==, "");
  after = work_file_sha256 (name);
  g_assert_cmpstr (before, ==, after);
}

static void
test_check_text (void)
{
  write_work_file ("notes.txt", "These are not an audit.\n", -1);
  assert_check_refuses ("notes.txt");
  remove_work_file ("notes.txt");
}

static void
test_check_truncated (void)
{
  g_autofree char *full = fixture ("full.json");
  g_autofree char *contents = NULL;
  gsize length;

  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "import", full, "whole.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  contents = read_work_file ("whole.ekv", &length);
  g_assert_cmpuint (length, >, 4096);
  write_work_file ("cut.ekv", contents, length / 2);
  assert_check_refuses ("cut.ekv");
  remove_work_file ("whole.ekv");
  remove_work_file ("cut.ekv");
}

static void
test_check_foreign (void)
{
  g_autofree char *path = work_path ("other.sqlite");
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT, phone TEXT);"
                                     "INSERT INTO contacts VALUES ('Ali', '555');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_check_refuses ("other.sqlite");
  remove_work_file ("other.sqlite");
}

/* ------------------------------------------------------------------------ */
/* results                                                                  */

/* The sample bundled with the program. */
static char *
sample_path (void)
{
  const char *root = g_getenv ("EKV_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "resources", "samples", "ege-orme-boya.json", NULL);
}

/* Runs ekv results --json on PATH and returns the parsed object; QUIET: no
 * warning on stderr (every flow counted). */
static JsonNode *
results_json (const char *path,
              gboolean    quiet)
{
  g_auto(EkvTestRun) run = { 0 };
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  run_ekv (&run, "results", path, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  if (quiet)
    g_assert_cmpstr (run.err, ==, "");
  root = json_from_string (run.out, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return root;
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

/* The element of the array NAME of OBJECT whose KEY is VALUE. */
static JsonObject *
find_element (JsonObject *object,
              const char *name,
              const char *key,
              const char *value)
{
  JsonArray *array = json_object_get_array_member (object, name);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (element, key), value) == 0)
        return element;
    }
  g_error ("no %s with %s “%s”", name, key, value);
  return NULL;
}

/* KEY of OBJECT is a JSON number within 1e-9 of EXPECTED, relatively. */
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

/* KEY of OBJECT is null and KEY_note says why. */
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

/* results-small.json, computed by hand (audit-format.md, "How quantities become
 * yearly totals"). 100 batches a year, 250 days.
 *   u1 in:  f1 10 t = 10 000 kg; f2 2 m3/batch = 200 m3 = 200 000 kg;
 *           f3 50 L/month × 12 × 1.2 kg/L = 720 kg; f6 recycle 5 kg/day = 1 250 kg
 *   u1 out: f4 90 kg/batch = 9 000 kg; f5 1.9 m3/batch = 190 000 kg; f9 500 kg
 *   u2 in:  f4 9 000 kg; out: f6 1 250, f7 7 000, f8 50 kg/month = 600 kg
 *   u3 in:  f12 100 kg; out: f13 80 kg
 *   energy: f10 2 MWh/month = 24 000 kWh; f11 1 000 Sm3/month = 12 000 Sm3 × 9.59
 *           = 115 080 kWh; TEP 24 000 × 0.000086 + 12 000 × 0.000825; CO2 (kg)
 *           24 000 × 0.5 + 12 000 × 2
 *   production 2 t/month = 24 t */
static void
test_results_small (void)
{
  g_autofree char *path = fixture ("results-small.json");
  g_autoptr(JsonNode) root = results_json (path, TRUE);
  JsonObject *top = json_node_get_object (root);
  JsonObject *audit = member_object (top, "audit");
  JsonObject *plant = member_object (top, "plant");
  JsonObject *production = member_object (plant, "production");
  JsonObject *indicators = member_object (plant, "indicators");
  JsonObject *unit;
  JsonObject *carrier;
  const double u1_in = 10000 + 200000 + 720 + 1250;
  const double u1_out = 9000 + 190000 + 500;
  const double plant_in = 10000 + 200000 + 720 + 100;
  const double plant_out = 190000 + 500 + 7000 + 600 + 80;
  const double tep = 24000 * 0.000086 + 12000 * 0.000825;

  g_assert_cmpstr (json_object_get_string_member (audit, "company"), ==, "Küçük Yıkama Ltd.");
  g_assert_cmpstr (json_object_get_string_member (audit, "currency"), ==, "TRY");

  assert_figure (plant, "mass_in_kg", plant_in);
  assert_figure (plant, "mass_out_kg", plant_out);
  assert_figure (plant, "mass_imbalance_kg", plant_in - plant_out);
  assert_figure (plant, "mass_imbalance_pct", 100 * (plant_in - plant_out) / plant_in);
  assert_figure (plant, "water_in_m3", 200);
  assert_figure (plant, "water_out_m3", 190 + 0.6);
  assert_figure (plant, "water_unaccounted_m3", 200 - 190.6);
  assert_figure (plant, "water_unaccounted_pct", 100 * (200 - 190.6) / 200);
  assert_figure (plant, "energy_in_kwh", 24000 + 115080);
  assert_figure (plant, "tep", tep);
  assert_figure (plant, "co2_t", (24000 * 0.5 + 12000 * 2) / 1000);
  assert_figure (plant, "cost_in", 10 * 100 + 200 * 5 + 600 * 2 + 24 * 3000 + 12000 * 15);
  g_assert_cmpstr (json_object_get_string_member (production, "name"), ==, "Yıkanmış kumaş");
  assert_figure (production, "t", 24);
  assert_figure (indicators, "water_m3_per_t", 200.0 / 24);
  assert_figure (indicators, "wastewater_m3_per_t", 190.0 / 24);
  assert_figure (indicators, "energy_kwh_per_t", 139080.0 / 24);
  assert_figure (indicators, "tep_per_t", tep / 24);
  assert_figure (indicators, "waste_kg_per_t", (500.0 + 80) / 24);
  assert_figure (indicators, "raw_material_yield_pct", 100 * 7000.0 / 10000);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "units")), ==, 3);
  unit = json_array_get_object_element (json_object_get_array_member (top, "units"), 0);
  g_assert_cmpstr (json_object_get_string_member (unit, "id"), ==, "u1");
  assert_figure (unit, "mass_in_kg", u1_in);
  assert_figure (unit, "mass_out_kg", u1_out);
  assert_figure (unit, "mass_imbalance_kg", u1_in - u1_out);
  assert_figure (unit, "mass_imbalance_pct", 100 * (u1_in - u1_out) / u1_in);
  assert_figure (unit, "water_in_m3", 200);
  assert_figure (unit, "water_out_m3", 190);
  assert_figure (unit, "energy_in_kwh", 24000);
  g_assert_cmpstr (json_object_get_string_member (unit, "status"), ==, "warn");   /* 5.9 % */

  unit = find_element (top, "units", "id", "u2");
  assert_figure (unit, "mass_in_kg", 9000);
  assert_figure (unit, "mass_out_kg", 1250 + 7000 + 600);
  assert_figure (unit, "mass_imbalance_kg", 150);
  assert_figure (unit, "mass_imbalance_pct", 100 * 150.0 / 9000);
  assert_figure (unit, "water_in_m3", 0);
  assert_figure (unit, "water_out_m3", 0.6);
  assert_figure (unit, "energy_in_kwh", 115080);
  g_assert_cmpstr (json_object_get_string_member (unit, "status"), ==, "ok");

  unit = find_element (top, "units", "id", "u3");
  assert_figure (unit, "mass_imbalance_pct", 20);
  assert_figure (unit, "energy_in_kwh", 0);
  g_assert_cmpstr (json_object_get_string_member (unit, "status"), ==, "error");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "carriers")), ==, 2);
  carrier = find_element (top, "carriers", "carrier", "electricity");
  assert_figure (carrier, "energy_kwh", 24000);
  assert_figure (carrier, "tep", 24000 * 0.000086);
  assert_figure (carrier, "co2_t", 12);
  assert_figure (carrier, "cost", 72000);
  carrier = find_element (top, "carriers", "carrier", "natural_gas");
  assert_figure (carrier, "energy_kwh", 115080);
  assert_figure (carrier, "tep", 12000 * 0.000825);
  assert_figure (carrier, "co2_t", 24);
  assert_figure (carrier, "cost", 180000);

  /* No options: an empty list, an empty portfolio, "after" equal to the plant
   * (tests/test-cli-options.c checks audits with options). */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (top, "options")), ==, 0);
  assert_figure (member_object (top, "portfolio"), "investment", 0);
  assert_figure (member_object (top, "portfolio"), "annual_saving", 0);
  assert_figure (member_object (top, "after"), "mass_in_kg", plant_in);
  assert_figure (member_object (top, "after"), "energy_in_kwh", 24000 + 115080);
}

/* results-no-product.json: no production denominator, no water, energy given in GJ
 * of a carrier whose factor is per kg; thresholds warn 1 %, error 50 %.
 *   in: 400 kg/week × 52 = 20 800 kg; out: 1.5 t/month = 18 000 kg
 *   3 600 GJ = 1 000 000 kWh; TEP 1e6 × 0.00099 / 11.5; CO2 1e6 × 3.2 / 11.5 kg */
static void
test_results_no_product (void)
{
  g_autofree char *path = fixture ("results-no-product.json");
  g_autoptr(JsonNode) root = results_json (path, TRUE);
  JsonObject *top = json_node_get_object (root);
  JsonObject *plant = member_object (top, "plant");
  JsonObject *indicators = member_object (plant, "indicators");
  JsonObject *unit = find_element (top, "units", "id", "k1");
  JsonObject *carrier = find_element (top, "carriers", "carrier", "fuel_oil");
  static const char *const names[] = { "water_m3_per_t", "wastewater_m3_per_t", "energy_kwh_per_t",
                                       "tep_per_t", "waste_kg_per_t", "raw_material_yield_pct" };

  assert_figure (plant, "mass_in_kg", 20800);
  assert_figure (plant, "mass_out_kg", 18000);
  assert_figure (plant, "mass_imbalance_pct", 100 * 2800.0 / 20800);
  assert_figure (plant, "water_in_m3", 0);
  assert_null_figure (plant, "water_unaccounted_pct");
  assert_figure (plant, "energy_in_kwh", 1e6);
  assert_figure (plant, "tep", 1e6 * 0.00099 / 11.5);
  assert_figure (plant, "co2_t", 1e6 * 3.2 / 11.5 / 1000);
  assert_figure (plant, "cost_in", 0);
  assert_null_figure (member_object (plant, "production"), "t");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    assert_null_figure (indicators, names[i]);

  assert_figure (unit, "mass_imbalance_kg", 2800);
  assert_figure (unit, "energy_in_kwh", 1e6);
  g_assert_cmpstr (json_object_get_string_member (unit, "status"), ==, "warn");
  assert_figure (carrier, "tep", 1e6 * 0.00099 / 11.5);
}

/* The sample: every key of results-format.md in its order, every unit listed. */
static void
test_results_sample (void)
{
  static const char *const top_keys[] = { "audit", "plant", "units", "carriers" };
  static const char *const plant_keys[] = {
    "mass_in_kg", "mass_out_kg", "mass_imbalance_kg", "mass_imbalance_pct",
    "water_in_m3", "water_out_m3", "water_unaccounted_m3", "water_unaccounted_pct",
    "energy_in_kwh", "tep", "co2_t", "cost_in", "production", "indicators" };
  static const char *const indicator_keys[] = {
    "water_m3_per_t", "wastewater_m3_per_t", "energy_kwh_per_t", "tep_per_t",
    "waste_kg_per_t", "raw_material_yield_pct" };
  static const char *const unit_keys[] = {
    "id", "mass_in_kg", "mass_out_kg", "mass_imbalance_kg", "mass_imbalance_pct",
    "water_in_m3", "water_out_m3", "energy_in_kwh", "status" };
  static const char *const carrier_keys[] = { "carrier", "energy_kwh", "tep", "co2_t", "cost" };
  static const char *const unit_ids[] = { "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9",
                                          "u10", "u11", "u12" };
  g_autofree char *path = sample_path ();
  g_autoptr(JsonNode) root = results_json (path, FALSE);   /* pieces, flue gas: not in kg */
  JsonObject *top = json_node_get_object (root);
  JsonArray *units = json_object_get_array_member (top, "units");
  JsonArray *carriers = json_object_get_array_member (top, "carriers");
  struct
  {
    JsonObject         *object;
    const char *const  *keys;
    guint               n_keys;
  } groups[] = {
    { top, top_keys, G_N_ELEMENTS (top_keys) },
    { member_object (top, "plant"), plant_keys, G_N_ELEMENTS (plant_keys) },
    { member_object (member_object (top, "plant"), "indicators"), indicator_keys,
      G_N_ELEMENTS (indicator_keys) },
    { json_array_get_object_element (units, 0), unit_keys, G_N_ELEMENTS (unit_keys) },
    { json_array_get_object_element (carriers, 0), carrier_keys, G_N_ELEMENTS (carrier_keys) },
  };

  /* The documented keys come first, in the documented order (new keys may follow). */
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autoptr(GList) members = json_object_get_members (groups[g].object);
      GList *l = members;

      for (guint k = 0; k < groups[g].n_keys; k++, l = l->next)
        {
          g_assert_nonnull (l);
          g_assert_cmpstr (l->data, ==, groups[g].keys[k]);
        }
    }

  g_assert_cmpstr (json_object_get_string_member (member_object (top, "audit"), "company"), ==,
                   "Ege Örme Boya A.Ş.");
  g_assert_cmpuint (json_array_get_length (units), ==, G_N_ELEMENTS (unit_ids));
  for (guint i = 0; i < G_N_ELEMENTS (unit_ids); i++)
    {
      JsonObject *unit = json_array_get_object_element (units, i);

      g_assert_cmpstr (json_object_get_string_member (unit, "id"), ==, unit_ids[i]);
      g_assert_cmpstr (json_object_get_string_member (unit, "status"), ==,
                       g_str_equal (unit_ids[i], "u4") ? "warn" : "ok");
    }
  /* As build-aux/check-sample.py computes them, independently of the C code; the
   * .3 kg is 690 L of compressor oil at 0.87 kg/L. */
  assert_figure (member_object (member_object (top, "plant"), "production"), "t", 3110);
  assert_figure (member_object (top, "plant"), "mass_in_kg", 316209040.3);
}

/* A document gives the same figures as the JSON audit it was imported from. */
static void
test_results_document (void)
{
  g_autofree char *path = fixture ("results-small.json");
  g_auto(EkvTestRun) from_json = { 0 };
  g_auto(EkvTestRun) from_document = { 0 };

  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "import", path, "small.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  run_ekv (&from_json, "results", "--json", path, NULL);
  run_ekv (&from_document, "results", "--json", "small.ekv", NULL);
  g_assert_cmpint (from_document.status, ==, 0);
  g_assert_cmpstr (from_document.out, ==, from_json.out);
  remove_work_file ("small.ekv");
}

static gboolean
have_turkish_locale (void)
{
  g_autofree char *previous = g_strdup (setlocale (LC_ALL, NULL));
  gboolean found = setlocale (LC_ALL, "tr_TR.UTF-8") != NULL;

  setlocale (LC_ALL, previous);
  return found;
}

/* --json is for machines: the same bytes whatever the locale. */
static void
test_results_locale (void)
{
  g_autofree char *path = sample_path ();
  g_auto(EkvTestRun) english = { 0 };
  g_auto(EkvTestRun) turkish = { 0 };

  if (!have_turkish_locale ())
    {
      g_test_skip ("the tr_TR.UTF-8 locale is not installed");
      return;
    }

  run_ekv (&english, "results", "--json", path, NULL);
  run_ekv_in (&turkish, "tr_TR.UTF-8", "results", "--json", path, NULL);
  g_assert_cmpint (english.status, ==, 0);
  g_assert_cmpint (turkish.status, ==, 0);
  g_assert_cmpstr (turkish.out, ==, english.out);
  g_assert_nonnull (strstr (english.out, "\"mass_in_kg\": 316209040.3,\n")); /* no grouping */
  g_assert_nonnull (strstr (english.out, "\"tep\": 1765.83,\n"));             /* decimal point */

  {
    g_autofree char *no_product = fixture ("results-no-product.json");
    g_auto(EkvTestRun) english_notes = { 0 };
    g_auto(EkvTestRun) turkish_notes = { 0 };

    /* The "_note" reasons too are the same in every language. */
    run_ekv (&english_notes, "results", "--json", no_product, NULL);
    run_ekv_in (&turkish_notes, "tr_TR.UTF-8", "results", "--json", no_product, NULL);
    g_assert_cmpint (turkish_notes.status, ==, 0);
    g_assert_nonnull (strstr (english_notes.out, "\"t_note\": "));
    g_assert_cmpstr (turkish_notes.out, ==, english_notes.out);
  }

  {
    g_auto(EkvTestRun) table = { 0 };

    /* The table is for people: Turkish headings, digit grouping, decimal comma. */
    run_ekv_in (&table, "tr_TR.UTF-8", "results", path, NULL);
    g_assert_cmpint (table.status, ==, 0);
    g_assert_nonnull (strstr (table.out, "\nTesis\n"));
    g_assert_nonnull (strstr (table.out, "316.209.040"));
    g_assert_nonnull (strstr (table.out, "3.110,0"));
  }
}

/* The table's first lines under C, for the hand-computed audit. */
static void
test_results_table (void)
{
  g_autofree char *path = fixture ("results-small.json");
  g_auto(EkvTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_ekv (&run, "results", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 10);
  g_assert_cmpstr (lines[0], ==, "Küçük Yıkama Ltd. — figures per year");
  g_assert_cmpstr (lines[1], ==, "");
  g_assert_cmpstr (lines[2], ==, "Plant");
  g_assert_cmpstr (lines[3], ==, "  Mass in               210820  kg");
  g_assert_cmpstr (lines[4], ==, "  Mass out              198180  kg");
  g_assert_cmpstr (lines[5], ==, "  Mass imbalance         12640  kg   6.0 %");
  g_assert_cmpstr (lines[6], ==, "  Water in               200.0  m³");
  /* Every unit has its line, and the figures after the names (Turkish letters
   * are two bytes but one column) end in one column: mass in of u1, u2, u3. */
  {
    static const char *const mass_in[] = { "211970", "9000", "100" };
    glong end = -1;

    for (guint i = 0; i < G_N_ELEMENTS (mass_in); i++)
      {
        g_autofree char *start = g_strdup_printf ("  u%u  ", i + 1);
        const char *line = NULL;
        const char *figure;
        glong figure_end;

        for (guint l = 0; lines[l] != NULL && line == NULL; l++)
          if (g_str_has_prefix (lines[l], start))
            line = lines[l];
        g_assert_nonnull (line);
        figure = strstr (line, mass_in[i]);
        g_assert_nonnull (figure);
        figure_end = g_utf8_pointer_to_offset (line, figure) + (glong) strlen (mass_in[i]);
        if (end < 0)
          end = figure_end;
        g_assert_cmpint (figure_end, ==, end);
      }
  }
}

static void
test_results_bad (void)
{
  {
    g_auto(EkvTestRun) run = { 0 };

    write_work_file ("bad.json", "{\"format\": \"ekoverim-audit\", \"version\": 1,\n"
                     "\"company\": {\"name\": \"X\"}, \"flows\": [{\"id\": 3}]}\n", -1);
    run_ekv (&run, "results", "bad.json", "--json", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run, "ekv: bad.json:2: ");
    g_assert_cmpstr (run.out, ==, "");
    remove_work_file ("bad.json");
  }
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "results", "missing.ekv", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run, "ekv: ");
    g_assert_nonnull (strstr (run.err, "missing.ekv"));
    g_assert_cmpstr (run.out, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  workdir = g_dir_make_tmp ("ekv-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/ekv/cli/help", test_help);
  g_test_add_func ("/ekv/cli/version", test_version);
  g_test_add_func ("/ekv/cli/bad-usage", test_bad_usage);
  for (guint i = 0; i < G_N_ELEMENTS (bad_imports); i++)
    {
      g_autofree char *name = g_strdup_printf ("/ekv/cli/import/bad/%s", bad_imports[i].name);

      g_test_add_data_func (name, GUINT_TO_POINTER (i), test_import_bad);
    }
  g_test_add_func ("/ekv/cli/import/missing", test_import_missing);
  g_test_add_func ("/ekv/cli/import/overwrite", test_import_overwrite);
  g_test_add_func ("/ekv/cli/import/warnings", test_import_warnings);
  g_test_add_func ("/ekv/cli/export/round-trip", test_export_round_trip);
  g_test_add_func ("/ekv/cli/export/over-input", test_export_over_input);
  g_test_add_func ("/ekv/cli/check/ok", test_check_ok);
  g_test_add_func ("/ekv/cli/check/incomplete", test_incomplete_document);
  g_test_add_func ("/ekv/cli/check/text", test_check_text);
  g_test_add_func ("/ekv/cli/check/truncated", test_check_truncated);
  g_test_add_func ("/ekv/cli/check/foreign", test_check_foreign);
  g_test_add_func ("/ekv/cli/results/small", test_results_small);
  g_test_add_func ("/ekv/cli/results/no-product", test_results_no_product);
  g_test_add_func ("/ekv/cli/results/sample", test_results_sample);
  g_test_add_func ("/ekv/cli/results/document", test_results_document);
  g_test_add_func ("/ekv/cli/results/locale", test_results_locale);
  g_test_add_func ("/ekv/cli/results/table", test_results_table);
  g_test_add_func ("/ekv/cli/results/bad", test_results_bad);

  status = g_test_run ();

  g_rmdir (workdir);   /* fails, and says so by leaving it, if a test left a file */
  g_free (workdir);
  return status;
}
