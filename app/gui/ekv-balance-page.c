/* ekv-balance-page.c: the plant's and every unit's balances, energy and indicators (phase III)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Everything this page shows comes from one EkvBalance (ekv_balance_compute()),
 * computed again once after every burst of edits: the document's "changed"
 * signal queues one idle, which computes the balance and updates the widgets in
 * place (rows are made again only when the list of units or carriers changes,
 * so a focused row keeps its focus). There is no recalculate button.
 *
 * Figures are in columns: the value, its share and the status of the
 * plant's rows line up across the mass and water groups (size groups), and the
 * unit and energy tables are boxed lists whose cells share a size group per
 * column. Numbers are right-aligned in tabular figures, in the user's locale;
 * a status is an icon and a word, never a colour alone.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-balance-page.h"
#include "ekv-entity.h"
#include "ekv-enums.h"
#include "ekv-labels.h"
#include "ekv-util.h"

/* The separator of the describe functions (tests read them). */
#define SEP " | "

/* Where a factor's source (markup) goes in its translated line: U+E000, a
 * private-use character that no translation holds and markup escaping keeps. */
#define SOURCE_MARK "\xee\x80\x80"

enum
{
  GROUP_MASS,
  GROUP_WATER,
  GROUP_INDICATORS,
};

typedef struct
{
  const char *key;
  const char *title;     /* msgid, context "results" */
  const char *subtitle;  /* msgid, context "results", or NULL */
  guint       group;
} FigureSpec;

static const FigureSpec figure_specs[] = {
  { "mass-in", NC_("results", "Entering the plant"), NULL, GROUP_MASS },
  { "mass-out", NC_("results", "Leaving the plant"), NULL, GROUP_MASS },
  { "mass-imbalance", NC_("results", "Mass imbalance"),
    NC_("results", "What enters less what leaves, as a share of what enters"), GROUP_MASS },
  { "mass-estimated", NC_("results", "Estimated inputs"),
    NC_("results", "Share of the entering mass whose figures are only estimated"), GROUP_MASS },
  { "water-in", NC_("results", "Water in"), NULL, GROUP_WATER },
  { "water-out", NC_("results", "Water out"), NC_("results", "Wastewater and evaporation"), GROUP_WATER },
  { "water-unaccounted", NC_("results", "Unaccounted water"),
    NC_("results", "Water in less water out, as a share of water in"), GROUP_WATER },
  { "production", NC_("results", "Production"), NULL, GROUP_INDICATORS },
  { "water-per-t", NC_("results", "Water"), NULL, GROUP_INDICATORS },
  { "wastewater-per-t", NC_("results", "Wastewater"), NULL, GROUP_INDICATORS },
  { "energy-per-t", NC_("results", "Energy"), NC_("results", "Bought energy"), GROUP_INDICATORS },
  { "tep-per-t", NC_("results", "Oil equivalent"), NC_("results", "Of bought energy"), GROUP_INDICATORS },
  { "waste-per-t", NC_("results", "Waste"),
    NC_("results", "Solid and hazardous waste leaving the plant"), GROUP_INDICATORS },
  { "raw-material-yield", NC_("results", "Raw-material yield"),
    NC_("results", "Product mass leaving the plant per raw-material mass entering it"), GROUP_INDICATORS },
};

/* A row of figures: value, share and status in three aligned cells. */
typedef struct
{
  AdwActionRow *row;
  const char   *subtitle;  /* translated, or NULL */
  GtkLabel     *value;
  GtkLabel     *share;
  GtkWidget    *status;
} Figure;

/* A row of the unit table. */
typedef struct
{
  char          *id;
  GtkListBoxRow *row;
  GtkLabel      *name;
  GtkWidget     *left_out;  /* a warning icon: flows left out of its balance */
  GtkLabel      *in;
  GtkLabel      *out;
  GtkLabel      *pct;
  GtkWidget     *status;
  GtkLabel      *estimated;
} UnitRow;

/* A row of the energy table. */
typedef struct
{
  char          *nick;   /* the carrier's nick, or "total" */
  GtkListBoxRow *row;
  GtkLabel      *name;
  GtkLabel      *quantity;
  GtkLabel      *kwh;
  GtkLabel      *tep;
  GtkLabel      *co2;
  GtkLabel      *factor;  /* NULL on the total row */
} CarrierRow;

struct _EkvBalancePage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *mass_group;
  AdwPreferencesGroup *water_group;
  AdwPreferencesGroup *units_group;
  AdwPreferencesGroup *energy_group;
  AdwPreferencesGroup *tep_group;
  AdwPreferencesGroup *indicators_group;
  AdwPreferencesGroup *warnings_group;
  GtkListBox          *units_box;
  GtkListBox          *carriers_box;
  GtkListBox          *warnings_box;
  GtkLabel            *tep_note_label;

  /* Made here */
  Figure              *figures[G_N_ELEMENTS (figure_specs)];
  Figure              *tep_figure;
  GPtrArray           *unit_rows;     /* UnitRow, in the balance's order */
  GPtrArray           *carrier_rows;  /* CarrierRow, the total last */
  GtkSizeGroup        *figure_columns[3];
  GtkSizeGroup        *unit_columns[5];
  GtkSizeGroup        *carrier_columns[4];

  /* Owned references */
  EkvDocument         *document;
  EkvBalance          *balance;
  guint                update_id;
  gboolean             units_built;
};

G_DEFINE_FINAL_TYPE (EkvBalancePage, ekv_balance_page, ADW_TYPE_BIN)

