#!/usr/bin/env bash
# The instructor's roster on the touchscreen (tests/replay/instructor_roster.replay):
# afterwards the participant table holds exactly the names expected, in the
# order they were added, the merged entry's answers belong to the one kept,
# the removed participant's answer is gone, and the names imported from a
# CSV file (UTF-8 with a BOM, a name column, Chinese names) have new
# pseudonyms.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
new_kiosk_db "$db"
add_class "$db"
sqlite3 "$db" "INSERT INTO participant(name, pseudo, guest, created_ms) VALUES('Wang Fang', 'p-dup', 0, 0);
  INSERT INTO attempt(uuid, participant, pack_id, pack_version, unit, question_id, type, lang, response,
    score, max, correct, review, started_ms, answered_ms, kiosk_id)
  SELECT 'u-' || id || '-' || q, id, 'media-literacy', '1.0', 'u', q, 'multichoice', 'en', 'x', 1, 1, 1, 0, 0, 0, 'k'
  FROM participant, (SELECT 'q1' AS q UNION SELECT 'q2') WHERE pseudo IN ('p-dup', 'p-0');"
mkdir "$tmp/stick"
printf '\357\273\277name,seat\n李华,1\nZhang Wei,2\nBAO LI,3\n,4\n"Open,5\n' > "$tmp/stick/class.csv"
MINGBAI_IMPORT_DIR=$tmp/stick "$MINGBAI_BIN" replay tests/replay/instructor_roster.replay --shots "$tmp" --db "$db"
got=$(sqlite3 "$db" "SELECT name FROM participant ORDER BY id")
want=$(printf '%s\n' "BAO LI" "CAO MIN" "CHEN JIE" "DAI WEI" "DENG YU" "DING LAN" "DU JUAN" \
  "FAN BO" "FENG LIN" "GAO HUA" "GUO QING" "HAN MEI" "HE PING" "HU BIN" "HUANG LEI" \
  "JIANG TAO" "JIN LONG" "KONG YI" "LAI FEI" "LIANG KAI" "LIN DAN" "LIU YANG" "LU MING" \
  "LUO XIN" "MA LI" "MENG QI" "PAN YUE" "PENG FEI" "QIAN HAO" "QIN YU" "REN JING" "SHEN YI" \
  "SONG JIA" "SUN LI" "TANG WEI" "WANG FANG" "WU LEI" "YANG GUANG" "ZHAO YUN Jr" 李雷 李华 "Zhang Wei")
[ "$got" = "$want" ] || { echo "participants: expected"; echo "$want"; echo "found"; echo "$got"; exit 1; }
got=$(sqlite3 "$db" "SELECT p.name || ':' || a.question_id FROM attempt a JOIN participant p ON p.id = a.participant ORDER BY a.question_id")
want=$'WANG FANG:q1\nWANG FANG:q2'
[ "$got" = "$want" ] || { printf 'answers: expected\n%s\nfound\n%s\n' "$want" "$got"; exit 1; }
bad=$(sqlite3 "$db" "SELECT count(*) FROM participant WHERE name IN ('李雷', '李华', 'Zhang Wei') AND pseudo NOT GLOB 'p-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'")
[ "$bad" = 0 ] || { echo "$bad new names without a pseudonym of their own"; exit 1; }
echo "ok: renamed, removed, merged, added and imported; 42 names, the answers with WANG FANG"
