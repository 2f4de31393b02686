/* ekv.c: the command-line program (no display needed)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Exit status: 0 success, 1 a user error (one line on stderr naming the file and
 * what is wrong), 2 bad usage. See ARCHITECTURE.md.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-balance.h"
#include "ekv-cli.h"
#include "ekv-document.h"
#include "ekv-json-export.h"
#include "ekv-json-import.h"
#include "ekv-json-writer.h"
#include "ekv-language.h"
#include "ekv-results-json.h"
#include "ekv-results-table.h"
#include "ekv-report-command.h"
#include "ekv-sankey-command.h"
#include "ekv-scenario.h"
#include "ekv-xlsx.h"

typedef struct
{
  const char *name;
  const char *parameters; /* as --help shows them */
  const char *summary;    /* N_() */
  int       (*run) (int    argc,
                    char **argv);
} Command;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

/* Translations of the build tree when running from it (or when EKV_LOCALEDIR
 * says where they are), of the installation otherwise. */
static char *
get_locale_dir (void)
{
  const char *env = g_getenv ("EKV_LOCALEDIR");
  g_autofree char *exe = NULL;
  g_autofree char *build_root = NULL;
  g_autofree char *build_prefix = NULL;

  if (env != NULL)
    return g_strdup (env[0] != '\0' ? env : BUILD_LOCALEDIR);

  exe = g_file_read_link ("/proc/self/exe", NULL);
  build_root = g_path_get_dirname (BUILD_LOCALEDIR);
  build_prefix = g_strconcat (build_root, G_DIR_SEPARATOR_S, NULL);
  if (exe != NULL && g_str_has_prefix (exe, build_prefix))
    return g_strdup (BUILD_LOCALEDIR);

  return g_strdup (LOCALEDIR);
}

static GOptionContext *
command_context (const Command *command)
{
  GOptionContext *context = g_option_context_new (command->parameters);
  g_autofree char *prgname = g_strdup_printf ("ekv %s", command->name);

  g_set_prgname (prgname);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return context;
}

static gboolean
parse_command (GOptionContext  *context,
               const Command   *command,
               int             *argc,
               char          ***argv,
               int              n_arguments,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = ekv_cli_usage_error (command->name, error->message);
      return FALSE;
    }
  if (*argc - 1 != n_arguments)
    {
      g_autofree char *message = g_strdup_printf (_("expected %s"), command->parameters);

      *status = ekv_cli_usage_error (command->name, message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Commands                                                                 */

static int run_import (int argc, char **argv);
static int run_export (int argc, char **argv);
static int run_check  (int argc, char **argv);
static int run_results (int argc, char **argv);

static const Command commands[] = {
  /* Translators: the summaries of the commands, shown by ekv --help */
  { "import", "AUDIT.json OUT.ekv", N_("Turn a JSON audit into a new document (all or nothing)"), run_import },
  { "export", "IN (--json OUT.json | --xlsx OUT.xlsx [--lang tr|en])",
    N_("Write a document or JSON audit as a JSON audit or an Excel workbook"), run_export },
  { "check", "IN", N_("Check a document or JSON audit without changing it"), run_check },
  { "results", "IN [--json]", N_("Print the balances, indicators, TEP and CO₂ of an audit"),
    run_results },
  { "sankey", EKV_SANKEY_COMMAND_PARAMETERS, N_("Draw the Sankey chart of an audit, or lay out a graph"),
    ekv_sankey_command_run },
  { "report", EKV_REPORT_COMMAND_PARAMETERS, N_("Write the management report of an audit as PDF"),
    ekv_report_command_run },
};

static int
run_import (int    argc,
            char **argv)
{
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace OUT.ekv if it exists"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context (&commands[0]);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ekv_json_warning_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  const char *in, *out;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("The document is built in memory and written only when the "
                                      "whole audit is valid: an invalid file writes nothing."));
  if (!parse_command (context, &commands[0], &argc, &argv, 2, &status))
    return status;
  in = argv[1];
  out = argv[2];

  if (!force && g_file_test (out, G_FILE_TEST_EXISTS))
    return ekv_cli_user_error (out, _("already exists; use --force to replace it"));

  file = g_file_new_for_commandline_arg (in);
  document = ekv_json_import_file (file, in, warnings, &error);
  ekv_cli_print_warnings (in, warnings);
  if (document == NULL)
    return ekv_cli_user_error (NULL, error->message);

  if (!ekv_document_save_copy (document, out, &error))
    return ekv_cli_user_error (out, error->message);

  return EKV_EXIT_OK;
}

