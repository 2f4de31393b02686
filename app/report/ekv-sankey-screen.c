/* ekv-sankey-screen.c: a Sankey chart's pixels made by two threads, for the screen
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * After an edit the chart must show within a frame. Once the diagram is laid
 * out its pixels are made in horizontal strips of one image, by this thread
 * and a kept second one: the second starts on the strips' bands while this
 * one places the labels, then this one takes strips too. The labels' text,
 * once placed, is kept as glyphs (_ekv_sankey_screen_text() and friends,
 * called by the labels' drawing); strip by strip, as soon as its bands are
 * done, this thread draws the nodes, the leader lines, the halos and the text
 * over them while the other finishes the bands below. (Text stays in one
 * thread: two drawing glyphs of one font wait for each other on its lock.)
 * Pango is used by this thread only. The image then goes onto the target in
 * one paint.
 *
 * Files and print never come here: they keep vectors, the best antialiasing,
 * and Pango drawing the text.
 */
#include "config.h"

#include <math.h>

#include "ekv-sankey-draw-private.h"
#include "ekv-util.h"

#define N_STRIPS 6

/* One run of glyphs of one font, as Pango's renderer places them: from the
 * point its line is drawn at, the run's start in Pango units, and each
 * glyph's place from there (summed in the order Pango sums them, so that a
 * glyph at half a pixel rounds the same way). */
typedef struct
{
  cairo_scaled_font_t *font;
  guint                first, n;          /* in the screen's glyphs: x, y from the run's start */
  guint                origins;           /* in the screen's origins: its line's */
  double               start_x, start_y;  /* the run's start from its line's origin */
  double               x0, y0, x1, y1;    /* its ink, halo included */
  gboolean             halo;
} GlyphRun;

/* The points a line is drawn from, as cairo gives them back to Pango (it
 * keeps the current point to 1/256 of a device pixel): from each of the
 * halo's offsets, then for the text. */
typedef struct
{
  double x[EKV_SANKEY_N_HALO_OFFSETS + 1], y[EKV_SANKEY_N_HALO_OFFSETS + 1];
} Origins;

typedef struct
{
  double x0, y0, x1, y1;
} Leader;

/* A line Pango must draw itself (it has a glyph no font has: Pango draws
 * those as boxes), after the strips, on the target. */
typedef struct
{
  PangoLayoutLine *line;
  double           x, y;    /* its baseline's start */
  gboolean         halo;
} PangoLine;

struct _EkvSankeyScreen
{
  gint                   ref_count;   /* this thread's and the helper's */
  EkvSankeyDrawing      *d;           /* the bands' and nodes' geometry: read only */
  cairo_surface_t       *image;       /* the drawing's pixels */
  cairo_surface_t       *strips[N_STRIPS];
  cairo_matrix_t         matrix;      /* the target's user to device space */

  /* the labels, kept by this thread before it takes any strip's text */
  GArray                *glyphs;      /* cairo_glyph_t */
  GArray                *origins;     /* Origins, per line */
  GArray                *runs;        /* GlyphRun */
  GArray                *leaders;     /* Leader */
  GArray                *pango_lines; /* PangoLine: this thread's only */

  GMutex                 lock;
  GCond                  changed;
  guint                  next_bands, next_text;
  gboolean               bands_done[N_STRIPS];
};

static void
screen_unref (EkvSankeyScreen *s)
{
  if (!g_atomic_int_dec_and_test (&s->ref_count))
    return;
  for (guint i = 0; i < s->runs->len; i++)
    cairo_scaled_font_destroy (g_array_index (s->runs, GlyphRun, i).font);
  g_array_unref (s->glyphs);
  g_array_unref (s->origins);
  g_array_unref (s->runs);
  g_array_unref (s->leaders);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->changed);
  g_free (s);
}

/* ------------------------------------------------------------------------ */
/* Text kept as glyphs (this thread, while the labels are drawn)            */

