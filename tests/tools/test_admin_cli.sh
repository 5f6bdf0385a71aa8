#!/usr/bin/env bash
# The instructor's shell commands end to end, on temporary databases, in
# English and in Chinese (LANG=zh_CN.UTF-8):
# - `instructor set-pin` from a pipe (and from a terminal, through python3's
#   pty, when it is there): a hash in the database, never the digits;
# - `backup FILE`: taken while another program holds answers in the WAL,
#   the backup opens, passes integrity_check and holds them all;
# - the kiosk, closed normally while another program has the database open,
#   leaves its WAL empty: a plain copy of the file holds the answer;
# - `results merge`: two kiosks into a third, twice (the second time adds
#   nothing), exact row counts; a file that is not a Mingbai database and
#   one of a newer schema refused, with nothing changed or created;
# - `participant delete`: a byte search of the file and its -wal finds
#   nothing of them, in English and in Chinese characters.
set -u
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
tmp=$(mktemp -d)
holder=
trap '[ -n "$holder" ] && kill "$holder" 2>/dev/null; rm -rf "$tmp"' EXIT
unset MINGBAI_DB LC_ALL LC_MESSAGES
export LANG=C.UTF-8
fail=0

bad() { echo "FAIL: $*"; fail=1; }
expect() { # expect STATUS DESCRIPTION COMMAND... (stdin is the caller's)
  local want=$1 what=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ $rc -eq "$want" ] || { bad "$what: exit $rc, expected $want"; cat "$tmp/out" "$tmp/err"; }
}
contains() { # contains FILE TEXT DESCRIPTION
  grep -qF -- "$2" "$1" || { bad "$3: no \"$2\" in:"; cat "$1"; }
}
same() { # same ACTUAL EXPECTED DESCRIPTION
  [ "$1" = "$2" ] || bad "$3: \"$1\", expected \"$2\""
}
# hold_open DB: another program (the kiosk, a shell) keeps DB open, idle,
# until release.
hold_open() {
  rm -f "$tmp/hold" "$tmp/held"
  mkfifo "$tmp/hold"
  sqlite3 "$1" <"$tmp/hold" >/dev/null 2>&1 &
  holder=$!
  exec 3>"$tmp/hold"
  printf 'SELECT count(*) FROM setting;\n.shell touch %s/held\n' "$tmp" >&3
  for _ in $(seq 200); do [ -e "$tmp/held" ] && break; sleep 0.05; done
  [ -e "$tmp/held" ] || bad "the other program did not open $1"
}
release() {
  exec 3>&-
  wait "$holder"
  holder=
}
# answers DB PARTICIPANT-ROW-ID UUID-PREFIX N: N answers written by sqlite3.
answers() {
  local sql="" i
  for i in $(seq "$4"); do
    sql+="INSERT INTO attempt(uuid, participant, pack_id, pack_version, unit, question_id, type,
      lang, response, score, max, correct, review, started_ms, answered_ms, kiosk_id)
      VALUES('$3-$i', $2, 'media-literacy', '1.0', 'u1', 'u1-q$i', 'multichoice', 'en', 'x',
      0, 1, 0, 0, $i, $i, 'k-test');"
  done
  sqlite3 "$1" "$sql"
}

# ---------------- instructor set-pin ----------------
db=$tmp/pin.db
printf '13572468\n13572468\n' | expect 0 "set-pin from a pipe" "$bin" instructor set-pin --db "$db"
contains "$tmp/out" "The instructor PIN is set." "set-pin"
hash=$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'pin_hash'")
[[ "$hash" == '$argon2id$v=19$m=16384,t=2,p=1$'* ]] || bad "the PIN is not an Argon2id hash: $hash"
[[ "$hash" != *13572468* ]] || bad "the hash holds the PIN"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
! grep -aqF 13572468 "$db" || bad "the database file holds the PIN's digits"
printf '2468\n' | LANG=zh_CN.UTF-8 expect 0 "set-pin again" "$bin" instructor set-pin --db "$db"
contains "$tmp/out" "教师 PIN 已更改。" "set-pin in Chinese"
printf '12a4\n' | expect 1 "a PIN with a letter" "$bin" instructor set-pin --db "$db"
contains "$tmp/err" "a PIN is 4 to 8 digits" "a PIN with a letter"
printf '1234\n1235\n' | LANG=zh_CN.UTF-8 expect 1 "two PINs that differ" "$bin" instructor \
  set-pin --db "$db"
