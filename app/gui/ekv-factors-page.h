/* ekv-factors-page.h: the built-in energy factors and the audit's overrides (phase II)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"
#include "ekv-types.h"

G_BEGIN_DECLS

#define EKV_TYPE_FACTORS_PAGE (ekv_factors_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvFactorsPage, ekv_factors_page, EKV, FACTORS_PAGE, AdwPreferencesPage)

GtkWidget *ekv_factors_page_new          (EkvDocument     *document);

/* How many built-in factors the page shows, one group each. */
guint      ekv_factors_page_get_n_factors (EkvFactorsPage *self);
/* How many of the audit's factors have no built-in one (steam, compressed air,
 * ...); each has a group of its own after the built-in ones. */
guint      ekv_factors_page_get_n_audit_only (EkvFactorsPage *self);
/* The audit's factor record for CARRIER in UNIT, or NULL. */
EkvRecord *ekv_factors_page_find_override (EkvFactorsPage  *self,
                                           EkvCarrier       carrier,
                                           EkvQuantityUnit  unit);
/* What the Override button of built-in factor INDEX does: an audit factor
 * record with the built-in values. Returns it (the document holds it). */
EkvRecord *ekv_factors_page_override     (EkvFactorsPage  *self,
                                          guint            index,
                                          GError         **error);
/* What the Reset button does: removes the audit's factor of built-in INDEX. */
gboolean   ekv_factors_page_reset        (EkvFactorsPage  *self,
                                          guint            index,
                                          GError         **error);

G_END_DECLS
