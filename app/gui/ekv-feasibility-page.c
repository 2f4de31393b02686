/* ekv-feasibility-page.c: financial and environmental feasibility of the options (phase IV)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * At the top, the audit's finance settings (currency, discount rate, real or
 * nominal basis). Below, one row per option opening into its cash-flow inputs,
 * its changes to the inventory's flows (in the flow's own unit and period, or
 * in percent), and the figures core computes from them (ekv_options_compute):
 * annual saving, paybacks, NPV, IRR, profitability index, EAC, CO₂ avoided and
 * its cost per tonne, and the water, energy and waste saved.
 *
 * The figures follow every stored edit (the document's "changed" signal). While
 * a cash-flow input is being typed, before it is stored, the figures already
 * show what the typed value gives: the option's stored result with that one
 * input replaced, through the same ekv-finance.h functions core uses.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-feasibility-page.h"
#include "ekv-field-row.h"
#include "ekv-gui-util.h"
#include "ekv-investment.h"
#include "ekv-labels.h"
#include "ekv-options.h"
#include "ekv-util.h"

struct _EkvFeasibilityPage
{
  AdwBin       parent_instance;

  GtkWidget   *list_box;
  GtkWidget   *finance_group;
  EkvDocument *document;
  EkvOptions  *results;

  /* Option rows to make again, once the signal that asked has returned: the
   * button, popover or toggle that asked lives in the row. */
  GPtrArray   *stale;        /* EkvRecord options */
  EkvRecord   *focus_change; /* a new change whose entry takes the focus */
  guint        rebuild_id;
};

G_DEFINE_FINAL_TYPE (EkvFeasibilityPage, ekv_feasibility_page, ADW_TYPE_BIN)

static const char *figure_titles[EKV_FEASIBILITY_N_FIGURES] = {
  N_("Annual saving"),
  N_("Simple payback"),
  N_("Net present value"),
  N_("Internal rate of return"),
  N_("Discounted payback"),
  N_("Profitability index"),
  N_("Equivalent annual cost"),
  N_("CO₂ avoided"),
  N_("Cost per tonne of CO₂ avoided"),
  N_("Water saved"),
  N_("Wastewater avoided"),
  N_("Energy saved"),
  N_("Waste avoided"),
  N_("Raw material saved"),
};

/* The cash-flow inputs of an option, in the order shown. */
static const struct
{
  const char *key;
  guint       field;
  gboolean    money;
  gboolean    per_year;
} inputs[] = {
  { "investment",    EKV_OPTION_INVESTMENT,    TRUE,  FALSE },
  { "lifetime",      EKV_OPTION_LIFETIME,      FALSE, FALSE },
  { "salvage",       EKV_OPTION_SALVAGE,       TRUE,  FALSE },
  { "om-cost",       EKV_OPTION_OM_COST,       TRUE,  TRUE },
  { "other-savings", EKV_OPTION_OTHER_SAVINGS, TRUE,  TRUE },
};

/* Translators: a flow's unit and period, e.g. "m³ per day" */
static const char *period_phrases[] = {
  [EKV_PERIOD_BATCH] = N_("%s per batch"),
  [EKV_PERIOD_HOUR]  = N_("%s per hour"),
  [EKV_PERIOD_SHIFT] = N_("%s per shift"),
  [EKV_PERIOD_DAY]   = N_("%s per day"),
  [EKV_PERIOD_WEEK]  = N_("%s per week"),
  [EKV_PERIOD_MONTH] = N_("%s per month"),
  [EKV_PERIOD_YEAR]  = N_("%s per year"),
};

/* Helpers {{{ */

static const char *
currency (EkvFeasibilityPage *self)
{
  return ekv_record_get_string (ekv_document_get_finance (self->document), EKV_FINANCE_CURRENCY);
}

/* "m³ per day" */
static char *
flow_unit_text (EkvRecord *flow)
{
  const char *symbol = ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT,
                                           ekv_record_get_enum (flow, EKV_FLOW_UNIT));
  int period = ekv_record_get_enum (flow, EKV_FLOW_PERIOD);

  if (period < 0 || period >= (int) G_N_ELEMENTS (period_phrases))
    return g_strdup (symbol);
  return g_strdup_printf (_(period_phrases[period]), symbol);
}

/* "Dyeing — Rinse water": the unit it leaves (or enters, from outside), then its name. */
static char *
flow_title (EkvDocument *document,
            EkvRecord   *flow)
{
  const char *unit_id = ekv_record_get_string (flow, EKV_FLOW_FROM);
  EkvRecord *unit;

  if (unit_id == NULL || *unit_id == '\0')
    unit_id = ekv_record_get_string (flow, EKV_FLOW_TO);
  unit = unit_id != NULL ? ekv_document_find (document, EKV_ENTITY_UNIT_OPERATION, unit_id) : NULL;
  if (unit == NULL)
    return g_strdup (ekv_record_get_string (flow, EKV_FLOW_NAME));

  /* Translators: a flow named by its unit operation, then its own name */
  return g_strdup_printf (_("%s — %s"), ekv_record_get_string (unit, EKV_UNIT_OPERATION_NAME),
                          ekv_record_get_string (flow, EKV_FLOW_NAME));
}

