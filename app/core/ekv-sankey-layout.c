/* ekv-sankey-layout.c: the geometry of a Sankey diagram (columns, order, bands, loops)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ekv-sankey.h"
#include "ekv-sankey-private.h"

/* The pipeline: recycle links (cycles) are found and drawn around the diagram;
 * the others go forward. Columns by longest path. A link spanning several
 * columns gets one dummy item per intermediate column, so that it takes part in
 * the ordering and passes between the nodes there. The order within columns
 * comes from weighted barycentre sweeps, the best order by flow-weighted
 * crossings kept, then refined by adjacent swaps. One px-per-unit scale fits
 * the fullest column; the vertical positions minimise the flow-weighted
 * vertical travel for that fixed order (block coordinate descent, each column
 * solved exactly by isotonic regression). Links are stacked at each node in
 * the order of their other end, so links of one node never cross. */

/* The effort of the ordering, in barycentre sweeps and rounds of adjacent
 * switches; large graphs get fewer (they gain little from the last ones and a
 * layout must follow every edit). Sifting, the costliest, runs only while its
 * work (pairs of items times their bands) stays under SIFT_BUDGET. */
#define DEFAULT_SWEEPS 12
#define LARGE_SWEEPS 8
#define LARGE_SEGMENTS 5000
#define STALE_SWEEPS 3   /* sweeps without a better order before giving up */
#define SWITCH_ROUNDS 6
#define LARGE_SWITCH_ROUNDS 3
#define SIFT_PASSES 4
#define SIFT_BUDGET 200000.0
#define RELAX_SWEEPS 8
#define NO_ITEM G_MAXUINT

/* Items are the nodes (0 .. n-1) followed by the dummies. A segment joins two
 * items of neighbouring columns and belongs to one link. */
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
  double   *value;      /* per item: throughput (a dummy: its link's value) */
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

  double   *h;          /* per item: height, px */
  double   *hs;         /* per item: how fast h grows with the scale */
  double   *y;          /* per item: top, px */
  double   *width;      /* per link: band thickness, px */
  double    pad, dummy_gap, mixed_gap;
  double    scale;
  double    top, bottom;

  /* scratch */
  guint    *tmp_u;      /* n_items */
  guint    *tmp_u2;     /* n_items */
  double   *tmp_d;      /* n_items */
  double   *tmp_d2;     /* n_items */
  double   *fenwick;    /* n_items + 1 */
  guint    *seg_tmp;    /* n_segs */
  guint    *seg_tmp2;   /* n_segs */
} Layout;

static void
layout_clear (Layout *lay)
{
  g_free (lay->circular);
  g_free (lay->first_seg);
  g_free (lay->bundle_start);
  g_free (lay->bundle_first);
  g_free (lay->wp_start);
  g_free (lay->wp);
  g_free (lay->col);
  g_free (lay->value);
  g_free (lay->item_target);
  g_free (lay->seg_from);
  g_free (lay->seg_to);
  g_free (lay->seg_val);
  g_free (lay->in_start);
  g_free (lay->in_seg);
  g_free (lay->out_start);
  g_free (lay->out_seg);
  g_free (lay->col_start);
  g_free (lay->order);
  g_free (lay->rank);
  g_free (lay->pos);
  g_free (lay->best_order);
  g_free (lay->h);
  g_free (lay->hs);
  g_free (lay->y);
  g_free (lay->width);
  g_free (lay->tmp_u);
  g_free (lay->tmp_u2);
  g_free (lay->tmp_d);
  g_free (lay->tmp_d2);
  g_free (lay->fenwick);
  g_free (lay->seg_tmp);
  g_free (lay->seg_tmp2);
}

static inline EkvSankeyNode *
node_at (Layout *lay,
         guint   i)
{
  return &g_array_index (lay->graph->nodes, EkvSankeyNode, i);
}

static inline EkvSankeyLink *
link_at (Layout *lay,
         guint   k)
{
  return &g_array_index (lay->graph->links, EkvSankeyLink, k);
}

/* ------------------------------------------------------------ recycle links */

typedef struct
{
  double value;
  guint  link;
} Candidate;

static int
compare_candidates (const void *a,
                    const void *b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->value != cb->value)
    return ca->value > cb->value ? -1 : 1;   /* the biggest flows stay forward */
  return ca->link < cb->link ? -1 : ca->link > cb->link;
}

/* Iterative Tarjan: COMP[v] is the strongly connected component of v. */
static void
find_components (guint        n,
                 const guint *out_start,
                 const guint *out_to,
                 guint       *comp)
{
  g_autofree guint *index = g_new (guint, n);
  g_autofree guint *low = g_new (guint, n);
  g_autofree guint *stack = g_new (guint, n);
  g_autofree guint *call = g_new (guint, n);
  g_autofree guint *edge = g_new (guint, n);
  g_autofree gboolean *on_stack = g_new0 (gboolean, n);
  guint next_index = 0, sp = 0, n_comp = 0;

  for (guint v = 0; v < n; v++)
    index[v] = NO_ITEM;

  for (guint root = 0; root < n; root++)
    {
      guint depth = 0;

      if (index[root] != NO_ITEM)
        continue;

      call[depth++] = root;
      index[root] = low[root] = next_index++;
      edge[root] = out_start[root];
      stack[sp++] = root;
      on_stack[root] = TRUE;

      while (depth > 0)
        {
          guint v = call[depth - 1];

          if (edge[v] < out_start[v + 1])
            {
              guint w = out_to[edge[v]++];

              if (index[w] == NO_ITEM)
                {
                  index[w] = low[w] = next_index++;
                  edge[w] = out_start[w];
                  stack[sp++] = w;
                  on_stack[w] = TRUE;
                  call[depth++] = w;
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], index[w]);
            }
          else
            {
              depth--;
              if (depth > 0)
                {
                  guint u = call[depth - 1];
                  low[u] = MIN (low[u], low[v]);
                }
              if (low[v] == index[v])
                {
                  guint w;

                  do
                    {
                      w = stack[--sp];
                      on_stack[w] = FALSE;
                      comp[w] = n_comp;
                    }
                  while (w != v);
                  n_comp++;
                }
            }
        }
    }
}

void
_ekv_sankey_find_circular (const EkvSankeyGraph *graph,
                           gboolean             *circular)
{
  guint n = graph->nodes->len, m = graph->links->len;
  const EkvSankeyLink *links = (const EkvSankeyLink *) graph->links->data;
  g_autofree guint *out_start = g_new0 (guint, n + 1);
  g_autofree guint *out_link = NULL;
  g_autofree guint *out_to = NULL;
  g_autofree guint *indeg = g_new0 (guint, n);
  g_autofree guint *queue = g_new (guint, n);
  g_autofree guint *comp = NULL;
  g_autofree int *depth = NULL;
  g_autofree gboolean *active = NULL;
  g_autofree Candidate *cand = NULL;
  g_autofree guint *stamp = NULL;
  g_autofree guint *stack = NULL;
  guint qh = 0, qt = 0, n_cand = 0;

  for (guint k = 0; k < m; k++)
    {
      circular[k] = links[k].source == links[k].target;
      if (!circular[k])
        {
          out_start[links[k].source + 1]++;
          indeg[links[k].target]++;
        }
    }
  for (guint v = 0; v < n; v++)
    out_start[v + 1] += out_start[v];
  out_link = g_new (guint, MAX (out_start[n], 1));
  out_to = g_new (guint, MAX (out_start[n], 1));
  {
    g_autofree guint *fill = g_memdup2 (out_start, sizeof (guint) * n);

    for (guint k = 0; k < m; k++)
      if (!circular[k])
        {
          guint at = fill[links[k].source]++;

          out_link[at] = k;
          out_to[at] = links[k].target;
        }
  }

  /* Kahn: most graphs have no cycle at all */
  for (guint v = 0; v < n; v++)
    if (indeg[v] == 0)
      queue[qt++] = v;
  while (qh < qt)
    {
      guint v = queue[qh++];

      for (guint e = out_start[v]; e < out_start[v + 1]; e++)
        if (--indeg[out_to[e]] == 0)
          queue[qt++] = out_to[e];
    }
  if (qt == n)
    return;

  comp = g_new (guint, n);
  find_components (n, out_start, out_to, comp);

  /* breadth-first depth from the sources (then from any node not reached) */
  depth = g_new (int, n);
  for (guint v = 0; v < n; v++)
    depth[v] = -1;
  qh = qt = 0;
  for (guint k = 0; k < m; k++)
    indeg[links[k].target] += !circular[k];
  for (guint v = 0; v < n; v++)
    if (indeg[v] == 0)
      {
        depth[v] = 0;
        queue[qt++] = v;
      }
  for (guint seed = 0;;)
    {
      while (qh < qt)
        {
          guint v = queue[qh++];

          for (guint e = out_start[v]; e < out_start[v + 1]; e++)
            if (depth[out_to[e]] < 0)
              {
                depth[out_to[e]] = depth[v] + 1;
                queue[qt++] = out_to[e];
              }
        }
      while (seed < n && depth[seed] >= 0)
        seed++;
      if (seed == n)
        break;
      depth[seed] = 0;
      queue[qt++] = seed;
    }

  /* Inside a component, links going forward in depth are kept; the others are
   * added back, biggest first, unless they close a cycle. */
  active = g_new0 (gboolean, m);
  cand = g_new (Candidate, m);
  for (guint k = 0; k < m; k++)
    {
      guint s = links[k].source, t = links[k].target;

      if (circular[k])
        continue;
      if (comp[s] != comp[t] || depth[t] > depth[s])
        active[k] = TRUE;
      else
        cand[n_cand++] = (Candidate) { links[k].value, k };
    }
  qsort (cand, n_cand, sizeof (Candidate), compare_candidates);

  stamp = g_new0 (guint, n);
  stack = g_new (guint, n);
  for (guint c = 0; c < n_cand; c++)
    {
      guint k = cand[c].link;
      guint s = links[k].source, t = links[k].target;
      guint sp = 0;
      gboolean found = FALSE;

      /* does t reach s over active links inside the component? */
      stamp[t] = c + 1;
      stack[sp++] = t;
      while (sp > 0 && !found)
        {
          guint v = stack[--sp];

          for (guint e = out_start[v]; e < out_start[v + 1]; e++)
            {
              guint w = out_to[e];

              if (!active[out_link[e]] || comp[w] != comp[s] || stamp[w] == c + 1)
                continue;
              if (w == s)
                {
                  found = TRUE;
                  break;
                }
              stamp[w] = c + 1;
              stack[sp++] = w;
            }
        }
      if (found)
        circular[k] = TRUE;
      else
        active[k] = TRUE;
    }
}

