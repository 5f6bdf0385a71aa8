#!/usr/bin/env bash
# `mingbai pack`, `session` and `export` speak the locale's language: with
# LANG=zh_CN.UTF-8, `pack check` of a pack with GIFT errors prints each
# diagnostic and hint in Chinese, with the `file:line:col:` prefix as in
# English (so tools still find it), and the summary in Chinese; with
# LANG=C.UTF-8 the same lines in English. Then import, list, refusals,
# usage errors and sessions, in Chinese, on a temporary database.
set -u
. "$(dirname "$0")/need.sh"
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
src=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset LC_ALL LC_MESSAGES
export MINGBAI_DB="$tmp/kiosk.db"
fail=0

same() { # same DESCRIPTION FILE EXPECTED
  if [ "$(cat "$2")" != "$3" ]; then
    echo "FAIL: $1: got"
    cat "$2"
    echo "--- expected"
    printf '%s\n' "$3"
    fail=1
  fi
}
run() { # run LANG STATUS DESCRIPTION COMMAND...: output in $tmp/out, $tmp/err
  local lang=$1 want=$2 what=$3
  shift 3
  LANG=$lang "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc -ne "$want" ]; then
    echo "FAIL: $what: exit $rc, expected $want"
    cat "$tmp/out" "$tmp/err"
    fail=1
  fi
}

