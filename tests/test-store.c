/* test-store.c: the SQLite store (ekv-store.c, ekv-store-schema.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ekv-enums.h"
#include "ekv-store-private.h"

typedef struct
{
  char *dir;
} Fixture;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */
/* ------------------------------------------------------------------------ */

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          g_chmod (child, 0755);
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ekv-test-store-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_chmod (fixture->dir, 0755);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* SHA-256 of a file's bytes; NULL if it does not exist. */
static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The names in a folder, sorted and joined, to see that nothing was left behind. */
static char *
list_dir (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv ("|", (char **) names->pdata);
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

static int
raw_exec (sqlite3    *db,
          const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return result;
}

static EkvStore *
create_store (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = path_in (fixture, name);
  g_autoptr(GError) error = NULL;
  EkvStore *store = ekv_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_true (EKV_IS_STORE (store));
  return store;
}

static EkvRecord *
insert (EkvStore     *store,
        EkvEntityKind kind,
        EkvRecord    *parent,
        guint         position,
        ...)
{
  g_autoptr(GError) error = NULL;
  EkvRecord *record = ekv_record_new (kind);
  va_list args;
  int field;

  /* field, value pairs (text as char *, numbers as double, enums/ints as int), -1 ends */
  va_start (args, position);
  while ((field = va_arg (args, int)) >= 0)
    {
      const EkvField *def = ekv_entity_get_field (kind, field);

      switch (def->type)
        {
        case EKV_FIELD_DOUBLE:
          ekv_record_set_double (record, field, va_arg (args, double));
          break;
        case EKV_FIELD_INT:
          ekv_record_set_int (record, field, va_arg (args, int));
          break;
        case EKV_FIELD_BOOL:
          ekv_record_set_bool (record, field, va_arg (args, int));
          break;
        case EKV_FIELD_ENUM:
          ekv_record_set_enum (record, field, va_arg (args, int));
          break;
        case EKV_FIELD_STRING:
        case EKV_FIELD_DATE:
        case EKV_FIELD_MONTH:
        case EKV_FIELD_ID:
        case EKV_FIELD_REF:
        case EKV_FIELD_CURRENCY:
          ekv_record_set_string (record, field, va_arg (args, const char *));
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_true (ekv_record_is_set (record, field));
    }
  va_end (args);

  ekv_store_insert (store, record, parent != NULL ? _ekv_record_get_key (parent) : 0, position,
                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (_ekv_record_get_key (record), >, 0);

  return record;
}

/* Changes a field in the store and, once stored, in the record. */
static void
update (EkvStore     *store,
        EkvRecord    *record,
        guint         field,
        const GValue *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ekv_store_update (store, record, field, value, &error));
  g_assert_no_error (error);
  _ekv_record_store_value (record, field, value);
}

static void
assert_same_record (EkvRecord *expected,
                    EkvRecord *actual)
{
  const EkvEntity *entity = ekv_record_get_entity (expected);

  g_assert_cmpint (ekv_record_get_kind (actual), ==, entity->kind);
  g_assert_cmpint (_ekv_record_get_key (actual), ==, _ekv_record_get_key (expected));

  for (guint i = 0; i < entity->n_fields; i++)
    {
      g_auto(GValue) a = G_VALUE_INIT;
      g_auto(GValue) b = G_VALUE_INIT;

      if (ekv_record_is_set (expected, i) != ekv_record_is_set (actual, i))
        g_error ("%s.%s: set %d, loaded as set %d", entity->table, entity->fields[i].column,
                 ekv_record_is_set (expected, i), ekv_record_is_set (actual, i));

      ekv_record_get_value (expected, i, &a);
      ekv_record_get_value (actual, i, &b);
      g_assert_cmpint (G_VALUE_TYPE (&a), ==, G_VALUE_TYPE (&b));

      if (G_VALUE_HOLDS_STRING (&a))
        g_assert_cmpstr (g_value_get_string (&a), ==, g_value_get_string (&b));
      else if (G_VALUE_HOLDS_DOUBLE (&a))
        {
          double x = g_value_get_double (&a), y = g_value_get_double (&b);

          /* exactly: the same bits, not merely close */
          if (memcmp (&x, &y, sizeof x) != 0)
            g_error ("%s.%s: stored %.17g, loaded %.17g", entity->table,
                     entity->fields[i].column, x, y);
        }
      else if (G_VALUE_HOLDS_INT (&a))
        g_assert_cmpint (g_value_get_int (&a), ==, g_value_get_int (&b));
      else if (G_VALUE_HOLDS_BOOLEAN (&a))
        g_assert_cmpint (g_value_get_boolean (&a), ==, g_value_get_boolean (&b));
      else if (G_VALUE_HOLDS_ENUM (&a))
        g_assert_cmpint (g_value_get_enum (&a), ==, g_value_get_enum (&b));
      else
        g_assert_not_reached ();
    }
}

/* Loads KIND and compares it with EXPECTED (in order), children of PARENT only. */
static void
assert_list (EkvStore     *store,
             EkvEntityKind kind,
             EkvRecord    *parent,
             EkvRecord   **expected,
             guint         n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) parent_keys = NULL;
  g_autoptr(GPtrArray) records = ekv_store_load (store, kind, &parent_keys, &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (records);
  g_assert_cmpuint (parent_keys->len, ==, records->len);

  for (guint i = 0; i < records->len; i++)
    {
      gint64 parent_key = g_array_index (parent_keys, gint64, i);

      if (parent != NULL && parent_key != _ekv_record_get_key (parent))
        continue;
      if (parent == NULL)
        g_assert_cmpint (parent_key, ==, 0);

      g_assert_cmpuint (n, <, n_expected);
      assert_same_record (expected[n], g_ptr_array_index (records, i));
      n++;
    }

  g_assert_cmpuint (n, ==, n_expected);
}

static int
enum_max (const EkvField *field)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());

  return field->enum_limit > 0 ? field->enum_limit - 1 : klass->maximum;
}

static char *
test_id (EkvEntityKind kind)
{
  return g_strdup_printf ("%s-1", ekv_entity_get (kind)->table);
}

