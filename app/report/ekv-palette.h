/* ekv-palette.h: the colours of charts, one colour-blind-safe palette
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <cairo.h>

#include "ekv-sankey.h"

G_BEGIN_DECLS

typedef struct
{
  double red;
  double green;
  double blue;
} EkvColor;

/* The colour of a Sankey band class (Okabe–Ito, told apart with every common
 * colour-vision deficiency; unaccounted flow is a neutral grey). */
const EkvColor *ekv_palette_band_color (EkvSankeyBand  band);
/* Translated legend label of a band class, e.g. "Wastewater". */
const char     *ekv_palette_band_label (EkvSankeyBand  band);

/* The i-th categorical colour (cycles through the palette): for series in bar
 * and line charts and MACC categories. */
const EkvColor *ekv_palette_series     (guint          index);

/* cairo_set_source_rgba() with an EkvColor. */
void            ekv_palette_set_source (cairo_t        *cr,
                                        const EkvColor *color,
                                        double          alpha);

G_END_DECLS
