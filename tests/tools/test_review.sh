#!/usr/bin/env bash
# Review a day later: the replay misses u1-q1, moves the clock a day, reviews
# it; the database then holds both answers, shown in the same (shuffled)
# order, and the question's next box.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$MINGBAI_BIN" replay tests/replay/review.replay --shots "$tmp" --db "$tmp/kiosk.db"
got=$(sqlite3 "$tmp/kiosk.db" "SELECT question_id, score, review FROM attempt ORDER BY id")
want=$'u1-q1|0.0|0\nu1-q1|1.0|1'
[ "$got" = "$want" ] || { echo "attempts:"; echo "$got"; echo "expected:"; echo "$want"; exit 1; }
# The review showed the answers in the order of the missed attempt.
seeds=$(sqlite3 "$tmp/kiosk.db" "SELECT count(DISTINCT order_seed), min(order_seed) != 0 FROM attempt")
[ "$seeds" = "1|1" ] || { echo "the review did not show the answers in the same order: $seeds"; exit 1; }
box=$(sqlite3 "$tmp/kiosk.db" "SELECT box FROM review WHERE question_id = 'u1-q1'")
[ "$box" = 2 ] || { echo "expected review box 2, found '$box'"; exit 1; }
echo "ok: missed, reviewed a day later, now in box 2"