/* A valid value of every field, none of them a default, some awkward to store. */
static void
valid_value (const EkvField *field,
             GValue         *value)
{
  g_value_init (value, ekv_field_get_gtype (field));

  switch (field->type)
    {
    case EKV_FIELD_STRING:
      g_value_set_string (value, "Boyahane “İç” ğüşıöç ₺\nsecond line; DROP TABLE flows; --");
      break;
    case EKV_FIELD_DATE:
      g_value_set_string (value, "2024-02-29");
      break;
    case EKV_FIELD_MONTH:
      g_value_set_string (value, "2024-02");
      break;
    case EKV_FIELD_ID:
      g_value_take_string (value, g_strdup ("id-x"));
      break;
    case EKV_FIELD_REF:
      g_value_take_string (value, test_id (field->ref));
      break;
    case EKV_FIELD_CURRENCY:
      g_value_set_string (value, "EUR");
      break;
    case EKV_FIELD_DOUBLE:
      if (isfinite (field->min) && isfinite (field->max))
        g_value_set_double (value, field->min + (field->max - field->min) / 3.0);
      else if (isfinite (field->min))
        g_value_set_double (value, field->min + 0.1 + 0.2); /* 0.30000000000000004 */
      else
        g_value_set_double (value, -1e12 / 3.0);
      break;
    case EKV_FIELD_INT:
      g_value_set_int (value, (int) (field->min + (field->max - field->min) / 3.0));
      break;
    case EKV_FIELD_BOOL:
      g_value_set_boolean (value, TRUE);
      break;
    case EKV_FIELD_ENUM:
      g_value_set_enum (value, enum_max (field));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* One record of every entity with every field set, parents before children. */
static void
fill_every_entity (EkvStore  *store,
                   EkvRecord *records[EKV_N_ENTITIES])
{
  g_autoptr(GError) error = NULL;

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);

      if (entity->singleton)
        {
          g_autoptr(GPtrArray) loaded = ekv_store_load (store, k, NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (loaded->len, ==, 1);
          records[k] = g_object_ref (g_ptr_array_index (loaded, 0));
          g_assert_cmpint (_ekv_record_get_key (records[k]), ==, 1);
          for (guint i = 0; i < entity->n_fields; i++)
            {
              g_auto(GValue) value = G_VALUE_INIT;

              g_assert_false (ekv_record_is_set (records[k], i));
              valid_value (&entity->fields[i], &value);
              update (store, records[k], i, &value);
            }
        }
      else
        {
          gint64 parent_key = 0;

          records[k] = ekv_record_new (k);
          for (guint i = 0; i < entity->n_fields; i++)
            {
              g_auto(GValue) value = G_VALUE_INIT;

              valid_value (&entity->fields[i], &value);
              if (entity->fields[i].type == EKV_FIELD_ID)
                g_value_take_string (&value, test_id (k));
              g_assert_true (ekv_record_set_value (records[k], i, &value, &error));
              g_assert_no_error (error);
            }
          if (entity->parent != EKV_ENTITY_NONE)
            parent_key = _ekv_record_get_key (records[entity->parent]);
          g_assert_true (ekv_store_insert (store, records[k], parent_key, 0, &error));
          g_assert_no_error (error);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Tests                                                                     */
/* ------------------------------------------------------------------------ */

/* Every table and column of the descriptors exists in the schema, with the type,
 * NOT NULL and foreign keys the descriptors imply, and nothing else. */
static void
test_schema_matches_descriptors (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(EkvStore) store = create_store (fixture, "schema.ekv");
  g_autofree char *path = g_strdup (ekv_store_get_path (store));
  sqlite3 *db;

  g_clear_object (&store);
  db = raw_open (path);

  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, EKV_STORE_APPLICATION_ID);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, EKV_STORE_VERSION);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'"), ==,
                   EKV_N_ENTITIES);

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);
      g_autofree char *sql = g_strdup_printf ("SELECT name, type, \"notnull\", pk "
                                              "FROM pragma_table_info('%s')", entity->table);
      g_autofree char *fk_sql = g_strdup_printf ("SELECT \"table\", \"to\", on_update, on_delete "
                                                 "FROM pragma_foreign_key_list('%s') "
                                                 "WHERE \"from\" = ?", entity->table);
      gboolean parent = entity->parent != EKV_ENTITY_NONE;
      guint n_columns = 0, n_expected = entity->n_fields + 1 + (entity->singleton ? 0 : 1) + parent;
      sqlite3_stmt *stmt = NULL;

      g_test_message ("table %s", entity->table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);
          const char *type = (const char *) sqlite3_column_text (stmt, 1);
          gboolean not_null = sqlite3_column_int (stmt, 2);
          const char *expected_type = NULL;
          gboolean expected_not_null = FALSE;
          const EkvField *field = NULL;

          n_columns++;
          for (guint i = 0; i < entity->n_fields; i++)
            if (strcmp (entity->fields[i].column, name) == 0)
              field = &entity->fields[i];

          if (strcmp (name, "pk") == 0)
            {
              g_assert_null (field);
              g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
              expected_type = "INTEGER";
            }
          else if (strcmp (name, EKV_STORE_POSITION_COLUMN) == 0)
            {
              g_assert_null (field);
              g_assert_false (entity->singleton);
              expected_type = "INTEGER";
              expected_not_null = TRUE;
            }
          else if (strcmp (name, "parent") == 0)
            {
              g_assert_null (field);
              g_assert_true (parent);
              expected_type = "INTEGER";
              expected_not_null = TRUE;
            }
          else
            {
              if (field == NULL)
                g_error ("column %s.%s has no descriptor", entity->table, name);
              switch (field->type)
                {
                case EKV_FIELD_DOUBLE:
                  expected_type = "REAL";
                  break;
                case EKV_FIELD_INT:
                case EKV_FIELD_BOOL:
                case EKV_FIELD_ENUM:
                  expected_type = "INTEGER";
                  break;
                case EKV_FIELD_STRING:
                case EKV_FIELD_DATE:
                case EKV_FIELD_MONTH:
                case EKV_FIELD_ID:
                case EKV_FIELD_REF:
                case EKV_FIELD_CURRENCY:
                  expected_type = "TEXT";
                  break;
                default:
                  g_assert_not_reached ();
                }
              expected_not_null = !entity->singleton &&
                                  (field->flags & EKV_FIELD_FLAG_REQUIRED) != 0;
            }

          if (g_strcmp0 (type, expected_type) != 0 || not_null != expected_not_null)
            g_error ("%s.%s: %s%s, expected %s%s", entity->table, name, type,
                     not_null ? " NOT NULL" : "", expected_type,
                     expected_not_null ? " NOT NULL" : "");
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (n_columns, ==, n_expected);

      /* references and the parent as foreign keys */
      for (guint i = 0; i <= entity->n_fields; i++)
        {
          const EkvField *field = i < entity->n_fields ? &entity->fields[i] : NULL;
          const char *from = field != NULL ? field->column : "parent";
          const char *target, *to, *on_update, *on_delete;

          if (field != NULL ? field->type != EKV_FIELD_REF : !parent)
            continue;

          target = ekv_entity_get (field != NULL ? field->ref : entity->parent)->table;
          to = field != NULL ? "id" : "pk";
          on_update = field != NULL ? "CASCADE" : "NO ACTION";
          on_delete = field != NULL ? "RESTRICT" : "CASCADE";

          g_assert_cmpint (sqlite3_prepare_v2 (db, fk_sql, -1, &stmt, NULL), ==, SQLITE_OK);
          sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            g_error ("%s.%s is not a foreign key", entity->table, from);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, target);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, to);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, on_update);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, on_delete);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
          sqlite3_finalize (stmt);
        }
    }

  /* singletons exist from the start, and only once */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM company"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM audit"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM finance"), ==, 1);
  g_assert_cmpint (raw_exec (db, "INSERT INTO company (pk) VALUES (2)"), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

/* The life of a document: values come back exactly as they were written. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(EkvStore) store = create_store (fixture, "audit.ekv");
  g_autofree char *path = g_strdup (ekv_store_get_path (store));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvRecord) u1 = NULL, u2 = NULL, u3 = NULL, f1 = NULL, f2 = NULL, f3 = NULL;
  g_autoptr(EkvRecord) o1 = NULL, o2 = NULL, ou1 = NULL, ou2 = NULL, c1 = NULL, s1 = NULL;
  g_autoptr(EkvRecord) s2 = NULL, k1 = NULL, v1 = NULL, v2 = NULL, a1 = NULL;
  g_autoptr(GPtrArray) company = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_cmpint (ekv_store_get_file_version (store), ==, EKV_STORE_VERSION);
  g_assert_false (ekv_store_is_read_only (store));

  u2 = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 0, EKV_UNIT_OPERATION_ID, "dye",
               EKV_UNIT_OPERATION_NAME, "Dyeing", EKV_UNIT_OPERATION_OPERATING_HOURS, 6000.0, -1);
  u1 = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 0, EKV_UNIT_OPERATION_ID, "wash",
               EKV_UNIT_OPERATION_NAME, "Washing", EKV_UNIT_OPERATION_MODE,
               EKV_OPERATION_MODE_BATCH, -1);
  u3 = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 2, EKV_UNIT_OPERATION_ID, "dry",
               EKV_UNIT_OPERATION_NAME, "Drying", -1);
  f1 = insert (store, EKV_ENTITY_FLOW, NULL, 0, EKV_FLOW_ID, "f1", EKV_FLOW_NAME, "Fresh water",
               EKV_FLOW_KIND, EKV_FLOW_KIND_WATER, EKV_FLOW_TO, "wash",
               EKV_FLOW_QUANTITY, 0.1 + 0.2, EKV_FLOW_UNIT, EKV_QUANTITY_UNIT_M3, -1);
  f2 = insert (store, EKV_ENTITY_FLOW, NULL, 1, EKV_FLOW_ID, "f2", EKV_FLOW_NAME, "Steam",
               EKV_FLOW_KIND, EKV_FLOW_KIND_ENERGY, EKV_FLOW_CARRIER, EKV_CARRIER_STEAM,
               EKV_FLOW_FROM, "wash", EKV_FLOW_TO, "dye", EKV_FLOW_QUANTITY, 1e300,
               EKV_FLOW_UNIT, EKV_QUANTITY_UNIT_T, EKV_FLOW_DENSITY, 5e-324, -1);
  f3 = insert (store, EKV_ENTITY_FLOW, NULL, 2, EKV_FLOW_ID, "f3", EKV_FLOW_NAME, "Effluent",
               EKV_FLOW_KIND, EKV_FLOW_KIND_WASTEWATER, EKV_FLOW_FROM, "dye",
               EKV_FLOW_QUANTITY, 0.0, EKV_FLOW_UNIT, EKV_QUANTITY_UNIT_M3,
               EKV_FLOW_NOTE, "Çıkış suyu\n“arıtma”", -1);
  o1 = insert (store, EKV_ENTITY_OPTION, NULL, 0, EKV_OPTION_ID, "o1",
               EKV_OPTION_TITLE, "Counter-current rinsing", EKV_OPTION_INVESTMENT, 12500.75, -1);
  o2 = insert (store, EKV_ENTITY_OPTION, NULL, 1, EKV_OPTION_ID, "o2",
               EKV_OPTION_TITLE, "Condensate return", -1);
  ou1 = insert (store, EKV_ENTITY_OPTION_UNIT, o1, 0, EKV_OPTION_UNIT_UNIT, "wash", -1);
  ou2 = insert (store, EKV_ENTITY_OPTION_UNIT, o2, 0, EKV_OPTION_UNIT_UNIT, "dye", -1);
  c1 = insert (store, EKV_ENTITY_CHANGE, o1, 0, EKV_CHANGE_FLOW, "f1", EKV_CHANGE_DELTA_PCT,
               -35.5, -1);
  s1 = insert (store, EKV_ENTITY_SCORE, o1, 0, EKV_SCORE_CRITERION, "cost", EKV_SCORE_VALUE,
               3.0, -1);
  s2 = insert (store, EKV_ENTITY_SCORE, o1, 1, EKV_SCORE_CRITERION, "ease", EKV_SCORE_VALUE,
               -1.0 / 3.0, -1);
  a1 = insert (store, EKV_ENTITY_ACTION, NULL, 0, EKV_ACTION_OPTION, "o1", EKV_ACTION_ACTION,
               "Buy valves", EKV_ACTION_START, "2026-01-15", -1);
  k1 = insert (store, EKV_ENTITY_KPI, NULL, 0, EKV_KPI_ID, "k1", EKV_KPI_NAME, "Water per t", -1);
  v1 = insert (store, EKV_ENTITY_KPI_VALUE, k1, 0, EKV_KPI_VALUE_PERIOD, "2025",
               EKV_KPI_VALUE_VALUE, 42.125, -1);
  v2 = insert (store, EKV_ENTITY_KPI_VALUE, k1, 1, EKV_KPI_VALUE_PERIOD, "2026",
               EKV_KPI_VALUE_VALUE, 40.0, -1);

  /* singletons: update a field, unset one */
  company = ekv_store_load (store, EKV_ENTITY_COMPANY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (company->len, ==, 1);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Ege Örme Boya A.Ş.");
  update (store, g_ptr_array_index (company, 0), EKV_COMPANY_NAME, &value);
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 7.5);
  update (store, g_ptr_array_index (company, 0), EKV_COMPANY_HOURS_PER_DAY, &value);
  update (store, g_ptr_array_index (company, 0), EKV_COMPANY_HOURS_PER_DAY, NULL);
  g_value_set_double (&value, 2.0);
  update (store, g_ptr_array_index (company, 0), EKV_COMPANY_SHIFTS_PER_DAY, &value);

  /* lists: update, unset, rename an id (references follow) */
  g_value_set_double (&value, 123456.789);
  update (store, f3, EKV_FLOW_QUANTITY, &value);
  update (store, f1, EKV_FLOW_TO, NULL);
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "washing");
  update (store, u1, EKV_UNIT_OPERATION_ID, &value);
  /* ON UPDATE CASCADE: what referred to "wash" now says "washing" */
  ekv_record_set_string (f2, EKV_FLOW_FROM, "washing");
  ekv_record_set_string (ou1, EKV_OPTION_UNIT_UNIT, "washing");
  g_value_unset (&value);

  /* order */
  {
    EkvRecord *order[] = { f3, f1, f2 };

    g_assert_true (ekv_store_reorder (store, EKV_ENTITY_FLOW, order, 3, &error));
    g_assert_no_error (error);
  }

  /* delete: a child, and an option with children (which go with it) */
  g_assert_true (ekv_store_delete (store, s1, &error));
  g_assert_no_error (error);
  g_assert_true (ekv_store_delete (store, o2, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  store = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  {
    EkvRecord *units[] = { u1, u2, u3 };
    EkvRecord *flows[] = { f3, f1, f2 };
    EkvRecord *options[] = { o1 };
    EkvRecord *option_units[] = { ou1 };
    EkvRecord *changes[] = { c1 };
    EkvRecord *scores[] = { s2 };
    EkvRecord *actions[] = { a1 };
    EkvRecord *kpis[] = { k1 };
    EkvRecord *values[] = { v1, v2 };

    assert_list (store, EKV_ENTITY_UNIT_OPERATION, NULL, units, 3);
    assert_list (store, EKV_ENTITY_FLOW, NULL, flows, 3);
    assert_list (store, EKV_ENTITY_OPTION, NULL, options, 1);
    assert_list (store, EKV_ENTITY_OPTION_UNIT, o1, option_units, 1);
    assert_list (store, EKV_ENTITY_CHANGE, o1, changes, 1);
    assert_list (store, EKV_ENTITY_SCORE, o1, scores, 1);
    assert_list (store, EKV_ENTITY_ACTION, NULL, actions, 1);
    assert_list (store, EKV_ENTITY_KPI, NULL, kpis, 1);
    assert_list (store, EKV_ENTITY_KPI_VALUE, k1, values, 2);
    assert_list (store, EKV_ENTITY_COMPANY, NULL, (EkvRecord **) company->pdata, 1);
    (void) ou2;
  }

  /* o2's option unit went with o2 */
  {
    g_autoptr(GPtrArray) all = ekv_store_load (store, EKV_ENTITY_OPTION_UNIT, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 1);
  }
}

/* Positions stay 0 .. n-1 within each list and each parent. */
static void
test_positions (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EkvStore) store = create_store (fixture, "positions.ekv");
  g_autofree char *path = g_strdup (ekv_store_get_path (store));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvRecord) k1 = NULL, k2 = NULL;
  EkvRecord *values[5];
  sqlite3 *db;

  k1 = insert (store, EKV_ENTITY_KPI, NULL, 0, EKV_KPI_ID, "k1", EKV_KPI_NAME, "One", -1);
  k2 = insert (store, EKV_ENTITY_KPI, NULL, 0, EKV_KPI_ID, "k2", EKV_KPI_NAME, "Two", -1);
  values[0] = insert (store, EKV_ENTITY_KPI_VALUE, k1, 0, EKV_KPI_VALUE_PERIOD, "b",
                      EKV_KPI_VALUE_VALUE, 2.0, -1);
  values[1] = insert (store, EKV_ENTITY_KPI_VALUE, k1, 0, EKV_KPI_VALUE_PERIOD, "a",
                      EKV_KPI_VALUE_VALUE, 1.0, -1);
  values[2] = insert (store, EKV_ENTITY_KPI_VALUE, k1, 99, EKV_KPI_VALUE_PERIOD, "c",
                      EKV_KPI_VALUE_VALUE, 3.0, -1);
  values[3] = insert (store, EKV_ENTITY_KPI_VALUE, k2, 0, EKV_KPI_VALUE_PERIOD, "x",
                      EKV_KPI_VALUE_VALUE, 9.0, -1);
  values[4] = insert (store, EKV_ENTITY_KPI_VALUE, k1, 1, EKV_KPI_VALUE_PERIOD, "ab",
                      EKV_KPI_VALUE_VALUE, 1.5, -1);

  {
    EkvRecord *kpis[] = { k2, k1 };
    EkvRecord *of_k1[] = { values[1], values[4], values[0], values[2] };
    EkvRecord *of_k2[] = { values[3] };

    assert_list (store, EKV_ENTITY_KPI, NULL, kpis, 2);
    assert_list (store, EKV_ENTITY_KPI_VALUE, k1, of_k1, 4);
    assert_list (store, EKV_ENTITY_KPI_VALUE, k2, of_k2, 1);
  }

  g_assert_true (ekv_store_delete (store, values[4], &error));
  g_assert_no_error (error);
  {
    EkvRecord *of_k1[] = { values[0], values[2], values[1] };

    g_assert_true (ekv_store_reorder (store, EKV_ENTITY_KPI_VALUE, of_k1, 3, &error));
    g_assert_no_error (error);
    assert_list (store, EKV_ENTITY_KPI_VALUE, k1, of_k1, 3);
  }

  g_clear_object (&store);
  db = raw_open (path);
  /* k1's values at 0, 1, 2 (no gap where one was deleted); k2's own list from 0 */
  g_assert_cmpint (raw_int (db, "SELECT sum (list_position * list_position) + 100 * count (*) "
                                "FROM kpi_values WHERE parent = "
                                "(SELECT pk FROM kpis WHERE id = 'k1')"), ==, 0 + 1 + 4 + 300);
  g_assert_cmpint (raw_int (db, "SELECT count (DISTINCT list_position) FROM kpi_values "
                                "WHERE parent = (SELECT pk FROM kpis WHERE id = 'k1')"), ==, 3);
  g_assert_cmpint (raw_int (db, "SELECT list_position FROM kpi_values WHERE parent = "
                                "(SELECT pk FROM kpis WHERE id = 'k2')"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT list_position FROM kpis WHERE id = 'k1'"), ==, 1);
  sqlite3_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_object_unref (values[i]);
}

/* Every field of every entity, set to an awkward valid value, comes back exactly. */
static void
test_every_field (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(EkvStore) store = create_store (fixture, "every.ekv");
  g_autofree char *path = g_strdup (ekv_store_get_path (store));
  g_autoptr(GError) error = NULL;
  EkvRecord *records[EKV_N_ENTITIES];

  fill_every_entity (store, records);

  g_clear_object (&store);
  store = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);

      assert_list (store, k, entity->parent != EKV_ENTITY_NONE ? records[entity->parent] : NULL,
                   &records[k], 1);
    }

  /* Every value is valid; only a change gives delta or delta_pct, not both. */
  update (store, records[EKV_ENTITY_CHANGE], EKV_CHANGE_DELTA_PCT, NULL);
  g_assert_true (ekv_store_check (store, &error));
  g_assert_no_error (error);

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    g_object_unref (records[k]);
}

