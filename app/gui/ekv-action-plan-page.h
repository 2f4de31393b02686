/* ekv-action-plan-page.h: the implementation plan of the approved options (phase V)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"
#include "ekv-field-row.h"

G_BEGIN_DECLS

#define EKV_TYPE_ACTION_PLAN_PAGE (ekv_action_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvActionPlanPage, ekv_action_plan_page, EKV, ACTION_PLAN_PAGE,
                      AdwPreferencesPage)

GtkWidget   *ekv_action_plan_page_new          (EkvDocument       *document);

/* What an option's Add Action button does: a planned action of OPTION_ID at the
 * end of the plan, its row opened. NULL with ERROR if the document refuses. */
EkvRecord   *ekv_action_plan_page_add_action   (EkvActionPlanPage *self,
                                                const char        *option_id,
                                                GError           **error);
/* What an action's Delete button does: removed at once, with Undo in a toast. */
void         ekv_action_plan_page_remove_action (EkvActionPlanPage *self,
                                                 EkvRecord         *action);
/* The row editing field KEY ("action", "responsible", "start", "end",
 * "budget") of ACTION, once its row is open; NULL otherwise. */
EkvFieldRow *ekv_action_plan_page_get_field_row (EkvActionPlanPage *self,
                                                 EkvRecord         *action,
                                                 const char        *key);
/* How many option groups the page shows. */
guint        ekv_action_plan_page_get_n_groups (EkvActionPlanPage *self);

G_END_DECLS
