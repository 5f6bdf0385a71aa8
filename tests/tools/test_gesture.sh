#!/usr/bin/env bash
# A tap belongs to what got its press (tests/replay/gesture.replay): the
# touch that dismisses the idle prompt, a touch that stops a flicked page
# and a press slid onto another answer do nothing underneath; the attract
# screen's "Tap anywhere to start" button starts. The database then holds
# exactly the one answer that was tapped on purpose.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$MINGBAI_BIN" replay tests/replay/gesture.replay --shots "$tmp" --db "$tmp/kiosk.db"
rows=$(sqlite3 "$tmp/kiosk.db" "SELECT question_id, response, score FROM attempt")
want="u1-q1|The phone number you registered with|1.0"
[ "$rows" = "$want" ] || { echo "expected exactly the row $want, found: $rows"; exit 1; }
echo "ok: only the answer tapped on purpose is kept"
