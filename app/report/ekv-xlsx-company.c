/* ekv-xlsx-company.c: the Company and team, Units and Action plan sheets
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Plain records, every field in a column headed by its translated label.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-xlsx-private.h"

/* A table of every record of LIST, every field of KIND, from ROW on; returns
 * the last row written (ROW, the header, when the list is empty). */
static lxw_row_t
write_records (EkvXlsx       *self,
               EkvXlsxSheet  *sheet,
               lxw_row_t      row,
               EkvEntityKind  kind,
               GListModel    *list)
{
  const EkvEntity *entity = ekv_entity_get (kind);
  g_autofree const char **headers = g_new0 (const char *, entity->n_fields);
  guint n = list != NULL ? g_list_model_get_n_items (list) : 0;

  for (guint f = 0; f < entity->n_fields; f++)
    headers[f] = ekv_xlsx_field_label (kind, f);
  ekv_xlsx_header_row (self, sheet, row, headers, entity->n_fields);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) record = g_list_model_get_item (list, i);

      row++;
      for (guint f = 0; f < entity->n_fields; f++)
        ekv_xlsx_field (self, sheet, row, f, record, f);
    }
  return row;
}

gboolean
ekv_xlsx_write_company (EkvXlsx  *self,
                        GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("Company and team"));
  EkvRecord *company = ekv_document_get_company (self->document);
  EkvRecord *audit = ekv_document_get_audit (self->document);
  EkvRecord *finance = ekv_document_get_finance (self->document);
  GListModel *certifications;
  lxw_row_t row = 0;

  ekv_xlsx_text (sheet, row++, 0, _("Company"), self->f_title);
  for (guint f = 0; f < EKV_COMPANY_N_FIELDS; f++)
    {
      char **calendar_ref = f == EKV_COMPANY_DAYS_PER_YEAR ? &self->days_ref
                            : f == EKV_COMPANY_SHIFTS_PER_DAY ? &self->shifts_ref
                            : f == EKV_COMPANY_HOURS_PER_DAY ? &self->hours_ref : NULL;

      ekv_xlsx_text (sheet, row, 0, ekv_xlsx_field_label (EKV_ENTITY_COMPANY, f), self->f_bold);
      if (calendar_ref != NULL)
        {
          /* The working calendar, defaults included: the flows' periods per year use it. */
          ekv_xlsx_number (sheet, row, 1, ekv_record_get_double (company, f), self->f_input);
          *calendar_ref = ekv_xlsx_ref (sheet, row, 1, TRUE);
        }
      else
        ekv_xlsx_field (self, sheet, row, 1, company, f);
      row++;
    }
  certifications = ekv_document_get_list (self->document, EKV_ENTITY_CERTIFICATION);
  for (guint i = 0; certifications != NULL && i < g_list_model_get_n_items (certifications); i++)
    {
      g_autoptr(EkvRecord) certification = g_list_model_get_item (certifications, i);

      if (i == 0)
        ekv_xlsx_text (sheet, row, 0, _("Certifications"), self->f_bold);
      ekv_xlsx_field (self, sheet, row++, 1, certification, EKV_CERTIFICATION_NAME);
    }

  row++;
  ekv_xlsx_text (sheet, row++, 0, _("Audit"), self->f_title);
  for (guint f = 0; f < EKV_AUDIT_N_FIELDS; f++)
    {
      ekv_xlsx_text (sheet, row, 0, ekv_xlsx_field_label (EKV_ENTITY_AUDIT, f), self->f_bold);
      ekv_xlsx_field (self, sheet, row++, 1, audit, f);
    }
  for (guint f = 0; f < EKV_FINANCE_N_FIELDS; f++)
    {
      ekv_xlsx_text (sheet, row, 0, ekv_xlsx_field_label (EKV_ENTITY_FINANCE, f), self->f_bold);
      ekv_xlsx_field (self, sheet, row++, 1, finance, f);
    }

  row++;
  ekv_xlsx_text (sheet, row++, 0, _("Products"), self->f_title);
  {
    GListModel *products = ekv_document_get_list (self->document, EKV_ENTITY_PRODUCT);
    EkvRecord *denominator = self->balance->plant.product;
    lxw_row_t header = row;

    row = write_records (self, sheet, row, EKV_ENTITY_PRODUCT, products) + 2;
    /* The production denominator's quantity is an input: the Balances sheet's
     * production (and every indicator per tonne) is a formula over it. */
    for (guint i = 0; denominator != NULL && i < g_list_model_get_n_items (products); i++)
      {
        g_autoptr(EkvRecord) product = g_list_model_get_item (products, i);

        if (product != denominator || !ekv_record_is_set (product, EKV_PRODUCT_QUANTITY))
          continue;
        ekv_xlsx_number (sheet, header + 1 + i, EKV_PRODUCT_QUANTITY,
                         ekv_record_get_double (product, EKV_PRODUCT_QUANTITY), self->f_input);
        self->production_ref = ekv_xlsx_ref (sheet, header + 1 + i, EKV_PRODUCT_QUANTITY, TRUE);
        break;
      }
  }
  ekv_xlsx_text (sheet, row++, 0, _("Audit team"), self->f_title);
  row = write_records (self, sheet, row, EKV_ENTITY_TEAM_MEMBER,
                       ekv_document_get_list (self->document, EKV_ENTITY_TEAM_MEMBER)) + 2;
  ekv_xlsx_text (sheet, row++, 0, _("Objectives"), self->f_title);
  write_records (self, sheet, row, EKV_ENTITY_OBJECTIVE,
                 ekv_document_get_list (self->document, EKV_ENTITY_OBJECTIVE));

  ekv_xlsx_fit_columns (sheet);
  return ekv_xlsx_step (self, 1, error);
}

