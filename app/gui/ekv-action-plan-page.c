/* ekv-action-plan-page.c: the implementation plan of the approved options (phase V)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * W20: one group per option of the programme (approved, in progress, done) and
 * per other option that already has actions, each listing its actions: what is
 * done, by whom, from when to when (typed YYYY-MM-DD), for what budget, and how
 * far it is. An action's row opens into its fields and the option it belongs to;
 * Delete is one click with Undo. The groups follow every edit of the plan.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-action-plan-page.h"
#include "ekv-enums.h"
#include "ekv-gui-util.h"
#include "ekv-labels.h"
#include "ekv-options.h"
#include "ekv-util.h"

struct _EkvActionPlanPage
{
  AdwPreferencesPage  parent_instance;

  EkvDocument        *document;
  GPtrArray          *groups;     /* AdwPreferencesGroup, shown */
  GHashTable         *rows;       /* EkvRecord (action) → its row (AdwExpanderRow) */
  guint               rebuild_id;
};

G_DEFINE_FINAL_TYPE (EkvActionPlanPage, ekv_action_plan_page, ADW_TYPE_PREFERENCES_PAGE)

static void rebuild (EkvActionPlanPage *self);

/* Helpers {{{ */

static const char *
currency (EkvActionPlanPage *self)
{
  return ekv_record_get_string (ekv_document_get_finance (self->document), EKV_FINANCE_CURRENCY);
}

static char *
action_subtitle (EkvActionPlanPage *self,
                 EkvRecord         *action)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *responsible = ekv_record_get_string (action, EKV_ACTION_RESPONSIBLE);

  g_string_append (text, ekv_enum_get_label (EKV_TYPE_ACTION_STATUS,
                                             ekv_record_get_enum (action, EKV_ACTION_STATUS)));
  if (responsible != NULL && *responsible != '\0')
    g_string_append_printf (text, " · %s", responsible);
  if (ekv_record_is_set (action, EKV_ACTION_START) || ekv_record_is_set (action, EKV_ACTION_END))
    /* Translators: the dates of an action, start and end, e.g. "2026-05-01 – 2026-06-30" */
    g_string_append_printf (text, _(" · %s – %s"),
                            ekv_record_is_set (action, EKV_ACTION_START)
                              ? ekv_record_get_string (action, EKV_ACTION_START) : "?",
                            ekv_record_is_set (action, EKV_ACTION_END)
                              ? ekv_record_get_string (action, EKV_ACTION_END) : "?");
  if (ekv_record_is_set (action, EKV_ACTION_BUDGET))
    {
      double amount = ekv_record_get_double (action, EKV_ACTION_BUDGET);
      g_autofree char *budget = ekv_number_format (amount, 0);

      /* Translators: an action's budget and the currency, after its dates */
      g_string_append_printf (text, _(" · %s %s"), budget, currency (self));
    }
  return g_markup_escape_text (text->str, -1);
}

static gboolean
action_to_title (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const char *text = g_value_get_string (from);

  g_value_take_string (to, g_markup_escape_text (text != NULL && *text != '\0' ? text
                                                                               : _("Unnamed"), -1));
  return TRUE;
}

static gboolean
rebuild_cb (gpointer user_data)
{
  EkvActionPlanPage *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (EkvActionPlanPage *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rebuild_cb, self);
}

/* }}} */
/* Callbacks {{{ */

static void
action_notify_cb (GtkWidget  *row,
                  GParamSpec *pspec,
                  EkvRecord  *action)
{
  EkvActionPlanPage *self = g_object_get_data (G_OBJECT (row), "ekv-page");
  g_autofree char *subtitle = NULL;

  /* An action given to another option moves to that option's group. */
  if (g_strcmp0 (pspec->name, "option") == 0)
    {
      queue_rebuild (self);
      return;
    }
  subtitle = action_subtitle (self, action);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
}

