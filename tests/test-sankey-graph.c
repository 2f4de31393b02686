/* test-sankey-graph.c: audits as Sankey graphs, per view
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Small audits whose graphs are worked out by hand in the comments, and the
 * bundled sample in every view.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <gio/gio.h>

#include "ekv-json-import.h"
#include "ekv-sankey-graph.h"
#include "ekv-types.h"

#define HEAD "{\"format\": \"ekoverim-audit\", \"version\": 1, "

static EkvDocument *
import (const char *json)
{
  g_autoptr(GError) error = NULL;
  EkvDocument *doc = ekv_json_import_data (json, -1, "test", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static EkvSankeyGraph *
graph_of (EkvDocument   *doc,
          EkvSankeyView  view)
{
  g_autoptr(GError) error = NULL;
  EkvSankeyGraph *graph = ekv_sankey_graph_from_audit (doc, view, EKV_SANKEY_SCENARIO_BASELINE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graph);
  return graph;
}

/* The node called NAME; "Unaccounted" is a source node (a gap where outputs
 * exceed inputs) and a sink (inputs exceed outputs): AS_SOURCE picks one. */
static int
find_node_as (EkvSankeyGraph *graph,
              const char     *name,
              gboolean        as_source)
{
  int found = -1;

  for (guint i = 0; i < graph->nodes->len; i++)
    if (strcmp (g_array_index (graph->nodes, EkvSankeyNode, i).name, name) == 0
        && (strcmp (name, "Unaccounted") != 0
            || as_source == (g_array_index (graph->nodes, EkvSankeyNode, i).kind == EKV_SANKEY_NODE_SOURCE)))
      {
        g_assert_cmpint (found, ==, -1);   /* grouped: one node per name */
        found = i;
      }
  if (found < 0)
    g_error ("no node “%s”", name);
  return found;
}

static int
find_node (EkvSankeyGraph *graph,
           const char     *name)
{
  return find_node_as (graph, name, FALSE);
}

static gboolean
has_node (EkvSankeyGraph *graph,
          const char     *name)
{
  for (guint i = 0; i < graph->nodes->len; i++)
    if (strcmp (g_array_index (graph->nodes, EkvSankeyNode, i).name, name) == 0)
      return TRUE;
  return FALSE;
}

static EkvSankeyNode *
node (EkvSankeyGraph *graph,
      const char     *name)
{
  return ekv_sankey_graph_get_node (graph, find_node (graph, name));
}

/* The one link from SOURCE to TARGET (node names). */
static EkvSankeyLink *
link_between (EkvSankeyGraph *graph,
              const char     *source,
              const char     *target)
{
  EkvSankeyLink *found = NULL;

  /* By names: a unit's losses have a node of their own, named like the others. */
  for (guint i = 0; i < graph->links->len; i++)
    {
      EkvSankeyLink *link = ekv_sankey_graph_get_link (graph, i);
      EkvSankeyNode *s = ekv_sankey_graph_get_node (graph, link->source);
      EkvSankeyNode *t = ekv_sankey_graph_get_node (graph, link->target);

      if (strcmp (s->name, source) == 0 && strcmp (t->name, target) == 0
          && (strcmp (source, "Unaccounted") != 0 || s->kind == EKV_SANKEY_NODE_SOURCE)
          && (strcmp (target, "Unaccounted") != 0 || t->kind != EKV_SANKEY_NODE_SOURCE))
        {
          g_assert_null (found);
          found = link;
        }
    }
  if (found == NULL)
    g_error ("no link %s → %s", source, target);
  return found;
}

static double
sum_between (EkvSankeyGraph *graph,
             const char     *source,
             const char     *target)
{
  guint s = find_node_as (graph, source, TRUE), t = find_node_as (graph, target, FALSE);
  double sum = 0;

  for (guint i = 0; i < graph->links->len; i++)
    {
      EkvSankeyLink *link = ekv_sankey_graph_get_link (graph, i);

      if (link->source == s && link->target == t)
        sum += link->value;
    }
  return sum;
}

static void
assert_close (double value,
              double expected)
{
  if (!(fabs (value - expected) <= 1e-9 * MAX (fabs (expected), 1)))
    g_error ("%.17g, expected %.17g", value, expected);
}

/* Every process node's drawn inputs equal its outputs (the unaccounted link
 * closes every gap). */
