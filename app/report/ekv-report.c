/* ekv-report.c: the management report of an audit, paginated, for PDF and print
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "ekv-chart-file.h"
#include "ekv-report-private.h"

/* ISO 216, in points. */
#define A4_WIDTH  595.276
#define A4_HEIGHT 841.890
#define A3_WIDTH  841.890
#define A3_HEIGHT 1190.551

gboolean
ekv_report_paper_from_nick (const char     *nick,
                            EkvReportPaper *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (nick, "a4") == 0)
    *paper = EKV_REPORT_PAPER_A4;
  else if (g_ascii_strcasecmp (nick, "a3") == 0)
    *paper = EKV_REPORT_PAPER_A3;
  else
    return FALSE;
  return TRUE;
}

void
ekv_report_paper_get_size (EkvReportPaper  paper,
                           double         *width,
                           double         *height)
{
  if (width != NULL)
    *width = paper == EKV_REPORT_PAPER_A3 ? A3_WIDTH : A4_WIDTH;
  if (height != NULL)
    *height = paper == EKV_REPORT_PAPER_A3 ? A3_HEIGHT : A4_HEIGHT;
}

EkvReport *
ekv_report_new (EkvDocument     *document,
                EkvLanguage      language,
                EkvReportPaper   paper,
                GError         **error)
{
  g_autoptr(EkvLanguageScope) scope = NULL;
  EkvReport *report;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  scope = ekv_language_scope_enter (language, error);
  if (scope == NULL)
    return NULL;

  report = g_new0 (EkvReport, 1);
  report->language = language;
  report->paper = paper;
  ekv_report_paper_get_size (paper, &report->width, &report->height);
  report->margin_x = 56.7;       /* 20 mm */
  report->margin_top = 70.9;     /* 25 mm: the running header above it */
  report->margin_bottom = 62.4;  /* 22 mm: the footer below it */
  report->edge = 28.3;           /* 10 mm: what any printer prints */
  report->keep = g_ptr_array_new_with_free_func (g_object_unref);
  /* Translators: the report's footer, e.g. "Page 3 of 21" */
  report->page_format = g_strdup (_("Page %u of %u"));

  _ekv_report_build_content (report, document);
  _ekv_report_paginate (report);
  return report;
}

void
ekv_report_free (EkvReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->pages, g_ptr_array_unref);
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_clear_pointer (&report->page_landscape, g_array_unref);
  g_clear_pointer (&report->blocks, g_ptr_array_unref);
  g_clear_pointer (&report->cover_lines, g_ptr_array_unref);
  g_clear_pointer (&report->keep, g_ptr_array_unref);
  g_clear_object (&report->measure);
  g_free (report->title);
  g_free (report->firm);
  g_free (report->cover_title);
  g_free (report->cover_subtitle);
  g_free (report->page_format);
  g_free (report->last_heading);
  g_free (report);
}

guint
ekv_report_get_n_pages (EkvReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->pages->len;
}

EkvReportPaper
ekv_report_get_paper (EkvReport *report)
{
  g_return_val_if_fail (report != NULL, EKV_REPORT_PAPER_A4);
  return report->paper;
}

double
ekv_report_get_page_width (EkvReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->width;
}

double
ekv_report_get_page_height (EkvReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->height;
}

gboolean
ekv_report_get_page_landscape (EkvReport *report,
                               guint      page)
{
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (page < report->pages->len, FALSE);
  return g_array_index (report->page_landscape, gboolean, page);
}

void
ekv_report_get_page_size (EkvReport *report,
                          guint      page,
                          double    *width,
                          double    *height)
{
  gboolean landscape;

  g_return_if_fail (report != NULL);
  g_return_if_fail (page < report->pages->len);

  landscape = g_array_index (report->page_landscape, gboolean, page);
  if (width != NULL)
    *width = landscape ? report->height : report->width;
  if (height != NULL)
    *height = landscape ? report->width : report->height;
}

const char *
ekv_report_get_title (EkvReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->title;
}

void
ekv_report_draw_page (EkvReport *report,
                      cairo_t   *cr,
                      guint      page,
                      double     width,
                      double     height)
{
  g_autoptr(EkvLanguageScope) scope = NULL;
  double scale, page_width, page_height;

  g_return_if_fail (report != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < report->pages->len);

  /* Charts format their numbers as they draw: in the report's language. */
  scope = ekv_language_scope_enter (report->language, NULL);

  ekv_report_get_page_size (report, page, &page_width, &page_height);
  cairo_save (cr);
  if (width > 0 && height > 0
      && (fabs (width - page_width) > 0.5 || fabs (height - page_height) > 0.5))
    {
      scale = MIN (width / page_width, height / page_height);
      cairo_translate (cr, (width - page_width * scale) / 2,
                       (height - page_height * scale) / 2);
      cairo_scale (cr, scale, scale);
    }
  _ekv_report_draw_page (report, cr, page);
  cairo_restore (cr);
}

static gboolean
draw_all_pages (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  user_data,
                GError  **error)
{
  EkvReport *report = user_data;
  cairo_surface_t *target = cairo_get_target (cr);

  for (guint i = 0; i < report->pages->len; i++)
    {
      double page_width, page_height;

      if (i > 0)
        cairo_show_page (cr);
      /* Each page in its own size and orientation, set before it is drawn on. */
      ekv_report_get_page_size (report, i, &page_width, &page_height);
      if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_PDF)
        cairo_pdf_surface_set_size (target, page_width, page_height);
      ekv_report_draw_page (report, cr, i, page_width, page_height);
    }
  return TRUE;
}

gboolean
ekv_report_write_pdf (EkvReport   *report,
                      const char  *path,
                      GError     **error)
{
  double width, height;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ekv_report_get_page_size (report, 0, &width, &height);
  /* The chart writer shows the last page itself. */
  return ekv_chart_write_file (EKV_CHART_FORMAT_PDF, path, width, height,
                               report->title, draw_all_pages, report, error);
}

GArray *
ekv_report_get_items (EkvReport *report,
                      guint      page)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (page < report->items->len, NULL);
  return g_ptr_array_index (report->items, page);
}

guint
ekv_report_get_n_tables (EkvReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_tables;
}

guint
ekv_report_get_table_n_rows (EkvReport *report,
                             guint      table)
{
  g_return_val_if_fail (report != NULL, 0);

  for (guint i = 0; i < report->blocks->len; i++)
    {
      EkvReportBlock *block = g_ptr_array_index (report->blocks, i);

      if (block->kind == EKV_REPORT_BLOCK_TABLE && block->table_index == table)
        return block->rows->len;
    }
  return 0;
}

void
ekv_report_get_content_area (EkvReport *report,
                             guint      page,
                             double    *x0,
                             double    *y0,
                             double    *x1,
                             double    *y1)
{
  double width, height;

  g_return_if_fail (report != NULL);
  ekv_report_get_page_size (report, page, &width, &height);
  *x0 = report->margin_x;
  *y0 = report->margin_top;
  *x1 = width - report->margin_x;
  *y1 = height - report->margin_bottom;
}

void
ekv_report_get_printable_area (EkvReport *report,
                               guint      page,
                               double    *x0,
                               double    *y0,
                               double    *x1,
                               double    *y1)
{
  double width, height;

  g_return_if_fail (report != NULL);
  ekv_report_get_page_size (report, page, &width, &height);
  *x0 = report->edge;
  *y0 = report->edge;
  *x1 = width - report->edge;
  *y1 = height - report->edge;
}
