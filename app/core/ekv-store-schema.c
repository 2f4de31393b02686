/* ekv-store-schema.c: the SQL schema of .ekv documents, its migrations, and the
 * checks that a file is a document of ours (header, integrity, references)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * migrations[n] turns a document of version n into version n + 1; migrations[0]
 * creates version 1 in an empty file. A version that has shipped never changes:
 * a new field means a new migration (ALTER TABLE ... ADD COLUMN) at the end, a new
 * descriptor in ekv-entity.c, and EKV_STORE_VERSION + 1.
 *
 * Tables and columns are those of ekv-entity.c (test-store checks both against
 * each other). Every table has `pk`; lists have `list_position` (not `position`:
 * a team member has a field of that name); children have `parent`
 * (deleted with it); singletons hold exactly one row, pk 1. NULL is "unset", so
 * every CHECK lets NULL through. Enum codes are guarded up to their highest value,
 * ids by their format, dates and months by their shape; references (REF fields)
 * are foreign keys to the target's id that follow a rename and refuse a delete.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-store-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define SQLITE_MAGIC       "SQLite format 3"  /* 16 bytes with its NUL */
#define SQLITE_HEADER_SIZE 100

#define DATE_GLOB  "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
#define MONTH_GLOB "'[0-9][0-9][0-9][0-9]-[0-9][0-9]'"
/* [A-Za-z0-9_.-]{1,64}; a leading '-' in a GLOB class is literal */
#define ID_COLUMN \
  "  id TEXT NOT NULL UNIQUE CHECK (length (id) BETWEEN 1 AND 64 " \
  "AND id NOT GLOB '*[^-A-Za-z0-9_.]*'),\n"
#define UNIT_REF(col, null) \
  "  " col " TEXT " null "REFERENCES units (id) ON UPDATE CASCADE ON DELETE RESTRICT,\n"

