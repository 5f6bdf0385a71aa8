#!/usr/bin/env bash
# The instructor's path: zip the example pack, check it, import it, see it in
# the kiosk; then a broken copy lists every mistake with its line, and
# importing it changes nothing.
set -eu
# The messages checked here are the English ones, whatever the locale.
unset LC_ALL LC_MESSAGES
export LANG=C.UTF-8
. "$(dirname "$0")/need.sh"
need zip zip
need sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd content && zip -qr "$tmp/example.zip" example)
"$MINGBAI_BIN" pack check "$tmp/example.zip"
"$MINGBAI_BIN" --db "$tmp/k.db" pack import "$tmp/example.zip"
"$MINGBAI_BIN" replay tests/replay/example_pack.replay --shots "$tmp/shots" --db "$tmp/k.db"
"$MINGBAI_BIN" --db "$tmp/k.db" pack list | grep -q "^example " || { echo "example not listed"; exit 1; }

# A broken copy: an unclosed answer block and a manifest without an id.
cp -r content/example "$tmp/broken"
sed -i 's/^id = example$/identifier = example/' "$tmp/broken/pack.ini"
f="$tmp/broken/quizzes/01-reading-a-headline.en.gift"
line=$(grep -n '^}' "$f" | head -1 | cut -d: -f1)
sed -i "${line}d" "$f"
set +e
out=$("$MINGBAI_BIN" pack check "$tmp/broken" 2>&1)
rc=$?
set -e
echo "$out"
[ $rc = 1 ] || { echo "pack check should exit 1 on errors, got $rc"; exit 1; }
grep -qE "broken/pack.ini:[0-9]+(:[0-9]+)?: (error|warning): .*identifier" <<<"$out" || { echo "no located message for the unknown key"; exit 1; }
grep -qE "broken/pack.ini(:[0-9]+)*: error: .*\bid\b" <<<"$out" || { echo "no message for the missing id"; exit 1; }
grep -qE "broken/quizzes/01-reading-a-headline.en.gift:[0-9]+:[0-9]+: error: " <<<"$out" || { echo "no located GIFT error"; exit 1; }
before=$(sqlite3 "$tmp/k.db" "SELECT count(*) FROM pack_file")
set +e
"$MINGBAI_BIN" --db "$tmp/k.db" pack import "$tmp/broken" >/dev/null 2>&1
rc=$?
set -e
[ $rc != 0 ] || { echo "a broken pack was imported"; exit 1; }
after=$(sqlite3 "$tmp/k.db" "SELECT count(*) FROM pack_file")
[ "$before" = "$after" ] || { echo "the database changed: $before -> $after files"; exit 1; }
echo "ok: zipped, checked, imported, shown; the broken copy is refused with located messages"
