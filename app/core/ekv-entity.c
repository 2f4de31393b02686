/* ekv-entity.c: the audit's schema as data
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-entity.h"
#include "ekv-enums.h"
#include "ekv-util.h"

G_DEFINE_QUARK (ekv-entity-error-quark, ekv_entity_error)


#define FIELD(col, group, key, ftype, fl, lo, hi, lbl, ...) \
  { .column = col, .json_group = group, .json_key = key, .type = ftype, .flags = (EkvFieldFlags) (fl), \
    .min = lo, .max = hi, .label = lbl, __VA_ARGS__ }

#define TEXT(col, key, fl, lbl) FIELD (col, NULL, key, EKV_FIELD_STRING, fl, -INFINITY, INFINITY, lbl)
#define NUMBER(col, key, fl, lo, hi, lbl, ...) \
  FIELD (col, NULL, key, EKV_FIELD_DOUBLE, fl, lo, hi, lbl, __VA_ARGS__)
#define ENUM(col, key, fl, etype, lbl, ...) \
  FIELD (col, NULL, key, EKV_FIELD_ENUM, fl, -INFINITY, INFINITY, lbl, .enum_type = etype, __VA_ARGS__)
#define DATE(col, key, lbl) FIELD (col, NULL, key, EKV_FIELD_DATE, 0, -INFINITY, INFINITY, lbl)
#define ID(lbl) FIELD ("id", NULL, "id", EKV_FIELD_ID, EKV_FIELD_FLAG_REQUIRED, -INFINITY, INFINITY, lbl)
#define REF(col, key, fl, target, lbl) \
  FIELD (col, NULL, key, EKV_FIELD_REF, fl, -INFINITY, INFINITY, lbl, .ref = target)

#define REQ   EKV_FIELD_FLAG_REQUIRED
#define MINX  EKV_FIELD_FLAG_MIN_EXCLUSIVE
#define MULTI EKV_FIELD_FLAG_MULTILINE

static EkvField company_fields[] = {
  TEXT ("name", "name", REQ, N_("Firm name")),
  TEXT ("nace", "nace", 0, N_("NACE code")),
  TEXT ("sector", "sector", 0, N_("Sector")),
  TEXT ("address", "address", 0, N_("Address")),
  TEXT ("city", "city", 0, N_("City")),
  TEXT ("district", "district", 0, N_("District")),
  TEXT ("osb", "osb", 0, N_("Organised industrial zone")),
  FIELD ("contact_name", "contact", "name", EKV_FIELD_STRING, 0, -INFINITY, INFINITY, N_("Contact person")),
  FIELD ("contact_phone", "contact", "phone", EKV_FIELD_STRING, 0, -INFINITY, INFINITY, N_("Contact phone")),
  FIELD ("contact_email", "contact", "email", EKV_FIELD_STRING, 0, -INFINITY, INFINITY, N_("Contact e-mail")),
  FIELD ("employees", NULL, "employees", EKV_FIELD_INT, 0, 0, 10000000, N_("Employees")),
  NUMBER ("shifts_per_day", "shifts_per_day", MINX, 0, 24, N_("Shifts per day"),
          .default_value = 1),
  NUMBER ("hours_per_day", "hours_per_day", MINX, 0, 24, N_("Hours per day"),
          .default_value = 8),
  NUMBER ("days_per_year", "days_per_year", MINX, 0, 366, N_("Days per year"),
          .default_value = 250),
  NUMBER ("turnover", "turnover", 0, 0.0, INFINITY, N_("Annual turnover")),
  NUMBER ("labour_cost", "labour_cost", 0, 0.0, INFINITY, N_("Annual labour cost")),
  FIELD ("reference_start", "reference_period", "start", EKV_FIELD_DATE, 0, -INFINITY, INFINITY,
         N_("Reference period start")),
  FIELD ("reference_end", "reference_period", "end", EKV_FIELD_DATE, 0, -INFINITY, INFINITY,
         N_("Reference period end")),
};

static EkvField product_fields[] = {
  TEXT ("name", "name", REQ, N_("Product")),
  NUMBER ("quantity", "quantity", 0, 0.0, INFINITY, N_("Quantity")),
  ENUM ("unit", "unit", 0, ekv_quantity_unit_get_type, N_("Unit"),
        .default_value = EKV_QUANTITY_UNIT_T),
  ENUM ("period", "period", 0, ekv_period_get_type, N_("Period"),
        .default_value = EKV_PERIOD_YEAR),
  NUMBER ("price", "price", 0, 0.0, INFINITY, N_("Price")),
  FIELD ("denominator", NULL, "denominator", EKV_FIELD_BOOL, 0, -INFINITY, INFINITY,
         N_("Production denominator")),
};

static EkvField certification_fields[] = {
  TEXT ("name", NULL, REQ, N_("Certification")),
};

static EkvField audit_fields[] = {
  TEXT ("title", "title", 0, N_("Audit title")),
  DATE ("start", "start", N_("Start")),
  DATE ("end", "end", N_("End")),
  TEXT ("scope", "scope", MULTI, N_("Scope")),
  TEXT ("sponsor", "sponsor", 0, N_("Management sponsor")),
  DATE ("commitment_date", "commitment_date", N_("Commitment date")),
  FIELD ("threshold_warn", "thresholds", "warn", EKV_FIELD_DOUBLE, 0, 0, 100,
         N_("Imbalance warning threshold"), .default_value = 5),
  FIELD ("threshold_error", "thresholds", "error", EKV_FIELD_DOUBLE, 0, 0, 100,
         N_("Imbalance error threshold"), .default_value = 10),
  TEXT ("notes", "notes", MULTI, N_("Notes")),
};

static EkvField team_member_fields[] = {
  TEXT ("name", "name", REQ, N_("Name")),
  TEXT ("position", "position", 0, N_("Position")),
  ENUM ("role", "role", 0, ekv_team_role_get_type, N_("Role"),
        .default_value = EKV_TEAM_ROLE_MEMBER),
  TEXT ("organisation", "organisation", 0, N_("Organisation")),
  TEXT ("email", "email", 0, N_("E-mail")),
};

static EkvField objective_fields[] = {
  TEXT ("indicator", "indicator", REQ, N_("Indicator")),
  TEXT ("unit", "unit", 0, N_("Unit")),
  NUMBER ("baseline", "baseline", 0, -INFINITY, INFINITY, N_("Baseline")),
  NUMBER ("target", "target", 0, -INFINITY, INFINITY, N_("Target")),
  DATE ("date", "date", N_("Target date")),
};

static EkvField unit_operation_fields[] = {
  ID (N_("Id")),
  TEXT ("name", "name", REQ, N_("Name")),
  TEXT ("department", "department", 0, N_("Department")),
  ENUM ("mode", "mode", 0, ekv_operation_mode_get_type, N_("Mode"),
        .default_value = EKV_OPERATION_MODE_CONTINUOUS),
  NUMBER ("batches_per_year", "batches_per_year", MINX, 0.0, INFINITY, N_("Batches per year")),
  NUMBER ("operating_hours", "operating_hours", 0, 0, 8784, N_("Operating hours per year")),
  NUMBER ("system_cost", "system_cost", 0, 0.0, INFINITY, N_("System cost per year")),
  NUMBER ("waste_management_cost", "waste_management_cost", 0, 0.0, INFINITY,
          N_("Waste management cost per year")),
  TEXT ("description", "description", MULTI, N_("Description")),
};

static EkvField flow_fields[] = {
  ID (N_("Id")),
  TEXT ("name", "name", REQ, N_("Name")),
  ENUM ("kind", "kind", REQ, ekv_flow_kind_get_type, N_("Kind")),
  ENUM ("carrier", "carrier", 0, ekv_carrier_get_type, N_("Carrier"),
        .enum_limit = EKV_CARRIER_OTHER + 1),
  REF ("from_unit", "from", EKV_FIELD_FLAG_NULLABLE_REF, EKV_ENTITY_UNIT_OPERATION, N_("From")),
  REF ("to_unit", "to", EKV_FIELD_FLAG_NULLABLE_REF, EKV_ENTITY_UNIT_OPERATION, N_("To")),
  NUMBER ("quantity", "quantity", REQ, 0.0, INFINITY, N_("Quantity")),
  ENUM ("unit", "unit", REQ, ekv_quantity_unit_get_type, N_("Unit")),
  ENUM ("period", "period", 0, ekv_period_get_type, N_("Period"),
        .default_value = EKV_PERIOD_YEAR),
  NUMBER ("density", "density", MINX, 0.0, INFINITY, N_("Density")),
  NUMBER ("price", "price", 0, 0.0, INFINITY, N_("Price")),
  ENUM ("quality", "quality", 0, ekv_data_quality_get_type, N_("Data quality"),
        .default_value = EKV_DATA_QUALITY_ESTIMATED),
  NUMBER ("uncertainty", "uncertainty", 0, 0.0, INFINITY, N_("Uncertainty")),
  TEXT ("source", "source", 0, N_("Source")),
  TEXT ("note", "note", MULTI, N_("Note")),
};

static EkvField bill_fields[] = {
  ENUM ("carrier", "carrier", REQ, ekv_carrier_get_type, N_("Carrier")),
  FIELD ("month", NULL, "month", EKV_FIELD_MONTH, REQ, -INFINITY, INFINITY, N_("Month")),
  NUMBER ("quantity", "quantity", REQ, 0.0, INFINITY, N_("Quantity")),
  ENUM ("unit", "unit", REQ, ekv_quantity_unit_get_type, N_("Unit")),
  NUMBER ("cost", "cost", 0, 0.0, INFINITY, N_("Cost")),
};

static EkvField factor_fields[] = {
  ENUM ("carrier", "carrier", REQ, ekv_carrier_get_type, N_("Carrier"),
        .enum_limit = EKV_CARRIER_OTHER + 1),
  ENUM ("unit", "unit", REQ, ekv_quantity_unit_get_type, N_("Unit")),
  NUMBER ("lhv_kwh", "lhv_kwh", MINX, 0.0, INFINITY, N_("Lower heating value (kWh)")),
  NUMBER ("tep", "tep", 0, 0.0, INFINITY, N_("TEP")),
  NUMBER ("co2_kg", "co2_kg", 0, 0.0, INFINITY, N_("CO₂ (kg)")),
  TEXT ("source", "source", 0, N_("Source")),
};

static EkvField finance_fields[] = {
  FIELD ("currency", NULL, "currency", EKV_FIELD_CURRENCY, 0, -INFINITY, INFINITY, N_("Currency"),
         .default_string = "TRY"),
  NUMBER ("discount_rate", "discount_rate", MINX, -100, 1000, N_("Discount rate"),
          .default_value = 10),
  ENUM ("basis", "basis", 0, ekv_finance_basis_get_type, N_("Basis"),
        .default_value = EKV_FINANCE_BASIS_REAL),
  FIELD ("price_year", NULL, "price_year", EKV_FIELD_INT, 0, 1900, 2200, N_("Price year")),
};

static EkvField option_fields[] = {
  ID (N_("Id")),
  TEXT ("title", "title", REQ, N_("Title")),
  ENUM ("category", "category", 0, ekv_option_category_get_type, N_("Category")),
  TEXT ("description", "description", MULTI, N_("Description")),
  TEXT ("cause", "cause", MULTI, N_("Cause")),
  ENUM ("screening", "screening", 0, ekv_screening_get_type, N_("Screening")),
  ENUM ("status", "status", 0, ekv_option_status_get_type, N_("Status"),
        .default_value = EKV_OPTION_STATUS_PROPOSED),
  NUMBER ("investment", "investment", 0, 0.0, INFINITY, N_("Investment")),
  NUMBER ("lifetime", "lifetime", MINX, 0, 200, N_("Lifetime (years)"), .default_value = 10),
  NUMBER ("salvage", "salvage", 0, 0.0, INFINITY, N_("Salvage value")),
  NUMBER ("om_cost", "om_cost", 0, -INFINITY, INFINITY, N_("Extra operating cost per year")),
  NUMBER ("other_savings", "other_savings", 0, -INFINITY, INFINITY, N_("Other savings per year")),
};

static EkvField option_unit_fields[] = {
  REF ("unit", NULL, REQ, EKV_ENTITY_UNIT_OPERATION, N_("Unit operation")),
};

static EkvField change_fields[] = {
  REF ("flow", "flow", REQ, EKV_ENTITY_FLOW, N_("Flow")),
  NUMBER ("delta", "delta", 0, -INFINITY, INFINITY, N_("Change")),
  NUMBER ("delta_pct", "delta_pct", 0, -100, INFINITY, N_("Change (%)")),
};

static EkvField score_fields[] = {
  TEXT ("criterion", NULL, REQ, N_("Criterion")),
  NUMBER ("value", NULL, REQ, -INFINITY, INFINITY, N_("Score")),
};

static EkvField action_fields[] = {
  REF ("option", "option", REQ, EKV_ENTITY_OPTION, N_("Option")),
  TEXT ("action", "action", REQ, N_("Action")),
  TEXT ("responsible", "responsible", 0, N_("Responsible")),
  DATE ("start", "start", N_("Start")),
  DATE ("end", "end", N_("End")),
  NUMBER ("budget", "budget", 0, 0.0, INFINITY, N_("Budget")),
  ENUM ("status", "status", 0, ekv_action_status_get_type, N_("Status"),
        .default_value = EKV_ACTION_STATUS_PLANNED),
};

static EkvField kpi_fields[] = {
  ID (N_("Id")),
  TEXT ("name", "name", REQ, N_("Name")),
  TEXT ("unit", "unit", 0, N_("Unit")),
  NUMBER ("baseline", "baseline", 0, -INFINITY, INFINITY, N_("Baseline")),
  NUMBER ("target", "target", 0, -INFINITY, INFINITY, N_("Target")),
};

static EkvField kpi_value_fields[] = {
  TEXT ("period", "period", REQ, N_("Period")),
  NUMBER ("value", "value", REQ, -INFINITY, INFINITY, N_("Value")),
};

/* Only in .ekv documents: the JSON audit format has no place for them, so a JSON
 * export keeps their effect (the option's investment) and not them. */
