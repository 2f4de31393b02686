/* ekv-options-page.c: causes and options, the option register (phase III)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Every option of the audit as a row that opens into its fields: title,
 * category, the unit operations it concerns, the cause it removes, its
 * description (who proposed it goes there: the format has no field for it) and
 * its status. Options are added blank or from the sector's suggestions
 * (resources/suggestions/textile.ui, translated like any template), duplicated
 * with their units and changes, and deleted with an Undo that puts every child
 * back.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-field-row.h"
#include "ekv-gui-util.h"
#include "ekv-labels.h"
#include "ekv-options-page.h"
#include "ekv-text-area.h"

struct _EkvOptionsPage
{
  AdwBin         parent_instance;

  GtkWidget     *list_box;
  GtkWidget     *suggestion_box;

  EkvDocument   *document;
  GtkStringList *titles;       /* the suggestions, three lists in one order */
  GtkStringList *categories;
  GtkStringList *effects;
};

G_DEFINE_FINAL_TYPE (EkvOptionsPage, ekv_options_page, ADW_TYPE_BIN)

/* Helpers {{{ */

/* A detached copy of RECORD's set values, and of its children's. */
static EkvRecord *
copy_record (EkvRecord *record,
             gboolean   with_children)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  g_autoptr(EkvRecord) copy = ekv_record_new (entity->kind);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!ekv_record_is_set (record, i))
        continue;
      ekv_record_get_value (record, i, &value);
      ekv_record_set_value (copy, i, &value, NULL);
    }

  if (with_children)
    {
      EkvEntityKind kinds[4];
      guint n = ekv_entity_get_children (entity->kind, kinds, G_N_ELEMENTS (kinds));

      for (guint k = 0; k < n; k++)
        {
          GListModel *children = ekv_record_get_children (record, kinds[k]);
          GPtrArray *copies = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < g_list_model_get_n_items (children); i++)
            {
              g_autoptr(EkvRecord) child = g_list_model_get_item (children, i);
              g_ptr_array_add (copies, copy_record (child, FALSE));
            }
          g_object_set_data_full (G_OBJECT (copy), ekv_entity_get (kinds[k])->table, copies,
                                  (GDestroyNotify) g_ptr_array_unref);
        }
    }

  return g_steal_pointer (&copy);
}

/* Inserts COPY (made by copy_record) at POSITION with copies of its children, in
 * one transaction. */
static gboolean
insert_copy (EkvDocument *document,
             EkvRecord   *copy,
             int          position,
             GError     **error)
{
  const EkvEntity *entity = ekv_record_get_entity (copy);
  EkvEntityKind kinds[4];
  guint n = ekv_entity_get_children (entity->kind, kinds, G_N_ELEMENTS (kinds));
  g_autoptr(EkvRecord) fresh = copy_record (copy, FALSE);

  if (!ekv_document_begin (document, error))
    return FALSE;
  if (!ekv_document_insert (document, fresh, NULL, position, error))
    goto rollback;
  for (guint k = 0; k < n; k++)
    {
      GPtrArray *children = g_object_get_data (G_OBJECT (copy), ekv_entity_get (kinds[k])->table);

      for (guint i = 0; children != NULL && i < children->len; i++)
        {
          g_autoptr(EkvRecord) child = copy_record (g_ptr_array_index (children, i), FALSE);

          if (!ekv_document_insert (document, child, fresh, -1, error))
            goto rollback;
        }
    }
  if (ekv_document_commit (document, error))
    return TRUE;

rollback:
  ekv_document_rollback (document);
  return FALSE;
}

/* "Better process control · Dyeing, Rinsing · Proposed" */
static char *
option_summary (EkvDocument *document,
                EkvRecord   *option)
{
  GListModel *units = ekv_record_get_children (option, EKV_ENTITY_OPTION_UNIT);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append (text, ekv_enum_get_label (EKV_TYPE_OPTION_CATEGORY,
                                             ekv_record_get_enum (option, EKV_OPTION_CATEGORY)));
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(EkvRecord) link = g_list_model_get_item (units, i);
      const char *id = ekv_record_get_string (link, EKV_OPTION_UNIT_UNIT);
      EkvRecord *unit = ekv_document_find (document, EKV_ENTITY_UNIT_OPERATION, id);
      const char *name = unit != NULL ? ekv_record_get_string (unit, EKV_UNIT_OPERATION_NAME) : id;

      /* Translators: between the parts of an option's summary line */
      g_string_append (text, i == 0 ? _(" · ") : _(", "));
      g_string_append (text, name != NULL ? name : "");
    }
  g_string_append (text, _(" · "));
  g_string_append (text, ekv_enum_get_label (EKV_TYPE_OPTION_STATUS,
                                             ekv_record_get_enum (option, EKV_OPTION_STATUS)));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The category of a suggestion, from its nick in the data file; -1 if unknown. */