static void
assert_units_close (EkvSankeyGraph *graph)
{
  for (guint n = 0; n < graph->nodes->len; n++)
    {
      double in = 0, out = 0;

      if (g_array_index (graph->nodes, EkvSankeyNode, n).kind != EKV_SANKEY_NODE_PROCESS)
        continue;
      for (guint i = 0; i < graph->links->len; i++)
        {
          EkvSankeyLink *link = ekv_sankey_graph_get_link (graph, i);

          g_assert_true (isfinite (link->value) && link->value > 0);
          if (link->source == n)
            out += link->value;
          if (link->target == n)
            in += link->value;
        }
      assert_close (in, out);
    }
}

/* Materials: u1 mixes cotton (10 t) and dye (500 kg a month = 6 t) into 15 t
 * (1 t gap); u2 adds dye (100 kg) and makes 14 t product and 1 t scrap (0.1 t gap). */
static const char material_audit[] = HEAD
  "\"company\": {\"name\": \"Test Tekstil\"},"
  "\"units\": [{\"id\": \"u1\", \"name\": \"Mixing\"}, {\"id\": \"u2\", \"name\": \"Packing\"}],"
  "\"flows\": ["
  " {\"id\": \"f1\", \"name\": \"Cotton\", \"kind\": \"raw_material\", \"from\": null, \"to\": \"u1\","
  "  \"quantity\": 10, \"unit\": \"t\", \"quality\": \"invoice\"},"
  " {\"id\": \"f2\", \"name\": \"Dye\", \"kind\": \"auxiliary\", \"from\": null, \"to\": \"u1\","
  "  \"quantity\": 500, \"unit\": \"kg\", \"period\": \"month\"},"
  " {\"id\": \"f3\", \"name\": \"Dye\", \"kind\": \"auxiliary\", \"from\": null, \"to\": \"u2\","
  "  \"quantity\": 100, \"unit\": \"kg\"},"
  " {\"id\": \"f4\", \"name\": \"Mix\", \"kind\": \"intermediate\", \"from\": \"u1\", \"to\": \"u2\","
  "  \"quantity\": 15000, \"unit\": \"kg\", \"quality\": \"measured\"},"
  " {\"id\": \"f5\", \"name\": \"Fabric\", \"kind\": \"product\", \"from\": \"u2\", \"to\": null,"
  "  \"quantity\": 14, \"unit\": \"t\"},"
  " {\"id\": \"f6\", \"name\": \"Scrap\", \"kind\": \"solid_waste\", \"from\": \"u2\", \"to\": null,"
  "  \"quantity\": 1000, \"unit\": \"kg\"},"
  " {\"id\": \"f7\", \"name\": \"Electricity\", \"kind\": \"energy\", \"carrier\": \"electricity\","
  "  \"from\": null, \"to\": \"u1\", \"quantity\": 5000, \"unit\": \"kWh\"}"
  "]}";

static void
test_material (void)
{
  g_autoptr(EkvDocument) doc = import (material_audit);
  g_autoptr(EkvSankeyGraph) graph = graph_of (doc, EKV_SANKEY_VIEW_MATERIAL);
  EkvSankeyLink *link;

  /* 16 000 kg through the largest node: shown in tonnes. */
  g_assert_cmpstr (graph->unit, ==, "t/year");
  g_assert_nonnull (strstr (graph->title, "Material"));
  g_assert_nonnull (strstr (graph->title, "Test Tekstil"));

  /* Cotton, Dye (both dye flows grouped), Mixing, Packing, Products, Solid waste,
   * Unaccounted; no electricity in a mass view. */
  g_assert_cmpuint (graph->nodes->len, ==, 7);
  g_assert_false (has_node (graph, "Electricity"));
  g_assert_cmpint (node (graph, "Cotton")->kind, ==, EKV_SANKEY_NODE_SOURCE);
  g_assert_cmpint (node (graph, "Mixing")->kind, ==, EKV_SANKEY_NODE_PROCESS);
  g_assert_cmpstr (node (graph, "Mixing")->id, ==, "u1");
  g_assert_cmpint (node (graph, "Products")->kind, ==, EKV_SANKEY_NODE_PRODUCT);
  g_assert_cmpint (node (graph, "Solid waste")->kind, ==, EKV_SANKEY_NODE_WASTE);
  g_assert_cmpint (node (graph, "Unaccounted")->kind, ==, EKV_SANKEY_NODE_LOSS);

  link = link_between (graph, "Cotton", "Mixing");
  assert_close (link->value, 10);
  g_assert_cmpstr (link->flow_id, ==, "f1");
  g_assert_cmpint (link->flow_kind, ==, EKV_FLOW_KIND_RAW_MATERIAL);
  g_assert_cmpuint (link->quality, ==, EKV_DATA_QUALITY_INVOICE);
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_MATERIAL);
  assert_close (link_between (graph, "Dye", "Mixing")->value, 6);      /* 500 kg × 12 */
  assert_close (link_between (graph, "Dye", "Packing")->value, 0.1);
  link = link_between (graph, "Mixing", "Packing");
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_INTERMEDIATE);
  g_assert_cmpuint (link->quality, ==, EKV_DATA_QUALITY_MEASURED);
  g_assert_cmpint (link_between (graph, "Packing", "Products")->band, ==, EKV_SANKEY_BAND_PRODUCT);
  g_assert_cmpint (link_between (graph, "Packing", "Solid waste")->band, ==, EKV_SANKEY_BAND_WASTE);

  /* The gaps: 16 − 15 = 1 t at Mixing, 15.1 − 15 = 0.1 t at Packing. */
  link = link_between (graph, "Mixing", "Unaccounted");
  assert_close (link->value, 1);
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_UNACCOUNTED);
  g_assert_null (link->flow_id);
  g_assert_cmpint (link->flow_kind, ==, -1);
  assert_close (link_between (graph, "Packing", "Unaccounted")->value, 0.1);
  assert_units_close (graph);

  /* Columns from the process order. */
  g_assert_cmpint (node (graph, "Cotton")->column_hint, ==, 0);
  g_assert_cmpint (node (graph, "Mixing")->column_hint, ==, 1);
  g_assert_cmpint (node (graph, "Packing")->column_hint, ==, 2);
  g_assert_cmpint (node (graph, "Products")->column_hint, ==, 3);
  g_assert_cmpint (node (graph, "Unaccounted")->column_hint, ==, 3);
}

