/* ekv-flowchart.c: the process flow chart of an audit's unit operations (W4)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Boxes sit on a grid in process order, a row at a time. Between the rows run
 * horizontal channels and between the columns vertical gutters, and every arrow
 * other than one to the next box of a row is routed in them: out of its source's
 * bottom (forward) or top (backward), along a channel, down or up a gutter when
 * rows lie between, and into its target. Each run gets a lane of its own in its
 * channel or gutter (interval colouring), so no two lines overlap and none
 * crosses a box; channels and gutters are as wide as their lanes need. The grid
 * is decided first (routes and lanes need only rows and columns), then sizes.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ekv-enums.h"
#include "ekv-flowchart.h"
#include "ekv-labels.h"
#include "ekv-util.h"

/* Sizes in px */
#define BOX_MIN       130.0
#define BOX_MAX       210.0
#define BOX_PAD       8.0
#define BOX_BAR       5.0    /* the status bar at the box's left */
#define BOX_RADIUS    6.0
#define LANE          8.0    /* between parallel lines */
#define ROW_GAP       34.0   /* between rows without lanes */
#define GUTTER_MIN    44.0   /* between columns: room for an arrow to the next box */
#define EDGE_MIN      18.0   /* an outer channel or gutter that carries lines */
#define HEAD_LENGTH   8.0
#define HEAD_WIDTH    4.5
#define HIT_DISTANCE  4.0
#define MAX_NAME_LINES 3

/* The state of a box's mass balance (shown with a symbol too, for colour-blind
 * readers): green, amber, red, and grey for no figure. */
static const EkvColor status_colors[] = {
  [EKV_BALANCE_STATUS_OK] = { 0.180, 0.545, 0.341 },
  [EKV_BALANCE_STATUS_WARN] = { 0.839, 0.541, 0.000 },
  [EKV_BALANCE_STATUS_ERROR] = { 0.784, 0.157, 0.157 },
};
static const EkvColor no_status_color = { 0.600, 0.600, 0.600 };
static const char * const status_symbols[] = { "✓", "!", "✕" };

static const EkvFlowchartStyle default_style = {
  { 0.133, 0.133, 0.133 },
  { 1.000, 1.000, 1.000 },
};

typedef enum
{
  SHAPE_STRAIGHT,    /* to the next box of the row */
  SHAPE_CHANNEL,     /* along one channel */
  SHAPE_GUTTER,      /* along a channel, a gutter and another channel */
} Shape;

typedef struct
{
  Shape    shape;
  gboolean source_bottom;   /* leaves its source at the bottom (else the top) */
  gboolean target_top;      /* enters its target at the top (else the bottom) */
  guint    channel1;
  guint    channel2;
  guint    gutter;
  guint    lane1;
  guint    lane2;
  guint    gutter_lane;
  double   source_x;
  double   target_x;
} Route;

/* A straight run of an arrow in a channel (horizontal) or a gutter (vertical),
 * in grid units: column c spans (c, c + 1), gutter g sits at g; channel h at h. */
typedef struct
{
  guint  arrow;
  guint  which;   /* channel runs: 0 first, 1 second; gutter runs: 0 */
  guint  group;   /* runs of one group share a lane: a trunk that branches */
  double lo;
  double hi;
  guint  lane;
} Run;

/* Arrows of one colour leaving one side of a box start as one trunk, and those
 * coming down (or up) a gutter into one side of a box end as one: fewer lines,
 * and the branches read as a split or a merge. */
#define GROUP_FROM(box, bottom, band) \
  (1 + (((box) * 2 + ((bottom) ? 1 : 0)) * EKV_SANKEY_N_BANDS + (band)) * 2)
#define GROUP_INTO(box, top, band) \
  (2 + (((box) * 2 + ((top) ? 1 : 0)) * EKV_SANKEY_N_BANDS + (band)) * 2)

typedef struct
{
  guint    arrow;
  gboolean at_target;
  guint    group;   /* ends of one group share their place; 0: an end of its own */
  double   key;     /* where its run goes, in grid units: ports sorted by it cross less */
} Port;

typedef struct
{
  PangoLayout *name;
  PangoLayout *status;
  PangoLayout *inputs;
  PangoLayout *outputs;
} BoxText;

typedef enum
{
  LEGEND_BAND,
  LEGEND_STATUS,
  LEGEND_NO_STATUS,
  LEGEND_TEXT,
} LegendKind;

typedef struct
{
  LegendKind   kind;
  int          value;     /* band or status */
  PangoLayout *layout;
  double       x;
  double       y;
} LegendItem;

struct _EkvFlowchart
{
  PangoContext      *context;
  EkvFlowchartStyle  style;
  double             width;
  double             height;
  guint              n_columns;
  guint              n_rows;

  GArray            *boxes;    /* EkvFlowchartBox */
  GArray            *texts;    /* BoxText, parallel to boxes */
  GArray            *arrows;   /* EkvFlowchartArrow */
  GArray            *routes;   /* Route, parallel to arrows */
  GArray            *legend;   /* LegendItem */
  PangoLayout       *empty;    /* "No unit operations yet" when there are none */
  double             small_height;
};

/* Helpers {{{ */

static void
box_clear (gpointer data)
{
  EkvFlowchartBox *box = data;

  g_free (box->unit_id);
  g_free (box->name);
  g_free (box->status_note);
}

static void
text_clear (gpointer data)
{
  BoxText *text = data;

  g_clear_object (&text->name);
  g_clear_object (&text->status);
  g_clear_object (&text->inputs);
  g_clear_object (&text->outputs);
}

static void
arrow_clear (gpointer data)
{
  EkvFlowchartArrow *arrow = data;

  g_clear_pointer (&arrow->flow_ids, g_ptr_array_unref);
  g_clear_pointer (&arrow->flow_names, g_ptr_array_unref);
  g_clear_pointer (&arrow->flow_kinds, g_array_unref);
  g_clear_pointer (&arrow->points, g_free);
}

static void
legend_clear (gpointer data)
{
  LegendItem *item = data;

  g_clear_object (&item->layout);
}

static EkvSankeyBand
band_for_kind (EkvFlowKind kind)
{
  switch (kind)
    {
    case EKV_FLOW_KIND_RAW_MATERIAL:
    case EKV_FLOW_KIND_AUXILIARY:
    case EKV_FLOW_KIND_PACKAGING:
      return EKV_SANKEY_BAND_MATERIAL;
    case EKV_FLOW_KIND_WATER:
      return EKV_SANKEY_BAND_WATER;
    case EKV_FLOW_KIND_ENERGY:
      return EKV_SANKEY_BAND_ENERGY;
    case EKV_FLOW_KIND_PRODUCT:
    case EKV_FLOW_KIND_BY_PRODUCT:
    case EKV_FLOW_KIND_INTERMEDIATE:
      /* A product sent to another unit is an intermediate (the balance warns). */
      return EKV_SANKEY_BAND_INTERMEDIATE;
    case EKV_FLOW_KIND_SOLID_WASTE:
    case EKV_FLOW_KIND_HAZARDOUS_WASTE:
      return EKV_SANKEY_BAND_WASTE;
    case EKV_FLOW_KIND_WASTEWATER:
      return EKV_SANKEY_BAND_WASTEWATER;
    case EKV_FLOW_KIND_AIR_EMISSION:
    case EKV_FLOW_KIND_EVAPORATION:
      return EKV_SANKEY_BAND_EMISSION;
    case EKV_FLOW_KIND_HEAT_LOSS:
      return EKV_SANKEY_BAND_LOSS;
    case EKV_FLOW_KIND_RECYCLE:
      return EKV_SANKEY_BAND_RECYCLE;
    default:
      return EKV_SANKEY_BAND_MATERIAL;
    }
}

