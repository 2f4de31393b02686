/* test-cli-xlsx.c: “ekv export --xlsx” as users run it
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ekv-test-cli.h"
#include "ekv-test-util.h"

static char *workdir;

#define run_ekv(run, ...) ekv_test_run ((run), workdir, "C.UTF-8", __VA_ARGS__)

static char *
work_path (const char *name)
{
  return g_build_filename (workdir, name, NULL);
}

static void
test_export (void)
{
  g_autofree char *sample = ekv_test_sample_path ();
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
  g_autofree char *sample = ekv_test_sample_path ();
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

      ekv_test_run_args (&run, workdir, "C.UTF-8", cases[i], G_N_ELEMENTS (cases[i]));
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
  g_autofree char *sample = ekv_test_sample_path ();
  g_autofree char *missing = work_path ("missing.json");
  g_auto(EkvTestRun) no_input = { 0 };
  g_auto(EkvTestRun) no_folder = { 0 };
  g_auto(EkvTestRun) same = { 0 };

  run_ekv (&no_input, "export", missing, "--xlsx", "b.xlsx", NULL);
  g_assert_cmpint (no_input.status, ==, 1);
  ekv_test_assert_one_line (no_input.err);

  run_ekv (&no_folder, "export", sample, "--xlsx", "no/such/folder/b.xlsx", NULL);
  g_assert_cmpint (no_folder.status, ==, 1);
  ekv_test_assert_one_line (no_folder.err);
  g_assert_nonnull (strstr (no_folder.err, "b.xlsx"));

  run_ekv (&same, "export", sample, "--xlsx", sample, NULL);
  g_assert_cmpint (same.status, ==, 1);
  ekv_test_assert_one_line (same.err);
}

/* ekv under a Turkish locale (decimal comma for printf) writes the same numbers. */
static void
test_turkish_locale (void)
{
  g_autofree char *sample = ekv_test_sample_path ();
  g_autofree char *c_book = work_path ("c-locale.xlsx");
  g_autofree char *tr_book = work_path ("tr-locale.xlsx");
  g_autofree char *c_sheets = NULL;
  g_autofree char *tr_sheets = NULL;
  g_auto(EkvTestRun) c = { 0 };
  g_auto(EkvTestRun) tr = { 0 };

  if (!ekv_test_tr_locale_installed ())
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

  c_sheets = ekv_test_xlsx_sheets (c_book);
  tr_sheets = ekv_test_xlsx_sheets (tr_book);
  g_assert_cmpuint (strlen (c_sheets), >, 100000);
  g_assert_cmpstr (tr_sheets, ==, c_sheets);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  workdir = ekv_test_make_dir ("ekv-cli-xlsx-XXXXXX");

  g_test_add_func ("/ekv/cli-xlsx/export", test_export);
  g_test_add_func ("/ekv/cli-xlsx/help", test_help);
  g_test_add_func ("/ekv/cli-xlsx/bad-usage", test_bad_usage);
  g_test_add_func ("/ekv/cli-xlsx/user-errors", test_user_errors);
  g_test_add_func ("/ekv/cli-xlsx/turkish-locale", test_turkish_locale);
  status = g_test_run ();

  ekv_test_remove_dir (workdir);
  g_free (workdir);
  return status;
}
