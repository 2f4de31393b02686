/* ekv-company-page.c: the firm's profile (phase II, pre-assessment)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Every audit opens on this page, and it is the longest: the groups below the
 * first screen come from a second builder file once the window has painted its
 * first frame (or at once, when asked through ekv_company_page_ensure_details ()).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-company-page.h"
#include "ekv-gui-util.h"
#include "ekv-record-list.h"

#define DETAILS_RESOURCE "/org/ekoverim/Ekoverim/ui/ekv-company-details.ui"

struct _EkvCompanyPage
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  EkvFieldRow        *name_row;

  /* From ekv-company-details.ui, once built */
  EkvFieldRow        *turnover_row;
  EkvFieldRow        *labour_cost_row;
  EkvRecordList      *products_list;
  EkvRecordList      *certifications_list;

  /* Owned references */
  EkvDocument        *document;
};

G_DEFINE_FINAL_TYPE (EkvCompanyPage, ekv_company_page, ADW_TYPE_PREFERENCES_PAGE)

/* The groups of ekv-company-details.ui, in page order. */
static const char *const detail_groups[] = {
  "contact_group", "operation_group", "period_group", "products_list", "certifications_list",
};

static void
build_details (GtkWidget *widget)
{
  ekv_company_page_ensure_details (EKV_COMPANY_PAGE (widget));
}

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

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_COMPANY_PAGE, NULL);
  self->document = g_object_ref (document);

  ekv_gui_bind_field_rows (GTK_WIDGET (self), document, ekv_document_get_company (document));
  ekv_gui_after_first_frame (GTK_WIDGET (self), build_details);

  return GTK_WIDGET (self);
}

void
ekv_company_page_ensure_details (EkvCompanyPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  EkvRecord *finance;

  g_return_if_fail (EKV_IS_COMPANY_PAGE (self));

  if (self->products_list != NULL)
    return;

  /* A builder file of our own resource: its objects are there by construction,
   * each taken once into a typed field or straight onto the page. */
  builder = gtk_builder_new_from_resource (DETAILS_RESOURCE);
  for (guint i = 0; i < G_N_ELEMENTS (detail_groups); i++)
    {
      GObject *group = gtk_builder_get_object (builder, detail_groups[i]);

      g_assert (ADW_IS_PREFERENCES_GROUP (group));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
    }
  self->turnover_row = EKV_FIELD_ROW (gtk_builder_get_object (builder, "turnover_row"));
  self->labour_cost_row = EKV_FIELD_ROW (gtk_builder_get_object (builder, "labour_cost_row"));
  self->products_list = EKV_RECORD_LIST (gtk_builder_get_object (builder, "products_list"));
  self->certifications_list = EKV_RECORD_LIST (gtk_builder_get_object (builder, "certifications_list"));

  ekv_gui_bind_field_rows (GTK_WIDGET (self), self->document,
                           ekv_document_get_company (self->document));
  ekv_record_list_set_document (self->products_list, self->document);
  ekv_record_list_set_document (self->certifications_list, self->document);

  /* Money is in the audit's currency (finance.currency). */
  finance = ekv_document_get_finance (self->document);
  g_object_bind_property (finance, "currency", self->turnover_row, "unit", G_BINDING_SYNC_CREATE);
  g_object_bind_property (finance, "currency", self->labour_cost_row, "unit", G_BINDING_SYNC_CREATE);
}

EkvFieldRow *
ekv_company_page_get_name_row (EkvCompanyPage *self)
{
  g_return_val_if_fail (EKV_IS_COMPANY_PAGE (self), NULL);

  return self->name_row;
}
