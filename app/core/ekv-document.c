/* ekv-document.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-document.h"
#include "ekv-investment.h"

struct _EkvDocument
{
  GObject      parent_instance;

  EkvStore    *store;
  EkvRecord   *singletons[EKV_N_ENTITIES];
  GListStore  *lists[EKV_N_ENTITIES];     /* entities without a parent record */
  GHashTable  *ids[EKV_N_ENTITIES];       /* id → EkvRecord, for entities with ids */

  guint        depth;                     /* nesting of ekv_document_begin() */
  GArray      *journal;                   /* UndoStep: how to undo this transaction in memory */
  gboolean     changed_pending;           /* an edit inside the transaction */
};

G_DEFINE_FINAL_TYPE (EkvDocument, ekv_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  ERROR,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef void (*RecordFunc) (EkvRecord *record,
                            gpointer   user_data);

static void
foreach_record (EkvDocument  *self,
                EkvEntityKind kind,
                RecordFunc    func,
                gpointer      user_data)
{
  const EkvEntity *entity = ekv_entity_get (kind);
  GListModel *list;
  guint n;

  if (entity->singleton)
    {
      func (self->singletons[kind], user_data);
      return;
    }

  if (entity->parent == EKV_ENTITY_NONE)
    {
      list = G_LIST_MODEL (self->lists[kind]);
      n = g_list_model_get_n_items (list);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(EkvRecord) record = g_list_model_get_item (list, i);
          func (record, user_data);
        }
      return;
    }

  list = G_LIST_MODEL (self->lists[entity->parent]);
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EkvRecord) parent = g_list_model_get_item (list, i);
      GListModel *children = ekv_record_get_children (parent, kind);
      guint m = g_list_model_get_n_items (children);

      for (guint j = 0; j < m; j++)
        {
          g_autoptr(EkvRecord) record = g_list_model_get_item (children, j);
          func (record, user_data);
        }
    }
}

static GListStore *
list_of (EkvDocument *self,
         EkvRecord   *record)
{
  EkvEntityKind kind = ekv_record_get_kind (record);
  EkvRecord *parent = ekv_record_get_parent (record);

  if (parent != NULL)
    return _ekv_record_get_child_store (parent, kind);
  return self->lists[kind];
}

static gboolean
find_position (GListStore *list,
               EkvRecord  *record,
               guint      *position)
{
  return g_list_store_find (list, record, position);
}

static const char *
entity_label (EkvEntityKind kind)
{
  return _(ekv_entity_get (kind)->label);
}

/* Checks a value as ekv_field_validate() does, plus what needs the document:
 * unique ids and existing references. */
static gboolean
validate_value (EkvDocument  *self,
                EkvRecord    *record,
                guint         field_index,
                const GValue *value,
                GError      **error)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  const EkvField *field = &entity->fields[field_index];
  const char *text;

  if (value == NULL)
    {
      if (field->flags & EKV_FIELD_FLAG_REQUIRED)
        {
          g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_REQUIRED,
                       /* Translators: %s is a field label, e.g. "Name" */
                       _("%s is required"), _(field->label));
          return FALSE;
        }
      return TRUE;
    }

  if (!ekv_field_validate (field, value, error))
    return FALSE;

  if (field->type == EKV_FIELD_ID)
    {
      EkvRecord *other;

      text = g_value_get_string (value);
      other = g_hash_table_lookup (self->ids[entity->kind], text);
      if (other != NULL && other != record)
        {
          g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_DUPLICATE,
                       /* Translators: an entity such as "Flow", then an id such as "f12" */
                       _("Another %s already has the id “%s”"),
                       entity_label (entity->kind), text);
          return FALSE;
        }
    }
  else if (field->type == EKV_FIELD_REF)
    {
      text = g_value_get_string (value);
      if (text != NULL && g_hash_table_lookup (self->ids[field->ref], text) == NULL)
        {
          g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_REFERENCE,
                       /* Translators: an entity such as "Unit operation", then an id */
                       _("There is no %s with the id “%s”"), entity_label (field->ref), text);
          return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  EkvEntityKind target;
  const char   *old_id;
  const char   *new_id;
  EkvRecord    *user;      /* first record found that refers to old_id */
  guint         user_field;
  EkvDocument  *document;  /* rename_reference: journals what it changes */
} RefSearch;

/* The journal of a transaction: what each edit changed in memory, so that a
 * rollback (asked for, or forced by a failed COMMIT such as a full disk) puts
 * the objects back exactly as the file is. */
