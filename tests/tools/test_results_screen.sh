#!/usr/bin/env bash
# The class results and the discussion view on the instructor's screens
# (tests/replay/results_screen.replay) after the seminar of
# tests/tools/export_class.sh: counts, rates and item analysis as worked
# out by hand in the replay's comments; looking changes no row.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
. "$(dirname "$0")/export_class.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
make_class_db "$db" "$tmp"
dump() { sqlite3 "$db" "SELECT * FROM attempt; SELECT * FROM session; SELECT * FROM participant"; }
before=$(dump)
"$MINGBAI_BIN" replay tests/replay/results_screen.replay --shots "$tmp/shots" --db "$db"
[ "$(dump)" = "$before" ] || { echo "looking at the results changed the database"; exit 1; }
echo "ok: results and discussion as worked out by hand, nothing written"
