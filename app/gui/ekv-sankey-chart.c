/* ekv-sankey-chart.c: a Sankey diagram on screen, with zoom, pan, hover and click
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * A thin widget over report/'s drawing: the graph is drawn (and laid out) into
 * the widget's size by ekv_sankey_draw(), then shown scaled by the zoom and
 * shifted by the pan. Hit tests map the pointer back into the drawing.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-labels.h"
#include "ekv-sankey-chart.h"
#include "ekv-util.h"

#define MIN_ZOOM 1.0
#define MAX_ZOOM 8.0

struct _EkvSankeyChart
{
  GtkWidget       parent_instance;

  EkvDocument    *document;
  EkvSankeyGraph *graph;
  EkvSankeyGraph *reference;   /* whose scale the graph is drawn on, or NULL */
  double          reference_scale;  /* of REFERENCE at reference_width × height */
  int             reference_width;
  int             reference_height;
  gboolean        drawn;       /* the graph's geometry is that of the last drawing */
  double          zoom;
  double          pan_x;
  double          pan_y;
  double          drag_pan_x;  /* the pan when a drag began */
  double          drag_pan_y;
  int             hover_node;
  int             hover_link;
  double          pointer_x;   /* where the pointer was last seen */
  double          pointer_y;
  EkvSankeyTextCache *texts;   /* labels kept from one drawing to the next */
};

G_DEFINE_FINAL_TYPE (EkvSankeyChart, ekv_sankey_chart, GTK_TYPE_WIDGET)

