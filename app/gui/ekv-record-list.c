/* ekv-record-list.c: a preferences group editing one list of records
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The rows follow the document's list model. A record of one field (a
 * certification) is a single entry row; a larger one (a product, a team member) is
 * a row titled by its name that opens into an expander holding one row per field:
 * entry rows for text, numbers and dates, combo rows for enums, switches for
 * yes/no. The entity descriptor (ekv-entity.c) decides which.
 *
 * A page can ask for more: move buttons on each row ("reorderable"), ids for new
 * records ("id-prefix"), a subtitle of its own making, and the first word when a
 * record cannot be removed ("remove-failed").
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-field-row.h"
#include "ekv-gui-util.h"
#include "ekv-record-list.h"
#include "ekv-util.h"

struct _EkvRecordList
{
  AdwPreferencesGroup  parent_instance;

  GtkWidget           *list_box;
  GtkWidget           *add_button;
  GtkWidget           *add_content;
  GtkWidget           *placeholder;

  EkvDocument         *document;
  EkvEntityKind        kind;
  char                *entity;
  char                *new_name;
  char                *subtitle_key;
  char                *id_prefix;
  gboolean             reorderable;

  EkvRecordListSubtitleFunc subtitle_func;
  gpointer             subtitle_data;
  GDestroyNotify       subtitle_destroy;
};

G_DEFINE_FINAL_TYPE (EkvRecordList, ekv_record_list, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_ENTITY,
  PROP_NEW_NAME,
  PROP_EMPTY_TEXT,
  PROP_ADD_LABEL,
  PROP_SUBTITLE_KEY,
  PROP_ID_PREFIX,
  PROP_REORDERABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REMOVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers {{{ */

static int
name_field (const EkvEntity *entity)
{
  for (guint i = 0; i < entity->n_fields; i++)
    if (entity->fields[i].type == EKV_FIELD_STRING)
      return i;

  return -1;
}

static gboolean
name_to_title (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *name = g_value_get_string (from);

  g_value_set_string (to, name && *name ? name : _("Unnamed"));
  return TRUE;
}

static GtkWidget *
field_row_new (EkvDocument    *document,
               EkvRecord      *record,
               const EkvField *field)
{
  const char *title = g_dgettext (GETTEXT_PACKAGE, field->label);
  GtkWidget *row;

  switch (field->type)
    {
    case EKV_FIELD_ENUM:
      row = ekv_gui_enum_row_new (record, field->property, field->enum_type (), title);
      gtk_widget_set_sensitive (row, !ekv_document_is_read_only (document));
      return row;

    case EKV_FIELD_BOOL:
      row = ekv_gui_switch_row_new (record, field->property, title);
      gtk_widget_set_sensitive (row, !ekv_document_is_read_only (document));
      return row;

    case EKV_FIELD_STRING:
    case EKV_FIELD_DOUBLE:
    case EKV_FIELD_INT:
    case EKV_FIELD_DATE:
    case EKV_FIELD_MONTH:
    case EKV_FIELD_ID:
    case EKV_FIELD_REF:
    case EKV_FIELD_CURRENCY:
    default:
      row = ekv_field_row_new (field->property);
      ekv_field_row_set_source (EKV_FIELD_ROW (row), document, record);
      return row;
    }
}

static GtkWidget *
remove_button_new (EkvRecordList *self,
                   EkvRecord     *record);
static GtkWidget *
move_buttons_new  (EkvRecordList *self,
                   EkvRecord     *record,
                   GtkWidget     *row);
static void
update_move_buttons (EkvRecordList *self);

/* Shows a record's name (and SUBTITLE-KEY) on a row, as the user typed them. */
static void
bind_summary (EkvRecordList *self,
              EkvRecord     *record,
              GtkWidget     *row)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  int name = name_field (entity);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (name >= 0)
    g_object_bind_property_full (record, entity->fields[name].property, row, "title",
                                 G_BINDING_SYNC_CREATE, name_to_title, NULL, NULL, NULL);
  if (self->subtitle_key != NULL)
    g_object_bind_property (record, self->subtitle_key, row, "subtitle", G_BINDING_SYNC_CREATE);
  else if (self->subtitle_func != NULL)
    {
      g_autofree char *subtitle = self->subtitle_func (record, row, self->subtitle_data);

      g_object_set (row, "subtitle", subtitle != NULL ? subtitle : "", NULL);
    }
}

