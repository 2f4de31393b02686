/* ekv-sankey-draw-private.h: what the Sankey drawing shares with its labels
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <pango/pangocairo.h>

#include "ekv-sankey-draw.h"

G_BEGIN_DECLS

#define LABEL_GAP     4.0   /* px between a node and its label */
#define LABEL_LINES   3     /* a label wraps to at most this many lines */

typedef struct
{
  guint        node;
  PangoLayout *layout;
  double       box;       /* the layout's width (its text is aligned within it) */
  double       width, height;
  double       want;      /* the node's centre: where the label would like to be */
  double       x, y;      /* top left, once placed */
  gboolean     right;     /* text right of x (else right-aligned, ending at x) */
  gboolean     centred;   /* above or below its node, centred on it */
  gboolean     big;       /* never dropped */
  gboolean     in_margin; /* first or last column's: beside no band, needs no halo */
  gboolean     dropped;
} EkvSankeyLabel;

/* A node's label on one line, shaped once per drawing: a label whose box is at
 * least this wide is drawn from it, whatever its alignment (placed by its x). */
typedef struct
{
  PangoLayout *line;      /* NULL until made */
  double       width, height;
  double       value_width;  /* its "— value unit": never broken */
  int         *xs;        /* x of each character in LINE (Pango units), and the end */
  int          n_chars;
  PangoLayout *wrapped;   /* the last layout wrapped to a box (not cut short), or NULL */
  double       wrapped_box, wrapped_width;  /* that box, and its widest line */
} EkvSankeyLabelText;

/* A label shaped in an earlier drawing (ekv-sankey-labels.c). */
typedef struct
{
  PangoLayout *line;
  double       width, height, value_width;
  guint        used;      /* the cache's generation when last drawn */
} EkvSankeyCachedText;

struct _EkvSankeyTextCache
{
  PangoContext   *context;
  cairo_matrix_t  matrix;   /* the context's, when last updated from a cairo_t */
  GHashTable   *texts;    /* "size|family|markup" → EkvSankeyCachedText */
  guint         generation;
};

/* The screen's drawing in strips by two threads (ekv-sankey-screen.c). */
typedef struct _EkvSankeyScreen EkvSankeyScreen;

/* On screen and in PNG a label's halo is eight copies of its text in the
 * background colour, shifted by a pixel. */
#define EKV_SANKEY_N_HALO_OFFSETS 8
extern const double _ekv_sankey_halo_offsets[EKV_SANKEY_N_HALO_OFFSETS][2];

typedef struct
{
  const EkvSankeyDrawOptions *options;
  EkvSankeyGraph             *graph;
  double                      font_size;
  double                      width, height;
  double                      pad;
  double                      node_padding;  /* between nodes of a column, px */
  PangoContext               *pango;
  gboolean                    vector;        /* drawing into a PDF, SVG or PostScript file */
  EkvSankeyLabelText         *texts;         /* per node */
  GArray                     *columns;   /* double: distinct node x0, sorted */
  EkvSankeyScreen            *screen;    /* when set, text and leader lines are kept for
                                          * it rather than drawn */
} EkvSankeyDrawing;

/* One drawing's text, in its Pango context. */
PangoLayout *_ekv_sankey_new_layout    (EkvSankeyDrawing *d,
                                        cairo_t          *cr,
                                        double            size,
                                        gboolean          bold);
void         _ekv_sankey_layout_size   (PangoLayout      *layout,
                                        double           *width,
                                        double           *height);
/* LAYOUT at (X, Y), with a halo in the background colour when HALO. */
void         _ekv_sankey_show_text     (EkvSankeyDrawing *d,
                                        cairo_t          *cr,
                                        PangoLayout      *layout,
                                        double            x,
                                        double            y,
                                        gboolean          halo);
/* LAYOUT's lines (laid out left-aligned) aligned by ALIGN in a box BOX wide at
 * (X, Y), as _ekv_sankey_show_text() draws them. */
