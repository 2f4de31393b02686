/* test-sankey-layout.c: the Sankey layout engine and its JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include "ekv-sankey.h"

#define EPS 1e-6

/* ------------------------------------------------------------ helpers */

static EkvSankeyGraph *
graph_from_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (text, &error);
  EkvSankeyGraph *graph;

  g_assert_no_error (error);
  graph = ekv_sankey_graph_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

static void
lay_out (EkvSankeyGraph *graph)
{
  g_autoptr(GError) error = NULL;
  EkvSankeyOptions options;

  ekv_sankey_options_init (&options);
  g_assert_true (ekv_sankey_layout (graph, &options, &error));
  g_assert_no_error (error);
}

static EkvSankeyNode *
get_node (EkvSankeyGraph *graph,
          guint           i)
{
  return ekv_sankey_graph_get_node (graph, i);
}

static EkvSankeyLink *
get_link (EkvSankeyGraph *graph,
          guint           k)
{
  return ekv_sankey_graph_get_link (graph, k);
}

/* The y of a forward link's centre line at X (the curve of the README:
 * cubic Béziers with horizontal tangents between the waypoints). */
static double
link_y_at (EkvSankeyGraph *graph,
           EkvSankeyLink  *l,
           double          x)
{
  EkvSankeyPoint pts[64];
  guint n = 0;

  pts[n++] = (EkvSankeyPoint) { get_node (graph, l->source)->x1, l->y0 };
  for (guint p = 0; l->points != NULL && p < l->points->len && n < 63; p++)
    pts[n++] = g_array_index (l->points, EkvSankeyPoint, p);
  pts[n++] = (EkvSankeyPoint) { get_node (graph, l->target)->x0, l->y1 };

  if (x <= pts[0].x)
    return pts[0].y;
  for (guint i = 1; i < n; i++)
    if (x <= pts[i].x)
      {
        double dx = pts[i].x - pts[i - 1].x, lo = 0, hi = 1;

        if (dx <= 0)
          return pts[i].y;
        /* x(t) = x0 + dx (1.5 t (1 - t) + t³) is increasing: bisect for t */
        for (int it = 0; it < 60; it++)
          {
            double t = (lo + hi) / 2;

            if (pts[i - 1].x + dx * (1.5 * t * (1 - t) + t * t * t) < x)
              lo = t;
            else
              hi = t;
          }
        return pts[i - 1].y + (pts[i].y - pts[i - 1].y) * lo * lo * (3 - 2 * lo);
      }
  return pts[n - 1].y;
}

/* Flow-weighted crossings of the forward links, gap by gap, from the geometry
 * (what quality.js counts as valueCrossings). */
static double
geometry_crossings (EkvSankeyGraph *graph)
{
  int n_cols = 0;
  double cross = 0;

  for (guint i = 0; i < graph->nodes->len; i++)
    n_cols = MAX (n_cols, get_node (graph, i)->column + 1);

  for (int g = 0; g + 1 < n_cols; g++)
    {
      double xl = -G_MAXDOUBLE, xr = G_MAXDOUBLE;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree double *yl = NULL;
      g_autofree double *yr = NULL;

      for (guint i = 0; i < graph->nodes->len; i++)
        {
          if (get_node (graph, i)->column == g)
            xl = MAX (xl, get_node (graph, i)->x1);
          if (get_node (graph, i)->column == g + 1)
            xr = MIN (xr, get_node (graph, i)->x0);
        }
      for (guint k = 0; k < graph->links->len; k++)
        {
          EkvSankeyLink *l = get_link (graph, k);
          int cs = get_node (graph, l->source)->column, ct = get_node (graph, l->target)->column;

          if (!l->circular && cs <= g && ct > g)
            g_array_append_val (ids, k);
        }
      yl = g_new (double, ids->len + 1);
      yr = g_new (double, ids->len + 1);
      for (guint a = 0; a < ids->len; a++)
        {
          EkvSankeyLink *l = get_link (graph, g_array_index (ids, guint, a));

          yl[a] = link_y_at (graph, l, xl);
          yr[a] = link_y_at (graph, l, xr);
        }
      for (guint a = 0; a < ids->len; a++)
        for (guint b = a + 1; b < ids->len; b++)
          if ((yl[a] - yl[b]) * (yr[a] - yr[b]) < 0 && fabs (yl[a] - yl[b]) > EPS &&
              fabs (yr[a] - yr[b]) > EPS)
            cross += get_link (graph, g_array_index (ids, guint, a))->value *
                     get_link (graph, g_array_index (ids, guint, b))->value;
    }
  return cross;
}

/* Crossings of the links between neighbouring columns: with the nodes of
 * each column in the layout's order (BY_LAYOUT) or in input order. */
