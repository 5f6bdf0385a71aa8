#!/usr/bin/env bash
# Descriptions are not numbered questions (tests/replay/descriptions.replay):
# a GIFT file with two descriptions and two questions, imported as one
# file, shows "Question 1 of 2" and "Question 2 of 2", "Information" over
# each description, "2 questions" on the home; the two answers are kept.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' '::d1::Read this before you start.' '' '::q1::Which? {=right ~wrong}' '' \
  '::d2::One more note.' '' '::q2::Sure? {T}' >"$tmp/Notes first.gift"
"$MINGBAI_BIN" pack import "$tmp/Notes first.gift" --db "$tmp/kiosk.db" >/dev/null 2>&1
"$MINGBAI_BIN" replay tests/replay/descriptions.replay --shots "$tmp/shots" --db "$tmp/kiosk.db"
rows=$(sqlite3 "$tmp/kiosk.db" "SELECT question_id, score FROM attempt WHERE question_id LIKE 'q%' ORDER BY id" | tr '\n' ' ')
[ "$rows" = "q1|1.0 " ] || { echo "expected the answer to q1, found: $rows"; exit 1; }
echo "ok: descriptions are not counted as questions"
