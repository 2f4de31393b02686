/* test-flowchart.c: the process flow chart's geometry and drawing, without a display
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ekv-flowchart.h"
#include "ekv-json-import.h"

/* Four units in a line, a utility after them, and links of every sort:
 * u1 → u2 twice (merged), u2 → u3, u3 → u4, u4 → u2 (recycle, backward),
 * u5 → u1 (steam against the order, not a recycle), u1 → u4 (skips a box). */
static const char small_audit[] =
  "{ \"format\": \"ekoverim-audit\", \"version\": 1, \"company\": { \"name\": \"Chart\" },"
  "  \"units\": [ { \"id\": \"u1\", \"name\": \"Weighing\" },"
  "             { \"id\": \"u2\", \"name\": \"Mixing and kneading of the dough in two vessels\" },"
  "             { \"id\": \"u3\", \"name\": \"Baking\" },"
  "             { \"id\": \"u4\", \"name\": \"Cooling\" },"
  "             { \"id\": \"u5\", \"name\": \"Boiler\" } ],"
  "  \"flows\": ["
  "    { \"id\": \"f1\", \"name\": \"Flour\", \"kind\": \"raw_material\", \"from\": null, \"to\": \"u1\","
  "      \"quantity\": 100, \"unit\": \"kg\", \"period\": \"day\" },"
  "    { \"id\": \"f2\", \"name\": \"Salt\", \"kind\": \"raw_material\", \"from\": null, \"to\": \"u1\","
  "      \"quantity\": 2, \"unit\": \"kg\", \"period\": \"day\" },"
  "    { \"id\": \"f3\", \"name\": \"Weighed flour\", \"kind\": \"intermediate\", \"from\": \"u1\", \"to\": \"u2\","
  "      \"quantity\": 90, \"unit\": \"kg\", \"period\": \"day\" },"
  "    { \"id\": \"f4\", \"name\": \"Weighed salt\", \"kind\": \"intermediate\", \"from\": \"u1\", \"to\": \"u2\","
  "      \"quantity\": 2, \"unit\": \"kg\", \"period\": \"day\" },"
  "    { \"id\": \"f5\", \"name\": \"Dough\", \"kind\": \"intermediate\", \"from\": \"u2\", \"to\": \"u3\","
  "      \"quantity\": 92, \"unit\": \"kg\", \"period\": \"day\" },"
  "    { \"id\": \"f6\", \"name\": \"Bread\", \"kind\": \"intermediate\", \"from\": \"u3\", \"to\": \"u4\","
  "      \"quantity\": 80, \"unit\": \"kg\", \"period\": \"day\" },"
  "    { \"id\": \"f7\", \"name\": \"Crumbs\", \"kind\": \"recycle\", \"from\": \"u4\", \"to\": \"u2\","
  "      \"quantity\": 5, \"unit\": \"kg\", \"period\": \"day\" },"
  "    { \"id\": \"f8\", \"name\": \"Steam\", \"kind\": \"energy\", \"carrier\": \"steam\", \"from\": \"u5\","
  "      \"to\": \"u1\", \"quantity\": 10, \"unit\": \"kWh\", \"period\": \"day\" },"
  "    { \"id\": \"f9\", \"name\": \"Sample\", \"kind\": \"intermediate\", \"from\": \"u1\", \"to\": \"u4\","
  "      \"quantity\": 1, \"unit\": \"kg\", \"period\": \"day\" },"
  "    { \"id\": \"f10\", \"name\": \"Loaves\", \"kind\": \"product\", \"from\": \"u4\", \"to\": null,"
  "      \"quantity\": 74, \"unit\": \"kg\", \"period\": \"day\" } ] }";

