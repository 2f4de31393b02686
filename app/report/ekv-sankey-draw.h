/* ekv-sankey-draw.h: a Sankey graph drawn onto any cairo_t, and written to files
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The same drawing serves the window, PNG, SVG and PDF files and the printout:
 * the graph is laid out (ekv_sankey_layout()) into what is left of the area
 * after the title, the legend and the label margins, then drawn: bands
 * coloured by class (ekv_palette), nodes as dark bars, labels "name — value
 * unit" that never overlap one another. After drawing, the graph's geometry is
 * in the drawing's coordinates, which is what ekv_sankey_hit() answers from.
 */
#pragma once

#include <cairo.h>

#include "ekv-chart-file.h"
#include "ekv-palette.h"
#include "ekv-sankey.h"

G_BEGIN_DECLS

/* Labels shaped in one drawing and kept for the next of the same diagram: an
 * edit changes a few values, and the other labels are not shaped again. For
 * one thread (a widget's); labels not drawn for a few drawings are let go. */
typedef struct _EkvSankeyTextCache EkvSankeyTextCache;

EkvSankeyTextCache *ekv_sankey_text_cache_new  (void);
void                ekv_sankey_text_cache_free (EkvSankeyTextCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkvSankeyTextCache, ekv_sankey_text_cache_free)

typedef struct
{
  double          fixed_scale;      /* px per unit of value; 0 fits the area. Give two
                                     * diagrams one scale to compare them honestly */
  EkvSankeyAlign  align;            /* default JUSTIFY: sinks in the last column */
  gboolean        use_column_hints; /* default TRUE: the process order of the audit */
  gboolean        show_title;       /* default TRUE: graph->title and its unit */
  gboolean        show_legend;      /* default TRUE: the band classes present */
  gboolean        fill_background;  /* default TRUE; FALSE draws onto what is there */
  EkvColor        background;       /* default white; also the labels' halo */
  EkvColor        foreground;       /* text; default near black */
  EkvColor        node_color;       /* default dark grey */
  double          band_alpha;       /* default 0.6 */
  double          font_size;        /* px; 0 picks one from the area (default) */
  const char     *font_family;      /* default "Sans" */
  int             highlight_node;   /* drawn emphasised (hover), or -1 (default) */
  int             highlight_link;   /* likewise */
  GArray         *labels;           /* if not NULL, receives an EkvSankeyLabelBox per
                                     * label drawn (hover over a label, tests) */
  gboolean        fast;             /* default FALSE; TRUE for the screen: coarser
                                     * antialiasing of the bands, about twice as
                                     * fast, what redrawing after every edit can
                                     * afford (files and print keep the best); and
                                     * the pixels made in strips of an image by two
                                     * threads, the bands begun while the labels
                                     * are placed */
  EkvSankeyTextCache *text_cache;   /* default NULL: labels shaped afresh */
  double          pixel_scale;      /* default 1: device pixels per unit, for that
                                     * image when the target is a recording (GTK
                                     * records a widget's drawing: give its scale
                                     * factor) */
} EkvSankeyDrawOptions;

/* Where a node's label was drawn, in the drawing's coordinates. */
typedef struct
{
  guint   node;
  double  x0, y0, x1, y1;
} EkvSankeyLabelBox;

void      ekv_sankey_draw_options_init (EkvSankeyDrawOptions       *options);

/* Lays GRAPH out into WIDTH × HEIGHT (less title, legend and label margins) and
 * draws it onto CR from (0, 0). OPTIONS may be NULL for the defaults. Fails only
 * when the graph cannot be laid out (EKV_SANKEY_ERROR_INVALID, EMPTY). */
gboolean  ekv_sankey_draw              (cairo_t                    *cr,
                                        EkvSankeyGraph             *graph,
                                        double                      width,
                                        double                      height,
                                        const EkvSankeyDrawOptions *options,
                                        GError                    **error);

typedef enum
{
  EKV_SANKEY_HIT_NONE,
  EKV_SANKEY_HIT_NODE,
  EKV_SANKEY_HIT_LINK,
} EkvSankeyHitKind;

/* What of a graph drawn by ekv_sankey_draw() lies under (X, Y), in the
 * drawing's coordinates: a node (nodes are on top), else the topmost band, else
 * nothing. INDEX (may be NULL) gets the node's or link's index. */
EkvSankeyHitKind ekv_sankey_hit        (EkvSankeyGraph             *graph,
                                        double                      x,
                                        double                      y,
                                        guint                      *index);

/* The scale (px per unit) ekv_sankey_draw () would give GRAPH in WIDTH ×
 * HEIGHT with OPTIONS (NULL: the defaults); 0 when it cannot be drawn. Drawing
 * another graph with that as its fixed_scale shows both on one scale, as a
 * before and after must be. */
double    ekv_sankey_fit_scale         (EkvSankeyGraph             *graph,
                                        double                      width,
                                        double                      height,
                                        const EkvSankeyDrawOptions *options);

/* Draws GRAPH (default options) to PATH as FORMAT: PNG in pixels, SVG and PDF in
 * points of WIDTH × HEIGHT. Written to a temporary file beside PATH and renamed
 * over it only when complete, so a failure never leaves half a file nor harms
 * one already there. Errors (G_IO_ERROR, or the layout's) are translated and
 * name the file. */
/* The same with OPTIONS (NULL: the defaults). */
gboolean  ekv_sankey_write_file_full   (EkvSankeyGraph             *graph,
                                        const EkvSankeyDrawOptions *options,
                                        EkvChartFormat              format,
                                        const char                 *path,
                                        double                      width,
                                        double                      height,
                                        GError                    **error);
gboolean  ekv_sankey_write_file        (EkvSankeyGraph             *graph,
                                        EkvChartFormat             format,
                                        const char                 *path,
                                        double                      width,
                                        double                      height,
                                        GError                    **error);

G_END_DECLS
