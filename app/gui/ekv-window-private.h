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
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  AdwWindowTitle       *window_title;
  GtkStack             *page_stack;
  GMenu                *recent_section;

  /* Owned references */
  EkvDocument          *document;
  GSettings            *settings;
  GBinding             *title_binding;
};

void _ekv_window_class_actions_init (EkvWindowClass *klass);
void _ekv_window_update_actions     (EkvWindow      *self);

G_END_DECLS