static double
adjacent_crossings (EkvSankeyGraph *graph,
                    gboolean        by_layout)
{
  double cross = 0;
  guint m = graph->links->len;

  for (guint a = 0; a < m; a++)
    for (guint b = a + 1; b < m; b++)
      {
        EkvSankeyLink *la = get_link (graph, a), *lb = get_link (graph, b);
        EkvSankeyNode *sa = get_node (graph, la->source), *sb = get_node (graph, lb->source);
        EkvSankeyNode *ta = get_node (graph, la->target), *tb = get_node (graph, lb->target);
        double ds, dt;

        if (la->circular || lb->circular || ta->column != sa->column + 1 ||
            tb->column != sb->column + 1 || sa->column != sb->column ||
            la->source == lb->source || la->target == lb->target)
          continue;
        ds = by_layout ? sa->y0 - sb->y0 : (double) la->source - (double) lb->source;
        dt = by_layout ? ta->y0 - tb->y0 : (double) la->target - (double) lb->target;
        if (ds * dt < 0)
          cross += la->value * lb->value;
      }
  return cross;
}

/* The invariants every layout keeps. */
static void
check_layout (EkvSankeyGraph         *graph,
              const EkvSankeyOptions *options)
{
  guint n = graph->nodes->len;
  g_autofree guint *by_y = g_new (guint, n + 1);
  int n_cols = 0;

  g_assert_cmpfloat (graph->scale, >, 0);
  /* the extent starts where asked, loops included; it may only grow */
  g_assert_cmpfloat (graph->extent[0], >=, options->x0 - EPS);
  g_assert_cmpfloat (graph->extent[1], >=, options->y0 - EPS);
  g_assert_cmpfloat (graph->extent[2], >=, options->x1 - EPS);
  g_assert_cmpfloat (graph->extent[3], >=, options->y1 - EPS);
  for (guint i = 0; i < n; i++)
    {
      EkvSankeyNode *v = get_node (graph, i);

      g_assert_true (isfinite (v->y0) && isfinite (v->y1));
      g_assert_cmpfloat (v->y1 - v->y0, >=, options->min_band - EPS);
      g_assert_cmpfloat_with_epsilon (v->x1 - v->x0, options->node_width, EPS);
      g_assert_cmpfloat (v->x0, >=, graph->extent[0] - EPS);
      g_assert_cmpfloat (v->x1, <=, graph->extent[2] + EPS);
      g_assert_cmpfloat (v->y0, >=, graph->extent[1] - EPS);
      g_assert_cmpfloat (v->y1, <=, graph->extent[3] + EPS);
      n_cols = MAX (n_cols, v->column + 1);
    }

  /* no two nodes of a column overlap */
  for (int c = 0; c < n_cols; c++)
    {
      guint len = 0;

      for (guint i = 0; i < n; i++)
        if (get_node (graph, i)->column == c)
          {
            guint x = len++;

            while (x > 0 && get_node (graph, by_y[x - 1])->y0 > get_node (graph, i)->y0)
              {
                by_y[x] = by_y[x - 1];
                x--;
              }
            by_y[x] = i;
          }
      for (guint x = 1; x < len; x++)
        g_assert_cmpfloat (get_node (graph, by_y[x])->y0, >=,
                           get_node (graph, by_y[x - 1])->y1 - EPS);
    }

  for (guint k = 0; k < graph->links->len; k++)
    {
      EkvSankeyLink *l = get_link (graph, k);
      EkvSankeyNode *s = get_node (graph, l->source), *t = get_node (graph, l->target);

      g_assert_true (isfinite (l->y0) && isfinite (l->y1) && isfinite (l->width));
      if (l->value > 0)
        g_assert_cmpfloat (l->width, >=, options->min_band - EPS);
      /* attached to its nodes */
      g_assert_cmpfloat (l->y0 - l->width / 2, >=, s->y0 - EPS);
      g_assert_cmpfloat (l->y0 + l->width / 2, <=, s->y1 + EPS);
      g_assert_cmpfloat (l->y1 - l->width / 2, >=, t->y0 - EPS);
      g_assert_cmpfloat (l->y1 + l->width / 2, <=, t->y1 + EPS);
      if (t->column <= s->column)
        g_assert_true (l->circular);

      if (l->circular)
        {
          /* the channel is clear of every node of the columns it passes */
          g_assert_cmpfloat (l->loop_x0, >, s->x1);
          g_assert_cmpfloat (l->loop_x1, <, t->x0);
          for (guint i = 0; i < n; i++)
            {
              EkvSankeyNode *v = get_node (graph, i);

              if (v->x1 > l->loop_x1 && v->x0 < l->loop_x0)
                g_assert_true (l->loop_y - l->width / 2 >= v->y1 - EPS ||
                               l->loop_y + l->width / 2 <= v->y0 + EPS);
            }
          /* a loop leaves and enters on its channel's side of the other bands */
          for (guint k2 = 0; k2 < graph->links->len; k2++)
            {
              EkvSankeyLink *o = get_link (graph, k2);
              gboolean above = l->loop_y < s->y0;

              if (o->circular)
                continue;
              if (o->source == l->source)
                g_assert_true (above ? o->y0 > l->y0 : o->y0 < l->y0);
              if (o->target == l->target)
                g_assert_true (above ? o->y1 > l->y1 : o->y1 < l->y1);
            }
          g_assert_cmpfloat (l->loop_y - l->width / 2, >=, graph->extent[1] - EPS);
          g_assert_cmpfloat (l->loop_y + l->width / 2, <=, graph->extent[3] + EPS);
        }
      else
        {
          /* a band passing a column goes between its nodes */
          for (guint p = 0; l->points != NULL && p < l->points->len; p++)
            {
              EkvSankeyPoint *pt = &g_array_index (l->points, EkvSankeyPoint, p);

              if (p > 0)
                g_assert_cmpfloat (pt->x, >=, g_array_index (l->points, EkvSankeyPoint, p - 1).x);
              for (guint i = 0; i < n; i++)
                {
                  EkvSankeyNode *v = get_node (graph, i);

                  if (pt->x >= v->x0 && pt->x <= v->x1)
                    g_assert_true (pt->y - l->width / 2 >= v->y1 - EPS ||
                                   pt->y + l->width / 2 <= v->y0 + EPS);
                }
            }
        }
    }
}