/* ------------------------------------------------------------ columns */

static void
assign_columns (Layout *lay)
{
  guint n = lay->n, m = lay->m;
  const EkvSankeyLink *links = (const EkvSankeyLink *) lay->graph->links->data;
  g_autofree guint *indeg = g_new0 (guint, n);
  g_autofree guint *out_start = g_new0 (guint, n + 1);
  g_autofree guint *out_to = NULL;
  g_autofree guint *queue = g_new (guint, n);
  g_autofree gboolean *has_out = g_new0 (gboolean, n);
  g_autofree int *used = NULL;
  guint qh = 0, qt = 0;
  int max_col = 0, n_used = 0;

  for (guint k = 0; k < m; k++)
    {
      has_out[links[k].source] = TRUE;
      if (lay->circular[k])
        continue;
      out_start[links[k].source + 1]++;
      indeg[links[k].target]++;
    }
  for (guint v = 0; v < n; v++)
    out_start[v + 1] += out_start[v];
  out_to = g_new (guint, MAX (out_start[n], 1));
  {
    g_autofree guint *fill = g_memdup2 (out_start, sizeof (guint) * n);

    for (guint k = 0; k < m; k++)
      if (!lay->circular[k])
        out_to[fill[links[k].source]++] = links[k].target;
  }

  for (guint v = 0; v < n; v++)
    {
      lay->col[v] = 0;
      if (indeg[v] == 0)
        queue[qt++] = v;
    }
  while (qh < qt)
    {
      guint v = queue[qh++];
      EkvSankeyNode *node = node_at (lay, v);

      if (lay->opt->use_column_hints && node->column_hint >= 0)
        lay->col[v] = node->column_hint;
      max_col = MAX (max_col, lay->col[v]);
      for (guint e = out_start[v]; e < out_start[v + 1]; e++)
        {
          guint w = out_to[e];

          lay->col[w] = MAX (lay->col[w], lay->col[v] + 1);
          if (--indeg[w] == 0)
            queue[qt++] = w;
        }
    }
  g_assert (qt == n);

  if (lay->opt->align == EKV_SANKEY_ALIGN_JUSTIFY)
    for (guint v = 0; v < n; v++)
      if (!has_out[v] && lay->col[v] > 0 &&
          !(lay->opt->use_column_hints && node_at (lay, v)->column_hint >= 0))
        lay->col[v] = max_col;

  /* column hints may leave empty columns: close them up */
  used = g_new0 (int, max_col + 1);
  for (guint v = 0; v < n; v++)
    used[lay->col[v]] = 1;
  for (int c = 0; c <= max_col; c++)
    {
      int here = used[c];

      used[c] = n_used;
      n_used += here;
    }
  for (guint v = 0; v < n; v++)
    lay->col[v] = used[lay->col[v]];
  lay->n_cols = MAX (n_used, 1);

  /* with hints a link may now go backwards or stay in its column */
  for (guint k = 0; k < m; k++)
    if (lay->col[links[k].target] <= lay->col[links[k].source])
      lay->circular[k] = TRUE;
}

/* ------------------------------------------------------------ bundles and segments */

static inline guint
bundle_item (Layout *lay,
             guint   target,
             int     c)
{
  return lay->bundle_start[target] + (guint) (c - lay->bundle_first[target]);
}

