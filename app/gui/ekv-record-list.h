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

/* Removes RECORD as its Remove button does: stored at once, with an Undo toast;
 * when the document refuses, "remove-failed" is emitted. */
void        ekv_record_list_remove       (EkvRecordList *self,
                                          EkvRecord     *record);
/* Moves RECORD DELTA places (-1: up, 1: down); FALSE if it cannot go there (the
 * document's reason is shown as a toast). */
gboolean    ekv_record_list_move         (EkvRecordList *self,
                                          EkvRecord     *record,
                                          int            delta);

/* A subtitle for each record's row, made by FUNC (a new string, or NULL), which
 * may also decorate the row (a prefix, a style class); rows ask again on
 * ekv_record_list_update_subtitles(). Not with "subtitle-key". */
typedef char *(*EkvRecordListSubtitleFunc) (EkvRecord *record,
                                            GtkWidget *row,
                                            gpointer   user_data);
void        ekv_record_list_set_subtitle_func (EkvRecordList             *self,
                                               EkvRecordListSubtitleFunc  func,
                                               gpointer                   user_data,
                                               GDestroyNotify             destroy);
void        ekv_record_list_update_subtitles  (EkvRecordList *self);

G_END_DECLS
