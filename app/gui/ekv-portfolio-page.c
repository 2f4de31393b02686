/* ekv-portfolio-page.c: the programme's figures and the cost curve (phase IV)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The portfolio of ekv_options_compute() (the approved, in-progress and done
 * options) in the dimensions the support programmes report, and the marginal
 * abatement cost curve of every option, or of the portfolio's only, with
 * Export to PNG, SVG or PDF. Both follow every edit of the audit.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-gui-util.h"
#include "ekv-portfolio-page.h"
#include "ekv-util.h"

typedef struct
{
  const char *key;
  const char *title;     /* N_() */
  const char *unit;      /* N_(), or NULL for the currency */
  int         digits;
} Figure;

static const Figure figures[] = {
  { "investment",    N_("Investment"),                 NULL,                    0 },
  { "annual-saving", N_("Saving per year"),            NULL,                    0 },
  { "payback",       N_("Simple payback"),             N_("years"),             1 },
  { "co2",           N_("CO₂ avoided"),                N_("t/year"),            1 },
  { "energy",        N_("Energy saved"),               N_("kWh/year"),          0 },
  { "tep",           N_("Energy saved in oil equivalent"), N_("TEP/year"),      1 },
  { "water",         N_("Water saved"),                N_("m³/year"),           0 },
  { "wastewater",    N_("Wastewater avoided"),         N_("m³/year"),           0 },
  { "raw-material",  N_("Raw material saved"),         N_("t/year"),            1 },
  { "waste",         N_("Waste avoided"),              N_("t/year"),            1 },
};

struct _EkvPortfolioPage
{
  AdwPreferencesPage    parent_instance;

  AdwPreferencesGroup  *summary_group;
  GtkWidget            *rows[G_N_ELEMENTS (figures)];
  AdwPreferencesGroup  *macc_group;
  GtkWidget            *only_switch;
  EkvMaccChart         *chart;

  EkvDocument          *document;
  EkvOptions           *options;
  GtkFileChooserNative *chooser;
  guint                 update_id;
};

G_DEFINE_FINAL_TYPE (EkvPortfolioPage, ekv_portfolio_page, ADW_TYPE_PREFERENCES_PAGE)

/* Helpers {{{ */

static const char *
currency (EkvPortfolioPage *self)
{
  return ekv_record_get_string (ekv_document_get_finance (self->document), EKV_FINANCE_CURRENCY);
}

static double
figure_value (const EkvPortfolio *p,
              const char         *key)
{
  if (g_str_equal (key, "investment"))
    return p->investment;
  if (g_str_equal (key, "annual-saving"))
    return p->annual_saving;
  if (g_str_equal (key, "payback"))
    return p->simple_payback_years;
  if (g_str_equal (key, "co2"))
    return p->co2_avoided_t;
  if (g_str_equal (key, "energy"))
    return p->energy_saved_kwh;
  if (g_str_equal (key, "tep"))
    return p->tep_saved;
  if (g_str_equal (key, "water"))
    return p->water_saved_m3;
  if (g_str_equal (key, "wastewater"))
    return p->wastewater_saved_m3;
  if (g_str_equal (key, "raw-material"))
    return p->raw_material_saved_t;
  if (g_str_equal (key, "waste"))
    return p->waste_avoided_kg / 1000;
  g_return_val_if_reached (NAN);
}

static const char *
figure_note (const EkvPortfolio *p,
             const char         *key)
{
  if (g_str_equal (key, "annual-saving"))
    return p->annual_saving_note;
  if (g_str_equal (key, "payback"))
    return p->simple_payback_years_note;
  if (g_str_equal (key, "co2"))
    return p->co2_avoided_t_note;
  if (g_str_equal (key, "investment"))
    return NULL;
  return p->dimensions_note;
}