/* ------------------------------------------------------------ cases */

static void
test_chain (void)
{
  g_autoptr(EkvSankeyGraph) graph = graph_from_text (
    "{\"nodes\":[{\"name\":\"In\",\"kind\":\"source\"},{\"name\":\"Mill\",\"kind\":\"process\"},"
    "{\"name\":\"Out\",\"kind\":\"product\"}],"
    "\"links\":[{\"source\":0,\"target\":1,\"value\":10},"
    "{\"source\":1,\"target\":2,\"value\":10}]}");
  EkvSankeyOptions options;

  lay_out (graph);
  ekv_sankey_options_init (&options);
  check_layout (graph, &options);

  g_assert_cmpint (get_node (graph, 0)->column, ==, 0);
  g_assert_cmpint (get_node (graph, 1)->column, ==, 1);
  g_assert_cmpint (get_node (graph, 2)->column, ==, 2);
  g_assert_cmpfloat_with_epsilon (get_node (graph, 0)->x0, 0, EPS);
  g_assert_cmpfloat_with_epsilon (get_node (graph, 1)->x0, (1200 - 15) / 2.0, EPS);
  g_assert_cmpfloat_with_epsilon (get_node (graph, 2)->x1, 1200, EPS);
  /* one column of one node: the flow fills the height */
  g_assert_cmpfloat_with_epsilon (graph->scale, 80, EPS);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat_with_epsilon (get_node (graph, i)->y0, 0, EPS);
      g_assert_cmpfloat_with_epsilon (get_node (graph, i)->y1, 800, EPS);
      g_assert_cmpfloat_with_epsilon (get_node (graph, i)->value, 10, EPS);
    }
  g_assert_cmpfloat_with_epsilon (get_link (graph, 0)->width, 800, EPS);
  g_assert_cmpfloat_with_epsilon (get_link (graph, 0)->y0, 400, EPS);
  g_assert_cmpfloat_with_epsilon (get_link (graph, 1)->y1, 400, EPS);
  g_assert_false (get_link (graph, 0)->circular);
  g_assert_cmpuint (get_link (graph, 0)->points->len, ==, 0);
  g_assert_cmpint (get_link (graph, 0)->band, ==, EKV_SANKEY_BAND_MATERIAL);
  g_assert_cmpint (get_link (graph, 1)->band, ==, EKV_SANKEY_BAND_PRODUCT);
}

static void
test_diamond (void)
{
  /* S splits to A and B, both join in T; S → T directly passes the middle */
  g_autoptr(EkvSankeyGraph) graph = graph_from_text (
    "{\"nodes\":[{\"name\":\"S\",\"kind\":\"source\"},{\"name\":\"A\"},{\"name\":\"B\"},"
    "{\"name\":\"T\",\"kind\":\"product\"}],"
    "\"links\":[{\"source\":0,\"target\":1,\"value\":30},{\"source\":0,\"target\":2,\"value\":20},"
    "{\"source\":1,\"target\":3,\"value\":30},{\"source\":2,\"target\":3,\"value\":20},"
    "{\"source\":0,\"target\":3,\"value\":5}]}");
  EkvSankeyOptions options;
  EkvSankeyLink *direct;

  lay_out (graph);
  ekv_sankey_options_init (&options);
  check_layout (graph, &options);

  g_assert_cmpint (get_node (graph, 1)->column, ==, 1);
  g_assert_cmpint (get_node (graph, 2)->column, ==, 1);
  g_assert_cmpint (get_node (graph, 3)->column, ==, 2);
  g_assert_cmpfloat (geometry_crossings (graph), ==, 0);
  /* the long link passes column 1 between or beside A and B, on waypoints */
  direct = get_link (graph, 4);
  g_assert_false (direct->circular);
  g_assert_cmpuint (direct->points->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (direct->points, EkvSankeyPoint, 0).x,
                                  get_node (graph, 1)->x0, EPS);
  g_assert_cmpfloat_with_epsilon (g_array_index (direct->points, EkvSankeyPoint, 1).x,
                                  get_node (graph, 1)->x1, EPS);
  /* the source's value is its throughput */
  g_assert_cmpfloat_with_epsilon (get_node (graph, 0)->value, 55, EPS);
}

