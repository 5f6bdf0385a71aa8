#!/usr/bin/env bash
# The shipped course's quizzes cannot be passed without reading by two
# habits of test writers: true/false answers are about half True, and the
# right answer of a single-choice question is the longest option in at most
# a quarter of them, in English and in Chinese, as the kiosk parses the
# quizzes (tests/tools/quiz_balance.py, which prints the counts).
set -u
. "$(dirname "$0")/need.sh"
need python3 python3
src=$(cd "$(dirname "$0")/../.." && pwd)
cd "$src"
bin=${MINGBAI_BIN:-$src/build/mingbai}
python3 tests/tools/quiz_balance.py "$bin" content/media-literacy --check || exit 1
echo "ok: the course's true/false answers balanced and right answers not the longest by habit"
