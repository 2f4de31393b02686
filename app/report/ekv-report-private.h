/* ekv-report-private.h: the report's blocks, shared by its layout and its content
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The content (ekv-report-content.c) appends blocks: headings, paragraphs,
 * key-figure tiles, tables and figures. The layout (ekv-report-layout.c)
 * measures them with Pango, places them into pages (tables split between rows
 * with their header repeated, a heading kept with what follows) and draws a
 * page with its running header and footer.
 */
#pragma once

#include <pango/pangocairo.h>

#include "ekv-report.h"

G_BEGIN_DECLS

#define EKV_REPORT_FONT        "DejaVu Sans"
#define EKV_REPORT_BODY_SIZE   9.5
#define EKV_REPORT_TABLE_SIZE  7.8

typedef void (*EkvReportFigureFunc) (cairo_t  *cr,
                                     double    width,
                                     double    height,
                                     gpointer  data);

typedef enum
{
  EKV_REPORT_BLOCK_COVER,
  EKV_REPORT_BLOCK_HEADING,
  EKV_REPORT_BLOCK_PARAGRAPH,
  EKV_REPORT_BLOCK_TILES,
  EKV_REPORT_BLOCK_TABLE,
  EKV_REPORT_BLOCK_FIGURE,
  EKV_REPORT_BLOCK_PAGE_BREAK,
  EKV_REPORT_BLOCK_CONTENTS,    /* the chapters with their pages */
} EkvReportBlockKind;

/* Row styles of a table. */
enum
{
  EKV_REPORT_ROW_NORMAL = 0,
  EKV_REPORT_ROW_TOTAL  = 1 << 0,  /* bold, ruled above */
};

typedef struct
{
  EkvReportBlockKind   kind;
  int                  level;       /* HEADING: 1 chapter (new page), 2 section */
  char                *text;        /* HEADING, PARAGRAPH (Pango markup), FIGURE's caption */
  double               size;        /* font size, points */

  /* Measured: PARAGRAPH's line tops (n_lines + 1, the last is the height). */
  GArray              *line_tops;
  double               height;      /* HEADING, TILES, FIGURE: the whole block */

  /* TILES: label, value pairs. COVER: unused. */
  GPtrArray           *tiles;

  /* TABLE */
  guint                table_index;
  guint                n_columns;
  double              *widths;      /* points, sum = content width */
  char                *align;       /* 'l', 'r', 'c' per column */
  GPtrArray           *header;      /* char * */
  GPtrArray           *rows;        /* GPtrArray of char * */
  GArray              *row_flags;   /* guint per row */
  GArray              *row_heights; /* double per row (measured) */
  double               header_height;

  char                *continued;   /* TABLE: the line over its part on a later page */
  double               continued_height;

  /* FIGURE */
  gboolean             fill;        /* takes the rest of its page's height */
  EkvReportFigureFunc  draw;
  gpointer             data;
  GDestroyNotify       destroy;
  double               caption_height;

  /* Laid out on a landscape page (the blocks added while the report is
   * landscape; a change of orientation starts a page). */
  gboolean             landscape;

  /* Placed: the page (from 0) a heading starts on; its index among the blocks. */
  guint                page;
  guint                index;
} EkvReportBlock;

struct _EkvReport
{
  EkvLanguage     language;
  EkvReportPaper  paper;
  double          width, height;     /* page, points */
  double          margin_x, margin_top, margin_bottom;
  double          edge;              /* header and footer stay this far inside the page */
  char           *title;             /* the report's title */
  char           *firm;
  char           *cover_title;       /* the audit's title */
  char           *cover_subtitle;    /* dates */
  GPtrArray      *cover_lines;       /* team, prepared by */
  char           *page_format;       /* "Page %u of %u" as translated in the report's language */
  GPtrArray      *blocks;            /* EkvReportBlock * */
  GPtrArray      *pages;             /* GArray of placements, see ekv-report-layout.c */
  GArray         *page_landscape;    /* gboolean per page */
  gboolean        adding_landscape;  /* the orientation of the blocks being added */
  char           *last_heading;      /* the heading the next table is under */
  GPtrArray      *items;             /* GArray of EkvReportItem per page */
  guint           n_tables;
  PangoContext   *measure;           /* the context text is measured with */
  GPtrArray      *keep;              /* what figures need while the report lives */
};

