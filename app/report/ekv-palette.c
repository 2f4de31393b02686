/* ekv-palette.c: the colours of charts
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-palette.h"

/* Okabe & Ito, "Color Universal Design" (2008). */
#define OI_ORANGE     { 0.902, 0.624, 0.000 }
#define OI_SKY_BLUE   { 0.337, 0.706, 0.914 }
#define OI_GREEN      { 0.000, 0.620, 0.451 }
#define OI_YELLOW     { 0.941, 0.894, 0.259 }
#define OI_BLUE       { 0.000, 0.447, 0.698 }
#define OI_VERMILLION { 0.835, 0.369, 0.000 }
#define OI_PURPLE     { 0.800, 0.475, 0.655 }
#define OI_BLACK      { 0.000, 0.000, 0.000 }

static const EkvColor band_colors[EKV_SANKEY_N_BANDS] = {
  [EKV_SANKEY_BAND_MATERIAL] = OI_ORANGE,
  [EKV_SANKEY_BAND_WATER] = OI_SKY_BLUE,
  [EKV_SANKEY_BAND_ENERGY] = OI_YELLOW,
  [EKV_SANKEY_BAND_INTERMEDIATE] = { 0.600, 0.600, 0.600 },
  [EKV_SANKEY_BAND_RECYCLE] = OI_GREEN,
  [EKV_SANKEY_BAND_PRODUCT] = OI_BLUE,
  [EKV_SANKEY_BAND_WASTE] = OI_VERMILLION,
  [EKV_SANKEY_BAND_WASTEWATER] = OI_PURPLE,
  [EKV_SANKEY_BAND_EMISSION] = { 0.400, 0.400, 0.400 },
  [EKV_SANKEY_BAND_LOSS] = { 0.750, 0.420, 0.250 },
  [EKV_SANKEY_BAND_UNACCOUNTED] = { 0.820, 0.820, 0.820 },
};

static const char * const band_labels[EKV_SANKEY_N_BANDS] = {
  [EKV_SANKEY_BAND_MATERIAL] = N_("Materials"),
  [EKV_SANKEY_BAND_WATER] = N_("Water"),
  [EKV_SANKEY_BAND_ENERGY] = N_("Energy"),
  [EKV_SANKEY_BAND_INTERMEDIATE] = N_("Between unit operations"),
  [EKV_SANKEY_BAND_RECYCLE] = N_("Recycled"),
  [EKV_SANKEY_BAND_PRODUCT] = N_("Products"),
  [EKV_SANKEY_BAND_WASTE] = N_("Waste"),
  [EKV_SANKEY_BAND_WASTEWATER] = N_("Wastewater"),
  [EKV_SANKEY_BAND_EMISSION] = N_("Emissions and evaporation"),
  [EKV_SANKEY_BAND_LOSS] = N_("Heat losses"),
  [EKV_SANKEY_BAND_UNACCOUNTED] = N_("Unaccounted"),
};

static const EkvColor series_colors[] = {
  OI_BLUE, OI_ORANGE, OI_GREEN, OI_VERMILLION, OI_SKY_BLUE, OI_PURPLE, OI_YELLOW, OI_BLACK,
};

const EkvColor *
ekv_palette_band_color (EkvSankeyBand band)
{
  g_return_val_if_fail (band < EKV_SANKEY_N_BANDS, &band_colors[0]);

  return &band_colors[band];
}

const char *
ekv_palette_band_label (EkvSankeyBand band)
{
  g_return_val_if_fail (band < EKV_SANKEY_N_BANDS, "");

  return _(band_labels[band]);
}

const EkvColor *
ekv_palette_series (guint index)
{
  return &series_colors[index % G_N_ELEMENTS (series_colors)];
}

void
ekv_palette_set_source (cairo_t        *cr,
                        const EkvColor *color,
                        double          alpha)
{
  g_return_if_fail (cr != NULL && color != NULL);

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
}
