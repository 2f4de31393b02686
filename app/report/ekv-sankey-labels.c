/* ekv-sankey-labels.c: the labels of a Sankey chart, placed without overlap
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * "name — value unit", in the locale's numbers. The first column's labels go
 * left of their nodes and the last column's right of them, in margins kept
 * free for them, stacked; the others beside (or above, or below) their node
 * where they cover no node and no other label, the biggest nodes first. A
 * small node's label that finds no place is left out (and counted, so the
 * chart says so); a big node's is always drawn.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ekv-sankey-draw-private.h"
#include "ekv-util.h"

/* A value for people, in the locale's way, with the decimals it deserves. */
static char *
format_value (double value)
{
  double a = fabs (value);
  int digits = a >= 10 ? 0 : a >= 1 ? 1 : a >= 0.1 ? 2 : 3;

  if (a > 0 && a < 0.001)
    digits = 6;
  return ekv_number_format (value, digits);
}

static char *
label_markup (const char *name,
              const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  g_autofree char *escaped_value = g_markup_escape_text (value, -1);   /* a currency is typed in */

  /* Translators: a Sankey node's label: its name, then its value and unit in bold */
  return g_strdup_printf (_("%s — <b>%s</b>"), escaped, escaped_value);
}

static void
set_label_text (PangoLayout *layout,
                const char  *name,
                const char  *value)
{
  g_autofree char *markup = label_markup (name, value);

  pango_layout_set_markup (layout, markup, -1);
}

/* "— 1.234 m³/year" stays on one line: a word joiner after the dash's space
 * and after each slash, no-break spaces before and inside the unit. */
static char *
value_text (EkvSankeyDrawing *d,
            guint             node_index)
{
  const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, node_index);
  g_autofree char *number = format_value (node->value);

  if (d->graph->unit != NULL && d->graph->unit[0] != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (d->graph->unit, "/", -1);
      g_autofree char *joined = g_strjoinv ("/\u2060", parts);
      g_auto(GStrv) words = g_strsplit (joined, " ", -1);
      g_autofree char *unit = g_strjoinv ("\u00a0", words);

      return g_strdup_printf ("\u2060%s\u00a0%s", number, unit);
    }
  return g_strdup_printf ("\u2060%s", number);
}

/* The node's label on one line, shaped once per drawing (shaping text is most
 * of a large diagram's time), with its size and the width of its value. */
static const EkvSankeyLabelText *
label_text (EkvSankeyDrawing *d,
            cairo_t          *cr,
            guint             node_index)
{
  EkvSankeyLabelText *t = &d->texts[node_index];
  const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, node_index);
  EkvSankeyTextCache *cache = d->options->text_cache;
  g_autofree char *value = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *key = NULL;
  const char *text;
  const char *dash;

  if (t->line != NULL)
    return t;

  value = value_text (d, node_index);
  markup = label_markup (node->name != NULL ? node->name : "", value);
  if (cache != NULL)
    {
      EkvSankeyCachedText *cached;
      char size[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (size, sizeof size, d->font_size);
      key = g_strconcat (size, "|", d->options->font_family != NULL ? d->options->font_family : "",
                         "|", markup, NULL);
      cached = g_hash_table_lookup (cache->texts, key);
      if (cached != NULL)
        {
          cached->used = cache->generation;
          t->line = g_object_ref (cached->line);
          t->width = cached->width;
          t->height = cached->height;
          t->value_width = cached->value_width;
          return t;
        }
    }

  t->line = _ekv_sankey_new_layout (d, cr, d->font_size, FALSE);
  pango_layout_set_markup (t->line, markup, -1);
  _ekv_sankey_layout_size (t->line, &t->width, &t->height);

  /* The value is what follows the last dash; a translation without one has
   * its value measured on its own. */
  text = pango_layout_get_text (t->line);
  dash = g_strrstr (text, "—");
  if (dash != NULL)
    {
      PangoRectangle pos;

      pango_layout_index_to_pos (t->line, (int) (dash - text), &pos);
      t->value_width = ceil (t->width - (double) pos.x / PANGO_SCALE) + 1;
    }
  else
    {
      g_autoptr(PangoLayout) alone = _ekv_sankey_new_layout (d, cr, d->font_size, FALSE);
      g_autofree char *escaped = g_markup_escape_text (value, -1);
      g_autofree char *value_markup = g_strdup_printf ("— <b>%s</b>", escaped);
      double w, h;

      pango_layout_set_markup (alone, value_markup, -1);
      _ekv_sankey_layout_size (alone, &w, &h);
      t->value_width = ceil (w) + 1;
    }

  if (cache != NULL)
    {
      EkvSankeyCachedText *cached = g_new (EkvSankeyCachedText, 1);

      *cached = (EkvSankeyCachedText) { g_object_ref (t->line), t->width, t->height,
                                        t->value_width, cache->generation };
      g_hash_table_insert (cache->texts, g_steal_pointer (&key), cached);
    }
  return t;
}

/* Whether LAYOUT is a node's one-line label (drawn at its text's left edge,
 * however the label is aligned). */
static gboolean
is_one_line (EkvSankeyDrawing *d,
             guint             node_index,
             PangoLayout      *layout)
{
  return layout != NULL && layout == d->texts[node_index].line;
}

