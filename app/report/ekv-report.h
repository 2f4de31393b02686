/* ekv-report.h: the management report of an audit, paginated, for PDF and print
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * ekv_report_new() reads a document once, in the language asked for (whatever
 * the window speaks), and lays the report out into pages: a cover, the
 * contents (linked, and the PDF's bookmarks), the executive summary, the
 * company and its process, the baseline, the balances, the Sankey diagrams
 * before and after, the options, the cost curve, the action plan, the KPIs and
 * an appendix of the factors used. The flow chart, each Sankey diagram and
 * the cost curve have a landscape page of their own (the paper turned: a page
 * has its own size, ekv_report_get_page_size ()). The report keeps what it
 * needs: the document may change or go afterwards. The same
 * ekv_report_draw_page() paints a page for the PDF file, the print preview and
 * the printer, so what is printed is what is exported.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ekv-document.h"
#include "ekv-language.h"

G_BEGIN_DECLS

typedef enum
{
  EKV_REPORT_PAPER_A4,
  EKV_REPORT_PAPER_A3,
} EkvReportPaper;

/* "a4", "a3" (any case); FALSE for anything else. */
gboolean     ekv_report_paper_from_nick (const char      *nick,
                                         EkvReportPaper  *paper);
/* Portrait size of PAPER in points. */
void         ekv_report_paper_get_size  (EkvReportPaper   paper,
                                         double          *width,
                                         double          *height);

typedef struct _EkvReport EkvReport;

/* Builds the report of DOCUMENT in LANGUAGE on PAPER (portrait). Fails only when
 * the language cannot be switched to (EKV_LANGUAGE_ERROR). */
EkvReport   *ekv_report_new             (EkvDocument     *document,
                                         EkvLanguage      language,
                                         EkvReportPaper   paper,
                                         GError         **error);
void         ekv_report_free            (EkvReport       *report);

guint        ekv_report_get_n_pages     (EkvReport       *report);
EkvReportPaper ekv_report_get_paper     (EkvReport       *report);
/* The paper's size in points, portrait: the size of every page that is not
 * landscape. */
double       ekv_report_get_page_width  (EkvReport       *report);
double       ekv_report_get_page_height (EkvReport       *report);
/* Page PAGE (from 0) in points: the paper portrait, or turned for a landscape
 * page (the Sankey diagrams, the flow chart, the cost curve). */
void         ekv_report_get_page_size   (EkvReport       *report,
                                         guint            page,
                                         double          *width,
                                         double          *height);
gboolean     ekv_report_get_page_landscape (EkvReport    *report,
                                            guint         page);
/* The report's title (for the PDF metadata and the print job). */
const char  *ekv_report_get_title       (EkvReport       *report);

/* Draws page PAGE (from 0) onto CR, whose user space is WIDTH × HEIGHT points
 * from (0, 0): the page is scaled to fit and centred when the size differs
 * from the page's (ekv_report_get_page_size ()). */
void         ekv_report_draw_page       (EkvReport       *report,
                                         cairo_t         *cr,
                                         guint            page,
                                         double           width,
                                         double           height);

/* Writes every page to PATH as PDF, each in its size (landscape pages turned),
 * fonts embedded, charts as vectors; through
 * a temporary file beside PATH renamed over it when complete. Errors are
 * G_IO_ERROR, translated, naming the file. */
gboolean     ekv_report_write_pdf       (EkvReport       *report,
                                         const char      *path,
                                         GError         **error);

/* What a page holds, for tests: every box laid out on it, in points. */
typedef enum
{
  EKV_REPORT_ITEM_HEADER,       /* running header and footer */
  EKV_REPORT_ITEM_TEXT,         /* a heading, a paragraph's lines, a caption */
  EKV_REPORT_ITEM_TILE,
  EKV_REPORT_ITEM_TABLE_HEADER, /* a table's header row (repeated on a continuation) */
  EKV_REPORT_ITEM_TABLE_ROW,
  EKV_REPORT_ITEM_FIGURE,
  EKV_REPORT_ITEM_COVER,
  EKV_REPORT_ITEM_TABLE_CONTINUED, /* "Balances (continued)" over a continued table's header */
} EkvReportItemKind;

typedef struct
{
  EkvReportItemKind  kind;
  guint              table;  /* TABLE_*: which table of the report (from 0) */
  guint              row;    /* TABLE_ROW: which body row of it (from 0) */
  double             x0, y0, x1, y1;
} EkvReportItem;

/* The items of PAGE: an array of EkvReportItem owned by the report. */
GArray      *ekv_report_get_items       (EkvReport       *report,
                                         guint            page);
guint        ekv_report_get_n_tables    (EkvReport       *report);
/* The number of body rows of table TABLE. */
guint        ekv_report_get_table_n_rows (EkvReport      *report,
                                          guint           table);
/* The area of page PAGE within the margins where the content goes, and the
 * wider one where the running header and footer go; in points. */
void         ekv_report_get_content_area (EkvReport      *report,
                                          guint           page,
                                          double         *x0,
                                          double         *y0,
                                          double         *x1,
                                          double         *y1);
void         ekv_report_get_printable_area (EkvReport    *report,
                                            guint         page,
                                            double       *x0,
                                            double       *y0,
                                            double       *x1,
                                            double       *y1);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkvReport, ekv_report_free)

G_END_DECLS
