/* ekv-store.h: the .ekv file (SQLite); all SQL of the application lives in ekv-store*.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <gio/gio.h>

#include "ekv-record.h"

G_BEGIN_DECLS

#define EKV_STORE_APPLICATION_ID 0x454B5652 /* "EKVR" */
#define EKV_STORE_VERSION        2          /* PRAGMA user_version this build writes */

#define EKV_STORE_ERROR (ekv_store_error_quark ())

typedef enum
{
  EKV_STORE_ERROR_NOT_FOUND,     /* no such file */
  EKV_STORE_ERROR_NOT_DOCUMENT,  /* not SQLite at all: a text file, an empty file */
  EKV_STORE_ERROR_FOREIGN,       /* SQLite, but another application's database */
  EKV_STORE_ERROR_CORRUPT,       /* truncated or damaged */
  EKV_STORE_ERROR_NEWER_VERSION, /* written by a newer Ekoverim */
  EKV_STORE_ERROR_READ_ONLY,     /* the file or its folder cannot be written */
  EKV_STORE_ERROR_EXISTS,        /* creating over an existing file */
  EKV_STORE_ERROR_CONSTRAINT,    /* a value the schema refuses */
  EKV_STORE_ERROR_IO,            /* disk full, I/O error, locked */
} EkvStoreError;

GQuark ekv_store_error_quark (void);

typedef enum
{
  EKV_STORE_OPEN_DEFAULT   = 0,
  EKV_STORE_OPEN_READ_ONLY = 1 << 0, /* never writes, not even a migration */
} EkvStoreOpenFlags;

#define EKV_TYPE_STORE (ekv_store_get_type ())
G_DECLARE_FINAL_TYPE (EkvStore, ekv_store, EKV, STORE, GObject)

/* Opens an existing document. Checks, before SQLite writes anything, that the file
 * is an Ekoverim document of a version this build reads; an older one is migrated
 * after a copy is kept beside it (NAME.ekv.vN.bak). On failure the file is untouched. */
EkvStore   *ekv_store_open          (const char        *path,
                                     EkvStoreOpenFlags  flags,
                                     GError           **error);
/* Creates a new, empty document; fails if the file exists. */
EkvStore   *ekv_store_create        (const char        *path,
                                     GError           **error);
/* An empty document in memory (tests, JSON audits read by `ekv`). */
EkvStore   *ekv_store_new_memory    (GError           **error);
/* A copy of SELF's whole database in memory, not linked to SELF (SQLite's
 * backup API: the "after" scenario and other what-ifs edit it freely). */
EkvStore   *ekv_store_copy_to_memory (EkvStore         *self,
                                      GError          **error);

const char *ekv_store_get_path      (EkvStore          *self); /* NULL in memory */
gboolean    ekv_store_is_read_only  (EkvStore          *self);
int         ekv_store_get_file_version (EkvStore       *self); /* user_version when opened */

/* Transactions nest: only the outermost begin/commit reaches SQLite. */
gboolean    ekv_store_begin         (EkvStore          *self,
                                     GError           **error);
gboolean    ekv_store_commit        (EkvStore          *self,
                                     GError           **error);
void        ekv_store_rollback      (EkvStore          *self);

/* Every record of one entity, ordered by parent and position. Each record has its
 * key set, and its parent key in *parent_keys (same order; 0 without a parent). */
GPtrArray  *ekv_store_load          (EkvStore          *self,
                                     EkvEntityKind      kind,
                                     GArray           **parent_keys,
                                     GError           **error);
/* Inserts a record at a position of its list (parent_key 0 for top-level lists);
 * sets the record's key. Records after it move down. Singletons use position 0. */
gboolean    ekv_store_insert        (EkvStore          *self,
                                     EkvRecord         *record,
                                     gint64             parent_key,
                                     guint              position,
                                     GError           **error);
gboolean    ekv_store_update        (EkvStore          *self,
                                     EkvRecord         *record,
                                     guint              field,
                                     const GValue      *value, /* NULL: unset (SQL NULL) */
                                     GError           **error);
gboolean    ekv_store_delete        (EkvStore          *self,
                                     EkvRecord         *record,
                                     GError           **error);
/* Writes the order of a list: records[i] gets position i. */
gboolean    ekv_store_reorder       (EkvStore          *self,
                                     EkvEntityKind      kind,
                                     EkvRecord        **records,
                                     guint              n_records,
                                     GError           **error);

/* A consistent copy of the whole document through SQLite's backup API; the target
 * is written to a temporary file and renamed over PATH only on success. */
gboolean    ekv_store_save_copy     (EkvStore          *self,
                                     const char        *path,
                                     GError           **error);
/* integrity_check, foreign_key_check and the application's own rules. */
gboolean    ekv_store_check         (EkvStore          *self,
                                     GError           **error);

G_END_DECLS
