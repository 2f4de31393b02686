/* ekv-report-content.c: the chapters of the management report
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * What a consultancy hands the firm's management: the programme's figures first,
 * then the plant, its baseline, its balances and diagrams, the options with
 * their economics, the plan and how progress is measured, and the factors the
 * figures rest on. A management report summarises: flows are never listed one
 * by one (the workbook does that); units are, up to MAX_UNIT_ROWS, the largest
 * first when there are more; options, actions and KPIs are, since each is a
 * decision.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-balance.h"
#include "ekv-entity.h"
#include "ekv-enums.h"
#include "ekv-flowchart.h"
#include "ekv-labels.h"
#include "ekv-macc-draw.h"
#include "ekv-options.h"
#include "ekv-report-private.h"
#include "ekv-sankey-draw.h"
#include "ekv-sankey-graph.h"
#include "ekv-util.h"

#define MAX_UNIT_ROWS   40
#define TOP_OPTIONS     5
#define MAX_CHART_UNITS 60    /* more boxes than that cannot be read on a page */
#define MIN_CHART_SCALE 0.5   /* nor text drawn at less than half its size */
#define DASH            "–"

/* ------------------------------------------------------------------------ */
/* Numbers and dates                                                        */

static char *
number (double value,
        int    digits)
{
  if (!isfinite (value))
    return g_strdup (DASH);
  if (digits < 0)
    digits = fabs (value) >= 100 ? 0 : fabs (value) >= 10 ? 1 : 2;
  if (fabs (value) < 0.5 * pow (10, -digits))
    value = 0.0;   /* no "-0" */
  return ekv_number_format (value, digits);
}

static char *
number_unit (double      value,
             int         digits,
             const char *unit)
{
  g_autofree char *n = number (value, digits);

  if (!isfinite (value))
    return g_steal_pointer (&n);
  /* Translators: a number and its unit, e.g. "1.234 m³"; keep the order of the language */
  return g_strdup_printf (C_("number unit", "%s %s"), n, unit);
}

static const char *
record_text (EkvRecord *record,
             guint      field)
{
  const char *text = record != NULL ? ekv_record_get_string (record, field) : NULL;

  return text != NULL ? text : "";
}

static double
record_number (EkvRecord *record,
               guint      field)
{
  if (record == NULL || !ekv_record_is_set (record, field))
    return NAN;
  return ekv_record_get_double (record, field);
}

/* An ISO date as the report's language writes it: "12.01.2026" or "12 Jan 2026". */
static char *
date_text (EkvLanguage  language,
           const char  *iso)
{
  static const char * const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  int year, month, day;

  if (iso == NULL || *iso == '\0')
    return g_strdup (DASH);
  if (sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3 || month < 1 || month > 12)
    return g_strdup (iso);
  if (language == EKV_LANGUAGE_TURKISH)
    return g_strdup_printf ("%02d.%02d.%d", day, month, year);
  return g_strdup_printf ("%d %s %d", day, months[month - 1], year);
}

/* "Jan 25" for "2025-01", in the report's language. */
static char *
month_text (const char *iso)
{
  const char *names[] = {
    /* Translators: short month names under the monthly bills charts */
    C_("month", "Jan"), C_("month", "Feb"), C_("month", "Mar"), C_("month", "Apr"),
    C_("month", "May"), C_("month", "Jun"), C_("month", "Jul"), C_("month", "Aug"),
    C_("month", "Sep"), C_("month", "Oct"), C_("month", "Nov"), C_("month", "Dec"),
  };
  int year, month;

  if (iso == NULL || sscanf (iso, "%d-%d", &year, &month) != 2 || month < 1 || month > 12)
    return g_strdup (iso != NULL ? iso : "");
  return g_strdup_printf ("%s %02d", names[month - 1], year % 100);
}

static const char *
unit_symbol (EkvQuantityUnit unit)
{
  return ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT, unit);
}

/* A sum for a key-figure tile: "13,97 million" (the currency is in the label). */
static char *
money_short (double value)
{
  g_autofree char *n = NULL;

  if (!isfinite (value) || fabs (value) < 1e6)
    return number (value, 0);
  n = number (value / 1e6, 2);
  /* Translators: a sum in millions on a key-figure tile, e.g. "13,97 million" */
  return g_strdup_printf (_("%s million"), n);
}

static GPtrArray *
cells_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* ------------------------------------------------------------------------ */
/* Figures                                                                  */

/* A Sankey diagram on a page of its own, as high as the page leaves it. The
 * diagram after the options is drawn on the scale of the one before: that
 * scale fits the one before in its figure, known once the report is
 * paginated, and is computed at the first drawing. */
typedef struct _SankeyFigure SankeyFigure;
struct _SankeyFigure
{
  EkvSankeyGraph       *graph;
  EkvSankeyDrawOptions  options;
  EkvReportBlock       *block;      /* the figure's block: its height */
  SankeyFigure         *before;     /* the after's: whose scale it takes */
  gboolean              scaled;
  double                scale;
};

static void
sankey_figure_free (gpointer data)
{
  SankeyFigure *figure = data;

  ekv_sankey_graph_free (figure->graph);
  g_free (figure);
}

/* The scale that fits FIGURE's graph into its figure, WIDTH wide. */
static double
sankey_figure_scale (SankeyFigure *figure,
                     double        width)
{
  if (!figure->scaled)
    {
      EkvSankeyDrawOptions options = figure->options;

      options.fixed_scale = 0;
      figure->scale = ekv_sankey_fit_scale (figure->graph, width, figure->block->height,
                                            &options);
      figure->scaled = TRUE;
    }
  return figure->scale;
}

static void
draw_sankey (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  data)
{
  SankeyFigure *figure = data;
  EkvSankeyDrawOptions options = figure->options;

  options.fixed_scale = sankey_figure_scale (figure->before != NULL ? figure->before : figure,
                                             width);
  if (options.fixed_scale <= 0)
    return;
  ekv_sankey_draw (cr, figure->graph, width, height, &options, NULL);
}

static SankeyFigure *
sankey_figure_new (EkvSankeyGraph *graph)
{
  SankeyFigure *figure = g_new0 (SankeyFigure, 1);

  ekv_sankey_draw_options_init (&figure->options);
  figure->options.font_family = EKV_REPORT_FONT;
  figure->options.font_size = 7;
  figure->graph = graph;
  return figure;
}

typedef struct
{
  EkvOptions *options;
  char       *currency;
} MaccFigure;

static void
macc_figure_free (gpointer data)
{
  MaccFigure *figure = data;

  ekv_options_free (figure->options);
  g_free (figure->currency);
  g_free (figure);
}

static void
draw_macc (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  data)
{
  MaccFigure *figure = data;
  EkvMaccDrawOptions options;

  ekv_macc_draw_options_init (&options);
  options.currency = figure->currency;
  options.show_title = FALSE;
  options.font_size = 8;
  ekv_macc_draw (cr, figure->options, width, height, &options);
}

/* The flow chart with the extent it really inks (its legend and the arrows
 * routed around the last row included). */
typedef struct
{
  EkvFlowchart *chart;
  double        x, y, width, height;
} FlowchartFigure;

static void
flowchart_figure_free (gpointer data)
{
  FlowchartFigure *figure = data;

  ekv_flowchart_free (figure->chart);
  g_free (figure);
}

