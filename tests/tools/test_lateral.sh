#!/usr/bin/env bash
# Read laterally (## read in activities/<slug>.<lang>.md) end to end, with
# tests/packs/good/activities imported into a fresh kiosk database:
# - tests/replay/lateral_en.replay searches about the invented institute,
#   opens two of its three pages and answers right (1);
#   lateral_zh.replay opens only the institute's own About page and answers
#   wrong (0); lateral_stay.replay answers right without leaving the
#   source's page;
# - the attempt rows, exactly (the pages opened in the response and after
#   the answer's position), at 800x480 and at 1920x1080;
# - the CSV and xAPI exports (a choice interaction);
# - pack show --json shows the sandbox's pages.
# Screenshots stay in $MINGBAI_BUILD_DIR/lateral-shots/.
set -u
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
need python3 python3
out=${MINGBAI_BUILD_DIR:-build}/lateral-shots
rm -rf "$out"; mkdir -p "$out"
fail=0

rows="SELECT question_id, type, lang, response, score, max, correct, positions, answers
      FROM attempt ORDER BY id"
want_en='r-read|read|en|A shipping group that wants a port there pays for it: check its study. | opened 2 of 3: Coastal Futures Institute - Open Encyclopedia; Charity registry: Coastal Futures Institute|1.0|1.0|1|2,2,3|1'
want_zh='r-read|read|zh-Hans|背后没有特定的人：它的首页说自己独立、不站队。 | opened 1 of 3: 关于我们 - 海岸未来研究所|0.0|1.0|0|3,1|2'
want_stay='r-read|read|en|A shipping group that wants a port there pays for it: check its study. | opened 0 of 3|1.0|1.0|1|2|1'

play() { # script, size, want
  dir="$out/$1-$2"
  mkdir -p "$dir"
  "$MINGBAI_BIN" --db "$dir/kiosk.db" pack import tests/packs/good/activities >/dev/null 2>&1
  if ! "$MINGBAI_BIN" replay "tests/replay/$1.replay" --shots "$dir" \
       --window "$2" --db "$dir/kiosk.db" 2>"$dir/stderr"; then
    echo "FAIL replay $1 at $2 (screenshots in $dir)"
    grep -av ': info: ' "$dir/stderr" | sed 's/^/  /'
    fail=1
  fi
  check "$1 $2: the attempt rows" "$3" "$(sqlite3 "$dir/kiosk.db" "$rows" 2>&1)"
}
for size in 800x480 1920x1080; do
  play lateral_en "$size" "$want_en"
  play lateral_zh "$size" "$want_zh"
done
play lateral_stay 800x480 "$want_stay"

db="$out/lateral_en-800x480/kiosk.db"
"$MINGBAI_BIN" export --format csv --out "$out/csv" --db "$db" >/dev/null 2>&1
check "csv: the lateral reading's row" 'r-read,read,en,A shipping group that wants a port there pays for it: check its study. | opened 2 of 3: Coastal Futures Institute - Open Encyclopedia; Charity registry: Coastal Futures Institute,1,1,1' \
  "$(grep ',r-read,' "$out/csv/answers.csv" | cut -d, -f8-14)"
"$MINGBAI_BIN" export --format xapi --out "$out/xapi" --db "$db" >/dev/null 2>&1
check "xapi: a choice of three answers" 'choice 3 ["a1"] a1 1.0 True' \
  "$(python3 - "$out/xapi/statements.json" <<'PY'
import json, sys
for st in json.load(open(sys.argv[1])):
    if st["object"]["id"].endswith("r-read"):
        d = st["object"]["definition"]
        print(d["interactionType"], len(d["choices"]), json.dumps(d["correctResponsesPattern"]),
              st["result"]["response"], st["result"]["score"]["scaled"], st["result"]["success"])
PY
)"

check "pack show --json: the sandbox" 'read r-read 4 [None, Our mission, our team and our values., A think tank founded in 2019 by a shipping groups former director., Registered 2019. Income in 2024: 1.2 million, 96% from one donor.] [3, 2, 2, 2] [1, 0, 0]' \
  "$("$MINGBAI_BIN" pack show tests/packs/good/activities/activities/02-lateral.en.md --json |
     python3 -c '
import json, sys
for q in json.load(sys.stdin)["questions"]:
    print(q["type"], q["id"], len(q["pages"]),
          str([p["snippet"] for p in q["pages"]]).replace("'"'"'", "").replace("\"", ""),
          [len(p["paragraphs"]) for p in q["pages"]], [a["fraction"] for a in q["answers"]])
')"

[ $fail -eq 0 ] && echo "lateral reading: pages opened, answered, kept and exported in both languages"
exit $fail