static const char migration_1[] =
  "CREATE TABLE company (\n"
  "  pk INTEGER PRIMARY KEY CHECK (pk = 1),\n"
  "  name TEXT,\n"
  "  nace TEXT,\n"
  "  sector TEXT,\n"
  "  address TEXT,\n"
  "  city TEXT,\n"
  "  district TEXT,\n"
  "  osb TEXT,\n"
  "  contact_name TEXT,\n"
  "  contact_phone TEXT,\n"
  "  contact_email TEXT,\n"
  "  employees INTEGER CHECK (employees BETWEEN 0 AND 10000000),\n"
  "  shifts_per_day REAL CHECK (shifts_per_day > 0 AND shifts_per_day <= 24),\n"
  "  hours_per_day REAL CHECK (hours_per_day > 0 AND hours_per_day <= 24),\n"
  "  days_per_year REAL CHECK (days_per_year > 0 AND days_per_year <= 366),\n"
  "  turnover REAL CHECK (turnover >= 0),\n"
  "  labour_cost REAL CHECK (labour_cost >= 0),\n"
  "  reference_start TEXT CHECK (reference_start GLOB " DATE_GLOB "),\n"
  "  reference_end TEXT CHECK (reference_end GLOB " DATE_GLOB ")\n"
  ");\n"

  "CREATE TABLE products (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  quantity REAL CHECK (quantity >= 0),\n"
  "  unit INTEGER CHECK (unit BETWEEN 0 AND 14),\n"
  "  period INTEGER CHECK (period BETWEEN 0 AND 6),\n"
  "  price REAL CHECK (price >= 0),\n"
  "  denominator INTEGER CHECK (denominator IN (0, 1))\n"
  ");\n"

  "CREATE TABLE certifications (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  name TEXT NOT NULL\n"
  ");\n"

  "CREATE TABLE audit (\n"
  "  pk INTEGER PRIMARY KEY CHECK (pk = 1),\n"
  "  title TEXT,\n"
  "  \"start\" TEXT CHECK (\"start\" GLOB " DATE_GLOB "),\n"
  "  \"end\" TEXT CHECK (\"end\" GLOB " DATE_GLOB "),\n"
  "  scope TEXT,\n"
  "  sponsor TEXT,\n"
  "  commitment_date TEXT CHECK (commitment_date GLOB " DATE_GLOB "),\n"
  "  threshold_warn REAL CHECK (threshold_warn BETWEEN 0 AND 100),\n"
  "  threshold_error REAL CHECK (threshold_error BETWEEN 0 AND 100),\n"
  "  notes TEXT\n"
  ");\n"

  "CREATE TABLE team_members (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  name TEXT NOT NULL,\n"
  "  position TEXT,\n"
  "  role INTEGER CHECK (role BETWEEN 0 AND 2),\n"
  "  organisation TEXT,\n"
  "  email TEXT\n"
  ");\n"

  "CREATE TABLE objectives (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  indicator TEXT NOT NULL,\n"
  "  unit TEXT,\n"
  "  baseline REAL,\n"
  "  target REAL,\n"
  "  date TEXT CHECK (date GLOB " DATE_GLOB ")\n"
  ");\n"

  "CREATE TABLE units (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  ID_COLUMN
  "  name TEXT NOT NULL,\n"
  "  department TEXT,\n"
  "  mode INTEGER CHECK (mode BETWEEN 0 AND 1),\n"
  "  batches_per_year REAL CHECK (batches_per_year > 0),\n"
  "  operating_hours REAL CHECK (operating_hours BETWEEN 0 AND 8784),\n"
  "  system_cost REAL CHECK (system_cost >= 0),\n"
  "  waste_management_cost REAL CHECK (waste_management_cost >= 0),\n"
  "  description TEXT\n"
  ");\n"

  "CREATE TABLE flows (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  ID_COLUMN
  "  name TEXT NOT NULL,\n"
  "  kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 14),\n"
  "  carrier INTEGER CHECK (carrier BETWEEN 0 AND 12),\n"
  UNIT_REF ("from_unit", "")
  UNIT_REF ("to_unit", "")
  "  quantity REAL NOT NULL CHECK (quantity >= 0),\n"
  "  unit INTEGER NOT NULL CHECK (unit BETWEEN 0 AND 14),\n"
  "  period INTEGER CHECK (period BETWEEN 0 AND 6),\n"
  "  density REAL CHECK (density > 0),\n"
  "  price REAL CHECK (price >= 0),\n"
  "  quality INTEGER CHECK (quality BETWEEN 0 AND 4),\n"
  "  uncertainty REAL CHECK (uncertainty >= 0),\n"
  "  source TEXT,\n"
  "  note TEXT\n"
  ");\n"

  "CREATE TABLE bills (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  carrier INTEGER NOT NULL CHECK (carrier BETWEEN 0 AND 14),\n"
  "  month TEXT NOT NULL CHECK (month GLOB " MONTH_GLOB "),\n"
  "  quantity REAL NOT NULL CHECK (quantity >= 0),\n"
  "  unit INTEGER NOT NULL CHECK (unit BETWEEN 0 AND 14),\n"
  "  cost REAL CHECK (cost >= 0)\n"
  ");\n"

  "CREATE TABLE factors (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  carrier INTEGER NOT NULL CHECK (carrier BETWEEN 0 AND 12),\n"
  "  unit INTEGER NOT NULL CHECK (unit BETWEEN 0 AND 14),\n"
  "  lhv_kwh REAL CHECK (lhv_kwh > 0),\n"
  "  tep REAL CHECK (tep >= 0),\n"
  "  co2_kg REAL CHECK (co2_kg >= 0),\n"
  "  source TEXT\n"
  ");\n"

  "CREATE TABLE finance (\n"
  "  pk INTEGER PRIMARY KEY CHECK (pk = 1),\n"
  "  currency TEXT CHECK (length (currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]'),\n"
  "  discount_rate REAL CHECK (discount_rate > -100 AND discount_rate <= 1000),\n"
  "  basis INTEGER CHECK (basis BETWEEN 0 AND 1),\n"
  "  price_year INTEGER CHECK (price_year BETWEEN 1900 AND 2200)\n"
  ");\n"

  "CREATE TABLE options (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  ID_COLUMN
  "  title TEXT NOT NULL,\n"
  "  category INTEGER CHECK (category BETWEEN 0 AND 9),\n"
  "  description TEXT,\n"
  "  cause TEXT,\n"
  "  screening INTEGER CHECK (screening BETWEEN 0 AND 2),\n"
  "  status INTEGER CHECK (status BETWEEN 0 AND 4),\n"
  "  investment REAL CHECK (investment >= 0),\n"
  "  lifetime REAL CHECK (lifetime > 0 AND lifetime <= 200),\n"
  "  salvage REAL CHECK (salvage >= 0),\n"
  "  om_cost REAL,\n"
  "  other_savings REAL\n"
  ");\n"

  "CREATE TABLE option_units (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  parent INTEGER NOT NULL REFERENCES options (pk) ON DELETE CASCADE,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  unit TEXT NOT NULL REFERENCES units (id) ON UPDATE CASCADE ON DELETE RESTRICT\n"
  ");\n"

  "CREATE TABLE changes (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  parent INTEGER NOT NULL REFERENCES options (pk) ON DELETE CASCADE,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  flow TEXT NOT NULL REFERENCES flows (id) ON UPDATE CASCADE ON DELETE RESTRICT,\n"
  "  delta REAL,\n"
  "  delta_pct REAL CHECK (delta_pct >= -100)\n"
  ");\n"

  "CREATE TABLE scores (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  parent INTEGER NOT NULL REFERENCES options (pk) ON DELETE CASCADE,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  criterion TEXT NOT NULL,\n"
  "  value REAL NOT NULL\n"
  ");\n"

  "CREATE TABLE actions (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  \"option\" TEXT NOT NULL REFERENCES options (id) ON UPDATE CASCADE ON DELETE RESTRICT,\n"
  "  \"action\" TEXT NOT NULL,\n"
  "  responsible TEXT,\n"
  "  \"start\" TEXT CHECK (\"start\" GLOB " DATE_GLOB "),\n"
  "  \"end\" TEXT CHECK (\"end\" GLOB " DATE_GLOB "),\n"
  "  budget REAL CHECK (budget >= 0),\n"
  "  status INTEGER CHECK (status BETWEEN 0 AND 3)\n"
  ");\n"

  "CREATE TABLE kpis (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  ID_COLUMN
  "  name TEXT NOT NULL,\n"
  "  unit TEXT,\n"
  "  baseline REAL,\n"
  "  target REAL\n"
  ");\n"

  "CREATE TABLE kpi_values (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  parent INTEGER NOT NULL REFERENCES kpis (pk) ON DELETE CASCADE,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  period TEXT NOT NULL,\n"
  "  value REAL NOT NULL\n"
  ");\n"

  /* Children are found, and deleted with their parent, through these. */
  "CREATE INDEX option_units_parent ON option_units (parent, list_position);\n"
  "CREATE INDEX changes_parent ON changes (parent, list_position);\n"
  "CREATE INDEX scores_parent ON scores (parent, list_position);\n"
  "CREATE INDEX kpi_values_parent ON kpi_values (parent, list_position);\n";