/* "name — value unit" in a box MAX_WIDTH wide (never narrower than the value:
 * a number is not broken), in at most LABEL_LINES lines: a long name is
 * shortened (…), never the value. Returns the node's one-line label (a new
 * reference) when it fits the box, else a layout wrapped to the box (its
 * lines are aligned when drawn); *BOX receives the box's width. */
static PangoLayout *
new_label_layout (EkvSankeyDrawing *d,
                  cairo_t          *cr,
                  guint             node_index,
                  double            max_width,
                  double           *box)
{
  const EkvSankeyLabelText *t = label_text (d, cr, node_index);
  const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, node_index);
  EkvSankeyTextCache *cache = d->options->text_cache;
  const char *name = node->name != NULL ? node->name : "";
  glong length = g_utf8_strlen (name, -1);
  g_autofree char *value = NULL;
  g_autofree char *key = NULL;
  PangoLayout *layout;
  gboolean cut_short;

  max_width = MAX (MAX (max_width, t->value_width), 10);
  *box = floor (max_width * PANGO_SCALE) / PANGO_SCALE;
  if (t->width <= *box)
    return g_object_ref (t->line);
  /* Wrapped to a box at most as wide as the last one and at least as wide as
   * its widest line, the lines are the same: each still fits, and the word
   * after each did not fit the wider box either. */
  if (t->wrapped != NULL && t->wrapped_width <= *box + 1e-6 && *box <= t->wrapped_box + 1e-6)
    return g_object_ref (t->wrapped);

  value = value_text (d, node_index);
  if (cache != NULL)
    {
      /* wrapped labels are kept too, under the one-line text's key and the
       * width (cached layouts are shared, never changed) */
      g_autofree char *markup = label_markup (name, value);
      EkvSankeyCachedText *cached;
      char size[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_dtostr (size, sizeof size, d->font_size);
      key = g_strdup_printf ("%s|%s|%d|%s", size,
                             d->options->font_family != NULL ? d->options->font_family : "",
                             (int) (max_width * PANGO_SCALE), markup);
      cached = g_hash_table_lookup (cache->texts, key);
      if (cached != NULL)
        {
          cached->used = cache->generation;
          return g_object_ref (cached->line);
        }
    }

  cut_short = FALSE;
  layout = _ekv_sankey_new_layout (d, cr, d->font_size, FALSE);
  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  set_label_text (layout, name, value);

  /* Too long: cut the name where the last allowed line ends, less room for
   * the value, then shorten further only if that was not enough. */
  if (pango_layout_get_line_count (layout) > LABEL_LINES)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, LABEL_LINES - 1);
      const char *text = pango_layout_get_text (layout);
      glong fits = g_utf8_strlen (text, line->start_index + line->length);
      glong keep = fits - g_utf8_strlen (value, -1) - 4;
      g_autofree char *cut = NULL;
      g_autofree char *shorter = NULL;

      length = CLAMP (keep, 1, length);
      cut = g_utf8_substring (name, 0, length);
      shorter = g_strconcat (g_strchomp (cut), "…", NULL);
      set_label_text (layout, shorter, value);
      cut_short = TRUE;
    }
  while (pango_layout_get_line_count (layout) > LABEL_LINES && length > 1)
    {
      g_autofree char *cut = NULL;
      g_autofree char *shorter = NULL;

      length = MAX (1, length - MAX (1, length / 8));
      cut = g_utf8_substring (name, 0, length);
      shorter = g_strconcat (g_strchomp (cut), "…", NULL);
      set_label_text (layout, shorter, value);
    }

  if (cache != NULL)
    {
      EkvSankeyCachedText *cached = g_new0 (EkvSankeyCachedText, 1);

      cached->line = g_object_ref (layout);
      cached->used = cache->generation;
      g_hash_table_insert (cache->texts, g_steal_pointer (&key), cached);
    }
  if (!cut_short)
    {
      EkvSankeyLabelText *memo = &d->texts[node_index];
      double height;

      g_set_object (&memo->wrapped, layout);
      memo->wrapped_box = *box;
      _ekv_sankey_layout_size (layout, &memo->wrapped_width, &height);
    }
  return layout;
}

/* Where each character of NODE's one-line label starts, and where it ends
 * (Pango units): read once from its clusters. */
static const EkvSankeyLabelText *
label_positions (EkvSankeyDrawing *d,
                 cairo_t          *cr,
                 guint             node_index)
{
  EkvSankeyLabelText *t = (EkvSankeyLabelText *) label_text (d, cr, node_index);
  const char *text;
  PangoLayoutIter *iter;
  PangoRectangle logical;
  int previous_index = 0, previous_char = 0;

  if (t->xs != NULL)
    return t;

  text = pango_layout_get_text (t->line);
  t->n_chars = (int) g_utf8_strlen (text, -1);
  t->xs = g_new (int, t->n_chars + 1);
  for (int i = 0; i <= t->n_chars; i++)
    t->xs[i] = -1;
  iter = pango_layout_get_iter (t->line);
  do
    {
      int index = pango_layout_iter_get_index (iter);
      int c;

      if (index < previous_index)
        break;   /* not left to right: the estimate stays coarse */
      c = previous_char + (int) g_utf8_pointer_to_offset (text + previous_index, text + index);
      previous_index = index;
      previous_char = c;
      if (c < t->n_chars)
        {
          pango_layout_iter_get_cluster_extents (iter, NULL, &logical);
          t->xs[c] = logical.x;
        }
    }
  while (pango_layout_iter_next_cluster (iter));
  pango_layout_iter_free (iter);

  pango_layout_get_extents (t->line, NULL, &logical);
  t->xs[t->n_chars] = logical.x + logical.width;
  /* characters inside a cluster start where it does */
  for (int i = 0; i < t->n_chars; i++)
    if (t->xs[i] < 0)
      t->xs[i] = i > 0 ? t->xs[i - 1] : 0;
  return t;
}

