/* ekv-plan-page.h: the audit's scope, objectives and thresholds (phase I)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_PLAN_PAGE (ekv_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvPlanPage, ekv_plan_page, EKV, PLAN_PAGE, AdwPreferencesPage)

GtkWidget *ekv_plan_page_new (EkvDocument *document);

G_END_DECLS