/* What the JSON audit format has no place for, kept in .ekv files: the items an
 * option's investment is made of, and the weights of the ranking criteria. */
static const char migration_2[] =
  "CREATE TABLE investment_items (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  parent INTEGER NOT NULL REFERENCES options (pk) ON DELETE CASCADE,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  item TEXT NOT NULL,\n"
  "  amount REAL CHECK (amount >= 0)\n"
  ");\n"
  "CREATE INDEX investment_items_parent ON investment_items (parent, list_position);\n"

  "CREATE TABLE criteria (\n"
  "  pk INTEGER PRIMARY KEY,\n"
  "  list_position INTEGER NOT NULL,\n"
  "  criterion TEXT NOT NULL,\n"
  "  weight REAL CHECK (weight >= 0)\n"
  ");\n";

static const char *const migrations[] = {
  migration_1, /* empty file -> version 1 */
  migration_2, /* investment items, ranking criteria */
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == EKV_STORE_VERSION);

static const char *const *test_migrations;
static guint n_test_migrations;

const char *const *
_ekv_store_get_migrations (guint *n_migrations)
{
  if (test_migrations != NULL)
    {
      *n_migrations = n_test_migrations;
      return test_migrations;
    }

  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

guint
_ekv_store_get_version (void)
{
  guint n;

  _ekv_store_get_migrations (&n);
  return n;
}

void
_ekv_store_set_test_migrations (const char *const *list,
                                guint              n_list)
{
  test_migrations = list;
  n_test_migrations = list != NULL ? n_list : 0;
}

/* ------------------------------------------------------------------------ */
/* The file header, creation, migration, checks                              */
/* ------------------------------------------------------------------------ */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Looks at the file's 100-byte SQLite header without SQLite, which would otherwise
 * start to work on (and possibly write to) a file that is not ours. */
gboolean
_ekv_store_check_header (const char  *path,
              const char  *name,
              int         *version,
              GError     **error)
{
  guint8 header[SQLITE_HEADER_SIZE];
  struct stat st;
  size_t got = 0;
  guint32 page_size, page_count, user_version;
  int fd;

  /* O_NONBLOCK: a FIFO given as a document must not hang us */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ENOENT || saved == ENOTDIR)
        g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_NOT_FOUND,
                     /* Translators: %s is a file name */
                     _("“%s” does not exist"), name);
      else
        g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO,
                     /* Translators: the first %s is a file name, the second the system's reason */
                     _("Could not open “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_NOT_DOCUMENT,
                   /* Translators: %s is a file name */
                   _("“%s” is not an Ekoverim document"), name);
      return FALSE;
    }

  while (got < sizeof header)
    {
      ssize_t n = read (fd, header + got, sizeof header - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO,
                       _("Could not open “%s”: %s"), name, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      got += n;
    }
  close (fd);

  if (got < sizeof SQLITE_MAGIC || memcmp (header, SQLITE_MAGIC, sizeof SQLITE_MAGIC) != 0)
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_NOT_DOCUMENT,
                   _("“%s” is not an Ekoverim document"), name);
      return FALSE;
    }

  if (got < sizeof header)
    goto corrupt;

  if (read_be32 (header + 68) != EKV_STORE_APPLICATION_ID)
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_FOREIGN,
                   /* Translators: %s is a file name */
                   _("“%s” is another program's database, not an Ekoverim document"), name);
      return FALSE;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    goto corrupt;

  /* The page count in the header is valid when the change counter (24) equals
   * the "version-valid-for" number (92). */
  page_count = read_be32 (header + 28);
  if (st.st_size % page_size != 0 ||
      (page_count != 0 && read_be32 (header + 24) == read_be32 (header + 92) &&
       (guint64) st.st_size < (guint64) page_count * page_size))
    goto corrupt;

  user_version = read_be32 (header + 60);
  if (user_version > _ekv_store_get_version ())
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_NEWER_VERSION,
                   /* Translators: a file name, then two version numbers */
                   _("“%s” was written by a newer Ekoverim (document format %d); this version "
                     "reads format %d and older. Update Ekoverim to open it."),
                   name, (int) MIN (user_version, G_MAXINT), (int) _ekv_store_get_version ());
      return FALSE;
    }
  if (user_version == 0)
    goto corrupt; /* ours, but its schema was never written */

  *version = (int) user_version;
  return TRUE;