typedef enum
{
  UNDO_VALUE,   /* a field's value changed */
  UNDO_INSERT,  /* a record was inserted */
  UNDO_REMOVE,  /* a record (and its children) was removed */
  UNDO_MOVE,    /* a record moved within its list */
} UndoKind;

typedef struct
{
  EkvRecord *record;
  gint64     key;
} KeptKey;

typedef struct
{
  UndoKind   kind;
  EkvRecord *record;
  guint      field;      /* UNDO_VALUE */
  gboolean   was_set;    /* UNDO_VALUE */
  GValue     old_value;  /* UNDO_VALUE, when was_set */
  EkvRecord *parent;     /* UNDO_REMOVE */
  guint      position;   /* UNDO_REMOVE: where it was; UNDO_MOVE: where it came from */
  GArray    *keys;       /* UNDO_REMOVE: KeptKey of the record and its descendants */
} UndoStep;

static void
undo_step_clear (gpointer data)
{
  UndoStep *step = data;

  g_clear_object (&step->record);
  g_clear_object (&step->parent);
  if (G_IS_VALUE (&step->old_value))
    g_value_unset (&step->old_value);
  if (step->keys != NULL)
    {
      for (guint i = 0; i < step->keys->len; i++)
        g_object_unref (g_array_index (step->keys, KeptKey, i).record);
      g_clear_pointer (&step->keys, g_array_unref);
    }
}

static UndoStep *
journal_add (EkvDocument *self,
             UndoKind     kind,
             EkvRecord   *record)
{
  UndoStep step = { 0 };

  if (self->depth == 0)
    return NULL;

  if (self->journal == NULL)
    {
      self->journal = g_array_new (FALSE, TRUE, sizeof (UndoStep));
      g_array_set_clear_func (self->journal, undo_step_clear);
    }

  step.kind = kind;
  step.record = g_object_ref (record);
  g_array_append_val (self->journal, step);

  return &g_array_index (self->journal, UndoStep, self->journal->len - 1);
}

/* Stores VALUE in RECORD's memory, journalling the old value in a transaction. */
static void
store_value (EkvDocument  *self,
             EkvRecord    *record,
             guint         field,
             const GValue *value)
{
  UndoStep *step = journal_add (self, UNDO_VALUE, record);

  if (step != NULL)
    {
      step->field = field;
      step->was_set = ekv_record_is_set (record, field);
      if (step->was_set)
        ekv_record_get_value (record, field, &step->old_value);
    }

  _ekv_record_store_value (record, field, value);
}

static void
keep_keys (EkvRecord *record,
           GArray    *keys)
{
  EkvEntityKind children[4];
  guint n_children = ekv_entity_get_children (ekv_record_get_kind (record), children,
                                              G_N_ELEMENTS (children));
  KeptKey kept = { g_object_ref (record), _ekv_record_get_key (record) };

  g_array_append_val (keys, kept);
  for (guint c = 0; c < n_children; c++)
    {
      GListModel *list = ekv_record_get_children (record, children[c]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(EkvRecord) child = g_list_model_get_item (list, i);
          keep_keys (child, keys);
        }
    }
}

static void
note_changed (EkvDocument *self)
{
  if (self->depth > 0)
    self->changed_pending = TRUE;
  else
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
rename_reference (EkvRecord *record,
                  gpointer   user_data)
{
  RefSearch *search = user_data;
  const EkvEntity *entity = ekv_record_get_entity (record);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const EkvField *field = &entity->fields[i];

      if (field->type == EKV_FIELD_REF && field->ref == search->target &&
          g_strcmp0 (ekv_record_get_string (record, i), search->old_id) == 0)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, search->new_id);
          /* The store already changed through ON UPDATE CASCADE. */
          store_value (search->document, record, i, &value);
        }
    }
}

static void
find_reference (EkvRecord *record,
                gpointer   user_data)
{
  RefSearch *search = user_data;
  const EkvEntity *entity = ekv_record_get_entity (record);

  if (search->user != NULL)
    return;

  for (guint i = 0; i < entity->n_fields; i++)
    {
      const EkvField *field = &entity->fields[i];

      if (field->type == EKV_FIELD_REF && field->ref == search->target &&
          g_strcmp0 (ekv_record_get_string (record, i), search->old_id) == 0)
        {
          search->user = record;
          search->user_field = i;
          return;
        }
    }
}

