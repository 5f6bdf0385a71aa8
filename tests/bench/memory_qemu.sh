#!/usr/bin/env bash
# The kiosk's resident memory on the boards' architectures, measured on this
# machine under qemu-user: the memory of the emulated program (the guest)
# only, not qemu's.
#
#   tests/bench/memory_qemu.sh [ARCH] [BUILD_DIR] [WxH...]
#
# ARCH is arm64 (qemu-aarch64; the default) or armhf (qemu-arm); BUILD_DIR is
# a cross build for it (board/cross build ARCH), build-cross/ARCH by default;
# the sizes are 800x480 and 1280x800 by default. qemu finds the guest's
# libraries in the sysroot: MINGBAI_SYSROOT, else sysroot-ARCH beside
# BUILD_DIR (build-cross/sysroot-ARCH). From the source root, e.g.
#   board/cross build arm64 && tests/bench/memory_qemu.sh arm64
# tests/tools/test_memory_qemu.sh holds the peaks to the budget.
#
# What runs: the cross-built kiosk, `mingbai replay` over the budget tour of
# the shipped course (tests/bench/tour_en.replay then tour_zh.replay in one
# process, on a fresh database: the course is imported, then every unit's
# page in both languages, a quiz question, its feedback), with the software
# renderer and SDL's offscreen driver, as tests/tools/test_memory_budget.sh
# runs it on amd64.
#
# What is counted: the resident memory (Rss, in the host's /proc/PID/smaps
# of the qemu process) of the mappings inside the guest's address space:
#  - the files the guest maps: the program, the sysroot's libraries (the
#    dynamic loader, libc, SDL2, FreeType, SQLite ...), any file the kiosk
#    maps itself (the database's -shm);
#  - the guest's anonymous memory: its heap (qemu emulates brk with
#    anonymous mappings), malloc's large blocks and arenas, its stack and
#    its threads' stacks, the window's surface, the glyph atlas.
# Not counted, and printed apart for comparison: everything of qemu's own
# outside that space: its binary and the host's libraries, its heap, its
# translated code (code_gen_buffer, the large anonymous rwx mapping), its
# threads' stacks and its other anonymous memory (its records of the guest's
# pages among them).
#
# How the guest's space is told from qemu's: qemu is started with the guest
# base pinned (-B 0x100000000000, 16 TiB, far below where Linux puts qemu's
# own mappings on x86-64) and the guest's address space reserved (-R 16G for
# arm64; a 32-bit guest's 4 GiB qemu reserves of itself, the commpage at its
# top). qemu maps the whole reservation at start (PROT_NONE), places every
# guest mapping inside it at host address = guest address + base, and maps
# what the guest unmaps back to PROT_NONE, so nothing of qemu's can be
# placed there: the mappings in [base, base + size) are the guest's. (The
# pinning does not change the memory: qemu's whole peak over the tour is the
# same with it and without, 60.1 and 60.5 MiB.) Checked at each run, before the kiosk, with
# bench_resident (tests/bench/bench_resident.c) of the same build:
#  - it writes 32 MiB: the guest's anonymous memory must move by 32 MiB
#    (and at most 256 KiB more: malloc's header) against the same program
#    writing nothing (the files' part, the pages of the libraries the kernel
#    maps around those touched, depends on what the page cache holds);
#  - the mappings it sees itself (qemu's emulation of /proc/self/maps, in
#    guest addresses), moved by the base, must all lie in the range, and
#    every resident mapping counted must lie in one of them.
#
# The peak: the sum sampled from the host (awk over /proc/PID/smaps) from
# the start to the exit, 50 ms between the end of a sample and the next
# (a sample takes some tens of ms: here one every 100 to 150 ms), the
# largest kept with its breakdown by mapping. The kiosk's memory grows over
# the tour (the course imported, then pages laid out, glyphs cached) and
# stays at its height until it closes (here the last 0.7 s of a 4 s run):
# the peak is a plateau of several samples; a rise shorter than a sample's
# interval would be missed.
#
# Output, for each size: the peak, the mappings that make it (files by
# name, the guest's anonymous memory), qemu's own at the same moment, then
# a line "peak ARCH WxH KIB" for tests/tools/test_memory_qemu.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
arch=${1:-arm64}
shift || true
build=${1:-build-cross/$arch}
shift || true
sizes=${*:-800x480 1280x800}