corrupt:
  g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CORRUPT,
               /* Translators: %s is a file name */
               _("“%s” is damaged or incomplete (cut short?) and cannot be opened"), name);
  return FALSE;
}

/* Runs migrations[from] .. migrations[to - 1]; the caller holds a transaction. */
static gboolean
run_migrations (EkvStore  *self,
                guint      from,
                guint      to,
                GError   **error)
{
  guint n_migrations;
  const char *const *list = _ekv_store_get_migrations (&n_migrations);

  g_assert (to <= n_migrations);

  for (guint v = from; v < to; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %u", v + 1);

      if (!_ekv_store_exec (self, list[v], error) || !_ekv_store_exec (self, pragma, error))
        return FALSE;
    }

  return TRUE;
}

/* Schema, application id and the singleton rows of a new, empty document. */
gboolean
_ekv_store_create_schema (EkvStore  *self,
               GError   **error)
{
  g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d",
                                             (int) EKV_STORE_APPLICATION_ID);

  if (!ekv_store_begin (self, error))
    return FALSE;

  if (!_ekv_store_exec (self, app_id, error) || !run_migrations (self, 0, _ekv_store_get_version (), error))
    goto fail;

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);
      g_autofree char *sql = NULL;

      if (!entity->singleton)
        continue;
      sql = g_strdup_printf ("INSERT INTO \"%s\" (pk) VALUES (1)", entity->table);
      if (!_ekv_store_exec (self, sql, error))
        goto fail;
    }

  return ekv_store_commit (self, error);

fail:
  ekv_store_rollback (self);
  return FALSE;
}

static const char *
table_label (const char *table)
{
  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    if (g_strcmp0 (ekv_entity_get (k)->table, table) == 0)
      return _(ekv_entity_get (k)->label);

  return table;
}

static gboolean
foreign_keys_ok (EkvStore  *self,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = _ekv_store_prepare (self, "PRAGMA foreign_key_check", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CORRUPT,
                   /* Translators: a file name, an entity label, a row number, an entity label */
                   _("“%s” is damaged: a record of “%s” (row %lld) refers to a missing record "
                     "of “%s”"),
                   self->display_name, table_label ((const char *) sqlite3_column_text (stmt, 0)),
                   (long long) sqlite3_column_int64 (stmt, 1),
                   table_label ((const char *) sqlite3_column_text (stmt, 2)));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return _ekv_store_error (self, rc, error);

  return TRUE;
}