/* Helpers {{{ */

static void
unit_row_free (gpointer data)
{
  UnitRow *row = data;

  g_free (row->id);
  g_free (row);
}

static void
carrier_row_free (gpointer data)
{
  CarrierRow *row = data;

  g_free (row->nick);
  g_free (row);
}

/* VALUE with DIGITS decimals the locale's way, then UNIT; a dash for no figure. */
static char *
amount (double      value,
        int         digits,
        const char *unit)
{
  g_autofree char *number = NULL;

  if (!isfinite (value))
    return g_strdup ("—");
  number = ekv_number_format (value, digits);
  if (unit == NULL)
    return g_steal_pointer (&number);
  /* Translators: a figure and its unit, e.g. "12 500 kg/year" */
  return g_strdup_printf (C_("a figure and its unit", "%s %s"), number, unit);
}

static char *
percent (double value,
         int    digits)
{
  g_autofree char *number = NULL;

  g_autofree char *text = NULL;

  if (!isfinite (value))
    return g_strdup ("—");
  /* The sign goes before the whole percentage: "-%6,4" in Turkish, where the
   * percent sign leads, rather than "%-6,4". */
  number = ekv_number_format (fabs (value), digits);
  /* Translators: a percentage in a table, e.g. "6.4 %"; keep the %% (one percent sign) */
  text = g_strdup_printf (C_("results", "%s %%"), number);
  if (value < 0 && round (fabs (value) * pow (10, digits)) > 0)
    return g_strconcat ("-", text, NULL);
  return g_steal_pointer (&text);
}

/* A sum for people: whole units from 100 up, else up to two decimals. */
static char *
quantity_text (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  if (fabs (value) >= 100)
    return ekv_number_format (value, 0);
  return ekv_number_format (round (value * 100) / 100, -1);
}

static GtkWidget *
cell_new (GtkSizeGroup *column,
          gboolean      numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (column != NULL)
    gtk_size_group_add_widget (column, label);

  return label;
}

static GtkWidget *
heading_cell_new (GtkSizeGroup *column,
                  const char   *text,
                  gboolean      numeric)
{
  GtkWidget *label = cell_new (column, FALSE);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

/* A status: an icon and a word, both coloured; or a word alone, dimmed. */
static GtkWidget *
status_new (GtkSizeGroup *column)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  int width = 0;

  /* As wide as the longest status, so that the columns do not move when one
   * changes. */
  for (int status = EKV_BALANCE_STATUS_OK; status <= EKV_BALANCE_STATUS_ERROR; status++)
    width = MAX (width, g_utf8_strlen (ekv_balance_status_describe (status), -1));
  width = MAX (width, g_utf8_strlen (C_("balance status", "no figure"), -1));
  gtk_label_set_width_chars (GTK_LABEL (label), width);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  if (column != NULL)
    gtk_size_group_add_widget (column, box);

  return box;
}

static GtkLabel *
status_get_label (GtkWidget *status)
{
  return GTK_LABEL (gtk_widget_get_last_child (status));
}

/* STATUS < 0: no status, TEXT (may be NULL) dimmed, no icon. */
static void
status_set (GtkWidget  *status,
            int         value,
            const char *text)
{
  static const char *icons[] = {
    "emblem-ok-symbolic", "dialog-warning-symbolic", "dialog-error-symbolic"
  };
  static const char *classes[] = { "success", "warning", "error" };
  GtkWidget *icon = gtk_widget_get_first_child (status);
  GtkLabel *label = status_get_label (status);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (status, classes[i]);
  gtk_widget_remove_css_class (status, "dim-label");

  if (value < 0 || value > EKV_BALANCE_STATUS_ERROR)
    {
      gtk_widget_set_visible (icon, FALSE);
      gtk_label_set_text (label, text != NULL ? text : "");
      gtk_widget_add_css_class (status, "dim-label");
      return;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icons[value]);
  gtk_widget_set_visible (icon, TRUE);
  gtk_label_set_text (label, text != NULL ? text : ekv_balance_status_describe (value));
  gtk_widget_add_css_class (status, classes[value]);
}

/* "text | text | text" of the labels, skipping empty ones. */
static void
append_cell (GString    *out,
             const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, SEP);
  g_string_append (out, text);
}

static const char *
unit_name (const EkvUnitBalance *unit)
{
  const char *name = ekv_record_get_string (unit->unit, EKV_UNIT_OPERATION_NAME);

  return name != NULL && *name != '\0' ? name : unit->id;
}

static const char *
carrier_nick (EkvCarrier carrier)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (EKV_TYPE_CARRIER);
  GEnumValue *value = g_enum_get_value (klass, carrier);

  return value != NULL ? value->value_nick : "";
}

/* The unit operation to open for a flow in the Inventory page: where it goes,
 * else where it comes from; NULL for a flow that touches no unit. */
static const char *
flow_unit (EkvDocument *document,
           const char  *flow_id)
{
  EkvRecord *flow = flow_id != NULL ? ekv_document_find (document, EKV_ENTITY_FLOW, flow_id) : NULL;
  const char *unit;

  if (flow == NULL)
    return NULL;
  unit = ekv_record_get_string (flow, EKV_FLOW_TO);
  if (unit == NULL || *unit == '\0')
    unit = ekv_record_get_string (flow, EKV_FLOW_FROM);
  return unit != NULL && *unit != '\0' ? unit : NULL;
}

/* }}} */
/* The plant's figures {{{ */

