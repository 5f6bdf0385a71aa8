#!/usr/bin/env bash
# The service's readiness and watchdog (mingbai.service: Type=notify,
# WatchdogSec=30): the kiosk, full-screen and idle on the attract screen,
# tells systemd READY=1 once, then feeds the watchdog (WATCHDOG=1) from its
# main loop at least three times per period, also while nothing happens,
# and says STOPPING=1 on SIGTERM. systemd's socket is played by a Unix
# datagram socket here (NOTIFY_SOCKET), the period by WATCHDOG_USEC (0.6 s).
set -eu
. "$(dirname "$0")/need.sh"
need python3 python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" "$MINGBAI_BIN" <<'PY'
import os, signal, socket, subprocess, sys, time
tmp, binary = sys.argv[1], sys.argv[2]
path = os.path.join(tmp, "notify")
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.settimeout(0.1)
env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="600000")
env.pop("DISPLAY", None); env.pop("WAYLAND_DISPLAY", None)
# WATCHDOG_PID names the kiosk itself: the shell execs it.
p = subprocess.Popen(["sh", "-c", 'WATCHDOG_PID=$$ exec "$0" --db "$1"', binary,
                      os.path.join(tmp, "k.db")], env=env, stderr=open(os.path.join(tmp, "log"), "w"))
got = []
def take(until):
    while time.time() < until:
        try:
            got.append((time.time(), s.recv(4096).decode()))
        except socket.timeout:
            pass
# Ready once the first page is up (a minute at most: under qemu-user the
# first start imports the course slowly).
deadline = time.time() + 60
while time.time() < deadline and not any("READY=1" in m for _, m in got):
    take(time.time() + 0.5)
take(time.time() + 1)
ready = [t for t, m in got if "READY=1" in m]
if not ready:
    p.kill(); print(open(os.path.join(tmp, "log")).read()); sys.exit("FAIL: no READY=1 from the kiosk")
# Idle after start: count the feeds over 3 s.
start = time.time()
n0 = sum("WATCHDOG=1" in m for _, m in got)
take(start + 3)
feeds = [t for t, m in got if "WATCHDOG=1" in m and t >= start]
p.send_signal(signal.SIGTERM)
take(time.time() + 2)
rc = p.wait(timeout=10)
stopping = any("STOPPING=1" in m for _, m in got)
gaps = [b - a for a, b in zip(feeds, feeds[1:])]
print("READY=1 once: %s; WATCHDOG=1 %d times in 3 s idle (longest gap %.2f s); STOPPING=1: %s; exit %d"
      % (len(ready) == 1, len(feeds), max(gaps) if gaps else 0, stopping, rc))
if len(ready) != 1: sys.exit("FAIL: READY=1 %d times" % len(ready))
if len(feeds) < 8 or max(gaps) > 0.45: sys.exit("FAIL: the watchdog was not fed within each 0.6 s period while idle")
if not stopping or rc != 0: sys.exit("FAIL: no STOPPING=1 or exit %d on SIGTERM" % rc)
PY
echo "ok: ready, the watchdog fed while idle, stopping"
