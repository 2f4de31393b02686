/* test-balance-page.c: the Balances page, bill deletion and combo rows over lists that change
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Each case opens the bundled sample in a real window, as a user gets it from
 * "New Audit from Sample", and drives the pages through their widgets.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ekv-balance-page.h"
#include "ekv-balance.h"
#include "ekv-bills-page.h"
#include "ekv-enums.h"
#include "ekv-field-row.h"
#include "ekv-inventory-page.h"
#include "ekv-labels.h"
#include "ekv-test-gui.h"
#include "ekv-util.h"
#include "ekv-window.h"

typedef struct
{
  EkvApplication *app;
  char           *dir;
  char           *path;
  EkvWindow      *window;
  EkvDocument    *document;
} Fixture;

/* Helpers {{{ */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ekv_test_open_sample ("ekv-balance-page", FALSE, &fixture->app, &fixture->dir, &fixture->window);
  fixture->document = ekv_window_get_document (fixture->window);
  fixture->path = g_strdup (ekv_document_get_path (fixture->document));
  ekv_test_spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ekv_test_close_sample (&fixture->app, &fixture->dir, &fixture->window);
  g_free (fixture->path);
}

static EkvBalancePage *
balance_page (Fixture *fixture)
{
  GtkWidget *page = ekv_window_show_page (fixture->window, "balances");

  g_assert_true (EKV_IS_BALANCE_PAGE (page));
  ekv_test_spin ();
  return EKV_BALANCE_PAGE (page);
}

