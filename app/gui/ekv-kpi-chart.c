/* ekv-kpi-chart.c: a small line chart of an indicator's values over time
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The values as a line with dots, in period order; the baseline as a dashed line
 * in the text colour, the target as a dashed line in the palette's green, each
 * named at its right end. The scale includes both lines, so progress towards
 * the target reads at a glance. The data come only from the caller.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-kpi-chart.h"
#include "ekv-palette.h"
#include "ekv-util.h"

struct _EkvKpiChart
{
  GtkWidget  parent_instance;

  GPtrArray *periods;   /* char * */
  GArray    *values;    /* double */
  double     baseline;
  double     target;
};

G_DEFINE_FINAL_TYPE (EkvKpiChart, ekv_kpi_chart, GTK_TYPE_WIDGET)

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
ekv_kpi_chart_draw (EkvKpiChart *self,
                    cairo_t     *cr,
                    int          width,
                    int          height)
{
  const EkvColor *line = ekv_palette_series (0), *goal = ekv_palette_series (2);
  g_autoptr(PangoLayout) layout = NULL;
  GtkStyleContext *context;
  double lo = INFINITY, hi = -INFINITY, left = 8, right, top = 8, bottom, span;
  int label_h = 0, name_w = 0, w;
  g_autofree char *baseline_text = NULL;
  g_autofree char *target_text = NULL;
  guint n;
  GdkRGBA fg;

  g_return_if_fail (EKV_IS_KPI_CHART (self));
  g_return_if_fail (cr != NULL);

  n = self->values->len;
  if (width <= 0 || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");
  pango_layout_get_pixel_size (layout, NULL, &label_h);

  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (self->values, double, i);

      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  if (isfinite (self->baseline))
    lo = MIN (lo, self->baseline), hi = MAX (hi, self->baseline);
  if (isfinite (self->target))
    lo = MIN (lo, self->target), hi = MAX (hi, self->target);

  if (!isfinite (lo))
    {
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      show_text (cr, layout, _("No values yet"), width / 2.0, height / 2.0, 0.5, 0.5);
      return;
    }
  span = hi - lo;
  if (span <= 0)
    span = fabs (hi) > 0 ? fabs (hi) * 0.2 : 1;
  lo -= span * 0.1;
  hi += span * 0.1;

  /* Room on the right for the names of the lines and their values */
  baseline_text = isfinite (self->baseline) ? line_name (_("Baseline"), self->baseline) : NULL;
  target_text = isfinite (self->target) ? line_name (_("Target"), self->target) : NULL;
  for (guint i = 0; i < 2; i++)
    {
      const char *text = i == 0 ? baseline_text : target_text;

      if (text == NULL)
        continue;
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      name_w = MAX (name_w, w);
    }
  right = width - name_w - 12;
  bottom = height - label_h - 6;
  if (right - left < 20 || bottom - top < 20)
    return;

#define Y(v) (top + (hi - (v)) / (hi - lo) * (bottom - top))
#define X(i) (n > 1 ? left + 6 + (double) (i) * (right - left - 12) / (n - 1) : (left + right) / 2)

  /* The axis */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.3);
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
    if (isfinite (self->baseline))
      {
        cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
        cairo_move_to (cr, left, Y (self->baseline));
        cairo_line_to (cr, right, Y (self->baseline));
        cairo_stroke (cr);
        show_text (cr, layout, baseline_text, right + 6, Y (self->baseline), 0, 0.5);
      }
    if (isfinite (self->target))
      {
        ekv_palette_set_source (cr, goal, 1.0);
        cairo_move_to (cr, left, Y (self->target));
        cairo_line_to (cr, right, Y (self->target));
        cairo_stroke (cr);
        show_text (cr, layout, target_text, right + 6, Y (self->target), 0, 0.5);
      }
    cairo_restore (cr);
  }

  /* The values */
  ekv_palette_set_source (cr, line, 1.0);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < n; i++)
    {
      double v = g_array_index (self->values, double, i);

      if (i == 0)
        cairo_move_to (cr, X (i), Y (v));
      else
        cairo_line_to (cr, X (i), Y (v));
    }
  cairo_stroke (cr);
  for (guint i = 0; i < n; i++)
    {
      cairo_arc (cr, X (i), Y (g_array_index (self->values, double, i)), 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  /* Period labels: as many as fit */
  {
    guint every = 1;
    int label_w;

    pango_layout_set_text (layout, "2026-12", -1);
    pango_layout_get_pixel_size (layout, &label_w, NULL);
    while (n > 1 && every < n && (right - left) / ((n - 1) / (double) every + 1) < label_w + 8)
      every++;
    gdk_cairo_set_source_rgba (cr, &fg);
    for (guint i = 0; i < n; i += every)
      show_text (cr, layout, g_ptr_array_index (self->periods, i), X (i), bottom + 3,
                 n == 1 ? 0.5 : (i == 0 ? 0 : (i + every >= n ? 1 : 0.5)), 0);
  }
#undef X
#undef Y
}

static void
ekv_kpi_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ekv_kpi_chart_draw (EKV_KPI_CHART (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
ekv_kpi_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 150;
}

static void
ekv_kpi_chart_finalize (GObject *object)
{
  EkvKpiChart *self = EKV_KPI_CHART (object);

  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->periods, g_ptr_array_unref);

  G_OBJECT_CLASS (ekv_kpi_chart_parent_class)->finalize (object);
}

static void
ekv_kpi_chart_class_init (EkvKpiChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ekv_kpi_chart_finalize;
  widget_class->snapshot = ekv_kpi_chart_snapshot;
  widget_class->measure = ekv_kpi_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "ekv-kpi-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ekv_kpi_chart_init (EkvKpiChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->periods = g_ptr_array_new_with_free_func (g_free);
  self->baseline = NAN;
  self->target = NAN;
}

GtkWidget *
ekv_kpi_chart_new (void)
{
  return g_object_new (EKV_TYPE_KPI_CHART, NULL);
}

void
ekv_kpi_chart_set_data (EkvKpiChart        *self,
                        const char * const *periods,
                        const double       *values,
                        guint               n,
                        double              baseline,
                        double              target)
{
  g_return_if_fail (EKV_IS_KPI_CHART (self));
  g_return_if_fail (n == 0 || (periods != NULL && values != NULL));

  g_array_set_size (self->values, 0);
  g_ptr_array_set_size (self->periods, 0);
  for (guint i = 0; i < n; i++)
    {
      g_array_append_val (self->values, values[i]);
      g_ptr_array_add (self->periods, g_strdup (periods[i]));
    }
  self->baseline = baseline;
  self->target = target;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
ekv_kpi_chart_get_n_points (EkvKpiChart *self)
{
  g_return_val_if_fail (EKV_IS_KPI_CHART (self), 0);

  return self->values->len;
}

const char *
ekv_kpi_chart_get_point (EkvKpiChart *self,
                         guint        i,
                         double      *value)
{
  g_return_val_if_fail (EKV_IS_KPI_CHART (self), NULL);
  g_return_val_if_fail (i < self->values->len, NULL);

  if (value != NULL)
    *value = g_array_index (self->values, double, i);
  return g_ptr_array_index (self->periods, i);
}
