/* test-window.c: the main window on a real document, driven through its widgets
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ekv-balance.h"
#include "ekv-bills-page.h"
#include "ekv-company-page.h"
#include "ekv-factors-page.h"
#include "ekv-factors.h"
#include "ekv-field-row.h"
#include "ekv-inventory-page.h"
#include "ekv-record-list.h"
#include "ekv-test-gui.h"
#include "ekv-units-page.h"
#include "ekv-util.h"
#include "ekv-window.h"

typedef struct
{
  EkvApplication *app;
  char           *dir;
  char           *path;
  EkvWindow      *window;
} Fixture;

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *key)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (key == NULL || g_strcmp0 (ekv_field_row_get_key (EKV_FIELD_ROW (root)), key) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, key);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static EkvFieldRow *
company_row (Fixture    *fixture,
             const char *key)
{
  GtkWidget *page = ekv_window_show_page (fixture->window, "company");
  GtkWidget *row;

  /* The lower groups are built after the first frame; a test need not wait for it. */
  ekv_company_page_ensure_details (EKV_COMPANY_PAGE (page));
  row = find_row (page, EKV_TYPE_FIELD_ROW, key);

  g_assert_nonnull (row);
  return EKV_FIELD_ROW (row);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ekv_test_open_sample ("ekv-window", FALSE, &fixture->app, &fixture->dir, &fixture->window);
  fixture->path = g_strdup (ekv_document_get_path (ekv_window_get_document (fixture->window)));
  ekv_test_spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ekv_test_close_sample (&fixture->app, &fixture->dir, &fixture->window);
  g_free (fixture->path);
}

/* Typing the firm's name stores it at once; the title follows. */
static void
test_firm_name (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  EkvCompanyPage *page;
  EkvFieldRow *row;

  page = EKV_COMPANY_PAGE (ekv_window_show_page (fixture->window, "company"));
  row = ekv_company_page_get_name_row (page);
  gtk_editable_set_text (GTK_EDITABLE (row), "Marmara Dokuma A.Ş.");
  ekv_test_spin ();

  g_assert_cmpstr (adw_window_title_get_title (ekv_window_get_title_widget (fixture->window)),
                   ==, "Marmara Dokuma A.Ş.");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Marmara Dokuma A.Ş.");

  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpstr (ekv_record_get_string (ekv_document_get_company (stored), EKV_COMPANY_NAME),
                   ==, "Marmara Dokuma A.Ş.");
}

/* The firm's name is required: clearing it marks the row and keeps the stored name. */
static void
test_empty_name (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  g_autofree char *before = NULL;
  EkvFieldRow *row = company_row (fixture, "name");

  before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  g_assert_cmpstr (before, !=, "");

  gtk_editable_set_text (GTK_EDITABLE (row), "");
  ekv_test_spin ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_nonnull (ekv_field_row_get_error_message (row));

  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpstr (ekv_record_get_string (ekv_document_get_company (stored), EKV_COMPANY_NAME),
                   ==, before);

  gtk_editable_set_text (GTK_EDITABLE (row), "Yeni Ad");
  ekv_test_spin ();
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_null (ekv_field_row_get_error_message (row));
}

/* A letter in a number: nothing stored, the text kept, the row marked. */
static void
test_number_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  EkvRecord *company = ekv_document_get_company (ekv_window_get_document (fixture->window));
  EkvFieldRow *row = company_row (fixture, "employees");
  gboolean was_set = ekv_record_is_set (company, EKV_COMPANY_EMPLOYEES);
  int before = ekv_record_get_int (company, EKV_COMPANY_EMPLOYEES);

  gtk_editable_set_text (GTK_EDITABLE (row), "12a");
  g_assert_false (ekv_field_row_apply (row));
  ekv_test_spin ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_nonnull (ekv_field_row_get_error_message (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "12a");

  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpint (ekv_record_is_set (ekv_document_get_company (stored), EKV_COMPANY_EMPLOYEES),
                   ==, was_set);
  g_assert_cmpint (ekv_record_get_int (ekv_document_get_company (stored), EKV_COMPANY_EMPLOYEES),
                   ==, before);
  g_clear_object (&stored);

  /* Corrected, it is stored and the mark goes. */
  gtk_editable_set_text (GTK_EDITABLE (row), "57");
  g_assert_true (ekv_field_row_apply (row));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpint (ekv_record_get_int (ekv_document_get_company (stored), EKV_COMPANY_EMPLOYEES),
                   ==, 57);
}

/* A negative amount of money is refused by the document, with its reason. */
static void
test_negative_number (Fixture       *fixture,
                      gconstpointer  data)
{
  EkvRecord *company = ekv_document_get_company (ekv_window_get_document (fixture->window));
  EkvFieldRow *row = company_row (fixture, "turnover");
  double before = ekv_record_get_double (company, EKV_COMPANY_TURNOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), "-5");
  g_assert_false (ekv_field_row_apply (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_cmpfloat (ekv_record_get_double (company, EKV_COMPANY_TURNOVER), ==, before);

  /* Emptied, an optional number is unset. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_true (ekv_field_row_apply (row));
  g_assert_false (ekv_record_is_set (company, EKV_COMPANY_TURNOVER));
}

/* A date typed the wrong way is refused the same way. */
static void
test_date_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  EkvFieldRow *row = company_row (fixture, "reference-start");

  gtk_editable_set_text (GTK_EDITABLE (row), "31.12.2025");
  g_assert_false (ekv_field_row_apply (row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));

  gtk_editable_set_text (GTK_EDITABLE (row), "2025-01-01");
  g_assert_true (ekv_field_row_apply (row));
  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpstr (ekv_record_get_string (ekv_document_get_company (stored),
                                          EKV_COMPANY_REFERENCE_START), ==, "2025-01-01");
}

/* The sidebar lists the steps that have pages, in the method's order. */
static void
test_sidebar (Fixture       *fixture,
              gconstpointer  data)
{
  static const char *expected[] = { "Audit team", "Scope and objectives", "Company profile",
                                    "Unit operations", "Energy and water bills",
                                    "Factors", "Inventory", "Inventory table", "Balances",
                                    "Sankey diagrams", "Causes and options", "Screening",
                                    "Feasibility", "Ranking", "Portfolio", "Action plan",
                                    "Monitoring" };
  GtkListBox *sidebar = ekv_window_get_sidebar (fixture->window);
  guint n = 0;

  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (sidebar, n)) != NULL; n++)
    {
      GtkWidget *label = gtk_list_box_row_get_child (row);

      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected[n]);
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));

  /* Phase I heads the first step. */
  g_assert_true (GTK_IS_LABEL (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (sidebar, 0))));
  g_assert_null (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (sidebar, 1)));
  g_assert_true (GTK_IS_LABEL (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (sidebar, 2))));
  g_assert_null (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (sidebar, 3)));
  g_assert_null (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (sidebar, 4)));
  /* The inventory opens phase III; the balances follow it in the same phase. */
  g_assert_true (GTK_IS_LABEL (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (sidebar, 6))));
  g_assert_null (gtk_list_box_row_get_header (gtk_list_box_get_row_at_index (sidebar, n - 1)));
}

/* Choosing a step while a field has the focus must not pass the focus through the
 * new page's first field: its text would be left selected and scrolled. */
