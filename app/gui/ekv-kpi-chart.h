/* ekv-kpi-chart.h: a small line chart of an indicator's values over time
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EKV_TYPE_KPI_CHART (ekv_kpi_chart_get_type ())
G_DECLARE_FINAL_TYPE (EkvKpiChart, ekv_kpi_chart, EKV, KPI_CHART, GtkWidget)

GtkWidget  *ekv_kpi_chart_new        (void);

/* N values with their periods (labels of the x axis, in that order), and the
 * baseline and target drawn as horizontal lines (NAN: none). */
void        ekv_kpi_chart_set_data   (EkvKpiChart        *self,
                                      const char * const *periods,
                                      const double       *values,
                                      guint               n,
                                      double              baseline,
                                      double              target);
guint       ekv_kpi_chart_get_n_points (EkvKpiChart      *self);
/* The I-th point: its period and value. */
const char *ekv_kpi_chart_get_point  (EkvKpiChart        *self,
                                      guint               i,
                                      double             *value);

/* Paints the chart onto CR in a WIDTH × HEIGHT area, as its snapshot does. */
void        ekv_kpi_chart_draw       (EkvKpiChart        *self,
                                      cairo_t            *cr,
                                      int                 width,
                                      int                 height);

G_END_DECLS
