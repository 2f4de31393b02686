/* test-xlsx-export.c: Export to Excel from the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The file chooser cannot be driven headlessly: the tests start the export the
 * way the chooser's response does, with ekv_xlsx_export_start().
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-enums.h"
#include "ekv-language.h"
#include "ekv-test-gui.h"
#include "ekv-test-util.h"
#include "ekv-window.h"
#include "ekv-xlsx-export.h"

typedef struct
{
  EkvApplication *app;
  char           *dir;
  EkvWindow      *window;
} Fixture;

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Outcome;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ekv_test_open_sample ("ekv-xlsx-export", TRUE, &fixture->app, &fixture->dir, &fixture->window);
  ekv_test_spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ekv_test_close_sample (&fixture->app, &fixture->dir, &fixture->window);
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = ekv_xlsx_export_finish (EKV_WINDOW (source), result, &outcome->error);
  outcome->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Outcome *) data)->done;
}

static gboolean
label_starts_with (GtkWidget     *widget,
                   gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget)
         && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

static char *
workbook_xml (const char *book)
{
  const char *argv[] = { "unzip", "-p", book, "xl/workbook.xml", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, NULL, &error);
  g_assert_no_error (error);
  return out;
}

/* A Turkish workbook from an English window: written in a worker thread, then a
 * toast with Open; the window keeps its language. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "örnek.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *xml = NULL;
  Outcome outcome = { 0 };

  ekv_xlsx_export_start (fixture->window, file, EKV_LANGUAGE_TURKISH, NULL, export_cb, &outcome);
  /* The main loop stays free while the workbook is written. */
  g_assert_false (outcome.done);
  ekv_test_wait_until (is_done, &outcome, 60000);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);

  xml = workbook_xml (path);
  g_assert_nonnull (xml);
  g_assert_nonnull (strstr (xml, "name=\"Özet\""));
  g_assert_nonnull (strstr (xml, "name=\"Envanter\""));
  g_assert_cmpstr (_("Summary"), ==, "Summary");

  ekv_test_spin ();
  g_assert_nonnull (ekv_test_find (GTK_WIDGET (fixture->window), label_starts_with,
                                   "Exported “örnek.xlsx”"));
  g_assert_nonnull (ekv_test_find_button (GTK_WIDGET (fixture->window), NULL, "_Open"));
}

/* A large audit shows its progress in a toast while the workbook is written. */
static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  EkvDocument *document = ekv_window_get_document (fixture->window);
  g_autofree char *path = g_build_filename (fixture->dir, "big.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };

  g_assert_true (ekv_document_begin (document, &error));
  for (guint i = 0; i < 1200; i++)
    {
      g_autoptr(EkvRecord) flow = ekv_record_new (EKV_ENTITY_FLOW);
      g_autofree char *id = g_strdup_printf ("big%u", i);

      ekv_record_set_string (flow, EKV_FLOW_ID, id);
      ekv_record_set_string (flow, EKV_FLOW_NAME, id);
      ekv_record_set_enum (flow, EKV_FLOW_KIND, EKV_FLOW_KIND_WATER);
      ekv_record_set_string (flow, EKV_FLOW_TO, "u1");
      ekv_record_set_double (flow, EKV_FLOW_QUANTITY, i + 1);
      ekv_record_set_enum (flow, EKV_FLOW_UNIT, EKV_QUANTITY_UNIT_M3);
      g_assert_true (ekv_document_insert (document, flow, NULL, -1, &error));
    }
  g_assert_true (ekv_document_commit (document, &error));

  ekv_xlsx_export_start (fixture->window, file, EKV_LANGUAGE_ENGLISH, NULL, export_cb, &outcome);
  g_assert_nonnull (ekv_test_find (GTK_WIDGET (fixture->window), label_starts_with,
                                   "Exporting to Excel…"));
  ekv_test_wait_until (is_done, &outcome, 60000);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  ekv_test_spin ();
  g_assert_nonnull (ekv_test_find (GTK_WIDGET (fixture->window), label_starts_with,
                                   "Exported “big.xlsx”"));
}

/* A folder that does not exist: an error, a dialog, nothing written. */
static void
test_export_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "book.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Outcome outcome = { 0 };
  GList *toplevels;
  gboolean dialog = FALSE;

  ekv_xlsx_export_start (fixture->window, file, EKV_LANGUAGE_ENGLISH, NULL, export_cb, &outcome);
  ekv_test_wait_until (is_done, &outcome, 60000);
  g_assert_false (outcome.ok);
  g_assert_nonnull (outcome.error);
  g_assert_nonnull (strstr (outcome.error->message, "book.xlsx"));
  g_clear_error (&outcome.error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  ekv_test_spin ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      {
        dialog = TRUE;
        gtk_window_destroy (l->data);
      }
  g_list_free (toplevels);
  g_assert_true (dialog);
}

int
main (int   argc,
      char *argv[])
{
  /* The Turkish workbook needs the build tree's catalogue. */
  ekv_test_init_i18n ();
  if (!ekv_test_gui_init (&argc, &argv))
    return 0;

  g_test_add ("/ekv/xlsx-export/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  g_test_add ("/ekv/xlsx-export/progress", Fixture, NULL, fixture_set_up, test_progress,
              fixture_tear_down);
  g_test_add ("/ekv/xlsx-export/export-error", Fixture, NULL, fixture_set_up, test_export_error,
              fixture_tear_down);
  return g_test_run ();
}
