/* ekv-month-chart.c: a small bar chart of one value per month
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * One bar per month, scaled to the largest value, with the translated month
 * abbreviation under it. Colours come from the style: the text colour for labels,
 * the accent colour for bars. The data come only from the caller; the drawing
 * is the report's (ekv-chart-draw.h).
 */
#include "config.h"

#include <math.h>

#include "ekv-chart-draw.h"
#include "ekv-month-chart.h"

struct _EkvMonthChart
{
  GtkWidget  parent_instance;

  GArray    *values; /* double */
  int        first_year;
  int        first_month;
};

G_DEFINE_FINAL_TYPE (EkvMonthChart, ekv_month_chart, GTK_TYPE_WIDGET)

static char *
month_label (int year,
             int month)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, 1, 0, 0, 0);

  return date != NULL ? g_date_time_format (date, "%b") : g_strdup ("");
}

void
ekv_month_chart_draw (EkvMonthChart *self,
                      cairo_t       *cr,
                      int            width,
                      int            height)
{
  GtkStyleContext *context;
  GdkRGBA fg, accent;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  EkvChartStyle style = { 0 };
  guint n;

  g_return_if_fail (EKV_IS_MONTH_CHART (self));
  g_return_if_fail (cr != NULL);

  n = self->values->len;
  if (n == 0 || width <= 0 || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    accent = fg;
  G_GNUC_END_IGNORE_DEPRECATIONS

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "");
  labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n; i++)
    {
      int month0 = self->first_month - 1 + (int) i;

      g_ptr_array_add (labels, month_label (self->first_year + month0 / 12, month0 % 12 + 1));
    }

  /* The same drawing as the report's monthly bills, in the window's colours. */
  style.layout = layout;
  style.foreground = (EkvColor) { fg.red, fg.green, fg.blue };
  style.accent = (EkvColor) { accent.red, accent.green, accent.blue };
  style.value_axis = FALSE;
  ekv_month_bars_draw (cr, &style, (const double *) self->values->data,
                       (const char * const *) labels->pdata, n, width, height);
}

static void
ekv_month_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ekv_month_chart_draw (EKV_MONTH_CHART (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
ekv_month_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 480;
    }
  else
    {
      *minimum = 100;
      *natural = 120;
    }
}

static void
ekv_month_chart_finalize (GObject *object)
{
  EkvMonthChart *self = EKV_MONTH_CHART (object);

  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (ekv_month_chart_parent_class)->finalize (object);
}

static void
ekv_month_chart_class_init (EkvMonthChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ekv_month_chart_finalize;
  widget_class->snapshot = ekv_month_chart_snapshot;
  widget_class->measure = ekv_month_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "ekv-month-chart");
}

static void
ekv_month_chart_init (EkvMonthChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->first_year = 2000;
  self->first_month = 1;
}

GtkWidget *
ekv_month_chart_new (void)
{
  return g_object_new (EKV_TYPE_MONTH_CHART, NULL);
}

void
ekv_month_chart_set_values (EkvMonthChart *self,
                            const double  *values,
                            guint          n_values,
                            int            first_year,
                            int            first_month)
{
  g_return_if_fail (EKV_IS_MONTH_CHART (self));
  g_return_if_fail (values != NULL || n_values == 0);
  g_return_if_fail (first_month >= 1 && first_month <= 12);

  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values, n_values);
  self->first_year = first_year;
  self->first_month = first_month;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
