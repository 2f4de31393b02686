/* ekv-json-export.h: an EkvDocument -> the JSON interchange format
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ekv-document.h"

G_BEGIN_DECLS

/* The audit as audit-format.md lays it out: keys in the order of its tables,
 * lists in document order, unset optional fields and empty lists left out, a
 * flow's from and to always written (null: outside the plant). */
JsonNode *ekv_json_export_node   (EkvDocument  *document);
/* The same as text (ekv_json_write()). */
char     *ekv_json_export_string (EkvDocument  *document);
/* Writes the text to a temporary file renamed over FILE only on success. The
 * error (EKV_JSON_ERROR_IO) does not repeat the file name. */
gboolean  ekv_json_export_file   (EkvDocument  *document,
                                  GFile        *file,
                                  GError      **error);

G_END_DECLS
