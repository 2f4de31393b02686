/* test-document.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ekv-document.h"
#include "ekv-enums.h"
#include "ekv-investment.h"
#include "ekv-json-export.h"

static EkvRecord *
make_unit (const char *id,
           const char *name)
{
  EkvRecord *unit = ekv_record_new (EKV_ENTITY_UNIT_OPERATION);

  ekv_record_set_string (unit, EKV_UNIT_OPERATION_ID, id);
  ekv_record_set_string (unit, EKV_UNIT_OPERATION_NAME, name);
  return unit;
}

static EkvRecord *
make_flow (const char *id,
           const char *from,
           const char *to,
           double      quantity)
{
  EkvRecord *flow = ekv_record_new (EKV_ENTITY_FLOW);

  ekv_record_set_string (flow, EKV_FLOW_ID, id);
  ekv_record_set_string (flow, EKV_FLOW_NAME, "Mains water");
  ekv_record_set_enum (flow, EKV_FLOW_KIND, EKV_FLOW_KIND_WATER);
  if (from != NULL)
    ekv_record_set_string (flow, EKV_FLOW_FROM, from);
  if (to != NULL)
    ekv_record_set_string (flow, EKV_FLOW_TO, to);
  ekv_record_set_double (flow, EKV_FLOW_QUANTITY, quantity);
  ekv_record_set_enum (flow, EKV_FLOW_UNIT, EKV_QUANTITY_UNIT_M3);
  return flow;
}

static void
insert_ok (EkvDocument *doc,
           EkvRecord   *record,
           EkvRecord   *parent)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ekv_document_insert (doc, record, parent, -1, &error));
  g_assert_no_error (error);
}

static void
test_singletons (void)
{
  g_autoptr(EkvDocument) doc = ekv_document_new ();
  EkvRecord *company = ekv_document_get_company (doc);

  g_assert_nonnull (company);
  g_assert_nonnull (ekv_document_get_audit (doc));
  g_assert_nonnull (ekv_document_get_finance (doc));
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (company, ekv_entity_get_record_type (EKV_ENTITY_COMPANY)));
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (company), ==, "EkvCompany");

  /* Unset fields read as their defaults. */
  g_assert_false (ekv_record_is_set (company, EKV_COMPANY_DAYS_PER_YEAR));
  g_assert_cmpfloat (ekv_record_get_double (company, EKV_COMPANY_DAYS_PER_YEAR), ==, 250);
  g_assert_cmpstr (ekv_record_get_string (ekv_document_get_finance (doc), EKV_FINANCE_CURRENCY),
                   ==, "TRY");
  g_assert_cmpfloat (ekv_record_get_double (ekv_document_get_audit (doc), EKV_AUDIT_THRESHOLD_WARN),
                     ==, 5);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_set_value (void)
{
  g_autoptr(EkvDocument) doc = ekv_document_new ();
  EkvRecord *company = ekv_document_get_company (doc);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  guint notified = 0;

  g_signal_connect (company, "notify::days-per-year", G_CALLBACK (notify_count_cb), &notified);

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 300);
  g_assert_true (ekv_document_set_value (doc, company, EKV_COMPANY_DAYS_PER_YEAR, &value, &error));
  g_assert_no_error (error);
  g_assert_true (ekv_record_is_set (company, EKV_COMPANY_DAYS_PER_YEAR));
  g_assert_cmpfloat (ekv_record_get_double (company, EKV_COMPANY_DAYS_PER_YEAR), ==, 300);
  g_assert_cmpuint (notified, ==, 1);

  /* The same value again does not notify. */
  g_assert_true (ekv_document_set_value (doc, company, EKV_COMPANY_DAYS_PER_YEAR, &value, &error));
  g_assert_cmpuint (notified, ==, 1);

  /* Out of range: refused, value kept. */
  g_value_set_double (&value, 400);
  g_assert_false (ekv_document_set_value (doc, company, EKV_COMPANY_DAYS_PER_YEAR, &value, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpfloat (ekv_record_get_double (company, EKV_COMPANY_DAYS_PER_YEAR), ==, 300);
  g_assert_cmpuint (notified, ==, 1);

  /* Unset goes back to the default. */
  g_assert_true (ekv_document_set_value (doc, company, EKV_COMPANY_DAYS_PER_YEAR, NULL, &error));
  g_assert_false (ekv_record_is_set (company, EKV_COMPANY_DAYS_PER_YEAR));
  g_assert_cmpfloat (ekv_record_get_double (company, EKV_COMPANY_DAYS_PER_YEAR), ==, 250);
  g_assert_cmpuint (notified, ==, 2);
}

static void
error_cb (EkvDocument *doc,
          GError      *error,
          GError     **out)
{
  g_assert_null (*out);
  *out = g_error_copy (error);
}

static void
test_property_commits (void)
{
  g_autoptr(EkvDocument) doc = ekv_document_new ();
  g_autoptr(EkvRecord) unit = make_unit ("u1", "Dyeing");
  g_autoptr(EkvRecord) flow = make_flow ("f1", NULL, "u1", 10);
  g_autoptr(GError) reported = NULL;

  insert_ok (doc, unit, NULL);
  insert_ok (doc, flow, NULL);
  g_signal_connect (doc, "error", G_CALLBACK (error_cb), &reported);

  g_object_set (flow, "quantity", 12.5, NULL);
  g_assert_null (reported);
  g_assert_cmpfloat (ekv_record_get_double (flow, EKV_FLOW_QUANTITY), ==, 12.5);

  /* A negative mass is refused through the signal; the value stays. */
  g_object_set (flow, "quantity", -3.0, NULL);
  g_assert_error (reported, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE);
  g_assert_cmpfloat (ekv_record_get_double (flow, EKV_FLOW_QUANTITY), ==, 12.5);
  g_clear_error (&reported);

  /* So is a reference to a unit that does not exist. */
  g_object_set (flow, "from-unit", "u9", NULL);
  g_assert_error (reported, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_REFERENCE);
  g_assert_null (ekv_record_get_string (flow, EKV_FLOW_FROM));
  g_clear_error (&reported);

  /* An empty reference means outside the plant. */
  g_object_set (flow, "to-unit", "", NULL);
  g_assert_null (reported);
  g_assert_false (ekv_record_is_set (flow, EKV_FLOW_TO));
}

static void
test_ids_and_references (void)
{
  g_autoptr(EkvDocument) doc = ekv_document_new ();
  g_autoptr(EkvRecord) u1 = make_unit ("u1", "Dyeing");
  g_autoptr(EkvRecord) u1b = make_unit ("u1", "Rinsing");
  g_autoptr(EkvRecord) flow = make_flow ("f1", "u1", NULL, 5);
  g_autoptr(EkvRecord) dangling = make_flow ("f2", "u7", NULL, 5);
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *next = NULL;

  insert_ok (doc, u1, NULL);
  g_assert_false (ekv_document_insert (doc, u1b, NULL, -1, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_false (ekv_document_insert (doc, dangling, NULL, -1, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_REFERENCE);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (doc, EKV_ENTITY_FLOW)), ==, 0);

  insert_ok (doc, flow, NULL);
  g_assert_true (ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "u1") == u1);

  /* Renaming a unit follows into the flows. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "dye");
  g_assert_true (ekv_document_set_value (doc, u1, EKV_UNIT_OPERATION_ID, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_FROM), ==, "dye");
  g_assert_null (ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "u1"));
  g_assert_true (ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "dye") == u1);

  /* A bad id is refused. */
  g_value_set_string (&value, "has space");
  g_assert_false (ekv_document_set_value (doc, u1, EKV_UNIT_OPERATION_ID, &value, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_FORMAT);
  g_clear_error (&error);

  /* A unit in use cannot go. */
  g_assert_false (ekv_document_remove (doc, u1, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "f1"));
  g_clear_error (&error);

  g_assert_true (ekv_document_remove (doc, flow, &error));
  g_assert_true (ekv_document_remove (doc, u1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (doc, EKV_ENTITY_UNIT_OPERATION)), ==, 0);

  next = ekv_document_new_id (doc, EKV_ENTITY_UNIT_OPERATION, "u");
  g_assert_cmpstr (next, ==, "u1");
}

static void
test_children (void)
{
  g_autoptr(EkvDocument) doc = ekv_document_new ();
  g_autoptr(EkvRecord) unit = make_unit ("u1", "Dyeing");
  g_autoptr(EkvRecord) flow = make_flow ("f1", NULL, "u1", 100);
  g_autoptr(EkvRecord) option = ekv_record_new (EKV_ENTITY_OPTION);
  g_autoptr(EkvRecord) change = ekv_record_new (EKV_ENTITY_CHANGE);
  g_autoptr(GError) error = NULL;

  insert_ok (doc, unit, NULL);
  insert_ok (doc, flow, NULL);
  ekv_record_set_string (option, EKV_OPTION_ID, "o1");
  ekv_record_set_string (option, EKV_OPTION_TITLE, "Reuse last rinse");
  insert_ok (doc, option, NULL);

  ekv_record_set_string (change, EKV_CHANGE_FLOW, "f1");
  ekv_record_set_double (change, EKV_CHANGE_DELTA_PCT, -20);
  insert_ok (doc, change, option);
  g_assert_true (ekv_record_get_parent (change) == option);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_record_get_children (option, EKV_ENTITY_CHANGE)), ==, 1);

  /* The flow is used by the option's change. */
  g_assert_false (ekv_document_remove (doc, flow, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "o1"));
  g_clear_error (&error);

  /* Removing the option takes its changes along. */
  g_assert_true (ekv_document_remove (doc, option, &error));
  g_assert_no_error (error);
  g_assert_true (ekv_document_remove (doc, flow, &error));
}

