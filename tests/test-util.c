/* test-util.c: number format and parse, for people and for machines
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>

#include <glib.h>

#include "ekv-util.h"

/* Runs the test under LOCALE, or skips it when the system lacks it. Returns FALSE
 * when skipped; the caller restores with restore_locale(). */
static gboolean
use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("locale %s is not installed", locale);

      setlocale (LC_ALL, "C.UTF-8");
      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

static void
restore_locale (void)
{
  setlocale (LC_ALL, "C.UTF-8");
}

static void
assert_format (double      value,
               int         digits,
               const char *expected)
{
  g_autofree char *text = ekv_number_format (value, digits);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_parse (const char *text,
              double      expected)
{
  g_autoptr(GError) error = NULL;
  double value = -12345.678;

  g_assert_true (ekv_number_parse (text, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (value, ==, expected);
}

static void
assert_parse_fails (const char *text)
{
  g_autoptr(GError) error = NULL;
  double value = 42;

  g_assert_false (ekv_number_parse (text, &value, &error));
  g_assert_error (error, EKV_UTIL_ERROR, EKV_UTIL_ERROR_NUMBER);
  g_assert_cmpfloat (value, ==, 42);
}

static void
test_set_string (void)
{
  g_autofree char *field = NULL;

  g_assert_false (ekv_set_string (&field, NULL));
  g_assert_true (ekv_set_string (&field, "su"));
  g_assert_cmpstr (field, ==, "su");
  g_assert_false (ekv_set_string (&field, "su"));
  /* A value pointing into the old string is copied before the old one goes. */
  g_assert_true (ekv_set_string (&field, field + 1));
  g_assert_cmpstr (field, ==, "u");
  g_assert_true (ekv_set_string (&field, NULL));
  g_assert_null (field);
}

static void
test_format_c (void)
{
  setlocale (LC_ALL, "C");
  assert_format (1234.5, -1, "1234.5");
  assert_format (1234567.25, 2, "1234567.25");
  assert_format (0, -1, "0");
  assert_format (-0.0, -1, "0");
  assert_format (0.1, -1, "0.1");
  assert_format (1.0 / 3.0, -1, "0.333333333333333");
  assert_format (2.0 / 3.0, 2, "0.67");
  assert_format (-2.5, 0, "-2");     /* round half to even, like printf */
  assert_format (-0.001, 1, "0.0");
  assert_format (410000, -1, "410000");
  assert_format (100, 2, "100.00");
  assert_format (1e-7, -1, "0.0000001");
  assert_format (-15.75, -1, "-15.75");
  restore_locale ();
}

static void
test_format_turkish (void)
{
  if (!use_locale ("tr_TR.UTF-8"))
    return;
  assert_format (1234.5, -1, "1.234,5");
  assert_format (1234567.891, 2, "1.234.567,89");
  assert_format (999, -1, "999");
  assert_format (100000, -1, "100.000");
  assert_format (-1234.5, 1, "-1.234,5");
  assert_format (0.25, -1, "0,25");
  assert_format (12, 0, "12");
  restore_locale ();
}

static void
test_format_english (void)
{
  if (!use_locale ("en_US.UTF-8"))
    return;
  assert_format (1234.5, -1, "1,234.5");
  assert_format (1234567.891, 2, "1,234,567.89");
  assert_format (-999.5, -1, "-999.5");
  restore_locale ();
}

static void
test_parse_c (void)
{
  setlocale (LC_ALL, "C");
  assert_parse ("1234.5", 1234.5);
  assert_parse ("  -12.25 ", -12.25);
  assert_parse ("+7", 7);
  assert_parse (".5", 0.5);
  assert_parse ("5.", 5);
  assert_parse ("0", 0);
  assert_parse ("0.1", 0.1);
  assert_parse_fails ("");
  assert_parse_fails ("   ");
  assert_parse_fails ("-");
  assert_parse_fails (".");
  assert_parse_fails ("12a");
  assert_parse_fails ("1e5");
  assert_parse_fails ("1.2.3");
  assert_parse_fails ("1,234.5");   /* C does not group */
  assert_parse_fails ("1 2");
  assert_parse_fails ("--1");
  assert_parse_fails ("nan");
  assert_parse_fails ("inf");
  restore_locale ();
}

static void
test_parse_turkish (void)
{
  if (!use_locale ("tr_TR.UTF-8"))
    return;
  assert_parse ("1.234,5", 1234.5);
  assert_parse ("1234,5", 1234.5);
  assert_parse ("1.234.567", 1234567);
  assert_parse (" -0,25 ", -0.25);
  assert_parse ("12", 12);
  assert_parse_fails ("1,2,3");      /* two radix marks */
  assert_parse_fails ("1.23,4");     /* misplaced grouping */
  assert_parse_fails ("12.34");      /* a dot is grouping here, not a radix */
  assert_parse_fails ("1234.567");   /* first group too long */
  assert_parse_fails (".123");
  assert_parse_fails ("1..234");
  assert_parse_fails ("1.234.");
  assert_parse_fails ("12a");
  assert_parse_fails ("");
  restore_locale ();
}

static void
test_parse_english (void)
{
  if (!use_locale ("en_US.UTF-8"))
    return;
  assert_parse ("1,234.5", 1234.5);
  assert_parse ("1234.5", 1234.5);
  assert_parse_fails ("1.234,5");
  assert_parse_fails ("12,34");
  restore_locale ();
}

static void
test_parse_message (void)
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "C");
  g_assert_false (ekv_number_parse ("12a", NULL, &error));
  g_assert_error (error, EKV_UTIL_ERROR, EKV_UTIL_ERROR_NUMBER);
  g_assert_cmpstr (error->message, ==, "“12a” is not a number");
  restore_locale ();
}

static void
test_format_parse_round_trip (void)
{
  static const double values[] = { 0, 1, -1, 0.5, 1234.5, 1234567.125, -98765.4321, 1e-6, 0.1 };
  static const char *locales[] = { "C", "tr_TR.UTF-8", "en_US.UTF-8" };
  guint i, j;

  for (j = 0; j < G_N_ELEMENTS (locales); j++)
    {
      if (setlocale (LC_ALL, locales[j]) == NULL)
        continue;
      for (i = 0; i < G_N_ELEMENTS (values); i++)
        {
          g_autofree char *text = ekv_number_format (values[i], -1);

          assert_parse (text, values[i]);
        }
    }
  restore_locale ();
}

static void
test_to_string (void)
{
  static const struct
  {
    double      value;
    const char *text;
  } cases[] = {
    { 0.1, "0.1" },
    { 410000, "410000" },
    { 1e-7, "1e-07" },
    { 1.0, "1" },
    { -2.5, "-2.5" },
    { 0.000825, "0.000825" },
    { 1.938, "1.938" },
    { 9.59, "9.59" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { 123456789012345678.0, "1.2345678901234568e+17" },
    { 1e21, "1e+21" },
  };
  static const double round_trip[] = { M_PI, 1.0 / 7.0, 5e-324, 1.7976931348623157e308, -0.1, 2.675 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ekv_number_to_string (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  for (i = 0; i < G_N_ELEMENTS (round_trip); i++)
    {
      g_autofree char *text = ekv_number_to_string (round_trip[i]);

      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, round_trip[i]);
    }
}

static void
test_to_string_turkish (void)
{
  g_autofree char *text = NULL;

  if (!use_locale ("tr_TR.UTF-8"))
    return;
  text = ekv_number_to_string (1234.5);
  g_assert_cmpstr (text, ==, "1234.5");
  restore_locale ();
}

static void
test_c_numeric (void)
{
  char buffer[64];
  locale_t previous;

  if (!use_locale ("tr_TR.UTF-8"))
    return;

  g_snprintf (buffer, sizeof buffer, "%.1f", 1.5);
  g_assert_cmpstr (buffer, ==, "1,5");

  previous = ekv_c_numeric_begin ();
  g_assert_true (previous != (locale_t) 0);
  snprintf (buffer, sizeof buffer, "%.1f", 1.5);
  g_assert_cmpstr (buffer, ==, "1.5");
  /* The other categories stay Turkish. */
  g_assert_cmpstr (setlocale (LC_CTYPE, NULL), ==, "tr_TR.UTF-8");
  ekv_c_numeric_end (previous);

  snprintf (buffer, sizeof buffer, "%.1f", 1.5);
  g_assert_cmpstr (buffer, ==, "1,5");
  restore_locale ();
}

/* What the kept threads add up. */
typedef struct
{
  GMutex lock;
  GCond  changed;
  guint  total, done;
} Work;

static Work shared_work;

static void
add_to_total (gpointer data,
              gpointer user_data)
{
  g_mutex_lock (&shared_work.lock);
  shared_work.total += GPOINTER_TO_UINT (data);
  shared_work.done++;
  g_cond_signal (&shared_work.changed);
  g_mutex_unlock (&shared_work.lock);
}

/* A kept pool is made once, with its threads, and runs what is pushed. */
static void
test_kept_pool (void)
{
  static EkvKeptPool kept;
  GThreadPool *pool = ekv_kept_pool_get (&kept, add_to_total, 2);

  g_assert_nonnull (pool);
  g_assert_true (ekv_kept_pool_get (&kept, add_to_total, 2) == pool);
  g_assert_cmpuint (g_thread_pool_get_num_threads (pool), ==, 2);
  for (guint i = 1; i <= 10; i++)
    g_assert_true (g_thread_pool_push (pool, GUINT_TO_POINTER (i), NULL));
  g_mutex_lock (&shared_work.lock);
  while (shared_work.done < 10)
    g_cond_wait (&shared_work.changed, &shared_work.lock);
  g_mutex_unlock (&shared_work.lock);
  g_assert_cmpuint (shared_work.total, ==, 55);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/util/set-string", test_set_string);
  g_test_add_func ("/ekv/util/format/c", test_format_c);
  g_test_add_func ("/ekv/util/format/turkish", test_format_turkish);
  g_test_add_func ("/ekv/util/format/english", test_format_english);
  g_test_add_func ("/ekv/util/parse/c", test_parse_c);
  g_test_add_func ("/ekv/util/parse/turkish", test_parse_turkish);
  g_test_add_func ("/ekv/util/parse/english", test_parse_english);
  g_test_add_func ("/ekv/util/parse/message", test_parse_message);
  g_test_add_func ("/ekv/util/format-parse-round-trip", test_format_parse_round_trip);
  g_test_add_func ("/ekv/util/to-string", test_to_string);
  g_test_add_func ("/ekv/util/to-string/turkish", test_to_string_turkish);
  g_test_add_func ("/ekv/util/c-numeric", test_c_numeric);
  g_test_add_func ("/ekv/util/kept-pool", test_kept_pool);

  return g_test_run ();
}