static int
category_from_nick (const char *nick)
{
  GEnumClass *klass = g_type_class_ref (EKV_TYPE_OPTION_CATEGORY);
  GEnumValue *value = g_enum_get_value_by_nick (klass, nick);
  int category = value != NULL ? value->value : -1;

  g_type_class_unref (klass);
  return category;
}

static EkvRecord *
find_link (EkvRecord  *option,
           const char *unit_id)
{
  GListModel *units = ekv_record_get_children (option, EKV_ENTITY_OPTION_UNIT);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(EkvRecord) link = g_list_model_get_item (units, i);

      if (g_strcmp0 (ekv_record_get_string (link, EKV_OPTION_UNIT_UNIT), unit_id) == 0)
        return link; /* the option holds it */
    }

  return NULL;
}

/* }}} */
/* Rows {{{ */

static void rebuild_rows (EkvOptionsPage *self);

static void
update_summary (GtkWidget *row)
{
  EkvOptionsPage *self = g_object_get_data (G_OBJECT (row), "ekv-page");
  EkvRecord *option = g_object_get_data (G_OBJECT (row), "ekv-record");
  g_autofree char *summary = NULL;

  if (self == NULL || self->document == NULL)
    return;
  summary = option_summary (self->document, option);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
}

static void
unit_toggled_cb (GtkCheckButton *check,
                 EkvOptionsPage *self)
{
  EkvRecord *option = g_object_get_data (G_OBJECT (check), "ekv-record");
  const char *unit_id = g_object_get_data (G_OBJECT (check), "ekv-unit");
  EkvRecord *link = find_link (option, unit_id);
  g_autoptr(GError) error = NULL;

  if (gtk_check_button_get_active (check) && link == NULL)
    {
      g_autoptr(EkvRecord) added = ekv_record_new (EKV_ENTITY_OPTION_UNIT);

      ekv_record_set_string (added, EKV_OPTION_UNIT_UNIT, unit_id);
      ekv_document_insert (self->document, added, option, -1, &error);
    }
  else if (!gtk_check_button_get_active (check) && link != NULL)
    ekv_document_remove (self->document, link, &error);

  if (error != NULL)
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

/* The unit operations to tick, made each time the popover opens. */
static void
units_popover_show_cb (GtkPopover     *popover,
                       EkvOptionsPage *self)
{
  EkvRecord *option = g_object_get_data (G_OBJECT (popover), "ekv-record");
  GListModel *units = ekv_document_get_list (self->document, EKV_ENTITY_UNIT_OPERATION);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(EkvRecord) unit = g_list_model_get_item (units, i);
      const char *id = ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID);
      GtkWidget *check = gtk_check_button_new_with_label (
        ekv_record_get_string (unit, EKV_UNIT_OPERATION_NAME));

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), find_link (option, id) != NULL);
      gtk_widget_set_sensitive (check, !ekv_document_is_read_only (self->document));
      g_object_set_data (G_OBJECT (check), "ekv-record", option);
      g_object_set_data_full (G_OBJECT (check), "ekv-unit", g_strdup (id), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (unit_toggled_cb), self, 0);
      gtk_box_append (GTK_BOX (box), check);
    }
  if (g_list_model_get_n_items (units) == 0)
    gtk_box_append (GTK_BOX (box), gtk_label_new (_("No unit operations yet")));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_popover_set_child (popover, scrolled);
}

static void
duplicate_clicked_cb (GtkButton      *button,
                      EkvOptionsPage *self)
{
  ekv_options_page_duplicate (self, g_object_get_data (G_OBJECT (button), "ekv-record"));
}

static void
delete_clicked_cb (GtkButton      *button,
                   EkvOptionsPage *self)
{
  g_autoptr(EkvRecord) option = g_object_ref (g_object_get_data (G_OBJECT (button), "ekv-record"));

  ekv_options_page_delete (self, option);
}

