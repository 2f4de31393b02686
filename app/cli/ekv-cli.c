/* ekv-cli.c: what every ekv command shares: exit codes, messages, reading IN
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-cli.h"
#include "ekv-json-import.h"

int
ekv_cli_usage_error (const char *command,
                     const char *message)
{
  if (command != NULL)
    {
      g_printerr ("ekv %s: %s\n", command, message);
      /* Translators: %s is a command name such as import; keep the command as it is */
      g_printerr (_("Try “ekv %s --help”."), command);
    }
  else
    {
      g_printerr ("ekv: %s\n", message);
      g_printerr ("%s", _("Try “ekv --help”."));
    }
  g_printerr ("\n");
  return EKV_EXIT_USAGE;
}

int
ekv_cli_user_error (const char *file,
                    const char *message)
{
  if (file != NULL)
    g_printerr ("ekv: %s: %s\n", file, message);
  else
    g_printerr ("ekv: %s\n", message);
  return EKV_EXIT_USER;
}

void
ekv_cli_print_warnings (const char *file,
                        GPtrArray  *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      EkvJsonWarning *warning = g_ptr_array_index (warnings, i);

      g_printerr ("%s:%u: %s: %s: %s\n", file, warning->line,
                  /* Translators: the word before a warning, as compilers print it */
                  _("warning"), warning->path, warning->message);
    }
}

/* A .json audit or an .ekv document: SQLite files say so in their first bytes;
 * otherwise a .json name or a leading '{' means JSON. */
static gboolean
looks_like_json (const char *path)
{
  char head[64] = { 0 };
  FILE *file;
  size_t n;

  if (g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON"))
    return TRUE;

  file = fopen (path, "rb");
  if (file == NULL)
    return FALSE;   /* the document opener says what is wrong */
  n = fread (head, 1, sizeof head - 1, file);
  fclose (file);

  if (n >= 16 && memcmp (head, "SQLite format 3", 16) == 0)
    return FALSE;
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isspace (head[i]))
      return head[i] == '{';
  return FALSE;
}

gboolean
ekv_cli_same_file (const char *a,
                   const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

EkvDocument *
ekv_cli_open_input (const char *path)
{
  g_autoptr(GError) error = NULL;
  EkvDocument *document;

  if (looks_like_json (path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ekv_json_warning_free);

      document = ekv_json_import_file (file, path, warnings, &error);
      ekv_cli_print_warnings (path, warnings);
      if (document == NULL)
        ekv_cli_user_error (NULL, error->message);   /* names the file and line */
      return document;
    }

  document = ekv_document_open (path, EKV_STORE_OPEN_READ_ONLY, &error);
  if (document == NULL)
    ekv_cli_user_error (NULL, error->message);       /* the store's messages name the file */
  return document;
}
