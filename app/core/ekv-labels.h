/* ekv-labels.h: translated names of stored enumeration values, for people
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The translated label of VALUE of a stored enum type (EKV_TYPE_FLOW_KIND, ...):
 * ekv_enum_get_label (EKV_TYPE_FLOW_KIND, EKV_FLOW_KIND_RAW_MATERIAL) is "Raw material".
 * Falls back to the value's nick for a value without a label; NULL for an unknown value. */
const char *ekv_enum_get_label          (GType  enum_type,
                                         int    value);
/* The untranslated (English) label, for exports that ask for English. */
const char *ekv_enum_get_label_untranslated (GType  enum_type,
                                             int    value);

G_END_DECLS
