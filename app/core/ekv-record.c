/* ekv-record.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ekv-record.h"

#define MAX_CHILD_KINDS 4

typedef struct
{
  GValue              *values;
  guint64              set_mask;
  gint64               key;
  EkvRecord           *parent;  /* weak */
  EkvEntityKind        child_kinds[MAX_CHILD_KINDS];
  GListStore          *children[MAX_CHILD_KINDS];
  guint                n_children;
  EkvRecordCommitFunc  commit;
  gpointer             commit_data;
} EkvRecordPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (EkvRecord, ekv_record, G_TYPE_OBJECT)

static GType record_types[EKV_N_ENTITIES];

static inline const EkvEntity *
record_entity (EkvRecord *self)
{
  return EKV_RECORD_GET_CLASS (self)->entity;
}

static void
init_default (const EkvField *field,
              GValue         *value)
{
  g_value_init (value, ekv_field_get_gtype (field));

  switch (G_TYPE_FUNDAMENTAL (ekv_field_get_gtype (field)))
    {
    case G_TYPE_STRING:
      g_value_set_static_string (value, field->default_string);
      break;
    case G_TYPE_DOUBLE:
      g_value_set_double (value, field->default_value);
      break;
    case G_TYPE_INT:
      g_value_set_int (value, (int) field->default_value);
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, field->default_value != 0);
      break;
    case G_TYPE_ENUM:
      g_value_set_enum (value, (int) field->default_value);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  GType type = G_VALUE_TYPE (a);

  if (type != G_VALUE_TYPE (b))
    return FALSE;
  if (type == G_TYPE_STRING)
    return g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) == 0;
  if (type == G_TYPE_DOUBLE)
    {
      double x = g_value_get_double (a), y = g_value_get_double (b);
      return memcmp (&x, &y, sizeof x) == 0;
    }
  if (type == G_TYPE_INT)
    return g_value_get_int (a) == g_value_get_int (b);
  if (type == G_TYPE_BOOLEAN)
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (G_TYPE_IS_ENUM (type))
    return g_value_get_enum (a) == g_value_get_enum (b);

  g_assert_not_reached ();
}

static void
ekv_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EkvRecord *self = EKV_RECORD (object);
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);
  guint field = prop_id - 1;

  g_assert (field < record_entity (self)->n_fields);
  g_value_copy (&priv->values[field], value);
}

static void
ekv_record_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EkvRecord *self = EKV_RECORD (object);

  /* With no GError to hand back, a refused edit goes to the document's "error" signal
   * (the commit function's convention for a NULL error), and the record notifies so
   * bound widgets show the kept value again. */
  if (!ekv_record_set_value (self, prop_id - 1, value, NULL))
    g_object_notify_by_pspec (object, pspec);
}

static void
ekv_record_dispose (GObject *object)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (EKV_RECORD (object));

  for (guint i = 0; i < priv->n_children; i++)
    g_clear_object (&priv->children[i]);
  priv->n_children = 0;
  if (priv->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (priv->parent), (gpointer *) &priv->parent);
  priv->parent = NULL;
  priv->commit = NULL;

  G_OBJECT_CLASS (ekv_record_parent_class)->dispose (object);
}

static void
ekv_record_finalize (GObject *object)
{
  EkvRecord *self = EKV_RECORD (object);
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);
  const EkvEntity *entity = record_entity (self);

  for (guint i = 0; i < entity->n_fields; i++)
    g_value_unset (&priv->values[i]);
  g_free (priv->values);

  G_OBJECT_CLASS (ekv_record_parent_class)->finalize (object);
}

static void
ekv_record_class_init (EkvRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ekv_record_get_property;
  object_class->set_property = ekv_record_set_property;
  object_class->dispose = ekv_record_dispose;
  object_class->finalize = ekv_record_finalize;
}

static void
ekv_record_init (EkvRecord *self)
{
}

