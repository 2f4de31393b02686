/* ekv-results-table.c: the figures of an audit as a table for people
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * What `ekv results` prints without --json. Scripts read the JSON; this is for an
 * auditor at a terminal, so it follows the locale (digit grouping, decimal
 * comma, translated headings) and may change its layout freely.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-entity.h"
#include "ekv-enums.h"
#include "ekv-labels.h"
#include "ekv-results-table.h"
#include "ekv-scenario.h"
#include "ekv-util.h"

/* Long unit names are cut to this many characters in the unit table. */
#define NAME_WIDTH 36

/* ------------------------------------------------------------------------ */
/* Aligned columns                                                          */

typedef struct
{
  const char *align;  /* one letter per column: 'l' left, 'r' right */
  GPtrArray  *rows;   /* of GPtrArray of char * */
} Table;

static void
table_init (Table      *table,
            const char *align)
{
  table->align = align;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

/* Appends a row of strlen (align) cells, taking ownership of each (NULL: empty). */
static void
table_add (Table *table,
           ...)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, table);
  for (const char *a = table->align; *a != '\0'; a++)
    {
      char *cell = va_arg (args, char *);

      g_ptr_array_add (row, cell != NULL ? cell : g_strdup (""));
    }
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

/* Writes the rows indented by two spaces, columns two spaces apart, widths in
 * characters (Turkish letters take two bytes but one column); frees the table. */
static void
table_write (Table   *table,
             GString *out)
{
  guint n_columns = strlen (table->align);
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (g_ptr_array_index (row, c), -1));
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      gsize start = out->len;

      g_string_append (out, "  ");
      for (guint c = 0; c < n_columns; c++)
        {
          const char *cell = g_ptr_array_index (row, c);
          glong pad = widths[c] - g_utf8_strlen (cell, -1);

          if (c > 0)
            g_string_append (out, "  ");
          if (table->align[c] == 'r')
            for (glong i = 0; i < pad; i++)
              g_string_append_c (out, ' ');
          g_string_append (out, cell);
          if (table->align[c] != 'r')
            for (glong i = 0; i < pad; i++)
              g_string_append_c (out, ' ');
        }
      /* No trailing blanks where the last columns are empty. */
      while (out->len > start && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  g_clear_pointer (&table->rows, g_ptr_array_unref);
}

/* ------------------------------------------------------------------------ */
/* Cells                                                                    */

/* VALUE with DIGITS decimals the locale's way; a dash when it cannot be computed. */
static char *
number (double value,
        int    digits)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return ekv_number_format (value, digits);
}

static char *
percent (double value)
{
  g_autofree char *text = NULL;

  g_autofree char *pct = NULL;

  if (!isfinite (value))
    return g_strdup ("—");
  /* The sign goes before the whole figure, wherever the language puts the
   * percent sign: "-6.4 %", Turkish "-%6,4" (not "%-6,4"). */
  text = ekv_number_format (fabs (value), 1);
  /* Translators: a percentage in a table, e.g. "6.4 %"; keep the %% (one percent sign) */
  pct = g_strdup_printf (C_("results", "%s %%"), text);
  return value <= -0.05 ? g_strconcat ("-", pct, NULL) : g_steal_pointer (&pct);
}

/* A percentage, or why there is none. */
static char *
percent_or_note (double      value,
                 const char *note)
{
  if (!isfinite (value) && note != NULL)
    return g_strdup (_(note));
  return percent (value);
}

/* NAME cut to WIDTH characters, ending in an ellipsis when cut. */
static char *
shorten (const char *name,
         glong       width)
{
  if (name == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (name, -1) <= width)
    return g_strdup (name);
  {
    g_autofree char *head = g_utf8_substring (name, 0, width - 1);

    return g_strconcat (head, "…", NULL);
  }
}

/* ------------------------------------------------------------------------ */
/* Sections                                                                 */

static void
heading (GString    *out,
         const char *text)
{
  g_string_append_printf (out, "\n%s\n", text);
}

/* One figure of the plant: label, value, unit, and a percentage or a note (owned;
 * may be NULL). TABLE has four columns. */
