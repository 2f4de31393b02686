/* test-options-page.c: causes and options, screening and feasibility, driven through their rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * With EKV_TEST_SCREENSHOTS=DIR set, each test also saves the window as a PNG there.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "ekv-enums.h"
#include "ekv-feasibility-page.h"
#include "ekv-field-row.h"
#include "ekv-options-page.h"
#include "ekv-options.h"
#include "ekv-screening-page.h"
#include "ekv-test-gui.h"
#include "ekv-text-area.h"
#include "ekv-util.h"
#include "ekv-window.h"

static GtkWidget *find_menu_button (GtkWidget  *root,
                                    const char *label);

typedef struct
{
  EkvApplication *app;
  char           *dir;
  char           *path;
  EkvWindow      *window;
  EkvDocument    *document;
} Fixture;

/* Saves the window as DIR/NAME.png when EKV_TEST_SCREENSHOTS=DIR. */
static void
screenshot (Fixture    *fixture,
            const char *name)
{
  const char *dir = g_getenv ("EKV_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  for (guint i = 0; i < 20; i++)
    {
      g_usleep (20000);
      ekv_test_spin ();
    }
  paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture->window));
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  gdk_texture_save_to_png (texture, path);
}

/* Scrolls ROW's page so ROW is at the top (for screenshots). */
static void
scroll_to (GtkWidget *row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child;
  double x, y;

  for (guint i = 0; i < 20; i++)
    {
      g_usleep (20000);
      ekv_test_spin ();
    }
  if (scrolled == NULL)
    return;
  child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  /* Coordinates in the viewport already count the current scroll. */
  if (gtk_widget_translate_coordinates (row, child, 0, 0, &x, &y))
    {
      GtkAdjustment *adjustment;

      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));


      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y - 12);
    }
  ekv_test_spin ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ekv_test_open_sample ("ekv-options-page", TRUE, &fixture->app, &fixture->dir, &fixture->window);
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

static guint
n_children (EkvRecord     *record,
            EkvEntityKind  kind)
{
  return g_list_model_get_n_items (ekv_record_get_children (record, kind));
}

static guint
n_options (Fixture *fixture)
{
  return g_list_model_get_n_items (ekv_document_get_list (fixture->document, EKV_ENTITY_OPTION));
}

/* Types TEXT into an entry row and stores it as Enter does. */
static void
type_into (GtkWidget  *row,
           const char *text)
{
  g_assert_true (EKV_IS_FIELD_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_assert_true (ekv_field_row_apply (EKV_FIELD_ROW (row)));
  ekv_test_spin ();
}

/* The first water flow bought from outside with a price. */
static EkvRecord *
priced_water (Fixture *fixture)
{
  GListModel *flows = ekv_document_get_list (fixture->document, EKV_ENTITY_FLOW);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(EkvRecord) flow = g_list_model_get_item (flows, i);

      if (ekv_record_get_enum (flow, EKV_FLOW_KIND) == EKV_FLOW_KIND_WATER &&
          ekv_record_get_double (flow, EKV_FLOW_PRICE) > 0 &&
          ekv_record_get_double (flow, EKV_FLOW_QUANTITY) > 0)
        return flow; /* the document holds it */
    }

  g_assert_not_reached ();
}

static char *
expected_years (double years)
{
  g_autofree char *number = ekv_number_format (years, 2);
  return g_strdup_printf ("%s years", number);
}

static char *
expected_money (EkvDocument *document,
                double       value)
{
  g_autofree char *number = ekv_number_format (value, 0);
  return g_strdup_printf ("%s %s", number,
                          ekv_record_get_string (ekv_document_get_finance (document),
                                                 EKV_FINANCE_CURRENCY));
}

/* A new option, a −20 % change to a priced water flow and an investment: the
 * page shows the payback and NPV core computes, also while the investment is
 * being typed. */