contains "$tmp/err" "两次输入的 PIN 不一致" "two PINs that differ"
expect 1 "no PIN" "$bin" instructor set-pin --db "$db" </dev/null
same "$(sqlite3 "$db" "SELECT count(*) FROM setting WHERE key = 'pin_hash' AND value = '$hash'")" \
  0 "the PIN set second is kept"
if command -v python3 >/dev/null; then
  # On a terminal: asked twice, the digits never shown.
  python3 - "$bin" "$db" >"$tmp/tty" 2>&1 <<'EOF' || bad "set-pin on a terminal: $(cat "$tmp/tty")"
import os, pty, signal, sys
signal.alarm(30)
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], [sys.argv[1], "instructor", "set-pin", "--db", sys.argv[2]])
out = b""
def read_until(token):
    global out
    while token not in out:
        out += os.read(fd, 1024)
read_until("digits): ".encode())
os.write(fd, b"86429753\n")
read_until(b"again: ")
os.write(fd, b"86429753\n")
try:
    while True:
        chunk = os.read(fd, 1024)
        if not chunk:
            break
        out += chunk
except OSError:
    pass
_, status = os.waitpid(pid, 0)
text = out.decode()
assert os.WEXITSTATUS(status) == 0, text
assert "86429753" not in text, "the PIN was shown: " + text
assert "The instructor PIN was changed." in text, text
EOF
fi

# ---------------- backup ----------------
db=$tmp/kiosk.db
new_kiosk_db "$db" 2>/dev/null
add_class "$db"
answers "$db" 1 early 3
hold_open "$db"
answers "$db" 2 held 4 # another program's answers, still in the WAL
cp "$db" "$tmp/plain-copy.db"
same "$(sqlite3 "$tmp/plain-copy.db" "SELECT count(*) FROM attempt" 2>&1)" 3 \
  "a plain copy misses the answers in the WAL (the test sees the problem)"
rm -f "$tmp/plain-copy.db"
expect 0 "backup" "$bin" backup "$tmp/stick/backup.db" --db "$db"
contains "$tmp/out" "Backed up to $tmp/stick/backup.db: 7 answers, checked." "backup"
same "$(sqlite3 "$tmp/stick/backup.db" "PRAGMA integrity_check")" ok "the backup's integrity_check"
same "$(sqlite3 "$tmp/stick/backup.db" "SELECT group_concat(uuid) FROM attempt ORDER BY id")" \
  "$(sqlite3 "$db" "SELECT group_concat(uuid) FROM attempt ORDER BY id")" "the backup's answers"
ls "$tmp/stick" | grep -q tmp && bad "a temporary file was left beside the backup"
LANG=zh_CN.UTF-8 expect 1 "a backup over the database itself" "$bin" backup "$db" --db "$db"
contains "$tmp/err" "mingbai backup：没有完成备份" "a backup over the database itself"
same "$(sqlite3 "$db" "SELECT count(*) FROM attempt")" 7 "the database after a refused backup"
release

# ---------------- the kiosk's WAL at exit ----------------
db=$tmp/exit.db
new_kiosk_db "$db" 2>/dev/null
hold_open "$db"
"$bin" replay tests/replay/first_answer.replay --shots "$tmp/shots" --db "$db" >/dev/null 2>&1 ||
  bad "the replay failed"
same "$(stat -c %s "$db-wal" 2>/dev/null || echo 0)" 0 "the kiosk's WAL after it closed"
cp "$db" "$tmp/plain-copy.db"
same "$(sqlite3 "$tmp/plain-copy.db" "SELECT count(*) FROM attempt")" 1 \
  "a plain copy of the file after the kiosk closed"
release