static Figure *
figure_new (EkvBalancePage      *self,
            AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle)
{
  Figure *figure = g_new0 (Figure, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = cell_new (self->figure_columns[0], TRUE);
  GtkWidget *share = cell_new (self->figure_columns[1], TRUE);
  GtkWidget *status = status_new (self->figure_columns[2]);

  /* Titles may hold a product's name: plain text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_margin_start (share, 6);
  gtk_widget_set_margin_start (status, 12);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), share);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_preferences_group_add (group, row);

  figure->row = ADW_ACTION_ROW (row);
  figure->subtitle = subtitle;
  figure->value = GTK_LABEL (value);
  figure->share = GTK_LABEL (share);
  figure->status = status;
  status_set (status, -1, NULL);

  return figure;
}

static Figure *
find_figure (EkvBalancePage *self,
             const char     *key)
{
  if (g_strcmp0 (key, "tep-band") == 0)
    return self->tep_figure;
  for (guint i = 0; i < G_N_ELEMENTS (figure_specs); i++)
    if (g_strcmp0 (figure_specs[i].key, key) == 0)
      return self->figures[i];

  return NULL;
}

/* VALUE (owned) in the value cell; SHARE (owned, may be NULL) beside it. */
static void
set_figure (EkvBalancePage *self,
            const char     *key,
            char           *value,
            char           *share)
{
  Figure *figure = find_figure (self, key);

  g_assert (figure != NULL);
  gtk_label_set_text (figure->value, value);
  gtk_label_set_text (figure->share, share != NULL ? share : "");
  g_free (value);
  g_free (share);
}

/* The status of a percentage against the audit's thresholds, or NOTE (an
 * untranslated msgid, may be NULL) when there is none. */
static void
set_figure_status (EkvBalancePage *self,
                   const char     *key,
                   double          pct,
                   const char     *note)
{
  Figure *figure = find_figure (self, key);

  if (!isfinite (pct))
    {
      status_set (figure->status, -1, NULL);
      gtk_widget_set_tooltip_text (figure->status, NULL);
      adw_action_row_set_subtitle (figure->row, note != NULL ? _(note) : "");
      return;
    }

  adw_action_row_set_subtitle (figure->row, figure->subtitle != NULL ? figure->subtitle : "");
  status_set (figure->status,
              ekv_balance_status_for (pct, self->balance->threshold_warn,
                                      self->balance->threshold_error),
              NULL);
}

static void
update_plant (EkvBalancePage *self)
{
  const EkvPlantBalance *plant = &self->balance->plant;
  g_autofree char *warn = ekv_number_format (self->balance->threshold_warn, -1);
  g_autofree char *error = ekv_number_format (self->balance->threshold_error, -1);
  g_autofree char *description = NULL;
  g_autofree char *production = NULL;

  /* Translators: under the plant's mass balance; the audit's thresholds in percent */
  description = g_strdup_printf (_("Per year, everything entering the plant from outside against "
                                   "everything leaving it. An imbalance above %s %% needs a check; "
                                   "above %s %% the balance does not close."),
                                 warn, error);
  adw_preferences_group_set_description (self->mass_group, description);

  set_figure (self, "mass-in", amount (plant->mass_in_kg, 0, "kg"), NULL);
  set_figure (self, "mass-out", amount (plant->mass_out_kg, 0, "kg"), NULL);
  set_figure (self, "mass-imbalance", amount (plant->mass_imbalance_kg, 0, "kg"),
              percent (plant->mass_imbalance_pct, 1));
  set_figure_status (self, "mass-imbalance", plant->mass_imbalance_pct,
                     plant->mass_imbalance_pct_note);
  set_figure (self, "mass-estimated", percent (plant->estimated_pct, 0), NULL);

  set_figure (self, "water-in", amount (plant->water_in_m3, 1, "m³"), NULL);
  set_figure (self, "water-out", amount (plant->water_out_m3, 1, "m³"), NULL);
  set_figure (self, "water-unaccounted", amount (plant->water_unaccounted_m3, 1, "m³"),
              percent (plant->water_unaccounted_pct, 1));
  set_figure_status (self, "water-unaccounted", plant->water_unaccounted_pct,
                     plant->water_unaccounted_pct_note);

  /* The production denominator, then the figures per tonne of it. */
  if (isfinite (plant->production_t) && plant->production_t > 0)
    {
      g_autofree char *t = ekv_number_format (plant->production_t, -1);

      /* Translators: the production denominator in tonnes per year, e.g. "3,110 t a year" */
      production = g_strdup_printf (_("%s t a year"), t);
      adw_preferences_group_set_description (self->indicators_group,
                                             _("Per tonne of production: what the plant uses and "
                                               "emits for each tonne it makes."));
    }
  else
    {
      production = g_strdup ("—");
      adw_preferences_group_set_description (self->indicators_group,
                                             plant->indicators_note != NULL
                                               ? _(plant->indicators_note) : NULL);
    }
  set_figure (self, "production", g_steal_pointer (&production), NULL);
  /* The product, or why there is none (unless the group's description says it). */
  adw_action_row_set_subtitle (find_figure (self, "production")->row,
                               plant->production_name != NULL ? plant->production_name
                               : plant->production_note != NULL &&
                                 g_strcmp0 (plant->production_note, plant->indicators_note) != 0
                                 ? _(plant->production_note) : "");

  set_figure (self, "water-per-t", amount (plant->water_m3_per_t, 2, "m³/t"), NULL);
  set_figure (self, "wastewater-per-t", amount (plant->wastewater_m3_per_t, 2, "m³/t"), NULL);
  set_figure (self, "energy-per-t", amount (plant->energy_kwh_per_t, 0, "kWh/t"), NULL);
  set_figure (self, "tep-per-t", amount (plant->tep_per_t, 3, "TEP/t"), NULL);
  set_figure (self, "waste-per-t", amount (plant->waste_kg_per_t, 1, "kg/t"), NULL);
  set_figure (self, "raw-material-yield", percent (plant->raw_material_yield_pct, 1), NULL);
  {
    Figure *yield = find_figure (self, "raw-material-yield");

    adw_action_row_set_subtitle (yield->row,
                                 isfinite (plant->raw_material_yield_pct) ||
                                 plant->raw_material_yield_pct_note == NULL
                                   ? yield->subtitle : _(plant->raw_material_yield_pct_note));
  }

  /* The obligation band of the annual TEP, and the caveat that goes with it. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tep_figure->row),
                                 ekv_tep_band_title (plant->tep_band));
  adw_action_row_set_subtitle (self->tep_figure->row, ekv_tep_band_describe (plant->tep_band));
  /* Translators: the annual oil equivalent of the bought energy, e.g. "2,140.0 TEP a year" */
  set_figure (self, "tep-band", amount (plant->tep, 1, C_("tep per year", "TEP a year")), NULL);
  gtk_label_set_text (self->tep_note_label, ekv_tep_band_note ());
}

/* }}} */
/* Unit operations {{{ */

static UnitRow *
unit_row_new (EkvBalancePage *self,
              const char     *id)
{
  UnitRow *unit = g_new0 (UnitRow, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = cell_new (NULL, FALSE);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Long names take a second line rather than lose their end; the warning
   * icon follows the name. */
  gtk_widget_set_hexpand (name_box, TRUE);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (name), 2);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (name), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  unit->id = g_strdup (id);
  unit->row = GTK_LIST_BOX_ROW (row);
  unit->name = GTK_LABEL (name);
  unit->left_out = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (unit->left_out, "warning");
  gtk_widget_set_valign (unit->left_out, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (unit->left_out, FALSE);
  unit->in = GTK_LABEL (cell_new (self->unit_columns[0], TRUE));
  unit->out = GTK_LABEL (cell_new (self->unit_columns[1], TRUE));
  unit->pct = GTK_LABEL (cell_new (self->unit_columns[2], TRUE));
  unit->status = status_new (self->unit_columns[3]);
  unit->estimated = GTK_LABEL (cell_new (self->unit_columns[4], TRUE));

  gtk_box_append (GTK_BOX (name_box), name);
  gtk_box_append (GTK_BOX (name_box), unit->left_out);
  gtk_box_append (GTK_BOX (box), name_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (unit->in));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (unit->out));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (unit->pct));
  gtk_box_append (GTK_BOX (box), unit->status);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (unit->estimated));
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  /* Activating the row shows the unit's flows. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-unit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return unit;
}

static GtkWidget *
units_heading_new (EkvBalancePage *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  GtkWidget *name, *cell;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  /* Translators: column headings of the unit table of the Balances page; keep them short */
  name = heading_cell_new (NULL, C_("balance column", "Unit operation"), FALSE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), heading_cell_new (self->unit_columns[0],
                                                   C_("balance column", "In (kg)"), TRUE));
  gtk_box_append (GTK_BOX (box), heading_cell_new (self->unit_columns[1],
                                                   C_("balance column", "Out (kg)"), TRUE));
  cell = heading_cell_new (self->unit_columns[2], C_("balance column", "Imbalance"), TRUE);
  gtk_widget_set_tooltip_text (cell, g_dpgettext2 (GETTEXT_PACKAGE, "results",
                                                   "What enters less what leaves, as a share of what enters"));
  gtk_box_append (GTK_BOX (box), cell);
  gtk_box_append (GTK_BOX (box), heading_cell_new (self->unit_columns[3],
                                                   C_("balance column", "Status"), FALSE));
  cell = heading_cell_new (self->unit_columns[4], C_("balance column", "Estimated"), TRUE);
  gtk_widget_set_tooltip_text (cell, g_dpgettext2 (GETTEXT_PACKAGE, "results",
                                                   "Share of the entering mass whose figures are only estimated"));
  gtk_box_append (GTK_BOX (box), cell);
  /* Keeps the columns above the rows' arrows. */
  gtk_widget_set_opacity (arrow, 0);
  gtk_box_append (GTK_BOX (box), arrow);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

