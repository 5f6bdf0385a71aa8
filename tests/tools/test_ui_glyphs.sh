#!/usr/bin/env bash
# Every character the screens write as a literal (not through the
# translation catalogue, which tests/unit/test_text.c covers) has a glyph in
# the shipped fonts, in the regular and in the bold chain: check boxes,
# arrows, the caret, bullets, the language names. A missing glyph shows as
# an empty box (.notdef), which layout-ok cannot see; this once hid the
# multiple-response check boxes ("☐"/"☑" are in neither Noto face).
set -u
. "$(dirname "$0")/need.sh"
need fc-query fontconfig
need python3 python3
cover() { fc-query --format='%{charset}\n' "$1" | head -1; }
export REG_LATIN=$(cover fonts/NotoSans-Regular.ttf) REG_CJK=$(cover fonts/NotoSansSC-Regular.otf)
export BOLD_LATIN=$(cover fonts/NotoSans-Bold.ttf) BOLD_CJK=$(cover fonts/NotoSansSC-Bold.otf)
python3 - kiosk/ui/*.c kiosk/ui/screens/*.c <<'EOF'
import os, re, sys

def ranges(spec):
    out = []
    for part in spec.split():
        a, _, b = part.partition('-')
        out.append((int(a, 16), int(b or a, 16)))
    return out

def has(rs, cp):
    return any(a <= cp <= b for a, b in rs)

reg = ranges(os.environ['REG_LATIN']) + ranges(os.environ['REG_CJK'])
bold = ranges(os.environ['BOLD_LATIN']) + ranges(os.environ['BOLD_CJK'])
missing = {}
count = 0
for path in sys.argv[1:]:
    src = open(path, encoding='utf-8').read()
    src = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), src, flags=re.S)
    src = re.sub(r'//[^\n]*', '', src)
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', src):
        line = src.count('\n', 0, m.start()) + 1
        for ch in m.group(1):
            cp = ord(ch)
            if cp < 128:
                continue
            count += 1
            if not has(reg, cp) or not has(bold, cp):
                missing.setdefault(ch, f'{path}:{line}')
if missing:
    for ch, where in sorted(missing.items()):
        print(f'U+{ord(ch):04X} {ch!r} is not in the shipped fonts (first at {where})')
    sys.exit(1)
print(f'ok: {count} non-ASCII characters in the screens\' literals, all covered')
EOF
