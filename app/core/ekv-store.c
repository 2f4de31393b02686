/* ekv-store.c: the .ekv file (SQLite); all SQL of the application
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Values are always bound (sqlite3_bind_*), never formatted into SQL; table and
 * column names come only from the descriptors of ekv-entity.c. A file is looked at
 * byte by byte before SQLite opens it, so a file we refuse is never touched.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include "ekv-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_DEFINE_FINAL_TYPE (EkvStore, ekv_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (ekv-store-error-quark, ekv_store_error)

#define BUSY_TIMEOUT_MS    1000

typedef enum
{
  OP_READ,
  OP_WRITE,
  OP_DELETE,
} Operation;

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/* The field named in SQLite's "NOT NULL constraint failed: flows.name". */
static const EkvField *
field_from_message (const char *message)
{
  const char *colon = message != NULL ? strstr (message, ": ") : NULL;
  const char *dot;

  if (colon == NULL || (dot = strchr (colon + 2, '.')) == NULL)
    return NULL;

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);
      size_t len = strlen (entity->table);

      if ((size_t) (dot - (colon + 2)) != len || strncmp (colon + 2, entity->table, len) != 0)
        continue;
      for (guint i = 0; i < entity->n_fields; i++)
        if (strcmp (dot + 1, entity->fields[i].column) == 0)
          return &entity->fields[i];
    }

  return NULL;
}

static void
set_constraint_error (int             extended,
                      const char     *detail,
                      const EkvField *field,
                      Operation       op,
                      GError        **error)
{
  if (field == NULL)
    field = field_from_message (detail);

  switch (extended)
    {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      if (op == OP_DELETE)
        g_set_error_literal (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                             _("This record cannot be deleted: other records still refer to it"));
      else if (field != NULL)
        g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                     /* Translators: %s is a field label, e.g. "From" */
                     _("%s refers to a record that does not exist"), _(field->label));
      else
        g_set_error_literal (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                             _("A reference points to a record that does not exist"));
      break;

    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is a field label, e.g. "Id" */
                   _("%s is already used by another record of this list"),
                   field != NULL ? _(field->label) : "id");
      break;

    case SQLITE_CONSTRAINT_NOTNULL:
      if (field != NULL)
        g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                     /* Translators: %s is a field label */
                     _("%s cannot be empty"), _(field->label));
      else
        g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                     /* Translators: %s is SQLite's own message */
                     _("A required value is missing (%s)"), detail);
      break;

    default:
      if (field != NULL)
        g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                     /* Translators: %s is a field label */
                     _("The document does not accept this value of %s"), _(field->label));
      else
        g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                     /* Translators: %s is SQLite's own message, e.g. "CHECK constraint failed: quantity >= 0" */
                     _("The document does not accept this value (%s)"), detail);
      break;
    }
}

/* Turns the last error of DB into a GError; always returns FALSE. */
static gboolean
set_db_error (const char     *display_name,
              sqlite3        *db,
              int             rc,
              const EkvField *field,
              Operation       op,
              GError        **error)
{
  int extended = db != NULL ? sqlite3_extended_errcode (db) : rc;
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if ((extended & 0xff) != (rc & 0xff))
    extended = rc;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO,
                           _("The disk is full: the last change was not saved."));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO,
                   /* Translators: %s is a file name */
                   _("“%s” is open in another program; close it there and try again"),
                   display_name);
      break;

    case SQLITE_CONSTRAINT:
      set_constraint_error (extended, detail, field, op, error);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is a file name */
                   _("“%s” cannot be written: the change was not saved"), display_name);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CORRUPT,
                   /* Translators: the first %s is a file name, the second SQLite's message */
                   _("“%s” is damaged (%s)"), display_name, detail);
      break;

    default:
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO,
                   /* Translators: the first %s is a file name, the second SQLite's message */
                   _("Could not read or write “%s”: %s"), display_name, detail);
      break;
    }

  return FALSE;
}

static gboolean
store_error (EkvStore  *self,
             int        rc,
             Operation  op,
             GError   **error)
{
  return set_db_error (self->display_name, self->db, rc, NULL, op, error);
}

static gboolean
read_only_error (EkvStore  *self,
                 GError   **error)
{
  g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_READ_ONLY,
               /* Translators: %s is a file name */
               _("“%s” is open read-only: the change was not saved"), self->display_name);
  return FALSE;
}

