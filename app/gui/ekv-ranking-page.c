/* ekv-ranking-page.c: the weighted criteria matrix of the options (phase IV)
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * DOMAIN.md §2.8: score_j = Σ_i w_i · s_ij, s_ij = (x − min)/(max − min) over the
 * options ranked, Σ w_i = 1. One row per option that is not rejected, one column
 * per criterion, the weighted total and the rank; the totals and ranks follow
 * every keystroke, the rows keep their order so the cell being typed in stays put.
 *
 * Scores are stored per option ({criterion: number}); the criteria and their
 * weights are records of the .ekv document (the JSON audit format has no place
 * for them). The columns are the criteria stored, in their order, then those of
 * scores not stored yet, or the four of W19 when there are none. A criterion not
 * stored weighs as much as the stored ones on average; typing a weight stores
 * every criterion shown, so the matrix reopens as it was left.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-gui-util.h"
#include "ekv-labels.h"
#include "ekv-ranking-page.h"
#include "ekv-util.h"

typedef struct
{
  EkvRecord  *option;     /* a reference: the rows outlive an option removed until rebuilt */
  GtkWidget **entries;    /* one per criterion */
  GtkWidget  *label;
  GtkWidget  *total;
  GtkWidget  *rank;
  GtkWidget  *decision;   /* GtkDropDown over the option statuses */
  gboolean    ranked;
  double      total_value;
  guint       rank_value;
} Row;

struct _EkvRankingPage
{
  AdwPreferencesPage   parent_instance;

  AdwPreferencesGroup *matrix_group;
  GtkWidget           *frame;
  GtkWidget           *grid;
  GtkWidget           *criterion_entry;

  EkvDocument         *document;
  GPtrArray           *criteria;   /* char * */
  GArray              *weights;    /* double, parallel to criteria */
  GPtrArray           *weight_spins;
  GArray              *rows;       /* Row */
  guint                rebuild_id;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (EkvRankingPage, ekv_ranking_page, ADW_TYPE_PREFERENCES_PAGE)

static void rebuild (EkvRankingPage *self);

/* Helpers {{{ */

static const char * const default_criteria[] = {
  "economic", "environmental", "technical", "other"
};

/* The translated name of a criterion the method names; others as typed. */
static const char *
criterion_label (const char *criterion)
{
  if (g_str_equal (criterion, "economic"))
    return C_("ranking criterion", "Economic");
  if (g_str_equal (criterion, "environmental"))
    return C_("ranking criterion", "Environmental");
  if (g_str_equal (criterion, "technical"))
    return C_("ranking criterion", "Technical");
  if (g_str_equal (criterion, "implementation"))
    return C_("ranking criterion", "Ease of implementation");
  if (g_str_equal (criterion, "other"))
    return C_("ranking criterion", "Other");
  return criterion;
}

/* The option statuses' labels, in code order (a new list each time). */
static GtkStringList *
status_labels (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (int status = EKV_OPTION_STATUS_PROPOSED; status <= EKV_OPTION_STATUS_REJECTED; status++)
    gtk_string_list_append (list, ekv_enum_get_label (EKV_TYPE_OPTION_STATUS, status));
  return list;
}

static int
find_criterion (EkvRankingPage *self,
                const char     *criterion)
{
  for (guint i = 0; i < self->criteria->len; i++)
    if (g_str_equal (g_ptr_array_index (self->criteria, i), criterion))
      return i;
  return -1;
}

/* The stored criterion named CRITERION, or NULL. */
static EkvRecord *
find_criterion_record (EkvRankingPage *self,
                       const char     *criterion)
{
  GListModel *list = ekv_document_get_list (self->document, EKV_ENTITY_CRITERION);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(EkvRecord) record = g_list_model_get_item (list, i);

      if (g_strcmp0 (ekv_record_get_string (record, EKV_CRITERION_CRITERION), criterion) == 0)
        return record;   /* the document holds it */
    }
  return NULL;
}

/* The average weight of the stored criteria, or 1. */
static double
average_weight (EkvRankingPage *self)
{
  GListModel *list = ekv_document_get_list (self->document, EKV_ENTITY_CRITERION);
  guint n = g_list_model_get_n_items (list);
  double sum = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) record = g_list_model_get_item (list, i);

      sum += ekv_record_get_double (record, EKV_CRITERION_WEIGHT);
    }
  return n > 0 ? sum / n : 1.0;
}

