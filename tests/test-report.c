/* test-report.c: the management report's pages, tables, margins, languages and fonts
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-entity.h"
#include "ekv-json-import.h"
#include "ekv-report.h"
#include "ekv-test-util.h"

static char *
write_report (EkvReport  *report,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_assert_true (ekv_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
check_language (EkvLanguage  language,
                const char  *contents,
                const char  *summary,
                const char  *appendix,
                const char  *number)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvReport) report = ekv_report_new (doc, language, EKV_REPORT_PAPER_A4, &error);
  g_autofree char *path = NULL;
  g_autofree char *page2 = NULL;
  g_autofree char *page3 = NULL;
  g_autofree char *last = NULL;
  guint n;

  g_assert_no_error (error);
  n = ekv_report_get_n_pages (report);
  /* Cover, contents, summary, company, flow chart, baseline, balances, six
   * Sankey pages, options, MACC, plan, KPIs, appendix: a dozen pages and
   * some, not a hundred. */
  g_assert_cmpuint (n, >=, 12);
  g_assert_cmpuint (n, <=, 30);
  g_assert_cmpfloat_with_epsilon (ekv_report_get_page_width (report), 595.276, 0.01);

  path = write_report (report, language == EKV_LANGUAGE_TURKISH ? "tr.pdf" : "en.pdf");
  page2 = ekv_test_pdf_text (path, 2);
  if (page2 == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  /* The contents list the chapters, the summary first, on page 3. */
  g_assert_nonnull (strstr (page2, contents));
  g_assert_nonnull (strstr (page2, summary));
  g_assert_nonnull (strstr (page2, appendix));
  page3 = ekv_test_pdf_text (path, 3);
  g_assert_nonnull (strstr (page3, summary));
  g_assert_nonnull (strstr (page3, number));
  g_assert_nonnull (strstr (page3, "Ege Örme Boya A.Ş."));
  last = ekv_test_pdf_text (path, n);
  g_assert_nonnull (strstr (last, appendix));
  g_unlink (path);
}

static void
test_english (void)
{
  /* The programme's investment, 13,725,000 TRY, as English writes it. */
  check_language (EKV_LANGUAGE_ENGLISH, "Contents", "Executive summary", "Appendix: factors used",
                  "13,725,000");
}

static void
test_turkish (void)
{
  if (!ekv_test_have_turkish_locale ())
    {
      g_test_skip ("the tr_TR.UTF-8 locale is not installed");
      return;
    }
  check_language (EKV_LANGUAGE_TURKISH, "İçindekiler", "Yönetici özeti", "Ek: kullanılan katsayılar",
                  "13.725.000");
}

/* The sample with COUNT more actions: an action plan of several pages. */
static EkvDocument *
sample_with_actions (guint count)
{
  EkvDocument *doc = ekv_test_load_sample ();

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(EkvRecord) action = ekv_record_new (EKV_ENTITY_ACTION);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("Extra action %u: measure, adjust and record the "
                                               "rinse water of the jets every shift", i + 1);

      ekv_record_set_string (action, EKV_ACTION_OPTION, "o1");
      ekv_record_set_string (action, EKV_ACTION_ACTION, text);
      ekv_record_set_string (action, EKV_ACTION_RESPONSIBLE, "Ramazan Çelik");
      ekv_record_set_double (action, EKV_ACTION_BUDGET, 1000 * (i + 1));
      g_assert_true (ekv_document_insert (doc, action, NULL, -1, &error));
      g_assert_no_error (error);
    }
  return doc;
}

