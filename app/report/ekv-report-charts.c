/* ekv-report-charts.c: the report's own small charts: monthly bills, KPIs
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Vector drawings onto any cairo_t, numbers in the language of the calling
 * thread (the report draws inside its language scope).
 */
#include "config.h"

#include <math.h>

#include "ekv-palette.h"
#include "ekv-report-private.h"
#include "ekv-util.h"

static const EkvColor chart_ink = { 0.10, 0.10, 0.12 };
static const EkvColor chart_grey = { 0.45, 0.47, 0.50 };
static const EkvColor chart_rule = { 0.85, 0.86, 0.88 };

void
_ekv_report_month_series_free (gpointer data)
{
  EkvReportMonthSeries *series = data;

  g_free (series->title);
  g_clear_pointer (&series->values, g_array_unref);
  g_clear_pointer (&series->labels, g_ptr_array_unref);
  g_free (series);
}

void
_ekv_report_kpi_series_free (gpointer data)
{
  EkvReportKpiSeries *series = data;

  g_free (series->title);
  g_free (series->baseline_label);
  g_free (series->target_label);
  g_clear_pointer (&series->periods, g_ptr_array_unref);
  g_clear_pointer (&series->values, g_array_unref);
  g_free (series);
}

static PangoLayout *
small_text (PangoContext *context,
            const char   *text,
            double        size,
            gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (EKV_REPORT_FONT);

  pango_font_description_set_size (font, (int) round (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_at (cairo_t        *cr,
         PangoContext   *context,
         const char     *text,
         double          size,
         gboolean        bold,
         double          x,
         double          y,
         double          align_x,    /* 0 left, 0.5 centre, 1 right */
         double          align_y,
         const EkvColor *color)
{
  g_autoptr(PangoLayout) layout = small_text (context, text, size, bold);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  ekv_palette_set_source (cr, color, 1.0);
  cairo_move_to (cr, x - align_x * logical.width / PANGO_SCALE,
                 y - align_y * logical.height / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

/* A "nice" step for about N ticks up to MAX. */
static double
nice_step (double max,
           int    n)
{
  double raw = max / n;
  double mag = pow (10, floor (log10 (raw)));
  double f = raw / mag;

  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/* A number short enough for an axis: 1,2 M; 350 k; 12. */
static char *
axis_number (double value)
{
  g_autofree char *number = NULL;

  if (fabs (value) >= 1e6)
    {
      number = ekv_number_format (value / 1e6, fmod (value, 1e6) == 0 ? 0 : 1);
      return g_strdup_printf ("%s M", number);
    }
  if (fabs (value) >= 1e4)
    {
      number = ekv_number_format (value / 1e3, 0);
      return g_strdup_printf ("%s k", number);
    }
  return ekv_number_format (value, fabs (value) < 10 && fmod (value, 1) != 0 ? 1 : 0);
}

void
_ekv_report_draw_month_bars (cairo_t  *cr,
                             double    width,
                             double    height,
                             gpointer  data)
{
  EkvReportMonthSeries *series = data;
  PangoContext *context = _ekv_report_pango_context (cr);
  g_autoptr(GObject) owner = G_OBJECT (context);
  guint n = series->values->len;
  double max = 0.0, step, left = 44, top = 18, bottom = height - 14, slot;

  text_at (cr, context, series->title, 8.5, TRUE, 0, 0, 0, 0, &chart_ink);
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (series->values, double, i);

      if (isfinite (v) && v > max)
        max = v;
    }
  if (n == 0 || max <= 0)
    return;

  step = nice_step (max, 4);
  max = ceil (max / step) * step;
  cairo_set_line_width (cr, 0.5);
  for (double t = 0; t <= max + step / 2; t += step)
    {
      double y = bottom - (bottom - top) * t / max;
      g_autofree char *label = axis_number (t);

      ekv_palette_set_source (cr, &chart_rule, 1.0);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, width, y);
      cairo_stroke (cr);
      text_at (cr, context, label, 6.5, FALSE, left - 4, y, 1, 0.5, &chart_grey);
    }

  slot = (width - left) / n;
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (series->values, double, i);

      if (isfinite (v) && v > 0)
        {
          double h = (bottom - top) * v / max;

          ekv_palette_set_source (cr, ekv_palette_series (0), 1.0);
          cairo_rectangle (cr, left + i * slot + slot * 0.18, bottom - h, slot * 0.64, h);
          cairo_fill (cr);
        }
      text_at (cr, context, g_ptr_array_index (series->labels, i), 6.5, FALSE,
               left + (i + 0.5) * slot, bottom + 2, 0.5, 0, &chart_grey);
    }
  ekv_palette_set_source (cr, &chart_ink, 1.0);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, left, bottom);
  cairo_line_to (cr, width, bottom);
  cairo_stroke (cr);
}

void
_ekv_report_draw_kpi (cairo_t  *cr,
                      double    width,
                      double    height,
                      gpointer  data)
{
  EkvReportKpiSeries *series = data;
  PangoContext *context = _ekv_report_pango_context (cr);
  g_autoptr(GObject) owner = G_OBJECT (context);
  guint n = series->values->len;
  double lo = INFINITY, hi = -INFINITY, step, left = 44, right = width - 70, top = 18;
  double bottom = height - 14, slot;
  double refs[2] = { series->baseline, series->target };

  text_at (cr, context, series->title, 8.5, TRUE, 0, 0, 0, 0, &chart_ink);
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (series->values, double, i);

      if (isfinite (v))
        lo = MIN (lo, v), hi = MAX (hi, v);
    }
  for (guint i = 0; i < 2; i++)
    if (isfinite (refs[i]))
      lo = MIN (lo, refs[i]), hi = MAX (hi, refs[i]);
  if (!isfinite (lo) || !isfinite (hi))
    return;
  if (hi - lo < fabs (hi) * 0.05 + 1e-9)
    lo -= fabs (hi) * 0.05 + 1, hi += fabs (hi) * 0.05 + 1;
  step = nice_step (hi - lo, 4);
  lo = floor (lo / step) * step;
  hi = ceil (hi / step) * step;

  cairo_set_line_width (cr, 0.5);
  for (double t = lo; t <= hi + step / 2; t += step)
    {
      double y = bottom - (bottom - top) * (t - lo) / (hi - lo);
      g_autofree char *label = axis_number (t);

      ekv_palette_set_source (cr, &chart_rule, 1.0);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      text_at (cr, context, label, 6.5, FALSE, left - 4, y, 1, 0.5, &chart_grey);
    }

  /* Baseline and target as dashed lines, named at the right. */
  for (guint i = 0; i < 2; i++)
    if (isfinite (refs[i]))
      {
        double y = bottom - (bottom - top) * (refs[i] - lo) / (hi - lo);
        const EkvColor *color = i == 0 ? &chart_grey : ekv_palette_series (2);
        double dash[] = { 3, 2 };

        ekv_palette_set_source (cr, color, 1.0);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_set_line_width (cr, 1.0);
        cairo_move_to (cr, left, y);
        cairo_line_to (cr, right, y);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        text_at (cr, context, i == 0 ? series->baseline_label : series->target_label, 6.5, FALSE,
                 right + 4, y, 0, 0.5, color);
      }

  if (n == 0)
    return;
  slot = (right - left) / n;
  ekv_palette_set_source (cr, ekv_palette_series (0), 1.0);
  cairo_set_line_width (cr, 1.6);
  for (guint i = 0, started = 0; i < n; i++)
    {
      double v = g_array_index (series->values, double, i);
      double x = left + (i + 0.5) * slot;

      if (!isfinite (v))
        continue;
      if (started++ == 0)
        cairo_move_to (cr, x, bottom - (bottom - top) * (v - lo) / (hi - lo));
      else
        cairo_line_to (cr, x, bottom - (bottom - top) * (v - lo) / (hi - lo));
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (series->values, double, i);
      double x = left + (i + 0.5) * slot;

      if (isfinite (v))
        {
          ekv_palette_set_source (cr, ekv_palette_series (0), 1.0);
          cairo_new_path (cr);
          cairo_arc (cr, x, bottom - (bottom - top) * (v - lo) / (hi - lo), 2.2, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      text_at (cr, context, g_ptr_array_index (series->periods, i), 6.5, FALSE, x, bottom + 2,
               0.5, 0, &chart_grey);
    }
}
