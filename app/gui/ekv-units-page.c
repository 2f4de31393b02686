/* ekv-units-page.c: the unit operations of the process, in order (phase II)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The units are an EkvRecordList in process order. Each row says how many flows
 * enter and leave the unit, by kind, and the state of its mass balance, and
 * follows the flows, the units and the audit's thresholds as they change. A unit
 * that flows still use is deleted only when the user agrees to delete those flows
 * too, in one transaction, with an Undo that puts all of them back.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-balance.h"
#include "ekv-enums.h"
#include "ekv-flowchart-view.h"
#include "ekv-gui-util.h"
#include "ekv-labels.h"
#include "ekv-record-list.h"
#include "ekv-units-page.h"
#include "ekv-util.h"

struct _EkvUnitsPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *view_stack;
  EkvRecordList      *units_list;
  EkvFlowchartView   *flowchart;

  /* Owned references */
  EkvDocument        *document;
  EkvBalance         *balance;  /* NULL until asked for after a change */

  /* The open question, if any (owned by GTK) */
  AdwMessageDialog   *dialog;
};

G_DEFINE_FINAL_TYPE (EkvUnitsPage, ekv_units_page, ADW_TYPE_BIN)

/* A unit deleted with its flows, and where each of them was. */
typedef struct
{
  GWeakRef     page;
  EkvDocument *document;
  EkvRecord   *unit;
  guint        unit_position;
  GPtrArray   *flows;     /* EkvRecord, in list order */
  GArray      *positions; /* guint, ascending */
} Deletion;

static void
deletion_free (gpointer data)
{
  Deletion *deletion = data;

  g_weak_ref_clear (&deletion->page);
  g_clear_object (&deletion->document);
  g_clear_object (&deletion->unit);
  g_clear_pointer (&deletion->flows, g_ptr_array_unref);
  g_clear_pointer (&deletion->positions, g_array_unref);
  g_free (deletion);
}

static void
deletion_closure_notify (gpointer  data,
                         GClosure *closure)
{
  deletion_free (data);
}

/* Helpers {{{ */

static gboolean
flow_uses (EkvRecord  *flow,
           const char *unit_id)
{
  return g_strcmp0 (ekv_record_get_string (flow, EKV_FLOW_FROM), unit_id) == 0 ||
         g_strcmp0 (ekv_record_get_string (flow, EKV_FLOW_TO), unit_id) == 0;
}

/* The first record other than one of kind SKIP that refers to TARGET by its id,
 * looked for in every list, children of records too; NULL if none does. */
static EkvRecord *
find_user (EkvDocument   *document,
           EkvRecord     *target,
           EkvEntityKind  skip)
{
  const EkvEntity *target_entity = ekv_record_get_entity (target);
  const char *id = ekv_record_get_string (target, target_entity->id_field);

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);
      g_autoptr(GPtrArray) lists = g_ptr_array_new ();
      gboolean refers = FALSE;

      if ((EkvEntityKind) k == skip || entity->singleton)
        continue;
      for (guint i = 0; i < entity->n_fields; i++)
        if (entity->fields[i].type == EKV_FIELD_REF && entity->fields[i].ref == target_entity->kind)
          refers = TRUE;
      if (!refers)
        continue;

      if (entity->parent == EKV_ENTITY_NONE)
        g_ptr_array_add (lists, ekv_document_get_list (document, k));
      else
        {
          GListModel *parents = ekv_document_get_list (document, entity->parent);

          for (guint p = 0; p < g_list_model_get_n_items (parents); p++)
            {
              g_autoptr(EkvRecord) parent = g_list_model_get_item (parents, p);
              g_ptr_array_add (lists, ekv_record_get_children (parent, k));
            }
        }

      for (guint l = 0; l < lists->len; l++)
        {
          GListModel *list = g_ptr_array_index (lists, l);

          for (guint r = 0; r < g_list_model_get_n_items (list); r++)
            {
              g_autoptr(EkvRecord) record = g_list_model_get_item (list, r);

              for (guint i = 0; i < entity->n_fields; i++)
                if (entity->fields[i].type == EKV_FIELD_REF &&
                    entity->fields[i].ref == target_entity->kind &&
                    g_strcmp0 (ekv_record_get_string (record, i), id) == 0)
                  return record; /* the document holds it */
            }
        }
    }

  return NULL;
}

