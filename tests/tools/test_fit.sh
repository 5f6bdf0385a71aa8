#!/usr/bin/env bash
# No text on any screen overflows its box or is cut, in either language:
# runs the fit tour (tests/replay/fit_tour_en.replay and fit_tour_zh.replay:
# attract, language, sign-in, home, reader top to bottom, the quiz of unit 1
# with every scored type, each feedback, the summary, home with the resume
# and review banners) with layout-ok after each screen, at 800x480,
# 1024x600, 1280x720, 720x1280 and 1920x1080, at the normal text size and
# at the largest (A+ then A++). Every combination runs, so one failure
# does not hide the others; the screenshots and each run's messages stay in
# $MINGBAI_BUILD_DIR/fit-shots/LANG-SIZE-TEXT/.
set -u
out=${MINGBAI_BUILD_DIR:-build}/fit-shots
rm -rf "$out"; mkdir -p "$out"
sizes=${MINGBAI_FIT_SIZES:-"800x480 1024x600 1280x720 720x1280 1920x1080"}
fail=0; runs=0; failed=()
for lang in en zh; do
  for text in normal large; do
    for size in $sizes; do
      dir="$out/$lang-$size-$text"
      mkdir -p "$dir"
      script="$dir/tour.replay"
      sed -e "s/@WINDOW@/$size/g" tests/replay/fit_tour_$lang.replay > "$script"
      [ "$text" = large ] && sed -i -e 's/^#large //' "$script"
      runs=$((runs + 1))
      if "$MINGBAI_BIN" replay "$script" --shots "$dir" --window "$size" --db "$dir/kiosk.db" \
           2>"$dir/stderr"; then
        echo "ok   $lang $size $text"
      else
        fail=1; failed+=("$lang-$size-$text")
        echo "FAIL $lang $size $text (screenshots in $dir; line numbers refer to $script)"
        grep -v ': info: ' "$dir/stderr" | head -40 | sed 's/^/  /'
      fi
    done
  done
done
echo "$((runs - ${#failed[@]})) of $runs tours fit"
[ $fail = 0 ] || echo "failed: ${failed[*]}"
exit $fail
