#!/usr/bin/env bash
# A new participant's first days on a 7-inch 800x480 panel, among a class
# of forty (tests/replay/walkthrough.replay): every screen's targets and
# texts checked, and then exactly what the database keeps: twelve answers,
# all theirs, each question of the unit once (the answers in the order
# the participant saw them, shuffled: the positions chosen are not all the
# first), and no new participant.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
new_kiosk_db "$db"
add_class "$db"
"$MINGBAI_BIN" replay tests/replay/walkthrough.replay --shots "$tmp" --db "$db" --px-per-mm 5.2
fail() { echo "$*"; exit 1; }
people=$(sqlite3 "$db" "SELECT count(*) FROM participant")
[ "$people" = 40 ] || fail "expected the forty of the class and no one else, found $people"
rows=$(sqlite3 "$db" "SELECT p.name, a.question_id, a.score, a.positions FROM attempt a
                     JOIN participant p ON p.id = a.participant ORDER BY a.id")
echo "$rows" > "$tmp/rows"
expected=tests/replay/walkthrough.rows
if ! diff -u "$expected" "$tmp/rows"; then
  fail "the answers kept differ from $expected (above)"
fi
firsts=$(sqlite3 "$db" "SELECT count(*) FROM attempt WHERE type IN ('multichoice') AND positions = '1'")
singles=$(sqlite3 "$db" "SELECT count(*) FROM attempt WHERE type IN ('multichoice')")
[ "$firsts" -lt "$singles" ] || fail "every single-choice answer was the first shown: not shuffled"
echo "ok: $(wc -l < "$tmp/rows") answers kept, as given, by WANG FANG alone"
