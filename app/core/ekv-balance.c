/* ekv-balance.c: mass, water and energy balances of an audit, and its indicators
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-balance.h"
#include "ekv-entity.h"
#include "ekv-util.h"

#define N_CARRIERS (EKV_CARRIER_WASTEWATER + 1)
#define N_UNITS    (EKV_QUANTITY_UNIT_PCS + 1)

/* Beyond these yearly figures a flow is almost surely a slip of unit or period
 * (a large integrated plant is a few million tonnes a year). */
#define SUSPICIOUS_KG      1e10
#define SUSPICIOUS_M3      1e8
#define SUSPICIOUS_KWH     1e10
/* Denser than any material (osmium is 22.6 kg/L). */
#define SUSPICIOUS_DENSITY 25.0

const char *
ekv_balance_status_to_string (EkvBalanceStatus status)
{
  switch (status)
    {
    case EKV_BALANCE_STATUS_WARN:  return "warn";
    case EKV_BALANCE_STATUS_ERROR: return "error";
    case EKV_BALANCE_STATUS_OK:
    default:                       return "ok";
    }
}

const char *
ekv_balance_status_describe (EkvBalanceStatus status)
{
  switch (status)
    {
    case EKV_BALANCE_STATUS_WARN:
      /* Translators: the status of a unit operation's mass balance */
      return C_("balance status", "check");
    case EKV_BALANCE_STATUS_ERROR:
      /* Translators: the status of a unit operation's mass balance */
      return C_("balance status", "does not close");
    case EKV_BALANCE_STATUS_OK:
    default:
      /* Translators: the status of a unit operation's mass balance */
      return C_("balance status", "balanced");
    }
}

EkvBalanceStatus
ekv_balance_status_for (double pct,
                        double warn,
                        double error)
{
  double a = fabs (pct);

  if (isnan (pct))
    return EKV_BALANCE_STATUS_OK;
  if (a > error)
    return EKV_BALANCE_STATUS_ERROR;
  if (a > warn)
    return EKV_BALANCE_STATUS_WARN;
  return EKV_BALANCE_STATUS_OK;
}

/* ------------------------------------------------------------------------ */
/* TEP bands                                                                */

EkvTepBand
ekv_tep_band_for (double tep)
{
  if (tep >= 50000)
    return EKV_TEP_BAND_FROM_50000;
  if (tep >= 5000)
    return EKV_TEP_BAND_FROM_5000;
  if (tep >= 1000)
    return EKV_TEP_BAND_FROM_1000;
  if (tep >= 500)
    return EKV_TEP_BAND_FROM_500;
  return EKV_TEP_BAND_BELOW_500;
}

const char *
ekv_tep_band_to_string (EkvTepBand band)
{
  switch (band)
    {
    case EKV_TEP_BAND_FROM_500:   return "from_500";
    case EKV_TEP_BAND_FROM_1000:  return "from_1000";
    case EKV_TEP_BAND_FROM_5000:  return "from_5000";
    case EKV_TEP_BAND_FROM_50000: return "from_50000";
    case EKV_TEP_BAND_BELOW_500:
    default:                      return "below_500";
    }
}

const char *
ekv_tep_band_title (EkvTepBand band)
{
  switch (band)
    {
    case EKV_TEP_BAND_FROM_500:
      return _("500 TEP or more a year: eligible for efficiency support");
    case EKV_TEP_BAND_FROM_1000:
      return _("1 000 TEP or more a year: energy manager required");
    case EKV_TEP_BAND_FROM_5000:
      return _("5 000 TEP or more a year: energy manager and periodic energy audits");
    case EKV_TEP_BAND_FROM_50000:
      return _("50 000 TEP or more a year: energy management unit required");
    case EKV_TEP_BAND_BELOW_500:
    default:
      return _("Below 500 TEP a year: no obligation under the energy efficiency regulation");
    }
}

