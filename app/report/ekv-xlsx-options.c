/* ekv-xlsx-options.c: the Options and MACC sheets
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Options: the discount rate and every option's inputs in cells (investment,
 * lifetime, salvage, O&M cost, other savings), the changes to flows (Δ per
 * year × the flow's price, from the Inventory), then results-format.md's
 * figures as formulas over them:
 *
 *   annual saving = Σ −Δ × price + other savings − O&M cost
 *   NPV           = −I + NPV(r; CF₁ … CFₙ₊S)   (Excel's NPV() discounts from
 *                   year 1, so the year-0 investment stays outside it; the
 *                   cash-flow table puts the salvage in year n)
 *   IRR           = IRR(−I; CF₁ … CFₙ₊S)
 *   water, energy, TEP, waste, raw material saved
 *                 = Σ −Δ × the flow's m³, kWh, TEP or kg per unit (the
 *                   energy ones over the Energy sheet's factor names, a liquid's
 *                   kg over its density cell); the portfolio sums the options'
 *                   columns
 *
 * A lifetime that is not a whole number of years (or longer than the table)
 * gets NPV in the closed form core uses: −I + CF·(1 − (1 + r)^−n)/r + S/(1 + r)^n.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-factors.h"
#include "ekv-labels.h"
#include "ekv-macc-draw.h"
#include "ekv-xlsx-private.h"

#define MAX_YEARS 50
#define RATE "(DiscountRate/100)"

typedef struct
{
  lxw_row_t header;      /* the options' header row */
  lxw_row_t first;       /* first option row */
  lxw_row_t portfolio;   /* the portfolio's row */
  lxw_row_t changes_header;
  lxw_row_t changes_first;
  lxw_row_t changes_last;
  lxw_row_t cash_header;
  guint     years;       /* cash-flow table: years 0..YEARS */
} Layout;

enum
{
  CH_OPTION,
  CH_FLOW,
  CH_FLOW_NAME,
  CH_DELTA,
  CH_DELTA_PCT,
  CH_PER_YEAR,
  CH_DELTA_YEAR,
  CH_PRICE,
  CH_SAVING,
  CH_CO2,
  CH_WATER,        /* the option's effect at the plant boundary, per year: */
  CH_WASTEWATER,   /* one column per dimension of EkvOptionResult, as */
  CH_ENERGY,       /* ekv-options.c counts it */
  CH_TEP,
  CH_WASTE,
  CH_RAW_MATERIAL,
  CH_N_COLUMNS
};

/* The dimensions: a change column, the option's column over it, the
 * portfolio's line. */
static const struct
{
  lxw_col_t   change_col;
  lxw_col_t   option_col;
  const char *label;
} dimensions[] = {
  { CH_WATER, EKV_XLSX_OPT_WATER_SAVED, N_("Water saved (m³/year)") },
  { CH_WASTEWATER, EKV_XLSX_OPT_WASTEWATER_SAVED, N_("Wastewater avoided (m³/year)") },
  { CH_ENERGY, EKV_XLSX_OPT_ENERGY_SAVED, N_("Energy saved (kWh/year)") },
  { CH_TEP, EKV_XLSX_OPT_TEP_SAVED, N_("Energy saved (TEP/year)") },
  { CH_WASTE, EKV_XLSX_OPT_WASTE_AVOIDED, N_("Waste avoided (kg/year)") },
  { CH_RAW_MATERIAL, EKV_XLSX_OPT_RAW_MATERIAL_SAVED, N_("Raw material saved (t/year)") },
};

static double
dimension_value (const EkvOptionResult *result,
                 guint                  i)
{
  const double values[] = { result->water_saved_m3, result->wastewater_saved_m3,
                            result->energy_saved_kwh, result->tep_saved,
                            result->waste_avoided_kg, result->raw_material_saved_t };

  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (dimensions));
  return values[i];
}

static double
portfolio_value (const EkvPortfolio *portfolio,
                 guint               i)
{
  const double values[] = { portfolio->water_saved_m3, portfolio->wastewater_saved_m3,
                            portfolio->energy_saved_kwh, portfolio->tep_saved,
                            portfolio->waste_avoided_kg, portfolio->raw_material_saved_t };

  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (dimensions));
  return values[i];
}

static gboolean
whole_years (double lifetime)
{
  return lifetime >= 1 && lifetime <= MAX_YEARS && lifetime == floor (lifetime);
}

static char *
ref (lxw_row_t row,
     lxw_col_t col)
{
  return ekv_xlsx_ref (NULL, row, col, FALSE);
}

/* CO₂ of bought energy a change avoids: −Δ × the flow's kg CO₂ per unit, an
 * expression over the Energy sheet's factor names (ekv-xlsx-factors.c), as
 * ekv-options.c counts it (the audit's factor before the built-in). */
static void
write_change_co2 (EkvXlsx      *self,
                  EkvXlsxSheet *sheet,
                  lxw_row_t     row,
                  EkvRecord    *flow,
                  double        delta)
{
  g_autofree char *delta_year = ref (row, CH_DELTA_YEAR);
  g_autofree char *formula = NULL;
  EkvXlsxEnergy energy;

  if (ekv_record_get_enum (flow, EKV_FLOW_KIND) != EKV_FLOW_KIND_ENERGY
      || ekv_record_is_set (flow, EKV_FLOW_FROM))
    return;
  ekv_xlsx_flow_energy (self, flow, &energy);
  if (energy.co2 != NULL && isfinite (energy.co2_value))
    {
      formula = g_strdup_printf ("=-%s*%s/1000", delta_year, energy.co2);
      ekv_xlsx_formula (sheet, row, CH_CO2, formula, -delta * energy.co2_value / 1000.0,
                        self->f_number);
    }
  ekv_xlsx_energy_clear (&energy);
}

