/* test-flow-table.c: the inventory table, typed in through its cells
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ekv-flow-table-page.h"
#include "ekv-test-gui.h"
#include "ekv-window.h"

typedef struct
{
  EkvApplication   *app;
  char             *dir;
  char             *path;
  EkvWindow        *window;
  EkvDocument      *document;
  EkvFlowTablePage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *page;

  ekv_test_open_sample ("ekv-flow-table", TRUE, &fixture->app, &fixture->dir, &fixture->window);
  fixture->document = ekv_window_get_document (fixture->window);
  fixture->path = g_strdup (ekv_document_get_path (fixture->document));

  page = ekv_window_show_page (fixture->window, "flows");
  g_assert_true (EKV_IS_FLOW_TABLE_PAGE (page));
  fixture->page = EKV_FLOW_TABLE_PAGE (page);
  /* A column view makes every row up to a few hundred at once: the tests look
   * at one unit's flows unless they need them all (this keeps them quick under
   * the address sanitizer). */
  ekv_flow_table_page_set_unit (fixture->page, "u1");
  ekv_test_spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ekv_test_close_sample (&fixture->app, &fixture->dir, &fixture->window);
  g_free (fixture->path);
}

static int
column_of (Fixture *fixture,
           int      field)
{
  for (guint c = 0; c < ekv_flow_table_page_get_n_columns (fixture->page); c++)
    if (ekv_flow_table_page_get_column_field (fixture->page, c) == field)
      return c;

  g_assert_not_reached ();
}

static EkvRecord *
flow (Fixture    *fixture,
      const char *id)
{
  EkvRecord *record = ekv_document_find (fixture->document, EKV_ENTITY_FLOW, id);

  g_assert_nonnull (record);
  return record;
}

/* The editor of FLOW_ID's cell of FIELD: the row is brought on screen first. */
static GtkWidget *
cell (Fixture    *fixture,
      const char *flow_id,
      int         field)
{
  EkvRecord *record = flow (fixture, flow_id);
  const char *unit = ekv_record_get_string (record, EKV_FLOW_TO);
  GtkWidget *widget;

  /* The row on screen: show the unit the flow enters (or leaves). */
  ekv_flow_table_page_set_unit (fixture->page,
                                unit != NULL ? unit : ekv_record_get_string (record, EKV_FLOW_FROM));
  ekv_test_spin ();
  widget = ekv_flow_table_page_get_cell (fixture->page, flow (fixture, flow_id),
                                         column_of (fixture, field));
  g_assert_nonnull (widget);
  return widget;
}

static gboolean
press (GtkWidget      *widget,
       guint           keyval,
       GdkModifierType state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          if (handled)
            break;
        }
    }

  ekv_test_spin ();
  return handled;
}

/* The button whose content has the list-add icon. */
static GtkWidget *
find_add_button (GtkWidget *root)
{
  if (ADW_IS_BUTTON_CONTENT (root) &&
      g_strcmp0 (adw_button_content_get_icon_name (ADW_BUTTON_CONTENT (root)),
                 "list-add-symbolic") == 0)
    return gtk_widget_get_ancestor (root, GTK_TYPE_BUTTON);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_add_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every flow is a row; a unit shows only what enters and leaves it. */
static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  GListModel *rows = ekv_flow_table_page_get_rows (fixture->page);
  GListModel *flows = ekv_document_get_list (fixture->document, EKV_ENTITY_FLOW);
  guint expected = 0;

  ekv_flow_table_page_set_unit (fixture->page, NULL);
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, g_list_model_get_n_items (flows));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 96);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(EkvRecord) item = g_list_model_get_item (flows, i);

      if (g_strcmp0 (ekv_record_get_string (item, EKV_FLOW_FROM), "u4") == 0 ||
          g_strcmp0 (ekv_record_get_string (item, EKV_FLOW_TO), "u4") == 0)
        expected++;
    }
  g_assert_cmpuint (expected, >, 5);

  ekv_flow_table_page_set_unit (fixture->page, "u4");
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(EkvRecord) item = g_list_model_get_item (rows, i);

      g_assert_true (g_strcmp0 (ekv_record_get_string (item, EKV_FLOW_FROM), "u4") == 0 ||
                     g_strcmp0 (ekv_record_get_string (item, EKV_FLOW_TO), "u4") == 0);
    }

  /* Finding by name, whatever the case, with Turkish capitals. */
  ekv_flow_table_page_set_unit (fixture->page, NULL);
  {
    GtkWidget *search = ekv_test_find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_SEARCH_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (search), "KOSTİK");
    /* Not waiting for the entry's typing delay. */
    g_signal_emit_by_name (search, "search-changed");
    ekv_test_spin ();
  }
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, 96);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(EkvRecord) item = g_list_model_get_item (rows, i);
      g_assert_nonnull (strstr (ekv_record_get_string (item, EKV_FLOW_NAME), "ostik"));
    }
}

