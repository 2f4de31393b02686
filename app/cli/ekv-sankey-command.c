/* ekv-sankey-command.c: “ekv sankey”, an audit's Sankey chart or a graph's layout
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 *   ekv sankey IN --view material|water|energy|cost [--scenario baseline|after]
 *                 (--svg|--png|--pdf) OUT [--width PX --height PX]
 *   ekv sankey --graph GRAPH.json (--layout OUT.json | --svg|--png|--pdf OUT)
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-cli.h"
#include "ekv-json-import.h"
#include "ekv-json-writer.h"
#include "ekv-sankey-command.h"
#include "ekv-sankey-draw.h"
#include "ekv-sankey-graph.h"

#define COMMAND "sankey"

/* Outside the range the chart cannot be read (or the image would not fit in memory). */
#define MIN_SIZE 200
#define MAX_SIZE 20000

static EkvSankeyGraph *
read_graph (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  EkvSankeyGraph *graph;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      ekv_cli_user_error (path, error->message);
      return NULL;
    }
  graph = ekv_sankey_graph_from_json (json_parser_get_root (parser), &error);
  if (graph == NULL)
    ekv_cli_user_error (path, error->message);
  return graph;
}

static int
write_layout (EkvSankeyGraph *graph,
              const char     *graph_path,
              const char     *out,
              int             width,
              int             height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  EkvSankeyOptions options;

  /* The reference settings of testdata/sankey/README.md, so that layouts
   * compare with d3-sankey's. */
  ekv_sankey_options_init (&options);
  options.x1 = width > 0 ? width : 1200;
  options.y1 = height > 0 ? height : 800;
  if (!ekv_sankey_layout (graph, &options, &error))
    return ekv_cli_user_error (graph_path, error->message);

  root = ekv_sankey_layout_to_json (graph);
  text = ekv_json_write (root);
  if (strcmp (out, "-") == 0)
    {
      fputs (text, stdout);
      return fflush (stdout) == 0 ? EKV_EXIT_OK : ekv_cli_user_error (NULL, g_strerror (errno));
    }
  /* g_file_set_contents() writes a temporary file and renames it. */
  if (!g_file_set_contents (out, text, -1, &error))
    return ekv_cli_user_error (NULL, error->message);
  return EKV_EXIT_OK;
}

