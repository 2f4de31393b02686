/* ekv-json-export.c: an EkvDocument -> the JSON interchange format
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Like the import, driven by the entity descriptors; the one thing they do not
 * say is where a record's lists sit among its keys, which is list_places below.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-json-export.h"
#include "ekv-json-import.h"
#include "ekv-json-writer.h"

/* audit-format.md puts these lists among their owner's keys, before the key
 * named; every other list comes after the owner's fields. */
static const struct
{
  EkvEntityKind  list;
  const char    *before;
} list_places[] = {
  { EKV_ENTITY_CERTIFICATION, "turnover" },
  { EKV_ENTITY_TEAM_MEMBER, "thresholds" },
  { EKV_ENTITY_OBJECTIVE, "thresholds" },
  { EKV_ENTITY_OPTION_UNIT, "description" },
};

static void add_record_members (EkvDocument *document,
                                EkvRecord   *record,
                                JsonObject  *object);

static EkvEntityKind
entity_owner (const EkvEntity *entity)
{
  return entity->parent != EKV_ENTITY_NONE ? entity->parent : entity->json_container;
}

static const char *
list_place (EkvEntityKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_places); i++)
    if (list_places[i].list == kind)
      return list_places[i].before;
  return NULL;
}

static JsonNode *
field_to_node (EkvRecord *record,
               guint      index)
{
  const EkvField *field = &ekv_record_get_entity (record)->fields[index];

  switch (G_TYPE_FUNDAMENTAL (ekv_field_get_gtype (field)))
    {
    case G_TYPE_STRING:
      return json_node_init_string (json_node_alloc (), ekv_record_get_string (record, index));
    case G_TYPE_DOUBLE:
      return json_node_init_double (json_node_alloc (), ekv_record_get_double (record, index));
    case G_TYPE_INT:
      return json_node_init_int (json_node_alloc (), ekv_record_get_int (record, index));
    case G_TYPE_BOOLEAN:
      return json_node_init_boolean (json_node_alloc (), ekv_record_get_bool (record, index));
    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());
        GEnumValue *value = g_enum_get_value (klass, ekv_record_get_enum (record, index));

        g_return_val_if_fail (value != NULL, json_node_init_null (json_node_alloc ()));
        return json_node_init_string (json_node_alloc (), value->value_nick);
      }
    default:
      g_assert_not_reached ();
    }
}

/* KIND's records under RECORD (its children, or the document's list it holds in
 * JSON), as a JSON node; NULL when there are none. */
static JsonNode *
list_to_node (EkvDocument   *document,
              EkvRecord     *record,
              EkvEntityKind  kind)
{
  const EkvEntity *entity = ekv_entity_get (kind);
  GListModel *list = entity->parent != EKV_ENTITY_NONE ? ekv_record_get_children (record, kind)
                                                       : ekv_document_get_list (document, kind);
  guint n = g_list_model_get_n_items (list);
  JsonNode *node;

  if (n == 0)
    return NULL;

  if (entity->json_shape == EKV_JSON_SHAPE_MAP)
    {
      JsonObject *object = json_object_new ();

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EkvRecord) item = g_list_model_get_item (list, i);

          json_object_set_member (object, ekv_record_get_string (item, 0), field_to_node (item, 1));
        }
      node = json_node_init_object (json_node_alloc (), object);
      json_object_unref (object);
      return node;
    }

  {
    JsonArray *array = json_array_sized_new (n);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(EkvRecord) item = g_list_model_get_item (list, i);

        if (entity->json_shape == EKV_JSON_SHAPE_STRING)
          json_array_add_element (array, field_to_node (item, 0));
        else
          {
            JsonObject *object = json_object_new ();

            add_record_members (document, item, object);
            json_array_add_object_element (array, object);
          }
      }
    node = json_node_init_array (json_node_alloc (), array);
    json_array_unref (array);
    return node;
  }
}