static void
add_figure (Table      *table,
            const char *label,
            double      value,
            int         digits,
            const char *unit,
            char       *extra)
{
  table_add (table, g_strdup (label), number (value, digits), g_strdup (isfinite (value) ? unit : ""),
             extra);
}

static void
write_plant (GString               *out,
             const EkvPlantBalance *plant,
             const char            *currency)
{
  Table table;

  /* Translators: a heading of ekv results: the balances of the whole plant */
  heading (out, C_("results", "Plant"));
  table_init (&table, "lrll");
  /* Translators: the rows of the plant table of ekv results: label, figure, unit */
  add_figure (&table, C_("results", "Mass in"), plant->mass_in_kg, 0, "kg", NULL);
  add_figure (&table, C_("results", "Mass out"), plant->mass_out_kg, 0, "kg", NULL);
  add_figure (&table, C_("results", "Mass imbalance"), plant->mass_imbalance_kg, 0, "kg",
              percent_or_note (plant->mass_imbalance_pct, plant->mass_imbalance_pct_note));
  add_figure (&table, C_("results", "Water in"), plant->water_in_m3, 1, "m³", NULL);
  add_figure (&table, C_("results", "Water out"), plant->water_out_m3, 1, "m³", NULL);
  add_figure (&table, C_("results", "Unaccounted water"), plant->water_unaccounted_m3, 1, "m³",
              percent_or_note (plant->water_unaccounted_pct, plant->water_unaccounted_pct_note));
  add_figure (&table, C_("results", "Energy bought"), plant->energy_in_kwh, 0, "kWh", NULL);
  add_figure (&table, C_("results", "Oil equivalent"), plant->tep, 1, "TEP",
              g_strdup (ekv_tep_band_title (plant->tep_band)));
  add_figure (&table, C_("results", "CO₂ of bought energy"), plant->co2_t, 1, "t", NULL);
  add_figure (&table, C_("results", "Cost of inputs"), plant->cost_in, 0, currency, NULL);
  add_figure (&table, C_("results", "Production"), plant->production_t, 1, "t",
              g_strdup (plant->production_name != NULL ? plant->production_name
                                                       : _(plant->production_note)));
  table_write (&table, out);
  g_string_append_printf (out, "  %s\n", ekv_tep_band_note ());

  /* Translators: a heading of ekv results: figures per tonne of production */
  heading (out, C_("results", "Indicators"));
  table_init (&table, "lrll");
  add_figure (&table, C_("results", "Water"), plant->water_m3_per_t, 2, "m³/t", NULL);
  add_figure (&table, C_("results", "Wastewater"), plant->wastewater_m3_per_t, 2, "m³/t", NULL);
  add_figure (&table, C_("results", "Energy"), plant->energy_kwh_per_t, 0, "kWh/t", NULL);
  add_figure (&table, C_("results", "Oil equivalent"), plant->tep_per_t, 3, "TEP/t", NULL);
  add_figure (&table, C_("results", "Waste"), plant->waste_kg_per_t, 1, "kg/t", NULL);
  add_figure (&table, C_("results", "Raw-material yield"), plant->raw_material_yield_pct, 1, "%",
              NULL);
  table_write (&table, out);
  if (plant->indicators_note != NULL)
    g_string_append_printf (out, "  %s\n", _(plant->indicators_note));
  if (plant->raw_material_yield_pct_note != NULL &&
      g_strcmp0 (plant->raw_material_yield_pct_note, plant->indicators_note) != 0)
    g_string_append_printf (out, "  %s\n", _(plant->raw_material_yield_pct_note));
}

