#!/usr/bin/env bash
# Coming back: a named participant finds their name on the roster a week
# later and continues reading where they stopped.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$MINGBAI_BIN" replay tests/replay/come_back.replay --shots "$tmp" --db "$tmp/kiosk.db"
pos=$(sqlite3 "$tmp/kiosk.db" "SELECT count(*) FROM participant WHERE name = 'Li' AND guest = 0")
[ "$pos" = 1 ] || { echo "participant Li not kept"; exit 1; }
echo "ok: roster and resume"
