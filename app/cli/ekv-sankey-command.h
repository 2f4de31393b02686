/* ekv-sankey-command.h: “ekv sankey”, an audit's Sankey chart or a graph's layout
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* As ekv --help lists it (“ekv sankey --help” shows both forms in full). */
#define EKV_SANKEY_COMMAND_PARAMETERS "IN --view VIEW --png OUT"

/* Runs “ekv sankey” with ARGV[0] = "sankey"; returns the exit status (0 done,
 * 1 a problem with a file or value, 2 wrong usage). */
int ekv_sankey_command_run (int    argc,
                            char **argv);

G_END_DECLS
