/* ekv-scenario.h: the audit as it would be with its approved options carried out
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The "after" scenario of results-format.md is a whole document: a new,
 * in-memory copy of the audit whose flows carry the changes of every option
 * with status approved, in progress or done. Because it is an ordinary
 * EkvDocument, ekv_balance_compute(), the indicators and the Sankey graph work on
 * it unchanged, and "before" and "after" are counted by the same code.
 *
 * A change applies in the flow's own unit and period: `delta` is added to the
 * quantity, `delta_pct` adds that percent of the baseline quantity. Several
 * options on one flow add up. A quantity driven below zero is set to zero and
 * reported as a warning.
 *
 * The copy is the whole document copied in memory through SQLite's backup API
 * (ekv_document_copy()), its changed flows then edited in one transaction: every
 * record is there, options included. On the bundled sample it takes a few
 * milliseconds (tests/bench-scenario, `meson test --benchmark scenario`), cheap
 * enough to redo after every burst of edits. The copy is not linked to the
 * original: edits to one never reach the other.
 */
#pragma once

#include <glib.h>

#include "ekv-document.h"

G_BEGIN_DECLS

/* A new in-memory document: DOCUMENT with the changes of its approved,
 * in-progress and done options applied. NULL with ERROR only when the copy
 * cannot be made (which would be a bug: the original is valid). */
EkvDocument *ekv_scenario_after      (EkvDocument  *document,
                                      GError      **error);

/* The same; WARNINGS, if not NULL, receives translated messages (char *, owned
 * by the array: create it with g_ptr_array_new_with_free_func (g_free)) about
 * quantities that had to be set to zero. */
EkvDocument *ekv_scenario_after_full (EkvDocument  *document,
                                      GPtrArray    *warnings,
                                      GError      **error);

G_END_DECLS
