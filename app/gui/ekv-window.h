/* ekv-window.h: one open audit, its steps in a sidebar and their pages
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_WINDOW (ekv_window_get_type ())
G_DECLARE_FINAL_TYPE (EkvWindow, ekv_window, EKV, WINDOW, AdwApplicationWindow)

EkvWindow   *ekv_window_new            (GtkApplication *application);
EkvWindow   *ekv_window_new_for_document (GtkApplication *application,
                                          EkvDocument    *document);
EkvDocument *ekv_window_get_document   (EkvWindow      *self);
/* A window shows one document for its lifetime: set it once. */
void         ekv_window_set_document   (EkvWindow      *self,
                                        EkvDocument    *document);

/* Shows the page of a step ("team", "plan", "company") and returns it. */
GtkWidget   *ekv_window_show_page      (EkvWindow      *self,
                                        const char     *step);
GtkListBox  *ekv_window_get_sidebar    (EkvWindow      *self);
AdwWindowTitle *ekv_window_get_title_widget (EkvWindow *self);

void         ekv_window_add_toast      (EkvWindow      *self,
                                        const char     *message);
/* Stores a copy of the document at PATH (what "Save a Copy…" does once a file
 * is chosen). */
gboolean     ekv_window_save_copy      (EkvWindow      *self,
                                        const char     *path,
                                        GError        **error);

G_END_DECLS
