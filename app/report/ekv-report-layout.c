/* ekv-report-layout.c: the report's blocks measured, placed into pages and drawn
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Text is measured once, in points, with unhinted metrics, so that it breaks
 * into the same lines on the PDF surface, in the print preview and on the
 * printer. Pages are filled top to bottom: a chapter heading starts a page, a
 * heading never ends one, a paragraph splits between lines, a table between
 * rows with its header row repeated, tiles and figures stay whole.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "ekv-report-private.h"

#define CELL_PAD_X      4.0
#define CELL_PAD_Y      3.0
#define TILE_HEIGHT     54.0
#define TILE_GAP        8.0
#define TILES_PER_ROW   4
#define BLOCK_GAP       8.0
#define KEEP_WITH_NEXT  72.0   /* a heading needs this much room below it */
#define CAPTION_SIZE    8.0
#define CONTENTS_TITLE  48.0   /* the contents' heading and the space under it */
#define CONTENTS_LINE   22.0   /* one chapter in the contents */
#define CONTINUED_SIZE  9.0    /* the line over a table continued from a page before */
#define FILL_MIN        0.5    /* a fill figure wants this much of a page, or a new one */

static const double accent[3] = { 0.06, 0.30, 0.38 };
static const double grey[3] = { 0.40, 0.42, 0.45 };
static const double ink[3] = { 0.10, 0.10, 0.12 };

typedef struct
{
  EkvReportBlock *block;
  double          y;
  guint           first;   /* PARAGRAPH: lines; TABLE: rows; [first, last) */
  guint           last;
  gboolean        continued;
} Placement;

/* ------------------------------------------------------------------------ */
/* Blocks                                                                   */

static void
block_free (gpointer data)
{
  EkvReportBlock *block = data;

  g_free (block->text);
  g_clear_pointer (&block->line_tops, g_array_unref);
  g_clear_pointer (&block->tiles, g_ptr_array_unref);
  g_free (block->widths);
  g_free (block->align);
  g_free (block->continued);
  g_clear_pointer (&block->header, g_ptr_array_unref);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_clear_pointer (&block->row_flags, g_array_unref);
  g_clear_pointer (&block->row_heights, g_array_unref);
  if (block->destroy != NULL && block->data != NULL)
    block->destroy (block->data);
  g_free (block);
}

static EkvReportBlock *
add_block (EkvReport          *report,
           EkvReportBlockKind  kind)
{
  EkvReportBlock *block = g_new0 (EkvReportBlock, 1);

  if (report->blocks == NULL)
    report->blocks = g_ptr_array_new_with_free_func (block_free);
  block->kind = kind;
  block->size = EKV_REPORT_BODY_SIZE;
  block->landscape = report->adding_landscape;
  block->index = report->blocks->len;
  g_ptr_array_add (report->blocks, block);
  return block;
}

/* The size of a page in ORIENTATION. */
static void
page_size (EkvReport *report,
           gboolean   landscape,
           double    *width,
           double    *height)
{
  *width = landscape ? report->height : report->width;
  *height = landscape ? report->width : report->height;
}

static double
content_width (EkvReport *report,
               gboolean   landscape)
{
  double width, height;

  page_size (report, landscape, &width, &height);
  return width - 2 * report->margin_x;
}

double
_ekv_report_content_width (EkvReport *report)
{
  return content_width (report, report->adding_landscape);
}

double
_ekv_report_content_height (EkvReport *report)
{
  double width, height;

  page_size (report, report->adding_landscape, &width, &height);
  return height - report->margin_top - report->margin_bottom;
}

void
_ekv_report_set_landscape (EkvReport *report,
                           gboolean   landscape)
{
  report->adding_landscape = landscape;
}

void
_ekv_report_add_cover (EkvReport *report)
{
  add_block (report, EKV_REPORT_BLOCK_COVER);
}

void
_ekv_report_add_heading (EkvReport  *report,
                         int         level,
                         const char *text)
{
  EkvReportBlock *block = add_block (report, EKV_REPORT_BLOCK_HEADING);

  block->level = level;
  block->text = g_strdup (text);
  block->size = level <= 1 ? 17.0 : 11.5;
  g_free (report->last_heading);
  report->last_heading = g_strdup (text);
}

void
_ekv_report_add_paragraph (EkvReport  *report,
                           const char *markup)
{
  EkvReportBlock *block = add_block (report, EKV_REPORT_BLOCK_PARAGRAPH);

  block->text = g_strdup (markup);
}

void
_ekv_report_add_tiles (EkvReport *report,
                       GPtrArray *labels_and_values)
{
  EkvReportBlock *block = add_block (report, EKV_REPORT_BLOCK_TILES);

  block->tiles = labels_and_values;
}

EkvReportBlock *
_ekv_report_add_table (EkvReport    *report,
                       guint         n_columns,
                       const double *widths,
                       const char   *align)
{
  EkvReportBlock *block = add_block (report, EKV_REPORT_BLOCK_TABLE);
  double sum = 0.0, content = _ekv_report_content_width (report);

  g_return_val_if_fail (n_columns > 0 && strlen (align) == n_columns, block);

  block->size = EKV_REPORT_TABLE_SIZE;
  block->table_index = report->n_tables++;
  block->n_columns = n_columns;
  block->widths = g_new (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    sum += widths[i];
  for (guint i = 0; i < n_columns; i++)
    block->widths[i] = content * widths[i] / sum;
  block->align = g_strdup (align);
  /* Translators: over the rest of a table on the next page; %s is the heading
   * the table is under, e.g. "Balances (continued)" */
  block->continued = g_strdup_printf (_("%s (continued)"),
                                      report->last_heading != NULL ? report->last_heading : "");
  block->header = g_ptr_array_new_with_free_func (g_free);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  block->row_flags = g_array_new (FALSE, FALSE, sizeof (guint));
  block->row_heights = g_array_new (FALSE, FALSE, sizeof (double));
  return block;
}

void
_ekv_report_table_header (EkvReportBlock *table,
                          ...)
{
  va_list args;

  va_start (args, table);
  g_ptr_array_set_size (table->header, 0);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);

      g_ptr_array_add (table->header, g_strdup (cell != NULL ? cell : ""));
    }
  va_end (args);
}