const char *
ekv_tep_band_describe (EkvTepBand band)
{
  switch (band)
    {
    case EKV_TEP_BAND_FROM_500:
      return _("Industrial plants using 500 TEP or more a year can apply for the Ministry’s efficiency-improvement project (VAP) support and for investment incentives for efficiency projects.");
    case EKV_TEP_BAND_FROM_1000:
      return _("Industrial plants using 1 000 TEP or more a year must appoint a certified energy manager or buy the service from an authorised energy services company. Some sources also require an energy audit every four years from this level; others only from 5 000 TEP.");
    case EKV_TEP_BAND_FROM_5000:
      return _("Industrial plants using 5 000 TEP or more a year must appoint a certified energy manager and have an energy audit made every four years.");
    case EKV_TEP_BAND_FROM_50000:
      return _("Industrial plants using 50 000 TEP or more a year must also set up an energy management unit, besides the energy manager and the periodic energy audits.");
    case EKV_TEP_BAND_BELOW_500:
    default:
      return _("Below 500 TEP a year an industrial plant has no obligation under the energy efficiency regulation; efficiency projects still pay.");
    }
}

const char *
ekv_tep_band_note (void)
{
  return _("These bands come from summaries of Law 5627 on Energy Efficiency and its regulation (2011, amended 2022) that partly disagree: check the current text of the regulation before relying on them.");
}

/* ------------------------------------------------------------------------ */
/* Computing                                                                */

typedef struct
{
  EkvBalance  *balance;
  EkvDocument *document;
  EkvCalendar  calendar;
  GHashTable  *unit_index;  /* id → index + 1 in balance->units */
  EkvFactor    factors[N_CARRIERS][N_UNITS];
  guint8       factor_state[N_CARRIERS][N_UNITS];  /* 0 not looked up, 1 found, 2 none */
  int          carrier_index[N_CARRIERS];          /* into the carriers found, or -1 */
  EkvCarrierBalance carriers[N_CARRIERS];
  double       plant_estimated_kg;
} Context;

static const EkvFactor *
get_factor (Context        *ctx,
            EkvCarrier      carrier,
            EkvQuantityUnit unit)
{
  if ((guint) carrier >= N_CARRIERS || (guint) unit >= N_UNITS)
    return NULL;
  if (ctx->factor_state[carrier][unit] == 0)
    ctx->factor_state[carrier][unit] =
      ekv_factors_lookup (ctx->document, carrier, unit, &ctx->factors[carrier][unit]) ? 1 : 2;
  return ctx->factor_state[carrier][unit] == 1 ? &ctx->factors[carrier][unit] : NULL;
}

static const char *
flow_label (EkvRecord *flow)
{
  const char *name = ekv_record_get_string (flow, EKV_FLOW_NAME);

  if (name == NULL || name[0] == '\0')
    name = ekv_record_get_string (flow, EKV_FLOW_ID);
  return name != NULL ? name : "";
}

static void
warning_free (EkvBalanceWarning *warning)
{
  g_free (warning->flow_id);
  g_free (warning->unit_id);
  g_free (warning->message);
  g_free (warning);
}

G_GNUC_PRINTF (5, 6)
static void
add_warning (Context               *ctx,
             EkvBalanceWarningKind  kind,
             EkvRecord             *flow,
             int                    field,
             const char            *format,
             ...)
{
  EkvBalanceWarning *warning = g_new0 (EkvBalanceWarning, 1);
  va_list args;

  warning->kind = kind;
  if (flow != NULL)
    warning->flow_id = g_strdup (ekv_record_get_string (flow, EKV_FLOW_ID));
  warning->field = field;
  va_start (args, format);
  warning->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (ctx->balance->warnings, warning);
}

static void
magnitude_warning (Context    *ctx,
                   EkvRecord  *flow,
                   double      value,
                   double      limit,
                   const char *unit)
{
  g_autofree char *number = NULL;

  if (!(value > limit))
    return;
  number = ekv_number_format (value, 0);
  add_warning (ctx, EKV_BALANCE_WARNING_MAGNITUDE, flow, EKV_FLOW_QUANTITY,
               /* Translators: %s are a flow's name, a number and its unit (kg, m³, kWh) */
               _("Flow “%s” comes to %s %s a year, far more than a plant usually has: check its quantity, unit and period."),
               flow_label (flow), number, unit);
}

static EkvUnitBalance *
find_unit (Context    *ctx,
           const char *id)
{
  guint index;

  if (id == NULL || id[0] == '\0')
    return NULL;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (ctx->unit_index, id));
  if (index == 0)
    return NULL;
  return &g_array_index (ctx->balance->units, EkvUnitBalance, index - 1);
}

