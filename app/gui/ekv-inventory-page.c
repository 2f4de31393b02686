/* ekv-inventory-page.c: the inputs and outputs of one unit operation, with its balance (phase III)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The user picks a unit operation; its inputs (flows with to = the unit) and its
 * outputs (from = the unit) are the document's flow list seen through two
 * filters, so every edit anywhere shows here at once. Each flow is a row that
 * opens into one row per field; its fields are made when it is first opened.
 * The unit's balance is computed again after every change of a flow, a unit or
 * the audit (ekv_balance_compute() is a linear pass).
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-balance.h"
#include "ekv-enums.h"
#include "ekv-field-row.h"
#include "ekv-gui-util.h"
#include "ekv-inventory-page.h"
#include "ekv-labels.h"
#include "ekv-util.h"

struct _EkvInventoryPage
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  AdwComboRow        *unit_row;
  AdwComboRow        *sort_row;
  AdwActionRow       *mass_row;
  AdwActionRow       *water_row;
  AdwActionRow       *energy_row;
  GtkImage           *status_icon;
  GtkLabel           *warnings_label;
  GtkWidget          *add_input_button;
  GtkWidget          *add_output_button;
  GtkListBox         *inputs_box;
  GtkListBox         *outputs_box;

  /* Owned references */
  EkvDocument        *document;
  EkvRecord          *unit;
  GtkFilter          *input_filter;
  GtkFilter          *output_filter;
  GListModel         *inputs;   /* sorted views of the filtered flows */
  GListModel         *outputs;
  guint               refilter_id;  /* a pending refilter_idle() */
  guint               rename_id;    /* a pending refresh_ref_rows_idle() */
};

G_DEFINE_FINAL_TYPE (EkvInventoryPage, ekv_inventory_page, ADW_TYPE_PREFERENCES_PAGE)

/* Helpers {{{ */

static const char *
unit_id (EkvInventoryPage *self)
{
  return self->unit != NULL ? ekv_record_get_string (self->unit, EKV_UNIT_OPERATION_ID) : NULL;
}

static gboolean
is_input (gpointer item,
          gpointer user_data)
{
  EkvInventoryPage *self = user_data;
  const char *id = unit_id (self);

  return id != NULL && g_strcmp0 (ekv_record_get_string (item, EKV_FLOW_TO), id) == 0;
}

static gboolean
is_output (gpointer item,
           gpointer user_data)
{
  EkvInventoryPage *self = user_data;
  const char *id = unit_id (self);

  return id != NULL && g_strcmp0 (ekv_record_get_string (item, EKV_FLOW_FROM), id) == 0;
}

static void
refilter (EkvInventoryPage *self)
{
  gtk_filter_changed (self->input_filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (self->output_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static gboolean
refilter_idle (gpointer user_data)
{
  EkvInventoryPage *self = user_data;

  self->refilter_id = 0;
  refilter (self);

  return G_SOURCE_REMOVE;
}

/* Refilters once the current event is over: the From or To row that changed a
 * flow may be inside the row that leaves the list, and must finish first. */
static void
queue_refilter (EkvInventoryPage *self)
{
  if (self->refilter_id == 0)
    self->refilter_id = g_idle_add (refilter_idle, self);
}

/* "12 500 kg" in the locale's way; "—" for no figure. */
static char *
amount (double      value,
        int         decimals,
        const char *unit)
{
  g_autofree char *number = NULL;

  if (isnan (value))
    return g_strdup ("—");
  number = ekv_number_format (value, decimals);
  /* Translators: a figure and its unit, e.g. "12 500 kg/year" */
  return g_strdup_printf (C_("a figure and its unit", "%s %s"), number, unit);
}

static char *
mass_text (const EkvUnitBalance *balance)
{
  g_autofree char *in = amount (balance->mass_in_kg, 0, _("kg/year"));
  g_autofree char *out = amount (balance->mass_out_kg, 0, _("kg/year"));
  g_autofree char *diff = amount (balance->mass_imbalance_kg, 0, _("kg/year"));
  g_autofree char *pct = NULL;
  g_autofree char *estimated = NULL;
  g_autofree char *text = NULL;

  if (isnan (balance->mass_imbalance_pct))
    pct = g_strdup (balance->mass_imbalance_pct_note != NULL ? _(balance->mass_imbalance_pct_note) : "—");
  else
    {
      g_autofree char *number = ekv_number_format (balance->mass_imbalance_pct, 1);

      /* Translators: an imbalance in percent and the state of the balance
       * ("balanced", "check", "does not close"), e.g. "6.4 %, check" */
      pct = g_strdup_printf (_("%s %%, %s"), number,
                             ekv_balance_status_describe (balance->status));
    }

  /* Translators: a unit's mass balance: what enters, what leaves, the difference
   * and the difference in percent with its state */
  text = g_strdup_printf (_("In %s · out %s · imbalance %s (%s)"), in, out, diff, pct);
  if (isnan (balance->estimated_pct))
    return g_steal_pointer (&text);

  estimated = ekv_number_format (balance->estimated_pct, 0);
  /* Translators: a unit's mass balance, then the share of its input mass that is
   * only estimated */
  return g_strdup_printf (_("%s · %s %% of input mass estimated"), text, estimated);
}

/* A warning icon on the row of each flow the balance warns about, its messages
 * as the tooltip. */
static void
show_flow_warnings (GtkListBox *box,
                    EkvBalance *balance)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (box, i)) != NULL; i++)
    {
      EkvRecord *flow = g_object_get_data (G_OBJECT (row), "ekv-record");
      GtkWidget *icon = g_object_get_data (G_OBJECT (row), "ekv-warning-icon");
      const char *id = flow != NULL ? ekv_record_get_string (flow, EKV_FLOW_ID) : NULL;
      g_autoptr(GString) text = g_string_new (NULL);

      if (icon == NULL)
        continue;
      for (guint w = 0; balance != NULL && w < balance->warnings->len; w++)
        {
          EkvBalanceWarning *warning = g_ptr_array_index (balance->warnings, w);

          if (id == NULL || g_strcmp0 (warning->flow_id, id) != 0)
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, warning->message);
        }
      gtk_widget_set_tooltip_text (icon, text->len > 0 ? text->str : NULL);
      gtk_widget_set_visible (icon, text->len > 0);
    }
}

