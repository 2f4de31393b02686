/* ekv-test-gui.c: what the GUI test programs share
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "ekv-field-row.h"
#include "ekv-test-gui.h"

static char **mime_dirs;

static void
free_mime_dirs (void)
{
  g_clear_pointer (&mime_dirs, g_strfreev);
}

gboolean
ekv_test_gui_init (int    *argc,
                   char ***argv)
{
  const char * const *data_dirs = g_get_system_data_dirs ();
  GStrvBuilder *builder = g_strv_builder_new ();

  /* Before g_test_init () isolates the data dirs. */
  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (data_dirs[i], "mime", NULL);
      g_strv_builder_add (builder, dir);
    }
  mime_dirs = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  atexit (free_mime_dirs);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }

  adw_init ();
  return TRUE;
}

static gboolean
on_monitor (gpointer data)
{
  GtkWindow *window = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return gtk_widget_get_mapped (GTK_WIDGET (window)) && surface != NULL &&
         gdk_display_get_monitor_at_surface (gdk_surface_get_display (surface), surface) != NULL;
}

void
ekv_test_open_sample (const char      *prefix,
                      gboolean         present,
                      EkvApplication **app,
                      char           **dir,
                      EkvWindow      **window)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);

  g_content_type_set_mime_dirs ((const char * const *) mime_dirs);

  *app = ekv_application_new ();
  g_application_set_flags (G_APPLICATION (*app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (*app), NULL, &error);
  g_assert_no_error (error);

  *dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);

  *window = ekv_application_new_from_sample (*app, *dir, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*window);
  g_assert_true (g_str_has_prefix (ekv_document_get_path (ekv_window_get_document (*window)), *dir));

  if (present)
    {
      gtk_window_set_default_size (GTK_WINDOW (*window), 1280, 800);
      gtk_window_present (GTK_WINDOW (*window));
      ekv_test_wait_until (on_monitor, *window, 5000);
    }
  ekv_test_spin ();
}

void
ekv_test_close_sample (EkvApplication **app,
                       char           **dir,
                       EkvWindow      **window)
{
  g_autoptr(GDir) folder = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (*window));
  *window = NULL;
  ekv_test_spin ();
  g_clear_object (app);

  folder = g_dir_open (*dir, 0, NULL);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (*dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (*dir);
  g_clear_pointer (dir, g_free);
}

void
ekv_test_spin (void)
{
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ekv_test_wait_until (gboolean (*done) (gpointer data),
                     gpointer   data,
                     guint      ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &timed_out);

  while (!timed_out && !done (data))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

GtkWidget *
ekv_test_find_widget (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  if (GTK_IS_POPOVER (root))
    return NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ekv_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
ekv_test_find (GtkWidget     *root,
               EkvTestMatch   match,
               gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ekv_test_find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_field_row (GtkWidget     *widget,
              gconstpointer  key)
{
  return EKV_IS_FIELD_ROW (widget) &&
         g_strcmp0 (ekv_field_row_get_key (EKV_FIELD_ROW (widget)), key) == 0;
}

GtkWidget *
ekv_test_find_field_row (GtkWidget  *root,
                         const char *key)
{
  return ekv_test_find (root, is_field_row, key);
}

typedef struct
{
  const char *icon_name;
  const char *label;
} ButtonWanted;

static gboolean
is_button (GtkWidget     *widget,
           gconstpointer  data)
{
  const ButtonWanted *wanted = data;

  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
         ((wanted->icon_name != NULL &&
           g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), wanted->icon_name) == 0) ||
          (wanted->label != NULL &&
           g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), wanted->label) == 0));
}

GtkWidget *
ekv_test_find_button (GtkWidget  *root,
                      const char *icon_name,
                      const char *label)
{
  ButtonWanted wanted = { icon_name, label };

  return ekv_test_find (root, is_button, &wanted);
}

EkvDocument *
ekv_test_reopen (const char *path)
{
  g_autoptr(GError) error = NULL;
  EkvDocument *document = ekv_document_open (path, EKV_STORE_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return document;
}