static void
update_unit_row (EkvBalancePage       *self,
                 UnitRow              *row,
                 const EkvUnitBalance *unit)
{
  g_autofree char *in = amount (unit->mass_in_kg, 0, NULL);
  g_autofree char *out = amount (unit->mass_out_kg, 0, NULL);
  g_autofree char *pct = percent (unit->mass_imbalance_pct, 1);
  g_autofree char *estimated = percent (unit->estimated_pct, 0);
  g_autofree char *tooltip = NULL;
  g_autofree char *imbalance = amount (unit->mass_imbalance_kg, 0, "kg");

  gtk_label_set_text (row->name, unit_name (unit));
  gtk_label_set_text (row->in, in);
  gtk_label_set_text (row->out, out);
  gtk_label_set_text (row->pct, pct);
  gtk_label_set_text (row->estimated, estimated);

  if (isfinite (unit->mass_imbalance_pct))
    {
      status_set (row->status, unit->status, NULL);
      /* Translators: the tooltip of a unit's row in the Balances page: its name,
       * then its imbalance in kg per year */
      tooltip = g_strdup_printf (_("%s\nImbalance: %s a year"), unit_name (unit), imbalance);
    }
  else
    {
      /* No mass enters: there is no percentage, and no status to give. */
      status_set (row->status, -1, C_("balance status", "no figure"));
      tooltip = g_strdup_printf ("%s\n%s", unit_name (unit),
                                 unit->mass_imbalance_pct_note != NULL
                                   ? _(unit->mass_imbalance_pct_note) : "");
    }
  /* A balance that closes without some of its flows is not yet a balance. */
  if (unit->n_left_out > 0)
    {
      /* Translators: on a unit's row in the Balances page */
      g_autofree char *left_out = g_strdup_printf (ngettext ("%u flow is left out of this balance: see Warnings.",
                                                             "%u flows are left out of this balance: see Warnings.",
                                                             unit->n_left_out),
                                                   unit->n_left_out);
      char *both = g_strconcat (tooltip, "\n", left_out, NULL);

      g_free (tooltip);
      tooltip = both;
      gtk_widget_set_tooltip_text (row->left_out, left_out);
    }
  gtk_widget_set_visible (row->left_out, unit->n_left_out > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->row), tooltip);

  {
    /* Translators: what a screen reader says for a unit's row in the Balances
     * page: name, mass in, mass out, imbalance in percent, status, e.g.
     * "Dyeing: in 41,669,000 kg, out 41,885,000 kg, imbalance -0.5 %, balanced" */
    g_autofree char *label = g_strdup_printf (_("%s: in %s kg, out %s kg, imbalance %s, %s"),
                                              unit_name (unit), in, out, pct,
                                              gtk_label_get_text (status_get_label (row->status)));

    if (unit->n_left_out > 0)
      {
        char *both = g_strconcat (label, ". ", gtk_widget_get_tooltip_text (row->left_out), NULL);

        g_free (label);
        label = both;
      }
    gtk_accessible_update_property (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
}

static void
update_units (EkvBalancePage *self)
{
  GArray *units = self->balance->units;
  gboolean same = self->units_built && units->len == self->unit_rows->len;
  GtkWidget *child;

  for (guint i = 0; same && i < units->len; i++)
    same = g_strcmp0 (g_array_index (units, EkvUnitBalance, i).id,
                      ((UnitRow *) g_ptr_array_index (self->unit_rows, i))->id) == 0;

  if (!same)
    {
      self->units_built = TRUE;
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->units_box))) != NULL)
        gtk_list_box_remove (self->units_box, child);
      g_ptr_array_set_size (self->unit_rows, 0);

      if (units->len == 0)
        {
          GtkWidget *label = gtk_label_new (_("No unit operations yet: add them under Unit operations."));

          gtk_widget_add_css_class (label, "dim-label");
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_widget_set_margin_top (label, 18);
          gtk_widget_set_margin_bottom (label, 18);
          gtk_widget_set_margin_start (label, 12);
          gtk_widget_set_margin_end (label, 12);
          gtk_list_box_append (self->units_box, label);
          gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->units_box, 0), FALSE);
        }
      else
        gtk_list_box_append (self->units_box, units_heading_new (self));

      for (guint i = 0; i < units->len; i++)
        {
          UnitRow *row = unit_row_new (self, g_array_index (units, EkvUnitBalance, i).id);

          g_ptr_array_add (self->unit_rows, row);
          gtk_list_box_append (self->units_box, GTK_WIDGET (row->row));
        }
    }

  for (guint i = 0; i < units->len; i++)
    update_unit_row (self, g_ptr_array_index (self->unit_rows, i),
                     &g_array_index (units, EkvUnitBalance, i));
}

