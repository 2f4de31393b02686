/* ekv-record.h: one record of an audit (a flow, a unit operation, the company...)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * An EkvRecord holds the values of one entity's fields (ekv-entity.h) as GObject
 * properties, so forms and lists can bind to them and follow "notify". Each entity
 * has its own subtype (EkvFlow, EkvUnitOperation, ...) registered from its
 * descriptor. A field is either set or unset: unset optional fields read as their
 * default and are left out of exported JSON.
 *
 * A record that belongs to a document stores every change at once: setting a
 * property goes through the document, which validates and writes it to the file
 * before the record changes (see ekv_document_set_value()).
 */
#pragma once

#include <gio/gio.h>

#include "ekv-entity.h"

G_BEGIN_DECLS

#define EKV_TYPE_RECORD (ekv_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (EkvRecord, ekv_record, EKV, RECORD, GObject)

struct _EkvRecordClass
{
  GObjectClass     parent_class;

  const EkvEntity *entity;
};

/* Asked before a field of an attached record changes. Returning FALSE keeps the old value. */
typedef gboolean (*EkvRecordCommitFunc) (EkvRecord    *record,
                                         guint         field,
                                         const GValue *value, /* NULL to unset */
                                         gpointer      user_data,
                                         GError      **error);

EkvRecord       *ekv_record_new          (EkvEntityKind kind);
const EkvEntity *ekv_record_get_entity   (EkvRecord    *self);
EkvEntityKind    ekv_record_get_kind     (EkvRecord    *self);

gboolean         ekv_record_is_set       (EkvRecord    *self,
                                          guint         field);
/* Typed getters: the stored value, or the field's default when unset. */
const char      *ekv_record_get_string   (EkvRecord    *self,
                                          guint         field);
double           ekv_record_get_double   (EkvRecord    *self,
                                          guint         field);
int              ekv_record_get_int      (EkvRecord    *self,
                                          guint         field);
gboolean         ekv_record_get_bool     (EkvRecord    *self,
                                          guint         field);
int              ekv_record_get_enum     (EkvRecord    *self,
                                          guint         field);
void             ekv_record_get_value    (EkvRecord    *self,
                                          guint         field,
                                          GValue       *value);

/* Setters for records not yet in a document (import, tests), or for callers that
 * want a failed edit reported through the document's "error" signal. To get the
 * error back directly, use ekv_document_set_value(). */
gboolean         ekv_record_set_value    (EkvRecord    *self,
                                          guint         field,
                                          const GValue *value,
                                          GError      **error);
gboolean         ekv_record_unset        (EkvRecord    *self,
                                          guint         field,
                                          GError      **error);
void             ekv_record_set_string   (EkvRecord    *self,
                                          guint         field,
                                          const char   *value);
void             ekv_record_set_double   (EkvRecord    *self,
                                          guint         field,
                                          double        value);
void             ekv_record_set_int      (EkvRecord    *self,
                                          guint         field,
                                          int           value);
void             ekv_record_set_bool     (EkvRecord    *self,
                                          guint         field,
                                          gboolean      value);
void             ekv_record_set_enum     (EkvRecord    *self,
                                          guint         field,
                                          int           value);

/* Child records (an option's changes, a KPI's values); NULL if the entity has no
 * such children. The list is owned by the record. */
GListModel      *ekv_record_get_children (EkvRecord    *self,
                                          EkvEntityKind child_kind);
EkvRecord       *ekv_record_get_parent   (EkvRecord    *self);

/* For the document and the store. */
gint64           _ekv_record_get_key     (EkvRecord    *self);
void             _ekv_record_set_key     (EkvRecord    *self,
                                          gint64        key);
void             _ekv_record_set_parent  (EkvRecord    *self,
                                          EkvRecord    *parent);
GListStore      *_ekv_record_get_child_store (EkvRecord    *self,
                                              EkvEntityKind child_kind);
void             _ekv_record_set_commit_func (EkvRecord          *self,
                                              EkvRecordCommitFunc func,
                                              gpointer            user_data);
/* Changes a value without asking the commit function (after the store already changed). */
void             _ekv_record_store_value (EkvRecord    *self,
                                          guint         field,
                                          const GValue *value);

G_END_DECLS
