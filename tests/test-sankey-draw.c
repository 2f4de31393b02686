/* test-sankey-draw.c: Sankey charts drawn with Cairo, hit tests, files
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "ekv-sankey-draw.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/sankey-draw/draw", test_draw);

  return g_test_run ();
}