void
_ekv_report_table_row_v (EkvReportBlock *table,
                         guint           flags,
                         GPtrArray      *cells)
{
  g_return_if_fail (cells->len == table->n_columns);

  for (guint i = 0; i < cells->len; i++)
    if (g_ptr_array_index (cells, i) == NULL)
      g_ptr_array_index (cells, i) = g_strdup ("");
  g_ptr_array_add (table->rows, cells);
  g_array_append_val (table->row_flags, flags);
}

void
_ekv_report_table_row (EkvReportBlock *table,
                       guint           flags,
                       ...)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, flags);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *cell = va_arg (args, const char *);

      g_ptr_array_add (cells, g_strdup (cell != NULL ? cell : ""));
    }
  va_end (args);
  _ekv_report_table_row_v (table, flags, cells);
}

EkvReportBlock *
_ekv_report_add_figure (EkvReport           *report,
                        double               height,
                        const char          *caption,
                        EkvReportFigureFunc  draw,
                        gpointer             data,
                        GDestroyNotify       destroy)
{
  EkvReportBlock *block = add_block (report, EKV_REPORT_BLOCK_FIGURE);

  block->height = height;
  block->text = g_strdup (caption);
  block->draw = draw;
  block->data = data;
  block->destroy = destroy;
  return block;
}

EkvReportBlock *
_ekv_report_add_fill_figure (EkvReport           *report,
                             const char          *caption,
                             EkvReportFigureFunc  draw,
                             gpointer             data,
                             GDestroyNotify       destroy)
{
  EkvReportBlock *block = _ekv_report_add_figure (report, 0, caption, draw, data, destroy);

  block->fill = TRUE;
  return block;
}

void
_ekv_report_add_page_break (EkvReport *report)
{
  add_block (report, EKV_REPORT_BLOCK_PAGE_BREAK);
}

void
_ekv_report_add_contents (EkvReport  *report,
                          const char *title)
{
  EkvReportBlock *block = add_block (report, EKV_REPORT_BLOCK_CONTENTS);

  block->text = g_strdup (title);
}

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

PangoContext *
_ekv_report_pango_context (cairo_t *cr)
{
  PangoContext *context;
  cairo_font_options_t *options = cairo_font_options_create ();

  if (cr != NULL)
    context = pango_cairo_create_context (cr);
  else
    context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
#if PANGO_VERSION_CHECK (1, 44, 0)
  pango_context_set_round_glyph_positions (context, FALSE);
#endif
  return context;
}

