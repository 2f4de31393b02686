/* ekv-bills-page.c: the monthly energy and water bills of the reference period (phase II)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * One group per carrier the audit has bills for (and any the user adds), each with
 * the months of the company's reference period (by default the calendar year of
 * the first bill). A month with a bill is an expander of its quantity, unit and
 * cost; a month without one has an Add button that creates it. The group's
 * description gives the totals and the average price, and a bar chart shows the
 * months; both follow every edit of the bills.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "ekv-bills-page.h"
#include "ekv-bills.h"
#include "ekv-enums.h"
#include "ekv-gui-util.h"
#include "ekv-labels.h"
#include "ekv-units.h"
#include "ekv-util.h"

#define MAX_MONTHS 24

typedef struct
{
  EkvCarrier           carrier;
  AdwPreferencesGroup *group;       /* owned by the page */
  EkvMonthChart       *chart;
  GtkWidget           *rows[MAX_MONTHS];
  EkvRecord           *bills[MAX_MONTHS]; /* the document holds them */

  /* What the group shows */
  EkvBillTotals        totals;
  char                *text;
} Section;

struct _EkvBillsPage
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *period_group;
  AdwComboRow         *add_row;

  /* Owned references */
  EkvDocument        *document;
  GPtrArray          *sections;      /* Section */
  GArray             *extra;         /* EkvCarrier the user added, without bills yet */
  GArray             *add_carriers;  /* EkvCarrier, parallel to add_row's model */
  guint               rebuild_id;

  /* The reference period */
  int                 first_year;
  int                 first_month;   /* 1–12 */
  guint               n_months;
};

G_DEFINE_FINAL_TYPE (EkvBillsPage, ekv_bills_page, ADW_TYPE_PREFERENCES_PAGE)

static void rebuild (EkvBillsPage *self);

/* Helpers {{{ */

static void
section_free (gpointer data)
{
  Section *section = data;

  g_free (section->text);
  g_free (section);
}

static Section *
find_section (EkvBillsPage *self,
              EkvCarrier    carrier)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      if (section->carrier == carrier)
        return section;
    }

  return NULL;
}

static gboolean parse_month (const char *text,
                             int        *year,
                             int        *month);

/* How many bills are for a month outside the period (or none that can be read). */
static guint
count_outside (EkvBillsPage *self)
{
  GListModel *bills = ekv_document_get_list (self->document, EKV_ENTITY_BILL);
  int first = self->first_year * 12 + self->first_month;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (bills); i++)
    {
      g_autoptr(EkvRecord) bill = g_list_model_get_item (bills, i);
      int year, month;

      if (!parse_month (ekv_record_get_string (bill, EKV_BILL_MONTH), &year, &month) ||
          year * 12 + month < first || year * 12 + month >= first + (int) self->n_months)
        n++;
    }

  return n;
}

/* "2025-03" for month I of the period */
static char *
month_key (EkvBillsPage *self,
           guint         i)
{
  int month0 = self->first_month - 1 + (int) i;

  return g_strdup_printf ("%04d-%02d", self->first_year + month0 / 12, month0 % 12 + 1);
}

static char *
month_title (EkvBillsPage *self,
             guint         i)
{
  int month0 = self->first_month - 1 + (int) i;
  g_autoptr(GDateTime) date = g_date_time_new_local (self->first_year + month0 / 12,
                                                     month0 % 12 + 1, 1, 0, 0, 0);

  /* Translators: a month of the reference period as a strftime format, e.g. "March 2025" */
  return date != NULL ? g_date_time_format (date, _("%B %Y")) : month_key (self, i);
}

static gboolean
parse_month (const char *text,
             int        *year,
             int        *month)
{
  if (text == NULL || sscanf (text, "%4d-%2d", year, month) != 2)
    return FALSE;
  return *month >= 1 && *month <= 12;
}

