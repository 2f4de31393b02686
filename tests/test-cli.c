/* test-cli.c: the ekv program as users run it
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ekv-document.h"

static char *workdir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static const char *
ekv_program (void)
{
  static char *path;

  if (path == NULL)
    {
      const char *root = g_getenv ("EKV_BUILD_ROOT");

      g_assert_nonnull (root);
      path = g_build_filename (root, "app", "ekv", NULL);
    }
  return path;
}

/* Runs ekv with ARGS (NULL-terminated) in the work folder, in English. */
static void
run_ekv (Run *run,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_ptr_array_add (argv, (char *) ekv_program ());
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (workdir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d; stdout: %s; stderr: %s", run->status, run->out, run->err);
}

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
assert_one_error_line (const Run  *run,
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
  static const char *commands[] = { "import", "export", "check" };

  {
    g_auto(Run) run = { 0 };

    run_ekv (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      g_assert_nonnull (strstr (run.out, commands[i]));
  }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *usage = g_strdup_printf ("ekv %s", commands[i]);

      run_ekv (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, usage));
    }
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

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
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

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
  g_auto(Run) run = { 0 };
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
  g_auto(Run) run = { 0 };

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
    g_auto(Run) run = { 0 };

    run_ekv (&run, "import", full, "taken.ekv", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run, "ekv: taken.ekv: already exists");
    before = read_work_file ("taken.ekv", NULL);
    g_assert_cmpstr (before, ==, "precious");
  }

  {
    g_auto(Run) run = { 0 };

    run_ekv (&run, "import", "--force", full, "taken.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
  }

  {
    g_auto(Run) run = { 0 };

    run_ekv (&run, "check", "taken.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  remove_work_file ("taken.ekv");
}

static void
test_import_warnings (void)
{
  g_auto(Run) run = { 0 };

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
    g_auto(Run) run = { 0 };

    run_ekv (&run, "import", full, "round.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    run_ekv (&run, "export", "round.ekv", "--json", "round.json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    from_document = read_work_file ("round.json", NULL);
    g_assert_cmpstr (from_document, ==, expected);
  }
  {
    g_auto(Run) run = { 0 };

    /* IN may be a JSON audit too. */
    run_ekv (&run, "export", full, "--json", "direct.json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    from_json = read_work_file ("direct.json", NULL);
    g_assert_cmpstr (from_json, ==, expected);
  }
  {
    g_auto(Run) run = { 0 };

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
    g_auto(Run) run = { 0 };

    run_ekv (&run, "import", full, "self.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  before = work_file_sha256 ("self.ekv");
  {
    g_auto(Run) run = { 0 };

    run_ekv (&run, "export", "self.ekv", "--json", "./self.ekv", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_error_line (&run, "ekv: ./self.ekv: ");
  }
  after = work_file_sha256 ("self.ekv");
  g_assert_cmpstr (before, ==, after);
  {
    g_auto(Run) run = { 0 };

    run_ekv (&run, "check", "self.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  write_work_file ("self.json", "{\"format\": \"ekoverim-audit\", \"version\": 1,\n"
                   " \"company\": {\"name\": \"Acme\", \"kept\": 1}}\n", -1);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = work_file_sha256 ("self.json");
  {
    g_auto(Run) run = { 0 };

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
    g_auto(Run) run = { 0 };

    run_ekv (&run, "import", full, "good.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  before = work_file_sha256 ("good.ekv");
  {
    g_auto(Run) run = { 0 };

    run_ekv (&run, "check", "good.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "good.ekv: OK — 3 unit operations, 6 flows, 2 options\n");
  }
  after = work_file_sha256 ("good.ekv");
  g_assert_cmpstr (before, ==, after);
  g_assert_false (work_file_exists ("good.ekv-journal"));
  g_assert_false (work_file_exists ("good.ekv-wal"));
  {
    g_auto(Run) run = { 0 };

    run_ekv (&run, "check", full, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_suffix (run.out, ": OK — 3 unit operations, 6 flows, 2 options\n"));
  }
  {
    g_auto(Run) run = { 0 };
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
    g_auto(Run) run = { 0 };

    run_ekv (&run, "check", "blank.ekv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "blank.ekv: warning: company.name"));
  }
  {
    g_auto(Run) run = { 0 };

    run_ekv (&run, "export", "blank.ekv", "--json", "blank.json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, "blank.ekv: warning: company.name"));
  }
  {
    g_auto(Run) run = { 0 };
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
  g_auto(Run) run = { 0 };
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
    g_auto(Run) run = { 0 };

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

  status = g_test_run ();

  g_rmdir (workdir);   /* fails, and says so by leaving it, if a test left a file */
  g_free (workdir);
  return status;
}
