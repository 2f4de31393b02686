/* ekv-sankey-graph.c: an audit as a Sankey graph, one per view and scenario
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-balance.h"
#include "ekv-entity.h"
#include "ekv-enums.h"
#include "ekv-labels.h"
#include "ekv-sankey-graph.h"
#include "ekv-scenario.h"
#include "ekv-units.h"

/* Where a boundary output goes: one sink per group. */
typedef enum
{
  SINK_PRODUCTS,
  SINK_BY_PRODUCTS,
  SINK_SOLID_WASTE,
  SINK_HAZARDOUS_WASTE,
  SINK_WASTEWATER,
  SINK_AIR_EMISSIONS,
  SINK_EVAPORATION,
  SINK_HEAT_LOSSES,
  SINK_OTHER,
  SINK_WATER_RELEASED,  /* material view: water a unit gives off, net */
  SINK_UNACCOUNTED,
  SINK_ENERGY_USED,     /* energy view: what a unit uses up (not an output of it) */
  N_SINKS
} SinkGroup;

static const struct
{
  const char        *name;
  EkvSankeyNodeKind  kind;
} sinks[N_SINKS] = {
  /* Translators: the names of the Sankey chart's nodes where the plant's outputs end */
  [SINK_PRODUCTS] = { N_("Products"), EKV_SANKEY_NODE_PRODUCT },
  [SINK_BY_PRODUCTS] = { N_("By-products"), EKV_SANKEY_NODE_PRODUCT },
  [SINK_SOLID_WASTE] = { N_("Solid waste"), EKV_SANKEY_NODE_WASTE },
  [SINK_HAZARDOUS_WASTE] = { N_("Hazardous waste"), EKV_SANKEY_NODE_WASTE },
  [SINK_WASTEWATER] = { N_("Wastewater"), EKV_SANKEY_NODE_WASTE },
  [SINK_AIR_EMISSIONS] = { N_("Air emissions"), EKV_SANKEY_NODE_LOSS },
  [SINK_EVAPORATION] = { N_("Evaporation"), EKV_SANKEY_NODE_LOSS },
  [SINK_HEAT_LOSSES] = { N_("Heat losses"), EKV_SANKEY_NODE_LOSS },
  [SINK_OTHER] = { N_("Other outputs"), EKV_SANKEY_NODE_LOSS },
  [SINK_WATER_RELEASED] = { N_("Water given off"), EKV_SANKEY_NODE_LOSS },
  [SINK_UNACCOUNTED] = { N_("Unaccounted"), EKV_SANKEY_NODE_LOSS },
  [SINK_ENERGY_USED] = { N_("Used in the process"), EKV_SANKEY_NODE_PRODUCT },
};

static const char * const view_nicks[] = { "material", "water", "energy", "cost" };
static const char * const scenario_nicks[] = { "baseline", "after" };

typedef struct
{
  EkvSankeyGraph *graph;
  EkvDocument    *document;
  EkvSankeyView   view;
  GHashTable     *sources;        /* name → node index + 1 */
  GHashTable     *units;          /* unit id → node index + 1 */
  GHashTable     *unit_order;     /* unit id → position in the process order + 1 */
  int             sink_nodes[N_SINKS];
  int             water_source;   /* material view: "Water taken up" */
  int             unaccounted_source;
  int             carried_source; /* energy view: "Heat carried in by streams" */
  GHashTable     *local_sinks;    /* (group, source node) → node index + 1 */
} Builder;

/* ------------------------------------------------------------------------ */
/* Nicks and labels                                                         */