static void
test_best_order (void)
{
  /* Three pairs, listed so that the input order crosses every band: the
   * layout must untangle them completely. */
  g_autoptr(EkvSankeyGraph) graph = graph_from_text (
    "{\"nodes\":[{\"name\":\"a\",\"kind\":\"source\"},{\"name\":\"b\",\"kind\":\"source\"},"
    "{\"name\":\"c\",\"kind\":\"source\"},{\"name\":\"x\"},{\"name\":\"y\"},{\"name\":\"z\"},"
    "{\"name\":\"p\",\"kind\":\"product\"},{\"name\":\"q\",\"kind\":\"product\"},"
    "{\"name\":\"r\",\"kind\":\"product\"}],"
    "\"links\":[{\"source\":0,\"target\":5,\"value\":10},{\"source\":1,\"target\":4,\"value\":20},"
    "{\"source\":2,\"target\":3,\"value\":30},{\"source\":3,\"target\":7,\"value\":30},"
    "{\"source\":4,\"target\":6,\"value\":20},{\"source\":5,\"target\":8,\"value\":10},"
    "{\"source\":0,\"target\":4,\"value\":1}]}");
  EkvSankeyOptions options;

  lay_out (graph);
  ekv_sankey_options_init (&options);
  check_layout (graph, &options);
  g_assert_cmpfloat (adjacent_crossings (graph, FALSE), >, 0);
  g_assert_cmpfloat (geometry_crossings (graph), ==, 0);
}

static void
test_loop (void)
{
  /* a rinse water return: C sends part of its flow back to B */
  g_autoptr(EkvSankeyGraph) graph = graph_from_text (
    "{\"nodes\":[{\"name\":\"A\",\"kind\":\"source\"},{\"name\":\"B\"},{\"name\":\"C\"},"
    "{\"name\":\"D\",\"kind\":\"product\"},{\"name\":\"E\",\"kind\":\"loss\"}],"
    "\"links\":[{\"source\":0,\"target\":1,\"value\":100},"
    "{\"source\":1,\"target\":2,\"value\":130},"
    "{\"source\":2,\"target\":1,\"value\":30},{\"source\":2,\"target\":3,\"value\":90},"
    "{\"source\":2,\"target\":4,\"value\":10},{\"source\":3,\"target\":3,\"value\":4}]}");
  EkvSankeyOptions options;
  EkvSankeyLink *back = get_link (graph, 2);

  g_assert_cmpint (back->band, ==, EKV_SANKEY_BAND_RECYCLE);
  g_assert_cmpint (get_link (graph, 1)->band, ==, EKV_SANKEY_BAND_INTERMEDIATE);
  g_assert_cmpint (get_link (graph, 4)->band, ==, EKV_SANKEY_BAND_LOSS);
  lay_out (graph);
  ekv_sankey_options_init (&options);
  check_layout (graph, &options);

  g_assert_true (back->circular);
  g_assert_true (get_link (graph, 5)->circular);   /* a self-link too */
  g_assert_false (get_link (graph, 1)->circular);
  g_assert_cmpint (get_node (graph, 1)->column, <, get_node (graph, 2)->column);
  /* the channel runs outside the nodes, inside the reported extent */
  g_assert_true (back->loop_y > get_node (graph, 1)->y1 || back->loop_y < get_node (graph, 1)->y0);
  /* the nodes made room for the loops: everything fits the 1200 × 800 asked */
  g_assert_cmpfloat_with_epsilon (graph->extent[1], 0, EPS);
  g_assert_cmpfloat_with_epsilon (graph->extent[3], 800, EPS);
  g_assert_cmpfloat_with_epsilon (graph->extent[0], 0, EPS);
  g_assert_cmpfloat_with_epsilon (graph->extent[2], 1200, EPS);
}