/* ------------------------------------------------------------------------ */
/* Statements                                                                */
/* ------------------------------------------------------------------------ */

static sqlite3_stmt *
prepare (EkvStore    *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      store_error (self, rc, OP_READ, error);
      return NULL;
    }

  return stmt;
}

static gboolean
exec (EkvStore    *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return store_error (self, rc, OP_WRITE, error);

  return TRUE;
}

/* Runs a statement that returns no rows (or whose rows do not matter). */
static gboolean
step (EkvStore       *self,
      sqlite3_stmt   *stmt,
      const EkvField *field,
      Operation       op,
      GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_db_error (self->display_name, self->db, rc, field, op, error);

  return TRUE;
}

static gboolean
bind_int64 (EkvStore      *self,
            sqlite3_stmt  *stmt,
            int            index,
            gint64         value,
            GError       **error)
{
  int rc = sqlite3_bind_int64 (stmt, index, value);

  if (rc != SQLITE_OK)
    return store_error (self, rc, OP_WRITE, error);

  return TRUE;
}

/* Binds one field's value; NULL (or a NULL string) is SQL NULL, i.e. unset. */
static gboolean
bind_value (EkvStore        *self,
            sqlite3_stmt    *stmt,
            int              index,
            const EkvField  *field,
            const GValue    *value,
            GError         **error)
{
  int rc = SQLITE_OK;

  if (value == NULL)
    rc = sqlite3_bind_null (stmt, index);
  else
    switch (G_TYPE_FUNDAMENTAL (ekv_field_get_gtype (field)))
      {
      case G_TYPE_STRING:
        if (g_value_get_string (value) == NULL)
          rc = sqlite3_bind_null (stmt, index);
        else
          rc = sqlite3_bind_text (stmt, index, g_value_get_string (value), -1, SQLITE_TRANSIENT);
        break;

      case G_TYPE_DOUBLE:
        /* SQLite would store NaN as NULL, silently unsetting the field */
        if (!isfinite (g_value_get_double (value)))
          {
            g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                         /* Translators: %s is a field label, e.g. "Quantity" */
                         _("%s must be a finite number"), _(field->label));
            return FALSE;
          }
        rc = sqlite3_bind_double (stmt, index, g_value_get_double (value));
        break;

      case G_TYPE_INT:
        rc = sqlite3_bind_int64 (stmt, index, g_value_get_int (value));
        break;

      case G_TYPE_BOOLEAN:
        rc = sqlite3_bind_int (stmt, index, g_value_get_boolean (value) ? 1 : 0);
        break;

      case G_TYPE_ENUM:
        rc = sqlite3_bind_int (stmt, index, g_value_get_enum (value));
        break;

      default:
        g_assert_not_reached ();
      }

  if (rc != SQLITE_OK)
    return store_error (self, rc, OP_WRITE, error);

  return TRUE;
}

/* Reads column COL into VALUE (initialised here); FALSE for SQL NULL. */
static gboolean
column_value (sqlite3_stmt   *stmt,
              int             col,
              const EkvField *field,
              GValue         *value)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return FALSE;

  g_value_init (value, ekv_field_get_gtype (field));

  switch (G_TYPE_FUNDAMENTAL (ekv_field_get_gtype (field)))
    {
    case G_TYPE_STRING:
      g_value_set_string (value, (const char *) sqlite3_column_text (stmt, col));
      break;

    case G_TYPE_DOUBLE:
      g_value_set_double (value, sqlite3_column_double (stmt, col));
      break;

    case G_TYPE_INT:
      g_value_set_int (value, (int) CLAMP (sqlite3_column_int64 (stmt, col), G_MININT, G_MAXINT));
      break;

    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, sqlite3_column_int64 (stmt, col) != 0);
      break;

    case G_TYPE_ENUM:
      g_value_set_enum (value, (int) CLAMP (sqlite3_column_int64 (stmt, col), G_MININT, G_MAXINT));
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

static gboolean
has_parent (const EkvEntity *entity)
{
  return entity->parent != EKV_ENTITY_NONE;
}

/* For ekv-store-schema.c */
sqlite3_stmt *
_ekv_store_prepare (EkvStore    *self,
                    const char  *sql,
                    GError     **error)
{
  return prepare (self, sql, error);
}