/* The size NODE's label takes wrapped in a box BOX wide, found from its one-line
 * layout's break opportunities and positions, breaking as Pango does (where
 * a line would overflow: at the last opportunity, or within a word longer
 * than the line), without laying the text out again, which is the costly
 * part. Good to a pixel or so; a place chosen on it is checked at the real
 * size. */
static void
estimate_wrap (EkvSankeyDrawing *d,
               cairo_t          *cr,
               guint             node_index,
               double            box,
               double           *width,
               double           *height)
{
  const EkvSankeyLabelText *t = label_positions (d, cr, node_index);
  const PangoLogAttr *attrs;
  int n_attrs, limit = (int) (box * PANGO_SCALE);
  int start = 0, last_break = -1, lines = 1, widest = 0;

  if (t->width <= box)
    {
      *width = t->width;
      *height = t->height;
      return;
    }

  attrs = pango_layout_get_log_attrs_readonly (t->line, &n_attrs);
  for (int i = 1; i <= t->n_chars && i < n_attrs; i++)
    {
      if (t->xs[i] - t->xs[start] > limit && i - 1 > start)
        {
          int end = last_break > start ? last_break : i - 1;
          int visible = end;

          while (visible > start && attrs[visible - 1].is_white)
            visible--;
          widest = MAX (widest, t->xs[visible] - t->xs[start]);
          lines++;
          start = end;
          last_break = -1;
          i = start;
          continue;
        }
      if (i < t->n_chars && attrs[i].is_line_break)
        last_break = i;
    }
  widest = MAX (widest, t->xs[t->n_chars] - t->xs[start]);

  *width = MIN ((double) widest / PANGO_SCALE, box);
  *height = MIN (lines, LABEL_LINES) * t->height;
}

/* LAYOUT's size; a one-line label's is known without asking Pango again. */
static void
label_size (EkvSankeyDrawing *d,
            guint             node_index,
            PangoLayout      *layout,
            double           *width,
            double           *height)
{
  if (is_one_line (d, node_index, layout))
    {
      *width = d->texts[node_index].width;
      *height = d->texts[node_index].height;
    }
  else
    _ekv_sankey_layout_size (layout, width, height);
}

/* Texts not drawn in this many drawings are let go. */
#define CACHE_KEEP 3

static gboolean
is_stale (gpointer key,
          gpointer value,
          gpointer user_data)
{
  const EkvSankeyCachedText *cached = value;
  const EkvSankeyTextCache *cache = user_data;

  return cache->generation - cached->used >= CACHE_KEEP;
}

void
_ekv_sankey_texts_free (EkvSankeyDrawing *d)
{
  EkvSankeyTextCache *cache = d->options->text_cache;

  if (d->texts == NULL)
    return;
  for (guint i = 0; i < d->graph->nodes->len; i++)
    {
      g_clear_object (&d->texts[i].line);
      g_clear_object (&d->texts[i].wrapped);
      g_clear_pointer (&d->texts[i].xs, g_free);
    }
  g_clear_pointer (&d->texts, g_free);

  if (cache != NULL)
    {
      g_hash_table_foreach_remove (cache->texts, is_stale, cache);
      cache->generation++;
    }
}

static void
cached_text_free (gpointer data)
{
  EkvSankeyCachedText *cached = data;

  g_object_unref (cached->line);
  g_free (cached);
}

EkvSankeyTextCache *
ekv_sankey_text_cache_new (void)
{
  EkvSankeyTextCache *cache = g_new0 (EkvSankeyTextCache, 1);

  cache->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_text_free);
  cache->generation = CACHE_KEEP;
  return cache;
}

void
ekv_sankey_text_cache_free (EkvSankeyTextCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->texts);
  g_clear_object (&cache->context);
  g_free (cache);
}

/* ------------------------------------------------------------------------ */
/* Labels                                                                   */

static int
compare_want (gconstpointer a,
              gconstpointer b)
{
  const EkvSankeyLabel *la = *(EkvSankeyLabel * const *) a;
  const EkvSankeyLabel *lb = *(EkvSankeyLabel * const *) b;

  if (la->want != lb->want)
    return la->want < lb->want ? -1 : 1;
  return la->node < lb->node ? -1 : 1;
}

/* Places the labels of one lane (a column's labels) top to bottom without
 * overlap, each as near its node as it can be. A label that has to move far
 * from a small node is dropped (the smallest first); a big node's is kept. */
