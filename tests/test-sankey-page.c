/* test-sankey-page.c: the Sankey page on the sample, driven through its widgets
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ekv-inventory-page.h"
#include "ekv-sankey-page.h"
#include "ekv-test-gui.h"
#include "ekv-window.h"

typedef struct
{
  EkvApplication *app;
  char           *dir;
  EkvWindow      *window;
  EkvDocument    *document;
  EkvSankeyPage  *page;
  EkvSankeyChart *chart;
} Fixture;

/* Runs the main loop until the chart has been drawn (up to 5 s). */
static gboolean
drawn (gpointer data)
{
  Fixture *fixture = data;
  double x, y;

  return ekv_sankey_chart_get_link_point (fixture->chart, 0, &x, &y);
}

static void
wait_for_drawing (Fixture *fixture)
{
  ekv_test_wait_until (drawn, fixture, 5000);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *page;

  ekv_test_open_sample ("ekv-sankey-page", TRUE, &fixture->app, &fixture->dir, &fixture->window);
  fixture->document = ekv_window_get_document (fixture->window);
  page = ekv_window_show_page (fixture->window, "sankey");
  g_assert_true (EKV_IS_SANKEY_PAGE (page));
  fixture->page = EKV_SANKEY_PAGE (page);
  fixture->chart = ekv_sankey_page_get_chart (fixture->page);
  ekv_test_spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ekv_test_close_sample (&fixture->app, &fixture->dir, &fixture->window);
}

/* The index of FLOW_ID's band in the chart's graph, or -1. */
static int
find_link (EkvSankeyGraph *graph,
           const char     *flow_id)
{
  for (guint i = 0; i < graph->links->len; i++)
    if (g_strcmp0 (g_array_index (graph->links, EkvSankeyLink, i).flow_id, flow_id) == 0)
      return i;
  return -1;
}

/* The biggest band of an inventoried flow whose middle is not covered by
 * another band, and that point in widget coordinates. */
static int
pick_link (Fixture *fixture,
           double  *x,
           double  *y)
{
  EkvSankeyGraph *graph = ekv_sankey_chart_get_graph (fixture->chart);
  int best = -1;
  double best_value = 0;

  for (guint i = 0; i < graph->links->len; i++)
    {
      const EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, i);
      double px, py;
      guint under = 0;

      if (link->flow_id == NULL || link->value <= best_value ||
          !ekv_sankey_chart_get_link_point (fixture->chart, i, &px, &py))
        continue;
      /* The zoom is 1 and the pan 0: widget and drawing coordinates agree. */
      if (ekv_sankey_hit (graph, px, py, &under) != EKV_SANKEY_HIT_LINK || under != i)
        continue;
      best = i;
      best_value = link->value;
      *x = px;
      *y = py;
    }

  g_assert_cmpint (best, >=, 0);
  return best;
}

/* The views switch, and each draws its own quantity. */
static void
test_views (Fixture       *fixture,
            gconstpointer  data)
{
  EkvSankeyGraph *graph;

  g_assert_cmpint (ekv_sankey_page_get_view (fixture->page), ==, EKV_SANKEY_VIEW_MATERIAL);
  graph = ekv_sankey_chart_get_graph (fixture->chart);
  g_assert_nonnull (graph);
  g_assert_cmpuint (graph->links->len, >, 10);
  g_assert_null (ekv_sankey_page_get_message (fixture->page));

  ekv_sankey_page_set_view (fixture->page, EKV_SANKEY_VIEW_WATER);
  ekv_test_spin ();
  graph = ekv_sankey_chart_get_graph (fixture->chart);
  g_assert_nonnull (graph);
  g_assert_nonnull (strstr (graph->unit, "m³"));

  ekv_sankey_page_set_view (fixture->page, EKV_SANKEY_VIEW_ENERGY);
  ekv_test_spin ();
  g_assert_nonnull (ekv_sankey_chart_get_graph (fixture->chart));
}

/* Editing a flow in the inventory changes its band at once. */
static void
test_follows_edits (Fixture       *fixture,
                    gconstpointer  data)
{
  EkvRecord *flow;
  EkvSankeyGraph *graph;
  double before, quantity;
  int link;

  ekv_sankey_page_set_view (fixture->page, EKV_SANKEY_VIEW_WATER);
  ekv_test_spin ();
  graph = ekv_sankey_chart_get_graph (fixture->chart);

  /* The biggest band of a flow. */
  link = -1;
  for (guint i = 0; i < graph->links->len; i++)
    {
      const EkvSankeyLink *l = &g_array_index (graph->links, EkvSankeyLink, i);

      if (l->flow_id != NULL &&
          (link < 0 || l->value > g_array_index (graph->links, EkvSankeyLink, link).value))
        link = i;
    }
  g_assert_cmpint (link, >=, 0);
  flow = ekv_document_find (fixture->document, EKV_ENTITY_FLOW,
                            g_array_index (graph->links, EkvSankeyLink, link).flow_id);
  g_assert_nonnull (flow);
  before = g_array_index (graph->links, EkvSankeyLink, link).value;
  quantity = ekv_record_get_double (flow, EKV_FLOW_QUANTITY);

  g_object_set (flow, "quantity", quantity / 2, NULL);
  ekv_test_spin ();

  graph = ekv_sankey_chart_get_graph (fixture->chart);
  link = find_link (graph, ekv_record_get_string (flow, EKV_FLOW_ID));
  g_assert_cmpint (link, >=, 0);
  g_assert_cmpfloat_with_epsilon (g_array_index (graph->links, EkvSankeyLink, link).value,
                                  before / 2, before * 1e-9);
}