base=0x100000000000
case "$arch" in
  arm64) qemu=qemu-aarch64 span=$((16 << 30)) reserve=(-R 16G) ;;
  armhf) qemu=qemu-arm span=$((1 << 32)) reserve=() ;; # qemu reserves the 4 GiB itself
  *) echo "memory_qemu: ARCH is arm64 or armhf, not '$arch'" >&2; exit 2 ;;
esac
sysroot=${MINGBAI_SYSROOT:-$(dirname "$build")/sysroot-$arch}
command -v "$qemu" >/dev/null || { echo "memory_qemu: no $qemu (board/cross deps installs qemu-user)" >&2; exit 2; }
[ -d "$sysroot/usr/lib" ] || { echo "memory_qemu: no sysroot at $sysroot (board/cross sysroot $arch)" >&2; exit 2; }
for p in mingbai tests/bench/bench_resident; do
  [ -x "$build/$p" ] || { echo "memory_qemu: no $build/$p (board/cross build $arch)" >&2; exit 2; }
done
lo=$(printf '%016x' $((base)))
hi=$(printf '%016x' $((base + span)))

tmp=$(mktemp -d)
pid=
cleanup() {
  [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
  exec 3>&- || true
  rm -rf "$tmp"
}
trap cleanup EXIT
# The guest's environment: the kiosk offscreen, as memory.sh runs it; qemu's
# own settings from the caller's environment left out (the command line
# below gives them).
export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
  SDL_AUDIODRIVER=dummy MINGBAI_ALLOW_HEADLESS=1
unset QEMU_GUEST_BASE QEMU_RESERVED_VA QEMU_LD_PREFIX QEMU_STRACE QEMU_LOG
guest=("$qemu" -L "$sysroot" -B "$base" "${reserve[@]}") # then the program: $! is qemu's

# The sums of a smaps file, in KiB: "guest N", "qemu N", then a line
# "g KIB NAME" or "q KIB NAME" for each kind of mapping. Addresses are
# compared as hexadecimal strings of 16 digits (mawk has no 64-bit
# integers). Fails (awk exits 1) when it finds no mappings (the process has
# exited).
cat > "$tmp/sum.awk" <<'EOF'
function pad(a) { return substr("0000000000000000", 1, 16 - length(a)) a }
/^[0-9a-f]+-[0-9a-f]+ / {
  maps++
  split($1, r, "-"); s = pad(r[1]); e = pad(r[2])
  path = $6; for (i = 7; i <= NF; i++) path = path " " $i
  if (s >= lo && e <= hi) {
    if (path == "") g = "g anonymous (heap, malloc's blocks, stacks, surfaces, atlas)"
    else { n = split(path, p, "/"); g = "g " p[n] }
  } else if (path == "" && $2 ~ /x/) g = "q code_gen_buffer (translated code)"
  else if (path == "") g = "q other anonymous (threads' stacks, page records, ...)"
  else if (path == "[heap]") g = "q [heap]"
  else if (path ~ /^\[/) g = "q " path
  else g = "q " qemu " and the host's libraries"
  next
}
$1 == "Rss:" { kib[g] += $2; tot[substr(g, 1, 1)] += $2 }
END {
  if (!maps) exit 1
  printf "guest %d\nqemu %d\n", tot["g"], tot["q"]
  for (k in kib) printf "%s %d %s\n", substr(k, 1, 1), kib[k], substr(k, 3)
}
EOF
sum() { # PID OUT
  awk -v lo="$lo" -v hi="$hi" -v qemu="$qemu" -f "$tmp/sum.awk" "/proc/$1/smaps" > "$2" 2>/dev/null
}
# True while PID has not exited (a child not yet waited for stays a zombie).
running() {
  local st
  st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  st=${st##*) }
  [ "${st%% *}" != Z ]
}
mib() { echo "$1" | awk '{ printf "%.1f MiB", $1 / 1024 }'; }

# bench_resident MIB under qemu, held until its input ends: its own view of
# its mappings in $tmp/view-MIB, the host's sum in $tmp/sum-MIB.
resident() {
  rm -f "$tmp/hold"
  mkfifo "$tmp/hold"
  "${guest[@]}" "$build/tests/bench/bench_resident" "$1" < "$tmp/hold" > "$tmp/view-$1" &
  pid=$!
  exec 3> "$tmp/hold"
  local waited=0
  until grep -qsx ready "$tmp/view-$1"; do
    kill -0 "$pid" 2>/dev/null && [ $waited -lt 600 ] ||
      { echo "memory_qemu: bench_resident $1 did not get ready under $qemu" >&2; exit 1; }
    sleep 0.1
    waited=$((waited + 1))
  done
  sum "$pid" "$tmp/sum-$1" || { echo "memory_qemu: cannot read /proc/$pid/smaps" >&2; exit 1; }
  cp "/proc/$pid/smaps" "$tmp/smaps-$1"
  exec 3>&-
  wait "$pid" || { echo "memory_qemu: bench_resident $1 failed" >&2; exit 1; }
  pid=
}

# The guest's own mappings, moved by the base, against the host's in the
# range: prints "outside N" (guest mappings not in the range) and "uncovered
# N KIB" (resident host mappings in the range that no guest mapping holds).
view_check() { # VIEW SMAPS
  local s e
  grep -E '^[0-9a-f]+-[0-9a-f]+ ' "$1" | cut -d' ' -f1 | while IFS=- read -r s e; do
    printf '%016x %016x\n' $((0x$s + base)) $((0x$e + base))
  done > "$tmp/view-host"
  awk -v lo="$lo" -v hi="$hi" '
    function pad(a) { return substr("0000000000000000", 1, 16 - length(a)) a }
    FNR == NR { n++; gs[n] = $1; ge[n] = $2; if ($1 < lo || $2 > hi) out++; next }
    /^[0-9a-f]+-[0-9a-f]+ / {
      split($1, r, "-"); s = pad(r[1]); e = pad(r[2]); held = 0
      for (i = 1; i <= n; i++) if (s >= gs[i] && s < ge[i]) held++
      for (i = 1; i <= n; i++) if (e > gs[i] && e <= ge[i]) held++
      inside = s >= lo && e <= hi; next
    }
    $1 == "Rss:" && inside && $2 > 0 && held < 2 { un++; unkib += $2 }
    END { printf "outside %d\nuncovered %d %d\nmappings %d\n", out, un, unkib, n }
  ' "$tmp/view-host" "$2"
}

check() {
  resident 0
  resident 32
  local g0 g32 a0 a32 moved
  g0=$(sed -n 's/^guest //p' "$tmp/sum-0")
  g32=$(sed -n 's/^guest //p' "$tmp/sum-32")
  a0=$(awk '$1 == "g" && $3 == "anonymous" { print $2 }' "$tmp/sum-0")
  a32=$(awk '$1 == "g" && $3 == "anonymous" { print $2 }' "$tmp/sum-32")
  moved=$((${a32:-0} - ${a0:-0}))
  echo "check: bench_resident writing 32 MiB in the guest moves the guest's anonymous memory by" \
    "$(mib $moved) ($moved KiB), the whole figure by $((g32 - g0)) KiB ($g0 KiB writing nothing;" \
    "qemu's own $(sed -n 's/^qemu //p' "$tmp/sum-32") KiB)"
  if [ $moved -lt 32768 ] || [ $moved -gt $((32768 + 256)) ]; then
    echo "memory_qemu: the guest's anonymous memory moved by $moved KiB, not 32768 (+256): what is counted is not the guest's memory" >&2
    exit 1
  fi
  view_check "$tmp/view-32" "$tmp/smaps-32" > "$tmp/view-check"
  local out un unkib n
  out=$(sed -n 's/^outside //p' "$tmp/view-check")
  read -r un unkib < <(sed -n 's/^uncovered //p' "$tmp/view-check")
  n=$(sed -n 's/^mappings //p' "$tmp/view-check")
  echo "check: the guest's own $n mappings (its /proc/self/maps) + base: $out outside the range; resident mappings counted that none of them holds: $un ($unkib KiB)"
  if [ "$n" -lt 4 ] || [ "$out" != 0 ] || [ "$un" != 0 ]; then
    echo "memory_qemu: the range [0x$lo, 0x$hi) is not the guest's address space" >&2
    exit 1
  fi
}

# The kiosk over the tour at SIZE, sampled 50 ms apart: the peak's sums in
# $tmp/peak, and its time, the run's length and the number of samples in
# $tmp/when.
tour() { # SIZE
  local best=-1 n=0 start now g
  rm -f "$tmp"/k.db* "$tmp/peak"
  start=${EPOCHREALTIME/./}
  "${guest[@]}" "$build/mingbai" replay "$tmp/tour.replay" --shots "$tmp/shots" --window "$1" \
    --db "$tmp/k.db" > "$tmp/log" 2>&1 &
  pid=$!
  while running "$pid"; do
    if sum "$pid" "$tmp/sample"; then
      n=$((n + 1))
      { read -r _ g; } < "$tmp/sample"
      if [ "$g" -gt "$best" ]; then
        best=$g
        now=${EPOCHREALTIME/./}
        mv "$tmp/sample" "$tmp/peak"
        echo "$(((now - start) / 1000))" > "$tmp/at"
      fi
    fi
    sleep 0.05
  done
  now=${EPOCHREALTIME/./}
  wait "$pid" || { pid=; cat "$tmp/log"; echo "memory_qemu: the tour failed at $1" >&2; exit 1; }
  pid=
  [ "$best" -gt 0 ] || { echo "memory_qemu: no sample of the guest over the tour at $1" >&2; exit 1; }
  echo "$(cat "$tmp/at") $(((now - start) / 1000)) $n" > "$tmp/when"
}

report() { # SIZE
  local g q at len n
  g=$(sed -n 's/^guest //p' "$tmp/peak")
  q=$(sed -n 's/^qemu //p' "$tmp/peak")
  read -r at len n < "$tmp/when"
  echo "the guest's peak resident memory: $(mib "$g") ($g KiB), first $at ms into a run of $len ms ($n samples)"
  echo "  by mapping, at the peak:"
  awk '$1 == "g" && $2 >= 128 { $1 = ""; printf "  %8d KiB %s\n", $2, substr($0, length($2) + 3) }
       $1 == "g" && $2 < 128 { rest += $2; k++ }
       END { if (k) printf "  %8d KiB %d other mappings of less than 128 KiB each\n", rest, k }' \
    "$tmp/peak" | sort -k1,1nr
  echo "  not counted: qemu's own at the same moment, $(mib "$q") ($q KiB):"
  awk '$1 == "q" && $2 > 0 { $1 = ""; printf "  %8d KiB %s\n", $2, substr($0, length($2) + 3) }' "$tmp/peak" |
    sort -k1,1nr
  echo "peak $arch $1 $g"
}

echo "=== $arch under $qemu ($("$qemu" --version | head -n 1 | sed 's/.*version //')), guest base $base, guest space $((span >> 20)) MiB; build $build"
check
cat tests/bench/tour_en.replay tests/bench/tour_zh.replay > "$tmp/tour.replay"
for size in $sizes; do
  echo "=== $arch $size: the kiosk over the budget tour (tour_en.replay, tour_zh.replay)"
  tour "$size"
  report "$size"
done
