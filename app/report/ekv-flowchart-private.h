/* ekv-flowchart-private.h: what the flow chart's layout and its drawing share
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include "ekv-flowchart.h"

G_BEGIN_DECLS

/* Sizes in px */
#define EKV_FLOWCHART_BOX_PAD 8.0
#define EKV_FLOWCHART_BOX_BAR 5.0   /* the status bar at the box's left */

typedef struct
{
  PangoLayout *name;
  PangoLayout *status;
  PangoLayout *inputs;
  PangoLayout *outputs;
} EkvFlowchartText;

typedef enum
{
  EKV_FLOWCHART_LEGEND_BAND,
  EKV_FLOWCHART_LEGEND_STATUS,
  EKV_FLOWCHART_LEGEND_NO_STATUS,
  EKV_FLOWCHART_LEGEND_TEXT,
} EkvFlowchartLegendKind;

typedef struct
{
  EkvFlowchartLegendKind  kind;
  int                     value;     /* band or status */
  PangoLayout            *layout;
  double                  x;
  double                  y;
} EkvFlowchartLegendItem;

struct _EkvFlowchart
{
  PangoContext      *context;
  EkvFlowchartStyle  style;
  double             width;
  double             height;
  guint              n_columns;
  guint              n_rows;

  GArray            *boxes;    /* EkvFlowchartBox */
  GArray            *texts;    /* EkvFlowchartText, parallel to boxes */
  GArray            *arrows;   /* EkvFlowchartArrow */
  GArray            *routes;   /* the layout's routes, parallel to arrows */
  GArray            *legend;   /* EkvFlowchartLegendItem */
  PangoLayout       *empty;    /* "No unit operations yet" when there are none */
  double             small_height;
};

/* The symbol that tells a mass balance state without its colour. */
extern const char * const _ekv_flowchart_status_symbols[3];

/* Places boxes, routes arrows and lays the legend out (ekv-flowchart-layout.c),
 * once boxes and arrows are read. */
void         _ekv_flowchart_lay_out         (EkvFlowchart *self);
GArray      *_ekv_flowchart_routes_new      (void);

PangoLayout *_ekv_flowchart_make_layout     (EkvFlowchart *self,
                                             const char   *text,
                                             gboolean      bold,
                                             gboolean      small,
                                             double        width,
                                             int           max_lines);
double       _ekv_flowchart_layout_width    (PangoLayout  *layout);
double       _ekv_flowchart_layout_height   (PangoLayout  *layout);

G_END_DECLS
