/* ekv-screening-page.c: preliminary screening of the options (phase IV)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * One row per option: its screening class (implement directly, needs further
 * study, reject) and the reason. The audit format has no field of its own for
 * the reason, so it is written in the option's description, which the register
 * shows too. An option nobody has screened yet says so rather than showing the
 * first class as if it had been chosen.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-gui-util.h"
#include "ekv-labels.h"
#include "ekv-screening-page.h"
#include "ekv-text-area.h"

struct _EkvScreeningPage
{
  AdwBin       parent_instance;

  GtkWidget   *list_box;
  EkvDocument *document;
};

G_DEFINE_FINAL_TYPE (EkvScreeningPage, ekv_screening_page, ADW_TYPE_BIN)

/* Position 0 of the decision row is "not screened"; EkvScreening value v is at v + 1. */
static guint
decision_position (EkvRecord *option)
{
  if (!ekv_record_is_set (option, EKV_OPTION_SCREENING))
    return 0;
  return ekv_record_get_enum (option, EKV_OPTION_SCREENING) + 1;
}

static void
update_row (GtkWidget *row)
{
  EkvRecord *option = g_object_get_data (G_OBJECT (row), "ekv-record");
  AdwComboRow *decision = g_object_get_data (G_OBJECT (row), "ekv-decision");
  guint position = decision_position (option);
  const char *subtitle;

  if (position == 0)
    subtitle = _("Not screened yet");
  else
    subtitle = ekv_enum_get_label (EKV_TYPE_SCREENING, position - 1);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  if (adw_combo_row_get_selected (decision) != position)
    adw_combo_row_set_selected (decision, position);
}

static void
decision_selected_cb (AdwComboRow      *decision,
                      GParamSpec       *pspec,
                      EkvScreeningPage *self)
{
  EkvRecord *option = g_object_get_data (G_OBJECT (decision), "ekv-record");
  guint position = adw_combo_row_get_selected (decision);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  if (position == GTK_INVALID_LIST_POSITION || position == decision_position (option))
    return;

  if (position > 0)
    {
      g_value_init (&value, EKV_TYPE_SCREENING);
      g_value_set_enum (&value, position - 1);
    }
  if (!ekv_document_set_value (self->document, option, EKV_OPTION_SCREENING,
                               position > 0 ? &value : NULL, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      adw_combo_row_set_selected (decision, decision_position (option));
    }
}

static GtkWidget *
option_row_new (EkvScreeningPage *self,
                EkvRecord        *option)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *decision;
  GtkWidget *reason;

  ekv_gui_bind_option_title (option, row);
  g_object_set_data_full (G_OBJECT (row), "ekv-record", g_object_ref (option), g_object_unref);

  /* A fixed list: never changed while the row lives. */
  gtk_string_list_append (choices, _("Not screened yet"));
  for (int v = EKV_SCREENING_IMPLEMENT; v <= EKV_SCREENING_REJECT; v++)
    gtk_string_list_append (choices, ekv_enum_get_label (EKV_TYPE_SCREENING, v));
  decision = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (decision), _("Decision"));
  adw_combo_row_set_model (ADW_COMBO_ROW (decision), G_LIST_MODEL (choices));
  adw_combo_row_set_selected (ADW_COMBO_ROW (decision), decision_position (option));
  gtk_widget_set_sensitive (decision, !ekv_document_is_read_only (self->document));
  g_object_set_data (G_OBJECT (decision), "ekv-record", option);
  g_object_set_data (G_OBJECT (row), "ekv-decision", decision);
  g_signal_connect_object (decision, "notify::selected", G_CALLBACK (decision_selected_cb),
                           self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), decision);

  reason = ekv_gui_text_area_row_new (self->document, option, "description",
                              _("Reason (kept in the option’s description)"));
  g_object_set_data (G_OBJECT (row), "ekv-reason", reason);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), reason);

  g_signal_connect_object (option, "notify::screening", G_CALLBACK (update_row), row,
                           G_CONNECT_SWAPPED);
  update_row (row);

  return row;
}

static void
options_changed_cb (EkvScreeningPage *self,
                    guint             position,
                    guint             removed,
                    guint             added,
                    GListModel       *options)
{
  GtkListBox *list_box = GTK_LIST_BOX (self->list_box);

  for (guint i = 0; i < removed; i++)
    gtk_list_box_remove (list_box, GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, position)));
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, position + i);
      gtk_list_box_insert (list_box, option_row_new (self, option), position + i);
    }
}

static void
ekv_screening_page_dispose (GObject *object)
{
  EkvScreeningPage *self = EKV_SCREENING_PAGE (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_screening_page_parent_class)->dispose (object);
}

static void
ekv_screening_page_class_init (EkvScreeningPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ekv_screening_page_dispose;
}

static void
ekv_screening_page_init (EkvScreeningPage *self)
{
}

GtkWidget *
ekv_screening_page_new (EkvDocument *document)
{
  EkvScreeningPage *self;
  GtkWidget *page;
  GtkWidget *group;
  GtkWidget *placeholder;
  GListModel *options;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_SCREENING_PAGE, NULL);
  self->document = g_object_ref (document);

  page = adw_preferences_page_new ();
  adw_bin_set_child (ADW_BIN (self), page);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Preliminary Screening"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Sort the options before studying them: those to implement at once (usually good "
      "housekeeping), those that need a feasibility study, and those to drop. Say why: "
      "the reason is kept in the option’s description."));

  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  placeholder = gtk_label_new (_("No options yet: add them under Causes and options"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list_box), placeholder);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->list_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  options = ekv_document_get_list (document, EKV_ENTITY_OPTION);
  g_signal_connect_object (options, "items-changed", G_CALLBACK (options_changed_cb), self,
                           G_CONNECT_SWAPPED);
  options_changed_cb (self, 0, 0, g_list_model_get_n_items (options), options);

  return GTK_WIDGET (self);
}

AdwComboRow *
ekv_screening_page_get_decision_row (EkvScreeningPage *self,
                                     EkvRecord        *option)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (EKV_IS_SCREENING_PAGE (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), i)); i++)
    if (g_object_get_data (G_OBJECT (row), "ekv-record") == option)
      return g_object_get_data (G_OBJECT (row), "ekv-decision");

  return NULL;
}