static void
place_lane (EkvSankeyDrawing *d,
            GPtrArray        *lane,
            double            top,
            double            bottom)
{
  double gap = 1;

  g_ptr_array_sort (lane, compare_want);

  for (;;)
    {
      double total = 0, y, limit;
      EkvSankeyLabel *victim = NULL;
      guint n = 0;

      for (guint i = 0; i < lane->len; i++)
        {
          EkvSankeyLabel *l = g_ptr_array_index (lane, i);

          if (!l->dropped)
            {
              total += l->height + (n > 0 ? gap : 0);
              n++;
            }
        }
      if (n == 0)
        return;

      y = top;
      for (guint i = 0; i < lane->len; i++)
        {
          EkvSankeyLabel *l = g_ptr_array_index (lane, i);

          if (l->dropped)
            continue;
          l->y = MAX (l->want - l->height / 2, y);
          y = l->y + l->height + gap;
        }
      limit = bottom;
      for (guint i = lane->len; i-- > 0;)
        {
          EkvSankeyLabel *l = g_ptr_array_index (lane, i);

          if (l->dropped)
            continue;
          l->y = MIN (l->y, limit - l->height);
          limit = l->y - gap;
        }
      if (total <= bottom - top)
        {
          /* It fits: is every small node's label still beside its node? */
          for (guint i = 0; i < lane->len; i++)
            {
              EkvSankeyLabel *l = g_ptr_array_index (lane, i);
              const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, l->node);
              double reach = (node->y1 - node->y0) / 2 + d->font_size * 2;

              if (l->dropped || l->big || fabs (l->y + l->height / 2 - l->want) <= reach)
                continue;
              if (victim == NULL || node->value < g_array_index (d->graph->nodes, EkvSankeyNode,
                                                                 victim->node).value)
                victim = l;
            }
        }
      else
        {
          for (guint i = 0; i < lane->len; i++)
            {
              EkvSankeyLabel *l = g_ptr_array_index (lane, i);
              const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, l->node);

              if (l->dropped || l->big)
                continue;
              if (victim == NULL || node->value < g_array_index (d->graph->nodes, EkvSankeyNode,
                                                                 victim->node).value)
                victim = l;
            }
          if (victim == NULL)
            {
              /* Only big nodes left and still too many: stack them from the top
               * and let the lowest run past the bottom rather than hide one. */
              y = top;
              for (guint i = 0; i < lane->len; i++)
                {
                  EkvSankeyLabel *l = g_ptr_array_index (lane, i);

                  if (l->dropped)
                    continue;
                  l->y = y;
                  y += l->height + gap;
                }
              return;
            }
        }
      if (victim == NULL)
        return;
      victim->dropped = TRUE;
    }
}

typedef struct
{
  double x0, y0, x1, y1;
} Box;

/* The boxes labels must not cover (nodes, labels placed), with a grid of
 * cells listing the boxes over each, so that a test looks at a few boxes
 * rather than at all of them. */
typedef struct
{
  GArray  *boxes;   /* Box */
  double   cell;    /* px */
  int      nx, ny;
  GArray **cells;   /* nx × ny arrays of guint box indices */
  GArray  *seen;    /* guint per box: the last query that met it */
  guint    query;
} Taken;

static Taken *
taken_new (double width,
           double height)
{
  Taken *taken = g_new0 (Taken, 1);

  taken->boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  taken->cell = 48;
  taken->nx = MAX (1, (int) ceil (width / taken->cell));
  taken->ny = MAX (1, (int) ceil (height / taken->cell));
  taken->cells = g_new0 (GArray *, taken->nx * taken->ny);
  taken->seen = g_array_new (FALSE, TRUE, sizeof (guint));
  return taken;
}

static void
taken_free (Taken *taken)
{
  for (int i = 0; i < taken->nx * taken->ny; i++)
    if (taken->cells[i] != NULL)
      g_array_unref (taken->cells[i]);
  g_free (taken->cells);
  g_array_unref (taken->boxes);
  g_array_unref (taken->seen);
  g_free (taken);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Taken, taken_free)

/* The cells a box lies over (boxes outside the drawing count in its edge cells). */
static void
taken_range (Taken     *taken,
             const Box *box,
             int       *cx0,
             int       *cy0,
             int       *cx1,
             int       *cy1)
{
  *cx0 = CLAMP ((int) floor (box->x0 / taken->cell), 0, taken->nx - 1);
  *cx1 = CLAMP ((int) floor (box->x1 / taken->cell), 0, taken->nx - 1);
  *cy0 = CLAMP ((int) floor (box->y0 / taken->cell), 0, taken->ny - 1);
  *cy1 = CLAMP ((int) floor (box->y1 / taken->cell), 0, taken->ny - 1);
}