static void
add_criterion (EkvRankingPage *self,
               const char     *criterion,
               double          weight)
{
  if (criterion == NULL || find_criterion (self, criterion) >= 0)
    return;
  g_ptr_array_add (self->criteria, g_strdup (criterion));
  g_array_append_val (self->weights, weight);
}

static EkvRecord *
find_score (EkvRecord  *option,
            const char *criterion)
{
  GListModel *scores = ekv_record_get_children (option, EKV_ENTITY_SCORE);

  for (guint i = 0; i < g_list_model_get_n_items (scores); i++)
    {
      g_autoptr(EkvRecord) score = g_list_model_get_item (scores, i);

      if (g_strcmp0 (ekv_record_get_string (score, EKV_SCORE_CRITERION), criterion) == 0)
        return score;   /* the option holds it */
    }
  return NULL;
}

static gboolean
is_ranked (EkvRecord *option)
{
  return ekv_record_get_enum (option, EKV_OPTION_STATUS) != EKV_OPTION_STATUS_REJECTED;
}

/* The criteria shown: those stored, then those of scores not stored, or the
 * defaults; with their weights. */
static void
collect_criteria (EkvRankingPage *self)
{
  GListModel *stored = ekv_document_get_list (self->document, EKV_ENTITY_CRITERION);
  GListModel *options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);
  double average = average_weight (self);

  g_ptr_array_set_size (self->criteria, 0);
  g_array_set_size (self->weights, 0);

  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    {
      g_autoptr(EkvRecord) record = g_list_model_get_item (stored, i);

      add_criterion (self, ekv_record_get_string (record, EKV_CRITERION_CRITERION),
                     ekv_record_get_double (record, EKV_CRITERION_WEIGHT));
    }

  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, i);
      GListModel *scores = ekv_record_get_children (option, EKV_ENTITY_SCORE);

      for (guint j = 0; j < g_list_model_get_n_items (scores); j++)
        {
          g_autoptr(EkvRecord) score = g_list_model_get_item (scores, j);

          add_criterion (self, ekv_record_get_string (score, EKV_SCORE_CRITERION), average);
        }
    }
  if (self->criteria->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (default_criteria); i++)
      add_criterion (self, default_criteria[i], average);
}

/* Stores every criterion shown that is not stored yet, with the weight shown
 * (inside the caller's transaction). */
static gboolean
store_shown_criteria (EkvRankingPage  *self,
                      GError         **error)
{
  for (guint i = 0; i < self->criteria->len; i++)
    {
      const char *criterion = g_ptr_array_index (self->criteria, i);
      g_autoptr(EkvRecord) fresh = NULL;

      if (find_criterion_record (self, criterion) != NULL)
        continue;
      fresh = ekv_record_new (EKV_ENTITY_CRITERION);
      ekv_record_set_string (fresh, EKV_CRITERION_CRITERION, criterion);
      ekv_record_set_double (fresh, EKV_CRITERION_WEIGHT,
                             g_array_index (self->weights, double, i));
      if (!ekv_document_insert (self->document, fresh, NULL, -1, error))
        return FALSE;
    }
  return TRUE;
}

/* WEIGHT for criterion C, with every criterion shown, in one edit. */
static gboolean
store_weight (EkvRankingPage  *self,
              guint            c,
              double           weight,
              GError         **error)
{
  g_auto(GValue) value = G_VALUE_INIT;
  EkvRecord *record;

  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, weight);
  if (!ekv_document_begin (self->document, error))
    return FALSE;
  if (!store_shown_criteria (self, error) ||
      (record = find_criterion_record (self, g_ptr_array_index (self->criteria, c))) == NULL ||
      !ekv_document_set_value (self->document, record, EKV_CRITERION_WEIGHT, &value, error) ||
      !ekv_document_commit (self->document, error))
    {
      ekv_document_rollback (self->document);
      return FALSE;
    }
  return TRUE;
}

