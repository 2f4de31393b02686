/* ekv-options.c: the economics and effects of an audit's options, and the portfolio
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-entity.h"
#include "ekv-factors.h"
#include "ekv-options.h"
#include "ekv-units.h"

gboolean
ekv_option_status_in_portfolio (EkvOptionStatus status)
{
  return status == EKV_OPTION_STATUS_APPROVED
         || status == EKV_OPTION_STATUS_IN_PROGRESS
         || status == EKV_OPTION_STATUS_DONE;
}

static void
option_result_clear (EkvOptionResult *result)
{
  g_clear_object (&result->option);
  g_clear_pointer (&result->id, g_free);
}

void
ekv_options_free (EkvOptions *options)
{
  if (options == NULL)
    return;
  g_array_unref (options->options);
  g_free (options);
}

const EkvOptionResult *
ekv_options_find (EkvOptions *options,
                  const char *id)
{
  g_return_val_if_fail (options != NULL, NULL);

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < options->options->len; i++)
    {
      const EkvOptionResult *result = &g_array_index (options->options, EkvOptionResult, i);

      if (g_strcmp0 (result->id, id) == 0)
        return result;
    }
  return NULL;
}

static gboolean
is_outside (const char *id)
{
  return id == NULL || id[0] == '\0';
}

/* A quantity change DELTA (any sign) brought to another quantity by CONVERT,
 * which only takes quantities ≥ 0; the sign is put back. */
typedef gboolean (*FlowConvertFunc) (EkvRecord  *flow,
                                     double      quantity,
                                     double     *result,
                                     GError    **error);

static double
signed_convert (EkvRecord       *flow,
                double           delta,
                FlowConvertFunc  convert)
{
  double value = NAN;

  if (!convert (flow, fabs (delta), &value, NULL))
    return NAN;
  return delta < 0 ? -value : value;
}

static gboolean
flow_to_water_m3 (EkvRecord  *flow,
                  double      quantity,
                  double     *m3,
                  GError    **error)
{
  return ekv_quantity_to_water_m3 (quantity, ekv_record_get_enum (flow, EKV_FLOW_UNIT), m3, error);
}

/* The effect of one change on RESULT. BASELINE gives the flow's per-year
 * multiplier exactly as the balances counted it. */