/* Every entity that has a REF field pointing at TARGET. */
static void
foreach_referring_entity (EkvDocument  *self,
                          EkvEntityKind target,
                          RecordFunc    func,
                          gpointer      user_data)
{
  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);

      for (guint i = 0; i < entity->n_fields; i++)
        if (entity->fields[i].type == EKV_FIELD_REF && entity->fields[i].ref == target)
          {
            foreach_record (self, k, func, user_data);
            break;
          }
    }
}

static gboolean
commit_value (EkvDocument  *self,
              EkvRecord    *record,
              guint         field_index,
              const GValue *value,
              GError      **error)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  const EkvField *field = &entity->fields[field_index];
  g_autofree char *old_id = NULL;

  /* An empty reference means "none" (a flow from outside the plant). */
  if (value != NULL && field->type == EKV_FIELD_REF && !(field->flags & EKV_FIELD_FLAG_REQUIRED))
    {
      const char *text = g_value_get_string (value);

      if (text == NULL || *text == '\0')
        value = NULL;
    }

  if (!validate_value (self, record, field_index, value, error))
    return FALSE;

  if (!ekv_store_update (self->store, record, field_index, value, error))
    return FALSE;

  if (field->type == EKV_FIELD_ID)
    {
      old_id = g_strdup (ekv_record_get_string (record, field_index));
      g_hash_table_remove (self->ids[entity->kind], old_id);
      g_hash_table_insert (self->ids[entity->kind], g_value_dup_string (value), record);
    }

  store_value (self, record, field_index, value);

  if (old_id != NULL && g_strcmp0 (old_id, ekv_record_get_string (record, field_index)) != 0)
    {
      RefSearch search = { entity->kind, old_id, ekv_record_get_string (record, field_index) };

      search.document = self;
      foreach_referring_entity (self, entity->kind, rename_reference, &search);
    }

  note_changed (self);
  return TRUE;
}

static gboolean
record_commit_cb (EkvRecord    *record,
                  guint         field,
                  const GValue *value,
                  gpointer      user_data,
                  GError      **error)
{
  EkvDocument *self = user_data;
  g_autoptr(GError) local_error = NULL;

  /* Through the public path: values that follow this one follow it. */
  if (ekv_document_set_value (self, record, field, value, &local_error))
    return TRUE;

  /* A NULL error means nobody is there to show it: report through the signal. */
  if (error == NULL)
    g_signal_emit (self, signals[ERROR], 0, local_error);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

static void
attach (EkvDocument *self,
        EkvRecord   *record)
{
  const EkvEntity *entity = ekv_record_get_entity (record);

  _ekv_record_set_commit_func (record, record_commit_cb, self);
  if (entity->id_field >= 0)
    g_hash_table_insert (self->ids[entity->kind],
                         g_strdup (ekv_record_get_string (record, entity->id_field)), record);
}

static void
detach (EkvDocument *self,
        EkvRecord   *record)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  EkvEntityKind children[4];
  guint n_children = ekv_entity_get_children (entity->kind, children, G_N_ELEMENTS (children));

  for (guint c = 0; c < n_children; c++)
    {
      GListModel *list = ekv_record_get_children (record, children[c]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(EkvRecord) child = g_list_model_get_item (list, i);
          detach (self, child);
        }
    }

  _ekv_record_set_commit_func (record, NULL, NULL);
  _ekv_record_set_key (record, 0);
  if (entity->id_field >= 0)
    g_hash_table_remove (self->ids[entity->kind],
                         ekv_record_get_string (record, entity->id_field));
}

static gboolean
load (EkvDocument *self,
      GError     **error)
{
  /* Parents come before their children in EkvEntityKind order. */
  GHashTable *by_key[EKV_N_ENTITIES] = { NULL };
  gboolean ok = TRUE;

  for (guint k = 0; k < EKV_N_ENTITIES && ok; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GArray) parent_keys = NULL;

      by_key[k] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      records = ekv_store_load (self->store, k, &parent_keys, error);
      if (records == NULL)
        {
          ok = FALSE;
          break;
        }

      for (guint i = 0; i < records->len; i++)
        {
          EkvRecord *record = g_ptr_array_index (records, i);
          gint64 parent_key = g_array_index (parent_keys, gint64, i);
          gint64 key = _ekv_record_get_key (record);

          if (entity->singleton)
            g_set_object (&self->singletons[k], record);
          else if (entity->parent == EKV_ENTITY_NONE)
            g_list_store_append (self->lists[k], record);
          else
            {
              EkvRecord *parent = g_hash_table_lookup (by_key[entity->parent], &parent_key);

              g_assert (parent != NULL); /* guaranteed by the foreign key */
              _ekv_record_set_parent (record, parent);
              g_list_store_append (_ekv_record_get_child_store (parent, k), record);
            }

          g_hash_table_insert (by_key[k], g_memdup2 (&key, sizeof key), record);
          attach (self, record);
        }

      if (entity->singleton && self->singletons[k] == NULL)
        {
          g_set_error (error, EKV_STORE_ERROR, EKV_STORE_ERROR_CORRUPT,
                       _("The document has no %s record"), entity_label (k));
          ok = FALSE;
        }
    }

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    g_clear_pointer (&by_key[k], g_hash_table_unref);

  return ok;
}