/* The width of the content of the blocks being added (portrait or landscape). */
double          _ekv_report_content_width (EkvReport  *report);
/* The height between the margins of the pages of the blocks being added. */
double          _ekv_report_content_height (EkvReport *report);
/* The blocks added from now on go on landscape pages (TRUE) or portrait ones:
 * a change starts a new page. */
void            _ekv_report_set_landscape (EkvReport  *report,
                                           gboolean    landscape);

/* Appending blocks (the content). */
void            _ekv_report_add_cover     (EkvReport  *report);
void            _ekv_report_add_heading   (EkvReport  *report,
                                           int         level,
                                           const char *text);
/* MARKUP is Pango markup: escape what comes from the audit. */
void            _ekv_report_add_paragraph (EkvReport  *report,
                                           const char *markup);
/* Pairs of label, value; taken over. */
void            _ekv_report_add_tiles     (EkvReport  *report,
                                           GPtrArray  *labels_and_values);
/* WIDTHS: N_COLUMNS relative widths; ALIGN: one letter per column. */
EkvReportBlock *_ekv_report_add_table     (EkvReport  *report,
                                           guint       n_columns,
                                           const double *widths,
                                           const char *align);
/* N_COLUMNS cells, copied (NULL: empty). */
void            _ekv_report_table_header  (EkvReportBlock *table,
                                           ...);
void            _ekv_report_table_row     (EkvReportBlock *table,
                                           guint           flags,
                                           ...);
/* Takes CELLS (char *, n_columns of them). */
void            _ekv_report_table_row_v   (EkvReportBlock *table,
                                           guint           flags,
                                           GPtrArray      *cells);
EkvReportBlock *_ekv_report_add_figure    (EkvReport           *report,
                                           double               height,
                                           const char          *caption,
                                           EkvReportFigureFunc  draw,
                                           gpointer             data,
                                           GDestroyNotify       destroy);
/* A figure that takes the height left on its page under what comes before it
 * (a new page when less than half a page is left); its block's height is
 * known once the report is paginated. */
EkvReportBlock *_ekv_report_add_fill_figure (EkvReport           *report,
                                             const char          *caption,
                                             EkvReportFigureFunc  draw,
                                             gpointer             data,
                                             GDestroyNotify       destroy);
void            _ekv_report_add_page_break (EkvReport *report);
/* A contents page: TITLE, then every chapter (level 1 heading) after it with
 * its page number, linked to it in the PDF. */
void            _ekv_report_add_contents  (EkvReport  *report,
                                           const char *title);

/* The content: appends every chapter of DOCUMENT to REPORT. */
void            _ekv_report_build_content (EkvReport   *report,
                                           EkvDocument *document);

/* Measures the blocks and places them into pages. */
void            _ekv_report_paginate      (EkvReport  *report);
void            _ekv_report_draw_page     (EkvReport  *report,
                                           cairo_t    *cr,
                                           guint       page);

/* A context measuring and drawing text in points, unhinted, so that text breaks
 * alike on every surface. CR may be NULL (measuring). */
PangoContext   *_ekv_report_pango_context (cairo_t    *cr);
/* A layout of TEXT (markup when MARKUP) in the report's font, SIZE points,
 * WIDTH points wide (≤ 0: unbounded), aligned by ALIGN ('l', 'c' or 'r'). */
PangoLayout    *_ekv_report_text_layout   (PangoContext *context,
                                           const char   *text,
                                           gboolean      markup,
                                           double        size,
                                           gboolean      bold,
                                           double        width,
                                           char          align);

/* Charts the report draws itself (ekv-report-charts.c). */
typedef struct
{
  char    *title;       /* e.g. "Electricity, kWh" */
  GArray  *values;      /* double per month, NAN for none */
  GPtrArray *labels;    /* char * per month */
} EkvReportMonthSeries;

void            _ekv_report_month_series_free (gpointer series);
void            _ekv_report_draw_month_bars   (cairo_t  *cr,
                                               double    width,
                                               double    height,
                                               gpointer  series);

typedef struct
{
  char     *title;      /* name and unit */
  double    baseline;   /* NAN: none */
  double    target;
  GPtrArray *periods;   /* char * */
  GArray    *values;    /* double */
} EkvReportKpiSeries;

void            _ekv_report_kpi_series_free   (gpointer series);
void            _ekv_report_draw_kpi          (cairo_t  *cr,
                                               double    width,
                                               double    height,
                                               gpointer  series);

G_END_DECLS
