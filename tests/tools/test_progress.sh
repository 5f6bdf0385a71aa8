#!/usr/bin/env bash
# The home screen's progress and the name in the bar
# (tests/replay/progress.replay) at 800x480 and 1920x1080: a participant
# with three answers in unit 1, one to a question the pack no longer has,
# sees "2 of 10 answered"; reading a unit part way and another to its end
# keeps where each was left and that the second was finished; looking at
# the home screen records no answer. The screenshots stay in
# $MINGBAI_BUILD_DIR/progress-shots/.
set -u
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
out=${MINGBAI_BUILD_DIR:-build}/progress-shots
rm -rf "$out"; mkdir -p "$out"
fail=0
for size in 800x480 1920x1080; do
  dir=$out/$size
  mkdir -p "$dir"
  db=$dir/kiosk.db
  new_kiosk_db "$db"
  ins="INSERT INTO attempt(uuid, participant, pack_id, pack_version, unit, question_id, type, lang,
       response, score, max, correct, review, started_ms, answered_ms, kiosk_id)"
  sqlite3 "$db" "INSERT INTO participant(id, name, pseudo, guest, created_ms)
                 VALUES(7, 'Maximiliana Konstantinopoulou-Wetherby', 'p-7', 0, 0);
    $ins VALUES('a1', 7, 'media-literacy', '1.0', '01-platforms', 'u1-q1', 'multichoice', 'en', 'x', 1, 1, 1, 0, 1, 2, 'k');
    $ins VALUES('a2', 7, 'media-literacy', '1.0', '01-platforms', 'u1-q2', 'multiresponse', 'en', 'x', 0, 1, 0, 0, 1, 2, 'k');
    $ins VALUES('a3', 7, 'media-literacy', '1.0', '01-platforms', 'u1-dropped', 'multichoice', 'en', 'x', 1, 1, 1, 0, 1, 2, 'k');"
  if ! "$MINGBAI_BIN" replay tests/replay/progress.replay --shots "$dir" --window "$size" \
       --db "$db" 2>"$dir/stderr"; then
    echo "FAIL replay progress at $size (screenshots in $dir)"
    grep -v ': info: ' "$dir/stderr" | sed 's/^/  /'
    fail=1
  fi
  got=$(sqlite3 "$db" "SELECT unit, finished, percent = 100, percent BETWEEN 1 AND 99 FROM unit_position
                       WHERE participant = 7 ORDER BY unit")
  want='01-platforms|1|0|0
02-official-accounts|0|0|1'
  if [ "$got" != "$want" ]; then
    echo "FAIL $size: reading kept as"; echo "$got" | sed 's/^/  /'; echo "  expected"; echo "$want" | sed 's/^/  /'
    fail=1
  fi
  n=$(sqlite3 "$db" "SELECT count(*), count(DISTINCT participant) FROM attempt")
  [ "$n" = "3|1" ] || { echo "FAIL $size: expected the three seeded answers only, found $n"; fail=1; }
done
[ $fail -eq 0 ] && echo "ok: progress counted and kept at 800x480 and 1920x1080"
exit $fail