/* kg per unit of FLOW: through its density cell on the Inventory (INV_ROW)
 * when core weighs it that way, else a number. NULL when it has no mass. */
static char *
kg_per_unit (EkvXlsx   *self,
             EkvRecord *flow,
             lxw_row_t  inv_row,
             double    *value)
{
  EkvQuantityUnit unit = ekv_record_get_enum (flow, EKV_FLOW_UNIT);
  EkvDimension dimension = ekv_quantity_unit_get_dimension (unit);

  if (!ekv_flow_quantity_to_kg (flow, 1.0, value, NULL) || !isfinite (*value))
    return NULL;
  if (ekv_record_is_set (flow, EKV_FLOW_DENSITY)
      && (dimension == EKV_DIMENSION_VOLUME || dimension == EKV_DIMENSION_GAS_VOLUME))
    {
      /* L: 1, m³: 1000; a Sm³ or Nm³ is taken as 1000 L of gas (ekv-units.h). */
      double litres = dimension == EKV_DIMENSION_VOLUME ? ekv_quantity_unit_to_base (unit) * 1000
                                                        : 1000;

      if (fabs (litres * ekv_record_get_double (flow, EKV_FLOW_DENSITY) - *value)
          <= 1e-12 * fabs (*value))
        {
          g_autofree char *number = ekv_xlsx_formula_number (litres);
          g_autofree char *density = ekv_xlsx_ref (self->inventory, inv_row, EKV_FLOW_DENSITY,
                                                   TRUE);

          return g_strdup_printf ("%s*%s", number, density);
        }
    }
  return ekv_xlsx_formula_number (*value);
}

typedef struct
{
  lxw_col_t  col;
  char      *per_unit;   /* an expression */
  double     value;      /* per unit */
  double     scale;      /* 1, or 1/1000 for tonnes */
} Saving;

/* What a change saves at the plant boundary, in the column of its dimension:
 * −Δ per year × the flow's water m³, kWh, TEP or kg per unit (ekv-options.c). */
