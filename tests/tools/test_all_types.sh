#!/usr/bin/env bash
# Every scored question type end to end, in both languages: runs
# tests/replay/all_types_en.replay and all_types_zh.replay (unit 1's whole
# quiz: multiple choice, multiple response, numerical and short answer on
# the on-screen keypad, true/false, matching), each with a fresh database,
# then reads the attempt rows back from SQLite: exactly one row per
# submitted answer, with the expected question ids, types, scores
# (including 0.5 partial credit for multiple response and matching) and
# responses, and the review boxes of the questions that were not right.
# The screenshots stay in $MINGBAI_BUILD_DIR/all-types-shots/.
set -u
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
out=${MINGBAI_BUILD_DIR:-build}/all-types-shots
rm -rf "$out"; mkdir -p "$out"
fail=0

for lang in en zh; do
  dir="$out/$lang"
  mkdir -p "$dir"
  if ! "$MINGBAI_BIN" replay "tests/replay/all_types_$lang.replay" --shots "$dir" \
       --window 1280x720 --db "$dir/kiosk.db" 2>"$dir/stderr"; then
    echo "FAIL replay all_types_$lang (screenshots in $dir)"
    grep -v ': info: ' "$dir/stderr" | sed 's/^/  /'
    fail=1
  fi
done

q() { sqlite3 "$out/$1/kiosk.db" "$2" 2>&1; }
rows="SELECT question_id, type, score, max, correct, review, lang, response FROM attempt ORDER BY id"

# English: right, half right, wrong, right, right, wrong, right, wrong,
# half right, right.
want_en='u1-q1|multichoice|1.0|1.0|1|0|en|The phone number you registered with
u1-q2|multiresponse|0.5|1.0|0|0|en|It counts active accounts, and one person can hold several
u1-q3|multichoice|0.0|1.0|0|0|en|Newspapers moving their print articles online
u1-q4|multichoice|1.0|1.0|1|0|en|First platformization, then infrastructuralization
u1-q5|multichoice|1.0|1.0|1|0|en|You cannot easily pay, reach your employer or use local services without it
u1-q6|multichoice|0.0|1.0|0|0|en|Telephone companies
u1-q7|numerical|1.0|1.0|1|0|en|2011
u1-q8|truefalse|0.0|1.0|0|0|en|false
u1-q9|match|0.5|1.0|0|0|en|Platform -> A service that connects users, firms and developers and sets their rules; Platformization -> Platforms becoming the web’s main economic and infrastructural model; Infrastructuralization -> Accounts active in a month, as counted by the company; Monthly active users -> A platform becoming so embedded that opting out is costly
u1-q10|shortanswer|1.0|1.0|1|0|en|accounts'
check "en: the ten attempt rows" "$want_en" "$(q en "$rows")"

# Chinese: wrong, half right (two right boxes and a wrong one), right,
# wrong, right, right, wrong number, right, all matched, right.
want_zh='u1-q1|multichoice|0.0|1.0|0|0|zh-Hans|你现在所在的国家（以手机定位为准）
u1-q2|multiresponse|0.5|1.0|0|0|zh-Hans|统计的是活跃账户，一个人可能有好几个账户; 这是公司自己统计的数字，没有外部机构核实; 这些账户全部在中国大陆
u1-q3|multichoice|1.0|1.0|1|0|zh-Hans|平台成为网络主导的经济与基础设施模式
u1-q4|multichoice|0.0|1.0|0|0|zh-Hans|先审查，再宣传，最后监控
u1-q5|multichoice|1.0|1.0|1|0|zh-Hans|离开它就很难付款、联系单位或办理本地服务
u1-q6|multichoice|1.0|1.0|1|0|zh-Hans|亚马逊、苹果、脸书、谷歌和微软
u1-q7|numerical|0.0|1.0|0|0|zh-Hans|2010
u1-q8|truefalse|1.0|1.0|1|0|zh-Hans|true
u1-q9|match|1.0|1.0|1|0|zh-Hans|平台 -> 连接用户、企业和开发者并为其制定规则的服务; 平台化 -> 平台成为网络主要的经济与基础设施模式; 基础设施化 -> 平台深度嵌入生活，退出代价很高; 月活跃用户 -> 一个月内活跃的账户数，由公司自己统计
u1-q10|shortanswer|1.0|1.0|1|0|zh-Hans|ZHANGHU'
check "zh: the ten attempt rows" "$want_zh" "$(q zh "$rows")"

for lang in en zh; do
  # One row per submitted answer: ten submits, ten rows, ten questions (the
  # early "Check my answer" with nothing chosen and the review that was
  # opened and left wrote nothing), one guest, unique uuids, all in unit 1.
  check "$lang: one row per answer" "10|10|10|1|01-platforms|media-literacy" \
    "$(q $lang "SELECT count(*), count(DISTINCT question_id), count(DISTINCT uuid),
                       count(DISTINCT participant), group_concat(DISTINCT unit),
                       group_concat(DISTINCT pack_id) FROM attempt")"
  check "$lang: one guest participant" "1|1" "$(q $lang "SELECT count(*), sum(guest) FROM participant")"
  check "$lang: times are sane" "0" \
    "$(q $lang "SELECT count(*) FROM attempt WHERE answered_ms < started_ms OR started_ms <= 0")"
done
check "en: total score" "6.0|10.0" "$(q en "SELECT total(score), total(max) FROM attempt")"
check "zh: total score" "6.5|10.0" "$(q zh "SELECT total(score), total(max) FROM attempt")"

# The questions not fully right wait in review box 1, due a day later.
check "en: review boxes" "u1-q2|1
u1-q3|1
u1-q6|1
u1-q8|1
u1-q9|1" "$(q en "SELECT question_id, box FROM review ORDER BY length(question_id), question_id")"
check "zh: review boxes" "u1-q1|1
u1-q2|1
u1-q4|1
u1-q7|1" "$(q zh "SELECT question_id, box FROM review ORDER BY length(question_id), question_id")"
for lang in en zh; do
  check "$lang: review due one day after the answer" "0" \
    "$(q $lang "SELECT count(*) FROM review r JOIN attempt a ON a.question_id = r.question_id
                WHERE abs(r.due_ms - a.answered_ms - 86400000) > 5000")"
done

exit $fail
