/* ekv-sankey-route.c: loops around the diagram and bands stacked at the nodes
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "ekv-sankey.h"
#include "ekv-sankey-private.h"

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

/* Where a loop's band sits among a node's bands: loops below at the bottom,
 * loops above at the top, and of those the loop in the channel nearest the
 * nodes (which turns nearest, LOOP_KEY ±1, ±2, ... from routing) outermost,
 * so that loops from one node nest without crossing. */
static inline double
loop_end_key (double loop_key,
              double big)
{
  return loop_key < 0 ? -2 * big - loop_key : 2 * big - loop_key;
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

/* Routes the circular links in horizontal channels below (or above) the
 * columns they pass, each channel clear of the nodes and of the channels
 * already laid there; shorter loops run nearer the diagram. Fills loop_y,
 * loop_x0 and loop_x1; the depth of each loop orders its ends at the nodes. */
void
_ekv_sankey_route_loops (EkvSankeyLayout *lay,
                         double          *loop_key,
                         const double    *col_x)
{
  const EkvSankeyOptions *opt = lay->opt;
  guint n_loops = 0;
  g_autofree Loop *loops = NULL;
  g_autofree double *floor_y = g_new (double, lay->n_cols);
  g_autofree double *ceil_y = g_new (double, lay->n_cols);
  g_autofree double *turn_right = g_new0 (double, lay->n_cols);  /* used room after column c */
  g_autofree double *turn_left = g_new0 (double, lay->n_cols);   /* used room before column c */
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
        guint s = link->source, t = link->target;
        int cs = lay->col[s], ct = lay->col[t];
        double top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE, up, down;

        /* the side where the legs are shorter: they cross the bands there */
        for (int c = MIN (cs, ct); c <= MAX (cs, ct); c++)
          {
            top = MIN (top, ceil_y[c]);
            bottom = MAX (bottom, floor_y[c]);
          }
        up = (lay->y[s] - top) + (lay->y[t] - top);
        down = (bottom - lay->y[s] - lay->h[s]) + (bottom - lay->y[t] - lay->h[t]);
        loops[n_loops++] = (Loop) { k, (guint) ABS (cs - ct), up < down };
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
          loop_key[loops[x].link] = -(double) (x + 1);
        }
      else
        {
          y = -G_MAXDOUBLE;
          for (int c = c0; c <= c1; c++)
            y = MAX (y, floor_y[c]);
          y += lane_gap + w / 2;
          for (int c = c0; c <= c1; c++)
            floor_y[c] = y + w / 2;
          loop_key[loops[x].link] = (double) (x + 1);
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
void
_ekv_sankey_attach_links (EkvSankeyLayout *lay,
                          const double    *loop_key)
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
            key = loop_end_key (loop_key[k], big);
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
              int c0 = lay->col[link_at (lay, k)->source];

              /* its waypoint in the column before */
              keys[x].key = lay->wp[lay->wp_start[k] + (c - 1 - c0 - 1)];
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
            key = loop_end_key (loop_key[k], big);
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
