/* ekv-screening-page.h: preliminary screening of the options (phase IV)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_SCREENING_PAGE (ekv_screening_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvScreeningPage, ekv_screening_page, EKV, SCREENING_PAGE, AdwBin)

GtkWidget   *ekv_screening_page_new      (EkvDocument      *document);

/* The decision row of OPTION (an AdwComboRow: 0 = not screened yet, then the
 * EkvScreening values in order), or NULL. */
AdwComboRow *ekv_screening_page_get_decision_row (EkvScreeningPage *self,
                                                  EkvRecord        *option);

G_END_DECLS