static void
assert_refused (EkvStore     *store,
                EkvRecord    *record,
                guint         field,
                const GValue *value)
{
  g_autoptr(GError) error = NULL;
  const EkvField *def = &ekv_record_get_entity (record)->fields[field];

  if (ekv_store_update (store, record, field, value, &error))
    {
      g_auto(GValue) text = G_VALUE_INIT;

      g_value_init (&text, G_TYPE_STRING);
      if (value != NULL)
        g_value_transform (value, &text);
      g_error ("%s.%s accepted %s", ekv_record_get_entity (record)->table, def->column,
               value != NULL ? g_value_get_string (&text) : "NULL");
    }
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, !=, "");
}

static void
assert_accepted (EkvStore     *store,
                 EkvRecord    *record,
                 guint         field,
                 const GValue *value)
{
  g_autoptr(GError) error = NULL;

  if (!ekv_store_update (store, record, field, value, &error))
    g_error ("%s.%s refused a valid value: %s", ekv_record_get_entity (record)->table,
             ekv_record_get_entity (record)->fields[field].column, error->message);
}

/* The CHECK constraints follow the descriptors: each bound holds, and the values
 * just inside it are accepted. */
static void
test_constraints_follow_descriptors (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(EkvStore) store = ekv_store_new_memory (NULL);
  EkvRecord *records[EKV_N_ENTITIES];

  g_assert_nonnull (store);
  fill_every_entity (store, records);

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);

      for (guint i = 0; i < entity->n_fields; i++)
        {
          const EkvField *field = &entity->fields[i];
          GType type = ekv_field_get_gtype (field);
          g_auto(GValue) value = G_VALUE_INIT;

          g_test_message ("%s.%s", entity->table, field->column);
          g_value_init (&value, type);

          if ((field->flags & EKV_FIELD_FLAG_REQUIRED) && !entity->singleton)
            assert_refused (store, records[k], i, NULL);

          switch (field->type)
            {
            case EKV_FIELD_DOUBLE:
              if (isfinite (field->min))
                {
                  gboolean exclusive = (field->flags & EKV_FIELD_FLAG_MIN_EXCLUSIVE) != 0;

                  g_value_set_double (&value, exclusive ? field->min : field->min - 0.5);
                  assert_refused (store, records[k], i, &value);
                  g_value_set_double (&value, exclusive ? nextafter (field->min, INFINITY)
                                                        : field->min);
                  assert_accepted (store, records[k], i, &value);
                }
              if (isfinite (field->max))
                {
                  gboolean exclusive = (field->flags & EKV_FIELD_FLAG_MAX_EXCLUSIVE) != 0;

                  g_value_set_double (&value, exclusive ? field->max : field->max + 0.5);
                  assert_refused (store, records[k], i, &value);
                  g_value_set_double (&value, exclusive ? nextafter (field->max, -INFINITY)
                                                        : field->max);
                  assert_accepted (store, records[k], i, &value);
                }
              g_value_set_double (&value, NAN);
              assert_refused (store, records[k], i, &value);
              break;

            case EKV_FIELD_INT:
              g_value_set_int (&value, (int) field->min - 1);
              assert_refused (store, records[k], i, &value);
              g_value_set_int (&value, (int) field->max + 1);
              assert_refused (store, records[k], i, &value);
              g_value_set_int (&value, (int) field->min);
              assert_accepted (store, records[k], i, &value);
              g_value_set_int (&value, (int) field->max);
              assert_accepted (store, records[k], i, &value);
              break;

            case EKV_FIELD_ENUM:
              g_value_set_enum (&value, enum_max (field) + 1);
              assert_refused (store, records[k], i, &value);
              g_value_set_enum (&value, -1);
              assert_refused (store, records[k], i, &value);
              g_value_set_enum (&value, 0);
              assert_accepted (store, records[k], i, &value);
              break;

            case EKV_FIELD_DATE:
            case EKV_FIELD_MONTH:
              g_value_set_string (&value, "24-1-1");
              assert_refused (store, records[k], i, &value);
              g_value_set_string (&value, field->type == EKV_FIELD_DATE ? "2024-01" : "2024-01-01");
              assert_refused (store, records[k], i, &value);
              break;

            case EKV_FIELD_ID:
              g_value_set_string (&value, "a b");
              assert_refused (store, records[k], i, &value);
              g_value_set_string (&value, "");
              assert_refused (store, records[k], i, &value);
              g_value_take_string (&value, g_strnfill (65, 'x'));
              assert_refused (store, records[k], i, &value);
              break;

            case EKV_FIELD_REF:
              g_value_set_string (&value, "no-such-id");
              assert_refused (store, records[k], i, &value);
              break;

            case EKV_FIELD_CURRENCY:
              g_value_set_string (&value, "EURO");
              assert_refused (store, records[k], i, &value);
              g_value_set_string (&value, "eur");
              assert_refused (store, records[k], i, &value);
              break;

            case EKV_FIELD_STRING:
            case EKV_FIELD_BOOL:
              break;

            default:
              g_assert_not_reached ();
            }
        }
    }

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    g_object_unref (records[k]);
}

