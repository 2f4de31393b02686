/* ekv-store-private.h: between ekv-store.c, ekv-store-schema.c and the tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <sqlite3.h>

#include "ekv-store.h"

G_BEGIN_DECLS

struct _EkvStore
{
  GObject   parent_instance;

  sqlite3  *db;
  char     *path;         /* NULL in memory */
  char     *display_name; /* the file as messages name it */
  guint     depth;        /* nesting of ekv_store_begin () */
  int       file_version;
  gboolean  read_only;
};

/* The column holding a record's place in its list (lists only). */
#define EKV_STORE_POSITION_COLUMN "list_position"

/* migrations[n] turns version n into n + 1; the current version is *n_migrations. */
const char *const *_ekv_store_get_migrations      (guint             *n_migrations);

guint              _ekv_store_get_version         (void);

/* ekv-store.c */
sqlite3_stmt      *_ekv_store_prepare             (EkvStore          *self,
                                                   const char        *sql,
                                                   GError           **error);
gboolean           _ekv_store_exec                (EkvStore          *self,
                                                   const char        *sql,
                                                   GError           **error);
/* The last SQLite error as an EkvStoreError; returns FALSE. */
gboolean           _ekv_store_error               (EkvStore          *self,
                                                   int                rc,
                                                   GError           **error);
/* ekv_store_begin () even for a read-only store (a migration in memory). */
gboolean           _ekv_store_begin               (EkvStore          *self,
                                                   GError           **error);

/* ekv-store-schema.c */
/* Reads the 100-byte SQLite header of PATH, without SQLite; NAME is for messages. */
gboolean           _ekv_store_check_header        (const char        *path,
                                                   const char        *name,
                                                   int               *version,
                                                   GError           **error);
/* Schema, application id and singleton rows of a new, empty document. */
gboolean           _ekv_store_create_schema       (EkvStore          *self,
                                                   GError           **error);
/* Migrates from version FROM to the current one, in one transaction. */
gboolean           _ekv_store_migrate             (EkvStore          *self,
                                                   guint              from,
                                                   GError           **error);

/* Tests only: pretend this build has these migrations (NULL: the real ones), so the
 * migration of an older file can be tried before a second version exists. */
void               _ekv_store_set_test_migrations (const char *const *migrations,
                                                   guint              n_migrations);

G_END_DECLS
