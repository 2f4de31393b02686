/* ekv-inventory-page.h: the inputs and outputs of one unit operation, with its balance (phase III)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_INVENTORY_PAGE (ekv_inventory_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvInventoryPage, ekv_inventory_page, EKV, INVENTORY_PAGE, AdwPreferencesPage)

GtkWidget  *ekv_inventory_page_new              (EkvDocument      *document);

/* The unit operation shown (the first one at the start); NULL when there is none. */
void        ekv_inventory_page_set_unit         (EkvInventoryPage *self,
                                                 EkvRecord        *unit);
EkvRecord  *ekv_inventory_page_get_unit         (EkvInventoryPage *self);

/* The flows listed: with to = the unit (inputs) or from = the unit (outputs). */
GListModel *ekv_inventory_page_get_inputs       (EkvInventoryPage *self);
GListModel *ekv_inventory_page_get_outputs      (EkvInventoryPage *self);

/* Adds a flow as the Add buttons do; NULL on failure (shown as a toast). */
EkvRecord  *ekv_inventory_page_add              (EkvInventoryPage *self,
                                                 gboolean          output);
/* A copy of FLOW with a new id, just after it; NULL on failure. */
EkvRecord  *ekv_inventory_page_duplicate        (EkvInventoryPage *self,
                                                 EkvRecord        *flow);
/* Deletes FLOW, with an Undo toast. */
void        ekv_inventory_page_remove           (EkvInventoryPage *self,
                                                 EkvRecord        *flow);

/* FLOW's row, opened to show its fields; NULL when FLOW is not listed. */
GtkWidget  *ekv_inventory_page_open_flow        (EkvInventoryPage *self,
                                                 EkvRecord        *flow);
/* What the balance warns about FLOW, as its row's warning icon says; NULL for nothing. */
const char *ekv_inventory_page_get_flow_warning (EkvInventoryPage *self,
                                                 EkvRecord        *flow);
/* The balance as the page shows it, one line per figure. */
char       *ekv_inventory_page_describe_balance (EkvInventoryPage *self);

G_END_DECLS
