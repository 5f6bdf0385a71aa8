#!/usr/bin/env bash
# The activities of a pack (activities/<slug>.<lang>.md) end to end, with
# tests/packs/good/activities imported into a fresh kiosk database:
# - tests/replay/activities_en.replay marks the invented post with three
#   sentences of five judged right (0.6) and reads each sentence's verdict,
#   then sorts the feed with two items of four in their place (0.5);
#   activities_zh.replay does both all right (1); both continue past the
#   discussion prompt, which keeps no row;
# - the attempt rows, exactly, at 800x480 and at 1920x1080;
# - the CSV and xAPI exports carry the marked sentences and the score;
# - pack show --json shows the post, its account, date and techniques.
# Screenshots stay in $MINGBAI_BUILD_DIR/activities-shots/.
set -u
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
need python3 python3
out=${MINGBAI_BUILD_DIR:-build}/activities-shots
rm -rf "$out"; mkdir -p "$out"
fail=0

rows="SELECT question_id, type, lang, response, score, max, correct, positions, answers
      FROM attempt ORDER BY id"
want_en='p-q1|truefalse|en|true|1.0|1.0|1|1|true
p-post|markpost|en|A tea from the hills of Yunnan has been drunk there for centuries.; Experts agree that it clears the body of toxins.; 93% of readers who tried it felt better within a week.|0.6|1.0|0|1,2,3|1,2,3
p-sort|sort|en|A city notice naming the office, the date and a phone number to call.; A news report quoting a named doctor at a named hospital.; A forwarded message: "my cousin'"'"'s friend saw it".; A post that says "experts say", with no names.|0.5|1.0|0|1,3,2,4|1,2,4,3'
want_zh='p-q1|truefalse|zh-Hans|false|0.0|1.0|0|2|false
p-post|markpost|zh-Hans|专家一致认为，它能清除体内毒素。; 试喝过的读者中，93% 在一周内感觉好转。; 为了家人，趁还来得及，赶快行动吧。|1.0|1.0|1|2,3,4|2,3,4
p-sort|sort|zh-Hans|市政府的通知，写明了部门、日期和咨询电话。; 新闻报道引用了某医院一位有名有姓的医生的话。; 一篇帖子说“专家表示”，却没有任何名字。; 一条转发的消息：“我表哥的朋友亲眼看见的”。|1.0|1.0|1|1,3,4,2|1,2,3,4'

for size in 800x480 1920x1080; do
  for lang in en zh; do
    dir="$out/$lang-$size"
    mkdir -p "$dir"
    "$MINGBAI_BIN" --db "$dir/kiosk.db" pack import tests/packs/good/activities >/dev/null 2>&1
    if ! "$MINGBAI_BIN" replay "tests/replay/activities_$lang.replay" --shots "$dir" \
         --window "$size" --db "$dir/kiosk.db" 2>"$dir/stderr"; then
      echo "FAIL replay activities_$lang at $size (screenshots in $dir)"
      grep -v ': info: ' "$dir/stderr" | sed 's/^/  /'
      fail=1
    fi
    want=$want_en; [ $lang = zh ] && want=$want_zh
    check "$lang $size: the attempt rows" "$want" "$(sqlite3 "$dir/kiosk.db" "$rows" 2>&1)"
  done
done

# The exports of the English answers.
"$MINGBAI_BIN" export --format xapi --out "$out/xapi" --db "$out/en-800x480/kiosk.db" >/dev/null 2>&1
check "xapi: the sort as a sequence" 'sequencing 4 ["a1[,]a2[,]a3[,]a4"] a1[,]a2[,]a4[,]a3 0.5' \
  "$(python3 - "$out/xapi/statements.json" <<'PY'
import json, sys
for st in json.load(open(sys.argv[1])):
    if st["object"]["id"].endswith("p-sort"):
        d = st["object"]["definition"]
        print(d["interactionType"], len(d["choices"]), json.dumps(d["correctResponsesPattern"]),
              st["result"]["response"], st["result"]["score"]["scaled"])
PY
)"
db="$out/en-800x480/kiosk.db"
"$MINGBAI_BIN" export --format csv --out "$out/csv" --db "$db" >/dev/null 2>&1
check "csv: the post's row" 'p-post,markpost,en,A tea from the hills of Yunnan has been drunk there for centuries.; Experts agree that it clears the body of toxins.; 93% of readers who tried it felt better within a week.,0.6,1,0' \
  "$(grep ',p-post,' "$out/csv/answers.csv" | cut -d, -f8-14)"
"$MINGBAI_BIN" export --format xapi --out "$out/xapi" --db "$db" >/dev/null 2>&1
check "xapi: the post as a choice of sentences" 'choice 5 ["a2[,]a3[,]a4"] a1[,]a2[,]a3 0.6 False' \
  "$(python3 - "$out/xapi/statements.json" <<'PY'
import json, sys
for st in json.load(open(sys.argv[1])):
    if st["object"]["id"].endswith("p-post"):
        d = st["object"]["definition"]
        print(d["interactionType"], len(d["choices"]), json.dumps(d["correctResponsesPattern"]),
              st["result"]["response"], st["result"]["score"]["scaled"], st["result"]["success"])
PY
)"

# pack show --json: the post as the file writes it.
check "pack show --json: the post" 'markpost p-post Wellness Notes Daily|12 March 2025|[None, borrowed authority, a number without a source, emotional framing, None]|[0, 1, 1, 1, 0]
essay p-discuss
sort p-sort' \
  "$("$MINGBAI_BIN" pack show tests/packs/good/activities/activities/01-practice.en.md --json |
     python3 -c '
import json, sys
for q in json.load(sys.stdin)["questions"]:
    if q["type"] == "markpost":
        print(q["type"], q["id"], q["account"] + "|" + q["date"] + "|" +
              str([a["technique"] for a in q["answers"]]).replace("'"'"'", "") + "|" +
              str([a["fraction"] for a in q["answers"]]))
    else:
        print(q["type"], q["id"])
')"

[ $fail -eq 0 ] && echo "activities: marked, scored, kept and exported in both languages"
exit $fail