/* The editor of one record: an expander row with a row per field. */
static GtkWidget *
expander_row_new (EkvRecordList *self,
                  EkvRecord     *record)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  GtkWidget *row = adw_expander_row_new ();

  bind_summary (self, record, row);
  /* Actions are packed from the end: Move, then Remove. */
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove_button_new (self, record));
  if (self->reorderable)
    adw_expander_row_add_action (ADW_EXPANDER_ROW (row), move_buttons_new (self, record, row));
  for (guint i = 0; i < entity->n_fields; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              field_row_new (self->document, record, &entity->fields[i]));

  return row;
}

static void summary_activated_cb (EkvRecordList *self,
                                  AdwActionRow  *summary);

/* Until it is opened, a record is a plain row that looks like a closed expander:
 * a team of twelve would otherwise cost twelve expanders and sixty entry rows
 * before the page can show. */
static GtkWidget *
row_new (EkvRecordList *self,
         EkvRecord     *record)
{
  const EkvEntity *entity = ekv_record_get_entity (record);
  GtkWidget *row;
  GtkWidget *arrow;

  if (entity->n_fields == 1)
    {
      row = field_row_new (self->document, record, &entity->fields[0]);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove_button_new (self, record));
      return row;
    }

  row = adw_action_row_new ();
  bind_summary (self, record, row);
  if (self->reorderable)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), move_buttons_new (self, record, row));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove_button_new (self, record));
  arrow = gtk_image_new_from_icon_name ("adw-expander-arrow-symbolic");
  gtk_widget_add_css_class (arrow, "expander-row-arrow");
  gtk_widget_add_css_class (arrow, "ekv-closed-arrow");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "ekv-record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (row, "activated", G_CALLBACK (summary_activated_cb), self,
                           G_CONNECT_SWAPPED);

  return row;
}

/* Replaces the summary row at INDEX by the record's open editor. */
static GtkWidget *
open_row (EkvRecordList *self,
          int            index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), index);
  EkvRecord *record;
  GtkWidget *expander;

  if (row == NULL || !ADW_IS_ACTION_ROW (row))
    return GTK_WIDGET (row);

  record = g_object_get_data (G_OBJECT (row), "ekv-record");
  expander = expander_row_new (self, record);
  gtk_list_box_remove (GTK_LIST_BOX (self->list_box), GTK_WIDGET (row));
  gtk_list_box_insert (GTK_LIST_BOX (self->list_box), expander, index);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  update_move_buttons (self);

  return expander;
}

/* The entry row under ROOT that edits KEY, or NULL. */
static GtkWidget *
find_field_row (GtkWidget  *root,
                const char *key)
{
  if (EKV_IS_FIELD_ROW (root))
    return g_strcmp0 (ekv_field_row_get_key (EKV_FIELD_ROW (root)), key) == 0 ? root : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_field_row (child, key);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first record cannot move up, nor the last one down. */
static void
update_move_buttons (EkvRecordList *self)
{
  GtkListBox *list_box = GTK_LIST_BOX (self->list_box);
  gboolean editable;
  GtkListBoxRow *row;

  if (!self->reorderable || self->document == NULL)
    return;

  editable = !ekv_document_is_read_only (self->document);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (list_box, i)) != NULL; i++)
    {
      GtkWidget *up = g_object_get_data (G_OBJECT (row), "ekv-move-up");
      GtkWidget *down = g_object_get_data (G_OBJECT (row), "ekv-move-down");

      if (up != NULL)
        gtk_widget_set_sensitive (up, editable && i > 0);
      if (down != NULL)
        gtk_widget_set_sensitive (down, editable &&
                                  gtk_list_box_get_row_at_index (list_box, i + 1) != NULL);
    }
}

static void
items_changed_cb (EkvRecordList *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *list)
{
  GtkListBox *list_box = GTK_LIST_BOX (self->list_box);

  for (guint i = 0; i < removed; i++)
    gtk_list_box_remove (list_box, GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, position)));

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(EkvRecord) record = g_list_model_get_item (list, position + i);
      gtk_list_box_insert (list_box, row_new (self, record), position + i);
    }

  update_move_buttons (self);
}

/* }}} */
/* Callbacks {{{ */