/* Water: softening (u1, listed last) feeds dyeing (u0, listed first) and gets
 * 50 m³ rinse water back; dyeing gives off more than it gets. */
static const char water_audit[] = HEAD
  "\"company\": {\"name\": \"Test Boya\", \"days_per_year\": 300},"
  "\"units\": [{\"id\": \"u0\", \"name\": \"Dyeing\"}, {\"id\": \"u1\", \"name\": \"Softening\"}],"
  "\"flows\": ["
  " {\"id\": \"w1\", \"name\": \"Mains water\", \"kind\": \"water\", \"from\": null, \"to\": \"u1\","
  "  \"quantity\": 1000, \"unit\": \"m3\"},"
  " {\"id\": \"w2\", \"name\": \"Well water\", \"kind\": \"water\", \"from\": null, \"to\": \"u1\","
  "  \"quantity\": 1000, \"unit\": \"L\", \"period\": \"day\"},"
  " {\"id\": \"w3\", \"name\": \"Soft water\", \"kind\": \"water\", \"from\": \"u1\", \"to\": \"u0\","
  "  \"quantity\": 1400, \"unit\": \"m3\"},"
  " {\"id\": \"w4\", \"name\": \"Brine\", \"kind\": \"wastewater\", \"from\": \"u1\", \"to\": null,"
  "  \"quantity\": 100, \"unit\": \"m3\"},"
  " {\"id\": \"w5\", \"name\": \"Steam\", \"kind\": \"evaporation\", \"from\": \"u0\", \"to\": null,"
  "  \"quantity\": 200, \"unit\": \"t\"},"
  " {\"id\": \"w6\", \"name\": \"Dye bath\", \"kind\": \"wastewater\", \"from\": \"u0\", \"to\": null,"
  "  \"quantity\": 1100, \"unit\": \"m3\"},"
  " {\"id\": \"w7\", \"name\": \"Rinse reuse\", \"kind\": \"recycle\", \"from\": \"u0\", \"to\": \"u1\","
  "  \"quantity\": 50, \"unit\": \"m3\"},"
  " {\"id\": \"m1\", \"name\": \"Salt\", \"kind\": \"auxiliary\", \"from\": null, \"to\": \"u1\","
  "  \"quantity\": 5, \"unit\": \"t\"}"
  "]}";

