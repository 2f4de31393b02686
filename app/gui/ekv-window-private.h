/* ekv-window-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include "ekv-window.h"

G_BEGIN_DECLS

struct _EkvWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  AdwWindowTitle       *window_title;
  GtkStack             *page_stack;
  GtkMenuButton        *sidebar_menu_button;
  GMenuModel           *primary_menu;
  GMenu                *recent_section;
  GtkWidget            *welcome_page; /* only for a window that starts without an audit */

  /* Owned references */
  EkvDocument          *document;
  GSettings            *settings;
  GBinding             *title_binding;
};

void _ekv_window_class_actions_init (EkvWindowClass *klass);
void _ekv_window_update_actions     (EkvWindow      *self);

G_END_DECLS