static void
write_change_dimensions (EkvXlsx      *self,
                         EkvXlsxSheet *sheet,
                         lxw_row_t     row,
                         EkvRecord    *flow,
                         lxw_row_t     inv_row,
                         double        delta)
{
  EkvQuantityUnit unit = ekv_record_get_enum (flow, EKV_FLOW_UNIT);
  gboolean from_outside = !ekv_record_is_set (flow, EKV_FLOW_FROM)
                          || *ekv_record_get_string (flow, EKV_FLOW_FROM) == '\0';
  gboolean to_outside = !ekv_record_is_set (flow, EKV_FLOW_TO)
                        || *ekv_record_get_string (flow, EKV_FLOW_TO) == '\0';
  g_autofree char *delta_year = ref (row, CH_DELTA_YEAR);
  Saving out[2];
  guint n = 0;
  double value;

  switch ((EkvFlowKind) ekv_record_get_enum (flow, EKV_FLOW_KIND))
    {
    case EKV_FLOW_KIND_WATER:
    case EKV_FLOW_KIND_WASTEWATER:
      {
        gboolean water = ekv_record_get_enum (flow, EKV_FLOW_KIND) == EKV_FLOW_KIND_WATER;

        if ((water ? from_outside : to_outside)
            && ekv_quantity_to_water_m3 (1.0, unit, &value, NULL) && isfinite (value))
          out[n++] = (Saving) { water ? CH_WATER : CH_WASTEWATER,
                                         ekv_xlsx_formula_number (value), value, 1 };
      }
      break;

    case EKV_FLOW_KIND_SOLID_WASTE:
    case EKV_FLOW_KIND_HAZARDOUS_WASTE:
    case EKV_FLOW_KIND_RAW_MATERIAL:
      {
        gboolean raw = ekv_record_get_enum (flow, EKV_FLOW_KIND) == EKV_FLOW_KIND_RAW_MATERIAL;
        char *per_unit;

        if (!(raw ? from_outside : to_outside))
          break;
        per_unit = kg_per_unit (self, flow, inv_row, &value);
        if (per_unit != NULL)
          out[n++] = (Saving) { raw ? CH_RAW_MATERIAL : CH_WASTE, per_unit, value,
                                         raw ? 1e-3 : 1 };
      }
      break;

    case EKV_FLOW_KIND_ENERGY:
      if (from_outside)
        {
          EkvXlsxEnergy energy;

          ekv_xlsx_flow_energy (self, flow, &energy);
          if (energy.kwh != NULL && isfinite (energy.kwh_value)
              && energy.tep != NULL && isfinite (energy.tep_value))
            {
              out[n++] = (Saving) { CH_ENERGY, g_steal_pointer (&energy.kwh),
                                             energy.kwh_value, 1 };
              out[n++] = (Saving) { CH_TEP, g_steal_pointer (&energy.tep),
                                             energy.tep_value, 1 };
            }
          ekv_xlsx_energy_clear (&energy);
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

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *formula = NULL;

      if (g_str_equal (out[i].per_unit, "1"))
        formula = g_strdup_printf (out[i].scale == 1 ? "=-%s" : "=-%s/1000", delta_year);
      else
        formula = g_strdup_printf (out[i].scale == 1 ? "=-%s*%s" : "=-%s*%s/1000", delta_year,
                                   out[i].per_unit);

      ekv_xlsx_formula (sheet, row, out[i].col, formula,
                        delta != 0 ? -delta * out[i].value * out[i].scale : 0, self->f_number);
      g_free (out[i].per_unit);
    }
}

static void
write_changes (EkvXlsx      *self,
               EkvXlsxSheet *sheet,
               Layout       *layout)
{
  const char *headers[CH_N_COLUMNS];
  g_autofree char *price_header = NULL;
  lxw_row_t row = layout->changes_header;

  /* Translators: a column header: the option a change to a flow belongs to */
  headers[CH_OPTION] = _("Option");
  headers[CH_FLOW] = ekv_xlsx_field_label (EKV_ENTITY_CHANGE, EKV_CHANGE_FLOW);
  /* Translators: a column header */
  headers[CH_FLOW_NAME] = _("Flow name");
  headers[CH_DELTA] = ekv_xlsx_field_label (EKV_ENTITY_CHANGE, EKV_CHANGE_DELTA);
  headers[CH_DELTA_PCT] = ekv_xlsx_field_label (EKV_ENTITY_CHANGE, EKV_CHANGE_DELTA_PCT);
  headers[CH_PER_YEAR] = _("Periods per year");
  /* Translators: a column header: a change's amount per year, in the flow's unit */
  headers[CH_DELTA_YEAR] = _("Change per year (flow's unit)");
  /* Translators: a column header; %s is the currency code */
  price_header = g_strdup_printf (_("Price (%s per unit)"), self->currency);
  headers[CH_PRICE] = price_header;
  /* Translators: a column header: −change × price */
  headers[CH_SAVING] = _("Saving per year");
  /* Translators: a column header */
  headers[CH_CO2] = _("CO₂ avoided (t/year)");
  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    headers[dimensions[i].change_col] = _(dimensions[i].label);
  ekv_xlsx_note (sheet, row - 1, 0, _("Changes to flows"), self->f_title);
  ekv_xlsx_header_row (self, sheet, row, headers, CH_N_COLUMNS);

  for (guint i = 0; i < self->options->options->len; i++)
    {
      const EkvOptionResult *result = &g_array_index (self->options->options, EkvOptionResult, i);
      GListModel *changes = ekv_record_get_children (result->option, EKV_ENTITY_CHANGE);
      guint n = changes != NULL ? g_list_model_get_n_items (changes) : 0;

      for (guint c = 0; c < n; c++)
        {
          g_autoptr(EkvRecord) change = g_list_model_get_item (changes, c);
          const char *flow_id = ekv_record_get_string (change, EKV_CHANGE_FLOW);
          const EkvFlowFigures *fig = ekv_balance_find_flow (self->balance, flow_id);
          guint inv_row = GPOINTER_TO_UINT (g_hash_table_lookup (self->flow_rows, flow_id));
          const char *price_name;
          g_autofree char *formula = NULL;
          g_autofree char *inv_ref = NULL;
          g_autofree char *delta_year = NULL;
          double delta = NAN;
          double price;

          if (fig == NULL || inv_row == 0)
            continue;
          inv_row--;
          row++;
          ekv_xlsx_text (sheet, row, CH_OPTION, result->id, NULL);
          ekv_xlsx_text (sheet, row, CH_FLOW, flow_id, NULL);
          ekv_xlsx_field (self, sheet, row, CH_FLOW_NAME, fig->flow, EKV_FLOW_NAME);
          if (ekv_record_is_set (change, EKV_CHANGE_DELTA))
            ekv_xlsx_number (sheet, row, CH_DELTA, ekv_record_get_double (change, EKV_CHANGE_DELTA),
                             self->f_input);
          else if (ekv_record_is_set (change, EKV_CHANGE_DELTA_PCT))
            ekv_xlsx_number (sheet, row, CH_DELTA_PCT,
                             ekv_record_get_double (change, EKV_CHANGE_DELTA_PCT), self->f_input);

          inv_ref = ekv_xlsx_ref (self->inventory, inv_row, EKV_XLSX_INV_PER_YEAR, TRUE);
          formula = g_strdup_printf ("=%s", inv_ref);
          if (isfinite (fig->per_year))
            ekv_xlsx_formula (sheet, row, CH_PER_YEAR, formula, fig->per_year, self->f_precise);
          g_clear_pointer (&formula, g_free);
          g_clear_pointer (&inv_ref, g_free);

          /* Δ per year as core computes it: delta × periods, or % of the yearly quantity. */
          if (ekv_record_is_set (change, EKV_CHANGE_DELTA))
            {
              g_autofree char *d = ref (row, CH_DELTA);
              g_autofree char *p = ref (row, CH_PER_YEAR);

              delta = ekv_record_get_double (change, EKV_CHANGE_DELTA) * fig->per_year;
              formula = g_strdup_printf ("=%s*%s", d, p);
            }
          else if (ekv_record_is_set (change, EKV_CHANGE_DELTA_PCT))
            {
              g_autofree char *d = ref (row, CH_DELTA_PCT);

              inv_ref = ekv_xlsx_ref (self->inventory, inv_row, EKV_XLSX_INV_YEARLY, TRUE);
              delta = ekv_record_get_double (change, EKV_CHANGE_DELTA_PCT) / 100.0 * fig->yearly;
              formula = g_strdup_printf ("=%s/100*%s", d, inv_ref);
            }
          if (formula != NULL && isfinite (delta))
            ekv_xlsx_formula (sheet, row, CH_DELTA_YEAR, formula, delta, self->f_number);
          g_clear_pointer (&formula, g_free);
          g_clear_pointer (&inv_ref, g_free);

          /* The price through its defined name where it has one. */
          price = ekv_record_is_set (fig->flow, EKV_FLOW_PRICE)
                  ? ekv_record_get_double (fig->flow, EKV_FLOW_PRICE) : 0;
          price_name = g_hash_table_lookup (self->price_names, flow_id);
          if (price_name != NULL)
            formula = g_strdup_printf ("=%s", price_name);
          else
            {
              inv_ref = ekv_xlsx_ref (self->inventory, inv_row, EKV_FLOW_PRICE, TRUE);
              formula = g_strdup_printf ("=%s", inv_ref);
            }
          ekv_xlsx_formula (sheet, row, CH_PRICE, formula, price, self->f_money);
          g_clear_pointer (&formula, g_free);

          if (isfinite (delta))
            {
              delta_year = ref (row, CH_DELTA_YEAR);
              g_autofree char *p = ref (row, CH_PRICE);

              formula = g_strdup_printf ("=-%s*%s", delta_year, p);
              ekv_xlsx_formula (sheet, row, CH_SAVING, formula,
                                delta != 0 ? -delta * price : 0, self->f_money);
              write_change_co2 (self, sheet, row, fig->flow, delta);
              write_change_dimensions (self, sheet, row, fig->flow, inv_row, delta);
            }
        }
    }
  layout->changes_last = row;
}

/* Year t of option ROW's cash flows: −I at 0; CF in 1..n; + S in n. */
static void
write_cash_flows (EkvXlsx               *self,
                  EkvXlsxSheet          *sheet,
                  const Layout          *layout,
                  lxw_row_t              row,
                  lxw_row_t              option_row,
                  const EkvOptionResult *result)
{
  g_autofree char *inv = ekv_xlsx_ref (NULL, option_row, EKV_XLSX_OPT_INVESTMENT, TRUE);
  g_autofree char *life = ekv_xlsx_ref (NULL, option_row, EKV_XLSX_OPT_LIFETIME, TRUE);
  g_autofree char *salvage = ekv_xlsx_ref (NULL, option_row, EKV_XLSX_OPT_SALVAGE, TRUE);
  g_autofree char *cf = ekv_xlsx_ref (NULL, option_row, EKV_XLSX_OPT_ANNUAL_SAVING, TRUE);
  g_autofree char *id = ekv_xlsx_ref (NULL, option_row, EKV_XLSX_OPT_ID, TRUE);
  g_autofree char *id_formula = g_strdup_printf ("=%s", id);
  g_autofree char *year0 = g_strdup_printf ("=-%s", inv);

  worksheet_write_formula_str (sheet->sheet, row, 0, id_formula, NULL, result->id);
  ekv_xlsx_formula (sheet, row, 1, year0, -result->investment, self->f_money);
  for (guint t = 1; t <= layout->years; t++)
    {
      g_autofree char *year = ekv_xlsx_ref (NULL, layout->cash_header, 1 + t, TRUE);
      g_autofree char *formula = NULL;
      double value = 0;

      formula = g_strdup_printf ("=IF(%s<=%s,%s,0)+IF(%s=%s,%s,0)", year, life, cf, year, life,
                                 salvage);
      if (t <= result->lifetime)
        value += result->annual_saving;
      if (t == result->lifetime)
        value += result->salvage;
      ekv_xlsx_formula (sheet, row, 1 + t, formula, value, self->f_money);
    }
}

static void
write_option (EkvXlsx               *self,
              EkvXlsxSheet          *sheet,
              const Layout          *layout,
              lxw_row_t              row,
              lxw_row_t              cash_row,
              const EkvOptionResult *result)
{
  const EkvFinanceFigures *fin = &result->finance;
  g_autofree char *id = ref (row, EKV_XLSX_OPT_ID);
  g_autofree char *inv = ref (row, EKV_XLSX_OPT_INVESTMENT);
  g_autofree char *life = ref (row, EKV_XLSX_OPT_LIFETIME);
  g_autofree char *salvage = ref (row, EKV_XLSX_OPT_SALVAGE);
  g_autofree char *om = ref (row, EKV_XLSX_OPT_OM_COST);
  g_autofree char *other = ref (row, EKV_XLSX_OPT_OTHER_SAVINGS);
  g_autofree char *flow_saving = ref (row, EKV_XLSX_OPT_FLOW_SAVING);
  g_autofree char *cf = ref (row, EKV_XLSX_OPT_ANNUAL_SAVING);
  g_autofree char *npv = ref (row, EKV_XLSX_OPT_NPV);
  g_autofree char *eac = ref (row, EKV_XLSX_OPT_EAC);
  g_autofree char *co2 = ref (row, EKV_XLSX_OPT_CO2_AVOIDED);
  g_autofree char *savings = ekv_xlsx_range (NULL, layout->changes_first,
                                             MAX (layout->changes_last, layout->changes_first),
                                             CH_SAVING);
  g_autofree char *owners = ekv_xlsx_range (NULL, layout->changes_first,
                                            MAX (layout->changes_last, layout->changes_first),
                                            CH_OPTION);
  g_autofree char *formula = NULL;
  g_autofree char *first = ref (cash_row, 1);
  g_autofree char *second = ref (cash_row, 2);
  g_autofree char *last = ref (cash_row, 1 + layout->years);

  ekv_xlsx_text (sheet, row, EKV_XLSX_OPT_ID, result->id, NULL);
  ekv_xlsx_field (self, sheet, row, EKV_XLSX_OPT_TITLE, result->option, EKV_OPTION_TITLE);
  ekv_xlsx_text (sheet, row, EKV_XLSX_OPT_STATUS,
                 ekv_enum_get_label (EKV_TYPE_OPTION_STATUS, result->status), NULL);
  ekv_xlsx_text (sheet, row, EKV_XLSX_OPT_IN_PORTFOLIO, result->in_portfolio ? _("Yes") : _("No"),
                 NULL);
  ekv_xlsx_number (sheet, row, EKV_XLSX_OPT_INVESTMENT, result->investment, self->f_input);
  ekv_xlsx_number (sheet, row, EKV_XLSX_OPT_LIFETIME, result->lifetime, self->f_input);
  ekv_xlsx_number (sheet, row, EKV_XLSX_OPT_SALVAGE, result->salvage, self->f_input);
  ekv_xlsx_number (sheet, row, EKV_XLSX_OPT_OM_COST, result->om_cost, self->f_input);
  ekv_xlsx_number (sheet, row, EKV_XLSX_OPT_OTHER_SAVINGS, result->other_savings, self->f_input);

  if (layout->changes_last >= layout->changes_first)
    formula = g_strdup_printf ("=SUMIFS(%s,%s,%s)", savings, owners, id);
  else
    formula = g_strdup ("=0");
  ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_FLOW_SAVING, formula, result->flow_saving,
                    self->f_money);
  g_free (formula);
  formula = g_strdup_printf ("=%s+%s-%s", flow_saving, other, om);
  ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_ANNUAL_SAVING, formula, result->annual_saving,
                    self->f_money);
  g_free (formula);
  formula = g_strdup_printf ("=IF(%s>0,%s/%s,\"\")", cf, inv, cf);
  ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_PAYBACK, formula, fin->simple_payback_years,
                    self->f_number);
  g_free (formula);

  if (whole_years (result->lifetime))
    formula = g_strdup_printf ("=%s+NPV(" RATE ",%s:%s)", first, second, last);
  else
    formula = g_strdup_printf ("=-%s+%s*IF(DiscountRate=0,%s,(1-(1+" RATE ")^-%s)/" RATE ")"
                               "+%s/(1+" RATE ")^%s", inv, cf, life, life, salvage, life);
  ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_NPV, formula, fin->npv, self->f_money);
  g_free (formula);

  /* IRR() iterates from a guess: CF / I, the rate of a perpetuity, is near the
   * root of a long project and far better than the default 10 % for one that
   * pays back in months. As in core, there is a rate only when the flows
   * (−I; CF … CF + S) change sign once: with S ≥ 0, when I > 0 and CF + S > 0
   * (LibreOffice finds a "rate" below −100 % for flows that are all negative). */
  if (whole_years (result->lifetime))
    {
      formula = g_strdup_printf ("=IF(AND(%s>0,%s+%s>0),IFERROR(IRR(%s:%s,IF(%s>0,%s/%s,0.1)),"
                                 "\"\"),\"\")", inv, cf, salvage, first, last, inv, cf, inv);
      ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_IRR, formula, fin->irr_pct / 100.0,
                        self->f_fraction_percent);
      g_free (formula);
    }
  else
    ekv_xlsx_number (sheet, row, EKV_XLSX_OPT_IRR, fin->irr_pct / 100.0, self->f_fraction_percent);

  /* Discounted payback (results-format.md): the year k in which −I + CF·a(r, k)
   * turns positive, from the closed form of the annuity, then linear within it:
   * (k − 1) + (I − CF·a(r, k − 1)) / (CF·(1 + r)^−k); 0 without an investment;
   * empty when it never pays back within the lifetime. */
  {
    g_autofree char *k = g_strdup_printf ("MAX(1,ROUNDUP(IF(DiscountRate=0,%s/%s,"
                                          "-LN(1-" RATE "*%s/%s)/LN(1+" RATE ")),0))",
                                          inv, cf, inv, cf);
    g_autofree char *payback = g_strdup_printf ("(%s-1)+(%s-%s*IF(DiscountRate=0,%s-1,(1-(1+" RATE
                                                ")^-(%s-1))/" RATE "))/(%s*(1+" RATE ")^-%s)",
                                                k, inv, cf, k, k, cf, k);

    formula = g_strdup_printf ("=IF(%s<=0,0,IF(%s<=0,\"\",IF(1-" RATE "*%s/%s<=0,\"\","
                               "IF(%s>%s,\"\",%s))))", inv, cf, inv, cf, payback, life, payback);
    ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_DISCOUNTED_PAYBACK, formula,
                      fin->discounted_payback_years, self->f_number);
    g_free (formula);
  }
  formula = g_strdup_printf ("=IF(%s=0,\"\",(%s+%s)/%s)", inv, npv, inv, inv);
  ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_PI, formula, fin->profitability_index, self->f_number);
  g_free (formula);
  formula = g_strdup_printf ("=IF(DiscountRate=0,%s/%s,%s*" RATE "*(1+" RATE ")^%s/((1+" RATE
                             ")^%s-1))", inv, life, inv, life, life);
  ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_EAC, formula, fin->eac, self->f_money);
  g_free (formula);
  /* CO₂ avoided: the sum of the changes' column (empty when core could not count it). */
  if (isfinite (result->co2_avoided_t) && layout->changes_last >= layout->changes_first)
    {
      g_autofree char *co2_changes = ekv_xlsx_range (NULL, layout->changes_first,
                                                     layout->changes_last, CH_CO2);

      formula = g_strdup_printf ("=SUMIFS(%s,%s,%s)", co2_changes, owners, id);
      ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_CO2_AVOIDED, formula, result->co2_avoided_t,
                        self->f_number);
      g_free (formula);
    }
  else
    ekv_xlsx_number (sheet, row, EKV_XLSX_OPT_CO2_AVOIDED, result->co2_avoided_t, self->f_number);
  formula = g_strdup_printf ("=IF(N(%s)>0,(%s-%s)/%s,\"\")", co2, eac, cf, co2);
  ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_COST_PER_T_CO2, formula, result->cost_per_t_co2,
                    self->f_money);

  /* Water, energy, waste: the sums of the changes' columns; empty where core
   * could not convert a change (the changes table then has a gap). */
  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    {
      double value = dimension_value (result, i);
      g_autofree char *column = NULL;
      g_autofree char *sum = NULL;

      if (!isfinite (value) || layout->changes_last < layout->changes_first)
        {
          ekv_xlsx_number (sheet, row, dimensions[i].option_col, value, self->f_number);
          continue;
        }
      column = ekv_xlsx_range (NULL, layout->changes_first, layout->changes_last,
                               dimensions[i].change_col);
      sum = g_strdup_printf ("=SUMIFS(%s,%s,%s)", column, owners, id);
      ekv_xlsx_formula (sheet, row, dimensions[i].option_col, sum, value, self->f_number);
    }
}

