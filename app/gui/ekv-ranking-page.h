/* ekv-ranking-page.h: the weighted criteria matrix of the options (phase IV)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_RANKING_PAGE (ekv_ranking_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvRankingPage, ekv_ranking_page, EKV, RANKING_PAGE, AdwPreferencesPage)

GtkWidget   *ekv_ranking_page_new             (EkvDocument    *document);

/* The criteria, in the matrix's order (owned by the page). */
GPtrArray   *ekv_ranking_page_get_criteria    (EkvRankingPage *self);
/* The place of option ID (1 = best; options with equal totals share one), or 0
 * if it is not ranked (rejected, or no such option). */
guint        ekv_ranking_page_get_rank        (EkvRankingPage *self,
                                               const char     *id);
/* Its weighted total, 0–1 (DOMAIN.md §2.8); NAN if not ranked. */
double       ekv_ranking_page_get_total       (EkvRankingPage *self,
                                               const char     *id);
/* The cell where option ID's score for CRITERION is typed, or NULL. */
GtkEditable *ekv_ranking_page_get_score_entry (EkvRankingPage *self,
                                               const char     *id,
                                               const char     *criterion);
/* Where the decision on option ID (its status: proposed … rejected, in
 * EkvOptionStatus order) is chosen, or NULL. */
GtkDropDown *ekv_ranking_page_get_decision    (EkvRankingPage *self,
                                               const char     *id);
/* A criterion's weight, as a share of the weights' sum once normalised. */
void         ekv_ranking_page_set_weight      (EkvRankingPage *self,
                                               const char     *criterion,
                                               double          weight);
/* What "Add Criterion" does: a column with no scores yet. */
void         ekv_ranking_page_add_criterion   (EkvRankingPage *self,
                                               const char     *criterion);

G_END_DECLS