static void
test_payback (Fixture       *fixture,
              gconstpointer  data)
{
  EkvOptionsPage *options_page;
  EkvFeasibilityPage *page;
  EkvRecord *option;
  EkvRecord *change;
  EkvRecord *water = priced_water (fixture);
  g_autoptr(EkvOptions) results = NULL;
  const EkvOptionResult *result;
  g_autofree char *payback = NULL;
  g_autofree char *npv = NULL;
  g_autofree char *typed_payback = NULL;
  g_autofree char *investment_text = NULL;
  EkvCashFlows flows;
  GtkWidget *row;
  double expected_saving;

  options_page = EKV_OPTIONS_PAGE (ekv_window_show_page (fixture->window, "options"));
  ekv_test_spin ();
  option = ekv_options_page_add (options_page);
  g_assert_nonnull (option);
  ekv_test_spin ();
  row = ekv_options_page_get_row (options_page, option);
  g_assert_nonnull (row);

  page = EKV_FEASIBILITY_PAGE (ekv_window_show_page (fixture->window, "feasibility"));
  ekv_test_spin ();
  g_assert_nonnull (ekv_feasibility_page_get_row (page, option));
  /* Nothing changes yet: no saving, no payback. */
  g_assert_true (g_str_has_prefix (ekv_feasibility_page_get_figure (page, option,
                                                                    EKV_FEASIBILITY_SIMPLE_PAYBACK),
                                   "Not defined"));

  change = ekv_feasibility_page_add_change (page, option, water, TRUE);
  g_assert_nonnull (change);
  ekv_test_spin ();
  row = ekv_feasibility_page_get_change_row (page, change);
  g_assert_nonnull (row);
  g_assert_cmpstr (ekv_field_row_get_key (EKV_FIELD_ROW (row)), ==, "delta-pct");
  type_into (row, "-20");
  g_assert_cmpfloat (ekv_record_get_double (change, EKV_CHANGE_DELTA_PCT), ==, -20);

  row = ekv_feasibility_page_get_field_row (page, option, "investment");
  g_assert_nonnull (row);
  investment_text = ekv_number_format (50000, -1);
  type_into (row, investment_text);
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 50000);

  results = ekv_options_compute (fixture->document, NULL);
  result = ekv_options_find (results, ekv_record_get_string (option, EKV_OPTION_ID));
  g_assert_nonnull (result);
  g_assert_true (isfinite (result->finance.simple_payback_years));
  g_assert_cmpfloat (result->finance.simple_payback_years, >, 0);
  /* The saving is the water's price times a fifth of its yearly quantity. */
  expected_saving = result->flow_saving;
  g_assert_cmpfloat (expected_saving, >, 0);

  payback = expected_years (result->finance.simple_payback_years);
  npv = expected_money (fixture->document, result->finance.npv);
  g_assert_cmpstr (ekv_feasibility_page_get_figure (page, option, EKV_FEASIBILITY_SIMPLE_PAYBACK),
                   ==, payback);
  g_assert_cmpstr (ekv_feasibility_page_get_figure (page, option, EKV_FEASIBILITY_NPV), ==, npv);
  g_assert_false (g_str_has_prefix (ekv_feasibility_page_get_figure (page, option,
                                                                     EKV_FEASIBILITY_IRR),
                                    "Not defined"));
  g_assert_true (g_str_has_suffix (ekv_feasibility_page_get_figure (page, option,
                                                                    EKV_FEASIBILITY_WATER_SAVED),
                                   "m³ a year"));

  /* The same change given in the flow's own unit: −20 % of its quantity, and the
   * same saving. */
  {
    GtkWidget *change_row = ekv_feasibility_page_get_change_row (page, change);
    GtkWidget *toggle = ekv_test_find_widget (change_row, GTK_TYPE_TOGGLE_BUTTON);
    double saving = result->annual_saving;
    g_autoptr(EkvOptions) again = NULL;

    g_assert_nonnull (toggle);
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
    ekv_test_spin ();
    g_assert_false (ekv_record_is_set (change, EKV_CHANGE_DELTA_PCT));
    g_assert_cmpfloat_with_epsilon (ekv_record_get_double (change, EKV_CHANGE_DELTA),
                                    -0.2 * ekv_record_get_double (water, EKV_FLOW_QUANTITY), 1e-9);
    change_row = ekv_feasibility_page_get_change_row (page, change);
    g_assert_nonnull (change_row);
    g_assert_cmpstr (ekv_field_row_get_key (EKV_FIELD_ROW (change_row)), ==, "delta");
    again = ekv_options_compute (fixture->document, NULL);
    g_assert_cmpfloat_with_epsilon (ekv_options_find (again, ekv_record_get_string (option,
                                                                                    EKV_OPTION_ID))
                                      ->annual_saving,
                                    saving, 1e-6 * fabs (saving));
    g_assert_cmpstr (ekv_feasibility_page_get_figure (page, option, EKV_FEASIBILITY_NPV), ==, npv);
  }

  /* The flow chooser lists every flow; picking one adds a change to it. */
  {
    GtkWidget *option_row = ekv_feasibility_page_get_row (page, option);
    GtkWidget *chooser = find_menu_button (option_row, "Add Change…");
    GtkPopover *popover;
    GListModel *changes = ekv_record_get_children (option, EKV_ENTITY_CHANGE);
    GtkWidget *list_box;
    GtkListBoxRow *first;
    int n_rows = 0;

    g_assert_nonnull (chooser);
    g_assert_true (gtk_widget_get_mapped (chooser));
    /* A popover opens on screen only: X11 finds no monitor for an anchor scrolled out of view. */
    scroll_to (chooser);
    gtk_menu_button_popup (GTK_MENU_BUTTON (chooser));
    ekv_test_spin ();
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (chooser));
    list_box = ekv_test_find_widget (gtk_popover_get_child (popover), GTK_TYPE_LIST_BOX);
    g_assert_nonnull (list_box);
    while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), n_rows) != NULL)
      n_rows++;
    g_assert_cmpint (n_rows, ==,
                     g_list_model_get_n_items (ekv_document_get_list (fixture->document,
                                                                      EKV_ENTITY_FLOW)));
    first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), 0);
    g_signal_emit_by_name (list_box, "row-activated", first);
    ekv_test_spin ();
    g_assert_cmpuint (g_list_model_get_n_items (changes), ==, 2);
    {
      g_autoptr(EkvRecord) added = g_list_model_get_item (changes, 1);

      g_assert_nonnull (ekv_feasibility_page_get_change_row (page, added));
      g_assert_true (ekv_document_remove (fixture->document, added, NULL));
      ekv_test_spin ();
    }
  }

  row = ekv_feasibility_page_get_field_row (page, option, "investment");
  g_assert_nonnull (row);

  /* Typing a new investment shows its payback before it is stored. */
  g_assert_true (gtk_widget_grab_focus (row));
  ekv_test_spin ();
  gtk_editable_set_text (GTK_EDITABLE (row), "100000");
  ekv_test_spin ();
  flows = (EkvCashFlows) { 100000, result->annual_saving, result->lifetime,
                           results->discount_rate / 100, result->salvage };
  typed_payback = expected_years (ekv_finance_simple_payback (&flows));
  g_assert_cmpstr (ekv_feasibility_page_get_figure (page, option, EKV_FEASIBILITY_SIMPLE_PAYBACK),
                   ==, typed_payback);
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 50000);

  gtk_widget_grab_focus (GTK_WIDGET (ekv_window_get_sidebar (fixture->window)));
  ekv_test_spin ();
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 100000);
  g_assert_cmpstr (ekv_feasibility_page_get_figure (page, option, EKV_FEASIBILITY_SIMPLE_PAYBACK),
                   ==, typed_payback);

  /* The discount rate of the finance settings changes the NPV. */
  row = ekv_feasibility_page_get_field_row (page, NULL, "discount-rate");
  g_assert_nonnull (row);
  type_into (row, "25");
  {
    g_autoptr(EkvOptions) again = ekv_options_compute (fixture->document, NULL);
    const EkvOptionResult *r = ekv_options_find (again,
                                                 ekv_record_get_string (option, EKV_OPTION_ID));
    g_autofree char *npv_at_25 = expected_money (fixture->document, r->finance.npv);

    g_assert_cmpfloat (again->discount_rate, ==, 25);
    g_assert_cmpstr (ekv_feasibility_page_get_figure (page, option, EKV_FEASIBILITY_NPV), ==,
                     npv_at_25);
  }

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ekv_feasibility_page_get_row (page, option)),
                                 TRUE);
  if (g_getenv ("EKV_TEST_SCREENSHOTS") != NULL)
    {
      scroll_to (ekv_feasibility_page_get_row (page, option));
      screenshot (fixture, "feasibility-1");
      scroll_to (ekv_feasibility_page_get_field_row (page, option, "other-savings"));
      screenshot (fixture, "feasibility-2");
    }
}