/* "12,500 kg" as the page writes it. */
static char *
amount (double      value,
        int         digits,
        const char *unit)
{
  g_autofree char *number = ekv_number_format (value, digits);

  return g_strdup_printf ("%s %s", number, unit);
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (title == NULL ||
       (ADW_IS_PREFERENCES_ROW (root) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether a label under ROOT, outside any popover, shows TEXT: what a combo
 * row shows as its value. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_POPOVER (root))
    return FALSE;
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

/* Whether the combo row's popover offers TEXT (once it has been shown). */
static gboolean
offers_label (GtkWidget  *root,
              const char *text,
              gboolean    in_popover)
{
  if (GTK_IS_POPOVER (root))
    in_popover = TRUE;
  if (in_popover && GTK_IS_LABEL (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (offers_label (child, text, in_popover))
      return TRUE;

  return FALSE;
}

/* Closes the combo rows' lists a test opened, and lets their surfaces go
 * before the window does: events still queued for a popover destroyed with
 * its window would otherwise reach a surface that is gone. */
static void
close_popovers (GtkWidget *root)
{
  if (GTK_IS_POPOVER (root) && gtk_widget_get_visible (root))
    gtk_popover_popdown (GTK_POPOVER (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    close_popovers (child);
}

/* A flow entering UNIT_ID from outside the plant whose mass the balance counts. */
static EkvRecord *
outside_input (EkvDocument *document,
               EkvBalance  *balance,
               const char  *unit_id)
{
  GListModel *flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(EkvRecord) flow = g_list_model_get_item (flows, i);
      const EkvFlowFigures *figures;

      if (g_strcmp0 (ekv_record_get_string (flow, EKV_FLOW_TO), unit_id) != 0 ||
          ekv_record_get_string (flow, EKV_FLOW_FROM) != NULL)
        continue;
      figures = ekv_balance_find_flow (balance, ekv_record_get_string (flow, EKV_FLOW_ID));
      if (figures != NULL && isfinite (figures->kg) && figures->kg > 0)
        return flow; /* the document holds it */
    }

  return NULL;
}

static void
set_quantity (EkvDocument *document,
              EkvRecord   *flow,
              double       quantity)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, quantity);
  g_assert_true (ekv_document_set_value (document, flow, EKV_FLOW_QUANTITY, &value, &error));
  g_assert_no_error (error);
}

/* }}} */
/* The Balances page {{{ */

/* The sample's figures as ekv_balance_compute() gives them, in the locale's way. */
static void
test_sample (Fixture       *fixture,
             gconstpointer  data)
{
  EkvBalancePage *page = balance_page (fixture);
  g_autoptr(EkvBalance) expected = ekv_balance_compute (fixture->document);
  const EkvPlantBalance *plant = &expected->plant;
  g_autofree char *mass_in = ekv_balance_page_get_figure (page, "mass-in");
  g_autofree char *imbalance = ekv_balance_page_get_figure (page, "mass-imbalance");
  g_autofree char *water_in = ekv_balance_page_get_figure (page, "water-in");
  g_autofree char *unaccounted = ekv_balance_page_get_figure (page, "water-unaccounted");
  g_autofree char *tep = ekv_balance_page_get_figure (page, "tep-band");
  g_autofree char *yield = ekv_balance_page_get_figure (page, "raw-material-yield");
  g_autofree char *u1 = ekv_balance_page_describe_unit (page, "u1");
  g_autofree char *u4 = ekv_balance_page_describe_unit (page, "u4");
  g_autofree char *gas = ekv_balance_page_describe_carrier (page, "natural_gas");
  g_autofree char *total = ekv_balance_page_describe_carrier (page, "total");
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  const EkvCarrierBalance *carrier;

  g_assert_cmpfloat (ekv_balance_page_get_balance (page)->plant.mass_in_kg, ==, plant->mass_in_kg);

  /* The plant: mass, then water, each figure as the user's locale writes it. */
  text = amount (plant->mass_in_kg, 0, "kg");
  g_assert_cmpstr (mass_in, ==, text);
  g_clear_pointer (&text, g_free);
  number = ekv_number_format (plant->mass_imbalance_pct, 1);
  g_assert_true (g_str_has_suffix (imbalance, "balanced"));
  g_assert_nonnull (strstr (imbalance, number));
  text = amount (plant->water_in_m3, 1, "m³");
  g_assert_cmpstr (water_in, ==, text);
  g_clear_pointer (&text, g_free);
  text = amount (plant->water_unaccounted_m3, 1, "m³");
  g_assert_true (g_str_has_prefix (unaccounted, text));
  g_clear_pointer (&number, g_free);
  number = ekv_number_format (plant->water_unaccounted_pct, 1);
  g_assert_nonnull (strstr (unaccounted, number));

  /* The TEP band and the indicators. */
  g_clear_pointer (&number, g_free);
  number = ekv_number_format (plant->tep, 1);
  g_assert_nonnull (strstr (tep, number));
  g_clear_pointer (&number, g_free);
  number = ekv_number_format (plant->raw_material_yield_pct, 1);
  g_assert_nonnull (strstr (yield, number));

  /* The units: the sample's u4 needs a check, u1 closes. */
  g_assert_nonnull (u1);
  g_assert_nonnull (strstr (u4, "%"));
  g_assert_nonnull (strstr (u4, "check"));
  g_assert_nonnull (strstr (u1, "balanced"));
  g_assert_nonnull (ekv_balance_page_get_unit_row (page, "u12"));
  /* A unit whose balance leaves a flow out says so; one that counts all does not. */
  for (guint i = 0; i < expected->units->len; i++)
    {
      const EkvUnitBalance *unit = &g_array_index (expected->units, EkvUnitBalance, i);
      g_autofree char *row = ekv_balance_page_describe_unit (page, unit->id);

      if (unit->n_left_out > 0)
        g_assert_nonnull (strstr (row, "left out of this balance"));
      else
        g_assert_null (strstr (row, "left out"));
    }
  g_assert_null (ekv_balance_page_get_unit_row (page, "no-such-unit"));

  /* Bought energy: the factor used, with its source, on the carrier's row. */
  carrier = ekv_balance_find_carrier (expected, EKV_CARRIER_NATURAL_GAS);
  g_assert_nonnull (carrier);
  g_assert_nonnull (gas);
  g_assert_nonnull (strstr (gas, "Factor: "));
  g_assert_nonnull (carrier->factor.title);
  g_assert_nonnull (strstr (gas, carrier->factor.title));
  g_clear_pointer (&number, g_free);
  number = ekv_number_format (carrier->energy_kwh, 0);
  g_assert_nonnull (strstr (gas, number));
  g_clear_pointer (&number, g_free);
  number = ekv_number_format (plant->energy_in_kwh, 0);
  g_assert_true (g_str_has_prefix (total, "Total"));
  g_assert_nonnull (strstr (total, number));

  /* Every warning of the balance is listed. */
  g_assert_cmpuint (expected->warnings->len, >, 0);
  for (guint i = 0; i < expected->warnings->len; i++)
    {
      const EkvBalanceWarning *warning = g_ptr_array_index (expected->warnings, i);

      g_assert_nonnull (find_widget (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, warning->message));
    }
}

/* A quantity changed through the document changes the plant's totals and the
 * unit's status once the edits are over, and so does one typed in the Inventory. */
static void
test_follows_edits (Fixture       *fixture,
                    gconstpointer  data)
{
  EkvBalancePage *page = balance_page (fixture);
  g_autoptr(EkvBalance) before = ekv_balance_compute (fixture->document);
  const EkvUnitBalance *u4 = ekv_balance_find_unit (before, "u4");
  EkvRecord *flow = outside_input (fixture->document, before, "u4");
  const EkvFlowFigures *figures;
  const EkvBalance *shown;
  EkvInventoryPage *inventory;
  GtkWidget *row, *field;
  double old_quantity, new_quantity, shortfall;
  g_autofree char *mass_in = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *typed = NULL;

  g_assert_nonnull (u4);
  g_assert_cmpint (u4->status, ==, EKV_BALANCE_STATUS_WARN);
  g_assert_nonnull (flow);
  figures = ekv_balance_find_flow (before, ekv_record_get_string (flow, EKV_FLOW_ID));
  old_quantity = ekv_record_get_double (flow, EKV_FLOW_QUANTITY);

  /* Enough more of that input to close u4's balance. */
  shortfall = -u4->mass_imbalance_kg;
  g_assert_cmpfloat (shortfall, >, 0);
  new_quantity = old_quantity * (figures->kg + shortfall) / figures->kg;

  shown = ekv_balance_page_get_balance (page);
  set_quantity (fixture->document, flow, new_quantity);
  /* Nothing is computed while the edits go on... */
  g_assert_true (ekv_balance_page_get_balance (page) == shown);
  ekv_test_spin ();
  /* ...and once they are over, the page shows the new figures. */
  g_assert_true (ekv_balance_page_get_balance (page) != shown);

  mass_in = ekv_balance_page_get_figure (page, "mass-in");
  expected = amount (before->plant.mass_in_kg + shortfall, 0, "kg");
  g_assert_cmpstr (mass_in, ==, expected);
  unit = ekv_balance_page_describe_unit (page, "u4");
  g_assert_nonnull (strstr (unit, "balanced"));
  g_assert_null (strstr (unit, "check"));
  g_assert_cmpfloat_with_epsilon (ekv_balance_find_unit ((EkvBalance *) ekv_balance_page_get_balance (page),
                                                         "u4")->mass_imbalance_kg,
                                  0.0, 1e-3);

  /* The same flow typed back to its old quantity in the Inventory page. */
  inventory = EKV_INVENTORY_PAGE (ekv_window_show_page (fixture->window, "inventory"));
  ekv_inventory_page_set_unit (inventory,
                               ekv_document_find (fixture->document, EKV_ENTITY_UNIT_OPERATION, "u4"));
  ekv_test_spin ();
  row = ekv_inventory_page_open_flow (inventory, flow);
  g_assert_nonnull (row);
  field = ekv_test_find_field_row (row, "quantity");
  g_assert_nonnull (field);
  typed = ekv_number_format (old_quantity, -1);
  gtk_editable_set_text (GTK_EDITABLE (field), typed);
  g_assert_true (ekv_field_row_apply (EKV_FIELD_ROW (field)));
  ekv_test_spin ();

  page = balance_page (fixture);
  g_clear_pointer (&mass_in, g_free);
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&unit, g_free);
  mass_in = ekv_balance_page_get_figure (page, "mass-in");
  expected = amount (before->plant.mass_in_kg, 0, "kg");
  g_assert_cmpstr (mass_in, ==, expected);
  unit = ekv_balance_page_describe_unit (page, "u4");
  g_assert_nonnull (strstr (unit, "check"));
}

/* A burst of edits is computed once: a transaction with many changes leaves
 * the page on the balance of its end. */
static void
test_burst (Fixture       *fixture,
            gconstpointer  data)
{
  EkvBalancePage *page = balance_page (fixture);
  g_autoptr(EkvBalance) before = ekv_balance_compute (fixture->document);
  EkvRecord *flow = outside_input (fixture->document, before, "u2");
  double quantity = ekv_record_get_double (flow, EKV_FLOW_QUANTITY);
  g_autoptr(EkvBalance) after = NULL;
  g_autofree char *mass_in = NULL;
  g_autofree char *expected = NULL;

  g_assert_nonnull (flow);
  for (guint i = 1; i <= 5; i++)
    set_quantity (fixture->document, flow, quantity * (1 + i * 0.1));
  ekv_test_spin ();
  after = ekv_balance_compute (fixture->document);
  mass_in = ekv_balance_page_get_figure (page, "mass-in");
  expected = amount (after->plant.mass_in_kg, 0, "kg");
  g_assert_cmpstr (mass_in, ==, expected);
  g_assert_cmpfloat (after->plant.mass_in_kg, >, before->plant.mass_in_kg);
}

/* Units added, renamed and deleted appear, change and go in the unit table. */
static void
test_units_follow (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvRecord) unit = ekv_record_new (EKV_ENTITY_UNIT_OPERATION);
  EkvBalancePage *page = balance_page (fixture);
  g_autofree char *text = NULL;

  ekv_record_set_string (unit, EKV_UNIT_OPERATION_ID, "u99");
  ekv_record_set_string (unit, EKV_UNIT_OPERATION_NAME, "Yeni birim");
  g_assert_true (ekv_document_insert (fixture->document, unit, NULL, -1, &error));
  g_assert_no_error (error);
  ekv_test_spin ();
  text = ekv_balance_page_describe_unit (page, "u99");
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Yeni birim"));
  /* No mass enters it: no percentage and no status to give. */
  g_assert_nonnull (strstr (text, "no figure"));

  g_object_set (unit, "name", "Renamed unit", NULL);
  ekv_test_spin ();
  g_clear_pointer (&text, g_free);
  text = ekv_balance_page_describe_unit (page, "u99");
  g_assert_true (g_str_has_prefix (text, "Renamed unit"));

  g_assert_true (ekv_document_remove (fixture->document, unit, &error));
  g_assert_no_error (error);
  ekv_test_spin ();
  g_assert_null (ekv_balance_page_get_unit_row (page, "u99"));
  g_assert_nonnull (ekv_balance_page_get_unit_row (page, "u1"));
}

/* A new audit: nothing to count, and the page says why rather than showing
 * figures it cannot have. */
static void
test_empty (void)
{
  g_autoptr(EkvDocument) document = ekv_document_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = ekv_balance_page_new (document);
  g_autofree char *mass_in = NULL;
  g_autofree char *imbalance = NULL;
  g_autofree char *total = NULL;
  GtkWidget *row;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  ekv_test_spin ();

  mass_in = ekv_balance_page_get_figure (EKV_BALANCE_PAGE (page), "mass-in");
  g_assert_cmpstr (mass_in, ==, "0 kg");
  /* No percentage, no status: the note says why. */
  imbalance = ekv_balance_page_get_figure (EKV_BALANCE_PAGE (page), "mass-imbalance");
  g_assert_cmpstr (imbalance, ==, "0 kg | —");
  row = find_widget (page, ADW_TYPE_ACTION_ROW, "Mass imbalance");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "No mass enters the plant.");
  total = ekv_balance_page_describe_carrier (EKV_BALANCE_PAGE (page), "total");
  g_assert_cmpstr (total, ==, "No energy is bought from outside.");
  g_assert_null (ekv_balance_page_describe_carrier (EKV_BALANCE_PAGE (page), "electricity"));
  g_assert_null (ekv_balance_page_get_unit_row (EKV_BALANCE_PAGE (page), "u1"));

  gtk_window_destroy (GTK_WINDOW (window));
  ekv_test_spin ();
}

