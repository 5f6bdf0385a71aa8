#!/usr/bin/env bash
# Moodle XML question files through `mingbai pack`: a lone .xml checks,
# shows (--json) and imports as a pack of one unit with its embedded images
# as files of the pack; a pack folder with quizzes/*.xml checks; a DOCTYPE
# is refused at its line; `pack preview` writes every question and its
# feedback as screenshots with an index, in English and Chinese, without
# creating or touching the kiosk's database.
set -u
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
. "$(dirname "$0")/need.sh" # without sqlite3 or python3: exit 77, which ctest reports as SKIPPED
need sqlite3 sqlite3
need python3 python3
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MINGBAI_DB="$tmp/kiosk.db"
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy SDL_RENDER_DRIVER=software
fail=0
bank=tests/packs/moodle/world-maps.xml

run() { # run STATUS DESCRIPTION COMMAND...
  local want=$1 what=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -ne "$want" ]; then
    echo "FAIL: $what: exit $rc, expected $want"
    cat "$tmp/out" "$tmp/err"
    fail=1
  fi
}
same() { # same FILE EXPECTED DESCRIPTION
  if [ "$(cat "$1")" != "$2" ]; then
    echo "FAIL: $3:"
    diff <(printf '%s\n' "$2") "$1"
    fail=1
  fi
}

run 0 "check a question file" "$bin" pack check "$bank"
same "$tmp/out" "$bank:70:3: warning: \"Area\" skipped: the kiosk does not show questions of type calculated
  hint: the kiosk shows multichoice, truefalse, shortanswer, numerical, matching, description and essay questions" \
  "check names the question left out and its type"
same "$tmp/err" "0 errors, 1 warning" "check's summary"

run 0 "check a pack with quizzes/*.xml" "$bin" pack check tests/packs/moodle/folder
run 1 "a DOCTYPE is refused" "$bin" pack check tests/packs/moodle/xxe.xml
same "$tmp/out" "tests/packs/moodle/xxe.xml:2:1: error: a DOCTYPE is not read: its entities could reach outside the file
  hint: Moodle's export has none; remove the <!DOCTYPE ...> line" "the DOCTYPE message"

run 0 "show --json" "$bin" pack show --json "$bank"
python3 - "$tmp/out" >"$tmp/shown" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
for q in j["questions"]:
    print(q["type"], q["id"], q["format"], q["category"], len(q["answers"]))
print(j["questions"][0]["text"])
PY
same "$tmp/shown" 'multichoice ocean-1 html $course$/top/Maps 2
truefalse Earth round moodle $course$/top/Maps 2
numerical Continents html $course$/top/Maps 1
<p>Which ocean is shown in <b>blue</b>?</p><p><img src="@@PLUGINFILE@@/world%20map.png" alt="map" width="160" height="90"></p>' \
  "show reads every type, the raw HTML and its format"

run 0 "import a question file" "$bin" pack import "$bank"
tail -n 1 "$tmp/out" >"$tmp/last"
grep -qF "$bank is one Moodle XML file: it becomes the pack world-maps, \"world-maps\" (en), with one unit holding its questions" "$tmp/out" ||
  { echo "FAIL: import does not say what the file became:"; cat "$tmp/out"; fail=1; }
# The version is the file's time (a later edit imports over the earlier one).
sed -i 's/ [0-9]\{4\}\.[0-9]\{1,4\}\.[0-9]\{1,6\}:/ VERSION:/' "$tmp/last"
same "$tmp/last" "imported world-maps VERSION: 1 units, 3 questions" "import's report"
sqlite3 "$MINGBAI_DB" "SELECT id, version FROM pack; SELECT unit, question_id, type FROM question ORDER BY ord;
  SELECT path FROM pack_file ORDER BY path" | sed 's/^world-maps|[0-9]\{4\}\.[0-9]\{1,4\}\.[0-9]\{1,6\}$/world-maps|VERSION/' >"$tmp/rows"
same "$tmp/rows" 'world-maps|VERSION
01-world-maps|ocean-1|multichoice
01-world-maps|Earth round|truefalse
01-world-maps|Continents|numerical
media/01-world-maps.en/tick.png
media/01-world-maps.en/world-map.png
pack.ini
quizzes/01-world-maps.en.xml
units/01-world-maps.en.md' "the database holds the pack, its questions and its images"

# Preview: a temporary database only (in TMPDIR, here a folder of this
# test's own, which other tests running at the same time do not touch); the
# kiosk's is never created.
rm -f "$MINGBAI_DB"
export TMPDIR="$tmp/tmpdir"
mkdir "$TMPDIR"
run 0 "preview" "$bin" pack preview "$bank" --shots "$tmp/shots"
tail -n 1 "$tmp/out" >"$tmp/last"
same "$tmp/last" "previewed 3 questions: 9 screenshots and $tmp/shots/index.html" "preview's report"
(cd "$tmp/shots" && ls) >"$tmp/files"
same "$tmp/files" '01-world-maps-q01-feedback-wrong.png
01-world-maps-q01-feedback.png
01-world-maps-q01-question.png
01-world-maps-q02-feedback-wrong.png
01-world-maps-q02-feedback.png
01-world-maps-q02-question.png
01-world-maps-q03-feedback-wrong.png
01-world-maps-q03-feedback.png
01-world-maps-q03-question.png
index.html' "one shot per question and per feedback, right and wrong"
[ -e "$MINGBAI_DB" ] && { echo "FAIL: preview created the kiosk's database"; fail=1; }
[ "$(grep -o '<img src="[^"]*"' "$tmp/shots/index.html" | wc -l)" -eq 9 ] ||
  { echo "FAIL: index.html does not list the 9 screenshots"; fail=1; }
python3 - "$tmp/shots/01-world-maps-q01-question.png" <<'PY' || fail=1
import struct, sys
d = open(sys.argv[1], "rb").read(24)
w, h = struct.unpack(">II", d[16:24])
if d[:8] != b"\x89PNG\r\n\x1a\n" or (w, h) != (800, 480):
    sys.exit(f"FAIL: the question shot is not an 800x480 PNG ({w}x{h})")
PY
LANG=zh_CN.UTF-8 run 0 "preview in Chinese" "$bin" pack preview "$bank" --shots "$tmp/zh" --window 1920x1080
tail -n 1 "$tmp/out" >"$tmp/last"
same "$tmp/last" "已预览 3 道题：9 张截图和 $tmp/zh/index.html" "preview's report in Chinese"
run 2 "preview without --shots" "$bin" pack preview "$bank"
run 1 "preview of a refused file" "$bin" pack preview tests/packs/moodle/xxe.xml --shots "$tmp/x"
[ -e "$tmp/x" ] && { echo "FAIL: a refused file still got a preview folder"; fail=1; }
[ -e "$MINGBAI_DB" ] && { echo "FAIL: preview created the kiosk's database"; fail=1; }
[ -z "$(ls -A "$TMPDIR")" ] || { echo "FAIL: the temporary database was left behind:"; ls -A "$TMPDIR"; fail=1; }
[ $fail -eq 0 ] && echo "pack xml: check, show, import and preview as expected"
exit $fail