static void
update_balance (EkvInventoryPage *self)
{
  static const char *icons[] = { "emblem-ok-symbolic", "dialog-warning-symbolic", "dialog-error-symbolic" };
  static const char *classes[] = { "success", "warning", "error" };
  g_autoptr(EkvBalance) balance = NULL;
  g_autoptr(GString) warnings = g_string_new (NULL);
  const EkvUnitBalance *unit;
  g_autofree char *mass = NULL;
  g_autofree char *water_in = NULL;
  g_autofree char *water_out = NULL;
  g_autofree char *water = NULL;
  g_autofree char *energy = NULL;
  const char *id = unit_id (self);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), classes[i]);

  balance = ekv_balance_compute (self->document);
  unit = id != NULL ? ekv_balance_find_unit (balance, id) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon),
                          unit != NULL && !isnan (unit->mass_imbalance_pct));
  if (unit == NULL)
    {
      adw_action_row_set_subtitle (self->mass_row, "—");
      adw_action_row_set_subtitle (self->water_row, "—");
      adw_action_row_set_subtitle (self->energy_row, "—");
      gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), FALSE);
      show_flow_warnings (self->inputs_box, NULL);
      show_flow_warnings (self->outputs_box, NULL);
      return;
    }

  if (!isnan (unit->mass_imbalance_pct) && unit->status <= EKV_BALANCE_STATUS_ERROR)
    {
      gtk_image_set_from_icon_name (self->status_icon, icons[unit->status]);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), classes[unit->status]);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_icon),
                                   ekv_balance_status_describe (unit->status));
    }

  mass = mass_text (unit);
  adw_action_row_set_subtitle (self->mass_row, mass);

  water_in = amount (unit->water_in_m3, 1, _("m³/year"));
  water_out = amount (unit->water_out_m3, 1, _("m³/year"));
  /* Translators: the water entering and leaving a unit operation */
  water = g_strdup_printf (_("In %s · out %s"), water_in, water_out);
  adw_action_row_set_subtitle (self->water_row, water);

  energy = amount (unit->energy_in_kwh, 0, _("kWh/year"));
  adw_action_row_set_subtitle (self->energy_row, energy);

  /* The warnings about this unit or one of its flows. */
  for (guint i = 0; i < balance->warnings->len; i++)
    {
      EkvBalanceWarning *warning = g_ptr_array_index (balance->warnings, i);
      gboolean concerns = g_strcmp0 (warning->unit_id, id) == 0;

      if (!concerns && warning->flow_id != NULL)
        {
          EkvRecord *flow = ekv_document_find (self->document, EKV_ENTITY_FLOW, warning->flow_id);

          concerns = flow != NULL && (is_input (flow, self) || is_output (flow, self));
        }
      if (!concerns)
        continue;
      if (warnings->len > 0)
        g_string_append_c (warnings, '\n');
      g_string_append (warnings, warning->message);
    }
  show_flow_warnings (self->inputs_box, balance);
  show_flow_warnings (self->outputs_box, balance);
  gtk_label_set_text (self->warnings_label, warnings->str);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_label), warnings->len > 0);
}

/* "1 200 t · Raw material" under a flow's name. */
static void
update_flow_subtitle (GtkWidget *row,
                      EkvRecord *flow)
{
  g_autofree char *quantity = ekv_number_format (ekv_record_get_double (flow, EKV_FLOW_QUANTITY), -1);
  g_autofree char *subtitle = NULL;

  /* Translators: a flow's quantity, its unit, its period and its kind,
   * e.g. "1 200 t · Per year · Raw material" */
  subtitle = g_strdup_printf (_("%s %s · %s · %s"), quantity,
                              ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT,
                                                  ekv_record_get_enum (flow, EKV_FLOW_UNIT)),
                              ekv_enum_get_label (EKV_TYPE_PERIOD,
                                                  ekv_record_get_enum (flow, EKV_FLOW_PERIOD)),
                              ekv_enum_get_label (EKV_TYPE_FLOW_KIND,
                                                  ekv_record_get_enum (flow, EKV_FLOW_KIND)));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
}

static gboolean
name_to_title (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *name = g_value_get_string (from);

  g_value_set_string (to, name && *name ? name : _("Unnamed"));
  return TRUE;
}