/* Brings an older document up to this version, in one transaction. Foreign keys
 * are off meanwhile (a migration may rebuild a table) and checked at the end. */
gboolean
_ekv_store_migrate (EkvStore  *self,
         guint      from,
         GError   **error)
{
  gboolean ok;

  if (!_ekv_store_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;

  ok = _ekv_store_begin (self, error);
  if (ok)
    {
      ok = run_migrations (self, from, _ekv_store_get_version (), error) &&
           foreign_keys_ok (self, error);
      if (ok)
        ok = ekv_store_commit (self, error);
      else
        ekv_store_rollback (self);
    }

  if (!_ekv_store_exec (self, "PRAGMA foreign_keys = ON", ok ? error : NULL))
    ok = FALSE;

  return ok;
}

static gboolean
check_pragmas (EkvStore  *self,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *result;
  gint64 app_id, version;
  int rc;

  if ((stmt = _ekv_store_prepare (self, "PRAGMA integrity_check", error)) == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return _ekv_store_error (self, rc, error);
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s)"), self->display_name, result);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!foreign_keys_ok (self, error))
    return FALSE;

  if ((stmt = _ekv_store_prepare (self, "SELECT (SELECT application_id FROM pragma_application_id), "
                             "(SELECT user_version FROM pragma_user_version)", error)) == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return _ekv_store_error (self, rc, error);
  app_id = sqlite3_column_int64 (stmt, 0);
  version = sqlite3_column_int64 (stmt, 1);

  if (app_id != (gint32) EKV_STORE_APPLICATION_ID)
    {
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_FOREIGN,
                   _("“%s” is another program's database, not an Ekoverim document"),
                   self->display_name);
      return FALSE;
    }
  if (version != (gint64) _ekv_store_get_version ())
    {
      g_set_error (error, EKV_STORE_ERROR,
                   version > (gint64) _ekv_store_get_version () ? EKV_STORE_ERROR_NEWER_VERSION
                                                         : EKV_STORE_ERROR_CORRUPT,
                   /* Translators: a file name, then two version numbers */
                   _("“%s” has document format %lld, but this version of Ekoverim writes format %u"),
                   self->display_name, (long long) version, _ekv_store_get_version ());
      return FALSE;
    }

  return TRUE;
}

/* Each stored value against its field's type, range and format. Missing required
 * values are left to the document: a form may hold a new, still blank record. */
static gboolean
check_values (EkvStore  *self,
              GError   **error)
{
  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);
      g_autoptr(GPtrArray) records = ekv_store_load (self, k, NULL, error);

      if (records == NULL)
        return FALSE;

      if (entity->singleton && records->len != 1)
        {
          g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CORRUPT,
                       /* Translators: a file name, then an entity label, e.g. "Company" */
                       _("“%s” is damaged: it has no %s record"),
                       self->display_name, _(entity->label));
          return FALSE;
        }

      for (guint r = 0; r < records->len; r++)
        for (guint i = 0; i < entity->n_fields; i++)
          {
            EkvRecord *record = g_ptr_array_index (records, r);
            g_auto(GValue) value = G_VALUE_INIT;
            g_autoptr(GError) local_error = NULL;

            if (!ekv_record_is_set (record, i))
              continue;
            ekv_record_get_value (record, i, &value);
            if (ekv_field_validate (&entity->fields[i], &value, &local_error) ||
                g_error_matches (local_error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_REQUIRED))
              continue;

            g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                         /* Translators: a file name, an entity label, a number, then the
                          * problem, e.g. "“a.ekv”, Flow 3: Quantity cannot be negative" */
                         _("“%s”, %s %u: %s"),
                         self->display_name, _(entity->label), r + 1, local_error->message);
            return FALSE;
          }
    }

  return TRUE;
}

static gboolean
unit_has_batches (GHashTable *units,
                  EkvRecord  *flow,
                  guint       field)
{
  EkvRecord *unit;

  if (!ekv_record_is_set (flow, field))
    return FALSE;
  unit = g_hash_table_lookup (units, ekv_record_get_string (flow, field));
  return unit != NULL && ekv_record_is_set (unit, EKV_UNIT_OPERATION_BATCHES_PER_YEAR);
}

