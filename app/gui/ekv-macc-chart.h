/* ekv-macc-chart.h: the marginal abatement cost curve on screen
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <gtk/gtk.h>

#include "ekv-macc-draw.h"

G_BEGIN_DECLS

#define EKV_TYPE_MACC_CHART (ekv_macc_chart_get_type ())
G_DECLARE_FINAL_TYPE (EkvMaccChart, ekv_macc_chart, EKV, MACC_CHART, GtkWidget)

GtkWidget  *ekv_macc_chart_new            (void);

/* The figures to draw (the chart keeps a pointer: OPTIONS must outlive it or be
 * replaced first; NULL clears), the currency of the axis, and whether only the
 * programme's options (approved, in progress, done) are on the curve. */
void        ekv_macc_chart_set_options    (EkvMaccChart *self,
                                           EkvOptions   *options,
                                           const char   *currency,
                                           gboolean      only_portfolio);
/* The bars of the last drawing (EkvMaccBar), in widget coordinates. */
GArray     *ekv_macc_chart_get_bars       (EkvMaccChart *self);

G_END_DECLS
