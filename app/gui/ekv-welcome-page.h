/* ekv-welcome-page.h: what a window shows before an audit is open
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EKV_TYPE_WELCOME_PAGE (ekv_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvWelcomePage, ekv_welcome_page, EKV, WELCOME_PAGE, GtkBox)

GtkWidget *ekv_welcome_page_new        (GMenuModel         *menu);
/* The recent audits to offer, most recent first. */
void       ekv_welcome_page_set_recent (EkvWelcomePage     *self,
                                        const char * const *paths);

G_END_DECLS
