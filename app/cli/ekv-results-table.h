/* ekv-results-table.h: the figures of an audit as a table for people
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include "ekv-balance.h"
#include "ekv-document.h"
#include "ekv-options.h"

G_BEGIN_DECLS

/* BALANCE (computed from DOCUMENT) as text for a terminal: the plant's balances
 * and indicators, one line per unit operation, bought energy per carrier, the
 * factors used and the balance's warnings; then the options (saving, payback,
 * NPV, IRR, CO₂ avoided), the portfolio and the plant's totals before and after
 * the approved options. Headings are translated and numbers written the current
 * locale's way (ekv_number_format()); columns are aligned by characters, not
 * bytes. */
char *ekv_results_format_table      (EkvDocument *document,
                                     EkvBalance  *balance);

/* The same with the options and the after scenario already computed. OPTIONS
 * and AFTER may be NULL (their sections are left out); AFTER_WARNINGS (char *)
 * may be NULL. */
char *ekv_results_format_table_full (EkvDocument *document,
                                     EkvBalance  *balance,
                                     EkvOptions  *options,
                                     EkvBalance  *after,
                                     GPtrArray   *after_warnings);

G_END_DECLS