static FlowchartFigure *
flowchart_figure_new (EkvFlowchart *chart)
{
  FlowchartFigure *figure = g_new0 (FlowchartFigure, 1);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (recording);

  ekv_flowchart_draw (chart, cr);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (recording, &figure->x, &figure->y, &figure->width,
                                       &figure->height);
  cairo_surface_destroy (recording);
  figure->chart = chart;
  figure->x = MIN (figure->x, 0);
  figure->y = MIN (figure->y, 0);
  figure->width = MAX (figure->width, ekv_flowchart_get_width (chart));
  figure->height = MAX (figure->height, ekv_flowchart_get_height (chart));
  return figure;
}

static void
draw_flowchart (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  data)
{
  FlowchartFigure *figure = data;
  double scale = MIN (width / MAX (figure->width, 1), height / MAX (figure->height, 1));

  cairo_translate (cr, (width - figure->width * scale) / 2, 0);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -figure->x, -figure->y);
  ekv_flowchart_draw (figure->chart, cr);
}

/* ------------------------------------------------------------------------ */
/* Chapters                                                                 */

typedef struct
{
  EkvReport   *report;
  EkvDocument *document;
  EkvBalance  *balance;
  EkvOptions  *options;
  const char  *currency;
  gboolean     textile;
} Content;

static void
cover (Content *c)
{
  EkvReport *report = c->report;
  EkvRecord *company = ekv_document_get_company (c->document);
  EkvRecord *audit = ekv_document_get_audit (c->document);
  GListModel *team = ekv_document_get_list (c->document, EKV_ENTITY_TEAM_MEMBER);
  g_autofree char *start = date_text (c->report->language,
                                      ekv_record_get_string (audit, EKV_AUDIT_START));
  g_autofree char *end = date_text (c->report->language,
                                    ekv_record_get_string (audit, EKV_AUDIT_END));
  GString *organisations = g_string_new (NULL);

  report->title = g_strdup (_("Cleaner production audit — management report"));
  report->firm = g_strdup (*record_text (company, EKV_COMPANY_NAME) != '\0'
                           ? record_text (company, EKV_COMPANY_NAME) : _("Unnamed company"));
  report->cover_title = g_strdup (*record_text (audit, EKV_AUDIT_TITLE) != '\0'
                                  ? record_text (audit, EKV_AUDIT_TITLE) : report->title);
  /* Translators: the audit's dates on the report's cover */
  report->cover_subtitle = g_strdup_printf (_("Audit from %s to %s"), start, end);
  report->cover_lines = g_ptr_array_new_with_free_func (g_free);

  if (*record_text (company, EKV_COMPANY_CITY) != '\0')
    g_ptr_array_add (report->cover_lines,
                     g_markup_printf_escaped ("%s%s%s", record_text (company, EKV_COMPANY_ADDRESS),
                                              *record_text (company, EKV_COMPANY_ADDRESS) != '\0'
                                              ? ", " : "",
                                              record_text (company, EKV_COMPANY_CITY)));
  if (*record_text (audit, EKV_AUDIT_SPONSOR) != '\0')
    g_ptr_array_add (report->cover_lines,
                     /* Translators: on the cover; %s is the sponsor's name and position */
                     g_markup_printf_escaped (_("<b>Sponsor:</b> %s"),
                                              record_text (audit, EKV_AUDIT_SPONSOR)));
  g_ptr_array_add (report->cover_lines, g_strdup (" "));
  if (g_list_model_get_n_items (team) > 0)
    g_ptr_array_add (report->cover_lines, g_markup_printf_escaped ("<b>%s</b>", _("Audit team")));
  for (guint i = 0; i < g_list_model_get_n_items (team); i++)
    {
      g_autoptr(EkvRecord) member = g_list_model_get_item (team, i);
      const char *organisation = record_text (member, EKV_TEAM_MEMBER_ORGANISATION);
      int role = ekv_record_get_enum (member, EKV_TEAM_MEMBER_ROLE);

      g_ptr_array_add (report->cover_lines,
                       g_markup_printf_escaped ("%s — <span foreground='#5f6368'>"
                                                "%s%s%s (%s)</span>",
                                                record_text (member, EKV_TEAM_MEMBER_NAME),
                                                record_text (member, EKV_TEAM_MEMBER_POSITION),
                                                *organisation != '\0' ? ", " : "", organisation,
                                                ekv_enum_get_label (EKV_TYPE_TEAM_ROLE, role)));
      if (role == EKV_TEAM_ROLE_EXTERNAL && *organisation != '\0'
          && strstr (organisations->str, organisation) == NULL)
        g_string_append_printf (organisations, "%s%s", organisations->len > 0 ? ", " : "",
                                organisation);
    }
  if (organisations->len > 0)
    {
      g_ptr_array_add (report->cover_lines, g_strdup (" "));
      g_ptr_array_add (report->cover_lines,
                       /* Translators: on the cover; %s names the consultancy */
                       g_markup_printf_escaped (_("<b>Prepared with</b> %s"), organisations->str));
    }
  g_string_free (organisations, TRUE);
  _ekv_report_add_cover (report);
}

static void
add_tile (GPtrArray  *tiles,
          const char *label,
          char       *value)
{
  g_ptr_array_add (tiles, g_strdup (label));
  g_ptr_array_add (tiles, value);
}

static int
by_saving (gconstpointer a,
           gconstpointer b)
{
  const EkvOptionResult *x = *(const EkvOptionResult * const *) a;
  const EkvOptionResult *y = *(const EkvOptionResult * const *) b;
  double sx = isfinite (x->annual_saving) ? x->annual_saving : -INFINITY;
  double sy = isfinite (y->annual_saving) ? y->annual_saving : -INFINITY;

  if (x->in_portfolio != y->in_portfolio)
    return x->in_portfolio ? -1 : 1;
  return sx < sy ? 1 : sx > sy ? -1 : 0;
}

/* "GH", "PC", "EE": the category's code, as the options' table shows it. */
static const char *
category_code (int category)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (EKV_TYPE_OPTION_CATEGORY);
  GEnumValue *value = g_enum_get_value (klass, category);

  /* Nicks are static strings of the registered type. */
  return value != NULL ? value->value_nick : "";
}

static const char *
option_title (const EkvOptionResult *option)
{
  const char *title = ekv_record_get_string (option->option, EKV_OPTION_TITLE);

  return title != NULL && *title != '\0' ? title : _("Untitled option");
}

