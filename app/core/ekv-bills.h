/* ekv-bills.h: totals of a carrier's monthly bills
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include "ekv-record.h"

G_BEGIN_DECLS

/* Sums of a series of bills of one carrier, in the unit of the first bill added
 * (or the unit given to _init() while there is none). The bills page, the
 * workbook and the report all show these same figures. */
typedef struct
{
  EkvQuantityUnit unit;
  double          quantity;
  double          cost;
  guint           n_bills;
  gboolean        has_cost;    /* at least one bill gave a cost */
  gboolean        mixed_units; /* some bill's unit could not be brought to UNIT */
} EkvBillTotals;

void   ekv_bill_totals_init          (EkvBillTotals       *totals,
                                      EkvQuantityUnit      unit);
/* Adds BILL (an EKV_ENTITY_BILL record); returns its quantity in the totals' unit,
 * or NAN when it cannot be converted (then it is left out of the quantity). */
double ekv_bill_totals_add           (EkvBillTotals       *totals,
                                      EkvRecord           *bill);
/* Cost per unit of quantity, or NAN without a cost or a positive quantity. */
double ekv_bill_totals_average_price (const EkvBillTotals *totals);

G_END_DECLS
