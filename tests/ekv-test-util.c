/* ekv-test-util.c: what the test programs of every suite share
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-json-import.h"
#include "ekv-language.h"
#include "ekv-test-util.h"

char *
ekv_test_sample_path (void)
{
  return g_build_filename (g_getenv ("EKV_SOURCE_ROOT"), "resources", "samples",
                           "ege-orme-boya.json", NULL);
}

EkvDocument *
ekv_test_import_json (const char *path,
                      const char *name)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  EkvDocument *doc = ekv_json_import_file (file, name, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

EkvDocument *
ekv_test_load_sample (void)
{
  g_autofree char *path = ekv_test_sample_path ();

  return ekv_test_import_json (path, NULL);
}

void
ekv_test_init_i18n (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ekv_language_init ();
}

gboolean
ekv_test_have_turkish_locale (void)
{
  locale_t locale = newlocale (LC_MESSAGES_MASK, "tr_TR.UTF-8", (locale_t) 0);

  if (locale == (locale_t) 0)
    return FALSE;
  freelocale (locale);
  return TRUE;
}

char *
ekv_test_spawn_output (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path (argv[0]);
  char *out = NULL;
  int status = 0;

  if (program == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

char *
ekv_test_pdf_text (const char *path,
                   guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-layout", "-f", number, "-l", number, path, "-", NULL };

  return ekv_test_spawn_output (argv);
}

char *
ekv_test_unzip_part (const char *book,
                     const char *name)
{
  const char *argv[] = { "unzip", "-p", book, name, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || out == NULL || *out == '\0')
    {
      g_free (out);
      return NULL;
    }
  return out;
}

char *
ekv_test_xlsx_sheets (const char *book)
{
  GString *all = g_string_new (NULL);

  for (guint i = 1; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("xl/worksheets/sheet%u.xml", i);
      g_autofree char *xml = ekv_test_unzip_part (book, name);

      if (xml == NULL)
        break;
      g_string_append (all, xml);
    }
  return g_string_free (all, FALSE);
}

char *
ekv_test_make_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
ekv_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        ekv_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}