static void
taken_add (Taken     *taken,
           const Box *box)
{
  guint index = taken->boxes->len;
  int cx0, cy0, cx1, cy1;

  g_array_append_val (taken->boxes, *box);
  g_array_set_size (taken->seen, taken->boxes->len);
  taken_range (taken, box, &cx0, &cy0, &cx1, &cy1);
  for (int y = cy0; y <= cy1; y++)
    for (int x = cx0; x <= cx1; x++)
      {
        GArray **cell = &taken->cells[y * taken->nx + x];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

static gboolean
box_is_free (const Box *box,
             Taken     *taken)
{
  int cx0, cy0, cx1, cy1;

  taken_range (taken, box, &cx0, &cy0, &cx1, &cy1);
  for (int y = cy0; y <= cy1; y++)
    for (int x = cx0; x <= cx1; x++)
      {
        GArray *cell = taken->cells[y * taken->nx + x];

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            const Box *t = &g_array_index (taken->boxes, Box, g_array_index (cell, guint, i));

            if (box->x0 < t->x1 && t->x0 < box->x1 && box->y0 < t->y1 && t->y0 < box->y1)
              return FALSE;
          }
      }
  return TRUE;
}

static void
label_box (const EkvSankeyLabel *l,
           Box                  *box)
{
  double w = l->width;

  /* A right-aligned layout is as wide as its width; its text ends at the right. */
  if (l->centred)
    box->x0 = l->x + (l->box - w) / 2;
  else if (!l->right)
    box->x0 = l->x + l->box - w;
  else
    box->x0 = l->x;
  box->x1 = box->x0 + w;
  box->y0 = l->y;
  box->y1 = l->y + l->height;
}

static int
compare_value (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  EkvSankeyDrawing *d = data;
  const EkvSankeyLabel *la = *(EkvSankeyLabel * const *) a;
  const EkvSankeyLabel *lb = *(EkvSankeyLabel * const *) b;
  double va = g_array_index (d->graph->nodes, EkvSankeyNode, la->node).value;
  double vb = g_array_index (d->graph->nodes, EkvSankeyNode, lb->node).value;

  if (va != vb)
    return va > vb ? -1 : 1;
  return la->node < lb->node ? -1 : 1;
}

/* Tries the label of a node of a middle column right of it, then left of it,
 * at its centre and then a little higher or lower, then above and below it;
 * wide first, then narrower (more lines); keeps the first place that covers no
 * node and no other label. */
/* Label L with LAYOUT (shared: its alignment is set once a place is chosen;
 * NULL while its size is only estimated), BOX wide, its text WIDTH × HEIGHT,
 * right of its node (SIDE 0), left (1), above or below (2 to 7). */
static void
try_side (EkvSankeyDrawing *d,
          EkvSankeyLabel   *l,
          PangoLayout      *layout,
          double            box,
          double            width,
          double            height,
          guint             side)
{
  const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, l->node);

  l->layout = layout;
  l->box = box;
  l->right = side != 1;
  l->centred = side >= 2;
  l->width = width;
  l->height = height;
  switch (side)
    {
    case 0:
      l->x = node->x1 + LABEL_GAP;
      break;
    case 1:
      l->x = node->x0 - LABEL_GAP - box;
      break;
    default:
      /* above (even) or below (odd) the node: centred on it (2, 3), ending at
       * its right edge (4, 5) or starting at its left edge (6, 7); the text
       * is centred in the layout's box, WIDTH wide within BOX */
      if (side <= 3)
        l->x = (node->x0 + node->x1) / 2 - box / 2;
      else if (side <= 5)
        l->x = node->x1 - width - (box - width) / 2;
      else
        l->x = node->x0 - (box - width) / 2;
      l->y = side % 2 == 0 ? node->y0 - 2 - l->height : MAX (node->y1, node->y0 + 1) + 2;
      break;
    }
}

static gboolean
fits (EkvSankeyDrawing *d,
      EkvSankeyLabel   *l,
      Taken            *taken,
      double            top,
      double            bottom)
{
  Box box;

  label_box (l, &box);
  return box.y0 >= top && box.y1 <= bottom && box.x0 >= 0 && box.x1 <= d->width
         && box_is_free (&box, taken);
}

/* How much of L's box lies over taken boxes or outside the plot, in px²;
 * once that reaches LEAST, what it is so far (the caller keeps only a place
 * that covers less). */
static double
overlap (EkvSankeyDrawing *d,
         EkvSankeyLabel   *l,
         Taken            *taken,
         double            top,
         double            bottom,
         double            least)
{
  Box box;
  double area;
  int cx0, cy0, cx1, cy1;

  label_box (l, &box);
  /* Outside the plot counts ten times: it would be cut off. */
  area = 10 * (box.x1 - box.x0) * (MAX (0, top - box.y0) + MAX (0, box.y1 - bottom))
         + 10 * (box.y1 - box.y0) * (MAX (0, -box.x0) + MAX (0, box.x1 - d->width));

  /* the boxes in the cells it lies over, each once */
  taken->query++;
  taken_range (taken, &box, &cx0, &cy0, &cx1, &cy1);
  for (int y = cy0; y <= cy1 && area < least; y++)
    for (int x = cx0; x <= cx1 && area < least; x++)
      {
        GArray *cell = taken->cells[y * taken->nx + x];

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            guint index = g_array_index (cell, guint, i);
            guint *seen = &g_array_index (taken->seen, guint, index);
            const Box *t = &g_array_index (taken->boxes, Box, index);
            double w, h;

            if (*seen == taken->query)
              continue;
            *seen = taken->query;
            w = MIN (box.x1, t->x1) - MAX (box.x0, t->x0);
            h = MIN (box.y1, t->y1) - MAX (box.y0, t->y0);
            if (w > 0 && h > 0)
              area += w * h;
          }
      }
  return area;
}

typedef struct
{
  guint  variant;
  double y;
  double cost;
} Candidate;

