/* ekv-factors-page.c: the built-in energy factors and the audit's overrides (phase II)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * One group per built-in factor (DOMAIN.md §3.2–3.5): its heating value, TEP and
 * CO₂ per unit with source, year and confidence. "Override" makes an audit factor
 * record prefilled with the built-in values, whose fields are then edited beside
 * them; "Reset" removes it, and the built-in value applies again.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-factors.h"
#include "ekv-factors-page.h"
#include "ekv-field-row.h"
#include "ekv-gui-util.h"
#include "ekv-labels.h"
#include "ekv-util.h"

struct _EkvFactorsPage
{
  AdwPreferencesPage  parent_instance;

  /* Owned references */
  EkvDocument        *document;
  GPtrArray          *groups; /* AdwPreferencesGroup, owned by the page */
  guint               n_builtin;
};

G_DEFINE_FINAL_TYPE (EkvFactorsPage, ekv_factors_page, ADW_TYPE_PREFERENCES_PAGE)

static void rebuild (EkvFactorsPage *self);

/* Helpers {{{ */

static char *
format_value (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return ekv_number_format (value, -1);
}

static GtkWidget *
value_row_new (const char *title,
               double      value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = format_value (value);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static GtkWidget *
field_row_new (EkvFactorsPage *self,
               EkvRecord      *record,
               const char     *key,
               const char     *title,
               double          built_in)
{
  GtkWidget *row = ekv_field_row_new (key);
  g_autofree char *text = format_value (built_in);
  /* Translators: the title of an overridden factor's field, then the built-in
   * value beside it, e.g. "TEP per unit (built-in 0.000825)" */
  g_autofree char *full = g_strdup_printf (_("%s (built-in %s)"), title, text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), full);
  ekv_field_row_set_source (EKV_FIELD_ROW (row), self->document, record);
  return row;
}

/* }}} */
/* Callbacks {{{ */

static void
override_clicked_cb (GtkButton      *button,
                     EkvFactorsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ekv-index"));

  if (ekv_factors_page_override (self, index, &error) == NULL)
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

static void
reset_clicked_cb (GtkButton      *button,
                  EkvFactorsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "ekv-index"));

  if (!ekv_factors_page_reset (self, index, &error))
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

static void
remove_clicked_cb (GtkButton      *button,
                   EkvFactorsPage *self)
{
  g_autoptr(GError) error = NULL;
  EkvRecord *record = g_object_get_data (G_OBJECT (button), "ekv-record");

  if (!ekv_document_remove (self->document, record, &error))
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

static void
factors_changed_cb (EkvFactorsPage *self)
{
  rebuild (self);
}

/* }}} */
/* Building {{{ */

static GtkWidget *
group_new (EkvFactorsPage  *self,
           const EkvFactor *factor,
           guint            index)
{
  GtkWidget *group = adw_preferences_group_new ();
  EkvRecord *record = ekv_factors_page_find_override (self, factor->carrier, factor->unit);
  const char *unit = ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT, factor->unit);
  g_autofree char *title = NULL;
  g_autofree char *source = NULL;
  g_autofree char *lhv_title = NULL;
  g_autofree char *tep_title = NULL;
  g_autofree char *co2_title = NULL;
  GtkWidget *button;

  /* Translators: a carrier and the unit its factors are per, e.g. "Natural gas (Sm³)" */
  title = g_strdup_printf (_("%s (%s)"), ekv_enum_get_label (EKV_TYPE_CARRIER, factor->carrier), unit);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

  if (factor->year > 0)
    /* Translators: where a built-in factor comes from: source title, year, confidence
     * tag and what it means, e.g. "IPCC 2006 Guidelines, 2006 · [V] verified in the cited source" */
    source = g_strdup_printf (_("%s, %d · %s %s"), factor->title, factor->year,
                              ekv_confidence_to_tag (factor->confidence),
                              ekv_confidence_describe (factor->confidence));
  else
    /* Translators: where a built-in factor comes from: source title, confidence tag
     * and what it means */
    source = g_strdup_printf (_("%s · %s %s"), factor->title,
                              ekv_confidence_to_tag (factor->confidence),
                              ekv_confidence_describe (factor->confidence));
  if (factor->note != NULL)
    {
      g_autofree char *with_note = g_strconcat (source, "\n",
                                                g_dgettext (GETTEXT_PACKAGE, factor->note), NULL);
      g_free (source);
      source = g_steal_pointer (&with_note);
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), source);

  /* Translators: a factor's lower heating value, per unit, e.g. "Lower heating value (kWh per Sm³)" */
  lhv_title = g_strdup_printf (_("Lower heating value (kWh per %s)"), unit);
  /* Translators: e.g. "TEP per Sm³" */
  tep_title = g_strdup_printf (_("TEP per %s"), unit);
  /* Translators: e.g. "CO₂ (kg per Sm³)" */
  co2_title = g_strdup_printf (_("CO₂ (kg per %s)"), unit);

  if (record == NULL)
    {
      button = gtk_button_new_with_label (_("Override"));
      gtk_widget_set_tooltip_text (button, _("Use the audit's own figures for this factor"));
      g_signal_connect (button, "clicked", G_CALLBACK (override_clicked_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row_new (lhv_title, factor->lhv_kwh));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row_new (tep_title, factor->tep));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row_new (co2_title, factor->co2_kg));
    }
  else
    {
      GtkWidget *source_row = ekv_field_row_new ("source");

      button = gtk_button_new_with_label (_("Reset"));
      gtk_widget_set_tooltip_text (button, _("Remove the audit's figures and use the built-in ones"));
      g_signal_connect (button, "clicked", G_CALLBACK (reset_clicked_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 field_row_new (self, record, "lhv-kwh", lhv_title, factor->lhv_kwh));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 field_row_new (self, record, "tep", tep_title, factor->tep));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 field_row_new (self, record, "co2-kg", co2_title, factor->co2_kg));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (source_row), _("Source of the audit's figures"));
      ekv_field_row_set_source (EKV_FIELD_ROW (source_row), self->document, record);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), source_row);
    }
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "ekv-index", GUINT_TO_POINTER (index));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  return group;
}

