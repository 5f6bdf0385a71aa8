#!/usr/bin/env bash
# Golden screenshots: every participant screen (see tests/replay/golden_*.replay) in both languages at
# 800x480, 1024x600 (7-inch panels), 1920x1080 and 720x1280 (portrait), compared with tests/golden/ within a tolerance.
# MINGBAI_UPDATE_GOLDEN=1 rewrites the references.
set -u
out=${MINGBAI_BUILD_DIR:-build}/golden-shots
rm -rf "$out"; mkdir -p "$out"
fail=0
for lang in en zh; do
  for size in 800x480 1024x600 1920x1080 720x1280; do
    dir="$out/$lang-$size"
    if ! "$MINGBAI_BIN" replay "tests/replay/golden_$lang.replay" --shots "$dir" --window "$size" \
         --db "$dir/kiosk.db"; then
      echo "replay golden_$lang at $size failed"; fail=1; continue
    fi
    for shot in attract language signin name home reader reader-large quiz feedback feedback-contrast summary glossary bilingual; do
      "$GOLDEN_COMPARE" "$dir/$shot.png" "tests/golden/$lang-$size-$shot.png" || fail=1
    done
  done
done
exit $fail
