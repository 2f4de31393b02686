/* ekv-macc-draw.c: a marginal abatement cost curve drawn onto any cairo_t, and to files
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * From the top: the title, the legend of the categories on the curve, the plot
 * (y: cost per tonne with its zero line, x: cumulative tonnes per year), then the
 * options that are not on the curve, wrapped to the width.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "ekv-enums.h"
#include "ekv-labels.h"
#include "ekv-macc-draw.h"
#include "ekv-util.h"

#define N_CATEGORIES (EKV_OPTION_CATEGORY_EOP + 1)

typedef struct
{
  cairo_t                  *cr;
  PangoContext             *pango;
  const EkvMaccDrawOptions *options;
  double                    font_size;
} Drawing;

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

static PangoLayout *
new_layout (Drawing    *d,
            const char *text,
            double      size,
            gboolean    bold)
{
  PangoLayout *layout = pango_layout_new (d->pango);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();

  pango_font_description_set_family (font, "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

static void
show_layout (Drawing     *d,
             PangoLayout *layout,
             double       x,
             double       y)
{
  ekv_palette_set_source (d->cr, &d->options->foreground, 1.0);
  cairo_move_to (d->cr, x, y);
  pango_cairo_show_layout (d->cr, layout);
}

static const char *
option_title (const EkvOptionResult *result)
{
  const char *title = ekv_record_get_string (result->option, EKV_OPTION_TITLE);

  return title != NULL && *title != '\0' ? title : result->id;
}

static EkvOptionCategory
option_category (const EkvOptionResult *result)
{
  int category = ekv_record_get_enum (result->option, EKV_OPTION_CATEGORY);

  return category >= 0 && category < N_CATEGORIES ? category : EKV_OPTION_CATEGORY_GH;
}

/* ------------------------------------------------------------------------ */
/* Scales                                                                   */

