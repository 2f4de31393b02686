/* test-labels.c: every stored enum value has a label for people
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include "ekv-enums.h"
#include "ekv-labels.h"
#include "ekv-types.h"

static GType (*const enum_types[]) (void) = {
  ekv_flow_kind_get_type, ekv_carrier_get_type, ekv_quantity_unit_get_type, ekv_period_get_type,
  ekv_data_quality_get_type, ekv_operation_mode_get_type, ekv_team_role_get_type,
  ekv_option_category_get_type, ekv_screening_get_type, ekv_option_status_get_type,
  ekv_action_status_get_type, ekv_finance_basis_get_type,
};

static void
test_known (void)
{
  g_assert_cmpstr (ekv_enum_get_label (EKV_TYPE_FLOW_KIND, EKV_FLOW_KIND_RAW_MATERIAL), ==,
                   "Raw material");
  g_assert_cmpstr (ekv_enum_get_label (EKV_TYPE_QUANTITY_UNIT, EKV_QUANTITY_UNIT_M3), ==, "m³");
  g_assert_cmpstr (ekv_enum_get_label (EKV_TYPE_TEAM_ROLE, EKV_TEAM_ROLE_LEADER), ==, "Team leader");
  g_assert_cmpstr (ekv_enum_get_label (EKV_TYPE_OPTION_CATEGORY, EKV_OPTION_CATEGORY_GH), ==,
                   "Good housekeeping");
  g_assert_cmpstr (ekv_enum_get_label_untranslated (EKV_TYPE_PERIOD, EKV_PERIOD_YEAR), ==,
                   "Per year");
  g_assert_null (ekv_enum_get_label (EKV_TYPE_PERIOD, 99));
}

/* A label for every value, never the bare nick, and no two values of a type alike
 * (a combo row would show two identical entries). */
static void
test_complete (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (enum_types); t++)
    {
      GType type = enum_types[t] ();
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < klass->n_values; i++)
        {
          const GEnumValue *value = &klass->values[i];
          const char *label = ekv_enum_get_label (type, value->value);

          g_test_message ("%s %s: %s", g_type_name (type), value->value_nick, label);
          g_assert_nonnull (label);
          g_assert_cmpstr (label, !=, "");
          g_assert_false (g_hash_table_contains (seen, label));
          g_hash_table_add (seen, (gpointer) label);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/ekv/labels/known", test_known);
  g_test_add_func ("/ekv/labels/complete", test_complete);

  return g_test_run ();
}