static int
compare_cost (gconstpointer a,
              gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->cost != cb->cost)
    return ca->cost < cb->cost ? -1 : 1;
  return ca->variant != cb->variant ? (ca->variant < cb->variant ? -1 : 1) : (ca->y < cb->y ? -1 : 1);
}

/* Places the label of a node of a middle column where it covers no node and
 * no other label: beside the node (right rather than left), as near its centre
 * as can be, wide rather than narrow (more lines), or above or below it. */
/* The layout of a label WIDTH wide and its real size. */
static void
make_width (EkvSankeyDrawing *d,
            cairo_t          *cr,
            guint             node,
            double            width,
            PangoLayout     **layout,
            double           *size,
            double           *box)
{
  *layout = new_label_layout (d, cr, node, width, box);
  label_size (d, node, *layout, &size[0], &size[1]);
}

/* V on SIDE of its node, SHIFT px further (beside: from the node's centre). */
static void
place_variant (EkvSankeyDrawing *d,
               EkvSankeyLabel   *v,
               PangoLayout      *layout,
               double            box,
               const double     *size,
               guint             side,
               double            shift)
{
  try_side (d, v, layout, box, size[0], size[1], side);
  if (side < 2)
    v->y = v->want - v->height / 2 + shift;
  else
    v->y += shift;
}

/* Every place to try for a middle label, cheapest first: variant = width ×
 * 8 + side, y the shift from the node's centre (sides 0 and 1) or the step
 * away from it (above and below). Made once per drawing for shifts up to
 * REACH; each label skips what is beyond its own reach and the widths it does
 * not have. */
static GArray *
candidates_new (EkvSankeyDrawing *d,
                double            reach)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  double step = d->font_size * 0.5;

  for (guint w = 0; w < 4; w++)
    for (guint side = 0; side < 8; side++)
      {
        if (side >= 2)
          {
            /* further up (above) or down (below) when right beside it is taken */
            for (int k = 0; k < 8; k++)
              {
                Candidate c = { w * 8 + side, (side % 2 == 0 ? -1 : 1) * k * step,
                                d->font_size * (side <= 3 ? 2 : 2.5) + w * d->font_size * 1.5
                                + k * step * 1.5 };

                g_array_append_val (candidates, c);
              }
            continue;
          }
        for (int k = 0; k * step <= reach; k++)
          for (int sign = -1; sign <= 1; sign += 2)
            {
              Candidate c = { w * 8 + side, sign * k * step,
                              k * step + w * d->font_size * 1.5 + (side == 1 ? d->font_size * 0.5 : 0) };

              if (k == 0 && sign > 0)
                continue;
              g_array_append_val (candidates, c);
            }
      }
  g_array_sort (candidates, compare_cost);
  return candidates;
}

/* The reach of a middle label: how far from its node's centre it may be. */
static double
label_reach (EkvSankeyDrawing     *d,
             const EkvSankeyLabel *l)
{
  const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, l->node);

  return (node->y1 - node->y0) / 2 + d->font_size * 2.5;
}

/* Characters that take room (not the word joiners the value is held with). */
static glong
visible_chars (const char *text)
{
  glong n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    n += g_utf8_get_char (p) != 0x2060;
  return n;
}

/* Whether L's label, as small as it can possibly be, fits anywhere it may go:
 * no glyph of the font is narrower than a quarter of its size and no line
 * lower than its size, so the value (never broken) is at least that wide, and
 * the label at least that many lines at the widest box tried. A smaller box at
 * each place lies within the real one, so where this one finds no room the
 * real label finds none either: a small node's label is then left out without
 * being shaped (on a crowded diagram most are). */
static gboolean
room_for_any (EkvSankeyDrawing *d,
              EkvSankeyLabel   *l,
              const GArray     *candidates,
              double            reach,
              Taken            *taken,
              double            top,
              double            bottom)
{
  const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, l->node);
  g_autofree char *value = value_text (d, l->node);
  double narrowest = d->font_size * 0.25;
  double value_width = (visible_chars (value) + 2) * narrowest;      /* and "— " */
  double all = value_width + (node->name != NULL ? visible_chars (node->name) + 1 : 0) * narrowest;
  double widest = d->font_size * 13;
  double smallest[2];

  smallest[0] = MAX (value_width, MIN (all, widest));
  smallest[1] = d->font_size * CLAMP (ceil (all / widest), 1, LABEL_LINES);

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);
      guint side = c->variant % 8;
      EkvSankeyLabel v = *l;

      if (c->variant / 8 != 0 || (side < 2 && fabs (c->y) > reach))
        continue;
      place_variant (d, &v, NULL, smallest[0], smallest, side, c->y);
      if (fits (d, &v, taken, top, bottom))
        return TRUE;
    }
  return FALSE;
}

