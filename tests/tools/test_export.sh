#!/usr/bin/env bash
# `mingbai export` and `mingbai session` end to end on a seminar replayed
# through the real screens (tests/tools/export_class.sh): the CSV files row
# by row (UTF-8 with a BOM, RFC 4180, numbers as numbers, formulas
# neutralised but a negative number kept a number, names only with
# --names), the session's answers only and every answer without
# --session, xAPI statement ids equal to the stored UUIDs and the same on a
# second export, the HTML report self-contained; and the failures: a
# missing folder, a file where the folder should be, a read-only folder and
# a full disk (small tmpfs mounts, when run as root) each give a message
# with the path, exit 1 and leave no file behind. The database is never changed by an export.
set -u
. "$(dirname "$0")/need.sh"
. "$(dirname "$0")/export_class.sh"
need sqlite3 sqlite3
need python3 python3
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
MINGBAI_BIN=$bin
tmp=$(mktemp -d)
mounted=()
cleanup() {
  for m in "${mounted[@]}"; do umount "$m" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
db=$tmp/kiosk.db
export TZ=Asia/Shanghai

mkdir -p "$tmp/shots"
make_class_db "$db" "$tmp/shots" || { echo "FAIL: the seminar could not be replayed"; exit 1; }
before=$(sqlite3 "$db" .dump | md5sum)

run() { # DIR ARGS...: export into DIR (made fresh)
  local dir=$1
  shift
  rm -rf "$dir"; mkdir -p "$dir"
  "$bin" export --db "$db" --out "$dir" "$@" >"$tmp/out" 2>"$tmp/err"
}

# ---- CSV of session 1 ----
run "$tmp/csv" --format csv --session 1 || { cat "$tmp/err"; fail=1; }
check "csv: the files" "answers.csv
progress.csv" "$(ls -A "$tmp/csv")"
check "csv: BOM and header" "efbbbf616e737765725f69642c73657373696f6e2c" \
  "$(head -c 21 "$tmp/csv/answers.csv" | od -An -tx1 | tr -d ' \n')"
check "csv: CRLF line ends only" "23 23" \
  "$(grep -c $'\r$' "$tmp/csv/answers.csv") $(wc -l <"$tmp/csv/answers.csv")"

# One row per answer of the session (DAI WEI's answer before it is not one),
# the cells as read by a CSV reader; names left out without --names.
csvrows() { # FILE COLUMNS...
  python3 - "$@" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
for r in rows:
    print('|'.join(r[c] for c in sys.argv[2:]))
EOF
}
check "csv: the session's answers" "p-anna0001||u1-q1|multichoice|en|The phone number you registered with|1|1|1|0
p-anna0001||u1-q2|multiresponse|en|It counts active accounts, and one person can hold several|0.5|1|0|0
p-anna0001||u1-q3|multichoice|en|Newspapers moving their print articles online|0|1|0|0
p-anna0001||u1-q4|multichoice|en|First platformization, then infrastructuralization|1|1|1|0
p-anna0001||u1-q5|multichoice|en|You cannot easily pay, reach your employer or use local services without it|1|1|1|0
p-anna0001||u1-q6|multichoice|en|Telephone companies|0|1|0|0
p-anna0001||u1-q7|numerical|en|2011|1|1|1|0
p-anna0001||u1-q8|truefalse|en|false|0|1|0|0
p-anna0001||u1-q9|match|en|Platform -> A service that connects users, firms and developers and sets their rules; Platformization -> Platforms becoming the web’s main economic and infrastructural model; Infrastructuralization -> Accounts active in a month, as counted by the company; Monthly active users -> A platform becoming so embedded that opting out is costly|0.5|1|0|0
p-anna0001||u1-q10|shortanswer|en|'=1+1|0|1|0|0
p-wang0002||u1-q1|multichoice|zh-Hans|你现在所在的国家（以手机定位为准）|0|1|0|0
p-wang0002||u1-q2|multiresponse|zh-Hans|统计的是活跃账户，一个人可能有好几个账户; 这是公司自己统计的数字，没有外部机构核实; 这些账户全部在中国大陆|0.5|1|0|0
p-wang0002||u1-q3|multichoice|zh-Hans|平台成为网络主导的经济与基础设施模式|1|1|1|0
p-wang0002||u1-q4|multichoice|zh-Hans|先审查，再宣传，最后监控|0|1|0|0
p-wang0002||u1-q5|multichoice|zh-Hans|离开它就很难付款、联系单位或办理本地服务|1|1|1|0
p-wang0002||u1-q6|multichoice|zh-Hans|亚马逊、苹果、脸书、谷歌和微软|1|1|1|0
p-wang0002||u1-q7|numerical|zh-Hans|-2011|0|1|0|0
p-wang0002||u1-q8|truefalse|zh-Hans|true|1|1|1|0
p-wang0002||u1-q9|match|zh-Hans|平台 -> 连接用户、企业和开发者并为其制定规则的服务; 平台化 -> 平台成为网络主要的经济与基础设施模式; 基础设施化 -> 平台深度嵌入生活，退出代价很高; 月活跃用户 -> 一个月内活跃的账户数，由公司自己统计|1|1|1|0
p-wang0002||u1-q10|shortanswer|zh-Hans|zhanghu|1|1|1|0
p-form0003||u1-q1|multichoice|en|The phone number you registered with|1|1|1|0
p-form0003||u1-q2|multiresponse|en|It counts active accounts, and one person can hold several|0.5|1|0|0" \
  "$(csvrows "$tmp/csv/answers.csv" participant name question type language response score max correct review)"
check "csv: the same session, pack and kiosk on every row" "1|media-literacy|1.1|01-platforms|$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'kiosk_id'")" \
  "$(csvrows "$tmp/csv/answers.csv" session pack pack_version unit kiosk | sort -u)"
