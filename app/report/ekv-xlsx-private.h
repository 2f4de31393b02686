/* ekv-xlsx-private.h: what the sheets of the workbook share
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * One EkvXlsx context is passed to every sheet writer. Rows and columns are
 * 0-based as in libxlsxwriter; formulas are built as text with A1 references
 * (ekv_xlsx_ref()) and written with the value Ekoverim computed.
 */
#pragma once

#include <xlsxwriter.h>

#include "ekv-balance.h"
#include "ekv-chart-file.h"
#include "ekv-document.h"
#include "ekv-factors.h"
#include "ekv-options.h"
#include "ekv-xlsx.h"

G_BEGIN_DECLS

/* Columns of the Inventory sheet: the flow's fields (EKV_FLOW_*, 0..14), then
 * the figures the balances count. */
enum
{
  EKV_XLSX_INV_PER_YEAR = EKV_FLOW_N_FIELDS, /* periods per year */
  EKV_XLSX_INV_YEARLY,                       /* quantity per year, flow's unit */
  EKV_XLSX_INV_KG,
  EKV_XLSX_INV_WATER_M3,
  EKV_XLSX_INV_ENERGY_KWH,
  EKV_XLSX_INV_TEP,
  EKV_XLSX_INV_CO2_KG,
  EKV_XLSX_INV_COST,
  EKV_XLSX_INV_N_COLUMNS
};

/* Columns of the Options sheet. */
enum
{
  EKV_XLSX_OPT_ID,
  EKV_XLSX_OPT_TITLE,
  EKV_XLSX_OPT_STATUS,
  EKV_XLSX_OPT_IN_PORTFOLIO,
  EKV_XLSX_OPT_INVESTMENT,
  EKV_XLSX_OPT_LIFETIME,
  EKV_XLSX_OPT_SALVAGE,
  EKV_XLSX_OPT_OM_COST,
  EKV_XLSX_OPT_OTHER_SAVINGS,
  EKV_XLSX_OPT_FLOW_SAVING,
  EKV_XLSX_OPT_ANNUAL_SAVING,
  EKV_XLSX_OPT_PAYBACK,
  EKV_XLSX_OPT_NPV,
  EKV_XLSX_OPT_IRR,
  EKV_XLSX_OPT_DISCOUNTED_PAYBACK,
  EKV_XLSX_OPT_PI,
  EKV_XLSX_OPT_EAC,
  EKV_XLSX_OPT_CO2_AVOIDED,
  EKV_XLSX_OPT_COST_PER_T_CO2,
  EKV_XLSX_OPT_WATER_SAVED,        /* at the plant boundary, per year */
  EKV_XLSX_OPT_WASTEWATER_SAVED,
  EKV_XLSX_OPT_ENERGY_SAVED,
  EKV_XLSX_OPT_TEP_SAVED,
  EKV_XLSX_OPT_WASTE_AVOIDED,
  EKV_XLSX_OPT_RAW_MATERIAL_SAVED,
  EKV_XLSX_OPT_N_COLUMNS
};

typedef struct
{
  lxw_worksheet *sheet;
  char          *name;       /* as shown on its tab */
  char          *quoted;     /* 'name' for references from other sheets */
  GArray        *widths;     /* double per column: the widest text written */
} EkvXlsxSheet;

