/* ekv-json-import.c: an audit in the JSON interchange format -> an EkvDocument
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Nothing here knows a flow from a KPI: keys, groups (contact.name), lists and
 * their shapes come from the entity descriptors. Only the few rules across
 * fields of audit-format.md (per batch, product, delta) are written out.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ekv-json-import.h"
#include "ekv-util.h"

G_DEFINE_QUARK (ekv-json-error-quark, ekv_json_error)

typedef struct
{
  const char  *name;                 /* the file, as messages call it */
  GHashTable  *lines;                /* "%p.member" / "%p[index]" -> line */
  GPtrArray   *warnings;             /* EkvJsonWarning, in the order found */
  EkvDocument *document;
  GHashTable  *ids[EKV_N_ENTITIES];  /* id -> JSON path of the record holding it */
} Import;

static gboolean import_record (Import      *imp,
                               EkvRecord   *record,
                               EkvRecord   *parent,
                               JsonObject  *object,
                               const char  *path,
                               guint        line,
                               GError     **error);

/* ------------------------------------------------------------------------ */
/* Paths, lines and messages                                                */

static char *
join_key (const char *parent,
          const char *key)
{
  return parent != NULL ? g_strdup_printf ("%s.%s", parent, key) : g_strdup (key);
}

static char *
join_index (const char *parent,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", parent, index);
}

/* json-glib 1.6 keeps no locations in its nodes; the parser's signals come right
 * after each member or element is read, while the scanner still sits on it. */
static void
object_member_cb (JsonParser *parser,
                  JsonObject *object,
                  const char *member,
                  gpointer    user_data)
{
  Import *imp = user_data;

  g_hash_table_insert (imp->lines, g_strdup_printf ("%p.%s", (void *) object, member),
                       GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

static void
array_element_cb (JsonParser *parser,
                  JsonArray  *array,
                  int         index,
                  gpointer    user_data)
{
  Import *imp = user_data;

  g_hash_table_insert (imp->lines, g_strdup_printf ("%p[%d]", (void *) array, index),
                       GUINT_TO_POINTER (json_parser_get_current_line (parser)));
}

static guint
member_line (Import     *imp,
             JsonObject *object,
             const char *member)
{
  g_autofree char *key = g_strdup_printf ("%p.%s", (void *) object, member);

  return GPOINTER_TO_UINT (g_hash_table_lookup (imp->lines, key));
}

static guint
element_line (Import    *imp,
              JsonArray *array,
              guint      index)
{
  g_autofree char *key = g_strdup_printf ("%p[%u]", (void *) array, index);

  return GPOINTER_TO_UINT (g_hash_table_lookup (imp->lines, key));
}

/* The line an object starts on, near enough: that of its first key. The signals
 * fire at the end of a value, so an empty object only knows where it ends. */
static guint
object_line (Import     *imp,
             JsonObject *object,
             guint       fallback)
{
  g_autoptr(GList) members = json_object_get_members (object);
  JsonNode *first;
  guint line;

  if (members == NULL)
    return fallback;

  line = member_line (imp, object, members->data);
  first = json_object_get_member (object, members->data);
  if (JSON_NODE_HOLDS_OBJECT (first))
    line = object_line (imp, json_node_get_object (first), line);
  return line != 0 ? line : fallback;
}

static gboolean fail (Import      *imp,
                      GError     **error,
                      EkvJsonError code,
                      guint        line,
                      const char  *path,
                      const char  *format,
                      ...) G_GNUC_PRINTF (6, 7);

static gboolean
fail (Import       *imp,
      GError      **error,
      EkvJsonError  code,
      guint         line,
      const char   *path,
      const char   *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL)
    g_set_error (error, EKV_JSON_ERROR, code, "%s:%u: %s: %s", imp->name, MAX (line, 1), path, what);
  else
    g_set_error (error, EKV_JSON_ERROR, code, "%s:%u: %s", imp->name, MAX (line, 1), what);
  return FALSE;
}

static void
warn (Import     *imp,
      guint       line,
      const char *path,
      const char *message)
{
  EkvJsonWarning *warning = g_new0 (EkvJsonWarning, 1);

  warning->path = g_strdup (path);
  warning->line = line;
  warning->message = g_strdup (message);
  g_ptr_array_add (imp->warnings, warning);
}

/* What a node holds, for "expected X, found Y". */
static char *
describe_node (JsonNode *node)
{
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (_("an object"));
  if (JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup (_("a list"));

  type = json_node_get_value_type (node);
  if (type == G_TYPE_STRING)
    /* Translators: %s is the text found in the file where something else belongs */
    return g_strdup_printf (_("the text “%s”"), json_node_get_string (node));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return ekv_number_to_string (json_node_get_double (node));
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static double
node_get_number (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

/* ------------------------------------------------------------------------ */
/* Values                                                                   */

/* Enum nicks compare byte for byte: "L" is litres, "l" is not a unit, and no
 * locale's case mapping (Turkish dotless i) may change that. */
static gboolean
lookup_nick (const EkvField *field,
             const char     *nick,
             int            *code)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());

  for (guint i = 0; i < klass->n_values; i++)
    {
      const GEnumValue *value = &klass->values[i];

      if (field->enum_limit > 0 && value->value >= field->enum_limit)
        continue;
      if (strcmp (value->value_nick, nick) == 0)
        {
          *code = value->value;
          return TRUE;
        }
    }
  return FALSE;
}

static char *
list_nicks (const EkvField *field)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (field->enum_type ());
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      const GEnumValue *value = &klass->values[i];

      if (field->enum_limit > 0 && value->value >= field->enum_limit)
        continue;
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append (list, value->value_nick);
    }
  return g_string_free (list, FALSE);
}

