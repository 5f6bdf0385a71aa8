#!/usr/bin/env bash
# The whole shipped course through the real kiosk, in both languages: the
# generator (tests/tools/gen_course_walk.py) reads every quiz of
# content/media-literacy as the kiosk parses it (`mingbai pack show --json`)
# and writes one replay script per language that opens units 01..08 as a
# guest, screenshots each unit's first screen, checks its layout and answers
# every question right on the touch screen (answer buttons, ticks, matching
# pairs, the on-screen keypad), checking the verdict after each and the full
# score on each summary. After each unit's quiz come its activities
# (content/media-literacy/activities): the post is marked with exactly the
# sentences that use a technique and each sentence's verdict and why are
# read, the feed is sorted into its order and each place read, and the
# discussion prompts are passed and found again on the summary. Both
# scripts run at 800x480 with fresh databases; then SQLite must hold
# exactly one right attempt row per scored question and activity of the
# course, in course order, and nothing else; each activity's row exactly
# (the marked sentences or the order, the score, the sentence or item
# numbers).
# Screenshots, databases and logs stay in $MINGBAI_BUILD_DIR/course-walk/.
set -u
. "$(dirname "$0")/need.sh"
need python3 python3
need sqlite3 sqlite3
src=$(cd "$(dirname "$0")/../.." && pwd)
cd "$src"
bin=${MINGBAI_BIN:-$src/build/mingbai}
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}
export SDL_RENDER_DRIVER=${SDL_RENDER_DRIVER:-software}
out=${MINGBAI_BUILD_DIR:-$src/build}/course-walk
rm -rf "$out"; mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
t0=$(date +%s%N)

if ! python3 tests/tools/gen_course_walk.py "$tmp" --mingbai "$bin"; then
  echo "FAIL the generator found questions it cannot answer on the touch screen:"
  sed 's/^/  /' "$tmp/problems.txt"
  fail=1
fi
cp "$tmp"/course_walk_*.replay "$tmp"/expected_*.txt "$out"/ 2>/dev/null
t1=$(date +%s%N)

# Both languages at once, each with its own fresh database.
declare -A pid
for lang in en zh; do
  mkdir -p "$out/$lang"
  "$bin" replay "$tmp/course_walk_$lang.replay" --shots "$out/$lang" --window 800x480 \
    --db "$out/$lang/kiosk.db" 2>"$out/$lang/stderr" &
  pid[$lang]=$!
done
for lang in en zh; do
  if ! wait "${pid[$lang]}"; then
    echo "FAIL replay course_walk_$lang (script $out/course_walk_$lang.replay, screenshots in $out/$lang)"
    grep -v ': info: ' "$out/$lang/stderr" | sed 's/^/  /'
    fail=1
  fi
done
t2=$(date +%s%N)

check() { # name, want, got
  if [ "$2" != "$3" ]; then
    echo "FAIL $1"
    diff <(printf '%s\n' "$2") <(printf '%s\n' "$3") | head -20 | sed 's/^/    /'
    fail=1
  else
    echo "ok   $1"
  fi
}
q() { sqlite3 "$out/$1/kiosk.db" "$2" 2>&1; }

declare -A dblang=([en]=en [zh]=zh-Hans)
for lang in en zh; do
  want=$(cat "$tmp/expected_$lang.txt")
  n=$(grep -c . "$tmp/expected_$lang.txt")
  # One right row per scored question, in course order, and no other row.
  check "$lang: $n right attempt rows, one per scored question" "$want" \
    "$(q $lang "SELECT unit || '|' || question_id || '|' || type FROM attempt
                WHERE correct = 1 AND score = max AND max > 0 AND review = 0 ORDER BY id")"
  # The activities' rows exactly: what was marked, placed, grouped or chosen
  # (with the pages opened), the score,
  # the sentences' or items' numbers.
  check "$lang: $(grep -c . "$tmp/expected_activities_$lang.txt") activity rows, exactly" \
    "$(cat "$tmp/expected_activities_$lang.txt")" \
    "$(q $lang "SELECT unit || '|' || question_id || '|' || type || '|' || response || '|' ||
                       printf('%.1f', score) || '|' || printf('%.1f', max) || '|' || correct || '|' ||
                       answers
                FROM attempt WHERE type IN ('markpost', 'sort', 'read', 'group') ORDER BY id")"
  check "$lang: no other attempt rows" "$n|$n|$n" \
    "$(q $lang "SELECT count(*), count(DISTINCT unit || '/' || question_id), sum(correct) FROM attempt")"
  check "$lang: every row in ${dblang[$lang]}, one guest" "${dblang[$lang]}|1|1" \
    "$(q $lang "SELECT group_concat(DISTINCT lang), count(DISTINCT participant),
                       (SELECT sum(guest) FROM participant) FROM attempt")"
  check "$lang: nothing waits for review" "0" "$(q $lang "SELECT count(*) FROM review")"
  # Answers are shuffled: the right single choice is not always the first
  # option (in the course as written it is, 47 times out of 47), every row
  # keeps its order seed, and every tapped answer its position on screen.
  first=$(q $lang "SELECT count(*) FROM attempt WHERE type = 'multichoice' AND positions = '1'")
  single=$(q $lang "SELECT count(*) FROM attempt WHERE type = 'multichoice'")
  echo "     $lang: the right single choice was shown first in $first of $single questions"
  check "$lang: the right answer is not first by habit" "yes" \
    "$( [ "$single" -gt 0 ] && [ $((first * 2)) -lt "$single" ] && echo yes || echo no)"
  check "$lang: every row has its order seed and its positions" "0|0" \
    "$(q $lang "SELECT sum(order_seed = 0), sum(positions = '' AND type NOT IN ('shortanswer', 'numerical'))
                FROM attempt")"
  echo "     $lang per unit: $(q $lang "SELECT unit || ' ' || count(*) FROM attempt GROUP BY unit ORDER BY unit" | tr '\n' ';')"
  missing=""
  for nn in 01 02 03 04 05 06 07 08; do
    [ -s "$out/$lang/unit$nn-first.png" ] || missing="$missing unit$nn-first.png"
  done
  for nn in 02 03 04 05 06 07 08; do
    [ -s "$out/$lang/unit$nn-summary.png" ] || missing="$missing unit$nn-summary.png"
  done
  check "$lang: the eight unit-first and seven summary screenshots" "" "$missing"
done

ms() { echo $(( ($2 - $1) / 1000000 )); }
echo "time: generator $(ms $t0 $t1) ms, replays $(ms $t1 $t2) ms (both languages in parallel)"
exit $fail