/* Activating a unit's row opens it in the Inventory page. */
static void
test_show_unit (Fixture       *fixture,
                gconstpointer  data)
{
  EkvBalancePage *page = balance_page (fixture);
  GtkListBoxRow *row = ekv_balance_page_get_unit_row (page, "u6");
  GtkListBoxRow *selected;
  GtkWidget *inventory;

  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_signal_emit_by_name (row, "activate");
  ekv_test_spin ();

  selected = gtk_list_box_get_selected_row (ekv_window_get_sidebar (fixture->window));
  g_assert_nonnull (selected);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (selected))), ==,
                   "Inventory");
  inventory = ekv_window_show_page (fixture->window, "inventory");
  g_assert_cmpstr (ekv_record_get_string (ekv_inventory_page_get_unit (EKV_INVENTORY_PAGE (inventory)),
                                          EKV_UNIT_OPERATION_ID), ==, "u6");
}

/* Activating a warning about a flow opens that flow in the Inventory page. */
static void
test_show_warning (Fixture       *fixture,
                   gconstpointer  data)
{
  EkvBalancePage *page = balance_page (fixture);
  const EkvBalance *balance = ekv_balance_page_get_balance (page);
  const EkvBalanceWarning *warning = NULL;
  EkvRecord *flow;
  GtkWidget *row, *inventory;
  const char *unit_id;

  for (guint i = 0; i < balance->warnings->len && warning == NULL; i++)
    if (((EkvBalanceWarning *) g_ptr_array_index (balance->warnings, i))->flow_id != NULL)
      warning = g_ptr_array_index (balance->warnings, i);
  g_assert_nonnull (warning);
  flow = ekv_document_find (fixture->document, EKV_ENTITY_FLOW, warning->flow_id);
  g_assert_nonnull (flow);
  unit_id = ekv_record_get_string (flow, EKV_FLOW_TO);
  if (unit_id == NULL)
    unit_id = ekv_record_get_string (flow, EKV_FLOW_FROM);

  row = find_widget (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, warning->message);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (row, "activate");
  ekv_test_spin ();

  inventory = ekv_window_show_page (fixture->window, "inventory");
  g_assert_cmpstr (ekv_record_get_string (ekv_inventory_page_get_unit (EKV_INVENTORY_PAGE (inventory)),
                                          EKV_UNIT_OPERATION_ID), ==, unit_id);
  row = ekv_inventory_page_open_flow (EKV_INVENTORY_PAGE (inventory), flow);
  g_assert_nonnull (row);
}