static void
add_change (EkvDocument     *document,
            EkvBalance      *baseline,
            EkvRecord       *change,
            EkvOptionResult *result)
{
  const char *flow_id = ekv_record_get_string (change, EKV_CHANGE_FLOW);
  const EkvFlowFigures *fig = ekv_balance_find_flow (baseline, flow_id);
  EkvRecord *flow;
  EkvFlowKind kind;
  const char *from_id;
  const char *to_id;
  double delta;   /* Δ quantity per year, in the flow's unit */
  static const char *no_batches =
    N_("A flow this option changes is given per batch, but its unit operations have no number of batches per year.");

  if (fig == NULL)
    return;   /* a dangling reference cannot be stored; nothing to count */
  flow = fig->flow;

  if (ekv_record_is_set (change, EKV_CHANGE_DELTA))
    delta = ekv_record_get_double (change, EKV_CHANGE_DELTA) * fig->per_year;
  else if (ekv_record_is_set (change, EKV_CHANGE_DELTA_PCT))
    delta = ekv_record_get_double (change, EKV_CHANGE_DELTA_PCT) / 100.0 * fig->yearly;
  else
    return;   /* a change without an amount changes nothing */

  kind = ekv_record_get_enum (flow, EKV_FLOW_KIND);
  from_id = ekv_record_get_string (flow, EKV_FLOW_FROM);
  to_id = ekv_record_get_string (flow, EKV_FLOW_TO);

  if (!isfinite (delta))
    {
      /* Per batch without batches per year: the balances left the flow out too.
       * The NAN runs through the sums below; the notes say why. */
      if (ekv_record_is_set (flow, EKV_FLOW_PRICE) && result->annual_saving_note == NULL)
        result->annual_saving_note = no_batches;
      if (kind == EKV_FLOW_KIND_ENERGY && is_outside (from_id)
          && result->co2_avoided_t_note == NULL)
        result->co2_avoided_t_note = no_batches;
    }

  /* The contract: −Δ × price whatever the kind. A price is what one unit of the
   * flow is worth to the firm (purchase price of an input, disposal cost of a
   * waste); revenue from selling a by-product belongs in other_savings (see the
   * sample's option o10), not in a price on a by-product flow. */
  if (delta != 0 && ekv_record_is_set (flow, EKV_FLOW_PRICE))
    result->flow_saving += -delta * ekv_record_get_double (flow, EKV_FLOW_PRICE);

  if (delta == 0)
    return;

  switch (kind)
    {
    case EKV_FLOW_KIND_WATER:
      if (is_outside (from_id))
        result->water_saved_m3 -= signed_convert (flow, delta, flow_to_water_m3);
      break;

    case EKV_FLOW_KIND_WASTEWATER:
      if (is_outside (to_id))
        result->wastewater_saved_m3 -= signed_convert (flow, delta, flow_to_water_m3);
      break;

    case EKV_FLOW_KIND_SOLID_WASTE:
    case EKV_FLOW_KIND_HAZARDOUS_WASTE:
      if (is_outside (to_id))
        result->waste_avoided_kg -= signed_convert (flow, delta, ekv_flow_quantity_to_kg);
      break;

    case EKV_FLOW_KIND_RAW_MATERIAL:
      if (is_outside (from_id))
        result->raw_material_saved_t -=
          signed_convert (flow, delta, ekv_flow_quantity_to_kg) / 1000.0;
      break;

    case EKV_FLOW_KIND_ENERGY:
      if (is_outside (from_id))
        {
          EkvFactor factor_data;
          const EkvFactor *factor = NULL;
          double kwh = NAN, tep = NAN, co2_kg = NAN;
          double sign = delta < 0 ? -1 : 1;

          /* As the balances do: a factor only for a flow with a carrier, the
           * audit's own factor before the built-in one. */
          if (ekv_record_is_set (flow, EKV_FLOW_CARRIER)
              && ekv_factors_lookup (document, ekv_record_get_enum (flow, EKV_FLOW_CARRIER),
                                     ekv_record_get_enum (flow, EKV_FLOW_UNIT), &factor_data))
            factor = &factor_data;

          if (!ekv_flow_quantity_to_kwh (flow, fabs (delta), factor, &kwh, NULL))
            kwh = NAN;
          if (!isfinite (kwh)
              || !ekv_flow_quantity_to_tep_co2 (flow, fabs (delta), factor, &tep, &co2_kg, NULL))
            tep = co2_kg = NAN;

          result->energy_saved_kwh -= sign * kwh;
          result->tep_saved -= sign * tep;
          result->co2_avoided_t -= sign * co2_kg / 1000.0;
          if (isnan (co2_kg) && result->co2_avoided_t_note == NULL)
            result->co2_avoided_t_note =
              N_("A bought energy flow this option changes cannot be brought to kWh: give it in an energy unit, or a heating value for its carrier under Factors.");
        }
      break;

    case EKV_FLOW_KIND_AUXILIARY:
    case EKV_FLOW_KIND_PACKAGING:
    case EKV_FLOW_KIND_PRODUCT:
    case EKV_FLOW_KIND_BY_PRODUCT:
    case EKV_FLOW_KIND_AIR_EMISSION:
    case EKV_FLOW_KIND_EVAPORATION:
    case EKV_FLOW_KIND_HEAT_LOSS:
    case EKV_FLOW_KIND_INTERMEDIATE:
    case EKV_FLOW_KIND_RECYCLE:
    default:
      break;
    }

  if (result->dimensions_note == NULL
      && (isnan (result->water_saved_m3) || isnan (result->wastewater_saved_m3)
          || isnan (result->energy_saved_kwh) || isnan (result->tep_saved)
          || isnan (result->waste_avoided_kg) || isnan (result->raw_material_saved_t)))
    result->dimensions_note = !isfinite (delta) ? no_batches :
      N_("A flow this option changes cannot be converted to the reported units (a volume without a density, or energy without a heating value).");
}

static void
compute_option (EkvDocument     *document,
                EkvBalance      *baseline,
                EkvRecord       *option,
                double           rate,
                EkvOptionResult *result)
{
  GListModel *changes = ekv_record_get_children (option, EKV_ENTITY_CHANGE);
  EkvCashFlows flows;

  result->option = g_object_ref (option);
  result->id = g_strdup (ekv_record_get_string (option, EKV_OPTION_ID));
  result->status = ekv_record_get_enum (option, EKV_OPTION_STATUS);
  result->in_portfolio = ekv_option_status_in_portfolio (result->status);
  result->investment = ekv_record_get_double (option, EKV_OPTION_INVESTMENT);
  result->lifetime = ekv_record_get_double (option, EKV_OPTION_LIFETIME);
  result->salvage = ekv_record_get_double (option, EKV_OPTION_SALVAGE);
  result->om_cost = ekv_record_get_double (option, EKV_OPTION_OM_COST);
  result->other_savings = ekv_record_get_double (option, EKV_OPTION_OTHER_SAVINGS);

  if (changes != NULL)
    {
      guint n = g_list_model_get_n_items (changes);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EkvRecord) change = g_list_model_get_item (changes, i);

          add_change (document, baseline, change, result);
        }
    }

  result->annual_saving = result->flow_saving + result->other_savings - result->om_cost;

  flows.investment = result->investment;
  flows.cash_flow = result->annual_saving;
  flows.lifetime = result->lifetime;
  flows.salvage = result->salvage;
  flows.rate = rate / 100.0;
  ekv_finance_compute (&flows, &result->finance);
  if (isnan (result->annual_saving) && result->annual_saving_note != NULL)
    {
      /* Say why the saving is missing rather than "incomplete". */
      EkvFinanceFigures *f = &result->finance;

      if (isnan (f->simple_payback_years))
        f->simple_payback_years_note = result->annual_saving_note;
      if (isnan (f->npv))
        f->npv_note = result->annual_saving_note;
      if (isnan (f->irr_pct))
        f->irr_pct_note = result->annual_saving_note;
      if (isnan (f->discounted_payback_years))
        f->discounted_payback_years_note = result->annual_saving_note;
      if (isnan (f->profitability_index))
        f->profitability_index_note = result->annual_saving_note;
    }

  if (isnan (result->co2_avoided_t))
    {
      result->cost_per_t_co2 = NAN;
      result->cost_per_t_co2_note = result->co2_avoided_t_note;
    }
  else if (!(result->co2_avoided_t > 0))
    {
      result->cost_per_t_co2 = NAN;
      result->cost_per_t_co2_note = N_("The option avoids no CO₂ of bought energy.");
    }
  else
    {
      result->cost_per_t_co2 =
        (result->finance.eac - result->annual_saving) / result->co2_avoided_t;
      if (isnan (result->cost_per_t_co2))
        result->cost_per_t_co2_note = isnan (result->finance.eac) ? result->finance.eac_note
                                                                  : result->annual_saving_note;
    }
}