static void
build_items (Layout *lay)
{
  guint n = lay->n, m = lay->m;
  const EkvSankeyLink *links = (const EkvSankeyLink *) lay->graph->links->data;
  guint n_bundles = 0, n_segs = 0, n_waypoints = 0, s;

  /* Links into one node that pass a column travel there as one bundle item:
   * a band joins its target's bundle in the column after its source. */
  lay->bundle_start = g_new (guint, MAX (n, 1));
  lay->bundle_first = g_new (int, MAX (n, 1));
  for (guint v = 0; v < n; v++)
    {
      lay->bundle_start[v] = NO_ITEM;
      lay->bundle_first[v] = G_MAXINT;
    }
  for (guint k = 0; k < m; k++)
    if (!lay->circular[k])
      {
        guint t = links[k].target;
        int c0 = lay->col[links[k].source], c1 = lay->col[t];

        n_segs++;
        if (c1 - c0 > 1)
          {
            lay->bundle_first[t] = MIN (lay->bundle_first[t], c0 + 1);
            n_waypoints += c1 - c0 - 1;
          }
      }
  for (guint t = 0; t < n; t++)
    if (lay->bundle_first[t] != G_MAXINT)
      {
        lay->bundle_start[t] = n + n_bundles;
        n_bundles += lay->col[t] - lay->bundle_first[t];
        n_segs += lay->col[t] - lay->bundle_first[t];   /* the bundle's own chain */
      }

  lay->n_items = n + n_bundles;
  lay->n_segs = n_segs;
  lay->col = g_renew (int, lay->col, lay->n_items);
  lay->value = g_new0 (double, lay->n_items);
  lay->item_target = g_new (guint, MAX (n_bundles, 1));
  lay->first_seg = g_new (guint, MAX (m, 1));
  lay->wp_start = g_new (guint, MAX (m, 1));
  lay->wp = g_new (double, MAX (n_waypoints, 1));
  lay->seg_from = g_new (guint, MAX (n_segs, 1));
  lay->seg_to = g_new (guint, MAX (n_segs, 1));
  lay->seg_val = g_new0 (double, MAX (n_segs, 1));

  {
    g_autofree double *in_sum = g_new0 (double, n);
    g_autofree double *out_sum = g_new0 (double, n);

    for (guint k = 0; k < m; k++)
      {
        out_sum[links[k].source] += links[k].value;
        in_sum[links[k].target] += links[k].value;
      }
    for (guint v = 0; v < n; v++)
      {
        lay->value[v] = MAX (in_sum[v], out_sum[v]);
        node_at (lay, v)->value = lay->value[v];
      }
  }

  /* the bundles' chains first: item b of target t feeds item b + 1, the last t */
  s = 0;
  for (guint t = 0; t < n; t++)
    if (lay->bundle_start[t] != NO_ITEM)
      for (int c = lay->bundle_first[t]; c < lay->col[t]; c++)
        {
          guint b = bundle_item (lay, t, c);

          lay->col[b] = c;
          lay->item_target[b - n] = t;
          lay->seg_from[s] = b;
          lay->seg_to[s] = c + 1 < lay->col[t] ? b + 1 : t;
          s++;
        }
  n_waypoints = 0;
  for (guint k = 0; k < m; k++)
    {
      guint t = links[k].target;
      int c0 = lay->col[links[k].source], c1 = lay->col[t];

      lay->first_seg[k] = NO_ITEM;
      lay->wp_start[k] = NO_ITEM;
      if (lay->circular[k])
        continue;
      lay->first_seg[k] = s;
      lay->seg_from[s] = links[k].source;
      lay->seg_val[s] = links[k].value;
      if (c1 - c0 > 1)
        {
          guint b = bundle_item (lay, t, c0 + 1);

          lay->seg_to[s] = b;
          lay->wp_start[k] = n_waypoints;
          n_waypoints += c1 - c0 - 1;
          for (int c = c0 + 1; c < c1; c++, b++)
            {
              lay->value[b] += links[k].value;
              /* the chain segment leaving bundle b is number b - n */
              lay->seg_val[b - n] += links[k].value;
            }
        }
      else
        lay->seg_to[s] = t;
      s++;
    }
  g_assert (s == n_segs);

  /* CSR lists of segments per item, in segment order */
  lay->in_start = g_new0 (guint, lay->n_items + 1);
  lay->out_start = g_new0 (guint, lay->n_items + 1);
  lay->in_seg = g_new (guint, MAX (n_segs, 1));
  lay->out_seg = g_new (guint, MAX (n_segs, 1));
  for (s = 0; s < n_segs; s++)
    {
      lay->out_start[lay->seg_from[s] + 1]++;
      lay->in_start[lay->seg_to[s] + 1]++;
    }
  for (guint i = 0; i < lay->n_items; i++)
    {
      lay->out_start[i + 1] += lay->out_start[i];
      lay->in_start[i + 1] += lay->in_start[i];
    }
  {
    g_autofree guint *fill_in = g_memdup2 (lay->in_start, sizeof (guint) * lay->n_items);
    g_autofree guint *fill_out = g_memdup2 (lay->out_start, sizeof (guint) * lay->n_items);

    for (s = 0; s < n_segs; s++)
      {
        lay->out_seg[fill_out[lay->seg_from[s]]++] = s;
        lay->in_seg[fill_in[lay->seg_to[s]]++] = s;
      }
  }

  /* columns, initially in item order */
  lay->col_start = g_new0 (guint, lay->n_cols + 1);
  lay->order = g_new (guint, lay->n_items);
  lay->best_order = g_new (guint, lay->n_items);
  lay->rank = g_new (guint, lay->n_items);
  lay->pos = g_new (double, lay->n_items);
  for (guint i = 0; i < lay->n_items; i++)
    lay->col_start[lay->col[i] + 1]++;
  for (guint c = 0; c < lay->n_cols; c++)
    lay->col_start[c + 1] += lay->col_start[c];
  {
    g_autofree guint *fill = g_memdup2 (lay->col_start, sizeof (guint) * lay->n_cols);

    for (guint i = 0; i < lay->n_items; i++)
      {
        guint at = fill[lay->col[i]]++;

        lay->order[at] = i;
        lay->rank[i] = at - lay->col_start[lay->col[i]];
      }
  }

  lay->tmp_u = g_new (guint, lay->n_items + 1);
  lay->tmp_u2 = g_new (guint, lay->n_items + 1);
  lay->tmp_d = g_new (double, lay->n_items + 1);
  lay->tmp_d2 = g_new (double, lay->n_items + 1);
  lay->fenwick = g_new (double, lay->n_items + 2);
  lay->seg_tmp = g_new (guint, MAX (n_segs, 1));
  lay->seg_tmp2 = g_new (guint, MAX (n_segs, 1));
}

/* ------------------------------------------------------------ order */

/* Positions in 0..1 from the items' share of their column's flow: what a
 * neighbour sees of the order. */
static void
update_positions (Layout *lay,
                  guint   c)
{
  guint a = lay->col_start[c], b = lay->col_start[c + 1];
  double total = 0, cum = 0, eps;

  for (guint r = a; r < b; r++)
    total += lay->value[lay->order[r]];
  /* every item gets a little room, so zero flows still have an order */
  eps = (total > 0 ? total : 1.0) * 0.25 / MAX (b - a, 1);
  total += eps * (b - a);
  for (guint r = a; r < b; r++)
    {
      guint i = lay->order[r];
      double size = lay->value[i] + eps;

      lay->rank[i] = r - a;
      lay->pos[i] = (cum + size / 2) / total;
      cum += size;
    }
}

typedef struct
{
  double key;
  guint  rank;
  guint  item;
} SortKey;

static inline gboolean
sort_key_before (const SortKey *a,
                 const SortKey *b)
{
  return a->key < b->key || (a->key == b->key && a->rank < b->rank);
}

/* Merge sort of N keys with scratch room TMP (qsort allocates on each call,
 * and sweeps sort every column many times). */
static void
sort_keys (SortKey *keys,
           SortKey *tmp,
           guint    n)
{
  if (n < 16)
    {
      for (guint x = 1; x < n; x++)
        {
          SortKey k = keys[x];
          guint y = x;

          for (; y > 0 && sort_key_before (&k, &keys[y - 1]); y--)
            keys[y] = keys[y - 1];
          keys[y] = k;
        }
      return;
    }
  {
    guint half = n / 2, a = 0, b = half, o = 0;

    sort_keys (keys, tmp, half);
    sort_keys (keys + half, tmp, n - half);
    if (!sort_key_before (&keys[half], &keys[half - 1]))
      return;   /* already in order: the usual case once sweeps settle */
    while (a < half && b < n)
      tmp[o++] = sort_key_before (&keys[b], &keys[a]) ? keys[b++] : keys[a++];
    while (a < half)
      tmp[o++] = keys[a++];
    memcpy (keys, tmp, sizeof (SortKey) * o);
  }
}

/* Sorts column C by the weighted barycentre of its neighbours on the left
 * (FROM_LEFT) or on the right; an item without any keeps its place. */
static void
sort_column (Layout   *lay,
             guint     c,
             gboolean  from_left,
             SortKey  *keys)
{
  guint a = lay->col_start[c], b = lay->col_start[c + 1];

  for (guint r = a; r < b; r++)
    {
      guint i = lay->order[r];
      const guint *start = from_left ? lay->in_start : lay->out_start;
      const guint *list = from_left ? lay->in_seg : lay->out_seg;
      double sw = 0, swp = 0;

      for (guint e = start[i]; e < start[i + 1]; e++)
        {
          guint s = list[e];
          guint other = from_left ? lay->seg_from[s] : lay->seg_to[s];
          double w = lay->seg_val[s] + 1e-9;

          sw += w;
          swp += w * lay->pos[other];
        }
      /* rounded, so that rounding noise (one neighbour: w p / w) never
       * breaks a tie; ties keep the present order */
      keys[r - a] = (SortKey) { round ((sw > 0 ? swp / sw : lay->pos[i]) * 1e9), lay->rank[i], i };
    }
  sort_keys (keys, keys + (b - a), b - a);
  for (guint r = a; r < b; r++)
    lay->order[r] = keys[r - a].item;
  update_positions (lay, c);
}

static double
fenwick_prefix (const double *f,
                guint         i)   /* sum of 0..i-1 */
{
  double sum = 0;

  for (; i > 0; i -= i & -i)
    sum += f[i];
  return sum;
}

static void
fenwick_add (double *f,
             guint   size,
             guint   i,
             double  w)
{
  for (i++; i <= size; i += i & -i)
    f[i] += w;
}

/* Flow-weighted crossings between columns C and C + 1: pairs of segments
 * whose ends are in opposite order on both sides. The left items are taken
 * top to bottom; each segment crosses the earlier ones that end below it. */
static double
count_crossings (Layout *lay,
                 guint   c)
{
  guint a = lay->col_start[c], b = lay->col_start[c + 1];
  guint right_n = lay->col_start[c + 2] - b;
  double *fenwick = lay->fenwick;
  double total = 0, cross = 0;

  memset (fenwick, 0, sizeof (double) * (right_n + 1));
  for (guint r = a; r < b; r++)
    {
      guint i = lay->order[r];
      guint e0 = lay->out_start[i], e1 = lay->out_start[i + 1];

      /* the segments of one item never cross each other: query them all first */
      for (guint e = e0; e < e1; e++)
        {
          guint s = lay->out_seg[e];

          cross += lay->seg_val[s] *
                   (total - fenwick_prefix (fenwick, lay->rank[lay->seg_to[s]] + 1));
        }
      for (guint e = e0; e < e1; e++)
        {
          guint s = lay->out_seg[e];

          fenwick_add (fenwick, right_n, lay->rank[lay->seg_to[s]], lay->seg_val[s]);
          total += lay->seg_val[s];
        }
    }
  return cross;
}

