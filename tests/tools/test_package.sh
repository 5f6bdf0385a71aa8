#!/usr/bin/env bash
# The amd64 package as an engineer installs it (board/README.md): built by
# board/package (without the test hooks), installed with apt into a clean
# Debian 12 root made by mmdebstrap, where the service unit must pass
# `systemd-analyze verify`, the system settings must be in place, and the
# installed kiosk must answer --version and run a replay on the shipped
# course from /usr/share/mingbai. Needs root (chroot, mounts) and Debian's
# package mirror; where either is missing it says so and exits 77 (need.sh's
# skip), which ctest reports SKIPPED (SKIP_RETURN_CODE 77), never passed.
# mmdebstrap comes from board/debian-packages.txt.
set -euo pipefail
. "$(dirname "$0")/need.sh"
need mmdebstrap mmdebstrap
need dpkg-deb dpkg
[ "$(id -u)" -eq 0 ] || skip "making a Debian root with mmdebstrap and chroot needs root (run as root, or ./board/setup test with sudo)"
[ "$(dpkg --print-architecture)" = amd64 ] || skip "the package test installs the amd64 package; this machine is $(dpkg --print-architecture)"
tmp=$(mktemp -d)
trap 'rm -rf --one-file-system "$tmp"' EXIT
build=${MINGBAI_BUILD_DIR:-build}/package
deb=$(board/package --out "$tmp" --build "$build" | tail -n 1)
[ -f "$deb" ] || { echo "board/package made no package"; exit 1; }

# The root: Debian 12 with apt only, the package installed as the README
# says (apt-get install ./mingbai_*.deb brings the Depends). The checks run
# in mmdebstrap's customize hook, with /proc and /dev mounted in the root.
cp "$deb" "$tmp/mingbai.deb"
cp tests/replay/package.replay "$tmp/package.replay"
cat > "$tmp/check.sh" <<'CHECK'
#!/bin/sh
# Runs inside the new root (chroot), as root.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends /tmp/pkg/mingbai.deb > /tmp/pkg/apt.log 2>&1 ||
  { tail -n 30 /tmp/pkg/apt.log; fail "apt-get install ./mingbai.deb"; }
for u in mingbai.service mingbai-stick.path mingbai-stick.service; do
  out=$(systemd-analyze verify /usr/lib/systemd/system/$u 2>&1) ||
    { echo "$out"; fail "systemd-analyze verify $u"; }
  [ -z "$out" ] || { echo "$out"; fail "systemd-analyze verify $u printed warnings"; }
done
v=$(mingbai --version)
[ "$v" = "mingbai $1" ] || fail "mingbai --version said '$v', not 'mingbai $1'"
if grep -q MINGBAI_ACK_LOG /usr/bin/mingbai; then fail "the installed program has the test hooks"; fi
[ "$(systemctl is-enabled mingbai.service)" = enabled ] || fail "mingbai.service is not enabled"
for u in getty@tty1.service ctrl-alt-del.target; do
  [ "$(systemctl is-enabled "$u" 2>/dev/null || true)" = masked ] || fail "$u is not masked"
done
groups=$(id -nG mingbai) || fail "no user mingbai"
for g in video render input; do
  case " $groups " in *" $g "*) ;; *) fail "mingbai is not in the group $g ($groups)" ;; esac
done
grep -qx 'kernel.sysrq = 0' /usr/lib/sysctl.d/50-mingbai.conf || fail "SysRq is not turned off"
grep -q '^RuntimeWatchdogSec=' /usr/lib/systemd/system.conf.d/50-mingbai.conf || fail "no hardware watchdog"
[ -s /usr/lib/udev/rules.d/90-mingbai-usb.rules ] || fail "no udev rule for USB sticks"
grep -q -- '--options=ro,nosuid,nodev,noexec' /usr/lib/udev/rules.d/90-mingbai-usb.rules ||
  fail "the udev rule does not mount a stick read-only"
