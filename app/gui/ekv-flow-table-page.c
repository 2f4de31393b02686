/* ekv-flow-table-page.c: every flow of the audit in one table, typed in like a spreadsheet
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The document's flow list, filtered by unit and name and sorted by the column
 * the user clicked, in a GtkColumnView whose cells are editors bound to the
 * flow's fields. Tab and Shift+Tab store the cell and move along the row (and
 * on to the next row), Enter stores and moves down, Escape puts the stored value
 * back. A refused entry keeps the typed text, marks the cell and says why under
 * the table; the stored value does not change. Rows are filtered and sorted
 * again only when the user asks (or after an edit moved a flow out of the unit
 * shown), so a row never jumps away while it is being typed in.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-balance.h"
#include "ekv-enums.h"
#include "ekv-field-text.h"
#include "ekv-flow-table-page.h"
#include "ekv-gui-util.h"
#include "ekv-labels.h"
#include "ekv-util.h"

typedef struct
{
  int         field;      /* EKV_FLOW_*, or -1 for the warning and delete columns */
  int         width;      /* fixed width, px */
} Column;

#define COLUMN_WARNING (-2)
#define COLUMN_DELETE  (-3)
#define COLUMN_DUPLICATE (-4)

static const Column columns[] = {
  { COLUMN_WARNING,         32 },
  { EKV_FLOW_NAME,         220 },
  { EKV_FLOW_FROM,         150 },
  { EKV_FLOW_TO,           150 },
  { EKV_FLOW_KIND,         150 },
  { EKV_FLOW_QUANTITY,     120 },
  { EKV_FLOW_UNIT,          90 },
  { EKV_FLOW_PERIOD,       110 },
  { EKV_FLOW_CARRIER,      140 },
  { EKV_FLOW_DENSITY,       90 },
  { EKV_FLOW_PRICE,         90 },
  { EKV_FLOW_QUALITY,      120 },
  { EKV_FLOW_UNCERTAINTY,   90 },
  { EKV_FLOW_SOURCE,       160 },
  { EKV_FLOW_NOTE,         200 },
  { COLUMN_DUPLICATE,       40 },
  { COLUMN_DELETE,          40 },
};

#define N_COLUMNS G_N_ELEMENTS (columns)

struct _EkvFlowTablePage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkDropDown        *unit_dropdown;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkWidget          *add_button;
  GtkScrolledWindow  *scroller;
  GtkColumnView      *view;
  GtkRevealer        *message_revealer;
  GtkLabel           *message_label;

  /* Owned references */
  EkvDocument        *document;
  GtkFilter          *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GPtrArray          *unit_ids;       /* of unit_dropdown's items after "All" */
  char               *unit_id;        /* the unit shown, or NULL for all */
  char               *search;         /* casefolded, or NULL */
  GHashTable         *cells[N_COLUMNS]; /* EkvRecord → its editor in that column */
  GHashTable         *warnings;       /* flow id → message of the balance */
  char               *message;
  guint               refresh_id;     /* pending refresh_idle () */
  gboolean            refilter;       /* refresh_idle () also filters again */
  gboolean            syncing_units;
};

G_DEFINE_FINAL_TYPE (EkvFlowTablePage, ekv_flow_table_page, ADW_TYPE_BIN)

/* What an editor cell knows, attached to it as "ekv-cell". */
typedef struct
{
  EkvFlowTablePage *page;      /* unowned: the page outlives its cells' bindings */
  guint             column;
  EkvRecord        *record;    /* bound flow, or NULL */
  gulong            notify_id;
  gboolean          syncing;
  gboolean          committing;
  GArray           *values;    /* choice cells: the enum value of each item (-1: none) */
  GPtrArray        *ids;       /* reference cells: the unit id of each item (NULL: none) */
  GtkWidget        *root;      /* the cell's widget */
  GtkWidget        *display;   /* text cells: the button showing the value */
  GtkWidget        *label;     /* its label */
  GtkWidget        *editor;    /* text cells while typed in: a GtkText, else NULL */
} Cell;

static void
cell_free (gpointer data)
{
  Cell *cell = data;

  if (cell->record != NULL && cell->notify_id != 0)
    g_signal_handler_disconnect (cell->record, cell->notify_id);
  g_clear_object (&cell->record);
  g_clear_pointer (&cell->values, g_array_unref);
  g_clear_pointer (&cell->ids, g_ptr_array_unref);
  g_free (cell);
}

static const EkvField *
column_field (guint column)
{
  return columns[column].field >= 0
           ? &ekv_entity_get (EKV_ENTITY_FLOW)->fields[columns[column].field]
           : NULL;
}

static gboolean
is_choice (const EkvField *field)
{
  return field != NULL && (field->type == EKV_FIELD_ENUM || field->type == EKV_FIELD_REF);
}

static gboolean
is_number (const EkvField *field)
{
  return field != NULL && (field->type == EKV_FIELD_DOUBLE || field->type == EKV_FIELD_INT);
}

static const char *
flow_name (EkvRecord *flow)
{
  const char *name = ekv_record_get_string (flow, EKV_FLOW_NAME);

  return name != NULL && *name != '\0' ? name : ekv_record_get_string (flow, EKV_FLOW_ID);
}

/* The unit that goes with a flow's quantity in a column title, or NULL. */
static const char *
column_unit (int field)
{
  switch (field)
    {
    case EKV_FLOW_DENSITY:
      /* Translators: the unit of density, in a column title */
      return _("kg/L");
    case EKV_FLOW_UNCERTAINTY:
      return "±%";
    default:
      return NULL;
    }
}

/* Helpers {{{ */