static double
count_all_crossings (Layout *lay)
{
  double cross = 0;

  for (guint c = 0; c + 1 < lay->n_cols; c++)
    cross += count_crossings (lay, c);
  return cross;
}

static gboolean
keep_if_best (Layout *lay)
{
  double cross = count_all_crossings (lay);

  if (cross < lay->best_cross * (1 - 1e-9))
    {
      lay->best_cross = cross;
      memcpy (lay->best_order, lay->order, sizeof (guint) * lay->n_items);
      return TRUE;
    }
  return FALSE;
}


/* Weighted crossings between the bands of U and V on one side, with U above
 * (*KEEP) and with V above (*SWAP): pairs whose other ends are in the
 * opposite order. One merge of the two sorted lists. */
static inline void
pair_crossings (const guint  *ur,
                const double *uw,
                guint         un,
                const guint  *vr,
                const double *vw,
                guint         vn,
                double       *keep,
                double       *swap)
{
  double u_total = 0, lower = 0, lower_eq = 0;
  guint a = 0, a_eq = 0;

  for (guint x = 0; x < un; x++)
    u_total += uw[x];
  for (guint b = 0; b < vn; b++)
    {
      while (a < un && ur[a] < vr[b])
        lower += uw[a++];
      if (a_eq < a)
        {
          a_eq = a;
          lower_eq = lower;
        }
      while (a_eq < un && ur[a_eq] <= vr[b])
        lower_eq += uw[a_eq++];
      *keep += vw[b] * (u_total - lower_eq);   /* u's end below v's: they cross */
      *swap += vw[b] * lower;                  /* v above u: u's end above v's crosses */
    }
}

/* The neighbour lists of column C's items: off[4 * x ...] holds the start and
 * length of rank x's list on the left, then on the right, in NB_RANK / NB_W.
 * They come out sorted by the neighbours' ranks by walking the neighbouring
 * columns top to bottom. */
static void
build_lists (Layout *lay,
             guint   c,
             guint  *nb_rank,
             double *nb_w,
             guint  *off)
{
  guint a = lay->col_start[c], b = lay->col_start[c + 1];
  guint at = 0;

  for (guint r = a; r < b; r++)
    {
      guint i = lay->order[r], x = r - a;

      off[4 * x] = at;
      off[4 * x + 1] = 0;
      at += c > 0 ? lay->in_start[i + 1] - lay->in_start[i] : 0;
      off[4 * x + 2] = at;
      off[4 * x + 3] = 0;
      at += c + 1 < lay->n_cols ? lay->out_start[i + 1] - lay->out_start[i] : 0;
    }
  if (c > 0)
    for (guint r = lay->col_start[c - 1]; r < a; r++)
      {
        guint j = lay->order[r];

        for (guint e = lay->out_start[j]; e < lay->out_start[j + 1]; e++)
          {
            guint s = lay->out_seg[e];
            guint *o = off + 4 * lay->rank[lay->seg_to[s]];

            nb_rank[o[0] + o[1]] = r - lay->col_start[c - 1];
            nb_w[o[0] + o[1]++] = lay->seg_val[s];
          }
      }
  if (c + 1 < lay->n_cols)
    for (guint r = b; r < lay->col_start[c + 2]; r++)
      {
        guint j = lay->order[r];

        for (guint e = lay->in_start[j]; e < lay->in_start[j + 1]; e++)
          {
            guint s = lay->in_seg[e];
            guint *o = off + 4 * lay->rank[lay->seg_from[s]];

            nb_rank[o[2] + o[3]] = r - b;
            nb_w[o[2] + o[3]++] = lay->seg_val[s];
          }
      }
}

/* Swaps neighbours of column C while that lowers the weighted crossings on
 * both sides (the "greedy switch" heuristic); a pair is looked at again only
 * when a swap next to it changed it. Returns whether any moved. */
static gboolean
switch_column (Layout *lay,
               guint   c,
               guint  *nb_rank,
               double *nb_w,
               guint  *off,
               guint8 *dirty)
{
  guint a = lay->col_start[c], b = lay->col_start[c + 1], n_pairs;
  gboolean moved = FALSE, any = TRUE;

  if (b - a < 2)
    return FALSE;
  n_pairs = b - a - 1;
  build_lists (lay, c, nb_rank, nb_w, off);
  memset (dirty, 1, n_pairs);

  for (int pass = 0; pass < 8 && any; pass++)
    {
      any = FALSE;
      for (guint x = 0; x < n_pairs; x++)
        {
          guint *u = off + 4 * x, *v = off + 4 * (x + 1);
          double keep = 0, swap = 0;

          if (!dirty[x])
            continue;
          dirty[x] = 0;
          pair_crossings (nb_rank + u[0], nb_w + u[0], u[1], nb_rank + v[0], nb_w + v[0], v[1],
                          &keep, &swap);
          pair_crossings (nb_rank + u[2], nb_w + u[2], u[3], nb_rank + v[2], nb_w + v[2], v[3],
                          &keep, &swap);
          if (swap < keep * (1 - 1e-12))
            {
              guint tmp[4], item = lay->order[a + x];

              memcpy (tmp, u, sizeof tmp);
              memcpy (u, v, sizeof tmp);
              memcpy (v, tmp, sizeof tmp);
              lay->order[a + x] = lay->order[a + x + 1];
              lay->order[a + x + 1] = item;
              any = moved = TRUE;
              if (x > 0)
                dirty[x - 1] = 1;
              if (x + 1 < n_pairs)
                dirty[x + 1] = 1;
            }
        }
    }
  if (moved)
    update_positions (lay, c);
  return moved;
}


/* Sifting: each item of column C in turn goes to the place in its column
 * where its bands cross the least flow on both sides. */
static gboolean
sift_column (Layout *lay,
             guint   c,
             guint  *nb_rank,
             double *nb_w,
             guint  *off,
             double *above,
             double *below)
{
  guint a = lay->col_start[c], b = lay->col_start[c + 1], n = b - a;
  g_autofree guint *items = NULL;
  gboolean moved = FALSE;

  if (n < 2)
    return FALSE;
  build_lists (lay, c, nb_rank, nb_w, off);
  items = g_memdup2 (lay->order + a, sizeof (guint) * n);
  for (guint t = 0; t < n; t++)
    {
      guint u = items[t], p = 0, best_q;
      guint uo[4];
      double cost, best;

      while (lay->order[a + p] != u)
        p++;
      memcpy (uo, off + 4 * p, sizeof uo);
      /* for every other item v: crossings with u above v, and with u below */
      for (guint x = 0; x < n; x++)
        {
          guint *v = off + 4 * x;

          above[x] = below[x] = 0;
          if (x == p)
            continue;
          pair_crossings (nb_rank + uo[0], nb_w + uo[0], uo[1], nb_rank + v[0], nb_w + v[0], v[1],
                          &above[x], &below[x]);
          pair_crossings (nb_rank + uo[2], nb_w + uo[2], uo[3], nb_rank + v[2], nb_w + v[2], v[3],
                          &above[x], &below[x]);
        }
      /* u at the top: above every other; then slide it down */
      cost = 0;
      for (guint x = 0; x < n; x++)
        cost += above[x];
      best = G_MAXDOUBLE;
      best_q = p;
      for (guint q = 0, x = 0; q < n; q++)
        {
          /* cost of u placed before the q-th other item (x counts others) */
          if (cost < best * (1 - 1e-12) || (q == p && cost <= best * (1 + 1e-12)))
            {
              best = cost;
              best_q = q;
            }
          if (x == p)
            x++;
          if (x < n)
            {
              cost += below[x] - above[x];
              x++;
            }
        }
      if (best_q != p)
        {
          /* best_q counts the other items above u */
          if (best_q > p)
            {
              memmove (lay->order + a + p, lay->order + a + p + 1, sizeof (guint) * (best_q - p));
              memmove (off + 4 * p, off + 4 * (p + 1), sizeof (guint) * 4 * (best_q - p));
            }
          else
            {
              memmove (lay->order + a + best_q + 1, lay->order + a + best_q, sizeof (guint) * (p - best_q));
              memmove (off + 4 * (best_q + 1), off + 4 * best_q, sizeof (guint) * 4 * (p - best_q));
            }
          lay->order[a + best_q] = u;
          memcpy (off + 4 * best_q, uo, sizeof uo);
          moved = TRUE;
        }
    }
  if (moved)
    update_positions (lay, c);
  return moved;
}