/* Which class colours an arrow that carries several: the process line first. */
static int
band_rank (EkvSankeyBand band)
{
  static const EkvSankeyBand order[] = {
    EKV_SANKEY_BAND_RECYCLE, EKV_SANKEY_BAND_INTERMEDIATE, EKV_SANKEY_BAND_PRODUCT,
    EKV_SANKEY_BAND_MATERIAL, EKV_SANKEY_BAND_WATER, EKV_SANKEY_BAND_WASTEWATER,
    EKV_SANKEY_BAND_ENERGY, EKV_SANKEY_BAND_WASTE, EKV_SANKEY_BAND_EMISSION,
    EKV_SANKEY_BAND_LOSS, EKV_SANKEY_BAND_UNACCOUNTED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (order[i] == band)
      return i;
  return G_N_ELEMENTS (order);
}

/* Light text means a dark background. */
static gboolean
is_dark (const EkvFlowchartStyle *style)
{
  const EkvColor *fg = &style->foreground;

  return 0.2126 * fg->red + 0.7152 * fg->green + 0.0722 * fg->blue > 0.5;
}

/* Thin lines and small text in a data colour: darkened to read on white (the
 * yellow of energy especially), as they are on a dark background. */
static void
set_data_source (cairo_t                 *cr,
                 const EkvColor          *color,
                 const EkvFlowchartStyle *style)
{
  double k = is_dark (style) ? 1.25 : 0.72;
  EkvColor shade = { MIN (color->red * k, 1), MIN (color->green * k, 1), MIN (color->blue * k, 1) };

  ekv_palette_set_source (cr, &shade, 1.0);
}

static PangoLayout *
make_layout (EkvFlowchart *self,
             const char   *text,
             gboolean      bold,
             gboolean      small,
             double        width,
             int           max_lines)
{
  PangoLayout *layout = pango_layout_new (self->context);
  const PangoFontDescription *base = pango_context_get_font_description (self->context);
  g_autoptr(PangoFontDescription) desc = NULL;
  int size;

  desc = base != NULL ? pango_font_description_copy (base) : pango_font_description_from_string ("Sans 10");
  size = pango_font_description_get_size (desc);
  if (size <= 0)
    {
      size = 10 * PANGO_SCALE;
      pango_font_description_set_size (desc, size);
    }
  if (small)
    {
      if (pango_font_description_get_size_is_absolute (desc))
        pango_font_description_set_absolute_size (desc, size * 0.85);
      else
        pango_font_description_set_size (desc, (int) (size * 0.85));
    }
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, max_lines > 0 ? -max_lines : -1);
    }

  return layout;
}

static double
layout_width (PangoLayout *layout)
{
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static double
layout_height (PangoLayout *layout)
{
  int height = 0;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static const EkvColor *
box_status_color (const EkvFlowchartBox *box)
{
  if (!box->has_status || box->status > EKV_BALANCE_STATUS_ERROR)
    return &no_status_color;
  return &status_colors[box->status];
}

/* "✓ 0.8 % · 40 % est.": the legend names the symbols, the tooltip says it in
 * words; a box has room for little. */
static char *
status_text (const EkvFlowchartBox *box)
{
  g_autofree char *pct = NULL;

  if (!box->has_status)
    /* Translators: on a flow chart box whose unit has no mass balance figure */
    return g_strdup_printf ("– %s", _("no mass balance"));

  pct = ekv_number_format (box->imbalance_pct, 1);
  if (!isnan (box->estimated_pct) && box->estimated_pct > 0)
    {
      g_autofree char *estimated = ekv_number_format (box->estimated_pct, 0);

      /* Translators: on a flow chart box: a symbol for the state of the unit's mass
       * balance, its imbalance, then the share of the input mass that is only
       * estimated, e.g. "! 7.2 % · 40 % est." */
      return g_strdup_printf (_("%s %s %% · %s %% est."), status_symbols[box->status], pct, estimated);
    }

  /* Translators: on a flow chart box: a symbol for the state of the unit's mass
   * balance, then its imbalance, e.g. "! 7.2 %" */
  return g_strdup_printf (_("%s %s %%"), status_symbols[box->status], pct);
}

/* }}} */
/* Reading the document {{{ */

static void
read_units (EkvFlowchart *self,
            EkvDocument  *document,
            GHashTable   *index)
{
  GListModel *units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  g_autoptr(EkvBalance) balance = ekv_balance_compute (document);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(EkvRecord) unit = g_list_model_get_item (units, i);
      const char *id = ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID);
      const EkvUnitBalance *unit_balance = ekv_balance_find_unit (balance, id);
      EkvFlowchartBox box = { 0, };

      box.unit_id = g_strdup (id);
      box.name = g_strdup (ekv_record_get_string (unit, EKV_UNIT_OPERATION_NAME));
      box.imbalance_pct = NAN;
      box.estimated_pct = NAN;
      if (unit_balance != NULL)
        {
          box.imbalance_pct = unit_balance->mass_imbalance_pct;
          box.estimated_pct = unit_balance->estimated_pct;
          box.status = unit_balance->status;
          box.has_status = !isnan (unit_balance->mass_imbalance_pct);
          if (!box.has_status && unit_balance->mass_imbalance_pct_note != NULL)
            box.status_note = g_strdup (g_dgettext (GETTEXT_PACKAGE,
                                                    unit_balance->mass_imbalance_pct_note));
        }
      g_array_append_val (self->boxes, box);
      if (id != NULL)
        g_hash_table_insert (index, g_strdup (id), GUINT_TO_POINTER (i + 1));
    }
}

static guint
box_of (GHashTable *index,
        const char *id)
{
  return id != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (index, id)) : 0;
}

static void
read_flows (EkvFlowchart *self,
            EkvDocument  *document,
            GHashTable   *index)
{
  GListModel *flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  /* (source + 1) << 16 | (target + 1) → arrow index + 1 */
  g_autoptr(GHashTable) pairs = g_hash_table_new (g_direct_hash, g_direct_equal);
  guint n_flows = g_list_model_get_n_items (flows);

  for (guint i = 0; i < n_flows; i++)
    {
      g_autoptr(EkvRecord) flow = g_list_model_get_item (flows, i);
      guint from = box_of (index, ekv_record_get_string (flow, EKV_FLOW_FROM));
      guint to = box_of (index, ekv_record_get_string (flow, EKV_FLOW_TO));
      EkvFlowKind kind = ekv_record_get_enum (flow, EKV_FLOW_KIND);
      EkvFlowchartArrow *arrow;
      gpointer found;
      gpointer key;

      if (from == 0 && to != 0)
        g_array_index (self->boxes, EkvFlowchartBox, to - 1).n_inputs++;
      if (to == 0 && from != 0)
        g_array_index (self->boxes, EkvFlowchartBox, from - 1).n_outputs++;
      /* A flow from a unit to itself is no link. */
      if (from == 0 || to == 0 || from == to)
        continue;

      key = GUINT_TO_POINTER ((from << 16) | to);
      found = g_hash_table_lookup (pairs, key);
      if (found == NULL)
        {
          EkvFlowchartArrow new_arrow = { 0, };

          new_arrow.source = from - 1;
          new_arrow.target = to - 1;
          new_arrow.flow_ids = g_ptr_array_new_with_free_func (g_free);
          new_arrow.flow_names = g_ptr_array_new_with_free_func (g_free);
          new_arrow.flow_kinds = g_array_new (FALSE, FALSE, sizeof (EkvFlowKind));
          new_arrow.band = band_for_kind (kind);
          new_arrow.backward = to < from;
          g_array_append_val (self->arrows, new_arrow);
          g_hash_table_insert (pairs, key, GUINT_TO_POINTER (self->arrows->len));
          found = GUINT_TO_POINTER (self->arrows->len);
          g_array_index (self->boxes, EkvFlowchartBox, from - 1).n_links_out++;
          g_array_index (self->boxes, EkvFlowchartBox, to - 1).n_links_in++;
        }

      arrow = &g_array_index (self->arrows, EkvFlowchartArrow, GPOINTER_TO_UINT (found) - 1);
      g_ptr_array_add (arrow->flow_ids, g_strdup (ekv_record_get_string (flow, EKV_FLOW_ID)));
      g_ptr_array_add (arrow->flow_names, g_strdup (ekv_record_get_string (flow, EKV_FLOW_NAME)));
      g_array_append_val (arrow->flow_kinds, kind);
      if (kind == EKV_FLOW_KIND_RECYCLE)
        arrow->recycle = TRUE;
      if (band_rank (band_for_kind (kind)) < band_rank (arrow->band))
        arrow->band = band_for_kind (kind);
    }
}