static void
update (EkvPortfolioPage *self)
{
  const EkvPortfolio *p;
  g_autofree char *description = NULL;

  g_clear_handle_id (&self->update_id, g_source_remove);
  ekv_macc_chart_set_options (self->chart, NULL, NULL, FALSE);
  g_clear_pointer (&self->options, ekv_options_free);
  self->options = ekv_options_compute (self->document, NULL);
  p = &self->options->portfolio;

  /* Translators: under "Programme", the number of options counted */
  description = g_strdup_printf (ngettext ("%u approved, in-progress or done option, per year",
                                           "%u approved, in-progress or done options, per year",
                                           p->n_options),
                                 p->n_options);
  adw_preferences_group_set_description (self->summary_group, description);

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      double value = figure_value (p, figures[i].key);
      const char *note = figure_note (p, figures[i].key);
      g_autofree char *text = NULL;

      if (isfinite (value))
        {
          int digits = fabs (value) >= 1000 ? 0 : figures[i].digits;
          g_autofree char *number = ekv_number_format (value, digits);

          /* Translators: a figure and its unit, e.g. "1,149.4 t/year" */
          text = g_strdup_printf (_("%s %s"), number,
                                  figures[i].unit != NULL ? _(figures[i].unit) : currency (self));
        }
      else if (note != NULL)
        text = g_strdup (_(note));
      else
        text = g_strdup (C_("figure", "not defined"));
      gtk_label_set_text (GTK_LABEL (self->rows[i]), text);
    }

  ekv_macc_chart_set_options (self->chart, self->options, currency (self),
                              gtk_switch_get_active (GTK_SWITCH (self->only_switch)));
}

static gboolean
update_cb (gpointer user_data)
{
  EkvPortfolioPage *self = user_data;

  self->update_id = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
queue_update (EkvPortfolioPage *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_cb, self);
}

/* }}} */
/* Export {{{ */

static void
chooser_response_cb (GtkNativeDialog  *chooser,
                     int               response,
                     EkvPortfolioPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *extension = NULL;
  EkvChartFormat format = EKV_CHART_FORMAT_PNG;
  const char *dot;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  /* The name's extension picks the format; without one, PNG is added. */
  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL ||
      !ekv_chart_format_from_nick (dot + 1, &format))
    {
      char *with = g_strconcat (path, ".png", NULL);

      g_free (path);
      path = with;
    }

  if (!ekv_portfolio_page_export (self, format, path, &error))
    ekv_gui_toast (GTK_WIDGET (self), error->message);
  else
    {
      g_autofree char *name = g_filename_display_basename (path);
      /* Translators: a toast after the cost curve was exported; %s is the file's name */
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

      ekv_gui_toast (GTK_WIDGET (self), message);
    }
}

static void
export_clicked_cb (EkvPortfolioPage *self)
{
  GtkFileFilter *filter;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export the Cost Curve"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the file name offered when exporting the cost curve */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("Cost curve.png"));

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Images and documents (PNG, SVG, PDF)"));
  gtk_file_filter_add_pattern (filter, "*.png");
  gtk_file_filter_add_pattern (filter, "*.svg");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* }}} */
/* GObject {{{ */

static void
ekv_portfolio_page_dispose (GObject *object)
{
  EkvPortfolioPage *self = EKV_PORTFOLIO_PAGE (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->chart != NULL)
    ekv_macc_chart_set_options (self->chart, NULL, NULL, FALSE);
  g_clear_pointer (&self->options, ekv_options_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_portfolio_page_parent_class)->dispose (object);
}

static void
ekv_portfolio_page_class_init (EkvPortfolioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ekv_portfolio_page_dispose;
}