typedef struct
{
  EkvDocument *document;
  EkvRecord   *record;
  EkvRecord   *parent;
  guint        position;
} Removal;

static void
removal_free (gpointer data)
{
  Removal *removal = data;

  g_clear_object (&removal->document);
  g_clear_object (&removal->record);
  g_clear_object (&removal->parent);
  g_free (removal);
}

static void
removal_closure_notify (gpointer  data,
                        GClosure *closure)
{
  removal_free (data);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Removal  *removal)
{
  g_autoptr(GError) error = NULL;

  /* Put the same record back where it was, with every value it had. */
  if (!ekv_document_insert (removal->document, removal->record, removal->parent,
                            removal->position, &error))
    g_warning ("Could not undo a removal: %s", error->message);
}

static void
remove_record (EkvRecordList *self,
               EkvRecord     *record)
{
  g_autoptr(GError) error = NULL;
  EkvRecord *parent = ekv_record_get_parent (record);
  GListModel *list = ekv_document_get_list_of (self->document, ekv_record_get_kind (record), parent);
  GtkWidget *overlay;
  Removal *removal;
  AdwToast *toast;
  EkvEntityKind children[4];
  guint position = 0;

  g_list_store_find (G_LIST_STORE (list), record, &position);
  removal = g_new0 (Removal, 1);
  removal->document = g_object_ref (self->document);
  removal->record = g_object_ref (record);
  removal->parent = parent != NULL ? g_object_ref (parent) : NULL;
  removal->position = position;

  if (!ekv_document_remove (self->document, record, &error))
    {
      gboolean handled = FALSE;

      removal_free (removal);
      g_signal_emit (self, signals[REMOVE_FAILED], 0, record, error, &handled);
      if (!handled)
        ekv_gui_toast (GTK_WIDGET (self), error->message);
      return;
    }

  /* A removal is one click: offer it back. Records with children of their own
   * would come back without them, so those get no Undo. */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL ||
      ekv_entity_get_children (ekv_record_get_kind (record), children, G_N_ELEMENTS (children)) > 0)
    {
      removal_free (removal);
      return;
    }

  toast = adw_toast_new (_("Removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), removal,
                         removal_closure_notify, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
remove_clicked_cb (EkvRecordList *self,
                   GtkButton     *button)
{
  remove_record (self, g_object_get_data (G_OBJECT (button), "ekv-record"));
}

static GtkWidget *
remove_button_new (EkvRecordList *self,
                   EkvRecord     *record)
{
  GtkWidget *button = ekv_gui_record_button_new ("user-trash-symbolic", _("Remove"), record,
                                                 !ekv_document_is_read_only (self->document));

  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  return button;
}

static void
move_clicked_cb (EkvRecordList *self,
                 GtkButton     *button)
{
  EkvRecord *record = g_object_get_data (G_OBJECT (button), "ekv-record");
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "ekv-delta"));
  GtkListBoxRow *row;
  GtkWidget *moved;
  guint position;

  if (!ekv_record_list_move (self, record, delta))
    return;

  /* The moved record has a new row: keep the focus on its button, so that pressing
   * it again moves the record on. */
  g_list_store_find (G_LIST_STORE (ekv_document_get_list (self->document, self->kind)),
                     record, &position);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), position);
  if (row == NULL)
    return;
  moved = g_object_get_data (G_OBJECT (row), delta < 0 ? "ekv-move-up" : "ekv-move-down");
  if (moved == NULL || !gtk_widget_get_sensitive (moved))
    moved = GTK_WIDGET (row);
  gtk_widget_grab_focus (moved);
}

static GtkWidget *
move_button_new (EkvRecordList *self,
                 EkvRecord     *record,
                 GtkWidget     *row,
                 int            delta)
{
  GtkWidget *button = gtk_button_new_from_icon_name (delta < 0 ? "go-up-symbolic"
                                                               : "go-down-symbolic");

  gtk_widget_add_css_class (button, "flat");
  /* Translators: the keys that do the same are shown beside the tooltip */
  gtk_widget_set_tooltip_text (button, delta < 0 ? _("Move Up (Alt+Up)") : _("Move Down (Alt+Down)"));
  g_object_set_data_full (G_OBJECT (button), "ekv-record", g_object_ref (record), g_object_unref);
  g_object_set_data (G_OBJECT (button), "ekv-delta", GINT_TO_POINTER (delta));
  g_object_set_data (G_OBJECT (row), delta < 0 ? "ekv-move-up" : "ekv-move-down", button);
  g_signal_connect_object (button, "clicked", G_CALLBACK (move_clicked_cb), self,
                           G_CONNECT_SWAPPED);

  return button;
}