/* }}} */
/* Routing on the grid {{{ */

static gboolean
runs_overlap (const Run *a,
              const Run *b)
{
  return a->lo <= b->hi && b->lo <= a->hi;
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const Run *ra = a, *rb = b;

  if (ra->lo != rb->lo)
    return ra->lo < rb->lo ? -1 : 1;
  if (ra->hi != rb->hi)
    return ra->hi < rb->hi ? -1 : 1;
  return (int) ra->arrow - (int) rb->arrow;
}

/* Gives each group of runs the first lane no overlapping group holds (interval
 * colouring over the groups' extents); returns the lanes used. */
static guint
assign_lanes (GArray *runs)
{
  g_autoptr(GArray) hulls = g_array_new (FALSE, FALSE, sizeof (Run));
  guint n_lanes = 0;

  /* One run per group spanning all of it; its "arrow" is the group. */
  for (guint i = 0; i < runs->len; i++)
    {
      const Run *run = &g_array_index (runs, Run, i);
      gboolean found = FALSE;

      for (guint h = 0; h < hulls->len && !found; h++)
        {
          Run *hull = &g_array_index (hulls, Run, h);

          if (hull->arrow == run->group)
            {
              hull->lo = MIN (hull->lo, run->lo);
              hull->hi = MAX (hull->hi, run->hi);
              found = TRUE;
            }
        }
      if (!found)
        {
          Run hull = { run->group, 0, run->group, run->lo, run->hi, 0 };

          g_array_append_val (hulls, hull);
        }
    }

  g_array_sort (hulls, compare_runs);
  for (guint i = 0; i < hulls->len; i++)
    {
      Run *hull = &g_array_index (hulls, Run, i);
      guint lane = 0;
      gboolean taken = TRUE;

      while (taken)
        {
          taken = FALSE;
          for (guint j = 0; j < i && !taken; j++)
            {
              Run *other = &g_array_index (hulls, Run, j);

              if (other->lane == lane && runs_overlap (hull, other))
                taken = TRUE;
            }
          if (taken)
            lane++;
        }
      hull->lane = lane;
      n_lanes = MAX (n_lanes, lane + 1);
    }

  for (guint i = 0; i < runs->len; i++)
    {
      Run *run = &g_array_index (runs, Run, i);

      for (guint h = 0; h < hulls->len; h++)
        if (g_array_index (hulls, Run, h).arrow == run->group)
          run->lane = g_array_index (hulls, Run, h).lane;
    }

  return n_lanes;
}

static void
add_run (GArray *runs,
         guint   arrow,
         guint   which,
         guint   group,
         double  a_lo,
         double  a_hi,
         double  b_lo,
         double  b_hi)
{
  Run run = { arrow, which, group, MIN (a_lo, b_lo), MAX (a_hi, b_hi), 0 };

  g_array_append_val (runs, run);
}

/* How much a gutter's runs other than GROUP's are in the way of LO..HI, less
 * when GROUP already goes that way (its trunk is there). */
static double
gutter_load (GArray *runs,
             guint   group,
             double  lo,
             double  hi)
{
  Run probe = { 0, 0, 0, lo, hi, 0 };
  double load = 0;

  for (guint i = 0; i < runs->len; i++)
    {
      const Run *run = &g_array_index (runs, Run, i);

      if (run->group == group)
        load -= 0.5;
      else if (runs_overlap (&probe, run))
        load += 0.6;
    }
  return MAX (load, -0.5);
}

/* Routes every arrow on a grid of N_COLUMNS, filling CHANNELS (n_rows + 1 arrays
 * of runs) and GUTTERS (n_columns + 1). */
static void
route (EkvFlowchart *self,
       GPtrArray    *channels,
       GPtrArray    *gutters)
{
  guint columns = self->n_columns;

  g_array_set_size (self->routes, 0);
  for (guint a = 0; a < self->arrows->len; a++)
    {
      EkvFlowchartArrow *arrow = &g_array_index (self->arrows, EkvFlowchartArrow, a);
      guint rs = arrow->source / columns, cs = arrow->source % columns;
      guint rt = arrow->target / columns, ct = arrow->target % columns;
      Route r = { 0, };

      if (rs == rt && ct == cs + 1)
        r.shape = SHAPE_STRAIGHT;
      else if (rs == rt || rt == rs + 1 || rs == rt + 1)
        {
          r.shape = SHAPE_CHANNEL;
          if (rs == rt)
            {
              /* Forward under the row, backward over it. */
              r.source_bottom = ct > cs;
              r.target_top = !r.source_bottom;
              r.channel1 = ct > cs ? rs + 1 : rs;
            }
          else
            {
              r.source_bottom = rt > rs;
              r.target_top = rt > rs;
              r.channel1 = MAX (rs, rt);
            }
          add_run (g_ptr_array_index (channels, r.channel1), a, 0,
                   GROUP_FROM (arrow->source, r.source_bottom, arrow->band),
                   cs + 0.1, cs + 0.9, ct + 0.1, ct + 0.9);
        }
      else
        {
          double best_cost = G_MAXDOUBLE;
          double ylo, yhi;

          r.shape = SHAPE_GUTTER;
          r.source_bottom = rt > rs;
          r.target_top = rt > rs;
          r.channel1 = rt > rs ? rs + 1 : rs;
          r.channel2 = rt > rs ? rt : rt + 1;
          ylo = MIN (r.channel1, r.channel2);
          yhi = MAX (r.channel1, r.channel2);

          for (guint g = 0; g <= columns; g++)
            {
              double cost = fabs (g - cs - 0.5) + fabs (g - ct - 0.5) +
                            gutter_load (g_ptr_array_index (gutters, g),
                                         GROUP_FROM (arrow->source, r.source_bottom, arrow->band), ylo, yhi);

              /* Ties: down on the right, up on the left. */
              if (cost < best_cost - 1e-9 || (fabs (cost - best_cost) < 1e-9 && rt > rs))
                {
                  best_cost = cost;
                  r.gutter = g;
                }
            }
          add_run (g_ptr_array_index (channels, r.channel1), a, 0,
                   GROUP_FROM (arrow->source, r.source_bottom, arrow->band),
                   cs + 0.1, cs + 0.9, r.gutter, r.gutter);
          add_run (g_ptr_array_index (channels, r.channel2), a, 1,
                   GROUP_INTO (arrow->target, r.target_top, arrow->band),
                   ct + 0.1, ct + 0.9, r.gutter, r.gutter);
          add_run (g_ptr_array_index (gutters, r.gutter), a, 0,
                   GROUP_FROM (arrow->source, r.source_bottom, arrow->band), ylo, yhi, ylo, yhi);
        }
      g_array_append_val (self->routes, r);
    }
}

