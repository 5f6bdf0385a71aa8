#!/usr/bin/env bash
# The board's stick script (board/debian/stick, /usr/lib/mingbai/stick, run
# as root by mingbai-stick.service) with systemd-mount, systemd-umount,
# findmnt and udevadm replaced by stubs on PATH that log each call and keep
# a pretend mount table: each request's exact calls and answer, and every
# request that must be refused (bad names, links, not a stick's folder, not
# a USB partition, a stick that was pulled, a line too long) refused with
# no mount call at all. Also: the udev rule mounts a stick read-only with
# the script's read-only options (the same mount either way).
set -euo pipefail
. "$(dirname "$0")/need.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { printf "FAIL: %b\n" "$*"; exit 1; }
script=$PWD/board/debian/stick
rules=board/debian/usb.rules
root=$tmp/root stub=$tmp/stub
mkdir -p "$root/run/mingbai/requests" "$root/run/mingbai/stick" "$root/media/mingbai/ABCD-1234" \
  "$root/media/mingbai/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0" "$stub"
fat=nosuid,nodev,noexec,uid=mingbai,gid=mingbai,fmask=0137,dmask=0027

# The stubs. udev knows two USB partitions (sdb1 FAT, sdc1 ext4) and one
# on the SATA bus (sda1); $stub/mounts is the table "MOUNTPOINT SOURCE
# OPTIONS"; $stub/busy makes unmounting fail, $stub/bad-rw mounting rw.
cat > "$stub/udevadm" <<'EOF'
#!/bin/sh
echo "udevadm $*" >> "$STUB/calls.all"
case "$*" in
  *by-uuid/ABCD-1234) printf 'DEVNAME=/dev/sdb1\nSUBSYSTEM=block\nID_BUS=usb\nID_FS_USAGE=filesystem\nID_FS_TYPE=vfat\nID_FS_UUID=ABCD-1234\n' ;;
  *by-uuid/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0) printf 'DEVNAME=/dev/sdc1\nSUBSYSTEM=block\nID_BUS=usb\nID_FS_USAGE=filesystem\nID_FS_TYPE=ext4\nID_FS_UUID=0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0\n' ;;
  *by-uuid/1234-5678) printf 'DEVNAME=/dev/sda1\nSUBSYSTEM=block\nID_BUS=ata\nID_FS_USAGE=filesystem\nID_FS_TYPE=vfat\nID_FS_UUID=1234-5678\n' ;;
  *by-uuid/9999-0000) printf 'DEVNAME=/dev/sdd1\nSUBSYSTEM=block\nID_BUS=usb\nID_FS_USAGE=filesystem\nID_FS_TYPE=ntfs\nID_FS_UUID=9999-0000\n' ;;
  *) echo "Unknown device" >&2; exit 1 ;;