static void
test_water (void)
{
  g_autoptr(EkvDocument) doc = import (water_audit);
  g_autoptr(EkvSankeyGraph) graph = graph_of (doc, EKV_SANKEY_VIEW_WATER);
  EkvSankeyLink *link;

  g_assert_cmpstr (graph->unit, ==, "m³/year");
  g_assert_false (has_node (graph, "Salt"));
  assert_close (link_between (graph, "Mains water", "Softening")->value, 1000);
  /* 1000 L a day × 300 days */
  assert_close (link_between (graph, "Well water", "Softening")->value, 300);
  g_assert_cmpint (link_between (graph, "Mains water", "Softening")->band, ==, EKV_SANKEY_BAND_WATER);
  /* 200 t of steam is 200 m³ of water */
  link = link_between (graph, "Dyeing", "Evaporation");
  assert_close (link->value, 200);
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_EMISSION);
  /* Both wastewater flows end in one sink. */
  assert_close (sum_between (graph, "Dyeing", "Wastewater"), 1100);
  assert_close (sum_between (graph, "Softening", "Wastewater"), 100);
  link = link_between (graph, "Dyeing", "Softening");
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_RECYCLE);
  assert_close (link->value, 50);

  /* Softening: 1000 + 300 + 50 in, 1400 + 100 out: 150 m³ over, from “Unaccounted”.
   * Dyeing: 1400 in, 200 + 1100 + 50 out: 50 m³ short, into “Unaccounted”. */
  link = link_between (graph, "Unaccounted", "Softening");
  assert_close (link->value, 150);
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_UNACCOUNTED);
  g_assert_cmpint (ekv_sankey_graph_get_node (graph, find_node_as (graph, "Unaccounted", TRUE))->kind, ==,
                   EKV_SANKEY_NODE_SOURCE);
  g_assert_cmpint (node (graph, "Unaccounted")->kind, ==, EKV_SANKEY_NODE_LOSS);
  assert_close (link_between (graph, "Dyeing", "Unaccounted")->value, 50);
  assert_units_close (graph);

  /* Softening is listed after dyeing but feeds it: it stays left of it, and the
   * rinse reuse is the only flow going back. */
  g_assert_cmpint (node (graph, "Softening")->column_hint, <, node (graph, "Dyeing")->column_hint);
}

static const char energy_audit[] = HEAD
  "\"company\": {\"name\": \"Test Enerji\"},"
  "\"units\": [{\"id\": \"b\", \"name\": \"Boiler\"}, {\"id\": \"d\", \"name\": \"Dryer\"}],"
  "\"flows\": ["
  " {\"id\": \"e1\", \"name\": \"Gas to the boiler\", \"kind\": \"energy\", \"carrier\": \"natural_gas\","
  "  \"from\": null, \"to\": \"b\", \"quantity\": 1000, \"unit\": \"MWh\", \"quality\": \"metered\"},"
  " {\"id\": \"e2\", \"name\": \"Gas to the dryer\", \"kind\": \"energy\", \"carrier\": \"natural_gas\","
  "  \"from\": null, \"to\": \"d\", \"quantity\": 500000, \"unit\": \"kWh\"},"
  " {\"id\": \"e3\", \"name\": \"Steam\", \"kind\": \"energy\", \"carrier\": \"steam\","
  "  \"from\": \"b\", \"to\": \"d\", \"quantity\": 700, \"unit\": \"MWh\"},"
  " {\"id\": \"e4\", \"name\": \"Flue gas\", \"kind\": \"heat_loss\", \"from\": \"b\", \"to\": null,"
  "  \"quantity\": 200, \"unit\": \"MWh\"},"
  " {\"id\": \"e5\", \"name\": \"Exhaust\", \"kind\": \"heat_loss\", \"from\": \"d\", \"to\": null,"
  "  \"quantity\": 3600, \"unit\": \"GJ\"},"
  " {\"id\": \"m1\", \"name\": \"Cloth\", \"kind\": \"raw_material\", \"from\": null, \"to\": \"d\","
  "  \"quantity\": 5, \"unit\": \"t\"}"
  "]}";

