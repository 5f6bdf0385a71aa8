#!/usr/bin/env bash
# kill -9 at random moments: the real kiosk, headless, answering the whole
# shipped course (`mingbai replay` of the course walk, tests/tools/
# gen_course_walk.py), and `mingbai pack import` of a large pack (the
# course with 8 MB of pictures, a newer version each time), killed with
# SIGKILL after a random delay, again and again on the same database (a
# fresh one now and then, so that first starts are killed too). After each
# kill: PRAGMA integrity_check is ok, every answer the kiosk acknowledged is
# in the database, the course pack is whole (the rows of one version, never
# a mix) and an import that finished before the kill is there.
#
# How an acknowledgement is known: test builds (MINGBAI_TEST_HOOKS) append
# each answer's UUID to $MINGBAI_ACK_LOG once store_attempt_insert's commit
# has returned, before the feedback screen ("Your answer is saved.") shows;
# the line is written with write(2), so a SIGKILL after it cannot lose it.
#
# Negative control: the same kills with MINGBAI_TEST_ACK_EARLY_MS, which
# makes the store write the acknowledgement before its commit (and wait a
# second), each run killed as soon as an acknowledgement appears: the check
# must see lost answers, or it is blind.
#
#   MINGBAI_KILL9_KILLS=500 tests/tools/test_kill9.sh   (the long run; ctest: 20)
#   MINGBAI_KILL9_NEGATIVE=N (default 3), MINGBAI_KILL9_SEED=S
set -u
. "$(dirname "$0")/need.sh"
need python3 python3
need sqlite3 sqlite3
src=$(cd "$(dirname "$0")/../.." && pwd)
cd "$src"
bin=${MINGBAI_BIN:-$src/build/mingbai}
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen} SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}
export SDL_RENDER_DRIVER=${SDL_RENDER_DRIVER:-software}
kills=${MINGBAI_KILL9_KILLS:-20}
neg_kills=${MINGBAI_KILL9_NEGATIVE:-3}
seed=${MINGBAI_KILL9_SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$seed
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 tests/tools/gen_course_walk.py "$tmp/gen" --mingbai "$bin" >"$tmp/gen.log" 2>&1
script=$tmp/gen/course_walk_en.replay
[ -s "$script" ] || { echo "FAIL cannot make the course walk"; cat "$tmp/gen.log"; exit 1; }

# The large pack: the shipped course with eight 1 MB pictures.
big=$tmp/bigpack
cp -r content/media-literacy "$big"
mkdir -p "$big/media"
for i in 1 2 3 4 5 6 7 8; do
  { printf '\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x04\x00\x00\x00\x04\x08\x06\x00\x00\x00'
    head -c 1000000 /dev/urandom; } > "$big/media/big$i.png"
done

db=$tmp/data/mingbai.db
ack=$tmp/ack.log
mkdir -p "$tmp/data"
shipped_files=$(find content/media-literacy -type f | wc -l)
shipped_version=$(sed -n 's/^version = //p' content/media-literacy/pack.ini)
big_files=$(find "$big" -type f | wc -l)
# What a whole import holds: the same questions in every version.
"$bin" --db "$tmp/ref.db" pack import "$big" >"$tmp/ref.log" 2>&1 ||
  { echo "FAIL the large pack does not import"; cat "$tmp/ref.log"; exit 1; }
questions_ref=$(sqlite3 "$tmp/ref.db" "SELECT count(*) FROM question")
[ "$(sqlite3 "$tmp/ref.db" "SELECT count(*) FROM pack_file")" = "$big_files" ] ||
  { echo "FAIL the large pack's files: $(sqlite3 "$tmp/ref.db" "SELECT count(*) FROM pack_file") rows, $big_files files"; exit 1; }
version=1   # the big pack's versions: 2.0, 3.0, ...
acked_version=""

ms_sleep() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }

