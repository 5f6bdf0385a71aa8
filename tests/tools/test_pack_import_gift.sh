#!/usr/bin/env bash
# One GIFT file on a USB stick is enough (tests/replay/packs_gift.replay):
# the pack import screen lists .gift files and the .txt Moodle exports (not
# a README.txt), and imports the .txt as a pack of one unit; the database
# holds that pack and its questions.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
shots=${MINGBAI_BUILD_DIR:-build}/pack-import-gift-shots
rm -rf "$shots"
mkdir "$tmp/stick"
printf '%s\n' '$CATEGORY: $course$/top/Week 3' '' '::w3-1::Which verb form? {=are growing up ~grow up}' '' \
  '::w3-2::The sun rises in the east. {T}' >"$tmp/stick/Week 3 quiz.txt"
printf '%s\n' '::n1::A note. {T}' >"$tmp/stick/notes.gift"
printf '%s\n' 'Copy the quizzes to the kiosk.' >"$tmp/stick/README.txt"
export MINGBAI_IMPORT_DIR="$tmp/stick"
db="$tmp/k.db"
"$MINGBAI_BIN" replay tests/replay/packs_gift.replay --shots "$shots" --db "$db"
rows=$(sqlite3 "$db" "SELECT id || ' ' || units || ' ' || questions FROM pack WHERE id <> 'media-literacy' ORDER BY id" | tr '\n' ';')
[ "$rows" = "week-3-quiz 1 2;" ] || { echo "packs after the import: $rows"; exit 1; }
q=$(sqlite3 "$db" "SELECT question_id || ' ' || type FROM question WHERE pack_id = 'week-3-quiz' ORDER BY ord" | tr '\n' ';')
[ "$q" = "w3-1 multichoice;w3-2 truefalse;" ] || { echo "questions: $q"; exit 1; }
echo "ok: a GIFT file on the stick imported as a pack"
