/* ekv-sankey-order.c: which column each node goes to and its place in it
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ekv-sankey.h"
#include "ekv-sankey-private.h"
#include "ekv-util.h"

/* The effort of the ordering, in barycentre sweeps and rounds of adjacent
 * switches; large graphs get fewer (they gain little from the last ones and a
 * layout must follow every edit). Sifting, the costliest, runs only while its
 * work (pairs of items times their bands) stays under SIFT_BUDGET. */
#define DEFAULT_SWEEPS 12
#define LARGE_SWEEPS 8
#define LARGE_SEGMENTS 2000
#define STALE_SWEEPS 3   /* sweeps without a better order before giving up */
#define SWITCH_ROUNDS 6
#define LARGE_SWITCH_ROUNDS 3
#define SIFT_PASSES 4
#define SIFT_BUDGET 200000.0
#define TWO_STARTS_SEGMENTS 1000
#define TWO_SIDED_SWEEPS 4
#define RELAX_ITERATIONS 8
/* Huge graphs (like s2000-8000: 10 000 segments) fewer still: crossingShare
 * 0.0475 → 0.0490 there (d3-sankey's: 0.076), a third less time. */
#define HUGE_SEGMENTS 6000
#define HUGE_SWEEPS 6
#define HUGE_TWO_SIDED_SWEEPS 2
#define HUGE_SWITCH_ROUNDS 2

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