static void
test_switch_page_selection (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkListBox *sidebar = ekv_window_get_sidebar (fixture->window);
  GtkWidget *team = ekv_window_show_page (fixture->window, "team");
  GtkWidget *sponsor = find_row (team, EKV_TYPE_FIELD_ROW, "sponsor");
  GtkWidget *plan;
  GtkWidget *title;

  ekv_test_spin ();
  gtk_widget_grab_focus (sponsor);
  ekv_test_spin ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), sponsor));

  gtk_list_box_select_row (sidebar, gtk_list_box_get_row_at_index (sidebar, 1));
  ekv_test_spin ();
  plan = ekv_window_show_page (fixture->window, "plan");
  title = find_row (plan, EKV_TYPE_FIELD_ROW, "title");
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (title), NULL, NULL));
  g_assert_true (GTK_IS_LIST_BOX_ROW (gtk_root_get_focus (GTK_ROOT (fixture->window))));
}

/* Adding a product stores a record; editing its name in the list stores that too. */
static void
test_add_product (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  GtkWidget *page = ekv_window_show_page (fixture->window, "company");
  EkvDocument *document = ekv_window_get_document (fixture->window);
  GListModel *products = ekv_document_get_list (document, EKV_ENTITY_PRODUCT);
  guint n = g_list_model_get_n_items (products);
  EkvRecordList *list;
  EkvRecord *record;

  ekv_company_page_ensure_details (EKV_COMPANY_PAGE (page));
  list = EKV_RECORD_LIST (find_row (page, EKV_TYPE_RECORD_LIST, NULL));

  record = ekv_record_list_add (list);
  g_assert_nonnull (record);
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (products), ==, n + 1);

  g_object_set (record, "quantity", 1250.0, NULL);
  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (stored, EKV_ENTITY_PRODUCT)),
                    ==, n + 1);
  record = g_list_model_get_item (ekv_document_get_list (stored, EKV_ENTITY_PRODUCT), n);
  g_assert_cmpfloat (ekv_record_get_double (record, EKV_PRODUCT_QUANTITY), ==, 1250.0);
  g_object_unref (record);
}

/* After Add, what the user types names the new record: the focus is in its name
 * field, whose text is selected to be typed over. */
static void
test_add_focus (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *page = ekv_window_show_page (fixture->window, "team");
  EkvRecordList *list = EKV_RECORD_LIST (find_row (page, EKV_TYPE_RECORD_LIST, NULL));
  GtkWidget *focus;
  GtkWidget *row;
  EkvRecord *record;
  int start, end;

  ekv_test_spin ();
  record = ekv_record_list_add (list);
  g_assert_nonnull (record);
  ekv_test_spin ();

  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  row = gtk_widget_get_ancestor (focus, EKV_TYPE_FIELD_ROW);
  g_assert_nonnull (row);
  g_assert_true (ekv_field_row_get_record (EKV_FIELD_ROW (row)) == record);
  g_assert_cmpstr (ekv_field_row_get_key (EKV_FIELD_ROW (row)), ==, "name");
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (row), &start, &end));
  g_assert_cmpint (end - start, ==, g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (row)), -1));
}

/* Removing a team member is one click, stored at once, and Undo brings the same
 * member back in the same place. */
static void
test_remove_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  g_autoptr(EkvDocument) restored = NULL;
  g_autoptr(EkvRecord) first = NULL;
  g_autoptr(EkvRecord) back = NULL;
  g_autofree char *name = NULL;
  GtkWidget *page = ekv_window_show_page (fixture->window, "team");
  EkvDocument *document = ekv_window_get_document (fixture->window);
  GListModel *team = ekv_document_get_list (document, EKV_ENTITY_TEAM_MEMBER);
  guint n = g_list_model_get_n_items (team);
  GtkWidget *remove, *undo;

  g_assert_cmpuint (n, >, 0);
  first = g_list_model_get_item (team, 0);
  name = g_strdup (ekv_record_get_string (first, EKV_TEAM_MEMBER_NAME));
  ekv_test_spin ();

  remove = ekv_test_find_button (page, "user-trash-symbolic", NULL);
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (team), ==, n - 1);
  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (stored, EKV_ENTITY_TEAM_MEMBER)),
                    ==, n - 1);

  undo = ekv_test_find_button (GTK_WIDGET (fixture->window), NULL, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (team), ==, n);
  restored = ekv_test_reopen (fixture->path);
  back = g_list_model_get_item (ekv_document_get_list (restored, EKV_ENTITY_TEAM_MEMBER), 0);
  g_assert_cmpstr (ekv_record_get_string (back, EKV_TEAM_MEMBER_NAME), ==, name);
}

/* A unit added on the page gets an id of its own and the focus in its name; both
 * are in the file at once. */
static void
test_units_add (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  g_autoptr(EkvRecord) back = NULL;
  g_autofree char *id = NULL;
  GtkWidget *page = ekv_window_show_page (fixture->window, "units");
  EkvDocument *document = ekv_window_get_document (fixture->window);
  GListModel *units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  guint n = g_list_model_get_n_items (units);
  EkvRecordList *list;
  EkvRecord *unit;
  GtkWidget *focus;

  g_assert_true (EKV_IS_UNITS_PAGE (page));
  list = EKV_RECORD_LIST (find_row (page, EKV_TYPE_RECORD_LIST, NULL));
  g_assert_nonnull (list);
  ekv_test_spin ();
  id = ekv_document_new_id (document, EKV_ENTITY_UNIT_OPERATION, "u");

  unit = ekv_record_list_add (list);
  g_assert_nonnull (unit);
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n + 1);
  g_assert_cmpstr (ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID), ==, id);
  g_assert_cmpstr (ekv_record_get_string (unit, EKV_UNIT_OPERATION_NAME), ==, "New unit operation");
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, EKV_TYPE_FIELD_ROW));
  g_assert_cmpstr (ekv_field_row_get_key (EKV_FIELD_ROW (gtk_widget_get_ancestor (focus, EKV_TYPE_FIELD_ROW))),
                   ==, "name");

  g_object_set (unit, "name", "Kurutma", "mode", EKV_OPERATION_MODE_BATCH, "batches-per-year", 1200.0, NULL);
  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (stored, EKV_ENTITY_UNIT_OPERATION)),
                    ==, n + 1);
  back = g_list_model_get_item (ekv_document_get_list (stored, EKV_ENTITY_UNIT_OPERATION), n);
  g_assert_cmpstr (ekv_record_get_string (back, EKV_UNIT_OPERATION_ID), ==, id);
  g_assert_cmpstr (ekv_record_get_string (back, EKV_UNIT_OPERATION_NAME), ==, "Kurutma");
  g_assert_cmpint (ekv_record_get_enum (back, EKV_UNIT_OPERATION_MODE), ==, EKV_OPERATION_MODE_BATCH);
  g_assert_cmpfloat (ekv_record_get_double (back, EKV_UNIT_OPERATION_BATCHES_PER_YEAR), ==, 1200.0);
}

static EkvRecord *
add_flow (EkvDocument     *document,
          const char      *from,
          const char      *to,
          EkvFlowKind      kind,
          double           quantity,
          EkvQuantityUnit  unit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = ekv_document_new_id (document, EKV_ENTITY_FLOW, "f");
  EkvRecord *flow = ekv_record_new (EKV_ENTITY_FLOW);

  ekv_record_set_string (flow, EKV_FLOW_ID, id);
  ekv_record_set_string (flow, EKV_FLOW_NAME, id);
  ekv_record_set_enum (flow, EKV_FLOW_KIND, kind);
  if (from != NULL)
    ekv_record_set_string (flow, EKV_FLOW_FROM, from);
  if (to != NULL)
    ekv_record_set_string (flow, EKV_FLOW_TO, to);
  ekv_record_set_double (flow, EKV_FLOW_QUANTITY, quantity);
  ekv_record_set_enum (flow, EKV_FLOW_UNIT, unit);
  ekv_document_insert (document, flow, NULL, -1, &error);
  g_assert_no_error (error);
  g_object_unref (flow); /* the document holds it */

  return flow;
}

