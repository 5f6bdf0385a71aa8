# Adds N participants to the kiosk database DB, one committed transaction
# each, and ends the process without closing it: their rows stay in
# DB-wal, as after a power cut or kill -9. Usage: leave_wal.py DB NAME N
#
# The kiosk records the salts of each log it starts in DB-walid
# (kiosk/store/store_walid.c) and refuses a -wal whose salts are not
# recorded; when DB has such a record, it is kept here as the kiosk keeps
# it, so that the rows are as the kiosk would have left them.
import sqlite3, sys, os
path = sys.argv[1]
def header_salts():
    try:
        with open(path + "-wal", "rb") as f:
            h = f.read(32)
    except OSError:
        return None
    return h[16:24] if len(h) == 32 and h[:4] in (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83") else None
before = header_salts()
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA wal_autocheckpoint=0")
for i in range(int(sys.argv[3])):
    db.execute("BEGIN")
    db.execute("INSERT INTO participant(name, pseudo, created_ms) VALUES(?, ?, ?)", (sys.argv[2] + str(i), sys.argv[2] + "-p" + str(i), 1000 + i))
    db.execute("COMMIT")
after = header_salts()
record = path + "-walid"
if os.path.exists(record) and after and after != before:
    with open(record, "rb") as f:
        old = f.read()
    prev = before or (old[16:24] if len(old) == 24 else bytes(8))
    with open(record + ".tmp", "wb") as f:
        f.write(b"MBWALID1" + prev + after)
        f.flush()
        os.fsync(f.fileno())
    os.rename(record + ".tmp", record)
os._exit(0)  # the log stays, as after a power cut