/* "Raw material ×2, Water" */
static char *
kinds_text (const guint *counts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int kind = 0; kind <= EKV_FLOW_KIND_RECYCLE; kind++)
    {
      const char *label = ekv_enum_get_label (EKV_TYPE_FLOW_KIND, kind);

      if (counts[kind] == 0)
        continue;
      if (text->len > 0)
        /* Translators: between the kinds of a unit's flows, e.g. "Water, Energy ×2" */
        g_string_append (text, _(", "));
      if (counts[kind] == 1)
        g_string_append (text, label);
      else
        /* Translators: a kind of flow and how many flows of the unit are of it, e.g. "Water ×2" */
        g_string_append_printf (text, _("%s ×%u"), label, counts[kind]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *summarize_flows (EkvUnitsPage *self,
                              EkvRecord    *unit);

/* "Mass balance: check (7.2 %) · 40 % of input mass estimated"; NULL for a unit
 * the balance does not know yet. */
static char *
balance_text (const EkvUnitBalance *balance)
{
  g_autofree char *status = NULL;

  if (balance == NULL)
    return NULL;

  if (isnan (balance->mass_imbalance_pct))
    /* Translators: the state of a unit's mass balance when it has no figure,
     * followed by why, e.g. "Mass balance: no input mass" */
    return g_strdup_printf (_("Mass balance: %s"),
                            balance->mass_imbalance_pct_note != NULL
                              ? _(balance->mass_imbalance_pct_note) : "—");
  else
    {
      g_autofree char *pct = ekv_number_format (balance->mass_imbalance_pct, 1);

      /* Translators: a unit's mass balance: its state ("balanced", "check", "does not
       * close"), then how far inputs and outputs differ, e.g. "Mass balance: check (7.2 %)" */
      status = g_strdup_printf (_("Mass balance: %s (%s %%)"),
                                ekv_balance_status_describe (balance->status), pct);
    }

  if (!isnan (balance->estimated_pct) && balance->estimated_pct > 0)
    {
      g_autofree char *estimated = ekv_number_format (balance->estimated_pct, 0);

      /* Translators: a unit's mass balance, then the share of its input mass that is
       * only estimated, e.g. "Mass balance: check (7.2 %) · 40 % of input mass estimated" */
      return g_strdup_printf (_("%s · %s %% of input mass estimated"), status, estimated);
    }

  return g_steal_pointer (&status);
}

/* A status icon before the unit's name: the balances that do not close stand out. */
static void
show_status (GtkWidget            *row,
             const EkvUnitBalance *balance)
{
  static const char *icons[] = { "emblem-ok-symbolic", "dialog-warning-symbolic", "dialog-error-symbolic" };
  static const char *classes[] = { "success", "warning", "error" };
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "ekv-status-icon");

  if (icon == NULL)
    {
      icon = gtk_image_new ();
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
      else if (ADW_IS_ACTION_ROW (row))
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      else
        return;
      g_object_set_data (G_OBJECT (row), "ekv-status-icon", icon);
    }

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (icon, classes[i]);

  /* No figure, no verdict: the subtitle says why. */
  gtk_widget_set_visible (icon, balance != NULL && !isnan (balance->mass_imbalance_pct));
  if (balance == NULL || isnan (balance->mass_imbalance_pct) ||
      balance->status > EKV_BALANCE_STATUS_ERROR)
    return;

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icons[balance->status]);
  gtk_widget_add_css_class (icon, classes[balance->status]);
  gtk_widget_set_tooltip_text (icon, ekv_balance_status_describe (balance->status));
}

static char *
summarize (EkvRecord *unit,
           GtkWidget *row,
           gpointer   user_data)
{
  EkvUnitsPage *self = user_data;
  const EkvUnitBalance *unit_balance;
  g_autofree char *flows_text = NULL;
  g_autofree char *mass_text = NULL;

  if (self->balance == NULL)
    self->balance = ekv_balance_compute (self->document);
  unit_balance = ekv_balance_find_unit (self->balance,
                                        ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID));

  if (row != NULL)
    show_status (row, unit_balance);

  flows_text = summarize_flows (self, unit);
  mass_text = balance_text (unit_balance);
  if (mass_text == NULL)
    return g_steal_pointer (&flows_text);

  return g_strconcat (flows_text, "\n", mass_text, NULL);
}