# The stick's requests: the path unit enabled, the script root's, the
# request folder the kiosk's to write and the answers root's only.
[ "$(systemctl is-enabled mingbai-stick.path)" = enabled ] || fail "mingbai-stick.path is not enabled"
[ "$(stat -c '%a %U' /usr/lib/mingbai/stick)" = "755 root" ] || fail "/usr/lib/mingbai/stick: $(stat -c '%a %U' /usr/lib/mingbai/stick)"
sh -n /usr/lib/mingbai/stick || fail "/usr/lib/mingbai/stick is not a shell script"
systemd-tmpfiles --create mingbai.conf
[ "$(stat -c '%a %U %G' /run/mingbai/requests)" = "770 root mingbai" ] ||
  fail "/run/mingbai/requests: $(stat -c '%a %U %G' /run/mingbai/requests)"
[ "$(stat -c '%a %U %G' /run/mingbai/stick)" = "755 root root" ] ||
  fail "/run/mingbai/stick: $(stat -c '%a %U %G' /run/mingbai/stick)"
setpriv --reuid=mingbai --regid=mingbai --init-groups sh -c 'echo x > /run/mingbai/requests/t && rm /run/mingbai/requests/t' ||
  fail "the user mingbai cannot leave a request"
if setpriv --reuid=mingbai --regid=mingbai --init-groups sh -c 'echo x > /run/mingbai/stick/status' 2>/dev/null; then
  fail "the user mingbai can write the stick script's answer"
fi
# The kiosk, headless, on the course from /usr/share/mingbai, as mingbai.
mkdir -p /tmp/pkg/run && chown mingbai:mingbai /tmp/pkg/run
cd /tmp/pkg/run
setpriv --reuid=mingbai --regid=mingbai --init-groups env HOME=/tmp/pkg/run \
  SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software \
  mingbai replay /tmp/pkg/package.replay --shots /tmp/pkg/run --db /tmp/pkg/run/k.db \
  > /tmp/pkg/replay.log 2>&1 || { cat /tmp/pkg/replay.log; fail "the replay in the installed kiosk"; }
[ -s /tmp/pkg/run/home-en.png ] || fail "the replay left no screenshot"
list=$(mingbai --db /tmp/pkg/run/k.db pack list 2>/dev/null)
echo "$list" | grep -q '^media-literacy ' || { echo "$list"; fail "the shipped course is not in the database"; }
echo "ok: installed, unit verified, $v, replay on the shipped course"
CHECK
chmod +x "$tmp/check.sh"
version=$(sed -n 's/^project(mingbai VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
# The mirror the host's apt uses (its sources), so that the root reaches
# the same packages.
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -s "$f" ] && sources+=("$f")
done
[ ${#sources[@]} -gt 0 ] || sources=(http://deb.debian.org/debian)
rc=0
mmdebstrap --variant=apt --mode=root \
  --customize-hook='mkdir -p "$1/tmp/pkg"' \
  --customize-hook="copy-in $tmp/mingbai.deb $tmp/package.replay $tmp/check.sh /tmp/pkg" \
  --customize-hook="chroot \"\$1\" /tmp/pkg/check.sh $version" \
  --format=null bookworm /dev/null "${sources[@]}" < /dev/null > "$tmp/mmdebstrap.log" 2>&1 || rc=$?
grep -E '^(ok|FAIL):' "$tmp/mmdebstrap.log" || true
if [ $rc -ne 0 ]; then
  if ! grep -q '^FAIL:' "$tmp/mmdebstrap.log" &&
     grep -qiE 'Temporary failure resolving|Could not resolve|Failed to fetch|Unable to connect|Network is unreachable' "$tmp/mmdebstrap.log"; then
    tail -n 5 "$tmp/mmdebstrap.log"
    skip "Debian's package mirror cannot be reached from here, so no clean root can be made"
  fi
  tail -n 40 "$tmp/mmdebstrap.log"
  exit 1
fi
grep -q '^ok:' "$tmp/mmdebstrap.log" || { tail -n 40 "$tmp/mmdebstrap.log"; exit 1; }
