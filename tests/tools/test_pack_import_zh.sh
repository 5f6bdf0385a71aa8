#!/usr/bin/env bash
# The instructor's import screen in Chinese (tests/replay/packs_broken_zh.replay):
# a broken pack's problems are listed by file:line:col with each message
# and hint in Chinese, and in English once the screen is switched to
# English; nothing is imported, no backup is made.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/stick"
cp -r tests/packs/good/bilingual tests/packs/bad/gift-errors "$tmp/stick/"
export MINGBAI_IMPORT_DIR="$tmp/stick"
db="$tmp/k.db"
"$MINGBAI_BIN" replay tests/replay/packs_broken_zh.replay --shots "${SHOTS:-$tmp/shots}" --db "$db"
rows=$(sqlite3 "$db" "SELECT id || ' ' || version FROM pack ORDER BY id" | tr '\n' ';')
[ "$rows" = "media-literacy 1.1;" ] || { echo "after the broken pack: $rows"; exit 1; }
n=$(find "$tmp" -path '*backups*' -name '*.db' | wc -l)
[ "$n" = 0 ] || { echo "a backup was made for a pack that was not imported"; exit 1; }
echo "ok: the broken pack's problems in Chinese and in English, nothing imported"
