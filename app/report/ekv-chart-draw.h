/* ekv-chart-draw.h: the small charts the window and the report share
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * A bar chart of one value per month (the bills) and a line chart of an
 * indicator's values with its baseline and target (the KPIs), drawn onto any
 * cairo_t: the window's widgets draw them in pixels with their own font and
 * colours, the report in points with its own, with a value axis for print.
 * Numbers and names follow the calling thread's language.
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "ekv-palette.h"

G_BEGIN_DECLS

typedef struct
{
  PangoLayout *layout;      /* the labels' font (its text is replaced while drawing) */
  EkvColor     foreground;  /* text and axes */
  EkvColor     accent;      /* the month chart's bars */
  gboolean     value_axis;  /* gridlines with their values on the left (print) */
} EkvChartStyle;

/* One bar per value, scaled to the largest, LABELS[i] under bar i; NAN or
 * values ≤ 0 draw no bar. */
void ekv_month_bars_draw (cairo_t             *cr,
                          const EkvChartStyle *style,
                          const double        *values,
                          const char * const  *labels,
                          guint                n,
                          double               width,
                          double               height);

/* VALUES as a line with dots over PERIODS, the BASELINE dashed in the text
 * colour and the TARGET dashed in the palette's green (NAN: not drawn), each
 * named at its right end; "No values yet" when there is nothing to draw. */
void ekv_kpi_line_draw   (cairo_t             *cr,
                          const EkvChartStyle *style,
                          const char * const  *periods,
                          const double        *values,
                          guint                n,
                          double               baseline,
                          double               target,
                          double               width,
                          double               height);

G_END_DECLS
