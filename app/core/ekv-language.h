/* ekv-language.h: writing an export or a report in a language of its own
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The workbook and the report are written in the language the user picks
 * (`--lang tr|en`, or the window's choice), whatever the window speaks. A scope
 * switches the calling thread only: its translated messages and the
 * way ekv_number_format() writes numbers ("1.234,5" or "1,234.5"). Other threads,
 * the window among them, keep their language.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  EKV_LANGUAGE_ENGLISH,
  EKV_LANGUAGE_TURKISH,
} EkvLanguage;

/* "en" or "tr" (also "en_GB", "tr_TR.UTF-8", any case); FALSE with a translated
 * message for anything else. */
gboolean     ekv_language_from_code    (const char   *code,
                                        EkvLanguage  *language,
                                        GError      **error);
/* "en" or "tr". */
const char  *ekv_language_to_code      (EkvLanguage   language);
/* The language the user interface speaks now: Turkish when the messages are in
 * Turkish, English otherwise. The default for exports. */
EkvLanguage  ekv_language_get_ui       (void);

/* Call once at start-up, after setlocale() and textdomain() and before anything is translated:
 * lets scopes translate whatever locale the process started in (see the .c). */
void         ekv_language_init         (void);

typedef struct _EkvLanguageScope EkvLanguageScope;

/* Switch the calling thread to LANGUAGE until ekv_language_scope_leave(). Fails
 * (with a translated message) only when the system lacks the locale the
 * translations need (tr_TR.UTF-8 for Turkish). Scopes nest. */
EkvLanguageScope *ekv_language_scope_enter (EkvLanguage   language,
                                            GError      **error);
void              ekv_language_scope_leave (EkvLanguageScope *scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkvLanguageScope, ekv_language_scope_leave)

#define EKV_LANGUAGE_ERROR (ekv_language_error_quark ())
typedef enum
{
  EKV_LANGUAGE_ERROR_UNKNOWN,
  EKV_LANGUAGE_ERROR_NOT_INSTALLED,
} EkvLanguageError;

GQuark ekv_language_error_quark (void);

G_END_DECLS
