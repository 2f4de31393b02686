/* ekv-month-chart.h: a small bar chart of one value per month
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EKV_TYPE_MONTH_CHART (ekv_month_chart_get_type ())
G_DECLARE_FINAL_TYPE (EkvMonthChart, ekv_month_chart, EKV, MONTH_CHART, GtkWidget)

GtkWidget *ekv_month_chart_new        (void);

/* N_VALUES values, the first for month FIRST_MONTH (1–12) of FIRST_YEAR; a NAN
 * value is a month without a figure (no bar). */
void       ekv_month_chart_set_values (EkvMonthChart *self,
                                       const double  *values,
                                       guint          n_values,
                                       int            first_year,
                                       int            first_month);

/* Paints the chart onto CR in a WIDTH × HEIGHT area, as its snapshot does. */
void       ekv_month_chart_draw       (EkvMonthChart *self,
                                       cairo_t       *cr,
                                       int            width,
                                       int            height);

G_END_DECLS