/* A figure that cannot be computed: the value says so, the reason goes to *REASON. */
static char *
not_defined_why (const char  *note,
                 const char **reason)
{
  if (reason != NULL)
    *reason = note != NULL ? g_dgettext (GETTEXT_PACKAGE, note) : NULL;
  /* Translators: in place of a figure that cannot be computed; the reason is shown beside it */
  return g_strdup (_("Not defined"));
}

#define not_defined(note) not_defined_why ((note), reason)

static char *
money_text (EkvFeasibilityPage *self,
            double              value,
            gboolean            per_year)
{
  g_autofree char *number = ekv_number_format (value, 0);

  if (per_year)
    /* Translators: an amount of money per year, e.g. "25,000 TRY a year" */
    return g_strdup_printf (_("%s %s a year"), number, currency (self));
  /* Translators: an amount of money, e.g. "69,955 TRY" */
  return g_strdup_printf (_("%s %s"), number, currency (self));
}

static char *
figure_text (EkvFeasibilityPage    *self,
             const EkvOptionResult *r,
             EkvFeasibilityFigure   figure,
             const char           **reason)
{
  const EkvFinanceFigures *f = &r->finance;
  g_autofree char *number = NULL;
  g_autofree char *tep = NULL;

  switch (figure)
    {
    case EKV_FEASIBILITY_ANNUAL_SAVING:
      if (isnan (r->annual_saving))
        return not_defined (r->annual_saving_note);
      return money_text (self, r->annual_saving, TRUE);

    case EKV_FEASIBILITY_SIMPLE_PAYBACK:
    case EKV_FEASIBILITY_DISCOUNTED_PAYBACK:
      {
        double years = figure == EKV_FEASIBILITY_SIMPLE_PAYBACK
                         ? f->simple_payback_years : f->discounted_payback_years;
        const char *note = figure == EKV_FEASIBILITY_SIMPLE_PAYBACK
                             ? f->simple_payback_years_note : f->discounted_payback_years_note;

        if (isnan (years))
          return not_defined (note);
        number = ekv_number_format (years, 2);
        /* Translators: a payback time in years, e.g. "2.61 years" */
        return g_strdup_printf (_("%s years"), number);
      }

    case EKV_FEASIBILITY_NPV:
      if (isnan (f->npv))
        return not_defined (f->npv_note);
      return money_text (self, f->npv, FALSE);

    case EKV_FEASIBILITY_IRR:
      if (isnan (f->irr_pct))
        return not_defined (f->irr_pct_note);
      number = ekv_number_format (f->irr_pct, 2);
      /* Translators: a rate in percent, e.g. "36.64 %" */
      return g_strdup_printf (_("%s %%"), number);

    case EKV_FEASIBILITY_PROFITABILITY_INDEX:
      if (isnan (f->profitability_index))
        return not_defined (f->profitability_index_note);
      return ekv_number_format (f->profitability_index, 2);

    case EKV_FEASIBILITY_EAC:
      if (isnan (f->eac))
        return not_defined (f->eac_note);
      return money_text (self, f->eac, TRUE);

    case EKV_FEASIBILITY_CO2_AVOIDED:
      if (isnan (r->co2_avoided_t))
        return not_defined (r->co2_avoided_t_note);
      number = ekv_number_format (r->co2_avoided_t, 1);
      /* Translators: tonnes of CO₂ a year, e.g. "161.5 t CO₂ a year" */
      return g_strdup_printf (_("%s t CO₂ a year"), number);

    case EKV_FEASIBILITY_COST_PER_T_CO2:
      if (isnan (r->cost_per_t_co2))
        return not_defined (r->cost_per_t_co2_note);
      number = ekv_number_format (r->cost_per_t_co2, 1);
      /* Translators: money per tonne of CO₂ avoided, e.g. "-76.7 EUR per t CO₂"; negative
       * means the option saves money */
      return g_strdup_printf (_("%s %s per t CO₂"), number, currency (self));

    case EKV_FEASIBILITY_WATER_SAVED:
    case EKV_FEASIBILITY_WASTEWATER_SAVED:
      {
        double m3 = figure == EKV_FEASIBILITY_WATER_SAVED
                      ? r->water_saved_m3 : r->wastewater_saved_m3;

        if (isnan (m3))
          return not_defined (r->dimensions_note);
        number = ekv_number_format (m3, 0);
        /* Translators: cubic metres a year, e.g. "12,000 m³ a year" */
        return g_strdup_printf (_("%s m³ a year"), number);
      }

    case EKV_FEASIBILITY_ENERGY_SAVED:
      if (isnan (r->energy_saved_kwh))
        return not_defined (r->dimensions_note);
      number = ekv_number_format (r->energy_saved_kwh, 0);
      tep = ekv_number_format (r->tep_saved, 2);
      /* Translators: energy a year in kWh, then in tonnes of oil equivalent */
      return g_strdup_printf (_("%s kWh a year (%s TEP)"), number, tep);

    case EKV_FEASIBILITY_WASTE_AVOIDED:
      if (isnan (r->waste_avoided_kg))
        return not_defined (r->dimensions_note);
      number = ekv_number_format (r->waste_avoided_kg, 0);
      /* Translators: kilograms a year */
      return g_strdup_printf (_("%s kg a year"), number);

    case EKV_FEASIBILITY_RAW_MATERIAL_SAVED:
      if (isnan (r->raw_material_saved_t))
        return not_defined (r->dimensions_note);
      number = ekv_number_format (r->raw_material_saved_t, 2);
      /* Translators: tonnes a year */
      return g_strdup_printf (_("%s t a year"), number);

    case EKV_FEASIBILITY_N_FIGURES:
    default:
      g_assert_not_reached ();
    }
}

