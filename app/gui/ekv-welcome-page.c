/* ekv-welcome-page.c: what a window shows before an audit is open
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * Built only for a window that starts without an audit, so opening a file never
 * pays for it.
 */
#include "config.h"

#include "ekv-welcome-page.h"

#define MAX_SHOWN 5

struct _EkvWelcomePage
{
  GtkBox               parent_instance;

  /* Template widgets */
  GtkMenuButton       *menu_button;
  AdwPreferencesGroup *recent_group;
  GtkListBox          *recent_list;
};

G_DEFINE_FINAL_TYPE (EkvWelcomePage, ekv_welcome_page, GTK_TYPE_BOX)

static void
ekv_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), EKV_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (ekv_welcome_page_parent_class)->dispose (object);
}

static void
ekv_welcome_page_class_init (EkvWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ekv_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/ekoverim/Ekoverim/ui/ekv-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EkvWelcomePage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, EkvWelcomePage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, EkvWelcomePage, recent_list);
}

static void
ekv_welcome_page_init (EkvWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ekv_welcome_page_new (GMenuModel *menu)
{
  EkvWelcomePage *self = g_object_new (EKV_TYPE_WELCOME_PAGE, NULL);

  gtk_menu_button_set_menu_model (self->menu_button, menu);
  return GTK_WIDGET (self);
}

void
ekv_welcome_page_set_recent (EkvWelcomePage     *self,
                             const char * const *paths)
{
  GtkWidget *child;
  guint i;

  g_return_if_fail (EKV_IS_WELCOME_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (i = 0; paths != NULL && paths[i] != NULL && i < MAX_SHOWN; i++)
    {
      g_autofree char *basename = g_path_get_basename (paths[i]);
      g_autofree char *dirname = g_path_get_dirname (paths[i]);
      GtkWidget *row = adw_action_row_new ();

      /* File names are not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), basename);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dirname);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", paths[i]);
      gtk_list_box_append (self->recent_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), i > 0);
}
