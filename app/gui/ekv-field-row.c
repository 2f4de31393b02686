/* ekv-field-row.c: an entry row that edits one field of a record
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Text is stored as it is typed. Numbers and dates are stored when the user presses
 * Enter or leaves the row: "1.2" is not yet "1.25". Numbers are shown and read the
 * locale's way (ekv_number_format/parse); the document validates every value. A
 * refused value keeps the user's text, marks the row with the `error` style class
 * and tells why in a tooltip and on an icon, so nothing typed is lost.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-field-row.h"
#include "ekv-field-text.h"
#include "ekv-util.h"

struct _EkvFieldRow
{
  AdwEntryRow     parent_instance;

  GtkWidget      *hint_label;   /* the date form, while a date row is empty */
  GtkWidget      *error_icon;

  char           *base_title;   /* the title without the unit */
  char           *unit;

  char           *key;
  EkvDocument    *document;
  EkvRecord      *record;
  GSignalGroup   *record_signals;
  const EkvField *field;
  guint           field_index;

  char           *shown_text;   /* what the record's value looked like when loaded */
  char           *error_message;
  guint           loading : 1;
  guint           committing : 1;
};

G_DEFINE_FINAL_TYPE (EkvFieldRow, ekv_field_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_KEY,
  PROP_RECORD,
  PROP_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers {{{ */

static gboolean
is_number (const EkvField *field)
{
  return field->type == EKV_FIELD_DOUBLE || field->type == EKV_FIELD_INT;
}

/* Free text is stored as it is typed; numbers, dates and codes when finished. */
static gboolean
stores_as_typed (const EkvField *field)
{
  return field->type == EKV_FIELD_STRING;
}

static char *
value_to_text (EkvFieldRow *self)
{
  return ekv_field_text_from_record (self->record, self->field_index);
}

/* The title says what is wrong while the text is refused (the messages name the
 * field), else the field and its unit: a suffix would sit after the edit icon. */
static void
update_title (EkvFieldRow *self)
{
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (self);
  g_autofree char *title = NULL;

  if (self->base_title == NULL)
    self->base_title = g_strdup (adw_preferences_row_get_title (row));

  if (self->error_message != NULL)
    title = g_strdup (self->error_message);
  else if (self->unit != NULL)
    /* Translators: a field's title, then its unit: "Annual turnover (TRY)" */
    title = g_strdup_printf (_("%s (%s)"), self->base_title, self->unit);
  else
    title = g_strdup (self->base_title);

  adw_preferences_row_set_title (row, title);
}

static void
set_error (EkvFieldRow *self,
           const char  *message)
{
  if (!ekv_set_string (&self->error_message, message))
    return;

  update_title (self);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), message);
  gtk_widget_set_tooltip_text (self->error_icon, message);
  gtk_widget_set_visible (self->error_icon, message != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "",
                                  -1);
}

/* Date rows show the expected form while they are empty. */
static void
update_hint (EkvFieldRow *self)
{
  const char *text;

  if (self->field == NULL || self->field->type != EKV_FIELD_DATE)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  gtk_widget_set_visible (self->hint_label, text == NULL || *text == '\0');
}

static void
load (EkvFieldRow *self)
{
  g_autofree char *text = NULL;

  if (self->record == NULL || self->field == NULL)
    text = g_strdup ("");
  else
    text = value_to_text (self);

  ekv_set_string (&self->shown_text, text);
  self->loading = TRUE;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), text);
  self->loading = FALSE;
  set_error (self, NULL);
  update_hint (self);
}

static void
resolve_field (EkvFieldRow *self)
{
  const EkvEntity *entity;

  self->field = NULL;
  if (self->record == NULL || self->key == NULL)
    return;

  entity = ekv_record_get_entity (self->record);
  for (guint i = 0; i < entity->n_fields; i++)
    if (g_strcmp0 (entity->fields[i].property, self->key) == 0)
      {
        self->field = &entity->fields[i];
        self->field_index = i;
        break;
      }

  g_return_if_fail (self->field != NULL);
  g_return_if_fail (self->field->type != EKV_FIELD_BOOL && self->field->type != EKV_FIELD_ENUM);

  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)), "") == 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                   g_dgettext (GETTEXT_PACKAGE, self->field->label));

  if (self->field->type == EKV_FIELD_DATE)
    /* Translators: the form a date is typed in; keep the order, translate the letters
       if your language abbreviates year, month and day differently */
    gtk_label_set_text (GTK_LABEL (self->hint_label), _("YYYY-MM-DD"));

  if (is_number (self->field))
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self),
                                     self->field->type == EKV_FIELD_INT
                                     ? GTK_INPUT_PURPOSE_DIGITS : GTK_INPUT_PURPOSE_NUMBER);
}

static gboolean
commit (EkvFieldRow *self)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  const char *text;
  gboolean unset;
  gboolean ok;

  if (self->document == NULL || self->record == NULL || self->field == NULL)
    return FALSE;

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  if (!ekv_field_text_to_value (self->field, text, &value, &unset, &error))
    {
      if (g_error_matches (error, EKV_UTIL_ERROR, EKV_UTIL_ERROR_NUMBER))
        {
          /* Translators: a field label, then why the typed text is not a number */
          g_autofree char *message = g_strdup_printf (_("%s: %s"),
                                                      g_dgettext (GETTEXT_PACKAGE, self->field->label),
                                                      error->message);
          set_error (self, message);
        }
      else
        set_error (self, error->message);
      return FALSE;
    }

  self->committing = TRUE;
  ok = ekv_document_set_value (self->document, self->record, self->field_index,
                               unset ? NULL : &value, &error);
  self->committing = FALSE;

  if (!ok)
    {
      set_error (self, error->message);
      return FALSE;
    }

  set_error (self, NULL);
  /* Text stays as typed; numbers and dates now show the way they are read back. */
  if (stores_as_typed (self->field))
    {
      g_autofree char *shown = value_to_text (self);
      ekv_set_string (&self->shown_text, shown);
    }
  else
    load (self);

  return TRUE;
}