/* }}} */
/* The unit row: its units' names, live {{{ */

/* AdwComboRow 1.2's own factory writes an item's name once, when it binds it:
 * a unit renamed afterwards kept its old name in the row and in its list. This
 * factory binds the label to the unit's name instead, and marks the chosen unit
 * in the list as libadwaita's does. */

static void
unit_item_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    AdwComboRow              *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
unit_item_update_check (GtkListItem *item,
                        GParamSpec  *pspec,
                        AdwComboRow *row)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check,
                          adw_combo_row_get_selected_item (row) == gtk_list_item_get_item (item));
}

static void
unit_item_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   AdwComboRow              *row)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_last_child (box);
  GBinding *binding;

  binding = g_object_bind_property_full (gtk_list_item_get_item (item), "name",
                                         gtk_widget_get_first_child (box), "label",
                                         G_BINDING_SYNC_CREATE, name_to_title, NULL, NULL, NULL);
  g_object_set_data (G_OBJECT (item), "ekv-binding", binding);

  /* The list in the popover marks the chosen unit; the row itself does not. */
  if (gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER) != NULL)
    {
      gtk_widget_set_visible (check, TRUE);
      g_signal_connect_swapped (row, "notify::selected-item", G_CALLBACK (unit_item_update_check),
                                item);
      unit_item_update_check (item, NULL, row);
    }
  else
    gtk_widget_set_visible (check, FALSE);
}

static void
unit_item_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     AdwComboRow              *row)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (item), "ekv-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_signal_handlers_disconnect_by_func (row, unit_item_update_check, item);
}

static void
unit_row_set_factory (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (unit_item_setup_cb), row);
  g_signal_connect (factory, "bind", G_CALLBACK (unit_item_bind_cb), row);
  g_signal_connect (factory, "unbind", G_CALLBACK (unit_item_unbind_cb), row);
  adw_combo_row_set_factory (row, factory);
}

/* }}} */
/* From and To: a unit operation or outside the plant {{{ */

static void
ref_row_sync (AdwComboRow *row)
{
  EkvRecord *flow = g_object_get_data (G_OBJECT (row), "ekv-record");
  guint field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ekv-field"));
  GStrv ids = g_object_get_data (G_OBJECT (row), "ekv-ids");
  const char *id = ekv_record_get_string (flow, field);
  guint selected = 0;

  for (guint i = 0; id != NULL && ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      selected = i + 1;

  g_object_set_data (G_OBJECT (row), "ekv-syncing", GINT_TO_POINTER (TRUE));
  adw_combo_row_set_selected (row, selected);
  g_object_set_data (G_OBJECT (row), "ekv-syncing", NULL);
}

static void
ref_row_selected_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     EkvDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  EkvRecord *flow = g_object_get_data (G_OBJECT (row), "ekv-record");
  guint field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "ekv-field"));
  GStrv ids = g_object_get_data (G_OBJECT (row), "ekv-ids");
  guint selected = adw_combo_row_get_selected (row);
  const char *id;

  if (g_object_get_data (G_OBJECT (row), "ekv-syncing") != NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  id = selected == 0 ? NULL : ids[selected - 1];
  if (g_strcmp0 (id, ekv_record_get_string (flow, field)) == 0)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, id);
  if (!ekv_document_set_value (document, flow, field, id != NULL ? &value : NULL, &error))
    {
      ekv_gui_toast (GTK_WIDGET (row), error->message);
      ref_row_sync (row);
    }
}

/* The choices: outside the plant, then every unit operation, by name. (The page
 * makes its rows again when the units change: AdwComboRow 1.2 does not survive
 * a change of its model's items.) */
static GtkStringList *
ref_row_choices (EkvDocument  *document,
                 GStrv        *ids_out)
{
  GListModel *units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);
  guint n = g_list_model_get_n_items (units);
  GtkStringList *names = gtk_string_list_new (NULL);
  GStrv ids = g_new0 (char *, n + 1);

  gtk_string_list_append (names, _("Outside the plant"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) unit = g_list_model_get_item (units, i);
      const char *name = ekv_record_get_string (unit, EKV_UNIT_OPERATION_NAME);

      ids[i] = g_strdup (ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID));
      gtk_string_list_append (names, name != NULL && *name != '\0' ? name : ids[i]);
    }

  *ids_out = ids;
  return names;
}

static GtkWidget *
ref_row_new (EkvInventoryPage *self,
             EkvRecord        *flow,
             guint             field)
{
  const EkvField *descriptor = &ekv_record_get_entity (flow)->fields[field];
  g_autoptr(GtkStringList) names = NULL;
  GStrv ids = NULL;
  g_autofree char *signal = NULL;
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 g_dgettext (GETTEXT_PACKAGE, descriptor->label));
  g_object_set_data_full (G_OBJECT (row), "ekv-record", g_object_ref (flow), g_object_unref);
  g_object_set_data (G_OBJECT (row), "ekv-field", GUINT_TO_POINTER (field));
  gtk_widget_set_sensitive (row, !ekv_document_is_read_only (self->document));
  names = ref_row_choices (self->document, &ids);
  g_object_set_data_full (G_OBJECT (row), "ekv-ids", ids, (GDestroyNotify) g_strfreev);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  ref_row_sync (ADW_COMBO_ROW (row));

  g_signal_connect_object (row, "notify::selected", G_CALLBACK (ref_row_selected_cb),
                           self->document, 0);
  signal = g_strdup_printf ("notify::%s", descriptor->property);
  g_signal_connect_object (flow, signal, G_CALLBACK (ref_row_sync), row, G_CONNECT_SWAPPED);

  return row;
}

