/* ekv-xlsx-inventory.c: the Inventory, Balances and Energy sheets
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The Inventory holds every flow with every field, then its yearly figures as
 * formulas: yearly = quantity × periods per year; kg and m³ = yearly × the
 * flow's unit conversion (or its density cell); kWh, TEP and CO₂ = yearly × an
 * expression over the energy factors' defined names, whose input cells are the
 * Energy sheet's factor table (ekv-xlsx-factors.c); cost = yearly × price. The
 * Balances and Energy sheets sum those columns by unit, kind and carrier
 * (SUMIFS, SUMPRODUCT), so changing a quantity, a price or a factor changes
 * every balance; production is a formula over the Company sheet.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-labels.h"
#include "ekv-units.h"
#include "ekv-xlsx-private.h"

#define MAX_PRICE_NAMES 2000

/* ------------------------------------------------------------------------ */
/* Inventory                                                                */

/* yearly × factor, where factor = VALUE / YEARLY is what the balance applied. */
static void
write_converted (EkvXlsx      *self,
                 EkvXlsxSheet *sheet,
                 lxw_row_t     row,
                 lxw_col_t     col,
                 double        yearly,
                 double        value,
                 lxw_format   *format)
{
  g_autofree char *yearly_ref = NULL;
  g_autofree char *factor = NULL;
  g_autofree char *formula = NULL;

  if (!isfinite (value))
    return;
  if (!isfinite (yearly) || yearly == 0)
    {
      ekv_xlsx_number (sheet, row, col, value, format);
      return;
    }
  yearly_ref = ekv_xlsx_ref (NULL, row, EKV_XLSX_INV_YEARLY, FALSE);
  factor = ekv_xlsx_formula_number (value / yearly);
  formula = g_strdup_printf ("=%s*%s", yearly_ref, factor);
  ekv_xlsx_formula (sheet, row, col, formula, value, format);
}

/* yearly × PER_UNIT, an expression over the factors' names (ekv_xlsx_flow_energy()). */
static void
write_energy (EkvXlsxSheet *sheet,
              lxw_row_t     row,
              lxw_col_t     col,
              const char   *per_unit,
              double        value,
              lxw_format   *format)
{
  g_autofree char *yearly_ref = NULL;
  g_autofree char *formula = NULL;

  if (!isfinite (value) || per_unit == NULL)
    return;
  yearly_ref = ekv_xlsx_ref (NULL, row, EKV_XLSX_INV_YEARLY, FALSE);
  if (g_str_equal (per_unit, "1"))
    formula = g_strdup_printf ("=%s", yearly_ref);
  else
    formula = g_strdup_printf ("=%s*%s", yearly_ref, per_unit);
  ekv_xlsx_formula (sheet, row, col, formula, value, format);
}

/* A volume brought to kg through the flow's own density: yearly × litres per
 * unit × the density cell, so a density changed in the sheet counts too. FALSE
 * when the balance did not weigh the flow that way. */
static gboolean
write_kg_by_density (EkvXlsx      *self,
                     EkvXlsxSheet *sheet,
                     lxw_row_t     row,
                     EkvRecord    *flow,
                     double        yearly,
                     double        kg)
{
  EkvQuantityUnit unit = ekv_record_get_enum (flow, EKV_FLOW_UNIT);
  EkvDimension dimension = ekv_quantity_unit_get_dimension (unit);
  g_autofree char *yearly_ref = NULL;
  g_autofree char *density_ref = NULL;
  g_autofree char *litres = NULL;
  g_autofree char *formula = NULL;
  double per_unit;

  if (!ekv_record_is_set (flow, EKV_FLOW_DENSITY) || !isfinite (yearly) || !isfinite (kg)
      || (dimension != EKV_DIMENSION_VOLUME && dimension != EKV_DIMENSION_GAS_VOLUME))
    return FALSE;
  /* L: 1, m³: 1000; a Sm³ or Nm³ is taken as 1000 L of gas (ekv-units.h). */
  per_unit = dimension == EKV_DIMENSION_VOLUME ? ekv_quantity_unit_to_base (unit) * 1000 : 1000;
  if (fabs (yearly * per_unit * ekv_record_get_double (flow, EKV_FLOW_DENSITY) - kg)
      > 1e-12 * fabs (kg))
    return FALSE;
  yearly_ref = ekv_xlsx_ref (NULL, row, EKV_XLSX_INV_YEARLY, FALSE);
  density_ref = ekv_xlsx_ref (NULL, row, EKV_FLOW_DENSITY, FALSE);
  litres = ekv_xlsx_formula_number (per_unit);
  formula = g_strdup_printf ("=%s*%s*%s", yearly_ref, litres, density_ref);
  ekv_xlsx_formula (sheet, row, EKV_XLSX_INV_KG, formula, kg, self->f_number);
  ekv_xlsx_number (sheet, row, EKV_FLOW_DENSITY, ekv_record_get_double (flow, EKV_FLOW_DENSITY),
                   self->f_input);
  return TRUE;
}

/* Periods per year as core counts them (ekv_flow_get_per_year()), over the
 * plant's calendar on the Company sheet and the units' batches per year: a
 * changed calendar reaches every flow given per day, shift, hour or batch. */
static void
write_per_year (EkvXlsx      *self,
                EkvXlsxSheet *sheet,
                lxw_row_t     row,
                EkvRecord    *flow,
                double        per_year)
{
  g_autofree char *formula = NULL;

  if (!isfinite (per_year))
    return;
  switch ((EkvPeriod) ekv_record_get_enum (flow, EKV_FLOW_PERIOD))
    {
    case EKV_PERIOD_DAY:
      formula = g_strdup_printf ("=%s", self->days_ref);
      break;
    case EKV_PERIOD_SHIFT:
      formula = g_strdup_printf ("=%s*%s", self->days_ref, self->shifts_ref);
      break;
    case EKV_PERIOD_HOUR:
      formula = g_strdup_printf ("=%s*%s", self->days_ref, self->hours_ref);
      break;
    case EKV_PERIOD_BATCH:
      {
        /* The batches of the unit it leaves, else of the one it enters. */
        const char *from = g_hash_table_lookup (self->batches_refs,
                                                ekv_record_get_string (flow, EKV_FLOW_FROM) ?: "");
        const char *to = g_hash_table_lookup (self->batches_refs,
                                              ekv_record_get_string (flow, EKV_FLOW_TO) ?: "");

        if (from != NULL && to != NULL)
          formula = g_strdup_printf ("=IF(N(%s)>0,%s,%s)", from, from, to);
        else if (from != NULL || to != NULL)
          formula = g_strdup_printf ("=%s", from != NULL ? from : to);
      }
      break;
    case EKV_PERIOD_WEEK:
    case EKV_PERIOD_MONTH:
    case EKV_PERIOD_YEAR:
    default:
      break;
    }
  if (formula != NULL)
    ekv_xlsx_formula (sheet, row, EKV_XLSX_INV_PER_YEAR, formula, per_year, self->f_precise);
  else
    ekv_xlsx_number (sheet, row, EKV_XLSX_INV_PER_YEAR, per_year, self->f_precise);
}