static EkvDocument *
document_new_for_store (EkvStore *store,
                        GError  **error)
{
  g_autoptr(EkvDocument) self = g_object_new (EKV_TYPE_DOCUMENT, NULL);

  self->store = store;
  if (!load (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* A record, and its children, stop committing to the document: whoever still
 * holds one has a free record. */
static void
release (EkvRecord *record)
{
  EkvEntityKind children[4];
  guint n_children = ekv_entity_get_children (ekv_record_get_kind (record), children,
                                              G_N_ELEMENTS (children));

  _ekv_record_set_commit_func (record, NULL, NULL);
  for (guint c = 0; c < n_children; c++)
    {
      GListModel *list = ekv_record_get_children (record, children[c]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(EkvRecord) child = g_list_model_get_item (list, i);
          release (child);
        }
    }
}

static void
ekv_document_dispose (GObject *object)
{
  EkvDocument *self = EKV_DOCUMENT (object);

  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      if (self->singletons[k] != NULL)
        release (self->singletons[k]);
      g_clear_object (&self->singletons[k]);
      if (self->lists[k] != NULL)
        {
          GListModel *list = G_LIST_MODEL (self->lists[k]);

          for (guint i = 0; i < g_list_model_get_n_items (list); i++)
            {
              g_autoptr(EkvRecord) record = g_list_model_get_item (list, i);
              release (record);
            }
        }
      g_clear_object (&self->lists[k]);
      g_clear_pointer (&self->ids[k], g_hash_table_unref);
    }
  g_clear_object (&self->store);
  g_clear_pointer (&self->journal, g_array_unref);

  G_OBJECT_CLASS (ekv_document_parent_class)->dispose (object);
}

static void
ekv_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  EkvDocument *self = EKV_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, ekv_document_get_path (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, ekv_document_is_read_only (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_document_class_init (EkvDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ekv_document_dispose;
  object_class->get_property = ekv_document_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EkvDocument::error:
   * @error: why an edit made through a record's property was refused
   *
   * The record keeps its old value and notifies, so bound widgets show it again.
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * EkvDocument::changed:
   *
   * Something in the audit changed: emitted once after every edit that was
   * stored, or once when a transaction is committed or rolled back. Views that
   * show figures computed over the whole audit recompute on it.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
ekv_document_init (EkvDocument *self)
{
  for (guint k = 0; k < EKV_N_ENTITIES; k++)
    {
      const EkvEntity *entity = ekv_entity_get (k);

      if (!entity->singleton && entity->parent == EKV_ENTITY_NONE)
        self->lists[k] = g_list_store_new (ekv_entity_get_record_type (k));
      if (entity->id_field >= 0)
        self->ids[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
}

EkvDocument *
ekv_document_copy (EkvDocument  *self,
                   GError      **error)
{
  EkvStore *store;

  g_return_val_if_fail (EKV_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = ekv_store_copy_to_memory (self->store, error);
  if (store == NULL)
    return NULL;

  return document_new_for_store (store, error);
}

EkvDocument *
ekv_document_new (void)
{
  g_autoptr(GError) error = NULL;
  EkvStore *store = ekv_store_new_memory (&error);
  EkvDocument *self;

  /* An in-memory database only fails when memory runs out. */
  if (store == NULL)
    g_error ("Cannot create an in-memory document: %s", error->message);

  self = document_new_for_store (store, &error);
  if (self == NULL)
    g_error ("Cannot load an in-memory document: %s", error->message);

  return self;
}

EkvDocument *
ekv_document_open (const char        *path,
                   EkvStoreOpenFlags  flags,
                   GError           **error)
{
  EkvStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  store = ekv_store_open (path, flags, error);
  if (store == NULL)
    return NULL;

  return document_new_for_store (store, error);
}

EkvDocument *
ekv_document_create (const char *path,
                     GError    **error)
{
  EkvStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  store = ekv_store_create (path, error);
  if (store == NULL)
    return NULL;

  return document_new_for_store (store, error);
}

const char *
ekv_document_get_path (EkvDocument *self)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), NULL);

  return ekv_store_get_path (self->store);
}

gboolean
ekv_document_is_read_only (EkvDocument *self)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);

  return ekv_store_is_read_only (self->store);
}

EkvStore *
ekv_document_get_store (EkvDocument *self)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), NULL);

  return self->store;
}