static void
write_portfolio (EkvXlsx      *self,
                 EkvXlsxSheet *sheet,
                 const Layout *layout,
                 lxw_row_t     last_option)
{
  const EkvPortfolio *portfolio = &self->options->portfolio;
  lxw_row_t row = layout->portfolio;
  g_autofree char *flags = ekv_xlsx_range (NULL, layout->first, MAX (last_option, layout->first),
                                           EKV_XLSX_OPT_IN_PORTFOLIO);
  g_autofree char *yes = ekv_xlsx_formula_text (_("Yes"));
  g_autofree char *inv = ref (row, EKV_XLSX_OPT_INVESTMENT);
  g_autofree char *cf = ref (row, EKV_XLSX_OPT_ANNUAL_SAVING);
  g_autofree char *money_label = NULL;
  const lxw_col_t sums[] = { EKV_XLSX_OPT_INVESTMENT, EKV_XLSX_OPT_ANNUAL_SAVING,
                             EKV_XLSX_OPT_CO2_AVOIDED };
  const double values[] = { portfolio->investment, portfolio->annual_saving,
                            portfolio->co2_avoided_t };

  ekv_xlsx_text (sheet, row, EKV_XLSX_OPT_ID, _("Portfolio"), self->f_bold);
  ekv_xlsx_text (sheet, row, EKV_XLSX_OPT_TITLE, _("Options approved, in progress or done"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (sums); i++)
    {
      g_autofree char *range = ekv_xlsx_range (NULL, layout->first,
                                               MAX (last_option, layout->first), sums[i]);
      g_autofree char *formula = g_strdup_printf ("=SUMIFS(%s,%s,%s)", range, flags, yes);

      ekv_xlsx_formula (sheet, row, sums[i], formula, values[i], self->f_total);
    }
  {
    g_autofree char *formula = g_strdup_printf ("=IF(%s>0,%s/%s,\"\")", cf, inv, cf);

    ekv_xlsx_formula (sheet, row, EKV_XLSX_OPT_PAYBACK, formula, portfolio->simple_payback_years,
                      self->f_total);
  }

  ekv_xlsx_add_heading (self, _("Portfolio of options (approved, in progress, done)"));
  {
    g_autofree char *formula = g_strdup_printf ("=COUNTIF(%s,%s)", flags, yes);

    /* Translators: a label of the workbook's summary */
    ekv_xlsx_text (sheet, row + 1, EKV_XLSX_OPT_TITLE, _("Options in the portfolio"), NULL);
    ekv_xlsx_formula (sheet, row + 1, EKV_XLSX_OPT_INVESTMENT, formula, portfolio->n_options,
                      self->f_integer);
    ekv_xlsx_add_figure (self, _("Options in the portfolio"), sheet, row + 1,
                         EKV_XLSX_OPT_INVESTMENT, portfolio->n_options, self->f_integer);
  }
  /* Translators: %s is the currency code */
  money_label = g_strdup_printf (_("Investment (%s)"), self->currency);
  ekv_xlsx_add_figure (self, money_label, sheet, row, EKV_XLSX_OPT_INVESTMENT,
                       portfolio->investment, self->f_money);
  g_free (money_label);
  /* Translators: %s is the currency code */
  money_label = g_strdup_printf (_("Annual saving (%s/year)"), self->currency);
  ekv_xlsx_add_figure (self, money_label, sheet, row, EKV_XLSX_OPT_ANNUAL_SAVING,
                       portfolio->annual_saving, self->f_money);
  ekv_xlsx_add_figure (self, _("Simple payback (years)"), sheet, row, EKV_XLSX_OPT_PAYBACK,
                       portfolio->simple_payback_years, self->f_number);
  ekv_xlsx_add_figure (self, _("CO₂ avoided (t/year)"), sheet, row, EKV_XLSX_OPT_CO2_AVOIDED,
                       portfolio->co2_avoided_t, self->f_number);
  /* Per dimension: the options' column summed over the portfolio (empty, as in
   * core, when an option of the portfolio could not be converted). */
  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    {
      lxw_row_t r = row + 2 + i;
      double value = portfolio_value (portfolio, i);
      g_autofree char *range = ekv_xlsx_range (NULL, layout->first,
                                               MAX (last_option, layout->first),
                                               dimensions[i].option_col);
      g_autofree char *formula = g_strdup_printf ("=SUMIFS(%s,%s,%s)", range, flags, yes);

      ekv_xlsx_text (sheet, r, EKV_XLSX_OPT_TITLE, _(dimensions[i].label), NULL);
      if (isfinite (value))
        ekv_xlsx_formula (sheet, r, EKV_XLSX_OPT_INVESTMENT, formula, value, self->f_number);
      ekv_xlsx_add_figure (self, _(dimensions[i].label), sheet, r, EKV_XLSX_OPT_INVESTMENT,
                           value, self->f_number);
    }
}

gboolean
ekv_xlsx_write_options (EkvXlsx  *self,
                        GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("Options"));
  GArray *results = self->options->options;
  guint n = results->len;
  guint n_changes = 0;
  const char *headers[EKV_XLSX_OPT_N_COLUMNS];
  char *money[6] = { NULL };
  g_autofree char *rate_ref = NULL;
  Layout layout = { 0 };
  lxw_row_t row;

  self->options_sheet = sheet;
  for (guint i = 0; i < n; i++)
    {
      const EkvOptionResult *result = &g_array_index (results, EkvOptionResult, i);
      GListModel *changes = ekv_record_get_children (result->option, EKV_ENTITY_CHANGE);

      n_changes += changes != NULL ? g_list_model_get_n_items (changes) : 0;
      if (whole_years (result->lifetime))
        layout.years = MAX (layout.years, (guint) result->lifetime);
    }
  layout.years = MAX (layout.years, 1);
  layout.header = 3;
  layout.first = 4;
  layout.portfolio = layout.first + n + 1;
  layout.changes_header = layout.portfolio + 10;
  layout.changes_first = layout.changes_header + 1;
  layout.cash_header = layout.changes_header + n_changes + 3;

  /* The discount rate: one input cell, named, that every formula uses. */
  ekv_xlsx_text (sheet, 0, 0, ekv_xlsx_field_label (EKV_ENTITY_FINANCE, EKV_FINANCE_DISCOUNT_RATE),
                 self->f_bold);
  ekv_xlsx_number (sheet, 0, 1, self->options->discount_rate, self->f_input);
  rate_ref = ekv_xlsx_ref (sheet, 0, 1, TRUE);
  {
    g_autofree char *formula = g_strdup_printf ("=%s", rate_ref);

    workbook_define_name (self->workbook, "DiscountRate", formula);
  }
  ekv_xlsx_note (sheet, 1, 0, _("Inputs: discount rate, investment, lifetime, salvage, O&M "
                                "cost, other savings and the changes below. Everything else is "
                                "a formula."),
                 NULL);

  headers[EKV_XLSX_OPT_ID] = ekv_xlsx_field_label (EKV_ENTITY_OPTION, EKV_OPTION_ID);
  headers[EKV_XLSX_OPT_TITLE] = ekv_xlsx_field_label (EKV_ENTITY_OPTION, EKV_OPTION_TITLE);
  headers[EKV_XLSX_OPT_STATUS] = ekv_xlsx_field_label (EKV_ENTITY_OPTION, EKV_OPTION_STATUS);
  /* Translators: a column header: approved, in progress or done */
  headers[EKV_XLSX_OPT_IN_PORTFOLIO] = _("In the portfolio");
  /* Translators: column headers; %s is the currency code */
  money[0] = g_strdup_printf (_("Investment (%s)"), self->currency);
  headers[EKV_XLSX_OPT_INVESTMENT] = money[0];
  /* Translators: a column header */
  headers[EKV_XLSX_OPT_LIFETIME] = _("Lifetime (years)");
  money[1] = g_strdup_printf (_("Salvage value (%s)"), self->currency);
  headers[EKV_XLSX_OPT_SALVAGE] = money[1];
  money[2] = g_strdup_printf (_("O&M cost (%s/year)"), self->currency);
  headers[EKV_XLSX_OPT_OM_COST] = money[2];
  money[3] = g_strdup_printf (_("Other savings (%s/year)"), self->currency);
  headers[EKV_XLSX_OPT_OTHER_SAVINGS] = money[3];
  money[4] = g_strdup_printf (_("Saving on flows (%s/year)"), self->currency);
  headers[EKV_XLSX_OPT_FLOW_SAVING] = money[4];
  money[5] = g_strdup_printf (_("Annual saving (%s/year)"), self->currency);
  headers[EKV_XLSX_OPT_ANNUAL_SAVING] = money[5];
  headers[EKV_XLSX_OPT_PAYBACK] = _("Simple payback (years)");
  /* Translators: a column header: net present value */
  headers[EKV_XLSX_OPT_NPV] = _("NPV");
  /* Translators: a column header: internal rate of return */
  headers[EKV_XLSX_OPT_IRR] = _("IRR");
  /* Translators: a column header */
  headers[EKV_XLSX_OPT_DISCOUNTED_PAYBACK] = _("Discounted payback (years)");
  /* Translators: a column header */
  headers[EKV_XLSX_OPT_PI] = _("Profitability index");
  /* Translators: a column header: equivalent annual cost */
  headers[EKV_XLSX_OPT_EAC] = _("Equivalent annual cost");
  headers[EKV_XLSX_OPT_CO2_AVOIDED] = _("CO₂ avoided (t/year)");
  /* Translators: a column header */
  headers[EKV_XLSX_OPT_COST_PER_T_CO2] = _("Cost per t CO₂");
  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    headers[dimensions[i].option_col] = _(dimensions[i].label);
  ekv_xlsx_header_row (self, sheet, layout.header, headers, EKV_XLSX_OPT_N_COLUMNS);

  write_changes (self, sheet, &layout);

  /* The cash-flow table: years across, options down. */
  ekv_xlsx_note (sheet, layout.cash_header - 1, 0, _("Cash flows (year 0: investment; last year: "
                                                     "with the salvage value)"), self->f_title);
  ekv_xlsx_text (sheet, layout.cash_header, 0, _("Option"), self->f_header);
  for (guint t = 0; t <= layout.years; t++)
    worksheet_write_number (sheet->sheet, layout.cash_header, 1 + t, t, self->f_header);

  self->opt_first_row = layout.first;
  self->opt_last_row = layout.first + n - 1;
  for (guint i = 0; i < n; i++)
    {
      const EkvOptionResult *result = &g_array_index (results, EkvOptionResult, i);
      lxw_row_t cash_row = layout.cash_header + 1 + i;

      row = layout.first + i;
      write_option (self, sheet, &layout, row, cash_row, result);
      write_cash_flows (self, sheet, &layout, cash_row, row, result);
    }
  write_portfolio (self, sheet, &layout, layout.first + n - 1);

  ekv_xlsx_finish_table (self, sheet, layout.header, n > 0 ? layout.first + n - 1 : layout.header,
                         EKV_XLSX_OPT_N_COLUMNS - 1);
  worksheet_set_column (sheet->sheet, EKV_XLSX_OPT_TITLE, EKV_XLSX_OPT_TITLE, 40, NULL);
  worksheet_freeze_panes (sheet->sheet, layout.header + 1, 2);
  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    g_free (money[i]);
  return ekv_xlsx_step (self, 1, error);
}

