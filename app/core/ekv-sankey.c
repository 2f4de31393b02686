/* ekv-sankey.c: building a Sankey graph (its layout is in ekv-sankey-layout.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include "ekv-sankey.h"

G_DEFINE_QUARK (ekv-sankey-error-quark, ekv_sankey_error)

static void
clear_node (gpointer data)
{
  EkvSankeyNode *node = data;

  g_clear_pointer (&node->name, g_free);
  g_clear_pointer (&node->id, g_free);
}

static void
clear_link (gpointer data)
{
  EkvSankeyLink *link = data;

  g_clear_pointer (&link->flow_id, g_free);
  g_clear_pointer (&link->points, g_array_unref);
}

EkvSankeyGraph *
ekv_sankey_graph_new (void)
{
  EkvSankeyGraph *graph = g_new0 (EkvSankeyGraph, 1);

  graph->nodes = g_array_new (FALSE, TRUE, sizeof (EkvSankeyNode));
  g_array_set_clear_func (graph->nodes, clear_node);
  graph->links = g_array_new (FALSE, TRUE, sizeof (EkvSankeyLink));
  g_array_set_clear_func (graph->links, clear_link);

  return graph;
}

void
ekv_sankey_graph_free (EkvSankeyGraph *graph)
{
  if (graph == NULL)
    return;

  g_array_unref (graph->nodes);
  g_array_unref (graph->links);
  g_free (graph->order_cache);
  g_free (graph->title);
  g_free (graph->unit);
  g_free (graph);
}

guint
ekv_sankey_graph_add_node (EkvSankeyGraph    *graph,
                           const char        *name,
                           const char        *id,
                           EkvSankeyNodeKind  kind)
{
  EkvSankeyNode node = { 0 };

  g_return_val_if_fail (graph != NULL, 0);

  node.name = g_strdup (name != NULL ? name : "");
  node.id = g_strdup (id);
  node.kind = kind;
  node.column_hint = -1;
  node.column = -1;
  g_array_append_val (graph->nodes, node);

  return graph->nodes->len - 1;
}

guint
ekv_sankey_graph_add_link (EkvSankeyGraph *graph,
                           guint           source,
                           guint           target,
                           double          value,
                           const char     *flow_id)
{
  EkvSankeyLink link = { 0 };

  g_return_val_if_fail (graph != NULL, 0);

  link.source = source;
  link.target = target;
  link.value = value;
  link.band = EKV_SANKEY_BAND_MATERIAL;
  link.flow_id = g_strdup (flow_id);
  link.flow_kind = -1;
  g_array_append_val (graph->links, link);

  return graph->links->len - 1;
}

EkvSankeyNode *
ekv_sankey_graph_get_node (EkvSankeyGraph *graph,
                           guint           index)
{
  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (index < graph->nodes->len, NULL);

  return &g_array_index (graph->nodes, EkvSankeyNode, index);
}

EkvSankeyLink *
ekv_sankey_graph_get_link (EkvSankeyGraph *graph,
                           guint           index)
{
  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (index < graph->links->len, NULL);

  return &g_array_index (graph->links, EkvSankeyLink, index);
}

void
ekv_sankey_options_init (EkvSankeyOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (EkvSankeyOptions) {
    .x0 = 0,
    .y0 = 0,
    .x1 = 1200,
    .y1 = 800,
    .node_width = 15,
    .node_padding = 10,
    .min_band = 1,
    .fixed_scale = 0,
    .align = EKV_SANKEY_ALIGN_JUSTIFY,
    .use_column_hints = FALSE,
    .iterations = 0,
  };
}