static void
summary (Content *c)
{
  EkvReport *report = c->report;
  const EkvPortfolio *p = &c->options->portfolio;
  GPtrArray *tiles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autofree char *money = number_unit (p->annual_saving, 0, c->currency);
  g_autofree char *investment = number_unit (p->investment, 0, c->currency);
  g_autofree char *payback = number (p->simple_payback_years, 1);
  g_autofree char *text = NULL;
  EkvReportBlock *table;
  guint n_options = c->options->options->len;

  _ekv_report_add_heading (report, 1, _("Executive summary"));

  if (p->n_options > 0)
    text = g_markup_printf_escaped (
      /* Translators: the executive summary's first paragraph. %1$s is the firm, %2$u the
       * options found, %3$u those in the programme, %4$s the yearly saving with its
       * currency, %5$s the investment, %6$s the payback in years */
      _("The audit of %1$s found %2$u options for cleaner production. Management has "
        "approved a programme of %3$u of them (approved, in progress or done) that saves "
        "<b>%4$s a year</b> for an investment of <b>%5$s</b> and pays back in "
        "<b>%6$s years</b>. What it saves in water, energy, waste and CO₂ per year:"),
      report->firm, n_options, p->n_options, money, investment, payback);
  else
    text = g_markup_printf_escaped (
      /* Translators: %1$s is the firm, %2$u the options found */
      _("The audit of %1$s found %2$u options for cleaner production. None has been "
        "approved yet: the figures below become the programme's when management approves "
        "options."), report->firm, n_options);
  _ekv_report_add_paragraph (report, text);

  add_tile (tiles, _("Water saved per year"), number_unit (p->water_saved_m3, -1, "m³"));
  add_tile (tiles, _("Energy saved per year"), number_unit (p->energy_saved_kwh / 1000, -1, "MWh"));
  add_tile (tiles, _("Primary energy saved per year"), number_unit (p->tep_saved, 1, _("TEP")));
  add_tile (tiles, _("Waste avoided per year"), number_unit (p->waste_avoided_kg / 1000, -1, "t"));
  add_tile (tiles, _("CO₂ avoided per year"), number_unit (p->co2_avoided_t, -1, "t"));
  {
    /* Translators: a key-figure tile's label and its currency, "Investment, TRY" */
    g_autofree char *saved = g_strdup_printf (_("%s, %s"), _("Money saved per year"), c->currency);
    g_autofree char *spent = g_strdup_printf (_("%s, %s"), _("Investment"), c->currency);

    add_tile (tiles, saved, money_short (p->annual_saving));
    add_tile (tiles, spent, money_short (p->investment));
  }
  add_tile (tiles, _("Simple payback"),
            isfinite (p->simple_payback_years)
            /* Translators: a payback time, e.g. "1,4 years" */
            ? g_strdup_printf (_("%s years"), payback) : g_strdup (DASH));
  _ekv_report_add_tiles (report, tiles);

  if (p->dimensions_note != NULL)
    {
      g_autofree char *note = g_markup_escape_text (p->dimensions_note, -1);

      _ekv_report_add_paragraph (report, note);
    }

  if (n_options == 0)
    return;

  _ekv_report_add_heading (report, 2, _("The options that save most"));
  for (guint i = 0; i < n_options; i++)
    g_ptr_array_add (sorted, &g_array_index (c->options->options, EkvOptionResult, i));
  g_ptr_array_sort (sorted, by_saving);
  table = _ekv_report_add_table (report, 5, (const double[]) { 44, 14, 14, 14, 12 }, "llrrr");
  {
    g_autofree char *inv = g_strdup_printf (_("Investment, %s"), c->currency);
    g_autofree char *sav = g_strdup_printf (_("Saving per year, %s"), c->currency);

    _ekv_report_table_header (table, _("Option"), _("Status"), inv, sav, _("Payback, years"));
  }
  for (guint i = 0; i < MIN (TOP_OPTIONS, sorted->len); i++)
    {
      const EkvOptionResult *o = g_ptr_array_index (sorted, i);
      GPtrArray *cells = cells_new ();

      g_ptr_array_add (cells, g_strdup (option_title (o)));
      g_ptr_array_add (cells, g_strdup (ekv_enum_get_label (EKV_TYPE_OPTION_STATUS, o->status)));
      g_ptr_array_add (cells, number (o->investment, 0));
      g_ptr_array_add (cells, number (o->annual_saving, 0));
      g_ptr_array_add (cells, number (o->finance.simple_payback_years, 1));
      _ekv_report_table_row_v (table, EKV_REPORT_ROW_NORMAL, cells);
    }
}

static void
key_value (EkvReportBlock *table,
           const char     *key,
           const char     *value)
{
  if (value != NULL && *value != '\0')
    _ekv_report_table_row (table, EKV_REPORT_ROW_NORMAL, key, value);
}

static void
company (Content *c)
{
  EkvReport *report = c->report;
  EkvRecord *company = ekv_document_get_company (c->document);
  EkvRecord *audit = ekv_document_get_audit (c->document);
  GListModel *products = ekv_document_get_list (c->document, EKV_ENTITY_PRODUCT);
  GListModel *certifications = ekv_document_get_list (c->document, EKV_ENTITY_CERTIFICATION);
  EkvReportBlock *table;
  GString *text = g_string_new (NULL);
  g_autofree char *start = date_text (c->report->language,
                                      ekv_record_get_string (company,
                                                             EKV_COMPANY_REFERENCE_START));
  g_autofree char *end = date_text (c->report->language,
                                    ekv_record_get_string (company, EKV_COMPANY_REFERENCE_END));
  g_autofree char *period = g_strdup_printf ("%s – %s", start, end);

  _ekv_report_add_heading (report, 1, _("The company and its process"));
  table = _ekv_report_add_table (report, 2, (const double[]) { 30, 70 }, "ll");
  _ekv_report_table_header (table, _("Company"), report->firm);
  key_value (table, _("Sector"), record_text (company, EKV_COMPANY_SECTOR));
  key_value (table, _("NACE code"), record_text (company, EKV_COMPANY_NACE));
  g_string_append (text, record_text (company, EKV_COMPANY_ADDRESS));
  if (*record_text (company, EKV_COMPANY_DISTRICT) != '\0')
    g_string_append_printf (text, ", %s", record_text (company, EKV_COMPANY_DISTRICT));
  if (*record_text (company, EKV_COMPANY_CITY) != '\0')
    g_string_append_printf (text, ", %s", record_text (company, EKV_COMPANY_CITY));
  key_value (table, _("Address"), text->str);
  if (ekv_record_is_set (company, EKV_COMPANY_EMPLOYEES))
    {
      g_autofree char *n = number (ekv_record_get_int (company, EKV_COMPANY_EMPLOYEES), 0);

      key_value (table, _("Employees"), n);
    }
  {
    g_autofree char *shifts = number (record_number (company, EKV_COMPANY_SHIFTS_PER_DAY), 0);
    g_autofree char *hours = number (record_number (company, EKV_COMPANY_HOURS_PER_DAY), 0);
    g_autofree char *days = number (record_number (company, EKV_COMPANY_DAYS_PER_YEAR), 0);
    /* Translators: working time: shifts a day, hours a day, days a year */
    g_autofree char *time = g_strdup_printf (_("%s shifts, %s hours a day, %s days a year"),
                                             shifts, hours, days);

    if (ekv_record_is_set (company, EKV_COMPANY_DAYS_PER_YEAR))
      key_value (table, _("Working time"), time);
  }
  g_string_truncate (text, 0);
  for (guint i = 0; i < g_list_model_get_n_items (products); i++)
    {
      g_autoptr(EkvRecord) product = g_list_model_get_item (products, i);
      g_autofree char *quantity = number (record_number (product, EKV_PRODUCT_QUANTITY), -1);
      int unit = ekv_record_get_enum (product, EKV_PRODUCT_UNIT);
      int per = ekv_record_get_enum (product, EKV_PRODUCT_PERIOD);

      g_string_append_printf (text, "%s%s: %s %s (%s)", i > 0 ? "\n" : "",
                              record_text (product, EKV_PRODUCT_NAME), quantity,
                              unit_symbol (unit), ekv_enum_get_label (EKV_TYPE_PERIOD, per));
    }
  key_value (table, _("Products"), text->str);
  g_string_truncate (text, 0);
  for (guint i = 0; i < g_list_model_get_n_items (certifications); i++)
    {
      g_autoptr(EkvRecord) certification = g_list_model_get_item (certifications, i);

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                              ekv_record_get_string (certification, EKV_CERTIFICATION_NAME) != NULL
                              ? ekv_record_get_string (certification, EKV_CERTIFICATION_NAME) : "");
    }
  key_value (table, _("Certifications"), text->str);
  key_value (table, _("Reference period"), period);
  g_string_free (text, TRUE);

  if (*record_text (audit, EKV_AUDIT_SCOPE) != '\0')
    {
      g_autofree char *scope = g_markup_printf_escaped ("<b>%s</b> %s", _("Scope of the audit."),
                                                        record_text (audit, EKV_AUDIT_SCOPE));

      _ekv_report_add_paragraph (report, scope);
    }

}

