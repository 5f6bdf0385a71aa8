#!/usr/bin/env bash
# Proof that a browser shows and prints the HTML report: headless Chromium
# renders the report of a seminar (tests/tools/export_class.sh) in Chinese
# and in English to PNG screenshots, kept in
# $MINGBAI_BUILD_DIR/export-shots/ to be looked at, and prints the Chinese
# one to PDF. Checked here: the pictures are the size asked for, the
# charts were drawn (pixels of the bars' colour, #2f6f9f, in both), the
# PDF has pages, and the report loads nothing from outside (Chromium runs
# with the network switched off). Fonts are the kiosk's own (fonts/,
# through a fontconfig file), so Chinese shows without a system font.
# Skipped (exit 77) without chromium or python3.
set -u
. "$(dirname "$0")/need.sh"
. "$(dirname "$0")/export_class.sh"
need sqlite3 sqlite3
need python3 python3
need chromium chromium
cd "${MINGBAI_SOURCE_DIR:-.}"
root=$PWD
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
MINGBAI_BIN=$bin
out=$(realpath "${MINGBAI_BUILD_DIR:-build}")/export-shots
rm -rf "$out"; mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/shots"
make_class_db "$tmp/kiosk.db" "$tmp/shots" || { echo "FAIL: the seminar could not be replayed"; exit 1; }
cat >"$tmp/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>$root/fonts</dir>
  <cachedir>$tmp/fc-cache</cachedir>
</fontconfig>
CONF
fail=0
browse() { # ARGS... for headless chromium
  FONTCONFIG_FILE=$tmp/fonts.conf timeout 120 chromium --headless --no-sandbox --disable-gpu \
    --hide-scrollbars --no-first-run --user-data-dir="$tmp/profile" \
    --proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>' "$@" >>"$tmp/chromium.log" 2>&1
}
for lang in zh-Hans en; do
  mkdir -p "$tmp/$lang"
  "$bin" export --format html --session 1 --lang $lang --out "$tmp/$lang" --db "$tmp/kiosk.db" \
    >/dev/null || { echo "FAIL: export $lang"; fail=1; continue; }
  cp "$tmp/$lang/report.html" "$out/report-$lang.html"
  browse --window-size=900,1600 --screenshot="$out/report-$lang.png" "file://$tmp/$lang/report.html"
done
browse --print-to-pdf="$out/report-zh-Hans.pdf" --no-pdf-header-footer "file://$tmp/zh-Hans/report.html"

python3 - "$out" <<'PY' || fail=1
import struct, sys, zlib

def png_pixels(path):
    """Width, height and rows of (r, g, b) of an 8-bit RGB or RGBA PNG."""
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat = 8, b''
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, color, _, _, interlace = struct.unpack('>IIBBBBB', body)
            assert depth == 8 and color in (2, 6) and not interlace, (depth, color, interlace)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    bpp = 3 if color == 2 else 4
    raw, stride, prev, rows, i = zlib.decompress(idat), w * bpp, bytearray(w * bpp), [], 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if f == 1: line[x] = (line[x] + a) & 255
            elif f == 2: line[x] = (line[x] + b) & 255
            elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, rows, bpp

problems = []
for lang in ('zh-Hans', 'en'):
    w, h, rows, bpp = png_pixels(f'{sys.argv[1]}/report-{lang}.png')
    bars = sum(1 for r in rows for x in range(0, len(r), bpp) if tuple(r[x:x + 3]) == (0x2f, 0x6f, 0x9f))
    dark = sum(1 for r in rows for x in range(0, len(r), bpp) if sum(r[x:x + 3]) < 200)
    print(f'{lang}: {w}x{h}, {bars} bar pixels, {dark} dark (text) pixels')
    if (w, h) != (900, 1600): problems.append(f'{lang}: size {w}x{h}')
    if bars < 20000: problems.append(f'{lang}: the charts were not drawn ({bars} bar pixels)')
    if dark < 8000: problems.append(f'{lang}: hardly any text ({dark} dark pixels)')
pdf = open(f'{sys.argv[1]}/report-zh-Hans.pdf', 'rb').read()
pages = pdf.count(b'/Type /Page') - pdf.count(b'/Type /Pages')
print(f'pdf: {len(pdf)} bytes, {pages} pages')
if not pdf.startswith(b'%PDF') or pages < 1: problems.append('the report did not print')
for p in problems: print('FAIL', p)
sys.exit(1 if problems else 0)
PY
[ $fail = 0 ] || { echo "chromium said:"; tail -20 "$tmp/chromium.log"; }
echo "screenshots in $out"
exit $fail
