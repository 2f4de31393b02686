/* ekv-test-cli.h: running the built ekv program from the cli tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;   /* exit status */
  char *out;      /* stdout */
  char *err;      /* stderr */
} EkvTestRun;

void ekv_test_run_clear (EkvTestRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EkvTestRun, ekv_test_run_clear)

/* Runs EKV_BUILD_ROOT/app/ekv with the NULL-terminated arguments in WORKDIR
 * (NULL: the current folder) with LC_ALL=LOCALE and no LANGUAGE. Under the
 * sanitizers the suppressed leaks are not listed on the stderr tests read. */
void ekv_test_run       (EkvTestRun *run,
                         const char *workdir,
                         const char *locale,
                         ...) G_GNUC_NULL_TERMINATED;
void ekv_test_run_valist (EkvTestRun *run,
                          const char *workdir,
                          const char *locale,
                          va_list     args);
/* The same with the arguments of ARGS up to its first NULL or N_ARGS of them
 * (a row of a table of cases). */
void ekv_test_run_args   (EkvTestRun        *run,
                          const char        *workdir,
                          const char        *locale,
                          const char *const *args,
                          gsize              n_args);

/* ERR (a run's stderr) is one line starting with "ekv": how ekv reports a user
 * error. */
void     ekv_test_assert_one_line     (const char *err);

/* Whether the system has tr_TR.UTF-8 locale data (a tr_TR.utf8 folder or a
 * locale archive) for a run with LC_ALL=tr_TR.UTF-8: the tests skip without. */
gboolean ekv_test_tr_locale_installed (void);

G_END_DECLS