EkvRecord *
ekv_document_get_singleton (EkvDocument  *self,
                            EkvEntityKind kind)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind >= 0 && kind < EKV_N_ENTITIES, NULL);
  g_return_val_if_fail (ekv_entity_get (kind)->singleton, NULL);

  return self->singletons[kind];
}

EkvRecord *
ekv_document_get_company (EkvDocument *self)
{
  return ekv_document_get_singleton (self, EKV_ENTITY_COMPANY);
}

EkvRecord *
ekv_document_get_audit (EkvDocument *self)
{
  return ekv_document_get_singleton (self, EKV_ENTITY_AUDIT);
}

EkvRecord *
ekv_document_get_finance (EkvDocument *self)
{
  return ekv_document_get_singleton (self, EKV_ENTITY_FINANCE);
}

GListModel *
ekv_document_get_list (EkvDocument  *self,
                       EkvEntityKind kind)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind >= 0 && kind < EKV_N_ENTITIES, NULL);
  g_return_val_if_fail (self->lists[kind] != NULL, NULL);

  return G_LIST_MODEL (self->lists[kind]);
}

GListModel *
ekv_document_get_list_of (EkvDocument  *self,
                          EkvEntityKind kind,
                          EkvRecord    *parent)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), NULL);

  if (parent == NULL)
    return ekv_document_get_list (self, kind);

  g_return_val_if_fail (EKV_IS_RECORD (parent), NULL);
  return ekv_record_get_children (parent, kind);
}

EkvRecord *
ekv_document_find (EkvDocument  *self,
                   EkvEntityKind kind,
                   const char   *id)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (kind >= 0 && kind < EKV_N_ENTITIES, NULL);
  g_return_val_if_fail (self->ids[kind] != NULL, NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->ids[kind], id);
}

static gboolean
record_belongs_here (EkvDocument *self,
                     EkvRecord   *record)
{
  GListStore *list;
  EkvEntityKind kind = ekv_record_get_kind (record);

  if (ekv_entity_get (kind)->singleton)
    return self->singletons[kind] == record;

  list = list_of (self, record);
  return list != NULL && _ekv_record_get_key (record) != 0 && find_position (list, record, NULL);
}

static gboolean
set_value (EkvDocument  *self,
           EkvRecord    *record,
           guint         field,
           const GValue *value,
           GError      **error)
{
  g_auto(GValue) converted = G_VALUE_INIT;

  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);
  g_return_val_if_fail (field < ekv_record_get_entity (record)->n_fields, FALSE);
  g_return_val_if_fail (record_belongs_here (self, record), FALSE);

  if (value != NULL)
    {
      GType type = ekv_field_get_gtype (&ekv_record_get_entity (record)->fields[field]);

      if (G_VALUE_TYPE (value) != type)
        {
          g_value_init (&converted, type);
          if (!g_value_transform (value, &converted))
            g_return_val_if_reached (FALSE);
          value = &converted;
        }
    }

  return commit_value (self, record, field, value, error);
}

