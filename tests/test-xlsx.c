/* test-xlsx.c: the Excel workbook export
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Exports the sample and reads the parts of the .xlsx (a zip) back with
 * `unzip -p`. What LibreOffice computes from the formulas is checked by
 * build-aux/check-xlsx-libreoffice (test xlsx-libreoffice).
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-json-import.h"
#include "ekv-language.h"
#include "ekv-xlsx.h"
#include "ekv-test-util.h"

static char *workdir;

/* The sample, named by its path as an opened file is. */
static EkvDocument *
open_sample (void)
{
  g_autofree char *path = ekv_test_sample_path ();

  return ekv_test_import_json (path, path);
}

static char *
work_path (const char *name)
{
  return g_build_filename (workdir, name, NULL);
}

static void
export (EkvDocument *document,
        const char  *path,
        EkvLanguage  language)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ekv_xlsx_export (document, path, language, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_sheets (const char        *book,
               const char *const *names)
{
  g_autofree char *workbook = ekv_test_unzip_part (book, "xl/workbook.xml");

  g_assert_nonnull (workbook);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *tag = g_markup_printf_escaped ("<sheet name=\"%s\"", names[i]);

      if (strstr (workbook, tag) == NULL)
        g_error ("no sheet “%s” in %s", names[i], workbook);
    }
}

static void
test_languages (void)
{
  g_autoptr(EkvDocument) document = open_sample ();
  g_autofree char *en = work_path ("en.xlsx");
  g_autofree char *tr = work_path ("tr.xlsx");
  g_autofree char *strings = NULL;
  const char *const en_names[] = { "Summary", "Inventory", "Balances", "Options", "Bills", "KPIs",
                                   "Sankey diagrams", NULL };
  const char *const tr_names[] = { "Özet", "Envanter", "Dengeler", "Seçenekler", "Faturalar",
                                   "Göstergeler", "Sankey diyagramları", NULL };

  export (document, en, EKV_LANGUAGE_ENGLISH);
  export (document, tr, EKV_LANGUAGE_TURKISH);
  assert_sheets (en, en_names);
  assert_sheets (tr, tr_names);

  /* Headers and labels follow the language too. */
  strings = ekv_test_unzip_part (tr, "xl/sharedStrings.xml");
  g_assert_nonnull (strstr (strings, "Giren kütle (kg/yıl)"));
  g_assert_null (strstr (strings, "Mass in (kg/year)"));
  g_free (strings);
  strings = ekv_test_unzip_part (en, "xl/sharedStrings.xml");
  g_assert_nonnull (strstr (strings, "Mass in (kg/year)"));

  /* The window's language is left alone: this thread speaks as before. */
  g_assert_cmpstr (_("Summary"), ==, "Summary");
}

static void
test_contents (void)
{
  g_autoptr(EkvDocument) document = open_sample ();
  g_autofree char *path = work_path ("contents.xlsx");
  g_autofree char *workbook = NULL;
  g_autofree char *sheets = NULL;
  g_autofree char *types = NULL;
  g_autofree char *image = NULL;

  export (document, path, EKV_LANGUAGE_ENGLISH);
  workbook = ekv_test_unzip_part (path, "xl/workbook.xml");
  /* Defined names for the key inputs. */
  g_assert_nonnull (strstr (workbook, "<definedName name=\"DiscountRate\">'Options'!$B$1"));
  g_assert_nonnull (strstr (workbook, "<definedName name=\"Price_f1\">"));

  sheets = ekv_test_xlsx_sheets (path);
  /* Formulas carry their computed values (not the 0 of worksheet_write_formula). */
  g_assert_nonnull (strstr (sheets, "<f>SUMIFS("));
  g_assert_nonnull (strstr (sheets, "NPV((DiscountRate/100),"));
  g_assert_nonnull (strstr (sheets, "IFERROR(IRR("));
  g_assert_nonnull (strstr (sheets, "<autoFilter"));
  g_assert_nonnull (strstr (sheets, "<pane ySplit=\"1\""));
  g_assert_nonnull (strstr (sheets, "orientation=\"landscape\""));
  g_assert_null (strstr (sheets, "<v>nan"));
  g_assert_null (strstr (sheets, "<v>inf"));

  /* Three native charts and five pictures (MACC curve, four Sankey views). */
  types = ekv_test_unzip_part (path, "\\[Content_Types\\].xml");
  g_assert_nonnull (strstr (types, "/xl/charts/chart3.xml"));
  g_assert_null (strstr (types, "/xl/charts/chart4.xml"));
  image = ekv_test_unzip_part (path, "xl/media/image5.png");
  g_assert_nonnull (image);
}