static char *
summarize_flows (EkvUnitsPage *self,
                 EkvRecord    *unit)
{
  GListModel *flows = ekv_document_get_list (self->document, EKV_ENTITY_FLOW);
  const char *id = ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID);
  guint inputs[EKV_FLOW_KIND_RECYCLE + 1] = { 0, };
  guint outputs[EKV_FLOW_KIND_RECYCLE + 1] = { 0, };
  guint n_inputs = 0, n_outputs = 0;
  g_autofree char *in_text = NULL;
  g_autofree char *out_text = NULL;
  g_autofree char *in_kinds = NULL;
  g_autofree char *out_kinds = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(EkvRecord) flow = g_list_model_get_item (flows, i);
      int kind = ekv_record_get_enum (flow, EKV_FLOW_KIND);

      if (kind < 0 || kind > EKV_FLOW_KIND_RECYCLE)
        continue;
      if (g_strcmp0 (ekv_record_get_string (flow, EKV_FLOW_TO), id) == 0)
        {
          inputs[kind]++;
          n_inputs++;
        }
      if (g_strcmp0 (ekv_record_get_string (flow, EKV_FLOW_FROM), id) == 0)
        {
          outputs[kind]++;
          n_outputs++;
        }
    }

  if (n_inputs == 0 && n_outputs == 0)
    return g_strdup (_("No flows yet"));

  in_kinds = kinds_text (inputs);
  out_kinds = kinds_text (outputs);
  if (n_inputs == 0)
    in_text = g_strdup (_("No inputs"));
  else
    /* Translators: the inputs of a unit operation: their number, then their kinds,
     * e.g. "3 inputs: Raw material ×2, Water" */
    in_text = g_strdup_printf (ngettext ("%u input: %s", "%u inputs: %s", n_inputs),
                               n_inputs, in_kinds);
  if (n_outputs == 0)
    out_text = g_strdup (_("No outputs"));
  else
    /* Translators: the outputs of a unit operation: their number, then their kinds,
     * e.g. "2 outputs: Product, Wastewater" */
    out_text = g_strdup_printf (ngettext ("%u output: %s", "%u outputs: %s", n_outputs),
                                n_outputs, out_kinds);

  /* Translators: a unit operation's inputs, then its outputs */
  return g_strdup_printf (_("%s · %s"), in_text, out_text);
}

/* The flows that come from or go to UNIT, in list order, with their positions. */
static GPtrArray *
unit_flows (EkvUnitsPage *self,
            EkvRecord    *unit,
            GArray       *positions)
{
  GListModel *flows = ekv_document_get_list (self->document, EKV_ENTITY_FLOW);
  const char *id = ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (flows); i++)
    {
      g_autoptr(EkvRecord) flow = g_list_model_get_item (flows, i);

      if (!flow_uses (flow, id))
        continue;
      g_ptr_array_add (found, g_steal_pointer (&flow));
      if (positions != NULL)
        g_array_append_val (positions, i);
    }

  return found;
}

/* Why UNIT cannot be deleted even with its flows (set in ERROR), or TRUE. */
static gboolean
check_deletable (EkvUnitsPage *self,
                 EkvRecord    *unit,
                 GPtrArray    *flows,
                 GError      **error)
{
  EkvRecord *user = find_user (self->document, unit, EKV_ENTITY_FLOW);

  if (user != NULL)
    {
      EkvRecord *owner = ekv_record_get_parent (user) != NULL ? ekv_record_get_parent (user) : user;
      const EkvEntity *entity = ekv_record_get_entity (owner);

      g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_IN_USE,
                   /* Translators: e.g. "Unit operation “u3” is also used by Option “o2”; change that first" */
                   _("Unit operation “%s” is also used by %s “%s”; change that first"),
                   ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID),
                   g_dgettext (GETTEXT_PACKAGE, entity->label),
                   entity->id_field >= 0 ? ekv_record_get_string (owner, entity->id_field) : "");
      return FALSE;
    }

  /* A flow an option changes: the document says which and why. It refuses, so
   * asking it changes nothing. */
  for (guint i = 0; i < flows->len; i++)
    {
      EkvRecord *flow = g_ptr_array_index (flows, i);

      if (find_user (self->document, flow, EKV_ENTITY_NONE) != NULL &&
          !ekv_document_remove (self->document, flow, error))
        return FALSE;
    }

  return TRUE;
}

/* }}} */
/* Callbacks {{{ */

static void
undo_clicked_cb (AdwToast *toast,
                 Deletion *deletion)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkWidget) page = NULL;
  EkvDocument *document = deletion->document;
  GListModel *flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  GListModel *units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  guint unit_position = MIN (deletion->unit_position, g_list_model_get_n_items (units));

  /* Put the same records back where they were, the unit first for the flows to
   * refer to, all in one transaction. */
  if (!ekv_document_begin (document, &error))
    goto failed;
  if (!ekv_document_insert (document, deletion->unit, NULL, unit_position, &error))
    goto rollback;
  for (guint i = 0; i < deletion->flows->len; i++)
    {
      guint position = MIN (g_array_index (deletion->positions, guint, i),
                            g_list_model_get_n_items (flows));

      if (!ekv_document_insert (document, g_ptr_array_index (deletion->flows, i), NULL, position,
                                &error))
        goto rollback;
    }
  if (ekv_document_commit (document, &error))
    return;

