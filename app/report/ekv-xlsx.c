/* ekv-xlsx.c: an audit written as an Excel workbook that stays live
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The whole write runs in the requested language (a per-thread scope) with the
 * thread's LC_NUMERIC at "C": Debian's libxlsxwriter prints numbers with
 * printf, which under a Turkish locale writes "200,5" into the XML. The
 * workbook goes to a temporary file beside the target, renamed over it only
 * when complete.
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

#include "ekv-util.h"
#include "ekv-xlsx-private.h"

G_DEFINE_QUARK (ekv-xlsx-error-quark, ekv_xlsx_error)

typedef gboolean (*SheetWriter) (EkvXlsx  *self,
                                 GError  **error);

/* In workbook order (the Summary tab is made first and written last, when the
 * cells it refers to are known); the weight is the share of the progress, as
 * measured on 10 000 flows (tests/bench-xlsx.c): the pictures and the zip take
 * most of the time, the cells little. */
static const struct
{
  SheetWriter write;
  double      weight;
} writers[] = {
  { ekv_xlsx_write_company, 0.01 },
  { ekv_xlsx_write_units, 0.01 },
  { ekv_xlsx_write_inventory, 0.10 },
  { ekv_xlsx_write_balances, 0.02 },
  { ekv_xlsx_write_energy, 0.01 },
  { ekv_xlsx_write_bills, 0.01 },
  { ekv_xlsx_write_options, 0.03 },
  { ekv_xlsx_write_macc, 0.03 },
  { ekv_xlsx_write_actions, 0.01 },
  { ekv_xlsx_write_kpis, 0.01 },
  { ekv_xlsx_write_sankey, 0.50 },
  { ekv_xlsx_write_summary, 0.01 },
};
#define CLOSE_WEIGHT 0.25   /* workbook_close(): the XML and the zip */

static lxw_format *
add_format (lxw_workbook *workbook,
            const char   *num_format,
            gboolean      bold)
{
  lxw_format *format = workbook_add_format (workbook);

  if (num_format != NULL)
    format_set_num_format (format, num_format);
  if (bold)
    format_set_bold (format);
  return format;
}

