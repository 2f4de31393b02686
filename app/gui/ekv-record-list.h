/* ekv-record-list.h: a preferences group editing one list of records
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_RECORD_LIST (ekv_record_list_get_type ())
G_DECLARE_FINAL_TYPE (EkvRecordList, ekv_record_list, EKV, RECORD_LIST, AdwPreferencesGroup)

void        ekv_record_list_set_document (EkvRecordList *self,
                                          EkvDocument   *document);
/* Adds a record at the end of the list, as the Add button does; NULL on failure
 * (the reason is shown as a toast). */
EkvRecord  *ekv_record_list_add          (EkvRecordList *self);
GtkListBox *ekv_record_list_get_list_box (EkvRecordList *self);

G_END_DECLS
