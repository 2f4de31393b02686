/* ekv-json-import.h: an audit in the JSON interchange format -> an EkvDocument
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The import is driven by the entity descriptors (ekv-entity.h): every key, group
 * and list of audit-format.md comes from them. It is all-or-nothing: the first
 * error stops it and no document comes back. Unknown keys do not stop it; they are
 * collected as warnings.
 */
#pragma once

#include <gio/gio.h>

#include "ekv-document.h"

G_BEGIN_DECLS

#define EKV_JSON_FORMAT  "ekoverim-audit"
#define EKV_JSON_VERSION 1

#define EKV_JSON_ERROR (ekv_json_error_quark ())

typedef enum
{
  EKV_JSON_ERROR_IO,        /* the file cannot be read or written */
  EKV_JSON_ERROR_SYNTAX,    /* not JSON, truncated, not UTF-8 */
  EKV_JSON_ERROR_FORMAT,    /* JSON, but not an Ekoverim audit */
  EKV_JSON_ERROR_VERSION,   /* a newer version of the format */
  EKV_JSON_ERROR_VALUE,     /* a value of the wrong type, out of range, unknown nick, missing */
  EKV_JSON_ERROR_DUPLICATE, /* an id used twice in one list */
  EKV_JSON_ERROR_REFERENCE, /* a reference to an id that does not exist */
  EKV_JSON_ERROR_RULE,      /* a rule across fields (per batch, product, delta) */
} EkvJsonError;

GQuark ekv_json_error_quark (void);

/* A key the import did not know, kept out of the document. */
typedef struct
{
  char  *path;    /* JSON path: "flows[3].colour" */
  guint  line;    /* 1-based line of the key */
  char  *message; /* translated: "unknown key" */
} EkvJsonWarning;

void         ekv_json_warning_free  (EkvJsonWarning *warning);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EkvJsonWarning, ekv_json_warning_free)

/* Reads an audit into a new in-memory document (ekv_document_new()). NAME is how
 * messages call the file (e.g. the path the user typed); NULL uses the file's
 * parse name. Error messages read "NAME:LINE: PATH: what is wrong". WARNINGS, if
 * not NULL, receives EkvJsonWarning pointers (create it with
 * g_ptr_array_new_with_free_func ((GDestroyNotify) ekv_json_warning_free)). */
EkvDocument *ekv_json_import_file   (GFile        *file,
                                     const char   *name,
                                     GPtrArray    *warnings,
                                     GError      **error);
EkvDocument *ekv_json_import_data   (const char   *data,
                                     gssize        length,
                                     const char   *name,
                                     GPtrArray    *warnings,
                                     GError      **error);

G_END_DECLS