static void
show_message (EkvFlowTablePage *self,
              const char       *message)
{
  if (!ekv_set_string (&self->message, message))
    return;

  if (message != NULL)
    gtk_label_set_text (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
set_cell_error (GtkWidget  *widget,
                const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_widget_set_tooltip_text (widget, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "",
                                  -1);
}

/* The column view scrolls itself, so the scrolled window does not follow the
 * focus sideways: brings WIDGET into view. Returns whether it scrolled. */
static gboolean
scroll_into_view (EkvFlowTablePage *self,
                  GtkWidget        *widget)
{
  GtkWidget *scroller = GTK_WIDGET (self->scroller);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  if (!gtk_widget_compute_bounds (widget, scroller, &bounds))
    return FALSE;

  adjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_widget_get_width (scroller);
  if (bounds.origin.x < 0)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.x);
  else if (bounds.origin.x + bounds.size.width > page)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.x + bounds.size.width - page);
  else
    return FALSE;

  return gtk_adjustment_get_value (adjustment) != value;
}

/* Refusals name the flow and the column: the cell may scroll away. */
static void
refuse (Cell       *cell,
        GtkWidget  *widget,
        const char *reason)
{
  const EkvField *field = column_field (cell->column);
  g_autofree char *message = NULL;

  /* Translators: a flow's name, a column's title, then why the cell was refused */
  message = g_strdup_printf (_("“%s” · %s: %s"), flow_name (cell->record),
                             g_dgettext (GETTEXT_PACKAGE, field->label), reason);
  set_cell_error (widget, reason);
  show_message (cell->page, message);
}

static const char *
unit_name (EkvDocument *document,
           const char  *id)
{
  EkvRecord *unit;
  const char *name;

  if (id == NULL)
    return NULL;
  unit = ekv_document_find (document, EKV_ENTITY_UNIT_OPERATION, id);
  if (unit == NULL)
    return id;
  name = ekv_record_get_string (unit, EKV_UNIT_OPERATION_NAME);
  return name != NULL && *name != '\0' ? name : id;
}

/* What a cell shows, as text: for sorting by it. */
static char *
cell_text (EkvFlowTablePage *self,
           EkvRecord        *flow,
           guint             column)
{
  const EkvField *field = column_field (column);
  int index = columns[column].field;

  if (field == NULL)
    return g_strdup ("");
  if (field->type == EKV_FIELD_ENUM)
    return g_strdup (ekv_record_is_set (flow, index)
                       ? ekv_enum_get_label (field->enum_type (), ekv_record_get_enum (flow, index))
                       : "");
  if (field->type == EKV_FIELD_REF)
    {
      const char *name = unit_name (self->document, ekv_record_get_string (flow, index));
      return g_strdup (name != NULL ? name : "");
    }
  return ekv_field_text_from_record (flow, index);
}

/* }}} */
/* Editors {{{ */

/* A text cell shows its value on a flat button (cheap: a column view makes its
 * rows all at once); typing on it, Enter, a click or F2 puts a GtkText in its
 * place, as a spreadsheet's cell editor, until the text is stored or given up. */
static void
text_load (Cell *cell)
{
  g_autofree char *text = ekv_field_text_from_record (cell->record, columns[cell->column].field);

  gtk_label_set_text (GTK_LABEL (cell->label), text);
  gtk_widget_set_tooltip_text (cell->display,
                               column_field (cell->column)->type == EKV_FIELD_STRING && *text != '\0'
                                 ? text : NULL);
}

/* Removes the editor, showing the stored value again. */
static void
end_edit (Cell     *cell,
          gboolean  refocus)
{
  GtkWidget *editor = cell->editor;

  if (editor == NULL)
    return;

  cell->editor = NULL;
  gtk_widget_set_visible (cell->display, TRUE);
  if (refocus)
    gtk_widget_grab_focus (cell->display);
  gtk_box_remove (GTK_BOX (cell->root), editor);
  set_cell_error (cell->display, NULL);
}

/* Stores the typed text; FALSE (keeping it and saying why) when refused. */
static gboolean
editor_commit (Cell *cell)
{
  const EkvField *field;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  const char *text;
  gboolean unset;
  gboolean ok;

  if (cell->editor == NULL || cell->record == NULL || cell->committing)
    return TRUE;

  field = column_field (cell->column);
  text = gtk_editable_get_text (GTK_EDITABLE (cell->editor));
  shown = ekv_field_text_from_record (cell->record, columns[cell->column].field);
  if (g_strcmp0 (text, shown) == 0)
    {
      /* Nothing typed: only a refusal shown for this cell goes. */
      if (gtk_widget_has_css_class (cell->editor, "error"))
        show_message (cell->page, NULL);
      set_cell_error (cell->editor, NULL);
      return TRUE;
    }

  if (!ekv_field_text_to_value (field, text, &value, &unset, &error))
    {
      refuse (cell, cell->editor, error->message);
      return FALSE;
    }

  cell->committing = TRUE;
  ok = ekv_document_set_value (cell->page->document, cell->record, columns[cell->column].field,
                               unset ? NULL : &value, &error);
  cell->committing = FALSE;
  if (!ok)
    {
      refuse (cell, cell->editor, error->message);
      return FALSE;
    }

  show_message (cell->page, NULL);
  set_cell_error (cell->editor, NULL);
  /* Numbers show the way they are read back ("1234,50" becomes "1.234,5"). */
  text_load (cell);
  return TRUE;
}

static void editor_activate_cb (GtkText *editor, Cell *cell);
static gboolean key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                                GdkModifierType state, GtkWidget *widget);
static void editor_focus_leave_cb (GtkEventControllerFocus *controller, Cell *cell);

/* Puts an editor in CELL: with TEXT (what was typed on the cell) or the stored
 * value, all selected. Returns the editor. */
