/* ekv-application.h: the desktop program's application object
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-window.h"

G_BEGIN_DECLS

#define EKV_TYPE_APPLICATION (ekv_application_get_type ())
G_DECLARE_FINAL_TYPE (EkvApplication, ekv_application, EKV, APPLICATION, AdwApplication)

EkvApplication *ekv_application_new              (void);

/* NULL when the settings schema is not installed (an uninstalled build without
 * GSETTINGS_SCHEMA_DIR): then nothing is remembered. */
GSettings      *ekv_application_get_settings     (EkvApplication *self);
GMenuModel     *ekv_application_get_recent_menu  (EkvApplication *self);
/* Recent documents that still exist, most recent first. */
char          **ekv_application_get_recent_paths (EkvApplication *self);

/* Where new audits go: the user's documents folder (or home) / "Ekoverim". */
char           *ekv_application_get_audits_dir   (void);

/* Opens PATH in a window (an empty window, the window already showing it, or a
 * new one) and remembers it among the recent documents. */
EkvWindow      *ekv_application_open_path        (EkvApplication *self,
                                                  const char     *path,
                                                  GError        **error);
/* A new blank audit in FOLDER (NULL: ekv_application_get_audits_dir ()), named
 * after today, "Audit 2026-11-28.ekv", then " (2)", ... */
EkvWindow      *ekv_application_new_audit        (EkvApplication *self,
                                                  const char     *folder,
                                                  GError        **error);
/* The bundled sample audit imported into a new document in FOLDER. */
EkvWindow      *ekv_application_new_from_sample  (EkvApplication *self,
                                                  const char     *folder,
                                                  GError        **error);

G_END_DECLS