static void
option_selected_cb (AdwComboRow       *combo,
                    GParamSpec        *pspec,
                    EkvActionPlanPage *self)
{
  GListModel *options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);
  EkvRecord *action = g_object_get_data (G_OBJECT (combo), "ekv-record");
  guint selected = adw_combo_row_get_selected (combo);
  g_autoptr(EkvRecord) option = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  if (selected == GTK_INVALID_LIST_POSITION ||
      (option = g_list_model_get_item (options, selected)) == NULL)
    return;
  if (g_strcmp0 (ekv_record_get_string (option, EKV_OPTION_ID),
                 ekv_record_get_string (action, EKV_ACTION_OPTION)) == 0)
    return;
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, ekv_record_get_string (option, EKV_OPTION_ID));
  if (!ekv_document_set_value (self->document, action, EKV_ACTION_OPTION, &value, &error))
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

static void
add_clicked_cb (GtkButton         *button,
                EkvActionPlanPage *self)
{
  g_autoptr(GError) error = NULL;

  if (ekv_action_plan_page_add_action (self, g_object_get_data (G_OBJECT (button), "ekv-option"),
                                       &error) == NULL)
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

static void
remove_clicked_cb (GtkButton         *button,
                   EkvActionPlanPage *self)
{
  ekv_action_plan_page_remove_action (self, g_object_get_data (G_OBJECT (button), "ekv-record"));
}

/* }}} */
/* Building {{{ */

static GtkWidget *
action_row_new (EkvActionPlanPage *self,
                EkvRecord         *action)
{
  static const struct { const char *key; const char *title; } fields[] = {
    { "action", N_("Action") },
    { "responsible", N_("Responsible") },
    { "start", N_("Start (YYYY-MM-DD)") },
    { "end", N_("End (YYYY-MM-DD)") },
    { "budget", N_("Budget") },
  };
  GListModel *options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);
  gboolean editable = !ekv_document_is_read_only (self->document);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autofree char *subtitle = action_subtitle (self, action);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *remove, *combo, *status;
  guint selected = GTK_INVALID_LIST_POSITION;

  g_object_bind_property_full (action, "action", row, "title", G_BINDING_SYNC_CREATE,
                               action_to_title, NULL, NULL, NULL);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  g_object_set_data (G_OBJECT (row), "ekv-page", self);
  g_signal_connect_object (action, "notify", G_CALLBACK (action_notify_cb), row,
                           G_CONNECT_SWAPPED);

  remove = ekv_gui_record_button_new ("user-trash-symbolic", _("Delete This Action"), action,
                                      editable);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *field = ekv_field_row_new (fields[i].key);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field), _(fields[i].title));
      ekv_field_row_set_source (EKV_FIELD_ROW (field), self->document, action);
      if (g_str_equal (fields[i].key, "budget"))
        ekv_field_row_set_unit (EKV_FIELD_ROW (field), currency (self));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), field);
    }

  status = ekv_gui_enum_row_new (action, "status", EKV_TYPE_ACTION_STATUS, _("Status"));
  gtk_widget_set_sensitive (status, editable);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), status);

  /* The option: a new model for each row, never changed afterwards (a combo row
   * whose model changes under it crashes in libadwaita 1.2); rows are rebuilt
   * when the options change. */
  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, i);
      /* Translators: an option in a list: its id and title */
      g_autofree char *label = g_strdup_printf (_("%s %s"),
                                                ekv_record_get_string (option, EKV_OPTION_ID),
                                                ekv_record_get_string (option, EKV_OPTION_TITLE));

      gtk_string_list_append (choices, label);
      if (g_strcmp0 (ekv_record_get_string (option, EKV_OPTION_ID),
                     ekv_record_get_string (action, EKV_ACTION_OPTION)) == 0)
        selected = i;
    }
  combo = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), _("Option"));
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (choices));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), selected);
  gtk_widget_set_sensitive (combo, editable);
  g_object_set_data_full (G_OBJECT (combo), "ekv-record", g_object_ref (action), g_object_unref);
  g_signal_connect (combo, "notify::selected", G_CALLBACK (option_selected_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), combo);

  g_hash_table_insert (self->rows, action, row);
  return row;
}