/* Hovering a band tells its flow, quantity, share and data quality. */
static void
test_tooltip (Fixture       *fixture,
              gconstpointer  data)
{
  EkvSankeyGraph *graph;
  const EkvSankeyLink *link;
  EkvRecord *flow;
  g_autofree char *text = NULL;
  double x = 0, y = 0;
  int index;

  ekv_sankey_page_set_view (fixture->page, EKV_SANKEY_VIEW_WATER);
  ekv_test_spin ();
  wait_for_drawing (fixture);
  index = pick_link (fixture, &x, &y);
  graph = ekv_sankey_chart_get_graph (fixture->chart);
  link = &g_array_index (graph->links, EkvSankeyLink, index);
  flow = ekv_document_find (fixture->document, EKV_ENTITY_FLOW, link->flow_id);

  text = ekv_sankey_chart_describe_at (fixture->chart, x, y);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, ekv_record_get_string (flow, EKV_FLOW_NAME)));
  g_assert_nonnull (strstr (text, "m³/year"));
  g_assert_nonnull (strstr (text, "Data quality: "));
  g_assert_nonnull (strstr (text, "%"));

  /* Nothing is said over the empty corner. */
  g_assert_null (ekv_sankey_chart_describe_at (fixture->chart, 1, gtk_widget_get_height (GTK_WIDGET (fixture->chart)) - 1));
}

/* Clicking a band opens its flow in the inventory. */
static void
test_click_opens_flow (Fixture       *fixture,
                       gconstpointer  data)
{
  EkvSankeyGraph *graph;
  EkvRecord *flow, *unit;
  GtkWidget *inventory;
  double x = 0, y = 0;
  int index;

  ekv_sankey_page_set_view (fixture->page, EKV_SANKEY_VIEW_WATER);
  ekv_test_spin ();
  wait_for_drawing (fixture);
  index = pick_link (fixture, &x, &y);
  graph = ekv_sankey_chart_get_graph (fixture->chart);
  flow = ekv_document_find (fixture->document, EKV_ENTITY_FLOW,
                            g_array_index (graph->links, EkvSankeyLink, index).flow_id);
  g_assert_nonnull (flow);

  g_assert_true (ekv_sankey_chart_activate_at (fixture->chart, x, y));
  ekv_test_spin ();

  inventory = ekv_window_show_page (fixture->window, "inventory");
  unit = ekv_inventory_page_get_unit (EKV_INVENTORY_PAGE (inventory));
  g_assert_nonnull (unit);
  g_assert_true (g_strcmp0 (ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID),
                            ekv_record_get_string (flow, EKV_FLOW_TO)) == 0 ||
                 g_strcmp0 (ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID),
                            ekv_record_get_string (flow, EKV_FLOW_FROM)) == 0);
}

static gboolean
file_starts_with (const char *path,
                  const char *magic)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return length > strlen (magic) && memcmp (contents, magic, strlen (magic)) == 0;
}

/* Export and print write real files. */
static void
test_export_print (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *png = g_build_filename (fixture->dir, "water.png", NULL);
  g_autofree char *pdf = g_build_filename (fixture->dir, "water.pdf", NULL);
  g_autofree char *printed = g_build_filename (fixture->dir, "printed.pdf", NULL);
  g_autoptr(GError) error = NULL;

  ekv_sankey_page_set_view (fixture->page, EKV_SANKEY_VIEW_WATER);
  ekv_test_spin ();

  g_assert_true (ekv_sankey_page_export (fixture->page, EKV_CHART_FORMAT_PNG, png, &error));
  g_assert_no_error (error);
  g_assert_true (file_starts_with (png, "\x89PNG"));

  g_assert_true (ekv_sankey_page_export (fixture->page, EKV_CHART_FORMAT_PDF, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (file_starts_with (pdf, "%PDF"));

  g_assert_true (ekv_sankey_page_print_to_file (fixture->page, printed, &error));
  g_assert_no_error (error);
  g_assert_true (file_starts_with (printed, "%PDF"));
}

/* A scenario that cannot be drawn says why instead of drawing nothing. */
static void
test_after_scenario (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *dropdown = ekv_test_find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_DROP_DOWN);

  g_assert_nonnull (dropdown);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
  ekv_test_spin ();
  if (ekv_sankey_chart_get_graph (fixture->chart) == NULL)
    g_assert_nonnull (ekv_sankey_page_get_message (fixture->page));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  ekv_test_spin ();
  g_assert_nonnull (ekv_sankey_chart_get_graph (fixture->chart));
  g_assert_null (ekv_sankey_page_get_message (fixture->page));
}

int
main (int   argc,
      char *argv[])
{
  if (!ekv_test_gui_init (&argc, &argv))
    return 0;

#define ADD(name, fn) \
  g_test_add ("/ekv/sankey-page/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("views", test_views);
  ADD ("follows-edits", test_follows_edits);
  ADD ("tooltip", test_tooltip);
  ADD ("click-opens-flow", test_click_opens_flow);
  ADD ("export-print", test_export_print);
  ADD ("after-scenario", test_after_scenario);
#undef ADD

  return g_test_run ();
}