static gboolean
kind_is_water (EkvFlowKind kind)
{
  return kind == EKV_FLOW_KIND_WATER
         || kind == EKV_FLOW_KIND_WASTEWATER
         || kind == EKV_FLOW_KIND_EVAPORATION;
}

static void
add_flow (Context   *ctx,
          EkvRecord *flow)
{
  EkvBalance *balance = ctx->balance;
  EkvPlantBalance *plant = &balance->plant;
  EkvFlowFigures fig = { 0, };
  EkvFlowKind kind = ekv_record_get_enum (flow, EKV_FLOW_KIND);
  EkvQuantityUnit unit = ekv_record_get_enum (flow, EKV_FLOW_UNIT);
  gboolean has_carrier = ekv_record_is_set (flow, EKV_FLOW_CARRIER);
  EkvCarrier carrier = has_carrier ? ekv_record_get_enum (flow, EKV_FLOW_CARRIER) : EKV_CARRIER_OTHER;
  const char *from_id = ekv_record_get_string (flow, EKV_FLOW_FROM);
  const char *to_id = ekv_record_get_string (flow, EKV_FLOW_TO);
  EkvUnitBalance *from = find_unit (ctx, from_id);
  EkvUnitBalance *to = find_unit (ctx, to_id);
  gboolean from_outside = from_id == NULL || from_id[0] == '\0';
  gboolean to_outside = to_id == NULL || to_id[0] == '\0';
  gboolean estimated = ekv_record_get_enum (flow, EKV_FLOW_QUALITY) == EKV_DATA_QUALITY_ESTIMATED;
  const EkvFactor *factor = NULL;
  gboolean left_out = FALSE;
  g_autoptr(GError) error = NULL;

  fig.flow = g_object_ref (flow);
  fig.per_year = fig.yearly = NAN;
  fig.kg = fig.water_m3 = fig.energy_kwh = fig.tep = fig.co2_kg = NAN;

  if (to != NULL)
    to->n_inputs++;
  if (from != NULL)
    from->n_outputs++;

  if (kind == EKV_FLOW_KIND_PRODUCT && !to_outside)
    add_warning (ctx, EKV_BALANCE_WARNING_PRODUCT_TO_UNIT, flow, EKV_FLOW_KIND,
                 _("Flow “%s” is a product sent to another unit operation: goods passed between units are an intermediate."),
                 flow_label (flow));

  if (kind == EKV_FLOW_KIND_ENERGY && !has_carrier)
    add_warning (ctx, EKV_BALANCE_WARNING_NO_CARRIER, flow, EKV_FLOW_CARRIER,
                 _("Energy flow “%s” has no carrier: choose one so that the right heating value, TEP and CO₂ factors apply."),
                 flow_label (flow));

  if (ekv_record_is_set (flow, EKV_FLOW_DENSITY)
      && ekv_record_get_double (flow, EKV_FLOW_DENSITY) > SUSPICIOUS_DENSITY)
    {
      g_autofree char *number = ekv_number_format (ekv_record_get_double (flow, EKV_FLOW_DENSITY), -1);

      add_warning (ctx, EKV_BALANCE_WARNING_MAGNITUDE, flow, EKV_FLOW_DENSITY,
                   /* Translators: %s are a flow's name and a number */
                   _("Flow “%s” has a density of %s kg/L, more than any material: the density is in kilograms per litre."),
                   flow_label (flow), number);
    }

  if (!ekv_flow_get_per_year (flow, &ctx->calendar,
                              from != NULL ? from->unit : NULL,
                              to != NULL ? to->unit : NULL,
                              &fig.per_year, &error))
    {
      add_warning (ctx, EKV_BALANCE_WARNING_NO_BATCHES, flow, EKV_FLOW_PERIOD,
                   _("Flow “%s” is given per batch, but neither of its unit operations has a number of batches per year: it is left out of every balance."),
                   flow_label (flow));
      fig.per_year = NAN;
      if (to != NULL)
        to->n_left_out++;
      if (from != NULL)
        from->n_left_out++;
      g_array_append_val (balance->flows, fig);
      return;
    }

  fig.yearly = ekv_record_get_double (flow, EKV_FLOW_QUANTITY) * fig.per_year;
  fig.cost = fig.yearly * ekv_record_get_double (flow, EKV_FLOW_PRICE);
  if (!isfinite (fig.cost))
    fig.cost = 0;

  /* Mass */
  if (ekv_flow_kind_counts_in_mass (kind))
    {
      g_clear_error (&error);
      if (ekv_flow_quantity_to_kg (flow, fig.yearly, &fig.kg, &error))
        {
          magnitude_warning (ctx, flow, fig.kg, SUSPICIOUS_KG, "kg");
          if (to != NULL)
            {
              to->mass_in_kg += fig.kg;
              if (estimated)
                to->estimated_pct += fig.kg;   /* a sum of kg until the end */
            }
          if (from != NULL)
            from->mass_out_kg += fig.kg;
          if (from_outside)
            {
              plant->mass_in_kg += fig.kg;
              if (estimated)
                ctx->plant_estimated_kg += fig.kg;
              if (kind == EKV_FLOW_KIND_RAW_MATERIAL)
                plant->raw_material_in_kg += fig.kg;
            }
          if (to_outside)
            {
              plant->mass_out_kg += fig.kg;
              if (kind == EKV_FLOW_KIND_SOLID_WASTE || kind == EKV_FLOW_KIND_HAZARDOUS_WASTE)
                plant->waste_out_kg += fig.kg;
              if (kind == EKV_FLOW_KIND_PRODUCT)
                plant->product_out_kg += fig.kg;
            }
        }
      else
        {
          fig.kg = NAN;
          left_out = TRUE;
          if (g_error_matches (error, EKV_UNITS_ERROR, EKV_UNITS_ERROR_NO_DENSITY)
              && ekv_quantity_unit_get_dimension (unit) == EKV_DIMENSION_VOLUME)
            add_warning (ctx, EKV_BALANCE_WARNING_NO_DENSITY, flow, EKV_FLOW_DENSITY,
                         _("Flow “%s” is a volume of a liquid other than water without a density: it is left out of the mass balance. Give its density in kg/L."),
                         flow_label (flow));
          else
            add_warning (ctx, EKV_BALANCE_WARNING_NOT_IN_MASS, flow, EKV_FLOW_UNIT,
                         _("Flow “%s” cannot be brought to kilograms (a gas volume without a density, or a number of pieces): it is left out of the mass balance."),
                         flow_label (flow));
        }
    }

  /* Water */
  if (kind_is_water (kind))
    {
      g_clear_error (&error);
      if (ekv_quantity_to_water_m3 (fig.yearly, unit, &fig.water_m3, &error))
        {
          magnitude_warning (ctx, flow, fig.water_m3, SUSPICIOUS_M3, "m³");
          if (kind == EKV_FLOW_KIND_WATER)
            {
              if (to != NULL)
                to->water_in_m3 += fig.water_m3;
              if (from_outside)
                plant->water_in_m3 += fig.water_m3;
            }
          else
            {
              if (from != NULL)
                from->water_out_m3 += fig.water_m3;
              if (to_outside)
                {
                  plant->water_out_m3 += fig.water_m3;
                  if (kind == EKV_FLOW_KIND_WASTEWATER)
                    plant->wastewater_out_m3 += fig.water_m3;
                }
            }
        }
      else
        {
          fig.water_m3 = NAN;
          left_out = TRUE;
          add_warning (ctx, EKV_BALANCE_WARNING_NOT_IN_WATER, flow, EKV_FLOW_UNIT,
                       _("Flow “%s” is not a volume or a mass of water: it is left out of the water balance."),
                       flow_label (flow));
        }
    }

  /* Energy */
  if (kind == EKV_FLOW_KIND_ENERGY || kind == EKV_FLOW_KIND_HEAT_LOSS)
    {
      if (has_carrier)
        factor = get_factor (ctx, carrier, unit);

      g_clear_error (&error);
      if (ekv_flow_quantity_to_kwh (flow, fig.yearly, factor, &fig.energy_kwh, &error))
        {
          magnitude_warning (ctx, flow, fig.energy_kwh, SUSPICIOUS_KWH, "kWh");
          if (kind == EKV_FLOW_KIND_ENERGY && to != NULL)
            to->energy_in_kwh += fig.energy_kwh;
        }
      else
        {
          fig.energy_kwh = NAN;
          left_out = TRUE;
          add_warning (ctx, EKV_BALANCE_WARNING_NOT_IN_ENERGY, flow, EKV_FLOW_UNIT,
                       _("Flow “%s” cannot be brought to kWh: it is left out of the energy balance. Give it in an energy unit, or a heating value for its carrier under Factors."),
                       flow_label (flow));
        }

      /* Bought energy: TEP, CO2 and the carriers */
      if (kind == EKV_FLOW_KIND_ENERGY && from_outside && isfinite (fig.energy_kwh))
        {
          EkvCarrierBalance *cb = &ctx->carriers[carrier];

          g_clear_error (&error);
          if (!ekv_flow_quantity_to_tep_co2 (flow, fig.yearly, factor, &fig.tep, &fig.co2_kg, &error))
            fig.tep = fig.co2_kg = NAN;

          plant->energy_in_kwh += fig.energy_kwh;
          if (isfinite (fig.tep))
            {
              plant->tep += fig.tep;
              plant->co2_t += fig.co2_kg / 1000.0;
            }

          if (ctx->carrier_index[carrier] < 0)
            {
              ctx->carrier_index[carrier] = 0;
              cb->carrier = carrier;
              cb->unit = unit;
              cb->has_factor = factor != NULL;
              if (factor != NULL)
                {
                  cb->factor = *factor;
                  if (cb->factor.record != NULL)
                    g_object_ref (cb->factor.record);
                }
            }
          cb->energy_kwh += fig.energy_kwh;
          if (isfinite (fig.tep))
            {
              cb->tep += fig.tep;
              cb->co2_t += fig.co2_kg / 1000.0;
            }
          cb->cost += fig.cost;
          {
            double in_unit;

            if (ekv_quantity_unit_convert (fig.yearly, unit, cb->unit, &in_unit))
              cb->quantity += in_unit;
            else
              cb->mixed_units = TRUE;
          }
        }
    }

  if (from_outside)
    plant->cost_in += fig.cost;

  if (left_out)
    {
      if (to != NULL)
        to->n_left_out++;
      if (from != NULL)
        from->n_left_out++;
    }

  g_array_append_val (balance->flows, fig);
}

