/* ekv-xlsx-charts.c: the Bills, KPIs and Sankey sheets
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Bills and KPIs are tables with native charts over them (they follow the
 * cells); the Sankey views are pictures drawn by the same code as the window.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-bills.h"
#include "ekv-enums.h"
#include "ekv-labels.h"
#include "ekv-sankey-draw.h"
#include "ekv-sankey-graph.h"
#include "ekv-xlsx-private.h"

/* ------------------------------------------------------------------------ */
/* Bills                                                                    */

enum
{
  BILL_CARRIER,
  BILL_MONTH,
  BILL_QUANTITY,
  BILL_UNIT,
  BILL_COST,
  BILL_PRICE,
  BILL_N_COLUMNS
};

static int
compare_bills (gconstpointer a,
               gconstpointer b)
{
  EkvRecord *x = *(EkvRecord **) a;
  EkvRecord *y = *(EkvRecord **) b;
  int cx = ekv_record_get_enum (x, EKV_BILL_CARRIER);
  int cy = ekv_record_get_enum (y, EKV_BILL_CARRIER);

  if (cx != cy)
    return cx < cy ? -1 : 1;
  return g_strcmp0 (ekv_record_get_string (x, EKV_BILL_MONTH),
                    ekv_record_get_string (y, EKV_BILL_MONTH));
}

