/* ekv-report-print.c: the management report printed, previewed and exported from the window
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-gui-util.h"
#include "ekv-report-print.h"

typedef struct
{
  EkvDocument *document;
  EkvLanguage  language;
  EkvReport   *report;
  GtkDropDown *language_choice;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_clear_object (&job->document);
  g_clear_pointer (&job->report, ekv_report_free);
  g_free (job);
}

static PrintJob *
job_of (GtkPrintOperation *operation)
{
  return g_object_get_data (G_OBJECT (operation), "ekv-report-print-job");
}

static EkvReportPaper
paper_of (GtkPageSetup *setup)
{
  GtkPaperSize *size = setup != NULL ? gtk_page_setup_get_paper_size (setup) : NULL;
  double width, height;

  if (size == NULL)
    return EKV_REPORT_PAPER_A4;
  width = gtk_paper_size_get_width (size, GTK_UNIT_POINTS);
  height = gtk_paper_size_get_height (size, GTK_UNIT_POINTS);
  /* A3 or larger gets the A3 layout; anything smaller the A4 one, scaled to fit. */
  return MIN (width, height) >= 830 && MAX (width, height) >= 1180
         ? EKV_REPORT_PAPER_A3 : EKV_REPORT_PAPER_A4;
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PrintJob *job = job_of (operation);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&job->report, ekv_report_free);
  job->report = ekv_report_new (job->document, job->language,
                                paper_of (gtk_print_context_get_page_setup (context)), &error);
  if (job->report == NULL)
    {
      g_warning ("%s", error->message);
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, ekv_report_get_n_pages (job->report));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              gpointer           user_data)
{
  PrintJob *job = job_of (operation);

  if (job->report == NULL || page < 0 || (guint) page >= ekv_report_get_n_pages (job->report))
    return;
  ekv_report_draw_page (job->report, gtk_print_context_get_cairo_context (context), page,
                        gtk_print_context_get_width (context),
                        gtk_print_context_get_height (context));
}

/* Each page in the orientation the report lays it out in (the Sankey
 * diagrams, the flow chart and the cost curve are landscape), whatever the
 * page set-up asks for: another would only shrink the page. */
static void
request_page_setup_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page,
                       GtkPageSetup      *setup,
                       gpointer           user_data)
{
  PrintJob *job = job_of (operation);
  gboolean landscape = job->report != NULL && page >= 0
                       && (guint) page < ekv_report_get_n_pages (job->report)
                       && ekv_report_get_page_landscape (job->report, page);

  gtk_page_setup_set_orientation (setup, landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                   : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static GObject *
create_custom_widget_cb (GtkPrintOperation *operation,
                         gpointer           user_data)
{
  PrintJob *job = job_of (operation);
  const char *labels[] = { _("English"), _("Turkish"), NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Report _language"));
  GtkWidget *choice = gtk_drop_down_new_from_strings (labels);

  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), choice);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice),
                              job->language == EKV_LANGUAGE_TURKISH ? 1 : 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), choice);
  job->language_choice = GTK_DROP_DOWN (choice);
  return G_OBJECT (box);
}

static void
custom_widget_apply_cb (GtkPrintOperation *operation,
                        GtkWidget         *widget,
                        gpointer           user_data)
{
  PrintJob *job = job_of (operation);

  if (job->language_choice != NULL)
    job->language = gtk_drop_down_get_selected (job->language_choice) == 1
                    ? EKV_LANGUAGE_TURKISH : EKV_LANGUAGE_ENGLISH;
  job->language_choice = NULL;
}

GtkPrintOperation *
ekv_report_print_operation_new (EkvDocument *document,
                                EkvLanguage  language)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  PrintJob *job;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  operation = gtk_print_operation_new ();
  job = g_new0 (PrintJob, 1);
  job->document = g_object_ref (document);
  job->language = language;
  g_object_set_data_full (G_OBJECT (operation), "ekv-report-print-job", job, print_job_free);

  /* The report is laid out on whole pages, in points: portrait A4 unless the
   * user sets up another paper. */
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, _("Management report"));
  gtk_print_operation_set_custom_tab_label (operation, _("Report"));

  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), NULL);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), NULL);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb), NULL);
  g_signal_connect (operation, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), NULL);
  g_signal_connect (operation, "custom-widget-apply", G_CALLBACK (custom_widget_apply_cb), NULL);
  return operation;
}

