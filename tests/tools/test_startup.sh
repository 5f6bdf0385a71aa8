#!/usr/bin/env bash
# Honest start-up: a database the kiosk cannot write (locked by another
# program, a read-only folder, a read-only file, a full disk) is told apart
# from a damaged one, each with its own page (asserted by its text) and log
# line; nothing is changed, and once the cause is fixed every row is there,
# those still in the -wal too. A damaged database (a corrupted file) is
# moved aside with its -wal and -shm into a dated folder and the newest good
# backup restored, and the instructor's home says so; without a backup it
# is left exactly as it was. A -wal that is not the database's log (from
# another database, or from a copy of this one that went its own way) is
# moved aside alone, unapplied, and the database kept. The kiosk itself
# checks its file just after its first frame (the replays, at once): a file
# found damaged then is dealt with as at the start.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
need python3 python3
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
replays=$(cd "$here/../replay" && pwd)
fail() { echo "FAIL: $*"; exit 1; }

# kiosk DB SCRIPT: replays SCRIPT on DB, the log kept in $tmp/log.
kiosk() {
  "$MINGBAI_BIN" replay "$replays/$2" --shots "$tmp/shots" --db "$1" 2>"$tmp/log" ||
    { cat "$tmp/log"; fail "$2 on $1"; }
}
said() { grep -q "$1" "$tmp/log" || { cat "$tmp/log"; fail "the log does not say: $1"; }; }
rows() { sqlite3 "$1" "SELECT group_concat(name, ',') FROM (SELECT name FROM participant ORDER BY id)"; }

# A database whose newest rows are only in its -wal, as after a power cut
# (with the record of its logs the kiosk keeps beside it).
new_kiosk_db "$tmp/template.db" 2>/dev/null
[ -s "$tmp/template.db-walid" ] || fail "the kiosk keeps no record of its logs (kiosk.db-walid)"
fresh() {
  mkdir -p "$(dirname "$1")"
  cp "$tmp/template.db" "$1"
  cp "$tmp/template.db-walid" "$1-walid"
  python3 "$here/leave_wal.py" "$1" "$2" 3
  [ -s "$1-wal" ] || fail "no rows in $1-wal"
}

# ---- locked by another program (the lock goes after 7 s: Try again works)
db=$tmp/locked/kiosk.db
fresh "$db" lk
{ echo "BEGIN EXCLUSIVE;"; echo "INSERT INTO setting VALUES('lock', '1');"; sleep 7; echo "ROLLBACK;"; } |
  sqlite3 "$db" &
locker=$!
sleep 0.5
kiosk "$db" startup_locked.replay
wait "$locker"
said "cannot be used (locked by another program)"
[ "$(rows "$db")" = "lk0,lk1,lk2" ] || fail "locked: rows $(rows "$db")"
[ -z "$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'lock'")" ] || fail "locked: the other program's row"
echo "ok: locked: its own page, Try again opens it once the lock is gone, nothing lost"

# ---- a read-only folder, then a read-only file: made read-only with
# chmod; root, which chmod does not stop, runs the kiosk without the
# capabilities that let it write anyway (no mount namespace needed, so that
# it runs in a container too)
need setpriv util-linux
ro() { # ro PATH SCRIPT: the replay with PATH read-only
  chmod a-w "$1"
  if [ "$(id -u)" != 0 ]; then
    kiosk "$db" "$2"
  else
    setpriv --bounding-set -dac_override,-dac_read_search \
      "$MINGBAI_BIN" replay "$replays/$2" --shots "$tmp/shots" --db "$db" 2>"$tmp/log" ||
      { cat "$tmp/log"; fail "$2 with $1 read-only"; }
  fi
  chmod u+w "$1"
}
db=$tmp/ro/kiosk.db
fresh "$db" ro
sum=$(cat "$db" "$db-wal" | sha256sum)
ro "$tmp/ro" startup_readonly.replay
said "cannot be used (cannot write here): cannot write in the folder"
ro "$db" startup_readonly.replay
said "cannot be used (cannot write here): cannot write the database file"
[ "$(cat "$db" "$db-wal" | sha256sum)" = "$sum" ] || fail "read-only: the files changed"
kiosk "$db" startup_ok.replay
[ "$(rows "$db")" = "ro0,ro1,ro2" ] || fail "read-only: rows $(rows "$db")"
echo "ok: read-only folder and file: their page, no session, nothing lost once writable"