gboolean
ekv_sankey_view_from_nick (const char    *nick,
                           EkvSankeyView *view)
{
  g_return_val_if_fail (view != NULL, FALSE);

  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (view_nicks); i++)
    if (strcmp (nick, view_nicks[i]) == 0)
      {
        *view = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ekv_sankey_view_to_nick (EkvSankeyView view)
{
  g_return_val_if_fail (view < G_N_ELEMENTS (view_nicks), NULL);

  return view_nicks[view];
}

const char *
ekv_sankey_view_get_label (EkvSankeyView view)
{
  switch (view)
    {
    case EKV_SANKEY_VIEW_WATER:
      /* Translators: a view of the Sankey chart */
      return C_("sankey view", "Water");
    case EKV_SANKEY_VIEW_ENERGY:
      /* Translators: a view of the Sankey chart */
      return C_("sankey view", "Energy");
    case EKV_SANKEY_VIEW_COST:
      /* Translators: a view of the Sankey chart: the money value of the flows */
      return C_("sankey view", "Cost");
    case EKV_SANKEY_VIEW_MATERIAL:
    default:
      /* Translators: a view of the Sankey chart: the mass of materials */
      return C_("sankey view", "Material");
    }
}

gboolean
ekv_sankey_scenario_from_nick (const char        *nick,
                               EkvSankeyScenario *scenario)
{
  g_return_val_if_fail (scenario != NULL, FALSE);

  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (scenario_nicks); i++)
    if (strcmp (nick, scenario_nicks[i]) == 0)
      {
        *scenario = i;
        return TRUE;
      }
  return FALSE;
}

const char *
ekv_sankey_scenario_to_nick (EkvSankeyScenario scenario)
{
  g_return_val_if_fail (scenario < G_N_ELEMENTS (scenario_nicks), NULL);

  return scenario_nicks[scenario];
}

/* ------------------------------------------------------------------------ */
/* Flows                                                                    */

static gboolean
is_empty (const char *id)
{
  return id == NULL || id[0] == '\0';
}

static gboolean
kind_is_water (EkvFlowKind kind)
{
  return kind == EKV_FLOW_KIND_WATER
         || kind == EKV_FLOW_KIND_WASTEWATER
         || kind == EKV_FLOW_KIND_EVAPORATION;
}

static EkvSankeyBand
band_for_kind (EkvFlowKind kind)
{
  switch (kind)
    {
    case EKV_FLOW_KIND_WATER:           return EKV_SANKEY_BAND_WATER;
    case EKV_FLOW_KIND_ENERGY:          return EKV_SANKEY_BAND_ENERGY;
    case EKV_FLOW_KIND_INTERMEDIATE:    return EKV_SANKEY_BAND_INTERMEDIATE;
    case EKV_FLOW_KIND_RECYCLE:         return EKV_SANKEY_BAND_RECYCLE;
    case EKV_FLOW_KIND_PRODUCT:
    case EKV_FLOW_KIND_BY_PRODUCT:      return EKV_SANKEY_BAND_PRODUCT;
    case EKV_FLOW_KIND_SOLID_WASTE:
    case EKV_FLOW_KIND_HAZARDOUS_WASTE: return EKV_SANKEY_BAND_WASTE;
    case EKV_FLOW_KIND_WASTEWATER:      return EKV_SANKEY_BAND_WASTEWATER;
    case EKV_FLOW_KIND_AIR_EMISSION:
    case EKV_FLOW_KIND_EVAPORATION:     return EKV_SANKEY_BAND_EMISSION;
    case EKV_FLOW_KIND_HEAT_LOSS:       return EKV_SANKEY_BAND_LOSS;
    case EKV_FLOW_KIND_RAW_MATERIAL:
    case EKV_FLOW_KIND_AUXILIARY:
    case EKV_FLOW_KIND_PACKAGING:
    default:                            return EKV_SANKEY_BAND_MATERIAL;
    }
}

static SinkGroup
sink_for_kind (EkvFlowKind kind)
{
  switch (kind)
    {
    case EKV_FLOW_KIND_PRODUCT:         return SINK_PRODUCTS;
    case EKV_FLOW_KIND_BY_PRODUCT:      return SINK_BY_PRODUCTS;
    case EKV_FLOW_KIND_SOLID_WASTE:     return SINK_SOLID_WASTE;
    case EKV_FLOW_KIND_HAZARDOUS_WASTE: return SINK_HAZARDOUS_WASTE;
    case EKV_FLOW_KIND_WASTEWATER:      return SINK_WASTEWATER;
    case EKV_FLOW_KIND_AIR_EMISSION:    return SINK_AIR_EMISSIONS;
    case EKV_FLOW_KIND_EVAPORATION:     return SINK_EVAPORATION;
    case EKV_FLOW_KIND_HEAT_LOSS:       return SINK_HEAT_LOSSES;
    case EKV_FLOW_KIND_RAW_MATERIAL:
    case EKV_FLOW_KIND_AUXILIARY:
    case EKV_FLOW_KIND_PACKAGING:
    case EKV_FLOW_KIND_WATER:
    case EKV_FLOW_KIND_ENERGY:
    case EKV_FLOW_KIND_INTERMEDIATE:
    case EKV_FLOW_KIND_RECYCLE:
    default:                            return SINK_OTHER;
    }
}

