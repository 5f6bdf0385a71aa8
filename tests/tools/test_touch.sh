#!/usr/bin/env bash
# Every tap target on every participant screen can be hit with a finger on
# the displays the kiosk runs on: at least 9 mm each way and 2 mm from the
# next target (targets-ok in a replay, ui_target_problems), with the
# display's real density given by --px-per-mm:
#   800x480@5.2     a 7-inch 800x480 panel
#   1024x600@6.6    a 7-inch 1024x600 panel
#   1920x1080@8.7   a 10.1-inch 1920x1080 panel
#   720x1280@8.3    a 7-inch 720x1280 panel, upright (the Raspberry Pi Touch Display 2)
# The walk is the fit tour (tests/replay/fit_tour_LANG.replay, every
# layout-ok turned into targets-ok: every screen at every scroll position)
# and tests/replay/touch_layers.replay (the name screen, the dialogs, the
# glossary card, the idle prompt, in English). The tour in both languages
# on the smallest and the upright display, in English on the others. MINGBAI_TOUCH_DISPLAYS picks
# others; reports and screenshots stay in $MINGBAI_BUILD_DIR/touch-shots/.
set -u
. "$(dirname "$0")/need.sh"
out=${MINGBAI_BUILD_DIR:-build}/touch-shots
displays=${MINGBAI_TOUCH_DISPLAYS:-"800x480@5.2 1024x600@6.6 1920x1080@8.7 720x1280@8.3"}
jobs=${MINGBAI_FIT_JOBS:-2}
rm -rf "$out"; mkdir -p "$out"

# One walk; its report goes to $dir/report, its verdict to $dir/verdict.
run_one() {
  local lang=$1 size=${2%@*} ppm=${2#*@} walk=$3
  local dir="$out/$walk-$lang-$size" ok=1
  mkdir -p "$dir"
  if [ "$walk" = tour ]; then
    sed -e "s/@WINDOW@/$size/g" -e 's/^layout-ok$/targets-ok/' \
      "tests/replay/fit_tour_$lang.replay" > "$dir/walk.replay"
  else
    cp tests/replay/touch_layers.replay "$dir/walk.replay"
  fi
  {
    if ! "$MINGBAI_BIN" replay "$dir/walk.replay" --shots "$dir" --window "$size" \
         --px-per-mm "$ppm" --db "$dir/kiosk.db" 2>"$dir/stderr"; then
      ok=0
      echo "FAIL $walk $lang $size at $ppm px/mm (line numbers refer to $dir/walk.replay)"
      grep -av ': info: ' "$dir/stderr" | head -30 | sed 's/^/  /'
    else
      echo "ok   $walk $lang $size at $ppm px/mm"
    fi
  } > "$dir/report"
  echo $ok > "$dir/verdict"
}

order=()
for d in $displays; do
  langs=en
  case $d in 800x480@*|720x1280@*) langs="en zh" ;; esac
  for walk in tour layers; do
    for lang in $langs; do
      [ $walk = layers ] && [ $lang = zh ] && continue
      while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
      run_one "$lang" "$d" "$walk" &
      order+=("$walk-$lang-${d%@*}")
    done
  done
done
wait

failed=()
for run in "${order[@]}"; do
  cat "$out/$run/report"
  [ "$(cat "$out/$run/verdict" 2>/dev/null)" = 1 ] || failed+=("$run")
done
echo "$((${#order[@]} - ${#failed[@]})) of ${#order[@]} walks have every target in reach"
[ ${#failed[@]} -eq 0 ] || { echo "failed: ${failed[*]}"; exit 1; }