static void
compute_production (Context *ctx)
{
  EkvPlantBalance *plant = &ctx->balance->plant;
  GListModel *products = ekv_document_get_list (ctx->document, EKV_ENTITY_PRODUCT);
  guint n = g_list_model_get_n_items (products);
  g_autoptr(EkvRecord) product = NULL;
  EkvQuantityUnit unit;
  double per_year;

  plant->production_t = NAN;

  for (guint i = 0; i < n && product == NULL; i++)
    {
      g_autoptr(EkvRecord) record = g_list_model_get_item (products, i);

      if (ekv_record_get_bool (record, EKV_PRODUCT_DENOMINATOR))
        product = g_steal_pointer (&record);
    }
  if (product == NULL && n > 0)
    product = g_list_model_get_item (products, 0);

  if (product == NULL)
    {
      plant->production_note = N_("No main product in the company profile: add one as the production denominator.");
      return;
    }

  plant->product = g_object_ref (product);
  plant->production_name = g_strdup (ekv_record_get_string (product, EKV_PRODUCT_NAME));

  if (!ekv_record_is_set (product, EKV_PRODUCT_QUANTITY))
    {
      plant->production_note = N_("The production denominator has no quantity.");
      return;
    }

  unit = ekv_record_get_enum (product, EKV_PRODUCT_UNIT);
  if (ekv_quantity_unit_get_dimension (unit) != EKV_DIMENSION_MASS)
    {
      plant->production_note = N_("The production denominator is not a mass (g, kg or t): indicators per tonne need one.");
      return;
    }

  if (!ekv_flow_get_per_year (product, &ctx->calendar, NULL, NULL, &per_year, NULL))
    {
      plant->production_note = N_("The production denominator is given per batch: give it per year, month, week, day, shift or hour.");
      return;
    }

  plant->production_t = ekv_record_get_double (product, EKV_PRODUCT_QUANTITY) * per_year
                        * ekv_quantity_unit_to_base (unit) / 1000.0;
}