static void
add_formats (EkvXlsx *self)
{
  lxw_workbook *wb = self->workbook;

  self->f_header = add_format (wb, NULL, TRUE);
  format_set_text_wrap (self->f_header);
  format_set_align (self->f_header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (self->f_header, 0xDDEBF7);
  format_set_bottom (self->f_header, LXW_BORDER_THIN);
  self->f_title = add_format (wb, NULL, TRUE);
  format_set_font_size (self->f_title, 14);
  self->f_bold = add_format (wb, NULL, TRUE);
  self->f_text = add_format (wb, "@", FALSE);
  self->f_wrap = add_format (wb, NULL, FALSE);
  format_set_text_wrap (self->f_wrap);
  format_set_align (self->f_wrap, LXW_ALIGN_VERTICAL_TOP);
  self->f_number = add_format (wb, "#,##0.00", FALSE);
  self->f_integer = add_format (wb, "#,##0", FALSE);
  self->f_precise = add_format (wb, "0.0######", FALSE);
  self->f_percent = add_format (wb, "0.00\" %\"", FALSE);
  self->f_fraction_percent = add_format (wb, "0.00%", FALSE);
  self->f_money = add_format (wb, "#,##0.00", FALSE);
  self->f_date = add_format (wb, "yyyy-mm-dd", FALSE);
  self->f_total = add_format (wb, "#,##0.00", TRUE);
  /* Inputs stand out, as spreadsheet users expect: change these, not the formulas. */
  self->f_input = add_format (wb, "#,##0.00", FALSE);
  format_set_bg_color (self->f_input, 0xFFF2CC);
  self->f_input_precise = add_format (wb, "0.0######", FALSE);
  format_set_bg_color (self->f_input_precise, 0xFFF2CC);
  self->f_status_warn = workbook_add_format (wb);
  format_set_bg_color (self->f_status_warn, 0xFFE699);
  self->f_status_error = workbook_add_format (wb);
  format_set_bg_color (self->f_status_error, 0xF8CBAD);
}

/* Header and footer codes: '&' starts one, so a firm "A&B" needs "&&". */
static char *
escape_header (const char *text)
{
  GString *out = g_string_new (NULL);
  glong n = 0;

  for (const char *p = text != NULL ? text : ""; *p != '\0' && n < 80;
       p = g_utf8_next_char (p), n++)
    {
      if (*p == '&')
        g_string_append_c (out, '&');
      g_string_append_unichar (out, g_utf8_get_char (p));
    }
  return g_string_free (out, FALSE);
}

static void
set_properties (EkvXlsx *self)
{
  EkvRecord *audit = ekv_document_get_audit (self->document);
  const char *title = ekv_record_get_string (audit, EKV_AUDIT_TITLE);
  g_autofree char *doc_title = NULL;
  lxw_doc_properties properties = { 0 };

  /* Translators: the workbook's title in its document properties; %s is the firm */
  doc_title = g_strdup_printf (_("Cleaner production audit: %s"), self->firm);
  properties.title = doc_title;
  properties.subject = (char *) (title != NULL && *title != '\0' ? title : doc_title);
  properties.company = (char *) self->firm;
  properties.author = (char *) "Ekoverim " PACKAGE_VERSION;
  properties.category = (char *) _("Cleaner production audit");
  properties.keywords = (char *) _("cleaner production, resource efficiency, audit");
  properties.comments = (char *) _("Inputs are in cells; balances, savings, NPV and IRR are "
                                   "formulas over them. Change an input and they recompute.");
  properties.created = time (NULL);
  workbook_set_properties (self->workbook, &properties);
}

/* A libxlsxwriter failure as a translated sentence naming the file. */
static gboolean
set_lxw_error (GError    **error,
               const char *path,
               lxw_error   rc)
{
  g_autofree char *display = g_filename_display_name (path);
  gboolean write = rc == LXW_ERROR_CREATING_XLSX_FILE || rc == LXW_ERROR_CREATING_TMPFILE
                   || rc == LXW_ERROR_READING_TMPFILE || rc == LXW_ERROR_ZIP_FILE_OPERATION
                   || rc == LXW_ERROR_ZIP_FILE_ADD || rc == LXW_ERROR_ZIP_CLOSE
                   || rc == LXW_ERROR_MEMORY_MALLOC_FAILED;

  g_set_error (error, EKV_XLSX_ERROR, write ? EKV_XLSX_ERROR_WRITE : EKV_XLSX_ERROR_FAILED,
               /* Translators: %s is a file name, then libxlsxwriter's reason (English) */
               _("Could not write the workbook “%s”: %s"), display, lxw_strerror (rc));
  return FALSE;
}

static void
clear_context (EkvXlsx *self)
{
  g_clear_pointer (&self->balance, ekv_balance_free);
  g_clear_pointer (&self->options, ekv_options_free);
  g_clear_pointer (&self->sheets, g_ptr_array_unref);
  g_clear_pointer (&self->keep, g_ptr_array_unref);
  g_clear_pointer (&self->key_figures, g_ptr_array_unref);
  g_clear_pointer (&self->price_names, g_hash_table_unref);
  g_clear_pointer (&self->price_name_set, g_hash_table_unref);
  g_clear_pointer (&self->flow_rows, g_hash_table_unref);
  g_clear_pointer (&self->batches_refs, g_hash_table_unref);
  g_clear_pointer (&self->factors, g_ptr_array_unref);
  g_clear_pointer (&self->production_ref, g_free);
  g_clear_pointer (&self->days_ref, g_free);
  g_clear_pointer (&self->shifts_ref, g_free);
  g_clear_pointer (&self->hours_ref, g_free);
  g_clear_pointer (&self->header, g_free);
  g_clear_pointer (&self->footer, g_free);
}

/* Writes the workbook to TMP_PATH (which exists, empty). */
static gboolean
write_workbook (EkvXlsx     *self,
                const char  *tmp_path,
                const char  *path,
                GError     **error)
{
  g_autofree char *firm_escaped = NULL;
  lxw_error rc;
  double done = 0;

  self->balance = ekv_balance_compute (self->document);
  self->options = ekv_options_compute (self->document, self->balance);
  self->firm = ekv_record_get_string (ekv_document_get_company (self->document), EKV_COMPANY_NAME);
  if (self->firm == NULL)
    self->firm = "";
  self->currency = ekv_record_get_string (ekv_document_get_finance (self->document),
                                          EKV_FINANCE_CURRENCY);
  if (self->currency == NULL)
    self->currency = "";
  self->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) _ekv_xlsx_sheet_free);
  self->keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  self->key_figures = g_ptr_array_new_with_free_func ((GDestroyNotify) _ekv_xlsx_figure_free);
  self->price_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->price_name_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->flow_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->batches_refs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->factors = g_ptr_array_new_with_free_func ((GDestroyNotify) _ekv_xlsx_factor_free);

  firm_escaped = escape_header (self->firm);
  self->header = g_strdup_printf ("&L%s&R&A", firm_escaped);
  /* Translators: the page footer of every sheet; &P is the page number and &N the
   * number of pages (Excel's codes: keep them as they are) */
  self->footer = g_strdup_printf ("&L%s&R%s", "Ekoverim", _("Page &P of &N"));

  /* Cells stay in memory until workbook_close() (10 000 flows: a few tens of MB). */
  self->workbook = workbook_new (tmp_path);
  if (self->workbook == NULL)
    return set_lxw_error (error, path, LXW_ERROR_MEMORY_MALLOC_FAILED);

  add_formats (self);
  set_properties (self);
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  self->summary = ekv_xlsx_add_sheet (self, _("Summary"));

  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      self->progress_base = done;
      self->progress_span = writers[i].weight;
      if (!ekv_xlsx_step (self, 0, error) || !writers[i].write (self, error))
        {
          lxw_workbook_free (self->workbook);
          self->workbook = NULL;
          return FALSE;
        }
      done += writers[i].weight;
    }
  worksheet_activate (self->summary->sheet);

  self->progress_base = done;
  self->progress_span = CLOSE_WEIGHT;
  if (!ekv_xlsx_step (self, 0, error))
    {
      lxw_workbook_free (self->workbook);
      self->workbook = NULL;
      return FALSE;
    }
  /* workbook_close() frees the workbook whatever happens. */
  rc = workbook_close (g_steal_pointer (&self->workbook));
  if (rc != LXW_NO_ERROR)
    return set_lxw_error (error, path, rc);
  return ekv_xlsx_step (self, 1, error);
}