/* Whether the rows and columns shown are still those of the document. */
static gboolean
structure_changed (EkvRankingPage *self)
{
  GListModel *options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);
  guint n = 0, n_criteria = self->criteria->len;

  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, i);

      if (n >= self->rows->len || g_array_index (self->rows, Row, n).option != option)
        return TRUE;
      n++;
    }
  if (n != self->rows->len)
    return TRUE;

  collect_criteria (self);
  return self->criteria->len != n_criteria;
}

static gboolean
score_of (EkvRecord  *option,
          const char *criterion,
          double     *value)
{
  EkvRecord *score = find_score (option, criterion);

  if (score == NULL)
    return FALSE;
  *value = ekv_record_get_double (score, EKV_SCORE_VALUE);
  return isfinite (*value);
}

/* Totals and ranks from the scores as stored, and the cells not being typed in. */
static void
update_totals (EkvRankingPage *self)
{
  double weight_sum = 0;
  GtkWidget *focus = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL)
    focus = gtk_root_get_focus (root);

  for (guint c = 0; c < self->criteria->len; c++)
    weight_sum += MAX (g_array_index (self->weights, double, c), 0);

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);

      row->ranked = is_ranked (row->option);
      row->total_value = row->ranked ? 0 : NAN;
    }

  for (guint c = 0; c < self->criteria->len; c++)
    {
      const char *criterion = g_ptr_array_index (self->criteria, c);
      double weight = MAX (g_array_index (self->weights, double, c), 0);
      double w = weight_sum > 0 ? weight / weight_sum : 0;
      double lo = INFINITY, hi = -INFINITY, x;

      for (guint r = 0; r < self->rows->len; r++)
        if (g_array_index (self->rows, Row, r).ranked &&
            score_of (g_array_index (self->rows, Row, r).option, criterion, &x))
          lo = MIN (lo, x), hi = MAX (hi, x);

      for (guint r = 0; r < self->rows->len; r++)
        {
          Row *row = &g_array_index (self->rows, Row, r);
          GtkWidget *entry = row->entries[c];

          if (row->ranked && score_of (row->option, criterion, &x))
            /* all equal: no criterion to tell them apart, each gets the full share */
            row->total_value += w * (hi > lo ? (x - lo) / (hi - lo) : 1.0);

          /* a cell shows what is stored, unless it is being typed in */
          if (focus == NULL || !gtk_widget_is_ancestor (focus, entry))
            {
              g_autofree char *text = NULL;

              if (score_of (row->option, criterion, &x))
                text = ekv_number_format (x, -1);
              self->updating = TRUE;
              if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text ? text : "") != 0)
                gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
              self->updating = FALSE;
            }
        }
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);
      g_autofree char *total = NULL;
      g_autofree char *rank = NULL;

      /* the option's name as it is now (renamed on another page) */
      {
        /* Translators: an option in the ranking matrix: its id and title */
        g_autofree char *title = NULL;

        title = g_strdup_printf (_("%s %s"), ekv_record_get_string (row->option, EKV_OPTION_ID),
                                 ekv_record_get_string (row->option, EKV_OPTION_TITLE));

        if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (row->label)), title) != 0)
          {
            gtk_label_set_text (GTK_LABEL (row->label), title);
            gtk_widget_set_tooltip_text (row->label, title);
          }
      }

      /* A rejected option keeps its row (to be taken back), without a place. */
      row->rank_value = 0;
      if (row->ranked)
        {
          row->rank_value = 1;
          for (guint s = 0; s < self->rows->len; s++)
            if (g_array_index (self->rows, Row, s).ranked &&
                g_array_index (self->rows, Row, s).total_value > row->total_value + 1e-12)
              row->rank_value++;
          total = ekv_number_format (row->total_value, 2);
          rank = g_strdup_printf ("%u", row->rank_value);
        }
      gtk_label_set_text (GTK_LABEL (row->total), total != NULL ? total : "—");
      gtk_label_set_text (GTK_LABEL (row->rank), rank != NULL ? rank : "—");
      if (row->ranked && row->rank_value <= 3)
        gtk_widget_add_css_class (row->rank, "accent");
      else
        gtk_widget_remove_css_class (row->rank, "accent");
      if (row->ranked)
        gtk_widget_remove_css_class (row->label, "dim-label");
      else
        gtk_widget_add_css_class (row->label, "dim-label");

      /* the decision, as stored */
      self->updating = TRUE;
      if (gtk_drop_down_get_selected (GTK_DROP_DOWN (row->decision)) !=
          (guint) ekv_record_get_enum (row->option, EKV_OPTION_STATUS))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (row->decision),
                                    ekv_record_get_enum (row->option, EKV_OPTION_STATUS));
      self->updating = FALSE;
    }
}