static void
compute_indicators (Context *ctx)
{
  EkvPlantBalance *plant = &ctx->balance->plant;
  double t = plant->production_t;

  if (isfinite (t) && t > 0)
    {
      plant->water_m3_per_t = plant->water_in_m3 / t;
      plant->wastewater_m3_per_t = plant->wastewater_out_m3 / t;
      plant->energy_kwh_per_t = plant->energy_in_kwh / t;
      plant->tep_per_t = plant->tep / t;
      plant->waste_kg_per_t = plant->waste_out_kg / t;
    }
  else
    {
      plant->water_m3_per_t = plant->wastewater_m3_per_t = NAN;
      plant->energy_kwh_per_t = plant->tep_per_t = plant->waste_kg_per_t = NAN;
      if (plant->production_note != NULL)
        plant->indicators_note = plant->production_note;
      else
        plant->indicators_note = N_("The production denominator is zero.");
    }

  if (plant->raw_material_in_kg > 0)
    plant->raw_material_yield_pct = 100.0 * plant->product_out_kg / plant->raw_material_in_kg;
  else
    {
      plant->raw_material_yield_pct = NAN;
      plant->raw_material_yield_pct_note = N_("No raw material with a mass enters the plant.");
    }
}

static void
unit_balance_clear (EkvUnitBalance *unit)
{
  g_clear_object (&unit->unit);
  g_clear_pointer (&unit->id, g_free);
}

