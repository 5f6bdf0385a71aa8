#!/usr/bin/env bash
# "Check my answer" is visibly not ready until an answer is chosen
# (tests/replay/check_ready.replay): a hint says why, a tap on it does
# nothing, and the one answer then given is the only row kept.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$MINGBAI_BIN" replay tests/replay/check_ready.replay --shots "$tmp" --db "$tmp/kiosk.db"
rows=$(sqlite3 "$tmp/kiosk.db" "SELECT question_id, correct FROM attempt ORDER BY id" | tr '\n' ' ')
[ "$rows" = "u1-q1|1 " ] || { echo "expected one right answer to u1-q1, found: $rows"; exit 1; }
echo "ok: nothing checked before an answer was chosen, then one answer kept"