/* The yearly m³ of a flow that is water: kinds water, wastewater and
 * evaporation, and rinse water reused upstream or water passed on between units
 * (recycle, intermediate) in litres or cubic metres without a density of their
 * own. NAN for anything else. */
static double
flow_water_m3 (const EkvFlowFigures *fig)
{
  EkvFlowKind kind = ekv_record_get_enum (fig->flow, EKV_FLOW_KIND);
  EkvQuantityUnit unit;
  double m3;

  if (kind_is_water (kind))
    return fig->water_m3;
  if (kind != EKV_FLOW_KIND_RECYCLE && kind != EKV_FLOW_KIND_INTERMEDIATE)
    return NAN;
  unit = ekv_record_get_enum (fig->flow, EKV_FLOW_UNIT);
  if ((unit == EKV_QUANTITY_UNIT_L || unit == EKV_QUANTITY_UNIT_M3)
      && (!ekv_record_is_set (fig->flow, EKV_FLOW_DENSITY)
          || ekv_record_get_double (fig->flow, EKV_FLOW_DENSITY) == 1.0)
      && isfinite (fig->yearly)
      && ekv_quantity_to_water_m3 (fig->yearly, unit, &m3, NULL))
    return m3;
  return NAN;
}

/* The yearly value of a flow in VIEW's base unit (kg, m³, kWh, money), or NAN
 * when the flow is not part of the view. */
static double
flow_value (EkvSankeyView         view,
            const EkvFlowFigures *fig)
{
  EkvFlowKind kind = ekv_record_get_enum (fig->flow, EKV_FLOW_KIND);

  switch (view)
    {
    case EKV_SANKEY_VIEW_MATERIAL:
      if (!ekv_flow_kind_counts_in_mass (kind) || !isnan (flow_water_m3 (fig)))
        return NAN;
      return fig->kg;

    case EKV_SANKEY_VIEW_WATER:
      return flow_water_m3 (fig);

    case EKV_SANKEY_VIEW_ENERGY:
      if (kind != EKV_FLOW_KIND_ENERGY && kind != EKV_FLOW_KIND_HEAT_LOSS)
        return NAN;
      return fig->energy_kwh;

    case EKV_SANKEY_VIEW_COST:
      return isfinite (fig->yearly) ? fig->cost : NAN;

    default:
      return NAN;
    }
}

/* ------------------------------------------------------------------------ */
/* Nodes                                                                    */

static guint
source_node (Builder    *b,
             const char *name)
{
  gpointer index = g_hash_table_lookup (b->sources, name);

  if (index == NULL)
    {
      guint i = ekv_sankey_graph_add_node (b->graph, name, NULL, EKV_SANKEY_NODE_SOURCE);

      ekv_sankey_graph_get_node (b->graph, i)->column_hint = 0;
      index = GUINT_TO_POINTER (i + 1);
      g_hash_table_insert (b->sources, g_strdup (name), index);
    }
  return GPOINTER_TO_UINT (index) - 1;
}

static guint
unit_node (Builder    *b,
           const char *id)
{
  gpointer index = g_hash_table_lookup (b->units, id);

  if (index == NULL)
    {
      EkvRecord *unit = ekv_document_find (b->document, EKV_ENTITY_UNIT_OPERATION, id);
      const char *name = unit != NULL ? ekv_record_get_string (unit, EKV_UNIT_OPERATION_NAME) : NULL;
      guint i = ekv_sankey_graph_add_node (b->graph, !is_empty (name) ? name : id, id,
                                           EKV_SANKEY_NODE_PROCESS);

      index = GUINT_TO_POINTER (i + 1);
      g_hash_table_insert (b->units, g_strdup (id), index);
    }
  return GPOINTER_TO_UINT (index) - 1;
}

static guint
sink_node (Builder   *b,
           SinkGroup  group)
{
  if (b->sink_nodes[group] < 0)
    b->sink_nodes[group] = ekv_sankey_graph_add_node (b->graph, _(sinks[group].name), NULL,
                                                      sinks[group].kind);
  return b->sink_nodes[group];
}