static void
add_to_portfolio (EkvPortfolio          *portfolio,
                  const EkvOptionResult *result)
{
  portfolio->n_options++;
  portfolio->investment += result->investment;
  portfolio->annual_saving += result->annual_saving;
  if (portfolio->annual_saving_note == NULL)
    portfolio->annual_saving_note = result->annual_saving_note;
  portfolio->co2_avoided_t += result->co2_avoided_t;
  if (portfolio->co2_avoided_t_note == NULL)
    portfolio->co2_avoided_t_note = result->co2_avoided_t_note;
  portfolio->water_saved_m3 += result->water_saved_m3;
  portfolio->wastewater_saved_m3 += result->wastewater_saved_m3;
  portfolio->energy_saved_kwh += result->energy_saved_kwh;
  portfolio->tep_saved += result->tep_saved;
  portfolio->waste_avoided_kg += result->waste_avoided_kg;
  portfolio->raw_material_saved_t += result->raw_material_saved_t;
  if (portfolio->dimensions_note == NULL)
    portfolio->dimensions_note = result->dimensions_note;
}

EkvOptions *
ekv_options_compute (EkvDocument *document,
                     EkvBalance  *balance)
{
  g_autoptr(EkvBalance) own_balance = NULL;
  EkvOptions *options;
  EkvRecord *finance;
  GListModel *list;
  guint n;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  if (balance == NULL)
    balance = own_balance = ekv_balance_compute (document);

  options = g_new0 (EkvOptions, 1);
  options->options = g_array_new (FALSE, TRUE, sizeof (EkvOptionResult));
  g_array_set_clear_func (options->options, (GDestroyNotify) option_result_clear);

  finance = ekv_document_get_finance (document);
  options->discount_rate = ekv_record_get_double (finance, EKV_FINANCE_DISCOUNT_RATE);

  list = ekv_document_get_list (document, EKV_ENTITY_OPTION);
  n = g_list_model_get_n_items (list);
  g_array_set_size (options->options, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (list, i);
      EkvOptionResult *result = &g_array_index (options->options, EkvOptionResult, i);

      compute_option (document, balance, option, options->discount_rate, result);
      if (result->in_portfolio)
        add_to_portfolio (&options->portfolio, result);
    }

  if (options->portfolio.annual_saving > 0)
    options->portfolio.simple_payback_years =
      options->portfolio.investment / options->portfolio.annual_saving;
  else
    {
      options->portfolio.simple_payback_years = NAN;
      options->portfolio.simple_payback_years_note =
        isnan (options->portfolio.annual_saving)
          ? options->portfolio.annual_saving_note
          : N_("The yearly saving is not positive: the investment is never paid back.");
    }

  return options;
}

static int
compare_cost_per_t (gconstpointer a,
                    gconstpointer b)
{
  const EkvOptionResult *x = *(const EkvOptionResult * const *) a;
  const EkvOptionResult *y = *(const EkvOptionResult * const *) b;

  return (x->cost_per_t_co2 > y->cost_per_t_co2) - (x->cost_per_t_co2 < y->cost_per_t_co2);
}

GPtrArray *
ekv_options_macc_order (EkvOptions *options,
                        gboolean    only_portfolio)
{
  GPtrArray *order;

  g_return_val_if_fail (options != NULL, NULL);

  order = g_ptr_array_new ();
  for (guint i = 0; i < options->options->len; i++)
    {
      EkvOptionResult *result = &g_array_index (options->options, EkvOptionResult, i);

      if (only_portfolio && !result->in_portfolio)
        continue;
      if (result->co2_avoided_t > 0 && isfinite (result->cost_per_t_co2))
        g_ptr_array_add (order, result);
    }
  /* g_ptr_array_sort is a stable merge sort: ties keep the document's order. */
  g_ptr_array_sort (order, compare_cost_per_t);
  return order;
}