static EkvDocument *
import (const char *json)
{
  g_autoptr(GError) error = NULL;
  EkvDocument *doc = ekv_json_import_data (json, -1, "test", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static EkvDocument *
import_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  const char *root = g_getenv ("EKV_SOURCE_ROOT");
  EkvDocument *doc;

  g_assert_nonnull (root);
  path = g_build_filename (root, "resources", "samples", "ege-orme-boya.json", NULL);
  file = g_file_new_for_path (path);
  doc = ekv_json_import_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  return doc;
}

static gboolean
rectangles_overlap (const EkvFlowchartBox *a,
                    const EkvFlowchartBox *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Every box inside the chart, none on another; every arrow starts on its source's
 * edge, ends on its target's, runs only horizontally or vertically and crosses no
 * box on the way. */
static void
assert_tidy (EkvFlowchart *chart)
{
  guint n = ekv_flowchart_get_n_boxes (chart);

  for (guint i = 0; i < n; i++)
    {
      const EkvFlowchartBox *a = ekv_flowchart_get_box (chart, i);

      g_assert_cmpfloat (a->x, >=, 0);
      g_assert_cmpfloat (a->y, >=, 0);
      g_assert_cmpfloat (a->x + a->width, <=, ekv_flowchart_get_width (chart));
      g_assert_cmpfloat (a->y + a->height, <=, ekv_flowchart_get_height (chart));
      g_assert_cmpfloat (a->width, >, 0);
      g_assert_cmpfloat (a->height, >, 0);
      for (guint j = i + 1; j < n; j++)
        g_assert_false (rectangles_overlap (a, ekv_flowchart_get_box (chart, j)));
    }

  for (guint a = 0; a < ekv_flowchart_get_n_arrows (chart); a++)
    {
      const EkvFlowchartArrow *arrow = ekv_flowchart_get_arrow (chart, a);
      const EkvFlowchartBox *s = ekv_flowchart_get_box (chart, arrow->source);
      const EkvFlowchartBox *t = ekv_flowchart_get_box (chart, arrow->target);
      const EkvSankeyPoint *first = &arrow->points[0];
      const EkvSankeyPoint *last = &arrow->points[arrow->n_points - 1];

      g_assert_cmpuint (arrow->n_points, >=, 2);
      /* On the edges */
      g_assert_true (first->x >= s->x - 0.01 && first->x <= s->x + s->width + 0.01);
      g_assert_true (first->y >= s->y - 0.01 && first->y <= s->y + s->height + 0.01);
      g_assert_true (fabs (first->x - s->x - s->width) < 0.01 || fabs (first->y - s->y) < 0.01 ||
                     fabs (first->y - s->y - s->height) < 0.01);
      g_assert_true (last->x >= t->x - 0.01 && last->x <= t->x + t->width + 0.01);
      g_assert_true (last->y >= t->y - 0.01 && last->y <= t->y + t->height + 0.01);

      for (guint p = 0; p + 1 < arrow->n_points; p++)
        {
          const EkvSankeyPoint *u = &arrow->points[p], *v = &arrow->points[p + 1];

          g_assert_true (fabs (u->x - v->x) < 0.01 || fabs (u->y - v->y) < 0.01);
          /* The middle of a segment is never inside a box. */
          for (guint b = 0; b < n; b++)
            {
              const EkvFlowchartBox *box = ekv_flowchart_get_box (chart, b);
              double mx = (u->x + v->x) / 2, my = (u->y + v->y) / 2;

              g_assert_false (mx > box->x + 0.5 && mx < box->x + box->width - 0.5 &&
                              my > box->y + 0.5 && my < box->y + box->height - 0.5);
            }
        }
    }
}

static guint
count_painted (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (((const guint32 *) (const void *) (data + y * stride))[x] != 0)
        n++;

  return n;
}

static void
test_small (void)
{
  g_autoptr(EkvDocument) doc = import (small_audit);
  g_autoptr(EkvFlowchart) chart = ekv_flowchart_new (doc, NULL, 1000);
  const EkvFlowchartArrow *merged, *recycle, *steam;
  const char *ids[] = { "u1", "u2", "u3", "u4", "u5" };

  g_assert_cmpuint (ekv_flowchart_get_n_boxes (chart), ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpstr (ekv_flowchart_get_box (chart, i)->unit_id, ==, ids[i]);
  /* Process order reads left to right */
  for (guint i = 0; i + 1 < 5; i++)
    {
      const EkvFlowchartBox *a = ekv_flowchart_get_box (chart, i);
      const EkvFlowchartBox *b = ekv_flowchart_get_box (chart, i + 1);

      g_assert_true (b->row > a->row || (b->row == a->row && b->x > a->x));
    }
  assert_tidy (chart);

  /* One arrow per linked pair: u1→u2, u2→u3, u3→u4, u4→u2, u5→u1, u1→u4 */
  g_assert_cmpuint (ekv_flowchart_get_n_arrows (chart), ==, 6);
  merged = ekv_flowchart_find_arrow (chart, "u1", "u2");
  g_assert_nonnull (merged);
  g_assert_cmpuint (merged->flow_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (merged->flow_ids, 0), ==, "f3");
  g_assert_cmpstr (g_ptr_array_index (merged->flow_ids, 1), ==, "f4");
  g_assert_false (merged->backward);
  g_assert_false (merged->recycle);
  g_assert_null (ekv_flowchart_find_arrow (chart, "u2", "u1"));

  recycle = ekv_flowchart_find_arrow (chart, "u4", "u2");
  g_assert_nonnull (recycle);
  g_assert_true (recycle->backward);
  g_assert_true (recycle->recycle);
  g_assert_cmpint (recycle->band, ==, EKV_SANKEY_BAND_RECYCLE);
  /* Routed around: it leaves the top of its source, not the side facing back. */
  g_assert_cmpfloat (recycle->points[0].y, ==, ekv_flowchart_get_box (chart, 3)->y);
  g_assert_cmpuint (recycle->n_points, >=, 4);

  steam = ekv_flowchart_find_arrow (chart, "u5", "u1");
  g_assert_nonnull (steam);
  g_assert_true (steam->backward);
  g_assert_false (steam->recycle);
  g_assert_cmpint (steam->band, ==, EKV_SANKEY_BAND_ENERGY);

  /* Boundary flows are counts on the boxes. */
  g_assert_cmpuint (ekv_flowchart_get_box (chart, 0)->n_inputs, ==, 2);
  g_assert_cmpuint (ekv_flowchart_get_box (chart, 0)->n_outputs, ==, 0);
  g_assert_cmpuint (ekv_flowchart_get_box (chart, 3)->n_outputs, ==, 1);
  g_assert_cmpuint (ekv_flowchart_get_box (chart, 0)->n_links_out, ==, 2);
  g_assert_cmpuint (ekv_flowchart_get_box (chart, 1)->n_links_in, ==, 2);
}

static void
test_hit (void)
{
  g_autoptr(EkvDocument) doc = import (small_audit);
  g_autoptr(EkvFlowchart) chart = ekv_flowchart_new (doc, NULL, 1000);
  const EkvFlowchartBox *box = ekv_flowchart_get_box (chart, 2);
  const EkvFlowchartArrow *arrow = ekv_flowchart_find_arrow (chart, "u4", "u2");
  g_autofree char *box_text = NULL;
  g_autofree char *arrow_text = NULL;
  double mx, my;
  int hit;

  g_assert_cmpstr (ekv_flowchart_hit (chart, box->x + box->width / 2, box->y + box->height / 2),
                   ==, "u3");
  g_assert_cmpstr (ekv_flowchart_hit (chart, box->x + 1, box->y + 1), ==, "u3");
  g_assert_null (ekv_flowchart_hit (chart, box->x - 1, box->y + 1));
  g_assert_null (ekv_flowchart_hit (chart, -5, -5));

  mx = (arrow->points[1].x + arrow->points[2].x) / 2;
  my = (arrow->points[1].y + arrow->points[2].y) / 2;
  hit = ekv_flowchart_hit_arrow (chart, mx, my + 1);
  g_assert_cmpint (hit, >=, 0);
  g_assert_true (ekv_flowchart_get_arrow (chart, hit) == arrow);
  g_assert_null (ekv_flowchart_hit (chart, mx, my));

  box_text = ekv_flowchart_describe_box (chart, 0);
  g_assert_true (g_str_has_prefix (box_text, "Weighing\n"));
  g_assert_nonnull (strstr (box_text, "2 inputs from outside the plant"));
  arrow_text = ekv_flowchart_describe_arrow (chart, hit);
  g_assert_nonnull (strstr (arrow_text, "Cooling → Mixing"));
  g_assert_nonnull (strstr (arrow_text, "Crumbs"));
  g_clear_pointer (&arrow_text, g_free);
  arrow_text = ekv_flowchart_describe_arrows_at (chart, mx, my + 1);
  g_assert_nonnull (arrow_text);
  g_assert_nonnull (strstr (arrow_text, "Crumbs"));
  g_clear_pointer (&arrow_text, g_free);
  arrow_text = ekv_flowchart_describe_arrows_at (chart, -20, -20);
  g_assert_null (arrow_text);
}

/* Narrow: the boxes wrap into rows, still tidy; an added unit is one more box. */
static void
test_wrap_and_add (void)
{
  g_autoptr(EkvDocument) doc = import (small_audit);
  g_autoptr(EkvFlowchart) wide = ekv_flowchart_new (doc, NULL, 1000);
  g_autoptr(EkvFlowchart) narrow = ekv_flowchart_new (doc, NULL, 360);
  g_autoptr(EkvFlowchart) after = NULL;
  g_autoptr(EkvRecord) unit = ekv_record_new (EKV_ENTITY_UNIT_OPERATION);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (ekv_flowchart_get_n_columns (wide), ==, 5);
  g_assert_cmpuint (ekv_flowchart_get_n_columns (narrow), <, 5);
  g_assert_cmpuint (ekv_flowchart_get_box (narrow, 4)->row, >, 0);
  g_assert_cmpfloat (ekv_flowchart_get_height (narrow), >, ekv_flowchart_get_height (wide));
  assert_tidy (narrow);

  ekv_record_set_string (unit, EKV_UNIT_OPERATION_ID, "u6");
  ekv_record_set_string (unit, EKV_UNIT_OPERATION_NAME, "Slicing");
  g_assert_true (ekv_document_insert (doc, unit, NULL, 2, &error));
  g_assert_no_error (error);
  after = ekv_flowchart_new (doc, NULL, 1000);
  g_assert_cmpuint (ekv_flowchart_get_n_boxes (after), ==, 6);
  g_assert_cmpstr (ekv_flowchart_get_box (after, 2)->unit_id, ==, "u6");
  g_assert_cmpuint (ekv_flowchart_get_box (after, 2)->n_inputs, ==, 0);
  g_assert_cmpuint (ekv_flowchart_get_n_arrows (after), ==, 6);
  assert_tidy (after);
}

/* The sample: 12 boxes, a tidy chart at the window's width and at a phone's,
 * painted. */
static void
test_sample (void)
{
  g_autoptr(EkvDocument) doc = import_sample ();
  const double widths[] = { 1000, 560, 330 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(EkvFlowchart) chart = ekv_flowchart_new (doc, NULL, widths[w]);
      cairo_surface_t *surface;
      cairo_t *cr;
      guint painted;

      g_assert_cmpuint (ekv_flowchart_get_n_boxes (chart), ==, 12);
      g_assert_cmpuint (ekv_flowchart_get_n_arrows (chart), ==, 28);
      assert_tidy (chart);

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (widths[w]),
                                            (int) ceil (ekv_flowchart_get_height (chart)));
      cr = cairo_create (surface);
      ekv_flowchart_draw (chart, cr);
      cairo_destroy (cr);
      painted = count_painted (surface);
      g_assert_cmpuint (painted, >, 1000);
      if (g_getenv ("EKV_FLOWCHART_PNG") != NULL)
        {
          g_autofree char *name = g_strdup_printf ("%s-%d.png", g_getenv ("EKV_FLOWCHART_PNG"),
                                                   (int) widths[w]);
          cairo_surface_write_to_png (surface, name);
        }
      cairo_surface_destroy (surface);
    }
}

static cairo_status_t
count_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

/* The report's way: a PDF page, text measured with the PDF's own context. */
static void
test_pdf (void)
{
  g_autoptr(EkvDocument) doc = import_sample ();
  g_autoptr(EkvFlowchart) chart = NULL;
  PangoContext *context;
  gsize written = 0;
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (count_bytes, &written, 595, 842);
  cr = cairo_create (surface);
  context = pango_cairo_create_context (cr);
  chart = ekv_flowchart_new (doc, context, 515);
  g_assert_cmpuint (ekv_flowchart_get_n_boxes (chart), ==, 12);
  assert_tidy (chart);
  cairo_translate (cr, 40, 40);
  ekv_flowchart_draw (chart, cr);
  cairo_show_page (cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (written, >, 1000);
  g_object_unref (context);
}

/* No units: a line saying so, nothing to hit. */
static void
test_empty (void)
{
  g_autoptr(EkvDocument) doc = ekv_document_new ();
  g_autoptr(EkvFlowchart) chart = ekv_flowchart_new (doc, NULL, 600);
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_cmpuint (ekv_flowchart_get_n_boxes (chart), ==, 0);
  g_assert_cmpuint (ekv_flowchart_get_n_arrows (chart), ==, 0);
  g_assert_cmpfloat (ekv_flowchart_get_height (chart), >, 0);
  g_assert_null (ekv_flowchart_hit (chart, 10, 10));
  g_assert_cmpint (ekv_flowchart_hit_arrow (chart, 10, 10), ==, -1);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, (int) ceil (ekv_flowchart_get_height (chart)));
  cr = cairo_create (surface);
  ekv_flowchart_draw (chart, cr);
  cairo_destroy (cr);
  g_assert_cmpuint (count_painted (surface), >, 0);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/flowchart/small", test_small);
  g_test_add_func ("/ekv/flowchart/hit", test_hit);
  g_test_add_func ("/ekv/flowchart/wrap-and-add", test_wrap_and_add);
  g_test_add_func ("/ekv/flowchart/sample", test_sample);
  g_test_add_func ("/ekv/flowchart/pdf", test_pdf);
  g_test_add_func ("/ekv/flowchart/empty", test_empty);

  return g_test_run ();
}
