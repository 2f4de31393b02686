/* ekv-flowchart.h: the process flow chart of an audit's unit operations (W4)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * ekv_flowchart_new() reads a document once and lays its unit operations out as
 * boxes in process order, left to right, wrapping into rows to fit a width. Every
 * pair of units that flows connect becomes one orthogonal arrow routed in the
 * gutters between the boxes, never across one; flows from outside or leaving the
 * plant are only counted on their unit's box. The result is plain geometry that
 * ekv_flowchart_draw() paints onto any cairo_t (window, PNG, PDF), and that the
 * window asks what lies under the pointer. It does not follow the document:
 * make a new chart after a change (it is cheap).
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "ekv-balance.h"
#include "ekv-document.h"
#include "ekv-palette.h"
#include "ekv-sankey.h"

G_BEGIN_DECLS

typedef struct _EkvFlowchart EkvFlowchart;

typedef struct
{
  char             *unit_id;
  char             *name;           /* the unit's name as the box shows it (may be "") */
  guint             row;
  guint             column;
  double            x;              /* the box, in chart coordinates (px) */
  double            y;
  double            width;
  double            height;
  guint             n_inputs;       /* flows from outside the plant (from: none) */
  guint             n_outputs;      /* flows leaving the plant (to: none) */
  guint             n_links_in;     /* arrows that end at this box */
  guint             n_links_out;    /* arrows that start here */
  gboolean          has_status;     /* FALSE: no mass balance figure (status_note says why) */
  EkvBalanceStatus  status;
  double            imbalance_pct;  /* NAN without a figure */
  double            estimated_pct;  /* share of input mass only estimated; NAN without input */
  char             *status_note;    /* translated reason when !has_status, else NULL */
} EkvFlowchartBox;

typedef struct
{
  guint            source;          /* box indices */
  guint            target;
  GPtrArray       *flow_ids;        /* char *, in the document's flow order */
  GPtrArray       *flow_names;      /* char *, likewise */
  GArray          *flow_kinds;      /* EkvFlowKind, likewise */
  EkvSankeyBand    band;            /* the colour class of the arrow (its leading flow kind) */
  gboolean         backward;        /* the target comes before the source in process order */
  gboolean         recycle;         /* one of its flows is of kind recycle: drawn dashed */
  EkvSankeyPoint  *points;          /* orthogonal polyline, source edge to target edge */
  guint            n_points;
} EkvFlowchartArrow;

/* Colours of what is not a data class; the default is dark on white (print). */
typedef struct
{
  EkvColor foreground;   /* text, box outlines */
  EkvColor box_fill;
} EkvFlowchartStyle;

/* Lays DOCUMENT's unit operations out in WIDTH px. CONTEXT measures and draws the
 * text (the widget's context on screen, pango_cairo_create_context() for a file);
 * NULL makes one of the default PangoCairo font map. */
EkvFlowchart            *ekv_flowchart_new            (EkvDocument             *document,
                                                       PangoContext            *context,
                                                       double                   width);
void                     ekv_flowchart_free           (EkvFlowchart            *chart);

double                   ekv_flowchart_get_width      (EkvFlowchart            *chart);
double                   ekv_flowchart_get_height     (EkvFlowchart            *chart);
/* How many columns the boxes were laid out in. */
guint                    ekv_flowchart_get_n_columns  (EkvFlowchart            *chart);

guint                    ekv_flowchart_get_n_boxes    (EkvFlowchart            *chart);
const EkvFlowchartBox   *ekv_flowchart_get_box        (EkvFlowchart            *chart,
                                                       guint                    index);
guint                    ekv_flowchart_get_n_arrows   (EkvFlowchart            *chart);
const EkvFlowchartArrow *ekv_flowchart_get_arrow      (EkvFlowchart            *chart,
                                                       guint                    index);
/* The arrow from SOURCE_ID to TARGET_ID (unit ids), or NULL. */
const EkvFlowchartArrow *ekv_flowchart_find_arrow     (EkvFlowchart            *chart,
                                                       const char              *source_id,
                                                       const char              *target_id);

void                     ekv_flowchart_set_style      (EkvFlowchart            *chart,
                                                       const EkvFlowchartStyle *style);
/* Paints the chart with its top left corner at the origin of CR. */
void                     ekv_flowchart_draw           (EkvFlowchart            *chart,
                                                       cairo_t                 *cr);

/* The unit id of the box at X, Y (chart coordinates), or NULL. */
const char              *ekv_flowchart_hit            (EkvFlowchart            *chart,
                                                       double                   x,
                                                       double                   y);
/* The index of the arrow within a few pixels of X, Y, or -1. */
int                      ekv_flowchart_hit_arrow      (EkvFlowchart            *chart,
                                                       double                   x,
                                                       double                   y);

/* Translated text for people (tooltips, the report): a box's unit with its
 * inputs, outputs and balance; an arrow's units and the flows it carries; the
 * whole chart in one sentence (the accessible description). */
char                    *ekv_flowchart_describe_box   (EkvFlowchart            *chart,
                                                       guint                    index);
char                    *ekv_flowchart_describe_arrow (EkvFlowchart            *chart,
                                                       guint                    index);
/* Every arrow within a few pixels of X, Y (they share trunks), or NULL. */
char                    *ekv_flowchart_describe_arrows_at (EkvFlowchart        *chart,
                                                           double               x,
                                                           double               y);
char                    *ekv_flowchart_describe       (EkvFlowchart            *chart);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkvFlowchart, ekv_flowchart_free)

G_END_DECLS
