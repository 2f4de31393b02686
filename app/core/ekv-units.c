/* ekv-units.c: quantities to yearly totals in kg, m³ and kWh
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-entity.h"
#include "ekv-factors.h"
#include "ekv-units.h"

G_DEFINE_QUARK (ekv-units-error-quark, ekv_units_error)

EkvDimension
ekv_quantity_unit_get_dimension (EkvQuantityUnit unit)
{
  switch (unit)
    {
    case EKV_QUANTITY_UNIT_G:
    case EKV_QUANTITY_UNIT_KG:
    case EKV_QUANTITY_UNIT_T:
      return EKV_DIMENSION_MASS;
    case EKV_QUANTITY_UNIT_L:
    case EKV_QUANTITY_UNIT_M3:
      return EKV_DIMENSION_VOLUME;
    case EKV_QUANTITY_UNIT_SM3:
    case EKV_QUANTITY_UNIT_NM3:
      return EKV_DIMENSION_GAS_VOLUME;
    case EKV_QUANTITY_UNIT_KWH:
    case EKV_QUANTITY_UNIT_MWH:
    case EKV_QUANTITY_UNIT_MJ:
    case EKV_QUANTITY_UNIT_GJ:
    case EKV_QUANTITY_UNIT_KCAL:
    case EKV_QUANTITY_UNIT_MCAL:
    case EKV_QUANTITY_UNIT_TEP:
      return EKV_DIMENSION_ENERGY;
    case EKV_QUANTITY_UNIT_PCS:
    default:
      return EKV_DIMENSION_COUNT;
    }
}

double
ekv_quantity_unit_to_base (EkvQuantityUnit unit)
{
  switch (unit)
    {
    case EKV_QUANTITY_UNIT_G:    return 0.001;
    case EKV_QUANTITY_UNIT_KG:   return 1.0;
    case EKV_QUANTITY_UNIT_T:    return 1000.0;
    case EKV_QUANTITY_UNIT_L:    return 0.001;
    case EKV_QUANTITY_UNIT_M3:   return 1.0;
    case EKV_QUANTITY_UNIT_SM3:  return 1.0;
    case EKV_QUANTITY_UNIT_NM3:  return 1.0;
    case EKV_QUANTITY_UNIT_KWH:  return 1.0;
    case EKV_QUANTITY_UNIT_MWH:  return 1000.0;
    case EKV_QUANTITY_UNIT_MJ:   return EKV_KWH_PER_MJ;
    case EKV_QUANTITY_UNIT_GJ:   return 1000.0 / 3.6;
    case EKV_QUANTITY_UNIT_KCAL: return EKV_KWH_PER_KCAL;
    case EKV_QUANTITY_UNIT_MCAL: return 1.163;
    case EKV_QUANTITY_UNIT_TEP:  return EKV_KWH_PER_TEP;
    case EKV_QUANTITY_UNIT_PCS:  return 1.0;
    default:                     return NAN;
    }
}

/* Multiplying by the ratio of the two base factors would change exact values by
 * an ulp (0.001 is not exact); converting within one unit, or to and from the
 * base unit, is done with a single multiplication or division. */
gboolean
ekv_quantity_unit_convert (double          value,
                           EkvQuantityUnit from,
                           EkvQuantityUnit to,
                           double         *result)
{
  EkvDimension dim;
  double from_base, to_base;

  g_return_val_if_fail (result != NULL, FALSE);

  if (from == to)
    {
      *result = value;
      return TRUE;
    }

  dim = ekv_quantity_unit_get_dimension (from);
  if (dim != ekv_quantity_unit_get_dimension (to)
      || dim == EKV_DIMENSION_GAS_VOLUME || dim == EKV_DIMENSION_COUNT)
    return FALSE;

  from_base = ekv_quantity_unit_to_base (from);
  to_base = ekv_quantity_unit_to_base (to);
  if (to_base == 1.0)
    *result = value * from_base;
  else if (from_base == 1.0)
    *result = value / to_base;
  else
    *result = value * from_base / to_base;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Periods                                                                  */

void
ekv_calendar_init_default (EkvCalendar *calendar)
{
  g_return_if_fail (calendar != NULL);

  calendar->days_per_year = 250;
  calendar->shifts_per_day = 1;
  calendar->hours_per_day = 8;
}

void
ekv_calendar_init_from_company (EkvCalendar *calendar,
                                EkvRecord   *company)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (EKV_IS_RECORD (company));
  g_return_if_fail (ekv_record_get_kind (company) == EKV_ENTITY_COMPANY);

  calendar->days_per_year = ekv_record_get_double (company, EKV_COMPANY_DAYS_PER_YEAR);
  calendar->shifts_per_day = ekv_record_get_double (company, EKV_COMPANY_SHIFTS_PER_DAY);
  calendar->hours_per_day = ekv_record_get_double (company, EKV_COMPANY_HOURS_PER_DAY);
}

