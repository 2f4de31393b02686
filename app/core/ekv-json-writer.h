/* ekv-json-writer.h: JSON text that people can read and diff
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* NODE as UTF-8 JSON text, objects and lists one member per line, indented by two
 * spaces, members in their insertion order, numbers in their shortest exact form
 * (ekv_number_to_string()), ending in a newline. */
char *ekv_json_write (JsonNode *node);

G_END_DECLS
