#!/usr/bin/env bash
# Every interface string is translated: each literal passed to tr() in the
# ui is a key of the catalogue (kiosk/ui/strings.c), and every catalogue
# entry has a Chinese text that is not empty. The same for the command-line
# messages: each literal given to cli_tr() or cli_say() in kiosk/cli is a key
# of kiosk/cli/cli_text.c, translated, with the same printf conversions in
# both languages; and the pack's diagnostics (kiosk/core/diag_text.c).
# Names what is missing.
set -u
. "$(dirname "$0")/need.sh"
need perl perl-base
cd "${MINGBAI_SOURCE_DIR:-.}"
cat=kiosk/ui/strings.c
fail=0
keys=$(perl -0777 -ne 'while (/\{\s*("(?:[^"\\]|\\.)*")\s*,\s*("(?:[^"\\]|\\.)*")\s*\}/g) { print "$1\t$2\n" }' "$cat")
while IFS=$'\t' read -r en zh; do
  if [ "$zh" = '""' ]; then echo "missing Chinese for $en"; fail=1; fi
done <<<"$keys"
used=$(perl -0777 -ne 'while (/\b(?:tr(?:_lang)?|ui_store_failed|ui_notice|import_result|import_fail)\(\s*[^,]+,\s*((?:[^;{}]|\n)*?)\)\s*[,;)]/g) { my $a=$1; while ($a =~ /("(?:[^"\\]|\\.)*")/g) { print "$1\n" } }' kiosk/ui/*.c kiosk/ui/screens/*.c | sort -u)
while read -r lit; do
  [ -z "$lit" ] && continue
  if ! grep -qF -- "{$lit," "$cat" && ! grep -qF -- "{$lit ," "$cat" && ! grep -qF -- "    {$lit" "$cat"; then
    if ! perl -0777 -ne "exit(index(\$_, '{' . q{$lit} . ',') >= 0 || /\{\s*\Q$lit\E\s*,/ ? 0 : 1)" "$cat"; then
      echo "no catalogue entry for $lit (kiosk/ui/strings.c)"
      fail=1
    fi
  fi
done <<<"$used"
n=$(wc -l <<<"$keys")
[ $fail -eq 0 ] && echo "translations: $n entries, every tr() key present, all translated"

# The command line (tests/tools/cli_translations.pl).
perl "$(dirname "$0")/cli_translations.pl" kiosk/cli/cli_text.c \
  $(grep -l "cli_say\|cli_tr" kiosk/cli/*.c kiosk/preview.c | grep -v cli_text.c) || fail=1

# The pack diagnostics (tests/tools/diag_translations.pl): each literal
# message and hint given to diags_add() and the pack's wrappers around it
# is a key of kiosk/core/diag_text.c, translated, with the same conversions.
# The catalogue is kept in parts (kiosk/core/diag_text*.c): read as one.
diag_cat=$(mktemp)
cat kiosk/core/diag_text*.c >"$diag_cat"
perl "$(dirname "$0")/diag_translations.pl" "$diag_cat" \
  kiosk/core/*.c kiosk/pack/*.c kiosk/cli/*.c kiosk/ui/*.c kiosk/ui/screens/*.c kiosk/store/*.c || fail=1
rm -f "$diag_cat"
exit $fail
