#!/usr/bin/env bash
# The export screen on the board, where the stick is mounted read-only
# (board/debian/usb.rules) and the kiosk asks the stick service
# (board/debian/stick) to mount it writable and then to unmount it. Run in
# a mount namespace of its own (unshare; as root, or as a user with user
# namespaces), where a stand-in for the service (the function `service`
# below, playing mingbai-stick.path) watches $MINGBAI_STICK_RUN/requests,
# logs each request and mounts the "stick" (a folder, or a small tmpfs,
# bound on the mount point) writable, read-only or not at all, as the
# board's service does: unmounted and mounted anew. The kiosk runs in a
# namespace of its own below that one (as systemd runs it, with
# ProtectSystem=), which gets the new mounts but would keep a read-only
# copy through a remount:
# - the export: requests "rw" then "eject", exactly; the instructor sees
#   "Saved on the stick. You can take it out now." and the four files are
#   on the stick as `mingbai export` writes them when it is taken out;
# - no answer from the service: "could not be made writable (no answer in
#   time)" and nothing written;
# - the stick pulled once made writable (its folder gone): the failure
#   said, nothing written, "ro" asked after;
# - a full stick: the failure said, no file of the export left (the
#   formats written before the full one taken away), the stick read-only
#   again;
# - a pack imported from the read-only stick, which is left as it was.
set -euo pipefail
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
need unshare util-linux
if [ "${MINGBAI_STICK_NS:-}" != 1 ]; then
  if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    exec env MINGBAI_STICK_NS=1 unshare -m --propagation private bash "$0"
  elif unshare -rm true 2>/dev/null; then
    exec env MINGBAI_STICK_NS=1 unshare -rm --propagation private bash "$0"
  fi
  skip "no mount namespace can be made here (unshare -m as root, or user namespaces)"
fi
. "$(dirname "$0")/export_class.sh"
tmp=$(mktemp -d)
svc=
cleanup() {
  [ -z "$svc" ] || kill "$svc" 2>/dev/null || true
  umount -R "$tmp/media" 2>/dev/null || true
  umount "$tmp/fullfs" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
db=$tmp/kiosk.db
make_class_db "$db" "$tmp"
dump() { sqlite3 "$db" "SELECT * FROM attempt; SELECT * FROM session; SELECT * FROM participant"; }
before=$(dump)
run=$tmp/run mp=$tmp/media/mingbai/ABCD-1234
export MINGBAI_STICK_RUN=$run MINGBAI_EXPORT_DIR=$mp
mkdir -p "$run/requests" "$run/stick" "$tmp/media"
mount -t tmpfs tmpfs "$tmp/media" # what the tests leave under it goes with it
mount --make-shared "$tmp/media"   # mounts under it reach the kiosk's namespace
mkdir -p "$mp"

# The stick as the udev rule mounts it: the folder $tmp/source bound
# read-only on the mount point ($tmp/source a small tmpfs for a full stick).
plug() {
  mkdir -p "$mp"
  mount --bind "$tmp/source" "$mp" && mount -o remount,bind,ro "$mp"
}
options() { findmnt -n -o OPTIONS --mountpoint "$mp" | cut -d, -f1; }

# The stand-in for the stick service: each request logged as "ACTION
# PATH" in $tmp/asked (the mount point written MP), then done as
# $tmp/mode says: "normal" (rw, ro: unmounted and mounted anew with the
# option; eject: the stick's files copied to $tmp/taken-out, unmounted),
# "pull" (rw: the stick unmounted and its folder removed before the
# answer, as when it is pulled; then nothing is mounted).
service() {
  while :; do
    for f in "$run"/requests/*; do
      [ -f "$f" ] || continue
      id=${f##*/} line=$(cat "$f")
      action=${line%% *} path=${line#* }
      echo "$action ${path/#$mp/MP}" >> "$tmp/asked"
      result=ok say="done"
      if ! findmnt --mountpoint "$path" >/dev/null; then
        result=failed say="$path is not mounted"
      elif [ "$(cat "$tmp/mode")" = pull ] && [ "$action" = rw ]; then
        umount "$path" && rmdir "$path"
      else
        case $action in
          rw) umount "$path" && mount --bind "$tmp/source" "$path" ;;
          ro) umount "$path" && plug ;;
          eject) rm -rf "$tmp/taken-out" && cp -a "$path" "$tmp/taken-out" && umount "$path" ;;
        esac || { result=failed say="could not $action"; }
      fi
      printf '%s %s %s\n%s\n' "$id" "$result" "$action" "$say" > "$run/stick/status.new"
      mv "$run/stick/status.new" "$run/stick/status"
      rm -f "$f" # last: an empty folder means every request was done
    done
    sleep 0.02
  done
}
start_service() { echo "$1" > "$tmp/mode"; : > "$tmp/asked"; service & svc=$!; }
# Stops the service once it has done every request (the kiosk does not
# wait for the answer to "ro"), or after 20 s.
stop_service() {
  for _ in $(seq 200); do
    [ -n "$(ls -A "$run/requests")" ] || break
    sleep 0.1
  done
  kill "$svc"; wait "$svc" 2>/dev/null || true; svc=
}
# MINGBAI_STICK_SHOTS=DIR and MINGBAI_STICK_WINDOW=WxH keep the screenshots
# (English and Chinese) at that size, to look at.
replay() { unshare -m --propagation slave "$MINGBAI_BIN" replay "tests/replay/$1.replay" --shots "${MINGBAI_STICK_SHOTS:-$tmp/shots}" \
  ${MINGBAI_STICK_WINDOW:+--window "$MINGBAI_STICK_WINDOW"} --db "$db" 2> "$tmp/log" || { cat "$tmp/asked" "$run/stick/status"; false; } ||
  { cat "$tmp/log"; fail "replay $1"; }; }