static void
write_units (GString *out,
             GArray  *units)
{
  Table table;

  /* Translators: a heading of ekv results */
  heading (out, _("Unit operations (mass in kg per year)"));
  table_init (&table, "llrrrrll");
  table_add (&table,
             /* Translators: column headings of the unit table of ekv results; keep them short */
             g_strdup (C_("results column", "ID")), g_strdup (C_("results column", "Name")),
             g_strdup (C_("results column", "In")), g_strdup (C_("results column", "Out")),
             g_strdup (C_("results column", "Imbalance")), g_strdup ("%"),
             g_strdup (C_("results column", "Status")),
             g_strdup (C_("results column", "Estimated %")));
  for (guint i = 0; i < units->len; i++)
    {
      const EkvUnitBalance *unit = &g_array_index (units, EkvUnitBalance, i);
      const char *name = ekv_record_get_string (unit->unit, EKV_UNIT_OPERATION_NAME);

      table_add (&table, g_strdup (unit->id), shorten (name, NAME_WIDTH),
                 number (unit->mass_in_kg, 0), number (unit->mass_out_kg, 0),
                 number (unit->mass_imbalance_kg, 0), number (unit->mass_imbalance_pct, 1),
                 g_strdup (ekv_balance_status_describe (unit->status)),
                 number (unit->estimated_pct, 0));
    }
  table_write (&table, out);
}

static void
write_carriers (GString    *out,
                GArray     *carriers,
                const char *currency)
{
  Table table;
  double kwh = 0, tep = 0, co2 = 0, cost = 0;

  /* Translators: a heading of ekv results */
  heading (out, _("Bought energy per year"));
  if (carriers->len == 0)
    {
      g_string_append_printf (out, "  %s\n", _("No energy is bought from outside."));
      return;
    }
  table_init (&table, "lrrrr");
  table_add (&table,
             /* Translators: column headings of the energy table of ekv results */
             g_strdup (C_("results column", "Carrier")), g_strdup ("kWh"), g_strdup ("TEP"),
             g_strdup (C_("results column", "t CO₂")), g_strdup (currency));
  for (guint i = 0; i < carriers->len; i++)
    {
      const EkvCarrierBalance *carrier = &g_array_index (carriers, EkvCarrierBalance, i);

      table_add (&table, g_strdup (ekv_enum_get_label (EKV_TYPE_CARRIER, carrier->carrier)),
                 number (carrier->energy_kwh, 0), number (carrier->tep, 1),
                 number (carrier->co2_t, 1), number (carrier->cost, 0));
      kwh += carrier->energy_kwh;
      tep += carrier->tep;
      co2 += carrier->co2_t;
      cost += carrier->cost;
    }
  if (carriers->len > 1)
    /* Translators: the last row of the energy table of ekv results */
    table_add (&table, g_strdup (C_("results row", "Total")), number (kwh, 0), number (tep, 1),
               number (co2, 1), number (cost, 0));
  table_write (&table, out);
}

/* Where the heating values, TEP and CO₂ factors come from. */
static void
write_factors (GString *out,
               GArray  *carriers)
{
  gboolean any = FALSE;

  for (guint i = 0; i < carriers->len; i++)
    {
      const EkvCarrierBalance *carrier = &g_array_index (carriers, EkvCarrierBalance, i);
      const EkvFactor *factor = &carrier->factor;
      const char *label = ekv_enum_get_label (EKV_TYPE_CARRIER, carrier->carrier);
      g_autofree char *line = NULL;

      if (!any)
        /* Translators: a heading of ekv results */
        heading (out, C_("results", "Factors used"));
      any = TRUE;

      if (!carrier->has_factor)
        {
          /* Translators: %s is an energy carrier such as "Steam" */
          line = g_strdup_printf (_("%s: no factor; 1/11 630 TEP per kWh and no CO₂ counted"), label);
        }
      else
        {
          g_autofree char *lhv = number (factor->lhv_kwh, -1);
          g_autofree char *tep = number (factor->tep, -1);
          g_autofree char *co2 = number (factor->co2_kg, -1);
          const char *unit = ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT, factor->unit);
          const char *source = factor->source == EKV_FACTOR_SOURCE_AUDIT
                                 ? C_("factor source", "audit")
                                 : C_("factor source", "built-in");

          /* Translators: a carrier, then per unit of it: heating value in kWh, TEP, kg CO₂;
           * then where the factor comes from ("audit" or "built-in") and its source */
          line = g_strdup_printf (_("%s: %s kWh, %s TEP, %s kg CO₂ per %s (%s: %s)"), label, lhv, tep,
                                  co2, unit, source, factor->title != NULL ? factor->title : "—");
        }
      g_string_append_printf (out, "  %s\n", line);
    }
}

