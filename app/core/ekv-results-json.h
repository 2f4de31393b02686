/* ekv-results-json.h: the figures of an audit as results-format.md defines them
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ekv-balance.h"
#include "ekv-document.h"

G_BEGIN_DECLS

/* BALANCE (computed from DOCUMENT) as the JSON object of results-format.md, keys
 * in its order: audit, plant (with production and indicators), units, carriers.
 * Figures are doubles at full precision; a figure that cannot be computed is
 * null with the reason in a sibling "<key>_note". options, portfolio and after
 * are not written yet (they come with the option economics). Write it with
 * ekv_json_write(), which never depends on the locale. */
JsonNode *ekv_results_to_json (EkvDocument *document,
                               EkvBalance  *balance);

G_END_DECLS
