/* ekv-xlsx-factors.c: the energy factors of the workbook as named input cells
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Every factor an energy flow uses (the audit's own before the built-in, as
 * ekv_factors_lookup() chooses) gets a row of the Energy sheet's factor table
 * and one defined name per quantity: LHV_kWh_<carrier>_<unit>,
 * TEP_<carrier>_<unit> and CO2_kg_<carrier>_<unit>. Each formula that converts
 * energy (the Inventory's kWh, TEP and CO₂ columns, the options' CO₂ avoided and
 * energy saved) multiplies a quantity by an expression over those names, so a
 * factor changed in its cell reaches the balances, the options and the MACC.
 *
 * The expressions follow ekv_flow_quantity_to_kwh() and
 * ekv_flow_quantity_to_tep_co2(): a quantity that converts to the factor's unit
 * takes its heating value, TEP and CO₂ per unit directly; one in an energy unit
 * takes TEP and CO₂ per kWh of the factor (TEP/LHV); a volume weighed into a
 * factor per mass goes through the flow's density cell. Which way core went is
 * found by probing it with stand-in factors, and the expression's value is
 * checked against core's; where they disagree the plain number is written.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-units.h"
#include "ekv-xlsx-private.h"

#define KEY(carrier, unit) GUINT_TO_POINTER (((guint) (carrier) << 8 | (guint) (unit)) + 1)

void
_ekv_xlsx_factor_free (EkvXlsxFactor *factor)
{
  g_free (factor->lhv_name);
  g_free (factor->tep_name);
  g_free (factor->co2_name);
  g_free (factor);
}

void
ekv_xlsx_energy_clear (EkvXlsxEnergy *energy)
{
  g_clear_pointer (&energy->kwh, g_free);
  g_clear_pointer (&energy->tep, g_free);
  g_clear_pointer (&energy->co2, g_free);
}

static void
append_nick (GString *name,
             GType    type,
             int      value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);
  const char *nick = v != NULL ? v->value_nick : "x";

  /* Names take letters, digits and '_' (both Excel and LibreOffice). */
  for (const char *p = nick; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? *p : '_');
}

static char *
factor_name (const char *prefix,
             EkvCarrier  carrier,
             EkvQuantityUnit unit)
{
  GString *name = g_string_new (prefix);

  append_nick (name, EKV_TYPE_CARRIER, carrier);
  g_string_append_c (name, '_');
  append_nick (name, EKV_TYPE_QUANTITY_UNIT, unit);
  return g_string_free (name, FALSE);
}