/* Price_f12 = 'Inventory'!$K$14, for formulas people read (the options' savings). */
static void
define_price_name (EkvXlsx    *self,
                   const char *flow_id,
                   lxw_row_t   row)
{
  g_autofree char *ref = NULL;
  g_autofree char *formula = NULL;
  GString *name;

  if (g_hash_table_size (self->price_names) >= MAX_PRICE_NAMES)
    return;
  name = g_string_new ("Price_");
  for (const char *p = flow_id; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '_' || *p == '.' ? *p : '_');
  /* Two ids may clean to one name (f-1, f_1), and names ignore case: only the
   * first gets it. */
  {
    g_autofree char *key = g_ascii_strdown (name->str, -1);

    if (!g_hash_table_add (self->price_name_set, g_steal_pointer (&key)))
      {
        g_string_free (name, TRUE);
        return;
      }
  }
  ref = ekv_xlsx_ref (self->inventory, row, EKV_FLOW_PRICE, TRUE);
  formula = g_strdup_printf ("=%s", ref);
  if (workbook_define_name (self->workbook, name->str, formula) == LXW_NO_ERROR)
    g_hash_table_insert (self->price_names, g_strdup (flow_id), g_string_free (name, FALSE));
  else
    g_string_free (name, TRUE);
}

gboolean
ekv_xlsx_write_inventory (EkvXlsx  *self,
                          GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("Inventory"));
  GListModel *flows = ekv_document_get_list (self->document, EKV_ENTITY_FLOW);
  guint n = g_list_model_get_n_items (flows);
  const char *headers[EKV_XLSX_INV_N_COLUMNS];
  g_autofree char *price_header = NULL;
  g_autofree char *cost_header = NULL;

  self->inventory = sheet;
  /* The Energy sheet's factor table, below its carriers, total and note. */
  ekv_xlsx_register_factors (self, self->balance->carriers->len + 7);
  for (guint f = 0; f < EKV_FLOW_N_FIELDS; f++)
    headers[f] = ekv_xlsx_field_label (EKV_ENTITY_FLOW, f);
  /* Translators: a column header; %s is the currency code */
  price_header = g_strdup_printf (_("Price (%s per unit)"), self->currency);
  headers[EKV_FLOW_PRICE] = price_header;
  /* Translators: a column header: how many of the flow's periods make a year */
  headers[EKV_XLSX_INV_PER_YEAR] = _("Periods per year");
  /* Translators: a column header */
  headers[EKV_XLSX_INV_YEARLY] = _("Quantity per year (in the flow's unit)");
  /* Translators: a column header */
  headers[EKV_XLSX_INV_KG] = _("Mass (kg/year)");
  /* Translators: a column header */
  headers[EKV_XLSX_INV_WATER_M3] = _("Water (m³/year)");
  /* Translators: a column header */
  headers[EKV_XLSX_INV_ENERGY_KWH] = _("Energy (kWh/year)");
  /* Translators: a column header; TEP is tonnes of oil equivalent */
  headers[EKV_XLSX_INV_TEP] = _("TEP/year");
  /* Translators: a column header */
  headers[EKV_XLSX_INV_CO2_KG] = _("CO₂ (kg/year)");
  /* Translators: a column header; %s is the currency code */
  cost_header = g_strdup_printf (_("Cost (%s/year)"), self->currency);
  headers[EKV_XLSX_INV_COST] = cost_header;
  ekv_xlsx_header_row (self, sheet, 0, headers, G_N_ELEMENTS (headers));

  self->inv_first_row = 1;
  self->inv_last_row = n;   /* rows 1..n */
  for (guint i = 0; i < n; i++)
    {
      const EkvFlowFigures *fig = &g_array_index (self->balance->flows, EkvFlowFigures, i);
      EkvRecord *flow = fig->flow;
      lxw_row_t row = i + 1;
      const char *id = ekv_record_get_string (flow, EKV_FLOW_ID);

      for (guint f = 0; f < EKV_FLOW_N_FIELDS; f++)
        ekv_xlsx_field (self, sheet, row, f, flow, f);
      g_hash_table_insert (self->flow_rows, (gpointer) id, GUINT_TO_POINTER (row + 1));
      if (ekv_record_is_set (flow, EKV_FLOW_PRICE))
        define_price_name (self, id, row);
      /* The inputs of the row's formulas. */
      ekv_xlsx_number (sheet, row, EKV_FLOW_QUANTITY,
                       ekv_record_get_double (flow, EKV_FLOW_QUANTITY), self->f_input);
      if (ekv_record_is_set (flow, EKV_FLOW_PRICE))
        ekv_xlsx_number (sheet, row, EKV_FLOW_PRICE, ekv_record_get_double (flow, EKV_FLOW_PRICE),
                         self->f_input);
      else
        worksheet_write_blank (sheet->sheet, row, EKV_FLOW_PRICE, self->f_input);

      write_per_year (self, sheet, row, flow, fig->per_year);
      if (isfinite (fig->yearly))
        {
          g_autofree char *quantity = ekv_xlsx_ref (NULL, row, EKV_FLOW_QUANTITY, FALSE);
          g_autofree char *per_year = ekv_xlsx_ref (NULL, row, EKV_XLSX_INV_PER_YEAR, FALSE);
          g_autofree char *price = ekv_xlsx_ref (NULL, row, EKV_FLOW_PRICE, FALSE);
          g_autofree char *yearly = ekv_xlsx_ref (NULL, row, EKV_XLSX_INV_YEARLY, FALSE);
          g_autofree char *formula = g_strdup_printf ("=%s*%s", quantity, per_year);
          g_autofree char *cost = g_strdup_printf ("=%s*%s", yearly, price);

          ekv_xlsx_formula (sheet, row, EKV_XLSX_INV_YEARLY, formula, fig->yearly, self->f_number);
          ekv_xlsx_formula (sheet, row, EKV_XLSX_INV_COST, cost, fig->cost, self->f_money);
        }
      else
        ekv_xlsx_number (sheet, row, EKV_XLSX_INV_COST, fig->cost, self->f_money);
      if (!write_kg_by_density (self, sheet, row, flow, fig->yearly, fig->kg))
        write_converted (self, sheet, row, EKV_XLSX_INV_KG, fig->yearly, fig->kg, self->f_number);
      write_converted (self, sheet, row, EKV_XLSX_INV_WATER_M3, fig->yearly, fig->water_m3,
                       self->f_number);
      if (isfinite (fig->energy_kwh) && isfinite (fig->yearly))
        {
          /* Over the factors' names on the Energy sheet. */
          EkvXlsxEnergy energy;

          ekv_xlsx_flow_energy (self, flow, &energy);
          write_energy (sheet, row, EKV_XLSX_INV_ENERGY_KWH, energy.kwh, fig->energy_kwh,
                        self->f_number);
          write_energy (sheet, row, EKV_XLSX_INV_TEP, energy.tep, fig->tep, self->f_precise);
          write_energy (sheet, row, EKV_XLSX_INV_CO2_KG, energy.co2, fig->co2_kg, self->f_number);
          if (energy.uses_density)
            ekv_xlsx_number (sheet, row, EKV_FLOW_DENSITY,
                             ekv_record_get_double (flow, EKV_FLOW_DENSITY), self->f_input);
          ekv_xlsx_energy_clear (&energy);
        }
      else
        {
          write_converted (self, sheet, row, EKV_XLSX_INV_ENERGY_KWH, fig->yearly,
                           fig->energy_kwh, self->f_number);
          write_converted (self, sheet, row, EKV_XLSX_INV_TEP, fig->yearly, fig->tep,
                           self->f_precise);
          write_converted (self, sheet, row, EKV_XLSX_INV_CO2_KG, fig->yearly, fig->co2_kg,
                           self->f_number);
        }

      if (i % 512 == 511 && !ekv_xlsx_step (self, (double) i / n, error))
        return FALSE;
    }

  ekv_xlsx_finish_table (self, sheet, 0, n, EKV_XLSX_INV_N_COLUMNS - 1);
  /* Notes are long: wrap them in a column of sensible width. */
  worksheet_set_column (sheet->sheet, EKV_FLOW_NOTE, EKV_FLOW_NOTE, 40, self->f_wrap);
  worksheet_freeze_panes (sheet->sheet, 1, 2);   /* id and name stay in view */
  return ekv_xlsx_step (self, 1, error);
}

