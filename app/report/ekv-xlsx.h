/* ekv-xlsx.h: an audit written as an Excel workbook that stays live
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The workbook holds the audit's inputs in cells and its results as formulas
 * over them (balances over the inventory, savings, NPV and IRR over the
 * options' inputs), each formula with the value Ekoverim computed stored
 * beside it, so a viewer that does not recalculate shows the right numbers and
 * one that does reaches the same ones. Sheet names, headers and labels are in
 * the language asked for, whatever the window speaks; numbers are written the
 * same under every locale.
 */
#pragma once

#include <gio/gio.h>

#include "ekv-document.h"
#include "ekv-language.h"

G_BEGIN_DECLS

#define EKV_XLSX_ERROR (ekv_xlsx_error_quark ())

typedef enum
{
  EKV_XLSX_ERROR_WRITE,   /* the workbook could not be written (disk, folder, permissions) */
  EKV_XLSX_ERROR_FAILED,  /* libxlsxwriter refused the content (a bug: please report it) */
} EkvXlsxError;

GQuark ekv_xlsx_error_quark (void);

/* Called now and then with the share of the work done, 0 to 1. */
typedef void (*EkvXlsxProgressFunc) (double   fraction,
                                     gpointer user_data);

/* Writes DOCUMENT to PATH as an .xlsx workbook in LANGUAGE. The workbook is
 * written to a temporary file beside PATH and renamed over it only when
 * complete: a failure or a cancellation leaves no half file and never harms a
 * file already at PATH. PROGRESS may be NULL; CANCELLABLE may be NULL.
 * Errors: EKV_XLSX_ERROR (translated, naming the file), G_IO_ERROR_CANCELLED,
 * EKV_LANGUAGE_ERROR when the language's locale is missing. DOCUMENT is only
 * read; call from one thread at a time per document (make a copy with
 * ekv_document_copy() for a worker thread). */
gboolean ekv_xlsx_export (EkvDocument         *document,
                          const char          *path,
                          EkvLanguage          language,
                          EkvXlsxProgressFunc  progress,
                          gpointer             user_data,
                          GCancellable        *cancellable,
                          GError             **error);

G_END_DECLS
