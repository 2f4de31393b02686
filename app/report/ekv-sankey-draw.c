/* ekv-sankey-draw.c: a Sankey graph drawn onto any cairo_t
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The layout passes (label margins, loops kept inside the area), bands, nodes,
 * title and legend, and the hit test. Labels are placed in ekv-sankey-labels.c,
 * files written in ekv-sankey-file.c.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ekv-sankey-draw-private.h"

/* ------------------------------------------------------------------------ */
/* Options, text                                                            */

void
ekv_sankey_draw_options_init (EkvSankeyDrawOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (EkvSankeyDrawOptions) {
    .fixed_scale = 0,
    .align = EKV_SANKEY_ALIGN_JUSTIFY,
    .use_column_hints = TRUE,
    .show_title = TRUE,
    .show_legend = TRUE,
    .fill_background = TRUE,
    .background = { 1.0, 1.0, 1.0 },
    .foreground = { 0.10, 0.10, 0.12 },
    .node_color = { 0.20, 0.22, 0.24 },
    .band_alpha = 0.6,
    .font_size = 0,
    .font_family = NULL,
    .highlight_node = -1,
    .highlight_link = -1,
    .labels = NULL,
    .fast = FALSE,
    .pixel_scale = 1,
  };
}

PangoLayout *
_ekv_sankey_new_layout (EkvSankeyDrawing *d,
                        cairo_t          *cr,
                        double            size,
                        gboolean          bold)
{
  PangoLayout *layout;
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  /* One context for the whole drawing (making one per layout is slow), with
   * metrics that do not depend on the surface: a label measured for a PNG
   * wraps the same in the PDF. */
  g_assert (d->pango != NULL);
  layout = pango_layout_new (d->pango);

  pango_font_description_set_family (font, d->options->font_family != NULL
                                           ? d->options->font_family : "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

void
_ekv_sankey_layout_size (PangoLayout *layout,
                         double      *width,
                         double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

/* ------------------------------------------------------------------------ */
/* Geometry                                                                 */

/* The centre line of a link (stroked with its width). */
static void
link_path (cairo_t             *cr,
           EkvSankeyGraph      *graph,
           const EkvSankeyLink *link)
{
  const EkvSankeyNode *s = &g_array_index (graph->nodes, EkvSankeyNode, link->source);
  const EkvSankeyNode *t = &g_array_index (graph->nodes, EkvSankeyNode, link->target);
  double ax = s->x1, ay = link->y0;

  cairo_new_path (cr);
  cairo_move_to (cr, ax, ay);

  if (link->circular)
    {
      double x0 = link->loop_x0, x1 = link->loop_x1, ly = link->loop_y;
      double dir0 = ly >= link->y0 ? 1 : -1;
      double dir1 = link->y1 >= ly ? 1 : -1;
      double r = MAX (link->width / 2 + 2, 6);

      r = MIN (r, fabs (ly - link->y0) / 2);
      r = MIN (r, fabs (ly - link->y1) / 2);
      if (x0 - ax > 0)
        r = MIN (r, x0 - ax);
      if (t->x0 - x1 > 0)
        r = MIN (r, t->x0 - x1);
      r = MAX (r, 0);

      cairo_line_to (cr, x0 - r, link->y0);
      cairo_curve_to (cr, x0, link->y0, x0, link->y0, x0, link->y0 + dir0 * r);
      cairo_line_to (cr, x0, ly - dir0 * r);
      cairo_curve_to (cr, x0, ly, x0, ly, x0 - r, ly);
      cairo_line_to (cr, x1 + r, ly);
      cairo_curve_to (cr, x1, ly, x1, ly, x1, ly + dir1 * r);
      cairo_line_to (cr, x1, link->y1 - dir1 * r);
      cairo_curve_to (cr, x1, link->y1, x1, link->y1, x1 + r, link->y1);
      cairo_line_to (cr, t->x0, link->y1);
      return;
    }

  for (guint i = 0; i <= (link->points != NULL ? link->points->len : 0); i++)
    {
      double bx, by, mx;

      if (link->points != NULL && i < link->points->len)
        {
          const EkvSankeyPoint *p = &g_array_index (link->points, EkvSankeyPoint, i);

          bx = p->x;
          by = p->y;
        }
      else
        {
          bx = t->x0;
          by = link->y1;
        }
      mx = (ax + bx) / 2;
      cairo_curve_to (cr, mx, ay, mx, by, bx, by);
      ax = bx;
      ay = by;
    }
}

/* Adds the outline of a band that is not a loop to the path: its centre line
 * moved up and down by half its width, filled. Filling is many times faster than stroking
 * a wide curve, and the thickness reads the same on every column. */
static void
band_outline (cairo_t             *cr,
              EkvSankeyGraph      *graph,
              const EkvSankeyLink *link)
{
  const EkvSankeyNode *s = &g_array_index (graph->nodes, EkvSankeyNode, link->source);
  const EkvSankeyNode *t = &g_array_index (graph->nodes, EkvSankeyNode, link->target);
  guint n = link->points != NULL ? link->points->len : 0;
  double h = MAX (link->width, 0.5) / 2;
  g_autofree EkvSankeyPoint *p = g_new (EkvSankeyPoint, n + 2);

  p[0] = (EkvSankeyPoint) { s->x1, link->y0 };
  for (guint i = 0; i < n; i++)
    p[i + 1] = g_array_index (link->points, EkvSankeyPoint, i);
  p[n + 1] = (EkvSankeyPoint) { t->x0, link->y1 };

  cairo_move_to (cr, p[0].x, p[0].y - h);
  for (guint i = 0; i <= n; i++)
    {
      double mx = (p[i].x + p[i + 1].x) / 2;

      cairo_curve_to (cr, mx, p[i].y - h, mx, p[i + 1].y - h, p[i + 1].x, p[i + 1].y - h);
    }
  cairo_line_to (cr, p[n + 1].x, p[n + 1].y + h);
  for (guint i = n + 1; i > 0; i--)
    {
      double mx = (p[i].x + p[i - 1].x) / 2;

      cairo_curve_to (cr, mx, p[i].y + h, mx, p[i - 1].y + h, p[i - 1].x, p[i - 1].y + h);
    }
  cairo_close_path (cr);
}

/* Link indices, widest first: thin bands are drawn last, on top, and the hit
 * test looks at them first. */
static int
compare_width (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  EkvSankeyGraph *graph = data;
  const EkvSankeyLink *la = &g_array_index (graph->links, EkvSankeyLink, *(const guint *) a);
  const EkvSankeyLink *lb = &g_array_index (graph->links, EkvSankeyLink, *(const guint *) b);

  if (la->width != lb->width)
    return la->width > lb->width ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

static GArray *
links_by_width (EkvSankeyGraph *graph)
{
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), graph->links->len);

  for (guint i = 0; i < graph->links->len; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_width, graph);
  return order;
}

/* Distinct node x0, sorted: the columns as drawn. */
static GArray *
find_columns (EkvSankeyGraph *graph)
{
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      double x = g_array_index (graph->nodes, EkvSankeyNode, i).x0;
      guint j = 0;

      while (j < columns->len && g_array_index (columns, double, j) < x - 0.5)
        j++;
      if (j < columns->len && fabs (g_array_index (columns, double, j) - x) <= 0.5)
        continue;
      g_array_insert_val (columns, j, x);
    }
  return columns;
}

guint
_ekv_sankey_column_of (GArray *columns,
                       double  x)
{
  for (guint j = 0; j < columns->len; j++)
    if (fabs (g_array_index (columns, double, j) - x) <= 0.5)
      return j;
  return 0;
}

static gboolean
lay_out (EkvSankeyDrawing  *d,
         double             x0,
         double             y0,
         double             x1,
         double             y1,
         GError           **error)
{
  EkvSankeyOptions options;

  ekv_sankey_options_init (&options);
  options.x0 = x0;
  options.y0 = y0;
  options.x1 = MAX (x1, x0 + 1);
  options.y1 = MAX (y1, y0 + 1);
  options.node_width = CLAMP (d->width / 90, 8, 16);
  options.node_padding = d->node_padding;
  options.fixed_scale = d->options->fixed_scale;
  options.align = d->options->align;
  options.use_column_hints = d->options->use_column_hints;

  return ekv_sankey_layout (d->graph, &options, error);
}

/* ------------------------------------------------------------------------ */
/* Text with halos                                                          */

const double _ekv_sankey_halo_offsets[EKV_SANKEY_N_HALO_OFFSETS][2] = {
  { -1, -1 }, { 0, -1 }, { 1, -1 }, { -1, 0 }, { 1, 0 }, { -1, 1 }, { 0, 1 }, { 1, 1 },
};

/* Text at (X, Y) by SHOW (a layout from its top left, or a line from its
 * baseline) and by PATH (its outline), with a halo in the background colour
 * when HALO: it keeps text readable over bands. In files the halo is the
 * text's outline stroked (one copy of the text, which PDF readers and text
 * search see once); on screen and in PNG eight copies of the text shifted by
 * a pixel, many times faster than stroking glyph outlines. */
static void
show_with_halo (EkvSankeyDrawing *d,
                cairo_t          *cr,
                double            x,
                double            y,
                gboolean          halo,
                void            (*show) (cairo_t *, gpointer),
                void            (*path) (cairo_t *, gpointer),
                gpointer          text)
{
  const EkvSankeyDrawOptions *o = d->options;

  if (halo && d->vector)
    {
      cairo_move_to (cr, x, y);
      path (cr, text);
      ekv_palette_set_source (cr, &o->background, 0.85);
      cairo_set_line_width (cr, 3);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }
  else if (halo)
    {
      ekv_palette_set_source (cr, &o->background, 1);
      for (guint i = 0; i < EKV_SANKEY_N_HALO_OFFSETS; i++)
        {
          cairo_move_to (cr, x + _ekv_sankey_halo_offsets[i][0], y + _ekv_sankey_halo_offsets[i][1]);
          show (cr, text);
        }
    }
  cairo_move_to (cr, x, y);
  ekv_palette_set_source (cr, &o->foreground, 1);
  show (cr, text);
}

static void
show_layout (cairo_t  *cr,
             gpointer  layout)
{
  pango_cairo_show_layout (cr, layout);
}

static void
layout_path (cairo_t  *cr,
             gpointer  layout)
{
  pango_cairo_layout_path (cr, layout);
}

static void
show_line (cairo_t  *cr,
           gpointer  line)
{
  pango_cairo_show_layout_line (cr, line);
}

static void
line_path (cairo_t  *cr,
           gpointer  line)
{
  pango_cairo_layout_line_path (cr, line);
}

void
_ekv_sankey_show_text (EkvSankeyDrawing *d,
                       cairo_t          *cr,
                       PangoLayout      *layout,
                       double            x,
                       double            y,
                       gboolean          halo)
{
  if (d->screen != NULL)
    {
      _ekv_sankey_screen_text (d->screen, cr, layout, x, y, halo);
      return;
    }
  show_with_halo (d, cr, x, y, halo, show_layout, layout_path, layout);
}

void
_ekv_sankey_show_line (EkvSankeyDrawing *d,
                       cairo_t          *cr,
                       PangoLayoutLine  *line,
                       double            x,
                       double            y,
                       gboolean          halo)
{
  if (d->screen != NULL)
    _ekv_sankey_screen_line (d->screen, cr, line, x, y, halo);
  else
    show_with_halo (d, cr, x, y, halo, show_line, line_path, line);
}

void
_ekv_sankey_leader (EkvSankeyDrawing *d,
                    cairo_t          *cr,
                    double            x0,
                    double            y0,
                    double            x1,
                    double            y1)
{
  if (d->screen != NULL)
    {
      _ekv_sankey_screen_leader (d->screen, x0, y0, x1, y1);
      return;
    }
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  ekv_palette_set_source (cr, &d->options->foreground, 0.5);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
}

void
_ekv_sankey_show_lines (EkvSankeyDrawing *d,
                        cairo_t          *cr,
                        PangoLayout      *layout,
                        double            x,
                        double            y,
                        double            box,
                        PangoAlignment    align,
                        gboolean          halo)
{
  PangoLayoutIter *iter;

  if (align == PANGO_ALIGN_LEFT)
    {
      _ekv_sankey_show_text (d, cr, layout, x, y, halo);
      return;
    }

  /* Each line placed in the box: aligning the layout itself would lay its
   * text out again. */
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double width, offset;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      width = (double) logical.width / PANGO_SCALE;
      offset = align == PANGO_ALIGN_RIGHT ? box - width : (box - width) / 2;
      _ekv_sankey_show_line (d, cr, line, x + offset,
                             y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE, halo);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static double
band_alpha (const EkvSankeyDrawOptions *o,
            guint                       index,
            const EkvSankeyLink        *link)
{
  if (o->highlight_link >= 0)
    return (int) index == o->highlight_link ? MIN (1, o->band_alpha + 0.3) : o->band_alpha * 0.6;
  if (o->highlight_node >= 0)
    return (int) link->source == o->highlight_node || (int) link->target == o->highlight_node
             ? MIN (1, o->band_alpha + 0.3) : o->band_alpha * 0.6;
  return o->band_alpha;
}

/* Whether LINK's band may cross the rows from Y0 to Y1 (a loop always may). */
static gboolean
band_meets (EkvSankeyGraph      *graph,
            const EkvSankeyLink *link,
            double               y0,
            double               y1)
{
  double h = MAX (link->width, 0.5) / 2 + 1;
  double top = MIN (link->y0, link->y1), bottom = MAX (link->y0, link->y1);

  if (link->circular)
    return TRUE;
  for (guint i = 0; link->points != NULL && i < link->points->len; i++)
    {
      double y = g_array_index (link->points, EkvSankeyPoint, i).y;

      top = MIN (top, y);
      bottom = MAX (bottom, y);
    }
  /* a curve between two points stays between their heights */
  return top - h < y1 && bottom + h > y0;
}

/* Bands are filled one colour at a time, all of a colour (and emphasis) in one
 * path: a few fills instead of one per band, which is most of the drawing's
 * time on a large diagram, and bands of one colour crossing do not darken into
 * a colour of their own. Widest classes first; loops, stroked, last. */
void
_ekv_sankey_draw_bands (EkvSankeyDrawing *d,
                        cairo_t          *cr,
                        double            y0,
                        double            y1)
{
  const EkvSankeyDrawOptions *o = d->options;
  g_autoptr(GArray) order = links_by_width (d->graph);
  g_autofree gboolean *done = g_new0 (gboolean, MAX (order->len, 1));

  cairo_save (cr);
  /* A quarter pixel is finer than the eye sees and far fewer polygon edges
   * than cairo's default tenth. */
  cairo_set_tolerance (cr, 0.25);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  if (o->fast)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  for (guint i = 0; i < order->len; i++)
    {
      guint first = g_array_index (order, guint, i);
      const EkvSankeyLink *link = &g_array_index (d->graph->links, EkvSankeyLink, first);
      EkvSankeyBand band = link->band < EKV_SANKEY_N_BANDS ? link->band : EKV_SANKEY_BAND_MATERIAL;
      double alpha = band_alpha (o, first, link);
      gboolean any = FALSE;

      if (done[i] || link->circular)
        continue;

      cairo_new_path (cr);
      for (guint j = i; j < order->len; j++)
        {
          guint index = g_array_index (order, guint, j);
          const EkvSankeyLink *other = &g_array_index (d->graph->links, EkvSankeyLink, index);
          EkvSankeyBand other_band = other->band < EKV_SANKEY_N_BANDS ? other->band
                                                                     : EKV_SANKEY_BAND_MATERIAL;

          if (done[j] || other->circular || other_band != band || band_alpha (o, index, other) != alpha)
            continue;
          done[j] = TRUE;
          if (!band_meets (d->graph, other, y0, y1))
            continue;
          band_outline (cr, d->graph, other);
          any = TRUE;
        }
      if (any)
        {
          ekv_palette_set_source (cr, ekv_palette_band_color (band), alpha);
          cairo_fill (cr);
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      guint index = g_array_index (order, guint, i);
      const EkvSankeyLink *link = &g_array_index (d->graph->links, EkvSankeyLink, index);

      if (!link->circular)
        continue;
      ekv_palette_set_source (cr, ekv_palette_band_color (link->band < EKV_SANKEY_N_BANDS
                                                          ? link->band : EKV_SANKEY_BAND_MATERIAL),
                              band_alpha (o, index, link));
      link_path (cr, d->graph, link);
      cairo_set_line_width (cr, MAX (link->width, 0.5));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
_ekv_sankey_draw_nodes (EkvSankeyDrawing *d,
                        cairo_t          *cr,
                        double            y0,
                        double            y1)
{
  const EkvSankeyDrawOptions *o = d->options;

  for (guint i = 0; i < d->graph->nodes->len; i++)
    {
      const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, i);

      if (node->y0 - 3 >= y1 || MAX (node->y1, node->y0 + 1) + 3 <= y0)
        continue;

      cairo_rectangle (cr, node->x0, node->y0, node->x1 - node->x0, MAX (node->y1 - node->y0, 1));
      ekv_palette_set_source (cr, &o->node_color, 1);
      cairo_fill (cr);
      if ((int) i == o->highlight_node)
        {
          static const EkvColor accent = { 0.000, 0.447, 0.698 };

          cairo_rectangle (cr, node->x0 - 1.5, node->y0 - 1.5, node->x1 - node->x0 + 3,
                           MAX (node->y1 - node->y0, 1) + 3);
          ekv_palette_set_source (cr, &accent, 1);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }
}

typedef struct
{
  EkvSankeyBand  band;
  PangoLayout   *layout;
  double         x, y, width;
} LegendItem;

/* Lays the legend's items out in rows within WIDTH; returns its height. */
static double
make_legend (EkvSankeyDrawing *d,
             cairo_t          *cr,
             double            width,
             GArray           *items)
{
  gboolean present[EKV_SANKEY_N_BANDS] = { FALSE, };
  double swatch = d->font_size, row = d->font_size * 1.6;
  double x = 0, y = 0;

  for (guint i = 0; i < d->graph->links->len; i++)
    {
      EkvSankeyBand band = g_array_index (d->graph->links, EkvSankeyLink, i).band;

      if (band < EKV_SANKEY_N_BANDS)
        present[band] = TRUE;
    }

  for (guint b = 0; b < EKV_SANKEY_N_BANDS; b++)
    {
      LegendItem item = { b, NULL, 0, 0, 0 };
      double w, h;

      if (!present[b])
        continue;
      item.layout = _ekv_sankey_new_layout (d, cr, d->font_size, FALSE);
      pango_layout_set_text (item.layout, ekv_palette_band_label (b), -1);
      _ekv_sankey_layout_size (item.layout, &w, &h);
      item.width = swatch + 5 + w;
      if (x > 0 && x + item.width > width)
        {
          x = 0;
          y += row;
        }
      item.x = x;
      item.y = y;
      x += item.width + d->font_size * 1.5;
      g_array_append_val (items, item);
    }
  return items->len > 0 ? y + row : 0;
}

static void
draw_legend (EkvSankeyDrawing *d,
             cairo_t          *cr,
             GArray           *items,
             double            x0,
             double            y0)
{
  double swatch = d->font_size;

  for (guint i = 0; i < items->len; i++)
    {
      LegendItem *item = &g_array_index (items, LegendItem, i);
      double w, h;

      _ekv_sankey_layout_size (item->layout, &w, &h);
      cairo_rectangle (cr, x0 + item->x, y0 + item->y + (h - swatch) / 2, swatch, swatch);
      ekv_palette_set_source (cr, ekv_palette_band_color (item->band),
                              MAX (d->options->band_alpha, 0.8));
      cairo_fill (cr);
      _ekv_sankey_show_text (d, cr, item->layout, x0 + item->x + swatch + 5, y0 + item->y, FALSE);
    }
}

static void
clear_legend_item (gpointer data)
{
  LegendItem *item = data;

  g_clear_object (&item->layout);
}

/* Maps GRAPH's geometry into the box when its extent is larger, x and y each
 * by one factor (every band keeps the same scale as every other). */
static void
squeeze (EkvSankeyGraph *graph,
         double          x0,
         double          y0,
         double          x1,
         double          y1)
{
  const double *e = graph->extent;
  double sx = e[2] - e[0] > x1 - x0 + 0.5 ? (x1 - x0) / (e[2] - e[0]) : 1;
  double sy = e[3] - e[1] > y1 - y0 + 0.5 ? (y1 - y0) / (e[3] - e[1]) : 1;
  double ox = sx < 1 ? e[0] : 0, oy = sy < 1 ? e[1] : 0;
  double nx = sx < 1 ? x0 : 0, ny = sy < 1 ? y0 : 0;

  if (sx == 1 && sy == 1)
    return;
#define MAP_X(v) ((v) = nx + ((v) - ox) * sx)
#define MAP_Y(v) ((v) = ny + ((v) - oy) * sy)
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      EkvSankeyNode *node = &g_array_index (graph->nodes, EkvSankeyNode, i);

      MAP_X (node->x0);
      MAP_X (node->x1);
      MAP_Y (node->y0);
      MAP_Y (node->y1);
    }
  for (guint i = 0; i < graph->links->len; i++)
    {
      EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, i);

      MAP_Y (link->y0);
      MAP_Y (link->y1);
      MAP_X (link->loop_x0);
      MAP_X (link->loop_x1);
      MAP_Y (link->loop_y);
      link->width *= sy;
      for (guint p = 0; link->points != NULL && p < link->points->len; p++)
        {
          EkvSankeyPoint *point = &g_array_index (link->points, EkvSankeyPoint, p);

          MAP_X (point->x);
          MAP_Y (point->y);
        }
    }
#undef MAP_X
#undef MAP_Y
  graph->scale *= sy;
  graph->extent[0] = nx + (e[0] - ox) * sx;
  graph->extent[2] = nx + (e[2] - ox) * sx;
  graph->extent[1] = ny + (e[1] - oy) * sy;
  graph->extent[3] = ny + (e[3] - oy) * sy;
}

static char *
note_text (guint dropped)
{
  /* Translators: beside a Sankey chart's legend, when small nodes carry no label */
  return g_strdup_printf (ngettext ("%u small node is not labelled", "%u small nodes are not labelled",
                                    dropped), dropped);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */

gboolean
ekv_sankey_draw (cairo_t                     *cr,
                 EkvSankeyGraph              *graph,
                 double                       width,
                 double                       height,
                 const EkvSankeyDrawOptions  *options,
                 GError                     **error)
{
  EkvSankeyDrawOptions defaults;
  EkvSankeyDrawing d = { 0 };
  g_autoptr(GObject) pango_owner = NULL;   /* PangoContext has no autoptr in Pango 1.50 */
  PangoContext *pango;
  cairo_font_options_t *font_options;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  g_autoptr(GArray) legend = NULL;
  g_autoptr(GArray) columns = NULL;
  GPtrArray *labels;
  double title_h = 0, subtitle_h = 0, legend_h = 0, w, h;
  double px0, py0, px1, py1;          /* the plot: nodes, bands and labels */
  double left = 0, right = 0, max_label;
  double note_room = 0, note_h = 0;
  guint dropped;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (graph != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      ekv_sankey_draw_options_init (&defaults);
      options = &defaults;
    }

  /* One context for the whole drawing, kept with the cache when there is one
   * (layouts belong to their context), with metrics that do not depend on the
   * surface: a label measured for a PNG wraps the same in the PDF. */
  if (options->text_cache != NULL && options->text_cache->context != NULL)
    {
      /* Updating a context always tells its layouts to lay their text out
       * again (pango_context_set_matrix()): only when the zoom changed. */
      cairo_matrix_t matrix;

      pango = options->text_cache->context;
      cairo_get_matrix (cr, &matrix);
      if (memcmp (&matrix, &options->text_cache->matrix, sizeof matrix) != 0)
        {
          pango_cairo_update_context (cr, pango);
          options->text_cache->matrix = matrix;
        }
    }
  else
    {
      pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      font_options = cairo_font_options_create ();
      cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options (pango, font_options);
      cairo_font_options_destroy (font_options);
      pango_cairo_update_context (cr, pango);
      if (options->text_cache != NULL)
        {
          options->text_cache->context = pango;
          cairo_get_matrix (cr, &options->text_cache->matrix);
        }
      else
        pango_owner = G_OBJECT (pango);
    }

  if (options->labels != NULL)
    g_array_set_size (options->labels, 0);
  d.pango = pango;
  d.texts = g_new0 (EkvSankeyLabelText, MAX (graph->nodes->len, 1));
  switch (cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      d.vector = TRUE;
      break;
    case CAIRO_SURFACE_TYPE_IMAGE:
    case CAIRO_SURFACE_TYPE_XLIB:
    case CAIRO_SURFACE_TYPE_XCB:
    case CAIRO_SURFACE_TYPE_GLITZ:
    case CAIRO_SURFACE_TYPE_QUARTZ:
    case CAIRO_SURFACE_TYPE_WIN32:
    case CAIRO_SURFACE_TYPE_BEOS:
    case CAIRO_SURFACE_TYPE_DIRECTFB:
    case CAIRO_SURFACE_TYPE_OS2:
    case CAIRO_SURFACE_TYPE_WIN32_PRINTING:
    case CAIRO_SURFACE_TYPE_QUARTZ_IMAGE:
    case CAIRO_SURFACE_TYPE_SCRIPT:
    case CAIRO_SURFACE_TYPE_QT:
    case CAIRO_SURFACE_TYPE_RECORDING:
    case CAIRO_SURFACE_TYPE_VG:
    case CAIRO_SURFACE_TYPE_GL:
    case CAIRO_SURFACE_TYPE_DRM:
    case CAIRO_SURFACE_TYPE_TEE:
    case CAIRO_SURFACE_TYPE_XML:
    case CAIRO_SURFACE_TYPE_SKIA:
    case CAIRO_SURFACE_TYPE_SUBSURFACE:
    case CAIRO_SURFACE_TYPE_COGL:
    default:
      d.vector = FALSE;
      break;
    }
  d.options = options;
  d.graph = graph;
  d.width = width;
  d.height = height;
  d.font_size = options->font_size > 0 ? options->font_size : CLAMP (MIN (width, height) / 62, 8, 15);
  d.pad = CLAMP (MIN (width, height) / 50, 6, 20);
  d.node_padding = MAX (10, d.font_size * 1.6);

  cairo_save (cr);

  if (options->show_title && graph->title != NULL && graph->title[0] != '\0')
    {
      title = _ekv_sankey_new_layout (&d, cr, d.font_size * 1.45, TRUE);
      pango_layout_set_text (title, graph->title, -1);
      pango_layout_set_width (title, (int) ((width - 2 * d.pad) * PANGO_SCALE));
      pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
      _ekv_sankey_layout_size (title, &w, &title_h);
    }
  if (options->show_title && graph->unit != NULL && graph->unit[0] != '\0')
    {
      g_autofree char *text = NULL;

      /* Translators: under a Sankey chart's title; %s is a unit such as “m³/year” */
      text = g_strdup_printf (_("Every band in %s; the thickness is to scale"), graph->unit);
      subtitle = _ekv_sankey_new_layout (&d, cr, d.font_size, FALSE);
      pango_layout_set_text (subtitle, text, -1);
      pango_layout_set_width (subtitle, (int) ((width - 2 * d.pad) * PANGO_SCALE));
      pango_layout_set_ellipsize (subtitle, PANGO_ELLIPSIZE_END);
      _ekv_sankey_layout_size (subtitle, &w, &subtitle_h);
    }
  /* The note about unlabelled nodes goes at the end of the legend's row: keep
   * room for it there. */
    {
      g_autoptr(PangoLayout) note = _ekv_sankey_new_layout (&d, cr, d.font_size * 0.9, FALSE);
      g_autofree char *text = note_text (9999);

      pango_layout_set_text (note, text, -1);
      _ekv_sankey_layout_size (note, &note_room, &note_h);
      note_room += d.font_size;
    }
  legend = g_array_new (FALSE, TRUE, sizeof (LegendItem));
  g_array_set_clear_func (legend, clear_legend_item);
  if (options->show_legend)
    legend_h = make_legend (&d, cr, width - 2 * d.pad - note_room, legend);

  px0 = d.pad;
  px1 = width - d.pad;
  py0 = d.pad + title_h + subtitle_h + (title_h + subtitle_h > 0 ? d.font_size : 0);
  py1 = height - d.pad - (MAX (legend_h, note_h) > 0 ? MAX (legend_h, note_h) + d.font_size * 0.8 : 0);

  /* First pass: which nodes end in the first and last columns, and how wide
   * their labels are; then the plot without those margins. */
  if (!lay_out (&d, px0, py0, px1, py1, error))
    {
      _ekv_sankey_texts_free (&d);
      cairo_restore (cr);
      return FALSE;
    }
  columns = find_columns (graph);
  d.columns = columns;

  /* A column of many nodes gets less room between them, so that it fits. */
  {
    guint most = 0;

    for (guint c = 0; c < columns->len; c++)
      {
        guint n = 0;

        for (guint i = 0; i < graph->nodes->len; i++)
          n += _ekv_sankey_column_of (columns, g_array_index (graph->nodes, EkvSankeyNode, i).x0) == c;
        most = MAX (most, n);
      }
    if (most > 1 && (most - 1) * d.node_padding > (py1 - py0) * 0.4)
      d.node_padding = MAX (1, (py1 - py0) * 0.4 / (most - 1));
  }

  max_label = CLAMP (width * 0.2, 80, 280);
  if (columns->len > 1)
    left = _ekv_sankey_labels_margin (&d, cr, 0, max_label);
  right = _ekv_sankey_labels_margin (&d, cr, columns->len - 1, max_label);

  /* Loops run around the nodes, outside the extent given to the layout: shrink
   * that extent in proportion until everything, loops included, fits the plot. */
  {
    double tx0 = px0 + left, tx1 = px1 - right, ty0 = py0, ty1 = py1;
    double ax0 = tx0, ax1 = tx1, ay0 = ty0, ay1 = ty1;

    for (guint pass = 0; pass < 6; pass++)
      {
        const double *e = graph->extent;
        double rx, ry, nx0, ny0;

        if (!lay_out (&d, ax0, ay0, ax1, ay1, error))
          {
            _ekv_sankey_texts_free (&d);
            cairo_restore (cr);
            return FALSE;
          }
        if (e[0] >= tx0 - 0.5 && e[1] >= ty0 - 0.5 && e[2] <= tx1 + 0.5 && e[3] <= ty1 + 0.5)
          break;
        rx = e[2] - e[0] > tx1 - tx0 ? (tx1 - tx0) / (e[2] - e[0]) : 1;
        ry = e[3] - e[1] > ty1 - ty0 ? (ty1 - ty0) / (e[3] - e[1]) : 1;
        nx0 = tx0 + MAX (0, ax0 - e[0]) * rx;
        ny0 = ty0 + MAX (0, ay0 - e[1]) * ry;
        ax1 = nx0 + (ax1 - ax0) * rx;
        ay1 = ny0 + (ay1 - ay0) * ry;
        ax0 = nx0;
        ay0 = ny0;
        /* With a fixed scale the loops keep their size: move and squeeze more. */
        if (e[2] - e[0] <= tx1 - tx0 && e[2] > tx1)
          ax1 -= e[2] - tx1;
        if (e[3] - e[1] <= ty1 - ty0 && e[3] > ty1)
          ay1 -= e[3] - ty1;
      }
    /* Still too big (more minimum-size nodes than the height holds): squeeze
     * the geometry itself, so that nothing is drawn outside the area. */
    squeeze (graph, tx0, ty0, tx1, ty1);
  }
  g_array_unref (g_steal_pointer (&columns));
  columns = find_columns (graph);
  d.columns = columns;

  {
    EkvSankeyScreen *screen = _ekv_sankey_screen_start (&d, cr);

    labels = _ekv_sankey_labels_make (&d, cr, MAX (left - LABEL_GAP - 2, d.font_size * 5),
                                      MAX (right - LABEL_GAP - 2, d.font_size * 5), py0, py1);
    if (screen == NULL)
      {
        /* (on screen the strips start with the background, which the image
         * then lays down once: filled here too, its rim would be blended twice) */
        if (options->fill_background)
          {
            cairo_rectangle (cr, 0, 0, width, height);
            ekv_palette_set_source (cr, &options->background, 1);
            cairo_fill (cr);
          }
        _ekv_sankey_draw_bands (&d, cr, -G_MAXDOUBLE, G_MAXDOUBLE);
        _ekv_sankey_draw_nodes (&d, cr, -G_MAXDOUBLE, G_MAXDOUBLE);
        dropped = _ekv_sankey_labels_draw (&d, cr, labels);
      }
    else
      {
        /* the labels' text is kept for the screen's strips, then drawn there */
        d.screen = screen;
        dropped = _ekv_sankey_labels_draw (&d, cr, labels);
        d.screen = NULL;
        _ekv_sankey_screen_finish (screen, cr, width, height);
      }
  }
  _ekv_sankey_labels_free (labels);
  _ekv_sankey_texts_free (&d);

  if (title != NULL)
    _ekv_sankey_show_text (&d, cr, title, d.pad, d.pad, FALSE);
  if (subtitle != NULL)
    _ekv_sankey_show_text (&d, cr, subtitle, d.pad, d.pad + title_h, FALSE);
  if (dropped > 0)
    {
      g_autoptr(PangoLayout) note = _ekv_sankey_new_layout (&d, cr, d.font_size * 0.9, FALSE);
      g_autofree char *text = NULL;

      text = note_text (dropped);
      pango_layout_set_text (note, text, -1);
      _ekv_sankey_layout_size (note, &w, &h);
      _ekv_sankey_show_text (&d, cr, note, width - d.pad - w, height - d.pad - MAX (legend_h, note_h), FALSE);
    }
  if (legend_h > 0)
    draw_legend (&d, cr, legend, d.pad, height - d.pad - legend_h);

  cairo_restore (cr);
  return TRUE;
}

EkvSankeyHitKind
ekv_sankey_hit (EkvSankeyGraph *graph,
                double          x,
                double          y,
                guint          *index)
{
  g_autoptr(GArray) order = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  EkvSankeyHitKind kind = EKV_SANKEY_HIT_NONE;

  g_return_val_if_fail (graph != NULL, EKV_SANKEY_HIT_NONE);

  for (guint i = graph->nodes->len; i-- > 0;)
    {
      const EkvSankeyNode *node = &g_array_index (graph->nodes, EkvSankeyNode, i);

      if (x >= node->x0 - 2 && x <= node->x1 + 2 && y >= node->y0 - 2 && y <= MAX (node->y1, node->y0 + 1) + 2)
        {
          if (index != NULL)
            *index = i;
          return EKV_SANKEY_HIT_NODE;
        }
    }

  order = links_by_width (graph);
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  for (guint i = order->len; i-- > 0;)
    {
      guint l = g_array_index (order, guint, i);
      const EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, l);

      gboolean inside;

      if (!link->circular && link->width >= 4)
        {
          cairo_new_path (cr);
          band_outline (cr, graph, link);
          inside = cairo_in_fill (cr, x, y);
        }
      else
        {
          link_path (cr, graph, link);
          cairo_set_line_width (cr, MAX (link->width, 4));   /* a thin band can still be pointed at */
          inside = cairo_in_stroke (cr, x, y);
        }
      if (inside)
        {
          if (index != NULL)
            *index = l;
          kind = EKV_SANKEY_HIT_LINK;
          break;
        }
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return kind;
}

/* ------------------------------------------------------------------------ */
/* Files                                                                    */

double
ekv_sankey_fit_scale (EkvSankeyGraph             *graph,
                      double                      width,
                      double                      height,
                      const EkvSankeyDrawOptions *options)
{
  /* Drawn for real (the labels' room decides the plot's size) onto one pixel:
   * cairo clips what falls outside, so it costs little more than the layout. */
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  EkvSankeyDrawOptions copy;
  gboolean ok;

  g_return_val_if_fail (graph != NULL, 0);

  if (options != NULL)
    copy = *options;
  else
    ekv_sankey_draw_options_init (&copy);
  copy.fixed_scale = 0;
  copy.labels = NULL;
  ok = ekv_sankey_draw (cr, graph, width, height, &copy, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return ok ? graph->scale : 0;
}

typedef struct
{
  EkvSankeyGraph             *graph;
  const EkvSankeyDrawOptions *options;
} FileDrawing;

static gboolean
draw_graph_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data,
               GError  **error)
{
  FileDrawing *f = user_data;

  return ekv_sankey_draw (cr, f->graph, width, height, f->options, error);
}

gboolean
ekv_sankey_write_file_full (EkvSankeyGraph             *graph,
                            const EkvSankeyDrawOptions *options,
                            EkvChartFormat              format,
                            const char                 *path,
                            double                      width,
                            double                      height,
                            GError                    **error)
{
  FileDrawing f = { graph, options };

  g_return_val_if_fail (graph != NULL, FALSE);

  return ekv_chart_write_file (format, path, width, height, graph->title, draw_graph_cb, &f,
                               error);
}

gboolean
ekv_sankey_write_file (EkvSankeyGraph  *graph,
                       EkvChartFormat   format,
                       const char      *path,
                       double           width,
                       double           height,
                       GError         **error)
{
  return ekv_sankey_write_file_full (graph, NULL, format, path, width, height, error);
}
