#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Ekoverim authors
#
# Translation completeness check (meson test 'check-po', suite 'data').
# Fails when po/tr.po is missing or broken, has untranslated or fuzzy messages,
# lacks a msgid that the sources now contain, or when a source file with
# translatable strings is not listed in po/POTFILES.in. It never modifies the tree:
# the template and the merged catalogue are made in a temporary directory.
#
# Usage: tests/check-po.sh [SOURCE_ROOT]
set -euo pipefail

top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top"
export LC_ALL=C    # msgfmt's statistics are parsed below; keep them in English

lang=tr
po=po/$lang.po
potfiles=po/POTFILES.in
failed=0

fail () {
  echo "FAIL: $*" >&2
  failed=1
}

for tool in xgettext msgmerge msgfmt; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (install gettext)" >&2; exit 1; }
done
[ -f "$potfiles" ] || { echo "FAIL: $potfiles is missing" >&2; exit 1; }
[ -f "$po" ] || { echo "FAIL: $po is missing" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Listed files, without comments and blank lines.
grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$potfiles" | sed 's/[[:space:]]*$//' \
  > "$tmp/listed"
sort -c "$tmp/listed" 2>/dev/null || fail "$potfiles is not sorted"
while read -r f; do
  [ -f "$f" ] || fail "$potfiles lists $f, which does not exist"
done < "$tmp/listed"

# 1. Every source file with translatable strings is listed.
marks='(^|[^A-Za-z0-9_])(N|C|NC)?_ *\(|(^|[^A-Za-z0-9_])g?d?ngettext *\(|translatable="yes"'
while read -r f; do
  grep -qxF "$f" "$tmp/listed" || fail "$f has translatable strings but is not in $potfiles"
done < <(find app ui -type f \( -name '*.c' -o -name '*.h' -o -name '*.ui' \) 2>/dev/null \
           | LC_ALL=C sort | xargs -r grep -lE "$marks" || true)

# 2. The catalogue itself: well-formed, nothing untranslated or fuzzy.
check_stats () {  # FILE LABEL
  local out
  if ! out=$(msgfmt --check --statistics -o /dev/null "$1" 2>&1); then
    fail "msgfmt --check rejects $2:"
    echo "$out" >&2
    return
  fi
  echo "$2: $out"
  case "$out" in
    *untranslated*|*fuzzy*) fail "$2 has untranslated or fuzzy messages" ;;
  esac
}
check_stats "$po" "$po"

# 3. The template the build makes (meson's i18n 'glib' preset, same xgettext
#    arguments) merged into a copy of the catalogue: a msgid the sources have and
#    tr.po lacks shows up as untranslated (or fuzzy) there.
xgettext --package-name=ekoverim -f "$potfiles" -D "$top" -k_ -o "$tmp/ekoverim.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  || { echo "FAIL: xgettext could not build the template" >&2; exit 1; }

cp "$po" "$tmp/merged.po"
msgmerge -q --previous -o "$tmp/merged.po" "$tmp/merged.po" "$tmp/ekoverim.pot"
check_stats "$tmp/merged.po" "$po merged with the current template"

if [ "$failed" -ne 0 ]; then
  # Name the missing messages so the fix is obvious.
  msgattrib --untranslated --no-obsolete "$tmp/merged.po" 2>/dev/null \
    | grep -E '^msgid "' | grep -v '^msgid ""$' | head -n 20 | sed 's/^/  untranslated: /' >&2 || true
  msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po" 2>/dev/null \
    | grep -E '^msgid "' | grep -v '^msgid ""$' | head -n 20 | sed 's/^/  fuzzy: /' >&2 || true
  echo "To fix: meson compile -C build ekoverim-update-po, translate po/$lang.po, rerun." >&2
  exit 1
fi
echo "po/$lang.po is complete"
