/* bench-sankey-draw.c: an audit view of about 200 nodes made, laid out and drawn
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * What an edit costs on the Sankey page: the graph is made from the audit
 * again, laid out and drawn into a window-sized image, as the window draws it
 * (fast antialiasing of the bands; the pixels made in strips by two threads,
 * the bands begun while the labels are placed). Prints milliseconds (median of 61 runs after 5 warm-ups,
 * measured inside the process) for each step and in all: the time the edit
 * takes to show (wall clock, what the eye sees; the target is under 16 ms for a
 * 200-node view) and the CPU time of both threads together.
 *
 * Usage: bench-sankey-draw [N_UNITS [SCALE]] (default 170 units: about 200
 * nodes; SCALE 2 draws as for a HiDPI screen, into 2400 × 1600 pixels)
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "ekv-bench-audit.h"
#include "ekv-document.h"
#include "ekv-sankey-draw.h"
#include "ekv-sankey-graph.h"

#define RUNS     61
#define WARM_UPS 5

/* Every flow of this audit is in kilograms, without carrier or price. */
static void
add_flow (EkvDocument   *document,
          const char    *name,
          EkvFlowKind    kind,
          const char    *from,
          const char    *to,
          double         quantity)
{
  ekv_bench_add_flow (document, name, kind, -1, from, to, quantity, EKV_QUANTITY_UNIT_KG, -1);
}

/* A plant of N units in lines of ten: raw materials of 24 kinds enter the
 * first units of each line, each unit passes most of its mass on, sends some
 * to a unit of the next line, and loses some as waste, emission or
 * wastewater; the last unit of a line makes a product. Mass balances close. */
static EkvDocument *
make_audit (guint n)
{
  EkvDocument *document = ekv_document_new ();
  double *in = g_new0 (double, n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("u%u", i + 1);
      g_autofree char *name = g_strdup_printf ("Unit operation %u", i + 1);

      ekv_bench_add_unit (document, id, name);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("u%u", i + 1);
      g_autofree char *next = g_strdup_printf ("u%u", i + 2);
      g_autofree char *cross = g_strdup_printf ("u%u", i + 11);
      gboolean line_start = i % 10 == 0;
      gboolean line_end = i % 10 == 9 || i + 1 == n;
      double waste, emission, cross_flow;

      if (line_start || i % 4 == 1)
        {
          g_autofree char *material = g_strdup_printf ("Raw material %u", (i * 7) % 24 + 1);
          double quantity = 1000 + (i * 37) % 900;

          add_flow (document, material, EKV_FLOW_KIND_RAW_MATERIAL, NULL, id, quantity);
          in[i] += quantity;
        }

      waste = in[i] * 0.05;
      emission = in[i] * 0.03;
      cross_flow = i + 10 < n && i % 3 == 0 ? in[i] * 0.2 : 0;
      add_flow (document, "Off-cuts", EKV_FLOW_KIND_SOLID_WASTE, id, NULL, waste);
      add_flow (document, "Exhaust", EKV_FLOW_KIND_AIR_EMISSION, id, NULL, emission);
      if (cross_flow > 0)
        {
          add_flow (document, "Transfer", EKV_FLOW_KIND_INTERMEDIATE, id, cross, cross_flow);
          in[i + 10] += cross_flow;
        }

      if (line_end)
        add_flow (document, "Product", EKV_FLOW_KIND_PRODUCT, id, NULL,
                  in[i] - waste - emission - cross_flow);
      else
        {
          add_flow (document, "Semi-finished goods", EKV_FLOW_KIND_INTERMEDIATE, id, next,
                    in[i] - waste - emission - cross_flow);
          in[i + 1] += in[i] - waste - emission - cross_flow;
        }
    }

  g_free (in);
  return document;
}

/* Microseconds of the process's CPU time (every thread). */
static gint64
cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Microseconds of this thread's CPU time. */
static gint64
thread_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

typedef struct
{
  double graph, layout, draw, total, cpu, main_cpu;   /* ms, medians */
  guint  n_nodes, n_links;
} Figures;

/* RUNS edits of DOCUMENT, each made, laid out and drawn into SURFACE; with
 * CACHE the labels and the node order are kept from one drawing to the next
 * as the window keeps them, and before each run one flow changes (EDITED,
 * alternately up and down 10 %) as typing in the inventory does. */