static guint
count_flows_of (EkvDocument *document,
                const char  *unit_id)
{
  GListModel *flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(EkvRecord) flow = g_list_model_get_item (flows, i);

      if (g_strcmp0 (ekv_record_get_string (flow, EKV_FLOW_FROM), unit_id) == 0 ||
          g_strcmp0 (ekv_record_get_string (flow, EKV_FLOW_TO), unit_id) == 0)
        n++;
    }

  return n;
}

/* A unit that flows use is deleted only when the user agrees to delete its flows
 * too; Undo puts the unit and its flows back where they were. */
static void
test_units_delete_with_flows (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  g_autoptr(EkvDocument) restored = NULL;
  g_autoptr(EkvRecord) back = NULL;
  g_autofree char *id = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *changed = NULL;
  GtkWidget *page = ekv_window_show_page (fixture->window, "units");
  EkvDocument *document = ekv_window_get_document (fixture->window);
  GListModel *units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  GListModel *flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  EkvRecordList *list = EKV_RECORD_LIST (find_row (page, EKV_TYPE_RECORD_LIST, NULL));
  AdwMessageDialog *dialog;
  EkvRecord *unit, *in, *out;
  guint n_units, n_flows, in_position;
  GtkWidget *undo;

  ekv_test_spin ();
  unit = ekv_record_list_add (list);
  g_assert_nonnull (unit);
  id = g_strdup (ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID));
  in = add_flow (document, "u1", id, EKV_FLOW_KIND_WATER, 10.0, EKV_QUANTITY_UNIT_M3);
  out = add_flow (document, id, NULL, EKV_FLOW_KIND_WASTEWATER, 10.0, EKV_QUANTITY_UNIT_M3);
  in_position = g_list_model_get_n_items (flows) - 2;
  n_units = g_list_model_get_n_items (units);
  n_flows = g_list_model_get_n_items (flows);
  ekv_test_spin ();

  /* The row counts the unit's flows, and follows them. */
  summary = ekv_units_page_summarize (EKV_UNITS_PAGE (page), unit);
  g_assert_true (g_str_has_prefix (summary, "1 input: Water · 1 output: Wastewater\n"));
  g_object_set (out, "kind", EKV_FLOW_KIND_EVAPORATION, NULL);
  changed = ekv_units_page_summarize (EKV_UNITS_PAGE (page), unit);
  g_assert_true (g_str_has_prefix (changed, "1 input: Water · 1 output: Evaporation\n"));

  /* Cancel keeps everything. */
  dialog = ekv_units_page_delete_unit (EKV_UNITS_PAGE (page), unit);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (dialog, "cancel");
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, n_flows);

  dialog = ekv_units_page_delete_unit (EKV_UNITS_PAGE (page), unit);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (dialog, "delete");
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units - 1);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, n_flows - 2);
  g_assert_null (ekv_document_find (document, EKV_ENTITY_UNIT_OPERATION, id));
  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (stored, EKV_ENTITY_UNIT_OPERATION)),
                    ==, n_units - 1);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (stored, EKV_ENTITY_FLOW)),
                    ==, n_flows - 2);
  g_assert_null (ekv_document_find (stored, EKV_ENTITY_UNIT_OPERATION, id));
  g_assert_cmpuint (count_flows_of (stored, id), ==, 0);

  undo = ekv_test_find_button (GTK_WIDGET (fixture->window), NULL, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, n_flows);
  restored = ekv_test_reopen (fixture->path);
  back = g_list_model_get_item (ekv_document_get_list (restored, EKV_ENTITY_UNIT_OPERATION), n_units - 1);
  g_assert_cmpstr (ekv_record_get_string (back, EKV_UNIT_OPERATION_ID), ==, id);
  g_assert_cmpuint (count_flows_of (restored, id), ==, 2);
  g_clear_object (&back);
  back = g_list_model_get_item (ekv_document_get_list (restored, EKV_ENTITY_FLOW), in_position);
  g_assert_cmpstr (ekv_record_get_string (back, EKV_FLOW_ID), ==,
                   ekv_record_get_string (in, EKV_FLOW_ID));
  g_assert_cmpstr (ekv_record_get_string (back, EKV_FLOW_TO), ==, id);
}

/* A unit's row shows its mass balance, and follows a quantity as it changes. */
static void
test_units_balance (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *balanced = NULL;
  g_autofree char *open = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *page = ekv_window_show_page (fixture->window, "units");
  EkvDocument *document = ekv_window_get_document (fixture->window);
  EkvRecordList *list = EKV_RECORD_LIST (find_row (page, EKV_TYPE_RECORD_LIST, NULL));
  g_autofree char *subtitle = NULL;
  GtkListBoxRow *row;
  EkvRecord *unit, *out;
  const char *id;

  ekv_test_spin ();
  unit = ekv_record_list_add (list);
  g_assert_nonnull (unit);
  id = ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID);
  add_flow (document, NULL, id, EKV_FLOW_KIND_RAW_MATERIAL, 100.0, EKV_QUANTITY_UNIT_KG);
  out = add_flow (document, id, NULL, EKV_FLOW_KIND_PRODUCT, 100.0, EKV_QUANTITY_UNIT_KG);
  ekv_test_spin ();

  balanced = ekv_units_page_summarize (EKV_UNITS_PAGE (page), unit);
  expected = g_strdup_printf ("\nMass balance: %s (0.0 %%)",
                              ekv_balance_status_describe (EKV_BALANCE_STATUS_OK));
  g_assert_nonnull (strstr (balanced, expected));
  g_clear_pointer (&expected, g_free);

  /* 20 kg of 100 unaccounted for: above the default error threshold of 10 %. */
  g_object_set (out, "quantity", 80.0, NULL);
  open = ekv_units_page_summarize (EKV_UNITS_PAGE (page), unit);
  expected = g_strdup_printf ("\nMass balance: %s (20.0 %%)",
                              ekv_balance_status_describe (EKV_BALANCE_STATUS_ERROR));
  g_assert_nonnull (strstr (open, expected));

  /* The row says the same. */
  row = gtk_list_box_get_row_at_index (ekv_record_list_get_list_box (list),
                                       g_list_model_get_n_items (ekv_document_get_list (document,
                                                                                        EKV_ENTITY_UNIT_OPERATION)) - 1);
  g_object_get (row, "subtitle", &subtitle, NULL);
  g_assert_cmpstr (subtitle, ==, open);
}

/* The inventory page on unit UNIT_ID of the sample. */
static EkvInventoryPage *
inventory_page (Fixture    *fixture,
                const char *unit_id)
{
  EkvDocument *document = ekv_window_get_document (fixture->window);
  GtkWidget *page = ekv_window_show_page (fixture->window, "inventory");
  EkvRecord *unit = ekv_document_find (document, EKV_ENTITY_UNIT_OPERATION, unit_id);

  g_assert_nonnull (unit);
  g_assert_true (EKV_IS_INVENTORY_PAGE (page));
  ekv_inventory_page_set_unit (EKV_INVENTORY_PAGE (page), unit);
  ekv_test_spin ();
  g_assert_true (ekv_inventory_page_get_unit (EKV_INVENTORY_PAGE (page)) == unit);

  return EKV_INVENTORY_PAGE (page);
}

static guint
count_flows (EkvDocument *document,
             guint        field,
             const char  *unit_id)
{
  GListModel *flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(EkvRecord) flow = g_list_model_get_item (flows, i);

      if (g_strcmp0 (ekv_record_get_string (flow, field), unit_id) == 0)
        n++;
    }

  return n;
}