/* The company's reference period, or the calendar year of the first bill. */
static void
find_period (EkvBillsPage *self)
{
  EkvRecord *company = ekv_document_get_company (self->document);
  GListModel *bills = ekv_document_get_list (self->document, EKV_ENTITY_BILL);
  int start_year, start_month, end_year, end_month;

  if (ekv_record_is_set (company, EKV_COMPANY_REFERENCE_START) &&
      parse_month (ekv_record_get_string (company, EKV_COMPANY_REFERENCE_START),
                   &start_year, &start_month))
    {
      int n = 12;

      if (ekv_record_is_set (company, EKV_COMPANY_REFERENCE_END) &&
          parse_month (ekv_record_get_string (company, EKV_COMPANY_REFERENCE_END),
                       &end_year, &end_month))
        n = (end_year * 12 + end_month) - (start_year * 12 + start_month) + 1;

      self->first_year = start_year;
      self->first_month = start_month;
      self->n_months = CLAMP (n, 1, MAX_MONTHS);
      return;
    }

  self->first_month = 1;
  self->n_months = 12;
  if (g_list_model_get_n_items (bills) > 0)
    {
      g_autoptr(EkvRecord) bill = g_list_model_get_item (bills, 0);
      int month;

      if (parse_month (ekv_record_get_string (bill, EKV_BILL_MONTH), &self->first_year, &month))
        return;
    }

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    self->first_year = g_date_time_get_year (now);
  }
}

/* The unit a new bill of CARRIER gets when the carrier has no bill yet. */
static EkvQuantityUnit
default_unit (EkvCarrier carrier)
{
  switch (carrier)
    {
    case EKV_CARRIER_NATURAL_GAS:
      return EKV_QUANTITY_UNIT_SM3;
    case EKV_CARRIER_WATER:
    case EKV_CARRIER_WASTEWATER:
    case EKV_CARRIER_HOT_WATER:
      return EKV_QUANTITY_UNIT_M3;
    case EKV_CARRIER_DIESEL:
      return EKV_QUANTITY_UNIT_L;
    case EKV_CARRIER_FUEL_OIL:
    case EKV_CARRIER_LPG:
      return EKV_QUANTITY_UNIT_KG;
    case EKV_CARRIER_COAL:
    case EKV_CARRIER_LIGNITE:
    case EKV_CARRIER_POMACE:
    case EKV_CARRIER_STEAM:
      return EKV_QUANTITY_UNIT_T;
    case EKV_CARRIER_COMPRESSED_AIR:
      return EKV_QUANTITY_UNIT_NM3;
    case EKV_CARRIER_ELECTRICITY:
    case EKV_CARRIER_THERMAL_OIL:
    case EKV_CARRIER_OTHER:
    default:
      return EKV_QUANTITY_UNIT_KWH;
    }
}

/* A sum for people: whole units above 100, otherwise up to two decimals. */
static char *
format_amount (double value)
{
  if (fabs (value) >= 100)
    return ekv_number_format (value, 0);
  return ekv_number_format (round (value * 100) / 100, -1);
}

static const char *
currency (EkvBillsPage *self)
{
  return ekv_record_get_string (ekv_document_get_finance (self->document), EKV_FINANCE_CURRENCY);
}

static char *
bill_summary (EkvBillsPage *self,
              EkvRecord    *bill)
{
  g_autofree char *quantity = ekv_number_format (ekv_record_get_double (bill, EKV_BILL_QUANTITY), -1);
  const char *unit = ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT,
                                         ekv_record_get_enum (bill, EKV_BILL_UNIT));
  g_autofree char *cost = NULL;

  if (!ekv_record_is_set (bill, EKV_BILL_COST))
    /* Translators: a month's bill without a cost: quantity and unit, e.g. "375,900 kWh" */
    return g_strdup_printf (_("%s %s"), quantity, unit);

  cost = ekv_number_format (ekv_record_get_double (bill, EKV_BILL_COST), -1);
  /* Translators: a month's bill: quantity, unit, cost, currency, e.g. "375,900 kWh · 1,146,495 TRY" */
  return g_strdup_printf (_("%s %s · %s %s"), quantity, unit, cost, currency (self));
}

