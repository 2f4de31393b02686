/* ekv-gui-util.c: small helpers shared by the widgets
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-field-row.h"
#include "ekv-gui-util.h"
#include "ekv-labels.h"
#include "ekv-text-area.h"

void
ekv_gui_toast (GtkWidget  *widget,
               const char *message)
{
  g_autofree char *escaped = NULL;
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_message ("%s", message);
      return;
    }

  /* Toast titles are markup in libadwaita 1.2. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

void
ekv_gui_show_error (GtkWindow  *parent,
                    const char *heading,
                    const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
ekv_gui_record_button_new (const char *icon_name,
                           const char *tooltip,
                           EkvRecord  *record,
                           gboolean    editable)
{
  GtkWidget *button;

  g_return_val_if_fail (icon_name != NULL, NULL);
  g_return_val_if_fail (EKV_IS_RECORD (record), NULL);

  button = gtk_button_new_from_icon_name (icon_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_sensitive (button, editable);
  g_object_set_data_full (G_OBJECT (button), "ekv-record", g_object_ref (record), g_object_unref);
  return button;
}

void
ekv_gui_widen_page (GtkWidget *page,
                    int        width)
{
  g_return_if_fail (GTK_IS_WIDGET (page));

  for (GtkWidget *child = gtk_widget_get_first_child (page); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_CLAMP (child))
        {
          adw_clamp_set_maximum_size (ADW_CLAMP (child), width);
          adw_clamp_set_tightening_threshold (ADW_CLAMP (child), width * 3 / 4);
          return;
        }
      ekv_gui_widen_page (child, width);
    }
}

typedef struct
{
  EkvDocument *document;
  EkvRecord   *record;
  EkvRecord   *parent;     /* the record whose child it was, or NULL */
  guint        position;
} Removal;

/* The list RECORD is in: its parent's children or a list of the document. */
static GListModel *
list_of (EkvDocument *document,
         EkvRecord   *record,
         EkvRecord   *parent)
{
  if (parent != NULL)
    return ekv_record_get_children (parent, ekv_record_get_kind (record));
  return ekv_document_get_list (document, ekv_record_get_kind (record));
}

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

  GListModel *list = list_of (removal->document, removal->record, removal->parent);
  guint position = MIN (removal->position, g_list_model_get_n_items (list));

  if (!ekv_document_insert (removal->document, removal->record, removal->parent, position, &error))
    g_warning ("Could not undo a removal: %s", error->message);
}

gboolean
ekv_gui_remove_with_undo (GtkWidget   *widget,
                          EkvDocument *document,
                          EkvRecord   *record)
{
  return ekv_gui_remove_with_undo_full (widget, document, record, NULL);
}

