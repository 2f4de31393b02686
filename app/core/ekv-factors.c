/* ekv-factors.c: heating values, TEP and CO2 factors of energy carriers
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-entity.h"
#include "ekv-factors.h"

/* The derivations of DOMAIN.md, kept visible: a lower heating value in kcal per
 * kg gives kWh per tonne, and an IPCC emission factor per TJ gives kg CO2 per
 * tonne at that heating value (1 kcal = 4.1868 kJ). */
#define KWH_PER_T(kcal_per_kg)            ((kcal_per_kg) * 1000.0 * EKV_KWH_PER_KCAL)
#define CO2_KG_PER_T(kg_per_tj, kcal_per_kg) ((kg_per_tj) * (kcal_per_kg) * 1000.0 * 4.1868e-9)

#define TEP_TABLE_TITLE "Enerji Kaynaklarının Alt Isıl Değerleri ve Petrol Eşdeğerine Çevrim Katsayıları (annex of the energy efficiency regulation)"
#define TEP_TABLE_URL   "https://tekniktrend.com/alt-isil-deger-tablosu-ve-tep-cevrim/"
#define IPCC_TITLE      "2006 IPCC Guidelines, Vol. 2 Energy, ch. 1, Tables 1.2 and 1.4"
#define IPCC_URL        "https://www.ipcc-nggip.iges.or.jp/public/2006gl/pdf/2_Volume2/V2_1_Ch1_Introduction.pdf"

#define ROW(carrier_, unit_, lhv_, tep_, co2_, title_, url_, year_, conf_, note_) \
  { .carrier = EKV_CARRIER_ ## carrier_, .unit = EKV_QUANTITY_UNIT_ ## unit_, \
    .lhv_kwh = (lhv_), .tep = (tep_), .co2_kg = (co2_), .title = (title_), .url = (url_), \
    .year = (year_), .confidence = EKV_CONFIDENCE_ ## conf_, .note = (note_), \
    .source = EKV_FACTOR_SOURCE_BUILT_IN, .record = NULL }

/* DOMAIN.md §3.2 (TEP and heating values), §3.4 (IPCC CO2), §3.5 (grid factor).
 * The confidence of a row is that of its weakest figure. */