rollback:
  ekv_document_rollback (document);
  /* What went back in memory must leave again: the file has none of it. */
  for (guint i = deletion->flows->len; i > 0; i--)
    {
      EkvRecord *flow = g_ptr_array_index (deletion->flows, i - 1);
      guint position;

      if (g_list_store_find (G_LIST_STORE (flows), flow, &position))
        ekv_document_remove (document, flow, NULL);
    }
  if (g_list_store_find (G_LIST_STORE (units), deletion->unit, NULL))
    ekv_document_remove (document, deletion->unit, NULL);
failed:
  /* E.g. a new unit took the deleted one's id meanwhile. */
  page = g_weak_ref_get (&deletion->page);
  if (page != NULL)
    ekv_gui_toast (page, error->message);
}

/* Deletes UNIT and every flow that uses it, in one transaction; Undo puts them back. */
static void
delete_with_flows (EkvUnitsPage *self,
                   EkvRecord    *unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) flows = unit_flows (self, unit, positions);
  GListModel *units = ekv_document_get_list (self->document, EKV_ENTITY_UNIT_OPERATION);
  g_autofree char *title = NULL;
  Deletion *deletion;
  GtkWidget *overlay;
  AdwToast *toast;
  guint position = 0;

  if (!g_list_store_find (G_LIST_STORE (units), unit, &position))
    return;
  if (!check_deletable (self, unit, flows, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return;
    }

  if (!ekv_document_begin (self->document, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  for (guint i = flows->len; i > 0; i--)
    if (!ekv_document_remove (self->document, g_ptr_array_index (flows, i - 1), &error))
      break;
  if (error == NULL)
    ekv_document_remove (self->document, unit, &error);
  if (error == NULL)
    ekv_document_commit (self->document, &error);
  if (error != NULL)
    {
      /* Not expected after check_deletable(); the file keeps everything. */
      ekv_document_rollback (self->document);
      g_warning ("Could not delete a unit operation with its flows: %s", error->message);
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return;
    }

  deletion = g_new0 (Deletion, 1);
  g_weak_ref_init (&deletion->page, self);
  deletion->document = g_object_ref (self->document);
  deletion->unit = g_object_ref (unit);
  deletion->unit_position = position;
  deletion->flows = g_steal_pointer (&flows);
  deletion->positions = g_steal_pointer (&positions);

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      deletion_free (deletion);
      return;
    }

  title = g_strdup_printf (ngettext ("Deleted with %u flow", "Deleted with %u flows",
                                     deletion->flows->len),
                           deletion->flows->len);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), deletion,
                         deletion_closure_notify, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
dialog_response_cb (EkvUnitsPage     *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  EkvRecord *unit = g_object_get_data (G_OBJECT (dialog), "ekv-record");

  if (g_strcmp0 (response, "delete") == 0 && unit != NULL)
    delete_with_flows (self, unit);
}

/* The document refused to remove a unit: if flows use it, ask. */
static gboolean
remove_failed_cb (EkvUnitsPage  *self,
                  EkvRecord     *unit,
                  GError        *error,
                  EkvRecordList *list)
{
  g_autoptr(GPtrArray) flows = NULL;
  g_autoptr(GError) refusal = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *name;
  GtkRoot *root;

  if (!g_error_matches (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_IN_USE))
    return FALSE;

  flows = unit_flows (self, unit, NULL);
  if (flows->len == 0)
    return FALSE;

  if (!check_deletable (self, unit, flows, &refusal))
    {
      ekv_gui_toast (GTK_WIDGET (self), refusal->message);
      return TRUE;
    }

  name = ekv_record_get_string (unit, EKV_UNIT_OPERATION_NAME);
  /* Translators: the name of a unit operation */
  heading = g_strdup_printf (_("Delete “%s”?"), name != NULL && *name != '\0' ? name : _("Unnamed"));
  body = g_strdup_printf (ngettext ("%u flow comes from or goes to this unit operation. "
                                    "It will be deleted too.",
                                    "%u flows come from or go to this unit operation. "
                                    "They will be deleted too.",
                                    flows->len),
                          flows->len);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  self->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                             heading, body));
  g_object_add_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  adw_message_dialog_add_responses (self->dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete with Its Flows"),
                                    NULL);
  adw_message_dialog_set_response_appearance (self->dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (self->dialog, "cancel");
  adw_message_dialog_set_close_response (self->dialog, "cancel");
  g_object_set_data_full (G_OBJECT (self->dialog), "ekv-record", g_object_ref (unit), g_object_unref);
  g_signal_connect_object (self->dialog, "response", G_CALLBACK (dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->dialog));

  return TRUE;
}

