#!/usr/bin/env bash
# Differential test of the GIFT reader against Moodle's own importer: every
# file of tests/banks/gift/ is read by Moodle's question/format/gift/
# format.php (PHP's command line, Debian's php-cli) inside the stand-in of
# tests/tools/moodle-gift/compare.php, and by `mingbai pack show --json`;
# each question's type, name, text, formats, general feedback, category,
# answers, fractions and feedback are compared (compare.php says how).
# Prints the figures: questions tried, accepted by Moodle, accepted by the
# kiosk, read differently. Fails on any question read differently, or read
# by the kiosk where Moodle refuses it. A question Moodle imports that the
# kiosk refuses is allowed only with an error that says what Moodle would
# do (one error naming Moodle for each such question in the file);
# issue-refused.gift must hold exactly one.
#
# format.php is GPL-3+ code of Moodle and not part of Mingbai: point
# MOODLE_GIFT_FORMAT_PHP at a copy (tests/tools/moodle-gift/README.md says
# which). Without it, each file is compared with what Moodle read when the
# record tests/banks/gift/moodle/FILE.json was made (with it, the record is
# checked to be what Moodle reads now). Without php the test ends with exit
# 77 (need.sh), which ctest reports as SKIPPED (SKIP_RETURN_CODE in
# tests/CMakeLists.txt); php-cli is in board/debian-packages.txt.
set -u
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
root=${MINGBAI_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$root/tests/tools/need.sh"
need php php-cli
cd "$root"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
format=${MOODLE_GIFT_FORMAT_PHP:-tests/tools/moodle-gift/format.php}
live=0
[ -r "$format" ] && live=1
[ $live = 1 ] && echo "comparing with Moodle's importer ($format)" ||
  echo "comparing with the records of Moodle's reading in tests/banks/gift/moodle/"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
declare -A sum=([tried]=0 [moodle]=0 [kiosk]=0 [same]=0 [different]=0 [moodle-only]=0 [kiosk-only]=0)
for f in tests/banks/gift/*.gift tests/banks/gift/*.txt; do
  [ -e "$f" ] || continue
  "$bin" pack show --json "$f" >"$tmp/k.json" 2>/dev/null
  record=tests/banks/gift/moodle/$(basename "$f").json
  if [ $live = 1 ]; then
    php tests/tools/moodle-gift/compare.php "$format" "$f" "$tmp/k.json" "$tmp/record.json" >"$tmp/out" 2>&1
    rc=$?
    cmp -s "$tmp/record.json" "$record" ||
      { echo "FAIL: $record is not what Moodle reads now (write it again: see the README)"; fail=1; }
  else
    [ -r "$record" ] || { echo "FAIL: no record $record of Moodle's reading"; fail=1; continue; }
    php tests/tools/moodle-gift/compare.php "--recorded=$record" "$f" "$tmp/k.json" >"$tmp/out" 2>&1
    rc=$?
  fi
  line=$(grep '^counts: ' "$tmp/out")
  [ -n "$line" ] || { echo "FAIL: $f: compare.php did not finish"; cat "$tmp/out"; fail=1; continue; }
  [ $rc -eq 0 ] || { echo "FAIL: $f"; fail=1; }
  grep -v '^counts: ' "$tmp/out"
  read -r tried moodle kiosk same different monly konly < <(echo "$line" |
    sed -E 's/counts: tried ([0-9]+), moodle ([0-9]+), kiosk ([0-9]+), same ([0-9]+), different ([0-9]+), moodle-only ([0-9]+), kiosk-only ([0-9]+)/\1 \2 \3 \4 \5 \6 \7/')
  sum[tried]=$((sum[tried] + tried)); sum[moodle]=$((sum[moodle] + moodle))
  sum[kiosk]=$((sum[kiosk] + kiosk)); sum[same]=$((sum[same] + same))
  sum[different]=$((sum[different] + different))
  sum[moodle-only]=$((sum[moodle-only] + monly)); sum[kiosk-only]=$((sum[kiosk-only] + konly))
  if [ "$(basename "$f")" = issue-refused.gift ]; then
    [ "$monly" = 1 ] && [ "$moodle" = 2 ] || { echo "FAIL: $f: expected 2 questions Moodle imports, 1 the kiosk refuses: $line"; fail=1; }
  elif [ "$monly" != 0 ]; then
    # each refusal must say what Moodle does instead: an error naming Moodle
    said=$("$bin" pack check "$f" 2>&1 | grep -c ': error: .*Moodle')
    if [ "$said" -lt "$monly" ]; then
      echo "FAIL: $f: the kiosk refuses $monly question(s) Moodle imports, $said error(s) say what Moodle does"
      fail=1
    fi
  fi
done
echo "test_gift_moodle_differential: tried ${sum[tried]}, accepted by Moodle ${sum[moodle]}," \
  "accepted by the kiosk ${sum[kiosk]}, read the same ${sum[same]}, read differently ${sum[different]}," \
  "refused by the kiosk with a message ${sum[moodle-only]}, accepted only by the kiosk ${sum[kiosk-only]}"
exit $fail