PangoLayout *
_ekv_report_text_layout (PangoContext *context,
                         const char   *text,
                         gboolean      markup,
                         double        size,
                         gboolean      bold,
                         double        width,
                         char          align)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (EKV_REPORT_FONT);

  pango_font_description_set_size (font, (int) round (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align == 'r' ? PANGO_ALIGN_RIGHT
                              : align == 'c' ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  if (markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* Draws LAYOUT at X, Y of CR in COLOR. */
static void
show_layout (cairo_t      *cr,
             PangoLayout  *layout,
             double        x,
             double        y,
             const double *color)
{
  cairo_set_source_rgb (cr, color[0], color[1], color[2]);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* ------------------------------------------------------------------------ */
/* Measuring                                                                */

static double
tiles_height (EkvReportBlock *block)
{
  guint n = block->tiles->len / 2;
  guint rows = (n + TILES_PER_ROW - 1) / TILES_PER_ROW;

  return rows * TILE_HEIGHT + (rows > 0 ? rows - 1 : 0) * TILE_GAP;
}

/* The widest word of TEXT: what its column needs not to break inside a word. */
static double
widest_word (PangoContext *context,
             const char   *text,
             double        size,
             gboolean      bold)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (text == NULL || *text == '\0')
    return 0;
  layout = _ekv_report_text_layout (context, text, FALSE, size, bold, -1, 'l');
  /* As narrow as can be, breaking between words only: a word a line. */
  pango_layout_set_width (layout, 1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

/* Widens the columns of TABLE whose header or cells have a word wider than
 * the column (“Investment,” or Turkish “Tamamlandı” would break inside it),
 * narrowing those with room to spare, as long as the table stays as wide.
 * A word too long for any column (a web address) is left to break. */
static void
fit_columns (EkvReport      *report,
             EkvReportBlock *block)
{
  double width = content_width (report, block->landscape);
  g_autofree double *need = g_new0 (double, block->n_columns);
  double deficit = 0, slack = 0;

  for (guint c = 0; c < block->n_columns; c++)
    {
      need[c] = widest_word (report->measure, g_ptr_array_index (block->header, c), block->size,
                             TRUE);
      for (guint r = 0; r < block->rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (block->rows, r);
          guint flags = g_array_index (block->row_flags, guint, r);

          need[c] = MAX (need[c], widest_word (report->measure, g_ptr_array_index (row, c),
                                               block->size,
                                               (flags & EKV_REPORT_ROW_TOTAL) != 0));
        }
      need[c] += 2 * CELL_PAD_X + 0.5;
      if (need[c] > 0.3 * width)
        need[c] = MIN (block->widths[c], 0.3 * width);
      if (need[c] > block->widths[c])
        deficit += need[c] - block->widths[c];
      else
        slack += block->widths[c] - need[c];
    }
  if (deficit <= 0 || deficit > slack)
    return;
  for (guint c = 0; c < block->n_columns; c++)
    {
      if (need[c] > block->widths[c])
        block->widths[c] = need[c];
      else
        block->widths[c] -= (block->widths[c] - need[c]) * deficit / slack;
    }
}

static void
measure_block (EkvReport      *report,
               EkvReportBlock *block)
{
  double width = content_width (report, block->landscape);

  switch (block->kind)
    {
    case EKV_REPORT_BLOCK_HEADING:
      {
        g_autoptr(PangoLayout) layout = _ekv_report_text_layout (report->measure, block->text, FALSE,
                                                                 block->size, TRUE, width, 'l');

        block->height = layout_height (layout);
      }
      break;

    case EKV_REPORT_BLOCK_PARAGRAPH:
      {
        g_autoptr(PangoLayout) layout = _ekv_report_text_layout (report->measure, block->text, TRUE,
                                                                 block->size, FALSE, width, 'l');
        PangoLayoutIter *iter = pango_layout_get_iter (layout);
        double top;

        block->line_tops = g_array_new (FALSE, FALSE, sizeof (double));
        do
          {
            PangoRectangle logical;

            pango_layout_iter_get_line_extents (iter, NULL, &logical);
            top = (double) logical.y / PANGO_SCALE;
            g_array_append_val (block->line_tops, top);
          }
        while (pango_layout_iter_next_line (iter));
        pango_layout_iter_free (iter);
        block->height = layout_height (layout);
        g_array_append_val (block->line_tops, block->height);
      }
      break;

    case EKV_REPORT_BLOCK_TILES:
      block->height = tiles_height (block);
      break;

    case EKV_REPORT_BLOCK_TABLE:
      {
        double h = 0.0;

        fit_columns (report, block);
        for (guint c = 0; c < block->n_columns; c++)
          {
            g_autoptr(PangoLayout) layout = _ekv_report_text_layout (report->measure,
                                                                     g_ptr_array_index (block->header, c),
                                                                     FALSE, block->size, TRUE,
                                                                     block->widths[c] - 2 * CELL_PAD_X,
                                                                     block->align[c]);
            h = MAX (h, layout_height (layout));
          }
        block->header_height = h + 2 * CELL_PAD_Y;
        {
          g_autoptr(PangoLayout) layout = _ekv_report_text_layout (report->measure, block->continued, FALSE,
                                                                   CONTINUED_SIZE, TRUE, width, 'l');

          block->continued_height = layout_height (layout) + 4;
        }
        g_array_set_size (block->row_heights, 0);
        for (guint r = 0; r < block->rows->len; r++)
          {
            GPtrArray *row = g_ptr_array_index (block->rows, r);
            guint flags = g_array_index (block->row_flags, guint, r);

            h = 0.0;
            for (guint c = 0; c < block->n_columns; c++)
              {
                g_autoptr(PangoLayout) layout = _ekv_report_text_layout (report->measure,
                                                                         g_ptr_array_index (row, c), FALSE,
                                                                         block->size,
                                                                         (flags & EKV_REPORT_ROW_TOTAL) != 0,
                                                                         block->widths[c] - 2 * CELL_PAD_X,
                                                                         block->align[c]);
                h = MAX (h, layout_height (layout));
              }
            h += 2 * CELL_PAD_Y;
            g_array_append_val (block->row_heights, h);
          }
      }
      break;

    case EKV_REPORT_BLOCK_FIGURE:
      if (block->text != NULL)
        {
          g_autoptr(PangoLayout) layout = _ekv_report_text_layout (report->measure, block->text, FALSE,
                                                                   CAPTION_SIZE, FALSE, width, 'l');

          block->caption_height = layout_height (layout) + 4;
        }
      break;

    case EKV_REPORT_BLOCK_CONTENTS:
      {
        guint n = 0;

        for (guint i = block->index + 1; i < report->blocks->len; i++)
          {
            EkvReportBlock *other = g_ptr_array_index (report->blocks, i);

            n += other->kind == EKV_REPORT_BLOCK_HEADING && other->level <= 1;
          }
        block->height = CONTENTS_TITLE + n * CONTENTS_LINE;
      }
      break;

    case EKV_REPORT_BLOCK_COVER:
    case EKV_REPORT_BLOCK_PAGE_BREAK:
    default:
      break;
    }
}

/* ------------------------------------------------------------------------ */
/* Placing                                                                  */

typedef struct
{
  EkvReport *report;
  GArray    *page;    /* Placement */
  gboolean   landscape;
  double     y;
  double     top;
  double     bottom;
} Cursor;

/* Turns the cursor's page (still empty) to LANDSCAPE or portrait. */
static void
turn_page (Cursor   *cursor,
           gboolean  landscape)
{
  EkvReport *report = cursor->report;
  double width, height;

  page_size (report, landscape, &width, &height);
  cursor->landscape = landscape;
  cursor->top = report->margin_top;
  cursor->bottom = height - report->margin_bottom;
  cursor->y = cursor->top;
  g_array_index (report->page_landscape, gboolean, report->pages->len - 1) = landscape;
}

static void
new_page (Cursor *cursor)
{
  gboolean landscape = cursor->landscape;

  cursor->page = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (cursor->report->pages, cursor->page);
  g_array_append_val (cursor->report->page_landscape, landscape);
  turn_page (cursor, landscape);
}

static gboolean
page_empty (Cursor *cursor)
{
  return cursor->page->len == 0;
}

static void
place (Cursor         *cursor,
       EkvReportBlock *block,
       guint           first,
       guint           last,
       gboolean        continued)
{
  Placement p = { block, cursor->y, first, last, continued };

  g_array_append_val (cursor->page, p);
}

/* Height of a table's rows [FIRST, LAST). */
static double
rows_height (EkvReportBlock *block,
             guint           first,
             guint           last)
{
  double h = 0.0;

  for (guint r = first; r < last; r++)
    h += g_array_index (block->row_heights, double, r);
  return h;
}

static void
place_block (Cursor         *cursor,
             EkvReportBlock *block,
             EkvReportBlock *next)
{
  double room, full;

  /* Landscape blocks go on landscape pages: a change of orientation starts a
   * page (or turns the empty one). */
  if (block->landscape != cursor->landscape)
    {
      if (page_empty (cursor))
        turn_page (cursor, block->landscape);
      else
        {
          cursor->landscape = block->landscape;
          new_page (cursor);
        }
    }
  room = cursor->bottom - cursor->y;
  full = cursor->bottom - cursor->top;

  switch (block->kind)
    {
    case EKV_REPORT_BLOCK_COVER:
      if (!page_empty (cursor))
        new_page (cursor);
      place (cursor, block, 0, 0, FALSE);
      new_page (cursor);
      break;

    case EKV_REPORT_BLOCK_PAGE_BREAK:
      if (!page_empty (cursor))
        new_page (cursor);
      break;

    case EKV_REPORT_BLOCK_HEADING:
      {
        double need = block->height + 6;

        if (next != NULL && next->kind != EKV_REPORT_BLOCK_HEADING
            && next->kind != EKV_REPORT_BLOCK_PAGE_BREAK)
          need += next->kind == EKV_REPORT_BLOCK_FIGURE && next->fill
                  ? full * FILL_MIN + next->caption_height
                  : next->kind == EKV_REPORT_BLOCK_FIGURE || next->kind == EKV_REPORT_BLOCK_TILES
                  ? MIN (next->height + next->caption_height, full - need)
                  : MIN (KEEP_WITH_NEXT,
                       next->kind == EKV_REPORT_BLOCK_TABLE
                       ? next->header_height + (next->row_heights->len > 0
                                                ? g_array_index (next->row_heights, double, 0) : 0)
                       : next->kind == EKV_REPORT_BLOCK_PARAGRAPH
                       ? g_array_index (next->line_tops, double, MIN (2, next->line_tops->len - 1))
                       : next->height + next->caption_height);
        if ((block->level <= 1 && !page_empty (cursor)) || (need > room && !page_empty (cursor)))
          new_page (cursor);
        else if (!page_empty (cursor))
          cursor->y += 6;
        place (cursor, block, 0, 0, FALSE);
        block->page = cursor->report->pages->len - 1;
        cursor->y += block->height + (block->level <= 1 ? 14 : 5);
      }
      break;

    case EKV_REPORT_BLOCK_PARAGRAPH:
      {
        guint n_lines = block->line_tops->len - 1;
        guint first = 0;

        while (first < n_lines)
          {
            double base = g_array_index (block->line_tops, double, first);
            guint last = first;

            while (last < n_lines
                   && g_array_index (block->line_tops, double, last + 1) - base
                      <= cursor->bottom - cursor->y)
              last++;
            /* No widow: a paragraph does not leave a single line behind. */
            if (last < n_lines && last == first + 1 && n_lines > 2 && !page_empty (cursor))
              last = first;
            if (last == first)
              {
                if (page_empty (cursor))
                  last = first + 1;   /* a line taller than a page: drawn anyway */
                else
                  {
                    new_page (cursor);
                    continue;
                  }
              }
            place (cursor, block, first, last, first > 0);
            cursor->y += g_array_index (block->line_tops, double, last) - base;
            first = last;
            if (first < n_lines)
              new_page (cursor);
          }
        cursor->y += BLOCK_GAP;
      }
      break;

    case EKV_REPORT_BLOCK_TILES:
    case EKV_REPORT_BLOCK_FIGURE:
    case EKV_REPORT_BLOCK_CONTENTS:
      {
        double h;

        if (block->fill)
          {
            /* The rest of the page, or of a new one when little is left. */
            if (room - block->caption_height < full * FILL_MIN && !page_empty (cursor))
              {
                new_page (cursor);
                room = full;
              }
            block->height = MAX (room - block->caption_height - 2, 10);
          }
        h = block->height + block->caption_height;

        if (h > room && !page_empty (cursor))
          new_page (cursor);
        if (h > full)
          block->height = MAX (full - block->caption_height, 10);   /* shrink to fit */
        place (cursor, block, 0, 0, FALSE);
        cursor->y += block->height + block->caption_height + BLOCK_GAP + 4;
      }
      break;

    case EKV_REPORT_BLOCK_TABLE:
      {
        guint n = block->rows->len;
        guint first = 0;
        gboolean continued = FALSE;

        do
          {
            guint last = first;
            double over = continued ? block->continued_height : 0;
            double y = cursor->y + over + block->header_height;

            while (last < n && y + g_array_index (block->row_heights, double, last)
                               <= cursor->bottom)
              {
                y += g_array_index (block->row_heights, double, last);
                last++;
              }
            /* Never a header alone at the foot of a page, nor a last row alone
             * on a page of its own. */
            if (last < n && last > first && n - last == 1 && last - first > 2)
              last--;
            if (last == first && n > 0)
              {
                if (!page_empty (cursor))
                  {
                    new_page (cursor);
                    continue;
                  }
                last = first + 1;   /* a row taller than a page */
              }
            place (cursor, block, first, last, continued);
            cursor->y += over + block->header_height + rows_height (block, first, last);
            first = last;
            continued = TRUE;
            if (first < n)
              new_page (cursor);
          }
        while (first < n);
        cursor->y += BLOCK_GAP + 4;
      }
      break;

    default:
      break;
    }
}

static void
add_item (GArray            *items,
          EkvReportItemKind  kind,
          guint              table,
          guint              row,
          double             x0,
          double             y0,
          double             x1,
          double             y1)
{
  EkvReportItem item = { kind, table, row, x0, y0, x1, y1 };

  g_array_append_val (items, item);
}

/* Records what a page holds (the logical extents of its text, boxes, figures). */
static void
record_items (EkvReport *report,
              guint      index)
{
  GArray *page = g_ptr_array_index (report->pages, index);
  GArray *items = g_array_new (FALSE, FALSE, sizeof (EkvReportItem));
  gboolean landscape = g_array_index (report->page_landscape, gboolean, index);
  double x0 = report->margin_x;
  double width = content_width (report, landscape);
  double page_width, page_height;

  page_size (report, landscape, &page_width, &page_height);

  for (guint i = 0; i < page->len; i++)
    {
      Placement *p = &g_array_index (page, Placement, i);
      EkvReportBlock *block = p->block;

      switch (block->kind)
        {
        case EKV_REPORT_BLOCK_COVER:
          add_item (items, EKV_REPORT_ITEM_COVER, 0, 0, x0, report->margin_top, x0 + width,
                    page_height - report->margin_bottom);
          break;
        case EKV_REPORT_BLOCK_HEADING:
          {
            g_autoptr(PangoLayout) layout = _ekv_report_text_layout (report->measure, block->text, FALSE,
                                                                     block->size, TRUE, width, 'l');
            PangoRectangle logical;

            pango_layout_get_extents (layout, NULL, &logical);
            add_item (items, EKV_REPORT_ITEM_TEXT, 0, 0, x0 + (double) logical.x / PANGO_SCALE,
                      p->y, x0 + (double) (logical.x + logical.width) / PANGO_SCALE,
                      p->y + block->height);
          }
          break;
        case EKV_REPORT_BLOCK_PARAGRAPH:
          {
            g_autoptr(PangoLayout) layout = _ekv_report_text_layout (report->measure, block->text, TRUE,
                                                                     block->size, FALSE, width, 'l');
            PangoRectangle logical;
            double base = g_array_index (block->line_tops, double, p->first);

            pango_layout_get_extents (layout, NULL, &logical);
            add_item (items, EKV_REPORT_ITEM_TEXT, 0, 0, x0 + (double) logical.x / PANGO_SCALE,
                      p->y, x0 + (double) (logical.x + logical.width) / PANGO_SCALE,
                      p->y + g_array_index (block->line_tops, double, p->last) - base);
          }
          break;
        case EKV_REPORT_BLOCK_TILES:
          {
            guint n = block->tiles->len / 2;
            double w = (width - (TILES_PER_ROW - 1) * TILE_GAP) / TILES_PER_ROW;

            for (guint t = 0; t < n; t++)
              {
                double x = x0 + (t % TILES_PER_ROW) * (w + TILE_GAP);
                double y = p->y + (t / TILES_PER_ROW) * (TILE_HEIGHT + TILE_GAP);

                add_item (items, EKV_REPORT_ITEM_TILE, 0, t, x, y, x + w, y + TILE_HEIGHT);
              }
          }
          break;
        case EKV_REPORT_BLOCK_FIGURE:
          add_item (items, EKV_REPORT_ITEM_FIGURE, 0, 0, x0, p->y, x0 + width,
                    p->y + block->height + block->caption_height);
          break;
        case EKV_REPORT_BLOCK_CONTENTS:
          add_item (items, EKV_REPORT_ITEM_TEXT, 0, 0, x0, p->y, x0 + width, p->y + block->height);
          break;
        case EKV_REPORT_BLOCK_TABLE:
          {
            double y = p->y;

            if (p->continued)
              {
                g_autoptr(PangoLayout) layout = _ekv_report_text_layout (report->measure, block->continued,
                                                                         FALSE, CONTINUED_SIZE, TRUE, width,
                                                                         'l');
                PangoRectangle logical;

                pango_layout_get_extents (layout, NULL, &logical);
                add_item (items, EKV_REPORT_ITEM_TABLE_CONTINUED, block->table_index, p->first,
                          x0 + (double) logical.x / PANGO_SCALE, y,
                          x0 + (double) (logical.x + logical.width) / PANGO_SCALE,
                          y + block->continued_height - 4);
                y += block->continued_height;
              }
            add_item (items, EKV_REPORT_ITEM_TABLE_HEADER, block->table_index, 0, x0, y,
                      x0 + width, y + block->header_height);
            y += block->header_height;
            for (guint r = p->first; r < p->last; r++)
              {
                double h = g_array_index (block->row_heights, double, r);
                GPtrArray *row = g_ptr_array_index (block->rows, r);
                double x = x0, right = x0;

                /* The cells' text as laid out, so that a word too long for its
                 * column shows as reaching out of it. */
                for (guint c = 0; c < block->n_columns; c++)
                  {
                    g_autoptr(PangoLayout) layout = _ekv_report_text_layout (report->measure,
                                                                             g_ptr_array_index (row, c),
                                                                             FALSE, block->size, FALSE,
                                                                             block->widths[c] - 2 * CELL_PAD_X,
                                                                             block->align[c]);
                    PangoRectangle logical;

                    pango_layout_get_extents (layout, NULL, &logical);
                    right = MAX (right, x + CELL_PAD_X
                                        + (double) (logical.x + logical.width) / PANGO_SCALE);
                    x += block->widths[c];
                  }
                add_item (items, EKV_REPORT_ITEM_TABLE_ROW, block->table_index, r, x0, y,
                          MAX (x0 + width, right), y + h);
                y += h;
              }
          }
          break;
        case EKV_REPORT_BLOCK_PAGE_BREAK:
        default:
          break;
        }
    }
  if (index > 0)
    {
      add_item (items, EKV_REPORT_ITEM_HEADER, 0, 0, x0, report->edge, x0 + width,
                report->margin_top - 8);
      add_item (items, EKV_REPORT_ITEM_HEADER, 0, 0, x0,
                page_height - report->margin_bottom + 8, x0 + width,
                page_height - report->edge);
    }
  g_ptr_array_add (report->items, items);
}

void
_ekv_report_paginate (EkvReport *report)
{
  Cursor cursor = { report, NULL, FALSE, 0, report->margin_top,
                    report->height - report->margin_bottom };

  g_clear_pointer (&report->pages, g_ptr_array_unref);
  g_clear_pointer (&report->items, g_ptr_array_unref);
  g_clear_pointer (&report->page_landscape, g_array_unref);
  report->page_landscape = g_array_new (FALSE, FALSE, sizeof (gboolean));
  report->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  report->items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  if (report->measure == NULL)
    report->measure = _ekv_report_pango_context (NULL);

  for (guint i = 0; report->blocks != NULL && i < report->blocks->len; i++)
    measure_block (report, g_ptr_array_index (report->blocks, i));

  new_page (&cursor);
  for (guint i = 0; report->blocks != NULL && i < report->blocks->len; i++)
    place_block (&cursor, g_ptr_array_index (report->blocks, i),
                 i + 1 < report->blocks->len ? g_ptr_array_index (report->blocks, i + 1) : NULL);
  /* No empty page at the end. */
  if (report->pages->len > 1 && cursor.page->len == 0)
    {
      g_ptr_array_remove_index (report->pages, report->pages->len - 1);
      g_array_set_size (report->page_landscape, report->pages->len);
    }

  for (guint i = 0; i < report->pages->len; i++)
    record_items (report, i);
}

/* ------------------------------------------------------------------------ */
/* Drawing                                                                  */

static void
draw_cover (EkvReport    *report,
            cairo_t      *cr,
            PangoContext *context)
{
  double x = report->margin_x, width = content_width (report, FALSE);
  double y = report->height * 0.28;
  g_autoptr(PangoLayout) firm = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) kind = NULL;
  g_autoptr(PangoLayout) dates = NULL;

  /* A band of the accent colour across the top, the report's kind in it. */
  cairo_set_source_rgb (cr, accent[0], accent[1], accent[2]);
  cairo_rectangle (cr, 0, 0, report->width, report->height * 0.16);
  cairo_fill (cr);
  kind = _ekv_report_text_layout (context, report->title, FALSE, 12, TRUE, width, 'l');
  show_layout (cr, kind, x, report->height * 0.16 - layout_height (kind) - 18,
               (const double[]) { 1, 1, 1 });

  firm = _ekv_report_text_layout (context, report->firm, FALSE, 26, TRUE, width, 'l');
  show_layout (cr, firm, x, y, accent);
  y += layout_height (firm) + 14;
  title = _ekv_report_text_layout (context, report->cover_title, FALSE, 15, FALSE, width, 'l');
  show_layout (cr, title, x, y, ink);
  y += layout_height (title) + 10;
  dates = _ekv_report_text_layout (context, report->cover_subtitle, FALSE, 11, FALSE, width, 'l');
  show_layout (cr, dates, x, y, grey);
  y += layout_height (dates) + 24;

  cairo_set_source_rgb (cr, accent[0], accent[1], accent[2]);
  cairo_rectangle (cr, x, y, 60, 3);
  cairo_fill (cr);
  y += 22;

  for (guint i = 0; report->cover_lines != NULL && i < report->cover_lines->len; i++)
    {
      g_autoptr(PangoLayout) line = _ekv_report_text_layout (context,
                                                             g_ptr_array_index (report->cover_lines, i),
                                                             TRUE, 9.5, FALSE, width, 'l');

      if (y + layout_height (line) > report->height - report->margin_bottom)
        break;
      show_layout (cr, line, x, y, ink);
      y += layout_height (line) + 3;
    }
}

static void
draw_tiles (EkvReport      *report,
            cairo_t        *cr,
            PangoContext   *context,
            EkvReportBlock *block,
            double          y0)
{
  double width = content_width (report, block->landscape);
  double w = (width - (TILES_PER_ROW - 1) * TILE_GAP) / TILES_PER_ROW;
  guint n = block->tiles->len / 2;

  for (guint t = 0; t < n; t++)
    {
      double x = report->margin_x + (t % TILES_PER_ROW) * (w + TILE_GAP);
      double y = y0 + (t / TILES_PER_ROW) * (TILE_HEIGHT + TILE_GAP);
      g_autoptr(PangoLayout) value = _ekv_report_text_layout (context,
                                                              g_ptr_array_index (block->tiles, 2 * t + 1),
                                                              FALSE, 12, TRUE, w - 12, 'l');
      g_autoptr(PangoLayout) label = _ekv_report_text_layout (context, g_ptr_array_index (block->tiles, 2 * t),
                                                              FALSE, 7.2, FALSE, w - 12, 'l');

      pango_layout_set_ellipsize (value, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (label, -2);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      cairo_set_source_rgb (cr, 0.93, 0.96, 0.97);
      cairo_rectangle (cr, x, y, w, TILE_HEIGHT);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, accent[0], accent[1], accent[2]);
      cairo_rectangle (cr, x, y, 3, TILE_HEIGHT);
      cairo_fill (cr);
      show_layout (cr, value, x + 9, y + 7, accent);
      show_layout (cr, label, x + 9, y + 7 + layout_height (value) + 2, grey);
    }
}

static void
draw_table (EkvReport      *report,
            cairo_t        *cr,
            PangoContext   *context,
            Placement      *p)
{
  EkvReportBlock *block = p->block;
  double x0 = report->margin_x, width = content_width (report, block->landscape);
  double y = p->y, x;

  if (p->continued)
    {
      g_autoptr(PangoLayout) layout = _ekv_report_text_layout (context, block->continued, FALSE,
                                                               CONTINUED_SIZE, TRUE, width, 'l');

      show_layout (cr, layout, x0, y, ink);
      y += block->continued_height;
    }
  cairo_set_source_rgb (cr, accent[0], accent[1], accent[2]);
  cairo_rectangle (cr, x0, y, width, block->header_height);
  cairo_fill (cr);
  x = x0;
  for (guint c = 0; c < block->n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = _ekv_report_text_layout (context, g_ptr_array_index (block->header, c),
                                                               FALSE, block->size, TRUE,
                                                               block->widths[c] - 2 * CELL_PAD_X,
                                                               block->align[c]);

      show_layout (cr, layout, x + CELL_PAD_X, y + CELL_PAD_Y, (const double[]) { 1, 1, 1 });
      x += block->widths[c];
    }
  y += block->header_height;

  for (guint r = p->first; r < p->last; r++)
    {
      GPtrArray *row = g_ptr_array_index (block->rows, r);
      guint flags = g_array_index (block->row_flags, guint, r);
      double h = g_array_index (block->row_heights, double, r);
      gboolean total = (flags & EKV_REPORT_ROW_TOTAL) != 0;

      if (r % 2 == 1 && !total)
        {
          cairo_set_source_rgb (cr, 0.95, 0.96, 0.96);
          cairo_rectangle (cr, x0, y, width, h);
          cairo_fill (cr);
        }
      if (total)
        {
          cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
          cairo_rectangle (cr, x0, y, width, 0.8);
          cairo_fill (cr);
        }
      x = x0;
      for (guint c = 0; c < block->n_columns; c++)
        {
          g_autoptr(PangoLayout) layout = _ekv_report_text_layout (context, g_ptr_array_index (row, c), FALSE,
                                                                   block->size, total,
                                                                   block->widths[c] - 2 * CELL_PAD_X,
                                                                   block->align[c]);

          show_layout (cr, layout, x + CELL_PAD_X, y + CELL_PAD_Y, ink);
          x += block->widths[c];
        }
      y += h;
    }
  /* A thin rule closes the table (or its part on this page). */
  cairo_set_source_rgb (cr, 0.75, 0.77, 0.79);
  cairo_rectangle (cr, x0, y - 0.5, width, 0.5);
  cairo_fill (cr);
}

static void
draw_running (EkvReport    *report,
              cairo_t      *cr,
              PangoContext *context,
              guint         page)
{
  gboolean landscape = g_array_index (report->page_landscape, gboolean, page);
  double x0 = report->margin_x, width = content_width (report, landscape);
  double page_width, page_height;
  g_autofree char *number = g_strdup_printf (report->page_format, page + 1, report->pages->len);
  g_autoptr(PangoLayout) firm = _ekv_report_text_layout (context, report->firm, FALSE, 7.5, TRUE,
                                                         width * 0.45, 'l');
  g_autoptr(PangoLayout) title = _ekv_report_text_layout (context, report->title, FALSE, 7.5, FALSE,
                                                          width * 0.53, 'r');
  g_autoptr(PangoLayout) footer = _ekv_report_text_layout (context, report->cover_title, FALSE, 7, FALSE,
                                                           width * 0.75, 'l');
  g_autoptr(PangoLayout) pages = _ekv_report_text_layout (context, number, FALSE, 7.5, FALSE,
                                                          width * 0.23, 'r');
  double header_y = report->margin_top - 22;
  double footer_y;

  page_size (report, landscape, &page_width, &page_height);
  footer_y = page_height - report->margin_bottom + 14;

  pango_layout_set_ellipsize (firm, PANGO_ELLIPSIZE_END);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_ellipsize (footer, PANGO_ELLIPSIZE_END);

  show_layout (cr, firm, x0, header_y, accent);
  show_layout (cr, title, x0 + width * 0.47, header_y, grey);
  cairo_set_source_rgb (cr, accent[0], accent[1], accent[2]);
  cairo_rectangle (cr, x0, report->margin_top - 10, width, 0.8);
  cairo_fill (cr);

  cairo_set_source_rgb (cr, 0.75, 0.77, 0.79);
  cairo_rectangle (cr, x0, page_height - report->margin_bottom + 8, width, 0.5);
  cairo_fill (cr);
  show_layout (cr, footer, x0, footer_y, grey);
  show_layout (cr, pages, x0 + width * 0.77, footer_y, grey);
}

/* A chapter's heading is where the contents link to and a bookmark of the PDF. */
static void
mark_chapter (cairo_t        *cr,
              EkvReportBlock *block)
{
  cairo_surface_t *target = cairo_get_target (cr);
  g_autofree char *name = g_strdup_printf ("name='chapter%u'", block->index);

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_PDF)
    return;
  cairo_tag_begin (cr, CAIRO_TAG_DEST, name);
  cairo_tag_end (cr, CAIRO_TAG_DEST);
  {
    g_autofree char *link = g_strdup_printf ("dest='chapter%u'", block->index);

    cairo_pdf_surface_add_outline (target, CAIRO_PDF_OUTLINE_ROOT, block->text, link, 0);
  }
}

static void
draw_contents (EkvReport      *report,
               cairo_t        *cr,
               PangoContext   *context,
               EkvReportBlock *block,
               double          y)
{
  double x0 = report->margin_x, width = content_width (report, block->landscape);
  g_autoptr(PangoLayout) title = _ekv_report_text_layout (context, block->text, FALSE, 17.0, TRUE, width, 'l');
  gboolean pdf = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_PDF;

  show_layout (cr, title, x0, y, accent);
  cairo_set_source_rgb (cr, accent[0], accent[1], accent[2]);
  cairo_rectangle (cr, x0, y + layout_height (title) + 4, 40, 2);
  cairo_fill (cr);
  y += CONTENTS_TITLE;

  for (guint i = block->index + 1; i < report->blocks->len; i++)
    {
      EkvReportBlock *chapter = g_ptr_array_index (report->blocks, i);
      g_autofree char *number = NULL;
      g_autoptr(PangoLayout) name = NULL;
      g_autoptr(PangoLayout) page = NULL;
      PangoRectangle logical;
      double line_y;

      if (chapter->kind != EKV_REPORT_BLOCK_HEADING || chapter->level > 1)
        continue;
      number = g_strdup_printf ("%u", chapter->page + 1);
      name = _ekv_report_text_layout (context, chapter->text, FALSE, 11.0, FALSE, width - 60, 'l');
      page = _ekv_report_text_layout (context, number, FALSE, 11.0, FALSE, 50, 'r');
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);

      if (pdf)
        {
          g_autofree char *link = g_strdup_printf ("dest='chapter%u'", chapter->index);

          cairo_tag_begin (cr, CAIRO_TAG_LINK, link);
        }
      show_layout (cr, name, x0, y, ink);
      show_layout (cr, page, x0 + width - 50, y, ink);
      if (pdf)
        cairo_tag_end (cr, CAIRO_TAG_LINK);

      /* A dotted leader from the chapter to its page. */
      pango_layout_get_extents (name, NULL, &logical);
      line_y = y + layout_height (name) * 0.8;
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.70, 0.72, 0.74);
      cairo_set_line_width (cr, 0.8);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, (const double[]) { 0, 3 }, 2, 0);
      cairo_move_to (cr, x0 + (double) (logical.x + logical.width) / PANGO_SCALE + 6, line_y);
      cairo_line_to (cr, x0 + width - 32, line_y);
      cairo_stroke (cr);
      cairo_restore (cr);
      y += CONTENTS_LINE;
    }
}