static const EkvFactor builtin_factors[] = {
  /* 860 kcal/kWh → 0.086 TEP/MWh [V]; grid: ETKB, data year 2020, 0.440 t CO2-eq/MWh
   * net generation [V]. */
  ROW (ELECTRICITY, KWH, 1.0, 0.000086, 0.440,
       "TEP: " TEP_TABLE_TITLE "; CO2: ETKB, Türkiye elektrik üretimi ve tüketim noktası emisyon faktörleri, 2020 data year (0.440 t CO2-eq/MWh, net generation)",
       "https://yesilekonomi.com/enerji-bakanligi-2020-yili-guncel-emisyon-faktoru-hesaplamasini-yayimladi/",
       2020, VERIFIED,
       N_("Grid factor of the Ministry (ETKB) for net generation, data year 2020. The consumption-point factor, which includes grid losses, is the better choice once verified; check for a newer edition.")),
  /* 8 250 kcal/Sm3 [V] → 9.59475 kWh/Sm3; 0.825 TEP per 1 000 Sm3 [S]; IPCC 56 100
   * kg/TJ × 34.54 MJ/Sm3 = 1.938 kg/Sm3 [D]. */
  ROW (NATURAL_GAS, SM3, 8250.0 * EKV_KWH_PER_KCAL, 0.000825, 1.938,
       "LHV 8 250 kcal/Sm3 and TEP: " TEP_TABLE_TITLE "; CO2: " IPCC_TITLE " (56 100 kg/TJ × 34.54 MJ/Sm3)",
       "https://www.izgaz.com.tr/evsel/yakit-karsilastirma",
       2006, SECONDARY,
       N_("Net (lower) heating value. Invoices give kWh of the gross heating value, about 11 percent more: enter invoiced gas in Sm³.")),
  /* Fuel oil No. 4: 9 600 kcal/kg, 0.960 TEP/t [V]; IPCC residual fuel oil 77 400 kg/TJ [S]. */
  ROW (FUEL_OIL, T, KWH_PER_T (9600.0), 0.960, CO2_KG_PER_T (77400.0, 9600.0),
       TEP_TABLE_TITLE " (fuel oil No. 4); CO2: " IPCC_TITLE " (residual fuel oil, 77 400 kg/TJ)",
       TEP_TABLE_URL, 2006, SECONDARY,
       N_("Fuel oil No. 4 (9 600 kcal/kg). No. 6 is 0.986 TEP/t: override the factor if the plant burns it.")),
  /* Diesel ≈ 10 200 kcal/kg, 1.020 TEP/t [S]; IPCC gas/diesel oil 74 100 kg/TJ [S]. */
  ROW (DIESEL, T, KWH_PER_T (10200.0), 1.020, CO2_KG_PER_T (74100.0, 10200.0),
       TEP_TABLE_TITLE " (motorin); CO2: " IPCC_TITLE " (gas/diesel oil, 74 100 kg/TJ)",
       TEP_TABLE_URL, 2006, SECONDARY,
       N_("Per tonne. Diesel bought in litres needs its density to convert to tonnes.")),
  /* LPG ≈ 10 900 kcal/kg, 1.090 TEP/t [S]; IPCC 63 100 kg/TJ [S]. */
  ROW (LPG, T, KWH_PER_T (10900.0), 1.090, CO2_KG_PER_T (63100.0, 10900.0),
       TEP_TABLE_TITLE " (LPG); CO2: " IPCC_TITLE " (LPG, 63 100 kg/TJ)",
       TEP_TABLE_URL, 2006, SECONDARY, NULL),
  /* Hard coal 6 100 kcal/kg, 0.610 TEP/t [V]; IPCC other bituminous coal 94 600 kg/TJ [S]. */
  ROW (COAL, T, KWH_PER_T (6100.0), 0.610, CO2_KG_PER_T (94600.0, 6100.0),
       TEP_TABLE_TITLE " (taşkömürü); CO2: " IPCC_TITLE " (other bituminous coal, 94 600 kg/TJ)",
       TEP_TABLE_URL, 2006, SECONDARY,
       N_("Hard coal at 6 100 kcal/kg; use the supplier’s heating value when known.")),
  /* Lignite for heating and industry 3 000 kcal/kg, 0.300 TEP/t [V]; IPCC 101 000 kg/TJ [S]. */
  ROW (LIGNITE, T, KWH_PER_T (3000.0), 0.300, CO2_KG_PER_T (101000.0, 3000.0),
       TEP_TABLE_TITLE " (linyit, ısınma ve sanayi); CO2: " IPCC_TITLE " (lignite, 101 000 kg/TJ)",
       TEP_TABLE_URL, 2006, SECONDARY,
       N_("Lignite for heating and industry at 3 000 kcal/kg; Turkish lignites vary widely: use the supplier’s heating value when known.")),
  /* Olive pomace 4 300 kcal/kg, 0.430 TEP/t [V]; biogenic CO2 is a memo item [V]. */
  ROW (POMACE, T, KWH_PER_T (4300.0), 0.430, 0.0,
       TEP_TABLE_TITLE " (prina)",
       TEP_TABLE_URL, 2006, VERIFIED,
       N_("Biogenic: its CO₂ (about 1.8 t per tonne at 100 000 kg/TJ, IPCC) is reported as a memo item, not in the fossil total.")),
};

const EkvFactor *
ekv_factors_get_builtin (guint *n_factors)
{
  if (n_factors != NULL)
    *n_factors = G_N_ELEMENTS (builtin_factors);
  return builtin_factors;
}

const EkvFactor *
ekv_factors_lookup_builtin (EkvCarrier      carrier,
                            EkvQuantityUnit unit)
{
  const EkvFactor *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_factors); i++)
    {
      if (builtin_factors[i].carrier != carrier)
        continue;
      if (builtin_factors[i].unit == unit)
        return &builtin_factors[i];
      if (first == NULL)
        first = &builtin_factors[i];
    }
  return first;
}

