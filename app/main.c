/* main.c: the ekoverim desktop program
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "ekv-application.h"
#include "ekv-language.h"

/* EKV_BENCH_FIRST_FRAME: print when the first window painted its first frame, then
 * quit (build-aux/bench-startup measures start-up with it). */

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
window_map_cb (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (after_paint_cb), window, 0);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (application, window_added_cb, NULL);
  g_signal_connect (window, "map", G_CALLBACK (window_map_cb), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(EkvApplication) application = NULL;
  const char *localedir = g_getenv ("EKV_LOCALEDIR");

  /* GTK calls setlocale (LC_ALL, "") again; the language scopes of exports need
   * the user's locale now (ekv_language_init()). ekoverim-uninstalled points at
   * the build's po/. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  ekv_language_init ();

  application = ekv_application_new ();
  if (g_getenv ("EKV_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
