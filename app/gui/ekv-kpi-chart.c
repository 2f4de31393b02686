/* ekv-kpi-chart.c: a small line chart of an indicator's values over time
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The values as a line with dots, in period order; the baseline as a dashed line
 * in the text colour, the target as a dashed line in the palette's green, each
 * named at its right end. The scale includes both lines, so progress towards
 * the target reads at a glance. The data come only from the caller; the
 * drawing is the report's (ekv-chart-draw.h), in the window's colours.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-chart-draw.h"
#include "ekv-kpi-chart.h"

struct _EkvKpiChart
{
  GtkWidget  parent_instance;

  GPtrArray *periods;   /* char * */
  GArray    *values;    /* double */
  double     baseline;
  double     target;
};

G_DEFINE_FINAL_TYPE (EkvKpiChart, ekv_kpi_chart, GTK_TYPE_WIDGET)

void
ekv_kpi_chart_draw (EkvKpiChart *self,
                    cairo_t     *cr,
                    int          width,
                    int          height)
{
  g_autoptr(PangoLayout) layout = NULL;
  GtkStyleContext *context;
  EkvChartStyle style = { 0 };
  GdkRGBA fg;

  g_return_if_fail (EKV_IS_KPI_CHART (self));
  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The same drawing as the report's KPI charts, in the window's colours. */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");
  style.layout = layout;
  style.foreground = (EkvColor) { fg.red, fg.green, fg.blue };
  style.accent = style.foreground;
  style.value_axis = FALSE;
  ekv_kpi_line_draw (cr, &style, (const char * const *) self->periods->pdata,
                     (const double *) self->values->data, self->values->len, self->baseline,
                     self->target, width, height);
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