static void
test_tables (void)
{
  g_autoptr(EkvDocument) doc = sample_with_actions (90);
  g_autoptr(EkvReport) report = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A4,
                                                NULL);
  guint n_tables = ekv_report_get_n_tables (report);
  guint n_pages = ekv_report_get_n_pages (report);
  gboolean split = FALSE;
  guint n_continued = 0, n_said = 0;
  g_autofree char *path = NULL;
  g_autofree char *pdftotext = NULL;

  g_assert_cmpuint (n_tables, >=, 8);
  for (guint t = 0; t < n_tables; t++)
    {
      guint n_rows = ekv_report_get_table_n_rows (report, t);
      g_autofree guint *seen = g_new0 (guint, n_rows + 1);
      guint pages_with_rows = 0;

      for (guint p = 0; p < n_pages; p++)
        {
          GArray *items = ekv_report_get_items (report, p);
          gboolean header = FALSE, rows = FALSE, said = FALSE;
          double header_top = 0, header_bottom = 0;

          for (guint i = 0; i < items->len; i++)
            {
              EkvReportItem *item = &g_array_index (items, EkvReportItem, i);

              if (item->table != t)
                continue;
              if (item->kind == EKV_REPORT_ITEM_TABLE_HEADER)
                {
                  header = TRUE, header_top = item->y0, header_bottom = item->y1;
                  /* Right over a continued table's header: a line saying so. */
                  said = i > 0
                         && g_array_index (items, EkvReportItem, i - 1).kind
                            == EKV_REPORT_ITEM_TABLE_CONTINUED
                         && g_array_index (items, EkvReportItem, i - 1).y1 <= header_top + 0.01
                         && g_array_index (items, EkvReportItem, i - 1).y1 >= header_top - 6;
                }
              else if (item->kind == EKV_REPORT_ITEM_TABLE_ROW)
                {
                  g_assert_cmpuint (item->row, <, n_rows);
                  seen[item->row]++;
                  /* The first rows under a plain header, the rest under
                   * "(continued)". */
                  if (!rows)
                    g_assert_true (said == (item->row > 0));
                  rows = TRUE;
                  /* Rows come below their header, on the same page. */
                  g_assert_true (header);
                  g_assert_cmpfloat (item->y0, >=, header_bottom - 0.01);
                }
            }
          /* Every page with rows of the table repeats its header; no header
           * stands alone at the foot of a page. */
          g_assert_true (rows == header);
          pages_with_rows += rows;
          n_continued += rows && said;
        }
      for (guint r = 0; r < n_rows; r++)
        g_assert_cmpuint (seen[r], ==, 1);
      if (pages_with_rows > 1)
        split = TRUE;
    }
  /* The action plan of some hundred rows did split. */
  g_assert_true (split);
  g_assert_cmpuint (n_continued, >, 0);

  /* And the PDF says which table goes on. */
  path = write_report (report, "tables.pdf");
  pdftotext = g_find_program_in_path ("pdftotext");
  for (guint p = 1; pdftotext != NULL && p <= n_pages; p++)
    {
      g_autofree char *text = ekv_test_pdf_text (path, p);

      n_said += strstr (text, "Action plan (continued)") != NULL;
    }
  if (pdftotext != NULL)
    g_assert_cmpuint (n_said, ==, n_continued);
  g_unlink (path);
}

/* The Sankey diagrams, the flow chart and the cost curve each on a landscape
 * page of the report's paper, a diagram filling most of its page; the other
 * pages portrait. */
static void
check_landscape (EkvLanguage    language,
                 EkvReportPaper paper)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvReport) report = ekv_report_new (doc, language, paper, NULL);
  double paper_width, paper_height;
  guint n_landscape = 0, n_full = 0, first = 0, last = 0;

  ekv_report_paper_get_size (paper, &paper_width, &paper_height);
  g_assert_false (ekv_report_get_page_landscape (report, 0));   /* the cover */
  for (guint p = 0; p < ekv_report_get_n_pages (report); p++)
    {
      GArray *items = ekv_report_get_items (report, p);
      gboolean landscape = ekv_report_get_page_landscape (report, p);
      double width, height, x0, y0, x1, y1;
      guint n_figures = 0;

      ekv_report_get_page_size (report, p, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, landscape ? paper_height : paper_width, 0.01);
      g_assert_cmpfloat_with_epsilon (height, landscape ? paper_width : paper_height, 0.01);
      ekv_report_get_content_area (report, p, &x0, &y0, &x1, &y1);
      g_assert_cmpfloat_with_epsilon (x1, width - x0, 0.01);
      if (!landscape)
        continue;
      for (guint i = 0; i < items->len; i++)
        {
          EkvReportItem *item = &g_array_index (items, EkvReportItem, i);

          if (item->kind != EKV_REPORT_ITEM_FIGURE)
            continue;
          n_figures++;
          /* The width of the page, and most of its height. */
          g_assert_cmpfloat (item->x1 - item->x0, >=, (x1 - x0) - 0.01);
          n_full += item->y1 - item->y0 >= 0.6 * (y1 - y0);
        }
      g_assert_cmpuint (n_figures, ==, 1);
      if (n_landscape == 0)
        first = p;
      last = p;
      n_landscape++;
    }
  /* The flow chart, six Sankey diagrams and the cost curve. */
  g_assert_cmpuint (n_landscape, ==, 8);
  g_assert_cmpuint (n_full, >=, 7);
  g_assert_cmpuint (last - first, >, 8);   /* portrait chapters between them */
}

static void
test_landscape (void)
{
  check_landscape (EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A4);
  check_landscape (EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A3);
  if (ekv_test_have_turkish_locale ())
    check_landscape (EKV_LANGUAGE_TURKISH, EKV_REPORT_PAPER_A4);
}