# check: integrity, acknowledged answers, the pack whole. Sets lost, bad.
check() {
  local ic n_ack n_db list row v files questions
  ic=$(sqlite3 "$db" "PRAGMA integrity_check" 2>&1)
  [ "$ic" = ok ] || { echo "FAIL integrity_check after kill $1: $ic"; bad=$((bad + 1)); }
  lost=0
  if [ -s "$ack" ]; then
    n_ack=$(sort -u "$ack" | wc -l)
    list=$(sort -u "$ack" | sed "s/.*/'&'/" | paste -sd, -)
    n_db=$(sqlite3 "$db" "SELECT count(*) FROM attempt WHERE uuid IN ($list)")
    lost=$((n_ack - n_db))
    acked_total=$n_ack
  fi
  row=$(sqlite3 -separator ' ' "$db" "SELECT version, (SELECT count(*) FROM pack_file f WHERE f.pack_id = p.id), (SELECT count(*) FROM question q WHERE q.pack_id = p.id) FROM pack p WHERE id = 'media-literacy'" 2>/dev/null)
  if [ -n "$row" ]; then
    read -r v files questions <<<"$row"
    want=$big_files; [ "$v" = "$shipped_version" ] && want=$shipped_files
    if [ "$files" != "$want" ] || [ "$questions" != "$questions_ref" ]; then
      echo "FAIL after kill $1: pack media-literacy $v has $files files, $questions questions (whole: $want, $questions_ref)"
      bad=$((bad + 1))
    fi
    if [ -n "$acked_version" ] && [ "${v%%.*}" -lt "${acked_version%%.*}" ]; then
      echo "FAIL after kill $1: import of $acked_version acknowledged, the database has $v"
      bad=$((bad + 1))
    fi
  fi
}

# one_kill I NEGATIVE: one run killed at a random moment, then checked.
one_kill() {
  local i=$1 negative=$2 pid ms rc
  if [ $((i % 9)) = 1 ]; then   # a first start now and then
    rm -rf "$tmp/data"; mkdir -p "$tmp/data"; : > "$ack"; acked_version=""
  fi
  if [ "$negative" = 0 ] && [ $((i % 4)) = 0 ] && [ -e "$db" ]; then
    version=$((version + 1))
    sed -i "s/^version = .*/version = $version.0/" "$big/pack.ini"
    "$bin" --db "$db" pack import "$big" >"$tmp/run.log" 2>&1 &
    pid=$!
    ms=$((RANDOM % 1500))
    what=import
  else
    if [ "$negative" = 1 ]; then
      MINGBAI_TEST_ACK_EARLY_MS=1000 MINGBAI_ACK_LOG=$ack "$bin" replay "$script" \
        --shots "$tmp/shots" --db "$db" >"$tmp/run.log" 2>&1 &
    else
      MINGBAI_ACK_LOG=$ack "$bin" replay "$script" --shots "$tmp/shots" --db "$db" \
        >"$tmp/run.log" 2>&1 &
    fi
    pid=$!
    ms=$((200 + RANDOM % 2300))
    what=replay
  fi
  if [ "$negative" = 1 ]; then
    # right after an acknowledgement: inside the window the control opens
    local before waited=0
    before=$(wc -l < "$ack")
    while [ "$(wc -l < "$ack")" = "$before" ] && [ "$waited" -lt 300 ] && kill -0 "$pid" 2>/dev/null; do
      sleep 0.1; waited=$((waited + 1))
    done
    ms=$((waited * 100))
  else
    ms_sleep "$ms"
  fi
  kill -9 "$pid" 2>/dev/null
  { wait "$pid"; } 2>/dev/null
  rc=$?
  if [ "$rc" = 137 ]; then
    killed=$((killed + 1))
  else
    ended=$((ended + 1))
    [ "$what" = import ] && [ "$rc" = 0 ] && acked_version=$version.0
  fi
  check "$i ($what at ${ms} ms)"
  if [ "$lost" -gt 0 ]; then
    lost_total=$((lost_total + lost))
    [ "$negative" = 0 ] && { echo "FAIL after kill $i ($what at ${ms} ms): $lost acknowledged answers lost"; bad=$((bad + 1)); }
    : > "$ack"   # counted once
  fi
}

bad=0; killed=0; ended=0; lost_total=0; acked_total=0
t0=$(date +%s)
for i in $(seq 1 "$kills"); do
  one_kill "$i" 0
  [ $((i % 50)) = 0 ] && [ "$i" != "$kills" ] && echo "kill9: $i runs so far, $bad problems"
done
echo "kill9: seed $seed: $kills runs, $killed killed with SIGKILL ($ended ended before), $lost_total acknowledged answers lost, $bad problems ($(( $(date +%s) - t0 )) s)"
fail=$bad

# Negative control: acknowledged before the commit; kills must find a loss.
rm -rf "$tmp/data"; mkdir -p "$tmp/data"; : > "$ack"; acked_version=""
bad=0; killed=0; ended=0; lost_total=0
for i in $(seq 1 "$neg_kills"); do one_kill "$((i * 2))" 1; done
echo "kill9 negative control (acknowledged before the commit): $neg_kills runs, $killed killed, $lost_total answers lost"
if [ "$lost_total" = 0 ]; then
  echo "FAIL the negative control saw no loss: the check is blind"
  fail=$((fail + 1))
fi
[ "$fail" = 0 ] && echo "ok: nothing acknowledged was lost to kill -9"
[ "$fail" = 0 ]