/* Losses (heat, emissions, evaporation) leave where they happen: each unit's
 * go to a node of their own placed just after the unit (see
 * set_column_hints ()), rather than crossing the whole diagram to one shared
 * node. A manager sees at once which unit loses what, and the long bands that
 * would cross every other flow are not drawn. */
static gboolean
is_local_loss (SinkGroup group)
{
  return group == SINK_HEAT_LOSSES || group == SINK_AIR_EMISSIONS || group == SINK_EVAPORATION;
}

static guint
target_sink (Builder   *b,
             SinkGroup  group,
             guint      source)
{
  gpointer key, found;

  if (!is_local_loss (group) || b->local_sinks == NULL)
    return sink_node (b, group);

  key = GUINT_TO_POINTER (source * N_SINKS + group + 1);
  found = g_hash_table_lookup (b->local_sinks, key);
  if (found == NULL)
    {
      guint node = ekv_sankey_graph_add_node (b->graph, _(sinks[group].name), NULL,
                                              sinks[group].kind);

      found = GUINT_TO_POINTER (node + 1);
      g_hash_table_insert (b->local_sinks, key, found);
    }
  return GPOINTER_TO_UINT (found) - 1;
}

static guint
add_link (Builder       *b,
          guint          source,
          guint          target,
          double         value,
          EkvSankeyBand  band,
          EkvRecord     *flow)
{
  guint i = ekv_sankey_graph_add_link (b->graph, source, target, value,
                                       flow != NULL ? ekv_record_get_string (flow, EKV_FLOW_ID) : NULL);
  EkvSankeyLink *link = ekv_sankey_graph_get_link (b->graph, i);

  link->band = band;
  if (flow != NULL)
    {
      link->flow_kind = ekv_record_get_enum (flow, EKV_FLOW_KIND);
      link->quality = ekv_record_get_enum (flow, EKV_FLOW_QUALITY);
    }
  else
    link->quality = EKV_DATA_QUALITY_CALCULATED;
  return i;
}

/* The name a boundary input is grouped under: energy by its carrier ("Natural
 * gas" for the gas of the boilers and of the stenters alike), others by name. */
static const char *
source_name (EkvRecord *flow)
{
  EkvFlowKind kind = ekv_record_get_enum (flow, EKV_FLOW_KIND);
  const char *name = ekv_record_get_string (flow, EKV_FLOW_NAME);

  if (kind == EKV_FLOW_KIND_ENERGY && ekv_record_is_set (flow, EKV_FLOW_CARRIER))
    {
      const char *label = ekv_enum_get_label (EKV_TYPE_CARRIER,
                                              ekv_record_get_enum (flow, EKV_FLOW_CARRIER));
      if (label != NULL)
        return label;
    }
  if (is_empty (name))
    /* Translators: a Sankey node for a plant input that has no name */
    return _("Unnamed input");
  return name;
}

static void
add_flow (Builder              *b,
          const EkvFlowFigures *fig)
{
  EkvRecord *flow = fig->flow;
  const char *from = ekv_record_get_string (flow, EKV_FLOW_FROM);
  const char *to = ekv_record_get_string (flow, EKV_FLOW_TO);
  EkvFlowKind kind = ekv_record_get_enum (flow, EKV_FLOW_KIND);
  double value = flow_value (b->view, fig);
  guint source, target;

  if (!isfinite (value) || value <= 0)
    return;
  if (is_empty (from) && is_empty (to))
    return;     /* passes by the plant: nothing to draw */
  if (!is_empty (from) && !is_empty (to) && strcmp (from, to) == 0)
    return;     /* a unit's own loop adds nothing to its balance */
  if ((!is_empty (from) && !g_hash_table_contains (b->unit_order, from))
      || (!is_empty (to) && !g_hash_table_contains (b->unit_order, to)))
    return;     /* a dangling reference (the document refuses them) */

  source = is_empty (from) ? source_node (b, source_name (flow)) : unit_node (b, from);
  target = is_empty (to) ? target_sink (b, sink_for_kind (kind), source) : unit_node (b, to);
  add_link (b, source, target, value, band_for_kind (kind), flow);
}