/* A factor of the audit for a carrier and unit without a built-in one (steam,
 * compressed air, ...): only the audit's figures, and Remove. */
static GtkWidget *
audit_group_new (EkvFactorsPage *self,
                 EkvRecord      *record)
{
  GtkWidget *group = adw_preferences_group_new ();
  const char *unit = ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT,
                                         ekv_record_get_enum (record, EKV_FACTOR_UNIT));
  g_autofree char *title = NULL;
  g_autofree char *lhv_title = NULL;
  g_autofree char *tep_title = NULL;
  g_autofree char *co2_title = NULL;
  GtkWidget *button = gtk_button_new_with_label (_("Remove"));
  struct { const char *key; const char *title; } fields[4];

  title = g_strdup_printf (_("%s (%s)"),
                           ekv_enum_get_label (EKV_TYPE_CARRIER,
                                               ekv_record_get_enum (record, EKV_FACTOR_CARRIER)),
                           unit);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The audit's own factor: there is no built-in one for this carrier and unit."));

  lhv_title = g_strdup_printf (_("Lower heating value (kWh per %s)"), unit);
  tep_title = g_strdup_printf (_("TEP per %s"), unit);
  co2_title = g_strdup_printf (_("CO₂ (kg per %s)"), unit);
  fields[0].key = "lhv-kwh";
  fields[0].title = lhv_title;
  fields[1].key = "tep";
  fields[1].title = tep_title;
  fields[2].key = "co2-kg";
  fields[2].title = co2_title;
  fields[3].key = "source";
  fields[3].title = _("Source of the audit's figures");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = ekv_field_row_new (fields[i].key);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fields[i].title);
      ekv_field_row_set_source (EKV_FIELD_ROW (row), self->document, record);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "ekv-record", record);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);

  return group;
}

static void
rebuild (EkvFactorsPage *self)
{
  GListModel *records = ekv_document_get_list (self->document, EKV_ENTITY_FACTOR);
  const EkvFactor *factors;
  guint n;

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);

  factors = ekv_factors_get_builtin (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *group = group_new (self, &factors[i], i);

      g_ptr_array_add (self->groups, group);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
    }
  self->n_builtin = n;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(EkvRecord) record = g_list_model_get_item (records, i);
      EkvCarrier carrier = ekv_record_get_enum (record, EKV_FACTOR_CARRIER);
      EkvQuantityUnit unit = ekv_record_get_enum (record, EKV_FACTOR_UNIT);
      gboolean built_in = FALSE;
      GtkWidget *group;

      for (guint j = 0; j < n && !built_in; j++)
        built_in = factors[j].carrier == carrier && factors[j].unit == unit;
      if (built_in)
        continue;

      group = audit_group_new (self, record);
      g_ptr_array_add (self->groups, group);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
    }
}

