/* test-finance.c: NPV, IRR, paybacks and the annualised cost of an option
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include <glib.h>

#include "ekv-finance.h"

/* ACTUAL within TOLERANCE of EXPECTED, relatively (absolutely near 0). */
static void
assert_close (double      actual,
              double      expected,
              double      tolerance,
              const char *what)
{
  double scale = expected == 0 ? 1 : fabs (expected);

  if (!(fabs (actual - expected) <= tolerance * scale))
    g_error ("%s is %.17g, expected %.17g", what, actual, expected);
}

/* The NPV by the definition, year by year (not the closed form of the code). */
static double
npv_by_sum (const EkvCashFlows *flows,
            double              rate)
{
  double value = -flows->investment;
  int n = (int) flows->lifetime;

  g_assert_cmpfloat (n, ==, flows->lifetime);
  for (int t = 1; t <= n; t++)
    value += flows->cash_flow / pow (1 + rate, t);
  return value + flows->salvage / pow (1 + rate, n);
}

/* DOMAIN.md §2.6: I = 60 000, saving 25 000, extra O&M 2 000, so CF = 23 000;
 * n = 10, r = 12 %. SPB 2.61, NPV 69 955.13, IRR 36.64 %, discounted payback
 * 3.33, CRF 0.176984, annuity factor 5.650223, EAC 10 619.05. */
static void
test_worked_example (void)
{
  EkvCashFlows flows = { .investment = 60000, .cash_flow = 25000 - 2000, .lifetime = 10,
                         .rate = 0.12, .salvage = 0 };
  EkvFinanceFigures f;

  ekv_finance_compute (&flows, &f);

  g_assert_cmpfloat (round (f.simple_payback_years * 100) / 100, ==, 2.61);
  g_assert_cmpfloat (round (f.npv * 100) / 100, ==, 69955.13);
  g_assert_cmpfloat (round (f.irr_pct * 100) / 100, ==, 36.64);
  g_assert_cmpint (f.irr_status, ==, EKV_IRR_OK);
  g_assert_null (f.irr_pct_note);
  g_assert_cmpfloat (round (f.discounted_payback_years * 100) / 100, ==, 3.33);
  g_assert_cmpfloat (round (f.eac * 100) / 100, ==, 10619.05);
  g_assert_cmpfloat (round (1e6 / ekv_finance_annuity_factor (0.12, 10)) / 1e6, ==, 0.176984);
  g_assert_cmpfloat (round (1e6 * ekv_finance_annuity_factor (0.12, 10)) / 1e6, ==, 5.650223);

  /* And to full precision against the definitions. */
  assert_close (f.npv, npv_by_sum (&flows, 0.12), 1e-12, "NPV");
  assert_close (npv_by_sum (&flows, f.irr_pct / 100) / 60000, 0, 1e-12, "NPV at the IRR");
  assert_close (f.profitability_index, (f.npv + 60000) / 60000, 1e-15, "PI");
  /* Discounted payback: three whole years, then the part of the fourth. */
  {
    double d3 = -60000 + 23000 / 1.12 + 23000 / pow (1.12, 2) + 23000 / pow (1.12, 3);

    assert_close (f.discounted_payback_years, 3 + -d3 / (23000 / pow (1.12, 4)), 1e-12,
                  "discounted payback");
  }
  g_assert_null (f.npv_note);
  g_assert_null (f.eac_note);
  g_assert_null (f.discounted_payback_years_note);

  /* §2.7: the CO₂ continues the example: 83 333 Sm³ of gas at 34.54 MJ/Sm³ and
   * 56.1 kg CO₂/GJ is 161.5 t a year; (EAC − CF) / t = −76.7 per tonne. */
  {
    double co2_t = 25000 / 0.30 * 34.54 / 1000 * 56.1 / 1000;

    g_assert_cmpfloat (round (co2_t * 10) / 10, ==, 161.5);
    g_assert_cmpfloat (round ((f.eac - 23000) / co2_t * 10) / 10, ==, -76.7);
  }
}

