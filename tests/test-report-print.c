/* test-report-print.c: printing the report to a file gives the pages of the PDF export
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * GtkPrintOperation with GTK_PRINT_OPERATION_ACTION_EXPORT is what "Print to
 * File" does, without a dialog: the pages it writes must be those of
 * ekv_report_write_pdf () (same count, size, text per page, and pictures).
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-json-import.h"
#include "ekv-language.h"
#include "ekv-report-print.h"
#include "ekv-test-gui.h"
#include "ekv-test-util.h"

static char *
pdf_info (const char *path,
          const char *key)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = ekv_test_spawn_output (argv);
  g_auto(GStrv) lines = NULL;

  if (out == NULL)
    return NULL;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], key))
      return g_strstrip (g_strdup (lines[i] + strlen (key)));
  return NULL;
}

/* Each page's size and rotation as pdfinfo gives them ("841.89 x 595.276 pts
 * (A4) rot 0"), or NULL when pdfinfo is missing. */
static GPtrArray *
page_sizes (const char *path,
            guint       n_pages)
{
  g_autofree char *last = g_strdup_printf ("%u", n_pages);
  const char *argv[] = { "pdfinfo", "-f", "1", "-l", last, path, NULL };
  g_autofree char *out = ekv_test_spawn_output (argv);
  g_auto(GStrv) lines = NULL;
  GPtrArray *sizes;

  if (out == NULL)
    return NULL;
  sizes = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint page;
      char *rest;

      if (!g_str_has_prefix (lines[i], "Page "))
        continue;
      page = (guint) g_ascii_strtoull (lines[i] + 5, &rest, 10);
      if (page < 1 || page > n_pages)
        continue;
      rest = g_strstrip (rest);
      if (g_str_has_prefix (rest, "size:"))
        {
          g_assert_cmpuint (sizes->len, ==, page - 1);
          g_ptr_array_add (sizes, g_strstrip (g_strdup (rest + 5)));
        }
      else if (g_str_has_prefix (rest, "rot:"))
        {
          char *size = g_ptr_array_index (sizes, page - 1);

          g_ptr_array_index (sizes, page - 1) = g_strdup_printf ("%s rot %s", size,
                                                                 g_strstrip (rest + 4));
          g_free (size);
        }
    }
  g_assert_cmpuint (sizes->len, ==, n_pages);
  return sizes;
}

/* Compares each page of PATH with the report's: the size and orientation it
 * gives the page, turned (not rotated) when landscape, on PAPER. Sets the
 * number of pages that differ and of landscape pages; FALSE without pdfinfo. */
static gboolean
compare_page_sizes (EkvReport  *report,
                    const char *path,
                    const char *paper,
                    guint      *n_wrong,
                    guint      *n_landscape)
{
  guint n_pages = ekv_report_get_n_pages (report);
  g_autoptr(GPtrArray) sizes = page_sizes (path, n_pages);

  *n_wrong = *n_landscape = 0;
  if (sizes == NULL)
    return FALSE;
  for (guint page = 0; page < n_pages; page++)
    {
      const char *size = g_ptr_array_index (sizes, page);
      double width, height, w, h;
      char *end;

      ekv_report_get_page_size (report, page, &width, &height);
      g_assert_true (ekv_report_get_page_landscape (report, page) == (width > height));
      *n_landscape += width > height;
      w = g_ascii_strtod (size, &end);
      g_assert_true (g_str_has_prefix (end, " x "));
      h = g_ascii_strtod (end + 3, &end);
      if (fabs (w - width) > 0.5 || fabs (h - height) > 0.5 || strstr (size, paper) == NULL
          || !g_str_has_suffix (size, "rot 0"))
        {
          g_test_message ("page %u of %s is %s, the report's %.2f x %.2f", page + 1, path, size,
                          width, height);
          (*n_wrong)++;
        }
    }
  return TRUE;
}

/* Every page of PATH as the report lays it out; the number of landscape pages. */
static guint
check_page_sizes (EkvReport  *report,
                  const char *path,
                  const char *paper)
{
  guint n_wrong, n_landscape;

  if (!compare_page_sizes (report, path, paper, &n_wrong, &n_landscape))
    return 8;   /* no pdfinfo: the callers skip */
  g_assert_cmpuint (n_wrong, ==, 0);
  return n_landscape;
}

