/* ekv-text-area.c: several lines of free text of one record field
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * The text is stored as it is typed, like an entry row's; the document may still
 * refuse it (the file became read-only), which marks the area and says why.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ekv-text-area.h"
#include "ekv-util.h"

struct _EkvTextArea
{
  GtkWidget      parent_instance;

  GtkWidget     *text_view;
  GtkTextBuffer *buffer;

  char          *key;
  EkvDocument   *document;
  EkvRecord     *record;
  GSignalGroup  *record_signals;
  int            field_index;
  guint          loading : 1;
  guint          committing : 1;
};

G_DEFINE_FINAL_TYPE (EkvTextArea, ekv_text_area, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load (EkvTextArea *self)
{
  const char *text = "";
  g_autofree char *current = NULL;
  GtkTextIter start, end;

  if (self->record != NULL && self->field_index >= 0)
    text = ekv_record_get_string (self->record, self->field_index);
  if (text == NULL)
    text = "";

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  current = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, text) == 0)
    return;

  self->loading = TRUE;
  gtk_text_buffer_set_text (self->buffer, text, -1);
  self->loading = FALSE;
}

static void
set_error (EkvTextArea *self,
           const char  *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), message);
}

static void
buffer_changed_cb (EkvTextArea   *self,
                   GtkTextBuffer *buffer)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  gboolean ok;

  if (self->loading || self->document == NULL || self->field_index < 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);

  self->committing = TRUE;
  ok = ekv_document_set_value (self->document, self->record, self->field_index,
                               *text != '\0' ? &value : NULL, &error);
  self->committing = FALSE;

  set_error (self, ok ? NULL : error->message);
}

static void
record_notify_cb (EkvTextArea *self,
                  GParamSpec  *pspec,
                  EkvRecord   *record)
{
  if (!self->committing && g_strcmp0 (pspec->name, self->key) == 0)
    load (self);
}

static void
ekv_text_area_dispose (GObject *object)
{
  EkvTextArea *self = EKV_TEXT_AREA (object);

  if (self->record_signals != NULL)
    g_signal_group_set_target (self->record_signals, NULL);
  g_clear_object (&self->record_signals);
  g_clear_object (&self->record);
  g_clear_object (&self->document);
  g_clear_pointer (&self->text_view, gtk_widget_unparent);

  G_OBJECT_CLASS (ekv_text_area_parent_class)->dispose (object);
}

static void
ekv_text_area_finalize (GObject *object)
{
  EkvTextArea *self = EKV_TEXT_AREA (object);

  g_free (self->key);

  G_OBJECT_CLASS (ekv_text_area_parent_class)->finalize (object);
}

static void
ekv_text_area_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  EkvTextArea *self = EKV_TEXT_AREA (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_text_area_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  EkvTextArea *self = EKV_TEXT_AREA (object);

  switch (prop_id)
    {
    case PROP_KEY:
      ekv_set_string (&self->key, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ekv_text_area_class_init (EkvTextAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_text_area_dispose;
  object_class->finalize = ekv_text_area_finalize;
  object_class->get_property = ekv_text_area_get_property;
  object_class->set_property = ekv_text_area_set_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ekv-text-area");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ekv_text_area_init (EkvTextArea *self)
{
  self->field_index = -1;

  self->text_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->text_view), FALSE);
  gtk_widget_set_parent (self->text_view, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");

  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->record_signals = g_signal_group_new (EKV_TYPE_RECORD);
  g_signal_group_connect_object (self->record_signals, "notify", G_CALLBACK (record_notify_cb),
                                 self, G_CONNECT_SWAPPED);
}

const char *
ekv_text_area_get_key (EkvTextArea *self)
{
  g_return_val_if_fail (EKV_IS_TEXT_AREA (self), NULL);

  return self->key;
}

void
ekv_text_area_set_source (EkvTextArea *self,
                          EkvDocument *document,
                          EkvRecord   *record)
{
  const EkvEntity *entity;

  g_return_if_fail (EKV_IS_TEXT_AREA (self));

  g_set_object (&self->document, document);
  g_set_object (&self->record, record);
  g_signal_group_set_target (self->record_signals, record);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->text_view),
                              document == NULL || !ekv_document_is_read_only (document));

  self->field_index = -1;
  if (record != NULL)
    {
      entity = ekv_record_get_entity (record);
      for (guint i = 0; i < entity->n_fields; i++)
        if (g_strcmp0 (entity->fields[i].property, self->key) == 0)
          self->field_index = i;
      g_return_if_fail (self->field_index >= 0);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_dgettext (GETTEXT_PACKAGE,
                                                  entity->fields[self->field_index].label),
                                      -1);
    }

  load (self);
}

EkvRecord *
ekv_text_area_get_record (EkvTextArea *self)
{
  g_return_val_if_fail (EKV_IS_TEXT_AREA (self), NULL);

  return self->record;
}

GtkTextBuffer *
ekv_text_area_get_buffer (EkvTextArea *self)
{
  g_return_val_if_fail (EKV_IS_TEXT_AREA (self), NULL);

  return self->buffer;
}
