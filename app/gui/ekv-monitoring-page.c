/* ekv-monitoring-page.c: the indicators that follow the plan, and their values (phase V)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * W21: one group per KPI with a line chart of its values against the baseline
 * and the target, the KPI's own fields, its values by period (each editable,
 * deleted with Undo) and a row to add the value of a new period. Charts and
 * descriptions follow every edit.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-field-row.h"
#include "ekv-gui-util.h"
#include "ekv-monitoring-page.h"
#include "ekv-util.h"

typedef struct
{
  EkvRecord           *kpi;        /* a reference */
  AdwPreferencesGroup *group;
  EkvKpiChart         *chart;
  GtkWidget           *period_entry;
  GtkWidget           *value_entry;
} Section;

struct _EkvMonitoringPage
{
  AdwPreferencesPage   parent_instance;

  AdwPreferencesGroup *top_group;
  EkvDocument         *document;
  GPtrArray           *sections;   /* Section */
};

G_DEFINE_FINAL_TYPE (EkvMonitoringPage, ekv_monitoring_page, ADW_TYPE_PREFERENCES_PAGE)

static void rebuild (EkvMonitoringPage *self);

/* Helpers {{{ */

static int
compare_period (gconstpointer a,
                gconstpointer b)
{
  EkvRecord *x = *(EkvRecord **) a, *y = *(EkvRecord **) b;

  return g_strcmp0 (ekv_record_get_string (x, EKV_KPI_VALUE_PERIOD),
                    ekv_record_get_string (y, EKV_KPI_VALUE_PERIOD));
}

/* The KPI's values in period order (references). */
static GPtrArray *
sorted_values (EkvRecord *kpi)
{
  GListModel *values = ekv_record_get_children (kpi, EKV_ENTITY_KPI_VALUE);
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (values); i++)
    g_ptr_array_add (sorted, g_list_model_get_item (values, i));
  g_ptr_array_sort (sorted, compare_period);
  return sorted;
}

static char *
format_value (double value)
{
  return ekv_number_format (value, -1);
}

/* The month after the last value's ("2026-05" after "2026-04"), or this month. */
static char *
next_period (EkvRecord *kpi)
{
  g_autoptr(GPtrArray) values = sorted_values (kpi);
  int year, month;

  if (values->len > 0 &&
      sscanf (ekv_record_get_string (g_ptr_array_index (values, values->len - 1),
                                     EKV_KPI_VALUE_PERIOD), "%4d-%2d", &year, &month) == 2 &&
      month >= 1 && month <= 12)
    return g_strdup_printf ("%04d-%02d", month == 12 ? year + 1 : year, month % 12 + 1);

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    return g_date_time_format (now, "%Y-%m");
  }
}

static void
update_section (Section *section)
{
  EkvRecord *kpi = section->kpi;
  g_autoptr(GPtrArray) values = sorted_values (kpi);
  g_autoptr(GPtrArray) periods = g_ptr_array_new ();
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) text = g_string_new (NULL);
  const char *unit = ekv_record_get_string (kpi, EKV_KPI_UNIT);
  double baseline = ekv_record_is_set (kpi, EKV_KPI_BASELINE)
                      ? ekv_record_get_double (kpi, EKV_KPI_BASELINE) : NAN;
  double target = ekv_record_is_set (kpi, EKV_KPI_TARGET)
                    ? ekv_record_get_double (kpi, EKV_KPI_TARGET) : NAN;
  g_autofree char *title = NULL;

  for (guint i = 0; i < values->len; i++)
    {
      EkvRecord *v = g_ptr_array_index (values, i);
      double x = ekv_record_get_double (v, EKV_KPI_VALUE_VALUE);

      g_ptr_array_add (periods, (gpointer) ekv_record_get_string (v, EKV_KPI_VALUE_PERIOD));
      g_array_append_val (numbers, x);
    }
  g_ptr_array_add (periods, NULL);
  ekv_kpi_chart_set_data (section->chart, (const char * const *) periods->pdata,
                          (const double *) (void *) numbers->data, numbers->len, baseline, target);

  if (unit != NULL && *unit != '\0')
    /* Translators: a KPI's title: its name and unit, e.g. "Specific water (m3/t)" */
    title = g_strdup_printf (_("%s (%s)"), ekv_record_get_string (kpi, EKV_KPI_NAME), unit);
  else
    title = g_strdup (ekv_record_get_string (kpi, EKV_KPI_NAME));
  adw_preferences_group_set_title (section->group, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (section->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);

  if (isfinite (baseline))
    {
      g_autofree char *b = format_value (baseline);
      /* Translators: under a KPI's title */
      g_string_append_printf (text, _("Baseline %s"), b);
    }
  if (isfinite (target))
    {
      g_autofree char *t = format_value (target);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: under a KPI's title */
      g_string_append_printf (text, _("target %s"), t);
    }
  if (numbers->len > 0)
    {
      double last = g_array_index (numbers, double, numbers->len - 1);
      g_autofree char *l = format_value (last);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: under a KPI's title: its latest value and period */
      g_string_append_printf (text, _("latest %s (%s)"), l,
                              (const char *) g_ptr_array_index (periods, numbers->len - 1));
      /* How much of the way from the baseline to the target is done */
      if (isfinite (baseline) && isfinite (target) && target != baseline)
        {
          double share = 100 * (last - baseline) / (target - baseline);
          g_autofree char *pct = ekv_number_format (share, 0);

          /* Translators: the share of the way from baseline to target reached */
          g_string_append_printf (text, _(", %s %% of the way to the target"), pct);
        }
    }
  adw_preferences_group_set_description (section->group, text->len > 0 ? text->str : NULL);
}

