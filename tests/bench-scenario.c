/* bench-scenario.c: how long the option figures and the "after" scenario take
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Usage: bench-scenario [AUDIT.json] [ROUNDS]. Prints milliseconds per round of
 * each step, measured inside the process (median of ROUNDS, default 50): what a
 * view pays to recompute after an edit.
 */
#include "config.h"

#include <stdlib.h>

#include <glib.h>

#include "ekv-balance.h"
#include "ekv-json-import.h"
#include "ekv-options.h"
#include "ekv-scenario.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *default_path = g_build_filename (EKV_SOURCE_ROOT, "resources", "samples",
                                                    "ege-orme-boya.json", NULL);
  const char *path = argc > 1 ? argv[1] : default_path;
  guint rounds = argc > 2 ? (guint) atoi (argv[2]) : 50;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_json_import_file (file, NULL, NULL, &error);
  g_autoptr(GArray) t_balance = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_options = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_after = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_after_balance = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_total = g_array_new (FALSE, FALSE, sizeof (double));

  if (doc == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < rounds; i++)
    {
      gint64 t0 = g_get_monotonic_time (), t1, t2, t3, t4;
      g_autoptr(EkvBalance) balance = ekv_balance_compute (doc);
      g_autoptr(EkvOptions) options = NULL;
      g_autoptr(EkvDocument) after = NULL;
      g_autoptr(EkvBalance) after_balance = NULL;
      double ms;

      t1 = g_get_monotonic_time ();
      options = ekv_options_compute (doc, balance);
      t2 = g_get_monotonic_time ();
      after = ekv_scenario_after (doc, &error);
      g_assert_no_error (error);
      t3 = g_get_monotonic_time ();
      after_balance = ekv_balance_compute (after);
      t4 = g_get_monotonic_time ();

      ms = (t1 - t0) / 1000.0;
      g_array_append_val (t_balance, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (t_options, ms);
      ms = (t3 - t2) / 1000.0;
      g_array_append_val (t_after, ms);
      ms = (t4 - t3) / 1000.0;
      g_array_append_val (t_after_balance, ms);
      ms = (t4 - t0) / 1000.0;
      g_array_append_val (t_total, ms);
    }

  g_print ("%s, %u rounds, median ms:\n", path, rounds);
  g_print ("  baseline balance     %7.3f\n", median (t_balance));
  g_print ("  options + portfolio  %7.3f\n", median (t_options));
  g_print ("  after document       %7.3f\n", median (t_after));
  g_print ("  after balance        %7.3f\n", median (t_after_balance));
  g_print ("  total                %7.3f\n", median (t_total));
  return 0;
}
