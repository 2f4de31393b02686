/* test-json.c: the JSON audit format, import and export
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ekv-json-export.h"
#include "ekv-json-import.h"
#include "ekv-json-writer.h"

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* json_node_equal() ignores the order of object members; the format promises it,
 * so this checks it as well. */
static void
assert_same_order (JsonNode   *a,
                   JsonNode   *b,
                   const char *path)
{
  g_assert_cmpint (json_node_get_node_type (a), ==, json_node_get_node_type (b));

  if (JSON_NODE_HOLDS_OBJECT (a))
    {
      g_autoptr(GList) ma = json_object_get_members (json_node_get_object (a));
      g_autoptr(GList) mb = json_object_get_members (json_node_get_object (b));
      GList *la, *lb;

      for (la = ma, lb = mb; la != NULL && lb != NULL; la = la->next, lb = lb->next)
        {
          g_autofree char *child = g_strdup_printf ("%s.%s", path, (char *) la->data);

          if (g_strcmp0 (la->data, lb->data) != 0)
            g_error ("%s: key %s where %s was expected", path, (char *) lb->data, (char *) la->data);
          assert_same_order (json_object_get_member (json_node_get_object (a), la->data),
                             json_object_get_member (json_node_get_object (b), lb->data), child);
        }
      g_assert_true (la == NULL && lb == NULL);
    }
  else if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *aa = json_node_get_array (a);
      JsonArray *ab = json_node_get_array (b);

      g_assert_cmpuint (json_array_get_length (aa), ==, json_array_get_length (ab));
      for (guint i = 0; i < json_array_get_length (aa); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

          assert_same_order (json_array_get_element (aa, i), json_array_get_element (ab, i), child);
        }
    }
}

static void
assert_equivalent (const char *expected_text,
                   const char *actual_text)
{
  g_autoptr(JsonNode) expected = parse (expected_text);
  g_autoptr(JsonNode) actual = parse (actual_text);

  g_assert_true (json_node_equal (expected, actual));
  assert_same_order (expected, actual, "");
}

static EkvDocument *
import_text (const char *text,
             GPtrArray  *warnings,
             GError    **error)
{
  return ekv_json_import_data (text, -1, "test.json", warnings, error);
}

/* ------------------------------------------------------------------------ */

static void
test_round_trip (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "json", name, NULL);
  g_autofree char *text = read_file (path);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ekv_json_warning_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = NULL;
  g_autoptr(EkvDocument) again = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *exported_again = NULL;

  document = ekv_json_import_data (text, -1, name, warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (warnings->len, ==, 0);

  exported = ekv_json_export_string (document);
  assert_equivalent (text, exported);
  /* The fixtures are written the way the writer writes: byte for byte. */
  g_assert_cmpstr (exported, ==, text);

  again = import_text (exported, NULL, &error);
  g_assert_no_error (error);
  exported_again = ekv_json_export_string (again);
  g_assert_cmpstr (exported_again, ==, exported);
}

static void
test_full_document (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "json", "full.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = ekv_json_import_file (file, NULL, NULL, &error);
  GListModel *flows;
  EkvRecord *option;
  g_autoptr(EkvRecord) flow = NULL;
  g_autoptr(EkvRecord) product = NULL;

  g_assert_no_error (error);
  flows = ekv_document_get_list (document, EKV_ENTITY_FLOW);
  g_assert_cmpuint (g_list_model_get_n_items (flows), ==, 6);
  flow = g_list_model_get_item (flows, 0);
  g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_ID), ==, "f1");
  g_assert_false (ekv_record_is_set (flow, EKV_FLOW_FROM));
  g_assert_cmpstr (ekv_record_get_string (flow, EKV_FLOW_TO), ==, "u1");
  g_assert_cmpfloat (ekv_record_get_double (flow, EKV_FLOW_PRICE), ==, 95.25);
  g_assert_cmpint (ekv_record_get_enum (flow, EKV_FLOW_QUALITY), ==, EKV_DATA_QUALITY_INVOICE);

  /* Grouped keys land in their fields. */
  g_assert_cmpstr (ekv_record_get_string (ekv_document_get_company (document), EKV_COMPANY_CONTACT_NAME),
                   ==, "Ayşe Yılmaz");
  g_assert_cmpfloat (ekv_record_get_double (ekv_document_get_audit (document), EKV_AUDIT_THRESHOLD_WARN),
                     ==, 2.5);
  product = g_list_model_get_item (ekv_document_get_list (document, EKV_ENTITY_PRODUCT), 0);
  g_assert_cmpfloat (ekv_record_get_double (product, EKV_PRODUCT_PRICE), ==, 0.1);

  option = ekv_document_find (document, EKV_ENTITY_OPTION, "o1");
  g_assert_nonnull (option);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_record_get_children (option, EKV_ENTITY_CHANGE)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_record_get_children (option, EKV_ENTITY_SCORE)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (ekv_record_get_children (option, EKV_ENTITY_OPTION_UNIT)), ==, 1);
}