static void
test_losses_near (void)
{
  /* the oven's heat loss stays beside the oven; the product goes to the end */
  g_autoptr(EkvSankeyGraph) graph = graph_from_text (
    "{\"nodes\":[{\"name\":\"Gas\",\"kind\":\"source\"},{\"name\":\"Oven\"},{\"name\":\"Press\"},"
    "{\"name\":\"Pack\"},{\"name\":\"Goods\",\"kind\":\"product\"},"
    "{\"name\":\"Heat loss\",\"kind\":\"loss\"},{\"name\":\"Scrap\",\"kind\":\"waste\"}],"
    "\"links\":[{\"source\":0,\"target\":1,\"value\":100},{\"source\":1,\"target\":2,\"value\":70},"
    "{\"source\":1,\"target\":5,\"value\":30},{\"source\":2,\"target\":3,\"value\":60},"
    "{\"source\":2,\"target\":6,\"value\":10},{\"source\":3,\"target\":4,\"value\":60}]}");
  EkvSankeyOptions options;

  lay_out (graph);
  ekv_sankey_options_init (&options);
  check_layout (graph, &options);
  g_assert_cmpint (get_node (graph, 5)->column, ==, get_node (graph, 1)->column + 1);
  g_assert_cmpint (get_node (graph, 4)->column, ==, 4);
  g_assert_cmpint (get_node (graph, 6)->column, ==, 4);   /* other sinks are justified */
  g_assert_cmpint (get_link (graph, 2)->band, ==, EKV_SANKEY_BAND_LOSS);
  g_assert_cmpint (get_link (graph, 4)->band, ==, EKV_SANKEY_BAND_WASTE);
}

static void
test_zero_values (void)
{
  g_autoptr(EkvSankeyGraph) graph = graph_from_text (
    "{\"nodes\":[{\"name\":\"A\",\"kind\":\"source\"},{\"name\":\"B\"},{\"name\":\"C\"},"
    "{\"name\":\"Idle\"}],"
    "\"links\":[{\"source\":0,\"target\":1,\"value\":0},{\"source\":1,\"target\":2,\"value\":0},"
    "{\"source\":0,\"target\":2,\"value\":0}]}");
  EkvSankeyOptions options;

  lay_out (graph);
  ekv_sankey_options_init (&options);
  check_layout (graph, &options);
  for (guint k = 0; k < 3; k++)
    g_assert_cmpfloat (get_link (graph, k)->width, ==, 0);
  /* a node without flow is still drawn, min_band high */
  g_assert_cmpfloat_with_epsilon (get_node (graph, 3)->y1 - get_node (graph, 3)->y0,
                                  options.min_band, EPS);
}

static void
test_degenerate (void)
{
  static const char * const graphs[] = {
    "{\"nodes\":[],\"links\":[]}",
    "{\"nodes\":[{\"name\":\"Alone\"},{\"name\":\"Apart\"}],\"links\":[]}",
    /* a self-link only */
    "{\"nodes\":[{\"name\":\"A\"}],\"links\":[{\"source\":0,\"target\":0,\"value\":3}]}",
    /* two links between the same nodes */
    "{\"nodes\":[{\"name\":\"A\"},{\"name\":\"B\"}],"
    "\"links\":[{\"source\":0,\"target\":1,\"value\":3},"
    "{\"source\":0,\"target\":1,\"value\":5}]}",
    /* a cycle that no source feeds */
    "{\"nodes\":[{\"name\":\"A\"},{\"name\":\"B\"},{\"name\":\"C\"}],"
    "\"links\":[{\"source\":0,\"target\":1,\"value\":3},"
    "{\"source\":1,\"target\":2,\"value\":3},{\"source\":2,\"target\":0,\"value\":3}]}",
  };
  EkvSankeyOptions options;

  ekv_sankey_options_init (&options);
  for (guint g = 0; g < G_N_ELEMENTS (graphs); g++)
    {
      g_autoptr(EkvSankeyGraph) graph = graph_from_text (graphs[g]);
      guint n_circular = 0;

      lay_out (graph);
      check_layout (graph, &options);
      for (guint k = 0; k < graph->links->len; k++)
        n_circular += get_link (graph, k)->circular;
      if (g == 2 || g == 4)
        g_assert_cmpuint (n_circular, ==, 1);
      else
        g_assert_cmpuint (n_circular, ==, 0);
    }
}

static void
test_invalid (void)
{
  g_autoptr(EkvSankeyGraph) graph = ekv_sankey_graph_new ();
  g_autoptr(GError) error = NULL;
  EkvSankeyOptions options;

  ekv_sankey_options_init (&options);
  ekv_sankey_graph_add_node (graph, "A", NULL, EKV_SANKEY_NODE_SOURCE);
  ekv_sankey_graph_add_node (graph, "B", NULL, EKV_SANKEY_NODE_PRODUCT);
  ekv_sankey_graph_add_link (graph, 0, 1, 5, NULL);
  g_assert_true (ekv_sankey_layout (graph, &options, &error));
  g_assert_no_error (error);

  ekv_sankey_graph_add_link (graph, 0, 7, 5, NULL);
  g_assert_false (ekv_sankey_layout (graph, &options, &error));
  g_assert_error (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_INVALID);
  g_clear_error (&error);

  get_link (graph, 1)->target = 1;
  get_link (graph, 1)->value = -1;
  g_assert_false (ekv_sankey_layout (graph, &options, &error));
  g_assert_error (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_INVALID);
  g_clear_error (&error);

  get_link (graph, 1)->value = NAN;
  g_assert_false (ekv_sankey_layout (graph, &options, &error));
  g_assert_error (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_INVALID);
}