/* Runs for each entity subtype, after ekv_record_init (): the entity is known here. */
static void
entity_instance_init (GTypeInstance *instance,
                      gpointer       g_class)
{
  EkvRecord *self = EKV_RECORD (instance);
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);
  const EkvEntity *entity = EKV_RECORD_CLASS (g_class)->entity;
  EkvEntityKind kinds[MAX_CHILD_KINDS];

  priv->values = g_new0 (GValue, entity->n_fields);
  for (guint i = 0; i < entity->n_fields; i++)
    init_default (&entity->fields[i], &priv->values[i]);

  priv->n_children = ekv_entity_get_children (entity->kind, kinds, MAX_CHILD_KINDS);
  g_assert (priv->n_children <= MAX_CHILD_KINDS);
  for (guint i = 0; i < priv->n_children; i++)
    {
      priv->child_kinds[i] = kinds[i];
      priv->children[i] = g_list_store_new (ekv_entity_get_record_type (kinds[i]));
    }
}

static GParamSpec *
field_pspec (const EkvField *field)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  /* Ranges are checked by ekv_field_validate() with a message for the user, not by
   * GObject, which would only warn. */
  switch (G_TYPE_FUNDAMENTAL (ekv_field_get_gtype (field)))
    {
    case G_TYPE_STRING:
      return g_param_spec_string (field->property, NULL, NULL, field->default_string, flags);
    case G_TYPE_DOUBLE:
      return g_param_spec_double (field->property, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE,
                                  field->default_value, flags);
    case G_TYPE_INT:
      return g_param_spec_int (field->property, NULL, NULL, G_MININT, G_MAXINT,
                               (int) field->default_value, flags);
    case G_TYPE_BOOLEAN:
      return g_param_spec_boolean (field->property, NULL, NULL, field->default_value != 0, flags);
    case G_TYPE_ENUM:
      return g_param_spec_enum (field->property, NULL, NULL, field->enum_type (),
                                (int) field->default_value, flags);
    default:
      g_assert_not_reached ();
    }
}

static void
entity_class_init (gpointer g_class,
                   gpointer class_data)
{
  EkvRecordClass *klass = EKV_RECORD_CLASS (g_class);
  const EkvEntity *entity = class_data;

  klass->entity = entity;
  /* GObject does not inherit these two for a class that installs properties. */
  G_OBJECT_CLASS (g_class)->get_property = ekv_record_get_property;
  G_OBJECT_CLASS (g_class)->set_property = ekv_record_set_property;
  for (guint i = 0; i < entity->n_fields; i++)
    g_object_class_install_property (G_OBJECT_CLASS (g_class), i + 1,
                                     field_pspec (&entity->fields[i]));
}

GType
ekv_entity_get_record_type (EkvEntityKind kind)
{
  static gsize initialized = 0;

  g_return_val_if_fail (kind >= 0 && kind < EKV_N_ENTITIES, G_TYPE_INVALID);

  if (g_once_init_enter (&initialized))
    {
      for (guint k = 0; k < EKV_N_ENTITIES; k++)
        {
          const EkvEntity *entity = ekv_entity_get (k);
          GTypeInfo info = {
            .class_size = sizeof (EkvRecordClass),
            .class_init = entity_class_init,
            .class_data = entity,
            .instance_size = sizeof (EkvRecord),
            .instance_init = entity_instance_init,
          };

          record_types[k] = g_type_register_static (EKV_TYPE_RECORD, entity->type_name,
                                                    &info, G_TYPE_FLAG_FINAL);
        }
      g_once_init_leave (&initialized, 1);
    }

  return record_types[kind];
}

EkvRecord *
ekv_record_new (EkvEntityKind kind)
{
  return g_object_new (ekv_entity_get_record_type (kind), NULL);
}

const EkvEntity *
ekv_record_get_entity (EkvRecord *self)
{
  g_return_val_if_fail (EKV_IS_RECORD (self), NULL);

  return record_entity (self);
}

EkvEntityKind
ekv_record_get_kind (EkvRecord *self)
{
  g_return_val_if_fail (EKV_IS_RECORD (self), EKV_ENTITY_NONE);

  return record_entity (self)->kind;
}

