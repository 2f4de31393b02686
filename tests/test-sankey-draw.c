/* test-sankey-draw.c: Sankey charts drawn with Cairo, hit tests, files
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <stdlib.h>

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "ekv-json-import.h"
#include "ekv-sankey-draw.h"
#include "ekv-sankey-graph.h"

/* Two sources, two units with a rinse water return, three sinks. */
static EkvSankeyGraph *
small_graph (void)
{
  EkvSankeyGraph *graph = ekv_sankey_graph_new ();
  guint water = ekv_sankey_graph_add_node (graph, "Mains water", NULL, EKV_SANKEY_NODE_SOURCE);
  guint well = ekv_sankey_graph_add_node (graph, "Well water", NULL, EKV_SANKEY_NODE_SOURCE);
  guint dye = ekv_sankey_graph_add_node (graph, "Dyeing", "u1", EKV_SANKEY_NODE_PROCESS);
  guint rinse = ekv_sankey_graph_add_node (graph, "Rinsing and softening", "u2", EKV_SANKEY_NODE_PROCESS);
  guint ww = ekv_sankey_graph_add_node (graph, "Wastewater", NULL, EKV_SANKEY_NODE_WASTE);
  guint evap = ekv_sankey_graph_add_node (graph, "Evaporation", NULL, EKV_SANKEY_NODE_LOSS);
  guint gap = ekv_sankey_graph_add_node (graph, "Unaccounted", NULL, EKV_SANKEY_NODE_LOSS);
  const struct { guint s, t; double v; EkvSankeyBand band; } links[] = {
    { water, dye, 120000, EKV_SANKEY_BAND_WATER },
    { well, dye, 30000, EKV_SANKEY_BAND_WATER },
    { dye, rinse, 100000, EKV_SANKEY_BAND_WATER },
    { dye, ww, 45000, EKV_SANKEY_BAND_WASTEWATER },
    { dye, evap, 17000, EKV_SANKEY_BAND_EMISSION },
    { rinse, ww, 85000, EKV_SANKEY_BAND_WASTEWATER },
    { rinse, dye, 12000, EKV_SANKEY_BAND_RECYCLE },
    { rinse, gap, 3000, EKV_SANKEY_BAND_UNACCOUNTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      guint l = ekv_sankey_graph_add_link (graph, links[i].s, links[i].t, links[i].v, NULL);

      ekv_sankey_graph_get_link (graph, l)->band = links[i].band;
    }
  graph->title = g_strdup ("Water — Test Boya — baseline");
  graph->unit = g_strdup ("m³/year");
  return graph;
}

/* Pixels of SURFACE that are not white, inside (or outside) the rectangle. */
static guint
count_ink (cairo_surface_t *surface,
           int              x0,
           int              y0,
           int              x1,
           int              y1,
           gboolean         inside)
{
  unsigned char *data;
  int stride, width, height;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + 4 * x);
        gboolean in = x >= x0 && x < x1 && y >= y0 && y < y1;

        if (in == inside && (pixel & 0xffffff) != 0xffffff)
          n++;
      }
  return n;
}

