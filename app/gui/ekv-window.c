/* ekv-window.c: one open audit, its steps in a sidebar and their pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The sidebar follows the five phases of the UNEP cleaner-production assessment;
 * a step is listed once its page exists, and a phase once it has a step. Pages
 * are built when first shown, so opening an audit builds one page only.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-action-plan-page.h"
#include "ekv-application.h"
#include "ekv-balance-page.h"
#include "ekv-bills-page.h"
#include "ekv-company-page.h"
#include "ekv-factors-page.h"
#include "ekv-feasibility-page.h"
#include "ekv-flow-table-page.h"
#include "ekv-inventory-page.h"
#include "ekv-monitoring-page.h"
#include "ekv-options-page.h"
#include "ekv-plan-page.h"
#include "ekv-portfolio-page.h"
#include "ekv-ranking-page.h"
#include "ekv-sankey-page.h"
#include "ekv-screening-page.h"
#include "ekv-team-page.h"
#include "ekv-units-page.h"
#include "ekv-welcome-page.h"
#include "ekv-window-private.h"

G_DEFINE_FINAL_TYPE (EkvWindow, ekv_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  const char  *numeral;
  const char  *title;
} Phase;

static const Phase phases[] = {
  { "I",   N_("Planning and organisation") },
  { "II",  N_("Pre-assessment") },
  { "III", N_("Assessment") },
  { "IV",  N_("Evaluation and feasibility") },
  { "V",   N_("Implementation and monitoring") },
};

typedef struct
{
  const char  *id;
  const char  *title;
  guint        phase;
  GtkWidget *(*create) (EkvDocument *document);
} Step;

/* In the order of the method; the sidebar row at index i is steps[i]. */
static const Step steps[] = {
  { "team",    N_("Audit team"),           0, ekv_team_page_new },
  { "plan",    N_("Scope and objectives"), 0, ekv_plan_page_new },
  { "company", N_("Company profile"),      1, ekv_company_page_new },
  { "units",   N_("Unit operations"),      1, ekv_units_page_new },
  { "bills",   N_("Energy and water bills"), 1, ekv_bills_page_new },
  { "factors", N_("Factors"),              1, ekv_factors_page_new },
  { "inventory", N_("Inventory"),          2, ekv_inventory_page_new },
  { "flows",   N_("Inventory table"),      2, ekv_flow_table_page_new },
  { "balances",  N_("Balances"),           2, ekv_balance_page_new },
  { "sankey",  N_("Sankey diagrams"),      2, ekv_sankey_page_new },
  { "options", N_("Causes and options"),   2, ekv_options_page_new },
  { "screening", N_("Screening"),          3, ekv_screening_page_new },
  { "feasibility", N_("Feasibility"),      3, ekv_feasibility_page_new },
  { "ranking", N_("Ranking"),              3, ekv_ranking_page_new },
  { "portfolio", N_("Portfolio"),          3, ekv_portfolio_page_new },
  { "action-plan", N_("Action plan"),      4, ekv_action_plan_page_new },
  { "monitoring", N_("Monitoring"),        4, ekv_monitoring_page_new },
};

/* Helpers {{{ */

static int
find_step (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i].id, id) == 0)
      return i;

  return -1;
}

static GtkWidget *
ensure_page (EkvWindow *self,
             guint      index)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->page_stack, steps[index].id);

  if (page == NULL)
    {
      page = steps[index].create (self->document);
      gtk_stack_add_named (self->page_stack, page, steps[index].id);
    }

  return page;
}

static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  guint phase = steps[gtk_list_box_row_get_index (row)].phase;
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (before != NULL && steps[gtk_list_box_row_get_index (before)].phase == phase)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  /* Translators: a phase of the audit method: its Roman numeral, then its name */
  text = g_strdup_printf (_("%s. %s"), phases[phase].numeral, _(phases[phase].title));
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "ekv-phase-heading");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_header (row, label);
}

static void
fill_sidebar (EkvWindow *self)
{
  gtk_list_box_set_header_func (self->sidebar, sidebar_header_func, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      GtkWidget *label = gtk_label_new (_(steps[i].title));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_list_box_append (self->sidebar, label);
    }
}

static gboolean
name_to_title (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *name = g_value_get_string (from);

  g_value_set_string (to, name != NULL && *name != '\0' ? name : _("Untitled Audit"));
  return TRUE;
}

