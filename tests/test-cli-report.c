/* test-cli-report.c: “ekv report” as users run it
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

/* Counts the pages of CONTENTS whose /MediaBox is BOX. */
static guint
count_boxes (const char *contents,
             gsize       length,
             const char *box)
{
  gsize n = strlen (box);
  guint count = 0;

  for (gsize i = 0; i + n <= length; i++)
    count += memcmp (contents + i, box, n) == 0;
  return count;
}

/* NAME has at least MIN_PAGES pages: the paper PORTRAIT (cairo's /MediaBox),
 * and LANDSCAPE turned for the flow chart, the six Sankey diagrams and the
 * cost curve. */
static void
assert_pdf (const char *name,
            guint       min_pages,
            const char *portrait,
            const char *landscape)
{
  g_autofree char *path = g_build_filename (workdir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint pages = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* The page tree's /Count (cairo writes one, uncompressed); the outline's
   * closed items count negative. */
  for (gsize i = 0; i + 8 < length; i++)
    if (memcmp (contents + i, "/Count ", 7) == 0)
      pages = MAX (pages, (guint) MAX (0, g_ascii_strtoll (contents + i + 7, NULL, 10)));
  g_assert_cmpuint (pages, >=, min_pages);
  g_assert_cmpuint (count_boxes (contents, length, landscape), ==, 8);
  g_assert_cmpuint (count_boxes (contents, length, portrait), ==, pages - 8);
}

#define A4_PORTRAIT  "/MediaBox [ 0 0 595.276 841.89 ]"
#define A4_LANDSCAPE "/MediaBox [ 0 0 841.89 595.276 ]"
#define A3_PORTRAIT  "/MediaBox [ 0 0 841.89 1190.551 ]"
#define A3_LANDSCAPE "/MediaBox [ 0 0 1190.551 841.89 ]"

static void
test_help (void)
{
  g_auto(EkvTestRun) run = { 0 };

  run_ekv (&run, "report", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--pdf"));
  g_assert_nonnull (strstr (run.out, "--lang"));
  g_assert_nonnull (strstr (run.out, "--paper"));
}

static void
test_pdf (void)
{
  g_autofree char *sample = ekv_test_sample_path ();
  g_auto(EkvTestRun) en = { 0 };
  g_auto(EkvTestRun) a3 = { 0 };
  g_auto(EkvTestRun) tr = { 0 };

  run_ekv (&en, "report", sample, "--pdf", "report-en.pdf", "--lang", "en", NULL);
  g_assert_cmpstr (en.err, ==, "");
  g_assert_cmpint (en.status, ==, 0);
  assert_pdf ("report-en.pdf", 12, A4_PORTRAIT, A4_LANDSCAPE);

  run_ekv (&a3, "report", sample, "--pdf", "report-a3.pdf", "--paper", "A3", NULL);
  g_assert_cmpint (a3.status, ==, 0);
  assert_pdf ("report-a3.pdf", 10, A3_PORTRAIT, A3_LANDSCAPE);

  run_ekv (&tr, "report", sample, "--pdf", "report-tr.pdf", "--lang", "tr", NULL);
  /* Without the Turkish locale on the system the language cannot be switched:
   * one clear line, status 1. */
  if (tr.status != 0)
    {
      g_assert_cmpint (tr.status, ==, 1);
      ekv_test_assert_one_line (tr.err);
      g_test_skip ("the tr_TR.UTF-8 locale is not installed");
      return;
    }
  assert_pdf ("report-tr.pdf", 12, A4_PORTRAIT, A4_LANDSCAPE);
}

static void
test_bad_usage (void)
{
  g_autofree char *sample = ekv_test_sample_path ();
  const char *cases[][8] = {
    { "report", NULL },
    { "report", sample, NULL },                                          /* no --pdf */
    { "report", sample, "--pdf", "x.pdf", "--lang", "de", NULL },
    { "report", sample, "--pdf", "x.pdf", "--paper", "a5", NULL },
    { "report", sample, sample, "--pdf", "x.pdf", NULL },
    { "report", sample, "--pdf", "x.pdf", "--colour", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(EkvTestRun) run = { 0 };

      ekv_test_run_args (&run, workdir, "C.UTF-8", cases[i], G_N_ELEMENTS (cases[i]));
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, "ekv"));
    }
  g_assert_false (g_file_test ("x.pdf", G_FILE_TEST_EXISTS));
}

static void
test_user_errors (void)
{
  g_autofree char *sample = ekv_test_sample_path ();
  g_autofree char *bad = g_build_filename (workdir, "bad.json", NULL);
  g_auto(EkvTestRun) missing = { 0 };
  g_auto(EkvTestRun) broken = { 0 };
  g_auto(EkvTestRun) folder = { 0 };
  g_auto(EkvTestRun) same = { 0 };

  run_ekv (&missing, "report", "no-such-audit.json", "--pdf", "m.pdf", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  ekv_test_assert_one_line (missing.err);
  g_assert_nonnull (strstr (missing.err, "no-such-audit.json"));

  g_assert_true (g_file_set_contents (bad, "{ not json", -1, NULL));
  run_ekv (&broken, "report", "bad.json", "--pdf", "b.pdf", NULL);
  g_assert_cmpint (broken.status, ==, 1);
  g_assert_nonnull (strstr (broken.err, "bad.json"));

  /* Into a folder that does not exist: nothing written, the file named. */
  run_ekv (&folder, "report", sample, "--pdf", "no-such-folder/r.pdf", NULL);
  g_assert_cmpint (folder.status, ==, 1);
  ekv_test_assert_one_line (folder.err);
  g_assert_nonnull (strstr (folder.err, "r.pdf"));

  run_ekv (&same, "report", bad, "--pdf", bad, NULL);
  g_assert_cmpint (same.status, ==, 1);
  ekv_test_assert_one_line (same.err);
  g_assert_false (g_file_test ("b.pdf", G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("m.pdf", G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  workdir = ekv_test_make_dir ("ekv-cli-report-XXXXXX");
  g_assert_no_errno (g_chdir (workdir));

  g_test_add_func ("/ekv/cli-report/help", test_help);
  g_test_add_func ("/ekv/cli-report/pdf", test_pdf);
  g_test_add_func ("/ekv/cli-report/bad-usage", test_bad_usage);
  g_test_add_func ("/ekv/cli-report/user-errors", test_user_errors);

  status = g_test_run ();

  ekv_test_remove_dir (workdir);
  g_free (workdir);
  return status;
}
