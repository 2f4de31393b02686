/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 * bench-minimal-window.c: the baseline of build-aux/bench-startup.
 *
 * The smallest GTK 4 + libadwaita application that looks like an app: one window
 * with a header bar and a label. With EKV_BENCH_FIRST_FRAME set it prints
 * "first-frame-us N" (CLOCK_MONOTONIC in microseconds, as g_get_monotonic_time ()
 * gives it on Linux) after its first frame has been painted, then quits. That is
 * the same protocol ekoverim follows, so the two start-up times compare directly.
 */

#include "config.h"

#include <adwaita.h>

/* ----------------------------------------------------------------------------
 * Callbacks
 */

static void
frame_clock_after_paint_cb (GdkFrameClock *clock,
                            gpointer       user_data)
{
  GtkWindow *window = GTK_WINDOW (user_data);
  gint64 now = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (clock, frame_clock_after_paint_cb, user_data);
  g_print ("first-frame-us %" G_GINT64_FORMAT "\n", now);
  gtk_window_destroy (window);
}

static void
window_map_cb (GtkWidget *window,
               gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect_object (clock, "after-paint",
                           G_CALLBACK (frame_clock_after_paint_cb), window, 0);
}

static void
application_activate_cb (GApplication *application,
                         gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("The first frame of a minimal window");

  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);

  if (g_getenv ("EKV_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (window, "map", G_CALLBACK (window_map_cb), NULL);

  gtk_window_present (GTK_WINDOW (window));
}

/* ----------------------------------------------------------------------------
 * Entry point
 */

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) application = NULL;

  application = adw_application_new ("org.ekoverim.BenchMinimalWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (application, "activate", G_CALLBACK (application_activate_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