/* Totals, text, chart and month subtitles of SECTION from its bills as they are now. */
static void
update_section (EkvBillsPage *self,
                Section      *section)
{
  double values[MAX_MONTHS];
  g_autofree char *quantity = NULL;
  const char *unit_label;
  double price;

  ekv_bill_totals_init (&section->totals, default_unit (section->carrier));

  for (guint i = 0; i < self->n_months; i++)
    {
      EkvRecord *bill = section->bills[i];

      values[i] = NAN;
      if (bill == NULL)
        continue;

      values[i] = ekv_bill_totals_add (&section->totals, bill);

      if (ADW_IS_EXPANDER_ROW (section->rows[i]))
        {
          g_autofree char *summary = bill_summary (self, bill);
          GtkWidget *quantity_row = g_object_get_data (G_OBJECT (section->rows[i]), "ekv-quantity-row");

          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (section->rows[i]), summary);
          ekv_field_row_set_unit (EKV_FIELD_ROW (quantity_row),
                                  ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT,
                                                      ekv_record_get_enum (bill, EKV_BILL_UNIT)));
        }
    }

  ekv_month_chart_set_values (section->chart, values, self->n_months,
                              self->first_year, self->first_month);

  g_clear_pointer (&section->text, g_free);
  unit_label = ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT, section->totals.unit);
  quantity = format_amount (section->totals.quantity);
  price = ekv_bill_totals_average_price (&section->totals);
  if (section->totals.n_bills == 0)
    section->text = g_strdup (_("No bills yet: add the months below."));
  else if (isnan (price))
    /* Translators: the totals of a carrier's bills over the reference period: months
     * with a bill, months of the period, quantity and unit, e.g. "12 of 12 months: 4,512,000 kWh" */
    section->text = g_strdup_printf (ngettext ("%u of %u month: %s %s", "%u of %u months: %s %s",
                                               self->n_months),
                                     section->totals.n_bills, self->n_months, quantity, unit_label);
  else
    {
      g_autofree char *cost = format_amount (section->totals.cost);
      g_autofree char *average = ekv_number_format (price, price < 0.1 ? 4 : 2);

      /* Translators: the totals of a carrier's bills over the reference period: months
       * with a bill, months of the period, quantity and unit, cost and currency, then the
       * average price, e.g. "12 of 12 months: 4,512,000 kWh · 13,761,600 TRY · 3.05 TRY/kWh on average" */
      section->text = g_strdup_printf (ngettext ("%u of %u month: %s %s · %s %s · %s %s/%s on average",
                                                 "%u of %u months: %s %s · %s %s · %s %s/%s on average",
                                                 self->n_months),
                                       section->totals.n_bills, self->n_months, quantity, unit_label,
                                       cost, currency (self), average, currency (self), unit_label);
    }
  if (section->totals.mixed_units)
    {
      /* Translators: after a carrier's totals when some bills are in a unit that
       * cannot be converted to the first bill's (e.g. kWh and m³) */
      g_autofree char *text = g_strconcat (section->text, " ",
                                           _("(bills in other units are left out)"), NULL);

      g_free (section->text);
      section->text = g_steal_pointer (&text);
    }

  adw_preferences_group_set_description (section->group, section->text);
}

static void
update_all (EkvBillsPage *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    update_section (self, g_ptr_array_index (self->sections, i));
}

