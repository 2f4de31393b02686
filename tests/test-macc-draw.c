/* test-macc-draw.c: the marginal abatement cost curve, drawn and written to files
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "ekv-json-import.h"
#include "ekv-macc-draw.h"
#include "ekv-options.h"
#include "ekv-test-util.h"

/* Pixels of SURFACE inside the rectangle that are not white. */
static guint
count_ink (cairo_surface_t *surface,
           int              x0,
           int              y0,
           int              x1,
           int              y1)
{
  unsigned char *data;
  int stride;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  x1 = MIN (x1, cairo_image_surface_get_width (surface));
  y1 = MIN (y1, cairo_image_surface_get_height (surface));
  for (int y = MAX (y0, 0); y < y1; y++)
    for (int x = MAX (x0, 0); x < x1; x++)
      if ((*(guint32 *) (data + y * stride + 4 * x) & 0xffffff) != 0xffffff)
        n++;
  return n;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  cairo_surface_flush (surface);
  return *(guint32 *) (cairo_image_surface_get_data (surface) +
                       y * cairo_image_surface_get_stride (surface) + 4 * x) & 0xffffff;
}

/* The bars come in cost order, side by side, as wide as their CO₂; the options
 * avoiding none are listed, not dropped. */
static void
test_order (void)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvOptions) options = ekv_options_compute (doc, NULL);
  g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (EkvMaccBar));
  g_autoptr(GPtrArray) off = g_ptr_array_new ();
  g_autoptr(GPtrArray) order = ekv_options_macc_order (options, FALSE);
  EkvMaccDrawOptions draw_options;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 600);
  cairo_t *cr = cairo_create (surface);
  double scale = 0;

  ekv_macc_draw_options_init (&draw_options);
  draw_options.currency = "TRY";
  draw_options.bars = bars;
  draw_options.off_curve = off;
  ekv_macc_draw (cr, options, 900, 600, &draw_options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  g_assert_cmpuint (order->len, >=, 3);
  g_assert_cmpuint (bars->len, ==, order->len);
  for (guint i = 0; i < bars->len; i++)
    {
      EkvMaccBar *bar = &g_array_index (bars, EkvMaccBar, i);
      double s = (bar->x1 - bar->x0) / bar->option->co2_avoided_t;

      g_assert_true (bar->option == g_ptr_array_index (order, i));
      g_assert_cmpfloat (bar->option->co2_avoided_t, >, 0);
      if (i > 0)
        {
          EkvMaccBar *prev = &g_array_index (bars, EkvMaccBar, i - 1);

          g_assert_cmpfloat (prev->option->cost_per_t_co2, <=, bar->option->cost_per_t_co2);
          g_assert_cmpfloat_with_epsilon (prev->x1, bar->x0, 1e-9);   /* side by side */
          g_assert_cmpfloat_with_epsilon (s, scale, scale * 1e-9);    /* one scale */
          /* heights in proportion to the cost per tonne (all below the axis here) */
          double height = (bar->y1 - bar->y0) / fabs (bar->option->cost_per_t_co2);
          double prev_height = (prev->y1 - prev->y0) / fabs (prev->option->cost_per_t_co2);

          g_assert_cmpfloat_with_epsilon (height, prev_height, 1e-6);
        }
      scale = s;
      g_assert_cmpfloat (bar->x0, >=, 0);
      g_assert_cmpfloat (bar->x1, <=, 900);
      g_assert_cmpfloat (bar->y0, >=, 0);
      g_assert_cmpfloat (bar->y1, <=, 600);
    }

  /* Every option is either on the curve or named under it. */
  g_assert_cmpuint (bars->len + off->len, ==, options->options->len);
  for (guint i = 0; i < off->len; i++)
    {
      const EkvOptionResult *r = g_ptr_array_index (off, i);

      g_assert_false (isfinite (r->co2_avoided_t) && r->co2_avoided_t > 0 &&
                      isfinite (r->cost_per_t_co2));
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* An option that costs money per tonne stands above the axis, the others hang
 * below it from the same zero line. */
static void
test_mixed (void)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvOptions) options = NULL;
  g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (EkvMaccBar));
  EkvRecord *o4 = ekv_document_find (doc, EKV_ENTITY_OPTION, "o4");
  EkvMaccDrawOptions draw_options;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 600);
  cairo_t *cr = cairo_create (surface);
  const EkvMaccBar *last, *first;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  /* o4 now costs 5 million a year to run: far more than it saves */
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, 5e6);
  g_assert_true (ekv_document_set_value (doc, o4, EKV_OPTION_OM_COST, &value, &error));
  g_assert_no_error (error);
  options = ekv_options_compute (doc, NULL);
  g_assert_cmpfloat (ekv_options_find (options, "o4")->cost_per_t_co2, >, 0);

  ekv_macc_draw_options_init (&draw_options);
  draw_options.bars = bars;
  ekv_macc_draw (cr, options, 900, 600, &draw_options);

  first = &g_array_index (bars, EkvMaccBar, 0);
  last = &g_array_index (bars, EkvMaccBar, bars->len - 1);
  g_assert_cmpstr (last->option->id, ==, "o4");      /* dearest last */
  g_assert_cmpfloat_with_epsilon (last->y1, first->y0, 1e-9);   /* one zero line */
  g_assert_cmpfloat (last->y0, <, last->y1);
  g_assert_cmpfloat (last->y0, >=, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Not blank, nothing outside the area asked for, one colour per category. */
static void
test_draw (void)
{
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvOptions) options = ekv_options_compute (doc, NULL);
  g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (EkvMaccBar));
  EkvMaccDrawOptions draw_options;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1000, 700);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  ekv_macc_draw_options_init (&draw_options);
  draw_options.bars = bars;
  ekv_macc_draw (cr, options, 800, 500, &draw_options);

  g_assert_cmpuint (count_ink (surface, 0, 0, 800, 500), >, 800 * 500 / 20);
  g_assert_cmpuint (count_ink (surface, 800, 0, 1000, 700) + count_ink (surface, 0, 500, 800, 700),
                    ==, 0);

  for (guint i = 0; i < bars->len; i++)
    for (guint j = 0; j < bars->len; j++)
      {
        EkvMaccBar *a = &g_array_index (bars, EkvMaccBar, i);
        EkvMaccBar *b = &g_array_index (bars, EkvMaccBar, j);
        gboolean same = ekv_record_get_enum (a->option->option, EKV_OPTION_CATEGORY) ==
                        ekv_record_get_enum (b->option->option, EKV_OPTION_CATEGORY);

        /* the middle of wide, tall bars only: thin ones are mostly outline */
        if (a->x1 - a->x0 < 8 || b->x1 - b->x0 < 8 || a->y1 - a->y0 < 8 || b->y1 - b->y0 < 8)
          continue;
        if (same)
          g_assert_cmphex (pixel_at (surface, (a->x0 + a->x1) / 2, (a->y0 + a->y1) / 2 + 2), ==,
                           pixel_at (surface, (b->x0 + b->x1) / 2, (b->y0 + b->y1) / 2 + 2));
        else
          g_assert_cmphex (pixel_at (surface, (a->x0 + a->x1) / 2, (a->y0 + a->y1) / 2 + 2), !=,
                           pixel_at (surface, (b->x0 + b->x1) / 2, (b->y0 + b->y1) / 2 + 2));
      }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* An audit without options: an empty curve that says so, not a blank area. */