static void
sift_columns (Layout *lay,
              guint   max_col,
              guint   passes)
{
  g_autofree guint *nb_rank = g_new (guint, 2 * lay->n_segs + 1);
  g_autofree double *nb_w = g_new (double, 2 * lay->n_segs + 1);
  g_autofree guint *off = g_new (guint, 4 * max_col + 4);
  g_autofree double *above = g_new (double, max_col + 1);
  g_autofree double *below = g_new (double, max_col + 1);

  for (guint pass = 0; pass < passes; pass++)
    {
      if (pass % 2 == 0)
        for (guint c = 0; c < lay->n_cols; c++)
          sift_column (lay, c, nb_rank, nb_w, off, above, below);
      else
        for (guint c = lay->n_cols; c-- > 0;)
          sift_column (lay, c, nb_rank, nb_w, off, above, below);
    }
}

/* Greedy switch over all columns until nothing moves; a column is looked at
 * again only when it or a neighbour changed. */
static void
switch_columns (Layout *lay,
                guint   max_col,
                guint   rounds)
{
  g_autofree guint *nb_rank = g_new (guint, 2 * lay->n_segs + 1);
  g_autofree double *nb_w = g_new (double, 2 * lay->n_segs + 1);
  g_autofree guint *off = g_new (guint, 4 * max_col + 4);
  g_autofree guint8 *dirty = g_new (guint8, max_col + 1);
  g_autofree guint8 *changed = g_new (guint8, lay->n_cols + 2);
  g_autofree guint8 *was = g_new (guint8, lay->n_cols + 2);

  /* changed[c + 1] is column c; the ends are padding */
  memset (changed, 1, lay->n_cols + 2);
  for (guint pass = 0; pass < rounds; pass++)
    {
      gboolean any = FALSE;

      memcpy (was, changed, lay->n_cols + 2);
      memset (changed, 0, lay->n_cols + 2);
      for (guint c = 0; c < lay->n_cols; c++)
        {
          /* the left neighbour may have moved in this pass already */
          if (!(was[c] || changed[c] || was[c + 1] || was[c + 2]))
            continue;
          if (switch_column (lay, c, nb_rank, nb_w, off, dirty))
            changed[c + 1] = any = TRUE;
        }
      if (!any)
        break;
    }
}

static void
order_columns (Layout *lay)
{
  gboolean large = lay->n_segs > LARGE_SEGMENTS;
  guint sweeps = lay->opt->iterations > 0 ? lay->opt->iterations
                                          : large ? LARGE_SWEEPS : DEFAULT_SWEEPS;
  double sift_work = 0;
  guint max_col = 0;
  g_autofree SortKey *keys = NULL;

  for (guint c = 0; c < lay->n_cols; c++)
    max_col = MAX (max_col, lay->col_start[c + 1] - lay->col_start[c]);
  keys = g_new (SortKey, 2 * max_col + 1);

  for (guint c = 0; c < lay->n_cols; c++)
    update_positions (lay, c);
  lay->best_cross = G_MAXDOUBLE;
  keep_if_best (lay);

  for (guint it = 0, stale = 0; it < sweeps && stale < STALE_SWEEPS; it++)
    {
      if (it % 2 == 0)
        for (guint c = 1; c < lay->n_cols; c++)
          sort_column (lay, c, TRUE, keys);
      else
        for (guint c = lay->n_cols - 1; c-- > 0;)
          sort_column (lay, c, FALSE, keys);
      stale = keep_if_best (lay) ? 0 : stale + 1;
      if (lay->best_cross == 0)
        break;
    }

  memcpy (lay->order, lay->best_order, sizeof (guint) * lay->n_items);
  for (guint c = 0; c < lay->n_cols; c++)
    update_positions (lay, c);

  /* sifting tries every item against every other of its column */
  for (guint c = 0; c < lay->n_cols; c++)
    {
      guint a = lay->col_start[c], b = lay->col_start[c + 1];
      double bands = 0;

      for (guint r = a; r < b; r++)
        bands += lay->in_start[lay->order[r] + 1] - lay->in_start[lay->order[r]] +
                 lay->out_start[lay->order[r] + 1] - lay->out_start[lay->order[r]];
      sift_work += 2.0 * (b - a) * bands;
    }
  if (sift_work > 0 && lay->opt->iterations == 0)
    sift_columns (lay, max_col, (guint) MIN (SIFT_PASSES, SIFT_BUDGET / sift_work));
  switch_columns (lay, max_col, large ? LARGE_SWITCH_ROUNDS : SWITCH_ROUNDS);
}

/* ------------------------------------------------------------ scale and heights */

static inline double
band_width (double value,
            double k,
            double min_band)
{
  return value > 0 ? MAX (value * k, min_band) : 0;
}

static inline gboolean
is_dummy (Layout *lay,
          guint   i)
{
  return i >= lay->n;
}

static inline double
gap_between (Layout *lay,
             guint   i,
             guint   j)
{
  gboolean di = is_dummy (lay, i), dj = is_dummy (lay, j);

  if (di && dj)
    return lay->dummy_gap;
  if (di || dj)
    return lay->mixed_gap;
  return lay->pad;
}

/* Heights of every item at scale K; returns the tallest column's need and in
 * *SLOPE how fast that need grows with K (bands held at min_band do not). */
static double
compute_heights (Layout *lay,
                 double  k,
                 double *slope)
{
  const EkvSankeyLink *links = (const EkvSankeyLink *) lay->graph->links->data;
  double min_band = MAX (lay->opt->min_band, 0);
  double *in_sum = lay->tmp_d, *in_slope = lay->tmp_d2, *hs = lay->hs;
  double need = -1;

  for (guint i = 0; i < lay->n_items; i++)
    lay->h[i] = hs[i] = 0;
  for (guint v = 0; v < lay->n; v++)
    in_sum[v] = in_slope[v] = 0;
  for (guint k2 = 0; k2 < lay->m; k2++)
    {
      double v = links[k2].value;
      double w = band_width (v, k, min_band);
      double dw = v > 0 && v * k >= min_band ? v : 0;

      lay->width[k2] = w;
      lay->h[links[k2].source] += w;   /* the out side for now */
      hs[links[k2].source] += dw;
      in_sum[links[k2].target] += w;
      in_slope[links[k2].target] += dw;
      if (lay->wp_start[k2] != NO_ITEM)
        {
          guint t = links[k2].target;
          guint b = bundle_item (lay, t, lay->col[links[k2].source] + 1);

          for (int c = lay->col[links[k2].source] + 1; c < lay->col[t]; c++, b++)
            {
              lay->h[b] += w;
              hs[b] += dw;
            }
        }
    }
  for (guint v = 0; v < lay->n; v++)
    {
      if (in_sum[v] > lay->h[v] || (in_sum[v] == lay->h[v] && in_slope[v] > hs[v]))
        {
          lay->h[v] = in_sum[v];
          hs[v] = in_slope[v];
        }
      if (lay->h[v] < min_band)
        {
          lay->h[v] = min_band;
          hs[v] = 0;
        }
    }

  for (guint c = 0; c < lay->n_cols; c++)
    {
      double sum = 0, ds = 0;

      for (guint r = lay->col_start[c]; r < lay->col_start[c + 1]; r++)
        {
          sum += lay->h[lay->order[r]];
          ds += hs[lay->order[r]];
          if (r > lay->col_start[c])
            sum += gap_between (lay, lay->order[r - 1], lay->order[r]);
        }
      if (sum > need)
        {
          need = sum;
          *slope = ds;
        }
    }
  return need;
}

