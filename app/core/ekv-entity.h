/* ekv-entity.h: the audit's schema as data
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Every kind of record of an audit (company, flow, option, ...) is described once
 * here: its fields, their types, ranges, defaults, JSON keys and SQL columns. The
 * record objects, the SQLite store and the JSON import/export all read these
 * tables, so a field is added in one place (plus a store migration).
 */
#pragma once

#include <glib-object.h>

#include "ekv-types.h"

G_BEGIN_DECLS

typedef enum
{
  EKV_ENTITY_COMPANY,
  EKV_ENTITY_PRODUCT,
  EKV_ENTITY_CERTIFICATION,
  EKV_ENTITY_AUDIT,
  EKV_ENTITY_TEAM_MEMBER,
  EKV_ENTITY_OBJECTIVE,
  EKV_ENTITY_UNIT_OPERATION,
  EKV_ENTITY_FLOW,
  EKV_ENTITY_BILL,
  EKV_ENTITY_FACTOR,
  EKV_ENTITY_FINANCE,
  EKV_ENTITY_OPTION,
  EKV_ENTITY_OPTION_UNIT,
  EKV_ENTITY_CHANGE,
  EKV_ENTITY_SCORE,
  EKV_ENTITY_ACTION,
  EKV_ENTITY_KPI,
  EKV_ENTITY_KPI_VALUE,
  EKV_ENTITY_INVESTMENT_ITEM,   /* .ekv only: not in the JSON audit format */
  EKV_ENTITY_CRITERION,         /* .ekv only: not in the JSON audit format */
  EKV_N_ENTITIES,
  EKV_ENTITY_NONE = -1
} EkvEntityKind;

/* Field indices, one enum per entity, in the order of the descriptor tables. */
typedef enum
{
  EKV_COMPANY_NAME,
  EKV_COMPANY_NACE,
  EKV_COMPANY_SECTOR,
  EKV_COMPANY_ADDRESS,
  EKV_COMPANY_CITY,
  EKV_COMPANY_DISTRICT,
  EKV_COMPANY_OSB,
  EKV_COMPANY_CONTACT_NAME,
  EKV_COMPANY_CONTACT_PHONE,
  EKV_COMPANY_CONTACT_EMAIL,
  EKV_COMPANY_EMPLOYEES,
  EKV_COMPANY_SHIFTS_PER_DAY,
  EKV_COMPANY_HOURS_PER_DAY,
  EKV_COMPANY_DAYS_PER_YEAR,
  EKV_COMPANY_TURNOVER,
  EKV_COMPANY_LABOUR_COST,
  EKV_COMPANY_REFERENCE_START,
  EKV_COMPANY_REFERENCE_END,
  EKV_COMPANY_N_FIELDS
} EkvCompanyField;

typedef enum
{
  EKV_PRODUCT_NAME,
  EKV_PRODUCT_QUANTITY,
  EKV_PRODUCT_UNIT,
  EKV_PRODUCT_PERIOD,
  EKV_PRODUCT_PRICE,
  EKV_PRODUCT_DENOMINATOR,
  EKV_PRODUCT_N_FIELDS
} EkvProductField;

typedef enum
{
  EKV_CERTIFICATION_NAME,
  EKV_CERTIFICATION_N_FIELDS
} EkvCertificationField;

typedef enum
{
  EKV_AUDIT_TITLE,
  EKV_AUDIT_START,
  EKV_AUDIT_END,
  EKV_AUDIT_SCOPE,
  EKV_AUDIT_SPONSOR,
  EKV_AUDIT_COMMITMENT_DATE,
  EKV_AUDIT_THRESHOLD_WARN,
  EKV_AUDIT_THRESHOLD_ERROR,
  EKV_AUDIT_NOTES,
  EKV_AUDIT_N_FIELDS
} EkvAuditField;

typedef enum
{
  EKV_TEAM_MEMBER_NAME,
  EKV_TEAM_MEMBER_POSITION,
  EKV_TEAM_MEMBER_ROLE,
  EKV_TEAM_MEMBER_ORGANISATION,
  EKV_TEAM_MEMBER_EMAIL,
  EKV_TEAM_MEMBER_N_FIELDS
} EkvTeamMemberField;

typedef enum
{
  EKV_OBJECTIVE_INDICATOR,
  EKV_OBJECTIVE_UNIT,
  EKV_OBJECTIVE_BASELINE,
  EKV_OBJECTIVE_TARGET,
  EKV_OBJECTIVE_DATE,
  EKV_OBJECTIVE_N_FIELDS
} EkvObjectiveField;

typedef enum
{
  EKV_UNIT_OPERATION_ID,
  EKV_UNIT_OPERATION_NAME,
  EKV_UNIT_OPERATION_DEPARTMENT,
  EKV_UNIT_OPERATION_MODE,
  EKV_UNIT_OPERATION_BATCHES_PER_YEAR,
  EKV_UNIT_OPERATION_OPERATING_HOURS,
  EKV_UNIT_OPERATION_SYSTEM_COST,
  EKV_UNIT_OPERATION_WASTE_MANAGEMENT_COST,
  EKV_UNIT_OPERATION_DESCRIPTION,
  EKV_UNIT_OPERATION_N_FIELDS
} EkvUnitOperationField;