static GtkWidget *
begin_edit (Cell       *cell,
            const char *text)
{
  const EkvField *field = column_field (cell->column);
  GtkEventController *keys, *focus;
  g_autofree char *stored = NULL;

  if (cell->editor != NULL || cell->record == NULL ||
      ekv_document_is_read_only (cell->page->document))
    return cell->editor;

  cell->editor = gtk_text_new ();
  gtk_widget_set_hexpand (cell->editor, TRUE);
  if (is_number (field))
    {
      gtk_editable_set_alignment (GTK_EDITABLE (cell->editor), 1.0);
      gtk_text_set_input_purpose (GTK_TEXT (cell->editor), GTK_INPUT_PURPOSE_NUMBER);
      gtk_widget_add_css_class (cell->editor, "numeric");
    }
  gtk_widget_add_css_class (cell->editor, "ekv-cell-editor");
  g_object_set_data (G_OBJECT (cell->editor), "ekv-cell", cell);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_dgettext (GETTEXT_PACKAGE, field->label), -1);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), cell->editor);
  gtk_widget_add_controller (cell->editor, keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (editor_focus_leave_cb), cell);
  gtk_widget_add_controller (cell->editor, focus);
  g_signal_connect (cell->editor, "activate", G_CALLBACK (editor_activate_cb), cell);

  stored = ekv_field_text_from_record (cell->record, columns[cell->column].field);
  gtk_editable_set_text (GTK_EDITABLE (cell->editor), text != NULL ? text : stored);
  gtk_box_append (GTK_BOX (cell->root), cell->editor);
  gtk_widget_set_visible (cell->display, FALSE);
  gtk_widget_grab_focus (cell->editor);
  if (text != NULL)
    gtk_editable_set_position (GTK_EDITABLE (cell->editor), -1);
  else
    gtk_editable_select_region (GTK_EDITABLE (cell->editor), 0, -1);

  return cell->editor;
}

/* A choice cell is a flat button showing the value; its list of choices is made
 * when it is opened (a drop-down per cell would cost a popover per cell, and a
 * column view makes its rows all at once). */
static char *
choice_text (Cell *cell)
{
  const EkvField *field = column_field (cell->column);
  int index = columns[cell->column].field;

  if (field->type == EKV_FIELD_REF)
    {
      const char *id = ekv_record_get_string (cell->record, index);

      return g_strdup (id != NULL ? unit_name (cell->page->document, id)
                                  /* Translators: the From or To of a flow that crosses the plant's boundary */
                                  : _("Outside the plant"));
    }
  if (!ekv_record_is_set (cell->record, index) && !(field->flags & EKV_FIELD_FLAG_REQUIRED) &&
      index == EKV_FLOW_CARRIER)
    /* Translators: the carrier of a flow that is not energy */
    return g_strdup (C_("carrier", "None"));
  return g_strdup (ekv_enum_get_label (field->enum_type (), ekv_record_get_enum (cell->record, index)));
}

static void
choice_load (GtkWidget *button,
             Cell      *cell)
{
  g_autofree char *text = choice_text (cell);
  GtkWidget *label = g_object_get_data (G_OBJECT (button), "ekv-label");

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (button, text);
}

/* The choices of a cell: the enum's values (after "None" when optional), or
 * "Outside the plant" and the unit operations. Returns their labels and the
 * position of the current value. */
static GPtrArray *
choice_fill (Cell  *cell,
             guint *current)
{
  const EkvField *field = column_field (cell->column);
  int index = columns[cell->column].field;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_clear_pointer (&cell->values, g_array_unref);
  g_clear_pointer (&cell->ids, g_ptr_array_unref);
  *current = GTK_INVALID_LIST_POSITION;

  if (field->type == EKV_FIELD_ENUM)
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->enum_type ());
      int stored = ekv_record_is_set (cell->record, index) || (field->flags & EKV_FIELD_FLAG_REQUIRED)
                     ? ekv_record_get_enum (cell->record, index) : -1;
      int none = -1;

      cell->values = g_array_new (FALSE, FALSE, sizeof (int));
      if (!(field->flags & EKV_FIELD_FLAG_REQUIRED) && index == EKV_FLOW_CARRIER)
        {
          g_array_append_val (cell->values, none);
          g_ptr_array_add (names, g_strdup (C_("carrier", "None")));
        }
      for (guint i = 0; i < enum_class->n_values; i++)
        {
          int value = enum_class->values[i].value;

          if (field->enum_limit > 0 && value >= field->enum_limit)
            continue;
          g_array_append_val (cell->values, value);
          g_ptr_array_add (names, g_strdup (ekv_enum_get_label (field->enum_type (), value)));
        }
      for (guint i = 0; i < cell->values->len; i++)
        if (g_array_index (cell->values, int, i) == stored)
          *current = i;
    }
  else
    {
      GListModel *units = ekv_document_get_list (cell->page->document,
                                                 EKV_ENTITY_UNIT_OPERATION);
      const char *stored = ekv_record_get_string (cell->record, index);

      cell->ids = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (cell->ids, NULL);
      g_ptr_array_add (names, g_strdup (_("Outside the plant")));
      for (guint i = 0; i < g_list_model_get_n_items (units); i++)
        {
          g_autoptr(EkvRecord) unit = g_list_model_get_item (units, i);
          const char *id = ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID);

          g_ptr_array_add (cell->ids, g_strdup (id));
          g_ptr_array_add (names, g_strdup (unit_name (cell->page->document, id)));
        }
      for (guint i = 0; i < cell->ids->len; i++)
        if (g_strcmp0 (g_ptr_array_index (cell->ids, i), stored) == 0)
          *current = i;
    }

  return names;
}

