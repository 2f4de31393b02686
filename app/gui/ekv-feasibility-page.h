/* ekv-feasibility-page.h: financial and environmental feasibility of the options (phase IV)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_FEASIBILITY_PAGE (ekv_feasibility_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvFeasibilityPage, ekv_feasibility_page, EKV, FEASIBILITY_PAGE, AdwBin)

/* The figures each option shows, in the order they are shown. */
typedef enum
{
  EKV_FEASIBILITY_ANNUAL_SAVING,
  EKV_FEASIBILITY_SIMPLE_PAYBACK,
  EKV_FEASIBILITY_NPV,
  EKV_FEASIBILITY_IRR,
  EKV_FEASIBILITY_DISCOUNTED_PAYBACK,
  EKV_FEASIBILITY_PROFITABILITY_INDEX,
  EKV_FEASIBILITY_EAC,
  EKV_FEASIBILITY_CO2_AVOIDED,
  EKV_FEASIBILITY_COST_PER_T_CO2,
  EKV_FEASIBILITY_WATER_SAVED,
  EKV_FEASIBILITY_WASTEWATER_SAVED,
  EKV_FEASIBILITY_ENERGY_SAVED,
  EKV_FEASIBILITY_WASTE_AVOIDED,
  EKV_FEASIBILITY_RAW_MATERIAL_SAVED,
  EKV_FEASIBILITY_N_FIGURES
} EkvFeasibilityFigure;

GtkWidget  *ekv_feasibility_page_new          (EkvDocument        *document);

/* The option's expander row, or NULL. */
GtkWidget  *ekv_feasibility_page_get_row      (EkvFeasibilityPage *self,
                                               EkvRecord          *option);
/* The text shown for FIGURE of OPTION ("2.61 years", "Not defined: ..."). */
const char *ekv_feasibility_page_get_figure   (EkvFeasibilityPage *self,
                                               EkvRecord          *option,
                                               EkvFeasibilityFigure figure);
/* The entry row editing OPTION's field KEY ("investment", "lifetime", "salvage",
 * "om-cost", "other-savings"), or the finance settings' ("currency",
 * "discount-rate") when OPTION is NULL. */
GtkWidget  *ekv_feasibility_page_get_field_row (EkvFeasibilityPage *self,
                                                EkvRecord          *option,
                                                const char         *key);
/* Adds a change of OPTION to FLOW, as picking the flow in the chooser does; the
 * change starts at 0 % (PERCENT) or 0 in the flow's unit. Returns the change
 * (owned by the option) or NULL, the reason shown as a toast. */
EkvRecord  *ekv_feasibility_page_add_change   (EkvFeasibilityPage *self,
                                               EkvRecord          *option,
                                               EkvRecord          *flow,
                                               gboolean            percent);
/* Adds an investment item NAME to OPTION, as "Add Item…" does: the first item
 * starts at the investment so far, later ones at 0. Returns the item (owned by
 * the option) or NULL, the reason shown as a toast. */
EkvRecord  *ekv_feasibility_page_add_item     (EkvFeasibilityPage *self,
                                               EkvRecord          *option,
                                               const char         *name);
/* The entry row editing CHANGE's delta (or delta in percent), or an investment
 * item's amount, or NULL. */
GtkWidget  *ekv_feasibility_page_get_change_row (EkvFeasibilityPage *self,
                                                 EkvRecord          *change);

G_END_DECLS