/* The flow chart laid out for the pages of the blocks being added, and the
 * scale it would be drawn at there (0: none). */
static FlowchartFigure *
flowchart_for_page (Content *c,
                    double  *scale)
{
  EkvReport *report = c->report;
  double width = _ekv_report_content_width (report);
  /* Room for the heading above and the caption below. */
  double room = _ekv_report_content_height (report) - 80;
  PangoContext *context = _ekv_report_pango_context (NULL);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (EKV_REPORT_FONT);
  /* Laid out as wide as the page, or wider and drawn smaller (more columns,
   * fewer rows): whichever is drawn largest. */
  const double widths[] = { 1.0, 1.2, 1.45 };
  /* Text at its size on A4; on A3 as much larger as the paper. */
  double largest = ekv_report_get_paper (report) == EKV_REPORT_PAPER_A3 ? G_SQRT2 : 1.0;
  FlowchartFigure *best = NULL;

  pango_font_description_set_size (font, 9 * PANGO_SCALE);
  pango_context_set_font_description (context, font);
  *scale = 0;
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      FlowchartFigure *figure = flowchart_figure_new (ekv_flowchart_new (c->document, context,
                                                                          width / largest
                                                                          * widths[i]));
      double s = MIN (largest, MIN (width / MAX (1, figure->width),
                                    room / MAX (1, figure->height)));

      if (best == NULL || s > *scale + 0.01)
        {
          g_clear_pointer (&best, flowchart_figure_free);
          best = figure;
          *scale = s;
        }
      else
        flowchart_figure_free (figure);
    }
  g_object_unref (context);
  return best;
}

static void
flowchart (Content *c)
{
  EkvReport *report = c->report;
  FlowchartFigure *figure = NULL;
  double scale = 0.0;
  g_autofree char *caption = NULL;
  guint n_units = g_list_model_get_n_items (ekv_document_get_list (c->document,
                                                                   EKV_ENTITY_UNIT_OPERATION));

  if (n_units == 0)
    return;
  /* On a landscape page of its own, as a process runs from left to right;
   * on the portrait page after the company's description when the chart is
   * tall and would be drawn larger there. A chart that would need text too
   * small to read on paper is left to the workbook and the window. */
  if (n_units <= MAX_CHART_UNITS)
    {
      FlowchartFigure *portrait;
      double portrait_scale;

      _ekv_report_set_landscape (report, TRUE);
      figure = flowchart_for_page (c, &scale);
      _ekv_report_set_landscape (report, FALSE);
      portrait = flowchart_for_page (c, &portrait_scale);
      if (portrait_scale > scale * 1.1)
        {
          flowchart_figure_free (figure);
          figure = portrait;
          scale = portrait_scale;
        }
      else
        {
          flowchart_figure_free (portrait);
          _ekv_report_set_landscape (report, TRUE);
        }
    }
  if (scale < MIN_CHART_SCALE)
    _ekv_report_set_landscape (report, FALSE);   /* only a note */
  _ekv_report_add_heading (report, 2, _("Process flow chart"));
  if (scale < MIN_CHART_SCALE)
    {
      /* Translators: %u is the number of unit operations */
      g_autofree char *note = g_strdup_printf (_("The plant's %u unit operations are too many "
                                                 "for a legible chart on one page: the "
                                                 "Ekoverim window shows the flow chart."),
                                               n_units);

      g_clear_pointer (&figure, flowchart_figure_free);
      _ekv_report_add_paragraph (report, note);
      return;
    }
  /* Translators: the caption under the flow chart; %u is the number of unit operations */
  caption = g_strdup_printf (ngettext ("The plant's unit operation in process order.",
                                       "The plant's %u unit operations in process order; arrows "
                                       "carry the flows between them, counts on a box are flows "
                                       "from outside and leaving the plant.", n_units), n_units);
  _ekv_report_add_figure (report, figure->height * scale, caption, draw_flowchart, figure,
                          flowchart_figure_free);
  _ekv_report_set_landscape (report, FALSE);
}

/* The sources of the benchmarks DOMAIN.md §5.1.2 gives for textile finishing. */
static const char * const benchmark_sources[] = {
  "Yahya Can (Pamukkale University), determination of water use in Turkish textile finishing; "
  "http://readgur.com/doc/11212/determination-of-elements-in-dust-depositions-by-using",
  "US EPA development document, knit fabric finishing mills (min / median / max), via "
  "p2infohouse: https://p2infohouse.org/ref/11/10489/sectors73ah.html",
};

static void
baseline_bills (Content *c)
{
  EkvReport *report = c->report;
  GListModel *bills = ekv_document_get_list (c->document, EKV_ENTITY_BILL);
  guint n = g_list_model_get_n_items (bills);
  gboolean heading = FALSE;

  for (int carrier = 0; carrier <= EKV_CARRIER_WASTEWATER; carrier++)
    {
      g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      EkvQuantityUnit unit = 0;
      gboolean found = FALSE;
      EkvReportMonthSeries *series;
      g_autofree char *caption = NULL;
      double total = 0.0, cost = 0.0;
      g_autofree char *total_text = NULL;
      g_autofree char *cost_text = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EkvRecord) bill = g_list_model_get_item (bills, i);
          const char *month = ekv_record_get_string (bill, EKV_BILL_MONTH);
          double q = record_number (bill, EKV_BILL_QUANTITY), converted = NAN;
          guint at;

          if (ekv_record_get_enum (bill, EKV_BILL_CARRIER) != carrier || month == NULL)
            continue;
          if (!found)
            unit = ekv_record_get_enum (bill, EKV_BILL_UNIT), found = TRUE;
          if (!ekv_quantity_unit_convert (q, ekv_record_get_enum (bill, EKV_BILL_UNIT), unit,
                                          &converted))
            converted = NAN;
          /* Months in order (bills come in any order); one bar per month. */
          for (at = 0; at < months->len; at++)
            if (strcmp (g_ptr_array_index (months, at), month) >= 0)
              break;
          if (at < months->len && strcmp (g_ptr_array_index (months, at), month) == 0)
            {
              double *v = &g_array_index (values, double, at);

              *v = isfinite (*v) ? *v + (isfinite (converted) ? converted : 0) : converted;
            }
          else
            {
              g_ptr_array_insert (months, at, g_strdup (month));
              g_array_insert_val (values, at, converted);
            }
          if (isfinite (converted))
            total += converted;
          if (ekv_record_is_set (bill, EKV_BILL_COST))
            cost += ekv_record_get_double (bill, EKV_BILL_COST);
        }
      if (!found)
        continue;
      if (!heading)
        {
          _ekv_report_add_heading (report, 2, _("Monthly bills"));
          heading = TRUE;
        }
      series = g_new0 (EkvReportMonthSeries, 1);
      /* Translators: a monthly bills chart's title: the carrier and the unit, "Electricity, kWh" */
      series->title = g_strdup_printf (_("%s, %s"), ekv_enum_get_label (EKV_TYPE_CARRIER, carrier),
                                       unit_symbol (unit));
      series->values = g_array_ref (values);
      series->labels = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < months->len; i++)
        g_ptr_array_add (series->labels, month_text (g_ptr_array_index (months, i)));
      total_text = number_unit (total, 0, unit_symbol (unit));
      cost_text = number_unit (cost, 0, c->currency);
      /* Translators: under a monthly bills chart: months billed, total quantity, total cost */
      caption = g_strdup_printf (ngettext ("%u month billed: %s, %s.",
                                           "%u months billed: %s in all, %s.",
                                           months->len), months->len, total_text, cost_text);
      _ekv_report_add_figure (report, 150, caption, _ekv_report_draw_month_bars, series,
                              _ekv_report_month_series_free);
    }
}

