/* ekv-bills.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include "ekv-bills.h"
#include "ekv-units.h"

void
ekv_bill_totals_init (EkvBillTotals  *totals,
                      EkvQuantityUnit unit)
{
  g_return_if_fail (totals != NULL);

  *totals = (EkvBillTotals) { .unit = unit };
}

double
ekv_bill_totals_add (EkvBillTotals *totals,
                     EkvRecord     *bill)
{
  double value;

  g_return_val_if_fail (totals != NULL, NAN);
  g_return_val_if_fail (EKV_IS_RECORD (bill), NAN);
  g_return_val_if_fail (ekv_record_get_kind (bill) == EKV_ENTITY_BILL, NAN);

  if (totals->n_bills == 0)
    totals->unit = ekv_record_get_enum (bill, EKV_BILL_UNIT);
  totals->n_bills++;

  if (ekv_record_is_set (bill, EKV_BILL_COST))
    {
      totals->cost += ekv_record_get_double (bill, EKV_BILL_COST);
      totals->has_cost = TRUE;
    }

  if (!ekv_quantity_unit_convert (ekv_record_get_double (bill, EKV_BILL_QUANTITY),
                                  ekv_record_get_enum (bill, EKV_BILL_UNIT),
                                  totals->unit, &value))
    {
      totals->mixed_units = TRUE;
      return NAN;
    }

  totals->quantity += value;
  return value;
}

double
ekv_bill_totals_average_price (const EkvBillTotals *totals)
{
  g_return_val_if_fail (totals != NULL, NAN);

  if (!totals->has_cost || !(totals->quantity > 0))
    return NAN;

  return totals->cost / totals->quantity;
}