gboolean
ekv_xlsx_write_units (EkvXlsx  *self,
                      GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("Units"));
  lxw_row_t last;

  GListModel *units = ekv_document_get_list (self->document, EKV_ENTITY_UNIT_OPERATION);

  last = write_records (self, sheet, 0, EKV_ENTITY_UNIT_OPERATION, units);
  /* Batches per year, where set, are inputs: flows per batch count through them. */
  for (guint i = 0; i < g_list_model_get_n_items (units); i++)
    {
      g_autoptr(EkvRecord) unit = g_list_model_get_item (units, i);

      if (!ekv_record_is_set (unit, EKV_UNIT_OPERATION_BATCHES_PER_YEAR))
        continue;
      ekv_xlsx_number (sheet, i + 1, EKV_UNIT_OPERATION_BATCHES_PER_YEAR,
                       ekv_record_get_double (unit, EKV_UNIT_OPERATION_BATCHES_PER_YEAR),
                       self->f_input);
      g_hash_table_insert (self->batches_refs,
                           (gpointer) ekv_record_get_string (unit, EKV_UNIT_OPERATION_ID),
                           ekv_xlsx_ref (sheet, i + 1, EKV_UNIT_OPERATION_BATCHES_PER_YEAR, TRUE));
    }
  ekv_xlsx_finish_table (self, sheet, 0, last, EKV_UNIT_OPERATION_N_FIELDS - 1);
  return ekv_xlsx_step (self, 1, error);
}

gboolean
ekv_xlsx_write_actions (EkvXlsx  *self,
                        GError  **error)
{
  /* Translators: a sheet name of the workbook (at most 31 characters) */
  EkvXlsxSheet *sheet = ekv_xlsx_add_sheet (self, _("Action plan"));
  GListModel *list = ekv_document_get_list (self->document, EKV_ENTITY_ACTION);
  guint n = list != NULL ? g_list_model_get_n_items (list) : 0;
  const char *headers[EKV_ACTION_N_FIELDS + 1];
  g_autofree char *budget_header = NULL;
  lxw_row_t row = 0;

  /* The option's id, then its title: a plan is read by title. */
  headers[0] = ekv_xlsx_field_label (EKV_ENTITY_ACTION, EKV_ACTION_OPTION);
  /* Translators: a column header: the title of the option an action implements */
  headers[1] = _("Option title");
  for (guint f = 1; f < EKV_ACTION_N_FIELDS; f++)
    headers[f + 1] = ekv_xlsx_field_label (EKV_ENTITY_ACTION, f);
  if (g_strcmp0 (self->currency, "") != 0)
    {
      /* Translators: a column header; %s is the currency code */
      budget_header = g_strdup_printf (_("Budget (%s)"), self->currency);
      headers[EKV_ACTION_BUDGET + 1] = budget_header;
    }
  ekv_xlsx_header_row (self, sheet, row, headers, G_N_ELEMENTS (headers));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) action = g_list_model_get_item (list, i);
      EkvRecord *option = ekv_document_find (self->document, EKV_ENTITY_OPTION,
                                             ekv_record_get_string (action, EKV_ACTION_OPTION));

      row++;
      ekv_xlsx_field (self, sheet, row, 0, action, EKV_ACTION_OPTION);
      if (option != NULL)
        ekv_xlsx_field (self, sheet, row, 1, option, EKV_OPTION_TITLE);
      for (guint f = 1; f < EKV_ACTION_N_FIELDS; f++)
        ekv_xlsx_field (self, sheet, row, f + 1, action, f);
    }
  if (n > 0)
    {
      g_autofree char *range = ekv_xlsx_range (NULL, 1, row, EKV_ACTION_BUDGET + 1);
      g_autofree char *formula = g_strdup_printf ("=SUM(%s)", range);
      double total = 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EkvRecord) action = g_list_model_get_item (list, i);

          if (ekv_record_is_set (action, EKV_ACTION_BUDGET))
            total += ekv_record_get_double (action, EKV_ACTION_BUDGET);
        }
      ekv_xlsx_text (sheet, row + 1, 0, _("Total"), self->f_bold);
      ekv_xlsx_formula (sheet, row + 1, EKV_ACTION_BUDGET + 1, formula, total, self->f_total);
    }
  ekv_xlsx_finish_table (self, sheet, 0, row, EKV_ACTION_N_FIELDS);
  return ekv_xlsx_step (self, 1, error);
}
