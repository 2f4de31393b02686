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

/* A new argument vector, the built ekv first. */
static GPtrArray *
new_argv (void)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  const char *root = g_getenv ("EKV_BUILD_ROOT");

  g_assert_nonnull (root);
  g_ptr_array_add (argv, g_build_filename (root, "app", "ekv", NULL));
  return argv;
}

/* Runs ARGV (NULL-terminated) as ekv_test_run() says. */
static void
run_argv (EkvTestRun *run,
          const char *workdir,
          const char *locale,
          GPtrArray  *argv)
{
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

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
ekv_test_run_valist (EkvTestRun *run,
                     const char *workdir,
                     const char *locale,
                     va_list     args)
{
  g_autoptr(GPtrArray) argv = new_argv ();
  const char *arg;

  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);
  run_argv (run, workdir, locale, argv);
}

void
ekv_test_run_args (EkvTestRun        *run,
                   const char        *workdir,
                   const char        *locale,
                   const char *const *args,
                   gsize              n_args)
{
  g_autoptr(GPtrArray) argv = new_argv ();

  for (gsize i = 0; i < n_args && args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  run_argv (run, workdir, locale, argv);
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

void
ekv_test_assert_one_line (const char *err)
{
  guint lines = 0;

  g_assert_true (g_str_has_prefix (err, "ekv"));
  g_assert_true (g_str_has_suffix (err, "\n"));
  for (const char *p = err; *p != '\0'; p++)
    lines += *p == '\n';
  g_assert_cmpuint (lines, ==, 1);
}

gboolean
ekv_test_tr_locale_installed (void)
{
  return g_file_test ("/usr/lib/locale/tr_TR.utf8", G_FILE_TEST_IS_DIR)
         || g_file_test ("/usr/lib/locale/locale-archive", G_FILE_TEST_EXISTS);
}
