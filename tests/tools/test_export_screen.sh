#!/usr/bin/env bash
# The export screen (tests/replay/export_screen.replay) with
# MINGBAI_EXPORT_DIR for the stick: exactly the four files of the three
# formats in mingbai-session-1, and nothing else anywhere in the folder;
# the CSV and the xAPI statements the same bytes as `mingbai export` writes
# for session 1; the database unchanged. Then a stick that is gone
# (tests/replay/export_screen_gone.replay): the failure is said and no
# file is made.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
. "$(dirname "$0")/export_class.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "$*"; exit 1; }
db=$tmp/kiosk.db
make_class_db "$db" "$tmp"
dump() { sqlite3 "$db" "SELECT * FROM attempt; SELECT * FROM session; SELECT * FROM participant"; }
before=$(dump)
mkdir "$tmp/stick"
MINGBAI_EXPORT_DIR=$tmp/stick "$MINGBAI_BIN" replay tests/replay/export_screen.replay \
  --shots "$tmp/shots" --db "$db"
got=$(cd "$tmp/stick" && find . | LC_ALL=C sort | tr '\n' ' ')
want=". ./mingbai-session-1 ./mingbai-session-1/answers.csv ./mingbai-session-1/progress.csv ./mingbai-session-1/report.html ./mingbai-session-1/statements.json "
[ "$got" = "$want" ] || fail "files on the stick: $got"
mkdir "$tmp/cli"
for f in csv xapi; do
  "$MINGBAI_BIN" export --format $f --out "$tmp/cli" --session 1 --db "$db" >/dev/null
done
for f in answers.csv progress.csv statements.json; do
  cmp "$tmp/cli/$f" "$tmp/stick/mingbai-session-1/$f" || fail "$f differs from mingbai export's"
done
grep -q "p-anna0001" "$tmp/stick/mingbai-session-1/answers.csv" || fail "no pseudonym in answers.csv"
! grep -q "ANNA" "$tmp/stick/mingbai-session-1/answers.csv" "$tmp/stick/mingbai-session-1/report.html" ||
  fail "a name left the kiosk without being asked for"
[ "$(dump)" = "$before" ] || fail "exporting changed the database"
MINGBAI_EXPORT_DIR=$tmp/gone "$MINGBAI_BIN" replay tests/replay/export_screen_gone.replay \
  --shots "$tmp/shots" --db "$db"
[ ! -e "$tmp/gone" ] || fail "the export made the missing stick's folder"
echo "ok: the four files of session 1 on the stick, as mingbai export writes them; a missing stick said"
