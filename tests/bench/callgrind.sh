#!/usr/bin/env bash
# Instruction counts of the kiosk (callgrind on amd64, as a stand-in for the
# board's slower cores): where start-up and a page redraw spend, and whether
# that grew. Three runs, each under valgrind --tool=callgrind:
#   startup        the kiosk started on a database that holds the shipped
#                  course (made by a first run, not counted), to its first
#                  presented frame, then ended (MINGBAI_FIRST_FRAME_EXIT=
#                  frame): the whole process, the dynamic loader included;
#   ready          the same, on to the course built whole just after that
#                  frame (MINGBAI_FIRST_FRAME_EXIT=1);
#   redraw_home    one redraw of the home page (the list of units), cached
#                  layouts and glyphs (bench_redraw, the mean of FRAMES);
#   redraw_reader  the same on the first unit's page.
# Each prints its total and its top functions (inclusive), then compares the
# totals with tests/bench/callgrind-expected.txt ("NAME COUNT", and
# "tolerance PERCENT"): a count over its figure by more than the tolerance
# fails (exit 1); one under it by more says to record the new figure.
#   tests/bench/callgrind.sh [--record] [BUILD_DIR]
# --record writes the counts measured into the expected file.
# The software renderer and SDL's offscreen driver at 800x480; Debian
# bookworm's libraries (the counts include theirs: another SDL, SQLite or
# libxml2 moves them).
set -euo pipefail
cd "$(dirname "$0")/../.."
record=0
if [ "${1:-}" = "--record" ]; then
  record=1
  shift
fi
build=${1:-build}
bin=$build/mingbai
redraw=$build/tests/bench/bench_redraw
expected=tests/bench/callgrind-expected.txt
frames=${CALLGRIND_FRAMES:-10}
command -v valgrind >/dev/null || { echo "callgrind: valgrind is not installed (apt-get install valgrind)"; exit 77; }
[ -x "$bin" ] && [ -x "$redraw" ] || { echo "callgrind: build $bin and $redraw first"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
  SDL_AUDIODRIVER=dummy MINGBAI_ALLOW_HEADLESS=1 DISPLAY=:callgrind
unset WAYLAND_DISPLAY

total() { sed -n 's/^totals: *\([0-9]*\).*/\1/p; s/^summary: *\([0-9]*\).*/\1/p' "$1" | head -n 1; }
top() {
  callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null |
    sed -n 's/^ *\([0-9,]*\) ([ 0-9.]*%) *\(.*\)$/\1 \2/p' |
    sed 's# \[[^]]*\]$##; s#^\([0-9,]*\) .*:\([^ :]*\)$#\1 \2#' |
    grep -v -E '(below main)|__libc_start|PROGRAM TOTALS| 0x[0-9a-f]+$| (main|run_kiosk.*|_dl_start|_dl_sysdep_start|dl_main)$' |
    awk '!seen[$2]++' | head -n "${2:-12}" || true
}

declare -A got
# start-up: the database made first (the course imported), then counted
MINGBAI_FIRST_FRAME_EXIT=1 "$bin" --window 800x480 --db "$tmp/k.db" 2>"$tmp/first.log" ||
  { cat "$tmp/first.log"; exit 1; }
for run in "startup frame first frame presented" "ready 1 course ready"; do
  set -- $run
  name=$1 exit=$2
  shift 2
  MINGBAI_FIRST_FRAME_EXIT=$exit valgrind --tool=callgrind --callgrind-out-file="$tmp/$name.out" \
    "$bin" --window 800x480 --db "$tmp/k.db" 2>"$tmp/$name.log" ||
    { cat "$tmp/$name.log"; exit 1; }
  grep -q "$*" "$tmp/$name.log" || { cat "$tmp/$name.log"; echo "callgrind: no '$*'"; exit 1; }
  got[$name]=$(total "$tmp/$name.out")
done
for page in home reader; do
  valgrind --tool=callgrind --callgrind-out-file="$tmp/redraw_$page.out" \
    --toggle-collect=redraw_frames "$redraw" "$page" "$frames" 2>"$tmp/redraw_$page.log" ||
    { cat "$tmp/redraw_$page.log"; exit 1; }
  got[redraw_$page]=$(($(total "$tmp/redraw_$page.out") / frames))
done

echo "== startup: ${got[startup]} instructions (to the first frame and out), top functions (inclusive):"
top "$tmp/startup.out" 16
echo "== ready: ${got[ready]} instructions (on to the course built whole), top functions (inclusive):"
top "$tmp/ready.out" 12
for page in home reader; do
  echo "== redraw_$page: ${got[redraw_$page]} instructions a frame (mean of $frames), top functions (inclusive, all frames):"
  top "$tmp/redraw_$page.out" 12
done

if [ "$record" = 1 ]; then
  {
    echo "# Instruction counts (tests/bench/callgrind.sh --record): NAME COUNT;"
    echo "# a count over its figure by more than the tolerance fails."
    echo "tolerance 5"
    for k in startup ready redraw_home redraw_reader; do echo "$k ${got[$k]}"; done
  } >"$expected"
  echo "recorded in $expected"
  exit 0
fi
tol=$(sed -n 's/^tolerance *\([0-9.]*\).*/\1/p' "$expected")
fail=0
echo "== against $expected (tolerance ${tol} %):"
for k in startup ready redraw_home redraw_reader; do
  want=$(sed -n "s/^$k *\([0-9]*\).*/\1/p" "$expected")
  [ -n "$want" ] || { echo "  $k: no figure in $expected (--record)"; fail=1; continue; }
  verdict=$(awk -v g="${got[$k]}" -v w="$want" -v t="$tol" 'BEGIN {
    d = (g - w) * 100 / w
    printf "%s %+.1f %%", (d > t ? "OVER" : d < -t ? "under (record the new figure)" : "ok"), d }')
  printf '  %-14s %12d, expected %12d: %s\n' "$k" "${got[$k]}" "$want" "$verdict"
  case "$verdict" in OVER*) fail=1 ;; esac
done
exit "$fail"