/* The inputs the formulas read: energy factors with defined names on the Energy
 * sheet, the production denominator's quantity on the Company sheet. */
static void
test_live_inputs (void)
{
  g_autoptr(EkvDocument) document = open_sample ();
  g_autofree char *path = work_path ("live-inputs.xlsx");
  g_autofree char *workbook = NULL;
  g_autofree char *sheets = NULL;

  export (document, path, EKV_LANGUAGE_ENGLISH);
  workbook = ekv_test_unzip_part (path, "xl/workbook.xml");
  g_assert_nonnull (strstr (workbook, "<definedName name=\"CO2_kg_natural_gas_Sm3\">'Energy'!$F$"));
  g_assert_nonnull (strstr (workbook, "<definedName name=\"LHV_kWh_natural_gas_Sm3\">'Energy'!$D$"));
  g_assert_nonnull (strstr (workbook, "<definedName name=\"TEP_electricity_kWh\">'Energy'!$E$"));

  sheets = ekv_test_xlsx_sheets (path);
  /* Inventory: yearly × the factor's name. */
  g_assert_nonnull (strstr (sheets, "*LHV_kWh_natural_gas_Sm3</f>"));
  g_assert_nonnull (strstr (sheets, "*TEP_natural_gas_Sm3</f>"));
  g_assert_nonnull (strstr (sheets, "*CO2_kg_electricity_kWh</f>"));
  /* Options: CO₂ avoided per change over the names; savings per dimension summed. */
  g_assert_nonnull (strstr (sheets, "*CO2_kg_natural_gas_Sm3/1000</f>"));
  g_assert_nonnull (strstr (sheets, "<f>SUMIFS($T$"));
  /* The Energy sheet's carriers show the factors through their names. */
  g_assert_nonnull (strstr (sheets, "<f>LHV_kWh_natural_gas_Sm3</f><v>9.59</v>"));
  /* Production over the product's quantity. */
  g_assert_nonnull (strstr (sheets, "<f>'Company and team'!$B$"));
}

static void
set_string (EkvDocument *document,
            EkvRecord   *record,
            guint        field,
            const char  *text)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  ekv_document_set_value (document, record, field, &value, &error);
  g_assert_no_error (error);
}

static void
test_text_stays_text (void)
{
  g_autoptr(EkvDocument) document = open_sample ();
  g_autoptr(EkvRecord) flow = g_list_model_get_item (ekv_document_get_list (document,
                                                                           EKV_ENTITY_FLOW), 0);
  g_autofree char *path = work_path ("text.xlsx");
  g_autofree char *strings = NULL;
  g_autofree char *sheets = NULL;

  set_string (document, ekv_document_get_company (document), EKV_COMPANY_NAME,
              "=HYPERLINK(\"http://example.com\",\"x\")");
  set_string (document, flow, EKV_FLOW_NAME, "=1+1 dyed");
  set_string (document, flow, EKV_FLOW_NOTE, "+90 212 555");
  export (document, path, EKV_LANGUAGE_ENGLISH);

  strings = ekv_test_unzip_part (path, "xl/sharedStrings.xml");
  g_assert_nonnull (strstr (strings, "<t>=1+1 dyed</t>"));
  g_assert_nonnull (strstr (strings, "<t>+90 212 555</t>"));
  g_assert_nonnull (strstr (strings, "<t>=HYPERLINK("));
  sheets = ekv_test_xlsx_sheets (path);
  g_assert_null (strstr (sheets, "<f>1+1"));
  g_assert_null (strstr (sheets, "<f>HYPERLINK"));
}