EkvReport *
ekv_report_print_operation_get_report (GtkPrintOperation *operation)
{
  PrintJob *job;

  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation), NULL);
  job = job_of (operation);
  return job != NULL ? job->report : NULL;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               EkvWindow               *window)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      ekv_gui_show_error (GTK_WINDOW (window), _("Could Not Print the Report"),
                          error != NULL ? error->message : _("The printer reported an error."));
    }
}

void
ekv_report_print_run (EkvWindow *window)
{
  EkvDocument *document = ekv_window_get_document (window);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  if (document == NULL)
    return;
  operation = ekv_report_print_operation_new (document, ekv_language_get_ui ());
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), window, 0);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (window), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    ekv_gui_show_error (GTK_WINDOW (window), _("Could Not Print the Report"), error->message);
}

typedef struct
{
  EkvDocument    *copy;      /* the audit as it was when the user chose the file */
  EkvLanguage     language;
  EkvReportPaper  paper;
  char           *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->copy);
  g_free (job->path);
  g_free (job);
}

/* In a worker thread: the copy is the thread's alone, the language scope is
 * the thread's, and the report needs no GTK. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(EkvReport) report = NULL;
  GError *error = NULL;

  report = ekv_report_new (job->copy, job->language, job->paper, &error);
  if (report == NULL || !ekv_report_write_pdf (report, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  EkvWindow *window = EKV_WINDOW (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      ekv_gui_show_error (GTK_WINDOW (window), _("Could Not Export the Report"), error->message);
      return;
    }
  basename = g_path_get_basename (job->path);
  /* Translators: a toast; %s is a file name */
  message = g_strdup_printf (_("Report exported as “%s”"), basename);
  ekv_window_add_toast (window, message);
}

static void
export_response_cb (EkvWindow            *window,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  EkvDocument *document = ekv_window_get_document (window);
  EkvLanguage language;
  EkvReportPaper paper;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  {
    const char *code = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "language");
    const char *paper_nick = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "paper");

    if (code == NULL || !ekv_language_from_code (code, &language, NULL))
      language = ekv_language_get_ui ();
    if (paper_nick == NULL || !ekv_report_paper_from_nick (paper_nick, &paper))
      paper = EKV_REPORT_PAPER_A4;
  }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (file == NULL || document == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
    {
      char *with_suffix = g_strconcat (path, ".pdf", NULL);

      g_free (path);
      path = with_suffix;
    }

  ekv_report_export_file (window, path, language, paper);
}

void
ekv_report_export_file (EkvWindow      *window,
                        const char     *path,
                        EkvLanguage     language,
                        EkvReportPaper  paper)
{
  EkvDocument *document = ekv_window_get_document (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (EKV_IS_WINDOW (window));
  g_return_if_fail (path != NULL);

  if (document == NULL)
    return;
  /* A large audit's report takes seconds: it is laid out and written in a
   * thread, from a copy made here (a document is not thread-safe). */
  job = g_new0 (ExportJob, 1);
  job->copy = ekv_document_copy (document, &error);
  job->language = language;
  job->paper = paper;
  job->path = g_strdup (path);
  if (job->copy == NULL)
    {
      ekv_gui_show_error (GTK_WINDOW (window), _("Could Not Export the Report"), error->message);
      export_job_free (job);
      return;
    }
  task = g_task_new (window, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, ekv_report_export_file);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

void
ekv_report_export_run (EkvWindow *window)
{
  EkvDocument *document = ekv_window_get_document (window);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;
  const char *path;

  if (document == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Report as PDF"), GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  {
    const char *codes[] = { "en", "tr", NULL };
    const char *languages[] = { _("English"), _("Turkish"), NULL };
    const char *papers[] = { "a4", "a3", NULL };
    const char *paper_labels[] = { "A4", "A3", NULL };

    /* The report's language, whatever the window speaks, and its paper. */
    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "language", _("Language"), codes,
                                 languages);
    gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "language",
                                 ekv_language_to_code (ekv_language_get_ui ()));
    gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "paper", _("Paper"), papers,
                                 paper_labels);
    gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "paper", "a4");
  }

  path = ekv_document_get_path (document);
  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *stem = g_strndup (base, strlen (base)
                                               - (g_str_has_suffix (base, ".ekv") ? 4 : 0));
      /* Translators: the suggested file name of the report; %s is the audit's file name */
      g_autofree char *suggested = g_strdup_printf (_("%s report.pdf"), stem);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Report.pdf"));

  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), window,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
