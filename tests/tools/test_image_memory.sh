#!/usr/bin/env bash
# Images cost memory at the size they are shown, not at the size they are
# stored: a pack of twelve 4096x4096 PNGs (tests/tools/gen_big_images.py,
# made here, not kept in the repository) is checked, imported and its unit
# read from top to bottom and back (tests/replay/image_memory_*.replay), in
# both languages, on the 7-inch panel (800x480) and full HD (1920x1080),
# with the software renderer. The kiosk's peak resident memory stays under
# 64 MiB each time (a full-size decode is 64 MiB for one such picture; the
# kiosk reached 912 MiB before pictures were decoded at the size shown).
# Built with AddressSanitizer (board/setup asan), whose shadow memory counts
# as resident, the replays run for what the sanitizers find and the peaks
# are reported, not held to the limit; one language a size.
set -eu
. "$(dirname "$0")/need.sh"
need python3 python3
need nm binutils
[ -x /usr/bin/time ] || skip "/usr/bin/time is not installed; get it with: apt-get install time"
limit_kib=$((64 * 1024))
langs="en zh"
if nm "$MINGBAI_BIN" 2>/dev/null | grep -q __asan_init; then
  limit_kib=
  langs=
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tests/tools/gen_big_images.py "$tmp/pack"
"$MINGBAI_BIN" pack check "$tmp/pack" >"$tmp/check.txt" 2>&1 || { cat "$tmp/check.txt"; echo "pack check refused the pack"; exit 1; }
"$MINGBAI_BIN" pack import "$tmp/pack" --db "$tmp/kiosk.db" >"$tmp/import.txt" 2>&1 || { cat "$tmp/import.txt"; exit 1; }
fail=0
for size in 800x480 1920x1080; do
  for lang in ${langs:-$([ "$size" = 800x480 ] && echo en || echo zh)}; do
    shots="$tmp/shots-$lang-$size"
    SDL_RENDER_DRIVER=software /usr/bin/time -f '%M' -o "$tmp/rss" \
      "$MINGBAI_BIN" replay "tests/replay/image_memory_$lang.replay" --shots "$shots" \
      --window "$size" --db "$tmp/kiosk.db" || { echo "the replay failed ($lang, $size)"; exit 1; }
    peak=$(tail -n 1 "$tmp/rss")
    echo "peak resident memory, $lang at $size: $((peak / 1024)) MiB ($peak KiB)"
    if [ -z "$limit_kib" ]; then
      echo "(built with AddressSanitizer: not held to the 64 MiB limit)"
    elif [ "$peak" -ge "$limit_kib" ]; then
      echo "over the 64 MiB limit"
      fail=1
    fi
    if [ -n "${IMAGE_MEMORY_SHOTS:-}" ]; then
      mkdir -p "$IMAGE_MEMORY_SHOTS" && cp -r "$shots" "$IMAGE_MEMORY_SHOTS/"
    fi
  done
done
[ "$fail" = 0 ] || exit 1
echo "ok: twelve 4096x4096 pictures read${limit_kib:+ under 64 MiB}"