/* Anything a balance reads changed: compute it again when a row asks. */
static void
invalidate (EkvUnitsPage *self)
{
  g_clear_pointer (&self->balance, ekv_balance_free);
}

static void
changed_cb (EkvUnitsPage *self)
{
  invalidate (self);
  ekv_record_list_update_subtitles (self->units_list);
}

/* Follows every record of LIST from POSITION on: any field of a flow or a unit
 * can change a balance. */
static void
watch_records (EkvUnitsPage *self,
               GListModel   *list,
               guint         position,
               guint         added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(EkvRecord) record = g_list_model_get_item (list, i);

      g_signal_handlers_disconnect_by_func (record, changed_cb, self);
      g_signal_connect_object (record, "notify", G_CALLBACK (changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
units_changed_cb (EkvUnitsPage *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *units)
{
  /* Before the list makes the new rows, which ask for the balance. */
  invalidate (self);
  watch_records (self, units, position, added);
}

static void
flows_changed_cb (EkvUnitsPage *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *flows)
{
  /* A flow that moves from one unit to another changes the rows of both. */
  watch_records (self, flows, position, added);
  changed_cb (self);
}

/* }}} */
/* GObject {{{ */

static void
ekv_units_page_dispose (GObject *object)
{
  EkvUnitsPage *self = EKV_UNITS_PAGE (object);

  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), EKV_TYPE_UNITS_PAGE);
  g_clear_object (&self->document);
  invalidate (self);

  G_OBJECT_CLASS (ekv_units_page_parent_class)->dispose (object);
}

static void
ekv_units_page_class_init (EkvUnitsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_units_page_dispose;

  g_type_ensure (EKV_TYPE_RECORD_LIST);
  g_type_ensure (EKV_TYPE_FLOWCHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-units-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkvUnitsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EkvUnitsPage, units_list);
  gtk_widget_class_bind_template_child (widget_class, EkvUnitsPage, flowchart);
  gtk_widget_class_bind_template_callback (widget_class, remove_failed_cb);
}

static void
ekv_units_page_init (EkvUnitsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_units_page_show_flowchart (EkvUnitsPage *self)
{
  g_return_val_if_fail (EKV_IS_UNITS_PAGE (self), NULL);

  gtk_stack_set_visible_child_name (self->view_stack, "chart");
  return GTK_WIDGET (self->flowchart);
}

GtkWidget *
ekv_units_page_new (EkvDocument *document)
{
  EkvUnitsPage *self;
  GListModel *flows;
  GListModel *units;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_UNITS_PAGE, NULL);
  self->document = g_object_ref (document);

  units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  g_signal_connect_object (units, "items-changed", G_CALLBACK (units_changed_cb), self,
                           G_CONNECT_SWAPPED);
  watch_records (self, units, 0, g_list_model_get_n_items (units));
  /* The thresholds of the audit decide each status. */
  g_signal_connect_object (ekv_document_get_audit (document), "notify", G_CALLBACK (changed_cb),
                           self, G_CONNECT_SWAPPED);

  ekv_record_list_set_document (self->units_list, document);
  ekv_flowchart_view_set_document (self->flowchart, document);
  ekv_record_list_set_subtitle_func (self->units_list, summarize, self, NULL);

  flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  g_signal_connect_object (flows, "items-changed", G_CALLBACK (flows_changed_cb), self,
                           G_CONNECT_SWAPPED);
  flows_changed_cb (self, 0, 0, g_list_model_get_n_items (flows), flows);

  return GTK_WIDGET (self);
}

AdwMessageDialog *
ekv_units_page_delete_unit (EkvUnitsPage *self,
                            EkvRecord    *unit)
{
  g_return_val_if_fail (EKV_IS_UNITS_PAGE (self), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (unit), NULL);
  g_return_val_if_fail (ekv_record_get_kind (unit) == EKV_ENTITY_UNIT_OPERATION, NULL);

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));

  ekv_record_list_remove (self->units_list, unit);

  return self->dialog;
}

char *
ekv_units_page_summarize (EkvUnitsPage *self,
                          EkvRecord    *unit)
{
  g_return_val_if_fail (EKV_IS_UNITS_PAGE (self), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (unit), NULL);

  return summarize (unit, NULL, self);
}

/* }}} */