/* ------------------------------------------------------------------------ */
/* Balances                                                                 */

/* The Inventory's column COL over every flow row. */
static char *
inv_range (EkvXlsx   *self,
           lxw_col_t  col)
{
  /* An empty inventory still gives a valid (empty) range: row 2 only. */
  return ekv_xlsx_range (self->inventory, self->inv_first_row,
                         MAX (self->inv_last_row, self->inv_first_row), col);
}

static char *
kind_text (EkvFlowKind kind)
{
  return ekv_xlsx_formula_text (ekv_enum_get_label (EKV_TYPE_FLOW_KIND, kind));
}

enum
{
  BAL_ID,
  BAL_NAME,
  BAL_MASS_IN,
  BAL_MASS_OUT,
  BAL_IMBALANCE,
  BAL_IMBALANCE_PCT,
  BAL_STATUS,
  BAL_WATER_IN,
  BAL_WATER_OUT,
  BAL_ENERGY_IN,
  BAL_N_COLUMNS
};

static void
write_status (EkvXlsx      *self,
              EkvXlsxSheet *sheet,
              lxw_row_t     row,
              const char   *warn_ref,
              const char   *error_ref,
              EkvBalanceStatus status)
{
  g_autofree char *pct = ekv_xlsx_ref (NULL, row, BAL_IMBALANCE_PCT, FALSE);
  g_autofree char *ok = NULL;
  g_autofree char *warn = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *formula = NULL;

  ok = ekv_xlsx_formula_text (ekv_balance_status_describe (EKV_BALANCE_STATUS_OK));
  warn = ekv_xlsx_formula_text (ekv_balance_status_describe (EKV_BALANCE_STATUS_WARN));
  bad = ekv_xlsx_formula_text (ekv_balance_status_describe (EKV_BALANCE_STATUS_ERROR));
  formula = g_strdup_printf ("=IF(%s=\"\",%s,IF(ABS(%s)>%s,%s,IF(ABS(%s)>%s,%s,%s)))",
                             pct, ok, pct, error_ref, bad, pct, warn_ref, warn, ok);
  worksheet_write_formula_str (sheet->sheet, row, BAL_STATUS, formula, NULL,
                               ekv_balance_status_describe (status));
}

/* The balance columns of a row: mass, imbalance, status, water and energy. */
static void
write_balance_row (EkvXlsx       *self,
                   EkvXlsxSheet  *sheet,
                   lxw_row_t      row,
                   const char    *mass_in,
                   const char    *mass_out,
                   const char    *water_in,
                   const char    *water_out,
                   const char    *energy_in,
                   const double   values[BAL_N_COLUMNS],
                   EkvBalanceStatus status,
                   const char    *warn_ref,
                   const char    *error_ref)
{
  g_autofree char *in = ekv_xlsx_ref (NULL, row, BAL_MASS_IN, FALSE);
  g_autofree char *out = ekv_xlsx_ref (NULL, row, BAL_MASS_OUT, FALSE);
  g_autofree char *imbalance = ekv_xlsx_ref (NULL, row, BAL_IMBALANCE, FALSE);
  g_autofree char *f_imbalance = g_strdup_printf ("=%s-%s", in, out);
  g_autofree char *f_pct = g_strdup_printf ("=IF(%s=0,\"\",100*%s/%s)", in, imbalance, in);

  ekv_xlsx_formula (sheet, row, BAL_MASS_IN, mass_in, values[BAL_MASS_IN], self->f_number);
  ekv_xlsx_formula (sheet, row, BAL_MASS_OUT, mass_out, values[BAL_MASS_OUT], self->f_number);
  ekv_xlsx_formula (sheet, row, BAL_IMBALANCE, f_imbalance, values[BAL_IMBALANCE], self->f_number);
  ekv_xlsx_formula (sheet, row, BAL_IMBALANCE_PCT, f_pct, values[BAL_IMBALANCE_PCT],
                    self->f_percent);
  write_status (self, sheet, row, warn_ref, error_ref, status);
  ekv_xlsx_formula (sheet, row, BAL_WATER_IN, water_in, values[BAL_WATER_IN], self->f_number);
  ekv_xlsx_formula (sheet, row, BAL_WATER_OUT, water_out, values[BAL_WATER_OUT], self->f_number);
  ekv_xlsx_formula (sheet, row, BAL_ENERGY_IN, energy_in, values[BAL_ENERGY_IN], self->f_number);
}