/* }}} */
/* Callbacks {{{ */

static void
record_notify_cb (EkvFieldRow *self,
                  GParamSpec  *pspec,
                  EkvRecord   *record)
{
  /* Our own edit, or the user's refused text still waiting to be corrected. */
  if (self->committing || self->error_message != NULL)
    return;
  if (self->key == NULL || g_strcmp0 (pspec->name, self->key) != 0)
    return;

  load (self);
}

static void
changed_cb (EkvFieldRow *self)
{
  if (self->loading || self->field == NULL)
    return;

  update_hint (self);

  if (stores_as_typed (self->field))
    commit (self);
  else if (self->error_message != NULL &&
           g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), self->shown_text) == 0)
    set_error (self, NULL);
}

static void
entry_activated_cb (EkvFieldRow *self)
{
  ekv_field_row_apply (self);
}

static void
focus_leave_cb (EkvFieldRow              *self,
                GtkEventControllerFocus *controller)
{
  ekv_field_row_apply (self);
}

/* }}} */
/* GObject {{{ */

static void
ekv_field_row_dispose (GObject *object)
{
  EkvFieldRow *self = EKV_FIELD_ROW (object);

  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);
  g_clear_object (&self->record);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_field_row_parent_class)->dispose (object);
}

static void
ekv_field_row_finalize (GObject *object)
{
  EkvFieldRow *self = EKV_FIELD_ROW (object);

  g_free (self->key);
  g_free (self->base_title);
  g_free (self->unit);
  g_free (self->shown_text);
  g_free (self->error_message);

  G_OBJECT_CLASS (ekv_field_row_parent_class)->finalize (object);
}

static void
ekv_field_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EkvFieldRow *self = EKV_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_field_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EkvFieldRow *self = EKV_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      ekv_field_row_set_key (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      ekv_field_row_set_unit (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_field_row_class_init (EkvFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ekv_field_row_dispose;
  object_class->finalize = ekv_field_row_finalize;
  object_class->get_property = ekv_field_row_get_property;
  object_class->set_property = ekv_field_row_set_property;

  /**
   * EkvFieldRow:key:
   * The record property this row edits, e.g. "shifts-per-day".
   */
  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, EKV_TYPE_RECORD,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* A unit shown after the value: "TRY", "%", "h". */
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ekv_field_row_init (EkvFieldRow *self)
{
  GtkEventController *focus;

  /* Titles are labels, and units may hold any sign: plain text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  self->hint_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->hint_label, "dim-label");
  gtk_widget_set_visible (self->hint_label, FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->hint_label);

  self->error_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->error_icon, "error");
  gtk_widget_set_visible (self->error_icon, FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->error_icon);

  self->record_signals = g_signal_group_new (EKV_TYPE_RECORD);
  g_signal_group_connect_object (self->record_signals, "notify", G_CALLBACK (record_notify_cb),
                                 self, G_CONNECT_SWAPPED);

  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);
  g_signal_connect (self, "entry-activated", G_CALLBACK (entry_activated_cb), NULL);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_field_row_new (const char *key)
{
  return g_object_new (EKV_TYPE_FIELD_ROW, "key", key, NULL);
}

const char *
ekv_field_row_get_key (EkvFieldRow *self)
{
  g_return_val_if_fail (EKV_IS_FIELD_ROW (self), NULL);

  return self->key;
}

void
ekv_field_row_set_key (EkvFieldRow *self,
                       const char  *key)
{
  g_return_if_fail (EKV_IS_FIELD_ROW (self));

  if (!ekv_set_string (&self->key, key))
    return;

  resolve_field (self);
  load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

void
ekv_field_row_set_source (EkvFieldRow *self,
                          EkvDocument *document,
                          EkvRecord   *record)
{
  g_return_if_fail (EKV_IS_FIELD_ROW (self));
  g_return_if_fail (document == NULL || EKV_IS_DOCUMENT (document));
  g_return_if_fail (record == NULL || EKV_IS_RECORD (record));

  g_set_object (&self->document, document);
  /* A read-only audit is shown, not offered for typing that could only be refused. */
  gtk_editable_set_editable (GTK_EDITABLE (self),
                             document == NULL || !ekv_document_is_read_only (document));
  if (!g_set_object (&self->record, record))
    return;

  g_signal_group_set_target (self->record_signals, record);
  resolve_field (self);
  load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

EkvRecord *
ekv_field_row_get_record (EkvFieldRow *self)
{
  g_return_val_if_fail (EKV_IS_FIELD_ROW (self), NULL);

  return self->record;
}

gboolean
ekv_field_row_apply (EkvFieldRow *self)
{
  g_return_val_if_fail (EKV_IS_FIELD_ROW (self), FALSE);

  if (self->field == NULL)
    return FALSE;

  /* Nothing typed since the value was shown: keep an unset default unset. */
  if (self->error_message == NULL &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), self->shown_text) == 0)
    return TRUE;

  return commit (self);
}

const char *
ekv_field_row_get_error_message (EkvFieldRow *self)
{
  g_return_val_if_fail (EKV_IS_FIELD_ROW (self), NULL);

  return self->error_message;
}

void
ekv_field_row_set_unit (EkvFieldRow *self,
                        const char  *unit)
{
  g_return_if_fail (EKV_IS_FIELD_ROW (self));

  if (unit != NULL && *unit == '\0')
    unit = NULL;
  if (!ekv_set_string (&self->unit, unit))
    return;

  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

/* }}} */
