#!/usr/bin/env bash
# Differential test of the Moodle XML reader against Moodle's own importer:
# every file of tests/banks/xml/ is read by Moodle's question/format/xml/
# format.php (PHP's command line with its xml extension, Debian's php-cli and
# php-xml) inside the stand-in of tests/tools/moodle-xml/compare.php, and by
# `mingbai pack show --json`; each question's type, name, text and format,
# general feedback, category and answers (text, format, fraction, feedback;
# numerical values and tolerances; matching pairs; true/false) are compared
# (compare.php says how). Prints the figures: questions tried, accepted by
# Moodle, accepted by the kiosk, read the same, read differently, left out by
# the kiosk with a warning naming their type. Fails on any question read
# differently, imported by one side only, or of a type the kiosk does not
# show that it leaves out without that warning.
#
# format.php is GPL-3+ code of Moodle and not part of Mingbai: point
# MOODLE_XML_FORMAT_PHP at a copy (tests/tools/moodle-xml/README.md says
# which). Without it, each file is compared with what Moodle read when the
# record tests/banks/xml/moodle/FILE.json was made (with it, the record is
# checked to be what Moodle reads now). Without php or its xml extension the
# test ends with exit 77 (need.sh), which ctest reports as SKIPPED.
set -u
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
root=${MINGBAI_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$root/tests/tools/need.sh"
need php php-cli
php -r 'exit(function_exists("xml_parser_create") ? 0 : 1);' ||
  skip "php has no xml extension; get it with: apt-get install php-xml"
cd "$root"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
format=${MOODLE_XML_FORMAT_PHP:-tests/tools/moodle-xml/format.php}
live=0
[ -r "$format" ] && live=1
[ $live = 1 ] && echo "comparing with Moodle's importer ($format)" ||
  echo "comparing with the records of Moodle's reading in tests/banks/xml/moodle/"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
keys=(tried moodle kiosk same different left-out moodle-only kiosk-only refused)
declare -A sum
for k in "${keys[@]}"; do sum[$k]=0; done
for f in tests/banks/xml/*.xml; do
  "$bin" pack show --json "$f" >"$tmp/k.json" 2>"$tmp/k.err"
  record=tests/banks/xml/moodle/$(basename "$f").json
  if [ $live = 1 ]; then
    php tests/tools/moodle-xml/compare.php "$format" "$f" "$tmp/k.json" "$tmp/k.err" \
      "$tmp/record.json" >"$tmp/out" 2>&1
    rc=$?
    cmp -s "$tmp/record.json" "$record" ||
      { echo "FAIL: $record is not what Moodle reads now (write it again: see the README)"; fail=1; }
  else
    [ -r "$record" ] || { echo "FAIL: no record $record of Moodle's reading"; fail=1; continue; }
    php tests/tools/moodle-xml/compare.php "--recorded=$record" "$f" "$tmp/k.json" "$tmp/k.err" \
      >"$tmp/out" 2>&1
    rc=$?
  fi
  line=$(grep '^counts: ' "$tmp/out")
  [ -n "$line" ] || { echo "FAIL: $f: compare.php did not finish"; cat "$tmp/out"; fail=1; continue; }
  [ $rc -eq 0 ] || { echo "FAIL: $f"; fail=1; }
  grep -v '^counts: ' "$tmp/out"
  for k in "${keys[@]}"; do
    v=$(echo "$line" | grep -oE "$k [0-9]+" | head -1 | cut -d' ' -f2)
    sum[$k]=$((sum[$k] + ${v:-0}))
  done
done
echo "test_xml_moodle_differential: tried ${sum[tried]}, accepted by Moodle ${sum[moodle]}," \
  "accepted by the kiosk ${sum[kiosk]}, read the same ${sum[same]}," \
  "read differently ${sum[different]}, left out by the kiosk with a warning ${sum[left-out]}," \
  "refused by Moodle ${sum[refused]}, imported by Moodle only ${sum[moodle-only]}," \
  "by the kiosk only ${sum[kiosk-only]}"
exit $fail