/* A unit's inventory lists exactly the flows that enter and leave it. */
static void
test_inventory_lists (Fixture       *fixture,
                      gconstpointer  data)
{
  EkvDocument *document = ekv_window_get_document (fixture->window);
  EkvInventoryPage *page = inventory_page (fixture, "u4");
  GListModel *inputs = ekv_inventory_page_get_inputs (page);
  GListModel *outputs = ekv_inventory_page_get_outputs (page);
  guint n_in = count_flows (document, EKV_FLOW_TO, "u4");
  guint n_out = count_flows (document, EKV_FLOW_FROM, "u4");

  g_assert_cmpuint (n_in, >, 0);
  g_assert_cmpuint (n_out, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (inputs), ==, n_in);
  g_assert_cmpuint (g_list_model_get_n_items (outputs), ==, n_out);
  for (guint i = 0; i < n_in; i++)
    {
      g_autoptr(EkvRecord) flow = g_list_model_get_item (inputs, i);

      g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_TO), ==, "u4");
      g_assert_nonnull (ekv_inventory_page_open_flow (page, flow));
    }

  /* Another unit, other flows. */
  page = inventory_page (fixture, "u2");
  g_assert_cmpuint (g_list_model_get_n_items (ekv_inventory_page_get_inputs (page)), ==,
                    count_flows (document, EKV_FLOW_TO, "u2"));
}

static AdwComboRow *
find_combo_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_COMBO_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_combo_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A flow's To offers outside the plant and every unit, units added later too;
 * choosing outside the plant stores it and takes the flow off the unit's inputs. */
static void
test_inventory_to (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) stored = NULL;
  g_autoptr(EkvRecord) unit = ekv_record_new (EKV_ENTITY_UNIT_OPERATION);
  EkvDocument *document = ekv_window_get_document (fixture->window);
  EkvInventoryPage *page = inventory_page (fixture, "u4");
  GListModel *units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  g_autoptr(EkvRecord) flow = g_list_model_get_item (ekv_inventory_page_get_inputs (page), 0);
  guint n_in = g_list_model_get_n_items (ekv_inventory_page_get_inputs (page));
  const char *title = g_dgettext (GETTEXT_PACKAGE,
                                  ekv_entity_get (EKV_ENTITY_FLOW)->fields[EKV_FLOW_TO].label);
  GtkWidget *row = ekv_inventory_page_open_flow (page, flow);
  g_autofree char *id = g_strdup (ekv_record_get_string (flow, EKV_FLOW_ID));
  AdwComboRow *to;
  guint position;

  g_assert_nonnull (row);
  to = find_combo_row (row, title);
  g_assert_nonnull (to);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (to)), ==,
                    g_list_model_get_n_items (units) + 1);
  g_assert_true (g_list_store_find (G_LIST_STORE (units),
                                    ekv_document_find (document, EKV_ENTITY_UNIT_OPERATION, "u4"),
                                    &position));
  g_assert_cmpuint (adw_combo_row_get_selected (to), ==, position + 1);

  ekv_record_set_string (unit, EKV_UNIT_OPERATION_ID, "u99");
  ekv_record_set_string (unit, EKV_UNIT_OPERATION_NAME, "Extra");
  g_assert_true (ekv_document_insert (document, unit, NULL, -1, &error));
  g_assert_no_error (error);
  ekv_test_spin ();
  /* Its row was made again, with the new unit among the choices. */
  row = ekv_inventory_page_open_flow (page, flow);
  g_assert_nonnull (row);
  to = find_combo_row (row, title);
  g_assert_nonnull (to);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (to)), ==,
                    g_list_model_get_n_items (units) + 1);
  g_assert_cmpuint (adw_combo_row_get_selected (to), ==, position + 1);
  g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_TO), ==, "u4");

  adw_combo_row_set_selected (to, 0);
  ekv_test_spin ();
  g_assert_null (ekv_record_get_string (flow, EKV_FLOW_TO));
  g_assert_cmpuint (g_list_model_get_n_items (ekv_inventory_page_get_inputs (page)), ==, n_in - 1);
  stored = ekv_test_reopen (fixture->path);
  g_assert_null (ekv_record_get_string (ekv_document_find (stored, EKV_ENTITY_FLOW, id),
                                        EKV_FLOW_TO));

  /* The choice of unit works as well after the units changed. */
  ekv_inventory_page_set_unit (page, unit);
  ekv_test_spin ();
  g_assert_true (ekv_inventory_page_get_unit (page) == unit);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_inventory_page_get_inputs (page)), ==, 0);
}

/* The flows can be shown by name or largest quantity first, and as entered again. */
static void
test_inventory_sort (Fixture       *fixture,
                     gconstpointer  data)
{
  EkvInventoryPage *page = inventory_page (fixture, "u4");
  GListModel *inputs = ekv_inventory_page_get_inputs (page);
  AdwComboRow *sort = find_combo_row (GTK_WIDGET (page), "Order of the flows");
  g_autoptr(EkvRecord) first = g_list_model_get_item (inputs, 0);
  guint n = g_list_model_get_n_items (inputs);

  g_assert_nonnull (sort);
  g_assert_cmpuint (n, >, 2);

  adw_combo_row_set_selected (sort, 2);
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (inputs), ==, n);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(EkvRecord) a = g_list_model_get_item (inputs, i - 1);
      g_autoptr(EkvRecord) b = g_list_model_get_item (inputs, i);

      g_assert_cmpfloat (ekv_record_get_double (a, EKV_FLOW_QUANTITY), >=,
                         ekv_record_get_double (b, EKV_FLOW_QUANTITY));
    }

  adw_combo_row_set_selected (sort, 1);
  ekv_test_spin ();
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(EkvRecord) a = g_list_model_get_item (inputs, i - 1);
      g_autoptr(EkvRecord) b = g_list_model_get_item (inputs, i);
      g_autofree char *ka = g_utf8_collate_key (ekv_record_get_string (a, EKV_FLOW_NAME), -1);
      g_autofree char *kb = g_utf8_collate_key (ekv_record_get_string (b, EKV_FLOW_NAME), -1);

      g_assert_cmpint (strcmp (ka, kb), <=, 0);
    }

  adw_combo_row_set_selected (sort, 0);
  ekv_test_spin ();
  {
    g_autoptr(EkvRecord) again = g_list_model_get_item (inputs, 0);

    g_assert_true (again == first);
  }
}

/* Typing an output's quantity changes the balance shown and the file; a letter
 * or a negative number is refused beside the field and changes nothing. */
static void
test_inventory_quantity (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *refused = NULL;
  EkvInventoryPage *page = inventory_page (fixture, "u4");
  g_autoptr(EkvRecord) flow = g_list_model_get_item (ekv_inventory_page_get_outputs (page), 0);
  GtkWidget *row = ekv_inventory_page_open_flow (page, flow);
  EkvFieldRow *quantity;
  double old = ekv_record_get_double (flow, EKV_FLOW_QUANTITY);
  const char *id = ekv_record_get_string (flow, EKV_FLOW_ID);

  g_assert_nonnull (row);
  quantity = EKV_FIELD_ROW (find_row (row, EKV_TYPE_FIELD_ROW, "quantity"));
  g_assert_nonnull (quantity);
  before = ekv_inventory_page_describe_balance (page);

  gtk_editable_set_text (GTK_EDITABLE (quantity), "12a");
  g_assert_false (ekv_field_row_apply (quantity));
  g_assert_nonnull (ekv_field_row_get_error_message (quantity));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (quantity), "error"));
  gtk_editable_set_text (GTK_EDITABLE (quantity), "-5");
  g_assert_false (ekv_field_row_apply (quantity));
  g_assert_nonnull (ekv_field_row_get_error_message (quantity));
  ekv_test_spin ();
  refused = ekv_inventory_page_describe_balance (page);
  g_assert_cmpstr (refused, ==, before);
  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpfloat (ekv_record_get_double (ekv_document_find (stored, EKV_ENTITY_FLOW, id),
                                            EKV_FLOW_QUANTITY), ==, old);
  g_clear_object (&stored);

  /* Escape puts the stored value back. */
  gtk_widget_grab_focus (GTK_WIDGET (quantity));
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Escape, 0, 0, &handled);
      }
    g_autofree char *shown = ekv_number_format (old, -1);

    g_assert_true (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                            EKV_TYPE_FIELD_ROW) == GTK_WIDGET (quantity));
    g_assert_true (handled);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (quantity)), ==, shown);
    g_assert_null (ekv_field_row_get_error_message (quantity));
  }

  gtk_editable_set_text (GTK_EDITABLE (quantity), "1");
  g_assert_true (ekv_field_row_apply (quantity));
  ekv_test_spin ();
  after = ekv_inventory_page_describe_balance (page);
  g_assert_cmpstr (after, !=, before);
  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpfloat (ekv_record_get_double (ekv_document_find (stored, EKV_ENTITY_FLOW, id),
                                            EKV_FLOW_QUANTITY), ==, 1.0);
}

