/* ekv-bills-page.h: the monthly energy and water bills of the reference period (phase II)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"
#include "ekv-field-row.h"
#include "ekv-month-chart.h"
#include "ekv-types.h"

G_BEGIN_DECLS

#define EKV_TYPE_BILLS_PAGE (ekv_bills_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvBillsPage, ekv_bills_page, EKV, BILLS_PAGE, AdwPreferencesPage)

GtkWidget     *ekv_bills_page_new             (EkvDocument  *document);

/* The number of months of the reference period the page shows for CARRIER, or 0
 * if the page has no section for it. */
guint          ekv_bills_page_get_n_months    (EkvBillsPage *self,
                                               EkvCarrier    carrier);
/* The totals the section of CARRIER shows: quantity in *UNIT (the unit of its
 * first bill), cost, and the text under its title. FALSE if there is no section. */
gboolean       ekv_bills_page_get_totals      (EkvBillsPage    *self,
                                               EkvCarrier       carrier,
                                               double          *quantity,
                                               EkvQuantityUnit *unit,
                                               double          *cost,
                                               char           **text);
/* The row editing field KEY ("quantity", "cost") of month MONTH (0 = the first
 * month of the period) of CARRIER; NULL if that month has no bill yet. */
EkvFieldRow   *ekv_bills_page_get_field_row   (EkvBillsPage *self,
                                               EkvCarrier    carrier,
                                               guint         month,
                                               const char   *key);
EkvMonthChart *ekv_bills_page_get_chart       (EkvBillsPage *self,
                                               EkvCarrier    carrier);

/* What "Add bills for…" does: a section for CARRIER, empty until a month is added. */
void           ekv_bills_page_add_carrier     (EkvBillsPage *self,
                                               EkvCarrier    carrier);
/* What a missing month's Add button does: a bill of 0 in the section's unit. */
EkvRecord     *ekv_bills_page_add_month       (EkvBillsPage *self,
                                               EkvCarrier    carrier,
                                               guint         month,
                                               GError      **error);
/* What a month's Delete button does: removes its bill, with an Undo toast. */
void           ekv_bills_page_remove_month    (EkvBillsPage *self,
                                               EkvCarrier    carrier,
                                               guint         month);

G_END_DECLS
