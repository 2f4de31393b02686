/* ekv-chart-draw.c: the small charts the window and the report share
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-chart-draw.h"
#include "ekv-util.h"

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign,
           double       yalign)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * xalign, y - h * yalign);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

static int
text_width (PangoLayout *layout,
            const char  *text)
{
  int w;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

/* A round step for about N gridlines over SPAN. */
static double
nice_step (double span,
           int    n)
{
  double raw = span / n;
  double magnitude = pow (10, floor (log10 (raw)));
  double f = raw / magnitude;

  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * magnitude;
}

/* A number short enough for an axis: "1,2 M", "350 k", "12", "0,5". */
static char *
axis_number (double value,
             double step)
{
  g_autofree char *number = NULL;

  if (fabs (value) < step * 1e-6)
    value = 0;
  if (fabs (value) >= 1e6 && step >= 1e5)
    {
      number = ekv_number_format (value / 1e6, fmod (step, 1e6) == 0 ? 0 : 1);
      return g_strdup_printf ("%s M", number);
    }
  if (fabs (value) >= 1e4 && step >= 1e3)
    {
      number = ekv_number_format (value / 1e3, 0);
      return g_strdup_printf ("%s k", number);
    }
  return ekv_number_format (value, step >= 1 ? 0 : step >= 0.1 ? 1 : 2);
}

/* Gridlines from LO to HI (a multiple of STEP) between LEFT and RIGHT, their
 * values left of LEFT; Y maps a value to the drawing. */
static void
draw_grid (cairo_t             *cr,
           const EkvChartStyle *style,
           double               lo,
           double               hi,
           double               step,
           double               left,
           double               right,
           double               top,
           double               bottom)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 0.5);
  for (double t = ceil (lo / step - 1e-9) * step; t <= hi + step * 1e-6; t += step)
    {
      double y = bottom - (bottom - top) * (t - lo) / (hi - lo);
      g_autofree char *label = axis_number (t, step);

      ekv_palette_set_source (cr, &style->foreground, 0.15);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      ekv_palette_set_source (cr, &style->foreground, 0.7);
      show_text (cr, style->layout, label, left - 4, y, 1, 0.5);
    }
  cairo_restore (cr);
}

/* The width of the widest value label of gridlines from LO to HI. */
static int
grid_label_width (const EkvChartStyle *style,
                  double               lo,
                  double               hi,
                  double               step)
{
  int widest = 0;

  for (double t = ceil (lo / step - 1e-9) * step; t <= hi + step * 1e-6; t += step)
    {
      g_autofree char *label = axis_number (t, step);

      widest = MAX (widest, text_width (style->layout, label));
    }
  return widest;
}

void
ekv_month_bars_draw (cairo_t             *cr,
                     const EkvChartStyle *style,
                     const double        *values,
                     const char * const  *labels,
                     guint                n,
                     double               width,
                     double               height)
{
  double max = 0.0, slot, left = 0, top = 0, bottom, step = 0;
  int label_height = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL && PANGO_IS_LAYOUT (style->layout));
  g_return_if_fail (n == 0 || (values != NULL && labels != NULL));

  if (n == 0 || width <= 0 || height <= 0)
    return;

  pango_layout_set_text (style->layout, "Ag", -1);
  pango_layout_get_pixel_size (style->layout, NULL, &label_height);

  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]) && values[i] > max)
      max = values[i];

  if (style->value_axis && max > 0)
    {
      step = nice_step (max, 4);
      max = ceil (max / step) * step;
      left = grid_label_width (style, 0, max, step) + 6;
      top = label_height / 2.0;
    }
  slot = (width - left) / n;
  bottom = MAX (height - label_height - 4, top + 1);

  if (step > 0)
    draw_grid (cr, style, 0, max, step, left, width, top, bottom);

  /* The base line */
  ekv_palette_set_source (cr, &style->foreground, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, left, floor (bottom) + 0.5);
  cairo_line_to (cr, width, floor (bottom) + 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    {
      double v = values[i];
      int label_width;

      if (isfinite (v) && v > 0 && max > 0)
        {
          double bar = (bottom - top - (step > 0 ? 0 : 2)) * v / max;

          ekv_palette_set_source (cr, &style->accent, 1.0);
          cairo_rectangle (cr, left + i * slot + slot * 0.15, bottom - bar, slot * 0.7, bar);
          cairo_fill (cr);
        }

      label_width = text_width (style->layout, labels[i] != NULL ? labels[i] : "");
      ekv_palette_set_source (cr, &style->foreground, 1.0);
      cairo_move_to (cr, left + i * slot + (slot - label_width) / 2, bottom + 2);
      pango_cairo_show_layout (cr, style->layout);
      cairo_new_path (cr);
    }
}

/* "Target 80": a line's name and value, at its right end */
static char *
line_name (const char *name,
           double      value)
{
  g_autofree char *number = ekv_number_format (value, -1);

  /* Translators: beside a line of a KPI chart: "Baseline" or "Target", then its value */
  return g_strdup_printf (_("%s %s"), name, number);
}

