/* ekv-flowchart-view.h: the process flow chart in the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <gtk/gtk.h>

#include "ekv-document.h"
#include "ekv-flowchart.h"

G_BEGIN_DECLS

#define EKV_TYPE_FLOWCHART_VIEW (ekv_flowchart_view_get_type ())
G_DECLARE_FINAL_TYPE (EkvFlowchartView, ekv_flowchart_view, EKV, FLOWCHART_VIEW, GtkWidget)

GtkWidget    *ekv_flowchart_view_new          (void);

void          ekv_flowchart_view_set_document (EkvFlowchartView *self,
                                               EkvDocument      *document);
EkvDocument  *ekv_flowchart_view_get_document (EkvFlowchartView *self);

/* The chart as last laid out for the widget's width (NULL before the first
 * layout or without a document); it is replaced after every change. */
EkvFlowchart *ekv_flowchart_view_get_chart    (EkvFlowchartView *self);

/* What a click at X, Y (widget coordinates) does: on a box, activates
 * win.show-unit with its unit id and returns TRUE. */
gboolean      ekv_flowchart_view_activate_at  (EkvFlowchartView *self,
                                               double            x,
                                               double            y);

G_END_DECLS
