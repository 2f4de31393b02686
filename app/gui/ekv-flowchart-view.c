/* ekv-flowchart-view.c: the process flow chart in the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * A thin widget over report/ekv-flowchart: it lays the chart out for its width
 * (height for width, so a narrow window gets more rows), draws it, makes it
 * again after every edit of the document, says what is under the pointer and
 * opens a clicked unit in the inventory (win.show-unit).
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-flowchart-view.h"

struct _EkvFlowchartView
{
  GtkWidget     parent_instance;

  EkvDocument  *document;
  EkvFlowchart *chart;         /* for chart_width; NULL when out of date */
  int           chart_width;
  GHashTable   *heights;       /* width → height of the chart at that width */
};

G_DEFINE_FINAL_TYPE (EkvFlowchartView, ekv_flowchart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers {{{ */

static void
update_accessible (EkvFlowchartView *self)
{
  g_autofree char *description = NULL;

  if (self->chart != NULL)
    description = ekv_flowchart_describe (self->chart);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "",
                                  -1);
}

static EkvFlowchart *
ensure_chart (EkvFlowchartView *self,
              int               width)
{
  if (self->document == NULL || width <= 0)
    return NULL;

  if (self->chart == NULL || self->chart_width != width)
    {
      g_clear_pointer (&self->chart, ekv_flowchart_free);
      self->chart = ekv_flowchart_new (self->document, gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                       width);
      self->chart_width = width;
      g_hash_table_insert (self->heights, GINT_TO_POINTER (width),
                           GINT_TO_POINTER ((int) ceil (ekv_flowchart_get_height (self->chart))));
      update_accessible (self);
    }

  return self->chart;
}


/* Anything in the audit changed: lay out again at the next frame. */
static void
invalidate (EkvFlowchartView *self)
{
  g_clear_pointer (&self->chart, ekv_flowchart_free);
  g_hash_table_remove_all (self->heights);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* }}} */
/* Callbacks {{{ */

static void
document_changed_cb (EkvFlowchartView *self)
{
  invalidate (self);
}

static void
released_cb (EkvFlowchartView *self,
             int               n_press,
             double            x,
             double            y,
             GtkGestureClick  *gesture)
{
  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) != GDK_BUTTON_PRIMARY)
    return;
  if (ekv_flowchart_view_activate_at (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
motion_cb (EkvFlowchartView         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  gboolean on_box = self->chart != NULL && ekv_flowchart_hit (self->chart, x, y) != NULL;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), on_box ? "pointer" : NULL);
}

/* }}} */
/* GtkWidget {{{ */

static GtkSizeRequestMode
ekv_flowchart_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ekv_flowchart_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  EkvFlowchartView *self = EKV_FLOWCHART_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* One column of boxes fits a phone; wider, the rows get longer. */
      *minimum = 200;
      *natural = 1000;
    }
  else
    {
      int width = for_size > 0 ? for_size : 1000;
      gpointer cached;

      if (self->document == NULL)
        {
          *minimum = *natural = 0;
          return;
        }
      if (!g_hash_table_lookup_extended (self->heights, GINT_TO_POINTER (width), NULL, &cached))
        {
          ensure_chart (self, width);
          cached = g_hash_table_lookup (self->heights, GINT_TO_POINTER (width));
        }
      *minimum = *natural = GPOINTER_TO_INT (cached);
    }
}

static void
ekv_flowchart_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  ensure_chart (EKV_FLOWCHART_VIEW (widget), width);
}

static void
ekv_flowchart_view_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  EkvFlowchartView *self = EKV_FLOWCHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  EkvFlowchartStyle style;
  GtkStyleContext *context;
  GdkRGBA fg, fill;
  EkvFlowchart *chart;
  cairo_t *cr;

  chart = ensure_chart (self, width);
  if (chart == NULL || height <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "card_bg_color", &fill))
    fill = (GdkRGBA) { 1, 1, 1, 1 };
  G_GNUC_END_IGNORE_DEPRECATIONS
  style.foreground = (EkvColor) { fg.red, fg.green, fg.blue };
  /* The card colour is translucent in the dark style: lay it over the window's. */
  style.box_fill = (EkvColor) { fill.red * fill.alpha + (1 - fill.alpha) * (fg.red > 0.5 ? 0.14 : 1.0),
                                fill.green * fill.alpha + (1 - fill.alpha) * (fg.red > 0.5 ? 0.14 : 1.0),
                                fill.blue * fill.alpha + (1 - fill.alpha) * (fg.red > 0.5 ? 0.14 : 1.0) };
  ekv_flowchart_set_style (chart, &style);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ekv_flowchart_draw (chart, cr);
  cairo_destroy (cr);
}

