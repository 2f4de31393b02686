/* ekv-bench-audit.h: building the synthetic audits of the benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Each benchmark builds an audit of its own shape (what it measures differs);
 * these put the records in. Any failure ends the benchmark with g_error().
 */
#pragma once

#include "ekv-document.h"

G_BEGIN_DECLS

/* Appends RECORD to DOCUMENT, as a child of PARENT (NULL: a top-level record). */
void   ekv_bench_insert    (EkvDocument *document,
                            EkvRecord   *record,
                            EkvRecord   *parent);

/* Appends a unit operation with ID and NAME. */
void   ekv_bench_add_unit  (EkvDocument *document,
                            const char  *id,
                            const char  *name);

/* Appends a flow with a new id ("f…"): NAME, KIND, CARRIER (an EkvCarrier;
 * negative: none), FROM and TO (unit ids; NULL: outside the plant), QUANTITY
 * in UNIT and PRICE (negative: none). */
void   ekv_bench_add_flow  (EkvDocument    *document,
                            const char     *name,
                            EkvFlowKind     kind,
                            int             carrier,
                            const char     *from,
                            const char     *to,
                            double          quantity,
                            EkvQuantityUnit unit,
                            double          price);

/* Sorts the N timings of VALUES and returns the middle one. */
double ekv_bench_median    (double *values,
                            guint   n);

G_END_DECLS
