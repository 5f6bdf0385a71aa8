#!/usr/bin/env bash
# The kiosk on the console (no desktop):
# - full-screen on a video driver that shows nothing (offscreen, dummy: what
#   SDL falls back to when KMSDRM fails) it refuses to run, says why on
#   stderr (the journal) and exits non-zero, before touching the database;
#   MINGBAI_ALLOW_HEADLESS=1 lets it run (the tests);
# - of several DRM cards (a Pi 4 or 5: card0 without connectors, card1 with
#   HDMI) it names the one with a connected display to SDL, and says when
#   /dev/dri has no card it can open or /dev/input no device it can read
#   (that one also on the page's foot, app.c);
# - idle on the attract screen it sleeps: at most 10 wake-ups in 5 s (SDL
#   2.26's SDL_WaitEventTimeout woke it every millisecond, ~4,000).
set -eu
. "$(dirname "$0")/need.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

for drv in offscreen dummy; do
  rc=0
  env -u MINGBAI_ALLOW_HEADLESS -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=$drv \
    timeout 30 "$MINGBAI_BIN" --db "$tmp/$drv.db" > "$tmp/out" 2> "$tmp/err" || rc=$?
  [ $rc -ne 0 ] && [ $rc -ne 124 ] || fail "on the $drv driver the kiosk exited $rc, not refusing"
  grep -q "video driver '$drv', which shows nothing: refusing to run" "$tmp/err" ||
    { cat "$tmp/err"; fail "no reason given on stderr for refusing $drv"; }
  [ ! -e "$tmp/$drv.db" ] || fail "the refused kiosk made its database"
done

# A Pi 4's cards: card0 (v3d) has no connector, card1 (vc4) two HDMI ports,
# the second connected; /dev/dri has no card this user can open.
sys=$tmp/sys
mkdir -p "$sys/card0" "$sys/card1-HDMI-A-1" "$sys/card1-HDMI-A-2" "$sys/card2-Composite-1" \
  "$tmp/dev/dri" "$tmp/dev/input"
echo disconnected > "$sys/card1-HDMI-A-1/status"
echo connected > "$sys/card1-HDMI-A-2/status"
echo disconnected > "$sys/card2-Composite-1/status"
# A touchscreen the user cannot read (as root: without the capabilities
# that override file modes).
touch "$tmp/dev/input/event0"
chmod 000 "$tmp/dev/input/event0"
nodac=()
[ "$(id -u)" != 0 ] || nodac=(setpriv --bounding-set -dac_override,-dac_read_search)
env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_KMSDRM_DEVICE_INDEX MINGBAI_SYSFS_DRM="$sys" \
  MINGBAI_DEV_DIR="$tmp/dev" "${nodac[@]}" "$MINGBAI_BIN" --db "$tmp/k.db" 2> "$tmp/err" &
pid=$!
for _ in $(seq 1 100); do grep -q "imported" "$tmp/err" && break; sleep 0.1; done
kill -TERM $pid; wait $pid || fail "the kiosk did not stop cleanly on SIGTERM"
grep -q "display: /dev/dri/card1 has the connected display" "$tmp/err" ||
  { cat "$tmp/err"; fail "card1 (HDMI-A-2 connected) was not chosen"; }
grep -q "no $tmp/dev/dri/card\*: the kernel has no display driver" "$tmp/err" ||
  { cat "$tmp/err"; fail "no message for a /dev/dri without cards"; }
grep -q "cannot read $tmp/dev/input: touches will not reach the kiosk" "$tmp/err" ||
  { cat "$tmp/err"; fail "no message for a /dev/input the kiosk cannot read"; }

out=$(bash tests/bench/idle_wakeups.sh "$MINGBAI_BIN" 5)
echo "$out"
n=$(sed -n 's/^idle wake-ups: \([0-9]*\) in.*/\1/p' <<<"$out")
[ -n "$n" ] && [ "$n" -le 10 ] || fail "the idle kiosk woke $n times in 5 s (at most 10)"
echo "ok: refuses offscreen and dummy, picks card1, idle: $n wake-ups in 5 s"