/* The id of the option whose key is KEY, for messages. */
static const char *
option_id (GPtrArray *options,
           gint64     key)
{
  for (guint i = 0; i < options->len; i++)
    if (_ekv_record_get_key (g_ptr_array_index (options, i)) == key)
      return ekv_record_get_string (g_ptr_array_index (options, i), EKV_OPTION_ID);
  return "?";
}

/* The rules across fields that the JSON import refuses to break (audit-format.md):
 * a document that breaks them would export to a JSON audit no import takes back. */
static gboolean
check_rules (EkvStore  *self,
             GError   **error)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) flows = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GArray) change_parents = NULL;
  g_autoptr(GArray) score_parents = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) criteria = NULL;

  if ((units = ekv_store_load (self, EKV_ENTITY_UNIT_OPERATION, NULL, error)) == NULL ||
      (flows = ekv_store_load (self, EKV_ENTITY_FLOW, NULL, error)) == NULL ||
      (options = ekv_store_load (self, EKV_ENTITY_OPTION, NULL, error)) == NULL ||
      (changes = ekv_store_load (self, EKV_ENTITY_CHANGE, &change_parents, error)) == NULL ||
      (scores = ekv_store_load (self, EKV_ENTITY_SCORE, &score_parents, error)) == NULL)
    return FALSE;

  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < units->len; i++)
    {
      EkvRecord *unit = g_ptr_array_index (units, i);

      if (ekv_record_is_set (unit, EKV_UNIT_OPERATION_ID))
        g_hash_table_insert (by_id, (gpointer) ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID), unit);
    }

  for (guint i = 0; i < flows->len; i++)
    {
      EkvRecord *flow = g_ptr_array_index (flows, i);
      const char *id = ekv_record_get_string (flow, EKV_FLOW_ID);

      if (ekv_record_get_enum (flow, EKV_FLOW_KIND) == EKV_FLOW_KIND_PRODUCT &&
          ekv_record_is_set (flow, EKV_FLOW_TO))
        {
          g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                       /* Translators: a file name, a flow id, then a unit operation id */
                       _("“%s”: flow “%s” is a product but goes to unit operation “%s”; goods "
                         "passed between units are intermediate, and a product leaves the plant"),
                       self->display_name, id, ekv_record_get_string (flow, EKV_FLOW_TO));
          return FALSE;
        }

      if (ekv_record_get_enum (flow, EKV_FLOW_PERIOD) == EKV_PERIOD_BATCH &&
          !unit_has_batches (by_id, flow, EKV_FLOW_FROM) &&
          !unit_has_batches (by_id, flow, EKV_FLOW_TO))
        {
          g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                       /* Translators: a file name, then a flow id */
                       _("“%s”: flow “%s” is given per batch, but neither its source nor its "
                         "destination unit operation has a number of batches per year"),
                       self->display_name, id);
          return FALSE;
        }
    }

  for (guint i = 0; i < changes->len; i++)
    {
      EkvRecord *change = g_ptr_array_index (changes, i);
      gboolean delta = ekv_record_is_set (change, EKV_CHANGE_DELTA);
      gboolean delta_pct = ekv_record_is_set (change, EKV_CHANGE_DELTA_PCT);

      if (delta != delta_pct)
        continue;
      g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                   delta
                     /* Translators: a file name, an option id, then a flow id */
                     ? _("“%s”: option “%s” changes flow “%s” both by a quantity and by a "
                         "percentage; keep one of them")
                     /* Translators: a file name, an option id, then a flow id */
                     : _("“%s”: option “%s” changes flow “%s” by neither a quantity nor a "
                         "percentage"),
                   self->display_name, option_id (options, g_array_index (change_parents, gint64, i)),
                   ekv_record_get_string (change, EKV_CHANGE_FLOW));
      return FALSE;
    }

  /* In JSON the scores are a map: two of one criterion would come back as one. */
  criteria = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < scores->len; i++)
    {
      EkvRecord *score = g_ptr_array_index (scores, i);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s",
                                              g_array_index (score_parents, gint64, i),
                                              ekv_record_get_string (score, EKV_SCORE_CRITERION));

      if (!g_hash_table_add (criteria, g_steal_pointer (&key)))
        {
          g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT,
                       /* Translators: a file name, an option id, then a criterion */
                       _("“%s”: option “%s” has two scores of the criterion “%s”"),
                       self->display_name, option_id (options, g_array_index (score_parents, gint64, i)),
                       ekv_record_get_string (score, EKV_SCORE_CRITERION));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
ekv_store_check (EkvStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (EKV_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_pragmas (self, error) && check_values (self, error) && check_rules (self, error);
}
