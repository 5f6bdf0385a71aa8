#!/usr/bin/env bash
# A new instructor's first seminar from an empty kiosk, on the touchscreen
# (tests/replay/instructor_walk.replay), then what they take away and keep:
# the PIN kept as a hash; the pack imported from a folder standing in for a
# USB stick and the shipped course hidden; the class list imported; one
# session with exactly the six answers of three participants (and the
# three units completed); the four
# files of the export on the stick, the statements accepted by a Learning
# Record Store's validator, no name in any file; a backup before the
# import and one after the session. Then a second kiosk
# (instructor_walk_b.replay) merged with the first, twice, and the kiosk
# restored from its last backup as README.md says: the same answers.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
need node nodejs
cd "${MINGBAI_SOURCE_DIR:-.}"
root=$PWD
export NODE_PATH=/usr/share/nodejs
node -e 'require("lodash")' 2>/dev/null ||
  skip "node finds no lodash in $NODE_PATH; get it with: apt-get install node-lodash"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
same() { # WHAT WANT GOT
  [ "$2" = "$3" ] || { printf 'FAIL: %s: expected\n%s\nfound\n%s\n' "$1" "$2" "$3"; exit 1; }
}
mkdir -p "$tmp/stick" "$tmp/kiosk" "$tmp/b"
cp -r tests/packs/good/bilingual "$tmp/stick/"
printf '\357\273\277name\nAna\nBo\n陈静\n' > "$tmp/stick/class.csv"
db=$tmp/kiosk/mingbai.db
MINGBAI_IMPORT_DIR=$tmp/stick MINGBAI_EXPORT_DIR=$tmp/stick "$MINGBAI_BIN" replay \
  tests/replay/instructor_walk.replay --shots "$tmp/shots" --db "$db"

q() { sqlite3 "$1" "$2"; }
same "packs" "bilingual 1.0 0
media-literacy 1.1 1" "$(q "$db" "SELECT id, version, hidden FROM pack ORDER BY id" | tr '|' ' ')"
same "participants" "Ana
Bo
陈静" "$(q "$db" "SELECT name FROM participant ORDER BY id")"
same "the session" "Seminar 1 ended bilingual/01-accounts" \
  "$(q "$db" "SELECT title, CASE WHEN ended_ms IS NULL THEN 'open' ELSE 'ended' END,
     (SELECT group_concat(pack_id || '/' || unit) FROM session_unit) FROM session" | tr '|' ' ')"
answers="Ana q1-1 en 1.0 1
Ana q1-2 en 1.0 1
Bo q1-1 en 0.0 1
Bo q1-2 en 1.0 1
陈静 q1-1 zh-Hans 0.0 1
陈静 q1-2 zh-Hans 0.0 1"
rows() { q "$1" "SELECT p.name, a.question_id, a.lang, a.score, a.session FROM attempt a
                 JOIN participant p ON p.id = a.participant ORDER BY p.name, a.question_id" | tr '|' ' '; }
same "the answers" "$answers" "$(rows "$db")"
same "settings" "kiosk_id pin_failures=0 pin_hash=\$argon2id\$ pin_wait_until_ms shipped_course_imported" \
  "$(q "$db" "SELECT key || CASE key WHEN 'pin_failures' THEN '=' || value
     WHEN 'pin_hash' THEN '=' || substr(value, 1, 10) ELSE '' END FROM setting ORDER BY key" | tr '\n' ' ' | sed 's/ $//')"

# The stick: the four files and nothing half-written; no names in them.
out=$tmp/stick/mingbai-session-1
same "files on the stick" "answers.csv progress.csv report.html statements.json" \
  "$(cd "$out" && ls -A | tr '\n' ' ' | sed 's/ $//')"
same "answer rows in answers.csv" 6 "$(tail -n +2 "$out/answers.csv" | wc -l)"
same "progress rows" 3 "$(tail -n +2 "$out/progress.csv" | wc -l)"
if grep -qw -e Ana -e Bo -e 陈静 "$out"/*; then fail "a name left the kiosk without being asked for"; fi
grep -q "<svg" "$out/report.html" || fail "the report has no chart"
summary=$(node "$root/tests/tools/xapi_validate.js" "$root/tests/tools/xapi-validator" "$out/statements.json" | tail -1)
same "the xAPI statements" "9 statements, 0 invalid, 9 ids, verbs: answered completed, interactions: choice true-false" "$summary"

# The kiosk's own backups: one before the import, one after the session.
same "backups" "import session" \
  "$(ls "$tmp/kiosk/backups" | sed 's/.*-\([a-z]*\)\.db$/\1/' | tr '\n' ' ' | sed 's/ $//')"

# A second kiosk, merged into a third file; merging again adds nothing.
"$MINGBAI_BIN" pack import tests/packs/good/bilingual --db "$tmp/b/mingbai.db" >/dev/null
"$MINGBAI_BIN" replay tests/replay/instructor_walk_b.replay --shots "$tmp/shots" --db "$tmp/b/mingbai.db"
"$MINGBAI_BIN" results merge "$db" "$tmp/b/mingbai.db" --into "$tmp/class.db" >/dev/null
same "merged" "$(printf '%s\n' "$answers" | head -4)
Dan q1-1 en 1.0 
$(printf '%s\n' "$answers" | tail -2)" "$(rows "$tmp/class.db")"
before=$(q "$tmp/class.db" "SELECT * FROM attempt; SELECT * FROM participant; SELECT * FROM session")
"$MINGBAI_BIN" results merge "$db" "$tmp/b/mingbai.db" --into "$tmp/class.db" >/dev/null
same "merged twice" "$before" "$(q "$tmp/class.db" "SELECT * FROM attempt; SELECT * FROM participant; SELECT * FROM session")"
mkdir "$tmp/all"
"$MINGBAI_BIN" export --format csv --out "$tmp/all" --db "$tmp/class.db" >/dev/null
same "answer rows exported from the merged file" 7 "$(tail -n +2 "$tmp/all/answers.csv" | wc -l)"

# A backup by hand, then the kiosk's file lost: restored from the last
# backup, the kiosk holds the same answers and exports the same file.
"$MINGBAI_BIN" backup "$tmp/by-hand.db" --db "$db" >/dev/null
same "the backup by hand" "$answers" "$(rows "$tmp/by-hand.db")"
rm -f "$db" "$db-wal" "$db-shm"
cp "$(ls -d "$tmp"/kiosk/backups/*-session.db)" "$db"
same "restored" "$answers" "$(rows "$db")"
mkdir "$tmp/again"
"$MINGBAI_BIN" export --format csv --out "$tmp/again" --session 1 --db "$db" >/dev/null
cmp "$out/answers.csv" "$tmp/again/answers.csv" || fail "the restored kiosk exports other answers"
printf 'screen attract\n' > "$tmp/start.replay"
"$MINGBAI_BIN" replay "$tmp/start.replay" --shots "$tmp/shots" --db "$db"
same "after a start on the restored file" "$answers" "$(rows "$db")"
echo "ok: a seminar from an empty kiosk: 6 answers of 3 participants, exported, validated, merged, restored"
