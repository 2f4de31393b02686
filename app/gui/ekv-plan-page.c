/* ekv-plan-page.c: the audit's scope, objectives and thresholds (phase I)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include "ekv-field-row.h"
#include "ekv-gui-util.h"
#include "ekv-plan-page.h"
#include "ekv-record-list.h"
#include "ekv-text-area.h"

struct _EkvPlanPage
{
  AdwPreferencesPage  parent_instance;

  /* Template widgets */
  EkvRecordList      *objectives_list;

  /* Owned references */
  EkvDocument        *document;
};

G_DEFINE_FINAL_TYPE (EkvPlanPage, ekv_plan_page, ADW_TYPE_PREFERENCES_PAGE)

static void
ekv_plan_page_dispose (GObject *object)
{
  EkvPlanPage *self = EKV_PLAN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), EKV_TYPE_PLAN_PAGE);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_plan_page_parent_class)->dispose (object);
}

static void
ekv_plan_page_class_init (EkvPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_plan_page_dispose;

  g_type_ensure (EKV_TYPE_FIELD_ROW);
  g_type_ensure (EKV_TYPE_RECORD_LIST);
  g_type_ensure (EKV_TYPE_TEXT_AREA);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkvPlanPage, objectives_list);
}

static void
ekv_plan_page_init (EkvPlanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ekv_plan_page_new (EkvDocument *document)
{
  EkvPlanPage *self;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_PLAN_PAGE, NULL);
  self->document = g_object_ref (document);

  /* The page's own rows edit the audit record; the list's rows their own records. */
  ekv_gui_bind_field_rows (GTK_WIDGET (self), document, ekv_document_get_audit (document));
  ekv_record_list_set_document (self->objectives_list, document);

  return GTK_WIDGET (self);
}