static gboolean
place_middle (EkvSankeyDrawing *d,
              cairo_t          *cr,
              EkvSankeyLabel   *l,
              const GArray     *candidates,
              Taken            *taken,
              double            gap_right,
              double            gap_left,
              double            top,
              double            bottom)
{
  double reach = label_reach (d, l) + 1e-9;
  double wide = d->font_size * 13;
  double widths[] = { wide, wide * 0.75, wide * 0.55, MAX (gap_right, gap_left) };
  gboolean has_width[G_N_ELEMENTS (widths)];
  PangoLayout *layouts[G_N_ELEMENTS (widths)] = { NULL, };
  double sizes[G_N_ELEMENTS (widths)][2], boxes[G_N_ELEMENTS (widths)];
  double least = G_MAXDOUBLE;
  int best = -1;
  gboolean found = FALSE;

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    has_width[w] = !(widths[w] < d->font_size * 4 || (w == 3 && widths[w] >= widths[2]));
  if (!l->big && !room_for_any (d, l, candidates, reach, taken, top, bottom))
    return FALSE;

  /* Shaping text is the slow part: the size at each width is first estimated
   * from the one-line label, and a width's layout is made only when a place
   * looks free at that estimate. */
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      boxes[w] = MAX (widths[w], label_text (d, cr, l->node)->value_width);
      if (has_width[w])
        estimate_wrap (d, cr, l->node, boxes[w], &sizes[w][0], &sizes[w][1]);
    }

  /* A place that covers nothing; for a big node, when there is none, the
   * place that covers least, as it is never left without its name. */
  for (guint pass = 0; pass < (l->big ? 2 : 1) && !found; pass++)
    for (guint i = 0; i <= candidates->len && !found; i++)
      {
        const Candidate *c;
        guint w, side;
        EkvSankeyLabel v = *l;

        if (i == candidates->len)
          {
            /* after the second pass: the place that covers least */
            if (pass == 0 || best < 0)
              break;
            c = &g_array_index (candidates, Candidate, best);
            w = c->variant / 8;
            side = c->variant % 8;
            if (layouts[w] == NULL)
              make_width (d, cr, l->node, widths[w], &layouts[w], sizes[w], &boxes[w]);
            place_variant (d, &v, layouts[w], boxes[w], sizes[w], side, c->y);
          }
        else
          {
            c = &g_array_index (candidates, Candidate, i);
            w = c->variant / 8;
            side = c->variant % 8;
            if (!has_width[w] || (side < 2 && fabs (c->y) > reach))
              continue;

            /* the second pass compares the estimated sizes too; only the
             * place taken is shaped */
            place_variant (d, &v, layouts[w], boxes[w], sizes[w], side, c->y);
            if (pass == 1)
              {
                double area = overlap (d, &v, taken, top, bottom, least);

                if (area < least)
                  {
                    least = area;
                    best = i;
                  }
                continue;
              }
            if (!fits (d, &v, taken, top, bottom))
              continue;
            if (layouts[w] == NULL)
              {
                /* looks free: is it, at the text's real size? */
                make_width (d, cr, l->node, widths[w], &layouts[w], sizes[w], &boxes[w]);
                v = *l;
                place_variant (d, &v, layouts[w], boxes[w], sizes[w], side, c->y);
                if (!fits (d, &v, taken, top, bottom))
                  continue;
              }
          }
        g_clear_object (&l->layout);
        *l = v;
        g_object_ref (l->layout);
        found = TRUE;
      }

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    g_clear_object (&layouts[w]);
  return found;
}

/* Makes and places every node's label: the first column's left of its nodes
 * and the last column's right of them, in the margins, stacked; the others
 * beside their node where they cover no node and no other label, the biggest
 * nodes first. */