/* Copies each run's lane into its route. */
static void
store_lanes (EkvFlowchart *self,
             GPtrArray    *channels,
             GPtrArray    *gutters)
{
  for (guint h = 0; h < channels->len; h++)
    {
      GArray *runs = g_ptr_array_index (channels, h);

      for (guint i = 0; i < runs->len; i++)
        {
          Run *run = &g_array_index (runs, Run, i);
          Route *r = &g_array_index (self->routes, Route, run->arrow);

          if (run->which == 0)
            r->lane1 = run->lane;
          else
            r->lane2 = run->lane;
        }
    }
  for (guint g = 0; g < gutters->len; g++)
    {
      GArray *runs = g_ptr_array_index (gutters, g);

      for (guint i = 0; i < runs->len; i++)
        {
          Run *run = &g_array_index (runs, Run, i);

          g_array_index (self->routes, Route, run->arrow).gutter_lane = run->lane;
        }
    }
}

static int
compare_ports (gconstpointer a,
               gconstpointer b)
{
  const Port *pa = a, *pb = b;

  if (pa->key != pb->key)
    return pa->key < pb->key ? -1 : 1;
  return (int) pa->group - (int) pb->group;
}

static void
add_port (GArray   *ports,
          guint     arrow,
          gboolean  at_target,
          guint     group,
          double    key)
{
  Port port = { arrow, at_target, group, key };

  g_array_append_val (ports, port);
}

/* Spreads the ends of arrows along each box's top and bottom, in the order of
 * where they go; the ends of a group share one place. */
static void
place_ports (EkvFlowchart *self)
{
  guint n_boxes = self->boxes->len;
  g_autoptr(GPtrArray) sides = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < 2 * n_boxes; i++)
    g_ptr_array_add (sides, g_array_new (FALSE, FALSE, sizeof (Port)));

  for (guint a = 0; a < self->arrows->len; a++)
    {
      EkvFlowchartArrow *arrow = &g_array_index (self->arrows, EkvFlowchartArrow, a);
      Route *r = &g_array_index (self->routes, Route, a);
      guint cs = arrow->source % self->n_columns, ct = arrow->target % self->n_columns;

      if (r->shape == SHAPE_STRAIGHT)
        continue;
      add_port (g_ptr_array_index (sides, 2 * arrow->source + (r->source_bottom ? 1 : 0)), a, FALSE,
                GROUP_FROM (arrow->source, r->source_bottom, arrow->band),
                r->shape == SHAPE_CHANNEL ? ct + 0.5 : r->gutter);
      add_port (g_ptr_array_index (sides, 2 * arrow->target + (r->target_top ? 0 : 1)), a, TRUE,
                r->shape == SHAPE_GUTTER ? GROUP_INTO (arrow->target, r->target_top, arrow->band) : 0,
                r->shape == SHAPE_CHANNEL ? cs + 0.5 : r->gutter);
    }

  for (guint i = 0; i < 2 * n_boxes; i++)
    {
      GArray *ports = g_ptr_array_index (sides, i);
      EkvFlowchartBox *box = &g_array_index (self->boxes, EkvFlowchartBox, i / 2);
      double left = box->x + BOX_BAR + 6, right = box->x + box->width - 6;
      g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (Port));
      guint n_places;

      /* One place per group at the mean of its keys, one per lone end. */
      for (guint p = 0; p < ports->len; p++)
        {
          const Port *port = &g_array_index (ports, Port, p);
          gboolean found = FALSE;

          for (guint q = 0; q < places->len && port->group != 0 && !found; q++)
            {
              Port *place = &g_array_index (places, Port, q);

              if (place->group == port->group)
                {
                  place->key += port->key;
                  place->arrow++;   /* counts the members */
                  found = TRUE;
                }
            }
          if (!found)
            add_port (places, 1, FALSE, port->group != 0 ? port->group : G_MAXUINT - p, port->key);
        }
      for (guint q = 0; q < places->len; q++)
        g_array_index (places, Port, q).key /= g_array_index (places, Port, q).arrow;
      g_array_sort (places, compare_ports);
      n_places = places->len;

      for (guint p = 0; p < ports->len; p++)
        {
          const Port *port = &g_array_index (ports, Port, p);
          Route *r = &g_array_index (self->routes, Route, port->arrow);
          guint group = port->group != 0 ? port->group : G_MAXUINT - p;
          double x = left;

          for (guint q = 0; q < n_places; q++)
            if (g_array_index (places, Port, q).group == group)
              x = round (left + (right - left) * (q + 1) / (n_places + 1)) + 0.5;
          if (port->at_target)
            r->target_x = x;
          else
            r->source_x = x;
        }
    }
}

static void
add_point (GArray *points,
           double  x,
           double  y)
{
  EkvSankeyPoint point = { x, y };

  if (points->len > 0)
    {
      EkvSankeyPoint *last = &g_array_index (points, EkvSankeyPoint, points->len - 1);

      if (fabs (last->x - x) < 0.01 && fabs (last->y - y) < 0.01)
        return;
      /* Drop a middle point on a straight line. */
      if (points->len > 1)
        {
          EkvSankeyPoint *before = &g_array_index (points, EkvSankeyPoint, points->len - 2);

          if ((fabs (before->x - last->x) < 0.01 && fabs (last->x - x) < 0.01) ||
              (fabs (before->y - last->y) < 0.01 && fabs (last->y - y) < 0.01))
            {
              *last = point;
              return;
            }
        }
    }
  g_array_append_val (points, point);
}

/* }}} */
/* Layout {{{ */

static double
lane_position (double start,
               double size,
               guint  lane,
               guint  n_lanes)
{
  return round (start + size * (lane + 1) / (n_lanes + 1)) + 0.5;
}

static void
lay_out_legend (EkvFlowchart *self,
                double        top)
{
  gboolean bands[EKV_SANKEY_N_BANDS] = { FALSE, };
  gboolean any_no_status = FALSE;
  double x = 0, y = top, row_height = 0;

  for (guint a = 0; a < self->arrows->len; a++)
    bands[g_array_index (self->arrows, EkvFlowchartArrow, a).band] = TRUE;
  for (guint b = 0; b < self->boxes->len; b++)
    if (!g_array_index (self->boxes, EkvFlowchartBox, b).has_status)
      any_no_status = TRUE;

  for (guint band = 0; band < EKV_SANKEY_N_BANDS; band++)
    if (bands[band])
      {
        LegendItem item = { LEGEND_BAND, band, NULL, 0, 0 };

        item.layout = make_layout (self, ekv_palette_band_label (band), FALSE, TRUE, -1, 0);
        g_array_append_val (self->legend, item);
      }
  for (int status = EKV_BALANCE_STATUS_OK; status <= EKV_BALANCE_STATUS_ERROR; status++)
    {
      LegendItem item = { LEGEND_STATUS, status, NULL, 0, 0 };
      g_autofree char *text = NULL;

      /* Translators: a legend entry of the flow chart: the symbol and name of a mass
       * balance state, e.g. "✓ balanced" */
      text = g_strdup_printf (_("%s %s"), status_symbols[status], ekv_balance_status_describe (status));
      item.layout = make_layout (self, text, FALSE, TRUE, -1, 0);
      g_array_append_val (self->legend, item);
    }
  if (any_no_status)
    {
      LegendItem item = { LEGEND_NO_STATUS, 0, NULL, 0, 0 };

      item.layout = make_layout (self, _("no mass balance"), FALSE, TRUE, -1, 0);
      g_array_append_val (self->legend, item);
    }
  {
    LegendItem item = { LEGEND_TEXT, 0, NULL, 0, 0 };

    /* Translators: the last legend entry of the flow chart: what the counts on a box mean */
    item.layout = make_layout (self, _("→ n: flows from outside the plant · n →: flows leaving it"),
                               FALSE, TRUE, self->width, 0);
    g_array_append_val (self->legend, item);
  }

  /* Entries side by side, wrapping like words. */
  for (guint i = 0; i < self->legend->len; i++)
    {
      LegendItem *item = &g_array_index (self->legend, LegendItem, i);
      double swatch = item->kind == LEGEND_BAND ? 30 : item->kind == LEGEND_TEXT ? 0 : 14;
      double w = swatch + (swatch > 0 ? 6 : 0) + layout_width (item->layout);
      double h = layout_height (item->layout);

      if (x > 0 && x + w > self->width)
        {
          x = 0;
          y += row_height + 4;
          row_height = 0;
        }
      item->x = x;
      item->y = y;
      x += w + 18;
      row_height = MAX (row_height, h);
    }

  self->height = ceil (y + row_height + 2);
}