void
_ekv_report_draw_page (EkvReport *report,
                       cairo_t   *cr,
                       guint      page)
{
  g_autoptr(GObject) owner = NULL;
  PangoContext *context;
  GArray *placements;
  double x0 = report->margin_x, width;

  g_return_if_fail (page < report->pages->len);

  width = content_width (report, g_array_index (report->page_landscape, gboolean, page));
  placements = g_ptr_array_index (report->pages, page);
  context = _ekv_report_pango_context (cr);
  owner = G_OBJECT (context);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *p = &g_array_index (placements, Placement, i);
      EkvReportBlock *block = p->block;

      cairo_save (cr);
      switch (block->kind)
        {
        case EKV_REPORT_BLOCK_COVER:
          draw_cover (report, cr, context);
          break;

        case EKV_REPORT_BLOCK_HEADING:
          {
            g_autoptr(PangoLayout) layout = _ekv_report_text_layout (context, block->text, FALSE, block->size,
                                                                     TRUE, width, 'l');

            if (block->level <= 1)
              mark_chapter (cr, block);
            show_layout (cr, layout, x0, p->y, block->level <= 1 ? accent : ink);
            if (block->level <= 1)
              {
                cairo_set_source_rgb (cr, accent[0], accent[1], accent[2]);
                cairo_rectangle (cr, x0, p->y + block->height + 4, 40, 2);
                cairo_fill (cr);
              }
          }
          break;

        case EKV_REPORT_BLOCK_PARAGRAPH:
          {
            g_autoptr(PangoLayout) layout = _ekv_report_text_layout (context, block->text, TRUE, block->size,
                                                                     FALSE, width, 'l');
            double base = g_array_index (block->line_tops, double, p->first);
            double end = g_array_index (block->line_tops, double, p->last);

            cairo_rectangle (cr, x0 - 2, p->y, width + 4, end - base);
            cairo_clip (cr);
            show_layout (cr, layout, x0, p->y - base, ink);
          }
          break;

        case EKV_REPORT_BLOCK_TILES:
          draw_tiles (report, cr, context, block, p->y);
          break;

        case EKV_REPORT_BLOCK_CONTENTS:
          draw_contents (report, cr, context, block, p->y);
          break;

        case EKV_REPORT_BLOCK_TABLE:
          draw_table (report, cr, context, p);
          break;

        case EKV_REPORT_BLOCK_FIGURE:
          cairo_translate (cr, x0, p->y);
          cairo_rectangle (cr, 0, 0, width, block->height);
          cairo_clip (cr);
          /* A figure may leave its own transformation behind: the caption
           * is placed in the page's. */
          cairo_save (cr);
          if (block->draw != NULL)
            block->draw (cr, width, block->height, block->data);
          cairo_restore (cr);
          cairo_reset_clip (cr);
          if (block->text != NULL)
            {
              g_autoptr(PangoLayout) layout = _ekv_report_text_layout (context, block->text, FALSE,
                                                                       CAPTION_SIZE, FALSE, width, 'l');

              show_layout (cr, layout, 0, block->height + 4, grey);
            }
          break;

        case EKV_REPORT_BLOCK_PAGE_BREAK:
        default:
          break;
        }
      cairo_restore (cr);
    }

  if (page > 0)
    draw_running (report, cr, context, page);
  cairo_restore (cr);
}