static void
test_irr_no_sign_change (void)
{
  EkvIrrStatus status = EKV_IRR_OK;
  EkvFinanceFigures f;

  /* All positive: a grant instead of an investment, and savings. */
  {
    EkvCashFlows flows = { .investment = -1000, .cash_flow = 100, .lifetime = 5, .rate = 0.1 };

    g_assert_true (isnan (ekv_finance_irr (&flows, &status)));
    g_assert_cmpint (status, ==, EKV_IRR_ALL_POSITIVE);
    ekv_finance_compute (&flows, &f);
    g_assert_true (isnan (f.irr_pct));
    g_assert_nonnull (f.irr_pct_note);
  }

  /* All negative: the option costs more each year than it saves. */
  {
    EkvCashFlows flows = { .investment = 1000, .cash_flow = -50, .lifetime = 5, .rate = 0.1 };

    g_assert_true (isnan (ekv_finance_irr (&flows, &status)));
    g_assert_cmpint (status, ==, EKV_IRR_ALL_NEGATIVE);
    ekv_finance_compute (&flows, &f);
    g_assert_true (isnan (f.simple_payback_years));
    g_assert_nonnull (f.simple_payback_years_note);
    g_assert_true (isnan (f.discounted_payback_years));
    g_assert_nonnull (f.discounted_payback_years_note);
    assert_close (f.npv, npv_by_sum (&flows, 0.1), 1e-12, "NPV");
  }

  /* No saving at all: only the investment. */
  {
    EkvCashFlows flows = { .investment = 1000, .cash_flow = 0, .lifetime = 5, .rate = 0.1 };

    g_assert_true (isnan (ekv_finance_irr (&flows, &status)));
    g_assert_cmpint (status, ==, EKV_IRR_ALL_NEGATIVE);
  }

  /* Two sign changes: +, −, + (a grant, yearly costs, a large salvage). */
  {
    EkvCashFlows flows = { .investment = -100, .cash_flow = -50, .lifetime = 5, .rate = 0.1,
                           .salvage = 500 };

    g_assert_true (isnan (ekv_finance_irr (&flows, &status)));
    g_assert_cmpint (status, ==, EKV_IRR_MULTIPLE);
  }

  /* Not finite. */
  {
    EkvCashFlows flows = { .investment = 1000, .cash_flow = NAN, .lifetime = 5, .rate = 0.1 };

    g_assert_true (isnan (ekv_finance_irr (&flows, &status)));
    g_assert_cmpint (status, ==, EKV_IRR_INVALID);
    ekv_finance_compute (&flows, &f);
    g_assert_true (isnan (f.npv));
    g_assert_nonnull (f.npv_note);
  }
}

static void
test_zero_investment (void)
{
  EkvCashFlows flows = { .investment = 0, .cash_flow = 900, .lifetime = 3, .rate = 0.08 };
  EkvFinanceFigures f;

  ekv_finance_compute (&flows, &f);
  g_assert_cmpint (f.irr_status, ==, EKV_IRR_NO_INVESTMENT);
  g_assert_true (isnan (f.irr_pct));
  g_assert_nonnull (f.irr_pct_note);
  g_assert_cmpfloat (f.simple_payback_years, ==, 0);
  g_assert_cmpfloat (f.discounted_payback_years, ==, 0);
  g_assert_null (f.discounted_payback_years_note);
  g_assert_true (isnan (f.profitability_index));
  g_assert_nonnull (f.profitability_index_note);
  g_assert_cmpfloat (f.eac, ==, 0);
  assert_close (f.npv, 900 / 1.08 + 900 / pow (1.08, 2) + 900 / pow (1.08, 3), 1e-14, "NPV");
}

static void
test_rate_zero (void)
{
  EkvCashFlows flows = { .investment = 1000, .cash_flow = 300, .lifetime = 5, .rate = 0,
                         .salvage = 100 };
  EkvFinanceFigures f;

  ekv_finance_compute (&flows, &f);
  g_assert_cmpfloat (f.npv, ==, -1000 + 5 * 300 + 100);
  g_assert_cmpfloat (f.eac, ==, 1000.0 / 5);
  assert_close (f.discounted_payback_years, 1000.0 / 300, 1e-14, "discounted payback");
  assert_close (f.simple_payback_years, 1000.0 / 300, 1e-15, "simple payback");
  assert_close (f.profitability_index, (600.0 + 1000) / 1000, 1e-15, "PI");
  assert_close (ekv_finance_annuity_factor (0, 7), 7, 0, "a(0, 7)");
  /* Continuous at 0: a tiny rate gives nearly the same. */
  assert_close (ekv_finance_annuity_factor (1e-12, 7), 7, 1e-10, "a(1e-12, 7)");
  g_assert_cmpint (f.irr_status, ==, EKV_IRR_OK);
  assert_close (npv_by_sum (&flows, f.irr_pct / 100) / 1000, 0, 1e-12, "NPV at the IRR");
}

static void
test_salvage (void)
{
  EkvIrrStatus status;

  /* No yearly saving, the salvage doubles the money in five years. */
  {
    EkvCashFlows flows = { .investment = 1000, .cash_flow = 0, .lifetime = 5, .rate = 0.1,
                           .salvage = 2000 };

    assert_close (ekv_finance_irr (&flows, &status), pow (2, 1.0 / 5) - 1, 1e-14, "IRR");
    g_assert_cmpint (status, ==, EKV_IRR_OK);
    assert_close (ekv_finance_npv (&flows), -1000 + 2000 / pow (1.1, 5), 1e-14, "NPV");
    /* The salvage does not count in the discounted payback. */
    g_assert_true (isnan (ekv_finance_discounted_payback (&flows)));
  }

  /* A bond: 10 % a year and the capital back is 10 % exactly. */
  {
    EkvCashFlows flows = { .investment = 1000, .cash_flow = 100, .lifetime = 10, .rate = 0.05,
                           .salvage = 1000 };

    assert_close (ekv_finance_irr (&flows, &status), 0.1, 1e-14, "IRR");
    assert_close (ekv_finance_npv (&flows), npv_by_sum (&flows, 0.05), 1e-13, "NPV");
    /* Without the salvage the yearly 100 never pays back 1 000 in 10 years at 5 %. */
    g_assert_true (isnan (ekv_finance_discounted_payback (&flows)));
  }

  /* Yearly costs, but a salvage worth more: one sign change (−, −, +). */
  {
    EkvCashFlows flows = { .investment = 100, .cash_flow = -10, .lifetime = 3, .rate = 0.05,
                           .salvage = 200 };
    double irr = ekv_finance_irr (&flows, &status);

    g_assert_cmpint (status, ==, EKV_IRR_OK);
    assert_close (npv_by_sum (&flows, irr) / 100, 0, 1e-12, "NPV at the IRR");
  }
}

