/* bench-report.c: the management report of a 10 000-flow audit, built and written
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The sample (its options, bills, KPIs and factors) with 400 more unit
 * operations of 25 flows each: raw materials and auxiliaries, water, electricity
 * and natural gas entering; wastewater, wastes, emissions, heat losses and
 * evaporation leaving; the semi-finished goods passed on. Prints the seconds
 * (wall clock, median of 3 runs) that building the report and writing its PDF
 * take; the target is under 5 s in a release build.
 *
 * Usage: bench-report [N_UNITS [KEEP.pdf]] (default 400: 10 096 flows; KEEP.pdf keeps the
 * report to look at)
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "ekv-bench-audit.h"
#include "ekv-entity.h"
#include "ekv-json-import.h"
#include "ekv-report.h"

#define RUNS 3

/* Every flow of the synthetic part has a price of 1.5 a unit. */
#define add_flow(...) ekv_bench_add_flow (__VA_ARGS__, 1.5)

static EkvDocument *
make_audit (guint n_units)
{
  g_autofree char *path = g_build_filename (EKV_SOURCE_ROOT, "resources", "samples",
                                            "ege-orme-boya.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  EkvDocument *document = ekv_json_import_file (file, NULL, NULL, &error);

  if (document == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < n_units; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%u", i + 1);
      g_autofree char *name = g_strdup_printf ("Finishing line %u, step %u", i / 10 + 1,
                                               i % 10 + 1);

      ekv_bench_add_unit (document, id, name);
    }

  for (guint i = 0; i < n_units; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%u", i + 1);
      g_autofree char *next = g_strdup_printf ("x%u", i + 2);
      gboolean line_end = i % 10 == 9 || i + 1 == n_units;
      double in = 0;

      for (guint m = 0; m < 8; m++)
        {
          g_autofree char *material = g_strdup_printf ("%s %u", m < 5 ? "Chemical" : "Fibre",
                                                       (i * 7 + m) % 30 + 1);
          double q = 2000 + (i * 37 + m * 101) % 900;

          add_flow (document, material, m < 5 ? EKV_FLOW_KIND_AUXILIARY
                                              : EKV_FLOW_KIND_RAW_MATERIAL, -1, NULL, id, q,
                    EKV_QUANTITY_UNIT_KG);
          in += q;
        }
      add_flow (document, "Mains water", EKV_FLOW_KIND_WATER, -1, NULL, id, 300,
                EKV_QUANTITY_UNIT_M3);
      add_flow (document, "Well water", EKV_FLOW_KIND_WATER, -1, NULL, id, 200,
                EKV_QUANTITY_UNIT_M3);
      add_flow (document, "Electricity", EKV_FLOW_KIND_ENERGY, EKV_CARRIER_ELECTRICITY, NULL, id,
                40000, EKV_QUANTITY_UNIT_KWH);
      add_flow (document, "Natural gas", EKV_FLOW_KIND_ENERGY, EKV_CARRIER_NATURAL_GAS, NULL, id,
                9000, EKV_QUANTITY_UNIT_SM3);
      for (guint w = 0; w < 3; w++)
        add_flow (document, w == 0 ? "Rinse water" : w == 1 ? "Dye bath" : "Cooling water",
                  EKV_FLOW_KIND_WASTEWATER, -1, id, NULL, 150, EKV_QUANTITY_UNIT_M3);
      add_flow (document, "Evaporation", EKV_FLOW_KIND_EVAPORATION, -1, id, NULL, 50,
                EKV_QUANTITY_UNIT_M3);
      for (guint w = 0; w < 3; w++)
        add_flow (document, w == 0 ? "Off-cuts" : w == 1 ? "Lint" : "Sludge",
                  w == 2 ? EKV_FLOW_KIND_HAZARDOUS_WASTE : EKV_FLOW_KIND_SOLID_WASTE, -1, id,
                  NULL, in * 0.01, EKV_QUANTITY_UNIT_KG);
      add_flow (document, "Exhaust", EKV_FLOW_KIND_AIR_EMISSION, -1, id, NULL, in * 0.01,
                EKV_QUANTITY_UNIT_KG);
      add_flow (document, "Dust", EKV_FLOW_KIND_AIR_EMISSION, -1, id, NULL, in * 0.005,
                EKV_QUANTITY_UNIT_KG);
      add_flow (document, "Flue losses", EKV_FLOW_KIND_HEAT_LOSS, -1, id, NULL, 20000,
                EKV_QUANTITY_UNIT_KWH);
      add_flow (document, "Surface losses", EKV_FLOW_KIND_HEAT_LOSS, -1, id, NULL, 8000,
                EKV_QUANTITY_UNIT_KWH);
      add_flow (document, "Cartons", EKV_FLOW_KIND_PACKAGING, -1, NULL, id, 50,
                EKV_QUANTITY_UNIT_KG);
      in += 50;
      add_flow (document, line_end ? "Finished fabric" : "Semi-finished fabric",
                line_end ? EKV_FLOW_KIND_PRODUCT : EKV_FLOW_KIND_INTERMEDIATE, -1, id,
                line_end ? NULL : next, in * 0.955, EKV_QUANTITY_UNIT_KG);
    }
  return document;
}

int
main (int   argc,
      char *argv[])
{
  guint n_units = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 400;
  g_autoptr(EkvDocument) document = make_audit (n_units);
  g_autofree char *dir = g_dir_make_tmp ("bench-report-XXXXXX", NULL);
  g_autofree char *path = argc > 2 ? g_strdup (argv[2])
                                   : g_build_filename (dir, "report.pdf", NULL);
  double build_s[RUNS], write_s[RUNS], total_s[RUNS];
  guint n_flows = g_list_model_get_n_items (ekv_document_get_list (document, EKV_ENTITY_FLOW));
  guint n_pages = 0;
  GStatBuf st = { 0 };

  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EkvReport) report = NULL;
      gint64 t0, t1, t2;

      t0 = g_get_monotonic_time ();
      report = ekv_report_new (document, EKV_LANGUAGE_ENGLISH, EKV_REPORT_PAPER_A4, &error);
      if (report == NULL)
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      if (!ekv_report_write_pdf (report, path, &error))
        g_error ("%s", error->message);
      t2 = g_get_monotonic_time ();

      n_pages = ekv_report_get_n_pages (report);
      build_s[run] = (t1 - t0) / 1e6;
      write_s[run] = (t2 - t1) / 1e6;
      total_s[run] = (t2 - t0) / 1e6;
    }
  g_stat (path, &st);

  g_print ("audit: %u flows, %u more units than the sample; report: %u pages, %.0f kB\n",
           n_flows, n_units, n_pages, st.st_size / 1024.0);
  g_print ("build the report      %6.2f s\n", ekv_bench_median (build_s, RUNS));
  g_print ("write the PDF         %6.2f s\n", ekv_bench_median (write_s, RUNS));
  g_print ("both (target < 5 s)   %6.2f s\n", ekv_bench_median (total_s, RUNS));

  if (argc <= 2)
    g_unlink (path);
  g_rmdir (dir);
  return 0;
}
