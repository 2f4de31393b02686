/* ekv-investment.c: the items an option's investment is made of
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include "ekv-investment.h"

double
ekv_investment_sum (EkvRecord *option)
{
  GListModel *items;
  double sum = 0;

  g_return_val_if_fail (EKV_IS_RECORD (option), 0);
  g_return_val_if_fail (ekv_record_get_kind (option) == EKV_ENTITY_OPTION, 0);

  items = ekv_record_get_children (option, EKV_ENTITY_INVESTMENT_ITEM);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(EkvRecord) item = g_list_model_get_item (items, i);

      sum += ekv_record_get_double (item, EKV_INVESTMENT_ITEM_AMOUNT);
    }
  return sum;
}

gboolean
ekv_investment_has_items (EkvRecord *option)
{
  g_return_val_if_fail (EKV_IS_RECORD (option), FALSE);

  return g_list_model_get_n_items (ekv_record_get_children (option, EKV_ENTITY_INVESTMENT_ITEM)) > 0;
}