static void
test_turkish_locale (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "json", "full.json", NULL);
  g_autofree char *text = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = NULL;
  g_autofree char *exported = NULL;

  if (setlocale (LC_ALL, "tr_TR.UTF-8") == NULL)
    {
      g_test_skip ("locale tr_TR.UTF-8 is not installed");
      return;
    }

  /* Machine numbers never take the decimal comma; nicks never meet the dotless i. */
  document = import_text (text, NULL, &error);
  g_assert_no_error (error);
  exported = ekv_json_export_string (document);
  g_assert_cmpstr (exported, ==, text);

  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_export_file (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "json", "minimal.json", NULL);
  g_autofree char *text = read_file (path);
  g_autofree char *out_path = g_build_filename (g_get_tmp_dir (), "ekv-export-test.json", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GFile) bad = g_file_new_for_path ("/nonexistent-folder/x.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = import_text (text, NULL, &error);
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  g_assert_true (ekv_json_export_file (document, out, &error));
  g_assert_no_error (error);
  written = read_file (out_path);
  g_assert_cmpstr (written, ==, text);
  g_unlink (out_path);

  g_assert_false (ekv_json_export_file (document, bad, &error));
  g_assert_nonnull (error);
}

static void
test_writer (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();

  json_object_set_double_member (object, "tenth", 0.1);
  json_object_set_double_member (object, "small", 1e-7);
  json_object_set_int_member (object, "int", -42);
  json_object_set_string_member (object, "text", "a\"b\\c\n\t\001ç");
  json_object_set_null_member (object, "none");
  json_object_set_boolean_member (object, "yes", TRUE);
  json_object_set_array_member (object, "empty", json_array_new ());
  json_object_set_object_member (object, "nothing", json_object_new ());
  json_array_add_double_element (array, 2.5);
  json_object_set_array_member (object, "list", array);
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  text = ekv_json_write (node);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"tenth\": 0.1,\n"
                   "  \"small\": 1e-07,\n"
                   "  \"int\": -42,\n"
                   "  \"text\": \"a\\\"b\\\\c\\n\\t\\u0001ç\",\n"
                   "  \"none\": null,\n"
                   "  \"yes\": true,\n"
                   "  \"empty\": [],\n"
                   "  \"nothing\": {},\n"
                   "  \"list\": [\n"
                   "    2.5\n"
                   "  ]\n"
                   "}\n");
  assert_equivalent (text, text);
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */

/* Four lines; a case's own text starts on line 5. */
#define HEAD \
  "{\n" \
  "\"format\": \"ekoverim-audit\", \"version\": 1,\n" \
  "\"company\": {\"name\": \"X\"},\n" \
  "\"units\": [{\"id\": \"u1\", \"name\": \"A\"}, {\"id\": \"u2\", \"name\": \"B\", \"batches_per_year\": 10}],\n"

#define FLOW(rest) "\"flows\": [{\"id\": \"f1\", \"name\": \"W\", \"kind\": \"water\", " rest "}]\n}"