/* }}} */
/* Bills: deleting a month's bill {{{ */

static EkvRecord *
find_bill (EkvDocument *document,
           EkvCarrier   carrier,
           const char  *month)
{
  GListModel *bills = ekv_document_get_list (document, EKV_ENTITY_BILL);

  for (guint i = 0; i < g_list_model_get_n_items (bills); i++)
    {
      g_autoptr(EkvRecord) bill = g_list_model_get_item (bills, i);

      if (ekv_record_get_enum (bill, EKV_BILL_CARRIER) == (int) carrier &&
          g_strcmp0 (ekv_record_get_string (bill, EKV_BILL_MONTH), month) == 0)
        return bill; /* the document holds it */
    }

  return NULL;
}

static GtkWidget *
month_remove_button (EkvBillsPage *page,
                     guint         month)
{
  EkvFieldRow *field = ekv_bills_page_get_field_row (page, EKV_CARRIER_ELECTRICITY, month, "quantity");
  GtkWidget *row;

  g_assert_nonnull (field);
  row = gtk_widget_get_ancestor (GTK_WIDGET (field), ADW_TYPE_EXPANDER_ROW);
  g_assert_nonnull (row);
  return ekv_test_find_button (row, "user-trash-symbolic", NULL);
}

/* The month's Delete button removes its bill from the file and the totals; Undo
 * brings the same bill back. (Undo is pressed at once: the toast leaves after a
 * few seconds, which a slow sanitizer build could otherwise outlast.) */