/* }}} */
/* Bought energy {{{ */

static CarrierRow *
carrier_row_new (EkvBalancePage *self,
                 const char     *nick,
                 gboolean        total)
{
  CarrierRow *carrier = g_new0 (CarrierRow, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = cell_new (NULL, FALSE);

  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  if (total)
    gtk_widget_add_css_class (name, "heading");
  gtk_widget_set_margin_top (lines, 12);
  gtk_widget_set_margin_bottom (lines, 12);
  gtk_widget_set_margin_start (lines, 12);
  gtk_widget_set_margin_end (lines, 12);

  carrier->nick = g_strdup (nick);
  carrier->row = GTK_LIST_BOX_ROW (row);
  carrier->name = GTK_LABEL (name);
  carrier->quantity = GTK_LABEL (cell_new (self->carrier_columns[0], TRUE));
  carrier->kwh = GTK_LABEL (cell_new (self->carrier_columns[1], TRUE));
  carrier->tep = GTK_LABEL (cell_new (self->carrier_columns[2], TRUE));
  carrier->co2 = GTK_LABEL (cell_new (self->carrier_columns[3], TRUE));
  if (total)
    {
      gtk_widget_add_css_class (GTK_WIDGET (carrier->kwh), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (carrier->tep), "heading");
      gtk_widget_add_css_class (GTK_WIDGET (carrier->co2), "heading");
    }

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (carrier->quantity));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (carrier->kwh));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (carrier->tep));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (carrier->co2));
  gtk_box_append (GTK_BOX (lines), box);

  if (!total)
    {
      GtkWidget *factor = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (factor), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (factor), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (factor), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_use_markup (GTK_LABEL (factor), TRUE);
      gtk_widget_add_css_class (factor, "caption");
      gtk_widget_add_css_class (factor, "dim-label");
      gtk_box_append (GTK_BOX (lines), factor);
      carrier->factor = GTK_LABEL (factor);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), lines);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return carrier;
}