/* The schema itself refuses bad values, whoever writes them. */
static void
test_constraints_raw_sql (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(EkvStore) store = create_store (fixture, "raw.ekv");
  g_autofree char *path = g_strdup (ekv_store_get_path (store));
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvRecord) unit = NULL, flow = NULL, other = NULL;
  sqlite3 *db;

  unit = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 0, EKV_UNIT_OPERATION_ID, "u1",
                 EKV_UNIT_OPERATION_NAME, "Unit", -1);
  flow = insert (store, EKV_ENTITY_FLOW, NULL, 0, EKV_FLOW_ID, "f1", EKV_FLOW_NAME, "Flow",
                 EKV_FLOW_KIND, 0, EKV_FLOW_FROM, "u1", EKV_FLOW_QUANTITY, 1.0,
                 EKV_FLOW_UNIT, 0, -1);

  /* a used unit cannot go; an id is unique */
  g_assert_false (ekv_store_delete (store, unit, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  other = ekv_record_new (EKV_ENTITY_UNIT_OPERATION);
  ekv_record_set_string (other, EKV_UNIT_OPERATION_ID, "u1");
  ekv_record_set_string (other, EKV_UNIT_OPERATION_NAME, "Twin");
  g_assert_false (ekv_store_insert (store, other, 0, 1, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (_ekv_record_get_key (other), ==, 0);
  g_clear_error (&error);
  /* singletons are neither added nor removed */
  {
    g_autoptr(EkvRecord) company = ekv_record_new (EKV_ENTITY_COMPANY);

    g_assert_false (ekv_store_insert (store, company, 0, 0, &error));
    g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
  }
  g_clear_object (&store);

  db = raw_open (path);
  g_assert_cmpint (raw_exec (db, "PRAGMA foreign_keys = ON"), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (db, "UPDATE flows SET quantity = -1 WHERE id = 'f1'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (db, "UPDATE flows SET quantity = -0.000001 WHERE id = 'f1'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (db, "UPDATE flows SET quantity = 0 WHERE id = 'f1'"), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (db, "UPDATE flows SET quantity = NULL WHERE id = 'f1'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (db, "UPDATE products SET denominator = 2"), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (db, "INSERT INTO products (list_position, name, denominator) "
                                 "VALUES (0, 'p', 2)"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (db, "INSERT INTO products (list_position, name, denominator) "
                                 "VALUES (0, 'p', 1)"), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (db, "UPDATE flows SET kind = 15 WHERE id = 'f1'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (db, "UPDATE flows SET carrier = 13 WHERE id = 'f1'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (db, "UPDATE flows SET from_unit = 'nowhere' WHERE id = 'f1'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (db, "UPDATE flows SET from_unit = NULL WHERE id = 'f1'"), ==,
                   SQLITE_OK);
  g_assert_cmpint (raw_exec (db, "UPDATE company SET pk = 2"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec (db, "INSERT INTO changes (parent, list_position, flow) "
                                 "VALUES (999, 0, 'f1')"), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);
}

typedef enum
{
  BAD_MISSING,
  BAD_TEXT,
  BAD_EMPTY,
  BAD_HALF,
  BAD_HALF_ODD,
  BAD_FOREIGN,
  BAD_NEWER,
  BAD_DAMAGED_PAGES,
} BadFile;

static const struct
{
  BadFile        kind;
  const char    *name;
  int            code; /* EkvStoreError */
} bad_files[] = {
  { BAD_MISSING, "missing.ekv", EKV_STORE_ERROR_NOT_FOUND },
  { BAD_TEXT, "notes.ekv", EKV_STORE_ERROR_NOT_DOCUMENT },
  { BAD_EMPTY, "empty.ekv", EKV_STORE_ERROR_NOT_DOCUMENT },
  { BAD_HALF, "half.ekv", EKV_STORE_ERROR_CORRUPT },
  { BAD_HALF_ODD, "half-odd.ekv", EKV_STORE_ERROR_CORRUPT },
  { BAD_FOREIGN, "firefox.sqlite", EKV_STORE_ERROR_FOREIGN },
  { BAD_NEWER, "future.ekv", EKV_STORE_ERROR_NEWER_VERSION },
  { BAD_DAMAGED_PAGES, "damaged.ekv", EKV_STORE_ERROR_CORRUPT },
};

static void
make_good_file (Fixture    *fixture,
                const char *name)
{
  g_autoptr(EkvStore) store = create_store (fixture, name);
  g_autoptr(EkvRecord) unit = NULL;

  unit = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 0, EKV_UNIT_OPERATION_ID, "u1",
                 EKV_UNIT_OPERATION_NAME, "Unit", -1);
}

static void
make_bad_file (Fixture *fixture,
               BadFile  kind,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = path_in (fixture, "good.ekv");
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db;

  if (kind == BAD_HALF || kind == BAD_HALF_ODD || kind == BAD_DAMAGED_PAGES)
    {
      make_good_file (fixture, "good.ekv");
      g_assert_true (g_file_get_contents (good, &contents, &length, &error));
      g_unlink (good);
    }

  switch (kind)
    {
    case BAD_MISSING:
      break;
    case BAD_TEXT:
      g_file_set_contents (path, "Meeting notes: bring the water bills.\n", -1, &error);
      break;
    case BAD_EMPTY:
      g_file_set_contents (path, "", 0, &error);
      break;
    case BAD_HALF:
      g_file_set_contents (path, contents, length / 2, &error);
      break;
    case BAD_HALF_ODD:
      g_file_set_contents (path, contents, length / 2 + 123, &error);
      break;
    case BAD_DAMAGED_PAGES:
      /* the header is fine, the pages after it are noise */
      for (gsize i = 200; i < length; i++)
        contents[i] = (char) (i * 7919 % 251);
      g_file_set_contents (path, contents, length, &error);
      break;
    case BAD_FOREIGN:
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (raw_exec (db, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                                     "INSERT INTO moz_places (url) VALUES ('https://ekoverim.org')"),
                       ==, SQLITE_OK);
      sqlite3_close (db);
      break;
    case BAD_NEWER:
      {
        g_autofree char *base = g_path_get_basename (path);
        g_autoptr(EkvStore) store = create_store (fixture, base);
      }
      db = raw_open (path);
      g_assert_cmpint (raw_exec (db, "PRAGMA user_version = 99"), ==, SQLITE_OK);
      sqlite3_close (db);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
}

/* Each file Ekoverim refuses is refused with its own code and left as it was. */
static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = path_in (fixture, bad_files[i].name);
      g_autofree char *before = NULL, *after = NULL, *listing = NULL, *listing_after = NULL;

      g_test_message ("%s", bad_files[i].name);
      make_bad_file (fixture, bad_files[i].kind, path);
      before = file_sha256 (path);
      listing = list_dir (fixture->dir);
      g_assert_true (before != NULL || bad_files[i].kind == BAD_MISSING);

      for (guint flags = 0; flags < 2; flags++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(EkvStore) store = ekv_store_open (path, flags, &error);

          g_assert_null (store);
          g_assert_error (error, EKV_STORE_ERROR, bad_files[i].code);
          g_test_message ("  %s", error->message);
          /* the message names the file */
          g_assert_nonnull (strstr (error->message, bad_files[i].name));
          if (bad_files[i].kind == BAD_NEWER)
            {
              g_assert_nonnull (strstr (error->message, "99"));
              g_autofree char *older = g_strdup_printf ("format %d and older", EKV_STORE_VERSION);

              g_assert_nonnull (strstr (error->message, older));
            }
        }

      after = file_sha256 (path);
      listing_after = list_dir (fixture->dir);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpstr (listing, ==, listing_after);
    }
}

/* A folder or a FIFO is refused without hanging on it. */
static void
test_not_a_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *folder = path_in (fixture, "folder.ekv");
  g_autofree char *fifo = path_in (fixture, "fifo.ekv");
  const char *paths[] = { folder, fifo };

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(EkvStore) store = ekv_store_open (paths[i], EKV_STORE_OPEN_DEFAULT, &error);

      g_assert_null (store);
      g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_NOT_DOCUMENT);
    }
}

/* Opening and closing without an edit changes nothing, not even a byte. */
static void
test_open_leaves_file_alone (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "calm.ekv");
  g_autofree char *before = NULL, *after = NULL, *listing = NULL, *listing_after = NULL;
  g_autoptr(GError) error = NULL;

  make_good_file (fixture, "calm.ekv");
  before = file_sha256 (path);
  listing = list_dir (fixture->dir);

  for (guint flags = 0; flags < 2; flags++)
    {
      g_autoptr(EkvStore) store = ekv_store_open (path, flags, &error);
      g_autoptr(GPtrArray) units = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (ekv_store_is_read_only (store), ==, flags != 0);
      units = ekv_store_load (store, EKV_ENTITY_UNIT_OPERATION, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (units->len, ==, 1);
      g_assert_true (ekv_store_check (store, &error));
      g_assert_no_error (error);
    }

  after = file_sha256 (path);
  listing_after = list_dir (fixture->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (listing, ==, listing_after);
}

/* Read-only: opened with the flag it reads and refuses every write; without the
 * flag a file that cannot be written is refused up front (not as root, whom
 * access () lets write anything). */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "locked.ekv");
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(EkvRecord) unit = ekv_record_new (EKV_ENTITY_UNIT_OPERATION);
  g_auto(GValue) value = G_VALUE_INIT;

  make_good_file (fixture, "locked.ekv");
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  before = file_sha256 (path);

  store = ekv_store_open (path, EKV_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ekv_store_is_read_only (store));
  units = ekv_store_load (store, EKV_ENTITY_UNIT_OPERATION, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);

  ekv_record_set_string (unit, EKV_UNIT_OPERATION_ID, "u2");
  ekv_record_set_string (unit, EKV_UNIT_OPERATION_NAME, "Two");
  g_assert_false (ekv_store_insert (store, unit, 0, 0, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Renamed");
  g_assert_false (ekv_store_update (store, g_ptr_array_index (units, 0),
                                    EKV_UNIT_OPERATION_NAME, &value, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (ekv_store_delete (store, g_ptr_array_index (units, 0), &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (ekv_store_begin (store, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);

  after = file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  if (geteuid () == 0)
    {
      g_test_skip ("running as root: access () calls every file writable, so the refusal "
                   "of a read-only file without the read-only flag cannot be seen");
      return;
    }

  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  store = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "locked.ekv"));
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_chmod (fixture->dir, 0755);

  g_clear_pointer (&after, g_free);
  after = file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_create_existing (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "taken.ekv");
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvStore) store = NULL;

  g_assert_true (g_file_set_contents (path, "mine", -1, NULL));
  before = file_sha256 (path);
  store = ekv_store_create (path, &error);
  g_assert_null (store);
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_EXISTS);
  after = file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

/* An older document is copied beside itself, then migrated in one transaction;
 * read-only, it is migrated in memory and the file never changes. The test adds
 * one migration after this build's last. */
static void
test_migration (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "old.ekv");
  g_autofree char *backup = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  const char *const *real;
  const char *migrations[EKV_STORE_VERSION + 1];
  guint n;
  sqlite3 *db;

  backup = g_strdup_printf ("%s.v%d.bak", path, EKV_STORE_VERSION);
  make_good_file (fixture, "old.ekv");
  before = file_sha256 (path);

  real = _ekv_store_get_migrations (&n);
  g_assert_cmpuint (n, ==, EKV_STORE_VERSION);
  for (guint i = 0; i < n; i++)
    migrations[i] = real[i];
  migrations[n] = "ALTER TABLE units ADD COLUMN colour TEXT;"
                  "UPDATE units SET colour = 'blue';";
  _ekv_store_set_test_migrations (migrations, n + 1);

  /* read-only: no backup, no change */
  store = ekv_store_open (path, EKV_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekv_store_get_file_version (store), ==, EKV_STORE_VERSION);
  units = ekv_store_load (store, EKV_ENTITY_UNIT_OPERATION, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_true (ekv_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_clear_pointer (&units, g_ptr_array_unref);
  after = file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

  /* read-write: backup of the old bytes, then the next version */
  store = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekv_store_get_file_version (store), ==, EKV_STORE_VERSION);
  units = ekv_store_load (store, EKV_ENTITY_UNIT_OPERATION, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  g_clear_object (&store);

  g_clear_pointer (&after, g_free);
  after = file_sha256 (backup);
  g_assert_cmpstr (before, ==, after);

  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, EKV_STORE_VERSION + 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM units WHERE colour = 'blue'"), ==, 1);
  sqlite3_close (db);

  /* a migration that fails leaves the file as it was */
  _ekv_store_set_test_migrations (NULL, 0);
  g_clear_pointer (&before, g_free);
  before = file_sha256 (backup);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (g_rename (backup, path), ==, 0);
  migrations[n] = "ALTER TABLE units ADD COLUMN colour TEXT; SELECT no_such_function ();";
  _ekv_store_set_test_migrations (migrations, n + 1);
  store = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "no_such_function"));
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  _ekv_store_set_test_migrations (NULL, 0);
}

/* A document of the first format (before investment items and ranking criteria)
 * opens in this build: copied to .v1.bak, its records kept, the new tables there. */
static void
test_migration_from_1 (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "first.ekv");
  g_autofree char *backup = path_in (fixture, "first.ekv.v1.bak");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *const *real;
  guint n;
  sqlite3 *db;

  real = _ekv_store_get_migrations (&n);
  _ekv_store_set_test_migrations (real, 1);
  make_good_file (fixture, "first.ekv");
  _ekv_store_set_test_migrations (NULL, 0);
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'criteria'"), ==, 0);
  sqlite3_close (db);

  store = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekv_store_get_file_version (store), ==, 1);
  units = ekv_store_load (store, EKV_ENTITY_UNIT_OPERATION, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  items = ekv_store_load (store, EKV_ENTITY_INVESTMENT_ITEM, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 0);
  g_assert_true (ekv_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  db = raw_open (path);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, EKV_STORE_VERSION);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'criteria'"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'investment_items'"), ==, 1);
  sqlite3_close (db);
}

/* A migrated file is newer than a build that does not know its last migration. */
static void
test_migrated_is_newer (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "next.ekv");
  g_autofree char *format = g_strdup_printf ("format %d", EKV_STORE_VERSION + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvStore) store = NULL;
  const char *const *real;
  const char *migrations[EKV_STORE_VERSION + 1];
  guint n;

  make_good_file (fixture, "next.ekv");
  real = _ekv_store_get_migrations (&n);
  for (guint i = 0; i < n; i++)
    migrations[i] = real[i];
  migrations[n] = "CREATE TABLE later (pk INTEGER PRIMARY KEY);";
  _ekv_store_set_test_migrations (migrations, n + 1);
  store = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  _ekv_store_set_test_migrations (NULL, 0);

  store = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, format));
}

