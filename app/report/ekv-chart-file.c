/* ekv-chart-file.c: a chart written to a PNG, SVG or PDF file, safely
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "ekv-chart-file.h"

static const char * const format_nicks[] = { "png", "svg", "pdf" };

gboolean
ekv_chart_format_from_nick (const char     *nick,
                            EkvChartFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (format_nicks); i++)
    if (g_ascii_strcasecmp (nick, format_nicks[i]) == 0)
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

typedef struct
{
  int fd;
  int error;    /* errno of the first failed write, or 0 */
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0 && sink->error == 0)
    {
      ssize_t n = write (sink->fd, data, length);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          sink->error = errno;
          break;
        }
      data += n;
      length -= n;
    }
  return sink->error == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          code,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  /* Translators: %s are a file name and the reason (“No space left on device”) */
  g_set_error (error, G_IO_ERROR, code, _("Could not write “%s”: %s"), display, reason);
  return FALSE;
}

/* The drawing as FORMAT into SINK; FALSE (cairo's status in STATUS) on failure. */
static gboolean
render_to (EkvChartFormat     format,
           Sink              *sink,
           double             width,
           double             height,
           const char        *title,
           EkvChartDrawFunc   draw,
           gpointer           user_data,
           cairo_status_t    *status,
           GError           **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  switch (format)
    {
    case EKV_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_cb, sink, width, height);
      break;
    case EKV_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_cb, sink, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Ekoverim");
      if (title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      break;
    case EKV_CHART_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width),
                                            (int) ceil (height));
      break;
    }

  cr = cairo_create (surface);
  ok = draw (cr, width, height, user_data, error);
  cairo_show_page (cr);
  *status = cairo_status (cr);
  cairo_destroy (cr);

  if (ok && *status == CAIRO_STATUS_SUCCESS && format == EKV_CHART_FORMAT_PNG)
    *status = cairo_surface_write_to_png_stream (surface, write_cb, sink);
  cairo_surface_finish (surface);
  if (*status == CAIRO_STATUS_SUCCESS)
    *status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return ok && *status == CAIRO_STATUS_SUCCESS && sink->error == 0;
}

gboolean
ekv_chart_write_file (EkvChartFormat     format,
                      const char        *path,
                      double             width,
                      double             height,
                      const char        *title,
                      EkvChartDrawFunc   draw,
                      gpointer           user_data,
                      GError           **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  Sink sink = { -1, 0 };
  mode_t mask;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (width >= 1 && height >= 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return set_write_error (error, path, G_IO_ERROR_IS_DIRECTORY, g_strerror (EISDIR));

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  sink.fd = g_mkstemp (tmp);
  if (sink.fd < 0)
    {
      int saved = errno;

      return set_write_error (error, path, g_io_error_from_errno (saved), g_strerror (saved));
    }
  /* mkstemp's 0600 would hide the picture from others: the umask decides, as
   * for any new file. */
  mask = umask (0);
  umask (mask);
  if (fchmod (sink.fd, 0666 & ~mask) != 0)
    { /* the file stays private: not worth failing for */ }

  ok = render_to (format, &sink, width, height, title, draw, user_data, &status, error);
  if (ok && fsync (sink.fd) != 0 && errno != EINVAL)
    sink.error = errno, ok = FALSE;
  if (close (sink.fd) != 0 && ok)
    sink.error = errno, ok = FALSE;
  if (ok && g_rename (tmp, path) != 0)
    sink.error = errno, ok = FALSE;

  if (!ok)
    {
      g_unlink (tmp);
      if (error != NULL && *error != NULL)
        return FALSE;     /* the drawing's own error */
      if (sink.error != 0)
        return set_write_error (error, path, g_io_error_from_errno (sink.error),
                                g_strerror (sink.error));
      return set_write_error (error, path, G_IO_ERROR_FAILED, cairo_status_to_string (status));
    }
  return TRUE;
}