static GtkWidget *
find_menu_button (GtkWidget  *root,
                  const char *label)
{
  if (GTK_IS_MENU_BUTTON (root) &&
      g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_tooltip_button (GtkWidget  *root,
                     const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip_button (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The position of the first option that has changes and units and that no
 * action refers to (REFERENCED FALSE), or that an action refers to (TRUE). */
static guint
find_option (Fixture  *fixture,
             gboolean  referenced)
{
  GListModel *options = ekv_document_get_list (fixture->document, EKV_ENTITY_OPTION);
  GListModel *actions = ekv_document_get_list (fixture->document, EKV_ENTITY_ACTION);

  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, i);
      gboolean used = FALSE;

      for (guint a = 0; a < g_list_model_get_n_items (actions); a++)
        {
          g_autoptr(EkvRecord) action = g_list_model_get_item (actions, a);

          if (g_strcmp0 (ekv_record_get_string (action, EKV_ACTION_OPTION),
                         ekv_record_get_string (option, EKV_OPTION_ID)) == 0)
            used = TRUE;
        }
      if (used == referenced &&
          n_children (option, EKV_ENTITY_CHANGE) > 0 &&
          n_children (option, EKV_ENTITY_OPTION_UNIT) > 0)
        return i;
    }

  return G_MAXUINT;
}

/* Deleting an option with its units and changes; Undo puts all of them back. */
/* An investment built up from items: the first takes the investment so far,
 * typing an amount moves the investment and the payback at once, the
 * investment is no longer typed in, and removing an item (with Undo) re-sums. */
static void
test_investment_items (Fixture       *fixture,
                       gconstpointer  data)
{
  EkvDocument *document = fixture->document;
  EkvRecord *option = ekv_document_find (document, EKV_ENTITY_OPTION, "o1");
  double investment = ekv_record_get_double (option, EKV_OPTION_INVESTMENT);
  g_autofree char *before = NULL;
  g_autofree char *amount = NULL;
  g_autoptr(EkvDocument) stored = NULL;
  EkvFeasibilityPage *page;
  EkvRecord *equipment;
  EkvRecord *installation;
  GtkWidget *row;

  page = EKV_FEASIBILITY_PAGE (ekv_window_show_page (fixture->window, "feasibility"));
  ekv_test_spin ();
  before = g_strdup (ekv_feasibility_page_get_figure (page, option, EKV_FEASIBILITY_SIMPLE_PAYBACK));
  g_assert_cmpfloat (investment, >, 0);

  equipment = ekv_feasibility_page_add_item (page, option, "Equipment");
  g_assert_nonnull (equipment);
  ekv_test_spin ();
  g_assert_cmpfloat (ekv_record_get_double (equipment, EKV_INVESTMENT_ITEM_AMOUNT), ==, investment);
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, investment);
  g_assert_cmpstr (ekv_feasibility_page_get_figure (page, option, EKV_FEASIBILITY_SIMPLE_PAYBACK),
                   ==, before);

  installation = ekv_feasibility_page_add_item (page, option, "Installation");
  g_assert_nonnull (installation);
  ekv_test_spin ();
  g_assert_cmpfloat (ekv_record_get_double (installation, EKV_INVESTMENT_ITEM_AMOUNT), ==, 0);

  /* the new item's amount row has the focus; typing there moves the sum */
  row = ekv_feasibility_page_get_change_row (page, installation);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_focus (row) || gtk_widget_is_focus (row) ||
                 gtk_widget_get_focus_child (row) != NULL);
  amount = ekv_number_format (investment, -1);
  type_into (row, amount);
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 2 * investment);
  ekv_test_spin ();
  g_assert_cmpstr (ekv_feasibility_page_get_figure (page, option, EKV_FEASIBILITY_SIMPLE_PAYBACK),
                   !=, before);

  /* the investment shows the sum and is not typed in */
  row = ekv_feasibility_page_get_field_row (page, option, "investment");
  g_assert_nonnull (row);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (row)));

  stored = ekv_test_reopen (fixture->path);
  g_assert_cmpfloat (ekv_record_get_double (ekv_document_find (stored, EKV_ENTITY_OPTION, "o1"),
                                            EKV_OPTION_INVESTMENT), ==, 2 * investment);

  /* removing the installation: back to the equipment alone; Undo brings it back */
  {
    GtkWidget *item_row = ekv_feasibility_page_get_change_row (page, installation);
    GtkWidget *trash = ekv_test_find_button (item_row, "user-trash-symbolic", NULL);

    g_assert_nonnull (trash);
    g_signal_emit_by_name (trash, "clicked");
    ekv_test_spin ();
    g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, investment);
    g_assert_cmpstr (ekv_feasibility_page_get_figure (page, option, EKV_FEASIBILITY_SIMPLE_PAYBACK),
                     ==, before);
  }
  {
    GtkWidget *undo = ekv_test_find_button (GTK_WIDGET (fixture->window), NULL, "_Undo");

    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
    ekv_test_spin ();
    g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 2 * investment);
    g_assert_cmpuint (g_list_model_get_n_items (ekv_record_get_children (option,
                                                                         EKV_ENTITY_INVESTMENT_ITEM)),
                      ==, 2);
  }
}

