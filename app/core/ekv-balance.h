/* ekv-balance.h: mass, water and energy balances of an audit, and its indicators
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * ekv_balance_compute() reads a document once and returns plain structs: the
 * balance of every unit operation and of the plant, bought energy per carrier
 * with TEP and CO2, the production denominator and the indicators of
 * results-format.md, and warnings about flows that could not be counted. It
 * follows audit-format.md ("How quantities become yearly totals") exactly. It
 * never fails: a flow that cannot be converted is left out of that balance and
 * reported in the warnings. It is cheap (a linear pass over the flows), so
 * callers recompute it on every change rather than patch it.
 *
 * Figures are per year in kg, m³, kWh, TEP, t CO2 and the audit's currency. A
 * figure that cannot be computed is NAN, with the reason in the sibling *_note
 * (NULL when the figure is there): results-format.md writes NAN as null and the
 * note as the "_note" key. Notes are untranslated English message ids, so JSON
 * never depends on the locale: views translate them when they show them.
 */
#pragma once

#include <glib.h>

#include "ekv-document.h"
#include "ekv-factors.h"
#include "ekv-units.h"

G_BEGIN_DECLS

typedef enum
{
  EKV_BALANCE_STATUS_OK,
  EKV_BALANCE_STATUS_WARN,  /* |imbalance %| above the audit's warn threshold (default 5) */
  EKV_BALANCE_STATUS_ERROR, /* |imbalance %| above the audit's error threshold (default 10) */
} EkvBalanceStatus;

/* "ok", "warn", "error" (results-format.md; not translated). */
const char *ekv_balance_status_to_string (EkvBalanceStatus status);
/* Translated, for people: "balanced", "check", "does not close". */
const char *ekv_balance_status_describe  (EkvBalanceStatus status);

/* The yearly figures of one flow, as the balances counted it. */
typedef struct
{
  EkvRecord *flow;         /* the document's record (a reference) */
  double     per_year;     /* the period's multiplier; NAN when unknown (batch without batches) */
  double     yearly;       /* quantity per year in the flow's own unit; NAN when per_year is */
  double     kg;           /* in the mass balance; NAN when the kind does not count or no conversion */
  double     water_m3;     /* kinds water, wastewater, evaporation; NAN otherwise or no conversion */
  double     energy_kwh;   /* kinds energy, heat_loss; NAN otherwise or no conversion */
  double     tep;          /* bought energy (kind energy, from: null) only; NAN otherwise */
  double     co2_kg;       /* likewise */
  double     cost;         /* yearly × price; 0 without a price */
} EkvFlowFigures;

typedef struct
{
  EkvRecord        *unit;                /* the unit operation record (a reference) */
  char             *id;
  double            mass_in_kg;          /* flows with to = this unit */
  double            mass_out_kg;         /* flows with from = this unit */
  double            mass_imbalance_kg;   /* in − out */
  double            mass_imbalance_pct;  /* 100 × imbalance / in; NAN when in is 0 */
  const char       *mass_imbalance_pct_note;
  double            water_in_m3;         /* kind water entering the unit */
  double            water_out_m3;        /* kinds wastewater, evaporation leaving it */
  double            energy_in_kwh;       /* kind energy entering the unit */
  double            estimated_pct;       /* share of the input mass whose quality is estimated,
                                          * in percent; NAN when there is no input mass */
  guint             n_inputs;            /* flows into the unit (every kind) */
  guint             n_outputs;
  guint             n_left_out;          /* of those, flows left out of a balance (see warnings) */
  EkvBalanceStatus  status;              /* OK when the percentage is NAN */
} EkvUnitBalance;

/* Bought energy of one carrier (kind energy, from: null). */
typedef struct
{
  EkvCarrier       carrier;
  double           energy_kwh;
  double           tep;
  double           co2_t;
  double           cost;
  double           quantity;    /* Σ yearly quantity of the flows, in UNIT (the first flow's
                                 * unit; the others converted: MWh into kWh, t into kg) */
  EkvQuantityUnit  unit;
  gboolean         mixed_units; /* a flow's unit could not be brought to UNIT (Sm3 and kg):
                                 * QUANTITY leaves it out; the energy figures do not */
  gboolean         has_factor;  /* FALSE: no factor (TEP at 1/11630 per kWh, no CO2) */
  EkvFactor        factor;      /* the factor used, with its source (audit or built-in);
                                 * the balance holds a reference on factor.record */
} EkvCarrierBalance;

/* Obligation bands of the annual TEP of an industrial plant (DOMAIN.md §3.1;
 * secondary sources that partly conflict: always show ekv_tep_band_note()). */
typedef enum
{
  EKV_TEP_BAND_BELOW_500,      /* no obligation */
  EKV_TEP_BAND_FROM_500,       /* ≥ 500: eligible for efficiency support (VAP, incentives) */
  EKV_TEP_BAND_FROM_1000,      /* ≥ 1 000: energy manager; energy audit every 4 years (disputed) */
  EKV_TEP_BAND_FROM_5000,      /* ≥ 5 000: as above; energy audit every 4 years in every source */
  EKV_TEP_BAND_FROM_50000,     /* ≥ 50 000: an energy management unit */
} EkvTepBand;

EkvTepBand  ekv_tep_band_for       (double     tep);
/* Translated one-line title ("1 000 TEP or more: energy manager required") and
 * obligations (a sentence or two). */