static void
test_energy (void)
{
  g_autoptr(EkvDocument) doc = import (energy_audit);
  g_autoptr(EkvSankeyGraph) graph = graph_of (doc, EKV_SANKEY_VIEW_ENERGY);
  EkvSankeyLink *link;
  int gas = find_node (graph, "Natural gas");   /* grouped by carrier */

  g_assert_cmpstr (graph->unit, ==, "MWh/year");
  g_assert_false (has_node (graph, "Cloth"));
  g_assert_cmpint (ekv_sankey_graph_get_node (graph, gas)->kind, ==, EKV_SANKEY_NODE_SOURCE);
  link = link_between (graph, "Natural gas", "Boiler");
  assert_close (link->value, 1000);
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_ENERGY);
  g_assert_cmpuint (link->quality, ==, EKV_DATA_QUALITY_METERED);
  assert_close (link_between (graph, "Natural gas", "Dryer")->value, 500);
  assert_close (link_between (graph, "Boiler", "Dryer")->value, 700);
  link = link_between (graph, "Dryer", "Heat losses");
  assert_close (link->value, 1000);   /* 3600 GJ */
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_LOSS);
  /* Each unit's losses leave where they happen: a node of their own in the
   * column after the unit, not one node at the far right. */
  {
    EkvSankeyNode *losses = ekv_sankey_graph_get_node (graph, link->target);
    EkvSankeyLink *boiler = link_between (graph, "Boiler", "Heat losses");

    g_assert_cmpint (losses->kind, ==, EKV_SANKEY_NODE_LOSS);
    g_assert_cmpuint (boiler->target, !=, link->target);
    g_assert_cmpint (losses->column_hint, ==, node (graph, "Dryer")->column_hint + 1);
    g_assert_cmpint (ekv_sankey_graph_get_node (graph, boiler->target)->column_hint, ==,
                     node (graph, "Boiler")->column_hint + 1);
  }
  /* Boiler 1000 in, 900 out; dryer 1200 in, 1000 out: what a unit does not pass
   * on or lose as inventoried heat it uses, which is not "unaccounted". */
  link = link_between (graph, "Boiler", "Used in the process");
  assert_close (link->value, 100);
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_ENERGY);
  assert_close (link_between (graph, "Dryer", "Used in the process")->value, 200);
  g_assert_false (has_node (graph, "Unaccounted"));
  assert_units_close (graph);
}

static void
test_energy_small_unit (void)
{
  g_autoptr(EkvDocument) doc = import (HEAD "\"company\": {\"name\": \"K\"},"
                                       "\"units\": [{\"id\": \"u\", \"name\": \"U\"}],"
                                       "\"flows\": [{\"id\": \"e\", \"name\": \"Power\", \"kind\": \"energy\","
                                       " \"carrier\": \"electricity\", \"from\": null, \"to\": \"u\","
                                       " \"quantity\": 1200, \"unit\": \"kWh\", \"period\": \"month\"}]}");
  g_autoptr(EkvSankeyGraph) graph = graph_of (doc, EKV_SANKEY_VIEW_ENERGY);

  g_assert_cmpstr (graph->unit, ==, "kWh/year");
  assert_close (link_between (graph, "Electricity", "U")->value, 14400);
  /* Nothing leaves: all of it is used in the unit. */
  assert_close (link_between (graph, "U", "Used in the process")->value, 14400);
}

/* Heat leaving a unit beyond the energy entering it came in with hot streams. */
static void
test_energy_carried_in (void)
{
  g_autoptr(EkvDocument) doc = import (HEAD "\"company\": {\"name\": \"K\"},"
                                       "\"units\": [{\"id\": \"u\", \"name\": \"Wastewater pit\"}],"
                                       "\"flows\": [{\"id\": \"h\", \"name\": \"Warm effluent heat\", \"kind\": \"heat_loss\","
                                       " \"from\": \"u\", \"to\": null, \"quantity\": 500, \"unit\": \"MWh\"}]}");
  g_autoptr(EkvSankeyGraph) graph = graph_of (doc, EKV_SANKEY_VIEW_ENERGY);
  EkvSankeyLink *link = link_between (graph, "Heat carried in by streams", "Wastewater pit");

  assert_close (link->value, 500000);
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_UNACCOUNTED);
  g_assert_false (has_node (graph, "Unaccounted"));
}

