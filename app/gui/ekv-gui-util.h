/* ekv-gui-util.h: small helpers shared by the widgets
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

/* Shows MESSAGE in the toast overlay WIDGET sits in (the window's). */
void       ekv_gui_toast             (GtkWidget       *widget,
                                      const char      *message);
/* Tells of a failure in a dialog over PARENT: HEADING, then MESSAGE (what went
 * wrong, e.g. a GError's message), with one answer, Close. */
void       ekv_gui_show_error        (GtkWindow       *parent,
                                      const char      *heading,
                                      const char      *message);
/* Removes RECORD (of a list of DOCUMENT, or a child of a record) and offers Undo in a toast of
 * WIDGET's window, which puts it back where it was. A refusal is shown as a
 * toast. Returns whether it was removed. */
gboolean   ekv_gui_remove_with_undo  (GtkWidget       *widget,
                                      EkvDocument     *document,
                                      EkvRecord       *record);
/* The same with the toast saying MESSAGE (plain text) instead of "Removed". */
gboolean   ekv_gui_remove_with_undo_full (GtkWidget   *widget,
                                          EkvDocument *document,
                                          EkvRecord   *record,
                                          const char  *message);
/* A flat icon button for a row about RECORD (held, as the "ekv-record" data the
 * click handler reads): ICON_NAME, TOOLTIP (translated), insensitive unless
 * EDITABLE. The caller connects "clicked". */
GtkWidget *ekv_gui_record_button_new (const char      *icon_name,
                                      const char      *tooltip,
                                      EkvRecord       *record,
                                      gboolean         editable);
/* For a page that needs more than a form's width (a matrix, a chart): the
 * first AdwClamp under PAGE lets its child grow to WIDTH. */
void       ekv_gui_widen_page        (GtkWidget       *page,
                                      int              width);
/* ROW's title (an AdwPreferencesRow's, as plain text) follows OPTION's title,
 * "Untitled option" while it is empty. */
void       ekv_gui_bind_option_title (EkvRecord       *option,
                                      GtkWidget       *row);
/* A list row holding an EkvTextArea (several lines of free text) that edits
 * RECORD's field KEY through DOCUMENT, under a caption TITLE. */
GtkWidget *ekv_gui_text_area_row_new (EkvDocument     *document,
                                      EkvRecord       *record,
                                      const char      *key,
                                      const char      *title);

/* An AdwComboRow over every value of ENUM_TYPE, labelled by ekv_enum_get_label(),
 * its selection bound both ways to RECORD's enum property KEY. */
GtkWidget *ekv_gui_enum_row_new      (EkvRecord       *record,
                                      const char      *key,
                                      GType            enum_type,
                                      const char      *title);
/* Binds an AdwComboRow that already has an AdwEnumListModel. */
void       ekv_gui_bind_enum_row     (AdwComboRow     *row,
                                      EkvRecord       *record,
                                      const char      *key);
/* An AdwActionRow with a switch bound both ways to RECORD's boolean property KEY. */
GtkWidget *ekv_gui_switch_row_new    (EkvRecord       *record,
                                      const char      *key,
                                      const char      *title);

/* Points every EkvFieldRow and EkvTextArea under ROOT that has no record yet at
 * DOCUMENT and RECORD. */
void       ekv_gui_bind_field_rows   (GtkWidget       *root,
                                      EkvDocument     *document,
                                      EkvRecord       *record);

/* Calls FUNC (WIDGET) once, after WIDGET's window has painted its first frame with
 * WIDGET mapped: for parts of a page below the first screen, which need not delay
 * the window. */
typedef void (*EkvGuiWidgetFunc) (GtkWidget *widget);
void       ekv_gui_after_first_frame (GtkWidget        *widget,
                                      EkvGuiWidgetFunc  func);

/* For AdwComboRow expressions over AdwEnumListModel: a new translated label. */
char      *ekv_gui_enum_item_label   (AdwEnumListItem *item,
                                      gpointer         user_data);

G_END_DECLS