static void
lay_out (EkvFlowchart *self)
{
  guint n = self->boxes->len;
  guint columns, rows;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GPtrArray) gutters = NULL;
  g_autofree double *gutter_x = NULL;
  g_autofree double *gutter_w = NULL;
  g_autofree guint *gutter_lanes = NULL;
  g_autofree double *channel_y = NULL;
  g_autofree double *channel_h = NULL;
  g_autofree guint *channel_lanes = NULL;
  double box_w = BOX_MIN, box_h, name_h = 0, offset, total;
  PangoLayout *probe;

  if (n == 0)
    {
      self->empty = make_layout (self, _("No unit operations yet"), FALSE, FALSE, self->width, 0);
      self->height = layout_height (self->empty) + 8;
      return;
    }

  /* As many columns as boxes of the least width fit, then as few as keep that
   * number of rows: 12 in 5 columns are 4 + 4 + 4, not 5 + 5 + 2. */
  columns = CLAMP ((guint) ((self->width - 2 * EDGE_MIN + GUTTER_MIN) / (BOX_MIN + GUTTER_MIN)), 1, n);
  for (;;)
    {
      double sum = 0;

      rows = (n + columns - 1) / columns;
      columns = (n + rows - 1) / rows;
      self->n_columns = columns;
      self->n_rows = rows;

      g_clear_pointer (&channels, g_ptr_array_unref);
      g_clear_pointer (&gutters, g_ptr_array_unref);
      channels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      gutters = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      for (guint h = 0; h <= rows; h++)
        g_ptr_array_add (channels, g_array_new (FALSE, FALSE, sizeof (Run)));
      for (guint g = 0; g <= columns; g++)
        g_ptr_array_add (gutters, g_array_new (FALSE, FALSE, sizeof (Run)));
      route (self, channels, gutters);

      g_free (gutter_w);
      g_free (gutter_lanes);
      gutter_w = g_new0 (double, columns + 1);
      gutter_lanes = g_new0 (guint, columns + 1);
      for (guint g = 0; g <= columns; g++)
        {
          guint lanes = assign_lanes (g_ptr_array_index (gutters, g));
          gboolean edge = g == 0 || g == columns;

          gutter_lanes[g] = lanes;
          if (edge)
            gutter_w[g] = lanes > 0 ? MAX (EDGE_MIN, (lanes + 1) * LANE) : 2;
          else
            gutter_w[g] = MAX (GUTTER_MIN, (lanes + 1) * LANE);
          sum += gutter_w[g];
        }

      box_w = floor ((self->width - sum) / columns);
      if (box_w >= BOX_MIN || columns == 1)
        break;
      columns--;
    }
  box_w = CLAMP (box_w, 40, BOX_MAX);

  g_free (channel_lanes);
  channel_lanes = g_new0 (guint, rows + 1);
  channel_h = g_new0 (double, rows + 1);
  channel_y = g_new0 (double, rows + 1);
  for (guint h = 0; h <= rows; h++)
    {
      guint lanes = assign_lanes (g_ptr_array_index (channels, h));
      gboolean edge = h == 0 || h == rows;

      channel_lanes[h] = lanes;
      if (edge)
        channel_h[h] = lanes > 0 ? MAX (EDGE_MIN, (lanes + 1) * LANE) : 2;
      else
        channel_h[h] = MAX (ROW_GAP, (lanes + 1) * LANE + 12);
    }
  store_lanes (self, channels, gutters);

  /* Text decides the boxes' height: the longest name, up to three lines. */
  for (guint i = 0; i < n; i++)
    {
      EkvFlowchartBox *box = &g_array_index (self->boxes, EkvFlowchartBox, i);
      BoxText *text = &g_array_index (self->texts, BoxText, i);
      double inner = box_w - BOX_BAR - 2 * BOX_PAD;
      const char *name = box->name != NULL && *box->name != '\0' ? box->name : box->unit_id;
      g_autofree char *status = status_text (box);
      g_autofree char *inputs = NULL;
      g_autofree char *outputs = NULL;

      text->name = make_layout (self, name, TRUE, FALSE, inner, MAX_NAME_LINES);
      text->status = make_layout (self, status, FALSE, TRUE, inner, 1);
      name_h = MAX (name_h, layout_height (text->name));

      if (box->n_inputs > 0)
        /* Translators: on a flow chart box: how many flows come from outside the plant */
        inputs = g_strdup_printf (ngettext ("→ %u input", "→ %u inputs", box->n_inputs), box->n_inputs);
      if (box->n_outputs > 0)
        /* Translators: on a flow chart box: how many flows leave the plant */
        outputs = g_strdup_printf (ngettext ("%u output →", "%u outputs →", box->n_outputs),
                                   box->n_outputs);
      if (inputs != NULL)
        text->inputs = make_layout (self, inputs, FALSE, TRUE, -1, 0);
      if (outputs != NULL)
        text->outputs = make_layout (self, outputs, FALSE, TRUE, -1, 0);
      /* Too narrow for both: the arrows and numbers alone. */
      if ((text->inputs != NULL ? layout_width (text->inputs) : 0) +
          (text->outputs != NULL ? layout_width (text->outputs) : 0) + 8 > inner)
        {
          g_clear_object (&text->inputs);
          g_clear_object (&text->outputs);
          g_free (inputs);
          g_free (outputs);
          inputs = box->n_inputs > 0 ? g_strdup_printf ("→ %u", box->n_inputs) : NULL;
          outputs = box->n_outputs > 0 ? g_strdup_printf ("%u →", box->n_outputs) : NULL;
          if (inputs != NULL)
            text->inputs = make_layout (self, inputs, FALSE, TRUE, -1, 0);
          if (outputs != NULL)
            text->outputs = make_layout (self, outputs, FALSE, TRUE, -1, 0);
        }
    }
  probe = make_layout (self, "Ag", FALSE, TRUE, -1, 0);
  self->small_height = layout_height (probe);
  g_object_unref (probe);
  box_h = ceil (BOX_PAD + name_h + 4 + self->small_height + 3 + self->small_height + BOX_PAD);

  /* Positions: the grid centred in the width. */
  gutter_x = g_new0 (double, columns + 1);
  total = columns * box_w;
  for (guint g = 0; g <= columns; g++)
    total += gutter_w[g];
  offset = MAX (0, floor ((self->width - total) / 2));
  gutter_x[0] = offset;
  for (guint g = 1; g <= columns; g++)
    gutter_x[g] = gutter_x[g - 1] + gutter_w[g - 1] + box_w;
  channel_y[0] = 0;
  for (guint h = 1; h <= rows; h++)
    channel_y[h] = channel_y[h - 1] + channel_h[h - 1] + box_h;

  for (guint i = 0; i < n; i++)
    {
      EkvFlowchartBox *box = &g_array_index (self->boxes, EkvFlowchartBox, i);

      box->row = i / columns;
      box->column = i % columns;
      box->x = gutter_x[box->column] + gutter_w[box->column];
      box->y = channel_y[box->row] + channel_h[box->row];
      box->width = box_w;
      box->height = box_h;
    }

  place_ports (self);

  for (guint a = 0; a < self->arrows->len; a++)
    {
      EkvFlowchartArrow *arrow = &g_array_index (self->arrows, EkvFlowchartArrow, a);
      const Route *r = &g_array_index (self->routes, Route, a);
      const EkvFlowchartBox *s = &g_array_index (self->boxes, EkvFlowchartBox, arrow->source);
      const EkvFlowchartBox *t = &g_array_index (self->boxes, EkvFlowchartBox, arrow->target);
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (EkvSankeyPoint));
      double sy = r->source_bottom ? s->y + s->height : s->y;
      double ty = r->target_top ? t->y : t->y + t->height;

      if (r->shape == SHAPE_STRAIGHT)
        {
          double y = round (s->y + s->height / 2) + 0.5;

          add_point (points, s->x + s->width, y);
          add_point (points, t->x, y);
        }
      else if (r->shape == SHAPE_CHANNEL)
        {
          double ly = lane_position (channel_y[r->channel1], channel_h[r->channel1], r->lane1,
                                     channel_lanes[r->channel1]);

          add_point (points, r->source_x, sy);
          add_point (points, r->source_x, ly);
          add_point (points, r->target_x, ly);
          add_point (points, r->target_x, ty);
        }
      else
        {
          double ly1 = lane_position (channel_y[r->channel1], channel_h[r->channel1], r->lane1,
                                      channel_lanes[r->channel1]);
          double ly2 = lane_position (channel_y[r->channel2], channel_h[r->channel2], r->lane2,
                                      channel_lanes[r->channel2]);
          double gx = lane_position (gutter_x[r->gutter], gutter_w[r->gutter], r->gutter_lane,
                                     gutter_lanes[r->gutter]);

          add_point (points, r->source_x, sy);
          add_point (points, r->source_x, ly1);
          add_point (points, gx, ly1);
          add_point (points, gx, ly2);
          add_point (points, r->target_x, ly2);
          add_point (points, r->target_x, ty);
        }
      arrow->n_points = points->len;
      arrow->points = (EkvSankeyPoint *) (void *) g_array_free (g_steal_pointer (&points), FALSE);
    }

  lay_out_legend (self, channel_y[rows] + channel_h[rows] + 12);
}