static EkvField investment_item_fields[] = {
  TEXT ("item", NULL, REQ, N_("Item")),
  NUMBER ("amount", NULL, 0, 0.0, INFINITY, N_("Amount")),
};

static EkvField criterion_fields[] = {
  TEXT ("criterion", NULL, REQ, N_("Criterion")),
  NUMBER ("weight", NULL, 0, 0.0, INFINITY, N_("Weight"), .default_value = 1),
};

#define ENTITY(k, tname, tbl, single, par, container, key, shape, idf, flds, lbl) \
  [k] = { .kind = k, .type_name = tname, .table = tbl, .singleton = single, .parent = par, \
          .json_container = container, .json_key = key, .json_shape = shape, .id_field = idf, \
          .fields = flds, .n_fields = G_N_ELEMENTS (flds), .label = lbl }

static const EkvEntity entities[EKV_N_ENTITIES] = {
  ENTITY (EKV_ENTITY_COMPANY, "EkvCompany", "company", TRUE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, "company", EKV_JSON_SHAPE_OBJECT, -1, company_fields,
          N_("Company")),
  ENTITY (EKV_ENTITY_PRODUCT, "EkvProduct", "products", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_COMPANY, "products", EKV_JSON_SHAPE_OBJECT, -1, product_fields,
          N_("Product")),
  ENTITY (EKV_ENTITY_CERTIFICATION, "EkvCertification", "certifications", FALSE,
          EKV_ENTITY_NONE, EKV_ENTITY_COMPANY, "certifications", EKV_JSON_SHAPE_STRING, -1,
          certification_fields, N_("Certification")),
  ENTITY (EKV_ENTITY_AUDIT, "EkvAudit", "audit", TRUE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, "audit", EKV_JSON_SHAPE_OBJECT, -1, audit_fields, N_("Audit")),
  ENTITY (EKV_ENTITY_TEAM_MEMBER, "EkvTeamMember", "team_members", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_AUDIT, "team", EKV_JSON_SHAPE_OBJECT, -1, team_member_fields,
          N_("Team member")),
  ENTITY (EKV_ENTITY_OBJECTIVE, "EkvObjective", "objectives", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_AUDIT, "objectives", EKV_JSON_SHAPE_OBJECT, -1, objective_fields,
          N_("Objective")),
  ENTITY (EKV_ENTITY_UNIT_OPERATION, "EkvUnitOperation", "units", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, "units", EKV_JSON_SHAPE_OBJECT, EKV_UNIT_OPERATION_ID,
          unit_operation_fields, N_("Unit operation")),
  ENTITY (EKV_ENTITY_FLOW, "EkvFlow", "flows", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, "flows", EKV_JSON_SHAPE_OBJECT, EKV_FLOW_ID, flow_fields,
          N_("Flow")),
  ENTITY (EKV_ENTITY_BILL, "EkvBill", "bills", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, "bills", EKV_JSON_SHAPE_OBJECT, -1, bill_fields, N_("Bill")),
  ENTITY (EKV_ENTITY_FACTOR, "EkvFactor", "factors", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, "factors", EKV_JSON_SHAPE_OBJECT, -1, factor_fields,
          N_("Factor")),
  ENTITY (EKV_ENTITY_FINANCE, "EkvFinance", "finance", TRUE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, "finance", EKV_JSON_SHAPE_OBJECT, -1, finance_fields,
          N_("Finance")),
  ENTITY (EKV_ENTITY_OPTION, "EkvOption", "options", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, "options", EKV_JSON_SHAPE_OBJECT, EKV_OPTION_ID, option_fields,
          N_("Option")),
  ENTITY (EKV_ENTITY_OPTION_UNIT, "EkvOptionUnit", "option_units", FALSE, EKV_ENTITY_OPTION,
          EKV_ENTITY_NONE, "units", EKV_JSON_SHAPE_STRING, -1, option_unit_fields,
          N_("Unit operation of an option")),
  ENTITY (EKV_ENTITY_CHANGE, "EkvChange", "changes", FALSE, EKV_ENTITY_OPTION,
          EKV_ENTITY_NONE, "changes", EKV_JSON_SHAPE_OBJECT, -1, change_fields,
          N_("Flow change")),
  ENTITY (EKV_ENTITY_SCORE, "EkvScore", "scores", FALSE, EKV_ENTITY_OPTION,
          EKV_ENTITY_NONE, "scores", EKV_JSON_SHAPE_MAP, -1, score_fields, N_("Score")),
  ENTITY (EKV_ENTITY_ACTION, "EkvAction", "actions", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, "actions", EKV_JSON_SHAPE_OBJECT, -1, action_fields,
          N_("Action")),
  ENTITY (EKV_ENTITY_KPI, "EkvKpi", "kpis", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, "kpis", EKV_JSON_SHAPE_OBJECT, EKV_KPI_ID, kpi_fields,
          N_("Indicator")),
  ENTITY (EKV_ENTITY_KPI_VALUE, "EkvKpiValue", "kpi_values", FALSE, EKV_ENTITY_KPI,
          EKV_ENTITY_NONE, "values", EKV_JSON_SHAPE_OBJECT, -1, kpi_value_fields,
          N_("Indicator value")),
  ENTITY (EKV_ENTITY_INVESTMENT_ITEM, "EkvInvestmentItem", "investment_items", FALSE,
          EKV_ENTITY_OPTION, EKV_ENTITY_NONE, NULL, EKV_JSON_SHAPE_OBJECT, -1,
          investment_item_fields, N_("Investment item")),
  ENTITY (EKV_ENTITY_CRITERION, "EkvCriterion", "criteria", FALSE, EKV_ENTITY_NONE,
          EKV_ENTITY_NONE, NULL, EKV_JSON_SHAPE_OBJECT, -1, criterion_fields,
          N_("Ranking criterion")),
};