# ---- no room to write: a 2 MiB tmpfs in a mount namespace of its own
# (ENOSPC) where one can be made; else a file size limit of 128 KiB
# (EFBIG, as a FAT stick's 4 GiB gives), which any user can set
need prlimit util-linux
db=$tmp/full/kiosk.db
if unshare -m true 2>/dev/null && [ "$(id -u)" = 0 ]; then
  fresh "$tmp/src/kiosk.db" fu
  mkdir -p "$tmp/full"
  unshare -m bash -c '
    set -e
    mount -t tmpfs -o size=2m tmpfs "$1"
    cp "$2" "$2-wal" "$1/"
    dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null || true
    "$MINGBAI_BIN" replay "$3/startup_full.replay" --shots "$4" --db "$1/kiosk.db" 2>"$5"
    cmp "$2" "$1/kiosk.db" && cmp "$2-wal" "$1/kiosk.db-wal"
    rm "$1/filler"
    "$MINGBAI_BIN" replay "$3/startup_ok.replay" --shots "$4" --db "$1/kiosk.db" 2>/dev/null
    sqlite3 "$1/kiosk.db" "SELECT group_concat(name, \",\") FROM participant" > "$1/../full.rows"
  ' _ "$tmp/full" "$tmp/src/kiosk.db" "$replays" "$tmp/shots" "$tmp/log" ||
    { cat "$tmp/log"; fail "full disk"; }
  said "cannot be used (the disk is full)"
  [ "$(cat "$tmp/full.rows")" = "fu0,fu1,fu2" ] || fail "full: rows $(cat "$tmp/full.rows")"
else
  fresh "$db" fu
  sum=$(cat "$db" "$db-wal" | sha256sum)
  (trap '' XFSZ; prlimit --fsize=131072 "$MINGBAI_BIN" replay "$replays/startup_full.replay" \
     --shots "$tmp/shots" --db "$db" 2>"$tmp/log") || { cat "$tmp/log"; fail "no room"; }
  said "cannot be used (the disk is full)"
  [ "$(cat "$db" "$db-wal" | sha256sum)" = "$sum" ] || fail "no room: the files changed"
  kiosk "$db" startup_ok.replay
  [ "$(rows "$db")" = "fu0,fu1,fu2" ] || fail "no room: rows $(rows "$db")"
fi
echo "ok: no room to write: its page, nothing changed, nothing lost once there is room"
# Room for less than the probe's 256 KiB (a file size limit of 1,000
# bytes): the page still says the disk is full (it once said "cannot write
# in the folder" with whatever errno an earlier call left, when the probe
# wrote its bytes and the first write was short, with no error of its own).
(trap '' XFSZ; prlimit --fsize=1000 "$MINGBAI_BIN" replay "$replays/startup_full.replay" \
   --shots "$tmp/shots" --db "$db" 2>"$tmp/log") || { cat "$tmp/log"; fail "a short write"; }
said "cannot be used (the disk is full)"
echo "ok: a short write is no room to write"

# ---- damaged, no backup: left exactly as it was
db=$tmp/bad/kiosk.db
fresh "$db" bd
dd if=/dev/urandom of="$db" bs=4096 seek=3 count=4 conv=notrunc 2>/dev/null
sum=$(cat "$db" "$db-wal" | sha256sum)
kiosk "$db" startup_damaged.replay
said "cannot be used (damaged): the database failed its check"
[ "$(cat "$db" "$db-wal" | sha256sum)" = "$sum" ] || fail "damaged: the files changed"
[ -z "$(ls -d "$tmp"/bad/damaged-* 2>/dev/null)" ] || fail "damaged: moved without a backup"
echo "ok: damaged without a backup: its page, the files left as they were"