/* Turns a JSON value into the GValue the field takes; checks the JSON type only. */
static gboolean
value_from_node (Import          *imp,
                 const EkvField  *field,
                 JsonNode        *node,
                 const char      *path,
                 guint            line,
                 GValue          *value,
                 GError         **error)
{
  g_autofree char *found = describe_node (node);

  switch (G_TYPE_FUNDAMENTAL (ekv_field_get_gtype (field)))
    {
    case G_TYPE_STRING:
      if (!node_is_string (node))
        /* Translators: %s says what was found, e.g. "a list" or "12" */
        return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, _("expected text, found %s"), found);
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, json_node_get_string (node));
      return TRUE;

    case G_TYPE_DOUBLE:
      if (!node_is_number (node))
        /* Translators: %s says what was found, e.g. the text “12” */
        return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, _("expected a number, found %s"), found);
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, node_get_number (node));
      return TRUE;

    case G_TYPE_INT:
      {
        double number = node_is_number (node) ? node_get_number (node) : NAN;

        if (!isfinite (number) || number != floor (number))
          /* Translators: %s says what was found, e.g. 2.5 */
          return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, _("expected a whole number, found %s"),
                       found);
        g_value_init (value, G_TYPE_INT);
        /* Out of int's reach is out of every INT field's range: the check that
         * follows says so with the field's own limits. */
        g_value_set_int (value, (int) CLAMP (number, (double) G_MININT, (double) G_MAXINT));
        return TRUE;
      }

    case G_TYPE_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        /* Translators: %s says what was found; keep true and false in English */
        return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, _("expected true or false, found %s"),
                     found);
      g_value_init (value, G_TYPE_BOOLEAN);
      g_value_set_boolean (value, json_node_get_boolean (node));
      return TRUE;

    case G_TYPE_ENUM:
      {
        g_autofree char *nicks = list_nicks (field);
        int code;

        if (!node_is_string (node))
          /* Translators: the first %s lists the allowed values, the second says what was found */
          return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, _("expected one of %s; found %s"),
                       nicks, found);
        if (!lookup_nick (field, json_node_get_string (node), &code))
          /* Translators: the value found, then the list of allowed values */
          return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, _("unknown value “%s”; expected one of %s"),
                       json_node_get_string (node), nicks);
        g_value_init (value, field->enum_type ());
        g_value_set_enum (value, code);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static gboolean