static EkvField *const field_tables[EKV_N_ENTITIES] = {
  company_fields, product_fields, certification_fields, audit_fields, team_member_fields,
  objective_fields, unit_operation_fields, flow_fields, bill_fields, factor_fields,
  finance_fields, option_fields, option_unit_fields, change_fields, score_fields,
  action_fields, kpi_fields, kpi_value_fields, investment_item_fields, criterion_fields,
};

G_STATIC_ASSERT (G_N_ELEMENTS (company_fields) == EKV_COMPANY_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (product_fields) == EKV_PRODUCT_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (certification_fields) == EKV_CERTIFICATION_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (audit_fields) == EKV_AUDIT_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (team_member_fields) == EKV_TEAM_MEMBER_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (objective_fields) == EKV_OBJECTIVE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (unit_operation_fields) == EKV_UNIT_OPERATION_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (flow_fields) == EKV_FLOW_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (bill_fields) == EKV_BILL_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (factor_fields) == EKV_FACTOR_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (finance_fields) == EKV_FINANCE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (option_fields) == EKV_OPTION_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (option_unit_fields) == EKV_OPTION_UNIT_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (change_fields) == EKV_CHANGE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (score_fields) == EKV_SCORE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (action_fields) == EKV_ACTION_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (kpi_fields) == EKV_KPI_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (kpi_value_fields) == EKV_KPI_VALUE_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (investment_item_fields) == EKV_INVESTMENT_ITEM_N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (criterion_fields) == EKV_CRITERION_N_FIELDS);

