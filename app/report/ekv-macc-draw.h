/* ekv-macc-draw.h: a marginal abatement cost curve drawn onto any cairo_t, and to files
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The curve of DOMAIN.md §2.7: one bar per option that avoids CO₂, in the order of
 * ekv_options_macc_order() (cost per tonne ascending), its width the tonnes of
 * CO₂ it avoids per year, its height the cost per tonne in the audit's currency
 * (below the axis: the option saves money), coloured by option category with a
 * legend. Options that avoid no CO₂ (or whose cost per tonne is not known) are
 * named under the chart as not on the curve, never silently dropped. The same
 * drawing serves the window, PNG, SVG and PDF.
 */
#pragma once

#include <cairo.h>

#include "ekv-chart-file.h"

#include "ekv-options.h"
#include "ekv-palette.h"

G_BEGIN_DECLS

/* Where one option's bar was drawn, in the drawing's coordinates (y0 < y1). */
typedef struct
{
  const EkvOptionResult *option;   /* owned by the EkvOptions drawn */
  double                 x0, y0, x1, y1;
} EkvMaccBar;

typedef struct
{
  const char *currency;         /* shown in the axis title, e.g. "TRY"; NULL: none */
  gboolean    only_portfolio;   /* default FALSE: every option; TRUE: approved,
                                 * in progress and done only */
  gboolean    show_title;       /* default TRUE */
  gboolean    fill_background;  /* default TRUE */
  EkvColor    background;       /* default white */
  EkvColor    foreground;       /* text and axes; default near black */
  double      font_size;        /* px; 0 picks one from the area (default) */
  GArray     *bars;             /* if not NULL, receives an EkvMaccBar per bar */
  GPtrArray  *off_curve;        /* if not NULL, receives the (const EkvOptionResult *)
                                 * listed as not on the curve */
} EkvMaccDrawOptions;

void      ekv_macc_draw_options_init (EkvMaccDrawOptions       *draw_options);

/* Draws the curve of OPTIONS onto CR in WIDTH × HEIGHT from (0, 0). DRAW_OPTIONS
 * may be NULL for the defaults. Never fails: with no option on the curve it says
 * so in the drawing. */
void      ekv_macc_draw              (cairo_t                  *cr,
                                      EkvOptions               *options,
                                      double                    width,
                                      double                    height,
                                      const EkvMaccDrawOptions *draw_options);

/* Draws the curve of OPTIONS (DRAW_OPTIONS may be NULL; its bars and off_curve
 * are ignored) to PATH as FORMAT: PNG in pixels, SVG and PDF in points of WIDTH ×
 * HEIGHT. Written to a temporary file beside PATH and renamed over it only when
 * complete, so a failure never leaves half a file nor harms one already there.
 * Errors (G_IO_ERROR) are translated and name the file. */
gboolean  ekv_macc_write_file        (EkvOptions               *options,
                                      const EkvMaccDrawOptions *draw_options,
                                      EkvChartFormat             format,
                                      const char               *path,
                                      double                    width,
                                      double                    height,
                                      GError                  **error);

G_END_DECLS
