/* test-language.c: exports and reports in a language of their own
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-types.h"
#include "ekv-labels.h"
#include "ekv-language.h"
#include "ekv-util.h"
#include "ekv-test-util.h"

static void
test_codes (void)
{
  g_autoptr(GError) error = NULL;
  EkvLanguage language = EKV_LANGUAGE_ENGLISH;

  g_assert_true (ekv_language_from_code ("tr", &language, NULL));
  g_assert_cmpint (language, ==, EKV_LANGUAGE_TURKISH);
  g_assert_true (ekv_language_from_code ("EN", &language, NULL));
  g_assert_cmpint (language, ==, EKV_LANGUAGE_ENGLISH);
  g_assert_true (ekv_language_from_code ("tr_TR.UTF-8", &language, NULL));
  g_assert_cmpint (language, ==, EKV_LANGUAGE_TURKISH);
  g_assert_cmpstr (ekv_language_to_code (language), ==, "tr");

  g_assert_false (ekv_language_from_code ("de", &language, &error));
  g_assert_error (error, EKV_LANGUAGE_ERROR, EKV_LANGUAGE_ERROR_UNKNOWN);
  g_clear_error (&error);
  g_assert_false (ekv_language_from_code ("trk", &language, &error));
  g_assert_error (error, EKV_LANGUAGE_ERROR, EKV_LANGUAGE_ERROR_UNKNOWN);
}

static gpointer
format_in_thread (gpointer data)
{
  return ekv_number_format (1234.5, 1);
}

static void
test_scope (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *turkish = NULL;
  g_autofree char *english = NULL;
  g_autofree char *other_thread = NULL;
  g_autofree char *after = NULL;
  EkvLanguageScope *outer;
  EkvLanguageScope *inner;

  if (!ekv_test_have_turkish_locale ())
    {
      g_test_skip ("no tr_TR.UTF-8 locale");
      return;
    }

  /* The test runs under C.UTF-8: English, numbers without grouping. */
  g_assert_cmpint (ekv_language_get_ui (), ==, EKV_LANGUAGE_ENGLISH);
  before = ekv_number_format (1234.5, 1);
  g_assert_cmpstr (before, ==, "1234.5");
  g_assert_cmpstr (ekv_enum_get_label (EKV_TYPE_FLOW_KIND, EKV_FLOW_KIND_RAW_MATERIAL), ==,
                   "Raw material");

  outer = ekv_language_scope_enter (EKV_LANGUAGE_TURKISH, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ekv_language_get_ui (), ==, EKV_LANGUAGE_TURKISH);
  g_assert_cmpstr (ekv_enum_get_label (EKV_TYPE_FLOW_KIND, EKV_FLOW_KIND_RAW_MATERIAL), ==,
                   "Hammadde");
  turkish = ekv_number_format (1234567.5, 1);
  g_assert_cmpstr (turkish, ==, "1.234.567,5");

  /* Only the calling thread switches. */
  other_thread = g_thread_join (g_thread_new ("other", format_in_thread, NULL));
  g_assert_cmpstr (other_thread, ==, "1234.5");

  /* Scopes nest. */
  inner = ekv_language_scope_enter (EKV_LANGUAGE_ENGLISH, &error);
  g_assert_no_error (error);
  english = ekv_number_format (1234567.5, 1);
  g_assert_cmpstr (english, ==, "1,234,567.5");
  g_assert_cmpstr (ekv_enum_get_label (EKV_TYPE_FLOW_KIND, EKV_FLOW_KIND_RAW_MATERIAL), ==,
                   "Raw material");
  ekv_language_scope_leave (inner);
  g_assert_cmpstr (ekv_enum_get_label (EKV_TYPE_FLOW_KIND, EKV_FLOW_KIND_RAW_MATERIAL), ==,
                   "Hammadde");
  ekv_language_scope_leave (outer);

  after = ekv_number_format (1234.5, 1);
  g_assert_cmpstr (after, ==, "1234.5");
  g_assert_cmpstr (ekv_enum_get_label (EKV_TYPE_FLOW_KIND, EKV_FLOW_KIND_RAW_MATERIAL), ==,
                   "Raw material");
}

int
main (int    argc,
      char **argv)
{
  ekv_test_init_i18n ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/language/codes", test_codes);
  g_test_add_func ("/ekv/language/scope", test_scope);

  return g_test_run ();
}