void
ekv_kpi_line_draw (cairo_t             *cr,
                   const EkvChartStyle *style,
                   const char * const  *periods,
                   const double        *values,
                   guint                n,
                   double               baseline,
                   double               target,
                   double               width,
                   double               height)
{
  const EkvColor *line = ekv_palette_series (0), *goal = ekv_palette_series (2);
  const EkvColor *fg = &style->foreground;
  PangoLayout *layout = style->layout;
  double lo = INFINITY, hi = -INFINITY, left = 8, right, top = 8, bottom, span, step = 0;
  int label_h = 0, name_w = 0;
  g_autofree char *baseline_text = NULL;
  g_autofree char *target_text = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL && PANGO_IS_LAYOUT (style->layout));
  g_return_if_fail (n == 0 || (periods != NULL && values != NULL));

  if (width <= 0 || height <= 0)
    return;

  pango_layout_set_text (layout, "Ag", -1);
  pango_layout_get_pixel_size (layout, NULL, &label_h);

  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, values[i]);
      hi = MAX (hi, values[i]);
    }
  if (isfinite (baseline))
    lo = MIN (lo, baseline), hi = MAX (hi, baseline);
  if (isfinite (target))
    lo = MIN (lo, target), hi = MAX (hi, target);

  if (!isfinite (lo))
    {
      ekv_palette_set_source (cr, fg, 0.6);
      show_text (cr, layout, _("No values yet"), width / 2.0, height / 2.0, 0.5, 0.5);
      return;
    }
  span = hi - lo;
  if (span <= 0)
    span = fabs (hi) > 0 ? fabs (hi) * 0.2 : 1;
  lo -= span * 0.1;
  hi += span * 0.1;

  /* Room on the right for the names of the lines and their values */
  baseline_text = isfinite (baseline) ? line_name (_("Baseline"), baseline) : NULL;
  target_text = isfinite (target) ? line_name (_("Target"), target) : NULL;
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? baseline_text : target_text;

      if (text != NULL)
        name_w = MAX (name_w, text_width (layout, text));
    }
  if (style->value_axis)
    {
      step = nice_step (hi - lo, 4);
      left = grid_label_width (style, lo, hi, step) + 6;
      top = label_h / 2.0;
    }
  right = width - name_w - 12;
  bottom = height - label_h - 6;
  if (right - left < 20 || bottom - top < 20)
    return;

#define Y(v) (top + (hi - (v)) / (hi - lo) * (bottom - top))
#define X(i) (n > 1 ? left + 6 + (double) (i) * (right - left - 12) / (n - 1) : (left + right) / 2)

  if (step > 0)
    draw_grid (cr, style, lo, hi, step, left, right, top, bottom);

  /* The axis */
  ekv_palette_set_source (cr, fg, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, floor (bottom) + 0.5);
  cairo_line_to (cr, right, floor (bottom) + 0.5);
  cairo_stroke (cr);

  /* Baseline and target */
  {
    static const double dash[] = { 5, 4 };

    cairo_save (cr);
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
    cairo_set_line_width (cr, 1.5);
    if (isfinite (baseline))
      {
        ekv_palette_set_source (cr, fg, 0.7);
        cairo_move_to (cr, left, Y (baseline));
        cairo_line_to (cr, right, Y (baseline));
        cairo_stroke (cr);
        show_text (cr, layout, baseline_text, right + 6, Y (baseline), 0, 0.5);
      }
    if (isfinite (target))
      {
        ekv_palette_set_source (cr, goal, 1.0);
        cairo_move_to (cr, left, Y (target));
        cairo_line_to (cr, right, Y (target));
        cairo_stroke (cr);
        show_text (cr, layout, target_text, right + 6, Y (target), 0, 0.5);
      }
    cairo_restore (cr);
  }

  /* The values */
  ekv_palette_set_source (cr, line, 1.0);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < n; i++)
    {
      if (i == 0)
        cairo_move_to (cr, X (i), Y (values[i]));
      else
        cairo_line_to (cr, X (i), Y (values[i]));
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      cairo_new_path (cr);
      cairo_arc (cr, X (i), Y (values[i]), 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  /* Period labels: as many as fit */
  {
    guint every = 1;
    int label_w = text_width (layout, "2026-12");

    for (guint i = 0; i < n; i++)
      label_w = MAX (label_w, text_width (layout, periods[i]));
    while (n > 1 && every < n && (right - left) / ((n - 1) / (double) every + 1) < label_w + 8)
      every++;
    ekv_palette_set_source (cr, fg, 1.0);
    for (guint i = 0; i < n; i += every)
      show_text (cr, layout, periods[i], X (i), bottom + 3,
                 n == 1 ? 0.5 : (i == 0 ? 0 : (i + every >= n ? 1 : 0.5)), 0);
  }
#undef X
#undef Y
}