typedef struct
{
  const char *name;
  const char *json;
  int          code;   /* EkvJsonError */
  guint        line;
  const char  *expected;   /* must appear in the message, after "test.json:LINE: " */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "string-for-number", HEAD "\n" FLOW ("\"to\": \"u1\", \"quantity\": \"12\", \"unit\": \"m3\""),
    EKV_JSON_ERROR_VALUE, 6, "flows[0].quantity: expected a number, found the text “12”" },
  { "fraction-for-integer", HEAD "\"finance\": {\"price_year\": 2025.5}\n}",
    EKV_JSON_ERROR_VALUE, 5, "finance.price_year: expected a whole number, found 2025.5" },
  { "negative-quantity", HEAD FLOW ("\"to\": \"u1\", \"quantity\": -5, \"unit\": \"m3\""),
    EKV_JSON_ERROR_VALUE, 5, "flows[0].quantity: " },
  { "unknown-unit", HEAD FLOW ("\"to\": \"u1\", \"quantity\": 5, \"unit\": \"kgs\""),
    EKV_JSON_ERROR_VALUE, 5,
    "flows[0].unit: unknown value “kgs”; expected one of g, kg, t, L, m3, Sm3, Nm3, kWh, MWh, MJ, GJ, "
    "kcal, Mcal, TEP, pcs" },
  { "unit-case", HEAD FLOW ("\"to\": \"u1\", \"quantity\": 5, \"unit\": \"l\""),
    EKV_JSON_ERROR_VALUE, 5, "flows[0].unit: unknown value “l”" },
  { "unknown-kind", HEAD "\"flows\": [{\"id\": \"f1\", \"name\": \"W\", \"kind\": \"WATER\", \"quantity\": 1, \"unit\": \"t\"}]}",
    EKV_JSON_ERROR_VALUE, 5, "flows[0].kind: unknown value “WATER”; expected one of raw_material, auxiliary," },
  { "kind-not-text", HEAD "\"flows\": [{\"id\": \"f1\", \"name\": \"W\", \"kind\": 3, \"quantity\": 1, \"unit\": \"t\"}]}",
    EKV_JSON_ERROR_VALUE, 5, "flows[0].kind: expected one of raw_material," },
  { "water-carrier-on-flow", HEAD FLOW ("\"carrier\": \"water\", \"quantity\": 5, \"unit\": \"m3\""),
    EKV_JSON_ERROR_VALUE, 5, "flows[0].carrier: unknown value “water”" },
  { "unknown-screening", HEAD "\"options\": [{\"id\": \"o1\", \"title\": \"T\", \"screening\": \"maybe\"}]}",
    EKV_JSON_ERROR_VALUE, 5, "options[0].screening: unknown value “maybe”; expected one of implement, study, reject" },
  { "duplicate-id", HEAD "\"flows\": [\n"
    "{\"id\": \"f1\", \"name\": \"W\", \"kind\": \"water\", \"quantity\": 1, \"unit\": \"t\"},\n"
    "{\"id\": \"f1\", \"name\": \"V\", \"kind\": \"water\", \"quantity\": 1, \"unit\": \"t\"}]}",
    EKV_JSON_ERROR_DUPLICATE, 7, "flows[1].id: the id “f1” is already used by flows[0]" },
  { "duplicate-unit-id", "{\"format\": \"ekoverim-audit\", \"version\": 1, \"company\": {\"name\": \"X\"},\n"
    "\"units\": [{\"id\": \"u1\", \"name\": \"A\"},\n{\"id\": \"u1\", \"name\": \"B\"}]}",
    EKV_JSON_ERROR_DUPLICATE, 3, "units[1].id: the id “u1” is already used by units[0]" },
  { "dangling-from", HEAD "\n\n" FLOW ("\"from\": \"u99\", \"quantity\": 5, \"unit\": \"m3\""),
    EKV_JSON_ERROR_REFERENCE, 7, "flows[0].from: no unit operation “u99”" },
  { "dangling-change-flow", HEAD "\"options\": [{\"id\": \"o1\", \"title\": \"T\", \"changes\": [{\"flow\": \"f9\", \"delta\": 1}]}]}",
    EKV_JSON_ERROR_REFERENCE, 5, "options[0].changes[0].flow: no flow “f9”" },
  { "dangling-option-unit", HEAD "\"options\": [{\"id\": \"o1\", \"title\": \"T\", \"units\": [\"u1\", \"u9\"]}]}",
    EKV_JSON_ERROR_REFERENCE, 5, "options[0].units[1]: no unit operation “u9”" },
  { "dangling-action", HEAD "\"actions\": [{\"option\": \"o1\", \"action\": \"Do it\"}]}",
    EKV_JSON_ERROR_REFERENCE, 5, "actions[0].option: no option “o1”" },
  { "bad-id", HEAD "\"flows\": [{\"id\": \"f 1\", \"name\": \"W\", \"kind\": \"water\", \"quantity\": 1, \"unit\": \"t\"}]}",
    EKV_JSON_ERROR_VALUE, 5, "flows[0].id: " },
  { "long-id", HEAD "\"kpis\": [{\"id\": \"k12345678901234567890123456789012345678901234567890123456789012345\", \"name\": \"K\"}]}",
    EKV_JSON_ERROR_VALUE, 5, "kpis[0].id: " },
  { "bad-date", HEAD "\"audit\": {\"title\": \"A\",\n\"start\": \"2025-13-01\"}}",
    EKV_JSON_ERROR_VALUE, 6, "audit.start: " },
  { "bad-month", HEAD "\"bills\": [{\"carrier\": \"electricity\", \"month\": \"2025-1\", \"quantity\": 1, \"unit\": \"kWh\"}]}",
    EKV_JSON_ERROR_VALUE, 5, "bills[0].month: " },
  { "zero-lhv", HEAD "\"audit\": {}, \"finance\": {}, \"kpis\": [],\n\"bills\": [], \"factors\": [{\"carrier\": \"coal\", \"unit\": \"t\", \"lhv_kwh\": 0}]}",
    EKV_JSON_ERROR_VALUE, 6, "factors[0].lhv_kwh: " },
  { "batch-without-batches", HEAD FLOW ("\"from\": \"u1\", \"to\": null, \"quantity\": 5, \"unit\": \"m3\", \"period\": \"batch\""),
    EKV_JSON_ERROR_RULE, 5, "flows[0].period: a flow per batch needs batches_per_year on unit operation “u1”" },
  { "batch-outside", HEAD FLOW ("\"quantity\": 5, \"unit\": \"m3\", \"period\": \"batch\""),
    EKV_JSON_ERROR_RULE, 5, "flows[0].period: " },
  { "product-into-unit", HEAD "\"flows\": [{\"id\": \"p\", \"name\": \"Fabric\", \"kind\": \"product\", \"from\": \"u1\",\n"
    "\"to\": \"u2\", \"quantity\": 1, \"unit\": \"t\"}]}",
    EKV_JSON_ERROR_RULE, 5, "flows[0].kind: a product goes to unit operation “u2”" },
  { "change-both", HEAD "\"flows\": [{\"id\": \"f1\", \"name\": \"W\", \"kind\": \"water\", \"quantity\": 1, \"unit\": \"t\"}],\n"
    "\"options\": [{\"id\": \"o1\", \"title\": \"T\", \"changes\": [{\"flow\": \"f1\", \"delta\": -1, \"delta_pct\": -5}]}]}",
    EKV_JSON_ERROR_RULE, 6, "options[0].changes[0]: give delta or delta_pct, not both" },
  { "change-neither", HEAD "\"flows\": [{\"id\": \"f1\", \"name\": \"W\", \"kind\": \"water\", \"quantity\": 1, \"unit\": \"t\"}],\n"
    "\"options\": [{\"id\": \"o1\", \"title\": \"T\", \"changes\": [{\"flow\": \"f1\"}]}]}",
    EKV_JSON_ERROR_RULE, 6, "options[0].changes[0]: give delta or delta_pct" },
  { "missing-required", HEAD "\"flows\": [{\"id\": \"f1\", \"name\": \"W\", \"kind\": \"water\", \"unit\": \"t\"}]}",
    EKV_JSON_ERROR_VALUE, 5, "flows[0]: the required key “quantity” is missing" },
  { "null-required", HEAD "\"flows\": [{\"id\": \"f1\", \"name\": null, \"kind\": \"water\", \"quantity\": 1, \"unit\": \"t\"}]}",
    EKV_JSON_ERROR_VALUE, 5, "flows[0].name: a value is required here, found null" },
  { "no-company", "{\"format\": \"ekoverim-audit\", \"version\": 1}",
    EKV_JSON_ERROR_VALUE, 1, "company: the required key “name” is missing" },
  { "score-not-number", HEAD "\"options\": [{\"id\": \"o1\", \"title\": \"T\", \"scores\": {\"cost\": \"high\"}}]}",
    EKV_JSON_ERROR_VALUE, 5, "options[0].scores.cost: expected a number, found the text “high”" },
  { "kpi-value-missing", HEAD "\"kpis\": [{\"id\": \"k1\", \"name\": \"K\", \"values\": [\n{\"period\": \"2026-01\"}]}]}",
    EKV_JSON_ERROR_VALUE, 6, "kpis[0].values[0]: the required key “value” is missing" },
  { "list-not-array", HEAD "\"flows\": {}}",
    EKV_JSON_ERROR_VALUE, 5, "flows: expected a list, found an object" },
  { "group-not-object", HEAD "\"audit\": {\"thresholds\": 5}}",
    EKV_JSON_ERROR_VALUE, 5, "audit.thresholds: expected an object, found 5" },
  { "element-not-object", HEAD "\"flows\": [3]}",
    EKV_JSON_ERROR_VALUE, 5, "flows[0]: expected an object, found 3" },
  { "threshold-range", HEAD "\"audit\": {\"thresholds\": {\"warn\": 150}}}",
    EKV_JSON_ERROR_VALUE, 5, "audit.thresholds.warn: " },
  { "bool-for-string", HEAD "\"audit\": {\"title\": true}}",
    EKV_JSON_ERROR_VALUE, 5, "audit.title: expected text, found true" },
  { "currency", HEAD "\"finance\": {\"currency\": \"try\"}}",
    EKV_JSON_ERROR_VALUE, 5, "finance.currency: " },
  { "newer-version", "{\n\"format\": \"ekoverim-audit\",\n\"version\": 2, \"company\": {\"name\": \"X\"}}",
    EKV_JSON_ERROR_VERSION, 3, "version: this file is written in version 2 of the audit format; this version of Ekoverim reads version 1 only" },
  { "bad-version", "{\"format\": \"ekoverim-audit\", \"version\": \"1\"}",
    EKV_JSON_ERROR_FORMAT, 1, "version: expected the format version 1, found the text “1”" },
  { "no-version", "{\"format\": \"ekoverim-audit\"}",
    EKV_JSON_ERROR_FORMAT, 1, "the required key “version” is missing" },
  { "wrong-format", "{\n\"format\": \"something-else\", \"version\": 1}",
    EKV_JSON_ERROR_FORMAT, 2, "format: expected “ekoverim-audit”, found the text “something-else”" },
  { "no-format", "{\"nodes\": [], \"links\": []}",
    EKV_JSON_ERROR_FORMAT, 1, "not an Ekoverim audit" },
  { "not-object", "[1, 2]",
    EKV_JSON_ERROR_FORMAT, 1, "expected one JSON object, found a list" },
  { "truncated", HEAD "\"flows\": [\n{\"id\": \"f1\"},\n",
    EKV_JSON_ERROR_SYNTAX, 7, "Parse error: unexpected end of file" },
  { "not-json", "name = value\n",
    EKV_JSON_ERROR_SYNTAX, 1, "" },
  { "empty", "",
    EKV_JSON_ERROR_SYNTAX, 1, "the file is empty" },
  { "not-utf8", "{\n\"format\": \"\xff\"}",
    EKV_JSON_ERROR_SYNTAX, 2, "not UTF-8 text" },
};

