/* ekv-units.h: quantities to yearly totals in kg, m³ and kWh
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The conversions of audit-format.md ("How quantities become yearly totals"),
 * in one place: the per-year multiplier of a period, and a quantity in any unit
 * of the format brought to kg (mass balance), m³ (water balance) or kWh (energy
 * balance). A conversion that cannot be made (a volume without a density, a
 * batch period without batches per year, fuel in tonnes without a heating value)
 * is a GError of EKV_UNITS_ERROR with a translated message, never a crash: the
 * balances leave such a flow out and report it.
 *
 * Every function here is pure arithmetic on its arguments (the flow helpers only
 * read the records they are given), cheap enough to run on every edit.
 */
#pragma once

#include <glib.h>

#include "ekv-record.h"
#include "ekv-types.h"

G_BEGIN_DECLS

typedef struct _EkvFactor EkvFactor; /* ekv-factors.h */

#define EKV_UNITS_ERROR (ekv_units_error_quark ())

typedef enum
{
  EKV_UNITS_ERROR_NO_BATCHES,   /* per batch, but no unit of the flow has batches_per_year */
  EKV_UNITS_ERROR_NO_DENSITY,   /* a volume (L, m3, Sm3, Nm3) to kg without a density */
  EKV_UNITS_ERROR_INCOMPATIBLE, /* a unit that cannot become the quantity asked for (pcs to kg) */
  EKV_UNITS_ERROR_NO_FACTOR,    /* a physical quantity of energy without a heating value */
  EKV_UNITS_ERROR_INVALID,      /* a quantity that is not finite, or below zero */
} EkvUnitsError;

GQuark ekv_units_error_quark (void);

/* What a unit measures. Standard and normal cubic metres are kept apart from
 * m³ and from each other: they only convert to themselves (or to kg with a
 * density). */
typedef enum
{
  EKV_DIMENSION_MASS,       /* g, kg, t */
  EKV_DIMENSION_VOLUME,     /* L, m3 */
  EKV_DIMENSION_GAS_VOLUME, /* Sm3, Nm3 */
  EKV_DIMENSION_ENERGY,     /* kWh, MWh, MJ, GJ, kcal, Mcal, TEP */
  EKV_DIMENSION_COUNT,      /* pcs */
} EkvDimension;

/* Exact factors of audit-format.md (and DOMAIN.md §2.1). */
#define EKV_KWH_PER_MJ   (1.0 / 3.6)
#define EKV_KWH_PER_KCAL 0.001163
#define EKV_KWH_PER_TEP  11630.0

EkvDimension ekv_quantity_unit_get_dimension (EkvQuantityUnit unit);

/* One UNIT in its dimension's base unit: kg for mass, m³ for L and m3, kWh for
 * energy, 1 for Sm3, Nm3 and pcs. */
double       ekv_quantity_unit_to_base       (EkvQuantityUnit unit);

/* VALUE in FROM as a value in TO. Only within one dimension (Sm3 and Nm3 only to
 * themselves); returns FALSE and leaves RESULT alone otherwise. */
gboolean     ekv_quantity_unit_convert       (double          value,
                                              EkvQuantityUnit from,
                                              EkvQuantityUnit to,
                                              double         *result);

/* The working calendar of the plant (company.days_per_year, shifts_per_day,
 * hours_per_day) that turns days, shifts and hours into years. */
typedef struct
{
  double days_per_year;   /* default 250 */
  double shifts_per_day;  /* default 1 */
  double hours_per_day;   /* default 8 */
} EkvCalendar;

/* The format's defaults: 250 days, 1 shift, 8 hours. */
void         ekv_calendar_init_default       (EkvCalendar    *calendar);
/* From a company record (unset fields read as their defaults). */
void         ekv_calendar_init_from_company  (EkvCalendar    *calendar,
                                              EkvRecord      *company);

/* How many PERIODs make a year: year 1, month 12, week 52, day days_per_year,
 * shift days × shifts, hour days × hours, batch BATCHES_PER_YEAR. For the batch
 * period, BATCHES_PER_YEAR must be > 0 (pass 0 or NAN when there is none: that
 * is EKV_UNITS_ERROR_NO_BATCHES). */
gboolean     ekv_period_get_per_year         (EkvPeriod          period,
                                              const EkvCalendar *calendar,
                                              double             batches_per_year,
                                              double            *per_year,
                                              GError           **error);

/* The per-year multiplier of a flow (or of a product record: same rule, no
 * units). For the batch period it takes batches_per_year of FROM_UNIT, or of
 * TO_UNIT when FROM_UNIT has none (either may be NULL; a unit's batches count
 * only when the field is set). */
