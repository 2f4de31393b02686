/* ekv-test-cli.c: running the built ekv program from the cli tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <sys/wait.h>

#include "ekv-test-cli.h"

void
ekv_test_run_clear (EkvTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
ekv_test_run_valist (EkvTestRun *run,
                     const char *workdir,
                     const char *locale,
                     va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *root = g_getenv ("EKV_BUILD_ROOT");
  const char *arg;
  int wait_status = 0;

  g_assert_nonnull (root);
  g_ptr_array_add (argv, g_build_filename (root, "app", "ekv", NULL));
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);

  if (g_environ_getenv (envp, "LSAN_OPTIONS") != NULL)
    {
      g_autofree char *lsan = g_strconcat (g_environ_getenv (envp, "LSAN_OPTIONS"),
                                           ":print_suppressions=0", NULL);

      envp = g_environ_setenv (envp, "LSAN_OPTIONS", lsan, TRUE);
    }
  envp = g_environ_setenv (envp, "LC_ALL", locale, TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (workdir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d; stdout: %s; stderr: %s", run->status, run->out, run->err);
}

void
ekv_test_run (EkvTestRun *run,
              const char *workdir,
              const char *locale,
              ...)
{
  va_list args;

  va_start (args, locale);
  ekv_test_run_valist (run, workdir, locale, args);
  va_end (args);
}