/* A round step (1, 2 or 5 × 10ⁿ) that cuts SPAN into about N parts. */
static double
nice_step (double span,
           int    n)
{
  double raw = span / MAX (n, 1), magnitude, fraction;

  if (!(raw > 0) || !isfinite (raw))
    return 1.0;
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static char *
format_tick (double value,
             double step)
{
  int digits = step >= 1 ? 0 : (int) ceil (-log10 (step));

  if (fabs (value) < step * 1e-6)
    value = 0;
  return ekv_number_format (value, MIN (digits, 6));
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                  */

void
ekv_macc_draw_options_init (EkvMaccDrawOptions *draw_options)
{
  g_return_if_fail (draw_options != NULL);

  *draw_options = (EkvMaccDrawOptions) {
    .currency = NULL,
    .only_portfolio = FALSE,
    .show_title = TRUE,
    .fill_background = TRUE,
    .background = { 1.0, 1.0, 1.0 },
    .foreground = { 0.10, 0.10, 0.12 },
    .font_size = 0,
    .bars = NULL,
    .off_curve = NULL,
  };
}

/* The sentence under the chart naming the options left off it, or NULL. */
static char *
off_curve_text (EkvOptions               *options,
                GPtrArray                *curve,
                const EkvMaccDrawOptions *draw_options)
{
  g_autoptr(GString) none = g_string_new (NULL);
  g_autoptr(GString) unknown = g_string_new (NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < options->options->len; i++)
    {
      const EkvOptionResult *result = &g_array_index (options->options, EkvOptionResult, i);
      gboolean on_curve = FALSE;
      GString *list;

      if (draw_options->only_portfolio && !result->in_portfolio)
        continue;
      for (guint j = 0; j < curve->len && !on_curve; j++)
        on_curve = g_ptr_array_index (curve, j) == result;
      if (on_curve)
        continue;

      if (draw_options->off_curve != NULL)
        g_ptr_array_add (draw_options->off_curve, (gpointer) result);
      list = isfinite (result->co2_avoided_t) && result->co2_avoided_t > 0 ? unknown : none;
      if (list->len > 0)
        g_string_append (list, "; ");
      /* Translators: an option in the list under the cost curve: its id and title */
      g_string_append_printf (list, _("%s %s"), result->id, option_title (result));
    }

  if (none->len > 0)
    /* Translators: under the cost curve, then a list of options ("o7 Title; o8 Title") */
    g_string_append_printf (text, _("Not on the curve (no CO₂ avoided): %s."), none->str);
  if (unknown->len > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: under the cost curve, then a list of options ("o7 Title; o8 Title") */
      g_string_append_printf (text, _("Not on the curve (cost per tonne not known): %s."),
                              unknown->str);
    }

  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* The legend: a swatch and the label of each category on the curve, in rows;
 * returns its height. */
static double
draw_legend (Drawing         *d,
             const gboolean  *present,
             const EkvColor **colors,
             double           x0,
             double           y0,
             double           width,
             gboolean         draw)
{
  double swatch = d->font_size, row = d->font_size * 1.6, x = x0, y = y0;
  gboolean any = FALSE;

  for (int c = 0; c < N_CATEGORIES; c++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      double w, h;

      if (!present[c])
        continue;
      layout = new_layout (d, ekv_enum_get_label (EKV_TYPE_OPTION_CATEGORY, c), d->font_size,
                           FALSE);
      layout_size (layout, &w, &h);
      if (any && x + swatch * 1.4 + w > x0 + width)
        {
          x = x0;
          y += row;
        }
      any = TRUE;
      if (draw)
        {
          ekv_palette_set_source (d->cr, colors[c], 0.9);
          cairo_rectangle (d->cr, x, y + (h - swatch) / 2, swatch, swatch);
          cairo_fill (d->cr);
          show_layout (d, layout, x + swatch * 1.4, y);
        }
      x += swatch * 1.4 + w + d->font_size * 1.5;
    }

  return any ? y - y0 + row : 0;
}

static void
draw_bars_and_axes (Drawing          *d,
                    GPtrArray        *curve,
                    const EkvColor  **colors,
                    double            px,
                    double            py,
                    double            pw,
                    double            ph)
{
  cairo_t *cr = d->cr;
  double total = 0, ymin = 0, ymax = 0, xstep, ystep, sx, sy, cum = 0;
  double label_w = 0, label_h = 0, left = 0, bottom;
  g_autoptr(PangoLayout) ytitle = NULL;
  g_autoptr(PangoLayout) xtitle = NULL;
  g_autofree char *ytext = NULL;
  double x_axis_title_h, y_axis_title_h;
  g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (EkvMaccBar));

  for (guint i = 0; i < curve->len; i++)
    {
      const EkvOptionResult *r = g_ptr_array_index (curve, i);

      total += r->co2_avoided_t;
      ymin = MIN (ymin, r->cost_per_t_co2);
      ymax = MAX (ymax, r->cost_per_t_co2);
    }
  if (ymax - ymin <= 0)
    ymax = 1;
  ystep = nice_step (ymax - ymin, 5);
  ymin = floor (ymin / ystep) * ystep;
  ymax = ceil (ymax / ystep) * ystep;
  if (ymax - ymin <= 0)
    ymax = ymin + ystep;
  xstep = nice_step (total, 6);

  /* Axis titles: y rotated along the left edge, x under the tick labels. */
  if (d->options->currency != NULL && *d->options->currency != '\0')
    /* Translators: the y axis of the cost curve; %s is a currency code, e.g. "TRY" */
    ytext = g_strdup_printf (_("Cost per tonne of CO₂ avoided (%s/t)"), d->options->currency);
  else
    ytext = g_strdup (_("Cost per tonne of CO₂ avoided (per t)"));
  ytitle = new_layout (d, ytext, d->font_size, FALSE);
  layout_size (ytitle, NULL, &y_axis_title_h);
  xtitle = new_layout (d, _("CO₂ avoided, cumulative (t/year)"), d->font_size, FALSE);
  layout_size (xtitle, NULL, &x_axis_title_h);

  /* The widest y tick label decides the left margin. */
  for (double v = ymin; v <= ymax + ystep * 0.5; v += ystep)
    {
      g_autofree char *text = format_tick (v, ystep);
      g_autoptr(PangoLayout) layout = new_layout (d, text, d->font_size * 0.9, FALSE);

      layout_size (layout, &label_w, &label_h);
      left = MAX (left, label_w);
    }
  left += y_axis_title_h + d->font_size * 0.8;
  bottom = label_h + x_axis_title_h + d->font_size * 0.6;

  px += left;
  pw -= left + d->font_size;
  ph -= bottom;
  if (pw < 10 || ph < 10)
    return;
  sx = total > 0 ? pw / total : 0;
  sy = ph / (ymax - ymin);

#define Y(v) (py + (ymax - (v)) * sy)

  /* Grid and y ticks */
  cairo_set_line_width (cr, 1);
  for (double v = ymin; v <= ymax + ystep * 0.5; v += ystep)
    {
      g_autofree char *text = format_tick (v, ystep);
      g_autoptr(PangoLayout) layout = new_layout (d, text, d->font_size * 0.9, FALSE);
      double y = round (Y (v)) + 0.5;

      ekv_palette_set_source (cr, &d->options->foreground, 0.12);
      cairo_move_to (cr, px, y);
      cairo_line_to (cr, px + pw, y);
      cairo_stroke (cr);
      layout_size (layout, &label_w, &label_h);
      show_layout (d, layout, px - label_w - d->font_size * 0.4, y - label_h / 2);
    }

  /* Bars, separated by a hairline of the background */
  for (guint i = 0; i < curve->len; i++)
    {
      const EkvOptionResult *r = g_ptr_array_index (curve, i);
      double ya = Y (0), yb = Y (r->cost_per_t_co2);
      EkvMaccBar bar = { r, px + cum * sx, MIN (ya, yb), px + (cum + r->co2_avoided_t) * sx,
                         MAX (ya, yb) };

      cum += r->co2_avoided_t;
      ekv_palette_set_source (cr, colors[option_category (r)], 0.85);
      cairo_rectangle (cr, bar.x0, bar.y0, bar.x1 - bar.x0, MAX (bar.y1 - bar.y0, 1));
      cairo_fill_preserve (cr);
      ekv_palette_set_source (cr, &d->options->background, 1.0);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      g_array_append_val (bars, bar);
      if (d->options->bars != NULL)
        g_array_append_val (d->options->bars, bar);
    }

  /* Bar labels: the option's id beyond the bar's end, where it fits. */
  for (guint i = 0; i < bars->len; i++)
    {
      const EkvMaccBar *bar = &g_array_index (bars, EkvMaccBar, i);
      g_autoptr(PangoLayout) layout = new_layout (d, bar->option->id, d->font_size * 0.85, FALSE);
      double w, h, label_y;

      layout_size (layout, &w, &h);
      if (w > bar->x1 - bar->x0 + 2)
        continue;
      if (bar->option->cost_per_t_co2 < 0)
        label_y = bar->y1 + h + 2 <= py + ph ? bar->y1 + 2 : bar->y1 - h - 2;
      else
        label_y = bar->y0 - h - 2 >= py ? bar->y0 - h - 2 : bar->y0 + 2;
      show_layout (d, layout, (bar->x0 + bar->x1 - w) / 2, label_y);
    }

  /* The zero line and the x axis with its ticks (at the bottom of the plot) */
  ekv_palette_set_source (cr, &d->options->foreground, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, px, round (Y (0)) + 0.5);
  cairo_line_to (cr, px + pw, round (Y (0)) + 0.5);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, px + 0.5, py);
  cairo_line_to (cr, px + 0.5, py + ph);
  cairo_line_to (cr, px + pw, py + ph);
  cairo_stroke (cr);
  for (double v = 0; total > 0 && v <= total * 1.0001; v += xstep)
    {
      g_autofree char *text = format_tick (v, xstep);
      g_autoptr(PangoLayout) layout = new_layout (d, text, d->font_size * 0.9, FALSE);
      double x = round (px + v * sx) + 0.5;

      ekv_palette_set_source (cr, &d->options->foreground, 1.0);
      cairo_move_to (cr, x, py + ph);
      cairo_line_to (cr, x, py + ph + 4);
      cairo_stroke (cr);
      layout_size (layout, &label_w, &label_h);
      show_layout (d, layout, CLAMP (x - label_w / 2, px - left, px + pw + d->font_size - label_w),
                   py + ph + 4);
    }

  /* Axis titles */
  layout_size (xtitle, &label_w, NULL);
  show_layout (d, xtitle, px + (pw - label_w) / 2, py + ph + 4 + label_h + d->font_size * 0.2);
  layout_size (ytitle, &label_w, NULL);
  cairo_save (cr);
  cairo_translate (cr, px - left, py + ph / 2 + label_w / 2);
  cairo_rotate (cr, -G_PI / 2);
  show_layout (d, ytitle, 0, 0);
  cairo_restore (cr);

#undef Y
}

void
ekv_macc_draw (cairo_t                  *cr,
               EkvOptions               *options,
               double                    width,
               double                    height,
               const EkvMaccDrawOptions *draw_options)
{
  EkvMaccDrawOptions defaults;
  g_autoptr(GPtrArray) curve = NULL;
  g_autoptr(GObject) pango_owner = NULL;   /* PangoContext has no autoptr in Pango 1.50 */
  g_autofree char *note = NULL;
  cairo_font_options_t *font_options;
  gboolean present[N_CATEGORIES] = { FALSE, };
  const EkvColor *colors[N_CATEGORIES];
  double margin, y, note_h = 0, legend_h;
  guint n_colors = 0;
  Drawing d;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (options != NULL);

  if (draw_options == NULL)
    {
      ekv_macc_draw_options_init (&defaults);
      draw_options = &defaults;
    }
  if (width < 1 || height < 1)
    return;

  d.cr = cr;
  d.options = draw_options;
  d.font_size = draw_options->font_size > 0 ? draw_options->font_size
                                            : CLAMP (MIN (width / 60, height / 36), 9, 16);
  d.pango = pango_cairo_create_context (cr);
  pango_owner = G_OBJECT (d.pango);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (d.pango, font_options);
  cairo_font_options_destroy (font_options);

  cairo_save (cr);
  if (draw_options->fill_background)
    {
      ekv_palette_set_source (cr, &draw_options->background, 1.0);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }

  curve = ekv_options_macc_order (options, draw_options->only_portfolio);

  /* A colour per category, in the order the categories first appear on the
   * curve: the first bars get the most distinct colours. */
  for (int c = 0; c < N_CATEGORIES; c++)
    colors[c] = ekv_palette_series (0);
  for (guint i = 0; i < curve->len; i++)
    {
      EkvOptionCategory c = option_category (g_ptr_array_index (curve, i));

      if (!present[c])
        colors[c] = ekv_palette_series (n_colors++);
      present[c] = TRUE;
    }

  margin = d.font_size;
  y = margin;
  if (draw_options->show_title)
    {
      g_autoptr(PangoLayout) title = new_layout (&d, _("Marginal abatement cost curve"),
                                                 d.font_size * 1.25, TRUE);
      double h;

      layout_size (title, NULL, &h);
      show_layout (&d, title, margin, y);
      y += h + d.font_size * 0.5;
    }

  legend_h = draw_legend (&d, present, colors, margin, y, width - 2 * margin, TRUE);
  y += legend_h + (legend_h > 0 ? d.font_size * 0.5 : 0);

  note = off_curve_text (options, curve, draw_options);
  if (note != NULL)
    {
      g_autoptr(PangoLayout) layout = new_layout (&d, note, d.font_size * 0.9, FALSE);

      pango_layout_set_width (layout, (int) ((width - 2 * margin) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      layout_size (layout, NULL, &note_h);
      /* The note never takes more than a third of the height. */
      note_h = MIN (note_h, height / 3);
      pango_layout_set_height (layout, (int) (note_h * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      show_layout (&d, layout, margin, height - margin - note_h);
      note_h += d.font_size * 0.6;
    }

  if (curve->len == 0)
    {
      g_autoptr(PangoLayout) layout = NULL;
      double w, h;

      layout = new_layout (&d, _("No option avoids CO₂ yet: the curve is empty."), d.font_size,
                           FALSE);

      layout_size (layout, &w, &h);
      show_layout (&d, layout, (width - w) / 2, (y + height - margin - note_h - h) / 2);
    }
  else
    draw_bars_and_axes (&d, curve, colors, margin, y + d.font_size * 0.5,
                        width - 2 * margin, height - margin - note_h - y - d.font_size * 0.5);

  cairo_restore (cr);
}

/* ------------------------------------------------------------------------ */
/* Files                                                                    */

typedef struct
{
  EkvOptions               *options;
  const EkvMaccDrawOptions *draw_options;
} FileDrawing;

static gboolean
draw_curve_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data,
               GError  **error)
{
  FileDrawing *f = user_data;
  EkvMaccDrawOptions copy;

  if (f->draw_options != NULL)
    copy = *f->draw_options;
  else
    ekv_macc_draw_options_init (&copy);
  copy.bars = NULL;
  copy.off_curve = NULL;
  ekv_macc_draw (cr, f->options, width, height, &copy);
  return TRUE;
}

gboolean
ekv_macc_write_file (EkvOptions               *options,
                     const EkvMaccDrawOptions *draw_options,
                     EkvChartFormat            format,
                     const char               *path,
                     double                    width,
                     double                    height,
                     GError                  **error)
{
  FileDrawing f = { options, draw_options };

  g_return_val_if_fail (options != NULL, FALSE);

  return ekv_chart_write_file (format, path, width, height, _("Marginal abatement cost curve"),
                               draw_curve_cb, &f, error);
}
