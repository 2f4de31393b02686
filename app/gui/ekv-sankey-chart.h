/* ekv-sankey-chart.h: a Sankey diagram on screen, with zoom, pan, hover and click
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <gtk/gtk.h>

#include "ekv-document.h"
#include "ekv-sankey-draw.h"

G_BEGIN_DECLS

#define EKV_TYPE_SANKEY_CHART (ekv_sankey_chart_get_type ())
G_DECLARE_FINAL_TYPE (EkvSankeyChart, ekv_sankey_chart, EKV, SANKEY_CHART, GtkWidget)

GtkWidget      *ekv_sankey_chart_new             (void);

/* Shows GRAPH (taken; NULL for none). DOCUMENT names flows in tooltips. The
 * zoom and pan stay, so an edit does not move the picture away. */
void            ekv_sankey_chart_set_graph       (EkvSankeyChart  *self,
                                                 EkvDocument    *document,
                                                 EkvSankeyGraph *graph);
EkvSankeyGraph *ekv_sankey_chart_get_graph       (EkvSankeyChart  *self);
/* Draws the graph on the scale REFERENCE (taken; NULL for its own) would have
 * in the same place: the after scenario on the baseline's scale. */
void            ekv_sankey_chart_set_reference   (EkvSankeyChart  *self,
                                                 EkvSankeyGraph  *reference);

/* 1 fits the diagram to the widget; pan resets at 1. */
void            ekv_sankey_chart_set_zoom        (EkvSankeyChart  *self,
                                                 double          zoom);
double          ekv_sankey_chart_get_zoom        (EkvSankeyChart  *self);

/* What the pointer at (X, Y) (widget coordinates) points at, as the tooltip
 * says it; NULL over nothing. */
char           *ekv_sankey_chart_describe_at     (EkvSankeyChart  *self,
                                                 double          x,
                                                 double          y);
/* A click at (X, Y): emits ::link-activated or ::node-activated. Returns
 * whether something was there. */
gboolean        ekv_sankey_chart_activate_at     (EkvSankeyChart  *self,
                                                 double          x,
                                                 double          y);
/* The middle of LINK's band in widget coordinates, as last drawn. */
gboolean        ekv_sankey_chart_get_link_point  (EkvSankeyChart  *self,
                                                 guint           link,
                                                 double         *x,
                                                 double         *y);

G_END_DECLS