static char *
page_text (const char *path,
           guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-f", number, "-l", number, path, "-", NULL };

  return ekv_test_spawn_output (argv);
}

/* The page rendered small and grey (PGM), or NULL when pdftoppm is missing. */
static GBytes *
page_picture (const char *path,
              guint       page,
              const char *stem)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftoppm", "-r", "24", "-gray", "-singlefile", "-f", number, "-l",
                         number, path, stem, NULL };
  g_autofree char *out = ekv_test_spawn_output (argv);
  g_autofree char *pgm = g_strconcat (stem, ".pgm", NULL);
  char *contents = NULL;
  gsize length = 0;

  if (out == NULL)
    return NULL;
  g_assert_true (g_file_get_contents (pgm, &contents, &length, NULL));
  g_unlink (pgm);
  return g_bytes_new_take (contents, length);
}

/* A print path that ignores the report's orientation: every page portrait. */
static void
force_portrait_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   int                page,
                   GtkPageSetup      *setup,
                   gpointer           user_data)
{
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
export_with_print_operation_full (EkvDocument   *doc,
                                  GtkPageSetup  *setup,
                                  gboolean       ignore_orientation,
                                  const char    *path,
                                  guint         *n_pages)
{
  g_autoptr(GtkPrintOperation) operation = ekv_report_print_operation_new (doc,
                                                                          EKV_LANGUAGE_ENGLISH);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (setup != NULL)
    gtk_print_operation_set_default_page_setup (operation, setup);
  /* Runs after the report's own handler and undoes it. */
  if (ignore_orientation)
    g_signal_connect (operation, "request-page-setup", G_CALLBACK (force_portrait_cb), NULL);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_nonnull (ekv_report_print_operation_get_report (operation));
  *n_pages = ekv_report_get_n_pages (ekv_report_print_operation_get_report (operation));
}

static void
export_with_print_operation (EkvDocument   *doc,
                             GtkPageSetup  *setup,
                             const char    *path,
                             guint         *n_pages)
{
  export_with_print_operation_full (doc, setup, FALSE, path, n_pages);
}

static void
test_same_pages (void)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvReport) report = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A4,
                                                NULL);
  g_autofree char *printed = g_build_filename (g_get_tmp_dir (), "printed.pdf", NULL);
  g_autofree char *exported = g_build_filename (g_get_tmp_dir (), "exported.pdf", NULL);
  g_autofree char *stem_a = g_build_filename (g_get_tmp_dir (), "a", NULL);
  g_autofree char *stem_b = g_build_filename (g_get_tmp_dir (), "b", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *pages_printed = NULL;
  g_autofree char *pages_exported = NULL;
  g_autofree char *size_printed = NULL;
  g_autofree char *size_exported = NULL;
  guint n_pages = 0;

  export_with_print_operation (doc, NULL, printed, &n_pages);
  g_assert_true (ekv_report_write_pdf (report, exported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, ==, ekv_report_get_n_pages (report));

  pages_printed = pdf_info (printed, "Pages:");
  if (pages_printed == NULL)
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }
  pages_exported = pdf_info (exported, "Pages:");
  g_assert_cmpstr (pages_printed, ==, pages_exported);
  g_assert_cmpuint (g_ascii_strtoull (pages_printed, NULL, 10), ==, n_pages);
  size_printed = pdf_info (printed, "Page size:");
  size_exported = pdf_info (exported, "Page size:");
  g_assert_cmpstr (size_printed, ==, size_exported);
  g_assert_nonnull (strstr (size_printed, "(A4)"));
  /* Page by page the same size and orientation: the flow chart, the six
   * Sankey diagrams and the cost curve on landscape pages, the rest portrait. */
  g_assert_cmpuint (check_page_sizes (report, exported, "(A4)"), ==, 8);
  g_assert_cmpuint (check_page_sizes (report, printed, "(A4)"), ==, 8);

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *a = page_text (printed, page);
      g_autofree char *b = page_text (exported, page);
      g_autoptr(GBytes) picture_a = page_picture (printed, page, stem_a);
      g_autoptr(GBytes) picture_b = page_picture (exported, page, stem_b);
      const guint8 *pa, *pb;
      gsize la, lb, differ = 0;

      g_assert_cmpstr (a, ==, b);
      g_assert_cmpuint (strlen (a), >, 20);   /* no empty page */
      if (picture_a == NULL)
        continue;
      pa = g_bytes_get_data (picture_a, &la);
      pb = g_bytes_get_data (picture_b, &lb);
      g_assert_cmpuint (la, ==, lb);
      for (gsize i = 0; i < la; i++)
        differ += ABS ((int) pa[i] - (int) pb[i]) > 16;
      /* The same drawing: at most a few pixels of antialiasing apart. */
      g_assert_cmpuint (differ, <=, la / 200);
    }
  g_unlink (printed);
  g_unlink (exported);
}