typedef enum
{
  EKV_FLOW_ID,
  EKV_FLOW_NAME,
  EKV_FLOW_KIND,
  EKV_FLOW_CARRIER,
  EKV_FLOW_FROM,
  EKV_FLOW_TO,
  EKV_FLOW_QUANTITY,
  EKV_FLOW_UNIT,
  EKV_FLOW_PERIOD,
  EKV_FLOW_DENSITY,
  EKV_FLOW_PRICE,
  EKV_FLOW_QUALITY,
  EKV_FLOW_UNCERTAINTY,
  EKV_FLOW_SOURCE,
  EKV_FLOW_NOTE,
  EKV_FLOW_N_FIELDS
} EkvFlowField;

typedef enum
{
  EKV_BILL_CARRIER,
  EKV_BILL_MONTH,
  EKV_BILL_QUANTITY,
  EKV_BILL_UNIT,
  EKV_BILL_COST,
  EKV_BILL_N_FIELDS
} EkvBillField;

typedef enum
{
  EKV_FACTOR_CARRIER,
  EKV_FACTOR_UNIT,
  EKV_FACTOR_LHV_KWH,
  EKV_FACTOR_TEP,
  EKV_FACTOR_CO2_KG,
  EKV_FACTOR_SOURCE,
  EKV_FACTOR_N_FIELDS
} EkvFactorField;

typedef enum
{
  EKV_FINANCE_CURRENCY,
  EKV_FINANCE_DISCOUNT_RATE,
  EKV_FINANCE_BASIS,
  EKV_FINANCE_PRICE_YEAR,
  EKV_FINANCE_N_FIELDS
} EkvFinanceField;

typedef enum
{
  EKV_OPTION_ID,
  EKV_OPTION_TITLE,
  EKV_OPTION_CATEGORY,
  EKV_OPTION_DESCRIPTION,
  EKV_OPTION_CAUSE,
  EKV_OPTION_SCREENING,
  EKV_OPTION_STATUS,
  EKV_OPTION_INVESTMENT,
  EKV_OPTION_LIFETIME,
  EKV_OPTION_SALVAGE,
  EKV_OPTION_OM_COST,
  EKV_OPTION_OTHER_SAVINGS,
  EKV_OPTION_N_FIELDS
} EkvOptionField;

typedef enum
{
  EKV_OPTION_UNIT_UNIT,
  EKV_OPTION_UNIT_N_FIELDS
} EkvOptionUnitField;

typedef enum
{
  EKV_CHANGE_FLOW,
  EKV_CHANGE_DELTA,
  EKV_CHANGE_DELTA_PCT,
  EKV_CHANGE_N_FIELDS
} EkvChangeField;

typedef enum
{
  EKV_SCORE_CRITERION,
  EKV_SCORE_VALUE,
  EKV_SCORE_N_FIELDS
} EkvScoreField;

typedef enum
{
  EKV_ACTION_OPTION,
  EKV_ACTION_ACTION,
  EKV_ACTION_RESPONSIBLE,
  EKV_ACTION_START,
  EKV_ACTION_END,
  EKV_ACTION_BUDGET,
  EKV_ACTION_STATUS,
  EKV_ACTION_N_FIELDS
} EkvActionField;

typedef enum
{
  EKV_KPI_ID,
  EKV_KPI_NAME,
  EKV_KPI_UNIT,
  EKV_KPI_BASELINE,
  EKV_KPI_TARGET,
  EKV_KPI_N_FIELDS
} EkvKpiField;

typedef enum
{
  EKV_KPI_VALUE_PERIOD,
  EKV_KPI_VALUE_VALUE,
  EKV_KPI_VALUE_N_FIELDS
} EkvKpiValueField;

/* What makes up an option's investment (DOMAIN.md W17: equipment, installation,
 * engineering, ...). When an option has items, its investment is their sum. */
typedef enum
{
  EKV_INVESTMENT_ITEM_ITEM,
  EKV_INVESTMENT_ITEM_AMOUNT,
  EKV_INVESTMENT_ITEM_N_FIELDS
} EkvInvestmentItemField;

/* A ranking criterion and its weight (DOMAIN.md W19); options' scores name it. */
typedef enum
{
  EKV_CRITERION_CRITERION,
  EKV_CRITERION_WEIGHT,
  EKV_CRITERION_N_FIELDS
} EkvCriterionField;

typedef enum
{
  EKV_FIELD_STRING,   /* free text */
  EKV_FIELD_DOUBLE,
  EKV_FIELD_INT,
  EKV_FIELD_BOOL,
  EKV_FIELD_ENUM,     /* stored as its code, written to JSON as its nick */
  EKV_FIELD_DATE,     /* ISO "YYYY-MM-DD" */
  EKV_FIELD_MONTH,    /* ISO "YYYY-MM" */
  EKV_FIELD_ID,       /* [A-Za-z0-9_.-]{1,64}, unique within its list */
  EKV_FIELD_REF,      /* the id of a record of another entity */
  EKV_FIELD_CURRENCY, /* ISO 4217 code, three capital letters */
} EkvFieldType;