/* A unit renamed: every From and To row offers, and shows, the new name. The
 * row keeps its place; only its list is made again. */
static void
refresh_ref_rows (GtkWidget   *root,
                  EkvDocument *document)
{
  if (ADW_IS_COMBO_ROW (root) && g_object_get_data (G_OBJECT (root), "ekv-ids") != NULL)
    {
      g_autoptr(GtkStringList) names = NULL;
      GStrv ids = NULL;

      names = ref_row_choices (document, &ids);
      g_object_set_data_full (G_OBJECT (root), "ekv-ids", ids, (GDestroyNotify) g_strfreev);
      g_object_set_data (G_OBJECT (root), "ekv-syncing", GINT_TO_POINTER (TRUE));
      adw_combo_row_set_model (ADW_COMBO_ROW (root), G_LIST_MODEL (names));
      g_object_set_data (G_OBJECT (root), "ekv-syncing", NULL);
      ref_row_sync (ADW_COMBO_ROW (root));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    refresh_ref_rows (child, document);
}

static gboolean
refresh_ref_rows_idle (gpointer user_data)
{
  EkvInventoryPage *self = user_data;

  self->rename_id = 0;
  refresh_ref_rows (GTK_WIDGET (self->inputs_box), self->document);
  refresh_ref_rows (GTK_WIDGET (self->outputs_box), self->document);

  return G_SOURCE_REMOVE;
}

/* }}} */
/* Carrier: optional, "none" when unset {{{ */

static void
carrier_row_sync (AdwComboRow *row)
{
  EkvRecord *flow = g_object_get_data (G_OBJECT (row), "ekv-record");
  GArray *values = g_object_get_data (G_OBJECT (row), "ekv-values");
  guint selected = 0;

  if (ekv_record_is_set (flow, EKV_FLOW_CARRIER))
    for (guint i = 0; i < values->len; i++)
      if (g_array_index (values, int, i) == ekv_record_get_enum (flow, EKV_FLOW_CARRIER))
        selected = i + 1;

  g_object_set_data (G_OBJECT (row), "ekv-syncing", GINT_TO_POINTER (TRUE));
  adw_combo_row_set_selected (row, selected);
  g_object_set_data (G_OBJECT (row), "ekv-syncing", NULL);
}

static void
carrier_row_selected_cb (AdwComboRow *row,
                         GParamSpec  *pspec,
                         EkvDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  EkvRecord *flow = g_object_get_data (G_OBJECT (row), "ekv-record");
  GArray *values = g_object_get_data (G_OBJECT (row), "ekv-values");
  guint selected = adw_combo_row_get_selected (row);

  if (g_object_get_data (G_OBJECT (row), "ekv-syncing") != NULL ||
      selected == GTK_INVALID_LIST_POSITION || selected > values->len)
    return;
  if (selected == 0 && !ekv_record_is_set (flow, EKV_FLOW_CARRIER))
    return;
  if (selected > 0 && ekv_record_is_set (flow, EKV_FLOW_CARRIER) &&
      ekv_record_get_enum (flow, EKV_FLOW_CARRIER) == g_array_index (values, int, selected - 1))
    return;

  g_value_init (&value, EKV_TYPE_CARRIER);
  if (selected > 0)
    g_value_set_enum (&value, g_array_index (values, int, selected - 1));
  if (!ekv_document_set_value (document, flow, EKV_FLOW_CARRIER, selected > 0 ? &value : NULL,
                               &error))
    {
      ekv_gui_toast (GTK_WIDGET (row), error->message);
      carrier_row_sync (row);
    }
}

static GtkWidget *
carrier_row_new (EkvInventoryPage *self,
                 EkvRecord        *flow)
{
  const EkvField *descriptor = &ekv_record_get_entity (flow)->fields[EKV_FLOW_CARRIER];
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (EKV_TYPE_CARRIER);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (int));
  GtkWidget *row = adw_combo_row_new ();

  /* Translators: the carrier of a flow that is not energy */
  gtk_string_list_append (names, C_("carrier", "None"));
  for (guint i = 0; i < enum_class->n_values; i++)
    {
      int value = enum_class->values[i].value;

      if (descriptor->enum_limit > 0 && value >= descriptor->enum_limit)
        continue;
      g_array_append_val (values, value);
      gtk_string_list_append (names, ekv_enum_get_label (EKV_TYPE_CARRIER, value));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 g_dgettext (GETTEXT_PACKAGE, descriptor->label));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  g_object_set_data_full (G_OBJECT (row), "ekv-record", g_object_ref (flow), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "ekv-values", values, (GDestroyNotify) g_array_unref);
  gtk_widget_set_sensitive (row, !ekv_document_is_read_only (self->document));
  carrier_row_sync (ADW_COMBO_ROW (row));

  g_signal_connect_object (row, "notify::selected", G_CALLBACK (carrier_row_selected_cb),
                           self->document, 0);
  g_signal_connect_object (flow, "notify::carrier", G_CALLBACK (carrier_row_sync), row,
                           G_CONNECT_SWAPPED);

  return row;
}