static GtkListBoxRow *
find_row (EkvFeasibilityPage *self,
          EkvRecord          *option,
          int                *index)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), i)); i++)
    if (g_object_get_data (G_OBJECT (row), "ekv-record") == option)
      {
        if (index != NULL)
          *index = i;
        return row;
      }

  return NULL;
}

static void
show_figures (EkvFeasibilityPage    *self,
              GtkWidget             *row,
              const EkvOptionResult *result)
{
  GtkWidget **labels = g_object_get_data (G_OBJECT (row), "ekv-figures");
  g_autofree char *saving = NULL;
  g_autofree char *payback = NULL;
  g_autofree char *npv = NULL;
  g_autofree char *subtitle = NULL;

  if (labels == NULL || result == NULL)
    return;

  for (guint i = 0; i < EKV_FEASIBILITY_N_FIGURES; i++)
    {
      const char *reason = NULL;
      g_autofree char *text = figure_text (self, result, i, &reason);
      GtkWidget *figure_row = gtk_widget_get_ancestor (labels[i], ADW_TYPE_ACTION_ROW);

      gtk_label_set_text (GTK_LABEL (labels[i]), text);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (figure_row), reason != NULL ? reason : "");
    }

  saving = figure_text (self, result, EKV_FEASIBILITY_ANNUAL_SAVING, NULL);
  payback = figure_text (self, result, EKV_FEASIBILITY_SIMPLE_PAYBACK, NULL);
  npv = figure_text (self, result, EKV_FEASIBILITY_NPV, NULL);
  /* Translators: an option's summary: annual saving, simple payback, net present value */
  subtitle = g_strdup_printf (_("Saving %s · payback %s · NPV %s"), saving, payback, npv);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
}

/* The stored figures of every option, from core. */
static void
recompute (EkvFeasibilityPage *self)
{
  GtkListBoxRow *row;

  g_clear_pointer (&self->results, ekv_options_free);
  self->results = ekv_options_compute (self->document, NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), i)); i++)
    {
      EkvRecord *option = g_object_get_data (G_OBJECT (row), "ekv-record");

      show_figures (self, GTK_WIDGET (row),
                    ekv_options_find (self->results,
                                      ekv_record_get_string (option, EKV_OPTION_ID)));
    }
}

/* What the option's figures become with FIELD at VALUE, the rest as stored:
 * results-format.md's formulas through ekv-finance.h, as ekv_options_compute()
 * applies them. */
static void
preview_result (EkvOptionResult *result,
                double           rate_pct,
                guint            field,
                double           value)
{
  EkvCashFlows flows;

  switch (field)
    {
    case EKV_OPTION_INVESTMENT: result->investment = value; break;
    case EKV_OPTION_LIFETIME: result->lifetime = value; break;
    case EKV_OPTION_SALVAGE: result->salvage = value; break;
    case EKV_OPTION_OM_COST: result->om_cost = value; break;
    case EKV_OPTION_OTHER_SAVINGS: result->other_savings = value; break;
    default: g_assert_not_reached ();
    }

  result->annual_saving = result->flow_saving + result->other_savings - result->om_cost;
  flows = (EkvCashFlows) { result->investment, result->annual_saving, result->lifetime,
                           rate_pct / 100.0, result->salvage };
  ekv_finance_compute (&flows, &result->finance);
  if (isnan (result->co2_avoided_t) || result->co2_avoided_t <= 0)
    return; /* as stored: nothing avoided, no cost per tonne */
  result->cost_per_t_co2 = (result->finance.eac - result->annual_saving) / result->co2_avoided_t;
  result->cost_per_t_co2_note = isnan (result->cost_per_t_co2) ? result->finance.eac_note : NULL;
}

/* }}} */
/* Rows {{{ */

static GtkWidget *option_row_new (EkvFeasibilityPage *self,
                                  EkvRecord          *option);

static GtkWidget *find_descendant (GtkWidget  *root,
                                   EkvRecord  *record,
                                   const char *key);

static void
rebuild_option_row (EkvFeasibilityPage *self,
                    EkvRecord          *option)
{
  GtkListBoxRow *row;
  gboolean expanded;
  GtkWidget *fresh;
  int index = 0;

  row = find_row (self, option, &index);
  if (row == NULL)
    return;

  expanded = adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row));
  gtk_list_box_remove (GTK_LIST_BOX (self->list_box), GTK_WIDGET (row));
  fresh = option_row_new (self, option);
  gtk_list_box_insert (GTK_LIST_BOX (self->list_box), fresh, index);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (fresh), expanded);
}