static void
choose_scale (Layout *lay)
{
  const EkvSankeyOptions *opt = lay->opt;
  double height = MAX (opt->y1 - opt->y0, 1);
  guint most_nodes = 0;
  double k_lin = G_MAXDOUBLE;
  double need, slope = 0;

  /* Crowded columns get less padding, but never below 2 px (or the option). */
  for (guint c = 0; c < lay->n_cols; c++)
    {
      guint real = 0;

      for (guint r = lay->col_start[c]; r < lay->col_start[c + 1]; r++)
        real += !is_dummy (lay, lay->order[r]);
      most_nodes = MAX (most_nodes, real);
    }
  lay->pad = MAX (opt->node_padding, 0);
  if (most_nodes > 1 && (most_nodes - 1) * lay->pad > height / 4)
    lay->pad = MAX (height / 4 / (most_nodes - 1), MIN (lay->pad, 2));
  lay->mixed_gap = lay->pad / 2;
  lay->dummy_gap = MIN (lay->pad / 4, 2);

  lay->h = g_new (double, lay->n_items);
  lay->hs = g_new (double, lay->n_items);
  lay->y = g_new (double, lay->n_items);
  lay->width = g_new (double, MAX (lay->m, 1));

  if (opt->fixed_scale > 0)
    {
      lay->scale = opt->fixed_scale;
      need = compute_heights (lay, lay->scale, &slope);
      lay->top = opt->y0;
      lay->bottom = opt->y0 + MAX (height, need);
      return;
    }

  /* the scale that fits if no band is below min_band */
  for (guint c = 0; c < lay->n_cols; c++)
    {
      double sum = 0, gaps = 0;

      for (guint r = lay->col_start[c]; r < lay->col_start[c + 1]; r++)
        {
          sum += lay->value[lay->order[r]];
          if (r > lay->col_start[c])
            gaps += gap_between (lay, lay->order[r - 1], lay->order[r]);
        }
      if (sum > 0)
        k_lin = MIN (k_lin, MAX (height - gaps, 0) / sum);
    }
  if (k_lin == G_MAXDOUBLE)
    k_lin = 1;   /* no flow at all */

  need = compute_heights (lay, k_lin, &slope);
  if (need <= height * (1 + 1e-9) && k_lin > 0)
    {
      lay->scale = k_lin;
    }
  else
    {
      /* Thin bands are held at min_band. If even that does not fit in half the
       * extent, the extent grows so that the flow gets as much room as the
       * minimums and the padding: bands never collapse to nothing. */
      double need0 = compute_heights (lay, 0, &slope);
      double k = 0;

      if (need0 > height / 2)
        height = 2 * need0;
      /* bands at least as wide as their share: the linear fit is a bound */
      for (guint c = 0; c < lay->n_cols; c++)
        {
          double sum = 0, gaps = 0;

          for (guint r = lay->col_start[c]; r < lay->col_start[c + 1]; r++)
            {
              sum += lay->value[lay->order[r]];
              if (r > lay->col_start[c])
                gaps += gap_between (lay, lay->order[r - 1], lay->order[r]);
            }
          if (sum > 0)
            k = k > 0 ? MIN (k, (height - gaps) / sum) : (height - gaps) / sum;
        }
      if (k <= 0)
        k = 1;
      /* Newton from above: the need is convex and piecewise linear in the
       * scale, so this stays above the answer and lands on it in a few steps */
      for (int it = 0; it < 50; it++)
        {
          need = compute_heights (lay, k, &slope);
          if (need <= height * (1 + 1e-12) || slope <= 0)
            break;
          k -= (need - height) / slope;
          if (k <= 0)
            {
              k = 0;
              need = compute_heights (lay, k, &slope);
              break;
            }
        }
      lay->scale = k;
    }
  lay->top = opt->y0;
  lay->bottom = opt->y0 + MAX (height, need);
}

/* ------------------------------------------------------------ vertical positions */

/* Places column C's items, in their order, as near their wanted tops as the
 * gaps and the extent allow, minimising the weighted squared distance
 * (isotonic regression by pooling adjacent violators). */
static void
place_column (Layout       *lay,
              guint         c,
              const double *want,
              const double *weight,
              double       *bw,
              double       *bm)
{
  guint a = lay->col_start[c], b = lay->col_start[c + 1], n_items = b - a;
  double *cum = lay->tmp_d;
  guint *block_end = lay->tmp_u;
  guint n_blocks = 0;
  double total, lo, hi;

  if (n_items == 0)
    return;

  cum[0] = 0;
  for (guint r = a + 1; r < b; r++)
    cum[r - a] = cum[r - a - 1] + lay->h[lay->order[r - 1]] +
                 gap_between (lay, lay->order[r - 1], lay->order[r]);
  total = cum[n_items - 1] + lay->h[lay->order[b - 1]];

  for (guint x = 0; x < n_items; x++)
    {
      guint i = lay->order[a + x];
      double w = weight[i], z = want[i] - cum[x];

      bw[n_blocks] = w;
      bm[n_blocks] = z;
      block_end[n_blocks] = x + 1;
      n_blocks++;
      while (n_blocks > 1 && bm[n_blocks - 2] > bm[n_blocks - 1])
        {
          double w1 = bw[n_blocks - 2], w2 = bw[n_blocks - 1];

          bm[n_blocks - 2] = (bm[n_blocks - 2] * w1 + bm[n_blocks - 1] * w2) / (w1 + w2);
          bw[n_blocks - 2] = w1 + w2;
          block_end[n_blocks - 2] = block_end[n_blocks - 1];
          n_blocks--;
        }
    }

  lo = lay->top;
  hi = MAX (lay->bottom - total, lo);
  for (guint bl = 0, x = 0; bl < n_blocks; bl++)
    {
      double z = CLAMP (bm[bl], lo, hi);

      for (; x < block_end[bl]; x++)
        lay->y[lay->order[a + x]] = z + cum[x];
    }
}

/* Where each segment's band meets its two items, from their tops: bands are
 * stacked in the order of their other ends (as attach_links () will), found
 * by walking the neighbouring column top to bottom. */
static void
segment_offsets (Layout *lay,
                 double *off_from,
                 double *off_to)
{
  g_autofree double *seg_w = g_new (double, MAX (lay->n_segs, 1));
  g_autofree double *cum_in = g_new0 (double, MAX (lay->n_items, 1));
  g_autofree double *cum_out = g_new0 (double, MAX (lay->n_items, 1));

  /* the bundles' chain segments come first, one per bundle item */
  for (guint b = lay->n; b < lay->n_items; b++)
    seg_w[b - lay->n] = lay->h[b];
  for (guint k = 0; k < lay->m; k++)
    if (lay->first_seg[k] != NO_ITEM)
      seg_w[lay->first_seg[k]] = lay->width[k];

  for (guint r = 0; r < lay->n_items; r++)
    {
      guint j = lay->order[r];

      for (guint e = lay->out_start[j]; e < lay->out_start[j + 1]; e++)
        {
          guint s = lay->out_seg[e], i = lay->seg_to[s];

          off_to[s] = cum_in[i] + seg_w[s] / 2;
          cum_in[i] += seg_w[s];
        }
      for (guint e = lay->in_start[j]; e < lay->in_start[j + 1]; e++)
        {
          guint s = lay->in_seg[e], i = lay->seg_from[s];

          off_from[s] = cum_out[i] + seg_w[s] / 2;
          cum_out[i] += seg_w[s];
        }
    }
}

/* Vertical positions: each item pulled toward where its bands come from and
 * go to (so that they run as straight as they can), weighted by flow, the
 * columns placed in turn, left to right and back. */
static void
relax (Layout *lay)
{
  g_autofree double *want = g_new (double, lay->n_items);
  g_autofree double *weight = g_new (double, lay->n_items);
  g_autofree double *bw = g_new (double, lay->n_items);   /* blocks of place_column () */
  g_autofree double *bm = g_new (double, lay->n_items);
  g_autofree double *off_from = g_new (double, MAX (lay->n_segs, 1));
  g_autofree double *off_to = g_new (double, MAX (lay->n_segs, 1));

  segment_offsets (lay, off_from, off_to);

  /* start: each column stacked in the middle of the extent */
  for (guint c = 0; c < lay->n_cols; c++)
    {
      for (guint r = lay->col_start[c]; r < lay->col_start[c + 1]; r++)
        {
          guint i = lay->order[r];

          want[i] = (lay->top + lay->bottom) / 2 - lay->h[i] / 2;
          weight[i] = 1;
        }
      place_column (lay, c, want, weight, bw, bm);
    }

  for (guint it = 0; it < RELAX_SWEEPS; it++)
    {
      gboolean down = it % 2 == 0;

      for (guint cc = 0; cc < lay->n_cols; cc++)
        {
          guint c = down ? cc : lay->n_cols - 1 - cc;

          for (guint r = lay->col_start[c]; r < lay->col_start[c + 1]; r++)
            {
              guint i = lay->order[r];
              double sw = 0, swy = 0;

              for (guint e = lay->in_start[i]; e < lay->in_start[i + 1]; e++)
                {
                  guint s = lay->in_seg[e], j = lay->seg_from[s];
                  double w = lay->seg_val[s] + 1e-9;

                  sw += w;
                  swy += w * (lay->y[j] + off_from[s] - off_to[s]);
                }
              for (guint e = lay->out_start[i]; e < lay->out_start[i + 1]; e++)
                {
                  guint s = lay->out_seg[e], j = lay->seg_to[s];
                  double w = lay->seg_val[s] + 1e-9;

                  sw += w;
                  swy += w * (lay->y[j] + off_to[s] - off_from[s]);
                }
              if (sw > 0)
                {
                  want[i] = swy / sw;
                  weight[i] = sw;
                }
              else
                {
                  want[i] = lay->y[i];
                  weight[i] = 1e-9;
                }
            }
          place_column (lay, c, want, weight, bw, bm);
        }
    }
}