static gboolean
rebuild_cb (gpointer user_data)
{
  EkvBillsPage *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (EkvBillsPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

/* }}} */
/* Callbacks {{{ */

static void
bill_notify_cb (EkvBillsPage *self,
                GParamSpec   *pspec,
                EkvRecord    *bill)
{
  /* A bill that moves to another carrier or month moves to another row. */
  if (g_strcmp0 (pspec->name, "carrier") == 0 || g_strcmp0 (pspec->name, "month") == 0)
    queue_rebuild (self);
  else
    update_all (self);
}

static void
watch_bills (EkvBillsPage *self,
             GListModel   *bills,
             guint         position,
             guint         n)
{
  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(EkvRecord) bill = g_list_model_get_item (bills, i);

      g_signal_handlers_disconnect_by_func (bill, bill_notify_cb, self);
      g_signal_connect_object (bill, "notify", G_CALLBACK (bill_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
bills_changed_cb (EkvBillsPage *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *bills)
{
  watch_bills (self, bills, position, added);
  rebuild (self);
}

static void
company_notify_cb (EkvBillsPage *self,
                   GParamSpec   *pspec)
{
  if (g_str_has_prefix (pspec->name, "reference-"))
    queue_rebuild (self);
}

static void
add_month_clicked_cb (GtkButton    *button,
                      EkvBillsPage *self)
{
  g_autoptr(GError) error = NULL;
  EkvCarrier carrier = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "ekv-carrier"));
  guint month = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ekv-month"));
  EkvRecord *bill = ekv_bills_page_add_month (self, carrier, month, &error);
  Section *section;

  if (bill == NULL)
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return;
    }

  /* The new month opens on its quantity. */
  section = find_section (self, carrier);
  if (section != NULL && month < self->n_months && ADW_IS_EXPANDER_ROW (section->rows[month]))
    {
      GtkWidget *row = section->rows[month];

      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "ekv-quantity-row"));
    }
}

static void
remove_month_clicked_cb (GtkButton    *button,
                         EkvBillsPage *self)
{
  EkvCarrier carrier = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "ekv-carrier"));
  guint month = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ekv-month"));
  Section *section;

  ekv_bills_page_remove_month (self, carrier, month);

  /* The month is a row with an Add button again: the focus goes there rather
   * than to the top of the window. */
  section = find_section (self, carrier);
  if (section != NULL && month < self->n_months && !ADW_IS_EXPANDER_ROW (section->rows[month]))
    gtk_widget_child_focus (section->rows[month], GTK_DIR_TAB_FORWARD);
}

static void
add_clicked_cb (EkvBillsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->add_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->add_carriers->len)
    return;
  ekv_bills_page_add_carrier (self, g_array_index (self->add_carriers, EkvCarrier, selected));
}

/* }}} */
/* Building {{{ */

static GtkWidget *
month_row_new (EkvBillsPage *self,
               Section      *section,
               guint         i)
{
  g_autofree char *title = month_title (self, i);
  EkvRecord *bill = section->bills[i];
  GtkWidget *row;

  if (bill == NULL)
    {
      GtkWidget *button = gtk_button_new_with_label (C_("add a month's bill", "Add"));

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("No bill"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "ekv-carrier", GINT_TO_POINTER (section->carrier));
      g_object_set_data (G_OBJECT (button), "ekv-month", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (add_month_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else
    {
      GtkWidget *quantity = ekv_field_row_new ("quantity");
      GtkWidget *cost = ekv_field_row_new ("cost");

      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

      /* Deleting a month's bill is one click, with Undo. */
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Delete This Month’s Bill"));
      gtk_widget_set_sensitive (remove, !ekv_document_is_read_only (self->document));
      g_object_set_data (G_OBJECT (remove), "ekv-carrier", GINT_TO_POINTER (section->carrier));
      g_object_set_data (G_OBJECT (remove), "ekv-month", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_month_clicked_cb), self);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
      g_object_set_data (G_OBJECT (row), "ekv-remove-button", remove);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (quantity), _("Quantity"));
      ekv_field_row_set_source (EKV_FIELD_ROW (quantity), self->document, bill);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), quantity);
      g_object_set_data (G_OBJECT (row), "ekv-quantity-row", quantity);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                ekv_gui_enum_row_new (bill, "unit", EKV_TYPE_QUANTITY_UNIT,
                                                      _("Unit")));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cost), _("Cost"));
      ekv_field_row_set_source (EKV_FIELD_ROW (cost), self->document, bill);
      ekv_field_row_set_unit (EKV_FIELD_ROW (cost), currency (self));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), cost);
      g_object_set_data (G_OBJECT (row), "ekv-cost-row", cost);
    }

  return row;
}

