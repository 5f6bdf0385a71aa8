#!/usr/bin/env bash
# Idle: the "still there?" prompt, then sign-out to the attract screen, and
# the answer given before it is still in the database.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$MINGBAI_BIN" replay tests/replay/idle.replay --shots "$tmp" --db "$tmp/kiosk.db"
n=$(sqlite3 "$tmp/kiosk.db" "SELECT count(*) FROM attempt WHERE question_id = 'u1-q1' AND correct = 1")
[ "$n" = 1 ] || { echo "the answer before the idle sign-out is missing"; exit 1; }
echo "ok: prompted, signed out, answer kept"