static GtkWidget *
editor_of (GtkWidget *root)
{
  GtkWidget *last = gtk_widget_get_last_child (root);

  return GTK_IS_TEXT (last) ? last : NULL;
}

/* A quantity typed into its cell is stored when Enter is pressed; a letter is
 * refused with the reason shown, the typed text kept and the file unchanged. */
static void
test_type_quantity (Fixture       *fixture,
                    gconstpointer  data)
{
  EkvRecord *f1 = flow (fixture, "f1");
  double before = ekv_record_get_double (f1, EKV_FLOW_QUANTITY);
  GtkWidget *root = cell (fixture, "f1", EKV_FLOW_QUANTITY);
  guint column = column_of (fixture, EKV_FLOW_QUANTITY);
  g_autoptr(EkvDocument) stored = NULL;
  GtkWidget *editor;

  g_assert_null (editor_of (root));
  editor = ekv_flow_table_page_edit_cell (fixture->page, f1, column);
  g_assert_true (GTK_IS_TEXT (editor));
  g_assert_true (editor_of (root) == editor);

  gtk_editable_set_text (GTK_EDITABLE (editor), "12x");
  g_signal_emit_by_name (editor, "activate");
  ekv_test_spin ();
  g_assert_cmpfloat (ekv_record_get_double (f1, EKV_FLOW_QUANTITY), ==, before);
  g_assert_true (editor_of (root) == editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "12x");
  g_assert_true (gtk_widget_has_css_class (editor, "error"));
  g_assert_nonnull (ekv_flow_table_page_get_message (fixture->page));
  g_assert_nonnull (strstr (ekv_flow_table_page_get_message (fixture->page), "12x"));

  /* A negative mass is refused by the document. */
  gtk_editable_set_text (GTK_EDITABLE (editor), "-5");
  g_signal_emit_by_name (editor, "activate");
  ekv_test_spin ();
  g_assert_cmpfloat (ekv_record_get_double (f1, EKV_FLOW_QUANTITY), ==, before);
  g_assert_true (gtk_widget_has_css_class (editor, "error"));

  /* Escape gives the typing up: the stored value shows again. */
  g_assert_true (press (editor, GDK_KEY_Escape, 0));
  g_assert_null (editor_of (root));
  g_assert_null (ekv_flow_table_page_get_message (fixture->page));

  editor = ekv_flow_table_page_edit_cell (fixture->page, f1, column);
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (editor), "3500.5");
  g_signal_emit_by_name (editor, "activate");
  ekv_test_spin ();
  g_assert_cmpfloat (ekv_record_get_double (f1, EKV_FLOW_QUANTITY), ==, 3500.5);
  g_assert_null (editor_of (root));

  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpfloat (ekv_record_get_double (ekv_document_find (stored, EKV_ENTITY_FLOW, "f1"),
                                            EKV_FLOW_QUANTITY), ==, 3500.5);
}

/* Typing on a cell replaces its value, as in a spreadsheet. */
static void
test_type_over (Fixture       *fixture,
                gconstpointer  data)
{
  EkvRecord *f1 = flow (fixture, "f1");
  GtkWidget *root = cell (fixture, "f1", EKV_FLOW_QUANTITY);
  GtkWidget *display = gtk_widget_get_first_child (root);
  GtkWidget *editor;

  g_assert_true (GTK_IS_BUTTON (display));
  g_assert_true (press (display, GDK_KEY_7, 0));
  editor = editor_of (root);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor)), ==, "7");
  g_signal_emit_by_name (editor, "activate");
  ekv_test_spin ();
  g_assert_cmpfloat (ekv_record_get_double (f1, EKV_FLOW_QUANTITY), ==, 7);
}

/* Tab stores the cell and goes to the next one; Shift+Tab comes back; a
 * refused cell keeps the focus. */