static void
add_section (EkvBillsPage *self,
             EkvCarrier    carrier)
{
  GListModel *bills = ekv_document_get_list (self->document, EKV_ENTITY_BILL);
  Section *section = g_new0 (Section, 1);
  GtkWidget *chart, *chart_row;

  section->carrier = carrier;
  section->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (section->group,
                                   ekv_enum_get_label (EKV_TYPE_CARRIER, carrier));

  for (guint i = 0; i < g_list_model_get_n_items (bills); i++)
    {
      g_autoptr(EkvRecord) bill = g_list_model_get_item (bills, i);
      int year, month, index;

      if ((EkvCarrier) ekv_record_get_enum (bill, EKV_BILL_CARRIER) != carrier ||
          !parse_month (ekv_record_get_string (bill, EKV_BILL_MONTH), &year, &month))
        continue;
      index = (year * 12 + month) - (self->first_year * 12 + self->first_month);
      /* Two bills of one month: the first is shown. */
      if (index >= 0 && index < (int) self->n_months && section->bills[index] == NULL)
        section->bills[index] = bill;
    }

  /* The chart heads the months, in a row of the group's card of its own. */
  chart = ekv_month_chart_new ();
  section->chart = EKV_MONTH_CHART (chart);
  gtk_widget_set_margin_top (chart, 12);
  gtk_widget_set_margin_bottom (chart, 6);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  chart_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (chart_row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (chart_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (chart_row), chart);
  adw_preferences_group_add (section->group, chart_row);

  for (guint i = 0; i < self->n_months; i++)
    {
      section->rows[i] = month_row_new (self, section, i);
      adw_preferences_group_add (section->group, section->rows[i]);
    }

  g_ptr_array_add (self->sections, section);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), section->group);
  update_section (self, section);
}

static void
rebuild (EkvBillsPage *self)
{
  GListModel *bills = ekv_document_get_list (self->document, EKV_ENTITY_BILL);
  gboolean present[EKV_CARRIER_WASTEWATER + 1] = { FALSE, };
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), section->group);
    }
  g_ptr_array_set_size (self->sections, 0);

  find_period (self);
  first = month_title (self, 0);
  last = month_title (self, self->n_months - 1);
  {
    /* Translators: the first and last months of the reference period, e.g.
     * "Monthly consumption and cost, January 2025 to December 2025" */
    g_autofree char *description = g_strdup_printf (_("Monthly consumption and cost, %s to %s"),
                                                    first, last);
    guint n_outside = count_outside (self);

    if (n_outside > 0)
      {
        g_autofree char *outside = NULL;
        char *both;

        /* Translators: under the reference period when some bills are for other months */
        outside = g_strdup_printf (ngettext ("%u bill is for a month outside this period and is not shown.",
                                             "%u bills are for months outside this period and are not shown.",
                                             n_outside),
                                   n_outside);
        both = g_strconcat (description, "\n", outside, NULL);

        g_free (description);
        description = both;
      }
    adw_preferences_group_set_description (self->period_group, description);
  }

  for (guint i = 0; i < g_list_model_get_n_items (bills); i++)
    {
      g_autoptr(EkvRecord) bill = g_list_model_get_item (bills, i);
      int carrier = ekv_record_get_enum (bill, EKV_BILL_CARRIER);

      if (carrier >= 0 && carrier <= EKV_CARRIER_WASTEWATER)
        present[carrier] = TRUE;
    }
  for (guint i = 0; i < self->extra->len; i++)
    present[g_array_index (self->extra, EkvCarrier, i)] = TRUE;

  g_array_set_size (self->add_carriers, 0);
  for (int carrier = 0; carrier <= EKV_CARRIER_WASTEWATER; carrier++)
    if (present[carrier])
      add_section (self, carrier);
    else
      {
        gtk_string_list_append (choices, ekv_enum_get_label (EKV_TYPE_CARRIER, carrier));
        g_array_append_val (self->add_carriers, carrier);
      }

  adw_combo_row_set_model (self->add_row, G_LIST_MODEL (choices));
  gtk_widget_set_visible (GTK_WIDGET (self->add_row), self->add_carriers->len > 0);
}