static void
rebuild (EkvActionPlanPage *self)
{
  GListModel *options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);
  GListModel *actions = ekv_document_get_list (self->document, EKV_ENTITY_ACTION);
  gboolean editable = !ekv_document_is_read_only (self->document);
  g_autoptr(GHashTable) expanded = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);

  /* Rows that were open stay open. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (value)))
      g_hash_table_add (expanded, key);
  g_hash_table_remove_all (self->rows);

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, i);
      const char *id = ekv_record_get_string (option, EKV_OPTION_ID);
      EkvOptionStatus status = ekv_record_get_enum (option, EKV_OPTION_STATUS);
      AdwPreferencesGroup *group = NULL;
      g_autofree char *title = NULL;
      g_autofree char *description = NULL;
      g_autofree char *budget_text = NULL;
      g_autofree char *investment = NULL;
      GtkWidget *add, *content;
      double budget = 0;
      guint n = 0;

      for (guint j = 0; j < g_list_model_get_n_items (actions); j++)
        {
          g_autoptr(EkvRecord) action = g_list_model_get_item (actions, j);
          GtkWidget *row;

          if (g_strcmp0 (ekv_record_get_string (action, EKV_ACTION_OPTION), id) != 0)
            continue;
          if (group == NULL)
            group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          row = action_row_new (self, action);
          if (g_hash_table_contains (expanded, action))
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          adw_preferences_group_add (group, row);
          if (ekv_record_get_enum (action, EKV_ACTION_STATUS) != EKV_ACTION_STATUS_CANCELLED)
            budget += ekv_record_get_double (action, EKV_ACTION_BUDGET);
          n++;
        }
      if (group == NULL && !ekv_option_status_in_portfolio (status))
        continue;
      if (group == NULL)
        group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      /* Translators: an option's group in the action plan: its id and title */
      title = g_strdup_printf (_("%s %s"), id, ekv_record_get_string (option, EKV_OPTION_TITLE));
      adw_preferences_group_set_title (group, title);
      budget_text = ekv_number_format (budget, 0);
      investment = ekv_number_format (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), 0);
      if (n == 0)
        /* Translators: under an option in the action plan: its status */
        description = g_strdup_printf (_("%s · no actions planned yet"),
                                       ekv_enum_get_label (EKV_TYPE_OPTION_STATUS, status));
      else
        /* Translators: under an option in the action plan: its status, the sum of
         * its actions' budgets, the option's investment, the currency */
        description = g_strdup_printf (_("%s · actions’ budget %s of the investment %s %s"),
                                       ekv_enum_get_label (EKV_TYPE_OPTION_STATUS, status),
                                       budget_text, investment, currency (self));
      adw_preferences_group_set_description (group, description);

      content = adw_button_content_new ();
      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Add Action"));
      add = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (add), content);
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (add, editable);
      g_object_set_data_full (G_OBJECT (add), "ekv-option", g_strdup (id), g_free);
      g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), self);
      adw_preferences_group_set_header_suffix (group, add);

      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
      g_ptr_array_add (self->groups, group);
    }

  if (self->groups->len == 0)
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

      adw_preferences_group_set_title (group, _("No approved options"));
      adw_preferences_group_set_description (group,
                                             _("Options whose status is approved, in progress or "
                                               "done get their actions planned here."));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
      g_ptr_array_add (self->groups, group);
    }
}

/* }}} */
/* GObject {{{ */

static void
ekv_action_plan_page_dispose (GObject *object)
{
  EkvActionPlanPage *self = EKV_ACTION_PLAN_PAGE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_action_plan_page_parent_class)->dispose (object);
}

static void
ekv_action_plan_page_class_init (EkvActionPlanPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ekv_action_plan_page_dispose;
}

static void
ekv_action_plan_page_init (EkvActionPlanPage *self)
{
  self->groups = g_ptr_array_new ();
  self->rows = g_hash_table_new (NULL, NULL);
}

/* }}} */
/* Public API {{{ */

static void
option_notify_cb (EkvActionPlanPage *self,
                  GParamSpec        *pspec)
{
  if (g_strcmp0 (pspec->name, "status") == 0 || g_strcmp0 (pspec->name, "title") == 0 ||
      g_strcmp0 (pspec->name, "investment") == 0)
    queue_rebuild (self);
}

