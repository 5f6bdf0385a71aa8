#!/usr/bin/env bash
# Wake-ups of an idle kiosk: starts the kiosk full-screen on the attract
# screen (SDL's offscreen driver by default, the closest here to the
# board's KMSDRM: neither can wait for input in SDL 2.26), lets it settle,
# then counts the context switches of all its threads over SECONDS
# (/proc/PID/task/*/status) and prints them per second.
#   tests/bench/idle_wakeups.sh [BIN] [SECONDS]
set -euo pipefail
bin=${1:-${MINGBAI_BIN:-build/mingbai}}
secs=${2:-5}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy \
  MINGBAI_ALLOW_HEADLESS=1 "$bin" --db "$tmp/k.db" --window 800x480 2>"$tmp/log" &
pid=$!
switches() {
  local n=0 f v
  for f in /proc/"$pid"/task/*/status; do
    v=$(awk '/^voluntary_ctxt_switches|^nonvoluntary_ctxt_switches/ {s += $2} END {print s + 0}' "$f" 2>/dev/null || echo 0)
    n=$((n + v))
  done
  echo "$n"
}
# Settled: the first page drawn and the database written.
for _ in $(seq 1 100); do
  grep -q "imported" "$tmp/log" 2>/dev/null && break
  sleep 0.1
done
sleep 2
kill -0 "$pid" 2>/dev/null || { cat "$tmp/log"; echo "the kiosk did not start"; exit 1; }
a=$(switches)
sleep "$secs"
b=$(switches)
n=$((b - a))
echo "idle wake-ups: $n in ${secs} s ($(awk -v n="$n" -v s="$secs" 'BEGIN {printf "%.1f", n / s}') a second), driver ${SDL_VIDEODRIVER:-offscreen}"