/* The production denominator in t/year as core counts it: the product's
 * quantity × its periods per year (the calendar's cells for a day, shift or
 * hour) × its unit in t. NULL when there is no such product or the formula
 * would not give core's figure. */
static char *
production_formula (EkvXlsx *self)
{
  const EkvPlantBalance *plant = &self->balance->plant;
  EkvRecord *company = ekv_document_get_company (self->document);
  EkvRecord *product = plant->product;
  double quantity, to_t, per_year, days;
  g_autofree char *periods = NULL;
  g_autofree char *scale = NULL;

  if (self->production_ref == NULL || product == NULL || !isfinite (plant->production_t))
    return NULL;
  quantity = ekv_record_get_double (product, EKV_PRODUCT_QUANTITY);
  to_t = ekv_quantity_unit_to_base (ekv_record_get_enum (product, EKV_PRODUCT_UNIT)) / 1000.0;
  days = ekv_record_get_double (company, EKV_COMPANY_DAYS_PER_YEAR);
  switch ((EkvPeriod) ekv_record_get_enum (product, EKV_PRODUCT_PERIOD))
    {
    case EKV_PERIOD_DAY:
      per_year = days;
      periods = g_strdup_printf ("*%s", self->days_ref);
      break;
    case EKV_PERIOD_SHIFT:
      per_year = days * ekv_record_get_double (company, EKV_COMPANY_SHIFTS_PER_DAY);
      periods = g_strdup_printf ("*%s*%s", self->days_ref, self->shifts_ref);
      break;
    case EKV_PERIOD_HOUR:
      per_year = days * ekv_record_get_double (company, EKV_COMPANY_HOURS_PER_DAY);
      periods = g_strdup_printf ("*%s*%s", self->days_ref, self->hours_ref);
      break;
    case EKV_PERIOD_WEEK:
    case EKV_PERIOD_MONTH:
    case EKV_PERIOD_YEAR:
    case EKV_PERIOD_BATCH:
    default:
      {
        /* A fixed number of periods: what core applied. */
        g_autofree char *number = NULL;

        if (!(quantity * to_t != 0))
          return NULL;
        per_year = plant->production_t / (quantity * to_t);
        per_year = round (per_year * 1e9) / 1e9;   /* 52, 12 or 1, not 51.999… */
        number = ekv_xlsx_formula_number (per_year);
        periods = per_year == 1 ? g_strdup ("") : g_strdup_printf ("*%s", number);
      }
      break;
    }
  if (fabs (quantity * per_year * to_t - plant->production_t)
      > 1e-12 * fabs (plant->production_t))
    return NULL;
  scale = ekv_xlsx_formula_number (to_t);
  if (to_t == 1)
    return g_strdup_printf ("=%s%s", self->production_ref, periods);
  return g_strdup_printf ("=%s%s*%s", self->production_ref, periods, scale);
}

