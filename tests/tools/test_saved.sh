#!/usr/bin/env bash
# "Saved" is true by construction: with a database that refuses to add a
# participant, no session starts (as a guest or by name) and the sign-in
# says why; with one that refuses reading places and answers, each refusal
# is shown and no feedback claims an answer is saved. The database then
# holds exactly what was acknowledged: here, nothing.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
new_kiosk_db "$db"

sqlite3 "$db" "CREATE TRIGGER refuse_participant BEFORE INSERT ON participant
               BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;"
"$MINGBAI_BIN" replay tests/replay/saved_guest.replay --shots "$tmp" --db "$db"
n=$(sqlite3 "$db" "SELECT count(*) FROM participant")
[ "$n" = 0 ] || { echo "expected no participant, found $n"; exit 1; }

sqlite3 "$db" "DROP TRIGGER refuse_participant;
               CREATE TRIGGER refuse_place BEFORE INSERT ON resume
               BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
               CREATE TRIGGER refuse_position BEFORE INSERT ON unit_position
               BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
               CREATE TRIGGER refuse_answer BEFORE INSERT ON attempt
               BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;"
"$MINGBAI_BIN" replay tests/replay/saved_place.replay --shots "$tmp" --db "$db"
rows=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM participant), (SELECT count(*) FROM attempt),
                             (SELECT count(*) FROM resume), (SELECT count(*) FROM unit_position)")
[ "$rows" = "1|0|0|0" ] || { echo "expected one guest and nothing else kept, found $rows"; exit 1; }
echo "ok: no session without a participant, every refusal shown, nothing claimed"