static void
update_all (EkvMonitoringPage *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    update_section (g_ptr_array_index (self->sections, i));
}

static Section *
find_section (EkvMonitoringPage *self,
              EkvRecord         *kpi)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      if (section->kpi == kpi)
        return section;
    }
  return NULL;
}

static void
items_changed_cb (EkvMonitoringPage *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *list)
{
  rebuild (self);
}

static void
section_free (gpointer data)
{
  Section *section = data;

  g_clear_object (&section->kpi);
  g_free (section);
}

/* }}} */
/* Callbacks {{{ */

typedef struct
{
  EkvDocument *document;
  EkvRecord   *record;
  EkvRecord   *parent;
  guint        position;
} Removal;

static void
removal_free (gpointer  data,
              GClosure *closure)
{
  Removal *removal = data;

  g_clear_object (&removal->document);
  g_clear_object (&removal->record);
  g_clear_object (&removal->parent);
  g_free (removal);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Removal  *removal)
{
  g_autoptr(GError) error = NULL;

  if (!ekv_document_insert (removal->document, removal->record, removal->parent,
                            removal->position, &error))
    g_warning ("Could not undo the removal of a value: %s", error->message);
}

static void
remove_value_clicked_cb (GtkButton         *button,
                         EkvMonitoringPage *self)
{
  EkvRecord *value = g_object_get_data (G_OBJECT (button), "ekv-record");
  EkvRecord *kpi = ekv_record_get_parent (value);
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  Removal *removal;
  AdwToast *toast;
  guint position = 0;

  g_list_store_find (G_LIST_STORE (ekv_record_get_children (kpi, EKV_ENTITY_KPI_VALUE)), value,
                     &position);
  removal = g_new0 (Removal, 1);
  removal->document = g_object_ref (self->document);
  removal->record = g_object_ref (value);
  removal->parent = g_object_ref (kpi);
  removal->position = position;
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (!ekv_document_remove (self->document, value, &error))
    {
      removal_free (removal, NULL);
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  if (overlay == NULL)
    {
      removal_free (removal, NULL);
      return;
    }
  toast = adw_toast_new (_("Value deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), removal,
                         removal_free, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
add_value_clicked_cb (GtkWidget         *widget,
                      EkvMonitoringPage *self)
{
  Section *section = find_section (self, g_object_get_data (G_OBJECT (widget), "ekv-record"));
  g_autofree char *period = NULL;
  g_autoptr(GError) error = NULL;
  double value;

  if (section == NULL)
    return;
  period = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (section->period_entry))));
  if (!ekv_number_parse (gtk_editable_get_text (GTK_EDITABLE (section->value_entry)), &value,
                         &error))
    {
      gtk_widget_add_css_class (section->value_entry, "error");
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  if (ekv_monitoring_page_add_value (self, ekv_record_get_string (section->kpi, EKV_KPI_ID),
                                     period, value, &error) == NULL)
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

static void
remove_kpi_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        EkvMonitoringPage *self)
{
  EkvRecord *kpi = g_object_get_data (G_OBJECT (dialog), "ekv-record");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") == 0 && !ekv_document_remove (self->document, kpi, &error))
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

static void
remove_kpi_clicked_cb (GtkButton         *button,
                       EkvMonitoringPage *self)
{
  EkvRecord *kpi = g_object_get_data (G_OBJECT (button), "ekv-record");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: asked before a KPI and all its values are deleted; %s is its name */
  heading = g_strdup_printf (_("Delete “%s”?"), ekv_record_get_string (kpi, EKV_KPI_NAME));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The indicator and every value measured for it are deleted."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ekv-record", g_object_ref (kpi), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_kpi_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_kpi_clicked_cb (EkvMonitoringPage *self)
{
  g_autoptr(GError) error = NULL;

  if (ekv_monitoring_page_add_kpi (self, &error) == NULL)
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

/* }}} */
/* Building {{{ */

static GtkWidget *
field_row_new (EkvMonitoringPage *self,
               EkvRecord         *record,
               const char        *key,
               const char        *title)
{
  GtkWidget *row = ekv_field_row_new (key);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  ekv_field_row_set_source (EKV_FIELD_ROW (row), self->document, record);
  return row;
}

static void
add_section (EkvMonitoringPage *self,
             EkvRecord         *kpi)
{
  gboolean editable = !ekv_document_is_read_only (self->document);
  g_autoptr(GPtrArray) values = sorted_values (kpi);
  g_autofree char *values_title = NULL;
  g_autofree char *period = next_period (kpi);
  Section *section = g_new0 (Section, 1);
  GtkWidget *chart_row, *fields, *list, *add_row, *add, *remove;

  section->kpi = g_object_ref (kpi);
  section->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  remove = ekv_gui_record_button_new ("user-trash-symbolic", _("Delete This Indicator"), kpi,
                                      editable);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_kpi_clicked_cb), self);
  adw_preferences_group_set_header_suffix (section->group, remove);

  section->chart = EKV_KPI_CHART (ekv_kpi_chart_new ());
  gtk_widget_set_margin_top (GTK_WIDGET (section->chart), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (section->chart), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (section->chart), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (section->chart), 12);
  chart_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (chart_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (chart_row), GTK_WIDGET (section->chart));
  adw_preferences_group_add (section->group, chart_row);

  fields = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fields), _("Indicator"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (fields), _("Name, unit, baseline and target"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (fields),
                            field_row_new (self, kpi, "name", _("Name")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (fields),
                            field_row_new (self, kpi, "unit", _("Unit")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (fields),
                            field_row_new (self, kpi, "baseline", _("Baseline")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (fields),
                            field_row_new (self, kpi, "target", _("Target")));
  adw_preferences_group_add (section->group, fields);

  list = adw_expander_row_new ();
  values_title = g_strdup_printf (ngettext ("%u measured value", "%u measured values", values->len),
                                  values->len);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (list), values_title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (list), _("By period; each can be corrected"));
  for (guint i = 0; i < values->len; i++)
    {
      EkvRecord *value = g_ptr_array_index (values, i);
      GtkWidget *row = field_row_new (self, value, "value",
                                      ekv_record_get_string (value, EKV_KPI_VALUE_PERIOD));
      GtkWidget *button = ekv_gui_record_button_new ("user-trash-symbolic",
                                                     _("Delete This Value"), value, editable);

      g_signal_connect (button, "clicked", G_CALLBACK (remove_value_clicked_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (list), row);
    }
  adw_preferences_group_add (section->group, list);

  /* A new period's value: period, value, Add */
  add_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("New value"));
  section->period_entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (section->period_entry), period);
  gtk_editable_set_width_chars (GTK_EDITABLE (section->period_entry), 8);
  gtk_widget_set_valign (section->period_entry, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (section->period_entry, _("Period, e.g. 2026-06"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (section->period_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Period"), -1);
  section->value_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (section->value_entry), 8);
  gtk_widget_set_valign (section->value_entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (section->value_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (section->value_entry), _("Value"));
  g_object_set_data (G_OBJECT (section->value_entry), "ekv-record", kpi);
  g_signal_connect (section->value_entry, "activate", G_CALLBACK (add_value_clicked_cb), self);
  add = gtk_button_new_with_mnemonic (_("_Add Value"));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (add), "ekv-record", kpi);
  g_signal_connect (add, "clicked", G_CALLBACK (add_value_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), section->period_entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), section->value_entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (add_row), add);
  gtk_widget_set_sensitive (add_row, editable);
  adw_preferences_group_add (section->group, add_row);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), section->group);
  g_ptr_array_add (self->sections, section);
  update_section (section);
}

static void
rebuild (EkvMonitoringPage *self)
{
  GListModel *kpis = ekv_document_get_list (self->document, EKV_ENTITY_KPI);

  for (guint i = 0; i < self->sections->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self),
                                 ((Section *) g_ptr_array_index (self->sections, i))->group);
  g_ptr_array_set_size (self->sections, 0);

  for (guint i = 0; i < g_list_model_get_n_items (kpis); i++)
    {
      g_autoptr(EkvRecord) kpi = g_list_model_get_item (kpis, i);
      GListModel *values = ekv_record_get_children (kpi, EKV_ENTITY_KPI_VALUE);

      /* A value added or removed rebuilds the KPI's rows. */
      g_signal_handlers_disconnect_by_func (values, items_changed_cb, self);
      g_signal_connect_object (values, "items-changed", G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      add_section (self, kpi);
    }

  if (g_list_model_get_n_items (kpis) == 0)
    adw_preferences_group_set_description (self->top_group,
                                           _("No indicators yet: add one to follow the effect "
                                             "of the plan."));
  else
    adw_preferences_group_set_description (self->top_group,
                                           _("The values measured after the options were "
                                             "carried out, against the baseline and the target "
                                             "of each indicator."));
}

/* }}} */
/* GObject {{{ */

static void
ekv_monitoring_page_dispose (GObject *object)
{
  EkvMonitoringPage *self = EKV_MONITORING_PAGE (object);

  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_monitoring_page_parent_class)->dispose (object);
}

static void
ekv_monitoring_page_class_init (EkvMonitoringPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ekv_monitoring_page_dispose;
}

static void
ekv_monitoring_page_init (EkvMonitoringPage *self)
{
  GtkWidget *content, *add;

  self->sections = g_ptr_array_new_with_free_func (section_free);

  self->top_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->top_group, _("Indicators"));
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add Indicator"));
  add = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (add), content);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_kpi_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->top_group, add);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->top_group);
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_monitoring_page_new (EkvDocument *document)
{
  EkvMonitoringPage *self;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_MONITORING_PAGE, NULL);
  self->document = g_object_ref (document);
  gtk_widget_set_sensitive (adw_preferences_group_get_header_suffix (self->top_group),
                            !ekv_document_is_read_only (document));
  g_signal_connect_object (ekv_document_get_list (document, EKV_ENTITY_KPI), "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "changed", G_CALLBACK (update_all), self, G_CONNECT_SWAPPED);
  rebuild (self);

  return GTK_WIDGET (self);
}