/* A document still being filled in (a new audit in the window) may lack what the
 * JSON format requires; say so rather than hand out JSON that will not import. */
static void
warn_incomplete (const char  *file,
                 EkvDocument *document)
{
  const char *name = ekv_record_get_string (ekv_document_get_company (document), EKV_COMPANY_NAME);

  if (name == NULL || *name == '\0')
    {
      /* Translators: %s is a file name; keep "company.name" as it is (a JSON key) */
      g_autofree char *message = g_strdup_printf (_("%s: warning: company.name: the firm name is "
                                                    "empty; a JSON audit needs it to be imported"),
                                                  file);
      g_printerr ("%s\n", message);
    }
}

static int
run_export (int    argc,
            char **argv)
{
  g_autofree char *json_out = NULL;
  g_autofree char *xlsx_out = NULL;
  g_autofree char *lang = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_out, N_("Write the audit as JSON to OUT.json"),
      N_("OUT.json") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx_out,
      N_("Write the audit as an Excel workbook to OUT.xlsx"), N_("OUT.xlsx") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      N_("The workbook's language: tr or en (default: the language of the messages)"), N_("tr|en") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context (&commands[1]);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  EkvLanguage language = ekv_language_get_ui ();
  const char *out;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("--xlsx writes a workbook that stays live in Excel and "
                                      "LibreOffice: inputs in cells, balances, savings, NPV and IRR "
                                      "as formulas over them, with charts and the Sankey diagrams."));
  if (!parse_command (context, &commands[1], &argc, &argv, 1, &status))
    return status;
  if ((json_out == NULL) == (xlsx_out == NULL))
    return ekv_cli_usage_error (commands[1].name,
                                _("say what to write: --json OUT.json or --xlsx OUT.xlsx"));
  if (lang != NULL && xlsx_out == NULL)
    return ekv_cli_usage_error (commands[1].name, _("--lang is for --xlsx"));
  if (lang != NULL && !ekv_language_from_code (lang, &language, &error))
    return ekv_cli_usage_error (commands[1].name, error->message);
  out = json_out != NULL ? json_out : xlsx_out;
  if (ekv_cli_same_file (argv[1], out))
    return ekv_cli_user_error (out, json_out != NULL
                                    ? _("is the file being exported; write the JSON audit to another file")
                                    : _("is the file being exported; write the workbook to another file"));

  document = ekv_cli_open_input (argv[1]);
  if (document == NULL)
    return EKV_EXIT_USER;

  if (xlsx_out != NULL)
    {
      if (!ekv_xlsx_export (document, xlsx_out, language, NULL, NULL, NULL, &error))
        return ekv_cli_user_error (NULL, error->message);   /* names the file */
      return EKV_EXIT_OK;
    }

  file = g_file_new_for_commandline_arg (json_out);
  if (!ekv_json_export_file (document, file, &error))
    return ekv_cli_user_error (json_out, error->message);

  warn_incomplete (argv[1], document);
  return EKV_EXIT_OK;
}

static int
run_check (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = command_context (&commands[2]);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = NULL;
  g_autofree char *units = NULL;
  g_autofree char *flows = NULL;
  g_autofree char *options = NULL;
  const char *in;
  guint n;
  int status;

  g_option_context_set_description (context,
                                    _("Checks the file's integrity, its schema and the audit's rules. "
                                      "The file is opened read-only and never changed."));
  if (!parse_command (context, &commands[2], &argc, &argv, 1, &status))
    return status;
  in = argv[1];

  document = ekv_cli_open_input (in);
  if (document == NULL)
    return EKV_EXIT_USER;

  if (ekv_document_get_path (document) != NULL &&
      !ekv_store_check (ekv_document_get_store (document), &error))
    return ekv_cli_user_error (NULL, error->message);

  n = g_list_model_get_n_items (ekv_document_get_list (document, EKV_ENTITY_UNIT_OPERATION));
  /* Translators: part of "FILE: OK — 12 unit operations, 64 flows, 8 options" */
  units = g_strdup_printf (ngettext ("%u unit operation", "%u unit operations", n), n);
  n = g_list_model_get_n_items (ekv_document_get_list (document, EKV_ENTITY_FLOW));
  /* Translators: part of "FILE: OK — 12 unit operations, 64 flows, 8 options" */
  flows = g_strdup_printf (ngettext ("%u flow", "%u flows", n), n);
  n = g_list_model_get_n_items (ekv_document_get_list (document, EKV_ENTITY_OPTION));
  /* Translators: part of "FILE: OK — 12 unit operations, 64 flows, 8 options" */
  options = g_strdup_printf (ngettext ("%u option", "%u options", n), n);

  /* Translators: a file name, then counts of unit operations, flows and options */
  g_print (_("%s: OK — %s, %s, %s"), in, units, flows, options);
  g_print ("\n");
  warn_incomplete (in, document);
  return EKV_EXIT_OK;
}

