/* ekv-cli.h: what every ekv command shares: exit codes, messages, reading IN
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include "ekv-document.h"

G_BEGIN_DECLS

/* Exit status (ARCHITECTURE.md): 0 success, 1 a user error (one line on stderr
 * naming the file and what is wrong), 2 bad usage. */
enum
{
  EKV_EXIT_OK    = 0,
  EKV_EXIT_USER  = 1,
  EKV_EXIT_USAGE = 2,
};

/* Prints MESSAGE about COMMAND (NULL for ekv itself) and where help is; returns
 * EKV_EXIT_USAGE. */
int          ekv_cli_usage_error    (const char *command,
                                     const char *message);
/* Prints "ekv: FILE: MESSAGE" (FILE may be NULL); returns EKV_EXIT_USER. */
int          ekv_cli_user_error     (const char *file,
                                     const char *message);
/* The JSON reader's warnings, "FILE:LINE: warning: PATH: MESSAGE". */
void         ekv_cli_print_warnings (const char *file,
                                     GPtrArray  *warnings);
/* Whether A and B name one existing file (another spelling, a link). */
gboolean     ekv_cli_same_file      (const char *a,
                                     const char *b);
/* Opens IN, an .ekv document (read-only, never written) or a .json audit;
 * prints the error itself and returns NULL on failure. */
EkvDocument *ekv_cli_open_input     (const char *path);

G_END_DECLS