/* A3 chosen in the page set-up lays the report out on A3. */
static void
test_a3 (void)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a3 = gtk_paper_size_new (GTK_PAPER_NAME_A3);
  g_autoptr(EkvReport) report = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A3,
                                                NULL);
  g_autofree char *printed = g_build_filename (g_get_tmp_dir (), "a3.pdf", NULL);
  g_autofree char *size = NULL;
  guint n_pages = 0;

  /* Landscape asked for: the report stays portrait, as it is laid out. */
  gtk_page_setup_set_paper_size (setup, a3);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  export_with_print_operation (doc, setup, printed, &n_pages);
  g_assert_cmpuint (n_pages, ==, ekv_report_get_n_pages (report));
  size = pdf_info (printed, "Page size:");
  if (size == NULL)
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }
  g_assert_nonnull (strstr (size, "841.89 x 1190.55"));
  g_assert_nonnull (strstr (size, "(A3)"));
  /* Landscape asked for or not, each page as the report lays it out: A3
   * landscape for the diagrams, portrait for the rest. */
  g_assert_cmpuint (check_page_sizes (report, printed, "(A3)"), ==, 8);
  g_unlink (printed);
}

/* The page check sees a print path that leaves the landscape pages portrait
 * (they would be printed shrunk): it is what fails if the orientation is lost. */
static void
test_orientation_checked (void)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvReport) report = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A4,
                                                NULL);
  g_autofree char *printed = g_build_filename (g_get_tmp_dir (), "portrait.pdf", NULL);
  guint n_pages = 0, n_wrong = 0, n_landscape = 0;

  export_with_print_operation_full (doc, NULL, TRUE, printed, &n_pages);
  g_assert_cmpuint (n_pages, ==, ekv_report_get_n_pages (report));
  if (!compare_page_sizes (report, printed, "(A4)", &n_wrong, &n_landscape))
    {
      g_test_skip ("poppler-utils are not installed");
      return;
    }
  g_assert_cmpuint (n_landscape, ==, 8);
  g_assert_cmpuint (n_wrong, ==, n_landscape);
  g_unlink (printed);
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* Export Report as PDF from the window: a Turkish report of the sample, on A3,
 * written in a worker thread while the window stays responsive. */
static void
test_window_export (void)
{
  EkvApplication *app = NULL;
  EkvWindow *window = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  gboolean turkish = ekv_test_have_turkish_locale ();

  ekv_test_open_sample ("report-export", FALSE, &app, &dir, &window);
  path = g_build_filename (dir, "rapor.pdf", NULL);
  ekv_report_export_file (window, path, turkish ? EKV_LANGUAGE_TURKISH : EKV_LANGUAGE_ENGLISH,
                          EKV_REPORT_PAPER_A3);
  ekv_test_wait_until (file_written, path, 30000);
  /* The rename comes last: once the file is there, it is complete. */
  size = pdf_info (path, "Page size:");
  if (size != NULL)
    {
      g_assert_nonnull (strstr (size, "(A3)"));
      text = page_text (path, 2);
      g_assert_nonnull (strstr (text, turkish ? "İçindekiler" : "Contents"));
    }
  ekv_test_close_sample (&app, &dir, &window);
}

int
main (int   argc,
      char *argv[])
{
  ekv_test_init_i18n ();
  if (!ekv_test_gui_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ekv/report-print/same-pages", test_same_pages);
  g_test_add_func ("/ekv/report-print/a3", test_a3);
  g_test_add_func ("/ekv/report-print/orientation-checked", test_orientation_checked);
  g_test_add_func ("/ekv/report-print/window-export", test_window_export);

  return g_test_run ();
}