/* A new input goes to the unit from outside; a duplicate follows its original;
 * a removed flow comes back with Undo's insert. */
static void
test_inventory_add (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  EkvDocument *document = ekv_window_get_document (fixture->window);
  EkvInventoryPage *page = inventory_page (fixture, "u4");
  guint n_in = g_list_model_get_n_items (ekv_inventory_page_get_inputs (page));
  guint n_out = g_list_model_get_n_items (ekv_inventory_page_get_outputs (page));
  GListModel *flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  EkvRecord *input, *output, *copy;
  g_autofree char *id = NULL;
  guint position, copy_position;

  input = ekv_inventory_page_add (page, FALSE);
  g_assert_nonnull (input);
  id = g_strdup (ekv_record_get_string (input, EKV_FLOW_ID));
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (ekv_inventory_page_get_inputs (page)), ==, n_in + 1);
  /* Opening it shows its fields and sets none of them: it has no carrier. */
  g_assert_nonnull (ekv_inventory_page_open_flow (page, input));
  ekv_test_spin ();
  g_assert_false (ekv_record_is_set (input, EKV_FLOW_CARRIER));
  g_assert_cmpstr (ekv_record_get_string (input, EKV_FLOW_TO), ==, "u4");
  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpstr (ekv_record_get_string (ekv_document_find (stored, EKV_ENTITY_FLOW, id),
                                          EKV_FLOW_TO), ==, "u4");
  g_assert_null (ekv_record_get_string (ekv_document_find (stored, EKV_ENTITY_FLOW, id),
                                        EKV_FLOW_FROM));
  g_clear_object (&stored);

  output = ekv_inventory_page_add (page, TRUE);
  g_assert_nonnull (output);
  g_assert_cmpstr (ekv_record_get_string (output, EKV_FLOW_FROM), ==, "u4");
  g_assert_cmpint (ekv_record_get_enum (output, EKV_FLOW_KIND), ==, EKV_FLOW_KIND_PRODUCT);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_inventory_page_get_outputs (page)), ==, n_out + 1);

  g_object_set (input, "quantity", 7.5, NULL);
  copy = ekv_inventory_page_duplicate (page, input);
  g_assert_nonnull (copy);
  g_assert_cmpstr (ekv_record_get_string (copy, EKV_FLOW_ID), !=, id);
  g_assert_cmpfloat (ekv_record_get_double (copy, EKV_FLOW_QUANTITY), ==, 7.5);
  g_assert_true (g_list_store_find (G_LIST_STORE (flows), input, &position));
  g_assert_true (g_list_store_find (G_LIST_STORE (flows), copy, &copy_position));
  g_assert_cmpuint (copy_position, ==, position + 1);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_inventory_page_get_inputs (page)), ==, n_in + 2);

  /* Moved to another unit, it leaves this unit's list. */
  g_object_set (copy, "to-unit", "u2", NULL);
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (ekv_inventory_page_get_inputs (page)), ==, n_in + 1);

  /* Litres of a raw material without a density cannot be weighed: its row says so
   * until it has one. */
  g_assert_null (ekv_inventory_page_get_flow_warning (page, input));
  g_object_set (input, "unit", EKV_QUANTITY_UNIT_L, NULL);
  ekv_test_spin ();
  g_assert_nonnull (ekv_inventory_page_get_flow_warning (page, input));
  g_object_set (input, "density", 1.2, NULL);
  ekv_test_spin ();
  g_assert_null (ekv_inventory_page_get_flow_warning (page, input));

  ekv_inventory_page_remove (page, input);
  ekv_test_spin ();
  g_assert_null (ekv_document_find (document, EKV_ENTITY_FLOW, id));
  g_assert_cmpuint (g_list_model_get_n_items (ekv_inventory_page_get_inputs (page)), ==, n_in);
}

/* A unit an option names is not deleted, not even with its flows: the user is
 * told why and nothing changes. */
static void
test_units_delete_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  GtkWidget *page = ekv_window_show_page (fixture->window, "units");
  EkvDocument *document = ekv_window_get_document (fixture->window);
  GListModel *units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  GListModel *flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  guint n_units = g_list_model_get_n_items (units);
  guint n_flows = g_list_model_get_n_items (flows);
  EkvRecord *unit = ekv_document_find (document, EKV_ENTITY_UNIT_OPERATION, "u3");

  g_assert_nonnull (unit);
  g_assert_cmpuint (count_flows_of (document, "u3"), >, 0);
  ekv_test_spin ();
  g_assert_null (ekv_units_page_delete_unit (EKV_UNITS_PAGE (page), unit));
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, n_units);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, n_flows);
  stored = ekv_test_reopen (fixture->path);
  g_assert_nonnull (ekv_document_find (stored, EKV_ENTITY_UNIT_OPERATION, "u3"));
  g_assert_cmpuint (count_flows_of (stored, "u3"), ==, count_flows_of (document, "u3"));
}

static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller; /* the widget holds it */
    }

  return NULL;
}