gboolean
ekv_xlsx_write_balances (EkvXlsx  *self,
                         GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("Balances"));
  const EkvPlantBalance *plant = &self->balance->plant;
  const char *headers[BAL_N_COLUMNS];
  g_autofree char *kg = inv_range (self, EKV_XLSX_INV_KG);
  g_autofree char *m3 = inv_range (self, EKV_XLSX_INV_WATER_M3);
  g_autofree char *kwh = inv_range (self, EKV_XLSX_INV_ENERGY_KWH);
  g_autofree char *tep = inv_range (self, EKV_XLSX_INV_TEP);
  g_autofree char *co2 = inv_range (self, EKV_XLSX_INV_CO2_KG);
  g_autofree char *cost = inv_range (self, EKV_XLSX_INV_COST);
  g_autofree char *from = inv_range (self, EKV_FLOW_FROM);
  g_autofree char *to = inv_range (self, EKV_FLOW_TO);
  g_autofree char *kind = inv_range (self, EKV_FLOW_KIND);
  g_autofree char *water = kind_text (EKV_FLOW_KIND_WATER);
  g_autofree char *energy = kind_text (EKV_FLOW_KIND_ENERGY);
  g_autofree char *warn_ref = NULL;
  g_autofree char *error_ref = NULL;
  g_autofree char *prod_ref = NULL;
  lxw_row_t units_last, row, ind;
  guint n_units = self->balance->units->len;
  double values[BAL_N_COLUMNS];

  self->balances = sheet;
  /* Translators: a column header */
  headers[BAL_ID] = _("Unit");
  /* Translators: a column header */
  headers[BAL_NAME] = _("Name");
  /* Translators: a column header */
  headers[BAL_MASS_IN] = _("Mass in (kg/year)");
  /* Translators: a column header */
  headers[BAL_MASS_OUT] = _("Mass out (kg/year)");
  /* Translators: a column header: mass in minus mass out */
  headers[BAL_IMBALANCE] = _("Imbalance (kg/year)");
  /* Translators: a column header */
  headers[BAL_IMBALANCE_PCT] = _("Imbalance (percent of mass in)");
  /* Translators: a column header: whether the balance closes */
  headers[BAL_STATUS] = _("Status");
  /* Translators: a column header */
  headers[BAL_WATER_IN] = _("Water in (m³/year)");
  /* Translators: a column header */
  headers[BAL_WATER_OUT] = _("Water out (m³/year)");
  /* Translators: a column header */
  headers[BAL_ENERGY_IN] = _("Energy in (kWh/year)");
  ekv_xlsx_header_row (self, sheet, 0, headers, BAL_N_COLUMNS);

  /* Where the thresholds will be (below the table): the status formulas use them. */
  units_last = n_units;
  self->bal_plant_row = units_last + 2;
  ind = self->bal_plant_row + 2;
  warn_ref = ekv_xlsx_ref (NULL, ind, 2, TRUE);
  error_ref = ekv_xlsx_ref (NULL, ind + 1, 2, TRUE);

  for (guint i = 0; i < n_units; i++)
    {
      const EkvUnitBalance *unit = &g_array_index (self->balance->units, EkvUnitBalance, i);
      g_autofree char *id = NULL;
      g_autofree char *f_in = NULL, *f_out = NULL, *f_win = NULL, *f_wout = NULL, *f_ein = NULL;

      row = i + 1;
      ekv_xlsx_text (sheet, row, BAL_ID, unit->id, NULL);
      ekv_xlsx_field (self, sheet, row, BAL_NAME, unit->unit, EKV_UNIT_OPERATION_NAME);
      id = ekv_xlsx_ref (NULL, row, BAL_ID, FALSE);
      f_in = g_strdup_printf ("=SUMIFS(%s,%s,%s)", kg, to, id);
      f_out = g_strdup_printf ("=SUMIFS(%s,%s,%s)", kg, from, id);
      f_win = g_strdup_printf ("=SUMIFS(%s,%s,%s,%s,%s)", m3, to, id, kind, water);
      /* Wastewater and evaporation leaving the unit: every water figure but kind water. */
      f_wout = g_strdup_printf ("=SUMIFS(%s,%s,%s,%s,\"<>\"&%s)", m3, from, id, kind, water);
      f_ein = g_strdup_printf ("=SUMIFS(%s,%s,%s,%s,%s)", kwh, to, id, kind, energy);
      values[BAL_MASS_IN] = unit->mass_in_kg;
      values[BAL_MASS_OUT] = unit->mass_out_kg;
      values[BAL_IMBALANCE] = unit->mass_imbalance_kg;
      values[BAL_IMBALANCE_PCT] = unit->mass_imbalance_pct;
      values[BAL_WATER_IN] = unit->water_in_m3;
      values[BAL_WATER_OUT] = unit->water_out_m3;
      values[BAL_ENERGY_IN] = unit->energy_in_kwh;
      write_balance_row (self, sheet, row, f_in, f_out, f_win, f_wout, f_ein, values,
                         unit->status, warn_ref, error_ref);
    }

  /* The plant: flows from outside (no "from") and to outside (no "to"). */
  row = self->bal_plant_row;
  {
    g_autofree char *f_in = g_strdup_printf ("=SUMPRODUCT((%s=\"\")*%s)", from, kg);
    g_autofree char *f_out = g_strdup_printf ("=SUMPRODUCT((%s=\"\")*%s)", to, kg);
    g_autofree char *f_win = g_strdup_printf ("=SUMPRODUCT((%s=\"\")*(%s=%s)*%s)", from, kind,
                                              water, m3);
    g_autofree char *f_wout = g_strdup_printf ("=SUMPRODUCT((%s=\"\")*(%s<>%s)*%s)", to, kind,
                                               water, m3);
    g_autofree char *f_ein = g_strdup_printf ("=SUMPRODUCT((%s=\"\")*(%s=%s)*%s)", from, kind,
                                              energy, kwh);

    /* Translators: the row of the whole plant's balance on the Balances sheet */
    ekv_xlsx_text (sheet, row, BAL_ID, _("Plant"), self->f_bold);
    /* Translators: what the plant's row counts */
    ekv_xlsx_text (sheet, row, BAL_NAME, _("Flows crossing the plant boundary"), NULL);
    values[BAL_MASS_IN] = plant->mass_in_kg;
    values[BAL_MASS_OUT] = plant->mass_out_kg;
    values[BAL_IMBALANCE] = plant->mass_imbalance_kg;
    values[BAL_IMBALANCE_PCT] = plant->mass_imbalance_pct;
    values[BAL_WATER_IN] = plant->water_in_m3;
    values[BAL_WATER_OUT] = plant->water_out_m3;
    values[BAL_ENERGY_IN] = plant->energy_in_kwh;
    write_balance_row (self, sheet, row, f_in, f_out, f_win, f_wout, f_ein, values,
                       ekv_balance_status_for (plant->mass_imbalance_pct,
                                               self->balance->threshold_warn,
                                               self->balance->threshold_error),
                       warn_ref, error_ref);
  }

  /* Thresholds and indicators: label in A–B, value in C. */
  {
    g_autofree char *p_in = ekv_xlsx_ref (NULL, row, BAL_MASS_IN, TRUE);
    g_autofree char *p_win = ekv_xlsx_ref (NULL, row, BAL_WATER_IN, TRUE);
    g_autofree char *p_wout = ekv_xlsx_ref (NULL, row, BAL_WATER_OUT, TRUE);
    g_autofree char *p_ein = ekv_xlsx_ref (NULL, row, BAL_ENERGY_IN, TRUE);
    g_autofree char *p_pct = ekv_xlsx_ref (NULL, row, BAL_IMBALANCE_PCT, TRUE);
    g_autofree char *unacc = NULL, *tep_ref = NULL, *ww = NULL, *solid = NULL, *haz = NULL;
    g_autofree char *product = NULL, *raw = NULL;
    struct
    {
      const char *label;
      char       *formula;   /* NULL: VALUE is an input */
      double      value;
      lxw_format *format;
      gboolean    summary;
    } lines[19];
    guint n = 0;

#define LINE(l, f, v, fmt, s) \
    (lines[n].label = (l), lines[n].formula = (f), lines[n].value = (v), lines[n].format = (fmt), \
     lines[n].summary = (s), n++)

    prod_ref = ekv_xlsx_ref (NULL, ind + 10, 2, TRUE);
    unacc = ekv_xlsx_ref (NULL, ind + 2, 2, TRUE);
    tep_ref = ekv_xlsx_ref (NULL, ind + 4, 2, TRUE);
    ww = kind_text (EKV_FLOW_KIND_WASTEWATER);
    solid = kind_text (EKV_FLOW_KIND_SOLID_WASTE);
    haz = kind_text (EKV_FLOW_KIND_HAZARDOUS_WASTE);
    product = kind_text (EKV_FLOW_KIND_PRODUCT);
    raw = kind_text (EKV_FLOW_KIND_RAW_MATERIAL);

    /* ind + 0, + 1: the thresholds the status column uses */
    LINE (_("Imbalance threshold: check (%)"), NULL, self->balance->threshold_warn,
          self->f_input, FALSE);
    LINE (_("Imbalance threshold: does not close (%)"), NULL, self->balance->threshold_error,
          self->f_input, FALSE);
    /* ind + 2 */
    LINE (_("Water unaccounted for (m³/year)"), g_strdup_printf ("=%s-%s", p_win, p_wout),
          plant->water_unaccounted_m3, self->f_number, TRUE);
    LINE (_("Water unaccounted for (percent of water in)"),
          g_strdup_printf ("=IF(%s>0,100*%s/%s,\"\")", p_win, unacc, p_win),
          plant->water_unaccounted_pct, self->f_percent, FALSE);
    /* ind + 4 */
    LINE (_("Bought energy (TEP/year)"), g_strdup_printf ("=SUM(%s)", tep), plant->tep,
          self->f_number, TRUE);
    LINE (_("CO₂ of bought energy (t/year)"), g_strdup_printf ("=SUM(%s)/1000", co2), plant->co2_t,
          self->f_number, TRUE);
    LINE (NULL, g_strdup_printf ("=SUMPRODUCT((%s=\"\")*%s)", from, cost), plant->cost_in,
          self->f_money, TRUE);
    LINE (_("Wastewater leaving the plant (m³/year)"),
          g_strdup_printf ("=SUMPRODUCT((%s=\"\")*(%s=%s)*%s)", to, kind, ww, m3),
          plant->wastewater_out_m3, self->f_number, FALSE);
    LINE (_("Solid and hazardous waste leaving the plant (kg/year)"),
          g_strdup_printf ("=SUMPRODUCT((%s=\"\")*((%s=%s)+(%s=%s))*%s)", to, kind, solid, kind,
                           haz, kg),
          plant->waste_out_kg, self->f_number, FALSE);
    LINE (_("Raw material entering the plant (kg/year)"),
          g_strdup_printf ("=SUMPRODUCT((%s=\"\")*(%s=%s)*%s)", from, kind, raw, kg),
          plant->raw_material_in_kg, self->f_number, FALSE);
    /* ind + 10: the production denominator, over its product's quantity on the
     * Company sheet and the plant's calendar (an input when it cannot be) */
    {
      char *formula = production_formula (self);

      LINE (_("Production (t/year)"), formula, plant->production_t,
            formula != NULL ? self->f_number : self->f_input, TRUE);
    }
    LINE (_("Product leaving the plant (kg/year)"),
          g_strdup_printf ("=SUMPRODUCT((%s=\"\")*(%s=%s)*%s)", to, kind, product, kg),
          plant->product_out_kg, self->f_number, FALSE);
    LINE (_("Water (m³ per t of product)"),
          g_strdup_printf ("=IF(%s>0,%s/%s,\"\")", prod_ref, p_win, prod_ref),
          plant->water_m3_per_t, self->f_number, TRUE);
    {
      g_autofree char *ww_ref = ekv_xlsx_ref (NULL, ind + 7, 2, TRUE);
      g_autofree char *waste_ref = ekv_xlsx_ref (NULL, ind + 8, 2, TRUE);
      g_autofree char *raw_ref = ekv_xlsx_ref (NULL, ind + 9, 2, TRUE);
      g_autofree char *product_ref = ekv_xlsx_ref (NULL, ind + 11, 2, TRUE);

      LINE (_("Wastewater (m³ per t of product)"),
            g_strdup_printf ("=IF(%s>0,%s/%s,\"\")", prod_ref, ww_ref, prod_ref),
            plant->wastewater_m3_per_t, self->f_number, TRUE);
      LINE (_("Energy (kWh per t of product)"),
            g_strdup_printf ("=IF(%s>0,%s/%s,\"\")", prod_ref, p_ein, prod_ref),
            plant->energy_kwh_per_t, self->f_number, TRUE);
      LINE (_("Energy (TEP per t of product)"),
            g_strdup_printf ("=IF(%s>0,%s/%s,\"\")", prod_ref, tep_ref, prod_ref),
            plant->tep_per_t, self->f_precise, TRUE);
      LINE (_("Waste (kg per t of product)"),
            g_strdup_printf ("=IF(%s>0,%s/%s,\"\")", prod_ref, waste_ref, prod_ref),
            plant->waste_kg_per_t, self->f_number, TRUE);
      LINE (_("Raw material yield (%)"),
            g_strdup_printf ("=IF(%s>0,100*%s/%s,\"\")", raw_ref, product_ref, raw_ref),
            plant->raw_material_yield_pct, self->f_percent, TRUE);
    }
#undef LINE

    /* Cost of inputs: the label names the currency. */
    {
      /* Translators: %s is the currency code */
      g_autofree char *label = g_strdup_printf (_("Cost of inputs (%s/year)"), self->currency);

      ekv_xlsx_add_heading (self, _("Plant balance"));
      ekv_xlsx_add_figure (self, _("Mass in (kg/year)"), sheet, row, BAL_MASS_IN,
                           plant->mass_in_kg, self->f_number);
      ekv_xlsx_add_figure (self, _("Mass out (kg/year)"), sheet, row, BAL_MASS_OUT,
                           plant->mass_out_kg, self->f_number);
      ekv_xlsx_add_figure (self, _("Imbalance (percent of mass in)"), sheet, row, BAL_IMBALANCE_PCT,
                           plant->mass_imbalance_pct, self->f_percent);
      ekv_xlsx_add_figure (self, _("Water in (m³/year)"), sheet, row, BAL_WATER_IN,
                           plant->water_in_m3, self->f_number);
      ekv_xlsx_add_figure (self, _("Energy in (kWh/year)"), sheet, row, BAL_ENERGY_IN,
                           plant->energy_in_kwh, self->f_number);
      (void) p_pct;
      for (guint i = 0; i < n; i++)
        {
          const char *text = lines[i].label != NULL ? lines[i].label : label;

          ekv_xlsx_text (sheet, ind + i, 0, text, NULL);
          if (lines[i].formula != NULL)
            ekv_xlsx_formula (sheet, ind + i, 2, lines[i].formula, lines[i].value, lines[i].format);
          else
            ekv_xlsx_number (sheet, ind + i, 2, lines[i].value, lines[i].format);
          if (lines[i].summary)
            {
              if (i == 10)
                ekv_xlsx_add_heading (self, _("Key indicators"));
              ekv_xlsx_add_figure (self, text, sheet, ind + i, 2, lines[i].value, lines[i].format);
            }
          g_free (lines[i].formula);
        }
    }
  }

  /* The status column coloured as the Balances page colours it. */
  {
    const char *warn_label = ekv_balance_status_describe (EKV_BALANCE_STATUS_WARN);
    const char *error_label = ekv_balance_status_describe (EKV_BALANCE_STATUS_ERROR);
    g_autofree char *warn_text = ekv_xlsx_formula_text (warn_label);
    g_autofree char *error_text = ekv_xlsx_formula_text (error_label);
    lxw_conditional_format warn_format = { 0 };
    lxw_conditional_format error_format = { 0 };

    warn_format.type = LXW_CONDITIONAL_TYPE_CELL;
    warn_format.criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO;
    warn_format.value_string = warn_text;
    warn_format.format = self->f_status_warn;
    error_format = warn_format;
    error_format.value_string = error_text;
    error_format.format = self->f_status_error;
    worksheet_conditional_format_range (sheet->sheet, 1, BAL_STATUS, self->bal_plant_row,
                                        BAL_STATUS, &warn_format);
    worksheet_conditional_format_range (sheet->sheet, 1, BAL_STATUS, self->bal_plant_row,
                                        BAL_STATUS, &error_format);
  }

  ekv_xlsx_finish_table (self, sheet, 0, units_last, BAL_N_COLUMNS - 1);
  /* Long labels of the indicators sit in A and overflow into B. */
  worksheet_set_column (sheet->sheet, 0, 0, 14, NULL);
  return ekv_xlsx_step (self, 1, error);
}