void         _ekv_sankey_show_lines    (EkvSankeyDrawing *d,
                                        cairo_t          *cr,
                                        PangoLayout      *layout,
                                        double            x,
                                        double            y,
                                        double            box,
                                        PangoAlignment    align,
                                        gboolean          halo);
/* LINE with its baseline starting at (X, Y), as _ekv_sankey_show_text() draws. */
void         _ekv_sankey_show_line     (EkvSankeyDrawing *d,
                                        cairo_t          *cr,
                                        PangoLayoutLine  *line,
                                        double            x,
                                        double            y,
                                        gboolean          halo);
/* A thin line from a label back to its node. */
void         _ekv_sankey_leader        (EkvSankeyDrawing *d,
                                        cairo_t          *cr,
                                        double            x0,
                                        double            y0,
                                        double            x1,
                                        double            y1);
/* The bands, and the nodes, that may cross the rows from Y0 to Y1 (user space). */
void         _ekv_sankey_draw_bands    (EkvSankeyDrawing *d,
                                        cairo_t          *cr,
                                        double            y0,
                                        double            y1);
void         _ekv_sankey_draw_nodes    (EkvSankeyDrawing *d,
                                        cairo_t          *cr,
                                        double            y0,
                                        double            y1);
/* The index of the column whose x0 is X, in COLUMNS (distinct node x0, sorted). */
guint        _ekv_sankey_column_of     (GArray           *columns,
                                        double            x);

/* Makes and places the label of every node (EkvSankeyLabel *); LEFT_WIDTH and
 * RIGHT_WIDTH are the margins' room for the first and last column's labels,
 * TOP and BOTTOM the plot's. */
GPtrArray   *_ekv_sankey_labels_make   (EkvSankeyDrawing *d,
                                        cairo_t          *cr,
                                        double            left_width,
                                        double            right_width,
                                        double            top,
                                        double            bottom);
void         _ekv_sankey_labels_free   (GPtrArray        *labels);
/* Frees the per-node texts of a drawing, and lets go of the cache's texts that
 * have not been drawn for a while. */
void         _ekv_sankey_texts_free    (EkvSankeyDrawing *d);
/* Draws the labels placed; returns how many were left out. */
guint        _ekv_sankey_labels_draw   (EkvSankeyDrawing *d,
                                        cairo_t          *cr,
                                        GPtrArray        *labels);
/* The margin that the labels of COLUMN's nodes need at most MAX_WIDTH wide. */
double       _ekv_sankey_labels_margin (EkvSankeyDrawing *d,
                                        cairo_t          *cr,
                                        guint             column,
                                        double            max_width);

/* Starts drawing D's bands into strips of an image of CR's target, with a
 * second thread; NULL when they are to be drawn on CR (files and print:
 * vectors and the best antialiasing; or a drawing not over its own
 * background, or onto a surface of no known size). */
EkvSankeyScreen *_ekv_sankey_screen_start  (EkvSankeyDrawing *d,
                                            cairo_t          *cr);
/* Text and leader lines kept while the labels are drawn on CR (D->screen set;
 * nothing is drawn there). */
void             _ekv_sankey_screen_text   (EkvSankeyScreen  *s,
                                            cairo_t          *cr,
                                            PangoLayout      *layout,
                                            double            x,
                                            double            y,
                                            gboolean          halo);
void             _ekv_sankey_screen_line   (EkvSankeyScreen  *s,
                                            cairo_t          *cr,
                                            PangoLayoutLine  *line,
                                            double            x,
                                            double            y,
                                            gboolean          halo);
void             _ekv_sankey_screen_leader (EkvSankeyScreen  *s,
                                            double            x0,
                                            double            y0,
                                            double            x1,
                                            double            y1);
/* Draws the rest of the strips with the other thread, paints the image
 * within WIDTH × HEIGHT onto CR, and frees S. */
void             _ekv_sankey_screen_finish (EkvSankeyScreen  *s,
                                            cairo_t          *cr,
                                            double            width,
                                            double            height);

G_END_DECLS