static void
baseline (Content *c)
{
  EkvReport *report = c->report;
  const EkvPlantBalance *plant = &c->balance->plant;
  EkvReportBlock *table;
  double tep = 0, co2 = 0, kwh = 0, cost = 0;
  g_autofree char *text = NULL;
  g_autofree char *band = NULL;

  _ekv_report_add_heading (report, 1, C_("report chapter", "Baseline"));
  band = g_markup_escape_text (ekv_tep_band_describe (plant->tep_band), -1);
  {
    g_autofree char *tep_text = number (plant->tep, 1);
    g_autofree char *co2_text = number (plant->co2_t, 0);
    g_autofree char *cost_text = number_unit (plant->cost_in, 0, c->currency);

    /* Translators: the baseline's first paragraph: TEP a year, tonnes of CO₂, what the plant
     * buys a year with its currency, then what the TEP band means */
    text = g_strdup_printf (_("In the reference period the plant bought energy of <b>%s TEP</b> a "
                              "year, emitting <b>%s t of CO₂</b>, and spent <b>%s</b> a year on "
                              "what it buys from outside. %s"),
                            tep_text, co2_text, cost_text, band);
  }
  _ekv_report_add_paragraph (report, text);

  if (c->balance->carriers->len > 0)
    {
      g_autofree char *cost_head = g_strdup_printf (_("Cost, %s"), c->currency);

      _ekv_report_add_heading (report, 2, _("Energy bought"));
      table = _ekv_report_add_table (report, 6, (const double[]) { 24, 22, 14, 12, 12, 16 },
                                     "lrrrrr");
      _ekv_report_table_header (table, _("Carrier"), _("Quantity per year"), _("Energy, MWh"),
                                _("TEP"), _("CO₂, t"), cost_head);
      for (guint i = 0; i < c->balance->carriers->len; i++)
        {
          EkvCarrierBalance *b = &g_array_index (c->balance->carriers, EkvCarrierBalance, i);
          GPtrArray *cells = cells_new ();

          g_ptr_array_add (cells, g_strdup (ekv_enum_get_label (EKV_TYPE_CARRIER, b->carrier)));
          g_ptr_array_add (cells, number_unit (b->quantity, 0, unit_symbol (b->unit)));
          g_ptr_array_add (cells, number (b->energy_kwh / 1000, 0));
          g_ptr_array_add (cells, number (b->tep, 1));
          g_ptr_array_add (cells, number (b->co2_t, 0));
          g_ptr_array_add (cells, number (b->cost, 0));
          _ekv_report_table_row_v (table, EKV_REPORT_ROW_NORMAL, cells);
          kwh += b->energy_kwh, tep += b->tep, co2 += b->co2_t, cost += b->cost;
        }
      {
        GPtrArray *cells = cells_new ();

        g_ptr_array_add (cells, g_strdup (_("Total")));
        g_ptr_array_add (cells, g_strdup (""));
        g_ptr_array_add (cells, number (kwh / 1000, 0));
        g_ptr_array_add (cells, number (tep, 1));
        g_ptr_array_add (cells, number (co2, 0));
        g_ptr_array_add (cells, number (cost, 0));
        _ekv_report_table_row_v (table, EKV_REPORT_ROW_TOTAL, cells);
      }
    }

  baseline_bills (c);

  _ekv_report_add_heading (report, 2, _("Indicators"));
  {
    struct
    {
      const char *name;
      double      value;
      const char *unit;
      const char *benchmark;
      int         source;
    } rows[] = {
      { N_("Water per tonne of product"), plant->water_m3_per_t, "m³/t",
        c->textile ? N_("20–230 m³/t (Turkish textile finishing, per t fabric)") : NULL, 0 },
      { N_("Wastewater per tonne of product"), plant->wastewater_m3_per_t, "m³/t",
        c->textile ? N_("83.4 and 135.9 m³/t (medians, complex and simple knit finishing)")
                   : NULL, 1 },
      { N_("Energy per tonne of product"), plant->energy_kwh_per_t, "kWh/t",
        c->textile ? N_("about 20 700 kWh/t (knit finishing, older literature)") : NULL, 1 },
      { N_("Primary energy per tonne of product"), plant->tep_per_t, "TEP/t", NULL, -1 },
      { N_("Waste per tonne of product"), plant->waste_kg_per_t, "kg/t", NULL, -1 },
      { N_("Raw material yield"), plant->raw_material_yield_pct, "%", NULL, -1 },
    };
    gboolean cited[G_N_ELEMENTS (benchmark_sources)] = { FALSE };

    table = _ekv_report_add_table (report, 4, (const double[]) { 34, 16, 10, 40 }, "lrll");
    _ekv_report_table_header (table, _("Indicator"), _("Value"), _("Unit"),
                              _("Benchmark (source below)"));
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        GPtrArray *cells = cells_new ();

        g_ptr_array_add (cells, g_strdup (_(rows[i].name)));
        g_ptr_array_add (cells, number (rows[i].value, rows[i].value < 1 ? 3 : -1));
        g_ptr_array_add (cells, g_strdup (rows[i].unit));
        if (rows[i].benchmark != NULL)
          {
            g_ptr_array_add (cells, g_strdup_printf ("%s [%d]", _(rows[i].benchmark),
                                                     rows[i].source + 1));
            cited[rows[i].source] = TRUE;
          }
        else
          g_ptr_array_add (cells, g_strdup (DASH));
        _ekv_report_table_row_v (table, EKV_REPORT_ROW_NORMAL, cells);
      }
    {
      GString *note = g_string_new (NULL);

      if (plant->production_name != NULL)
        {
          g_autofree char *t = number (plant->production_t, 0);

          /* Translators: the basis of the indicators: the product and tonnes a year */
          g_string_append_printf (note, _("Per tonne of “%s” (%s t a year)."),
                                  plant->production_name, t);
        }
      else if (plant->indicators_note != NULL)
        g_string_append (note, plant->indicators_note);
      for (guint i = 0; i < G_N_ELEMENTS (benchmark_sources); i++)
        if (cited[i])
          g_string_append_printf (note, " [%u] %s.", i + 1, benchmark_sources[i]);
      if (note->len > 0)
        {
          g_autofree char *escaped = g_markup_escape_text (note->str, -1);
          g_autofree char *markup = g_strdup_printf ("<span size='smaller'>%s</span>", escaped);

          _ekv_report_add_paragraph (report, markup);
        }
      g_string_free (note, TRUE);
    }
  }
}

static int
by_input (gconstpointer a,
          gconstpointer b)
{
  const EkvUnitBalance *x = *(const EkvUnitBalance * const *) a;
  const EkvUnitBalance *y = *(const EkvUnitBalance * const *) b;

  return x->mass_in_kg < y->mass_in_kg ? 1 : x->mass_in_kg > y->mass_in_kg ? -1 : 0;
}