static void
test_error (gconstpointer data)
{
  const ErrorCase *test = data;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ekv_json_warning_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = import_text (test->json, warnings, &error);
  g_autofree char *prefix = g_strdup_printf ("test.json:%u: ", test->line);

  g_assert_null (document);
  g_assert_error (error, EKV_JSON_ERROR, test->code);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
  if (strstr (error->message + strlen (prefix), test->expected) != error->message + strlen (prefix)
      && test->expected[0] != '\0')
    g_error ("“%s” does not say “%s”", error->message, test->expected);
  /* One short line. */
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (warnings->len, ==, 0);
}

/* ------------------------------------------------------------------------ */
/* Warnings                                                                 */

static void
test_warnings (void)
{
  static const char json[] =
    "{\n"                                                        /* 1 */
    "  \"format\": \"ekoverim-audit\",\n"                        /* 2 */
    "  \"version\": 1,\n"                                        /* 3 */
    "  \"comment\": \"made by hand\",\n"                         /* 4 */
    "  \"company\": {\n"                                         /* 5 */
    "    \"name\": \"X\",\n"                                     /* 6 */
    "    \"contact\": {\"name\": \"A\", \"fax\": \"0\"}\n"       /* 7 */
    "  },\n"                                                     /* 8 */
    "  \"flows\": [\n"                                           /* 9 */
    "    {\n"                                                    /* 10 */
    "      \"id\": \"f1\", \"name\": \"W\", \"kind\": \"water\",\n" /* 11 */
    "      \"quantity\": 1, \"unit\": \"m3\",\n"                 /* 12 */
    "      \"colour\": \"blue\"\n"                               /* 13 */
    "    }\n"                                                    /* 14 */
    "  ],\n"                                                     /* 15 */
    "  \"optons\": []\n"                                         /* 16 */
    "}\n";
  static const struct
  {
    const char *path;
    guint       line;
  } expected[] = {
    { "comment", 4 },
    { "company.contact.fax", 7 },
    { "flows[0].colour", 13 },
    { "optons", 16 },
  };
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ekv_json_warning_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = import_text (json, warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_cmpuint (warnings->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      EkvJsonWarning *warning = g_ptr_array_index (warnings, i);

      g_assert_cmpstr (warning->path, ==, expected[i].path);
      g_assert_cmpuint (warning->line, ==, expected[i].line);
      g_assert_cmpstr (warning->message, ==, "unknown key");
    }
  /* Unknown keys are kept out of the document. */
  g_assert_cmpuint (g_list_model_get_n_items (ekv_document_get_list (document, EKV_ENTITY_FLOW)), ==, 1);
}

static void
test_warnings_before_error (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ekv_json_warning_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = import_text (HEAD "\"extra\": 1,\n" FLOW ("\"quantity\": -1, \"unit\": \"t\""),
                                                 warnings, &error);

  g_assert_null (document);
  g_assert_error (error, EKV_JSON_ERROR, EKV_JSON_ERROR_VALUE);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (((EkvJsonWarning *) warnings->pdata[0])->path, ==, "extra");
}

static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/audit.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = ekv_json_import_file (file, "audit.json", NULL, &error);

  g_assert_null (document);
  g_assert_error (error, EKV_JSON_ERROR, EKV_JSON_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "audit.json: "));
}