typedef enum
{
  EKV_FIELD_FLAG_NONE          = 0,
  EKV_FIELD_FLAG_REQUIRED      = 1 << 0, /* must be set (and, for text, not empty) */
  EKV_FIELD_FLAG_MIN_EXCLUSIVE = 1 << 1, /* value > min rather than >= min */
  EKV_FIELD_FLAG_MAX_EXCLUSIVE = 1 << 2,
  EKV_FIELD_FLAG_MULTILINE     = 1 << 3, /* a hint for forms */
  EKV_FIELD_FLAG_NULLABLE_REF  = 1 << 4, /* a REF whose JSON null is meaningful (flow from/to) */
} EkvFieldFlags;

typedef struct
{
  const char    *column;       /* SQL column; the property name is this with '-' for '_' */
  const char    *property;     /* GObject property name (kebab-case) */
  const char    *json_group;   /* NULL, or the nested JSON object holding the key */
  const char    *json_key;
  EkvFieldType   type;
  EkvFieldFlags  flags;
  double         min;          /* -INFINITY when unbounded */
  double         max;          /* INFINITY when unbounded */
  double         default_value; /* numbers, bools and enum codes */
  const char    *default_string; /* text fields */
  GType        (*enum_type) (void);
  int            enum_limit;   /* codes below this are allowed; 0: every value */
  EkvEntityKind  ref;          /* REF fields only: the entity the id is looked up in */
  const char    *label;        /* English label, untranslated (N_) */
} EkvField;

typedef enum
{
  EKV_JSON_SHAPE_OBJECT,  /* [{ "key": value, ... }] */
  EKV_JSON_SHAPE_STRING,  /* ["ISO 14001", ...]: the record's only field */
  EKV_JSON_SHAPE_MAP,     /* { "criterion": 3, ... }: field 0 is the key, field 1 the value */
} EkvJsonShape;

typedef struct
{
  EkvEntityKind   kind;
  const char     *type_name;   /* GType name of its records, e.g. "EkvFlow" */
  const char     *table;       /* SQL table */
  gboolean        singleton;   /* company, audit, finance: one record per document */
  EkvEntityKind   parent;      /* records belong to one record of this kind, or NONE */
  EkvEntityKind   json_container; /* the singleton whose JSON object holds the list, or NONE */
  const char     *json_key;    /* key of the object or list in its container (top level if
                                * none); NULL for what only .ekv files keep */
  EkvJsonShape    json_shape;
  int             id_field;    /* index of the EKV_FIELD_ID field, or -1 */
  const EkvField *fields;
  guint           n_fields;
  const char     *label;       /* English label, untranslated (N_) */
} EkvEntity;

const EkvEntity *ekv_entity_get          (EkvEntityKind   kind);
const EkvField  *ekv_entity_get_field    (EkvEntityKind   kind,
                                          guint           field);
int              ekv_entity_find_field   (const EkvEntity *entity,
                                          const char     *json_key,
                                          const char     *json_group);
GType            ekv_entity_get_record_type (EkvEntityKind kind);

/* The children of an entity (e.g. OPTION: OPTION_UNIT, CHANGE, SCORE), in order. */
guint            ekv_entity_get_children (EkvEntityKind   kind,
                                          EkvEntityKind  *children,
                                          guint           max_children);

gboolean         ekv_id_is_valid         (const char     *id);

#define EKV_ENTITY_ERROR (ekv_entity_error_quark ())

typedef enum
{
  EKV_ENTITY_ERROR_REQUIRED,  /* a required field is missing or empty */
  EKV_ENTITY_ERROR_RANGE,     /* a number out of its range */
  EKV_ENTITY_ERROR_TYPE,      /* wrong type (text where a number belongs, a fraction for a count) */
  EKV_ENTITY_ERROR_ENUM,      /* not one of the allowed values */
  EKV_ENTITY_ERROR_FORMAT,    /* a malformed date, month or id */
  EKV_ENTITY_ERROR_DUPLICATE, /* an id used twice in one list */
  EKV_ENTITY_ERROR_REFERENCE, /* a reference to an id that does not exist */
  EKV_ENTITY_ERROR_IN_USE,    /* a record still referenced elsewhere */
  EKV_ENTITY_ERROR_INVALID,   /* a rule across fields */
} EkvEntityError;

GQuark           ekv_entity_error_quark  (void);

/* Checks one value (of the field's GType) against the field's type, range and format;
 * not uniqueness or references, which need the document. The message is translated
 * and names the field, not a JSON path. */
gboolean         ekv_field_validate      (const EkvField *field,
                                          const GValue   *value,
                                          GError        **error);

/* The GType values of this field take in records (G_TYPE_STRING, G_TYPE_DOUBLE, ...). */
GType            ekv_field_get_gtype     (const EkvField *field);

G_END_DECLS