gboolean
ekv_xlsx_write_bills (EkvXlsx  *self,
                      GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("Bills"));
  GListModel *list = ekv_document_get_list (self->document, EKV_ENTITY_BILL);
  guint n = list != NULL ? g_list_model_get_n_items (list) : 0;
  g_autoptr(GPtrArray) bills = g_ptr_array_new_with_free_func (g_object_unref);
  const char *headers[BILL_N_COLUMNS];
  g_autofree char *cost_header = NULL;
  g_autofree char *price_header = NULL;
  lxw_chart *chart = NULL;
  lxw_row_t row = 0, block_start = 1, totals_row;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (bills, g_list_model_get_item (list, i));
  g_ptr_array_sort (bills, compare_bills);

  /* Translators: a column header: an energy carrier or water */
  headers[BILL_CARRIER] = _("Carrier");
  headers[BILL_MONTH] = ekv_xlsx_field_label (EKV_ENTITY_BILL, EKV_BILL_MONTH);
  headers[BILL_QUANTITY] = ekv_xlsx_field_label (EKV_ENTITY_BILL, EKV_BILL_QUANTITY);
  headers[BILL_UNIT] = ekv_xlsx_field_label (EKV_ENTITY_BILL, EKV_BILL_UNIT);
  /* Translators: a column header; %s is the currency code */
  cost_header = g_strdup_printf (_("Cost (%s)"), self->currency);
  headers[BILL_COST] = cost_header;
  /* Translators: a column header; %s is the currency code */
  price_header = g_strdup_printf (_("Unit price (%s per unit)"), self->currency);
  headers[BILL_PRICE] = price_header;
  ekv_xlsx_header_row (self, sheet, 0, headers, BILL_N_COLUMNS);

  if (n > 0)
    {
      chart = workbook_add_chart (self->workbook, LXW_CHART_COLUMN);
      chart_title_set_name (chart, _("Monthly bills"));
      chart_axis_set_name (chart->y_axis, cost_header);
      chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
    }

  for (guint i = 0; i < n; i++)
    {
      EkvRecord *bill = g_ptr_array_index (bills, i);
      int carrier = ekv_record_get_enum (bill, EKV_BILL_CARRIER);
      g_autofree char *qty = NULL, *cost = NULL, *formula = NULL;

      row = i + 1;
      for (guint f = 0; f < EKV_BILL_N_FIELDS; f++)
        if (f != EKV_BILL_COST && f != EKV_BILL_QUANTITY)
          ekv_xlsx_field (self, sheet, row, f, bill, f);
      ekv_xlsx_number (sheet, row, BILL_QUANTITY, ekv_record_get_double (bill, EKV_BILL_QUANTITY),
                       self->f_input);
      if (ekv_record_is_set (bill, EKV_BILL_COST))
        {
          double q = ekv_record_get_double (bill, EKV_BILL_QUANTITY);
          double c = ekv_record_get_double (bill, EKV_BILL_COST);

          ekv_xlsx_number (sheet, row, BILL_COST, c, self->f_input);
          qty = ekv_xlsx_ref (NULL, row, BILL_QUANTITY, FALSE);
          cost = ekv_xlsx_ref (NULL, row, BILL_COST, FALSE);
          formula = g_strdup_printf ("=IF(%s>0,%s/%s,\"\")", qty, cost, qty);
          ekv_xlsx_formula (sheet, row, BILL_PRICE, formula, q > 0 ? c / q : NAN, self->f_precise);
        }

      /* One series per carrier: its rows are together after the sort. */
      if (i + 1 == n
          || ekv_record_get_enum (g_ptr_array_index (bills, i + 1), EKV_BILL_CARRIER) != carrier)
        {
          lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

          chart_series_set_categories (series, sheet->name, block_start, BILL_MONTH, row,
                                       BILL_MONTH);
          chart_series_set_values (series, sheet->name, block_start, BILL_COST, row, BILL_COST);
          chart_series_set_name (series, ekv_enum_get_label (EKV_TYPE_CARRIER, carrier));
          block_start = row + 1;
        }
    }
  ekv_xlsx_finish_table (self, sheet, 0, row, BILL_N_COLUMNS - 1);

  /* Totals per carrier, in the unit of its first bill (as the bills page shows). */
  totals_row = row + 2;
  if (n > 0)
    {
      g_autofree char *carriers = ekv_xlsx_range (NULL, 1, n, BILL_CARRIER);
      g_autofree char *quantities = ekv_xlsx_range (NULL, 1, n, BILL_QUANTITY);
      g_autofree char *costs = ekv_xlsx_range (NULL, 1, n, BILL_COST);
      guint i = 0;

      ekv_xlsx_note (sheet, totals_row++, 0, _("Totals per carrier"), self->f_title);
      while (i < n)
        {
          EkvRecord *first = g_ptr_array_index (bills, i);
          int carrier = ekv_record_get_enum (first, EKV_BILL_CARRIER);
          EkvBillTotals totals;
          g_autofree char *label = NULL, *formula = NULL, *here = NULL;

          ekv_bill_totals_init (&totals, ekv_record_get_enum (first, EKV_BILL_UNIT));
          for (; i < n; i++)
            {
              EkvRecord *bill = g_ptr_array_index (bills, i);

              if (ekv_record_get_enum (bill, EKV_BILL_CARRIER) != carrier)
                break;
              ekv_bill_totals_add (&totals, bill);
            }

          ekv_xlsx_text (sheet, totals_row, BILL_CARRIER,
                         ekv_enum_get_label (EKV_TYPE_CARRIER, carrier), self->f_bold);
          here = ekv_xlsx_ref (NULL, totals_row, BILL_CARRIER, FALSE);
          /* A sum of quantities only when every bill has the same unit. */
          if (!totals.mixed_units)
            {
              formula = g_strdup_printf ("=SUMIFS(%s,%s,%s)", quantities, carriers, here);
              ekv_xlsx_formula (sheet, totals_row, BILL_QUANTITY, formula, totals.quantity,
                                self->f_total);
              g_clear_pointer (&formula, g_free);
            }
          else
            ekv_xlsx_number (sheet, totals_row, BILL_QUANTITY, totals.quantity, self->f_total);
          ekv_xlsx_text (sheet, totals_row, BILL_UNIT,
                         ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT, totals.unit), NULL);
          formula = g_strdup_printf ("=SUMIFS(%s,%s,%s)", costs, carriers, here);
          ekv_xlsx_formula (sheet, totals_row, BILL_COST, formula, totals.cost, self->f_total);
          totals_row++;
        }
    }

  if (chart != NULL)
    worksheet_insert_chart (sheet->sheet, totals_row + 1, 0, chart);
  return ekv_xlsx_step (self, 1, error);
}

/* ------------------------------------------------------------------------ */
/* KPIs                                                                     */

enum
{
  KPI_ID,
  KPI_NAME,
  KPI_UNIT,
  KPI_BASELINE,
  KPI_TARGET,
  KPI_PERIOD,
  KPI_VALUE,
  KPI_CHANGE,
  KPI_N_COLUMNS
};