esac
EOF
cat > "$stub/findmnt" <<'EOF'
#!/bin/sh
# findmnt -n -r -o SOURCE,OPTIONS --mountpoint MP
for mp; do :; done
awk -v mp="$mp" '$1 == mp { print $2, $3 }' "$STUB/mounts"
EOF
cat > "$stub/systemd-umount" <<'EOF'
#!/bin/sh
echo "systemd-umount $*" >> "$STUB/calls"
[ ! -e "$STUB/busy" ] || { echo "target is busy" >&2; exit 1; }
awk -v mp="$1" '$1 != mp' "$STUB/mounts" > "$STUB/mounts.new" && mv "$STUB/mounts.new" "$STUB/mounts"
EOF
cat > "$stub/systemd-mount" <<'EOF'
#!/bin/sh
echo "systemd-mount $*" >> "$STUB/calls"
for a; do case "$a" in --options=*) opts=${a#--options=} ;; esac; done
case "$opts" in rw,*) [ ! -e "$STUB/bad-rw" ] || exit 1 ;; esac
for mp; do :; done
dev=$(eval "echo \${$(($# - 1))}")
echo "$mp $dev $opts" >> "$STUB/mounts"
EOF
chmod +x "$stub"/*
export STUB=$stub PATH=$stub:$PATH MINGBAI_STICK_TEST_ROOT=$root

# ask NAME LINE: leaves one request and runs the script as the path unit
# would; the calls it made are in $calls, its answer in $status.
ask() {
  printf '%s\n' "$2" > "$root/run/mingbai/requests/$1"
  : > "$stub/calls"
  bash "$script" 2> "$tmp/log" || fail "the script failed: $(cat "$tmp/log")"
  calls=$(cat "$stub/calls")
  status=$(cat "$root/run/mingbai/stick/status")
  [ -z "$(ls -A "$root/run/mingbai/requests")" ] || fail "requests left: $(ls -A "$root/run/mingbai/requests")"
}
expect_status() { [ "$status" = "$1" ] || fail "status after '$2': '$status', expected '$1'"; }
expect_calls() { [ "$calls" = "$1" ] || fail "calls for '$2':\n$calls\nexpected:\n$1"; }
mp=/media/mingbai/ABCD-1234 ext=/media/mingbai/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0

# A FAT stick as the udev rule mounts it, made writable with sync, read-only
# again, then unmounted.
echo "$mp /dev/sdb1 ro,$fat" > "$stub/mounts"
ask r1 "rw $mp"
expect_status "r1 ok rw
/dev/sdb1 mounted rw on $mp" "rw"
expect_calls "systemd-umount $mp
systemd-mount --collect --automount=no --options=rw,sync,$fat /dev/sdb1 $mp" "rw"
ask r2 "rw $mp"
expect_status "r2 ok rw
/dev/sdb1 was already mounted rw" "rw again"
expect_calls "" "rw again"
ask r3 "ro $mp"
expect_calls "systemd-umount $mp
systemd-mount --collect --automount=no --options=ro,$fat /dev/sdb1 $mp" "ro"
expect_status "r3 ok ro
/dev/sdb1 mounted ro on $mp" "ro"
ask r4 "eject $mp"
expect_calls "systemd-umount $mp" "eject"
expect_status "r4 ok eject
/dev/sdb1 unmounted; it can be taken out" "eject"
[ ! -s "$stub/mounts" ] || fail "still mounted after eject: $(cat "$stub/mounts")"
# The stick is gone (pulled, or unmounted before): nothing to do.
ask r5 "rw $mp"
expect_calls "" "rw of a stick not mounted"
expect_status "r5 failed rw
/dev/sdb1 is not mounted on $mp (was the stick taken out?)" "rw of a stick not mounted"

# An ext4 stick: no uid= options.
echo "$ext /dev/sdc1 ro,nosuid,nodev,noexec" > "$stub/mounts"
ask e1 "rw $ext"
expect_calls "systemd-umount $ext
systemd-mount --collect --automount=no --options=rw,sync,nosuid,nodev,noexec /dev/sdc1 $ext" "ext4 rw"
expect_status "e1 ok rw
/dev/sdc1 mounted rw on $ext" "ext4 rw"

# Busy: not unmounted, so not made writable; rw refused by the kernel: read-only again.
echo "$mp /dev/sdb1 ro,$fat" > "$stub/mounts"
touch "$stub/busy"
ask b1 "rw $mp"
expect_calls "systemd-umount $mp" "busy"
expect_status "b1 failed rw
$mp could not be unmounted (still in use?)" "busy"
ask b2 "eject $mp"
expect_status "b2 failed eject
$mp could not be unmounted (still in use?)" "busy eject"
rm "$stub/busy"
touch "$stub/bad-rw"
ask b3 "rw $mp"
expect_calls "systemd-umount $mp
systemd-mount --collect --automount=no --options=rw,sync,$fat /dev/sdb1 $mp
systemd-mount --collect --automount=no --options=rw,sync,$fat /dev/sdb1 $mp
systemd-mount --collect --automount=no --options=ro,$fat /dev/sdb1 $mp" "rw refused"
expect_status "b3 failed rw
/dev/sdb1 could not be mounted rw on $mp" "rw refused"
rm "$stub/bad-rw"

# Requests refused, with no mount call at all.
echo "$mp /dev/sdb1 ro,$fat" > "$stub/mounts"
echo "/media/mingbai/1234-5678 /dev/sda1 ro,$fat" >> "$stub/mounts"
echo "/media/mingbai/9999-0000 /dev/sdd1 ro" >> "$stub/mounts"
refused() { # NAME LINE MESSAGE
  : > "$stub/calls.all"
  ask "$1" "$2"
  expect_calls "" "$2"
  expect_status "$3" "$2"
}
not_stick="not a stick's folder (/media/mingbai/UUID)"
refused x1 "rw /etc" "x1 refused rw
$not_stick"
refused x2 "rw /media/mingbai/../../etc" "x2 refused rw
$not_stick"
refused x3 "rw /media/mingbai/ABCD-1234/.." "x3 refused rw
$not_stick"
refused x4 "rw /media/mingbai/abcd-1234" "x4 refused rw
$not_stick"
refused x5 "rw  $mp" "x5 refused rw
$not_stick"
refused x6 "rw /media/mingbai/ABCD-1234 /dev/sda1" "x6 refused rw
$not_stick"
refused x7 "format $mp" "x7 refused ?
unknown action (rw, ro or eject)"
refused x8 "rw /media/mingbai/1234-5678" "x8 refused rw
no USB partition with the UUID 1234-5678"
refused x9 "rw /media/mingbai/9999-0000" "x9 refused rw
/dev/sdd1 holds ntfs, not FAT, exFAT or ext"
refused x10 "rw /media/mingbai/ABCD-0000" "x10 refused rw
no USB partition with the UUID ABCD-0000"
refused x11 "rw $mp
eject $mp" "x11 refused ?
the request is not one line of at most 200 bytes"
refused x12 "rw $mp$(printf '%0200d' 0)" "x12 refused ?
the request is not one line of at most 200 bytes"
[ ! -s "$stub/calls.all" ] || fail "udev was asked about a request refused before: $(cat "$stub/calls.all")"
# A link for the request, a folder for the request, a link for the stick's folder.
echo "rw $mp" > "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$root/run/mingbai/requests/l1"
: > "$stub/calls"
bash "$script" 2> "$tmp/log"
[ "$(cat "$root/run/mingbai/stick/status")" = "l1 refused ?
the request is not a plain file" ] || fail "a link as the request: $(cat "$root/run/mingbai/stick/status")"
[ -f "$tmp/elsewhere" ] || fail "the file a request linked to was removed"
mkdir "$root/run/mingbai/requests/d1"
bash "$script" 2> "$tmp/log"
[ "$(head -n 1 "$root/run/mingbai/stick/status")" = "d1 refused ?" ] || fail "a folder as the request"
mv "$root/media/mingbai/ABCD-1234" "$tmp/real"
ln -s "$tmp/real" "$root/media/mingbai/ABCD-1234"
refused x13 "rw $mp" "x13 refused rw
$root$mp is a link"
rm "$root/media/mingbai/ABCD-1234"
mv "$tmp/real" "$root/media/mingbai/ABCD-1234"
# Bad names: removed, never read, no answer.
before=$(cat "$root/run/mingbai/stick/status")
for n in 'a.b' '-rf' 'x y' "$(printf 'a%.0s' {1..41})" $'n\nl'; do
  printf 'rw %s\n' "$mp" > "$root/run/mingbai/requests/$n"
done
: > "$stub/calls"
bash "$script" 2> "$tmp/log"
[ -z "$(ls -A "$root/run/mingbai/requests")" ] || fail "bad names left: $(ls -A "$root/run/mingbai/requests")"
[ ! -s "$stub/calls" ] || fail "a request with a bad name was acted on: $(cat "$stub/calls")"
[ "$(cat "$root/run/mingbai/stick/status")" = "$before" ] || fail "a bad name was answered"
# Two requests at once: both, in the order of their names.
ask q1 "eject $mp"
printf 'rw %s\n' "$mp" > "$root/run/mingbai/requests/q2"
echo "$mp /dev/sdb1 ro,$fat" > "$stub/mounts"
printf 'eject %s\n' "$mp" > "$root/run/mingbai/requests/q3"
: > "$stub/calls"
bash "$script" 2> "$tmp/log"
[ "$(cat "$stub/calls")" = "systemd-umount $mp
systemd-mount --collect --automount=no --options=rw,sync,$fat /dev/sdb1 $mp
systemd-umount $mp" ] || fail "two requests: $(cat "$stub/calls")"
[ "$(head -n 1 "$root/run/mingbai/stick/status")" = "q3 ok eject" ] || fail "two requests: last answer"

# The udev rule mounts read-only with the script's options, and only that.
for t in vfat ext4; do
  o=$(grep "ID_FS_TYPE}==\"[a-z|]*$t" "$rules" | sed -n 's/.*--options=\([^ ]*\) .*/\1/p')
  if [ $t = vfat ]; then want=ro,$(sed -n 's/^fat_opts=//p' "$script"); else want=ro,$(sed -n 's/^ext_opts=//p' "$script"); fi
  [ "$o" = "$want" ] || fail "the udev rule mounts $t with '$o', not '$want'"
done
[ "$want" = ro,nosuid,nodev,noexec ] || fail "the read-only options are not nosuid,nodev,noexec: $want"
! grep -q -- '--options=rw' "$rules" || fail "the udev rule mounts a stick writable"
grep -q '/media/mingbai/$env{ID_FS_UUID}"$' "$rules" || fail "the udev rule does not mount under /media/mingbai/UUID"
echo "ok: the stick script's actions and refusals; the udev rule mounts read-only"