/* Whether Pango must draw LINE itself: a glyph no font has (Pango draws a
 * box with its code), or a run without a cairo font. */
static gboolean
needs_pango (PangoLayoutLine *line)
{
  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      const PangoGlyphItem *run = l->data;
      PangoFont *font = run->item->analysis.font;
      cairo_scaled_font_t *scaled;

      if (!PANGO_IS_CAIRO_FONT (font))
        return TRUE;
      scaled = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font));
      if (scaled == NULL || cairo_scaled_font_status (scaled) != CAIRO_STATUS_SUCCESS)
        return TRUE;
      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        if ((run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0)
          return TRUE;
    }
  return FALSE;
}

/* Keeps LINE drawn on CR at (X, Y) from (LINE_X, LINE_Y) in Pango units, as
 * pango_renderer_draw_layout_line() places its runs and PangoCairo its glyphs. */
static void
keep_line (EkvSankeyScreen *s,
           cairo_t         *cr,
           PangoLayoutLine *line,
           double           x,
           double           y,
           int              line_x,
           int              line_y,
           gboolean         halo)
{
  Origins o;
  int x_off = 0;

  for (guint k = 0; k <= EKV_SANKEY_N_HALO_OFFSETS; k++)
    {
      double dx = k < EKV_SANKEY_N_HALO_OFFSETS ? _ekv_sankey_halo_offsets[k][0] : 0;
      double dy = k < EKV_SANKEY_N_HALO_OFFSETS ? _ekv_sankey_halo_offsets[k][1] : 0;

      cairo_move_to (cr, x + dx, y + dy);
      cairo_get_current_point (cr, &o.x[k], &o.y[k]);
    }
  cairo_new_path (cr);
  g_array_append_val (s->origins, o);

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      const PangoGlyphItem *run = l->data;
      const PangoGlyphString *glyphs = run->glyphs;
      cairo_scaled_font_t *font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
      GlyphRun r = { NULL, s->glyphs->len, 0, s->origins->len - 1, 0, 0, 0, 0, 0, 0, halo };
      g_autofree cairo_glyph_t *placed = NULL;
      cairo_text_extents_t ink;
      int position = 0;

      x_off += run->start_x_offset;
      r.start_x = (double) (line_x + x_off) / PANGO_SCALE;
      r.start_y = (double) (line_y - run->y_offset) / PANGO_SCALE;
      for (int i = 0; i < glyphs->num_glyphs; i++)
        {
          const PangoGlyphInfo *gi = &glyphs->glyphs[i];

          if (gi->glyph != PANGO_GLYPH_EMPTY)
            {
              cairo_glyph_t g = { gi->glyph, (double) (position + gi->geometry.x_offset) / PANGO_SCALE,
                                  gi->geometry.y_offset == 0 ? 0 : (double) gi->geometry.y_offset / PANGO_SCALE };

              g_array_append_val (s->glyphs, g);
            }
          position += gi->geometry.width;
        }
      x_off += position + run->end_x_offset;
      r.n = s->glyphs->len - r.first;
      if (r.n == 0)
        continue;

      /* its ink where it is drawn, a pixel further for the halo and one for
       * antialiasing: strips it does not reach skip it */
      placed = g_new (cairo_glyph_t, r.n);
      for (guint g = 0; g < r.n; g++)
        {
          const cairo_glyph_t *k = &g_array_index (s->glyphs, cairo_glyph_t, r.first + g);

          placed[g] = (cairo_glyph_t) { k->index, o.x[EKV_SANKEY_N_HALO_OFFSETS] + r.start_x + k->x,
                                        o.y[EKV_SANKEY_N_HALO_OFFSETS] + r.start_y + k->y };
        }
      cairo_scaled_font_glyph_extents (font, placed, (int) r.n, &ink);
      r.x0 = placed[0].x + ink.x_bearing - 2;
      r.y0 = placed[0].y + ink.y_bearing - 2;
      r.x1 = r.x0 + ink.width + 4;
      r.y1 = r.y0 + ink.height + 4;
      r.font = cairo_scaled_font_reference (font);
      g_array_append_val (s->runs, r);
    }
}