gboolean
_ekv_store_exec (EkvStore    *self,
                 const char  *sql,
                 GError     **error)
{
  return exec (self, sql, error);
}

gboolean
_ekv_store_error (EkvStore  *self,
                  int        rc,
                  GError   **error)
{
  return store_error (self, rc, OP_READ, error);
}

/* ------------------------------------------------------------------------ */
/* Opening and creating                                                      */
/* ------------------------------------------------------------------------ */

static gboolean
is_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* the folder too: SQLite writes its rollback journal beside the file */
  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

static EkvStore *
store_new (const char *path)
{
  EkvStore *self = g_object_new (EKV_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  self->display_name = path != NULL ? g_filename_display_basename (path) : g_strdup (":memory:");
  self->file_version = _ekv_store_get_version ();

  return self;
}

static gboolean
open_db (EkvStore    *self,
         const char  *path,
         int          flags,
         GError     **error)
{
  g_autofree char *name = NULL;
  int rc;

  /* "file:..." would be taken for a URI where SQLite is built to accept them */
  if (g_str_has_prefix (path, "file:"))
    name = g_strconcat ("./", path, NULL);

  rc = sqlite3_open_v2 (name != NULL ? name : path, &self->db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      if (self->db == NULL)
        {
          g_set_error_literal (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO, sqlite3_errstr (rc));
          return FALSE;
        }
      return store_error (self, rc, OP_READ, error);
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  /* a document is data: its schema may not run our functions or be rewritten */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  if (!exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  /* never WAL: it changes the file on open and leaves side files */
  if (!self->read_only && !exec (self, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL", error))
    return FALSE;

  return TRUE;
}

/* ekv_store_begin () without the read-only check: a read-only document that is
 * migrated in memory still needs a transaction. */
gboolean
_ekv_store_begin (EkvStore  *self,
                  GError   **error)
{
  /* IMMEDIATE: take the write lock now, not halfway through a group of edits */
  if (self->depth == 0 && !exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->depth++;
  return TRUE;
}

/* Keeps the file as it was before a migration: NAME.vN.bak beside it. */
static gboolean
keep_backup (EkvStore  *self,
             int        version,
             GError   **error)
{
  g_autofree char *backup = g_strdup_printf ("%s.v%d.bak", self->path, version);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (self->path, &contents, &length, &local_error) ||
      !g_file_set_contents_full (backup, contents, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0666, &local_error))
    {
      g_autofree char *backup_name = g_filename_display_basename (backup);

      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO,
                   /* Translators: the first %s is a file name, the second the reason */
                   _("“%s” must be updated to this version of Ekoverim, but its backup copy "
                     "could not be written: %s"),
                   self->display_name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Read-only and older: migrate a copy in memory, so the file is never written. */
static gboolean
copy_into_memory (EkvStore  *self,
                  GError   **error)
{
  sqlite3 *memory = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close (memory);
      return store_error (self, rc, OP_READ, error);
    }

  backup = sqlite3_backup_init (memory, "main", self->db, "main");
  if (backup == NULL)
    rc = sqlite3_extended_errcode (memory);
  else
    {
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    {
      set_db_error (self->display_name, memory, rc, NULL, OP_READ, error);
      sqlite3_close (memory);
      return FALSE;
    }

  sqlite3_close (self->db);
  self->db = memory;
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);

  return exec (self, "PRAGMA foreign_keys = ON", error);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                   */
/* ------------------------------------------------------------------------ */

static void
ekv_store_finalize (GObject *object)
{
  EkvStore *self = (EkvStore *) object;

  /* an open transaction is rolled back by closing */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (ekv_store_parent_class)->finalize (object);
}

static void
ekv_store_class_init (EkvStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ekv_store_finalize;
}

static void
ekv_store_init (EkvStore *self)
{
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

EkvStore *
ekv_store_open (const char         *path,
                EkvStoreOpenFlags   flags,
                GError            **error)
{
  g_autoptr(EkvStore) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = NULL;
  gboolean read_only = (flags & EKV_STORE_OPEN_READ_ONLY) != 0;
  const char *result;
  int version, rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_filename_display_basename (path);
  if (!_ekv_store_check_header (path, name, &version, error))
    return NULL;

  if (!read_only && !is_writable (path))
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is a file name */
                   _("“%s” cannot be changed here: the file or its folder is read-only. "
                     "Open it read-only, or copy it to a folder you can write to."),
                   name);
      return NULL;
    }

  self = store_new (path);
  self->read_only = read_only;
  self->file_version = version;

  if (!open_db (self, path, read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, error))
    return NULL;

  /* the header looked right; now the pages */
  if ((stmt = prepare (self, "PRAGMA quick_check", error)) == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      store_error (self, rc, OP_READ, error);
      return NULL;
    }
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s)"), name, result);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if ((guint) version < _ekv_store_get_version ())
    {
      if (read_only)
        {
          if (!copy_into_memory (self, error) || !_ekv_store_migrate (self, version, error))
            return NULL;
        }
      else if (!keep_backup (self, version, error) || !_ekv_store_migrate (self, version, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

EkvStore *
ekv_store_create (const char  *path,
                  GError     **error)
{
  g_autoptr(EkvStore) self = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = store_new (path);

  /* O_EXCL: never take over a file that appeared meanwhile */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_EXISTS,
                     /* Translators: %s is a file name */
                     _("“%s” already exists"), self->display_name);
      else if (saved == EACCES || saved == EROFS || saved == EPERM)
        g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_READ_ONLY,
                     /* Translators: the first %s is a file name, the second the reason */
                     _("Could not create “%s”: %s"), self->display_name, g_strerror (saved));
      else
        g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO,
                     _("Could not create “%s”: %s"), self->display_name, g_strerror (saved));
      return NULL;
    }
  close (fd);

  if (!open_db (self, path, SQLITE_OPEN_READWRITE, error) || !_ekv_store_create_schema (self, error))
    {
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);

      g_clear_pointer (&self->db, sqlite3_close_v2);
      g_unlink (journal);
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

EkvStore *
ekv_store_new_memory (GError **error)
{
  g_autoptr(EkvStore) self = store_new (NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!open_db (self, ":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error) ||
      !_ekv_store_create_schema (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

EkvStore *
ekv_store_copy_to_memory (EkvStore  *self,
                          GError   **error)
{
  g_autoptr(EkvStore) copy = store_new (NULL);
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (EKV_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!open_db (copy, ":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error))
    return NULL;

  backup = sqlite3_backup_init (copy->db, "main", self->db, "main");
  if (backup == NULL)
    rc = sqlite3_extended_errcode (copy->db);
  else
    {
      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    {
      set_db_error (self->display_name, copy->db, rc, NULL, OP_READ, error);
      return NULL;
    }

  /* The backup replaced the connection's database: its settings stay. */
  return g_steal_pointer (&copy);
}

const char *
ekv_store_get_path (EkvStore *self)
{
  g_return_val_if_fail (EKV_IS_STORE (self), NULL);

  return self->path;
}

gboolean
ekv_store_is_read_only (EkvStore *self)
{
  g_return_val_if_fail (EKV_IS_STORE (self), TRUE);

  return self->read_only;
}

int
ekv_store_get_file_version (EkvStore *self)
{
  g_return_val_if_fail (EKV_IS_STORE (self), 0);

  return self->file_version;
}

gboolean
ekv_store_begin (EkvStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (EKV_IS_STORE (self), FALSE);

  if (self->read_only)
    return read_only_error (self, error);

  return _ekv_store_begin (self, error);
}

gboolean
ekv_store_commit (EkvStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (EKV_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (--self->depth > 0)
    return TRUE;

  if (!exec (self, "COMMIT", error))
    {
      /* e.g. the disk filled up: nothing of the transaction is kept */
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

void
ekv_store_rollback (EkvStore *self)
{
  g_return_if_fail (EKV_IS_STORE (self));

  if (self->depth == 0)
    return;

  self->depth = 0;
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

GPtrArray *
ekv_store_load (EkvStore       *self,
                EkvEntityKind   kind,
                GArray        **parent_keys,
                GError        **error)
{
  const EkvEntity *entity;
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) keys = NULL;
  int first, rc;

  g_return_val_if_fail (EKV_IS_STORE (self), NULL);
  g_return_val_if_fail (kind >= 0 && kind < EKV_N_ENTITIES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  entity = ekv_entity_get (kind);
  sql = g_string_new ("SELECT pk");
  if (has_parent (entity))
    g_string_append (sql, ", parent");
  for (guint i = 0; i < entity->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\"", entity->fields[i].column);
  g_string_append_printf (sql, " FROM \"%s\"", entity->table);
  if (entity->singleton)
    g_string_append (sql, " WHERE pk = 1");
  else if (has_parent (entity))
    g_string_append (sql, " ORDER BY parent, " EKV_STORE_POSITION_COLUMN ", pk");
  else
    g_string_append (sql, " ORDER BY " EKV_STORE_POSITION_COLUMN ", pk");

  if ((stmt = prepare (self, sql->str, error)) == NULL)
    return NULL;

  records = g_ptr_array_new_with_free_func (g_object_unref);
  keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  first = has_parent (entity) ? 2 : 1;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EkvRecord *record = ekv_record_new (kind);
      gint64 parent = has_parent (entity) ? sqlite3_column_int64 (stmt, 1) : 0;

      for (guint i = 0; i < entity->n_fields; i++)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          if (column_value (stmt, first + i, &entity->fields[i], &value))
            _ekv_record_store_value (record, i, &value);
        }
      _ekv_record_set_key (record, sqlite3_column_int64 (stmt, 0));

      g_ptr_array_add (records, record);
      g_array_append_val (keys, parent);
    }

  if (rc != SQLITE_DONE)
    {
      store_error (self, rc, OP_READ, error);
      return NULL;
    }

  if (parent_keys != NULL)
    *parent_keys = g_steal_pointer (&keys);

  return g_steal_pointer (&records);
}

/* "WHERE list_position >= ?1 AND parent = ?2" and the like */
static void
append_list_condition (GString         *sql,
                       const EkvEntity *entity,
                       const char      *comparison)
{
  g_string_append_printf (sql, " WHERE " EKV_STORE_POSITION_COLUMN " %s ?1", comparison);
  if (has_parent (entity))
    g_string_append (sql, " AND parent = ?2");
}

static gboolean
bind_list_condition (EkvStore         *self,
                     sqlite3_stmt     *stmt,
                     const EkvEntity  *entity,
                     gint64            position,
                     gint64            parent_key,
                     GError          **error)
{
  return bind_int64 (self, stmt, 1, position, error) &&
         (!has_parent (entity) || bind_int64 (self, stmt, 2, parent_key, error));
}

static gboolean
insert_row (EkvStore   *self,
            EkvRecord  *record,
            gint64      parent_key,
            guint       position,
            gint64     *key,
            GError    **error)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) shift = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  gint64 n_items;
  int first;

  /* keep positions 0 .. n-1 without gaps */
  g_string_printf (sql, "SELECT count(*) FROM \"%s\"", entity->table);
  if (has_parent (entity))
    g_string_append (sql, " WHERE parent = ?2");
  if ((count = prepare (self, sql->str, error)) == NULL ||
      (has_parent (entity) && !bind_int64 (self, count, 2, parent_key, error)))
    return FALSE;
  if (sqlite3_step (count) != SQLITE_ROW)
    return store_error (self, sqlite3_errcode (self->db), OP_READ, error);
  n_items = sqlite3_column_int64 (count, 0);
  if (position > n_items)
    position = n_items;

  g_string_printf (sql, "UPDATE \"%s\" SET " EKV_STORE_POSITION_COLUMN " = "
                   EKV_STORE_POSITION_COLUMN " + 1", entity->table);
  append_list_condition (sql, entity, ">=");
  if ((shift = prepare (self, sql->str, error)) == NULL ||
      !bind_list_condition (self, shift, entity, position, parent_key, error) ||
      !step (self, shift, NULL, OP_WRITE, error))
    return FALSE;

  g_string_printf (sql, "INSERT INTO \"%s\" (" EKV_STORE_POSITION_COLUMN, entity->table);
  if (has_parent (entity))
    g_string_append (sql, ", parent");
  for (guint i = 0; i < entity->n_fields; i++)
    g_string_append_printf (sql, ", \"%s\"", entity->fields[i].column);
  g_string_append (sql, ") VALUES (?");
  if (has_parent (entity))
    g_string_append (sql, ", ?");
  for (guint i = 0; i < entity->n_fields; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  if ((insert = prepare (self, sql->str, error)) == NULL ||
      !bind_int64 (self, insert, 1, position, error) ||
      (has_parent (entity) && !bind_int64 (self, insert, 2, parent_key, error)))
    return FALSE;

  first = has_parent (entity) ? 3 : 2;
  for (guint i = 0; i < entity->n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      gboolean set = ekv_record_is_set (record, i);

      if (set)
        ekv_record_get_value (record, i, &value);
      if (!bind_value (self, insert, first + i, &entity->fields[i], set ? &value : NULL, error))
        return FALSE;
    }

  if (!step (self, insert, NULL, OP_WRITE, error))
    return FALSE;

  *key = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
ekv_store_insert (EkvStore   *self,
                  EkvRecord  *record,
                  gint64      parent_key,
                  guint       position,
                  GError    **error)
{
  const EkvEntity *entity;
  gint64 key = 0;

  g_return_val_if_fail (EKV_IS_STORE (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entity = ekv_record_get_entity (record);
  if (entity->singleton)
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is an entity label, e.g. "Company" */
                   _("A document has exactly one %s record; another cannot be added"),
                   _(entity->label));
      return FALSE;
    }
  if (self->read_only)
    return read_only_error (self, error);

  if (!ekv_store_begin (self, error))
    return FALSE;
  if (!insert_row (self, record, parent_key, position, &key, error))
    {
      ekv_store_rollback (self);
      return FALSE;
    }
  if (!ekv_store_commit (self, error))
    return FALSE;

  _ekv_record_set_key (record, key);
  return TRUE;
}

gboolean
ekv_store_update (EkvStore      *self,
                  EkvRecord     *record,
                  guint          field,
                  const GValue  *value,
                  GError       **error)
{
  const EkvEntity *entity;
  const EkvField *def;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EKV_IS_STORE (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);
  g_return_val_if_fail (_ekv_record_get_key (record) > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entity = ekv_record_get_entity (record);
  g_return_val_if_fail (field < entity->n_fields, FALSE);
  def = &entity->fields[field];
  g_return_val_if_fail (value == NULL || G_VALUE_HOLDS (value, ekv_field_get_gtype (def)), FALSE);

  if (self->read_only)
    return read_only_error (self, error);

  sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?1 WHERE pk = ?2", entity->table, def->column);
  if ((stmt = prepare (self, sql, error)) == NULL ||
      !bind_value (self, stmt, 1, def, value, error) ||
      !bind_int64 (self, stmt, 2, _ekv_record_get_key (record), error) ||
      !step (self, stmt, def, OP_WRITE, error))
    return FALSE;

  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO,
                   /* Translators: %s is a file name */
                   _("The record to change is no longer in “%s”"), self->display_name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
delete_row (EkvStore   *self,
            EkvRecord  *record,
            GError    **error)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  gint64 key = _ekv_record_get_key (record);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(sqlite3_stmt) shift = NULL;
  gint64 position, parent_key = 0;
  int rc;

  g_string_printf (sql, "SELECT " EKV_STORE_POSITION_COLUMN "%s FROM \"%s\" WHERE pk = ?1",
                   has_parent (entity) ? ", parent" : "", entity->table);
  if ((find = prepare (self, sql->str, error)) == NULL || !bind_int64 (self, find, 1, key, error))
    return FALSE;
  rc = sqlite3_step (find);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO,
                   _("The record to change is no longer in “%s”"), self->display_name);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return store_error (self, rc, OP_READ, error);
  position = sqlite3_column_int64 (find, 0);
  if (has_parent (entity))
    parent_key = sqlite3_column_int64 (find, 1);

  /* children go by ON DELETE CASCADE; a record still referred to is refused */
  g_string_printf (sql, "DELETE FROM \"%s\" WHERE pk = ?1", entity->table);
  if ((delete = prepare (self, sql->str, error)) == NULL ||
      !bind_int64 (self, delete, 1, key, error) ||
      !step (self, delete, NULL, OP_DELETE, error))
    return FALSE;

  g_string_printf (sql, "UPDATE \"%s\" SET " EKV_STORE_POSITION_COLUMN " = "
                   EKV_STORE_POSITION_COLUMN " - 1", entity->table);
  append_list_condition (sql, entity, ">");
  if ((shift = prepare (self, sql->str, error)) == NULL ||
      !bind_list_condition (self, shift, entity, position, parent_key, error) ||
      !step (self, shift, NULL, OP_WRITE, error))
    return FALSE;

  return TRUE;
}

gboolean
ekv_store_delete (EkvStore   *self,
                  EkvRecord  *record,
                  GError    **error)
{
  const EkvEntity *entity;

  g_return_val_if_fail (EKV_IS_STORE (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);
  g_return_val_if_fail (_ekv_record_get_key (record) > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entity = ekv_record_get_entity (record);
  if (entity->singleton)
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                   /* Translators: %s is an entity label, e.g. "Company" */
                   _("A document has exactly one %s record; it cannot be deleted"),
                   _(entity->label));
      return FALSE;
    }
  if (self->read_only)
    return read_only_error (self, error);

  if (!ekv_store_begin (self, error))
    return FALSE;
  if (!delete_row (self, record, error))
    {
      ekv_store_rollback (self);
      return FALSE;
    }

  return ekv_store_commit (self, error);
}

gboolean
ekv_store_reorder (EkvStore       *self,
                   EkvEntityKind   kind,
                   EkvRecord     **records,
                   guint           n_records,
                   GError        **error)
{
  const EkvEntity *entity;
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (EKV_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind >= 0 && kind < EKV_N_ENTITIES, FALSE);
  g_return_val_if_fail (records != NULL || n_records == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entity = ekv_entity_get (kind);
  g_return_val_if_fail (!entity->singleton, FALSE);
  for (guint i = 0; i < n_records; i++)
    {
      g_return_val_if_fail (EKV_IS_RECORD (records[i]), FALSE);
      g_return_val_if_fail (ekv_record_get_kind (records[i]) == kind, FALSE);
      g_return_val_if_fail (_ekv_record_get_key (records[i]) > 0, FALSE);
    }

  if (self->read_only)
    return read_only_error (self, error);

  sql = g_strdup_printf ("UPDATE \"%s\" SET " EKV_STORE_POSITION_COLUMN " = ?1 WHERE pk = ?2",
                         entity->table);
  if (!ekv_store_begin (self, error))
    return FALSE;
  if ((stmt = prepare (self, sql, error)) == NULL)
    goto fail;

  for (guint i = 0; i < n_records; i++)
    {
      sqlite3_reset (stmt);
      if (!bind_int64 (self, stmt, 1, i, error) ||
          !bind_int64 (self, stmt, 2, _ekv_record_get_key (records[i]), error) ||
          !step (self, stmt, NULL, OP_WRITE, error))
        goto fail;
    }

  return ekv_store_commit (self, error);

fail:
  ekv_store_rollback (self);
  return FALSE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
sync_path (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
backup_into (EkvStore    *self,
             const char  *path,
             const char  *name,
             GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL",
                       NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (dest);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
    }

  if (rc != SQLITE_OK)
    set_db_error (name, dest, rc, NULL, OP_WRITE, error);
  if (sqlite3_close (dest) != SQLITE_OK && rc == SQLITE_OK)
    {
      rc = SQLITE_IOERR;
      set_db_error (name, NULL, rc, NULL, OP_WRITE, error);
    }

  return rc == SQLITE_OK;
}

gboolean
ekv_store_save_copy (EkvStore    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *journal = NULL;
  int fd;

  g_return_val_if_fail (EKV_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_filename_display_basename (path);
  if (self->path != NULL && same_file (self->path, path))
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_EXISTS,
                   /* Translators: %s is a file name */
                   _("A copy cannot replace the document itself (“%s”); choose another name"),
                   name);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  temp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, EKV_STORE_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM
                     ? EKV_STORE_ERROR_READ_ONLY : EKV_STORE_ERROR_IO,
                   /* Translators: the first %s is a file name, the second the reason */
                   _("Could not write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  journal = g_strconcat (temp, "-journal", NULL);

  if (!backup_into (self, temp, name, error))
    goto fail;

  if (!sync_path (temp) || g_rename (temp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, EKV_STORE_ERROR,
                   EKV_STORE_ERROR_IO,
                   _("Could not write “%s”: %s"), name, g_strerror (saved));
      goto fail;
    }
  sync_path (dir); /* the rename itself */

  return TRUE;

fail:
  g_unlink (journal);
  g_unlink (temp);
  return FALSE;
}

