/* test-flowchart-view.c: the flow chart on the Unit operations page follows edits
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ekv-flowchart-view.h"
#include "ekv-inventory-page.h"
#include "ekv-record-list.h"
#include "ekv-test-gui.h"
#include "ekv-units-page.h"
#include "ekv-window.h"

typedef struct
{
  EkvApplication *app;
  char           *dir;
  EkvWindow      *window;
  EkvDocument    *document;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ekv_test_open_sample ("ekv-flowchart", FALSE, &fixture->app, &fixture->dir, &fixture->window);
  fixture->document = ekv_window_get_document (fixture->window);
  ekv_test_spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ekv_test_close_sample (&fixture->app, &fixture->dir, &fixture->window);
}

static EkvFlowchart *
chart_of (EkvFlowchartView *view)
{
  EkvFlowchart *chart;

  ekv_test_spin ();
  chart = ekv_flowchart_view_get_chart (view);
  g_assert_nonnull (chart);
  return chart;
}

static const EkvFlowchartBox *
find_box (EkvFlowchart *chart,
          const char   *unit_id)
{
  for (guint i = 0; i < ekv_flowchart_get_n_boxes (chart); i++)
    if (g_strcmp0 (ekv_flowchart_get_box (chart, i)->unit_id, unit_id) == 0)
      return ekv_flowchart_get_box (chart, i);
  return NULL;
}

/* The sample's twelve units are twelve boxes; the chart follows adding, renaming,
 * moving and deleting a unit and changing where a flow goes. */
static void
test_follows_edits (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page = ekv_window_show_page (fixture->window, "units");
  GListModel *units = ekv_document_get_list (fixture->document, EKV_ENTITY_UNIT_OPERATION);
  EkvFlowchartView *view;
  EkvRecordList *list;
  EkvFlowchart *chart;
  EkvRecord *added;
  EkvRecord *flow;
  g_autofree char *added_id = NULL;

  g_assert_true (EKV_IS_UNITS_PAGE (page));
  view = EKV_FLOWCHART_VIEW (ekv_units_page_show_flowchart (EKV_UNITS_PAGE (page)));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (view)) || gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (view)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);
  chart = chart_of (view);
  g_assert_cmpuint (ekv_flowchart_get_n_boxes (chart), ==, 12);
  g_assert_cmpuint (ekv_flowchart_get_n_arrows (chart), ==, 28);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >=,
                   (int) ekv_flowchart_get_height (chart));

  /* Added on the page's list */
  list = EKV_RECORD_LIST (ekv_test_find_widget (page, EKV_TYPE_RECORD_LIST));
  g_assert_nonnull (list);
  added = ekv_record_list_add (list);
  g_assert_nonnull (added);
  added_id = g_strdup (ekv_record_get_string (added, EKV_UNIT_OPERATION_ID));
  ekv_units_page_show_flowchart (EKV_UNITS_PAGE (page));
  chart = chart_of (view);
  g_assert_cmpuint (ekv_flowchart_get_n_boxes (chart), ==, 13);
  g_assert_cmpstr (ekv_flowchart_get_box (chart, 12)->unit_id, ==, added_id);

  /* Renamed */
  g_object_set (added, "name", "Kurutma (yeni)", NULL);
  chart = chart_of (view);
  g_assert_cmpstr (ekv_flowchart_get_box (chart, 12)->name, ==, "Kurutma (yeni)");

  /* Moved to the front */
  g_assert_true (ekv_document_move (fixture->document, added, 0, &error));
  g_assert_no_error (error);
  chart = chart_of (view);
  g_assert_cmpstr (ekv_flowchart_get_box (chart, 0)->unit_id, ==, added_id);

  /* A flow sent to the new unit instead: a new arrow, one fewer to u11 from u2 */
  flow = ekv_document_find (fixture->document, EKV_ENTITY_FLOW, "f14");
  g_assert_nonnull (flow);
  g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_FROM), ==, "u2");
  g_assert_nonnull (ekv_flowchart_find_arrow (chart, "u2", "u11"));
  g_object_set (flow, "to-unit", added_id, NULL);
  chart = chart_of (view);
  g_assert_null (ekv_flowchart_find_arrow (chart, "u2", "u11"));
  g_assert_nonnull (ekv_flowchart_find_arrow (chart, "u2", added_id));
  g_assert_cmpuint (find_box (chart, added_id)->n_links_in, ==, 1);

  /* Deleted with its flow */
  g_object_set (flow, "to-unit", "u11", NULL);
  g_assert_true (ekv_document_remove (fixture->document, added, &error));
  g_assert_no_error (error);
  chart = chart_of (view);
  g_assert_cmpuint (g_list_model_get_n_items (units), ==, 12);
  g_assert_cmpuint (ekv_flowchart_get_n_boxes (chart), ==, 12);
  g_assert_null (find_box (chart, added_id));
}

/* A click on a box opens that unit in the Inventory page. */
static void
test_click_opens_unit (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = ekv_window_show_page (fixture->window, "units");
  EkvFlowchartView *view = EKV_FLOWCHART_VIEW (ekv_units_page_show_flowchart (EKV_UNITS_PAGE (page)));
  EkvFlowchart *chart = chart_of (view);
  const EkvFlowchartBox *box = find_box (chart, "u5");
  GtkWidget *inventory;
  EkvRecord *shown;

  g_assert_nonnull (box);
  g_assert_false (ekv_flowchart_view_activate_at (view, -10, -10));
  g_assert_true (ekv_flowchart_view_activate_at (view, box->x + box->width / 2,
                                                 box->y + box->height / 2));
  ekv_test_spin ();

  inventory = ekv_window_show_page (fixture->window, "inventory");
  shown = ekv_inventory_page_get_unit (EKV_INVENTORY_PAGE (inventory));
  g_assert_nonnull (shown);
  g_assert_cmpstr (ekv_record_get_string (shown, EKV_UNIT_OPERATION_ID), ==, "u5");
}

int
main (int   argc,
      char *argv[])
{
  if (!ekv_test_gui_init (&argc, &argv))
    return 0;

  g_test_add ("/ekv/flowchart-view/follows-edits", Fixture, NULL, fixture_set_up,
              test_follows_edits, fixture_tear_down);
  g_test_add ("/ekv/flowchart-view/click-opens-unit", Fixture, NULL, fixture_set_up,
              test_click_opens_unit, fixture_tear_down);

  return g_test_run ();
}