gboolean
ekv_record_is_set (EkvRecord *self,
                   guint      field)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);

  g_return_val_if_fail (EKV_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field < record_entity (self)->n_fields, FALSE);

  return (priv->set_mask & (G_GUINT64_CONSTANT (1) << field)) != 0;
}

static const GValue *
peek_value (EkvRecord *self,
            guint      field,
            GType      type)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);

  g_return_val_if_fail (field < record_entity (self)->n_fields, NULL);
  g_return_val_if_fail (G_VALUE_HOLDS (&priv->values[field], type), NULL);

  return &priv->values[field];
}

const char *
ekv_record_get_string (EkvRecord *self,
                       guint      field)
{
  const GValue *value;

  g_return_val_if_fail (EKV_IS_RECORD (self), NULL);
  value = peek_value (self, field, G_TYPE_STRING);
  return value ? g_value_get_string (value) : NULL;
}

double
ekv_record_get_double (EkvRecord *self,
                       guint      field)
{
  const GValue *value;

  g_return_val_if_fail (EKV_IS_RECORD (self), NAN);
  value = peek_value (self, field, G_TYPE_DOUBLE);
  return value ? g_value_get_double (value) : NAN;
}

int
ekv_record_get_int (EkvRecord *self,
                    guint      field)
{
  const GValue *value;

  g_return_val_if_fail (EKV_IS_RECORD (self), 0);
  value = peek_value (self, field, G_TYPE_INT);
  return value ? g_value_get_int (value) : 0;
}

gboolean
ekv_record_get_bool (EkvRecord *self,
                     guint      field)
{
  const GValue *value;

  g_return_val_if_fail (EKV_IS_RECORD (self), FALSE);
  value = peek_value (self, field, G_TYPE_BOOLEAN);
  return value ? g_value_get_boolean (value) : FALSE;
}

int
ekv_record_get_enum (EkvRecord *self,
                     guint      field)
{
  const GValue *value;

  g_return_val_if_fail (EKV_IS_RECORD (self), 0);
  value = peek_value (self, field, G_TYPE_ENUM);
  return value ? g_value_get_enum (value) : 0;
}

void
ekv_record_get_value (EkvRecord *self,
                      guint      field,
                      GValue    *value)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);

  g_return_if_fail (EKV_IS_RECORD (self));
  g_return_if_fail (field < record_entity (self)->n_fields);

  if (G_VALUE_TYPE (value) == G_TYPE_INVALID)
    g_value_init (value, G_VALUE_TYPE (&priv->values[field]));
  g_value_copy (&priv->values[field], value);
}

void
_ekv_record_store_value (EkvRecord    *self,
                         guint         field,
                         const GValue *value)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);
  const EkvField *def = &record_entity (self)->fields[field];
  guint64 bit = G_GUINT64_CONSTANT (1) << field;
  gboolean was_set = (priv->set_mask & bit) != 0;
  g_auto(GValue) next = G_VALUE_INIT;

  if (value != NULL)
    {
      g_value_init (&next, G_VALUE_TYPE (&priv->values[field]));
      g_value_copy (value, &next);
    }
  else
    init_default (def, &next);

  if (was_set == (value != NULL) && values_equal (&priv->values[field], &next))
    return;

  g_value_unset (&priv->values[field]);
  priv->values[field] = next;
  memset (&next, 0, sizeof next);
  if (value != NULL)
    priv->set_mask |= bit;
  else
    priv->set_mask &= ~bit;

  g_object_notify (G_OBJECT (self), def->property);
}

static gboolean
set_or_unset (EkvRecord    *self,
              guint         field,
              const GValue *value,
              GError      **error)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);

  if (priv->commit != NULL)
    {
      /* The document validates and stores, then calls _ekv_record_store_value (). */
      return priv->commit (self, field, value, priv->commit_data, error);
    }

  if (value != NULL && !ekv_field_validate (&record_entity (self)->fields[field], value, error))
    return FALSE;

  _ekv_record_store_value (self, field, value);
  return TRUE;
}