gboolean
ekv_xlsx_write_kpis (EkvXlsx  *self,
                     GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters): key performance
   * indicators */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("KPIs"));
  GListModel *list = ekv_document_get_list (self->document, EKV_ENTITY_KPI);
  guint n = list != NULL ? g_list_model_get_n_items (list) : 0;
  const char *headers[KPI_N_COLUMNS];
  lxw_chart *chart = NULL;
  lxw_row_t row = 0;

  for (guint f = 0; f < EKV_KPI_N_FIELDS; f++)
    headers[f] = ekv_xlsx_field_label (EKV_ENTITY_KPI, f);
  headers[KPI_PERIOD] = ekv_xlsx_field_label (EKV_ENTITY_KPI_VALUE, EKV_KPI_VALUE_PERIOD);
  headers[KPI_VALUE] = ekv_xlsx_field_label (EKV_ENTITY_KPI_VALUE, EKV_KPI_VALUE_VALUE);
  /* Translators: a column header: a KPI value against its baseline */
  headers[KPI_CHANGE] = _("Change from baseline (%)");
  ekv_xlsx_header_row (self, sheet, 0, headers, KPI_N_COLUMNS);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) kpi = g_list_model_get_item (list, i);
      GListModel *values = ekv_record_get_children (kpi, EKV_ENTITY_KPI_VALUE);
      guint n_values = values != NULL ? g_list_model_get_n_items (values) : 0;
      lxw_row_t first = row + 1;

      /* One row per value; a KPI without values still gets its row. */
      for (guint v = 0; v < MAX (n_values, 1); v++)
        {
          row++;
          for (guint f = 0; f < EKV_KPI_N_FIELDS; f++)
            ekv_xlsx_field (self, sheet, row, f, kpi, f);
          if (v < n_values)
            {
              g_autoptr(EkvRecord) value = g_list_model_get_item (values, v);
              g_autofree char *base = ekv_xlsx_ref (NULL, row, KPI_BASELINE, FALSE);
              g_autofree char *here = ekv_xlsx_ref (NULL, row, KPI_VALUE, FALSE);
              g_autofree char *formula = g_strdup_printf ("=IF(N(%s)<>0,100*(%s-%s)/%s,\"\")",
                                                          base, here, base, base);
              double b = ekv_record_is_set (kpi, EKV_KPI_BASELINE)
                         ? ekv_record_get_double (kpi, EKV_KPI_BASELINE) : 0;
              double x = ekv_record_get_double (value, EKV_KPI_VALUE_VALUE);

              ekv_xlsx_field (self, sheet, row, KPI_PERIOD, value, EKV_KPI_VALUE_PERIOD);
              ekv_xlsx_number (sheet, row, KPI_VALUE, x, self->f_input);
              ekv_xlsx_formula (sheet, row, KPI_CHANGE, formula,
                                b != 0 ? 100 * (x - b) / b : NAN, self->f_percent);
            }
        }

      if (n_values > 0)
        {
          lxw_chart_series *series;

          if (chart == NULL)
            {
              chart = workbook_add_chart (self->workbook, LXW_CHART_LINE);
              chart_title_set_name (chart, _("Key performance indicators"));
              chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
            }
          series = chart_add_series (chart, NULL, NULL);
          chart_series_set_categories (series, sheet->name, first, KPI_PERIOD, row, KPI_PERIOD);
          chart_series_set_values (series, sheet->name, first, KPI_VALUE, row, KPI_VALUE);
          chart_series_set_name_range (series, sheet->name, first, KPI_NAME);
          chart_series_set_marker_type (series, LXW_CHART_MARKER_CIRCLE);
        }
    }
  ekv_xlsx_finish_table (self, sheet, 0, row, KPI_N_COLUMNS - 1);
  if (chart != NULL)
    worksheet_insert_chart (sheet->sheet, row + 2, 1, chart);
  return ekv_xlsx_step (self, 1, error);
}

/* ------------------------------------------------------------------------ */
/* Sankey                                                                   */

#define SANKEY_WIDTH 1100
#define SANKEY_HEIGHT 700
#define SANKEY_ROWS 37   /* rows of 20 px the picture covers, and a gap */

static gboolean
draw_sankey (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  data,
             GError  **error)
{
  return ekv_sankey_draw (cr, data, width, height, NULL, error);
}

#define N_VIEWS 4

/* The four diagrams are drawn side by side, one per processor: on a big audit
 * drawing them is most of the export's time. The graphs are made first, on the
 * export's thread (they read the document, which is not thread-safe); each
 * drawing has its own surface and Pango context. */
typedef struct
{
  EkvXlsx        *self;
  EkvSankeyGraph *graphs[N_VIEWS];
  GBytes         *pngs[N_VIEWS];
  EkvLanguage     language;
  int             next;          /* atomic: the next diagram to draw */
  int             done;          /* atomic: diagrams drawn */
} SankeyJobs;

