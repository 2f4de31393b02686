/* ekv-investment.h: the items an option's investment is made of
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * An auditor builds an investment up from items (equipment, installation,
 * engineering, permits, training, start-up, contingency: DOMAIN.md W17). While an
 * option has items, its investment is their sum: EkvDocument writes every edit
 * of an item and the option's new investment in one transaction (and refuses
 * the investment typed in directly), so the figures, the JSON export (which
 * knows only the investment) and the file always agree.
 * Items are kept in .ekv documents only; the JSON audit format has no place for
 * them.
 */
#pragma once

#include "ekv-document.h"

G_BEGIN_DECLS

/* The sum of OPTION's item amounts (an item without an amount counts 0). */
double     ekv_investment_sum          (EkvRecord    *option);
gboolean   ekv_investment_has_items    (EkvRecord    *option);

G_END_DECLS