/* Property names are the columns with '-' for '_'; filled in once. */
static void
ensure_property_names (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint k = 0; k < EKV_N_ENTITIES; k++)
        for (guint i = 0; i < entities[k].n_fields; i++)
          {
            EkvField *field = &field_tables[k][i];
            g_autofree char *name = g_strdelimit (g_strdup (field->column), "_", '-');

            field->property = g_intern_string (name);
          }
      g_once_init_leave (&initialized, 1);
    }
}

const EkvEntity *
ekv_entity_get (EkvEntityKind kind)
{
  g_return_val_if_fail (kind >= 0 && kind < EKV_N_ENTITIES, NULL);

  ensure_property_names ();
  return &entities[kind];
}

const EkvField *
ekv_entity_get_field (EkvEntityKind kind,
                      guint         field)
{
  const EkvEntity *entity = ekv_entity_get (kind);

  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (field < entity->n_fields, NULL);

  return &entity->fields[field];
}

int
ekv_entity_find_field (const EkvEntity *entity,
                       const char      *json_key,
                       const char      *json_group)
{
  g_return_val_if_fail (entity != NULL, -1);

  for (guint i = 0; i < entity->n_fields; i++)
    if (g_strcmp0 (entity->fields[i].json_key, json_key) == 0 &&
        g_strcmp0 (entity->fields[i].json_group, json_group) == 0)
      return i;

  return -1;
}