/* ------------------------------------------------------------------------ */
/* Energy                                                                   */

enum
{
  EN_CARRIER,
  EN_QUANTITY,
  EN_UNIT,
  EN_LHV,
  EN_TEP_FACTOR,
  EN_CO2_FACTOR,
  EN_SOURCE,
  EN_KWH,
  EN_TEP,
  EN_CO2_T,
  EN_COST,
  EN_N_COLUMNS
};

/* TRUE when every flow counted in CB (bought energy of its carrier, in kWh)
 * is in CB's unit: its quantity is then a plain sum of the yearly column. */
static gboolean
same_unit_bought (EkvXlsx                 *self,
                  const EkvCarrierBalance *cb)
{
  GArray *flows = self->balance->flows;

  for (guint i = 0; i < flows->len; i++)
    {
      const EkvFlowFigures *fig = &g_array_index (flows, EkvFlowFigures, i);

      if (ekv_record_get_enum (fig->flow, EKV_FLOW_KIND) != EKV_FLOW_KIND_ENERGY
          || ekv_record_is_set (fig->flow, EKV_FLOW_FROM)
          || !ekv_record_is_set (fig->flow, EKV_FLOW_CARRIER)
          || ekv_record_get_enum (fig->flow, EKV_FLOW_CARRIER) != (int) cb->carrier
          || !isfinite (fig->energy_kwh))
        continue;
      if (ekv_record_get_enum (fig->flow, EKV_FLOW_UNIT) != (int) cb->unit)
        return FALSE;
    }
  return TRUE;
}

