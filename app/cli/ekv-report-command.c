/* ekv-report-command.c: “ekv report”, the management report as PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 *   ekv report IN --pdf OUT.pdf [--lang tr|en] [--paper a4|a3]
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-cli.h"
#include "ekv-report.h"
#include "ekv-report-command.h"

#define COMMAND "report"

int
ekv_report_command_run (int    argc,
                        char **argv)
{
  g_autofree char *pdf = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *paper_nick = NULL;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the report as PDF to OUT.pdf"),
      N_("OUT.pdf") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      N_("The report's language: tr or en (default: the language of the messages)"),
      N_("LANG") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_nick, N_("Paper size: a4 (default) or a3"),
      N_("PAPER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (EKV_REPORT_COMMAND_PARAMETERS);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = NULL;
  g_autoptr(EkvReport) report = NULL;
  EkvLanguage language = ekv_language_get_ui ();
  EkvReportPaper paper = EKV_REPORT_PAPER_A4;
  const char *in;

  g_set_prgname ("ekv " COMMAND);
  g_option_context_set_summary (context, _("Write the management report of an audit as PDF"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("IN is an .ekv document or a .json audit. The report has a "
                                      "cover, the executive summary, the company and its process, "
                                      "the baseline, the balances, the Sankey diagrams before and "
                                      "after the options, the options with their economics, the "
                                      "cost curve, the action plan, the KPIs and the factors "
                                      "used, paginated for print with every font embedded."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return ekv_cli_usage_error (COMMAND, error->message);
  if (argc != 2)
    return ekv_cli_usage_error (COMMAND, _("expected IN --pdf OUT.pdf"));
  if (pdf == NULL)
    return ekv_cli_usage_error (COMMAND, _("say what to write: --pdf OUT.pdf"));
  if (lang != NULL && !ekv_language_from_code (lang, &language, &error))
    return ekv_cli_usage_error (COMMAND, error->message);
  if (paper_nick != NULL && !ekv_report_paper_from_nick (paper_nick, &paper))
    {
      /* Translators: %s is what was given after --paper */
      g_autofree char *message = g_strdup_printf (_("unknown paper “%s”: use a4 or a3"),
                                                  paper_nick);
      return ekv_cli_usage_error (COMMAND, message);
    }

  in = argv[1];
  if (ekv_cli_same_file (in, pdf))
    return ekv_cli_user_error (pdf, _("is the audit being reported; write the report to another "
                                      "file"));
  document = ekv_cli_open_input (in);
  if (document == NULL)
    return EKV_EXIT_USER;

  report = ekv_report_new (document, language, paper, &error);
  if (report == NULL)
    return ekv_cli_user_error (NULL, error->message);
  if (!ekv_report_write_pdf (report, pdf, &error))
    return ekv_cli_user_error (NULL, error->message);   /* names the file */
  return EKV_EXIT_OK;
}