/* Stores choice SELECTED of CELL (shown by BUTTON). */
static void
choice_commit (GtkWidget *button,
               Cell      *cell,
               guint      selected)
{
  const EkvField *field = column_field (cell->column);
  int index = columns[cell->column].field;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  gboolean unset;
  gboolean ok;

  if (cell->record == NULL)
    return;

  if (cell->values != NULL)
    {
      int chosen;
      gboolean is_set = ekv_record_is_set (cell->record, index);

      g_return_if_fail (selected < cell->values->len);
      chosen = g_array_index (cell->values, int, selected);
      if (chosen < 0 ? !is_set : is_set && ekv_record_get_enum (cell->record, index) == chosen)
        return;  /* what is stored already */
      unset = chosen < 0;
      if (!unset)
        {
          g_value_init (&value, field->enum_type ());
          g_value_set_enum (&value, chosen);
        }
    }
  else
    {
      const char *chosen;

      g_return_if_fail (cell->ids != NULL && selected < cell->ids->len);
      chosen = g_ptr_array_index (cell->ids, selected);
      if (g_strcmp0 (chosen, ekv_record_get_string (cell->record, index)) == 0)
        return;
      unset = chosen == NULL;
      if (!unset)
        {
          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, chosen);
        }
    }

  cell->committing = TRUE;
  ok = ekv_document_set_value (cell->page->document, cell->record, index,
                               unset ? NULL : &value, &error);
  cell->committing = FALSE;
  if (!ok)
    {
      refuse (cell, button, error->message);
      return;
    }

  set_cell_error (button, NULL);
  show_message (cell->page, NULL);
  choice_load (button, cell);
}

static void
choice_row_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         GtkWidget     *button)
{
  Cell *cell = g_object_get_data (G_OBJECT (button), "ekv-cell");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);
  guint selected = gtk_list_box_row_get_index (row);

  gtk_popover_popdown (GTK_POPOVER (popover));
  if (cell != NULL)
    choice_commit (button, cell, selected);
  gtk_widget_grab_focus (button);
}