static void
screen_line (EkvSankeyScreen *s,
             cairo_t         *cr,
             PangoLayoutLine *line,
             double           x,
             double           y,
             int              line_x,
             int              line_y,
             gboolean         halo)
{
  if (needs_pango (line))
    {
      PangoLine p = { pango_layout_line_ref (line), x + (double) line_x / PANGO_SCALE,
                      y + (double) line_y / PANGO_SCALE, halo };

      g_array_append_val (s->pango_lines, p);
      return;
    }
  keep_line (s, cr, line, x, y, line_x, line_y, halo);
}

void
_ekv_sankey_screen_line (EkvSankeyScreen *s,
                         cairo_t         *cr,
                         PangoLayoutLine *line,
                         double           x,
                         double           y,
                         gboolean         halo)
{
  /* as pango_cairo_show_layout_line() at (X, Y) */
  screen_line (s, cr, line, x, y, 0, 0, halo);
}

void
_ekv_sankey_screen_text (EkvSankeyScreen *s,
                         cairo_t         *cr,
                         PangoLayout     *layout,
                         double           x,
                         double           y,
                         gboolean         halo)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  /* as pango_cairo_show_layout() at (X, Y) places the lines */
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      screen_line (s, cr, pango_layout_iter_get_line_readonly (iter), x, y, logical.x,
                   pango_layout_iter_get_baseline (iter), halo);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

void
_ekv_sankey_screen_leader (EkvSankeyScreen *s,
                           double           x0,
                           double           y0,
                           double           x1,
                           double           y1)
{
  Leader leader = { x0, y0, x1, y1 };

  g_array_append_val (s->leaders, leader);
}

/* ------------------------------------------------------------------------ */
/* Strips (either thread)                                                   */

/* A cairo_t for strip I, in the target's user space; its clip extents are
 * the strip's. */
static cairo_t *
strip_context (EkvSankeyScreen *s,
               guint            i,
               double          *cx0,
               double          *cy0,
               double          *cx1,
               double          *cy1)
{
  cairo_t *cr = cairo_create (s->strips[i]);

  cairo_set_matrix (cr, &s->matrix);
  cairo_clip_extents (cr, cx0, cy0, cx1, cy1);
  return cr;
}

static void
strip_bands (EkvSankeyScreen *s,
             guint            i)
{
  double cx0, cy0, cx1, cy1;
  cairo_t *cr = strip_context (s, i, &cx0, &cy0, &cx1, &cy1);

  ekv_palette_set_source (cr, &s->d->options->background, 1);
  cairo_paint (cr);
  _ekv_sankey_draw_bands (s->d, cr, cy0, cy1);
  cairo_destroy (cr);
}

static gboolean
meets (double a0,
       double a1,
       double b0,
       double b1)
{
  return a0 < b1 && b0 < a1;
}

/* The glyphs of RUN, drawn from its line's origins FIRST to FIRST + N - 1,
 * in one call. */
static void
show_run (EkvSankeyScreen *s,
          cairo_t         *cr,
          const GlyphRun  *run,
          guint            first,
          guint            n)
{
  const cairo_glyph_t *glyphs = &g_array_index (s->glyphs, cairo_glyph_t, run->first);
  const Origins *o = &g_array_index (s->origins, Origins, run->origins);
  g_autofree cairo_glyph_t *copies = g_new (cairo_glyph_t, (gsize) run->n * n);

  for (guint k = 0; k < n; k++)
    {
      /* as Pango sums them: the point, the run's start, the glyph's place */
      double x = o->x[first + k] + run->start_x, y = o->y[first + k] + run->start_y;

      for (guint g = 0; g < run->n; g++)
        copies[k * run->n + g] = (cairo_glyph_t) { glyphs[g].index, x + glyphs[g].x, y + glyphs[g].y };
    }
  cairo_set_scaled_font (cr, run->font);
  cairo_show_glyphs (cr, copies, (int) (run->n * n));
}

