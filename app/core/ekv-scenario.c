/* ekv-scenario.c: the audit as it would be with its approved options carried out
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-entity.h"
#include "ekv-options.h"
#include "ekv-scenario.h"
#include "ekv-util.h"

typedef struct
{
  EkvRecord *flow;      /* not a reference: the document holds it */
  double     quantity;  /* the baseline quantity plus every change */
} ChangedFlow;

/* Adds the changes of OPTION to CHANGED (flow id → ChangedFlow). */
static void
collect_changes (EkvDocument *document,
                 EkvRecord   *option,
                 GHashTable  *changed)
{
  GListModel *changes = ekv_record_get_children (option, EKV_ENTITY_CHANGE);
  guint n;

  if (changes == NULL)
    return;
  n = g_list_model_get_n_items (changes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) change = g_list_model_get_item (changes, i);
      const char *flow_id = ekv_record_get_string (change, EKV_CHANGE_FLOW);
      ChangedFlow *entry;
      double baseline;

      if (flow_id == NULL)
        continue;
      entry = g_hash_table_lookup (changed, flow_id);
      if (entry == NULL)
        {
          EkvRecord *flow = ekv_document_find (document, EKV_ENTITY_FLOW, flow_id);

          if (flow == NULL)
            continue;
          entry = g_new (ChangedFlow, 1);
          entry->flow = flow;
          entry->quantity = ekv_record_get_double (flow, EKV_FLOW_QUANTITY);
          g_hash_table_insert (changed, (gpointer) ekv_record_get_string (flow, EKV_FLOW_ID),
                               entry);
        }

      baseline = ekv_record_get_double (entry->flow, EKV_FLOW_QUANTITY);
      if (ekv_record_is_set (change, EKV_CHANGE_DELTA))
        entry->quantity += ekv_record_get_double (change, EKV_CHANGE_DELTA);
      else if (ekv_record_is_set (change, EKV_CHANGE_DELTA_PCT))
        entry->quantity += baseline * ekv_record_get_double (change, EKV_CHANGE_DELTA_PCT) / 100.0;
    }
}

static const char *
flow_label (EkvRecord *flow)
{
  const char *name = ekv_record_get_string (flow, EKV_FLOW_NAME);

  if (name == NULL || name[0] == '\0')
    name = ekv_record_get_string (flow, EKV_FLOW_ID);
  return name != NULL ? name : "";
}

EkvDocument *
ekv_scenario_after_full (EkvDocument  *document,
                         GPtrArray    *warnings,
                         GError      **error)
{
  g_autoptr(GHashTable) changed = NULL;
  g_autoptr(EkvDocument) after = NULL;
  GHashTableIter iter;
  gpointer key, value;
  GListModel *options;
  guint n;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The ids are the flow records' own strings, alive while the document is. */
  changed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  options = ekv_document_get_list (document, EKV_ENTITY_OPTION);
  n = g_list_model_get_n_items (options);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) option = g_list_model_get_item (options, i);

      if (ekv_option_status_in_portfolio (ekv_record_get_enum (option, EKV_OPTION_STATUS)))
        collect_changes (document, option, changed);
    }

  after = ekv_document_copy (document, error);
  if (after == NULL)
    return NULL;
  if (g_hash_table_size (changed) == 0)
    return g_steal_pointer (&after);

  if (!ekv_document_begin (after, error))
    return NULL;

  g_hash_table_iter_init (&iter, changed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ChangedFlow *entry = value;
      EkvRecord *flow = ekv_document_find (after, EKV_ENTITY_FLOW, key);
      g_auto(GValue) quantity = G_VALUE_INIT;

      if (flow == NULL || !isfinite (entry->quantity))
        continue;   /* cannot happen with valid fields; keep the baseline */
      if (entry->quantity < 0)
        {
          if (warnings != NULL)
            {
              g_autofree char *number = ekv_number_format (entry->quantity, -1);

              g_ptr_array_add (warnings,
                               /* Translators: %s are a flow's name and a negative number */
                               g_strdup_printf (_("The approved options take flow “%s” to %s: it is counted as zero in the “after” scenario."),
                                                flow_label (entry->flow), number));
            }
          entry->quantity = 0;
        }

      g_value_init (&quantity, G_TYPE_DOUBLE);
      g_value_set_double (&quantity, entry->quantity);
      if (!ekv_document_set_value (after, flow, EKV_FLOW_QUANTITY, &quantity, error))
        {
          ekv_document_rollback (after);
          return NULL;
        }
    }

  if (!ekv_document_commit (after, error))
    return NULL;

  return g_steal_pointer (&after);
}

EkvDocument *
ekv_scenario_after (EkvDocument  *document,
                    GError      **error)
{
  return ekv_scenario_after_full (document, NULL, error);
}
