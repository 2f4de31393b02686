/* ekv-sankey.h: a Sankey graph and its layout (pure geometry, no Cairo)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define EKV_SANKEY_ERROR (ekv_sankey_error_quark ())

typedef enum
{
  EKV_SANKEY_ERROR_INVALID, /* a graph that cannot be laid out (bad index, negative value) */
  EKV_SANKEY_ERROR_EMPTY,   /* nothing to draw: no flow with a quantity in this view */
} EkvSankeyError;

GQuark ekv_sankey_error_quark (void);

/* What a node stands for; the kinds of testdata/sankey/README.md. */
typedef enum
{
  EKV_SANKEY_NODE_SOURCE,   /* a boundary input: "Mains water", "Natural gas" */
  EKV_SANKEY_NODE_PROCESS,  /* a unit operation */
  EKV_SANKEY_NODE_PRODUCT,  /* products and by-products leaving the plant */
  EKV_SANKEY_NODE_LOSS,     /* heat losses, emissions, evaporation, unaccounted */
  EKV_SANKEY_NODE_WASTE,    /* solid and hazardous waste, wastewater */
} EkvSankeyNodeKind;

/* The colour class of a band (report/ picks one colour-blind-safe colour each
 * and draws the legend from the classes present). */
typedef enum
{
  EKV_SANKEY_BAND_MATERIAL,     /* raw materials, auxiliaries, packaging */
  EKV_SANKEY_BAND_WATER,
  EKV_SANKEY_BAND_ENERGY,
  EKV_SANKEY_BAND_INTERMEDIATE, /* between unit operations */
  EKV_SANKEY_BAND_RECYCLE,      /* returned upstream */
  EKV_SANKEY_BAND_PRODUCT,      /* products and by-products */
  EKV_SANKEY_BAND_WASTE,        /* solid and hazardous waste */
  EKV_SANKEY_BAND_WASTEWATER,
  EKV_SANKEY_BAND_EMISSION,     /* air emissions, evaporation */
  EKV_SANKEY_BAND_LOSS,         /* heat losses */
  EKV_SANKEY_BAND_UNACCOUNTED,  /* a unit's balance gap, drawn so it is seen */
  EKV_SANKEY_N_BANDS
} EkvSankeyBand;

typedef struct
{
  double x;
  double y;
} EkvSankeyPoint;

typedef struct
{
  /* Input */
  char              *name;       /* shown as the label */
  char              *id;         /* the unit operation's id, or NULL */
  EkvSankeyNodeKind  kind;
  int                column_hint; /* wanted column (process order), or -1 */

  /* Output of ekv_sankey_layout() */
  double             value;      /* throughput: max (sum in, sum out) */
  int                column;
  double             x0, x1, y0, y1; /* px, y downwards */
} EkvSankeyNode;

typedef struct
{
  /* Input */
  guint          source;         /* index into nodes */
  guint          target;
  double         value;          /* in the graph's unit, ≥ 0 */
  EkvSankeyBand  band;
  char          *flow_id;        /* the inventory flow, or NULL (grouped or unaccounted) */
  int            flow_kind;      /* EkvFlowKind of that flow, or -1 */
  guint          quality;        /* EkvDataQuality of the flow, for tooltips */

  /* Output of ekv_sankey_layout() */
  double         width;          /* band thickness, px */
  double         y0;             /* band centre where it leaves source (at source.x1) */
  double         y1;             /* band centre where it enters target (at target.x0) */
  GArray        *points;         /* EkvSankeyPoint: centre-line waypoints with increasing
                                  * x through intermediate columns (may be empty); between
                                  * consecutive points a cubic Bézier with horizontal
                                  * tangents and both control points at the middle x */
  gboolean       circular;       /* drawn around the diagram: see loop_* */
  /* A circular link leaves source at (source.x1, y0) to the right, runs to loop_x0,
   * turns to the horizontal channel whose centre is loop_y (above the top or below
   * the bottom of every node it passes), runs left to loop_x1, turns, and enters
   * target at (target.x0, y1) from the left. */
  double         loop_x0;
  double         loop_x1;
  double         loop_y;
} EkvSankeyLink;