/* Move Down on the first unit makes it the second, in the file too. */
static void
test_units_reorder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  g_autoptr(EkvRecord) first = NULL;
  g_autoptr(EkvRecord) second = NULL;
  g_autoptr(EkvRecord) stored_first = NULL;
  g_autoptr(EkvRecord) stored_second = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  GtkWidget *page = ekv_window_show_page (fixture->window, "units");
  EkvDocument *document = ekv_window_get_document (fixture->window);
  GListModel *units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  EkvRecordList *list = EKV_RECORD_LIST (find_row (page, EKV_TYPE_RECORD_LIST, NULL));
  GtkListBoxRow *row;
  GtkWidget *up, *down, *field;
  GtkEventController *key;
  gboolean handled = FALSE;

  ekv_test_spin ();
  first = g_list_model_get_item (units, 0);
  second = g_list_model_get_item (units, 1);
  first_id = g_strdup (ekv_record_get_string (first, EKV_UNIT_OPERATION_ID));
  second_id = g_strdup (ekv_record_get_string (second, EKV_UNIT_OPERATION_ID));

  /* The first unit cannot go up. */
  row = gtk_list_box_get_row_at_index (ekv_record_list_get_list_box (list), 0);
  up = ekv_test_find_button (GTK_WIDGET (row), "go-up-symbolic", NULL);
  down = ekv_test_find_button (GTK_WIDGET (row), "go-down-symbolic", NULL);
  g_assert_nonnull (up);
  g_assert_nonnull (down);
  g_assert_false (gtk_widget_get_sensitive (up));
  g_assert_true (gtk_widget_get_sensitive (down));

  g_signal_emit_by_name (down, "clicked");
  ekv_test_spin ();
  g_clear_object (&first);
  first = g_list_model_get_item (units, 0);
  g_assert_cmpstr (ekv_record_get_string (first, EKV_UNIT_OPERATION_ID), ==, second_id);

  stored = ekv_test_reopen (fixture->path);
  stored_first = g_list_model_get_item (ekv_document_get_list (stored, EKV_ENTITY_UNIT_OPERATION), 0);
  stored_second = g_list_model_get_item (ekv_document_get_list (stored, EKV_ENTITY_UNIT_OPERATION), 1);
  g_assert_cmpstr (ekv_record_get_string (stored_first, EKV_UNIT_OPERATION_ID), ==, second_id);
  g_assert_cmpstr (ekv_record_get_string (stored_second, EKV_UNIT_OPERATION_ID), ==, first_id);

  /* The focus stays on the moved unit's button, now on the second row. */
  row = gtk_list_box_get_row_at_index (ekv_record_list_get_list_box (list), 1);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (row)));

  /* Alt+Up on that row puts the unit back first, in the file too. */
  key = find_key_controller (GTK_WIDGET (ekv_record_list_get_list_box (list)));
  g_assert_nonnull (key);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Up, 0, GDK_ALT_MASK, &handled);
  g_assert_true (handled);
  ekv_test_spin ();
  g_clear_object (&first);
  first = g_list_model_get_item (units, 0);
  g_assert_cmpstr (ekv_record_get_string (first, EKV_UNIT_OPERATION_ID), ==, first_id);
  g_clear_object (&stored);
  g_clear_object (&stored_first);
  stored = ekv_test_reopen (fixture->path);
  stored_first = g_list_model_get_item (ekv_document_get_list (stored, EKV_ENTITY_UNIT_OPERATION), 0);
  g_assert_cmpstr (ekv_record_get_string (stored_first, EKV_UNIT_OPERATION_ID), ==, first_id);

  /* In a field, the keys are the text's. */
  row = gtk_list_box_get_row_at_index (ekv_record_list_get_list_box (list), 0);
  g_signal_emit_by_name (row, "activate");
  ekv_test_spin ();
  row = gtk_list_box_get_row_at_index (ekv_record_list_get_list_box (list), 0);
  field = find_row (GTK_WIDGET (row), EKV_TYPE_FIELD_ROW, "name");
  g_assert_nonnull (field);
  gtk_widget_grab_focus (field);
  g_signal_emit_by_name (key, "key-pressed", GDK_KEY_Down, 0, GDK_ALT_MASK, &handled);
  g_assert_false (handled);
}

/* The sum of the quantities of the bills of CARRIER in the document, in kWh or m³ as stored. */
static double
sum_bills (EkvDocument *document,
           EkvCarrier   carrier,
           guint       *n)
{
  GListModel *bills = ekv_document_get_list (document, EKV_ENTITY_BILL);
  double sum = 0.0;

  *n = 0;
  for (guint i = 0; i < g_list_model_get_n_items (bills); i++)
    {
      g_autoptr(EkvRecord) bill = g_list_model_get_item (bills, i);

      if (ekv_record_get_enum (bill, EKV_BILL_CARRIER) != (int) carrier)
        continue;
      sum += ekv_record_get_double (bill, EKV_BILL_QUANTITY);
      (*n)++;
    }

  return sum;
}

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

/* The sample's electricity: twelve months, and the total is their sum. */
static void
test_bills_totals (Fixture       *fixture,
                   gconstpointer  data)
{
  EkvDocument *document = ekv_window_get_document (fixture->window);
  GtkWidget *page = ekv_window_show_page (fixture->window, "bills");
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *total = NULL;
  EkvQuantityUnit unit;
  double quantity, cost;
  guint n;
  double sum = sum_bills (document, EKV_CARRIER_ELECTRICITY, &n);

  g_assert_true (EKV_IS_BILLS_PAGE (page));
  g_assert_cmpuint (n, ==, 12);
  g_assert_cmpuint (ekv_bills_page_get_n_months (EKV_BILLS_PAGE (page), EKV_CARRIER_ELECTRICITY), ==, 12);
  for (guint i = 0; i < 12; i++)
    g_assert_nonnull (ekv_bills_page_get_field_row (EKV_BILLS_PAGE (page), EKV_CARRIER_ELECTRICITY,
                                                    i, "quantity"));

  g_assert_true (ekv_bills_page_get_totals (EKV_BILLS_PAGE (page), EKV_CARRIER_ELECTRICITY,
                                            &quantity, &unit, &cost, &text));
  g_assert_cmpint (unit, ==, EKV_QUANTITY_UNIT_KWH);
  g_assert_cmpfloat_with_epsilon (quantity, sum, 1e-6);
  g_assert_cmpfloat (cost, >, 0);
  total = ekv_number_format (sum, 0);
  expected = g_strdup_printf ("12 of 12 months: %s kWh", total);
  g_assert_nonnull (strstr (text, expected));

  /* No page for a carrier the sample has no bills for. */
  g_assert_cmpuint (ekv_bills_page_get_n_months (EKV_BILLS_PAGE (page), EKV_CARRIER_WASTEWATER), ==, 0);
}

/* A month's quantity typed in its row changes the total at once, and the file. */
static void
test_bills_edit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  EkvDocument *document = ekv_window_get_document (fixture->window);
  EkvBillsPage *page = EKV_BILLS_PAGE (ekv_window_show_page (fixture->window, "bills"));
  EkvFieldRow *row = ekv_bills_page_get_field_row (page, EKV_CARRIER_ELECTRICITY, 0, "quantity");
  EkvRecord *bill = find_bill (document, EKV_CARRIER_ELECTRICITY, "2025-01");
  double before, after, old = ekv_record_get_double (bill, EKV_BILL_QUANTITY);
  g_autofree char *text = NULL;
  g_autofree char *total = NULL;

  g_assert_nonnull (row);
  g_assert_true (ekv_field_row_get_record (row) == bill);
  g_assert_true (ekv_bills_page_get_totals (page, EKV_CARRIER_ELECTRICITY, &before, NULL, NULL, NULL));

  gtk_editable_set_text (GTK_EDITABLE (row), "500000");
  g_assert_true (ekv_field_row_apply (row));
  g_assert_true (ekv_bills_page_get_totals (page, EKV_CARRIER_ELECTRICITY, &after, NULL, NULL, &text));
  g_assert_cmpfloat_with_epsilon (after, before - old + 500000, 1e-6);
  total = ekv_number_format (after, 0);
  g_assert_nonnull (strstr (text, total));

  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpfloat (ekv_record_get_double (find_bill (stored, EKV_CARRIER_ELECTRICITY, "2025-01"),
                                            EKV_BILL_QUANTITY), ==, 500000);
}

/* A letter in a quantity is refused beside the field; nothing changes. */
static void
test_bills_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(EkvDocument) stored = NULL;
  EkvDocument *document = ekv_window_get_document (fixture->window);
  EkvBillsPage *page = EKV_BILLS_PAGE (ekv_window_show_page (fixture->window, "bills"));
  EkvFieldRow *row = ekv_bills_page_get_field_row (page, EKV_CARRIER_ELECTRICITY, 1, "quantity");
  EkvRecord *bill = find_bill (document, EKV_CARRIER_ELECTRICITY, "2025-02");
  double old = ekv_record_get_double (bill, EKV_BILL_QUANTITY);
  double before, after;

  g_assert_true (ekv_bills_page_get_totals (page, EKV_CARRIER_ELECTRICITY, &before, NULL, NULL, NULL));
  gtk_editable_set_text (GTK_EDITABLE (row), "35a000");
  g_assert_false (ekv_field_row_apply (row));
  ekv_test_spin ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_nonnull (ekv_field_row_get_error_message (row));
  g_assert_cmpfloat (ekv_record_get_double (bill, EKV_BILL_QUANTITY), ==, old);
  g_assert_true (ekv_bills_page_get_totals (page, EKV_CARRIER_ELECTRICITY, &after, NULL, NULL, NULL));
  g_assert_cmpfloat (after, ==, before);

  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpfloat (ekv_record_get_double (find_bill (stored, EKV_CARRIER_ELECTRICITY, "2025-02"),
                                            EKV_BILL_QUANTITY), ==, old);
}

