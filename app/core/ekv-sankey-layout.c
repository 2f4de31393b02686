/* ekv-sankey-layout.c: the geometry of a Sankey diagram (the pipeline, scale, heights)
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

/* The pipeline: recycle links (cycles) are found and drawn around the
 * diagram; the others go forward. Columns by longest path. Links spanning
 * several columns pass the columns between as bundles, one item per column
 * and target node, so that they take part in the ordering and pass between
 * the nodes. The order within columns comes from weighted barycentre sweeps
 * (one-sided, then two-sided), the order with the least flow-weighted
 * crossings kept, refined by sifting (small graphs) and adjacent switches.
 * One px-per-unit scale fits the fullest column; the vertical positions
 * minimise the flow-weighted vertical travel of the bands for that fixed order
 * (block coordinate descent, each column solved exactly by isotonic
 * regression). Bands are stacked at each node in the order of their other
 * ends, so bands of one node never cross. Columns and order are in
 * ekv-sankey-order.c, loops and the stacking of bands in ekv-sankey-route.c. */

#define RELAX_SWEEPS 8

static void
layout_clear (EkvSankeyLayout *lay)
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
  g_free (lay->pair_cross);
  g_free (lay->counted_order);
  g_free (lay->h);
  g_free (lay->hs);
  g_free (lay->y);
  g_free (lay->width);
  g_free (lay->tmp_u);
  g_free (lay->tmp_d);
  g_free (lay->tmp_d2);
  g_free (lay->fenwick);
}

/* ------------------------------------------------------------ bundles and segments */

static void
build_items (EkvSankeyLayout *lay)
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
  lay->tmp_d = g_new (double, lay->n_items + 1);
  lay->tmp_d2 = g_new (double, lay->n_items + 1);
  lay->fenwick = g_new (double, lay->n_items + 2);
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
is_bundle (EkvSankeyLayout *lay,
          guint            i)
{
  return i >= lay->n;
}

static inline double
gap_between (EkvSankeyLayout *lay,
             guint            i,
             guint            j)
{
  gboolean di = is_bundle (lay, i), dj = is_bundle (lay, j);

  if (di && dj)
    return lay->bundle_gap;
  if (di || dj)
    return lay->mixed_gap;
  return lay->pad;
}

/* Heights of every item at scale K; returns the tallest column's need and in
 * *SLOPE how fast that need grows with K (bands held at min_band do not). */