gboolean
ekv_period_get_per_year (EkvPeriod          period,
                         const EkvCalendar *calendar,
                         double             batches_per_year,
                         double            *per_year,
                         GError           **error)
{
  double n;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (per_year != NULL, FALSE);

  switch (period)
    {
    case EKV_PERIOD_BATCH:
      if (!(batches_per_year > 0) || !isfinite (batches_per_year))
        {
          g_set_error_literal (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_BATCHES,
                               _("Given per batch, but no unit operation of it has a number of batches per year"));
          return FALSE;
        }
      n = batches_per_year;
      break;
    case EKV_PERIOD_HOUR:
      n = calendar->days_per_year * calendar->hours_per_day;
      break;
    case EKV_PERIOD_SHIFT:
      n = calendar->days_per_year * calendar->shifts_per_day;
      break;
    case EKV_PERIOD_DAY:
      n = calendar->days_per_year;
      break;
    case EKV_PERIOD_WEEK:
      n = 52;
      break;
    case EKV_PERIOD_MONTH:
      n = 12;
      break;
    case EKV_PERIOD_YEAR:
    default:
      n = 1;
      break;
    }

  *per_year = n;
  return TRUE;
}

static double
unit_batches (EkvRecord *unit)
{
  if (unit == NULL || !ekv_record_is_set (unit, EKV_UNIT_OPERATION_BATCHES_PER_YEAR))
    return 0;
  return ekv_record_get_double (unit, EKV_UNIT_OPERATION_BATCHES_PER_YEAR);
}

gboolean
ekv_flow_get_per_year (EkvRecord         *flow,
                       const EkvCalendar *calendar,
                       EkvRecord         *from_unit,
                       EkvRecord         *to_unit,
                       double            *per_year,
                       GError           **error)
{
  EkvPeriod period;
  double batches;

  g_return_val_if_fail (EKV_IS_RECORD (flow), FALSE);
  g_return_val_if_fail (calendar != NULL, FALSE);

  if (ekv_record_get_kind (flow) == EKV_ENTITY_PRODUCT)
    period = ekv_record_get_enum (flow, EKV_PRODUCT_PERIOD);
  else
    period = ekv_record_get_enum (flow, EKV_FLOW_PERIOD);

  batches = unit_batches (from_unit);
  if (!(batches > 0))
    batches = unit_batches (to_unit);

  return ekv_period_get_per_year (period, calendar, batches, per_year, error);
}

/* ------------------------------------------------------------------------ */
/* Mass, water, energy                                                      */

static gboolean
check_quantity (double   quantity,
                GError **error)
{
  if (isfinite (quantity) && quantity >= 0)
    return TRUE;
  g_set_error_literal (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INVALID,
                       _("The quantity must be a number of zero or more"));
  return FALSE;
}