static GtkWidget *
carriers_heading_new (EkvBalancePage *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name;

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  /* Translators: column headings of the energy table of the Balances page; keep them short */
  name = heading_cell_new (NULL, C_("balance column", "Carrier"), FALSE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), heading_cell_new (self->carrier_columns[0],
                                                   C_("balance column", "Quantity"), TRUE));
  gtk_box_append (GTK_BOX (box), heading_cell_new (self->carrier_columns[1], "kWh", TRUE));
  gtk_box_append (GTK_BOX (box), heading_cell_new (self->carrier_columns[2], "TEP", TRUE));
  gtk_box_append (GTK_BOX (box), heading_cell_new (self->carrier_columns[3],
                                                   C_("balance column", "t CO₂"), TRUE));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

/* Where the factor comes from, as markup: the source (a link when it has an
 * address), its year and how sure it is; then its note. */
static char *
factor_markup (const EkvCarrierBalance *carrier)
{
  const EkvFactor *factor = &carrier->factor;
  const char *unit = ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT, factor->unit);
  g_autofree char *lhv = amount (factor->lhv_kwh, -1, NULL);
  g_autofree char *tep = amount (factor->tep, -1, NULL);
  g_autofree char *co2 = amount (factor->co2_kg, -1, NULL);
  g_autofree char *values = NULL;
  g_autofree char *title = NULL;
  g_autofree char *source = NULL;
  g_autofree char *where = NULL;
  GString *out;

  if (!carrier->has_factor)
    return g_markup_escape_text (_("No factor for this carrier: its kWh are counted at 1/11 630 TEP "
                                   "each and no CO₂. Add one under Factors."), -1);

  /* Translators: the factor a carrier's row of the Balances page used, per unit of
   * the carrier: heating value in kWh, TEP and kg CO₂, e.g. "9.59 kWh, 0.000825 TEP
   * and 1.938 kg CO₂ per Sm³" */
  if (factor->unit == EKV_QUANTITY_UNIT_KWH)
    /* Translators: the factor of a carrier given in kWh (electricity): TEP and kg CO₂
     * per kWh, e.g. "0.000086 TEP and 0.44 kg CO₂ per kWh" */
    values = g_strdup_printf (_("%s TEP and %s kg CO₂ per %s"), tep, co2, unit);
  else
    values = g_strdup_printf (_("%s kWh, %s TEP and %s kg CO₂ per %s"), lhv, tep, co2, unit);

  if (factor->title != NULL && *factor->title != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (factor->title, -1);

      if (factor->url != NULL && *factor->url != '\0')
        {
          g_autofree char *href = g_markup_escape_text (factor->url, -1);

          title = g_strdup_printf ("<a href=\"%s\">%s</a>", href, escaped);
        }
      else
        title = g_steal_pointer (&escaped);
    }
  else
    title = g_markup_escape_text (_("no source given"), -1);

  if (factor->source == EKV_FACTOR_SOURCE_AUDIT)
    {
      /* Translators: where a factor in the Balances page comes from: the audit's own
       * figures and their source */
      where = g_strdup_printf (_("the audit’s own factor: %s"), SOURCE_MARK);
    }
  else if (factor->year > 0)
    {
      /* Translators: where a built-in factor comes from: source title, year, confidence
       * tag and what it means, e.g. "IPCC 2006 Guidelines, 2006 · [V] verified in the cited source" */
      g_autofree char *text = g_strdup_printf (_("%s, %d · %s %s"), SOURCE_MARK, factor->year,
                                               ekv_confidence_to_tag (factor->confidence),
                                               ekv_confidence_describe (factor->confidence));

      /* Translators: a built-in factor's source in the Balances page */
      where = g_strdup_printf (_("built-in: %s"), text);
    }
  else
    {
      /* Translators: where a built-in factor comes from: source title, confidence tag
       * and what it means */
      g_autofree char *text = g_strdup_printf (_("%s · %s %s"), SOURCE_MARK,
                                               ekv_confidence_to_tag (factor->confidence),
                                               ekv_confidence_describe (factor->confidence));

      where = g_strdup_printf (_("built-in: %s"), text);
    }

  /* The translated frame is escaped, then the source (already markup) goes where
   * the placeholder SOURCE_MARK is. */
  {
    g_autofree char *escaped = NULL;
    g_auto(GStrv) parts = NULL;

    /* Translators: a carrier's factor in the Balances page: its values, then where
     * they come from, e.g. "Factor: 9.59 kWh, ... per Sm³ (built-in: IPCC ..., 2006 · [V] ...)" */
    source = g_strdup_printf (_("Factor: %s (%s)"), values, where);
    escaped = g_markup_escape_text (source, -1);
    parts = g_strsplit (escaped, SOURCE_MARK, 2);
    out = g_string_new (parts[0]);
    if (parts[0] != NULL && parts[1] != NULL)
      {
        g_string_append (out, title);
        g_string_append (out, parts[1]);
      }
  }

  if (factor->note != NULL)
    {
      g_autofree char *note = g_markup_escape_text (factor->source == EKV_FACTOR_SOURCE_BUILT_IN
                                                      ? g_dgettext (GETTEXT_PACKAGE, factor->note)
                                                      : factor->note, -1);

      g_string_append_printf (out, "\n%s", note);
    }

  return g_string_free (out, FALSE);
}

