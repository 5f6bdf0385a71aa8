#!/usr/bin/env bash
# The roster of a whole class (tests/replay/roster.replay): forty names,
# every one reachable at 800x480, initials to narrow the list, and no second
# participant for a name already there. The database then holds the forty
# and no one else.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
new_kiosk_db "$db"
add_class "$db"
n=$(sqlite3 "$db" "SELECT count(*) FROM participant")
"$MINGBAI_BIN" replay tests/replay/roster.replay --shots "$tmp" --db "$db"
after=$(sqlite3 "$db" "SELECT count(*) FROM participant")
[ "$n" = 40 ] && [ "$after" = "$n" ] || { echo "expected the $n names and no new one, found $after"; exit 1; }
echo "ok: $n names, each reachable, no duplicate added"