/* The nodes, leader lines, halos and text over strip I's bands. */
static void
strip_text (EkvSankeyScreen *s,
            guint            i)
{
  const EkvSankeyDrawOptions *o = s->d->options;
  double cx0, cy0, cx1, cy1;
  cairo_t *cr = strip_context (s, i, &cx0, &cy0, &cx1, &cy1);

  _ekv_sankey_draw_nodes (s->d, cr, cy0, cy1);

  for (guint k = 0; k < s->leaders->len; k++)
    {
      const Leader *l = &g_array_index (s->leaders, Leader, k);

      if (meets (MIN (l->y0, l->y1) - 1, MAX (l->y0, l->y1) + 1, cy0, cy1))
        {
          cairo_move_to (cr, l->x0, l->y0);
          cairo_line_to (cr, l->x1, l->y1);
        }
    }
  ekv_palette_set_source (cr, &o->foreground, 0.5);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);

  /* every halo first, then every text: a halo never covers another label's
   * text (but for lines Pango draws, after the strips) */
  ekv_palette_set_source (cr, &o->background, 1);
  for (guint k = 0; k < s->runs->len; k++)
    {
      const GlyphRun *run = &g_array_index (s->runs, GlyphRun, k);

      if (run->halo && meets (run->y0, run->y1, cy0, cy1) && meets (run->x0, run->x1, cx0, cx1))
        show_run (s, cr, run, 0, EKV_SANKEY_N_HALO_OFFSETS);
    }
  ekv_palette_set_source (cr, &o->foreground, 1);
  for (guint k = 0; k < s->runs->len; k++)
    {
      const GlyphRun *run = &g_array_index (s->runs, GlyphRun, k);

      if (meets (run->y0, run->y1, cy0, cy1) && meets (run->x0, run->x1, cx0, cx1))
        show_run (s, cr, run, EKV_SANKEY_N_HALO_OFFSETS, 1);
    }
  cairo_destroy (cr);
}

/* Takes strips' bands until none is left; then, in this thread only (two
 * threads drawing text wait for each other on the font's lock), each strip's
 * text once its bands are done. Runs in both threads. */
static void
work (EkvSankeyScreen *s,
      gboolean         text)
{
  for (;;)
    {
      guint i;
      gboolean bands;

      g_mutex_lock (&s->lock);
      if (s->next_bands < N_STRIPS)
        {
          i = s->next_bands++;
          bands = TRUE;
        }
      else if (text && s->next_text < N_STRIPS)
        {
          i = s->next_text++;
          bands = FALSE;
          /* the other thread may still be drawing this strip's bands */
          while (!s->bands_done[i])
            g_cond_wait (&s->changed, &s->lock);
        }
      else
        {
          g_mutex_unlock (&s->lock);
          return;
        }
      g_mutex_unlock (&s->lock);

      if (!bands)
        {
          strip_text (s, i);
          g_clear_pointer (&s->strips[i], cairo_surface_destroy);
          continue;
        }
      strip_bands (s, i);
      g_mutex_lock (&s->lock);
      s->bands_done[i] = TRUE;
      g_cond_broadcast (&s->changed);
      g_mutex_unlock (&s->lock);
    }
}

static EkvKeptPool helper;

static void
helper_run (gpointer data,
            gpointer user_data)
{
  EkvSankeyScreen *s = data;

  work (s, FALSE);
  screen_unref (s);
}

/* ------------------------------------------------------------------------ */
/* Public to the drawing                                                    */