/* }}} */
/* Flow rows {{{ */

static GtkWidget *
field_row_new (EkvInventoryPage *self,
               EkvRecord        *flow,
               guint             field)
{
  const EkvField *descriptor = &ekv_record_get_entity (flow)->fields[field];
  const char *title = g_dgettext (GETTEXT_PACKAGE, descriptor->label);
  GtkWidget *row;

  switch (descriptor->type)
    {
    case EKV_FIELD_ENUM:
      if (field == EKV_FLOW_CARRIER)
        return carrier_row_new (self, flow);
      row = ekv_gui_enum_row_new (flow, descriptor->property, descriptor->enum_type (), title);
      gtk_widget_set_sensitive (row, !ekv_document_is_read_only (self->document));
      return row;

    case EKV_FIELD_REF:
      return ref_row_new (self, flow, field);

    case EKV_FIELD_BOOL:
    case EKV_FIELD_STRING:
    case EKV_FIELD_DOUBLE:
    case EKV_FIELD_INT:
    case EKV_FIELD_DATE:
    case EKV_FIELD_MONTH:
    case EKV_FIELD_ID:
    case EKV_FIELD_CURRENCY:
    default:
      row = ekv_field_row_new (descriptor->property);
      ekv_field_row_set_source (EKV_FIELD_ROW (row), self->document, flow);
      if (field == EKV_FLOW_DENSITY)
        ekv_field_row_set_unit (EKV_FIELD_ROW (row), _("kg/L"));
      else if (field == EKV_FLOW_UNCERTAINTY)
        ekv_field_row_set_unit (EKV_FIELD_ROW (row), "%");
      return row;
    }
}

/* The rows of the fields, made when the flow is first opened. */
static void
fill_flow_row (EkvInventoryPage *self,
               GtkWidget        *row)
{
  EkvRecord *flow = g_object_get_data (G_OBJECT (row), "ekv-record");

  if (g_object_get_data (G_OBJECT (row), "ekv-filled") != NULL)
    return;
  g_object_set_data (G_OBJECT (row), "ekv-filled", GINT_TO_POINTER (TRUE));

  for (guint i = 0; i < EKV_FLOW_N_FIELDS; i++)
    if (i != EKV_FLOW_ID)
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), field_row_new (self, flow, i));
}

static void
expanded_cb (GtkWidget        *row,
             GParamSpec       *pspec,
             EkvInventoryPage *self)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    fill_flow_row (self, row);
}

static void
flow_notify_cb (GtkWidget  *row,
                GParamSpec *pspec,
                EkvRecord  *flow)
{
  update_flow_subtitle (row, flow);
}

static void
duplicate_clicked_cb (EkvInventoryPage *self,
                      GtkButton        *button)
{
  EkvRecord *copy = ekv_inventory_page_duplicate (self, g_object_get_data (G_OBJECT (button),
                                                                          "ekv-record"));
  GtkWidget *row;

  if (copy == NULL)
    return;
  row = ekv_inventory_page_open_flow (self, copy);
  if (row != NULL)
    gtk_widget_grab_focus (row);
}

static void
remove_clicked_cb (EkvInventoryPage *self,
                   GtkButton        *button)
{
  ekv_inventory_page_remove (self, g_object_get_data (G_OBJECT (button), "ekv-record"));
}

static GtkWidget *
action_button_new (EkvInventoryPage *self,
                   EkvRecord        *flow,
                   const char       *icon,
                   const char       *tooltip,
                   GCallback         callback)
{
  GtkWidget *button = ekv_gui_record_button_new (icon, tooltip, flow,
                                                 !ekv_document_is_read_only (self->document));

  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);

  return button;
}

static GtkWidget *
create_flow_row (gpointer item,
                 gpointer user_data)
{
  EkvInventoryPage *self = user_data;
  EkvRecord *flow = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "ekv-record", g_object_ref (flow), g_object_unref);
  g_object_bind_property_full (flow, "name", row, "title", G_BINDING_SYNC_CREATE,
                               name_to_title, NULL, NULL, NULL);
  update_flow_subtitle (row, flow);
  g_signal_connect_object (flow, "notify", G_CALLBACK (flow_notify_cb), row, G_CONNECT_SWAPPED);

  /* What the balance says about this flow, shown by update_balance(). */
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_visible (icon, FALSE);

  /* Actions are packed from the end. */
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               action_button_new (self, flow, "user-trash-symbolic", _("Remove"),
                                                  G_CALLBACK (remove_clicked_cb)));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                               action_button_new (self, flow, "edit-copy-symbolic", _("Duplicate"),
                                                  G_CALLBACK (duplicate_clicked_cb)));
  /* Left of the buttons; hidden, it takes no room (a prefix would indent the title). */
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), icon);
  g_object_set_data (G_OBJECT (row), "ekv-warning-icon", icon);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (expanded_cb), self, 0);

  return row;
}

static GtkWidget *
find_flow_row (GtkListBox *box,
               EkvRecord  *flow)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (box, i)) != NULL; i++)
    if (g_object_get_data (G_OBJECT (row), "ekv-record") == flow)
      return GTK_WIDGET (row);

  return NULL;
}