/* ------------------------------------------------------------ links and loops */

typedef struct
{
  double key;
  guint  link;
} LinkKey;

static int
compare_link_keys (const void *a,
                   const void *b)
{
  const LinkKey *ka = a, *kb = b;

  if (ka->key != kb->key)
    return ka->key < kb->key ? -1 : 1;
  return ka->link < kb->link ? -1 : ka->link > kb->link;
}

/* Most nodes have a handful of bands: insertion sort, qsort for the rest. */
static void
sort_link_keys (LinkKey *keys,
                guint    n)
{
  if (n > 24)
    {
      qsort (keys, n, sizeof (LinkKey), compare_link_keys);
      return;
    }
  for (guint x = 1; x < n; x++)
    {
      LinkKey k = keys[x];
      guint y = x;

      for (; y > 0 && compare_link_keys (&k, &keys[y - 1]) < 0; y--)
        keys[y] = keys[y - 1];
      keys[y] = k;
    }
}

typedef struct
{
  guint link;
  guint span;
  gboolean above;
} Loop;

static int
compare_loops (const void *a,
               const void *b)
{
  const Loop *la = a, *lb = b;

  if (la->span != lb->span)
    return la->span < lb->span ? -1 : 1;
  return la->link < lb->link ? -1 : la->link > lb->link;
}

static double
centre (Layout *lay,
        guint   i)
{
  return lay->y[i] + lay->h[i] / 2;
}

/* Routes the circular links in horizontal channels below (or above) the
 * columns they pass, each channel clear of the nodes and of the channels
 * already laid there; shorter loops run nearer the diagram. Fills loop_y,
 * loop_x0 and loop_x1; the depth of each loop orders its ends at the nodes. */
static void
route_loops (Layout *lay,
             double *loop_key,
             double *col_x)
{
  const EkvSankeyOptions *opt = lay->opt;
  guint n_loops = 0;
  g_autofree Loop *loops = NULL;
  g_autofree double *floor_y = g_new (double, lay->n_cols);
  g_autofree double *ceil_y = g_new (double, lay->n_cols);
  g_autofree double *turn_right = g_new0 (double, lay->n_cols);  /* used room after column c */
  g_autofree double *turn_left = g_new0 (double, lay->n_cols);   /* used room before column c */
  double mid = (lay->top + lay->bottom) / 2;
  double lane_gap = MAX (MIN (lay->pad, 4), 1);
  double gap_w = lay->n_cols > 1 ? col_x[1] - col_x[0] - opt->node_width : opt->node_width * 4;

  for (guint k = 0; k < lay->m; k++)
    n_loops += lay->circular[k];
  if (n_loops == 0)
    return;
  loops = g_new (Loop, n_loops);

  for (guint c = 0; c < lay->n_cols; c++)
    {
      guint a = lay->col_start[c], b = lay->col_start[c + 1];

      floor_y[c] = b > a ? lay->y[lay->order[b - 1]] + lay->h[lay->order[b - 1]] : lay->top;
      ceil_y[c] = b > a ? lay->y[lay->order[a]] : lay->bottom;
    }

  n_loops = 0;
  for (guint k = 0; k < lay->m; k++)
    if (lay->circular[k])
      {
        EkvSankeyLink *link = link_at (lay, k);
        int cs = lay->col[link->source], ct = lay->col[link->target];

        loops[n_loops++] = (Loop) {
          k, (guint) ABS (cs - ct),
          (centre (lay, link->source) + centre (lay, link->target)) / 2 < mid,
        };
      }
  qsort (loops, n_loops, sizeof (Loop), compare_loops);

  for (guint x = 0; x < n_loops; x++)
    {
      EkvSankeyLink *link = link_at (lay, loops[x].link);
      int cs = lay->col[link->source], ct = lay->col[link->target];
      int c0 = MIN (cs, ct), c1 = MAX (cs, ct);
      double w = lay->width[loops[x].link];
      double y;

      if (loops[x].above)
        {
          y = G_MAXDOUBLE;
          for (int c = c0; c <= c1; c++)
            y = MIN (y, ceil_y[c]);
          y -= lane_gap + w / 2;
          for (int c = c0; c <= c1; c++)
            ceil_y[c] = y - w / 2;
          loop_key[loops[x].link] = -(double) x;   /* the deeper, the nearer the top */
        }
      else
        {
          y = -G_MAXDOUBLE;
          for (int c = c0; c <= c1; c++)
            y = MAX (y, floor_y[c]);
          y += lane_gap + w / 2;
          for (int c = c0; c <= c1; c++)
            floor_y[c] = y + w / 2;
          loop_key[loops[x].link] = (double) x;
        }
      link->loop_y = y;

      /* the legs: outer loops turn further from the node */
      turn_right[cs] += lane_gap + w / 2;
      link->loop_x0 = col_x[cs] + opt->node_width +
                      MIN (turn_right[cs], gap_w * 0.45);
      turn_right[cs] += w / 2;
      turn_left[ct] += lane_gap + w / 2;
      link->loop_x1 = col_x[ct] - MIN (turn_left[ct], gap_w * 0.45);
      turn_left[ct] += w / 2;
    }
}

/* Stacks the bands at every node in the order of their other ends. */
static void
attach_links (Layout       *lay,
              const double *loop_key)
{
  g_autofree LinkKey *keys = g_new (LinkKey, MAX (lay->m, 1));
  g_autofree guint *out_start = g_new0 (guint, lay->n + 1);
  g_autofree guint *in_start = g_new0 (guint, lay->n + 1);
  g_autofree guint *out_link = g_new (guint, MAX (lay->m, 1));
  g_autofree guint *in_link = g_new (guint, MAX (lay->m, 1));
  double big = fabs (lay->bottom) + fabs (lay->top) + 1e6;

  for (guint k = 0; k < lay->m; k++)
    {
      EkvSankeyLink *link = link_at (lay, k);

      out_start[link->source + 1]++;
      in_start[link->target + 1]++;
    }
  for (guint v = 0; v < lay->n; v++)
    {
      out_start[v + 1] += out_start[v];
      in_start[v + 1] += in_start[v];
    }
  {
    g_autofree guint *fo = g_memdup2 (out_start, sizeof (guint) * lay->n);
    g_autofree guint *fi = g_memdup2 (in_start, sizeof (guint) * lay->n);

    for (guint k = 0; k < lay->m; k++)
      {
        EkvSankeyLink *link = link_at (lay, k);

        out_link[fo[link->source]++] = k;
        in_link[fi[link->target]++] = k;
      }
  }

  for (guint v = 0; v < lay->n; v++)
    {
      guint n_keys = 0;
      double at = lay->y[v];

      /* leaving: by the next item's centre; loops below at the bottom */
      for (guint e = out_start[v]; e < out_start[v + 1]; e++)
        {
          guint k = out_link[e];
          double key;

          if (lay->circular[k])
            key = loop_key[k] < 0 ? -big * 2 + loop_key[k] : big * 2 - loop_key[k];
          else
            key = centre (lay, lay->seg_to[lay->first_seg[k]]);
          keys[n_keys++] = (LinkKey) { key, k };
        }
      sort_link_keys (keys, n_keys);
      for (guint x = 0; x < n_keys; x++)
        {
          EkvSankeyLink *link = link_at (lay, keys[x].link);

          link->y0 = at + link->width / 2;
          at += link->width;
        }
    }

  /* In each bundle the bands keep the order they had a column before, so
   * bands of one bundle never cross; joining bands come in by their source. */
  for (guint t = 0; t < lay->n; t++)
    {
      guint n_keys = 0;

      if (lay->bundle_start[t] == NO_ITEM)
        continue;
      for (int c = lay->bundle_first[t]; c < lay->col[t]; c++)
        {
          guint b = bundle_item (lay, t, c);
          double at = lay->y[b];

          for (guint x = 0; x < n_keys; x++)
            {
              guint k = keys[x].link;

              keys[x].key = lay->wp[lay->wp_start[k] + (c - 1 - lay->col[link_at (lay, k)->source] - 1)];
            }
          for (guint e = in_start[t]; e < in_start[t + 1]; e++)
            {
              guint k = in_link[e];

              if (lay->wp_start[k] != NO_ITEM && lay->col[link_at (lay, k)->source] == c - 1)
                keys[n_keys++] = (LinkKey) { link_at (lay, k)->y0, k };
            }
          sort_link_keys (keys, n_keys);
          for (guint x = 0; x < n_keys; x++)
            {
              guint k = keys[x].link;
              double w = lay->width[k];

              lay->wp[lay->wp_start[k] + (c - lay->col[link_at (lay, k)->source] - 1)] = at + w / 2;
              at += w;
            }
        }
    }

  for (guint v = 0; v < lay->n; v++)
    {
      guint n_keys = 0;
      double at = lay->y[v];

      /* entering: by where the band comes from */
      for (guint e = in_start[v]; e < in_start[v + 1]; e++)
        {
          guint k = in_link[e];
          EkvSankeyLink *link = link_at (lay, k);
          double key;

          if (lay->circular[k])
            key = loop_key[k] < 0 ? -big * 2 + loop_key[k] : big * 2 - loop_key[k];
          else if (lay->wp_start[k] != NO_ITEM)
            key = lay->wp[lay->wp_start[k] + (lay->col[v] - lay->col[link->source] - 2)];
          else
            key = link->y0;
          keys[n_keys++] = (LinkKey) { key, k };
        }
      sort_link_keys (keys, n_keys);
      for (guint x = 0; x < n_keys; x++)
        {
          EkvSankeyLink *link = link_at (lay, keys[x].link);

          link->y1 = at + link->width / 2;
          at += link->width;
        }
    }
}

