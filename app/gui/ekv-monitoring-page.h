/* ekv-monitoring-page.h: the indicators that follow the plan, and their values (phase V)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"
#include "ekv-kpi-chart.h"

G_BEGIN_DECLS

#define EKV_TYPE_MONITORING_PAGE (ekv_monitoring_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvMonitoringPage, ekv_monitoring_page, EKV, MONITORING_PAGE,
                      AdwPreferencesPage)

GtkWidget   *ekv_monitoring_page_new        (EkvDocument       *document);

/* What Add Indicator does: a KPI with a new id, its group shown. */
EkvRecord   *ekv_monitoring_page_add_kpi    (EkvMonitoringPage *self,
                                             GError           **error);
/* What a KPI's Add Value button does: VALUE for PERIOD (e.g. "2026-06"). */
EkvRecord   *ekv_monitoring_page_add_value  (EkvMonitoringPage *self,
                                             const char        *kpi_id,
                                             const char        *period,
                                             double             value,
                                             GError           **error);
/* The chart of KPI_ID, or NULL. */
EkvKpiChart *ekv_monitoring_page_get_chart  (EkvMonitoringPage *self,
                                             const char        *kpi_id);

G_END_DECLS