/* Material view: the water a unit takes up (wet fabric leaving a rinse) or gives
 * off (a dryer), as the water streams themselves are left out. */
static void
add_net_water (Builder    *b,
               EkvBalance *balance)
{
  g_autoptr(GHashTable) net = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < balance->flows->len; i++)
    {
      const EkvFlowFigures *fig = &g_array_index (balance->flows, EkvFlowFigures, i);
      const char *ends[2] = { ekv_record_get_string (fig->flow, EKV_FLOW_TO),
                              ekv_record_get_string (fig->flow, EKV_FLOW_FROM) };
      double m3 = flow_water_m3 (fig);
      double kg = isfinite (fig->kg) ? fig->kg : m3 * 1000;

      if (isnan (m3) || !isfinite (kg))
        continue;
      for (guint e = 0; e < 2; e++)
        {
          double *sum;

          if (is_empty (ends[e]) || !g_hash_table_contains (b->units, ends[e]))
            continue;   /* only units drawn in the view */
          sum = g_hash_table_lookup (net, ends[e]);
          if (sum == NULL)
            {
              sum = g_new0 (double, 1);
              g_hash_table_insert (net, (gpointer) ends[e], sum);
            }
          *sum += e == 0 ? kg : -kg;
        }
    }

  for (guint u = 0; u < balance->units->len; u++)
    {
      const EkvUnitBalance *ub = &g_array_index (balance->units, EkvUnitBalance, u);
      double *sum = ub->id != NULL ? g_hash_table_lookup (net, ub->id) : NULL;
      double scale;
      guint node;

      if (sum == NULL)
        continue;
      scale = MAX (ub->mass_in_kg, ub->mass_out_kg);
      if (fabs (*sum) <= 1e-9 * scale)
        continue;
      node = unit_node (b, ub->id);
      if (*sum > 0)
        {
          if (b->water_source < 0)
            {
              /* Translators: a Sankey node: water that units take up into the material */
              b->water_source = ekv_sankey_graph_add_node (b->graph, _("Water taken up"), NULL,
                                                           EKV_SANKEY_NODE_SOURCE);
              ekv_sankey_graph_get_node (b->graph, b->water_source)->column_hint = 0;
            }
          add_link (b, b->water_source, node, *sum, EKV_SANKEY_BAND_WATER, NULL);
        }
      else
        add_link (b, node, sink_node (b, SINK_WATER_RELEASED), -*sum, EKV_SANKEY_BAND_WATER, NULL);
    }
}

/* A unit whose drawn inputs and outputs differ gets the difference as a flow
 * of its own, into "Unaccounted" (outputs short) or out of it (outputs over).
 * Energy is different: what a unit takes in and does not pass on or lose as
 * inventoried heat is what it uses (motors, heating): "Used in the process";
 * what leaves beyond what entered came in as heat of hot water, steam or goods,
 * which an energy inventory does not list: "Heat carried in by streams". Calling
 * either "unaccounted" would tell a manager that most of the energy is lost. */
static void
add_unaccounted (Builder *b)
{
  EkvSankeyGraph *graph = b->graph;
  guint n_nodes = graph->nodes->len;
  g_autofree double *in = g_new0 (double, n_nodes);
  g_autofree double *out = g_new0 (double, n_nodes);

  for (guint i = 0; i < graph->links->len; i++)
    {
      const EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, i);

      out[link->source] += link->value;
      in[link->target] += link->value;
    }

  for (guint n = 0; n < n_nodes; n++)
    {
      double gap = in[n] - out[n];

      if (g_array_index (graph->nodes, EkvSankeyNode, n).kind != EKV_SANKEY_NODE_PROCESS)
        continue;
      if (fabs (gap) <= 1e-9 * MAX (in[n], out[n]))
        continue;   /* closes within rounding */
      if (gap > 0 && b->view == EKV_SANKEY_VIEW_ENERGY)
        add_link (b, n, sink_node (b, SINK_ENERGY_USED), gap, EKV_SANKEY_BAND_ENERGY, NULL);
      else if (gap > 0)
        add_link (b, n, sink_node (b, SINK_UNACCOUNTED), gap, EKV_SANKEY_BAND_UNACCOUNTED, NULL);
      else if (b->view == EKV_SANKEY_VIEW_ENERGY)
        {
          if (b->carried_source < 0)
            {
              b->carried_source = ekv_sankey_graph_add_node (b->graph, _("Heat carried in by streams"),
                                                             NULL, EKV_SANKEY_NODE_SOURCE);
              ekv_sankey_graph_get_node (b->graph, b->carried_source)->column_hint = 0;
            }
          add_link (b, b->carried_source, n, -gap, EKV_SANKEY_BAND_UNACCOUNTED, NULL);
        }
      else
        {
          if (b->unaccounted_source < 0)
            {
              b->unaccounted_source = ekv_sankey_graph_add_node (b->graph, _(sinks[SINK_UNACCOUNTED].name),
                                                                 NULL, EKV_SANKEY_NODE_SOURCE);
              ekv_sankey_graph_get_node (b->graph, b->unaccounted_source)->column_hint = 0;
            }
          add_link (b, b->unaccounted_source, n, -gap, EKV_SANKEY_BAND_UNACCOUNTED, NULL);
        }
    }
}

