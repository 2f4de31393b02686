/* ekv-units-page.h: the unit operations of the process, in order (phase II)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_UNITS_PAGE (ekv_units_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvUnitsPage, ekv_units_page, EKV, UNITS_PAGE, AdwBin)

GtkWidget        *ekv_units_page_new         (EkvDocument  *document);

/* Deletes UNIT as its Remove button does. A unit that flows still use is not
 * deleted yet: the question whether to delete it with its flows is shown and
 * returned (owned by GTK; its "delete" response deletes them). NULL otherwise. */
AdwMessageDialog *ekv_units_page_delete_unit (EkvUnitsPage *self,
                                              EkvRecord    *unit);

/* The unit's flows counted by direction and kind, then (on a second line) the
 * state of its mass balance, as its row shows them. */
char             *ekv_units_page_summarize   (EkvUnitsPage *self,
                                              EkvRecord    *unit);

/* Shows the process flow chart instead of the list and returns it (an
 * EkvFlowchartView). */
GtkWidget        *ekv_units_page_show_flowchart (EkvUnitsPage *self);

G_END_DECLS