fail_reference (Import        *imp,
                GError       **error,
                guint          line,
                const char    *path,
                EkvEntityKind  target,
                const char    *id)
{
  switch ((int) target)
    {
    case EKV_ENTITY_UNIT_OPERATION:
      /* Translators: %s is an id that no unit operation has */
      return fail (imp, error, EKV_JSON_ERROR_REFERENCE, line, path, _("no unit operation “%s”"), id);
    case EKV_ENTITY_FLOW:
      /* Translators: %s is an id that no flow has */
      return fail (imp, error, EKV_JSON_ERROR_REFERENCE, line, path, _("no flow “%s”"), id);
    case EKV_ENTITY_OPTION:
      /* Translators: %s is an id that no option has */
      return fail (imp, error, EKV_JSON_ERROR_REFERENCE, line, path, _("no option “%s”"), id);
    default:
      /* Translators: %s is an id that nothing has */
      return fail (imp, error, EKV_JSON_ERROR_REFERENCE, line, path, _("nothing has the id “%s”"), id);
    }
}

/* Reads NODE into field FIELD_INDEX of RECORD: JSON type, the field's own checks,
 * unique ids and references (against the lists read before, which is every list
 * a reference can point to). */
static gboolean
set_field (Import      *imp,
           EkvRecord   *record,
           guint        field_index,
           JsonNode    *node,
           const char  *record_path,
           const char  *path,
           guint        line,
           GError     **error)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  const EkvField *field = &entity->fields[field_index];
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) local = NULL;
  gboolean attached = entity->singleton;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (field->flags & EKV_FIELD_FLAG_REQUIRED)
        return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, _("a value is required here, found null"));
      /* null leaves an optional field unset; for a flow's from/to it means outside */
      return TRUE;
    }

  if (!value_from_node (imp, field, node, path, line, &value, error))
    return FALSE;

  if (!ekv_field_validate (field, &value, &local))
    return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, "%s", local->message);

  if (field->type == EKV_FIELD_ID)
    {
      const char *id = g_value_get_string (&value);
      const char *other = g_hash_table_lookup (imp->ids[entity->kind], id);

      if (other != NULL)
        /* Translators: an id, then the JSON path of the record that has it, e.g. flows[2] */
        return fail (imp, error, EKV_JSON_ERROR_DUPLICATE, line, path, _("the id “%s” is already used by %s"),
                     id, other);
      g_hash_table_insert (imp->ids[entity->kind], g_strdup (id), g_strdup (record_path));
    }
  else if (field->type == EKV_FIELD_REF)
    {
      const char *id = g_value_get_string (&value);

      if (!g_hash_table_contains (imp->ids[field->ref], id))
        return fail_reference (imp, error, line, path, field->ref, id);
    }

  if (attached)
    {
      if (!ekv_document_set_value (imp->document, record, field_index, &value, &local))
        return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, "%s", local->message);
    }
  else if (!ekv_record_set_value (record, field_index, &value, &local))
    return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, "%s", local->message);

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Records and lists                                                        */

/* The entity whose list or object sits under KEY in OWNER's JSON object (OWNER
 * EKV_ENTITY_NONE: the top level), or EKV_ENTITY_NONE. */
static EkvEntityKind
entity_under_key (EkvEntityKind  owner,
                  const char    *key)
{
  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);
      EkvEntityKind entity_owner = entity->parent != EKV_ENTITY_NONE ? entity->parent
                                                                      : entity->json_container;

      if (entity_owner == owner && g_strcmp0 (entity->json_key, key) == 0)
        return k;
    }
  return EKV_ENTITY_NONE;
}