static gboolean
rebuild_cb (gpointer user_data)
{
  EkvRankingPage *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* }}} */
/* Callbacks {{{ */

static void
document_changed_cb (EkvRankingPage *self)
{
  if (structure_changed (self))
    {
      if (self->rebuild_id == 0)
        self->rebuild_id = g_idle_add (rebuild_cb, self);
    }
  else
    update_totals (self);
}

static void
score_changed_cb (GtkEditable    *entry,
                  EkvRankingPage *self)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  guint r = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "ekv-row"));
  guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "ekv-criterion"));
  const char *text = gtk_editable_get_text (entry);
  const char *criterion;
  EkvRecord *option, *score;
  double x;

  if (self->updating || r >= self->rows->len || c >= self->criteria->len)
    return;
  option = g_array_index (self->rows, Row, r).option;
  criterion = g_ptr_array_index (self->criteria, c);
  score = find_score (option, criterion);

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
  {
    g_autofree char *stripped = g_strstrip (g_strdup (text));

    /* An emptied cell removes the score. */
    if (*stripped == '\0')
      {
        if (score != NULL && !ekv_document_remove (self->document, score, &error))
          ekv_gui_toast (GTK_WIDGET (self), error->message);
        return;
      }
  }
  if (!ekv_number_parse (text, &x, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      return;
    }

  if (score != NULL)
    {
      g_value_init (&value, G_TYPE_DOUBLE);
      g_value_set_double (&value, x);
      if (!ekv_document_set_value (self->document, score, EKV_SCORE_VALUE, &value, &error))
        ekv_gui_toast (GTK_WIDGET (self), error->message);
    }
  else
    {
      g_autoptr(EkvRecord) new_score = ekv_record_new (EKV_ENTITY_SCORE);

      ekv_record_set_string (new_score, EKV_SCORE_CRITERION, criterion);
      ekv_record_set_double (new_score, EKV_SCORE_VALUE, x);
      if (!ekv_document_insert (self->document, new_score, option, -1, &error))
        ekv_gui_toast (GTK_WIDGET (self), error->message);
    }
}

static void
weight_changed_cb (GtkEditable    *entry,
                   EkvRankingPage *self)
{
  guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (entry), "ekv-criterion"));
  double weight;

  if (!ekv_number_parse (gtk_editable_get_text (entry), &weight, NULL) || weight < 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (c >= self->weights->len || g_array_index (self->weights, double, c) == weight)
    return;
  g_array_index (self->weights, double, c) = weight;
  {
    g_autoptr(GError) error = NULL;

    /* the document's "changed" brings the totals up to date */
    if (!store_weight (self, c, weight, &error))
      {
        gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
        ekv_gui_toast (GTK_WIDGET (self), error->message);
        update_totals (self);
      }
  }
}

static void
decision_selected_cb (GtkDropDown    *drop_down,
                      GParamSpec     *pspec,
                      EkvRankingPage *self)
{
  guint r = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "ekv-row"));
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  EkvRecord *option;

  if (self->updating || r >= self->rows->len || selected == GTK_INVALID_LIST_POSITION)
    return;
  option = g_array_index (self->rows, Row, r).option;
  if ((guint) ekv_record_get_enum (option, EKV_OPTION_STATUS) == selected)
    return;
  g_value_init (&value, EKV_TYPE_OPTION_STATUS);
  g_value_set_enum (&value, selected);
  if (!ekv_document_set_value (self->document, option, EKV_OPTION_STATUS, &value, &error))
    ekv_gui_toast (GTK_WIDGET (self), error->message);
}