static gboolean
insert (EkvDocument *self,
        EkvRecord   *record,
        EkvRecord   *parent,
        int          position,
        GError     **error)
{
  const EkvEntity *entity;
  GListStore *list;
  EkvEntityKind children[4];
  guint n_children, n_items;

  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);
  g_return_val_if_fail (_ekv_record_get_key (record) == 0, FALSE);

  entity = ekv_record_get_entity (record);
  g_return_val_if_fail (!entity->singleton, FALSE);

  if (entity->parent != EKV_ENTITY_NONE)
    {
      g_return_val_if_fail (EKV_IS_RECORD (parent), FALSE);
      g_return_val_if_fail (ekv_record_get_kind (parent) == entity->parent, FALSE);
      g_return_val_if_fail (record_belongs_here (self, parent), FALSE);
      list = _ekv_record_get_child_store (parent, entity->kind);
    }
  else
    {
      g_return_val_if_fail (parent == NULL, FALSE);
      list = self->lists[entity->kind];
    }

  n_children = ekv_entity_get_children (entity->kind, children, G_N_ELEMENTS (children));
  for (guint c = 0; c < n_children; c++)
    g_return_val_if_fail (g_list_model_get_n_items (ekv_record_get_children (record, children[c])) == 0,
                          FALSE);

  for (guint i = 0; i < entity->n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      gboolean set = ekv_record_is_set (record, i);

      if (set)
        ekv_record_get_value (record, i, &value);
      if (!validate_value (self, record, i, set ? &value : NULL, error))
        return FALSE;
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (position < 0 || (guint) position > n_items)
    position = n_items;

  if (!ekv_store_insert (self->store, record,
                         parent != NULL ? _ekv_record_get_key (parent) : 0, position, error))
    return FALSE;

  _ekv_record_set_parent (record, parent);
  attach (self, record);
  g_list_store_insert (list, position, record);
  journal_add (self, UNDO_INSERT, record);
  note_changed (self);

  return TRUE;
}

static gboolean
remove_record (EkvDocument *self,
               EkvRecord   *record,
               GError     **error)
{
  const EkvEntity *entity;
  GListStore *list;
  guint position;
  g_autoptr(EkvRecord) hold = NULL;

  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);
  g_return_val_if_fail (record_belongs_here (self, record), FALSE);

  entity = ekv_record_get_entity (record);
  g_return_val_if_fail (!entity->singleton, FALSE);

  if (entity->id_field >= 0)
    {
      RefSearch search = { entity->kind, ekv_record_get_string (record, entity->id_field) };

      foreach_referring_entity (self, entity->kind, find_reference, &search);
      if (search.user != NULL)
        {
          const EkvEntity *user = ekv_record_get_entity (search.user);
          const char *user_id = user->id_field >= 0
                                  ? ekv_record_get_string (search.user, user->id_field)
                                  : NULL;

          if (user_id == NULL && ekv_record_get_parent (search.user) != NULL)
            {
              EkvRecord *owner = ekv_record_get_parent (search.user);
              const EkvEntity *owner_entity = ekv_record_get_entity (owner);

              user = owner_entity;
              user_id = ekv_record_get_string (owner, owner_entity->id_field);
            }

          if (user_id != NULL)
            g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_IN_USE,
                         /* Translators: e.g. "Unit operation “u3” is used by Flow “f12”" */
                         _("%s “%s” is used by %s “%s”; change that first"),
                         entity_label (entity->kind), search.old_id,
                         _(user->label), user_id);
          else
            g_set_error (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_IN_USE,
                         /* Translators: e.g. "Option “o3” is still used (Action); change that first" */
                         _("%s “%s” is still used (%s); change that first"),
                         entity_label (entity->kind), search.old_id, _(user->label));
          return FALSE;
        }
    }

  if (!ekv_store_delete (self->store, record, error))
    return FALSE;

  list = list_of (self, record);
  hold = g_object_ref (record);
  if (!find_position (list, record, &position))
    g_return_val_if_reached (FALSE);
  if (self->depth > 0)
    {
      UndoStep *step = journal_add (self, UNDO_REMOVE, record);

      step->parent = ekv_record_get_parent (record) != NULL
                       ? g_object_ref (ekv_record_get_parent (record)) : NULL;
      step->position = position;
      step->keys = g_array_new (FALSE, FALSE, sizeof (KeptKey));
      keep_keys (record, step->keys);
    }
  detach (self, record);
  g_list_store_remove (list, position);
  _ekv_record_set_parent (record, NULL);
  note_changed (self);

  return TRUE;
}

/* Values that follow others: an option's investment is the sum of its items
 * (ekv-investment.h). An edit of an item and the new sum are one transaction. */

/* The option whose investment an edit of RECORD (in PARENT) changes, or NULL. */
static EkvRecord *
investment_option (EkvRecord *record,
                   EkvRecord *parent)
{
  if (ekv_record_get_kind (record) != EKV_ENTITY_INVESTMENT_ITEM)
    return NULL;
  return parent != NULL ? parent : ekv_record_get_parent (record);
}

static gboolean
begin_edit (EkvDocument  *self,
            EkvRecord    *option,
            GError      **error)
{
  return option == NULL || ekv_document_begin (self, error);
}

/* Ends what begin_edit() began: OK is whether the edit itself went through (a
 * refused edit changed nothing, so its level is simply committed). */