static void
write_factor_cell (EkvXlsx      *self,
                   EkvXlsxSheet *sheet,
                   lxw_row_t     row,
                   lxw_col_t     col,
                   const char   *name,
                   double        value)
{
  g_autofree char *formula = NULL;

  if (name == NULL || !isfinite (value))
    {
      ekv_xlsx_number (sheet, row, col, value, self->f_precise);
      return;
    }
  formula = g_strdup_printf ("=%s", name);
  ekv_xlsx_formula (sheet, row, col, formula, value, self->f_precise);
}

static const char *
factor_title (const EkvFactor *factor)
{
  if (factor->source == EKV_FACTOR_SOURCE_BUILT_IN && factor->title != NULL)
    return g_dgettext (GETTEXT_PACKAGE, factor->title);
  return factor->title;
}

/* The factors every energy conversion of the workbook reads: input cells with
 * defined names (ekv-xlsx-factors.c), at the rows registered before. */
static void
write_factor_table (EkvXlsx      *self,
                    EkvXlsxSheet *sheet)
{
  lxw_row_t header = self->factor_first_row - 1;
  const char *headers[EN_KWH + 1];

  if (self->factors->len == 0)
    return;
  ekv_xlsx_note (sheet, header - 1, 0, _("Energy factors: inputs of every kWh, TEP and CO₂ "
                                         "figure of the workbook; change them here"),
                 self->f_title);
  headers[EN_CARRIER] = _("Carrier");
  headers[EN_QUANTITY] = "";
  headers[EN_UNIT] = _("Unit");
  headers[EN_LHV] = _("Lower heating value (kWh per unit)");
  headers[EN_TEP_FACTOR] = _("TEP per unit");
  headers[EN_CO2_FACTOR] = _("CO₂ (kg per unit)");
  headers[EN_SOURCE] = _("Factor source");
  /* Translators: a column header: the defined names formulas use for the factors */
  headers[EN_KWH] = _("Names in formulas");
  ekv_xlsx_header_row (self, sheet, header, headers, G_N_ELEMENTS (headers));
  for (guint i = 0; i < self->factors->len; i++)
    {
      const EkvXlsxFactor *xf = g_ptr_array_index (self->factors, i);
      g_autofree char *names = NULL;

      ekv_xlsx_text (sheet, xf->row, EN_CARRIER,
                     ekv_enum_get_label (EKV_TYPE_CARRIER, xf->factor.carrier), NULL);
      ekv_xlsx_text (sheet, xf->row, EN_UNIT,
                     ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT, xf->factor.unit), NULL);
      if (xf->lhv_name != NULL)
        ekv_xlsx_number (sheet, xf->row, EN_LHV, xf->factor.lhv_kwh, self->f_input_precise);
      else
        worksheet_write_blank (sheet->sheet, xf->row, EN_LHV, self->f_input_precise);
      ekv_xlsx_number (sheet, xf->row, EN_TEP_FACTOR, xf->factor.tep, self->f_input_precise);
      ekv_xlsx_number (sheet, xf->row, EN_CO2_FACTOR, xf->factor.co2_kg, self->f_input_precise);
      ekv_xlsx_text (sheet, xf->row, EN_SOURCE, factor_title (&xf->factor), NULL);
      names = g_strjoin (", ", xf->lhv_name != NULL ? xf->lhv_name : xf->tep_name,
                         xf->lhv_name != NULL ? xf->tep_name : xf->co2_name,
                         xf->lhv_name != NULL ? xf->co2_name : NULL, NULL);
      ekv_xlsx_note (sheet, xf->row, EN_KWH, names, NULL);
    }
}

