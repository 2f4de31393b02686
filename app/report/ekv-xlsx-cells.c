/* ekv-xlsx-cells.c: cells, references and sheets of the workbook
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Every cell goes through here: text always as text (worksheet_write_string,
 * never a guess from its first character), numbers and formulas with their
 * computed values, and the widest text per column so the columns fit.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-labels.h"
#include "ekv-util.h"
#include "ekv-xlsx-private.h"

#define MAX_CELL_TEXT 32767 /* bytes libxlsxwriter accepts in a cell */
#define MAX_WIDTH 60.0
#define MIN_WIDTH 6.0
#define NUMBER_WIDTH 14.0

static void
widen (EkvXlsxSheet *sheet,
       lxw_col_t     col,
       double        width)
{
  if (sheet->widths->len <= col)
    g_array_set_size (sheet->widths, col + 1);
  if (g_array_index (sheet->widths, double, col) < width)
    g_array_index (sheet->widths, double, col) = width;
}

void
ekv_xlsx_text (EkvXlsxSheet *sheet,
               lxw_row_t     row,
               lxw_col_t     col,
               const char   *text,
               lxw_format   *format)
{
  g_autofree char *cut = NULL;
  const char *newline;
  glong chars;

  if (text == NULL || *text == '\0')
    return;
  if (strlen (text) > MAX_CELL_TEXT)
    {
      const char *end = g_utf8_find_prev_char (text, text + MAX_CELL_TEXT);

      cut = g_strndup (text, end - text);
      text = cut;
    }
  worksheet_write_string (sheet->sheet, row, col, text, format);

  /* The first line decides the width; long notes wrap at the maximum. */
  newline = strchr (text, '\n');
  chars = newline != NULL ? g_utf8_strlen (text, newline - text) : g_utf8_strlen (text, -1);
  widen (sheet, col, chars * 1.1 + 1);
}

void
ekv_xlsx_note (EkvXlsxSheet *sheet,
               lxw_row_t     row,
               lxw_col_t     col,
               const char   *text,
               lxw_format   *format)
{
  /* Titles and sentences overflow into the empty cells beside them. */
  if (text != NULL && *text != '\0')
    worksheet_write_string (sheet->sheet, row, col, text, format);
}

void
ekv_xlsx_number (EkvXlsxSheet *sheet,
                 lxw_row_t     row,
                 lxw_col_t     col,
                 double        value,
                 lxw_format   *format)
{
  if (!isfinite (value))
    return;
  worksheet_write_number (sheet->sheet, row, col, value, format);
  widen (sheet, col, NUMBER_WIDTH);
}

void
ekv_xlsx_formula (EkvXlsxSheet *sheet,
                  lxw_row_t     row,
                  lxw_col_t     col,
                  const char   *formula,
                  double        value,
                  lxw_format   *format)
{
  if (isfinite (value))
    worksheet_write_formula_num (sheet->sheet, row, col, formula, format, value);
  else
    worksheet_write_formula_str (sheet->sheet, row, col, formula, format, "");
  widen (sheet, col, NUMBER_WIDTH);
}

void
ekv_xlsx_header_row (EkvXlsx       *self,
                     EkvXlsxSheet  *sheet,
                     lxw_row_t      row,
                     const char   **headers,
                     guint          n_headers)
{
  for (guint i = 0; i < n_headers; i++)
    {
      worksheet_write_string (sheet->sheet, row, i, headers[i], self->f_header);
      /* Headers wrap onto two lines rather than widen a column of numbers. */
      widen (sheet, i, MIN (g_utf8_strlen (headers[i], -1) * 0.6 + 3, 24));
    }
  worksheet_set_row (sheet->sheet, row, 32, NULL);
}

const char *
ekv_xlsx_field_label (EkvEntityKind kind,
                      guint         field)
{
  return g_dgettext (GETTEXT_PACKAGE, ekv_entity_get_field (kind, field)->label);
}