/* }}} */
/* GObject {{{ */

static void
ekv_factors_page_dispose (GObject *object)
{
  EkvFactorsPage *self = EKV_FACTORS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EKV_TYPE_FACTORS_PAGE);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_factors_page_parent_class)->dispose (object);
}

static void
ekv_factors_page_class_init (EkvFactorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_factors_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-factors-page.ui");
}

static void
ekv_factors_page_init (EkvFactorsPage *self)
{
  self->groups = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_factors_page_new (EkvDocument *document)
{
  EkvFactorsPage *self;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_FACTORS_PAGE, NULL);
  self->document = g_object_ref (document);

  g_signal_connect_object (ekv_document_get_list (document, EKV_ENTITY_FACTOR), "items-changed",
                           G_CALLBACK (factors_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);

  return GTK_WIDGET (self);
}

guint
ekv_factors_page_get_n_factors (EkvFactorsPage *self)
{
  g_return_val_if_fail (EKV_IS_FACTORS_PAGE (self), 0);

  return self->n_builtin;
}

guint
ekv_factors_page_get_n_audit_only (EkvFactorsPage *self)
{
  g_return_val_if_fail (EKV_IS_FACTORS_PAGE (self), 0);

  return self->groups->len - self->n_builtin;
}

EkvRecord *
ekv_factors_page_find_override (EkvFactorsPage  *self,
                                EkvCarrier       carrier,
                                EkvQuantityUnit  unit)
{
  GListModel *factors;

  g_return_val_if_fail (EKV_IS_FACTORS_PAGE (self), NULL);

  factors = ekv_document_get_list (self->document, EKV_ENTITY_FACTOR);
  for (guint i = 0; i < g_list_model_get_n_items (factors); i++)
    {
      g_autoptr(EkvRecord) record = g_list_model_get_item (factors, i);

      if (ekv_record_get_enum (record, EKV_FACTOR_CARRIER) == (int) carrier &&
          ekv_record_get_enum (record, EKV_FACTOR_UNIT) == (int) unit)
        return record; /* the document holds it */
    }

  return NULL;
}

EkvRecord *
ekv_factors_page_override (EkvFactorsPage  *self,
                           guint            index,
                           GError         **error)
{
  g_autoptr(EkvRecord) record = NULL;
  const EkvFactor *factor;
  EkvRecord *existing;
  guint n;

  g_return_val_if_fail (EKV_IS_FACTORS_PAGE (self), NULL);

  factor = ekv_factors_get_builtin (&n);
  g_return_val_if_fail (index < n, NULL);
  factor += index;

  existing = ekv_factors_page_find_override (self, factor->carrier, factor->unit);
  if (existing != NULL)
    return existing;

  record = ekv_record_new (EKV_ENTITY_FACTOR);
  ekv_record_set_enum (record, EKV_FACTOR_CARRIER, factor->carrier);
  ekv_record_set_enum (record, EKV_FACTOR_UNIT, factor->unit);
  if (!isnan (factor->lhv_kwh) && factor->lhv_kwh > 0)
    ekv_record_set_double (record, EKV_FACTOR_LHV_KWH, factor->lhv_kwh);
  if (!isnan (factor->tep))
    ekv_record_set_double (record, EKV_FACTOR_TEP, factor->tep);
  if (!isnan (factor->co2_kg))
    ekv_record_set_double (record, EKV_FACTOR_CO2_KG, factor->co2_kg);
  if (factor->title != NULL)
    ekv_record_set_string (record, EKV_FACTOR_SOURCE, factor->title);
  if (!ekv_document_insert (self->document, record, NULL, -1, error))
    return NULL;

  return record; /* the document holds it */
}

gboolean
ekv_factors_page_reset (EkvFactorsPage  *self,
                        guint            index,
                        GError         **error)
{
  const EkvFactor *factor;
  EkvRecord *record;
  guint n;

  g_return_val_if_fail (EKV_IS_FACTORS_PAGE (self), FALSE);

  factor = ekv_factors_get_builtin (&n);
  g_return_val_if_fail (index < n, FALSE);
  factor += index;

  record = ekv_factors_page_find_override (self, factor->carrier, factor->unit);
  if (record == NULL)
    return TRUE;

  return ekv_document_remove (self->document, record, error);
}

/* }}} */