/* Up above down, small: not to be taken for the expander's arrow. */
static GtkWidget *
move_buttons_new (EkvRecordList *self,
                  EkvRecord     *record,
                  GtkWidget     *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "ekv-move-buttons");
  gtk_box_append (GTK_BOX (box), move_button_new (self, record, row, -1));
  gtk_box_append (GTK_BOX (box), move_button_new (self, record, row, 1));

  return box;
}

/* Alt+Up and Alt+Down move the record whose row has the focus, as its buttons do,
 * unless the focus is in one of its fields, where the keys belong to the text. */
static gboolean
key_pressed_cb (EkvRecordList         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  g_autoptr(EkvRecord) record = NULL;
  GtkWidget *focus;
  GtkWidget *row = NULL;
  GtkListBoxRow *moved;
  int delta, index;

  if (!self->reorderable || self->document == NULL || ekv_document_is_read_only (self->document) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != GDK_ALT_MASK)
    return FALSE;

  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    delta = -1;
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    delta = 1;
  else
    return FALSE;

  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (focus == NULL || gtk_widget_get_ancestor (focus, EKV_TYPE_FIELD_ROW) != NULL ||
      gtk_widget_get_ancestor (focus, GTK_TYPE_TEXT) != NULL)
    return FALSE;
  for (GtkWidget *w = focus; w != NULL && w != self->list_box; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_parent (w) == self->list_box && GTK_IS_LIST_BOX_ROW (w))
      row = w;
  if (row == NULL)
    return FALSE;

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  record = g_list_model_get_item (ekv_document_get_list (self->document, self->kind), index);
  if (record == NULL || !ekv_record_list_move (self, record, delta))
    return TRUE;

  moved = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), index + delta);
  if (moved != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (moved));

  return TRUE;
}

static void
summary_activated_cb (EkvRecordList *self,
                      AdwActionRow  *summary)
{
  GtkWidget *expander = open_row (self, gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (summary)));

  gtk_widget_grab_focus (expander);
}

static void
add_clicked_cb (EkvRecordList *self)
{
  ekv_record_list_add (self);
}

/* }}} */
/* GObject {{{ */

static void
ekv_record_list_dispose (GObject *object)
{
  EkvRecordList *self = EKV_RECORD_LIST (object);

  g_clear_object (&self->document);
  if (self->subtitle_destroy != NULL)
    g_clear_pointer (&self->subtitle_data, self->subtitle_destroy);
  self->subtitle_func = NULL;

  G_OBJECT_CLASS (ekv_record_list_parent_class)->dispose (object);
}

static void
ekv_record_list_finalize (GObject *object)
{
  EkvRecordList *self = EKV_RECORD_LIST (object);

  g_free (self->entity);
  g_free (self->new_name);
  g_free (self->subtitle_key);
  g_free (self->id_prefix);

  G_OBJECT_CLASS (ekv_record_list_parent_class)->finalize (object);
}