/* Rates far from the usual guess: bracketing and bisection, never divergence. */
static void
test_irr_extremes (void)
{
  EkvIrrStatus status;

  /* A one-year option: IRR = (CF + S) / I − 1 exactly. */
  {
    EkvCashFlows flows = { .investment = 1e6, .cash_flow = 1, .lifetime = 1, .rate = 0.1 };

    assert_close (ekv_finance_irr (&flows, &status), 1e-6 - 1, 1e-12, "IRR near −100 %");
    g_assert_cmpint (status, ==, EKV_IRR_OK);
  }
  {
    EkvCashFlows flows = { .investment = 100, .cash_flow = 250, .lifetime = 1, .rate = 0.1 };

    assert_close (ekv_finance_irr (&flows, &status), 1.5, 1e-14, "IRR one year");
  }

  /* A tiny investment and a large saving: IRR in the millions of percent. */
  {
    EkvCashFlows flows = { .investment = 1, .cash_flow = 1e6, .lifetime = 10, .rate = 0.1 };
    double irr = ekv_finance_irr (&flows, &status);

    g_assert_cmpint (status, ==, EKV_IRR_OK);
    assert_close (irr, 1e6, 1e-9, "huge IRR");
  }

  /* A negative return. */
  {
    EkvCashFlows flows = { .investment = 1000, .cash_flow = 50, .lifetime = 10, .rate = 0.1 };
    double irr = ekv_finance_irr (&flows, &status);

    g_assert_cmpint (status, ==, EKV_IRR_OK);
    g_assert_cmpfloat (irr, <, 0);
    assert_close (npv_by_sum (&flows, irr) / 1000, 0, 1e-12, "NPV at a negative IRR");
  }

  /* A long lifetime at a small return. */
  {
    EkvCashFlows flows = { .investment = 1e6, .cash_flow = 10001, .lifetime = 200, .rate = 0.1 };
    double irr = ekv_finance_irr (&flows, &status);

    g_assert_cmpint (status, ==, EKV_IRR_OK);
    assert_close (npv_by_sum (&flows, irr) / 1e6, 0, 1e-10, "NPV at the IRR, 200 years");
  }
}

static void
test_discounted_payback (void)
{
  /* Paid back exactly at the end of year 1. */
  {
    EkvCashFlows flows = { .investment = 100, .cash_flow = 110, .lifetime = 5, .rate = 0.1 };

    assert_close (ekv_finance_discounted_payback (&flows), 1, 1e-9, "payback at year 1");
  }
  /* Never: the discounted savings converge below the investment. */
  {
    EkvCashFlows flows = { .investment = 1000, .cash_flow = 100, .lifetime = 50, .rate = 0.2 };

    g_assert_true (isnan (ekv_finance_discounted_payback (&flows)));
  }
  /* Not within the lifetime, though it would be later. */
  {
    EkvCashFlows flows = { .investment = 1000, .cash_flow = 100, .lifetime = 5, .rate = 0.05 };

    g_assert_true (isnan (ekv_finance_discounted_payback (&flows)));
    flows.lifetime = 20;
    {
      double cum = -1000;
      int t = 0;

      while (cum + 100 / pow (1.05, t + 1) < 0)
        {
          t++;
          cum += 100 / pow (1.05, t);
        }
      assert_close (ekv_finance_discounted_payback (&flows), t + -cum / (100 / pow (1.05, t + 1)),
                    1e-12, "payback in year 15");
    }
  }
  /* A negative rate still works: savings count for more later. */
  {
    EkvCashFlows flows = { .investment = 300, .cash_flow = 100, .lifetime = 5, .rate = -0.1 };
    double d2 = -300 + 100 / 0.9 + 100 / pow (0.9, 2);

    assert_close (ekv_finance_discounted_payback (&flows), 2 + -d2 / (100 / pow (0.9, 3)), 1e-12,
                  "payback at a negative rate");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/finance/worked-example", test_worked_example);
  g_test_add_func ("/ekv/finance/irr-no-sign-change", test_irr_no_sign_change);
  g_test_add_func ("/ekv/finance/zero-investment", test_zero_investment);
  g_test_add_func ("/ekv/finance/rate-zero", test_rate_zero);
  g_test_add_func ("/ekv/finance/salvage", test_salvage);
  g_test_add_func ("/ekv/finance/irr-extremes", test_irr_extremes);
  g_test_add_func ("/ekv/finance/discounted-payback", test_discounted_payback);

  return g_test_run ();
}
