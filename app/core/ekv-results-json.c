/* ekv-results-json.c: the figures of an audit as results-format.md defines them
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Only shapes the figures of EkvBalance into the contract's keys; every number
 * comes from ekv_balance_compute(). The keys are a contract read by scripts:
 * never rename one, only add.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-entity.h"
#include "ekv-enums.h"
#include "ekv-results-json.h"
#include "ekv-scenario.h"

/* VALUE under KEY; when it cannot be computed (not finite), null under KEY and
 * the reason under KEY_note. */
static void
add_figure (JsonBuilder *builder,
            const char  *key,
            double       value,
            const char  *note)
{
  json_builder_set_member_name (builder, key);
  if (isfinite (value))
    {
      json_builder_add_double_value (builder, value);
      return;
    }

  {
    g_autofree char *note_key = g_strconcat (key, "_note", NULL);

    json_builder_add_null_value (builder);
    json_builder_set_member_name (builder, note_key);
    json_builder_add_string_value (builder, note != NULL ? note : "cannot be computed");
  }
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_audit (JsonBuilder *builder,
           EkvDocument *document)
{
  EkvRecord *company_record = ekv_document_get_company (document);
  EkvRecord *finance = ekv_document_get_finance (document);
  const char *company = ekv_record_get_string (company_record, EKV_COMPANY_NAME);
  const char *currency = ekv_record_get_string (finance, EKV_FINANCE_CURRENCY);

  json_builder_set_member_name (builder, "audit");
  json_builder_begin_object (builder);
  add_string (builder, "company", company);
  add_string (builder, "currency", currency != NULL && *currency != '\0' ? currency : "TRY");
  json_builder_end_object (builder);
}

static void
add_plant (JsonBuilder           *builder,
           const EkvPlantBalance *plant)
{
  json_builder_set_member_name (builder, "plant");
  json_builder_begin_object (builder);
  add_figure (builder, "mass_in_kg", plant->mass_in_kg, NULL);
  add_figure (builder, "mass_out_kg", plant->mass_out_kg, NULL);
  add_figure (builder, "mass_imbalance_kg", plant->mass_imbalance_kg, NULL);
  add_figure (builder, "mass_imbalance_pct", plant->mass_imbalance_pct,
              plant->mass_imbalance_pct_note);
  add_figure (builder, "water_in_m3", plant->water_in_m3, NULL);
  add_figure (builder, "water_out_m3", plant->water_out_m3, NULL);
  add_figure (builder, "water_unaccounted_m3", plant->water_unaccounted_m3, NULL);
  add_figure (builder, "water_unaccounted_pct", plant->water_unaccounted_pct,
              plant->water_unaccounted_pct_note);
  add_figure (builder, "energy_in_kwh", plant->energy_in_kwh, NULL);
  add_figure (builder, "tep", plant->tep, NULL);
  add_figure (builder, "co2_t", plant->co2_t, NULL);
  add_figure (builder, "cost_in", plant->cost_in, NULL);

  json_builder_set_member_name (builder, "production");
  json_builder_begin_object (builder);
  add_string (builder, "name", plant->production_name);
  add_figure (builder, "t", plant->production_t, plant->production_note);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "indicators");
  json_builder_begin_object (builder);
  add_figure (builder, "water_m3_per_t", plant->water_m3_per_t, plant->indicators_note);
  add_figure (builder, "wastewater_m3_per_t", plant->wastewater_m3_per_t, plant->indicators_note);
  add_figure (builder, "energy_kwh_per_t", plant->energy_kwh_per_t, plant->indicators_note);
  add_figure (builder, "tep_per_t", plant->tep_per_t, plant->indicators_note);
  add_figure (builder, "waste_kg_per_t", plant->waste_kg_per_t, plant->indicators_note);
  add_figure (builder, "raw_material_yield_pct", plant->raw_material_yield_pct,
              plant->raw_material_yield_pct_note);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

static void
add_units (JsonBuilder *builder,
           GArray      *units)
{
  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  for (guint i = 0; i < units->len; i++)
    {
      const EkvUnitBalance *unit = &g_array_index (units, EkvUnitBalance, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", unit->id);
      add_figure (builder, "mass_in_kg", unit->mass_in_kg, NULL);
      add_figure (builder, "mass_out_kg", unit->mass_out_kg, NULL);
      add_figure (builder, "mass_imbalance_kg", unit->mass_imbalance_kg, NULL);
      add_figure (builder, "mass_imbalance_pct", unit->mass_imbalance_pct,
                  unit->mass_imbalance_pct_note);
      add_figure (builder, "water_in_m3", unit->water_in_m3, NULL);
      add_figure (builder, "water_out_m3", unit->water_out_m3, NULL);
      add_figure (builder, "energy_in_kwh", unit->energy_in_kwh, NULL);
      add_string (builder, "status", ekv_balance_status_to_string (unit->status));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_carriers (JsonBuilder *builder,
              GArray      *carriers)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (EKV_TYPE_CARRIER);

  json_builder_set_member_name (builder, "carriers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < carriers->len; i++)
    {
      const EkvCarrierBalance *carrier = &g_array_index (carriers, EkvCarrierBalance, i);
      GEnumValue *value = g_enum_get_value (enum_class, carrier->carrier);

      json_builder_begin_object (builder);
      add_string (builder, "carrier", value != NULL ? value->value_nick : NULL);
      add_figure (builder, "energy_kwh", carrier->energy_kwh, NULL);
      add_figure (builder, "tep", carrier->tep, NULL);
      add_figure (builder, "co2_t", carrier->co2_t, NULL);
      add_figure (builder, "cost", carrier->cost, NULL);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_options (JsonBuilder *builder,
             EkvOptions  *options)
{
  json_builder_set_member_name (builder, "options");
  json_builder_begin_array (builder);
  for (guint i = 0; i < options->options->len; i++)
    {
      const EkvOptionResult *option = &g_array_index (options->options, EkvOptionResult, i);
      const EkvFinanceFigures *finance = &option->finance;

      json_builder_begin_object (builder);
      add_string (builder, "id", option->id);
      add_figure (builder, "annual_saving", option->annual_saving, option->annual_saving_note);
      add_figure (builder, "simple_payback_years", finance->simple_payback_years,
                  finance->simple_payback_years_note);
      add_figure (builder, "npv", finance->npv, finance->npv_note);
      add_figure (builder, "irr_pct", finance->irr_pct, finance->irr_pct_note);
      add_figure (builder, "discounted_payback_years", finance->discounted_payback_years,
                  finance->discounted_payback_years_note);
      add_figure (builder, "profitability_index", finance->profitability_index,
                  finance->profitability_index_note);
      add_figure (builder, "eac", finance->eac, finance->eac_note);
      add_figure (builder, "co2_avoided_t", option->co2_avoided_t, option->co2_avoided_t_note);
      add_figure (builder, "cost_per_t_co2", option->cost_per_t_co2, option->cost_per_t_co2_note);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_portfolio (JsonBuilder        *builder,
               const EkvPortfolio *portfolio)
{
  json_builder_set_member_name (builder, "portfolio");
  json_builder_begin_object (builder);
  add_figure (builder, "investment", portfolio->investment, NULL);
  add_figure (builder, "annual_saving", portfolio->annual_saving, portfolio->annual_saving_note);
  add_figure (builder, "co2_avoided_t", portfolio->co2_avoided_t, portfolio->co2_avoided_t_note);
  add_figure (builder, "water_saved_m3", portfolio->water_saved_m3, portfolio->dimensions_note);
  add_figure (builder, "energy_saved_kwh", portfolio->energy_saved_kwh, portfolio->dimensions_note);
  add_figure (builder, "tep_saved", portfolio->tep_saved, portfolio->dimensions_note);
  add_figure (builder, "waste_avoided_kg", portfolio->waste_avoided_kg, portfolio->dimensions_note);
  json_builder_end_object (builder);
}

static void
add_after (JsonBuilder *builder,
           EkvBalance  *after,
           const char  *note)
{
  const EkvPlantBalance *plant = after != NULL ? &after->plant : NULL;

  if (note == NULL)
    note = "the after scenario cannot be computed";
  json_builder_set_member_name (builder, "after");
  json_builder_begin_object (builder);
  add_figure (builder, "mass_in_kg", plant != NULL ? plant->mass_in_kg : NAN, note);
  add_figure (builder, "water_in_m3", plant != NULL ? plant->water_in_m3 : NAN, note);
  add_figure (builder, "energy_in_kwh", plant != NULL ? plant->energy_in_kwh : NAN, note);
  add_figure (builder, "tep", plant != NULL ? plant->tep : NAN, note);
  add_figure (builder, "co2_t", plant != NULL ? plant->co2_t : NAN, note);
  json_builder_end_object (builder);
}

JsonNode *
ekv_results_to_json_full (EkvDocument *document,
                          EkvBalance  *balance,
                          EkvOptions  *options,
                          EkvBalance  *after,
                          const char  *after_note)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (balance != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_audit (builder, document);
  add_plant (builder, &balance->plant);
  add_units (builder, balance->units);
  add_carriers (builder, balance->carriers);
  add_options (builder, options);
  add_portfolio (builder, &options->portfolio);
  add_after (builder, after, after_note);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ekv_results_to_json (EkvDocument *document,
                     EkvBalance  *balance)
{
  g_autoptr(EkvOptions) options = NULL;
  g_autoptr(EkvDocument) after_document = NULL;
  g_autoptr(EkvBalance) after = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (balance != NULL, NULL);

  options = ekv_options_compute (document, balance);
  after_document = ekv_scenario_after (document, &error);
  if (after_document != NULL)
    after = ekv_balance_compute (after_document);

  return ekv_results_to_json_full (document, balance, options, after,
                                   error != NULL ? error->message : NULL);
}