static gboolean
same_number (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

static char *
define (EkvXlsx    *self,
        const char *prefix,
        EkvCarrier  carrier,
        EkvQuantityUnit unit,
        const char *sheet,
        lxw_row_t   row,
        lxw_col_t   col)
{
  g_autofree char *name = factor_name (prefix, carrier, unit);
  g_autofree char *cell = ekv_xlsx_ref (NULL, row, col, TRUE);
  g_autofree char *formula = g_strdup_printf ("=%s!%s", sheet, cell);

  if (workbook_define_name (self->workbook, name, formula) != LXW_NO_ERROR)
    return NULL;
  return g_steal_pointer (&name);
}

const EkvXlsxFactor *
ekv_xlsx_find_factor (EkvXlsx         *self,
                      EkvCarrier       carrier,
                      EkvQuantityUnit  unit)
{
  for (guint i = 0; i < self->factors->len; i++)
    {
      const EkvXlsxFactor *xf = g_ptr_array_index (self->factors, i);

      if (xf->factor.carrier == carrier && xf->factor.unit == unit)
        return xf;
    }
  return NULL;
}

void
ekv_xlsx_register_factors (EkvXlsx   *self,
                           lxw_row_t  first_row)
{
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  g_autofree char *energy = ekv_xlsx_quote_sheet_name (_("Energy"));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *flows = self->balance->flows;

  self->factor_first_row = first_row;
  for (guint i = 0; i < flows->len; i++)
    {
      EkvRecord *flow = g_array_index (flows, EkvFlowFigures, i).flow;
      EkvFlowKind kind = ekv_record_get_enum (flow, EKV_FLOW_KIND);
      EkvCarrier carrier;
      EkvQuantityUnit unit;
      EkvXlsxFactor *xf;
      EkvFactor factor;
      lxw_row_t row;

      if ((kind != EKV_FLOW_KIND_ENERGY && kind != EKV_FLOW_KIND_HEAT_LOSS)
          || !ekv_record_is_set (flow, EKV_FLOW_CARRIER))
        continue;
      carrier = ekv_record_get_enum (flow, EKV_FLOW_CARRIER);
      unit = ekv_record_get_enum (flow, EKV_FLOW_UNIT);
      if (!g_hash_table_add (seen, KEY (carrier, unit))
          || !ekv_factors_lookup (self->document, carrier, unit, &factor)
          || ekv_xlsx_find_factor (self, factor.carrier, factor.unit) != NULL)
        continue;

      row = first_row + self->factors->len;
      xf = g_new0 (EkvXlsxFactor, 1);
      xf->factor = factor;
      xf->row = row;
      if (isfinite (factor.lhv_kwh))
        xf->lhv_name = define (self, "LHV_kWh_", factor.carrier, factor.unit, energy, row, 3);
      xf->tep_name = define (self, "TEP_", factor.carrier, factor.unit, energy, row, 4);
      xf->co2_name = define (self, "CO2_kg_", factor.carrier, factor.unit, energy, row, 5);
      g_ptr_array_add (self->factors, xf);
    }
}

/* |a − b| within rounding of the larger. */
static gboolean
close_to (double a,
          double b)
{
  return isfinite (a) && isfinite (b) && fabs (a - b) <= 1e-12 * MAX (fabs (a), fabs (b));
}

/* "NUMBER*NAME", or "NAME" when NUMBER is 1. */
static char *
times (double      number,
       const char *name)
{
  g_autofree char *text = NULL;

  if (number == 1)
    return g_strdup (name);
  text = ekv_xlsx_formula_number (number);
  return g_strdup_printf ("%s*%s", text, name);
}

/* One unit of FLOW in the factor's unit (CONV, as core bridged it): through the
 * flow's density cell on the Inventory where a volume became a mass with it
 * (fuel oil in litres, a factor per tonne), so a changed density counts. */
static char *
conversion (EkvXlsx         *self,
            EkvRecord       *flow,
            const EkvFactor *factor,
            double           conv,
            gboolean        *uses_density)
{
  EkvQuantityUnit unit = ekv_record_get_enum (flow, EKV_FLOW_UNIT);
  EkvDimension dimension = ekv_quantity_unit_get_dimension (unit);
  guint row = GPOINTER_TO_UINT (g_hash_table_lookup (self->flow_rows,
                                                     ekv_record_get_string (flow, EKV_FLOW_ID)));

  if (row != 0 && self->inventory != NULL && ekv_record_is_set (flow, EKV_FLOW_DENSITY)
      && (dimension == EKV_DIMENSION_VOLUME || dimension == EKV_DIMENSION_GAS_VOLUME)
      && ekv_quantity_unit_get_dimension (factor->unit) == EKV_DIMENSION_MASS)
    {
      /* kg per unit of the flow = litres × density (kg/L); then in the factor's unit. */
      double litres = dimension == EKV_DIMENSION_VOLUME ? ekv_quantity_unit_to_base (unit) * 1000
                                                        : 1000;
      double per = litres / ekv_quantity_unit_to_base (factor->unit);

      if (close_to (per * ekv_record_get_double (flow, EKV_FLOW_DENSITY), conv))
        {
          g_autofree char *number = ekv_xlsx_formula_number (per);
          g_autofree char *density = ekv_xlsx_ref (self->inventory, row - 1, EKV_FLOW_DENSITY,
                                                   TRUE);

          *uses_density = TRUE;
          return per == 1 ? g_steal_pointer (&density)
                          : g_strdup_printf ("%s*%s", number, density);
        }
    }
  return ekv_xlsx_formula_number (conv);
}

/* "CONV*NAME", or "NAME" when CONV is 1. */
static char *
scaled (const char *conv,
        const char *name)
{
  if (g_str_equal (conv, "1"))
    return g_strdup (name);
  return g_strdup_printf ("%s*%s", conv, name);
}

void
ekv_xlsx_flow_energy (EkvXlsx       *self,
                      EkvRecord     *flow,
                      EkvXlsxEnergy *energy)
{
  EkvFactor factor_data, probe1, probe2;
  const EkvFactor *factor = NULL;
  const EkvXlsxFactor *xf = NULL;
  double kwh = NAN, tep = NAN, co2 = NAN;
  double conv = NAN, tep1 = NAN, tep2 = NAN;
  gboolean energy_unit;

  energy->kwh = energy->tep = energy->co2 = NULL;
  energy->kwh_value = energy->tep_value = energy->co2_value = NAN;
  energy->uses_density = FALSE;

  /* As the balances and the options do. */
  if (ekv_record_is_set (flow, EKV_FLOW_CARRIER)
      && ekv_factors_lookup (self->document, ekv_record_get_enum (flow, EKV_FLOW_CARRIER),
                             ekv_record_get_enum (flow, EKV_FLOW_UNIT), &factor_data))
    factor = &factor_data;
  if (!ekv_flow_quantity_to_kwh (flow, 1.0, factor, &kwh, NULL) || !isfinite (kwh))
    return;
  if (!ekv_flow_quantity_to_tep_co2 (flow, 1.0, factor, &tep, &co2, NULL))
    tep = co2 = NAN;
  energy->kwh_value = kwh;
  energy->tep_value = tep;
  energy->co2_value = co2;

  if (factor != NULL)
    {
      xf = ekv_xlsx_find_factor (self, factor->carrier, factor->unit);
      if (xf != NULL && !(same_number (xf->factor.lhv_kwh, factor->lhv_kwh)
                          && same_number (xf->factor.tep, factor->tep)
                          && same_number (xf->factor.co2_kg, factor->co2_kg)))
        xf = NULL;
    }
  energy_unit = ekv_quantity_unit_get_dimension (ekv_record_get_enum (flow, EKV_FLOW_UNIT))
                == EKV_DIMENSION_ENERGY;

  /* kWh: an energy unit converts by itself; another through the heating value. */
  if (!energy_unit && xf != NULL && xf->lhv_name != NULL)
    {
      probe1 = *factor;
      probe1.lhv_kwh = probe1.tep = probe1.co2_kg = 1;
      if (ekv_flow_quantity_to_kwh (flow, 1.0, &probe1, &conv, NULL)
          && close_to (conv * factor->lhv_kwh, kwh))
        {
          g_autofree char *per_unit = conversion (self, flow, factor, conv,
                                                  &energy->uses_density);

          energy->kwh = scaled (per_unit, xf->lhv_name);
        }
    }
  if (energy->kwh == NULL)
    energy->kwh = ekv_xlsx_formula_number (kwh);

  if (!isfinite (tep) || !isfinite (co2))
    return;
  if (xf != NULL)
    {
      /* The same quantity with a heating value of 1 and of 2: TEP per unit
       * does not change when core took the factor's unit directly. */
      probe1 = *factor;
      probe1.lhv_kwh = probe1.tep = probe1.co2_kg = 1;
      probe2 = probe1;
      probe2.lhv_kwh = 2;
      if (ekv_flow_quantity_to_tep_co2 (flow, 1.0, &probe1, &tep1, NULL, NULL)
          && ekv_flow_quantity_to_tep_co2 (flow, 1.0, &probe2, &tep2, NULL, NULL))
        {
          if (tep1 == tep2)
            {
              if (close_to (tep1 * factor->tep, tep) && close_to (tep1 * factor->co2_kg, co2))
                {
                  g_autofree char *per_unit = conversion (self, flow, factor, tep1,
                                                          &energy->uses_density);

                  energy->tep = scaled (per_unit, xf->tep_name);
                  energy->co2 = scaled (per_unit, xf->co2_name);
                }
            }
          else if (xf->lhv_name != NULL && factor->lhv_kwh > 0
                   && close_to (kwh * factor->tep / factor->lhv_kwh, tep)
                   && close_to (kwh * factor->co2_kg / factor->lhv_kwh, co2))
            {
              g_autofree char *tep_kwh = times (kwh, xf->tep_name);
              g_autofree char *co2_kwh = times (kwh, xf->co2_name);

              energy->tep = g_strdup_printf ("%s/%s", tep_kwh, xf->lhv_name);
              energy->co2 = g_strdup_printf ("%s/%s", co2_kwh, xf->lhv_name);
            }
        }
    }
  if (energy->tep == NULL)
    {
      energy->tep = ekv_xlsx_formula_number (tep);
      energy->co2 = ekv_xlsx_formula_number (co2);
    }
}
