/* ekv-labels.c: translated names of stored enumeration values, for people
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-enums.h"
#include "ekv-labels.h"
#include "ekv-types.h"

typedef struct
{
  const char *context; /* msgctxt, or NULL */
  const char *msgid;
} Label;

/* Indexed by the stored code; every table covers its whole enum (asserted below). */

static const Label flow_kind_labels[] = {
  [EKV_FLOW_KIND_RAW_MATERIAL]    = { NULL, N_("Raw material") },
  [EKV_FLOW_KIND_AUXILIARY]       = { NULL, N_("Auxiliary material") },
  [EKV_FLOW_KIND_PACKAGING]       = { NULL, N_("Packaging") },
  [EKV_FLOW_KIND_WATER]           = { NULL, N_("Water") },
  [EKV_FLOW_KIND_ENERGY]          = { NULL, N_("Energy") },
  [EKV_FLOW_KIND_PRODUCT]         = { NULL, N_("Product") },
  [EKV_FLOW_KIND_BY_PRODUCT]      = { NULL, N_("By-product") },
  [EKV_FLOW_KIND_SOLID_WASTE]     = { NULL, N_("Solid waste") },
  [EKV_FLOW_KIND_HAZARDOUS_WASTE] = { NULL, N_("Hazardous waste") },
  [EKV_FLOW_KIND_WASTEWATER]      = { NULL, N_("Wastewater") },
  [EKV_FLOW_KIND_AIR_EMISSION]    = { NULL, N_("Air emission") },
  [EKV_FLOW_KIND_EVAPORATION]     = { NULL, N_("Evaporation") },
  [EKV_FLOW_KIND_HEAT_LOSS]       = { NULL, N_("Heat loss") },
  [EKV_FLOW_KIND_INTERMEDIATE]    = { NULL, N_("Intermediate product") },
  [EKV_FLOW_KIND_RECYCLE]         = { NULL, N_("Recycled stream") },
};

static const Label carrier_labels[] = {
  [EKV_CARRIER_ELECTRICITY]    = { NULL, N_("Electricity") },
  [EKV_CARRIER_NATURAL_GAS]    = { NULL, N_("Natural gas") },
  [EKV_CARRIER_FUEL_OIL]       = { NULL, N_("Fuel oil") },
  [EKV_CARRIER_DIESEL]         = { NULL, N_("Diesel") },
  [EKV_CARRIER_LPG]            = { NULL, N_("LPG") },
  [EKV_CARRIER_COAL]           = { NULL, N_("Coal") },
  [EKV_CARRIER_LIGNITE]        = { NULL, N_("Lignite") },
  [EKV_CARRIER_POMACE]         = { NULL, N_("Olive pomace") },
  [EKV_CARRIER_STEAM]          = { NULL, N_("Steam") },
  [EKV_CARRIER_HOT_WATER]      = { NULL, N_("Hot water") },
  [EKV_CARRIER_THERMAL_OIL]    = { NULL, N_("Thermal oil") },
  [EKV_CARRIER_COMPRESSED_AIR] = { NULL, N_("Compressed air") },
  [EKV_CARRIER_OTHER]          = { NULL, N_("Other") },
  [EKV_CARRIER_WATER]          = { NULL, N_("Water") },
  [EKV_CARRIER_WASTEWATER]     = { NULL, N_("Wastewater") },
};

/* Unit symbols: most stay as they are in every language; translators may adapt
 * the few that are words ("pcs") or have a local name ("TEP"). */