# recovered DIR WAL_TOO: the damaged files went into one dated folder,
# byte for byte, the backup's rows are back, the setting is gone (Noted).
recovered() {
  local aside
  aside=$(ls -d "$1"/damaged-* 2>/dev/null)
  [ "$(echo "$aside" | wc -l)" = 1 ] && [ -n "$aside" ] || fail "$1: no damaged-DATE folder"
  cmp "$1/bad.copy" "$aside/kiosk.db" || fail "$1: the damaged file was not kept"
  cmp "$1/bad.copy-wal" "$aside/kiosk.db-wal" || fail "$1: its -wal was not kept"
  [ "$(rows "$1/kiosk.db")" = "$2" ] || fail "$1: rows $(rows "$1/kiosk.db")"
  [ -z "$(sqlite3 "$1/kiosk.db" "SELECT value FROM setting WHERE key = 'recovered'")" ] ||
    fail "$1: the notice stays after Noted"
  said "was damaged: moved with its -wal and -shm to $aside"
}

# ---- damaged, with backups: the newest good one is restored
db=$tmp/rec/kiosk.db
fresh "$db" rc
mkdir -p "$tmp/rec/backups"
"$MINGBAI_BIN" backup "$tmp/rec/backups/mingbai-000001-20260101T000000Z-session.db" --db "$db" 2>/dev/null
python3 "$here/leave_wal.py" "$db" late 1
"$MINGBAI_BIN" backup "$tmp/rec/backups/mingbai-000002-20260102T000000Z-session.db" --db "$db" 2>/dev/null
python3 "$here/leave_wal.py" "$db" after 2
echo "not a database" > "$tmp/rec/backups/mingbai-000003-20260103T000000Z-session.db"
dd if=/dev/urandom of="$db" bs=4096 seek=3 count=4 conv=notrunc 2>/dev/null
cp "$db" "$tmp/rec/bad.copy"; cp "$db-wal" "$tmp/rec/bad.copy-wal"
kiosk "$db" startup_recovered.replay
recovered "$tmp/rec" "rc0,rc1,rc2,late0"
said "the backup $tmp/rec/backups/mingbai-000002-20260102T000000Z-session.db was restored"
echo "ok: damaged: moved aside with its -wal, the newest good backup restored, the instructor told"

# set_aside DIR ROWS: the -wal (bad.copy-wal) went alone into one dated
# folder, byte for byte, unapplied; the database stayed where it was, with
# ROWS; no backup restored; the notice gone after Noted.
set_aside() {
  local aside
  aside=$(ls -d "$1"/stray-wal-* 2>/dev/null)
  [ "$(echo "$aside" | wc -l)" = 1 ] && [ -n "$aside" ] || fail "$1: no stray-wal-DATE folder"
  case "$(ls "$aside" | tr '\n' ' ')" in "kiosk.db-wal " | "kiosk.db-shm kiosk.db-wal ") ;; *) false ;; esac || fail "$1: $aside holds $(ls "$aside" | tr '\n' ' ')"
  cmp "$1/bad.copy-wal" "$aside/kiosk.db-wal" || fail "$1: the -wal was not kept as it was"
  [ -z "$(ls -d "$1"/damaged-* 2>/dev/null)" ] || fail "$1: the database was moved aside"
  [ "$(rows "$1/kiosk.db")" = "$2" ] || fail "$1: rows $(rows "$1/kiosk.db")"
  [ -z "$(sqlite3 "$1/kiosk.db" "SELECT value FROM setting WHERE key = 'recovered'")" ] ||
    fail "$1: the notice stays after Noted"
  said "kiosk.db-wal does not belong to the database"
  said "it was not applied, and was moved with the -shm into $aside"
  if grep -q "was restored" "$tmp/log"; then cat "$tmp/log"; fail "$1: a backup was restored"; fi
}

# ---- a -wal from another database beside it: not applied, set aside
# (the backup, older than the file's rows wl0-wl2, is not restored)
db=$tmp/wal/kiosk.db
fresh "$db" wl
mkdir -p "$tmp/wal/backups"
"$MINGBAI_BIN" backup "$tmp/wal/backups/mingbai-000001-20260101T000000Z-session.db" --db "$db" 2>/dev/null
sqlite3 "$db" "INSERT INTO participant(name, pseudo, created_ms) VALUES('wl3', 'w3', 3)"
other=$tmp/other/kiosk.db
mkdir -p "$tmp/other" && cp "$tmp/template.db" "$other"
sqlite3 "$other" "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 300)
  INSERT INTO participant(name, pseudo, created_ms) SELECT printf('%.200c', 'x') || i, 'p' || i, i FROM c"
