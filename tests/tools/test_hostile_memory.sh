#!/usr/bin/env bash
# Hostile archives are refused, each with its own message, within 64 MiB of
# resident memory (tests/tools/gen_hostile_zips.py makes them here): twelve
# entries overlapping one compressed kernel and lying about their sizes, and
# twelve separate entries lying about theirs. Each would unpack to 72 MiB;
# both used to be read up to the 64 MiB total (78 MiB peak) and refused with
# the generic "add up to more than 64 MiB". Both `pack check` and
# `pack import` are run; the import leaves the database without the pack.
# Built with AddressSanitizer, whose shadow memory counts as resident, the
# peaks are reported, not held to the limit.
set -eu
. "$(dirname "$0")/need.sh"
need python3 python3
need sqlite3 sqlite3
need nm binutils
[ -x /usr/bin/time ] || skip "/usr/bin/time is not installed; get it with: apt-get install time"
limit_kib=$((64 * 1024))
nm "$MINGBAI_BIN" 2>/dev/null | grep -q __asan_init && limit_kib=
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 tests/tools/gen_hostile_zips.py "$tmp"
new_kiosk_db "$tmp/kiosk.db" 2>/dev/null
before=$(sqlite3 "$tmp/kiosk.db" "SELECT id, version FROM pack ORDER BY 1" | tr '\n' ' ')
fail=0
check() { # ZIP EXPECTED-MESSAGE
  local cmd
  for cmd in check import; do
    local args=(pack "$cmd" "$tmp/$1.zip")
    [ "$cmd" = import ] && args+=(--db "$tmp/kiosk.db")
    if /usr/bin/time -f '%M' -o "$tmp/rss" "$MINGBAI_BIN" "${args[@]}" >"$tmp/out" 2>&1; then
      echo "pack $cmd accepted $1.zip"; fail=1
    fi
    local peak
    peak=$(tail -n 1 "$tmp/rss")
    echo "$1.zip, pack $cmd: peak resident memory $((peak / 1024)) MiB ($peak KiB)"
    if [ -n "$limit_kib" ] && [ "$peak" -ge "$limit_kib" ]; then
      echo "over the 64 MiB limit"
      fail=1
    fi
    grep -qF -- "$2" "$tmp/out" || { cat "$tmp/out"; echo "expected: $2"; fail=1; }
    if grep -q "add up to more than" "$tmp/out"; then
      cat "$tmp/out"; echo "the generic message instead of its own"; fail=1
    fi
  done
}
check overlap 'entries "media/00.png" and "media/01.png" overlap: they share bytes of the archive'
check lying '"media/00.png" unpacks to more than the 10 bytes the archive'"'"'s directory declares'
after=$(sqlite3 "$tmp/kiosk.db" "SELECT id, version FROM pack ORDER BY 1" | tr '\n' ' ')
[ "$before" = "$after" ] || { echo "the packs changed: $before -> $after"; fail=1; }
[ "$fail" = 0 ] || exit 1
echo "ok: hostile archives refused with their own messages${limit_kib:+, under 64 MiB}"
