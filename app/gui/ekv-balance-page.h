/* ekv-balance-page.h: the plant's and every unit's balances, energy and indicators (phase III)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-balance.h"
#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_BALANCE_PAGE (ekv_balance_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvBalancePage, ekv_balance_page, EKV, BALANCE_PAGE, AdwBin)

GtkWidget        *ekv_balance_page_new           (EkvDocument    *document);

/* The balance the page shows now. The page computes it again once the edits of
 * a burst are over (in an idle), so right after an edit it may be the previous
 * one until the main loop has run. */
const EkvBalance *ekv_balance_page_get_balance   (EkvBalancePage *self);

/* The text shown for a figure of the plant: KEY is one of "mass-in", "mass-out",
 * "mass-imbalance", "mass-estimated", "water-in", "water-out",
 * "water-unaccounted", "tep-band", "water-per-t", "wastewater-per-t",
 * "energy-per-t", "tep-per-t", "waste-per-t", "raw-material-yield"; the value,
 * then its share and status when it has them, separated by " | ". NULL for an
 * unknown key. */
char             *ekv_balance_page_get_figure    (EkvBalancePage *self,
                                                  const char     *key);

/* The row of the unit operation UNIT_ID in the unit table (activating it opens
 * the unit in the Inventory page), or NULL. */
GtkListBoxRow    *ekv_balance_page_get_unit_row  (EkvBalancePage *self,
                                                  const char     *unit_id);
/* What that row shows: name, in, out, imbalance %, status, estimated share,
 * and why flows are left out of its balance if some are, separated by " | ".
 * NULL when the unit is not listed. */
char             *ekv_balance_page_describe_unit (EkvBalancePage *self,
                                                  const char     *unit_id);
/* What the bought-energy row of CARRIER shows: its figures, then the factor
 * line, separated by " | "; "total" gives the total row. NULL when absent. */
char             *ekv_balance_page_describe_carrier (EkvBalancePage *self,
                                                     const char     *carrier);

G_END_DECLS
