/* ekv-scenario.c: the audit as it would be with its approved options carried out
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "ekv-entity.h"
#include "ekv-json-export.h"
#include "ekv-json-import.h"
#include "ekv-json-writer.h"
#include "ekv-options.h"
#include "ekv-scenario.h"
#include "ekv-util.h"

/* Top-level members of the interchange format that no balance reads. */
static const char * const unused_members[] = { "bills", "options", "actions", "kpis" };

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
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GListModel *options;
  JsonObject *object;
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

  root = ekv_json_export_node (document);
  object = json_node_get_object (root);
  if (g_hash_table_size (changed) > 0 && json_object_has_member (object, "flows"))
    {
      JsonArray *flows = json_object_get_array_member (object, "flows");
      guint n_flows = json_array_get_length (flows);

      for (guint i = 0; i < n_flows; i++)
        {
          JsonObject *flow = json_array_get_object_element (flows, i);
          const char *id = json_object_get_string_member_with_default (flow, "id", NULL);
          ChangedFlow *entry = id != NULL ? g_hash_table_lookup (changed, id) : NULL;
          double quantity;

          if (entry == NULL)
            continue;
          quantity = entry->quantity;
          if (!isfinite (quantity))
            continue;   /* cannot happen with valid fields; keep the baseline */
          if (quantity < 0)
            {
              if (warnings != NULL)
                {
                  g_autofree char *number = ekv_number_format (quantity, -1);

                  g_ptr_array_add (warnings,
                                   /* Translators: %s are a flow's name and a negative number */
                                   g_strdup_printf (_("The approved options take flow “%s” to %s: it is counted as zero in the “after” scenario."),
                                                    flow_label (entry->flow), number));
                }
              quantity = 0;
            }
          json_object_set_double_member (flow, "quantity", quantity);
        }
    }

  /* What the balances and the Sankey graph never read goes: importing it again
   * was most of the time (the options with their changes and scores, the
   * bills, the action plan and the KPIs). */
  for (guint i = 0; i < G_N_ELEMENTS (unused_members); i++)
    json_object_remove_member (object, unused_members[i]);

  text = ekv_json_write (root);
  return ekv_json_import_data (text, -1, "after", NULL, error);
}

EkvDocument *
ekv_scenario_after (EkvDocument  *document,
                    GError      **error)
{
  return ekv_scenario_after_full (document, NULL, error);
}