static void
balances (Content *c)
{
  EkvReport *report = c->report;
  const EkvPlantBalance *plant = &c->balance->plant;
  GArray *units = c->balance->units;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  EkvReportBlock *table;
  g_autofree char *warn = ekv_number_format (c->balance->threshold_warn, -1);
  g_autofree char *error = ekv_number_format (c->balance->threshold_error, -1);
  g_autofree char *text = NULL;

  _ekv_report_add_heading (report, 1, _("Balances"));
  /* Translators: %s are the audit's warning and error thresholds in percent */
  text = g_strdup_printf (_("A unit's mass balance is the mass entering it less the mass leaving "
                            "it, per year. A difference above %s %% of the input is worth a "
                            "second look; above %s %% the inventory misses a flow or a figure."),
                          warn, error);
  _ekv_report_add_paragraph (report, text);

  for (guint i = 0; i < units->len; i++)
    g_ptr_array_add (shown, &g_array_index (units, EkvUnitBalance, i));
  if (units->len > MAX_UNIT_ROWS)
    {
      g_autofree char *note = NULL;

      g_ptr_array_sort (shown, by_input);
      g_ptr_array_set_size (shown, MAX_UNIT_ROWS);
      /* Translators: %u are the units listed and all the units */
      note = g_strdup_printf (_("The %u units with the largest input of the plant's %u are "
                                "listed; the workbook lists every one."), MAX_UNIT_ROWS,
                              units->len);
      _ekv_report_add_paragraph (report, note);
    }

  table = _ekv_report_add_table (report, 6, (const double[]) { 33, 13, 13, 15, 12, 14 }, "lrrrrl");
  _ekv_report_table_header (table, _("Unit operation"), _("In, t/year"), _("Out, t/year"),
                            _("Difference, t/year"), _("Difference, %"), _("Status"));
  for (guint i = 0; i < shown->len; i++)
    {
      const EkvUnitBalance *u = g_ptr_array_index (shown, i);
      GPtrArray *cells = cells_new ();
      const char *name = record_text (u->unit, EKV_UNIT_OPERATION_NAME);

      g_ptr_array_add (cells, g_strdup (*name != '\0' ? name : u->id));
      g_ptr_array_add (cells, number (u->mass_in_kg / 1000, -1));
      g_ptr_array_add (cells, number (u->mass_out_kg / 1000, -1));
      g_ptr_array_add (cells, number (u->mass_imbalance_kg / 1000, -1));
      g_ptr_array_add (cells, number (u->mass_imbalance_pct, 1));
      g_ptr_array_add (cells, g_strdup (isfinite (u->mass_imbalance_pct)
                                        ? ekv_balance_status_describe (u->status) : DASH));
      _ekv_report_table_row_v (table, EKV_REPORT_ROW_NORMAL, cells);
    }
  {
    GPtrArray *cells = cells_new ();

    g_ptr_array_add (cells, g_strdup (_("Plant")));
    g_ptr_array_add (cells, number (plant->mass_in_kg / 1000, -1));
    g_ptr_array_add (cells, number (plant->mass_out_kg / 1000, -1));
    g_ptr_array_add (cells, number (plant->mass_imbalance_kg / 1000, -1));
    g_ptr_array_add (cells, number (plant->mass_imbalance_pct, 1));
    g_ptr_array_add (cells, g_strdup (isfinite (plant->mass_imbalance_pct)
                                      ? ekv_balance_status_describe (
                                          ekv_balance_status_for (plant->mass_imbalance_pct,
                                                                  c->balance->threshold_warn,
                                                                  c->balance->threshold_error))
                                      : DASH));
    _ekv_report_table_row_v (table, EKV_REPORT_ROW_TOTAL, cells);
  }

  _ekv_report_add_heading (report, 2, _("Water balance of the plant"));
  table = _ekv_report_add_table (report, 2, (const double[]) { 60, 40 }, "lr");
  _ekv_report_table_header (table, _("Water"), _("m³/year"));
  {
    g_autofree char *in = number (plant->water_in_m3, 0);
    g_autofree char *out = number (plant->water_out_m3, 0);
    g_autofree char *gap = number (plant->water_unaccounted_m3, 0);
    g_autofree char *pct = number (plant->water_unaccounted_pct, 1);
    g_autofree char *gap_text = g_strdup_printf ("%s (%s %%)", gap, pct);

    _ekv_report_table_row (table, EKV_REPORT_ROW_NORMAL, _("Water taken in"), in);
    _ekv_report_table_row (table, EKV_REPORT_ROW_NORMAL,
                           _("Wastewater and evaporation leaving"), out);
    _ekv_report_table_row (table, EKV_REPORT_ROW_TOTAL, _("Unaccounted for"), gap_text);
  }
}

static void
sankeys (Content *c)
{
  EkvReport *report = c->report;
  const EkvSankeyView views[] = { EKV_SANKEY_VIEW_MATERIAL, EKV_SANKEY_VIEW_WATER,
                                  EKV_SANKEY_VIEW_ENERGY };
  EkvSankeyGraph *graphs[G_N_ELEMENTS (views)] = { NULL };
  gboolean any = FALSE, first = TRUE;

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      graphs[v] = ekv_sankey_graph_from_audit (c->document, views[v],
                                               EKV_SANKEY_SCENARIO_BASELINE, NULL);
      if (graphs[v] != NULL && graphs[v]->links->len == 0)
        g_clear_pointer (&graphs[v], ekv_sankey_graph_free);
      any |= graphs[v] != NULL;
    }

  /* Landscape pages, a diagram on each: the bands and their labels need the
   * width. */
  _ekv_report_set_landscape (report, any);
  _ekv_report_add_heading (report, 1, _("Sankey diagrams"));
  _ekv_report_add_paragraph (report,
                             _("Each diagram shows a year's flows through the plant, band widths "
                               "in proportion to quantity. The diagram after the approved options "
                               "is drawn on the same scale as the one before: what the options "
                               "save shows as thinner bands."));
  if (!any)
    _ekv_report_add_paragraph (report, _("No flow has been recorded yet."));

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(EkvSankeyGraph) after = NULL;
      SankeyFigure *figure, *after_figure;
      /* Translators: a Sankey diagram's caption; %s is Material, Water or Energy */
      g_autofree char *caption_before = g_strdup_printf (_("%s flows before the options."),
                                                         ekv_sankey_view_get_label (views[v]));
      /* Translators: a Sankey diagram's caption; %s is Material, Water or Energy */
      g_autofree char *caption_after = g_strdup_printf (_("%s flows after the approved options, "
                                                          "on the same scale."),
                                                        ekv_sankey_view_get_label (views[v]));

      if (graphs[v] == NULL)
        continue;
      if (!first)
        _ekv_report_add_page_break (report);
      first = FALSE;
      _ekv_report_add_heading (report, 2, ekv_sankey_view_get_label (views[v]));
      figure = sankey_figure_new (g_steal_pointer (&graphs[v]));
      figure->block = _ekv_report_add_fill_figure (report, caption_before, draw_sankey, figure,
                                                   sankey_figure_free);

      after = ekv_sankey_graph_from_audit (c->document, views[v], EKV_SANKEY_SCENARIO_AFTER, NULL);
      if (after == NULL || after->links->len == 0)
        continue;
      _ekv_report_add_page_break (report);
      _ekv_report_add_heading (report, 2, ekv_sankey_view_get_label (views[v]));
      after_figure = sankey_figure_new (g_steal_pointer (&after));
      after_figure->before = figure;
      after_figure->block = _ekv_report_add_fill_figure (report, caption_after, draw_sankey,
                                                         after_figure, sankey_figure_free);
    }
  _ekv_report_set_landscape (report, FALSE);
}

