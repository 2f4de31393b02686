/* ekv-util.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#pragma once

#include <locale.h>

#include <glib.h>

G_BEGIN_DECLS

/* g_set_str() arrives only in GLib 2.76. */
gboolean  ekv_set_string            (char       **field,
                                     const char  *value);

/* Numbers for people, in the current LC_NUMERIC: "1.234,5" in Turkish, "1,234.5"
 * in English. DIGITS < 0 gives as many decimals as the value needs (up to 15
 * significant digits); otherwise exactly DIGITS decimals. */
char     *ekv_number_format         (double       value,
                                     int          digits);
/* Parses a number typed the locale's way; grouping separators are optional.
 * Returns FALSE (and a translated message) for anything that is not a whole number. */
gboolean  ekv_number_parse          (const char  *text,
                                     double      *value,
                                     GError     **error);

/* Makes ekv_number_format() and _parse() in the calling thread use RADIX and
 * THOUSANDS (groups of three) instead of the locale's; NULL goes back to the
 * locale. Strings must be static. For language scopes (ekv-language.h). */
void      ekv_number_set_thread_separators (const char  *radix,
                                            const char  *thousands,
                                            const char **previous_radix,
                                            const char **previous_thousands);

/* Numbers for machines: the shortest text that reads back as the same double
 * ("0.1", "410000", "1e-07"); never depends on the locale. */
char     *ekv_number_to_string      (double       value);

/* Switch the calling thread's LC_NUMERIC to "C" (libxlsxwriter, printf-based
 * writers), keeping the other categories; returns what to pass to _end(). */
locale_t  ekv_c_numeric_begin       (void);
void      ekv_c_numeric_end         (locale_t     previous);

/* A thread pool kept for the process, made the first time it is asked for:
 * exclusive, its N_THREADS threads started at once (so a push never waits for
 * one that cannot start). NULL, with a debug message, if they could not be
 * started: the caller then does the work itself. Declare KEPT static and
 * zero-filled. */
typedef struct
{
  GMutex       lock;
  gboolean     tried;
  GThreadPool *pool;
} EkvKeptPool;

GThreadPool *ekv_kept_pool_get     (EkvKeptPool  *kept,
                                    GFunc         func,
                                    int           n_threads);

#define EKV_UTIL_ERROR (ekv_util_error_quark ())
typedef enum
{
  EKV_UTIL_ERROR_NUMBER,
} EkvUtilError;
GQuark    ekv_util_error_quark      (void);

G_END_DECLS
