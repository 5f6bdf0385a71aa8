#!/usr/bin/env bash
# The monkey (kiosk/monkey.c), short: three seeds of random input through the
# headless kiosk (two not drawn, one drawn by the software renderer), each
# with no crash, no exit, no instructor's screen and the same open files;
# the PIN pad reached and refused; a seed run twice gives the same run. Then
# the negative controls: a crash, an exit, the instructor's screens and an
# open file made on purpose half way are each caught, with the seed and the
# event printed, and again at the same event with the same seed.
# MONKEY_EVENTS sets the events per seed (default 2000, 800 under
# AddressSanitizer); the long run is
# `cmake --build build --target monkey_long` (100,000 events).
set -u
. "$(dirname "$0")/need.sh"
# The databases in memory where there is a tmpfs: the monkey tests the
# screens, not the disk's fsync.
tmp=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TMPDIR=$tmp
events=${MONKEY_EVENTS:-2000}
# Under AddressSanitizer (board/setup asan) each event costs about three
# times as much: fewer of them keep the test under a minute.
if [ -z "${MONKEY_EVENTS:-}" ] && grep -aq __asan_init "$MINGBAI_BIN"; then
  events=800
fi
fail=0

run() { # NAME ARGS...: runs the monkey, output in $tmp/NAME.out
  local name=$1
  shift
  "$MINGBAI_BIN" monkey "$@" >"$tmp/$name.out" 2>&1
}

for seed in 1 2 3; do
  render=none
  [ "$seed" = 3 ] && render=software
  n=$events
  [ "$seed" = 3 ] && n=$((events / 2))
  if ! run "seed$seed" --seed "$seed" --events "$n" --render "$render"; then
    echo "FAIL: seed $seed:"
    grep -av "info:" "$tmp/seed$seed.out" | tail -30
    fail=1
    continue
  fi
  grep -a -E "^monkey: seed|PIN pad|open files|^    " "$tmp/seed$seed.out"
  grep -aq "instructor's screens entered 0 times; exits 0; crashes 0" "$tmp/seed$seed.out" ||
    { echo "FAIL: seed $seed: the counts are not all 0"; fail=1; }
done

# The PIN pad was reached and never let the monkey in.
pins=$(cat "$tmp"/seed*.out | grep -ao "PIN pad opened [0-9]*" | awk '{s += $4} END {print s + 0}')
[ "$pins" -gt 0 ] || { echo "FAIL: the PIN pad was never reached"; fail=1; }
# The participant's screens were visited in the three runs and in runs of
# 1,000 events (not drawn) from seed 5 on, until one answers a question and
# sees its feedback: at most eight (about one seed in three does; which ones
# changes whenever a screen's layout does). The name screen and the summary
# take longer runs.
for seed in 5 6 7 8 9 10 11 12; do
  run "cover$seed" --seed "$seed" --events 1000 --render none ||
    { echo "FAIL: seed $seed (1000 events):"; grep -av "info:" "$tmp/cover$seed.out" | tail -30; fail=1; }
  grep -aqE "^    feedback " "$tmp/cover$seed.out" && { echo "seed $seed reached the feedback screen"; break; }
done
for screen in attract language signin home reader quiz feedback pin; do
  cat "$tmp"/seed*.out "$tmp"/cover*.out | grep -aqE "^    $screen " ||
    { echo "FAIL: the $screen screen was never visited"; fail=1; }
done

# The same seed, the same run.
run det1 --seed 9 --events 200 --render none
run det2 --seed 9 --events 200 --render none
d1=$(grep -ao "trace digest [0-9a-f]*" "$tmp/det1.out")
d2=$(grep -ao "trace digest [0-9a-f]*" "$tmp/det2.out")
[ -n "$d1" ] && [ "$d1" = "$d2" ] ||
  { echo "FAIL: seed 9 twice gave two runs ($d1, $d2)"; fail=1; }

# Negative controls: each fault caught, with the seed and the event, twice
# alike.
control() { # FAULT WHAT N: WHAT is the message that must be printed, N the
  # events to run again
  local fault=$1 what=$2 n=$3 a b
  for k in 1 2; do
    if run "$fault$k" --seed 5 --events 200 --render none --fault "$fault"; then
      echo "FAIL: a $fault made on purpose was not caught"
      fail=1
      return
    fi
  done
  a=$(grep -a -m1 -E "$what" "$tmp/${fault}1.out")
  b=$(grep -a -m1 -E "$what" "$tmp/${fault}2.out")
  if [ -z "$a" ] || [ "$a" != "$b" ] || ! grep -aq "reproduce with: mingbai monkey --seed 5 --events $n --window 800x480 --warmup 40 --render none" "$tmp/${fault}1.out"; then
    echo "FAIL: the $fault made on purpose was not reported at the same event of seed 5 twice:"
    cat "$tmp/${fault}1.out" | grep -av "info:" | tail -20
    fail=1
    return
  fi
  echo "ok: the control '$fault' is caught: $a"
}
control crash "crash \(a fatal signal\) at event 100 \(seed 5\)" 101
control exit "exit\(\) called at event 100 \(seed 5\)" 101
control instructor "FAILED at event 100 \(seed 5\): entered the instructor's screens" 101
control fd "FAILED at event 199 \(seed 5\): the number of open files changed" 200

[ "$fail" = 0 ] && echo "ok: the monkey found nothing wrong"
exit "$fail"