static void
test_empty (void)
{
  g_autoptr(EkvDocument) doc = ekv_document_new ();
  g_autoptr(EkvOptions) options = ekv_options_compute (doc, NULL);
  g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (EkvMaccBar));
  EkvMaccDrawOptions draw_options;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
  cairo_t *cr = cairo_create (surface);

  ekv_macc_draw_options_init (&draw_options);
  draw_options.bars = bars;
  ekv_macc_draw (cr, options, 600, 400, &draw_options);
  g_assert_cmpuint (bars->len, ==, 0);
  /* the message in the middle third */
  g_assert_cmpuint (count_ink (surface, 0, 130, 600, 270), >, 100);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_files (void)
{
  g_autofree char *dir = ekv_test_make_dir ("ekv-macc-draw-XXXXXX");
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvOptions) options = ekv_options_compute (doc, NULL);
  static const struct { EkvChartFormat format; const char *name, *head, *tail; } cases[] = {
    { EKV_CHART_FORMAT_PNG, "macc.png", "\x89PNG\r\n\x1a\n", NULL },
    { EKV_CHART_FORMAT_SVG, "macc.svg", "<?xml", "</svg>\n" },
    { EKV_CHART_FORMAT_PDF, "macc.pdf", "%PDF-", "%%EOF\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize length;
      EkvChartFormat format;

      g_assert_true (ekv_macc_write_file (options, NULL, cases[i].format, path, 800, 500, &error));
      g_assert_no_error (error);
      g_file_get_contents (path, &data, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (memcmp (data, cases[i].head, strlen (cases[i].head)) == 0);
      if (cases[i].tail != NULL)
        g_assert_true (memcmp (data + length - strlen (cases[i].tail), cases[i].tail,
                               strlen (cases[i].tail)) == 0);
      g_assert_true (ekv_chart_format_from_nick (strrchr (cases[i].name, '.') + 1, &format));
      g_assert_cmpint (format, ==, cases[i].format);
    }

  {
    g_autofree char *path = g_build_filename (dir, "macc.png", NULL);
    cairo_surface_t *png = cairo_image_surface_create_from_png (path);

    g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
    g_assert_cmpint (cairo_image_surface_get_height (png), ==, 500);
    g_assert_cmpuint (count_ink (png, 0, 0, 800, 500), >, 800 * 500 / 20);
    cairo_surface_destroy (png);
  }
  g_assert_cmpuint (count_files (dir), ==, 3);    /* no temporary file left */
  g_assert_false (ekv_chart_format_from_nick ("gif", &(EkvChartFormat) { 0 }));
  ekv_test_remove_dir (dir);
}

/* A write that fails leaves the file that was there intact and nothing else
 * behind; the message names the file. */
static void
test_failed_write (void)
{
  g_autofree char *dir = ekv_test_make_dir ("ekv-macc-draw-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "keep.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "macc.png", NULL);
  g_autoptr(EkvDocument) doc = ekv_test_load_sample ();
  g_autoptr(EkvOptions) options = ekv_options_compute (doc, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;

  g_file_set_contents (path, "precious", -1, &error);
  g_assert_no_error (error);

  /* Too large for an image surface: cairo fails after the temporary file exists. */
  g_assert_false (ekv_macc_write_file (options, NULL, EKV_CHART_FORMAT_PNG, path, 100000, 10,
                                       &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "keep.png"));
  g_clear_error (&error);
  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (data, ==, "precious");
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_assert_false (ekv_macc_write_file (options, NULL, EKV_CHART_FORMAT_SVG, missing, 640, 400,
                                       &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "macc.png"));
  g_clear_error (&error);

  g_assert_false (ekv_macc_write_file (options, NULL, EKV_CHART_FORMAT_PDF, dir, 640, 400, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* A good write replaces the file whole. */
  g_assert_true (ekv_macc_write_file (options, NULL, EKV_CHART_FORMAT_PNG, path, 640, 400, &error));
  g_assert_no_error (error);
  g_clear_pointer (&data, g_free);
  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (data, "\x89PNG", 4) == 0);
  g_assert_cmpuint (count_files (dir), ==, 1);
  ekv_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/macc-draw/order", test_order);
  g_test_add_func ("/ekv/macc-draw/mixed", test_mixed);
  g_test_add_func ("/ekv/macc-draw/draw", test_draw);
  g_test_add_func ("/ekv/macc-draw/empty", test_empty);
  g_test_add_func ("/ekv/macc-draw/files", test_files);
  g_test_add_func ("/ekv/macc-draw/failed-write", test_failed_write);

  return g_test_run ();
}