static gboolean
is_group (const EkvEntity *entity,
          const char      *key)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (g_strcmp0 (entity->fields[i].json_group, key) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
unit_has_batches (Import     *imp,
                  const char *id)
{
  EkvRecord *unit;

  if (id == NULL)
    return FALSE;
  unit = ekv_document_find (imp->document, EKV_ENTITY_UNIT_OPERATION, id);
  return unit != NULL && ekv_record_is_set (unit, EKV_UNIT_OPERATION_BATCHES_PER_YEAR);
}

/* The rules across fields of audit-format.md. */
static gboolean
check_rules (Import      *imp,
             EkvRecord   *record,
             JsonObject  *object,
             const char  *path,
             guint        line,
             GError     **error)
{
  switch ((int) ekv_record_get_kind (record))
    {
    case EKV_ENTITY_FLOW:
      {
        const char *from = ekv_record_is_set (record, EKV_FLOW_FROM)
                           ? ekv_record_get_string (record, EKV_FLOW_FROM) : NULL;
        const char *to = ekv_record_is_set (record, EKV_FLOW_TO)
                         ? ekv_record_get_string (record, EKV_FLOW_TO) : NULL;

        if (ekv_record_get_enum (record, EKV_FLOW_KIND) == EKV_FLOW_KIND_PRODUCT && to != NULL)
          {
            g_autofree char *kind_path = join_key (path, "kind");

            return fail (imp, error, EKV_JSON_ERROR_RULE, member_line (imp, object, "kind"), kind_path,
                         /* Translators: keep product, intermediate and "to": null as they are */
                         _("a product goes to unit operation “%s”: goods passed between units are "
                           "“intermediate”; a product leaves the plant (\"to\": null)"), to);
          }

        if (ekv_record_get_enum (record, EKV_FLOW_PERIOD) == EKV_PERIOD_BATCH
            && !unit_has_batches (imp, from) && !unit_has_batches (imp, to))
          {
            g_autofree char *period_path = join_key (path, "period");
            guint period_line = member_line (imp, object, "period");

            if (from != NULL && to != NULL)
              return fail (imp, error, EKV_JSON_ERROR_RULE, period_line, period_path,
                           /* Translators: keep batch and batches_per_year; %s are unit operation ids */
                           _("a flow per batch needs batches_per_year on unit operation “%s” or “%s”"),
                           from, to);
            if (from != NULL || to != NULL)
              return fail (imp, error, EKV_JSON_ERROR_RULE, period_line, period_path,
                           /* Translators: keep batch and batches_per_year; %s is a unit operation id */
                           _("a flow per batch needs batches_per_year on unit operation “%s”"),
                           from != NULL ? from : to);
            return fail (imp, error, EKV_JSON_ERROR_RULE, period_line, period_path,
                         /* Translators: keep batch, from, to and batches_per_year */
                         _("a flow per batch needs a unit operation with batches_per_year "
                           "in from or to"));
          }
        return TRUE;
      }

    case EKV_ENTITY_CHANGE:
      {
        gboolean delta = ekv_record_is_set (record, EKV_CHANGE_DELTA);
        gboolean delta_pct = ekv_record_is_set (record, EKV_CHANGE_DELTA_PCT);

        if (delta && delta_pct)
          /* Translators: keep delta and delta_pct */
          return fail (imp, error, EKV_JSON_ERROR_RULE, line, path, _("give delta or delta_pct, not both"));
        if (!delta && !delta_pct)
          /* Translators: keep delta and delta_pct */
          return fail (imp, error, EKV_JSON_ERROR_RULE, line, path, _("give delta or delta_pct"));
        return TRUE;
      }

    default:
      return TRUE;
    }
}

static gboolean
check_required (Import      *imp,
                EkvRecord   *record,
                const char  *path,
                guint        line,
                GError     **error)
{
  const EkvEntity *entity = ekv_record_get_entity (record);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const EkvField *field = &entity->fields[i];
      g_autofree char *key = NULL;

      if (!(field->flags & EKV_FIELD_FLAG_REQUIRED) || ekv_record_is_set (record, i))
        continue;
      key = field->json_group != NULL ? g_strdup_printf ("%s.%s", field->json_group, field->json_key)
                                      : g_strdup (field->json_key);
      /* Translators: %s is a JSON key, e.g. quantity */
      return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, _("the required key “%s” is missing"), key);
    }
  return TRUE;
}

static gboolean
insert_record (Import      *imp,
               EkvRecord   *record,
               EkvRecord   *parent,
               const char  *path,
               guint        line,
               GError     **error)
{
  g_autoptr(GError) local = NULL;

  /* Everything was checked above; this only fails on what the document knows
   * better, and then still names the place. */
  if (!ekv_document_insert (imp->document, record, parent, -1, &local))
    return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, "%s", local->message);
  return TRUE;
}