static void
items_changed_cb (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_file_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ekv-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.ekv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_document_create (path, &error);
  g_autoptr(EkvDocument) again = NULL;
  g_autoptr(EkvDocument) twice = NULL;
  g_autoptr(EkvRecord) reopened = NULL;
  GListModel *units;
  guint changes = 0;

  g_assert_no_error (error);
  g_assert_cmpstr (ekv_document_get_path (doc), ==, path);
  g_assert_false (ekv_document_is_read_only (doc));

  units = ekv_document_get_list (doc, EKV_ENTITY_UNIT_OPERATION);
  g_signal_connect (units, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("u%u", i + 1);
      g_autoptr(EkvRecord) unit = make_unit (id, "Unit");

      insert_ok (doc, unit, NULL);
    }
  g_assert_cmpuint (changes, ==, 3);
  g_object_set (ekv_document_get_company (doc), "name", "Ege Örme Boya A.Ş.", NULL);
  g_object_set (ekv_document_get_company (doc), "hours-per-day", 0.1 + 0.2, NULL);

  {
    g_autoptr(EkvRecord) third = g_list_model_get_item (units, 2);
    g_assert_true (ekv_document_move (doc, third, 0, &error));
    g_assert_no_error (error);
  }

  /* Not even closing is needed: every edit is already in the file. */
  again = ekv_document_open (path, EKV_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ekv_document_is_read_only (again));
  g_assert_cmpstr (ekv_record_get_string (ekv_document_get_company (again), EKV_COMPANY_NAME),
                   ==, "Ege Örme Boya A.Ş.");
  g_assert_cmpfloat (ekv_record_get_double (ekv_document_get_company (again),
                                            EKV_COMPANY_HOURS_PER_DAY), ==, 0.1 + 0.2);
  reopened = g_list_model_get_item (ekv_document_get_list (again, EKV_ENTITY_UNIT_OPERATION), 0);
  g_assert_cmpstr (ekv_record_get_string (reopened, EKV_UNIT_OPERATION_ID), ==, "u3");

  /* A read-only document refuses edits and keeps the value. */
  {
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, G_TYPE_STRING);
    g_value_set_string (&value, "Other");
    g_assert_false (ekv_document_set_value (again, ekv_document_get_company (again),
                                            EKV_COMPANY_NAME, &value, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* Creating over an existing file is refused. */
  twice = ekv_document_create (path, &error);
  g_assert_null (twice);
  g_assert_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_EXISTS);

  g_clear_object (&reopened);
  g_clear_object (&again);
  g_clear_object (&doc);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static char *
unit_order (EkvDocument *doc)
{
  GListModel *units = ekv_document_get_list (doc, EKV_ENTITY_UNIT_OPERATION);
  GString *order = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(EkvRecord) unit = g_list_model_get_item (units, i);

      g_string_append_printf (order, "%s%s", i > 0 ? "," : "",
                              ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID));
    }
  return g_string_free (order, FALSE);
}

