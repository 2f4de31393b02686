/* ekv-sankey-private.h: what the Sankey layout shares with its JSON reader
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include "ekv-sankey.h"

G_BEGIN_DECLS

/* Sets CIRCULAR[k] (one per link of GRAPH, whose indices must be valid) for
 * the links drawn around the diagram: self-links and the links that close a
 * cycle. Of the links of a cycle the one going back in breadth-first depth
 * from the sources, and of those the smallest flow, is taken, so a recycle
 * (a small flow returned upstream) is chosen rather than the main line. */
void _ekv_sankey_find_circular (const EkvSankeyGraph *graph,
                                gboolean             *circular);

G_END_DECLS