static void
test_delete_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  EkvOptionsPage *page = EKV_OPTIONS_PAGE (ekv_window_show_page (fixture->window, "options"));
  GListModel *options = ekv_document_get_list (fixture->document, EKV_ENTITY_OPTION);
  guint position = find_option (fixture, FALSE);
  g_autoptr(EkvRecord) option = g_list_model_get_item (options, position);
  g_autofree char *id = g_strdup (ekv_record_get_string (option, EKV_OPTION_ID));
  g_autofree char *title = g_strdup (ekv_record_get_string (option, EKV_OPTION_TITLE));
  guint n_changes = n_children (option, EKV_ENTITY_CHANGE);
  guint n_units = n_children (option, EKV_ENTITY_OPTION_UNIT);
  guint n = n_options (fixture);
  g_autoptr(EkvRecord) back = NULL;
  GtkWidget *undo;

  ekv_test_spin ();
  g_assert_cmpuint (n_changes, >, 0);
  g_assert_cmpuint (n_units, >, 0);

  /* An option the action plan refers to stays, and the page says why. */
  if (find_option (fixture, TRUE) != G_MAXUINT)
    {
      g_autoptr(EkvRecord) used = g_list_model_get_item (options, find_option (fixture, TRUE));

      g_assert_false (ekv_options_page_delete (page, used));
      g_assert_cmpuint (n_options (fixture), ==, n);
      g_assert_nonnull (ekv_options_page_get_row (page, used));
    }

  /* The row's own delete button, as a click would. */
  {
    GtkWidget *button = find_tooltip_button (ekv_options_page_get_row (page, option),
                                             "Delete Option");

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    ekv_test_spin ();
  }
  g_assert_cmpuint (n_options (fixture), ==, n - 1);
  g_assert_null (ekv_document_find (fixture->document, EKV_ENTITY_OPTION, id));
  g_assert_null (ekv_options_page_get_row (page, option));

  undo = ekv_test_find_button (GTK_WIDGET (fixture->window), NULL, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  ekv_test_spin ();

  g_assert_cmpuint (n_options (fixture), ==, n);
  back = g_list_model_get_item (options, position);
  g_assert_cmpstr (ekv_record_get_string (back, EKV_OPTION_ID), ==, id);
  g_assert_cmpstr (ekv_record_get_string (back, EKV_OPTION_TITLE), ==, title);
  g_assert_cmpuint (n_children (back, EKV_ENTITY_CHANGE),
                    ==, n_changes);
  g_assert_cmpuint (n_children (back, EKV_ENTITY_OPTION_UNIT),
                    ==, n_units);
  g_assert_nonnull (ekv_options_page_get_row (page, back));

  /* And it is in the file: a reopened copy has it with its changes. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(EkvDocument) reopened = ekv_document_open (fixture->path, EKV_STORE_OPEN_READ_ONLY,
                                                         &error);
    EkvRecord *stored;

    g_assert_no_error (error);
    stored = ekv_document_find (reopened, EKV_ENTITY_OPTION, id);
    g_assert_nonnull (stored);
    g_assert_cmpuint (n_children (stored, EKV_ENTITY_CHANGE),
                      ==, n_changes);
  }
}

/* A duplicate has the original's units and changes, under a new id. */
static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  EkvOptionsPage *page = EKV_OPTIONS_PAGE (ekv_window_show_page (fixture->window, "options"));
  GListModel *options = ekv_document_get_list (fixture->document, EKV_ENTITY_OPTION);
  g_autoptr(EkvRecord) option = g_list_model_get_item (options, 0);
  guint n = n_options (fixture);
  EkvRecord *copy;

  ekv_test_spin ();
  {
    GtkWidget *button = find_tooltip_button (ekv_options_page_get_row (page, option),
                                             "Duplicate Option");

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    ekv_test_spin ();
    copy = g_list_model_get_item (options, 1);
    g_object_unref (copy); /* the document holds it */
  }
  g_assert_nonnull (copy);
  g_assert_cmpuint (n_options (fixture), ==, n + 1);
  g_assert_cmpstr (ekv_record_get_string (copy, EKV_OPTION_ID), !=,
                   ekv_record_get_string (option, EKV_OPTION_ID));
  g_assert_cmpuint (n_children (copy, EKV_ENTITY_CHANGE), ==,
                    n_children (option, EKV_ENTITY_CHANGE));
  g_assert_cmpuint (n_children (copy, EKV_ENTITY_OPTION_UNIT),
                    ==,
                    n_children (option, EKV_ENTITY_OPTION_UNIT));
  g_assert_true (g_str_has_suffix (ekv_record_get_string (copy, EKV_OPTION_TITLE), " (copy)"));
  g_assert_nonnull (ekv_options_page_get_row (page, copy));
}