static void
write_warnings (GString   *out,
                GPtrArray *warnings)
{
  if (warnings->len == 0)
    return;

  /* Translators: a heading of ekv results: what the balances could not count */
  heading (out, C_("results", "Warnings"));
  for (guint i = 0; i < warnings->len; i++)
    {
      const EkvBalanceWarning *warning = g_ptr_array_index (warnings, i);

      g_string_append_printf (out, "  – %s\n", warning->message);
    }
}

/* Money per year, payback and return of every option, then the portfolio. */
static void
write_options (GString    *out,
               EkvOptions *options,
               const char *currency)
{
  Table table;
  const EkvPortfolio *portfolio = &options->portfolio;
  g_autofree char *rate = number (options->discount_rate, -1);

  g_string_append_c (out, '\n');
  /* Translators: a heading of ekv results; %s is the discount rate in percent;
   * keep the %% (one percent sign) */
  g_string_append_printf (out, _("Options (money per year; NPV at %s %%)"), rate);
  g_string_append_c (out, '\n');
  if (options->options->len == 0)
    {
      g_string_append_printf (out, "  %s\n", _("The audit has no options yet."));
      return;
    }

  table_init (&table, "llrrrrr");
  table_add (&table,
             /* Translators: column headings of the option table of ekv results; keep them short */
             g_strdup (C_("results column", "ID")), g_strdup (C_("results column", "Title")),
             g_strdup (C_("results column", "Saving")),
             g_strdup (C_("results column", "Payback (years)")),
             g_strdup (C_("results column", "NPV")), g_strdup (C_("results column", "IRR")),
             g_strdup (C_("results column", "t CO₂ avoided")));
  for (guint i = 0; i < options->options->len; i++)
    {
      const EkvOptionResult *option = &g_array_index (options->options, EkvOptionResult, i);
      const char *title = ekv_record_get_string (option->option, EKV_OPTION_TITLE);
      g_autofree char *id = NULL;

      /* A star marks the options of the portfolio. */
      id = g_strconcat (option->id, option->in_portfolio ? " *" : "", NULL);
      table_add (&table, g_steal_pointer (&id), shorten (title, NAME_WIDTH),
                 number (option->annual_saving, 0),
                 number (option->finance.simple_payback_years, 1),
                 number (option->finance.npv, 0), percent (option->finance.irr_pct),
                 number (option->co2_avoided_t, 1));
    }
  table_write (&table, out);
  /* Translators: below the option table of ekv results */
  g_string_append_printf (out, "  %s\n",
                          _("* approved, in progress or done: counted in the portfolio and the "
                            "“after” scenario."));
  g_string_append_printf (out, "  %s: %s\n", C_("results", "Currency"), currency);

  /* Translators: a heading of ekv results: the sums over the approved options */
  heading (out, C_("results", "Portfolio"));
  table_init (&table, "lrll");
  add_figure (&table, C_("results", "Options"), portfolio->n_options, 0, "", NULL);
  add_figure (&table, C_("results", "Investment"), portfolio->investment, 0, currency, NULL);
  add_figure (&table, C_("results", "Saving per year"), portfolio->annual_saving, 0, currency,
              NULL);
  add_figure (&table, C_("results", "Simple payback"), portfolio->simple_payback_years, 1,
              C_("results", "years"), NULL);
  add_figure (&table, C_("results", "CO₂ avoided"), portfolio->co2_avoided_t, 1, "t", NULL);
  add_figure (&table, C_("results", "Water saved"), portfolio->water_saved_m3, 0, "m³", NULL);
  add_figure (&table, C_("results", "Wastewater avoided"), portfolio->wastewater_saved_m3, 0, "m³",
              NULL);
  add_figure (&table, C_("results", "Energy saved"), portfolio->energy_saved_kwh, 0, "kWh", NULL);
  add_figure (&table, C_("results", "Oil equivalent saved"), portfolio->tep_saved, 1, "TEP", NULL);
  add_figure (&table, C_("results", "Waste avoided"), portfolio->waste_avoided_kg, 0, "kg", NULL);
  add_figure (&table, C_("results", "Raw material saved"), portfolio->raw_material_saved_t, 1, "t",
              NULL);
  table_write (&table, out);
}

