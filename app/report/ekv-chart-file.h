/* ekv-chart-file.h: a chart written to a PNG, SVG or PDF file, safely
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  EKV_CHART_FORMAT_PNG,
  EKV_CHART_FORMAT_SVG,
  EKV_CHART_FORMAT_PDF,
} EkvChartFormat;

/* "png", "svg", "pdf"; FALSE for anything else. */
gboolean ekv_chart_format_from_nick (const char      *nick,
                                     EkvChartFormat  *format);

/* Draws onto CR a chart of WIDTH × HEIGHT from (0, 0); FALSE with ERROR when it
 * cannot be drawn at all. */
typedef gboolean (*EkvChartDrawFunc) (cairo_t  *cr,
                                      double    width,
                                      double    height,
                                      gpointer  user_data,
                                      GError  **error);

/* Writes what DRAW draws to PATH as FORMAT: PNG in pixels, SVG and PDF in points
 * of WIDTH × HEIGHT; TITLE (may be NULL) goes into the PDF's metadata. Written
 * to a temporary file beside PATH, synced and renamed over it only when
 * complete, so a failure (a full disk, a folder in the way) never leaves half a
 * file nor harms one already there. Errors are G_IO_ERROR, translated, naming
 * the file, or DRAW's own. */
gboolean ekv_chart_write_file       (EkvChartFormat     format,
                                     const char        *path,
                                     double             width,
                                     double             height,
                                     const char        *title,
                                     EkvChartDrawFunc   draw,
                                     gpointer           user_data,
                                     GError           **error);

G_END_DECLS