static gboolean
rebuild_stale_cb (gpointer data)
{
  EkvFeasibilityPage *self = data;
  g_autoptr(GPtrArray) stale = g_steal_pointer (&self->stale);
  g_autoptr(EkvRecord) focus_change = g_steal_pointer (&self->focus_change);

  self->rebuild_id = 0;
  for (guint i = 0; stale != NULL && i < stale->len; i++)
    rebuild_option_row (self, g_ptr_array_index (stale, i));

  /* A change just added: open its option and put the cursor in its value. */
  if (focus_change != NULL && ekv_record_get_parent (focus_change) != NULL)
    {
      GtkListBoxRow *row = find_row (self, ekv_record_get_parent (focus_change), NULL);
      GtkWidget *entry = row != NULL ? find_descendant (GTK_WIDGET (row), focus_change, NULL)
                                     : NULL;

      if (row != NULL)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      if (entry != NULL)
        gtk_widget_grab_focus (entry);
    }

  return G_SOURCE_REMOVE;
}

/* Makes OPTION's row again from an idle callback. */
static void
rebuild_later (EkvFeasibilityPage *self,
               EkvRecord          *option)
{
  if (self->stale == NULL)
    self->stale = g_ptr_array_new_with_free_func (g_object_unref);
  if (!g_ptr_array_find (self->stale, option, NULL))
    g_ptr_array_add (self->stale, g_object_ref (option));
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_stale_cb, self);
}

static void
input_changed_cb (EkvFieldRow        *input,
                  EkvFeasibilityPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (input), ADW_TYPE_EXPANDER_ROW);
  EkvRecord *option = ekv_field_row_get_record (input);
  guint field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (input), "ekv-field"));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (input));
  const EkvOptionResult *stored;
  EkvOptionResult preview;
  double value;

  if (row == NULL || option == NULL || self->results == NULL)
    return;
  stored = ekv_options_find (self->results, ekv_record_get_string (option, EKV_OPTION_ID));
  if (stored == NULL)
    return;

  if (text == NULL || *text == '\0')
    value = ekv_entity_get_field (EKV_ENTITY_OPTION, field)->default_value;
  else if (!ekv_number_parse (text, &value, NULL))
    return; /* not a number yet: the stored figures stay */

  preview = *stored;
  preview_result (&preview, self->results->discount_rate, field, value);
  show_figures (self, row, &preview);
}

static void
remove_change_clicked_cb (GtkButton          *button,
                          EkvFeasibilityPage *self)
{
  EkvRecord *change = g_object_get_data (G_OBJECT (button), "ekv-record");
  g_autoptr(GError) error = NULL;

  if (!ekv_document_remove (self->document, change, &error))
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

/* Switches a change between an absolute delta and a percentage, keeping what it means. */
static void
percent_toggled_cb (GtkToggleButton    *toggle,
                    EkvFeasibilityPage *self)
{
  EkvRecord *change = g_object_get_data (G_OBJECT (toggle), "ekv-record");
  EkvRecord *option = ekv_record_get_parent (change);
  EkvRecord *flow = ekv_document_find (self->document, EKV_ENTITY_FLOW,
                                       ekv_record_get_string (change, EKV_CHANGE_FLOW));
  gboolean percent = gtk_toggle_button_get_active (toggle);
  double quantity = flow != NULL ? ekv_record_get_double (flow, EKV_FLOW_QUANTITY) : 0;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  double converted;

  if (percent == ekv_record_is_set (change, EKV_CHANGE_DELTA_PCT))
    return;

  if (percent)
    converted = quantity > 0
                  ? 100.0 * ekv_record_get_double (change, EKV_CHANGE_DELTA) / quantity : 0;
  else
    converted = quantity * ekv_record_get_double (change, EKV_CHANGE_DELTA_PCT) / 100.0;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, converted);
  if (!ekv_document_begin (self->document, &error) ||
      !ekv_document_set_value (self->document, change,
                               percent ? EKV_CHANGE_DELTA : EKV_CHANGE_DELTA_PCT, NULL, &error) ||
      !ekv_document_set_value (self->document, change,
                               percent ? EKV_CHANGE_DELTA_PCT : EKV_CHANGE_DELTA, &value, &error) ||
      !ekv_document_commit (self->document, &error))
    {
      ekv_document_rollback (self->document);
      ekv_gui_toast (GTK_WIDGET (self), error->message);
    }

  rebuild_later (self, option);
}