static void
flow_figures_clear (EkvFlowFigures *fig)
{
  g_clear_object (&fig->flow);
}

static void
carrier_balance_clear (EkvCarrierBalance *carrier)
{
  g_clear_object (&carrier->factor.record);
}

EkvBalance *
ekv_balance_compute (EkvDocument *document)
{
  g_autoptr(EkvBalance) balance = NULL;
  EkvPlantBalance *plant;
  GListModel *units, *flows;
  EkvRecord *audit;
  Context ctx = { 0, };
  guint n;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  balance = g_new0 (EkvBalance, 1);
  balance->units = g_array_new (FALSE, TRUE, sizeof (EkvUnitBalance));
  g_array_set_clear_func (balance->units, (GDestroyNotify) unit_balance_clear);
  balance->carriers = g_array_new (FALSE, TRUE, sizeof (EkvCarrierBalance));
  g_array_set_clear_func (balance->carriers, (GDestroyNotify) carrier_balance_clear);
  balance->flows = g_array_new (FALSE, TRUE, sizeof (EkvFlowFigures));
  g_array_set_clear_func (balance->flows, (GDestroyNotify) flow_figures_clear);
  balance->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) warning_free);
  plant = &balance->plant;

  ctx.balance = balance;
  ctx.document = document;
  ekv_calendar_init_from_company (&ctx.calendar, ekv_document_get_company (document));
  for (guint i = 0; i < N_CARRIERS; i++)
    ctx.carrier_index[i] = -1;

  audit = ekv_document_get_audit (document);
  balance->threshold_warn = ekv_record_get_double (audit, EKV_AUDIT_THRESHOLD_WARN);
  balance->threshold_error = ekv_record_get_double (audit, EKV_AUDIT_THRESHOLD_ERROR);

  /* Units, by id */
  units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  n = g_list_model_get_n_items (units);
  g_array_set_size (balance->units, n);
  ctx.unit_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      EkvUnitBalance *ub = &g_array_index (balance->units, EkvUnitBalance, i);

      ub->unit = g_list_model_get_item (units, i);
      ub->id = g_strdup (ekv_record_get_string (ub->unit, EKV_UNIT_OPERATION_ID));
      if (ub->id != NULL)
        g_hash_table_insert (ctx.unit_index, ub->id, GUINT_TO_POINTER (i + 1));
    }

  /* Flows */
  flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  n = g_list_model_get_n_items (flows);
  g_array_set_size (balance->flows, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) flow = g_list_model_get_item (flows, i);

      add_flow (&ctx, flow);
    }

  /* Units: imbalance and status */
  for (guint i = 0; i < balance->units->len; i++)
    {
      EkvUnitBalance *ub = &g_array_index (balance->units, EkvUnitBalance, i);
      double estimated_kg = ub->estimated_pct;

      ub->mass_imbalance_kg = ub->mass_in_kg - ub->mass_out_kg;
      if (ub->mass_in_kg > 0)
        {
          ub->mass_imbalance_pct = 100.0 * ub->mass_imbalance_kg / ub->mass_in_kg;
          ub->estimated_pct = 100.0 * estimated_kg / ub->mass_in_kg;
        }
      else
        {
          ub->mass_imbalance_pct = NAN;
          ub->estimated_pct = NAN;
          ub->mass_imbalance_pct_note = N_("No mass enters this unit operation.");
          if (ub->mass_out_kg > 0)
            {
              const char *name = ekv_record_get_string (ub->unit, EKV_UNIT_OPERATION_NAME);
              EkvBalanceWarning *warning;

              add_warning (&ctx, EKV_BALANCE_WARNING_NO_MASS_IN, NULL, -1,
                           _("Unit operation “%s” has outputs with a mass but no inputs with a mass: its mass balance cannot close."),
                           name != NULL && name[0] != '\0' ? name : ub->id);
              warning = g_ptr_array_index (balance->warnings, balance->warnings->len - 1);
              warning->unit_id = g_strdup (ub->id);
            }
        }
      ub->status = ekv_balance_status_for (ub->mass_imbalance_pct,
                                           balance->threshold_warn, balance->threshold_error);
    }

  /* Plant */
  plant->mass_imbalance_kg = plant->mass_in_kg - plant->mass_out_kg;
  if (plant->mass_in_kg > 0)
    {
      plant->mass_imbalance_pct = 100.0 * plant->mass_imbalance_kg / plant->mass_in_kg;
      plant->estimated_pct = 100.0 * ctx.plant_estimated_kg / plant->mass_in_kg;
    }
  else
    {
      plant->mass_imbalance_pct = NAN;
      plant->estimated_pct = NAN;
      plant->mass_imbalance_pct_note = N_("No mass enters the plant.");
    }

  plant->water_unaccounted_m3 = plant->water_in_m3 - plant->water_out_m3;
  if (plant->water_in_m3 > 0)
    plant->water_unaccounted_pct = 100.0 * plant->water_unaccounted_m3 / plant->water_in_m3;
  else
    {
      plant->water_unaccounted_pct = NAN;
      plant->water_unaccounted_pct_note = N_("No water enters the plant.");
    }

  plant->tep_band = ekv_tep_band_for (plant->tep);

  for (guint i = 0; i < N_CARRIERS; i++)
    if (ctx.carrier_index[i] >= 0)
      g_array_append_val (balance->carriers, ctx.carriers[i]);

  compute_production (&ctx);
  compute_indicators (&ctx);

  g_hash_table_unref (ctx.unit_index);
  return g_steal_pointer (&balance);
}