guint
ekv_entity_get_children (EkvEntityKind  kind,
                         EkvEntityKind *children,
                         guint          max_children)
{
  guint n = 0;

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    if (entities[k].parent == kind && kind != EKV_ENTITY_NONE)
      {
        if (n < max_children)
          children[n] = k;
        n++;
      }

  return n;
}

gboolean
ekv_id_is_valid (const char *id)
{
  size_t len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len < 1 || len > 64)
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '.' && *p != '-')
      return FALSE;

  return TRUE;
}

GType
ekv_field_get_gtype (const EkvField *field)
{
  g_return_val_if_fail (field != NULL, G_TYPE_INVALID);

  switch (field->type)
    {
    case EKV_FIELD_STRING:
    case EKV_FIELD_DATE:
    case EKV_FIELD_MONTH:
    case EKV_FIELD_ID:
    case EKV_FIELD_REF:
    case EKV_FIELD_CURRENCY:
      return G_TYPE_STRING;
    case EKV_FIELD_DOUBLE:
      return G_TYPE_DOUBLE;
    case EKV_FIELD_INT:
      return G_TYPE_INT;
    case EKV_FIELD_BOOL:
      return G_TYPE_BOOLEAN;
    case EKV_FIELD_ENUM:
      return field->enum_type ();
    default:
      g_assert_not_reached ();
    }
}