static gboolean
drop_popover_idle (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

static void
choice_closed_cb (GtkPopover *popover)
{
  /* Not while it is emitting: after. */
  g_idle_add (drop_popover_idle, g_object_ref (popover));
}

static gboolean
popup_idle (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_popover_popup (GTK_POPOVER (popover));
  g_object_unref (popover);
  return G_SOURCE_REMOVE;
}

static void
choice_clicked_cb (GtkButton *button)
{
  Cell *cell = g_object_get_data (G_OBJECT (button), "ekv-cell");
  g_autoptr(GPtrArray) names = NULL;
  GtkWidget *popover, *scroller, *list;
  guint current;

  if (cell == NULL || cell->record == NULL)
    return;

  names = choice_fill (cell, &current);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_BROWSE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  for (guint i = 0; i < names->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (names, i));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 4);
      gtk_widget_set_margin_bottom (label, 4);
      gtk_list_box_append (GTK_LIST_BOX (list), label);
    }
  g_signal_connect (list, "row-activated", G_CALLBACK (choice_row_activated_cb), button);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), scroller);
  gtk_widget_add_css_class (popover, "menu");
  gtk_widget_set_parent (popover, GTK_WIDGET (button));
  g_signal_connect (popover, "closed", G_CALLBACK (choice_closed_cb), NULL);

  /* A popover is placed where its button is now: scroll first, open after. */
  if (scroll_into_view (cell->page, GTK_WIDGET (button)))
    g_timeout_add (100, popup_idle, g_object_ref (popover));
  else
    gtk_popover_popup (GTK_POPOVER (popover));

  if (current != GTK_INVALID_LIST_POSITION)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), current);

      gtk_list_box_select_row (GTK_LIST_BOX (list), row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

/* }}} */
/* Moving between cells {{{ */

static gboolean
find_row (EkvFlowTablePage *self,
          EkvRecord        *flow,
          guint            *position)
{
  GListModel *rows = G_LIST_MODEL (self->sorted);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(EkvRecord) item = g_list_model_get_item (rows, i);

      if (item == flow)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_editable_column (guint column)
{
  return columns[column].field >= 0;
}

typedef struct
{
  EkvFlowTablePage *page;
  EkvRecord        *flow;
  guint             column;
  guint             tries;
} FocusRequest;

/* What takes the focus in a cell: the button of a text cell, else the cell. */
static GtkWidget *
focus_target (GtkWidget *root)
{
  Cell *cell = root != NULL ? g_object_get_data (G_OBJECT (root), "ekv-cell") : NULL;

  if (cell == NULL)
    return NULL;
  return cell->display != NULL ? cell->display : root;
}

static gboolean
focus_cell_idle (gpointer user_data)
{
  FocusRequest *request = user_data;
  GtkWidget *cell = focus_target (ekv_flow_table_page_get_cell (request->page, request->flow,
                                                                request->column));

  if (cell != NULL)
    gtk_widget_grab_focus (cell);
  else if (++request->tries < 4)
    {
      /* Not on screen yet: scroll a row's height on and look again. */
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (request->page->scroller);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + 40);
      return G_SOURCE_CONTINUE;
    }

  g_object_unref (request->page);
  g_object_unref (request->flow);
  g_free (request);
  return G_SOURCE_REMOVE;
}

static void
focus_cell (EkvFlowTablePage *self,
            EkvRecord        *flow,
            guint             column)
{
  GtkWidget *cell = focus_target (ekv_flow_table_page_get_cell (self, flow, column));
  FocusRequest *request;

  if (cell != NULL)
    {
      gtk_widget_grab_focus (cell);
      return;
    }

  request = g_new0 (FocusRequest, 1);
  request->page = g_object_ref (self);
  request->flow = g_object_ref (flow);
  request->column = column;
  g_timeout_add (30, focus_cell_idle, request);
}

/* Moves from CELL by STEP editable cells along the rows (Tab: +1, Shift+Tab: -1),
 * or by STEP rows in the same column when DOWN. */
static void
move_from (Cell     *cell,
           int       step,
           gboolean  down)
{
  EkvFlowTablePage *self = cell->page;
  GListModel *rows = G_LIST_MODEL (self->sorted);
  guint n_rows = g_list_model_get_n_items (rows);
  guint row;
  int column = cell->column;
  g_autoptr(EkvRecord) target = NULL;

  if (!find_row (self, cell->record, &row))
    return;

  if (down)
    {
      if ((int) row + step < 0 || row + step >= n_rows)
        return;
      row += step;
    }
  else
    {
      do
        {
          column += step;
          if (column >= (int) N_COLUMNS)
            {
              if (row + 1 >= n_rows)
                return;
              row++;
              column = 0;
            }
          else if (column < 0)
            {
              if (row == 0)
                return;
              row--;
              column = N_COLUMNS - 1;
            }
        }
      while (!is_editable_column (column));
    }

  target = g_list_model_get_item (rows, row);
  focus_cell (self, target, column);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWidget             *widget)
{
  Cell *cell = g_object_get_data (G_OBJECT (widget), "ekv-cell");
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean editing = GTK_IS_TEXT (widget);
  gunichar typed;

  if (cell == NULL || cell->record == NULL)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (mods != 0 && mods != GDK_SHIFT_MASK)
        return FALSE;
      if (editing && !editor_commit (cell))
        return TRUE;  /* stay: the cell says why */
      if (editing)
        end_edit (cell, FALSE);
      move_from (cell, (mods & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab ? -1 : 1, FALSE);
      return TRUE;

    case GDK_KEY_Escape:
      if (!editing || mods != 0)
        return FALSE;
      show_message (cell->page, NULL);
      end_edit (cell, TRUE);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_Down:
      if (mods != 0)
        return FALSE;
      if (editing && !editor_commit (cell))
        return TRUE;
      if (editing)
        end_edit (cell, FALSE);
      move_from (cell, keyval == GDK_KEY_Up ? -1 : 1, TRUE);
      return TRUE;

    case GDK_KEY_F2:
      if (editing || cell->display == NULL)
        return FALSE;
      begin_edit (cell, NULL);
      return TRUE;

    case GDK_KEY_BackSpace:
    case GDK_KEY_Delete:
      if (editing || cell->display == NULL || mods != 0)
        return FALSE;
      begin_edit (cell, "");
      return TRUE;

    default:
      /* Typing on a text cell replaces its value, as in a spreadsheet. */
      typed = gdk_keyval_to_unicode (keyval);
      if (editing || cell->display == NULL || typed == 0 || !g_unichar_isprint (typed) ||
          (mods & ~GDK_SHIFT_MASK) != 0)
        return FALSE;
      {
        char text[7] = { 0 };

        g_unichar_to_utf8 (typed, text);
        begin_edit (cell, text);
      }
      return TRUE;
    }
}

static void
editor_activate_cb (GtkText *editor,
                    Cell    *cell)
{
  if (!editor_commit (cell))
    return;
  end_edit (cell, TRUE);
  move_from (cell, 1, TRUE);
}

static gboolean
end_edit_idle (gpointer data)
{
  GtkWidget *root = data;
  Cell *cell = g_object_get_data (G_OBJECT (root), "ekv-cell");

  if (cell != NULL && cell->editor != NULL && !gtk_widget_has_focus (cell->editor))
    end_edit (cell, FALSE);
  g_object_unref (root);
  return G_SOURCE_REMOVE;
}

/* Leaving the editor stores it; a refused text stays to be put right. */
static void
editor_focus_leave_cb (GtkEventControllerFocus *controller,
                       Cell                    *cell)
{
  if (cell->editor == NULL || !editor_commit (cell))
    return;
  /* Not while focus is moving: after it. */
  g_idle_add (end_edit_idle, g_object_ref (cell->root));
}

static void
display_clicked_cb (GtkButton *button,
                    Cell      *cell)
{
  begin_edit (cell, NULL);
}

/* A focused cell is brought into view (see scroll_into_view ()). */
static void
focus_enter_cb (GtkEventControllerFocus *controller,
                GtkWidget               *widget)
{
  Cell *cell = g_object_get_data (G_OBJECT (widget), "ekv-cell");

  if (cell != NULL)
    scroll_into_view (cell->page, widget);
}

/* }}} */
/* Cells {{{ */

static void
record_notify_cb (EkvRecord  *record,
                  GParamSpec *pspec,
                  GtkWidget  *widget)
{
  Cell *cell = g_object_get_data (G_OBJECT (widget), "ekv-cell");

  if (cell == NULL || cell->committing)
    return;
  if (cell->label != NULL)
    text_load (cell);  /* an open editor keeps what is being typed */
  else if (GTK_IS_BUTTON (widget) && is_choice (column_field (cell->column)))
    choice_load (widget, cell);
}

static void
delete_clicked_cb (GtkButton *button)
{
  Cell *cell = g_object_get_data (G_OBJECT (button), "ekv-cell");
  EkvFlowTablePage *self = cell->page;
  g_autoptr(EkvRecord) flow = NULL;

  if (cell->record == NULL)
    return;
  flow = g_object_ref (cell->record);
  ekv_gui_remove_with_undo (GTK_WIDGET (self), self->document, flow);
}

static void
duplicate_clicked_cb (GtkButton *button)
{
  Cell *cell = g_object_get_data (G_OBJECT (button), "ekv-cell");
  EkvFlowTablePage *self = cell->page;
  g_autoptr(GError) error = NULL;
  EkvRecord *copy;

  if (cell->record == NULL)
    return;

  copy = ekv_document_duplicate (self->document, cell->record, "f", &error);
  if (copy == NULL)
    {
      show_message (self, error->message);
      return;
    }

  /* The copy follows its original in the audit; the name is typed first. */
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].field == EKV_FLOW_NAME)
      focus_cell (self, copy, c);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          EkvFlowTablePage         *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "ekv-column"));
  const EkvField *field = column_field (column);
  Cell *cell = g_new0 (Cell, 1);
  GtkWidget *widget;

  cell->page = self;
  cell->column = column;

  if (columns[column].field == COLUMN_WARNING)
    {
      widget = gtk_image_new ();
      gtk_widget_add_css_class (widget, "warning");
    }
  else if (columns[column].field == COLUMN_DELETE)
    {
      widget = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_add_css_class (widget, "flat");
      gtk_widget_set_tooltip_text (widget, _("Delete this flow"));
      g_signal_connect (widget, "clicked", G_CALLBACK (delete_clicked_cb), NULL);
    }
  else if (columns[column].field == COLUMN_DUPLICATE)
    {
      widget = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      gtk_widget_add_css_class (widget, "flat");
      gtk_widget_set_tooltip_text (widget, _("Duplicate this flow"));
      g_signal_connect (widget, "clicked", G_CALLBACK (duplicate_clicked_cb), NULL);
    }
  else if (is_choice (field))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), arrow);
      widget = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (widget), box);
      gtk_widget_add_css_class (widget, "flat");
      gtk_widget_add_css_class (widget, "ekv-choice-cell");
      g_object_set_data (G_OBJECT (widget), "ekv-label", label);
      g_signal_connect (widget, "clicked", G_CALLBACK (choice_clicked_cb), NULL);
    }
  else
    {
      widget = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      cell->label = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (cell->label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (cell->label), is_number (field) ? 1.0 : 0.0);
      gtk_widget_set_hexpand (cell->label, TRUE);
      if (is_number (field))
        gtk_widget_add_css_class (cell->label, "numeric");
      cell->display = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (cell->display), cell->label);
      gtk_widget_set_hexpand (cell->display, TRUE);
      gtk_widget_add_css_class (cell->display, "flat");
      gtk_widget_add_css_class (cell->display, "ekv-text-cell");
      g_object_set_data (G_OBJECT (cell->display), "ekv-cell", cell);
      g_signal_connect (cell->display, "clicked", G_CALLBACK (display_clicked_cb), cell);
      gtk_box_append (GTK_BOX (widget), cell->display);
    }
  cell->root = widget;

  if (field != NULL)
    {
      /* Keys and focus go to the button of a text cell, to the cell otherwise. */
      GtkWidget *target = cell->display != NULL ? cell->display : widget;
      GtkEventController *keys = gtk_event_controller_key_new ();
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect (focus, "enter", G_CALLBACK (focus_enter_cb), target);
      gtk_widget_add_controller (target, focus);

      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), target);
      gtk_widget_add_controller (target, keys);
      gtk_accessible_update_property (GTK_ACCESSIBLE (target), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_dgettext (GETTEXT_PACKAGE, field->label), -1);
    }

  g_object_set_data_full (G_OBJECT (widget), "ekv-cell", cell, cell_free);
  gtk_list_item_set_child (item, widget);
}