gboolean
ekv_xlsx_export (EkvDocument         *document,
                 const char          *path,
                 EkvLanguage          language,
                 EkvXlsxProgressFunc  progress,
                 gpointer             user_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(EkvLanguageScope) scope = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *display = NULL;
  EkvXlsx self = { 0 };
  locale_t numeric;
  gboolean ok;
  int fd;
  int saved_errno;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  scope = ekv_language_scope_enter (language, error);
  if (scope == NULL)
    return FALSE;

  display = g_filename_display_name (path);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, EKV_XLSX_ERROR, EKV_XLSX_ERROR_WRITE,
                   /* Translators: %s is a file name */
                   _("Could not write the workbook “%s”: it is a folder"), display);
      return FALSE;
    }

  /* Beside the target, so the rename stays within one file system. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp_path, O_RDWR, 0644);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, EKV_XLSX_ERROR, EKV_XLSX_ERROR_WRITE,
                   /* Translators: %s is a file name, then the system's reason */
                   _("Could not write the workbook “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  self.document = document;
  self.language = language;
  self.progress = progress;
  self.progress_data = user_data;
  self.cancellable = cancellable;

  numeric = ekv_c_numeric_begin ();
  ok = write_workbook (&self, tmp_path, path, error);
  ekv_c_numeric_end (numeric);
  clear_context (&self);

  if (ok && g_rename (tmp_path, path) != 0)
    {
      saved_errno = errno;
      g_set_error (error, EKV_XLSX_ERROR, EKV_XLSX_ERROR_WRITE,
                   _("Could not write the workbook “%s”: %s"), display, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp_path);
  return ok;
}

/* ------------------------------------------------------------------------ */
/* Summary                                                                  */

gboolean
ekv_xlsx_write_summary (EkvXlsx  *self,
                        GError  **error)
{
  EkvXlsxSheet *sheet = self->summary;
  EkvRecord *audit = ekv_document_get_audit (self->document);
  lxw_row_t row = 0;

  ekv_xlsx_note (sheet, row++, 0, _("Cleaner production audit"), self->f_title);
  row++;
  ekv_xlsx_text (sheet, row, 0, _("Firm"), self->f_bold);
  ekv_xlsx_text (sheet, row++, 1, self->firm, NULL);
  ekv_xlsx_text (sheet, row, 0, ekv_xlsx_field_label (EKV_ENTITY_AUDIT, EKV_AUDIT_TITLE),
                 self->f_bold);
  ekv_xlsx_field (self, sheet, row++, 1, audit, EKV_AUDIT_TITLE);
  ekv_xlsx_text (sheet, row, 0, ekv_xlsx_field_label (EKV_ENTITY_AUDIT, EKV_AUDIT_START),
                 self->f_bold);
  ekv_xlsx_field (self, sheet, row++, 1, audit, EKV_AUDIT_START);
  ekv_xlsx_text (sheet, row, 0, ekv_xlsx_field_label (EKV_ENTITY_AUDIT, EKV_AUDIT_END),
                 self->f_bold);
  ekv_xlsx_field (self, sheet, row++, 1, audit, EKV_AUDIT_END);
  ekv_xlsx_text (sheet, row, 0, _("Currency"), self->f_bold);
  ekv_xlsx_text (sheet, row++, 1, self->currency, NULL);
  ekv_xlsx_text (sheet, row, 0, _("Written by"), self->f_bold);
  ekv_xlsx_text (sheet, row++, 1, "Ekoverim " PACKAGE_VERSION, NULL);
  row++;
  ekv_xlsx_note (sheet, row++, 0, _("Figures are formulas over the other sheets: change an "
                                    "input there (a quantity, a price, an investment, an energy "
                                    "factor) and they recompute."),
                 NULL);
  ekv_xlsx_note (sheet, row, 0, _("Inputs have this background."), NULL);
  worksheet_write_blank (sheet->sheet, row++, 1, self->f_input);
  row++;

  for (guint i = 0; i < self->key_figures->len; i++)
    {
      const EkvXlsxFigure *figure = g_ptr_array_index (self->key_figures, i);
      g_autofree char *formula = NULL;

      if (figure->heading)
        {
          row++;
          ekv_xlsx_note (sheet, row++, 0, figure->label, self->f_title);
          continue;
        }
      /* An input left empty (no production figure) stays empty, not 0. */
      formula = g_strdup_printf ("=IF(%s=\"\",\"\",%s)", figure->ref, figure->ref);
      ekv_xlsx_text (sheet, row, 0, figure->label, NULL);
      ekv_xlsx_formula (sheet, row++, 1, formula, figure->value, figure->format);
    }

  ekv_xlsx_fit_columns (sheet);
  /* The sentence above is long: let it overflow rather than widen column A. */
  worksheet_set_column (sheet->sheet, 0, 0, 44, NULL);
  worksheet_set_column (sheet->sheet, 1, 1, 22, NULL);
  return ekv_xlsx_step (self, 1, error);
}
