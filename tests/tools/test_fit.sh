#!/usr/bin/env bash
# No text on any screen overflows its box or is cut, in either language:
# runs the fit tour (tests/replay/fit_tour_en.replay and fit_tour_zh.replay:
# attract, language, sign-in, home, reader top to bottom, the quiz of unit 1
# with every scored type, each feedback, the summary, home with the resume
# and review banners) with layout-ok after each screen, at 800x480,
# 1024x600, 1280x720, 720x1280 and 1920x1080, at the normal text size and
# at the largest (A+ then A++).
#
# layout-ok sees text wider than its box and cut text, not a label that
# wraps to more lines than a fixed-height box holds; so every screenshot of
# the tour also goes through fit_pixels (tests/tools/fit_pixels.c), which
# checks that the margins of the top and bottom bars and the gaps between
# the home screen's unit cards stay empty.
#
# Every combination runs (MINGBAI_FIT_JOBS at a time, default 2), so one
# failure does not hide the others; the screenshots and each run's messages
# stay in $MINGBAI_BUILD_DIR/fit-shots/LANG-SIZE-TEXT/.
set -u
. "$(dirname "$0")/need.sh"
out=${MINGBAI_BUILD_DIR:-build}/fit-shots
fit_pixels=${FIT_PIXELS:-build/tests/fit_pixels}
[ -x "$fit_pixels" ] || skip "no $fit_pixels; build it with: cmake --build --preset ci --target fit_pixels"
rm -rf "$out"; mkdir -p "$out"
sizes=${MINGBAI_FIT_SIZES:-"800x480 1024x600 1280x720 720x1280 1920x1080"}
jobs=${MINGBAI_FIT_JOBS:-2}

# Which fixed boxes each screenshot of the tour has (see fit_pixels.c).
checks_for() {
  case $1 in
    attract*|language) echo "" ;;
    home*) echo tc ;;
    signin|reader-*) echo t ;;
    quiz-*|feedback-*|summary|review-*) echo tb ;;
    *) echo t ;;
  esac
}

# One tour; its report goes to $dir/report, its verdict to $dir/verdict.
run_one() {
  local lang=$1 size=$2 text=$3
  local dir="$out/$lang-$size-$text" ok=1
  mkdir -p "$dir"
  local script="$dir/tour.replay"
  sed -e "s/@WINDOW@/$size/g" "tests/replay/fit_tour_$lang.replay" > "$script"
  [ "$text" = large ] && sed -i -e 's/^#large //' "$script"
  {
    if ! "$MINGBAI_BIN" replay "$script" --shots "$dir" --window "$size" --db "$dir/kiosk.db" \
         2>"$dir/stderr"; then
      ok=0
      echo "FAIL $lang $size $text: layout-ok or the tour (line numbers refer to $script)"
      grep -v ': info: ' "$dir/stderr" | head -40 | sed 's/^/  /'
    fi
    for png in "$dir"/*.png; do
      [ -e "$png" ] || continue
      local c
      c=$(checks_for "$(basename "$png" .png)")
      [ -n "$c" ] || continue
      if ! "$fit_pixels" "$c" "$png" 2>"$dir/pixels.err"; then
        [ $ok = 1 ] && echo "FAIL $lang $size $text: text spills out of a fixed box"
        ok=0
        sed 's/^/  /' "$dir/pixels.err"
      fi
    done
    [ $ok = 1 ] && echo "ok   $lang $size $text"
  } > "$dir/report"
  echo $ok > "$dir/verdict"
}

order=()
for lang in en zh; do
  for text in normal large; do
    for size in $sizes; do
      while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
      run_one "$lang" "$size" "$text" &
      order+=("$lang-$size-$text")
    done
  done
done
wait

failed=()
for run in "${order[@]}"; do
  cat "$out/$run/report"
  [ "$(cat "$out/$run/verdict" 2>/dev/null)" = 1 ] || failed+=("$run")
done
echo "$((${#order[@]} - ${#failed[@]})) of ${#order[@]} tours fit"
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