static void
warning_load (EkvFlowTablePage *self,
              GtkWidget        *image,
              EkvRecord        *flow)
{
  const char *message = NULL;

  if (self->warnings != NULL)
    message = g_hash_table_lookup (self->warnings, ekv_record_get_string (flow, EKV_FLOW_ID));
  gtk_image_set_from_icon_name (GTK_IMAGE (image),
                                message != NULL ? "dialog-warning-symbolic" : NULL);
  gtk_widget_set_tooltip_text (image, message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  message != NULL ? message : "", -1);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         EkvFlowTablePage         *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  Cell *cell = g_object_get_data (G_OBJECT (widget), "ekv-cell");
  EkvRecord *flow = gtk_list_item_get_item (item);
  const EkvField *field = column_field (cell->column);

  cell->record = g_object_ref (flow);
  g_hash_table_insert (self->cells[cell->column], flow, widget);
  gtk_widget_set_sensitive (widget, !ekv_document_is_read_only (self->document));

  if (columns[cell->column].field == COLUMN_WARNING)
    {
      warning_load (self, widget, flow);
      return;
    }
  if (field == NULL)
    return;

  {
    g_autofree char *signal = g_strconcat ("notify::", field->property, NULL);

    cell->notify_id = g_signal_connect (flow, signal, G_CALLBACK (record_notify_cb), widget);
  }

  if (is_choice (field))
    choice_load (widget, cell);
  else
    text_load (cell);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           EkvFlowTablePage         *self)
{
  GtkWidget *widget = gtk_list_item_get_child (item);
  Cell *cell = g_object_get_data (G_OBJECT (widget), "ekv-cell");

  if (cell->record == NULL)
    return;

  /* A row scrolled away while typed in: what was typed is stored if it can be. */
  if (cell->editor != NULL)
    {
      editor_commit (cell);
      end_edit (cell, FALSE);
      show_message (self, NULL);
    }
  if (g_hash_table_lookup (self->cells[cell->column], cell->record) == widget)
    g_hash_table_remove (self->cells[cell->column], cell->record);
  if (cell->notify_id != 0)
    g_signal_handler_disconnect (cell->record, cell->notify_id);
  cell->notify_id = 0;
  g_clear_object (&cell->record);
  if (columns[cell->column].field >= 0)
    set_cell_error (cell->display != NULL ? cell->display : widget, NULL);
}

/* }}} */
/* Refreshing {{{ */

/* Text folded for finding: case, accents and the Turkish dotted and dotless i
 * do not matter ("KOSTİK" finds "Kostik", "isi" finds "Isı"). */