gboolean
ekv_record_set_value (EkvRecord    *self,
                      guint         field,
                      const GValue *value,
                      GError      **error)
{
  g_auto(GValue) converted = G_VALUE_INIT;
  GType type;

  g_return_val_if_fail (EKV_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field < record_entity (self)->n_fields, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  type = ekv_field_get_gtype (&record_entity (self)->fields[field]);
  if (G_VALUE_TYPE (value) != type)
    {
      g_value_init (&converted, type);
      if (!g_value_transform (value, &converted))
        g_return_val_if_reached (FALSE);
      value = &converted;
    }

  return set_or_unset (self, field, value, error);
}

gboolean
ekv_record_unset (EkvRecord *self,
                  guint      field,
                  GError   **error)
{
  g_return_val_if_fail (EKV_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field < record_entity (self)->n_fields, FALSE);

  return set_or_unset (self, field, NULL, error);
}

#define DEFINE_SETTER(name, ctype, gtype, setter)                     \
  void                                                                \
  ekv_record_set_##name (EkvRecord *self,                             \
                         guint      field,                            \
                         ctype      value)                            \
  {                                                                   \
    g_auto(GValue) v = G_VALUE_INIT;                                  \
                                                                      \
    g_return_if_fail (EKV_IS_RECORD (self));                          \
    g_return_if_fail (field < record_entity (self)->n_fields);        \
                                                                      \
    g_value_init (&v, gtype);                                         \
    setter (&v, value);                                               \
    ekv_record_set_value (self, field, &v, NULL);                     \
  }

DEFINE_SETTER (string, const char *, G_TYPE_STRING, g_value_set_string)
DEFINE_SETTER (double, double, G_TYPE_DOUBLE, g_value_set_double)
DEFINE_SETTER (int, int, G_TYPE_INT, g_value_set_int)
DEFINE_SETTER (bool, gboolean, G_TYPE_BOOLEAN, g_value_set_boolean)

void
ekv_record_set_enum (EkvRecord *self,
                     guint      field,
                     int        value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_return_if_fail (EKV_IS_RECORD (self));
  g_return_if_fail (field < record_entity (self)->n_fields);
  g_return_if_fail (record_entity (self)->fields[field].type == EKV_FIELD_ENUM);

  g_value_init (&v, record_entity (self)->fields[field].enum_type ());
  g_value_set_enum (&v, value);
  ekv_record_set_value (self, field, &v, NULL);
}

GListModel *
ekv_record_get_children (EkvRecord    *self,
                         EkvEntityKind child_kind)
{
  g_return_val_if_fail (EKV_IS_RECORD (self), NULL);

  return G_LIST_MODEL (_ekv_record_get_child_store (self, child_kind));
}

GListStore *
_ekv_record_get_child_store (EkvRecord    *self,
                             EkvEntityKind child_kind)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);

  for (guint i = 0; i < priv->n_children; i++)
    if (priv->child_kinds[i] == child_kind)
      return priv->children[i];

  return NULL;
}

EkvRecord *
ekv_record_get_parent (EkvRecord *self)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);

  g_return_val_if_fail (EKV_IS_RECORD (self), NULL);

  return priv->parent;
}

void
_ekv_record_set_parent (EkvRecord *self,
                        EkvRecord *parent)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);

  if (priv->parent == parent)
    return;
  if (priv->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (priv->parent), (gpointer *) &priv->parent);
  priv->parent = parent;
  if (parent != NULL)
    g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &priv->parent);
}

gint64
_ekv_record_get_key (EkvRecord *self)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);

  return priv->key;
}

void
_ekv_record_set_key (EkvRecord *self,
                     gint64     key)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);

  priv->key = key;
}

void
_ekv_record_set_commit_func (EkvRecord          *self,
                             EkvRecordCommitFunc func,
                             gpointer            user_data)
{
  EkvRecordPrivate *priv = ekv_record_get_instance_private (self);

  priv->commit = func;
  priv->commit_data = user_data;
}