static const Label quantity_unit_labels[] = {
  [EKV_QUANTITY_UNIT_G]    = { "unit symbol", NC_("unit symbol", "g") },
  [EKV_QUANTITY_UNIT_KG]   = { "unit symbol", NC_("unit symbol", "kg") },
  [EKV_QUANTITY_UNIT_T]    = { "unit symbol", NC_("unit symbol", "t") },
  [EKV_QUANTITY_UNIT_L]    = { "unit symbol", NC_("unit symbol", "L") },
  [EKV_QUANTITY_UNIT_M3]   = { "unit symbol", NC_("unit symbol", "m³") },
  [EKV_QUANTITY_UNIT_SM3]  = { "unit symbol", NC_("unit symbol", "Sm³") },
  [EKV_QUANTITY_UNIT_NM3]  = { "unit symbol", NC_("unit symbol", "Nm³") },
  [EKV_QUANTITY_UNIT_KWH]  = { "unit symbol", NC_("unit symbol", "kWh") },
  [EKV_QUANTITY_UNIT_MWH]  = { "unit symbol", NC_("unit symbol", "MWh") },
  [EKV_QUANTITY_UNIT_MJ]   = { "unit symbol", NC_("unit symbol", "MJ") },
  [EKV_QUANTITY_UNIT_GJ]   = { "unit symbol", NC_("unit symbol", "GJ") },
  [EKV_QUANTITY_UNIT_KCAL] = { "unit symbol", NC_("unit symbol", "kcal") },
  [EKV_QUANTITY_UNIT_MCAL] = { "unit symbol", NC_("unit symbol", "Mcal") },
  /* Translators: tonnes of oil equivalent; Turkish regulations call it TEP */
  [EKV_QUANTITY_UNIT_TEP]  = { "unit symbol", NC_("unit symbol", "TEP") },
  /* Translators: pieces, a count of items */
  [EKV_QUANTITY_UNIT_PCS]  = { "unit symbol", NC_("unit symbol", "pcs") },
};

static const Label period_labels[] = {
  [EKV_PERIOD_BATCH] = { NULL, N_("Per batch") },
  [EKV_PERIOD_HOUR]  = { NULL, N_("Per hour") },
  [EKV_PERIOD_SHIFT] = { NULL, N_("Per shift") },
  [EKV_PERIOD_DAY]   = { NULL, N_("Per day") },
  [EKV_PERIOD_WEEK]  = { NULL, N_("Per week") },
  [EKV_PERIOD_MONTH] = { NULL, N_("Per month") },
  [EKV_PERIOD_YEAR]  = { NULL, N_("Per year") },
};

static const Label data_quality_labels[] = {
  [EKV_DATA_QUALITY_MEASURED]   = { NULL, N_("Measured") },
  [EKV_DATA_QUALITY_METERED]    = { NULL, N_("Metered") },
  [EKV_DATA_QUALITY_INVOICE]    = { NULL, N_("From invoices") },
  [EKV_DATA_QUALITY_CALCULATED] = { NULL, N_("Calculated") },
  [EKV_DATA_QUALITY_ESTIMATED]  = { NULL, N_("Estimated") },
};

static const Label operation_mode_labels[] = {
  [EKV_OPERATION_MODE_CONTINUOUS] = { NULL, N_("Continuous") },
  [EKV_OPERATION_MODE_BATCH]      = { "operation mode", NC_("operation mode", "Batch") },
};

static const Label team_role_labels[] = {
  [EKV_TEAM_ROLE_LEADER]   = { NULL, N_("Team leader") },
  [EKV_TEAM_ROLE_MEMBER]   = { NULL, N_("Team member") },
  [EKV_TEAM_ROLE_EXTERNAL] = { NULL, N_("External expert") },
};

static const Label option_category_labels[] = {
  [EKV_OPTION_CATEGORY_GH]  = { NULL, N_("Good housekeeping") },
  [EKV_OPTION_CATEGORY_IS]  = { NULL, N_("Input material change") },
  [EKV_OPTION_CATEGORY_PC]  = { NULL, N_("Better process control") },
  [EKV_OPTION_CATEGORY_EM]  = { NULL, N_("Equipment modification") },
  [EKV_OPTION_CATEGORY_TC]  = { NULL, N_("Technology change") },
  [EKV_OPTION_CATEGORY_RR]  = { NULL, N_("On-site recovery and reuse") },
  [EKV_OPTION_CATEGORY_BP]  = { NULL, N_("Useful by-product") },
  [EKV_OPTION_CATEGORY_PM]  = { NULL, N_("Product modification") },
  [EKV_OPTION_CATEGORY_EE]  = { NULL, N_("Energy efficiency") },
  [EKV_OPTION_CATEGORY_EOP] = { NULL, N_("End-of-pipe treatment") },
};

static const Label screening_labels[] = {
  [EKV_SCREENING_IMPLEMENT] = { NULL, N_("Implement") },
  [EKV_SCREENING_STUDY]     = { NULL, N_("Study further") },
  [EKV_SCREENING_REJECT]    = { NULL, N_("Reject") },
};