static void
options (Content *c)
{
  EkvReport *report = c->report;
  GArray *results = c->options->options;
  const EkvPortfolio *p = &c->options->portfolio;
  EkvReportBlock *table;
  g_autofree char *inv = g_strdup_printf (_("Investment, %s"), c->currency);
  g_autofree char *sav = g_strdup_printf (_("Saving per year, %s"), c->currency);
  g_autofree char *npv = g_strdup_printf (_("NPV, %s"), c->currency);
  g_autofree char *rate = ekv_number_format (c->options->discount_rate, -1);
  g_autofree char *text = NULL;

  _ekv_report_add_heading (report, 1, _("Options and their economics"));
  /* Translators: %s is the discount rate in percent */
  text = g_strdup_printf (_("Every option the audit found, with what it costs and saves a year. "
                            "The net present value is over the option's lifetime at a discount "
                            "rate of %s %%; the programme's total counts the options approved, "
                            "in progress or done."), rate);
  _ekv_report_add_paragraph (report, text);
  if (results->len == 0)
    return;

  table = _ekv_report_add_table (report, 9,
                                 (const double[]) { 23, 6, 11, 12, 12, 9, 12, 6, 9 },
                                 "lllrrrrrr");
  /* Translators: the column of the option category's code (GH, PC, EE...), explained below */
  _ekv_report_table_header (table, _("Option"), C_("option category", "Cat."), _("Status"), inv,
                            sav, _("Payback, years"), npv, _("IRR, %"), _("CO₂, t/year"));
  for (guint i = 0; i < results->len; i++)
    {
      const EkvOptionResult *o = &g_array_index (results, EkvOptionResult, i);
      GPtrArray *cells = cells_new ();

      g_ptr_array_add (cells, g_strdup (option_title (o)));
      g_ptr_array_add (cells, g_strdup (category_code (ekv_record_get_enum (o->option,
                                                                            EKV_OPTION_CATEGORY))));
      g_ptr_array_add (cells, g_strdup (ekv_enum_get_label (EKV_TYPE_OPTION_STATUS, o->status)));
      g_ptr_array_add (cells, number (o->investment, 0));
      g_ptr_array_add (cells, number (o->annual_saving, 0));
      g_ptr_array_add (cells, number (o->finance.simple_payback_years, 1));
      g_ptr_array_add (cells, number (o->finance.npv, 0));
      g_ptr_array_add (cells, number (o->finance.irr_pct, 0));
      g_ptr_array_add (cells, number (o->co2_avoided_t, -1));
      _ekv_report_table_row_v (table, EKV_REPORT_ROW_NORMAL, cells);
    }
  {
    GPtrArray *cells = cells_new ();

    g_ptr_array_add (cells, g_strdup (_("Programme (approved, in progress, done)")));
    g_ptr_array_add (cells, g_strdup (""));
    g_ptr_array_add (cells, g_strdup (""));
    g_ptr_array_add (cells, number (p->investment, 0));
    g_ptr_array_add (cells, number (p->annual_saving, 0));
    g_ptr_array_add (cells, number (p->simple_payback_years, 1));
    g_ptr_array_add (cells, g_strdup (""));
    g_ptr_array_add (cells, g_strdup (""));
    g_ptr_array_add (cells, number (p->co2_avoided_t, -1));
    _ekv_report_table_row_v (table, EKV_REPORT_ROW_TOTAL, cells);
  }
  _ekv_report_add_paragraph (report,
                             _("<span size='smaller'>Categories: GH good housekeeping, IS input "
                               "substitution, PC better process control, EM equipment "
                               "modification, TC technology change, RR on-site recovery and reuse, "
                               "BP useful by-product, PM product modification, EE energy "
                               "efficiency, EOP end-of-pipe.</span>"));
}

static void
macc (Content      *c,
      EkvDocument  *document)
{
  EkvReport *report = c->report;
  MaccFigure *figure;

  if (c->options->options->len == 0)
    return;
  /* A landscape page: the curve runs along the tonnes avoided, a bar for
   * each option, and needs the width more than the height. */
  _ekv_report_set_landscape (report, TRUE);
  _ekv_report_add_heading (report, 1, _("Marginal abatement cost curve"));
  _ekv_report_add_paragraph (report,
                             _("One bar per option that avoids CO₂: its width is the tonnes it "
                               "avoids a year, its height what a tonne avoided costs. Bars below "
                               "the axis save money while they cut emissions; they come first."));
  figure = g_new0 (MaccFigure, 1);
  figure->options = ekv_options_compute (document, c->balance);
  figure->currency = g_strdup (c->currency);
  _ekv_report_add_fill_figure (report, NULL, draw_macc, figure, macc_figure_free);
  _ekv_report_set_landscape (report, FALSE);
}

static void
action_plan (Content *c)
{
  EkvReport *report = c->report;
  GListModel *actions = ekv_document_get_list (c->document, EKV_ENTITY_ACTION);
  guint n = g_list_model_get_n_items (actions);
  EkvReportBlock *table;
  g_autofree char *budget = g_strdup_printf (_("Budget, %s"), c->currency);
  double total = 0;

  _ekv_report_add_heading (report, 1, _("Action plan"));
  if (n == 0)
    {
      _ekv_report_add_paragraph (report, _("No action has been planned yet."));
      return;
    }
  table = _ekv_report_add_table (report, 7, (const double[]) { 25, 19, 11, 11, 11, 12, 11 },
                                 "lllllrl");
  _ekv_report_table_header (table, _("Action"), _("Option"), _("Responsible"), _("Start"),
                            _("End"), budget, _("Status"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) action = g_list_model_get_item (actions, i);
      const char *option_id = ekv_record_get_string (action, EKV_ACTION_OPTION);
      EkvRecord *option = option_id != NULL
                          ? ekv_document_find (c->document, EKV_ENTITY_OPTION, option_id) : NULL;
      GPtrArray *cells = cells_new ();
      double b = record_number (action, EKV_ACTION_BUDGET);
      int status;

      g_ptr_array_add (cells, g_strdup (record_text (action, EKV_ACTION_ACTION)));
      g_ptr_array_add (cells, g_strdup (option != NULL ? record_text (option, EKV_OPTION_TITLE)
                                        : DASH));
      g_ptr_array_add (cells, g_strdup (record_text (action, EKV_ACTION_RESPONSIBLE)));
      g_ptr_array_add (cells, date_text (report->language,
                                         ekv_record_get_string (action, EKV_ACTION_START)));
      g_ptr_array_add (cells, date_text (report->language,
                                         ekv_record_get_string (action, EKV_ACTION_END)));
      g_ptr_array_add (cells, number (b, 0));
      status = ekv_record_get_enum (action, EKV_ACTION_STATUS);
      g_ptr_array_add (cells, g_strdup (ekv_enum_get_label (EKV_TYPE_ACTION_STATUS, status)));
      _ekv_report_table_row_v (table, EKV_REPORT_ROW_NORMAL, cells);
      if (isfinite (b))
        total += b;
    }
  {
    g_autofree char *sum = number (total, 0);

    _ekv_report_table_row (table, EKV_REPORT_ROW_TOTAL, _("Total"), NULL, NULL, NULL, NULL, sum,
                           NULL);
  }
}