static void
test_json_errors (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "[]", "$: " },
    { "{\"links\":[]}", "nodes: " },
    { "{\"nodes\":[{\"name\":\"A\"}],\"links\":{}}", "links: " },
    { "{\"nodes\":[{\"name\":\"A\",\"kind\":\"sink\"}],\"links\":[]}", "nodes[0].kind: " },
    { "{\"nodes\":[{\"name\":3}],\"links\":[]}", "nodes[0].name: " },
    { "{\"nodes\":[{},{}],\"links\":[{\"source\":0,\"target\":1,\"value\":1},"
      "{\"source\":1,\"target\":40,\"value\":1}]}", "links[1].target: no node 40" },
    { "{\"nodes\":[{},{}],\"links\":[{\"source\":0,\"target\":1,\"value\":-2}]}",
      "links[0].value: " },
    { "{\"nodes\":[{},{}],\"links\":[{\"source\":0.5,\"target\":1,\"value\":2}]}",
      "links[0].source: " },
    { "{\"nodes\":[{},{}],\"links\":[{\"source\":0,\"target\":1,\"value\":\"2\"}]}",
      "links[0].value: " },
    { "{\"nodes\":[{},{}],\"links\":[{\"source\":0,\"target\":1}]}", "links[0].value: " },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = json_from_string (cases[c].json, &error);
      g_autoptr(EkvSankeyGraph) graph = NULL;

      g_assert_no_error (error);
      graph = ekv_sankey_graph_from_json (root, &error);
      g_assert_null (graph);
      g_assert_error (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[c].message))
        g_error ("case %u: “%s” does not start with “%s”", c, error->message,
                 cases[c].message);
    }
}

static char *
layout_text (EkvSankeyGraph *graph)
{
  g_autoptr(JsonNode) root = NULL;

  lay_out (graph);
  root = ekv_sankey_layout_to_json (graph);
  return json_to_string (root, FALSE);
}

static const char *determinism_graph =
  "{\"title\":\"Water\",\"unit\":\"m³/year\","
  "\"nodes\":[{\"name\":\"Mains\",\"kind\":\"source\"},{\"name\":\"Well\",\"kind\":\"source\"},"
  "{\"name\":\"Dye\",\"column\":1},{\"name\":\"Rinse\"},{\"name\":\"Dry\"},"
  "{\"name\":\"Product\",\"kind\":\"product\"},{\"name\":\"Steam\",\"kind\":\"loss\"},"
  "{\"name\":\"Effluent\",\"kind\":\"waste\"}],"
  "\"links\":[{\"source\":0,\"target\":2,\"value\":120},{\"source\":1,\"target\":3,\"value\":80},"
  "{\"source\":2,\"target\":3,\"value\":100},{\"source\":2,\"target\":7,\"value\":20},"
  "{\"source\":3,\"target\":4,\"value\":60},{\"source\":3,\"target\":7,\"value\":140},"
  "{\"source\":4,\"target\":5,\"value\":15},{\"source\":4,\"target\":6,\"value\":45},"
  "{\"source\":3,\"target\":2,\"value\":20},{\"source\":0,\"target\":4,\"value\":3}]}";

static void
test_determinism (void)
{
  g_autoptr(EkvSankeyGraph) graph = graph_from_text (determinism_graph);
  g_autoptr(EkvSankeyGraph) again = graph_from_text (determinism_graph);
  g_autofree char *first = layout_text (graph);
  g_autofree char *second = layout_text (graph);    /* laid out twice */
  g_autofree char *third = layout_text (again);     /* a fresh copy */
  g_autoptr(JsonNode) parsed = json_from_string (first, NULL);
  JsonObject *object = json_node_get_object (parsed);

  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (first, ==, third);
  g_assert_cmpstr (json_object_get_string_member (object, "unit"), ==, "m³/year");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "nodes")), ==, 8);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "links")), ==, 10);
  g_assert_true (json_object_has_member (object, "extent"));
}

