/* ekv-flowchart.c: the process flow chart of an audit's unit operations (W4)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Reads the document into boxes and arrows, paints them and answers what lies
 * where; ekv-flowchart-layout.c decides where everything goes.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ekv-enums.h"
#include "ekv-flowchart-private.h"
#include "ekv-labels.h"
#include "ekv-util.h"

/* Sizes in px */
#define BOX_PAD       EKV_FLOWCHART_BOX_PAD
#define BOX_BAR       EKV_FLOWCHART_BOX_BAR
#define BOX_RADIUS    6.0
#define HEAD_LENGTH   8.0
#define HEAD_WIDTH    4.5
#define HIT_DISTANCE  4.0

/* The state of a box's mass balance (shown with a symbol too, for colour-blind
 * readers): green, amber, red, and grey for no figure. */
static const EkvColor status_colors[] = {
  [EKV_BALANCE_STATUS_OK] = { 0.180, 0.545, 0.341 },
  [EKV_BALANCE_STATUS_WARN] = { 0.839, 0.541, 0.000 },
  [EKV_BALANCE_STATUS_ERROR] = { 0.784, 0.157, 0.157 },
};
static const EkvColor no_status_color = { 0.600, 0.600, 0.600 };

static const EkvFlowchartStyle default_style = {
  { 0.133, 0.133, 0.133 },
  { 1.000, 1.000, 1.000 },
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
  EkvFlowchartText *text = data;

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
  EkvFlowchartLegendItem *item = data;

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

static const EkvColor *
box_status_color (const EkvFlowchartBox *box)
{
  if (!box->has_status || box->status > EKV_BALANCE_STATUS_ERROR)
    return &no_status_color;
  return &status_colors[box->status];
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
          const EkvFlowchartText         *text)
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
      cairo_move_to (cr, inner_x + inner_w - _ekv_flowchart_layout_width (text->outputs), y);
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
      const EkvFlowchartLegendItem *item = &g_array_index (self->legend, EkvFlowchartLegendItem, i);
      double h = _ekv_flowchart_layout_height (item->layout);
      double cy = round (item->y + h / 2) + 0.5;
      double text_x = item->x;

      cairo_save (cr);
      switch (item->kind)
        {
        case EKV_FLOWCHART_LEGEND_BAND:
          {
            EkvSankeyPoint line[2] = { { item->x, cy }, { item->x + 30, cy } };

            set_arrow_style (cr, &self->style, item->value, item->value == EKV_SANKEY_BAND_RECYCLE);
            draw_arrow_line (cr, line, 2);
            cairo_set_dash (cr, NULL, 0, 0);
            draw_head (cr, &line[1], &line[0]);
            text_x += 36;
          }
          break;
        case EKV_FLOWCHART_LEGEND_STATUS:
        case EKV_FLOWCHART_LEGEND_NO_STATUS:
          rounded_rectangle (cr, item->x, cy - 6, 14, 12, 2);
          ekv_palette_set_source (cr, item->kind == EKV_FLOWCHART_LEGEND_STATUS ? &status_colors[item->value]
                                                                   : &no_status_color, 1.0);
          cairo_fill (cr);
          text_x += 20;
          break;
        case EKV_FLOWCHART_LEGEND_TEXT:
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
  self->texts = g_array_new (FALSE, TRUE, sizeof (EkvFlowchartText));
  g_array_set_clear_func (self->texts, text_clear);
  self->arrows = g_array_new (FALSE, TRUE, sizeof (EkvFlowchartArrow));
  g_array_set_clear_func (self->arrows, arrow_clear);
  self->routes = _ekv_flowchart_routes_new ();
  self->legend = g_array_new (FALSE, TRUE, sizeof (EkvFlowchartLegendItem));
  g_array_set_clear_func (self->legend, legend_clear);

  index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  read_units (self, document, index);
  read_flows (self, document, index);
  g_array_set_size (self->texts, self->boxes->len);
  _ekv_flowchart_lay_out (self);

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
              &g_array_index (chart->texts, EkvFlowchartText, i));

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