GPtrArray *
_ekv_sankey_labels_make (EkvSankeyDrawing *d,
                         cairo_t          *cr,
                         double            left_width,
                         double            right_width,
                         double            top,
                         double            bottom)
{
  EkvSankeyGraph *graph = d->graph;
  GPtrArray *labels = g_ptr_array_new_with_free_func (g_free);
  guint n_columns = d->columns->len;
  g_autoptr(GPtrArray) left = g_ptr_array_new ();
  g_autoptr(GPtrArray) right = g_ptr_array_new ();
  g_autoptr(GPtrArray) middle = g_ptr_array_new ();
  g_autoptr(Taken) taken = taken_new (d->width, d->height);
  g_autoptr(GArray) candidates = NULL;
  double big = MAX (d->font_size * 1.2, (bottom - top) * 0.04);

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      const EkvSankeyNode *node = &g_array_index (graph->nodes, EkvSankeyNode, i);
      guint c = _ekv_sankey_column_of (d->columns, node->x0);
      EkvSankeyLabel *label = g_new0 (EkvSankeyLabel, 1);
      Box box = { node->x0 - 1, node->y0 - 1, node->x1 + 1, MAX (node->y1, node->y0 + 1) + 1 };

      taken_add (taken, &box);
      label->node = i;
      label->want = (node->y0 + node->y1) / 2;
      label->big = node->y1 - node->y0 >= big;
      g_ptr_array_add (labels, label);

      if (c == 0 && n_columns > 1)
        {
          label->right = FALSE;
          label->layout = new_label_layout (d, cr, i, left_width, &label->box);
          label->x = node->x0 - LABEL_GAP - label->box;
          g_ptr_array_add (left, label);
        }
      else if (c + 1 >= n_columns)
        {
          label->right = TRUE;
          label->layout = new_label_layout (d, cr, i, right_width, &label->box);
          label->x = node->x1 + LABEL_GAP;
          g_ptr_array_add (right, label);
        }
      else
        {
          g_ptr_array_add (middle, label);
          continue;
        }
      label->in_margin = TRUE;
      label_size (d, i, label->layout, &label->width, &label->height);
    }

  place_lane (d, left, top, bottom);
  place_lane (d, right, top, bottom);
  for (guint i = 0; i < labels->len; i++)
    {
      EkvSankeyLabel *l = g_ptr_array_index (labels, i);
      Box box;

      if (l->layout == NULL || l->dropped)
        continue;
      label_box (l, &box);
      taken_add (taken, &box);
    }

  g_ptr_array_sort_with_data (middle, compare_value, d);
  {
    double reach = 0;

    for (guint i = 0; i < middle->len; i++)
      reach = MAX (reach, label_reach (d, g_ptr_array_index (middle, i)));
    candidates = candidates_new (d, reach);
  }
  for (guint i = 0; i < middle->len; i++)
    {
      EkvSankeyLabel *l = g_ptr_array_index (middle, i);
      const EkvSankeyNode *node = &g_array_index (graph->nodes, EkvSankeyNode, l->node);
      guint c = _ekv_sankey_column_of (d->columns, node->x0);
      double next = g_array_index (d->columns, double, c + 1);
      double previous = g_array_index (d->columns, double, c - 1) + (node->x1 - node->x0);
      Box box;

      if (!place_middle (d, cr, l, candidates, taken, next - node->x1 - 2 * LABEL_GAP,
                         node->x0 - previous - 2 * LABEL_GAP, top, bottom))
        {
          if (!l->big)
            {
              l->dropped = TRUE;
              continue;
            }
          /* A big node is never left without its name: right of it, as near
           * as it gets, even over something else. */
          g_clear_object (&l->layout);
          l->right = TRUE;
          l->centred = FALSE;
          l->layout = new_label_layout (d, cr, l->node, d->font_size * 10, &l->box);
          label_size (d, l->node, l->layout, &l->width, &l->height);
          l->x = node->x1 + LABEL_GAP;
          l->y = CLAMP (l->want - l->height / 2, top, MAX (top, bottom - l->height));
        }
      label_box (l, &box);
      taken_add (taken, &box);
    }

  return labels;
}

void
_ekv_sankey_labels_free (GPtrArray *labels)
{
  for (guint i = 0; i < labels->len; i++)
    {
      EkvSankeyLabel *label = g_ptr_array_index (labels, i);

      g_clear_object (&label->layout);
    }
  g_ptr_array_unref (labels);
}

/* The widest label of the first (or last) column's nodes at MAX_WIDTH. */
double
_ekv_sankey_labels_margin (EkvSankeyDrawing *d,
                           cairo_t          *cr,
                           guint             column,
                           double            max_width)
{
  double widest = 0;

  for (guint i = 0; i < d->graph->nodes->len; i++)
    {
      const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, i);
      g_autoptr(PangoLayout) layout = NULL;
      PangoRectangle ink, logical;
      double box;

      if (_ekv_sankey_column_of (d->columns, node->x0) != column)
        continue;
      layout = new_label_layout (d, cr, i, max_width, &box);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      widest = MAX (widest, logical.x + logical.width);
    }
  /* a value wider than MAX_WIDTH widens the margin: a number is not broken */
  return widest > 0 ? ceil (widest) + LABEL_GAP + 2 : 0;
}

guint
_ekv_sankey_labels_draw (EkvSankeyDrawing *d,
                         cairo_t          *cr,
                         GPtrArray        *labels)
{
  guint dropped = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      EkvSankeyLabel *l = g_ptr_array_index (labels, i);
      const EkvSankeyNode *node = &g_array_index (d->graph->nodes, EkvSankeyNode, l->node);
      double centre = l->y + l->height / 2;

      if (l->dropped)
        {
          dropped++;
          continue;
        }
      /* A label pushed away from its node points back at it. */
      if (l->centred && (l->y + l->height < node->y0 - 4 || l->y > node->y1 + 4))
        {
          double x = (node->x0 + node->x1) / 2;
          gboolean above = l->y < node->y0;

          _ekv_sankey_leader (d, cr, x, above ? node->y0 - 1 : node->y1 + 1,
                              x, above ? l->y + l->height : l->y);
        }
      else if (!l->centred && (centre < node->y0 - 2 || centre > node->y1 + 2))
        {
          double edge = l->right ? node->x1 + 1 : node->x0 - 1;
          double end = l->right ? l->x : l->x + l->box;

          _ekv_sankey_leader (d, cr, edge, CLAMP (centre, node->y0, node->y1), end, centre);
        }
      {
        Box text;

        label_box (l, &text);
        if (is_one_line (d, l->node, l->layout))
          _ekv_sankey_show_text (d, cr, l->layout, text.x0, l->y, !l->in_margin);
        else
          _ekv_sankey_show_lines (d, cr, l->layout, l->x, l->y, l->box,
                                  l->centred ? PANGO_ALIGN_CENTER
                                  : l->right ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT,
                                  !l->in_margin);
      }
      if (d->options->labels != NULL)
        {
          Box box;
          EkvSankeyLabelBox out;

          label_box (l, &box);
          out = (EkvSankeyLabelBox) { l->node, box.x0, box.y0, box.x1, box.y1 };
          g_array_append_val (d->options->labels, out);
        }
    }
  return dropped;
}
