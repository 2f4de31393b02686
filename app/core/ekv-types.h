/* ekv-types.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Stored enumerations. The numbers go into .ekv files and the nicks into JSON
 * (audit-format.md): never renumber or rename either; add new values at the end. */

typedef enum /*< prefix=EKV_FLOW_KIND >*/
{
  EKV_FLOW_KIND_RAW_MATERIAL    = 0,  /*< nick=raw_material >*/
  EKV_FLOW_KIND_AUXILIARY       = 1,  /*< nick=auxiliary >*/
  EKV_FLOW_KIND_PACKAGING       = 2,  /*< nick=packaging >*/
  EKV_FLOW_KIND_WATER           = 3,  /*< nick=water >*/
  EKV_FLOW_KIND_ENERGY          = 4,  /*< nick=energy >*/
  EKV_FLOW_KIND_PRODUCT         = 5,  /*< nick=product >*/
  EKV_FLOW_KIND_BY_PRODUCT      = 6,  /*< nick=by_product >*/
  EKV_FLOW_KIND_SOLID_WASTE     = 7,  /*< nick=solid_waste >*/
  EKV_FLOW_KIND_HAZARDOUS_WASTE = 8,  /*< nick=hazardous_waste >*/
  EKV_FLOW_KIND_WASTEWATER      = 9,  /*< nick=wastewater >*/
  EKV_FLOW_KIND_AIR_EMISSION    = 10, /*< nick=air_emission >*/
  EKV_FLOW_KIND_EVAPORATION     = 11, /*< nick=evaporation >*/
  EKV_FLOW_KIND_HEAT_LOSS       = 12, /*< nick=heat_loss >*/
  EKV_FLOW_KIND_INTERMEDIATE    = 13, /*< nick=intermediate >*/
  EKV_FLOW_KIND_RECYCLE         = 14, /*< nick=recycle >*/
} EkvFlowKind;

/* Energy carriers of flows and factors; bills also take water and wastewater. */
typedef enum /*< prefix=EKV_CARRIER >*/
{
  EKV_CARRIER_ELECTRICITY    = 0,  /*< nick=electricity >*/
  EKV_CARRIER_NATURAL_GAS    = 1,  /*< nick=natural_gas >*/
  EKV_CARRIER_FUEL_OIL       = 2,  /*< nick=fuel_oil >*/
  EKV_CARRIER_DIESEL         = 3,  /*< nick=diesel >*/
  EKV_CARRIER_LPG            = 4,  /*< nick=lpg >*/
  EKV_CARRIER_COAL           = 5,  /*< nick=coal >*/
  EKV_CARRIER_LIGNITE        = 6,  /*< nick=lignite >*/
  EKV_CARRIER_POMACE         = 7,  /*< nick=pomace >*/
  EKV_CARRIER_STEAM          = 8,  /*< nick=steam >*/
  EKV_CARRIER_HOT_WATER      = 9,  /*< nick=hot_water >*/
  EKV_CARRIER_THERMAL_OIL    = 10, /*< nick=thermal_oil >*/
  EKV_CARRIER_COMPRESSED_AIR = 11, /*< nick=compressed_air >*/
  EKV_CARRIER_OTHER          = 12, /*< nick=other >*/
  EKV_CARRIER_WATER          = 13, /*< nick=water >*/
  EKV_CARRIER_WASTEWATER     = 14, /*< nick=wastewater >*/
} EkvCarrier;

/* Units of a quantity. Nicks are case-sensitive ("L", "Sm3", "kWh", "TEP"). */
typedef enum /*< prefix=EKV_QUANTITY_UNIT >*/
{
  EKV_QUANTITY_UNIT_G    = 0,  /*< nick=g >*/
  EKV_QUANTITY_UNIT_KG   = 1,  /*< nick=kg >*/
  EKV_QUANTITY_UNIT_T    = 2,  /*< nick=t >*/
  EKV_QUANTITY_UNIT_L    = 3,  /*< nick=L >*/
  EKV_QUANTITY_UNIT_M3   = 4,  /*< nick=m3 >*/
  EKV_QUANTITY_UNIT_SM3  = 5,  /*< nick=Sm3 >*/
  EKV_QUANTITY_UNIT_NM3  = 6,  /*< nick=Nm3 >*/
  EKV_QUANTITY_UNIT_KWH  = 7,  /*< nick=kWh >*/
  EKV_QUANTITY_UNIT_MWH  = 8,  /*< nick=MWh >*/
  EKV_QUANTITY_UNIT_MJ   = 9,  /*< nick=MJ >*/
  EKV_QUANTITY_UNIT_GJ   = 10, /*< nick=GJ >*/
  EKV_QUANTITY_UNIT_KCAL = 11, /*< nick=kcal >*/
  EKV_QUANTITY_UNIT_MCAL = 12, /*< nick=Mcal >*/
  EKV_QUANTITY_UNIT_TEP  = 13, /*< nick=TEP >*/
  EKV_QUANTITY_UNIT_PCS  = 14, /*< nick=pcs >*/
} EkvQuantityUnit;

