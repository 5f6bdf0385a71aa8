#!/usr/bin/env bash
# A clean stop: SIGTERM (systemd), SIGINT (Ctrl+C) and SIGHUP (the terminal
# closed) each end the kiosk with status 0 after it closed the database:
# its write-ahead log emptied into the file, so the file alone holds every
# answer. The engineer's chord Ctrl+Alt+Shift+E, typed under X (Xvfb and
# xdotool), ends it with status 4.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
need python3 python3
tmp=$(mktemp -d)
kiosk=
trap '[ -n "$kiosk" ] && kill -9 "$kiosk" 2>/dev/null; rm -rf "$tmp"' EXIT
db=$tmp/kiosk.db
new_kiosk_db "$db"
here=$(dirname "$0")

# start_kiosk: the kiosk on db in the background; waits until it is up.
start_kiosk() {
  "$MINGBAI_BIN" --db "$db" "$@" 2>"$tmp/log" &
  kiosk=$!
  for _ in $(seq 100); do
    [ -e "$db-shm" ] && break
    sleep 0.05
  done
  sleep 1
  kill -0 "$kiosk" || { cat "$tmp/log"; echo "the kiosk did not start"; exit 1; }
}

# stopped_by SIGNAL WANT: waits for the kiosk's exit; its status must be WANT.
stopped_with() {
  local rc=0
  wait "$kiosk" || rc=$?
  kiosk=
  [ "$rc" = "$2" ] || { cat "$tmp/log"; echo "$1: exit status $rc, expected $2"; exit 1; }
}

# The file alone holds what was acknowledged: no log with content is left.
file_holds() {
  if [ -s "$db-wal" ]; then echo "$1: $(stat -c %s "$db-wal") bytes left in $db-wal"; exit 1; fi
  local n
  n=$(sqlite3 "$db" "SELECT count(*) FROM participant")
  [ "$n" = "$2" ] || { echo "$1: $n participants in the file, expected $2"; exit 1; }
}

n=0
for sig in TERM INT HUP; do
  # Three answers' worth of rows acknowledged and still in the log.
  python3 "$here/leave_wal.py" "$db" "sig$sig" 3
  n=$((n + 3))
  [ -s "$db-wal" ] || { echo "the log should hold the new rows"; exit 1; }
  SDL_VIDEODRIVER=offscreen start_kiosk
  kill -"$sig" "$kiosk"
  stopped_with "SIG$sig" 0
  grep -q "stopping on signal .* (SIG$sig): closing the database" "$tmp/log" ||
    { cat "$tmp/log"; echo "SIG$sig: not said in the log"; exit 1; }
  file_holds "SIG$sig" "$n"
done
echo "ok: SIGTERM, SIGINT and SIGHUP close the database and exit 0"

if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
  need Xvfb xvfb
  need xdotool xdotool
fi
# Xvfb picks a free display itself (others may run on this machine).
Xvfb -displayfd 3 -screen 0 800x480x24 -nolisten tcp 3>"$tmp/display" 2>/dev/null &
xvfb=$!
trap '[ -n "$kiosk" ] && kill -9 "$kiosk" 2>/dev/null; kill "$xvfb" 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do
  [ -s "$tmp/display" ] && break
  sleep 0.05
done
display=:$(head -1 "$tmp/display")
python3 "$here/leave_wal.py" "$db" chord 2
DISPLAY=$display SDL_VIDEODRIVER=x11 start_kiosk --window 800x480
DISPLAY=$display xdotool search --sync --onlyvisible --name Mingbai windowfocus --sync 2>/dev/null || true
# Ctrl+Alt+F12 never reaches a program under X; the kiosk must not need it.
DISPLAY=$display xdotool key --clearmodifiers ctrl+alt+shift+e
stopped_with "Ctrl+Alt+Shift+E" 4
file_holds "Ctrl+Alt+Shift+E" $((n + 2))
echo "ok: Ctrl+Alt+Shift+E under X ends the kiosk with status 4, the database closed"