static void
run_series (EkvDocument        *document,
            cairo_surface_t    *surface,
            EkvSankeyTextCache *cache,
            EkvRecord          *edited,
            Figures            *figures)
{
  double graph_ms[RUNS], layout_ms[RUNS], draw_ms[RUNS], total_ms[RUNS], cpu_ms[RUNS];
  double main_ms[RUNS];
  double base = edited != NULL ? ekv_record_get_double (edited, EKV_FLOW_QUANTITY) : 0;
  g_autoptr(EkvSankeyGraph) previous = NULL;

  for (int run = -WARM_UPS; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EkvSankeyGraph) graph = NULL;
      EkvSankeyOptions options;
      EkvSankeyDrawOptions draw;
      cairo_t *cr;
      gint64 t0, t1, t2, t3, c0, c1, c2, c3, m0, m1;

      if (edited != NULL)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_value_init (&value, G_TYPE_DOUBLE);
          g_value_set_double (&value, base * (run % 2 == 0 ? 1.1 : 0.9));
          if (!ekv_document_set_value (document, edited, EKV_FLOW_QUANTITY, &value, &error))
            g_error ("%s", error->message);
        }

      c0 = cpu_time ();
      t0 = g_get_monotonic_time ();
      graph = ekv_sankey_graph_from_audit (document, EKV_SANKEY_VIEW_MATERIAL,
                                           EKV_SANKEY_SCENARIO_BASELINE, &error);
      if (graph == NULL)
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      c1 = cpu_time ();

      /* The layout alone (for the figures; the drawing does it again). */
      ekv_sankey_options_init (&options);
      options.use_column_hints = TRUE;
      if (!ekv_sankey_layout (graph, &options, &error))
        g_error ("%s", error->message);
      c2 = cpu_time ();
      m0 = thread_time ();
      t2 = g_get_monotonic_time ();

      /* the drawing lays the graph out itself, node order included; after an
       * edit the window keeps the order of the graph it showed */
      g_clear_pointer (&graph->order_cache, g_free);
      if (cache != NULL)
        ekv_sankey_graph_keep_order (graph, previous);
      cr = cairo_create (surface);
      ekv_sankey_draw_options_init (&draw);
      draw.fast = TRUE;
      draw.text_cache = cache;
      if (!ekv_sankey_draw (cr, graph, 1200, 800, &draw, &error))
        g_error ("%s", error->message);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      t3 = g_get_monotonic_time ();
      m1 = thread_time ();
      c3 = cpu_time ();

      figures->n_nodes = graph->nodes->len;
      figures->n_links = graph->links->len;
      g_clear_pointer (&previous, ekv_sankey_graph_free);
      previous = g_steal_pointer (&graph);
      if (run >= 0)
        {
          graph_ms[run] = (t1 - t0) / 1000.0;
          layout_ms[run] = (c2 - c1) / 1000.0;
          draw_ms[run] = (t3 - t2) / 1000.0;   /* lays out again, into the drawing's area */
          total_ms[run] = (t1 - t0 + t3 - t2) / 1000.0;
          cpu_ms[run] = (c1 - c0 + c3 - c2) / 1000.0;
          main_ms[run] = (m1 - m0) / 1000.0;
        }
    }

  figures->graph = ekv_bench_median (graph_ms, RUNS);
  figures->layout = ekv_bench_median (layout_ms, RUNS);
  figures->draw = ekv_bench_median (draw_ms, RUNS);
  figures->total = ekv_bench_median (total_ms, RUNS);
  figures->cpu = ekv_bench_median (cpu_ms, RUNS);
  figures->main_cpu = ekv_bench_median (main_ms, RUNS);
}

static void
print_figures (const char    *title,
               const Figures *f)
{
  g_print ("%s\n", title);
  g_print ("  graph from the audit   %8.2f ms\n", f->graph);
  g_print ("  layout alone           %8.2f ms CPU\n", f->layout);
  g_print ("  layout and drawing     %8.2f ms\n", f->draw);
  g_print ("  in all                 %8.2f ms (target < 16 ms)\n", f->total);
  g_print ("  CPU time, all threads  %8.2f ms (of which the drawing's main thread %.2f ms)\n",
           f->cpu, f->main_cpu);
}

int
main (int   argc,
      char *argv[])
{
  guint n_units = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 170;
  g_autoptr(EkvDocument) document = make_audit (MAX (n_units, 2));
  g_autoptr(EkvSankeyTextCache) cache = ekv_sankey_text_cache_new ();
  int scale = argc > 2 ? CLAMP ((int) g_ascii_strtoll (argv[2], NULL, 10), 1, 4) : 1;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1200 * scale, 800 * scale);
  GListModel *flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  g_autoptr(EkvRecord) edited = g_list_model_get_item (flows, g_list_model_get_n_items (flows) / 2);
  Figures cold, edit;

  cairo_surface_set_device_scale (surface, scale, scale);

  run_series (document, surface, NULL, NULL, &cold);
  run_series (document, surface, cache, edited, &edit);

  g_print ("audit view: %u units, %u nodes, %u links, 1200x800 at scale %d; wall-clock ms unless "
           "said, median of %d\n", n_units, cold.n_nodes, cold.n_links, scale, RUNS);
  print_figures ("a first drawing (every label shaped):", &cold);
  print_figures ("an edit (one flow changed; the window keeps the other labels):", &edit);

  cairo_surface_destroy (surface);
  return 0;
}