static gboolean
import_list (Import        *imp,
             EkvEntityKind  kind,
             EkvRecord     *parent,
             JsonNode      *node,
             const char    *path,
             guint          line,
             GError       **error)
{
  const EkvEntity *entity = ekv_entity_get (kind);
  g_autofree char *found = describe_node (node);
  JsonArray *array;
  guint n;

  if (entity->json_shape == EKV_JSON_SHAPE_MAP)
    {
      JsonObject *object;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        /* Translators: %s says what was found */
        return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, _("expected an object, found %s"), found);

      object = json_node_get_object (node);
      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autoptr(EkvRecord) record = ekv_record_new (kind);
          g_autofree char *item_path = join_key (path, l->data);
          g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), l->data);
          guint item_line = member_line (imp, object, l->data);

          if (!set_field (imp, record, 0, key, item_path, item_path, item_line, error) ||
              !set_field (imp, record, 1, json_object_get_member (object, l->data), item_path, item_path,
                          item_line, error) ||
              !check_required (imp, record, item_path, item_line, error) ||
              !insert_record (imp, record, parent, item_path, item_line, error))
            return FALSE;
        }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    /* Translators: %s says what was found */
    return fail (imp, error, EKV_JSON_ERROR_VALUE, line, path, _("expected a list, found %s"), found);

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) record = ekv_record_new (kind);
      g_autofree char *item_path = join_index (path, i);
      JsonNode *item = json_array_get_element (array, i);
      guint item_line = element_line (imp, array, i);

      if (entity->json_shape == EKV_JSON_SHAPE_STRING)
        {
          if (!set_field (imp, record, 0, item, item_path, item_path, item_line, error) ||
              !check_required (imp, record, item_path, item_line, error) ||
              !insert_record (imp, record, parent, item_path, item_line, error))
            return FALSE;
          continue;
        }

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_autofree char *item_found = describe_node (item);

          return fail (imp, error, EKV_JSON_ERROR_VALUE, item_line, item_path,
                       _("expected an object, found %s"), item_found);
        }

      if (!import_record (imp, record, parent, json_node_get_object (item), item_path,
                          object_line (imp, json_node_get_object (item), item_line), error))
        return FALSE;
    }
  return TRUE;
}

/* Fills RECORD from OBJECT; a list record is then inserted (under PARENT), after
 * which its own lists (an option's changes, a KPI's values) follow. */
