# Adds N participants to the kiosk database DB, one committed transaction
# each, and ends the process without closing it: their rows stay in
# DB-wal, as after a power cut or kill -9. Usage: leave_wal.py DB NAME N
import sqlite3, sys, os
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA wal_autocheckpoint=0")
for i in range(int(sys.argv[3])):
    db.execute("BEGIN")
    db.execute("INSERT INTO participant(name, pseudo, created_ms) VALUES(?, ?, ?)", (sys.argv[2] + str(i), sys.argv[2] + "-p" + str(i), 1000 + i))
    db.execute("COMMIT")
os._exit(0)  # the log stays, as after a power cut