check "csv: answer ids are the stored UUIDs" \
  "$(sqlite3 "$db" "SELECT uuid FROM attempt WHERE session = 1 ORDER BY answered_ms, id")" \
  "$(csvrows "$tmp/csv/answers.csv" answer_id)"
# Times in ISO 8601 with the zone (TZ=Asia/Shanghai), seconds as a number.
check "csv: times with their zone" "ok" "$(python3 - "$tmp/csv/answers.csv" "$db" <<'EOF'
import csv, re, sqlite3, sys
from datetime import datetime
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
db = sqlite3.connect(sys.argv[2])
want = db.execute("SELECT started_ms, answered_ms FROM attempt WHERE session = 1 ORDER BY answered_ms, id").fetchall()
for r, (s, a) in zip(rows, want):
    for cell, ms in ((r['started'], s), (r['answered'], a)):
        assert re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00', cell), cell
        assert round(datetime.fromisoformat(cell).timestamp() * 1000) == ms, (cell, ms)
    assert abs(float(r['seconds']) - (a - s) / 1000) < 1e-9, r['seconds']
print('ok')
EOF
)"
# Written as the spreadsheet must read them: numbers bare, the formula-like
# answer quoted and led by an apostrophe, the negative number bare.
check "csv: raw cells" '"'"'"'=1+1",0,1,0,0
-2011,0,1,0,0' "$(grep -o -e '"'"'"'=1+1",0,1,0,0' -e ',-2011,0,1,0,0' "$tmp/csv/answers.csv" | sed 's/^,//')"

check "csv: progress per participant per unit" "1|p-anna0001||10|10|4|5|10|50
1|p-wang0002||10|10|6|6.5|10|65
1|p-form0003||10|2|1|1.5|2|75" \
  "$(csvrows "$tmp/csv/progress.csv" session participant name questions answered correct score max percent)"

# With --names: the names, the formula-like one neutralised.
run "$tmp/names" --format csv --session 1 --names || { cat "$tmp/err"; fail=1; }
check "csv --names: names" "p-anna0001|ANNA
p-wang0002|王芳
p-form0003|'=2+3" "$(csvrows "$tmp/names/answers.csv" participant name | uniq)"
check "csv --names: progress names" "ANNA
王芳
'=2+3" "$(csvrows "$tmp/names/progress.csv" name)"

# Without --session: every answer, the one before the session too.
run "$tmp/all" --format csv || { cat "$tmp/err"; fail=1; }
check "csv, all answers: rows and sessions" "23
|p-dai00004|u1-q1" "$(($(wc -l <"$tmp/all/answers.csv") - 1))
$(csvrows "$tmp/all/answers.csv" session participant question | head -1)"

# ---- xAPI ----
run "$tmp/xapi" --format xapi --session 1 || { cat "$tmp/err"; fail=1; }
check "xapi: the file" "statements.json" "$(ls -A "$tmp/xapi")"
check "xapi: answered ids are the stored UUIDs, completed for whole units" \
  "$(sqlite3 "$db" "SELECT 'answered ' || uuid FROM attempt WHERE session = 1 ORDER BY answered_ms, id" | sed -e '10a completed' -e '20a completed')" \
  "$(python3 -c '
import json, sys
for s in json.load(open(sys.argv[1])):
    v = s["verb"]["id"].rsplit("/", 1)[1]
    print(v + (" " + s["id"] if v == "answered" else ""))' "$tmp/xapi/statements.json")"
run "$tmp/xapi2" --format xapi --session 1
check "xapi: a second export is the same, byte for byte" "same" \
  "$(cmp -s "$tmp/xapi/statements.json" "$tmp/xapi2/statements.json" && echo same)"
check "xapi: no names" "" "$(grep -o -e ANNA -e 王芳 -e '=2+3' "$tmp/xapi/statements.json")"

# ---- HTML ----
run "$tmp/html" --format html --session 1 --lang zh-Hans || { cat "$tmp/err"; fail=1; }
h=$tmp/html/report.html
check "html: the file" "report.html" "$(ls -A "$tmp/html")"
check "html: title, charts, nothing to load, no names" "2 0 0 1" \
  "$(grep -c '<svg' "$h") $(grep -ciE '<script|<link|src=|url\(|https?:' "$h")\
 $(grep -c 'ANNA' "$h") $(grep -c '<h1>Seminar 1: platforms / 第一次研讨</h1>' "$h")"