static void
add_criterion_cb (EkvRankingPage *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->criterion_entry));
  g_autofree char *text = g_strstrip (g_strdup (typed));

  if (*text == '\0')
    return;
  ekv_ranking_page_add_criterion (self, text);
  gtk_editable_set_text (GTK_EDITABLE (self->criterion_entry), "");
}

/* }}} */
/* Building {{{ */

static GtkWidget *
header_label (const char *text,
              float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0.5 ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
rebuild (EkvRankingPage *self)
{
  GListModel *options = ekv_document_get_list (self->document, EKV_ENTITY_OPTION);
  gboolean editable = !ekv_document_is_read_only (self->document);
  GtkGrid *grid;
  guint n_criteria, n = 0;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  collect_criteria (self);
  n_criteria = self->criteria->len;

  for (guint r = 0; r < self->rows->len; r++)
    {
      g_free (g_array_index (self->rows, Row, r).entries);
      g_object_unref (g_array_index (self->rows, Row, r).option);
    }
  g_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->weight_spins, 0);

  self->grid = gtk_grid_new ();
  grid = GTK_GRID (self->grid);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_widget_set_margin_top (self->grid, 12);
  gtk_widget_set_margin_bottom (self->grid, 12);
  gtk_widget_set_margin_start (self->grid, 12);
  gtk_widget_set_margin_end (self->grid, 12);

  /* Header: the criteria with their weights, then Total and Rank */
  gtk_grid_attach (grid, header_label (_("Option"), 0), 0, 0, 1, 1);
  gtk_grid_attach (grid, header_label (_("Weight"), 0), 0, 1, 1, 1);
  for (guint c = 0; c < n_criteria; c++)
    {
      const char *label = criterion_label (g_ptr_array_index (self->criteria, c));
      GtkWidget *spin = gtk_entry_new ();
      g_autofree char *weight = ekv_number_format (g_array_index (self->weights, double, c), -1);
      /* Translators: what a screen reader says for a weight cell; %s is the criterion */
      g_autofree char *name = g_strdup_printf (_("Weight of %s"), label);

      gtk_grid_attach (grid, header_label (label, 1), 4 + c, 0, 1, 1);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
      gtk_editable_set_alignment (GTK_EDITABLE (spin), 1.0);
      gtk_editable_set_text (GTK_EDITABLE (spin), weight);
      g_object_set_data (G_OBJECT (spin), "ekv-criterion", GUINT_TO_POINTER (c));
      g_signal_connect (spin, "changed", G_CALLBACK (weight_changed_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      gtk_grid_attach (grid, spin, 4 + c, 1, 1, 1);
      g_ptr_array_add (self->weight_spins, spin);
    }
  gtk_grid_attach (grid, header_label (_("Total"), 1), 1, 0, 1, 1);
  gtk_grid_attach (grid, header_label (_("Rank"), 1), 2, 0, 1, 1);
  gtk_grid_attach (grid, header_label (_("Decision"), 0), 3, 0, 1, 1);

  for (guint i = 0; i < g_list_model_get_n_items (options); i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, i);
      g_autofree char *title = NULL;
      GtkWidget *label;
      Row row = { 0, };

      row.option = g_object_ref (option);
      row.entries = g_new0 (GtkWidget *, MAX (n_criteria, 1));
      /* Translators: an option in the ranking matrix: its id and title */
      title = g_strdup_printf (_("%s %s"), ekv_record_get_string (option, EKV_OPTION_ID),
                               ekv_record_get_string (option, EKV_OPTION_TITLE));
      label = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_width_chars (GTK_LABEL (label), 18);
      gtk_widget_set_tooltip_text (label, title);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (grid, label, 0, 2 + n, 1, 1);
      row.label = label;

      for (guint c = 0; c < n_criteria; c++)
        {
          GtkWidget *entry = gtk_entry_new ();
          g_autofree char *name = NULL;

          gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
          gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
          gtk_editable_set_editable (GTK_EDITABLE (entry), editable);
          g_object_set_data (G_OBJECT (entry), "ekv-row", GUINT_TO_POINTER (n));
          g_object_set_data (G_OBJECT (entry), "ekv-criterion", GUINT_TO_POINTER (c));
          /* Translators: what a screen reader says for a score cell: criterion, option */
          name = g_strdup_printf (_("%s score of %s"),
                                  criterion_label (g_ptr_array_index (self->criteria, c)), title);
          gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          name, -1);
          gtk_grid_attach (grid, entry, 4 + c, 2 + n, 1, 1);
          row.entries[c] = entry;
        }
      row.total = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (row.total), 1);
      gtk_widget_add_css_class (row.total, "numeric");
      gtk_grid_attach (grid, row.total, 1, 2 + n, 1, 1);
      row.rank = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (row.rank), 1);
      gtk_widget_add_css_class (row.rank, "heading");
      gtk_grid_attach (grid, row.rank, 2, 2 + n, 1, 1);
      /* W19's decision: a fixed model, never changed (see ekv-action-plan-page.c) */
      row.decision = gtk_drop_down_new (G_LIST_MODEL (status_labels ()), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (row.decision),
                                  ekv_record_get_enum (option, EKV_OPTION_STATUS));
      gtk_widget_set_sensitive (row.decision, editable);
      gtk_widget_set_valign (row.decision, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (row.decision), "ekv-row", GUINT_TO_POINTER (n));
      {
        /* Translators: what a screen reader says for an option's decision; %s is the option */
        g_autofree char *name = g_strdup_printf (_("Decision on %s"), title);

        gtk_accessible_update_property (GTK_ACCESSIBLE (row.decision),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      }
      gtk_grid_attach (grid, row.decision, 3, 2 + n, 1, 1);
      g_array_append_val (self->rows, row);
      n++;
    }

  gtk_frame_set_child (GTK_FRAME (self->frame), self->grid);
  update_totals (self);

  /* The entries get their handlers once they show the stored values. */
  for (guint r = 0; r < self->rows->len; r++)
    {
      for (guint c = 0; c < n_criteria; c++)
        g_signal_connect (g_array_index (self->rows, Row, r).entries[c], "changed",
                          G_CALLBACK (score_changed_cb), self);
      g_signal_connect (g_array_index (self->rows, Row, r).decision, "notify::selected",
                        G_CALLBACK (decision_selected_cb), self);
    }
}

