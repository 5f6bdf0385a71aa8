#!/usr/bin/env bash
# End to end: answer a question through the real program (headless replay,
# finger events with SDL's synthetic mouse twins), then read the answer row
# back from SQLite: one row, the right question, scored, on disk.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$MINGBAI_BIN" replay tests/replay/first_answer.replay --shots "$tmp/shots" --db "$tmp/kiosk.db"
rows=$(sqlite3 "$tmp/kiosk.db" "SELECT question_id, type, score, max, correct, response FROM attempt")
echo "attempt rows: $rows"
want="u1-q1|multichoice|1.0|1.0|1|The phone number you registered with"
if [ "$rows" != "$want" ]; then
  echo "expected exactly one row: $want"
  exit 1
fi
# One tap counted once: a single attempt, and the participant is one guest.
n=$(sqlite3 "$tmp/kiosk.db" "SELECT count(*) FROM participant")
[ "$n" = 1 ] || { echo "expected one participant, found $n"; exit 1; }
uuid=$(sqlite3 "$tmp/kiosk.db" "SELECT uuid FROM attempt")
[[ "$uuid" =~ ^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$ ]] || { echo "bad uuid $uuid"; exit 1; }
echo "ok: the answer is in the database"
