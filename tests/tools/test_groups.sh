#!/usr/bin/env bash
# Sort into groups (## sort with groups: in activities/<slug>.<lang>.md)
# end to end, with tests/packs/good/activities imported into a fresh
# kiosk database:
# - tests/replay/groups_en.replay taps posts and then their group, drags
#   one from a group onto another, takes one back, and leaves one in the
#   wrong group (3 of 4: 0.75); groups_zh.replay puts all in their group (1);
# - the attempt rows, exactly, at 800x480 and at 1920x1080;
# - the CSV and xAPI exports (a matching of items to groups);
# - pack show --json shows the groups and each item's.
# Screenshots stay in $MINGBAI_BUILD_DIR/groups-shots/.
set -u
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
need python3 python3
out=${MINGBAI_BUILD_DIR:-build}/groups-shots
rm -rf "$out"; mkdir -p "$out"
fail=0

rows="SELECT question_id, type, lang, response, score, max, correct, positions, answers
      FROM attempt ORDER BY id"
want_en='g-sort|group|en|A travel blogger'"'"'s post ending with "#ad: the hotel paid for my stay". -> official; A city council notice with the office'"'"'s name and a phone number. -> official; A reader'"'"'s review of a bakery, bought with her own money. -> independent; A "tips" video made for a bank, shown with "in partnership with". -> sponsored|0.75|1.0|0|3,1,3,2|1:3,2:3,3:2,4:1'
want_zh='g-sort|group|zh-Hans|一位旅行博主的帖子，结尾写着“#广告：酒店承担了我的住宿费”。 -> 赞助; 市政府的一则通知，写明了部门名称和咨询电话。 -> 官方; 一位读者对一家面包店的点评，面包是她自己掏钱买的。 -> 独立; 一段为银行制作的“理财小贴士”视频，标着“合作推广”。 -> 赞助|1.0|1.0|1|3,1,1,2|1:1,2:3,3:2,4:1'

for size in 800x480 1920x1080; do
  for lang in en zh; do
    dir="$out/$lang-$size"
    mkdir -p "$dir"
    "$MINGBAI_BIN" --db "$dir/kiosk.db" pack import tests/packs/good/activities >/dev/null 2>&1
    if ! "$MINGBAI_BIN" replay "tests/replay/groups_$lang.replay" --shots "$dir" \
         --window "$size" --db "$dir/kiosk.db" 2>"$dir/stderr"; then
      echo "FAIL replay groups_$lang at $size (screenshots in $dir)"
      grep -av ': info: ' "$dir/stderr" | sed 's/^/  /'
      fail=1
    fi
    want=$want_en; [ $lang = zh ] && want=$want_zh
    check "$lang $size: the attempt rows" "$want" "$(sqlite3 "$dir/kiosk.db" "$rows" 2>&1)"
  done
done

db="$out/en-800x480/kiosk.db"
"$MINGBAI_BIN" export --format csv --out "$out/csv" --db "$db" >/dev/null 2>&1
check "csv: the sort into groups" 'g-sort,group,en,0.75,1,0' \
  "$(grep ',g-sort,' "$out/csv/answers.csv" | python3 -c '
import csv, sys
for r in csv.reader(sys.stdin):
    print(",".join([r[7], r[8], r[9], r[11], r[12], r[13]]))')"
"$MINGBAI_BIN" export --format xapi --out "$out/xapi" --db "$db" >/dev/null 2>&1
check "xapi: a matching of items to groups" 'matching 4 3 ["i1[.]g1[,]i2[.]g3[,]i3[.]g2[,]i4[.]g1"] i1[.]g3[,]i2[.]g3[,]i3[.]g2[,]i4[.]g1 0.75' \
  "$(python3 - "$out/xapi/statements.json" <<'PY'
import json, sys
for st in json.load(open(sys.argv[1])):
    if st["object"]["id"].endswith("g-sort"):
        d = st["object"]["definition"]
        print(d["interactionType"], len(d["source"]), len(d["target"]),
              json.dumps(d["correctResponsesPattern"]), st["result"]["response"],
              st["result"]["score"]["scaled"])
PY
)"

check "pack show --json: the groups" "group g-sort ['sponsored', 'independent', 'official'] [0, 2, 1, 0]" \
  "$("$MINGBAI_BIN" pack show tests/packs/good/activities/activities/03-groups.en.md --json |
     python3 -c '
import json, sys
for q in json.load(sys.stdin)["questions"]:
    print(q["type"], q["id"], q["groups"], [a["group"] for a in q["answers"]])
')"

[ $fail -eq 0 ] && echo "sort into groups: placed, scored, kept and exported in both languages"
exit $fail
