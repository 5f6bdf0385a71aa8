#!/usr/bin/env bash
# The largest text size (A++) never pushes a control off the 800x480
# screen: the longest glossary entry scrolls inside its card to its last
# word while "Close" stays whole on screen, and the dialogs ("Is this
# you?", "Finish for now?", the idle prompt) keep their buttons whole on
# screen, in both languages (tests/replay/large_text_LANG.replay).
set -u
. "$(dirname "$0")/need.sh"
out=${MINGBAI_BUILD_DIR:-build}/large-text-shots
rm -rf "$out"
rc=0
for lang in en zh; do
  mkdir -p "$out/$lang"
  if "$MINGBAI_BIN" replay "tests/replay/large_text_$lang.replay" --shots "$out/$lang" \
       --window 800x480 --db "$out/$lang/kiosk.db" 2>"$out/$lang/stderr"; then
    echo "ok   $lang"
  else
    echo "FAIL $lang"
    grep -av ': info: ' "$out/$lang/stderr" | head -30 | sed 's/^/  /'
    rc=1
  fi
done
exit $rc