static GtkWidget *
change_row_new (EkvFeasibilityPage *self,
                EkvRecord          *change)
{
  EkvRecord *flow = ekv_document_find (self->document, EKV_ENTITY_FLOW,
                                       ekv_record_get_string (change, EKV_CHANGE_FLOW));
  gboolean percent = !ekv_record_is_set (change, EKV_CHANGE_DELTA) &&
                     ekv_record_is_set (change, EKV_CHANGE_DELTA_PCT);
  gboolean editable = !ekv_document_is_read_only (self->document);
  GtkWidget *row = ekv_field_row_new (percent ? "delta-pct" : "delta");
  g_autofree char *title = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *unit_text = NULL;
  GtkWidget *toggle;
  GtkWidget *button;

  if (flow != NULL)
    {
      /* The flow's own name: with its unit operation's, the unit after it would
       * not fit the row. */
      title = g_strdup (ekv_record_get_string (flow, EKV_FLOW_NAME));
      unit = flow_unit_text (flow);
      quantity = ekv_number_format (ekv_record_get_double (flow, EKV_FLOW_QUANTITY), -1);
      if (percent)
        /* Translators: the unit of a change in percent: of the flow's quantity, e.g.
         * "% of 1,200 m³ per day" */
        unit_text = g_strdup_printf (_("%% of %s %s"), quantity, unit);
      else
        /* Translators: the unit of a change, then the flow's quantity now, e.g.
         * "m³ per day; now 1,200" */
        unit_text = g_strdup_printf (_("%s; now %s"), unit, quantity);
    }
  else
    title = g_strdup (ekv_record_get_string (change, EKV_CHANGE_FLOW));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  ekv_field_row_set_source (EKV_FIELD_ROW (row), self->document, change);
  if (unit_text != NULL)
    ekv_field_row_set_unit (EKV_FIELD_ROW (row), unit_text);
  /* No tooltip on the row: it takes the focus when added from the flow chooser,
   * and GTK 4.8 would then query a tooltip on the chooser's destroyed surface. */
  g_object_set_data_full (G_OBJECT (row), "ekv-record", g_object_ref (change), g_object_unref);

  toggle = gtk_toggle_button_new_with_label ("%");
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (toggle, "flat");
  gtk_widget_set_tooltip_text (toggle, _("Give the change in percent of the flow"));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), percent);
  gtk_widget_set_sensitive (toggle, editable);
  g_object_set_data (G_OBJECT (toggle), "ekv-record", change);
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (percent_toggled_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), toggle);

  button = ekv_gui_record_button_new ("user-trash-symbolic", _("Remove Change"), change, editable);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_change_clicked_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);

  return row;
}

static void
flow_activated_cb (GtkListBox         *list_box,
                   GtkListBoxRow      *flow_row,
                   EkvFeasibilityPage *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list_box), GTK_TYPE_POPOVER);
  EkvRecord *option = g_object_get_data (G_OBJECT (popover), "ekv-record");
  EkvRecord *flow = g_object_get_data (G_OBJECT (flow_row), "ekv-record");

  gtk_popover_popdown (GTK_POPOVER (popover));
  ekv_feasibility_page_add_change (self, option, flow, TRUE);   /* the row is made again later */
}

static gboolean
flow_filter (GtkListBoxRow *row,
             gpointer       user_data)
{
  GtkEditable *search = user_data;
  const char *text = gtk_editable_get_text (search);
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  haystack = g_utf8_casefold (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), -1);
  return strstr (haystack, needle) != NULL;
}

/* The flows to pick from, by unit and name, made each time the chooser opens. */
static void
flows_popover_show_cb (GtkPopover         *popover,
                       EkvFeasibilityPage *self)
{
  GListModel *units = ekv_document_get_list (self->document, EKV_ENTITY_UNIT_OPERATION);
  GListModel *flows = ekv_document_get_list (self->document, EKV_ENTITY_FLOW);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list_box = gtk_list_box_new ();
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list_box, "boxed-list");
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list_box), flow_filter, search, NULL);
  g_signal_connect_swapped (search, "search-changed", G_CALLBACK (gtk_list_box_invalidate_filter),
                            list_box);
  g_signal_connect_object (list_box, "row-activated", G_CALLBACK (flow_activated_cb), self, 0);

  /* In process order: each unit's flows (those it sends out, or receives from
   * outside), then flows of no unit. */
  for (guint u = 0; u <= g_list_model_get_n_items (units); u++)
    for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
      {
        g_autoptr(EkvRecord) flow = g_list_model_get_item (flows, i);
        g_autoptr(EkvRecord) unit = u < g_list_model_get_n_items (units)
                                      ? g_list_model_get_item (units, u) : NULL;
        const char *from = ekv_record_get_string (flow, EKV_FLOW_FROM);
        const char *home = from != NULL && *from != '\0'
                             ? from : ekv_record_get_string (flow, EKV_FLOW_TO);
        g_autofree char *title = NULL;
        g_autofree char *unit_text = NULL;
        g_autofree char *quantity = NULL;
        g_autofree char *subtitle = NULL;
        GtkWidget *row;

        if (g_hash_table_contains (shown, flow))
          continue;
        if (unit != NULL &&
            g_strcmp0 (home, ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID)) != 0)
          continue;
        g_hash_table_add (shown, flow);

        title = flow_title (self->document, flow);
        unit_text = flow_unit_text (flow);
        quantity = ekv_number_format (ekv_record_get_double (flow, EKV_FLOW_QUANTITY), -1);
        /* Translators: a flow's quantity and unit in the flow chooser, e.g. "1,200 m³ per day" */
        subtitle = g_strdup_printf (_("%s %s"), quantity, unit_text);
        row = adw_action_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        g_object_set_data_full (G_OBJECT (row), "ekv-record", g_object_ref (flow), g_object_unref);
        gtk_list_box_append (GTK_LIST_BOX (list_box), row);
      }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_set_size_request (scrolled, 380, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_box);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (popover, box);
  gtk_widget_grab_focus (search);
}