/* A textile suggestion becomes an option of its category, editable like any other. */
static void
test_suggestion (Fixture       *fixture,
                 gconstpointer  data)
{
  EkvOptionsPage *page = EKV_OPTIONS_PAGE (ekv_window_show_page (fixture->window, "options"));
  guint n = n_options (fixture);
  EkvRecord *option;
  GtkWidget *row;
  GtkWidget *title_row = NULL;

  ekv_test_spin ();
  g_assert_cmpuint (ekv_options_page_get_n_suggestions (page), ==, 13);
  g_assert_cmpstr (ekv_options_page_get_suggestion (page, 1), ==,
                   "Drop-fill rinsing instead of overflow rinsing");

  option = ekv_options_page_add_suggestion (page, 1);
  ekv_test_spin ();
  g_assert_nonnull (option);
  g_assert_cmpuint (n_options (fixture), ==, n + 1);
  g_assert_cmpstr (ekv_record_get_string (option, EKV_OPTION_TITLE), ==,
                   "Drop-fill rinsing instead of overflow rinsing");
  g_assert_cmpint (ekv_record_get_enum (option, EKV_OPTION_CATEGORY), ==, EKV_OPTION_CATEGORY_PC);
  g_assert_true (g_str_has_prefix (ekv_record_get_string (option, EKV_OPTION_DESCRIPTION),
                                   "Typical effect"));

  row = ekv_options_page_get_row (page, option);
  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  ekv_test_spin ();
  title_row = ekv_test_find_field_row (row, "title");
  g_assert_nonnull (title_row);

  /* Ticking a unit operation links it to the option. */
  {
    GtkWidget *chooser = find_menu_button (row, "Choose…");
    GtkPopover *popover;
    GtkWidget *check;

    g_assert_nonnull (chooser);
    g_assert_true (gtk_widget_get_mapped (chooser));
    /* A popover opens on screen only: X11 finds no monitor for an anchor scrolled out of view. */
    scroll_to (chooser);
    gtk_menu_button_popup (GTK_MENU_BUTTON (chooser));
    ekv_test_spin ();
    popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (chooser));
    check = ekv_test_find_widget (gtk_popover_get_child (popover), GTK_TYPE_CHECK_BUTTON);
    g_assert_nonnull (check);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    ekv_test_spin ();
    g_assert_cmpuint (g_list_model_get_n_items (ekv_record_get_children (option,
                                                                         EKV_ENTITY_OPTION_UNIT)),
                      ==, 1);
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)),
                              gtk_check_button_get_label (GTK_CHECK_BUTTON (check))));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
    ekv_test_spin ();
    g_assert_cmpuint (g_list_model_get_n_items (ekv_record_get_children (option,
                                                                         EKV_ENTITY_OPTION_UNIT)),
                      ==, 0);
    gtk_menu_button_popdown (GTK_MENU_BUTTON (chooser));
    ekv_test_spin ();
  }
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Drop-fill rinsing on the jets");
  ekv_test_spin ();
  g_assert_cmpstr (ekv_record_get_string (option, EKV_OPTION_TITLE), ==,
                   "Drop-fill rinsing on the jets");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Drop-fill rinsing on the jets");

  if (g_getenv ("EKV_TEST_SCREENSHOTS") != NULL)
    {
      screenshot (fixture, "suggestions");
      scroll_to (row);
      screenshot (fixture, "options");
    }
}

