/* test-cli-sankey.c: “ekv sankey” as users run it
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ekv-test-cli.h"
#include "ekv-test-util.h"

static char *workdir;


/* Runs ekv with ARGS (NULL-terminated) in the work folder under LOCALE, or in English. */
#define run_ekv_in(run, locale, ...) ekv_test_run ((run), workdir, (locale), __VA_ARGS__)
#define run_ekv(run, ...) run_ekv_in ((run), "C.UTF-8", __VA_ARGS__)

static char *
work_path (const char *name)
{
  return g_build_filename (workdir, name, NULL);
}

static char *
read_work_file (const char *name,
                gsize      *length)
{
  g_autofree char *path = work_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_work_file (const char *name,
                 const char *contents)
{
  g_autofree char *path = work_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_help (void)
{
  g_auto(EkvTestRun) run = { 0 };
  g_auto(EkvTestRun) top = { 0 };

  run_ekv (&run, "sankey", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--view"));
  g_assert_nonnull (strstr (run.out, "--graph"));
  g_assert_nonnull (strstr (run.out, "--layout"));

  run_ekv (&top, "--help", NULL);
  g_assert_nonnull (strstr (top.out, "sankey"));
}

static void
test_audit_pictures (void)
{
  g_autofree char *sample = ekv_test_sample_path ();
  static const struct { const char *view, *option, *file, *magic; } cases[] = {
    { "water", "--png", "w.png", "\x89PNG\r\n" },
    { "energy", "--pdf", "e.pdf", "%PDF-" },
    { "material", "--svg", "m.svg", "<?xml" },
    { "cost", "--png", "c.png", "\x89PNG\r\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(EkvTestRun) run = { 0 };
      g_autofree char *data = NULL;
      gsize length;

      run_ekv (&run, "sankey", sample, "--view", cases[i].view, cases[i].option, cases[i].file, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      data = read_work_file (cases[i].file, &length);
      g_assert_cmpuint (length, >, 1000);
      g_assert_true (memcmp (data, cases[i].magic, strlen (cases[i].magic)) == 0);
    }
}

static void
test_size (void)
{
  g_autofree char *sample = ekv_test_sample_path ();
  g_autofree char *data = NULL;
  g_auto(EkvTestRun) run = { 0 };
  gsize length;

  run_ekv (&run, "sankey", sample, "--view", "water", "--png", "s.png", "--width", "900",
           "--height", "640", NULL);
  g_assert_cmpint (run.status, ==, 0);
  data = read_work_file ("s.png", &length);
  g_assert_cmpuint (length, >, 24);
  /* IHDR: width and height, big-endian, at bytes 16 and 20 */
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 16)), ==, 900);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 20)), ==, 640);
}

static void
test_bad_usage (void)
{
  g_autofree char *sample = ekv_test_sample_path ();
  const char *const cases[][8] = {
    { "sankey", NULL },
    { "sankey", sample, "--png", "x.png", NULL },                              /* no view */
    { "sankey", sample, "--view", "mass", "--png", "x.png", NULL },
    { "sankey", sample, "--view", "water", NULL },                              /* no output */
    { "sankey", sample, "--view", "water", "--png", "x.png", "--svg", "x.svg" },
    { "sankey", sample, "--view", "water", "--scenario", "later", "--png", "x.png" },
    { "sankey", sample, "--view", "water", "--png", "x.png", "--width", "10" },
    { "sankey", sample, "--view", "water", "--layout", "x.json", NULL },
    { "sankey", "--graph", "g.json", sample, "--layout", "x.json", NULL },
    { "sankey", "--graph", "g.json", NULL },
    { "sankey", "--graph", "g.json", "--view", "water", "--layout", "x.json" },
    { "sankey", "--bogus", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(EkvTestRun) run = { 0 };

      ekv_test_run_args (&run, workdir, "C.UTF-8", cases[i], G_N_ELEMENTS (cases[i]));
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, "ekv sankey: "));
      g_assert_nonnull (strstr (run.err, "--help"));
    }
}

static void
test_user_errors (void)
{
  g_autofree char *sample = ekv_test_sample_path ();
  g_autofree char *minimal = g_build_filename (g_getenv ("EKV_SOURCE_ROOT"), "tests", "data", "json",
                                               "minimal.json", NULL);
  g_auto(EkvTestRun) after = { 0 };
  g_auto(EkvTestRun) empty = { 0 };
  g_auto(EkvTestRun) missing = { 0 };
  g_auto(EkvTestRun) nodir = { 0 };

  /* The after scenario is drawn (the sample has approved options). */
  run_ekv (&after, "sankey", sample, "--view", "water", "--scenario", "after", "--png", "a.png", NULL);
  g_assert_cmpint (after.status, ==, 0);
  g_assert_true (g_file_test ("a.png", G_FILE_TEST_EXISTS));

  run_ekv (&empty, "sankey", minimal, "--view", "water", "--png", "e.png", NULL);
  g_assert_cmpint (empty.status, ==, 1);
  ekv_test_assert_one_line (empty.err);
  g_assert_nonnull (strstr (empty.err, "minimal.json"));

  run_ekv (&missing, "sankey", "no-such.json", "--view", "water", "--png", "m.png", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "no-such.json"));

  run_ekv (&nodir, "sankey", sample, "--view", "water", "--png", "no-dir/w.png", NULL);
  g_assert_cmpint (nodir.status, ==, 1);
  ekv_test_assert_one_line (nodir.err);
  g_assert_nonnull (strstr (nodir.err, "no-dir/w.png"));
}

