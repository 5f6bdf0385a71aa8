#!/usr/bin/env bash
# Proof that a spreadsheet reads the CSV export as meant: LibreOffice Calc
# (headless) opens answers.csv and progress.csv of a seminar
# (tests/tools/export_class.sh, exported with --names) with formulas
# evaluated, as a spreadsheet opened by hand would, and saves them as flat
# ODS, which is read back here: Chinese names and answers intact, the
# name "=2+3" and the typed answer "=1+1" kept as text (no formula, no
# 5 or 2), the negative answer -2011 a number, scores, maxima and seconds
# numbers, every row there. A control file without the apostrophes shows
# that the same import does evaluate "=2+3", so the neutralising is what
# keeps it text. Skipped (exit 77) without soffice or python3.
set -u
. "$(dirname "$0")/need.sh"
. "$(dirname "$0")/export_class.sh"
need sqlite3 sqlite3
need python3 python3
need soffice libreoffice-calc-nogui
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
MINGBAI_BIN=$bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/shots" "$tmp/csv" "$tmp/ods"
make_class_db "$tmp/kiosk.db" "$tmp/shots" || { echo "FAIL: the seminar could not be replayed"; exit 1; }
"$bin" export --format csv --names --session 1 --out "$tmp/csv" --db "$tmp/kiosk.db" >/dev/null ||
  { echo "FAIL: export"; exit 1; }
printf '\xef\xbb\xbfname,score\r\n=2+3,1\r\n' >"$tmp/csv/control.csv"
sqlite3 -separator '|' "$tmp/kiosk.db" "SELECT p.name, a.response, a.score FROM attempt a
  JOIN participant p ON p.id = a.participant WHERE a.session = 1 ORDER BY a.answered_ms, a.id" \
  >"$tmp/want"

# CSV filter options: comma, double quote, UTF-8, from line 1, no column
# formats, English (US) number reading, quoted fields not forced to text,
# special numbers not detected, ..., formulas evaluated (token 13).
soffice -env:UserInstallation="file://$tmp/profile" --headless \
  --infilter="CSV:44,34,76,1,,1033,false,false,false,false,false,-1,true" \
  --convert-to fods --outdir "$tmp/ods" \
  "$tmp/csv/answers.csv" "$tmp/csv/progress.csv" "$tmp/csv/control.csv" >"$tmp/soffice.log" 2>&1
for f in answers progress control; do
  [ -s "$tmp/ods/$f.fods" ] || { echo "FAIL: LibreOffice did not convert $f.csv"; cat "$tmp/soffice.log"; exit 1; }
done

python3 - "$tmp/ods" "$tmp/want" <<'EOF'
import sys
import xml.etree.ElementTree as ET
T = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0'
O = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0'
P = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'

def sheet(name):
    """Rows of (type, text, value, formula) cells, header first."""
    rows = []
    for r in ET.parse(f'{sys.argv[1]}/{name}.fods').getroot().iter(f'{{{T}}}table-row'):
        cells = []
        for c in r.findall(f'{{{T}}}table-cell'):
            rep = int(c.get(f'{{{T}}}number-columns-repeated', '1'))
            text = '\n'.join(p.text or '' for p in c.findall(f'{{{P}}}p'))
            cell = (c.get(f'{{{O}}}value-type'), text, c.get(f'{{{O}}}value'), c.get(f'{{{T}}}formula'))
            cells += [cell] * min(rep, 64)
        while cells and cells[-1][0] is None:
            cells.pop()
        if cells:
            rows.append(cells)
    return rows

fail = []
def check(what, want, got):
    if want != got:
        fail.append(f'{what}: expected {want!r}, found {got!r}')

ctl = sheet('control')
check('control: "=2+3" unneutralised is evaluated by this import',
      ('float', '5'), (ctl[1][0][0], ctl[1][0][2]))

rows = sheet('answers')
head = [c[1] for c in rows[0]]
col = {h: i for i, h in enumerate(head)}
want = [l.rstrip('\n').split('|') for l in open(sys.argv[2], encoding='utf-8')]
check('answers: rows', len(want), len(rows) - 1)
for n, (r, (name, response, score)) in enumerate(zip(rows[1:], want), 1):
    formulas = [c[1] for c in r if c[3]]
    check(f'row {n}: no formula', [], formulas)
    nm, resp, sc = r[col['name']], r[col['response']], r[col['score']]
    shown = lambda s: "'" + s if s[:1] in '=+@' else s
    check(f'row {n}: name', ('string', shown(name)), nm[:2])
    if response in ('-2011', '2011'):
        check(f'row {n}: a number stays a number, negative too', ('float', response),
              (resp[0], resp[2]))
    else:
        check(f'row {n}: response', ('string', shown(response)), resp[:2])
    check(f'row {n}: score is a number', ('float', float(score)), (sc[0], float(sc[2])))
    for c in ('max', 'correct', 'seconds', 'session'):
        check(f'row {n}: {c} is a number', 'float', r[col[c]][0])
prog = sheet('progress')
ph = [c[1] for c in prog[0]]
got = [(r[ph.index('name')][1], r[ph.index('score')][0], r[ph.index('score')][2]) for r in prog[1:]]
check('progress: names and scores', [('ANNA', 'float', '5'), ('王芳', 'float', '6.5'),
                                     ("'=2+3", 'float', '1.5')], got)
for f in fail:
    print('FAIL', f)
print(f'LibreOffice read {len(rows) - 1} answers and {len(prog) - 1} progress rows: '
      f'{"ok" if not fail else str(len(fail)) + " problems"}')
sys.exit(1 if fail else 0)
EOF
