/* ekv-portfolio-page.h: the programme's figures and the cost curve (phase IV)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"
#include "ekv-macc-chart.h"
#include "ekv-options.h"

G_BEGIN_DECLS

#define EKV_TYPE_PORTFOLIO_PAGE (ekv_portfolio_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvPortfolioPage, ekv_portfolio_page, EKV, PORTFOLIO_PAGE, AdwPreferencesPage)

GtkWidget          *ekv_portfolio_page_new           (EkvDocument      *document);

/* The figures the page shows now (owned by the page; replaced after each edit). */
EkvOptions         *ekv_portfolio_page_get_options   (EkvPortfolioPage *self);
/* The number a row of the summary shows: "investment", "annual-saving",
 * "payback", "co2", "water", "wastewater", "energy", "tep", "waste",
 * "raw-material"; NAN if not known. Waste and raw material are in tonnes. */
double              ekv_portfolio_page_get_figure    (EkvPortfolioPage *self,
                                                      const char       *key);
EkvMaccChart       *ekv_portfolio_page_get_chart     (EkvPortfolioPage *self);

/* What Export does once a file is chosen. */
gboolean            ekv_portfolio_page_export        (EkvPortfolioPage *self,
                                                      EkvChartFormat     format,
                                                      const char       *path,
                                                      GError          **error);

G_END_DECLS