static void
test_bills_delete (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  g_autoptr(EkvDocument) restored = NULL;
  EkvBillsPage *page = EKV_BILLS_PAGE (ekv_window_show_page (fixture->window, "bills"));
  EkvRecord *bill = find_bill (fixture->document, EKV_CARRIER_ELECTRICITY, "2025-03");
  double quantity, cost, before, after;
  GtkWidget *remove, *undo;

  g_assert_nonnull (bill);
  quantity = ekv_record_get_double (bill, EKV_BILL_QUANTITY);
  cost = ekv_record_get_double (bill, EKV_BILL_COST);
  g_assert_true (ekv_bills_page_get_totals (page, EKV_CARRIER_ELECTRICITY, &before, NULL, NULL, NULL));

  /* Delete, then Undo. */
  remove = month_remove_button (page, 2);
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_null (find_bill (fixture->document, EKV_CARRIER_ELECTRICITY, "2025-03"));
  g_assert_null (ekv_bills_page_get_field_row (page, EKV_CARRIER_ELECTRICITY, 2, "quantity"));
  undo = ekv_test_find_button (GTK_WIDGET (fixture->window), NULL, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  ekv_test_spin ();
  bill = find_bill (fixture->document, EKV_CARRIER_ELECTRICITY, "2025-03");
  g_assert_nonnull (bill);
  g_assert_cmpfloat (ekv_record_get_double (bill, EKV_BILL_QUANTITY), ==, quantity);
  g_assert_cmpfloat (ekv_record_get_double (bill, EKV_BILL_COST), ==, cost);
  g_assert_nonnull (ekv_bills_page_get_field_row (page, EKV_CARRIER_ELECTRICITY, 2, "quantity"));
  g_assert_true (ekv_bills_page_get_totals (page, EKV_CARRIER_ELECTRICITY, &after, NULL, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (after, before, 1e-6);
  restored = ekv_test_reopen (fixture->path);
  g_assert_nonnull (find_bill (restored, EKV_CARRIER_ELECTRICITY, "2025-03"));

  /* Delete for good: gone from the totals and from the file. */
  remove = month_remove_button (page, 2);
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  ekv_test_spin ();
  g_assert_null (find_bill (fixture->document, EKV_CARRIER_ELECTRICITY, "2025-03"));
  g_assert_null (ekv_bills_page_get_field_row (page, EKV_CARRIER_ELECTRICITY, 2, "quantity"));
  g_assert_true (ekv_bills_page_get_totals (page, EKV_CARRIER_ELECTRICITY, &after, NULL, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (after, before - quantity, 1e-6);
  stored = ekv_test_reopen (fixture->path);
  g_assert_null (find_bill (stored, EKV_CARRIER_ELECTRICITY, "2025-03"));
}

/* Deleting a carrier's only bill keeps its months on the page, to add again. */
static void
test_bills_delete_last (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  EkvBillsPage *page = EKV_BILLS_PAGE (ekv_window_show_page (fixture->window, "bills"));
  EkvRecord *bill;

  ekv_bills_page_add_carrier (page, EKV_CARRIER_WASTEWATER);
  bill = ekv_bills_page_add_month (page, EKV_CARRIER_WASTEWATER, 4, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bill);

  ekv_bills_page_remove_month (page, EKV_CARRIER_WASTEWATER, 4);
  ekv_test_spin ();
  g_assert_null (find_bill (fixture->document, EKV_CARRIER_WASTEWATER, "2025-05"));
  g_assert_cmpuint (ekv_bills_page_get_n_months (page, EKV_CARRIER_WASTEWATER), ==, 12);
  g_assert_null (ekv_bills_page_get_field_row (page, EKV_CARRIER_WASTEWATER, 4, "quantity"));
}

/* }}} */
/* Combo rows over lists that change {{{ */

/* The Inventory's unit row lists the document's units: units added, renamed
 * and deleted while it exists (its list open or not) show at once, and the
 * row keeps showing the unit chosen. */
static void
test_inventory_unit_combo (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvRecord) unit = ekv_record_new (EKV_ENTITY_UNIT_OPERATION);
  EkvInventoryPage *page = EKV_INVENTORY_PAGE (ekv_window_show_page (fixture->window, "inventory"));
  EkvRecord *u4 = ekv_document_find (fixture->document, EKV_ENTITY_UNIT_OPERATION, "u4");
  GListModel *units = ekv_document_get_list (fixture->document, EKV_ENTITY_UNIT_OPERATION);
  guint n = g_list_model_get_n_items (units);
  AdwComboRow *combo;
  const char *u4_name = ekv_record_get_string (u4, EKV_UNIT_OPERATION_NAME);
  g_autofree char *old_name = g_strdup (u4_name);

  ekv_inventory_page_set_unit (page, u4);
  ekv_test_spin ();
  combo = ADW_COMBO_ROW (find_widget (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, "Unit operation"));
  g_assert_nonnull (combo);
  g_assert_true (shows_label (GTK_WIDGET (combo), old_name));

  /* Open its list, as a user choosing a unit would. */
  g_signal_emit_by_name (combo, "activate");
  ekv_test_spin ();

  /* A unit added while the list is open. */
  ekv_record_set_string (unit, EKV_UNIT_OPERATION_ID, "u99");
  ekv_record_set_string (unit, EKV_UNIT_OPERATION_NAME, "Yeni birim");
  g_assert_true (ekv_document_insert (fixture->document, unit, NULL, 0, &error));
  g_assert_no_error (error);
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combo)), ==, n + 1);
  g_assert_true (adw_combo_row_get_selected_item (combo) == (gpointer) u4);
  g_assert_true (ekv_inventory_page_get_unit (page) == u4);
  g_assert_true (shows_label (GTK_WIDGET (combo), old_name));
  g_assert_true (offers_label (GTK_WIDGET (combo), "Yeni birim", FALSE));

  /* The unit shown renamed: the row shows the new name; the list offers it. */
  g_object_set (u4, "name", "Sabunlama (yeni ad)", NULL);
  ekv_test_spin ();
  g_assert_true (shows_label (GTK_WIDGET (combo), "Sabunlama (yeni ad)"));
  g_assert_false (shows_label (GTK_WIDGET (combo), old_name));
  g_assert_true (offers_label (GTK_WIDGET (combo), "Sabunlama (yeni ad)", FALSE));
  g_assert_false (offers_label (GTK_WIDGET (combo), old_name, FALSE));

  /* Another unit renamed. */
  g_object_set (unit, "name", "Yeni birim 2", NULL);
  ekv_test_spin ();
  g_assert_true (offers_label (GTK_WIDGET (combo), "Yeni birim 2", FALSE));
  g_assert_false (offers_label (GTK_WIDGET (combo), "Yeni birim", FALSE));

  /* Choose the new unit, then delete it: the page moves to the first unit. */
  adw_combo_row_set_selected (combo, 0);
  ekv_test_spin ();
  g_assert_true (ekv_inventory_page_get_unit (page) == unit);
  g_assert_true (ekv_document_remove (fixture->document, unit, &error));
  g_assert_no_error (error);
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combo)), ==, n);
  g_assert_nonnull (ekv_inventory_page_get_unit (page));
  g_assert_true (ekv_inventory_page_get_unit (page) != unit);
  g_assert_true (adw_combo_row_get_selected_item (combo) == (gpointer) ekv_inventory_page_get_unit (page));
  g_assert_true (shows_label (GTK_WIDGET (combo),
                              ekv_record_get_string (ekv_inventory_page_get_unit (page),
                                                     EKV_UNIT_OPERATION_NAME)));
  g_assert_false (offers_label (GTK_WIDGET (combo), "Yeni birim 2", FALSE));

  close_popovers (GTK_WIDGET (fixture->window));
  ekv_test_spin ();
}