static gboolean
date_is_valid (const char *text,
               gboolean    with_day)
{
  int year, month, day = 1;
  char tail;
  size_t len = strlen (text);

  if (len != (with_day ? 10u : 7u) || text[4] != '-' || (with_day && text[7] != '-'))
    return FALSE;
  for (size_t i = 0; i < len; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  if (with_day)
    {
      if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3)
        return FALSE;
    }
  else if (sscanf (text, "%4d-%2d%c", &year, &month, &tail) != 2)
    return FALSE;

  return year >= 1 && g_date_valid_dmy (day, month, year);
}

static gboolean
check_range (const EkvField *field,
             double          value,
             GError        **error)
{
  gboolean low_ok, high_ok;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  if (!isfinite (value))
    {
      g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_TYPE,
                   /* Translators: %s is a field label, e.g. "Quantity" */
                   _("%s must be a finite number"), _(field->label));
      return FALSE;
    }

  low_ok = (field->flags & EKV_FIELD_FLAG_MIN_EXCLUSIVE) ? value > field->min : value >= field->min;
  high_ok = (field->flags & EKV_FIELD_FLAG_MAX_EXCLUSIVE) ? value < field->max : value <= field->max;
  if (low_ok && high_ok)
    return TRUE;

  /* Bounds are written for people: "10.000.000" in Turkish, never "1e+07". */
  low = ekv_number_format (field->min, -1);
  high = ekv_number_format (field->max, -1);

  if (isinf (field->max))
    {
      if (field->min == 0 && !(field->flags & EKV_FIELD_FLAG_MIN_EXCLUSIVE))
        g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE,
                     /* Translators: %s is a field label, e.g. "Quantity" */
                     _("%s cannot be negative"), _(field->label));
      else if (field->min == 0)
        g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE,
                     /* Translators: %s is a field label, e.g. "Density" */
                     _("%s must be greater than zero"), _(field->label));
      else if (field->flags & EKV_FIELD_FLAG_MIN_EXCLUSIVE)
        g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE,
                     /* Translators: %s is a field label, the second %s its lowest value */
                     _("%s must be greater than %s"), _(field->label), low);
      else
        g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE,
                     /* Translators: %s is a field label, the second %s its lowest allowed value, e.g. "Change (%) must be -100 or more" */
                     _("%s must be %s or more"), _(field->label), low);
    }
  else if (field->flags & EKV_FIELD_FLAG_MIN_EXCLUSIVE)
    {
      /* "between 0 and 24" would offer the 0 that is refused */
      g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE,
                   /* Translators: a field label, then the lowest (not allowed) and highest (allowed) value */
                   _("%s must be greater than %s and at most %s"), _(field->label), low, high);
    }
  else
    {
      g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_RANGE,
                   /* Translators: a field label, then the lowest and highest value */
                   _("%s must be between %s and %s"), _(field->label), low, high);
    }

  return FALSE;
}