static gboolean
end_edit (EkvDocument  *self,
          EkvRecord    *option,
          gboolean      ok,
          GError      **error)
{
  g_autoptr(GError) ignored = NULL;

  if (option == NULL)
    return ok;

  if (ok && ekv_investment_has_items (option) &&
      ekv_record_get_double (option, EKV_OPTION_INVESTMENT) != ekv_investment_sum (option))
    {
      g_auto(GValue) sum = G_VALUE_INIT;

      g_value_init (&sum, G_TYPE_DOUBLE);
      g_value_set_double (&sum, ekv_investment_sum (option));
      if (!commit_value (self, option, EKV_OPTION_INVESTMENT, &sum, error))
        {
          ekv_document_rollback (self);
          return FALSE;
        }
    }

  if (!ekv_document_commit (self, ok ? error : &ignored))
    return FALSE;
  return ok;
}

gboolean
ekv_document_set_value (EkvDocument  *self,
                        EkvRecord    *record,
                        guint         field,
                        const GValue *value,
                        GError      **error)
{
  EkvRecord *option;
  gboolean ok;

  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);

  if (ekv_record_get_kind (record) == EKV_ENTITY_OPTION && field == EKV_OPTION_INVESTMENT &&
      ekv_investment_has_items (record))
    {
      g_set_error_literal (error, EKV_ENTITY_ERROR, EKV_ENTITY_ERROR_INVALID,
                           _("The investment is the sum of its items; change the items instead"));
      return FALSE;
    }

  option = investment_option (record, NULL);
  if (!begin_edit (self, option, error))
    return FALSE;
  ok = set_value (self, record, field, value, error);
  return end_edit (self, option, ok, error);
}

gboolean
ekv_document_insert (EkvDocument *self,
                     EkvRecord   *record,
                     EkvRecord   *parent,
                     int          position,
                     GError     **error)
{
  EkvRecord *option;
  gboolean ok;

  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);

  option = investment_option (record, parent);
  if (!begin_edit (self, option, error))
    return FALSE;
  ok = insert (self, record, parent, position, error);
  return end_edit (self, option, ok, error);
}

gboolean
ekv_document_remove (EkvDocument *self,
                     EkvRecord   *record,
                     GError     **error)
{
  g_autoptr(EkvRecord) option = NULL;
  gboolean ok;

  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);

  option = investment_option (record, NULL);
  if (option != NULL)
    g_object_ref (option);
  if (!begin_edit (self, option, error))
    return FALSE;
  ok = remove_record (self, record, error);
  return end_edit (self, option, ok, error);
}

gboolean
ekv_document_move (EkvDocument *self,
                   EkvRecord   *record,
                   guint        position,
                   GError     **error)
{
  GListStore *list;
  guint from, n;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(EkvRecord) hold = NULL;

  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);
  g_return_val_if_fail (record_belongs_here (self, record), FALSE);

  list = list_of (self, record);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_return_val_if_fail (position < n, FALSE);

  if (!find_position (list, record, &from) || from == position)
    return TRUE;

  order = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    if (i != from)
      g_ptr_array_add (order, g_list_model_get_item (G_LIST_MODEL (list), i));
  g_ptr_array_insert (order, position, g_object_ref (record));

  if (!ekv_store_reorder (self->store, ekv_record_get_kind (record),
                          (EkvRecord **) order->pdata, order->len, error))
    return FALSE;

  hold = g_object_ref (record);
  g_list_store_remove (list, from);
  g_list_store_insert (list, position, record);
  if (self->depth > 0)
    journal_add (self, UNDO_MOVE, record)->position = from;
  note_changed (self);

  return TRUE;
}

EkvRecord *
ekv_document_duplicate (EkvDocument *self,
                        EkvRecord   *record,
                        const char  *id_prefix,
                        GError     **error)
{
  const EkvEntity *entity;
  g_autoptr(EkvRecord) copy = NULL;
  g_autofree char *id = NULL;
  guint position;

  g_return_val_if_fail (EKV_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (EKV_IS_RECORD (record), NULL);
  g_return_val_if_fail (record_belongs_here (self, record), NULL);
  g_return_val_if_fail (id_prefix != NULL, NULL);

  entity = ekv_record_get_entity (record);
  g_return_val_if_fail (entity->parent == EKV_ENTITY_NONE && !entity->singleton, NULL);
  g_return_val_if_fail (entity->id_field >= 0, NULL);

  if (!find_position (self->lists[entity->kind], record, &position))
    g_return_val_if_reached (NULL);

  copy = ekv_record_new (entity->kind);
  for (guint i = 0; i < entity->n_fields; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((int) i == entity->id_field || !ekv_record_is_set (record, i))
        continue;
      ekv_record_get_value (record, i, &value);
      ekv_record_set_value (copy, i, &value, NULL);
    }
  id = ekv_document_new_id (self, entity->kind, id_prefix);
  ekv_record_set_string (copy, entity->id_field, id);

  if (!ekv_document_insert (self, copy, NULL, position + 1, error))
    return NULL;

  return copy; /* the document holds it */
}

char *
ekv_document_new_id (EkvDocument  *self,
                     EkvEntityKind kind,
                     const char   *prefix)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (self->ids[kind] != NULL, NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", prefix, n);

      if (!g_hash_table_contains (self->ids[kind], id))
        return g_steal_pointer (&id);
    }
}