static void
check_margins (EkvReportPaper paper)
{
  g_autoptr(EkvDocument) doc = sample_with_actions (40);
  g_autoptr(EkvReport) report = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, paper, NULL);
  double cx0, cy0, cx1, cy1, px0, py0, px1, py1;
  guint n_items = 0;

  for (guint p = 0; p < ekv_report_get_n_pages (report); p++)
    {
      GArray *items = ekv_report_get_items (report, p);

      /* Each page's own area: landscape pages are wider than high. */
      ekv_report_get_content_area (report, p, &cx0, &cy0, &cx1, &cy1);
      ekv_report_get_printable_area (report, p, &px0, &py0, &px1, &py1);
      g_assert_cmpfloat (px0, >=, 20);   /* 7 mm: what printers print */

      g_assert_cmpuint (items->len, >, 0);   /* no empty page */
      for (guint i = 0; i < items->len; i++)
        {
          EkvReportItem *item = &g_array_index (items, EkvReportItem, i);
          gboolean running = item->kind == EKV_REPORT_ITEM_HEADER;
          double x0 = running ? px0 : cx0, y0 = running ? py0 : cy0;
          double x1 = running ? px1 : cx1, y1 = running ? py1 : cy1;

          if (item->x0 < x0 - 0.01 || item->y0 < y0 - 0.01 || item->x1 > x1 + 0.01
              || item->y1 > y1 + 0.01)
            g_error ("page %u: item %u (kind %d) at %.1f,%.1f–%.1f,%.1f leaves "
                     "%.1f,%.1f–%.1f,%.1f",
                     p + 1, i, item->kind, item->x0, item->y0, item->x1, item->y1, x0, y0, x1, y1);
          g_assert_cmpfloat (item->x1, >=, item->x0);
          g_assert_cmpfloat (item->y1, >=, item->y0);
          n_items++;
        }
    }
  g_assert_cmpuint (n_items, >, 100);
}

static void
test_margins_a4 (void)
{
  check_margins (EKV_REPORT_PAPER_A4);
}

static void
test_margins_a3 (void)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvReport) a4 = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A4, NULL);
  g_autoptr(EkvReport) a3 = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A3, NULL);

  check_margins (EKV_REPORT_PAPER_A3);
  g_assert_cmpfloat_with_epsilon (ekv_report_get_page_height (a3), 1190.551, 0.01);
  g_assert_cmpuint (ekv_report_get_n_pages (a3), <=, ekv_report_get_n_pages (a4));
}

/* A word longer than its column breaks inside the column instead of running
 * out of the table (the margins test would see it). */
static void
test_long_words (void)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvReport) report = NULL;
  EkvRecord *option = ekv_document_find (doc, EKV_ENTITY_OPTION, "o1");
  g_autofree char *word = g_strnfill (300, 'W');
  double cx0, cy0, cx1, cy1;

  g_object_set (option, "title", word, NULL);
  report = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A4, NULL);
  for (guint p = 0; p < ekv_report_get_n_pages (report); p++)
    {
      GArray *items = ekv_report_get_items (report, p);

      ekv_report_get_content_area (report, p, &cx0, &cy0, &cx1, &cy1);

      for (guint i = 0; i < items->len; i++)
        g_assert_cmpfloat (g_array_index (items, EkvReportItem, i).x1, <=, cx1 + 0.01);
    }
}

static void
test_fonts_embedded (void)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvReport) report = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A4,
                                                NULL);
  g_autofree char *path = write_report (report, "fonts.pdf");
  const char *argv[] = { "pdffonts", path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;
  g_autofree char *program = g_find_program_in_path ("pdffonts");
  guint n_fonts = 0;

  if (program == NULL)
    {
      g_test_skip ("pdffonts is not installed");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  lines = g_strsplit (out, "\n", -1);
  /* name type encoding emb sub uni object ID: after the two heading lines,
   * every font says "yes" in the emb column. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      if (*lines[i] == '\0')
        continue;
      for (guint f = 0; fields[f] != NULL; f++)
        if (*fields[f] != '\0')
          g_ptr_array_add (words, fields[f]);
      g_assert_cmpuint (words->len, >=, 7);
      /* From the end: ID, object, uni, sub, emb. */
      g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
  g_unlink (path);
}

static void
test_write_error (void)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvReport) report = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A4,
                                                NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "no-such-folder", "r.pdf", NULL);

  g_assert_false (ekv_report_write_pdf (report, g_get_tmp_dir (), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_assert_false (ekv_report_write_pdf (report, missing, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "r.pdf"));
}

/* An empty audit still makes a report: a cover and chapters that say what is missing. */
static void
test_empty (void)
{
  g_autoptr(EkvDocument) doc = ekv_document_new ();
  g_autoptr(EkvReport) report = ekv_report_new (doc, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A4,
                                                NULL);
  g_autofree char *path = NULL;

  g_assert_cmpuint (ekv_report_get_n_pages (report), >=, 3);
  /* No diagram to turn a page for. */
  for (guint p = 0; p < ekv_report_get_n_pages (report); p++)
    g_assert_false (ekv_report_get_page_landscape (report, p));
  path = write_report (report, "empty.pdf");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  ekv_test_init_i18n ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/report/english", test_english);
  g_test_add_func ("/ekv/report/turkish", test_turkish);
  g_test_add_func ("/ekv/report/tables", test_tables);
  g_test_add_func ("/ekv/report/landscape", test_landscape);
  g_test_add_func ("/ekv/report/margins-a4", test_margins_a4);
  g_test_add_func ("/ekv/report/margins-a3", test_margins_a3);
  g_test_add_func ("/ekv/report/long-words", test_long_words);
  g_test_add_func ("/ekv/report/fonts-embedded", test_fonts_embedded);
  g_test_add_func ("/ekv/report/write-error", test_write_error);
  g_test_add_func ("/ekv/report/empty", test_empty);

  return g_test_run ();
}