static void
test_tab (Fixture       *fixture,
          gconstpointer  data)
{
  EkvRecord *f1 = flow (fixture, "f1");
  GtkWidget *root = cell (fixture, "f1", EKV_FLOW_QUANTITY);
  GtkWidget *unit = cell (fixture, "f1", EKV_FLOW_UNIT);
  GtkRoot *window = gtk_widget_get_root (root);
  GtkWidget *editor;

  editor = ekv_flow_table_page_edit_cell (fixture->page, f1, column_of (fixture, EKV_FLOW_QUANTITY));
  ekv_test_spin ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (window), editor) ||
                 gtk_root_get_focus (window) == editor);

  gtk_editable_set_text (GTK_EDITABLE (editor), "abc");
  g_assert_true (press (editor, GDK_KEY_Tab, 0));
  g_assert_true (editor_of (root) == editor);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (window), editor) ||
                 gtk_root_get_focus (window) == editor);

  gtk_editable_set_text (GTK_EDITABLE (editor), "4000");
  g_assert_true (press (editor, GDK_KEY_Tab, 0));
  g_assert_cmpfloat (ekv_record_get_double (f1, EKV_FLOW_QUANTITY), ==, 4000);
  g_assert_null (editor_of (root));
  g_assert_true (gtk_root_get_focus (window) == unit ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (window), unit));

  g_assert_true (press (unit, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (window), root));
}

static gboolean
is_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

/* Opens a choice cell (a button) and picks the item labelled LABEL. */
static void
choose (GtkWidget  *button,
        const char *label)
{
  GtkWidget *popover = NULL;
  GtkWidget *list;
  GtkListBoxRow *row;
  gboolean found = FALSE;

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  ekv_test_spin ();

  for (GtkWidget *child = gtk_widget_get_first_child (button); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      popover = child;
  g_assert_nonnull (popover);
  /* A cell off screen is scrolled to first; its list opens a moment later. */
  ekv_test_wait_until (is_visible, popover, 3000);

  list = gtk_widget_get_first_child (popover);
  while (list != NULL && !GTK_IS_LIST_BOX (list))
    {
      GtkWidget *next = gtk_widget_get_first_child (list);
      list = next;
    }
  g_assert_nonnull (list);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    {
      GtkWidget *text = gtk_list_box_row_get_child (row);

      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (text)), label) == 0)
        {
          g_signal_emit_by_name (list, "row-activated", row);
          found = TRUE;
          break;
        }
    }
  g_assert_true (found);
  ekv_test_spin ();
}

static const char *
button_text (GtkWidget *button)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (button), "ekv-label");

  return gtk_label_get_text (GTK_LABEL (label));
}

/* Choosing in a cell's list stores at once, in the file too. */
static void
test_choose (Fixture       *fixture,
             gconstpointer  data)
{
  EkvRecord *f1 = flow (fixture, "f1");
  GtkWidget *kind = cell (fixture, "f1", EKV_FLOW_KIND);
  GtkWidget *from = cell (fixture, "f1", EKV_FLOW_FROM);
  GtkWidget *carrier = cell (fixture, "f1", EKV_FLOW_CARRIER);
  g_autoptr(EkvDocument) stored = NULL;
  EkvRecord *u1 = ekv_document_find (fixture->document, EKV_ENTITY_UNIT_OPERATION, "u1");

  g_assert_cmpstr (button_text (kind), ==, "Raw material");
  choose (kind, "Auxiliary material");
  g_assert_cmpint (ekv_record_get_enum (f1, EKV_FLOW_KIND), ==, EKV_FLOW_KIND_AUXILIARY);
  g_assert_cmpstr (button_text (kind), ==, "Auxiliary material");

  /* From: "Outside the plant" first, then the units by name. */
  g_assert_null (ekv_record_get_string (f1, EKV_FLOW_FROM));
  g_assert_cmpstr (button_text (from), ==, "Outside the plant");
  choose (from, ekv_record_get_string (u1, EKV_UNIT_OPERATION_NAME));
  g_assert_cmpstr (ekv_record_get_string (f1, EKV_FLOW_FROM), ==, "u1");
  choose (from, "Outside the plant");
  g_assert_null (ekv_record_get_string (f1, EKV_FLOW_FROM));

  /* An optional choice can be emptied again. */
  g_assert_cmpstr (button_text (carrier), ==, "None");
  choose (carrier, "Natural gas");
  g_assert_cmpint (ekv_record_get_enum (f1, EKV_FLOW_CARRIER), ==, EKV_CARRIER_NATURAL_GAS);
  choose (carrier, "None");
  g_assert_false (ekv_record_is_set (f1, EKV_FLOW_CARRIER));

  /* A renamed unit shows its new name in the cells at once. */
  choose (from, ekv_record_get_string (u1, EKV_UNIT_OPERATION_NAME));
  g_object_set (u1, "name", "Depo", NULL);
  ekv_test_spin ();
  g_assert_cmpstr (button_text (from), ==, "Depo");

  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpint (ekv_record_get_enum (ekv_document_find (stored, EKV_ENTITY_FLOW, "f1"),
                                        EKV_FLOW_KIND), ==, EKV_FLOW_KIND_AUXILIARY);
}