/* A carrier added from "Add bills for…" starts empty; adding a month makes its bill. */
static void
test_bills_add_month (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) stored = NULL;
  EkvDocument *document = ekv_window_get_document (fixture->window);
  EkvBillsPage *page = EKV_BILLS_PAGE (ekv_window_show_page (fixture->window, "bills"));
  EkvRecord *bill;
  double quantity;
  guint n;

  ekv_bills_page_add_carrier (page, EKV_CARRIER_WASTEWATER);
  g_assert_cmpuint (ekv_bills_page_get_n_months (page, EKV_CARRIER_WASTEWATER), ==, 12);
  g_assert_null (ekv_bills_page_get_field_row (page, EKV_CARRIER_WASTEWATER, 2, "quantity"));
  sum_bills (document, EKV_CARRIER_WASTEWATER, &n);
  g_assert_cmpuint (n, ==, 0);

  bill = ekv_bills_page_add_month (page, EKV_CARRIER_WASTEWATER, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bill);
  g_assert_cmpstr (ekv_record_get_string (bill, EKV_BILL_MONTH), ==, "2025-03");
  g_assert_cmpint (ekv_record_get_enum (bill, EKV_BILL_UNIT), ==, EKV_QUANTITY_UNIT_M3);
  g_assert_nonnull (ekv_bills_page_get_field_row (page, EKV_CARRIER_WASTEWATER, 2, "quantity"));

  g_object_set (bill, "quantity", 120.0, NULL);
  g_assert_true (ekv_bills_page_get_totals (page, EKV_CARRIER_WASTEWATER, &quantity, NULL, NULL, NULL));
  g_assert_cmpfloat (quantity, ==, 120.0);

  stored = ekv_test_reopen (fixture->path);
  g_assert_nonnull (find_bill (stored, EKV_CARRIER_WASTEWATER, "2025-03"));
}

/* A shorter reference period shows fewer months, and the totals follow it. */
static void
test_bills_period (Fixture       *fixture,
                   gconstpointer  data)
{
  EkvDocument *document = ekv_window_get_document (fixture->window);
  EkvBillsPage *page = EKV_BILLS_PAGE (ekv_window_show_page (fixture->window, "bills"));
  EkvRecord *company = ekv_document_get_company (document);
  double expected = 0.0, quantity;

  for (guint m = 1; m <= 6; m++)
    {
      g_autofree char *month = g_strdup_printf ("2025-%02u", m);

      expected += ekv_record_get_double (find_bill (document, EKV_CARRIER_ELECTRICITY, month),
                                         EKV_BILL_QUANTITY);
    }

  g_object_set (company, "reference-end", "2025-06-30", NULL);
  ekv_test_spin ();
  g_assert_cmpstr (ekv_record_get_string (company, EKV_COMPANY_REFERENCE_END), ==, "2025-06-30");
  g_assert_cmpuint (ekv_bills_page_get_n_months (page, EKV_CARRIER_ELECTRICITY), ==, 6);
  g_assert_true (ekv_bills_page_get_totals (page, EKV_CARRIER_ELECTRICITY, &quantity, NULL, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (quantity, expected, 1e-6);
}

/* The chart paints bars onto any cairo context, without warnings. */
static void
test_bills_chart (Fixture       *fixture,
                  gconstpointer  data)
{
  EkvBillsPage *page = EKV_BILLS_PAGE (ekv_window_show_page (fixture->window, "bills"));
  EkvMonthChart *chart = ekv_bills_page_get_chart (page, EKV_CARRIER_ELECTRICITY);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, 120);
  cairo_t *cr = cairo_create (surface);
  const guchar *pixels;
  guint painted = 0;
  int stride;

  g_assert_nonnull (chart);
  ekv_month_chart_draw (chart, cr, 480, 120);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  /* Twelve bars fill a good part of the area. */
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 120; y++)
    for (int x = 0; x < 480; x++)
      if (pixels[y * stride + x * 4 + 3] != 0)
        painted++;
  g_assert_cmpuint (painted, >, 480 * 120 / 5);
  cairo_surface_destroy (surface);
}

/* The audit's factor for CARRIER in UNIT in DOCUMENT, or NULL. */
static EkvRecord *
find_factor (EkvDocument     *document,
             EkvCarrier       carrier,
             EkvQuantityUnit  unit)
{
  GListModel *factors = ekv_document_get_list (document, EKV_ENTITY_FACTOR);

  for (guint i = 0; i < g_list_model_get_n_items (factors); i++)
    {
      g_autoptr(EkvRecord) factor = g_list_model_get_item (factors, i);

      if (ekv_record_get_enum (factor, EKV_FACTOR_CARRIER) == (int) carrier &&
          ekv_record_get_enum (factor, EKV_FACTOR_UNIT) == (int) unit)
        return factor; /* the document holds it */
    }

  return NULL;
}

/* Every built-in factor has its group; Override copies it into the audit, where
 * it can be edited; Reset removes it again. */
static void
test_factors_override (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) stored = NULL;
  EkvDocument *document = ekv_window_get_document (fixture->window);
  EkvFactorsPage *page = EKV_FACTORS_PAGE (ekv_window_show_page (fixture->window, "factors"));
  const EkvFactor *builtin;
  EkvFactorsPage *again;
  EkvRecord *record;
  guint n, index = G_MAXUINT;

  builtin = ekv_factors_get_builtin (&n);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (ekv_factors_page_get_n_factors (page), ==, n);
  /* The sample's steam and compressed air factors have no built-in one. */
  g_assert_cmpuint (ekv_factors_page_get_n_audit_only (page), ==, 2);
  for (guint i = 0; i < n && index == G_MAXUINT; i++)
    if (find_factor (document, builtin[i].carrier, builtin[i].unit) == NULL)
      index = i;
  g_assert_cmpuint (index, <, n);
  /* The sample's own natural gas factor is the override the page shows. */
  g_assert_nonnull (ekv_factors_page_find_override (page, EKV_CARRIER_NATURAL_GAS, EKV_QUANTITY_UNIT_SM3));

  record = ekv_factors_page_override (page, index, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_true (find_factor (document, builtin[index].carrier, builtin[index].unit) == record);
  g_assert_cmpfloat (ekv_record_get_double (record, EKV_FACTOR_TEP), ==, builtin[index].tep);
  g_assert_cmpfloat (ekv_record_get_double (record, EKV_FACTOR_CO2_KG), ==, builtin[index].co2_kg);
  g_assert_true (ekv_factors_page_find_override (page, builtin[index].carrier, builtin[index].unit) == record);

  /* The page now edits the audit's figure. */
  g_object_set (record, "tep", 0.0009, NULL);
  stored = ekv_test_reopen (fixture->path);
  record = find_factor (stored, builtin[index].carrier, builtin[index].unit);
  g_assert_nonnull (record);
  g_assert_cmpfloat (ekv_record_get_double (record, EKV_FACTOR_TEP), ==, 0.0009);
  g_clear_object (&stored);

  g_assert_true (ekv_factors_page_reset (page, index, &error));
  g_assert_no_error (error);
  g_assert_null (find_factor (document, builtin[index].carrier, builtin[index].unit));
  stored = ekv_test_reopen (fixture->path);
  g_assert_null (find_factor (stored, builtin[index].carrier, builtin[index].unit));

  /* The page is still the same, with as many groups. */
  again = EKV_FACTORS_PAGE (ekv_window_show_page (fixture->window, "factors"));
  g_assert_true (again == page);
  g_assert_cmpuint (ekv_factors_page_get_n_factors (page), ==, n);
}