/* Column hints: a unit sits one column right of the furthest unit feeding it
 * (longest path from the plant's inputs), sources in column 0, sinks after the
 * last unit. Recycles do not count, and where flows between units still make a
 * cycle, the process order (the list) breaks it: of the flows inside a cycle,
 * those going back up the list are taken as the returns. A unit listed late
 * that feeds earlier ones (the boiler house, water softening) thus still lands
 * left of them. */
static void
set_column_hints (Builder *b)
{
  EkvSankeyGraph *graph = b->graph;
  guint n_nodes = graph->nodes->len, n_links = graph->links->len;
  g_autofree int *order = g_new0 (int, n_nodes);
  g_autofree int *column = g_new0 (int, n_nodes);
  g_autofree guint *indegree = g_new0 (guint, n_nodes);
  g_autofree gboolean *use = g_new0 (gboolean, n_links);
  g_autofree gboolean *done = g_new0 (gboolean, n_nodes);
  g_autofree guint *queue = g_new0 (guint, n_nodes);
  int last = 0;

  for (guint n = 0; n < n_nodes; n++)
    {
      EkvSankeyNode *node = &g_array_index (graph->nodes, EkvSankeyNode, n);

      order[n] = node->kind == EKV_SANKEY_NODE_PROCESS
                 ? GPOINTER_TO_INT (g_hash_table_lookup (b->unit_order, node->id)) - 1 : -1;
    }
  for (guint l = 0; l < n_links; l++)
    {
      const EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, l);

      use[l] = order[link->source] >= 0 && order[link->target] >= 0
               && link->band != EKV_SANKEY_BAND_RECYCLE;
    }

  /* Kahn's topological order; units left over sit on a cycle: drop the flows
   * among them that go back up the list (those left then all go down it). */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      guint head = 0, tail = 0;
      gboolean cyclic = FALSE;

      memset (indegree, 0, n_nodes * sizeof (guint));
      memset (done, 0, n_nodes * sizeof (gboolean));
      for (guint l = 0; l < n_links; l++)
        if (use[l])
          indegree[g_array_index (graph->links, EkvSankeyLink, l).target]++;
      for (guint n = 0; n < n_nodes; n++)
        {
          column[n] = 1;
          if (order[n] >= 0 && indegree[n] == 0)
            queue[tail++] = n;
        }
      while (head < tail)
        {
          guint n = queue[head++];

          done[n] = TRUE;
          for (guint l = 0; l < n_links; l++)
            {
              const EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, l);

              if (!use[l] || link->source != n)
                continue;
              column[link->target] = MAX (column[link->target], column[n] + 1);
              if (--indegree[link->target] == 0)
                queue[tail++] = link->target;
            }
        }
      for (guint n = 0; n < n_nodes; n++)
        if (order[n] >= 0 && !done[n])
          cyclic = TRUE;
      if (!cyclic)
        break;
      for (guint l = 0; l < n_links; l++)
        {
          const EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, l);

          if (use[l] && !done[link->source] && !done[link->target]
              && order[link->source] >= order[link->target])
            use[l] = FALSE;
        }
    }

  for (guint n = 0; n < n_nodes; n++)
    if (order[n] >= 0)
      last = MAX (last, column[n]);

  for (guint n = 0; n < n_nodes; n++)
    {
      EkvSankeyNode *node = &g_array_index (graph->nodes, EkvSankeyNode, n);

      if (node->kind == EKV_SANKEY_NODE_PROCESS)
        node->column_hint = column[n];
      else if (node->kind == EKV_SANKEY_NODE_SOURCE)
        node->column_hint = 0;
      else
        node->column_hint = last + 1;
    }

  /* A unit's own losses sit in the column after it. */
  if (b->local_sinks != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, b->local_sinks);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          guint source = (GPOINTER_TO_UINT (key) - 1) / N_SINKS;
          EkvSankeyNode *node = &g_array_index (graph->nodes, EkvSankeyNode,
                                                GPOINTER_TO_UINT (value) - 1);

          node->column_hint = order[source] >= 0 ? column[source] + 1 : last + 1;
        }
    }
}

