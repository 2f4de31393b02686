/* ekv-finance.c: the financial indicators of one option's cash flows
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-finance.h"

const char *
ekv_irr_status_to_note (EkvIrrStatus status)
{
  switch (status)
    {
    case EKV_IRR_OK:
      return NULL;
    case EKV_IRR_INVALID:
      return N_("The cash flows are incomplete: check the investment, lifetime and yearly saving.");
    case EKV_IRR_NO_INVESTMENT:
      return N_("There is no investment: the return is not a finite rate.");
    case EKV_IRR_ALL_POSITIVE:
      return N_("The cash flows are all positive and do not change sign: no rate makes the net present value zero.");
    case EKV_IRR_ALL_NEGATIVE:
      return N_("The cash flows are all negative and do not change sign: the option never pays back.");
    case EKV_IRR_MULTIPLE:
      return N_("The cash flows change sign more than once: the rate of return is not unique.");
    case EKV_IRR_NO_ROOT:
    default:
      return N_("No rate of return makes the net present value zero.");
    }
}

static gboolean
flows_valid (const EkvCashFlows *flows)
{
  return isfinite (flows->investment) && isfinite (flows->cash_flow)
         && isfinite (flows->salvage) && isfinite (flows->lifetime) && flows->lifetime > 0;
}

double
ekv_finance_annuity_factor (double rate,
                            double n)
{
  if (!isfinite (rate) || !isfinite (n) || rate <= -1)
    return NAN;
  if (rate == 0)
    return n;
  /* (1 − (1 + r)^−n) / r without cancellation for a small r. */
  return -expm1 (-n * log1p (rate)) / rate;
}

double
ekv_finance_npv_at (const EkvCashFlows *flows,
                    double              rate)
{
  double a;
  double value;

  g_return_val_if_fail (flows != NULL, NAN);

  if (!flows_valid (flows))
    return NAN;
  a = ekv_finance_annuity_factor (rate, flows->lifetime);
  if (isnan (a))
    return NAN;

  value = -flows->investment + flows->cash_flow * a;
  if (flows->salvage != 0)
    value += flows->salvage * exp (-flows->lifetime * log1p (rate));
  return value;
}

double
ekv_finance_npv (const EkvCashFlows *flows)
{
  g_return_val_if_fail (flows != NULL, NAN);

  return ekv_finance_npv_at (flows, flows->rate);
}

static int
sign_of (double value)
{
  return value > 0 ? 1 : value < 0 ? -1 : 0;
}

/* The rate in [LO, HI] where the NPV changes sign, to the last bit. */
static double
bisect (const EkvCashFlows *flows,
        double              lo,
        double              f_lo,
        double              hi)
{
  for (guint i = 0; i < 4000; i++)
    {
      double mid = lo + (hi - lo) / 2;
      double f_mid;

      if (mid <= lo || mid >= hi)
        break;
      f_mid = ekv_finance_npv_at (flows, mid);
      if (f_mid == 0)
        return mid;
      /* A non-finite value in the bracket: treat it as the side it came from. */
      if (!isfinite (f_mid) || sign_of (f_mid) == sign_of (f_lo))
        {
          lo = mid;
          f_lo = isfinite (f_mid) ? f_mid : f_lo;
        }
      else
        hi = mid;
    }
  return lo + (hi - lo) / 2;
}

double
ekv_finance_irr (const EkvCashFlows *flows,
                 EkvIrrStatus       *status)
{
  EkvIrrStatus dummy;
  double c[3];
  guint n_c = 0;
  int last_sign = 0;
  guint n_changes = 0;
  gboolean any_positive = FALSE;
  gboolean any_negative = FALSE;
  double prev_rate = NAN;
  double prev_value = NAN;

  g_return_val_if_fail (flows != NULL, NAN);

  if (status == NULL)
    status = &dummy;

  if (!flows_valid (flows))
    {
      *status = EKV_IRR_INVALID;
      return NAN;
    }
  if (flows->investment == 0)
    {
      *status = EKV_IRR_NO_INVESTMENT;
      return NAN;
    }

  /* The cash flows in time order, as signs: −I; CF in the years before the
   * last; CF + S in the last. */
  c[n_c++] = -flows->investment;
  if (flows->lifetime > 1)
    c[n_c++] = flows->cash_flow;
  c[n_c++] = flows->cash_flow + flows->salvage;
  for (guint i = 0; i < n_c; i++)
    {
      int s = sign_of (c[i]);

      if (s == 0)
        continue;
      any_positive |= s > 0;
      any_negative |= s < 0;
      if (last_sign != 0 && s != last_sign)
        n_changes++;
      last_sign = s;
    }
  if (!any_negative)
    {
      *status = EKV_IRR_ALL_POSITIVE;
      return NAN;
    }
  if (!any_positive)
    {
      *status = EKV_IRR_ALL_NEGATIVE;
      return NAN;
    }
  if (n_changes > 1)
    {
      *status = EKV_IRR_MULTIPLE;
      return NAN;
    }

  /* One sign change: exactly one rate above −100 % makes the NPV zero
   * (Descartes' rule in 1/(1 + r)). Bracket it on a grid that goes from just
   * above −100 % to 10^12 %, then bisect. */
  {
    static const double grid[] = {
      -1 + 1e-12, -1 + 1e-9, -1 + 1e-6, -1 + 1e-4, -1 + 1e-3, -0.99, -0.95, -0.9, -0.8,
      -0.6, -0.4, -0.2, -0.1, 0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10,
      20, 50, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
    };

    for (guint i = 0; i < G_N_ELEMENTS (grid); i++)
      {
        double value = ekv_finance_npv_at (flows, grid[i]);

        if (!isfinite (value))
          continue;
        if (value == 0)
          {
            *status = EKV_IRR_OK;
            return grid[i];
          }
        if (isfinite (prev_value) && sign_of (value) != sign_of (prev_value))
          {
            *status = EKV_IRR_OK;
            return bisect (flows, prev_rate, prev_value, grid[i]);
          }
        prev_rate = grid[i];
        prev_value = value;
      }
  }

  *status = EKV_IRR_NO_ROOT;
  return NAN;
}