/* A flow's From and To rows offer the units by name: a unit renamed while they
 * exist is offered, and shown, under its new name; added and deleted units
 * come and go. */
static void
test_inventory_ref_combo (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvRecord) unit = ekv_record_new (EKV_ENTITY_UNIT_OPERATION);
  EkvInventoryPage *page = EKV_INVENTORY_PAGE (ekv_window_show_page (fixture->window, "inventory"));
  EkvRecord *u3 = ekv_document_find (fixture->document, EKV_ENTITY_UNIT_OPERATION, "u3");
  EkvRecord *flow = ekv_document_find (fixture->document, EKV_ENTITY_FLOW, "f25");
  g_autofree char *old_name = g_strdup (ekv_record_get_string (u3, EKV_UNIT_OPERATION_NAME));
  GtkWidget *row;
  AdwComboRow *from;

  /* f25 comes from u3 into u4. */
  g_assert_nonnull (flow);
  g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_FROM), ==, "u3");
  ekv_inventory_page_set_unit (page, ekv_document_find (fixture->document,
                                                        EKV_ENTITY_UNIT_OPERATION, "u4"));
  ekv_test_spin ();
  row = ekv_inventory_page_open_flow (page, flow);
  g_assert_nonnull (row);
  from = ADW_COMBO_ROW (find_widget (row, ADW_TYPE_COMBO_ROW, "From"));
  g_assert_nonnull (from);
  g_assert_true (shows_label (GTK_WIDGET (from), old_name));
  g_signal_emit_by_name (from, "activate");
  ekv_test_spin ();

  g_object_set (u3, "name", "Jet boyama (yeni ad)", NULL);
  ekv_test_spin ();
  row = ekv_inventory_page_open_flow (page, flow);
  from = ADW_COMBO_ROW (find_widget (row, ADW_TYPE_COMBO_ROW, "From"));
  g_assert_true (shows_label (GTK_WIDGET (from), "Jet boyama (yeni ad)"));
  g_assert_false (shows_label (GTK_WIDGET (from), old_name));
  g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_FROM), ==, "u3");

  /* A unit added, then deleted, while the row exists. */
  ekv_record_set_string (unit, EKV_UNIT_OPERATION_ID, "u99");
  ekv_record_set_string (unit, EKV_UNIT_OPERATION_NAME, "Yeni birim");
  g_assert_true (ekv_document_insert (fixture->document, unit, NULL, -1, &error));
  g_assert_no_error (error);
  ekv_test_spin ();
  row = ekv_inventory_page_open_flow (page, flow);
  from = ADW_COMBO_ROW (find_widget (row, ADW_TYPE_COMBO_ROW, "From"));
  g_signal_emit_by_name (from, "activate");
  ekv_test_spin ();
  g_assert_true (offers_label (GTK_WIDGET (from), "Yeni birim", FALSE));
  g_assert_true (shows_label (GTK_WIDGET (from), "Jet boyama (yeni ad)"));

  g_assert_true (ekv_document_remove (fixture->document, unit, &error));
  g_assert_no_error (error);
  ekv_test_spin ();
  row = ekv_inventory_page_open_flow (page, flow);
  from = ADW_COMBO_ROW (find_widget (row, ADW_TYPE_COMBO_ROW, "From"));
  g_signal_emit_by_name (from, "activate");
  ekv_test_spin ();
  g_assert_false (offers_label (GTK_WIDGET (from), "Yeni birim", FALSE));
  g_assert_true (shows_label (GTK_WIDGET (from), "Jet boyama (yeni ad)"));
  g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_FROM), ==, "u3");

  close_popovers (GTK_WIDGET (fixture->window));
  ekv_test_spin ();
}

