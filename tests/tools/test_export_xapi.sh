#!/usr/bin/env bash
# Proof that a Learning Record Store accepts the xAPI export: every
# statement of a seminar's export (tests/tools/export_class.sh: every
# scored question type, in English and Chinese) and of the export of all
# answers is checked by Learning Locker's validator, npm's
# @learninglocker/xapi-validation (tests/tools/xapi_validate.js), run with
# node. The validator and its rule library are kept in the repository
# (tests/tools/xapi-validator/, see its README), lodash comes from Debian's
# node-lodash: the test needs no registry. Without node or node-lodash it
# is skipped (exit 77) and says why.
set -u
. "$(dirname "$0")/need.sh"
. "$(dirname "$0")/export_class.sh"
need sqlite3 sqlite3
need node nodejs
cd "${MINGBAI_SOURCE_DIR:-.}"
root=$PWD
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
MINGBAI_BIN=$bin
mod=$root/tests/tools/xapi-validator
export NODE_PATH=/usr/share/nodejs
node -e 'require("lodash")' 2>/dev/null ||
  skip "node finds no lodash in $NODE_PATH; get it with: apt-get install node-lodash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/shots" "$tmp/session" "$tmp/all"
make_class_db "$tmp/kiosk.db" "$tmp/shots" || { echo "FAIL: the seminar could not be replayed"; exit 1; }
fail=0
for what in session all; do
  args=(--format xapi --out "$tmp/$what" --db "$tmp/kiosk.db")
  [ $what = session ] && args+=(--session 1)
  "$bin" export "${args[@]}" >/dev/null || { echo "FAIL: export $what"; fail=1; continue; }
  out=$(node "$root/tests/tools/xapi_validate.js" "$mod" "$tmp/$what/statements.json")
  rc=$?
  echo "$what: $out" | tail -1
  [ $rc = 0 ] || { echo "FAIL: the validator refused statements of the $what export:"; echo "$out"; fail=1; }
done
# The seminar: 22 answers and 2 whole units; every type the kiosk scores.
want="24 statements, 0 invalid, 24 ids, verbs: answered completed, interactions: choice fill-in matching numeric true-false"
summary=$(node "$root/tests/tools/xapi_validate.js" "$mod" "$tmp/session/statements.json" | tail -1)
[ "$summary" = "$want" ] || { echo "FAIL: expected \"$want\", found \"$summary\""; fail=1; }
exit $fail