/* ------------------------------------------------------------------------ */
/* MACC                                                                     */

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
_ekv_xlsx_render_png (int               width,
                      int               height,
                      EkvChartDrawFunc  draw,
                      gpointer          data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();
  gboolean ok;
  GBytes *bytes;

  ok = draw (cr, width, height, data, NULL);
  cairo_destroy (cr);
  if (ok)
    ok = cairo_surface_write_to_png_stream (surface, append_png, png) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy (surface);
  bytes = g_byte_array_free_to_bytes (png);
  if (!ok)
    {
      g_bytes_unref (bytes);
      return NULL;
    }
  return bytes;
}

GBytes *
_ekv_xlsx_png (EkvXlsx          *self,
               int               width,
               int               height,
               EkvChartDrawFunc  draw,
               gpointer          data)
{
  GBytes *bytes = _ekv_xlsx_render_png (width, height, draw, data);

  if (bytes != NULL)
    g_ptr_array_add (self->keep, bytes);
  return bytes;
}

static gboolean
draw_macc (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  data,
           GError  **error)
{
  EkvXlsx *self = data;
  EkvMaccDrawOptions options;

  ekv_macc_draw_options_init (&options);
  options.currency = self->currency;
  ekv_macc_draw (cr, self->options, width, height, &options);
  return TRUE;
}

