/* ekv-document.h: an open audit, the one object the UI holds
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * EkvDocument owns every record of an audit and hands them out as GListModels that
 * change when the audit does. Every edit is validated, then written to the file in
 * a transaction before the objects change: there is no unsaved state.
 */
#pragma once

#include <gio/gio.h>

#include "ekv-record.h"
#include "ekv-store.h"

G_BEGIN_DECLS

#define EKV_TYPE_DOCUMENT (ekv_document_get_type ())
G_DECLARE_FINAL_TYPE (EkvDocument, ekv_document, EKV, DOCUMENT, GObject)

/* A blank audit in memory. */
EkvDocument *ekv_document_new           (void);
/* Opens a .ekv file (see ekv_store_open()). */
EkvDocument *ekv_document_open          (const char        *path,
                                         EkvStoreOpenFlags  flags,
                                         GError           **error);
/* A copy of SELF in memory, every record included, not linked to SELF: edits to
 * one never reach the other (what-if scenarios). */
EkvDocument *ekv_document_copy          (EkvDocument       *self,
                                         GError           **error);
/* A new blank .ekv file; fails if PATH exists. */
EkvDocument *ekv_document_create        (const char        *path,
                                         GError           **error);

const char  *ekv_document_get_path      (EkvDocument       *self); /* NULL in memory */
gboolean     ekv_document_is_read_only  (EkvDocument       *self);
EkvStore    *ekv_document_get_store     (EkvDocument       *self);

/* The singletons: always present. */
EkvRecord   *ekv_document_get_company   (EkvDocument       *self);
EkvRecord   *ekv_document_get_audit     (EkvDocument       *self);
EkvRecord   *ekv_document_get_finance   (EkvDocument       *self);
EkvRecord   *ekv_document_get_singleton (EkvDocument       *self,
                                         EkvEntityKind      kind);

/* A list of records of an entity that has no parent record (products, team
 * members, units, flows, bills, ...). Owned by the document. */
GListModel  *ekv_document_get_list      (EkvDocument       *self,
                                         EkvEntityKind      kind);
/* The list a record lives in: its parent's children, or the document's list. */
GListModel  *ekv_document_get_list_of   (EkvDocument       *self,
                                         EkvEntityKind      kind,
                                         EkvRecord         *parent);

/* The record of KIND whose id is ID (units, flows, options, KPIs), or NULL. */
EkvRecord   *ekv_document_find          (EkvDocument       *self,
                                         EkvEntityKind      kind,
                                         const char        *id);

/* Validates a value (type, range, format, unique id, existing reference), writes
 * it and changes the record. VALUE NULL unsets an optional field. Changing an id
 * updates every reference to it. */
gboolean     ekv_document_set_value     (EkvDocument       *self,
                                         EkvRecord         *record,
                                         guint              field,
                                         const GValue      *value,
                                         GError           **error);

/* Adds a record that is not in a document yet, with its children, at POSITION of
 * its list (-1: at the end). PARENT is NULL for lists of the document. All its
 * set values are validated as by ekv_document_set_value(), and required fields
 * must be set. On success the document holds a reference. */
gboolean     ekv_document_insert        (EkvDocument       *self,
                                         EkvRecord         *record,
                                         EkvRecord         *parent,
                                         int                position,
                                         GError           **error);
/* Removes a record and its children; fails if another record refers to it. */
gboolean     ekv_document_remove        (EkvDocument       *self,
                                         EkvRecord         *record,
                                         GError           **error);
gboolean     ekv_document_move          (EkvDocument       *self,
                                         EkvRecord         *record,
                                         guint              position,
                                         GError           **error);

/* A copy of RECORD (of a top-level list, without children) with a new id
 * "PREFIXn", inserted just after it. Returns the copy, owned by the document,
 * or NULL with ERROR. */
EkvRecord   *ekv_document_duplicate     (EkvDocument       *self,
                                         EkvRecord         *record,
                                         const char        *id_prefix,
                                         GError           **error);

/* An id not yet used in KIND's list, "PREFIX1", "PREFIX2", ... */
char        *ekv_document_new_id        (EkvDocument       *self,
                                         EkvEntityKind      kind,
                                         const char        *prefix);

/* Groups several edits into one transaction: all are stored or none. Transactions
 * nest. A rollback, or a commit that fails (a full disk), puts the records and
 * lists in memory back as they were at the outermost begin, so memory and file
 * always agree. */
gboolean     ekv_document_begin         (EkvDocument       *self,
                                         GError           **error);
gboolean     ekv_document_commit        (EkvDocument       *self,
                                         GError           **error);
void         ekv_document_rollback      (EkvDocument       *self);

gboolean     ekv_document_save_copy     (EkvDocument       *self,
                                         const char        *path,
                                         GError           **error);

G_END_DECLS
