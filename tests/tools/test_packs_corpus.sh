#!/usr/bin/env bash
# Data-driven pack checks. Every tests/packs/good/<name>/ must pass
# `mingbai pack check` with no message at all, the shipped content/<pack>/
# without errors; every tests/packs/bad/<name>/
# must print exactly the lines of its expected.txt (diagnostics and hints,
# paths as this script passes them) and exit 1 when they hold an error, 0
# when only warnings. Run from the repository root with $MINGBAI_BIN.
# MINGBAI_UPDATE_PACKS=1 rewrites each expected.txt from the output: review
# the diff before committing it.
set -u
# The messages checked here are the English ones, whatever the locale.
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
count=0

"$bin" pack >/dev/null 2>&1
if [ $? -ne 2 ]; then
  echo "FAIL: $bin has no 'pack' command (expected a usage error, exit 2)"
  exit 1
fi

for dir in tests/packs/good/*/; do
  dir=${dir%/}
  count=$((count + 1))
  out=$("$bin" pack check "$dir" 2>/dev/null)
  rc=$?
  if [ $rc -ne 0 ] || [ -n "$out" ]; then
    echo "FAIL: $dir: expected no messages and exit 0, got exit $rc:"
    printf '%s\n' "$out"
    fail=1
  fi
done

# The course that ships with the kiosk is imported on first start: it must
# check without errors (warnings are shown, not failed).
for dir in content/*/; do
  dir=${dir%/}
  [ -f "$dir/pack.ini" ] || continue
  count=$((count + 1))
  out=$("$bin" pack check "$dir" 2>/dev/null)
  if [ $? -ne 0 ]; then
    echo "FAIL: $dir (shipped with the kiosk) has errors:"
    printf '%s\n' "$out"
    fail=1
  elif [ -n "$out" ]; then
    printf '%s\n' "$out"
  fi
done

for dir in tests/packs/bad/*/; do
  dir=${dir%/}
  count=$((count + 1))
  if [ ! -f "$dir/expected.txt" ] && [ -z "${MINGBAI_UPDATE_PACKS:-}" ]; then
    echo "FAIL: $dir has no expected.txt"
    fail=1
    continue
  fi
  # expected.txt is not part of the pack: check a copy without it, under
  # the same relative path so that the messages name the same files.
  mkdir -p "$tmp/$(dirname "$dir")"
  rm -rf "${tmp:?}/$dir"
  cp -R "$dir" "$tmp/$dir"
  rm -f "$tmp/$dir/expected.txt"
  out=$(cd "$tmp" && "$bin" pack check "$dir" 2>/dev/null)
  rc=$?
  if [ -n "${MINGBAI_UPDATE_PACKS:-}" ]; then
    printf '%s\n' "$out" >"$dir/expected.txt"
    echo "updated $dir/expected.txt"
    continue
  fi
  want_rc=0
  grep -q ': error: ' "$dir/expected.txt" && want_rc=1
  if ! diff -u "$dir/expected.txt" <(printf '%s\n' "$out") >"$tmp/diff"; then
    echo "FAIL: $dir: messages differ from expected.txt (- expected, + got):"
    cat "$tmp/diff"
    fail=1
  elif [ $rc -ne $want_rc ]; then
    echo "FAIL: $dir: exit $rc, expected $want_rc"
    fail=1
  fi
done

if [ $fail -eq 0 ]; then
  echo "packs: $count packs give the expected messages"
fi
exit $fail