python3 "$here/leave_wal.py" "$other" other 30
cp "$other-wal" "$db-wal"
cp "$db" "$tmp/wal/bad.copy"; cp "$db-wal" "$tmp/wal/bad.copy-wal"
kiosk "$db" startup_wal_aside.replay
set_aside "$tmp/wal" "wl0,wl1,wl2,wl3"
echo "ok: a -wal from another database: not applied, set aside alone, the database kept"

# ---- a -wal from a copy of the same database that went its own way: the
# same page size, valid checksums, every index whole (integrity_check
# passes): only its salts, recorded in kiosk.db-walid whenever the kiosk
# starts a log, tell that it is not this database's log
db=$tmp/div/kiosk.db
fresh "$db" aa
mkdir -p "$tmp/div/backups"
"$MINGBAI_BIN" backup "$tmp/div/backups/mingbai-000001-20260101T000000Z-session.db" --db "$db" 2>/dev/null
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
[ ! -e "$db-wal" ] || fail "diverged: the shell left a -wal"
copy=$tmp/copy/kiosk.db
mkdir -p "$tmp/copy" && cp "$db" "$copy"
sqlite3 "$db" "INSERT INTO setting VALUES('recovered', 'elsewhere' || char(10) || 'a backup')"
# The kiosk writes in A (Noted deletes the setting: a new log, recorded)
# and is killed before it closes: its row stays in A's -wal.
mkfifo "$tmp/div.replay"
"$MINGBAI_BIN" replay "$tmp/div.replay" --shots "$tmp/divshots" --db "$db" 2>"$tmp/log" &
kiosk_pid=$!
exec 3>"$tmp/div.replay"
printf 'instructor\nscreen instructor\ntap "Noted"\nshot noted\n' >&3
for _ in $(seq 100); do [ -e "$tmp/divshots/noted.png" ] && break; sleep 0.1; done
[ -e "$tmp/divshots/noted.png" ] || { cat "$tmp/log"; fail "diverged: the kiosk did not get to Noted"; }
kill -9 "$kiosk_pid"; wait "$kiosk_pid" 2>/dev/null || true
exec 3>&-
[ -s "$db-wal" ] || fail "diverged: nothing in A's -wal"
# A's own -wal is its log: taken (copied with its record, as it is).
mkdir -p "$tmp/own" && cp "$db" "$db-wal" "$tmp/own/"
[ ! -e "$db-walid" ] || cp "$db-walid" "$tmp/own/"
kiosk "$tmp/own/kiosk.db" startup_ok.replay
[ "$(rows "$tmp/own/kiosk.db")" = "aa0,aa1,aa2" ] || fail "own -wal: rows $(rows "$tmp/own/kiosk.db")"
[ -z "$(sqlite3 "$tmp/own/kiosk.db" "SELECT value FROM setting WHERE key = 'recovered'")" ] ||
  fail "own -wal: its row (Noted) was not applied"
[ -z "$(ls -d "$tmp"/own/damaged-* 2>/dev/null)" ] || fail "own -wal: moved aside"
# B, the copy, writes rows of its own; its -wal then lands beside A's file.
python3 "$here/leave_wal.py" "$copy" bb 3
cp "$copy-wal" "$db-wal"
cp "$db" "$tmp/div/bad.copy"; cp "$db-wal" "$tmp/div/bad.copy-wal"
"$MINGBAI_BIN" replay "$replays/startup_wal_aside.replay" --shots "$tmp/shots" --db "$db" 2>"$tmp/log" ||
  fail "diverged: B's -wal was applied, nothing told: rows $(rows "$db")"
set_aside "$tmp/div" "aa0,aa1,aa2"
echo "ok: a -wal from a diverged copy of the database: not applied, set aside alone, the database kept"

