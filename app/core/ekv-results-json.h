/* ekv-results-json.h: the figures of an audit as results-format.md defines them
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ekv-balance.h"
#include "ekv-document.h"
#include "ekv-options.h"

G_BEGIN_DECLS

/* BALANCE (computed from DOCUMENT) as the JSON object of results-format.md, keys
 * in its order: audit, plant (with production and indicators), units, carriers,
 * options, portfolio, after. Figures are doubles at full precision; a figure
 * that cannot be computed is null with the reason in a sibling "<key>_note".
 * The options (ekv_options_compute()) and the "after" scenario
 * (ekv_scenario_after()) are computed here. Write it with ekv_json_write(),
 * which never depends on the locale. */
JsonNode *ekv_results_to_json      (EkvDocument *document,
                                    EkvBalance  *balance);

/* The same with the options and the after scenario's balance already computed
 * (to share them with a table). AFTER may be NULL: its figures are then null
 * with AFTER_NOTE as the reason. */
JsonNode *ekv_results_to_json_full (EkvDocument *document,
                                    EkvBalance  *balance,
                                    EkvOptions  *options,
                                    EkvBalance  *after,
                                    const char  *after_note);

G_END_DECLS