/* }}} */
/* Drawing {{{ */

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The polyline with rounded corners, stopping short of the end for the head. */
static void
draw_arrow_line (cairo_t              *cr,
                 const EkvSankeyPoint *points,
                 guint                 n_points)
{
  EkvSankeyPoint end = points[n_points - 1];
  EkvSankeyPoint prev = points[n_points - 2];
  double dx = end.x - prev.x, dy = end.y - prev.y;
  double length = hypot (dx, dy);

  if (length > 0)
    {
      end.x -= dx / length * (HEAD_LENGTH - 1);
      end.y -= dy / length * (HEAD_LENGTH - 1);
    }

  cairo_move_to (cr, points[0].x, points[0].y);
  for (guint i = 1; i + 1 < n_points; i++)
    {
      const EkvSankeyPoint *a = &points[i - 1], *b = &points[i], *c = &points[i + 1];
      double in = hypot (b->x - a->x, b->y - a->y);
      double out = hypot (c->x - b->x, c->y - b->y);
      double r = MIN (5.0, MIN (in, out) / 2);

      if (in <= 0 || out <= 0)
        continue;
      cairo_line_to (cr, b->x - (b->x - a->x) / in * r, b->y - (b->y - a->y) / in * r);
      cairo_curve_to (cr, b->x, b->y, b->x, b->y,
                      b->x + (c->x - b->x) / out * r, b->y + (c->y - b->y) / out * r);
    }
  cairo_line_to (cr, end.x, end.y);
  cairo_stroke (cr);
}