# ---- the kiosk itself (not a replay) leaves the file's check, which reads
# every page, for just after its first frame, before any tap is read. A
# file damaged where the first frame does not read (the participants'
# table), with no -wal (closed the evening before): the first frame, then
# the check, then as at a start with the check: without a backup, the page
# that says why and the file left as it was; with one, the file moved aside
# and the backup restored.
# (a window of 800x480 and no session bus, as on the console)
start_kiosk() {
  MINGBAI_FIRST_FRAME_EXIT=1 DISPLAY=:startup DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus \
    "$MINGBAI_BIN" --window 800x480 --db "$1" 2>"$tmp/log" || { cat "$tmp/log"; fail "the kiosk on $1"; }
}
# damage DB: a leaf page of the participants' table overwritten
damage() {
  local page
  page=$(sqlite3 "$1" "SELECT max(pageno) FROM dbstat WHERE name = 'participant' AND pagetype = 'leaf'")
  [ -n "$page" ] || fail "no page of participants in $1"
  python3 -c 'import sys
with open(sys.argv[1], "r+b") as f:
    f.seek((int(sys.argv[2]) - 1) * 4096); f.write(b"\xa5" * 4096)' "$1" "$page"
}
# after_frame: the log says the first frame, then the check's failure
after_frame() {
  grep -o "first frame presented\|failed its check after the first frame" "$tmp/log" |
    tr '\n' '|' > "$tmp/order"
  [ "$(cat "$tmp/order")" = "first frame presented|failed its check after the first frame|" ] ||
    { cat "$tmp/log"; fail "the check did not come after the first frame: $(cat "$tmp/order")"; }
}
db=$tmp/late/kiosk.db
fresh "$db" lt
sqlite3 "$db" "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 40)
  INSERT INTO participant(name, pseudo, created_ms) SELECT 'late ' || i || printf('%.80c', 'x'), 'l' || i, i FROM c"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
rm -f "$db-wal"
start_kiosk "$db"
grep -q "failed its check" "$tmp/log" && { cat "$tmp/log"; fail "a sound file failed its check"; }
said "course ready after [0-9.]* ms of CPU time (packs 1, units"
damage "$db"
sum=$(sha256sum < "$db")
start_kiosk "$db"
after_frame
said "cannot be used (damaged): the database failed its check"
said "course ready after [0-9.]* ms of CPU time (packs 0, units 0)"
[ "$(sha256sum < "$db")" = "$sum" ] || fail "late check: the damaged file changed"
[ ! -e "$db-wal" ] || [ ! -s "$db-wal" ] || fail "late check: a -wal was written"
[ -z "$(ls -d "$tmp"/late/damaged-* 2>/dev/null)" ] || fail "late check: moved without a backup"
echo "ok: the kiosk's check after its first frame: a damaged file's page, the file left as it was"
mkdir -p "$tmp/late2/backups"
db=$tmp/late2/kiosk.db
cp "$tmp/late/kiosk.db" "$tmp/late/kiosk.db-walid" "$tmp/late2/"
sqlite3 "$tmp/template.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
"$MINGBAI_BIN" backup "$tmp/late2/backups/mingbai-000001-20260101T000000Z-session.db" \
  --db "$tmp/template.db" 2>/dev/null
cp "$db" "$tmp/late2/bad.copy"
start_kiosk "$db"
after_frame
aside=$(ls -d "$tmp"/late2/damaged-* 2>/dev/null)
[ "$(echo "$aside" | wc -l)" = 1 ] && [ -n "$aside" ] || fail "late check: no damaged-DATE folder"
cmp "$tmp/late2/bad.copy" "$aside/kiosk.db" || fail "late check: the damaged file was not kept"
said "the backup $tmp/late2/backups/mingbai-000001-20260101T000000Z-session.db was restored"
said "course ready after [0-9.]* ms of CPU time (packs 1, units"
[ "$(sqlite3 "$db" "SELECT count(*) FROM participant")" = 0 ] || fail "late check: not the backup's rows"
sqlite3 "$db" "SELECT value FROM setting WHERE key = 'recovered'" | grep -q "$aside" ||
  fail "late check: the instructor is not told"
echo "ok: the kiosk's check after its first frame: a damaged file moved aside, the backup restored"