/* The usual parts of an investment (DOMAIN.md W17), offered when adding an item. */
static const char *item_suggestions[] = {
  N_("Equipment"),
  N_("Installation"),
  N_("Engineering and design"),
  N_("Permits"),
  N_("Training"),
  N_("Start-up"),
  N_("Contingency"),
};

static void
remove_item_clicked_cb (GtkButton          *button,
                        EkvFeasibilityPage *self)
{
  EkvRecord *item = g_object_get_data (G_OBJECT (button), "ekv-record");

  ekv_gui_remove_with_undo_full (GTK_WIDGET (self), self->document, item, _("Item removed"));
}

static GtkWidget *
item_row_new (EkvFeasibilityPage *self,
              EkvRecord          *item)
{
  GtkWidget *row = ekv_field_row_new ("amount");
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 ekv_record_get_string (item, EKV_INVESTMENT_ITEM_ITEM));
  ekv_field_row_set_source (EKV_FIELD_ROW (row), self->document, item);
  ekv_field_row_set_unit (EKV_FIELD_ROW (row), currency (self));
  gtk_widget_add_css_class (row, "ekv-investment-item");

  button = ekv_gui_record_button_new ("user-trash-symbolic", _("Remove Item"), item,
                                      !ekv_document_is_read_only (self->document));
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_item_clicked_cb), self, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  return row;
}

static void
add_item_from_popover (EkvFeasibilityPage *self,
                       GtkWidget          *popover,
                       const char         *name)
{
  EkvRecord *option = g_object_get_data (G_OBJECT (popover), "ekv-record");
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (*stripped == '\0')
    return;
  gtk_popover_popdown (GTK_POPOVER (popover));
  ekv_feasibility_page_add_item (self, option, stripped);
}

static void
item_entry_activate_cb (GtkEntry           *entry,
                        EkvFeasibilityPage *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);

  add_item_from_popover (self, popover, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
item_suggestion_clicked_cb (GtkButton          *button,
                            EkvFeasibilityPage *self)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  add_item_from_popover (self, popover, gtk_button_get_label (button));
}

/* "Add Item…": a name typed in, or one of the usual parts. */
static GtkWidget *
add_item_button_new (EkvFeasibilityPage *self,
                     EkvRecord          *option)
{
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();

  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("Add Item…"));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (menu_button, !ekv_document_is_read_only (self->document));

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Item, e.g. Heat exchanger"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("New investment item"), -1);
  g_signal_connect_object (entry, "activate", G_CALLBACK (item_entry_activate_cb), self, 0);
  gtk_box_append (GTK_BOX (box), entry);
  for (guint i = 0; i < G_N_ELEMENTS (item_suggestions); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(item_suggestions[i]));

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (button)), GTK_ALIGN_START);
      g_signal_connect_object (button, "clicked", G_CALLBACK (item_suggestion_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_object_set_data (G_OBJECT (popover), "ekv-record", option);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  return menu_button;
}

static void
changes_changed_cb (GtkWidget *row)
{
  EkvFeasibilityPage *self = g_object_get_data (G_OBJECT (row), "ekv-page");

  rebuild_later (self, g_object_get_data (G_OBJECT (row), "ekv-record"));
}

static GtkWidget *
option_row_new (EkvFeasibilityPage *self,
                EkvRecord          *option)
{
  gboolean editable = !ekv_document_is_read_only (self->document);
  GListModel *changes = ekv_record_get_children (option, EKV_ENTITY_CHANGE);
  GListModel *items = ekv_record_get_children (option, EKV_ENTITY_INVESTMENT_ITEM);
  GtkWidget **labels = g_new0 (GtkWidget *, EKV_FEASIBILITY_N_FIGURES);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *add_row;
  GtkWidget *menu_button;
  GtkWidget *popover;

  ekv_gui_bind_option_title (option, row);
  g_object_set_data (G_OBJECT (row), "ekv-page", self);
  g_object_set_data_full (G_OBJECT (row), "ekv-record", g_object_ref (option), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "ekv-figures", labels, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      GtkWidget *input = ekv_field_row_new (inputs[i].key);
      g_autofree char *unit = NULL;

      ekv_field_row_set_source (EKV_FIELD_ROW (input), self->document, option);
      if (inputs[i].money && inputs[i].per_year)
        /* Translators: the unit of an amount per year, e.g. "TRY a year" */
        unit = g_strdup_printf (_("%s a year"), currency (self));
      else if (inputs[i].money)
        unit = g_strdup (currency (self));
      /* The lifetime's label says its unit already. */
      if (unit != NULL)
        ekv_field_row_set_unit (EKV_FIELD_ROW (input), unit);
      g_object_set_data (G_OBJECT (input), "ekv-field", GUINT_TO_POINTER (inputs[i].field));
      g_signal_connect_object (input, "changed", G_CALLBACK (input_changed_cb), self,
                               G_CONNECT_AFTER);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), input);

      /* The items the investment is made of, right under it; while there are
       * some, the investment is their sum and is not typed in. */
      if (inputs[i].field == EKV_OPTION_INVESTMENT)
        {
          GtkWidget *items_row = adw_action_row_new ();

          if (g_list_model_get_n_items (items) > 0)
            {
              /* Translators: the unit of an investment made of items, e.g. "TRY, the sum of the items" */
              g_autofree char *sum_unit = g_strdup_printf (_("%s, the sum of the items"),
                                                           currency (self));

              ekv_field_row_set_unit (EKV_FIELD_ROW (input), sum_unit);
              gtk_editable_set_editable (GTK_EDITABLE (input), FALSE);
            }
          for (guint j = 0; j < g_list_model_get_n_items (items); j++)
            {
              g_autoptr(EkvRecord) item = g_list_model_get_item (items, j);
              adw_expander_row_add_row (ADW_EXPANDER_ROW (row), item_row_new (self, item));
            }
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (items_row), _("Investment items"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (items_row),
                                       g_list_model_get_n_items (items) == 0
                                         ? _("Build the investment up from its parts: equipment, "
                                             "installation, engineering, …")
                                         : _("Another part of the investment"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (items_row), add_item_button_new (self, option));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), items_row);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr(EkvRecord) change = g_list_model_get_item (changes, i);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), change_row_new (self, change));
    }

  add_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("Changes to flows"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (add_row),
                               g_list_model_get_n_items (changes) == 0
                                 ? _("What the option changes in the inventory: pick a flow, "
                                     "then give the change in its unit or in percent; negative "
                                     "means less")
                                 : _("Pick another flow the option changes; negative changes mean "
                                     "less"));
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("Add Change…"));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (menu_button, editable);
  popover = gtk_popover_new ();
  g_object_set_data (G_OBJECT (popover), "ekv-record", option);
  g_signal_connect_object (popover, "show", G_CALLBACK (flows_popover_show_cb), self, 0);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), menu_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), add_row);

  for (guint i = 0; i < EKV_FEASIBILITY_N_FIGURES; i++)
    {
      GtkWidget *figure_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (figure_row), _(figure_titles[i]));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (figure_row), FALSE);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (figure_row), 0);
      labels[i] = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (labels[i]), 1);
      gtk_label_set_selectable (GTK_LABEL (labels[i]), TRUE);
      gtk_widget_add_css_class (labels[i], "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (figure_row), labels[i]);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), figure_row);
    }

  g_signal_connect_object (changes, "items-changed", G_CALLBACK (changes_changed_cb), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (items, "items-changed", G_CALLBACK (changes_changed_cb), row,
                           G_CONNECT_SWAPPED);

  if (self->results != NULL)
    show_figures (self, row,
                  ekv_options_find (self->results, ekv_record_get_string (option, EKV_OPTION_ID)));

  return row;
}

