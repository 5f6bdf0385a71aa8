#!/usr/bin/env bash
# A participant's code (tests/replay/code_wrong.replay, code_right.replay):
# the instructor gives BAO LI a code on the roster; a wrong code at sign-in
# records nothing for BAO LI (only the count of wrong tries); five wrong
# tries make the pad wait, which the instructor can clear on the roster;
# the right code signs BAO LI in, and the one
# answer given is theirs. `participant set-code` and `clear-code` from a
# shell, in English and Chinese. Only a hash of the code is kept, and no export
# (CSV, xAPI, HTML) holds it or its hash.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
new_kiosk_db "$db"
add_class "$db"
fail() { printf '%s: expected\n%s\nfound\n%s\n' "$1" "$2" "$3"; exit 1; }
# What is kept of and for a participant, table by table.
rows() {
  sqlite3 "$db" "SELECT 'attempt', p.name, a.question_id FROM attempt a JOIN participant p ON p.id = a.participant
    UNION ALL SELECT 'resume', participant, pack_id FROM resume
    UNION ALL SELECT 'unit_position', participant, unit FROM unit_position
    UNION ALL SELECT 'quiz_progress', participant, unit FROM quiz_progress
    UNION ALL SELECT 'review', participant, question_id FROM review
    UNION ALL SELECT 'guest', count(*), '' FROM participant WHERE guest <> 0"
}
"$MINGBAI_BIN" replay tests/replay/code_wrong.replay --shots "$tmp" --db "$db"
got=$(sqlite3 "$db" "SELECT p.name, c.failures, c.hash GLOB '\$argon2id\$*', instr(c.hash, '4821') FROM participant_code c JOIN participant p ON p.id = c.participant")
[ "$got" = "BAO LI|1|1|0" ] || fail "codes" "BAO LI|1|1|0" "$got"
got=$(rows)
[ "$got" = "guest|0|" ] || fail "rows after a wrong code" "guest|0|" "$got"
"$MINGBAI_BIN" replay tests/replay/code_right.replay --shots "$tmp" --db "$db"
got=$(sqlite3 "$db" "SELECT p.name, c.failures, c.wait_until_ms FROM participant_code c JOIN participant p ON p.id = c.participant")
[ "$got" = "BAO LI|0|0" ] || fail "codes" "BAO LI|0|0" "$got"
want=$(printf '%s\n' "attempt|BAO LI|u1-q1" "guest|0|")
got=$(rows | grep -v '^resume\|^unit_position\|^quiz_progress\|^review')
[ "$got" = "$want" ] || fail "rows after the right code" "$want" "$got"
bao=$(sqlite3 "$db" "SELECT id FROM participant WHERE name = 'BAO LI'")
got=$(sqlite3 "$db" "SELECT DISTINCT participant FROM resume UNION SELECT participant FROM unit_position
  UNION SELECT participant FROM quiz_progress UNION SELECT participant FROM review")
[ -z "$got" ] || [ "$got" = "$bao" ] || fail "progress kept for" "$bao" "$got"
# The shell commands: set-code from a pipe (the second line repeats it),
# refused for a code that is not 4 digits, two that differ, nobody; then
# clear-code; messages in English and in Chinese.
cli() { "$MINGBAI_BIN" participant "$@" --db "$db"; }
out=$(printf '1357\n1357\n' | cli set-code p-2) || { echo "set-code failed: $out"; exit 1; }
[ "$out" = "CAO MIN (p-2) has a code now; it is asked when they tap their name." ] || fail "set-code says" "CAO MIN (p-2) has a code now; ..." "$out"
got=$(sqlite3 "$db" "SELECT p.pseudo, c.failures, instr(c.hash, '1357') FROM participant_code c JOIN participant p ON p.id = c.participant ORDER BY p.id")
[ "$got" = $'p-1|0|0\np-2|0|0' ] || fail "codes after set-code" $'p-1|0|0\np-2|0|0' "$got"
for bad in 123 12345 12a4; do
  if printf '%s\n' "$bad" | cli set-code p-3 2>"$tmp/err"; then echo "set-code took $bad"; exit 1; fi
  grep -q "a code is 4 digits" "$tmp/err" || { cat "$tmp/err"; exit 1; }
done
if printf '1111\n2222\n' | LANG=zh_CN.UTF-8 cli set-code p-3 2>"$tmp/err"; then echo "set-code took two codes"; exit 1; fi
grep -q "两次输入的密码不一致" "$tmp/err" || { cat "$tmp/err"; exit 1; }
if printf '1111\n' | cli set-code p-nobody 2>"$tmp/err"; then echo "set-code for nobody"; exit 1; fi
grep -q "no participant p-nobody" "$tmp/err" || { cat "$tmp/err"; exit 1; }
[ "$(sqlite3 "$db" "SELECT count(*) FROM participant_code")" = 2 ] || { echo "a refused set-code kept a code"; exit 1; }
out=$(LANG=zh_CN.UTF-8 cli clear-code p-2)
[ "$out" = "CAO MIN（p-2）现在没有密码了。" ] || fail "clear-code says" "CAO MIN（p-2）现在没有密码了。" "$out"
out=$(cli clear-code 3)
[ "$out" = "CAO MIN (p-2) had no code." ] || fail "clear-code by row id says" "CAO MIN (p-2) had no code." "$out"
got=$(sqlite3 "$db" "SELECT p.pseudo FROM participant_code c JOIN participant p ON p.id = c.participant")
[ "$got" = p-1 ] || fail "codes after clear-code" p-1 "$got"
# The exports hold neither the code nor its hash.
hash=$(sqlite3 "$db" "SELECT hash FROM participant_code")
salt=$(printf '%s' "$hash" | awk -F'$' '{print $5}')
for fmt in csv xapi html; do
  mkdir "$tmp/out-$fmt"
  "$MINGBAI_BIN" export --format "$fmt" --out "$tmp/out-$fmt" --names --db "$db" >/dev/null
  if grep -rqi -e '4821' -e 'argon2' -e "$salt" -e 'participant_code' "$tmp/out-$fmt"; then
    echo "the $fmt export holds the code or its hash"; exit 1
  fi
  grep -rq 'u1-q1' "$tmp/out-$fmt" || { echo "the $fmt export does not hold the answer"; exit 1; }
done
echo "ok: a wrong code records nothing, the right one lets BAO LI answer; set-code and clear-code; no export holds the code"