/* }}} */
/* Callbacks {{{ */

static void
changed_cb (EkvInventoryPage *self)
{
  update_balance (self);
}

static void
flow_changed_cb (EkvInventoryPage *self,
                 GParamSpec       *pspec,
                 EkvRecord        *flow)
{
  /* A flow that now comes from or goes elsewhere changes the lists. */
  if (g_strcmp0 (pspec->name, "from-unit") == 0 || g_strcmp0 (pspec->name, "to-unit") == 0)
    queue_refilter (self);
  update_balance (self);
}

/* Once per burst of keystrokes in a unit's name. */
static void
unit_notify_cb (EkvInventoryPage *self,
                GParamSpec       *pspec,
                EkvRecord        *unit)
{
  if (g_strcmp0 (pspec->name, "name") == 0 && self->rename_id == 0)
    self->rename_id = g_idle_add (refresh_ref_rows_idle, self);
}

static void
watch_records (EkvInventoryPage *self,
               GListModel       *list,
               guint             position,
               guint             added,
               GCallback         callback)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(EkvRecord) record = g_list_model_get_item (list, i);

      g_signal_handlers_disconnect_by_func (record, callback, self);
      g_signal_connect_object (record, "notify", callback, self, G_CONNECT_SWAPPED);
    }
}

static void
flows_changed_cb (EkvInventoryPage *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *flows)
{
  watch_records (self, flows, position, added, G_CALLBACK (flow_changed_cb));
  update_balance (self);
}

static void
units_changed_cb (EkvInventoryPage *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *units)
{
  GListModel *list = ekv_document_get_list (self->document, EKV_ENTITY_UNIT_OPERATION);
  guint found;

  watch_records (self, units, position, added, G_CALLBACK (changed_cb));
  watch_records (self, units, position, added, G_CALLBACK (unit_notify_cb));
  /* The From and To rows offer the units: make the flows' rows again. */
  gtk_list_box_bind_model (self->inputs_box, self->inputs, create_flow_row, self, NULL);
  gtk_list_box_bind_model (self->outputs_box, self->outputs, create_flow_row, self, NULL);
  /* The unit shown was deleted: show the first one. */
  if (self->unit != NULL && !g_list_store_find (G_LIST_STORE (list), self->unit, &found))
    {
      g_autoptr(EkvRecord) first = g_list_model_get_item (list, 0);

      ekv_inventory_page_set_unit (self, first);
    }
  else if (self->unit == NULL && g_list_model_get_n_items (list) > 0)
    {
      g_autoptr(EkvRecord) first = g_list_model_get_item (list, 0);

      ekv_inventory_page_set_unit (self, first);
    }
  else
    update_balance (self);
}

static void
unit_selected_cb (EkvInventoryPage *self)
{
  EkvRecord *unit = adw_combo_row_get_selected_item (self->unit_row);

  if (unit != self->unit)
    ekv_inventory_page_set_unit (self, unit);
}

/* The first field row under ROOT, depth first: a flow's name. */
static GtkWidget *
first_field_row (GtkWidget *root)
{
  if (EKV_IS_FIELD_ROW (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_field_row (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
add_clicked (EkvInventoryPage *self,
             gboolean          output)
{
  EkvRecord *flow = ekv_inventory_page_add (self, output);
  GtkWidget *row;
  GtkWidget *name;

  if (flow == NULL)
    return;
  row = ekv_inventory_page_open_flow (self, flow);
  if (row == NULL)
    return;
  /* Ready for its name to be typed over. */
  name = first_field_row (row);
  gtk_widget_grab_focus (name != NULL ? name : row);
}

static void
add_input_clicked_cb (EkvInventoryPage *self)
{
  add_clicked (self, FALSE);
}

static void
add_output_clicked_cb (EkvInventoryPage *self)
{
  add_clicked (self, TRUE);
}

/* The flows as entered, by name, or the largest quantity first. The order is
 * made when chosen, not while a flow is being edited (its row would move away). */
static GtkSorter *
sorter_new (guint order)
{
  GType type = ekv_entity_get_record_type (EKV_ENTITY_FLOW);
  GtkSorter *sorter;

  switch (order)
    {
    case 1:
      return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (type, NULL, "name")));
    case 2:
      sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (type, NULL,
                                                                                "quantity")));
      gtk_numeric_sorter_set_sort_order (GTK_NUMERIC_SORTER (sorter), GTK_SORT_DESCENDING);
      return sorter;
    default:
      return NULL;
    }
}

static void
sort_changed_cb (EkvInventoryPage *self)
{
  guint order = adw_combo_row_get_selected (self->sort_row);
  g_autoptr(GtkSorter) input_sorter = sorter_new (order);
  g_autoptr(GtkSorter) output_sorter = sorter_new (order);

  if (self->inputs == NULL)
    return;
  gtk_sort_list_model_set_sorter (GTK_SORT_LIST_MODEL (self->inputs), input_sorter);
  gtk_sort_list_model_set_sorter (GTK_SORT_LIST_MODEL (self->outputs), output_sorter);
}