gboolean
ekv_gui_remove_with_undo_full (GtkWidget   *widget,
                               EkvDocument *document,
                               EkvRecord   *record,
                               const char  *message)
{
  g_autoptr(GError) error = NULL;
  GListModel *list;
  GtkWidget *overlay;
  Removal *removal;
  AdwToast *toast;
  guint position = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (EKV_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);

  list = list_of (document, record, ekv_record_get_parent (record));
  if (list == NULL || !g_list_store_find (G_LIST_STORE (list), record, &position))
    return FALSE;

  removal = g_new0 (Removal, 1);
  removal->document = g_object_ref (document);
  removal->record = g_object_ref (record);
  if (ekv_record_get_parent (record) != NULL)
    removal->parent = g_object_ref (ekv_record_get_parent (record));
  removal->position = position;

  if (!ekv_document_remove (document, record, &error))
    {
      removal_free (removal, NULL);
      ekv_gui_toast (widget, error->message);
      return FALSE;
    }

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      removal_free (removal, NULL);
      return TRUE;
    }

  if (message != NULL)
    {
      /* Toast titles are markup in libadwaita 1.2. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      toast = adw_toast_new (escaped);
    }
  else
    toast = adw_toast_new (_("Removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), removal,
                         removal_free, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}

static gboolean
title_to_row (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  const char *title = g_value_get_string (from);

  g_value_set_string (to, title != NULL && *title != '\0' ? title : _("Untitled option"));
  return TRUE;
}

void
ekv_gui_bind_option_title (EkvRecord *option,
                           GtkWidget *row)
{
  g_return_if_fail (EKV_IS_RECORD (option));
  g_return_if_fail (ADW_IS_PREFERENCES_ROW (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property_full (option, "title", row, "title", G_BINDING_SYNC_CREATE,
                               title_to_row, NULL, NULL, NULL);
}

GtkWidget *
ekv_gui_text_area_row_new (EkvDocument *document,
                           EkvRecord   *record,
                           const char  *key,
                           const char  *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *area = g_object_new (EKV_TYPE_TEXT_AREA, "key", key, NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  ekv_text_area_set_source (EKV_TEXT_AREA (area), document, record);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), area);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

char *
ekv_gui_enum_item_label (AdwEnumListItem *item,
                         gpointer         user_data)
{
  GType enum_type = GPOINTER_TO_SIZE (user_data);

  return g_strdup (ekv_enum_get_label (enum_type, adw_enum_list_item_get_value (item)));
}

static gboolean
enum_to_position (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_autoptr(AdwComboRow) row = ADW_COMBO_ROW (g_binding_dup_target (binding));
  AdwEnumListModel *model;

  if (row == NULL)
    return FALSE;

  model = ADW_ENUM_LIST_MODEL (adw_combo_row_get_model (row));
  g_value_set_uint (to, adw_enum_list_model_find_position (model, g_value_get_enum (from)));
  return TRUE;
}

static gboolean
position_to_enum (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_autoptr(AdwComboRow) row = ADW_COMBO_ROW (g_binding_dup_target (binding));
  g_autoptr(AdwEnumListItem) item = NULL;
  guint position = g_value_get_uint (from);

  if (row == NULL || position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  item = g_list_model_get_item (adw_combo_row_get_model (row), position);
  if (item == NULL)
    return FALSE;

  g_value_set_enum (to, adw_enum_list_item_get_value (item));
  return TRUE;
}

void
ekv_gui_bind_enum_row (AdwComboRow *row,
                       EkvRecord   *record,
                       const char  *key)
{
  g_return_if_fail (ADW_IS_COMBO_ROW (row));
  g_return_if_fail (EKV_IS_RECORD (record));

  g_object_bind_property_full (record, key, row, "selected",
                               G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL,
                               enum_to_position, position_to_enum, NULL, NULL);
}

GtkWidget *
ekv_gui_enum_row_new (EkvRecord  *record,
                      const char *key,
                      GType       enum_type,
                      const char *title)
{
  g_autoptr(AdwEnumListModel) model = adw_enum_list_model_new (enum_type);
  GtkExpression *expression;
  GtkWidget *row;

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (ekv_gui_enum_item_label),
                                            GSIZE_TO_POINTER (enum_type), NULL);
  row = g_object_new (ADW_TYPE_COMBO_ROW,
                      "title", title,
                      "model", model,
                      "expression", expression,
                      NULL);
  gtk_expression_unref (expression);
  ekv_gui_bind_enum_row (ADW_COMBO_ROW (row), record, key);

  return row;
}

GtkWidget *
ekv_gui_switch_row_new (EkvRecord  *record,
                        const char *key,
                        const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_bind_property (record, key, toggle, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  return row;
}

void
ekv_gui_bind_field_rows (GtkWidget   *root,
                         EkvDocument *document,
                         EkvRecord   *record)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (EKV_IS_FIELD_ROW (root))
    {
      if (ekv_field_row_get_record (EKV_FIELD_ROW (root)) == NULL)
        ekv_field_row_set_source (EKV_FIELD_ROW (root), document, record);
      return;
    }
  if (EKV_IS_TEXT_AREA (root))
    {
      if (ekv_text_area_get_record (EKV_TEXT_AREA (root)) == NULL)
        ekv_text_area_set_source (EKV_TEXT_AREA (root), document, record);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ekv_gui_bind_field_rows (child, document, record);
}

#define AFTER_FIRST_FRAME_KEY "ekv-after-first-frame"

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        GtkWidget     *widget)
{
  EkvGuiWidgetFunc func = g_object_steal_data (G_OBJECT (widget), AFTER_FIRST_FRAME_KEY);

  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, widget);
  if (func != NULL)
    func (widget);
}

static void
first_map_cb (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (widget, first_map_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (first_frame_painted_cb), widget, 0);
}

void
ekv_gui_after_first_frame (GtkWidget        *widget,
                           EkvGuiWidgetFunc  func)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);
  g_return_if_fail (g_object_get_data (G_OBJECT (widget), AFTER_FIRST_FRAME_KEY) == NULL);

  g_object_set_data (G_OBJECT (widget), AFTER_FIRST_FRAME_KEY, (gpointer) func);
  g_signal_connect (widget, "map", G_CALLBACK (first_map_cb), NULL);
}