/* Attaches RECORD and its descendants again with the keys they had. */
static void
reattach (EkvDocument *self,
          EkvRecord   *record,
          GArray      *keys)
{
  EkvEntityKind children[4];
  guint n_children = ekv_entity_get_children (ekv_record_get_kind (record), children,
                                              G_N_ELEMENTS (children));

  for (guint i = 0; i < keys->len; i++)
    if (g_array_index (keys, KeptKey, i).record == record)
      _ekv_record_set_key (record, g_array_index (keys, KeptKey, i).key);
  attach (self, record);

  for (guint c = 0; c < n_children; c++)
    {
      GListModel *list = ekv_record_get_children (record, children[c]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(EkvRecord) child = g_list_model_get_item (list, i);
          reattach (self, child, keys);
        }
    }
}

static void
undo (EkvDocument *self,
      UndoStep    *step)
{
  EkvRecord *record = step->record;
  const EkvEntity *entity = ekv_record_get_entity (record);
  GListStore *list;
  guint position;

  switch (step->kind)
    {
    case UNDO_VALUE:
      if (entity->fields[step->field].type == EKV_FIELD_ID)
        {
          g_hash_table_remove (self->ids[entity->kind],
                               ekv_record_get_string (record, step->field));
          g_hash_table_insert (self->ids[entity->kind],
                               g_value_dup_string (&step->old_value), record);
        }
      _ekv_record_store_value (record, step->field, step->was_set ? &step->old_value : NULL);
      break;

    case UNDO_INSERT:
      list = list_of (self, record);
      detach (self, record);
      if (find_position (list, record, &position))
        g_list_store_remove (list, position);
      _ekv_record_set_parent (record, NULL);
      break;

    case UNDO_REMOVE:
      _ekv_record_set_parent (record, step->parent);
      reattach (self, record, step->keys);
      list = list_of (self, record);
      g_list_store_insert (list, MIN (step->position,
                                      g_list_model_get_n_items (G_LIST_MODEL (list))),
                           record);
      break;

    case UNDO_MOVE:
      list = list_of (self, record);
      if (find_position (list, record, &position))
        {
          g_autoptr(EkvRecord) hold = g_object_ref (record);

          g_list_store_remove (list, position);
          g_list_store_insert (list, step->position, record);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The store rolled back: put memory back, newest edit first. */
static void
unwind (EkvDocument *self)
{
  g_autoptr(GArray) journal = g_steal_pointer (&self->journal);
  gboolean changed = self->changed_pending;

  self->depth = 0;
  self->changed_pending = FALSE;

  if (journal != NULL)
    for (guint i = journal->len; i > 0; i--)
      undo (self, &g_array_index (journal, UndoStep, i - 1));

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
ekv_document_begin (EkvDocument *self,
                    GError     **error)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);

  if (!ekv_store_begin (self->store, error))
    return FALSE;

  self->depth++;
  return TRUE;
}

gboolean
ekv_document_commit (EkvDocument *self,
                     GError     **error)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (!ekv_store_commit (self->store, error))
    {
      /* The store gave the whole transaction up (a full disk, say): so do we. */
      unwind (self);
      return FALSE;
    }

  if (--self->depth > 0)
    return TRUE;

  g_clear_pointer (&self->journal, g_array_unref);
  if (self->changed_pending)
    {
      self->changed_pending = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }

  return TRUE;
}

void
ekv_document_rollback (EkvDocument *self)
{
  g_return_if_fail (EKV_IS_DOCUMENT (self));

  ekv_store_rollback (self->store);
  unwind (self);
}

gboolean
ekv_document_save_copy (EkvDocument *self,
                        const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (EKV_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return ekv_store_save_copy (self->store, path, error);
}
