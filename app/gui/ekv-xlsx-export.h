/* ekv-xlsx-export.h: Export to Excel from the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <gtk/gtk.h>

#include "ekv-language.h"
#include "ekv-window.h"

G_BEGIN_DECLS

/* win.export-xlsx: a file chooser (the workbook's language as one of its
 * choices, the window's by default), then ekv_xlsx_export_start(). */
void     ekv_xlsx_export_run    (EkvWindow            *window);

/* Writes the window's audit to FILE as a workbook in LANGUAGE, off the main
 * loop: a copy of the document is made here, on the main thread, and written
 * in a worker thread. Large audits show their progress in a toast. When done,
 * a toast says so with an "Open" button, or a dialog says what went wrong;
 * then CALLBACK (may be NULL) runs, for tests. */
void     ekv_xlsx_export_start  (EkvWindow            *window,
                                 GFile                *file,
                                 EkvLanguage           language,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean ekv_xlsx_export_finish (EkvWindow            *window,
                                 GAsyncResult         *result,
                                 GError              **error);

G_END_DECLS
