#!/usr/bin/env bash
# The corpus of GIFT banks (tests/banks/gift/, sources in its README.md):
# `mingbai pack check FILE` on each file prints exactly the lines of
# tests/banks/gift/expected/FILE.txt and exits 1 when they hold an error,
# 0 otherwise; `pack show --json` reads the number of questions the
# expected file names on its last line ("questions: N").
# MINGBAI_UPDATE_BANKS=1 rewrites the expected files: review the diff.
set -u
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
files=0
questions=0
for f in tests/banks/gift/*.gift tests/banks/gift/*.txt; do
  [ -e "$f" ] || continue
  files=$((files + 1))
  name=$(basename "$f")
  want="tests/banks/gift/expected/$name.txt"
  "$bin" pack check "$f" >"$tmp/out" 2>&1
  rc=$?
  n=$("$bin" pack show --json "$f" 2>/dev/null | grep -c '^{"type"')
  questions=$((questions + n))
  echo "questions: $n" >>"$tmp/out"
  if [ -n "${MINGBAI_UPDATE_BANKS:-}" ]; then
    mkdir -p tests/banks/gift/expected
    cp "$tmp/out" "$want"
    continue
  fi
  if ! diff -u "$want" "$tmp/out"; then
    echo "FAIL: $f"
    fail=1
  fi
  errors=$(grep -c ': error: ' "$tmp/out")
  if { [ "$errors" -gt 0 ] && [ $rc -ne 1 ]; } || { [ "$errors" -eq 0 ] && [ $rc -ne 0 ]; }; then
    echo "FAIL: $f: exit $rc with $errors errors"
    fail=1
  fi
done
echo "test_gift_banks: $files files, $questions questions read"
exit $fail