static int
run_results (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the figures as JSON, for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context (&commands[3]);
  g_autoptr(EkvDocument) document = NULL;
  g_autoptr(EkvBalance) balance = NULL;
  g_autoptr(EkvOptions) options = NULL;
  g_autoptr(EkvDocument) after_document = NULL;
  g_autoptr(EkvBalance) after = NULL;
  g_autoptr(GPtrArray) after_warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) after_error = NULL;
  g_autofree char *text = NULL;
  const char *in;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Prints a table for people by default: the plant's mass, "
                                      "water and energy balances, the indicators per tonne of "
                                      "production, one line per unit operation and bought energy per "
                                      "carrier, then every option's saving, payback, NPV, IRR and CO₂ "
                                      "avoided, the portfolio of approved options and the plant's "
                                      "totals after them, in the language and number format of the "
                                      "locale. --json prints the same figures for scripts, never "
                                      "depending on the locale."));
  if (!parse_command (context, &commands[3], &argc, &argv, 1, &status))
    return status;
  in = argv[1];

  document = ekv_cli_open_input (in);
  if (document == NULL)
    return EKV_EXIT_USER;

  balance = ekv_balance_compute (document);
  options = ekv_options_compute (document, balance);
  after_document = ekv_scenario_after_full (document, after_warnings, &after_error);
  if (after_document != NULL)
    after = ekv_balance_compute (after_document);
  if (!json)
    {
      text = ekv_results_format_table_full (document, balance, options, after, after_warnings);
      g_print ("%s", text);   /* in the terminal's character set */
      return EKV_EXIT_OK;
    }

  /* The "_note" reasons are English whatever the locale: --json is for scripts. */
  {
    g_autoptr(JsonNode) root = ekv_results_to_json_full (document, balance, options, after,
                                                         after_error != NULL ? after_error->message
                                                                             : NULL);

    text = ekv_json_write (root);
  }
  /* Scripts read stdout; what could not be counted goes to stderr, for people. */
  for (guint i = 0; i < balance->warnings->len; i++)
    {
      const EkvBalanceWarning *warning = g_ptr_array_index (balance->warnings, i);

      g_printerr ("%s: %s: %s\n", in, _("warning"), warning->message);
    }
  for (guint i = 0; i < after_warnings->len; i++)
    g_printerr ("%s: %s: %s\n", in, _("warning"),
                (const char *) g_ptr_array_index (after_warnings, i));

  /* JSON is UTF-8 whatever the locale: no conversion by g_print(). */
  fputs (text, stdout);
  return EKV_EXIT_OK;
}

/* ------------------------------------------------------------------------ */
/* main                                                                     */

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage: ekv COMMAND [OPTION…] ARGUMENT…"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *synopsis = g_strdup_printf ("%s %s", commands[i].name, commands[i].parameters);

      g_print ("  %-28s %s\n", synopsis, _(commands[i].summary));
    }
  g_print ("\n%s\n", _("IN is an Ekoverim document (.ekv) or a JSON audit (.json)."));
  g_print ("%s\n\n", _("“ekv COMMAND --help” shows the options of a command."));
  g_print ("%s\n", _("Options:"));
  g_print ("  -h, --help     %s\n", _("Show this help"));
  g_print ("  --version      %s\n", _("Show the version"));
  g_print ("\n%s\n", _("Exit status: 0 done, 1 a problem with a file or value, 2 wrong usage."));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *locale_dir = NULL;
  g_autofree char *message = NULL;

  setlocale (LC_ALL, "");
  locale_dir = get_locale_dir ();
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ekv_language_init ();
  g_set_prgname ("ekv");

  if (argc < 2)
    return ekv_cli_usage_error (NULL, _("no command given"));

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_help ();
      return EKV_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("ekv %s\n", PACKAGE_VERSION);
      return EKV_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  /* Translators: %s is what was typed where a command belongs */
  message = g_strdup_printf (argv[1][0] == '-' ? _("unknown option “%s”") : _("unknown command “%s”"),
                             argv[1]);
  return ekv_cli_usage_error (NULL, message);
}
