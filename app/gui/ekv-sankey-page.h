/* ekv-sankey-page.h: the audit's Sankey diagrams, followed live, exported and printed
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"
#include "ekv-sankey-chart.h"
#include "ekv-sankey-graph.h"

G_BEGIN_DECLS

#define EKV_TYPE_SANKEY_PAGE (ekv_sankey_page_get_type ())
G_DECLARE_FINAL_TYPE (EkvSankeyPage, ekv_sankey_page, EKV, SANKEY_PAGE, AdwBin)

GtkWidget      *ekv_sankey_page_new           (EkvDocument       *document);

void            ekv_sankey_page_set_view      (EkvSankeyPage     *self,
                                               EkvSankeyView      view);
EkvSankeyView   ekv_sankey_page_get_view      (EkvSankeyPage     *self);
EkvSankeyChart *ekv_sankey_page_get_chart     (EkvSankeyPage     *self);
/* Why nothing is drawn, or NULL when the diagram is shown. */
const char     *ekv_sankey_page_get_message   (EkvSankeyPage     *self);

/* What Export does once a file is chosen. */
gboolean        ekv_sankey_page_export        (EkvSankeyPage     *self,
                                               EkvChartFormat    format,
                                               const char        *path,
                                               GError           **error);
/* What Print does, printed to a PDF file instead of a printer (no dialogue). */
gboolean        ekv_sankey_page_print_to_file (EkvSankeyPage     *self,
                                               const char        *path,
                                               GError           **error);

G_END_DECLS