static void
ekv_portfolio_page_init (EkvPortfolioPage *self)
{
  GtkWidget *export, *row, *chart_row, *grid, *frame;

  self->summary_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->summary_group, _("Programme"));
  /* Two columns of figures: the whole programme fits above the curve. */
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), FALSE);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      GtkWidget *title = gtk_label_new (_(figures[i].title));

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_widget_add_css_class (title, "dim-label");
      gtk_widget_set_hexpand (title, TRUE);
      self->rows[i] = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->rows[i]), 1);
      gtk_label_set_wrap (GTK_LABEL (self->rows[i]), TRUE);
      gtk_widget_add_css_class (self->rows[i], "heading");
      gtk_widget_add_css_class (self->rows[i], "numeric");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->rows[i]),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
      gtk_grid_attach (GTK_GRID (grid), title, (i % 2) * 2, i / 2, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), self->rows[i], (i % 2) * 2 + 1, i / 2, 1, 1);
    }
  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "view");
  gtk_frame_set_child (GTK_FRAME (frame), grid);
  adw_preferences_group_add (self->summary_group, frame);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->summary_group);

  self->macc_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->macc_group, _("Marginal abatement cost curve"));
  adw_preferences_group_set_description (self->macc_group,
                                         _("Each bar is an option: its width the CO₂ it avoids per "
                                           "year, its height what a tonne avoided costs (EAC less "
                                           "the saving, per tonne). Below the axis, the option "
                                           "saves money."));
  export = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (export, "flat");
  gtk_widget_set_valign (export, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (export_clicked_cb), self);
  adw_preferences_group_set_header_suffix (self->macc_group, export);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _("Only approved, in-progress and done options"));
  self->only_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->only_switch, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->only_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->only_switch);
  g_signal_connect_swapped (self->only_switch, "notify::active", G_CALLBACK (queue_update), self);
  adw_preferences_group_add (self->macc_group, row);

  self->chart = EKV_MACC_CHART (ekv_macc_chart_new ());
  gtk_widget_set_margin_top (GTK_WIDGET (self->chart), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->chart), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->chart), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->chart), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Marginal abatement cost curve"), -1);
  chart_row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (chart_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (chart_row), GTK_WIDGET (self->chart));
  adw_preferences_group_add (self->macc_group, chart_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->macc_group);
  ekv_gui_widen_page (GTK_WIDGET (self), 1000);
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_portfolio_page_new (EkvDocument *document)
{
  EkvPortfolioPage *self;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_PORTFOLIO_PAGE, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (document, "changed", G_CALLBACK (queue_update), self,
                           G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

EkvOptions *
ekv_portfolio_page_get_options (EkvPortfolioPage *self)
{
  g_return_val_if_fail (EKV_IS_PORTFOLIO_PAGE (self), NULL);

  if (self->update_id != 0)
    update (self);
  return self->options;
}

double
ekv_portfolio_page_get_figure (EkvPortfolioPage *self,
                               const char       *key)
{
  g_return_val_if_fail (EKV_IS_PORTFOLIO_PAGE (self), NAN);
  g_return_val_if_fail (key != NULL, NAN);

  return figure_value (&ekv_portfolio_page_get_options (self)->portfolio, key);
}

EkvMaccChart *
ekv_portfolio_page_get_chart (EkvPortfolioPage *self)
{
  g_return_val_if_fail (EKV_IS_PORTFOLIO_PAGE (self), NULL);

  return self->chart;
}

gboolean
ekv_portfolio_page_export (EkvPortfolioPage *self,
                           EkvChartFormat     format,
                           const char       *path,
                           GError          **error)
{
  EkvMaccDrawOptions options;

  g_return_val_if_fail (EKV_IS_PORTFOLIO_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ekv_macc_draw_options_init (&options);
  options.currency = currency (self);
  options.only_portfolio = gtk_switch_get_active (GTK_SWITCH (self->only_switch));
  /* PNG in pixels, SVG and PDF in points (A4 landscape) */
  if (format == EKV_CHART_FORMAT_PNG)
    return ekv_macc_write_file (ekv_portfolio_page_get_options (self), &options, format, path,
                                1600, 1000, error);
  return ekv_macc_write_file (ekv_portfolio_page_get_options (self), &options, format, path,
                              842, 595, error);
}

/* }}} */
