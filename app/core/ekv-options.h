/* ekv-options.h: the economics and effects of an audit's options, and the portfolio
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * ekv_options_compute() reads every option of a document with its changes to the
 * flows and returns plain structs, as results-format.md defines them:
 *
 *   annual_saving = Σ over changes of −Δquantity per year × the flow's price
 *                   + other_savings − om_cost
 *
 * then the financial indicators of ekv-finance.h on I = investment, CF =
 * annual_saving, n = lifetime, S = salvage, r = finance.discount_rate / 100; the
 * CO₂ avoided (changes to energy bought from outside, with the carrier factors
 * ekv_factors_lookup() gives, the audit's own first) and the cost per tonne.
 *
 * A change's Δ is its `delta` (in the flow's own unit and period, brought to a
 * year as the balances do: per batch × batches per year, per day × days, ...) or
 * its `delta_pct` (percent of the flow's yearly quantity).
 *
 * Besides the contract's figures, each option carries its effect at the plant
 * boundary in the dimensions the programmes report (water, energy, TEP, waste,
 * raw material, wastewater), and the portfolio sums them over the options whose
 * status is approved, in progress or done.
 *
 * Figures that cannot be computed are NAN with an English message id in the
 * sibling *_note (see ekv-balance.h); views translate it.
 */
#pragma once

#include <glib.h>

#include "ekv-balance.h"
#include "ekv-document.h"
#include "ekv-finance.h"
#include "ekv-types.h"

G_BEGIN_DECLS

typedef struct
{
  EkvRecord         *option;         /* the option record (a reference) */
  char              *id;
  EkvOptionStatus    status;
  gboolean           in_portfolio;   /* approved, in progress or done */

  double             investment;     /* the option's fields as used (defaults applied) */
  double             lifetime;
  double             salvage;
  double             om_cost;
  double             other_savings;

  double             flow_saving;    /* Σ −Δ per year × price over the changes */
  double             annual_saving;  /* flow_saving + other_savings − om_cost */
  const char        *annual_saving_note;

  EkvFinanceFigures  finance;        /* payback, NPV, IRR, ... on annual_saving */

  double             co2_avoided_t;  /* Σ −Δ CO₂ of bought energy; NAN with the note */
  const char        *co2_avoided_t_note;
  double             cost_per_t_co2; /* (eac − annual_saving) / co2_avoided_t */
  const char        *cost_per_t_co2_note;

  /* At the plant boundary, per year, positive = less; NAN (with
   * dimensions_note) when a changed flow cannot be converted. */
  double             water_saved_m3;        /* kind water from outside */
  double             wastewater_saved_m3;   /* kind wastewater leaving the plant */
  double             energy_saved_kwh;      /* kind energy from outside */
  double             tep_saved;             /* of that energy */
  double             waste_avoided_kg;      /* solid and hazardous waste leaving the plant */
  double             raw_material_saved_t;  /* kind raw_material from outside */
  const char        *dimensions_note;
} EkvOptionResult;

typedef struct
{
  guint       n_options;            /* options counted */
  double      investment;
  double      annual_saving;
  const char *annual_saving_note;
  double      simple_payback_years; /* investment / annual_saving; NAN when the saving ≤ 0 */
  const char *simple_payback_years_note;
  double      co2_avoided_t;
  const char *co2_avoided_t_note;
  double      water_saved_m3;
  double      wastewater_saved_m3;
  double      energy_saved_kwh;
  double      tep_saved;
  double      waste_avoided_kg;
  double      raw_material_saved_t;
  const char *dimensions_note;
} EkvPortfolio;

typedef struct
{
  GArray       *options;        /* EkvOptionResult, in the document's option order */
  EkvPortfolio  portfolio;
  double        discount_rate;  /* the rate applied, in percent */
} EkvOptions;

/* TRUE for approved, in progress and done: the options of the portfolio and of
 * the "after" scenario. */
gboolean               ekv_option_status_in_portfolio (EkvOptionStatus status);

/* Every option of DOCUMENT. BALANCE is DOCUMENT's baseline balance (to share one
 * computation with the caller), or NULL to compute it here. Never fails. */
EkvOptions            *ekv_options_compute     (EkvDocument *document,
                                                EkvBalance  *balance);
void                   ekv_options_free        (EkvOptions  *options);

/* The result of the option whose id is ID, or NULL; owned by OPTIONS. */
const EkvOptionResult *ekv_options_find        (EkvOptions  *options,
                                                const char  *id);

/* The options of a marginal abatement cost curve (DOMAIN.md §2.7): those with
 * CO₂ avoided (> 0) and a cost per tonne, sorted by cost per tonne ascending
 * (ties by the document's order). ONLY_PORTFOLIO keeps approved, in-progress and
 * done options only. A new array of pointers into OPTIONS (free the array only). */
GPtrArray             *ekv_options_macc_order  (EkvOptions  *options,
                                                gboolean     only_portfolio);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkvOptions, ekv_options_free)

G_END_DECLS
