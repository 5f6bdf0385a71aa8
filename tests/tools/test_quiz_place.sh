#!/usr/bin/env bash
# Leaving a quiz keeps the place (tests/replay/quiz_place.replay): back to
# the reader at question 3 and into the quiz again resumes at question 3;
# the two answers given are kept once each.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$MINGBAI_BIN" replay tests/replay/quiz_place.replay --shots "$tmp" --db "$tmp/kiosk.db"
rows=$(sqlite3 "$tmp/kiosk.db" "SELECT question_id FROM attempt ORDER BY id" | tr '\n' ' ')
[ "$rows" = "u1-q1 u1-q2 " ] || { echo "expected the answers to u1-q1 and u1-q2 once each, found: $rows"; exit 1; }
echo "ok: the quiz went on where it was left"