const char *ekv_tep_band_title     (EkvTepBand band);
const char *ekv_tep_band_describe  (EkvTepBand band);
/* Translated: the bands come from secondary sources; check the current
 * regulation (Law 5627 and its regulation) before relying on them. */
const char *ekv_tep_band_note      (void);
/* "below_500", "from_500", ... (for JSON; not translated). */
const char *ekv_tep_band_to_string (EkvTepBand band);

typedef struct
{
  double      mass_in_kg;             /* flows with from = null */
  double      mass_out_kg;            /* flows with to = null */
  double      mass_imbalance_kg;
  double      mass_imbalance_pct;     /* NAN when mass_in is 0 */
  const char *mass_imbalance_pct_note;

  double      water_in_m3;            /* kind water from outside */
  double      water_out_m3;           /* kinds wastewater, evaporation leaving the plant */
  double      water_unaccounted_m3;   /* in − out */
  double      water_unaccounted_pct;  /* NAN when water_in is 0 */
  const char *water_unaccounted_pct_note;

  double      energy_in_kwh;          /* bought energy (kind energy, from = null) */
  double      tep;                    /* of bought energy */
  double      co2_t;                  /* fossil CO2 of bought energy */
  EkvTepBand  tep_band;

  double      cost_in;                /* Σ yearly × price over flows from = null */

  /* The production denominator: the first product of company.products, or the one
   * marked denominator; NAN t (and a note) when there is none or it cannot be
   * brought to tonnes per year. */
  EkvRecord  *product;                /* the product record (a reference) or NULL */
  char       *production_name;        /* NULL when no product */
  double      production_t;
  const char *production_note;

  /* Indicators (results-format.md); NAN with the note when production_t is NAN or 0. */
  double      water_m3_per_t;
  double      wastewater_m3_per_t;    /* kind wastewater leaving the plant / t */
  double      energy_kwh_per_t;
  double      tep_per_t;
  double      waste_kg_per_t;         /* solid_waste + hazardous_waste leaving the plant / t */
  const char *indicators_note;
  double      raw_material_yield_pct; /* 100 × product mass out / raw_material mass in */
  const char *raw_material_yield_pct_note;

  /* Sums behind the indicators. */
  double      wastewater_out_m3;
  double      waste_out_kg;
  double      product_out_kg;
  double      raw_material_in_kg;
  double      estimated_pct;          /* share of plant input mass whose quality is estimated */
} EkvPlantBalance;

typedef enum
{
  EKV_BALANCE_WARNING_NO_DENSITY,      /* a volume of a non-water liquid left out of the mass balance */
  EKV_BALANCE_WARNING_NOT_IN_MASS,     /* another quantity that cannot be brought to kg (pcs, kWh) */
  EKV_BALANCE_WARNING_NOT_IN_WATER,    /* a water flow in a unit that is not a volume or mass */
  EKV_BALANCE_WARNING_NOT_IN_ENERGY,   /* an energy flow that cannot be brought to kWh */
  EKV_BALANCE_WARNING_NO_BATCHES,      /* per batch, without batches_per_year: left out of everything */
  EKV_BALANCE_WARNING_PRODUCT_TO_UNIT, /* a product sent to another unit (an intermediate) */
  EKV_BALANCE_WARNING_NO_CARRIER,      /* an energy flow without a carrier */
  EKV_BALANCE_WARNING_MAGNITUDE,       /* a figure far outside what a plant plausibly has */
  EKV_BALANCE_WARNING_NO_MASS_IN,      /* a unit with mass leaving it and none entering */
} EkvBalanceWarningKind;

typedef struct
{
  EkvBalanceWarningKind  kind;
  char                  *flow_id;   /* the flow concerned, or NULL */
  char                  *unit_id;   /* the unit concerned (NO_MASS_IN), or NULL */
  int                    field;     /* the EKV_FLOW_* field to show it beside, or -1 */
  char                  *message;   /* translated, names the flow */
} EkvBalanceWarning;

typedef struct
{
  EkvPlantBalance  plant;
  GArray          *units;     /* EkvUnitBalance, in the document's unit order */
  GArray          *carriers;  /* EkvCarrierBalance, in EkvCarrier order, only carriers bought */
  GArray          *flows;     /* EkvFlowFigures, in the document's flow order */
  GPtrArray       *warnings;  /* EkvBalanceWarning * */
  double           threshold_warn;  /* the audit's thresholds as applied, in percent */
  double           threshold_error;
} EkvBalance;

/* Computes every balance of DOCUMENT. Free with ekv_balance_free(). */
EkvBalance            *ekv_balance_compute     (EkvDocument *document);
void                   ekv_balance_free        (EkvBalance  *balance);

/* Lookups by id (NULL when absent); owned by BALANCE. */
const EkvUnitBalance  *ekv_balance_find_unit   (EkvBalance  *balance,
                                                const char  *unit_id);
const EkvFlowFigures  *ekv_balance_find_flow   (EkvBalance  *balance,
                                                const char  *flow_id);
const EkvCarrierBalance *ekv_balance_find_carrier (EkvBalance *balance,
                                                   EkvCarrier  carrier);

/* The status of an imbalance percentage against thresholds (in percent):
 * ERROR when |pct| > error, WARN when |pct| > warn, OK otherwise or when NAN. */
EkvBalanceStatus       ekv_balance_status_for  (double       pct,
                                                double       warn,
                                                double       error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkvBalance, ekv_balance_free)

G_END_DECLS