enum
{
  MACC_OPTION,
  MACC_TITLE,
  MACC_CO2,
  MACC_CUMULATIVE,
  MACC_COST,
  MACC_N_COLUMNS
};

gboolean
ekv_xlsx_write_macc (EkvXlsx  *self,
                     GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters): the marginal
   * abatement cost curve */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("MACC"));
  g_autoptr(GPtrArray) order = ekv_options_macc_order (self->options, FALSE);
  const char *headers[MACC_N_COLUMNS];
  g_autofree char *cost_header = NULL;
  double cumulative = 0;
  GBytes *png;
  lxw_row_t row = 0;

  headers[MACC_OPTION] = _("Option");
  headers[MACC_TITLE] = ekv_xlsx_field_label (EKV_ENTITY_OPTION, EKV_OPTION_TITLE);
  headers[MACC_CO2] = _("CO₂ avoided (t/year)");
  /* Translators: a column header */
  headers[MACC_CUMULATIVE] = _("Cumulative CO₂ avoided (t/year)");
  /* Translators: a column header; %s is the currency code */
  cost_header = g_strdup_printf (_("Cost per t CO₂ (%s)"), self->currency);
  headers[MACC_COST] = cost_header;
  ekv_xlsx_header_row (self, sheet, row, headers, MACC_N_COLUMNS);

  for (guint i = 0; i < order->len; i++)
    {
      const EkvOptionResult *result = g_ptr_array_index (order, i);
      const EkvOptionResult *first = &g_array_index (self->options->options, EkvOptionResult, 0);
      lxw_row_t option_row = self->opt_first_row + (result - first);
      g_autofree char *co2 = ekv_xlsx_ref (self->options_sheet, option_row,
                                           EKV_XLSX_OPT_CO2_AVOIDED, TRUE);
      g_autofree char *cost = ekv_xlsx_ref (self->options_sheet, option_row,
                                            EKV_XLSX_OPT_COST_PER_T_CO2, TRUE);
      g_autofree char *here = NULL;
      g_autofree char *above = NULL;
      g_autofree char *formula = NULL;

      row = i + 1;
      ekv_xlsx_text (sheet, row, MACC_OPTION, result->id, NULL);
      ekv_xlsx_field (self, sheet, row, MACC_TITLE, result->option, EKV_OPTION_TITLE);
      formula = g_strdup_printf ("=%s", co2);
      ekv_xlsx_formula (sheet, row, MACC_CO2, formula, result->co2_avoided_t, self->f_number);
      g_free (formula);
      here = ekv_xlsx_ref (NULL, row, MACC_CO2, FALSE);
      above = ekv_xlsx_ref (NULL, row - 1, MACC_CUMULATIVE, FALSE);
      cumulative += result->co2_avoided_t;
      formula = i == 0 ? g_strdup_printf ("=%s", here) : g_strdup_printf ("=%s+%s", above, here);
      ekv_xlsx_formula (sheet, row, MACC_CUMULATIVE, formula, cumulative, self->f_number);
      g_free (formula);
      formula = g_strdup_printf ("=%s", cost);
      ekv_xlsx_formula (sheet, row, MACC_COST, formula, result->cost_per_t_co2, self->f_money);
    }
  ekv_xlsx_finish_table (self, sheet, 0, row, MACC_N_COLUMNS - 1);
  worksheet_set_column (sheet->sheet, MACC_TITLE, MACC_TITLE, 40, NULL);

  if (order->len > 0)
    {
      lxw_chart *chart = workbook_add_chart (self->workbook, LXW_CHART_COLUMN);
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

      chart_series_set_categories (series, sheet->name, 1, MACC_OPTION, order->len, MACC_OPTION);
      chart_series_set_values (series, sheet->name, 1, MACC_COST, order->len, MACC_COST);
      chart_series_set_name (series, cost_header);
      chart_title_set_name (chart, _("Marginal abatement cost curve"));
      chart_axis_set_name (chart->x_axis, _("Options, cheapest tonne of CO₂ first"));
      chart_axis_set_name (chart->y_axis, cost_header);
      chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
      chart_set_series_gap (chart, 20);
      worksheet_insert_chart (sheet->sheet, row + 2, 0, chart);
    }

  /* The true curve, bar widths in tonnes: a picture (a column chart cannot). */
  png = _ekv_xlsx_png (self, 900, 500, draw_macc, self);
  if (png != NULL)
    {
      gsize size;
      const unsigned char *data = g_bytes_get_data (png, &size);
      lxw_image_options image_options = { 0 };

      image_options.description = (char *) _("Marginal abatement cost curve");
      worksheet_insert_image_buffer_opt (sheet->sheet, row + 2, MACC_CUMULATIVE + 2, data, size,
                                         &image_options);
    }
  return ekv_xlsx_step (self, 1, error);
}