static void
test_stability (void)
{
  /* a small change of one value keeps every node in its column and order */
  g_autoptr(EkvSankeyGraph) graph = graph_from_text (determinism_graph);
  g_autoptr(EkvSankeyGraph) edited = graph_from_text (determinism_graph);

  get_link (edited, 4)->value *= 1.05;
  get_link (edited, 6)->value *= 1.05;
  lay_out (graph);
  lay_out (edited);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      g_assert_cmpint (get_node (graph, i)->column, ==, get_node (edited, i)->column);
      for (guint j = 0; j < graph->nodes->len; j++)
        if (get_node (graph, i)->column == get_node (graph, j)->column)
          g_assert_cmpint (get_node (graph, i)->y0 < get_node (graph, j)->y0, ==,
                           get_node (edited, i)->y0 < get_node (edited, j)->y0);
    }
}

/* The order of each column's nodes, as a string ("c0:2,5|c1:...") */
static char *
order_text (EkvSankeyGraph *graph)
{
  GString *text = g_string_new (NULL);
  int most = 0;

  for (guint i = 0; i < graph->nodes->len; i++)
    most = MAX (most, get_node (graph, i)->column);
  for (int c = 0; c <= most; c++)
    {
      g_autoptr(GArray) column = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < graph->nodes->len; i++)
        if (get_node (graph, i)->column == c)
          {
            guint j = 0;

            while (j < column->len &&
                   get_node (graph, g_array_index (column, guint, j))->y0 < get_node (graph, i)->y0)
              j++;
            g_array_insert_val (column, j, i);
          }
      g_string_append_printf (text, "|c%d:", c);
      for (guint j = 0; j < column->len; j++)
        g_string_append_printf (text, "%u,", g_array_index (column, guint, j));
    }
  return g_string_free (text, FALSE);
}

/* A diagram following edits keeps its order when only values change, however
 * much (the new graph takes the old one's order); its own order comes back
 * when it is laid out on its own, and a change of structure orders afresh. */
static void
test_keep_order (void)
{
  g_autoptr(EkvSankeyGraph) graph = graph_from_text (determinism_graph);
  g_autoptr(EkvSankeyGraph) edited = graph_from_text (determinism_graph);
  g_autoptr(EkvSankeyGraph) alone = graph_from_text (determinism_graph);
  g_autoptr(EkvSankeyGraph) other = graph_from_text (determinism_graph);
  g_autofree char *before = NULL, *kept = NULL, *fresh = NULL;
  gboolean differs = FALSE;
  EkvSankeyOptions options;

  ekv_sankey_options_init (&options);

  lay_out (graph);
  before = order_text (graph);

  /* values far off: laid out on its own, the order changes */
  for (guint k = 0; k < edited->links->len; k++)
    {
      get_link (edited, k)->value = k % 2 == 0 ? 1 : 1000 * (k + 1);
      get_link (alone, k)->value = get_link (edited, k)->value;
    }
  lay_out (alone);
  fresh = order_text (alone);
  differs = g_strcmp0 (fresh, before) != 0;
  if (!differs)
    g_test_message ("these values give the same order anyway: %s", fresh);

  ekv_sankey_graph_keep_order (edited, graph);
  g_assert_null (graph->order_cache);
  lay_out (edited);
  kept = order_text (edited);
  g_assert_cmpstr (kept, ==, before);
  check_layout (edited, &options);

  /* another structure: the kept order does not apply */
  ekv_sankey_graph_add_link (other, 0, other->nodes->len - 1, 5, NULL);
  ekv_sankey_graph_keep_order (other, edited);
  lay_out (other);
  check_layout (other, &options);
  g_assert_true (differs);
}

static void
test_min_band (void)
{
  /* 300 units in one column: the padding alone would overfill 800 px, and
   * one flow is a million times the others; no band may vanish */
  g_autoptr(EkvSankeyGraph) graph = ekv_sankey_graph_new ();
  EkvSankeyOptions options;
  g_autoptr(GError) error = NULL;
  guint src = ekv_sankey_graph_add_node (graph, "Source", NULL, EKV_SANKEY_NODE_SOURCE);
  guint sink = ekv_sankey_graph_add_node (graph, "Sink", NULL, EKV_SANKEY_NODE_PRODUCT);

  for (guint u = 0; u < 300; u++)
    {
      g_autofree char *name = g_strdup_printf ("Unit %u", u);
      guint unit = ekv_sankey_graph_add_node (graph, name, NULL, EKV_SANKEY_NODE_PROCESS);
      double value = u == 0 ? 1e6 : 1;

      ekv_sankey_graph_add_link (graph, src, unit, value, NULL);
      ekv_sankey_graph_add_link (graph, unit, sink, value, NULL);
    }
  ekv_sankey_options_init (&options);
  g_assert_true (ekv_sankey_layout (graph, &options, &error));
  g_assert_no_error (error);
  check_layout (graph, &options);
  g_assert_cmpfloat (graph->extent[3], >, 800);   /* grown rather than collapsed */

  /* one scale for every band that is not held at min_band */
  g_assert_cmpfloat_with_epsilon (get_link (graph, 0)->width, 1e6 * graph->scale,
                                  1e-6 * get_link (graph, 0)->width);

  /* a fixed scale is kept exactly */
  options.fixed_scale = 2e-4;
  g_assert_true (ekv_sankey_layout (graph, &options, &error));
  g_assert_cmpfloat_with_epsilon (graph->scale, 2e-4, 1e-12);
  g_assert_cmpfloat_with_epsilon (get_link (graph, 0)->width, 200, EPS);
  g_assert_cmpfloat_with_epsilon (get_link (graph, 2)->width, options.min_band, EPS);
  check_layout (graph, &options);
}

