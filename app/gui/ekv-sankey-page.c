/* ekv-sankey-page.c: the audit's Sankey diagrams, followed live, exported and printed
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The graph of the chosen view and scenario is made again from the audit after
 * every edit (core/ekv-sankey-graph.c), so the diagram is never drawn by hand
 * and never stale. Exports and printouts make their own graph and lay it out
 * for their own size, through the same drawing code as the screen.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-gui-util.h"
#include "ekv-sankey-page.h"

/* Exports: a picture for slides, a page for reports (A4 landscape, points). */
#define PNG_WIDTH   1600
#define PNG_HEIGHT  1000
#define PAGE_WIDTH   842
#define PAGE_HEIGHT  595

struct _EkvSankeyPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkBox              *view_box;
  GtkDropDown         *scenario_dropdown;
  GtkLabel            *zoom_label;
  GtkStack            *stack;
  EkvSankeyChart      *chart;
  AdwStatusPage       *empty_page;

  /* Owned references */
  EkvDocument         *document;
  GtkFileChooserNative *chooser;
  EkvChartFormat      chooser_format;
  GtkWidget           *view_buttons[EKV_SANKEY_VIEW_COST + 1];

  EkvSankeyView        view;
  char                *message;
  guint                rebuild_id;
};

G_DEFINE_FINAL_TYPE (EkvSankeyPage, ekv_sankey_page, ADW_TYPE_BIN)

/* Helpers {{{ */

static EkvSankeyScenario
scenario (EkvSankeyPage *self)
{
  return gtk_drop_down_get_selected (self->scenario_dropdown) == 1
           ? EKV_SANKEY_SCENARIO_AFTER : EKV_SANKEY_SCENARIO_BASELINE;
}

static EkvSankeyGraph *
make_graph (EkvSankeyPage  *self,
            GError        **error)
{
  return ekv_sankey_graph_from_audit (self->document, self->view, scenario (self), error);
}

/* The baseline, whose scale the after scenario is drawn on; NULL for the baseline. */
static EkvSankeyGraph *
make_reference (EkvSankeyPage *self)
{
  if (scenario (self) != EKV_SANKEY_SCENARIO_AFTER)
    return NULL;
  return ekv_sankey_graph_from_audit (self->document, self->view, EKV_SANKEY_SCENARIO_BASELINE,
                                      NULL);
}

static void
rebuild (EkvSankeyPage *self)
{
  g_autoptr(GError) error = NULL;
  EkvSankeyGraph *graph = make_graph (self, &error);

  g_clear_pointer (&self->message, g_free);
  if (graph == NULL)
    {
      self->message = g_strdup (error->message);
      adw_status_page_set_description (self->empty_page, self->message);
      ekv_sankey_chart_set_graph (self->chart, self->document, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      ekv_sankey_chart_set_graph (self->chart, self->document, graph);
      ekv_sankey_chart_set_reference (self->chart, make_reference (self));
      gtk_stack_set_visible_child_name (self->stack, "chart");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sankey.export", graph != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sankey.print", graph != NULL);
}

static gboolean
rebuild_idle (gpointer user_data)
{
  EkvSankeyPage *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (EkvSankeyPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rebuild_idle, self, NULL);
}

static const char *
format_extension (EkvChartFormat format)
{
  switch (format)
    {
    case EKV_CHART_FORMAT_SVG:
      return "svg";
    case EKV_CHART_FORMAT_PDF:
      return "pdf";
    case EKV_CHART_FORMAT_PNG:
    default:
      return "png";
    }
}

/* }}} */
/* Callbacks {{{ */

static void
view_toggled_cb (GtkToggleButton *button,
                 EkvSankeyPage   *self)
{
  if (gtk_toggle_button_get_active (button))
    ekv_sankey_page_set_view (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                        "ekv-view")));
}

static void
scenario_changed_cb (EkvSankeyPage *self)
{
  if (self->document != NULL)
    rebuild (self);
}

static void
zoom_changed_cb (EkvSankeyPage *self)
{
  g_autofree char *pct = g_strdup_printf ("%.0f", 100 * ekv_sankey_chart_get_zoom (self->chart));
  g_autofree char *text = NULL;

  /* Translators: the zoom of a diagram, e.g. "150 %" */
  text = g_strdup_printf (_("%s %%"), pct);
  gtk_label_set_text (self->zoom_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sankey.zoom-out",
                                 ekv_sankey_chart_get_zoom (self->chart) > 1);
}

