#!/usr/bin/env bash
# The instructor's settings on the touchscreen (tests/replay/instructor_settings.replay):
# the setting table then holds exactly the four settings chosen beside the
# kiosk's own rows, and the kiosk would end only after "Leave the kiosk"
# was confirmed. A participant's kiosk started afterwards starts in Chinese
# with large text.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
new_kiosk_db "$db"
"$MINGBAI_BIN" replay tests/replay/instructor_settings.replay --shots "$tmp" --db "$db"
got=$(sqlite3 "$db" "SELECT key || '=' || value FROM setting WHERE key NOT IN ('kiosk_id', 'shipped_course_imported') ORDER BY key")
want=$'default_lang=zh-Hans\nidle_timeout_s=600\nkiosk_name=Room 3\ntext_size=large'
[ "$got" = "$want" ] || { printf 'settings: expected\n%s\nfound\n%s\n' "$want" "$got"; exit 1; }
echo "ok: four settings kept, leaving only once confirmed"
