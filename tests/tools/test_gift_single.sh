#!/usr/bin/env bash
# One GIFT file is enough: `mingbai pack check`, `show` and `import` take a
# bare quiz.gift, or the .txt Moodle's question bank exports. check gives
# the same touchscreen warnings the file gets inside a pack; import wraps it
# as a pack of one unit (id and title from the file name), says so, and the
# database holds exactly that pack and its questions.
set -u
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MINGBAI_DB="$tmp/kiosk.db"
fail=0
bad() { echo "FAIL: $*"; fail=1; }

quiz="$tmp/Week 3 quiz.txt"
printf '%s\n' '// question: 1  name: q1' '::q1::Which verb form? {=are growing up ~grow up}' '' \
  '::q2::Write the word. {=café}' '' '::q1::Again, the same name. {T}' >"$quiz"

# check: the keyboard warning as in a pack, the repeated name, exit 0.
"$bin" pack check "$quiz" >"$tmp/out" 2>&1 || bad "check exited $?"
{
  echo "$quiz:4:1: warning: short answer \"café\" cannot be typed on the kiosk's keyboard ('é' is not on it): it can never be answered right"
  echo "  hint: make it a multiple-choice question, or accept an answer written with Latin letters, digits and the signs on the keyboard"
  echo "$quiz:6:1: warning: id 'q1' is used again (first on line 2); Moodle imports both, and the kiosk calls this one 'q1 (2)'"
  echo "  hint: progress is kept by id: give each question its own ::name:: or [id:] so that it stays the same when the file changes"
  echo "0 errors, 2 warnings"
} >"$tmp/want"
diff -u "$tmp/want" "$tmp/out" || bad "check of a .txt file"

# The same file as .gift, and show reads the .txt.
cp "$quiz" "$tmp/w3.gift"
"$bin" pack check "$tmp/w3.gift" 2>&1 | grep -q "'é' is not on it" || bad "check of a .gift file"
"$bin" pack show --json "$quiz" >"$tmp/json" 2>/dev/null
grep -q '"id":"q1 (2)"' "$tmp/json" || bad "show --json of a .txt: no id 'q1 (2)'"

# import: says what it made; the database holds that pack, one unit, 3 questions.
"$bin" pack import "$quiz" >"$tmp/out" 2>"$tmp/err" || { bad "import exited $?"; cat "$tmp/err"; }
grep -qF "$quiz is one GIFT file: it becomes the pack week-3-quiz, \"Week 3 quiz\" (en), with one unit holding its questions" "$tmp/out" ||
  { bad "import does not say it wrapped the file"; cat "$tmp/out"; }
rows=$(sqlite3 "$MINGBAI_DB" "select id, title_en, coalesce(title_zh, '-'), units, questions from pack")
[ "$rows" = "week-3-quiz|Week 3 quiz|-|1|3" ] || bad "pack rows: $rows"
rows=$(sqlite3 "$MINGBAI_DB" "select unit, question_id, lang, type from question order by ord")
want="01-week-3-quiz|q1|en|multichoice
01-week-3-quiz|q2|en|shortanswer
01-week-3-quiz|q1 (2)|en|truefalse"
[ "$rows" = "$want" ] || bad "question rows: $rows"

# A Chinese file becomes a zh-Hans pack.
printf '::z1::媒介素养是什么？{=能力 ~运气}\n' >"$tmp/媒介.gift"
"$bin" pack import "$tmp/媒介.gift" >"$tmp/out" 2>&1 || bad "import of a Chinese file"
grep -qF "becomes the pack quiz, \"媒介\" (zh-Hans)" "$tmp/out" || { bad "Chinese file"; cat "$tmp/out"; }

[ $fail -eq 0 ] && echo "test_gift_single: ok"
exit $fail