/* Brings every value to a unit that reads well (t rather than millions of kg)
 * and names it. */
static double
largest_node (EkvSankeyGraph *graph)
{
  g_autofree double *in = g_new0 (double, graph->nodes->len);
  double largest = 0;

  for (guint i = 0; i < graph->links->len; i++)
    {
      const EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, i);

      in[link->target] += link->value;
      largest = MAX (largest, in[link->target]);
    }
  return largest;
}

/* LARGEST, the largest node's throughput in base units, picks the unit: the
 * after scenario takes the baseline's, so both read in one unit and scale. */
static void
set_unit (Builder *b,
          double   largest)
{
  EkvSankeyGraph *graph = b->graph;
  double divide = 1;
  const char *currency;

  switch (b->view)
    {
    case EKV_SANKEY_VIEW_MATERIAL:
      if (largest >= 10000)
        {
          divide = 1000;
          /* Translators: the unit of the material Sankey chart: tonnes per year */
          graph->unit = g_strdup (_("t/year"));
        }
      else
        /* Translators: the unit of the material Sankey chart: kilograms per year */
        graph->unit = g_strdup (_("kg/year"));
      break;

    case EKV_SANKEY_VIEW_WATER:
      /* Translators: the unit of the water Sankey chart: cubic metres per year */
      graph->unit = g_strdup (_("m³/year"));
      break;

    case EKV_SANKEY_VIEW_ENERGY:
      if (largest >= 1e6)
        {
          divide = 1000;
          /* Translators: the unit of the energy Sankey chart */
          graph->unit = g_strdup (_("MWh/year"));
        }
      else
        /* Translators: the unit of the energy Sankey chart */
        graph->unit = g_strdup (_("kWh/year"));
      break;

    case EKV_SANKEY_VIEW_COST:
    default:
      currency = ekv_record_get_string (ekv_document_get_finance (b->document), EKV_FINANCE_CURRENCY);
      if (is_empty (currency))
        currency = "TRY";
      if (largest >= 1e7)
        {
          divide = 1e6;
          /* Translators: the unit of the cost Sankey chart; %s is a currency code such as TRY */
          graph->unit = g_strdup_printf (_("million %s/year"), currency);
        }
      else if (largest >= 1e4)
        {
          divide = 1e3;
          /* Translators: the unit of the cost Sankey chart; %s is a currency code such as TRY */
          graph->unit = g_strdup_printf (_("thousand %s/year"), currency);
        }
      else
        /* Translators: the unit of the cost Sankey chart; %s is a currency code such as TRY */
        graph->unit = g_strdup_printf (_("%s/year"), currency);
      break;
    }

  if (divide != 1)
    for (guint i = 0; i < graph->links->len; i++)
      g_array_index (graph->links, EkvSankeyLink, i).value /= divide;
}

static void
set_title (Builder           *b,
           EkvSankeyScenario  scenario)
{
  const char *company = ekv_record_get_string (ekv_document_get_company (b->document), EKV_COMPANY_NAME);
  const char *view = ekv_sankey_view_get_label (b->view);
  /* Translators: the scenario in a Sankey chart's title: the audit as it is now */
  const char *when = scenario == EKV_SANKEY_SCENARIO_BASELINE ? _("baseline") : _("after the options");

  if (is_empty (company))
    /* Translators: a Sankey chart's title: the view ("Water"), then the scenario ("baseline") */
    b->graph->title = g_strdup_printf (_("%s — %s"), view, when);
  else
    /* Translators: a Sankey chart's title: the view ("Water"), the firm, the scenario ("baseline") */
    b->graph->title = g_strdup_printf (_("%s — %s — %s"), view, company, when);
}

