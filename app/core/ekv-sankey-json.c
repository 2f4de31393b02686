/* ekv-sankey-json.c: the common Sankey graph and layout JSON of testdata/sankey
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "ekv-sankey.h"
#include "ekv-sankey-private.h"

static const char * const kind_names[] = {
  [EKV_SANKEY_NODE_SOURCE] = "source",
  [EKV_SANKEY_NODE_PROCESS] = "process",
  [EKV_SANKEY_NODE_PRODUCT] = "product",
  [EKV_SANKEY_NODE_LOSS] = "loss",
  [EKV_SANKEY_NODE_WASTE] = "waste",
};

static gboolean
fail (GError     **error,
      const char  *path,
      const char  *what)
{
  g_set_error (error, EKV_SANKEY_ERROR, EKV_SANKEY_ERROR_INVALID, "%s: %s", path, what);
  return FALSE;
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *member,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      fail (error, member, _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (error, member, _("expected a list"));
      return NULL;
    }
  return json_node_get_array (node);
}

/* An optional text member: NULL when absent. */
static gboolean
get_string (JsonObject   *object,
            const char   *member,
            const char   *path,
            const char  **out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *where = g_strdup_printf ("%s.%s", path, member);

      return fail (error, where, _("expected text"));
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_number (JsonObject  *object,
            const char  *member,
            const char  *path,
            double      *out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *where = g_strdup_printf ("%s.%s", path, member);
  GType type;

  if (node == NULL)
    return fail (error, where, _("missing"));
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return fail (error, where, _("expected a number"));
  *out = json_node_get_double (node);
  return TRUE;
}

/* A node index, or a column number: a whole number of zero or more. */
static gboolean
get_index (JsonObject  *object,
           const char  *member,
           const char  *path,
           gint64      *out,
           GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s.%s", path, member);
  double value;

  if (!get_number (object, member, path, &value, error))
    return FALSE;
  if (value < 0 || value != floor (value) || value > G_MAXINT)
    return fail (error, where, _("expected a whole number of zero or more"));
  *out = (gint64) value;
  return TRUE;
}

static gboolean
parse_kind (const char        *text,
            EkvSankeyNodeKind *kind)
{
  for (guint k = 0; k < G_N_ELEMENTS (kind_names); k++)
    if (g_strcmp0 (text, kind_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

/* The colour class of a link of a graph read from JSON, from the kinds of its ends. */
static EkvSankeyBand
band_from_kinds (EkvSankeyNodeKind from,
                 EkvSankeyNodeKind to,
                 gboolean          circular)
{
  switch (to)
    {
    case EKV_SANKEY_NODE_PRODUCT:
      return EKV_SANKEY_BAND_PRODUCT;
    case EKV_SANKEY_NODE_LOSS:
      return EKV_SANKEY_BAND_LOSS;
    case EKV_SANKEY_NODE_WASTE:
      return EKV_SANKEY_BAND_WASTE;
    case EKV_SANKEY_NODE_SOURCE:
    case EKV_SANKEY_NODE_PROCESS:
    default:
      break;
    }
  if (from == EKV_SANKEY_NODE_SOURCE)
    return EKV_SANKEY_BAND_MATERIAL;
  return circular ? EKV_SANKEY_BAND_RECYCLE : EKV_SANKEY_BAND_INTERMEDIATE;
}

EkvSankeyGraph *
ekv_sankey_graph_from_json (JsonNode  *root,
                            GError   **error)
{
  g_autoptr(EkvSankeyGraph) graph = ekv_sankey_graph_new ();
  g_autofree gboolean *circular = NULL;
  JsonObject *object;
  JsonArray *nodes, *links;
  const char *text;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, "$", _("expected an object with “nodes” and “links”"));
      return NULL;
    }
  object = json_node_get_object (root);

  if (!get_string (object, "title", "$", &text, error))
    return NULL;
  graph->title = g_strdup (text);
  if (!get_string (object, "unit", "$", &text, error))
    return NULL;
  graph->unit = g_strdup (text);

  if ((nodes = get_array (object, "nodes", error)) == NULL ||
      (links = get_array (object, "links", error)) == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonNode *element = json_array_get_element (nodes, i);
      g_autofree char *path = g_strdup_printf ("nodes[%u]", i);
      EkvSankeyNodeKind kind = EKV_SANKEY_NODE_PROCESS;
      const char *name, *id, *kind_text;
      JsonObject *node_object;
      guint index;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          fail (error, path, _("expected an object"));
          return NULL;
        }
      node_object = json_node_get_object (element);
      if (!get_string (node_object, "name", path, &name, error) ||
          !get_string (node_object, "id", path, &id, error) ||
          !get_string (node_object, "kind", path, &kind_text, error))
        return NULL;
      if (kind_text != NULL && !parse_kind (kind_text, &kind))
        {
          g_autofree char *where = g_strdup_printf ("%s.kind", path);
          g_autofree char *what =
            /* Translators: %s is a word from a graph file, e.g. "sink" */
            g_strdup_printf (_("unknown kind “%s” (source, process, product, loss or waste)"),
                             kind_text);

          fail (error, where, what);
          return NULL;
        }
      index = ekv_sankey_graph_add_node (graph, name, id, kind);
      if (json_object_has_member (node_object, "column"))
        {
          gint64 column;

          if (!get_index (node_object, "column", path, &column, error))
            return NULL;
          ekv_sankey_graph_get_node (graph, index)->column_hint = (int) column;
        }
    }

  for (guint k = 0; k < json_array_get_length (links); k++)
    {
      JsonNode *element = json_array_get_element (links, k);
      g_autofree char *path = g_strdup_printf ("links[%u]", k);
      JsonObject *link_object;
      gint64 source, target;
      double value;
      const char *flow_id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          fail (error, path, _("expected an object"));
          return NULL;
        }
      link_object = json_node_get_object (element);
      if (!get_index (link_object, "source", path, &source, error) ||
          !get_index (link_object, "target", path, &target, error) ||
          !get_number (link_object, "value", path, &value, error) ||
          !get_string (link_object, "id", path, &flow_id, error))
        return NULL;
      if (source >= graph->nodes->len || target >= graph->nodes->len)
        {
          gboolean bad_source = source >= graph->nodes->len;
          g_autofree char *where = g_strdup_printf ("%s.%s", path,
                                                    bad_source ? "source" : "target");
          /* Translators: %u is a node number that the graph does not have */
          g_autofree char *what = g_strdup_printf (_("no node %u"),
                                                   (guint) (bad_source ? source : target));

          fail (error, where, what);
          return NULL;
        }
      if (!isfinite (value) || value < 0)
        {
          g_autofree char *where = g_strdup_printf ("%s.value", path);

          fail (error, where, _("expected a number of zero or more"));
          return NULL;
        }
      ekv_sankey_graph_add_link (graph, (guint) source, (guint) target, value, flow_id);
    }

  circular = g_new0 (gboolean, MAX (graph->links->len, 1));
  _ekv_sankey_find_circular (graph, circular);
  for (guint k = 0; k < graph->links->len; k++)
    {
      EkvSankeyLink *link = ekv_sankey_graph_get_link (graph, k);

      link->band = band_from_kinds (ekv_sankey_graph_get_node (graph, link->source)->kind,
                                    ekv_sankey_graph_get_node (graph, link->target)->kind,
                                    circular[k]);
    }

  return g_steal_pointer (&graph);
}