/* Draws diagrams until none is left. The export's own thread (REPORT) tells
 * the progress as they are done; the others only draw. */
static void
draw_pending (SankeyJobs *jobs,
              gboolean    report)
{
  int i;

  while ((i = g_atomic_int_add (&jobs->next, 1)) < N_VIEWS)
    {
      if (jobs->graphs[i] != NULL)
        jobs->pngs[i] = _ekv_xlsx_render_png (SANKEY_WIDTH, SANKEY_HEIGHT, draw_sankey,
                                              jobs->graphs[i]);
      g_atomic_int_inc (&jobs->done);
      if (report)
        ekv_xlsx_step (jobs->self, 0.1 + 0.9 * g_atomic_int_get (&jobs->done) / N_VIEWS, NULL);
    }
}

static gpointer
draw_thread (gpointer data)
{
  SankeyJobs *jobs = data;
  /* Labels and numbers in the workbook's language, as on the export's thread. */
  g_autoptr(EkvLanguageScope) scope = ekv_language_scope_enter (jobs->language, NULL);

  draw_pending (jobs, FALSE);
  return NULL;
}

static void
draw_all (SankeyJobs *jobs)
{
  GThread *threads[N_VIEWS - 1] = { NULL };
  guint n_threads = CLAMP (g_get_num_processors (), 1, N_VIEWS) - 1;

  for (guint t = 0; t < n_threads; t++)
    threads[t] = g_thread_try_new ("ekv-xlsx-sankey", draw_thread, jobs, NULL);
  draw_pending (jobs, TRUE);
  for (guint t = 0; t < n_threads; t++)
    if (threads[t] != NULL)
      g_thread_join (threads[t]);
}

gboolean
ekv_xlsx_write_sankey (EkvXlsx  *self,
                       GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("Sankey diagrams"));
  const EkvSankeyView views[N_VIEWS] = { EKV_SANKEY_VIEW_MATERIAL, EKV_SANKEY_VIEW_WATER,
                                         EKV_SANKEY_VIEW_ENERGY, EKV_SANKEY_VIEW_COST };
  GError *graph_errors[N_VIEWS] = { NULL };
  lxw_row_t breaks[N_VIEWS + 1] = { 0 };
  SankeyJobs jobs = { 0 };
  lxw_row_t row = 0;

  ekv_xlsx_note (sheet, row++, 0, _("The flows of the inventory per year, as drawn in Ekoverim. "
                                    "These are pictures: they do not follow edits to the cells."),
                 NULL);
  jobs.self = self;
  jobs.language = self->language;
  for (guint i = 0; i < N_VIEWS; i++)
    jobs.graphs[i] = ekv_sankey_graph_from_audit (self->document, views[i],
                                                  EKV_SANKEY_SCENARIO_BASELINE, &graph_errors[i]);
  if (!ekv_xlsx_step (self, 0.1, error))
    {
      for (guint i = 0; i < N_VIEWS; i++)
        {
          g_clear_pointer (&jobs.graphs[i], ekv_sankey_graph_free);
          g_clear_error (&graph_errors[i]);
        }
      return FALSE;
    }
  draw_all (&jobs);

  for (guint i = 0; i < N_VIEWS; i++)
    {
      /* One diagram per printed page. */
      if (i > 0)
        breaks[i - 1] = row;
      ekv_xlsx_note (sheet, row, 0, ekv_sankey_view_get_label (views[i]), self->f_title);
      if (jobs.pngs[i] != NULL)
        {
          gsize size;
          const unsigned char *data = g_bytes_get_data (jobs.pngs[i], &size);
          lxw_image_options options = { 0 };

          /* libxlsxwriter reads the bytes when the workbook is closed. */
          g_ptr_array_add (self->keep, jobs.pngs[i]);
          options.description = (char *) ekv_sankey_view_get_label (views[i]);
          worksheet_insert_image_buffer_opt (sheet->sheet, row + 1, 0, data, size, &options);
          row += SANKEY_ROWS;
        }
      else
        {
          ekv_xlsx_text (sheet, row + 1, 0, graph_errors[i] != NULL ? graph_errors[i]->message
                                                                    : _("Nothing to draw."), NULL);
          row += 3;
        }
      g_clear_pointer (&jobs.graphs[i], ekv_sankey_graph_free);
      g_clear_error (&graph_errors[i]);
    }
  worksheet_set_h_pagebreaks (sheet->sheet, breaks);
  worksheet_set_portrait (sheet->sheet);
  return ekv_xlsx_step (self, 1, error);
}
