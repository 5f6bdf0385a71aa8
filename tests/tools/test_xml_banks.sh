#!/usr/bin/env bash
# The corpus of real Moodle XML question files (tests/banks/xml/, sources and
# licences in its README): each file as `pack check` and `pack show --json`
# read it -- errors, warnings, questions per type, the types left out with a
# warning, images kept -- must be what tests/banks/xml/expected.txt says,
# and each file must import on its own into a fresh database with exactly
# those questions and images.
set -u
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
. "$(dirname "$0")/need.sh" # without python3 or sqlite3: exit 77, which ctest reports as SKIPPED
need python3 python3
need sqlite3 sqlite3
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
: >"$tmp/got"
for f in tests/banks/xml/*.xml; do
  name=$(basename "$f")
  "$bin" pack check "$f" >"$tmp/check" 2>"$tmp/summary"
  "$bin" pack show --json "$f" >"$tmp/json" 2>/dev/null
  db="$tmp/$name.db"
  "$bin" --db "$db" pack import "$f" >/dev/null 2>&1
  imported=$(sqlite3 "$db" "SELECT count(*) FROM question" 2>/dev/null || echo none)
  images=$(sqlite3 "$db" "SELECT count(*) FROM pack_file WHERE path LIKE 'media/%'" 2>/dev/null ||
    echo none)
  python3 - "$name" "$tmp/json" "$tmp/check" "$tmp/summary" "$imported" "$images" >>"$tmp/got" <<'PY'
import json, re, sys
from collections import Counter
name, jpath, cpath, spath, imported, images = sys.argv[1:]
j = json.load(open(jpath))
types = Counter(q["type"] for q in j["questions"])
left_out = Counter(re.findall(r"questions of type (\S+)", open(cpath).read()))
summary = open(spath).read().strip()
fmt = lambda c: ",".join(f"{k}:{v}" for k, v in sorted(c.items())) or "-"
print(f"{name} check=[{summary}] questions={len(j['questions'])} types={fmt(types)} "
      f"left_out={fmt(left_out)} imported={imported} images={images}")
PY
done
if ! diff -u tests/banks/xml/expected.txt "$tmp/got"; then
  echo "FAIL: the corpus reads differently from tests/banks/xml/expected.txt (above)"
  fail=1
fi
[ $fail -eq 0 ] && echo "xml banks: $(wc -l <"$tmp/got") files as expected"
exit $fail
