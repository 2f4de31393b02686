/* ekv-language.c: writing an export or a report in a language of its own
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * gettext follows the calling thread's locale (uselocale()), so a scope makes a
 * thread-local locale whose LC_MESSAGES is the language's and leaves every other
 * category as it was. English is the untranslated text: LC_MESSAGES "C", which
 * also makes glibc ignore a LANGUAGE variable asking for another language.
 * Numbers do not depend on which locales the system has: the scope gives
 * ekv_number_format() the language's separators.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-language.h"
#include "ekv-util.h"

G_DEFINE_QUARK (ekv-language-error-quark, ekv_language_error)

struct _EkvLanguageScope
{
  locale_t    previous;      /* the thread's locale before the scope */
  locale_t    locale;        /* ours, freed on leave */
  const char *previous_radix;
  const char *previous_thousands;
};

gboolean
ekv_language_from_code (const char   *code,
                        EkvLanguage  *language,
                        GError      **error)
{
  g_return_val_if_fail (language != NULL, FALSE);

  /* ASCII only: never the locale's case mapping (Turkish dotted İ). */
  if (code != NULL && g_ascii_strncasecmp (code, "en", 2) == 0
      && (code[2] == '\0' || code[2] == '_' || code[2] == '.' || code[2] == '-'))
    {
      *language = EKV_LANGUAGE_ENGLISH;
      return TRUE;
    }
  if (code != NULL && g_ascii_strncasecmp (code, "tr", 2) == 0
      && (code[2] == '\0' || code[2] == '_' || code[2] == '.' || code[2] == '-'))
    {
      *language = EKV_LANGUAGE_TURKISH;
      return TRUE;
    }

  g_set_error (error, EKV_LANGUAGE_ERROR, EKV_LANGUAGE_ERROR_UNKNOWN,
               /* Translators: %s is what was typed after --lang */
               _("“%s” is not a language Ekoverim writes; use “tr” (Turkish) or “en” (English)"),
               code != NULL ? code : "");
  return FALSE;
}

const char *
ekv_language_to_code (EkvLanguage language)
{
  return language == EKV_LANGUAGE_TURKISH ? "tr" : "en";
}

EkvLanguage
ekv_language_get_ui (void)
{
  /* gettext's translation of "" is the header of the catalogue in use, with its
   * "Language:" line; the untranslated (English) text has none. */
  static const char empty[] = "";
  const char *header = dgettext (GETTEXT_PACKAGE, empty);
  const char *line = header != NULL ? strstr (header, "Language: ") : NULL;

  if (line != NULL && g_ascii_strncasecmp (line + strlen ("Language: "), "tr", 2) == 0)
    return EKV_LANGUAGE_TURKISH;
  return EKV_LANGUAGE_ENGLISH;
}

void
ekv_language_init (void)
{
  static const char empty[] = "";
  g_autofree char *messages = g_strdup (setlocale (LC_MESSAGES, NULL));

  /* g_dgettext() decides once per process whether to translate at all, from the
   * global LC_MESSAGES at its first call: never, when that locale is neither "C"
   * nor English and this program has no catalogue for it (C.UTF-8 is such a
   * locale). A scope switching to Turkish would then stay English. Making the
   * first call under "C" lets it translate whenever a catalogue exists, which is
   * what plain gettext does. */
  if (messages == NULL || strcmp (messages, "C") == 0 || g_str_has_prefix (messages, "en_")
      || dgettext (GETTEXT_PACKAGE, empty)[0] != '\0')
    return;

  setlocale (LC_MESSAGES, "C");
  (void) g_dgettext (GETTEXT_PACKAGE, "Ekoverim");
  setlocale (LC_MESSAGES, messages);
}

static locale_t
new_messages_locale (EkvLanguage language,
                     locale_t    base)
{
  static const char *const turkish[] = { "tr_TR.UTF-8", "tr_TR.utf8", "tr_TR" };
  guint i;

  if (language == EKV_LANGUAGE_ENGLISH)
    return newlocale (LC_MESSAGES_MASK, "C", base);

  for (i = 0; i < G_N_ELEMENTS (turkish); i++)
    {
      locale_t locale = newlocale (LC_MESSAGES_MASK, turkish[i], base);

      if (locale != (locale_t) 0)
        return locale;
    }
  return (locale_t) 0;
}

EkvLanguageScope *
ekv_language_scope_enter (EkvLanguage   language,
                          GError      **error)
{
  g_autofree EkvLanguageScope *scope = g_new0 (EkvLanguageScope, 1);
  locale_t base = duplocale (uselocale ((locale_t) 0));

  if (base == (locale_t) 0)
    {
      g_set_error_literal (error, EKV_LANGUAGE_ERROR, EKV_LANGUAGE_ERROR_NOT_INSTALLED,
                           _("Could not switch the language: out of memory"));
      return NULL;
    }

  /* newlocale() consumes BASE only when it succeeds. */
  scope->locale = new_messages_locale (language, base);
  if (scope->locale == (locale_t) 0)
    {
      freelocale (base);
      g_set_error_literal (error, EKV_LANGUAGE_ERROR, EKV_LANGUAGE_ERROR_NOT_INSTALLED,
                           _("Writing in Turkish needs the system’s tr_TR.UTF-8 locale, "
                             "which is not installed (on Debian: sudo dpkg-reconfigure locales)"));
      return NULL;
    }

  scope->previous = uselocale (scope->locale);
  if (language == EKV_LANGUAGE_TURKISH)
    ekv_number_set_thread_separators (",", ".", &scope->previous_radix,
                                      &scope->previous_thousands);
  else
    ekv_number_set_thread_separators (".", ",", &scope->previous_radix,
                                      &scope->previous_thousands);
  return g_steal_pointer (&scope);
}

void
ekv_language_scope_leave (EkvLanguageScope *scope)
{
  if (scope == NULL)
    return;

  uselocale (scope->previous);
  freelocale (scope->locale);
  ekv_number_set_thread_separators (scope->previous_radix, scope->previous_thousands,
                                    NULL, NULL);
  g_free (scope);
}
