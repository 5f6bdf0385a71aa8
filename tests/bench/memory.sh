#!/usr/bin/env bash
# Where the kiosk's resident memory goes, against the floor: at 800x480 and
# 1280x800 (or the sizes given), with the software renderer and SDL's
# offscreen driver,
#  - bench_bare: a bare SDL2 program drawing the same text with SDL2_ttf;
#  - bench_memory: the kiosk over the budget tour of the shipped course
#    (tour_en.replay then tour_zh.replay in one process), its peak and
#    present resident memory, summed by mapping (/proc/self/smaps: the heap,
#    other anonymous memory, each font file, each library) and by part
#    (malloc, SQLite, the glyph atlas, the window's surface).
#   tests/bench/memory.sh [BUILD_DIR] [WxH...]
# tests/tools/test_memory_budget.sh holds the peaks to the budget.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
shift || true
sizes=${*:-800x480 1280x800}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat tests/bench/tour_en.replay tests/bench/tour_zh.replay > "$tmp/tour.replay"
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
  SDL_AUDIODRIVER=dummy
for size in $sizes; do
  echo "=== $size"
  "$build/tests/bench/bench_bare" "$size"
  "$build/tests/bench/bench_memory" --window "$size" "$tmp/tour.replay" 2>"$tmp/log" ||
    { cat "$tmp/log"; exit 1; }
done