gboolean
ekv_field_validate (const EkvField *field,
                    const GValue   *value,
                    GError        **error)
{
  const char *text;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  if (!G_VALUE_HOLDS (value, ekv_field_get_gtype (field)))
    {
      g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_TYPE,
                   /* Translators: %s is a field label */
                   _("%s has a value of the wrong type"), _(field->label));
      return FALSE;
    }

  switch (field->type)
    {
    case EKV_FIELD_DOUBLE:
      return check_range (field, g_value_get_double (value), error);

    case EKV_FIELD_INT:
      return check_range (field, g_value_get_int (value), error);

    case EKV_FIELD_BOOL:
      return TRUE;

    case EKV_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());
        int code = g_value_get_enum (value);

        if (g_enum_get_value (klass, code) == NULL ||
            (field->enum_limit > 0 && code >= field->enum_limit))
          {
            g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_ENUM,
                         /* Translators: %s is a field label */
                         _("%s has a value that is not allowed here"), _(field->label));
            return FALSE;
          }
        return TRUE;
      }

    case EKV_FIELD_STRING:
    case EKV_FIELD_REF:
      text = g_value_get_string (value);
      if ((field->flags & EKV_FIELD_FLAG_REQUIRED) && (text == NULL || *text == '\0'))
        {
          g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_REQUIRED,
                       /* Translators: %s is a field label */
                       _("%s cannot be empty"), _(field->label));
          return FALSE;
        }
      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        {
          g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_TYPE,
                       _("%s is not valid UTF-8 text"), _(field->label));
          return FALSE;
        }
      return TRUE;

    case EKV_FIELD_ID:
      text = g_value_get_string (value);
      if (!ekv_id_is_valid (text))
        {
          g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_FORMAT,
                       _("An id must be 1 to 64 letters A–Z, digits or the signs _ . - "
                         "(no spaces)"));
          return FALSE;
        }
      return TRUE;

    case EKV_FIELD_DATE:
    case EKV_FIELD_MONTH:
      text = g_value_get_string (value);
      if (text == NULL || !date_is_valid (text, field->type == EKV_FIELD_DATE))
        {
          if (field->type == EKV_FIELD_DATE)
            g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_FORMAT,
                         /* Translators: %s is a field label; write YYYY-MM-DD as in the field's hint "YYYY-MM-DD" */
                         _("%s must be a date written YYYY-MM-DD"), _(field->label));
          else
            g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_FORMAT,
                         /* Translators: %s is a field label; write YYYY-MM as in the field's hint "YYYY-MM-DD" */
                         _("%s must be a month written YYYY-MM"), _(field->label));
          return FALSE;
        }
      return TRUE;

    case EKV_FIELD_CURRENCY:
      text = g_value_get_string (value);
      if (text == NULL || strlen (text) != 3 || !g_ascii_isupper (text[0]) ||
          !g_ascii_isupper (text[1]) || !g_ascii_isupper (text[2]))
        {
          g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_FORMAT,
                       _("The currency must be a three-letter ISO 4217 code, such as TRY or EUR"));
          return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}
