#!/usr/bin/env bash
# --rotate 90, 180, 270 on an 800x480 panel: the page is laid out turned
# (480x800 at 90 and 270), the picture on the panel is turned clockwise,
# and a finger on the glass where the turned picture shows a button
# presses that button, and nothing where the unturned page had it
# (tests/replay/rotate_*.replay). The shots are the panel's 800x480.
set -eu
. "$(dirname "$0")/need.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for deg in 90 180 270; do
  "$MINGBAI_BIN" replay "tests/replay/rotate_$deg.replay" --shots "$tmp" --window 800x480 \
    --rotate "$deg" --db "$tmp/k$deg.db" 2>"$tmp/log" || { cat "$tmp/log"; echo "FAIL: --rotate $deg"; exit 1; }
  size=$(od -An -tu1 -j16 -N8 "$tmp/signin-$deg.png" | awk '{print $3*256+$4 "x" $7*256+$8}')
  [ "$size" = 800x480 ] || { echo "FAIL: the panel's shot at --rotate $deg is $size, not 800x480"; exit 1; }
done
if "$MINGBAI_BIN" replay "tests/replay/rotate_90.replay" --shots "$tmp" --rotate 45 --db "$tmp/k.db" 2>"$tmp/log"; then
  echo "FAIL: --rotate 45 was taken"; exit 1
fi
grep -q -- "--rotate wants 0, 90, 180 or 270" "$tmp/log" || { cat "$tmp/log"; echo "FAIL: no message for --rotate 45"; exit 1; }
echo "ok: the picture and the touches turned together at 90, 180 and 270 degrees"
