#!/usr/bin/env bash
# The instructor's PIN on the touchscreen (tests/replay/pin_set.replay,
# pin_wait.replay): a kiosk without a PIN asks for one and keeps only its
# Argon2id hash, the failure count and no wait; a wrong try is counted; five
# turn the pad off for the wait, and taps on it then count nothing; the
# right PIN after the wait clears the count; the instructor's screens stay
# in the language chosen before the PIN (pin_lang.replay). The setting table holds
# exactly these rows, and never the digits.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
new_kiosk_db "$db"
# The hash by its prefix; the next try's time (the wall clock's
# milliseconds) by whether it is already past.
rows() {
  local now
  now=$(date +%s%3N)
  sqlite3 "$db" "SELECT key || '=' || CASE key WHEN 'pin_hash' THEN substr(value, 1, 10)
    WHEN 'pin_wait_until_ms' THEN CASE WHEN CAST(value AS INTEGER) <= $now THEN 'past' ELSE 'ahead' END
    ELSE value END FROM setting WHERE key NOT IN ('kiosk_id', 'shipped_course_imported') ORDER BY key"
}
"$MINGBAI_BIN" replay tests/replay/pin_set.replay --shots "$tmp" --db "$db"
got=$(rows)
want=$'pin_failures=1\npin_hash=$argon2id$\npin_wait_until_ms=past'
[ "$got" = "$want" ] || { printf 'after setting the PIN and one wrong try, expected\n%s\nfound\n%s\n' "$want" "$got"; exit 1; }
n=$(sqlite3 "$db" "SELECT count(*) FROM setting")
[ "$n" = 5 ] || { echo "expected 5 settings, found $n"; sqlite3 "$db" "SELECT key FROM setting"; exit 1; }
if sqlite3 "$db" "SELECT value FROM setting" | grep -q '1234\|9998'; then
  echo "the digits of a PIN are in the setting table"; exit 1
fi
# A kiosk whose PIN was set from a shell.
sqlite3 "$db" "DELETE FROM setting WHERE key LIKE 'pin_%'"
printf '2468\n2468\n' | "$MINGBAI_BIN" instructor set-pin --db "$db" >/dev/null
"$MINGBAI_BIN" replay tests/replay/pin_wait.replay --shots "$tmp" --db "$db"
got=$(rows)
want=$'pin_failures=0\npin_hash=$argon2id$\npin_wait_until_ms=past'
[ "$got" = "$want" ] || { printf 'after the wait and the right PIN, expected\n%s\nfound\n%s\n' "$want" "$got"; exit 1; }
"$MINGBAI_BIN" replay tests/replay/pin_lang.replay --shots "$tmp" --db "$db"
echo "ok: PIN chosen and kept as a hash, wrong tries counted, the pad off during the wait"