/* Escape in a field puts back the stored value, as in a spreadsheet. */
static gboolean
key_pressed_cb (EkvInventoryPage      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  g_autoptr(EkvRecord) record = NULL;
  GtkWidget *focus;
  GtkWidget *row;

  if (keyval != GDK_KEY_Escape ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  row = focus != NULL ? gtk_widget_get_ancestor (focus, EKV_TYPE_FIELD_ROW) : NULL;
  if (row == NULL || ekv_field_row_get_record (EKV_FIELD_ROW (row)) == NULL)
    return FALSE;

  record = g_object_ref (ekv_field_row_get_record (EKV_FIELD_ROW (row)));
  ekv_field_row_set_source (EKV_FIELD_ROW (row), self->document, NULL);
  ekv_field_row_set_source (EKV_FIELD_ROW (row), self->document, record);

  return TRUE;
}

/* }}} */
/* GObject {{{ */

static void
ekv_inventory_page_dispose (GObject *object)
{
  EkvInventoryPage *self = EKV_INVENTORY_PAGE (object);

  g_clear_handle_id (&self->refilter_id, g_source_remove);
  g_clear_handle_id (&self->rename_id, g_source_remove);
  if (self->inputs_box != NULL)
    {
      gtk_list_box_bind_model (self->inputs_box, NULL, NULL, NULL, NULL);
      gtk_list_box_bind_model (self->outputs_box, NULL, NULL, NULL, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), EKV_TYPE_INVENTORY_PAGE);
  g_clear_object (&self->inputs);
  g_clear_object (&self->outputs);
  g_clear_object (&self->input_filter);
  g_clear_object (&self->output_filter);
  g_clear_object (&self->unit);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_inventory_page_parent_class)->dispose (object);
}

static void
ekv_inventory_page_class_init (EkvInventoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_inventory_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-inventory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, unit_row);
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, sort_row);
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, mass_row);
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, water_row);
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, energy_row);
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, status_icon);
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, add_input_button);
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, add_output_button);
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, inputs_box);
  gtk_widget_class_bind_template_child (widget_class, EkvInventoryPage, outputs_box);
  gtk_widget_class_bind_template_callback (widget_class, add_input_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_output_clicked_cb);
}