void
ekv_factor_init_from_record (EkvFactor *factor,
                             EkvRecord *record)
{
  const EkvFactor *builtin;

  g_return_if_fail (factor != NULL);
  g_return_if_fail (EKV_IS_RECORD (record));
  g_return_if_fail (ekv_record_get_kind (record) == EKV_ENTITY_FACTOR);

  factor->carrier = ekv_record_get_enum (record, EKV_FACTOR_CARRIER);
  factor->unit = ekv_record_get_enum (record, EKV_FACTOR_UNIT);

  builtin = ekv_factors_lookup_builtin (factor->carrier, factor->unit);
  if (builtin != NULL && builtin->unit != factor->unit)
    builtin = NULL;   /* values per another unit cannot fill in */

  if (ekv_record_is_set (record, EKV_FACTOR_LHV_KWH))
    factor->lhv_kwh = ekv_record_get_double (record, EKV_FACTOR_LHV_KWH);
  else
    factor->lhv_kwh = builtin != NULL ? builtin->lhv_kwh : NAN;

  if (ekv_record_is_set (record, EKV_FACTOR_TEP))
    factor->tep = ekv_record_get_double (record, EKV_FACTOR_TEP);
  else
    factor->tep = builtin != NULL ? builtin->tep : 0;

  if (ekv_record_is_set (record, EKV_FACTOR_CO2_KG))
    factor->co2_kg = ekv_record_get_double (record, EKV_FACTOR_CO2_KG);
  else
    factor->co2_kg = builtin != NULL ? builtin->co2_kg : 0;

  /* interned: it outlives edits of the record (a handful of short texts) */
  factor->title = ekv_record_get_string (record, EKV_FACTOR_SOURCE);
  if (factor->title != NULL && factor->title[0] == '\0')
    factor->title = NULL;
  factor->title = g_intern_string (factor->title);
  factor->url = NULL;
  factor->year = 0;
  /* the auditor's own figure: as sure as the auditor says, which the format does
   * not record; "secondary" until checked */
  factor->confidence = EKV_CONFIDENCE_SECONDARY;
  factor->note = NULL;
  factor->source = EKV_FACTOR_SOURCE_AUDIT;
  factor->record = record;
}

gboolean
ekv_factors_lookup (EkvDocument    *document,
                    EkvCarrier      carrier,
                    EkvQuantityUnit unit,
                    EkvFactor      *factor)
{
  const EkvFactor *builtin;

  g_return_val_if_fail (document == NULL || EKV_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (factor != NULL, FALSE);

  if (document != NULL)
    {
      GListModel *list = ekv_document_get_list (document, EKV_ENTITY_FACTOR);
      guint n = g_list_model_get_n_items (list);
      EkvRecord *first = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EkvRecord) record = g_list_model_get_item (list, i);

          if (ekv_record_get_enum (record, EKV_FACTOR_CARRIER) != (int) carrier)
            continue;
          if (ekv_record_get_enum (record, EKV_FACTOR_UNIT) == (int) unit)
            {
              ekv_factor_init_from_record (factor, record);
              return TRUE;
            }
          if (first == NULL)
            first = record;   /* the document keeps it alive */
        }

      if (first != NULL)
        {
          ekv_factor_init_from_record (factor, first);
          return TRUE;
        }
    }

  builtin = ekv_factors_lookup_builtin (carrier, unit);
  if (builtin == NULL)
    return FALSE;
  *factor = *builtin;
  return TRUE;
}

const char *
ekv_confidence_to_tag (EkvConfidence confidence)
{
  switch (confidence)
    {
    case EKV_CONFIDENCE_VERIFIED:  return "[V]";
    case EKV_CONFIDENCE_SECONDARY: return "[S]";
    case EKV_CONFIDENCE_DERIVED:   return "[D]";
    case EKV_CONFIDENCE_RECALLED:  return "[R]";
    default:                       return "[?]";
    }
}

const char *
ekv_confidence_describe (EkvConfidence confidence)
{
  switch (confidence)
    {
    case EKV_CONFIDENCE_VERIFIED:
      return _("seen in the cited source");
    case EKV_CONFIDENCE_SECONDARY:
      return _("seen only in a secondary source; cross-check it");
    case EKV_CONFIDENCE_DERIVED:
      return _("derived by arithmetic from cited figures");
    case EKV_CONFIDENCE_RECALLED:
      return _("domain knowledge not found in a source; verify it");
    default:
      return "";
    }
}

const char *
ekv_factor_source_to_string (EkvFactorSource source)
{
  switch (source)
    {
    case EKV_FACTOR_SOURCE_AUDIT:    return "audit";
    case EKV_FACTOR_SOURCE_BUILT_IN:
    default:                         return "built-in";
    }
}