static GtkWidget *
text_row_new (EkvOptionsPage *self,
              EkvRecord      *option,
              const char     *key,
              const char     *title)
{
  GtkWidget *row = ekv_field_row_new (key);

  if (title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  ekv_field_row_set_source (EKV_FIELD_ROW (row), self->document, option);
  return row;
}

static GtkWidget *
option_row_new (EkvOptionsPage *self,
                EkvRecord      *option)
{
  gboolean editable = !ekv_document_is_read_only (self->document);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *button;
  GtkWidget *units_row;
  GtkWidget *menu_button;
  GtkWidget *popover;
  GtkWidget *enum_row;

  ekv_gui_bind_option_title (option, row);
  g_object_set_data (G_OBJECT (row), "ekv-page", self);
  g_object_set_data_full (G_OBJECT (row), "ekv-record", g_object_ref (option), g_object_unref);

  button = ekv_gui_record_button_new ("user-trash-symbolic", _("Delete Option"), option, editable);
  g_signal_connect_object (button, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  button = ekv_gui_record_button_new ("edit-copy-symbolic", _("Duplicate Option"), option,
                                      editable);
  g_signal_connect_object (button, "clicked", G_CALLBACK (duplicate_clicked_cb), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text_row_new (self, option, "title", NULL));

  enum_row = ekv_gui_enum_row_new (option, "category", EKV_TYPE_OPTION_CATEGORY, _("Category"));
  gtk_widget_set_sensitive (enum_row, editable);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), enum_row);

  units_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (units_row), _("Unit operations"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (units_row),
                               _("Where the option acts: the steps whose waste it removes"));
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("Choose…"));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  popover = gtk_popover_new ();
  g_object_set_data (G_OBJECT (popover), "ekv-record", option);
  g_signal_connect_object (popover, "show", G_CALLBACK (units_popover_show_cb), self, 0);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  adw_action_row_add_suffix (ADW_ACTION_ROW (units_row), menu_button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), units_row);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            ekv_gui_text_area_row_new (self->document, option, "cause",
                                               _("Cause (what in the process makes the waste)")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            ekv_gui_text_area_row_new (self->document, option, "description",
                                               _("Description (what to do, who proposed it)")));

  enum_row = ekv_gui_enum_row_new (option, "status", EKV_TYPE_OPTION_STATUS, _("Status"));
  gtk_widget_set_sensitive (enum_row, editable);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), enum_row);

  g_signal_connect_object (option, "notify", G_CALLBACK (update_summary), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (ekv_record_get_children (option, EKV_ENTITY_OPTION_UNIT),
                           "items-changed", G_CALLBACK (update_summary), row, G_CONNECT_SWAPPED);
  update_summary (row);

  return row;
}

static void
rebuild_rows (EkvOptionsPage *self)
{
  GListModel *options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);
  GtkListBox *list_box = GTK_LIST_BOX (self->list_box);
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list_box, 0)) != NULL)
    gtk_list_box_remove (list_box, GTK_WIDGET (row));

  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, i);
      gtk_list_box_append (list_box, option_row_new (self, option));
    }
}

/* }}} */
/* Callbacks {{{ */

static void
options_changed_cb (EkvOptionsPage *self,
                    guint           position,
                    guint           removed,
                    guint           added,
                    GListModel     *options)
{
  GtkListBox *list_box = GTK_LIST_BOX (self->list_box);

  for (guint i = 0; i < removed; i++)
    gtk_list_box_remove (list_box, GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, position)));
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, position + i);
      gtk_list_box_insert (list_box, option_row_new (self, option), position + i);
    }
}

static void
add_clicked_cb (EkvOptionsPage *self)
{
  EkvRecord *option = ekv_options_page_add (self);
  GtkWidget *row = option != NULL ? ekv_options_page_get_row (self, option) : NULL;

  if (row != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (row);
    }
}

static void
suggestion_clicked_cb (GtkButton      *button,
                       EkvOptionsPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ekv-index"));
  EkvRecord *option = ekv_options_page_add_suggestion (self, index);

  if (option != NULL)
    {
      GtkWidget *row = ekv_options_page_get_row (self, option);

      /* Open, ready to be adapted to the plant. */
      if (row != NULL)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      /* Translators: a suggested option was added to the register; %s is its title */
      g_autofree char *message = g_strdup_printf (_("Added “%s”"),
                                                  ekv_record_get_string (option, EKV_OPTION_TITLE));
      ekv_gui_toast (GTK_WIDGET (self), message);
    }
}