listing() { (cd "$1" && find . | LC_ALL=C sort | tr '\n' ' '); }

# The export: made writable, written, unmounted, and then "take it out".
mkdir "$tmp/source"
plug
[ "$(options)" = ro ] || fail "the stick is not read-only to begin with"
start_service normal
replay export_stick
stop_service
[ "$(cat "$tmp/asked")" = "rw MP
eject MP" ] || fail "requests: $(cat "$tmp/asked")"
! findmnt --mountpoint "$mp" >/dev/null || fail "the stick is still mounted after the export"
want=". ./mingbai-session-1 ./mingbai-session-1/answers.csv ./mingbai-session-1/progress.csv ./mingbai-session-1/report.html ./mingbai-session-1/statements.json "
[ "$(listing "$tmp/taken-out")" = "$want" ] || fail "files on the stick taken out: $(listing "$tmp/taken-out")"
mkdir "$tmp/cli"
for f in csv xapi; do
  "$MINGBAI_BIN" export --format $f --out "$tmp/cli" --session 1 --db "$db" >/dev/null
done
for f in answers.csv progress.csv statements.json; do
  cmp "$tmp/cli/$f" "$tmp/taken-out/mingbai-session-1/$f" || fail "$f differs from mingbai export's"
done
grep -q '</html>' "$tmp/taken-out/mingbai-session-1/report.html" || fail "the report on the stick is cut short"
[ "$(dump)" = "$before" ] || fail "exporting changed the database"

# No answer from the service (it is not running): said, nothing written,
# the request left for the service when it comes.
rm -rf "$tmp/source" && mkdir "$tmp/source"
plug
rm -f "$run"/requests/*
MINGBAI_STICK_WAIT_MS=300 replay export_stick_no_answer
[ "$(listing "$tmp/source")" = ". " ] || fail "written with no answer: $(listing "$tmp/source")"
[ "$(cat "$run"/requests/*)" = "rw $mp" ] || fail "the request left: $(cat "$run"/requests/* 2>/dev/null)"
rm -f "$run"/requests/*
grep -q "no answer to .* from the stick service" "$tmp/log" || fail "no answer not logged"

# The stick pulled once it was made writable.
start_service pull
replay export_stick_pulled
stop_service
[ "$(cat "$tmp/asked")" = "rw MP
ro MP" ] || fail "requests with the stick pulled: $(cat "$tmp/asked")"
[ "$(listing "$tmp/source")" = ". " ] || fail "written to the pulled stick: $(listing "$tmp/source")"

# A full stick: CSV and xAPI fit, the HTML report does not.
rm -rf "$tmp/source" && mkdir "$tmp/source"
mount -t tmpfs -o size=16k tmpfs "$tmp/source"
plug
start_service normal
replay export_stick_full
stop_service
[ "$(cat "$tmp/asked")" = "rw MP
ro MP" ] || fail "requests with the stick full: $(cat "$tmp/asked")"
[ "$(listing "$mp")" = ". " ] || fail "left on the full stick: $(listing "$mp")"
[ "$(options)" = ro ] || fail "the full stick was not made read-only again: $(options)"
umount "$mp"
umount "$tmp/source"

# Importing a pack from the read-only stick: imported, the stick unchanged.
rm -rf "$tmp/source" && mkdir "$tmp/source"
cp -r tests/packs/good/bilingual "$tmp/source/"
plug
sum() { (cd "$tmp/source" && find . -printf '%p %s %T@\n' | LC_ALL=C sort | md5sum); }
was=$(sum)
MINGBAI_IMPORT_DIR=$mp unshare -m --propagation slave "$MINGBAI_BIN" replay tests/replay/packs_import.replay --shots "$tmp/shots" \
  --db "$tmp/import.db" 2> "$tmp/log" || { cat "$tmp/log"; fail "import from the read-only stick"; }
rows=$(sqlite3 "$tmp/import.db" "SELECT id || ' ' || version FROM pack ORDER BY id" | tr '\n' ';')
[ "$rows" = "bilingual 1.0;media-literacy 1.1;" ] || fail "packs after the import: $rows"
[ "$(sum)" = "$was" ] || fail "the import changed the stick"
echo "ok: export onto the read-only stick (rw, written, unmounted); no answer, pulled, full said; import from it"
