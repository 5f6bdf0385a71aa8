#!/usr/bin/env bash
# Proof that a Learning Record Store accepts the xAPI export: every
# statement of a seminar's export (tests/tools/export_class.sh: every
# scored question type, in English and Chinese) and of the export of all
# answers is checked by Learning Locker's validator, npm's
# @learninglocker/xapi-validation (tests/tools/xapi_validate.js), run with
# node. The validator is installed from the npm registry into the build
# tree ($MINGBAI_BUILD_DIR/npm-xapi, kept between runs), never into the
# repository. Without node or npm, or when the registry cannot be reached,
# the test is skipped (exit 77) and says why.
set -u
. "$(dirname "$0")/need.sh"
. "$(dirname "$0")/export_class.sh"
need sqlite3 sqlite3
need node nodejs
need npm npm
cd "${MINGBAI_SOURCE_DIR:-.}"
root=$PWD
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
MINGBAI_BIN=$bin
build=$(realpath "${MINGBAI_BUILD_DIR:-build}")
mod=$build/npm-xapi
version=3.0.0
if [ ! -f "$mod/node_modules/@learninglocker/xapi-validation/package.json" ] ||
   ! grep -q "\"version\": \"$version\"" "$mod/node_modules/@learninglocker/xapi-validation/package.json"; then
  mkdir -p "$mod"
  (cd "$mod" && npm install --no-audit --no-fund --no-save --silent \
      "@learninglocker/xapi-validation@$version" >"$mod/install.log" 2>&1) ||
    skip "npm could not install @learninglocker/xapi-validation@$version (see $mod/install.log)"
fi
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