typedef struct
{
  lxw_workbook        *workbook;
  EkvDocument         *document;
  EkvBalance          *balance;
  EkvOptions          *options;
  EkvLanguage          language;    /* of the workbook (threads drawing pictures enter it too) */
  const char          *currency;
  const char          *firm;
  char                *header;      /* page header text, escaped for &-codes */
  char                *footer;
  GPtrArray           *sheets;      /* EkvXlsxSheet * */
  GPtrArray           *keep;        /* buffers libxlsxwriter reads at close (GBytes *) */
  GHashTable          *price_names; /* flow id → defined name of its price */
  GHashTable          *price_name_set; /* those names in lower case */

  EkvXlsxProgressFunc  progress;
  gpointer             progress_data;
  GCancellable        *cancellable;
  double               progress_base; /* fraction done before the current sheet */
  double               progress_span; /* share of the current sheet */

  /* Where other sheets find things. */
  lxw_row_t            inv_first_row; /* first flow row of the Inventory sheet */
  lxw_row_t            inv_last_row;  /* last flow row (== first - 1 when none) */
  GHashTable          *flow_rows;     /* flow id → GUINT row + 1 on the Inventory sheet */
  char                *days_ref;      /* the plant's calendar on the Company sheet, */
  char                *shifts_ref;    /* 'Company and team'!$B$15, ... (periods per year */
  char                *hours_ref;     /* of the flows are formulas over them) */
  GHashTable          *batches_refs;  /* unit id → reference of its batches per year (set only) */
  char                *production_ref; /* the denominator product's quantity (Company sheet) */
  GPtrArray           *factors;       /* EkvXlsxFactor *: the Energy sheet's factor table */
  lxw_row_t            factor_first_row; /* its first row on the Energy sheet */
  EkvXlsxSheet        *inventory;
  EkvXlsxSheet        *balances;
  EkvXlsxSheet        *options_sheet;
  EkvXlsxSheet        *summary;       /* made first (the first tab), written last */
  GPtrArray           *key_figures;   /* EkvXlsxFigure *: what the Summary shows */
  lxw_row_t            bal_plant_row; /* the plant's row on the Balances sheet */
  lxw_row_t            opt_first_row;
  lxw_row_t            opt_last_row;

  /* Formats */
  lxw_format          *f_header;
  lxw_format          *f_title;
  lxw_format          *f_bold;
  lxw_format          *f_text;
  lxw_format          *f_wrap;
  lxw_format          *f_number;    /* #,##0.00 */
  lxw_format          *f_integer;   /* #,##0 */
  lxw_format          *f_precise;   /* 0.###### for factors */
  lxw_format          *f_percent;   /* 0.00 "%" on a percentage number (12.5) */
  lxw_format          *f_fraction_percent; /* 0.00% on a fraction (0.125) */
  lxw_format          *f_money;     /* #,##0.00 */
  lxw_format          *f_date;
  lxw_format          *f_total;     /* bold number */
  lxw_format          *f_input;     /* an input the formulas use: #,##0.00 on pale yellow */
  lxw_format          *f_input_precise;
  lxw_format          *f_status_warn;   /* conditional: a balance to check */
  lxw_format          *f_status_error;  /* conditional: a balance that does not close */
} EkvXlsx;

/* An energy factor the workbook uses: an input row of the Energy sheet's factor
 * table, each quantity with a defined name every energy conversion reads. */
typedef struct
{
  EkvFactor  factor;
  lxw_row_t  row;        /* on the Energy sheet */
  char      *lhv_name;   /* LHV_kWh_natural_gas_Sm3: kWh per unit (NULL: no heating value) */
  char      *tep_name;   /* TEP_natural_gas_Sm3 */
  char      *co2_name;   /* CO2_kg_natural_gas_Sm3 */
} EkvXlsxFactor;

/* One unit of a flow in kWh, TEP and kg CO₂: expressions E (a formula gives
 * quantity × E) over the factor names where the conversion uses a factor, else
 * plain numbers; NULL when the quantity cannot be converted. The values are
 * what core computes for one unit. */
typedef struct
{
  char   *kwh;
  char   *tep;
  char   *co2;
  double  kwh_value;
  double  tep_value;
  double  co2_value;
  gboolean uses_density; /* through the flow's density cell on the Inventory */
} EkvXlsxEnergy;

/* Looks up the factor of every energy flow and defines its names, rows from
 * FIRST_ROW of the Energy sheet (written later by ekv_xlsx_write_energy()). */
void          ekv_xlsx_register_factors (EkvXlsx       *self,
                                         lxw_row_t      first_row);
/* The registered factor of CARRIER in UNIT (a factor's own unit), or NULL. */
const EkvXlsxFactor *ekv_xlsx_find_factor (EkvXlsx     *self,
                                         EkvCarrier     carrier,
                                         EkvQuantityUnit unit);
/* FLOW's per-unit energy expressions, as the balances and options convert it.
 * Free with ekv_xlsx_energy_clear(). */
void          ekv_xlsx_flow_energy      (EkvXlsx       *self,
                                         EkvRecord     *flow,
                                         EkvXlsxEnergy *energy);
void          ekv_xlsx_energy_clear     (EkvXlsxEnergy *energy);
void          _ekv_xlsx_factor_free     (EkvXlsxFactor *factor);
/* 'Sheet name' as references quote it (the name cleaned as a tab allows). */
char         *ekv_xlsx_quote_sheet_name (const char    *name);

/* A figure of another sheet the Summary repeats through a formula. */
typedef struct
{
  char       *label;   /* translated, with its unit */
  char       *ref;     /* "'Sheet'!$B$7" */
  double      value;   /* as computed; NAN when it cannot be */
  lxw_format *format;
  gboolean    heading; /* a section title: LABEL only */
} EkvXlsxFigure;

void          ekv_xlsx_add_figure     (EkvXlsx        *self,
                                       const char     *label,
                                       EkvXlsxSheet   *sheet,
                                       lxw_row_t       row,
                                       lxw_col_t       col,
                                       double          value,
                                       lxw_format     *format);