enum {
  NODE_ACTIVATED,
  LINK_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers {{{ */

static void
to_drawing (EkvSankeyChart *self,
            double         x,
            double         y,
            double        *dx,
            double        *dy)
{
  *dx = (x - self->pan_x) / self->zoom;
  *dy = (y - self->pan_y) / self->zoom;
}

/* Keeps at least a third of the picture in the widget. */
static void
clamp_pan (EkvSankeyChart *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double min_x = width - width * self->zoom;
  double min_y = height - height * self->zoom;

  self->pan_x = CLAMP (self->pan_x, min_x, 0);
  self->pan_y = CLAMP (self->pan_y, min_y, 0);
}

static char *
format_value (double value)
{
  double magnitude = fabs (value);

  return ekv_number_format (value, magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2);
}

/* Sums of the links entering and leaving NODE. */
static void
node_sums (EkvSankeyGraph *graph,
           guint           node,
           double         *in,
           double         *out)
{
  *in = *out = 0;
  for (guint i = 0; i < graph->links->len; i++)
    {
      const EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, i);

      if (link->target == node)
        *in += link->value;
      if (link->source == node)
        *out += link->value;
    }
}

static char *
describe_link (EkvSankeyChart *self,
               guint          index)
{
  EkvSankeyGraph *graph = self->graph;
  const EkvSankeyLink *link = &g_array_index (graph->links, EkvSankeyLink, index);
  const EkvSankeyNode *source = &g_array_index (graph->nodes, EkvSankeyNode, link->source);
  const EkvSankeyNode *target = &g_array_index (graph->nodes, EkvSankeyNode, link->target);
  EkvRecord *flow = NULL;
  g_autofree char *value = format_value (link->value);
  g_autofree char *share = NULL;
  GString *text = g_string_new (NULL);
  double in, out;

  if (link->flow_id != NULL && self->document != NULL)
    flow = ekv_document_find (self->document, EKV_ENTITY_FLOW, link->flow_id);

  if (flow != NULL)
    g_string_append (text, ekv_record_get_string (flow, EKV_FLOW_NAME));
  else if (link->band == EKV_SANKEY_BAND_UNACCOUNTED)
    g_string_append (text, _("Unaccounted (the balance does not close)"));
  else
    /* Translators: a band of a Sankey diagram: where it comes from → where it goes */
    g_string_append_printf (text, _("%s → %s"), source->name, target->name);

  g_string_append_c (text, '\n');
  /* Translators: a band's quantity and its unit, e.g. "1.234 m³/year" */
  g_string_append_printf (text, _("%s %s"), value, graph->unit != NULL ? graph->unit : "");

  if (target->kind == EKV_SANKEY_NODE_PROCESS)
    {
      node_sums (graph, link->target, &in, &out);
      if (in > 0)
        {
          g_autofree char *pct = ekv_number_format (100 * link->value / in, 1);

          /* Translators: a percentage, then a unit operation's name */
          share = g_strdup_printf (_("%s %% of what enters “%s”"), pct, target->name);
        }
    }
  else if (source->kind == EKV_SANKEY_NODE_PROCESS)
    {
      node_sums (graph, link->source, &in, &out);
      if (out > 0)
        {
          g_autofree char *pct = ekv_number_format (100 * link->value / out, 1);

          /* Translators: a percentage, then a unit operation's name */
          share = g_strdup_printf (_("%s %% of what leaves “%s”"), pct, source->name);
        }
    }
  if (share != NULL)
    g_string_append_printf (text, " · %s", share);

  g_string_append_c (text, '\n');
  /* Translators: how a figure was obtained: measured, metered, estimated... */
  g_string_append_printf (text, _("Data quality: %s"),
                          ekv_enum_get_label (EKV_TYPE_DATA_QUALITY, link->quality));

  if (flow != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Click to open it in the inventory"));
    }

  return g_string_free (text, FALSE);
}

static char *
describe_node (EkvSankeyChart *self,
               guint          index)
{
  EkvSankeyGraph *graph = self->graph;
  const EkvSankeyNode *node = &g_array_index (graph->nodes, EkvSankeyNode, index);
  const char *unit = graph->unit != NULL ? graph->unit : "";
  GString *text = g_string_new (node->name);
  double in, out;

  node_sums (graph, index, &in, &out);
  if (in > 0)
    {
      g_autofree char *value = format_value (in);

      g_string_append_c (text, '\n');
      /* Translators: what enters a node of a Sankey diagram, with its unit */
      g_string_append_printf (text, _("In: %s %s"), value, unit);
    }
  if (out > 0)
    {
      g_autofree char *value = format_value (out);

      g_string_append_c (text, '\n');
      /* Translators: what leaves a node of a Sankey diagram, with its unit */
      g_string_append_printf (text, _("Out: %s %s"), value, unit);
    }
  if (node->id != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Click to open it in the inventory"));
    }

  return g_string_free (text, FALSE);
}

static EkvSankeyHitKind
hit (EkvSankeyChart *self,
     double         x,
     double         y,
     guint         *index)
{
  double dx, dy;

  if (self->graph == NULL || !self->drawn)
    return EKV_SANKEY_HIT_NONE;

  to_drawing (self, x, y, &dx, &dy);
  return ekv_sankey_hit (self->graph, dx, dy, index);
}

/* }}} */
/* Events {{{ */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           EkvSankeyChart            *self)
{
  guint index = 0;
  EkvSankeyHitKind kind = hit (self, x, y, &index);
  int node = kind == EKV_SANKEY_HIT_NODE ? (int) index : -1;
  int link = kind == EKV_SANKEY_HIT_LINK ? (int) index : -1;

  self->pointer_x = x;
  self->pointer_y = y;
  if (node == self->hover_node && link == self->hover_link)
    return;

  self->hover_node = node;
  self->hover_link = link;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), kind != EKV_SANKEY_HIT_NONE ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          EkvSankeyChart            *self)
{
  if (self->hover_node < 0 && self->hover_link < 0)
    return;
  self->hover_node = self->hover_link = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip,
                  EkvSankeyChart *self)
{
  g_autofree char *text = ekv_sankey_chart_describe_at (self, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               EkvSankeyChart  *self)
{
  self->drag_pan_x = self->pan_x;
  self->drag_pan_y = self->pan_y;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                EkvSankeyChart  *self)
{
  if (self->zoom <= MIN_ZOOM)
    return;
  self->pan_x = self->drag_pan_x + dx;
  self->pan_y = self->drag_pan_y + dy;
  clamp_pan (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             EkvSankeyChart  *self)
{
  double x, y;

  /* Hardly moved: a click. */
  if (hypot (dx, dy) > 4 || !gtk_gesture_drag_get_start_point (gesture, &x, &y))
    return;
  ekv_sankey_chart_activate_at (self, x, y);
}

/* Zooms by FACTOR keeping the drawing point under (X, Y) where it is. */
static void
zoom_at (EkvSankeyChart *self,
         double         factor,
         double         x,
         double         y)
{
  double zoom = CLAMP (self->zoom * factor, MIN_ZOOM, MAX_ZOOM);
  double dx, dy;

  to_drawing (self, x, y, &dx, &dy);
  self->zoom = zoom;
  self->pan_x = x - dx * zoom;
  self->pan_y = y - dy * zoom;
  clamp_pan (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify (G_OBJECT (self), "zoom");
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           EkvSankeyChart            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  /* Zoom around the pointer (the scroll event has no position of its own). */
  double x = self->pointer_x;
  double y = self->pointer_y;

  if (state & GDK_CONTROL_MASK)
    {
      zoom_at (self, dy < 0 ? 1.25 : 0.8, x, y);
      return TRUE;
    }
  if (self->zoom <= MIN_ZOOM)
    return FALSE;

  self->pan_x -= dx * 40;
  self->pan_y -= dy * 40;
  clamp_pan (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* }}} */
/* GtkWidget {{{ */

static void
ekv_sankey_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  EkvSankeyChart *self = EKV_SANKEY_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  g_autoptr(GError) error = NULL;
  EkvSankeyDrawOptions options;
  cairo_t *cr;

  if (self->graph == NULL || width < 1 || height < 1)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The diagram is drawn on paper white, as it is printed and exported. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  cairo_translate (cr, self->pan_x, self->pan_y);
  cairo_scale (cr, self->zoom, self->zoom);

  ekv_sankey_draw_options_init (&options);
  options.fast = TRUE;
  options.pixel_scale = gtk_widget_get_scale_factor (widget);
  options.text_cache = self->texts;
  if (self->reference != NULL)
    {
      if (self->reference_width != (int) width || self->reference_height != (int) height)
        {
          self->reference_scale = ekv_sankey_fit_scale (self->reference, width, height, &options);
          self->reference_width = width;
          self->reference_height = height;
        }
      options.fixed_scale = self->reference_scale;
    }
  options.highlight_node = self->hover_node;
  options.highlight_link = self->hover_link;
  self->drawn = ekv_sankey_draw (cr, self->graph, width, height, &options, &error);
  if (!self->drawn)
    g_debug ("Sankey not drawn: %s", error->message);
  cairo_destroy (cr);
}

static void
ekv_sankey_chart_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  clamp_pan (EKV_SANKEY_CHART (widget));
}

static void
ekv_sankey_chart_finalize (GObject *object)
{
  EkvSankeyChart *self = EKV_SANKEY_CHART (object);

  g_clear_pointer (&self->graph, ekv_sankey_graph_free);
  g_clear_pointer (&self->reference, ekv_sankey_graph_free);
  g_clear_object (&self->document);
  g_clear_pointer (&self->texts, ekv_sankey_text_cache_free);

  G_OBJECT_CLASS (ekv_sankey_chart_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ekv_sankey_chart_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EkvSankeyChart *self = EKV_SANKEY_CHART (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_sankey_chart_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EkvSankeyChart *self = EKV_SANKEY_CHART (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      ekv_sankey_chart_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_sankey_chart_class_init (EkvSankeyChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ekv_sankey_chart_finalize;
  object_class->get_property = ekv_sankey_chart_get_property;
  object_class->set_property = ekv_sankey_chart_set_property;
  widget_class->snapshot = ekv_sankey_chart_snapshot;
  widget_class->size_allocate = ekv_sankey_chart_size_allocate;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, MIN_ZOOM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EkvSankeyChart::node-activated:
   * @index: the node's index in the graph
   */
  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * EkvSankeyChart::link-activated:
   * @index: the link's index in the graph
   */
  signals[LINK_ACTIVATED] =
    g_signal_new ("link-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "ekv-sankey-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ekv_sankey_chart_init (EkvSankeyChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->zoom = 1;
  self->hover_node = self->hover_link = -1;
  self->texts = ekv_sankey_text_cache_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* }}} */
/* Public {{{ */

GtkWidget *
ekv_sankey_chart_new (void)
{
  return g_object_new (EKV_TYPE_SANKEY_CHART, NULL);
}

void
ekv_sankey_chart_set_graph (EkvSankeyChart  *self,
                           EkvDocument    *document,
                           EkvSankeyGraph *graph)
{
  g_return_if_fail (EKV_IS_SANKEY_CHART (self));

  g_set_object (&self->document, document);
  /* an edit (values only) keeps the diagram's order */
  if (graph != NULL && self->graph != NULL)
    ekv_sankey_graph_keep_order (graph, self->graph);
  g_clear_pointer (&self->graph, ekv_sankey_graph_free);
  self->graph = graph;
  self->drawn = FALSE;
  self->hover_node = self->hover_link = -1;

  if (graph != NULL && graph->title != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    graph->title, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

EkvSankeyGraph *
ekv_sankey_chart_get_graph (EkvSankeyChart *self)
{
  g_return_val_if_fail (EKV_IS_SANKEY_CHART (self), NULL);

  return self->graph;
}

void
ekv_sankey_chart_set_reference (EkvSankeyChart *self,
                                EkvSankeyGraph *reference)
{
  g_return_if_fail (EKV_IS_SANKEY_CHART (self));

  g_clear_pointer (&self->reference, ekv_sankey_graph_free);
  self->reference = reference;
  self->reference_width = self->reference_height = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ekv_sankey_chart_set_zoom (EkvSankeyChart *self,
                          double         zoom)
{
  g_return_if_fail (EKV_IS_SANKEY_CHART (self));

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  if (zoom == self->zoom)
    return;

  zoom_at (self, zoom / self->zoom,
           gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
  if (self->zoom <= MIN_ZOOM)
    self->pan_x = self->pan_y = 0;
}

double
ekv_sankey_chart_get_zoom (EkvSankeyChart *self)
{
  g_return_val_if_fail (EKV_IS_SANKEY_CHART (self), 1);

  return self->zoom;
}

char *
ekv_sankey_chart_describe_at (EkvSankeyChart *self,
                             double         x,
                             double         y)
{
  guint index = 0;

  g_return_val_if_fail (EKV_IS_SANKEY_CHART (self), NULL);

  switch (hit (self, x, y, &index))
    {
    case EKV_SANKEY_HIT_NODE:
      return describe_node (self, index);
    case EKV_SANKEY_HIT_LINK:
      return describe_link (self, index);
    case EKV_SANKEY_HIT_NONE:
    default:
      return NULL;
    }
}

gboolean
ekv_sankey_chart_activate_at (EkvSankeyChart *self,
                             double         x,
                             double         y)
{
  guint index = 0;

  g_return_val_if_fail (EKV_IS_SANKEY_CHART (self), FALSE);

  switch (hit (self, x, y, &index))
    {
    case EKV_SANKEY_HIT_NODE:
      g_signal_emit (self, signals[NODE_ACTIVATED], 0, index);
      return TRUE;
    case EKV_SANKEY_HIT_LINK:
      g_signal_emit (self, signals[LINK_ACTIVATED], 0, index);
      return TRUE;
    case EKV_SANKEY_HIT_NONE:
    default:
      return FALSE;
    }
}

gboolean
ekv_sankey_chart_get_link_point (EkvSankeyChart *self,
                                guint          index,
                                double        *x,
                                double        *y)
{
  const EkvSankeyLink *link;
  const EkvSankeyNode *source, *target;
  double dx, dy;

  g_return_val_if_fail (EKV_IS_SANKEY_CHART (self), FALSE);

  if (self->graph == NULL || !self->drawn || index >= self->graph->links->len)
    return FALSE;

  link = &g_array_index (self->graph->links, EkvSankeyLink, index);
  source = &g_array_index (self->graph->nodes, EkvSankeyNode, link->source);
  target = &g_array_index (self->graph->nodes, EkvSankeyNode, link->target);

  if (link->circular)
    {
      /* On the channel, halfway along. */
      dx = (link->loop_x0 + link->loop_x1) / 2;
      dy = link->loop_y;
    }
  else if (link->points != NULL && link->points->len > 0)
    {
      /* Halfway to the first waypoint: the curve's symmetric middle. */
      const EkvSankeyPoint *point = &g_array_index (link->points, EkvSankeyPoint, 0);

      dx = (source->x1 + point->x) / 2;
      dy = (link->y0 + point->y) / 2;
    }
  else
    {
      dx = (source->x1 + target->x0) / 2;
      dy = (link->y0 + link->y1) / 2;
    }

  *x = self->pan_x + dx * self->zoom;
  *y = self->pan_y + dy * self->zoom;
  return TRUE;
}

/* }}} */