/* ------------------------------------------------------------------------ */
/* The bundled sample                                                       */

static void
test_sample (void)
{
  const char *source_root = g_getenv ("EKV_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *exported = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ekv_json_warning_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(EkvDocument) document = NULL;

  path = g_build_filename (source_root != NULL ? source_root : TEST_DATA_DIR "/../..",
                           "resources", "samples", "ege-orme-boya.json", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the sample audit is not there yet");
      return;
    }

  text = read_file (path);
  document = ekv_json_import_data (text, -1, "ege-orme-boya.json", warnings, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < warnings->len; i++)
    {
      EkvJsonWarning *warning = g_ptr_array_index (warnings, i);

      g_test_message ("%u: %s: %s", warning->line, warning->path, warning->message);
    }
  g_assert_cmpuint (warnings->len, ==, 0);

  exported = ekv_json_export_string (document);
  assert_equivalent (text, exported);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_data_func ("/ekv/json/round-trip/minimal", "minimal.json", test_round_trip);
  g_test_add_data_func ("/ekv/json/round-trip/full", "full.json", test_round_trip);
  g_test_add_func ("/ekv/json/import/full", test_full_document);
  g_test_add_func ("/ekv/json/import/turkish-locale", test_turkish_locale);
  g_test_add_func ("/ekv/json/import/missing-file", test_missing_file);
  g_test_add_func ("/ekv/json/export/file", test_export_file);
  g_test_add_func ("/ekv/json/writer", test_writer);
  g_test_add_func ("/ekv/json/warnings/unknown-keys", test_warnings);
  g_test_add_func ("/ekv/json/warnings/before-error", test_warnings_before_error);
  g_test_add_func ("/ekv/json/sample", test_sample);

  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/ekv/json/error/%s", error_cases[i].name);

      g_test_add_data_func (name, &error_cases[i], test_error);
    }

  return g_test_run ();
}