/* A rollback puts memory back as the file is: values, ids and the references
 * that followed them, inserted, removed (with children) and moved records. */
static void
test_rollback_restores_memory (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ekv-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.ekv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_document_create (path, &error);
  g_autoptr(EkvDocument) again = NULL;
  g_autoptr(EkvRecord) u1 = make_unit ("u1", "Dyeing");
  g_autoptr(EkvRecord) u2 = make_unit ("u2", "Rinsing");
  g_autoptr(EkvRecord) u3 = make_unit ("u3", "Drying");
  g_autoptr(EkvRecord) flow = make_flow ("f1", "u1", NULL, 100);
  g_autoptr(EkvRecord) option = ekv_record_new (EKV_ENTITY_OPTION);
  g_autoptr(EkvRecord) change = ekv_record_new (EKV_ENTITY_CHANGE);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint changed = 0;

  g_assert_no_error (error);
  insert_ok (doc, u1, NULL);
  insert_ok (doc, u2, NULL);
  insert_ok (doc, flow, NULL);
  ekv_record_set_string (option, EKV_OPTION_ID, "o1");
  ekv_record_set_string (option, EKV_OPTION_TITLE, "Reuse last rinse");
  insert_ok (doc, option, NULL);
  ekv_record_set_string (change, EKV_CHANGE_FLOW, "f1");
  ekv_record_set_double (change, EKV_CHANGE_DELTA_PCT, -20);
  insert_ok (doc, change, option);
  before = unit_order (doc);

  /* One "changed" per edit outside a transaction... */
  g_signal_connect (doc, "changed", G_CALLBACK (count_cb), &changed);
  g_object_set (flow, "quantity", 120.0, NULL);
  g_assert_cmpuint (changed, ==, 1);

  /* ...and none inside one until it ends. */
  changed = 0;
  g_assert_true (ekv_document_begin (doc, &error));
  g_object_set (flow, "quantity", 150.0, NULL);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "dye");
  g_assert_true (ekv_document_set_value (doc, u1, EKV_UNIT_OPERATION_ID, &value, &error));
  g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_FROM), ==, "dye");
  g_assert_true (ekv_document_move (doc, u2, 0, &error));
  insert_ok (doc, u3, NULL);
  g_assert_true (ekv_document_remove (doc, option, &error));
  g_assert_true (ekv_document_remove (doc, flow, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 0);
  after = unit_order (doc);
  g_assert_cmpstr (after, ==, "u2,dye,u3");

  ekv_document_rollback (doc);
  g_assert_cmpuint (changed, ==, 1);

  g_clear_pointer (&after, g_free);
  after = unit_order (doc);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "u1") == u1);
  g_assert_null (ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "dye"));
  g_assert_null (ekv_document_find (doc, EKV_ENTITY_UNIT_OPERATION, "u3"));
  g_assert_true (ekv_document_find (doc, EKV_ENTITY_FLOW, "f1") == flow);
  g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_FROM), ==, "u1");
  g_assert_cmpfloat (ekv_record_get_double (flow, EKV_FLOW_QUANTITY), ==, 120);
  g_assert_true (ekv_document_find (doc, EKV_ENTITY_OPTION, "o1") == option);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_record_get_children (option, EKV_ENTITY_CHANGE)), ==, 1);
  g_assert_true (ekv_record_get_parent (change) == option);

  /* The records are live again: their edits reach the file. */
  g_object_set (change, "delta-pct", -30.0, NULL);
  g_object_set (option, "title", "Reuse the last two rinses", NULL);
  g_assert_false (ekv_document_remove (doc, u1, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_IN_USE);
  g_clear_error (&error);
  /* A unit inserted in the rolled-back transaction can be inserted again. */
  insert_ok (doc, u3, NULL);

  again = ekv_document_open (path, EKV_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  {
    EkvRecord *option2 = ekv_document_find (again, EKV_ENTITY_OPTION, "o1");
    g_autoptr(EkvRecord) change2 = NULL;
    g_autofree char *order2 = unit_order (again);

    g_assert_nonnull (option2);
    g_assert_cmpstr (ekv_record_get_string (option2, EKV_OPTION_TITLE), ==, "Reuse the last two rinses");
    change2 = g_list_model_get_item (ekv_record_get_children (option2, EKV_ENTITY_CHANGE), 0);
    g_assert_cmpfloat (ekv_record_get_double (change2, EKV_CHANGE_DELTA_PCT), ==, -30);
    g_assert_cmpfloat (ekv_record_get_double (ekv_document_find (again, EKV_ENTITY_FLOW, "f1"),
                                              EKV_FLOW_QUANTITY), ==, 120);
    g_assert_cmpstr (order2, ==, "u1,u2,u3");
  }

  /* A committed transaction says "changed" once. */
  changed = 0;
  g_assert_true (ekv_document_begin (doc, &error));
  g_assert_true (ekv_document_begin (doc, &error));
  g_object_set (flow, "quantity", 1.0, NULL);
  g_object_set (flow, "quantity", 2.0, NULL);
  g_assert_true (ekv_document_commit (doc, &error));
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (ekv_document_commit (doc, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  g_clear_object (&again);
  g_clear_object (&doc);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A duplicate has every field but the id, just after its original. */
static void
test_duplicate (void)
{
  g_autoptr(EkvDocument) doc = ekv_document_new ();
  g_autoptr(EkvRecord) u1 = make_unit ("u1", "Dyeing");
  g_autoptr(EkvRecord) f1 = make_flow ("f1", NULL, "u1", 12.5);
  g_autoptr(EkvRecord) f2 = make_flow ("f2", NULL, "u1", 3);
  g_autoptr(EkvRecord) first = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *flows = ekv_document_get_list (doc, EKV_ENTITY_FLOW);
  EkvRecord *copy;

  insert_ok (doc, u1, NULL);
  insert_ok (doc, f1, NULL);
  insert_ok (doc, f2, NULL);
  ekv_record_set_string (f1, EKV_FLOW_SOURCE, "meter 7");

  copy = ekv_document_duplicate (doc, f1, "f", &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (ekv_record_get_string (copy, EKV_FLOW_ID), ==, "f3");
  g_assert_cmpstr (ekv_record_get_string (copy, EKV_FLOW_TO), ==, "u1");
  g_assert_cmpfloat (ekv_record_get_double (copy, EKV_FLOW_QUANTITY), ==, 12.5);
  g_assert_cmpstr (ekv_record_get_string (copy, EKV_FLOW_SOURCE), ==, "meter 7");
  g_assert_false (ekv_record_is_set (copy, EKV_FLOW_PRICE));
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, 3);
  first = g_list_model_get_item (flows, 1);
  g_assert_true (first == copy);
}

/* A copy in memory has every record and is not linked to its original. */
static void
test_copy (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ekv-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.ekv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_document_create (path, &error);
  g_autoptr(EkvDocument) copy = NULL;
  g_autoptr(EkvDocument) again = NULL;
  g_autoptr(EkvRecord) u1 = make_unit ("u1", "Dyeing");
  g_autoptr(EkvRecord) f1 = make_flow ("f1", NULL, "u1", 12.5);
  EkvRecord *copied;

  g_assert_no_error (error);
  insert_ok (doc, u1, NULL);
  insert_ok (doc, f1, NULL);
  g_object_set (ekv_document_get_company (doc), "name", "Ege Örme", NULL);

  copy = ekv_document_copy (doc, &error);
  g_assert_no_error (error);
  g_assert_null (ekv_document_get_path (copy));
  g_assert_cmpstr (ekv_record_get_string (ekv_document_get_company (copy), EKV_COMPANY_NAME),
                   ==, "Ege Örme");
  copied = ekv_document_find (copy, EKV_ENTITY_FLOW, "f1");
  g_assert_nonnull (copied);
  g_assert_true (copied != f1);
  g_assert_cmpstr (ekv_record_get_string (copied, EKV_FLOW_TO), ==, "u1");

  g_object_set (copied, "quantity", 99.0, NULL);
  g_assert_cmpfloat (ekv_record_get_double (copied, EKV_FLOW_QUANTITY), ==, 99);
  g_assert_cmpfloat (ekv_record_get_double (f1, EKV_FLOW_QUANTITY), ==, 12.5);

  again = ekv_document_open (path, EKV_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (ekv_record_get_double (ekv_document_find (again, EKV_ENTITY_FLOW, "f1"),
                                            EKV_FLOW_QUANTITY), ==, 12.5);

  g_clear_object (&again);
  g_clear_object (&copy);
  g_clear_object (&doc);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_finalize (void)
{
  EkvDocument *doc = ekv_document_new ();
  EkvRecord *unit = make_unit ("u1", "Dyeing");

  insert_ok (doc, unit, NULL);
  g_object_unref (unit);
  g_assert_finalize_object (doc);
}

/* Records the UI still holds after the document is gone (a list row, an
 * option's change in an open editor) become free records: editing one must not
 * reach the disposed document, children included. */
static void
test_records_outlive_document (void)
{
  EkvDocument *doc = ekv_document_new ();
  g_autoptr(EkvRecord) unit = make_unit ("u1", "Dyeing");
  g_autoptr(EkvRecord) flow = make_flow ("f1", NULL, "u1", 10);
  g_autoptr(EkvRecord) option = ekv_record_new (EKV_ENTITY_OPTION);
  g_autoptr(EkvRecord) change = ekv_record_new (EKV_ENTITY_CHANGE);
  g_autoptr(EkvRecord) kpi = ekv_record_new (EKV_ENTITY_KPI);
  g_autoptr(EkvRecord) kpi_value = ekv_record_new (EKV_ENTITY_KPI_VALUE);

  insert_ok (doc, unit, NULL);
  insert_ok (doc, flow, NULL);
  ekv_record_set_string (option, EKV_OPTION_ID, "o1");
  ekv_record_set_string (option, EKV_OPTION_TITLE, "Fix the leaks");
  insert_ok (doc, option, NULL);
  ekv_record_set_string (change, EKV_CHANGE_FLOW, "f1");
  ekv_record_set_double (change, EKV_CHANGE_DELTA, -1);
  insert_ok (doc, change, option);
  ekv_record_set_string (kpi, EKV_KPI_ID, "k1");
  ekv_record_set_string (kpi, EKV_KPI_NAME, "Specific water");
  insert_ok (doc, kpi, NULL);
  ekv_record_set_string (kpi_value, EKV_KPI_VALUE_PERIOD, "2026-06");
  ekv_record_set_double (kpi_value, EKV_KPI_VALUE_VALUE, 104);
  insert_ok (doc, kpi_value, kpi);

  /* Disposed while a reference keeps its memory: a commit that still reached it
   * would find no store (a critical, fatal here). */
  g_object_run_dispose (G_OBJECT (doc));
  g_object_set (change, "delta", -2.0, NULL);
  g_assert_cmpfloat (ekv_record_get_double (change, EKV_CHANGE_DELTA), ==, -2.0);
  g_object_set (kpi_value, "value", 99.0, NULL);
  g_assert_cmpfloat (ekv_record_get_double (kpi_value, EKV_KPI_VALUE_VALUE), ==, 99.0);
  g_object_set (flow, "quantity", 12.0, NULL);
  g_assert_cmpfloat (ekv_record_get_double (flow, EKV_FLOW_QUANTITY), ==, 12.0);
  g_assert_finalize_object (doc);

  /* and once it is freed (AddressSanitizer sees a stale pointer) */
  g_object_set (change, "delta", -3.0, NULL);
  g_assert_cmpfloat (ekv_record_get_double (change, EKV_CHANGE_DELTA), ==, -3.0);
}

/* A range message must not offer a bound the field refuses, nor refuse one it
 * accepts: 0 hours per day is out, a change of -100 % is in. */
static void
test_range_messages (void)
{
  const EkvField *hours = ekv_entity_get_field (EKV_ENTITY_COMPANY, EKV_COMPANY_HOURS_PER_DAY);
  const EkvField *delta_pct = ekv_entity_get_field (EKV_ENTITY_CHANGE, EKV_CHANGE_DELTA_PCT);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, G_TYPE_DOUBLE);

  g_value_set_double (&value, 0);
  g_assert_false (ekv_field_validate (hours, &value, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "between 0 and"));
  g_assert_nonnull (strstr (error->message, "greater than 0"));
  g_assert_nonnull (strstr (error->message, "24"));
  g_clear_error (&error);

  g_value_set_double (&value, -100);
  g_assert_true (ekv_field_validate (delta_pct, &value, &error));
  g_assert_no_error (error);
  g_value_set_double (&value, -150);
  g_assert_false (ekv_field_validate (delta_pct, &value, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE);
  g_test_message ("%s", error->message);
  g_assert_null (strstr (error->message, "greater than -100"));
  g_assert_nonnull (strstr (error->message, "-100"));
  g_clear_error (&error);

  /* Bounds are numbers for people, not printf's exponents. */
  {
    const EkvField *employees = ekv_entity_get_field (EKV_ENTITY_COMPANY, EKV_COMPANY_EMPLOYEES);
    g_auto(GValue) count = G_VALUE_INIT;

    g_value_init (&count, G_TYPE_INT);
    g_value_set_int (&count, 20000000);
    g_assert_false (ekv_field_validate (employees, &count, &error));
    g_test_message ("%s", error->message);
    g_assert_null (strstr (error->message, "e+"));
    g_assert_nonnull (strstr (error->message, "10000000"));
  }
}

/* An option's investment is the sum of its items, kept in the same transaction
 * as every edit of an item, in memory and in the file; typed in directly only
 * while there are no items. */
static void
test_investment_items (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ekv-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "audit.ekv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) doc = ekv_document_create (path, &error);
  g_autoptr(EkvDocument) again = NULL;
  g_autoptr(EkvRecord) option = ekv_record_new (EKV_ENTITY_OPTION);
  g_autoptr(EkvRecord) equipment = ekv_record_new (EKV_ENTITY_INVESTMENT_ITEM);
  g_autoptr(EkvRecord) installation = ekv_record_new (EKV_ENTITY_INVESTMENT_ITEM);
  g_autoptr(EkvRecord) unnamed = ekv_record_new (EKV_ENTITY_INVESTMENT_ITEM);
  g_autofree char *json = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  EkvRecord *reopened;
  GListModel *items;

  g_assert_no_error (error);
  ekv_record_set_string (option, EKV_OPTION_ID, "o1");
  ekv_record_set_string (option, EKV_OPTION_TITLE, "Heat recovery");
  ekv_record_set_double (option, EKV_OPTION_INVESTMENT, 5000);
  insert_ok (doc, option, NULL);
  g_assert_false (ekv_investment_has_items (option));

  /* the first item replaces the investment typed in */
  ekv_record_set_string (equipment, EKV_INVESTMENT_ITEM_ITEM, "Heat exchanger");
  ekv_record_set_double (equipment, EKV_INVESTMENT_ITEM_AMOUNT, 120000);
  insert_ok (doc, equipment, option);
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 120000);

  ekv_record_set_string (installation, EKV_INVESTMENT_ITEM_ITEM, "Installation");
  ekv_record_set_double (installation, EKV_INVESTMENT_ITEM_AMOUNT, 30000.5);
  insert_ok (doc, installation, option);
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 150000.5);
  g_assert_cmpfloat (ekv_investment_sum (option), ==, 150000.5);

  /* an item changed through its property, as a field row does */
  g_object_set (installation, "amount", 40000.0, NULL);
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 160000);

  /* refused edits change nothing: a negative amount, an item without a name,
   * the investment typed over its items */
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, -1);
  g_assert_false (ekv_document_set_value (doc, installation, EKV_INVESTMENT_ITEM_AMOUNT, &value, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (ekv_document_insert (doc, unnamed, option, -1, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_REQUIRED);
  g_clear_error (&error);
  g_value_set_double (&value, 7);
  g_assert_false (ekv_document_set_value (doc, option, EKV_OPTION_INVESTMENT, &value, &error));
  g_assert_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 160000);

  /* inside a caller's transaction: a rollback puts item and sum back */
  g_assert_true (ekv_document_begin (doc, &error));
  g_value_set_double (&value, 1);
  g_assert_true (ekv_document_set_value (doc, equipment, EKV_INVESTMENT_ITEM_AMOUNT, &value, &error));
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 40001);
  ekv_document_rollback (doc);
  g_assert_cmpfloat (ekv_record_get_double (equipment, EKV_INVESTMENT_ITEM_AMOUNT), ==, 120000);
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 160000);

  /* removing an item re-sums; the last one leaves the sum, typed in again later */
  g_assert_true (ekv_document_remove (doc, installation, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (ekv_record_get_double (option, EKV_OPTION_INVESTMENT), ==, 120000);

  /* the file has the items and the sum; the JSON audit only the sum */
  g_clear_object (&doc);
  again = ekv_document_open (path, EKV_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  reopened = ekv_document_find (again, EKV_ENTITY_OPTION, "o1");
  items = ekv_record_get_children (reopened, EKV_ENTITY_INVESTMENT_ITEM);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);
  g_assert_cmpfloat (ekv_record_get_double (reopened, EKV_OPTION_INVESTMENT), ==, 120000);
  json = ekv_json_export_string (again);
  g_assert_nonnull (strstr (json, "\"investment\": 120000"));
  g_assert_null (strstr (json, "Heat exchanger"));

  {
    g_autoptr(EkvRecord) last = g_list_model_get_item (items, 0);

    g_assert_true (ekv_document_remove (again, last, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpfloat (ekv_record_get_double (reopened, EKV_OPTION_INVESTMENT), ==, 120000);
  g_value_set_double (&value, 9000);
  g_assert_true (ekv_document_set_value (again, reopened, EKV_OPTION_INVESTMENT, &value, &error));
  g_assert_no_error (error);

  g_clear_object (&again);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/document/singletons", test_singletons);
  g_test_add_func ("/ekv/document/set-value", test_set_value);
  g_test_add_func ("/ekv/document/property-commits", test_property_commits);
  g_test_add_func ("/ekv/document/ids-and-references", test_ids_and_references);
  g_test_add_func ("/ekv/document/children", test_children);
  g_test_add_func ("/ekv/document/file-round-trip", test_file_round_trip);
  g_test_add_func ("/ekv/document/rollback-restores-memory", test_rollback_restores_memory);
  g_test_add_func ("/ekv/document/duplicate", test_duplicate);
  g_test_add_func ("/ekv/document/copy", test_copy);
  g_test_add_func ("/ekv/document/finalize", test_finalize);
  g_test_add_func ("/ekv/document/records-outlive-document", test_records_outlive_document);
  g_test_add_func ("/ekv/document/range-messages", test_range_messages);
  g_test_add_func ("/ekv/document/investment-items", test_investment_items);

  return g_test_run ();
}