static void
watch_options (EkvActionPlanPage *self)
{
  GListModel *options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);

  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, i);

      g_signal_handlers_disconnect_by_func (option, option_notify_cb, self);
      g_signal_connect_object (option, "notify", G_CALLBACK (option_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
actions_changed_cb (EkvActionPlanPage *self,
                    guint              position,
                    guint              removed,
                    guint              added,
                    GListModel        *list)
{
  rebuild (self);
}

static void
options_changed_cb (EkvActionPlanPage *self,
                    guint              position,
                    guint              removed,
                    guint              added,
                    GListModel        *list)
{
  watch_options (self);
  queue_rebuild (self);
}

GtkWidget *
ekv_action_plan_page_new (EkvDocument *document)
{
  EkvActionPlanPage *self;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_ACTION_PLAN_PAGE, NULL);
  self->document = g_object_ref (document);
  /* A new or removed action rebuilds at once: its row must be there for Undo
   * and for the focus. */
  g_signal_connect_object (ekv_document_get_list (document, EKV_ENTITY_ACTION), "items-changed",
                           G_CALLBACK (actions_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ekv_document_get_list (document, EKV_ENTITY_OPTION), "items-changed",
                           G_CALLBACK (options_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (ekv_document_get_finance (document), "notify::currency",
                           G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
  watch_options (self);
  rebuild (self);

  return GTK_WIDGET (self);
}

EkvRecord *
ekv_action_plan_page_add_action (EkvActionPlanPage *self,
                                 const char        *option_id,
                                 GError           **error)
{
  g_autoptr(EkvRecord) action = NULL;
  GtkWidget *row, *field;

  g_return_val_if_fail (EKV_IS_ACTION_PLAN_PAGE (self), NULL);
  g_return_val_if_fail (option_id != NULL, NULL);

  action = ekv_record_new (EKV_ENTITY_ACTION);
  ekv_record_set_string (action, EKV_ACTION_OPTION, option_id);
  ekv_record_set_string (action, EKV_ACTION_ACTION, _("New action"));
  ekv_record_set_enum (action, EKV_ACTION_STATUS, EKV_ACTION_STATUS_PLANNED);
  if (!ekv_document_insert (self->document, action, NULL, -1, error))
    return NULL;

  /* Its row opens with the focus in its name, ready to be typed over. */
  row = g_hash_table_lookup (self->rows, action);
  if (row != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      field = GTK_WIDGET (ekv_action_plan_page_get_field_row (self, action, "action"));
      if (field != NULL)
        gtk_widget_grab_focus (field);
    }
  return action;   /* the document holds it */
}

void
ekv_action_plan_page_remove_action (EkvActionPlanPage *self,
                                    EkvRecord         *action)
{
  g_return_if_fail (EKV_IS_ACTION_PLAN_PAGE (self));
  g_return_if_fail (EKV_IS_RECORD (action));

  ekv_gui_remove_with_undo (GTK_WIDGET (self), self->document, action);
}

static GtkWidget *
find_field_row (GtkWidget  *root,
                const char *key)
{
  if (EKV_IS_FIELD_ROW (root))
    return g_strcmp0 (ekv_field_row_get_key (EKV_FIELD_ROW (root)), key) == 0 ? root : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_field_row (child, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

EkvFieldRow *
ekv_action_plan_page_get_field_row (EkvActionPlanPage *self,
                                    EkvRecord         *action,
                                    const char        *key)
{
  GtkWidget *row;

  g_return_val_if_fail (EKV_IS_ACTION_PLAN_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  row = g_hash_table_lookup (self->rows, action);
  return row != NULL ? (EkvFieldRow *) find_field_row (row, key) : NULL;
}

guint
ekv_action_plan_page_get_n_groups (EkvActionPlanPage *self)
{
  g_return_val_if_fail (EKV_IS_ACTION_PLAN_PAGE (self), 0);

  return self->groups->len;
}

/* }}} */
