/* ekv-report-command.h: “ekv report”, the management report as PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* As ekv --help lists it. */
#define EKV_REPORT_COMMAND_PARAMETERS "IN --pdf OUT.pdf [--lang tr|en] [--paper a4|a3]"

/* Runs “ekv report” with ARGV[0] = "report"; returns the exit status (0 done,
 * 1 a problem with a file or value, 2 wrong usage). */
int ekv_report_command_run (int    argc,
                            char **argv);

G_END_DECLS