static double
compute_heights (EkvSankeyLayout *lay,
                 double           k,
                 double          *slope)
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
choose_scale (EkvSankeyLayout *lay,
              double           height)
{
  const EkvSankeyOptions *opt = lay->opt;
  guint most_nodes = 0;
  double k_lin = G_MAXDOUBLE;
  double need, slope = 0;

  /* Crowded columns get less padding, but never below 2 px (or the option). */
  for (guint c = 0; c < lay->n_cols; c++)
    {
      guint real = 0;

      for (guint r = lay->col_start[c]; r < lay->col_start[c + 1]; r++)
        real += !is_bundle (lay, lay->order[r]);
      most_nodes = MAX (most_nodes, real);
    }
  lay->pad = MAX (opt->node_padding, 0);
  if (most_nodes > 1 && (most_nodes - 1) * lay->pad > height / 4)
    lay->pad = MAX (height / 4 / (most_nodes - 1), MIN (lay->pad, 2));
  lay->mixed_gap = lay->pad / 2;
  lay->bundle_gap = MIN (lay->pad / 4, 2);

  if (lay->h == NULL)
    {
      lay->h = g_new (double, lay->n_items);
      lay->hs = g_new (double, lay->n_items);
      lay->y = g_new (double, lay->n_items);
      lay->width = g_new (double, MAX (lay->m, 1));
    }

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
place_column (EkvSankeyLayout *lay,
              guint            c,
              const double    *want,
              const double    *weight,
              double          *bw,
              double          *bm)
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
segment_offsets (EkvSankeyLayout *lay,
                 double          *off_from,
                 double          *off_to)
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
relax (EkvSankeyLayout *lay)
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

/* ------------------------------------------------------------ public */

/* Columns evenly spread from X0 to X1 (node edges included). */
static void
place_columns (EkvSankeyLayout *lay,
               double          *col_x,
               double           x0,
               double           x1)
{
  for (guint c = 0; c < lay->n_cols; c++)
    col_x[c] = lay->n_cols > 1
      ? x0 + c * (x1 - x0 - lay->opt->node_width) / (lay->n_cols - 1)
      : x0;
}

/* Columns spread over the extent and the loops routed around them; columns
 * move in where loops turn left of the first or right of the last. */
static void
route_in_extent (EkvSankeyLayout *lay,
                 double          *loop_key,
                 double          *col_x)
{
  const EkvSankeyOptions *options = lay->opt;

  place_columns (lay, col_x, options->x0, options->x1);
  for (guint k = 0; k < lay->m; k++)
    {
      EkvSankeyLink *link = link_at (lay, k);

      link->width = lay->width[k];
      link->circular = lay->circular[k];
      link->loop_x0 = link->loop_x1 = link->loop_y = 0;
      if (link->points == NULL)
        link->points = g_array_new (FALSE, FALSE, sizeof (EkvSankeyPoint));
      g_array_set_size (link->points, 0);
    }
  _ekv_sankey_route_loops (lay, loop_key, col_x);
  for (int round = 0, margin_l = 0, margin_r = 0; round < 4; round++)
    {
      double left = 0, right = 0;

      for (guint k = 0; k < lay->m; k++)
        if (lay->circular[k])
          {
            EkvSankeyLink *link = link_at (lay, k);

            left = MAX (left, options->x0 - (link->loop_x1 - link->width / 2));
            right = MAX (right, link->loop_x0 + link->width / 2 - options->x1);
          }
      if (left <= 1e-9 && right <= 1e-9)
        break;
      margin_l += (int) ceil (MAX (left, 0));
      margin_r += (int) ceil (MAX (right, 0));
      if (options->x1 - options->x0 - margin_l - margin_r > 4 * options->node_width)
        place_columns (lay, col_x, options->x0 + margin_l, options->x1 - margin_r);
      else   /* no room: the extent grows to the right */
        place_columns (lay, col_x, options->x0 + margin_l, options->x1 + margin_l);
      _ekv_sankey_route_loops (lay, loop_key, col_x);
    }
}

/* How far the loops reach above and below the nodes' extent, px. */
static double
loops_overflow (EkvSankeyLayout *lay)
{
  double top = lay->top, bottom = lay->bottom;

  for (guint k = 0; k < lay->m; k++)
    if (lay->circular[k])
      {
        EkvSankeyLink *link = link_at (lay, k);

        top = MIN (top, link->loop_y - link->width / 2);
        bottom = MAX (bottom, link->loop_y + link->width / 2);
      }
  return (lay->top - top) + (bottom - lay->bottom);
}

/* The order cache (graph->order_cache): the graph's structure and options,
 * hashed, and the order found. Crossing reduction is most of a layout's time,
 * a drawing lays one graph out several times while it fits labels and loops,
 * and a diagram that follows edits keeps its order. */
typedef struct
{
  guint64 key;
  guint   n_items;
  guint   order[];
} OrderCache;

static guint64
mix (guint64 hash,
     guint64 value)
{
  /* FNV-1a over the eight bytes */
  for (guint i = 0; i < 8; i++)
    {
      hash ^= (value >> (8 * i)) & 0xff;
      hash *= G_GUINT64_CONSTANT (1099511628211);
    }
  return hash;
}

static guint64
order_key (EkvSankeyLayout *lay)
{
  const EkvSankeyOptions *opt = lay->opt;
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);

  hash = mix (hash, lay->n);
  hash = mix (hash, lay->m);
  hash = mix (hash, lay->n_items);
  hash = mix (hash, opt->align);
  hash = mix (hash, opt->use_column_hints);
  hash = mix (hash, opt->iterations);
  for (guint v = 0; v < lay->n; v++)
    hash = mix (hash, (guint64) (gint64) lay->col[v]);
  /* the structure only, not the values: an edit that changes a value keeps
   * the order (see ekv_sankey_graph_keep_order()) */
  for (guint k = 0; k < lay->m; k++)
    {
      EkvSankeyLink *link = link_at (lay, k);

      hash = mix (hash, link->source);
      hash = mix (hash, link->target);
      hash = mix (hash, lay->circular[k]);
    }
  return hash;
}