/* Bills' "Add bills for…" offers only carriers without bills, after adding one
 * and after deleting a carrier's bills. */
static void
test_bills_add_combo (Fixture       *fixture,
                      gconstpointer  data)
{
  EkvBillsPage *page = EKV_BILLS_PAGE (ekv_window_show_page (fixture->window, "bills"));
  AdwComboRow *combo = ADW_COMBO_ROW (find_widget (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW,
                                                   "Add bills for…"));
  const char *wastewater = ekv_enum_get_label (EKV_TYPE_CARRIER, EKV_CARRIER_WASTEWATER);
  GListModel *model;
  guint n;

  g_assert_nonnull (combo);
  g_signal_emit_by_name (combo, "activate");
  ekv_test_spin ();
  model = adw_combo_row_get_model (combo);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 0);
  g_assert_true (offers_label (GTK_WIDGET (combo), wastewater, FALSE));

  ekv_bills_page_add_carrier (page, EKV_CARRIER_WASTEWATER);
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (combo)), ==, n - 1);
  for (guint i = 0; i < n - 1; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (combo), i);

      g_assert_cmpstr (gtk_string_object_get_string (item), !=, wastewater);
    }

  close_popovers (GTK_WIDGET (fixture->window));
  ekv_test_spin ();
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  if (!ekv_test_gui_init (&argc, &argv))
    return 0;

#define ADD(name, fn) \
  g_test_add ("/ekv/balance-page/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  g_test_add_func ("/ekv/balance-page/empty", test_empty);
  ADD ("sample", test_sample);
  ADD ("follows-edits", test_follows_edits);
  ADD ("burst", test_burst);
  ADD ("units-follow", test_units_follow);
  ADD ("show-unit", test_show_unit);
  ADD ("show-warning", test_show_warning);
  ADD ("bills-delete", test_bills_delete);
  ADD ("bills-delete-last", test_bills_delete_last);
  ADD ("inventory-unit-combo", test_inventory_unit_combo);
  ADD ("inventory-ref-combo", test_inventory_ref_combo);
  ADD ("bills-add-combo", test_bills_add_combo);
#undef ADD

  return g_test_run ();
}