typedef struct
{
  GArray *nodes;      /* EkvSankeyNode */
  GArray *links;      /* EkvSankeyLink */
  char   *title;      /* e.g. "Water — Ege Örme Boya A.Ş. — baseline", or NULL */
  char   *unit;       /* display unit of every value, e.g. "m³/year", or NULL */

  /* Output of ekv_sankey_layout() */
  double  scale;      /* px per unit of value, the same for every band */
  double  extent[4];  /* x0, y0, x1, y1 actually used, loops included */

  /* Private: the node order of the last layout, reused when the same graph is
   * laid out again into another extent (a drawing fitting its labels does). */
  gpointer order_cache;
} EkvSankeyGraph;

typedef enum
{
  EKV_SANKEY_ALIGN_LEFT,    /* a node in the column of its longest path from a source */
  EKV_SANKEY_ALIGN_JUSTIFY, /* and sinks in the last column */
} EkvSankeyAlign;

typedef struct
{
  double          x0, y0, x1, y1; /* the extent to lay out into (default 0, 0, 1200, 800) */
  double          node_width;     /* default 15 */
  double          node_padding;   /* default 10 */
  double          min_band;       /* thinnest band drawn, px; default 1 */
  double          fixed_scale;    /* px per unit; 0 fits the extent. Two diagrams
                                   * laid out with one scale compare honestly */
  EkvSankeyAlign  align;
  gboolean        use_column_hints; /* take node column_hint where ≥ 0 */
  guint           iterations;     /* of crossing reduction; 0 = the engine's default */
} EkvSankeyOptions;

EkvSankeyGraph *ekv_sankey_graph_new      (void);
void            ekv_sankey_graph_free     (EkvSankeyGraph       *graph);
/* Copies NAME and ID; returns the new node's index. */
guint           ekv_sankey_graph_add_node (EkvSankeyGraph       *graph,
                                           const char           *name,
                                           const char           *id,
                                           EkvSankeyNodeKind     kind);
/* Copies FLOW_ID; returns the new link's index (band EKV_SANKEY_BAND_MATERIAL,
 * flow_kind -1 until set through ekv_sankey_graph_get_link()). */
guint           ekv_sankey_graph_add_link (EkvSankeyGraph       *graph,
                                           guint                 source,
                                           guint                 target,
                                           double                value,
                                           const char           *flow_id);
EkvSankeyNode  *ekv_sankey_graph_get_node (EkvSankeyGraph       *graph,
                                           guint                 index);
EkvSankeyLink  *ekv_sankey_graph_get_link (EkvSankeyGraph       *graph,
                                           guint                 index);

void            ekv_sankey_options_init   (EkvSankeyOptions     *options);

/* GRAPH, an edited version of PREVIOUS, starts from the node order PREVIOUS was
 * last laid out with, as long as the two have the same nodes, links and columns
 * (only values changed): a diagram that follows edits, or a scenario shown
 * after the baseline, keeps its order instead of rearranging. Takes the order
 * from PREVIOUS. */
void            ekv_sankey_graph_keep_order (EkvSankeyGraph     *graph,
                                             EkvSankeyGraph     *previous);

/* Lays GRAPH out into OPTIONS' extent, filling the output fields of its nodes and
 * links and graph->scale/extent. Deterministic: the same graph and options give
 * the same geometry (from the order it kept, ekv_sankey_graph_keep_order(), if
 * any). Recycle loops are allowed. Fails with EKV_SANKEY_ERROR_INVALID on an
 * index out of range or a value that is negative or not finite. */
gboolean        ekv_sankey_layout         (EkvSankeyGraph       *graph,
                                           const EkvSankeyOptions *options,
                                           GError              **error);

/* The common graph format of testdata/sankey/README.md ({"nodes":[{"name","kind"}],
 * "links":[{"source","target","value"}]}); errors name the JSON path. */
EkvSankeyGraph *ekv_sankey_graph_from_json (JsonNode            *root,
                                            GError             **error);
/* The layout JSON of testdata/sankey/README.md ("extent", nodes with name, x0, x1,
 * y0, y1, links with source, target, value, width, y0, y1, points, circular). */
JsonNode       *ekv_sankey_layout_to_json (const EkvSankeyGraph *graph);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkvSankeyGraph, ekv_sankey_graph_free)

G_END_DECLS
