/* ekv-sankey-graph.h: an audit as a Sankey graph, one per view and scenario
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The graph always comes from the balance (ekv_balance_compute()), never from
 * anything drawn by hand: every link is a flow of the inventory in yearly base
 * units of its view, and a unit operation whose drawn inputs and outputs do not
 * match gets an "Unaccounted" link so that the gap is seen.
 */
#pragma once

#include "ekv-document.h"
#include "ekv-sankey.h"

G_BEGIN_DECLS

typedef enum
{
  EKV_SANKEY_VIEW_MATERIAL, /* mass in kg or t per year; water streams left out */
  EKV_SANKEY_VIEW_WATER,    /* m³ per year of water, wastewater and evaporation */
  EKV_SANKEY_VIEW_ENERGY,   /* kWh or MWh per year of energy flows and heat losses */
  EKV_SANKEY_VIEW_COST,     /* money per year: each flow at its price */
} EkvSankeyView;

typedef enum
{
  EKV_SANKEY_SCENARIO_BASELINE, /* the audit as inventoried */
  EKV_SANKEY_SCENARIO_AFTER,    /* with the approved options carried out (ekv-scenario.h) */
} EkvSankeyScenario;

/* "material", "water", "energy", "cost" (command line; not translated).
 * from_nick returns FALSE for anything else and leaves VIEW alone. */
gboolean        ekv_sankey_view_from_nick     (const char         *nick,
                                               EkvSankeyView      *view);
const char     *ekv_sankey_view_to_nick       (EkvSankeyView       view);
/* Translated, for people: "Material", "Water", "Energy", "Cost". */
const char     *ekv_sankey_view_get_label     (EkvSankeyView       view);

/* "baseline", "after". */
gboolean        ekv_sankey_scenario_from_nick (const char         *nick,
                                               EkvSankeyScenario  *scenario);
const char     *ekv_sankey_scenario_to_nick   (EkvSankeyScenario   scenario);

/* The graph of DOCUMENT's VIEW in SCENARIO, with a translated title and unit.
 *
 * Boundary inputs become source nodes grouped by name (energy by carrier);
 * boundary outputs become sinks grouped by kind ("Products", "Wastewater",
 * "Heat losses", ...); unit operations are process nodes with a column hint from
 * the process order. In the material view the water a unit takes up or gives off
 * (water in minus wastewater and evaporation out) is drawn as a net water link,
 * so that only a real mass gap shows as unaccounted.
 *
 * The "after" scenario is drawn from ekv_scenario_after(): the flows with the
 * changes of the approved, in-progress and done options.
 *
 * Fails with EKV_SANKEY_ERROR_EMPTY when the view has no flow with a quantity.
 * Messages are translated. */
EkvSankeyGraph *ekv_sankey_graph_from_audit   (EkvDocument        *document,
                                               EkvSankeyView       view,
                                               EkvSankeyScenario   scenario,
                                               GError            **error);

G_END_DECLS
