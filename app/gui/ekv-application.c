/* ekv-application.c: the desktop program's application object
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 *
 * One instance per session: opening a .ekv file from the file manager or a second
 * `ekoverim FILE` lands in the running instance. Every audit lives in its own file
 * and every edit is stored at once, so there is no Save and nothing to ask at Quit.
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-application.h"
#include "ekv-json-import.h"

#define MAX_RECENT 10
#define SAMPLE_RESOURCE "/org/ekoverim/Ekoverim/samples/ege-orme-boya.json"

struct _EkvApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GMenu          *recent_menu;
};

G_DEFINE_FINAL_TYPE (EkvApplication, ekv_application, ADW_TYPE_APPLICATION)

/* Helpers {{{ */

static EkvWindow *
find_window_for_path (EkvApplication *self,
                      const char     *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      EkvDocument *document;

      if (!EKV_IS_WINDOW (l->data))
        continue;
      document = ekv_window_get_document (l->data);
      if (document != NULL && g_strcmp0 (ekv_document_get_path (document), path) == 0)
        return l->data;
    }

  return NULL;
}

/* The active window if it has no audit yet, else a new window. */
static EkvWindow *
window_for_document (EkvApplication *self,
                     EkvDocument    *document)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  EkvWindow *window;

  if (EKV_IS_WINDOW (active) && ekv_window_get_document (EKV_WINDOW (active)) == NULL)
    {
      window = EKV_WINDOW (active);
      ekv_window_set_document (window, document);
    }
  else
    window = ekv_window_new_for_document (GTK_APPLICATION (self), document);

  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
remember (EkvApplication *self,
          const char     *path)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) old = NULL;
  g_auto(GStrv) paths = NULL;
  guint n = 1;

  if (self->settings == NULL || path == NULL)
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  old = g_settings_get_strv (self->settings, "recent-documents");
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }

  paths = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-documents", (const char * const *) paths);
}

static void
update_recent_menu (EkvApplication *self)
{
  g_auto(GStrv) paths = ekv_application_get_recent_paths (self);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *basename = g_path_get_basename (paths[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (basename, NULL);

      g_menu_item_set_action_and_target (item, "app.open-recent", "s", paths[i]);
      g_menu_append_item (self->recent_menu, item);
    }
}

/* "Audit 2026-11-28.ekv", or with " (2)", " (3)", ... the first name not taken. */
static char *
unused_path (const char *folder,
             const char *stem)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      if (n == 1)
        name = g_strdup_printf ("%s.ekv", stem);
      else
        name = g_strdup_printf ("%s (%u).ekv", stem, n);
      path = g_build_filename (folder, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

static char *
new_audit_path (const char  *folder,
                const char  *format,
                GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = folder ? g_strdup (folder) : ekv_application_get_audits_dir ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *stem = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, then the system's reason */
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  stem = g_strdup_printf (format, date);
  /* A file name cannot hold a slash, whatever a translation says. */
  g_strdelimit (stem, G_DIR_SEPARATOR_S, '-');
  return unused_path (dir, stem);
}

static void
show_error (EkvApplication *self,
            const char     *heading,
            const GError   *error)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog;

  if (parent == NULL)
    {
      parent = GTK_WINDOW (ekv_window_new (GTK_APPLICATION (self)));
      gtk_window_present (parent);
    }

  dialog = adw_message_dialog_new (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* }}} */
/* Actions {{{ */

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  EkvApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (ekv_application_new_audit (self, NULL, &error) == NULL)
    show_error (self, _("Could Not Create the Audit"), error);
}

static void
new_from_sample_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  EkvApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (ekv_application_new_from_sample (self, NULL, &error) == NULL)
    show_error (self, _("Could Not Open the Sample Audit"), error);
}