static void
ekv_record_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EkvRecordList *self = EKV_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_ENTITY:
      g_value_set_string (value, self->entity);
      break;
    case PROP_NEW_NAME:
      g_value_set_string (value, self->new_name);
      break;
    case PROP_EMPTY_TEXT:
      g_value_set_string (value, gtk_label_get_text (GTK_LABEL (self->placeholder)));
      break;
    case PROP_ADD_LABEL:
      g_value_set_string (value, adw_button_content_get_label (ADW_BUTTON_CONTENT (self->add_content)));
      break;
    case PROP_SUBTITLE_KEY:
      g_value_set_string (value, self->subtitle_key);
      break;
    case PROP_ID_PREFIX:
      g_value_set_string (value, self->id_prefix);
      break;
    case PROP_REORDERABLE:
      g_value_set_boolean (value, self->reorderable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_record_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EkvRecordList *self = EKV_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_ENTITY:
      ekv_set_string (&self->entity, g_value_get_string (value));
      self->kind = EKV_ENTITY_NONE;
      for (guint k = 0; k < EKV_N_ENTITIES; k++)
        if (g_strcmp0 (ekv_entity_get (k)->table, self->entity) == 0)
          self->kind = k;
      g_warn_if_fail (self->kind != EKV_ENTITY_NONE);
      break;
    case PROP_NEW_NAME:
      ekv_set_string (&self->new_name, g_value_get_string (value));
      break;
    case PROP_EMPTY_TEXT:
      gtk_label_set_text (GTK_LABEL (self->placeholder), g_value_get_string (value));
      break;
    case PROP_ADD_LABEL:
      adw_button_content_set_label (ADW_BUTTON_CONTENT (self->add_content),
                                    g_value_get_string (value));
      break;
    case PROP_SUBTITLE_KEY:
      ekv_set_string (&self->subtitle_key, g_value_get_string (value));
      break;
    case PROP_ID_PREFIX:
      ekv_set_string (&self->id_prefix, g_value_get_string (value));
      break;
    case PROP_REORDERABLE:
      self->reorderable = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_record_list_class_init (EkvRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ekv_record_list_dispose;
  object_class->finalize = ekv_record_list_finalize;
  object_class->get_property = ekv_record_list_get_property;
  object_class->set_property = ekv_record_list_set_property;

  /* The entity's table name: "products", "team_members", ... */
  properties[PROP_ENTITY] =
    g_param_spec_string ("entity", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* The name a new record starts with, e.g. "New product". */
  properties[PROP_NEW_NAME] =
    g_param_spec_string ("new-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  properties[PROP_EMPTY_TEXT] =
    g_param_spec_string ("empty-text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  properties[PROP_ADD_LABEL] =
    g_param_spec_string ("add-label", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  /* A text property of the records shown under their name, e.g. "position". */
  properties[PROP_SUBTITLE_KEY] =
    g_param_spec_string ("subtitle-key", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* New records of an entity with ids get "PREFIX1", "PREFIX2", ...: "u" for units. */
  properties[PROP_ID_PREFIX] =
    g_param_spec_string ("id-prefix", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  /* Each row has Move Up and Move Down buttons: the list's order is the records'. */
  properties[PROP_REORDERABLE] =
    g_param_spec_boolean ("reorderable", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The document refused to remove RECORD (ERROR says why, e.g. it is still in
   * use). A handler that deals with it returns TRUE; otherwise the message is
   * shown as a toast. */
  signals[REMOVE_FAILED] =
    g_signal_new ("remove-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 2, EKV_TYPE_RECORD, G_TYPE_ERROR);
}

static void
ekv_record_list_init (EkvRecordList *self)
{
  GtkEventController *key;

  self->kind = EKV_ENTITY_NONE;

  self->add_content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (self->add_content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (self->add_content), _("Add"));
  self->add_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->add_button), self->add_content);
  gtk_widget_add_css_class (self->add_button, "flat");
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->add_button);

  self->placeholder = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->placeholder), TRUE);
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_add_css_class (self->placeholder, "ekv-list-placeholder");

  self->list_box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list_box), GTK_SELECTION_NONE);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (self->list_box), self->placeholder);
  gtk_widget_add_css_class (self->list_box, "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->list_box);

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->list_box, key);
}

/* }}} */
/* Public API {{{ */

void
ekv_record_list_set_document (EkvRecordList *self,
                              EkvDocument   *document)
{
  g_return_if_fail (EKV_IS_RECORD_LIST (self));
  g_return_if_fail (self->kind != EKV_ENTITY_NONE);

  GtkWidget *child;
  GListModel *list;

  if (!g_set_object (&self->document, document))
    return;

  while ((child = gtk_widget_get_first_child (self->list_box)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list_box), child);
  if (document == NULL)
    return;

  list = ekv_document_get_list (document, self->kind);
  g_signal_connect_object (list, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  items_changed_cb (self, 0, 0, g_list_model_get_n_items (list), list);
  gtk_widget_set_sensitive (self->add_button, !ekv_document_is_read_only (document));
}

EkvRecord *
ekv_record_list_add (EkvRecordList *self)
{
  g_autoptr(EkvRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const EkvEntity *entity;
  GtkListBoxRow *row;
  GListModel *list;
  int name;

  g_return_val_if_fail (EKV_IS_RECORD_LIST (self), NULL);
  g_return_val_if_fail (self->document != NULL, NULL);

  record = ekv_record_new (self->kind);
  entity = ekv_record_get_entity (record);
  name = name_field (entity);
  if (name >= 0 && self->new_name != NULL)
    ekv_record_set_string (record, name, self->new_name);
  if (entity->id_field >= 0 && self->id_prefix != NULL)
    {
      g_autofree char *id = ekv_document_new_id (self->document, self->kind, self->id_prefix);
      ekv_record_set_string (record, entity->id_field, id);
    }

  if (!ekv_document_insert (self->document, record, NULL, -1, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return NULL;
    }

  /* Open the new row with the focus in its name, selected to be typed over: what
   * the user types next (a space too) must not go to the Add button. */
  list = ekv_document_get_list (self->document, self->kind);
  row = GTK_LIST_BOX_ROW (open_row (self, g_list_model_get_n_items (list) - 1));
  if (row != NULL)
    {
      GtkWidget *name_row = NULL;

      if (name >= 0)
        name_row = find_field_row (GTK_WIDGET (row), entity->fields[name].property);
      gtk_widget_grab_focus (name_row != NULL ? name_row : GTK_WIDGET (row));
    }

  return record;
}

void
ekv_record_list_remove (EkvRecordList *self,
                        EkvRecord     *record)
{
  g_return_if_fail (EKV_IS_RECORD_LIST (self));
  g_return_if_fail (self->document != NULL);
  g_return_if_fail (EKV_IS_RECORD (record));

  remove_record (self, record);
}

gboolean
ekv_record_list_move (EkvRecordList *self,
                      EkvRecord     *record,
                      int            delta)
{
  g_autoptr(GError) error = NULL;
  GListModel *list;
  guint position;
  gint64 to;

  g_return_val_if_fail (EKV_IS_RECORD_LIST (self), FALSE);
  g_return_val_if_fail (self->document != NULL, FALSE);
  g_return_val_if_fail (EKV_IS_RECORD (record), FALSE);

  list = ekv_document_get_list_of (self->document, ekv_record_get_kind (record),
                                   ekv_record_get_parent (record));
  if (!g_list_store_find (G_LIST_STORE (list), record, &position))
    return FALSE;

  to = (gint64) position + delta;
  if (to < 0 || to >= g_list_model_get_n_items (list))
    return FALSE;

  if (!ekv_document_move (self->document, record, (guint) to, &error))
    {
      ekv_gui_toast (GTK_WIDGET (self), error->message);
      return FALSE;
    }

  return TRUE;
}

void
ekv_record_list_set_subtitle_func (EkvRecordList             *self,
                                   EkvRecordListSubtitleFunc  func,
                                   gpointer                   user_data,
                                   GDestroyNotify             destroy)
{
  g_return_if_fail (EKV_IS_RECORD_LIST (self));
  g_return_if_fail (self->subtitle_key == NULL);

  if (self->subtitle_destroy != NULL)
    g_clear_pointer (&self->subtitle_data, self->subtitle_destroy);
  self->subtitle_func = func;
  self->subtitle_data = user_data;
  self->subtitle_destroy = destroy;

  ekv_record_list_update_subtitles (self);
}

void
ekv_record_list_update_subtitles (EkvRecordList *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (EKV_IS_RECORD_LIST (self));

  if (self->subtitle_func == NULL || self->document == NULL)
    return;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list_box), i)) != NULL; i++)
    {
      g_autoptr(EkvRecord) record = NULL;
      g_autofree char *subtitle = NULL;

      if (!ADW_IS_ACTION_ROW (row) && !ADW_IS_EXPANDER_ROW (row))
        continue;

      record = g_list_model_get_item (ekv_document_get_list (self->document, self->kind), i);
      if (record == NULL)
        continue;
      subtitle = self->subtitle_func (record, GTK_WIDGET (row), self->subtitle_data);
      g_object_set (row, "subtitle", subtitle != NULL ? subtitle : "", NULL);
    }
}

GtkListBox *
ekv_record_list_get_list_box (EkvRecordList *self)
{
  g_return_val_if_fail (EKV_IS_RECORD_LIST (self), NULL);

  return GTK_LIST_BOX (self->list_box);
}

/* }}} */
