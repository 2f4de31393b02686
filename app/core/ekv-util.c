/* ekv-util.c: small helpers, numbers for people and for machines
 * SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Ekoverim authors
 */
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ekv-util.h"

G_DEFINE_QUARK (ekv-util-error-quark, ekv_util_error)

/* Significant digits shown to people when DIGITS < 0. */
#define PEOPLE_DIGITS 15
/* Beyond this many decimals a value is too small for a person to read anyway. */
#define MAX_DECIMALS 30

/* ------------------------------------------------------------------------ */
/* Strings                                                                  */

/* g_set_str() arrives only in GLib 2.76 */
gboolean
ekv_set_string (char       **field,
                const char  *value)
{
  char *old;

  g_return_val_if_fail (field != NULL, FALSE);

  old = *field;
  if (g_strcmp0 (old, value) == 0)
    return FALSE;

  *field = g_strdup (value);   /* copy first: value may point into old */
  g_free (old);
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The locale's number conventions                                          */

typedef struct
{
  const char *radix;     /* "," or "." (may be several bytes in some locales) */
  const char *thousands; /* "" when the locale does not group */
  const char *grouping;  /* localeconv()'s grouping: sizes from the right, CHAR_MAX = stop */
} NumberConventions;

/* Separators a language scope gives the calling thread (ekv-language.c), or NULL. */
static __thread const char *thread_radix;
static __thread const char *thread_thousands;

void
ekv_number_set_thread_separators (const char  *radix,
                                  const char  *thousands,
                                  const char **previous_radix,
                                  const char **previous_thousands)
{
  if (previous_radix != NULL)
    *previous_radix = thread_radix;
  if (previous_thousands != NULL)
    *previous_thousands = thread_thousands;
  thread_radix = radix;
  thread_thousands = thousands;
}

static void
get_conventions (NumberConventions *conv)
{
  const char *grouping;

  if (thread_radix != NULL)
    {
      conv->radix = thread_radix;
      conv->thousands = thread_thousands != NULL ? thread_thousands : "";
      conv->grouping = conv->thousands[0] != '\0' ? "\3" : "";
      return;
    }

  conv->radix = nl_langinfo (RADIXCHAR);
  if (conv->radix == NULL || conv->radix[0] == '\0')
    conv->radix = ".";
  conv->thousands = nl_langinfo (THOUSEP);
  if (conv->thousands == NULL)
    conv->thousands = "";
  grouping = localeconv ()->grouping;
  conv->grouping = grouping ? grouping : "";
  if (conv->grouping[0] == '\0' || conv->grouping[0] == CHAR_MAX || conv->thousands[0] == '\0')
    {
      conv->grouping = "";
      conv->thousands = "";
    }
}

/* The size of the Nth group of digits counted from the radix (N from 0), or 0 when
 * the rest is not grouped. */
static int
group_size (const char *grouping,
            guint       n)
{
  guint i;
  int size = 0;

  for (i = 0; i <= n; i++)
    {
      if (grouping[i] == '\0')
        return size;          /* the last size repeats */
      if (grouping[i] == CHAR_MAX || grouping[i] <= 0)
        return 0;
      size = grouping[i];
    }
  return size;
}

/* ------------------------------------------------------------------------ */
/* Numbers for people                                                       */

char *
ekv_number_format (double value,
                   int    digits)
{
  NumberConventions conv;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + MAX_DECIMALS + 320];
  g_autoptr(GString) out = NULL;
  const char *p;
  const char *int_start;
  const char *int_end;
  gboolean negative;
  guint int_len;
  guint group = 0;
  int in_group;
  int size;
  GPtrArray *pieces;
  guint i;

  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "-∞");

  get_conventions (&conv);

  if (digits < 0)
    {
      int decimals = 0;

      if (value != 0.0)
        {
          int exponent = (int) floor (log10 (fabs (value)));

          decimals = CLAMP (PEOPLE_DIGITS - 1 - exponent, 0, MAX_DECIMALS);
        }
      /* g_ascii_formatd() takes no '*' precision: build the format first. */
      {
        char format[16];

        g_snprintf (format, sizeof format, "%%.%df", decimals);
        g_ascii_formatd (buffer, sizeof buffer, format, value);
      }
      /* No trailing zeros, no bare radix. */
      if (strchr (buffer, '.') != NULL)
        {
          char *end = buffer + strlen (buffer) - 1;

          while (*end == '0')
            *end-- = '\0';
          if (*end == '.')
            *end = '\0';
        }
    }
  else
    {
      char format[16];

      g_snprintf (format, sizeof format, "%%.%df", MIN (digits, MAX_DECIMALS));
      g_ascii_formatd (buffer, sizeof buffer, format, value);
    }

  /* "-0" after rounding reads oddly. */
  if (strspn (buffer, "-0.") == strlen (buffer) && buffer[0] == '-')
    memmove (buffer, buffer + 1, strlen (buffer));

  p = buffer;
  negative = (*p == '-');
  if (negative)
    p++;
  int_start = p;
  while (g_ascii_isdigit (*p))
    p++;
  int_end = p;
  int_len = int_end - int_start;

  /* Cut the integer digits into groups from the right, then join them. */
  pieces = g_ptr_array_new_with_free_func (g_free);
  p = int_end;
  while (p > int_start)
    {
      size = conv.grouping[0] != '\0' ? group_size (conv.grouping, group) : 0;
      in_group = (size > 0) ? MIN (size, (int) (p - int_start)) : (int) (p - int_start);
      g_ptr_array_add (pieces, g_strndup (p - in_group, in_group));
      p -= in_group;
      group++;
    }

  out = g_string_sized_new (int_len * 2 + 32);
  if (negative)
    g_string_append_c (out, '-');
  for (i = pieces->len; i > 0; i--)
    {
      g_string_append (out, g_ptr_array_index (pieces, i - 1));
      if (i > 1)
        g_string_append (out, conv.thousands);
    }
  g_ptr_array_unref (pieces);

  if (*int_end == '.')
    {
      g_string_append (out, conv.radix);
      g_string_append (out, int_end + 1);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
set_not_a_number (GError     **error,
                  const char  *text)
{
  /* Translators: %s is what the user typed where a number belongs, e.g. “12a” */
  g_set_error (error, EKV_UTIL_ERROR, EKV_UTIL_ERROR_NUMBER, _("“%s” is not a number"), text);
  return FALSE;
}

static const char *
skip_spaces (const char *p)
{
  while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

gboolean
ekv_number_parse (const char  *text,
                  double      *value,
                  GError     **error)
{
  NumberConventions conv;
  g_autoptr(GString) ascii = NULL;
  g_autoptr(GArray) groups = NULL;  /* lengths of the digit runs between separators */
  const char *p;
  const char *end;
  gsize radix_len;
  gsize thousands_len;
  guint int_digits = 0;
  guint frac_digits = 0;
  guint run = 0;
  double result;
  char *parse_end = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  get_conventions (&conv);
  radix_len = strlen (conv.radix);
  thousands_len = strlen (conv.thousands);

  if (!g_utf8_validate (text, -1, NULL))
    return set_not_a_number (error, "");

  p = skip_spaces (text);
  end = p + strlen (p);
  while (end > p)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  ascii = g_string_new (NULL);
  groups = g_array_new (FALSE, FALSE, sizeof (guint));

  if (p < end && (*p == '-' || *p == '+'))
    {
      if (*p == '-')
        g_string_append_c (ascii, '-');
      p++;
    }
  else if (end - p >= 3 && strncmp (p, "−", 3) == 0)  /* U+2212 MINUS SIGN */
    {
      g_string_append_c (ascii, '-');
      p += 3;
    }

  /* Integer digits, optionally grouped. */
  while (p < end)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (ascii, *p);
          int_digits++;
          run++;
          p++;
        }
      else if (thousands_len > 0 && (gsize) (end - p) >= thousands_len
               && strncmp (p, conv.thousands, thousands_len) == 0
               && !(radix_len == thousands_len && strncmp (conv.radix, conv.thousands, radix_len) == 0))
        {
          if (run == 0)
            return set_not_a_number (error, text);
          g_array_append_val (groups, run);
          run = 0;
          p += thousands_len;
        }
      else
        break;
    }

  /* Separators must sit where the locale groups. Counted from the radix, run N
   * has the size of group N; the leftmost run may be shorter, never longer. */
  if (groups->len > 0)
    {
      guint n;
      guint i;
      int size;

      if (run == 0)
        return set_not_a_number (error, text);
      g_array_append_val (groups, run);
      n = groups->len - 1;
      for (i = 1; i <= n; i++)
        {
          size = group_size (conv.grouping, n - i);
          if (size <= 0 || g_array_index (groups, guint, i) != (guint) size)
            return set_not_a_number (error, text);
        }
      size = group_size (conv.grouping, n);
      if (size <= 0 || g_array_index (groups, guint, 0) > (guint) size)
        return set_not_a_number (error, text);
    }

  if (p < end && (gsize) (end - p) >= radix_len && strncmp (p, conv.radix, radix_len) == 0)
    {
      g_string_append_c (ascii, '.');
      p += radix_len;
      while (p < end && g_ascii_isdigit (*p))
        {
          g_string_append_c (ascii, *p);
          frac_digits++;
          p++;
        }
    }

  if (p != end || int_digits + frac_digits == 0)
    return set_not_a_number (error, text);

  result = g_ascii_strtod (ascii->str, &parse_end);
  if (parse_end == NULL || *parse_end != '\0' || !isfinite (result))
    return set_not_a_number (error, text);

  if (value != NULL)
    *value = result;
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Numbers for machines                                                     */

char *
ekv_number_to_string (double value)
{
  static const char *formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  guint i;

  if (!isfinite (value))
    return g_strdup (isnan (value) ? "nan" : value > 0 ? "inf" : "-inf");

  for (i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return g_strdup (buffer);
}

/* ------------------------------------------------------------------------ */
/* "C" numbers for printf-based writers                                     */

locale_t
ekv_c_numeric_begin (void)
{
  locale_t base = duplocale (uselocale ((locale_t) 0));
  locale_t numeric_c = base ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;

  if (numeric_c == (locale_t) 0)
    {
      if (base)
        freelocale (base);
      return (locale_t) 0;
    }
  return uselocale (numeric_c);
}

void
ekv_c_numeric_end (locale_t previous)
{
  if (previous)
    freelocale (uselocale (previous));
}

/* ------------------------------------------------------------------------ */
/* Threads kept for the process                                             */

GThreadPool *
ekv_kept_pool_get (EkvKeptPool *kept,
                   GFunc        func,
                   int          n_threads)
{
  GThreadPool *pool;

  g_return_val_if_fail (kept != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  g_mutex_lock (&kept->lock);
  if (!kept->tried)
    {
      g_autoptr(GError) error = NULL;

      kept->tried = TRUE;
      kept->pool = g_thread_pool_new (func, NULL, MAX (n_threads, 1), TRUE, &error);
      if (kept->pool == NULL)
        g_debug ("No thread could be started, the work is done in one: %s", error->message);
    }
  pool = kept->pool;
  g_mutex_unlock (&kept->lock);
  return pool;
}
