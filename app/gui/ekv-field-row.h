/* ekv-field-row.h: an entry row that edits one field of a record
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_FIELD_ROW (ekv_field_row_get_type ())
G_DECLARE_FINAL_TYPE (EkvFieldRow, ekv_field_row, EKV, FIELD_ROW, AdwEntryRow)

GtkWidget  *ekv_field_row_new               (const char  *key);

const char *ekv_field_row_get_key           (EkvFieldRow *self);
void        ekv_field_row_set_key           (EkvFieldRow *self,
                                             const char  *key);
/* Shows and edits RECORD's field KEY through DOCUMENT; NULL detaches. */
void        ekv_field_row_set_source        (EkvFieldRow *self,
                                             EkvDocument *document,
                                             EkvRecord   *record);
EkvRecord  *ekv_field_row_get_record        (EkvFieldRow *self);

/* Stores what is typed now (what Enter and leaving the row do). Returns FALSE,
 * keeping the text and showing why, if the document refuses it. */
gboolean    ekv_field_row_apply             (EkvFieldRow *self);
/* The translated reason the typed text was refused, or NULL. */
const char *ekv_field_row_get_error_message (EkvFieldRow *self);

/* A unit shown after the value, e.g. "TRY" or "%". */
void        ekv_field_row_set_unit          (EkvFieldRow *self,
                                             const char  *unit);

G_END_DECLS