/* The plant's totals before and after the portfolio. */
static void
write_after (GString    *out,
             EkvBalance *before,
             EkvBalance *after)
{
  Table table;
  const EkvPlantBalance *b = &before->plant;
  const EkvPlantBalance *a = &after->plant;
  struct { const char *label; double before, after; int digits; const char *unit; } rows[] = {
    /* Translators: rows of the before/after table of ekv results */
    { C_("results", "Mass in"), b->mass_in_kg, a->mass_in_kg, 0, "kg" },
    { C_("results", "Water in"), b->water_in_m3, a->water_in_m3, 1, "m³" },
    { C_("results", "Energy bought"), b->energy_in_kwh, a->energy_in_kwh, 0, "kWh" },
    { C_("results", "Oil equivalent"), b->tep, a->tep, 1, "TEP" },
    { C_("results", "CO₂ of bought energy"), b->co2_t, a->co2_t, 1, "t" },
  };

  /* Translators: a heading of ekv results: the plant with the approved options carried out */
  heading (out, C_("results", "After the approved options (per year)"));
  table_init (&table, "lrrrl");
  table_add (&table, g_strdup (""),
             /* Translators: column headings of the before/after table of ekv results */
             g_strdup (C_("results column", "Before")), g_strdup (C_("results column", "After")),
             g_strdup (C_("results column", "Change")), g_strdup (""));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    table_add (&table, g_strdup (rows[i].label), number (rows[i].before, rows[i].digits),
               number (rows[i].after, rows[i].digits),
               percent (rows[i].before != 0
                          ? 100 * (rows[i].after - rows[i].before) / rows[i].before
                          : NAN),
               g_strdup (rows[i].unit));
  table_write (&table, out);
}

/* ------------------------------------------------------------------------ */

char *
ekv_results_format_table_full (EkvDocument *document,
                               EkvBalance  *balance,
                               EkvOptions  *options,
                               EkvBalance  *after,
                               GPtrArray   *after_warnings)
{
  const char *company;
  const char *currency;
  GString *out;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (balance != NULL, NULL);

  company = ekv_record_get_string (ekv_document_get_company (document), EKV_COMPANY_NAME);
  currency = ekv_record_get_string (ekv_document_get_finance (document), EKV_FINANCE_CURRENCY);
  out = g_string_new (NULL);
  if (currency == NULL || *currency == '\0')
    currency = "TRY";
  if (company == NULL || *company == '\0')
    company = _("Unnamed firm");

  /* Translators: the first line of ekv results; %s is the firm's name */
  g_string_append_printf (out, _("%s — figures per year"), company);
  g_string_append_c (out, '\n');

  write_plant (out, &balance->plant, currency);
  write_units (out, balance->units);
  write_carriers (out, balance->carriers, currency);
  write_factors (out, balance->carriers);
  write_warnings (out, balance->warnings);
  if (options != NULL)
    write_options (out, options, currency);
  if (after != NULL)
    write_after (out, balance, after);
  if (after_warnings != NULL)
    for (guint i = 0; i < after_warnings->len; i++)
      g_string_append_printf (out, "  – %s\n",
                              (const char *) g_ptr_array_index (after_warnings, i));

  return g_string_free (out, FALSE);
}

char *
ekv_results_format_table (EkvDocument *document,
                          EkvBalance  *balance)
{
  g_autoptr(EkvOptions) options = NULL;
  g_autoptr(EkvDocument) after_document = NULL;
  g_autoptr(EkvBalance) after = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (balance != NULL, NULL);

  options = ekv_options_compute (document, balance);
  after_document = ekv_scenario_after_full (document, warnings, NULL);
  if (after_document != NULL)
    after = ekv_balance_compute (after_document);
  return ekv_results_format_table_full (document, balance, options, after, warnings);
}