static void
test_cost (void)
{
  g_autoptr(EkvDocument) doc = import (HEAD "\"company\": {\"name\": \"Para\"},"
                                       "\"finance\": {\"currency\": \"EUR\"},"
                                       "\"units\": [{\"id\": \"u\", \"name\": \"U\"}, {\"id\": \"v\", \"name\": \"V\"}],"
                                       "\"flows\": ["
                                       " {\"id\": \"a\", \"name\": \"Yarn\", \"kind\": \"raw_material\","
                                       "  \"from\": null, \"to\": \"u\", \"quantity\": 10, \"unit\": \"t\", \"price\": 100},"
                                       " {\"id\": \"b\", \"name\": \"Cloth\", \"kind\": \"intermediate\","
                                       "  \"from\": \"u\", \"to\": \"v\", \"quantity\": 10, \"unit\": \"t\"},"
                                       " {\"id\": \"c\", \"name\": \"Shirts\", \"kind\": \"product\","
                                       "  \"from\": \"v\", \"to\": null, \"quantity\": 9, \"unit\": \"t\", \"price\": 500},"
                                       " {\"id\": \"d\", \"name\": \"Sludge\", \"kind\": \"hazardous_waste\","
                                       "  \"from\": \"v\", \"to\": null, \"quantity\": 2, \"unit\": \"t\", \"price\": 50}"
                                       "]}");
  g_autoptr(EkvSankeyGraph) graph = graph_of (doc, EKV_SANKEY_VIEW_COST);

  g_assert_cmpstr (graph->unit, ==, "EUR/year");
  assert_close (link_between (graph, "Yarn", "U")->value, 1000);
  assert_close (link_between (graph, "V", "Products")->value, 4500);
  assert_close (link_between (graph, "V", "Hazardous waste")->value, 100);
  /* No price, no band; money is not a balance: no unaccounted flow. */
  g_assert_false (has_node (graph, "Unaccounted"));
  g_assert_cmpuint (graph->links->len, ==, 3);
  g_clear_pointer (&graph, ekv_sankey_graph_free);

  /* Large sums in thousands or millions: the sample sells 926 million TRY. */
  {
    g_autofree char *path = g_build_filename (g_getenv ("EKV_SOURCE_ROOT"), "resources", "samples",
                                              "ege-orme-boya.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(EkvDocument) sample = ekv_json_import_file (file, NULL, NULL, NULL);

    graph = graph_of (sample, EKV_SANKEY_VIEW_COST);
    g_assert_cmpstr (graph->unit, ==, "million TRY/year");
    /* 3110 t × 290 000 + 150 t × 160 000 */
    assert_close (sum_between (graph, "Kalite kontrol ve paketleme", "Products"), 925.9);
  }
}

/* Material view: water streams are left out, but the water a unit takes up
 * (wet cloth) or gives off (drying) shows as a net water link, so that only a
 * real gap is unaccounted. */
static void
test_net_water (void)
{
  g_autoptr(EkvDocument) doc = import (HEAD "\"company\": {\"name\": \"Nem\"},"
                                       "\"units\": [{\"id\": \"w\", \"name\": \"Wetting\"}, {\"id\": \"d\", \"name\": \"Drying\"}],"
                                       "\"flows\": ["
                                       " {\"id\": \"a\", \"name\": \"Cloth\", \"kind\": \"raw_material\","
                                       "  \"from\": null, \"to\": \"w\", \"quantity\": 100, \"unit\": \"kg\"},"
                                       " {\"id\": \"b\", \"name\": \"Water\", \"kind\": \"water\","
                                       "  \"from\": null, \"to\": \"w\", \"quantity\": 1, \"unit\": \"m3\"},"
                                       " {\"id\": \"c\", \"name\": \"Drain\", \"kind\": \"wastewater\","
                                       "  \"from\": \"w\", \"to\": null, \"quantity\": 900, \"unit\": \"L\"},"
                                       " {\"id\": \"e\", \"name\": \"Wet cloth\", \"kind\": \"intermediate\","
                                       "  \"from\": \"w\", \"to\": \"d\", \"quantity\": 200, \"unit\": \"kg\"},"
                                       " {\"id\": \"f\", \"name\": \"Vapour\", \"kind\": \"evaporation\","
                                       "  \"from\": \"d\", \"to\": null, \"quantity\": 90, \"unit\": \"kg\"},"
                                       " {\"id\": \"g\", \"name\": \"Dry cloth\", \"kind\": \"product\","
                                       "  \"from\": \"d\", \"to\": null, \"quantity\": 105, \"unit\": \"kg\"}"
                                       "]}");
  g_autoptr(EkvSankeyGraph) graph = graph_of (doc, EKV_SANKEY_VIEW_MATERIAL);
  EkvSankeyLink *link;

  g_assert_cmpstr (graph->unit, ==, "kg/year");
  g_assert_false (has_node (graph, "Water"));
  g_assert_false (has_node (graph, "Evaporation"));
  /* Wetting: 1000 kg water in, 900 kg out: 100 kg taken up; closes exactly. */
  link = link_between (graph, "Water taken up", "Wetting");
  assert_close (link->value, 100);
  g_assert_cmpint (link->band, ==, EKV_SANKEY_BAND_WATER);
  g_assert_null (link->flow_id);
  /* Drying gives off 90 kg; 200 in, 90 + 105 out: 5 kg unaccounted. */
  assert_close (link_between (graph, "Drying", "Water given off")->value, 90);
  assert_close (link_between (graph, "Drying", "Unaccounted")->value, 5);
  g_assert_cmpuint (graph->links->len, ==, 6);
  assert_units_close (graph);
}

/* The after scenario draws the flows with the approved options' changes. */
static const char after_audit[] = HEAD
  "\"company\": {\"name\": \"Test Tekstil\"},"
  "\"units\": [{\"id\": \"u1\", \"name\": \"Rinsing\"}],"
  "\"flows\": ["
  " {\"id\": \"f1\", \"name\": \"Mains water\", \"kind\": \"water\", \"from\": null, \"to\": \"u1\","
  "  \"quantity\": 1000, \"unit\": \"m3\"},"
  " {\"id\": \"f2\", \"name\": \"Rinse water\", \"kind\": \"wastewater\", \"from\": \"u1\", \"to\": null,"
  "  \"quantity\": 1000, \"unit\": \"m3\"}"
  "],"
  "\"options\": ["
  " {\"id\": \"o1\", \"title\": \"Counter-current rinsing\", \"status\": \"approved\","
  "  \"changes\": [{\"flow\": \"f1\", \"delta_pct\": -40}, {\"flow\": \"f2\", \"delta\": -400}]},"
  " {\"id\": \"o2\", \"title\": \"Not decided\", \"status\": \"proposed\","
  "  \"changes\": [{\"flow\": \"f1\", \"delta_pct\": -50}]}"
  "]}";

static void
test_after_scenario (void)
{
  g_autoptr(EkvDocument) doc = import (after_audit);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvSankeyGraph) before = graph_of (doc, EKV_SANKEY_VIEW_WATER);
  g_autoptr(EkvSankeyGraph) after = ekv_sankey_graph_from_audit (doc, EKV_SANKEY_VIEW_WATER,
                                                                  EKV_SANKEY_SCENARIO_AFTER, &error);

  g_assert_no_error (error);
  assert_close (link_between (before, "Mains water", "Rinsing")->value, 1000);
  /* Only the approved option counts: 1000 − 40 %. */
  assert_close (link_between (after, "Mains water", "Rinsing")->value, 600);
  assert_close (link_between (after, "Rinsing", "Wastewater")->value, 600);
  g_assert_nonnull (strstr (after->title, "after"));
}