typedef struct
{
  EkvDocument *document;
  EkvRecord   *copy;
  guint        position;
} Deletion;

static void
deletion_free (gpointer  data,
               GClosure *closure)
{
  Deletion *deletion = data;

  g_clear_object (&deletion->document);
  g_clear_object (&deletion->copy);
  g_free (deletion);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Deletion *deletion)
{
  g_autoptr(GError) error = NULL;

  if (!insert_copy (deletion->document, deletion->copy, deletion->position, &error))
    g_warning ("Could not undo the deletion of an option: %s", error->message);
}

/* }}} */
/* GObject {{{ */

static void
ekv_options_page_dispose (GObject *object)
{
  EkvOptionsPage *self = EKV_OPTIONS_PAGE (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->document);
  g_clear_object (&self->titles);
  g_clear_object (&self->categories);
  g_clear_object (&self->effects);

  G_OBJECT_CLASS (ekv_options_page_parent_class)->dispose (object);
}

static void
ekv_options_page_class_init (EkvOptionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ekv_options_page_dispose;
}

static void
ekv_options_page_init (EkvOptionsPage *self)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;

  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  if (!gtk_builder_add_from_resource (builder, "/org/ekoverim/Ekoverim/suggestions/textile.ui",
                                      &error))
    g_error ("The textile suggestions are missing from the resources: %s", error->message);
  self->titles = g_object_ref (GTK_STRING_LIST (gtk_builder_get_object (builder, "titles")));
  self->categories = g_object_ref (GTK_STRING_LIST (gtk_builder_get_object (builder,
                                                                            "categories")));
  self->effects = g_object_ref (GTK_STRING_LIST (gtk_builder_get_object (builder, "effects")));
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (self->titles)) ==
            g_list_model_get_n_items (G_LIST_MODEL (self->categories)));
  g_assert (g_list_model_get_n_items (G_LIST_MODEL (self->titles)) ==
            g_list_model_get_n_items (G_LIST_MODEL (self->effects)));
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_options_page_new (EkvDocument *document)
{
  EkvOptionsPage *self;
  GtkWidget *page;
  GtkWidget *group;
  GtkWidget *button;
  GListModel *options;
  gboolean editable;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_OPTIONS_PAGE, NULL);
  self->document = g_object_ref (document);
  editable = !ekv_document_is_read_only (document);

  page = adw_preferences_page_new ();
  adw_bin_set_child (ADW_BIN (self), page);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Options"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Each cause of waste found in the assessment becomes one or more options: add "
      "them here, or start from a suggestion below. Record where an option acts, why "
      "the waste arises and what to do about it; Screening and Feasibility take it "
      "from there."));
  button = gtk_button_new_with_mnemonic (C_("add an option", "_Add"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, editable);
  g_signal_connect_object (button, "clicked", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  {
    GtkWidget *placeholder = gtk_label_new (_("No options yet"));

    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_top (placeholder, 12);
    gtk_widget_set_margin_bottom (placeholder, 12);
    gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list_box), placeholder);
  }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->list_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   _("Suggestions for Textile Wet Processing"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Options that often pay in dyehouses and finishing plants. Add one to the register, "
      "then adapt it to the plant."));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->titles)); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      int category = category_from_nick (gtk_string_list_get_string (self->categories, i));
      g_autofree char *subtitle = NULL;

      /* Translators: a suggested option's category, then its typical effect */
      subtitle = g_strdup_printf (_("%s · %s"),
                                  ekv_enum_get_label (EKV_TYPE_OPTION_CATEGORY, MAX (category, 0)),
                                  gtk_string_list_get_string (self->effects, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     gtk_string_list_get_string (self->titles, i));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      button = gtk_button_new_from_icon_name ("list-add-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Add to the Options"));
      gtk_widget_set_sensitive (button, editable);
      g_object_set_data (G_OBJECT (button), "ekv-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "clicked", G_CALLBACK (suggestion_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  options = ekv_document_get_list (document, EKV_ENTITY_OPTION);
  g_signal_connect_object (options, "items-changed", G_CALLBACK (options_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Unit names appear in the summaries. */
  g_signal_connect_object (ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION),
                           "items-changed", G_CALLBACK (rebuild_rows), self, G_CONNECT_SWAPPED);
  rebuild_rows (self);

  return GTK_WIDGET (self);
}

static EkvRecord *
add_option (EkvOptionsPage *self,
            const char     *title,
            int             category,
            const char     *description)
{
  g_autoptr(EkvRecord) option = ekv_record_new (EKV_ENTITY_OPTION);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = ekv_document_new_id (self->document, EKV_ENTITY_OPTION, "o");

  ekv_record_set_string (option, EKV_OPTION_ID, id);
  ekv_record_set_string (option, EKV_OPTION_TITLE, title);
  if (category >= 0)
    ekv_record_set_enum (option, EKV_OPTION_CATEGORY, category);
  if (description != NULL)
    ekv_record_set_string (option, EKV_OPTION_DESCRIPTION, description);

  if (!ekv_document_insert (self->document, option, NULL, -1, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return NULL;
    }

  return option; /* the document holds it */
}

EkvRecord *
ekv_options_page_add (EkvOptionsPage *self)
{
  g_return_val_if_fail (EKV_IS_OPTIONS_PAGE (self), NULL);

  return add_option (self, _("New option"), -1, NULL);
}

EkvRecord *
ekv_options_page_duplicate (EkvOptionsPage *self,
                            EkvRecord      *option)
{
  g_autoptr(EkvRecord) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  GListModel *options;
  guint position = 0;

  g_return_val_if_fail (EKV_IS_OPTIONS_PAGE (self), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (option), NULL);

  options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);
  if (!g_list_store_find (G_LIST_STORE (options), option, &position))
    return NULL;

  copy = copy_record (option, TRUE);
  id = ekv_document_new_id (self->document, EKV_ENTITY_OPTION, "o");
  /* Translators: the title of a copy of an option; %s is the original's title */
  title = g_strdup_printf (_("%s (copy)"), ekv_record_get_string (option, EKV_OPTION_TITLE));
  ekv_record_set_string (copy, EKV_OPTION_ID, id);
  ekv_record_set_string (copy, EKV_OPTION_TITLE, title);
  if (!insert_copy (self->document, copy, position + 1, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return NULL;
    }

  return ekv_document_find (self->document, EKV_ENTITY_OPTION, id);
}

gboolean
ekv_options_page_delete (EkvOptionsPage *self,
                         EkvRecord      *option)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvRecord) copy = NULL;
  GListModel *options;
  GtkWidget *overlay;
  Deletion *deletion;
  AdwToast *toast;
  guint position = 0;

  g_return_val_if_fail (EKV_IS_OPTIONS_PAGE (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (option), FALSE);

  options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);
  if (!g_list_store_find (G_LIST_STORE (options), option, &position))
    return FALSE;

  /* What Undo puts back: the option as it is now, with its units, changes and scores. */
  copy = copy_record (option, TRUE);
  if (!ekv_document_remove (self->document, option, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return TRUE;

  deletion = g_new0 (Deletion, 1);
  deletion->document = g_object_ref (self->document);
  deletion->copy = g_steal_pointer (&copy);
  deletion->position = position;
  toast = adw_toast_new (_("Option deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), deletion,
                         deletion_free, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);

  return TRUE;
}

guint
ekv_options_page_get_n_suggestions (EkvOptionsPage *self)
{
  g_return_val_if_fail (EKV_IS_OPTIONS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->titles));
}

const char *
ekv_options_page_get_suggestion (EkvOptionsPage *self,
                                 guint           index)
{
  g_return_val_if_fail (EKV_IS_OPTIONS_PAGE (self), NULL);

  return gtk_string_list_get_string (self->titles, index);
}

EkvRecord *
ekv_options_page_add_suggestion (EkvOptionsPage *self,
                                 guint           index)
{
  g_return_val_if_fail (EKV_IS_OPTIONS_PAGE (self), NULL);
  g_return_val_if_fail (index < ekv_options_page_get_n_suggestions (self), NULL);

  return add_option (self, gtk_string_list_get_string (self->titles, index),
                     category_from_nick (gtk_string_list_get_string (self->categories, index)),
                     gtk_string_list_get_string (self->effects, index));
}

GtkWidget *
ekv_options_page_get_row (EkvOptionsPage *self,
                          EkvRecord      *option)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (EKV_IS_OPTIONS_PAGE (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), i)); i++)
    if (g_object_get_data (G_OBJECT (row), "ekv-record") == option)
      return GTK_WIDGET (row);

  return NULL;
}

/* }}} */
