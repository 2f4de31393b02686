/* test-cli-xlsx.c: “ekv export --xlsx” as users run it
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ekv-test-cli.h"

static char *workdir;

#define run_ekv(run, ...) ekv_test_run ((run), workdir, "C.UTF-8", __VA_ARGS__)

static char *
sample_path (void)
{
  return g_build_filename (g_getenv ("EKV_SOURCE_ROOT"), "resources", "samples",
                           "ege-orme-boya.json", NULL);
}

static char *
work_path (const char *name)
{
  return g_build_filename (workdir, name, NULL);
}

/* One line on stderr, starting with "ekv". */
static void
assert_one_line (const char *err)
{
  guint lines = 0;

  g_assert_true (g_str_has_prefix (err, "ekv"));
  for (const char *p = err; *p != '\0'; p++)
    lines += *p == '\n';
  g_assert_cmpuint (lines, ==, 1);
}

static void
test_export (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *path = work_path ("sample.xlsx");
  g_auto(EkvTestRun) run = { 0 };
  g_auto(EkvTestRun) tr = { 0 };
  g_autofree char *data = NULL;
  gsize length;

  run_ekv (&run, "export", sample, "--xlsx", "sample.xlsx", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 10000);
  g_assert_true (memcmp (data, "PK\x03\x04", 4) == 0);   /* a zip */

  run_ekv (&tr, "export", sample, "--xlsx", "tr.xlsx", "--lang", "tr", NULL);
  g_assert_cmpint (tr.status, ==, 0);
}

static void
test_help (void)
{
  g_auto(EkvTestRun) run = { 0 };

  run_ekv (&run, "export", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--xlsx"));
  g_assert_nonnull (strstr (run.out, "--lang"));
}

static void
test_bad_usage (void)
{
  g_autofree char *sample = sample_path ();
  const char *const cases[][8] = {
    { "export", sample, NULL },                                            /* nothing to write */
    { "export", sample, "--xlsx", "a.xlsx", "--json", "a.json", NULL },    /* both */
    { "export", sample, "--xlsx", "a.xlsx", "--lang", "de", NULL },        /* no German */
    { "export", sample, "--json", "a.json", "--lang", "tr", NULL },        /* --lang, no --xlsx */
    { "export", "--xlsx", "a.xlsx", NULL },                                /* no IN */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(EkvTestRun) run = { 0 };
      g_autofree char *a = work_path ("a.xlsx");

      ekv_test_run (&run, workdir, "C.UTF-8", cases[i][0], cases[i][1], cases[i][2], cases[i][3],
                    cases[i][4], cases[i][5], cases[i][6], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_false (g_file_test (a, G_FILE_TEST_EXISTS));
    }
  {
    g_auto(EkvTestRun) run = { 0 };

    run_ekv (&run, "export", sample, "--xlsx", "a.xlsx", "--lang", "de", NULL);
    g_assert_nonnull (strstr (run.err, "de"));
  }
}

static void
test_user_errors (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *missing = work_path ("missing.json");
  g_auto(EkvTestRun) no_input = { 0 };
  g_auto(EkvTestRun) no_folder = { 0 };
  g_auto(EkvTestRun) same = { 0 };

  run_ekv (&no_input, "export", missing, "--xlsx", "b.xlsx", NULL);
  g_assert_cmpint (no_input.status, ==, 1);
  assert_one_line (no_input.err);

  run_ekv (&no_folder, "export", sample, "--xlsx", "no/such/folder/b.xlsx", NULL);
  g_assert_cmpint (no_folder.status, ==, 1);
  assert_one_line (no_folder.err);
  g_assert_nonnull (strstr (no_folder.err, "b.xlsx"));

  run_ekv (&same, "export", sample, "--xlsx", sample, NULL);
  g_assert_cmpint (same.status, ==, 1);
  assert_one_line (same.err);
}

/* Every worksheet's XML of BOOK, one after another. */
static char *
sheets_of (const char *book)
{
  GString *all = g_string_new (NULL);

  for (guint i = 1; ; i++)
    {
      g_autofree char *part = g_strdup_printf ("xl/worksheets/sheet%u.xml", i);
      const char *argv[] = { "unzip", "-p", book, part, NULL };
      g_autofree char *out = NULL;
      int status;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &out, NULL, &status, NULL);
      if (!g_spawn_check_wait_status (status, NULL) || out == NULL || *out == '\0')
        break;
      g_string_append (all, out);
    }
  return g_string_free (all, FALSE);
}

/* ekv under a Turkish locale (decimal comma for printf) writes the same numbers. */
static void
test_turkish_locale (void)
{
  g_autofree char *sample = sample_path ();
  g_autofree char *c_book = work_path ("c-locale.xlsx");
  g_autofree char *tr_book = work_path ("tr-locale.xlsx");
  g_autofree char *c_sheets = NULL;
  g_autofree char *tr_sheets = NULL;
  g_auto(EkvTestRun) c = { 0 };
  g_auto(EkvTestRun) tr = { 0 };

  if (!g_file_test ("/usr/lib/locale/tr_TR.utf8", G_FILE_TEST_IS_DIR)
      && !g_file_test ("/usr/lib/locale/locale-archive", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no tr_TR.UTF-8 locale");
      return;
    }
  ekv_test_run (&c, workdir, "C", "export", sample, "--xlsx", "c-locale.xlsx", "--lang", "tr",
                NULL);
  g_assert_cmpint (c.status, ==, 0);
  ekv_test_run (&tr, workdir, "tr_TR.UTF-8", "export", sample, "--xlsx", "tr-locale.xlsx", NULL);
  g_assert_cmpint (tr.status, ==, 0);
  g_assert_cmpstr (tr.err, ==, "");

  c_sheets = sheets_of (c_book);
  tr_sheets = sheets_of (tr_book);
  g_assert_cmpuint (strlen (c_sheets), >, 100000);
  g_assert_cmpstr (tr_sheets, ==, c_sheets);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  workdir = g_dir_make_tmp ("ekv-cli-xlsx-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/ekv/cli-xlsx/export", test_export);
  g_test_add_func ("/ekv/cli-xlsx/help", test_help);
  g_test_add_func ("/ekv/cli-xlsx/bad-usage", test_bad_usage);
  g_test_add_func ("/ekv/cli-xlsx/user-errors", test_user_errors);
  g_test_add_func ("/ekv/cli-xlsx/turkish-locale", test_turkish_locale);
  status = g_test_run ();

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", workdir);

    if (system (command) != 0)
      g_printerr ("could not remove %s\n", workdir);
  }
  g_free (workdir);
  return status;
}
