#!/usr/bin/env bash
# Formatted question text end to end: imports tests/packs/good/formatted
# (questions in [html] as Moodle's editor writes them, [markdown], [moodle]
# and [plain], in English and Chinese), runs tests/replay/formatted_en and
# formatted_zh at 800x480 and 1920x1080, each with a fresh database (the
# screens show formatted text and never a tag), then reads the attempt rows
# back (the responses as text, without markup) and exports CSV, xAPI and
# the HTML report: none holds a tag of the questions. The screenshots stay
# in $MINGBAI_BUILD_DIR/formatted-shots/.
set -u
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
out=${MINGBAI_BUILD_DIR:-build}/formatted-shots
rm -rf "$out"; mkdir -p "$out"
fail=0

for lang in en zh; do
  for size in 800x480 1920x1080; do
    dir="$out/$lang-$size"
    mkdir -p "$dir"
    "$MINGBAI_BIN" --db "$dir/kiosk.db" pack import tests/packs/good/formatted >/dev/null 2>&1
    if ! "$MINGBAI_BIN" replay "tests/replay/formatted_$lang.replay" --shots "$dir" \
         --window "$size" --db "$dir/kiosk.db" 2>"$dir/stderr"; then
      echo "FAIL replay formatted_$lang at $size (screenshots in $dir)"
      grep -v ': info: ' "$dir/stderr" | sed 's/^/  /'
      fail=1
    else
      echo "ok   replay formatted_$lang at $size"
    fi
  done
done

q() { sqlite3 "$out/$1/kiosk.db" "$2" 2>&1; }
rows="SELECT question_id, type, score, lang, response FROM attempt ORDER BY id"
check "en: the attempt rows, responses without markup" \
"q-html|multichoice|0.0|en|A photo editor
q-markdown|multichoice|1.0|en|The original photo's file
q-moodle|truefalse|0.0|en|false
q-plain|truefalse|1.0|en|true
q-multi|multiresponse|0.0|en|A reverse image search; The number of likes" "$(q en-800x480 "$rows")"
check "zh: the attempt rows, responses without markup" \
"q-html|multichoice|0.0|zh-Hans|修图软件
q-markdown|multichoice|1.0|zh-Hans|原始照片文件
q-moodle|truefalse|0.0|zh-Hans|false
q-plain|truefalse|1.0|zh-Hans|true
q-multi|multiresponse|0.0|zh-Hans|以图搜图; 点赞数" "$(q zh-800x480 "$rows")"

# Exports: the questions' and answers' text, never their tags.
db="$out/en-800x480/kiosk.db"
for fmt in csv xapi html; do
  dir="$out/export-$fmt"
  rm -rf "$dir"; mkdir -p "$dir"
  if ! "$MINGBAI_BIN" export --db "$db" --out "$dir" --format "$fmt" >/dev/null 2>"$dir.err"; then
    echo "FAIL export $fmt"; sed 's/^/  /' "$dir.err"; fail=1; continue
  fi
  # what the questions' source holds, raw or escaped: never in an export
  tags=$(grep -ohE 'dir=|<b>reverse|&lt;b&gt;reverse|<strong>search|&lt;strong|<em>TinEye|&lt;em&gt;|<u>changes|&lt;u&gt;|<p>A |&lt;p|<img src|&lt;img|\*\*these|<sub>|&lt;sub' \
         -r "$dir" | sort -u)
  check "export $fmt: no tag of a question" "" "$tags"
done
check "xapi: the question as text" "1" \
  "$(grep -c 'A reverse image search finds earlier copies of a picture.' "$out/export-xapi/"*.json)"
check "html: the question as text" "1" \
  "$(grep -c 'A reverse image search finds earlier copies of a picture.' "$out/export-html/"*.html | head -1 | sed 's/^[1-9][0-9]*$/1/')"
exit $fail