static char *
search_fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autofree char *folded = g_utf8_casefold (decomposed != NULL ? decomposed : "", -1);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      g_string_append_unichar (out, c == 0x0131 /* ı */ ? 'i' : c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  EkvFlowTablePage *self = user_data;

  if (self->unit_id != NULL &&
      g_strcmp0 (ekv_record_get_string (item, EKV_FLOW_FROM), self->unit_id) != 0 &&
      g_strcmp0 (ekv_record_get_string (item, EKV_FLOW_TO), self->unit_id) != 0)
    return FALSE;

  if (self->search != NULL)
    {
      g_autofree char *name = search_fold (flow_name (item));

      if (strstr (name, self->search) == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
update_count (EkvFlowTablePage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
  guint all = g_list_model_get_n_items (ekv_document_get_list (self->document, EKV_ENTITY_FLOW));
  g_autofree char *text = NULL;

  if (shown == all)
    /* Translators: how many flows the table shows */
    text = g_strdup_printf (ngettext ("%u flow", "%u flows", all), all);
  else
    /* Translators: how many flows the table shows, of how many */
    text = g_strdup_printf (ngettext ("%u of %u flow", "%u of %u flows", all), shown, all);
  gtk_label_set_text (self->count_label, text);
}

static void
update_units (EkvFlowTablePage *self)
{
  GListModel *units = ekv_document_get_list (self->document, EKV_ENTITY_UNIT_OPERATION);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (self->unit_ids, 0);
  gtk_string_list_append (names, _("All unit operations"));
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(EkvRecord) unit = g_list_model_get_item (units, i);
      const char *id = ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID);

      g_ptr_array_add (self->unit_ids, g_strdup (id));
      gtk_string_list_append (names, unit_name (self->document, id));
      if (g_strcmp0 (id, self->unit_id) == 0)
        selected = i + 1;
    }

  if (self->unit_id != NULL && selected == 0)
    {
      /* The unit shown is gone. */
      g_clear_pointer (&self->unit_id, g_free);
      self->refilter = TRUE;
    }

  self->syncing_units = TRUE;
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->unit_dropdown, selected);
  self->syncing_units = FALSE;

  gtk_widget_set_sensitive (self->add_button,
                            self->unit_id != NULL && !ekv_document_is_read_only (self->document));
  gtk_widget_set_tooltip_text (self->add_button,
                               self->unit_id != NULL
                                 ? _("Add an input of this unit operation")
                                 : _("Pick a unit operation to add its flows"));
}

static void
update_warnings (EkvFlowTablePage *self)
{
  g_autoptr(EkvBalance) balance = ekv_balance_compute (self->document);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_remove_all (self->warnings);
  for (guint i = 0; i < balance->warnings->len; i++)
    {
      const EkvBalanceWarning *warning = g_ptr_array_index (balance->warnings, i);

      if (warning->flow_id != NULL && !g_hash_table_contains (self->warnings, warning->flow_id))
        g_hash_table_insert (self->warnings, g_strdup (warning->flow_id),
                             g_strdup (warning->message));
    }

  g_hash_table_iter_init (&iter, self->cells[0]);
  while (g_hash_table_iter_next (&iter, &key, &value))
    warning_load (self, value, key);
}

/* Unit names in the reference cells, the unit picker, warnings, and (when an
 * edit may have moved a flow out of the unit shown) the filter. */
static gboolean
refresh_idle (gpointer user_data)
{
  EkvFlowTablePage *self = user_data;

  self->refresh_id = 0;
  update_units (self);

  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].field == EKV_FLOW_FROM || columns[c].field == EKV_FLOW_TO)
      {
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, self->cells[c]);
        while (g_hash_table_iter_next (&iter, &key, &value))
          {
            choice_load (value, g_object_get_data (value, "ekv-cell"));
          }
      }

  if (self->refilter)
    {
      self->refilter = FALSE;
      gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
    }

  update_warnings (self);
  update_count (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (EkvFlowTablePage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle, self, NULL);
}

static void
document_changed_cb (EkvFlowTablePage *self)
{
  /* A flow's From or To may have left the unit shown. */
  if (self->unit_id != NULL)
    self->refilter = TRUE;
  queue_refresh (self);
}

static void
rows_changed_cb (EkvFlowTablePage *self)
{
  update_count (self);
}

/* }}} */
/* Template callbacks {{{ */

static void
unit_selected_cb (EkvFlowTablePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);

  if (self->syncing_units || self->document == NULL)
    return;

  ekv_flow_table_page_set_unit (self,
                                selected > 0 && selected <= self->unit_ids->len
                                  ? g_ptr_array_index (self->unit_ids, selected - 1) : NULL);
}

static void
search_changed_cb (EkvFlowTablePage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (*stripped != '\0')
    self->search = search_fold (stripped);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
add_clicked_cb (EkvFlowTablePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvRecord) flow = NULL;
  g_autofree char *id = NULL;

  if (self->unit_id == NULL)
    return;

  flow = ekv_record_new (EKV_ENTITY_FLOW);
  id = ekv_document_new_id (self->document, EKV_ENTITY_FLOW, "f");
  ekv_record_set_string (flow, EKV_FLOW_ID, id);
  ekv_record_set_string (flow, EKV_FLOW_NAME, _("New input"));
  ekv_record_set_enum (flow, EKV_FLOW_KIND, EKV_FLOW_KIND_RAW_MATERIAL);
  ekv_record_set_string (flow, EKV_FLOW_TO, self->unit_id);
  ekv_record_set_double (flow, EKV_FLOW_QUANTITY, 0);
  ekv_record_set_enum (flow, EKV_FLOW_UNIT, EKV_QUANTITY_UNIT_KG);

  if (!ekv_document_insert (self->document, flow, NULL, -1, &error))
    {
      show_message (self, error->message);
      return;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].field == EKV_FLOW_NAME)
      focus_cell (self, flow, c);
}

/* }}} */
/* GObject {{{ */

static void
ekv_flow_table_page_dispose (GObject *object)
{
  EkvFlowTablePage *self = EKV_FLOW_TABLE_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->view != NULL)
    gtk_column_view_set_model (self->view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), EKV_TYPE_FLOW_TABLE_PAGE);

  G_OBJECT_CLASS (ekv_flow_table_page_parent_class)->dispose (object);
}

static void
ekv_flow_table_page_finalize (GObject *object)
{
  EkvFlowTablePage *self = EKV_FLOW_TABLE_PAGE (object);

  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->document);
  g_clear_pointer (&self->unit_ids, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_hash_table_unref);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_clear_pointer (&self->cells[c], g_hash_table_unref);
  g_free (self->unit_id);
  g_free (self->search);
  g_free (self->message);

  G_OBJECT_CLASS (ekv_flow_table_page_parent_class)->finalize (object);
}