void
_ekv_sankey_assign_columns (EkvSankeyLayout *lay)
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

  /* Sinks to the last column, but losses stay next to where they leave (a
   * heat loss beside its oven, not at the far end with the products) */
  if (lay->opt->align == EKV_SANKEY_ALIGN_JUSTIFY)
    for (guint v = 0; v < n; v++)
      if (!has_out[v] && lay->col[v] > 0 &&
          node_at (lay, v)->kind != EKV_SANKEY_NODE_LOSS &&
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

/* ------------------------------------------------------------ order */

/* Positions in 0..1 from the items' share of their column's flow: what a
 * neighbour sees of the order. */
static void
update_positions (EkvSankeyLayout *lay,
                  guint            c)
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
 * (FROM_LEFT) or on the right, or on both sides while lay->both is set; an
 * item without any keeps its place. */
static void
sort_column (EkvSankeyLayout *lay,
             guint            c,
             gboolean         from_left,
             SortKey         *keys)
{
  guint a = lay->col_start[c], b = lay->col_start[c + 1];
  gboolean both = lay->both;

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
      if (both)
        {
          const guint *start2 = from_left ? lay->out_start : lay->in_start;
          const guint *list2 = from_left ? lay->out_seg : lay->in_seg;

          for (guint e = start2[i]; e < start2[i + 1]; e++)
            {
              guint s = list2[e];
              guint other = from_left ? lay->seg_to[s] : lay->seg_from[s];
              double w = lay->seg_val[s] + 1e-9;

              sw += w;
              swp += w * lay->pos[other];
            }
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
count_crossings (EkvSankeyLayout *lay,
                 guint            c)
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

/* Every column pair's crossings, counted again only where a column's order
 * changed since the last count (most do not, once the sweeps settle); summed
 * in column order, so the total is the one a count of every pair gives. */
static double
count_all_crossings (EkvSankeyLayout *lay)
{
  double cross = 0;
  gboolean same_left = FALSE;

  if (lay->pair_cross == NULL)
    {
      lay->pair_cross = g_new (double, MAX (lay->n_cols, 1));
      lay->counted_order = g_new (guint, MAX (lay->n_items, 1));
      lay->counted = FALSE;
    }
  for (guint c = 0; c < lay->n_cols; c++)
    {
      guint a = lay->col_start[c], b = lay->col_start[c + 1];
      gboolean same = lay->counted
                      && memcmp (lay->order + a, lay->counted_order + a, sizeof (guint) * (b - a)) == 0;

      if (c > 0)
        {
          if (!same_left || !same)
            lay->pair_cross[c - 1] = count_crossings (lay, c - 1);
          cross += lay->pair_cross[c - 1];
        }
      same_left = same;
    }
  memcpy (lay->counted_order, lay->order, sizeof (guint) * lay->n_items);
  lay->counted = TRUE;
  return cross;
}

static gboolean
keep_if_best (EkvSankeyLayout *lay)
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
build_lists (EkvSankeyLayout *lay,
             guint            c,
             guint           *nb_rank,
             double          *nb_w,
             guint           *off)
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
switch_column (EkvSankeyLayout *lay,
               guint            c,
               guint           *nb_rank,
               double          *nb_w,
               guint           *off,
               guint8          *dirty)
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
sift_column (EkvSankeyLayout *lay,
             guint            c,
             guint           *nb_rank,
             double          *nb_w,
             guint           *off,
             double          *above,
             double          *below)
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
              memmove (lay->order + a + best_q + 1, lay->order + a + best_q,
                       sizeof (guint) * (p - best_q));
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
sift_columns (EkvSankeyLayout *lay,
              guint            max_col,
              guint            passes)
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
switch_columns (EkvSankeyLayout *lay,
                guint            max_col,
                guint            rounds)
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

/* A first order: items in the order a depth-first walk from the first
 * column meets them, so that what flows together starts together. */
static void
initial_order (EkvSankeyLayout *lay,
               SortKey         *keys)
{
  g_autofree guint *disc = g_new (guint, lay->n_items);
  g_autofree guint *stack = g_new (guint, lay->n_items);
  g_autofree guint *edge = g_new (guint, lay->n_items);
  guint count = 0;

  for (guint i = 0; i < lay->n_items; i++)
    disc[i] = G_MAXUINT;
  for (guint r = 0; r < lay->n_items; r++)
    {
      guint root = lay->order[r], sp = 0;

      if (disc[root] != G_MAXUINT)
        continue;
      disc[root] = count++;
      stack[sp] = root;
      edge[sp++] = lay->out_start[root];
      while (sp > 0)
        {
          guint v = stack[sp - 1];

          if (edge[sp - 1] < lay->out_start[v + 1])
            {
              guint w = lay->seg_to[lay->out_seg[edge[sp - 1]++]];

              if (disc[w] == G_MAXUINT)
                {
                  disc[w] = count++;
                  stack[sp] = w;
                  edge[sp++] = lay->out_start[w];
                }
            }
          else
            sp--;
        }
    }
  for (guint c = 0; c < lay->n_cols; c++)
    {
      guint a = lay->col_start[c], b = lay->col_start[c + 1];

      for (guint r = a; r < b; r++)
        keys[r - a] = (SortKey) { disc[lay->order[r]], r - a, lay->order[r] };
      sort_keys (keys, keys + (b - a), b - a);
      for (guint r = a; r < b; r++)
        lay->order[r] = keys[r - a].item;
      update_positions (lay, c);
    }
}

/* Relaxation: each item's position moves towards the flow-weighted mean of its
 * neighbours' on both sides, column after column, left to right then back, less
 * each time (d3-sankey's schedule, 0.99 per iteration); positions are not
 * spaced out again between iterations, so items pulled together stay
 * together. The columns are then sorted by position. */
static void
relax_order (EkvSankeyLayout *lay,
             SortKey         *keys,
             guint            iterations)
{
  double *y = lay->tmp_d;

  for (guint i = 0; i < lay->n_items; i++)
    y[i] = lay->pos[i];
  for (guint it = 0; it < iterations; it++)
    {
      double alpha = pow (0.99, it);
      gboolean forward = it % 2 == 0;

      for (guint cc = 0; cc < lay->n_cols; cc++)
        {
          guint c = forward ? cc : lay->n_cols - 1 - cc;

          for (guint r = lay->col_start[c]; r < lay->col_start[c + 1]; r++)
            {
              guint i = lay->order[r];
              double sw = 0, swp = 0;

              for (guint e = lay->in_start[i]; e < lay->in_start[i + 1]; e++)
                {
                  guint sg = lay->in_seg[e];
                  sw += lay->seg_val[sg];
                  swp += lay->seg_val[sg] * y[lay->seg_from[sg]];
                }
              for (guint e = lay->out_start[i]; e < lay->out_start[i + 1]; e++)
                {
                  guint sg = lay->out_seg[e];
                  sw += lay->seg_val[sg];
                  swp += lay->seg_val[sg] * y[lay->seg_to[sg]];
                }
              if (sw > 0)
                y[i] += (swp / sw - y[i]) * alpha;
            }
        }
    }
  for (guint c = 0; c < lay->n_cols; c++)
    {
      guint a = lay->col_start[c], b = lay->col_start[c + 1];

      for (guint r = a; r < b; r++)
        keys[r - a] = (SortKey) { round (y[lay->order[r]] * 1e9), r - a, lay->order[r] };
      sort_keys (keys, keys + (b - a), b - a);
      for (guint r = a; r < b; r++)
        lay->order[r] = keys[r - a].item;
      update_positions (lay, c);
    }
}

/* One run of the ordering from the present order: barycentre sweeps keeping
 * the best order, one-sided then two-sided, sifting if affordable, adjacent
 * switches. Returns the
 * weighted crossings of the order reached. */
static double
reduce_crossings (EkvSankeyLayout *lay,
                  SortKey         *keys,
                  guint            max_col)
{
  gboolean large = lay->n_segs > LARGE_SEGMENTS;
  gboolean huge = lay->n_segs > HUGE_SEGMENTS;
  guint sweeps = lay->opt->iterations > 0 ? lay->opt->iterations
                 : huge ? HUGE_SWEEPS : large ? LARGE_SWEEPS : DEFAULT_SWEEPS;
  double sift_work = 0;

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
  /* then sweeps that weigh both neighbouring columns at once: they settle
   * what one-sided sweeps leave swinging between left and right */
  if (lay->opt->iterations == 0)
    {
      lay->both = TRUE;
      for (guint it = 0, stale = 0; it < (huge ? HUGE_TWO_SIDED_SWEEPS : TWO_SIDED_SWEEPS) && stale < STALE_SWEEPS; it++)
        {
          if (it % 2 == 0)
            for (guint c = 0; c < lay->n_cols; c++)
              sort_column (lay, c, TRUE, keys);
          else
            for (guint c = lay->n_cols; c-- > 0;)
              sort_column (lay, c, FALSE, keys);
          stale = keep_if_best (lay) ? 0 : stale + 1;
        }
      lay->both = FALSE;
      memcpy (lay->order, lay->best_order, sizeof (guint) * lay->n_items);
      for (guint c = 0; c < lay->n_cols; c++)
        update_positions (lay, c);
    }

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
  switch_columns (lay, max_col, huge ? HUGE_SWITCH_ROUNDS : large ? LARGE_SWITCH_ROUNDS : SWITCH_ROUNDS);
  return count_all_crossings (lay);
}

/* The order within the columns. Small graphs get two starts, a relaxation of
 * the input's order and a depth-first walk along the flow, and keep the
 * better; the walk runs in a second thread, on its own copy of the order. */
void
_ekv_sankey_order_restore (EkvSankeyLayout *lay,
                           const guint     *order)
{
  memcpy (lay->order, order, sizeof (guint) * lay->n_items);
  for (guint c = 0; c < lay->n_cols; c++)
    update_positions (lay, c);
}

typedef struct
{
  EkvSankeyLayout  lay;      /* the graph's, with an order of its own */
  guint            max_col;
  double           cross;
  GMutex           lock;
  GCond            finished;
  gboolean         done;
} SecondStart;

static void
second_start_run (gpointer data,
                  gpointer user_data)
{
  SecondStart *start = data;
  g_autofree SortKey *keys = g_new (SortKey, 2 * start->max_col + 1);

  initial_order (&start->lay, keys);
  start->cross = reduce_crossings (&start->lay, keys, start->max_col);

  g_mutex_lock (&start->lock);
  start->done = TRUE;
  g_cond_signal (&start->finished);
  g_mutex_unlock (&start->lock);
}

/* Copies what the ordering changes of LAY into START and starts it in a kept
 * thread, or here when there is none (an exclusive pool's threads are already
 * there: a push cannot fail). */
static void
second_start_begin (SecondStart     *start,
                    EkvSankeyLayout *lay,
                    guint            max_col)
{
  /* one thread per core: layouts may run in several threads at once (an
   * export draws its pictures one per core) */
  static EkvKeptPool kept;
  GThreadPool *pool = ekv_kept_pool_get (&kept, second_start_run, (int) g_get_num_processors ());

  start->lay = *lay;
  start->lay.order = g_memdup2 (lay->order, sizeof (guint) * lay->n_items);
  start->lay.rank = g_memdup2 (lay->rank, sizeof (guint) * lay->n_items);
  start->lay.pos = g_memdup2 (lay->pos, sizeof (double) * lay->n_items);
  start->lay.best_order = g_new (guint, lay->n_items);
  start->lay.fenwick = g_new (double, lay->n_items + 2);
  start->lay.pair_cross = NULL;   /* its own, made when first counted */
  start->lay.counted_order = NULL;
  start->lay.tmp_u = NULL;   /* not used by the ordering */
  start->lay.tmp_d = NULL;
  start->lay.tmp_d2 = NULL;
  start->max_col = max_col;
  g_mutex_init (&start->lock);
  g_cond_init (&start->finished);
  start->done = FALSE;
  if (pool != NULL)
    g_thread_pool_push (pool, start, NULL);
  else
    second_start_run (start, NULL);
}

static void
second_start_wait (SecondStart *start)
{
  g_mutex_lock (&start->lock);
  while (!start->done)
    g_cond_wait (&start->finished, &start->lock);
  g_mutex_unlock (&start->lock);
  g_mutex_clear (&start->lock);
  g_cond_clear (&start->finished);
}

static void
second_start_free (SecondStart *start)
{
  g_free (start->lay.order);
  g_free (start->lay.rank);
  g_free (start->lay.pos);
  g_free (start->lay.best_order);
  g_free (start->lay.fenwick);
  g_free (start->lay.pair_cross);
  g_free (start->lay.counted_order);
}

void
_ekv_sankey_order_columns (EkvSankeyLayout *lay)
{
  guint max_col = 0;
  g_autofree SortKey *keys = NULL;
  SecondStart second;
  gboolean two_starts = lay->n_segs <= TWO_STARTS_SEGMENTS && lay->opt->iterations == 0;
  double first_cross;

  for (guint c = 0; c < lay->n_cols; c++)
    max_col = MAX (max_col, lay->col_start[c + 1] - lay->col_start[c]);
  keys = g_new (SortKey, 2 * max_col + 1);

  for (guint c = 0; c < lay->n_cols; c++)
    update_positions (lay, c);
  /* (it starts before the first is known to need no second: then it is let
   * finish and dropped) */
  if (two_starts)
    second_start_begin (&second, lay, max_col);
  /* Start from where the flows pull each item (relaxation, as d3-sankey does
   * it), not from the input's order: the sweeps and sifting then settle in a
   * better order (crossingShare on the shared test graphs: s100-300-loops
   * 0.063 → 0.043, s500-2000-loops 0.056 → 0.048, s2000-8000 0.052 → 0.048). */
  relax_order (lay, keys, RELAX_ITERATIONS);
  first_cross = reduce_crossings (lay, keys, max_col);
  if (!two_starts)
    return;

  second_start_wait (&second);
  /* a clear gain only: near a tie, a small edit must not switch starts */
  if (first_cross > 0 && second.cross < first_cross * 0.97)
    _ekv_sankey_order_restore (lay, second.lay.order);
  second_start_free (&second);
}