static void
open_response_cb (GtkFileChooserNative *chooser,
                  int                   response,
                  EkvApplication       *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only audits stored on this computer can be opened"));
      show_error (self, _("Could Not Open the Audit"), error);
      return;
    }

  if (ekv_application_open_path (self, path, &error) == NULL)
    show_error (self, _("Could Not Open the Audit"), error);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  EkvApplication *self = user_data;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *dir = ekv_application_get_audits_dir ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Audit"),
                                         gtk_application_get_active_window (GTK_APPLICATION (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Ekoverim audits"));
  gtk_file_filter_add_pattern (filter, "*.ekv");
  gtk_file_filter_add_mime_type (filter, "application/x-ekoverim");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      folder = g_file_new_for_path (dir);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  EkvApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (ekv_application_open_path (self, g_variant_get_string (parameter, NULL), &error) == NULL)
    show_error (self, _("Could Not Open the Audit"), error);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  EkvApplication *self = user_data;

  /* Everything is already stored: close the windows so they remember their size. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }
  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  EkvApplication *self = user_data;
  const char *developers[] = { _("The Ekoverim authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", "Ekoverim",
                        "application-icon", APP_ID,
                        "developer-name", _("The Ekoverim authors"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_URL,
                        "comments", _("A workbook for cleaner-production audits: from planning, "
                                      "through material, water and energy balances, to the "
                                      "options, their economics and the follow-up."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", _("© 2026 The Ekoverim authors"),
                        "developers", developers,
                        /* Translators: your names, one per line, as "Name <e-mail>" */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  EkvApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkApplicationWindow *app_window;

  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;

  /* Built on demand: as gtk/help-overlay.ui GtkApplication would build one with every
   * window at start-up. As the window's help overlay it shows the accelerators. */
  app_window = GTK_APPLICATION_WINDOW (window);
  if (gtk_application_window_get_help_overlay (app_window) == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/ekv-shortcuts-window.ui");
      gtk_application_window_set_help_overlay (
        app_window, GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts_window")));
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_actions[] = {
  { "new", new_action },
  { "new-from-sample", new_from_sample_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "quit", quit_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
};

/* }}} */
/* GApplication {{{ */

static void
ekv_application_startup (GApplication *application)
{
  EkvApplication *self = EKV_APPLICATION (application);
  static const struct
  {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.open", { "<Control>o", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "win.save-copy", { "<Control><Shift>s", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (ekv_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
ekv_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (ekv_window_new (GTK_APPLICATION (application)));

  gtk_window_present (window);
}

static void
ekv_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  EkvApplication *self = EKV_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("Only audits stored on this computer can be opened"));
      if (error != NULL || ekv_application_open_path (self, path, &error) == NULL)
        show_error (self, _("Could Not Open the Audit"), error);
    }
}

static void
ekv_application_dispose (GObject *object)
{
  EkvApplication *self = EKV_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (ekv_application_parent_class)->dispose (object);
}

static void
ekv_application_class_init (EkvApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ekv_application_dispose;
  app_class->startup = ekv_application_startup;
  app_class->activate = ekv_application_activate;
  app_class->open = ekv_application_open;
}

static void
ekv_application_init (EkvApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      g_signal_connect_object (self->settings, "changed::recent-documents",
                               G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
    }
  else
    g_message ("The settings schema %s is not installed: recent audits and the window "
               "size will not be remembered", APP_ID);

  self->recent_menu = g_menu_new ();
  update_recent_menu (self);
}

/* }}} */
/* Public API {{{ */

EkvApplication *
ekv_application_new (void)
{
  return g_object_new (EKV_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

GSettings *
ekv_application_get_settings (EkvApplication *self)
{
  g_return_val_if_fail (EKV_IS_APPLICATION (self), NULL);

  return self->settings;
}

GMenuModel *
ekv_application_get_recent_menu (EkvApplication *self)
{
  g_return_val_if_fail (EKV_IS_APPLICATION (self), NULL);

  return G_MENU_MODEL (self->recent_menu);
}

char **
ekv_application_get_recent_paths (EkvApplication *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  g_return_val_if_fail (EKV_IS_APPLICATION (self), NULL);

  if (self->settings != NULL)
    {
      paths = g_settings_get_strv (self->settings, "recent-documents");
      for (guint i = 0; paths[i] != NULL; i++)
        if (g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
          g_strv_builder_add (builder, paths[i]);
    }

  return g_strv_builder_end (builder);
}

char *
ekv_application_get_audits_dir (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents == NULL)
    documents = g_get_home_dir ();

  return g_build_filename (documents, "Ekoverim", NULL);
}

EkvWindow *
ekv_application_open_path (EkvApplication  *self,
                           const char      *path,
                           GError         **error)
{
  g_autoptr(EkvDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *absolute = NULL;
  EkvWindow *window;

  g_return_val_if_fail (EKV_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  absolute = g_file_get_path (file);

  window = find_window_for_path (self, absolute);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  document = ekv_document_open (absolute, EKV_STORE_OPEN_DEFAULT, &local_error);
  /* A file the user may not change (a colleague's, one on a read-only share) is
   * still worth reading: it opens read-only, and the window's title says so. */
  if (document == NULL &&
      g_error_matches (local_error, EKV_STORE_ERROR, EKV_STORE_ERROR_READ_ONLY))
    {
      g_clear_error (&local_error);
      document = ekv_document_open (absolute, EKV_STORE_OPEN_READ_ONLY, &local_error);
    }
  if (document == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  remember (self, absolute);
  return window_for_document (self, document);
}

EkvWindow *
ekv_application_new_audit (EkvApplication  *self,
                           const char      *folder,
                           GError         **error)
{
  g_autoptr(EkvDocument) document = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (EKV_IS_APPLICATION (self), NULL);

  /* Translators: the file name of a new audit, without .ekv; %s is today's date */
  path = new_audit_path (folder, _("Audit %s"), error);
  if (path == NULL)
    return NULL;

  document = ekv_document_create (path, error);
  if (document == NULL)
    return NULL;

  remember (self, path);
  return window_for_document (self, document);
}

EkvWindow *
ekv_application_new_from_sample (EkvApplication  *self,
                                 const char      *folder,
                                 GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(EkvDocument) sample = NULL;
  g_autofree char *path = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (EKV_IS_APPLICATION (self), NULL);

  bytes = g_resources_lookup_data (SAMPLE_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  sample = ekv_json_import_data (data, length, "ege-orme-boya.json", NULL, error);
  if (sample == NULL)
    return NULL;

  /* Translators: the file name of a copy of the sample audit, without .ekv; %s is today's date */
  path = new_audit_path (folder, _("Sample audit %s"), error);
  if (path == NULL)
    return NULL;

  /* The bundled audit is only read: the user works on a file of their own. */
  if (!ekv_document_save_copy (sample, path, error))
    return NULL;

  return ekv_application_open_path (self, path, error);
}

/* }}} */
