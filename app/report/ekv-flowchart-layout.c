/* ekv-flowchart-layout.c: where the flow chart's boxes and arrows go
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

#include "ekv-flowchart-private.h"
#include "ekv-util.h"

/* Sizes in px */
#define BOX_MIN        130.0
#define BOX_MAX        210.0
#define BOX_PAD        EKV_FLOWCHART_BOX_PAD
#define BOX_BAR        EKV_FLOWCHART_BOX_BAR
#define LANE           8.0    /* between parallel lines */
#define ROW_GAP        34.0   /* between rows without lanes */
#define GUTTER_MIN     44.0   /* between columns: room for an arrow to the next box */
#define EDGE_MIN       18.0   /* an outer channel or gutter that carries lines */
#define MAX_NAME_LINES 3

const char * const _ekv_flowchart_status_symbols[3] = { "✓", "!", "✕" };

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

/* Text {{{ */

PangoLayout *
_ekv_flowchart_make_layout (EkvFlowchart *self,
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

double
_ekv_flowchart_layout_width (PangoLayout *layout)
{
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

double
_ekv_flowchart_layout_height (PangoLayout *layout)
{
  int height = 0;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
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
      return g_strdup_printf (_("%s %s %% · %s %% est."), _ekv_flowchart_status_symbols[box->status], pct, estimated);
    }

  /* Translators: on a flow chart box: a symbol for the state of the unit's mass
   * balance, then its imbalance, e.g. "! 7.2 %" */
  return g_strdup_printf (_("%s %s %%"), _ekv_flowchart_status_symbols[box->status], pct);
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
        EkvFlowchartLegendItem item = { EKV_FLOWCHART_LEGEND_BAND, band, NULL, 0, 0 };

        item.layout = _ekv_flowchart_make_layout (self, ekv_palette_band_label (band), FALSE, TRUE, -1, 0);
        g_array_append_val (self->legend, item);
      }
  for (int status = EKV_BALANCE_STATUS_OK; status <= EKV_BALANCE_STATUS_ERROR; status++)
    {
      EkvFlowchartLegendItem item = { EKV_FLOWCHART_LEGEND_STATUS, status, NULL, 0, 0 };
      g_autofree char *text = NULL;

      /* Translators: a legend entry of the flow chart: the symbol and name of a mass
       * balance state, e.g. "✓ balanced" */
      text = g_strdup_printf (_("%s %s"), _ekv_flowchart_status_symbols[status], ekv_balance_status_describe (status));
      item.layout = _ekv_flowchart_make_layout (self, text, FALSE, TRUE, -1, 0);
      g_array_append_val (self->legend, item);
    }
  if (any_no_status)
    {
      EkvFlowchartLegendItem item = { EKV_FLOWCHART_LEGEND_NO_STATUS, 0, NULL, 0, 0 };

      item.layout = _ekv_flowchart_make_layout (self, _("no mass balance"), FALSE, TRUE, -1, 0);
      g_array_append_val (self->legend, item);
    }
  {
    EkvFlowchartLegendItem item = { EKV_FLOWCHART_LEGEND_TEXT, 0, NULL, 0, 0 };

    /* Translators: the last legend entry of the flow chart: what the counts on a box mean */
    item.layout = _ekv_flowchart_make_layout (self, _("→ n: flows from outside the plant · n →: flows leaving it"),
                               FALSE, TRUE, self->width, 0);
    g_array_append_val (self->legend, item);
  }

  /* Entries side by side, wrapping like words. */
  for (guint i = 0; i < self->legend->len; i++)
    {
      EkvFlowchartLegendItem *item = &g_array_index (self->legend, EkvFlowchartLegendItem, i);
      double swatch = item->kind == EKV_FLOWCHART_LEGEND_BAND ? 30 : item->kind == EKV_FLOWCHART_LEGEND_TEXT ? 0 : 14;
      double w = swatch + (swatch > 0 ? 6 : 0) + _ekv_flowchart_layout_width (item->layout);
      double h = _ekv_flowchart_layout_height (item->layout);

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

void
_ekv_flowchart_lay_out (EkvFlowchart *self)
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
      self->empty = _ekv_flowchart_make_layout (self, _("No unit operations yet"), FALSE, FALSE, self->width, 0);
      self->height = _ekv_flowchart_layout_height (self->empty) + 8;
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
      EkvFlowchartText *text = &g_array_index (self->texts, EkvFlowchartText, i);
      double inner = box_w - BOX_BAR - 2 * BOX_PAD;
      const char *name = box->name != NULL && *box->name != '\0' ? box->name : box->unit_id;
      g_autofree char *status = status_text (box);
      g_autofree char *inputs = NULL;
      g_autofree char *outputs = NULL;

      text->name = _ekv_flowchart_make_layout (self, name, TRUE, FALSE, inner, MAX_NAME_LINES);
      text->status = _ekv_flowchart_make_layout (self, status, FALSE, TRUE, inner, 1);
      name_h = MAX (name_h, _ekv_flowchart_layout_height (text->name));

      if (box->n_inputs > 0)
        /* Translators: on a flow chart box: how many flows come from outside the plant */
        inputs = g_strdup_printf (ngettext ("→ %u input", "→ %u inputs", box->n_inputs), box->n_inputs);
      if (box->n_outputs > 0)
        /* Translators: on a flow chart box: how many flows leave the plant */
        outputs = g_strdup_printf (ngettext ("%u output →", "%u outputs →", box->n_outputs),
                                   box->n_outputs);
      if (inputs != NULL)
        text->inputs = _ekv_flowchart_make_layout (self, inputs, FALSE, TRUE, -1, 0);
      if (outputs != NULL)
        text->outputs = _ekv_flowchart_make_layout (self, outputs, FALSE, TRUE, -1, 0);
      /* Too narrow for both: the arrows and numbers alone. */
      if ((text->inputs != NULL ? _ekv_flowchart_layout_width (text->inputs) : 0) +
          (text->outputs != NULL ? _ekv_flowchart_layout_width (text->outputs) : 0) + 8 > inner)
        {
          g_clear_object (&text->inputs);
          g_clear_object (&text->outputs);
          g_free (inputs);
          g_free (outputs);
          inputs = box->n_inputs > 0 ? g_strdup_printf ("→ %u", box->n_inputs) : NULL;
          outputs = box->n_outputs > 0 ? g_strdup_printf ("%u →", box->n_outputs) : NULL;
          if (inputs != NULL)
            text->inputs = _ekv_flowchart_make_layout (self, inputs, FALSE, TRUE, -1, 0);
          if (outputs != NULL)
            text->outputs = _ekv_flowchart_make_layout (self, outputs, FALSE, TRUE, -1, 0);
        }
    }
  probe = _ekv_flowchart_make_layout (self, "Ag", FALSE, TRUE, -1, 0);
  self->small_height = _ekv_flowchart_layout_height (probe);
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

GArray *
_ekv_flowchart_routes_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (Route));
}