static void
test_after_and_empty (void)
{
  g_autoptr(EkvDocument) doc = import (material_audit);
  g_autoptr(EkvDocument) blank = import (HEAD "\"company\": {\"name\": \"Bos\"}}");
  g_autoptr(GError) error = NULL;
  EkvSankeyGraph *graph;

  /* Without options, after is the baseline. */
  {
    g_autoptr(EkvSankeyGraph) before = graph_of (doc, EKV_SANKEY_VIEW_MATERIAL);
    g_autoptr(EkvSankeyGraph) after = ekv_sankey_graph_from_audit (doc, EKV_SANKEY_VIEW_MATERIAL,
                                                                    EKV_SANKEY_SCENARIO_AFTER, &error);

    g_assert_no_error (error);
    g_assert_nonnull (after);
    g_assert_cmpuint (after->links->len, ==, before->links->len);
    for (guint i = 0; i < after->links->len; i++)
      assert_close (g_array_index (after->links, EkvSankeyLink, i).value,
                    g_array_index (before->links, EkvSankeyLink, i).value);
  }

  for (EkvSankeyView view = EKV_SANKEY_VIEW_MATERIAL; view <= EKV_SANKEY_VIEW_COST; view++)
    {
      graph = ekv_sankey_graph_from_audit (blank, view, EKV_SANKEY_SCENARIO_BASELINE, &error);
      g_assert_null (graph);
      g_assert_error (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_EMPTY);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
    }

  /* The material audit has no water and no price. */
  graph = ekv_sankey_graph_from_audit (doc, EKV_SANKEY_VIEW_WATER, EKV_SANKEY_SCENARIO_BASELINE, &error);
  g_assert_error (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_EMPTY);
  g_assert_null (graph);
}