static void
node_activated_cb (EkvSankeyPage *self,
                   guint          index)
{
  EkvSankeyGraph *graph = ekv_sankey_chart_get_graph (self->chart);
  const EkvSankeyNode *node = ekv_sankey_graph_get_node (graph, index);

  if (node->id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-unit", "s", node->id);
}

static void
link_activated_cb (EkvSankeyPage *self,
                   guint          index)
{
  EkvSankeyGraph *graph = ekv_sankey_chart_get_graph (self->chart);
  const EkvSankeyLink *link = ekv_sankey_graph_get_link (graph, index);

  if (link->flow_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-flow", "s", link->flow_id);
}

/* }}} */
/* Actions {{{ */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EkvSankeyPage *self = EKV_SANKEY_PAGE (widget);
  double zoom = ekv_sankey_chart_get_zoom (self->chart);

  if (g_str_equal (action_name, "sankey.zoom-in"))
    zoom *= 1.25;
  else if (g_str_equal (action_name, "sankey.zoom-out"))
    zoom /= 1.25;
  else
    zoom = 1;
  ekv_sankey_chart_set_zoom (self->chart, zoom);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     EkvSankeyPage   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      ekv_gui_toast (GTK_WIDGET (self), _("Choose a file on this computer"));
      return;
    }

  if (!ekv_sankey_page_export (self, self->chooser_format, path, &error))
    ekv_gui_toast (GTK_WIDGET (self), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: a toast after a diagram was exported; %s is the file's name */
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

      ekv_gui_toast (GTK_WIDGET (self), message);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EkvSankeyPage *self = EKV_SANKEY_PAGE (widget);
  const char *nick = g_variant_get_string (parameter, NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  const char *firm;
  EkvChartFormat format;

  if (!ekv_chart_format_from_nick (nick, &format))
    g_return_if_reached ();

  firm = ekv_record_get_string (ekv_document_get_company (self->document), EKV_COMPANY_NAME);
  /* Translators: the file name offered when exporting a diagram: firm, then the view */
  name = g_strdup_printf (_("%s – %s.%s"), firm != NULL && *firm != '\0' ? firm : _("Audit"),
                          ekv_sankey_view_get_label (self->view), format_extension (format));

  pattern = g_strdup_printf ("*.%s", format_extension (format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, format == EKV_CHART_FORMAT_PNG ? _("PNG pictures")
                                    : format == EKV_CHART_FORMAT_SVG ? _("SVG drawings")
                                    : _("PDF documents"));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export the Diagram"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), NULL);
  self->chooser_format = format;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* What a printout draws: the graph, on the reference's scale if there is one. */
typedef struct
{
  EkvSankeyGraph *graph;
  EkvSankeyGraph *reference;
} Printout;

static void
printout_free (gpointer  data,
               GClosure *closure)
{
  Printout *printout = data;

  g_clear_pointer (&printout->graph, ekv_sankey_graph_free);
  g_clear_pointer (&printout->reference, ekv_sankey_graph_free);
  g_free (printout);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Printout          *printout)
{
  g_autoptr(GError) error = NULL;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  EkvSankeyDrawOptions options;

  ekv_sankey_draw_options_init (&options);
  if (printout->reference != NULL)
    options.fixed_scale = ekv_sankey_fit_scale (printout->reference, width, height, NULL);
  if (!ekv_sankey_draw (cr, printout->graph, width, height, &options, &error))
    g_warning ("Could not print the diagram: %s", error->message);
}

static GtkPrintOperation *
print_operation_new (EkvSankeyPage  *self,
                     GError        **error)
{
  EkvSankeyGraph *graph = make_graph (self, error);
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPrintOperation *operation;

  if (graph == NULL)
    return NULL;

  setup = gtk_page_setup_new ();
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, graph->title != NULL ? graph->title : "Sankey");
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  {
    Printout *printout = g_new0 (Printout, 1);

    printout->graph = graph;
    printout->reference = make_reference (self);
    g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), printout,
                           printout_free, 0);
  }
  return operation;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  EkvSankeyPage *self = EKV_SANKEY_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  operation = print_operation_new (self, &error);
  if (operation == NULL ||
      gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error)
        == GTK_PRINT_OPERATION_RESULT_ERROR)
    ekv_gui_toast (widget, error->message);
}

/* }}} */
/* GObject {{{ */

static void
ekv_sankey_page_dispose (GObject *object)
{
  EkvSankeyPage *self = EKV_SANKEY_PAGE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), EKV_TYPE_SANKEY_PAGE);

  G_OBJECT_CLASS (ekv_sankey_page_parent_class)->dispose (object);
}