static gboolean
import_record (Import      *imp,
               EkvRecord   *record,
               EkvRecord   *parent,
               JsonObject  *object,
               const char  *path,
               guint        line,
               GError     **error)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);
      g_autofree char *key_path = join_key (path, key);
      guint key_line = member_line (imp, object, key);
      int index = ekv_entity_find_field (entity, key, NULL);

      if (index >= 0)
        {
          if (!set_field (imp, record, index, node, path, key_path, key_line, error))
            return FALSE;
        }
      else if (is_group (entity, key))
        {
          JsonObject *group;
          g_autoptr(GList) group_members = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              g_autofree char *found = describe_node (node);

              return fail (imp, error, EKV_JSON_ERROR_VALUE, key_line, key_path,
                           _("expected an object, found %s"), found);
            }

          group = json_node_get_object (node);
          group_members = json_object_get_members (group);
          for (GList *g = group_members; g != NULL; g = g->next)
            {
              g_autofree char *member_path = join_key (key_path, g->data);
              guint line_in_group = member_line (imp, group, g->data);
              int group_index = ekv_entity_find_field (entity, g->data, key);

              if (group_index < 0)
                warn (imp, line_in_group, member_path, _("unknown key"));
              else if (!set_field (imp, record, group_index, json_object_get_member (group, g->data), path,
                                   member_path, line_in_group, error))
                return FALSE;
            }
        }
      else if (entity_under_key (entity->kind, key) == EKV_ENTITY_NONE)
        warn (imp, key_line, key_path, _("unknown key"));
      /* else: a list of this record, read once the record is in the document */
    }

  if (!check_required (imp, record, path, line, error) ||
      !check_rules (imp, record, object, path, line, error))
    return FALSE;

  if (!entity->singleton && !insert_record (imp, record, parent, path, line, error))
    return FALSE;

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *list = ekv_entity_get (k);
      JsonNode *node;
      g_autofree char *list_path = NULL;

      if ((list->parent != EKV_ENTITY_NONE ? list->parent : list->json_container) != entity->kind
          || list->json_key == NULL)
        continue;
      node = json_object_get_member (object, list->json_key);
      if (node == NULL)
        continue;
      list_path = join_key (path, list->json_key);
      if (!import_list (imp, k, list->parent != EKV_ENTITY_NONE ? record : NULL, node, list_path,
                        member_line (imp, object, list->json_key), error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The whole file                                                           */

static gboolean
check_header (Import      *imp,
              JsonObject  *root,
              GError     **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "version");
  g_autofree char *found = NULL;
  double number;

  if (format == NULL)
    return fail (imp, error, EKV_JSON_ERROR_FORMAT, object_line (imp, root, 1), NULL,
                 /* Translators: keep "format": "ekoverim-audit" as it is */
                 _("not an Ekoverim audit: \"format\": \"%s\" is missing"), EKV_JSON_FORMAT);
  if (!node_is_string (format) || strcmp (json_node_get_string (format), EKV_JSON_FORMAT) != 0)
    {
      found = describe_node (format);
      return fail (imp, error, EKV_JSON_ERROR_FORMAT, member_line (imp, root, "format"), "format",
                   /* Translators: the expected value, then what was found */
                   _("expected “%s”, found %s"), EKV_JSON_FORMAT, found);
    }

  if (version == NULL)
    return fail (imp, error, EKV_JSON_ERROR_FORMAT, object_line (imp, root, 1), NULL,
                 _("the required key “%s” is missing"), "version");
  found = describe_node (version);
  number = node_is_number (version) ? node_get_number (version) : NAN;
  if (!isfinite (number) || number != floor (number) || number < 1)
    return fail (imp, error, EKV_JSON_ERROR_FORMAT, member_line (imp, root, "version"), "version",
                 /* Translators: %d is the format version this build reads, %s what was found */
                 _("expected the format version %d, found %s"), EKV_JSON_VERSION, found);
  if (number > EKV_JSON_VERSION)
    return fail (imp, error, EKV_JSON_ERROR_VERSION, member_line (imp, root, "version"), "version",
                 /* Translators: the version of the file, then the one this build reads */
                 _("this file is written in version %s of the audit format; this version of "
                   "Ekoverim reads version %d only"), found, EKV_JSON_VERSION);
  return TRUE;
}

static gboolean
import_root (Import      *imp,
             JsonNode    *root_node,
             GError     **error)
{
  JsonObject *root;
  g_autoptr(GList) members = NULL;

  if (root_node == NULL)
    return fail (imp, error, EKV_JSON_ERROR_SYNTAX, 1, NULL, _("the file is empty; expected a JSON object"));
  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_autofree char *found = describe_node (root_node);

      return fail (imp, error, EKV_JSON_ERROR_FORMAT, 1, NULL,
                   /* Translators: %s says what was found */
                   _("expected one JSON object, found %s"), found);
    }

  root = json_node_get_object (root_node);
  if (!check_header (imp, root, error))
    return FALSE;

  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    if (strcmp (l->data, "format") != 0 && strcmp (l->data, "version") != 0 &&
        entity_under_key (EKV_ENTITY_NONE, l->data) == EKV_ENTITY_NONE)
      warn (imp, member_line (imp, root, l->data), l->data, _("unknown key"));

  /* The entities' order is the order of insertion every reference needs: units
   * before flows, flows before options, options before actions. */
  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);
      JsonNode *node;
      guint line;

      if (entity->parent != EKV_ENTITY_NONE || entity->json_container != EKV_ENTITY_NONE
          || entity->json_key == NULL)
        continue;

      node = json_object_get_member (root, entity->json_key);
      line = node != NULL ? member_line (imp, root, entity->json_key) : object_line (imp, root, 1);

      if (entity->singleton)
        {
          EkvRecord *record = ekv_document_get_singleton (imp->document, k);
          g_autoptr(JsonObject) empty = json_object_new ();
          JsonObject *object;

          if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
            {
              g_autofree char *found = describe_node (node);

              return fail (imp, error, EKV_JSON_ERROR_VALUE, line, entity->json_key,
                           _("expected an object, found %s"), found);
            }
          /* An absent object is an empty one: the company still needs its name. */
          object = node != NULL ? json_node_get_object (node) : empty;
          if (!import_record (imp, record, NULL, object, entity->json_key,
                              node != NULL ? object_line (imp, object, line) : line, error))
            return FALSE;
        }
      else if (node != NULL)
        {
          if (!import_list (imp, k, NULL, node, entity->json_key, line, error))
            return FALSE;
        }
    }

  return TRUE;
}

