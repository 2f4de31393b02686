/* ekv-test-gui.h: what the GUI test programs share
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-application.h"
#include "ekv-window.h"

G_BEGIN_DECLS

/* g_test_init () keeping the system's MIME database (GdkPixbuf needs it for SVG
 * icons; G_TEST_OPTION_ISOLATE_DIRS hides the data dirs), then adw_init ().
 * Without a display prints a TAP plan that skips everything and returns FALSE:
 * main () then returns 0. */
gboolean     ekv_test_gui_init         (int         *argc,
                                        char      ***argv);

/* The sample opened as a user gets it from "New Audit from Sample", in a new
 * application and a temporary folder (PREFIX names it). With PRESENT the window
 * is shown at 1280×800 and the main loop runs until it is on a monitor
 * (popovers need one). */
void         ekv_test_open_sample      (const char      *prefix,
                                        gboolean         present,
                                        EkvApplication **app,
                                        char           **dir,
                                        EkvWindow      **window);
/* Closes the window and the application, and removes the folder. */
void         ekv_test_close_sample     (EkvApplication **app,
                                        char           **dir,
                                        EkvWindow      **window);

/* Runs what is pending, with a bound: an animation must not keep a test here. */
void         ekv_test_spin             (void);
/* Runs the main loop until DONE (DATA) is true; fails the test after MS. */
void         ekv_test_wait_until       (gboolean       (*done) (gpointer data),
                                        gpointer         data,
                                        guint            ms);
/* The first widget of TYPE under ROOT, not looking into popovers (a drop-down's
 * has widgets of its own), or NULL. */
GtkWidget   *ekv_test_find_widget      (GtkWidget       *root,
                                        GType            type);
/* The first widget under ROOT (ROOT included, popovers too) that MATCH takes. */
typedef gboolean (*EkvTestMatch) (GtkWidget     *widget,
                                  gconstpointer  data);
GtkWidget   *ekv_test_find             (GtkWidget       *root,
                                        EkvTestMatch     match,
                                        gconstpointer    data);
/* The EkvFieldRow editing the field KEY. */
GtkWidget   *ekv_test_find_field_row   (GtkWidget       *root,
                                        const char      *key);
/* A visible button with the icon ICON_NAME or the label LABEL (either may be NULL). */
GtkWidget   *ekv_test_find_button      (GtkWidget       *root,
                                        const char      *icon_name,
                                        const char      *label);
/* PATH opened read-only, to see what reached the file. */
EkvDocument *ekv_test_reopen           (const char      *path);

G_END_DECLS
