/* ekv-sankey-private.h: what the parts of the Sankey layout share
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include "ekv-sankey.h"

G_BEGIN_DECLS

/* Sets CIRCULAR[k] (one per link of GRAPH, whose indices must be valid) for
 * the links drawn around the diagram: self-links and the links that close a
 * cycle. Of the links of a cycle the one going back in breadth-first depth
 * from the sources, and of those the smallest flow, is taken, so a recycle
 * (a small flow returned upstream) is chosen rather than the main line. */
void _ekv_sankey_find_circular (const EkvSankeyGraph *graph,
                                gboolean             *circular);

#define NO_ITEM G_MAXUINT

/* The state of one layout. Items are the nodes (0 .. n-1) followed by the
 * bundles: where links into one node pass a column, they pass as one item.
 * A segment joins two items of neighbouring columns: one link's first step,
 * or a bundle's step to its next column (those come first, one per bundle). */
typedef struct
{
  EkvSankeyGraph         *graph;
  const EkvSankeyOptions *opt;
  guint                   n, m;
  guint                   n_items;
  guint                   n_cols;
  guint                   n_segs;

  gboolean *circular;   /* per link */
  guint    *first_seg;   /* per link: the segment leaving its source, or NO_ITEM */
  guint    *bundle_start; /* per node: its first bundle item, or NO_ITEM */
  int      *bundle_first; /* per node: the column of that item */
  guint    *wp_start;    /* per link passing columns: its first waypoint in wp */
  double   *wp;          /* the band centres of such links in the columns they pass */

  int      *col;        /* per item */
  double   *value;      /* per item: throughput (a bundle: its links' sum) */
  guint    *item_target; /* per bundle (index - n): the node its bands go to */

  guint    *seg_from, *seg_to;
  double   *seg_val;
  guint    *in_start, *in_seg;    /* per item, CSR: segments entering it */
  guint    *out_start, *out_seg;  /* per item, CSR: segments leaving it */

  guint    *col_start;  /* n_cols + 1 */
  guint    *order;      /* items column by column, top to bottom */
  guint    *rank;       /* per item: its index within its column */
  double   *pos;        /* per item: normalised position in its column, 0..1 */
  guint    *best_order;
  double    best_cross;
  double   *pair_cross;     /* per column pair: its crossings when last counted */
  guint    *counted_order;  /* the order then (ekv-sankey-order.c) */
  gboolean  counted;
  gboolean  both;       /* barycentres from both sides (ekv-sankey-order.c) */

  double   *h;          /* per item: height, px */
  double   *hs;         /* per item: how fast h grows with the scale */
  double   *y;          /* per item: top, px */
  double   *width;      /* per link: band thickness, px */
  double    pad, bundle_gap, mixed_gap;
  double    scale;
  double    top, bottom;

  /* scratch */
  guint    *tmp_u;      /* n_items */
  double   *tmp_d;      /* n_items */
  double   *tmp_d2;     /* n_items */
  double   *fenwick;    /* n_items + 1 */
} EkvSankeyLayout;

static inline EkvSankeyNode *
node_at (EkvSankeyLayout *lay,
         guint            i)
{
  return &g_array_index (lay->graph->nodes, EkvSankeyNode, i);
}

static inline EkvSankeyLink *
link_at (EkvSankeyLayout *lay,
         guint            k)
{
  return &g_array_index (lay->graph->links, EkvSankeyLink, k);
}

static inline guint
bundle_item (EkvSankeyLayout *lay,
             guint            target,
             int              c)
{
  return lay->bundle_start[target] + (guint) (c - lay->bundle_first[target]);
}

static inline double
centre (EkvSankeyLayout *lay,
        guint            i)
{
  return lay->y[i] + lay->h[i] / 2;
}

/* ekv-sankey-order.c: columns and the order within them */
void _ekv_sankey_assign_columns (EkvSankeyLayout *lay);
void _ekv_sankey_order_columns  (EkvSankeyLayout *lay);
/* Takes ORDER (n_items, column by column) as the order, as a cached result of
 * _ekv_sankey_order_columns () on the same graph and options. */
void _ekv_sankey_order_restore  (EkvSankeyLayout *lay,
                                 const guint     *order);

/* ekv-sankey-route.c: loops around the diagram, bands stacked at the nodes */
void _ekv_sankey_route_loops    (EkvSankeyLayout *lay,
                                 double          *loop_key,
                                 const double    *col_x);
void _ekv_sankey_attach_links   (EkvSankeyLayout *lay,
                                 const double    *loop_key);

G_END_DECLS