static void
options_changed_cb (EkvFeasibilityPage *self,
                    guint               position,
                    guint               removed,
                    guint               added,
                    GListModel         *options)
{
  GtkListBox *list_box = GTK_LIST_BOX (self->list_box);

  /* The results know the new options before their rows ask. */
  g_clear_pointer (&self->results, ekv_options_free);
  self->results = ekv_options_compute (self->document, NULL);

  for (guint i = 0; i < removed; i++)
    gtk_list_box_remove (list_box, GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, position)));
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, position + i);
      gtk_list_box_insert (list_box, option_row_new (self, option), position + i);
    }
}

/* Units carry the currency: every row again. */
static void
currency_changed_cb (EkvFeasibilityPage *self)
{
  GListModel *options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);
  guint n = g_list_model_get_n_items (options);

  options_changed_cb (self, 0, n, n, options);
}

/* }}} */
/* GObject {{{ */

static void
ekv_feasibility_page_dispose (GObject *object)
{
  EkvFeasibilityPage *self = EKV_FEASIBILITY_PAGE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->stale, g_ptr_array_unref);
  g_clear_object (&self->focus_change);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->document);
  g_clear_pointer (&self->results, ekv_options_free);

  G_OBJECT_CLASS (ekv_feasibility_page_parent_class)->dispose (object);
}

static void
ekv_feasibility_page_class_init (EkvFeasibilityPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ekv_feasibility_page_dispose;
}