static void
test_save_copy (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(EkvStore) memory = ekv_store_new_memory (NULL);
  g_autoptr(EkvStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = path_in (fixture, "copy.ekv");
  g_autofree char *second = path_in (fixture, "second.ekv");
  g_autofree char *folder = path_in (fixture, "a-folder");
  g_autofree char *listing = NULL, *listing_after = NULL;
  g_autofree char *before = NULL, *after = NULL;
  EkvRecord *records[EKV_N_ENTITIES];

  g_assert_null (ekv_store_get_path (memory));
  fill_every_entity (memory, records);
  /* a valid audit: a change gives delta or delta_pct, not both */
  update (memory, records[EKV_ENTITY_CHANGE], EKV_CHANGE_DELTA_PCT, NULL);

  /* over an existing file, which is replaced */
  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_true (ekv_store_save_copy (memory, path, &error));
  g_assert_no_error (error);

  copy = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ekv_store_check (copy, &error));
  g_assert_no_error (error);
  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);

      assert_list (copy, k, entity->parent != EKV_ENTITY_NONE ? records[entity->parent] : NULL,
                   &records[k], 1);
    }

  /* a copy of a file store; not over itself */
  g_assert_true (ekv_store_save_copy (copy, second, &error));
  g_assert_no_error (error);
  g_assert_false (ekv_store_save_copy (copy, path, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_object (&copy);
  copy = ekv_store_open (second, EKV_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_list (copy, EKV_ENTITY_FLOW, NULL, &records[EKV_ENTITY_FLOW], 1);

  /* a copy that fails (the target is a folder) leaves no temporary file behind */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
  before = file_sha256 (path);
  listing = list_dir (fixture->dir);
  g_assert_false (ekv_store_save_copy (memory, folder, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  listing_after = list_dir (fixture->dir);
  g_assert_cmpstr (listing, ==, listing_after);

  /* into a folder that does not exist: nothing written, the old target stays */
  {
    g_autofree char *nowhere = g_build_filename (fixture->dir, "no", "such", "x.ekv", NULL);

    g_assert_false (ekv_store_save_copy (memory, nowhere, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  after = file_sha256 (path);
  g_assert_cmpstr (before, ==, after);

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    g_object_unref (records[k]);
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "checked.ekv");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvStore) store = NULL;
  g_autoptr(EkvRecord) flow = NULL;
  sqlite3 *db;

  store = create_store (fixture, "checked.ekv");
  g_assert_true (ekv_store_check (store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(EkvRecord) unit = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 0,
                                        EKV_UNIT_OPERATION_ID, "u1",
                                        EKV_UNIT_OPERATION_NAME, "Unit", -1);
  }
  flow = insert (store, EKV_ENTITY_FLOW, NULL, 0, EKV_FLOW_ID, "f1", EKV_FLOW_NAME, "Flow",
                 EKV_FLOW_KIND, 0, EKV_FLOW_FROM, "u1", EKV_FLOW_QUANTITY, 1.0,
                 EKV_FLOW_UNIT, 0, -1);
  g_assert_true (ekv_store_check (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* a date the GLOB lets through but the calendar does not */
  db = raw_open (path);
  g_assert_cmpint (raw_exec (db, "UPDATE audit SET \"end\" = '2024-13-45'"), ==, SQLITE_OK);
  sqlite3_close (db);
  store = ekv_store_open (path, EKV_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (ekv_store_check (store, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "checked.ekv"));
  g_clear_error (&error);
  g_clear_object (&store);

  /* foreign keys broken behind SQLite's back */
  db = raw_open (path);
  g_assert_cmpint (raw_exec (db, "UPDATE audit SET \"end\" = NULL"), ==, SQLITE_OK);
  g_assert_cmpint (raw_exec (db, "PRAGMA foreign_keys = OFF;"
                                 "UPDATE flows SET from_unit = 'ghost'"), ==, SQLITE_OK);
  sqlite3_close (db);
  store = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (ekv_store_check (store, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "checked.ekv"));
  g_assert_nonnull (strstr (error->message, "Flow"));
  g_clear_error (&error);
  g_clear_object (&store);

  /* a singleton gone */
  db = raw_open (path);
  g_assert_cmpint (raw_exec (db, "UPDATE flows SET from_unit = 'u1'; DELETE FROM finance"), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  store = ekv_store_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (ekv_store_check (store, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "Finance"));
}

/* The rules across fields that the JSON import enforces: a document that breaks
 * them exports to a JSON audit the import refuses, so the check must say so. */
static void
assert_check_fails (EkvStore   *store,
                    const char *word,
                    const char *other_word)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ekv_store_check (store, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CONSTRAINT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "rules.ekv"));
  g_assert_nonnull (strstr (error->message, word));
  if (other_word != NULL)
    g_assert_nonnull (strstr (error->message, other_word));
}

static void
test_check_rules (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvStore) store = create_store (fixture, "rules.ekv");
  g_autoptr(EkvRecord) u1 = NULL;
  g_autoptr(EkvRecord) u2 = NULL;
  g_autoptr(EkvRecord) flow = NULL;
  g_autoptr(EkvRecord) option = NULL;
  g_autoptr(EkvRecord) change = NULL;
  g_autoptr(EkvRecord) score = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  u1 = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 0, EKV_UNIT_OPERATION_ID, "u1",
               EKV_UNIT_OPERATION_NAME, "Dyeing", -1);
  u2 = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 1, EKV_UNIT_OPERATION_ID, "u2",
               EKV_UNIT_OPERATION_NAME, "Drying", -1);
  flow = insert (store, EKV_ENTITY_FLOW, NULL, 0, EKV_FLOW_ID, "fabric", EKV_FLOW_NAME, "Fabric",
                 EKV_FLOW_KIND, EKV_FLOW_KIND_INTERMEDIATE, EKV_FLOW_FROM, "u1", EKV_FLOW_TO, "u2",
                 EKV_FLOW_QUANTITY, 1.0, EKV_FLOW_UNIT, EKV_QUANTITY_UNIT_T, -1);
  option = insert (store, EKV_ENTITY_OPTION, NULL, 0, EKV_OPTION_ID, "o1",
                   EKV_OPTION_TITLE, "Fix", -1);
  change = insert (store, EKV_ENTITY_CHANGE, option, 0, EKV_CHANGE_FLOW, "fabric",
                   EKV_CHANGE_DELTA, -0.5, -1);
  score = insert (store, EKV_ENTITY_SCORE, option, 0, EKV_SCORE_CRITERION, "technical",
                  EKV_SCORE_VALUE, 3.0, -1);
  g_assert_true (ekv_store_check (store, &error));
  g_assert_no_error (error);

  /* a product that goes to a unit operation */
  g_value_init (&value, EKV_TYPE_FLOW_KIND);
  g_value_set_enum (&value, EKV_FLOW_KIND_PRODUCT);
  update (store, flow, EKV_FLOW_KIND, &value);
  assert_check_fails (store, "fabric", "u2");
  g_value_set_enum (&value, EKV_FLOW_KIND_INTERMEDIATE);
  update (store, flow, EKV_FLOW_KIND, &value);
  g_value_unset (&value);

  /* per batch, with no batches per year on either unit operation */
  g_value_init (&value, EKV_TYPE_PERIOD);
  g_value_set_enum (&value, EKV_PERIOD_BATCH);
  update (store, flow, EKV_FLOW_PERIOD, &value);
  assert_check_fails (store, "fabric", NULL);
  g_value_unset (&value);
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 300);
  update (store, u2, EKV_UNIT_OPERATION_BATCHES_PER_YEAR, &value);
  g_assert_true (ekv_store_check (store, &error));
  g_assert_no_error (error);

  /* a change with both delta and delta_pct, then with neither */
  g_value_set_double (&value, -10);
  update (store, change, EKV_CHANGE_DELTA_PCT, &value);
  assert_check_fails (store, "o1", NULL);
  update (store, change, EKV_CHANGE_DELTA, NULL);
  update (store, change, EKV_CHANGE_DELTA_PCT, NULL);
  assert_check_fails (store, "o1", NULL);
  g_value_set_double (&value, -10);
  update (store, change, EKV_CHANGE_DELTA_PCT, &value);
  g_assert_true (ekv_store_check (store, &error));
  g_assert_no_error (error);
  g_value_unset (&value);

  /* two scores of one criterion: the JSON map would keep only one */
  g_clear_object (&score);
  score = insert (store, EKV_ENTITY_SCORE, option, 1, EKV_SCORE_CRITERION, "technical",
                  EKV_SCORE_VALUE, 4.0, -1);
  assert_check_fails (store, "o1", "technical");
}

/* Nested transactions: only the outermost reaches SQLite; a rollback drops all. */
static void
test_transactions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(EkvStore) store = create_store (fixture, "tx.ekv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(EkvRecord) u1 = NULL, u2 = NULL, u3 = NULL;

  g_assert_true (ekv_store_begin (store, &error));
  g_assert_true (ekv_store_begin (store, &error));
  u1 = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 0, EKV_UNIT_OPERATION_ID, "u1",
               EKV_UNIT_OPERATION_NAME, "One", -1);
  g_assert_true (ekv_store_commit (store, &error));
  u2 = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 1, EKV_UNIT_OPERATION_ID, "u2",
               EKV_UNIT_OPERATION_NAME, "Two", -1);
  ekv_store_rollback (store);
  g_assert_no_error (error);

  units = ekv_store_load (store, EKV_ENTITY_UNIT_OPERATION, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 0);
  g_clear_pointer (&units, g_ptr_array_unref);

  g_assert_true (ekv_store_begin (store, &error));
  u3 = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 0, EKV_UNIT_OPERATION_ID, "u3",
               EKV_UNIT_OPERATION_NAME, "Three", -1);
  g_assert_true (ekv_store_commit (store, &error));
  g_assert_no_error (error);
  units = ekv_store_load (store, EKV_ENTITY_UNIT_OPERATION, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
}

/* Errors SQLite reports that have no code of their own still reach the caller. */
static void
test_errors_not_swallowed (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(EkvStore) store = create_store (fixture, "errors.ekv");
  g_autofree char *path = g_strdup (ekv_store_get_path (store));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(EkvRecord) unit = NULL;
  g_autoptr(EkvRecord) other = NULL;
  sqlite3 *db;

  unit = insert (store, EKV_ENTITY_UNIT_OPERATION, NULL, 0, EKV_UNIT_OPERATION_ID, "u1",
                 EKV_UNIT_OPERATION_NAME, "Unit", -1);

  /* another program holds the write lock */
  db = raw_open (path);
  g_assert_cmpint (raw_exec (db, "BEGIN IMMEDIATE"), ==, SQLITE_OK);
  other = ekv_record_new (EKV_ENTITY_UNIT_OPERATION);
  ekv_record_set_string (other, EKV_UNIT_OPERATION_ID, "u2");
  ekv_record_set_string (other, EKV_UNIT_OPERATION_NAME, "Other");
  g_assert_false (ekv_store_insert (store, other, 0, 1, &error));
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "errors.ekv"));
  g_assert_nonnull (strstr (error->message, "another program"));
  g_clear_error (&error);
  g_assert_cmpint (raw_exec (db, "ROLLBACK"), ==, SQLITE_OK);
  g_assert_true (ekv_store_insert (store, other, 0, 1, &error));
  g_assert_no_error (error);

  /* a table gone under us: an error, not an empty list */
  g_assert_cmpint (raw_exec (db, "DROP TABLE kpi_values"), ==, SQLITE_OK);
  sqlite3_close (db);
  records = ekv_store_load (store, EKV_ENTITY_KPI_VALUE, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "kpi_values"));
  g_clear_error (&error);

  g_assert_false (ekv_store_check (store, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* a record whose row has gone */
  db = raw_open (path);
  g_assert_cmpint (raw_exec (db, "DELETE FROM units WHERE id = 'u1'"), ==, SQLITE_OK);
  sqlite3_close (db);
  {
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, "Renamed");
    g_assert_false (ekv_store_update (store, unit, EKV_UNIT_OPERATION_NAME, &value, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_assert_false (ekv_store_delete (store, unit, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/ekv/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("schema-matches-descriptors", test_schema_matches_descriptors);
  ADD ("round-trip", test_round_trip);
  ADD ("positions", test_positions);
  ADD ("every-field", test_every_field);
  ADD ("constraints-follow-descriptors", test_constraints_follow_descriptors);
  ADD ("constraints-raw-sql", test_constraints_raw_sql);
  ADD ("bad-files", test_bad_files);
  ADD ("not-a-file", test_not_a_file);
  ADD ("open-leaves-file-alone", test_open_leaves_file_alone);
  ADD ("read-only", test_read_only);
  ADD ("create-existing", test_create_existing);
  ADD ("migration", test_migration);
  ADD ("migration-from-1", test_migration_from_1);
  ADD ("migrated-is-newer", test_migrated_is_newer);
  ADD ("save-copy", test_save_copy);
  ADD ("check", test_check);
  ADD ("check-rules", test_check_rules);
  ADD ("transactions", test_transactions);
  ADD ("errors-not-swallowed", test_errors_not_swallowed);

#undef ADD

  return g_test_run ();
}
