#!/usr/bin/env bash
# Sessions on the instructor's screen (tests/replay/session_screen.replay):
# the session started there is the one row of session with its unit and
# pack, the guest's answer given while it was open belongs to it, ending it
# stamps its end and leaves one backup named for it. Nothing else. While a
# session is open, participants see its packs only.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
new_kiosk_db "$db"
before=$(date +%s%3N)
"$MINGBAI_BIN" replay tests/replay/session_screen.replay --shots "$tmp/shots" --db "$db"
after=$(date +%s%3N)
fail() { echo "$*"; exit 1; }
got=$(sqlite3 "$db" "SELECT id, title, ended_ms IS NOT NULL, started_ms BETWEEN $before AND $after,
  ended_ms BETWEEN started_ms AND $after FROM session")
[ "$got" = "1|Seminar 1|1|1|1" ] || fail "session rows: $got"
got=$(sqlite3 "$db" "SELECT session, pack_id, unit, ord FROM session_unit")
[ "$got" = "1|media-literacy|01-platforms|0" ] || fail "session_unit rows: $got"
got=$(sqlite3 "$db" "SELECT session, pack_id, ord FROM session_pack")
[ "$got" = "1|media-literacy|0" ] || fail "session_pack rows: $got"
got=$(sqlite3 "$db" "SELECT a.session, p.guest, a.unit, a.review FROM attempt a JOIN participant p ON p.id = a.participant")
[ "$got" = "1|1|01-platforms|0" ] || fail "attempt rows: $got"
n=$(ls "$tmp/backups" | grep -c -- '-session\.db$' || true)
[ "$n" = 1 ] || fail "expected one session backup, found $n: $(ls "$tmp/backups" 2>&1)"
# A session over a unit of another pack (tests/replay/session_packs.replay):
# participants see that pack only, its unit marked, until it ends.
db=$tmp/packs.db
"$MINGBAI_BIN" pack import tests/packs/good/bilingual --db "$db" >/dev/null
"$MINGBAI_BIN" replay tests/replay/session_packs.replay --shots "$tmp/shots" --db "$db"
got=$(sqlite3 "$db" "SELECT session, pack_id, ord FROM session_pack")
[ "$got" = "1|bilingual|0" ] || fail "session_pack rows of the second kiosk: $got"
echo "ok: session 1 started and ended on screen, the guest's answer in it, one backup"
