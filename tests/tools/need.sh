# Sourced by the shell tests: what they need, and a fresh kiosk database.
# `need PROGRAM PACKAGE` returns when PROGRAM is
# on the PATH; otherwise it prints one line saying what is missing and how to
# get it, and exits 77, which ctest reports as skipped (SKIP_RETURN_CODE in
# tests/CMakeLists.txt), never as passed.
need() {
  command -v "$1" >/dev/null && return 0
  skip "$1 is not installed; get it with: apt-get install $2 (./board/setup deps installs all the tests need)"
}

# check NAME WANT GOT: "ok   NAME" when GOT is WANT; else "FAIL NAME" with
# both, and fail=1 (the test's own verdict, set to 0 at its start).
check() { # name, want, got
  if [ "$2" != "$3" ]; then
    echo "FAIL $1"
    echo "  expected:"; printf '%s\n' "$2" | sed 's/^/    /'
    echo "  found:"; printf '%s\n' "$3" | sed 's/^/    /'
    fail=1
  else
    echo "ok   $1"
  fi
}

# skip REASON: the test cannot run here.
skip() {
  echo "skipped: $*"
  exit 77
}

# new_kiosk_db DB: the kiosk's database at DB as its first start leaves it
# (schema, the shipped course), for a test to change before its replay.
new_kiosk_db() {
  local dir
  dir=$(mktemp -d)
  printf 'screen attract\n' > "$dir/init.replay"
  "$MINGBAI_BIN" replay "$dir/init.replay" --shots "$dir" --db "$1"
  rm -rf "$dir"
}

# add_class DB: forty participants in DB, a class's roster in capitals
# (ANNA ... ZHAO YUN), as an instructor's list would give them.
add_class() {
  local names=("ANNA" "BAO LI" "CAO MIN" "CHEN JIE" "DAI WEI" "DENG YU" "DING LAN" "DU JUAN"
    "FAN BO" "FENG LIN" "GAO HUA" "GUO QING" "HAN MEI" "HE PING" "HU BIN" "HUANG LEI"
    "JIANG TAO" "JIN LONG" "KONG YI" "LAI FEI" "LIANG KAI" "LIN DAN" "LIU YANG" "LU MING"
    "LUO XIN" "MA LI" "MENG QI" "PAN YUE" "PENG FEI" "QIAN HAO" "QIN YU" "REN JING" "SHEN YI"
    "SONG JIA" "SUN LI" "TANG WEI" "WANG FANG" "WU LEI" "YANG GUANG" "ZHAO YUN")
  local sql="" i
  for i in "${!names[@]}"; do
    sql+="INSERT INTO participant(name, pseudo, guest, created_ms) VALUES('${names[i]}', 'p-$i', 0, 0);"
  done
  sqlite3 "$1" "$sql"
}