static void
update_recent (EkvWindow *self)
{
  EkvApplication *app = EKV_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_auto(GStrv) paths = NULL;

  if (app == NULL)
    return;

  g_menu_remove_all (self->recent_section);
  if (g_menu_model_get_n_items (ekv_application_get_recent_menu (app)) > 0)
    g_menu_append_submenu (self->recent_section, _("Open _Recent"),
                           ekv_application_get_recent_menu (app));

  /* The welcome page lists the same audits. */
  if (self->welcome_page != NULL)
    {
      paths = ekv_application_get_recent_paths (app);
      ekv_welcome_page_set_recent (EKV_WELCOME_PAGE (self->welcome_page),
                                   (const char * const *) paths);
    }
}

/* "application" is not a construct property: this runs once it is set. */
static void
setup_for_application (EkvWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (EKV_IS_APPLICATION (app))
    {
      self->settings = ekv_application_get_settings (EKV_APPLICATION (app));
      if (self->settings != NULL)
        {
          g_object_ref (self->settings);
          g_settings_bind (self->settings, "window-width", self, "default-width",
                           G_SETTINGS_BIND_DEFAULT);
          g_settings_bind (self->settings, "window-height", self, "default-height",
                           G_SETTINGS_BIND_DEFAULT);
          g_settings_bind (self->settings, "window-maximized", self, "maximized",
                           G_SETTINGS_BIND_DEFAULT);
        }
      g_signal_connect_object (ekv_application_get_recent_menu (EKV_APPLICATION (app)),
                               "items-changed", G_CALLBACK (update_recent), self,
                               G_CONNECT_SWAPPED);
      update_recent (self);
    }
}

/* The menu's widgets are built when it first opens, not while the window starts. */
static void
create_sidebar_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  EkvWindow *self = EKV_WINDOW (user_data);

  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* }}} */
/* Callbacks {{{ */

static void
sidebar_row_selected_cb (EkvWindow     *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list_box)
{
  guint index;

  if (row == NULL || self->document == NULL)
    return;

  /* Put the focus on the step before the page changes: left in the page being
   * hidden, GTK would move it to the new page's first field, whose text a key press
   * would replace (and, taken back afterwards, leave that text selected). */
  index = gtk_list_box_row_get_index (row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_stack_set_visible_child (self->page_stack, ensure_page (self, index));
}

static void
sidebar_row_activated_cb (EkvWindow     *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list_box)
{
  /* Only a folded window needs to slide to the page; unfolded, navigating would
   * move the focus into the page's first field. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (EkvWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
document_error_cb (EkvWindow   *self,
                   GError      *error,
                   EkvDocument *document)
{
  ekv_window_add_toast (self, error->message);
}

/* }}} */
/* GObject {{{ */

static void
ekv_window_dispose (GObject *object)
{
  EkvWindow *self = EKV_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EKV_TYPE_WINDOW);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ekv_window_parent_class)->dispose (object);
}

static void
ekv_window_class_init (EkvWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EkvWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EkvWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EkvWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EkvWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, EkvWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, EkvWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, EkvWindow, sidebar_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EkvWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, EkvWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  _ekv_window_class_actions_init (klass);
}

static void
ekv_window_init (EkvWindow *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Enter on a step goes into its page; without this, a keyboard user would have
   * to go round the whole window to reach the fields. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_KP_Enter, 0)),
                      gtk_named_action_new ("win.focus-page")));
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar), shortcuts);

  gtk_menu_button_set_create_popup_func (self->sidebar_menu_button, create_sidebar_menu_cb,
                                         self, NULL);
  _ekv_window_update_actions (self);
}

/* }}} */
/* Public API {{{ */

/* A window that starts without an audit offers to start one. */
EkvWindow *
ekv_window_new (GtkApplication *application)
{
  EkvWindow *self = g_object_new (EKV_TYPE_WINDOW, "application", application, NULL);

  self->welcome_page = ekv_welcome_page_new (self->primary_menu);
  gtk_stack_add_named (self->main_stack, self->welcome_page, "welcome");
  gtk_stack_set_visible_child (self->main_stack, self->welcome_page);
  setup_for_application (self);

  return self;
}

/* An opened audit never pays for the welcome page. */
EkvWindow *
ekv_window_new_for_document (GtkApplication *application,
                             EkvDocument    *document)
{
  EkvWindow *self = g_object_new (EKV_TYPE_WINDOW, "application", application, NULL);

  setup_for_application (self);
  ekv_window_set_document (self, document);

  return self;
}