EkvSankeyScreen *
_ekv_sankey_screen_start (EkvSankeyDrawing *d,
                          cairo_t          *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double x_offset = 0, y_offset = 0, x_scale = 1, y_scale = 1;
  int width, height, stride;
  EkvSankeyScreen *s;
  unsigned char *data;
  GThreadPool *pool;

  /* only over the drawing's own background, which the image then replaces */
  if (!d->options->fast || !d->options->fill_background)
    return NULL;
  /* one thread kept for the charts, drawing after drawing: the system keeps
   * it on the other core, where a thread made for each drawing often waits
   * for one; none, and the drawing is made in this thread */
  pool = ekv_kept_pool_get (&helper, helper_run, 1);
  if (pool == NULL)
    return NULL;
  if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      width = cairo_image_surface_get_width (target);
      height = cairo_image_surface_get_height (target);
      cairo_surface_get_device_offset (target, &x_offset, &y_offset);
      cairo_surface_get_device_scale (target, &x_scale, &y_scale);
    }
  else if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_RECORDING)
    {
      cairo_rectangle_t extents;
      double scale = d->options->pixel_scale > 0 ? d->options->pixel_scale : 1;

      if (!cairo_recording_surface_get_extents (target, &extents))
        return NULL;   /* unbounded: no image size to draw into */
      width = (int) ceil (extents.width * scale);
      height = (int) ceil (extents.height * scale);
      x_scale = y_scale = scale;
      x_offset = -extents.x * scale;
      y_offset = -extents.y * scale;
    }
  else
    return NULL;
  if (width <= 0 || height < N_STRIPS || width > 16384 || height > 16384)
    return NULL;

  s = g_new0 (EkvSankeyScreen, 1);
  s->ref_count = 2;
  s->d = d;
  /* opaque: compositing onto it is about twice as fast as onto a transparent image */
  s->image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status (s->image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (s->image);
      g_free (s);
      return NULL;
    }
  cairo_surface_set_device_offset (s->image, x_offset, y_offset);
  cairo_surface_set_device_scale (s->image, x_scale, y_scale);
  cairo_surface_flush (s->image);
  data = cairo_image_surface_get_data (s->image);
  stride = cairo_image_surface_get_stride (s->image);
  for (guint i = 0; i < N_STRIPS; i++)
    {
      int row0 = height * (int) i / N_STRIPS, row1 = height * (int) (i + 1) / N_STRIPS;

      /* its own surface over its rows of the image: the threads share no
       * cairo object but the fonts, which cairo locks */
      s->strips[i] = cairo_image_surface_create_for_data (data + (gsize) row0 * stride, CAIRO_FORMAT_RGB24,
                                                          width, row1 - row0, stride);
      cairo_surface_set_device_offset (s->strips[i], x_offset, y_offset - row0);
      cairo_surface_set_device_scale (s->strips[i], x_scale, y_scale);
    }
  cairo_get_matrix (cr, &s->matrix);
  s->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  s->origins = g_array_new (FALSE, FALSE, sizeof (Origins));
  s->runs = g_array_new (FALSE, FALSE, sizeof (GlyphRun));
  s->leaders = g_array_new (FALSE, FALSE, sizeof (Leader));
  s->pango_lines = g_array_new (FALSE, FALSE, sizeof (PangoLine));
  g_mutex_init (&s->lock);
  g_cond_init (&s->changed);
  /* an exclusive pool's thread is already there: the push cannot fail */
  g_thread_pool_push (pool, s, NULL);
  return s;
}

void
_ekv_sankey_screen_finish (EkvSankeyScreen *s,
                           cairo_t         *cr,
                           double           width,
                           double           height)
{
  work (s, TRUE);

  cairo_surface_mark_dirty (s->image);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, s->image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (s->image);

  for (guint i = 0; i < s->pango_lines->len; i++)
    {
      PangoLine *p = &g_array_index (s->pango_lines, PangoLine, i);

      _ekv_sankey_show_line (s->d, cr, p->line, p->x, p->y, p->halo);
      pango_layout_line_unref (p->line);
    }
  g_array_unref (s->pango_lines);
  screen_unref (s);
}