static void
kpis (Content *c)
{
  EkvReport *report = c->report;
  GListModel *list = ekv_document_get_list (c->document, EKV_ENTITY_KPI);
  guint n = g_list_model_get_n_items (list);
  EkvReportBlock *table;

  _ekv_report_add_heading (report, 1, _("Key performance indicators"));
  if (n == 0)
    {
      _ekv_report_add_paragraph (report, _("No indicator is followed yet."));
      return;
    }
  _ekv_report_add_paragraph (report, _("What management follows to see the programme work: each "
                                       "indicator's baseline, its target and the latest value "
                                       "measured."));
  table = _ekv_report_add_table (report, 6, (const double[]) { 36, 12, 13, 13, 13, 13 }, "llrrrl");
  _ekv_report_table_header (table, _("Indicator"), _("Unit"), _("Baseline"), _("Target"),
                            _("Latest"), _("Period"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) kpi = g_list_model_get_item (list, i);
      GListModel *values = ekv_record_get_children (kpi, EKV_ENTITY_KPI_VALUE);
      guint n_values = values != NULL ? g_list_model_get_n_items (values) : 0;
      g_autoptr(EkvRecord) last = n_values > 0 ? g_list_model_get_item (values, n_values - 1)
                                               : NULL;
      GPtrArray *cells = cells_new ();

      g_ptr_array_add (cells, g_strdup (record_text (kpi, EKV_KPI_NAME)));
      g_ptr_array_add (cells, g_strdup (record_text (kpi, EKV_KPI_UNIT)));
      g_ptr_array_add (cells, number (record_number (kpi, EKV_KPI_BASELINE), -1));
      g_ptr_array_add (cells, number (record_number (kpi, EKV_KPI_TARGET), -1));
      g_ptr_array_add (cells, number (record_number (last, EKV_KPI_VALUE_VALUE), -1));
      g_ptr_array_add (cells, last != NULL ? month_text (record_text (last, EKV_KPI_VALUE_PERIOD))
                                           : g_strdup (DASH));
      _ekv_report_table_row_v (table, EKV_REPORT_ROW_NORMAL, cells);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) kpi = g_list_model_get_item (list, i);
      GListModel *values = ekv_record_get_children (kpi, EKV_ENTITY_KPI_VALUE);
      guint n_values = values != NULL ? g_list_model_get_n_items (values) : 0;
      EkvReportKpiSeries *series;

      if (n_values == 0)
        continue;
      series = g_new0 (EkvReportKpiSeries, 1);
      series->title = g_strdup_printf (_("%s, %s"), record_text (kpi, EKV_KPI_NAME),
                                       record_text (kpi, EKV_KPI_UNIT));
      series->baseline = record_number (kpi, EKV_KPI_BASELINE);
      series->target = record_number (kpi, EKV_KPI_TARGET);
      series->periods = g_ptr_array_new_with_free_func (g_free);
      series->values = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint v = 0; v < n_values; v++)
        {
          g_autoptr(EkvRecord) value = g_list_model_get_item (values, v);
          double x = record_number (value, EKV_KPI_VALUE_VALUE);

          g_ptr_array_add (series->periods, month_text (record_text (value, EKV_KPI_VALUE_PERIOD)));
          g_array_append_val (series->values, x);
        }
      /* Four under the table on one A4 page, in either language. */
      _ekv_report_add_figure (report, 122, NULL, _ekv_report_draw_kpi, series,
                              _ekv_report_kpi_series_free);
    }
}

static void
appendix (Content *c)
{
  EkvReport *report = c->report;
  EkvReportBlock *table;

  _ekv_report_add_heading (report, 1, _("Appendix: factors used"));
  _ekv_report_add_paragraph (report, _("The conversion factors behind the energy, TEP and CO₂ "
                                       "figures of this report, and where each comes from. "
                                       "Confidence: [V] seen in the cited source, [S] seen in a "
                                       "secondary source, [D] derived from cited inputs, [R] to "
                                       "verify."));
  if (c->balance->carriers->len == 0)
    return;
  table = _ekv_report_add_table (report, 6, (const double[]) { 16, 9, 11, 12, 12, 40 }, "llrrrl");
  _ekv_report_table_header (table, _("Carrier"), _("Per"), _("Heating value, kWh"), _("TEP"),
                            _("CO₂, kg"), _("Source"));
  for (guint i = 0; i < c->balance->carriers->len; i++)
    {
      EkvCarrierBalance *b = &g_array_index (c->balance->carriers, EkvCarrierBalance, i);
      const EkvFactor *f = &b->factor;
      GPtrArray *cells = cells_new ();
      GString *source = g_string_new (NULL);

      g_ptr_array_add (cells, g_strdup (ekv_enum_get_label (EKV_TYPE_CARRIER, b->carrier)));
      if (!b->has_factor)
        {
          g_ptr_array_add (cells, g_strdup (DASH));
          g_ptr_array_add (cells, g_strdup (DASH));
          g_ptr_array_add (cells, g_strdup (DASH));
          g_ptr_array_add (cells, g_strdup (DASH));
          g_ptr_array_add (cells, g_strdup (_("No factor: TEP at 1/11 630 per kWh, no CO₂")));
          g_string_free (source, TRUE);
          _ekv_report_table_row_v (table, EKV_REPORT_ROW_NORMAL, cells);
          continue;
        }
      g_ptr_array_add (cells, g_strdup (unit_symbol (f->unit)));
      g_ptr_array_add (cells, number (f->lhv_kwh, f->lhv_kwh < 10 ? 3 : -1));
      g_ptr_array_add (cells, number (f->tep, 6));
      g_ptr_array_add (cells, number (f->co2_kg, 3));
      g_string_append (source, f->title != NULL ? f->title : DASH);
      if (f->year > 0)
        g_string_append_printf (source, ", %d", f->year);
      if (f->url != NULL)
        g_string_append_printf (source, ", %s", f->url);
      g_string_append_printf (source, " %s", ekv_confidence_to_tag (f->confidence));
      if (f->source == EKV_FACTOR_SOURCE_AUDIT)
        g_string_append_printf (source, " (%s)", _("given in the audit"));
      g_ptr_array_add (cells, g_string_free (source, FALSE));
      _ekv_report_table_row_v (table, EKV_REPORT_ROW_NORMAL, cells);
    }
}

void
_ekv_report_build_content (EkvReport   *report,
                           EkvDocument *document)
{
  Content c = { report, document, NULL, NULL, NULL, FALSE };
  g_autoptr(EkvBalance) balance = ekv_balance_compute (document);
  g_autoptr(EkvOptions) results = ekv_options_compute (document, balance);
  const char *currency = ekv_record_get_string (ekv_document_get_finance (document),
                                                EKV_FINANCE_CURRENCY);
  const char *nace = ekv_record_get_string (ekv_document_get_company (document), EKV_COMPANY_NACE);

  if (report->measure == NULL)
    report->measure = _ekv_report_pango_context (NULL);
  c.balance = balance;
  c.options = results;
  c.currency = currency != NULL && *currency != '\0' ? currency : "TRY";
  /* Textile (NACE division 13): the benchmarks DOMAIN.md gives apply. */
  c.textile = nace != NULL && g_str_has_prefix (nace, "13");

  cover (&c);
  _ekv_report_add_contents (report, _("Contents"));
  summary (&c);
  company (&c);
  flowchart (&c);
  baseline (&c);
  balances (&c);
  sankeys (&c);
  options (&c);
  macc (&c, document);
  action_plan (&c);
  kpis (&c);
  appendix (&c);
}