gboolean
ekv_quantity_to_kg (double           quantity,
                    EkvQuantityUnit  unit,
                    double           density,
                    double          *kg,
                    GError         **error)
{
  gboolean has_density = isfinite (density) && density > 0;

  g_return_val_if_fail (kg != NULL, FALSE);

  if (!check_quantity (quantity, error))
    return FALSE;

  switch (ekv_quantity_unit_get_dimension (unit))
    {
    case EKV_DIMENSION_MASS:
      *kg = quantity * ekv_quantity_unit_to_base (unit);
      return TRUE;
    case EKV_DIMENSION_VOLUME:
    case EKV_DIMENSION_GAS_VOLUME:
      if (!has_density)
        {
          g_set_error_literal (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_DENSITY,
                               _("A volume needs a density to be counted as a mass"));
          return FALSE;
        }
      /* m3, Sm3, Nm3: 1000 L; density in kg/L */
      if (unit == EKV_QUANTITY_UNIT_L)
        *kg = quantity * density;
      else
        *kg = quantity * 1000.0 * density;
      return TRUE;
    case EKV_DIMENSION_ENERGY:
    case EKV_DIMENSION_COUNT:
    default:
      g_set_error_literal (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INCOMPATIBLE,
                           _("An amount of energy or a number of pieces cannot be counted as a mass"));
      return FALSE;
    }
}

double
ekv_flow_get_mass_density (EkvRecord *flow)
{
  EkvQuantityUnit unit;
  EkvFlowKind kind;

  g_return_val_if_fail (EKV_IS_RECORD (flow), 0);

  if (ekv_record_is_set (flow, EKV_FLOW_DENSITY))
    return ekv_record_get_double (flow, EKV_FLOW_DENSITY);

  unit = ekv_record_get_enum (flow, EKV_FLOW_UNIT);
  kind = ekv_record_get_enum (flow, EKV_FLOW_KIND);
  if (ekv_quantity_unit_get_dimension (unit) == EKV_DIMENSION_VOLUME
      && (kind == EKV_FLOW_KIND_WATER
          || kind == EKV_FLOW_KIND_WASTEWATER
          || kind == EKV_FLOW_KIND_EVAPORATION))
    return 1.0;

  return 0;
}

gboolean
ekv_flow_quantity_to_kg (EkvRecord *flow,
                         double     quantity,
                         double    *kg,
                         GError   **error)
{
  g_return_val_if_fail (EKV_IS_RECORD (flow), FALSE);

  return ekv_quantity_to_kg (quantity, ekv_record_get_enum (flow, EKV_FLOW_UNIT),
                             ekv_flow_get_mass_density (flow), kg, error);
}

gboolean
ekv_flow_kind_counts_in_mass (EkvFlowKind kind)
{
  return kind != EKV_FLOW_KIND_ENERGY && kind != EKV_FLOW_KIND_HEAT_LOSS;
}

gboolean
ekv_quantity_to_water_m3 (double           quantity,
                          EkvQuantityUnit  unit,
                          double          *m3,
                          GError         **error)
{
  g_return_val_if_fail (m3 != NULL, FALSE);

  if (!check_quantity (quantity, error))
    return FALSE;

  switch (ekv_quantity_unit_get_dimension (unit))
    {
    case EKV_DIMENSION_VOLUME:
      *m3 = unit == EKV_QUANTITY_UNIT_L ? quantity / 1000.0 : quantity;
      return TRUE;
    case EKV_DIMENSION_MASS:
      /* 1 kg of water is 1 L */
      *m3 = quantity * ekv_quantity_unit_to_base (unit) / 1000.0;
      return TRUE;
    case EKV_DIMENSION_GAS_VOLUME:
    case EKV_DIMENSION_ENERGY:
    case EKV_DIMENSION_COUNT:
    default:
      g_set_error_literal (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INCOMPATIBLE,
                           _("Water must be given as a volume (L, m³) or a mass"));
      return FALSE;
    }
}

gboolean
ekv_quantity_to_kwh (double           quantity,
                     EkvQuantityUnit  unit,
                     const EkvFactor *factor,
                     double          *kwh,
                     GError         **error)
{
  double in_factor_unit;

  g_return_val_if_fail (kwh != NULL, FALSE);

  if (!check_quantity (quantity, error))
    return FALSE;

  if (ekv_quantity_unit_get_dimension (unit) == EKV_DIMENSION_ENERGY)
    {
      *kwh = quantity * ekv_quantity_unit_to_base (unit);
      return TRUE;
    }

  if (factor == NULL || !isfinite (factor->lhv_kwh))
    {
      g_set_error_literal (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_FACTOR,
                           _("No heating value is known for this carrier: give the quantity in an energy unit, or add a factor"));
      return FALSE;
    }

  if (!ekv_quantity_unit_convert (quantity, unit, factor->unit, &in_factor_unit))
    {
      g_set_error_literal (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_INCOMPATIBLE,
                           _("The quantity’s unit does not convert to the unit of the carrier’s heating value"));
      return FALSE;
    }

  *kwh = in_factor_unit * factor->lhv_kwh;
  return TRUE;
}