static void
update_carriers (EkvBalancePage *self)
{
  GArray *carriers = self->balance->carriers;
  const EkvPlantBalance *plant = &self->balance->plant;
  gboolean same = carriers->len + 1 == self->carrier_rows->len;
  CarrierRow *total;
  GtkWidget *child;

  for (guint i = 0; same && i < carriers->len; i++)
    same = g_strcmp0 (carrier_nick (g_array_index (carriers, EkvCarrierBalance, i).carrier),
                      ((CarrierRow *) g_ptr_array_index (self->carrier_rows, i))->nick) == 0;

  if (!same)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->carriers_box))) != NULL)
        gtk_list_box_remove (self->carriers_box, child);
      g_ptr_array_set_size (self->carrier_rows, 0);

      gtk_list_box_append (self->carriers_box, carriers_heading_new (self));
      for (guint i = 0; i < carriers->len; i++)
        {
          EkvCarrier carrier = g_array_index (carriers, EkvCarrierBalance, i).carrier;
          CarrierRow *row = carrier_row_new (self, carrier_nick (carrier), FALSE);

          g_ptr_array_add (self->carrier_rows, row);
          gtk_list_box_append (self->carriers_box, GTK_WIDGET (row->row));
        }
      total = carrier_row_new (self, "total", TRUE);
      g_ptr_array_add (self->carrier_rows, total);
      gtk_list_box_append (self->carriers_box, GTK_WIDGET (total->row));
    }

  for (guint i = 0; i < carriers->len; i++)
    {
      const EkvCarrierBalance *carrier = &g_array_index (carriers, EkvCarrierBalance, i);
      CarrierRow *row = g_ptr_array_index (self->carrier_rows, i);
      g_autofree char *number = quantity_text (carrier->quantity);
      g_autofree char *quantity = NULL;
      g_autofree char *kwh = amount (carrier->energy_kwh, 0, NULL);
      g_autofree char *tep = amount (carrier->tep, 1, NULL);
      g_autofree char *co2 = amount (carrier->co2_t, 1, NULL);
      g_autofree char *markup = factor_markup (carrier);

      quantity = g_strdup_printf (C_("a figure and its unit", "%s %s"), number,
                                  ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT, carrier->unit));
      gtk_label_set_text (row->name, ekv_enum_get_label (EKV_TYPE_CARRIER, carrier->carrier));
      gtk_label_set_text (row->quantity, quantity);
      gtk_label_set_text (row->kwh, kwh);
      gtk_label_set_text (row->tep, tep);
      gtk_label_set_text (row->co2, co2);
      gtk_label_set_markup (row->factor, markup);
    }

  total = g_ptr_array_index (self->carrier_rows, carriers->len);
  {
    g_autofree char *kwh = amount (plant->energy_in_kwh, 0, NULL);
    g_autofree char *tep = amount (plant->tep, 1, NULL);
    g_autofree char *co2 = amount (plant->co2_t, 1, NULL);

    gtk_label_set_text (total->name, carriers->len == 0
                                       ? _("No energy is bought from outside.")
                                       : C_("results row", "Total"));
    gtk_label_set_text (total->kwh, carriers->len == 0 ? "" : kwh);
    gtk_label_set_text (total->tep, carriers->len == 0 ? "" : tep);
    gtk_label_set_text (total->co2, carriers->len == 0 ? "" : co2);
  }
}

/* }}} */
/* Warnings {{{ */

static void
update_warnings (EkvBalancePage *self)
{
  GPtrArray *warnings = self->balance->warnings;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box))) != NULL)
    gtk_list_box_remove (self->warnings_box, child);

  for (guint i = 0; i < warnings->len; i++)
    {
      const EkvBalanceWarning *warning = g_ptr_array_index (warnings, i);
      const char *unit = warning->unit_id != NULL ? warning->unit_id
                                                  : flow_unit (self->document, warning->flow_id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->message);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (unit != NULL)
        {
          /* Opens the flow in the Inventory, where it can be corrected (or the
           * unit, for a warning about a unit). */
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          if (warning->flow_id != NULL)
            {
              gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-flow");
              gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", warning->flow_id);
            }
          else
            {
              gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-unit");
              gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", unit);
            }
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
        }
      gtk_list_box_append (self->warnings_box, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), warnings->len > 0);
}

/* }}} */
/* Updating {{{ */

static void
update (EkvBalancePage *self)
{
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_clear_pointer (&self->balance, ekv_balance_free);
  self->balance = ekv_balance_compute (self->document);

  update_plant (self);
  update_units (self);
  update_carriers (self);
  update_warnings (self);
}

static gboolean
update_idle (gpointer user_data)
{
  EkvBalancePage *self = user_data;

  self->update_id = 0;
  update (self);

  return G_SOURCE_REMOVE;
}

/* One computation per burst of edits (a pasted table, an undone deletion of a
 * unit with its flows): after the last one, before the next frame. */
static void
document_changed_cb (EkvBalancePage *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, update_idle, self, NULL);
}

/* }}} */
/* GObject {{{ */

static void
ekv_balance_page_dispose (GObject *object)
{
  EkvBalancePage *self = EKV_BALANCE_PAGE (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), EKV_TYPE_BALANCE_PAGE);
  for (guint i = 0; i < G_N_ELEMENTS (self->figure_columns); i++)
    g_clear_object (&self->figure_columns[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->unit_columns); i++)
    g_clear_object (&self->unit_columns[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->carrier_columns); i++)
    g_clear_object (&self->carrier_columns[i]);
  g_clear_pointer (&self->balance, ekv_balance_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_balance_page_parent_class)->dispose (object);
}