static gboolean
ekv_flowchart_view_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_mode,
                                  GtkTooltip *tooltip)
{
  EkvFlowchartView *self = EKV_FLOWCHART_VIEW (widget);
  g_autofree char *text = NULL;
  const char *unit_id;

  if (self->chart == NULL || keyboard_mode)
    return FALSE;

  unit_id = ekv_flowchart_hit (self->chart, x, y);
  if (unit_id != NULL)
    {
      for (guint i = 0; i < ekv_flowchart_get_n_boxes (self->chart); i++)
        {
          const EkvFlowchartBox *box = ekv_flowchart_get_box (self->chart, i);
          g_autofree char *about = NULL;

          if (box->unit_id != unit_id)
            continue;
          about = ekv_flowchart_describe_box (self->chart, i);
          text = g_strdup_printf ("%s\n%s", about, _("Click to open its inputs and outputs"));
          gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { box->x, box->y, box->width, box->height });
          break;
        }
    }
  else if ((text = ekv_flowchart_describe_arrows_at (self->chart, x, y)) != NULL)
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - 4, y - 4, 8, 8 });

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* }}} */
/* GObject {{{ */

static void
ekv_flowchart_view_dispose (GObject *object)
{
  EkvFlowchartView *self = EKV_FLOWCHART_VIEW (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->chart, ekv_flowchart_free);

  G_OBJECT_CLASS (ekv_flowchart_view_parent_class)->dispose (object);
}

static void
ekv_flowchart_view_finalize (GObject *object)
{
  EkvFlowchartView *self = EKV_FLOWCHART_VIEW (object);

  g_clear_pointer (&self->heights, g_hash_table_unref);

  G_OBJECT_CLASS (ekv_flowchart_view_parent_class)->finalize (object);
}

static void
ekv_flowchart_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EkvFlowchartView *self = EKV_FLOWCHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_flowchart_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EkvFlowchartView *self = EKV_FLOWCHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      ekv_flowchart_view_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_flowchart_view_class_init (EkvFlowchartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_flowchart_view_dispose;
  object_class->finalize = ekv_flowchart_view_finalize;
  object_class->get_property = ekv_flowchart_view_get_property;
  object_class->set_property = ekv_flowchart_view_set_property;

  widget_class->get_request_mode = ekv_flowchart_view_get_request_mode;
  widget_class->measure = ekv_flowchart_view_measure;
  widget_class->size_allocate = ekv_flowchart_view_size_allocate;
  widget_class->snapshot = ekv_flowchart_view_snapshot;
  widget_class->query_tooltip = ekv_flowchart_view_query_tooltip;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, EKV_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "ekv-flowchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ekv_flowchart_view_init (EkvFlowchartView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->heights = g_hash_table_new (g_direct_hash, g_direct_equal);

  g_signal_connect_object (click, "released", G_CALLBACK (released_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Process flow chart"),
                                  -1);
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_flowchart_view_new (void)
{
  return g_object_new (EKV_TYPE_FLOWCHART_VIEW, NULL);
}

void
ekv_flowchart_view_set_document (EkvFlowchartView *self,
                                 EkvDocument      *document)
{
  g_return_if_fail (EKV_IS_FLOWCHART_VIEW (self));
  g_return_if_fail (document == NULL || EKV_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, document_changed_cb, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self,
                             G_CONNECT_SWAPPED);

  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

EkvDocument *
ekv_flowchart_view_get_document (EkvFlowchartView *self)
{
  g_return_val_if_fail (EKV_IS_FLOWCHART_VIEW (self), NULL);

  return self->document;
}

EkvFlowchart *
ekv_flowchart_view_get_chart (EkvFlowchartView *self)
{
  g_return_val_if_fail (EKV_IS_FLOWCHART_VIEW (self), NULL);

  return ensure_chart (self, gtk_widget_get_width (GTK_WIDGET (self)));
}

gboolean
ekv_flowchart_view_activate_at (EkvFlowchartView *self,
                                double            x,
                                double            y)
{
  const char *unit_id;

  g_return_val_if_fail (EKV_IS_FLOWCHART_VIEW (self), FALSE);

  if (self->chart == NULL || (unit_id = ekv_flowchart_hit (self->chart, x, y)) == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), "win.show-unit", "s", unit_id);
}

/* }}} */
