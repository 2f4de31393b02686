/* ekv-field-text.h: a field's value as the user types and reads it
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include "ekv-record.h"

G_BEGIN_DECLS

/* FIELD of RECORD as text in the user's locale ("1.234,5" in Turkish); "" for an
 * unset number whose default is 0. Not for enum and bool fields. */
char     *ekv_field_text_from_record (EkvRecord       *record,
                                      guint            field);

/* Reads TEXT typed for FIELD into VALUE (initialised here), or sets *UNSET for an
 * empty text. FALSE with EKV_UTIL_ERROR_NUMBER or EKV_ENTITY_ERROR_TYPE when it
 * is not a value of the field's type at all; the document judges the rest
 * (range, reference, format). Free text is kept exactly as typed. */
gboolean  ekv_field_text_to_value    (const EkvField  *field,
                                      const char      *text,
                                      GValue          *value,
                                      gboolean        *unset,
                                      GError         **error);

G_END_DECLS