typedef enum /*< prefix=EKV_PERIOD >*/
{
  EKV_PERIOD_BATCH = 0, /*< nick=batch >*/
  EKV_PERIOD_HOUR  = 1, /*< nick=hour >*/
  EKV_PERIOD_SHIFT = 2, /*< nick=shift >*/
  EKV_PERIOD_DAY   = 3, /*< nick=day >*/
  EKV_PERIOD_WEEK  = 4, /*< nick=week >*/
  EKV_PERIOD_MONTH = 5, /*< nick=month >*/
  EKV_PERIOD_YEAR  = 6, /*< nick=year >*/
} EkvPeriod;

typedef enum /*< prefix=EKV_DATA_QUALITY >*/
{
  EKV_DATA_QUALITY_MEASURED   = 0, /*< nick=measured >*/
  EKV_DATA_QUALITY_METERED    = 1, /*< nick=metered >*/
  EKV_DATA_QUALITY_INVOICE    = 2, /*< nick=invoice >*/
  EKV_DATA_QUALITY_CALCULATED = 3, /*< nick=calculated >*/
  EKV_DATA_QUALITY_ESTIMATED  = 4, /*< nick=estimated >*/
} EkvDataQuality;

typedef enum /*< prefix=EKV_OPERATION_MODE >*/
{
  EKV_OPERATION_MODE_CONTINUOUS = 0, /*< nick=continuous >*/
  EKV_OPERATION_MODE_BATCH      = 1, /*< nick=batch >*/
} EkvOperationMode;

typedef enum /*< prefix=EKV_TEAM_ROLE >*/
{
  EKV_TEAM_ROLE_LEADER   = 0, /*< nick=leader >*/
  EKV_TEAM_ROLE_MEMBER   = 1, /*< nick=member >*/
  EKV_TEAM_ROLE_EXTERNAL = 2, /*< nick=external >*/
} EkvTeamRole;

typedef enum /*< prefix=EKV_OPTION_CATEGORY >*/
{
  EKV_OPTION_CATEGORY_GH  = 0, /*< nick=GH >*/
  EKV_OPTION_CATEGORY_IS  = 1, /*< nick=IS >*/
  EKV_OPTION_CATEGORY_PC  = 2, /*< nick=PC >*/
  EKV_OPTION_CATEGORY_EM  = 3, /*< nick=EM >*/
  EKV_OPTION_CATEGORY_TC  = 4, /*< nick=TC >*/
  EKV_OPTION_CATEGORY_RR  = 5, /*< nick=RR >*/
  EKV_OPTION_CATEGORY_BP  = 6, /*< nick=BP >*/
  EKV_OPTION_CATEGORY_PM  = 7, /*< nick=PM >*/
  EKV_OPTION_CATEGORY_EE  = 8, /*< nick=EE >*/
  EKV_OPTION_CATEGORY_EOP = 9, /*< nick=EOP >*/
} EkvOptionCategory;

typedef enum /*< prefix=EKV_SCREENING >*/
{
  EKV_SCREENING_IMPLEMENT = 0, /*< nick=implement >*/
  EKV_SCREENING_STUDY     = 1, /*< nick=study >*/
  EKV_SCREENING_REJECT    = 2, /*< nick=reject >*/
} EkvScreening;

typedef enum /*< prefix=EKV_OPTION_STATUS >*/
{
  EKV_OPTION_STATUS_PROPOSED    = 0, /*< nick=proposed >*/
  EKV_OPTION_STATUS_APPROVED    = 1, /*< nick=approved >*/
  EKV_OPTION_STATUS_IN_PROGRESS = 2, /*< nick=in_progress >*/
  EKV_OPTION_STATUS_DONE        = 3, /*< nick=done >*/
  EKV_OPTION_STATUS_REJECTED    = 4, /*< nick=rejected >*/
} EkvOptionStatus;

typedef enum /*< prefix=EKV_ACTION_STATUS >*/
{
  EKV_ACTION_STATUS_PLANNED     = 0, /*< nick=planned >*/
  EKV_ACTION_STATUS_IN_PROGRESS = 1, /*< nick=in_progress >*/
  EKV_ACTION_STATUS_DONE        = 2, /*< nick=done >*/
  EKV_ACTION_STATUS_CANCELLED   = 3, /*< nick=cancelled >*/
} EkvActionStatus;

typedef enum /*< prefix=EKV_FINANCE_BASIS >*/
{
  EKV_FINANCE_BASIS_REAL    = 0, /*< nick=real >*/
  EKV_FINANCE_BASIS_NOMINAL = 1, /*< nick=nominal >*/
} EkvFinanceBasis;

G_END_DECLS
