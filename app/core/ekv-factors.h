/* ekv-factors.h: heating values, TEP and CO2 factors of energy carriers
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The built-in factors are data records (value, unit, source title, URL, year,
 * confidence) taken from DOMAIN.md §3.2–3.5, never constants scattered through
 * the code. An audit may override them in its own `factors[]`; a lookup prefers
 * the audit's factor and says which one it used (EkvFactorSource), so every
 * result can show where its figures come from.
 */
#pragma once

#include <glib.h>

#include "ekv-document.h"
#include "ekv-types.h"
#include "ekv-units.h"

G_BEGIN_DECLS

/* How sure the figure is (DOMAIN.md §0): shown beside built-in factors. */
typedef enum
{
  EKV_CONFIDENCE_VERIFIED,  /* [V] seen in the cited source */
  EKV_CONFIDENCE_SECONDARY, /* [S] seen only in a secondary source */
  EKV_CONFIDENCE_DERIVED,   /* [D] derived by arithmetic from cited inputs */
  EKV_CONFIDENCE_RECALLED,  /* [R] domain knowledge, to verify */
} EkvConfidence;

/* Where a factor in use comes from. */
typedef enum
{
  EKV_FACTOR_SOURCE_BUILT_IN, /* the table of this file */
  EKV_FACTOR_SOURCE_AUDIT,    /* the audit's factors[] (unset fields filled from the built-in) */
} EkvFactorSource;

struct _EkvFactor
{
  EkvCarrier       carrier;
  EkvQuantityUnit  unit;        /* the quantity the values are per: Sm3, kWh, t, ... */
  double           lhv_kwh;     /* lower heating value, kWh per unit; NAN when unknown */
  double           tep;         /* tonnes of oil equivalent per unit */
  double           co2_kg;      /* kg fossil CO2 per unit (0 for biogenic fuels, see note) */
  const char      *title;       /* source title: English, untranslated, for built-ins;
                                 * the audit's "source" text (may be NULL) otherwise;
                                 * static or interned: never freed */
  const char      *url;         /* NULL when none */
  int              year;        /* data year or edition of the source; 0 when unknown */
  EkvConfidence    confidence;
  const char      *note;        /* a remark (biogenic CO2, data year) or NULL; for built-ins the
                                 * English msgid, marked for translation: show it through
                                 * g_dgettext (GETTEXT_PACKAGE, note) */
  EkvFactorSource  source;
  EkvRecord       *record;      /* the audit's factor record (source AUDIT), else NULL;
                                 * not a reference: valid while the document holds it */
};

/* The built-in table, in a stable order (one or more rows per carrier; the first
 * row of a carrier is its preferred unit). Static data; never freed. */
const EkvFactor *ekv_factors_get_builtin      (guint          *n_factors);

/* The built-in factor of CARRIER for UNIT; when no row has that unit, the
 * carrier's first row (whose unit then differs: convert with
 * ekv_quantity_unit_convert() or ekv_quantity_to_kwh()). NULL when the carrier
 * has no built-in factor (steam, hot water, thermal oil, compressed air, other,
 * water, wastewater). */
const EkvFactor *ekv_factors_lookup_builtin   (EkvCarrier      carrier,
                                               EkvQuantityUnit unit);

/* The factor an audit uses for CARRIER in UNIT, written to FACTOR: the audit's own
 * factor for the carrier (one in UNIT preferred, else its first for the carrier),
 * its unset fields filled from the built-in factor of the same carrier and unit
 * where there is one; else the built-in (as ekv_factors_lookup_builtin()).
 * Returns FALSE, with FACTOR untouched, when neither exists. DOCUMENT may be
 * NULL (built-ins only). */
gboolean         ekv_factors_lookup           (EkvDocument    *document,
                                               EkvCarrier      carrier,
                                               EkvQuantityUnit unit,
                                               EkvFactor      *factor);

/* Fills FACTOR from an audit factor RECORD (EKV_ENTITY_FACTOR), filling unset
 * fields from the built-in of its carrier and unit as above. */
void             ekv_factor_init_from_record  (EkvFactor      *factor,
                                               EkvRecord      *record);

/* "[V]", "[S]", "[D]", "[R]". */
const char      *ekv_confidence_to_tag        (EkvConfidence   confidence);
/* Translated: "verified in the cited source", ... */
const char      *ekv_confidence_describe      (EkvConfidence   confidence);
/* "built-in" or "audit" (for JSON and scripts; not translated). */
const char      *ekv_factor_source_to_string  (EkvFactorSource source);

G_END_DECLS
