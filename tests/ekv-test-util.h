/* ekv-test-util.h: what the test programs of every suite share
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include "ekv-document.h"

G_BEGIN_DECLS

/* The bundled sample audit, resources/samples/ege-orme-boya.json under
 * EKV_SOURCE_ROOT. */
char        *ekv_test_sample_path         (void);

/* The audit in the JSON file PATH, NAME given to ekv_json_import_file() (NULL:
 * none); an import error fails the test. */
EkvDocument *ekv_test_import_json         (const char *path,
                                           const char *name);

/* The sample audit imported without a name. */
EkvDocument *ekv_test_load_sample         (void);

/* For tests that read Turkish: the process locale from the environment,
 * messages from the build tree's catalogue (BUILD_LOCALEDIR), then
 * ekv_language_init(). Call it before g_test_init(). */
void         ekv_test_init_i18n           (void);

/* Whether newlocale() can make tr_TR.UTF-8 messages: without it the tests that
 * switch to Turkish skip. */
gboolean     ekv_test_have_turkish_locale (void);

/* Runs the NULL-terminated ARGV, its program looked up in PATH, and returns its
 * standard output, or NULL when the program is not installed (the caller
 * skips). A run that cannot start or exits with an error fails the test. */
char        *ekv_test_spawn_output        (const char * const *argv);

/* The text of page PAGE (from 1) of the PDF at PATH by `pdftotext -layout`, or
 * NULL when pdftotext (poppler-utils) is missing. */
char        *ekv_test_pdf_text            (const char *path,
                                           guint       page);

/* The part NAME of the zip BOOK by `unzip -p` ("xl/workbook.xml"; NAME is
 * unzip's pattern: escape [ and ]), or NULL when it is absent or empty. */
char        *ekv_test_unzip_part          (const char *book,
                                           const char *name);

/* Every worksheet's XML of the workbook BOOK (xl/worksheets/sheet1.xml, 2, ...
 * up to the first missing one), one after another. */
char        *ekv_test_xlsx_sheets         (const char *book);

/* A new folder from the g_dir_make_tmp() template TMPL ("ekv-x-XXXXXX"); a
 * failure fails the test. */
char        *ekv_test_make_dir            (const char *tmpl);

/* Removes the folder DIR with everything below it; what cannot be removed is
 * left (a clean-up, not a check). */
void         ekv_test_remove_dir          (const char *dir);

G_END_DECLS