/* ------------------------------------------------------------ public */

/* Columns evenly spread from X0 to X1 (node edges included). */
static void
place_columns (Layout *lay,
               double *col_x,
               double  x0,
               double  x1)
{
  for (guint c = 0; c < lay->n_cols; c++)
    col_x[c] = lay->n_cols > 1
      ? x0 + c * (x1 - x0 - lay->opt->node_width) / (lay->n_cols - 1)
      : x0;
}

gboolean
ekv_sankey_layout (EkvSankeyGraph          *graph,
                   const EkvSankeyOptions  *options,
                   GError                 **error)
{
  Layout lay = { 0 };
  EkvSankeyOptions defaults;
  g_autofree double *col_x = NULL;
  g_autofree double *loop_key = NULL;
  double ex0, ey0, ex1, ey1;

  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      ekv_sankey_options_init (&defaults);
      options = &defaults;
    }

  for (guint k = 0; k < graph->links->len; k++)
    {
      EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, k);

      if (link->source >= graph->nodes->len || link->target >= graph->nodes->len)
        {
          g_set_error (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_INVALID,
                       /* Translators: a link of a Sankey graph names a node that does not exist */
                       _("Link %u: no node %u"), k,
                       link->source >= graph->nodes->len ? link->source : link->target);
          return FALSE;
        }
      if (!isfinite (link->value) || link->value < 0)
        {
          g_set_error (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_INVALID,
                       /* Translators: %u is the number of a link of a Sankey graph */
                       _("Link %u: the value must be a number of zero or more"), k);
          return FALSE;
        }
    }

  lay.graph = graph;
  lay.opt = options;
  lay.n = graph->nodes->len;
  lay.m = graph->links->len;
  lay.circular = g_new0 (gboolean, MAX (lay.m, 1));
  lay.col = g_new0 (int, MAX (lay.n, 1));

  _ekv_sankey_find_circular (graph, lay.circular);
  assign_columns (&lay);
  build_items (&lay);
  order_columns (&lay);
  choose_scale (&lay);
  relax (&lay);

  col_x = g_new (double, lay.n_cols);
  place_columns (&lay, col_x, options->x0, options->x1);

  loop_key = g_new0 (double, MAX (lay.m, 1));
  for (guint k = 0; k < lay.m; k++)
    {
      EkvSankeyLink *link = link_at (&lay, k);

      link->width = lay.width[k];
      link->circular = lay.circular[k];
      link->loop_x0 = link->loop_x1 = link->loop_y = 0;
      if (link->points == NULL)
        link->points = g_array_new (FALSE, FALSE, sizeof (EkvSankeyPoint));
      g_array_set_size (link->points, 0);
    }
  route_loops (&lay, loop_key, col_x);
  /* loops into the first column or out of the last turn outside the
   * columns: make room for them inside the extent */
  for (int round = 0, margin_l = 0, margin_r = 0; round < 4; round++)
    {
      double left = 0, right = 0;

      for (guint k = 0; k < lay.m; k++)
        if (lay.circular[k])
          {
            EkvSankeyLink *link = link_at (&lay, k);

            left = MAX (left, options->x0 - (link->loop_x1 - link->width / 2));
            right = MAX (right, link->loop_x0 + link->width / 2 - options->x1);
          }
      if (left <= 1e-9 && right <= 1e-9)
        break;
      margin_l += (int) ceil (MAX (left, 0));
      margin_r += (int) ceil (MAX (right, 0));
      if (options->x1 - options->x0 - margin_l - margin_r > 4 * options->node_width)
        place_columns (&lay, col_x, options->x0 + margin_l, options->x1 - margin_r);
      else   /* no room: the extent grows to the right */
        place_columns (&lay, col_x, options->x0 + margin_l, options->x1 + margin_l);
      route_loops (&lay, loop_key, col_x);
    }
  attach_links (&lay, loop_key);

  ex0 = options->x0;
  ex1 = MAX (options->x1, options->x0 + options->node_width);
  ey0 = lay.top;
  ey1 = lay.bottom;
  for (guint v = 0; v < lay.n; v++)
    {
      EkvSankeyNode *node = node_at (&lay, v);

      node->column = lay.col[v];
      node->x0 = col_x[lay.col[v]];
      node->x1 = node->x0 + options->node_width;
      node->y0 = lay.y[v];
      node->y1 = lay.y[v] + lay.h[v];
      ey1 = MAX (ey1, node->y1);
    }
  for (guint k = 0; k < lay.m; k++)
    {
      EkvSankeyLink *link = link_at (&lay, k);

      if (link->circular)
        {
          ex0 = MIN (ex0, link->loop_x1 - link->width / 2);
          ex1 = MAX (ex1, link->loop_x0 + link->width / 2);
          ey0 = MIN (ey0, link->loop_y - link->width / 2);
          ey1 = MAX (ey1, link->loop_y + link->width / 2);
        }
      else if (lay.wp_start[k] != NO_ITEM)
        {
          int c0 = lay.col[link->source], span = lay.col[link->target] - c0;

          for (int x = 0; x < span - 1; x++)
            {
              EkvSankeyPoint p = { col_x[c0 + 1 + x], lay.wp[lay.wp_start[k] + x] };

              g_array_append_val (link->points, p);
              p.x += options->node_width;
              g_array_append_val (link->points, p);
            }
        }
    }

  /* loops above the nodes or left of them: everything moves down or right,
   * so that the extent starts where asked */
  if (ex0 < options->x0)
    {
      double dx = options->x0 - ex0;

      for (guint v = 0; v < lay.n; v++)
        {
          node_at (&lay, v)->x0 += dx;
          node_at (&lay, v)->x1 += dx;
        }
      for (guint k = 0; k < lay.m; k++)
        {
          EkvSankeyLink *link = link_at (&lay, k);

          if (link->circular)
            {
              link->loop_x0 += dx;
              link->loop_x1 += dx;
            }
          for (guint p = 0; p < link->points->len; p++)
            g_array_index (link->points, EkvSankeyPoint, p).x += dx;
        }
      ex0 += dx;
      ex1 += dx;
    }
  if (ey0 < options->y0)
    {
      double dy = options->y0 - ey0;

      for (guint v = 0; v < lay.n; v++)
        {
          node_at (&lay, v)->y0 += dy;
          node_at (&lay, v)->y1 += dy;
        }
      for (guint k = 0; k < lay.m; k++)
        {
          EkvSankeyLink *link = link_at (&lay, k);

          link->y0 += dy;
          link->y1 += dy;
          if (link->circular)
            link->loop_y += dy;
          for (guint p = 0; p < link->points->len; p++)
            g_array_index (link->points, EkvSankeyPoint, p).y += dy;
        }
      ey0 += dy;
      ey1 += dy;
    }

  graph->scale = lay.scale;
  graph->extent[0] = ex0;
  graph->extent[1] = ey0;
  graph->extent[2] = ex1;
  graph->extent[3] = ey1;

  layout_clear (&lay);
  return TRUE;
}
