/* ekv-team-page.h: the audit team and management commitment (phase I)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_TEAM_PAGE (ekv_team_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvTeamPage, ekv_team_page, EKV, TEAM_PAGE, AdwPreferencesPage)

GtkWidget *ekv_team_page_new (EkvDocument *document);

G_END_DECLS
