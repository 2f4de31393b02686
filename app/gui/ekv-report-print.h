/* ekv-report-print.h: the management report printed, previewed and exported from the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <gtk/gtk.h>

#include "ekv-document.h"
#include "ekv-report.h"
#include "ekv-window.h"

G_BEGIN_DECLS

/* A print operation for DOCUMENT's report in LANGUAGE: portrait, A4 unless the
 * page set-up says A3 (the report is laid out again for the paper chosen when
 * printing begins), every page drawn by ekv_report_draw_page(), as the PDF
 * export draws it. The dialog has a tab to choose the report's language. The
 * document must stay alive while the operation runs. */
GtkPrintOperation *ekv_report_print_operation_new (EkvDocument *document,
                                                   EkvLanguage  language);

/* The report the operation laid out when printing began (NULL before). */
EkvReport         *ekv_report_print_operation_get_report (GtkPrintOperation *operation);

/* win.print-report: the print dialog, with preview and page set-up. */
void               ekv_report_print_run           (EkvWindow   *window);
/* win.export-report: a file chooser, then the PDF written, a toast saying so. */
void               ekv_report_export_run          (EkvWindow   *window);
/* What the file chooser's answer starts: the report of the window's audit in
 * LANGUAGE on PAPER written to PATH in a worker thread, then a toast (or a
 * dialogue saying what went wrong). */
void               ekv_report_export_file         (EkvWindow      *window,
                                                   const char     *path,
                                                   EkvLanguage     language,
                                                   EkvReportPaper  paper);

G_END_DECLS
