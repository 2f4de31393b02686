/* ekv-company-page.h: the firm's profile (phase II, pre-assessment)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"
#include "ekv-field-row.h"

G_BEGIN_DECLS

#define EKV_TYPE_COMPANY_PAGE (ekv_company_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvCompanyPage, ekv_company_page, EKV, COMPANY_PAGE, AdwPreferencesPage)

GtkWidget   *ekv_company_page_new          (EkvDocument    *document);
EkvFieldRow *ekv_company_page_get_name_row (EkvCompanyPage *self);
/* Builds the groups below the first screen now, if the first frame has not yet. */
void         ekv_company_page_ensure_details (EkvCompanyPage *self);

G_END_DECLS
