# Sourced by the export tests: make_class_db DB makes the kiosk's database
# of a seminar as it would be after class: the shipped course, four
# participants (ANNA, 王芳, "=2+3" and DAI WEI), one answer by DAI WEI
# before any session (tests/replay/export_before.replay), then session 1
# ("Seminar 1: platforms / 第一次研讨") with ANNA and 王芳 through all of
# unit 1's quiz in English and in Chinese and "=2+3" through two questions
# (tests/replay/export_session.replay), then the session ended. Needs
# sqlite3 and need.sh; replays are kept in $2 (a folder) when given.
make_class_db() {
  local db=$1 shots=${2:-$(mktemp -d)}
  new_kiosk_db "$db"
  sqlite3 "$db" "INSERT INTO participant(name, pseudo, guest, created_ms) VALUES
    ('ANNA', 'p-anna0001', 0, 0), ('王芳', 'p-wang0002', 0, 0),
    ('=2+3', 'p-form0003', 0, 0), ('DAI WEI', 'p-dai00004', 0, 0)"
  "$MINGBAI_BIN" replay tests/replay/export_before.replay --shots "$shots" --db "$db" \
    2>"$shots/before.log" || { cat "$shots/before.log"; return 1; }
  "$MINGBAI_BIN" session start --title "Seminar 1: platforms / 第一次研讨" \
    --unit media-literacy/01-platforms --pack media-literacy --db "$db" >/dev/null || return 1
  "$MINGBAI_BIN" replay tests/replay/export_session.replay --shots "$shots" --db "$db" \
    2>"$shots/session.log" || { grep -v ': info: ' "$shots/session.log"; return 1; }
  "$MINGBAI_BIN" session end --db "$db" >/dev/null
}