static const Label option_status_labels[] = {
  [EKV_OPTION_STATUS_PROPOSED]    = { NULL, N_("Proposed") },
  [EKV_OPTION_STATUS_APPROVED]    = { NULL, N_("Approved") },
  [EKV_OPTION_STATUS_IN_PROGRESS] = { "option status", NC_("option status", "In progress") },
  [EKV_OPTION_STATUS_DONE]        = { "option status", NC_("option status", "Done") },
  [EKV_OPTION_STATUS_REJECTED]    = { NULL, N_("Rejected") },
};

static const Label action_status_labels[] = {
  [EKV_ACTION_STATUS_PLANNED]     = { NULL, N_("Planned") },
  [EKV_ACTION_STATUS_IN_PROGRESS] = { "action status", NC_("action status", "In progress") },
  [EKV_ACTION_STATUS_DONE]        = { "action status", NC_("action status", "Done") },
  [EKV_ACTION_STATUS_CANCELLED]   = { NULL, N_("Cancelled") },
};

static const Label finance_basis_labels[] = {
  [EKV_FINANCE_BASIS_REAL]    = { NULL, N_("Real (constant prices)") },
  [EKV_FINANCE_BASIS_NOMINAL] = { NULL, N_("Nominal (current prices)") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (flow_kind_labels) == EKV_FLOW_KIND_RECYCLE + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (carrier_labels) == EKV_CARRIER_WASTEWATER + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (quantity_unit_labels) == EKV_QUANTITY_UNIT_PCS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (period_labels) == EKV_PERIOD_YEAR + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (data_quality_labels) == EKV_DATA_QUALITY_ESTIMATED + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (operation_mode_labels) == EKV_OPERATION_MODE_BATCH + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (team_role_labels) == EKV_TEAM_ROLE_EXTERNAL + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (option_category_labels) == EKV_OPTION_CATEGORY_EOP + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (screening_labels) == EKV_SCREENING_REJECT + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (option_status_labels) == EKV_OPTION_STATUS_REJECTED + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (action_status_labels) == EKV_ACTION_STATUS_CANCELLED + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (finance_basis_labels) == EKV_FINANCE_BASIS_NOMINAL + 1);

typedef struct
{
  GType        (*get_type) (void);
  const Label   *labels;
  guint          n_labels;
} LabelTable;

#define TABLE(fn, labels) { fn, labels, G_N_ELEMENTS (labels) }

static const LabelTable tables[] = {
  TABLE (ekv_flow_kind_get_type, flow_kind_labels),
  TABLE (ekv_carrier_get_type, carrier_labels),
  TABLE (ekv_quantity_unit_get_type, quantity_unit_labels),
  TABLE (ekv_period_get_type, period_labels),
  TABLE (ekv_data_quality_get_type, data_quality_labels),
  TABLE (ekv_operation_mode_get_type, operation_mode_labels),
  TABLE (ekv_team_role_get_type, team_role_labels),
  TABLE (ekv_option_category_get_type, option_category_labels),
  TABLE (ekv_screening_get_type, screening_labels),
  TABLE (ekv_option_status_get_type, option_status_labels),
  TABLE (ekv_action_status_get_type, action_status_labels),
  TABLE (ekv_finance_basis_get_type, finance_basis_labels),
};

static const Label *
find_label (GType enum_type,
            int   value)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (tables[i].get_type () == enum_type)
      {
        if (value < 0 || (guint) value >= tables[i].n_labels)
          return NULL;
        return tables[i].labels[value].msgid ? &tables[i].labels[value] : NULL;
      }

  return NULL;
}

static const char *
nick_of (GType enum_type,
         int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  if (!G_TYPE_IS_ENUM (enum_type))
    return NULL;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);

  /* Nicks are static strings of the registered type: they outlive the class ref. */
  return enum_value ? enum_value->value_nick : NULL;
}

const char *
ekv_enum_get_label (GType enum_type,
                    int   value)
{
  const Label *label;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  label = find_label (enum_type, value);
  if (label == NULL)
    return nick_of (enum_type, value);
  if (label->context != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, label->context, label->msgid);

  return g_dgettext (GETTEXT_PACKAGE, label->msgid);
}

const char *
ekv_enum_get_label_untranslated (GType enum_type,
                                 int   value)
{
  const Label *label;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  label = find_label (enum_type, value);
  return label ? label->msgid : nick_of (enum_type, value);
}