cp -r tests/packs/bad/gift-errors "$tmp/"
rm -f "$tmp/gift-errors/expected.txt"
cd "$tmp"
run zh_CN.UTF-8 1 "check in Chinese" "$bin" pack check gift-errors
q=gift-errors/quizzes/01-accounts
same "check in Chinese" "$tmp/out" "$q.en.gift:10:34: 错误：答案部分缺少结尾的 '}'
  提示：答案最后要用 '}' 结束；花括号本身要写成 \\{
$q.en.gift:12:25: 错误：选择题至少要有 2 个选项
  提示：请用 ~ 加上错误选项，例如 {=正确 ~错误}
$q.en.gift:14:30: 错误：配对项里没有 '->'
  提示：请写成 =左边 -> 右边；没有左边的项（= -> 右边）是干扰项
$q.zh-Hans.gift:10:13: 错误：答案部分缺少结尾的 '}'
  提示：答案最后要用 '}' 结束；花括号本身要写成 \\{
$q.zh-Hans.gift:12:16: 错误：选择题至少要有 2 个选项
  提示：请用 ~ 加上错误选项，例如 {=正确 ~错误}
$q.zh-Hans.gift:14:21: 错误：配对项里没有 '->'
  提示：请写成 =左边 -> 右边；没有左边的项（= -> 右边）是干扰项"
same "summary in Chinese" "$tmp/err" "6 个错误，0 个警告"

run C.UTF-8 1 "check in English" "$bin" pack check gift-errors
same "check in English" "$tmp/out" "$q.en.gift:10:34: error: missing '}' closing the answer block
  hint: end the answers with '}'; a literal brace is written \\{
$q.en.gift:12:25: error: a multiple-choice question needs at least 2 answers
  hint: add wrong answers with ~, e.g. {=right ~wrong}
$q.en.gift:14:30: error: matching item without '->'
  hint: write =left -> right; an item without a left side (= -> right) is a distractor
$q.zh-Hans.gift:10:13: error: missing '}' closing the answer block
  hint: end the answers with '}'; a literal brace is written \\{
$q.zh-Hans.gift:12:16: error: a multiple-choice question needs at least 2 answers
  hint: add wrong answers with ~, e.g. {=right ~wrong}
$q.zh-Hans.gift:14:21: error: matching item without '->'
  hint: write =left -> right; an item without a left side (= -> right) is a distractor"
same "summary in English" "$tmp/err" "6 errors, 0 warnings"

# A warning and a hint with arguments: an image no unit shows.
run zh_CN.UTF-8 1 "check of missing media in Chinese" "$bin" pack check \
  "$src/tests/packs/bad/missing-media/units/01-accounts.en.md" "$src/tests/packs/bad/missing-media"
grep -qF "media/unused.png: 警告：没有单元显示这张图片" "$tmp/out" &&
  grep -qF "  提示：请删掉它，或在某个单元里用 ![文字](media/unused.png) 显示它" "$tmp/out" ||
  { echo "FAIL: the unused image in Chinese:"; cat "$tmp/out"; fail=1; }
same "missing media summary" "$tmp/err" "3 个错误，4 个警告"

run zh_CN.UTF-8 1 "a bad pack is not imported" "$bin" pack import gift-errors
same "not imported" "$tmp/err" "6 个错误，0 个警告
mingbai pack：没有导入；请先改正上面的错误"
cd "$src"
good=tests/packs/good/bilingual
run zh_CN.UTF-8 0 "import" "$bin" pack import "$good"
same "import" "$tmp/out" "已导入 bilingual 1.0：3 个单元，6 道题"
run zh_CN.UTF-8 1 "the same edition again" "$bin" pack import "$good"
grep -qxF "mingbai pack：本机已有 bilingual 1.0，什么也没有导入" "$tmp/err" ||
  { echo "FAIL: the same edition:"; cat "$tmp/err"; fail=1; }
run zh_CN.UTF-8 0 "list" "$bin" pack list
same "list" "$tmp/out" "bilingual                1.0        3 个单元     6 道题  bilingual (English) / 测试课程"
run zh_CN.UTF-8 1 "remove an unknown pack" "$bin" pack remove nope
same "remove an unknown pack" "$tmp/err" "mingbai pack：本机上没有编号为 nope 的学习包"
run zh_CN.UTF-8 2 "an unknown command" "$bin" pack frob
same "an unknown command" "$tmp/err" "mingbai pack：没有 'frob' 这个命令
用法：mingbai pack check 路径... | show 文件.gift|文件.xml [--json] | import 路径 | list |
                   remove 编号 | hide 编号 | unhide 编号 |
                   export-gift 编号 --lang 语言 [-o 文件]   [--db 路径]
      mingbai pack preview 路径 --shots 文件夹 [--lang 语言] [--window 宽x高]"
run zh_CN.UTF-8 2 "check without a path" "$bin" pack check
grep -qxF "mingbai pack：check 需要一个路径" "$tmp/err" || { echo "FAIL: check usage:"; cat "$tmp/err"; fail=1; }
run zh_CN.UTF-8 0 "remove" "$bin" pack remove bilingual
same "remove" "$tmp/out" "已删除 bilingual（它的答题记录仍然保留）"

run zh_CN.UTF-8 0 "session start" "$bin" session start --title 第一课
same "session start" "$tmp/out" "研讨课 1 已开始：第一课"
run zh_CN.UTF-8 0 "session list" "$bin" session list
same "session list" "$tmp/out" "$(printf '1\t进行中\t0 条答题记录\t第一课')"
run zh_CN.UTF-8 0 "session end" "$bin" session end
sed -i 's/[0-9]\{6\}-[0-9]\{8\}T[0-9]\{6\}Z/NNNNNN/' "$tmp/out"
same "session end" "$tmp/out" "研讨课 1 已结束
已备份到 $tmp/backups/mingbai-NNNNNN-session.db"
run zh_CN.UTF-8 1 "session end again" "$bin" session end
same "session end again" "$tmp/err" "mingbai session：没有正在进行的研讨课"
run zh_CN.UTF-8 2 "export with a bad format" "$bin" export --format pdf --out "$tmp/x"
same "export usage" "$tmp/err" "mingbai：--format 只能是 csv、xapi 或 html
用法：mingbai export --format csv|xapi|html --out 文件夹 [--session 编号] [--names]
                     [--lang en|zh-Hans] [--db 路径]"

[ $fail -eq 0 ] && echo "pack, session and export messages: Chinese and English as expected"
exit $fail