static const char *
empty_message (EkvSankeyView view)
{
  switch (view)
    {
    case EKV_SANKEY_VIEW_WATER:
      return _("The audit has no water, wastewater or evaporation flow with a quantity in m³ to draw.");
    case EKV_SANKEY_VIEW_ENERGY:
      return _("The audit has no energy flow or heat loss with a quantity that converts to kWh to draw.");
    case EKV_SANKEY_VIEW_COST:
      return _("The audit has no flow with a price to draw: enter the prices of inputs and outputs.");
    case EKV_SANKEY_VIEW_MATERIAL:
    default:
      return _("The audit has no material flow with a quantity that converts to kg to draw.");
    }
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

/* The graph of DOCUMENT as it is; LARGEST (base units) picks the display unit
 * when > 0, else the graph's own largest node; *LARGEST_OUT gets the latter. */
static EkvSankeyGraph *
build_graph (EkvDocument        *document,
             EkvSankeyView       view,
             EkvSankeyScenario   scenario,
             double              largest,
             double             *largest_out,
             GError            **error)
{
  g_autoptr(EkvSankeyGraph) graph = NULL;
  g_autoptr(EkvBalance) balance = NULL;
  g_autoptr(GHashTable) sources = NULL;
  g_autoptr(GHashTable) units = NULL;
  g_autoptr(GHashTable) unit_order = NULL;
  g_autoptr(GHashTable) local_sinks = g_hash_table_new (NULL, NULL);
  GListModel *list;
  Builder b = { 0 };

  graph = ekv_sankey_graph_new ();
  balance = ekv_balance_compute (document);
  sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  unit_order = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  list = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(EkvRecord) unit = g_list_model_get_item (list, i);
      const char *id = ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID);

      if (!is_empty (id) && !g_hash_table_contains (unit_order, id))
        g_hash_table_insert (unit_order, g_strdup (id), GUINT_TO_POINTER (i + 1));
    }

  b.graph = graph;
  b.document = document;
  b.view = view;
  b.sources = sources;
  b.units = units;
  b.unit_order = unit_order;
  b.water_source = -1;
  b.unaccounted_source = -1;
  b.carried_source = -1;
  b.local_sinks = local_sinks;
  for (guint i = 0; i < N_SINKS; i++)
    b.sink_nodes[i] = -1;

  for (guint i = 0; i < balance->flows->len; i++)
    add_flow (&b, &g_array_index (balance->flows, EkvFlowFigures, i));

  if (graph->links->len == 0)
    {
      g_set_error_literal (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_EMPTY, empty_message (view));
      return NULL;
    }

  if (view == EKV_SANKEY_VIEW_MATERIAL)
    add_net_water (&b, balance);
  /* Money is not conserved through a unit (that is what value added is): no gap. */
  if (view != EKV_SANKEY_VIEW_COST)
    add_unaccounted (&b);

  set_column_hints (&b);
  if (largest_out != NULL)
    *largest_out = largest_node (graph);
  set_unit (&b, largest > 0 ? largest : largest_node (graph));
  set_title (&b, scenario);

  return g_steal_pointer (&graph);
}

EkvSankeyGraph *
ekv_sankey_graph_from_audit (EkvDocument        *document,
                             EkvSankeyView       view,
                             EkvSankeyScenario   scenario,
                             GError            **error)
{
  g_autoptr(EkvDocument) after = NULL;
  g_autoptr(EkvSankeyGraph) baseline = NULL;
  double largest = 0;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (view <= EKV_SANKEY_VIEW_COST, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (scenario == EKV_SANKEY_SCENARIO_BASELINE)
    return build_graph (document, view, scenario, 0, NULL, error);

  /* The audit as it would be with its approved options carried out, in the
   * baseline's unit (t, not kg, when the options made it small). */
  baseline = build_graph (document, view, EKV_SANKEY_SCENARIO_BASELINE, 0, &largest, NULL);
  after = ekv_scenario_after (document, error);
  if (after == NULL)
    return NULL;
  return build_graph (after, view, scenario, largest, NULL, error);
}
