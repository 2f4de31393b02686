/* ekv-report-charts.c: the report's monthly bills and KPI charts
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * A title over the charts the window shares (ekv-chart-draw.h), drawn in the
 * report's font with a value axis; numbers in the language of the calling
 * thread (the report draws inside its language scope).
 */
#include "config.h"

#include <math.h>

#include "ekv-chart-draw.h"
#include "ekv-palette.h"
#include "ekv-report-private.h"
#include "ekv-util.h"

static const EkvColor chart_ink = { 0.10, 0.10, 0.12 };

void
_ekv_report_month_series_free (gpointer data)
{
  EkvReportMonthSeries *series = data;

  g_free (series->title);
  g_clear_pointer (&series->values, g_array_unref);
  g_clear_pointer (&series->labels, g_ptr_array_unref);
  g_free (series);
}

void
_ekv_report_kpi_series_free (gpointer data)
{
  EkvReportKpiSeries *series = data;

  g_free (series->title);
  g_clear_pointer (&series->periods, g_ptr_array_unref);
  g_clear_pointer (&series->values, g_array_unref);
  g_free (series);
}

static void
text_at (cairo_t        *cr,
         PangoContext   *context,
         const char     *text,
         double          size,
         gboolean        bold,
         double          x,
         double          y,
         double          align_x,    /* 0 left, 0.5 centre, 1 right */
         double          align_y,
         const EkvColor *color)
{
  g_autoptr(PangoLayout) layout = _ekv_report_text_layout (context, text, FALSE, size, bold, -1, 'l');
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  ekv_palette_set_source (cr, color, 1.0);
  cairo_move_to (cr, x - align_x * logical.width / PANGO_SCALE,
                 y - align_y * logical.height / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

/* The style of the shared charts in print: the report's font in points. */
static PangoLayout *
chart_style (PangoContext  *context,
             EkvChartStyle *style)
{
  PangoLayout *layout = _ekv_report_text_layout (context, "", FALSE, 6.5, FALSE, -1, 'l');

  style->layout = layout;
  style->foreground = chart_ink;
  style->accent = *ekv_palette_series (0);
  style->value_axis = TRUE;
  return layout;
}

void
_ekv_report_draw_month_bars (cairo_t  *cr,
                             double    width,
                             double    height,
                             gpointer  data)
{
  EkvReportMonthSeries *series = data;
  PangoContext *context = _ekv_report_pango_context (cr);
  g_autoptr(GObject) owner = G_OBJECT (context);
  g_autoptr(PangoLayout) layout = NULL;
  EkvChartStyle style;
  double top = 16;

  text_at (cr, context, series->title, 8.5, TRUE, 0, 0, 0, 0, &chart_ink);
  layout = chart_style (context, &style);
  cairo_translate (cr, 0, top);
  ekv_month_bars_draw (cr, &style, (const double *) series->values->data,
                       (const char * const *) series->labels->pdata, series->values->len,
                       width, height - top);
}

void
_ekv_report_draw_kpi (cairo_t  *cr,
                      double    width,
                      double    height,
                      gpointer  data)
{
  EkvReportKpiSeries *series = data;
  PangoContext *context = _ekv_report_pango_context (cr);
  g_autoptr(GObject) owner = G_OBJECT (context);
  g_autoptr(PangoLayout) layout = NULL;
  EkvChartStyle style;
  double top = 16;

  text_at (cr, context, series->title, 8.5, TRUE, 0, 0, 0, 0, &chart_ink);
  layout = chart_style (context, &style);
  cairo_translate (cr, 0, top);
  ekv_kpi_line_draw (cr, &style, (const char * const *) series->periods->pdata,
                     (const double *) series->values->data, series->values->len,
                     series->baseline, series->target, width, height - top);
}