/* Under a Turkish LC_NUMERIC, printf writes "200,5": the sheets must not change. */
static void
test_turkish_locale_numbers (void)
{
  g_autoptr(EkvDocument) document = open_sample ();
  g_autofree char *c_path = work_path ("c.xlsx");
  g_autofree char *tr_path = work_path ("tr-locale.xlsx");
  g_autofree char *c_sheets = NULL;
  g_autofree char *tr_sheets = NULL;
  g_autofree char *decimal = NULL;

  export (document, c_path, EKV_LANGUAGE_ENGLISH);
  if (setlocale (LC_ALL, "tr_TR.UTF-8") == NULL)
    {
      g_test_skip ("the tr_TR.UTF-8 locale is not installed (build-aux/setup deps)");
      return;
    }
  decimal = g_strdup_printf ("%.1f", 200.5);
  g_assert_cmpstr (decimal, ==, "200,5");   /* the trap is armed */
  export (document, tr_path, EKV_LANGUAGE_ENGLISH);
  setlocale (LC_ALL, "C.UTF-8");

  c_sheets = ekv_test_xlsx_sheets (c_path);
  tr_sheets = ekv_test_xlsx_sheets (tr_path);
  g_assert_cmpuint (strlen (c_sheets), >, 100000);
  g_assert_cmpstr (tr_sheets, ==, c_sheets);
  g_assert_null (strstr (tr_sheets, ",5</v>"));
}

static void
test_failure_keeps_target (void)
{
  g_autoptr(EkvDocument) document = open_sample ();
  g_autofree char *dir = work_path ("keep");
  g_autofree char *path = g_build_filename (dir, "book.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "precious", -1, NULL));

  g_cancellable_cancel (cancellable);
  g_assert_false (ekv_xlsx_export (document, path, EKV_LANGUAGE_ENGLISH, NULL, NULL, cancellable,
                                   &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* A folder in the way of the target. */
  g_assert_false (ekv_xlsx_export (document, dir, EKV_LANGUAGE_ENGLISH, NULL, NULL, NULL, &error));
  g_assert_error (error, EKV_XLSX_ERROR, EKV_XLSX_ERROR_WRITE);
  g_clear_error (&error);

  /* A folder that does not exist. */
  {
    g_autofree char *missing = g_build_filename (dir, "no", "such", "book.xlsx", NULL);

    g_assert_false (ekv_xlsx_export (document, missing, EKV_LANGUAGE_ENGLISH, NULL, NULL, NULL,
                                     &error));
    g_assert_error (error, EKV_XLSX_ERROR, EKV_XLSX_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "book.xlsx"));
    g_clear_error (&error);
  }

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "precious");
  /* No temporary file left beside it. */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

/* A new audit, still empty, exports too: every sheet, no table rows. */
static void
test_empty_audit (void)
{
  g_autoptr(EkvDocument) document = ekv_document_new ();
  g_autofree char *path = work_path ("empty.xlsx");
  g_autofree char *workbook = NULL;
  g_autofree char *sheets = NULL;
  const char *const names[] = { "Summary", "Inventory", "Balances", "Options", "Sankey diagrams",
                                NULL };

  export (document, path, EKV_LANGUAGE_ENGLISH);
  assert_sheets (path, names);
  sheets = ekv_test_xlsx_sheets (path);
  g_assert_null (strstr (sheets, "<v>nan"));
  g_assert_null (strstr (sheets, "<v>inf"));
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last - 1e-12);
  g_assert_cmpfloat (fraction, <=, 1 + 1e-12);
  *last = fraction;
}

static void
test_progress_and_replace (void)
{
  g_autoptr(EkvDocument) document = open_sample ();
  g_autofree char *path = work_path ("replace.xlsx");
  g_autoptr(GError) error = NULL;
  g_autofree char *types = NULL;
  double last = 0;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (ekv_xlsx_export (document, path, EKV_LANGUAGE_ENGLISH, progress_cb, &last, NULL,
                                  &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (last, 1.0, 1e-9);
  types = ekv_test_unzip_part (path, "\\[Content_Types\\].xml");
  g_assert_nonnull (types);
}

int
main (int    argc,
      char **argv)
{
  int status;

  ekv_test_init_i18n ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  workdir = ekv_test_make_dir ("ekv-xlsx-XXXXXX");

  g_test_add_func ("/ekv/xlsx/languages", test_languages);
  g_test_add_func ("/ekv/xlsx/contents", test_contents);
  g_test_add_func ("/ekv/xlsx/live-inputs", test_live_inputs);
  g_test_add_func ("/ekv/xlsx/text-stays-text", test_text_stays_text);
  g_test_add_func ("/ekv/xlsx/turkish-locale-numbers", test_turkish_locale_numbers);
  g_test_add_func ("/ekv/xlsx/failure-keeps-target", test_failure_keeps_target);
  g_test_add_func ("/ekv/xlsx/progress-and-replace", test_progress_and_replace);
  g_test_add_func ("/ekv/xlsx/empty-audit", test_empty_audit);
  status = g_test_run ();

  ekv_test_remove_dir (workdir);
  g_free (workdir);
  return status;
}