double
ekv_finance_simple_payback (const EkvCashFlows *flows)
{
  g_return_val_if_fail (flows != NULL, NAN);

  if (!isfinite (flows->investment) || !isfinite (flows->cash_flow) || flows->cash_flow <= 0)
    return NAN;
  return flows->investment / flows->cash_flow;
}

/* −I + CF × a(r, t): the cumulative discounted cash flow at the end of year T. */
static double
cumulative (const EkvCashFlows *flows,
            double              t)
{
  return -flows->investment + flows->cash_flow * ekv_finance_annuity_factor (flows->rate, t);
}

double
ekv_finance_discounted_payback (const EkvCashFlows *flows)
{
  double i;
  double cf;
  double r;
  double x;
  double t;
  double k;
  double d_before;
  double payback;

  g_return_val_if_fail (flows != NULL, NAN);

  i = flows->investment;
  cf = flows->cash_flow;
  r = flows->rate;
  if (!flows_valid (flows) || !isfinite (r) || r <= -1)
    return NAN;
  if (i <= 0)
    return 0;
  if (cf <= 0)
    return NAN;

  /* The continuous t with CF × a(r, t) = I tells the year it happens in:
   * (1 + r)^−t = 1 − r I / CF. */
  if (r == 0)
    t = i / cf;
  else
    {
      x = 1 - r * i / cf;
      if (x <= 0)
        return NAN;   /* the discounted savings never add up to I */
      t = -log (x) / log1p (r);
    }
  if (!isfinite (t) || t > flows->lifetime + 1)
    return NAN;

  /* The year k with D(k − 1) < 0 ≤ D(k), corrected for rounding. */
  k = MAX (1, ceil (t));
  while (k > 1 && cumulative (flows, k - 1) >= 0)
    k--;
  while (cumulative (flows, k) < 0 && k <= flows->lifetime + 1)
    k++;

  d_before = cumulative (flows, k - 1);
  payback = (k - 1) + -d_before / (cf * exp (-k * log1p (r)));
  if (payback > flows->lifetime)
    return NAN;
  return payback;
}

double
ekv_finance_profitability_index (const EkvCashFlows *flows)
{
  g_return_val_if_fail (flows != NULL, NAN);

  if (flows->investment == 0)
    return NAN;
  return (ekv_finance_npv (flows) + flows->investment) / flows->investment;
}

double
ekv_finance_eac (const EkvCashFlows *flows)
{
  double a;

  g_return_val_if_fail (flows != NULL, NAN);

  if (!isfinite (flows->investment) || !isfinite (flows->lifetime) || flows->lifetime <= 0)
    return NAN;
  a = ekv_finance_annuity_factor (flows->rate, flows->lifetime);
  if (!isfinite (a) || a == 0)
    return NAN;
  return flows->investment / a;
}

void
ekv_finance_compute (const EkvCashFlows *flows,
                     EkvFinanceFigures  *figures)
{
  static const char *incomplete =
    N_("The cash flows are incomplete: check the investment, lifetime and yearly saving.");
  gboolean valid;
  double irr;

  g_return_if_fail (flows != NULL);
  g_return_if_fail (figures != NULL);

  valid = flows_valid (flows) && isfinite (flows->rate) && flows->rate > -1;

  figures->simple_payback_years = ekv_finance_simple_payback (flows);
  figures->simple_payback_years_note = NULL;
  if (isnan (figures->simple_payback_years))
    figures->simple_payback_years_note =
      !isfinite (flows->cash_flow) || !isfinite (flows->investment)
        ? incomplete
        : N_("The yearly saving is not positive: the investment is never paid back.");

  figures->npv = valid ? ekv_finance_npv (flows) : NAN;
  figures->npv_note = isnan (figures->npv) ? incomplete : NULL;

  irr = ekv_finance_irr (flows, &figures->irr_status);
  figures->irr_pct = isnan (irr) ? NAN : 100 * irr;
  figures->irr_pct_note = ekv_irr_status_to_note (figures->irr_status);

  figures->discounted_payback_years = valid ? ekv_finance_discounted_payback (flows) : NAN;
  figures->discounted_payback_years_note = NULL;
  if (isnan (figures->discounted_payback_years))
    figures->discounted_payback_years_note =
      valid ? N_("The discounted savings do not pay the investment back within the lifetime.")
            : incomplete;

  figures->profitability_index = valid ? ekv_finance_profitability_index (flows) : NAN;
  figures->profitability_index_note = NULL;
  if (isnan (figures->profitability_index))
    figures->profitability_index_note =
      valid ? N_("There is no investment.") : incomplete;

  figures->eac = valid ? ekv_finance_eac (flows) : NAN;
  figures->eac_note = isnan (figures->eac) ? incomplete : NULL;
}