void
ekv_balance_free (EkvBalance *balance)
{
  if (balance == NULL)
    return;

  g_clear_object (&balance->plant.product);
  g_free (balance->plant.production_name);
  g_clear_pointer (&balance->units, g_array_unref);
  g_clear_pointer (&balance->carriers, g_array_unref);
  g_clear_pointer (&balance->flows, g_array_unref);
  g_clear_pointer (&balance->warnings, g_ptr_array_unref);
  g_free (balance);
}

const EkvUnitBalance *
ekv_balance_find_unit (EkvBalance *balance,
                       const char *unit_id)
{
  g_return_val_if_fail (balance != NULL, NULL);

  if (unit_id == NULL)
    return NULL;
  for (guint i = 0; i < balance->units->len; i++)
    {
      const EkvUnitBalance *ub = &g_array_index (balance->units, EkvUnitBalance, i);

      if (g_strcmp0 (ub->id, unit_id) == 0)
        return ub;
    }
  return NULL;
}

const EkvFlowFigures *
ekv_balance_find_flow (EkvBalance *balance,
                       const char *flow_id)
{
  g_return_val_if_fail (balance != NULL, NULL);

  if (flow_id == NULL)
    return NULL;
  for (guint i = 0; i < balance->flows->len; i++)
    {
      const EkvFlowFigures *fig = &g_array_index (balance->flows, EkvFlowFigures, i);

      if (g_strcmp0 (ekv_record_get_string (fig->flow, EKV_FLOW_ID), flow_id) == 0)
        return fig;
    }
  return NULL;
}

const EkvCarrierBalance *
ekv_balance_find_carrier (EkvBalance *balance,
                          EkvCarrier  carrier)
{
  g_return_val_if_fail (balance != NULL, NULL);

  for (guint i = 0; i < balance->carriers->len; i++)
    {
      const EkvCarrierBalance *cb = &g_array_index (balance->carriers, EkvCarrierBalance, i);

      if (cb->carrier == carrier)
        return cb;
    }
  return NULL;
}