static void
add_pair (JsonBuilder *builder,
          double       x,
          double       y)
{
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, x);
  json_builder_add_double_value (builder, y);
  json_builder_end_array (builder);
}

static void
add_double (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

JsonNode *
ekv_sankey_layout_to_json (const EkvSankeyGraph *graph)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (graph != NULL, NULL);

  json_builder_begin_object (builder);
  if (graph->title != NULL)
    {
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, graph->title);
    }
  if (graph->unit != NULL)
    {
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, graph->unit);
    }
  json_builder_set_member_name (builder, "extent");
  json_builder_begin_array (builder);
  add_pair (builder, graph->extent[0], graph->extent[1]);
  add_pair (builder, graph->extent[2], graph->extent[3]);
  json_builder_end_array (builder);
  add_double (builder, "scale", graph->scale);

  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const EkvSankeyNode *node = &g_array_index (graph->nodes, EkvSankeyNode, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, node->name != NULL ? node->name : "");
      if ((guint) node->kind < G_N_ELEMENTS (kind_names))
        {
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, kind_names[node->kind]);
        }
      json_builder_set_member_name (builder, "column");
      json_builder_add_int_value (builder, node->column);
      add_double (builder, "value", node->value);
      add_double (builder, "x0", node->x0);
      add_double (builder, "x1", node->x1);
      add_double (builder, "y0", node->y0);
      add_double (builder, "y1", node->y1);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "links");
  json_builder_begin_array (builder);
  for (guint k = 0; k < graph->links->len; k++)
    {
      const EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, k);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source");
      json_builder_add_int_value (builder, link->source);
      json_builder_set_member_name (builder, "target");
      json_builder_add_int_value (builder, link->target);
      add_double (builder, "value", link->value);
      add_double (builder, "width", link->width);
      add_double (builder, "y0", link->y0);
      add_double (builder, "y1", link->y1);
      if (link->points != NULL && link->points->len > 0)
        {
          json_builder_set_member_name (builder, "points");
          json_builder_begin_array (builder);
          for (guint p = 0; p < link->points->len; p++)
            {
              const EkvSankeyPoint *point = &g_array_index (link->points, EkvSankeyPoint, p);

              add_pair (builder, point->x, point->y);
            }
          json_builder_end_array (builder);
        }
      json_builder_set_member_name (builder, "circular");
      json_builder_add_boolean_value (builder, link->circular);
      if (link->circular)
        {
          json_builder_set_member_name (builder, "loop");
          json_builder_begin_object (builder);
          add_double (builder, "x0", link->loop_x0);
          add_double (builder, "x1", link->loop_x1);
          add_double (builder, "y", link->loop_y);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