static void
order_columns_cached (EkvSankeyLayout *lay)
{
  EkvSankeyGraph *graph = lay->graph;
  OrderCache *cache = graph->order_cache;
  guint64 key = order_key (lay);

  if (cache != NULL && cache->key == key && cache->n_items == lay->n_items)
    {
      _ekv_sankey_order_restore (lay, cache->order);
      return;
    }

  _ekv_sankey_order_columns (lay);

  g_free (graph->order_cache);
  cache = g_malloc (sizeof (OrderCache) + sizeof (guint) * lay->n_items);
  cache->key = key;
  cache->n_items = lay->n_items;
  memcpy (cache->order, lay->order, sizeof (guint) * lay->n_items);
  graph->order_cache = cache;
}

void
ekv_sankey_graph_keep_order (EkvSankeyGraph *graph,
                             EkvSankeyGraph *previous)
{
  g_return_if_fail (graph != NULL);

  if (previous == NULL || previous == graph || previous->order_cache == NULL)
    return;
  g_free (graph->order_cache);
  graph->order_cache = g_steal_pointer (&previous->order_cache);
}

gboolean
ekv_sankey_layout (EkvSankeyGraph          *graph,
                   const EkvSankeyOptions  *options,
                   GError                 **error)
{
  EkvSankeyLayout lay = { 0 };
  EkvSankeyOptions defaults;
  g_autofree double *col_x = NULL;
  g_autofree double *loop_key = NULL;
  double ex0, ey0, ex1, ey1, height, over;

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

  if (graph->nodes->len == 0)
    {
      /* nothing to place (and no link, or the loop above failed) */
      graph->scale = 1;
      graph->extent[0] = options->x0;
      graph->extent[1] = options->y0;
      graph->extent[2] = options->x1;
      graph->extent[3] = options->y1;
      return TRUE;
    }

  lay.graph = graph;
  lay.opt = options;
  lay.n = graph->nodes->len;
  lay.m = graph->links->len;
  lay.circular = g_new0 (gboolean, MAX (lay.m, 1));
  lay.col = g_new0 (int, MAX (lay.n, 1));

  _ekv_sankey_find_circular (graph, lay.circular);
  _ekv_sankey_assign_columns (&lay);
  build_items (&lay);
  order_columns_cached (&lay);
  height = MAX (options->y1 - options->y0, 1);
  choose_scale (&lay, height);
  relax (&lay);
  col_x = g_new (double, lay.n_cols);
  loop_key = g_new0 (double, MAX (lay.m, 1));
  route_in_extent (&lay, loop_key, col_x);

  /* Loops beyond the nodes: lay the nodes out again in the height that
   * leaves room for them, unless that is less than half (then the extent
   * grows) or the scale is fixed */
  over = loops_overflow (&lay);
  if (over > 0.5 && options->fixed_scale <= 0 && lay.bottom - lay.top <= height * (1 + 1e-9) &&
      height - over >= height / 2)
    {
      choose_scale (&lay, height - over);
      if (lay.bottom - lay.top > (height - over) * (1 + 1e-9))
        choose_scale (&lay, height);   /* that grew the extent: keep the first */
      relax (&lay);
      route_in_extent (&lay, loop_key, col_x);
    }
  _ekv_sankey_attach_links (&lay, loop_key);

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

  /* the whole box asked for, at least, even when the loops took less room
   * than their first estimate */
  ey1 = MAX (ey1, options->y0 + height);

  graph->scale = lay.scale;
  graph->extent[0] = ex0;
  graph->extent[1] = ey0;
  graph->extent[2] = ex1;
  graph->extent[3] = ey1;

  layout_clear (&lay);
  return TRUE;
}