static void
ekv_feasibility_page_init (EkvFeasibilityPage *self)
{
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_feasibility_page_new (EkvDocument *document)
{
  EkvFeasibilityPage *self;
  EkvRecord *finance;
  GtkWidget *page;
  GtkWidget *group;
  GtkWidget *row;
  GtkWidget *placeholder;
  GListModel *options;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_FEASIBILITY_PAGE, NULL);
  self->document = g_object_ref (document);
  finance = ekv_document_get_finance (document);

  page = adw_preferences_page_new ();
  adw_bin_set_child (ADW_BIN (self), page);

  group = self->finance_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Finance Settings"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Used for every option. State cash flows and the discount rate on one basis: real "
      "(without inflation) with a real rate, or nominal with a nominal rate."));
  row = ekv_field_row_new ("currency");
  ekv_field_row_set_source (EKV_FIELD_ROW (row), document, finance);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = ekv_field_row_new ("discount-rate");
  ekv_field_row_set_source (EKV_FIELD_ROW (row), document, finance);
  /* Translators: the unit of the discount rate. xgettext:no-c-format */
  ekv_field_row_set_unit (EKV_FIELD_ROW (row), _("% a year"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = ekv_gui_enum_row_new (finance, "basis", EKV_TYPE_FINANCE_BASIS, _("Basis"));
  gtk_widget_set_sensitive (row, !ekv_document_is_read_only (document));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Options"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("For each option: what it costs, what it changes in the inventory, and what that "
      "is worth. The saving of a change is the flow's price times the quantity saved a year."));
  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  placeholder = gtk_label_new (_("No options yet: add them under Causes and options"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list_box), placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->list_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  options = ekv_document_get_list (document, EKV_ENTITY_OPTION);
  g_signal_connect_object (options, "items-changed", G_CALLBACK (options_changed_cb), self,
                           G_CONNECT_SWAPPED);
  options_changed_cb (self, 0, 0, g_list_model_get_n_items (options), options);

  g_signal_connect_object (document, "changed", G_CALLBACK (recompute), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (finance, "notify::currency", G_CALLBACK (currency_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

GtkWidget *
ekv_feasibility_page_get_row (EkvFeasibilityPage *self,
                              EkvRecord          *option)
{
  g_return_val_if_fail (EKV_IS_FEASIBILITY_PAGE (self), NULL);

  return GTK_WIDGET (find_row (self, option, NULL));
}

const char *
ekv_feasibility_page_get_figure (EkvFeasibilityPage   *self,
                                 EkvRecord            *option,
                                 EkvFeasibilityFigure  figure)
{
  GtkListBoxRow *row;
  GtkWidget **labels;

  g_return_val_if_fail (EKV_IS_FEASIBILITY_PAGE (self), NULL);
  g_return_val_if_fail (figure < EKV_FEASIBILITY_N_FIGURES, NULL);

  row = find_row (self, option, NULL);
  labels = row != NULL ? g_object_get_data (G_OBJECT (row), "ekv-figures") : NULL;
  return labels != NULL ? gtk_label_get_text (GTK_LABEL (labels[figure])) : NULL;
}

static GtkWidget *
find_descendant (GtkWidget  *root,
                 EkvRecord  *record,
                 const char *key)
{
  if (EKV_IS_FIELD_ROW (root) && ekv_field_row_get_record (EKV_FIELD_ROW (root)) == record &&
      (key == NULL || g_strcmp0 (ekv_field_row_get_key (EKV_FIELD_ROW (root)), key) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, record, key);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
ekv_feasibility_page_get_field_row (EkvFeasibilityPage *self,
                                    EkvRecord          *option,
                                    const char         *key)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (EKV_IS_FEASIBILITY_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (option == NULL)
    return find_descendant (self->finance_group, ekv_document_get_finance (self->document), key);

  row = find_row (self, option, NULL);
  return row != NULL ? find_descendant (GTK_WIDGET (row), option, key) : NULL;
}

EkvRecord *
ekv_feasibility_page_add_change (EkvFeasibilityPage *self,
                                 EkvRecord          *option,
                                 EkvRecord          *flow,
                                 gboolean            percent)
{
  g_autoptr(EkvRecord) change = ekv_record_new (EKV_ENTITY_CHANGE);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EKV_IS_FEASIBILITY_PAGE (self), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (option), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (flow), NULL);

  ekv_record_set_string (change, EKV_CHANGE_FLOW, ekv_record_get_string (flow, EKV_FLOW_ID));
  ekv_record_set_double (change, percent ? EKV_CHANGE_DELTA_PCT : EKV_CHANGE_DELTA, 0);
  if (!ekv_document_insert (self->document, change, option, -1, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return NULL;
    }

  /* The option stays open, its new change ready to be typed in (once its row
   * is made again). */
  rebuild_later (self, option);
  g_set_object (&self->focus_change, change);

  return change; /* the option holds it */
}

EkvRecord *
ekv_feasibility_page_add_item (EkvFeasibilityPage *self,
                               EkvRecord          *option,
                               const char         *name)
{
  g_autoptr(EkvRecord) item = ekv_record_new (EKV_ENTITY_INVESTMENT_ITEM);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EKV_IS_FEASIBILITY_PAGE (self), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (option), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* The first item starts at the investment typed in so far: nothing changes
   * until the auditor splits it up. */
  ekv_record_set_string (item, EKV_INVESTMENT_ITEM_ITEM, name);
  ekv_record_set_double (item, EKV_INVESTMENT_ITEM_AMOUNT,
                         ekv_investment_has_items (option)
                           ? 0 : ekv_record_get_double (option, EKV_OPTION_INVESTMENT));
  if (!ekv_document_insert (self->document, item, option, -1, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return NULL;
    }
  rebuild_later (self, option);
  g_set_object (&self->focus_change, item);
  return item;   /* the option holds it */
}

GtkWidget *
ekv_feasibility_page_get_change_row (EkvFeasibilityPage *self,
                                     EkvRecord          *change)
{
  EkvRecord *option;
  GtkListBoxRow *row;

  g_return_val_if_fail (EKV_IS_FEASIBILITY_PAGE (self), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (change), NULL);

  option = ekv_record_get_parent (change);
  row = option != NULL ? find_row (self, option, NULL) : NULL;
  return row != NULL ? find_descendant (GTK_WIDGET (row), change, NULL) : NULL;
}

/* }}} */
