/* ekv-xlsx-export.c: Export to Excel from the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The window's document is not thread-safe: a copy is made on the main thread
 * and handed to a worker thread, which writes the workbook (ekv_xlsx_export()
 * runs in its own language scope and C number locale, both per thread, so the
 * window keeps its language). Progress comes back through the main context.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-gui-util.h"
#include "ekv-window-private.h"
#include "ekv-xlsx-export.h"
#include "ekv-xlsx.h"

/* Audits with more flows than this show their progress: a small one is done
 * before a toast could be read. */
#define PROGRESS_FLOWS 1000

typedef struct
{
  EkvDocument *copy;
  char        *path;
  EkvLanguage  language;
  AdwToast    *progress;   /* main thread only; NULL for small audits */
  int          percent;    /* atomic: the last percentage sent */
} ExportJob;

static void
export_job_clear (ExportJob *job)
{
  g_clear_object (&job->copy);
  g_clear_pointer (&job->path, g_free);
  g_clear_object (&job->progress);
}

static void
export_job_unref (ExportJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) export_job_clear);
}

static char *
progress_title (int percent)
{
  /* Translators: a toast while a workbook is written; %d is a percentage */
  return g_strdup_printf (_("Exporting to Excel… %d %%"), percent);
}

static gboolean
show_progress_cb (gpointer data)
{
  ExportJob *job = data;

  if (job->progress != NULL)
    {
      g_autofree char *title = progress_title (g_atomic_int_get (&job->percent));

      adw_toast_set_title (job->progress, title);
    }
  return G_SOURCE_REMOVE;
}

/* In the worker thread. */
static void
progress_cb (double   fraction,
             gpointer data)
{
  ExportJob *job = data;
  int percent = (int) (fraction * 100);

  if (g_atomic_int_get (&job->percent) == percent)
    return;
  g_atomic_int_set (&job->percent, percent);
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_progress_cb,
                              g_atomic_rc_box_acquire (job), (GDestroyNotify) export_job_unref);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (ekv_xlsx_export (job->copy, job->path, job->language, progress_cb, job, cancellable,
                       &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_error (EkvWindow    *window,
            const GError *error)
{
  ekv_gui_show_error (GTK_WINDOW (window), _("Could Not Export to Excel"), error->message);
}

static void
show_done (EkvWindow  *window,
           const char *path)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *escaped = g_markup_escape_text (basename, -1);
  g_autofree char *title = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  AdwToast *toast;

  /* Translators: a toast; %s is a file name */
  title = g_strdup_printf (_("Exported “%s”"), escaped);
  toast = adw_toast_new (title);
  if (uri != NULL)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-exported");
      adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
    }
  adw_toast_overlay_add_toast (window->toast_overlay, toast);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  EkvWindow *window = g_task_get_source_object (outer);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (job->progress != NULL)
    {
      adw_toast_dismiss (job->progress);
      g_clear_object (&job->progress);
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (window, error);
      g_task_return_error (outer, error);
      return;
    }
  show_done (window, job->path);
  g_task_return_boolean (outer, TRUE);
}

void
ekv_xlsx_export_start (EkvWindow           *window,
                       GFile               *file,
                       EkvLanguage          language,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ExportJob *job;
  guint n_flows;

  g_return_if_fail (EKV_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (window, cancellable, callback, user_data);
  g_task_set_source_tag (outer, ekv_xlsx_export_start);
  if (window->document == NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no document");
      return;
    }

  job = g_atomic_rc_box_new0 (ExportJob);
  job->language = language;
  job->path = g_file_get_path (file);
  job->copy = job->path != NULL ? ekv_document_copy (window->document, &error) : NULL;
  if (job->copy == NULL)
    {
      if (error == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("Workbooks can only be written to local files."));
      show_error (window, error);
      export_job_unref (job);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  n_flows = g_list_model_get_n_items (ekv_document_get_list (job->copy, EKV_ENTITY_FLOW));
  if (n_flows > PROGRESS_FLOWS)
    {
      g_autofree char *title = progress_title (0);

      job->progress = adw_toast_new (title);
      adw_toast_set_timeout (job->progress, 0);
      adw_toast_set_priority (job->progress, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (window->toast_overlay, g_object_ref (job->progress));
    }

  task = g_task_new (window, cancellable, export_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (task, ekv_xlsx_export_start);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_unref);
  g_task_run_in_thread (task, export_thread);
}

gboolean
ekv_xlsx_export_finish (EkvWindow     *window,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, window), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* The file chooser                                                         */

static void
chooser_response_cb (EkvWindow            *window,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  EkvLanguage language;
  const char *code;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  code = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "language");
  if (code == NULL || !ekv_language_from_code (code, &language, NULL))
    language = ekv_language_get_ui ();
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  if (!g_str_has_suffix (path, ".xlsx"))
    {
      g_autofree char *with_suffix = g_strconcat (path, ".xlsx", NULL);

      /* The chooser asked about replacing the name typed, not this one. */
      if (g_file_test (with_suffix, G_FILE_TEST_EXISTS))
        {
          g_autofree char *name = g_path_get_basename (with_suffix);
          g_autoptr(GError) error = NULL;

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       /* Translators: %s is a file name */
                       _("A file named “%s” already exists. Choose another name."), name);
          show_error (window, error);
          return;
        }
      g_clear_object (&file);
      file = g_file_new_for_path (with_suffix);
    }

  ekv_xlsx_export_start (window, file, language, NULL, NULL, NULL);
}

/* "Ege Örme.ekv" → "Ege Örme.xlsx"; an audit in memory is named after the firm. */
static char *
suggested_name (EkvWindow *window)
{
  const char *path = ekv_document_get_path (window->document);
  const char *firm;

  if (path != NULL)
    {
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *stem = g_strndup (basename, strlen (basename)
                                                   - (g_str_has_suffix (basename, ".ekv") ? 4 : 0));

      return g_strconcat (stem, ".xlsx", NULL);
    }
  firm = ekv_record_get_string (ekv_document_get_company (window->document), EKV_COMPANY_NAME);
  if (firm != NULL && *firm != '\0' && strchr (firm, G_DIR_SEPARATOR) == NULL)
    return g_strconcat (firm, ".xlsx", NULL);
  /* Translators: the suggested file name of a workbook */
  return g_strdup (_("audit.xlsx"));
}

void
ekv_xlsx_export_run (EkvWindow *window)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  const char *path;
  const char *codes[] = { "en", "tr", NULL };
  const char *languages[] = { _("English"), _("Turkish"), NULL };

  g_return_if_fail (EKV_IS_WINDOW (window));
  if (window->document == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export to Excel"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* The workbook's language, whatever the window speaks. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "language", _("Language"), codes,
                               languages);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "language",
                               ekv_language_to_code (ekv_language_get_ui ()));

  name = suggested_name (window);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  path = ekv_document_get_path (window->document);
  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), window,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