static void
ekv_inventory_page_init (EkvInventoryPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_inventory_page_new (EkvDocument *document)
{
  EkvInventoryPage *self;
  GListModel *flows;
  GListModel *units;
  GtkExpression *expression;
  GtkWidget *placeholder;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_INVENTORY_PAGE, NULL);
  self->document = g_object_ref (document);
  flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  units = ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION);

  self->input_filter = GTK_FILTER (gtk_custom_filter_new (is_input, self, NULL));
  self->output_filter = GTK_FILTER (gtk_custom_filter_new (is_output, self, NULL));
  self->inputs = G_LIST_MODEL (gtk_sort_list_model_new (
    G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (flows), g_object_ref (self->input_filter))),
    NULL));
  self->outputs = G_LIST_MODEL (gtk_sort_list_model_new (
    G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (flows), g_object_ref (self->output_filter))),
    NULL));
  gtk_list_box_bind_model (self->inputs_box, self->inputs, create_flow_row, self, NULL);
  gtk_list_box_bind_model (self->outputs_box, self->outputs, create_flow_row, self, NULL);

  placeholder = gtk_label_new (_("No inputs"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->inputs_box, placeholder);
  placeholder = gtk_label_new (_("No outputs"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->outputs_box, placeholder);

  gtk_widget_set_sensitive (self->add_input_button, !ekv_document_is_read_only (document));
  gtk_widget_set_sensitive (self->add_output_button, !ekv_document_is_read_only (document));

  /* Follows renames (the factory; the expression names the items for people). */
  unit_row_set_factory (self->unit_row);
  expression = gtk_property_expression_new (ekv_entity_get_record_type (EKV_ENTITY_UNIT_OPERATION),
                                            NULL, "name");
  adw_combo_row_set_expression (self->unit_row, expression);
  gtk_expression_unref (expression);
  adw_combo_row_set_model (self->unit_row, units);
  g_signal_connect_object (self->unit_row, "notify::selected-item", G_CALLBACK (unit_selected_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (units, "items-changed", G_CALLBACK (units_changed_cb), self,
                           G_CONNECT_SWAPPED);
  watch_records (self, units, 0, g_list_model_get_n_items (units), G_CALLBACK (changed_cb));
  watch_records (self, units, 0, g_list_model_get_n_items (units), G_CALLBACK (unit_notify_cb));
  g_signal_connect_object (flows, "items-changed", G_CALLBACK (flows_changed_cb), self,
                           G_CONNECT_SWAPPED);
  watch_records (self, flows, 0, g_list_model_get_n_items (flows), G_CALLBACK (flow_changed_cb));
  /* The thresholds of the audit decide the status. */
  g_signal_connect_object (ekv_document_get_audit (document), "notify", G_CALLBACK (changed_cb),
                           self, G_CONNECT_SWAPPED);

  if (g_list_model_get_n_items (units) > 0)
    {
      g_autoptr(EkvRecord) first = g_list_model_get_item (units, 0);

      ekv_inventory_page_set_unit (self, first);
    }
  else
    update_balance (self);

  return GTK_WIDGET (self);
}

void
ekv_inventory_page_set_unit (EkvInventoryPage *self,
                             EkvRecord        *unit)
{
  GListModel *units;
  guint position;

  g_return_if_fail (EKV_IS_INVENTORY_PAGE (self));
  g_return_if_fail (unit == NULL || EKV_IS_RECORD (unit));

  g_set_object (&self->unit, unit);
  units = ekv_document_get_list (self->document, EKV_ENTITY_UNIT_OPERATION);
  if (unit != NULL && g_list_store_find (G_LIST_STORE (units), unit, &position) &&
      adw_combo_row_get_selected (self->unit_row) != position)
    adw_combo_row_set_selected (self->unit_row, position);

  gtk_widget_set_sensitive (self->add_input_button,
                            unit != NULL && !ekv_document_is_read_only (self->document));
  gtk_widget_set_sensitive (self->add_output_button,
                            unit != NULL && !ekv_document_is_read_only (self->document));
  refilter (self);
  update_balance (self);
}

EkvRecord *
ekv_inventory_page_get_unit (EkvInventoryPage *self)
{
  g_return_val_if_fail (EKV_IS_INVENTORY_PAGE (self), NULL);

  return self->unit;
}

GListModel *
ekv_inventory_page_get_inputs (EkvInventoryPage *self)
{
  g_return_val_if_fail (EKV_IS_INVENTORY_PAGE (self), NULL);

  return self->inputs;
}

GListModel *
ekv_inventory_page_get_outputs (EkvInventoryPage *self)
{
  g_return_val_if_fail (EKV_IS_INVENTORY_PAGE (self), NULL);

  return self->outputs;
}

EkvRecord *
ekv_inventory_page_add (EkvInventoryPage *self,
                        gboolean          output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvRecord) flow = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (EKV_IS_INVENTORY_PAGE (self), NULL);

  if (self->unit == NULL)
    return NULL;

  flow = ekv_record_new (EKV_ENTITY_FLOW);
  id = ekv_document_new_id (self->document, EKV_ENTITY_FLOW, "f");
  ekv_record_set_string (flow, EKV_FLOW_ID, id);
  ekv_record_set_string (flow, EKV_FLOW_NAME, output ? _("New output") : _("New input"));
  ekv_record_set_enum (flow, EKV_FLOW_KIND, output ? EKV_FLOW_KIND_PRODUCT : EKV_FLOW_KIND_RAW_MATERIAL);
  ekv_record_set_string (flow, output ? EKV_FLOW_FROM : EKV_FLOW_TO, unit_id (self));
  ekv_record_set_double (flow, EKV_FLOW_QUANTITY, 0);
  ekv_record_set_enum (flow, EKV_FLOW_UNIT, EKV_QUANTITY_UNIT_KG);

  if (!ekv_document_insert (self->document, flow, NULL, -1, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return NULL;
    }

  return flow; /* the document holds it */
}

EkvRecord *
ekv_inventory_page_duplicate (EkvInventoryPage *self,
                              EkvRecord        *flow)
{
  g_autoptr(GError) error = NULL;
  EkvRecord *copy;

  g_return_val_if_fail (EKV_IS_INVENTORY_PAGE (self), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (flow), NULL);

  copy = ekv_document_duplicate (self->document, flow, "f", &error);
  if (copy == NULL)
    ekv_gui_toast (GTK_WIDGET (self), error->message);

  return copy; /* the document holds it */
}

void
ekv_inventory_page_remove (EkvInventoryPage *self,
                           EkvRecord        *flow)
{
  g_return_if_fail (EKV_IS_INVENTORY_PAGE (self));
  g_return_if_fail (EKV_IS_RECORD (flow));

  ekv_gui_remove_with_undo (GTK_WIDGET (self), self->document, flow);
}

GtkWidget *
ekv_inventory_page_open_flow (EkvInventoryPage *self,
                              EkvRecord        *flow)
{
  GtkWidget *row;

  g_return_val_if_fail (EKV_IS_INVENTORY_PAGE (self), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (flow), NULL);

  row = find_flow_row (self->inputs_box, flow);
  if (row == NULL)
    row = find_flow_row (self->outputs_box, flow);
  if (row == NULL)
    return NULL;

  fill_flow_row (self, row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);

  return row;
}

const char *
ekv_inventory_page_get_flow_warning (EkvInventoryPage *self,
                                     EkvRecord        *flow)
{
  GtkWidget *row;
  GtkWidget *icon;

  g_return_val_if_fail (EKV_IS_INVENTORY_PAGE (self), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (flow), NULL);

  row = find_flow_row (self->inputs_box, flow);
  if (row == NULL)
    row = find_flow_row (self->outputs_box, flow);
  icon = row != NULL ? g_object_get_data (G_OBJECT (row), "ekv-warning-icon") : NULL;
  if (icon == NULL || !gtk_widget_get_visible (icon))
    return NULL;

  return gtk_widget_get_tooltip_text (icon);
}

char *
ekv_inventory_page_describe_balance (EkvInventoryPage *self)
{
  g_return_val_if_fail (EKV_IS_INVENTORY_PAGE (self), NULL);

  return g_strdup_printf ("%s\n%s\n%s",
                          adw_action_row_get_subtitle (self->mass_row),
                          adw_action_row_get_subtitle (self->water_row),
                          adw_action_row_get_subtitle (self->energy_row));
}

/* }}} */