static void
draw_head (cairo_t              *cr,
           const EkvSankeyPoint *tip,
           const EkvSankeyPoint *from)
{
  double dx = tip->x - from->x, dy = tip->y - from->y;
  double length = hypot (dx, dy);
  double ux, uy;

  if (length <= 0)
    return;
  ux = dx / length;
  uy = dy / length;
  cairo_move_to (cr, tip->x, tip->y);
  cairo_line_to (cr, tip->x - ux * HEAD_LENGTH - uy * HEAD_WIDTH,
                 tip->y - uy * HEAD_LENGTH + ux * HEAD_WIDTH);
  cairo_line_to (cr, tip->x - ux * HEAD_LENGTH + uy * HEAD_WIDTH,
                 tip->y - uy * HEAD_LENGTH - ux * HEAD_WIDTH);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
set_arrow_style (cairo_t                 *cr,
                 const EkvFlowchartStyle *style,
                 EkvSankeyBand            band,
                 gboolean                 recycle)
{
  static const double dashes[] = { 6.0, 4.0 };

  set_data_source (cr, ekv_palette_band_color (band), style);
  cairo_set_line_width (cr, band == EKV_SANKEY_BAND_INTERMEDIATE || recycle ? 2.5 : 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, dashes, recycle ? 2 : 0, 0);
}

static void
draw_arrow (EkvFlowchart            *self,
            cairo_t                 *cr,
            const EkvFlowchartArrow *arrow)
{
  if (arrow->n_points < 2)
    return;

  cairo_save (cr);
  set_arrow_style (cr, &self->style, arrow->band, arrow->recycle);
  draw_arrow_line (cr, arrow->points, arrow->n_points);
  cairo_set_dash (cr, NULL, 0, 0);
  draw_head (cr, &arrow->points[arrow->n_points - 1], &arrow->points[arrow->n_points - 2]);
  cairo_restore (cr);
}

static void
draw_box (EkvFlowchart          *self,
          cairo_t               *cr,
          const EkvFlowchartBox *box,
          const BoxText         *text)
{
  const EkvColor *status = box_status_color (box);
  double inner_x = box->x + BOX_BAR + BOX_PAD;
  double inner_w = box->width - BOX_BAR - 2 * BOX_PAD;
  double y;

  cairo_save (cr);

  rounded_rectangle (cr, box->x + 0.5, box->y + 0.5, box->width - 1, box->height - 1, BOX_RADIUS);
  ekv_palette_set_source (cr, &self->style.box_fill, 1.0);
  cairo_fill_preserve (cr);
  ekv_palette_set_source (cr, &self->style.foreground, 0.35);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  /* The status bar along the left edge, inside the rounded corners. */
  cairo_save (cr);
  rounded_rectangle (cr, box->x + 0.5, box->y + 0.5, box->width - 1, box->height - 1, BOX_RADIUS);
  cairo_clip (cr);
  cairo_rectangle (cr, box->x, box->y, BOX_BAR, box->height);
  ekv_palette_set_source (cr, status, 1.0);
  cairo_fill (cr);
  cairo_restore (cr);

  ekv_palette_set_source (cr, &self->style.foreground, 1.0);
  cairo_move_to (cr, inner_x, box->y + BOX_PAD);
  pango_cairo_show_layout (cr, text->name);

  y = box->y + box->height - BOX_PAD - 2 * self->small_height - 3;
  if (box->has_status)
    set_data_source (cr, status, &self->style);
  else
    ekv_palette_set_source (cr, &self->style.foreground, 0.6);
  cairo_move_to (cr, inner_x, y);
  pango_cairo_show_layout (cr, text->status);

  y += self->small_height + 3;
  ekv_palette_set_source (cr, &self->style.foreground, 0.7);
  if (text->inputs != NULL)
    {
      cairo_move_to (cr, inner_x, y);
      pango_cairo_show_layout (cr, text->inputs);
    }
  if (text->outputs != NULL)
    {
      cairo_move_to (cr, inner_x + inner_w - layout_width (text->outputs), y);
      pango_cairo_show_layout (cr, text->outputs);
    }

  cairo_restore (cr);
}

static void
draw_legend (EkvFlowchart *self,
             cairo_t      *cr)
{
  for (guint i = 0; i < self->legend->len; i++)
    {
      const LegendItem *item = &g_array_index (self->legend, LegendItem, i);
      double h = layout_height (item->layout);
      double cy = round (item->y + h / 2) + 0.5;
      double text_x = item->x;

      cairo_save (cr);
      switch (item->kind)
        {
        case LEGEND_BAND:
          {
            EkvSankeyPoint line[2] = { { item->x, cy }, { item->x + 30, cy } };

            set_arrow_style (cr, &self->style, item->value, item->value == EKV_SANKEY_BAND_RECYCLE);
            draw_arrow_line (cr, line, 2);
            cairo_set_dash (cr, NULL, 0, 0);
            draw_head (cr, &line[1], &line[0]);
            text_x += 36;
          }
          break;
        case LEGEND_STATUS:
        case LEGEND_NO_STATUS:
          rounded_rectangle (cr, item->x, cy - 6, 14, 12, 2);
          ekv_palette_set_source (cr, item->kind == LEGEND_STATUS ? &status_colors[item->value]
                                                                   : &no_status_color, 1.0);
          cairo_fill (cr);
          text_x += 20;
          break;
        case LEGEND_TEXT:
        default:
          break;
        }
      cairo_restore (cr);

      ekv_palette_set_source (cr, &self->style.foreground, 0.8);
      cairo_move_to (cr, text_x, item->y);
      pango_cairo_show_layout (cr, item->layout);
    }
}

/* }}} */
/* Public API {{{ */

EkvFlowchart *
ekv_flowchart_new (EkvDocument  *document,
                   PangoContext *context,
                   double        width)
{
  EkvFlowchart *self;
  g_autoptr(GHashTable) index = NULL;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (context == NULL || PANGO_IS_CONTEXT (context), NULL);

  self = g_new0 (EkvFlowchart, 1);
  if (context != NULL)
    self->context = g_object_ref (context);
  else
    {
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");

      self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      pango_context_set_font_description (self->context, font);
    }
  self->style = default_style;
  self->width = MAX (isfinite (width) ? width : 0, 100);
  self->boxes = g_array_new (FALSE, TRUE, sizeof (EkvFlowchartBox));
  g_array_set_clear_func (self->boxes, box_clear);
  self->texts = g_array_new (FALSE, TRUE, sizeof (BoxText));
  g_array_set_clear_func (self->texts, text_clear);
  self->arrows = g_array_new (FALSE, TRUE, sizeof (EkvFlowchartArrow));
  g_array_set_clear_func (self->arrows, arrow_clear);
  self->routes = g_array_new (FALSE, TRUE, sizeof (Route));
  self->legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (self->legend, legend_clear);

  index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  read_units (self, document, index);
  read_flows (self, document, index);
  g_array_set_size (self->texts, self->boxes->len);
  lay_out (self);

  return self;
}

void
ekv_flowchart_free (EkvFlowchart *chart)
{
  if (chart == NULL)
    return;

  g_clear_pointer (&chart->legend, g_array_unref);
  g_clear_pointer (&chart->routes, g_array_unref);
  g_clear_pointer (&chart->arrows, g_array_unref);
  g_clear_pointer (&chart->texts, g_array_unref);
  g_clear_pointer (&chart->boxes, g_array_unref);
  g_clear_object (&chart->empty);
  g_clear_object (&chart->context);
  g_free (chart);
}

double
ekv_flowchart_get_width (EkvFlowchart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->width;
}

double
ekv_flowchart_get_height (EkvFlowchart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->height;
}

guint
ekv_flowchart_get_n_columns (EkvFlowchart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->n_columns;
}

guint
ekv_flowchart_get_n_boxes (EkvFlowchart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->boxes->len;
}

const EkvFlowchartBox *
ekv_flowchart_get_box (EkvFlowchart *chart,
                       guint         index)
{
  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (index < chart->boxes->len, NULL);

  return &g_array_index (chart->boxes, EkvFlowchartBox, index);
}

guint
ekv_flowchart_get_n_arrows (EkvFlowchart *chart)
{
  g_return_val_if_fail (chart != NULL, 0);

  return chart->arrows->len;
}

const EkvFlowchartArrow *
ekv_flowchart_get_arrow (EkvFlowchart *chart,
                         guint         index)
{
  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (index < chart->arrows->len, NULL);

  return &g_array_index (chart->arrows, EkvFlowchartArrow, index);
}

const EkvFlowchartArrow *
ekv_flowchart_find_arrow (EkvFlowchart *chart,
                          const char   *source_id,
                          const char   *target_id)
{
  g_return_val_if_fail (chart != NULL, NULL);

  for (guint a = 0; a < chart->arrows->len; a++)
    {
      const EkvFlowchartArrow *arrow = &g_array_index (chart->arrows, EkvFlowchartArrow, a);

      if (g_strcmp0 (g_array_index (chart->boxes, EkvFlowchartBox, arrow->source).unit_id,
                     source_id) == 0 &&
          g_strcmp0 (g_array_index (chart->boxes, EkvFlowchartBox, arrow->target).unit_id,
                     target_id) == 0)
        return arrow;
    }

  return NULL;
}

void
ekv_flowchart_set_style (EkvFlowchart            *chart,
                         const EkvFlowchartStyle *style)
{
  g_return_if_fail (chart != NULL);

  chart->style = style != NULL ? *style : default_style;
}

void
ekv_flowchart_draw (EkvFlowchart *chart,
                    cairo_t      *cr)
{
  g_return_if_fail (chart != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);

  if (chart->empty != NULL)
    {
      ekv_palette_set_source (cr, &chart->style.foreground, 0.6);
      cairo_move_to (cr, 0, 4);
      pango_cairo_show_layout (cr, chart->empty);
      cairo_restore (cr);
      return;
    }

  /* The process line last, over the utilities' lines it crosses. */
  for (int rank = band_rank (EKV_SANKEY_BAND_UNACCOUNTED); rank >= 0; rank--)
    for (guint a = 0; a < chart->arrows->len; a++)
      {
        const EkvFlowchartArrow *arrow = &g_array_index (chart->arrows, EkvFlowchartArrow, a);

        if (band_rank (arrow->band) == rank)
          draw_arrow (chart, cr, arrow);
      }

  for (guint i = 0; i < chart->boxes->len; i++)
    draw_box (chart, cr, &g_array_index (chart->boxes, EkvFlowchartBox, i),
              &g_array_index (chart->texts, BoxText, i));

  draw_legend (chart, cr);
  cairo_restore (cr);
}

const char *
ekv_flowchart_hit (EkvFlowchart *chart,
                   double        x,
                   double        y)
{
  g_return_val_if_fail (chart != NULL, NULL);

  for (guint i = 0; i < chart->boxes->len; i++)
    {
      const EkvFlowchartBox *box = &g_array_index (chart->boxes, EkvFlowchartBox, i);

      if (x >= box->x && x < box->x + box->width && y >= box->y && y < box->y + box->height)
        return box->unit_id;
    }

  return NULL;
}

int
ekv_flowchart_hit_arrow (EkvFlowchart *chart,
                         double        x,
                         double        y)
{
  int best = -1;
  double best_distance = HIT_DISTANCE;

  g_return_val_if_fail (chart != NULL, -1);

  for (guint a = 0; a < chart->arrows->len; a++)
    {
      const EkvFlowchartArrow *arrow = &g_array_index (chart->arrows, EkvFlowchartArrow, a);

      for (guint i = 0; i + 1 < arrow->n_points; i++)
        {
          const EkvSankeyPoint *p = &arrow->points[i], *q = &arrow->points[i + 1];
          double dx = q->x - p->x, dy = q->y - p->y;
          double length2 = dx * dx + dy * dy;
          double t = length2 > 0 ? CLAMP (((x - p->x) * dx + (y - p->y) * dy) / length2, 0, 1) : 0;
          double distance = hypot (x - (p->x + t * dx), y - (p->y + t * dy));

          if (distance <= best_distance)
            {
              best_distance = distance;
              best = a;
            }
        }
    }

  return best;
}

char *
ekv_flowchart_describe_box (EkvFlowchart *chart,
                            guint         index)
{
  const EkvFlowchartBox *box;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *status = NULL;

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (index < chart->boxes->len, NULL);

  box = &g_array_index (chart->boxes, EkvFlowchartBox, index);
  g_string_append (text, box->name != NULL && *box->name != '\0' ? box->name : box->unit_id);
  g_string_append_c (text, '\n');
  /* Translators: in a flow chart box's tooltip, e.g. "5 inputs from outside the plant" */
  g_string_append_printf (text, ngettext ("%u input from outside the plant",
                                          "%u inputs from outside the plant", box->n_inputs),
                          box->n_inputs);
  g_string_append_c (text, '\n');
  /* Translators: in a flow chart box's tooltip, e.g. "3 outputs leaving the plant" */
  g_string_append_printf (text, ngettext ("%u output leaving the plant",
                                          "%u outputs leaving the plant", box->n_outputs),
                          box->n_outputs);
  g_string_append_c (text, '\n');
  /* Translators: in a flow chart box's tooltip: links with other unit operations */
  g_string_append_printf (text, ngettext ("Receives from %u unit operation",
                                          "Receives from %u unit operations", box->n_links_in),
                          box->n_links_in);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, ngettext ("Sends to %u unit operation",
                                          "Sends to %u unit operations", box->n_links_out),
                          box->n_links_out);
  g_string_append_c (text, '\n');
  if (box->has_status)
    {
      g_autofree char *pct = ekv_number_format (box->imbalance_pct, 1);

      /* Translators: in a flow chart box's tooltip: the state of the unit's mass
       * balance and how far inputs and outputs differ, e.g. "Mass balance: check (7.2 %)" */
      g_string_append_printf (text, _("Mass balance: %s (%s %%)"),
                              ekv_balance_status_describe (box->status), pct);
    }
  else
    /* Translators: in a flow chart box's tooltip when there is no figure, then why */
    g_string_append_printf (text, _("Mass balance: %s"),
                            box->status_note != NULL ? box->status_note : "—");
  if (!isnan (box->estimated_pct) && box->estimated_pct > 0)
    {
      g_autofree char *estimated = ekv_number_format (box->estimated_pct, 0);

      g_string_append_c (text, '\n');
      /* Translators: in a flow chart box's tooltip, e.g. "40 % of input mass estimated" */
      g_string_append_printf (text, _("%s %% of input mass estimated"), estimated);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
ekv_flowchart_describe_arrow (EkvFlowchart *chart,
                              guint         index)
{
  const EkvFlowchartArrow *arrow;
  const EkvFlowchartBox *source, *target;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (chart != NULL, NULL);
  g_return_val_if_fail (index < chart->arrows->len, NULL);

  arrow = &g_array_index (chart->arrows, EkvFlowchartArrow, index);
  source = &g_array_index (chart->boxes, EkvFlowchartBox, arrow->source);
  target = &g_array_index (chart->boxes, EkvFlowchartBox, arrow->target);
  /* Translators: an arrow of the flow chart: from one unit operation to another */
  g_string_append_printf (text, _("%s → %s"),
                          source->name != NULL && *source->name != '\0' ? source->name : source->unit_id,
                          target->name != NULL && *target->name != '\0' ? target->name : target->unit_id);
  if (arrow->backward)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Goes back against the process order"));
    }
  for (guint i = 0; i < arrow->flow_ids->len; i++)
    {
      const char *name = g_ptr_array_index (arrow->flow_names, i);
      EkvFlowKind kind = g_array_index (arrow->flow_kinds, EkvFlowKind, i);

      g_string_append_c (text, '\n');
      /* Translators: a flow an arrow of the flow chart carries: its name, then its
       * kind, e.g. "• Dyed fabric (Intermediate)" */
      g_string_append_printf (text, _("• %s (%s)"),
                              name != NULL && *name != '\0' ? name : (const char *) g_ptr_array_index (arrow->flow_ids, i),
                              ekv_enum_get_label (EKV_TYPE_FLOW_KIND, kind));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
ekv_flowchart_describe_arrows_at (EkvFlowchart *chart,
                                  double        x,
                                  double        y)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (chart != NULL, NULL);

  /* Arrows share trunks: say every arrow that passes here. */
  for (guint a = 0; a < chart->arrows->len; a++)
    {
      const EkvFlowchartArrow *arrow = &g_array_index (chart->arrows, EkvFlowchartArrow, a);

      for (guint i = 0; i + 1 < arrow->n_points; i++)
        {
          const EkvSankeyPoint *p = &arrow->points[i], *q = &arrow->points[i + 1];
          double dx = q->x - p->x, dy = q->y - p->y;
          double length2 = dx * dx + dy * dy;
          double t = length2 > 0 ? CLAMP (((x - p->x) * dx + (y - p->y) * dy) / length2, 0, 1) : 0;

          if (hypot (x - (p->x + t * dx), y - (p->y + t * dy)) <= HIT_DISTANCE)
            {
              g_autofree char *about = ekv_flowchart_describe_arrow (chart, a);

              if (text == NULL)
                text = g_string_new (about);
              else
                g_string_append_printf (text, "\n\n%s", about);
              break;
            }
        }
    }

  return text != NULL ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

char *
ekv_flowchart_describe (EkvFlowchart *chart)
{
  g_autofree char *units = NULL;
  g_autofree char *links = NULL;

  g_return_val_if_fail (chart != NULL, NULL);

  /* Translators: the first half of the flow chart's description, e.g. "12 unit operations" */
  units = g_strdup_printf (ngettext ("%u unit operation", "%u unit operations", chart->boxes->len),
                           chart->boxes->len);
  /* Translators: the second half of the flow chart's description, e.g. "28 links between them" */
  links = g_strdup_printf (ngettext ("%u link between them", "%u links between them",
                                     chart->arrows->len),
                           chart->arrows->len);
  /* Translators: the flow chart's accessible description, e.g. "Process flow chart: 12 unit
   * operations, 28 links between them" */
  return g_strdup_printf (_("Process flow chart: %s, %s"), units, links);
}

/* }}} */