void
ekv_xlsx_field (EkvXlsx      *self,
                EkvXlsxSheet *sheet,
                lxw_row_t     row,
                lxw_col_t     col,
                EkvRecord    *record,
                guint         field)
{
  const EkvField *desc = ekv_entity_get_field (ekv_record_get_kind (record), field);

  if (!ekv_record_is_set (record, field) && desc->type != EKV_FIELD_ENUM
      && desc->type != EKV_FIELD_BOOL)
    return;

  switch (desc->type)
    {
    case EKV_FIELD_DOUBLE:
      ekv_xlsx_number (sheet, row, col, ekv_record_get_double (record, field), self->f_number);
      break;
    case EKV_FIELD_INT:
      ekv_xlsx_number (sheet, row, col, ekv_record_get_int (record, field), self->f_integer);
      break;
    case EKV_FIELD_BOOL:
      ekv_xlsx_text (sheet, row, col, ekv_record_get_bool (record, field) ? _("Yes") : _("No"),
                     NULL);
      break;
    case EKV_FIELD_ENUM:
      ekv_xlsx_text (sheet, row, col,
                     ekv_enum_get_label (desc->enum_type (), ekv_record_get_enum (record, field)),
                     NULL);
      break;
    case EKV_FIELD_STRING:
      ekv_xlsx_text (sheet, row, col, ekv_record_get_string (record, field),
                     (desc->flags & EKV_FIELD_FLAG_MULTILINE) ? self->f_wrap : NULL);
      break;
    case EKV_FIELD_DATE:
      {
        const char *text = ekv_record_get_string (record, field);
        lxw_datetime date = { 0 };

        if (text != NULL && sscanf (text, "%4d-%2hhu-%2hhu", &date.year,
                                    (unsigned char *) &date.month,
                                    (unsigned char *) &date.day) == 3)
          {
            worksheet_write_datetime (sheet->sheet, row, col, &date, self->f_date);
            widen (sheet, col, 12);
          }
        else
          ekv_xlsx_text (sheet, row, col, text, NULL);
      }
      break;
    case EKV_FIELD_MONTH:
    case EKV_FIELD_ID:
    case EKV_FIELD_REF:
    case EKV_FIELD_CURRENCY:
    default:
      ekv_xlsx_text (sheet, row, col, ekv_record_get_string (record, field), NULL);
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* References                                                               */

static void
append_column (GString   *out,
               lxw_col_t  col)
{
  char name[8];
  int n = 0;

  col++;
  while (col > 0)
    {
      name[n++] = 'A' + (col - 1) % 26;
      col = (col - 1) / 26;
    }
  while (n > 0)
    g_string_append_c (out, name[--n]);
}

static void
append_sheet (GString      *out,
              EkvXlsxSheet *sheet)
{
  if (sheet != NULL)
    {
      g_string_append (out, sheet->quoted);
      g_string_append_c (out, '!');
    }
}

char *
ekv_xlsx_ref (EkvXlsxSheet *sheet,
              lxw_row_t     row,
              lxw_col_t     col,
              gboolean      absolute)
{
  GString *out = g_string_new (NULL);

  append_sheet (out, sheet);
  if (absolute)
    g_string_append_c (out, '$');
  append_column (out, col);
  g_string_append_printf (out, absolute ? "$%u" : "%u", (unsigned) row + 1);
  return g_string_free (out, FALSE);
}

char *
ekv_xlsx_range (EkvXlsxSheet *sheet,
                lxw_row_t     first_row,
                lxw_row_t     last_row,
                lxw_col_t     col)
{
  GString *out = g_string_new (NULL);

  append_sheet (out, sheet);
  g_string_append_c (out, '$');
  append_column (out, col);
  g_string_append_printf (out, "$%u:$", (unsigned) first_row + 1);
  append_column (out, col);
  g_string_append_printf (out, "$%u", (unsigned) last_row + 1);
  return g_string_free (out, FALSE);
}

char *
ekv_xlsx_formula_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Shortest round trip, '.' whatever the locale. */
  g_ascii_dtostr (buffer, sizeof buffer, value);
  if (value < 0)
    return g_strdup_printf ("(%s)", buffer);
  return g_strdup (buffer);
}

char *
ekv_xlsx_formula_text (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------ */
/* Sheets                                                                   */

static void
sheet_free (EkvXlsxSheet *sheet)
{
  g_free (sheet->name);
  g_free (sheet->quoted);
  g_array_unref (sheet->widths);
  g_free (sheet);
}

/* Excel forbids []:*?/\ in sheet names and more than 31 characters. */
static char *
clean_sheet_name (const char *name)
{
  GString *out = g_string_new (NULL);
  glong n = 0;

  for (const char *p = name; *p != '\0' && n < 31; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) c) != NULL && c < 128)
        c = '-';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
ekv_xlsx_quote_sheet_name (const char *name)
{
  g_autofree char *clean = clean_sheet_name (name);
  GString *quoted = g_string_new ("'");

  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (quoted, '\'');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '\'');
  return g_string_free (quoted, FALSE);
}