EkvRecord *
ekv_monitoring_page_add_kpi (EkvMonitoringPage *self,
                             GError           **error)
{
  g_autoptr(EkvRecord) kpi = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (EKV_IS_MONITORING_PAGE (self), NULL);

  id = ekv_document_new_id (self->document, EKV_ENTITY_KPI, "k");
  kpi = ekv_record_new (EKV_ENTITY_KPI);
  ekv_record_set_string (kpi, EKV_KPI_ID, id);
  ekv_record_set_string (kpi, EKV_KPI_NAME, _("New indicator"));
  if (!ekv_document_insert (self->document, kpi, NULL, -1, error))
    return NULL;
  return kpi;
}

EkvRecord *
ekv_monitoring_page_add_value (EkvMonitoringPage *self,
                               const char        *kpi_id,
                               const char        *period,
                               double             value,
                               GError           **error)
{
  g_autoptr(EkvRecord) record = NULL;
  EkvRecord *kpi;

  g_return_val_if_fail (EKV_IS_MONITORING_PAGE (self), NULL);
  g_return_val_if_fail (kpi_id != NULL && period != NULL, NULL);

  kpi = ekv_document_find (self->document, EKV_ENTITY_KPI, kpi_id);
  g_return_val_if_fail (kpi != NULL, NULL);

  record = ekv_record_new (EKV_ENTITY_KPI_VALUE);
  ekv_record_set_string (record, EKV_KPI_VALUE_PERIOD, period);
  ekv_record_set_double (record, EKV_KPI_VALUE_VALUE, value);
  if (!ekv_document_insert (self->document, record, kpi, -1, error))
    return NULL;
  return record;
}

EkvKpiChart *
ekv_monitoring_page_get_chart (EkvMonitoringPage *self,
                               const char        *kpi_id)
{
  g_return_val_if_fail (EKV_IS_MONITORING_PAGE (self), NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      if (g_strcmp0 (ekv_record_get_string (section->kpi, EKV_KPI_ID), kpi_id) == 0)
        return section->chart;
    }
  return NULL;
}

/* }}} */