static void
ekv_balance_page_finalize (GObject *object)
{
  EkvBalancePage *self = EKV_BALANCE_PAGE (object);

  g_clear_pointer (&self->unit_rows, g_ptr_array_unref);
  g_clear_pointer (&self->carrier_rows, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->figures); i++)
    g_clear_pointer (&self->figures[i], g_free);
  g_clear_pointer (&self->tep_figure, g_free);

  G_OBJECT_CLASS (ekv_balance_page_parent_class)->finalize (object);
}

static void
ekv_balance_page_class_init (EkvBalancePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_balance_page_dispose;
  object_class->finalize = ekv_balance_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-balance-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, mass_group);
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, water_group);
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, units_group);
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, energy_group);
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, tep_group);
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, indicators_group);
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, units_box);
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, carriers_box);
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, EkvBalancePage, tep_note_label);
}

static void
ekv_balance_page_init (EkvBalancePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->unit_rows = g_ptr_array_new_with_free_func (unit_row_free);
  self->carrier_rows = g_ptr_array_new_with_free_func (carrier_row_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->figure_columns); i++)
    self->figure_columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  for (guint i = 0; i < G_N_ELEMENTS (self->unit_columns); i++)
    self->unit_columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  for (guint i = 0; i < G_N_ELEMENTS (self->carrier_columns); i++)
    self->carrier_columns[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  for (guint i = 0; i < G_N_ELEMENTS (figure_specs); i++)
    {
      const FigureSpec *spec = &figure_specs[i];
      AdwPreferencesGroup *group = spec->group == GROUP_MASS ? self->mass_group
                                   : spec->group == GROUP_WATER ? self->water_group
                                   : self->indicators_group;

      self->figures[i] = figure_new (self, group, g_dpgettext2 (GETTEXT_PACKAGE, "results", spec->title),
                                     spec->subtitle != NULL
                                       ? g_dpgettext2 (GETTEXT_PACKAGE, "results", spec->subtitle)
                                       : NULL);
    }
  self->tep_figure = figure_new (self, self->tep_group, "", NULL);
  /* The band's description is a sentence or two: let it wrap. */
  adw_action_row_set_subtitle_lines (self->tep_figure->row, 0);
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_balance_page_new (EkvDocument *document)
{
  EkvBalancePage *self;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_BALANCE_PAGE, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

const EkvBalance *
ekv_balance_page_get_balance (EkvBalancePage *self)
{
  g_return_val_if_fail (EKV_IS_BALANCE_PAGE (self), NULL);

  return self->balance;
}

char *
ekv_balance_page_get_figure (EkvBalancePage *self,
                             const char     *key)
{
  GString *out;
  Figure *figure;

  g_return_val_if_fail (EKV_IS_BALANCE_PAGE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  figure = find_figure (self, key);
  if (figure == NULL)
    return NULL;

  out = g_string_new (NULL);
  append_cell (out, gtk_label_get_text (figure->value));
  append_cell (out, gtk_label_get_text (figure->share));
  append_cell (out, gtk_label_get_text (status_get_label (figure->status)));
  return g_string_free (out, FALSE);
}

GtkListBoxRow *
ekv_balance_page_get_unit_row (EkvBalancePage *self,
                               const char     *unit_id)
{
  g_return_val_if_fail (EKV_IS_BALANCE_PAGE (self), NULL);

  for (guint i = 0; i < self->unit_rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (self->unit_rows, i);

      if (g_strcmp0 (row->id, unit_id) == 0)
        return row->row;
    }

  return NULL;
}

char *
ekv_balance_page_describe_unit (EkvBalancePage *self,
                                const char     *unit_id)
{
  GString *out;

  g_return_val_if_fail (EKV_IS_BALANCE_PAGE (self), NULL);

  for (guint i = 0; i < self->unit_rows->len; i++)
    {
      UnitRow *row = g_ptr_array_index (self->unit_rows, i);

      if (g_strcmp0 (row->id, unit_id) != 0)
        continue;

      out = g_string_new (NULL);
      append_cell (out, gtk_label_get_text (row->name));
      append_cell (out, gtk_label_get_text (row->in));
      append_cell (out, gtk_label_get_text (row->out));
      append_cell (out, gtk_label_get_text (row->pct));
      append_cell (out, gtk_label_get_text (status_get_label (row->status)));
      append_cell (out, gtk_label_get_text (row->estimated));
      if (gtk_widget_get_visible (row->left_out))
        append_cell (out, gtk_widget_get_tooltip_text (row->left_out));
      return g_string_free (out, FALSE);
    }

  return NULL;
}

char *
ekv_balance_page_describe_carrier (EkvBalancePage *self,
                                   const char     *carrier)
{
  GString *out;

  g_return_val_if_fail (EKV_IS_BALANCE_PAGE (self), NULL);

  for (guint i = 0; i < self->carrier_rows->len; i++)
    {
      CarrierRow *row = g_ptr_array_index (self->carrier_rows, i);

      if (g_strcmp0 (row->nick, carrier) != 0)
        continue;

      out = g_string_new (NULL);
      append_cell (out, gtk_label_get_text (row->name));
      append_cell (out, gtk_label_get_text (row->quantity));
      append_cell (out, gtk_label_get_text (row->kwh));
      append_cell (out, gtk_label_get_text (row->tep));
      append_cell (out, gtk_label_get_text (row->co2));
      if (row->factor != NULL)
        append_cell (out, gtk_label_get_text (row->factor));
      return g_string_free (out, FALSE);
    }

  return NULL;
}

/* }}} */
