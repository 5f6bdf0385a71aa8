#!/usr/bin/env bash
# `mingbai pack` end to end on a temporary database: import, the same and an
# older edition refused, a newer one replacing it, list, export-gift read
# back by `pack check`, show --json, remove, usage errors (exit 2), a
# backup before an import into a database that holds a pack, and a
# bad pack refused without touching the database. Without python3 every
# other check still runs, and a run that found nothing wrong ends with exit 77
# (skipped), since the JSON was not read back.
set -u
# The messages checked here are the English ones, whatever the locale.
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MINGBAI_DB="$tmp/kiosk.db"
fail=0

expect() { # expect STATUS DESCRIPTION COMMAND...
  local want=$1 what=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -ne "$want" ]; then
    echo "FAIL: $what: exit $rc, expected $want"
    cat "$tmp/out" "$tmp/err"
    fail=1
  fi
}
contains() { # contains FILE TEXT DESCRIPTION
  if ! grep -qF -- "$2" "$1"; then
    echo "FAIL: $3: no \"$2\" in:"
    cat "$1"
    fail=1
  fi
}

good=tests/packs/good/bilingual
expect 0 "import" "$bin" pack import "$good"
contains "$tmp/out" "imported bilingual 1.0: 3 units, 6 questions" "import"
expect 1 "same version again" "$bin" pack import "$good"
contains "$tmp/err" "bilingual 1.0 is already on the kiosk" "same version"

cp -R "$good" "$tmp/v2"
sed -i 's/^version = 1.0/version = 1.10/' "$tmp/v2/pack.ini"
expect 0 "newer edition" "$bin" pack import "$tmp/v2"
contains "$tmp/out" "replacing bilingual 1.0" "newer edition"
# A backup before each import into a database that holds something.
contains "$tmp/out" "backed up to $tmp/backups/mingbai-000001-" "backup before the import"
n=$(ls "$tmp/backups" | grep -c '^mingbai-[0-9]\{6\}-.*-import\.db$')
[ "$n" = 1 ] || { echo "FAIL: backup before the import: $n backups, expected 1"; fail=1; }
[ "$(sqlite3 "$tmp/backups/"mingbai-000001-*.db "SELECT version FROM pack")" = 1.0 ] ||
  { echo "FAIL: the backup before the import does not hold the pack as it was"; fail=1; }
expect 1 "older edition" "$bin" pack import "$good"
contains "$tmp/err" "newer than 1.0" "older edition"

expect 0 "list" "$bin" pack list
contains "$tmp/out" "bilingual" "list"
contains "$tmp/out" "1.10" "list"

expect 0 "export-gift" "$bin" pack export-gift bilingual --lang zh-Hans -o "$tmp/zh.gift"
contains "$tmp/zh.gift" "::q2-4::" "exported GIFT"
expect 0 "exported GIFT checks clean" "$bin" pack check "$tmp/zh.gift"
expect 0 "show --json" "$bin" pack show "$tmp/zh.gift" --json
have_python=0
if command -v python3 >/dev/null; then
  have_python=1
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["questions"]) == 6' \
    "$tmp/out" || { echo "FAIL: show --json is not the expected JSON"; fail=1; }
fi

# `pack show` (text) gives formatted questions as the kiosk reads them: no
# tags, each paragraph on its own line, the format named; --json keeps the
# source as written.
printf '%s\n' '::h1::[html]<p>Which is a <b>primary</b> source?</p><p>Pick one.</p>{' \
  '=[html]The <i>original</i> letter#[html]<b>Yes:</b> written at the time.' \
  '~A later summary#Written afterwards.' '}' >"$tmp/fmt.gift"
expect 0 "show formatted" "$bin" pack show "$tmp/fmt.gift"
cat >"$tmp/want" <<'WANT'
[1] multichoice  h1  line 1
    text: Which is a primary source?
          Pick one.
    format: html (shown without its markup)
    100.00%  The original letter
             feedback: Yes: written at the time.
      0.00%  A later summary
             feedback: Written afterwards.
WANT
tail -n +2 "$tmp/out" | diff -u "$tmp/want" - || { echo "FAIL: pack show of an [html] question"; fail=1; }
expect 0 "show formatted --json" "$bin" pack show "$tmp/fmt.gift" --json
contains "$tmp/out" '<p>Which is a <b>primary</b> source?</p>' "show --json keeps the source"

expect 1 "bad pack refused" "$bin" pack import tests/packs/bad/manifest-format-newer
contains "$tmp/out" "pack format 2 is newer than this kiosk understands" "bad pack"
contains "$tmp/err" "not imported" "bad pack"

# Hidden from participants and shown again, from a shell.
expect 0 "hide" "$bin" pack hide bilingual
contains "$tmp/out" "bilingual is hidden from participants" "hide"
[ "$(sqlite3 "$MINGBAI_DB" "SELECT hidden FROM pack WHERE id = 'bilingual'")" = 1 ] ||
  { echo "FAIL: hide did not hide"; fail=1; }
expect 0 "list hidden" "$bin" pack list
contains "$tmp/out" "(hidden from participants)" "list hidden"
expect 0 "unhide" "$bin" pack unhide bilingual
contains "$tmp/out" "participants see bilingual again" "unhide"
[ "$(sqlite3 "$MINGBAI_DB" "SELECT hidden FROM pack WHERE id = 'bilingual'")" = 0 ] ||
  { echo "FAIL: unhide did not show"; fail=1; }
expect 1 "hide an unknown pack" "$bin" pack hide nope
contains "$tmp/err" "no pack with id nope on the kiosk" "hide an unknown pack"
expect 2 "hide without an id" "$bin" pack hide

expect 0 "remove" "$bin" pack remove bilingual
expect 1 "remove again" "$bin" pack remove bilingual
expect 0 "list empty" "$bin" pack list
contains "$tmp/out" "no packs" "list empty"

expect 2 "no command" "$bin" pack
contains "$tmp/err" "usage: mingbai pack" "usage"
expect 2 "unknown command" "$bin" pack frobnicate
expect 2 "check without a path" "$bin" pack check
expect 2 "export-gift without --lang" "$bin" pack export-gift bilingual
expect 2 "export-gift with a bad language" "$bin" pack export-gift bilingual --lang fr

[ $fail -eq 0 ] || exit 1
[ $have_python = 1 ] || need python3 python3
echo "pack cli: import, editions, list, export, show, remove and usage behave"
