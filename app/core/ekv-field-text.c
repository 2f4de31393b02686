/* ekv-field-text.c: a field's value as the user types and reads it
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-field-text.h"
#include "ekv-util.h"

char *
ekv_field_text_from_record (EkvRecord *record,
                            guint      field_index)
{
  const EkvField *field;
  gboolean is_set;

  g_return_val_if_fail (EKV_IS_RECORD (record), NULL);
  g_return_val_if_fail (field_index < ekv_record_get_entity (record)->n_fields, NULL);

  field = &ekv_record_get_entity (record)->fields[field_index];
  is_set = ekv_record_is_set (record, field_index);

  switch (field->type)
    {
    case EKV_FIELD_DOUBLE:
      if (!is_set && field->default_value == 0)
        return g_strdup ("");
      return ekv_number_format (ekv_record_get_double (record, field_index), -1);

    case EKV_FIELD_INT:
      if (!is_set && field->default_value == 0)
        return g_strdup ("");
      return ekv_number_format (ekv_record_get_int (record, field_index), 0);

    case EKV_FIELD_STRING:
    case EKV_FIELD_DATE:
    case EKV_FIELD_MONTH:
    case EKV_FIELD_ID:
    case EKV_FIELD_REF:
    case EKV_FIELD_CURRENCY:
      {
        const char *text = ekv_record_get_string (record, field_index);
        return g_strdup (text != NULL ? text : "");
      }

    case EKV_FIELD_BOOL:
    case EKV_FIELD_ENUM:
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

gboolean
ekv_field_text_to_value (const EkvField  *field,
                         const char      *text,
                         GValue          *value,
                         gboolean        *unset,
                         GError         **error)
{
  g_autofree char *stripped = NULL;
  double number;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL && !G_IS_VALUE (value), FALSE);
  g_return_val_if_fail (unset != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  *unset = FALSE;
  if (*stripped == '\0')
    {
      *unset = TRUE;
      return TRUE;
    }

  switch (field->type)
    {
    case EKV_FIELD_DOUBLE:
      if (!ekv_number_parse (stripped, &number, error))
        return FALSE;
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, number);
      return TRUE;

    case EKV_FIELD_INT:
      if (!ekv_number_parse (stripped, &number, error))
        return FALSE;
      if (number != floor (number) || fabs (number) > G_MAXINT)
        {
          g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_TYPE,
                       /* Translators: %s is a field label, e.g. "Employees" */
                       _("%s must be a whole number"),
                       g_dgettext (GETTEXT_PACKAGE, field->label));
          return FALSE;
        }
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, (int) number);
      return TRUE;

    case EKV_FIELD_STRING:
      /* Free text is kept exactly as typed, spaces included. */
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, text);
      return TRUE;

    case EKV_FIELD_DATE:
    case EKV_FIELD_MONTH:
    case EKV_FIELD_ID:
    case EKV_FIELD_REF:
    case EKV_FIELD_CURRENCY:
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, stripped);
      return TRUE;

    case EKV_FIELD_BOOL:
    case EKV_FIELD_ENUM:
    default:
      g_return_val_if_reached (FALSE);
    }
}
