/* ekv-finance.h: the financial indicators of one option's cash flows
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Pure arithmetic on a constant cash-flow description, exactly as
 * results-format.md defines it (and DOMAIN.md §2.6): an investment I at year 0,
 * a yearly net cash flow CF in years 1..n, a salvage value S at the end of year
 * n, a discount rate r (a fraction: 0.12 for 12 %).
 *
 *   NPV(r) = −I + CF × a(r, n) + S / (1 + r)^n,  a(r, n) = Σ_{t=1..n} (1 + r)^−t
 *
 * a(r, n) is computed in closed form, (1 − (1 + r)^−n) / r (n at r = 0), which is
 * the sum for a whole n and its natural extension for a lifetime such as 7.5.
 *
 * A figure that cannot be computed is NAN with the reason in the sibling *_note:
 * an untranslated English message id (marked for translation), so JSON never depends on the
 * locale; views translate it with g_dgettext (GETTEXT_PACKAGE, note).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double investment;  /* I, at year 0 */
  double cash_flow;   /* CF, every year 1..n */
  double lifetime;    /* n, years, > 0 */
  double rate;        /* r, a fraction, > −1 */
  double salvage;     /* S, at the end of year n */
} EkvCashFlows;

/* Why an internal rate of return is not defined. */
typedef enum
{
  EKV_IRR_OK,
  EKV_IRR_INVALID,        /* an input is not finite, or the lifetime is not positive */
  EKV_IRR_NO_INVESTMENT,  /* I = 0: no finite rate */
  EKV_IRR_ALL_POSITIVE,   /* no cash flow is negative */
  EKV_IRR_ALL_NEGATIVE,   /* no cash flow is positive */
  EKV_IRR_MULTIPLE,       /* the cash flows change sign more than once */
  EKV_IRR_NO_ROOT,        /* no rate in the range searched makes NPV zero */
} EkvIrrStatus;

/* The English message id of STATUS (marked for translation), or NULL for EKV_IRR_OK. */
const char *ekv_irr_status_to_note      (EkvIrrStatus        status);

/* a(RATE, N): the present value of 1 a year for N years. N when RATE is 0. */
double      ekv_finance_annuity_factor  (double              rate,
                                         double              n);

/* NPV of FLOWS at RATE (a fraction; FLOWS->rate is not used). NAN when RATE ≤ −1
 * or an input is not finite. */
double      ekv_finance_npv_at          (const EkvCashFlows *flows,
                                         double              rate);
double      ekv_finance_npv             (const EkvCashFlows *flows);

/* The internal rate of return as a fraction, or NAN with STATUS (may be NULL)
 * saying why. The cash flows (−I; CF, …, CF; CF + S) are checked for a sign
 * change first; the root is then bracketed on a grid from just above −100 % to
 * 10^12 % and refined by bisection to the last bit, so it never diverges. */
double      ekv_finance_irr             (const EkvCashFlows *flows,
                                         EkvIrrStatus       *status);

/* I / CF; 0 when I = 0 and CF > 0; NAN when CF ≤ 0. */
double      ekv_finance_simple_payback  (const EkvCashFlows *flows);

/* The first time at which −I + Σ_{τ≤t} CF/(1+r)^τ reaches 0 (salvage not
 * counted), interpolated linearly within the year; 0 when I ≤ 0; NAN when that
 * never happens within the lifetime. */
double      ekv_finance_discounted_payback (const EkvCashFlows *flows);

/* (NPV + I) / I; NAN when I = 0. */
double      ekv_finance_profitability_index (const EkvCashFlows *flows);

/* I × r(1+r)^n / ((1+r)^n − 1), I / n when r = 0: I / a(r, n). */
double      ekv_finance_eac             (const EkvCashFlows *flows);

/* Every indicator at once, with the notes of the ones that are NAN. */
typedef struct
{
  double        simple_payback_years;
  const char   *simple_payback_years_note;
  double        npv;
  const char   *npv_note;
  double        irr_pct;               /* 100 × ekv_finance_irr() */
  const char   *irr_pct_note;
  EkvIrrStatus  irr_status;
  double        discounted_payback_years;
  const char   *discounted_payback_years_note;
  double        profitability_index;
  const char   *profitability_index_note;
  double        eac;
  const char   *eac_note;
} EkvFinanceFigures;

void        ekv_finance_compute         (const EkvCashFlows *flows,
                                         EkvFinanceFigures  *figures);

G_END_DECLS
