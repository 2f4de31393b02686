/* ekv-options-page.h: causes and options, the option register (phase III)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_OPTIONS_PAGE (ekv_options_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvOptionsPage, ekv_options_page, EKV, OPTIONS_PAGE, AdwBin)

GtkWidget  *ekv_options_page_new              (EkvDocument    *document);

/* Adds a new option at the end, as the Add button does; NULL on failure (shown
 * as a toast). Owned by the document. */
EkvRecord  *ekv_options_page_add              (EkvOptionsPage *self);
/* Copies OPTION with its units and changes, just after it. */
EkvRecord  *ekv_options_page_duplicate        (EkvOptionsPage *self,
                                               EkvRecord      *option);
/* Deletes OPTION with its units, changes and scores, offering Undo in a toast
 * that puts all of them back. */
gboolean    ekv_options_page_delete           (EkvOptionsPage *self,
                                               EkvRecord      *option);

/* The sector suggestions offered for quick adding (textile wet processing). */
guint       ekv_options_page_get_n_suggestions (EkvOptionsPage *self);
/* The translated title of suggestion INDEX. */
const char *ekv_options_page_get_suggestion   (EkvOptionsPage *self,
                                               guint           index);
/* Adds suggestion INDEX as a new option (title, category, typical effect in the
 * description), as its Add button does. */
EkvRecord  *ekv_options_page_add_suggestion   (EkvOptionsPage *self,
                                               guint           index);

/* The row showing OPTION in the register (an AdwExpanderRow), or NULL. */
GtkWidget  *ekv_options_page_get_row          (EkvOptionsPage *self,
                                               EkvRecord      *option);

G_END_DECLS