gboolean
ekv_xlsx_write_energy (EkvXlsx  *self,
                       GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("Energy"));
  const char *headers[EN_N_COLUMNS];
  g_autofree char *cost_header = NULL;
  g_autofree char *from = inv_range (self, EKV_FLOW_FROM);
  g_autofree char *kind = inv_range (self, EKV_FLOW_KIND);
  g_autofree char *carrier = inv_range (self, EKV_FLOW_CARRIER);
  g_autofree char *kwh = inv_range (self, EKV_XLSX_INV_ENERGY_KWH);
  g_autofree char *tep = inv_range (self, EKV_XLSX_INV_TEP);
  g_autofree char *co2 = inv_range (self, EKV_XLSX_INV_CO2_KG);
  g_autofree char *cost = inv_range (self, EKV_XLSX_INV_COST);
  g_autofree char *energy = kind_text (EKV_FLOW_KIND_ENERGY);
  guint n = self->balance->carriers->len;
  lxw_row_t row = 0;
  double totals[EN_N_COLUMNS] = { 0 };

  /* Translators: a column header: an energy carrier (electricity, natural gas...) */
  headers[EN_CARRIER] = _("Carrier");
  /* Translators: a column header */
  headers[EN_QUANTITY] = _("Quantity bought per year");
  /* Translators: a column header: the unit of the quantity */
  headers[EN_UNIT] = _("Unit");
  /* Translators: a column header */
  headers[EN_LHV] = _("Lower heating value (kWh per unit)");
  /* Translators: a column header; TEP is tonnes of oil equivalent */
  headers[EN_TEP_FACTOR] = _("TEP per unit");
  /* Translators: a column header */
  headers[EN_CO2_FACTOR] = _("CO₂ (kg per unit)");
  /* Translators: a column header: where the factors come from */
  headers[EN_SOURCE] = _("Factor source");
  headers[EN_KWH] = _("Energy (kWh/year)");
  headers[EN_TEP] = _("TEP/year");
  /* Translators: a column header */
  headers[EN_CO2_T] = _("CO₂ (t/year)");
  /* Translators: a column header; %s is the currency code */
  cost_header = g_strdup_printf (_("Cost (%s/year)"), self->currency);
  headers[EN_COST] = cost_header;
  ekv_xlsx_header_row (self, sheet, row, headers, EN_N_COLUMNS);

  for (guint i = 0; i < n; i++)
    {
      const EkvCarrierBalance *cb = &g_array_index (self->balance->carriers, EkvCarrierBalance, i);
      g_autofree char *name = NULL;
      g_autofree char *formula = NULL;

      row = i + 1;
      name = ekv_xlsx_ref (NULL, row, EN_CARRIER, FALSE);
      ekv_xlsx_text (sheet, row, EN_CARRIER, ekv_enum_get_label (EKV_TYPE_CARRIER, cb->carrier),
                     NULL);
      if (!cb->mixed_units)
        {
          /* The Inventory's yearly quantities where every bought flow of the
           * carrier is in the carrier's unit (kWh and MWh mixed stay a number). */
          if (same_unit_bought (self, cb))
            {
              g_autofree char *yearly = inv_range (self, EKV_XLSX_INV_YEARLY);

              formula = g_strdup_printf ("=SUMPRODUCT((%s=\"\")*(%s=%s)*(%s=%s)*(%s<>\"\")*%s)",
                                         from, kind, energy, carrier, name, kwh, yearly);
              ekv_xlsx_formula (sheet, row, EN_QUANTITY, formula, cb->quantity, self->f_number);
              g_clear_pointer (&formula, g_free);
            }
          else
            ekv_xlsx_number (sheet, row, EN_QUANTITY, cb->quantity, self->f_number);
        }
      ekv_xlsx_text (sheet, row, EN_UNIT, ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT, cb->unit),
                     NULL);
      /* The factor per unit of the quantity beside it: one per another unit (fuel
       * oil bought in litres, its factor per tonne) is only in the table below. */
      if (cb->has_factor && cb->factor.unit == cb->unit)
        {
          /* The factor's input cells, in the table below. */
          const EkvXlsxFactor *xf = ekv_xlsx_find_factor (self, cb->factor.carrier,
                                                          cb->factor.unit);

          write_factor_cell (self, sheet, row, EN_LHV, xf != NULL ? xf->lhv_name : NULL,
                             cb->factor.lhv_kwh);
          write_factor_cell (self, sheet, row, EN_TEP_FACTOR, xf != NULL ? xf->tep_name : NULL,
                             cb->factor.tep);
          write_factor_cell (self, sheet, row, EN_CO2_FACTOR, xf != NULL ? xf->co2_name : NULL,
                             cb->factor.co2_kg);
          ekv_xlsx_text (sheet, row, EN_SOURCE, factor_title (&cb->factor), NULL);
        }
      formula = g_strdup_printf ("=SUMPRODUCT((%s=\"\")*(%s=%s)*(%s=%s)*%s)", from, kind, energy,
                                 carrier, name, kwh);
      ekv_xlsx_formula (sheet, row, EN_KWH, formula, cb->energy_kwh, self->f_number);
      g_free (formula);
      formula = g_strdup_printf ("=SUMPRODUCT((%s=%s)*%s)", carrier, name, tep);
      ekv_xlsx_formula (sheet, row, EN_TEP, formula, cb->tep, self->f_number);
      g_free (formula);
      formula = g_strdup_printf ("=SUMPRODUCT((%s=%s)*%s)/1000", carrier, name, co2);
      ekv_xlsx_formula (sheet, row, EN_CO2_T, formula, cb->co2_t, self->f_number);
      g_free (formula);
      formula = g_strdup_printf ("=SUMPRODUCT((%s=\"\")*(%s=%s)*(%s=%s)*(%s<>\"\")*%s)", from, kind,
                                 energy, carrier, name, kwh, cost);
      ekv_xlsx_formula (sheet, row, EN_COST, formula, cb->cost, self->f_money);
      totals[EN_KWH] += cb->energy_kwh;
      totals[EN_TEP] += cb->tep;
      totals[EN_CO2_T] += cb->co2_t;
      totals[EN_COST] += cb->cost;
    }

  if (n > 0)
    {
      guint total_cols[] = { EN_KWH, EN_TEP, EN_CO2_T, EN_COST };

      row = n + 1;
      ekv_xlsx_text (sheet, row, EN_CARRIER, _("Total"), self->f_bold);
      for (guint c = 0; c < G_N_ELEMENTS (total_cols); c++)
        {
          g_autofree char *range = ekv_xlsx_range (NULL, 1, n, total_cols[c]);
          g_autofree char *formula = g_strdup_printf ("=SUM(%s)", range);

          ekv_xlsx_formula (sheet, row, total_cols[c], formula, totals[total_cols[c]],
                            self->f_total);
        }
    }
  row += 2;
  ekv_xlsx_note (sheet, row, 0, _("Bought energy only (flows from outside the plant). TEP and CO₂ "
                                  "per flow are in the Inventory sheet."), NULL);
  write_factor_table (self, sheet);

  ekv_xlsx_finish_table (self, sheet, 0, n, EN_N_COLUMNS - 1);
  worksheet_set_column (sheet->sheet, EN_SOURCE, EN_SOURCE, 40, NULL);
  return ekv_xlsx_step (self, 1, error);
}