static void
add_list (EkvDocument   *document,
          EkvRecord     *record,
          EkvEntityKind  kind,
          JsonObject    *object)
{
  JsonNode *node;

  if (ekv_entity_get (kind)->json_key == NULL)
    return;   /* kept in .ekv files only */
  node = list_to_node (document, record, kind);

  if (node != NULL)
    json_object_set_member (object, ekv_entity_get (kind)->json_key, node);
}

static void
add_lists_before (EkvDocument *document,
                  EkvRecord   *record,
                  const char  *key,
                  JsonObject  *object)
{
  EkvEntityKind owner = ekv_record_get_kind (record);

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);

      if (entity_owner (entity) == owner && g_strcmp0 (list_place (k), key) == 0)
        add_list (document, record, k, object);
    }
}

static void
add_record_members (EkvDocument *document,
                    EkvRecord   *record,
                    JsonObject  *object)
{
  const EkvEntity *entity = ekv_record_get_entity (record);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const EkvField *field = &entity->fields[i];

      if (field->json_group != NULL)
        {
          JsonObject *group;

          if (i > 0 && g_strcmp0 (entity->fields[i - 1].json_group, field->json_group) == 0)
            continue;   /* written with the group's first field */

          add_lists_before (document, record, field->json_group, object);
          group = json_object_new ();
          for (guint j = i; j < entity->n_fields &&
               g_strcmp0 (entity->fields[j].json_group, field->json_group) == 0; j++)
            if (ekv_record_is_set (record, j))
              json_object_set_member (group, entity->fields[j].json_key, field_to_node (record, j));
          if (json_object_get_size (group) > 0)
            json_object_set_object_member (object, field->json_group, group);
          else
            json_object_unref (group);
          continue;
        }

      add_lists_before (document, record, field->json_key, object);
      if (ekv_record_is_set (record, i))
        json_object_set_member (object, field->json_key, field_to_node (record, i));
      else if (field->flags & EKV_FIELD_FLAG_NULLABLE_REF)
        json_object_set_null_member (object, field->json_key);
    }

  /* The lists that come after every field. */
  add_lists_before (document, record, NULL, object);
}

JsonNode *
ekv_json_export_node (EkvDocument *document)
{
  JsonObject *root;
  JsonNode *node;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  root = json_object_new ();
  json_object_set_string_member (root, "format", EKV_JSON_FORMAT);
  json_object_set_int_member (root, "version", EKV_JSON_VERSION);

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);

      if (entity_owner (entity) != EKV_ENTITY_NONE)
        continue;

      if (entity->singleton)
        {
          JsonObject *object = json_object_new ();

          add_record_members (document, ekv_document_get_singleton (document, k), object);
          /* The company is always there (its name is required); an audit or
           * finance with nothing set is left out like any unset field. */
          if (k == EKV_ENTITY_COMPANY || json_object_get_size (object) > 0)
            json_object_set_object_member (root, entity->json_key, object);
          else
            json_object_unref (object);
        }
      else
        add_list (document, NULL, k, root);
    }

  node = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  return node;
}

char *
ekv_json_export_string (EkvDocument *document)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), NULL);

  node = ekv_json_export_node (document);
  return ekv_json_write (node);
}

gboolean
ekv_json_export_file (EkvDocument  *document,
                      GFile        *file,
                      GError      **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  const char *message;

  g_return_val_if_fail (EKV_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = ekv_json_export_string (document);
  /* g_file_replace_contents() writes a temporary file and renames it over FILE
   * only once everything is written: a failed export leaves the old file. */
  if (g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE,
                               NULL, NULL, &local))
    return TRUE;

  /* GIO's messages repeat the path; callers put the file name in front. */
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    message = _("the folder does not exist");
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
           g_error_matches (local, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
    message = _("cannot be written here (permission denied)");
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    message = _("the disk is full");
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    message = _("a folder, not a file");
  else
    message = local->message;
  g_set_error_literal (error, EKV_JSON_ERROR, EKV_JSON_ERROR_IO, message);
  return FALSE;
}