static void
ekv_flow_table_page_class_init (EkvFlowTablePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_flow_table_page_dispose;
  object_class->finalize = ekv_flow_table_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-flow-table-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkvFlowTablePage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EkvFlowTablePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EkvFlowTablePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, EkvFlowTablePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, EkvFlowTablePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EkvFlowTablePage, view);
  gtk_widget_class_bind_template_child (widget_class, EkvFlowTablePage, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, EkvFlowTablePage, message_label);
  gtk_widget_class_bind_template_callback (widget_class, unit_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
ekv_flow_table_page_init (EkvFlowTablePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->unit_ids = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint c = 0; c < N_COLUMNS; c++)
    self->cells[c] = g_hash_table_new (NULL, NULL);
}

/* }}} */
/* Public {{{ */

typedef struct
{
  EkvFlowTablePage *page;
  guint             column;
} SortData;

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  SortData *data = user_data;
  EkvRecord *first = (EkvRecord *) a;
  EkvRecord *second = (EkvRecord *) b;
  const EkvField *field = column_field (data->column);
  int index = columns[data->column].field;

  if (is_number (field))
    {
      double x = ekv_record_is_set (first, index) ? ekv_record_get_double (first, index) : NAN;
      double y = ekv_record_is_set (second, index) ? ekv_record_get_double (second, index) : NAN;

      /* Empty cells last in either direction would need the direction: first here. */
      if (isnan (x) || isnan (y))
        return isnan (x) - isnan (y);
      return (x > y) - (x < y);
    }
  else
    {
      g_autofree char *x = cell_text (data->page, first, data->column);
      g_autofree char *y = cell_text (data->page, second, data->column);
      g_autofree char *kx = g_utf8_collate_key (x, -1);
      g_autofree char *ky = g_utf8_collate_key (y, -1);

      return strcmp (kx, ky);
    }
}

GtkWidget *
ekv_flow_table_page_new (EkvDocument *document)
{
  EkvFlowTablePage *self;
  GListModel *flows;
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_FLOW_TABLE_PAGE, NULL);
  self->document = g_object_ref (document);

  flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_func, self, NULL));
  self->filtered = gtk_filter_list_model_new (g_object_ref (flows), g_object_ref (self->filter));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const EkvField *field = column_field (c);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autofree char *title = NULL;

      g_object_set_data (G_OBJECT (factory), "ekv-column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);

      if (field != NULL && column_unit (columns[c].field) != NULL)
        /* Translators: a column title and its unit: "Density (kg/L)" */
        title = g_strdup_printf (_("%s (%s)"), g_dgettext (GETTEXT_PACKAGE, field->label),
                                 column_unit (columns[c].field));
      else if (field != NULL)
        title = g_strdup (g_dgettext (GETTEXT_PACKAGE, field->label));
      else
        title = g_strdup ("");

      column = gtk_column_view_column_new (title, g_object_ref (factory));
      gtk_column_view_column_set_fixed_width (column, columns[c].width);
      gtk_column_view_column_set_resizable (column, field != NULL);
      if (field != NULL)
        {
          SortData *data = g_new0 (SortData, 1);
          g_autoptr(GtkSorter) sorter = NULL;

          data->page = self;
          data->column = c;
          sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, data, g_free));
          gtk_column_view_column_set_sorter (column, sorter);
        }
      gtk_column_view_append_column (self->view, column);
    }

  gtk_sort_list_model_set_sorter (self->sorted, gtk_column_view_get_sorter (self->view));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (rows_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self,
                           G_CONNECT_SWAPPED);

  update_units (self);
  update_warnings (self);
  update_count (self);

  return GTK_WIDGET (self);
}

void
ekv_flow_table_page_set_unit (EkvFlowTablePage *self,
                              const char       *unit_id)
{
  g_return_if_fail (EKV_IS_FLOW_TABLE_PAGE (self));

  if (!ekv_set_string (&self->unit_id, unit_id))
    return;

  update_units (self);
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

GListModel *
ekv_flow_table_page_get_rows (EkvFlowTablePage *self)
{
  g_return_val_if_fail (EKV_IS_FLOW_TABLE_PAGE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

guint
ekv_flow_table_page_get_n_columns (EkvFlowTablePage *self)
{
  return N_COLUMNS;
}

int
ekv_flow_table_page_get_column_field (EkvFlowTablePage *self,
                                      guint             column)
{
  g_return_val_if_fail (column < N_COLUMNS, -1);

  return columns[column].field;
}

GtkWidget *
ekv_flow_table_page_get_cell (EkvFlowTablePage *self,
                              EkvRecord        *flow,
                              guint             column)
{
  g_return_val_if_fail (EKV_IS_FLOW_TABLE_PAGE (self), NULL);
  g_return_val_if_fail (column < N_COLUMNS, NULL);

  return g_hash_table_lookup (self->cells[column], flow);
}

GtkWidget *
ekv_flow_table_page_edit_cell (EkvFlowTablePage *self,
                               EkvRecord        *flow,
                               guint             column)
{
  GtkWidget *root;
  Cell *cell;

  g_return_val_if_fail (EKV_IS_FLOW_TABLE_PAGE (self), NULL);
  g_return_val_if_fail (column < N_COLUMNS, NULL);

  root = g_hash_table_lookup (self->cells[column], flow);
  cell = root != NULL ? g_object_get_data (G_OBJECT (root), "ekv-cell") : NULL;
  if (cell == NULL || cell->display == NULL)
    return NULL;

  return begin_edit (cell, NULL);
}

const char *
ekv_flow_table_page_get_message (EkvFlowTablePage *self)
{
  g_return_val_if_fail (EKV_IS_FLOW_TABLE_PAGE (self), NULL);

  return self->message;
}

/* }}} */
