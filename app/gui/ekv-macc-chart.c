/* ekv-macc-chart.c: the marginal abatement cost curve on screen
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Draws through ekv_macc_draw() with the theme's colours; hovering a bar shows
 * the option's NPV, investment and payback (DOMAIN.md §2.7).
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-macc-chart.h"
#include "ekv-util.h"

struct _EkvMaccChart
{
  GtkWidget   parent_instance;

  EkvOptions *options;          /* not owned */
  char       *currency;
  gboolean    only_portfolio;
  GArray     *bars;             /* EkvMaccBar of the last snapshot */
};

G_DEFINE_FINAL_TYPE (EkvMaccChart, ekv_macc_chart, GTK_TYPE_WIDGET)

static void
to_color (const GdkRGBA *rgba,
          EkvColor      *color)
{
  color->red = rgba->red;
  color->green = rgba->green;
  color->blue = rgba->blue;
}

static void
ekv_macc_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  EkvMaccChart *self = EKV_MACC_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  EkvMaccDrawOptions options;
  GtkStyleContext *context;
  GdkRGBA fg, bg;
  cairo_t *cr;

  g_array_set_size (self->bars, 0);
  if (self->options == NULL || width <= 0 || height <= 0)
    return;

  ekv_macc_draw_options_init (&options);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "card_bg_color", &bg))
    bg = (GdkRGBA) { 1, 1, 1, 1 };
  G_GNUC_END_IGNORE_DEPRECATIONS
  to_color (&fg, &options.foreground);
  to_color (&bg, &options.background);
  options.fill_background = FALSE;
  options.show_title = FALSE;
  options.currency = self->currency;
  options.only_portfolio = self->only_portfolio;
  options.bars = self->bars;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ekv_macc_draw (cr, self->options, width, height, &options);
  cairo_destroy (cr);
}

static char *
format_money (double      value,
              const char *currency)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup (C_("figure", "not defined"));
  number = ekv_number_format (round (value), 0);
  /* Translators: an amount of money and its currency, e.g. "1,234 TRY" */
  return g_strdup_printf (_("%s %s"), number, currency != NULL ? currency : "");
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  EkvMaccChart *self = EKV_MACC_CHART (widget);

  for (guint i = 0; i < self->bars->len; i++)
    {
      const EkvMaccBar *bar = &g_array_index (self->bars, EkvMaccBar, i);
      const EkvOptionResult *r = bar->option;
      g_autofree char *npv = NULL, *investment = NULL, *cost = NULL, *co2 = NULL, *text = NULL;
      g_autofree char *payback = NULL;

      if (x < bar->x0 || x >= bar->x1)
        continue;
      npv = format_money (r->finance.npv, self->currency);
      investment = format_money (r->investment, self->currency);
      cost = format_money (r->cost_per_t_co2, self->currency);
      co2 = ekv_number_format (r->co2_avoided_t, 1);
      payback = isfinite (r->finance.simple_payback_years)
                  ? ekv_number_format (r->finance.simple_payback_years, 1)
                  : g_strdup (C_("figure", "not defined"));
      /* Translators: the tooltip of a bar of the cost curve: id and title, then
       * the CO₂ avoided, cost per tonne, NPV, investment and payback in years */
      text = g_strdup_printf (_("%s %s\n%s t CO₂/year at %s/t\n"
                                "NPV %s · investment %s · payback %s years"),
                              r->id, ekv_record_get_string (r->option, EKV_OPTION_TITLE),
                              co2, cost, npv, investment, payback);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }
  return FALSE;
}

static void
ekv_macc_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 300 : 280;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 420;
}

static void
ekv_macc_chart_finalize (GObject *object)
{
  EkvMaccChart *self = EKV_MACC_CHART (object);

  g_clear_pointer (&self->bars, g_array_unref);
  g_free (self->currency);

  G_OBJECT_CLASS (ekv_macc_chart_parent_class)->finalize (object);
}

static void
ekv_macc_chart_class_init (EkvMaccChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ekv_macc_chart_finalize;
  widget_class->snapshot = ekv_macc_chart_snapshot;
  widget_class->measure = ekv_macc_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "ekv-macc-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ekv_macc_chart_init (EkvMaccChart *self)
{
  self->bars = g_array_new (FALSE, FALSE, sizeof (EkvMaccBar));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
ekv_macc_chart_new (void)
{
  return g_object_new (EKV_TYPE_MACC_CHART, NULL);
}

void
ekv_macc_chart_set_options (EkvMaccChart *self,
                            EkvOptions   *options,
                            const char   *currency,
                            gboolean      only_portfolio)
{
  g_return_if_fail (EKV_IS_MACC_CHART (self));

  self->options = options;
  g_free (self->currency);
  self->currency = g_strdup (currency);
  self->only_portfolio = only_portfolio;
  g_array_set_size (self->bars, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GArray *
ekv_macc_chart_get_bars (EkvMaccChart *self)
{
  g_return_val_if_fail (EKV_IS_MACC_CHART (self), NULL);

  return self->bars;
}