/* }}} */
/* GObject {{{ */

static void
ekv_bills_page_dispose (GObject *object)
{
  EkvBillsPage *self = EKV_BILLS_PAGE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), EKV_TYPE_BILLS_PAGE);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_bills_page_parent_class)->dispose (object);
}

static void
ekv_bills_page_finalize (GObject *object)
{
  EkvBillsPage *self = EKV_BILLS_PAGE (object);

  g_clear_pointer (&self->extra, g_array_unref);
  g_clear_pointer (&self->add_carriers, g_array_unref);

  G_OBJECT_CLASS (ekv_bills_page_parent_class)->finalize (object);
}

static void
ekv_bills_page_class_init (EkvBillsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_bills_page_dispose;
  object_class->finalize = ekv_bills_page_finalize;

  g_type_ensure (EKV_TYPE_MONTH_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-bills-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkvBillsPage, period_group);
  gtk_widget_class_bind_template_child (widget_class, EkvBillsPage, add_row);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
ekv_bills_page_init (EkvBillsPage *self)
{
  self->sections = g_ptr_array_new_with_free_func (section_free);
  self->extra = g_array_new (FALSE, FALSE, sizeof (EkvCarrier));
  self->add_carriers = g_array_new (FALSE, FALSE, sizeof (EkvCarrier));

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_bills_page_new (EkvDocument *document)
{
  EkvBillsPage *self;
  GListModel *bills;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_BILLS_PAGE, NULL);
  self->document = g_object_ref (document);

  bills = ekv_document_get_list (document, EKV_ENTITY_BILL);
  g_signal_connect_object (bills, "items-changed", G_CALLBACK (bills_changed_cb), self,
                           G_CONNECT_SWAPPED);
  watch_bills (self, bills, 0, g_list_model_get_n_items (bills));
  g_signal_connect_object (ekv_document_get_company (document), "notify",
                           G_CALLBACK (company_notify_cb), self, G_CONNECT_SWAPPED);
  /* The currency shows in every cost. */
  g_signal_connect_object (ekv_document_get_finance (document), "notify::currency",
                           G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);

  rebuild (self);

  return GTK_WIDGET (self);
}

guint
ekv_bills_page_get_n_months (EkvBillsPage *self,
                             EkvCarrier    carrier)
{
  g_return_val_if_fail (EKV_IS_BILLS_PAGE (self), 0);

  return find_section (self, carrier) != NULL ? self->n_months : 0;
}

gboolean
ekv_bills_page_get_totals (EkvBillsPage    *self,
                           EkvCarrier       carrier,
                           double          *quantity,
                           EkvQuantityUnit *unit,
                           double          *cost,
                           char           **text)
{
  Section *section;

  g_return_val_if_fail (EKV_IS_BILLS_PAGE (self), FALSE);

  section = find_section (self, carrier);
  if (section == NULL)
    return FALSE;

  if (quantity != NULL)
    *quantity = section->totals.quantity;
  if (unit != NULL)
    *unit = section->totals.unit;
  if (cost != NULL)
    *cost = section->totals.cost;
  if (text != NULL)
    *text = g_strdup (adw_preferences_group_get_description (section->group));
  return TRUE;
}

EkvFieldRow *
ekv_bills_page_get_field_row (EkvBillsPage *self,
                              EkvCarrier    carrier,
                              guint         month,
                              const char   *key)
{
  Section *section;

  g_return_val_if_fail (EKV_IS_BILLS_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  section = find_section (self, carrier);
  if (section == NULL || month >= self->n_months || !ADW_IS_EXPANDER_ROW (section->rows[month]))
    return NULL;

  if (g_strcmp0 (key, "quantity") == 0)
    return g_object_get_data (G_OBJECT (section->rows[month]), "ekv-quantity-row");
  if (g_strcmp0 (key, "cost") == 0)
    return g_object_get_data (G_OBJECT (section->rows[month]), "ekv-cost-row");
  return NULL;
}

EkvMonthChart *
ekv_bills_page_get_chart (EkvBillsPage *self,
                          EkvCarrier    carrier)
{
  Section *section;

  g_return_val_if_fail (EKV_IS_BILLS_PAGE (self), NULL);

  section = find_section (self, carrier);
  return section != NULL ? section->chart : NULL;
}

void
ekv_bills_page_add_carrier (EkvBillsPage *self,
                            EkvCarrier    carrier)
{
  g_return_if_fail (EKV_IS_BILLS_PAGE (self));
  g_return_if_fail (carrier <= EKV_CARRIER_WASTEWATER);

  if (find_section (self, carrier) != NULL)
    return;
  g_array_append_val (self->extra, carrier);
  rebuild (self);
}

EkvRecord *
ekv_bills_page_add_month (EkvBillsPage *self,
                          EkvCarrier    carrier,
                          guint         month,
                          GError      **error)
{
  g_autoptr(EkvRecord) bill = NULL;
  g_autofree char *key = NULL;
  Section *section;

  g_return_val_if_fail (EKV_IS_BILLS_PAGE (self), NULL);

  section = find_section (self, carrier);
  g_return_val_if_fail (section != NULL, NULL);
  g_return_val_if_fail (month < self->n_months, NULL);
  if (section->bills[month] != NULL)
    return section->bills[month];

  key = month_key (self, month);
  bill = ekv_record_new (EKV_ENTITY_BILL);
  ekv_record_set_enum (bill, EKV_BILL_CARRIER, carrier);
  ekv_record_set_string (bill, EKV_BILL_MONTH, key);
  ekv_record_set_double (bill, EKV_BILL_QUANTITY, 0.0);
  ekv_record_set_enum (bill, EKV_BILL_UNIT, section->totals.unit);
  if (!ekv_document_insert (self->document, bill, NULL, -1, error))
    return NULL;

  return bill; /* the document holds it */
}

void
ekv_bills_page_remove_month (EkvBillsPage *self,
                             EkvCarrier    carrier,
                             guint         month)
{
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  Section *section;

  g_return_if_fail (EKV_IS_BILLS_PAGE (self));

  section = find_section (self, carrier);
  g_return_if_fail (section != NULL);
  g_return_if_fail (month < self->n_months);
  if (section->bills[month] == NULL)
    return;

  /* The carrier keeps its section when its last bill goes, so that the months
   * stay where the user was working (and Undo has somewhere to come back to). */
  g_array_append_val (self->extra, carrier);

  title = month_title (self, month);
  /* Translators: a toast after a bill is deleted: its carrier, then its month,
   * e.g. "Electricity bill of March 2025 deleted" */
  message = g_strdup_printf (_("%s bill of %s deleted"),
                             ekv_enum_get_label (EKV_TYPE_CARRIER, carrier), title);
  ekv_gui_remove_with_undo_full (GTK_WIDGET (self), self->document, section->bills[month],
                                 message);
}

/* }}} */