static void
ekv_sankey_page_finalize (GObject *object)
{
  EkvSankeyPage *self = EKV_SANKEY_PAGE (object);

  g_clear_object (&self->document);
  g_free (self->message);

  G_OBJECT_CLASS (ekv_sankey_page_parent_class)->finalize (object);
}

static void
ekv_sankey_page_class_init (EkvSankeyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_sankey_page_dispose;
  object_class->finalize = ekv_sankey_page_finalize;

  g_type_ensure (EKV_TYPE_SANKEY_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-sankey-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkvSankeyPage, view_box);
  gtk_widget_class_bind_template_child (widget_class, EkvSankeyPage, scenario_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EkvSankeyPage, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, EkvSankeyPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EkvSankeyPage, chart);
  gtk_widget_class_bind_template_child (widget_class, EkvSankeyPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, scenario_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_activated_cb);

  gtk_widget_class_install_action (widget_class, "sankey.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "sankey.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "sankey.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "sankey.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "sankey.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "sankey.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "sankey.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "sankey.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "sankey.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "sankey.print", NULL);
}

static void
ekv_sankey_page_init (EkvSankeyPage *self)
{
  GtkWidget *first = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int view = EKV_SANKEY_VIEW_MATERIAL; view <= EKV_SANKEY_VIEW_COST; view++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (ekv_sankey_view_get_label (view));

      g_object_set_data (G_OBJECT (button), "ekv-view", GINT_TO_POINTER (view));
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      else
        first = button;
      g_signal_connect (button, "toggled", G_CALLBACK (view_toggled_cb), self);
      gtk_box_append (self->view_box, button);
      self->view_buttons[view] = button;
    }

  zoom_changed_cb (self);
}

/* }}} */
/* Public {{{ */

GtkWidget *
ekv_sankey_page_new (EkvDocument *document)
{
  EkvSankeyPage *self;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_SANKEY_PAGE, NULL);
  self->document = g_object_ref (document);
  self->view = EKV_SANKEY_VIEW_MATERIAL;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->view_buttons[self->view]), TRUE);

  g_signal_connect_swapped (document, "changed", G_CALLBACK (queue_rebuild), self);
  rebuild (self);

  return GTK_WIDGET (self);
}

void
ekv_sankey_page_set_view (EkvSankeyPage *self,
                          EkvSankeyView  view)
{
  g_return_if_fail (EKV_IS_SANKEY_PAGE (self));
  g_return_if_fail (view <= EKV_SANKEY_VIEW_COST);

  if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->view_buttons[view])))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->view_buttons[view]), TRUE);
  if (view == self->view)
    return;

  self->view = view;
  ekv_sankey_chart_set_zoom (self->chart, 1);
  rebuild (self);
}

EkvSankeyView
ekv_sankey_page_get_view (EkvSankeyPage *self)
{
  g_return_val_if_fail (EKV_IS_SANKEY_PAGE (self), EKV_SANKEY_VIEW_MATERIAL);

  return self->view;
}

EkvSankeyChart *
ekv_sankey_page_get_chart (EkvSankeyPage *self)
{
  g_return_val_if_fail (EKV_IS_SANKEY_PAGE (self), NULL);

  return self->chart;
}

const char *
ekv_sankey_page_get_message (EkvSankeyPage *self)
{
  g_return_val_if_fail (EKV_IS_SANKEY_PAGE (self), NULL);

  return self->message;
}

gboolean
ekv_sankey_page_export (EkvSankeyPage    *self,
                        EkvChartFormat   format,
                        const char       *path,
                        GError          **error)
{
  g_autoptr(EkvSankeyGraph) graph = NULL;
  g_autoptr(EkvSankeyGraph) reference = NULL;
  gboolean pixels = format == EKV_CHART_FORMAT_PNG;
  double width = pixels ? PNG_WIDTH : PAGE_WIDTH;
  double height = pixels ? PNG_HEIGHT : PAGE_HEIGHT;
  EkvSankeyDrawOptions options;

  g_return_val_if_fail (EKV_IS_SANKEY_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  graph = make_graph (self, error);
  if (graph == NULL)
    return FALSE;

  ekv_sankey_draw_options_init (&options);
  reference = make_reference (self);
  if (reference != NULL)
    options.fixed_scale = ekv_sankey_fit_scale (reference, width, height, NULL);
  return ekv_sankey_write_file_full (graph, &options, format, path, width, height, error);
}

gboolean
ekv_sankey_page_print_to_file (EkvSankeyPage  *self,
                               const char     *path,
                               GError        **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (EKV_IS_SANKEY_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  operation = print_operation_new (self, error);
  if (operation == NULL)
    return FALSE;

  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error)
           != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/* }}} */