gboolean     ekv_flow_get_per_year           (EkvRecord         *flow,
                                              const EkvCalendar *calendar,
                                              EkvRecord         *from_unit,
                                              EkvRecord         *to_unit,
                                              double            *per_year,
                                              GError           **error);

/* QUANTITY of UNIT in kg. DENSITY is in kg per L (> 0), or 0 / NAN when none is
 * known: g, kg, t convert without it; L and m3 need it; Sm3 and Nm3 need it too
 * (a Sm³ is taken as 1000 L of gas at that density); kWh and the other energy
 * units and pcs are EKV_UNITS_ERROR_INCOMPATIBLE. */
gboolean     ekv_quantity_to_kg              (double           quantity,
                                              EkvQuantityUnit  unit,
                                              double           density,
                                              double          *kg,
                                              GError         **error);

/* The density that brings a flow into the mass balance, in kg/L: the flow's own
 * density when set; 1.0 for kinds water, wastewater and evaporation in L or m3;
 * 0 when none applies. Sm3 and Nm3 only ever use a density that is set. */
double       ekv_flow_get_mass_density       (EkvRecord      *flow);

/* A yearly QUANTITY of FLOW (in the flow's unit) in kg, with
 * ekv_flow_get_mass_density(). It does not look at the kind: callers decide which
 * kinds count in the mass balance (see ekv_flow_kind_counts_in_mass()). */
gboolean     ekv_flow_quantity_to_kg         (EkvRecord      *flow,
                                              double          quantity,
                                              double         *kg,
                                              GError        **error);

/* Kinds the mass balance counts: every kind except energy and heat_loss. */
gboolean     ekv_flow_kind_counts_in_mass    (EkvFlowKind     kind);

/* QUANTITY of UNIT in m³ of water: L ×0.001, m3 ×1, mass units through 1 kg/L.
 * Sm3, Nm3, energy units and pcs are EKV_UNITS_ERROR_INCOMPATIBLE. */
gboolean     ekv_quantity_to_water_m3        (double           quantity,
                                              EkvQuantityUnit  unit,
                                              double          *m3,
                                              GError         **error);

/* QUANTITY of UNIT in kWh. Energy units convert directly (kWh ×1, MWh ×1000,
 * MJ ÷3.6, GJ ×1000÷3.6, kcal ×0.001163, Mcal ×1.163, TEP ×11630) and FACTOR is
 * not used (may be NULL). A physical unit is first brought to FACTOR's unit
 * (ekv_quantity_unit_convert()) and multiplied by its lhv_kwh: without a factor,
 * a factor without a heating value, or a unit that does not convert to the
 * factor's, it is EKV_UNITS_ERROR_NO_FACTOR or _INCOMPATIBLE. */
gboolean     ekv_quantity_to_kwh             (double           quantity,
                                              EkvQuantityUnit  unit,
                                              const EkvFactor *factor,
                                              double          *kwh,
                                              GError         **error);

/* TEP and kg CO2 of QUANTITY of a carrier bought from outside (audit-format.md,
 * "TEP and CO2"). In FACTOR's own unit (or one that converts to it, like t for
 * kg): × tep and × co2_kg per unit. In an energy unit: per kWh of the factor
 * (tep / lhv_kwh, co2_kg / lhv_kwh); without a factor (NULL, or one without a
 * heating value) 1/11630 TEP per kWh and no CO2. Fails only when the quantity
 * can be brought neither to the factor's unit nor to kWh. TEP or CO2_KG may be NULL. */
gboolean     ekv_quantity_to_tep_co2         (double           quantity,
                                              EkvQuantityUnit  unit,
                                              const EkvFactor *factor,
                                              double          *tep,
                                              double          *co2_kg,
                                              GError         **error);

/* ekv_quantity_to_kwh() and ekv_quantity_to_tep_co2() for a yearly QUANTITY of
 * FLOW (in the flow's unit). When the flow is a volume and FACTOR is per mass (diesel
 * bought in litres, a factor per tonne), or the other way round, the flow's own
 * density (when set) bridges the two; otherwise they are the same as the
 * quantity functions. */
gboolean     ekv_flow_quantity_to_kwh        (EkvRecord       *flow,
                                              double           quantity,
                                              const EkvFactor *factor,
                                              double          *kwh,
                                              GError         **error);
gboolean     ekv_flow_quantity_to_tep_co2    (EkvRecord       *flow,
                                              double           quantity,
                                              const EkvFactor *factor,
                                              double          *tep,
                                              double          *co2_kg,
                                              GError         **error);

G_END_DECLS