/* A screening decision and its reason are in the file. */
static void
test_screening (Fixture       *fixture,
                gconstpointer  data)
{
  EkvScreeningPage *page = EKV_SCREENING_PAGE (ekv_window_show_page (fixture->window, "screening"));
  GListModel *options = ekv_document_get_list (fixture->document, EKV_ENTITY_OPTION);
  g_autoptr(EkvRecord) option = g_list_model_get_item (options, 1);
  g_autofree char *id = g_strdup (ekv_record_get_string (option, EKV_OPTION_ID));
  g_autoptr(EkvDocument) reopened = NULL;
  g_autoptr(GError) error = NULL;
  EkvRecord *stored;
  AdwComboRow *decision;
  GtkWidget *reason;

  ekv_test_spin ();
  decision = ekv_screening_page_get_decision_row (page, option);
  g_assert_nonnull (decision);
  adw_combo_row_set_selected (decision, 1 + EKV_SCREENING_REJECT);
  ekv_test_spin ();
  g_assert_true (ekv_record_is_set (option, EKV_OPTION_SCREENING));
  g_assert_cmpint (ekv_record_get_enum (option, EKV_OPTION_SCREENING), ==, EKV_SCREENING_REJECT);

  reason = ekv_test_find_widget (gtk_widget_get_next_sibling (GTK_WIDGET (decision)),
                                 EKV_TYPE_TEXT_AREA);
  g_assert_nonnull (reason);
  gtk_text_buffer_set_text (ekv_text_area_get_buffer (EKV_TEXT_AREA (reason)),
                            "Rejected: the supplier cannot deliver before 2028", -1);
  ekv_test_spin ();
  g_assert_cmpstr (ekv_record_get_string (option, EKV_OPTION_DESCRIPTION), ==,
                   "Rejected: the supplier cannot deliver before 2028");

  /* Not screened: the field is unset again. */
  {
    g_autoptr(EkvRecord) other = g_list_model_get_item (options, 2);
    AdwComboRow *other_decision = ekv_screening_page_get_decision_row (page, other);

    adw_combo_row_set_selected (other_decision, 1 + EKV_SCREENING_STUDY);
    ekv_test_spin ();
    adw_combo_row_set_selected (other_decision, 0);
    ekv_test_spin ();
    g_assert_false (ekv_record_is_set (other, EKV_OPTION_SCREENING));
  }

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (GTK_WIDGET (decision),
                                                                          ADW_TYPE_EXPANDER_ROW)),
                                 TRUE);
  screenshot (fixture, "screening");

  reopened = ekv_document_open (fixture->path, EKV_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  stored = ekv_document_find (reopened, EKV_ENTITY_OPTION, id);
  g_assert_nonnull (stored);
  g_assert_cmpint (ekv_record_get_enum (stored, EKV_OPTION_SCREENING), ==, EKV_SCREENING_REJECT);
  g_assert_cmpstr (ekv_record_get_string (stored, EKV_OPTION_DESCRIPTION), ==,
                   "Rejected: the supplier cannot deliver before 2028");
}

int
main (int   argc,
      char *argv[])
{
  if (!ekv_test_gui_init (&argc, &argv))
    return 0;
  /* libadwaita 1.2 asserts when a high-priority toast (Undo) that replaced
   * another is dismissed while the other's hiding animation still runs; a test
   * clicks faster than any hand. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

#define ADD(name, fn) \
  g_test_add ("/ekv/options-page/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("payback", test_payback);
  ADD ("investment-items", test_investment_items);
  ADD ("delete-undo", test_delete_undo);
  ADD ("duplicate", test_duplicate);
  ADD ("suggestion", test_suggestion);
  ADD ("screening", test_screening);
#undef ADD

  return g_test_run ();
}
