/* ekv-bench-audit.c: building the synthetic audits of the benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <stdlib.h>

#include "ekv-bench-audit.h"

void
ekv_bench_insert (EkvDocument *document,
                  EkvRecord   *record,
                  EkvRecord   *parent)
{
  g_autoptr(GError) error = NULL;

  if (!ekv_document_insert (document, record, parent, -1, &error))
    g_error ("%s", error->message);
}

void
ekv_bench_add_unit (EkvDocument *document,
                    const char  *id,
                    const char  *name)
{
  g_autoptr(EkvRecord) unit = ekv_record_new (EKV_ENTITY_UNIT_OPERATION);

  ekv_record_set_string (unit, EKV_UNIT_OPERATION_ID, id);
  ekv_record_set_string (unit, EKV_UNIT_OPERATION_NAME, name);
  ekv_bench_insert (document, unit, NULL);
}

void
ekv_bench_add_flow (EkvDocument    *document,
                    const char     *name,
                    EkvFlowKind     kind,
                    int             carrier,
                    const char     *from,
                    const char     *to,
                    double          quantity,
                    EkvQuantityUnit unit,
                    double          price)
{
  g_autoptr(EkvRecord) flow = ekv_record_new (EKV_ENTITY_FLOW);
  g_autofree char *id = ekv_document_new_id (document, EKV_ENTITY_FLOW, "f");

  ekv_record_set_string (flow, EKV_FLOW_ID, id);
  ekv_record_set_string (flow, EKV_FLOW_NAME, name);
  ekv_record_set_enum (flow, EKV_FLOW_KIND, kind);
  if (carrier >= 0)
    ekv_record_set_enum (flow, EKV_FLOW_CARRIER, carrier);
  if (from != NULL)
    ekv_record_set_string (flow, EKV_FLOW_FROM, from);
  if (to != NULL)
    ekv_record_set_string (flow, EKV_FLOW_TO, to);
  ekv_record_set_double (flow, EKV_FLOW_QUANTITY, quantity);
  ekv_record_set_enum (flow, EKV_FLOW_UNIT, unit);
  if (price >= 0)
    ekv_record_set_double (flow, EKV_FLOW_PRICE, price);
  ekv_bench_insert (document, flow, NULL);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
ekv_bench_median (double *values,
                  guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}
