/* test-bills.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include "ekv-bills.h"

static EkvRecord *
make_bill (const char     *month,
           double          quantity,
           EkvQuantityUnit unit,
           double          cost)
{
  EkvRecord *bill = ekv_record_new (EKV_ENTITY_BILL);

  ekv_record_set_enum (bill, EKV_BILL_CARRIER, EKV_CARRIER_ELECTRICITY);
  ekv_record_set_string (bill, EKV_BILL_MONTH, month);
  ekv_record_set_double (bill, EKV_BILL_QUANTITY, quantity);
  ekv_record_set_enum (bill, EKV_BILL_UNIT, unit);
  if (!isnan (cost))
    ekv_record_set_double (bill, EKV_BILL_COST, cost);
  return bill;
}

static void
test_totals (void)
{
  g_autoptr(EkvRecord) january = make_bill ("2025-01", 400000, EKV_QUANTITY_UNIT_KWH, 1200000);
  g_autoptr(EkvRecord) february = make_bill ("2025-02", 350, EKV_QUANTITY_UNIT_MWH, 1000000);
  g_autoptr(EkvRecord) march = make_bill ("2025-03", 90, EKV_QUANTITY_UNIT_M3, 300);
  EkvBillTotals totals;

  /* The unit of the first bill wins over the default given. */
  ekv_bill_totals_init (&totals, EKV_QUANTITY_UNIT_MWH);
  g_assert_true (isnan (ekv_bill_totals_average_price (&totals)));

  g_assert_cmpfloat (ekv_bill_totals_add (&totals, january), ==, 400000);
  g_assert_cmpint (totals.unit, ==, EKV_QUANTITY_UNIT_KWH);
  g_assert_cmpfloat (ekv_bill_totals_add (&totals, february), ==, 350000);
  g_assert_false (totals.mixed_units);

  /* A bill in a unit of another dimension is left out of the quantity, not the cost. */
  g_assert_true (isnan (ekv_bill_totals_add (&totals, march)));
  g_assert_true (totals.mixed_units);

  g_assert_cmpuint (totals.n_bills, ==, 3);
  g_assert_cmpfloat (totals.quantity, ==, 750000);
  g_assert_cmpfloat (totals.cost, ==, 2200300);
  g_assert_true (totals.has_cost);
  g_assert_cmpfloat_with_epsilon (ekv_bill_totals_average_price (&totals), 2200300.0 / 750000.0,
                                  1e-12);
}

static void
test_no_cost (void)
{
  g_autoptr(EkvRecord) bill = make_bill ("2025-01", 1000, EKV_QUANTITY_UNIT_M3, NAN);
  EkvBillTotals totals;

  ekv_bill_totals_init (&totals, EKV_QUANTITY_UNIT_M3);
  ekv_bill_totals_add (&totals, bill);
  g_assert_false (totals.has_cost);
  g_assert_true (isnan (ekv_bill_totals_average_price (&totals)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/bills/totals", test_totals);
  g_test_add_func ("/ekv/bills/no-cost", test_no_cost);

  return g_test_run ();
}