int
ekv_sankey_command_run (int    argc,
                        char **argv)
{
  g_autofree char *view_nick = NULL;
  g_autofree char *scenario_nick = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *png = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *graph_path = NULL;
  g_autofree char *layout_path = NULL;
  int width = 0, height = 0;
  const GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_nick,
      N_("What to draw: material, water, energy or cost"), N_("VIEW") },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_nick,
      N_("baseline (default) or after"), N_("SCENARIO") },
    { "svg", 0, 0, G_OPTION_ARG_FILENAME, &svg, N_("Write an SVG picture to OUT"), N_("OUT") },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png, N_("Write a PNG picture to OUT"), N_("OUT") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write a PDF page to OUT"), N_("OUT") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width,
      N_("Width in pixels (points for SVG and PDF); default 1200, for PDF an A4 landscape page"),
      N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels (points for SVG and PDF); default 800, for PDF an A4 landscape page"),
      N_("PX") },
    { "graph", 0, 0, G_OPTION_ARG_FILENAME, &graph_path,
      N_("Read a graph in the common JSON format instead of an audit"), N_("GRAPH.json") },
    { "layout", 0, 0, G_OPTION_ARG_FILENAME, &layout_path,
      N_("With --graph: write the layout as JSON to OUT.json (- for the standard output)"),
      N_("OUT.json") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("IN --view VIEW (--svg|--png|--pdf) OUT "
                                                            "| --graph GRAPH.json (--layout OUT.json "
                                                            "| --svg|--png|--pdf OUT)");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvSankeyGraph) graph = NULL;
  EkvSankeyView view = EKV_SANKEY_VIEW_MATERIAL;
  g_autoptr(EkvSankeyGraph) baseline = NULL;
  EkvSankeyDrawOptions options;
  EkvSankeyScenario scenario = EKV_SANKEY_SCENARIO_BASELINE;
  EkvChartFormat format = EKV_CHART_FORMAT_PNG;
  const char *out = NULL;
  const char *in = NULL;
  guint n_pictures;

  g_set_prgname ("ekv " COMMAND);
  g_option_context_set_summary (context, _("Draw the Sankey chart of an audit, or lay out a graph"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("With IN (an .ekv document or a .json audit), draws one view of "
                                      "its balance: every flow per year, sources grouped by name, "
                                      "outputs grouped by kind, and the gap of a unit operation whose "
                                      "balance does not close as an “Unaccounted” band. With --graph, "
                                      "reads {\"nodes\": […], \"links\": [{\"source\", \"target\", "
                                      "\"value\"}]} and writes its layout (--layout) or its picture."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekv_cli_usage_error (COMMAND, error->message);

  n_pictures = (svg != NULL) + (png != NULL) + (pdf != NULL);
  if (n_pictures > 1)
    return ekv_cli_usage_error (COMMAND, _("give only one of --svg, --png and --pdf"));
  if (svg != NULL)
    format = EKV_CHART_FORMAT_SVG, out = svg;
  else if (pdf != NULL)
    format = EKV_CHART_FORMAT_PDF, out = pdf;
  else if (png != NULL)
    format = EKV_CHART_FORMAT_PNG, out = png;

  if ((width != 0 && (width < MIN_SIZE || width > MAX_SIZE))
      || (height != 0 && (height < MIN_SIZE || height > MAX_SIZE)))
    {
      /* Translators: the limits of --width and --height, in pixels */
      g_autofree char *message = g_strdup_printf (_("--width and --height must be between %d and %d"),
                                                  MIN_SIZE, MAX_SIZE);
      return ekv_cli_usage_error (COMMAND, message);
    }

  if (graph_path != NULL)
    {
      if (argc > 1)
        return ekv_cli_usage_error (COMMAND, _("--graph takes no IN: the graph is the input"));
      if (view_nick != NULL || scenario_nick != NULL)
        return ekv_cli_usage_error (COMMAND, _("--view and --scenario are for an audit, not for --graph"));
      if ((layout_path != NULL) + n_pictures != 1)
        return ekv_cli_usage_error (COMMAND, _("say what to write: --layout OUT.json, or one of --svg, --png, --pdf OUT"));

      graph = read_graph (graph_path);
      if (graph == NULL)
        return EKV_EXIT_USER;
      if (layout_path != NULL)
        return write_layout (graph, graph_path, layout_path, width, height);
    }
  else
    {
      if (argc != 2)
        return ekv_cli_usage_error (COMMAND, _("expected IN --view VIEW (--svg|--png|--pdf) OUT, or --graph GRAPH.json"));
      if (layout_path != NULL)
        return ekv_cli_usage_error (COMMAND, _("--layout is for --graph"));
      if (view_nick == NULL)
        return ekv_cli_usage_error (COMMAND, _("say what to draw: --view material, water, energy or cost"));
      if (!ekv_sankey_view_from_nick (view_nick, &view))
        {
          /* Translators: %s is what was given after --view */
          g_autofree char *message = g_strdup_printf (_("unknown view “%s”: use material, water, "
                                                        "energy or cost"), view_nick);
          return ekv_cli_usage_error (COMMAND, message);
        }
      if (scenario_nick != NULL && !ekv_sankey_scenario_from_nick (scenario_nick, &scenario))
        {
          /* Translators: %s is what was given after --scenario */
          g_autofree char *message = g_strdup_printf (_("unknown scenario “%s”: use baseline or "
                                                        "after"), scenario_nick);
          return ekv_cli_usage_error (COMMAND, message);
        }
      if (out == NULL)
        return ekv_cli_usage_error (COMMAND, _("say what to write: one of --svg, --png, --pdf OUT"));
      in = argv[1];
      if (ekv_cli_same_file (in, out))
        return ekv_cli_user_error (out, _("is the audit being drawn; write the picture to another file"));

      {
        g_autoptr(EkvDocument) document = ekv_cli_open_input (in);

        if (document == NULL)
          return EKV_EXIT_USER;
        graph = ekv_sankey_graph_from_audit (document, view, scenario, &error);
        if (graph == NULL)
          return ekv_cli_user_error (in, error->message);
        /* After the options, on the baseline's scale: what shrank looks smaller. */
        if (scenario == EKV_SANKEY_SCENARIO_AFTER)
          baseline = ekv_sankey_graph_from_audit (document, view, EKV_SANKEY_SCENARIO_BASELINE,
                                                  NULL);
      }
    }

  if (graph_path != NULL && ekv_cli_same_file (graph_path, out))
    return ekv_cli_user_error (out, _("is the graph being drawn; write the picture to another file"));

  /* A PDF is a page to print: A4 landscape (in points) unless told otherwise. */
  if (format == EKV_CHART_FORMAT_PDF && width == 0 && height == 0)
    {
      width = 842;
      height = 595;
    }
  if (width <= 0)
    width = 1200;
  if (height <= 0)
    height = 800;
  ekv_sankey_draw_options_init (&options);
  if (baseline != NULL)
    options.fixed_scale = ekv_sankey_fit_scale (baseline, width, height, NULL);
  if (!ekv_sankey_write_file_full (graph, &options, format, out, width, height, &error))
    return ekv_cli_user_error (NULL, error->message);   /* names the file */

  return EKV_EXIT_OK;
}