static const char graph_json[] =
  "{\"nodes\": [{\"name\": \"Gas\", \"kind\": \"source\"}, {\"name\": \"Boiler\", \"kind\": \"process\"},"
  " {\"name\": \"Dryer\", \"kind\": \"process\"}, {\"name\": \"Losses\", \"kind\": \"loss\"}],"
  " \"links\": [{\"source\": 0, \"target\": 1, \"value\": 100}, {\"source\": 1, \"target\": 2, \"value\": 80},"
  " {\"source\": 1, \"target\": 3, \"value\": 20}, {\"source\": 2, \"target\": 3, \"value\": 80}]}";

static void
test_graph_layout (void)
{
  g_auto(EkvTestRun) run = { 0 };
  g_auto(EkvTestRun) to_stdout = { 0 };
  g_auto(EkvTestRun) picture = { 0 };
  g_auto(EkvTestRun) bad = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *png = NULL;
  JsonObject *root;
  JsonArray *nodes, *links;
  gsize length;

  write_work_file ("g.json", graph_json);
  run_ekv (&run, "sankey", "--graph", "g.json", "--layout", "out.json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = read_work_file ("out.json", &length);
  json_parser_load_from_data (parser, text, length, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  nodes = json_object_get_array_member (root, "nodes");
  links = json_object_get_array_member (root, "links");
  g_assert_cmpuint (json_array_get_length (nodes), ==, 4);
  g_assert_cmpuint (json_array_get_length (links), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *node = json_array_get_object_element (nodes, i);

      g_assert_cmpfloat (json_object_get_double_member (node, "x0"), >=, 0);
      g_assert_cmpfloat (json_object_get_double_member (node, "x1"), <=, 1200);
      g_assert_cmpfloat (json_object_get_double_member (node, "y0"), >=, 0);
      g_assert_cmpfloat (json_object_get_double_member (node, "y1"), <=, 800);
      g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (links, i), "width"),
                         >, 0);
    }

  /* "-" is the standard output, the same text. */
  run_ekv (&to_stdout, "sankey", "--graph", "g.json", "--layout", "-", NULL);
  g_assert_cmpint (to_stdout.status, ==, 0);
  g_assert_cmpstr (to_stdout.out, ==, text);

  run_ekv (&picture, "sankey", "--graph", "g.json", "--png", "g.png", NULL);
  g_assert_cmpint (picture.status, ==, 0);
  png = read_work_file ("g.png", &length);
  g_assert_true (memcmp (png, "\x89PNG", 4) == 0);

  write_work_file ("bad.json", "{\"nodes\": [{\"name\": \"A\"}], \"links\": [{\"source\": 0, \"target\": 5, \"value\": 1}]}");
  run_ekv (&bad, "sankey", "--graph", "bad.json", "--layout", "bad-out.json", NULL);
  g_assert_cmpint (bad.status, ==, 1);
  ekv_test_assert_one_line (bad.err);
  g_assert_nonnull (strstr (bad.err, "bad.json"));
  g_assert_false (g_file_test ("bad-out.json", G_FILE_TEST_EXISTS));
}

/* Turkish labels and numbers (1.234,5) in the PDF, whose text pdftotext reads. */
static void
test_turkish (void)
{
  g_autofree char *sample = ekv_test_sample_path ();
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdf = work_path ("tr.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(EkvTestRun) run = { 0 };
  const char *argv[] = { NULL, "-layout", pdf, "-", NULL };
  int wait_status;

  if (!ekv_test_tr_locale_installed ())
    {
      g_test_skip ("no tr_TR.UTF-8 locale");
      return;
    }
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  run_ekv_in (&run, "tr_TR.UTF-8", "sankey", sample, "--view", "water", "--pdf", "tr.pdf", NULL);
  g_assert_cmpint (run.status, ==, 0);
  argv[0] = pdftotext;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL, &wait_status, &error);
  g_assert_no_error (error);
  /* Drop the word joiners that keep "m³/yıl" on one line, if pdftotext keeps them. */
  {
    g_auto(GStrv) parts = g_strsplit (text, "\u2060", -1);

    g_free (text);
    text = g_strjoinv ("", parts);
  }
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "m³/yıl"));
  g_assert_nonnull (strstr (text, "Atıksu"));
  g_assert_nonnull (strstr (text, "234.000"));     /* mains water, grouped the Turkish way */
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  workdir = ekv_test_make_dir ("ekv-cli-sankey-XXXXXX");
  g_assert_no_errno (g_chdir (workdir));

  g_test_add_func ("/ekv/cli-sankey/help", test_help);
  g_test_add_func ("/ekv/cli-sankey/audit-pictures", test_audit_pictures);
  g_test_add_func ("/ekv/cli-sankey/size", test_size);
  g_test_add_func ("/ekv/cli-sankey/bad-usage", test_bad_usage);
  g_test_add_func ("/ekv/cli-sankey/user-errors", test_user_errors);
  g_test_add_func ("/ekv/cli-sankey/graph-layout", test_graph_layout);
  g_test_add_func ("/ekv/cli-sankey/turkish", test_turkish);

  status = g_test_run ();

  ekv_test_remove_dir (workdir);
  g_free (workdir);
  return status;
}