gboolean
ekv_quantity_to_tep_co2 (double           quantity,
                         EkvQuantityUnit  unit,
                         const EkvFactor *factor,
                         double          *tep,
                         double          *co2_kg,
                         GError         **error)
{
  double in_factor_unit, kwh;
  double t, c;

  if (!check_quantity (quantity, error))
    return FALSE;

  if (factor != NULL
      && ekv_quantity_unit_convert (quantity, unit, factor->unit, &in_factor_unit))
    {
      t = in_factor_unit * factor->tep;
      c = in_factor_unit * factor->co2_kg;
    }
  else
    {
      if (!ekv_quantity_to_kwh (quantity, unit, factor, &kwh, error))
        return FALSE;
      if (factor != NULL && isfinite (factor->lhv_kwh) && factor->lhv_kwh > 0)
        {
          t = kwh * factor->tep / factor->lhv_kwh;
          c = kwh * factor->co2_kg / factor->lhv_kwh;
        }
      else
        {
          t = kwh / EKV_KWH_PER_TEP;
          c = 0;
        }
    }

  if (tep != NULL)
    *tep = t;
  if (co2_kg != NULL)
    *co2_kg = c;
  return TRUE;
}

/* A quantity of FLOW in a unit FACTOR can take: a volume through the flow's density
 * to kg when the factor is per mass, a mass to L when it is per volume. */
static void
bridge_density (EkvRecord       *flow,
                double           quantity,
                const EkvFactor *factor,
                double          *bridged,
                EkvQuantityUnit *unit)
{
  EkvDimension flow_dim, factor_dim;
  double density;

  *bridged = quantity;
  *unit = ekv_record_get_enum (flow, EKV_FLOW_UNIT);

  if (factor == NULL || !ekv_record_is_set (flow, EKV_FLOW_DENSITY))
    return;
  density = ekv_record_get_double (flow, EKV_FLOW_DENSITY);
  if (!(density > 0) || !isfinite (density) || !isfinite (quantity))
    return;

  flow_dim = ekv_quantity_unit_get_dimension (*unit);
  factor_dim = ekv_quantity_unit_get_dimension (factor->unit);
  if ((flow_dim == EKV_DIMENSION_VOLUME || flow_dim == EKV_DIMENSION_GAS_VOLUME)
      && factor_dim == EKV_DIMENSION_MASS)
    {
      if (ekv_quantity_to_kg (quantity, *unit, density, bridged, NULL))
        *unit = EKV_QUANTITY_UNIT_KG;
      else
        *bridged = quantity;
    }
  else if (flow_dim == EKV_DIMENSION_MASS && factor_dim == EKV_DIMENSION_VOLUME)
    {
      *bridged = quantity * ekv_quantity_unit_to_base (*unit) / density;
      *unit = EKV_QUANTITY_UNIT_L;
    }
}

gboolean
ekv_flow_quantity_to_kwh (EkvRecord       *flow,
                          double           quantity,
                          const EkvFactor *factor,
                          double          *kwh,
                          GError         **error)
{
  EkvQuantityUnit unit;
  double q;

  g_return_val_if_fail (EKV_IS_RECORD (flow), FALSE);

  bridge_density (flow, quantity, factor, &q, &unit);
  return ekv_quantity_to_kwh (q, unit, factor, kwh, error);
}

gboolean
ekv_flow_quantity_to_tep_co2 (EkvRecord       *flow,
                              double           quantity,
                              const EkvFactor *factor,
                              double          *tep,
                              double          *co2_kg,
                              GError         **error)
{
  EkvQuantityUnit unit;
  double q;

  g_return_val_if_fail (EKV_IS_RECORD (flow), FALSE);

  bridge_density (flow, quantity, factor, &q, &unit);
  return ekv_quantity_to_tep_co2 (q, unit, factor, tep, co2_kg, error);
}