EkvXlsxSheet *
ekv_xlsx_add_sheet (EkvXlsx    *self,
                    const char *name)
{
  EkvXlsxSheet *sheet = g_new0 (EkvXlsxSheet, 1);

  sheet->name = clean_sheet_name (name);
  sheet->quoted = ekv_xlsx_quote_sheet_name (name);
  sheet->widths = g_array_new (FALSE, TRUE, sizeof (double));
  sheet->sheet = workbook_add_worksheet (self->workbook, sheet->name);
  g_ptr_array_add (self->sheets, sheet);

  /* Print set-up: landscape, as wide as one page, firm and page numbers. */
  worksheet_set_landscape (sheet->sheet);
  worksheet_set_paper (sheet->sheet, 9);   /* A4 */
  worksheet_fit_to_pages (sheet->sheet, 1, 0);
  worksheet_set_header (sheet->sheet, self->header);
  worksheet_set_footer (sheet->sheet, self->footer);
  return sheet;
}

void
ekv_xlsx_fit_columns (EkvXlsxSheet *sheet)
{
  for (guint i = 0; i < sheet->widths->len; i++)
    {
      double width = g_array_index (sheet->widths, double, i);

      worksheet_set_column (sheet->sheet, i, i, CLAMP (width, MIN_WIDTH, MAX_WIDTH), NULL);
    }
}

void
ekv_xlsx_finish_table (EkvXlsx      *self,
                       EkvXlsxSheet *sheet,
                       lxw_row_t     header_row,
                       lxw_row_t     last_row,
                       lxw_col_t     last_col)
{
  ekv_xlsx_fit_columns (sheet);
  worksheet_freeze_panes (sheet->sheet, header_row + 1, 0);
  worksheet_repeat_rows (sheet->sheet, header_row, header_row);
  if (last_row > header_row)
    worksheet_autofilter (sheet->sheet, header_row, 0, last_row, last_col);
}

void
ekv_xlsx_add_figure (EkvXlsx      *self,
                     const char   *label,
                     EkvXlsxSheet *sheet,
                     lxw_row_t     row,
                     lxw_col_t     col,
                     double        value,
                     lxw_format   *format)
{
  EkvXlsxFigure *figure = g_new0 (EkvXlsxFigure, 1);

  figure->label = g_strdup (label);
  figure->ref = ekv_xlsx_ref (sheet, row, col, TRUE);
  figure->value = value;
  figure->format = format;
  g_ptr_array_add (self->key_figures, figure);
}

void
ekv_xlsx_add_heading (EkvXlsx    *self,
                      const char *label)
{
  EkvXlsxFigure *figure = g_new0 (EkvXlsxFigure, 1);

  figure->label = g_strdup (label);
  figure->heading = TRUE;
  g_ptr_array_add (self->key_figures, figure);
}

void
_ekv_xlsx_sheet_free (EkvXlsxSheet *sheet)
{
  sheet_free (sheet);
}

void
_ekv_xlsx_figure_free (EkvXlsxFigure *figure)
{
  g_free (figure->label);
  g_free (figure->ref);
  g_free (figure);
}

gboolean
ekv_xlsx_step (EkvXlsx  *self,
               double    fraction,
               GError  **error)
{
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return FALSE;
  if (self->progress != NULL)
    self->progress (self->progress_base + self->progress_span * CLAMP (fraction, 0, 1),
                    self->progress_data);
  return TRUE;
}