# ---- failures: a message with the path, exit 1, nothing left ----
expect_fail() { # NAME DIR TEXT ARGS...
  local name=$1 dir=$2 text=$3
  shift 3
  "$bin" export --db "$db" --out "$dir" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  check "$name: exit 1" 1 $rc
  if ! grep -qF -- "$text" "$tmp/err"; then
    echo "FAIL $name: no \"$text\" in:"; cat "$tmp/err"; fail=1
  fi
  [ -d "$dir" ] && check "$name: nothing left in $dir" "" "$(ls -A "$dir")"
}
expect_fail "missing folder" "$tmp/nowhere/out" \
  "cannot write to the folder $tmp/nowhere/out: No such file or directory; nothing was written" --format csv
check "the reason said once" "1" "$(grep -o 'No such file or directory' "$tmp/err" | wc -l)"
# A folder that does not exist yet, in one that does: made, and written.
"$bin" export --db "$db" --out "$tmp/new" --format csv >/dev/null 2>"$tmp/err"
check "a new folder" "0 answers.csv progress.csv" "$? $(ls "$tmp/new" 2>&1 | tr '\n' ' ' | sed 's/ $//')"
touch "$tmp/afile"
expect_fail "a file, not a folder" "$tmp/afile" "cannot write to $tmp/afile: it is not a folder" \
  --format html
if [ "$(id -u)" = 0 ] && mkdir -p "$tmp/ro" "$tmp/full" &&
   mount -t tmpfs -o size=4k,ro tmpfs "$tmp/ro" 2>/dev/null; then
  mounted+=("$tmp/ro")
  expect_fail "read-only folder" "$tmp/ro" \
    "cannot write $tmp/ro/statements.json: the disk or stick is read-only" --format xapi
  if mount -t tmpfs -o size=4k tmpfs "$tmp/full"; then
    mounted+=("$tmp/full")
    expect_fail "full disk" "$tmp/full" "the disk or stick is full" --format csv --names
  fi
elif [ "$(id -u)" != 0 ]; then
  mkdir -p "$tmp/ro" && chmod 555 "$tmp/ro"
  expect_fail "read-only folder" "$tmp/ro" "cannot write $tmp/ro/statements.json" --format xapi
  echo "note: not root: the full-disk case did not run (unit.test_report has a file size limit)"
else
  echo "note: no tmpfs here: the read-only and full-disk cases did not run"
fi

# ---- usage, unknown session, sessions ----
"$bin" export --db "$db" --out "$tmp" --format pdf >/dev/null 2>"$tmp/err"
check "unknown format: exit 2" "2" "$?"
mkdir -p "$tmp/nine"
expect_fail "unknown session" "$tmp/nine" "there is no session 9" --format csv --session 9
check "session list" "1	ended	22 answers	Seminar 1: platforms / 第一次研讨	units: media-literacy/01-platforms	packs: media-literacy" \
  "$("$bin" session list --db "$db")"
check "exports leave the database as it was" "$before" "$(sqlite3 "$db" .dump | md5sum)"
"$bin" session start --title "Two" --db "$db" >/dev/null
"$bin" session start --title "Three" --db "$db" >/dev/null 2>"$tmp/err"
check "a second open session is refused" "1 session 2 \"Two\" is still open" \
  "$? $(sed 's/^mingbai session: //; s/: end it first$//' "$tmp/err")"
"$bin" session end --db "$db" >"$tmp/out"
check "ending a session backs the kiosk up" "session 2 ended
backed up to $tmp/backups/mingbai-NNNNNN-session.db" \
  "$(sed 's/[0-9]\{6\}-[0-9]\{8\}T[0-9]\{6\}Z/NNNNNN/' "$tmp/out")"
check "two session backups: the seminar's (ended on the screen) and this one" "2" \
  "$(ls "$tmp/backups" | grep -c -- '-session\.db$')"
# A session over units or packs the kiosk does not have is refused.
before=$(sqlite3 "$db" "SELECT count(*) FROM session")
"$bin" session start --title "Four" --unit media-literacy/99-nothing --db "$db" >/dev/null 2>"$tmp/err"
check "an unknown unit is refused" "1 mingbai session: media-literacy has no unit 99-nothing; nothing was started" \
  "$? $(head -1 "$tmp/err")"
"$bin" session start --title "Four" --unit nopack/01-x --db "$db" >/dev/null 2>"$tmp/err"
check "a unit of an unknown pack is refused" "1 mingbai session: no pack nopack on the kiosk; nothing was started" \
  "$? $(cat "$tmp/err")"
"$bin" session start --title "Four" --pack nopack --db "$db" >/dev/null 2>"$tmp/err"
check "an unknown pack is refused" "1 mingbai session: no pack nopack on the kiosk; nothing was started" \
  "$? $(cat "$tmp/err")"
check "no session started" "$before" "$(sqlite3 "$db" "SELECT count(*) FROM session")"
exit $fail