EkvDocument *
ekv_window_get_document (EkvWindow *self)
{
  g_return_val_if_fail (EKV_IS_WINDOW (self), NULL);

  return self->document;
}

void
ekv_window_set_document (EkvWindow   *self,
                         EkvDocument *document)
{
  g_autofree char *basename = NULL;
  GtkListBoxRow *row;
  const char *path;

  g_return_if_fail (EKV_IS_WINDOW (self));
  g_return_if_fail (EKV_IS_DOCUMENT (document));
  g_return_if_fail (self->document == NULL);

  self->document = g_object_ref (document);
  g_signal_connect_object (document, "error", G_CALLBACK (document_error_cb), self,
                           G_CONNECT_SWAPPED);

  /* The firm's name is the audit's title, in the header bar and the window list. */
  g_object_bind_property_full (ekv_document_get_company (document), "name",
                               self->window_title, "title", G_BINDING_SYNC_CREATE,
                               name_to_title, NULL, NULL, NULL);
  g_object_bind_property (self->window_title, "title", self, "title", G_BINDING_SYNC_CREATE);

  path = ekv_document_get_path (document);
  if (path != NULL)
    {
      basename = g_path_get_basename (path);
      if (ekv_document_is_read_only (document))
        {
          /* Translators: %s is a file name */
          g_autofree char *subtitle = g_strdup_printf (_("%s (read-only)"), basename);
          adw_window_title_set_subtitle (self->window_title, subtitle);
        }
      else
        adw_window_title_set_subtitle (self->window_title, basename);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), path);
    }

  fill_sidebar (self);
  gtk_stack_set_visible_child_name (self->main_stack, "document");
  /* An audit opens on who the firm is: the company profile. */
  row = gtk_list_box_get_row_at_index (self->sidebar, find_step ("company"));
  gtk_list_box_select_row (self->sidebar, row);
  /* Start in the sidebar: a first key press must not type over a field. */
  gtk_widget_grab_focus (GTK_WIDGET (row));
  _ekv_window_update_actions (self);
}

GtkWidget *
ekv_window_show_page (EkvWindow  *self,
                      const char *step)
{
  int index;

  g_return_val_if_fail (EKV_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->document != NULL, NULL);

  index = find_step (step);
  g_return_val_if_fail (index >= 0, NULL);

  gtk_list_box_select_row (self->sidebar, gtk_list_box_get_row_at_index (self->sidebar, index));
  return ensure_page (self, index);
}

GtkListBox *
ekv_window_get_sidebar (EkvWindow *self)
{
  g_return_val_if_fail (EKV_IS_WINDOW (self), NULL);

  return self->sidebar;
}

AdwWindowTitle *
ekv_window_get_title_widget (EkvWindow *self)
{
  g_return_val_if_fail (EKV_IS_WINDOW (self), NULL);

  return self->window_title;
}

void
ekv_window_add_toast (EkvWindow  *self,
                      const char *message)
{
  /* Toast titles are markup in libadwaita 1.2. */
  g_autofree char *escaped = NULL;

  g_return_if_fail (EKV_IS_WINDOW (self));
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

gboolean
ekv_window_save_copy (EkvWindow   *self,
                      const char  *path,
                      GError     **error)
{
  GtkApplication *application;
  g_autoptr(GFile) target = NULL;

  g_return_val_if_fail (EKV_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Replacing a file another window has open would leave that window writing to a
   * deleted file: every later edit there would be lost. */
  target = g_file_new_for_path (path);
  application = gtk_window_get_application (GTK_WINDOW (self));
  for (GList *l = application != NULL ? gtk_application_get_windows (application) : NULL;
       l != NULL;
       l = l->next)
    {
      EkvDocument *other = EKV_IS_WINDOW (l->data) ? ekv_window_get_document (l->data) : NULL;
      g_autoptr(GFile) open_file = NULL;

      if (other == NULL || other == self->document || ekv_document_get_path (other) == NULL)
        continue;
      open_file = g_file_new_for_path (ekv_document_get_path (other));
      if (g_file_equal (open_file, target))
        {
          g_autofree char *name = g_path_get_basename (path);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       /* Translators: %s is a file name */
                       _("“%s” is open in another Ekoverim window. Close it first, or choose "
                         "another name."), name);
          return FALSE;
        }
    }

  return ekv_document_save_copy (self->document, path, error);
}

/* }}} */
