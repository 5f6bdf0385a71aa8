#!/usr/bin/env bash
# Packs on the instructor's screens (tests/replay/packs_*.replay), from a
# folder standing in for a USB stick (MINGBAI_IMPORT_DIR) holding a good
# pack, a broken one, a zipped one and things that are no pack: the broken
# one's problems are listed by file and line and nothing is imported; the
# good one is imported (after a backup) and participants see it without a
# restart; hidden, they do not; removed, it is gone. An update that drops an
# answered question: home and the review banner count only what is left.
set -eu
. "$(dirname "$0")/need.sh"
need sqlite3 sqlite3
need zip zip
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/stick"
cp -r tests/packs/good/bilingual "$tmp/stick/"
cp -r tests/packs/bad/gift-errors "$tmp/stick/"
(cd tests/packs/good && zip -qr "$tmp/stick/minimal.zip" minimal)
# A pack with hundreds of problems: the first hundred are listed.
cp -r tests/packs/bad/gift-errors "$tmp/stick/many-errors"
for i in $(seq 1 120); do
  printf '\n::k%d:: matching {=a -> b =c}\n' "$i" >> "$tmp/stick/many-errors/quizzes/01-accounts.en.gift"
done
: > "$tmp/stick/notes.txt"
mkdir "$tmp/stick/photos"
export MINGBAI_IMPORT_DIR="$tmp/stick"
db="$tmp/k.db"
rows() { sqlite3 "$db" "SELECT id || ' ' || version || ' ' || hidden FROM pack ORDER BY id" | tr '\n' ';'; }
backups() { find "$tmp" -path '*backups*' -name '*.db' | wc -l; }

"$MINGBAI_BIN" replay tests/replay/packs_broken.replay --shots "$tmp/shots" --db "$db"
[ "$(rows)" = "media-literacy 1.1 0;" ] || { echo "after the broken pack: $(rows)"; exit 1; }
[ "$(backups)" = 0 ] || { echo "a backup was made for a pack that was not imported"; exit 1; }

"$MINGBAI_BIN" replay tests/replay/packs_import.replay --shots "$tmp/shots" --db "$db"
[ "$(rows)" = "bilingual 1.0 1;media-literacy 1.1 0;" ] || { echo "after import and hide: $(rows)"; exit 1; }
[ "$(backups)" = 1 ] || { echo "expected one backup before the import, found $(backups)"; exit 1; }
"$MINGBAI_BIN" --db "$db" pack list | grep -q "^bilingual .*(hidden from participants)$" || { echo "pack list does not say bilingual is hidden"; exit 1; }
"$MINGBAI_BIN" --db "$db" pack list | grep "^media-literacy " | grep -qv "hidden" || { echo "pack list calls media-literacy hidden"; exit 1; }
n=$(sqlite3 "$db" "SELECT count(*) FROM question WHERE pack_id = 'bilingual'")
[ "$n" -gt 0 ] || { echo "the pack's questions were not imported"; exit 1; }

"$MINGBAI_BIN" replay tests/replay/packs_remove.replay --shots "$tmp/shots" --db "$db"
[ "$(rows)" = "media-literacy 1.1 1;" ] || { echo "after remove: $(rows)"; exit 1; }
n=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM pack_file WHERE pack_id = 'bilingual') + (SELECT count(*) FROM question WHERE pack_id = 'bilingual')")
[ "$n" = 0 ] || { echo "the removed pack left $n rows"; exit 1; }
# An update that drops a question answered before: home counts what the
# unit still has (tests/replay/packs_update.replay).
mkdir "$tmp/stick2"
cp -r tests/packs/good/bilingual "$tmp/stick2/"
cp -r tests/packs/good/bilingual "$tmp/stick2/bilingual-new"
sed -i 's/^version = 1.0$/version = 1.1/' "$tmp/stick2/bilingual-new/pack.ini"
for f in "$tmp"/stick2/bilingual-new/quizzes/01-accounts.*.gift; do
  sed -i '/^::q1-2::/d' "$f"
done
export MINGBAI_IMPORT_DIR="$tmp/stick2"
db="$tmp/u.db"
"$MINGBAI_BIN" replay tests/replay/packs_update.replay --shots "$tmp/shots" --db "$db"
[ "$(rows)" = "bilingual 1.1 1;media-literacy 1.1 0;" ] || { echo "after the update: $(rows)"; exit 1; }
n=$(sqlite3 "$db" "SELECT group_concat(question_id, ' ') FROM (SELECT question_id FROM attempt ORDER BY question_id)")
[ "$n" = "q1-1 q1-2" ] || { echo "the answers kept: $n"; exit 1; }
echo "ok: broken pack refused with located problems, good pack imported and shown, hidden, shown, removed"