/* }}} */
/* GObject {{{ */

static void
ekv_ranking_page_dispose (GObject *object)
{
  EkvRankingPage *self = EKV_RANKING_PAGE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (ekv_ranking_page_parent_class)->dispose (object);
}

static void
ekv_ranking_page_finalize (GObject *object)
{
  EkvRankingPage *self = EKV_RANKING_PAGE (object);

  for (guint r = 0; r < self->rows->len; r++)
    {
      g_free (g_array_index (self->rows, Row, r).entries);
      g_object_unref (g_array_index (self->rows, Row, r).option);
    }
  g_array_unref (self->rows);
  g_ptr_array_unref (self->criteria);
  g_array_unref (self->weights);
  g_ptr_array_unref (self->weight_spins);

  G_OBJECT_CLASS (ekv_ranking_page_parent_class)->finalize (object);
}

static void
ekv_ranking_page_class_init (EkvRankingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ekv_ranking_page_dispose;
  object_class->finalize = ekv_ranking_page_finalize;
}

static void
ekv_ranking_page_init (EkvRankingPage *self)
{
  AdwPreferencesGroup *group;
  GtkWidget *row, *button, *scrolled;

  self->criteria = g_ptr_array_new_with_free_func (g_free);
  self->weights = g_array_new (FALSE, FALSE, sizeof (double));
  self->weight_spins = g_ptr_array_new ();
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));

  self->matrix_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->matrix_group, _("Weighted criteria"));
  adw_preferences_group_set_description (self->matrix_group,
                                         _("Type each option’s score per criterion (higher is "
                                           "better). Scores are scaled 0–1 between the lowest "
                                           "and the highest of each criterion, weighted by the "
                                           "weights (as shares of their sum) and added up. "
                                           "Rejected options are not ranked; the decision on "
                                           "each option can be taken here."));
  self->frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (self->frame, "view");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->frame);
  adw_preferences_group_add (self->matrix_group, scrolled);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->matrix_group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("New criterion"));
  self->criterion_entry = gtk_entry_new ();
  gtk_widget_set_valign (self->criterion_entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->criterion_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New criterion"), -1);
  g_signal_connect_swapped (self->criterion_entry, "activate", G_CALLBACK (add_criterion_cb), self);
  button = gtk_button_new_with_mnemonic (_("_Add Criterion"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_criterion_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->criterion_entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (group, row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
  ekv_gui_widen_page (GTK_WIDGET (self), 1000);
}

/* }}} */
/* Public API {{{ */

GtkWidget *
ekv_ranking_page_new (EkvDocument *document)
{
  EkvRankingPage *self;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  self = g_object_new (EKV_TYPE_RANKING_PAGE, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);

  return GTK_WIDGET (self);
}

GPtrArray *
ekv_ranking_page_get_criteria (EkvRankingPage *self)
{
  g_return_val_if_fail (EKV_IS_RANKING_PAGE (self), NULL);

  return self->criteria;
}

static Row *
find_row (EkvRankingPage *self,
          const char     *id)
{
  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);

      if (g_strcmp0 (ekv_record_get_string (row->option, EKV_OPTION_ID), id) == 0)
        return row;
    }
  return NULL;
}

guint
ekv_ranking_page_get_rank (EkvRankingPage *self,
                           const char     *id)
{
  Row *row;

  g_return_val_if_fail (EKV_IS_RANKING_PAGE (self), 0);

  row = find_row (self, id);
  return row != NULL ? row->rank_value : 0;
}

double
ekv_ranking_page_get_total (EkvRankingPage *self,
                            const char     *id)
{
  Row *row;

  g_return_val_if_fail (EKV_IS_RANKING_PAGE (self), NAN);

  row = find_row (self, id);
  return row != NULL ? row->total_value : NAN;
}

GtkEditable *
ekv_ranking_page_get_score_entry (EkvRankingPage *self,
                                  const char     *id,
                                  const char     *criterion)
{
  Row *row;
  int c;

  g_return_val_if_fail (EKV_IS_RANKING_PAGE (self), NULL);
  g_return_val_if_fail (criterion != NULL, NULL);

  row = find_row (self, id);
  c = find_criterion (self, criterion);
  return row != NULL && c >= 0 ? GTK_EDITABLE (row->entries[c]) : NULL;
}

void
ekv_ranking_page_set_weight (EkvRankingPage *self,
                             const char     *criterion,
                             double          weight)
{
  int c;

  g_return_if_fail (EKV_IS_RANKING_PAGE (self));
  g_return_if_fail (criterion != NULL);

  c = find_criterion (self, criterion);
  g_return_if_fail (c >= 0);
  {
    g_autofree char *text = ekv_number_format (weight, -1);

    gtk_editable_set_text (g_ptr_array_index (self->weight_spins, c), text);
  }
}

void
ekv_ranking_page_add_criterion (EkvRankingPage *self,
                                const char     *criterion)
{
  g_return_if_fail (EKV_IS_RANKING_PAGE (self));
  g_return_if_fail (criterion != NULL && *criterion != '\0');

  if (find_criterion (self, criterion) >= 0)
    return;
  {
    g_autoptr(EkvRecord) record = ekv_record_new (EKV_ENTITY_CRITERION);
    g_autoptr(GError) error = NULL;

    /* as much weight as the others on average */
    ekv_record_set_string (record, EKV_CRITERION_CRITERION, criterion);
    ekv_record_set_double (record, EKV_CRITERION_WEIGHT, average_weight (self));
    /* the criteria shown stay, stored before it */
    if (!ekv_document_begin (self->document, &error) ||
        !store_shown_criteria (self, &error) ||
        !ekv_document_insert (self->document, record, NULL, -1, &error) ||
        !ekv_document_commit (self->document, &error))
      {
        ekv_document_rollback (self->document);
        ekv_gui_toast (GTK_WIDGET (self), error->message);
        return;
      }
  }
  rebuild (self);
}

GtkDropDown *
ekv_ranking_page_get_decision (EkvRankingPage *self,
                               const char     *id)
{
  Row *row;

  g_return_val_if_fail (EKV_IS_RANKING_PAGE (self), NULL);

  row = find_row (self, id);
  return row != NULL ? GTK_DROP_DOWN (row->decision) : NULL;
}

/* }}} */