static void
test_column_hints (void)
{
  g_autoptr(EkvSankeyGraph) graph = graph_from_text (
    "{\"nodes\":[{\"name\":\"A\",\"kind\":\"source\",\"column\":0},{\"name\":\"B\",\"column\":3},"
    "{\"name\":\"C\",\"column\":1},{\"name\":\"D\",\"kind\":\"product\"}],"
    "\"links\":[{\"source\":0,\"target\":1,\"value\":10},{\"source\":1,\"target\":2,\"value\":10},"
    "{\"source\":2,\"target\":3,\"value\":10}]}");
  g_autoptr(GError) error = NULL;
  EkvSankeyOptions options;

  ekv_sankey_options_init (&options);
  options.use_column_hints = TRUE;
  options.align = EKV_SANKEY_ALIGN_LEFT;
  g_assert_true (ekv_sankey_layout (graph, &options, &error));
  g_assert_no_error (error);
  check_layout (graph, &options);
  /* hints 0, 3, 1; D follows C; B → C now runs back: a loop */
  g_assert_cmpint (get_node (graph, 0)->column, ==, 0);
  g_assert_cmpint (get_node (graph, 1)->column, ==, 3);
  g_assert_cmpint (get_node (graph, 2)->column, ==, 1);
  g_assert_cmpint (get_node (graph, 3)->column, ==, 2);
  g_assert_true (get_link (graph, 1)->circular);
  g_assert_false (get_link (graph, 0)->circular);
}

static void
test_shared_graph (gconstpointer data)
{
  const char *path = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EkvSankeyGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  EkvSankeyOptions options;
  double layout_cross, input_cross;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  graph = ekv_sankey_graph_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  ekv_sankey_options_init (&options);
  g_assert_true (ekv_sankey_layout (graph, &options, &error));
  g_assert_no_error (error);
  check_layout (graph, &options);

  /* the order chosen untangles far more flow than the order of the file */
  layout_cross = adjacent_crossings (graph, TRUE);
  input_cross = adjacent_crossings (graph, FALSE);
  g_test_message ("%s: crossings between neighbouring columns %g, in file order %g",
                  path, layout_cross, input_cross);
  g_assert_cmpfloat (layout_cross, <, 0.5 * input_cross);
  if (graph->nodes->len <= 100)
    g_test_message ("weighted crossings %g", geometry_crossings (graph));
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  const char *root = g_getenv ("EKV_SOURCE_ROOT");
  g_autofree char *dir = g_build_filename (root != NULL ? root : ".", "..", "shared", "testdata",
                                           "sankey", "graphs", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/sankey-layout/chain", test_chain);
  g_test_add_func ("/ekv/sankey-layout/diamond", test_diamond);
  g_test_add_func ("/ekv/sankey-layout/best-order", test_best_order);
  g_test_add_func ("/ekv/sankey-layout/loop", test_loop);
  g_test_add_func ("/ekv/sankey-layout/losses-near", test_losses_near);
  g_test_add_func ("/ekv/sankey-layout/zero-values", test_zero_values);
  g_test_add_func ("/ekv/sankey-layout/degenerate", test_degenerate);
  g_test_add_func ("/ekv/sankey-layout/invalid", test_invalid);
  g_test_add_func ("/ekv/sankey-layout/json-errors", test_json_errors);
  g_test_add_func ("/ekv/sankey-layout/determinism", test_determinism);
  g_test_add_func ("/ekv/sankey-layout/stability", test_stability);
  g_test_add_func ("/ekv/sankey-layout/keep-order", test_keep_order);
  g_test_add_func ("/ekv/sankey-layout/min-band", test_min_band);
  g_test_add_func ("/ekv/sankey-layout/column-hints", test_column_hints);

  /* the shared test graphs, when the checkout has them */
  if ((listing = g_dir_open (dir, 0, NULL)) != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (listing)) != NULL)
        if (g_str_has_suffix (name, ".json"))
          g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
      g_ptr_array_sort (paths, compare_paths);
    }
  for (guint p = 0; p < paths->len; p++)
    {
      g_autofree char *base = g_path_get_basename (paths->pdata[p]);
      g_autofree char *test = g_strdup_printf ("/ekv/sankey-layout/graphs/%s", base);

      g_test_add_data_func (test, paths->pdata[p], test_shared_graph);
    }

  return g_test_run ();
}