static void
test_nicks (void)
{
  EkvSankeyView view;
  EkvSankeyScenario scenario;

  for (EkvSankeyView v = EKV_SANKEY_VIEW_MATERIAL; v <= EKV_SANKEY_VIEW_COST; v++)
    {
      g_assert_true (ekv_sankey_view_from_nick (ekv_sankey_view_to_nick (v), &view));
      g_assert_cmpint (view, ==, v);
      g_assert_cmpstr (ekv_sankey_view_get_label (v), !=, "");
    }
  g_assert_true (ekv_sankey_view_from_nick ("water", &view));
  g_assert_cmpint (view, ==, EKV_SANKEY_VIEW_WATER);
  g_assert_false (ekv_sankey_view_from_nick ("Water", &view));
  g_assert_false (ekv_sankey_view_from_nick ("mass", &view));
  g_assert_false (ekv_sankey_view_from_nick (NULL, &view));
  g_assert_true (ekv_sankey_scenario_from_nick ("after", &scenario));
  g_assert_cmpint (scenario, ==, EKV_SANKEY_SCENARIO_AFTER);
  g_assert_cmpstr (ekv_sankey_scenario_to_nick (EKV_SANKEY_SCENARIO_BASELINE), ==, "baseline");
  g_assert_false (ekv_sankey_scenario_from_nick ("later", &scenario));
}

/* The bundled sample in every view: values finite and positive, every unit
 * closes, the gaps the audit's notes name are there. */
static void
test_sample (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("EKV_SOURCE_ROOT"), "resources", "samples",
                                            "ege-orme-boya.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_json_import_file (file, NULL, NULL, &error);
  g_autoptr(EkvSankeyGraph) water = NULL;
  g_autoptr(EkvSankeyGraph) energy = NULL;

  g_assert_no_error (error);
  for (EkvSankeyView view = EKV_SANKEY_VIEW_MATERIAL; view <= EKV_SANKEY_VIEW_COST; view++)
    {
      g_autoptr(EkvSankeyGraph) graph = graph_of (doc, view);

      g_assert_cmpuint (graph->links->len, >, 5);
      if (view != EKV_SANKEY_VIEW_COST)   /* money is not a balance */
        assert_units_close (graph);
      for (guint i = 0; i < graph->links->len; i++)
        {
          EkvSankeyLink *link = ekv_sankey_graph_get_link (graph, i);

          g_assert_cmpuint (link->source, <, graph->nodes->len);
          g_assert_cmpuint (link->target, <, graph->nodes->len);
          g_assert_cmpint (link->band, <, EKV_SANKEY_N_BANDS);
        }
    }

  /* Rinsing (u4) gives off about 10 500 m³ more water than it is given. */
  water = graph_of (doc, EKV_SANKEY_VIEW_WATER);
  g_assert_cmpstr (water->unit, ==, "m³/year");
  {
    int u4 = -1, unaccounted = find_node_as (water, "Unaccounted", TRUE);

    for (guint i = 0; i < water->nodes->len; i++)
      if (g_strcmp0 (g_array_index (water->nodes, EkvSankeyNode, i).id, "u4") == 0)
        u4 = i;
    g_assert_cmpint (u4, >=, 0);
    for (guint i = 0; i < water->links->len; i++)
      {
        EkvSankeyLink *link = ekv_sankey_graph_get_link (water, i);

        if ((int) link->target == u4 && (int) link->source == unaccounted)
          {
            g_assert_cmpfloat (link->value, >, 9000);
            g_assert_cmpfloat (link->value, <, 12000);
            u4 = -2;
          }
      }
    g_assert_cmpint (u4, ==, -2);
  }

  energy = graph_of (doc, EKV_SANKEY_VIEW_ENERGY);
  g_assert_cmpstr (energy->unit, ==, "MWh/year");
  g_assert_cmpint (node (energy, "Natural gas")->kind, ==, EKV_SANKEY_NODE_SOURCE);
  g_assert_cmpint (node (energy, "Electricity")->kind, ==, EKV_SANKEY_NODE_SOURCE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/sankey-graph/material", test_material);
  g_test_add_func ("/ekv/sankey-graph/water", test_water);
  g_test_add_func ("/ekv/sankey-graph/energy", test_energy);
  g_test_add_func ("/ekv/sankey-graph/energy-small-unit", test_energy_small_unit);
  g_test_add_func ("/ekv/sankey-graph/cost", test_cost);
  g_test_add_func ("/ekv/sankey-graph/net-water", test_net_water);
  g_test_add_func ("/ekv/sankey-graph/energy-carried-in", test_energy_carried_in);
  g_test_add_func ("/ekv/sankey-graph/after-scenario", test_after_scenario);
  g_test_add_func ("/ekv/sankey-graph/after-and-empty", test_after_and_empty);
  g_test_add_func ("/ekv/sankey-graph/nicks", test_nicks);
  g_test_add_func ("/ekv/sankey-graph/sample", test_sample);

  return g_test_run ();
}
