/* ekv-text-area.h: several lines of free text of one record field
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <adwaita.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_TYPE_TEXT_AREA (ekv_text_area_get_type ())
G_DECLARE_FINAL_TYPE (EkvTextArea, ekv_text_area, EKV, TEXT_AREA, GtkWidget)

const char *ekv_text_area_get_key    (EkvTextArea *self);
void        ekv_text_area_set_source (EkvTextArea *self,
                                      EkvDocument *document,
                                      EkvRecord   *record);
EkvRecord  *ekv_text_area_get_record (EkvTextArea *self);
GtkTextBuffer *ekv_text_area_get_buffer (EkvTextArea *self);

G_END_DECLS