static void
test_draw (void)
{
  g_autoptr(EkvSankeyGraph) graph = small_graph ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint ink;

  /* A bigger surface than the drawing: nothing may land outside 800 × 500. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1000, 700);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_true (ekv_sankey_draw (cr, graph, 800, 500, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  ink = count_ink (surface, 0, 0, 800, 500, TRUE);
  g_assert_cmpuint (ink, >, 800 * 500 / 10);              /* not blank */
  g_assert_cmpuint (count_ink (surface, 0, 0, 800, 500, FALSE), ==, 0);

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      EkvSankeyNode *node = ekv_sankey_graph_get_node (graph, i);

      g_assert_cmpfloat (node->x0, >=, 0);
      g_assert_cmpfloat (node->x1, <=, 800);
      g_assert_cmpfloat (node->y0, >=, 0);
      g_assert_cmpfloat (node->y1, <=, 500);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static char *
new_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ekv-sankey-draw-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A node is hit inside (and a little around) its bar; a band along its centre
 * line; the empty corner is nothing. */
static void
test_hit (void)
{
  g_autoptr(EkvSankeyGraph) graph = small_graph ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 500);
  cairo_t *cr = cairo_create (surface);
  guint index = G_MAXUINT, widest = 0;
  EkvSankeyNode *node;
  EkvSankeyLink *link;

  g_assert_true (ekv_sankey_draw (cr, graph, 800, 500, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      node = ekv_sankey_graph_get_node (graph, i);
      g_assert_cmpint (ekv_sankey_hit (graph, (node->x0 + node->x1) / 2, (node->y0 + node->y1) / 2,
                                       &index), ==, EKV_SANKEY_HIT_NODE);
      g_assert_cmpuint (index, ==, i);
    }

  /* The widest straight band, half way: the centre of its Bézier. */
  for (guint i = 0; i < graph->links->len; i++)
    {
      link = ekv_sankey_graph_get_link (graph, i);
      if (!link->circular && (link->points == NULL || link->points->len == 0)
          && link->width > ekv_sankey_graph_get_link (graph, widest)->width)
        widest = i;
    }
  link = ekv_sankey_graph_get_link (graph, widest);
  g_assert_false (link->circular);
  {
    EkvSankeyNode *s = ekv_sankey_graph_get_node (graph, link->source);
    EkvSankeyNode *t = ekv_sankey_graph_get_node (graph, link->target);

    g_assert_cmpint (ekv_sankey_hit (graph, (s->x1 + t->x0) / 2, (link->y0 + link->y1) / 2, &index), ==,
                     EKV_SANKEY_HIT_LINK);
    g_assert_cmpuint (index, <, graph->links->len);
  }

  g_assert_cmpint (ekv_sankey_hit (graph, 1, 499, NULL), ==, EKV_SANKEY_HIT_NONE);
  g_assert_cmpint (ekv_sankey_hit (graph, -50, -50, NULL), ==, EKV_SANKEY_HIT_NONE);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_files (void)
{
  g_autofree char *dir = new_dir ();
  g_autoptr(EkvSankeyGraph) graph = small_graph ();
  static const struct { EkvChartFormat format; const char *name, *head, *tail; } cases[] = {
    { EKV_CHART_FORMAT_PNG, "chart.png", "\x89PNG\r\n\x1a\n", NULL },
    { EKV_CHART_FORMAT_SVG, "chart.svg", "<?xml", "</svg>\n" },
    { EKV_CHART_FORMAT_PDF, "chart.pdf", "%PDF-", "%%EOF\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize length;
      EkvChartFormat format;

      g_assert_true (ekv_sankey_write_file (graph, cases[i].format, path, 640, 400, &error));
      g_assert_no_error (error);
      g_file_get_contents (path, &data, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (memcmp (data, cases[i].head, strlen (cases[i].head)) == 0);
      if (cases[i].tail != NULL)
        g_assert_true (memcmp (data + length - strlen (cases[i].tail), cases[i].tail,
                               strlen (cases[i].tail)) == 0);    /* PDF holds NUL bytes */
      g_assert_true (ekv_chart_format_from_nick (strrchr (cases[i].name, '.') + 1, &format));
      g_assert_cmpint (format, ==, cases[i].format);
    }

  /* The PNG reads back at its size. */
  {
    g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
    cairo_surface_t *png = cairo_image_surface_create_from_png (path);

    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 640);
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, 400);
    g_assert_cmpuint (count_ink (png, 0, 0, 640, 400, TRUE), >, 640 * 400 / 10);
    cairo_surface_destroy (png);
  }
  g_assert_cmpuint (count_files (dir), ==, 3);    /* no temporary file left */
  g_assert_false (ekv_chart_format_from_nick ("jpeg", &(EkvChartFormat) { 0 }));
  remove_dir (dir);
}

/* A write that fails leaves the file that was there as it was, and nothing
 * else behind; the message names the file. */
static void
test_failed_write (void)
{
  g_autofree char *dir = new_dir ();
  g_autofree char *path = g_build_filename (dir, "keep.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "chart.png", NULL);
  g_autoptr(EkvSankeyGraph) bad = small_graph ();
  g_autoptr(EkvSankeyGraph) graph = small_graph ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  g_file_set_contents (path, "precious", -1, &error);
  g_assert_no_error (error);

  /* A graph that cannot be laid out: a link to a node that is not there. */
  ekv_sankey_graph_add_link (bad, 0, 99, 5, NULL);
  g_assert_false (ekv_sankey_write_file (bad, EKV_CHART_FORMAT_PNG, path, 640, 400, &error));
  g_assert_error (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_INVALID);
  g_clear_error (&error);
  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data, ==, "precious");
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_assert_false (ekv_sankey_write_file (graph, EKV_CHART_FORMAT_SVG, missing, 640, 400, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "chart.png"));
  g_clear_error (&error);

  g_assert_false (ekv_sankey_write_file (graph, EKV_CHART_FORMAT_PDF, dir, 640, 400, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* And a good write replaces the file whole. */
  g_assert_true (ekv_sankey_write_file (graph, EKV_CHART_FORMAT_PNG, path, 640, 400, &error));
  g_assert_no_error (error);
  g_clear_pointer (&data, g_free);
  g_file_get_contents (path, &data, NULL, &error);
  g_assert_true (memcmp (data, "\x89PNG", 4) == 0);
  g_assert_cmpuint (count_files (dir), ==, 1);
  remove_dir (dir);
}

/* Two diagrams drawn with one fixed scale share it, whatever their totals. */
static void
test_fixed_scale (void)
{
  g_autoptr(EkvSankeyGraph) a = small_graph ();
  g_autoptr(EkvSankeyGraph) b = small_graph ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 500);
  cairo_t *cr = cairo_create (surface);
  EkvSankeyDrawOptions options;

  for (guint i = 0; i < b->links->len; i++)
    ekv_sankey_graph_get_link (b, i)->value /= 2;

  ekv_sankey_draw_options_init (&options);
  options.fixed_scale = 0.001;
  g_assert_true (ekv_sankey_draw (cr, a, 800, 500, &options, &error));
  g_assert_true (ekv_sankey_draw (cr, b, 800, 500, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (a->scale, 0.001, 1e-12);
  g_assert_cmpfloat_with_epsilon (b->scale, 0.001, 1e-12);
  /* The same flow is half as thick in the diagram with half the flow. */
  g_assert_cmpfloat_with_epsilon (ekv_sankey_graph_get_link (b, 0)->width * 2,
                                  ekv_sankey_graph_get_link (a, 0)->width, 0.01);

  /* Fitted (no fixed scale): the two fill the area alike. */
  ekv_sankey_draw_options_init (&options);
  g_assert_true (ekv_sankey_draw (cr, a, 800, 500, &options, &error));
  g_assert_true (ekv_sankey_draw (cr, b, 800, 500, &options, &error));
  g_assert_cmpfloat_with_epsilon (b->scale, a->scale * 2, a->scale * 0.01);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* An "after" drawn on the scale the baseline gets in the same area: its bands
 * are as much thinner as its flows are smaller. */
static void
test_fit_scale (void)
{
  g_autoptr(EkvSankeyGraph) before = small_graph ();
  g_autoptr(EkvSankeyGraph) after = small_graph ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 500);
  cairo_t *cr = cairo_create (surface);
  EkvSankeyDrawOptions options;
  double scale;

  for (guint i = 0; i < after->links->len; i++)
    ekv_sankey_graph_get_link (after, i)->value *= 0.6;

  scale = ekv_sankey_fit_scale (before, 800, 500, NULL);
  g_assert_cmpfloat (scale, >, 0);
  g_assert_true (ekv_sankey_draw (cr, before, 800, 500, NULL, &error));
  g_assert_cmpfloat_with_epsilon (before->scale, scale, scale * 1e-9);

  ekv_sankey_draw_options_init (&options);
  options.fixed_scale = scale;
  g_assert_true (ekv_sankey_draw (cr, after, 800, 500, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (after->scale, scale, scale * 1e-9);
  g_assert_cmpfloat_with_epsilon (ekv_sankey_graph_get_link (after, 0)->width,
                                  ekv_sankey_graph_get_link (before, 0)->width * 0.6, 0.01);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Under a Turkish locale the labels say 1.234 but the SVG's numbers stay
 * machine-readable. */
static void
test_locale (void)
{
  g_autofree char *dir = new_dir ();
  g_autofree char *path = g_build_filename (dir, "tr.svg", NULL);
  g_autoptr(EkvSankeyGraph) graph = small_graph ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) comma = g_regex_new ("[0-9],[0-9]", 0, 0, NULL);
  g_autofree char *data = NULL;
  g_autofree char *old = g_strdup (setlocale (LC_ALL, NULL));

  if (setlocale (LC_ALL, "tr_TR.UTF-8") == NULL)
    {
      g_test_skip ("no tr_TR.UTF-8 locale");
      remove_dir (dir);
      return;
    }
  g_assert_true (ekv_sankey_write_file (graph, EKV_CHART_FORMAT_SVG, path, 640, 400, &error));
  setlocale (LC_ALL, old);
  g_assert_no_error (error);
  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_regex_match (comma, data, 0, NULL));
  g_assert_nonnull (strstr (data, "width=\"640pt\""));
  remove_dir (dir);
}

/* Many small nodes in little room: nothing is drawn outside the area, and the
 * drawing still works at a tiny size. */
static void
test_crowded (void)
{
  g_autoptr(EkvSankeyGraph) graph = ekv_sankey_graph_new ();
  g_autoptr(GError) error = NULL;
  guint hub = ekv_sankey_graph_add_node (graph, "A unit operation with a rather long name", "u", EKV_SANKEY_NODE_PROCESS);
  guint sink = ekv_sankey_graph_add_node (graph, "Products", NULL, EKV_SANKEY_NODE_PRODUCT);
  cairo_surface_t *surface;
  cairo_t *cr;

  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("Auxiliary chemical <number> & %u", i);
      guint source = ekv_sankey_graph_add_node (graph, name, NULL, EKV_SANKEY_NODE_SOURCE);

      ekv_sankey_graph_add_link (graph, source, hub, i == 0 ? 100000 : 1 + i, NULL);
    }
  ekv_sankey_graph_add_link (graph, hub, sink, 100000, NULL);
  graph->title = g_strdup ("Crowded <&> names");
  graph->unit = g_strdup ("R&D <units>/year");   /* markup characters are text */

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 700, 500);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_true (ekv_sankey_draw (cr, graph, 500, 300, NULL, &error));
  g_assert_no_error (error);
  if (g_getenv ("EKV_TEST_KEEP") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("EKV_TEST_KEEP"));
  g_assert_cmpuint (count_ink (surface, 0, 0, 500, 300, FALSE), ==, 0);
  g_assert_true (ekv_sankey_draw (cr, graph, 220, 200, NULL, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Labels never overlap one another, stay inside the drawing, and every big
 * node has one: each view of the bundled sample, at two sizes. */
static void
test_labels (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("EKV_SOURCE_ROOT"), "resources", "samples",
                                            "ege-orme-boya.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_json_import_file (file, NULL, NULL, &error);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (EkvSankeyLabelBox));
  static const double sizes[][2] = { { 1200, 800 }, { 800, 600 } };
  EkvSankeyDrawOptions options;

  g_assert_no_error (error);
  ekv_sankey_draw_options_init (&options);
  options.labels = boxes;

  for (guint view = EKV_SANKEY_VIEW_MATERIAL; view <= EKV_SANKEY_VIEW_COST; view++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr(EkvSankeyGraph) graph = ekv_sankey_graph_from_audit (doc, view, EKV_SANKEY_SCENARIO_BASELINE,
                                                                       &error);
        double w = sizes[s][0], h = sizes[s][1];
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
        cairo_t *cr = cairo_create (surface);

        g_assert_no_error (error);
        g_assert_true (ekv_sankey_draw (cr, graph, w, h, &options, &error));
        g_assert_no_error (error);
        g_test_message ("view %u %gx%g: %u labels of %u nodes", view, w, h, boxes->len, graph->nodes->len);
        /* the cost view has many small purchases, left unlabelled */
        g_assert_cmpuint (boxes->len, >=, graph->nodes->len / 3);

        for (guint i = 0; i < boxes->len; i++)
          {
            const EkvSankeyLabelBox *a = &g_array_index (boxes, EkvSankeyLabelBox, i);

            g_assert_cmpfloat (a->x0, >=, 0);
            g_assert_cmpfloat (a->y0, >=, 0);
            g_assert_cmpfloat (a->x1, <=, w);
            g_assert_cmpfloat (a->y1, <=, h);
            for (guint j = i + 1; j < boxes->len; j++)
              {
                const EkvSankeyLabelBox *b = &g_array_index (boxes, EkvSankeyLabelBox, j);
                double ow = MIN (a->x1, b->x1) - MAX (a->x0, b->x0);
                double oh = MIN (a->y1, b->y1) - MAX (a->y0, b->y0);

                if (ow > 0.5 && oh > 0.5)
                  g_test_message ("view %u, %gx%g: labels of “%s” and “%s” overlap by %g × %g px",
                                  view, w, h, ekv_sankey_graph_get_node (graph, a->node)->name,
                                  ekv_sankey_graph_get_node (graph, b->node)->name, ow, oh);
                /* A big node's label that found no free place may touch another
                 * a little; never more than a sliver. */
                g_assert_true (ow <= 0.5 || oh <= 0.5 || ow * oh < 0.1 * MIN ((a->x1 - a->x0) * (a->y1 - a->y0),
                                                                                 (b->x1 - b->x0) * (b->y1 - b->y0)));
              }
          }

        for (guint n = 0; n < graph->nodes->len; n++)
          {
            EkvSankeyNode *node = ekv_sankey_graph_get_node (graph, n);
            gboolean labelled = FALSE;

            if (node->y1 - node->y0 < h * 0.05)
              continue;
            for (guint i = 0; i < boxes->len; i++)
              labelled |= g_array_index (boxes, EkvSankeyLabelBox, i).node == n;
            g_assert_true (labelled);
          }

        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

/* The sample's water view drawn for the screen (FAST) onto an ARGB image of
 * 900 × 600 painted blue; TARGET_SUB draws through a sub-surface, which takes the
 * one-thread path, else the pixels are made in strips by two threads. */
static cairo_surface_t *
draw_screen (EkvSankeyGraph     *graph,
             EkvSankeyTextCache *cache,
             gboolean            target_sub,
             GArray             *boxes)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 600);
  cairo_surface_t *target = target_sub ? cairo_surface_create_for_rectangle (surface, 0, 0, 900, 600)
                                       : cairo_surface_reference (surface);
  cairo_t *cr = cairo_create (target);
  g_autoptr(GError) error = NULL;
  EkvSankeyDrawOptions options;

  cairo_set_source_rgb (cr, 0, 0, 1);   /* the drawing's background replaces it */
  cairo_paint (cr);
  ekv_sankey_draw_options_init (&options);
  options.fast = TRUE;
  options.text_cache = cache;
  options.labels = boxes;
  g_assert_true (ekv_sankey_draw (cr, graph, 900, 600, &options, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_destroy (target);
  cairo_surface_flush (surface);
  return surface;
}

/* The largest difference of one colour channel between two images. */
static int
max_difference (cairo_surface_t *a,
                cairo_surface_t *b)
{
  unsigned char *pa = cairo_image_surface_get_data (a);
  unsigned char *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  int most = 0;

  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a) * 4; x++)
      most = MAX (most, abs (pa[y * stride + x] - pb[y * stride + x]));
  return most;
}

/* How many pixels of two images differ by more than BY in a colour channel. */
static guint
count_different (cairo_surface_t *a,
                 cairo_surface_t *b,
                 int              by)
{
  unsigned char *pa = cairo_image_surface_get_data (a);
  unsigned char *pb = cairo_image_surface_get_data (b);
  int stride = cairo_image_surface_get_stride (a);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      {
        gboolean different = FALSE;

        for (int c = 0; c < 4; c++)
          different |= abs (pa[y * stride + 4 * x + c] - pb[y * stride + 4 * x + c]) > by;
        n += different;
      }
  return n;
}

/* On screen the pixels are made in strips by two threads, the labels' text
 * drawn there as glyphs, and labels are kept between drawings: the picture is
 * the one drawn in one go, and a label whose value changed is shaped again. */
/* The sample audit's water view. */
static EkvSankeyGraph *
sample_water (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("EKV_SOURCE_ROOT"), "resources", "samples",
                                            "ege-orme-boya.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_json_import_file (file, NULL, NULL, &error);
  EkvSankeyGraph *graph;

  g_assert_no_error (error);
  graph = ekv_sankey_graph_from_audit (doc, EKV_SANKEY_VIEW_WATER, EKV_SANKEY_SCENARIO_BASELINE, &error);
  g_assert_no_error (error);
  return graph;
}

static void
test_screen_paths (void)
{
  g_autoptr(EkvSankeyGraph) graph = sample_water ();
  g_autoptr(EkvSankeyTextCache) cache = ekv_sankey_text_cache_new ();
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (EkvSankeyLabelBox));
  g_autoptr(GArray) cached_boxes = g_array_new (FALSE, FALSE, sizeof (EkvSankeyLabelBox));
  cairo_surface_t *one, *threaded, *cached, *again;

  one = draw_screen (graph, NULL, TRUE, boxes);
  threaded = draw_screen (graph, NULL, FALSE, NULL);
  g_assert_cmpuint (count_ink (one, 0, 0, 900, 600, TRUE), >, 900 * 600 / 10);
  /* The same picture: the bands to the rounding of an image laid on the
   * target, the text in the same places; its halo is a little fuller, as the
   * copies are added up in one mask there (text a pixel off would differ by
   * far more, at hundreds of pixels). */
  g_test_message ("max %d, >32: %u", max_difference (one, threaded), count_different (one, threaded, 32));
  g_assert_cmpint (max_difference (one, threaded), <=, 64);
  g_assert_cmpuint (count_different (one, threaded, 32), <=, 100);

  /* twice with a cache: the second drawing reuses the labels, same picture */
  cached = draw_screen (graph, cache, FALSE, NULL);
  again = draw_screen (graph, cache, FALSE, cached_boxes);
  g_assert_cmpint (max_difference (threaded, cached), ==, 0);
  g_assert_cmpint (max_difference (cached, again), ==, 0);
  g_assert_cmpuint (cached_boxes->len, ==, boxes->len);
  for (guint i = 0; i < boxes->len; i++)
    {
      const EkvSankeyLabelBox *a = &g_array_index (boxes, EkvSankeyLabelBox, i);
      const EkvSankeyLabelBox *b = &g_array_index (cached_boxes, EkvSankeyLabelBox, i);

      g_assert_cmpuint (a->node, ==, b->node);
      g_assert_cmpfloat_with_epsilon (a->x0, b->x0, 1e-9);
      g_assert_cmpfloat_with_epsilon (a->x1, b->x1, 1e-9);
      g_assert_cmpfloat_with_epsilon (a->y1, b->y1, 1e-9);
    }

  /* values change (an edit): the cache gives what drawing afresh gives */
  for (guint l = 0; l < graph->links->len; l += 2)
    g_array_index (graph->links, EkvSankeyLink, l).value *= 100;
  {
    g_autoptr(GArray) fresh_boxes = g_array_new (FALSE, FALSE, sizeof (EkvSankeyLabelBox));
    cairo_surface_t *changed = draw_screen (graph, cache, FALSE, cached_boxes);
    cairo_surface_t *fresh = draw_screen (graph, NULL, FALSE, fresh_boxes);

    g_assert_cmpint (max_difference (again, changed), >, 50);
    g_assert_cmpint (max_difference (fresh, changed), ==, 0);
    g_assert_cmpuint (cached_boxes->len, ==, fresh_boxes->len);
    for (guint i = 0; i < fresh_boxes->len; i++)
      {
        const EkvSankeyLabelBox *x = &g_array_index (fresh_boxes, EkvSankeyLabelBox, i);
        const EkvSankeyLabelBox *y = &g_array_index (cached_boxes, EkvSankeyLabelBox, i);

        g_assert_cmpuint (x->node, ==, y->node);
        g_assert_cmpfloat_with_epsilon (x->x0, y->x0, 1e-9);
        g_assert_cmpfloat_with_epsilon (x->x1, y->x1, 1e-9);
      }
    cairo_surface_destroy (changed);
    cairo_surface_destroy (fresh);
  }

  cairo_surface_destroy (one);
  cairo_surface_destroy (threaded);
  cairo_surface_destroy (cached);
  cairo_surface_destroy (again);
}

/* The sample's water view for the screen as a HiDPI window draws it: scale 2
 * (into an image with a device offset, or recorded and then laid on it),
 * zoomed to 0.9 and moved by a fraction of a pixel; in two threads, or, when
 * the drawing leaves the (white) background as it is, in one. */
static cairo_surface_t *
draw_transformed (EkvSankeyGraph *graph,
                  gboolean        threads,
                  gboolean        recorded)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1800, 1200);
  cairo_rectangle_t area = { 0, 0, 900, 600 };
  cairo_surface_t *target;
  cairo_t *cr;
  g_autoptr(GError) error = NULL;
  EkvSankeyDrawOptions options;

  cairo_surface_set_device_scale (image, 2, 2);
  cairo_surface_set_device_offset (image, 31, -41);
  target = recorded ? cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &area)
                    : cairo_surface_reference (image);
  cr = cairo_create (target);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, 13.25, 7.5);
  cairo_scale (cr, 0.9, 0.9);
  ekv_sankey_draw_options_init (&options);
  options.fast = TRUE;
  options.fill_background = threads;
  options.pixel_scale = 2;
  g_assert_true (ekv_sankey_draw (cr, graph, 900, 600, &options, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  if (recorded)
    {
      cr = cairo_create (image);
      cairo_set_source_surface (cr, target, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (target);
  cairo_surface_flush (image);
  return image;
}

static void
test_screen_transformed (void)
{
  g_autoptr(EkvSankeyGraph) graph = sample_water ();
  for (int recorded = 0; recorded <= 1; recorded++)
    {
      cairo_surface_t *one = draw_transformed (graph, FALSE, recorded);
      cairo_surface_t *threaded = draw_transformed (graph, TRUE, recorded);

      g_test_message ("%s: max %d, >32: %u, ink %u", recorded ? "recorded" : "image",
                      max_difference (one, threaded), count_different (one, threaded, 32),
                      count_ink (one, 0, 0, 1800, 1200, TRUE));
      /* as in /ekv/sankey-draw/screen-paths: the same picture but for a
       * fuller halo (at four times the pixels) */
      g_assert_cmpuint (count_ink (one, 0, 0, 1800, 1200, TRUE), >, 1800 * 1200 / 10);
      g_assert_cmpint (max_difference (one, threaded), <=, 64);
      g_assert_cmpuint (count_different (one, threaded, 32), <=, 400);
      cairo_surface_destroy (one);
      cairo_surface_destroy (threaded);
    }
}

/* A label with a character no font has: Pango draws a box for it, which the
 * screen's glyphs cannot; that line is drawn by Pango there too. */
static void
test_screen_missing_glyph (void)
{
  g_autoptr(EkvSankeyGraph) graph = small_graph ();
  cairo_surface_t *one, *threaded;

  g_free (g_array_index (graph->nodes, EkvSankeyNode, 2).name);
  g_array_index (graph->nodes, EkvSankeyNode, 2).name = g_strdup ("Dyeing \U0010FFFD\U0010FFFD\U0010FFFD");
  one = draw_screen (graph, NULL, TRUE, NULL);
  threaded = draw_screen (graph, NULL, FALSE, NULL);
  g_test_message ("max %d, >32: %u", max_difference (one, threaded), count_different (one, threaded, 32));
  g_assert_cmpint (max_difference (one, threaded), <=, 64);
  g_assert_cmpuint (count_different (one, threaded, 32), <=, 20);
  cairo_surface_destroy (one);
  cairo_surface_destroy (threaded);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/sankey-draw/draw", test_draw);
  g_test_add_func ("/ekv/sankey-draw/hit", test_hit);
  g_test_add_func ("/ekv/sankey-draw/files", test_files);
  g_test_add_func ("/ekv/sankey-draw/failed-write", test_failed_write);
  g_test_add_func ("/ekv/sankey-draw/fixed-scale", test_fixed_scale);
  g_test_add_func ("/ekv/sankey-draw/fit-scale", test_fit_scale);
  g_test_add_func ("/ekv/sankey-draw/locale", test_locale);
  g_test_add_func ("/ekv/sankey-draw/crowded", test_crowded);
  g_test_add_func ("/ekv/sankey-draw/labels", test_labels);
  g_test_add_func ("/ekv/sankey-draw/screen-paths", test_screen_paths);
  g_test_add_func ("/ekv/sankey-draw/screen-transformed", test_screen_transformed);
  g_test_add_func ("/ekv/sankey-draw/screen-missing-glyph", test_screen_missing_glyph);

  return g_test_run ();
}