static int
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const EkvJsonWarning *wa = *(EkvJsonWarning **) a;
  const EkvJsonWarning *wb = *(EkvJsonWarning **) b;

  return (wa->line > wb->line) - (wa->line < wb->line);
}

/* json-glib says "<data>:LINE:COLUMN: Parse error: ..."; keep its words, our place. */
static gboolean
fail_syntax (Import      *imp,
             JsonParser  *parser,
             GError      *parse_error,
             GError     **error)
{
  const char *message = parse_error->message;
  guint line = json_parser_get_current_line (parser);
  guint column;
  int skip = 0;

  if (g_str_has_prefix (message, "<data>:") &&
      sscanf (message + strlen ("<data>:"), "%u:%u: %n", &line, &column, &skip) >= 2 && skip > 0)
    message += strlen ("<data>:") + skip;

  return fail (imp, error, EKV_JSON_ERROR_SYNTAX, line, NULL, "%s", message);
}

EkvDocument *
ekv_json_import_data (const char  *data,
                      gssize       length,
                      const char  *name,
                      GPtrArray   *warnings,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(EkvDocument) document = NULL;
  g_autoptr(GError) local = NULL;
  Import imp = { 0 };
  const char *bad;
  gboolean ok = FALSE;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  imp.name = name != NULL ? name : "<data>";
  imp.lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ekv_json_warning_free);
  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    if (ekv_entity_get (k)->id_field >= 0)
      imp.ids[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!g_utf8_validate (data, length, &bad))
    {
      guint line = 1;

      for (const char *p = data; p < bad; p++)
        line += (*p == '\n');
      fail (&imp, error, EKV_JSON_ERROR_SYNTAX, line, NULL, _("not UTF-8 text: not a JSON audit"));
      goto out;
    }

  parser = json_parser_new ();
  g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), &imp);
  g_signal_connect (parser, "array-element", G_CALLBACK (array_element_cb), &imp);
  if (!json_parser_load_from_data (parser, data, length, &local))
    {
      fail_syntax (&imp, parser, local, error);
      goto out;
    }

  document = ekv_document_new ();
  imp.document = document;

  /* One transaction: far quicker than one per record, and nothing half-done. */
  if (!ekv_document_begin (document, &local))
    {
      fail (&imp, error, EKV_JSON_ERROR_IO, 1, NULL, "%s", local->message);
      goto out;
    }
  if (!import_root (&imp, json_parser_get_root (parser), error))
    {
      ekv_document_rollback (document);
      goto out;
    }
  if (!ekv_document_commit (document, &local))
    {
      fail (&imp, error, EKV_JSON_ERROR_IO, 1, NULL, "%s", local->message);
      goto out;
    }
  ok = TRUE;

out:
  /* Warnings are worth having even when an error stops the import. */
  g_ptr_array_sort (imp.warnings, compare_warnings);
  if (warnings != NULL)
    for (guint i = 0; i < imp.warnings->len; i++)
      g_ptr_array_add (warnings, g_steal_pointer (&imp.warnings->pdata[i]));
  g_ptr_array_unref (imp.warnings);   /* frees what was not handed over */
  g_hash_table_unref (imp.lines);
  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    g_clear_pointer (&imp.ids[k], g_hash_table_unref);

  return ok ? g_steal_pointer (&document) : NULL;
}

EkvDocument *
ekv_json_import_file (GFile       *file,
                      const char  *name,
                      GPtrArray   *warnings,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *parse_name = NULL;
  g_autoptr(GError) local = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = parse_name = g_file_get_parse_name (file);

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, EKV_JSON_ERROR, EKV_JSON_ERROR_IO, "%s: %s", name, _("no such file"));
      else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        g_set_error (error, EKV_JSON_ERROR, EKV_JSON_ERROR_IO, "%s: %s", name, _("a folder, not a file"));
      else
        g_set_error (error, EKV_JSON_ERROR, EKV_JSON_ERROR_IO, "%s: %s", name, local->message);
      return NULL;
    }

  return ekv_json_import_data (contents, length, name, warnings, error);
}

void
ekv_json_warning_free (EkvJsonWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->path);
  g_free (warning->message);
  g_free (warning);
}