# ---------------- results merge ----------------
a=$tmp/a.db b=$tmp/b.db c=$tmp/c.db
cp "$tmp/kiosk.db" "$a"
cp "$tmp/kiosk.db" "$b"
sqlite3 "$b" "DELETE FROM attempt; UPDATE participant SET pseudo = 'p-b' || id WHERE id > 30"
answers "$b" 35 b 2
answers "$b" 2 held 1 # also on A: merged once
expect 0 "merge" "$bin" results merge "$a" "$b" --into "$c"
contains "$tmp/out" "$a: 40 new participants, 7 new answers, 0 review boxes, 0 reading positions, 0 resume points, 1 packs" "merge A"
contains "$tmp/out" "$b: 10 new participants, 2 new answers" "merge B"
contains "$tmp/out" "$c now holds 9 answers." "merge"
counts() { sqlite3 "$c" "SELECT (SELECT count(*) FROM participant) || ' ' || (SELECT count(*) FROM attempt) || ' ' || (SELECT count(DISTINCT uuid) FROM attempt) || ' ' || (SELECT count(*) FROM pack)"; }
same "$(counts)" "50 9 9 1" "rows after the merge"
LANG=zh_CN.UTF-8 expect 0 "merge again" "$bin" results merge "$b" "$a" --into "$c"
contains "$tmp/out" "新增学员 0 人，新增答题记录 0 条" "merge again"
same "$(counts)" "50 9 9 1" "rows after merging again"
same "$(sqlite3 "$c" "SELECT count(*) FROM attempt a JOIN participant p ON p.id = a.participant WHERE p.pseudo = 'p-b35'")" 2 "B's answers belong to B's participant"
echo "not a database" >"$tmp/notes.db"
cp "$a" "$tmp/newer.db"
sqlite3 "$tmp/newer.db" "PRAGMA user_version = 99"
expect 1 "a file that is not a Mingbai database" "$bin" results merge "$a" "$tmp/notes.db" --into "$c"
contains "$tmp/err" "$tmp/notes.db is not a Mingbai database" "not a Mingbai database"
contains "$tmp/err" "nothing was merged" "not a Mingbai database"
LANG=zh_CN.UTF-8 expect 1 "a newer schema" "$bin" results merge "$tmp/newer.db" --into "$c"
contains "$tmp/err" "来自更新版本的明白（数据库结构版本 99，本程序最高只认识" "a newer schema"
expect 1 "a newer schema" "$bin" results merge "$tmp/newer.db" --into "$c"
contains "$tmp/err" "comes from a newer Mingbai (schema version 99; this one knows up to" "a newer schema"
same "$(counts)" "50 9 9 1" "rows after the refusals"
expect 1 "a refused merge into a new file" "$bin" results merge "$tmp/notes.db" --into "$tmp/d.db"
[ -e "$tmp/d.db" ] && bad "a refused merge left $tmp/d.db"
expect 2 "merge without --into" "$bin" results merge "$a"
contains "$tmp/err" "usage:" "merge without --into"

# ---------------- participant delete ----------------
db=$tmp/kiosk.db
sqlite3 "$db" "INSERT INTO participant(name, pseudo, guest, created_ms)
  VALUES('Zebediah Quillfeather 欧阳明月', 'p-zeb', 0, 0)"
zeb=$(sqlite3 "$db" "SELECT id FROM participant WHERE pseudo = 'p-zeb'")
answers "$db" "$zeb" zeb 3
sqlite3 "$db" "INSERT INTO resume VALUES($zeb, 'media-literacy', 'u1', 3, 0, 'en', 0)"
grep -aqF "Quillfeather" "$db" "$db-wal" 2>/dev/null || bad "the name is not in the file before"
hold_open "$db" # the kiosk is running, idle
expect 0 "participant delete" "$bin" participant delete p-zeb --db "$db"
contains "$tmp/out" "Deleted participant p-zeb and their 3 answers." "participant delete"
for word in "Zebediah" "Quillfeather" "欧阳明月" "p-zeb" "zeb-1"; do
  for f in "$db" "$db-wal"; do
    [ -e "$f" ] && grep -aqF "$word" "$f" && bad "\"$word\" is still in $f"
  done
done
same "$(sqlite3 "$db" "SELECT (SELECT count(*) FROM participant) || ' ' || (SELECT count(*) FROM attempt) || ' ' || (SELECT count(*) FROM resume)")" "40 7 0" "rows after the delete"
LANG=zh_CN.UTF-8 expect 1 "deleting again" "$bin" participant delete p-zeb --db "$db"
contains "$tmp/err" "mingbai participant：没有学员 p-zeb" "deleting again"
release

[ $fail -eq 0 ] && echo "admin cli: set-pin, backup, the WAL at exit, merge and delete behave"
exit $fail
