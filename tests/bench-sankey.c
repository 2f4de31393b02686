/* bench-sankey.c: times ekv_sankey_layout() on every graph of testdata/sankey
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Usage: bench-sankey GRAPHS-DIR [OUT-DIR]
 * Lays every graph (*.json) of GRAPHS-DIR out into 1200×800 (node width 15, padding 10: the
 * defaults), prints the median of 11 timed layouts after 2 warm-ups, measured
 * inside the process as d3-sankey's reference figures are (and the median of
 * the thread's CPU time, which a busy machine does not inflate), writes each
 * layout JSON to OUT-DIR (a new temporary folder if not given) for quality.js.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "ekv-sankey.h"

#define WARM_UPS 2
#define RUNS 11

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static gboolean
bench_graph (const char  *path,
             const char  *out_dir,
             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(EkvSankeyGraph) graph = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) layout = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *out = g_build_filename (out_dir, base, NULL);
  EkvSankeyOptions options;
  double ms[RUNS], cpu[RUNS];

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;
  if ((graph = ekv_sankey_graph_from_json (json_parser_get_root (parser), error)) == NULL)
    return FALSE;
  ekv_sankey_options_init (&options);

  for (int run = -WARM_UPS; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      struct timespec c0, c1;

      /* Every run a whole layout, as d3-sankey's: not the node order kept
       * from the run before (which a drawing reuses when it lays one graph
       * out again to fit its labels). */
      g_clear_pointer (&graph->order_cache, g_free);
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c0);
      if (!ekv_sankey_layout (graph, &options, error))
        return FALSE;
      clock_gettime (CLOCK_THREAD_CPUTIME_ID, &c1);
      if (run >= 0)
        {
          ms[run] = (g_get_monotonic_time () - start) / 1000.0;
          cpu[run] = (c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
        }
    }
  qsort (ms, RUNS, sizeof (double), compare_doubles);
  qsort (cpu, RUNS, sizeof (double), compare_doubles);

  layout = ekv_sankey_layout_to_json (graph);
  json_generator_set_root (generator, layout);
  if (!json_generator_to_file (generator, out, error))
    return FALSE;

  /* the thread's CPU time beside: on a busy machine the wall clock also
   * counts the time others had the core */
  g_print ("%-20s %5u nodes %6u links %9.3f ms %9.3f cpu-ms  %s\n", base, graph->nodes->len,
           graph->links->len, ms[RUNS / 2], cpu[RUNS / 2], out);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out_dir = NULL;
  const char *name;
  int status = EXIT_SUCCESS;

  if (argc < 2)
    {
      g_printerr ("usage: %s GRAPHS-DIR [OUT-DIR]\n", argv[0]);
      return 2;
    }
  if (!g_file_test (argv[1], G_FILE_TEST_IS_DIR))
    {
      g_print ("SKIP: no graphs in %s\n", argv[1]);
      return EXIT_SUCCESS;
    }
  if ((dir = g_dir_open (argv[1], 0, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  if (argc > 2)
    {
      out_dir = g_strdup (argv[2]);
      g_mkdir_with_parents (out_dir, 0755);
    }
  else if ((out_dir = g_dir_make_tmp ("bench-sankey-XXXXXX", &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (argv[1], names->pdata[i], NULL);

      if (!bench_graph (path, out_dir, &error))
        {
          g_printerr ("%s: %s\n", path, error->message);
          g_clear_error (&error);
          status = EXIT_FAILURE;
        }
    }
  return status;
}
