/* ekv-flow-table-page.h: every flow of the audit in one table, typed in like a spreadsheet
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_FLOW_TABLE_PAGE (ekv_flow_table_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvFlowTablePage, ekv_flow_table_page, EKV, FLOW_TABLE_PAGE, AdwBin)

GtkWidget  *ekv_flow_table_page_new            (EkvDocument      *document);

/* Shows only the flows entering or leaving the unit with UNIT_ID; NULL shows all. */
void        ekv_flow_table_page_set_unit       (EkvFlowTablePage *self,
                                                const char       *unit_id);
/* The rows shown, in their order on screen. */
GListModel *ekv_flow_table_page_get_rows       (EkvFlowTablePage *self);
/* The columns, left to right, as EKV_FLOW_* fields. */
guint       ekv_flow_table_page_get_n_columns  (EkvFlowTablePage *self);
int         ekv_flow_table_page_get_column_field (EkvFlowTablePage *self,
                                                  guint             column);
/* FLOW's cell in COLUMN, or NULL when that row is not on screen. A text cell is
 * a box holding a button that shows the value (and, while typed in, a GtkText);
 * a choice cell is a button that opens its list. */
GtkWidget  *ekv_flow_table_page_get_cell       (EkvFlowTablePage *self,
                                                EkvRecord        *flow,
                                                guint             column);
/* Starts typing in FLOW's text cell of COLUMN, as a click or Enter on it does;
 * returns its editor (a GtkText), or NULL when the cell is not a text cell or
 * not on screen. */
GtkWidget  *ekv_flow_table_page_edit_cell      (EkvFlowTablePage *self,
                                                EkvRecord        *flow,
                                                guint             column);
/* The refusal shown under the table, or NULL. */
const char *ekv_flow_table_page_get_message    (EkvFlowTablePage *self);

G_END_DECLS