void          ekv_xlsx_add_heading    (EkvXlsx        *self,
                                       const char     *label);

/* Sheets: adds one (name translated by the caller), with print set-up. */
EkvXlsxSheet *ekv_xlsx_add_sheet      (EkvXlsx        *self,
                                       const char     *name);
/* Column widths from what was written, autofilter and frozen header. */
void          ekv_xlsx_finish_table   (EkvXlsx        *self,
                                       EkvXlsxSheet   *sheet,
                                       lxw_row_t       header_row,
                                       lxw_row_t       last_row,
                                       lxw_col_t       last_col);
void          ekv_xlsx_fit_columns    (EkvXlsxSheet   *sheet);

/* Cells. Text is always text (a name beginning with '=' stays a name). A NAN
 * number leaves the cell empty. */
void          ekv_xlsx_text           (EkvXlsxSheet   *sheet,
                                       lxw_row_t       row,
                                       lxw_col_t       col,
                                       const char     *text,
                                       lxw_format     *format);
/* Text that does not widen its column (a title, a sentence over empty cells). */
void          ekv_xlsx_note           (EkvXlsxSheet   *sheet,
                                       lxw_row_t       row,
                                       lxw_col_t       col,
                                       const char     *text,
                                       lxw_format     *format);
void          ekv_xlsx_number         (EkvXlsxSheet   *sheet,
                                       lxw_row_t       row,
                                       lxw_col_t       col,
                                       double          value,
                                       lxw_format     *format);
/* A formula with its computed VALUE; a NAN value stores an empty text result
 * (what the formula gives, through IF or IFERROR, when it cannot compute). */
void          ekv_xlsx_formula        (EkvXlsxSheet   *sheet,
                                       lxw_row_t       row,
                                       lxw_col_t       col,
                                       const char     *formula,
                                       double          value,
                                       lxw_format     *format);
void          ekv_xlsx_header_row     (EkvXlsx        *self,
                                       EkvXlsxSheet   *sheet,
                                       lxw_row_t       row,
                                       const char    **headers,
                                       guint           n_headers);
/* A field of RECORD as its type wants: text, number, translated enum label. */
void          ekv_xlsx_field          (EkvXlsx        *self,
                                       EkvXlsxSheet   *sheet,
                                       lxw_row_t       row,
                                       lxw_col_t       col,
                                       EkvRecord      *record,
                                       guint           field);
/* The translated label of a field, for headers. */
const char   *ekv_xlsx_field_label    (EkvEntityKind   kind,
                                       guint           field);

/* "C7", "$C$7" (ABSOLUTE), and "'Sheet'!$C$7" (SHEET not NULL). */
char         *ekv_xlsx_ref            (EkvXlsxSheet   *sheet,
                                       lxw_row_t       row,
                                       lxw_col_t       col,
                                       gboolean        absolute);
/* "'Sheet'!$C$2:$C$97" */
char         *ekv_xlsx_range          (EkvXlsxSheet   *sheet,
                                       lxw_row_t       first_row,
                                       lxw_row_t       last_row,
                                       lxw_col_t       col);
/* A number inside a formula, exactly, never in the locale's way. */
char         *ekv_xlsx_formula_number (double          value);
/* A text inside a formula: "…" with quotes doubled. */
char         *ekv_xlsx_formula_text   (const char     *text);

void          _ekv_xlsx_sheet_free    (EkvXlsxSheet   *sheet);
void          _ekv_xlsx_figure_free   (EkvXlsxFigure  *figure);

/* PNG bytes of what DRAW draws in WIDTH × HEIGHT pixels, or NULL when DRAW
 * fails. Touches nothing shared: any thread may call it. */
GBytes       *_ekv_xlsx_render_png    (int               width,
                                       int               height,
                                       EkvChartDrawFunc  draw,
                                       gpointer          data);
/* The same, kept until the workbook is closed (libxlsxwriter reads them then). */
GBytes       *_ekv_xlsx_png           (EkvXlsx          *self,
                                       int               width,
                                       int               height,
                                       EkvChartDrawFunc  draw,
                                       gpointer          data);

/* Progress and cancellation, between rows. FRACTION is within the current sheet. */
gboolean      ekv_xlsx_step           (EkvXlsx        *self,
                                       double          fraction,
                                       GError        **error);

/* The sheet writers, in workbook order. */
gboolean      ekv_xlsx_write_summary    (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_company    (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_units      (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_inventory  (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_balances   (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_energy     (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_bills      (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_options    (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_macc       (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_actions    (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_kpis       (EkvXlsx *self, GError **error);
gboolean      ekv_xlsx_write_sankey     (EkvXlsx *self, GError **error);

G_END_DECLS
