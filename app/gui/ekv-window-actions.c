/* ekv-window-actions.c: win.* actions
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-gui-util.h"
#include "ekv-inventory-page.h"
#include "ekv-report-print.h"
#include "ekv-window-private.h"
#include "ekv-xlsx-export.h"

static void
save_copy_response_cb (EkvWindow            *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (!g_str_has_suffix (path, ".ekv"))
    {
      char *with_suffix = g_strconcat (path, ".ekv", NULL);
      g_free (path);
      path = with_suffix;

      /* The chooser asked about replacing the name typed, not this one. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *name = g_path_get_basename (path);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       /* Translators: %s is a file name */
                       _("A file named “%s” already exists. Choose another name."), name);
        }
    }

  if (error != NULL || !ekv_window_save_copy (self, path, &error))
    {
      ekv_gui_show_error (GTK_WINDOW (self), _("Could Not Save a Copy"), error->message);
      return;
    }

  basename = g_path_get_basename (path);
  /* Translators: %s is a file name */
  message = g_strdup_printf (_("Copy saved as “%s”"), basename);
  ekv_window_add_toast (self, message);
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EkvWindow *self = EKV_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *basename = NULL;
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;
  const char *path;

  if (self->document == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save a Copy"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, _("Ekoverim audits"));
  gtk_file_filter_add_pattern (filter, "*.ekv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  path = ekv_document_get_path (self->document);
  if (path != NULL)
    {
      g_autoptr(GFile) folder = NULL;
      g_autofree char *stem = NULL;
      g_autofree char *dir = g_path_get_dirname (path);

      basename = g_path_get_basename (path);
      stem = g_strndup (basename, strlen (basename) - (g_str_has_suffix (basename, ".ekv") ? 4 : 0));
      /* Translators: the suggested name of a copy; %s is the audit's file name without .ekv */
      suggested = g_strdup_printf (_("%s (copy).ekv"), stem);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
      folder = g_file_new_for_path (dir);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (save_copy_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_report_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ekv_report_print_run (EKV_WINDOW (widget));
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ekv_report_export_run (EKV_WINDOW (widget));
}

static void
export_xlsx_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ekv_xlsx_export_run (EKV_WINDOW (widget));
}

/* The "Open" of an export's toast: the file in the program the desktop opens it with. */
static void
open_exported_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_autoptr(GAppLaunchContext) context = NULL;
  GdkDisplay *display = gtk_widget_get_display (widget);

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display));
  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL), context, NULL,
                                           NULL, NULL);
}

/* Enter on a step of the sidebar goes into its page, as a click shows it. */
static void
focus_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  EkvWindow *self = EKV_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;
  GtkWidget *page;

  if (self->document == NULL)
    return;

  if (row != NULL && gtk_widget_get_parent (row) == GTK_WIDGET (self->sidebar))
    gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);

  page = gtk_stack_get_visible_child (self->page_stack);
  if (page != NULL)
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

/* Shows the unit operation whose id is the parameter in the Inventory page: what
 * a unit's row in the Balances page (or the flow chart) opens. */
static void
show_unit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EkvWindow *self = EKV_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  EkvRecord *unit;
  GtkWidget *page;

  if (self->document == NULL)
    return;

  unit = ekv_document_find (self->document, EKV_ENTITY_UNIT_OPERATION, id);
  if (unit == NULL)
    return;

  page = ekv_window_show_page (self, "inventory");
  ekv_inventory_page_set_unit (EKV_INVENTORY_PAGE (page), unit);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Opens a flow in the Inventory page, on the unit it enters (or leaves). */
static void
show_flow_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  EkvWindow *self = EKV_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  const char *unit_id;
  EkvRecord *flow, *unit;
  GtkWidget *page, *row;

  if (self->document == NULL)
    return;

  flow = ekv_document_find (self->document, EKV_ENTITY_FLOW, id);
  if (flow == NULL)
    return;
  unit_id = ekv_record_get_string (flow, EKV_FLOW_TO);
  if (unit_id == NULL)
    unit_id = ekv_record_get_string (flow, EKV_FLOW_FROM);
  unit = unit_id != NULL ? ekv_document_find (self->document, EKV_ENTITY_UNIT_OPERATION, unit_id)
                         : NULL;
  if (unit == NULL)
    return;

  page = ekv_window_show_page (self, "inventory");
  ekv_inventory_page_set_unit (EKV_INVENTORY_PAGE (page), unit);
  row = ekv_inventory_page_open_flow (EKV_INVENTORY_PAGE (page), flow);
  if (row != NULL)
    gtk_widget_grab_focus (row);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
_ekv_window_update_actions (EkvWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.focus-page", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-unit", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-flow", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-report", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", self->document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-xlsx", self->document != NULL);
}

void
_ekv_window_class_actions_init (EkvWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
  gtk_widget_class_install_action (widget_class, "win.focus-page", NULL, focus_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-unit", "s", show_unit_action);
  gtk_widget_class_install_action (widget_class, "win.show-flow", "s", show_flow_action);
  gtk_widget_class_install_action (widget_class, "win.print-report", NULL, print_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-xlsx", NULL, export_xlsx_action);
  gtk_widget_class_install_action (widget_class, "win.open-exported", "s", open_exported_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-copy", NULL);
}
