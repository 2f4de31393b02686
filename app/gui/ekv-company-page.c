/* ekv-company-page.c: the firm's profile (phase II, pre-assessment)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-company-page.h"
#include "ekv-gui-util.h"
#include "ekv-record-list.h"

struct _EkvCompanyPage
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  EkvFieldRow        *name_row;
  EkvFieldRow        *employees_row;
  EkvFieldRow        *turnover_row;
  EkvFieldRow        *labour_cost_row;
  GtkWidget          *contact_group;
  GtkWidget          *operation_group;
  GtkWidget          *period_group;
  EkvRecordList      *products_list;
  EkvRecordList      *certifications_list;

  /* Owned references */
  EkvDocument        *document;
};

G_DEFINE_FINAL_TYPE (EkvCompanyPage, ekv_company_page, ADW_TYPE_PREFERENCES_PAGE)

static void
ekv_company_page_dispose (GObject *object)
{
  EkvCompanyPage *self = EKV_COMPANY_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EKV_TYPE_COMPANY_PAGE);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_company_page_parent_class)->dispose (object);
}

static void
ekv_company_page_class_init (EkvCompanyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_company_page_dispose;

  g_type_ensure (EKV_TYPE_FIELD_ROW);
  g_type_ensure (EKV_TYPE_RECORD_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-company-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkvCompanyPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, EkvCompanyPage, employees_row);
  gtk_widget_class_bind_template_child (widget_class, EkvCompanyPage, turnover_row);
  gtk_widget_class_bind_template_child (widget_class, EkvCompanyPage, labour_cost_row);
  gtk_widget_class_bind_template_child (widget_class, EkvCompanyPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, EkvCompanyPage, operation_group);
  gtk_widget_class_bind_template_child (widget_class, EkvCompanyPage, period_group);
  gtk_widget_class_bind_template_child (widget_class, EkvCompanyPage, products_list);
  gtk_widget_class_bind_template_child (widget_class, EkvCompanyPage, certifications_list);
}

static void
ekv_company_page_init (EkvCompanyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ekv_company_page_new (EkvDocument *document)
{
  EkvCompanyPage *self;
  EkvRecord *finance;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_COMPANY_PAGE, NULL);
  self->document = g_object_ref (document);

  ekv_gui_bind_field_rows (GTK_WIDGET (self), document, ekv_document_get_company (document));
  ekv_record_list_set_document (self->products_list, document);
  ekv_record_list_set_document (self->certifications_list, document);

  /* Money is in the audit's currency (finance.currency). */
  finance = ekv_document_get_finance (document);
  g_object_bind_property (finance, "currency", self->turnover_row, "unit", G_BINDING_SYNC_CREATE);
  g_object_bind_property (finance, "currency", self->labour_cost_row, "unit", G_BINDING_SYNC_CREATE);

  /* The page opens every audit: what lies below the first screen is laid out after
   * the first frame, so the window appears sooner. */
  ekv_gui_show_after_first_frame (GTK_WIDGET (self), self->contact_group,
                                  self->operation_group, self->period_group,
                                  GTK_WIDGET (self->products_list),
                                  GTK_WIDGET (self->certifications_list), NULL);

  return GTK_WIDGET (self);
}

EkvFieldRow *
ekv_company_page_get_name_row (EkvCompanyPage *self)
{
  g_return_val_if_fail (EKV_IS_COMPANY_PAGE (self), NULL);

  return self->name_row;
}