/* New audits go to the folder given, each under a name of its own. */
static void
test_new_audit (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  EkvWindow *first, *second;
  const char *first_path, *second_path;

  first = ekv_application_new_audit (fixture->app, fixture->dir, &error);
  g_assert_no_error (error);
  second = ekv_application_new_audit (fixture->app, fixture->dir, &error);
  g_assert_no_error (error);

  first_path = ekv_document_get_path (ekv_window_get_document (first));
  second_path = ekv_document_get_path (ekv_window_get_document (second));
  g_assert_true (g_str_has_prefix (first_path, fixture->dir));
  g_assert_true (g_str_has_suffix (first_path, ".ekv"));
  g_assert_true (g_str_has_suffix (second_path, " (2).ekv"));
  g_assert_true (g_file_test (second_path, G_FILE_TEST_IS_REGULAR));

  /* Opening a file that is already open presents its window. */
  g_assert_true (ekv_application_open_path (fixture->app, first_path, &error) == first);
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (first));
  gtk_window_destroy (GTK_WINDOW (second));
  ekv_test_spin ();
}

/* "Save a Copy" writes a whole document elsewhere; the window stays on its own file. */
static void
test_save_copy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) copy = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "copy.ekv", NULL);
  EkvDocument *document = ekv_window_get_document (fixture->window);

  g_assert_true (ekv_window_save_copy (fixture->window, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ekv_document_get_path (document), ==, fixture->path);

  copy = ekv_document_open (path, EKV_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ekv_record_get_string (ekv_document_get_company (copy), EKV_COMPANY_NAME), ==,
                   ekv_record_get_string (ekv_document_get_company (document), EKV_COMPANY_NAME));
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (copy, EKV_ENTITY_FLOW)), ==,
                    g_list_model_get_n_items (ekv_document_get_list (document, EKV_ENTITY_FLOW)));
}

/* Save a Copy never replaces an audit open in another window: that window would go
 * on writing to a deleted file. */
static void
test_save_copy_over_open (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  EkvWindow *other;

  other = ekv_application_new_audit (fixture->app, fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (ekv_document_get_path (ekv_window_get_document (other)),
                                      &before, &before_len, NULL));

  g_assert_false (ekv_window_save_copy (fixture->window,
                                        ekv_document_get_path (ekv_window_get_document (other)),
                                        &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_true (g_file_get_contents (ekv_document_get_path (ekv_window_get_document (other)),
                                      &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  gtk_window_destroy (GTK_WINDOW (other));
  ekv_test_spin ();
}

/* Enter on a step of the sidebar takes the keyboard into that step's page. */
static void
test_enter_page (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkListBox *sidebar = ekv_window_get_sidebar (fixture->window);
  GtkListBoxRow *team_row = gtk_list_box_get_row_at_index (sidebar, 0);
  GtkWidget *page, *focus;

  gtk_window_present (GTK_WINDOW (fixture->window));
  ekv_test_spin ();
  gtk_widget_grab_focus (GTK_WIDGET (team_row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.focus-page", NULL));
  ekv_test_spin ();

  page = ekv_window_show_page (fixture->window, "team");
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, page));
}

/* A file that is not an audit is refused with a reason. */
static void
test_open_failure (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "notes.ekv", NULL);

  g_assert_true (g_file_set_contents (path, "not an audit\n", -1, NULL));
  g_assert_null (ekv_application_open_path (fixture->app, path, &error));
  g_assert_nonnull (error);
}

static GtkWidget *
find_text_view (GtkWidget *root)
{
  if (GTK_IS_TEXT_VIEW (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A document that cannot be written shows its values but offers no editing: typing
 * would only be refused after the fact. */
static void
test_read_only_window (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(EkvDocument) document = ekv_test_reopen (fixture->path);
  EkvWindow *window = ekv_window_new_for_document (GTK_APPLICATION (fixture->app), document);
  GtkWidget *page;
  GtkWidget *remove;
  EkvRecordList *list;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ekv_document_is_read_only (document));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (ekv_window_get_title_widget (window)),
                            "read-only"));

  page = ekv_window_show_page (window, "company");
  ekv_test_spin ();
  ekv_company_page_ensure_details (EKV_COMPANY_PAGE (page));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (find_row (page, EKV_TYPE_FIELD_ROW, "name"))));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (find_row (page, EKV_TYPE_FIELD_ROW, "employees"))));

  page = ekv_window_show_page (window, "team");
  ekv_test_spin ();
  list = EKV_RECORD_LIST (find_row (page, EKV_TYPE_RECORD_LIST, NULL));
  remove = ekv_test_find_button (GTK_WIDGET (list), "user-trash-symbolic", NULL);
  g_assert_nonnull (remove);
  g_assert_false (gtk_widget_is_sensitive (remove));

  page = ekv_window_show_page (window, "plan");
  ekv_test_spin ();
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (find_text_view (page))));

  gtk_window_destroy (GTK_WINDOW (window));
  ekv_test_spin ();
}

/* A file the user may not write opens read-only instead of not at all. */
static void
test_open_read_only_file (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.ekv", NULL);
  EkvWindow *window;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes any file");
      return;
    }

  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (ekv_window_save_copy (fixture->window, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  window = ekv_application_open_path (fixture->app, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (window);
  g_assert_true (ekv_document_is_read_only (ekv_window_get_document (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  ekv_test_spin ();
  g_chmod (dir, 0755);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!ekv_test_gui_init (&argc, &argv))
    return 0;

#define ADD(name, fn) \
  g_test_add ("/ekv/window/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("firm-name", test_firm_name);
  ADD ("empty-name", test_empty_name);
  ADD ("number-error", test_number_error);
  ADD ("negative-number", test_negative_number);
  ADD ("date-error", test_date_error);
  ADD ("sidebar", test_sidebar);
  ADD ("switch-page-selection", test_switch_page_selection);
  ADD ("add-product", test_add_product);
  ADD ("add-focus", test_add_focus);
  ADD ("remove-undo", test_remove_undo);
  ADD ("units-add", test_units_add);
  ADD ("units-delete-with-flows", test_units_delete_with_flows);
  ADD ("units-delete-refused", test_units_delete_refused);
  ADD ("units-balance", test_units_balance);
  ADD ("units-reorder", test_units_reorder);
  ADD ("inventory-lists", test_inventory_lists);
  ADD ("inventory-quantity", test_inventory_quantity);
  ADD ("inventory-add", test_inventory_add);
  ADD ("inventory-to", test_inventory_to);
  ADD ("inventory-sort", test_inventory_sort);
  ADD ("bills-totals", test_bills_totals);
  ADD ("bills-edit", test_bills_edit);
  ADD ("bills-refused", test_bills_refused);
  ADD ("bills-add-month", test_bills_add_month);
  ADD ("bills-chart", test_bills_chart);
  ADD ("bills-period", test_bills_period);
  ADD ("factors-override", test_factors_override);
  ADD ("new-audit", test_new_audit);
  ADD ("save-copy", test_save_copy);
  ADD ("save-copy-over-open", test_save_copy_over_open);
  ADD ("enter-page", test_enter_page);
  ADD ("open-failure", test_open_failure);
  ADD ("read-only-window", test_read_only_window);
  ADD ("open-read-only-file", test_open_read_only_file);
#undef ADD

  return g_test_run ();
}