/* A flow sent elsewhere leaves the table of its unit after the edit. */
static void
test_leaves_unit (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *rows = ekv_flow_table_page_get_rows (fixture->page);
  g_autoptr(EkvRecord) first = NULL;
  guint n;

  ekv_flow_table_page_set_unit (fixture->page, "u4");
  ekv_test_spin ();
  n = g_list_model_get_n_items (rows);
  first = g_list_model_get_item (rows, 0);
  g_object_set (first, g_strcmp0 (ekv_record_get_string (first, EKV_FLOW_TO), "u4") == 0
                         ? "to-unit" : "from-unit", NULL, NULL);
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n - 1);
}

/* Sorting by a column's title: the largest quantity first. */
static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (ekv_test_find_widget (GTK_WIDGET (fixture->page),
                                                      GTK_TYPE_COLUMN_VIEW));
  g_autoptr(GtkColumnViewColumn) column = NULL;
  GListModel *rows = ekv_flow_table_page_get_rows (fixture->page);
  double last = G_MAXDOUBLE;

  column = g_list_model_get_item (gtk_column_view_get_columns (view),
                                  column_of (fixture, EKV_FLOW_QUANTITY));
  gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
  ekv_test_spin ();

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(EkvRecord) item = g_list_model_get_item (rows, i);
      double quantity = ekv_record_get_double (item, EKV_FLOW_QUANTITY);

      g_assert_cmpfloat (quantity, <=, last);
      last = quantity;
    }
}

/* The delete button removes the flow, in the file too. */
static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *flows = ekv_document_get_list (fixture->document, EKV_ENTITY_FLOW);
  guint n = g_list_model_get_n_items (flows);
  g_autoptr(EkvDocument) stored = NULL;
  GtkWidget *button = cell (fixture, "f2", -3);

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, n - 1);
  g_assert_null (ekv_document_find (fixture->document, EKV_ENTITY_FLOW, "f2"));
  stored = ekv_test_reopen (fixture->path);
  g_assert_null (ekv_document_find (stored, EKV_ENTITY_FLOW, "f2"));
}

/* The duplicate button copies the flow just after it. */
static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  GListModel *flows = ekv_document_get_list (fixture->document, EKV_ENTITY_FLOW);
  guint n = g_list_model_get_n_items (flows);
  GtkWidget *button = cell (fixture, "f2", -4);
  g_autoptr(EkvRecord) copy = NULL;

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, n + 1);
  copy = g_list_model_get_item (flows, 2);
  g_assert_cmpstr (ekv_record_get_string (copy, EKV_FLOW_NAME), ==,
                   ekv_record_get_string (flow (fixture, "f2"), EKV_FLOW_NAME));
  g_assert_cmpstr (ekv_record_get_string (copy, EKV_FLOW_ID), !=, "f2");
}

/* Add makes an input of the unit shown, ready to be named. */
static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  GListModel *rows = ekv_flow_table_page_get_rows (fixture->page);
  GtkWidget *add = NULL;
  guint n;

  ekv_flow_table_page_set_unit (fixture->page, "u2");
  ekv_test_spin ();
  n = g_list_model_get_n_items (rows);

  add = find_add_button (GTK_WIDGET (fixture->page));
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_sensitive (add));
  g_signal_emit_by_name (add, "clicked");
  ekv_test_spin ();
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n + 1);

  ekv_flow_table_page_set_unit (fixture->page, NULL);
  ekv_test_spin ();
  g_assert_false (gtk_widget_get_sensitive (add));
}

int
main (int   argc,
      char *argv[])
{
  if (!ekv_test_gui_init (&argc, &argv))
    return 0;

#define ADD(name, fn) \
  g_test_add ("/ekv/flow-table/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("rows", test_rows);
  ADD ("type-quantity", test_type_quantity);
  ADD ("type-over", test_type_over);
  ADD ("tab", test_tab);
  ADD ("choose", test_choose);
  ADD ("leaves-unit", test_leaves_unit);
  ADD ("sort", test_sort);
  ADD ("delete", test_delete);
  ADD ("duplicate", test_duplicate);
  ADD ("add", test_add);
#undef ADD

  return g_test_run ();
}
